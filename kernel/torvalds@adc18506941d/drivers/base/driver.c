// probecheck kernel excerpt: drivers/base/driver.c at torvalds@adc18506941d. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/driver.c @ adc18506941dcafe216aba80766ab51c890358e8; Makefile: not read at this commit (torvalds/linux stores no Makefile at it; a mainline commit, not a tag)
// note: "driver core: move driver_find() to bus.c" (Greg Kroah-Hartman), of the driver-core-6.3-rc1 series: listed with that id in gregkh/driver-core's debugfs_cleanup push of 2023-02-10 (<167601756151.15251.9447230005727393319@gitolite.kernel.org>) and in linux-next's push of 2023-02-25, whose stable ref moved to a93e884edf61 "Merge tag 'driver-core-6.3-rc1'" (<167729583874.8717.15651276272751691077@gitolite.kernel.org>). Read whole (6972 chars, one page). Its driver_set_override has 5666a274a6d5's `len = strlen(s);` (v6.0-rc5) and takes device_lock(dev) around the swap of *override, kfree(old) after device_unlock, as at 6c2f42117427. 63b823d7d3cd, later in the same series, changes driver_register's `if (!drv->bus->p)` to `if (!bus_is_registered(drv->bus))` (not a modelled line; its patch mail read, the file at that commit not stored). driver.c commits between v6.3 and v6.6 not looked for. Read by v6.6 as the nearest below read.
// whole file read (6972 chars); line numbers are that file's
// not in this file at torvalds@adc18506941d: -

//@ driver_set_override 48
int driver_set_override(struct device *dev, const char **override,
			const char *s, size_t len)
{
	const char *new, *old;
	char *cp;

	if (!override || !s)
		return -EINVAL;

	/*
	 * The stored value will be used in sysfs show callback (sysfs_emit()),
	 * which has a length limit of PAGE_SIZE and adds a trailing newline.
	 * Thus we can store one character less to avoid truncation during sysfs
	 * show.
	 */
	if (len >= (PAGE_SIZE - 1))
		return -EINVAL;

	/*
	 * Compute the real length of the string in case userspace sends us a
	 * bunch of \0 characters like python likes to do.
	 */
	len = strlen(s);

	if (!len) {
		/* Empty string passed - clear override */
		device_lock(dev);
		old = *override;
		*override = NULL;
		device_unlock(dev);
		kfree(old);

		return 0;
	}

	cp = strnchr(s, len, '\n');
	if (cp)
		len = cp - s;

	new = kstrndup(s, len, GFP_KERNEL);
	if (!new)
		return -ENOMEM;

	device_lock(dev);
	old = *override;
	if (cp != s) {
		*override = new;
	} else {
		/* "\n" passed - clear override */
		kfree(new);
		*override = NULL;
	}
	device_unlock(dev);

	kfree(old);

	return 0;
}

//@ driver_register 222
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
		pr_warn("Driver '%s' needs updating - please use "
			"bus_type methods\n", drv->name);

	other = driver_find(drv->name, drv->bus);
	if (other) {
		pr_err("Error: Driver '%s' is already registered, "
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
	deferred_probe_extend_timeout();

	return ret;
}

//@ driver_unregister 267
void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		WARN(1, "Unexpected driver unregister!\n");
		return;
	}
	driver_remove_groups(drv, drv->groups);
	bus_remove_driver(drv);
}
