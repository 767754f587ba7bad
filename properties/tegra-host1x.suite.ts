/**
 * Tomeu Vizoso's report (2015 async-probe thread): host1x's probe registers dc; tegra-dc probes
 * asynchronously, so dc's __device_attach_async_helper runs while host1x's probe still runs.
 * The kernel never promised parent-before-child for async probing: violated from v4.2 to
 * mainline; holds only without async probing (v3.14, where dc's probe nests in host1x's).
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite } from 'probecheck';

// No actor unloads anything: no-driver-after-unregister and module-lifetime do not apply.
const ALL = ['single-binding', 'lock-order', 'no-wait-under-lock', 'device-ready'] as const;
const ok = Object.fromEntries(ALL.map((p) => [p, 'holds'])) as Record<string, 'holds'>;
const DL = 'no-deadlock: async_schedule\'s synchronous fallback runs the helper with device_lock(dc) held (b232b02bf3c2, fixed v5.19)';
// device-ready: dc is probed by its own device_add (after device_pm_add) and, at v4.2, by tegra-dc's
// async driver_attach_async walk, which may meet dc between bus_add_device and device_pm_add. Elsewhere
// tegra-dc's walk runs before host1x's probe adds dc, in the one modprobe thread: about nothing
// (a premise audit, 2026-12-06: it read holds).
const ABOUT_NOTHING = { 'device-ready': 'vacuous' } as const;

export default defineSuite({
  name: 'tegra-host1x',
  model: '../models/tegra-host1x.ts',
  cases: [
    { params: { profile: 'v3.14', patches: '' }, states: 32, note: 'no async probing: dc probes nested in host1x probe, same thread (and no thread waits for probes: no-wait-under-lock is about nothing)',
      expect: { ...ok, ...ABOUT_NOTHING, 'no-wait-under-lock': 'vacuous', 'parent-before-child': 'holds', 'no-deadlock': 'holds' } },
    { params: { profile: 'v4.2', patches: '' }, states: 706, note: `Tomeu's report: dc's async helper probes while host1x's probe (modprobe) runs; ${DL}`,
      expect: { ...ok, 'parent-before-child': 'violated', 'no-deadlock': 'violated' } },
    { params: { profile: 'v5.1', patches: '' }, states: 127, note: DL,
      expect: { ...ok, ...ABOUT_NOTHING, 'parent-before-child': 'violated', 'no-deadlock': 'violated' } },
    // 171 before module-init-barrier's ghost initStarted (2026-12-06: which runs' init started an async entry)
    { params: { profile: 'mainline', patches: '' }, states: 172, note: 'still not guaranteed (S5 is a policy, not a kernel promise)',
      expect: { ...ok, ...ABOUT_NOTHING, 'parent-before-child': 'violated', 'no-deadlock': 'holds' } },
  ],
});
