// probecheck kernel excerpt: init/main.c at v6.18.y. SPDX-License-Identifier: GPL-2.0
// origin: AOSC-Tracking/linux init/main.c @ 2de2fb6a959a4d32cc30bccb31b98ece3690f84f; Makefile: not read at this commit (the repository's Makefile, read at 009100641c69ecbf6651dd8a87814596ad568a74 for core.c, says 6.18.16; init/main.c is stored at its own commit, so its sublevel is not known)
// note: AOSC OS's kernel tracking tree, as this snapshot's core.c. Read 2026-12-07 (s46 h22) with read_file, the page at offset 28000 (of 39602 chars): initcall_debug's two printks, registered on the initcall_start/initcall_finish tracepoints by initcall_debug_enable (TRACEPOINTS_ENABLED) or called by do_trace_initcall_start/finish; both print at KERN_DEBUG. Read for the log reader (src/logs/formats.ts), not modelled.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v6.18.y: -

//@ trace_initcall_start_cb ?
static __init_or_module void
trace_initcall_start_cb(void *data, initcall_t fn)
{
	ktime_t *calltime = data;

	printk(KERN_DEBUG "calling  %pS @ %i\n", fn, task_pid_nr(current));
	*calltime = ktime_get();
}

//@ trace_initcall_finish_cb ?
static __init_or_module void
trace_initcall_finish_cb(void *data, initcall_t fn, int ret)
{
	ktime_t rettime, *calltime = data;

	rettime = ktime_get();
	printk(KERN_DEBUG "initcall %pS returned %d after %lld usecs\n",
		 fn, ret, (unsigned long long)ktime_us_delta(rettime, *calltime));
}
