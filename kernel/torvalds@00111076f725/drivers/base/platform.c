// probecheck kernel excerpt: drivers/base/platform.c at torvalds@00111076f725. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/platform.c @ 00111076f725ec498f5ada19cdd984d111b0e9b3; Makefile: VERSION = 2, PATCHLEVEL = 6, SUBLEVEL = 32, EXTRAVERSION = .24 (torvalds/linux stored Makefile is from commit 00095879d56910bfdfc8512440fb5ee8bfddf01b, unrelated to this file's commit; the index holds one arbitrary version per file)
// note: WARNING: the stored torvalds/linux platform.c is ANCIENT (dev_attrs=platform_dev_attrs, early_platform code, strict_strtoul; ~v3.0-v3.10 era), so driver_override_* are absent from THIS stored version although they exist in real mainline (since v3.16); read only page offset 16000 (platform_match is there); total_chars is of platform.c
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@00111076f725: driver_override_store, driver_override_show

//@ platform_match ?
static int platform_match(struct device *dev, struct device_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct platform_driver *pdrv = to_platform_driver(drv);

	/* match against the id table first */
	if (pdrv->id_table)
		return platform_match_id(pdrv->id_table, pdev) != NULL;

	/* fall-back to driver name match */
	return (strcmp(pdev->name, drv->name) == 0);
}
