// probecheck kernel excerpt: include/linux/device.h at torvalds@4793dae01f47. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux include/linux/device.h @ 4793dae01f47754e288cdbb3a22581cac2317f2b; Makefile: not read (a merge on torvalds master, not a tag)
// note: "Merge tag 'driver-core-7.1-rc1'" (2026-04-14; the subject and full hash from torvalds master revlists in the index). The newest device.h read_file serves at a full hash (41529 chars); the page at offset 25000 holds both functions, followed by DEFINE_GUARD(device, struct device *, device_lock(_T), device_unlock(_T)). Character for character the text of 00289cd87676 (v5.3). struct bus_type is in include/linux/device/bus.h since v5.7, so it is absent here. Read 2026-12-06 (s35 h6). device_match_driver_override added 2026-12-06 (s40 h3) from the page at offset 14000 (platform_match's call since 2b38efc05bf7: the one-step override match, OVERRIDE_MATCH_LOCKED; its kernel-doc left out), device_lock and device_unlock re-imported unchanged.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@4793dae01f47: bus_type

//@ device_lock ?
static inline void device_lock(struct device *dev)
{
	mutex_lock(&dev->mutex);
}

//@ device_unlock ?
static inline void device_unlock(struct device *dev)
{
	mutex_unlock(&dev->mutex);
}

//@ device_match_driver_override ?
static inline int device_match_driver_override(struct device *dev,
					       const struct device_driver *drv)
{
	guard(spinlock)(&dev->driver_override.lock);
	if (dev->driver_override.name)
		return !strcmp(dev->driver_override.name, drv->name);
	return -1;
}
