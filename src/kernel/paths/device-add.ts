/**
 * device_add (drivers/base/core.c) as far as the driver core is concerned, and bus_probe_device.
 * The device becomes visible to driver_attach at bus_add_device (in every tree read, v3.6.0 on:
 * 190888ac01d0 changed the driver's side, bus_add_driver) and is ready (device_pm_add done, B14)
 * one step later. A device that is already registered is not added again (a probe that
 * registers its child runs again after -EPROBE_DEFER: the child is still there).
 */
import { RETURN, type Kernel, type Ret, type ThreadBuilder } from '../emit.js';
import { ModelError } from '../../engine/errors.js';
import type { StepCtx } from '../../engine/model.js';
import { STRUCTS, type DevS, type KL, type KS } from '../state.js';
import { BUS, CORE, DD, SYSFS_DIR, heldOld, holder, linesIn, mayBeAsync, mayDefer } from './common.js';
import { deviceAttach } from './device-attach.js';
import { boundRemove, busAddTail, busMoveOld, ksetAddTail } from './klist.js';
import { endLinksProbing, oldLinkOfStruct } from './links.js';
import { defersMatch } from './match-defer.js';
import { walksAhead } from './owed.js';

/**
 * bus_probe_device(dev): no step of its own, a router for the calling step: to
 * device_initial_probe (which returns to `ret`), or to `skip` (a label of the calling block,
 * possibly RETURN) when the bus does not autoprobe.
 */
export function busProbeDevice(tb: ThreadBuilder, dev: number, ret: Ret, skip: string, held = false): (s: KS, t: KL) => string {
  const bus = tb.k.w.devices[dev]!.bus;
  // No step writes a bus's autoprobe: on a bus that does not autoprobe the attach is never run, so
  // it is not built (what the scenario may reach decides the default properties: s49 h6). Not with
  // a patch of yours either: `diff` builds the base without it, and premises that read what is built
  // (no-probe-after-del's mayHaveDriver) read a no-op hunk as `newly reached`; a hunk sending a walk
  // there is E202, naming the labels there are (docs/known-gaps.md).
  if (!tb.k.w.buses[bus]!.autoprobe) return () => skip;
  const attach = deviceAttach(tb, dev, true, ret, held);
  return (s) => (s.bus[bus]!.autoprobe ? attach : skip);
}

/**
 * What a device added again finds in its slot. The kernel's is a new, zeroed struct device; the
 * model keeps one slot per device, so every field of DevS is either reset here (FRESH) or says
 * why the old value is already the new struct's (REUSED): three were found kept by hunts and
 * audits of 2026-12-05 (can_match, async_driver, the asked ghost), each a wrong verdict or a
 * wrong state; test/kernel/replug.test.ts holds that every field is in one of the two.
 */
export const FRESH = ['dead', 'delStarted', 'delDone', 'dels', 'gen', 'ovrDrv', 'canMatch', 'asyncDriver', 'asked', 'released', 'owed', 'walkPending', 'shutDown', 'unbindOf', 'snap'] as const satisfies readonly (keyof DevS)[];
export const REUSED: Partial<Record<keyof DevS, string>> = {
  mutex: 'free: a thread holding the old lock holds it as oldMutex (this step), or the add waits (it probes or releases the old struct, or a second old lock)', oldMutex: 'set by this step: the old lock\'s holder', probeIn: 'zero: the add waits while a probe of the old struct is inside really_probe', busHeld: 'zero: the walks on the old node hold it as oldHeld (busMoveOld), or the add waits (a second old node)', oldRank: 'the old struct\'s node, kept while walks hold it (busMoveOld)', oldHeld: 'with oldRank', busGen: 'flipped by busMoveOld: which node a walk holds (KL.knode)', oldGen: 'with oldRank: the old struct\'s gen',
  driver: 'NULL: device_del released the driver, or this step drops the binding a probe of the deleted struct made after (B6 before v5.9: dropOldBinding)', bound: 'with driver', drvRank: 'with driver',
  probing: 'none: the add waits while a probe of the old struct is inside really_probe (probeIn)', removing: 'none: the add waits while the old struct has a driver', work: 'idle: work_on_cpu runs inside a probe, likewise',
  registered: 'set by this step', onBus: 'set by this step', busRank: 'set by this step (busAddTail)', ksetRank: 'set by this step (ksetAddTail)',
  ready: 'false since kobject_del; set by device_pm_add', linksUnbinding: 'false: cleared when the driver is released', linksProbing: 'cleared by this step (endLinksProbing)',
  deferred: 'none: device_del took it off the lists (a later unlocked add, docs/kernel-findings.md, leaves the old struct there: the slot shows it)',
  deferRank: 'with deferred', deferGen: 'kept: the entry on the list may be the old struct\'s (deferredAdd replaces it, the worker retries it as the old one)', deferBy: 'with deferred (deferredDel clears it)', uevReaders: 'zero: device_del waited for the readers of its uevent file',
  ovrGen: 'kept: a B13 reader of the old string may still hold it; its driver_override (ovrDrv) is NULL', oldOvr: 'set by this step: the old struct\'s driver_override, for the holder of its lock, the walks on its old node and a bind_store that looked it up (s39 h18)',
};

/**
 * DevS.gen counts a device's structs modulo STRUCTS: a holder of the struct STRUCTS adds back would
 * take the new one for its own, and act on it (a false alarm) or not see it act (a missed
 * violation), silently. With 4 (2 bits, until 2026-12-06) the deferred worker's retry of the first
 * struct probed the fifth before its device_pm_add: a false device-ready at v5.10 and v6.12 with
 * one actor's four `del`, `add` rounds (test/kernel/struct-wrap.test.ts). So the search stops
 * where that would happen, naming the device and the holder: a thread at a label where it holds
 * dev's struct (Kernel.holds) with that reference, or an entry that struct left on a deferred list.
 */
function wrapCheck(k: Kernel, s: KS, dev: number, gen: number, ctx: StepCtx): void {
  const x = s.dev[dev]!;
  let who: string | undefined;
  if (x.deferred !== 'none' && x.deferGen === gen) who = `the ${x.deferred} deferred-probe list still holds the entry of`;
  else if (x.oldHeld > 0 && x.oldGen === gen) who = 'a bus_for_each_dev walk on its old klist node still holds';
  else if (k.holds) for (const th of ctx.threads?.() ?? []) {
    if (th.at !== null && k.holds.get(th.name)?.get(th.at) === dev && (th.locals as KL).gen === gen) { who = `${th.name} (at ${th.at}) still holds`; break; }
  }
  if (who === undefined) return;
  // Why it is added so often: a probe's re-registrations, or (only) actors' adds, which fewer rounds avoid.
  const probed = k.w.drivers.some((r) => r.registers.includes(dev) || (r.asyncScan ?? []).includes(dev));
  const why = probed ? 'A probe that registers it and defers, retried again and again, adds it without end (see quiescence)'
    : `Only actors add it: at most ${STRUCTS - 1} adds while the holder waits are told apart`;
  throw new ModelError('E206', `device '${k.vn(dev)}' is added again while ${who} its struct device of ${STRUCTS} adds before: the model tells ${STRUCTS} struct devices of one device apart, and would take that one for the new one (docs/known-gaps.md, "A device added again"). ${why}`);
}

/**
 * A probe of the deleted struct that passed driver_probe_device's registered check before
 * kobject_del (B6, before v5.9's dead check) binds that old struct after device_del released it:
 * dev->driver, the bound flag and its knode_driver on the driver's klist are the old struct's. The
 * new struct is kzalloc'ed (dev->driver NULL, p->knode_driver unlinked), so the slot drops that
 * binding here: the old struct stays bound in the C (until its driver's driver_detach), which the
 * model no longer follows (a model limit; no-probe-after-del has already reported the probe). Until
 * s38 h9 the new struct started bound to it, never probed: a driver bound before its device_pm_add,
 * and a probe the kernel makes (bus_probe_device, a walk, drivers_probe) skipped.
 */
function dropOldBinding(s: KS, dev: number): void {
  const d = s.dev[dev]!;
  if (d.driver === 0 && !d.bound) return;
  boundRemove(s, dev);
  d.driver = 0; d.bound = false;
}

function freshStruct(k: Kernel, s: KS, dev: number, entries: boolean, ctx: StepCtx): void {
  const d = s.dev[dev]!, added = k.added?.dev ?? [];
  dropOldBinding(s, dev);
  oldLinkOfStruct(k, s, dev);   // the old struct's links, made after its purge, stay on their suppliers' lists
  if (entries) {
    const gen = (d.gen + 1) % STRUCTS;   // async entries of the old struct see it replaced
    wrapCheck(k, s, dev, gen, ctx);
    d.gen = gen;
  }
  d.dead = false; d.delStarted = false; d.delDone = false; d.dels = 0;
  d.ovrDrv = 0; d.canMatch = false; d.asyncDriver = 0;   // kzalloc'ed: driver_override NULL, can_match clear, p->async_driver NULL
  d.asked = 0; d.released = false; d.owed = 0;   // ghosts of the old struct
  // A snapshot here is the old struct's holder's, between driver_probe_device's check and
  // really_probe (the add waits inside it: probeIn), which compares none: from v5.14 one refused
  // (dead), or one whose driver_sysfs_add fails on the old struct (really-probe.ts call_probe).
  // trigger_count is that call's local; the new struct's probes take their own.
  d.snap = 'none';
  d.walkPending = walksAhead(k, s, dev);   // but the walks under way reach the new node at the tail (owed.ts)
  if (d.shutDown !== undefined) d.shutDown = false;
  // A user's patch's fields start zeroed too (a patch-state trial, 2026-12-05).
  for (const n of added) { const x = d as unknown as Record<string, unknown>; x[n] = typeof x[n] === 'boolean' ? false : 0; }
}

/**
 * A second re-add whose deleted struct's driver_override has a reader (its lock's holder,
 * oldMutex; walks on its node, busHeld; a bind_store that looked it up and has not matched yet)
 * while an older deleted struct's has one too (walks on its node, oldHeld; such a store), the two
 * strings different: the model keeps one old driver_override per device (DevS.oldOvr), so the
 * search stops (E207) rather than give one reader the other struct's string. Keeping two would
 * cost every overridden device a field.
 */
function oneOldOverride(k: Kernel, s: KS, dev: number, newer: string, older: string): never {
  const d = s.dev[dev]!, str = (o: number) => (o === 0 ? 'NULL' : `'${k.w.drivers[o - 1]!.name}'`);
  throw new ModelError('E207', `device '${k.vn(dev)}' is added again while ${newer} its deleted struct device, whose driver_override is ${str(d.ovrDrv)}, and ${older} an older one, whose driver_override is ${str(d.oldOvr)}: the model keeps one old driver_override per device (docs/known-gaps.md, "A device added again"). Fewer del/add rounds, or the same driver_override in both, avoid it`);
}

/** bind_store(dev, ...) at its match (it reads the driver_override of the struct it holds). */
const STORE_MATCH = /^bind_store\([^)]*\):(driver_match_device|strcmp)$/;

/**
 * A bind_store thread that holds dev's struct `gen` (or, with `older`, a struct other than `gen`
 * and the slot's) and has yet to match it: it reads that struct's driver_override (s39 h18).
 */
function storeMatching(k: Kernel, dev: number, ctx: StepCtx, gen: number, older = false, now = -1): string | undefined {
  if (!k.holds || !k.w.devices[dev]!.override) return undefined;
  for (const th of ctx.threads?.() ?? []) {
    if (th.at === null || !STORE_MATCH.test(th.at) || k.holds.get(th.name)?.get(th.at) !== dev) continue;
    const g = (th.locals as KL).gen;
    if (older ? g !== gen && g !== now : g === gen) return `${th.name} (at ${th.at}), which looked it up,`;
  }
  return undefined;
}

export function deviceAdd(tb: ThreadBuilder, dev: number, ret: Ret): string {
  const f = tb.fn('device_add', { dev }, ret);
  // Only a device that an async entry may be scheduled for, the deferred-probe worker may hold
  // (a probe of it may defer) or a sysfs bind or unbind may have looked up needs to tell its structs
  // apart (state.ts DevS.gen).
  // (device_shutdown's walk holds the struct it took off devices_kset too.) A device whose bus
  // match defers goes on the deferred lists by its match alone (match-defer.ts), so the worker may
  // hold its old struct too (an audit of 2026-12-06: without it the worker's retry of the old
  // struct probed the new one before its device_add reached device_pm_add, a false device-ready).
  const entries = tb.k.w.devices[dev]!.drivers.some((d) => mayBeAsync(tb.k, d) || mayDefer(tb.k, dev, d)) || defersMatch(tb.k, dev) || tb.k.w.devices[dev]!.storeLookup === true || tb.k.w.devices[dev]!.delRace === true || tb.k.shutdown === true;
  // bus_add_device puts the device on the bus klist before bus_probe_device, in every tree read
  // (v3.6.0 bus.c:495 on). 190888ac01d0 changed the driver's side (bus_add_driver), not this one.
  const probe = busProbeDevice(tb, dev, ret, RETURN);
  // kobject_add creates the device's sysfs directory in its parent's: with the parent not
  // registered (never added, or past device_del's kobject_del, which sets its kobj->sd = NULL)
  // sysfs_create_dir_ns returns -ENOENT and device_add goes to its error path, adding nothing
  // (fs/sysfs/dir.c read at v3.6.0, as sysfs_create_dir, and at 5.10.13: the same test; trees of
  // 2.6.2x in the index lack it; v6.x not read).
  const parent = tb.k.w.devices[dev]!.parent;
  // Cited where the profile reads fs/sysfs/dir.c (v3.5, v5.10, v5.15; sysfs_create_dir before
  // kernfs, v3.14: profiles.ts renames it).
  const sysfs = parent >= 0 ? linesIn(tb.k, SYSFS_DIR, 'sysfs_create_dir_ns', ['= kobj->parent->sd;', 'return -ENOENT;']) : [];
  // A device added again is a new struct device with a mutex of its own (device_add's kerneldoc:
  // "Do not call this routine ... more than once for any device structure ... Allocate and register
  // a fresh new struct device instead", core.c@torvalds@3b02a051d25d). A thread that still holds the
  // deleted struct's lock (it locked it after device_del released the driver: the deferred worker's
  // retry, v5.4, whose __device_attach has no dead test, dd.c@torvalds@97e2551de3f9:900; a
  // registration walk, bind/unbind stores, async entries, device_attach of a device a del
  // overtook) holds that one, so the new struct's starts free: this step moves the lock to
  // DevS.oldMutex, and the holder goes on on the old struct (common.ts heldOld), which it keeps
  // alive by its reference (get_device): dead from v5.1 (device_del's kill_device), unregistered
  // (kobject_del's __kobject_del clears kobj->state_in_sysfs, lib/kobject.c@torvalds@2cb73a87e44c,
  // which device_is_registered returns), its driver NULL. So driver_probe_device refuses it
  // (`if (!device_is_registered(dev)) return -ENODEV;`, dd.c@torvalds@97e2551de3f9:707-708; from
  // v5.14 also __driver_probe_device's dead test, dd.c@dakr@1ac45118ddf8:828-833),
  // __device_release_driver has nothing to release (`drv = dev->driver; if (drv)`, :1129-1130), an
  // async entry it schedules is the old struct's, and its unlock is the old struct's. One that
  // passed the registered check before kobject_del (B6, no dead test on its path before v5.9) and
  // is not yet in really_probe goes on too: its driver_sysfs_add fails on the old struct, whose
  // kobj->sd kobject_del cleared, and it binds nothing (really-probe.ts call_probe; s39: until then
  // the add waited from the check). The add still
  // waits (a model limit, docs/known-gaps.md) where the holder probes or releases the old struct
  // (probeIn, counted inside really_probe, and driver: a probe that passed driver_sysfs_add before
  // kobject_del binds the old struct and writes dev->driver and the lists, which the slot holds
  // for the new struct), for a second old
  // lock (one old struct per device), and while a child added under the old struct lives
  // (its dev->parent is the old struct, whose lock its parent-lock paths would take: s38 h9).
  // Until 2026-12-06 (s38 h3) the add waited whenever the old lock was held; until s39 also for a
  // device with a driver_override, whose holder's match now reads the old struct's (DevS.oldOvr).
  // Its bus klist node is the new struct's own: bus_remove_device's klist_del only marks the old
  // one dead (klist_put(n, true): knode_kill, the node unlinked when its last reference goes,
  // lib/klist.c@torvalds@05ef1c50e7c2), bus_add_device's klist_add_tail(&dev->p->knode_bus, ...)
  // (bus.c@torvalds@ea34511aaf75:122) takes only the klist's spinlock, and a walk that holds the
  // old node (bus_for_each_dev's klist_iter, bus.c:47-63) goes on from it with klist_next, which
  // skips dead nodes: to every device after it, then the new node at the tail. So the held node
  // stays in place as the old one (klist.ts busMoveOld); the walks on it act on the old struct
  // (driver-attach.ts Stale). Until 2026-12-06 the add waited for those walks (one node per
  // device), a false deadlock where a walk on the node waited for a lock the adder held (a
  // liveness hunt, test/liveness/model-limit-note.test.ts); before that, until 2026-12-05, the new
  // place replaced the old under the walk, which skipped the devices in between (a false
  // no-missed-probe, test/kernel/replug.test.ts). The model keeps one old node per device: a
  // second, with the first still held, waits (a model limit).
  const name = tb.k.vn(dev);
  const children = tb.k.w.devices.filter((c) => c.parent === dev).map((c) => c.i);
  // Why the add waits for the deleted struct's lock ('' where it need not): see above.
  const lockWaits = (s: KS): string => {
    const d = s.dev[dev]!;
    if (d.oldMutex !== 0) return ', the lock of an older deleted struct (the model keeps one old lock per device)';
    if (d.mutex === 0) return '';
    if (d.probeIn > 0 || d.driver !== 0) return ', which probes it (inside really_probe) or releases it';
    // A child added under the old struct (registered, or its device_del under way) has that one as
    // dev->parent, whose lock the paths that lock a child's parent take (__driver_attach, the bind
    // and unbind stores, driver_detach, drivers_probe, device_shutdown, USB's add and del); the slot
    // would give them the new one's, free, beside the holder of the old (s38 h9: a bind probed a
    // USB child that device_add, under the old parent's lock, had not made ready).
    if (children.some((c) => { const x = s.dev[c]!; return x.registered || (x.delStarted && !x.delDone); })) return ', which a child added under it has as its parent';
    return '';
  };
  f.step('bus_add_device', { where: `${CORE}:device_add (kobject_add), ${BUS}:bus_add_device`, since: 'v2.6',
    await: (s) => { const d = s.dev[dev]!; return !(d.delStarted && (lockWaits(s) !== '' || (d.busHeld > 0 && d.oldHeld > 0))); },
    waits: (s) => {
      const why = lockWaits(s);
      return why !== '' ? `the deleted struct device ${name}'s &dev->mutex, held by ${holder(tb.k, s.dev[dev]!.mutex !== 0 ? s.dev[dev]!.mutex : s.dev[dev]!.oldMutex)}${why} (a model limit: one slot per device, so ${name} is added again once that lock is dropped)`
        : `the bus klist nodes of ${name}'s two deleted struct devices, each held by a bus_for_each_dev walk (a model limit: one old node per device, so ${name} is added again once the walks on one have moved on)`;
    },
    c: ['error = kobject_add(&dev->kobj, dev->kobj.parent, NULL); ... error = bus_add_device(dev);', `${BUS}:bus_add_device:: klist_add_tail(&dev->p->knode_bus,`, ...sysfs], run: (s, _t, _b, ctx) => {
    const d = s.dev[dev]!;
    if (d.registered) return RETURN;
    if (parent >= 0 && !s.dev[parent]!.registered) return RETURN;       // kobject_add: -ENOENT, the device is not added
    // The same under the parent's deleted struct, whose lock this thread holds (USB's add under
    // usb_lock_device(udev): dev->parent is the struct it locked), the slot added again since (s38 h9).
    if (parent >= 0 && heldOld(s, parent, tb.owner)) return RETURN;
    d.registered = true;
    const was = d.gen;
    if (d.delStarted) {
      d.oldMutex = d.mutex; d.mutex = 0;   // the old struct's lock stays its holder's (heldOld); the new one's is free
      // Its driver_override, which the holder's match reads, and a walk still on its old klist node
      // (busHeld, moved to oldHeld below): driver-override.ts overrideOf, driver-attach.ts (s39 h9).
      // One old string per device: where walks still hold an older struct's node (oldHeld) and this
      // struct's lock is held, the walks' string and the holder's differ in the C (each struct
      // device has its own driver_override, platform_match reads the one it is given); writing the
      // holder's over the walks' made a stale walk match another struct's override (s39 h17).
      // A bind_store that looked this struct up and has not matched yet reads its string too, and
      // one that looked an older struct up that one's (s39 h18: it read the new struct's).
      const store = storeMatching(tb.k, dev, ctx, was);
      const newer = d.oldMutex !== 0 ? `${holder(tb.k, d.oldMutex)} holds the lock of` : d.busHeld > 0 ? 'a bus_for_each_dev walk holds the klist node of' : store !== undefined ? `${store} holds` : undefined;
      if (newer !== undefined && d.oldOvr !== d.ovrDrv) {
        const olderStore = storeMatching(tb.k, dev, ctx, was, true, (was + 1) % STRUCTS);
        const older = d.oldHeld > 0 ? 'a bus_for_each_dev walk still holds the klist node of' : olderStore !== undefined ? `${olderStore} holds` : undefined;
        if (older !== undefined) oneOldOverride(tb.k, s, dev, newer, older);
      }
      if (newer !== undefined) d.oldOvr = d.ovrDrv;
      freshStruct(tb.k, s, dev, entries, ctx);
    }
    endLinksProbing(s, dev);
    if (tb.k.shutdown) ksetAddTail(tb.k.w, s, dev);   // kobject_add's kobj_kset_join
    busMoveOld(s, dev, was);                          // the deleted struct's node, if walks hold it
    busAddTail(tb.k.w, s, dev);
    d.onBus = true;
    return 'device_pm_add';
  } });
  // device_pm_add to bus_probe_device: the add uevent, fw_devlink (not modelled), the autoprobe test: device_initial_probe's
  // from ea34511aaf75 (v6.19; bus.c at ea34511aaf75 calls it untested, dd.c at dakr@1ac45118ddf8:1153 tests), bus_probe_device's
  // before (dd.c first: a profile that reads no bus.c then says so, the last alternative's error).
  f.step('device_pm_add', { where: `${CORE}:device_add (device_pm_add, uevent), ${BUS}:bus_probe_device`,
    c: ['device_pm_add(dev); ... bus_probe_device(dev);', `${DD}:device_initial_probe:: if (sp->drivers_autoprobe) || ${BUS}:bus_probe_device:: if (sp->drivers_autoprobe) || ${BUS}:bus_probe_device:: if (bus->p->drivers_autoprobe)`], run: (s, t) => {
    s.dev[dev]!.ready = true;
    return probe(s, t);
  } });
  return f.done();
}
