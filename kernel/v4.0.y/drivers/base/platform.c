// probecheck kernel excerpt: drivers/base/platform.c at v4.0.y. SPDX-License-Identifier: GPL-2.0
// origin: YueweiJin/runninglinuxkernel_4.0 drivers/base/platform.c @ 3402877a88c6c191d83d25cbe14682371a11907c; Makefile: not stored for the repository (a book's study tree named 4.0, as this snapshot's dd.c and async.c)
// note: NOT vanilla: the study tree of this snapshot's dd.c, whose owner added `/* JYW: ... */` comments (Chinese); read 2026-12-06 (s39 h2) with read_file, the page at offset 20000 of 34571 chars (one stored version), the four cut by hand with no line numbers. Two owner comments on the page sit above platform_match and platform_bus_type, outside them (not excerpted), and two inside platform_bus_init (not excerpted); none inside the four. driver_override (3d713e0e382e, v3.16) without device_lock: driver_override_store swaps pdev->driver_override bare and kfree()s the old string, driver_override_show prints it bare (OVERRIDE_LOCK is v4.13); platform_bus_type sets no need_parent_lock. Read by v4.2 (the nearest below).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v4.0.y: -

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
	char *driver_override, *old = pdev->driver_override, *cp;

	if (count > PATH_MAX)
		return -EINVAL;

	driver_override = kstrndup(buf, count, GFP_KERNEL);
	if (!driver_override)
		return -ENOMEM;

	cp = strchr(driver_override, '\n');
	if (cp)
		*cp = '\0';

	if (strlen(driver_override)) {
		pdev->driver_override = driver_override;
	} else {
		kfree(driver_override);
		pdev->driver_override = NULL;
	}

	kfree(old);

	return count;
}

//@ driver_override_show ?
static ssize_t driver_override_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct platform_device *pdev = to_platform_device(dev);

	return sprintf(buf, "%s\n", pdev->driver_override);
}

//@ platform_bus_type ?
struct bus_type platform_bus_type = {
	.name		= "platform",
	.dev_groups	= platform_dev_groups,
	.match		= platform_match,
	.uevent		= platform_uevent,
	.pm		= &platform_dev_pm_ops,
};
