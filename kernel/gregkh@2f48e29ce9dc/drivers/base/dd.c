// probecheck kernel excerpt: drivers/base/dd.c at gregkh@2f48e29ce9dc. SPDX-License-Identifier: GPL-2.0
// origin: gregkh/linux drivers/base/dd.c @ 2f48e29ce9dcada6a6e6ead21ee286940d8b8a6d; Makefile: not read (a 6.6.y stable commit; no Makefile read at it)
// note: "driver core: Guard deferred probe timeout extension with delayed_work_pending()", the 6.6.y backport of 557495bc8790 (after d329ff4039ab, f9e6da99fe49's backport: secs_to_jiffies), as s48 h8 identified it; read_file at the full hash, the page at offset 7000 of 38727 chars (2026-12-07, s48 h10). Stands for 557495bc8790's own hunk, whose text is not stored (assumed the same, not read). Read by patch extend-pending-guard; by no profile
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at gregkh@2f48e29ce9dc: -

//@ deferred_probe_extend_timeout ?
void deferred_probe_extend_timeout(void)
{
	/*
	 * If the work hasn't been queued yet or if the work expired, don't
	 * start a new one.
	 */
	if (delayed_work_pending(&deferred_probe_timeout_work) &&
	    mod_delayed_work(system_wq, &deferred_probe_timeout_work,
			     secs_to_jiffies(driver_deferred_probe_timeout)))
		pr_debug("Extended deferred probe timeout by %d secs\n",
					driver_deferred_probe_timeout);
}
