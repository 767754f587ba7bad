// probecheck kernel excerpt: drivers/base/platform.c at torvalds@4793dae01f47. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/platform.c @ 4793dae01f47754e288cdbb3a22581cac2317f2b; Makefile: not read (a merge on torvalds master, not a tag)
// note: "Merge tag 'driver-core-7.1-rc1'" (2026-04-14), the commit of the core.c and device.h mainline reads; read_file serves platform.c at it (39634 chars), found 2026-12-06 (s40 h3: the s35 audits tried other files at this hash, not platform.c). Cut by hand from the page at offset 26000 (kernel-doc above platform_match left out). platform_match calls device_match_driver_override(dev, drv) first (2b38efc05bf7: the match's half of OVERRIDE_MATCH_LOCKED, read until now only in the postings), and platform_bus_type sets `.driver_override = true` (by the series' postings, the bus opting into the core's generic driver_override sysfs callbacks; those callbacks' file was not read) and no need_parent_lock; driver_override_store and driver_override_show are gone from platform.c. device_match_driver_override is include/linux/device.h's at the same commit (page at offset 14000 of 41529: `guard(spinlock)(&dev->driver_override.lock); if (dev->driver_override.name) return !strcmp(dev->driver_override.name, drv->name); return -1;`, excerpted there since 366612e), as cb3d1049f4ea's posting has it. Vanilla mainline, no vendor markers. Read by mainline.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@4793dae01f47: driver_override_store, driver_override_show

//@ platform_match ?
static int platform_match(struct device *dev, const struct device_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct platform_driver *pdrv = to_platform_driver(drv);
	int ret;

	/* When driver_override is set, only bind to the matching driver */
	ret = device_match_driver_override(dev, drv);
	if (ret >= 0)
		return ret;

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

//@ platform_bus_type ?
const struct bus_type platform_bus_type = {
	.name		= "platform",
	.dev_groups	= platform_dev_groups,
	.driver_override = true,
	.match		= platform_match,
	.uevent		= platform_uevent,
	.probe		= platform_probe,
	.remove		= platform_remove,
	.shutdown	= platform_shutdown,
	.dma_configure	= platform_dma_configure,
	.dma_cleanup	= platform_dma_cleanup,
	.pm		= &platform_dev_pm_ops,
};
