// probecheck kernel excerpt: include/linux/device.h at torvalds@00289cd87676. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux include/linux/device.h @ 00289cd87676e14913d2d8492d1ce05c4baafdae; Makefile: not read (the index holds torvalds/linux's Makefile at an unrelated commit)
// note: Stored torvalds/linux include/linux/device.h (58687 chars), read at offset 30000 (the page holding both functions). 00289cd87676 is the commit the model cites for kill_device (v5.3); content: struct device with bus_dma_mask and dma_pfn_offset. The same two functions, character for character, are in alvinsun039/linux-torvalds include/linux/device.h @ 155ba589da94 (a vendor tree with KY_KABI_RESERVE fields, and DEFINE_GUARD(device, ...) and device_for_each_child_reverse_from, which 00289cd87676 lacks: a much later tree). find_files listed commit a3928246651b for this path; read_file served 00289cd87676.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@00289cd87676: -

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
