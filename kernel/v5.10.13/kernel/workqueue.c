// probecheck kernel excerpt: kernel/workqueue.c at v5.10.13. SPDX-License-Identifier: GPL-2.0
// origin: Rtoax/linux-5.10.13 kernel/workqueue.c @ 11ae0ade62bdb22189ad8360930c634d29afd23f; Makefile: not of this file's version: the repository's only stored Makefile reads 6.1-rc3, a later rebase; the repository is named for 5.10.13
// note: The study tree of this snapshot's dd.c (read_file served commit 11ae0ade62bd; find_files listed f1c3810e292e). Its annotations seen in this file are empty comments `/*  */` outside these functions (after `#ifdef CONFIG_FREEZER`, `.name = "workqueue",` and `core_initcall(wq_sysfs_init);`); none inside the three excerpted. Read 2026-12-06 (s36 h3) with read_file (170048 chars; pages at offsets 68000 and 143500), worker_thread, work_for_cpu_fn and work_on_cpu cut by hand, so no line numbers; start_flush_work, __flush_work and flush_work not read. worker_thread takes the pool lock with raw_spin_lock_irq (009bb421b6ce, v5.1: spin_lock_irq) and calls process_one_work(worker, work) in its loop; work_on_cpu queues with schedule_work_on and waits in flush_work. Read by v5.10 and, as the nearest below read, v5.15, v5.19 and v6.1.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v5.10.13: -

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
		WARN_ON_ONCE(!list_empty(&worker->entry));
		set_pf_worker(false);

		set_task_comm(worker->task, "kworker/dying");
		ida_simple_remove(&pool->worker_ida, worker->id);
		worker_detach_from_pool(worker);
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

		pool->watchdog_ts = jiffies;

		if (likely(!(*work_data_bits(work) & WORK_STRUCT_LINKED))) {
			/* optimization path, not strictly necessary */
			process_one_work(worker, work);
			if (unlikely(!list_empty(&worker->scheduled)))
				process_scheduled_works(worker);
		} else {
			move_linked_works(work, &worker->scheduled, NULL);
			process_scheduled_works(worker);
		}
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

//@ work_on_cpu ?
long work_on_cpu(int cpu, long (*fn)(void *), void *arg)
{
	struct work_for_cpu wfc = { .fn = fn, .arg = arg };

	INIT_WORK_ONSTACK(&wfc.work, work_for_cpu_fn);
	schedule_work_on(cpu, &wfc.work);
	flush_work(&wfc.work);
	destroy_work_on_stack(&wfc.work);
	return wfc.ret;
}
