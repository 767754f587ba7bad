// probecheck kernel excerpt: drivers/base/dd.c at torvalds@4793dae01f47. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/base/dd.c @ 4793dae01f47754e288cdbb3a22581cac2317f2b; Makefile: not read (a merge on torvalds master, not a tag: "Merge tag 'driver-core-7.1-rc1'", as this snapshot's core.c)
// note: Read 2026-12-07 (s46 h22) with read_file at that commit, the page at offset 7000 (of 37921 chars), kernel-doc comments omitted, for the log reader (src/logs/formats.ts), by no profile: device_set_deferred_probe_reason (what dev_err_probe's -EPROBE_DEFER case calls, core.c's __dev_probe_failed at the same commit) keeps "%s: %pV" of dev_driver_string(dev) and the message, under deferred_probe_mutex; the timeout work prints it after "deferred probe pending: " ("(reason unknown)\n" when none); driver_deferred_probe_check_state's two dev_warn lines in v5.9's order and conditions (no dev_WARN). The other modelled dd.c functions were not cut from this page.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@4793dae01f47: -

//@ device_set_deferred_probe_reason ?
void device_set_deferred_probe_reason(const struct device *dev, struct va_format *vaf)
{
	const char *drv = dev_driver_string(dev);
	char *reason;

	mutex_lock(&deferred_probe_mutex);

	reason = kasprintf(GFP_KERNEL, "%s: %pV", drv, vaf);
	__device_set_deferred_probe_reason(dev, reason);

	mutex_unlock(&deferred_probe_mutex);
}

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

	fw_devlink_drivers_done();

	driver_deferred_probe_timeout = 0;
	driver_deferred_probe_trigger();
	flush_work(&deferred_probe_work);

	mutex_lock(&deferred_probe_mutex);
	list_for_each_entry(p, &deferred_probe_pending_list, deferred_probe)
		dev_warn(p->device, "deferred probe pending: %s", p->deferred_probe_reason ?: "(reason unknown)\n");
	mutex_unlock(&deferred_probe_mutex);

	fw_devlink_probing_done();
}
