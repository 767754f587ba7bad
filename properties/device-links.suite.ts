/**
 * Device links (S15, B16). With managed links (v4.10+) a consumer is never bound while its
 * supplier is not, in either probe order (variant=order). variant=unbind: the supplier is
 * unbound by sysfs while the consumer probes; device_links_unbind_consumers handles the consumers
 * that exist when device_links_busy runs, but not a link the consumer's probe adds afterwards.
 */
import { defineSuite, type Expected } from 'probecheck';

const P = ['links-supplier-bound', 'single-binding', 'deferred-lists', 'no-lost-deferral', 'no-deadlock'] as const;
const all = Object.fromEntries(P.map((p) => [p, 'holds'])) as Record<string, Expected>;
// Observed, not catalogued (to review): mmc's probe starts while pmic's __device_release_driver is
// past device_links_busy (pmic DL_DEV_UNBINDING); the link mmc's probe adds starts in
// SUPPLIER_UNBIND, mmc binds (the kernel WARNs in device_links_driver_bound), pmic's remove
// completes and the link goes DORMANT: mmc bound, pmic not. The kernel code paths as read agree.
const UNBIND = 'uncatalogued: consumer probe adds its managed link while the supplier is already unbinding (past device_links_busy); consumer ends bound without its supplier';
// Once pmic is unbound nothing binds it again, so no deferred mmc ever has what it needs: the retry L1 is about never comes up.
const NO_RETRY = 'no-lost-deferral is vacuous: pmic is never bound again once unbound, so no deferred device ever has what its driver needs';

export default defineSuite({
  name: 'device-links',
  model: '../models/device-links.ts',
  cases: [
    { params: { variant: 'order', profile: 'v4.18', patches: '' }, states: 549, expect: all },
    { params: { variant: 'order', profile: 'mainline', patches: '' }, states: 801, expect: all },
    { params: { variant: 'unbind', profile: 'v4.18', patches: '' }, states: 719, // was 708: v4.18 flushes the deferred work in wait_for_device_probe (013c074f8642, v4.5)
      note: `${UNBIND}; ${NO_RETRY}`, expect: { ...all, 'links-supplier-bound': 'violated', 'no-lost-deferral': 'vacuous' } },
    { params: { variant: 'unbind', profile: 'mainline', patches: '' }, states: 830, note: `${UNBIND}; ${NO_RETRY}`, expect: { ...all, 'links-supplier-bound': 'violated', 'no-lost-deferral': 'vacuous' } },
    // B16 (ead18c23c263): both drivers add the same stateless link and both ->remove delete it.
    { params: { variant: 'kref', profile: 'v4.14', patches: '' }, states: 1170,
      note: "pmic's probe creates the link mmc -> pmic, mmc's probe gets the same one back; unbinding mmc deletes it, unbinding pmic list_dels the freed link again",
      expect: { 'links-single-delete': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    // B16 was pinned on v4.18, which already has ead18c23c263 (v4.17): the bug's profile is v4.14.
    { params: { variant: 'kref', profile: 'v4.18', patches: '' }, states: 1006, expect: { 'links-single-delete': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'kref', profile: 'v4.14', patches: 'ead18c23c263' }, states: 1006, note: 'device_link_add takes a reference on the existing link; the last device_link_del deletes it',
      expect: { 'links-single-delete': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'kref', profile: 'v5.1', patches: '' }, states: 1006, expect: { 'links-single-delete': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'kref', profile: 'mainline', patches: '' }, states: 1141, expect: { 'links-single-delete': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
  ],
});
