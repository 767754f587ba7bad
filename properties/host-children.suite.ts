/**
 * A host with n async children racing rmmod of their module (issue 12's sizing scenario): every
 * property holds on each profile, and the state counts show how the search grows with n (24x
 * from n=2 to 3 and 42x from 3 to 4 on v4.2; 2,462,540 states at n=4, left to `npm run bench`).
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite } from 'probecheck';

const ALL = { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'holds' } as const;

export default defineSuite({
  name: 'host-children',
  model: '../models/host-children.ts',
  cases: [
    { params: { n: 2, profile: 'v4.2', patches: '' }, states: 2424, expect: ALL },
    { params: { n: 2, profile: 'v5.1', patches: '' }, states: 2272, expect: ALL },
    { params: { n: 2, profile: 'mainline', patches: '' }, states: 2931, expect: ALL },
    { params: { n: 3, profile: 'v4.2', patches: '' }, states: 58286, expect: ALL },
  ],
});
