// probecheck kernel excerpt: drivers/usb/core/driver.c at gregkh@2e30f71523ae. SPDX-License-Identifier: GPL-2.0
// origin: gregkh/linux drivers/usb/core/driver.c @ 2e30f71523ae8399832d5cd477bfb0b3cbcac936; Makefile: not read
// note: Greg Kroah-Hartman's GitHub tree; what read_file serves for this path without a commit (find_files lists 85c8cb5c0be4, 7 versions; 58948 chars), the last page (offset 57500). "USB: make single lock for all usb dynamic id lists" (the subject from a commit list in the index that also lists "USB: make to_usb_driver() use container_of_const()"): its release not identified (newer than 8c97a46af04b: the field it sets came with that commit). usb_bus_type sets `.need_parent_lock = true,`: the only bus_type the model gives needParentLock (from-log's `usb`, the catalogue's `usb`). Read by no profile (test/kernel/parent-lock.test.ts).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at gregkh@2e30f71523ae: -

//@ usb_bus_type ?
struct bus_type usb_bus_type = {
	.name =		"usb",
	.match =	usb_device_match,
	.uevent =	usb_uevent,
	.need_parent_lock =	true,
};
