/**
 * The end of boot's deferred probing (drivers/base/dd.c): deferred_probe_initcall, a
 * late_initcall, and the timeout work it may schedule (deferred_probe_timeout_work_func).
 *
 * Until the late initcall, driver_deferred_probe_enable is false and driver_deferred_probe_trigger
 * returns at once: a device that defers stays on the pending list. A scenario with the actor
 * action `deferred_probe_initcall` therefore starts with deferred probing disabled (the boot
 * before late initcalls); one without it starts with it enabled, as before.
 *
 * The function's shape is per profile (profiles.ts): enable + trigger (v3.6.0); + a flush of the
 * deferred work (LATE_INITCALL_FLUSH, v4.5's text); + initcalls_done, a second trigger and flush
 * (LATE_INITCALL_SECOND_PASS) and the timeout work, scheduled when driver_deferred_probe_timeout
 * > 0 (PROBE_TIMEOUT_WORK; its default is 10 with CONFIG_MODULES since PROBE_TIMEOUT_DEFAULT_10,
 * -1 or 0 before; a scenario's `deferredProbeTimeout` is the deferred_probe_timeout= boot
 * parameter). Time is not modelled: the timeout work, a kworker, may run any time after it is
 * scheduled. Not modelled: initcalls_done (read only by driver_deferred_probe_check_state and
 * initcall_debug), fw_devlink_drivers_done, fw_devlink_probing_done, debugfs, v3.x/v4.x's
 * workqueue allocation failing. deferred_probe_extend_timeout: only where it may queue the work
 * (queueTimeoutWork, from driver_register: 1137838865bf's mod_delayed_work); its delay is time, not modelled.
 */
import { ProbecheckError } from '../../engine/errors.js';
import { RETURN, type Kernel, type KStep, type Ret, type ThreadBuilder } from '../emit.js';
import type { StepCtx } from '../../engine/model.js';
import { isUserPatch } from '../define-patch.js';
import { PROFILE_NAMES, PROFILES, type Flag } from '../profiles.js';
import type { KS } from '../state.js';
import { DD, deferredTrigger, flushWork, mayDefer, namedMutexWaits } from './common.js';
import { defersMatch } from './match-defer.js';
import { TRIGGER_MERGES, triggerLines } from './really-probe.js';

export const LATE_INITCALL = 'deferred_probe_initcall';
export const TIMEOUT_WORKER = 'kworker deferred_probe_timeout_work_func';
export const TIMEOUT_PROGRAM = 'deferred_probe_timeout_work_func';

/** The flags that decide the function's shape. */
const SHAPE: readonly Flag[] = ['LATE_INITCALL_FLUSH', 'LATE_INITCALL_SECOND_PASS', 'PROBE_TIMEOUT_WORK', 'PROBE_TIMEOUT_DEFAULT_10'];

/** Why this profile cannot build the late initcall (a shape flag it does not settle), or null. */
export function lateInitcallRefusal(k: { profile: string; unsettled: Readonly<Partial<Record<Flag, string>>> }): string | null {
  const open = SHAPE.filter((f) => k.unsettled[f] !== undefined);
  if (open.length === 0) return null;
  return `action '${LATE_INITCALL}' cannot be built at profile ${k.profile}: the shape of deferred_probe_initcall there is not known (${open.map((f) => `${f}: ${k.unsettled[f]}`).join('; ')}); `
    + `use ${PROFILE_NAMES.filter((p) => !SHAPE.some((f) => PROFILES[p]!.unsettled?.[f] !== undefined)).join(', ')} (a scenario with this action starts with deferred probing disabled until it runs)`;
}

/**
 * driver_deferred_probe_timeout when the late initcall runs: the deferred_probe_timeout= boot
 * parameter (a scenario's `deferredProbeTimeout`), else the profile's default: 10 with
 * CONFIG_MODULES from PROBE_TIMEOUT_DEFAULT_10 (the model has modules), 0 or -1 before (neither
 * schedules the work).
 */
export const probeTimeout = (k: Pick<Kernel, 'has' | 'w'>) => k.w.deferredProbeTimeout ?? (k.has('PROBE_TIMEOUT_DEFAULT_10') ? 10 : 0);
/** Does the late initcall schedule the timeout work (so the kworker must exist)? */
export const schedulesTimeout = (k: Pick<Kernel, 'has' | 'w'>) => k.has('PROBE_TIMEOUT_WORK') && probeTimeout(k) > 0;
/**
 * Does wait_for_device_probe wait for the timeout (v5.7 .. v5.18, WAIT_PROBE_TIMEOUT:
 * `wait_event(probe_timeout_waitqueue, !driver_deferred_probe_timeout)`), it being nonzero?
 * Then KS.probeTimeout is kept: true until the timeout work sets it 0 and wakes the queue. At -1
 * (`deferred_probe_timeout=-1`: kstrtoint takes it) the work is never scheduled and the wait never
 * ends, as in the kernel (an audit, 2026-12-04: 654888327e9f:227-239, 273, 308-311, 675).
 */
export const waitsForTimeout = (k: Pick<Kernel, 'has' | 'w'>) => k.has('WAIT_PROBE_TIMEOUT') && probeTimeout(k) !== 0;
/**
 * Is KS.probeTimeout kept (true while driver_deferred_probe_timeout is nonzero)? Where the wait
 * reads it (waitsForTimeout), and wherever a user's patch may (a patch hunt, 2026-12-05: 35a672363ab3
 * written as a patch against v5.4 waited on a field the model kept false, and every property held).
 */
export const keepsTimeout = (k: Pick<Kernel, 'has' | 'w' | 'patches'>) => waitsForTimeout(k) || ((k.patches.some(isUserPatch) || k.has('EXTEND_QUEUES_IDLE')) && k.has('PROBE_TIMEOUT_WORK') && probeTimeout(k) !== 0);

/** The timeout work's first step: where it is while queued and not yet running (PENDING set). */
export const TIMEOUT_START = `${TIMEOUT_PROGRAM}:driver_deferred_probe_trigger`;

/** The timeout work's thread where the step's context can list threads (not in `probecheck steps`' walk). */
const timeoutWorker = (ctx: StepCtx) => ctx.threads?.().find((x) => x.name === TIMEOUT_WORKER);

/** delayed_work_pending(&deferred_probe_timeout_work): queued and not yet started (PENDING set). */
export const timeoutPending = (ctx: StepCtx): boolean => timeoutWorker(ctx)?.at === TIMEOUT_START;

/**
 * Queue deferred_probe_timeout_work where it is not pending, as schedule_delayed_work and
 * mod_delayed_work both do (time not modelled, so neither is the delay: a pending work keeps its
 * place). kernel/workqueue.c at gregkh@53c2f13c1ee5 (the mainline profile's workqueue.c until 2026-12-07, when it
 * moved to torvalds@104484baf748, v7.3-rc5, whose pages these functions were not re-read from), read with
 * read_file (s48 h8; the pages of that 230,799-char text named below by char offset; its line
 * numbers were not read, as its kernel/ excerpt says; these functions are not excerpted):
 * - mod_delayed_work_on (page 76000-92000): `ret = work_grab_pending(&dwork->work, WORK_CANCEL_DELAYED, ...);`
 *   then `__queue_delayed_work(...)` whatever ret was: "If @dwork is idle, equivalent to
 *   queue_delayed_work_on(); otherwise, modify @dwork's timer".
 * - try_to_grab_pending (page 60000-76000): `timer_delete(&dwork->timer)` succeeding returns 1 (pending, on
 *   its timer); else `if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, ...)) return 0;` (idle: claimed);
 *   else it steals the work off the worklist (1). PENDING is the only test: a running work is idle.
 * - process_one_work (pages 88000-114000): `set_work_pool_and_clear_pending(work, ...)` ("clear PENDING which
 *   should be the last update to @work"), then `worker->current_func(work)`: so PENDING is set
 *   from the queueing until the worker starts the work (its first step here), clear while it runs.
 * - __queue_work (page 60000-76000): "If @work was previously on a different pool, it might still be running
 *   there, in which case the work needs to be queued on that pool to guarantee non-reentrancy"
 *   (`find_worker_executing_work(last_pool, work)`, taken only `if (worker &&
 *   worker->current_pwq->wq == wq)`); assign_work (page 32000-48000): "If @work is already being executed by
 *   another worker in the same pool, it'll be punted there" (`move_linked_works(work,
 *   &collision->scheduled, nextp)`), and process_scheduled_works runs that worker's ->scheduled
 *   list after its current work.
 * So: an idle work is started (spawn); a pending one is left (its timer moved: time); a running
 * one is queued again, and runs once more after this run, on the same worker, never twice at once
 * (KS.timeoutRequeued; a second queueing while that requeue is pending finds PENDING set and only
 * moves the timer, so one more run, not two). The punt to the running worker is sure for
 * queueings on the same workqueue (__queue_work's `worker->current_pwq->wq == wq`): the revert's
 * hunk names system_wq, and schedule_delayed_work is `queue_delayed_work(system_wq, dwork, delay)`
 * in include/linux/workqueue.h as stored at gregkh@017ea3f38a2d (release not identified; that of
 * the mainline profile's era was not read). Nothing where no timeout work is built (no late
 * initcall, or a timeout <= 0), or where threads cannot be read (`probecheck steps`).
 *
 * deferred_probe_extend_timeout() at the end of driver_register (driver-attach.ts busAddDriver):
 * where it cancels and schedules again (`if (cancel_delayed_work(...)) schedule_delayed_work(..., timeout * HZ)`, every profile
 * from 2b28a1a84a0e, the v5.19 merge window by PROBE_TIMEOUT_DEFAULT_10's notes, to mainline) a
 * pending work stays pending and no other is queued: the untimed model sees nothing, and builds
 * nothing. cancel_delayed_work (workqueue.c at gregkh@53c2f13c1ee5, page 124000-140000:
 * `return __cancel_work(&dwork->work, WORK_CANCEL_DELAYED);`, "%true if @dwork was pending and
 * canceled; %false if it wasn't pending") is true only where try_to_grab_pending stole the work
 * off its timer or worklist; an idle or running work gives false, and nothing is queued. With
 * 1137838865bf's mod_delayed_work (EXTEND_QUEUES_IDLE: patches.ts mod-delayed-extend) a work that
 * was not pending is queued here.
 */
export function queueTimeoutWork(s: KS, ctx: StepCtx): void {
  const th = timeoutWorker(ctx);
  if (!th || th.at === TIMEOUT_START) return;
  if (th.at === null) ctx.spawn(TIMEOUT_WORKER);
  else s.timeoutRequeued = true;
}

/** The timeout work's step that prints the r-th entry of the pending list (1: the head, where the walk starts). */
export const pendingLabel = (r: number) => (r === 1 ? 'deferred_probe_pending' : `deferred_probe_pending_${r}`);
/** The r of a pendingLabel, or 0. */
export const pendingRank = (local: string): number => (local === 'deferred_probe_pending' ? 1 : Number(/^deferred_probe_pending_(\d+)$/.exec(local)?.[1] ?? 0));

/**
 * How many devices may be on the pending list at once, as built: those deferred at boot, or
 * that a matching driver's probe (mayDefer: its outcomes, what it needs, a supplier link, a user's
 * patch) or a bus match (defersMatch) may defer, or that a supplier's driver_bound lists
 * (device_links_driver_bound's driver_deferred_probe_add of an AUTOPROBE_CONSUMER link's consumer:
 * one with no driver too, before v5.14's dev_can_match test; really-probe.ts addsConsumer); at
 * least 1. The locked walk has a step per entry. (A review, s44 h7: the driverless consumer was not
 * counted, and at v5.10 with eed6e41813de the last step printed two lines as one.)
 */
function pendingSlots(k: Kernel): number {
  const listedBySupplier = (i: number) => k.has('AUTOPROBE_CONSUMER') && !k.has('PROBE_BUSY_CHECK') && k.w.links.some((l) => l.autoprobe && l.consumer === i);
  const n = k.w.devices.filter((d) => d.deferredAtBoot?.length || defersMatch(k, d.i) || d.drivers.some((x) => mayDefer(k, d.i, x)) || listedBySupplier(d.i)).length;
  return Math.max(1, n);
}

/** deferred_probe_initcall(), run by the actor that writes `deferred_probe_initcall`. */
export function deferredProbeInitcall(tb: ThreadBuilder, ret: Ret): string {
  const k = tb.k, why = lateInitcallRefusal(k);
  if (why) throw new ProbecheckError('E601', why);
  const f = tb.fn(LATE_INITCALL, {}, ret), where = `${DD}:${LATE_INITCALL}`;
  const flush = k.has('LATE_INITCALL_FLUSH'), again = k.has('LATE_INITCALL_SECOND_PASS'), timeout = k.has('PROBE_TIMEOUT_WORK');
  const after = (steps: [boolean, string][]) => steps.find(([on]) => on)?.[1] ?? RETURN;
  f.step('driver_deferred_probe_enable', { where, c: ['driver_deferred_probe_enable = true;'], run: (s) => { s.deferredProbeEnable = true; return 'driver_deferred_probe_trigger'; } });
  // The trigger's own lines are anchored here, once per block; the second call names only its call line.
  f.step('driver_deferred_probe_trigger', { where, c: ['driver_deferred_probe_trigger();@1', ...triggerLines(k).map((l) => `driver_deferred_probe_trigger:: ${l}`)], merges: TRIGGER_MERGES,
    await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
    run: (s) => { deferredTrigger(k, s); return after([[flush, 'flush_work'], [again, 'trigger_again'], [timeout, 'schedule_delayed_work']]); } });
  if (flush) flushWork(k, tb.name, f, 'flush_work', where, ['flush_workqueue(deferred_wq); || flush_work(&deferred_probe_work);@1'], after([[again, 'trigger_again'], [timeout, 'schedule_delayed_work']]));
  if (again) {
    // initcalls_done = true (not modelled) comes between the passes.
    f.step('trigger_again', { where, c: ['driver_deferred_probe_trigger();@2 #runs'], await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
      run: (s) => { deferredTrigger(k, s); return 'flush_again'; } });
    flushWork(k, tb.name, f, 'flush_again', where, ['flush_work(&deferred_probe_work);@2'], after([[timeout, 'schedule_delayed_work']]));
  }
  if (timeout) {
    // driver_deferred_probe_timeout > 0 from its default (PROBE_TIMEOUT_DEFAULT_10) or the boot parameter.
    // Where KS.probeTimeout is kept, the test reads it: a timeout work that ran before (queued by
    // driver_register under EXTEND_QUEUES_IDLE) set it 0, and the late initcall schedules none.
    const on = schedulesTimeout(k), reads = keepsTimeout(k);
    f.step('schedule_delayed_work', { where, c: ['deferred_probe_timeout > 0) {', 'schedule_delayed_work(&deferred_probe_timeout_work,'],
      run: (s, _t, _b, ctx) => { if (on && (!reads || s.probeTimeout)) queueTimeoutWork(s, ctx); return RETURN; } });
  }
  return f.done();
}

/**
 * deferred_probe_timeout_work_func(), in its kworker: trigger, flush, then print each device still
 * pending, in list order (the order driver_deferred_probe_add's list_add_tail put them there;
 * klist.ts). The walk of deferred_probe_pending_list takes deferred_probe_mutex from eed6e41813de
 * (TIMEOUT_WALK_LOCKED, v5.12): a step per entry, holding it. Before it, list_for_each_entry_safe walks the
 * list unlocked, two steps (the first entry, the rest) between which other threads may change it:
 * the race the fix closes ("It doesn't protect against other threads adding/deleting nodes",
 * pending-walk). Where wait_for_device_probe waits for the timeout (waitsForTimeout), the work
 * sets it 0 at its top and wakes that wait at its end.
 */
export function deferredProbeTimeoutWorkFunc(tb: ThreadBuilder): string {
  const k = tb.k, where = `${DD}:deferred_probe_timeout_work_func`;
  const f = tb.fn('deferred_probe_timeout_work_func', {}, null);
  const locked = k.has('TIMEOUT_WALK_LOCKED'), wake = waitsForTimeout(k), clears = keepsTimeout(k) && k.has('TIMEOUT_WORK_CLEARS');
  // fw_devlink_drivers_done() first: not modelled (a scenario with links made before the start, whose
  // AUTOPROBE_CONSUMER it may drop, is refused with this work). `driver_deferred_probe_timeout = 0;`
  // (v5.1's `deferred_probe_timeout = 0;` .. v5.19, v6.3+; not in v6.1's 07b7b883be5b) at the top:
  // a wait_for_device_probe that starts after it passes at once; one already asleep waits for the
  // wake_up_all at the end (probeTimeoutWoken). (It was set 0 at the end until an audit of 2026-12-05:
  // a wait that started meanwhile was held back from the unlocked walk it could race.)
  f.step('driver_deferred_probe_trigger', { where, c: [...(clears ? ['driver_deferred_probe_timeout = 0;'] : []), 'driver_deferred_probe_trigger();', ...triggerLines(k).map((l) => `driver_deferred_probe_trigger:: ${l}`)], merges: TRIGGER_MERGES,
    await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'), run: (s) => { if (clears) s.probeTimeout = false; deferredTrigger(k, s); return 'flush_work'; } });
  flushWork(k, tb.name, f, 'flush_work', where, ['flush_work(&deferred_probe_work);'], 'deferred_probe_pending');
  // A work queued again while it ran (queueTimeoutWork) runs once more from its top.
  const woken = (s: KS) => { if (wake) s.probeTimeoutWoken = true; if (s.timeoutRequeued) { s.timeoutRequeued = false; return 'driver_deferred_probe_trigger'; } return RETURN; };
  const wakeLine = wake ? ['wake_up_all(&probe_timeout_waitqueue);'] : [];
  if (locked) {
    const LOCK = 'mutex_lock(&deferred_probe_mutex);', WALK = 'list_for_each_entry(p, &deferred_probe_pending_list, deferred_probe)', UNLOCK = 'mutex_unlock(&deferred_probe_mutex);';
    const slots = pendingSlots(k);
    if (slots === 1) {
      // At most one device can be on the list: one atomic step, as before.
      f.step(pendingLabel(1), { where, since: 'v5.12 (eed6e41813de)', c: [LOCK, WALK, 'deferred probe pending', UNLOCK, ...wakeLine],
        await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'), run: woken });
    } else {
      // Under the mutex the list cannot change, but each entry's line is a printk of its own: another
      // task's line (one that takes no deferred_probe_mutex, such as an async probe's initcall_debug
      // `returned` line before its driver_deferred_probe_add) may come between two of them (a real
      // v6.15.4 boot shows it: test/logs/s44-pending-order.test.ts). So a step per entry in list
      // order (deferRank): the first takes the mutex and prints the head, each next prints one more,
      // then mutex_unlock; the walk's place is its label (no state field), and the last label prints
      // whatever is left (model-events.ts). Taking the mutex with the head's line hides no order
      // another task could see (the lock only holds others back).
      const me = tb.owner, unlock = 'pending_unlock';
      const pendingAt = (s: KS, r: number) => s.dev.some((d) => d.deferred === 'pending' && d.deferRank === r);
      for (let r = 1; r <= slots; r++) {
        const next = r < slots ? pendingLabel(r + 1) : null;
        f.step(pendingLabel(r), { where, since: 'v5.12 (eed6e41813de)', c: [...(r === 1 ? [LOCK] : []), `${WALK} #part`, 'deferred probe pending #part'],
          ...(r === 1 ? { await: (s: KS) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex') } : {}),
          run: (s) => { if (r === 1) s.deferredProbeMutex = me; return next !== null && pendingAt(s, r + 1) ? next : unlock; } });
      }
      f.step(unlock, { where, since: 'v5.12 (eed6e41813de)', c: [UNLOCK, ...wakeLine], run: (s) => { s.deferredProbeMutex = 0; return woken(s); } });
    }
  } else {
    // No mutex: the first entry (and the next, which _safe loads ahead), then the rest of the walk.
    // The lines printed are those of the list as the walk starts (model-events.ts).
    // An empty list ends the walk at once (an audit, 2026-12-04: it flagged changes to a list that was empty).
    f.step('deferred_probe_pending', { where, since: 'v4.19 (25b4e70dcce9)', c: ['list_for_each_entry_safe(private, p, &deferred_probe_pending_list, deferred_probe)'],
      run: (s) => (s.dev.some((d) => d.deferred === 'pending') ? 'pending_walk' : woken(s)) });
    f.step('pending_walk', { where, since: 'v4.19 (25b4e70dcce9)', c: ['deferred probe pending', ...wakeLine], run: woken });
  }
  return f.done();
}
