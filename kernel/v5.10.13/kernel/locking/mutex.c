// probecheck kernel excerpt: kernel/locking/mutex.c at v5.10.13. SPDX-License-Identifier: GPL-2.0
// origin: Rtoax/linux-5.10.13 kernel/locking/mutex.c @ 411c0a3d0374eb11f0f8eb3602293a75c0980f2b; Makefile: not of this file's version: the repository's only stored Makefile (commit 14d383754391) reads VERSION = 6, PATCHLEVEL = 1, SUBLEVEL = 0, EXTRAVERSION = -rc3, a later rebase; the repository is named for 5.10.13
// note: NOT A VANILLA TEXT. The tree the v5.10 profile reads (same commit as its dd.c; mutex.c's only stored version), a study copy: Chinese comments added inside the functions (so line numbers are not vanilla 5.10.13's), one added code line in __mutex_unlock_slowpath (`struct wake_q_head wake_q = { WAKE_Q_TAIL, &wake_q.first };//+++`, a second wake_q after DEFINE_WAKE_Q(wake_q)), and the !CONFIG_MUTEX_SPIN_ON_OWNER stub of mutex_optimistic_spin commented out. The handoff logic is the vanilla v4.11..v5.14 shape (as in torvalds e274795ea7b7 and bd0ab5efe8ec, read, not imported): the woken first waiter sets MUTEX_FLAG_HANDOFF only inside `if ((use_ww_ctx && ww_ctx) || !first)`, i.e. once, and __mutex_trylock_or_owner clears HANDOFF on every acquisition (`flags &= ~MUTEX_FLAG_HANDOFF;`), so a stealer of an unlocked mutex drops the request (fixed by 048661a1f963 and ad90880dc962, v5.15). Read whole, 3 pages, length checked (git blob 8c8308dcb497, no patch mail to check it against).
// whole file read (40718 chars); line numbers are that file's
// not in this file at v5.10.13: __mutex_trylock_common, __mutex_trylock_or_handoff, __mutex_unlock_common_slowpath

//@ __mutex_trylock 175
static inline bool __mutex_trylock(struct mutex *lock)
{
	return !__mutex_trylock_or_owner(lock);
}

//@ __mutex_trylock_or_owner 121
static inline struct task_struct *__mutex_trylock_or_owner(struct mutex *lock)
{
	unsigned long owner, curr = (unsigned long)current;

    /**
     *  锁持有者
     */
	owner = atomic_long_read(&lock->owner);
    
	for (;;) { /* must loop, can race against a flag */
		unsigned long old, flags = __owner_flags(owner);
		unsigned long task = owner & ~MUTEX_FLAGS;

		if (task) {
			if (likely(task != curr))
				break;

			if (likely(!(flags & MUTEX_FLAG_PICKUP)))
				break;

			flags &= ~MUTEX_FLAG_PICKUP;
            
		} else {
#ifdef CONFIG_DEBUG_MUTEXES
			DEBUG_LOCKS_WARN_ON(flags & MUTEX_FLAG_PICKUP);
#endif
		}

		/*
		 * We set the HANDOFF bit, we must make sure it doesn't live
		 * past the point where we acquire it. This would be possible
		 * if we (accidentally) set the bit on an unlocked mutex.
		 */
		flags &= ~MUTEX_FLAG_HANDOFF;

        /**
         *  成功获取锁
         */
		old = atomic_long_cmpxchg_acquire(&lock->owner, owner, curr | flags);
		if (old == owner)
			return NULL;

		owner = old;
	}

    /**
     *  持有者
     */
	return __owner_task(owner);
}

//@ __mutex_waiter_is_first 229
static inline bool __mutex_waiter_is_first(struct mutex *lock, struct mutex_waiter *waiter)
{
	return list_first_entry(&lock->wait_list, struct mutex_waiter, list) == waiter;
}

//@ __mutex_add_waiter 238
static void __sched
__mutex_add_waiter(struct mutex *lock, struct mutex_waiter *waiter,
		   struct list_head *list)
{
	debug_mutex_add_waiter(lock, waiter, current);

    /**
     *  添加到 mutex 的等待队列
     */
	list_add_tail(&waiter->list, list);

    /**
     *  在等待链表里是第一个
     */
	if (__mutex_waiter_is_first(lock, waiter))
        /**
         *  设置标志位
         */
		__mutex_set_flag(lock, MUTEX_FLAG_WAITERS);
}

//@ __mutex_handoff 265
static void __mutex_handoff(struct mutex *lock, struct task_struct *task)
{
	unsigned long owner = atomic_long_read(&lock->owner);

	for (;;) {
		unsigned long old, new;

#ifdef CONFIG_DEBUG_MUTEXES
		DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current);
		DEBUG_LOCKS_WARN_ON(owner & MUTEX_FLAG_PICKUP);
#endif

		new = (owner & MUTEX_FLAG_WAITERS);
		new |= (unsigned long)task;
		if (task)
			new |= MUTEX_FLAG_PICKUP;

		old = atomic_long_cmpxchg_release(&lock->owner, owner, new);
		if (old == owner)
			break;

		owner = old;
	}
}

//@ mutex_optimistic_spin 702
static __always_inline bool
mutex_optimistic_spin(struct mutex *lock, struct ww_acquire_ctx *ww_ctx,
		      const bool use_ww_ctx, struct mutex_waiter *waiter)
{
    /**
     *  
     */
	if (!waiter) {
		/*
		 * The purpose of the mutex_can_spin_on_owner() function is
		 * to eliminate the overhead of osq_lock() and osq_unlock()
		 * in case spinning isn't possible. As a waiter-spinner
		 * is not going to take OSQ lock anyway, there is no need
		 * to call mutex_can_spin_on_owner().
		 *
		 * 是否需要乐观自旋等待
		 * 根据 mutex 的拥有者，是否在 on_cpu CPU 上执行，如果是，则当前进程可以乐观自选
		 */
		if (!mutex_can_spin_on_owner(lock))
			goto fail;

		/*
		 * In order to avoid a stampede of mutex spinners trying to
		 * acquire the mutex all at once, the spinners need to take a
		 * MCS (queued) lock first before spinning on the owner field.
		 *
		 * 申请一个 MCS 锁
		 */
		if (!osq_lock(&lock->osq))
			goto fail;
	}

    /**
     *  
     */
	for (;;) {
		struct task_struct *owner;

		/* Try to acquire the mutex... */
        /**
         *  尝试获取锁
         */
		owner = __mutex_trylock_or_owner(lock);
		if (!owner)
			break;

		/*
		 * There's an owner, wait for it to either
		 * release the lock or go to sleep.
		 *
		 * 一直判断锁持有者是否释放锁
		 */
		if (!mutex_spin_on_owner(lock, owner, ww_ctx, waiter))
			goto fail_unlock;

		/*
		 * The cpu_relax() call is a compiler barrier which forces
		 * everything in this loop to be re-loaded. We don't need
		 * memory barriers as we'll eventually observe the right
		 * values at the cost of a few extra spins.
		 */
		cpu_relax();
	}

	if (!waiter)
		osq_unlock(&lock->osq);

	return true;


fail_unlock:
	if (!waiter)
		osq_unlock(&lock->osq);

fail:
	/*
	 * If we fell out of the spin path because of need_resched(),
	 * reschedule now, before we try-lock the mutex. This avoids getting
	 * scheduled out right after we obtained the mutex.
	 */
	if (need_resched()) {
		/*
		 * We _should_ have TASK_RUNNING here, but just in case
		 * we do not, make it so, otherwise we might get stuck.
		 */
		__set_current_state(TASK_RUNNING);
		schedule_preempt_disabled();
	}

	return false;
}

//@ __mutex_lock_common 1014
static __always_inline int __sched
__mutex_lock_common(struct mutex *lock, long state, unsigned int subclass,
		    struct lockdep_map *nest_lock, unsigned long ip,
		    struct ww_acquire_ctx *ww_ctx, const bool use_ww_ctx)
{
    /**
     *  描述等待 mutex 失败的 进程
     */
	struct mutex_waiter waiter;
	bool first = false;
	struct ww_mutex *ww;
	int ret;

	might_sleep();

#ifdef CONFIG_DEBUG_MUTEXES
	DEBUG_LOCKS_WARN_ON(lock->magic != lock);
#endif

	ww = container_of(lock, struct ww_mutex, base);
	if (use_ww_ctx && ww_ctx) {
		if (unlikely(ww_ctx == READ_ONCE(ww->ctx)))
			return -EALREADY;

		/*
		 * Reset the wounded flag after a kill. No other process can
		 * race and wound us here since they can't have a valid owner
		 * pointer if we don't have any locks held.
		 */
		if (ww_ctx->acquired == 0)
			ww_ctx->wounded = 0;
	}

    /**
     *  关闭抢占
     */
	preempt_disable();
	mutex_acquire_nest(&lock->dep_map, subclass, 0, nest_lock, ip);

    /**
     *  __mutex_trylock         - 尝试获取 mutex
     *  mutex_optimistic_spin   - 乐观自旋等待机制
     */
	if (__mutex_trylock(lock) || mutex_optimistic_spin(lock, ww_ctx, use_ww_ctx, NULL)) {
        /**
         *  获取到了锁
         */
		/* got the lock, yay! */
		lock_acquired(&lock->dep_map, ip);
		if (use_ww_ctx && ww_ctx)
			ww_mutex_set_context_fastpath(ww, ww_ctx);
		preempt_enable();
		return 0;
	}
    /**
     *  申请 等待链表的 自旋锁
     */
	spin_lock(&lock->wait_lock);
	/*
	 * After waiting to acquire the wait_lock, try again.
	 *
	 * 第二次尝试
	 */
	if (__mutex_trylock(lock)) {
		if (use_ww_ctx && ww_ctx)
			__ww_mutex_check_waiters(lock, ww_ctx);

		goto skip_wait;
	}

	debug_mutex_lock_common(lock, &waiter);

	lock_contended(&lock->dep_map, ip);

	if (!use_ww_ctx) {
        /**
         *  将当前进程添加到 mutex 的等待队列中
         */
		/* add waiting tasks to the end of the waitqueue (FIFO): */
		__mutex_add_waiter(lock, &waiter, &lock->wait_list);


#ifdef CONFIG_DEBUG_MUTEXES
		waiter.ww_ctx = MUTEX_POISON_WW_CTX;
#endif
	} else {
		/*
		 * Add in stamp order, waking up waiters that must kill
		 * themselves.
		 */
		ret = __ww_mutex_add_waiter(&waiter, lock, ww_ctx);
		if (ret)
			goto err_early_kill;

		waiter.ww_ctx = ww_ctx;
	}

    /**
     *  当前进程 加入 等待队列
     */
	waiter.task = current;

    /**
     *  设置进程状态
     */
	set_current_state(state);

    /**
     *  循环
     */
	for (;;) {
		/*
		 * Once we hold wait_lock, we're serialized against
		 * mutex_unlock() handing the lock off to us, do a trylock
		 * before testing the error conditions to make sure we pick up
		 * the handoff.
		 *
		 * 不断的尝试获取锁
		 */
		if (__mutex_trylock(lock))
			goto acquired;

		/*
		 * Check for signals and kill conditions while holding
		 * wait_lock. This ensures the lock cancellation is ordered
		 * against mutex_unlock() and wake-ups do not go missing.
		 *
		 * 
		 */
		if (signal_pending_state(state, current)) {
			ret = -EINTR;
			goto err;
		}

		if (use_ww_ctx && ww_ctx) {
			ret = __ww_mutex_check_kill(lock, &waiter, ww_ctx);
			if (ret)
				goto err;
		}

		spin_unlock(&lock->wait_lock);

        /**
         *  进程被调度出去，上面自旋锁的操作和 信号量中相同
         */
		schedule_preempt_disabled();

		/*
		 * ww_mutex needs to always recheck its position since its waiter
		 * list is not FIFO ordered.
		 */
		if ((use_ww_ctx && ww_ctx) || !first) {
            /**
             *  判断进程是不是 等待队列中的第一位
             */
			first = __mutex_waiter_is_first(lock, &waiter);
			if (first)
				__mutex_set_flag(lock, MUTEX_FLAG_HANDOFF);
		}

		set_current_state(state);
		/*
		 * Here we order against unlock; we must either see it change
		 * state back to RUNNING and fall through the next schedule(),
		 * or we must see its unlock and acquire.
		 *
		 * 再次尝试获取
		 */
		if (__mutex_trylock(lock) ||
		    (first && mutex_optimistic_spin(lock, ww_ctx, use_ww_ctx, &waiter)))
		    /**
             *  获取到了，直接结束 for 循环
             */
			break;

		spin_lock(&lock->wait_lock);
	}
	spin_lock(&lock->wait_lock);
acquired:

    /**
     *  设置进程运行
     */
	__set_current_state(TASK_RUNNING);

	if (use_ww_ctx && ww_ctx) {
		/*
		 * Wound-Wait; we stole the lock (!first_waiter), check the
		 * waiters as anyone might want to wound us.
		 */
		if (!ww_ctx->is_wait_die &&
		    !__mutex_waiter_is_first(lock, &waiter))
			__ww_mutex_check_waiters(lock, ww_ctx);
	}

    /**
     *  从等待队列中删除
     */
	mutex_remove_waiter(lock, &waiter, current);
	if (likely(list_empty(&lock->wait_list)))
		__mutex_clear_flag(lock, MUTEX_FLAGS);

	debug_mutex_free_waiter(&waiter);

skip_wait:
	/* got the lock - cleanup and rejoice! */
	lock_acquired(&lock->dep_map, ip);

	if (use_ww_ctx && ww_ctx)
		ww_mutex_lock_acquired(ww, ww_ctx);

    /**
     *  释放锁
     */
	spin_unlock(&lock->wait_lock);

    /**
     *  打开抢占
     */
	preempt_enable();
	return 0;

err:
	__set_current_state(TASK_RUNNING);
	mutex_remove_waiter(lock, &waiter, current);
err_early_kill:
	spin_unlock(&lock->wait_lock);
	debug_mutex_free_waiter(&waiter);
	mutex_release(&lock->dep_map, ip);
	preempt_enable();
	return ret;
}

//@ __mutex_unlock_slowpath 1370
static noinline void __sched __mutex_unlock_slowpath(struct mutex *lock, unsigned long ip)
{
	struct task_struct *next = NULL;

    /**
     *  
     */
	DEFINE_WAKE_Q(wake_q);
    struct wake_q_head wake_q = { WAKE_Q_TAIL, &wake_q.first };//+++
    
	unsigned long owner;

	mutex_release(&lock->dep_map, ip);

	/*
	 * Release the lock before (potentially) taking the spinlock such that
	 * other contenders can get on with things ASAP.
	 *
	 * Except when HANDOFF, in that case we must not clear the owner field,
	 * but instead set it to the top waiter.
	 *
	 * 获取锁持有者
	 */
	owner = atomic_long_read(&lock->owner);

    /**
     *  
     */
	for (;;) {
		unsigned long old;

#ifdef CONFIG_DEBUG_MUTEXES
		DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current);
		DEBUG_LOCKS_WARN_ON(owner & MUTEX_FLAG_PICKUP);
#endif

		if (owner & MUTEX_FLAG_HANDOFF)
			break;

		old = atomic_long_cmpxchg_release(&lock->owner, owner, __owner_flags(owner));
		if (old == owner) {
			if (owner & MUTEX_FLAG_WAITERS)
				break;

			return;
		}

		owner = old;
	}

	spin_lock(&lock->wait_lock);
	debug_mutex_unlock(lock);

    /**
     *  等待队列不为空 - 有其他进程等待这个 mutex
     */
	if (!list_empty(&lock->wait_list)) {
        /**
         *  获取等待队列中的第一个进程
         */
		/* get the first entry from the wait-list: */
		struct mutex_waiter *waiter =
			list_first_entry(&lock->wait_list,
					 struct mutex_waiter, list);

        /**
         *  获取进程结构
         */
		next = waiter->task;

		debug_mutex_wake_waiter(lock, waiter);

        /**
         *  添加到
         */
		wake_q_add(&wake_q, next);
	}

    /**
     *  
     */
	if (owner & MUTEX_FLAG_HANDOFF)
		__mutex_handoff(lock, next);

	spin_unlock(&lock->wait_lock);

    /**
     *  唤醒 结构中的进程
     */
	wake_up_q(&wake_q);
}
