// probecheck kernel excerpt: kernel/module/kmod.c at torvalds@25a1b5b518f4. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux kernel/module/kmod.c @ 25a1b5b518f4336bff934ac8348da6c57158363a; Makefile: not read (a commit of mcgrof's modules-next in the v6.4 merge window, "modules/kmod: replace implementation with a semaphore", by kernel.org's push mail of modules-next and linux-next merge logs; not the text of any release)
// note: What torvalds/linux's index serves for kernel/module/kmod.c without a commit. "modules/kmod: replace implementation with a semaphore" (Luis Chamberlain's modules-next, v6.4 merge window: the push mail lists it after 48380368dec1 "Change DEFINE_SEMAPHORE() to take a number argument", whose two-argument DEFINE_SEMAPHORE it uses). Older than the duplicate-request code of the same merge window (kmod_dup_request_exists_wait, dup_ret), which torvalds@ac4890f97211 has: so no release has this __request_module verbatim, but every line the model reads (the comment and WARN_ON_ONCE(wait && current_is_async()) before any return, request_module() waiting with UMH_WAIT_PROC) is the same in v6.4 and later as read at ac4890f97211. Read whole with read_file, 2026-12-06 (4551 chars, length checked). Read by no profile.
// whole file read (4551 chars); line numbers are that file's
// not in this file at torvalds@25a1b5b518f4: -

//@ __request_module 123
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
		return -ENOENT;

	va_start(args, fmt);
	ret = vsnprintf(module_name, MODULE_NAME_LEN, fmt, args);
	va_end(args);
	if (ret >= MODULE_NAME_LEN)
		return -ENAMETOOLONG;

	ret = security_kernel_module_request(module_name);
	if (ret)
		return ret;

	ret = down_timeout(&kmod_concurrent_max, MAX_KMOD_ALL_BUSY_TIMEOUT * HZ);
	if (ret) {
		pr_warn_ratelimited("request_module: modprobe %s cannot be processed, kmod busy with %d threads for more than %d seconds now",
				    module_name, MAX_KMOD_CONCURRENT, MAX_KMOD_ALL_BUSY_TIMEOUT);
		return ret;
	}

	trace_module_request(module_name, wait, _RET_IP_);

	ret = call_modprobe(module_name, wait ? UMH_WAIT_PROC : UMH_WAIT_EXEC);

	up(&kmod_concurrent_max);

	return ret;
}
