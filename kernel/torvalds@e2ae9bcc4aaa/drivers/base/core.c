// probecheck kernel excerpt: drivers/base/core.c at torvalds@e2ae9bcc4aaa. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/core.c @ e2ae9bcc4aaacda04edb75c4eea93384719efaa5; Makefile: not read
// note: "driver core: Add support for linking devices during device addition" (Saravana Kannan), the re-add of the series reverted inside the driver-core-5.4-rc1 pull, carried by the driver-core-5.5-rc1 pull (<20191127164138.GA3088162@kroah.com>, based on 5.4-rc5; full hash in a 0-day mail): the v5.5 cycle, the nearest core.c above v5.4 read. Read 2026-12-07 (s42 h6) with read_file at that commit, the page at offset 60000 of 98009 chars (offsets 0 and 16000 were read on 2026-12-06 for the device links); device_del and kill_device cut from the JSON page by a script (no line numbers); device_add there has the series' add_links lines, so only these two are kept. Against fb583c8eeeb1 (v5.4's core.c for everything else, before the merge of 5.3-rc4 into driver-core-next) device_del differs by exactly two hunks: 00289cd87676's `kill_device(dev);` in place of `dev->p->dead = true;` and its comment (v5.3: in v5.4), and `if (dev->fwnode && dev->fwnode->dev == dev) dev->fwnode->dev = NULL;` from 372a67c0c5ef ("driver core: Add fwnode_to_dev() to look up device from fwnode", v5.5: not in v5.4, a stable thread of 2020 says 5.4.y lacks it; those two lines touch nothing modelled). Read by v5.4 for device_del and kill_device only (profiles.ts sources `drivers/base/core.c:device_del`).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@e2ae9bcc4aaa: -

//@ device_del ?
void device_del(struct device *dev)
{
	struct device *parent = dev->parent;
	struct kobject *glue_dir = NULL;
	struct class_interface *class_intf;

	device_lock(dev);
	kill_device(dev);
	device_unlock(dev);

	if (dev->fwnode && dev->fwnode->dev == dev)
		dev->fwnode->dev = NULL;

	/* Notify clients of device removal.  This call must come
	 * before dpm_sysfs_remove().
	 */
	if (dev->bus)
		blocking_notifier_call_chain(&dev->bus->p->bus_notifier,
					     BUS_NOTIFY_DEL_DEVICE, dev);

	dpm_sysfs_remove(dev);
	if (parent)
		klist_del(&dev->p->knode_parent);
	if (MAJOR(dev->devt)) {
		devtmpfs_delete_node(dev);
		device_remove_sys_dev_entry(dev);
		device_remove_file(dev, &dev_attr_dev);
	}
	if (dev->class) {
		device_remove_class_symlinks(dev);

		mutex_lock(&dev->class->p->mutex);
		/* notify any interfaces that the device is now gone */
		list_for_each_entry(class_intf,
				    &dev->class->p->interfaces, node)
			if (class_intf->remove_dev)
				class_intf->remove_dev(dev, class_intf);
		/* remove the device from the class list */
		klist_del(&dev->p->knode_class);
		mutex_unlock(&dev->class->p->mutex);
	}
	device_remove_file(dev, &dev_attr_uevent);
	device_remove_attrs(dev);
	bus_remove_device(dev);
	device_pm_remove(dev);
	driver_deferred_probe_del(dev);
	device_platform_notify(dev, KOBJ_REMOVE);
	device_remove_properties(dev);
	device_links_purge(dev);

	if (dev->bus)
		blocking_notifier_call_chain(&dev->bus->p->bus_notifier,
					     BUS_NOTIFY_REMOVED_DEVICE, dev);
	kobject_uevent(&dev->kobj, KOBJ_REMOVE);
	glue_dir = get_glue_dir(dev);
	kobject_del(&dev->kobj);
	cleanup_glue_dir(dev, glue_dir);
	put_device(parent);
}

//@ kill_device ?
bool kill_device(struct device *dev)
{
	/*
	 * Require the device lock and set the "dead" flag to guarantee that
	 * the update behavior is consistent with the other bitfields near
	 * it and that we cannot have an asynchronous probe routine trying
	 * to run while we are tearing out the bus/class/sysfs from
	 * underneath the device.
	 */
	lockdep_assert_held(&dev->mutex);

	if (dev->p->dead)
		return false;
	dev->p->dead = true;
	return true;
}
