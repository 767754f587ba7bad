/**
 * Partial-order reduction with symmetry on action properties that watch nothing (every user's
 * action property is one): what such a property reads on a move counts as read by the moving
 * step (por.ts, Reducer.attribute), and not by the same step of the other elements of its group.
 * That is all the reduction's argument needs: the one move whose reads C1 must cover is a move
 * of the persistent set itself, made and evaluated in the very state expanded (the argument is
 * in por.ts). Here `--por --symmetry` and `--por --check-symmetry` give the unreduced search's
 * verdicts on symmetric programs and properties drawn at random, with the warm-up walks on and
 * off (off, the passes learn every footprint themselves); and on a hand-made model whose
 * violation is lost when the attribution is taken out.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { check, makeBackend, replay, t, type Model, type Result } from 'probecheck';
import { WARM_UP } from '../../src/engine/reduce/por.js';
import { buildSymProgram, symProgram } from './sym-programs.js';
import { verdicts } from './helpers.js';

const saved = { ...WARM_UP };
afterEach(() => { Object.assign(WARM_UP, saved); });

/** The reduced trace's last move breaks the action property in the states around it. */
function breaksOnLastMove(m: Model, r: Result): boolean {
  const moves = r.properties[0]!.trace!.moves, before = makeBackend(m, 'fast'), after = makeBackend(m, 'fast');
  const prop = m.properties[0]!;
  if (prop.kind !== 'action') return false;
  replay(before, moves.slice(0, -1));
  replay(after, moves);
  return !prop.holds(before.curG(), after.curG(), moves[moves.length - 1]!, after.curQ(), before.curQ());
}

describe('partial-order reduction with symmetry on action properties that watch nothing', () => {
  // n interchangeable elements; each one's thread marks (its local only), then sets its a, then
  // its b. The property reads the others' a and b on a mark only: without the attribution every
  // step is independent of every other and invisible, the reduced search runs one thread to its
  // end before the next, and no mark comes while another element is half way (a set, b not).
  // (A property that a mark after another's a alone breaks was found that way too: the search
  // that runs P0 to its end, then P1, makes that move, with the attribution taken out or not.)
  const marks = (n: number): Model => {
    const P = Array.from({ length: n }, (_, i) => `P${i}`);
    return {
      name: 'marks', state: t.record({ p: t.array(n, t.record({ a: t.int(1), b: t.int(1) }), P) }),
      threads: P.map((name, i) => ({
        name, locals: t.record({ m: t.int(1) }),
        steps: {
          mark: { where: 'test/marks', run: (_s: any, l: any) => { l.m = 1; return 'a'; } },
          a: { where: 'test/marks', run: (s: any) => { s.p[i].a = 1; return 'b'; } },
          b: { where: 'test/marks', run: (s: any) => { s.p[i].b = 1; return null; } },
        },
      })),
      properties: [{ kind: 'action', name: 'no mark while another is half way', holds: (x: any, _z, mv) => mv.label !== 'mark' || !P.some((q, j) => q !== mv.thread && x.p[j].a === 1 && x.p[j].b === 0) }],
      symmetry: [{ name: 'P', elements: P.map((x) => ({ name: x, state: [`p[${x}]`], threads: [x] })), movable: () => (1 << n) - 1 }],
    };
  };
  it('a mark made while another element is half way is found, and replays', () => {
    for (const n of [2, 3]) for (const strategy of ['bfs', 'dfs'] as const) for (const warm of [true, false]) {
      Object.assign(WARM_UP, warm ? saved : { walks: 0, maxWalks: 0 });
      const m = marks(n), at = `n=${n} ${strategy} warm-up ${warm}`;
      const r = check(m, { strategy, exhaustive: true, por: true, symmetry: true });
      expect(r.symmetry?.applied, at).toBe(true);
      expect(r.por?.applied, at).toBe(true);
      expect(verdicts(r), at).toEqual({ 'no mark while another is half way': 'violated' });
      expect(breaksOnLastMove(m, r), at).toBe(true);
    }
  });

  it('random symmetric programs: the same verdict as the unreduced search, BFS and DFS, warm-up on and off', () => {
    let violated = 0, held = 0, reduced = 0;
    fc.assert(fc.property(symProgram, fc.constantFrom('bfs' as const, 'dfs' as const), fc.boolean(), fc.boolean(), (p, strategy, warm, verify) => {
      Object.assign(WARM_UP, warm ? saved : { walks: 0, maxWalks: 0 });
      const m = buildSymProgram(p), o = { exhaustive: true, strategy };
      const full = check(m, { ...o, symmetry: false });
      const both = check(m, { ...o, por: true, ...(verify ? { checkSymmetry: true } : { symmetry: true }) });
      const at = JSON.stringify({ p, strategy, warm, verify });
      expect(both.symmetry?.applied, at).toBe(true);
      expect(verdicts(both), at).toEqual(verdicts(full));
      if ((both.por?.ample ?? 0) > 0) reduced++;
      if (verdicts(full).p === 'violated') { violated++; expect(breaksOnLastMove(m, both), at).toBe(true); } else held++;
    }), { numRuns: Number(process.env.PROBECHECK_FUZZ ?? 60), seed: process.env.PROBECHECK_FUZZ ? Date.now() % 1e9 : 20261206 });
    // The draws are not vacuous: both verdicts occur, and the reduction reduced.
    expect(violated).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(0);
    expect(reduced).toBeGreaterThan(0);
  });
});
