/**
 * The benchmark model against the reference answers (shared/bench/RESULTS.md, from the
 * independent Python BFS): distinct states, transitions and depth for every variant, N = 1..7 on
 * the fast backend (v4.2 to N = 6; the larger sizes, up to 1.9 M states, cost seconds of a
 * 2-core CI machine each: `npm run bench` runs them) and N = 1..5 on the reference backend (its
 * 20-100 k states at N = 6 cost it seconds each, for nothing the fast backend and the
 * differential test do not check); the verdicts; and BFS counterexample lengths, which must be
 * exactly the shortest. The reference answers for the larger N stay in REF.
 */
import { describe, expect, it } from 'vitest';
import { check } from 'probecheck';
import probeTree from '../../models/bench/probe-tree.js';
import { build, traceLengths, verdicts } from './helpers.js';

/** states, transitions, depth for N = 1..8. */
const REF = {
  'v4.2': [[6, 5, 5], [283, 559, 20], [1670, 4697, 26], [5385, 18557, 32], [31738, 136015, 38], [100426, 492257, 44], [591424, 3395428, 50], [1911683, 12177377, 56]],
  parentlock: [[6, 5, 5], [233, 416, 22], [915, 1983, 30], [2297, 6150, 38], [9511, 29601, 46], [27820, 101006, 54], [115860, 470710, 62], [305512, 1413166, 70]],
  fixed: [[6, 5, 5], [187, 346, 21], [727, 1627, 29], [1791, 4874, 37], [7443, 23617, 45], [21656, 79620, 53], [90668, 373938, 61], [237708, 1110116, 69]],
} as const;
type Variant = keyof typeof REF;

/** Shortest counterexamples for N = 2..8 (N = 1 violates nothing). */
const SHORTEST: Record<Variant, Record<string, readonly number[]>> = {
  'v4.2': { 'parent-before-child': [7, 7, 7, 7, 7, 7, 7], 'no-bind-after-unregister': [10, 11, 14, 15, 15, 16, 18] },
  parentlock: { 'no-bind-after-unregister': [13, 14, 21, 22, 21, 22, 29] },
  fixed: {},
};

const PROPS = ['parent-before-child', 'no-bind-after-unregister', 'no-deadlock'];

function expected(variant: Variant, n: number) {
  const v: Record<string, string> = {}, len: Record<string, number> = {};
  for (const p of PROPS) {
    const s = SHORTEST[variant][p];
    v[p] = s && n >= 2 ? 'violated' : 'holds';
    if (s && n >= 2) len[p] = s[n - 2]!;
  }
  return { v, len };
}

const cases = (maxN: Record<Variant, number>) => (Object.keys(REF) as Variant[]).flatMap((variant) =>
  Array.from({ length: maxN[variant] }, (_, i) => ({ variant, N: i + 1 })));

describe.each([
  { backend: 'fast' as const, maxN: { 'v4.2': 6, parentlock: 7, fixed: 7 } },
  // The reference backend (immer) runs about 30k transitions/s: v4.2 stops at N=4 (5,385 states; N=5's 136k transitions took 5 s).
  { backend: 'reference' as const, maxN: { 'v4.2': 4, parentlock: 5, fixed: 5 } },
])('probe-tree on the $backend backend', ({ backend, maxN }) => {
  it.each(cases(maxN))('$variant N=$N: reference counts, verdicts and shortest counterexamples', ({ variant, N }) => {
    const r = check(build(probeTree, { N, variant }), { backend, strategy: 'bfs' });
    const [states, transitions, depth] = REF[variant][N - 1]!;
    expect([r.states, r.transitions, r.depth, r.complete]).toEqual([states, transitions, depth, true]);
    const { v, len } = expected(variant, N);
    expect(verdicts(r)).toEqual(v);
    expect(traceLengths(r)).toEqual(len);
  });
});
