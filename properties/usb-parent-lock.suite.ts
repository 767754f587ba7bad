/**
 * USB need_parent_lock (B12, 8c97a46af04b; S8): the interface's probe and remove run with the
 * USB device's lock held on the sync (hotplug), sysfs and driver-attach/detach paths, on every
 * profile. The device-registration async helper never takes the parent lock (v4.2 .. mainline):
 * reachable only if a USB interface driver asks for async probing (e.g. driver_async_probe=);
 * no such report is catalogued, so the async rows document a gap, not a fixed bug.
 * no-deadlock on the async path before v5.19 is b232b02bf3c2 (sync fallback under device_lock);
 * on the driver-registration paths of v5.1 it is 70fe758352ca (the same mistake in __driver_attach, fixed in v6.0).
 * The siblings rows are B12 itself (a performance bug): 'sometimes' two sibling probes overlap.
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite, type SuiteCase } from 'probecheck';

type V = 'holds' | 'violated';
// path -> profile -> [states, usb-parent-lock, no-deadlock]
const T: Record<string, Record<string, [number, V, V]>> = {
  sync: { 'v4.2': [24, 'holds', 'holds'], 'v4.18': [24, 'holds', 'holds'], 'v5.1': [25, 'holds', 'holds'], mainline: [27, 'holds', 'holds'] },
  // async v4.2, v4.18: 118 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
  async: { 'v4.2': [122, 'violated', 'violated'], 'v4.18': [122, 'violated', 'violated'], 'v5.1': [84, 'violated', 'violated'], mainline: [114, 'violated', 'holds'] },
  // sysfs: bind_store evaluates the bus match in a step of its own (issue 11)
  // v5.1 was 82 before bind_store kept its unlocked dev->driver test up to 204db60c8357 (v5.14), as bus.c of 5.10.13 shows (issue 9)
  sysfs: { 'v4.2': [64, 'holds', 'holds'], 'v4.18': [64, 'holds', 'holds'], 'v5.1': [64, 'holds', 'holds'], mainline: [83, 'holds', 'holds'] },
  // detach rows: more states since bus_remove_driver's klist_remove waits for the walks inside the driver's node,
  // and driver_detach loops, taking devices off the driver's klist until it is empty (issue 9)
  detach: { 'v4.2': [26, 'holds', 'holds'], 'v4.18': [26, 'holds', 'holds'], 'v5.1': [26, 'holds', 'holds'], mainline: [27, 'holds', 'holds'] },
  'detach-async': { 'v4.2': [141, 'holds', 'holds'], 'v4.18': [141, 'holds', 'holds'], 'v5.1': [78, 'holds', 'violated'], mainline: [104, 'holds', 'holds'] },
};

// B12 (8c97a46af04b): can two children of one simple-bus be inside probe() at once? ('sometimes')
type R = 'reachable' | 'unreachable';
const S: Record<string, Record<string, [number, R]>> = {
  'siblings-bind': { 'v4.2': [148, 'unreachable'], 'v4.18': [232, 'reachable'], mainline: [194, 'reachable'] },
  siblings: { 'v4.2': [76, 'unreachable'], 'v4.18': [70, 'unreachable'], 'v5.1': [376, 'reachable'], mainline: [620, 'reachable'] },
};

const NOTE: Record<string, string> = {
  'siblings-bind': 'B12: before v4.18 bind_store locked the parent on every bus, so two binds under one simple-bus serialise; 8c97a46af04b keeps that for need_parent_lock buses only',
  siblings: 'driver registration: v4.2/v4.18 attach all devices in one driver_attach_async work (serial by construction); v5.1 per-device helpers (ef0ff68351be) without the parent lock (8c97a46af04b) probe siblings in parallel',
  async: "__device_attach_async_helper(intf) locks only intf: probe runs without udev's lock (S8 gap, by construction)",
  'detach-async': 'v4.2 driver_attach_async -> __driver_attach locks the parent; v5.1+ __driver_attach_async_helper -> __device_driver_lock. v5.1: 70fe758352ca\'s deadlock (async_schedule_dev under device_lock(intf); the sync fallback helper takes udev then intf: lock-order and AA)',
  sysfs: 'v5.1: bind_store goes through device_driver_attach (3451a495ef24), which checks dead/driver under the locks; until 204db60c8357 (v5.14) bind_store first tests dev->driver unlocked (5.10.13 bus.c; gone in bus.c at 204db60c8357), so a bound device is refused before any lock, as on v4.2 (64 states; 82 when the model skipped that test)',
};

export default defineSuite({
  name: 'usb-parent-lock',
  model: '../models/usb-parent-lock.ts',
  cases: [
    ...Object.entries(T).flatMap(([path, row]) => Object.entries(row).map(([profile, [states, upl, dl]]): SuiteCase => ({
      params: { path, profile, patches: '' }, states, ...(NOTE[path] ? { note: NOTE[path] } : {}),
      expect: { 'usb-parent-lock': upl, 'lock-order': path === 'detach-async' && profile === 'v5.1' ? 'violated' : 'holds', 'single-binding': 'holds', 'no-deadlock': dl },
    }))),
    ...Object.entries(S).flatMap(([path, row]) => Object.entries(row).map(([profile, [states, sib]]): SuiteCase => ({
      params: { path, profile, patches: '' }, states, note: NOTE[path]!,
      // On a platform bus only profiles before 8c97a46af04b (v4.18) take the parent lock: after it no thread nests locks.
      expect: { 'sibling-probes-concurrent': sib, 'lock-order': ['v3.5', 'v3.14', 'v4.2', 'v4.14'].includes(profile) ? 'holds' : 'vacuous', 'single-binding': 'holds', 'no-deadlock': path === 'siblings' && profile === 'v5.1' ? 'violated' : 'holds' },
    }))),
    { params: { path: 'detach-async', profile: 'v5.1', patches: '70fe758352ca' }, states: 98, note: 'with the __driver_attach fix (70fe758352ca) the v5.1 row holds again',
      expect: { 'usb-parent-lock': 'holds', 'lock-order': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { path: 'siblings', profile: 'v5.1', patches: '70fe758352ca' }, states: 510, note: 'siblings on v5.1 without the __driver_attach deadlock: parallel sibling probes remain reachable',
      expect: { 'sibling-probes-concurrent': 'reachable', 'lock-order': 'vacuous', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
  ],
});
