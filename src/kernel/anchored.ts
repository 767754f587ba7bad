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
  // sysfs drivers_probe (store_drivers_probe at v3.6.0, MarekBykowski@780d0ff40857 and v4.19.y), read at every bus.c snapshot: v3.5, v4.2 and v4.14 (MarekBykowski@780d0ff40857, a vendor tree, v4.2 by content), v4.18, v4.19 and v5.0 (v4.19.y), v5.1, v5.4, v5.9 and v5.10 (5.10.13), v5.15, v5.19 and v6.1 (204db60c8357), v6.6, v6.12, mainline; v3.14 reads none.
  'drivers/base/bus.c:drivers_probe_store', 'drivers/base/bus.c:bus_rescan_devices_helper',
  'drivers/base/dd.c:wait_for_device_probe', 'drivers/base/dd.c:deferred_probe_work_func',
  'drivers/base/dd.c:really_probe', 'drivers/base/dd.c:driver_probe_device',
  'drivers/base/dd.c:__driver_probe_device', 'drivers/base/dd.c:driver_bound',
  'drivers/base/dd.c:driver_deferred_probe_add', 'drivers/base/dd.c:driver_deferred_probe_del',
  'drivers/base/dd.c:driver_deferred_probe_trigger', 'drivers/base/dd.c:driver_detach',
  'drivers/base/dd.c:device_release_driver', 'drivers/base/dd.c:device_release_driver_internal',
  'drivers/base/dd.c:__device_release_driver', 'drivers/base/dd.c:driver_attach', 'kernel/module/main.c:do_init_module',
  'drivers/base/dd.c:deferred_probe_initcall', 'drivers/base/dd.c:deferred_probe_timeout_work_func',
  // driver_register's last call (bus_add_driver's last step; extend-pending-guard's two steps): mainline's dd.c, and the patches' texts.
  'drivers/base/dd.c:deferred_probe_extend_timeout',
  // core.c, read at v3.5 (v3.6.0), v4.2 (nearest above) and v4.14 (9ed9895370ae), v4.18, v4.19 and v5.0 (v4.19.y, a study tree: above, its own, below), v5.1 (e7dd40105aac), v5.4 (fb583c8eeeb1), v5.9 (nearest above) and v5.10 (5.10.13, a study tree), v5.15 and v5.19 (cf52ad5ff16c), v6.1, v6.6, v6.12 and mainline (4793dae01f47); v3.14 reads none.
  'drivers/base/core.c:device_add', 'drivers/base/core.c:device_del', 'drivers/base/core.c:kill_device',
  'drivers/base/core.c:dev_uevent', 'drivers/base/core.c:device_link_add', 'drivers/base/core.c:device_link_del', 'drivers/base/core.c:device_link_put_kref',
  'drivers/base/core.c:device_links_unbind_consumers', 'drivers/base/core.c:device_links_busy',
  // device_shutdown (reboot, poweroff) and dd.c's device_block_probing, where an actor runs it (v4.14, v5.1 and later read core.c).
  'drivers/base/core.c:device_shutdown', 'drivers/base/dd.c:device_block_probing',
  // The managed-link helpers that steps run whole (really_probe's check, driver_bound, the probe's error
  // path, __device_release_driver's cleanup), held to core.c also at v5.1 (3451a495ef24) and v5.4 (fb583c8eeeb1);
  // v4.14 reads core.c (9ed9895370ae) but no dd.c, so the dd.c steps that run them resolve nothing there.
  'drivers/base/core.c:device_links_check_suppliers', 'drivers/base/core.c:device_links_driver_bound', 'drivers/base/core.c:device_links_purge',
  'drivers/base/core.c:device_links_no_driver', 'drivers/base/core.c:__device_links_no_driver', 'drivers/base/core.c:device_links_driver_cleanup',
  'drivers/base/bus.c:bus_probe_device', 'drivers/base/bus.c:bus_remove_device', 'drivers/base/bus.c:bus_add_device',
  // kernel/module/main.c, read at v5.19 and v6.1 (cfc1d277891e, MODULE_DIR's own commit), v6.6 and v6.12 (9011e49d54dc, the nearest below for v6.12) and mainline (c107785c7e8d, modules-7.0-rc3.fixes; 01d5b167dc23 until 2026-12-07).
  'kernel/module/main.c:delete_module', 'kernel/module/main.c:free_module', 'kernel/module/main.c:load_module',
  // kernel/module.c (before MODULE_DIR, v5.19), read at v5.4 (6e6de3dee51a, v5.3), v5.9 (5d603311615f, v5.5) and v5.10 (5.10.13), and by older profiles at nearby texts (v3.5 at v3.6.0, whose do_init_module is the init_module syscall: renamed).
  'kernel/module.c:do_init_module', 'kernel/module.c:delete_module', 'kernel/module.c:free_module', 'kernel/module.c:load_module',
  // kernel/async.c, read at v5.10 (5.10.13), v5.15 (07416af11dd8, v5.13-v5.16 by content), v5.19, v6.1 and v6.6 (f551103cb964, v5.17-v6.7 by content); v3.5 .. v5.9, v6.12 and mainline read none.
  'kernel/async.c:async_run_entry_fn',
  // include/linux/device.h (the actors' `lock dev`/`unlock dev`), read at mainline (4793dae01f47, driver-core-7.1-rc1; the same text as 00289cd87676, v5.3).
  'include/linux/device.h:device_lock', 'include/linux/device.h:device_unlock',
  // fs/kernfs/file.c (the sysfs bind/unbind stores' active reference), read at v5.19 (03ab8e6297ac, "Merge tag 'v5.18'": the nearest below).
  // kernfs_fop_write (before KERNFS_WRITE_ITER, v5.11), read at v5.0, v5.1, v5.4, v5.9 and v5.10 (v4.19.y, a study tree named 4.19: the nearest below), v4.19 (its own) and v4.18 (the same, nearest above); v3.5 .. v4.14 read none.
  'fs/kernfs/file.c:kernfs_fop_write_iter', 'fs/kernfs/file.c:kernfs_fop_write',
  // fs/sysfs/file.c (the store's entry before kernfs, KERNFS: v3.14), read at v3.5 (v3.6.0).
  'fs/sysfs/file.c:sysfs_write_file', 'fs/sysfs/file.c:flush_write_buffer',
  // drivers/scsi/scsi_scan.c (B7's async scan), read at mainline (741e9d668aa5, v6.9 merge window: the nearest read).
  'drivers/scsi/scsi_scan.c:do_scan_async', 'drivers/scsi/scsi_scan.c:scsi_scan_host',
  // drivers/pci/pci-driver.c (B7's work_on_cpu), read at v4.19 .. v5.9 (v4.19.y), v5.10 .. v5.19 (5.10.13: the two study trees, nearest below), v6.6 (a49287d32d57), v6.12 and mainline (8a48281cfa7f); v6.1 reads 5.10.13's too; v3.5 .. v4.18 read none.
  'drivers/pci/pci-driver.c:pci_call_probe', 'drivers/pci/pci-driver.c:local_pci_probe',
  // kernel/workqueue.c (the deferred-probe worker's loop, work_on_cpu), read at v5.1, v5.4 and v5.9 (009bb421b6ce, 2019-03) and v5.10, v5.15, v5.19 and v6.1 (5.10.13, a study tree); v3.5 .. v5.0, v6.6, v6.12 and mainline read none.
  'kernel/workqueue.c:worker_thread', 'kernel/workqueue.c:work_on_cpu', 'kernel/workqueue.c:work_for_cpu_fn',
  // drivers/usb/core/message.c: driver_set_config_work, a caller of usb_set_configuration (which takes no lock itself), read at mainline (torvalds@903e23eda5af, usb-7.3-rc6; AOSC-Tracking/linux's 6.18.y until 2026-12-07, the same text).
  'drivers/usb/core/message.c:driver_set_config_work',
  // platform.c, read at v4.18 .. v5.9 (v4.19.y), v5.10 (5.10.13), v5.15 (5.15.100), v5.19 and v6.1 (6c2f42117427), v6.6 (b4ce0bf7ab02) and v6.12 (d69d80484598); mainline reads e6054f410c97's (driver-core-7.3-rc1; 4793dae01f47's, driver-core-7.1-rc1, until 2026-12-07), whose platform_match
  // only calls device_match_driver_override (2b38efc05bf7 moved driver_override into the core) and which has no driver_override_store.
  'drivers/base/platform.c:platform_match', 'drivers/base/platform.c:driver_override_store',
  // dd.c's store of driver_override since cb3d1049f4ea (read at dakr@1ac45118ddf8, the mainline profile).
  'drivers/base/dd.c:__device_set_driver_override',
  // driver.c: driver_register's driver_find and driver_unregister's `!drv->p` test, cited by bus_add_driver's
  // and bus_remove_driver's first steps; read at v3.6.0 and 5.10.13 (v3.5, v5.10, v5.15), 6c2f42117427 (v5.19, v6.1),
  // adc18506941d (v6.6) and ab7a880263c3 (v6.12). driver_set_override (from the v5.19 cycle): the driver_override
  // store's swap under device_lock (6265539776a0's step), read at the last three.
  'drivers/base/driver.c:driver_register', 'drivers/base/driver.c:driver_unregister', 'drivers/base/driver.c:driver_set_override',
  // fs/sysfs/dir.c: kobject_add's -ENOENT under a parent with no sysfs directory (device_add's first step), read at v3.6.0 (v3.5) and 5.10.13 (v5.10, v5.15).
  'fs/sysfs/dir.c:sysfs_create_dir_ns',
];

export const NOT_ANCHORED: Record<string, string> = {
  // boot-order.ts: the first step of a scenario with two or more devices deferred at boot chooses
  // the pending list's order, which boot's driver_deferred_probe_add calls (anchored) left; it runs
  // no kernel line of its own.
  'init/main.c:do_initcalls': 'not kernel code: the start\'s choice of the order boot\'s probes left on deferred_probe_pending_list (boot-order.ts)',
};
