/**
 * Unbinding: device_release_driver(_internal) and __device_release_driver (drivers/base/dd.c).
 * Before v5.1 __device_release_driver calls async_synchronize_full for async-capable drivers with
 * the device lock (and for driver_detach the parent's) held; "driver core: Move async_synchronize_full
 * call" (Alexander Duyck, in driver-core by 2018-12-06: v5.0-rc1 by ancestry, flag
 * ASYNC_SYNC_IN_DRIVER_DETACH) moved it into driver_detach, before any lock. drv->remove runs in its
 * own step so properties see it.
 *
 * Device links (DEVICE_LINKS, v4.10): while device_links_busy (a consumer link is CONSUMER_PROBE or
 * ACTIVE) the supplier's lock(s) are dropped and device_links_unbind_consumers waits for probing
 * consumers (wait_for_device_probe) or unbinds active ones, then the lock(s) are retaken.
 * After relocking, `if (dev->driver != drv) return;`: drv as it was when the lock was dropped
 * (another thread may have released drv and bound another driver in the window).
 *
 * The pre-fix shape (NEED_PARENT_LOCK without LINKS_LOOP_PARENT_TEST or DRIVER_LOCK_HELPERS, v4.18): the loop drops
 * and retakes whatever `parent` it is given, `if (parent)` (dd.c@torvalds@8c97a46af04b:862-867),
 * while device_release_driver_internal locked it only `if (parent && dev->bus->need_parent_lock)`
 * (922-923, 930-931). On a bus without need_parent_lock the loop unlocks a parent mutex this
 * thread does not hold and returns holding it (unlock-balance). e121a833745b ("driver core: Add
 * missing dev->bus->need_parent_lock checks", Rafael J. Wysocki, Fixes: 8c97a46af04b, committed to
 * driver-core 2018-12-19 after the sync's move: v5.0-rc1 by ancestry, unverified; its cgit page read,
 * s43 h4) made the loop test `parent && dev->bus->need_parent_lock` inline (3451a495ef24, v5.1-rc1,
 * has it; v4.19's text lacks it): flag LINKS_LOOP_PARENT_TEST, v5.0 (settled by ancestry, not read
 * in a v5.0 tree). From v5.1 the loop calls __device_driver_(un)lock, which test the same
 * (ed88747c6c4a; dd.c@torvalds@376991db4b64:1029, 1033; flag DRIVER_LOCK_HELPERS, patch
 * device-driver-lock). Either drops the parent exactly where its caller locked it and passed it
 * (withParent; v5.0's unbind_store locks it but passes NULL through device_release_driver).
 * The sync of async-capable drivers comes before the loop (8c97a46af04b:857-858, 860).
 */
import { RETURN, type Kernel, type Ret, type ThreadBuilder } from '../emit.js';
import { supplierSlot, type KL, type KS } from '../state.js';
import { asyncSynchronizeFullStep, waitForDeviceProbe } from './async.js';
import { DD, allowsAsync, heldOld, lockStep, mutexWaits, takeMutex, takesParentLock, unlockDev } from './common.js';
import { MANAGED_TEST, coreLines, deviceLinkDel, endLinksProbing, linksDriverCleanup, noDriverLines, oldLinkMet, statelessLinksOf } from './links.js';
import { boundRemove, byCreation } from './klist.js';
import { deviceDel } from './device-del.js';
import { registersFor } from '../world.js';
import { releaseGhost } from './owed.js';

/**
 * __device_release_driver's device-links test steps (`device_links_busy`) of devices with a parent,
 * by label, per kernel: the parent, whether the loop drops it (`drops`: the caller's parent under
 * __device_driver_unlock, or before the fix any `parent` it is passed), and the label the busy
 * branch goes on to. unlock-balance (properties.ts) asks it: the state cannot tell an unlock of a
 * free mutex (the C's mutex_unlock leaves it free) from no unlock.
 */
export interface LoopParent {
  /** The thread (owner) whose program has the step: labels repeat across threads (each actor's block of one device). */
  owner: number; dev: number; parent: number; drops: boolean; unbind: string;
  /** The caller holds the parent (withParent): the loop may drop and retake it. */
  held: boolean;
  /** The block's label prefix (`__device_release_driver(pmic)...:`) and its relock of the parent. */
  prefix: string; relockParent: string;
}
const LOOP_PARENTS = new WeakMap<Kernel, Map<string, LoopParent[]>>();
export function loopParents(k: Kernel): ReadonlyMap<string, readonly LoopParent[]> {
  return LOOP_PARENTS.get(k) ?? new Map();
}

/**
 * __device_release_driver(dev): a block whose entry router the caller uses right after taking
 * the lock(s): `enter(s, skip, only)` gives the first step to run, or `skip` when dev->driver is
 * NULL (or, for device_release_driver_internal(dev, drv), not `only`). `withParent`: the caller
 * holds the parent's lock too (dropped and retaken around device_links_unbind_consumers).
 */
export function releaseDriver(tb: ThreadBuilder, dev: number, ret: Ret, withParent = false, parentArg = withParent): (s: KS, skip: string, only?: number) => string {
  const k = tb.k, me = tb.owner, w = k.w, parent = w.devices[dev]!.parent;
  const f = tb.fn('__device_release_driver', { dev }, ret);
  const syncHere = !k.has('ASYNC_SYNC_IN_DRIVER_DETACH') && k.has('ASYNC_PROBE');
  const consumers = k.has('DEVICE_LINKS') ? w.links.filter((l) => !l.stateless && l.supplier === dev) : [];
  // Which parent the loop drops: the one its caller holds (`parent && dev->bus->need_parent_lock`,
  // inline at v5.0, in __device_driver_unlock from v5.1), or before the fix any non-NULL `parent`
  // argument (`if (parent)`), held or not. The inline test needs the argument too: v5.0's
  // unbind_store holds the parent on a need_parent_lock bus but calls device_release_driver, which
  // passes NULL (bus.c@v4.19.y unbind_store, dd.c@v4.19.y device_release_driver), so its loop drops
  // nothing (until s43 h10 v5.0 dropped it there).
  const helpers = k.has('DRIVER_LOCK_HELPERS');
  const drops = helpers ? withParent : k.has('LINKS_LOOP_PARENT_TEST') ? parentArg && withParent : parentArg && parent >= 0;
  const sync = (s: KS) => syncHere && allowsAsync(k, s, s.dev[dev]!.driver - 1);
  const afterSync = consumers.length > 0 ? 'device_links_busy' : 'remove';
  const slot = supplierSlot(w, dev);

  // Before the device-links loop (8c97a46af04b:857-858, 860). The entry router below skips the
  // step for a driver that does not probe asynchronously: an insert at the entry would not run there.
  if (syncHere) f.entersPast = `its callers' lock step tests driver_allows_async_probing(drv) and enters at '${afterSync}' for a driver that does not probe asynchronously, skipping async_synchronize_full, the first step`;
  if (syncHere) f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(`${DD}:__device_release_driver (device lock held)`, afterSync), c: ['if (driver_allows_async_probing(drv)) #runs', 'async_synchronize_full();'] });
  if (consumers.length > 0) {
    // Consumers' releases and the probe wait, inlined (the link graph is acyclic).
    const wait = waitForDeviceProbe(tb, f.label('device_links_unbind_consumers'));
    const unbind = new Map(consumers.map((l) => [l.i, releaseInternal(tb, l.consumer, f.label('device_links_unbind_consumers'))]));
    if (parent >= 0) {
      let m = LOOP_PARENTS.get(k);
      if (!m) LOOP_PARENTS.set(k, m = new Map());
      // Per thread: two actors' releases of one device share the label (until s42 h15 the last one
      // built stood for both, so a sysfs unbind declared after an rmmod hid the rmmod's drop).
      const busy = f.label('device_links_busy'), here = m.get(busy) ?? [];
      m.set(busy, here);
      here.push({ owner: me, dev, parent, drops, unbind: f.label('device_links_unbind_consumers'), held: withParent,
        prefix: busy.slice(0, busy.length - 'device_links_busy'.length), relockParent: drops ? f.label('relock_parent') : '' });
    }
    f.step('device_links_busy', { where: `${DD}:__device_release_driver -> drivers/base/core.c:device_links_busy`, since: 'v4.10 (9ed9895370ae)',
      c: [...(helpers
        ? ['while (device_links_busy(dev)) {', '__device_driver_unlock(dev, parent);', '__device_driver_unlock:: device_unlock(dev);', ...(drops ? ['__device_driver_unlock:: device_unlock(parent);'] : [])]
        : ['while (device_links_busy(dev)) {', 'device_unlock(dev);', ...(drops ? ['device_unlock(parent);'] : [])]),
        // Its body, under device_links_write_lock: one atomic step with the test that calls it
        // (held to core.c where the profile reads it).
        ...coreLines(k, 'device_links_busy', ['device_links_write_lock();', MANAGED_TEST, 'if (link->status == DL_STATE_CONSUMER_PROBE', '|| link->status == DL_STATE_ACTIVE) {',
          'WRITE_ONCE(link->status, DL_STATE_SUPPLIER_UNBIND);', 'dev->links.status = DL_DEV_UNBINDING;', 'device_links_write_unlock();'])],
      run: (s, t) => {
      // device_links_busy (core.c at 3451a495ef24, 5.15.100, 6.6.y): SUPPLIER_UNBIND on each link up to
      // the first busy one (CONSUMER_PROBE or ACTIVE), then DL_DEV_UNBINDING whether busy or not.
      oldLinkMet(k, s, dev, 'device_links_busy');
      let busy = false;
      for (const l of byCreation(w, s, consumers)) {
        const st = s.link[l.i]!;
        if (st.status === 'NONE') continue;
        if (st.status === 'CONSUMER_PROBE' || st.status === 'ACTIVE') { busy = true; break; }
        st.status = 'SUPPLIER_UNBIND';
      }
      s.dev[dev]!.linksUnbinding = true;           // dev->links.status = DL_DEV_UNBINDING
      endLinksProbing(s, dev);
      if (busy) {
        // drv, for the test after relocking; past the drivers' numbers where the parent's lock this
        // thread drops is its deleted struct's (the parent added again under it, DevS.oldMutex):
        // dev->parent is that old struct, which relock_parent locks again.
        const oldParent = drops && heldOld(s, parent, me);
        t.relDrv[slot] = s.dev[dev]!.driver + (oldParent ? w.drivers.length : 0);
        unlockDev(s, dev, me);                       // device_unlock(dev)
        // device_unlock(parent): before the fix also when this thread does not hold it (mutex_unlock
        // of a mutex held by another thread, or by none). The old parent's where it holds that one
        // (unlockDev; until s38 h9 this cleared the new parent's lock and left the old one held).
        // The C unlocks and relocks the `parent` it was given, driver_detach's dev->parent
        // (dd.c@v5.10.13:653, 657, 526-538, 759).
        if (drops) unlockDev(s, parent, me);
        return 'device_links_unbind_consumers';
      }
      return 'remove';
    } });
    f.step('device_links_unbind_consumers', { where: 'drivers/base/core.c:device_links_unbind_consumers', since: 'v4.10 (9ed9895370ae)',
      // One step: the walk under device_links_write_lock, and its exit to wait_for_device_probe or
      // device_release_driver_internal (each `goto start` comes back here), or out.
      c: ['drivers/base/dd.c:__device_release_driver:: device_links_unbind_consumers(dev);', 'device_links_write_lock(); ... device_links_write_unlock();@3'],
      merges: 'the walk\'s text: one run ends at the first device_links_write_unlock it reaches, going on to wait_for_device_probe\'s or device_release_driver_internal\'s steps, or out', run: (s) => {
      for (const l of byCreation(w, s, consumers)) {
        const st = s.link[l.i]!;
        if (st.status === 'CONSUMER_PROBE') return wait;
        if (st.status === 'NONE') continue;
        // WRITE_ONCE(link->status, DL_STATE_SUPPLIER_UNBIND) for every link it passes, then unbind an active consumer.
        const was = st.status;
        st.status = 'SUPPLIER_UNBIND';
        if (was === 'ACTIVE') return unbind.get(l.i)!;
      }
      return drops ? 'relock_parent' : 'relock';
    } });
    // Before DRIVER_LOCK_HELPERS (v5.1) the relock is inline, and traces must not name a helper the text lacks.
    const relockAt = (what: string) => (helpers ? `${DD}:__device_release_driver -> ${DD}:__device_driver_lock` : `${DD}:__device_release_driver (${what})`);
    // The old parent struct's lock where it dropped that one (relDrv past the drivers' numbers): the
    // slot's parent is the new struct now (a model limit: where the parent was added again and
    // another thread holds the old lock, one per device, it waits for that one).
    const oldParent = (t: KL) => t.relDrv[slot]! > w.drivers.length;
    if (drops) f.step('relock_parent', { where: relockAt('device_lock(parent)'), c: [helpers ? '__device_driver_lock:: device_lock(parent);' : 'device_lock(parent);'],
      await: (s, t) => (oldParent(t) ? s.dev[parent]!.oldMutex === 0 : s.dev[parent]!.mutex === 0),
      waits: mutexWaits(k, parent), run: (s, t) => { if (oldParent(t)) s.dev[parent]!.oldMutex = me; else takeMutex(k, s, parent, me); return 'relock'; } });
    f.step('relock', { ...lockStep(k, dev, me, relockAt('device_lock(dev)'), (s, t) => {
      const r = t.relDrv[slot]!, drv = r > w.drivers.length ? r - w.drivers.length : r;
      t.relDrv[slot] = 0;
      return s.dev[dev]!.driver !== drv ? RETURN : 'device_links_busy';
    }),
      c: [...(helpers ? ['__device_driver_lock(dev, parent);', '__device_driver_lock:: device_lock(dev);'] : ['device_lock(dev);']), 'if (dev->driver != drv)'] });
  }
  // ->remove (or devres, just after it) deletes the devices its probe registered: device_unregister of each
  // (the probe error path does the same, really-probe.ts). A false-alarm hunt found children
  // outliving their parent's unbind in the model, so a later probe of a child found its parent
  // unbound in one thread, with no race.
  const children = new Map<number, string>();
  const childSteps: (() => void)[] = [];   // defined after ->remove, in source order
  const named = new Set<string>();
  for (const drv of w.devices[dev]!.drivers) {
    let next = f.label('devres_release_all');
    for (const c of [...registersFor(w, drv, dev)].reverse()) {
      const l = `device_unregister(${k.vn(c)})`, after = next;
      if (!named.has(l)) {
        named.add(l);
        const del = deviceDel(tb, c, after);
        childSteps.unshift(() => f.step(l, { where: `${DD}:__device_release_driver (devres or drv->remove: device_unregister(${k.vn(c)}))`,
          c: ['drv->remove(dev); || device_remove(dev); #part'], run: (s) => (s.dev[c]!.registered ? del : after) }));
      }
      next = f.label(l);
    }
    if (next !== f.label('devres_release_all')) children.set(drv, next);
  }
  // ->remove of a driver that added stateless links deletes them (B16).
  const unlink = new Map<number, string>();
  if (k.has('DEVICE_LINKS')) for (const drv of w.devices[dev]!.drivers) {
    const end = children.get(drv) ?? f.label('devres_release_all');
    let next = end;
    for (const li of [...statelessLinksOf(w, drv, dev)].reverse()) next = deviceLinkDel(tb, li, dev, next);
    if (next !== end) unlink.set(drv, next);
  }
  f.step('remove', { where: `${DD}:__device_release_driver (drv->remove)`, c: ['drv->remove(dev); || device_remove(dev);'], run: (s) => {
    s.dev[dev]!.removing = me;
    const drv = s.dev[dev]!.driver - 1;
    return unlink.get(drv) ?? children.get(drv) ?? 'devres_release_all';
  } });
  for (const define of childSteps) define();
  // The where names what the step runs (a new kernel developer, 2026-12-06, reviewing 2e84dc379200,
  // which reorders the two calls, looked for device_links_driver_cleanup and found no step of it).
  // Under the device lock throughout. After device_links_driver_cleanup's unlock come dev->driver = NULL
  // (before v5.19) and klist_remove: a driver_detach in the window that picks dev off drv's list
  // blocks on the device lock and finds dev->driver != drv after it, as one that picked it just
  // before the step does; a lockless reader reads dev->driver as before the step.
  f.step('devres_release_all', { merges: 'device_links_driver_cleanup\'s unlock, then dev->driver = NULL (before v5.19) and klist_remove under the device lock: a driver_detach that picks dev there waits for that lock as one that picked it before the step', where: `${DD}:__device_release_driver (${k.has('DEVICE_LINKS') ? 'device_links_driver_cleanup, ' : ''}devres_release_all, dev->driver = NULL)`,
    c: [...(k.has('DEVICE_LINKS') ? ['device_links_driver_cleanup(dev);'] : []), 'devres_release_all(dev); || device_unbind_cleanup(dev); #runs', 'dev->driver = NULL; || device_unbind_cleanup(dev);', 'klist_remove(&dev->p->knode_driver);',
      // device_links_driver_cleanup's body under device_links_write_lock (core.c where the profile
      // reads it): managed links to consumers DORMANT, then __device_links_no_driver. Not cited: the
      // WARN_ONs (links-no-warn checks them on this step), DL_FLAG_AUTOREMOVE_SUPPLIER's deletion and
      // defer_sync (not modelled).
      ...(k.has('DEVICE_LINKS') ? [...coreLines(k, 'device_links_driver_cleanup', ['device_links_write_lock();', MANAGED_TEST, 'WRITE_ONCE(link->status, DL_STATE_DORMANT);',
        '__device_links_no_driver(dev);', 'device_links_write_unlock();']), ...noDriverLines(k)] : [])],
    run: (s) => {
    const d = s.dev[dev]!;
    boundRemove(s, dev);
    d.removing = 0; d.driver = 0; d.bound = false; d.linksUnbinding = false;
    releaseGhost(k, s, dev);   // no-missed-probe's ghost; device_del's own release sets delStarted first
    // device_links_driver_cleanup (links.ts): links to consumers DORMANT, then __device_links_no_driver
    // for the links to suppliers, in the shape of the profile's flags.
    if (k.on.DEVICE_LINKS) linksDriverCleanup(k, s, dev);
    return RETURN;
  } });
  // The first step is entered by done()'s label, through an insert at the entry (after: null): a label
  // taken before done() is the step itself, past the insert (s50 h16: from v5.0, where the router
  // went to f.label(afterSync), the first step, such an insert never ran).
  const past = f.label(afterSync), entry = f.done();
  return (s, skip, only) => {
    const drv = s.dev[dev]!.driver;
    if (drv === 0 || (only !== undefined && drv !== only + 1)) return skip;
    return syncHere && !sync(s) ? past : entry;
  };
}

/**
 * device_release_driver(dev): lock dev, release, unlock (no parent lock: a USB caller holds it).
 * `stale`: device_del's struct is no longer the slot's (deviceDel `keep`): its lock and release are
 * the old struct's, with no driver left, and it returns at once.
 */
export function deviceReleaseDriver(tb: ThreadBuilder, dev: number, ret: Ret, stale?: (s: KS, t: KL) => boolean): string {
  const k = tb.k, me = tb.owner;
  const f = tb.fn('device_release_driver', { dev }, ret);
  const rel = releaseDriver(tb, dev, f.label('device_unlock'));
  const c = releaseLockLines(k.has('NEED_PARENT_LOCK'), 'device_release_driver_internal(dev, NULL, NULL);', k.has('DRIVER_LOCK_HELPERS'));
  const lock = lockStep(k, dev, me, `${DD}:device_release_driver`, (s) => rel(s, 'device_unlock'));
  f.step('device_lock', { ...lock, c: c.lock, ...(stale ? { await: (s: KS, t: KL) => stale(s, t) || lock.await!(s, t), run: (s: KS, t: KL, b: number, x: Parameters<typeof lock.run>[3]) => (stale(s, t) ? RETURN : lock.run(s, t, b, x)) } : {}) });
  f.step('device_unlock', { where: `${DD}:device_release_driver`, c: c.unlock, run: (s) => { unlockDev(s, dev, me); return RETURN; } });
  return f.done();
}

/**
 * The C of device_release_driver's lock and unlock, for a caller's two steps: v3.6.0 and v4.5
 * lock the device around __device_release_driver; by v5.1 it calls
 * device_release_driver_internal (`call`), whose __device_driver_lock takes the parent only on a
 * bus that needs it (here: no parent, as device_release_driver passes NULL or the caller holds it).
 */
export function releaseLockLines(internal: boolean, call: string, helpers = true): { lock: string[]; unlock: string[] } {
  if (!internal) return { lock: ['device_lock(dev);', '__device_release_driver(dev);', '__device_release_driver:: if (drv) {'], unlock: ['device_unlock(dev);'] };
  // v4.18 (8c97a46af04b:925-929): device_release_driver_internal locks inline, no helpers yet.
  if (!helpers) return {
    lock: [call, 'device_release_driver_internal:: device_lock(dev);', 'device_release_driver_internal:: if (!drv || drv == dev->driver)', '__device_release_driver:: if (drv) {'],
    unlock: ['device_release_driver_internal:: device_unlock(dev);'],
  };
  return {
    lock: [call, 'device_release_driver_internal:: __device_driver_lock(dev, parent);', '__device_driver_lock:: device_lock(dev);',
      'device_release_driver_internal:: if (!drv || drv == dev->driver)', '__device_release_driver:: if (drv) {'],
    unlock: ['device_release_driver_internal:: __device_driver_unlock(dev, parent);', '__device_driver_unlock:: device_unlock(dev);'],
  };
}

/**
 * device_release_driver_internal(dev, drv, dev->parent): __device_driver_lock, release if
 * `!drv || drv == dev->driver`, unlock. `only` is drv (driver_detach), or undefined (NULL).
 */
export function releaseInternal(tb: ThreadBuilder, dev: number, ret: Ret, only?: number): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent;
  // Before 8c97a46af04b (v4.18) it locks any parent it is passed: `if (parent) device_lock(parent);`
  // (dd.c at 9ed9895370ae, v4.10, read with read_file by an audit of 2026-12-05, which found the
  // parent never locked here before v4.18: a deadlock on the parent missed, and one invented by the
  // parent __device_release_driver dropped and retook).
  const pl = takesParentLock(k, dev);
  const f = tb.fn('device_release_driver_internal', { dev }, ret);
  // Its callers pass dev->parent (driver_detach; device_links_unbind_consumers: consumer->parent,
  // core.c@torvalds@00500147cbd3:178-179, ~v5.1, and kernel/torvalds@9ed9895370ae core.c, v4.10).
  const rel = releaseDriver(tb, dev, f.label('device_unlock'), pl, true);
  // Before DRIVER_LOCK_HELPERS the same locking is inline (8c97a46af04b:922-931).
  const h = k.has('DRIVER_LOCK_HELPERS');
  if (pl) f.step('lock_parent', { where: h ? `${DD}:device_release_driver_internal -> ${DD}:__device_driver_lock` : `${DD}:device_release_driver_internal (device_lock(parent))`, c: [h ? '__device_driver_lock:: device_lock(parent);' : 'device_lock(parent);'],
    await: (s) => s.dev[parent]!.mutex === 0, waits: mutexWaits(k, parent), run: (s) => { takeMutex(k, s, parent, me); return 'device_lock'; } });
  f.step('device_lock', { ...lockStep(k, dev, me, `${DD}:device_release_driver_internal`, (s) => rel(s, 'device_unlock', only)),
    c: [...(h ? ['__device_driver_lock(dev, parent);', '__device_driver_lock:: device_lock(dev);'] : ['device_lock(dev);']), 'if (!drv || drv == dev->driver)', '__device_release_driver:: if (drv) {'] });
  f.step('device_unlock', { where: `${DD}:device_release_driver_internal`,
    c: h ? ['__device_driver_unlock(dev, parent);', '__device_driver_unlock:: device_unlock(dev);', ...(pl ? ['__device_driver_unlock:: device_unlock(parent);'] : [])]
      : ['device_unlock(dev);', ...(pl ? ['device_unlock(parent);'] : [])],
    run: (s) => {
      unlockDev(s, dev, me);
      if (pl) unlockDev(s, parent, me);
      return RETURN;
    } });
  return f.done();
}
