// probecheck kernel excerpt: drivers/base/dd.c at posting@1137838865bf. SPDX-License-Identifier: GPL-2.0
// origin: (no tree: composed) drivers/base/dd.c @ 1137838865bfc9a7cd5869c1dc5c22aa45ec12c8 (not stored at that commit); Makefile: not read (no tree)
// note: NOT read in a tree: 1137838865bf ("driver core: Use mod_delayed_work to prevent lost deferred probe work", driver-core-next 2026-05) as the pre-image of Biju Das's revert posting (<20260526120306.184283-1-biju.das.jz@bp.renesas.com>, 2026-05-26; index 172a02a438a2..5799a60fd058; read with find_string, id 58112972829, 2026-12-07, s48 h10): lines 323-332 are the hunk's context and '-' lines (@@ -323,10 +323,12 @@ void deferred_probe_extend_timeout(void)); lines 320-322 (the definition, '{', '/*'), outside the hunk, are dd.c at dakr@1ac45118ddf8's, where the same comment starts at 323 too. Read by patch mod-delayed-extend; by no profile
// lines 320-332 (a span of the file); line numbers are that file's
// not in this file at posting@1137838865bf: -

//@ deferred_probe_extend_timeout 320
void deferred_probe_extend_timeout(void)
{
	/*
	 * If the work hasn't been queued yet or if the work expired, don't
	 * start a new one.
	 */
	if (mod_delayed_work(system_wq, &deferred_probe_timeout_work,
						 driver_deferred_probe_timeout))
		pr_debug("Extended deferred probe timeout by %d secs\n",
					driver_deferred_probe_timeout);
}
