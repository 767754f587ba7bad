// probecheck kernel excerpt: kernel/workqueue.c at torvalds@104484baf748. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux kernel/workqueue.c @ 104484baf7484266fa0cb8b26362b105cf2d6a10; Makefile: not read (a merge on torvalds master, not a tag)
// note: "Merge tag 'wq-for-7.3-rc4-fixes'" on torvalds master: in v7.3-rc5, by the tip tree's post-receive mail of 2026-09-28 (tip/urgent rebased onto master, whose revlist lists this merge before 72d3fcf802c4 "Linux 7.3-rc5"; the v7.3-rc5 tag pushed in the same mail). The newest workqueue.c read_file serves at a full hash among the workqueue merges tried (stored at 7de6b4a24633 wq-for-7.1, 39e34e88ec0d wq-for-7.3, abdf623ddb75 wq-for-7.3-rc1-fixes and this one; not at 74fe02ce122a wq-for-7.1-rc2-fixes, 602042bf29f6 wq-for-7.3-rc6-fixes or 4793dae01f47). Read 2026-12-07 (s51 h3) with read_file (251405 chars; pages at offsets 104000 and 199000); worker_thread, work_for_cpu_fn and work_on_cpu_key cut by hand (kernel-doc left out, no line numbers): each byte for byte as at gregkh@53c2f13c1ee5 (v6.13 or later), which mainline read until then. Around them the 7.x rescuer rework (assign_rescuer_work with pwq->mayday_cursor, RESCUER_BATCH) and process_scheduled_works setting pool->last_progress_ts: not modelled. Read by mainline.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@104484baf748: -

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
