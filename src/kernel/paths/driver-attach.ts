/**
 * driver_register -> bus_add_driver -> driver_attach -> __driver_attach (drivers/base/bus.c, dd.c),
 * and the two async forms: v4.2 schedules the whole driver_attach (driver_attach_async, bus.c);
 * since ef0ff68351be (v5.1) __driver_attach schedules __driver_attach_async_helper per device,
 * recording the driver in dev->p->async_driver.
 *
 * The bus_for_each_dev walk visits matching devices, and those whose driver_override is written,
 * in the order they were added to the bus klist, skipping those deleted before it reaches them
 * (paths/klist.ts).
 */
import { RETURN, type Block, type Kernel, type KStep, type Ret, type ThreadBuilder } from '../emit.js';
import { STALE, driverBit, structRef, type KL, type KS } from '../state.js';
import { RET } from '../world.js';
import { asyncProgram, asyncScheduleStep } from './async.js';
import { BUS, DD, DRIVER_C, allowsAsync, heldOld, linesIn, textLines, mayBeAsync, mutexWaits, takeMutex, takesParentLock, staleEntry, storeLock, unlockDev } from './common.js';
import { busNext, drvAddTail, holdsOld, walkVisits } from './klist.js';
import { driverProbeDevice, driverProbeDeviceNoCount } from './really-probe.js';
import { driverMatchSteps, matchesById, oldOverrideMatches } from './driver-override.js';
import { defersMatch, matchDeferStep } from './match-defer.js';
import { isUserPatch } from '../define-patch.js';
import { walkPasses, walkStarts, walkerOf } from './owed.js';
import { queueTimeoutWork, timeoutPending } from './late-initcall.js';

/**
 * bus_add_driver(drv), as called by driver_register. Before 190888ac01d0 (v3.6.0 bus.c:691) it
 * walks the devices (driver_attach) first and puts the driver on the bus klist after: a device
 * added meanwhile finds no driver on the list, and the driver's walk has passed it (B2).
 */
export function busAddDriver(tb: ThreadBuilder, drv: number, ret: Ret): string {
  const k = tb.k, info = k.w.drivers[drv]!;
  const f = tb.fn('bus_add_driver', { drv }, ret);
  const early = k.has('BUS_LIST_BEFORE_PROBE');
  const wholeAsync = !k.has('PER_DEVICE_ASYNC_ATTACH') && mayBeAsync(k, drv);
  const after = early ? 'add_bind_files' : 'klist_add_tail';
  // Not built on a bus that does not autoprobe (no step writes its autoprobe; busProbeDevice, which
  // says why not with a patch of yours either): nor is the `driver_attach` link below.
  const walks = k.w.buses[info.bus]!.autoprobe;
  const attach = walks ? driverAttach(tb, drv, f.label(after)) : '';
  const inline = walks && wholeAsync ? driverAttach(tb, drv, f.label(after)) : ''; // the sync fallback runs it here
  const autoprobe = 'if (drv->bus->p->drivers_autoprobe) { || if (sp->drivers_autoprobe) {';
  const probeOrNot = (s: KS): string => {
    if (!s.bus[info.bus]!.autoprobe) return after;
    if (wholeAsync && allowsAsync(k, s, drv)) return 'async_schedule';
    return attach;
  };
  // driver_register (drivers/base/driver.c, kept in kernel/ at v3.6.0 (read by v3.5), v5.10.13 (v5.10,
  // v5.15) and torvalds@010e85f9e47c, release not identified, read by no profile; v6.6, v6.12 and
  // mainline read no driver.c, so their step leaves these lines out):
  // `other = driver_find(drv->name, drv->bus); if (other) { ...; return -EBUSY; }` before
  // bus_add_driver. driver_find looks the name up in the bus's drivers kset, which the driver
  // joins at bus_add_driver's kobject_init_and_add and leaves at bus_remove_driver's kobject_put:
  // `alive` here. A register that finds it there does nothing. The lookup is taken in the step
  // that joins the kset (a second registration racing the first past driver_find would fail
  // there, in kobject_init_and_add; that error path is not modelled).
  const registered = (s: KS) => s.drv[drv]!.alive;
  const findLines = linesIn(k, DRIVER_C, 'driver_register', ['other = driver_find(drv->name, drv->bus);', 'if (other) {', 'return -EBUSY;']);
  if (!early) {
    f.step('kobject_init_and_add', { where: `${BUS}:bus_add_driver`, since: 'before 190888ac01d0', c: ['kobject_init_and_add(&priv->kobj, &driver_ktype, NULL,', autoprobe, 'error = driver_attach(drv);', ...findLines],
      run: (s) => { if (registered(s)) return RETURN; const d = s.drv[drv]!; d.alive = true; d.unregDone = false; return probeOrNot(s); } });
  }
  // v4.2 .. v5.0 (765230b5f084 .. ef0ff68351be) test the driver's async probing here, in the branch
  // the step takes (v4.19.y bus.c: `if (driver_allows_async_probing(drv)) {` before async_schedule).
  const asyncTest = k.has('ASYNC_PROBE') && !k.has('PER_DEVICE_ASYNC_ATTACH') ? ['if (driver_allows_async_probing(drv)) { #runs'] : [];
  f.step('klist_add_tail', { where: `${BUS}:bus_add_driver`, since: early ? 'v3.8/v3.9 (190888ac01d0)' : undefined,
    c: early ? ['klist_add_tail(&priv->knode_bus,', autoprobe, ...asyncTest, 'error = driver_attach(drv);', ...findLines] : ['klist_add_tail(&priv->knode_bus,'], run: (s) => {
      if (early && registered(s)) return RETURN;
      const d = s.drv[drv]!;
      drvAddTail(k.w, s, drv);
      d.onBus = true;
      if (!early) return 'add_bind_files';
      d.alive = true; d.unregDone = false;
      return probeOrNot(s);
    } });
  if (walks && wholeAsync) {
    // Held to bus.c of v4.19.y at v4.18 and v5.0 (no bus.c of v4.2 .. v4.14 read).
    f.step('async_schedule', { ...asyncScheduleStep(tb, asyncProgram('driver_attach_async', k.dn(drv)), inline, after, `${BUS}:bus_add_driver`, 'v4.2 .. v5.0 (765230b5f084)'),
      c: ['async_schedule(driver_attach_async, drv);'] });
  }
  // `error = driver_attach(drv);`, named for a hunk that sends the driver's walk there (an async
  // driver's too: ef0ff68351be's bus.c half, which a new user, 2026-12-06, could not write).
  if (walks) f.link('driver_attach', attach);
  // driver_register's last call, deferred_probe_extend_timeout() (driver.c at adc18506941d and
  // ab7a880263c3, cited where the profile reads a driver.c that has it; mainline reads no driver.c:
  // profiles.ts DRV_UNREAD), is taken with this last step of bus_add_driver, where it may queue the
  // timeout work: only with 1137838865bf's mod_delayed_work (late-initcall.ts queueTimeoutWork). The
  // cancel-and-schedule form changes nothing the model sees; its lines are cited where the profile's
  // dd.c keeps the function (mainline, dakr@1ac45118ddf8:326-328). 1137838865bf's line is in no tree
  // read: patches.ts mod-delayed-extend names posting@1137838865bf, its revert posting's pre-image.
  const extend = k.has('EXTEND_QUEUES_IDLE'), guard = k.has('EXTEND_PENDING_GUARD');
  const EXT = 'deferred_probe_extend_timeout';
  const call = textLines(k, DRIVER_C, 'driver_register', ['deferred_probe_extend_timeout();']);
  const CANCEL = 'if (cancel_delayed_work(&deferred_probe_timeout_work)) {', HZ = 'driver_deferred_probe_timeout * HZ);';
  const body = guard ? [] : extend ? [`${DD}:${EXT}:: if (mod_delayed_work(system_wq, &deferred_probe_timeout_work, ... driver_deferred_probe_timeout))`]
    : textLines(k, DD, EXT, [CANCEL, HZ]).length ? [`${DD}:${EXT}:: ${CANCEL} ... ${HZ}`] : [];
  f.step('add_bind_files', { where: `${BUS}:bus_add_driver (module_add_driver, add_bind_files)`, c: ['error = add_bind_files(drv);', ...call, ...body],
    run: (s, _t, _b, ctx) => { s.drv[drv]!.bindFiles = true; if (guard) return 'delayed_work_pending'; if (extend) queueTimeoutWork(s, ctx); return RETURN; } });
  if (guard) {
    // 557495bc8790 (patches.ts extend-pending-guard, read in its 6.6.y backport, dd.c at
    // gregkh@2f48e29ce9dc): `if (delayed_work_pending(&deferred_probe_timeout_work) &&
    // mod_delayed_work(...))`. Two steps: the test reads PENDING (the work queued, not yet started:
    // TIMEOUT_START), and the work may start before the mod_delayed_work, which then finds it
    // running (PENDING clear) and queues it again.
    const where = `${DD}:${EXT}`;
    f.step('delayed_work_pending', { where, since: '557495bc8790 (driver-core-next 2026-05-26)', c: ['if (delayed_work_pending(&deferred_probe_timeout_work) &&'],
      run: (_s, _t, _b, ctx) => (timeoutPending(ctx) ? 'mod_delayed_work' : RETURN) });
    f.step('mod_delayed_work', { where, since: '557495bc8790 (driver-core-next 2026-05-26)', c: ['mod_delayed_work(system_wq, &deferred_probe_timeout_work,', 'secs_to_jiffies(driver_deferred_probe_timeout)))'],
      run: (s, _t, _b, ctx) => { queueTimeoutWork(s, ctx); return RETURN; } });
  }
  return f.done();
}

/**
 * driver_attach(drv) = bus_for_each_dev(__driver_attach): entry label of the walk. The walk
 * follows the bus klist (paths/klist.ts): klist_iter_init and the first klist_next are the
 * entry step; each later klist_next is taken with the step that returns from __driver_attach.
 */
export function driverAttach(tb: ThreadBuilder, drv: number, ret: Ret): string {
  const w = tb.k.w, entry = new Map<number, string>(), matches = w.drivers[drv]!.matches;
  // The walk visits every device on the bus; __driver_attach returns at once for one drv does not
  // match, so the model visits only the matching ones, unless a user's patch changes
  // __driver_attach: its hunk may act before the match (dc23806a7c47 took device_lock there,
  // which deadlocks a probe that registers a driver: every device is visited, the prober's too).
  // A device whose driver_override an actor writes is visited by every driver of its bus: its
  // platform_match reads the string whatever the driver (platform.c@d69d80484598:
  // `if (pdev->driver_override) return !strcmp(pdev->driver_override, drv->name);`), unlocked
  // in __driver_attach, so an unrelated driver's registration races the store too (B13).
  const every = tb.k.patches.some((p) => isUserPatch(p) && p.hunks.some((h) => h.fn === '__driver_attach'));
  const onBus = w.devices.filter((d) => d.bus === w.drivers[drv]!.bus);
  const ids = every ? onBus.map((d) => d.i) : onBus.filter((d) => matches.includes(d.i) || d.override).map((d) => d.i);
  // Leaving a device (or, at the end, every one) the walk no longer owes it a probe (paths/owed.ts).
  // This thread's walk of drv: a bit of its own in each device's walkPending (owed.ts walkerOf).
  const walker = walkerOf(tb.k, drv, tb.name);
  const end = (s: KS, t: KL) => { walkPasses(tb.k, s, drv, -1, walker); return typeof ret === 'function' ? ret(s, t) : ret; };
  // The walk keeps which node of a device it holds (KL.knode, at its depth: a probe it makes may
  // register a driver, whose walk nests in this thread): a device deleted and added again meanwhile
  // has a new node, and this walk's struct is the old one (klist.ts busMoveOld, walkStale).
  const lvl = tb.depth;
  walkVisits(tb.k, tb.name, lvl, ids);
  const next = (from: number) => (s: KS, t: KL): string | null => {
    // Leaving the deleted struct's old node, the walk has the new struct's node ahead, at the tail.
    if (!holdsOld(s, from, t.knode[lvl]!)) walkPasses(tb.k, s, drv, from, walker);
    const dev = busNext(s, from, ids, t, lvl);
    return dev < 0 ? end(s, t) : entry.get(dev)!;
  };
  for (const dev of ids) {
    const stale = (s: KS, t: KL) => holdsOld(s, dev, t.knode[lvl]!);
    entry.set(dev, matches.includes(dev) ? driverAttachOne(tb, dev, drv, next(dev), stale, lvl) : driverAttachNoMatch(tb, dev, drv, next(dev), stale, lvl));
  }
  const f = tb.fn('driver_attach', { drv }, ret);
  f.step('bus_for_each_dev', { where: `${DD}:driver_attach`, c: ['return bus_for_each_dev(drv->bus, NULL, drv, __driver_attach); || return bus_for_each_dev(drv->bus, NULL, (void *)drv, __driver_attach);'], run: (s, t) => {
    // The walk tries every device drv matches: one released on purpose before it starts
    // (DevS.released), or while it has yet to reach it, is expected to be probed by drv, so
    // no-missed-probe judges it again, for drv alone (paths/owed.ts). Here, not where
    // bus_add_driver decides to walk: an async driver's walk starts later (v4.2 .. v5.0), and a
    // patch may send bus_add_driver past it (a walk that never starts owes nothing).
    walkStarts(tb.k, s, drv, walker);
    const dev = busNext(s, -1, ids, t, lvl);
    if (dev < 0) walkPasses(tb.k, s, drv, -1, walker);
    return dev < 0 ? RETURN : entry.get(dev)!;
  } });
  return f.done();
}

/**
 * __driver_attach(dev, drv) for a device drv does not match: its match returns 0 (platform_match
 * compares an override with drv's name: a driver an override names is one of the device's, by ID
 * or only through the override, DevInfo.byOverride since s40 h7, and goes through driverAttachOne),
 * and so does __driver_attach. Built where a user's patch changes __driver_attach, and for a
 * device whose driver_override an actor writes (its match loads the string).
 */
function driverAttachNoMatch(tb: ThreadBuilder, dev: number, drv: number, ret: Ret, stale: Stale, lvl: number): string {
  const f = tb.fn('__driver_attach', { dev, drv }, ret);
  walkBlock(tb, f, lvl);
  driverMatchSteps(f, dev, drv, { where: `${DD}:__driver_attach`, c: ['driver_match_device(drv, dev)'], skip: (s, t) => (stale(s, t) ? RETURN : undefined), on: () => RETURN, off: () => RETURN });
  return f.done();
}

/**
 * Whether a walk's __driver_attach(dev) is on the struct deleted before the slot's (klist.ts
 * holdsOld): bus_add_device of the new struct waited for no walk, so the walk's device is the old
 * struct, dead and unregistered, its mutex no one else's. It takes the parent's lock as the C does
 * and nothing of the new struct: in the C its driver_probe_device finds it unregistered (and, from
 * v5.1, dead) and probes nothing; a stale async driver's handover is not scheduled (its helper
 * would find the struct dead). It may also turn stale under the device's lock (since s38 h3 the
 * add moves a held old lock to DevS.oldMutex, device-add.ts): it then holds the old struct's lock,
 * which its unlock drops (common.ts unlockDev), and driver_probe_device refuses (really-probe.ts).
 */
type Stale = (s: KS, t: KL) => boolean;

/** By kernel: a walk's __driver_attach block (thread, block prefix) -> its depth, KL.knode's index. */
const walkLevels = new WeakMap<Kernel, Map<string, number>>();
function walkBlock(tb: ThreadBuilder, f: Block, lvl: number): void {
  let m = walkLevels.get(tb.k);
  if (!m) walkLevels.set(tb.k, (m = new Map()));
  m.set(`${tb.name}\0${f.prefix}`, lvl);
}

/**
 * Is `thread`, at `label` in a walk's __driver_attach of dev, on the old struct (Stale)? For
 * properties: e.g. the driver_override string it loaded is the old struct's, which a store to the
 * new struct does not free.
 */
export function walkOnOldStruct(k: Kernel, thread: string, label: string, s: KS, t: KL, dev: number): boolean {
  const lvl = walkLevels.get(k)?.get(`${thread}\0${label.slice(0, label.lastIndexOf(':'))}`);
  return lvl !== undefined && holdsOld(s, dev, t.knode[lvl]!);
}

/**
 * __driver_attach(dev, drv), in three shapes:
 * - before ef0ff68351be (v5.1): lock the parent (every bus before 8c97a46af04b, then only buses
 *   with need_parent_lock) and the device, probe if `!dev->driver`;
 * - since ef0ff68351be: an async driver gets the device handed to __driver_attach_async_helper
 *   under device_lock (async_schedule_dev with the lock held, whose synchronous fallback runs the
 *   helper that locks the same device: 70fe758352ca's AA deadlock); a sync driver goes through
 *   device_driver_attach;
 * - since 70fe758352ca (v6.0): async_schedule_dev after device_unlock.
 */
function driverAttachOne(tb: ThreadBuilder, dev: number, drv: number, ret: Ret, stale: Stale, lvl: number): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent;
  const f = tb.fn('__driver_attach', { dev, drv }, ret);
  walkBlock(tb, f, lvl);
  const perDevice = k.has('PER_DEVICE_ASYNC_ATTACH');
  const async = perDevice && mayBeAsync(k, drv);
  const after = k.has('DRIVER_ATTACH_ASYNC_AFTER_UNLOCK');
  const pl = takesParentLock(k, dev);
  // v5.1: device_driver_attach(drv, dev); by v5.19 the same lock pair and driver_probe_device inline.
  const inlineLock = k.has('DRIVER_ATTACH_INLINE_LOCK');
  const sync = perDevice && !inlineLock ? deviceDriverAttach(tb, dev, drv, f.ret, false, stale) : '';
  const probe = perDevice ? '' : driverProbeDevice(tb, dev, drv, f.label('device_unlock'));
  const rest = (s: KS): string => {
    if (async && allowsAsync(k, s, drv)) return 'device_lock';
    if (perDevice && !inlineLock) return sync;
    return pl ? 'lock_parent' : perDevice ? 'device_driver_lock' : 'device_lock';
  };
  const match = perDevice ? ['driver_match_device(drv, dev)', 'if (driver_allows_async_probing(drv)) #runs'] : ['driver_match_device(drv, dev)'];
  // platform_match, without dev->mutex: it loads pdev->driver_override, then strcmp()s it (B13).
  // A match that defers puts the device on the pending list, without its lock (match-defer.ts).
  const returns = k.has('MATCH_DEFER_RETURNS');
  // A stale walk (the old struct: Stale) matches as it did and goes on to the locks, which take
  // nothing of the new struct; a match that defers lists the old struct (matchDeferStep's stale).
  const defers = defersMatch(k, dev);
  // A stale walk's platform_match reads the old struct's driver_override (DevS.oldOvr): one naming
  // another driver returns 0 (s39 h9: it read the new struct's, and went on to the locks).
  const overridden = k.w.devices[dev]!.override === true;
  driverMatchSteps(f, dev, drv, { where: `${DD}:__driver_attach`, c: match, skip: (s, t) => (!defers && stale(s, t) ? (overridden && !oldOverrideMatches(s, dev, drv, matchesById(k.w, dev, drv)) ? RETURN : rest(s)) : undefined), on: (s) => rest(s), off: () => RETURN, defer: () => 'driver_deferred_probe_add' });
  matchDeferStep(f, dev, `${DD}:__driver_attach`, { returns: ['* Driver could not match with device, but may match with@1', 'return 0;@2'], fallsThrough: match.slice(1) }, (s) => (returns ? RETURN : rest(s)), stale);
  if (!perDevice) {
    if (pl) {
      f.step('lock_parent', { where: `${DD}:__driver_attach (device_lock(dev->parent))`, since: k.has('NEED_PARENT_LOCK') ? 'v4.18 (8c97a46af04b): need_parent_lock' : 'v2.6.16 (bf74ad5bc417)',
        c: ['device_lock(dev->parent);'],
        await: (s) => s.dev[parent]!.mutex === 0, waits: mutexWaits(k, parent),
        run: (s) => { takeMutex(k, s, parent, me); return 'device_lock'; } });
    }
    f.step('device_lock', { where: `${DD}:__driver_attach`, c: ['device_lock(dev);', 'if (!dev->driver)', 'driver_probe_device(drv, dev);'],
      await: (s, t) => stale(s, t) || s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev), run: (s, t) => {
        if (stale(s, t)) return 'device_unlock';
        takeMutex(k, s, dev, me);
        return s.dev[dev]!.driver === 0 ? probe : 'device_unlock';
      } });
    f.step('device_unlock', { where: `${DD}:__driver_attach`, c: pl ? ['device_unlock(dev);', 'device_unlock(dev->parent);'] : ['device_unlock(dev);'], run: (s, t) => {
      unlockDev(s, dev, me, !stale(s, t));   // the old struct's, where the slot was added again under it
      if (pl) unlockDev(s, parent, me);
      return RETURN;
    } });
    return f.done();
  }
  if (async) {
    // The sync fallback runs the helper in the walk: on the old struct where the walk's is (Stale).
    const inline = driverAttachAsyncHelper(tb, dev, f.ret, false, stale);
    const pending = k.has('ASYNC_DRIVER_PENDING_CHECK');
    // ef0ff68351be: hand the device to an async helper unless a driver is bound.
    f.step('device_lock', { where: `${DD}:__driver_attach`, since: after ? 'v6.0 (70fe758352ca)' : 'v5.1 (ef0ff68351be)',
      c: ['device_lock(dev);', pending ? 'if (!dev->driver && !dev->p->async_driver) {' : 'if (!dev->driver) {', 'dev->p->async_driver = drv;', ...(after ? ['async = true;'] : [])],
      await: (s, t) => stale(s, t) || s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev), run: (s, t) => {
        t.ret = RET.ZERO;
        if (stale(s, t)) return 'device_unlock';
        takeMutex(k, s, dev, me);
        const d = s.dev[dev]!;
        // Ghost for async-handover: drv's attach request for dev. A bound device is no request
        // (`if (!dev->driver ...)`): a later unbind of it is not a dropped handover.
        if (d.driver === 0) d.asked |= driverBit(k.w, dev, drv);
        if (d.driver === 0 && (!pending || d.asyncDriver === 0)) { d.asyncDriver = drv + 1; t.ret = RET.BOUND; return after ? 'device_unlock' : 'async_schedule_dev'; }
        return 'device_unlock';
      } });
    // From v6.0 the walk schedules after device_unlock, and the slot may be added again in between:
    // the helper is the struct the walk locked, now the old one (a review, s37 h9: it was the new one's).
    const struct = (s: KS, t: KL) => (stale(s, t) ? s.dev[dev]!.oldGen : structRef(s, dev));
    const schedule = asyncScheduleStep(tb, asyncProgram('__driver_attach_async_helper', k.vn(dev)), inline, after ? RETURN : 'device_unlock', `${DD}:__driver_attach`,
      after ? 'v6.0 (70fe758352ca): after device_unlock' : 'v5.1 (ef0ff68351be): dev->mutex held', dev, struct);
    const sched = { ...schedule, c: ['async_schedule_dev(__driver_attach_async_helper, dev);'] };
    if (!after) f.step('async_schedule_dev', sched);
    f.step('device_unlock', { where: `${DD}:__driver_attach`, since: after ? 'v6.0 (70fe758352ca)' : 'v5.1 (ef0ff68351be)', c: after ? ['device_unlock(dev);', 'if (async)'] : ['device_unlock(dev);'], run: (s, t) => {
      unlockDev(s, dev, me, !stale(s, t));
      return after && t.ret === RET.BOUND ? 'async_schedule_dev' : RETURN;
    } });
    if (after) f.step('async_schedule_dev', sched);
  }
  if (inlineLock) {
    const probe = driverProbeDevice(tb, dev, drv, f.label('device_driver_unlock'));
    // allowsAsync is constant for a driver (its probeType, its module's async_probe): one that may
    // probe asynchronously always does, and never takes this branch.
    const cannot = async ? "__driver_attach's synchronous probe (__device_driver_lock), for a driver that always probes asynchronously (driver_allows_async_probing)" : undefined;
    driverLockSteps(tb, f, dev, `${DD}:__driver_attach`, 'device_driver_lock', 'device_driver_unlock', () => probe, ['driver_probe_device(drv, dev);'], undefined, false, stale, cannot);
  }
  return f.done();
}

/**
 * device_driver_attach(drv, dev) (v5.1+): __device_driver_lock, then probe unless the device is
 * dead or bound (3451a495ef24), then __device_driver_unlock. `held`: the caller holds a reference
 * to the struct it looked up (bind_store, KL.gen), which a del and add since make an old one: it
 * locks that one and finds it dead (staleEntry).
 */
export function deviceDriverAttach(tb: ThreadBuilder, dev: number, drv: number, ret: Ret, held = false, stale?: Stale): string {
  const k = tb.k;
  const f = tb.fn('device_driver_attach', { dev, drv }, ret);
  // Since 204db60c8357 the checks live in (__)driver_probe_device; by v5.19 bind_store's path calls __driver_probe_device.
  const checks = !k.has('PROBE_BUSY_CHECK');
  const probe = checks ? driverProbeDevice(tb, dev, drv, f.label('device_unlock')) : driverProbeDeviceNoCount(tb, dev, drv, f.label('device_unlock'));
  driverLockSteps(tb, f, dev, `${DD}:device_driver_attach`, 'device_lock', 'device_unlock', (s, t) => {
    const d = s.dev[dev]!;
    t.ret = RET.ZERO;
    return !checks || (!d.dead && d.driver === 0) ? probe : 'device_unlock';
  }, checks ? ['if (!dev->p->dead && !dev->driver)', 'ret = driver_probe_device(drv, dev);'] : ['ret = __driver_probe_device(drv, dev);'], 'v5.1 (3451a495ef24)', held ? 'store' : false, stale);
  return f.done();
}

/** __driver_attach_async_helper(dev): probe dev with dev->p->async_driver (v5.1+). `spawned`: as its async entry's thread. */
export function driverAttachAsyncHelper(tb: ThreadBuilder, dev: number, ret: Ret, spawned = false, stale?: Stale): string {
  const k = tb.k;
  const f = tb.fn('__driver_attach_async_helper', { dev }, ret);
  const checks = !k.has('PROBE_BUSY_CHECK'), clears = k.has('ASYNC_DRIVER_PENDING_CHECK');
  const probes = new Map<number, string>();
  tb.asEntry(spawned ? dev : -1, () => {
    for (const drv of k.w.devices[dev]!.drivers) if (mayBeAsync(k, drv)) probes.set(drv, driverProbeDevice(tb, dev, drv, f.label('device_unlock')));
  });
  driverLockSteps(tb, f, dev, `${DD}:__driver_attach_async_helper`, 'device_lock', 'device_unlock', (s) => {
    const d = s.dev[dev]!;
    const drv = d.asyncDriver - 1;
    if (clears) d.asyncDriver = 0;
    if (drv < 0 || (checks && (d.dead || d.driver !== 0))) return 'device_unlock';
    return probes.get(drv) ?? 'device_unlock';
  }, ['drv = dev->p->async_driver;', ...(clears ? ['dev->p->async_driver = NULL;'] : []), ...(checks ? ['if (!dev->p->dead && !dev->driver)'] : []), 'ret = driver_probe_device(drv, dev);'],
  'v5.1 (ef0ff68351be, 3451a495ef24)', spawned, stale);
  return f.done();
}

/**
 * The lock pair of __device_driver_lock(dev, dev->parent) (v4.18+): the parent only on a bus that
 * needs it, then the device; and the step of __device_driver_unlock that drops both. `where` is
 * the caller; the anchors name the caller's call line and the callee's lines.
 */
function driverLockSteps(tb: ThreadBuilder, f: Block, dev: number, where: string, lockLabel: string, unlockLabel: string, then: (s: KS, t: KL) => string | null,
  lockLines: string[], since?: string, entry: boolean | 'store' = false, stale?: Stale, cannot?: string): void {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent, pl = takesParentLock(k, dev);
  const at = { ...(since ? { since } : {}), ...(cannot ? { cannot } : {}) };
  if (pl) {
    f.step('lock_parent', { where, ...at, c: ['__device_driver_lock:: device_lock(parent);'],
      await: (s) => s.dev[parent]!.mutex === 0, waits: mutexWaits(k, parent), run: (s) => { takeMutex(k, s, parent, me); return lockLabel; } });
  }
  // A walk on the old struct (Stale) takes nothing of the new one; but one that holds the old
  // struct's lock itself (heldOld: __driver_attach's async_schedule_dev ran this helper inline, its
  // synchronous fallback, v5.1 .. v5.19) locks that lock again and waits for ever, as the C's
  // device_lock does (dd.c@v5.10.13:622-626, 567; until s38 h9 it went on, past its own lock).
  const skip = (s: KS, t: KL) => stale!(s, t) && !heldOld(s, dev, me);
  const locked: KStep = stale
    ? { where, ...at, await: (s, t) => skip(s, t) || (s.dev[dev]!.mutex === 0 && !heldOld(s, dev, me)), waits: mutexWaits(k, dev), run: (s, t) => {
      if (skip(s, t)) { t.ret = RET.ZERO; return unlockLabel; }
      takeMutex(k, s, dev, me); return then(s, t);
    } }
    : { where, ...at, await: (s) => s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev), run: (s, t) => { takeMutex(k, s, dev, me); return then(s, t); } };
  // An async entry's struct may be an old one (the slot re-added): it takes the parent, not the new device (staleEntry).
  // bind_store's (entry 'store') locks the old struct, waiting for its holder (common.ts storeLock, s39 h18).
  const st = entry === 'store' ? storeLock(k, dev, me, locked, () => unlockLabel) : entry ? staleEntry(dev, locked, () => unlockLabel) : locked;
  f.step(lockLabel, { ...st, c: ['__device_driver_lock(dev, dev->parent);', '__device_driver_lock:: device_lock(dev);', ...lockLines] });
  f.step(unlockLabel, { where, ...at,
    c: ['__device_driver_unlock(dev, dev->parent);', '__device_driver_unlock:: device_unlock(dev);', ...(pl ? ['__device_driver_unlock:: device_unlock(parent);'] : [])],
    run: (s, t) => { if (t.gen !== STALE) unlockDev(s, dev, me, !stale?.(s, t)); if (pl) unlockDev(s, parent, me); if (entry) t.gen = 0; return RETURN; } });
}
