// probecheck kernel excerpt: drivers/base/platform.c at v5.15.100. SPDX-License-Identifier: GPL-2.0
// origin: zcjie1/linux-5.15.100 drivers/base/platform.c @ 7e463102b753bade0a7ff0106435cdb149ba8340; Makefile: not stored (read_file: no Makefile in this repo's index); repo name says 5.15.100
// note: The study tree of the v5.15.100 core.c excerpt (find_files lists 2 versions of platform.c; read_file without a commit serves 7e463102b753). Read 2026-12-06 for OVERRIDE_LOCK: the page at offset 28000 of 38523 chars, the four functions cut from it, kernel-doc comment above platform_match omitted. One annotation seen, a Chinese comment line above `struct bus_type platform_bus_type = {` (outside the excerpt); none inside the four. 5.15.100 still has platform.c's own store (no driver_set_override, 6c2f42117427, v5.19 cycle): the swap under device_lock, kfree(old) after. Read by v5.15.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v5.15.100: -

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
struct bus_type platform_bus_type = {
	.name		= "platform",
	.dev_groups	= platform_dev_groups,
	.match		= platform_match,
	.uevent		= platform_uevent,
	.probe		= platform_probe,
	.remove		= platform_remove,
	.shutdown	= platform_shutdown,
	.dma_configure	= platform_dma_configure,
	.pm		= &platform_dev_pm_ops,
};
