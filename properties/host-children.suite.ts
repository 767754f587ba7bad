/**
 * A host with n async children racing rmmod of their module (issue 12's sizing scenario): every
 * property holds on each profile, and the state counts show how the search grows with n (about
 * 17x per child at n=2..4 on v4.2; 853,490 states at n=4, left to `npm run bench`).
 */
import { defineSuite } from 'probecheck';

const ALL = { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'holds' } as const;

export default defineSuite({
  name: 'host-children',
  model: '../models/host-children.ts',
  cases: [
    { params: { n: 2, profile: 'v4.2', patches: '' }, states: 2214, expect: ALL },
    { params: { n: 2, profile: 'v5.1', patches: '' }, states: 2080, expect: ALL },
    { params: { n: 2, profile: 'mainline', patches: '' }, states: 2669, expect: ALL },
    { params: { n: 3, profile: 'v4.2', patches: '' }, states: 37400, expect: ALL },
  ],
});
