// probecheck kernel excerpt: drivers/base/platform.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 drivers/base/platform.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: VERSION = 3, PATCHLEVEL = 6, SUBLEVEL = 0, EXTRAVERSION = -replication (Makefile read at the same commit, for driver.c)
// note: NEAREST RELEASE ABOVE (v3.6.0), NOT v3.5, as this tree's dd.c, bus.c, core.c and driver.c (same repository and commit). Cut from the page at offset 16000 of this file (30547 chars); kernel-doc comment above platform_match omitted. No driver_override: platform_match has no override test, and platform_dev_attrs is __ATTR_RO(modalias) and __ATTR_NULL alone (3d713e0e382e added both, v3.16: DRIVER_OVERRIDE). Read by v3.5.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v3.6.0: driver_override_store, driver_override_show

//@ platform_match ?
static int platform_match(struct device *dev, struct device_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct platform_driver *pdrv = to_platform_driver(drv);

	/* Attempt an OF style match first */
	if (of_driver_match_device(dev, drv))
		return 1;

	/* Then try to match against the id table */
	if (pdrv->id_table)
		return platform_match_id(pdrv->id_table, pdev) != NULL;

	/* fall-back to driver name match */
	return (strcmp(pdev->name, drv->name) == 0);
}
