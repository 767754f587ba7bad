// probecheck kernel excerpt: kernel/workqueue.c at gregkh@53c2f13c1ee5. SPDX-License-Identifier: GPL-2.0
// origin: gregkh/linux kernel/workqueue.c @ 53c2f13c1ee59c8889bf23ef58653677e3ec1644; Makefile: not read
// note: Greg Kroah-Hartman's GitHub tree (vanilla mainline and stable branches; no change of its own seen in this file); the one commit find_files lists for the path (torvalds/linux's index serves workqueue.c only at 009bb421b6ce and 1b83d5756a89, both v4.20 .. v5.1 by content: set_pf_worker, wq_pool_attach_mutex). Read 2026-12-06 (s38 h6) with read_file (230799 chars; pages at offsets 97000, 104000 and 184000), worker_thread, work_for_cpu_fn and work_on_cpu_key cut by hand (no line numbers). Release not identified: v6.13 or later by content (bh_worker and workqueue_softirq_dead of v6.9, wq_online_cpumask, unbound_wq_update_pwq, format_worker_id) and before the rescuer rework that 7.x texts quoted elsewhere show (its rescuer_thread still walks pool->worklist with assign_work). worker_thread no longer calls process_one_work itself: `if (assign_work(work, worker, NULL)) process_scheduled_works(worker);`, and process_scheduled_works (read, not excerpted: not a modelled function) runs process_one_work on each scheduled item. work_on_cpu is a macro over work_on_cpu_key (INIT_WORK_ONSTACK_KEY, then schedule_work_on and flush_work as before). Read by v6.12 (nearest above) and mainline (nearest below).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at gregkh@53c2f13c1ee5: -

//@ worker_thread ?
static int worker_thread(void *__worker)
{
	struct worker *worker = __worker;
	struct worker_pool *pool = worker->pool;

	/* tell the scheduler that this is a workqueue worker */
	set_pf_worker(true);
woke_up:
	raw_spin_lock_irq(&pool->lock);

	/* am I supposed to die? */
	if (unlikely(worker->flags & WORKER_DIE)) {
		raw_spin_unlock_irq(&pool->lock);
		set_pf_worker(false);
		/*
		 * The worker is dead and PF_WQ_WORKER is cleared, worker->pool
		 * shouldn't be accessed, reset it to NULL in case otherwise.
		 */
		worker->pool = NULL;
		ida_free(&pool->worker_ida, worker->id);
		return 0;
	}

	worker_leave_idle(worker);
recheck:
	/* no more worker necessary? */
	if (!need_more_worker(pool))
		goto sleep;

	/* do we need to manage? */
	if (unlikely(!may_start_working(pool)) && manage_workers(worker))
		goto recheck;

	/*
	 * ->scheduled list can only be filled while a worker is
	 * preparing to process a work or actually processing it.
	 * Make sure nobody diddled with it while I was sleeping.
	 */
	WARN_ON_ONCE(!list_empty(&worker->scheduled));

	/*
	 * Finish PREP stage.  We're guaranteed to have at least one idle
	 * worker or that someone else has already assumed the manager
	 * role.  This is where @worker starts participating in concurrency
	 * management if applicable and concurrency management is restored
	 * after being rebound.  See rebind_workers() for details.
	 */
	worker_clr_flags(worker, WORKER_PREP | WORKER_REBOUND);

	do {
		struct work_struct *work =
			list_first_entry(&pool->worklist,
					 struct work_struct, entry);

		if (assign_work(work, worker, NULL))
			process_scheduled_works(worker);
	} while (keep_working(pool));

	worker_set_flags(worker, WORKER_PREP);
sleep:
	/*
	 * pool->lock is held and there's no work to process and no need to
	 * manage, sleep.  Workers are woken up only while holding
	 * pool->lock or from local cpu, so setting the current state
	 * before releasing pool->lock is enough to prevent losing any
	 * event.
	 */
	worker_enter_idle(worker);
	__set_current_state(TASK_IDLE);
	raw_spin_unlock_irq(&pool->lock);
	schedule();
	goto woke_up;
}

//@ work_for_cpu_fn ?
static void work_for_cpu_fn(struct work_struct *work)
{
	struct work_for_cpu *wfc = container_of(work, struct work_for_cpu, work);

	wfc->ret = wfc->fn(wfc->arg);
}

//@ work_on_cpu_key ?
long work_on_cpu_key(int cpu, long (*fn)(void *),
		     void *arg, struct lock_class_key *key)
{
	struct work_for_cpu wfc = { .fn = fn, .arg = arg };

	INIT_WORK_ONSTACK_KEY(&wfc.work, work_for_cpu_fn, key);
	schedule_work_on(cpu, &wfc.work);
	flush_work(&wfc.work);
	destroy_work_on_stack(&wfc.work);
	return wfc.ret;
}
