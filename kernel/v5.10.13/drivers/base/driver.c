// probecheck kernel excerpt: drivers/base/driver.c at v5.10.13. SPDX-License-Identifier: GPL-2.0
// origin: Rtoax/linux-5.10.13 drivers/base/driver.c @ 180b2cea8951291cfa7c7ec6f7f14e3d1095a330; Makefile: not of this file's version: the repository's only stored Makefile (commit 14d383754391) reads 6.1.0-rc3, a later rebase (per the v5.10.13 bus.c header); the repository is named for 5.10.13
// note: A study tree (Rtoax) of 5.10.13, as its dd.c and bus.c, but driver.c is stored at its own commit (not 411c0a3d0374). Read whole (5966 chars, one page). TWO ANNOTATIONS, not kernel text: an empty space-indented comment block ('/**', ' *  ', ' */') inside driver_register just before `other = driver_find(drv->name, drv->bus);`, and one at the top of driver_find (not modelled); both kept verbatim below. Otherwise v5.10-like by content: <linux/device/driver.h> included, pr_warn/pr_err, `if (!drv->bus->p)` returns -EINVAL, no driver_set_override (v5.19). Read by v5.10, and by v5.15 as the nearest below.
// whole file read (5966 chars); line numbers are that file's
// not in this file at v5.10.13: driver_set_override

//@ driver_register 147
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

    /**
     *  
     */
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

//@ driver_unregister 194
void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		WARN(1, "Unexpected driver unregister!\n");
		return;
	}
	driver_remove_groups(drv, drv->groups);
	bus_remove_driver(drv);
}
