// probecheck kernel excerpt: kernel/workqueue.c at torvalds@5d9c7a1e3e8e. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux kernel/workqueue.c @ 5d9c7a1e3e8e18db8e10c546de648cda2a57be52; Makefile: not read
// note: "workqueue: fix -Wformat-truncation in create_worker", the tip of Tejun Heo's wq-for-6.6-rc5-fixes (the pull mail <ZSh-Mjmquc6wAw9B@slm.duckdns.org> names it in full; merged into torvalds master as e5e1170364cd on 2023-10-13, before v6.6 on 2023-10-29); the last workqueue pull of the v6.6 cycle the pull mails in the index show (wq-for-6.6, up to fe48ba7daefe, was the merge-window one), so v6.6 by the mails unless another tree changed the file in the last two weeks (not looked for). Read 2026-12-07 (s42 h6) with read_file at that commit (193313 chars; pages at offsets 81500 and 154000), worker_thread, work_for_cpu_fn and work_on_cpu cut from the JSON pages by a script (no line numbers). worker_thread already hands an item to assign_work and runs it in process_scheduled_works (the 6.6 affinity-scope rework), as the later gregkh@53c2f13c1ee5 text does; work_on_cpu is still a function (INIT_WORK_ONSTACK, schedule_work_on, flush_work), not yet work_on_cpu_key. Read by v6.6.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@5d9c7a1e3e8e: -

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
