// probecheck kernel excerpt: drivers/base/platform.c at torvalds@b4ce0bf7ab02. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/platform.c @ b4ce0bf7ab02c46676276ca1e8d4c5789528b439; Makefile: not read (mainline commit, not a tag; no Makefile read)
// note: Stands for v6.6 (drivers/base/platform.c; the three modelled functions only). "driver core: platform: removed unneeded variable from __platform_driver_probe()" (Greg KH, 2023-01-31), driver-core-6.3-rc1 (the driver-core-6.3-rc1 pull, mail id 29697369084); full hash from gitolite driver-core post-receive revlists (find_string ids 66773019068, 66604660686) and that pull's shortlog (platform.c 48 +-). It is the newest platform.c stored in the index before v6.6. Later platform.c commits before v6.6, NOT stored at their commits: 40b3880dc29b ("driver core: platform: simplify __platform_driver_probe()", same pull, the next commit; rewrites only __platform_driver_probe: bus_for_each_dev(is_bound_to_driver) instead of the klist spin_lock check) and 73aca58b781e ("of: Move of_platform_register_reconfig_notifier() into DT core", Rob Herring, devicetree-for-6.6 pull <20230829223410.GA2804587-robh@kernel.org> (id 42320804161, drivers/base/platform.c 2 +-): drops the of_platform_register_reconfig_notifier() call from platform_bus_init). Neither touches platform_match/driver_override_show/driver_override_store. Driver-core pulls for 6.4-rc1 (<id 12162390879>), 6.5-rc1 (id 38337917525) and 6.6-rc1 (<ZPIBTz-bppDBfgDi@kroah.com>, id 22067393024) list no platform.c change; fix pulls of 6.3-rc..6.6-rc and other trees not checked. Content: platform_match(struct device *dev, struct device_driver *drv) (non-const drv: d69d80484598 is v6.11), driver_override_store via driver_set_override(), driver_override_show under device_lock + sysfs_emit. The three functions equal torvalds@d69d80484598 except that const, and platform_match/driver_override_store equal the Kylin v6.6.y excerpt byte for byte. Cut from the page at offset 28000 of this one commit (38791 chars; re-read from 22500, same text); kernel-doc comment above platform_match omitted. Vanilla mainline, no vendor markers.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@b4ce0bf7ab02: -

//@ platform_match ?
static int platform_match(struct device *dev, struct device_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct platform_driver *pdrv = to_platform_driver(drv);

	/* When driver_override is set, only bind to the matching driver */
	if (pdev->driver_override)
		return !strcmp(pdev->driver_override, drv->name);

	/* Attempt an OF style match first */
	if (of_driver_match_device(dev, drv))
		return 1;

	/* Then try ACPI style match */
	if (acpi_driver_match_device(dev, drv))
		return 1;

	/* Then try to match against the id table */
	if (pdrv->id_table)
		return platform_match_id(pdrv->id_table, pdev) != NULL;

	/* fall-back to driver name match */
	return (strcmp(pdev->name, drv->name) == 0);
}

//@ driver_override_store ?
static ssize_t driver_override_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct platform_device *pdev = to_platform_device(dev);
	int ret;

	ret = driver_set_override(dev, &pdev->driver_override, buf, count);
	if (ret)
		return ret;

	return count;
}

//@ driver_override_show ?
static ssize_t driver_override_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct platform_device *pdev = to_platform_device(dev);
	ssize_t len;

	device_lock(dev);
	len = sysfs_emit(buf, "%s\n", pdev->driver_override);
	device_unlock(dev);

	return len;
}
