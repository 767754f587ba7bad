// probecheck kernel excerpt: kernel/workqueue.c at v6.6.y. SPDX-License-Identifier: GPL-2.0
// origin: alvinsun039/linux-torvalds kernel/workqueue.c @ 004c09128478755e3fd410858344bd6e4e2ffea5; Makefile: VERSION = 6, PATCHLEVEL = 6, SUBLEVEL = 13 (Makefile read at commit 02f16b285d78cb757d2405cf52fa75e1a5385ec1, another commit of the tree)
// note: The 6.6.y Kylin vendor tree of v6.6.y's core.c (kernel/README.md), read 2026-12-06 (s38 h13) with read_file (214182 chars; pages at offsets 84000 and 176000; find_files lists the path at 545afb2c99b8, read_file served 004c09128478), worker_thread, work_for_cpu_fn and work_on_cpu_key cut by hand (no line numbers). Which worker_thread v6.6's own workqueue.c has, asked by s38 h6: this tree's is the assign_work shape of gregkh@53c2f13c1ee5 (`if (assign_work(work, worker, NULL)) process_scheduled_works(worker);`, process_scheduled_works calling process_one_work, read on the same page), and work_on_cpu is work_on_cpu_key. The tree carries later 6.6.y backports (its core.c has 18daa52418e7's dev_driver_uevent, v6.15) and this workqueue.c has v6.8/v6.9-era functions next to it (wq_update_node_max_active, wq_adjust_max_active, workqueue_unbound_exclude_cpumask, wq_isolated_cpumask), so it does not say what v6.6.0 had: read by no profile (v6.6 reads 5.10.13's, below, whose worker_thread calls process_one_work itself; the deferred worker's step names both).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v6.6.y: -

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

		set_task_comm(worker->task, "kworker/dying");
		ida_free(&pool->worker_ida, worker->id);
		worker_detach_from_pool(worker);
		WARN_ON_ONCE(!list_empty(&worker->entry));
		kfree(worker);
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
