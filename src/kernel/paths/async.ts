/**
 * kernel/async.c as the driver core uses it. async_schedule either queues an entry (the work
 * runs later in its own kworker thread, which must be declared dormant) or, when the entry
 * cannot be allocated, runs the function synchronously in the caller, still holding whatever
 * the caller holds: the `sync fallback` branch. async_synchronize_full waits until no entry is
 * pending, including the caller's own when called from async context (a self-deadlock).
 * wait_for_device_probe: probe_count == 0, then async_synchronize_full.
 */
import { RETURN, type KStep, type Ret, type ThreadBuilder } from '../emit.js';
import { add } from '../../engine/add.js';
import { structRef, type KL, type KS } from '../state.js';
import { ASYNC, DD, flushWork } from './common.js';
import { probeTimeout, waitsForTimeout } from './late-initcall.js';

export const ASYNC_BRANCHES = ['async', 'sync fallback'] as const;

/** Thread name of an async worker running `fn(arg)`. */
export const asyncThreadName = (fn: string, arg: string, n = 1) => `kworker/u:async ${fn}(${arg})${n > 1 ? `#${n}` : ''}`;
export const asyncProgram = (fn: string, arg: string) => `${fn}(${arg})`;

/**
 * The async_schedule step: branch 0 queues the entry and spawns the worker running `program`;
 * branch 1 (when the world allows it) jumps into the inlined function at `inline`.
 * `before` runs first in both branches (e.g. get_device bookkeeping).
 */
export function asyncScheduleStep(tb: ThreadBuilder, program: string, inline: string, next: string, where: string, since: string, dev?: number, held: boolean | ((s: KS, t: KL) => number) = false): KStep {
  const fallback = tb.k.w.syncFallback;
  const st: KStep = {
    where: `${where} -> ${ASYNC}:async_schedule`, since,
    run: (s, t, b, ctx) => {
      if (b === 1) return inline;
      // Adds: entries queued by different threads commute (engine/add.ts).
      add(s, 'asyncPending', 1);
      t.usedAsync = 1;
      // Ghost (S11): the entry belongs to the inits its thread runs for (the modprobe thread in
      // do_init_module, or work that init started: async entries, work_on_cpu), as long as they run:
      // an entry some other thread queues while a module is COMING is not that module's.
      const initOf = initsRunning(s, t);
      for (let m = 0; m < s.mod.length; m++) {
        if (!(initOf & (1 << m))) continue;
        add(s.mod[m]!, 'initPending', 1);
        // Ghost: this load's init started an entry (module-init-barrier's premise), kept where it may.
        if (tb.k.initStarted) s.mod[m]!.initStarted = true;
      }
      // An entry for one device holds that struct (get_device): it records which one the slot holds,
      // or (`held`) the one its caller holds (the deferred-probe worker's, KL.gen; a walk's, by its klist node).
      const gen = dev === undefined ? 0 : typeof held === 'function' ? held(s, t) : held ? t.gen : structRef(s, dev);
      ctx.spawn(program, initOf || gen ? (l: KL) => { l.initOf = initOf; l.gen = gen; } : undefined);
      return next;
    },
  };
  if (fallback) { st.branches = 2; st.branchNames = ASYNC_BRANCHES; }
  tb.usesAsync = true;
  return st;
}

/** The modules (bits) whose init thread t runs for, of those still COMING (their init has not returned). */
export function initsRunning(s: KS, t: KL): number {
  let bits = 0;
  for (let m = 0; m < s.mod.length; m++) if ((t.initOf & (1 << m)) !== 0 && s.mod[m]!.state === 'COMING') bits |= 1 << m;
  return bits;
}

/** async_synchronize_full(): wait until the global pending list is empty. */
export function asyncSynchronizeFullStep(where: string, next: string): KStep {
  return {
    where: `${where} -> ${ASYNC}:async_synchronize_full`,
    await: (s: KS) => s.asyncPending === 0,
    waits: (s: KS) => `async_synchronize_full (${s.asyncPending} entr${s.asyncPending === 1 ? 'y' : 'ies'} pending)`,
    run: () => next,
  };
}

/** The end of async_run_entry_fn: the entry leaves the pending list. */
export function asyncRunEntryDone(tb: ThreadBuilder): string {
  const f = tb.fn('async_run_entry_fn', {}, null);
  // After entry->func returns: off the pending lists under async_lock, then wake async_synchronize_*.
  // Before v3.9 (v3.6.0's text) the entry takes async_lock once before entry->func too, to move to its
  // domain's running list: the step's lock is the second.
  f.step('done', { where: `${ASYNC}:async_run_entry_fn`, c: ['spin_lock_irqsave(&async_lock, flags); ... wake_up(&async_done); || spin_lock_irqsave(&async_lock, flags);@2 ... wake_up(&async_done);'], run: (s, t) => {
    add(s, 'asyncPending', -1);
    for (let m = 0; m < s.mod.length; m++) if (t.initOf & (1 << m)) add(s.mod[m]!, 'initPending', -1);
    return RETURN;
  } });
  return f.done();
}

/** wait_for_device_probe(): [flush_work(&deferred_probe_work)]; wait for probe_count == 0; async_synchronize_full. */
export function waitForDeviceProbe(tb: ThreadBuilder, ret: Ret): string {
  const k = tb.k, f = tb.fn('wait_for_device_probe', {}, ret), where = `${DD}:wait_for_device_probe`;
  const flush = k.has('WAIT_FLUSH_DEFERRED');
  // v5.7 .. the v5.19 merge window (WAIT_PROBE_TIMEOUT): wait_event(probe_timeout_waitqueue, ...)
  // tests its condition first, and every release whose text has it defaults the timeout to 0
  // (PROBE_TIMEOUT_DEFAULT_10 only from v6.1; profiles.test.ts holds that no profile has both):
  // it passes at once, part of the next step. With the deferred_probe_timeout= parameter nonzero (a
  // scenario's deferredProbeTimeout) it is a wait of its own, until deferred_probe_timeout_work_func
  // sets the timeout 0 and wakes the queue (late-initcall.ts); at -1 that never comes.
  const sleeps = waitsForTimeout(k);
  const atOnce = k.has('WAIT_PROBE_TIMEOUT') && !sleeps ? ['wait_event(probe_timeout_waitqueue, !driver_deferred_probe_timeout);'] : [];
  if (sleeps) {
    // wait_event tests the condition, then sleeps until a wake_up_all and tests it again: one that
    // finds it 0 goes on; one that sleeps waits for the timeout work's wake at its end, though the
    // work set it 0 at its top (an audit, 2026-12-05).
    const next = flush ? 'flush_work' : 'wait_event';
    f.step('wait_probe_timeout', { where, since: 'v5.7 (35a672363ab3)', c: ['wait_event(probe_timeout_waitqueue, !driver_deferred_probe_timeout);'],
      run: (s) => (s.probeTimeout ? 'probe_timeout_sleep' : next) });
    f.step('probe_timeout_sleep', { where: `${where} (asleep on probe_timeout_waitqueue)`, since: 'v5.7 (35a672363ab3)', c: ['wait_event(probe_timeout_waitqueue, !driver_deferred_probe_timeout);'],
      await: (s) => s.probeTimeoutWoken, run: () => next,
      waits: () => `probe_timeout_waitqueue: woken by deferred_probe_timeout_work_func's wake_up_all (${probeTimeout(k) < 0 ? 'it is -1, and the work is never scheduled at -1' : 'at its end'})` });
  }
  if (flush) {
    // v4.5 flush_workqueue(deferred_wq), later flush_work(&deferred_probe_work).
    flushWork(k, tb.name, f, 'flush_work', where, [...atOnce, 'flush_work'], 'wait_event', { since: 'v4.5 (013c074f8642)' });
  }
  f.step('wait_event', { where, c: [...(flush ? [] : atOnce), 'wait_event(probe_waitqueue, atomic_read(&probe_count) == 0);'], await: (s) => s.probeCount === 0,
    waits: (s) => `probe_count == 0 (it is ${s.probeCount})`, run: () => 'async_synchronize_full' });
  f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(where, RETURN), c: ['async_synchronize_full();'] });
  return f.done();
}
