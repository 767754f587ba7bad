// probecheck kernel excerpt: kernel/async.c at torvalds@f551103cb964. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux kernel/async.c @ f551103cb964e9e6f5c03b3b8723424723731e76; Makefile: not read
// note: The commit find_files lists for this path (release not identified; its subject not read). Read whole 2026-12-06 (s36 h3) with read_file at the full hash (9407 chars, one page), the functions cut by hand, so no line numbers. v5.17 .. v6.7 by content: no PF_USED_ASYNC (67d6212afda2, v5.17, removed it from async_schedule_node_domain), no async_unregister_domain, microseconds_since (2021-03), and async_schedule_node_domain still queues on system_unbound_wq itself, before the v6.8 split into __async_schedule_node_domain and async_schedule_dev_nocall. Its async_run_entry_fn is character for character that of 07416af11dd8 (v5.13 .. v5.16 by content). Read by v5.19, v6.1 and v6.6, whose releases lie in its range: the text of each is this one or 07416af11dd8's, which agree in async_run_entry_fn, the one function a step anchors (an assumption that the function did not change and change back between them).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@f551103cb964: __async_schedule

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
	INIT_LIST_HEAD(&entry->domain_list);
	INIT_LIST_HEAD(&entry->global_list);
	INIT_WORK(&entry->work, async_run_entry_fn);
	entry->func = func;
	entry->data = data;
	entry->domain = domain;

	spin_lock_irqsave(&async_lock, flags);

	/* allocate cookie and queue */
	newcookie = entry->cookie = next_cookie++;

	list_add_tail(&entry->domain_list, &domain->pending);
	if (domain->registered)
		list_add_tail(&entry->global_list, &async_global_pending);

	atomic_inc(&entry_count);
	spin_unlock_irqrestore(&async_lock, flags);

	/* schedule for execution */
	queue_work_node(node, system_unbound_wq, &entry->work);

	return newcookie;
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
