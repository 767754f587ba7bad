/**
 * Small pieces every path uses: device mutex steps with lockdep-style `waits`, the parent-lock
 * rule of each profile, driver_allows_async_probing, and driver_deferred_probe_trigger's effect.
 */
import type { Kernel, KStep } from '../emit.js';
import type { KS } from '../state.js';
import { deferredSplice } from './klist.js';

export const DD = 'drivers/base/dd.c';
export const BUS = 'drivers/base/bus.c';
export const CORE = 'drivers/base/core.c';
export const ASYNC = 'kernel/async.c';
/** kernel/module.c before v5.19 (the file split); the functions are the same. */
export const MODULE = 'kernel/module/main.c';

/** Who holds a lock, by thread name (filled in once the threads exist). */
export function holder(k: Kernel, owner: number): string {
  return owner === 0 ? 'nobody' : (k.threadNames[owner - 1] ?? `thread ${owner - 1}`);
}

export function mutexWaits(k: Kernel, d: number): (s: KS) => string {
  return (s) => `&dev->mutex(${k.vn(d)}) held by ${holder(k, s.dev[d]!.mutex)}`;
}

/** A step that takes dev->mutex, then does `then` (still in the same atomic step) and goes where it says. */
export function lockStep(k: Kernel, d: number, owner: number, where: string, then: (s: KS, t: any) => string | null, since?: string): KStep {
  const st: KStep = {
    where, await: (s) => s.dev[d]!.mutex === 0, waits: mutexWaits(k, d),
    run: (s, t) => { s.dev[d]!.mutex = owner; return then(s, t); },
  };
  if (since) st.since = since;
  return st;
}

/**
 * Does this path lock the parent too? Before v4.18 __driver_attach, driver_detach and the sysfs
 * stores locked the parent on every bus; since 8c97a46af04b only when bus->need_parent_lock.
 */
export function takesParentLock(k: Kernel, d: number): boolean {
  const dev = k.w.devices[d]!;
  if (dev.parent < 0) return false;
  return !k.has('NEED_PARENT_LOCK') || k.w.buses[dev.bus]!.needParentLock;
}

/** driver_allows_async_probing(drv): PROBE_PREFER_ASYNCHRONOUS, or DEFAULT with the module's async_probe. */
export function allowsAsync(k: Kernel, s: KS, drv: number): boolean {
  if (!k.has('ASYNC_PROBE')) return false;
  const d = k.w.drivers[drv]!;
  if (d.probeType === 'async') return true;
  if (d.probeType === 'sync') return false;
  return d.module >= 0 && s.mod[d.module]!.asyncProbeRequested;
}

/** Could this driver ever probe asynchronously in this world (so async threads must exist)? */
export function mayBeAsync(k: Kernel, drv: number): boolean {
  if (!k.has('ASYNC_PROBE')) return false;
  const d = k.w.drivers[drv]!;
  return d.probeType === 'async' || (d.probeType === 'default' && d.module >= 0 && k.w.modules[d.module]!.asyncProbe);
}

/**
 * drivers/base/dd.c:driver_deferred_probe_trigger: under deferred_probe_mutex, count the trigger,
 * splice pending onto active, queue the (single) work item. Queueing it while queued does nothing.
 */
export function deferredTrigger(k: Kernel, s: KS): void {
  if (!s.deferredProbeEnable) return;
  // Only a probe in flight holds a snapshot to compare with (see probeDone in really-probe.ts).
  if (k.has('TRIGGER_COUNT') && s.probeCount > 0) s.triggerCount++;
  deferredSplice(s);
  if (k.hasDeferredWorker) s.deferredWorkQueued = true;
}

/**
 * flush_work(&deferred_probe_work) at `where`: wait until the work is neither queued nor running
 * (wait_for_device_probe, the late initcall, the timeout work). Stronger than the kernel's flush_work, which waits
 * only for the instance queued at the call: if a probe the worker retries binds and re-queues the
 * work (driver_bound's trigger), the model also waits for that later run.
 */
export function flushStep(where: string, c: string, next: string): KStep {
  return { where: `${where} -> kernel/workqueue.c:flush_work`, c: [c], await: (s: KS) => !s.deferredWorkQueued && !s.deferredWorkRunning,
    waits: () => 'flush_work(&deferred_probe_work)', run: () => next };
}
