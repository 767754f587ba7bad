/**
 * Action properties that `watch` fields promise to hold on every move that changes none of them,
 * and the search skips them there (src/engine/search/monitor.ts). Held here for the kernel
 * library on every reachable move of every bundled suite case (up to a state bound each): on a
 * move that leaves the watched bytes as they were, the property holds; and the engine's side:
 * the same verdicts and traces with the skipping as the reference backend (which never skips),
 * and a path that names no field is E101.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, defineModel, t, type ActionProperty, type Model } from 'probecheck';
import { buildModel } from '../../src/cli/build.js';
import { loadModel, loadPatchFiles } from '../../src/load.js';
import { loadSuite } from '../../src/suite/run.js';
import { fp } from '../../src/engine/hash.js';
import { moveOf, watchedFields, watchedWords } from '../../src/engine/search/monitor.js';
import { FastBackend } from '../../src/engine/state/fast.js';
import { actionCode } from '../../src/engine/trace.js';

/** Every suite case's model, built as `probecheck check` builds it (once: both tests use them, and models are not changed by a search). */
let built: Promise<{ at: string; m: Model }[]> | undefined;
const suiteModels = () => (built ??= buildSuiteModels());
async function buildSuiteModels(): Promise<{ at: string; m: Model }[]> {
  const dir = new URL('../../properties/', import.meta.url).pathname;
  const out: { at: string; m: Model }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.suite.ts'))) {
    const s = await loadSuite(dir + f);
    const factory = await loadModel(new URL(s.suite.model, `file://${dir}${f}`).pathname);
    for (const c of s.suite.cases) {
      if (c.fixme) continue;
      await loadPatchFiles(c.params.patches as string | undefined);
      out.push({ at: `${f} ${JSON.stringify(c.params)}`, m: buildModel(factory, c.params) });
    }
  }
  return out;
}

/** In-range values of a field, for the fuzzing below. */
function values(type: { kind: string; max?: number; values?: readonly string[] }): number[] {
  const n = type.kind === 'bool' ? 2 : type.kind === 'enum' ? type.values!.length : type.max! + 1;
  return Array.from({ length: Math.min(n, 4) }, (_, i) => (i === 3 ? n - 1 : i));
}

/**
 * BFS over up to `limit` states of m; on every move that leaves a watching property's bytes
 * unchanged, evaluate it anyway: it must hold. Then again with the watched fields set to other
 * values (the same in the states before and after the move: still unchanged), so that a clause
 * about states the suites never reach (dev->driver NULL while bound) is tried too. Returns how
 * many unchanged moves were checked, how many changed a watched byte, and what broke.
 */
function holdOnUnchanged(m: Model, limit: number): { skipped: number; changed: number; broken: string[] } {
  const be = new FastBackend(m);
  const props = m.properties.filter((p): p is ActionProperty => p.kind === 'action' && (p.watches?.length ?? 0) > 0);
  const watched = props.map((p) => watchedWords(be.c, p));
  const fields = props.map((p) => watchedFields(be.c, p));
  const choices = fields.map((fs) => fs.map((f) => values(f.type as never)));
  // The backend's own buffers: the fuzzing writes both and puts cur back before the next move.
  const cur = (be as any).cur.u8 as Uint8Array, next = (be as any).next.u8 as Uint8Array;
  let x = 12345;
  const rand = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
  const seen = new Set<string>();
  let skipped = 0, changed = 0, id = 0;
  const broken: string[] = [];
  be.loadInitial();
  seen.add(`${fp.hi}:${fp.lo}`);
  be.pushCur(id++, 0);
  while (be.pending() > 0 && seen.size < limit) {
    be.popFront();
    be.expand((k, b) => {
      props.forEach((p, i) => {
        if (!be.unchanged(watched[i]!)) { changed++; return; }
        skipped++;
        const move = moveOf(be, actionCode(k, b));
        if (!p.holds(be.curG(), be.nextG(), move, be.nextQ())) broken.push(`${p.name} at ${move.label}`);
        const saved = cur.slice(), savedNext = next.slice();
        for (let round = 0; round < 3; round++) {
          fields[i]!.forEach((f, j) => {
            const vs = choices[i]![j]!, v = vs[rand(vs.length)]!;
            cur[f.offset] = next[f.offset] = v & 0xff;
          });
          if (!p.holds(be.curG(), be.nextG(), move, be.nextQ())) broken.push(`${p.name} at ${move.label} with its watched fields set`);
        }
        cur.set(saved); next.set(savedNext);
      });
      const key = `${fp.hi}:${fp.lo}`;
      if (!seen.has(key)) { seen.add(key); be.pushNext(id++, 0); }
    });
  }
  return { skipped, changed, broken };
}

describe('action properties that watch fields', () => {
  it('every library property holds on every move that changes none of its watched fields (every bundled suite case)', async () => {
    const cases = await suiteModels();
    expect(cases.length).toBeGreaterThan(100);
    let skipped = 0, changed = 0;
    for (const { at, m } of cases) {
      const r = holdOnUnchanged(m, 1500);
      expect(r.broken, at).toEqual([]);
      skipped += r.skipped; changed += r.changed;
    }
    // Most moves change nothing a property watches: that is the saving (7.7 to 1 when written).
    expect(skipped).toBeGreaterThan(5 * changed);
  }, 120_000);

  it("a clause about the state after the move alone fires only on a move that changes what it reads: single-binding's, kept whole, would break the promise", () => {
    // dev->driver NULL while bound: reached by a move that clears driver, then held through any other move.
    const S = t.record({ driver: t.int(1), bound: t.bool, other: t.int(1) });
    const clause = (y: { driver: number; bound: boolean }) => y.bound && y.driver === 0;
    const m: Model = {
      name: 'drop', state: t.record({ dev: t.array(1, S) }),
      init: (s: any) => { s.dev[0].driver = 1; s.dev[0].bound = true; },
      threads: [{ name: 'A', running: true, steps: {
        clear: { where: 'x', run: (s: any) => { s.dev[0].driver = 0; return 'poke'; } },
        poke: { where: 'x', run: (s: any) => { s.dev[0].other = 1; return null; } },
      } }],
      properties: [],
    };
    const whole: ActionProperty = { kind: 'action', name: 'whole', watches: ['dev[*].driver', 'dev[*].bound'], holds: (_b: any, a: any) => !clause(a.dev[0]) };
    const be = new FastBackend({ ...m, properties: [whole] });
    const w = watchedWords(be.c, whole);
    be.loadInitial();
    be.apply(0, 0); // clear: changes driver
    be.step(0, 0); // poke: changes only `other`
    expect(be.unchanged(w)).toBe(true);
    expect(whole.holds(be.curG(), be.nextG(), { thread: 'A', label: 'poke' }, be.nextQ())).toBe(false);
  });

  it('the search skips a watching property only where it holds: the verdicts and traces equal the reference backend, which never skips', async () => {
    const cases = (await suiteModels()).filter(({ m }) => m.properties.some((p) => p.kind === 'action' && p.watches));
    let n = 0;
    for (const { at, m } of cases) {
      const o = { maxStates: 2000, properties: m.properties.filter((p) => p.kind === 'action').map((p) => p.name) };
      const f = check(m, o), r = check(m, { ...o, backend: 'reference' });
      expect(f.properties.map((p) => [p.name, p.verdict, p.trace?.moves ?? null]), at).toEqual(r.properties.map((p) => [p.name, p.verdict, p.trace?.moves ?? null]));
      if (++n === 40) break;
    }
    expect(n).toBe(40);
  }, 120_000);

  it('a watched path that names no state field is E101', () => {
    const m = defineModel({ name: 'w', params: {}, build: () => ({
      name: 'w', state: t.record({ x: t.int(1) }), threads: [{ name: 'A', running: true, steps: { a: { where: 'x', run: (s: any) => { s.x = 1; return null; } } } }],
      properties: [{ kind: 'action', name: 'p', watches: ['y'], holds: () => true }],
    }) }).build({});
    expect(() => check(m)).toThrow(expect.objectContaining({ code: 'E101', message: "property 'p': watches 'y', which names no state field of model w" }));
  });
});
