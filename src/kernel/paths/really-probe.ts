/**
 * driver_probe_device -> really_probe -> drv->probe -> driver_bound, and the deferral bookkeeping
 * around them (drivers/base/dd.c). The caller holds dev->mutex (and the parent's for USB).
 *
 * What probe() does comes from the scenario: it may register child devices (device_add, inline,
 * in this thread) and then returns one of its outcomes (a nondeterministic choice when several).
 * v4.2 keeps probe_count and the deferral in really_probe; since 204db60c8357 (PROBE_BUSY_CHECK)
 * they live in driver_probe_device and __driver_probe_device also refuses a bound device (-EBUSY).
 * The trigger-count snapshot (58b116bce136) is added by that patch (patches.ts) in the older layout.
 */
import { RETURN, type Kernel, type KStep, type Ret, type ThreadBuilder } from '../emit.js';
import { add } from '../../engine/add.js';
import { DRIVER_BITS, driverBit, structRef, type KL, type KS } from '../state.js';
import { RET, registersFor, type LinkInfo } from '../world.js';
import { DD, PROBE_CALL, textLines, heldOld, lockedStruct, unlockDev, blocksProbing, deferredTrigger, dropSnapshot, lockStep, mayDefer, defersAsWritten, namedMutexWaits, takeSnapshot, triggeredSince } from './common.js';
import { deviceAdd } from './device-add.js';
import { busAddDriver } from './driver-attach.js';
import { deviceDel } from './device-del.js';
import { boundAddTail, byCreation, deferredAdd, deferredAddOld, deferredDel, linkMade } from './klist.js';
import { hasBody, probeBody, requestModule, workOnCpu } from './probe-body.js';
import { MANAGED_TEST, coreLines, deviceLinkAdd, forgetNul, linkInitStatus, suppliesLink, linksMissingSupplier, linksNoDriverAfterProbe, managedTest, noDriverLines, oldLinkMet, statelessLinksOf, supplierLinkDefers } from './links.js';

/** The -ENODEV/-EBUSY checks at the top of (__)driver_probe_device; -1 when it may probe. */
function refuse(tb: ThreadBuilder, s: KS, t: KL, dev: number, entry: boolean): number {
  const d = s.dev[dev]!;
  if (tb.k.on.DEAD_FLAG && tb.k.on.PROBE_BUSY_CHECK && d.dead) return RET.ENODEV;
  // The device of an async entry whose struct was replaced since it took the lock (the slot
  // re-added): its own struct is unregistered (state.ts DevS.gen).
  // The same for a holder of the old struct's lock, whatever took it (common.ts heldOld): the C's
  // device_is_registered() reads the old struct, which kobject_del unregistered.
  if (!d.registered || (entry && t.gen !== structRef(s, dev)) || heldOld(s, dev, tb.owner)) return RET.ENODEV;
  if (tb.k.on.PROBE_BUSY_CHECK && d.driver !== 0) return RET.EBUSY;
  return -1;
}

/**
 * The return of really_probe(dev) to `ret`: DevS.probeIn, which its first step counts up (every
 * path from there returns through here), counts down. device-add.ts reads it; kept only for a
 * device that may be added again (DevInfo.readd), so no other trace shows it. Until s39 it counted
 * from driver_probe_device's check, so the add also waited for a holder that had passed the check
 * and not yet entered really_probe, whose driver_sysfs_add the C then fails (call_probe below).
 */
function probeOut(k: Kernel, dev: number, ret: Ret): Ret {
  if (k.w.devices[dev]!.readd !== true) return ret;
  return (s: KS, t: KL) => {
    // Not below 0: a user's hunk that replaces call_probe without running it counts nothing.
    if (s.dev[dev]!.probeIn > 0) add(s.dev[dev]!, 'probeIn', -1);
    return typeof ret === 'function' ? ret(s, t) : ret;
  };
}

/** driver_deferred_probe_add(dev) after drv's probe deferred, with the ghost DevS.deferBy. */
function deferredAddBy(k: Kernel, s: KS, dev: number, drv: number): void {
  deferredAdd(s, dev);
  s.dev[dev]!.deferBy |= driverBit(k.w, dev, drv);
}

/**
 * atomic_dec(&probe_count) (and wake_up): an add, so two probes' counts commute (engine/add.ts);
 * the probe's deferred_trigger_count snapshot, if it took one, is gone (common.ts).
 */
function probeDone(k: Kernel, s: KS, dev: number, defers: boolean): void {
  add(s, 'probeCount', -1);
  dropSnapshot(k, s, dev, defers);
}

/** The C of the deferred-list helpers, whichever step runs them (each is one atomic step under deferred_probe_mutex). */
export const DEL_LINES = ['mutex_lock(&deferred_probe_mutex);', 'if (!list_empty(&dev->p->deferred_probe)) {', 'list_del_init(&dev->p->deferred_probe);', 'mutex_unlock(&deferred_probe_mutex);'];
export const ADD_LINES = ['mutex_lock(&deferred_probe_mutex);', 'if (list_empty(&dev->p->deferred_probe)) {', 'list_add_tail(&dev->p->deferred_probe, &deferred_probe_pending_list);', 'mutex_unlock(&deferred_probe_mutex);'];
/** driver_deferred_probe_trigger's lines (one atomic step: it takes and drops deferred_probe_mutex). */
export const triggerLines = (k: { has(f: 'TRIGGER_COUNT'): boolean }) => ['if (!driver_deferred_probe_enable)', 'mutex_lock(&deferred_probe_mutex);',
  ...(k.has('TRIGGER_COUNT') ? ['atomic_inc(&deferred_trigger_count);'] : []), 'list_splice_tail_init(&deferred_probe_pending_list,', 'mutex_unlock(&deferred_probe_mutex);', 'queue_work( || schedule_work('];

/**
 * Why the trigger's queue_work after mutex_unlock is the same step: queue_work only marks the work
 * pending, and a step of another thread in the window reads either the lists (the worker's loop:
 * as after this step) or the pending bit (process_one_work, flush_work: as before it), never both;
 * a worker that takes the spliced devices there leaves the work pending again, as queue_work on a
 * running work does.
 */
export const TRIGGER_MERGES = 'queue_work after the unlock: it only marks the work pending (paths/really-probe.ts TRIGGER_MERGES)';

/** driver_deferred_probe_trigger returns before mutex_lock while deferred probing is off (before the late initcall). */
const triggerAwait = (s: KS) => !s.deferredProbeEnable || s.deferredProbeMutex === 0;

/** __driver_probe_device's checks and its call of really_probe (v5.19, mainline). */
const CHECK_LINES = ['if (dev->p->dead || !device_is_registered(dev))', 'if (dev->driver)', 'dev->can_match = true; || dev_set_can_match(dev);', 'ret = really_probe(dev, drv);'];

/** Does this return value stop bus_for_each_drv (__device_attach_driver returned nonzero)? */
export const stopsWalk = (ret: number) => ret === RET.BOUND || ret === RET.ENODEV || ret === RET.EBUSY || ret === RET.LINK_DEFER;

/** driver_probe_device(drv, dev). */
export function driverProbeDevice(tb: ThreadBuilder, dev: number, drv: number, ret: Ret): string {
  const k = tb.k;
  const f = tb.fn('driver_probe_device', { dev, drv }, ret);
  const depth = tb.enter({ dev, drv }), defers = mayDefer(k, dev, drv), entry = tb.entryDev === dev;
  // Before 204db60c8357 really_probe's return is driver_probe_device's; after it, deferral follows.
  const rp = reallyProbe(tb, dev, drv, depth, k.has('PROBE_BUSY_CHECK') ? f.label('deferred') : f.ret);
  if (!k.has('PROBE_BUSY_CHECK')) {
    f.step('check', { where: `${DD}:driver_probe_device`, since: 'v2.6.x', c: ['if (!device_is_registered(dev))', 'ret = really_probe(dev, drv);'], run: (s, t) => {
      t.ret = RET.ZERO; // its `ret` is a local: nothing left from an earlier probe by this thread
      const r = refuse(tb, s, t, dev, entry);
      if (r >= 0) { t.ret = r; return RETURN; }
      return rp;
    } });
  } else {
    f.step('check', { where: `${DD}:driver_probe_device, __driver_probe_device`, since: 'v5.14 (204db60c8357)',
      c: ['int trigger_count = atomic_read(&deferred_trigger_count);', 'atomic_inc(&probe_count);', 'ret = __driver_probe_device(drv, dev);', ...CHECK_LINES.map((l) => `__driver_probe_device:: ${l}`)],
      run: (s, t) => {
      t.ret = RET.ZERO; // its `ret` is a local: nothing left from an earlier probe by this thread
      // trigger_count is a local of each call: the slot's DevS.snap is the new struct's probe's,
      // never a holder's of the old struct (refused below, and heldOld at its `out`: one that took
      // it before the re-add had it dropped by device_add's freshStruct). Until s38 h9 a walk
      // holding the old c's lock took it beside a probe of the new c: E201.
      if (!heldOld(s, dev, tb.owner)) takeSnapshot(k, s, dev, defers);
      add(s, 'probeCount', 1);
      const r = refuse(tb, s, t, dev, entry);
      if (r >= 0) { t.ret = r; return 'out'; }
      s.dev[dev]!.canMatch = true;
      return rp;
    } });
    // The test of ret, and on -EPROBE_DEFER driver_deferred_probe_add under deferred_probe_mutex:
    // only a deferring probe waits for that mutex.
    const deferring = (t: { ret: number }) => t.ret === RET.EPROBE_DEFER || t.ret === RET.LINK_DEFER;
    f.step('deferred', { where: `${DD}:driver_probe_device (if (ret == -EPROBE_DEFER) driver_deferred_probe_add(dev))`, since: 'v5.14 (204db60c8357)',
      c: ['if (ret == -EPROBE_DEFER || ret == EPROBE_DEFER) {', 'driver_deferred_probe_add(dev);', 'driver_deferred_probe_add:: if (!dev->can_match) || if (!dev_can_match(dev))', ...ADD_LINES.map((l) => `driver_deferred_probe_add:: ${l}`),
        'if (trigger_count != atomic_read(&deferred_trigger_count) &&', ...(blocksProbing(k) ? ['!defer_all_probes)'] : [])],
      cIdle: { lines: ['if (ret == -EPROBE_DEFER || ret == EPROBE_DEFER) {'], when: (_s, t) => !deferring(t) },
      // A trigger in the window splices dev (just listed) and bumps the count, so the test re-triggers:
      // the lists and the count of a trigger just before the add, which this test re-triggers for too.
      merges: 'the trigger-count test after the add\'s unlock: a trigger between them is read as one before the add',
      await: (s, t) => !deferring(t) || s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
      run: (s, t) => {
        if (!deferring(t)) return 'out';
        const d = s.dev[dev]!;
        if (d.canMatch) deferredAddBy(k, s, dev, drv);
        // `&& !defer_all_probes)` (45ddcb42949f, v5.14, with the deferral's move here): no re-trigger once device_shutdown blocked probing.
        return k.on.TRIGGER_COUNT && triggeredSince(k, s, dev, drv, defers) && !s.deferAllProbes ? 'driver_deferred_probe_trigger' : 'out';
      } });
    f.step('driver_deferred_probe_trigger', { where: `${DD}:driver_deferred_probe_trigger`, since: 'v3.15 (58b116bce136)', c: ['driver_probe_device:: driver_deferred_probe_trigger();', ...triggerLines(k)], merges: TRIGGER_MERGES,
      // Only after a deferral (triggeredSince refuses a probe that mayDefer says cannot defer).
      ...(defersAsWritten(k, dev, drv) ? {} : { cannot: NO_DEFER }),
      await: triggerAwait, waits: namedMutexWaits('deferred_probe_mutex'),
      run: (s) => { deferredTrigger(k, s); return 'out'; } });
    f.step('out', { where: `${DD}:driver_probe_device`, since: 'v5.14 (204db60c8357)', c: ['atomic_dec(&probe_count);', 'wake_up_all(&probe_waitqueue);'],
      run: (s) => { probeDone(k, s, dev, defers && !heldOld(s, dev, tb.owner)); return RETURN; } });
  }
  tb.leave();
  return f.done();
}

/** __driver_probe_device(drv, dev) alone: what bind_store calls since v5.14 (no probe_count, no deferral). */
export function driverProbeDeviceNoCount(tb: ThreadBuilder, dev: number, drv: number, ret: Ret): string {
  const f = tb.fn('__driver_probe_device', { dev, drv }, ret);
  const depth = tb.enter({ dev, drv }), entry = tb.entryDev === dev;
  const rp = reallyProbe(tb, dev, drv, depth, f.ret);
  f.step('check', { where: `${DD}:__driver_probe_device`, since: 'v5.14 (45ddcb42949f)', c: CHECK_LINES, run: (s, t) => {
    const r = refuse(tb, s, t, dev, entry);
    if (r >= 0) { t.ret = r; return RETURN; }
    s.dev[dev]!.canMatch = true;
    return rp;
  } });
  tb.leave();
  return f.done();
}

/**
 * Does really_probe start with a step of its own for `if (defer_all_probes)` (set by device_shutdown's
 * device_block_probing), above the links check and `atomic_inc(&probe_count)`? Up to v5.13, where an
 * actor runs device_shutdown (from v5.14 driver_probe_device counts the probe first).
 */
export const deferAllStep = (k: Kernel): boolean => blocksProbing(k) && !k.has('PROBE_BUSY_CHECK');

/** Why a step after a deferral cannot fire (engine Step `cannot`): no probe of this pair defers (mayDefer). */
const NO_DEFER = "the steps after a deferral (driver_deferred_probe_add, the re-trigger), for a probe that cannot defer (no 'defer' outcome, needs or managed supplier link)";

/** really_probe(dev, drv) with drv->probe and driver_bound inlined. */
function reallyProbe(tb: ThreadBuilder, dev: number, drv: number, depth: number, ret: Ret): string {
  const k = tb.k, w = k.w, info = w.drivers[drv]!, me = tb.owner;
  const old = !k.has('PROBE_BUSY_CHECK'), defers = mayDefer(k, dev, drv);
  const f = tb.fn('really_probe', { dev, drv }, probeOut(k, dev, ret));
  // DevS.probeIn counts threads inside really_probe of a device that may be added again: its first
  // step (defer_all_probes where built, else call_probe) counts up, its return (probeOut) down.
  const readd = w.devices[dev]!.readd === true, countIn = (s: KS) => add(s.dev[dev]!, 'probeIn', 1);
  const countInCall = readd && !deferAllStep(k);
  // Children that probe() registers, chained: each device_add returns into the next.
  let next = f.label('probe_ret');
  // request_module after what it registers (requestModuleLast), before it returns.
  if (info.requestModuleLast) next = requestModule(tb, drv, info.requestModule, next);
  // Drivers it registers (driver_register -> bus_add_driver), after its devices.
  for (const r of [...info.registersDriver].reverse()) next = busAddDriver(tb, r, next);
  const regs = registersFor(w, drv, dev);
  for (const c of [...regs].reverse()) next = deviceAdd(tb, c, next);
  // Locks probe() takes on other devices come first, then the children it registers
  // (their steps are added after call_probe, the block's entry).
  const lockSteps: [string, number, string][] = [];
  for (const x of [...info.locks].reverse()) {
    const l = `device_lock(${k.vn(x)})`;
    lockSteps.unshift([l, x, next]);
    next = f.label(l);
  }
  const firstChild = next;
  // What probe() does before it returns (B7): in a work_on_cpu kworker, or here.
  let body = info.workOnCpu ? workOnCpu(tb, dev, drv, firstChild) : hasBody(tb, drv) ? probeBody(tb, dev, drv, firstChild) : firstChild;
  // Stateless links probe() adds first (B16).
  if (k.has('DEVICE_LINKS')) for (const li of [...statelessLinksOf(w, drv, dev)].reverse()) body = deviceLinkAdd(tb, li, dev, body);
  // A failing probe removes the children it registered (its error path / devres), so each retry
  // registers them again: the ingredient of the re-probe loop of driver.rst (B15).
  // With device links the error path resets dev's links first, then releases devres (the children)
  // and only then clears dev->driver (5a7a9efdb193:704-705 `device_links_no_driver(dev);
  // device_unbind_cleanup(dev);`, 5.10.13:621-622 and 8c97a46af04b:494-495 the same order, devres_release_all
  // inline before `dev->driver = NULL;`): probe_failed resets the links, the children follow, and
  // driver_null clears dev->driver (in device_unbind_cleanup from v5.19: a step named for what it
  // does, as the function does not exist before). Without children (or links: v3.x, v4.2, where
  // `devres_release_all(dev);` comes first) nothing observable lies between, and probe_failed does all.
  const unbindAfter = k.has('DEVICE_LINKS') && regs.length > 0;
  let cleanup = f.label(unbindAfter ? 'driver_null' : 'probe_failed');
  const cleanupSteps: [string, KStep][] = [];
  for (const c of [...regs].reverse()) {
    const after = cleanup, del = deviceDel(tb, c, after), l = `devres_release_all(${k.vn(c)})`;
    cleanupSteps.unshift([l, { where: `${DD}:really_probe (probe error path: device_unregister(${k.vn(c)}))`, run: (s) => (s.dev[c]!.registered ? del : after) }]);
    cleanup = f.label(l);
  }
  const firstChildCleanup = cleanup;
  const links = w.links.filter((l) => !l.stateless && l.consumer === dev);
  const ownLinks = info.addsLinks.filter((li) => w.links[li]!.consumer === dev);
  const supplierLinks = w.links.filter((l) => !l.stateless && l.supplier === dev);

  // device_links_check_suppliers: a managed supplier link that is not AVAILABLE defers the probe,
  // before probe_count++ (v5.1 dd.c:466-472): really_probe returns -EPROBE_DEFER as is. From v4.15
  // (LINK_DEFER_ADD) to v5.13 it first puts the device on the pending list itself, in a step of its
  // own after the check (driver_deferred_probe_add_trigger, below), so a trigger can run between.
  // Its body, under device_links_write_lock (core.c where the profile reads it): each managed link
  // to a supplier that is not AVAILABLE defers (device_links_missing_supplier), else it becomes
  // CONSUMER_PROBE; then DL_DEV_PROBING (`bound` stays false: links.ts driverBound). Not cited:
  // fw_devlink's check under fwnode_link_lock (v5.15+: no fwnode in a scenario), the
  // SYNC_STATE_ONLY and best-effort (DL_FLAG_INFERRED) exemptions (no such link), dev_err_probe.
  const checkSuppliersLines = coreLines(k, 'device_links_check_suppliers', ['device_links_write_lock();', MANAGED_TEST, 'if (link->status != DL_STATE_AVAILABLE',
    'device_links_missing_supplier(dev); #runs', 'WRITE_ONCE(link->status, DL_STATE_CONSUMER_PROBE);', 'dev->links.status = DL_DEV_PROBING;', 'device_links_write_unlock();']);
  const linkDefers = (s: KS) => supplierLinkDefers(k, s, links);
  const supplies = k.has('DEVICE_LINKS') && suppliesLink(w, dev);
  // `if (defer_all_probes)` first (dd.c since 013c074f8642): set only by device_block_probing, so
  // read only where device_shutdown runs it (SHUTDOWN_BLOCKS_PROBING). Up to v5.13 it puts the
  // device on the pending list itself (376991db4b64, 654888327e9f: `driver_deferred_probe_add(dev);
  // return ret;`), before `atomic_inc(&probe_count)`: a step of its own, since a probe past the
  // test and not yet counted is one device_block_probing's wait_for_device_probe does not wait for
  // (it then runs beside the walk). From v5.14 driver_probe_device counts it first, and really_probe
  // returns -EPROBE_DEFER to it, which puts the device on the list.
  const blocked = blocksProbing(k);
  const deferAll = (s: KS, t: KL): string => {
    t.ret = RET.LINK_DEFER;            // -EPROBE_DEFER as is: the walk stops, as for the link check's
    // A holder of the deleted struct (added again since its check) lists that struct: its own
    // entry (klist.ts deferredAddOld), and it took no snapshot (the slot's is the new struct's).
    if (old && heldOld(s, dev, me)) deferredAddOld(s, dev, lockedStruct(s, dev, me));
    else if (old) { deferredAddBy(k, s, dev, drv); dropSnapshot(k, s, dev, defers); }
    return RETURN;
  };
  if (deferAllStep(k)) {
    // The trigger-count snapshot (`int local_trigger_count = atomic_read(...)`, 58b116bce136) is
    // taken here, above the test, where the C reads it; call_probe then takes none (patches.ts).
    const trig = k.has('TRIGGER_COUNT');
    f.step('defer_all_probes', { where: `${DD}:really_probe`, since: trig ? 'v4.5 (013c074f8642; the trigger-count read 58b116bce136, v3.15)' : 'v4.5 (013c074f8642)',
      c: [...(trig ? ['int local_trigger_count = atomic_read(&deferred_trigger_count);'] : []), 'if (defer_all_probes) {', 'driver_deferred_probe_add(dev);@1 #runs'],
      await: (s) => !s.deferAllProbes || s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
      run: (s, t) => {
        if (readd) countIn(s);
        if (trig && !heldOld(s, dev, me)) takeSnapshot(k, s, dev, defers);
        return s.deferAllProbes ? deferAll(s, t) : 'call_probe';
      } });
  }
  // v4.15 .. v5.13 (LINK_DEFER_ADD): `if (ret == -EPROBE_DEFER) driver_deferred_probe_add_trigger(dev,
  // local_trigger_count);` after the link check (dd.c at 8c97a46af04b:404-408, 376991db4b64:467-471,
  // 5.10.13:512-516); v4.14 returns the check's -EPROBE_DEFER on no list.
  const linkAdd = old && links.length > 0 && k.has('DEVICE_LINKS') && k.has('LINK_DEFER_ADD');
  // The old shape (atomic_inc(&probe_count); dev->driver = drv; ... drv->probe) is already v3.6.0's
  // (dd.c:266, 271, 283): before v4.2 the step names no release of its own (it said v4.2 there).
  // A probe that adds managed links says so where the trace prints the step: the link's status
  // changes in this row while its C lines are the link check's, which runs before probe() (a
  // verdict hunt, 2026-12-06: a link made SUPPLIER_UNBIND here read as the check's doing). The
  // check may defer instead, and probe() is then not called: the text says the order, not that it ran.
  const adds = k.has('DEVICE_LINKS') && ownLinks.length > 0
    ? ` (the link check, then drv->probe, which calls device_link_add(${k.vn(dev)}, ${ownLinks.map((li) => k.vn(w.links[li]!.supplier)).join(' and ')}) ${ownLinks.every((li) => w.links[li]!.unchecked) ? 'without waiting for the supplier to bind' : 'once the supplier is bound'})` : '';
  f.step('call_probe', { where: `${DD}:really_probe${adds}`, ...(old && !k.has('ASYNC_PROBE') ? {} : { since: old ? 'v4.2' : 'v5.14' }),
    c: [...(blocked && !old ? ['if (defer_all_probes) {', 'return -EPROBE_DEFER;@1'] : []), ...(k.has('DEVICE_LINKS') ? ['device_links_check_suppliers(dev);', ...checkSuppliersLines] : []),
      ...(old ? ['atomic_inc(&probe_count);'] : []), 'dev->driver = drv; || dev->driver = (struct device_driver *)drv; || device_set_driver(dev, drv);', PROBE_CALL],
    // Under the device lock throughout. In the window after device_links_write_unlock the links are
    // as after the step and dev->driver (and, before v5.14, probe_count) as before it, and no other
    // step reads both: a lockless reader of dev->driver reads it as before the step; a supplier's
    // device_links_unbind_consumers that finds the link CONSUMER_PROBE there may find probe_count
    // still 0 (before v5.14) and go round again, a spin the prober's next move ends.
    merges: 'the link check\'s device_links_write_unlock, then dev->driver = drv (and probe_count before v5.14) under the device lock: the links read as after the step, dev->driver as before it, by any step in the window',
    run: (s, t) => {
    if (countInCall) countIn(s);
    // A holder of the deleted struct's lock, the slot added again since its driver_probe_device
    // passed the registered check (before kobject_del, B6: no dead test on its path before v5.9):
    // really_probe goes on on that struct, whose links device_del's device_links_purge removed
    // (before kobject_del: core.c@torvalds@fb583c8eeeb1 device_del), so the link check passes;
    // `dev->driver = drv;` then `driver_sysfs_add(dev)` (dd.c@torvalds@97e2551de3f9:522, 535),
    // whose first sysfs_create_link(&dev->driver->p->kobj, &dev->kobj, ...) has the old struct as
    // target (dd.c@torvalds@013c074f8642 driver_sysfs_add), its kobj->sd NULLed by kobject_del's
    // sysfs_remove_dir (fs/sysfs/dir.c, kernel/v5.10.13 and v3.6.0): `if (!target) return
    // -ENOENT;` (fs/sysfs/symlink.c@torvalds@02b5a6031ba7 sysfs_do_create_link_sd). So probe_failed:
    // `dev->driver = NULL;` and, before v5.14, `ret = 0;` (97e2551de3f9:608, 636); from v5.14 the
    // -ENOENT is returned (f04948dea236 really_probe), which no re-add reaches (its dead test, 45ddcb42949f)
    // and stands here as -ENODEV (both stop bus_for_each_drv). All of it on the old struct: nothing of the
    // slot's new one is written, probe() is not called, no snapshot taken (a local of that call).
    // Until s39 the add waited from the check to the return, and these orders were not explored.
    // Without a re-add the same holds for the slot's own struct once its kobject_del has run
    // (`registered` false: device-del.ts kobject_del) since the check: driver_sysfs_add fails on
    // it and probe() is not called (s39 h9; until then the model bound the deleted struct, B6
    // past kobject_del, where the C binds only a probe whose driver_sysfs_add came first). Its
    // trigger-count snapshot (taken in this step by 58b116bce136, or at defer_all_probes) is the
    // slot's: really_probe's return drops it.
    const gone = heldOld(s, dev, me);
    if (gone || !s.dev[dev]!.registered) {
      if (!gone && old) dropSnapshot(k, s, dev, defers);
      t.ret = old ? RET.ZERO : RET.ENODEV;
      return RETURN;
    }
    if (blocked && !old && s.deferAllProbes) return deferAll(s, t);
    // device_links_check_suppliers ends with dev->links.status = DL_DEV_PROBING, deferring or not.
    if (supplies) s.dev[dev]!.linksProbing = true;
    if (linkDefers(s)) {
      linksMissingSupplier(k, s, byCreation(w, s, links));
      t.ret = RET.LINK_DEFER;
      if (linkAdd) return 'driver_deferred_probe_add_trigger';
      if (old) dropSnapshot(k, s, dev, defers);
      return RETURN;
    }
    if (old) add(s, 'probeCount', 1);
    if (k.on.DEVICE_LINKS) for (const l of links) if (s.link[l.i]!.status === 'AVAILABLE') s.link[l.i]!.status = 'CONSUMER_PROBE';
    const d = s.dev[dev]!;
    d.driver = drv + 1;
    d.probing = me;
    d.asked &= ~driverBit(w, dev, drv);   // ghost: drv is tried on dev (async-handover)
    // A probe that needs an unbound device finds out first and defers (as drivers do with -EPROBE_DEFER).
    for (const n of info.needs) if (!s.dev[n]!.bound) return 'probe_defer';
    // Having found its suppliers (or, linksUnchecked, without looking), probe() adds its device
    // links: device_link_add(dev, supplier, ...) for its own dev only (a driver matching several
    // devices has a link per device), in the state links.ts linkInitStatus gives it.
    if (k.on.DEVICE_LINKS) {
      for (const li of ownLinks) {
        if (s.link[li]!.status !== 'NONE') continue;
        // `if (!device_pm_initialized(supplier) ...) { link = NULL; goto out; }` (core.c at
        // fb583c8eeeb1:326): no link to a supplier not through device_pm_add (`ready`), which only a
        // linksUnchecked probe can meet (a differential hunt, 2026-12-04: a false WARN).
        if (!s.dev[w.links[li]!.supplier]!.ready) continue;
        s.link[li]!.status = linkInitStatus(k, s, w.links[li]!.supplier);
        linkMade(w, s, li);
      }
    }
    return body;
  } });
  if (linkAdd) {
    // driver_deferred_probe_add_trigger(dev, local_trigger_count), dd.c at 8c97a46af04b (read whole
    // with read_file; the helper is not among the excerpted functions, so only its call line is
    // cited here, and driver_deferred_probe_add's lines by this block's other add step):
    //   static void driver_deferred_probe_add_trigger(struct device *dev, int local_trigger_count)
    //   {
    //           driver_deferred_probe_add(dev);
    //           /* Did a trigger occur while probing? Need to re-trigger if yes */
    //           if (local_trigger_count != atomic_read(&deferred_trigger_count))
    //                   driver_deferred_probe_trigger();
    //   }
    // A step after the link check's: a supplier that binds between the check and this add (its
    // driver_bound makes the link AVAILABLE and triggers, splicing a pending list this device is not
    // on yet) is what the comparison retries (58b116bce136's race, met by the link check). The add
    // and the comparison are one step, as the probe error path's add (58b116bce136's hunk): a
    // trigger after the add finds the device on the list. The count was read (the snapshot taken)
    // in call_probe, or in defer_all_probes where that step reads it, with the check: a trigger
    // between the read and the check, which the C also re-triggers for, is explored only before
    // the read (no re-trigger) or after the check (one).
    const trig = k.has('TRIGGER_COUNT');
    f.step('driver_deferred_probe_add_trigger', { where: `${DD}:really_probe -> ${DD}:driver_deferred_probe_add (in driver_deferred_probe_add_trigger(dev, local_trigger_count), after the link check)`,
      since: trig ? 'v4.15 .. v5.13 (LINK_DEFER_ADD; the comparison 58b116bce136)' : 'v4.15 .. v5.13 (LINK_DEFER_ADD)',
      c: ['driver_deferred_probe_add_trigger(dev, local_trigger_count);@1 #part'],
      await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
      run: (s) => {
        deferredAddBy(k, s, dev, drv);
        const again = trig && k.on.TRIGGER_COUNT && triggeredSince(k, s, dev, drv, defers);
        dropSnapshot(k, s, dev, defers);
        return again ? 'trigger_again' : RETURN;
      } });
    // `driver_deferred_probe_trigger();` in that helper: its lines are cited by driver_bound's trigger step of this block;
    // the where names the trigger, so `steps --function driver_deferred_probe_trigger` lists this step (s44 h19).
    if (trig) {
      f.step('trigger_again', { where: `${DD}:really_probe -> ${DD}:driver_deferred_probe_trigger (in driver_deferred_probe_add_trigger: the trigger count changed since local_trigger_count was read)`, since: 'v4.15 .. v5.13 (LINK_DEFER_ADD; 58b116bce136)',
        c: ['driver_deferred_probe_add_trigger(dev, local_trigger_count);@1 #part'], await: triggerAwait, waits: namedMutexWaits('deferred_probe_mutex'),
        run: (s) => { deferredTrigger(k, s); return RETURN; } });
    }
  }
  if (info.needs.length > 0) {
    f.step('probe_defer', { where: `${DD}:really_probe (drv->probe returns -EPROBE_DEFER: a device it needs was not bound when probe() looked)`, c: [PROBE_CALL], run: (s, t) => {
      s.dev[dev]!.probing = 0; t.ret = RET.EPROBE_DEFER; return 'probe_failed';
    } });
  }
  for (const [l, x, after] of lockSteps) f.step(l, { ...lockStep(k, x, me, `${DD}:really_probe (drv->probe: device_lock(${k.vn(x)}))`, () => after), c: [PROBE_CALL] });
  const outcomes = info.outcomes;
  f.step('probe_ret', {
    c: [PROBE_CALL],
    where: `${DD}:really_probe (drv->probe returns)`, branches: outcomes.length,
    branchNames: outcomes.map((o) => (o === 'ok' ? '0' : o === 'defer' ? '-EPROBE_DEFER' : '-EIO')),
    run: (s, t, b) => {
      const d = s.dev[dev]!;
      d.probing = 0;
      for (const x of info.locks) if (heldOld(s, x, me) || s.dev[x]!.mutex === me) unlockDev(s, x, me); // probe() unlocks before returning (an old struct's, where x was added again meanwhile)
      const o = outcomes[b]!;
      // `ret = call_driver_probe(dev, drv)` (`drv->probe(dev)` before v5.14): this probe's own
      // value. `ret` is one local per thread here, and a probe that registered a driver or a device
      // ran nested probes that set it: their -EPROBE_DEFER was this probe's return (E201, and a
      // bound device put on the pending list, at v5.15 and later; found by a fuzzer, 2026-12-04).
      t.ret = o === 'ok' ? RET.ZERO : o === 'defer' ? RET.EPROBE_DEFER : RET.EIO;
      if (o === 'ok') return 'driver_bound';
      return regs.length > 0 && !unbindAfter ? firstChildCleanup : 'probe_failed';
    },
  });
  // device_links_driver_bound's body under device_links_write_lock (core.c where the profile reads
  // it), as run() below: managed links to consumers AVAILABLE, skipping CONSUMER_PROBE and ACTIVE
  // ones from 15cfb0941603 (LINKS_NO_DRIVER_DORMANT; 9ed9895370ae and 3451a495ef24 make every one
  // AVAILABLE), managed links to suppliers ACTIVE, DL_DEV_DRIVER_BOUND (`bound`). Not cited:
  // the fw_devlink block (v5.15+: links made before the start stand for it), sync_state, the SYNC_STATE_ONLY and
  // best-effort link drops (no such links), the WARN_ONs (links-no-warn checks them on this step).
  const driverBoundLines = coreLines(k, 'device_links_driver_bound', ['device_links_write_lock();', managedTest(1),
    ...(k.has('LINKS_NO_DRIVER_DORMANT') ? ['if (link->status == DL_STATE_CONSUMER_PROBE ||', 'link->status == DL_STATE_ACTIVE)'] : []),
    'WRITE_ONCE(link->status, DL_STATE_AVAILABLE);', managedTest(2), 'WRITE_ONCE(link->status, DL_STATE_ACTIVE);', 'dev->links.status = DL_DEV_DRIVER_BOUND;', 'device_links_write_unlock();']);
  // Its DL_FLAG_AUTOPROBE_CONSUMER links (e7dd40105aac): a consumer whose link it makes AVAILABLE
  // goes on the pending list, under deferred_probe_mutex taken inside device_links_write_lock, with
  // no lock of the consumer's (core.c 6.18.16, device_links_driver_bound+52..+53):
  //   if (device_link_test(link, DL_FLAG_AUTOPROBE_CONSUMER))
  //           driver_deferred_probe_add(link->consumer);
  // driver_deferred_probe_add tests dev_can_match from v5.13 (f2db85b64f0a; the model's PROBE_BUSY_CHECK, v5.14) and nothing else
  // (dd.c at dakr@1ac45118ddf8:133-143): not dev->p->dead, so a consumer device_del took off the
  // lists (driver_deferred_probe_del) and has not purged its links yet goes back on the list.
  const autoprobe = k.has('AUTOPROBE_CONSUMER') ? supplierLinks.filter((l) => l.autoprobe) : [];
  /** Does device_links_driver_bound make this link to a consumer AVAILABLE (it skips CONSUMER_PROBE and ACTIVE ones from 15cfb0941603)? */
  const madeAvailable = (s: KS, l: LinkInfo) => {
    const x = s.link[l.i]!.status;
    return x !== 'NONE' && !(k.has('LINKS_NO_DRIVER_DORMANT') && (x === 'CONSUMER_PROBE' || x === 'ACTIVE'));
  };
  /** ... and put its consumer on the pending list (DL_FLAG_AUTOPROBE_CONSUMER, past dev_can_match)? */
  const addsConsumer = (s: KS, l: LinkInfo) => !!l.autoprobe && madeAvailable(s, l) && (!k.has('PROBE_BUSY_CHECK') || s.dev[l.consumer]!.canMatch);
  // driver_deferred_probe_add's own lines are cited once per block: before v5.14 this block's
  // driver_deferred_probe_add step (a deferring probe's add) cites them, and this call its call line.
  const autoprobeLines = autoprobe.length === 0 ? [] : [...coreLines(k, 'device_links_driver_bound', ['if (device_link_test(link, DL_FLAG_AUTOPROBE_CONSUMER)) || if (link->flags & DL_FLAG_AUTOPROBE_CONSUMER)',
    'driver_deferred_probe_add(link->consumer);']), ...(old ? [] : ['driver_deferred_probe_add:: if (!dev->can_match) || if (!dev_can_match(dev))', ...ADD_LINES.map((l) => `driver_deferred_probe_add:: ${l}`)])];
  f.step('driver_bound', { where: `${DD}:driver_bound`,
    c: ['if (klist_node_attached(&dev->p->knode_driver)) { || if (device_is_bound(dev)) {', 'klist_add_tail(&dev->p->knode_driver, &dev->driver->p->klist_devices);',
      ...(k.has('DEVICE_LINKS') ? ['device_links_driver_bound(dev);', ...driverBoundLines, ...autoprobeLines] : []), 'driver_deferred_probe_del(dev);'],
    // The step ends at device_links_write_unlock: driver_deferred_probe_del is the next step (its call
    // line is cited here). The consumer's add under device_links_write_lock drops deferred_probe_mutex
    // before the link writes after it, which stay under device_links_write_lock: a worker that takes
    // the consumer there blocks on that lock (device_links_check_suppliers) until the step is done.
    merges: 'driver_deferred_probe_del(dev) is the next step (its call line only); an AUTOPROBE_CONSUMER add drops deferred_probe_mutex still under device_links_write_lock, which every reader of the links after it takes',
    // deferred_probe_mutex only where the loop will call driver_deferred_probe_add and it gets past
    // dev_can_match (a review, 2026-12-05: it waited whenever dev supplied such a link).
    ...(autoprobe.length ? { await: (s: KS) => s.deferredProbeMutex === 0 || !autoprobe.some((l) => addsConsumer(s, l)), waits: namedMutexWaits('deferred_probe_mutex') } : {}),
    run: (s) => {
    s.dev[dev]!.bound = true;
    if (supplies) s.dev[dev]!.linksProbing = false;   // device_links_driver_bound: DL_DEV_DRIVER_BOUND (a write only where kept: --por reads writes as footprints)
    boundAddTail(s, dev);
    s.dev[dev]!.asked = 0;   // ghost: bound, every async attach request for it is answered (async-handover)
    if (k.on.DEVICE_LINKS) {
      oldLinkMet(k, s, dev, 'device_links_driver_bound');
      // device_links_driver_bound (core.c: 9ed9895370ae .. 6.18.16): every managed link to its
      // suppliers becomes ACTIVE, with WARN_ON(link->status != DL_STATE_CONSUMER_PROBE); its links
      // to its consumers become AVAILABLE, with WARN_ON(link->status != DL_STATE_DORMANT)
      // (links-no-warn). Since 15cfb0941603 (LINKS_NO_DRIVER_DORMANT: absent at 3451a495ef24,
      // present at fb583c8eeeb1) it skips those that are CONSUMER_PROBE or ACTIVE (links added to a
      // probing supplier). Not kept: SYNC_STATE_ONLY and inferred links (none here).
      for (const l of links) if (s.link[l.i]!.status !== 'NONE') s.link[l.i]!.status = 'ACTIVE';
      // (In list order where it puts consumers on the pending list: the order they are retried in.)
      for (const l of autoprobe.length ? byCreation(w, s, supplierLinks) : supplierLinks) {
        if (!madeAvailable(s, l)) continue;
        if (autoprobe.length && addsConsumer(s, l)) {
          // ghost: a consumer this add puts on the list is owed the retry of the trigger below by
          // each of its drivers (DevS.deferBy: no-lost-deferral), as the link check's add would.
          const c = s.dev[l.consumer]!;
          if (c.deferred === 'none') { deferredAdd(s, l.consumer); c.deferBy = (1 << Math.min(w.devices[l.consumer]!.drivers.length, DRIVER_BITS)) - 1; }
        }
        s.link[l.i]!.status = 'AVAILABLE';
      }
    }
    return 'driver_deferred_probe_del';
  } });
  f.step('driver_deferred_probe_del', { where: `${DD}:driver_deferred_probe_del`, c: DEL_LINES, await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
    run: (s) => { deferredDel(s, dev); return 'driver_deferred_probe_trigger'; } });
  f.step('driver_deferred_probe_trigger', { where: `${DD}:driver_deferred_probe_trigger`, c: triggerLines(k), merges: TRIGGER_MERGES, await: triggerAwait, waits: namedMutexWaits('deferred_probe_mutex'),
    run: (s, t) => { deferredTrigger(k, s); if (t.ret !== RET.EPROBE_DEFER) t.ret = RET.BOUND; return old ? 'done' : RETURN; } });
  // Source order: the error path (devres releasing the children probe() registered) comes after the bound path.
  // dev->driver = NULL, and where the error path goes next (one step: nothing the model keeps lies between).
  const unbindCleanup = (s: KS, t: { ret: number }) => {
    const d = s.dev[dev]!;
    if (d.driver === drv + 1) d.driver = 0;
    if (!old) return RETURN;
    return t.ret === RET.EPROBE_DEFER ? 'driver_deferred_probe_add' : 'done';
  };
  if (!unbindAfter) for (const [l, st] of cleanupSteps) f.step(l, { ...st, c: ['probe_failed: #part'] });
  // device_links_no_driver (links.ts), its body cited in core.c where the profile reads it: since
  // 15cfb0941603 (LINKS_NO_DRIVER_DORMANT) its CONSUMER_PROBE/ACTIVE links to consumers DORMANT, then
  // __device_links_no_driver, all under device_links_write_lock.
  const noDriver = k.has('DEVICE_LINKS') ? [...coreLines(k, 'device_links_no_driver', ['device_links_write_lock();',
    ...(k.has('LINKS_NO_DRIVER_DORMANT') ? [MANAGED_TEST, 'if (link->status == DL_STATE_CONSUMER_PROBE ||', 'link->status == DL_STATE_ACTIVE)', 'WRITE_ONCE(link->status, DL_STATE_DORMANT);'] : []),
    '__device_links_no_driver(dev);', 'device_links_write_unlock();']), ...noDriverLines(k)] : [];
  // The call line itself is cited too (8c97a46af04b:494, dd.c@v5.10.13:621, 5a7a9efdb193:704):
  // under a user's patch device_links_lock is a lock, found by a step's C lines (emit.ts
  // LINKS_LOCKED), and where the profile reads no core.c (v4.18, v5.9, v5.10, v5.19) noDriver is
  // empty, so this step ran device_links_no_driver while another thread held the lock (a links
  // audit, 2026-12-06; test/kernel/links.test.ts).
  const callNoDriver = k.has('DEVICE_LINKS') && !unbindAfter ? ['device_links_no_driver(dev);'] : [];
  // Entered only from a probe that defers or fails (probe_defer, the outcome step, their cleanups).
  const fails = info.needs.length > 0 || info.outcomes.some((o) => o !== 'ok');
  const nulKept = k.has('DEVICE_LINKS') && statelessLinksOf(w, drv, dev).length > 0;
  // Where really_probe's text calls device_unbind_cleanup (every text read from v5.19 on),
  // `dev->driver = NULL` (unbindCleanup) is that function's, so the step that runs it says so (s45 h7: `steps --function device_unbind_cleanup`
  // listed only the steps running its devres_release_all). Before, the C clears dev->driver inline.
  const unbindFn = textLines(k, DD, 'really_probe', ['device_unbind_cleanup(dev);']).length > 0 ? ['device_unbind_cleanup(dev);@2 #part #runs'] : [];
  // device_links_no_driver's unlock, then dev->driver = NULL (unbindCleanup, before v5.19), under the
  // device lock: a step in the window reads the links as after the step, dev->driver as before it.
  f.step('probe_failed', { merges: 'device_links_no_driver\'s unlock, then dev->driver = NULL under the device lock: the links read as after the step, dev->driver as before it, by any step in the window', where: `${DD}:really_probe`, ...(fails ? {} : { cannot: "really_probe's failure path, for a probe whose outcomes are all 'ok' and that needs no device" }), c: [unbindAfter ? 'probe_failed: ... device_links_no_driver(dev);' : 'probe_failed: ... done: #part', ...(unbindAfter ? [] : unbindFn), ...callNoDriver, ...noDriver], run: (s, t) => {
    if (k.on.DEVICE_LINKS) linksNoDriverAfterProbe(k, s, dev);
    if (nulKept && !heldOld(s, dev, me)) forgetNul(w, s, drv, dev);   // an old struct's probe leaves the slot's bit alone
    return unbindAfter ? firstChildCleanup : unbindCleanup(s, t);
  } });
  if (unbindAfter) {
    // devres_release_all(dev) (v5.19+: inside device_unbind_cleanup, not read here) removes the children, then `dev->driver = NULL`.
    const DEVRES = 'devres_release_all(dev);@2 || device_unbind_cleanup(dev);@2';
    for (const [l, st] of cleanupSteps) f.step(l, { ...st, c: [`${DEVRES} #part #runs`] });
    f.step('driver_null', { where: `${DD}:really_probe`, c: [`devres_release_all(dev);@2 ... done: || device_unbind_cleanup(dev);@2 ... done: #part`, ...unbindFn], run: (s, t) => unbindCleanup(s, t) });
  }
  if (old) {
    f.step('driver_deferred_probe_add', { where: `${DD}:driver_deferred_probe_add`, c: ADD_LINES, ...(defersAsWritten(k, dev, drv) ? {} : { cannot: NO_DEFER }),
      merges: 'the trigger-count test after the add\'s unlock (v4.2 inline, v4.15 .. v5.13 in driver_deferred_probe_add_trigger, whose call line the anchor resolves to): a trigger between them is read as one before the add, which the test re-triggers for too', await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
      run: (s) => { deferredAddBy(k, s, dev, drv); return 'done'; } });
    f.step('done', { where: `${DD}:really_probe`, c: ['atomic_dec(&probe_count);'], run: (s, t) => {
      probeDone(k, s, dev, defers);
      t.ret = t.ret === RET.BOUND ? RET.BOUND : RET.ZERO;
      return RETURN;
    } });
  }
  return f.done();
}

