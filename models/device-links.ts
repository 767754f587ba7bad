/**
 * Device links (9ed9895370ae, v4.10; S15). The consumer's probe adds a managed link to its
 * supplier and needs it bound (else -EPROBE_DEFER); device_links_check_suppliers defers a
 * consumer whose link is not AVAILABLE. variant=order: supplier and consumer appear in either
 * order; the consumer must never be bound while the supplier is not. variant=unbind: the
 * supplier is unbound by sysfs while the consumer is bound: mainline first unbinds consumers
 * (device_links_unbind_consumers). variant=kref (B16, ead18c23c263, link refcount): pmic's and
 * mmc's probes both call device_link_add(mmc, pmic, DL_FLAG_STATELESS) and get the same link;
 * both ->remove call device_link_del, which before the kref deletes it twice (list corruption).
 * variant=parent: pmic is a child of `soc` (a platform bus: no need_parent_lock) and its driver
 * is unregistered while mmc is bound and `soc` is unbound by sysfs. From 8c97a46af04b (v4.18)
 * driver_detach's device_release_driver_internal(pmic, drv, soc) does not lock soc, but
 * __device_release_driver drops and retakes it around device_links_unbind_consumers, `if (parent)`
 * (dd.c at 8c97a46af04b:862-867 vs 922-923, 930-931): soc's mutex is released under its holder,
 * or unlocked held by none (unlock-balance, lockdep's "bad unlock balance"), and then kept after
 * the return. The loop tests need_parent_lock from e121a833745b ("driver core: Add missing
 * dev->bus->need_parent_lock checks", Fixes: 8c97a46af04b; committed to driver-core 2018-12-19:
 * v5.0-rc1 by ancestry, unverified; s43 h4), after v4.19's text and before 3451a495ef24 (v5.1-rc1),
 * inline until __device_driver_(un)lock (DRIVER_LOCK_HELPERS, ed88747c6c4a, v5.1), which the model's
 * tested shape follows: v4.20 lacks the test; v5.0 has it (LINKS_LOOP_PARENT_TEST, settled by
 * ancestry, not read in a v5.0 tree) and reads as v5.1. variant=probe-fail (a finding, README "A failed probe that unregisters
 * a supplier"): pmic is a child that `host`'s probe registers (devm) before the probe may fail;
 * its error path releases pmic's driver while mmc's probe holds a CONSUMER_PROBE link to pmic,
 * and device_links_unbind_consumers' wait_for_device_probe waits for a probe_count that host's
 * own driver_probe_device holds.
 * variant=probing (15cfb0941603, "driver core: Fix adding device links to probing suppliers",
 * v5.1, flag LINKS_NO_DRIVER_DORMANT: core.c at e7dd40105aac has it, 3451a495ef24 not): pmic's probe registers mmc, whose probe adds its link to pmic without waiting for
 * it (linksUnchecked: it knows pmic works), while pmic is still probing. Before the fix
 * device_link_add makes the link DORMANT (supplier not DL_DEV_DRIVER_BOUND), and mmc's
 * driver_bound reaches device_links_driver_bound's WARN_ON(link->status != DL_STATE_CONSUMER_PROBE);
 * after it the link is CONSUMER_PROBE (links-no-warn).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'device-links',
  describe: 'managed device links: consumer bound only with its supplier bound',
  profile: 'v4.18',
  params: { variant: { default: 'order', values: ['order', 'unbind', 'kref', 'parent', 'probe-fail', 'probing'], describe: 'probe order race, supplier unbind, a stateless link added and deleted by both drivers, a supplier with a parent unregistered, a supplier unregistered by its parent\'s failed probe, or a link added to a supplier still probing' } },
  devices: { pmic: {}, mmc: {} },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true },
  },
  actors: { 'add pmic': 'add pmic', 'add mmc': 'add mmc' },
  properties: ['links-supplier-bound', 'single-binding', 'deferred-lists', 'no-lost-deferral', 'no-deadlock'],
  vary: (p, s) => p.variant === 'order' ? s : p.variant === 'probing' ? {
    ...s,
    devices: { pmic: {}, mmc: { parent: 'pmic' } },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true, registers: ['mmc'] }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true } },
    actors: { 'add pmic': 'add pmic' },
    properties: ['links-no-warn', 'single-binding', 'no-deadlock'],
  } : p.variant === 'probe-fail' ? {
    ...s,
    devices: { host: {}, pmic: { parent: 'host' }, mmc: {} },
    drivers: { 'host-drv': { matches: ['host'], present: true, registers: ['pmic'], probe: ['ok', 'error'] }, ...s.drivers },
    actors: { 'add host': 'add host', 'add mmc': 'add mmc' },
    properties: ['links-supplier-bound', 'single-binding', 'no-deadlock'],
  } : p.variant === 'parent' ? {
    ...s,
    devices: { soc: { present: true, boundTo: 'simple-bus' }, pmic: { parent: 'soc' }, mmc: {} },
    drivers: { 'simple-bus': { matches: ['soc'], present: true }, ...s.drivers },
    actors: { boot: ['add pmic', 'add mmc', 'unregister pmic-drv'], 'echo soc > unbind': 'unbind simple-bus soc' },
    properties: ['links-supplier-bound', 'single-binding', 'lock-order', 'unlock-balance', 'no-deadlock'],
  } : p.variant === 'kref' ? {
    ...s,
    drivers: {
      'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
      'mmc-drv': { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    },
    actors: { boot: ['add pmic', 'add mmc'], 'echo mmc > unbind': 'unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
    properties: ['links-single-delete', 'single-binding', 'no-deadlock'],
  } : {
    ...s, actors: { boot: ['add pmic', 'add mmc'], 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  },
});
