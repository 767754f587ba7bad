// probecheck kernel excerpt: drivers/base/driver.c at torvalds@010e85f9e47c. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/driver.c @ 010e85f9e47c6a92740b7d73e0fca8f792573582; Makefile: not read (the index holds torvalds/linux Makefiles only at unrelated commits)
// note: The version read_file serves without a commit; torvalds/linux's index also stores driver.c at df9b42963f2d (an older text with BUG_ON(!drv->bus->p), read, not imported), at no other commit (not at 204db60c8357, 00c4a3c47da7 or bfa54a793ba7). Release not identified: by content between v3.6.0 and 5.10.13 (SPDX line, const void *data in driver_find_device and `if (!drv->bus->p)` returning -EINVAL as 5.10.13; printk(KERN_WARNING) and no <linux/device/driver.h> include as older trees). The text the driver_find/-EBUSY and `!drv->p` steps were first modelled from. Read whole (5904 chars, one page). Read by no profile.
// whole file read (5904 chars); line numbers are that file's
// not in this file at torvalds@010e85f9e47c: driver_set_override

//@ driver_register 146
int driver_register(struct device_driver *drv)
{
	int ret;
	struct device_driver *other;

	if (!drv->bus->p) {
		pr_err("Driver '%s' was unable to register with bus_type '%s' because the bus was not initialized.\n",
			   drv->name, drv->bus->name);
		return -EINVAL;
	}

	if ((drv->bus->probe && drv->probe) ||
	    (drv->bus->remove && drv->remove) ||
	    (drv->bus->shutdown && drv->shutdown))
		printk(KERN_WARNING "Driver '%s' needs updating - please use "
			"bus_type methods\n", drv->name);

	other = driver_find(drv->name, drv->bus);
	if (other) {
		printk(KERN_ERR "Error: Driver '%s' is already registered, "
			"aborting...\n", drv->name);
		return -EBUSY;
	}

	ret = bus_add_driver(drv);
	if (ret)
		return ret;
	ret = driver_add_groups(drv, drv->groups);
	if (ret) {
		bus_remove_driver(drv);
		return ret;
	}
	kobject_uevent(&drv->p->kobj, KOBJ_ADD);

	return ret;
}

//@ driver_unregister 190
void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		WARN(1, "Unexpected driver unregister!\n");
		return;
	}
	driver_remove_groups(drv, drv->groups);
	bus_remove_driver(drv);
}
