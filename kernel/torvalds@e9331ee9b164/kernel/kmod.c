// probecheck kernel excerpt: kernel/kmod.c at torvalds@e9331ee9b164. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux kernel/kmod.c @ e9331ee9b164d58b4dd0abc882ba7e23d2f404b3; Makefile: not read (release not identified: v4.13 .. v5.6 by content)
// note: The only kernel/kmod.c torvalds/linux's index stores with __request_module's WARN (find_files lists this commit alone; read_file without a commit serves 04b1c384fbc4, a v2.6.3x text without it; at 9011e49d54dc and 01d5b167dc23, the v6.6 and mainline module snapshots, the index has no kmod.c; AOSC-Tracking/linux stores none). Read whole with read_file at this commit, 2026-12-06. Release by content only: kmod_concurrent_max with wait_event_killable_timeout (v4.13's throttling), call_usermodehelper_setup's 7 arguments, and `return 0` for an empty modprobe_path (the -ENOENT change of the v5.7 cycle, seen as a patch in the index, not applied here). __request_module opens with the comment "We don't allow synchronous module loading from async. Module init may invoke async_synchronize_full() which will end up waiting for this task which already is waiting for the module loading to complete, leading to a deadlock." and WARN_ON_ONCE(wait && current_is_async()) (774a1221e862, v3.8, with MODULE_SYNC_PF_USED_ASYNC); request_module() is __request_module(true, ...). Read by no profile.
// whole file read (5123 chars); line numbers are that file's
// not in this file at torvalds@e9331ee9b164: -

//@ __request_module 125
int __request_module(bool wait, const char *fmt, ...)
{
	va_list args;
	char module_name[MODULE_NAME_LEN];
	int ret;

	/*
	 * We don't allow synchronous module loading from async.  Module
	 * init may invoke async_synchronize_full() which will end up
	 * waiting for this task which already is waiting for the module
	 * loading to complete, leading to a deadlock.
	 */
	WARN_ON_ONCE(wait && current_is_async());

	if (!modprobe_path[0])
		return 0;

	va_start(args, fmt);
	ret = vsnprintf(module_name, MODULE_NAME_LEN, fmt, args);
	va_end(args);
	if (ret >= MODULE_NAME_LEN)
		return -ENAMETOOLONG;

	ret = security_kernel_module_request(module_name);
	if (ret)
		return ret;

	if (atomic_dec_if_positive(&kmod_concurrent_max) < 0) {
		pr_warn_ratelimited("request_module: kmod_concurrent_max (%u) close to 0 (max_modprobes: %u), for module %s, throttling...",
				    atomic_read(&kmod_concurrent_max),
				    MAX_KMOD_CONCURRENT, module_name);
		ret = wait_event_killable_timeout(kmod_wq,
						  atomic_dec_if_positive(&kmod_concurrent_max) >= 0,
						  MAX_KMOD_ALL_BUSY_TIMEOUT * HZ);
		if (!ret) {
			pr_warn_ratelimited("request_module: modprobe %s cannot be processed, kmod busy with %d threads for more than %d seconds now",
					    module_name, MAX_KMOD_CONCURRENT, MAX_KMOD_ALL_BUSY_TIMEOUT);
			return -ETIME;
		} else if (ret == -ERESTARTSYS) {
			pr_warn_ratelimited("request_module: sigkill sent for modprobe %s, giving up", module_name);
			return ret;
		}
	}

	trace_module_request(module_name, wait, _RET_IP_);

	ret = call_modprobe(module_name, wait ? UMH_WAIT_PROC : UMH_WAIT_EXEC);

	atomic_inc(&kmod_concurrent_max);
	wake_up(&kmod_wq);

	return ret;
}
