// probecheck kernel excerpt: drivers/base/dd.c at torvalds@3451a495ef24. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/dd.c @ 3451a495ef244a88ed6317a035299d835554d579; Makefile: not read
// note: "driver core: Establish order of operations for device_add and device_del via bitflag" (DEAD_FLAG's commit, v5.1-rc1; its core.c is torvalds@3451a495ef24 core.c, here since 2026-12-05). Read 2026-12-07 (s42 h6) with read_file at that commit, the page at offset 24000 of 28789 chars; __device_release_driver, device_release_driver_internal and driver_detach cut from the JSON page by a script (no line numbers). Against v4.19.y's: driver_detach has the async sync (`if (driver_allows_async_probing(drv)) async_synchronize_full();` before its loop) that __device_release_driver no longer has (ASYNC_SYNC_IN_DRIVER_DETACH); device_release_driver_internal is character for character v4.19.y's; __device_release_driver's device-links loop drops and retakes the parent only `if (parent && dev->bus->need_parent_lock)` (v4.19.y and 8c97a46af04b: `if (parent)`; the commit that added the test is not identified: between v4.19 and this v5.1-rc1 commit), and calls arch_teardown_dma_ops where v4.19.y calls dma_deconfigure. No __device_driver_lock yet (DRIVER_LOCK_HELPERS, ed88747c6c4a, later in the same series). Read by v5.0 for driver_detach only (profiles.ts sources `drivers/base/dd.c:driver_detach`); __device_release_driver stays unread there: its parent test is not settled for v5.0.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@3451a495ef24: -

//@ __device_release_driver ?
static void __device_release_driver(struct device *dev, struct device *parent)
{
	struct device_driver *drv;

	drv = dev->driver;
	if (drv) {
		while (device_links_busy(dev)) {
			device_unlock(dev);
			if (parent && dev->bus->need_parent_lock)
				device_unlock(parent);

			device_links_unbind_consumers(dev);
			if (parent && dev->bus->need_parent_lock)
				device_lock(parent);

			device_lock(dev);
			/*
			 * A concurrent invocation of the same function might
			 * have released the driver successfully while this one
			 * was waiting, so check for that.
			 */
			if (dev->driver != drv)
				return;
		}

		pm_runtime_get_sync(dev);
		pm_runtime_clean_up_links(dev);

		driver_sysfs_remove(dev);

		if (dev->bus)
			blocking_notifier_call_chain(&dev->bus->p->bus_notifier,
						     BUS_NOTIFY_UNBIND_DRIVER,
						     dev);

		pm_runtime_put_sync(dev);

		if (dev->bus && dev->bus->remove)
			dev->bus->remove(dev);
		else if (drv->remove)
			drv->remove(dev);

		device_links_driver_cleanup(dev);
		arch_teardown_dma_ops(dev);

		devres_release_all(dev);
		dev->driver = NULL;
		dev_set_drvdata(dev, NULL);
		if (dev->pm_domain && dev->pm_domain->dismiss)
			dev->pm_domain->dismiss(dev);
		pm_runtime_reinit(dev);
		dev_pm_set_driver_flags(dev, 0);

		klist_remove(&dev->p->knode_driver);
		device_pm_check_callbacks(dev);
		if (dev->bus)
			blocking_notifier_call_chain(&dev->bus->p->bus_notifier,
						     BUS_NOTIFY_UNBOUND_DRIVER,
						     dev);

		kobject_uevent(&dev->kobj, KOBJ_UNBIND);
	}
}

//@ device_release_driver_internal ?
void device_release_driver_internal(struct device *dev,
				    struct device_driver *drv,
				    struct device *parent)
{
	if (parent && dev->bus->need_parent_lock)
		device_lock(parent);

	device_lock(dev);
	if (!drv || drv == dev->driver)
		__device_release_driver(dev, parent);

	device_unlock(dev);
	if (parent && dev->bus->need_parent_lock)
		device_unlock(parent);
}

//@ driver_detach ?
void driver_detach(struct device_driver *drv)
{
	struct device_private *dev_prv;
	struct device *dev;

	if (driver_allows_async_probing(drv))
		async_synchronize_full();

	for (;;) {
		spin_lock(&drv->p->klist_devices.k_lock);
		if (list_empty(&drv->p->klist_devices.k_list)) {
			spin_unlock(&drv->p->klist_devices.k_lock);
			break;
		}
		dev_prv = list_entry(drv->p->klist_devices.k_list.prev,
				     struct device_private,
				     knode_driver.n_node);
		dev = dev_prv->device;
		get_device(dev);
		spin_unlock(&drv->p->klist_devices.k_lock);
		device_release_driver_internal(dev, drv, dev->parent);
		put_device(dev);
	}
}
