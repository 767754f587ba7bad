// probecheck kernel excerpt: drivers/usb/core/message.c at torvalds@903e23eda5af. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/usb/core/message.c @ 903e23eda5af2a5491e698838645f84a8f90379b; Makefile: not read (a merge on torvalds master, not a tag)
// note: "Merge tag 'usb-7.3-rc6'" on torvalds master (the usb fixes for v7.3-rc6 by the tag's name; a tip post-receive revlist lists it after "Merge tag 'drm-fixes-2026-10-03'", so merged by early October 2026; the v7.3-rc6 tag not read). The newest message.c read_file serves at a full hash among those tried (77310 chars; not at 91a73db6970a usb-7.2-rc7). Read 2026-12-07 (s51 h3) with read_file, the page at offset 70000; driver_set_config_work cut by hand: byte for byte as in v6.18.y (AOSC-Tracking/linux, 6.18.16), which mainline read until then. Read by mainline.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@903e23eda5af: -

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
