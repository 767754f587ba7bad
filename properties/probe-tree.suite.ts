/**
 * The benchmark model's expected verdicts and golden state counts (the reference answers shared
 * with SPIN, Quint and the Python reference). Minimal pairs: each variant adds one fix to the
 * one before — parentlock takes the parent's lock around async probe, fixed also marks a device
 * dead in device_del — and the table says which property each fix repairs.
 */
import { defineSuite } from 'probecheck';

const STATES = {
  'v4.2': [283, 1670, 5385, 31738],
  parentlock: [233, 915, 2297, 9511],
  fixed: [187, 727, 1791, 7443],
} as const;

const EXPECT = {
  // v4.2: a child probes before its parent is bound, and the leaf binds after device_del.
  'v4.2': { 'parent-before-child': 'violated', 'no-bind-after-unregister': 'violated', 'no-deadlock': 'holds' },
  // As v4.2, but async probe takes the parent's lock: only the rebind race remains.
  parentlock: { 'parent-before-child': 'holds', 'no-bind-after-unregister': 'violated', 'no-deadlock': 'holds' },
  // As parentlock, plus the dead flag: everything holds.
  fixed: { 'parent-before-child': 'holds', 'no-bind-after-unregister': 'holds', 'no-deadlock': 'holds' },
} as const;

export default defineSuite({
  name: 'probe-tree',
  model: '../models/bench/probe-tree.ts',
  cases: (Object.keys(STATES) as (keyof typeof STATES)[]).flatMap((variant) =>
    STATES[variant].map((states, i) => ({ params: { variant, N: i + 2 }, expect: { ...EXPECT[variant] }, states }))),
});
