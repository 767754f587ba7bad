// probecheck kernel excerpt: kernel/async.c at SoMainline@14a886ec2717. SPDX-License-Identifier: GPL-2.0
// origin: SoMainline/linux kernel/async.c @ 14a886ec2717b37e23a1d0c38c2a0573f653a906; Makefile: not read (the one Makefile the index stores for the repository is at another commit, 061f12ba7ade)
// note: SoMainline's tree (mainline with device support for Sony phones, by its project; this file shows no change of theirs: the SPDX line, Intel's copyright and the functions are mainline's). The commit find_files lists for the path; read 2026-12-06 (s37 h4) with read_file (10623 chars, one page, the whole file), the functions cut by hand (no line numbers). Release not identified: v6.8-rc1 or later by content (async_schedule_dev_nocall and __async_schedule_node_domain, no PF_USED_ASYNC), queueing on system_wq through queue_work_node; a later async.c with a dedicated async_wq was seen in copies without a named repository (s36 h3), not read here. async_run_entry_fn takes the entry off the pending lists under async_lock and then wakes async_done, character for character as at f551103cb964 but for the printing (unconditional pr_debug with microseconds_since). Read by v6.12 and mainline as the nearest read (which side not settled for mainline).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at SoMainline@14a886ec2717: __async_schedule

//@ async_run_entry_fn ?
static void async_run_entry_fn(struct work_struct *work)
{
	struct async_entry *entry =
		container_of(work, struct async_entry, work);
	unsigned long flags;
	ktime_t calltime;

	/* 1) run (and print duration) */
	pr_debug("calling  %lli_%pS @ %i\n", (long long)entry->cookie,
		 entry->func, task_pid_nr(current));
	calltime = ktime_get();

	entry->func(entry->data, entry->cookie);

	pr_debug("initcall %lli_%pS returned after %lld usecs\n",
		 (long long)entry->cookie, entry->func,
		 microseconds_since(calltime));

	/* 2) remove self from the pending queues */
	spin_lock_irqsave(&async_lock, flags);
	list_del_init(&entry->domain_list);
	list_del_init(&entry->global_list);

	/* 3) free the entry */
	kfree(entry);
	atomic_dec(&entry_count);

	spin_unlock_irqrestore(&async_lock, flags);

	/* 4) wake up any waiters */
	wake_up(&async_done);
}

//@ async_schedule_node_domain ?
async_cookie_t async_schedule_node_domain(async_func_t func, void *data,
					  int node, struct async_domain *domain)
{
	struct async_entry *entry;
	unsigned long flags;
	async_cookie_t newcookie;

	/* allow irq-off callers */
	entry = kzalloc(sizeof(struct async_entry), GFP_ATOMIC);

	/*
	 * If we're out of memory or if there's too much work
	 * pending already, we execute synchronously.
	 */
	if (!entry || atomic_read(&entry_count) > MAX_WORK) {
		kfree(entry);
		spin_lock_irqsave(&async_lock, flags);
		newcookie = next_cookie++;
		spin_unlock_irqrestore(&async_lock, flags);

		/* low on memory.. run synchronously */
		func(data, newcookie);
		return newcookie;
	}

	return __async_schedule_node_domain(func, data, node, domain, entry);
}

//@ async_schedule_node ?
async_cookie_t async_schedule_node(async_func_t func, void *data, int node)
{
	return async_schedule_node_domain(func, data, node, &async_dfl_domain);
}

//@ async_synchronize_full ?
void async_synchronize_full(void)
{
	async_synchronize_full_domain(NULL);
}

//@ async_synchronize_full_domain ?
void async_synchronize_full_domain(struct async_domain *domain)
{
	async_synchronize_cookie_domain(ASYNC_COOKIE_MAX, domain);
}

//@ async_synchronize_cookie_domain ?
void async_synchronize_cookie_domain(async_cookie_t cookie, struct async_domain *domain)
{
	ktime_t starttime;

	pr_debug("async_waiting @ %i\n", task_pid_nr(current));
	starttime = ktime_get();

	wait_event(async_done, lowest_in_progress(domain) >= cookie);

	pr_debug("async_continuing @ %i after %lli usec\n", task_pid_nr(current),
		 microseconds_since(starttime));
}
