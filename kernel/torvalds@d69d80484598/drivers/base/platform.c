// probecheck kernel excerpt: drivers/base/platform.c at torvalds@d69d80484598. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/platform.c @ d69d804845985c29ab5be5a4b3b1f4787893daf8; Makefile: not read (mainline commit, not a tag; no Makefile read)
// note: Stands for v6.12 (drivers/base/platform.c; the three modelled functions only). "driver core: have match() callback in struct bus_type take a const *" (Greg KH), driver-core-6.11-rc1 (<ZqIAf1uDky0nvwiC@kroah.com>, id 36630626955, platform.c 26 +-); full hash from the driver-core class_cleanup post-receive revlist <172139110877.23563.802015859606748200@gitolite.kernel.org> (id 67178867005). Newest platform.c stored before v6.12. Later platform.c commits before v6.12, not stored at their commits: 24e041e1e48d ("platform: Make platform_bus_type constant", Kunwu Chan, the only platform.c commit of driver-core-6.12-rc1 <ZvZe76mpNqBp18Ts@kroah.com>, id 40094112379, platform.c 2 +-; revlist id 66274649344) and possibly 23c685967706 ("driver core: platform: Switch to use kmemdup_array()", Andy Shevchenko, same 6.11 pull; listed after d69d8048 in that revlist, order not proven). Both touch only platform_bus_type / platform_device_add_resources, not the modelled functions. Fix pulls of 6.11-rc..6.12-rc and other trees not checked. Content: platform_match(struct device *dev, const struct device_driver *drv) still assigning struct platform_driver *pdrv = to_platform_driver(drv); driver_override_store via driver_set_override(); driver_override_show under device_lock + sysfs_emit (no driver_override lock yet: 2b38efc05bf7 is v7.0-rc). Cut from the page at offset 24000 of this one commit (38674 chars); kernel-doc comment above platform_match omitted. Vanilla mainline, no vendor markers.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@d69d80484598: -

//@ platform_match ?
static int platform_match(struct device *dev, const struct device_driver *drv)
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
