// probecheck kernel excerpt: drivers/base/platform.c at v5.10.13. SPDX-License-Identifier: GPL-2.0
// origin: Rtoax/linux-5.10.13 drivers/base/platform.c @ 411c0a3d0374eb11f0f8eb3602293a75c0980f2b; Makefile: not of this file's version: the repository's only stored Makefile (commit 14d383754391) reads 6.1.0-rc3, a later rebase (as its dd.c); the repository is named for 5.10.13
// note: A study tree (Rtoax) of 5.10.13, the commit of its dd.c and bus.c (read_file without a commit serves 411c0a3d0374; find_files lists eccecabda4bf, 2 versions). Read 2026-12-06 for OVERRIDE_LOCK: the page at offset 28000 of 36230 chars, the four functions cut from it, kernel-doc comment above platform_match omitted. ONE ANNOTATION kept verbatim: an empty comment '/*  */' after `struct bus_type platform_bus_type = {` (another after `int __init platform_bus_init(void)`, not excerpted); none inside the three driver_override functions. The store swaps under device_lock and kfree()s the old string after; the show uses sysfs_emit (v5.10) under device_lock. Read by v5.10.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v5.10.13: -

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
	char *driver_override, *old, *cp;

	/* We need to keep extra room for a newline */
	if (count >= (PAGE_SIZE - 1))
		return -EINVAL;

	driver_override = kstrndup(buf, count, GFP_KERNEL);
	if (!driver_override)
		return -ENOMEM;

	cp = strchr(driver_override, '\n');
	if (cp)
		*cp = '\0';

	device_lock(dev);
	old = pdev->driver_override;
	if (strlen(driver_override)) {
		pdev->driver_override = driver_override;
	} else {
		kfree(driver_override);
		pdev->driver_override = NULL;
	}
	device_unlock(dev);

	kfree(old);

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

//@ platform_bus_type ?
struct bus_type platform_bus_type = {   /*  */
	.name		= "platform",
	.dev_groups	= platform_dev_groups,
	.match		= platform_match,
	.uevent		= platform_uevent,
	.dma_configure	= platform_dma_configure,
	.pm		= &platform_dev_pm_ops,
};
