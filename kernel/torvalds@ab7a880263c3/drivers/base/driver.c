// probecheck kernel excerpt: drivers/base/driver.c at torvalds@ab7a880263c3. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/driver.c @ ab7a880263c30b1675850a584c206770f5545c2f; Makefile: not read at this commit (torvalds/linux stores no Makefile at it; a mainline commit, not a tag)
// note: "driver core: make driver_[create|remove]_file take a const *" (Greg Kroah-Hartman): gregkh/driver-core const_driver push of 2024-07-10 (<172059853796.10462.1321422783628293657@gitolite.kernel.org>) and the class_cleanup revlist of 2024-07-19 that also holds d69d80484598 (v6.12's platform.c): the driver-core-6.11-rc1 pull. Read whole (7012 chars, one page). driver_set_override as at adc18506941d (device_lock around the swap, kfree(old) after device_unlock); driver_register tests bus_is_registered(). driver.c changes of the v6.12 cycle not looked for. Read by v6.12 as the nearest below read.
// whole file read (7012 chars); line numbers are that file's
// not in this file at torvalds@ab7a880263c3: -

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

	if (!bus_is_registered(drv->bus)) {
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
