// probecheck kernel excerpt: drivers/usb/core/message.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 drivers/usb/core/message.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: 3.6.0 (the tree's Makefile, as its dd.c)
// note: Read 2026-12-06 (s39 h2) with read_file, the page at offset 52000 of 63741 chars (one stored version), which holds the end of usb_set_configuration ("Context: !in_interrupt(), caller owns the device lock": it takes no lock itself), driver_set_config_work, cancel_async_set_config and usb_driver_set_configuration; driver_set_config_work cut by hand, the comment above it ("Worker routine for usb_driver_set_configuration()") omitted. Character for character 6.18.y's (AOSC-Tracking/linux, read by mainline): usb_lock_device(udev) around usb_set_configuration. Read by v4.2, v4.18 and v5.1 (the nearest below read; the trees named for those releases that find_repos lists, linux-4.2*, linux-4.18*, linux-4.20, linux-5.0* and linux-5.1.15, store no message.c, and the many vendor trees that do were not looked at; the function is the same in the texts read on either side, v3.6.0 and 6.18.y).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v3.6.0: -

//@ driver_set_config_work ?
static void driver_set_config_work(struct work_struct *work)
{
	struct set_config_request *req =
		container_of(work, struct set_config_request, work);
	struct usb_device *udev = req->udev;

	usb_lock_device(udev);
	spin_lock(&set_config_lock);
	list_del(&req->node);
	spin_unlock(&set_config_lock);

	if (req->config >= -1)		/* Is req still valid? */
		usb_set_configuration(udev, req->config);
	usb_unlock_device(udev);
	usb_put_dev(udev);
	kfree(req);
}
