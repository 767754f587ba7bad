// probecheck kernel excerpt: init/main.c at torvalds@f0bb4c0ab064. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux init/main.c @ f0bb4c0ab064a8aeeffbda1cee380151a594eaab; Makefile: not read (the one init/main.c the index stores for torvalds/linux; release not identified: v3.x by content, with page_cgroup_init() and load_default_modules() in start_kernel/kernel_init_freeable)
// note: Read 2026-12-07 (s46 h22) with read_file, the page at offset 14000 (of 22361 chars): the older initcall_debug form, before the initcall tracepoints: do_one_initcall calls do_one_initcall_debug when initcall_debug is set; it prints with pr_debug and %pF (not %pS). Read for the log reader (src/logs/formats.ts), not modelled.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@f0bb4c0ab064: -

//@ do_one_initcall_debug ?
static int __init_or_module do_one_initcall_debug(initcall_t fn)
{
	ktime_t calltime, delta, rettime;
	unsigned long long duration;
	int ret;

	pr_debug("calling  %pF @ %i\n", fn, task_pid_nr(current));
	calltime = ktime_get();
	ret = fn();
	rettime = ktime_get();
	delta = ktime_sub(rettime, calltime);
	duration = (unsigned long long) ktime_to_ns(delta) >> 10;
	pr_debug("initcall %pF returned %d after %lld usecs\n",
		 fn, ret, duration);

	return ret;
}
