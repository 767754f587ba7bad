/**
 * sysfs bind/unbind racing async probe and device_del. v4.2 bind_store tests dev->driver without
 * the lock: the async helper's bind (race=async) or device_del (race=del) slips between the test
 * and device_lock. v5.1 (3451a495ef24, device_driver_attach) re-checks dead and dev->driver under
 * the lock. no-deadlock on race=async before v5.19 is b232b02bf3c2 (sync fallback under the lock).
 * race=probe (drivers_probe): the same window through device_attach, closed by 654888327e9f (v5.9).
 */
import { defineSuite } from 'probecheck';

const DL = "b232b02bf3c2: async_schedule's sync fallback runs the helper under device_lock(dc)";
export default defineSuite({
  name: 'sysfs-bind',
  model: '../models/sysfs-bind.ts',
  cases: [
    { params: { race: 'async', profile: 'v4.2', patches: '' }, states: 176,
      note: `writer passes the unlocked dev->driver test, the async helper binds dc-a, the writer probes dc-b over it; ${DL}`,
      expect: { 'single-binding': 'violated', 'no-deadlock': 'violated' } },
    { params: { race: 'async', profile: 'v5.1', patches: '' }, states: 158, note: DL,
      expect: { 'single-binding': 'holds', 'no-deadlock': 'violated' } },
    { params: { race: 'async', profile: 'mainline', patches: '' }, states: 277, // 275 before __device_attach tested dead before dev->driver (2026-12-06); 288 while a2225b6e834a's bind-path hunk left can_match set on a device not ready (a new user, 2026-12-05); 275 before __driver_probe_device's check (bind_store's) set can_match; 251 before mainline read a dd.c with a2225b6e834a (READY_TO_PROBE)
      expect: { 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'del', profile: 'v4.2', patches: '' }, states: 95, // 94 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
      note: 'drivers_autoprobe=0, manual bind: device_del starts between the unlocked test and device_lock; driver_probe_device only checks registered',
      expect: { 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'del', profile: 'v5.1', patches: '' }, states: 67,
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'del', profile: 'mainline', patches: '' }, states: 80, // 76 before bind_store's __driver_probe_device set can_match
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'unbind', profile: 'v4.2', patches: '' }, states: 51, note: 'unbind_store and device_del both release under the lock: no race',
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'unbind', profile: 'mainline', patches: '' }, states: 59,
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'probe', profile: 'v4.2', patches: '' }, states: 90, // 88 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
      note: 'drivers_autoprobe=0, echo dc > drivers_probe: device_del starts between bus_rescan_devices_helper\'s unlocked dev->driver test and __device_attach\'s device_lock',
      expect: { 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'probe', profile: 'v5.1', patches: '' }, states: 104, // 102 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
      note: 'device_driver_attach fixed bind_store here; device_attach tests dead only from 654888327e9f (v5.9)',
      expect: { 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'probe', profile: 'v5.9', patches: '' }, states: 67,
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'probe', profile: 'mainline', patches: '' }, states: 72,
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
  ],
});
