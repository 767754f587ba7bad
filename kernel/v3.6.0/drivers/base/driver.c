// probecheck kernel excerpt: drivers/base/driver.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 drivers/base/driver.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: VERSION = 3, PATCHLEVEL = 6, SUBLEVEL = 0, EXTRAVERSION = -replication (Makefile read at the same commit)
// note: NEAREST RELEASE ABOVE (v3.6.0), NOT v3.5, as this tree's dd.c, bus.c and core.c (same repository and commit). CRLF in repo: total_chars counts CRLF; this file is LF, 6002 chars = 6242 - 240 lines. Read whole in one page. driver_register: BUG_ON(!drv->bus->p), then driver_find and -EBUSY; driver_unregister: if (!drv || !drv->p) WARN and return. No driver_set_override (v5.19).
// whole file read (6242 chars); line numbers are that file's
// not in this file at v3.6.0: driver_set_override

//@ driver_register 164
int driver_register(struct device_driver *drv)
{
	int ret;
	struct device_driver *other;

	BUG_ON(!drv->bus->p);

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

//@ driver_unregister 204
void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		WARN(1, "Unexpected driver unregister!\n");
		return;
	}
	driver_remove_groups(drv, drv->groups);
	bus_remove_driver(drv);
}
