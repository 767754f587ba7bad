// probecheck kernel excerpt: drivers/base/platform.c at v6.6.y. SPDX-License-Identifier: GPL-2.0
// origin: alvinsun039/linux-torvalds drivers/base/platform.c @ 45cca234647b4a224884e0039d5ad37d16ca60f0; Makefile: VERSION = 6, PATCHLEVEL = 6, SUBLEVEL = 13, EXTRAVERSION = (Makefile read at commit 02f16b285d78cb757d2405cf52fa75e1a5385ec1)
// note: 6.6.y stable tree (repo name says linux-torvalds), platform.c stored at its own commit (1 version; total 38750 chars); content is 6.4+ (const struct bus_type platform_bus_type, const struct device in platform_uevent) with remove_new, consistent with 6.6.y; exact sublevel unknown. Read at offset 32000 (the page holding both functions); driver_override_show begins on the page before and was not read. Kernel-doc comment above platform_match omitted (it does not document locking).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v6.6.y: -

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
