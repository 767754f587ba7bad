/**
 * Shards (`--shard i/n`): the parts together explore every state of the whole search, their
 * merged verdicts equal the whole search's, and the shortest counterexample over the shards is
 * as short as the whole search's.
 */
import { describe, expect, it } from 'vitest';
import { check, makeBackend } from 'probecheck';
import { compile } from '../../src/engine/compile.js';
import { explore } from '../../src/engine/search/explore.js';
import { Monitor } from '../../src/engine/search/monitor.js';
import { parseShard } from '../../src/engine/search/shard.js';
import probeTree from '../../models/bench/probe-tree.js';
import twoPhase from '../../models/bench/two-phase-commit.js';
import { build, fingerprints, traceLengths, verdicts } from './helpers.js';

/** The fingerprints a shard's search stored, read back through its store (every whole-search state asked). */
function covered(model: ReturnType<typeof build>, count: number, all: Set<string>): { covered: Set<string>; states: number[] } {
  const seen = new Set<string>(), states: number[] = [];
  for (let index = 1; index <= count; index++) {
    const c = compile(model);
    const out = explore(makeBackend(c), new Monitor(c, []), 'bfs', { shard: { index, count }, exhaustive: true });
    expect(out.complete).toBe(true);
    expect(out.shard?.level).toBeGreaterThan(0);
    states.push(out.states);
    for (const k of all) if (out.store!.has(parseInt(k.slice(0, 8), 16), parseInt(k.slice(8), 16))) seen.add(k);
  }
  return { covered: seen, states };
}

describe('shards', () => {
  it.each([
    ['probe-tree N=4 v4.2', build(probeTree, { N: 4, variant: 'v4.2' })],
    ['probe-tree N=4 fixed', build(probeTree, { N: 4, variant: 'fixed' })],
    ['2PC RM=4', build(twoPhase, { RM: 4 })],
  ])('%s: every state of the whole search is stored by some shard, for 2, 3 and 7 shards', (_, m) => {
    const all = fingerprints(makeBackend(m)).set;
    for (const n of [2, 3, 7]) {
      const { covered: c, states } = covered(m, n, all);
      expect(c.size).toBe(all.size);
      // Each shard alone misses states: they are parts.
      expect(Math.min(...states)).toBeLessThan(all.size);
    }
  });

  it('the shortest counterexample over the shards is as short as the whole search\'s, with the same verdicts', () => {
    for (const variant of ['v4.2', 'parentlock', 'fixed']) {
      const m = build(probeTree, { N: 4, variant });
      const whole = check(m, { exhaustive: true });
      const parts = [1, 2, 3].map((index) => check(m, { exhaustive: true, shard: { index, count: 3 } }));
      for (const p of whole.properties) {
        const verdictsOf = parts.map((r) => r.properties.find((x) => x.name === p.name)!.verdict);
        expect(verdictsOf.includes('violated')).toBe(p.verdict === 'violated');
        if (p.trace) expect(Math.min(...parts.map((r) => traceLengths(r)[p.name] ?? Infinity))).toBe(p.trace.moves.length);
      }
      expect(parts.every((r) => r.complete && r.shard?.count === 3)).toBe(true);
      expect(Object.keys(verdicts(parts[0]!))).toEqual(Object.keys(verdicts(whole)));
    }
  });

  it('a search too small to split is explored whole by every shard', () => {
    const m = build(probeTree, { N: 2, variant: 'fixed' });
    const whole = check(m);
    const r = check(m, { shard: { index: 2, count: 4000 } });
    expect(r.shard?.level).toBeUndefined();
    expect(r.states).toBe(whole.states);
  });

  it('i/n is parsed strictly', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/2', '3/2', '2', 'a/b', '1/0', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard expects i\/n/);
  });
});
