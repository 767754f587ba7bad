/**
 * The kernel state as properties read it: names, not indices; read-only; typed. The library's
 * properties and users' `defineProperty` properties see the same view. It is a thin layer of
 * getters over one state (nothing is copied), built once per state buffer and read live.
 *
 * Threads: the scenario's actors by their names; the kernel's own threads by theirs
 * (`kworker/u:async __device_attach_async_helper(dc)#1`, `kworker deferred_probe_work_func`, ...),
 * as traces print them.
 */
import { requestModprobeThread, workOnCpuThread } from './paths/probe-body.js';
import { deferredList } from './paths/klist.js';
import type { Query } from '../engine/model.js';
import type { Kernel } from './emit.js';
import { driverBit, holdsMutex, type KS } from './state.js';
import { PATCH_FIELDS } from './strict-view.js';

/** One device (`struct device` and its `device_private`). */
export interface DeviceView {
  /** The device's name in the scenario. */
  readonly name: string;
  /** The bus it is on. */
  readonly bus: string;
  /** Its parent device, or null. */
  readonly parent: string | null;
  /** `dev->driver`: the driver's name, or null (NULL). Set by really_probe before probe() runs. */
  readonly driver: string | null;
  /** On its driver's klist of devices: driver_bound has run (probe() returned 0) and no release since. */
  readonly bound: boolean;
  /** device_add has made it known (registered) and device_del has not unregistered it. */
  readonly registered: boolean;
  /** On the bus's klist of devices (bus_add_device .. bus_remove_device): driver_attach can find it. */
  readonly onBus: boolean;
  /** device_add has passed device_pm_add: it may be probed. */
  readonly ready: boolean;
  /** `dev->p->dead`: kill_device has run. */
  readonly dead: boolean;
  /** `dev->p->async_driver`: the driver an async __driver_attach handed it to, or null. */
  readonly asyncDriver: string | null;
  /** Its place on the deferred-probe lists: not on them, pending, or active (being retried). */
  readonly deferred: 'none' | 'pending' | 'active';
  /** The thread holding `dev->mutex` (device_lock), or null. */
  readonly lockedBy: string | null;
  /** The thread inside `drv->probe(dev)`, or null. */
  readonly probingIn: string | null;
  /**
   * The thread whose call started that probe: `probingIn`, or, while a `work_on_cpu` kworker runs
   * it (PCI's local_pci_probe), the thread waiting for that kworker in flush_work, or, while the
   * modprobe request_module started runs it (the loaded module's driver_attach), the thread
   * waiting in that request_module; followed up to the first thread no one waits for.
   */
  readonly probeCaller: string | null;
  /** The thread inside `drv->remove(dev)`, or null. */
  readonly removingIn: string | null;
  /** device_del has started on it (past kill_device where the profile has it). */
  readonly delStarted: boolean;
  /** device_del has returned. */
  readonly delDone: boolean;
  /** The driver named by the sysfs unbind_store (`echo dev > drv/unbind`) whose thread holds its lock, or null. */
  readonly unbindFor: string | null;
  /** Drivers whose async __driver_attach matched it and that have not been tried on it since (async-handover). */
  readonly askedBy: readonly string[];
  /**
   * The deferred_trigger_count snapshot of the probe in flight on it: `none`, `taken`, or
   * `stale` (a trigger ran since, so really_probe re-triggers if the probe defers). Kept only
   * for probes that can defer (otherwise `none`); profiles before v3.15 have no snapshot.
   */
  readonly triggerSnapshot: 'none' | 'taken' | 'stale';
  /**
   * device_shutdown's walk has taken it off devices_kset and run its `->shutdown()` (under its
   * lock); false again if it is added anew. Always false where no actor runs `device_shutdown`.
   */
  readonly shutDown: boolean;
  /** The fields your patches add to devices (`state: { dev: {...} }`), by name; empty without them. */
  readonly patch: Readonly<Record<string, boolean | number>>;
}

/** One driver (`struct device_driver`). */
export interface DriverView {
  /** The driver's name in the scenario. */
  readonly name: string;
  /** The bus it registers on. */
  readonly bus: string;
  /** The module it belongs to, or null (built in). */
  readonly module: string | null;
  /** The devices it matches (the bus match(), without driver_override). */
  readonly matches: readonly string[];
  /** As declared: 'default', 'async' (PROBE_PREFER_ASYNCHRONOUS) or 'sync'. */
  readonly probeType: 'default' | 'async' | 'sync';
  /** On the bus's klist of drivers: driver_register has put it there and bus_remove_driver not taken it off. */
  readonly registered: boolean;
  /** driver_unregister has returned. */
  readonly unregistered: boolean;
  /** Sysfs bind/unbind stores running inside its files (kernfs active references). */
  readonly storesActive: number;
  /** The fields your patches add to drivers (`state: { drv: {...} }`), by name. */
  readonly patch: Readonly<Record<string, boolean | number>>;
}

/** One module. */
export interface ModuleView {
  /** The module's name in the scenario (`modprobe NAME`). */
  readonly name: string;
  /**
   * `mod->state`; FREED once free_module has run (until a later modprobe loads it again: COMING);
   * FREEING between free_module's two module_mutex regions, UNFORMED and still listed (a state of
   * its own only before v5.3, where a load waits for it and not for GOING: paths/module.ts unformedWindow).
   */
  readonly state: 'UNFORMED' | 'COMING' | 'LIVE' | 'GOING' | 'FREED' | 'FREEING';
  /** Module reference count. */
  readonly refcnt: number;
  /** Loaded with async_probe (the module parameter). */
  readonly asyncProbe: boolean;
  /** Async entries scheduled during its init and not finished yet. */
  readonly initPending: number;
}

/** A device link of the scenario (a driver's `links` or `statelessLinks`), as core.c keeps it. */
export interface LinkView {
  readonly consumer: string;
  readonly supplier: string;
  /** Added with DL_FLAG_STATELESS (the driver's `statelessLinks`): the core keeps no status for it. */
  readonly stateless: boolean;
  /** The link exists: added and not deleted since (for a stateless one: some reference is held). */
  readonly exists: boolean;
  /** link->status (DL_STATE_*) of a managed link: NONE while it does not exist; NONE for a stateless one. */
  readonly status: 'NONE' | 'DORMANT' | 'AVAILABLE' | 'CONSUMER_PROBE' | 'ACTIVE' | 'SUPPLIER_UNBIND';
}

/** One thread of the model. */
export interface ThreadView {
  /** The thread's name, as traces print it. */
  readonly name: string;
  /**
   * The label of the step it runs next (`bind_store(dc,drv):device_lock`), or null when it has no
   * step to run: an async entry or work item not yet scheduled, or a thread that ended. A thread
   * that is waiting is at the step it waits in: an actor that has not begun at its first step (a
   * `del`'s `remove_event`), the deferred-probe kworker between works at `process_one_work`.
   */
  readonly at: string | null;
  /** A scenario actor (not a thread the kernel starts). */
  readonly actor: boolean;
  /** An async_schedule entry (kworker/u:async ...). */
  readonly async: boolean;
  /** Devices whose mutex it holds. */
  readonly holds: readonly string[];
  /**
   * It is at a step of kernel function `fn`: the function its label names. A label names the
   * innermost function only (callees are inlined), so a thread in __device_release_driver called
   * from unbind_store is at __device_release_driver, not at unbind_store. A name no step of the
   * model is labelled in is false in every state: the run says so after the search (define-property.ts insideNotes).
   */
  inside(fn: string): boolean;
  /** The locals your patches add (`state: { thread: {...} }`), by name: false / 0 outside the steps that set them. */
  readonly patch: Readonly<Record<string, boolean | number>>;
}

/** The whole state. Unknown names in dev()/drv()/module()/thread() throw, naming the known ones. */
export interface KernelView {
  /** The profile (and patches) the model was built for. */
  readonly profile: string;
  /** Every device of the scenario, in declaration order. */
  readonly devices: readonly DeviceView[];
  /** Every driver, in declaration order (the bus's klist order). */
  readonly drivers: readonly DriverView[];
  /** Every module. */
  readonly modules: readonly ModuleView[];
  /** Every thread: actors first, then the kernel's async workers, kworkers and the deferred-probe worker. */
  readonly threads: readonly ThreadView[];
  /** Every device link the scenario's drivers may add (status NONE until added; none before v4.10). */
  readonly links: readonly LinkView[];
  /** The device named `name`. */
  dev(name: string): DeviceView;
  /** The driver named `name`. */
  drv(name: string): DriverView;
  /** The module named `name`. */
  module(name: string): ModuleView;
  /** The thread named `name`. */
  thread(name: string): ThreadView;
  /** `probe_count`: probes between really_probe's atomic_inc and its atomic_dec. */
  readonly probeCount: number;
  /** Async entries scheduled and not finished (what async_synchronize_full waits for). */
  readonly asyncPending: number;
  /** The deferred-probe work: idle, queued, or running. */
  readonly deferredWork: 'idle' | 'queued' | 'running';
  /** `driver_deferred_probe_enable`. */
  readonly deferredProbeEnabled: boolean;
  /** Devices on deferred_probe_pending_list, in list order (the head first: the order the timeout work prints them). */
  readonly deferredPending: readonly string[];
  /** Devices on deferred_probe_active_list, in list order (the head first: the deferred work's next retry). */
  readonly deferredActive: readonly string[];
  /** The thread holding deferred_probe_mutex, or null. */
  readonly deferredProbeMutexBy: string | null;
  /** The thread holding module_mutex, or null. */
  readonly moduleMutexBy: string | null;
  /** `defer_all_probes`: device_block_probing (device_shutdown, from v4.19) has set it; false where no actor runs `device_shutdown`. */
  readonly deferAllProbes: boolean;
  /** device_shutdown has returned; false where no actor runs it. */
  readonly shutdownReturned: boolean;
  /** The fields your patches add to the kernel (`state: { kernel: {...} }`), by name. */
  readonly patch: Readonly<Record<string, boolean | number>>;
}

/** What properties need to know about the threads of the built model. */
export interface ThreadInfo { threads: readonly string[]; asyncThreads: ReadonlySet<string>; actors: ReadonlySet<string> }

/** A step label is in kernel function `fn`: it names it, then `(` (a device or driver), `:` (the step) or `#` (an instance). */
export const inFunction = (label: string, fn: string): boolean => label.startsWith(fn) && '(:#'.includes(label[fn.length] ?? 'x');

/** Told each function name inside() is asked, while a user's property runs (define-property.ts: names no step is in). */
let told: ((fn: string) => void) | undefined;
/** `f()` with `tell` told each name inside() is asked meanwhile. */
export function telling<T>(tell: (fn: string) => void, f: () => T): T {
  const was = told;
  told = tell;
  try { return f(); } finally { told = was; }
}

const lookup = <T extends { name: string }>(what: string, all: readonly T[], name: string): T => {
  const x = all.find((a) => a.name === name);
  if (!x) throw new Error(`no ${what} '${name}'; known: ${all.map((a) => a.name).join(', ') || 'none'}`);
  return x;
};

/**
 * Views already built, by the state object they read. The fast backend hands properties the same
 * accessor object for every state it holds in a buffer, and a view only reads through it, so one
 * view per (state object, kernel, threads, query) serves every state: building it anew for each
 * of millions of states was most of a kernel search's garbage.
 */
const built = new WeakMap<object, { k: Kernel; t: ThreadInfo; q: Query; view: KernelView }>();

/** The view of state `s` (threads as `q` tells) of kernel `k`. */
export function kernelView(k: Kernel, t: ThreadInfo, s: KS, q: Query): KernelView {
  const b = built.get(s);
  if (b && b.k === k && b.t === t && b.q === q) return b.view;
  const view = Object.freeze(makeView(k, t, s, q));
  built.set(s, { k, t, q, view });
  return view;
}

/** Views are shared between calls: a property that sorts or edits a list must not change the next call's. */
const freeze = <T>(xs: T[]): readonly T[] => Object.freeze(xs.map((x) => Object.freeze(x)));

function makeView(k: Kernel, t: ThreadInfo, s: KS, q: Query): KernelView {
  const w = k.w;
  const thr = (owner: number): string | null => (owner === 0 ? null : k.threadNames[owner - 1] ?? `#${owner - 1}`);
  const drvOf = (v: number): string | null => (v === 0 ? null : w.drivers[v - 1]!.name);
  // The thread waiting for `name` to do its work: a work_on_cpu kworker runs one (dev, drv) probe
  // for the thread inside that pci_call_probe; request_module's modprobe loads its module for the
  // thread waiting in that request_module. null: no one (an actor, a kworker of its own).
  const inside = (prefix: string, last?: string) => t.threads.find((n) => { const l = q.at(n); return l !== null && l.startsWith(prefix) && (last === undefined || l.endsWith(last)); });
  const waiter = (name: string): string | undefined => {
    for (const d of w.devices) for (const r of d.drivers) if (w.drivers[r]!.workOnCpu && name === workOnCpuThread(k, d.i, r)) return inside(`pci_call_probe(${k.vn(d.i)},${k.dn(r)})`);
    for (const r of w.drivers) if (r.requestModule >= 0 && name === requestModprobeThread(w.modules[r.requestModule]!.name)) {
      const by = inside(`request_module(${r.name})`, ':wait_for_completion');
      if (by) return by;
    }
    return undefined;
  };
  const caller = (owner: number): string | null => {
    let name = thr(owner);
    for (let hops = 0; name !== null && hops < t.threads.length; hops++) { const up = waiter(name); if (!up) break; name = up; }
    return name;
  };
  let devices: readonly DeviceView[] | undefined, drivers: readonly DriverView[] | undefined, modules: readonly ModuleView[] | undefined, threads: readonly ThreadView[] | undefined, links: readonly LinkView[] | undefined;
  const mkLinks = () => links ??= freeze(w.links.map((l): LinkView => ({
    consumer: w.devices[l.consumer]!.name, supplier: w.devices[l.supplier]!.name, stateless: l.stateless,
    get exists() { const x = s.link[l.i]!; return l.stateless ? x.refs > 0 : x.status !== 'NONE'; },
    get status() { return l.stateless ? 'NONE' : s.link[l.i]!.status; },
  })));
  const mkDevices = () => devices ??= freeze(w.devices.map((d): DeviceView => {
    const x = () => s.dev[d.i]!;
    return {
      name: d.name, bus: w.buses[d.bus]!.name, parent: d.parent < 0 ? null : w.devices[d.parent]!.name,
      get driver() { return drvOf(x().driver); }, get bound() { return x().bound; }, get registered() { return x().registered; },
      get onBus() { return x().onBus; }, get ready() { return x().ready; }, get dead() { return x().dead; },
      get asyncDriver() { return drvOf(x().asyncDriver); }, get deferred() { return x().deferred; },
      get lockedBy() { return thr(x().mutex); }, get probingIn() { return thr(x().probing); },
      get probeCaller() { return caller(x().probing); }, get removingIn() { return thr(x().removing); },
      get delStarted() { return x().delStarted; }, get delDone() { return x().delDone; }, get unbindFor() { return drvOf(x().unbindOf); },
      get triggerSnapshot() { return x().snap; },
      // Reboot properties of a user's (a new user, 2026-12-05, could reach the walk only through thread labels).
      get shutDown() { return x().shutDown === true; },
      get askedBy() { const a = x().asked; return d.drivers.filter((r) => (a & driverBit(w, d.i, r)) !== 0).map((r) => w.drivers[r]!.name); },
      patch: fields(k.added?.dev, x, `device '${d.name}'`),
    };
  }));
  const mkDrivers = () => drivers ??= freeze(w.drivers.map((d): DriverView => {
    const x = () => s.drv[d.i]!;
    return {
      name: d.name, bus: w.buses[d.bus]!.name, module: d.module < 0 ? null : w.modules[d.module]!.name,
      matches: Object.freeze(d.matches.filter((m) => !w.devices[m]!.byOverride?.includes(d.i)).map((m) => w.devices[m]!.name)), probeType: d.probeType,
      get registered() { return x().onBus; }, get unregistered() { return x().unregDone; }, get storesActive() { return x().storesActive; },
      patch: fields(k.added?.drv, x, `driver '${d.name}'`),
    };
  }));
  const mkModules = () => modules ??= freeze(w.modules.map((m): ModuleView => {
    const x = () => s.mod[m.i]!;
    return { name: m.name, get state() { return x().state; }, get refcnt() { return x().refcnt; }, get asyncProbe() { return x().asyncProbeRequested; }, get initPending() { return x().initPending; } };
  }));
  const mkThreads = () => threads ??= freeze(t.threads.map((name, tid): ThreadView => ({
    name, actor: t.actors.has(name), async: t.asyncThreads.has(name),
    get at() { return q.at(name); },
    // A deleted struct's lock counts (DevS.oldMutex: the device added again since the thread locked it).
    get holds() { return w.devices.filter((d) => holdsMutex(s.dev[d.i]!, tid + 1)).map((d) => d.name); },
    // A name, or E302 (a review, s46 h7: `inside()` read false, then the note on it was an internal error).
    inside(fn: string) { if (typeof fn !== 'string') throw new Error(`inside(fn) takes the name of a kernel function, a string; got ${Array.isArray(fn) ? 'an array' : typeof fn}`); told?.(fn); const l = q.at(name); return l !== null && inFunction(l, fn); },
    patch: fields(k.added?.thread, () => q.locals(name) as object, `thread '${name}'`, k.locals),
  })));
  // In list order (klist.ts deferredList), not declaration order.
  const listed = (on: 'pending' | 'active') => deferredList(s, on).map((i) => w.devices[i]!.name);
  return {
    profile: k.profile,
    get devices() { return mkDevices(); }, get drivers() { return mkDrivers(); }, get modules() { return mkModules(); }, get threads() { return mkThreads(); }, get links() { return mkLinks(); },
    dev: (n) => lookup('device', mkDevices(), n), drv: (n) => lookup('driver', mkDrivers(), n),
    module: (n) => lookup('module', mkModules(), n), thread: (n) => lookup('thread', mkThreads(), n),
    get probeCount() { return s.probeCount; }, get asyncPending() { return s.asyncPending; },
    get deferredWork() { return s.deferredWorkRunning ? 'running' : s.deferredWorkQueued ? 'queued' : 'idle'; },
    get deferredProbeEnabled() { return s.deferredProbeEnable; },
    get deferredPending() { return listed('pending'); },
    get deferredActive() { return listed('active'); },
    get deferredProbeMutexBy() { return thr(s.deferredProbeMutex); }, get moduleMutexBy() { return thr(s.moduleMutex); },
    get deferAllProbes() { return s.deferAllProbes === true; }, get shutdownReturned() { return s.shutdownReturned === true; },
    patch: fields(k.added?.kernel, () => s, 'the kernel'),
  };
}

/** Live getters for the fields a patch added, read from the record `of()` returns (frozen: the strict view wraps it). */
function fields(names: readonly string[] | undefined, of: () => object, owner: string, cLocals?: ReadonlyMap<string, readonly { name: string }[]>): Readonly<Record<string, boolean | number>> {
  const o: Record<string | symbol, boolean | number | string> = {};
  Object.defineProperty(o, PATCH_FIELDS, { value: owner });
  for (const n of names ?? []) Object.defineProperty(o, n, { enumerable: true, get: () => (of() as Record<string, boolean | number>)[n] });
  // A C local read here: say why it is not (a hunt, 2026-12-05: "no patch in this run adds a field").
  for (const [fn, ds] of cLocals ?? []) for (const d of ds) {
    if (!(d.name in o)) Object.defineProperty(o, d.name, { enumerable: false, get: () => { throw new Error(`'${d.name}' is a C local of ${fn} (state.local), one per call: properties do not see C locals; keep what a property reads in a state.thread variable`); } });
  }
  return Object.freeze(o) as Readonly<Record<string, boolean | number>>;
}
