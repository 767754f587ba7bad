/**
 * Device links (S15, B16). With managed links (v4.10+) a consumer is never bound while its
 * supplier is not, in either probe order (variant=order). variant=unbind: the supplier is
 * unbound by sysfs while the consumer probes; device_links_unbind_consumers handles the consumers
 * that exist when device_links_busy runs, but not a link the consumer's probe adds afterwards.
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite, type Expected } from 'probecheck';

// links-no-warn is checked only when named (README, "WARN_ONs reachable in the text read").
const P = ['links-supplier-bound', 'single-binding', 'deferred-lists', 'no-lost-deferral', 'links-no-warn', 'no-deadlock'] as const;
const all = Object.fromEntries(P.map((p) => [p, 'holds'])) as Record<string, Expected>;
// Observed, not catalogued (to review): mmc's probe starts while pmic's __device_release_driver is
// past device_links_busy (pmic DL_DEV_UNBINDING); the link mmc's probe adds starts in
// SUPPLIER_UNBIND, mmc binds (device_links_driver_bound makes it ACTIVE under a WARN_ON), pmic's
// remove completes and device_links_driver_cleanup makes it DORMANT (another WARN_ON): mmc bound,
// pmic not. The kernel code paths as read agree; `--property links-no-warn` shows the WARN_ONs.
const UNBIND = 'uncatalogued: consumer probe adds its managed link while the supplier is already unbinding (past device_links_busy); consumer ends bound without its supplier';
// Once pmic is unbound nothing binds it again, so no deferred mmc ever has what it needs: the retry L1 is about never comes up.
const NO_RETRY = 'no-lost-deferral is vacuous: pmic is never bound again once unbound, so no deferred device ever has what its driver needs';

// driver_detach(pmic-drv) -> device_release_driver_internal(pmic, drv, soc) takes no soc lock; the
// device-links loop unlocks soc (held by the sysfs unbind of soc: its dev->driver = NULL then runs
// without soc's mutex: single-binding), retakes it and returns holding it (the unbind waits forever).
// The model's device_unlock clears the owner whoever holds it (kernel/locking/mutex.c not read);
// the deadlock does not depend on that.
const PARENT = "pre-fix __device_release_driver: driver_detach never locked soc, the links loop unlocks it under the sysfs unbind's hold and keeps it after returning";

// A finding (README, "A failed probe that unregisters a supplier"): host's probe registers pmic
// (devm) and fails; its error path releases pmic's driver inside host's driver_probe_device
// (probe_count raised); mmc's probe holds a CONSUMER_PROBE link to pmic, so
// device_links_unbind_consumers calls wait_for_device_probe, which waits for host's own count.
const SELF_WAIT = "finding: a failed probe's devres unregisters a supplier with a consumer in probe; device_links_unbind_consumers' wait_for_device_probe waits for the failing probe's own probe_count (self-deadlock)";
const PF = ['links-supplier-bound', 'single-binding', 'no-deadlock'] as const;

export default defineSuite({
  name: 'device-links',
  model: '../models/device-links.ts',
  cases: [
    { params: { variant: 'order', profile: 'v4.18', patches: '' }, states: 868, expect: all },
    { params: { variant: 'order', profile: 'mainline', patches: '' }, states: 1227, expect: all },
    { params: { variant: 'unbind', profile: 'v4.18', patches: '' }, states: 806, // 773 before flush_work waited only for the instance of its call (2026-12-05); 719 before device_links_driver_bound made every link to a supplier ACTIVE (core.c, with a WARN unless CONSUMER_PROBE); was 708: v4.18 flushes the deferred work in wait_for_device_probe (013c074f8642, v4.5)
      note: `${UNBIND}; ${NO_RETRY}`, expect: { ...all, 'links-supplier-bound': 'violated', 'no-lost-deferral': 'vacuous', 'links-no-warn': 'violated' } },
    { params: { variant: 'unbind', profile: 'mainline', patches: '' }, states: 936, /* 896 before flush_work waited only for the instance of its call; 830 before device_links_driver_bound made every link to a supplier ACTIVE */ note: `${UNBIND}; ${NO_RETRY}`, expect: { ...all, 'links-supplier-bound': 'violated', 'no-lost-deferral': 'vacuous', 'links-no-warn': 'violated' } },
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
    // A supplier with a parent on a bus without need_parent_lock, unregistered while its consumer is
    // bound (issue 9, pre-fix shapes): 8c97a46af04b (v4.18) stopped locking the parent there, but
    // __device_release_driver still dropped and retook it `if (parent)` (dd.c at 8c97a46af04b:862-867),
    // as v4.19's text does (0x88888888/linux-4.19-comments); 3451a495ef24 (v5.1-rc1) tests
    // need_parent_lock there inline, before "device core: Consolidate locking and unlocking of parent
    // and device" (ed88747c6c4a, patch device-driver-lock, which stands for the fix here): the test is
    // e121a833745b ("driver core: Add missing dev->bus->need_parent_lock checks", committed to
    // driver-core 2018-12-19: v5.0-rc1 by ancestry, unverified; s43 h4), flag LINKS_LOOP_PARENT_TEST:
    // v5.0 has it (settled by ancestry, not read in a v5.0 tree) and reads as v5.1 (s43 h6; until
    // then it built v4.18's shape, 1,252 states, single-binding, unlock-balance and no-deadlock violated).
    // unlock-balance: the loop unlocks soc, held by the sysfs unbind or by no one (lockdep's "bad
    // unlock balance detected!"), where its caller never locked it.
    { params: { variant: 'parent', profile: 'v4.14', patches: '' }, states: 1052, note: 'before 8c97a46af04b driver_detach locks the parent on every bus: the drop and retake are balanced',
      expect: { 'links-supplier-bound': 'holds', 'single-binding': 'holds', 'lock-order': 'holds', 'unlock-balance': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'parent', profile: 'v4.18', patches: '' }, states: 1252, note: PARENT,
      expect: { 'links-supplier-bound': 'holds', 'single-binding': 'violated', 'lock-order': 'holds', 'unlock-balance': 'violated', 'no-deadlock': 'violated' } },
    { params: { variant: 'parent', profile: 'v5.0', patches: '' }, states: 1072, note: "e121a833745b (LINKS_LOOP_PARENT_TEST, v5.0-rc1 by ancestry, not read in a v5.0 tree): the loop drops soc only if its caller took it (need_parent_lock), inline, as v5.1's __device_driver_(un)lock do",
      expect: { 'links-supplier-bound': 'holds', 'single-binding': 'holds', 'lock-order': 'vacuous', 'unlock-balance': 'holds', 'no-deadlock': 'holds' } },
    // With the loop's test (v5.0 inline, the helpers from v5.1) no path takes soc's lock on this bus: lock-order is about nothing (vacuous).
    { params: { variant: 'parent', profile: 'v4.18', patches: 'device-driver-lock' }, states: 1072, note: '__device_driver_(un)lock: the loop drops soc only if its caller took it (need_parent_lock)',
      expect: { 'links-supplier-bound': 'holds', 'single-binding': 'holds', 'lock-order': 'vacuous', 'unlock-balance': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'parent', profile: 'v5.1', patches: '' }, states: 1072, expect: { 'links-supplier-bound': 'holds', 'single-binding': 'holds', 'lock-order': 'vacuous', 'unlock-balance': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'parent', profile: 'mainline', patches: '' }, states: 1160, expect: { 'links-supplier-bound': 'holds', 'single-binding': 'holds', 'lock-order': 'vacuous', 'unlock-balance': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'probe-fail', profile: 'v4.2', patches: '' }, states: 6434, note: 'no device links before v4.10 (9ed9895370ae): no wait in the release', expect: { 'links-supplier-bound': 'vacuous', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    // 9045, 7723, 10040, 10040 before flush_work waited only for the instance of its call (2026-12-05)
    // v5.1: 7855 before s39 h15 (device_links_purge of pmic a step apart from its kobject_del: device-del.ts)
    ...([['v4.14', 9153], ['v5.1', 8104], ['v5.15', 10190], ['mainline', 10190]] as const).map(([profile, states]) => ({ params: { variant: 'probe-fail', profile, patches: '' }, states, note: SELF_WAIT,
      expect: { 'links-supplier-bound': 'violated', 'single-binding': 'holds', 'no-deadlock': 'violated' } as Record<(typeof PF)[number], Expected> })),
    // 15cfb0941603: a link added to a supplier still probing (mmc's probe runs inside pmic's, which registered it).
    // v5.0 lacks the fix, v5.1 has it (core.c at e7dd40105aac; the s28 flags audit): the rows were on v5.1 until 2026-12-05.
    { params: { variant: 'probing', profile: 'v5.0', patches: '' }, states: 46, // 25 before a linksUnchecked link built the deferred-probe worker (2026-12-05)
      note: "device_link_add makes mmc's link to the probing pmic DORMANT; mmc's driver_bound then hits device_links_driver_bound's WARN_ON(link->status != DL_STATE_CONSUMER_PROBE)",
      expect: { 'links-no-warn': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'probing', profile: 'v5.0', patches: '15cfb0941603' }, states: 46, note: 'the link starts CONSUMER_PROBE (DL_DEV_PROBING supplier, probing consumer)', expect: { 'links-no-warn': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'probing', profile: 'v5.1', patches: '' }, states: 46, note: 'the fix merged (core.c at e7dd40105aac has its shape)', expect: { 'links-no-warn': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'probing', profile: 'v5.4', patches: '' }, states: 46, note: 'the fix merged (device_link_init_status, 515db266a9da)', expect: { 'links-no-warn': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
  ],
});
