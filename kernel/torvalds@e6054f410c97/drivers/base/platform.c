// probecheck kernel excerpt: drivers/base/platform.c at torvalds@e6054f410c97. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/platform.c @ e6054f410c9757e359d697ebade2213c398247e7; Makefile: not read (a driver-core-next commit, not a tag)
// note: "driver core: platform: amend the API contract for fwnode setters", a commit of the driver-core-7.3-rc1 pull (torvalds master's post-receive mail of 2026-08-19, revlist f4cdf7ca9a1f..59e6295fac26): in v7.3-rc1 (the tag not read). The newest platform.c read_file serves at a full hash among those tried (43278 chars; not at 36808d5e9839, 59e6295fac26, 7b5b51b2b05c, 714cfe9e143f or 7d80509ff0da, the last a later commit of the same pull, "driver core: platform: unify release path", whose text was not read). Read 2026-12-07 (s51 h3) with read_file, the page at offset 28500; platform_match and platform_bus_type cut by hand (kernel-doc left out): both byte for byte as at torvalds@4793dae01f47, which mainline read until then. No driver_override store or show in platform.c. Read by mainline.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@e6054f410c97: driver_override_store, driver_override_show

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
