/**
 * __device_attach (device_initial_probe / device_attach), its bus_for_each_drv walk over
 * __device_attach_driver, and __device_attach_async_helper (drivers/base/dd.c).
 *
 * The walk follows the bus's klist_drivers (paths/klist.ts): drivers in the order they were
 * registered (bus_add_driver adds at the tail; one unregistered and registered again goes to the
 * tail). Where a device has one matching driver there is no order to follow, and the walk is one
 * step that checks the driver is on the list and matches (klist_next and the match taken at
 * once), holding the node's reference only while it probes. Where it has more, klist_next is
 * taken in the step that ends the previous __device_attach_driver (the walk's entry step for the
 * first), as lib/klist.c does: it drops the reference on the node it leaves and takes one on the
 * next live node, which __device_attach_driver then runs on even if bus_remove_driver's
 * klist_remove marks it dead meanwhile (klist_remove waits for the reference).
 * v4.2 calls async_schedule with dev->mutex held; b232b02bf3c2 (v5.19) schedules after device_unlock.
 * The dead check of 654888327e9f is inserted by that patch (patches.ts), also for v5.9+.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { add } from '../../engine/add.js';
import { STALE, type KL, type KS } from '../state.js';
import { RET } from '../world.js';
import { asyncProgram, asyncScheduleStep } from './async.js';
import { drvNext, drvPut, walksDrivers } from './klist.js';
import { DD, allowsAsync, heldOld, lockStep, lockedStruct, mayBeAsync, staleEntry, storeLock, unlockDev } from './common.js';
import { driverProbeDevice, stopsWalk } from './really-probe.js';
import { MATCH_LINE, driverMatchSteps } from './driver-override.js';
import { matchDeferStep } from './match-defer.js';
import { attachFinds } from './owed.js';

/**
 * bus_for_each_drv(dev->bus, NULL, &data, __device_attach_driver): returns the walk's entry.
 * `after` picks where to go when the walk ends (t.ret = 0, or the nonzero value that stopped it).
 */
export function attachWalk(tb: ThreadBuilder, dev: number, frame: number, checkAsync: boolean, wantAsync: boolean,
  after: (s: KS, t: KL) => string | null): (s: KS, t: KL) => string | null {
  const k = tb.k, w = k.w;
  const drivers = w.devices[dev]!.drivers;
  if (drivers.length < 2) {
    const drv = drivers[0];
    if (drv === undefined) return after;
    const e = attachDriver(tb, dev, drv, frame, checkAsync, wantAsync, after, true, after);   // the walk ends after it
    return () => e;
  }
  // klist_next from `from` (-1: klist_iter_init), then the driver it returns, or the end of the walk.
  const entry = new Map<number, string>();
  const next = (from: number) => (s: KS, t: KL): string | null => {
    const drv = drvNext(w, s, dev, from);
    return drv < 0 ? after(s, t) : entry.get(drv)!;
  };
  for (const drv of drivers) entry.set(drv, attachDriver(tb, dev, drv, frame, checkAsync, wantAsync, after, false, next(drv)));
  return next(-1);
}

/**
 * __device_attach_driver(drv, data) on dev within the walk: its entry label. `cont` goes on with
 * the walk (klist_next past drv). `single`: the one-driver walk, whose step also stands for
 * klist_next (skips drv if off the bus, takes the reference only to probe); otherwise klist_next
 * has taken it already. A walk that stops drops it: next_driver moves to the next node before
 * `!error` ends the loop, and klist_iter_exit drops that one.
 */
function attachDriver(tb: ThreadBuilder, dev: number, drv: number, frame: number, checkAsync: boolean, wantAsync: boolean,
  after: (s: KS, t: KL) => string | null, single: boolean, cont: (s: KS, t: KL) => string | null): string {
  const k = tb.k, w = k.w;
  const f = tb.fn('__device_attach_driver', { dev, drv }, null);
  const stop = (s: KS, t: KL): string | null => { drvPut(w, s, drv); return after(s, t); };
  // The one-driver walk takes klist_next's reference only to probe, but a match of two steps
  // (the load of driver_override, then strcmp: driverMatchSteps) must hold it from the first, as
  // the C does: bus_remove_driver's klist_remove waits for it (found by a hunt, 2026-12-04: the
  // module was freed between the two steps and its driver probed).
  const early = single && w.devices[dev]!.override && !k.has('OVERRIDE_MATCH_LOCKED');
  const leave = early ? stop : cont;
  const probe = driverProbeDevice(tb, dev, drv, (s, t) => {
    if (stopsWalk(t.ret)) return stop(s, t);
    t.ret = RET.ZERO;
    return single ? stop(s, t) : cont(s, t);
  });
  // v4.2-v5.0: `if (dev->driver) return -EBUSY;` comes before driver_match_device, so a bound
  // device's walk never loads its driver_override.
  const busy = (s: KS, t: KL): string | null | undefined => {
    // A holder of the old struct's lock reads the old struct's dev->driver: NULL (common.ts heldOld).
    if (!k.on.ATTACH_DRIVER_EBUSY || s.dev[dev]!.driver === 0 || heldOld(s, dev, tb.owner)) return undefined;
    t.ret = RET.EBUSY;
    return single && !early ? after(s, t) : stop(s, t);
  };
  const rest = (s: KS, t: KL): string | null => {
    const a = allowsAsync(k, s, drv);
    if (a) t.haveAsync[frame] = 1;
    if (checkAsync && a !== wantAsync) return leave(s, t);
    if (single && !early) add(s.drv[drv]!, 'iterRefs', 1);
    return probe;
  };
  // The C of the whole callback: the checks are in this step (and strcmp's, for an override).
  const c = [...(k.has('ATTACH_DRIVER_EBUSY') ? ['if (dev->driver)'] : []), 'driver_match_device(drv, dev)',
    // `async_allowed = driver_allows_async_probing(drv);`: this step runs it (rest, allowsAsync), so
    // `steps --function driver_allows_async_probing` lists it (s45 h7: the walk's callback, its main caller, was missing).
    ...(k.has('ASYNC_PROBE') ? ['async_allowed = driver_allows_async_probing(drv); #runs', 'data->have_async = true;', 'if (data->check_async && async_allowed != data->want_async)'] : []), 'driver_probe_device(drv, dev);'];
  // The one-driver walk skips a driver off the bus here; klist_next skipped it otherwise.
  // A user's hunk that returns: bus_for_each_drv stops on a nonzero return value (t.ret), as on
  // busy; zero goes on with the walk.
  f.userReturns((s, t) => {
    if (t.ret !== RET.ZERO) return single && !early ? after(s, t) : stop(s, t);
    return leave(s, t);
  });
  // 765230b5f084 (v4.2) named it __device_attach_driver and added the async test; before, v3.6.0's
  // __device_attach (dd.c:379-387) matches and probes alike, and the step names no release of its own.
  driverMatchSteps(f, dev, drv, { where: `${DD}:__device_attach_driver`, ...(k.has('ASYNC_PROBE') ? { since: 'v4.2 (765230b5f084)' } : {}), c,
    skip: (s, t) => {
      if (single && !s.drv[drv]!.onBus) return after(s, t);
      if (early) add(s.drv[drv]!, 'iterRefs', 1);
      return busy(s, t);
    }, on: rest, off: leave, defer: () => 'driver_deferred_probe_add' });
  // A match that defers (match-defer.ts): since 25e9fbf0fd38 (v6.0-rc4) bus_for_each_drv stops on the -EPROBE_DEFER
  // it returns, as on busy; before, on to probe as on a match.
  const returns = k.has('MATCH_DEFER_RETURNS');
  // Under the old struct's lock (the slot added again since __device_attach locked it) it lists the old struct.
  matchDeferStep(f, dev, `${DD}:__device_attach_driver`, { returns: ["* Device can't match with a driver right now, so don't attempt", 'return ret;@1'], fallsThrough: c.slice(c.indexOf(MATCH_LINE) + 1) }, (s, t) => {
    if (!returns) return rest(s, t);
    t.ret = RET.EPROBE_DEFER;
    return single && !early ? after(s, t) : stop(s, t);
  }, (s) => heldOld(s, dev, tb.owner), (s) => lockedStruct(s, dev, tb.owner));
  return f.done();
}

/**
 * __device_attach(dev, allow_async). `held`: the caller took its reference to dev's struct
 * earlier (the deferred-probe worker, t.gen its DevS.gen then); if the slot has been deleted and
 * added again since, the struct is the old one, dead and unregistered, on which __device_attach
 * probes nothing (dead since v5.1; driver_probe_device's device_is_registered before): it
 * returns touching nothing of the new device (staleEntry).
 */
export function deviceAttach(tb: ThreadBuilder, dev: number, allowAsync: boolean, ret: Ret, held = false): string {
  const k = tb.k, me = tb.owner;
  const f = tb.fn('__device_attach', { dev }, ret);
  const frame = tb.enter();
  // Its walks (here and in the async helper it schedules, the only one that starts it) see the drivers' order.
  if (k.w.devices[dev]!.drivers.length > 1) walksDrivers(k.w, dev);
  const afterUnlock = k.has('ASYNC_AFTER_UNLOCK');
  const goAsync = (t: KL) => t.ret === RET.ZERO && allowAsync && t.haveAsync[frame] === 1;
  // A held struct may be replaced while the walk runs: driver_probe_device then refuses (really-probe.ts refuse).
  const build = () => attachWalk(tb, dev, frame, allowAsync, false,
    (_s, t) => (!afterUnlock && goAsync(t) ? f.label('async_schedule') : f.label('out_unlock')));
  const walk = held ? tb.asEntry(dev, build) : build();
  const canAsync = allowAsync && k.w.devices[dev]!.drivers.some((d) => mayBeAsync(k, d));
  // The synchronous fallback runs the helper inline, here.
  const inline = canAsync ? deviceAttachAsyncHelper(tb, dev, afterUnlock ? ret : f.label('out_unlock'), false, held) : '';

  const locked = lockStep(k, dev, me, `${DD}:__device_attach`, (s, t) => {
    t.ret = RET.ZERO;
    t.haveAsync[frame] = 0;
    const d = s.dev[dev]!;
    if (d.driver !== 0) { t.ret = d.bound ? RET.BOUND : RET.ZERO; return 'out_unlock'; }
    attachFinds(k, s, dev, false);   // every driver on the bus owes it a probe (no-missed-probe)
    return 'bus_for_each_drv';
  });
  // A held struct deleted and added again since: the C locks that one, waiting for its holder, and
  // probes nothing there (storeLock, as the sysfs stores; s39 h19: it went past the holder).
  const oldStruct = (t: KL) => { t.ret = RET.ZERO; t.haveAsync[frame] = 0; return 'out_unlock'; };
  f.step('device_lock', { ...(held ? storeLock(k, dev, me, locked, oldStruct) : locked),
  // v3.x names it device_attach (profiles.ts `renamed`); device_is_bound() wraps klist_node_attached() since v4.x.
  c: ['device_lock(dev);', 'if (dev->driver) { || } else if (dev->driver) {', 'if (klist_node_attached(&dev->p->knode_driver)) { || if (device_is_bound(dev)) {', 'ret = bus_for_each_drv(dev->bus, NULL,'] });
  f.route('bus_for_each_drv', walk);
  const schedule = (): void => {
    if (!canAsync) return;
    const st = asyncScheduleStep(tb, asyncProgram('__device_attach_async_helper', k.vn(dev)), inline,
      afterUnlock ? RETURN : 'out_unlock', `${DD}:__device_attach`, afterUnlock ? 'v5.19 (b232b02bf3c2): after device_unlock' : 'v4.2 (765230b5f084): dev->mutex held', dev,
      // The struct it locked: its caller's (held), or the old one where the slot was added again under
      // its lock (lockedStruct; from v5.19, after the unlock, an old struct is dead and 654888327e9f's
      // test sent it to out_unlock with no async).
      held || afterUnlock ? held : (s, _t) => lockedStruct(s, dev, me));
    f.step('async_schedule', { ...st, c: afterUnlock ? ['if (async)', 'async_schedule'] : ['async_schedule'] });
  };
  // Source order: until b232b02bf3c2 async_schedule sits inside the locked region, after it past device_unlock.
  if (!afterUnlock) schedule();
  f.step('out_unlock', { where: `${DD}:__device_attach`, c: ['device_unlock(dev);'], run: (s, t) => {
    if (!(held && t.gen === STALE)) unlockDev(s, dev, me);   // STALE: a struct two adds old, whose lock it never took
    return afterUnlock && goAsync(t) ? 'async_schedule' : RETURN;
  } });
  if (afterUnlock) schedule();
  tb.leave();
  return f.done();
}

/**
 * __device_attach_async_helper(dev): the async pass over drivers that want async probing.
 * `spawned`: built as an async entry's thread (not run inline by async_schedule's fallback);
 * `held`: run inline for a caller that holds an earlier struct (deviceAttach's `held`). Either
 * way the struct may be an old one (staleEntry).
 */
export function deviceAttachAsyncHelper(tb: ThreadBuilder, dev: number, ret: Ret, spawned = false, held = false): string {
  const k = tb.k, me = tb.owner;
  const f = tb.fn('__device_attach_async_helper', { dev }, ret);
  const frame = tb.enter();
  const own = spawned || held;
  const walk = tb.asEntry(own ? dev : -1, () => attachWalk(tb, dev, frame, true, true, () => f.label('out_unlock')));
  const locked = lockStep(k, dev, me, `${DD}:__device_attach_async_helper`, (s, t) => {
    t.ret = RET.ZERO;
    t.haveAsync[frame] = 0;
    // 3451a495ef24 (v5.1): skip dead or already bound devices.
    if (k.on.DEAD_FLAG && (s.dev[dev]!.dead || s.dev[dev]!.driver !== 0)) return 'out_unlock';
    attachFinds(k, s, dev, true);
    return 'bus_for_each_drv';
  }, k.has('DEAD_FLAG') ? 'v5.1 (3451a495ef24)' : 'v4.2 (765230b5f084)');
  f.step('device_lock', { ...(own ? staleEntry(dev, locked, (t) => { t.ret = RET.ZERO; return 'out_unlock'; }, spawned ? 0 : me) : locked),
    c: ['device_lock(dev);', ...(k.has('DEAD_FLAG') ? ['if (dev->p->dead || dev->driver)'] : []), 'bus_for_each_drv(dev->bus, NULL, &data, __device_attach_driver);'] });
  f.route('bus_for_each_drv', walk);
  f.step('out_unlock', { where: `${DD}:__device_attach_async_helper`, c: ['device_unlock(dev);'], run: (s, t) => { if (t.gen !== STALE) unlockDev(s, dev, me); return RETURN; } });
  tb.leave();
  return f.done();
}
