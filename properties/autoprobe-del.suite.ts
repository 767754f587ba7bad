/**
 * A supplier's bind that defers its consumer (README "A supplier's bind that defers";
 * models/autoprobe-del.ts). device_links_driver_bound adds an AUTOPROBE_CONSUMER link's consumer to
 * the deferred-probe pending list holding only the supplier's lock, so the add can follow the
 * consumer's device_del's driver_deferred_probe_del at every profile with the flag (e7dd40105aac,
 * v5.1); __device_attach's dead check (654888327e9f, v5.9) is on the
 * device's own walk and does not cover it. The candidate fix (models/patches/deferred-add-dead.ts)
 * tests dev->p->dead in driver_deferred_probe_add.
 */
import { defineSuite } from 'probecheck';

const ADD = "the PMIC's device_links_driver_bound puts the codec on the pending list after the codec's device_del took it off (driver_deferred_probe_del) and before its device_links_purge";
const REBIND = "the same add in the PMIC's rebind through sysfs (unbind, then bind): the supplier had matched, so fw_devlink_drivers_done never relaxes the link";
const FIXED = 'driver_deferred_probe_add tests dev->p->dead under deferred_probe_mutex: an add after the del sees the codec dead';
// no-lost-deferral: codec deferred on its link (module: at boot) or put on the list by pmic's bind
// (rebind) is retried by pmic's trigger; the deleted codec the add leaves there is owed nothing.
const V = { 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-lost-deferral': 'holds', 'no-deadlock': 'holds' } as const;
export default defineSuite({
  name: 'autoprobe-del',
  model: '../models/autoprobe-del.ts',
  cases: [
    // v5.4, v5.1: 716 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C);
    // 720 before s39 h15: device_links_purge was taken with kobject_del, so the worker's retry of codec never met it linkless and still in sysfs (where it binds)
    ...([['mainline', 464], ['v5.15', 464], ['v5.4', 837], ['v5.1', 837]] as const).map(([profile, states]) => ({ params: { supplier: 'rebind', profile, patches: '' }, states, note: REBIND, expect: V })),
    { params: { supplier: 'rebind', profile: 'mainline', patches: '' }, patches: ['../models/patches/deferred-add-dead.ts'], states: 521, note: FIXED, // 468 before s39 h15: with a user's patch device_links_purge is a step apart from kobject_del (device-del.ts)
      expect: { 'deferred-lists': 'holds', 'no-probe-after-del': 'holds', 'no-lost-deferral': 'holds', 'no-deadlock': 'holds' } },
    { params: { supplier: 'module', profile: 'mainline', patches: '' }, states: 817, note: ADD, expect: V },
    { params: { supplier: 'module', profile: 'v6.6', patches: '' }, states: 817, note: ADD, expect: V },
    { params: { supplier: 'module', profile: 'v5.15', patches: '' }, states: 725, note: ADD, expect: V },
    { params: { supplier: 'module', profile: 'v5.10', patches: '' }, states: 627, note: `${ADD} (after __device_attach's dead check, v5.9: it guards only the device's own walk)`, expect: V },
    { params: { supplier: 'module', profile: 'v5.4', patches: '' }, states: 1030, note: ADD, expect: V }, // 873 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C); 879 before s39 h15: device_links_purge a step apart from kobject_del
    { params: { supplier: 'module', profile: 'v5.1', patches: '' }, states: 1030, note: `${ADD} (the first profile with DL_FLAG_AUTOPROBE_CONSUMER)`, expect: V }, // 873 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C); 879 before s39 h15: device_links_purge a step apart from kobject_del
    { params: { supplier: 'module', profile: 'mainline', patches: '' }, patches: ['../models/patches/deferred-add-dead.ts'], states: 970, note: FIXED, // 869 before s39 h15: with a user's patch device_links_purge is a step apart from kobject_del (device-del.ts)
      expect: { 'deferred-lists': 'holds', 'no-probe-after-del': 'holds', 'no-lost-deferral': 'holds', 'no-deadlock': 'holds' } },
  ],
});
