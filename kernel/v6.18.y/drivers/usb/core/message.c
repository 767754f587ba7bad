// probecheck kernel excerpt: drivers/usb/core/message.c at v6.18.y. SPDX-License-Identifier: GPL-2.0
// origin: AOSC-Tracking/linux drivers/usb/core/message.c @ 0cb396978578413c573bff7a6f7f95b6de8860c4; Makefile: VERSION = 6, PATCHLEVEL = 18, SUBLEVEL = 16, EXTRAVERSION = (Makefile read at commit 009100641c69ecbf6651dd8a87814596ad568a74)
// note: AOSC OS's kernel tracking tree; message.c (77270 chars) is stored at its own commit, so its exact version is not known beyond its content (kernel-doc Return: lines, cdc_parse_cdc_header with USB_CDC_MBIM_EXTENDED_TYPE, set_config_list cancellation). Read at offset 70000 (the page holding driver_set_config_work, after the end of usb_set_configuration). Its comment above ("Worker routine for usb_driver_set_configuration()") omitted. The message.c copies torvalds/linux's index serves are of v2.6 (0031a06e2f07, f3d34ed48c80): their usb_set_configuration says "Context: !in_interrupt(), caller owns the device lock" and takes no lock itself.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v6.18.y: -

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
