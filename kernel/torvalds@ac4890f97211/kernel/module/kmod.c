// probecheck kernel excerpt: kernel/module/kmod.c at torvalds@ac4890f97211. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux kernel/module/kmod.c @ ac4890f972116f84253934570b2c2a74e50227f3; Makefile: not read (livepatching's "Merge branch 'for-6.5/core' into for-next", merged into linux-next from the 6.4-rc1 to the 6.6-rc1 days by the linux-next merge logs: v6.4 or v6.5 by content, not identified)
// note: The commit find_files lists for kernel/module/kmod.c in torvalds/linux (6 versions stored). livepatching's for-next merge of 'for-6.5/core' (linux-next logs name it from the 6.4-rc1 days on), so the kmod.c of v6.4 or v6.5 unless that branch changed it (not checked): Luis Chamberlain's 2023 copyright line, the duplicate-request code (kmod_dup_request_exists_wait, kmod_dup_request_announce), no SPDX line yet. Its __request_module opens, as torvalds@e9331ee9b164's and torvalds@25a1b5b518f4's do, with the comment and WARN_ON_ONCE(wait && current_is_async()) before any return. Read whole with read_file, 2026-12-06 (4907 chars, length checked). Read by no profile (no v6.6 or later kmod.c whose release is known was found; the mainline text seen in a web index adds an SPDX line).
// whole file read (4907 chars); line numbers are that file's
// not in this file at torvalds@ac4890f97211: -

//@ __request_module 132
int __request_module(bool wait, const char *fmt, ...)
{
	va_list args;
	char module_name[MODULE_NAME_LEN];
	int ret, dup_ret;

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

	if (kmod_dup_request_exists_wait(module_name, wait, &dup_ret)) {
		ret = dup_ret;
		goto out;
	}

	ret = call_modprobe(module_name, wait ? UMH_WAIT_PROC : UMH_WAIT_EXEC);

out:
	up(&kmod_concurrent_max);

	return ret;
}
