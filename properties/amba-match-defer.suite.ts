/**
 * A bus match that defers (README "A bus match that defers"; models/amba-match-defer.ts).
 * __driver_attach adds the device to the deferred-probe pending list without its lock, so the add
 * can follow device_del's driver_deferred_probe_del at every profile that has 656b8035b0ee (in the
 * tree only amba_match defers, since v6.0: before it only an out-of-tree bus could reach it); the
 * device's own walk is under its lock and safe from the dead check (654888327e9f, v5.9).
 */
import { defineSuite } from 'probecheck';

const ADD = "__driver_attach's driver_deferred_probe_add (no device lock) comes after device_del's driver_deferred_probe_del: the deleted device stays on the pending list";
const DEAD = "the deferred worker's __device_attach takes the device lock and finds the device dead (654888327e9f): nothing is added";
export default defineSuite({
  name: 'amba-match-defer',
  model: '../models/amba-match-defer.ts',
  cases: [
    { params: { walk: 'driver', profile: 'mainline', patches: '' }, states: 56, note: ADD,
      expect: { 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-deadlock': 'holds' } },
    { params: { walk: 'driver', profile: 'v6.1', patches: '' }, states: 56, note: ADD,
      expect: { 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-deadlock': 'holds' } },
    { params: { walk: 'driver', profile: 'v4.14', patches: '' }, states: 182, note: `${ADD} (before 25e9fbf0fd38 the walk then goes on to probe it)`, // 179 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
      expect: { 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-deadlock': 'holds' } },
    { params: { walk: 'device', profile: 'mainline', patches: '' }, states: 806, note: DEAD,
      expect: { 'deferred-lists': 'holds', 'no-probe-after-del': 'holds', 'no-deadlock': 'holds' } },
    { params: { walk: 'device', profile: 'v5.9', patches: '' }, states: 1433, note: DEAD, // 1418 before check_dead tested dead before dev->driver (2026-12-06): an attach of a device bound meanwhile now goes through it
      expect: { 'deferred-lists': 'holds', 'no-probe-after-del': 'holds', 'no-deadlock': 'holds' } },
    { params: { walk: 'device', profile: 'v5.4', patches: '' }, states: 1499, note: 'before the dead check the deferred retry of a deleted device adds it again (B6)', // 1481 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
      expect: { 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-deadlock': 'holds' } },
  ],
});
