/**
 * Two-phase commit (models/bench/two-phase-commit.ts) against the published state counts of
 * Lamport's TwoPhase.tla (TLC and Stateright: 288 states for 3 RMs, 296,448 for 7): TCConsistent
 * holds, no deadlock is possible (every step idle), and the reference backend agrees for small RM.
 */
import { describe, expect, it } from 'vitest';
import { check, makeBackend, replay, type Model, type Result } from 'probecheck';
import twoPhase from '../../models/bench/two-phase-commit.js';
import { build, verdicts } from './helpers.js';

/** Distinct states for RM = 1..7 (3 and 7 published; the rest computed here and by the reference backend up to 5). */
const STATES = [12, 56, 288, 1568, 8832, 50816, 296448];

/** Each RM's model and its search on the fast backend, run once for both tests that read it (s44 h12). */
const searched = new Map<number, { m: Model; f: Result }>();
function fast(RM: number): { m: Model; f: Result } {
  if (!searched.has(RM)) { const m = build(twoPhase, { RM }); searched.set(RM, { m, f: check(m, { backend: 'fast' }) }); }
  return searched.get(RM)!;
}

describe('two-phase-commit', () => {
  it.each([3, 4, 5, 6, 7])('RM=%i: published state count, TCConsistent holds', (RM) => {
    const r = fast(RM).f;
    expect([r.states, r.complete]).toEqual([STATES[RM - 1], true]);
    expect(verdicts(r)).toEqual({ TCConsistent: 'holds' });
  });

  it.each([1, 2, 3, 4, 5])('RM=%i: the reference backend counts the same states and transitions', (RM) => {
    const { m, f } = fast(RM), r = check(m, { backend: 'reference' });
    expect(r.states).toBe(STATES[RM - 1]);
    expect([r.transitions, r.depth]).toEqual([f.transitions, f.depth]);
  });

  it('a terminal state (all committed or aborted) is not a deadlock', () => {
    const m = build(twoPhase, { RM: 3 });
    m.properties.push({ kind: 'deadlock', name: 'no-deadlock' });
    expect(verdicts(check(m))).toEqual({ TCConsistent: 'holds', 'no-deadlock': 'holds' });
  });

  it('as above but an RM may abort after preparing (a broken RM): TCConsistent is violated', () => {
    const m = build(twoPhase, { RM: 2 });
    const rm0 = m.threads[0]!.steps.rm!;
    const broken = { ...rm0, branches: (s: any) => (s.rmState[0] === 1 ? 1 : 0) + (rm0.branches as (s: any, l: any) => number)(s, {}),
      run: (s: any, l: any, b: number, ctx: any) => {
        if (s.rmState[0] === 1) { if (b === 0) { s.rmState[0] = 3; return 'rm'; } b--; }
        return rm0.run(s, l, b, ctx);
      } };
    m.threads[0] = { ...m.threads[0]!, steps: { rm: broken } };
    const r = check(m);
    expect(verdicts(r)).toEqual({ TCConsistent: 'violated' });
    // Shortest: both prepare, the TM hears both and commits, one RM commits and RM_0 aborts.
    const moves = r.properties[0]!.trace!.moves;
    expect(moves).toHaveLength(7);
    const be = makeBackend(m);
    replay(be, moves);
    expect(m.properties[0]!.kind === 'invariant' && m.properties[0]!.holds(be.curG(), be.curQ())).toBe(false);
  });
});
