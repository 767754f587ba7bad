/**
 * Deferred probe. B1 (lost retry) and B2 (missed probe) are caught by the library's checks of
 * quiescent states (no-lost-deferral = L1, no-missed-probe = L4); B15 (re-probe loop) by the
 * liveness property quiescence (L2, under weak fairness). variant=missed also shows B14
 * (device-ready): the window 190888ac01d0 opened between bus_add_device and device_pm_add,
 * which a2225b6e834a (Douglas Anderson, merged 2026 for v7.1-rc1 as far as read; patches.ts)
 * closes. v6.12 (dd.c at efb0b309fa0d) predates it; the mainline profile reads dd.c in the
 * driver-core co-maintainer's tree (dakr@1ac45118ddf8), which has it (flag READY_TO_PROBE).
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 * variant=initcall-wait is the boot hang 5ee76c256e92 fixed (the hunt of 2026-12-05, C2).
 */
import { defineSuite } from 'probecheck';

const SAFE = ['single-binding', 'deferred-lists', 'no-deadlock'] as const;
const ok = Object.fromEntries(SAFE.map((p) => [p, 'holds'])) as Record<string, 'holds'>;
const M = { 'single-binding': 'holds', 'no-deadlock': 'holds' } as const;

export default defineSuite({
  name: 'deferred-probe',
  model: '../models/deferred-probe.ts',
  cases: [
    { params: { variant: 'trigger', profile: 'v3.14', patches: '' }, states: 754,
      note: "B1: dc's probe defers; pwm's driver_bound triggers (dc not yet pending); dc joins pending; nobody triggers again",
      expect: { ...ok, 'no-lost-deferral': 'violated', quiescence: 'holds' } },
    { params: { variant: 'trigger', profile: 'v3.14', patches: '58b116bce136' }, states: 868,
      note: 'dc re-triggers: deferred_trigger_count changed during its probe', expect: { ...ok, 'no-lost-deferral': 'holds', quiescence: 'holds' } },
    { params: { variant: 'trigger', profile: 'v4.2', patches: '' }, states: 868, note: 'the fix merged: same threads as v3.14 + 58b116bce136', expect: { ...ok, 'no-lost-deferral': 'holds' } },
    { params: { variant: 'trigger', profile: 'mainline', patches: '' }, states: 1227, note: 'trigger count snapshot in driver_probe_device (204db60c8357)', expect: { ...ok, 'no-lost-deferral': 'holds' } },
    { params: { variant: 'missed', profile: 'v3.5', patches: '' }, states: 92,
      note: "B2, as v3.6.0's bus.c has it (bus_add_driver:691): dc-drv's driver_attach walks the devices before dc-drv joins the bus klist; dc, added meanwhile, finds no driver on the list. (Until issue 9 the model moved dc's klist add instead, and B14 looked absent here: in v3.6.0 bus_add_device puts the device on the klist before bus_probe_device, so B14 is reachable too.)",
      expect: { ...M, 'no-missed-probe': 'violated', 'device-ready': 'violated' } },
    { params: { variant: 'missed', profile: 'v3.14', patches: '' }, states: 106,
      note: '190888ac01d0 fixes B2 (the driver joins the bus klist before its walk); B14 stays: __driver_attach probes dc after bus_add_device, before device_pm_add',
      expect: { ...M, 'no-missed-probe': 'holds', 'device-ready': 'violated' } },
    { params: { variant: 'missed', profile: 'v6.12', patches: '' }, states: 125, // 123 before __device_attach tested dead before dev->driver (2026-12-06); mainline's count until its dd.c was read past v6.3: __driver_attach calls driver_probe_device, which refuses a bound device itself
      note: 'B14: dd.c at efb0b309fa0d (v6.12) predates its fix a2225b6e834a', expect: { ...M, 'no-missed-probe': 'holds', 'device-ready': 'violated' } },
    { params: { variant: 'missed', profile: 'v6.12', patches: 'a2225b6e834a' }, states: 131, // 129 before __device_attach tested dead before dev->driver (2026-12-06); 111 with the old dev-ready-v3, a skip in __driver_attach: now __driver_attach locks the device and driver_probe_device refuses it
      note: "\"driver core: Don't let a device probe until it's ready\" as merged: __driver_probe_device returns -EPROBE_DEFER until device_add sets the flag, under device_lock, just before bus_probe_device",
      expect: { ...M, 'no-missed-probe': 'holds', 'device-ready': 'holds' } },
    { params: { variant: 'missed', profile: 'mainline', patches: '' }, states: 131, // 129 before __device_attach tested dead before dev->driver (2026-12-06)
      note: 'mainline has the fix: its dd.c (dakr@1ac45118ddf8) has the check in __driver_probe_device (READY_TO_PROBE)', expect: { ...M, 'no-missed-probe': 'holds', 'device-ready': 'holds' } },
    { params: { variant: 'loop', profile: 'v3.14', patches: '' }, states: 67,
      note: "no trigger count: the child's bind triggers before host is pending, nothing re-queues host (no loop; host's retry is lost instead, as in B1)",
      expect: { ...ok, quiescence: 'holds' } },
    { params: { variant: 'loop', profile: 'v4.2', patches: '' }, states: 162,
      note: "B15: host registers child, child binds and triggers, host defers, devres deletes child, host's trigger-count snapshot is stale -> re-trigger -> deferred worker re-probes host, forever (a lasso of 65 moves)",
      expect: { ...ok, quiescence: 'violated' } },
    { params: { variant: 'timeout-walk', profile: 'v5.10', patches: '' }, states: 598, // 364 before flush_work waited only for the instance of its call (2026-12-05); 368 until an empty list ended the unlocked walk at once
      note: "eed6e41813de: deferred_probe_timeout=30; the timeout work's list_for_each_entry_safe walks the pending list without deferred_probe_mutex while device_del's driver_deferred_probe_del deletes dc from it",
      expect: { ...ok, 'pending-walk': 'violated' } },
    { params: { variant: 'timeout-walk', profile: 'v5.10', patches: 'eed6e41813de' }, states: 590, /* 356 before flush_work waited only for the instance of its call */ note: 'the walk under deferred_probe_mutex (v5.12)', expect: { ...ok, 'pending-walk': 'holds' } },
    { params: { variant: 'timeout-walk', profile: 'v5.15', patches: '' }, states: 724, /* 440 before flush_work waited only for the instance of its call */ note: 'the fix merged (and fw_devlink_drivers_done, not modelled)', expect: { ...ok, 'pending-walk': 'holds' } },
    // 5ee76c256e92 (v5.19), fixing 35a672363ab3 (v5.7): wait_for_device_probe in kernel_init before deferred_probe_initcall, with deferred_probe_timeout=30.
    // wait-for-probe is vacuous on every row: drv probes synchronously in udev's modprobe, which is not
    // finished while that probe runs, and nothing is async, so no return can leave anything it judges
    // (where the wait returns it read holds until a premise audit, 2026-12-06; where it hangs it never returns).
    { params: { variant: 'initcall-wait', profile: 'v5.4', patches: '' }, states: 221,
      note: 'before 35a672363ab3 (dd.c at 97e2551de3f9:679-687): wait_for_device_probe does not wait for the probe timeout',
      expect: { 'no-deadlock': 'holds', 'actors-terminate': 'holds', 'wait-for-probe': 'vacuous' } },
    { params: { variant: 'initcall-wait', profile: 'v5.10', patches: '' }, states: 34,
      note: "35a672363ab3: kernel_init's wait_for_device_probe sleeps on probe_timeout_waitqueue (5.10.13 dd.c:698); only deferred_probe_timeout_work_func wakes it (:300), and only deferred_probe_initcall, the next call of the same thread, schedules that work (:329-331): boot hangs. 5ee76c256e92's message: called from kernel_init \"Before deferred_probe_initcall() [2], it causes the boot process to hang due to a deadlock\" (its v1 posting and 5.10.y/5.17.y stable copies)",
      neverCompletes: ['kernel_init: wait_for_device_probe', 'kernel_init: deferred_probe_initcall'], // the hang
      expect: { 'no-deadlock': 'violated', 'actors-terminate': 'violated', 'wait-for-probe': 'vacuous' } }, // and wait_for_device_probe never returns
    { params: { variant: 'initcall-wait', profile: 'v5.15', patches: '' }, states: 36, note: 'the same hang (f04948dea236:719, 314, 346-348)',
      neverCompletes: ['kernel_init: wait_for_device_probe', 'kernel_init: deferred_probe_initcall'],
      expect: { 'no-deadlock': 'violated', 'actors-terminate': 'violated', 'wait-for-probe': 'vacuous' } },
    { params: { variant: 'initcall-wait', profile: 'v5.19', patches: '' }, states: 247,
      note: "5ee76c256e92 removes the wait. The profile follows the release, not its snapshot: the dd.c it cites (b232b02bf3c2, tip of driver-core-5.19-rc1) still has the wait at :740 (`probecheck source` marks it `!! wait: no step`); the profile drops WAIT_PROBE_TIMEOUT because kernel.org's revlist of v5.19-rc1 lists 5ee76c256e92",
      expect: { 'no-deadlock': 'holds', 'actors-terminate': 'holds', 'wait-for-probe': 'vacuous' } },
    { params: { variant: 'initcall-wait', profile: 'v6.1', patches: '' }, states: 247, note: 'the first profile whose dd.c lacks the wait (07b7b883be5b:716-724)',
      expect: { 'no-deadlock': 'holds', 'actors-terminate': 'holds', 'wait-for-probe': 'vacuous' } },
  ],
});
