/**
 * libnvdimm: asynchronous device registration (Dan Williams' alternative to async probe), a
 * region that needs all its NVDIMMs, the duplicate device_unregister of B9 and the
 * wait-for-probe-idle ABBA deadlock of B8.
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite } from 'probecheck';

export default defineSuite({
  name: 'nvdimm',
  model: '../models/nvdimm.ts',
  cases: [
    // Async registration with synchronous probing: the region's deferred retry is lost only
    // without deferred_trigger_count (B1); from v3.15 on, every ordering ends with the region bound.
    { params: { variant: 'register', profile: 'v3.14', patches: '' }, states: 44636,
      note: 'B1 again: region defers, the last dimm binds and triggers before the region reaches driver_deferred_probe_add',
      expect: { 'no-lost-deferral': 'violated', 'single-binding': 'holds', 'deferred-lists': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'register', profile: 'v3.14', patches: '58b116bce136' }, states: 57956,
      expect: { 'no-lost-deferral': 'holds', 'single-binding': 'holds', 'deferred-lists': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'register', profile: 'v5.1', patches: '' }, states: 57956,
      expect: { 'no-lost-deferral': 'holds', 'single-binding': 'holds', 'deferred-lists': 'holds', 'no-deadlock': 'holds' } },
    // B9: two async removals of one namespace. device_del itself never refused a second call;
    // 00289cd87676 added kill_device() for the *caller* to test (libnvdimm's nd_device_unregister).
    { params: { variant: 'unregister', profile: 'v4.2', patches: '' }, states: 43, note: 'B9: both removals pass bus_remove_device',
      expect: { 'single-unregister': 'violated', 'no-probe-after-del': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'unregister', profile: 'v5.1', patches: '' }, states: 60,
      note: 'v5.1 sets dead in device_del (3451a495ef24; kill_device, 00289cd87676, is v5.3), but a second device_del never tests it: still violated until the caller tests kill_device (kill-unregister, v5.4)',
      expect: { 'single-unregister': 'violated', 'no-probe-after-del': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'kill-unregister', profile: 'v5.4', patches: '' }, states: 36,
      note: "as above, but each caller does `if (kill_device(dev)) device_unregister(dev)`: the second caller finds dev dead. kill_device is 00289cd87676 (v5.3): the case ran on v5.1 until core.c of v5.1 (3451a495ef24) was read and had none (issue 9)",
      expect: { 'single-unregister': 'holds', 'no-probe-after-del': 'holds', 'no-deadlock': 'holds' } },
    // B8: uuid_store holds device_lock(ns) and waits for probe idle; nd_dax's probe (counted)
    // takes device_lock(ns). ca6bf264f6d8 drops the lock around the wait.
    { params: { variant: 'abba', profile: 'v5.1', patches: '' }, states: 72, // was 59 before __driver_attach/device_driver_attach followed the v5.1 text (issue 9)
      note: "B8: dax's probe starts (probe_count 1), uuid_store locks ns and waits for probe_count == 0, dax's probe waits for ns",
      expect: { 'no-deadlock': 'violated', 'no-wait-under-lock': 'violated', 'single-binding': 'holds' } },
    { params: { variant: 'abba-fixed', profile: 'v5.1', patches: '' }, states: 110, // was 96 (same reason) note: 'ca6bf264f6d8: device_unlock(ns) around wait_nvdimm_bus_probe_idle',
      expect: { 'no-deadlock': 'holds', 'no-wait-under-lock': 'holds', 'single-binding': 'holds' } },
  ],
});
