/**
 * Module load/unload and async probe (B7; S3, S4, S7). "driver core: Move async_synchronize_full
 * call" (Alexander Duyck, v5.1; hash unverified) moved the flush out of __device_release_driver
 * (device lock held, and only for a bound device) into driver_detach: it fixes both
 * no-driver-after-unregister on variant=rmmod and the flush ABBA of variant=flush.
 * delete_module's own async_synchronize_full keeps module-lifetime holding everywhere.
 * State counts grew by one step of bus_remove_driver when klist_remove started waiting for the
 * bus_for_each_drv walks inside the driver's node (issue 9: klist iterator references), and by
 * one more when driver_detach took a device off the driver's klist in a step of its own, and one
 * more when it loops until that klist is empty (the kernel's for (;;)). The v3.5
 * rows grew when bus_add_driver took its v3.6.0 shape (walk the devices, then join the klist).
 * B7: variant=scan (67d6212afda2: PF_USED_ASYNC lands on the work_on_cpu kworker, S11) and
 * variant=request (774a1221e862: request_module from an async entry deadlocks with the
 * unconditional async_synchronize_full of do_init_module).
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite } from 'probecheck';

/** The dd.c read at v5.1 (376991db4b64) calls async_schedule_dev inside device_lock(dev) in __driver_attach. */
const DA = "70fe758352ca (v6.0): __driver_attach calls async_schedule_dev with dev->mutex held; when async_schedule falls back to running __driver_attach_async_helper inline, the helper's __device_driver_lock waits for the mutex its own thread holds (AA). The earlier model ran the v6.0 shape on every profile and hid this";

const MOD = ['module-lifetime', 'no-driver-after-unregister', 'no-wait-under-lock', 'no-deadlock'] as const;
const e = (...bad: string[]) => Object.fromEntries(MOD.map((p) => [p, bad.includes(p) ? 'violated' : 'holds'])) as Record<string, 'holds' | 'violated'>;

export default defineSuite({
  name: 'module-async',
  model: '../models/module-async.ts',
  cases: [
    { params: { variant: 'rmmod', profile: 'v3.14', patches: '' }, states: 47, note: 'no async probing', expect: e() },
    { params: { variant: 'rmmod', profile: 'v4.2', patches: '' }, states: 234,
      note: 'async_probe=1: modprobe returns with driver_attach_async pending; rmmod\'s driver_detach finds nothing bound and driver_unregister returns before the work binds dc to the freed driver; also the flush under device_lock',
      expect: e('no-driver-after-unregister', 'no-wait-under-lock') },
    { params: { variant: 'rmmod', profile: 'v5.1', patches: '' }, states: 158, note: DA, expect: e('no-deadlock') },
    { params: { variant: 'rmmod', profile: 'v5.1', patches: '70fe758352ca' }, states: 180, note: 'driver_detach flushes async work first; with the __driver_attach fix nothing else is left', expect: e() },
    { params: { variant: 'rmmod', profile: 'v6.1', patches: '' }, states: 194, note: '70fe758352ca is in v6.0', expect: e() },
    { params: { variant: 'rmmod', profile: 'mainline', patches: '' }, states: 194, expect: e() },
    { params: { variant: 'init', profile: 'v4.2', patches: '' }, states: 130,
      note: 'PREFER_ASYNC driver without async_probe: the init task scheduled the work itself (PF_USED_ASYNC), so do_init_module waits for it; only the flush under device_lock remains',
      expect: e('no-wait-under-lock') },
    { params: { variant: 'init', profile: 'v5.1', patches: '' }, states: 100, note: DA, expect: e('no-deadlock') },
    { params: { variant: 'init', profile: 'v5.1', patches: '70fe758352ca' }, states: 122, expect: e() },
    { params: { variant: 'init', profile: 'v6.1', patches: '' }, states: 132, expect: e() },
    { params: { variant: 'init', profile: 'mainline', patches: '' }, states: 132, expect: e() },
    { params: { variant: 'flush', profile: 'v4.2', patches: '' }, states: 284, // 301 while no-missed-probe's ghost `released` was set by the unbind where that property is not checked (2026-12-04 .. s37 h5, 2026-12-06: paths/owed.ts); 267 before bind_store evaluated the bus match in a step of its own (issue 11)
      note: 'dc bound by sysfs while its async attach helper is pending; unbind takes dc\'s lock and waits in async_synchronize_full for the helper, which waits for dc\'s lock',
      expect: { 'no-wait-under-lock': 'violated', 'no-deadlock': 'violated' } },
    // The fix moved the flush out of the unbind path (into driver_detach): no thread waits at all, so no-wait-under-lock is about nothing.
    { params: { variant: 'flush', profile: 'v5.1', patches: '' }, states: 267, // 284 while the unbind set the ghost `released` here (2026-12-04 .. 2026-12-06, s37 h5)
      expect: { 'no-wait-under-lock': 'vacuous', 'no-deadlock': 'holds' } },
    { params: { variant: 'flush', profile: 'mainline', patches: '' }, states: 409, // 419 while the unbind set the ghost `released` here (until s37 h5, 2026-12-06); 415 before __device_attach tested dead before dev->driver (2026-12-06); 424 while a2225b6e834a's bind-path hunk left can_match set on a device not ready (a new user, 2026-12-05); 406 before the ghost `released`; 398 before __driver_probe_device's check set can_match (dev_set_can_match, as its C does); 318 before mainline read a dd.c with a2225b6e834a: a probe before device_add's end now defers, and device_add waits for dev->mutex
      expect: { 'no-wait-under-lock': 'vacuous', 'no-deadlock': 'holds' } },
    // B7 (67d6212afda2): the probe runs in pci_call_probe's work_on_cpu kworker and queues the SCSI scan from there.
    { params: { variant: 'scan', profile: 'v5.1', patches: '' }, states: 59, // 48 before module-init-barrier's ghost initStarted (2026-12-06): the runs whose init scan ran in the sync fallback are told apart
      note: 'B7: the local_pci_probe kworker gets PF_USED_ASYNC from scsi_scan_host, modprobe does not; do_init_module skips async_synchronize_full and returns with do_scan_async pending',
      expect: { 'module-init-barrier': 'violated', 'no-wait-under-lock': 'vacuous', 'no-deadlock': 'holds' } }, // the skipped sync is the only wait
    { params: { variant: 'scan', profile: 'v3.14', patches: '' }, states: 59, note: 'since 774a1221e862 (v3.8)', // 48 before the ghost initStarted
      expect: { 'module-init-barrier': 'violated', 'no-deadlock': 'holds' } },
    { params: { variant: 'scan', profile: 'v3.5', patches: '' }, states: 63, note: 'before 774a1221e862 do_init_module always synchronises', // 50 before the ghost initStarted
      expect: { 'module-init-barrier': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'scan', profile: 'v3.5', patches: '774a1221e862' }, states: 63, // 51 before the ghost initStarted
      expect: { 'module-init-barrier': 'violated' } },
    { params: { variant: 'scan', profile: 'v5.19', patches: '' }, states: 63, note: 'the revert 67d6212afda2 (v5.17): do_init_module waits for every async entry again', // 50 before the ghost initStarted
      expect: { 'module-init-barrier': 'holds', 'no-wait-under-lock': 'holds', 'no-deadlock': 'holds' } },
    // B7 history (774a1221e862): request_module from an async entry vs modprobe's async_synchronize_full.
    { params: { variant: 'request', profile: 'v3.5', patches: '' }, states: 149,
      note: "the scan's sd probe calls request_module(cfq) from the async entry; cfq's do_init_module waits in async_synchronize_full for that entry, which waits for modprobe cfq to exit",
      // module-init-barrier: vacuous (holds before its premise asked whether the init started an entry,
      // 2026-12-06): ahci's do_init_module returns only in runs whose scan ran in the sync fallback,
      // in modprobe's own thread; where the scan is an async entry every run deadlocks first.
      expect: { 'no-deadlock': 'violated', 'no-wait-under-lock': 'holds', 'module-init-barrier': 'vacuous' } },
    { params: { variant: 'request', profile: 'v3.5', patches: '774a1221e862' }, states: 239, // 238 before the ghost initStarted
      note: "cfq's init queued no async work: modprobe cfq skips the flush",
      expect: { 'no-deadlock': 'holds', 'no-wait-under-lock': 'holds', 'module-init-barrier': 'holds' } },
    { params: { variant: 'request', profile: 'v3.14', patches: '' }, states: 218, // 217 before the ghost initStarted
      expect: { 'no-deadlock': 'holds', 'no-wait-under-lock': 'holds', 'module-init-barrier': 'holds' } },
    { params: { variant: 'request', profile: 'v5.19', patches: '' }, states: 161,
      note: 'after the revert the deadlock is back for such a driver: the remaining rule (0fdff3ec6d87) only WARNs on a synchronous request_module from async context',
      expect: { 'no-deadlock': 'violated', 'module-init-barrier': 'vacuous' } }, // vacuous as at v3.5 (holds before the ghost initStarted)
    // 5d603311615f (v5.5), fixing 6e6de3dee51a (v5.3): modprobe m while rmmod m unloads it (test/kernel/module-wq.test.ts pins the same wait through request_module).
    // Before v5.3 a load of m GOING is -EEXIST at once, but free_module's first module_mutex region
    // leaves m listed and UNFORMED, which add_unformed_module waits for (COMING or UNFORMED): a load
    // there sleeps, and nothing wakes it (s45 h9; 136 states while free_module was one step).
    { params: { variant: 'going', profile: 'v3.5', patches: '' }, states: 130,
      note: 'v3.6.0: load_module fails any namesake with -EEXIST (no wait), and free_module unlinks m in one module_mutex region',
      expect: { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'holds', 'actors-terminate': 'holds' } },
    { params: { variant: 'going', profile: 'v4.19', patches: '' }, states: 142,
      note: "udev's add_unformed_module finds m UNFORMED between free_module's two module_mutex regions and sleeps on module_wq (it waits for a COMING or UNFORMED module); the second region unlinks m and nothing wakes the queue (delete_module: 5d603311615f, v5.5): modprobe hangs (a GOING m is -EEXIST at once)",
      expect: { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'violated', 'actors-terminate': 'violated' } },
    { params: { variant: 'going', profile: 'v5.1', patches: '' }, states: 142,
      note: 'as v4.19 (its kernel/module.c is the nearest below read, v4.19.y)',
      expect: { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'violated', 'actors-terminate': 'violated' } },
    { params: { variant: 'going', profile: 'v5.4', patches: '' }, states: 149,
      note: "6e6de3dee51a: udev's add_unformed_module finds m GOING (try_stop_module) and sleeps on module_wq until finished_loading; delete_module's free_module wakes nobody (5d603311615f's message: \"(never gets waken up later)\" ... \"modprobe hanging forever\")",
      expect: { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'violated', 'actors-terminate': 'violated' } },
    { params: { variant: 'going', profile: 'v5.9', patches: '' }, states: 148,
      note: '5d603311615f: delete_module calls wake_up_all(&module_wq) after free_module; the woken load starts over and loads m',
      expect: { 'module-lifetime': 'holds', 'no-driver-after-unregister': 'holds', 'no-deadlock': 'holds', 'actors-terminate': 'holds' } },
  ],
});
