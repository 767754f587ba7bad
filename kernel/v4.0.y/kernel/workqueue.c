// probecheck kernel excerpt: kernel/workqueue.c at v4.0.y. SPDX-License-Identifier: GPL-2.0
// origin: YueweiJin/runninglinuxkernel_4.0 kernel/workqueue.c @ 7a942c21eeb3d896c124ee090ee701cfe2880e01; Makefile: not stored for the repository (a book's study tree named 4.0, as this snapshot's async.c)
// note: NOT vanilla: the study tree of this snapshot's async.c, whose owner added `/* JYW: ... */` comments (Chinese) throughout; three inside worker_thread (one in place of the blank line before worker_leave_idle), kept verbatim. The commit find_files lists for the path; read 2026-12-06 (s38 h6) with read_file (141845 chars; pages at offsets 60000, 118000 and 134000), worker_thread, work_for_cpu_fn and work_on_cpu cut by hand (no line numbers). v3.19 .. v4.4 by content: spin_lock_irq on pool->lock, PF_WQ_WORKER set directly (no set_pf_worker), worker_detach_from_pool(worker, pool), no pool->watchdog_ts (v4.5), TASK_INTERRUPTIBLE sleep; the loop runs each work item through process_one_work(worker, work) as every text up to v6.8 does. Read by v3.14 (nearest above) and v4.2 and v4.14 (nearest below).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v4.0.y: -

//@ worker_thread ?
static int worker_thread(void *__worker)
{
	struct worker *worker = __worker;
	struct worker_pool *pool = worker->pool;

	/* tell the scheduler that this is a workqueue worker */
    /* JYW: 告诉调度器这是一个worker类型的进程 */
	worker->task->flags |= PF_WQ_WORKER;
woke_up:
	spin_lock_irq(&pool->lock);

	/* am I supposed to die? */
	if (unlikely(worker->flags & WORKER_DIE)) {
		spin_unlock_irq(&pool->lock);
		WARN_ON_ONCE(!list_empty(&worker->entry));
		worker->task->flags &= ~PF_WQ_WORKER;

		set_task_comm(worker->task, "kworker/dying");
		ida_simple_remove(&pool->worker_ida, worker->id);
		worker_detach_from_pool(worker, pool);
		kfree(worker);
		return 0;
	}
    /* JYW: 执行时退出idle状态 */
	worker_leave_idle(worker);
recheck:
	/* no more worker necessary? */
    /* JYW: 是否有活要干，若没有则休眠 */
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
	__set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irq(&pool->lock);
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
