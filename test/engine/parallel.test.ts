/**
 * The parallel BFS against the sequential one: on the benchmark models and a kernel scenario,
 * with 2 and 3 workers forced on from the first level (`parallelFrom: 0`), the verdicts, state
 * and transition counts, depth, coverage and every counterexample (moves, changes,
 * explanations) equal those of one worker; a stop by --max-states is cut where the sequential
 * search stops; Ctrl-C stops a parallel search with partial results. Faults injected into the
 * crew (parallel-protocol.ts) make orders and wakes a loaded machine gives only at times happen
 * every run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CheckOptions } from '../../src/engine/check.js';
import type { Model } from '../../src/engine/model.js';
import type { Result } from '../../src/engine/result.js';
// Built: the workers these searches start load dist/ (test/built.ts says why).
import { buildSource, check, fileSource, forgetLoadedFiles, parseArgv, ProbecheckError } from '../built.js';

/** Everything a search decides, without its timings. */
function decided(r: Result) {
  const { seconds: _s, statesPerSecond: _p, bytesPerState: _b, workers: _w, workersNote: _n, ...rest } = r;
  return rest;
}

const CASES: [string, Record<string, string | number>, CheckOptions][] = [
  ['models/bench/probe-tree.ts', { N: 5, variant: 'v4.2' }, {}],
  ['models/bench/probe-tree.ts', { N: 5, variant: 'v4.2' }, { properties: ['no-bind-after-unregister'] }],
  ['models/bench/probe-tree.ts', { N: 5, variant: 'v4.2' }, { maxStates: 3000 }],
  ['models/bench/probe-tree.ts', { N: 5, variant: 'fixed' }, { maxDepth: 12 }],
  ['models/bench/two-phase-commit.ts', { RM: 3 }, {}],
  ['models/host-children.ts', { n: 2 }, { symmetry: false }],
  // Symmetry on (the default): the workers store canonical fingerprints too.
  ['models/host-children.ts', { n: 3 }, {}],
  ['models/hot-unplug.ts', { profile: 'v4.2' }, { properties: ['no-probe-after-del', 'no-deadlock'] }],
];

/** Each case's model, built once, and its one-worker search, run once (the tests below share them). */
const ones = new Map<number, Result>(), models = new Map<number, Model>();
async function oneOf(i: number): Promise<{ model: Model; one: Result }> {
  const [file, params, opts] = CASES[i]!;
  if (!models.has(i)) models.set(i, await buildSource(fileSource(file, params).args));
  const model = models.get(i)!;
  if (!ones.has(i)) ones.set(i, check(model, opts));
  return { model, one: ones.get(i)! };
}

describe('parallel BFS', () => {
  // Every case on 2 workers, then every case on 3: a crew is kept for the next search with as
  // many workers, so two crews start in all (one per case and size was most of this file's time).
  for (const workers of [2, 3]) {
    it.each(CASES.map((c, i) => [...c, i] as const))(`%s %j %j: ${workers} workers decide what 1 does`, async (file, params, opts, i) => {
      const source = fileSource(file, params);
      const { model, one } = await oneOf(i);
      expect(one.workers).toBe(1);
      // A small first table, so that it grows (and the workers remap) in the middle of levels.
      const r = check(model, { ...opts, workers, source, parallelFrom: 0, parallelTableBits: workers === 2 ? 12 : 20 });
      expect(r.workers).toBe(workers);
      expect(decided(r)).toEqual(decided(one));
      // A stored state costs what it does on one thread (issue 12: at most 16 bytes a state from
      // a million up; store.test.ts holds one thread to it): its fingerprint in an 8-byte slot,
      // the level's claims in a table of their own (16-byte slots for every state before).
      expect(r.bytesPerState).toBeLessThanOrEqual(one.bytesPerState * 1.05);
    }, 60_000);
  }

  // Two orders a loaded machine gives only at times, forced on one crew of 2 workers:
  // - Under symmetry one fingerprint stands for several concrete states: the one kept must be
  //   the first parent's successor (the sequential search's, the one its trace replays to), not
  //   that of whichever parent reached it first. Here P0 x, P1 y and P0 y, P1 x are one orbit,
  //   reached first from the state where P0 took x; workers that expand later parents first kept
  //   the other member: coverage differed, and the counterexample did not replay.
  // - The coordinator stores a phase's SEQ, then notifies; preempted in between, its notify wakes
  //   workers that already served the phase and went back to wait. Served twice, a phase was
  //   counted done too early or never (a CI run: 29,097 transitions for 29,123; under load here,
  //   a stall stop and "sent no result"). A notify repeated after every phase must change nothing.
  it('later parents first, and every phase notified again once served: the search of one worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-par-')), file = join(dir, 'orbit.ts');
    writeFileSync(file, `import { defineModel, t } from 'probecheck';
const W = 'test/orbit', P = ['P0', 'P1'];
export default defineModel({ name: 'orbit', params: {}, build: () => ({
  name: 'orbit',
  state: t.record({ p: t.array(2, t.record({ x: t.int(2), y: t.int(2) }), P) }),
  threads: P.map((name, i) => ({ name, steps: {
    go: { where: W, branches: 2, run: (s: any, _l: any, b: number) => { if (b === 0) { s.p[i].x = 1; return 'fx'; } s.p[i].y = 1; return 'fy'; } },
    fx: { where: W, run: (s: any) => { s.p[i].x = 2; return null; } },
    fy: { where: W, run: (s: any) => { s.p[i].y = 2; return null; } },
  } })),
  properties: [{ kind: 'invariant', name: 'not-mixed', holds: (s: any) => !(s.p[0].x === 2 && s.p[1].y === 2) && !(s.p[0].y === 2 && s.p[1].x === 2) }],
  symmetry: [{ name: 'P', elements: P.map((x) => ({ name: x, state: ['p[' + x + ']'], threads: [x] })), movable: () => 3 }],
}) as any });
`);
    try {
      const source = fileSource(file, {});
      const model = await buildSource(source.args);
      const one = check(model, { exhaustive: true });
      expect(one.symmetry).toMatchObject({ applied: true });
      expect(one.properties[0]!.verdict).toBe('violated');
      const r = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0, parallelFaults: { reverse: true, renotify: true } });
      expect(r.workers, r.workersNote).toBe(2);
      expect(decided(r)).toEqual(decided(one));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  // A claim (a parent before the one that inserted a state) marks its slot, so that finishing a
  // level reads the table only for marked states. Workers that expand later parents first make
  // claims in every level, and a table of 256 slots grows in the middle of levels: a mark left
  // behind by a grow lost its claim (other parents, other ids than one worker's).
  it('later parents first while the table grows: claims made before a grow count after it', async () => {
    const source = fileSource('models/bench/probe-tree.ts', { N: 5, variant: 'v4.2' });
    const model = await buildSource(source.args);
    const one = check(model, { exhaustive: true });
    const r = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0, parallelTableBits: 8, parallelFaults: { reverse: true } });
    expect(r.workers, r.workersNote).toBe(2);
    expect(decided(r)).toEqual(decided(one));
  }, 60_000);

  // Workers pause for a grow only between states, and count their new states 32 at a time: a
  // state with more moves than the level's table has free slots past its limit filled it ("the
  // shared fingerprint table is full"; a review, 2026-12-06: 120 threads of 200 branches on 2
  // workers did so at the default size). Here the first state's 90 moves meet a table of 64 slots.
  it('a state with more moves than the table has room past its limit: the table is made big enough', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-par-')), file = join(dir, 'wide.ts');
    writeFileSync(file, `import { defineModel, t } from 'probecheck';
const T = ['T0', 'T1', 'T2'];
export default defineModel({ name: 'wide', params: {}, build: () => ({
  name: 'wide', state: t.record({ v: t.array(3, t.int(30)) }),
  threads: T.map((name, i) => ({ name, steps: { go: { where: 'test/wide', branches: 30, run: (s: any, _l: any, b: number) => { s.v[i] = b + 1; return null; } } } })),
  properties: [{ kind: 'invariant', name: 'not-all-30', holds: (s: any) => !s.v.every((x: number) => x === 30) }],
}) as any });
`);
    try {
      const source = fileSource(file, {});
      const model = await buildSource(source.args);
      const one = check(model, { exhaustive: true });
      const r = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0, parallelTableBits: 6 });
      expect(r.workers, r.workersNote).toBe(2);
      expect(decided(r)).toEqual(decided(one));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);

  // The merge moves a level's new states into the seen table, over the level's table in slot
  // order where the level fills it enough (MERGE_SCAN), over each worker's records otherwise: here
  // levels of 1 to 90 states in a table of 256 slots take both ways. Three counters that wrap
  // reach states of earlier levels again (a state lost by a merge would be counted twice).
  it('the states of each level reach the seen table, by slots or by records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-par-')), file = join(dir, 'wrap.ts');
    writeFileSync(file, `import { defineModel, t } from 'probecheck';
const T = ['T0', 'T1', 'T2'];
export default defineModel({ name: 'wrap', params: {}, build: () => ({
  name: 'wrap', state: t.record({ v: t.array(3, t.int(11)) }),
  threads: T.map((name, i) => ({ name, steps: { go: { where: 'test/wrap', run: (s: any) => { s.v[i] = (s.v[i] + 1) % 12; return 'go'; } } } })),
  properties: [{ kind: 'invariant', name: 'any', holds: () => true }],
}) as any });
`);
    try {
      const source = fileSource(file, {});
      const model = await buildSource(source.args);
      const one = check(model, { exhaustive: true });
      expect(one.states).toBe(12 ** 3);
      const r = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0, parallelTableBits: 8 });
      expect(r.workers, r.workersNote).toBe(2);
      expect(decided(r)).toEqual(decided(one));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);

  // A crew is kept for the next search with as many workers. Workers that wake late (on one wake
  // in ten a sleep of up to 100 ms, still far longer than a phase here) must still serve each phase once. Before, a worker left idle
  // by a 2-worker search on a kept 3-worker crew could wake into the next 3-worker search and
  // serve a stale phase or load twice: with the same sleeps this test failed 2 runs in 4 ("the
  // workers could not build the model"), and without them it hung or failed about one CI run in 10.
  it('workers that wake late, on crews of changing size, decide what 1 does', async () => {
    const source = fileSource('models/bench/two-phase-commit.ts', { RM: 2 });
    const model = await buildSource(source.args);
    const one = check(model, {});
    for (const workers of [3, 2, 3, 2, 3]) {
      const r = check(model, { workers, source, parallelFrom: 0, parallelFaults: { jitterMs: 100 } });
      expect(r.workers, r.workersNote).toBe(workers);
      expect(decided(r)).toEqual(decided(one));
    }
  }, 120_000);

  // A worker thread that ends without a word (V8 out of memory in it does that) used to leave
  // the search waiting forever. Now a phase with no progress for the stall time stops the
  // search, as a failed allocation does: partial results, no verdict claimed, and the crew is
  // not kept for the next search.
  it('a worker that dies silently stops the search with partial results instead of hanging it', async () => {
    const source = fileSource('models/bench/two-phase-commit.ts', { RM: 3 });
    const model = await buildSource(source.args);
    const r = check(model, { workers: 2, source, parallelFrom: 0, parallelFaults: { exitAt: 1 }, parallelStallSeconds: 1 });
    expect(r.workers).toBe(2);
    expect(r.complete).toBe(false);
    expect(r.stopped).toBe('out-of-memory');
    expect(r.stopNote).toMatch(/1 of the 2 search workers made no progress for 1 s/);
    expect(r.properties.every((p) => p.verdict !== 'holds')).toBe(true);
    // Had the broken crew been kept, its dead worker would never load this model: the search
    // would wait 120 s for it. A new crew loads it, and its worker 1 dies again (found sooner:
    // this stop's note is not read, so a stall of the live worker too would do).
    const next = check(model, { workers: 2, source, parallelFrom: 0, parallelFaults: { exitAt: 1 }, parallelStallSeconds: 0.2 });
    expect(next.stopped).toBe('out-of-memory');
    expect(decided(check(model, { workers: 2, source, parallelFrom: 0 }))).toEqual(decided(check(model, {})));
  }, 60_000);

  // The hand-over's shared tables are as large as the store's table: where they cannot be made,
  // the search stops as for a failed allocation, with what one thread stored (a review,
  // 2026-12-06: a raw RangeError came out of the search). The store hands over a table no
  // machine can copy.
  it('shared tables that cannot be made at the hand-over: out-of-memory with partial results', async () => {
    const { FingerprintStore } = (await import(new URL('../../dist/engine/store.js', import.meta.url).href)) as typeof import('../../src/engine/store.js');
    const source = fileSource('models/bench/probe-tree.ts', { N: 5, variant: 'v4.2' });
    const model = await buildSource(source.args);
    const take = vi.spyOn(FingerprintStore.prototype, 'takeFingerprints').mockImplementation(() => ({ byteLength: 2 ** 50, length: 2 ** 48 }) as unknown as Uint32Array);
    try {
      const r = check(model, { workers: 2, source, parallelFrom: 0 });
      expect(take, r.workersNote).toHaveBeenCalled();
      expect([r.workers, r.complete, r.stopped]).toEqual([2, false, 'out-of-memory']);
      expect(r.stopNote).toMatch(/^an allocation failed after [\d,]+ states \((Array buffer allocation failed|Invalid array buffer length)/);
      expect(r.properties.every((p) => p.verdict !== 'holds')).toBe(true);
    } finally { take.mockRestore(); }
    // The crew it kept searches the next model whole (CASES[0]: the same model, searched on one thread).
    expect(CASES[0]!.slice(0, 3)).toEqual(['models/bench/probe-tree.ts', { N: 5, variant: 'v4.2' }, {}]);
    expect(decided(check(model, { workers: 2, source, parallelFrom: 0 }))).toEqual(decided((await oneOf(0)).one));
  }, 60_000);

  // Three interchangeable children with async_schedule's synchronous fallback left in
  // (b232b02bf3c2's deadlock): the symmetry-reduced search on 2 workers finds the same deadlock,
  // by the same moves, from the same states as on one.
  it('symmetry on workers: a deadlock among interchangeable children, the same trace as one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-par-')), file = join(dir, 'sync.ts');
    writeFileSync(file, `import { scenario } from 'probecheck';
export default scenario({ name: 'host-children-sync', profile: 'v4.2', devices: { host: {}, c1: { parent: 'host' }, c2: { parent: 'host' }, c3: { parent: 'host' } },
  drivers: { cdrv: { matches: ['c1', 'c2', 'c3'], module: 'cmod', probeType: 'async' } }, modules: { cmod: {} },
  actors: { boot: ['modprobe cmod', 'add host', 'add c1', 'add c2', 'add c3'], unload: 'rmmod cmod' },
  properties: ['module-lifetime', 'no-deadlock'], symmetric: [['c1', 'c2', 'c3']] });
`);
    try {
      const source = fileSource(file, {});
      const model = await buildSource(source.args);
      const one = check(model, { exhaustive: true });
      expect(one.symmetry?.applied).toBe(true);
      expect(one.properties.find((p) => p.name === 'no-deadlock')!.verdict).toBe('violated');
      const two = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0, parallelTableBits: 12 });
      expect(two.workers).toBe(2);
      expect(decided(two)).toEqual(decided(one));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);

  // A model's or a property's error (E2xx, E302) under workers is the one one thread meets first,
  // or none where one thread stops first. The workers used to expand the whole level before the
  // cut by "every property violated" or --max-states, and to end on whichever error a worker met
  // first in time: an error in a state one thread never reaches (exit 2 for its 1 or 3), and a
  // message naming another state from run to run (a hunt, s27, findings 1 and 2). Three counters
  // 0..6: level d holds the states whose counts add up to d, and the first states of level 14 in
  // the search's order reach [6,6,2], where sum-max is violated.
  describe('errors under workers: the first in one thread\'s order, or none past its stop', () => {
    const RACE = `import { defineModel, t } from 'probecheck';
// Three counters 0..6, one step each; level d holds the states whose counts add up to d.
export default defineModel({ name: 'race', params: { mode: { default: 'none' } }, build(p) {
  const mode = String(p.mode), M = 6;
  const sum = (s: any) => s.c[0] + s.c[1] + s.c[2];
  const show = (s: any) => '[' + Array.from(s.c).join(',') + ']';
  return {
    name: 'race',
    state: t.record({ c: t.array(3, t.int(7)) }),
    threads: [0, 1, 2].map((k) => ({ name: 'T' + k, steps: { inc: { where: 'race', idle: true, await: (s: any) => s.c[k] < M, run: (s: any) => {
      // A step that throws in level 13, in states after (cut, limit) or also before (before) the first that reaches sum-max.
      if (k === 2 && sum(s) === 13 && (mode === 'before' || ((mode === 'cut' || mode === 'limit') && s.c[0] < 3))) throw new Error('boom at ' + show(s));
      s.c[k] += 1;
      return 'inc';
    } } } })),
    properties: [
      { kind: 'invariant', name: 'sum-max', holds: (s: any) => {
        if (mode === 'prop' && sum(s) === 14 && s.c[0] < 3) throw new Error('prop boom at ' + show(s));
        if (mode === 'own' && sum(s) === 5 && s.c[0] === 0) throw new Error('own boom at ' + show(s));
        if (mode === 'own') return !(sum(s) === 5 && s.c[0] === 5);
        return mode === 'limit' || mode === 'before' || !(sum(s) === 14 && s.c[0] === M && s.c[1] === M);
      }, explain: (s: any) => 'c = ' + show(s) },
      // Violated early but in 'limit' and 'own' (where the search goes on to the end).
      { kind: 'invariant', name: 'early', holds: (s: any) => !(mode !== 'limit' && mode !== 'own' && sum(s) === 3 && s.c[0] === 3) },
    ],
  };
} });
`;
    let dir: string;
    // Workers that expand each range last state first (one crew for all: each starts in seconds)
    // meet the last erroring state of a level first.
    const run = async (mode: string, opts: CheckOptions) => {
      dir ??= mkdtempSync(join(tmpdir(), 'probecheck-par-'));
      const file = join(dir, 'race.ts');
      writeFileSync(file, RACE);
      const source = fileSource(file, { mode }), model = await buildSource(source.args);
      const outcome = (o: CheckOptions) => {
        try {
          const r = check(model, o);
          expect(r.workers, r.workersNote).toBe(o.workers ?? 1);
          return { result: decided(r) };
        } catch (e) {
          if (!(e instanceof ProbecheckError)) throw e;
          return { error: e.describe(), detail: e.detail };
        }
      };
      const one = outcome(opts);
      const many = [0, 1, 2].map(() => outcome({ ...opts, workers: 2, source, parallelFrom: 0, parallelFaults: { reverse: true } }));
      return { one, many };
    };
    afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('a step that throws past the all-violated stop: violated, as on one thread', async () => {
      const { one, many } = await run('cut', {});
      expect(one.result?.stopped).toBe('all-violated');
      for (const r of many) expect(r).toEqual(one);
    }, 30_000);

    it('a step that throws past the --max-states stop: stopped by the limit, as on one thread', async () => {
      // 308 states have counts adding up to 13 or less: the first parent of level 13 reaches the limit.
      const { one, many } = await run('limit', { maxStates: 309 });
      expect(one.result?.stopped).toBe('max-states');
      for (const r of many) expect(r).toEqual(one);
    }, 30_000);

    it('a property that throws past the all-violated stop: no error, as on one thread', async () => {
      const { one, many } = await run('prop', {});
      expect(one.result?.stopped).toBe('all-violated');
      for (const r of many) expect(r).toEqual(one);
    }, 30_000);

    it('a property that throws after its own violation in the same level: no error, as on one thread', async () => {
      // sum-max is violated at [5,0,0], first in level 5, and throws on its later states with c0 = 0:
      // one thread no longer evaluates it there, and the search goes on to the end.
      const { one, many } = await run('own', {});
      expect(one.result?.complete).toBe(true);
      for (const r of many) expect(r).toEqual(one);
    }, 30_000);

    it('an error before the stop: the state one thread names, with its moves, on every run', async () => {
      const { one, many } = await run('before', {});
      expect(one.error).toMatch(/^E203 \(step threw\): in step 'inc' of thread 'T2' \(race\): boom at \[6,6,1\]$/);
      expect(one.detail).toContain('before it, early was found violated, by 3 moves:');
      for (const r of many) expect(r.error).toBe(one.error);
      // The lines under it too: the moves to that state, and the violation found before it.
      for (const r of many) expect(r).toEqual(one);
    }, 30_000);
  });

  it('Ctrl-C stops a parallel search with partial results', async () => {
    const source = fileSource('models/bench/probe-tree.ts', { N: 5 });
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(interrupt, 0, 1);
    const r = check(await buildSource(source.args), { workers: 2, source, parallelFrom: 0, interrupt });
    expect(r.workers).toBe(2);
    expect(r.stopped).toBe('interrupted');
    expect(r.complete).toBe(false);
    expect(r.properties.every((p) => p.verdict === 'unknown')).toBe(true);
  }, 60_000);

  it('runs on one thread, and says why, where it cannot use workers', async () => {
    const source = fileSource('models/bench/probe-tree.ts', { N: 3 });
    const model = await buildSource(source.args);
    expect(check(model, { workers: 2 })).toMatchObject({ workers: 1, workersNote: expect.stringContaining('given as an object') });
    expect(check(model, { workers: 2, source, strategy: 'dfs' })).toMatchObject({ workers: 1, workersNote: 'dfs runs on one thread' });
    // Too small to hand over (fewer than 20,000 states): one thread, and it says so.
    const lost = check(model, { workers: 2, source: { loader: new URL('./no-such-loader.js', import.meta.url).href, args: {} }, parallelFrom: 0 });
    expect(lost.workers).toBe(1);
    expect(lost.workersNote).toMatch(/^the workers could not build the model \(.*no-such-loader/);
    expect(decided(lost)).toEqual(decided(check(model)));
    const small = check(model, { workers: 2, source });
    expect(small.workers).toBe(1);
    expect(small.workersNote).toMatch(/^a search hands over to workers only once it has stored 20,000 states; this one stored [\d,]+, on one thread$/);
  });

  // A crew kept for the next search keeps the models its workers built, by file and parameters:
  // after forgetLoadedFiles (each command of a host that runs many, as the CLI tests' in-process
  // host and its kept search worker do) the file is read afresh on the coordinator's thread, and
  // the workers searched it as first loaded: the edited invariant read `holds` (s51 h1).
  it('a model file edited between two searches is searched as edited by the crew kept from the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probecheck-par-')), file = join(dir, 'count.ts');
    const write = (last: number) => writeFileSync(file, `import { defineModel, t } from 'probecheck';
export default defineModel({ name: 'count', params: {}, build: () => ({
  name: 'count',
  state: t.record({ x: t.int(40), y: t.int(40), z: t.int(40) }),
  threads: ['x', 'y', 'z'].map((k) => ({ name: k, steps: { inc: { where: 'count.ts:inc', run: (s: any) => { s[k]++; return s[k] < 29 ? 'inc' : null; } } } })),
  properties: [{ kind: 'invariant', name: 'not-all', holds: (s: any) => !(s.x === ${last} && s.y === ${last} && s.z === ${last}) }],
}) as any });
`);
    const run = async () => {
      forgetLoadedFiles();
      const source = fileSource(file, {});
      return check(await buildSource(source.args), { exhaustive: true, workers: 2, source, parallelFrom: 0 });
    };
    try {
      write(99);
      const before = await run();
      expect(before.workers, before.workersNote).toBe(2);
      expect(before.properties[0]!.verdict).toBe('holds');
      write(29);
      const after = await run();
      expect(after.workers, after.workersNote).toBe(2);
      expect(after.properties[0]!.verdict).toBe('violated');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);

  it('--workers N reaches the search; 0 is a usage error', () => {
    const inv = parseArgv(['check', 'models/bench/probe-tree.ts', '--workers', '3']);
    expect(inv.command === 'check' && inv.search.workers).toBe(3);
    expect(() => parseArgv(['check', 'models/bench/probe-tree.ts', '--workers', '0'])).toThrow(ProbecheckError);
  });
});
