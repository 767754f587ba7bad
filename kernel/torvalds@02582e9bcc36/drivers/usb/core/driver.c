// probecheck kernel excerpt: drivers/usb/core/driver.c at torvalds@02582e9bcc36. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/usb/core/driver.c @ 02582e9bcc36ed503ffede46e104a885dea222fb; Makefile: not read (the index stores torvalds/linux's Makefile at an unrelated commit)
// note: What read_file serves for this path without a commit (find_files lists bbf44583ace7; 53767 chars), the last page (offset 52500). Release not identified; older than 8c97a46af04b by content: usb_set_usb2_hardware_lpm sits under `#endif /* CONFIG_USB_SUSPEND */`, and struct bus_type has no need_parent_lock field before 8c97a46af04b (include/linux/device.h at 9ed9895370ae, v4.10, excerpted). usb_bus_type sets name, match and uevent only. Read by no profile (test/kernel/parent-lock.test.ts); read_file does not serve this file at 8c97a46af04b.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@02582e9bcc36: -

//@ usb_bus_type ?
struct bus_type usb_bus_type = {
	.name =		"usb",
	.match =	usb_device_match,
	.uevent =	usb_uevent,
};
