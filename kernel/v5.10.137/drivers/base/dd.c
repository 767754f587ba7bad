// probecheck kernel excerpt: drivers/base/dd.c at v5.10.137. SPDX-License-Identifier: GPL-2.0
// origin: 5.10.13's __driver_attach (Rtoax/linux-5.10.13, kernel/v5.10.13) with the hunk of 70fe758352ca's 5.10 backport applied; Makefile: not read (no 5.10.137 tree read)
// note: Patch 70fe758352ca's own text as its 5.10-stable backport has it (stored 2026-12-06, s38 h13): "[PATCH 5.10 293/545] driver core: fix potential deadlock in __driver_attach" (Greg Kroah-Hartman, 2022-08-19, "[ Upstream commit 70fe758352cafdee72a7b13bf9db065f9613ced8 ]", index f9d9f1ad9215..b5441741274b; read with read_file, id 11394265071): +bool async = false; after `struct device_driver *drv = data;`, `async_schedule_dev(__driver_attach_async_helper, dev);` under device_lock replaced by `async = true;`, and `if (async) async_schedule_dev(...)` after device_unlock. Its context is `if (!dev->driver) {` (no async_driver test: 84e7c6786aad is v5.19), so it is v5.1 + 70fe758352ca's text, which no mainline dd.c has (the v6.0 commit sits on 84e7c6786aad's test). The rest of the function is 5.10.13's: the hunk headers (@@ -1056 and @@ -1093) put the changed lines as far from the function's first line as they are in 5.10.13 (1046, 1083), and its context lines are 5.10.13's; the lines between were not read in a 5.10.137 tree. Line numbers are the posting's (5.10.136 + the hunk).
// single function composed from a stored excerpt and a posted hunk (see note); line number from the hunk header
// not in this file at v5.10.137: -

//@ __driver_attach 1056
static int __driver_attach(struct device *dev, void *data)
{
	struct device_driver *drv = data;
	bool async = false;
	int ret;

	/*
	 * Lock device and try to bind to it. We drop the error
	 * here and always return 0, because we need to keep trying
	 * to bind to devices and some drivers will return an error
	 * simply if it didn't support the device.
	 *
	 * driver_probe_device() will spit a warning if there
	 * is an error.
	 */

	ret = driver_match_device(drv, dev);
	if (ret == 0) {
		/* no match */
		return 0;
	} else if (ret == -EPROBE_DEFER) {
		dev_dbg(dev, "Device match requests probe deferral\n");
		driver_deferred_probe_add(dev);
	} else if (ret < 0) {
		dev_dbg(dev, "Bus failed to match device: %d\n", ret);
		return ret;
	} /* ret > 0 means positive match */

	if (driver_allows_async_probing(drv)) {
		/*
		 * Instead of probing the device synchronously we will
		 * probe it asynchronously to allow for more parallelism.
		 *
		 * We only take the device lock here in order to guarantee
		 * that the dev->driver and async_driver fields are protected
		 */
		dev_dbg(dev, "probing driver %s asynchronously\n", drv->name);
		device_lock(dev);
		if (!dev->driver) {
			get_device(dev);
			dev->p->async_driver = drv;
			async = true;
		}
		device_unlock(dev);
		if (async)
			async_schedule_dev(__driver_attach_async_helper, dev);
		return 0;
	}

	device_driver_attach(drv, dev);

	return 0;
}
