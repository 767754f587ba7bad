// probecheck kernel excerpt: drivers/base/dd.c at torvalds@eed6e41813de. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/dd.c @ eed6e41813deb9ee622cd9242341f21430d7789f; Makefile: not read (mainline commit of the v5.12 cycle)
// note: "driver core: Fix locking bug in deferred_probe_timeout_work_func()" (patch eed6e41813de's own text, stored 2026-12-06, s38 h13): the pending walk under deferred_probe_mutex; 5.10.13's dd.c, before it, walks with list_for_each_entry_safe unlocked. Cut from the page at offset 0 of the file (34456 chars) read with read_file at that commit; line numbers not counted.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@eed6e41813de: -

//@ driver_deferred_probe_check_state ?
int driver_deferred_probe_check_state(struct device *dev)
{
	if (!IS_ENABLED(CONFIG_MODULES) && initcalls_done) {
		dev_warn(dev, "ignoring dependency for device, assuming no driver\n");
		return -ENODEV;
	}

	if (!driver_deferred_probe_timeout && initcalls_done) {
		dev_warn(dev, "deferred probe timeout, ignoring dependency\n");
		return -ETIMEDOUT;
	}

	return -EPROBE_DEFER;
}

//@ deferred_probe_timeout_work_func ?
static void deferred_probe_timeout_work_func(struct work_struct *work)
{
	struct device_private *p;

	driver_deferred_probe_timeout = 0;
	driver_deferred_probe_trigger();
	flush_work(&deferred_probe_work);

	mutex_lock(&deferred_probe_mutex);
	list_for_each_entry(p, &deferred_probe_pending_list, deferred_probe)
		dev_info(p->device, "deferred probe pending\n");
	mutex_unlock(&deferred_probe_mutex);
	wake_up_all(&probe_timeout_waitqueue);
}

//@ deferred_probe_initcall ?
static int deferred_probe_initcall(void)
{
	deferred_devices = debugfs_create_file("devices_deferred", 0444, NULL,
					       NULL, &deferred_devs_fops);

	driver_deferred_probe_enable = true;
	driver_deferred_probe_trigger();
	/* Sort as many dependencies as possible before exiting initcalls */
	flush_work(&deferred_probe_work);
	initcalls_done = true;

	/*
	 * Trigger deferred probe again, this time we won't defer anything
	 * that is optional
	 */
	driver_deferred_probe_trigger();
	flush_work(&deferred_probe_work);

	if (driver_deferred_probe_timeout > 0) {
		schedule_delayed_work(&deferred_probe_timeout_work,
			driver_deferred_probe_timeout * HZ);
	}
	return 0;
}
