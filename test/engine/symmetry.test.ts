/**
 * Symmetry reduction on toys: N processes take one lock in turn, each counting its own rounds.
 * The reduced search stores exactly the orbits (counted here by brute force over every
 * permutation, independently of the canonicaliser), keeps the verdicts, and its traces replay.
 * The checker passes on that model and catches a model that is not symmetric (processes that
 * go in index order) and a movable set that shrinks.
 */
import { describe, expect, it } from 'vitest';
import { check, t, type Model } from 'probecheck';
import { checkSymmetry } from '../../src/engine/reduce/symmetry-check.js';
import { permutationsOf } from '../../src/engine/reduce/symmetry.js';
import { FastBackend } from '../../src/engine/state/fast.js';
import { replay } from '../../src/engine/trace.js';

const W = 'test/symmetry';
const names = (n: number) => Array.from({ length: n }, (_, i) => `P${i}`);

/** Process i: take the lock, count a round, release; two rounds. `ordered`: P(i) starts only when P(i-1) has finished a round. */
function rounds(n: number, o: { ordered?: boolean; movable?: (u8: Uint8Array) => number; bad?: boolean } = {}): Model {
  const P = names(n);
  return {
    name: 'rounds',
    state: t.record({ p: t.array(n, t.record({ v: t.int(2) }), P), lock: t.owner() }),
    threads: P.map((name, i) => ({
      name,
      steps: {
        take: { where: W, await: (s: any) => s.lock === 0 && (!o.ordered || i === 0 || s.p[i - 1].v > s.p[i].v), run: (s: any) => { s.lock = i + 1; return 'inc'; } },
        inc: { where: W, run: (s: any) => { s.p[i].v++; return 'rel'; } },
        rel: { where: W, run: (s: any) => { s.lock = 0; return s.p[i].v < 2 ? 'take' : null; } },
      },
    })),
    properties: [
      // Violated once every process has done both rounds: a counterexample to replay.
      { kind: 'invariant', name: 'not-all-done', holds: (s: any) => !s.p.every((x: any) => x.v === 2) },
      // Names P0: not invariant under permutations (for the checker's property test).
      ...(o.bad ? [{ kind: 'invariant' as const, name: 'p0-first', holds: (s: any) => s.p[0].v >= s.p[n - 1].v }] : []),
      { kind: 'deadlock', name: 'no-deadlock' },
    ],
    symmetry: [{ name: 'P', elements: P.map((x) => ({ name: x, state: [`p[${x}]`], threads: [x] })), movable: o.movable ?? (() => (1 << n) - 1) }],
  };
}

/** Orbits of the reachable states, by brute force: the least encoding over every permutation. */
function orbits(m: Model, n: number): number {
  const be = new FastBackend(m), seen = new Map<string, Uint8Array>(), todo: Uint8Array[] = [];
  be.loadInitial();
  todo.push(be.bytes());
  const c = be.c, pcOf = (k: number) => c.threads[k]!.pcOffset;
  const lockAt = c.width - 1 - n; // the lock byte follows p[0..n-1].v; then one pc per thread
  expect(lockAt).toBe(n);
  const form = (u: Uint8Array, p: number[]) => {
    // Process e becomes process p[e]: its v, its pc, and the lock if it holds it.
    const v = new Array(n), pc = new Array(n);
    for (let e = 0; e < n; e++) { v[p[e]!] = u[e]; pc[p[e]!] = u[pcOf(e)]; }
    const lock = u[n]! === 0 ? 0 : p[u[n]! - 1]! + 1;
    return `${v}|${pc}|${lock}`;
  };
  const perms = permutationsOf(n, (1 << n) - 1);
  const reps = new Set<string>();
  while (todo.length) {
    const u = todo.pop()!;
    reps.add(perms.map((p) => form(u, p)).sort()[0]!);
    for (let k = 0; k < n; k++) {
      be.loadBytes(u);
      if (!be.apply(k, 0)) continue;
      const b = be.bytes(), key = b.join();
      if (!seen.has(key)) { seen.set(key, b); todo.push(b); }
    }
  }
  return reps.size;
}

describe('symmetry reduction', () => {
  it.each([2, 3, 4])('stores one state per orbit of %i interchangeable processes, with the same verdicts', (n) => {
    const m = rounds(n);
    const full = check(m, { exhaustive: true, symmetry: false }), red = check(m, { exhaustive: true, symmetry: true });
    expect(red.symmetry).toMatchObject({ applied: true });
    expect(red.states).toBe(orbits(m, n));
    expect(red.states).toBeLessThan(full.states);
    expect(red.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
    // The counterexample is a concrete run: it replays move by move, and is as short.
    const v = red.properties.find((p) => p.name === 'not-all-done')!;
    expect(v.verdict).toBe('violated');
    expect(replay(new FastBackend(m), v.trace!.moves).moves).toEqual(v.trace!.moves);
    expect(v.trace!.moves.length).toBe(full.properties.find((p) => p.name === 'not-all-done')!.trace!.moves.length);
  });

  it('is the same on the reference backend', () => {
    const m = rounds(3);
    const f = check(m, { exhaustive: true, symmetry: true }), r = check(m, { exhaustive: true, symmetry: true, backend: 'reference' });
    expect(r.states).toBe(f.states);
  });

  it('is not applied with liveness, nor to a model that declares nothing', () => {
    const m = rounds(2);
    m.properties.push({ kind: 'eventually', name: 'done', holds: (s: any) => s.p.every((x: any) => x.v === 2) });
    expect(check(m, { symmetry: true }).symmetry).toMatchObject({ applied: false, note: expect.stringContaining('liveness') });
    const plain = { ...rounds(2), symmetry: undefined };
    expect(check(plain, { symmetry: true }).symmetry).toMatchObject({ applied: false });
  });
});

describe('the symmetry checker', () => {
  it('verifies every permutation on every reachable state of a symmetric model', () => {
    const r = checkSymmetry(rounds(3));
    expect(r.failure).toBeUndefined();
    expect(r.complete).toBe(true);
    expect(r.pairs).toBe(r.states * 5);
  });

  it('names the move that breaks a symmetry the model does not have', () => {
    const r = checkSymmetry(rounds(2, { ordered: true }));
    expect(r.failure?.permutation).toBe('P0->P1, P1->P0');
    expect(r.failure?.what).toMatch(/^move 'P0: take' of s has no image/);
    // and check --check-symmetry then refuses to reduce
    const c = check(rounds(2, { ordered: true }), { symmetry: true, checkSymmetry: true });
    expect(c.symmetry).toMatchObject({ applied: false, check: { failure: expect.stringContaining('P0->P1') } });
  });

  it('catches a property that tells the elements apart', () => {
    expect(checkSymmetry(rounds(2, { bad: true })).failure?.what).toMatch(/^property value differs: p0-first/);
  });

  // A move's fairness is part of it: P1 unfair pairs P0's fair moves with its unfair ones, and a
  // liveness verdict (a symmetric choice's start, Model.symmetricChoice) would take one for the
  // other; the check read states and moves alone and passed it (s46 h17). Two tiny searches.
  it('catches elements whose threads are not alike fair, and compares the properties it is given, not the model\'s', () => {
    const m = rounds(2);
    expect(checkSymmetry(m).failure).toBeUndefined();
    const unfair = { ...m, threads: m.threads.map((th, i) => (i === 1 ? { ...th, fair: false } : th)) };
    const done = { kind: 'eventually' as const, name: 'done', holds: (s: any) => s.p.every((x: any) => x.v === 2) };
    expect(checkSymmetry(unfair, { properties: [...m.properties, done] }).failure?.what).toBe("fairness differs on move 'P0: take': weakly fair in s, unfair on its image 'P1: take' in pi(s)");
    // Fairness read by no verdict (safety alone, a `sometimes`) is not compared: it failed the
    // check and cost the reduction for nothing (s46 h20).
    expect(checkSymmetry(unfair, { properties: [...m.properties, { ...done, kind: 'sometimes' }] }).failure).toBeUndefined();
    expect(check(unfair, { checkSymmetry: true }).symmetry).toMatchObject({ applied: true, check: { complete: true } });
    expect(check({ ...unfair, properties: [...m.properties, done] }, { checkSymmetry: true }).symmetry!.check!.failure).toBe("permutation P0->P1, P1->P0 at the initial state: fairness differs on move 'P0: take': weakly fair in s, unfair on its image 'P1: take' in pi(s)");
    // Each thread's conditionally strong step has its own index (Compiled.conds): alike fair, not a difference.
    const cond = { ...m, threads: m.threads.map((th) => ({ ...th, steps: { ...th.steps, take: { ...th.steps.take!, strong: true, strongUnless: () => false } } })) };
    expect(checkSymmetry(cond, { properties: [...m.properties, done] }).failure).toBeUndefined();
    // The properties the search checks: p0-first left out is not compared (a false failure cost the reduction).
    const bad = rounds(2, { bad: true });
    expect(checkSymmetry(bad, { properties: bad.properties!.filter((p) => p.name !== 'p0-first') }).failure).toBeUndefined();
  });

  // A step strongly fair on a condition the search judges (StepDef.strongUnless) is judged per
  // thread on the states searched: with a symmetric choice's first branch alone (the head is P0),
  // only P0's guard ever differs from the lock's, P1's step read strong, and the run where the head
  // loops and starves the other was unfair: `eventually` held, violated unreduced (s46 h21). Two
  // searches of 17 states.
  it('searches every branch of a symmetric choice where a conditional strong step is judged', () => {
    const headLoop = (): Model => {
      const P = names(2), differs = [false, false];
      return {
        name: 'head-loop',
        state: t.record({ p: t.array(2, t.record({ head: t.bool, done: t.bool }), P), lock: t.owner(), y: t.int(1), booted: t.bool }),
        init: (s: any) => { s.y = 1; },
        threads: [...P.map((name, i) => ({
          name,
          steps: {
            // The lock's wait, held back for the head while y is set: differs from the lock's own.
            lock: { where: W, strong: true, strongUnless: () => differs[i]!,
              await: (s: any) => { if (!s.booted) return false; const free = s.lock === 0, r = free && !(s.p[i].head && s.y === 1); if (r !== free) differs[i] = true; return r; },
              run: (s: any) => { s.lock = i + 1; return 'unlock'; } },
            unlock: { where: W, run: (s: any) => { s.lock = 0; if (s.p[i].head) return 'lock'; s.p[i].done = true; return null; } },
          },
        })),
        { name: 'q', steps: { clear: { where: W, await: (s: any) => s.booted, run: (s: any) => { s.y = 0; return null; } } } },
        { name: 'boot', steps: { pick: { where: W, branches: 2, run: (s: any, _l: unknown, b: number) => { s.p[b].head = true; s.booted = true; return null; } } } }],
        properties: [{ kind: 'eventually', name: 'one-done', holds: (s: any) => s.p.some((x: any) => x.done) }],
        symmetry: [{ name: 'P', elements: P.map((x) => ({ name: x, state: [`p[${x}]`], threads: [x] })), movable: () => 3 }],
        symmetricChoice: { thread: 'boot', label: 'pick', first: () => 1, representatives: 1, about: 'the two heads' },
      };
    };
    const full = check(headLoop(), { exhaustive: true, symmetry: false }), dflt = check(headLoop(), { exhaustive: true });
    expect(full.properties[0]!.verdict).toBe('violated');
    expect(dflt.properties[0]!.verdict).toBe('violated');
    expect(dflt.states).toBe(full.states);
    expect(dflt.symmetry!.note).toContain('the two heads each searched: a step\'s strong fairness is judged on the states searched');
  });

  it('catches a movable set that shrinks along a run', () => {
    // Both may move only while P0 holds the lock before its first round (lock is byte 2, P0's v byte 0).
    const m = rounds(2, { movable: (u8) => (u8[2] === 1 && u8[0] === 0 ? 3 : 0) });
    expect(checkSymmetry(m).failure?.what).toMatch(/fewer elements may move/);
  });
});
