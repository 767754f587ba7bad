/**
 * The property library: the safety properties of the driver core (S1-S10, S12-S15 of the notes)
 * as engine invariants and action properties; L1 and L4 as `leads-to` and L5 as `eventually`
 * under weak fairness, L2 as the engine's `quiescent` liveness, L3 as deadlock with lockdep-style
 * waits; one reachability question (B12) used only when named. Each has a kebab-case name,
 * applies to a world or not (the default selection), and explains a violation by scenario names.
 * S11 is checked for do_init_module (module-init-barrier, B7); L6 as an invariant on a reader
 * blocked on a device mutex whose holder is in probe(). Skipped: S16 (no device refcounts).
 */
import type { Move, Property, Query } from '../engine/model.js';
import { locksHeldBy, patchLocksOf, type Kernel } from './emit.js';
import { SYSCALLS } from './user-return.js';
import { requestModprobeThread } from './paths/probe-body.js';
import { DRIVER_BITS, holdsMutex, structRef, type KL, type KS } from './state.js';
import { RET, ancestors, type LinkInfo } from './world.js';
import type { Action } from './actions.js';
import { DEFERRED_WORKER } from './paths/deferred-probe.js';
import { LATE_INITCALL, TIMEOUT_START, TIMEOUT_WORKER, keepsTimeout, pendingRank, waitsForTimeout } from './paths/late-initcall.js';
import { blocksProbing, mayBeAsync, takesParentLock } from './paths/common.js';
import { asyncThreadName } from './paths/async.js';
import { loopParents, type LoopParent } from './paths/release.js';
import { boundWarns, cleanupWarns, dormantWarns, driverBound, supplierLinkDefers } from './paths/links.js';
import { purgeWarns } from './paths/device-del.js';
import { matchesById, overrideMatches } from './paths/driver-override.js';
import { defersMatch } from './paths/match-defer.js';
import { walkOnOldStruct } from './paths/driver-attach.js';
import { isUserPatch } from './define-patch.js';
import { unrecorded } from '../engine/reduce/recorder.js';
import { kernelView, type KernelView } from './view.js';

/** __device_release_driver's device-links loop steps: a user's hunk on one makes unlock-balance read the state, not the library's record. */
const LOOP_STEPS = new Set(['device_links_busy', 'device_links_unbind_consumers', 'relock_parent', 'relock']);
/**
 * What lockdep prints for such an unlock, as syzbot reports quote it; __lock_release prints it for a
 * lock not among the task's held locks (read in an extracted copy, release not identified), but
 * whether dev->mutex, of the no-validate class, is recorded as held was not read: said so.
 */
const LOCKDEP = '(lockdep\'s "bad unlock balance detected!", unverified for dev->mutex: docs/scenarios.md, "Properties", unlock-balance)';

/** The step of the unlocked walk that is still to come once its first entry is taken (late-initcall.ts). */
const PENDING_WALK = 'deferred_probe_timeout_work_func:pending_walk', PENDING_START = 'deferred_probe_timeout_work_func:deferred_probe_pending';
const TIMEOUT_FN = 'deferred_probe_timeout_work_func:';
/**
 * The timeout work is inside its walk of the pending list, at label `at`: the unlocked walk's rest
 * (before eed6e41813de), or the locked walk between two of its lines (`deferred_probe_pending_N`,
 * N >= 2, holding deferred_probe_mutex: where two or more devices may be listed, late-initcall.ts).
 */
const inPendingWalk = (at: string | null): boolean => at === PENDING_WALK || (at !== null && at.startsWith(TIMEOUT_FN) && pendingRank(at.slice(TIMEOUT_FN.length)) >= 2);

export interface KernelProperty {
  name: string;
  covers: string;
  /** Does it say anything about this world? (default selection) */
  applies: (k: Kernel, ctx: PropCtx) => boolean;
  make: (k: Kernel, ctx: PropCtx) => Property<KS>;
}

/** What properties need to know about the threads of the built model. */
export interface PropCtx {
  tidOf: Map<string, number>;
  asyncThreads: Set<string>;
  threads: string[];
  /** The scenario's actors (the threads it names). */
  actors: Set<string>;
  /** Number of device_del actions per device. */
  dels: number[];
  /** Devices a probe registers whose parent's driver some action can release (its ->remove deletes them), or whose probe may fail (its error path does). */
  delByRelease: Set<number>;
  /** Some actor reads dev->driver locklessly (uevent). */
  readers: boolean;
  /** Each actor's actions, in order. */
  acts: readonly (readonly Action[])[];
  /** Per `unfair` actor, the labels where it may stop (before each action): stopped there it is in no call. */
  stopsAt: ReadonlyMap<string, ReadonlySet<string>>;
  /** The kinds of action the actors take (`rmmod`, `unregister`, ...): a property about an event nobody causes does not apply. */
  ops: ReadonlySet<Action['op']>;
  /**
   * Every step label the threads were built with, by instance (`really_probe(dc,dc-drv):call_probe`):
   * a block no thread was built with is one no run can enter (the paths are built by following
   * calls, so this over-approximates what runs: a step behind a run-time test counts, and so does a
   * kworker's that nothing may schedule). The deferred-probe worker is built to retry every device
   * with a driver: of its steps only the retries of a device that may be on a list count, with the
   * probes they nest (workerReach).
   */
  steps: ReadonlySet<string>;
  /** The same without any of the deferred-probe worker's: what runs before anything is on a list (neverDefers). */
  ownSteps: ReadonlySet<string>;
  /** The step labels each async thread (an async_schedule'd entry) was built with, by thread: what may run in async context. */
  asyncSteps: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each thread's step labels (as `steps`, by thread, the deferred-probe worker's all). */
  stepsOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per actor (in `acts` order), each action's entry label: where the action before it returns to. */
  actEntries: readonly (readonly string[])[];
  /** Per actor (in `acts` order), the step labels each of its actions was built with: what may run before that action returns. */
  actSteps: readonly (readonly ReadonlySet<string>[])[];
  /** The modules whose init may start an async entry: a `modprobe` or request_module of it was built with an async_schedule (or a work_on_cpu whose kworker was). */
  initAsync: ReadonlySet<number>;
  /**
   * Some async entry may still be pending once the call that led to it has returned: one queued
   * other than by the thread running do_init_module of a module loaded without async_probe (a
   * `modprobe`, or request_module's load), which syncs what its thread queued before it returns.
   */
  asyncOutlives: boolean;
}

/** Where an actor registers drv: a `register`, or a `modprobe` of its module, whose init registers its drivers in declaration order (o; doInitModule). */
function actorRegs(k: Kernel, c: PropCtx, drv: number): { a: number; j: number; o: number }[] {
  const d = k.w.drivers[drv]!;
  return c.acts.flatMap((acts, a) => acts.flatMap((x, j) => ((x.op === 'register' && x.drv === drv) || (x.op === 'modprobe' && x.mod === d.module)
    ? [{ a, j, o: x.op === 'modprobe' ? k.w.modules[d.module]!.drivers.indexOf(drv) : 0 }] : [])));
}

/**
 * Does every probe of x come after every registration walk in `regs` is over? Every probe of x
 * needs x on its bus (its own walk, a device_add's or drivers_probe's or the deferred retry's walk
 * of the bus's drivers, bind_store's file: sysfs-bind.ts), so yes where x is registered only by
 * the actor that makes every walk in `regs`, after the last of them (the walk is synchronous:
 * driver_attach is bus_for_each_dev(__driver_attach) in bus_add_driver). Not x present at boot,
 * registered by a probe or by a request_module of its module.
 */
function probesAfter(k: Kernel, c: PropCtx, x: number, regs: readonly { a: number; j: number; o: number }[]): boolean {
  const d = k.w.drivers[x]!;
  if (d.present || k.w.drivers.some((y) => y.registersDriver.includes(x) || (d.module >= 0 && y.requestModule === d.module))) return false;
  return actorRegs(k, c, x).every((r) => regs.every((q) => q.a === r.a && (q.j < r.j || (q.j === r.j && q.o < r.o))));
}

/**
 * Can drv's __driver_attach (at its registration) find a registered device it matches, so that an
 * async attach sets dev->p->async_driver? Not when every device it matches is added only by the
 * actor that registers drv, after its last registration there, and by no one else, or registered
 * only by probes (or async scans) of drivers whose probes all come after drv's last walk
 * (probesAfter: tegra-host1x's module registers tegra-dc before host1x, whose probe adds dc): those
 * devices are probed through __device_attach instead. Anything the static order cannot tell (a
 * device present at boot, a driver registered by a probe or request_module, two actors) counts as yes.
 */
function attachMayFind(k: Kernel, c: PropCtx, drv: number): boolean {
  const d = k.w.drivers[drv]!;
  // A bus that does not autoprobe runs no walk at all (bus_add_driver's `if (sp->drivers_autoprobe) {`,
  // bus.c at bfa54a793ba7:674, as at 00c4a3c47da7 and ea34511aaf75): a module's async driver there
  // chose three properties that could only read vacuous (a wrong-verdict hunt, s49 h3).
  if (!k.w.buses[d.bus]!.autoprobe) return false;
  if (d.requestModule >= 0 || k.w.drivers.some((x) => x.registersDriver.includes(drv) || (d.module >= 0 && x.requestModule === d.module))) return true;
  const regs = actorRegs(k, c, drv);
  return d.matches.some((dev) => {
    // A device bound at boot that nothing releases is met bound: __driver_attach sets async_driver
    // only `if (!dev->driver && !dev->p->async_driver)` (s49 h6's generator: a module's async driver
    // beside a device bound at boot to another chose async-driver and module-init-barrier, vacuous).
    const x = k.w.devices[dev]!;
    if (x.present) return x.boundTo < 0 || k.userPatched || mayRelease(c, x.name);
    if (k.w.drivers.some((x) => (x.registers.includes(dev) || (x.asyncScan ?? []).includes(dev)) && !probesAfter(k, c, x.i, regs))) return true;
    const adds = c.acts.flatMap((acts, a) => acts.flatMap((x, j) => (x.op === 'add' && x.dev === dev ? [{ a, j }] : [])));
    return adds.some((add) => regs.some((r) => r.a !== add.a || add.j < r.j));
  });
}

/**
 * May module m's init start an async entry? Its load was built with one (PropCtx.initAsync), and
 * the init's walk of a driver of m may find a device (attachMayFind), or the walk is itself an
 * async entry (bus_add_driver's async_schedule, v4.2 .. v5.0). The init only registers m's
 * drivers (doInitModule); what it runs beyond that is the probes its walks start.
 */
function initMayStart(k: Kernel, c: PropCtx, m: number): boolean {
  if (!c.initAsync.has(m)) return false;
  const drivers = k.w.drivers.filter((d) => d.module === m);
  return drivers.some((d) => attachMayFind(k, c, d.i) || (k.w.buses[d.bus]!.autoprobe && c.steps.has(`bus_add_driver(${k.dn(d.i)}):async_schedule`)));
}

/**
 * `P leads to not P` for a "something is stuck" predicate: once it holds, every fair run leaves
 * it. A violation is a lasso that stays stuck forever: a lost wake-up (the run ends with nothing
 * left to run) or a loop that never gets round to it.
 */
function leadsToGone(name: string, description: string, stuck: (s: KS, q: Query, stops?: boolean) => string | null, premiseText: string): Property<KS> {
  return {
    kind: 'leads-to', name, description, premiseText,
    from: (s, q) => stuck(s, q) !== null, to: (s, q) => stuck(s, q) === null,
    explain: (s, q, stops) => stuck(s, q, stops) ?? '',
  };
}

/**
 * L4: a registered, live, unbound device that a registered driver would bind, not deferred. Once
 * released on purpose in this run (DevS.released: an unbind, its driver's removal, its supplier's
 * unbind or device_del), only by a driver whose probe attempt meets it unbound since (DevS.owed,
 * paths/owed.ts: a registration walk yet to pass it, a __device_attach of it). An
 * actor's driver_override store releases it too (it probes nothing: sysfs-bus-platform), and then
 * only the driver the override names owes it a probe, once its walk started since: platform_match
 * matches no other (a verdict hunt, 2026-12-06: until s36 a written override exempted the device
 * altogether, and a walk of the named driver that skipped it read holds). A managed link to a supplier that is
 * not AVAILABLE defers the probe (device_links_check_suppliers): that probe would not succeed.
 */
function missed(k: Kernel, s: KS, links: readonly (readonly LinkInfo[])[]): string | null {
  // Once device_shutdown blocks probing or has returned, a device left unprobed is what a reboot means.
  if (s.deferAllProbes || s.shutdownReturned) return null;
  for (const d of k.w.devices) {
    const x = s.dev[d.i]!;
    if (!x.registered || !x.onBus || x.dead || x.delStarted || x.driver !== 0 || x.deferred !== 'none' || !s.bus[d.bus]!.autoprobe || x.shutDown) continue;
    if (supplierLinkDefers(k, s, links[d.i]!)) continue;
    // A driver_override naming another driver is a device left for that one (platform_match): not missed by this one.
    // Released on purpose: only drivers whose registration walk started since owe it a probe.
    const ready = d.drivers.filter((drv, j) => { const info = k.w.drivers[drv]!; return (!x.released || (x.owed & (1 << j)) !== 0) && s.drv[drv]!.onBus && overrideMatches(s, d.i, drv, 0, matchesById(k.w, d.i, drv)) && info.outcomes.every((o) => o === 'ok') && info.needs.every((n) => s.dev[n]!.bound); });
    if (ready.length === 1) return `${d.name} and ${k.dn(ready[0]!)} are both registered and ${d.name} is never probed by it`;
    if (ready.length > 1) return `${d.name} is registered with ${ready.map((r) => k.dn(r)).join(', ')}, and never probed by any of them`;
  }
  return null;
}

/** Each device's managed links as consumer (device_links_check_suppliers' list), found once. */
export const consumerLinks = (k: Kernel): LinkInfo[][] => k.w.devices.map((d) => k.w.links.filter((l) => !l.stateless && l.consumer === d.i));

/**
 * Before 190888ac01d0 (v3.5: bus.c@v3.6.0:691 and the 3.5 tree lzljbsc/NanoPC-T1_Linux-3.5 alike)
 * bus_add_driver runs `driver_attach(drv)` before `klist_add_tail(&priv->knode_bus, ...)`: a
 * driver is on the bus klist (DrvS.onBus) only after its walk has tried every device on the bus
 * that it matches, each under its device lock (__driver_attach: `if (!dev->driver)
 * driver_probe_device(drv, dev);`, dd.c@v3.6.0:430). So missed()'s premise, dev unbound (not
 * released, or owed by a walk since) while a matching driver is on the klist, arises only where:
 * dev's own device_add puts it on the bus klist after a driver is on its list (the window up to
 * its bus_probe_device, and B2's miss); dev may go on the deferred list while such a driver joins
 * (the worker's list_del_init comes before its bus_probe_device, dd.c@v3.6.0:58); dev is unbound at boot beside a driver
 * registered at boot; or a patch of yours changes any of it. A release (an unbind, a driver's
 * removal) clears what a walk owed (paths/release.ts), and a walk that passes a device bound to
 * another driver owes it nothing once that one lets it go: a present device that a modprobe's
 * walk binds and an actor unbinds, rmmods or deletes is never missed there (a sweep of every
 * model at v3.5, 2026-12-06: the default choice read vacuous in five models, and a new user's
 * modprobe beside an unbind, rmmod and del).
 */
function lateListMayMiss(k: Kernel, c: PropCtx, d: Kernel['w']['devices'][number]): boolean {
  if (k.userPatched || (builtBlock(c, `device_add(${d.name})`) && !addedBeforeDrivers(k, c, d.i))) return true;
  if (d.present && d.boundTo < 0 && d.drivers.some((x) => k.w.drivers[x]!.present)) return true;
  // A driver whose probe of dev defers for what it `needs` may join the klist with dev on the
  // list, and the worker's retry starts with dev off it. A probe that defers of itself (`defer`
  // among its outcomes) is not the driver missed() waits for, and any other driver's walk probes
  // dev, on the list or not, before that driver joins the klist.
  // Not a need bound for good before any probe of dev (settledBefore, walkSettled): that probe never defers for it.
  const kept = (n: number) => k.w.devices[n]!.boundTo >= 0 && !builtBlock(c, `__device_release_driver(${k.vn(n)})`) && !builtBlock(c, `device_del(${k.vn(n)})`);
  return k.hasDeferredWorker && (!!d.deferredAtBoot?.length || d.matchDefers || d.drivers.some((x) => k.w.drivers[x]!.needs.some((n) => !kept(n)
    && !settledBefore(k, c, { consumer: d.i, supplier: n }) && !walkSettled(k, c, { consumer: d.i, supplier: n }))));
}
/**
 * Is every device_add of device i over before any driver of it is registered? Where one actor A
 * adds it (no other thread was built with its device_add, nor a worker retry that may run) in
 * actions before the first that registers a driver of it, and no one else registers one (not at
 * boot, by a probe, a request_module or another actor): its add then finds no driver of it on
 * the bus klist, so the miss through its own add (lateListMayMiss) cannot happen.
 * init-levels-rfc's sync layout at v3.5 (host1x's probe adds dc before the same thread loads
 * tegra-dc) chose no-missed-probe, and it read vacuous (a sweep, 2026-12-06).
 */
function addedBeforeDrivers(k: Kernel, c: PropCtx, i: number): boolean {
  const dev = k.w.devices[i]!, add = `device_add(${dev.name})`;
  const drivers = dev.drivers.map((x) => k.w.drivers[x]!);
  if (drivers.some((d) => d.present || k.w.drivers.some((y) => y.registersDriver.includes(d.i) || (d.module >= 0 && y.requestModule === d.module)))) return false;
  if (workerRetries(k, c).some((e) => k.workerSteps!.get(e)!.some((l) => l.startsWith(add)))) return false;
  const adders = builtBy(c, add);
  const ai = [...c.actors].indexOf(adders[0] ?? '');
  if (adders.length !== 1 || ai < 0) return false;
  const registers = (a: Action) => (a.op === 'register' && dev.drivers.includes(a.drv)) || (a.op === 'modprobe' && drivers.some((d) => d.module === a.mod));
  if (c.acts.some((acts, j) => j !== ai && acts.some(registers))) return false;
  const firstReg = c.acts[ai]!.findIndex(registers);
  return firstReg < 0 || lastActWith(c, ai, add) < firstReg;
}

/**
 * Does every built path to a probe of device i stop at its bus match? Where its match defers
 * (DevInfo.matchDefers, for the whole run) and the profile has 25e9fbf0fd38 (MATCH_DEFER_RETURNS,
 * v6.0-rc4): __driver_attach then returns 0 and __device_attach_driver -EPROBE_DEFER after
 * driver_deferred_probe_add, before any probe (dd.c@dakr/1ac45118ddf8:436-444 and 655-663), and the
 * deferred worker's retry and drivers_probe_store reach it through __device_attach_driver. Not
 * where an actor binds it through sysfs: bind_store's `if (dev && driver_match_device(drv, dev))`
 * takes -EPROBE_DEFER as a match (bus.c@bfa54a793ba7:258-271), nor for a device whose override an
 * actor writes (platform_match, not a match that defers), nor under a patch of yours.
 */
const matchAlwaysStops = (k: Kernel, c: PropCtx, i: number): boolean => defersMatch(k, i) && k.has('MATCH_DEFER_RETURNS')
  && !k.w.devices[i]!.override && !k.userPatched && !c.acts.some((a) => a.some((x) => x.op === 'bind' && x.dev === i));

/**
 * Can the deferred-probe timeout work run? Only deferred_probe_initcall schedules it, and from v5.7
 * to 5ee76c256e92 (WAIT_PROBE_TIMEOUT) with the timeout parameter set, wait_for_device_probe first
 * sleeps until that work has set the timeout 0 and woken probe_timeout_waitqueue: no other line
 * does either (dd.c@v5.10.13: deferred_probe_timeout_work_func 290, deferred_probe_initcall 311,
 * wait_for_device_probe 695). An actor whose initcall comes after its own wait_for_device_probe
 * never reaches it (deferred-probe's initcall-wait, the boot hang): where every initcall is such,
 * no run schedules the work (a sweep, 2026-12-06: pending-walk read vacuous at v5.9 .. v5.15).
 */
const timeoutWorkMayRun = (k: Kernel, c: PropCtx): boolean => k.userPatched || !waitsForTimeout(k)
  || c.acts.some((a) => { const j = a.findIndex((x) => x.op === LATE_INITCALL); return j >= 0 && !a.slice(0, j).some((x) => x.op === 'wait_for_device_probe'); });

/** The user's patches some hunk of which applies to this scenario, by id. */
const userPatchIds = (k: Kernel): string[] => k.patches.filter((p) => isUserPatch(p) && p.hunks.some((h) => k.applied?.has(h))).map((p) => p.id);

/** missed(), with each device's managed links as consumer found once. */
function missedIn(k: Kernel, c: PropCtx): (s: KS, q: Query, stops?: boolean) => string | null {
  const links = consumerLinks(k);
  // An actor still in a call where the run stops for good with the device unprobed (every thread
  // deadlocked, as dc23806a7c47's locked match leaves modprobe) is no probe the patch made fail:
  // the hint would send the user to the drivers' outcomes (s39 h6). Which actors, as
  // actors-terminate counts them. Not where the run loops (`stops` false: a re-probe loop's worker
  // moves, an actor waits in wait_for_device_probe beside it): no thread is deadlocked there, and
  // the patch's refusal of the probe may be the cause (a review, s39 h11).
  const actors = c.threads.filter((t) => !c.asyncThreads.has(t) && t !== DEFERRED_WORKER);
  const inCall = (q: Query) => actors.flatMap((t) => { const l = q.at(t); return l !== null && !l.endsWith(':remove_event') && !c.stopsAt.get(t)?.has(l) ? [`${t} (at ${l})`] : []; });
  // The drivers' declared outcomes are the premise; a user's hunk may add a failing probe or a
  // refusing match the scenario does not declare (a patch hunt, 2026-12-05: "never probed" of a
  // device whose patched probe ran and returned -EBUSY).
  const yours = () => userPatchIds(k);
  // Where the C lists a -EPROBE_DEFER: from v5.14 driver_probe_device does, for whatever
  // __driver_probe_device returns once can_match is set (dd.c@efb0b309fa0d:364-377, 132-143);
  // before, driver_probe_device lists nothing, and really_probe lists its own (its probe's
  // -EPROBE_DEFER at probe_failed, the link check's: dd.c@97e2551de3f9 (v5.4):162,167-168,272-275,
  // v4.2.8:202-205): a return of -EPROBE_DEFER from a step of really_probe or before it lists
  // nothing there (a review, s39 h11: at v4.2 the hint named driver_probe_device's add).
  const where = k.has('PROBE_BUSY_CHECK') ? "returned before driver_probe_device's driver_deferred_probe_add or with can_match not yet set"
    : "returned without really_probe's driver_deferred_probe_add (before v5.14 driver_probe_device lists nothing: only really_probe's probe_failed path, its link check and a match that defers (656b8035b0ee, v4.5 or v4.6) do)";
  return (s, q, stops) => {
    const m = missed(k, s, links);
    if (m === null) return m;
    const ids = yours();
    if (ids.length === 0) return m;
    const busy = stops === true ? inCall(q) : [];
    if (busy.length > 0) return `${m} (${busy.join(', ')} ${busy.length > 1 ? 'are' : 'is'} still in a call here: where no thread can move, read no-deadlock first)`;
    return `${m} (judged by the drivers' declared probe outcomes: if your patch ${ids.join(', ')} makes this probe fail or this match refuse, declare it, e.g. probe: ['ok', 'error'], or leave no-missed-probe out; a -EPROBE_DEFER of your patch's that lists the device nowhere, ${where}, is such a failure: nothing retries it)`;
  };
}

/**
 * L1: a device left on a deferred list although its driver has everything it needs. Only drivers
 * that defer for a reason the model has: what they `need` (a driver's checked `links` among it),
 * or a managed device link to a supplier (DeviceSpec.suppliers, a linksUnchecked link, another
 * driver's link), which device_links_check_suppliers checks before probe() and really_probe (v4.18
 * .. v5.13) or driver_probe_device (v5.14 on) answers by putting the device on the list for that
 * driver (DevS.deferBy). What they lacked was bound since, by a driver_bound whose trigger owes them
 * a retry. A probe that may return -EPROBE_DEFER for a reason outside the model (`probe: 'defer'`)
 * is owed one only by a trigger after it began, which the model does not record per device: such a
 * driver is not judged (a false "lost" otherwise).
 */
/**
 * Is device i's match deferral a user's? Its match defers (DevInfo.matchDefers) and a hunk of yours
 * is on a walk's match steps of it (Kernel.matchHunked), at a profile where that walk goes on after
 * the match's driver_deferred_probe_add (before 25e9fbf0fd38, MATCH_DEFER_RETURNS: dd.c@v5.10.13
 * __device_attach_driver 830-832, __driver_attach 1065-1067, no return after the add): a hunk can
 * make the match succeed there once its condition holds (amba_match once amba_read_periphid reads
 * the ID), and the deferral it keeps is owed the retry a deferral of its own is (s40 h7: a fix that
 * stopped deferring in __driver_attach only, the deferred worker's retries deferring for ever, read
 * holds). From 25e9fbf0fd38 __device_attach_driver returns after the add and the model builds no
 * way on to the probe from its match steps (E202): the worker's retry cannot succeed, none is owed.
 */
export const matchYours = (k: Kernel, i: number): boolean => k.matchHunked?.has(i) === true && !k.has('MATCH_DEFER_RETURNS');

export const owedRetry = (k: Kernel, links: readonly (readonly LinkInfo[])[], dev: number, drv: number): boolean => {
  const info = k.w.drivers[drv]!;
  // A patch of yours that may defer (Kernel.userDefers) defers for a reason of its own, which the
  // C answers as any other: driver_probe_device's driver_deferred_probe_add (dd.c@efb0b309fa0d:830-831)
  // for a -EPROBE_DEFER from __driver_probe_device or really_probe, the match's add (1175-1178,
  // 931-934): such a device is owed a retry once its driver is registered (a hunt, s39 h7: a
  // device a patch's check deferred for good read holds, judged by no property).
  return !info.outcomes.includes('defer') && (info.needs.length > 0 || (k.on.DEVICE_LINKS && links[dev]!.length > 0) || k.userDefers === true || matchYours(k, dev));
};

/**
 * Every managed link of the consumer to a supplier is AVAILABLE, so device_links_check_suppliers
 * lets the retry through; one gone (NONE) counts only while its supplier is bound. A link whose
 * supplier device_del purged, the supplier never bound again, is a deferral no driver_bound
 * answers: the C leaves the consumer pending until some other trigger (device_links_purge triggers
 * nothing), and so no retry is owed for it.
 */
function suppliersReady(k: Kernel, s: KS, links: readonly LinkInfo[]): boolean {
  if (!k.on.DEVICE_LINKS) return true;
  return links.every((l) => { const x = s.link[l.i]!.status; return x === 'AVAILABLE' || (x === 'NONE' && s.dev[l.supplier]!.bound); });
}

/**
 * Can the retry drv's deferral is owed bind device i, whose driver_override an actor writes? Only
 * through a registered driver the override lets match (platform_match: the one it names, or one
 * matching by ID where none is written): with none such, none is owed (s40 h9: a device a hunk
 * listed, its override then naming a driver not registered, read violated). The retry is owed by
 * drv's deferral whichever driver the override names (s40 h11: dc-drv's, the trigger lost, its
 * override naming x then: 4a855b4 asked drv to match too, and the lost retry x would have taken
 * read holds); another driver must be one the retry could bind by, a probe that may succeed with
 * its own needs bound (s40 h12: x's probe always failing or deferring, or x needing a device never
 * bound, read violated for dc-drv, a retry that binds nothing lost).
 */
function overrideRetryBinds(k: Kernel, s: KS, i: number, drv: number): boolean {
  return k.w.devices[i]!.drivers.some((r) => {
    if (!s.drv[r]!.onBus || !overrideMatches(s, i, r, 0, matchesById(k.w, i, r))) return false;
    const o = k.w.drivers[r]!;
    return r === drv || (o.outcomes.includes('ok') && o.needs.every((n) => s.dev[n]!.bound));
  });
}

function lostDeferral(k: Kernel, s: KS, links: readonly (readonly LinkInfo[])[]): string | null {
  // device_block_probing defers every probe on purpose (reboot): no retry is owed then.
  if (s.deferAllProbes || s.shutdownReturned) return null;
  for (const d of k.w.devices) {
    const x = s.dev[d.i]!;
    if (x.shutDown) continue;
    // (A bound device on a list, as a probe racing a bind can leave it, is owed no retry: deferred-lists reports it.)
    if (x.deferred === 'none' || x.probing !== 0 || x.driver !== 0) continue;
    // Nor a device device_del has begun to delete: it is owed no probe (deferred-lists reports one
    // left on a list; a supplier's add of its AUTOPROBE_CONSUMER consumer can put it back there).
    if (!x.registered || x.dead || x.delStarted) continue;
    // A link to a supplier not AVAILABLE (DeviceSpec.suppliers: not a driver's `needs`) defers the
    // retry in device_links_check_suppliers: none is owed yet (a hunt, 2026-12-05: a false alarm);
    // nor for a link purged with its supplier unbound (suppliersReady).
    if (!suppliersReady(k, s, links[d.i]!)) continue;
    // A device a hunk of yours listed itself (deferredAdd: a bus match that defers, say) has no
    // driver's bit: every driver of it is owed the retry (not a match the scenario declares deferring
    // for the whole run, matchDefers, whose library add sets none either, unless a hunk of yours
    // on its match may make it succeed: matchYours).
    // (A run that chose the property by default, for a driver that needs something, say, owes the
    // match deferral nothing: k.matchJudged; s40 h11, the hand backport of 25e9fbf0fd38 beside
    // such a driver read violated by default.)
    const yoursListed = x.deferBy === 0 && (d.matchDefers ? k.matchJudged === true && matchYours(k, d.i) : k.userDefers === true);
    for (const [j, drv] of d.drivers.entries()) {
      const info = k.w.drivers[drv]!;
      // Only a driver whose own deferral put it there or kept it there (a hunt, 2026-12-04, found
      // d1 blamed for the list d0's unmodelled deferral put the device on).
      if ((x.deferBy & (1 << j)) === 0 && !(yoursListed && j < DRIVER_BITS)) continue;
      if (owedRetry(k, links, d.i, drv) && s.drv[drv]!.onBus && info.needs.every((n) => s.dev[n]!.bound) && (!d.override || overrideRetryBinds(k, s, d.i, drv))) {
        const sups = k.has('DEVICE_LINKS') ? links[d.i]!.filter((l) => s.link[l.i]!.status === 'AVAILABLE').map((l) => k.vn(l.supplier)) : [];
        const has = [...(info.needs.length ? [`${info.needs.map((n) => k.vn(n)).join(', ')} bound`] : []), ...(sups.length ? [`its link${sups.length > 1 ? 's' : ''} to ${sups.join(', ')} AVAILABLE`] : [])];
        // Said where only the patch can have deferred it: a driver with nothing to need, or a device a hunk listed.
        const ids = (k.userDefers || yoursListed) && (yoursListed || (info.needs.length === 0 && !(k.on.DEVICE_LINKS && links[d.i]!.length > 0))) ? userPatchIds(k) : [];
        const what = d.matchDefers && yoursListed ? `the bus match's deferral, which a hunk of your patch ${ids.join(', ')} on its match steps may let succeed,` : `a deferral your patch ${ids.join(', ')} makes`;
        const why = ids.length === 0 ? '' : ` (${what} is owed a retry as the driver's own is: none came after it, or every retry was deferred again; if the patch means to keep ${d.name} deferred here, leave no-lost-deferral out)`;
        // The retry would probe the driver the override names, not drv: said.
        const o = d.override ? x.ovrDrv - 1 : -1;
        const names = o >= 0 && o !== drv ? ` (its driver_override names ${k.dn(o)}, which the retry would probe)` : '';
        return `${d.name} stays on the deferred ${x.deferred} list with ${info.name} registered${has.length ? ` and ${has.join(' and ')}` : ''}: its retry was lost${names}${why}`;
      }
    }
  }
  return null;
}

/** The functions whose blocks run platform_match's two steps for a device with a driver_override (B13). */
const OVERRIDE_READERS = ['__device_attach_driver', '__driver_attach', 'bind_store'];
const who = (k: Kernel, owner: number) => (owner === 0 ? 'nobody' : k.threadNames[owner - 1] ?? `#${owner - 1}`);
const drvName = (k: Kernel, v: number) => (v === 0 ? 'NULL' : k.dn(v - 1));
/** Transitions where dev's probe() starts (the ghost `probing` goes 0 -> thread). */
function probeStarts(b: KS, a: KS, i: number): boolean { return b.dev[i]!.probing === 0 && a.dev[i]!.probing !== 0; }
/**
 * The situation a property is about, in words and as a state predicate: when no reachable state
 * meets it, the verdict is `vacuous`, not `holds` (a scenario whose device_del never runs says
 * nothing about probes after device_del).
 */
interface Premise { text: string; met: (s: KS, q: Query) => boolean }
/**
 * `watches`: the fields without whose change the property cannot fail (the search skips the
 * other transitions; test/kernel/watches.test.ts holds each library property to it). A clause
 * about the state after the move alone is written to fire only on a move that changes what it
 * reads: such a state is first reached by a move that does (no initial state breaks one), and
 * BFS meets that move first, so the verdict and the trace are the same.
 */
function action(name: string, description: string, holds: (b: KS, a: KS, m: Move, q: Query) => string | null, premise?: Premise, watches?: string[]): Property<KS> {
  return { kind: 'action', name, description, holds: (b, a, m, q) => holds(b, a, m, q) === null, explain: (b, a, m, q) => holds(b, a, m, q) ?? '',
    ...(premise ? { premise: premise.met, premiseText: premise.text } : {}), ...(watches ? { watches } : {}) };
}
/**
 * A link property named on a profile without device links: never met, saying why (a scenario's
 * links are not made there, and a verdict about them would be about nothing).
 */
function noLinks(k: Kernel): Premise | undefined {
  return k.has('DEVICE_LINKS') ? undefined : { text: `device links exist (9ed9895370ae, v4.10); profile ${k.profile} has none`, met: () => false };
}

/** Some actor's `add` names device i. */
function addedByActor(c: PropCtx, i: number): boolean {
  return c.acts.some((a) => a.some((x) => x.op === 'add' && x.dev === i));
}

/** Some of the named threads is running (not ended or not started) in the state q reads. */
function anyPending(threads: readonly string[], q: Query): boolean {
  for (let x = 0; x < threads.length; x++) if (q.at(threads[x]!) !== null) return true;
  return false;
}

function invariant(name: string, description: string, broken: (s: KS, q: Query) => string | null, premise?: Premise): Property<KS> {
  return { kind: 'invariant', name, description, holds: (s, q) => broken(s, q) === null, explain: (s, q) => broken(s, q) ?? '',
    ...(premise ? { premise: premise.met, premiseText: premise.text } : {}) };
}
/** The state as the view (view.ts) shows it: what users' properties read too. */
const view = (k: Kernel, c: PropCtx, s: KS, q: Query): KernelView => kernelView(k, c, s, q);
/** request_module's first step (paths/probe-body.ts), the thread inside __request_module: `request_module(DRV)#2:call_usermodehelper_exec`. */
const REQUEST_ENTRY = /^request_module\(([^)]+)\)(?:#\d+)?:call_usermodehelper_exec$/;
/** A step that waits for probes: async_synchronize_full anywhere, or wait_for_device_probe's. */
const waitStep = (l: string) => l.endsWith(':async_synchronize_full') || l.startsWith('wait_for_device_probe');
/**
 * A library step that waits for probes, as its label says: not one a user's hunk replaced, which
 * waits only where its own guard says so (userProbeWait). A new user, 2026-12-06: a hunk that took
 * async_synchronize_full out of __device_release_driver still read as a wait under the lock.
 */
const libWait = (k: Kernel, l: string) => waitStep(l) && !k.userAwaits?.has(l);
/** The call of wait_for_device_probe a label is in (`wait_for_device_probe#2`), or null. */
const waitCall = (l: string | null) => (l === null ? null : /^(wait_for_device_probe(?:#\d+)?):/.exec(l)?.[1] ?? null);
/**
 * Thread t waits at label l in a step a user's hunk made (its guard false now) that no pending
 * probe or async entry would hold up: the guard passes with probe_count and the async entries at
 * 0. A wait for probes named otherwise than the library's (a mutation hunt, 2026-12-05: a hunk's
 * own async_synchronize_full under the device lock read as holding).
 */
function userProbeWait(k: Kernel, s: KS, l: string, loc: KL): boolean {
  const aw = k.userAwaits?.get(l);
  if (!aw || aw(s, loc)) return false;
  // Over the state, not a copy of it: a spread drops the fast backend's fields, accessors on its prototype.
  const idle: KS = Object.create(s, { asyncPending: { value: 0 }, probeCount: { value: 0 } });
  return k.reads ? k.reads.quiet(() => aw(idle, loc)) : aw(idle, loc);
}
/**
 * An action built with no probe and no async entry: a `modprobe`, `register` or `add` on a bus that
 * does not autoprobe, whose attach is not built (device-add.ts busProbeDevice, driver-attach.ts), so
 * the action probes nothing (s49 h6's generator: a module loaded beside a sysfs bind that defers, on
 * such a bus at v5.15 and later, chose deferred-lists, vacuous).
 */
const probesNone = (labels: ReadonlySet<string> | undefined): boolean => labels !== undefined && ![...labels].some((l) => l.startsWith('really_probe(') || /:async_schedule/.test(l));
// Actions that start no probe but a sysfs bind's (bind_store) and the ones they lead to.
const NO_AUTOPROBE_OPS: ReadonlySet<Action['op']> = new Set(['bind', 'unbind', 'override', 'uevent', 'lock', 'unlock', 'del', 'kill-del', 'unregister', 'rmmod', 'wait_for_device_probe', 'device_shutdown']);
/**
 * Nothing can ever be put on a deferred list: from v5.14 (PROBE_BUSY_CHECK, 45ddcb42949f) a sysfs
 * bind's probe is not (device_driver_attach calls __driver_probe_device, and turns -EPROBE_DEFER
 * into -EAGAIN: dd.c at f04948dea236), and here every probe is such a bind: no actor adds a device,
 * registers or loads a driver, runs drivers_probe or the late initcall; no probe registers a device
 * or a driver, requests a module or scans; no device starts deferred, has a match that defers or an
 * AUTOPROBE_CONSUMER link (a supplier's bind puts its consumer on the list); no patch of the user's.
 * The deferred worker is still built where device_shutdown blocks probing (scenario.ts), but the
 * list properties would be vacuous by construction (a LTS hunt, 2026-12-06: a clean check of a
 * bind racing reboot exited 5 at v5.15, v6.1 and v6.6 for `deferred-lists`).
 */
const nothingDefers = (k: Kernel, c: PropCtx): boolean => !k.userPatched && nothingDefersUnpatched(k, c);
/**
 * What the list properties' premise adds where a patch of the user's is all that chose them: without it nothing here can
 * defer, and a premise never met then read `vacuous` (exit 5) beside a patch about something else, with no word why
 * (s47 h15: a bind racing del at v6.6, where a sysfs bind's deferral is -EAGAIN, with a patch adding a lock).
 */
const chosenForPatch = (k: Kernel, c: PropCtx): string => (k.userPatched && nothingDefersUnpatched(k, c) ? CHOSEN_FOR_PATCH : '');
/** Dropped where the run or the scenario names the property (scenario.ts selected): then it was not chosen for the patch (s47 h16). */
export const CHOSEN_FOR_PATCH = ' (chosen only because your patch may make a device defer: without it nothing here can; name the properties you mean, --property, where it does not)';
const nothingDefersUnpatched = (k: Kernel, c: PropCtx): boolean => !k.w.links.some((l) => l.autoprobe)
  && !k.w.devices.some((d) => d.deferredAtBoot?.length || d.matchDefers)
  && (noProbe(c) || neverDefers(k, c) || (k.has('PROBE_BUSY_CHECK') && c.acts.every((acts, a) => acts.every((x, j) => NO_AUTOPROBE_OPS.has(x.op) || probesNone(c.actSteps[a]?.[j])))
    && !k.w.drivers.some((d) => d.registers.length > 0 || (d.registersOf?.size ?? 0) > 0 || d.registersDriver.length > 0 || d.asyncScan !== null || d.requestModule >= 0)));
/**
 * The steps that may run: `own` (every thread's but the deferred-probe worker's) and the worker's
 * retries (Kernel.workerSteps) of the devices that may be on a list: one listed without a probe
 * (listedWithoutProbe), or one some thread may probe (its probe may defer), the worker's own
 * retries included: a retried device's probe that registers a device probes it in the worker, and
 * that probe may defer in turn. Leaving the worker out whole missed those nested probes (a review,
 * 2026-12-06: a failed probe the worker retried deleted an async child under its parent's lock at
 * v4.14, and no-wait-under-lock was not chosen; reader-no-wait-on-probe and override-uaf of a
 * device only such a probe adds were not either, each violated when named).
 */
export function workerReach(k: Kernel, own: ReadonlySet<string>): Set<string> {
  const steps = new Set(own);
  const per = k.workerSteps;
  if (!k.hasDeferredWorker || !per) return steps;
  const taken = new Set<number>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [d, labels] of per) {
      // On a bus that does not autoprobe the worker's bus_probe_device probes nothing (bus.c at
      // bfa54a793ba7: `if (sp->drivers_autoprobe) device_initial_probe(dev);`; from ea34511aaf75 the test is in
      // device_initial_probe, dd.c@dakr@1ac45118ddf8:1153), and no step writes
      // a bus's autoprobe: that retry's steps never run (a hunt, 2026-12-06: a reboot beside a
      // drivers_probe of an async driver's device chose wait-for-probe for the worker's
      // async_schedule and read vacuous, exit 5).
      if (!k.w.buses[k.w.devices[d]!.bus]!.autoprobe) continue;
      if (taken.has(d) || !(listedWithoutProbe(k, d) || (builtIn(steps, `really_probe(${k.vn(d)},`) && probeMayList(k, steps, d)))) continue;
      taken.add(d); grew = true;
      for (const l of labels) steps.add(l);
    }
  }
  return steps;
}
/**
 * Can a probe of device d (one some thread was built with) put it on a list the worker then takes
 * it from? Where its probe may defer for a reason of its own: a driver of d whose probe may return
 * -EPROBE_DEFER, that needs a device, or a managed link of d's to a supplier, unless each such
 * device is bound at boot and released by no step in `steps` (neverDefers' test, for d alone). Where
 * the only reason is device_block_probing's defer_all_probes (device_shutdown, SHUTDOWN_BLOCKS_PROBING),
 * d goes on the pending list only once probing is blocked, and the worker takes it only after a
 * driver_deferred_probe_trigger that comes later (dd.c@013c074f8642: the trigger splices pending
 * onto active, deferred_probe_work_func walks active; device_unblock_probing's trigger is PM's, not
 * modelled): the late initcall, the timeout work, or driver_bound of a probe that passed the
 * defer_all_probes test before it was set. Not d's own: its probes run under its device lock, so a
 * bind of d ends before the probe that lists it starts. The re-trigger of a deferring probe that saw
 * a trigger meanwhile needs one of those too (and from 45ddcb42949f it is skipped under
 * defer_all_probes: dd.c@f04948dea236 driver_probe_device). So there, only where some other
 * device's probe was built, or the late initcall or the timeout work: a modprobe beside
 * device_shutdown chose wait-for-probe for the worker's async retry of the module's device, which
 * no run reaches (vacuous by default: a premise review, 2026-12-06).
 */
function probeMayList(k: Kernel, steps: ReadonlySet<string>, d: number): boolean {
  if (defersOfItsOwn(k, steps, d)) return true;
  if (!blocksProbing(k)) return false;
  return builtIn(steps, LATE_INITCALL) || builtIn(steps, 'deferred_probe_timeout_work_func')
    || k.w.devices.some((x) => x.i !== d && builtIn(steps, `really_probe(${k.vn(x.i)},`));
}
/** probeMayList's reasons of d's own: a driver of d whose probe may defer, that needs a device, or a managed link of d's, unless each such device is bound at boot and released by no step in `steps`. */
function defersOfItsOwn(k: Kernel, steps: ReadonlySet<string>, d: number): boolean {
  const kept = (i: number) => k.w.devices[i]!.boundTo >= 0 && !builtIn(steps, `__device_release_driver(${k.vn(i)})`) && !builtIn(steps, `device_del(${k.vn(i)})`);
  return k.w.devices[d]!.drivers.some((x) => k.w.drivers[x]!.outcomes.includes('defer') || !k.w.drivers[x]!.needs.every(kept))
    || k.w.links.some((l) => !l.stateless && l.consumer === d && !kept(l.supplier));
}
/**
 * The deferred worker's retries of d (workerReach took it) all defer before drv->probe: d goes on a
 * list only through device_block_probing's defer_all_probes (not listed without a probe, no reason
 * of its own), which nothing clears (device_unblock_probing is PM's, not modelled), and
 * really_probe tests it before drv->probe (paths/really-probe.ts: the defer_all_probes step, or
 * call_probe's test from v5.14). So the retries never run d's probe body: an async_schedule there (an
 * async scan) never runs in the worker; `__device_attach`'s own, before the probe, does.
 */
export const retriesOnlyBlocked = (k: Kernel, steps: ReadonlySet<string>, d: number): boolean => blocksProbing(k) && !listedWithoutProbe(k, d) && !defersOfItsOwn(k, steps, d);
/**
 * A device a driver `needs` (a managed link's supplier is one too), or a managed link's supplier, bound, in every run, before any probe of its consumer starts
 * and stays bound until every such probe is over: device_links_check_suppliers (really_probe)
 * never defers the consumer for it. The order is one actor's: an earlier `add` of the supplier
 * binds it for sure (every driver of it built in and registered at boot, probe() only `ok`, not
 * async, nothing it needs or links to, no bus match that defers, an autoprobing bus: device_add's
 * bus_probe_device binds it before device_add returns), every probe of the consumer is that
 * actor's (no other thread, async entry or other device's deferred retry was built with one; an
 * unbind, del, unregister or rmmod starts none, NO_AUTOPROBE_OPS), and none of its actions up to the last that may probe the consumer may release the supplier (only
 * an `add` of a device whose drivers register nothing, a `uevent`, a wait), nor was any other
 * thread built with the supplier's __device_release_driver or device_del, or acts on its drivers.
 * device-links' parent variant (boot: add pmic, add mmc, unregister pmic-drv) chose the list
 * properties, which read vacuous (a premise sweep, 2026-12-06); mmc added by another actor still
 * chooses them (the order variant: violated at v3.5).
 */
function settledBefore(k: Kernel, c: PropCtx, l: { consumer: number; supplier: number }): boolean {
  if (k.userPatched || blocksProbing(k) || listedWithoutProbe(k, l.consumer)) return false;
  const s = k.w.devices[l.supplier]!, cn = k.vn(l.consumer), sn = s.name;
  // A driver that matches the supplier only through a driver_override (DevInfo.byOverride) binds it
  // only after a store, which probes nothing: not for sure (s40 h9).
  if (s.present || s.matchDefers || (s.deferredAtBoot?.length ?? 0) > 0 || !k.w.buses[s.bus]!.autoprobe || s.drivers.length === 0 || s.byOverride) return false;
  if (!s.drivers.every((x) => { const d = k.w.drivers[x]!; return d.present && d.module < 0 && d.outcomes.every((o) => o === 'ok') && d.needs.length === 0 && !mayBeAsync(k, x); })) return false;
  if (k.w.links.some((m) => m.consumer === l.supplier)) return false;
  // device_add of a child of a parent not registered returns -ENOENT from kobject_add, adding
  // nothing (paths/device-add.ts): every ancestor registered at boot and deleted by no thread (a
  // review, 2026-12-06: `del soc` beside `add pmic` (soc's child), `add mmc` listed mmc, and
  // deferred-lists, named, read holds where the default left it out as vacuous).
  if (ancestors(k.w, l.supplier).some((p) => !k.w.devices[p]!.present || [...c.stepsOf.values()].some((st) => builtIn(st, `device_del(${k.vn(p)})`)))) return false;
  const quiet = (dev: number) => k.w.drivers.every((d) => !d.matches.includes(dev) || (d.registers.length === 0 && (d.registersOf?.size ?? 0) === 0 && d.registersDriver.length === 0 && d.asyncScan === null && d.requestModule < 0 && !d.workOnCpu));
  const mayProbeC = (a: Action) => !((a.op === 'add' && a.dev !== l.consumer && quiet(a.dev)) || ['uevent', 'wait_for_device_probe', 'lock', 'unlock', 'override', 'unbind', 'del', 'kill-del', 'unregister', 'rmmod'].includes(a.op));
  const safeForS = (a: Action) => (a.op === 'add' && a.dev !== l.supplier ? quiet(a.dev) : a.op === 'add') || a.op === 'uevent' || a.op === 'wait_for_device_probe';
  const names = [...c.actors];
  const owners = c.acts.map((acts, i) => ({ name: names[i]!, acts })).filter((x) => builtIn(c.stepsOf.get(x.name) ?? new Set(), `really_probe(${cn},`));
  if (owners.length !== 1) return false;
  const { name: A, acts } = owners[0]!;
  if (builtBy(c, `really_probe(${cn},`).some((t) => t !== A)) return false;
  for (const [d, labels] of k.workerSteps ?? []) if (d !== l.consumer && labels.some((x) => x.startsWith(`really_probe(${cn},`))) return false;
  for (const [t, steps] of c.stepsOf) if (t !== A && (builtIn(steps, `__device_release_driver(${sn})`) || builtIn(steps, `device_del(${sn})`))) return false;
  if (c.acts.some((as, i) => names[i] !== A && as.some((a) => 'drv' in a && s.drivers.includes(a.drv)))) return false;
  const probes = acts.flatMap((a, i) => (mayProbeC(a) ? [i] : []));
  if (probes.length === 0) return false;
  const first = probes[0]!, last = probes[probes.length - 1]!;
  if (!acts.slice(0, first).some((a) => a.op === 'add' && a.dev === l.supplier && !a.maybe)) return false;
  return acts.slice(0, last + 1).every(safeForS);
}
/** The devices whose deferred-worker retries may run (workerReach's test, read on the steps it reached). */
const workerRetries = (k: Kernel, c: PropCtx): number[] => [...k.workerSteps?.keys() ?? []].filter((d) => k.w.buses[k.w.devices[d]!.bus]!.autoprobe
  && (listedWithoutProbe(k, d) || (builtIn(c.steps, `really_probe(${k.vn(d)},`) && probeMayList(k, c.steps, d))));
/**
 * Can device d, deferred by its only driver x for the one device n it needs (and the one supplier
 * its managed links name), ever see n bound again? A deferral of d for n happens with n unbound
 * (or unbinding: its link SUPPLIER_UNBIND), and only a driver_bound of n makes n bound, and its
 * link AVAILABLE, again (device_links_driver_bound). Where every probe of n comes before every
 * probe of d, none comes after the deferral, and no retry is ever owed: no thread but one actor A
 * was built with a probe of n (nor a worker retry that may run: workerRetries), none but A with
 * one of d (the worker retries d only once a probe of d listed it; not listed otherwise:
 * listedWithoutProbe), and A's last action built with a probe of n comes before its first built
 * with one of d (PropCtx.actSteps; each action runs its probes before it returns: an async probe
 * runs in a thread of its own, ruled out above). Not under device_block_probing (it lists d with n bound), nor a patch of yours.
 * device-links' unbind variant (boot adds pmic, then mmc; an admin unbinds pmic for good) chose
 * no-lost-deferral on every profile, and it read vacuous (a sweep, 2026-12-06).
 */
function retryNeverOwed(k: Kernel, c: PropCtx, d: number, x: number): boolean {
  const dev = k.w.devices[d]!, drv = k.w.drivers[x]!;
  if (k.userPatched || blocksProbing(k) || listedWithoutProbe(k, d) || dev.drivers.length !== 1 || drv.needs.length !== 1) return false;
  const n = drv.needs[0]!;
  if (k.w.links.some((l) => !l.stateless && l.consumer === d && l.supplier !== n)) return false;
  const nn = `really_probe(${k.vn(n)},`, dn = `really_probe(${k.vn(d)},`;
  const retries = workerRetries(k, c);
  if (retries.some((e) => k.workerSteps!.get(e)!.some((l) => l.startsWith(nn) || (e !== d && l.startsWith(dn))))) return false;
  const pn = builtBy(c, nn);
  if (pn.length === 0) return true;
  const names = [...c.actors], A = pn[0]!, ai = names.indexOf(A);
  if (pn.length !== 1 || ai < 0 || builtBy(c, dn).some((t) => t !== A)) return false;
  const firstD = c.actSteps[ai]!.findIndex((st) => builtIn(st, dn));
  return firstD < 0 || lastActWith(c, ai, nn) < firstD;
}
/**
 * settledBefore's case for a supplier present at boot and unbound: one actor A registers its
 * drivers (a `register`, or a `modprobe` of the module), and the first such action binds it for
 * sure: bus_add_driver's driver_attach walks the bus (drivers_autoprobe) and __driver_attach
 * probes it synchronously under its lock (bus.c@v3.6.0:207-208, dd.c@v3.6.0:298-300 as kept in
 * kernel/: `if (!dev->driver) driver_probe_device(drv, dev);`),
 * where every driver of it is registered only there (not at boot, by a probe or a request_module,
 * nor by another actor), binds it (probe() only `ok`, not async, nothing it needs or links to, no
 * match that defers). No thread was built to let it go (its __device_release_driver or device_del,
 * the reachable worker retries included). Every probe of the consumer is A's, in an action after
 * that one (PropCtx.actSteps: a module that registers the consumer's driver first probes it in
 * the same action, and does not count), or a worker retry of the consumer itself, which needs a
 * first deferral. init-levels-rfc's sync layout (do_initcalls loads pwm-tegra, host1x, then
 * tegra-dc, which needs pwm) chose deferred-lists and read vacuous (a sweep, 2026-12-06).
 */
function walkSettled(k: Kernel, c: PropCtx, l: { consumer: number; supplier: number }): boolean {
  if (k.userPatched || blocksProbing(k) || listedWithoutProbe(k, l.consumer)) return false;
  const s = k.w.devices[l.supplier]!, sn = s.name, cn = `really_probe(${k.vn(l.consumer)},`;
  // Nor one a driver matches only through a driver_override (DevInfo.byOverride): its walk binds
  // it only where a store came first, which probes nothing itself (s40 h9: `register x`, then
  // `override s x`, left s unbound for good, and c's deferral for s was taken as never made).
  if (!s.present || s.boundTo >= 0 || s.matchDefers || (s.deferredAtBoot?.length ?? 0) > 0 || !k.w.buses[s.bus]!.autoprobe || s.drivers.length === 0 || s.byOverride) return false;
  const drivers = s.drivers.map((x) => k.w.drivers[x]!);
  if (!drivers.every((d) => !d.present && d.outcomes.every((o) => o === 'ok') && d.needs.length === 0 && !mayBeAsync(k, d.i)
    && !k.w.drivers.some((y) => y.registersDriver.includes(d.i) || (d.module >= 0 && y.requestModule === d.module)))) return false;
  if (k.w.links.some((m) => !m.stateless && m.consumer === l.supplier)) return false;
  if (builtIn(c.steps, `__device_release_driver(${sn})`) || builtIn(c.steps, `device_del(${sn})`)) return false;
  const touches = (a: Action) => ('drv' in a && s.drivers.includes(a.drv)) || ('mod' in a && drivers.some((d) => d.module === a.mod));
  const byActor = c.acts.map((acts) => acts.findIndex(touches));
  const ai = byActor.findIndex((j) => j >= 0);
  if (ai < 0 || byActor.some((j, i) => i !== ai && j >= 0)) return false;
  const j0 = byActor[ai]!, act = c.acts[ai]![j0]!;
  if (act.op !== 'register' && act.op !== 'modprobe') return false;
  const A = [...c.actors][ai]!;
  if (builtBy(c, cn).some((t) => t !== A)) return false;
  if (workerRetries(k, c).some((e) => e !== l.consumer && k.workerSteps!.get(e)!.some((x) => x.startsWith(cn)))) return false;
  return c.actSteps[ai]!.every((st, j) => j > j0 || !builtIn(st, cn));
}
/** A wait_for_device_probe step, by label (numbered where a thread builds several). */
const WAIT_LABEL = /^wait_for_device_probe(?:#\d+)?:/;
/** Actions whose steps run no wait_for_device_probe but device_links_unbind_consumers' (release.ts). */
const RELEASE_OPS: ReadonlySet<Action['op']> = new Set(['unbind', 'unregister', 'rmmod', 'del', 'kill-del']);
/**
 * Can device i be put on a deferred list in some run? Listed without a probe of its own
 * (listedWithoutProbe), by device_block_probing, under a patch of yours, or by a probe of it that
 * defers: a driver's own -EPROBE_DEFER, or a device it needs or a managed link's supplier not
 * bound for good before every probe of it (kept, settledBefore, walkSettled, uncheckedOnce).
 */
function mayList(k: Kernel, c: PropCtx, i: number): boolean {
  if (k.userPatched || blocksProbing(k) || listedWithoutProbe(k, i)) return true;
  const kept = (n: number) => k.w.devices[n]!.boundTo >= 0 && !builtIn(c.steps, `__device_release_driver(${k.vn(n)})`) && !builtIn(c.steps, `device_del(${k.vn(n)})`);
  const settled = (n: number) => kept(n) || settledBefore(k, c, { consumer: i, supplier: n }) || walkSettled(k, c, { consumer: i, supplier: n });
  return k.w.devices[i]!.drivers.some((x) => k.w.drivers[x]!.outcomes.includes('defer') || !k.w.drivers[x]!.needs.every(settled))
    || k.w.links.some((l) => !l.stateless && l.consumer === i && !settled(l.supplier) && !uncheckedOnce(k, c, l));
}
/**
 * Can some thread reach a wait_for_device_probe? Where its actor calls it (the action, the late
 * initcall, device_shutdown), or a thread that is no actor's was built with one, yes. Within a
 * release (an unbind, a driver's removal, a del) only device_links_unbind_consumers calls it, for a
 * managed link of a released supplier that is CONSUMER_PROBE, and a link is that only while its
 * consumer is in a probe (really_probe sets it after device_links_check_suppliers;
 * driver_bound, the failed probe's device_links_no_driver and a deferral's
 * device_links_missing_supplier end it): so only where that consumer may be probed beside the
 * release: by the same action, another thread (an async entry, another actor), or the deferred
 * worker (a retry of another device whose probe adds it, or of the consumer once it may be listed:
 * mayList). device-links' parent variant (boot adds pmic, then mmc, then unregisters pmic-drv)
 * chose no-wait-under-lock from v4.14, and it read vacuous (a sweep, 2026-12-06).
 */
function waitMayRun(k: Kernel, c: PropCtx): boolean {
  const names = [...c.actors], retries = workerRetries(k, c);
  const probes = (i: number) => `really_probe(${k.vn(i)},`;
  const others = (head: string, t: string) => [...c.stepsOf].some(([u, st]) => u !== t && u !== DEFERRED_WORKER && builtIn(st, head));
  /**
   * Is device i first listed only after actor t's action j? Where nothing lists it but a probe of it
   * that defers, none of which runs before t's action j is over (only the worker's, or t's later
   * actions'), and an AUTOPROBE_CONSUMER link's supplier's driver_bound (really_probe's
   * device_links_driver_bound), a probe of which likewise only t's later actions run.
   * autoprobe-del's rebind (the admin unbinds the PMIC, then binds it) chose no-wait-under-lock from
   * v5.1: the codec the PMIC's bind lists is probed only after the unbind's wait could be reached.
   */
  const listedAfter = (i: number, t: string, j: number): boolean => {
    const d = k.w.devices[i]!, ai = names.indexOf(t);
    if (k.userPatched || blocksProbing(k) || (d.deferredAtBoot?.length ?? 0) > 0 || d.matchDefers || ai < 0) return false;
    const before = (head: string) => c.actSteps[ai]!.some((st, x) => x <= j && builtIn(st, head));
    if (others(probes(i), t) || before(probes(i))) return false;
    return k.w.links.every((l) => !l.autoprobe || l.consumer !== i || (!others(probes(l.supplier), t) && !before(probes(l.supplier))
      && !retries.some((e) => (e !== l.supplier || mayList(k, c, e)) && k.workerSteps!.get(e)!.some((x) => x.startsWith(probes(l.supplier))))));
  };
  const beside = (i: number, t: string, j: number, own: ReadonlySet<string>): boolean => {
    const head = probes(i);
    return builtIn(own, head) || others(head, t)
      || retries.some((e) => (e !== i || (mayList(k, c, i) && !listedAfter(i, t, j))) && k.workerSteps!.get(e)!.some((l) => l.startsWith(head)));
  };
  /**
   * Is actor ai's action j the one release, in the whole scenario, of link l's supplier and of its
   * consumer, which is bound at boot? Then the consumer is never in a probe when that release's
   * device_links_unbind_consumers looks: a probe of a bound device stops at `if (dev->driver)`,
   * the consumer is unbound only by this release's own device_links_unbind_consumers (the link
   * SUPPLIER_UNBIND, then DORMANT at device_links_driver_cleanup), and a later probe of it passes
   * device_links_check_suppliers (CONSUMER_PROBE) only once the supplier is bound again, after this
   * release: no later release of the supplier waits for it. A hunt (s41 h3): a supplier unbound and
   * bound again, with a `maybe bind` of its consumer beside it, chose no-wait-under-lock at v4.14 ..
   * v5.4, and it read vacuous. Not where the consumer or supplier is deleted, nor under a patch of yours.
   */
  const onlyReleaseOfBound = (l: LinkInfo, ai: number, j: number): boolean => {
    if (k.userPatched || k.w.devices[l.consumer]!.boundTo < 0) return false;
    const cn = k.vn(l.consumer), sn = k.vn(l.supplier);
    const rel = (st: ReadonlySet<string>) => builtIn(st, `__device_release_driver(${cn})`) || builtIn(st, `__device_release_driver(${sn})`);
    if (builtIn(c.steps, `device_del(${cn})`) || builtIn(c.steps, `device_del(${sn})`)) return false;
    for (const [u, st] of c.stepsOf) if (!c.actors.has(u) && rel(st)) return false;
    return c.actSteps.every((acts, x) => acts.every((st, y) => (x === ai && y === j) || !rel(st)));
  };
  for (const [t, st] of c.stepsOf) {
    if (![...st].some((l) => WAIT_LABEL.test(l))) continue;
    if (t === DEFERRED_WORKER) { if (retries.some((e) => k.workerSteps!.get(e)!.some((l) => WAIT_LABEL.test(l)))) return true; continue; }
    const ai = names.indexOf(t);
    if (ai < 0 || k.userPatched) return true;
    // A wait no action of the actor was built with (none expected) counts as one that may run.
    if ([...st].some((l) => WAIT_LABEL.test(l) && !c.actSteps[ai]!.some((own) => own.has(l)))) return true;
    for (const [j, own] of c.actSteps[ai]!.entries()) {
      if (![...own].some((l) => WAIT_LABEL.test(l))) continue;
      if (!RELEASE_OPS.has(c.acts[ai]![j]!.op)) return true;
      if (k.w.links.some((l) => !l.stateless && builtIn(own, `__device_release_driver(${k.vn(l.supplier)})`) && beside(l.consumer, t, j, own) && !onlyReleaseOfBound(l, ai, j))) return true;
    }
  }
  return false;
}
/**
 * No thread was built with a really_probe: no probe can start, on any profile (the list adds
 * beside a bus match that defers, a device deferred at boot and a supplier's AUTOPROBE_CONSUMER
 * link are ruled out above). Where every device is bound at boot and only unbound (an unbind or
 * rmmod racing reboot at v5.0 .. v5.10, whose device_shutdown builds the deferred worker), the list
 * properties exited 5 (a vacuity hunt, 2026-12-06).
 */
const noProbe = (c: PropCtx): boolean => !builtBlock(c, 'really_probe(');
/**
 * No probe can defer: no driver's probe returns -EPROBE_DEFER, device_block_probing never runs, and
 * every device a driver `needs` or a managed link (linksUnchecked too) ties a consumer to is bound at boot and never
 * released (no thread was built with its __device_release_driver or device_del), so really_probe's
 * checks always find it bound. An ordinary first scenario, a consumer added beside its bound
 * supplier, exited 5 for both list properties (a vacuity hunt, 2026-12-06).
 */
const neverDefers = (k: Kernel, c: PropCtx): boolean => {
  // Outside the worker: it runs only once a device is on a list, which needs a first deferral, and
  // that needs a release here (listedWithoutProbe is ruled out in nothingDefers).
  const kept = (i: number) => k.w.devices[i]!.boundTo >= 0 && !builtIn(c.ownSteps, `__device_release_driver(${k.vn(i)})`) && !builtIn(c.ownSteps, `device_del(${k.vn(i)})`);
  // A consumer no thread was built to probe never defers, whatever its suppliers do: a supplier's
  // unbind releases it (device_links_unbind_consumers) and nothing binds it again (t10 of an LTS
  // hunt, s41 h3: unbind and bind the supplier of a bound consumer; deferred-lists read vacuous).
  // Read on c.steps, the deferred worker's reachable retries included (a retried probe that
  // registers the consumer probes it in the worker).
  const unprobed = (i: number) => !builtIn(c.steps, `really_probe(${k.vn(i)},`);
  return !blocksProbing(k) && k.w.drivers.every((d) => !d.outcomes.includes('defer') && d.needs.every((n) => kept(n) || d.matches.every((m) => unprobed(m) || settledBefore(k, c, { consumer: m, supplier: n }) || walkSettled(k, c, { consumer: m, supplier: n }))))
    // A linksUnchecked link is not waited for at its first probe only: once it exists, a later
    // probe of its consumer (a sysfs bind after an unbind) defers in device_links_check_suppliers
    // while the supplier is unbound, as any managed link's does (a review, 2026-12-06: at v5.10
    // such a rebind put the consumer on the list, and deferred-lists was not chosen).
    && k.w.links.every((l) => l.stateless || kept(l.supplier) || unprobed(l.consumer) || settledBefore(k, c, l) || walkSettled(k, c, l) || uncheckedOnce(k, c, l));
};
/**
 * A linksUnchecked link to a consumer probed only once: its probe() adds the link
 * (device_link_add), so device_links_check_suppliers, which runs before probe(), has nothing of
 * it to check at that probe; only a later probe of the consumer can defer for it. There is none
 * where every driver of the consumer binds it (probe() only `ok`) and nothing lets it go: a probe
 * of a bound device stops at `if (dev->driver)` under its lock (dd.c@torvalds@bfa54a793ba7:
 * __device_attach, __driver_attach's driver_probe_device test, bind_store). Let go by: an actor's
 * unbind or del of it, an unregister or rmmod of a driver of it, a supplier of one of its managed
 * links let go (device_links_unbind_consumers), the release or failure of the probe that
 * registered it (devres_release_all: PropCtx.delByRelease). Not read from the built steps: those
 * hold the error path of every probe (pmic's really_probe builds devres_release_all(mmc) though
 * pmic-drv's probe only succeeds). device-links' probing variant (pmic's probe registers mmc)
 * chose both list properties from v4.14, and they read vacuous (a sweep, 2026-12-06).
 */
const uncheckedOnce = (k: Kernel, c: PropCtx, l: LinkInfo): boolean => {
  const x = l.consumer, dev = k.w.devices[x]!;
  if (!l.unchecked || !dev.drivers.every((d) => k.w.drivers[d]!.outcomes.every((o) => o === 'ok'))) return false;
  if (c.delByRelease.has(x) || c.dels[x]! > 0) return false;
  // Registered other than by a driver's `registers` (an async scan, per matched device), or a driver of it registered by a probe: not read here.
  if (k.w.drivers.some((r) => (r.asyncScan ?? []).includes(x) || [...r.registersOf?.values() ?? []].some((v) => v.includes(x)) || r.registersDriver.some((y) => dev.drivers.includes(y)))) return false;
  if (c.acts.some((a) => a.some((y) => (y.op === 'unbind' && y.dev === x) || (y.op === 'unregister' && dev.drivers.includes(y.drv))
    || (y.op === 'rmmod' && dev.drivers.some((d) => k.w.drivers[d]!.module === y.mod))))) return false;
  return k.w.links.every((m) => m.stateless || m.consumer !== x || !builtIn(c.steps, `__device_release_driver(${k.vn(m.supplier)})`));
};
/** The steps a user's hunks inserted in fn and applied: a property that knows fn's steps by label judges these by what they do. */
const userInserts = (k: Kernel, fn: string) => k.patches.filter(isUserPatch).flatMap((p) => p.hunks.filter((h) => h.fn === fn && h.insert && k.applied?.has(h)).map((h) => h.insert!));
/** Every actor but `me` has finished. */
const othersDone = (v: KernelView, me: string) => v.threads.every((t) => !t.actor || t.name === me || t.at === null);
const someDev = (s: KS, f: (d: KS['dev'][number], i: number) => boolean) => s.dev.some(f);
/** Some thread is at a label that passes `test`. */
const someAt = (c: PropCtx, q: Query, test: (l: string) => boolean) => c.threads.some((t) => { const l = q.at(t); return l !== null && test(l); });
/** Some thread was built with a step of a block whose label starts with `head` (`really_probe(dc,`). */
const builtBlock = (c: PropCtx, head: string): boolean => builtIn(c.steps, head);
/** The threads (actors, async entries, kworkers; not the deferred worker, whose retries are read apart) built with a step of a block whose label starts with `head`. */
const builtBy = (c: PropCtx, head: string): string[] => [...c.stepsOf].filter(([t, st]) => t !== DEFERRED_WORKER && builtIn(st, head)).map(([t]) => t);
/** The last of actor ai's actions built with such a step (PropCtx.actSteps; -1: none). */
const lastActWith = (c: PropCtx, ai: number, head: string): number => c.actSteps[ai]!.reduce((m, st, j) => (builtIn(st, head) ? j : m), -1);
/**
 * Can an async thread run a driver's request_module? Its probe built in the thread, and its
 * request_module there (not a work_on_cpu kworker's). An __device_attach_async_helper(dev) is
 * built with the walk of every driver of dev, but __device_attach_driver skips there a driver that
 * does not allow async probing (check_async, want_async): its probe of dev (not of a child that
 * probe registers) never runs in that thread, unless a patch of your own changes the walk (a review,
 * 2026-12-06: an async and a sync driver of one device, the sync one requesting a module, chose the
 * property, which was then vacuous: exit 5 where the kernel never WARNs).
 */
function asyncRequest(k: Kernel, c: PropCtx): boolean {
  const yours = k.userPatched;
  for (const [t, steps] of c.asyncSteps) for (const d of k.w.drivers) {
    if (d.requestModule < 0 || !builtIn(steps, `request_module(${k.dn(d.i)})`)) continue;
    for (let dev = 0; dev < k.w.devices.length; dev++) {
      if (!builtIn(steps, `really_probe(${k.vn(dev)},${k.dn(d.i)})`)) continue;
      const h = asyncThreadName('__device_attach_async_helper', k.vn(dev)), helperOf = t === h || t.startsWith(`${h}#`);
      if (yours || !helperOf || mayBeAsync(k, d.i)) return true;
    }
  }
  return false;
}
function builtIn(steps: ReadonlySet<string>, head: string): boolean { for (const l of steps) if (l.startsWith(head)) return true; return false; }
/**
 * Can device i's probe() start in some run (by drv, or by any driver)? Only really_probe(i, drv)
 * sets dev->driver and starts probe() (really-probe.ts; work_on_cpu's kworker runs the body it
 * calls), and a device no thread was built to call it for is never probed: no driver matches it,
 * or nothing that could probe it (an add, a registration, a bind, drivers_probe, the deferred
 * worker) is in the scenario. A new path that probes builds really_probe too: the safe direction.
 */
const mayProbe = (k: Kernel, c: PropCtx, i: number, drv?: number): boolean => builtBlock(c, `really_probe(${k.vn(i)},${drv === undefined ? '' : `${k.dn(drv)})`}`)
  || (k.hasDeferredWorker && (drv === undefined || k.w.devices[i]!.drivers.includes(drv)) && listedWithoutProbe(k, i));
/**
 * Can device i get on a deferred list other than by a probe of it in some thread (which builds
 * really_probe(i, ...) there)? Deferred at boot, a bus match that defers (__device_attach_driver),
 * a supplier's bind through an AUTOPROBE_CONSUMER link, or a patch of the user's: then the
 * deferred-probe worker probes it.
 */
const listedWithoutProbe = (k: Kernel, i: number): boolean => {
  const d = k.w.devices[i]!;
  return (d.deferredAtBoot?.length ?? 0) > 0 || d.matchDefers || k.w.links.some((l) => l.autoprobe && l.consumer === i) || k.userPatched;
};
/**
 * Can device i be bound in some run: bound at boot, or probed by a driver whose probe may return 0.
 * Only a device some run registers (mayExist): a driver's registration walk builds its
 * __driver_attach, so its really_probe, for every device it matches, one never added too (a
 * review, 2026-12-06: a driver needing such a device chose no-missed-probe and no-lost-deferral,
 * both vacuous, exit 5, whenever that device's driver was registered in the scenario).
 */
const mayBind = (k: Kernel, c: PropCtx, i: number): boolean => k.w.devices[i]!.boundTo >= 0
  || (mayExist(k, c, i) && k.w.devices[i]!.drivers.some((x) => k.w.drivers[x]!.outcomes.includes('ok') && mayProbe(k, c, i, x)));
/**
 * Does device i exist in some run: present at boot, added by an actor, or registered by a probe or
 * an async scan? (A registration walk's __driver_attach is built for every device the driver
 * matches, one never added included: builtBlock alone over-approximates it.)
 */
const mayExist = (k: Kernel, c: PropCtx, i: number): boolean => k.w.devices[i]!.present || addedByActor(c, i)
  || k.w.drivers.some((x) => x.registers.includes(i) || [...x.registersOf?.values() ?? []].some((r) => r.includes(i)) || (x.asyncScan ?? []).includes(i));
/** Can device i have a driver (drv, or any) in some run: bound to it at boot, or probed by it (really_probe sets dev->driver). */
const mayHaveDriver = (k: Kernel, c: PropCtx, i: number, drv?: number): boolean => (drv === undefined ? k.w.devices[i]!.boundTo >= 0 : k.w.devices[i]!.boundTo === drv)
  || (mayExist(k, c, i) && mayProbe(k, c, i, drv));
/** Can device i's driver be let go in some run: a thread was built with its __device_release_driver (an unbind, a del, a driver's removal). */
const mayRelease = (c: PropCtx, name: string): boolean => builtBlock(c, `__device_release_driver(${name})`);
/**
 * A drivers_probe of device `name` that may run after a release of it: its bus_rescan_devices_helper
 * owes the device the probe of every driver then on the bus (drivers-probe.ts, DevS.owed). Not one
 * whose actor releases the device only in later actions while no other thread releases it (it
 * finds the device bound: the premise would never be met).
 */
function probeWriteMayFollowRelease(c: PropCtx, name: string): boolean {
  const dp = `drivers_probe_store(${name})`, rel = `__device_release_driver(${name})`, names = [...c.actors];
  return builtBy(c, dp).some((t) => {
    const ai = names.indexOf(t);
    if (ai < 0 || builtBy(c, rel).some((u) => u !== t)) return true;
    const firstRel = c.actSteps[ai]!.findIndex((st) => builtIn(st, rel));
    return firstRel >= 0 && lastActWith(c, ai, dp) > firstRel;
  });
}
/**
 * The drivers no-driver-after-unregister can judge: one some device may have (bound at boot or
 * probed by it), or with async attach work of its own. A driver that never has a device leaves
 * nothing behind its driver_unregister (a property audit, 2026-12-06: a driver matching a device
 * never added read holds).
 */
const driverMayHold = (k: Kernel, c: PropCtx, j: number): boolean => k.w.drivers[j]!.matches.some((i) => mayHaveDriver(k, c, i, j))
  || c.threads.some((t) => t.startsWith(`kworker/u:async driver_attach_async(${k.dn(j)})`));
/** The number of `override` writes of device i, over every actor: a second is the first to free a string (the first frees NULL). */
const overrideWrites = (c: PropCtx, i: number): number => c.acts.reduce((n, a) => n + a.filter((x) => x.op === 'override' && x.dev === i).length, 0);
/**
 * Can device i's unbind_store release a driver other than the one it names? Only where another
 * driver of i may bind it (bound at boot, or probed by it): with one driver, the driver released is
 * always the one named.
 */
const unbindMayMiss = (k: Kernel, c: PropCtx, i: number): boolean => c.acts.some((a) => a.some((x) => x.op === 'unbind' && x.dev === i
  && !neverBoundTo(k, c, i, x.drv) && k.w.devices[i]!.drivers.some((y) => y !== x.drv && mayHaveDriver(k, c, i, y))));
/**
 * Is device i never bound to the async driver x, so that unbind_store's unlocked `if (dev &&
 * dev->driver == drv)` (bus.c@torvalds@204db60c8357) never lets an unbind naming x take its lock?
 * Where a sync driver y of i that surely binds it (registered at boot and never removed, probe()
 * only `ok`, nothing it needs) is on the bus: __device_attach's first pass (allow_async, as
 * device_add's bus_probe_device and the deferred worker's call it) skips x (`if
 * (data->check_async && async_allowed != data->want_async) return 0;`) and stops at y's bind,
 * and schedules the async pass only `if (!ret && allow_async && data.have_async)`
 * (dd.c@dakr@1ac45118ddf8:450-456, 536-548). Nor can any other path start x's probe of i: x is
 * registered at boot and never again (no registration walk of it), no actor binds i to x or runs
 * drivers_probe on i (device_attach: no async pass), no driver_override of i, no match of i that
 * defers, no managed link of i's, no patch of yours, and i is not bound to x at boot. The
 * false-alarm hunt's s17 (test/kernel/b14-merged-fix.test.ts: an unbind naming the async dc-drv
 * beside a sysfs bind of the sync alt-drv) chose unbind-releases-named, and it read vacuous.
 */
function neverBoundTo(k: Kernel, c: PropCtx, i: number, x: number): boolean {
  const dev = k.w.devices[i]!, drv = k.w.drivers[x]!;
  if (k.userPatched || !k.has('ASYNC_PROBE') || !mayBeAsync(k, x) || dev.boundTo === x || !drv.present || dev.override || dev.matchDefers
    || (dev.deferredAtBoot?.length ?? 0) > 0 || !k.w.buses[dev.bus]!.autoprobe || k.w.links.some((l) => !l.stateless && l.consumer === i)) return false;
  const regs = (d: Kernel['w']['drivers'][number]) => k.w.drivers.some((z) => z.registersDriver.includes(d.i) || (d.module >= 0 && z.requestModule === d.module));
  const touches = (d: Kernel['w']['drivers'][number], a: Action) => ('drv' in a && a.drv === d.i && a.op !== 'unbind' && a.op !== 'bind') || ('mod' in a && a.mod === d.module);
  if (regs(drv) || c.acts.some((as) => as.some((a) => touches(drv, a) || (a.op === 'bind' && a.drv === x && a.dev === i) || (a.op === 'drivers_probe' && a.dev === i) || (a.op === 'override' && a.dev === i)))) return false;
  return dev.drivers.some((y) => { const d = k.w.drivers[y]!; return y !== x && !mayBeAsync(k, y) && d.present && d.outcomes.every((o) => o === 'ok') && d.needs.length === 0
    && !regs(d) && !c.acts.some((as) => as.some((a) => touches(d, a))); });
}
/** Can device i's ->shutdown() meet its probe() or remove(), or need its parent's lock: it may be probed or released, or sits on a need_parent_lock bus under a parent. */
const shutdownMayMeet = (k: Kernel, c: PropCtx, i: number): boolean => {
  const d = k.w.devices[i]!;
  return mayProbe(k, c, i) || mayRelease(c, d.name) || (d.parent >= 0 && k.w.buses[d.bus]!.needParentLock);
};
/** Can device i be unbound in some run: not bound at boot, or released (an unbind, a del, its driver's removal). */
const mayBeUnbound = (k: Kernel, c: PropCtx, i: number): boolean => k.w.devices[i]!.boundTo < 0 || mayRelease(c, k.vn(i));
/** A managed link links-supplier-bound judges: its consumer may bind, and its supplier may be unbound meanwhile (a supplier always bound leaves nothing to judge). */
const judgedLink = (k: Kernel, c: PropCtx, l: LinkInfo): boolean => !l.stateless && !l.unchecked && mayBind(k, c, l.consumer) && mayBeUnbound(k, c, l.supplier);
/**
 * Can a lockless reader of device i's dev->driver meet it cleared or its driver freed: i may have a
 * driver, and lose it (a release: an unbind, a del, its driver's removal) or get it only for a probe
 * that may fail (really_probe sets dev->driver, then clears it).
 */
const readerMayFail = (k: Kernel, c: PropCtx, i: number): boolean => (k.w.devices[i]!.boundTo >= 0 || mayProbe(k, c, i))
  && (mayRelease(c, k.vn(i)) || k.w.devices[i]!.drivers.some((x) => mayProbe(k, c, i, x) && (k.w.drivers[x]!.outcomes.some((o) => o !== 'ok')
    // probe() also returns -EPROBE_DEFER, after really_probe set dev->driver, for a device it needs
    // that is not bound for good before (an adversarial review, 2026-12-06: at v5.1 a reader beside
    // a registration walk whose probe defers read violated, and lockless-reader was not chosen).
    || k.w.drivers[x]!.needs.some((n) => !needBound(k, c, i, n)))));
/** Is device n, which a driver of device i needs, bound for good before every probe of i (bound at boot and kept, settledBefore, walkSettled)? */
const needBound = (k: Kernel, c: PropCtx, i: number, n: number): boolean => (k.w.devices[n]!.boundTo >= 0 && !builtIn(c.steps, `__device_release_driver(${k.vn(n)})`)
  && !builtIn(c.steps, `device_del(${k.vn(n)})`)) || settledBefore(k, c, { consumer: i, supplier: n }) || walkSettled(k, c, { consumer: i, supplier: n });
/**
 * Can a path other than device i's own device_add probe it while that add is between
 * bus_add_device and device_pm_add (device-ready)? Its own add probes it only after device_pm_add.
 * Another path finds it on the bus: a driver's registration walk (__driver_attach), a sysfs bind,
 * drivers_probe, the deferred-probe worker. It races the add only from another thread than one
 * built with that device_add (a thread is in one place at a time): an async driver's
 * driver_attach_async kworker before v5.1 is one (counted where some bus_add_driver of its driver
 * is built), __driver_attach_async_helper is not (the walk that schedules it found the device
 * added). The deferred worker only for a device listed without a probe of it (a probe lists it
 * after its add); a hunk of the user's in device_add counts every device.
 */
function probedBesideAdd(k: Kernel, c: PropCtx, i: number): boolean {
  const d = k.w.devices[i]!, n = d.name;
  // A hunk of yours in device_add may probe before device_pm_add (or move it): every device counts.
  // (Any patch of yours counts for listedWithoutProbe; here only one that lists a device before its
  // add reaches device_pm_add would, by no path counted below: name device-ready for that.)
  if (k.patches.some((p) => isUserPatch(p) && p.hunks.some((h) => h.fn === 'device_add'))) return true;
  // The deferred work probes a device only once it is on a list. A match that defers lists it in
  // __device_attach_driver (its own bus_probe_device, after device_pm_add; drivers_probe and the
  // work itself, which needs it listed first) or in __driver_attach (a registration walk, counted
  // below). An entry left on a list by an earlier struct in its slot (__driver_attach's add after
  // device_del's driver_deferred_probe_del: amba-match-defer's finding) is that struct's, not the
  // new one's: the worker's retry holds the old struct (DevS.deferGen; dd.c@torvalds@97e2551de3f9:92-97).
  // So a match that defers is no racing path of its own (amba-match-defer's device walk chose it
  // and read vacuous, a sweep of 2026-12-06; added twice it read violated through the worker's
  // retry of the old entry acting on the new struct, a model bug fixed by an audit the same day).
  if (k.hasDeferredWorker && ((d.deferredAtBoot?.length ?? 0) > 0 || k.w.links.some((l) => l.autoprobe && l.consumer === i))) return true;
  const walks = (t: string) => { const x = /^kworker\/u:async driver_attach_async\(([^)]+)\)/.exec(t); return !x || builtBlock(c, `bus_add_driver(${x[1]})`); };
  // The deferred worker adds i only in a retry that may run (a probe that registers i, retried):
  // it is built to retry every device with a driver (init-levels-rfc's sync and split layouts, where
  // host1x's probe adds dc and nothing lists host1x, chose device-ready, vacuous: a sweep, 2026-12-06).
  const adders = [...c.stepsOf].filter(([t, l]) => (t === DEFERRED_WORKER ? workerRetries(k, c).some((e) => k.workerSteps!.get(e)!.some((x) => x.startsWith(`device_add(${n})`)))
    : builtIn(l, `device_add(${n})`))).map(([t]) => t);
  const probers = [...c.stepsOf].filter(([t, l]) => t !== DEFERRED_WORKER && walks(t)
    && (builtIn(l, `__driver_attach(${n},`) || builtIn(l, `bind_store(${n},`) || builtIn(l, `drivers_probe_store(${n})`))).map(([t]) => t);
  // request_module's modprobe runs while the thread that requested it waits (a work_on_cpu kworker's
  // request, while the kworker's caller does): it races an add only beside a caller other than the
  // adder (a premise review, 2026-12-06: a probe that requests its child's driver's module and adds
  // the child chose device-ready, and it read vacuous).
  return probers.some((p) => adders.some((a) => a !== p && !syncedBefore(k, c, p, a, i) && waitedBy(k, c, p).some((x) => x !== a)));
}
/**
 * Is thread p an async driver's driver_attach_async entry (v4.2 .. v5.0) that is over before actor
 * a adds device i? So where the driver is registered only by modprobes, in actor a, of a module
 * loaded without async_probe, and a adds i (no probe registers it) only in other actions, before
 * the first such modprobe or after the last (an actor's actions run one after another):
 * do_init_module's async_synchronize_full waits for every pending entry before the modprobe
 * returns (under PF_USED_ASYNC from 774a1221e862 to 67d6212afda2, which the modprobe thread's own
 * async_schedule in bus_add_driver sets). Not under a patch of yours (it may drop that sync).
 * host-children (the module loaded, then the host and its children added, in one actor) chose
 * device-ready at v4.2 .. v5.0, and it read vacuous (a premise review, 2026-12-06).
 */
function syncedBefore(k: Kernel, c: PropCtx, p: string, a: string, i: number): boolean {
  const m = /^kworker\/u:async driver_attach_async\(([^)]+)\)/.exec(p);
  if (!m || k.userPatched) return false;
  const x = k.w.drivers.findIndex((d) => d.name === m[1]), ai = c.tidOf.get(a) ?? -1;
  if (x < 0 || ai < 0 || ai >= c.acts.length) return false;
  const d = k.w.drivers[x]!;
  if (d.present || k.w.drivers.some((y) => y.registersDriver.includes(x) || (d.module >= 0 && y.requestModule === d.module))) return false;
  if (k.w.drivers.some((y) => y.registers.includes(i) || (Array.isArray(y.asyncScan) && y.asyncScan.includes(i)))) return false;
  const regs = actorRegs(k, c, x);
  if (!regs.length || regs.some((r) => r.a !== ai || c.acts[ai]![r.j]!.op !== 'modprobe' || k.w.modules[d.module]!.asyncProbe)) return false;
  const first = Math.min(...regs.map((r) => r.j)), last = Math.max(...regs.map((r) => r.j));
  return c.acts[ai]!.every((y, j) => !(y.op === 'add' && y.dev === i) || j > last || j < first);
}
/** The threads a thread runs for: itself, or for request_module's modprobe of m (or a work_on_cpu kworker), the threads that wait for it, through each. */
function waitedBy(k: Kernel, c: PropCtx, t: string, depth = 0): string[] {
  const has = (head: (l: string) => boolean) => [...c.stepsOf].filter(([x, ls]) => x !== t && [...ls].some(head)).map(([x]) => x);
  const mod = k.w.modules.find((m) => t === `modprobe ${m.name} (request_module)`);
  const by = mod ? has((l) => k.w.drivers.some((r) => r.requestModule === mod.i && REQUEST_ENTRY.exec(l)?.[1] === r.name))
    : /^kworker local_pci_probe\(/.test(t) ? has((l) => l.startsWith(`pci_call_probe(${t.slice('kworker local_pci_probe('.length, -1)})`) && l.endsWith(':work_on_cpu'))
      : null;
  if (by === null || depth > 4) return [t];
  return by.flatMap((x) => waitedBy(k, c, x, depth + 1));
}
/** The blocks of a path that may probe device `name` other than its own device_add (device-ready's premise): `fn(name,` or `fn(name)`. */
const PROBE_PATHS = ['__driver_attach', '__driver_attach_async_helper', 'bind_store', 'drivers_probe_store', 'device_driver_attach', 'driver_probe_device', '__driver_probe_device',
  'really_probe', 'pci_call_probe', 'local_pci_probe', '__device_attach', '__device_attach_driver', '__device_attach_async_helper'];
const inProbePath = (l: string, name: string): boolean => PROBE_PATHS.some((fn) => callOf(l, fn, name, ',') || callOf(l, fn, name, ')'));
/**
 * Does label `l` start with `fn(arg` then `end`? (device-ready's premise asks it of every thread at
 * every state: built as strings, its prefixes were half of a kernel search's garbage.)
 */
function callOf(l: string, fn: string, arg: string, end: string): boolean {
  const at = fn.length + 1;
  return l.startsWith(fn) && l.charCodeAt(fn.length) === 40 /* ( */ && l.startsWith(arg, at) && l[at + arg.length] === end;
}
/**
 * Or in a registration walk of one of the device's drivers (`drvs`), at any device: a fix that makes
 * the walk pass over a device not ready never enters its __driver_attach, and still meets the race.
 */
const inWalkOf = (l: string, drvs: readonly string[]): boolean => drvs.some((x) => callOf(l, 'bus_add_driver', x, ')') || callOf(l, 'driver_attach', x, ')')
  || attachOf(l, x));
/** Is `l` a label of `__driver_attach(dev,drv)` with drv `x` (as /^__driver_attach\([^,]+,([^)]+)\)/ reads drv)? */
function attachOf(l: string, x: string): boolean {
  const head = '__driver_attach(';
  if (!l.startsWith(head)) return false;
  const comma = l.indexOf(',', head.length);
  if (comma <= head.length) return false;
  const close = l.indexOf(')', comma + 1);
  return close > comma + 1 && close - comma - 1 === x.length && l.startsWith(x, comma + 1);
}
/**
 * Can two removals meet one struct device i (single-unregister)? Its removals: each actor's `del`
 * and `kill-del` of it, and one for its parent's release or failed probe (delByRelease), which the
 * static order cannot place. Two of one actor with its own `add i` between them delete two structs
 * (a device added again is a new struct device: its `dels` start at 0).
 */
function mayDelTwice(c: PropCtx, i: number): boolean {
  const dels = c.acts.flatMap((a, ai) => a.flatMap((x, j) => ((x.op === 'del' || x.op === 'kill-del') && x.dev === i ? [{ ai, j }] : [])));
  if (c.delByRelease.has(i)) return dels.length > 0;
  return dels.some((x, n) => dels.slice(n + 1).some((y) => x.ai !== y.ai || !c.acts[x.ai]!.slice(x.j + 1, y.j).some((z) => z.op === 'add' && z.dev === i)));
}
/**
 * A thread at a step of a removal of `name` before it counts: device_del up to bus_remove_device (not
 * its last two steps), or a test that may stop it: kill_device's, the removal event's (`maybe del`
 * finds the device gone; a `del` waits for it registered), or the registered test of a parent's
 * release or failed probe before its device_unregister of the child.
 */
const secondDel = (l: string, name: string): boolean => (l.startsWith(`device_del(${name})`) && !/:(driver_deferred_probe_del|kobject_del)$/.test(l))
  || l.startsWith(`kill_device(${name})`) || l.startsWith(`hotplug(${name})`) || l.endsWith(`:device_unregister(${name})`) || l.endsWith(`:devres_release_all(${name})`);
/**
 * Can two deletes meet one stateless link l (links-single-delete)? It is deleted by the ->remove of
 * each driver that added it in its probe of a device at one end (a release of that device bound to
 * it), and by device_del's device_links_purge of either end (only while it exists). A driver's
 * remove deletes what its own probe added: with one such remover and no purge, each link made is
 * deleted once.
 */
function mayDeleteTwice(k: Kernel, c: PropCtx, l: LinkInfo): boolean {
  if (!l.stateless) return false;
  const removes = [l.consumer, l.supplier].reduce((n, dev) => n + k.w.devices[dev]!.drivers
    .filter((drv) => k.w.drivers[drv]!.statelessLinks.includes(l.i) && mayHaveDriver(k, c, dev, drv) && mayRelease(c, k.vn(dev))).length, 0);
  const purged = [l.consumer, l.supplier].some((dev) => builtBlock(c, `device_del(${k.vn(dev)})`));
  return removes > 1 || (removes === 1 && purged);
}
/** The devices the actors' `uevent` actions read. */
const ueventRead = (c: PropCtx): number[] => c.acts.flatMap((a) => a.flatMap((x) => (x.op === 'uevent' ? [x.dev] : [])));

/** boundWarns as the text without 15cfb0941603's skip: links-no-warn asks it only of a link the loop wrote AVAILABLE, which that skip never does. */
const WRITE_SHOWS_TEXT = { has: () => false };

export const LIBRARY: KernelProperty[] = [
  // Its premise is a move that starts a probe or sets or clears dev->driver: only really_probe
  // (paths/really-probe.ts, probe-body.ts) and __device_release_driver (release.ts) make one. Where
  // no thread, the deferred worker's reach included, was built with a really_probe that can run, and
  // no device bound at boot may be released, none is made (a sweep, 2026-12-06: amba-match-defer's
  // driver walk from v6.1, whose only match returns -EPROBE_DEFER, read vacuous).
  { name: 'single-binding', covers: 'S1', applies: (k, c) => k.userPatched
    || k.w.devices.some((d) => (builtBlock(c, `really_probe(${k.vn(d.i)},`) && !matchAlwaysStops(k, c, d.i)) || (d.boundTo >= 0 && mayRelease(c, k.vn(d.i)))), make: (k, c) => action('single-binding',
    'dev->driver changes only NULL <-> drv, only under dev->mutex; bound implies a driver; no probe() starts on a bound device', (b, a, m) => {
      const me = (c.tidOf.get(m.thread) ?? -1) + 1;
      for (let i = 0; i < a.dev.length; i++) {
        const x = b.dev[i]!, y = a.dev[i]!;
        if (x.driver !== 0 && y.driver !== 0 && x.driver !== y.driver) return `${k.vn(i)}: dev->driver changed from ${drvName(k, x.driver)} to ${drvName(k, y.driver)} while bound or probing (${m.thread} at ${m.label})`;
        // (device_add of a new struct drops a binding of the deleted one, B6: device-add.ts dropOldBinding.)
        if (x.driver !== y.driver && !(x.delStarted && !y.delStarted) && x.mutex !== me && y.mutex !== me) return `${k.vn(i)}: dev->driver written by ${m.thread} at ${m.label} without &dev->mutex(${k.vn(i)}) (held by ${who(k, x.mutex)})`;
        if (y.bound && y.driver === 0 && (x.bound !== y.bound || x.driver !== y.driver)) return `${k.vn(i)} is on a driver's klist with dev->driver == NULL`;
        // The same driver probing a bound device again leaves dev->driver as it was: only the probe shows it.
        if (x.bound && probeStarts(b, a, i)) return `${drvName(k, y.driver)}.probe(${k.vn(i)}) started in ${m.thread} at ${m.label} while ${k.vn(i)} is bound to ${drvName(k, x.driver)}`;
      }
      return null;
      // Met by a move, not by boot: a device bound from the start and only read is no binding (a property audit, 2026-12-05).
    }, { text: "some device's dev->driver is set or cleared, or a probe starts", met: (s) => someDev(s, (d, i) => d.probing !== 0 || d.driver !== k.w.devices[i]!.boundTo + 1) }, ['dev[*].driver', 'dev[*].bound', 'dev[*].probing']) },
  // Only a deleted device that may have a driver (bound at boot, or probed: a deferral needs a
  // probe too): a driverless device's device_del has no probe to race nor a driver to leave
  // behind (a property audit, 2026-12-06: `add d, del d` of a device no driver matches read holds).
  { name: 'no-probe-after-del', covers: 'S2', applies: (k, c) => k.w.devices.some((d) => (c.dels[d.i]! > 0 || c.delByRelease.has(d.i)) && mayHaveDriver(k, c, d.i)), make: (k, c) => action('no-probe-after-del',
    'no probe starts once device_del has started; when it returns the device is unbound, not probing, off the deferred lists', (b, a, m) => {
      for (let i = 0; i < a.dev.length; i++) {
        const y = a.dev[i]!;
        if (probeStarts(b, a, i) && b.dev[i]!.delStarted) return `probe(${k.vn(i)}) by ${drvName(k, y.driver)} started in ${m.thread} after device_del(${k.vn(i)}) began`;
        const x = b.dev[i]!;
        if (y.delDone && (y.driver !== 0 || y.probing !== 0 || y.deferred !== 'none') && (x.delDone !== y.delDone || x.driver !== y.driver || x.probing !== y.probing || x.deferred !== y.deferred))
          // Only what is wrong (a new user, 2026-12-05: "dev->driver = NULL, probing: false" beside the fault read as faults).
          return `device_del(${k.vn(i)}) returned but ${[...(y.driver !== 0 ? [`dev->driver = ${drvName(k, y.driver)}`] : []), ...(y.probing !== 0 ? ['a probe of it is running'] : []), ...(y.deferred !== 'none' ? [`it is on the deferred ${y.deferred} list`] : [])].join(', ')}`;
      }
      return null;
    }, { text: 'device_del starts on a device that may have a driver (bound at boot, or probed)', met: ((has: boolean[]) => (s: KS) => someDev(s, (d, i) => d.delStarted && has[i]!))(k.w.devices.map((d) => mayHaveDriver(k, c, d.i))) }, ['dev[*].probing', 'dev[*].delDone', 'dev[*].driver', 'dev[*].deferred']) },
  { name: 'no-driver-after-unregister', covers: 'S3', applies: (k, c) => (c.ops.has('unregister') || c.ops.has('rmmod')) && k.w.drivers.some((d) => driverMayHold(k, c, d.i)), make: (k, c) => {
    const held = k.w.drivers.map((d) => driverMayHold(k, c, d.i));
    // The async threads each clause looks at, by device and by driver, found once rather than by name in every state.
    const helpers = k.w.devices.map((_, i) => c.threads.filter((t) => t.startsWith(`kworker/u:async __driver_attach_async_helper(${k.vn(i)})`)));
    const attaches = k.w.drivers.map((_, j) => c.threads.filter((t) => t.startsWith(`kworker/u:async driver_attach_async(${k.dn(j)})`)));
    return invariant('no-driver-after-unregister',
    'after driver_unregister(drv) returns, no device has drv, none is in its probe/remove, no async work refers to it', (s, q) => {
      for (let j = 0; j < s.drv.length; j++) {
        if (!s.drv[j]!.unregDone || s.drv[j]!.onBus) continue;
        for (let i = 0; i < s.dev.length; i++) {
          const d = s.dev[i]!;
          if (d.driver === j + 1) return `driver_unregister(${k.dn(j)}) returned but ${k.vn(i)} has dev->driver = ${k.dn(j)}${d.probing ? ` (probing in ${who(k, d.probing)})` : ''}`;
          // A stale async_driver is harmless once its helper has run (v5.1 never clears it): only a pending helper counts.
          // (A loop, not helpers[i].some(t => ...): that closure was most of a search's allocation.)
          if (d.asyncDriver === j + 1 && anyPending(helpers[i]!, q))
            return `driver_unregister(${k.dn(j)}) returned but ${k.vn(i)}->p->async_driver = ${k.dn(j)} with its __driver_attach_async_helper still pending`;
        }
        for (const t of attaches[j]!) if (q.at(t) !== null) return `driver_unregister(${k.dn(j)}) returned but ${t} is still pending`;
      }
      return null;
    }, { text: 'driver_unregister returns for a driver some device may have (bound at boot, or probed by it) or with async attach work', met: (s) => s.drv.some((d, j) => d.unregDone && !d.onBus && held[j]!) });
  } },
  // Only a module with a driver some device may have: one whose drivers never probe nor hold a
  // device has no probe or remove to outlive its free (a property audit, 2026-12-06: read holds).
  { name: 'module-lifetime', covers: 'S4', applies: (k, c) => c.ops.has('rmmod') && k.w.drivers.some((d) => d.module >= 0 && driverMayHold(k, c, d.i)), make: (k, c) => invariant('module-lifetime',
    'after free_module(m) no thread runs a probe or remove of a driver of m', (s, q) => {
      // Checked in every state: on the raw fields first, the view only for a state that fails. The
      // fields are read in the view's order (a module's state, then each device's driver, then its
      // probe and remove), so that --por sees the same reads.
      let bad = false;
      for (let m = 0; m < s.mod.length && !bad; m++) {
        if (s.mod[m]!.state !== 'FREED') continue;
        for (let i = 0; i < s.dev.length && !bad; i++) {
          const d = s.dev[i]!;
          bad = d.driver !== 0 && k.w.drivers[d.driver - 1]!.module === m && (d.probing !== 0 || d.removing !== 0);
        }
      }
      if (!bad) return null;
      const v = view(k, c, s, q);
      for (const m of v.modules) {
        if (m.state !== 'FREED') continue;
        for (const d of v.devices) {
          if (d.driver === null || v.drv(d.driver).module !== m.name) continue;
          if (d.probingIn !== null) return `module ${m.name} is freed while ${d.probingIn} runs ${d.driver}.probe(${d.name})`;
          if (d.removingIn !== null) return `module ${m.name} is freed while ${d.removingIn} runs ${d.driver}.remove(${d.name})`;
        }
      }
      return null;
    }, { text: 'a module is freed (rmmod) whose driver some device may have (bound at boot, or probed by it)', met: ((held: boolean[]) => (s: KS) => s.mod.some((m, j) => m.state === 'FREED' && held[j]!))(k.w.modules.map((_, j) => k.w.drivers.some((d) => d.module === j && driverMayHold(k, c, d.i)))) }) },
  // Chosen only where the init of a module loaded without async_probe may start an async entry (an
  // async probe or attach, an async scan; PropCtx.initAsync): with none, no entry of its own can be
  // pending when do_init_module returns. It held about nothing in a plain sync scenario (a new
  // user, 2026-12-06), and beside an async driver no init registers (a premise audit, 2026-12-06).
  // And only where the init's registration walk may find a device its driver matches (attachMayFind),
  // or the walk itself is the entry (v4.2 .. v5.0: bus_add_driver's async_schedule of
  // driver_attach_async): every entry such an init starts is queued by a probe of a device its walk
  // finds, or by what that probe runs (a premise review, 2026-12-06: host-children, whose actor
  // loads the module before it adds the children, chose it from v5.1, and it read vacuous).
  { name: 'module-init-barrier', covers: 'S11', applies: (k, c) => k.w.modules.some((m) => !m.asyncProbe && initMayStart(k, c, m.i)), make: (k, c) => invariant('module-init-barrier',
    "when do_init_module(m) returns for a module without async_probe, no async entry m's init started (itself, or through work it waits on, such as work_on_cpu) is still pending", (s, q) => {
      for (let m = 0; m < s.mod.length; m++) {
        const x = s.mod[m]!;
        // do_init_module has returned: LIVE and its initial reference dropped (module_put), not yet unloading.
        if (x.asyncProbeRequested || x.state !== 'LIVE' || x.refcnt !== 1 || x.initPending === 0) continue;
        const name = k.w.modules[m]!.name;
        const pending = c.threads.filter((t) => c.asyncThreads.has(t) && q.at(t) !== null && (q.locals(t).initOf & (1 << m)) !== 0);
        return `do_init_module(${name}) returned (modprobe ${name} exits) while ${pending.length ? pending.join(', ') : `${x.initPending} async entr${x.initPending === 1 ? 'y' : 'ies'}`} started by ${name}'s init ${pending.length === 1 || x.initPending === 1 ? 'is' : 'are'} still pending`;
      }
      return null;
    // Met where do_init_module returns for a module whose init started an async entry in this load
    // (ModS.initStarted, kept where the scenario checks this property): any other return has nothing of
    // its own to leave pending (a new user, 2026-12-06: named on a sync driver's modprobe, it read
    // holds; a premise audit, 2026-12-06: so did an init that cannot reach an async driver, beside
    // another actor's async probe). Not where the init only may start one: an init built with an
    // async_schedule that no run of it reaches read holds (a premise review, 2026-12-06). Where the
    // state lacks the ghost (the scenario's list leaves the property out, and it is named on the
    // command line or in a suite's expect), the return of an init that may start one meets it.
    }, ((may: boolean[], kept: boolean) => ({
      text: `do_init_module returns for a module without async_probe whose init ${kept ? 'started an async entry (an async probe or attach, an async scan) in that load' : 'may start an async entry (an async probe or attach, an async scan)'}`,
      met: (s: KS) => s.mod.some((x, m) => may[m]! && !x.asyncProbeRequested && x.state === 'LIVE' && x.refcnt === 1 && (!kept || x.initStarted === true)),
    }))(k.w.modules.map((m) => initMayStart(k, c, m.i)), k.initStarted === true)) },
  // Checked only when named: the driver core never promised it (bus_probe_device probes a child
  // whatever its parent's state), so in the default selection every async child would read as a
  // kernel bug. Tomeu Vizoso's 2015 report and the probe-tree benchmark name it.
  // Met where a child's probe starts while its parent may be unbound in some run (not bound at boot,
  // or released): beside a parent bound for good it read holds about nothing (a premise audit, 2026-12-06).
  { name: 'parent-before-child', covers: 'S5/S5\' (checked only when named)', applies: () => false,
    make: (k, c) => action('parent-before-child',
      "a child's probe starts only when its parent is bound, or nested in the parent's probe in the same thread", (b, a, m) => {
        for (let i = 0; i < a.dev.length; i++) {
          if (!probeStarts(b, a, i)) continue;
          const p = k.w.devices[i]!.parent;
          if (p < 0 || k.w.devices[p]!.drivers.length === 0) continue;
          const pd = a.dev[p]!;
          if (pd.bound || (pd.probing !== 0 && pd.probing === a.dev[i]!.probing)) continue;
          return `probe(${k.vn(i)}) started in ${m.thread} while parent ${k.vn(p)} is not bound (${pd.probing ? `its probe runs in ${who(k, pd.probing)}` : 'no driver'})`;
        }
        return null;
      }, { text: "a child's probe starts, its parent with a driver and not bound for good (not bound at boot, or released)",
        met: ((may: boolean[]) => (s: KS) => k.w.devices.some((d) => d.parent >= 0 && may[d.parent]! && s.dev[d.i]!.probing !== 0))(k.w.devices.map((d) => d.drivers.length > 0 && mayBeUnbound(k, c, d.i))) }, ['dev[*].probing']) },
  // Chosen where a path nests the locks of a device and its ancestor: the parent lock (every parent
  // before v4.18, need_parent_lock buses after), or a probe that locks an ancestor or descendant.
  { name: 'lock-order', covers: 'S6', applies: (k) => k.w.devices.some((d) => d.parent >= 0 && takesParentLock(k, d.i))
    || k.w.drivers.some((d) => d.locks.some((l) => d.matches.some((m) => ancestors(k.w, m).includes(l) || ancestors(k.w, l).includes(m)))), make: (k, c) => {
    const anc = k.w.devices.map((d) => ancestors(k.w, d.i));
    // A lock held is the slot's or, the device added again since the thread locked it, the deleted
    // struct's (holdsMutex: DevS.oldMutex): still a child's &dev->mutex (its dev->parent the parent's).
    return action('lock-order',
    'a device mutex is taken only while holding no mutex of its descendants (parent before child)', (b, a, m) => {
      const me = (c.tidOf.get(m.thread) ?? -1) + 1;
      for (let i = 0; i < a.dev.length; i++) {
        // A take: the slot's lock, or the old one relocked (release.ts); not device_add's move of a held lock to oldMutex.
        if (!((b.dev[i]!.mutex === 0 && a.dev[i]!.mutex === me) || (b.dev[i]!.oldMutex === 0 && a.dev[i]!.oldMutex === me && b.dev[i]!.mutex !== me))) continue;
        for (let j = 0; j < a.dev.length; j++) {
          if (j !== i && holdsMutex(b.dev[j]!, me) && anc[j]!.includes(i)) return `${m.thread} takes &dev->mutex(${k.vn(i)}) while holding ${b.dev[j]!.mutex === me ? `&dev->mutex(${k.vn(j)})` : `the &dev->mutex of ${k.vn(j)}'s deleted struct`}, its descendant`;
        }
      }
      return null;
    }, { text: 'a thread holds the mutexes of a device and of an ancestor at once',
      met: (s) => s.dev.some((x, i) => [x.mutex, x.oldMutex].some((t) => t !== 0 && anc[i]!.some((a) => holdsMutex(s.dev[a]!, t)))) }, ['dev[*].mutex', 'dev[*].oldMutex']);
  } },
  // lockdep's "bad unlock balance detected!" (print_unlock_imbalance_bug from lock_release: "... is
  // trying to release lock (...) at: ... but there are no more locks to release!", as syzbot reports
  // print it; s42 h15 read __lock_release in an extracted copy (a function-per-file corpus whose
  // repository and release the index does not name: it prints for a lock not among the task's held
  // locks, or when it holds none) and, in a 2025 lockdep
  // patch's context, __lock_acquire's `lock->key == &__lockdep_no_validate__` setting only
  // `check = 0`; device_initialize's lockdep_set_novalidate_class and whether such a lock is still
  // recorded as held were not read: LOCKDEP says unverified): a thread unlocks a device mutex it does not hold. The one
  // library path that does is __device_release_driver's device-links loop of a device with a parent
  // (8c97a46af04b's `if (parent)`, dd.c at 8c97a46af04b:862-867, until the loop tested
  // need_parent_lock too, by e121a833745b, v5.0-rc1: LINKS_LOOP_PARENT_TEST): on a bus without need_parent_lock its caller
  // (driver_detach's device_release_driver_internal) took no parent lock, so it releases a lock
  // another thread holds (which runs on without it) or none does, then relocks it and returns
  // holding it: a leak no other property sees until something locks that parent again. The model's
  // unlock of a free mutex leaves it free (what mutex_unlock then does is not read here:
  // kernel/locking/mutex.c), so the state cannot tell it from no unlock: the step's own record says (release.ts
  // loopParents). Chosen where such a loop is built (any profile with links and a supplier with a
  // parent): after the fix it drops only a parent its caller holds, and holds.
  // A user's hunk on the loop's steps (its test, the drop, the consumers' unbind, the relocks) may
  // change what the loop unlocks, which the library's record cannot say (until s42 h15 any hunk in
  // __device_release_driver made the property vacuous, so a user's own need_parent_lock test read
  // `newly vacuous`, exit 5, not `fixed`): there it is judged by what the state shows, at the moves
  // of that __device_release_driver block: releasing the parent's mutex another thread holds, or
  // retaking it in `relock_parent` where its caller locked none (the loop dropped a lock it did not
  // hold, whose unlock of a free mutex the state cannot show, and returns holding it). An unlock of
  // a free mutex the hunk makes and never retakes is not seen there. A hunk elsewhere in the
  // function (->remove, the async sync) leaves the loop the library's: its record still says.
  // Not chosen where no such device can have a driver (its one driver's probe always fails, or is
  // never registered): the loop never runs, and the default choice alone read vacuous, exit 5 (s42 h15).
  { name: 'unlock-balance', covers: '8c97a46af04b (lockdep: bad unlock balance)', applies: (k, c) => [...loopParents(k)].some(([l, ps]) => c.steps.has(l) && ps.some((p) => mayBind(k, c, p.dev))), make: (k, c) => {
    const loops = loopParents(k);
    const blocks = [...loops.values()].flat();
    const devs = [...new Set(blocks.map((l) => l.dev))];
    const onLoop = [...(k.applied ?? [])].some((h) => h.fn === '__device_release_driver'
      && [h.replace, h.insert?.before, ...[h.insert?.after ?? []].flat()].some((l) => typeof l === 'string' && LOOP_STEPS.has(l)));
    const premise = { text: onLoop ? "__device_release_driver's device-links loop of a device with a parent runs (device_links_busy; a hunk of yours on the loop is judged by the parent's mutex: an unlock of a free one it never retakes is not seen)"
      : "__device_release_driver's device-links loop of a device with a parent runs (device_links_busy)", met: (s: KS) => devs.some((d) => s.dev[d]!.linksUnbinding) };
    const caller = (l: LoopParent) => {
      const bus = k.w.buses[k.w.devices[l.dev]!.bus]!;
      return bus.needParentLock ? 'its caller did not lock it' : `its caller locked no parent (bus '${bus.name}' has no need_parent_lock)`;
    };
    return action('unlock-balance',
      "a thread unlocks only a device mutex it holds (lockdep: bad unlock balance): __device_release_driver's device-links loop drops and retakes the parent only where its caller locked it", (b, a, m, q) => {
        const me = (c.tidOf.get(m.thread) ?? -1) + 1;
        if (onLoop) {
          const l = blocks.find((x) => x.owner === me && m.label.startsWith(x.prefix));
          if (!l) return null;
          const was = b.dev[l.parent]!, now = a.dev[l.parent]!;
          for (const f of ['mutex', 'oldMutex'] as const) {
            if (was[f] !== 0 && was[f] !== me && now[f] !== was[f]) return `__device_release_driver(${k.vn(l.dev)}) in ${m.thread} (at ${m.label}, a step of your patch's loop) releases &dev->mutex(${k.vn(l.parent)}), its parent, which ${who(k, was[f])} holds ${LOCKDEP}`;
          }
          if (m.label !== l.relockParent || l.held || !holdsMutex(now, me) || holdsMutex(was, me)) return null;
          return `__device_release_driver(${k.vn(l.dev)}) in ${m.thread} locks &dev->mutex(${k.vn(l.parent)}), its parent, again in its device-links loop (relock_parent, as your patch leaves it): ${caller(l)}, so the loop dropped a lock it did not hold ${LOCKDEP} and returns holding it`;
        }
        const l = loops.get(m.label)?.find((x) => x.owner === me);
        if (!l || !l.drops || q.at(m.thread) !== l.unbind) return null;
        const p = b.dev[l.parent]!;
        if (holdsMutex(p, me)) return null;
        return `__device_release_driver(${k.vn(l.dev)}) in ${m.thread} unlocks &dev->mutex(${k.vn(l.parent)}), its parent, which ${p.mutex === 0 ? 'no thread holds' : `${who(k, p.mutex)} holds`}: ${caller(l)}, and the loop locks it again and returns holding it ${LOCKDEP}`;
      }, premise, ['dev[*].mutex', 'dev[*].oldMutex']);
  } },
  // lockdep's two checks of a lock held where nothing may hold one (read: kernel/locking/lockdep.c
  // at torvalds@0006ebb4cad2 and kernel/workqueue.c at torvalds@009bb421b6ce; docs/scenarios.md,
  // "Properties"): lockdep_sys_exit, on every return to user space, `if (unlikely(curr->lockdep_depth))`
  // prints "WARNING: lock held when returning to user space!"; process_one_work, after a work item's
  // function returns, `if (unlikely(in_atomic() || lockdep_depth(current) > 0))` prints "BUG:
  // workqueue leaked lock or atomic". dev->mutex counts: __lock_acquire only clears `check` for
  // __lockdep_no_validate__ (device_initialize's class) and still pushes the held lock and raises
  // lockdep_depth. The model's returns: an actor's system call (user-return.ts SYSCALLS) reaching the
  // actor's next action or its end; request_module's modprobe (its finit_module) ending; a work item
  // (an async entry: async_run_entry_fn; a work_on_cpu kworker; the deferred-probe timeout work)
  // ending, or deferred_probe_work_func returning to its kworker's process_one_work. Not counted at a
  // system call's return: a device's mutex the actor holds by its own `lock` action (that action
  // stands for a kernel path that holds it, not for user space; user-return.ts). An actor's last
  // action of another kind (a kernel path) may not end holding a patch's own lock (only the taking
  // thread releases it, and the actor runs nothing after: E205's rule, now said here); a device's
  // mutex there is not judged (the actor's `lock` keeps one by design, and v4.18's library path
  // ends holding a parent's: unlock-balance's). Where it is checked it replaces E205 for these
  // leaks; elsewhere they stay E205 (a patch's lock, a work item's lock under a user's patch).
  // Chosen by default only with a user's patch and a system call in the scenario: the library's own
  // paths leave a lock held at a return only where unlock-balance already reports it (v4.18 and
  // v4.19 as modelled), checked by naming it across every bundled model (docs/findings.md, s48 h1).
  { name: 'no-lock-at-return', covers: 'lockdep_sys_exit, process_one_work (lock held at return)',
    applies: (k, c) => k.userPatched && c.acts.some((a) => a.some((x) => SYSCALLS[x.op] !== undefined)), make: (k, c) => {
      type Ret = { text: string; patchOnly?: boolean; skip?: ReadonlySet<number>; sys: boolean };
      // The returns judged, by thread and by where the return goes (the next action's entry, null
      // for an end, the deferred-probe worker's process_one_work). The return's move itself writes
      // the verdict (Kernel.judgeReturn, asked by Block.returns' steps): KS.retJudged, and KS.retLeak
      // where the thread holds a lock there (a flag, not the thread: leaks in two orders would split
      // states on which came first). So the property is an invariant on those two bytes and
      // its premise exact: until s49 h1 it was an action property that read the mover's label and
      // locks on return steps' moves (under --por every move writing those was visible:
      // host-children n=4, 30,227 states against 4,859 without it), with a premise on where threads
      // stood, which read `holds` for a timeout work blocked for good before its return.
      const returns = new Map<string, Map<string | null, Ret>>();
      const ownLocks = !!k.locks && (k.locks.dev.length > 0 || k.locks.kernel.length > 0);
      c.acts.forEach((acts, ai) => {
        const t = c.threads[ai]!, at = new Map<string | null, Ret>(), locked = new Set<number>();
        acts.forEach((x, i) => {
          const after = i + 1 < acts.length ? c.actEntries[ai]![i + 1]! : null, sys = SYSCALLS[x.op];
          if (sys !== undefined) at.set(after, { text: `'${x.text}' (${sys}, a system call) returns to user space`, skip: new Set(locked), sys: true });
          else if (after === null && x.op !== 'device_shutdown' && ownLocks) at.set(after, { text: `its last action, '${x.text}', ends and the actor runs nothing after it`, patchOnly: true, sys: false });
          if (x.op === 'lock') locked.add(x.dev);
          if (x.op === 'unlock') locked.delete(x.dev);
        });
        if (at.size) returns.set(t, at);
      });
      // Kernel threads: a work item's end (an async entry's, a work_on_cpu kworker's, the timeout
      // work's) and the deferred-probe worker's return to process_one_work, under a user's patch (the
      // library's own threads end holding nothing: Block.endsFree is asked only under one too), and
      // request_module's modprobe (its finit_module, a system call) always.
      for (const t of c.threads.slice(c.acts.length)) {
        const umh = k.w.modules.some((m) => t === requestModprobeThread(m.name));
        if (!k.userPatched && !umh) continue;
        if (t === DEFERRED_WORKER) {
          const idle = [...c.stepsOf.get(t) ?? []].find((l) => l.startsWith('deferred_probe_work_func') && l.endsWith(':process_one_work'));
          if (idle) returns.set(t, new Map([[idle, { text: 'deferred_probe_work_func returns to process_one_work', sys: false }]]));
        } else if (umh) {
          returns.set(t, new Map([[null, { text: "modprobe's finit_module (request_module's usermode helper, a system call) returns to user space", sys: true }]]));
        } else returns.set(t, new Map([[null, { text: 'its work item returns to process_one_work', sys: false }]]));
      }
      const held = (r: Ret, me: number, s: KS) => (r.patchOnly ? patchLocksOf(k, s).filter((l) => l.owner === me).map((l) => l.name) : locksHeldBy(k, me, s, r.skip));
      k.judgeReturn = (s, t, me, to) => {
        const r = returns.get(t)?.get(to);
        if (!r) return;
        // Whether `me` holds a lock, read off --por's footprint where it holds none: no other thread's
        // move makes it a lock's owner (a thread takes a lock as itself; emit.ts checkedReleases refuses a hunk's step that does otherwise, E203). Where it holds one the reads
        // below are recorded, so another thread's release of it (v4.18's foreignParents) stays
        // dependent. Recorded always, every lock-taking move depended on every return step
        // (host-children n=4 --por: 11,162 states, against 4,900 so; docs/known-gaps.md).
        const leaks = unrecorded(() => held(r, me, s).length > 0);
        if (!s.retJudged) s.retJudged = true;
        if (leaks && !s.retLeak && held(r, me, s).length) s.retLeak = true;
      };
      const lasts = c.threads.slice(0, c.acts.length).some((t) => returns.get(t)?.get(null)?.patchOnly === true);
      const works = c.threads.slice(c.acts.length).some((t) => [...returns.get(t)?.values() ?? []].some((r) => !r.sys));
      return invariant('no-lock-at-return',
        'no thread returns to user space from a system call, or ends a work item, holding a lock (lockdep: "lock held when returning to user space", "workqueue leaked lock")', (s, q) => {
          if (!s.retLeak) return null;
          // The first state with retLeak set is the one the leaking return reached: its thread stands
          // where it went, holding the locks, and no other stands so (its return would have set it).
          let name = '', r: Ret | undefined, locks: string[] = [];
          for (const [t, at] of returns) {
            const x = at.get(q.at(t)), h = x ? held(x, c.tidOf.get(t)! + 1, s) : [];
            if (h.length) { name = t; r = x; locks = h; break; }
          }
          if (!r) return 'a thread returned holding a lock';
          if (r.patchOnly) return `${name}: ${r.text}, holding ${locks.join(', ')}, a lock your patch declares: only the thread that took it may release it, so it is never released`;
          if (r.sys) return `${name}: ${r.text} holding ${locks.join(', ')}: lockdep says "WARNING: lock held when returning to user space!", "${name} is leaving the kernel with locks still held!" (lockdep_sys_exit)`;
          return `${name}: ${r.text} holding ${locks.join(', ')}: "BUG: workqueue leaked lock or atomic" (process_one_work), and nothing releases it`;
        }, { text: ["an actor's system call returns to user space", ...lasts ? ["an actor's last action ends"] : [], ...works ? ["a work item reaches its function's return"] : []].join(', or '),
          met: (s) => s.retJudged });
    } },
  // Chosen where a wait can run: wait_for_device_probe, delete_module's sync and do_init_module's
  // (unconditional, but from v3.8 to v5.16 only iff the init used async: MODULE_SYNC_PF_USED_ASYNC),
  // or an unbind's or driver_detach's, which waits only for a driver that allows async probing.
  // About nothing (vacuous) where no run reaches one (a new user, 2026-12-05: chosen on v3.14,
  // where nothing is async, so a clean check of a fix exited 5).
  // Two of them test what they run for (a vacuity hunt, 2026-12-06: both exited 5 on ordinary
  // scenarios): do_init_module goes from module_live straight to module_put for a module loaded
  // with async_probe (v4.2 on), so only a module some actor or request_module loads without it
  // reaches its sync; __device_release_driver(dev)'s (v4.2 .. v4.20) runs only if the driver it
  // releases allows async probing, so only for a device with such a driver.
  // Its async half is a wait for async entries (async_synchronize_full, a probe wait) in an async
  // thread; __request_module's WARN_ON_ONCE(wait && current_is_async()), which fires earlier, at
  // any request_module there, is no-sync-request-in-async's (below).
  { name: 'no-wait-under-lock', covers: 'S7', applies: (k, c) => {
    const built = [...k.built ?? []];
    const anyAsync = k.w.drivers.some((d) => mayBeAsync(k, d.i));
    const INIT = 'do_init_module:async_synchronize_full', RELEASE = '__device_release_driver:async_synchronize_full';
    const loaded = [...c.acts.flatMap((a) => a.flatMap((x) => (x.op === 'modprobe' ? [x.mod] : []))), ...k.w.drivers.flatMap((d) => (d.requestModule >= 0 ? [d.requestModule] : []))];
    const initSync = built.includes(INIT) && loaded.some((m) => !k.has('ASYNC_PROBE') || !k.w.modules[m]!.asyncProbe) && (!k.has('MODULE_SYNC_PF_USED_ASYNC') || anyAsync);
    // The release's sync is `if (drv) { if (driver_allows_async_probing(drv))` (__device_release_driver, dd.c at v4.2.8): only for a device an
    // async driver may be bound to (s49 h6's generator: an async driver's unregister on a bus with
    // autoprobe: false, nothing binding, chose it at v4.2, vacuous).
    const releaseSync = k.w.devices.some((d) => d.drivers.some((x) => mayBeAsync(k, x) && mayHaveDriver(k, c, d.i, x))
      && [...c.steps].some((l) => l.startsWith(`__device_release_driver(${d.name})`) && l.endsWith(':async_synchronize_full')));
    const probeWait = waitMayRun(k, c);
    return probeWait || built.includes('delete_module:async_synchronize_full') || initSync || releaseSync
      || (anyAsync && built.some((x) => x.endsWith(':async_synchronize_full') && !x.startsWith('wait_for_device_probe') && x !== INIT && x !== RELEASE));
  }, make: (k, c) => invariant('no-wait-under-lock',
    'no thread waits in async_synchronize_full / wait_for_device_probe holding a device mutex, or from async context', (s, q) => {
      for (const t of c.threads) {
        const l = q.at(t);
        if (l === null) continue;
        const lib = libWait(k, l);
        if (!lib && !userProbeWait(k, s, l, q.locals(t))) continue;
        if (c.asyncThreads.has(t) && (!lib || l.endsWith(':async_synchronize_full'))) return `${t} ${lib ? 'calls async_synchronize_full' : 'waits for probes or async entries'} from async context (${l})`;
        const me = c.tidOf.get(t)! + 1;
        // The deleted struct's lock too (DevS.oldMutex, the device added again since it locked it):
        // device_lock is on the struct the thread got, a wait under it is one all the same.
        for (let i = 0; i < s.dev.length; i++) {
          if (s.dev[i]!.mutex === me) return `${t} waits at ${l} holding &dev->mutex(${k.vn(i)})`;
          if (s.dev[i]!.oldMutex === me) return `${t} waits at ${l} holding the &dev->mutex of ${k.vn(i)}'s deleted struct`;
        }
        // A lock the user's patch declares (a wait under it is one all the same: the async entries
        // or probes waited for may need it, and a spinlock may not be held across a sleep at all).
        const own = patchLocksOf(k, s).find((x) => x.owner === me);
        if (own) return `${t} waits at ${l} holding ${own.name}, a lock your patch declares`;
      }
      return null;
    }, { text: 'a thread reaches async_synchronize_full or wait_for_device_probe', met: (s, q) => c.threads.some((t) => { const l = q.at(t); return l !== null && (libWait(k, l) || userProbeWait(k, s, l, q.locals(t))); }) }) },
  // __request_module opens with WARN_ON_ONCE(wait && current_is_async()) (0fdff3ec6d87, v3.8: the
  // flag REQUEST_MODULE_ASYNC_WARN; kernel/kmod.c at torvalds@e9331ee9b164, kernel/module/kmod.c at
  // torvalds@25a1b5b518f4 and torvalds@ac4890f97211, all read by no profile): request_module is
  // __request_module(true, ...), so a call from an async_schedule'd entry WARNs first thing, whatever
  // becomes of the load; the deadlock its comment names is no-deadlock's (module-async variant=request).
  // The model's request_module (paths/probe-body.ts) starts at its call_usermodehelper_exec step, so a
  // thread there is in __request_module past the WARN's line. Only an async thread: a work_on_cpu
  // kworker that runs an async entry's probe is not current_is_async(), nor a sync fallback's caller.
  // Chosen where an async thread was built with a request_module it can run (asyncRequest; test/kernel/kmod.test.ts).
  { name: 'no-sync-request-in-async', covers: '0fdff3ec6d87', applies: (k, c) => k.has('REQUEST_MODULE_ASYNC_WARN') && asyncRequest(k, c), make: (k, c) => {
    const warns = k.has('REQUEST_MODULE_ASYNC_WARN');
    const at = (t: string, q: Query): string | null => {
      if (!warns || !c.asyncThreads.has(t)) return null;
      const l = q.at(t);
      return l !== null && REQUEST_ENTRY.test(l) ? l : null;
    };
    const mod = (l: string) => {
      const d = k.w.drivers.find((x) => x.name === REQUEST_ENTRY.exec(l)![1]);
      return d && d.requestModule >= 0 ? k.w.modules[d.requestModule]!.name : '?';
    };
    return invariant('no-sync-request-in-async',
      "no request_module that waits from async context: __request_module's WARN_ON_ONCE(wait && current_is_async()) (kernel/kmod.c, 0fdff3ec6d87, v3.8) never fires", (_s, q) => {
        for (const t of c.threads) {
          const l = at(t, q);
          if (l === null) continue;
          const drv = REQUEST_ENTRY.exec(l)![1]!;
          return `${t} is about to call request_module(${mod(l)}) from async context (${drv}'s probe, its next step: ${l}): __request_module's WARN_ON_ONCE(wait && current_is_async()) fires first thing`;
        }
        return null;
      }, warns
        ? { text: 'an async thread calls request_module', met: (_s, q) => c.threads.some((t) => at(t, q) !== null) }
        : { text: `__request_module WARNs on a request from async context (0fdff3ec6d87, v3.8); profile ${k.profile} has no such WARN`, met: () => false });
  } },
  // Only a child that some run probes or releases (a vacuity hunt, 2026-12-06: a child bound at boot
  // that nothing unbinds, beside its parent's unbind, exited 5).
  { name: 'usb-parent-lock', covers: 'S8', applies: (k, c) => k.w.devices.some((d) => d.parent >= 0 && k.w.buses[d.bus]!.needParentLock
    && (mayProbe(k, c, d.i) || builtBlock(c, `__device_release_driver(${d.name})`))),
    make: (k, c) => invariant('usb-parent-lock', "on a need_parent_lock bus the parent's mutex is held by whoever runs probe or remove (or waits for the kworker that runs it)", (s, q) => {
      for (const d of k.w.devices) {
        if (d.parent < 0 || !s.bus[d.bus]!.needParentLock) continue;
        const x = s.dev[d.i]!, y = s.dev[d.parent]!, pm = y.mutex;
        // The parent's lock a thread took before the parent was deleted and added again is the old
        // parent's, as the child's dev->parent is (DevS.oldMutex): held all the same.
        if ((x.probing !== 0 && y.oldMutex === x.probing) || (x.removing !== 0 && y.oldMutex === x.removing)) continue;
        // A probe a work_on_cpu kworker runs is its caller's: the caller holds the lock while it waits.
        if (x.probing !== 0 && pm !== x.probing && (pm === 0 || view(k, c, s, q).dev(d.name).probeCaller !== who(k, pm))) return `probe(${d.name}) runs in ${who(k, x.probing)} without &dev->mutex(${k.vn(d.parent)}) (held by ${who(k, pm)})`;
        if (x.removing !== 0 && pm !== x.removing) return `remove(${d.name}) runs in ${who(k, x.removing)} without &dev->mutex(${k.vn(d.parent)}) (held by ${who(k, pm)})`;
      }
      return null;
    }, { text: 'a child on a need_parent_lock bus is probed or removed', met: (s) => k.w.devices.some((d) => d.parent >= 0 && s.bus[d.bus]!.needParentLock && (s.dev[d.i]!.probing !== 0 || s.dev[d.i]!.removing !== 0)) }) },
  // A present device an actor deletes and adds again is added by the scenario too (a sysfs hunt, 2026-12-04).
  // Only a device the scenario adds that can be probed: one no driver can probe (none matches it, or
  // nothing starts one) is never met (a vacuity hunt, 2026-12-06: a driverless child added and deleted
  // beside its parent's unbind exited 5).
  // And only where a path other than its own add may probe it meanwhile (probedBesideAdd): the add
  // probes it after device_pm_add, so a device only its own add probes read holds about nothing (a
  // premise audit, 2026-12-06). The premise is the race itself, whatever the probe then does (a fix
  // such as a2225b6e834a turns it away before really_probe): such a path is at a step for the device
  // while its add is between bus_add_device and device_pm_add.
  // A device present at the start counts where something adds it again: an actor, or a probe that
  // registers it (a parent unbound and bound again: a premise review, 2026-12-06, found that left out).
  { name: 'device-ready', covers: 'S9', applies: (k, c) => k.w.devices.some((d) => (!d.present || addedByActor(c, d.i) || builtBlock(c, `device_add(${d.name})`)) && mayProbe(k, c, d.i) && probedBesideAdd(k, c, d.i)), make: (k, c) => action('device-ready',
    'probe starts only after device_add has passed device_pm_add', (b, a, m) => {
      for (let i = 0; i < a.dev.length; i++) if (probeStarts(b, a, i) && !b.dev[i]!.ready && !b.dev[i]!.delStarted) return `probe(${k.vn(i)}) started in ${m.thread} before device_add(${k.vn(i)}) reached device_pm_add`;
      return null;
    }, { text: "a path that may probe a device (a registration walk of its driver, a sysfs bind, drivers_probe, the deferred-probe work) runs while its device_add is between bus_add_device and device_pm_add",
      met: ((drvs: string[][]) => (s: KS, q: Query) => k.w.devices.some((d) => { const x = s.dev[d.i]!; return x.registered && !x.ready && !x.delStarted && someAt(c, q, (l) => inProbePath(l, d.name) || inWalkOf(l, drvs[d.i]!)); }))(k.w.devices.map((d) => d.drivers.map((x) => k.dn(x)))) }, ['dev[*].probing']) },
  // Only where a device read has a driver in some run: bound at boot, or probed (really_probe sets
  // dev->driver; a vacuity hunt, 2026-12-06: a uevent of a device no driver matches exited 5).
  // Only a device read whose dev->driver may be cleared or its driver freed between the reads: a
  // release (an unbind, a del, its driver's removal) or a probe that may fail (really_probe clears
  // dev->driver): a reader of a device bound for good read holds about nothing (a premise audit,
  // 2026-12-06).
  { name: 'lockless-reader', covers: 'S10', applies: (k, c) => ueventRead(c).some((i) => readerMayFail(k, c, i)), make: (k, c) => invariant('lockless-reader',
    'a lockless reader of dev->driver (dev_uevent) never dereferences NULL or an unregistered driver', (s, q) => {
      for (const t of c.threads) {
        const l = q.at(t);
        if (l === null || !l.startsWith('dev_uevent(') || !l.endsWith(':add_uevent_var')) continue;
        const i = k.w.devices.findIndex((d) => l.startsWith(`dev_uevent(${d.name})`));
        const d = s.dev[i]!;
        if (d.driver === 0) return `${t} is about to read dev->driver->name of ${k.vn(i)}, and dev->driver is now NULL`;
        if (!s.drv[d.driver - 1]!.alive) return `${t} is about to read the name of ${k.dn(d.driver - 1)}, whose driver_private is freed`;
      }
      return null;
    }, { text: 'a uevent reader runs while the device has a driver that may be cleared or freed (a release, or a probe that may fail)',
      met: ((may: boolean[]) => (s: KS, q: Query) => k.w.devices.some((d) => may[d.i]! && s.dev[d.i]!.driver !== 0 && someAt(c, q, (l) => l.startsWith(`dev_uevent(${d.name})`))))(k.w.devices.map((d) => readerMayFail(k, c, d.i))) }) },
  // Only where a device read may be probed: B11's reader beside an unbind of a device bound at boot,
  // with nothing to probe it again, exited 5 on mainline (a vacuity hunt, 2026-12-06).
  { name: 'reader-no-wait-on-probe', covers: 'L6', applies: (k, c) => ueventRead(c).some((i) => mayProbe(k, c, i)), make: (k, c) => invariant('reader-no-wait-on-probe',
    'a uevent reader (dev_uevent) never waits on &dev->mutex held across probe() (which may last minutes)', (s, q) => {
      for (const t of c.threads) {
        const l = q.at(t);
        if (l === null || !l.startsWith('dev_uevent(')) continue;
        // The library's device_lock step (c0a40097f0bc), or any step a user's hunk made in
        // dev_uevent whose guard is false now (a new user, 2026-12-05: their own copy of
        // c0a40097f0bc named its lock step otherwise, and the regression read as holding). A
        // user's step is judged by its guard alone: one that replaces device_lock and never
        // waits (15fffc6a5624's lockless read) is no wait (a new user, 2026-12-06).
        const aw = k.userAwaits?.get(l);
        if (aw ? aw(s, q.locals(t)) : !l.endsWith(':device_lock')) continue;
        const d = k.w.devices.find((x) => l.startsWith(`dev_uevent(${x.name})`));
        if (!d) continue;
        const x = s.dev[d.i]!;
        if (x.mutex === 0 || x.probing === 0 || x.mutex === (c.tidOf.get(t) ?? -1) + 1) continue;
        const held = `held by ${who(k, x.mutex)} across ${drvName(k, x.driver)}.probe(${d.name}) (in ${who(k, x.probing)})`;
        return l.endsWith(':device_lock') ? `${t} reads ${d.name}'s uevent and waits for &dev->mutex(${d.name}), ${held}`
          : `${t} reads ${d.name}'s uevent and waits at ${l}, with &dev->mutex(${d.name}) ${held}`;
      }
      return null;
    }, { text: "a uevent reader runs during the device's probe",
      met: (s, q) => k.w.devices.some((d) => s.dev[d.i]!.probing !== 0 && someAt(c, q, (l) => l.startsWith(`dev_uevent(${d.name})`))) }) },
  // The timeout work's unlocked walk before eed6e41813de (late-initcall.ts): its fix says
  // list_for_each_entry_safe "doesn't protect against other threads adding/deleting nodes".
  // Chosen where the walk is unlocked, or the scenario sets the timeout itself; from v5.12 the walk
  // holds deferred_probe_mutex, a step per line where two or more devices may be listed, and every
  // add and delete waits for that mutex, so it holds unless a patch of yours drops such a wait (a
  // review, s44 h7: it looked only at the unlocked walk's step, so such a patch's delete between
  // two of the locked walk's lines went unseen). Only where the late initcall that schedules the
  // work can run (timeoutWorkMayRun).
  { name: 'pending-walk', covers: 'eed6e41813de', applies: (k, c) => c.threads.includes(TIMEOUT_WORKER) && (!k.has('TIMEOUT_WALK_LOCKED') || k.w.deferredProbeTimeout !== undefined)
    && timeoutWorkMayRun(k, c), make: (k, c) => !c.threads.includes(TIMEOUT_WORKER)
    // Named where no timeout work is scheduled: about nothing, saying why (a new user got E101).
    ? action('pending-walk', 'no thread changes deferred_probe_pending_list while deferred_probe_timeout_work_func walks it', () => null,
      { text: `the timeout work is scheduled: the scenario runs deferred_probe_initcall with a timeout > 0 (deferredProbeTimeout, or the default 10 from v6.1 with modules) on a profile that has the work (v4.19 on); ${k.profile} and this scenario schedule none`, met: () => false })
    : action('pending-walk',
    'no thread adds a device to deferred_probe_pending_list or deletes one from it while deferred_probe_timeout_work_func walks it (without deferred_probe_mutex before eed6e41813de, v5.12)', (b, a, m, q) => {
      const at = q.at(TIMEOUT_WORKER);
      if (m.thread === TIMEOUT_WORKER || !inPendingWalk(at)) return null;
      const how = at === PENDING_WALK ? 'with list_for_each_entry_safe, without deferred_probe_mutex' : `holding deferred_probe_mutex, which ${m.label} does not wait for`;
      for (let i = 0; i < a.dev.length; i++) {
        const was = b.dev[i]!.deferred === 'pending', is = a.dev[i]!.deferred === 'pending';
        if (was !== is) return `${m.thread} ${is ? 'adds' : 'deletes'} ${k.vn(i)} ${is ? 'to' : 'from'} deferred_probe_pending_list at ${m.label} while ${TIMEOUT_WORKER} walks it ${how}`;
      }
      return null;
    }, { text: 'the timeout work reaches its walk of the pending list', met: (_s, q) => q.at(TIMEOUT_WORKER) === PENDING_WALK || q.at(TIMEOUT_WORKER) === PENDING_START }, ['dev[*].deferred']) },
  // deferred_probe_timeout_work is scheduled by deferred_probe_initcall, once driver_deferred_probe_enable
  // is set; deferred_probe_extend_timeout only pushes back a work already pending ("If the work hasn't
  // been queued yet or if the work expired, don't start a new one.", dd.c at dakr@1ac45118ddf8).
  // A run before the late initcall calls fw_devlink_probing_done() before the devlink class may be
  // registered (the WARN "class_for_each_device called for class 'devlink' before it was registered"
  // that Biju Das's revert of 1137838865bf quotes, RZ/G2L) and sets driver_deferred_probe_timeout = 0,
  // so the late initcall schedules no timeout (`if (driver_deferred_probe_timeout > 0)`); a second
  // run prints "deferred probe pending" again. Chosen where the timeout work is built and a patch
  // lets driver_register queue it (EXTEND_QUEUES_IDLE); named elsewhere, it is checked as well.
  { name: 'timeout-after-initcall', covers: '1137838865bf', applies: (k, c) => k.has('EXTEND_QUEUES_IDLE') && c.threads.includes(TIMEOUT_WORKER), make: (k, c) => {
    const about = { text: `the timeout work is scheduled: the scenario runs deferred_probe_initcall with a timeout > 0 (deferredProbeTimeout, or the default 10 from v6.1 with modules) on a profile that has the work (v4.19 on); ${k.profile} and this scenario schedule none`, met: () => false };
    const reads = keepsTimeout(k);
    return action('timeout-after-initcall', 'deferred_probe_timeout_work_func runs only as deferred_probe_initcall scheduled it: not before that late initcall enabled deferred probing, and not again once it ran (driver_deferred_probe_timeout 0)', (b, _a, m) => {
      if (m.thread === TIMEOUT_WORKER && m.label === TIMEOUT_START) {
        if (!b.deferredProbeEnable) return `${TIMEOUT_WORKER} starts before ${LATE_INITCALL} (driver_deferred_probe_enable is still false): driver_register's deferred_probe_extend_timeout queued it; it sets driver_deferred_probe_timeout = 0, so the late initcall will schedule no timeout, and its fw_devlink_probing_done() may walk the devlink class before it is registered (the WARN)`;
        if (reads && !b.probeTimeout) return `${TIMEOUT_WORKER} starts again after it ran (driver_deferred_probe_timeout is 0): "if the work expired, don't start a new one"`;
      }
      if (reads && m.label === `${LATE_INITCALL}:schedule_delayed_work` && !b.probeTimeout) return `${LATE_INITCALL} finds driver_deferred_probe_timeout 0 and schedules no timeout work: the work ran before the late initcall scheduled it`;
      return null;
    }, c.threads.includes(TIMEOUT_WORKER) ? undefined : about);
  } },
  // Only where a platform_match of the overridden device is built (a vacuity hunt, 2026-12-06: an
  // override of a device bound at boot that nothing probes again exited 5).
  // And only a device whose override is written twice: the first write frees NULL, so with one no
  // string is ever freed (a property audit, 2026-12-06: one write beside a registration walk read holds).
  { name: 'override-uaf', covers: 'B13 (S-UAF)', applies: (k, c) => k.w.devices.some((d) => d.override && overrideWrites(c, d.i) > 1 && (OVERRIDE_READERS.some((fn) => builtBlock(c, `${fn}(${d.name},`)) || (k.hasDeferredWorker && listedWithoutProbe(k, d.i)))), make: (k, c) => {
    // The overridden device a platform_match reader at label l matches: under dev->mutex
    // (__device_attach_driver) or without it (__driver_attach, bind_store).
    const readerOf = (l: string) => k.w.devices.find((x) => x.override && OVERRIDE_READERS.some((fn) => l.startsWith(`${fn}(${x.name},`)));
    const twice = k.w.devices.map((d) => overrideWrites(c, d.i) > 1);
    return invariant('override-uaf',
    'platform_match never strcmp()s a driver_override string that driver_override_store has freed', (s, q) => {
      for (const t of c.threads) {
        const l = q.at(t);
        if (l === null || !l.endsWith(':strcmp')) continue;
        const g = q.locals(t).ovr as number;
        const d = readerOf(l);
        if (!d || g === 0 || s.dev[d.i]!.ovrGen === g) continue;
        // A bind_store that found the struct before a device_del reads that struct's string, freed
        // only by its release (platform_device_release), after the store's put_device; a store to the
        // struct added since frees that one's (NULL first): not this (a review, 2026-12-06: a false alarm).
        if (l.startsWith('bind_store(') && q.locals(t).gen !== structRef(s, d.i)) continue;
        // Likewise a driver's walk on the old struct's klist node (device_add no longer waits for it, s37).
        if (l.startsWith('__driver_attach(') && walkOnOldStruct(k, t, l, s, q.locals(t) as KL, d.i)) continue;
        // And a holder of the deleted struct's lock, the slot added again since: it loaded that
        // struct's string (DevS.oldOvr), freed only by that struct's release (s39: the add waited before).
        if (s.dev[d.i]!.oldMutex !== 0 && s.dev[d.i]!.oldMutex === k.threadNames.indexOf(t) + 1) continue;
        const drv = l.slice(l.indexOf(',') + 1, l.indexOf(')'));
        return `${t} is about to strcmp ${d.name}'s driver_override string with ${drv}, and driver_override_store has kfree()d it (use after free)`;
      }
      return null;
    }, { text: 'platform_match reads a driver_override string that was set, of a device whose override is written twice (the first write frees NULL)', met: (s, q) => c.threads.some((t) => {
      const l = q.at(t);
      if (l === null) return false;
      if (l.endsWith(':strcmp')) { const d = readerOf(l); return d !== undefined && twice[d.i]! && q.locals(t).ovr !== 0; }
      // With OVERRIDE_MATCH_LOCKED the load and the strcmp are the one step driver_match_device.
      if (!k.has('OVERRIDE_MATCH_LOCKED') || !l.endsWith(':driver_match_device')) return false;
      // A string is set (ovrDrv), as platform_match's load tests: not ovrGen, which a device added
      // again keeps for the old struct's readers (a review, 2026-12-06: mainline read holds where
      // the only match came after the re-add, with no string set; v6.12 read vacuous).
      const d = readerOf(l);
      return d !== undefined && twice[d.i]! && s.dev[d.i]!.ovrDrv !== 0;
    }) });
  } },
  { name: 'deferred-lists', covers: 'S12', applies: (k, c) => (k.hasDeferredWorker || k.w.drivers.some((d) => d.outcomes.includes('defer'))) && !nothingDefers(k, c), make: (k, c) => {
    // driver_bound's own driver_deferred_probe_del, and the steps a user's hunk inserted in
    // really_probe after driver_bound (before that del): inside driver_bound too (a mutation hunt,
    // 2026-12-05: a no-op tracepoint there read as regressed).
    const inBound = new Set(['driver_deferred_probe_del']);
    const ins = userInserts(k, 'really_probe');
    for (let grew = true; grew;) {
      grew = false;
      for (const h of ins) if (!inBound.has(h.label) && ([] as (string | null)[]).concat(h.after).some((a) => a === 'driver_bound' || (a !== 'driver_deferred_probe_del' && a !== null && inBound.has(a)))) { inBound.add(h.label); grew = true; }
    }
    return invariant('deferred-lists',
    'a device on the deferred lists is registered and not bound (except inside driver_bound)', (s, q) => {
      for (let i = 0; i < s.dev.length; i++) {
        const d = s.dev[i]!;
        if (d.deferred === 'none') continue;
        if (!d.registered) return `${k.vn(i)} is on the deferred ${d.deferred} list after device_del removed it (kobject_del done)`;
        if (d.bound && !c.threads.some((t) => { const l = q.at(t); return l !== null && l.startsWith(`really_probe(${k.vn(i)},`) && inBound.has(l.slice(l.lastIndexOf(':') + 1)); })) {
          return `${k.vn(i)} is bound to ${drvName(k, d.driver)} and still on the deferred ${d.deferred} list`;
        }
      }
      return null;
    }, { text: `a device is on a deferred list${chosenForPatch(k, c)}`, met: (s) => someDev(s, (d) => d.deferred !== 'none') });
  } },
  // Only where two removals may meet one struct device (mayDelTwice), and met where a second one is
  // on its way once the first has passed bus_remove_device: a single delete, or deletes of one slot
  // each of a struct of its own (an actor's del, add, del), read holds about nothing (a premise
  // audit, 2026-12-06). kill_device's test is on the way (libnvdimm's fix, kill-del), so it holds there.
  { name: 'single-unregister', covers: 'S13', applies: (k, c) => k.w.devices.some((d) => mayDelTwice(c, d.i)), make: (k, c) => invariant('single-unregister',
    'device_del runs at most once per device (counted where it takes the device off its bus, past kill_device where the profile has one)', (s) => {
      for (let i = 0; i < s.dev.length; i++) if (s.dev[i]!.dels > 1) return `device_del(${k.vn(i)}) ran ${s.dev[i]!.dels} times`;
      return null;
    }, { text: "a second removal of a device (device_del before bus_remove_device, or the test before it: kill_device's, the removal event's, a parent release's or failed probe's) runs once the first has passed bus_remove_device",
      met: (s, q) => k.w.devices.some((d) => s.dev[d.i]!.dels > 0 && someAt(c, q, (l) => secondDel(l, d.name))) }) },
  // Only a driver registered while the scenario runs attaches through __driver_attach's async path.
  { name: 'async-driver', covers: 'S14', applies: (k, c) => k.has('PER_DEVICE_ASYNC_ATTACH') && (c.ops.has('register') || c.ops.has('modprobe') || k.w.drivers.some((d) => d.requestModule >= 0))
    && k.w.drivers.some((d) => !d.present && mayBeAsync(k, d.i) && attachMayFind(k, c, d.i)), make: (k, c) => {
    // Steps a user's hunk inserted in __driver_attach: one the thread is at before its
    // async_schedule_dev (ret still 1, the C's `async`) is inside the window too (a mutation hunt,
    // 2026-12-05: a no-op tracepoint between device_unlock and async_schedule_dev read as regressed).
    const inserted = new Set(userInserts(k, '__driver_attach').map((x) => x.label));
    return action('async-driver',
    k.has('ASYNC_DRIVER_PENDING_CHECK')
      ? 'dev->p->async_driver is written under dev->mutex, and set only while its __driver_attach_async_helper is pending or about to be scheduled (from __driver_attach\'s device_unlock to its async_schedule_dev)'
      // Until the helper cleared it (v5.19 text), async_driver stays set after the helper ran: stale, and harmless, since only a newly scheduled helper reads it after __driver_attach rewrote it.
      : 'dev->p->async_driver is written under dev->mutex', (b, a, m, q) => {
      const me = (c.tidOf.get(m.thread) ?? -1) + 1;
      for (let i = 0; i < a.dev.length; i++) {
        const x = b.dev[i]!, y = a.dev[i]!;
        // (A device added again is a new struct whose async_driver starts NULL: no write.)
        if (x.asyncDriver !== y.asyncDriver && !(x.delStarted && !y.delStarted) && x.mutex !== me && y.mutex !== me) return `${k.vn(i)}->p->async_driver written by ${m.thread} without &dev->mutex(${k.vn(i)})`;
        if (y.asyncDriver === 0 || !k.has('ASYNC_DRIVER_PENDING_CHECK')) continue;
        const n = k.vn(i);
        const ok = c.threads.some((t) => {
          const l = q.at(t);
          if (l === null) return false;
          if (t.startsWith(`kworker/u:async __driver_attach_async_helper(${n})`)) return true;
          if (l.startsWith(`__driver_attach_async_helper(${n})`)) return true; // the sync fallback runs it inline
          if (!l.startsWith(`__driver_attach(${n},`)) return false;
          const at = l.slice(l.lastIndexOf(':') + 1);
          return at === 'device_unlock' || at === 'async_schedule_dev' || (inserted.has(at) && q.locals(t).ret === RET.BOUND);
        });
        if (!ok) return `${n}->p->async_driver = ${drvName(k, y.asyncDriver)} but no __driver_attach_async_helper(${n}) is pending`;
      }
      return null;
    }, { text: 'some dev->p->async_driver is set', met: (s) => someDev(s, (d) => d.asyncDriver !== 0) });
  } },
  // Only a managed link its consumer waits for can be judged (a property audit, 2026-12-05: a
  // scenario whose links were all stateless or linksUnchecked got it by default, vacuous, exit 5).
  // And only where its consumer can be bound in some run (a vacuity hunt, 2026-12-06: a consumer whose
  // only driver's probe always fails or defers exited 5).
  // And only where its supplier may be unbound while the consumer binds: not bound at boot, or
  // released (a property audit, 2026-12-06: a consumer added beside a supplier bound for good read holds).
  { name: 'links-supplier-bound', covers: 'S15', applies: (k, c) => k.has('DEVICE_LINKS') && k.w.links.some((l) => judgedLink(k, c, l)), make: (k, c) => invariant('links-supplier-bound',
    'a bound consumer of a managed device link has a bound supplier (a link added without waiting for the supplier, linksUnchecked, is not judged: the kernel lets such a consumer bind first)', (s) => {
      for (const l of k.w.links) {
        if (s.link[l.i]!.status === 'NONE' || l.unchecked) continue;
        if (s.dev[l.consumer]!.bound && !s.dev[l.supplier]!.bound) return `consumer ${k.vn(l.consumer)} is bound but supplier ${k.vn(l.supplier)} is not (link ${s.link[l.i]!.status})`;
      }
      return null;
    }, noLinks(k) ?? { text: 'a consumer of a managed device link is bound (a link its probe added after the supplier was bound: not linksUnchecked), whose supplier may be unbound (not bound at boot, or released)',
      met: ((judged: LinkInfo[]) => (s: KS) => judged.some((l) => s.link[l.i]!.status !== 'NONE' && s.dev[l.consumer]!.bound))(k.w.links.filter((l) => judgedLink(k, c, l))) }) },
  // Checked only when named: a claim about the text read (core.c of 6.6.y for mainline), see docs/scenarios.md, "Properties".
  { name: 'links-no-warn', covers: 'S15 (the WARN_ONs of the managed-link automaton; checked only when named)', applies: () => false, make: (k) => action('links-no-warn',
    'the device-links code reaches none of its WARN_ONs on link status: device_links_driver_bound finds each link to a supplier CONSUMER_PROBE and each link to a consumer DORMANT (or CONSUMER_PROBE/ACTIVE, which it skips since 15cfb0941603); device_links_driver_cleanup finds each link to a consumer SUPPLIER_UNBIND and none with DL_FLAG_AUTOREMOVE_CONSUMER; device_links_missing_supplier and __device_links_no_driver find no CONSUMER_PROBE or ACTIVE link to a supplier that is not DL_DEV_DRIVER_BOUND (8c3e315d4296; no link of a scenario is SYNC_STATE_ONLY; with LINKS_NO_DRIVER_UNBINDING_QUIET (mainline, codina-v7) the one in __device_links_no_driver is skipped while the supplier is DL_DEV_UNBINDING, the one in device_links_missing_supplier is not); device_links_purge finds no ACTIVE link to a supplier and every link to a consumer DORMANT or NONE', (b, a, m) => {
      // device_links_purge(dev), in device_del's kobject_del step, or, on profiles without
      // LINKS_PURGE_AFTER_UNBIND (v4.14), in a step of its own before bus_remove_device
      // (device-del.ts; a patch hunt, 2026-12-05: at v4.14 it was never judged): WARN_ON(link->status == DL_STATE_ACTIVE) for each link to a supplier,
      // WARN_ON(link->status != DL_STATE_DORMANT && != DL_STATE_NONE) for each to a consumer (an
      // audit, 2026-12-04: a deleted supplier's bound consumer). Those two at every core.c read with
      // device links (device-del.ts PURGE_WARN, purgeWarns; the purge steps cite device_links_purge's
      // lines: the two WARN_ONs are core.c@torvalds@e7dd40105aac:835,840-841 at v5.1; test/kernel/links.test.ts holds them).
      const purged = /^device_del\(([^)]+)\)(#\d+)?:(kobject_del|device_links_purge)$/.exec(m.label)?.[1];
      for (const l of k.w.links) {
        if (l.stateless) continue;
        const was = b.link[l.i]!.status, sup = b.dev[l.supplier]!, con = l.consumer;
        if (was === 'NONE') continue;
        if (purged !== undefined && a.link[l.i]!.status === 'NONE') {
          if (purged === k.vn(con) && purgeWarns('suppliers', was)) return `WARN_ON in device_links_purge(${k.vn(con)}): its link to supplier ${k.vn(l.supplier)} is ACTIVE`;
          if (purged === k.vn(l.supplier) && purgeWarns('consumers', was)) return `WARN_ON in device_links_purge(${k.vn(l.supplier)}): its link to consumer ${k.vn(con)} is ${was}, not DORMANT or NONE`;
          continue;
        }
        // Binding and unbinding are the steps that set and clear `bound` (driver_bound; the release's devres step).
        // Each WARN_ON's condition is paths/links.ts's (LINK_WARN, held to core.c's text by test/kernel/links.test.ts).
        // The WARN_ON of each loop sits after its skips, before the status it writes (ACTIVE, AVAILABLE):
        // a link the step left otherwise was skipped, by a user's patch (15cfb0941603 written on
        // v5.0: a history hunt, 2026-12-06, read its skip as the WARN it removes, `still violated`).
        if (!b.dev[con]!.bound && a.dev[con]!.bound && a.link[l.i]!.status === 'ACTIVE' && boundWarns(k, 'suppliers', was)) {
          return `WARN_ON in device_links_driver_bound(${k.vn(con)}): its link to supplier ${k.vn(l.supplier)} is ${was}, not CONSUMER_PROBE (it becomes ACTIVE)`;
        }
        // The skip 15cfb0941603 put before the consumers loop's WARN_ON shows in the write too (a link it
        // skips is left CONSUMER_PROBE/ACTIVE), so it is judged by the write, not the profile's flag: a
        // user's revert of the skip on v5.4 read `still holds` where its AVAILABLE write WARNs (a review, 2026-12-06).
        if (!sup.bound && a.dev[l.supplier]!.bound && a.link[l.i]!.status === 'AVAILABLE' && boundWarns(WRITE_SHOWS_TEXT, 'consumers', was)) {
          return `WARN_ON in device_links_driver_bound(${k.vn(l.supplier)}): its link to consumer ${k.vn(con)} is ${was}, not DORMANT (it becomes AVAILABLE)`;
        }
        if (sup.bound && !a.dev[l.supplier]!.bound) {
          // Its first WARN_ON: a consumer's unbind deletes such a link (__device_links_no_driver).
          if (cleanupWarns(!!l.autoremove, 'SUPPLIER_UNBIND')) return `WARN_ON in device_links_driver_cleanup(${k.vn(l.supplier)}): its link to consumer ${k.vn(con)} (${was}) has DL_FLAG_AUTOREMOVE_CONSUMER`;
          if (cleanupWarns(false, was)) return `WARN_ON in device_links_driver_cleanup(${k.vn(l.supplier)}): its link to consumer ${k.vn(con)} is ${was}, not SUPPLIER_UNBIND (it becomes DORMANT)`;
          continue;
        }
        // Elsewhere only device_links_missing_supplier turns an AVAILABLE link DORMANT: within the one
        // step of device_links_check_suppliers, which marked it CONSUMER_PROBE first (linksMissingSupplier).
        if (was === 'AVAILABLE' && a.link[l.i]!.status === 'DORMANT' && dormantWarns('missingSupplier', 'CONSUMER_PROBE', driverBound(b, l.supplier))) {
          // 36d74f17e03f's DL_DEV_UNBINDING term is in __device_links_no_driver only: this WARN_ON has
          // none at any core.c read, mainline's (10864921212f) included. Said where the run has the flag,
          // so that a developer who read "mainline has the fix" does not take this for its WARN (s51 h5).
          const quiet = k.has('LINKS_NO_DRIVER_UNBINDING_QUIET') && sup.bound && sup.linksUnbinding
            ? `; 36d74f17e03f (LINKS_NO_DRIVER_UNBINDING_QUIET, in this run) skips only __device_links_no_driver's WARN_ON: this one has no DL_DEV_UNBINDING test (core.c@${k.sources['drivers/base/core.c']}:device_links_missing_supplier)` : '';
          return `WARN_ON in device_links_missing_supplier(${k.vn(con)}): its link to ${k.vn(l.supplier)}, marked CONSUMER_PROBE, goes DORMANT while ${k.vn(l.supplier)} is ${sup.bound ? 'unbinding (DL_DEV_UNBINDING)' : 'not bound'}${quiet}`;
        }
        // __device_links_no_driver(consumer): a link to a supplier that is not DL_DEV_DRIVER_BOUND goes DORMANT.
        // The supplier's own failed probe (device_links_no_driver resets its links to its consumers,
        // no WARN) is told apart by whose block moved: a consumer's failed probe or unbind while its
        // supplier still probes WARNs (an audit, 2026-12-04: both were taken for the first).
        if (a.link[l.i]!.status !== 'DORMANT' || !dormantWarns('noDriver', was, driverBound(b, l.supplier))) continue;
        // Codina's v7 posting, merged as 36d74f17e03f (the codina-v7 patch): no WARN while the supplier is DL_DEV_UNBINDING.
        if (k.has('LINKS_NO_DRIVER_UNBINDING_QUIET') && sup.bound && sup.linksUnbinding) continue;
        if (/^\w+\(([^,)]+)/.exec(m.label)?.[1] === k.vn(l.supplier)) continue;
        // The merged fix is later than the core.c of every profile without the flag (mainline's has it
        // since it reads 10864921212f, s51 h3): the WARN says which release drops it (s49 h3).
        const fixed = sup.bound && sup.linksUnbinding ? "; 36d74f17e03f (v7.2, 6.18.53) skips this WARN_ON, later than this profile's core.c: --param patches=codina-v7 checks with it" : '';
        return `WARN_ON in __device_links_no_driver(${k.vn(con)}): its ${was} link to ${k.vn(l.supplier)} goes DORMANT while ${k.vn(l.supplier)} is ${sup.bound ? 'unbinding (DL_DEV_UNBINDING)' : 'not bound'}${fixed}`;
      }
      return null;
      // Named on a scenario without managed links (it does not apply there): vacuous, not an E101
      // for a watched field the state lacks (found by a fuzzer, 2026-12-04).
    // A run in which no managed link is ever made says nothing of their WARN_ONs (a property audit, 2026-12-05: it read holds).
    }, noLinks(k) ?? (k.w.links.some((l) => !l.stateless) ? { text: 'a managed device link exists (its status leaves NONE)', met: (s) => k.w.links.some((l) => !l.stateless && s.link[l.i]!.status !== 'NONE') } : { text: 'the scenario has a managed device link', met: () => false }),
    k.w.links.length > 0 ? ['link[*].status', 'dev[*].bound'] : ['dev[*].bound']) },
  // Only a link two deletes may meet (mayDeleteTwice): one driver adding and deleting its own link,
  // with no purge beside it, read holds about nothing (a premise audit, 2026-12-06).
  { name: 'links-single-delete', covers: 'S15 (B16)', applies: (k, c) => k.has('DEVICE_LINKS') && k.w.links.some((l) => mayDeleteTwice(k, c, l)), make: (k, c) => invariant('links-single-delete',
    'a stateless device link is deleted at most once (no list_del of a link already deleted and freed; managed links are not counted)', (s) => {
      for (const l of k.w.links) {
        const x = s.link[l.i]!;
        if (x.dels <= 1) continue;
        // Only a driver whose probe may bind has a ->remove: one that always fails leaves its link to
        // the purge (s43 h8: a failed boot probe's link read "both ->remove" with its driver named).
        const by = k.w.drivers.filter((d) => d.statelessLinks.includes(l.i) && d.outcomes.includes('ok')).map((d) => d.name);
        const link = `device link ${k.vn(l.consumer)} -> ${k.vn(l.supplier)} deleted ${x.dels} times`;
        // With the kref (ead18c23c263) two adds take two references: two ->remove puts free it once.
        if (by.length > 1 && !k.has('LINK_KREF')) return `${link}: ${by.join(' and ')} both got it from device_link_add and both ->remove called device_link_del (list_del of a freed link)`;
        return `${link}: __device_link_del ran on it again after it was freed (${by.join(' and ')}'s ->remove ${by.length > 1 ? 'call' : 'calls'} device_link_del; device_del's device_links_purge deletes every link left at a device, whatever its references)`;
      }
      return null;
    }, noLinks(k) ?? { text: "a stateless device link is deleted that a second delete may meet: two drivers' ->remove, or one and device_del's purge of either end (deletes of managed links are not counted)",
      met: ((twice: LinkInfo[]) => (s: KS) => twice.some((l) => s.link[l.i]!.dels > 0))(k.w.links.filter((l) => mayDeleteTwice(k, c, l))) }) },
  // Only where another driver may bind the device unbound: with one driver it can only release the
  // one named (a property audit, 2026-12-06: B11's unbind of a device with one driver read holds).
  { name: 'unbind-releases-named', covers: 'S1 (sysfs unbind)', applies: (k, c) => k.w.devices.some((d) => unbindMayMiss(k, c, d.i)), make: (k, c) => action('unbind-releases-named',
    '`echo dev > drvA/unbind` releases only drvA: never a driver bound after unbind_store checked dev->driver', (b, a, m, q) => {
      const before = view(k, c, b, q), after = view(k, c, a, q);
      for (const d of after.devices) {
        const was = before.dev(d.name).driver;
        if (was !== null && d.driver === null && d.unbindFor !== null && d.unbindFor !== was) {
          return `${m.thread}'s unbind_store for ${d.unbindFor} released ${was} from ${d.name} (${m.label}): ${was} was bound after unbind_store checked dev->driver == ${d.unbindFor} without the lock`;
        }
      }
      return null;
    }, { text: 'an unbind_store holds the device lock, of a device another driver than the one named may bind', met: ((miss: boolean[]) => (s: KS) => someDev(s, (d, i) => d.unbindOf !== 0 && miss[i]!))(k.w.devices.map((d) => unbindMayMiss(k, c, d.i))) },
    // It fails only on a move that clears some dev->driver.
    ['dev[*].driver']) },
  // Its situation needs two drivers of one device, one of them async (with one, it is no-missed-probe).
  // Its premise is a request __driver_attach's async branch records (DevS.asked, paths/driver-attach.ts),
  // so only where a registration walk of an async driver of a device with two drivers was built, or
  // a patch of yours (a sweep, 2026-12-06: sysfs-bind's async race, both drivers registered at boot
  // and no walk, read vacuous from v5.1).
  { name: 'async-handover', covers: 'L4 (async __driver_attach)', applies: (k, c) => k.has('PER_DEVICE_ASYNC_ATTACH') && k.w.devices.some((d) => d.drivers.length > 1
    && d.drivers.some((x) => mayBeAsync(k, x) && k.w.buses[k.w.drivers[x]!.bus]!.autoprobe && (k.userPatched || builtBlock(c, `__driver_attach(${k.vn(d.i)},${k.dn(x)})`)))),
    make: (k, c) => {
      /** A driver whose async __driver_attach matched a device, never tried on it, the device unbound and live. */
      const dropped = (s: KS, q: Query): string | null => {
        const v = view(k, c, s, q);
        for (const d of v.devices) {
          // A deferred device is retried through __device_attach, which walks every driver: no-lost-deferral's business.
          if (d.driver !== null || d.bound || !d.registered || !d.onBus || d.dead || d.delStarted || d.deferred !== 'none') continue;
          for (const r of d.askedBy) {
            if (!v.drv(r).registered) continue;
            // Not dropped but stuck: the helper runs (in a kworker, or inline as the sync fallback)
            // and never gets to probe (before 70fe758352ca the fallback waits for the lock its own
            // __driver_attach holds: a review, 2026-12-06, read that deadlock as a dropped request).
            const helper = v.threads.find((t) => t.at !== null && t.at.startsWith(`__driver_attach_async_helper(${d.name})`));
            if (helper) return `${r}'s async attach matched ${d.name}; its __driver_attach_async_helper(${d.name}) in ${helper.name} stops at ${helper.at} and never tries ${r}, so ${d.name} stays unbound`;
            return `${r}'s async attach matched ${d.name}, but ${r} is never tried on it and ${d.name} stays unbound`;
          }
        }
        return null;
      };
      return leadsToGone('async-handover',
        "a driver whose async __driver_attach matched a device is tried on it (its probe starts), or the device ends bound: no attach request is silently dropped (weak fairness; strong for mutex waits from v5.15)",
        dropped, "a registered driver's async attach matched an unbound device");
    } },
  // device_shutdown (paths/device-shutdown.ts): a ->shutdown() runs under the device's lock, and
  // once the walk has passed a device (or returned) nothing probes it (3297c8fc65af's
  // device_block_probing: before it, v4.14, a driver registered during the walk probes a device
  // the walk has already shut down).
  // Both only where something can race the walk: a probe anywhere (no-probe-after-shutdown), or a
  // probe, a release or a parent's lock of the device shut down (shutdown-exclusive); a property
  // audit, 2026-12-06: an unbind racing reboot, with nothing to probe, read holds for both.
  { name: 'no-probe-after-shutdown', covers: '3297c8fc65af', applies: (k, c) => c.ops.has('device_shutdown') && k.w.devices.some((d) => mayProbe(k, c, d.i)), make: (k, c) => action('no-probe-after-shutdown',
    "no driver's probe() starts on a device device_shutdown's walk has shut down, nor once device_shutdown has returned (what reboot and poweroff then cut off)", (b, a, m) => {
      for (let i = 0; i < a.dev.length; i++) {
        if (!probeStarts(b, a, i)) continue;
        if (b.dev[i]!.shutDown) return `probe(${k.vn(i)}) by ${drvName(k, a.dev[i]!.driver)} started in ${m.thread} after device_shutdown shut ${k.vn(i)} down`;
        if (b.shutdownReturned) return `probe(${k.vn(i)}) by ${drvName(k, a.dev[i]!.driver)} started in ${m.thread} after device_shutdown returned`;
      }
      return null;
    }, { text: "device_shutdown's walk shuts a device down, in a scenario where some device may be probed", met: ((any: boolean) => (s: KS) => any && someDev(s, (d) => d.shutDown === true))(k.w.devices.some((d) => mayProbe(k, c, d.i))) }, ['dev[*].probing']) },
  { name: 'shutdown-exclusive', covers: 'd1c6c030fcec', applies: (k, c) => c.ops.has('device_shutdown') && k.w.devices.some((d) => shutdownMayMeet(k, c, d.i)), make: (k, c) => action('shutdown-exclusive',
    "device_shutdown never calls a device's ->shutdown() while its probe() or remove() runs (it holds the device's lock, d1c6c030fcec), and on a need_parent_lock bus calls it holding the parent's lock too", (b, a, m) => {
      for (let i = 0; i < a.dev.length; i++) {
        const x = b.dev[i]!;
        if (x.shutDown || !a.dev[i]!.shutDown) continue;
        if (x.probing || x.removing) return `device_shutdown called ${k.vn(i)}'s ->shutdown() in ${m.thread} while its ${x.probing ? `probe() runs in ${who(k, x.probing)}` : `remove() runs in ${who(k, x.removing)}`}`;
        // The parent's lock matters where the bus needs it (USB: ba6353748e71, reverted with its
        // series, kept it only there); no path of the model runs under it alone, so without this
        // a patch that drops it from the walk read 'still holds' (a mutation hunt, 2026-12-05).
        const d = k.w.devices[i]!, pm = d.parent >= 0 ? a.dev[d.parent]!.mutex : 0, old = d.parent >= 0 ? a.dev[d.parent]!.oldMutex : 0;
        if (d.parent >= 0 && k.w.buses[d.bus]!.needParentLock && who(k, pm) !== m.thread && (old === 0 || who(k, old) !== m.thread)) {
          return `device_shutdown called ${k.vn(i)}'s ->shutdown() in ${m.thread} without &dev->mutex(${k.vn(d.parent)}) (held by ${who(k, pm)}), on a need_parent_lock bus`;
        }
      }
      return null;
    }, { text: "device_shutdown's walk shuts down a device that may be probed or released, or whose bus needs its parent's lock", met: ((meet: boolean[]) => (s: KS) => someDev(s, (d, i) => d.shutDown === true && meet[i]!))(k.w.devices.map((d) => shutdownMayMeet(k, c, d.i))) },
    // dev[*].shutDown is in the state only where an actor runs device_shutdown (kernelSchema): named
    // elsewhere the property watches nothing and is vacuous (a hunt, s38 h12: it was E101 there).
    k.shutdown ? ['dev[*].shutDown'] : undefined) },
  // What it judges at the return, with every other actor finished, is an async entry pending or a
  // probe in flight that is not the deferred work's: only an async entry's thread can leave either
  // (a work_on_cpu kworker's or request_module's modprobe's probe runs while its caller waits for
  // it: an actor that is not finished, an async entry still pending, or the deferred work). So it
  // is chosen only where an async entry was built, and met where the wait meets one of them with
  // the other actors finished; without, it read holds about nothing (a premise audit, 2026-12-06:
  // v3.5, with no async probing, beside a deferral only the deferred work retries).
  // The wait is judged in every caller, not only the action: device_shutdown's (v4.19 on) and
  // device_links_unbind_consumers' run the same function (a premise review, 2026-12-06: a patch
  // dropping its async_synchronize_full beside device_shutdown read still holds by default). And
  // only where an entry may outlive the actor's call that queued it (asyncOutlives): a modprobe of
  // a module without async_probe syncs its entries before it returns, and beside one the wait read
  // vacuous by default (exit 5; the same review).
  { name: 'wait-for-probe', covers: 'wait_for_device_probe', applies: (_k, c) => builtBlock(c, 'wait_for_device_probe') && c.asyncThreads.size > 0 && c.asyncOutlives, make: (k, c) => action('wait-for-probe',
    'when wait_for_device_probe() returns and every other actor has finished, no async entry is pending and no probe is in flight but one the deferred-probe work started. '
    + 'Its code (every dd.c read): wait_event(probe_count == 0), then async_synchronize_full(); since 013c074f8642 (v4.5) flush_work(deferred_probe_work) first, '
    + 'and v5.7 .. v5.18 (35a672363ab3 until 5ee76c256e92) wait for the deferred-probe timeout before all that. '
    + 'So deferred work queued after that flush (a probe that binds during the wait triggers it), or at all before v4.5, is not waited for', (b, a, m, q) => {
      // Judged where the call returns: the move out of it, after the steps a user's hunk may add
      // behind async_synchronize_full (a mutation hunt, 2026-12-05: its wait moved into a step of
      // its own just after it read as regressed).
      const call = waitCall(m.label);
      if (call === null || waitCall(q.at(m.thread)) === call) return null;
      const v = view(k, c, a, q);
      if (!othersDone(v, m.thread)) return null;
      // The deferred work's probe may run in a work_on_cpu kworker (PCI): its caller is the work.
      const busy = v.devices.filter((d) => d.probingIn !== null && d.probeCaller !== DEFERRED_WORKER).map((d) => `${d.name} (probe() in ${d.probingIn})`);
      if (busy.length || v.asyncPending > 0) {
        return `wait_for_device_probe() returned in ${m.thread} with ${[...busy, ...(v.asyncPending ? [`${v.asyncPending} async entries pending`] : [])].join(', ')}`;
      }
      return null;
    }, { text: "wait_for_device_probe runs, with every other actor finished, while an async entry is pending or a probe that is not the deferred work's is in flight",
      met: (s, q) => {
        if (s.asyncPending === 0 && !someDev(s, (d) => d.probing !== 0)) return false;
        const v = view(k, c, s, q);
        return (v.asyncPending > 0 || v.devices.some((d) => d.probingIn !== null && d.probeCaller !== DEFERRED_WORKER))
          && v.threads.some((t) => t.actor && waitCall(t.at) !== null && othersDone(v, t.name));
      } }) },
  // Devices bound from the start wait for a driver only after an actor releases them; those released
  // on purpose, only for drivers registered since (see missed()). (On a bus that does not autoprobe
  // only a sysfs bind binds: nothing is missed there.)
  // A device bound at boot is unbound only by a release, on purpose (DevS.released: k.releasable),
  // and is then owed a probe only by a driver whose bus_add_driver walk starts later (it sets
  // DevS.owed), by a drivers_probe of it (since s36 h10: every driver on the bus then) or as a new
  // struct, added again (device_add clears the ghosts): where no thread was built with any, it is
  // never missed (a vacuity hunt, 2026-12-06: B11's fixed reader beside an unbind, and an unbind
  // then a bind, exited 5 on every profile; a review, 2026-12-06: an unbind then a drivers_probe
  // that a patch makes skip the device was left out of the default choice). A driver that needs a device no
  // run can bind never has what it needs.
  // A device bound at boot and added again (`del`, `add`) is a new struct, judged as any unbound
  // device whether or not k.releasable has it; one let go otherwise (its only driver unregistered)
  // is owed a probe by a driver registered since (DevS.owed): a review, 2026-12-06, found a
  // re-added boot-bound device missed at v3.5 (device_add beside its driver's re-registration)
  // with no-missed-probe not chosen.
  // A device no run registers (not present, added by no actor, registered by no probe or scan) is
  // never on its bus: deferred-probe's timeout walk declares pwm and never adds it (a sweep, 2026-12-06).
  { name: 'no-missed-probe', covers: 'L4', applies: (k, c) => k.w.devices.some((d) => k.w.buses[d.bus]!.autoprobe && mayExist(k, c, d.i)
    && (d.boundTo < 0 || builtBlock(c, `device_add(${d.name})`) || (mayRelease(c, d.name) && (probeWriteMayFollowRelease(c, d.name) || d.drivers.some((x) => builtBlock(c, `bus_add_driver(${k.dn(x)})`)))))
    && (k.has('BUS_LIST_BEFORE_PROBE') || lateListMayMiss(k, c, d))
    && d.drivers.some((x) => k.w.drivers[x]!.outcomes.every((o) => o === 'ok') && k.w.drivers[x]!.needs.every((n) => mayBind(k, c, n)))),
    make: (k, c) => leadsToGone('no-missed-probe',
      'a registered device with a registered matching driver (whose probe would succeed) does not stay unprobed forever (weak fairness; strong for mutex waits from v5.15)',
      missedIn(k, c), 'a registered device, unbound and on no deferred list, waits for a registered matching driver whose probe would succeed') },
  // Chosen where some driver may defer a device for a reason the model has: what it `needs`, or a
  // managed link of the device to a supplier that may be unbound when it probes (device_links_check_suppliers).
  { name: 'no-lost-deferral', covers: 'L1', applies: (k, c) => k.hasDeferredWorker && !nothingDefers(k, c) && (() => {
      const links = consumerLinks(k);
      // A retry is owed only once everything the driver needs is bound: not where a device it needs
      // is never bound in any run (deferred-probe's timeout walk: pwm never added; a sweep, 2026-12-06).
      // Not chosen for a match deferral your hunk may end (matchYours) alone: whether the hunk ever
      // lets the match succeed is not known at build, and 25e9fbf0fd38 backported by hand (return
      // after the add, the upstream fix) read violated by default (a review, s40 h9). Named, it is
      // judged; a model note says so (scenario.ts).
      return k.w.devices.some((d) => d.drivers.some((x) => owedRetry(k, links, d.i, x) && k.w.drivers[x]!.needs.every((n) => mayBind(k, c, n)) && !retryNeverOwed(k, c, d.i, x)
        && (k.w.drivers[x]!.needs.length > 0 || links[d.i]!.some((l) => mayBeUnbound(k, c, l.supplier)) || k.userDefers === true)));
    })(),
    make: (k, c) => {
      const links = consumerLinks(k);
      return leadsToGone('no-lost-deferral',
        'a device on the deferred list whose driver has everything it needs is probed again: it does not stay there forever (weak fairness; strong for mutex waits from v5.15)',
        (s) => lostDeferral(k, s, links), `a deferred device has everything its driver needs (what it \`needs\` bound, its links to suppliers AVAILABLE)${chosenForPatch(k, c)}`);
    } },
  { name: 'actors-terminate', covers: 'L5', applies: () => true, make: (k, c) => {
    // The actors, and the kernel threads that run one call each (the timeout work, a work_on_cpu
    // kworker, request_module's modprobe): a hang there is a hang too, and the text says so (a
    // property audit, 2026-12-05: it said "an actor" only).
    const actors = c.threads.filter((t) => !c.asyncThreads.has(t) && t !== DEFERRED_WORKER);
    // An unfair actor stopped before an action is in no call: nothing of it is left to return. (So
    // "some actor is in a call leads to none is", not "eventually none is": an unfair actor's
    // later action may start, and hang, after a state where none was in a call.)
    const running = (q: Query) => actors.filter((t) => { const l = q.at(t); return l !== null && !l.endsWith(':remove_event') && !c.stopsAt.get(t)?.has(l); });
    return {
      kind: 'leads-to', name: 'actors-terminate',
      description: "device_add/del, driver (un)register, modprobe/rmmod, the sysfs stores, wait_for_device_probe and device_shutdown all return, and so do the timeout work, work_on_cpu's kworkers and request_module's modprobe (weak fairness; strong for mutex waits from v5.15)",
      from: (_s: KS, q: Query) => running(q).length > 0, to: (_s: KS, q: Query) => running(q).length === 0,
      premiseText: "an actor (or the timeout work, a work_on_cpu kworker, request_module's modprobe) is in a call",
      explain: (_s: KS, q: Query) => `${running(q).map((t) => `${t} (at ${q.at(t)})`).join(', ')} never returns`,
    };
  } },
  { name: 'quiescence', covers: 'L2', applies: (k) => k.hasDeferredWorker, make: () => ({
    kind: 'quiescent', name: 'quiescence', description: 'every fair run ends with no probe running, no async entry pending and the deferred-probe work idle (no re-probe loop)',
    quiet: (s: KS) => s.probeCount === 0 && s.asyncPending === 0 && !s.deferredWorkQueued && !s.deferredWorkRunning,
    explain: (s: KS) => `it never settles (a loop, or a run that stops here): probe_count ${s.probeCount}, async entries ${s.asyncPending}, deferred work ${s.deferredWorkQueued ? 'queued' : s.deferredWorkRunning ? 'running' : 'idle'}`,
  }) },
  { name: 'sibling-probes-concurrent', covers: 'B12 (a reachability question, checked only when named)', applies: () => false, make: (k) => ({
    kind: 'sometimes', name: 'sibling-probes-concurrent', description: 'two children of one parent can be inside probe() at the same time, in different threads',
    holds: (s: KS) => k.w.devices.some((a) => a.parent >= 0 && k.w.devices.some((b) => b.i > a.i && b.parent === a.parent
      && s.dev[a.i]!.probing !== 0 && s.dev[b.i]!.probing !== 0 && s.dev[a.i]!.probing !== s.dev[b.i]!.probing)),
    // Unreachable only says something where a sibling could probe too: a child in probe() while a
    // sibling has a registered matching driver.
    from: (s: KS) => k.w.devices.some((a) => a.parent >= 0 && s.dev[a.i]!.probing !== 0 && k.w.devices.some((b) => b.i !== a.i && b.parent === a.parent
      && b.drivers.some((x) => s.drv[x]!.onBus))),
    premiseText: 'a child is inside probe() while a sibling has a registered matching driver',
  }) },
  { name: 'no-deadlock', covers: 'L3', applies: () => true, make: () => ({ kind: 'deadlock', name: 'no-deadlock', description: 'some thread can always move (waits are printed lockdep-style)' }) },
];

export const PROPERTY_NAMES = LIBRARY.map((p) => p.name);
