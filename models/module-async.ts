/**
 * Module load and async probe (B7; S3/S4). do_init_module ends with async_synchronize_full
 * unless the module asked for async probing (async_probe=1); from 774a1221e862 (v3.8) to its
 * revert 67d6212afda2 (v5.17) only if the init task itself had PF_USED_ASYNC. Here module m
 * owns dc-drv (dc is present). variant=rmmod: modprobe m and rmmod m race, with dc-drv's attach
 * work possibly still pending (async_probe=1: modprobe does not wait for it); rmmod must not
 * free m while dc-drv's probe or remove runs, and driver_unregister must leave no work behind.
 * variant=init: as rmmod, but without async_probe and with the probe type 'async' (dc-drv
 * prefers async probing): modprobe's own thread schedules the work, so it waits for it.
 * variant=flush: before v5.1 __device_release_driver called async_synchronize_full with the
 * device lock held; an unbind of dc while dc's own async attach helper is still pending (it
 * waits for that lock) deadlocks. "driver core: Move async_synchronize_full call" (v5.1) moved
 * the flush into driver_detach, before any lock. (No sync fallback here: that is b232b02bf3c2.)
 * variant=scan (B7, 67d6212afda2): hba-drv is a PCI driver whose probe runs in a work_on_cpu
 * kworker (pci_call_probe -> local_pci_probe) and queues an async SCSI scan (scsi_scan_host ->
 * async_schedule): the kworker gets PF_USED_ASYNC, modprobe does not, so v3.8..v5.16
 * do_init_module skips async_synchronize_full and modprobe returns with the scan pending (S11).
 * variant=request (B7 history, 774a1221e862): ahci's probe queues the scan, the scan finds sda,
 * sd's probe calls request_module(cfq) from the async entry; before v3.8 cfq's do_init_module
 * waits in async_synchronize_full for that entry, which waits for the modprobe: deadlock.
 * variant=going (5d603311615f, v5.5, fixing 6e6de3dee51a, v5.3): the admin loads m and then
 * unloads it while udev may run `modprobe m`. From v5.3 a load that finds m GOING sleeps on
 * module_wq (add_unformed_module), and before v5.5 delete_module's free_module never wakes the
 * queue: modprobe hangs. The fix's posting gives this reproducer (a loop of `modprobe nft_ct`
 * against a loop of `rmmod nft_ct`). Before v5.3 a load of a GOING m fails at once (-EEXIST), but
 * between free_module's two module_mutex regions m is still listed and UNFORMED, which
 * add_unformed_module waits for: the same hang there, from v3.8 (two regions) to v5.4 (v4.19.y read;
 * v3.6.0 has one region and no wait).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'module-async',
  describe: 'modprobe/rmmod racing the async attach work of the module\'s driver',
  profile: 'v4.2',
  params: { variant: { default: 'rmmod', values: ['rmmod', 'init', 'flush', 'scan', 'request', 'going'], describe: 'async_probe=1 module, a PREFER_ASYNC driver, the flush under the lock, a PCI probe that queues a SCSI scan, request_module from the scan, or modprobe of a module being unloaded' } },
  devices: { dc: { present: true } },
  drivers: { 'dc-drv': { matches: ['dc'], module: 'm' } },
  modules: { m: { asyncProbe: true } },
  actors: { modprobe: 'modprobe m', rmmod: 'rmmod m' },
  properties: ['module-lifetime', 'no-driver-after-unregister', 'no-wait-under-lock', 'no-deadlock'],
  vary: (p, s) => p.variant === 'rmmod' ? s : p.variant === 'scan' ? {
    ...s, buses: { pci: {} }, devices: { hba: { present: true } }, drivers: { 'hba-drv': { matches: ['hba'], module: 'm', workOnCpu: true, asyncScan: true } },
    modules: { m: { asyncProbe: false } }, actors: { modprobe: 'modprobe m' }, properties: ['module-init-barrier', 'no-wait-under-lock', 'no-deadlock'], // no rmmod: module-lifetime would be about nothing
  } : p.variant === 'request' ? {
    ...s, buses: { pci: {}, scsi: {} }, devices: { host: { bus: 'pci', present: true }, sda: { bus: 'scsi', parent: 'host' } },
    drivers: { ahci: { bus: 'pci', matches: ['host'], module: 'ahci', asyncScan: ['sda'] }, sd: { bus: 'scsi', matches: ['sda'], present: true, requestModule: 'cfq' } },
    modules: { ahci: {}, cfq: {} }, actors: { modprobe: 'modprobe ahci' }, properties: ['no-deadlock', 'no-wait-under-lock', 'module-init-barrier'],
  } : p.variant === 'going' ? {
    ...s, drivers: { 'dc-drv': { matches: ['dc'], module: 'm' } }, modules: { m: {} }, syncFallback: false,
    actors: { admin: ['modprobe m', 'rmmod m'], udev: 'maybe modprobe m' }, properties: ['module-lifetime', 'no-driver-after-unregister', 'no-deadlock', 'actors-terminate'],
  } : p.variant === 'flush' ? {
    ...s, devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', present: true } }, modules: {}, syncFallback: false,
    actors: { hotplug: 'add dc', admin: ['bind dc-drv dc', 'unbind dc-drv dc'] }, properties: ['no-wait-under-lock', 'no-deadlock'],
  } : {
    ...s, drivers: { 'dc-drv': { matches: ['dc'], module: 'm', probeType: 'async' } }, modules: { m: { asyncProbe: false } },
  },
});
