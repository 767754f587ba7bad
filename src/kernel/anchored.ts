/**
 * Which modelled functions have their steps anchored in the kernel's text (conformance.test.ts
 * holds those to the excerpts at every profile that reads a snapshot of their file), and which
 * do not yet, with the reason. A step whose function is in neither list fails the test: nothing
 * is silently unanchored.
 */
export const ANCHORED: string[] = [
  'drivers/base/dd.c:__driver_attach', 'drivers/base/dd.c:device_driver_attach',
  'drivers/base/dd.c:__driver_attach_async_helper', 'drivers/base/dd.c:__device_driver_lock',
  'drivers/base/dd.c:__device_driver_unlock', 'drivers/base/dd.c:__device_attach_async_helper',
  'drivers/base/dd.c:__device_attach', 'drivers/base/dd.c:__device_attach_driver',
  'drivers/base/bus.c:bus_add_driver', 'drivers/base/bus.c:bus_remove_driver',
  'drivers/base/bus.c:bind_store', 'drivers/base/bus.c:unbind_store',
  'drivers/base/dd.c:wait_for_device_probe', 'drivers/base/dd.c:deferred_probe_work_func',
  'drivers/base/dd.c:really_probe', 'drivers/base/dd.c:driver_probe_device',
  'drivers/base/dd.c:__driver_probe_device', 'drivers/base/dd.c:driver_bound',
  'drivers/base/dd.c:driver_deferred_probe_add', 'drivers/base/dd.c:driver_deferred_probe_del',
  'drivers/base/dd.c:driver_deferred_probe_trigger', 'drivers/base/dd.c:driver_detach',
  'drivers/base/dd.c:device_release_driver', 'drivers/base/dd.c:device_release_driver_internal',
  'drivers/base/dd.c:__device_release_driver', 'drivers/base/dd.c:driver_attach', 'kernel/module/main.c:do_init_module',
  'drivers/base/dd.c:deferred_probe_initcall', 'drivers/base/dd.c:deferred_probe_timeout_work_func',
  // core.c, read at v5.15 (5.15.100), v6.6 (6.6.y), v6.12 and mainline (6.6.y, the nearest read).
  'drivers/base/core.c:device_add', 'drivers/base/core.c:device_del', 'drivers/base/core.c:kill_device',
  'drivers/base/core.c:dev_uevent', 'drivers/base/core.c:device_link_add', 'drivers/base/core.c:device_link_del', 'drivers/base/core.c:device_link_put_kref',
  'drivers/base/bus.c:bus_probe_device', 'drivers/base/bus.c:bus_remove_device',
  // kernel/module/main.c, read at v6.6 (6.6.y) and mainline (01d5b167dc23).
  'kernel/module/main.c:delete_module', 'kernel/module/main.c:free_module',
  // kernel/async.c, read at v5.15 only (07416af11dd8 is v5.13-v5.16 by content, not v6.x).
  'kernel/async.c:async_run_entry_fn',
  // platform.c, read at v6.6 (6.6.y), v6.12 and mainline (6.6.y, the nearest read).
  'drivers/base/platform.c:platform_match', 'drivers/base/platform.c:driver_override_store',
];

export const NOT_ANCHORED: Record<string, string> = {
  'drivers/base/core.c:device_links_unbind_consumers': "core.c is read (v5.15, v6.6, v6.12, mainline), but its step is in release.ts, which another change rewrites at the same time: anchor it after that lands",
  'drivers/usb/core/message.c:usb_set_configuration': 'outside drivers/base: no excerpt read',
  'drivers/pci/pci-driver.c:pci_call_probe': 'outside drivers/base: no excerpt read',
  'drivers/pci/pci-driver.c:local_pci_probe': 'outside drivers/base: no excerpt read',
  'drivers/scsi/scsi_scan.c:do_scan_async': 'outside drivers/base: no excerpt read',
  'fs/kernfs/file.c:kernfs_fop_write_iter': 'kernfs active references: no excerpt read',
  'include/linux/device.h:device_lock': 'a mutex_lock wrapper (actors `lock dev`)',
  'include/linux/device.h:device_unlock': 'a mutex_unlock wrapper (actors `unlock dev`)',
  'kernel/module/main.c:load_module': 'only the call to do_init_module is modelled: no excerpt read',
  'kernel/workqueue.c:worker_thread': 'the idle loop of the deferred-probe worker: no excerpt read',
};
