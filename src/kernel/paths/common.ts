/**
 * Small pieces every path uses: device mutex steps with lockdep-style `waits`, the parent-lock
 * rule of each profile, driver_allows_async_probing, and driver_deferred_probe_trigger's effect.
 */
import type { Kernel, KStep } from '../emit.js';
import { STALE, STRUCTS, structRef, type KL, type KS } from '../state.js';
import { deferredAdd, deferredDel, deferredSplice, dropOldOvr } from './klist.js';
import { ModelError } from '../../engine/errors.js';
import { isUserPatch } from '../define-patch.js';
import { excerpt, sourceFile } from '../source.js';

export const DD = 'drivers/base/dd.c';
export const BUS = 'drivers/base/bus.c';
export const CORE = 'drivers/base/core.c';
export const ASYNC = 'kernel/async.c';
/**
 * The module code's file: kernel/module/main.c from v5.19 (MODULE_DIR, cfc1d277891e "module: Move
 * all into module/"), kernel/module.c before; the functions are the same. Steps name it in `where`,
 * and anchors find either name in the profile's snapshot (source.ts ALIASES).
 */
export function moduleFile(k: Pick<Kernel, 'has'>): string {
  return k.has('MODULE_DIR') ? 'kernel/module/main.c' : 'kernel/module.c';
}

/** A thread's slot in KS.moduleWq (a modprobe that runs load_module may sleep there). */
export function moduleWqSlot(k: Kernel, thread: string): number {
  let i = k.moduleWq.indexOf(thread);
  if (i < 0) { i = k.moduleWq.length; k.moduleWq.push(thread); }
  return i;
}
/** driver_register and driver_unregister (kernel/<snapshot>/drivers/base/driver.c). */
export const DRIVER_C = 'drivers/base/driver.c';
/** kobject_add's sysfs directory (kernel/<snapshot>/fs/sysfs/dir.c). */
export const SYSFS_DIR = 'fs/sysfs/dir.c';

/** The call of probe() in really_probe: one line that several steps model in part (probe's own work, its return; boot's probe, links.ts bootProbe). */
export const PROBE_CALL = 'ret = drv->probe(dev); || ret = call_driver_probe(dev, drv); #part #runs';

/**
 * Anchors into `fn` of another file (`path:fn:: line`), or none where the profile reads no
 * snapshot of that file or lists fn in `unread`: an anchor into a file not read would fail the
 * whole step (several profiles read dd.c without core.c, driver.c or fs/sysfs/dir.c).
 */
export function linesIn(k: Pick<Kernel, 'sources' | 'unread'>, path: string, fn: string, lines: readonly string[]): string[] {
  if (sourceFile(k.sources, path) === undefined || k.unread[`${path}:${fn}`]) return [];
  return lines.map((l) => `${path}:${fn}:: ${l}`);
}

/** `lines` of path:fn as anchors where the profile reads a text of path whose fn has them all, else none. */
export function textLines(k: Pick<Kernel, 'sources' | 'unread'>, path: string, fn: string, lines: readonly string[]): string[] {
  const file = sourceFile(k.sources, path);
  const ex = file !== undefined ? excerpt(k.sources[file]!, file, fn) : null;
  return ex && lines.every((l) => ex.lines.some((x) => x.includes(l))) ? linesIn(k, path, fn, lines) : [];
}

/** Who holds a lock, by thread name (filled in once the threads exist). */
export function holder(k: Kernel, owner: number): string {
  return owner === 0 ? 'nobody' : (k.threadNames[owner - 1] ?? `thread ${owner - 1}`);
}

/** The `waits` of steps that wait for a struct mutex and nothing else (emit.ts makes them strongly fair with MUTEX_HANDOFF). */
const MUTEX_WAITS = new WeakSet<object>();

export function mutexWaits(k: Kernel, d: number): (s: KS) => string {
  // Free, while its deleted struct's lock is held: the waiter holds that one and locks it again.
  const w = (s: KS) => (s.dev[d]!.mutex === 0 && s.dev[d]!.oldMutex !== 0
    ? `the &dev->mutex of ${k.vn(d)}'s deleted struct, held by ${holder(k, s.dev[d]!.oldMutex)}, itself`
    : `&dev->mutex(${k.vn(d)}) held by ${holder(k, s.dev[d]!.mutex)}`);
  MUTEX_WAITS.add(w);
  return w;
}

/** The `waits` of a step that waits for a global struct mutex (deferred_probe_mutex, module_mutex). */
export function namedMutexWaits(name: string): () => string {
  const w = () => name;
  MUTEX_WAITS.add(w);
  return w;
}

/** Is this a step's `waits` from mutexWaits or namedMutexWaits (or a view of one)? */
export function isMutexWait(w: unknown): boolean {
  return typeof w === 'function' && MUTEX_WAITS.has(w);
}

/**
 * The devices whose mutex a library step may release while another thread holds it, as the C it
 * models does: on the pre-fix parent lock (NEED_PARENT_LOCK without LINKS_LOOP_PARENT_TEST or
 * DRIVER_LOCK_HELPERS: v4.18, v4.19) __device_release_driver's device-links loop unlocks a parent its caller may not hold, so
 * the mutexes of the parents of managed-link suppliers may change hands, and any later unlock of
 * them (the device's own, or a child's parent unlock) may release another thread's. emit.ts
 * checkedReleases lets a library step, or a user's step that runs one, release those, and only
 * those (a regression review and a hunt, 2026-12-05).
 */
export function foreignParents(k: Kernel): number[] {
  if (!k.has('NEED_PARENT_LOCK') || k.has('LINKS_LOOP_PARENT_TEST') || k.has('DRIVER_LOCK_HELPERS')) return [];
  return [...new Set(k.w.links.filter((l) => !l.stateless).map((l) => k.w.devices[l.supplier]!.parent).filter((p) => p >= 0))];
}

/** Mark a wrapper of a mutex wait (a strict view of the same step) as one too. */
export function sameWait<W extends object>(orig: unknown, w: W): W {
  if (isMutexWait(orig)) MUTEX_WAITS.add(w);
  return w;
}

/**
 * device_lock(dev) as a step's run does it: dev->mutex := owner. The step's `await` waits for the
 * mutex to be free; a step run without it (a user's hunk that dropped the await but kept the run)
 * would take a mutex another thread holds, which no kernel does: that is an error, not a state.
 */
export function takeMutex(k: Kernel, s: KS, d: number, owner: number): void {
  const m = s.dev[d]!.mutex;
  if (m !== 0 && m !== owner) {
    throw new Error(`it takes &dev->mutex(${k.vn(d)}), which ${k.threadNames[m - 1] ?? `thread #${m - 1}`} holds: a step that takes a mutex waits for it (its await); a patch that drops the lock writes the step's run too`);
  }
  s.dev[d]!.mutex = owner;
}

/**
 * Does thread `owner` hold the &dev->mutex of d's deleted struct, the slot having been added again
 * since it locked it (DevS.oldMutex)? It then acts on that old struct, dead and unregistered, whose
 * driver device_del released: dev->driver NULL, device_is_registered() false, dev->p->dead set from
 * v5.1 (device-add.ts lets the add go on only where the holder is not probing or releasing it).
 */
export function heldOld(s: KS, d: number, owner: number): boolean {
  const m = s.dev[d]!.oldMutex;
  return m !== 0 && m === owner;
}

/**
 * device_unlock(d) by `owner`: the old struct's mutex where it holds that one (heldOld), else the
 * slot's, unless `locked` says it took none (a holder that found its struct old at the lock).
 */
export function unlockDev(s: KS, d: number, owner: number, locked = true): void {
  if (heldOld(s, d, owner)) { s.dev[d]!.oldMutex = 0; dropOldOvr(s, d); }   // a walk on the old node, or a store, may still read oldOvr
  else if (locked) s.dev[d]!.mutex = 0;
}

/**
 * The gen (DevS.gen) of the struct whose &dev->mutex `owner` holds: the old one's where it holds
 * that (the slot holds one old struct at most: device_add waits for a second), else the slot's.
 */
export function lockedStruct(s: KS, d: number, owner: number): number {
  return heldOld(s, d, owner) ? (s.dev[d]!.gen + STRUCTS - 1) % STRUCTS : s.dev[d]!.gen;
}

/**
 * A step that takes dev->mutex, then does `then` (still in the same atomic step) and goes where it
 * says. A thread that holds the old struct's mutex (heldOld) locks that struct again, its own lock:
 * it waits for ever, as the C's mutex_lock does (async_schedule's synchronous fallback, v4.2 .. v5.18).
 */
export function lockStep(k: Kernel, d: number, owner: number, where: string, then: (s: KS, t: any) => string | null, since?: string): KStep {
  const st: KStep = {
    where, await: (s) => s.dev[d]!.mutex === 0 && s.dev[d]!.oldMutex !== owner, waits: mutexWaits(k, d),
    run: (s, t) => { takeMutex(k, s, d, owner); return then(s, t); },
  };
  if (since) st.since = since;
  return st;
}

/**
 * The device_lock step of an async entry scheduled for `dev` (it holds a reference to that struct
 * device; built as the entry's own thread). When the slot has been deleted and added again since
 * (DevS.gen), the entry's struct is the old one: dead and unregistered, its mutex no one else's.
 * It then takes nothing of the new device and goes to `skip` (its unlock leaves the mutex alone:
 * KL.gen is STALE); in the C it locks its own struct and finds it dead (v5.1+) or unregistered
 * (driver_probe_device's device_is_registered before), and probes nothing.
 */
export function staleEntry(dev: number, locked: KStep, skip: (t: KL) => string, owner = 0): KStep {
  // `owner`: a thread that may hold the old struct's lock itself (heldOld) when it locks it again
  // (async_schedule's synchronous fallback under __device_attach's lock): it waits for ever there.
  const stale = (s: KS, t: KL) => t.gen !== structRef(s, dev) && (owner === 0 || s.dev[dev]!.oldMutex !== owner);
  return {
    ...locked,
    await: (s, t) => stale(s, t) || locked.await!(s, t),
    run: (s, t, b, c) => { if (stale(s, t)) { t.gen = STALE; return skip(t); } return locked.run(s, t, b, c); },
  };
}

/**
 * The device_lock step of a sysfs bind_store (`locked`), which holds the struct
 * bus_find_device_by_name returned (KL.gen). Where the slot was added again since, that struct is
 * the deleted one, and the C locks it (device_driver_attach from v5.1, bind_store's own
 * device_lock before), waiting for a thread that still holds it (DevS.oldMutex), then finds it
 * dead (v5.1+) or unregistered (driver_probe_device's device_is_registered before): it goes to
 * `skip` holding that lock (oldMutex, dropped by its unlock: unlockDev). A struct older than that
 * one (two re-adds since) has a lock no one holds in the model (a second add waits while oldMutex
 * is held): the store takes nothing and goes to `skip` (KL.gen STALE). Until s39 h18 the store took
 * no old lock (staleEntry).
 */
export function storeLock(k: Kernel, dev: number, owner: number, locked: KStep, skip: (t: KL) => string): KStep {
  const stale = (s: KS, t: KL) => t.gen !== structRef(s, dev);
  const prev = (s: KS) => (s.dev[dev]!.gen + STRUCTS - 1) % STRUCTS;   // the struct oldMutex locks
  // A stale store waits for the deleted struct's lock alone, whoever holds the slot's (s39 h19:
  // the text named the new struct's holder then).
  const w = (s: KS, t: KL) => (stale(s, t)
    ? `the &dev->mutex of ${k.vn(dev)}'s deleted struct, held by ${holder(k, s.dev[dev]!.oldMutex)}` : `&dev->mutex(${k.vn(dev)}) held by ${holder(k, s.dev[dev]!.mutex)}`);
  return {
    ...locked,
    await: (s, t) => (stale(s, t) ? t.gen !== prev(s) || s.dev[dev]!.oldMutex === 0 : locked.await!(s, t)),
    waits: sameWait(locked.waits, w),
    run: (s, t, b, c) => {
      if (!stale(s, t)) return locked.run(s, t, b, c);
      if (t.gen === prev(s)) s.dev[dev]!.oldMutex = owner;
      else t.gen = STALE;
      return skip(t);
    },
  };
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
  if (!k.on.ASYNC_PROBE) return false;
  const d = k.w.drivers[drv]!;
  if (d.probeType === 'async') return true;
  if (d.probeType === 'sync') return false;
  return d.module >= 0 && s.mod[d.module]!.asyncProbeRequested;
}

/** Could this driver ever probe asynchronously in this world (so async threads must exist)? */
export function mayBeAsync(k: Kernel, drv: number): boolean {
  if (!k.on.ASYNC_PROBE) return false;
  const d = k.w.drivers[drv]!;
  return d.probeType === 'async' || (d.probeType === 'default' && d.module >= 0 && k.w.modules[d.module]!.asyncProbe);
}

/**
 * Can really_probe(dev, drv) end in -EPROBE_DEFER: a deferring outcome, a device its probe needs,
 * or a managed supplier link (device_links_check_suppliers)? Only such a probe's trigger-count
 * snapshot is ever compared. A user's patch may make any probe defer: with one, every probe may;
 * so may device_shutdown's device_block_probing (defer_all_probes).
 */
/** An actor runs device_shutdown where it calls device_block_probing (SHUTDOWN_BLOCKS_PROBING): defer_all_probes may be set. */
export const blocksProbing = (k: Pick<Kernel, 'shutdown' | 'has'>): boolean => k.shutdown === true && k.has('SHUTDOWN_BLOCKS_PROBING');

export function mayDefer(k: Kernel, dev: number, drv: number): boolean {
  return defersAsWritten(k, dev, drv) || k.patches.some(isUserPatch);
}

/**
 * mayDefer with a user's patch counted only where a hunk's text defers (Kernel.userDefers): the
 * deferral steps' `cannot`. A patch that only locks a match defers nothing (s46 h4); one whose
 * hunk returns -EPROBE_DEFER does, and its re-trigger that never fired is news, not a branch no run
 * can take (s46 h9).
 */
export function defersAsWritten(k: Kernel, dev: number, drv: number): boolean {
  const d = k.w.drivers[drv]!;
  return d.outcomes.includes('defer') || d.needs.length > 0 || (k.has('DEVICE_LINKS') && k.w.links.some((l) => !l.stateless && l.consumer === dev))
    || blocksProbing(k) || k.userDefers === true;
}

const snapDevs = new WeakMap<Kernel, number[]>();
/** The devices some driver's probe of may defer: the only ones that ever hold a snapshot. */
function snapDevices(k: Kernel): number[] {
  let ds = snapDevs.get(k);
  if (!ds) { ds = k.w.devices.filter((d) => k.w.drivers.some((x) => mayDefer(k, d.i, x.i))).map((d) => d.i); snapDevs.set(k, ds); }
  return ds;
}

/*
 * deferred_trigger_count (58b116bce136). The kernel compares two reads of one counter:
 *
 *   int local_trigger_count = atomic_read(&deferred_trigger_count);      (probe starts)
 *   ...  atomic_inc(&deferred_trigger_count);                            (any trigger)
 *   if (local_trigger_count != atomic_read(&deferred_trigger_count))     (probe deferred)
 *           driver_deferred_probe_trigger();
 *
 * The two reads differ exactly when some trigger ran between them (short of 2^32 of them), so
 * the model keeps, for each device with a probe in flight, whether its snapshot is stale, rather
 * than the counter and each probe's copy: a trigger marks every snapshot taken stale. The
 * counter itself would grow without bound in a re-probe loop (B15), and every probe would read
 * and write it, so no two probes could be reordered by partial-order reduction. A probe that
 * cannot defer never compares, so it takes no snapshot. The device lock makes its probe the
 * only one in flight on a device; taking a snapshot where one is held is a model error.
 * `defers` is mayDefer(k, dev, drv), computed once where the steps are built.
 */
export function takeSnapshot(k: Kernel, s: KS, dev: number, defers: boolean): void {
  if (!defers || !k.on.TRIGGER_COUNT) return;
  const d = s.dev[dev]!;
  if (d.snap !== 'none') throw new ModelError('E201', `two probes of ${k.vn(dev)} hold a deferred_trigger_count snapshot at once (the model assumes the device lock serialises them)`);
  d.snap = 'taken';
}

/** trigger_count != atomic_read(&deferred_trigger_count), for a probe of dev by drv that deferred. */
export function triggeredSince(k: Kernel, s: KS, dev: number, drv: number, defers: boolean): boolean {
  if (!defers) throw new ModelError('E201', `the probe of ${k.vn(dev)} by ${k.dn(drv)} deferred, but the world says it cannot (so it took no deferred_trigger_count snapshot)`);
  return s.dev[dev]!.snap === 'stale';
}

/** The probe of dev by drv is over: its snapshot is gone. */
export function dropSnapshot(k: Kernel, s: KS, dev: number, defers: boolean): void {
  if (defers && k.on.TRIGGER_COUNT) s.dev[dev]!.snap = 'none';
}

/**
 * drivers/base/dd.c:driver_deferred_probe_trigger: under deferred_probe_mutex, count the trigger
 * (every snapshot taken is now stale), splice pending onto active, queue the (single) work item.
 * Queueing it while queued does nothing.
 */
export function deferredTrigger(k: Kernel, s: KS): void {
  if (!s.deferredProbeEnable) return;
  if (k.on.TRIGGER_COUNT) for (const d of snapDevices(k)) if (s.dev[d]!.snap === 'taken') s.dev[d]!.snap = 'stale';
  // Where nothing can defer (no worker: scenario.ts), no device is on a list to splice.
  if (k.hasDeferredWorker) {
    deferredSplice(s);
    s.deferredWorkQueued = true;
  // Only a user's hunk can defer where the model has no worker (a hunk whose text does not say
  // "defer": scenario.ts): the device would wait for a retry nothing runs, every property holding.
  // (Looked for only under a user's patch: every device's list read at each trigger was 3% of a search.)
  } else if (k.userPatched && s.dev.some((d) => d.deferred !== 'none')) {
    throw new Error("a device is on a deferred-probe list, but this model has no deferred-probe worker to retry it: no declared driver defers, and no hunk of your patches says 'defer' in its code (call deferredAdd by that name, or name RET.EPROBE_DEFER)");
  }
}

/**
 * driver_deferred_probe_trigger() called from a user's hunk (probecheck exports it as
 * `deferredTrigger(s, site.k)`, in deferredAdd's argument order): a patch that calls the trigger
 * where the kernel does not (an exported trigger a driver calls from its own work) had no way to
 * count it, splice the lists and queue the work but by hand, through fields that are the model's
 * own (`snap`). The C takes deferred_probe_mutex itself once deferred probing is enabled
 * (dd.c@f04948dea236:174-195), which one atomic step cannot wait for: the user's step must (its
 * await, as the library's trigger steps have). One that runs while a thread holds the mutex (the
 * timeout work's locked walk, v5.12 on) would splice under it, where the C waits, or deadlocks in
 * the holder: an error naming the await (s45 h6: without it the search went on, 200 moves the C
 * cannot make).
 */
export function userDeferredTrigger(s: KS, k: Kernel): void {
  if (s.deferredProbeEnable) refuseUnderMutex(s, k, 'deferredTrigger', 'driver_deferred_probe_trigger', '!s.deferredProbeEnable || s.deferredProbeMutex === 0');
  deferredTrigger(k, s);
}

/**
 * driver_deferred_probe_add / _del called from a user's hunk (probecheck exports them as
 * `deferredAdd(s, dev)` and `deferredDel(s, dev)`; the library's steps call klist.ts's own, inside
 * steps that wait for the mutex themselves). Both take deferred_probe_mutex whether or not deferred
 * probing is enabled (dd.c at v5.10.13:57-78, f04948dea236:59-82, dakr@1ac45118ddf8:59-82; v5.15 on
 * the add returns first where !can_match, but the model's add lists the device all the same): a
 * call while a thread holds it (the timeout work's walk, v5.12 on) is the trigger's error, with the
 * library's add and del steps' await (s45 h17: h6 left them running under the walk).
 */
export function userDeferredAdd(s: KS, dev: number): void {
  refuseUnderMutex(s, stepKernel, 'deferredAdd', 'driver_deferred_probe_add', 's.deferredProbeMutex === 0');
  deferredAdd(s, dev);
}
export function userDeferredDel(s: KS, dev: number): void {
  refuseUnderMutex(s, stepKernel, 'deferredDel', 'driver_deferred_probe_del', 's.deferredProbeMutex === 0');
  deferredDel(s, dev);
}

function refuseUnderMutex(s: KS, k: Kernel | undefined, name: string, fn: string, wait: string): void {
  if (s.deferredProbeMutex === 0) return;
  const by = k ? holder(k, s.deferredProbeMutex) : `thread ${s.deferredProbeMutex - 1}`;
  throw new Error(`${name}: ${fn} takes deferred_probe_mutex, which ${by} holds, and waits for it (in the thread holding it, deadlocks): give the step calling it \`await: (s) => ${wait}\``);
}

/**
 * The kernel whose step runs now (emit.ts sets it around each step of a model with a user's
 * patch): deferredAdd and deferredDel take (s, dev), as the C takes dev, and name the mutex's
 * holder by its thread from it.
 */
let stepKernel: Kernel | undefined;
export function setStepKernel(k: Kernel | undefined): Kernel | undefined {
  const was = stepKernel;
  stepKernel = k;
  return was;
}

/** A thread's slot in KS.flushBarrier (it may flush the deferred-probe work). */
export function flushSlot(k: Kernel, thread: string): number {
  let i = k.flushers.indexOf(thread);
  if (i < 0) { i = k.flushers.length; k.flushers.push(thread); }
  return i;
}

/**
 * flush_work(&deferred_probe_work) at `where` (wait_for_device_probe, the late initcall, the timeout
 * work), as kernel/workqueue.c has it (kernel/ at 009bb421b6ce): two steps. `label`:
 * start_flush_work inserts a barrier after the instance pending at the call (a queued work,
 * running or not: `insert_wq_barrier(pwq, barr, work, worker)` after it in the worklist) or,
 * when none is pending, after the one executing (`find_worker_executing_work`), or returns at
 * once (`already_gone`). `label_wait`: `wait_for_completion(&barr.done)`, which the worker
 * completes when that instance's run ends (deferred-probe.ts). So it waits for the instance of
 * the call only: "@work is guaranteed to be idle on return if it hasn't been requeued since
 * flush started" (its kernel-doc). Until 2026-12-05 the model waited until the work was neither
 * queued nor running, also for an instance queued during the flush (a probe the worker retried
 * binds, and driver_bound triggers again): those returns were never explored.
 * `c`: the caller's line (both steps model it, each in part).
 */
export function flushWork(k: Kernel, thread: string, f: { step(l: string, s: KStep): unknown }, label: string, where: string, c: readonly string[], next: string, extra: Partial<KStep> = {}): void {
  const slot = flushSlot(k, thread), wait = `${label}_wait`, at = `${where} -> kernel/workqueue.c:flush_work`;
  const part = c.map((l) => (/ #part$/.test(l) || !/flush_w/.test(l) ? l : `${l} #part`));
  f.step(label, { ...extra, where: at, c: part, run: (s: KS) => {
    const b = s.flushBarrier!;
    if (s.deferredWorkQueued) b[slot] = 1;
    else if (s.deferredWorkRunning) b[slot] = 2;
    else return next;
    return wait;
  } });
  f.step(wait, { where: at, ...(extra.since ? { since: extra.since } : {}), c: part.filter((l) => / #part$/.test(l)), await: (s: KS) => s.flushBarrier![slot] === 0,
    // (A slot at 2 may have been 1: the run under way is then the instance queued at the flush.)
    waits: (s: KS) => `flush_work(&deferred_probe_work): the end of ${s.flushBarrier![slot] === 1 ? 'the deferred-probe work\'s instance queued when the flush began (not running yet)' : 'the deferred-probe work\'s current run, the instance the flush waits for'}`,
    run: () => next });
}
