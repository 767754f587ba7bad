// probecheck kernel excerpt: drivers/base/dd.c at kernel-patches@27f0f918d3e9. SPDX-License-Identifier: GPL-2.0
// origin: kernel-patches/bpf drivers/base/dd.c @ 27f0f918d3e9a984bd0c530f9297e9dbb389a34f; Makefile: not stored at this commit (the index's one Makefile of the repository is at 68e163a69b2a, another commit); a BPF CI tree on a recent mainline, newer than v7.2-rc1 by content (its deferred_probe_extend_timeout has the form merged for v7.2-rc1, s51 h3)
// note: Read 2026-12-07 (s51 h6) with read_file at this commit (the page at offset 18000 of 42215 chars); really_probe_debug only, for the log reader (src/logs/formats.ts), cut by hand from that page: the initcall_debug line with the driver's name, which by its subject is 8b29d0b45266 ("driver core: add driver name to probe debug print", pushed to driver-core-next by Greg Kroah-Hartman 2026-07-12, kernel.org post-receive mail; its diff not read, so unverified as the commit that made this line). Against dakr@1ac45118ddf8 the function differs only in the printk's format and arguments (drv->name added). Not mainline's dd.c (the tree carries an unmerged device_schedule_reprobe series in __device_release_driver), so read by no profile; its other functions not imported.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at kernel-patches@27f0f918d3e9: -

//@ really_probe_debug ?
static int really_probe_debug(struct device *dev, const struct device_driver *drv)
{
	ktime_t calltime, rettime;
	int ret;

	calltime = ktime_get();
	ret = really_probe(dev, drv);
	rettime = ktime_get();
	/*
	 * Don't change this to pr_debug() because that requires
	 * CONFIG_DYNAMIC_DEBUG and we want a simple 'initcall_debug' on the
	 * kernel commandline to print this all the time at the debug level.
	 */
	printk(KERN_DEBUG "probe of %s with driver %s returned %d after %lld usecs\n",
	       dev_name(dev), drv->name, ret, ktime_us_delta(rettime, calltime));
	return ret;
}
