/**
 * A host with n async children racing rmmod of their module (issue 12's sizing scenario): every
 * property holds on each profile, and the state counts show how the search grows with n (24x
 * from n=2 to 3 and 42x from 3 to 4 on v4.2; 2,462,540 states at n=4, left to `npm run bench`).
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 * `reduced` pins the states stored with `--por`, `--symmetry` and both (issue 12): a change to
 * either reduction shows here, and `check properties/ --symmetry` compares against them.
 */
import { defineSuite } from 'probecheck';

const ALL = { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'holds' } as const;

export default defineSuite({
  name: 'host-children',
  model: '../models/host-children.ts',
  cases: [
    { params: { n: 2, profile: 'v4.2', patches: '' }, states: 2074, reduced: { por: 584, symmetry: 1468, 'por+symmetry': 450 }, expect: ALL },
    { params: { n: 2, profile: 'v5.1', patches: '' }, states: 1922, reduced: { por: 570, symmetry: 1384, 'por+symmetry': 438 }, expect: ALL },
    { params: { n: 2, profile: 'mainline', patches: '' }, states: 2371, reduced: { por: 763, symmetry: 1725, 'por+symmetry': 599 }, expect: ALL }, // por 754, both 590 before __device_attach tested dead before dev->driver (2026-12-06; the unreduced 2371 is unchanged); por 717, both 553 before READY_TO_PROBE: device_add's step reads dev->mutex (a2225b6e834a's device_lock)
    { params: { n: 3, profile: 'v4.2', patches: '' }, states: 31246, reduced: { por: 3675, symmetry: 9234, 'por+symmetry': 1556 }, expect: ALL },
  ],
});
