/**
 * Differential property: on randomly generated thread programs the fast backend (bytes, accessor
 * views) and the reference backend (immer objects) reach the same set of fingerprints, the same
 * number of transitions, and give the same verdicts and the same BFS counterexamples; DFS agrees
 * with BFS on every verdict; every BFS and DFS counterexample replays to a violating state.
 *
 * A program is plain data (so fast-check can shrink and print it): a small schema of ints, a
 * bool, an enum, a nested record, an integer array and an array of records, 2-3 threads of 1-4 steps each, with guards,
 * effects, branches and spawns of dormant threads drawn from a small instruction set. Indices
 * in it are raw naturals reduced modulo what exists when the model is built, so every program is
 * valid. Every write stays in range (the fast backend does not range-check integer arrays).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, makeBackend, replay, type Model } from 'probecheck';
import { buildProgram, program } from './programs.js';
import { fingerprints, verdicts } from './helpers.js';

/** A result without timings, for comparing runs. */
function summary(m: Model, backend: 'fast' | 'reference', strategy: 'bfs' | 'dfs' = 'bfs') {
  const r = check(m, { backend, strategy });
  return {
    states: r.states, transitions: r.transitions, depth: r.depth, complete: r.complete, stopped: r.stopped,
    verdicts: verdicts(r), moves: r.properties.map((p) => p.trace?.moves ?? null), waiters: r.properties.map((p) => p.waiters ?? null),
  };
}

describe('fast and reference backends agree on random thread programs', () => {
  it('same fingerprint sets, transitions, verdicts and BFS counterexamples; DFS verdicts equal BFS', () => {
    fc.assert(fc.property(program, (p) => {
      const m = buildProgram(p);
      const f = fingerprints(makeBackend(m, 'fast')), r = fingerprints(makeBackend(m, 'reference'));
      expect(f.set.size).toBe(r.set.size);
      expect(f.set).toEqual(r.set);
      expect(f.transitions).toBe(r.transitions);

      const bf = summary(m, 'fast'), br = summary(m, 'reference');
      expect(br).toEqual(bf);
      if (bf.complete) expect(bf.states).toBe(f.set.size);
      // Every counterexample replays to a state that breaks its property.
      for (const res of [check(m, { strategy: 'bfs' }), check(m, { strategy: 'dfs' })]) {
        for (const pr of res.properties) {
          if (!pr.trace) continue;
          const be = makeBackend(m, 'fast');
          replay(be, pr.trace.moves);
          const prop = m.properties.find((x) => x.name === pr.name)!;
          if (prop.kind === 'invariant') expect(prop.holds(be.curG(), be.curQ())).toBe(false);
          if (prop.kind === 'deadlock') expect(be.c.threads.every((th) => be.enabled(th.index) === 0)).toBe(true);
        }
      }
      const d = summary(m, 'fast', 'dfs');
      expect(d.verdicts).toEqual(bf.verdicts);
      if (d.complete && bf.complete) expect(d.states).toBe(bf.states);
    // 150 runs, not 400 (s47 h2): five mutations of the fast backend this test kills (a thread's
    // locals not zeroed when it ends, a spawned thread's locals not set, a dynamic branch count
    // taken as 1, the last word of a state not put back between successors, the fingerprint of
    // all but the last word) failed it by run 52 at the latest, over this seed and five others
    // (by run 13 with this one). Those it does not kill at 400 either stay so: a local step's
    // second remembered label, and the incremental fingerprint's marks (these states are too
    // small to be fingerprinted incrementally; bundled-cases.test.ts checks those).
    }), { numRuns: 150, seed: 20261125 });
  });

  it('the generator reaches spawns, deadlocks, violations and non-trivial state spaces (it is not vacuous)', () => {
    const seen = { spawned: 0, deadlock: 0, violated: 0, big: 0 };
    fc.assert(fc.property(program, (p) => {
      const m = buildProgram(p);
      const r = check(m);
      // A dormant thread's step fired: it was spawned.
      if (r.coverage.some((c) => c.thread !== 'T0' && c.fired > 0 && !p.threads[Number(c.thread.slice(1))]!.running)) seen.spawned++;
      if (r.properties.some((x) => x.kind === 'deadlock' && x.verdict === 'violated')) seen.deadlock++;
      if (r.properties.some((x) => x.kind !== 'deadlock' && x.verdict === 'violated')) seen.violated++;
      if (fingerprints(makeBackend(m, 'fast')).set.size >= 50) seen.big++;
    }), { numRuns: 300, seed: 20261125 });
    expect(seen.spawned).toBeGreaterThan(10);
    expect(seen.deadlock).toBeGreaterThan(10);
    expect(seen.violated).toBeGreaterThan(10);
    expect(seen.big).toBeGreaterThan(5);
  });
});
