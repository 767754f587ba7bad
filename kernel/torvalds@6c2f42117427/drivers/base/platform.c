// probecheck kernel excerpt: drivers/base/platform.c at torvalds@6c2f42117427. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/platform.c @ 6c2f421174273de8f83cde4286d1c076d43a2d35; Makefile: not read at this commit (torvalds/linux stores no Makefile at it; a mainline commit, not a tag)
// note: The same commit as driver.c here (6c2f42117427, v5.19 cycle): platform's driver_override_store calls driver_set_override(dev, &pdev->driver_override, buf, count), which takes device_lock around the swap (driver.c). Cut from the page at offset 30000 of this one commit (38217 chars); kernel-doc comment above platform_match omitted. Read by v5.19.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@6c2f42117427: -

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
