/**
 * Every bundled suite case, built once for the sweeps over all of them that were in three files
 * (each loaded the suites and built every case's model again: about 2 s of CPU a file):
 *
 * - incremental fingerprints (hash.ts, fast.ts `expand`; incremental-fingerprint.test.ts has the
 *   rest): every case up to 5,000 states runs unreduced with PROBECHECK_CHECK_FINGERPRINTS=1, so
 *   each successor's incremental fingerprint is tested against its whole state's, and up to 200
 *   states also on the reference backend, which hashes whole states;
 * - partial-order reduction (por.test.ts has the rest): every case up to 150 states, reduced,
 *   gives the unreduced verdicts and fires the same steps;
 * - action properties that watch fields (watches.test.ts has the rest): on every reachable move
 *   (up to a bound) that changes none of its watched fields a library property holds, and the
 *   search that skips it there gives the reference backend's verdicts and traces.
 *
 * Models are not changed by a search, so the tests share them.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, type ActionProperty, type Model, type Result } from 'probecheck';
import { buildModel } from '../../src/cli/build.js';
import { loadModel, loadPatchFiles } from '../../src/load.js';
import { loadSuite } from '../../src/suite/run.js';
import type { SuiteCase } from '../../src/suite/define.js';
import { fp } from '../../src/engine/hash.js';
import { moveOf, watchedFields, watchedWords } from '../../src/engine/search/monitor.js';
import { FastBackend } from '../../src/engine/state/fast.js';
import { actionCode } from '../../src/engine/trace.js';
import { verdicts } from './helpers.js';

/** Every case but the fixme ones, built as `probecheck check` builds it. */
let built: Promise<{ at: string; c: SuiteCase; m: Model }[]> | undefined;
const suiteModels = () => (built ??= buildSuiteModels());
async function buildSuiteModels(): Promise<{ at: string; c: SuiteCase; m: Model }[]> {
  const dir = new URL('../../properties/', import.meta.url).pathname;
  const out: { at: string; c: SuiteCase; m: Model }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.suite.ts'))) {
    const s = await loadSuite(dir + f);
    const factory = await loadModel(new URL(s.suite.model, `file://${dir}${f}`).pathname);
    for (const c of s.suite.cases) {
      if (c.fixme) continue;
      await loadPatchFiles(c.params.patches as string | undefined);
      out.push({ at: `${f} ${JSON.stringify(c.params)}`, c, m: buildModel(factory, c.params) });
    }
  }
  return out;
}

describe('incremental fingerprints', () => {
  // The reference backend on cases of up to 200 states, not 800 (s47 h2: 123 cases, 11,000
  // states, a third of the reference's time): the fast backend with a thread's locals left as
  // they were when it ends differs on 39 of them (50 up to 800), with its small states'
  // fingerprints leaving out their last word on 4 (8).
  it('every bundled suite case, unreduced: each equals the whole state\'s; up to 200 states, the reference backend\'s counts', async () => {
    const VAR = 'PROBECHECK_CHECK_FINGERPRINTS', before = process.env[VAR];
    process.env[VAR] = '1';
    try {
      let rows = 0, compared = 0, states = 0;
      for (const { c, m } of await suiteModels()) {
        if (c.states === undefined || c.states > 5_000) continue;
        const o = { properties: Object.keys(c.expect), exhaustive: true, symmetry: false };
        const a = check(m, o);
        rows++; states += a.states;
        if (a.states <= 200) {
          const b = check(m, { ...o, backend: 'reference' });
          expect([b.states, b.transitions]).toEqual([a.states, a.transitions]);
          compared++;
        }
      }
      expect(rows).toBeGreaterThan(100);
      expect(compared).toBeGreaterThan(80);
      expect(states).toBeGreaterThan(20_000);
    } finally {
      if (before === undefined) delete process.env[VAR]; else process.env[VAR] = before;
    }
  }, 120_000);
});

/**
 * The steps that fired. Reduction reorders runs and never drops a step from one (every step of
 * a run to some state fires in a reordering of it), so the set is the same with and without.
 */
const fired = (r: Result) => r.coverage.filter((e) => e.fired > 0).map((e) => `${e.thread}:${e.label}`);

describe('partial-order reduction keeps every verdict', () => {
  it('every bundled suite case of up to 150 states (a one-off run of every case found no difference either): the same verdicts', async () => {
    let rows = 0;
    for (const { at, c, m } of await suiteModels()) {
      if (c.patches || c.states === undefined || c.states > 150) continue;
      const o = { properties: Object.keys(c.expect), exhaustive: true };
      const a = check(m, o), b = check(m, { ...o, por: true });
      expect(verdicts(b), at).toEqual(verdicts(a));
      expect(fired(b), at).toEqual(fired(a));
      rows++;
    }
    expect(rows).toBeGreaterThan(30);
  });
});

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

});
