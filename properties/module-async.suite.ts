/**
 * Module load/unload and async probe (B7; S3, S4, S7). "driver core: Move async_synchronize_full
 * call" (Alexander Duyck, v5.1; hash unverified) moved the flush out of __device_release_driver
 * (device lock held, and only for a bound device) into driver_detach: it fixes both
 * no-driver-after-unregister on variant=rmmod and the flush ABBA of variant=flush.
 * delete_module's own async_synchronize_full keeps module-lifetime holding everywhere.
 */
import { defineSuite } from 'probecheck';

const MOD = ['module-lifetime', 'no-driver-after-unregister', 'no-wait-under-lock', 'no-deadlock'] as const;
const e = (...bad: string[]) => Object.fromEntries(MOD.map((p) => [p, bad.includes(p) ? 'violated' : 'holds'])) as Record<string, 'holds' | 'violated'>;
const MISSING_B7 = "library: (1) a driver option for a probe that runs in a work_on_cpu worker and async_schedules from there (pci_call_probe -> local_pci_probe -> scsi_scan_host), so PF_USED_ASYNC is set in the worker, not in modprobe; (2) property S11 'module-init-barrier': when do_init_module returns for a module without async_probe, no async entry its init caused is pending (properties.ts)";

export default defineSuite({
  name: 'module-async',
  model: '../models/module-async.ts',
  cases: [
    { params: { variant: 'rmmod', profile: 'v3.14', patches: '' }, states: 42, note: 'no async probing', expect: e() },
    { params: { variant: 'rmmod', profile: 'v4.2', patches: '' }, states: 199,
      note: 'async_probe=1: modprobe returns with driver_attach_async pending; rmmod\'s driver_detach finds nothing bound and driver_unregister returns before the work binds dc to the freed driver; also the flush under device_lock',
      expect: e('no-driver-after-unregister', 'no-wait-under-lock') },
    { params: { variant: 'rmmod', profile: 'v5.1', patches: '' }, states: 165, note: 'driver_detach flushes async work first', expect: e() },
    { params: { variant: 'rmmod', profile: 'mainline', patches: '' }, states: 178, expect: e() },
    { params: { variant: 'init', profile: 'v4.2', patches: '' }, states: 119,
      note: 'PREFER_ASYNC driver without async_probe: the init task scheduled the work itself (PF_USED_ASYNC), so do_init_module waits for it; only the flush under device_lock remains',
      expect: e('no-wait-under-lock') },
    { params: { variant: 'init', profile: 'v5.1', patches: '' }, states: 117, expect: e() },
    { params: { variant: 'init', profile: 'mainline', patches: '' }, states: 127, expect: e() },
    { params: { variant: 'flush', profile: 'v4.2', patches: '' }, states: 267,
      note: 'dc bound by sysfs while its async attach helper is pending; unbind takes dc\'s lock and waits in async_synchronize_full for the helper, which waits for dc\'s lock',
      expect: { 'no-wait-under-lock': 'violated', 'no-deadlock': 'violated' } },
    { params: { variant: 'flush', profile: 'v5.1', patches: '' }, states: 250, expect: { 'no-wait-under-lock': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'flush', profile: 'mainline', patches: '' }, states: 299, expect: { 'no-wait-under-lock': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'init', profile: 'v5.1', patches: '' }, fixme: `B7 (67d6212afda2, v5.17): ${MISSING_B7}; expect v5.1 violated, v5.19 holds`,
      expect: { 'module-init-barrier': 'violated' } },
    { params: { variant: 'init', profile: 'v3.14', patches: '' },
      fixme: "B7 history (774a1221e862, v3.8): library needs a driver option 'requestModule' (probe calls request_module(m2) and waits for its modprobe, whose do_init_module calls async_synchronize_full) and a profile before v3.8 without MODULE_SYNC_PF_USED_ASYNC; expect no-deadlock violated there and holds on v3.14",
      expect: { 'no-deadlock': 'holds' } },
  ],
});
