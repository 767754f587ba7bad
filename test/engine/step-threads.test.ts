/**
 * StepCtx.threads(): a step reads every thread's label and locals as the state being built has
 * them (the kernel's check of a struct device generation's wrap, kernel/paths/device-add.ts), the
 * same on both backends and under --por.
 */
import { describe, expect, it } from 'vitest';
import { check, t, type Model } from 'probecheck';

const W = 'test/step-threads';

/**
 * A sets its local x to 3 and waits a step; B looks at A once: `seen` is 0 before, then 1 (A at
 * `set`, x 0), 2 (A at `wait`, x 3) or 3 (A ended, its locals zeroed), and `x` what B read.
 */
function looker(): Model {
  return {
    name: 'looker', state: t.record({ seen: t.int(3), x: t.int(3), self: t.bool }),
    threads: [
      { name: 'A', locals: t.record({ x: t.int(3) }), steps: {
        set: { where: W, run: (_s: any, l: any) => { l.x = 3; return 'wait'; } },
        wait: { where: W, run: () => null },
      } },
      { name: 'B', steps: {
        look: { where: W, run: (s: any, _l: any, _b: number, ctx) => {
          const ts = ctx.threads!(), a = ts.find((x) => x.name === 'A')!;
          s.seen = a.at === null ? 3 : a.at === 'set' ? 1 : 2;
          s.x = a.locals.x;
          s.self = ts.find((x) => x.name === 'B')!.at === 'look';
          return null;
        } },
      } },
    ],
    properties: [
      { kind: 'invariant', name: 'consistent', holds: (s: any) => s.seen === 0 || (s.self && s.x === (s.seen === 2 ? 3 : 0)) },
      ...[1, 2, 3].map((n) => ({ kind: 'sometimes' as const, name: `seen-${n}`, holds: (s: any) => s.seen === n })),
    ],
  };
}

describe('a step reads the other threads (StepCtx.threads)', () => {
  it('their labels and locals, on both backends and under --por', () => {
    const want = { consistent: 'holds', 'seen-1': 'reachable', 'seen-2': 'reachable', 'seen-3': 'reachable' };
    for (const backend of ['fast', 'reference'] as const) {
      const r = check(looker(), { exhaustive: true, backend });
      expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), backend).toEqual(want);
    }
    // --por keeps every order of B's look against A's steps: it reads A's label and locals.
    const m = looker();
    m.properties = m.properties.filter((p) => p.kind === 'invariant');
    expect(check(m, { exhaustive: true, por: true }).properties[0]!.verdict).toBe('holds');
  });
});
