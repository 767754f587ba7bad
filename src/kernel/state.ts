/**
 * The driver-core state for one world, as an engine schema: one byte per fact. Locks hold their
 * owner (engine thread index + 1, 0 = free). A device's `driver`, `asyncDriver` and a link's
 * ends hold a driver index + 1 (0 = NULL). Ghost fields (marked) exist only for properties:
 * who is inside probe()/remove(), whether device_del has started or returned.
 *
 * Lists are kept as each device's place in them (paths/klist.ts), not as nodes.
 * Not modelled: refcounts of devices (get/put_device), runtime PM, sysfs files.
 */
import { t, wideInt, type FieldT } from '../engine/schema.js';
import { boundAddTail, busAddTail, deferredAdd, drvAddTail, ksetAddTail, linkMade, linksOrdered, oldLinksKept } from './paths/klist.js';
import { failedBootProbes, nulBit, statelessLinksOf } from './paths/links.js';
import type { AddedState } from './patch-state.js';
import { RET_NAMES, type World } from './world.js';

export const DEFERRED = ['none', 'pending', 'active'] as const;
export const MOD_STATES = ['UNFORMED', 'COMING', 'LIVE', 'GOING', 'FREED', 'FREEING'] as const;
export const WORK_STATES = ['none', 'running', 'done'] as const;
export const LINK_STATES = ['NONE', 'DORMANT', 'AVAILABLE', 'CONSUMER_PROBE', 'ACTIVE', 'SUPPLIER_UNBIND'] as const;
export const SNAPSHOTS = ['none', 'taken', 'stale'] as const;
/**
 * How many struct devices of one device the model tells apart: DevS.gen counts them modulo this.
 * A holder of one would take the STRUCTS-th after it for its own, so device_add stops the search
 * there with E206 (paths/device-add.ts); no byte is saved below 256 (a field takes one byte).
 */
export const STRUCTS = 16;
/** KL.gen of a holder that found its struct device replaced (the slot re-added): it touches nothing of the new one. */
export const STALE = 255;
/**
 * The per-driver ghosts (DevS.owed, deferBy, asked) keep a bit for each of a device's
 * first 8 matching drivers (one byte). driverBit gives none past the 8th: where the property that
 * reads a bit is checked, a driver that may set one there is refused at build (E601: owed.ts's by
 * scenario.ts keepReleasable, deferBy's and asked's by scenario.ts driverBitsFit); elsewhere
 * nothing reads it.
 */
export const DRIVER_BITS = 8;
/**
 * DevS.walkPending keeps a bit per walk of a device (owed.ts walkerOf), up to 16: one byte where no
 * device has more than 8 walks, two where one has (kernelSchema's `walks`). A tracked device with
 * more is refused where no-missed-probe is checked (scenario.ts overridesRelease, E601).
 */
export const WALK_BITS = 16;
/** drv's bit in dev's per-driver ghosts (its place among dev's matching drivers); 0 past the 8th or where drv does not match dev. */
export const driverBit = (w: World, dev: number, drv: number): number => {
  const j = w.devices[dev]!.drivers.indexOf(drv);
  return j >= 0 && j < DRIVER_BITS ? 1 << j : 0;
};
/**
 * The schema's lock fields (kernelSchema), each where it is: a device's `mutex` and `oldMutex`, and
 * the kernel's deferred_probe_mutex, module_mutex and device_links_lock. Each holds the owner of a
 * mutex, taken and released by steps. The other owner fields (probing, removing) say who runs a
 * probe or a removal: no lock. A field a patch adds (patch-state.ts) is no lock, whatever its name:
 * nothing else takes it as one (locksHeld's E205, lock-order, no-wait-under-lock), unless declared
 * a lock ('mutex', 'spinlock': then all of those but lock-order read it, s47 h1); `steps`' locks
 * column and the patch notes' "a lock they take" ask isLockPath alone (s46 h24: `steps` had a name
 * test of its own, which missed deviceLinksLock and took a patch's `fooMutex` for a lock).
 */
export const LOCK_FIELDS = { dev: ['mutex', 'oldMutex'], kernel: ['deferredProbeMutex', 'moduleMutex', 'deviceLinksLock'] } as const;
/** The locks user patches declare, by scope (patch-state.ts patchLocks). */
export interface PatchLocks {
  readonly dev: readonly string[]; readonly kernel: readonly string[];
  /** Those declared 'spinlock', as `dev.foo` / `kernel.foo`: a thread holding one may not sleep (emit.ts checkedReleases). */
  readonly spin?: readonly string[];
}
export const NO_LOCKS: PatchLocks = { dev: [], kernel: [] };
/**
 * Is a state path (`dev[dc].mutex`, `dev[].oldMutex`, `moduleMutex`) one of LOCK_FIELDS, or of the
 * locks a user's patch declares (`mine`: patch-state.ts patchLocks, `state: { dev: { foo: 'mutex' } }`), at its place?
 */
export const isLockPath = (path: string, mine: PatchLocks = NO_LOCKS): boolean => {
  const d = /^dev\[[^\]]*\]\.(\w+)$/.exec(path);
  const name = d ? d[1]! : path;
  return [...(d ? LOCK_FIELDS.dev : LOCK_FIELDS.kernel), ...(d ? mine.dev : mine.kernel)].includes(name);
};
/** Does thread `owner` hold the device's &dev->mutex: the slot's, or its deleted struct's (DevS.oldMutex)? */
export const holdsMutex = (x: Pick<DevS, 'mutex' | 'oldMutex'>, owner: number): boolean => x.mutex === owner || x.oldMutex === owner;
/** The reference a holder takes to dev's struct device (get_device), as KL.gen keeps it. */
export const structRef = (s: KS, dev: number): number => s.dev[dev]!.gen;

export interface DevS {
  mutex: number; driver: number; bound: boolean; registered: boolean; onBus: boolean; ready: boolean;
  dead: boolean; asyncDriver: number; canMatch: boolean; deferred: (typeof DEFERRED)[number];
  /** dev->links.status == DL_DEV_UNBINDING: set by device_links_busy, cleared when the driver is gone */
  linksUnbinding: boolean;
  /**
   * dev->links.status == DL_DEV_PROBING: set by device_links_check_suppliers (even when it defers
   * the probe), cleared by device_links_driver_bound, __device_links_no_driver and
   * device_links_busy. Kept only for a supplier of a managed link (a link its consumer adds then
   * starts from it: links.ts linkInitStatus), else false.
   */
  linksProbing: boolean;
  /** ghost: thread (index + 1) inside drv->probe / drv->remove for this device */
  probing: number; removing: number;
  /** ghost: device_del started / returned, and how many device_del calls got past kill_device */
  delStarted: boolean; delDone: boolean; dels: number;
  /** reads of the device's uevent file in flight (kernfs active references): device_del's removal of the file waits for them */
  uevReaders: number;
  /**
   * ghost: which struct device the slot holds (counting re-adds, modulo STRUCTS): a device deleted
   * and added again is a new struct, and an async entry scheduled for the old one (it holds a
   * reference: get_device) sees that one, dead and unregistered, not this (KL.gen).
   */
  gen: number;
  /** work_on_cpu(local_pci_probe) for this device: queued/running in its kworker, or done (the caller's flush_work returns) */
  work: (typeof WORK_STATES)[number];
  /** pdev->driver_override: the driver it names (0 = NULL) and which kmalloc'd string holds it (0 = none; B13) */
  ovrDrv: number; ovrGen: number;
  /**
   * The deleted struct's driver_override (ovrDrv) while a thread holds its lock (oldMutex), walks
   * hold its klist node, or a bind_store that looked it up has yet to match it (kept until the
   * stores in flight are done: klist.ts dropOldOvr), the slot added again since: what their
   * platform_match reads (driver-override.ts; 0 else). No store changes it: the file went with
   * device_del's device_remove_attrs.
   */
  oldOvr: number;
  /** ghost: the driver (index + 1) named by the unbind_store whose thread holds this device's lock (0: none) */
  unbindOf: number;
  /**
   * ghost: in this run its driver was released outside device_del (an unbind, its driver's
   * removal, its supplier's unbind) or an actor wrote its driver_override (a store probes nothing):
   * it may stay unbound on purpose (no-missed-probe). `owed`: bit j set when the registration walk
   * of its j-th matching driver (DevInfo.drivers) started since, or a drivers_probe of it found
   * that driver on the bus klist: only those drivers are expected to probe it. `walkPending`: bit j
   * while its j-th walk (a matching driver's registration walk in one thread: owed.ts walkerOf; up
   * to WALK_BITS, two bytes where a device has more than 8) has started and not yet left it (a
   * release makes those walks' drivers owed: the walk still reaches it). Kept for Kernel.releasable devices only,
   * where no-missed-probe is checked (paths/owed.ts); a new struct (re-add) starts with the walks
   * still under way (walksAhead).
   */
  released: boolean; owed: number; walkPending: number;
  /**
   * ghost: bit j set when its j-th matching driver's probe deferred while it went on (or was on) a
   * deferred list; cleared when it leaves the lists (the first 8 drivers only: driverBit). no-lost-deferral judges only those drivers:
   * a device on the list because another driver deferred is owed nothing by one that did not.
   * Every bit where a supplier's device_links_driver_bound puts it on the list (its
   * AUTOPROBE_CONSUMER link): the trigger after that add owes it a retry by each of them.
   */
  deferBy: number;
  /**
   * ghost: the `gen` of the struct whose entry the slot's `deferred` shows. An unlocked add after
   * device_del (docs/kernel-findings.md, "A bus match that defers") leaves the deleted struct's entry on the list;
   * once the slot is added again it is not the new struct's: the worker's retry of it holds the old
   * struct (KL.gen), and the new struct's own add replaces it (the model has one entry per slot).
   */
  deferGen: number;
  /**
   * ghost: bit j set when its j-th matching driver's async __driver_attach matched this device;
   * cleared when that driver's probe starts on it (the first 8 drivers only: driverBit; until
   * 2026-12-06 bit i was the scenario's i-th driver, and drivers 8 and up were skipped silently).
   */
  asked: number;
  /**
   * List places (paths/klist.ts): on the bus klist (0 = not on it; a dead node keeps its place
   * while `busHeld` bus_for_each_dev walks hold it), on its driver's klist of bound devices.
   */
  busRank: number; busHeld: number; drvRank: number;
  /**
   * The node of the struct deleted before this one, dead, while `oldHeld` walks still hold it (its
   * place as a dead node's; 0 and 0 otherwise), and which of the two a walk took it at (KL.knode):
   * `busGen` flips when the add makes the held node the old one (klist.ts busMoveOld), and is 0
   * while no walk holds a node of the device. `oldGen`: that old struct's DevS.gen (0 with
   * oldHeld 0), for what a walk on it lists as its own (a match that defers: match-defer.ts).
   */
  oldRank: number; oldHeld: number; busGen: number; oldGen: number;
  /**
   * The deleted struct's &dev->mutex once the slot is added again while a thread holds it (its
   * owner; 0 otherwise): the new struct's `mutex` starts free, and that thread goes on on the old
   * struct, dead and unregistered, until it unlocks it (common.ts heldOld, unlockDev; device-add.ts).
   */
  oldMutex: number;
  /**
   * How many threads are inside really_probe(dev), from its first step to its return (a function
   * of the threads' labels, so it splits no state): device_add waits while one probes a deleted
   * struct (device-add.ts: its writes would land on the new struct; a model limit). A holder between
   * driver_probe_device's check and really_probe is not counted: the add goes on, and its
   * driver_sysfs_add fails on the old struct (really-probe.ts call_probe; s39, counted from the
   * check before). Counted only for a device that may be added again (DevInfo.readd), else 0.
   */
  probeIn: number;
  /** place on the deferred list it is on (`deferred`), 0 on none */
  deferRank: number;
  /**
   * The deferred_trigger_count snapshot of the probe in flight on it (58b116bce136): none,
   * taken, or stale (a trigger ran since, so the count differs). Kept only for probes that may
   * defer; one probe per device at a time, under its device lock (paths/common.ts).
   */
  snap: (typeof SNAPSHOTS)[number];
  /**
   * Kept only where an actor runs device_shutdown (Kernel.shutdown): the device's place on
   * devices_kset's list (kobject_add puts it at the tail, kobject_del and the shutdown walk take
   * it off; 0 = not on it, 1 = head: paths/klist.ts), and (ghost) whether the walk has shut this
   * struct down (its ->shutdown() called, or none to call).
   */
  ksetRank?: number; shutDown?: boolean;
}
export interface DrvS {
  onBus: boolean; alive: boolean; unregDone: boolean;
  /** the bind/unbind sysfs files exist, and how many stores are inside them (kernfs active references) */
  bindFiles: boolean; storesActive: number;
  /** klist iterators (bus_for_each_drv) holding a reference on drv->p->knode_bus: klist_remove waits for them */
  iterRefs: number;
  /**
   * Place on its bus's klist_drivers among its peers (paths/klist.ts `drvPeers`; 0 = not on it,
   * or no peers): a dead node keeps its place while `iterRefs` walks hold it.
   */
  busRank: number;
}
export interface BusS { autoprobe: boolean; needParentLock: boolean }
/**
 * `initPending`: async entries the module's init started (queued by the thread running its init,
 * or by work that thread started: async entries, work_on_cpu) and not yet finished (S11).
 * `initStarted` (ghost): this load's init started one, finished or not (set where initPending goes
 * up, cleared when a load makes the module COMING): module-init-barrier's premise, which initPending
 * alone cannot tell once the entry is done. Kept only where some module without async_probe has an
 * init that may start an entry (Kernel.initStarted; PropCtx.initAsync), else absent.
 * `umh`: a modprobe that request_module started for the module is running
 * (call_usermodehelper_exec waits for it to exit).
 */
export interface ModS { state: (typeof MOD_STATES)[number]; refcnt: number; asyncProbeRequested: boolean; initPending: number; initStarted?: boolean; umh: boolean }
/**
 * `refs`: a stateless link exists (> 0) and, with ead18c23c263, its kref; `dels`: how many times
 * __device_link_del ran on this link since it was created (list_del of a deleted link when > 1, B16).
 * `rank`: where the link is in its supplier's and consumer's lists, 1 = made first (klist.ts
 * linkMade); kept only where linksOrdered. `old`: the link of a deleted struct device of the
 * consumer, since added again (a probe of that struct made it after device_del's
 * device_links_purge), is still on the supplier's list of consumers; `status` is the new struct's
 * link (links.ts oldLinkOfStruct). Kept only where klist.ts oldLinksKept. `nul`: a stateless
 * link's device_link_add returned NULL in the probe of its consumer (1) or of its supplier (2),
 * the supplier not through device_pm_add (links.ts linkAddRefused): that probe's ->remove deletes
 * none. Kept where a stateless link is.
 */
export interface LinkS { status: (typeof LINK_STATES)[number]; refs: number; dels: number; rank: number; old?: boolean; nul: number }
export interface KS {
  dev: DevS[]; drv: DrvS[]; bus: BusS[]; mod: ModS[]; link: LinkS[];
  deferredProbeMutex: number; probeCount: number; asyncPending: number;
  /**
   * device_links_lock's owner, kept only under a user's patch (Kernel.linksLock; named as the C names it, device_links_lock): the library's
   * regions under device_links_write_lock() are single steps, so only a user's step that waits
   * inside one holds it across steps (emit.ts).
   */
  deviceLinksLock?: number;
  deferredWorkQueued: boolean; deferredWorkRunning: boolean; deferredProbeEnable: boolean; moduleMutex: number;
  /** The pending list's start order has been chosen (boot-order.ts), kept where two or more devices start on it. */
  bootOrdered?: boolean;
  /** Places of the pending list chosen so far while boot-order.ts chooses it; 0 outside. */
  bootPicks?: number;
  /**
   * driver_deferred_probe_timeout != 0, until deferred_probe_timeout_work_func sets it 0 (and wakes
   * probe_timeout_waitqueue); kept only where wait_for_device_probe waits for it, or a user's patch
   * may read it (late-initcall.ts keepsTimeout), else false.
   */
  probeTimeout: boolean;
  /**
   * wake_up_all(&probe_timeout_waitqueue) at the end of deferred_probe_timeout_work_func has run: a
   * wait_for_device_probe that found the timeout nonzero sleeps until then, though the work set it
   * 0 at its top (a wait that starts after that passes at once). Only where the wait sleeps.
   */
  probeTimeoutWoken: boolean;
  /**
   * deferred_probe_timeout_work was queued again while it ran (its PENDING bit set anew after the
   * worker cleared it: late-initcall.ts queueTimeoutWork): it runs once more after this run. Only
   * 1137838865bf's mod_delayed_work in driver_register (EXTEND_QUEUES_IDLE) can set it; else false.
   */
  timeoutRequeued: boolean;
  /**
   * module_wq: 1 in a thread's slot (Kernel.moduleWq) while it sleeps there, in
   * wait_event_interruptible(module_wq, finished_loading(name)); wake_up_all(&module_wq) clears
   * every slot, and each sleeper tests finished_loading again. Only where some thread may sleep.
   */
  moduleWq?: Uint8Array;
  /**
   * flush_work(&deferred_probe_work)'s barrier, in a flushing thread's slot (Kernel.flushers):
   * start_flush_work inserts it after the instance pending at the call (1) or, when none is
   * pending, after the one running (2); the worker turns 1 into 2 as it takes the pending instance,
   * and completes every 2 (0) when that run ends. Only where some thread may flush.
   */
  flushBarrier?: Uint8Array;
  /**
   * Where an actor runs device_shutdown (Kernel.shutdown): dd.c's defer_all_probes, which
   * device_block_probing sets (SHUTDOWN_BLOCKS_PROBING) and nothing in the model clears, and
   * (ghost) whether device_shutdown has returned.
   */
  deferAllProbes?: boolean; shutdownReturned?: boolean;
  /**
   * ghosts of no-lock-at-return, written by the return itself (Kernel.judgeReturn) and only where
   * that property is checked (Kernel.leaksJudged), else never (no state split): `retJudged`, some
   * return it judges ran (its premise); `retLeak`, some return it judges ran holding a lock.
   */
  retJudged: boolean; retLeak: boolean;
}
/**
 * Thread locals: `ret` of the last call, PF_USED_ASYNC; per nesting depth, have_async.
 * `initOf`: bit m while the thread runs for module m's init (the modprobe thread inside
 * do_init_module; an async entry or work_on_cpu kworker that init started). `ovr`: the
 * driver_override string (generation) platform_match has loaded and is about to strcmp.
 * `relDrv[supplierSlot(dev)]`: the `drv` of a __device_release_driver(dev) that dropped dev's
 * lock in its device-links loop, to compare with dev->driver on relocking (0 outside that
 * window; plus the number of drivers where the parent's lock it dropped is the parent's deleted
 * struct's, DevS.oldMutex, which it locks again: release.ts). A slot per supplier, as `drv` is a local of each C frame: the releases nested in that
 * window (its consumers', and what their ->remove unregisters, which may supply others) are of
 * other devices, never of dev itself (device_is_dependent refuses a cycle). A slot per link
 * height was shared by a consumer's child of the same height, whose release zeroed it: the
 * outer release returned with the supplier still bound (a source audit, 2026-12-04).
 */
/**
 * `gen`: the struct device a holder holds (an async entry, the deferred worker's retry, a sysfs
 * store, a racing removal, the shutdown walk), as structRef took it (its DevS.gen then); STALE
 * once it found the slot re-added. It is a holder's only at the labels Kernel.holds gives that
 * device (from the step after the one that takes it to the one that drops it); elsewhere it means
 * nothing (0, or what a retry of the deferred worker left).
 * `knode`: by nesting depth, the DevS.busGen of the bus klist node a bus_for_each_dev walk holds (klist.ts busNext), 0 between nodes.
 */
export interface KL { ret: number; usedAsync: number; haveAsync: { [i: number]: number }; initOf: number; ovr: number; relDrv: { [i: number]: number }; gen: number; knode: { [i: number]: number } }

/**
 * What a counter of the kernel state counts, in the kernel's words, for an E201 on it (Model.fieldMeaning):
 * `path` as the error names it (`dev[dc].probeIn`, `asyncPending`). Undefined for other fields.
 */
export function fieldMeaning(path: string): string | undefined {
  const m = /^(?:(dev|drv|mod)\[([^\]]+)\]\.)?(\w+)$/.exec(path);
  if (!m) return undefined;
  const n = m[2]!, of: Record<string, Record<string, string>> = {
    dev: { busHeld: `the bus_for_each_dev walks holding ${n}'s node on its bus's klist`, oldHeld: `the bus_for_each_dev walks holding the klist node of ${n}'s deleted struct device`,
      uevReaders: `the reads of ${n}'s uevent file under way (dev_uevent)`, probeIn: `the threads inside really_probe(${n}), its deleted structs' included` },
    drv: { storesActive: `the writes of ${n}'s bind and unbind files under way`, iterRefs: `the bus_for_each_drv walks (__device_attach's, its async helper's) holding ${n}'s node on its bus's klist of drivers` },
    // The model takes no module reference but these two (module.ts): try_module_get is not modelled,
    // so a count past them is a patch's own (kernel/module/main.c at torvalds@01d5b167dc23).
    mod: { refcnt: `module ${n}'s reference count mod->refcnt: MODULE_REF_BASE and the reference its init runs under; the model takes no other, so the rest are a patch's`, initPending: `the async entries module ${n}'s init started, still pending` },
    // atomic_inc(&probe_count): driver_probe_device's from v5.14 (204db60c8357), really_probe's before.
    kernel: { probeCount: 'probe_count, the probes in flight (driver_probe_device, really_probe before v5.14)', asyncPending: "the async entries pending (async_schedule's, until async_run_entry_fn ends)" },
  };
  const table = of[m[1] ?? 'kernel']!, field = m[3]!;
  return Object.hasOwn(table, field) ? table[field] : undefined;   // not an Object method's name (`toString`)
}

/**
 * What bounds the kernel state's counters, from the scenario's threads. `entries`: async entries
 * pending at once, one per async kworker thread (each runs one entry, and async_run_entry_fn's end
 * frees it). `walkers`: the most bus_for_each_dev walks that may hold one device's node at once,
 * one a thread and nesting depth (klist.ts mostHolders; DevS.busHeld, oldHeld). `readers`: the most
 * actors that read one device's uevent file (DevS.uevReaders), `stores`: the most that write one
 * driver's bind or unbind file (DrvS.storesActive), one at a time each.
 */
export interface Most { entries: number; walkers: number; readers: number; stores: number }

/**
 * `sleepers`: how many threads may sleep on module_wq (Kernel.moduleWq); `flushers`: how many may
 * flush the deferred-probe work (Kernel.flushers); `added`: the fields user patches add (patch-state.ts);
 * `walks`: the most registration walks one device has (owed.ts mostWalks), DevS.walkPending's bits.
 * `most`: what bounds the counters below (scenario.ts counts them once every thread is built).
 */
export function kernelSchema(w: World, sleepers = 0, flushers = 0, added?: Pick<AddedState, 'dev' | 'drv' | 'kernel'>, linksLock = false, shutdown = false, initStarted = false, walks = DRIVER_BITS, most: Partial<Most> = {}) {
  // probe_count counts probes in flight, one a device at most (really_probe runs under its lock),
  // and a driver's klist node is held by at most one bus_for_each_drv walk a device (__device_attach
  // walks under the device's lock): 4 bits as before up to 15 devices, so the layout of smaller
  // scenarios is unchanged; a chain of 16 probes nested in one thread was E201 (s49 h11).
  const inFlight = t.int(Math.max(15, w.devices.length));
  // async_schedule's entries pending (async_pending, and a module init's share of them), and the
  // holders of a bus klist node, of a uevent read and of a driver's bind/unbind files: each as many
  // as `most` says, with the old widths as floors, so smaller scenarios' layout is unchanged. Past
  // them they were E201: 16 async probes a driver walk queued at once, 8 walks or readers (s50 h2).
  // Each fits a byte: scenario.ts refuses a scenario that counts more (E601) before building this.
  const upTo = (floor: number, n = 0) => t.int(Math.max(floor, n));
  const pending = upTo(15, most.entries), nodeHeld = upTo(7, most.walkers), readers = upTo(7, most.readers), stores = upTo(7, most.stores);
  const owner = t.owner(), drvPlace = t.int(Math.max(1, w.drivers.length)), rank = t.int(Math.max(1, w.devices.length)), nd = t.named(['NULL', ...w.drivers.map((d) => d.name), ...(w.drivers.length ? [] : ['?'])]);
  return t.record({
    dev: t.array(w.devices.length, t.record({
      mutex: owner, driver: nd, bound: t.bool, registered: t.bool, onBus: t.bool, ready: t.bool,
      dead: t.bool, asyncDriver: nd, canMatch: t.bool, deferred: t.enum(...DEFERRED), linksUnbinding: t.bool, linksProbing: t.bool,
      probing: owner, removing: owner, delStarted: t.bool, delDone: t.bool, dels: t.int(3),
      work: t.enum(...WORK_STATES), ovrDrv: nd, ovrGen: t.int(3), oldOvr: nd, unbindOf: nd, released: t.bool, owed: t.int(255), walkPending: walks > DRIVER_BITS ? wideInt(2 ** Math.min(walks, WALK_BITS) - 1) : t.int(255), deferBy: t.int(255), asked: t.int(255),
      busRank: rank, busHeld: nodeHeld, oldRank: rank, oldHeld: nodeHeld, busGen: t.int(1), oldGen: t.int(STRUCTS - 1), oldMutex: owner, probeIn: t.int(3), drvRank: rank, deferRank: rank, deferGen: t.int(STRUCTS - 1), snap: t.enum(...SNAPSHOTS), uevReaders: readers, gen: t.int(STRUCTS - 1),
      ...(shutdown ? { ksetRank: rank, shutDown: t.bool } : {}),
      ...added?.dev,
    }), w.devices.map((d) => d.name)),
    drv: t.array(w.drivers.length, t.record({
      onBus: t.bool, alive: t.bool, unregDone: t.bool, bindFiles: t.bool, storesActive: stores, iterRefs: inFlight, busRank: drvPlace,
      ...added?.drv,
    }), w.drivers.map((d) => d.name)),
    bus: t.array(w.buses.length, t.record({ autoprobe: t.bool, needParentLock: t.bool }), w.buses.map((b) => b.name)),
    // refcnt: MODULE_REF_BASE plus the reference the init runs under, at most 2 (try_module_get is
    // not modelled, and binding takes no module reference): 4 bits, with room to spare.
    mod: t.array(w.modules.length, t.record({ state: t.enum(...MOD_STATES), refcnt: t.int(15), asyncProbeRequested: t.bool, initPending: pending, ...(initStarted ? { initStarted: t.bool } : {}), umh: t.bool }), w.modules.map((m) => m.name)),
    link: t.array(w.links.length, t.record({ status: t.enum(...LINK_STATES), refs: t.int(3), dels: t.int(3), ...(linksOrdered(w) ? { rank: t.int(w.links.length) } : {}), ...(oldLinksKept(w) ? { old: t.bool } : {}), ...(w.links.some((l) => l.stateless) ? { nul: t.int(3) } : {}) }), linkNames(w)),
    deferredProbeMutex: owner, probeCount: inFlight, asyncPending: pending, ...(linksLock ? { deviceLinksLock: owner } : {}),
    deferredWorkQueued: t.bool, deferredWorkRunning: t.bool, deferredProbeEnable: t.bool, moduleMutex: owner, probeTimeout: t.bool, probeTimeoutWoken: t.bool, timeoutRequeued: t.bool,
    ...(sleepers > 0 ? { moduleWq: t.array(sleepers, t.int(1)) } : {}),
    ...(flushers > 0 ? { flushBarrier: t.array(flushers, t.int(2)) } : {}),
    ...(shutdown ? { deferAllProbes: t.bool, shutdownReturned: t.bool } : {}),
    retJudged: t.bool, retLeak: t.bool,
    ...added?.kernel,
  });
}

/**
 * `added`: the locals user patches add (patch-state.ts, `state: { thread }`); `frames`: their C
 * locals, an array each with a slot per call of the function in this thread, named by the call.
 */
export function localsSchema(depth: number, w: World, added?: Record<string, FieldT>, frames: readonly { key: string; max: number; calls: readonly string[] }[] = []) {
  const d = Math.max(1, depth);
  // relDrv holds a driver number, plus the drivers' count for an old parent's lock: only where some
  // device supplies a managed link (scenario.ts says MAX_LINKED_DRIVERS where that passes a byte).
  const h = suppliers(w).length;
  // ret by name in traces (`admin.ret: 0→-EPROBE_DEFER (device links)`, where it read `0→6`: a
  // verdict hunt, 2026-12-06); 7, unused, keeps the field's range.
  return t.record({ ret: t.named([...RET_NAMES, '7']), usedAsync: t.int(1), haveAsync: t.array(d, t.int(1)), initOf: t.int(Math.max(1, 2 ** w.modules.length - 1)), ovr: t.int(3),
    relDrv: t.array(h, t.int(h ? Math.max(1, 2 * w.drivers.length) : 1)), gen: t.int(STALE), knode: t.array(d + 1, t.int(1)), ...added,
    ...Object.fromEntries(frames.map((f) => [f.key, t.array(f.calls.length, t.int(f.max), f.calls)])) });
}

/** Links as traces name them: `consumer->supplier`, `(stateless)` after a stateless one. */
export function linkNames(w: World): string[] {
  return w.links.map((l) => `${w.devices[l.consumer]!.name}->${w.devices[l.supplier]!.name}${l.stateless ? ' (stateless)' : ''}`);
}

/** The devices that supply a managed device link, in device order. */
function suppliers(w: World): number[] {
  return w.devices.filter((d) => w.links.some((l) => !l.stateless && l.supplier === d.i)).map((d) => d.i);
}

/** dev's slot in a thread's `relDrv` (dev supplies a managed link). */
export function supplierSlot(w: World, dev: number): number {
  return suppliers(w).indexOf(dev);
}

/**
 * The initial state of a world: present devices registered (on their bus klist, and on their
 * driver's, in declaration order), present drivers on their bus's klist_drivers in declaration
 * order (the scenario's driver order stands for the order the built-in drivers registered in),
 * buses configured, modules unloaded.
 * `deferredProbeEnable` false: the boot before late initcalls (a scenario that runs deferred_probe_initcall).
 */
/**
 * `links`: the profile has device links (DEVICE_LINKS, v4.10); before them a scenario's links are never made.
 * `kref`: device_link_add takes a reference on an existing stateless link (LINK_KREF, ead18c23c263).
 * `noDriverDormant`: __device_links_no_driver leaves a DORMANT link DORMANT (LINKS_NO_DRIVER_DORMANT, 15cfb0941603).
 */
export function initState(w: World, s: KS, deferredProbeEnable = true, links = true, kref = false, shutdown = false, noDriverDormant = false): void {
  for (const d of w.devices) {
    if (!d.present) continue;
    const x = s.dev[d.i]!;
    x.registered = true; x.onBus = true; x.ready = true;
    busAddTail(w, s, d.i);
    // Boot's probe went through __driver_probe_device, which set can_match (dev_set_can_match, v5.13
    // on; older kernels never read it): a supplier's AUTOPROBE_CONSUMER add tests it.
    if (d.boundTo >= 0) { x.driver = d.boundTo + 1; x.bound = true; x.canMatch = true; boundAddTail(s, d.i); }
    if (d.failedAtBoot) x.canMatch = true;   // the same for a probe that failed
  }
  // Boot's probes of these deferred (world.ts deferredAtBoot): driver_deferred_probe_add, in device order.
  for (const d of w.devices) {
    if (!d.deferredAtBoot?.length) continue;
    const x = s.dev[d.i]!;
    deferredAdd(s, d.i);
    x.canMatch = true;
    for (const j of d.deferredAtBoot) x.deferBy |= driverBit(w, d.i, j);
  }
  for (const d of w.drivers) {
    if (!d.present) continue;
    const x = s.drv[d.i]!;
    drvAddTail(w, s, d.i);
    x.onBus = true; x.alive = true; x.bindFiles = true;
  }
  for (const b of w.buses) { s.bus[b.i]!.autoprobe = b.autoprobe; s.bus[b.i]!.needParentLock = b.needParentLock; }
  for (const m of w.modules) { s.mod[m.i]!.state = 'UNFORMED'; s.mod[m.i]!.asyncProbeRequested = m.asyncProbe; }
  if (links) for (const l of w.links) s.link[l.i]!.status = l.active ? 'ACTIVE' : l.available ? 'AVAILABLE' : l.initial ? 'DORMANT' : 'NONE';
  // Boot's probes that failed (links.ts failedBootProbes) made their managed links too (in probe(),
  // really-probe.ts call_probe; none to a supplier not present: `ready`), and probe_failed's
  // device_links_no_driver left them: deleted with AUTOREMOVE_CONSUMER, else AVAILABLE where the
  // supplier is bound (its probe before or after), else (a linksUnchecked probe: a checked one
  // deferred) AVAILABLE before 15cfb0941603 and DORMANT since (core.c __device_links_no_driver at
  // 9ed9895370ae, fb583c8eeeb1, 4793dae01f47; s43 h2: they started NONE, where the same failed probe
  // in an actor leaves them AVAILABLE or DORMANT).
  // One that failed before the device's own driver bound it (world.ts failedBefore): that probe's
  // device_links_check_suppliers made it CONSUMER_PROBE and driver_bound's device_links_driver_bound
  // ACTIVE (its supplier bound: scenario.ts refuses another start; s43 h8).
  const failed = links ? failedBootProbes(w) : [];
  for (const p of failed) for (const li of w.drivers[p.drv]!.addsLinks) {
    const l = w.links[li]!;
    if (l.consumer !== p.dev || l.autoremove || !w.devices[l.supplier]!.present || s.link[li]!.status !== 'NONE') continue;
    s.link[li]!.status = w.devices[p.dev]!.boundTo >= 0 ? 'ACTIVE' : w.devices[l.supplier]!.boundTo >= 0 || !noDriverDormant ? 'AVAILABLE' : 'DORMANT';
  }
  // Links present from the start were made by boot's probes, in the order the scenario declares
  // their drivers: the order that stands for the built-in drivers' registration (klist_drivers).
  if (links) for (const l of w.links) if (!l.stateless && s.link[l.i]!.status !== 'NONE') linkMade(w, s, l.i);
  // The stateless links the boot probes of bound devices added (device_link_add in probe): one
  // reference each with the kref, else the first made it (a property audit, 2026-12-05: they were
  // missing, so a ->remove's device_link_del read as deleting a freed link, and a purge found none).
  if (links) for (const l of w.links) {
    if (!l.stateless) continue;
    // One add per probe: a driver bound to both ends added it in each of its two probes, as the
    // search's probes do (links.ts statelessLinksOf; s42 h8: counted once, a second ->remove read as
    // deleting a freed link at v4.18).
    const adds = [l.consumer, l.supplier].filter((d) => w.devices[d]!.present && w.devices[d]!.boundTo >= 0 && w.drivers[w.devices[d]!.boundTo]!.statelessLinks.includes(l.i));
    // A supplier not present at the start was not through device_pm_add: each add got NULL (links.ts linkAddRefused).
    if (!w.devices[l.supplier]!.present) { for (const d of adds) s.link[l.i]!.nul |= nulBit(l, d); continue; }
    // Boot's probes that failed added it too, and nothing deleted it (links.ts failedBootProbes; a
    // NULL of theirs is forgotten, as probe_failed does: forgetNul).
    const n = adds.length + failed.filter((p) => statelessLinksOf(w, p.drv, p.dev).includes(l.i)).length;
    if (n > 0) s.link[l.i]!.refs = kref ? Math.min(n, 3) : 1;
  }
  s.deferredProbeEnable = deferredProbeEnable;
  // devices_kset's list: the present devices as boot added them, a parent before its children
  // (device_add fails under a parent not added), else in the order the scenario declares them.
  if (shutdown) {
    const placed = new Set<number>();
    const place = (i: number): void => {
      const d = w.devices[i]!;
      if (placed.has(i) || !d.present) return;
      if (d.parent >= 0) place(d.parent);
      placed.add(i);
      ksetAddTail(w, s, i);
    };
    for (const d of w.devices) place(d.i);
  }
}
