/**
 * A model's own error in a search (E204: a spawn finds every instance of its program running)
 * says where: the one error line, then the moves that reach the state, as `replay` takes them;
 * a kernel scenario's E204 says which key declares more. Found by a new-user pass (2026-12-03):
 * an async-probing device that defers until a late supplier, with the late initcall, stopped with
 * E204 on every profile, no trace, and a knob that was neither documented nor high enough.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStack, probecheck, tempDir } from './run.js';
import { check, t, type Model } from 'probecheck';

const scenario = (n?: number) => `import { scenario } from 'probecheck';
export default scenario({
  name: 'e204', profile: 'mainline', devices: { dc: {}, sup: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['sup'], present: true, probeType: 'async' }, 'sup-drv': { matches: ['sup'], present: true } },
  ${n ? `asyncInstances: ${n},` : ''} actors: { init: ['add dc', 'deferred_probe_initcall'], hotplug: 'add sup' },
});
`;

describe('E204 in a search', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'e204.ts'), scenario());
  writeFileSync(join(dir, 'e204-5.ts'), scenario(5));
  it('one error line naming the key, then the moves that reach the state', () => {
    const r = probecheck(['check', 'e204.ts'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(hasStack(r.stderr)).toBe(false);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^probecheck: E204 .*spawn\('__device_attach_async_helper\(dc\)'\): every thread of that program is running \(.*\); declare more instances: set the scenario's asyncInstances \(now 2, at most 8\)/);
    // Where each instance is: the moves end both helpers at out_unlock, but each still has
    // async_run_entry_fn's last step to take (a new user, 2026-12-05, read them as finished).
    expect(lines[0]).toContain("running ('kworker/u:async __device_attach_async_helper(dc)' at async_run_entry_fn:done, 'kworker/u:async __device_attach_async_helper(dc)#2' at async_run_entry_fn:done: the step each takes next); declare");
    expect(lines[1]).toMatch(/^  reached by (\d+) moves from the initial state:$/);
    const n = Number(/reached by (\d+)/.exec(lines[1]!)![1]);
    expect(lines.slice(2)).toHaveLength(n);
    expect(lines[2]).toBe('    1. init: device_add(dc):bus_add_device');
    // A choice reads as traces name it.
    expect(lines).toContain('    7. init: __device_attach(dc):async_schedule #async');
  });
  it('with asyncInstances 5 the search finishes', () => {
    const r = probecheck(['check', 'e204-5.ts', '--property', 'no-deadlock', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/no-deadlock\s+holds/);
  });
});

// A model that says no more instances can be declared (a kernel scenario already at asyncInstances 8):
// the error says that, not "declare more" (a hunt, 2026-12-04).
describe('E204 when no more instances can be declared', () => {
  it('the model\'s reason replaces "declare more instances"', () => {
    const model: Model = {
      name: 'nomore', state: t.record({ n: t.int(3) }),
      threads: [
        { name: 'a', steps: { go: { where: 'test', run: (s: { n: number }, _l: unknown, _b: number, ctx) => { s.n++; ctx.spawn('w'); return s.n < 3 ? 'go' : null; } } } },
        ...[1, 2].map((i) => ({ name: `w${i}`, program: 'w', running: false, steps: { wait: { where: 'test', run: () => 'wait' } } })),
      ],
      properties: [{ kind: 'deadlock', name: 'no-deadlock' }],
      moreInstances: () => 'w is at its most here',
    };
    expect(() => check(model)).toThrow(/: every thread of that program is running \('w1' at wait, 'w2' at wait: the step each takes next\); w is at its most here/);
  });
});

// A log hunt (2026-12-04): a deadlock found first was lost to an E204 that asked for more instances.
describe('E204 after a violation was found', () => {
  it('the error keeps what the search had found: each property and its moves', () => {
    const model: Model = {
      name: 'found-then-e204', state: t.record({ n: t.int(3) }),
      threads: [
        { name: 'a', steps: { go: { where: 'test', run: (s: { n: number }, _l: unknown, _b: number, ctx) => { s.n++; ctx.spawn('w'); return s.n < 3 ? 'go' : null; } } } },
        ...[1, 2].map((i) => ({ name: `w${i}`, program: 'w', running: false, steps: { wait: { where: 'test', run: () => 'wait' } } })),
      ],
      properties: [{ kind: 'invariant', name: 'small', holds: (s: { n: number }) => s.n < 1 }, { kind: 'invariant', name: 'bounded', holds: (s: { n: number }) => s.n <= 3 }],
    };
    let err: { code?: string; detail?: string[] } | undefined;
    try { check(model); } catch (e) { err = e as typeof err; }
    expect(err?.code).toBe('E204');
    expect(err!.detail!.slice(err!.detail!.indexOf('before it, small was found violated, by 1 move:'))).toEqual(['before it, small was found violated, by 1 move:', '  1. a: go']);
  });
});
