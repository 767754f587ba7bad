// probecheck kernel excerpt: drivers/base/driver.c at torvalds@6c2f42117427. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/driver.c @ 6c2f421174273de8f83cde4286d1c076d43a2d35; Makefile: not read at this commit (torvalds/linux stores no Makefile at it; a mainline commit, not a tag)
// note: The commit that added driver_set_override ("driver: platform: Add helper for safer setting of driver_override", Krzysztof Kozlowski): pushed to gregkh/driver-core driver-core-testing on 2022-04-22 (post-receive mail <165064046220.14888.14762459224317309228@gitolite.kernel.org>, revlist b71054e27b92..3677563eb873), the v5.19 cycle; its 4.19-stable backport (2023-10) quotes "commit 6c2f421174273de8f83cde4286d1c076d43a2d35 upstream". Read whole (7570 chars, one page, length checked). driver_set_override swaps *override between device_lock(dev) and device_unlock(dev) and kfree()s the old string after the unlock (on both the empty-string and the new-string path). Read by v5.19 and, as the nearest below read, by v6.1, v6.6 and v6.12: 5666a274a6d5 ("driver core: fix driver_set_override() issue with empty strings", v6.0-rc5 revlist) adds `len = strlen(s);` before the `if (!len)` test, and the pre-image of the 2026 removal ([PATCH 12/12] "driver core: remove driver_set_override()", Danilo Krummrich, 2026-03-24, driver.c blob 8ab010ddf709) has the same device_lock/swap/device_unlock/kfree lines; no driver.c of a v6.x release was found in the index.
// whole file read (7570 chars); line numbers are that file's
// not in this file at torvalds@6c2f42117427: -

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

//@ driver_register 216
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

	return ret;
}

//@ driver_unregister 260
void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		WARN(1, "Unexpected driver unregister!\n");
		return;
	}
	driver_remove_groups(drv, drv->groups);
	bus_remove_driver(drv);
}
