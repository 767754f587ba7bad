/**
 * The deferred-probe worker (drivers/base/dd.c:deferred_probe_work_func): one work item, one
 * kworker. It takes the first device off the active list under deferred_probe_mutex, drops the
 * mutex and runs bus_probe_device on it (async allowed), until the list is empty. "First" is the
 * head of the list: the lists keep the order devices were added and spliced in (paths/klist.ts).
 * driver_deferred_probe_add/_del/_trigger are steps of really_probe, driver_probe_device and device_del.
 */
import { locksHeld, type ThreadBuilder } from '../emit.js';
import { ProbecheckError } from '../../engine/errors.js';
import type { KL, KS } from '../state.js';
import { DD, namedMutexWaits } from './common.js';
import { busProbeDevice } from './device-add.js';
import { deferredDel, deferredFirst } from './klist.js';

export const DEFERRED_WORKER = 'kworker deferred_probe_work_func';

/** The work function has returned: the worker completes the flush barriers behind this run (wq_barrier_func). */
function endRun(s: KS, t: KL): void {
  s.deferredWorkRunning = false;
  const b = s.flushBarrier;
  if (b) for (let i = 0; i < b.length; i++) if (b[i] === 2) b[i] = 0;
  t.gen = 0;
}

export function deferredProbeWorkFunc(tb: ThreadBuilder): string {
  const w = tb.k.w;
  const f = tb.fn('deferred_probe_work_func', {}, null);
  // Devices that can be on a list: those with a driver, and (before v5.14's can_match test) a
  // driverless consumer a supplier's AUTOPROBE_CONSUMER add put there, which the worker takes off
  // like any other and bus_probe_device finds no driver for (an audit, 2026-12-05: it stayed on
  // the active list for good).
  const devs = w.devices.filter((d) => d.drivers.length > 0 || w.links.some((l) => l.autoprobe && l.consumer === d.i)).map((d) => d.i);
  // The worker holds the struct it took off the list (get_device): bus_probe_device's device_lock
  // finds it replaced when the slot was deleted and added again meanwhile (DevS.gen, staleEntry).
  // What each device's retry builds is kept by device (Kernel.workerSteps): blocks are built per
  // call, so the labels new after a call are that retry's, the probes it nests included.
  const per = tb.k.workerSteps = new Map<number, string[]>();
  const probe = new Map(devs.map((d) => {
    const before = tb.added.length;
    const entry = tb.holding(d, () => busProbeDevice(tb, d, f.label('mutex_lock'), 'mutex_lock', true));
    per.set(d, tb.added.slice(before));
    return [d, entry];
  }));
  // A user's hunk that returns: the work function returned, and the kworker waits for the next
  // instance (as the loop's end below, with whatever the hunk left on the lists).
  f.userReturns((s, t) => {
    // Not with a lock held: nothing would release it (a new user, 2026-12-05: the deadlock this
    // left later did not say who held deferred_probe_mutex).
    // (Where no-lock-at-return is checked, it reports it with a trace: properties.ts.)
    const held = tb.k.leaksJudged ? [] : locksHeld(tb, s);
    if (held.length) throw new ProbecheckError('E205', `deferred_probe_work_func returns holding ${held.join(', ')}: release it first`);
    endRun(s, t);
    return f.label('process_one_work');
  });
  // In the gregkh/linux text v6.12 and mainline read (v6.13 or later by content; the release that
  // changed it not read), worker_thread no longer calls
  // process_one_work itself: assign_work puts the item on worker->scheduled (or on the worker
  // already running it, the collision process_one_work used to handle) and process_scheduled_works
  // runs it. The same one step: the worker picks the item up and runs it.
  // The work function starts after the pickup: an insert at its entry runs in each run of the work.
  f.entryAfter = 'process_one_work';
  f.step('process_one_work', { where: `kernel/workqueue.c:worker_thread -> ${DD}:deferred_probe_work_func`, idle: true, c: ['process_one_work(worker, work); || process_scheduled_works(worker);'],
    await: (s) => s.deferredWorkQueued,
    run: (s) => {
      s.deferredWorkQueued = false; s.deferredWorkRunning = true;
      // The barriers a flush inserted after this (the pending) instance now wait for this run.
      const b = s.flushBarrier;
      if (b) for (let i = 0; i < b.length; i++) if (b[i] === 1) b[i] = 2;
      return 'mutex_lock';
    } });
  // One atomic step per turn of the loop: (re)take the mutex, test the list, take the first device
  // off it, drop the mutex, call bus_probe_device (or, at the end, drop the mutex and finish).
  f.step('mutex_lock', { where: `${DD}:deferred_probe_work_func`, await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
    // One turn runs lock (@1, or @2 after a retry), test, list_del_init, unlock@1 and ends: bus_probe_device
    // is its own steps, and mutex_lock@2 the next turn's lock (or, with the list empty, unlock@2).
    merges: 'the loop\'s text: one run takes the mutex, takes one device off and drops it; bus_probe_device(dev) is the next steps, mutex_lock@2 the next turn\'s',
    c: ['mutex_lock(&deferred_probe_mutex);@1', 'while (!list_empty(&deferred_probe_active_list)) {', 'list_del_init(&private->deferred_probe);', 'mutex_unlock(&deferred_probe_mutex);@1',
      'bus_probe_device(dev);', 'mutex_lock(&deferred_probe_mutex);@2', 'mutex_unlock(&deferred_probe_mutex);@2'],
    run: (s, t) => {
      const d = deferredFirst(s, devs);
      if (d >= 0) {
        // The struct the entry is of: a deleted one's where an unlocked add left it there after
        // device_del and the slot was added again (DevS.deferGen; the audit of 2026-12-06: the
        // retry of the old entry probed the new struct before its device_pm_add).
        t.gen = s.dev[d]!.deferGen;
        deferredDel(s, d);   // list_del_init; get_device; mutex_unlock; device_pm_move_last
        return probe.get(d)!(s, t);
      }
      endRun(s, t);
      return 'process_one_work';
    } });
  return f.done();
}
