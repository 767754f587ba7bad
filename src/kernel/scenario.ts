/**
 * The scenario builder: what a kernel developer writes to get a model. A scenario is a plain
 * object (buses, devices, drivers, modules, actors, properties) and `scenario(spec)` turns it
 * into a ModelFactory with the parameters `profile` and `patches` (plus the scenario's own), so
 * `probecheck check models/x.ts --param profile=v4.2` works on it.
 *
 * Actors are the threads that run from the start, each a list of actions: `add dc`, `del dc`,
 * `register drv`, `unregister drv`, `bind drv dc`, `unbind drv dc`, `modprobe m`, `rmmod m`,
 * `wait_for_device_probe`, `uevent dc` (udev reading the device's uevent file: a lockless reader),
 * `lock dc` / `unlock dc` (a subsystem path holding the device lock, e.g. a sysfs store),
 * `kill-del dc` (`if (kill_device(dev)) device_unregister(dev)`, the caller pattern of 00289cd87676),
 * `override dc drv` (echo drv > driver_override: driver_override_store, B13). Async work and the deferred-probe worker are threads the kernel
 * starts; the scenario does not name them.
 *
 * Surprise: a `del` of a device that is not there yet waits (idle) for it to appear: hotplug
 * removal is an event that follows the add. `maybe del` does not wait.
 *
 * Strict: unknown keys and actions that can never take effect (actions.ts) are E601 errors, so
 * a typo or an impossible action never turns into a verdict about nothing.
 */
import { ReadLog } from './strict-state.js';
import { didYouMean, ProbecheckError, suggestion } from '../engine/errors.js';
import { hunkTarget, isPatchFile, isUserPatch } from './define-patch.js';
import { defineModel, SYMMETRY_MADE_FOR, type LoadStep, type Model, type ModelFactory, type ParamSpec, type Property, type ThreadDef } from '../engine/model.js';
import { constantReads } from '../engine/patch-reads.js';
import { actionEntry, neverTakesEffect, parseAction, type Action } from './actions.js';
import { frameKey, ThreadBuilder, unjudgedNote, type Kernel, type Patch, type Ret } from './emit.js';
import { actionReturn } from './user-return.js';
import { asyncProgram, asyncRunEntryDone, asyncThreadName } from './paths/async.js';
import { ASYNC, blocksProbing, mayBeAsync } from './paths/common.js';
import { DEFERRED_WORKER, deferredProbeWorkFunc } from './paths/deferred-probe.js';
import { LATE_INITCALL, TIMEOUT_PROGRAM, TIMEOUT_WORKER, deferredProbeTimeoutWorkFunc, keepsTimeout, lateInitcallRefusal, probeTimeout, schedulesTimeout } from './paths/late-initcall.js';
import { deviceAttachAsyncHelper } from './paths/device-attach.js';
import { doInitModule } from './paths/module.js';
import { bootProbe, failedBootProbes, statelessLinksOf, type BootProbe } from './paths/links.js';
import { BOOT_LINKS, bootLinksStart, loadedStart, loadSpec, overlay, type LoadOpts } from './loaded.js';
import { walkedDevices, walksDrivers } from './paths/klist.js';
import { doScanAsync, localPciProbe, requestModprobeThread, scanProgram, workOnCpuThread } from './paths/probe-body.js';
import { driverAttach, driverAttachAsyncHelper } from './paths/driver-attach.js';
import { combine, namePatchFile, parsePatches, patchEntries, patchFilesOf } from './patches.js';
import { FLAGS, PROFILE_NAMES, firstWith, profile, profileSuggestion, type Flag } from './profiles.js';
import { CHOSEN_FOR_PATCH, LIBRARY, PROPERTY_NAMES, consumerLinks, matchYours, owedRetry, retriesOnlyBlocked, workerReach, type PropCtx } from './properties.js';
import { insideNotes, isDefinedProperty, rememberKernel, toKernelProperty, type DefinedProperty } from './define-property.js';
import { addedState } from './patch-state.js';
import { BOOT_ORDER, BOOT_ORDER_STEP, bootDeferred, bootOrderThreads, orderCount, pinnedOrder, setOrder, withBootOrder } from './boot-order.js';
import { DRIVER_BITS, WALK_BITS, fieldMeaning, initState, kernelSchema, localsSchema, type KS, type Most } from './state.js';
import { mostWalks, walkersAt } from './paths/owed.js';
import { mostHolders } from './paths/klist.js';
import { inferSymmetric, symmetryClasses, validateSymmetric, type ActionOfLabel } from './symmetry.js';
import { compile, MAX_STEPS } from '../engine/compile.js';
import { resolveParams } from '../engine/params.js';
import { probeRegisters, type DevInfo, type DrvInfo, type LinkInfo, type ModInfo, type Outcome, type ProbeType, type World } from './world.js';

export interface BusSpec { needParentLock?: boolean; autoprobe?: boolean }

export interface DeviceSpec {
  bus?: string; parent?: string; present?: boolean;
  /** Bound to this (present) driver from the start. */
  boundTo?: string;
  /**
   * The bus's match() returns -EPROBE_DEFER for this device, with every driver that `matches` it,
   * the whole scenario through: as amba_match does while it cannot read the device's peripheral ID
   * (its clock or power domain not up yet). __driver_attach then puts it on the deferred-probe
   * pending list without its device lock; __device_attach_driver does so under it (656b8035b0ee, v4.5 or v4.6, on).
   */
  matchDefers?: boolean;
  /**
   * Its suppliers by device links made before the scenario starts with DL_FLAG_AUTOPROBE_CONSUMER
   * (managed): what fw_devlink's device_add makes from the firmware's supplier properties by
   * default (FW_DEVLINK_FLAGS_ON/RPM), or a driver's device_link_add(dev, supplier,
   * DL_FLAG_AUTOPROBE_CONSUMER). When a supplier binds, device_links_driver_bound makes the link
   * AVAILABLE and puts this device on the deferred-probe pending list, holding the supplier's lock,
   * not this device's (e7dd40105aac, v5.1). Both ends are present from the
   * start; fw_devlink's link creation at a later device_add is not modelled.
   */
  suppliers?: string[];
}

export interface DriverSpec {
  bus?: string; matches: string[]; probeType?: ProbeType; module?: string;
  /** What probe() returns; several = nondeterministic (default 'ok'). */
  probe?: Outcome | Outcome[];
  /** Devices probe() registers before returning. */
  registers?: string[] | Record<string, string[]>;
  /** Drivers probe() registers (driver_register) before returning: built in, registered by nobody else, and probe must always succeed. */
  registersDriver?: string[];
  /** Devices probe() needs bound: if one is not bound when probe() starts, it returns -EPROBE_DEFER. */
  needs?: string[];
  /** Suppliers: probe() needs them (as `needs`) and adds a managed device link to each. */
  links?: string[];
  /**
   * The flags probe() passes to device_link_add for those links, besides managed: only
   * 'AUTOREMOVE_CONSUMER' (DL_FLAG_AUTOREMOVE in v4.10's text) is modelled: the link is deleted
   * when the consumer is left without a driver (its unbind, a failed probe).
   */
  linkFlags?: string[];
  /**
   * probe() adds its `links` without first waiting for each supplier to be bound: a consumer that
   * its supplier's own probe registered, and that knows the supplier works (15cfb0941603's case:
   * a link to a supplier still inside its probe). Each link then starts in the state core.c's
   * device_link_add gives it from the supplier's `links.status` (PROBING: DORMANT before
   * 15cfb0941603, CONSUMER_PROBE after).
   */
  linksUnchecked?: boolean;
  /** Built in: registered before the scenario starts (no present device may match it). */
  present?: boolean;
  /** Devices whose device_lock probe() takes, in order, and holds until it returns (B8). */
  locks?: string[];
  /** The bus calls probe() through work_on_cpu, as PCI's pci_call_probe -> local_pci_probe does: probe() runs in a kworker while the caller waits (B7). */
  workOnCpu?: boolean;
  /** probe() calls async_schedule(do_scan_async), as scsi_scan_host does; the scan registers these devices (true: none) (B7). */
  asyncScan?: boolean | string[];
  /** probe() calls request_module(m) and waits for that modprobe to exit (B7 history, 774a1221e862). */
  requestModule?: string;
  /**
   * request_module comes after the devices (and drivers) probe() registers, not before them (a USB
   * probe that adds its interface, then loads the interface's driver: a mainline hunt, 2026-12-05).
   */
  requestModuleLast?: boolean;
  /** Stateless links probe() adds with device_link_add(consumer, supplier, DL_FLAG_STATELESS) and ->remove deletes with device_link_del; the probed device is one end (B16). */
  statelessLinks?: StatelessLinkSpec[];
}

export interface StatelessLinkSpec { consumer: string; supplier: string }

export interface ModuleSpec {
  asyncProbe?: boolean;
  /**
   * Loaded before the scenario starts: the start state is the one its modprobe reaches, run alone
   * from the start state without it (async probes and deferred retries finished), and its drivers
   * are registered from the start, so devices may be `boundTo` them.
   */
  loaded?: boolean;
}

export interface ScenarioSpec {
  name: string;
  describe?: string;
  /** Default profile (default 'mainline'). */
  profile?: string;
  /** Buses (default: one `platform` bus). */
  buses?: Record<string, BusSpec>;
  devices: Record<string, DeviceSpec>;
  drivers: Record<string, DriverSpec>;
  modules?: Record<string, ModuleSpec>;
  actors: Record<string, string | string[]>;
  /** Properties to check: library names and defineProperty(...) objects (default: every library property that applies). */
  properties?: (string | DefinedProperty)[];
  /** Explore async_schedule's synchronous fallback (default true). */
  syncFallback?: boolean;
  /**
   * The deferred_probe_timeout= boot parameter, in seconds (v4.19+, with the action
   * `deferred_probe_initcall`): > 0 has the late initcall schedule the timeout work, which may run
   * any time after (time is not modelled). Default: the profile's (10 from v6.1 with modules, 0 or -1 before).
   */
  deferredProbeTimeout?: number;
  /**
   * The order boot left the devices that start deferred in on deferred_probe_pending_list, where
   * it is known (every one of them, once each): the search starts from that order alone. Default:
   * every order (boot-order.ts).
   */
  deferredOrder?: string[];
  /**
   * Actors that may simply stop (a user who never writes the sysfs file, a removal that never
   * comes): liveness does not assume they eventually move. Every other thread is weakly fair.
   */
  unfair?: string[];
  /** Async workers declared per helper and device (default 2; raise it when a check stops with E204 "declare more instances"). */
  asyncInstances?: number;
  /**
   * Groups of interchangeable devices (`[['c1', 'c2', 'c3']]`) for `--symmetry`: same bus,
   * parent and drivers, named by actors only in `add` (E601 otherwise). Default: the groups the
   * builder finds by those rules; `[]`: none. See docs/how-it-works.md, "Symmetry".
   */
  symmetric?: string[][];
  /** Scenario-specific parameters; `vary` applies them. */
  params?: ParamSpec;
  vary?: (p: Record<string, string | number>, spec: ScenarioSpec) => ScenarioSpec;
}

/** What the value of one key must be: null when it is, else what it should be, in words. */
type Check = (v: unknown) => string | null;
/**
 * Every key of T with the check of its value. The mapped type makes the compiler keep each
 * table equal to its interface: a key missing here, or one the interface lacks, does not compile.
 */
export type KeyChecks<T> = { readonly [K in keyof Required<T>]: Check };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrs = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const str: Check = (v) => (typeof v === 'string' && v !== '' ? null : 'a non-empty string');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const strs: Check = (v) => (isStrs(v) ? null : 'a list of names');
const obj: Check = (v) => (isObj(v) ? null : 'an object ({ ... })');
const fn: Check = (v) => (typeof v === 'function' ? null : 'a function');

export const BUS_KEYS: KeyChecks<BusSpec> = { needParentLock: bool, autoprobe: bool };
/**
 * What the state schema holds (state.ts): a device's rank and a driver's place are `t.int(n)` and a
 * device's driver `t.named` of the drivers and NULL (at most 255 each), and a thread's set of module
 * inits under way `t.int(2 ** modules - 1)` (at most 8 modules). from-log says so of a log at once.
 */
export const SCENARIO_LIMITS = { device: 255, driver: 255, module: 8 } as const;
/** Drivers in a scenario with a managed device link (state.ts relDrv: a driver number, plus the count for an old parent, in a byte). */
export const MAX_LINKED_DRIVERS = 127;

export const DEVICE_KEYS: KeyChecks<DeviceSpec> = { bus: str, parent: str, present: bool, boundTo: str, matchDefers: bool, suppliers: strs };
export const DRIVER_KEYS: KeyChecks<DriverSpec> = {
  bus: str, matches: strs, probeType: str, module: str,
  probe: (v) => (typeof v === 'string' || isStrs(v) ? null : "an outcome or a list of them ('ok', 'defer', 'error')"),
  registers: (v) => (isStrs(v) || (isObj(v) && Object.values(v).every(isStrs)) ? null : 'a list of device names, or { matched device: [device names] } where each probe registers its own'), registersDriver: strs, needs: strs, links: strs, linkFlags: strs, linksUnchecked: bool, present: bool, locks: strs, workOnCpu: bool,
  asyncScan: (v) => (typeof v === 'boolean' || isStrs(v) ? null : 'true, false or a list of device names'),
  requestModule: str, requestModuleLast: bool,
  statelessLinks: (v) => (Array.isArray(v) ? null : 'a list of { consumer, supplier }'),
};
export const STATELESS_LINK_KEYS: KeyChecks<StatelessLinkSpec> = { consumer: str, supplier: str };
const int: Check = (v) => (Number.isInteger(v) ? null : 'an integer');
/** A scenario's own parameter (engine ParamSpec): `{ default, values?, min?, max?, describe? }`. */
export const PARAM_KEYS: KeyChecks<ParamSpec[string]> = {
  default: (v) => (typeof v === 'string' || Number.isInteger(v) ? null : 'a string or an integer'),
  values: (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' || typeof x === 'number') ? null : 'a non-empty list of strings or numbers'),
  min: int, max: int, describe: str,
};

/** The device_link_add flags (without DL_FLAG_) the model refuses, and why. */
const LINK_FLAGS_REFUSED: Record<string, string> = {
  AUTOREMOVE_SUPPLIER: "is not modelled (the link's deletion in device_links_driver_cleanup)",
  AUTOPROBE_CONSUMER: "is modelled only on links made before the scenario starts (fw_devlink's): declare them in the consumer's suppliers, not on links probe() adds",
  PM_RUNTIME: 'is not modelled (runtime PM): leave it out', RPM_ACTIVE: 'is not modelled (runtime PM): leave it out',
  SYNC_STATE_ONLY: 'is not modelled (sync_state)', INFERRED: 'is not modelled (fw_devlink)',
  STATELESS: 'does not go here: a stateless link is declared in statelessLinks', MANAGED: 'does not go here: a link in links is managed',
};

/** True when a driver's linkFlags ask for DL_FLAG_AUTOREMOVE_CONSUMER; E601 for a flag the model does not know. */
function linkFlagsOf(where: string, d: DriverSpec): true | undefined {
  if (d.linksUnchecked && (d.links ?? []).length === 0) throw bad(`${where}: linksUnchecked without links: it says how probe() adds its links`);
  const flags = (d.linkFlags ?? []).map((f) => f.replace(/^DL_FLAG_/, ''));
  if (flags.length > 0 && (d.links ?? []).length === 0) throw bad(`${where}: linkFlags without links: they are the flags of the links probe() adds`);
  for (const f of flags) {
    if (f === 'AUTOREMOVE_CONSUMER' || f === 'AUTOREMOVE') continue;
    throw bad(`${where}: linkFlags: '${f}' ${LINK_FLAGS_REFUSED[f] ?? 'is not a device-link flag'}; the model knows AUTOREMOVE_CONSUMER`);
  }
  return flags.length > 0 ? true : undefined;
}
export const MODULE_KEYS: KeyChecks<ModuleSpec> = { asyncProbe: bool, loaded: bool };
export const SCENARIO_KEYS: KeyChecks<ScenarioSpec> = {
  name: str, describe: (v) => (typeof v === 'string' ? null : 'a string'), profile: str,
  buses: obj, devices: obj, drivers: obj, modules: obj,
  actors: (v) => (isObj(v) && Object.values(v).every((a) => typeof a === 'string' || isStrs(a)) ? null : 'an object of actor name -> action or list of actions'),
  properties: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string' || isDefinedProperty(x)) ? null : 'a list of property names or defineProperty(...) objects'), syncFallback: bool, unfair: strs,
  deferredProbeTimeout: (v) => (Number.isInteger(v) && (v as number) >= -1 && (v as number) <= 2 ** 31 - 1 ? null : 'an integer of seconds from -1 to 2147483647 (the deferred_probe_timeout= boot parameter, an int)'),
  asyncInstances: (v) => (Number.isInteger(v) ? null : 'an integer'),
  deferredOrder: strs,
  symmetric: (v) => (Array.isArray(v) && v.every(isStrs) ? null : "a list of groups of device names ([['c1', 'c2']])"),
  params: obj, vary: fn,
};

/** Every key of `o` must be one of `table`'s with a value of the right type; `required` must be there. */
function checkKeys<T>(where: string, o: unknown, table: KeyChecks<T>, required: readonly (keyof T & string)[] = []): Record<string, unknown> {
  if (!isObj(o)) throw bad(`${where}: expected an object ({ ... }), got ${show(o)}`);
  const known = Object.keys(table);
  for (const [k, v] of Object.entries(o)) {
    if (!Object.hasOwn(table, k)) throw bad(`${where}: unknown key '${k}'${suggestion(k, known)}`);
    const want = v === undefined ? null : (table as Record<string, Check>)[k]!(v);
    if (want) throw bad(`${where}: ${k}: expected ${want}, got ${show(v)}`);
  }
  for (const r of required) if (o[r] === undefined) throw bad(`${where}: '${r}' is missing`);
  return o;
}

function show(v: unknown): string {
  if (typeof v === 'function') return 'a function';
  // JSON writes NaN and Infinity as null: a user who wrote NaN read "got null".
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Where a list has an empty slot (`['c',, 'd']`), as `drivers.e.matches[1]`: the checks of each
 * element skip it, and the build then failed as E101 "Cannot read properties of undefined" (a
 * bad-input hunt, 2026-12-06).
 */
function emptySlot(v: unknown, path: string, seen = new Set<unknown>()): string | undefined {
  if (v === null || typeof v !== 'object' || seen.has(v)) return undefined;
  seen.add(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return `${path}[${i}]`;
      const h = emptySlot(v[i], `${path}[${i}]`, seen);
      if (h) return h;
    }
    return undefined;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
  for (const [k, x] of Object.entries(v)) {
    const h = emptySlot(x, path ? `${path}.${k}` : k, seen);
    if (h) return h;
  }
  return undefined;
}

/**
 * Strict validation of a scenario's shape, before anything reads it: an unknown or misspelt key
 * at any level is an E601 naming the scenario, the object and the key, with the nearest known
 * key (`parnet` would otherwise silently mean "no parent").
 */
export function validateSpec(spec: unknown): asserts spec is ScenarioSpec {
  if (!isObj(spec)) throw bad(`a scenario must be an object ({ name, devices, drivers, actors }), got ${show(spec)}`);
  const where = `scenario '${typeof spec.name === 'string' ? spec.name : '?'}'`;
  const hole = emptySlot(spec, '');
  if (hole) throw bad(`${where}: ${hole}: an empty slot in a list (two commas in a row?)`);
  checkKeys(where, spec, SCENARIO_KEYS, ['name']);
  if (isObj(spec.buses) && Object.keys(spec.buses).length === 0) throw bad(`${where}: buses: it declares no bus; leave \`buses\` out for the one platform bus`);
  const each = (field: string) => Object.entries((spec[field] ?? {}) as Record<string, unknown>);
  for (const [n, b] of each('buses')) checkKeys(`${where}: bus '${n}'`, b, BUS_KEYS);
  for (const [n, d] of each('devices')) checkKeys(`${where}: device '${n}'`, d, DEVICE_KEYS);
  for (const [n, m] of each('modules')) checkKeys(`${where}: module '${n}'`, m, MODULE_KEYS);
  // A param written as its value (`variant: 'bound'`) ran as variant=undefined (a patch hunt, 2026-12-05).
  for (const [n, p] of each('params')) {
    const o = checkKeys(`${where}: param '${n}'`, p, PARAM_KEYS, ['default']);
    if (Array.isArray(o.values) && !o.values.includes(o.default)) throw bad(`${where}: param '${n}': default ${show(o.default)} is not one of its values (${(o.values as unknown[]).map(show).join(', ')})`);
    // A default outside min..max ran unchecked (--param gets E104 for the same value), and min > max accepted no value at all.
    const { min, max } = o as { min?: number; max?: number };
    if (min !== undefined && max !== undefined && min > max) throw bad(`${where}: param '${n}': min ${min} is above max ${max}`);
    if (typeof o.default === 'number' && ((min !== undefined && o.default < min) || (max !== undefined && o.default > max))) {
      throw bad(`${where}: param '${n}': default ${o.default} is outside ${min ?? '-∞'}..${max ?? '∞'}`);
    }
  }
  for (const [n, d] of each('drivers')) {
    const o = checkKeys(`${where}: driver '${n}'`, d, DRIVER_KEYS, ['matches']);
    ((o.statelessLinks ?? []) as unknown[]).forEach((l, i) => checkKeys(`${where}: driver '${n}': statelessLinks[${i}]`, l, STATELESS_LINK_KEYS, ['consumer', 'supplier']));
  }
}

/** The most async entries per device a scenario may declare (threads per async program). */
export const MAX_ASYNC_INSTANCES = 8;

const bad = (msg: string) => new ProbecheckError('E601', msg);

/** Resolve names to indices and check everything a path will rely on. */
export function resolveWorld(spec: ScenarioSpec): World {
  validateSpec(spec);
  const where = `scenario '${spec.name}'`;
  const busNames = Object.keys(spec.buses ?? { platform: {} });
  const busOf = (what: string, b: string | undefined) => {
    const n = b ?? busNames[0]!;
    const i = busNames.indexOf(n);
    if (i < 0) throw bad(`${where}: ${what}: bus '${n}' is not declared; buses: ${busNames.join(', ')}`);
    return i;
  };
  const buses = busNames.map((name, i) => ({ i, name, needParentLock: !!spec.buses?.[name]?.needParentLock, autoprobe: spec.buses?.[name]?.autoprobe !== false }));
  const devNames = Object.keys(spec.devices ?? {});
  const drvNames = Object.keys(spec.drivers ?? {});
  const modNames = [...new Set([...Object.keys(spec.modules ?? {}), ...drvNames.map((d) => spec.drivers[d]!.module).filter((m): m is string => !!m),
    ...drvNames.map((d) => spec.drivers[d]!.requestModule).filter((m): m is string => !!m)])];
  if (devNames.length === 0) throw bad(`${where}: it declares no devices`);
  // A device's place on a list and a driver's number are kept in a byte (state.ts).
  for (const [n, what, max] of [[devNames.length, 'devices', SCENARIO_LIMITS.device], [drvNames.length, 'drivers', SCENARIO_LIMITS.driver]] as const) {
    if (n > max) throw bad(`${where}: it declares ${n} ${what}; at most ${max} are modelled (a list place and a driver number are kept in a byte)`);
  }
  // A thread's ghost initOf keeps a bit per module in one byte (state.ts localsSchema).
  if (modNames.length > SCENARIO_LIMITS.module) throw bad(`${where}: it has ${modNames.length} modules (${modNames.join(', ')}); at most ${SCENARIO_LIMITS.module} are modelled (each thread keeps a bit per module whose init it runs)`);
  const devIdx = (what: string, n: string) => {
    const i = devNames.indexOf(n);
    if (i < 0) throw bad(`${where}: ${what}: device '${n}' is not declared; devices: ${devNames.join(', ')}`);
    return i;
  };
  const devices = devNames.map((name, i): DevInfo => {
    const d = spec.devices[name]!;
    return { i, name, bus: busOf(`device '${name}'`, d.bus), parent: d.parent === undefined ? -1 : devIdx(`device '${name}': parent`, d.parent), children: [] as number[], drivers: [] as number[], present: !!d.present, boundTo: -1, override: false, matchDefers: !!d.matchDefers };
  });
  for (const d of devices) {
    if (d.parent >= 0) devices[d.parent]!.children.push(d.i);
    const seen = new Set<number>();
    for (let p = d.parent; p >= 0; p = devices[p]!.parent) {
      if (seen.has(p) || p === d.i) throw bad(`${where}: device '${d.name}': its parents form a cycle`);
      seen.add(p);
    }
    if (d.present && d.parent >= 0 && !devices[d.parent]!.present) throw bad(`${where}: device '${d.name}' is present but its parent '${devices[d.parent]!.name}' is not`);
  }
  const links: World['links'] = [];
  const drivers = drvNames.map((name, i) => {
    const d = spec.drivers[name]!;
    const w = `driver '${name}'`;
    if (!Array.isArray(d.matches)) throw bad(`${where}: ${w}: 'matches' must list device names`);
    // A name listed twice is a slip: `registers` and `locks` would build a step twice (E101, an
    // internal error, until s46 h1), the others would take it silently as once.
    const once = (key: string, list: readonly string[] | undefined) => {
      for (const [x, n] of (list ?? []).entries()) if (list!.indexOf(n) !== x) throw bad(`${where}: ${w}: ${key} names '${n}' twice`);
    };
    once('matches', d.matches);
    once('needs', d.needs);
    once('locks', d.locks);
    once('registersDriver', d.registersDriver);
    if (Array.isArray(d.asyncScan)) once('asyncScan', d.asyncScan);
    if (Array.isArray(d.registers)) once('registers', d.registers);
    else for (const [k, v] of Object.entries(d.registers ?? {})) once(`registers of ${k}`, v);
    const bus = busOf(w, d.bus);
    const matches = d.matches.map((m) => devIdx(`${w}: matches`, m));
    for (const m of matches) if (devices[m]!.bus !== bus) throw bad(`${where}: ${w} is on bus '${busNames[bus]}' but matches '${devNames[m]}' on bus '${busNames[devices[m]!.bus]}'`);
    const outcomes = ([] as Outcome[]).concat(d.probe ?? 'ok');
    for (const o of outcomes) if (o !== 'ok' && o !== 'defer' && o !== 'error') throw bad(`${where}: ${w}: probe outcome '${o}' is not one of ok, defer, error`);
    if (outcomes.length === 0) throw bad(`${where}: ${w}: probe needs at least one outcome`);
    const probeType = d.probeType ?? 'default';
    if (!['default', 'async', 'sync'].includes(probeType)) throw bad(`${where}: ${w}: probeType '${probeType}' is not one of default, async, sync`);
    const addsLinks: number[] = [];
    const autoremove = linkFlagsOf(`${where}: ${w}`, d);
    for (const [x, sup] of (d.links ?? []).entries()) {
      const s = devIdx(`${w}: links`, sup);
      // device_link_add of a pair already linked returns the link it has (kref_get): one link with two
      // references, which managed links here do not keep (a patch hunt, 2026-12-05: the error said "two drivers").
      if ((d.links ?? []).indexOf(sup) !== x) throw bad(`${where}: ${w}: links names '${sup}' twice: device_link_add would return the first link with a second reference, and managed links' references are not modelled`);
      for (const c of matches) {
        addsLinks.push(links.length);
        links.push({ i: links.length, consumer: c, supplier: s, initial: false, stateless: false, ...(autoremove ? { autoremove } : {}), ...(d.linksUnchecked ? { unchecked: true as const } : {}) });
      }
    }
    const statelessLinks: number[] = [];
    for (const sl of d.statelessLinks ?? []) {
      const c = devIdx(`${w}: statelessLinks consumer`, sl.consumer), s = devIdx(`${w}: statelessLinks supplier`, sl.supplier);
      if (c === s) throw bad(`${where}: ${w}: statelessLinks: a device cannot link to itself ('${sl.consumer}')`);
      if (!matches.includes(c) && !matches.includes(s)) throw bad(`${where}: ${w}: statelessLinks ${sl.consumer} -> ${sl.supplier}: one end must be a device it matches (${d.matches.join(', ')})`);
      let li = links.findIndex((l) => l.stateless && l.consumer === c && l.supplier === s);
      if (li < 0) { li = links.length; links.push({ i: li, consumer: c, supplier: s, initial: false, stateless: true }); }
      if (!statelessLinks.includes(li)) statelessLinks.push(li);
    }
    // Per matched device where each probe registers its own devices (a USB hub's probe its own
    // interfaces: a log hunt, 2026-12-04); `registers` keeps them all, for what counts adds.
    const regSpec = d.registers ?? [];
    const registersOf = Array.isArray(regSpec) ? undefined : new Map(Object.entries(regSpec).map(([k, v]) => {
      const di = devIdx(`${w}: registers`, k);
      if (!matches.includes(di)) throw bad(`${where}: ${w}: registers: '${k}' is not a device it matches (${d.matches.join(', ')})`);
      return [di, v.map((r) => devIdx(`${w}: registers of ${k}`, r))] as const;
    }));
    const registers = registersOf ? [...new Set([...registersOf.values()].flat())] : (regSpec as string[]).map((r) => devIdx(`${w}: registers`, r)), locks = (d.locks ?? []).map((n) => devIdx(`${w}: locks`, n));
    const asyncScan = d.asyncScan === undefined || d.asyncScan === false ? null : d.asyncScan === true ? [] : d.asyncScan.map((r) => devIdx(`${w}: asyncScan`, r));
    // registersDriver too: the worker would run the registration, and an async attach it schedules
    // marks the kworker PF_USED_ASYNC, not modprobe (an audit, 2026-12-05: run in the caller it hid B7's race).
    if (d.workOnCpu && (registers.length > 0 || locks.length > 0 || (d.registersDriver ?? []).length > 0)) throw bad(`${where}: ${w}: workOnCpu with registers, registersDriver or locks is not modelled (the worker runs the probe body: asyncScan, requestModule)`);
    if (d.requestModuleLast && d.requestModule === undefined) throw bad(`${where}: ${w}: requestModuleLast without requestModule`);
    if (d.requestModuleLast && d.workOnCpu) throw bad(`${where}: ${w}: requestModuleLast with workOnCpu is not modelled (the worker runs request_module before the probe returns)`);
    if (d.requestModule !== undefined && d.module === d.requestModule) throw bad(`${where}: ${w}: requestModule '${d.requestModule}' is its own module: a module's init that requests itself is not modelled (its probe runs only once the module is loading); let a built-in driver or one of another module request it`);
    return {
      i, name, bus, matches, probeType, module: d.module ? modNames.indexOf(d.module) : -1, outcomes,
      registers, ...(registersOf ? { registersOf } : {}), registersDriver: [] as number[], addsLinks, present: !!d.present || (!!d.module && !!spec.modules?.[d.module]?.loaded),
      needs: [...new Set([...(d.needs ?? []), ...(d.linksUnchecked ? [] : (d.links ?? []))].map((n) => devIdx(`${w}: needs`, n)))],
      locks, workOnCpu: !!d.workOnCpu, asyncScan, requestModule: d.requestModule ? modNames.indexOf(d.requestModule) : -1, requestModuleLast: !!d.requestModuleLast, statelessLinks,
    };
  });
  for (const d of drivers) for (const m of d.matches) devices[m]!.drivers.push(d.i);
  for (const d of drivers) for (const r of spec.drivers[d.name]!.registersDriver ?? []) {
    const j = drvNames.indexOf(r), w = `driver '${d.name}': registersDriver '${r}'`;
    if (j < 0) throw bad(`${where}: ${w} is not declared; drivers: ${drvNames.join(', ')}`);
    // One registration per driver: a retried probe would register it twice, a module or an actor a second time.
    // A probe that ran at boot (its device boundTo the driver) registered it then: present from the
    // start (a new user, 2026-12-05: it started unregistered, a state no boot leaves).
    const one = d.matches.length === 1 ? devNames[d.matches[0]!]! : undefined;
    const atBoot = one !== undefined && spec.devices[one]!.boundTo === d.name;
    if (j === d.i || (drivers[j]!.present && !atBoot) || drivers[j]!.module >= 0 || drivers.some((x) => x !== d && x.registersDriver.includes(j))) throw bad(`${where}: ${w}: it must be another driver, not present (unless '${d.name}' is bound at boot), in no module, registered by one probe only`);
    if (d.outcomes.some((o) => o !== 'ok') || d.matches.length !== 1) throw bad(`${where}: ${w}: a probe that registers a driver must always return 'ok' and match one device (it registers once)`);
    if (atBoot && !drivers[j]!.present) throw bad(`${where}: ${w}: '${one}' is boundTo '${d.name}', so its probe registered '${r}' at boot: declare '${r}' present: true`);
    d.registersDriver.push(j);
  }
  // Links present from boot with DL_FLAG_AUTOPROBE_CONSUMER (DeviceSpec.suppliers).
  for (const [c, name] of devNames.entries()) {
    const sup = spec.devices[name]!.suppliers ?? [];
    for (const [x, n] of sup.entries()) {
      const s = devIdx(`device '${name}': suppliers`, n), at = `${where}: device '${name}': suppliers '${n}'`;
      if (sup.indexOf(n) !== x) throw bad(`${at} is named twice`);
      if (s === c) throw bad(`${at}: a device cannot be its own supplier (device_link_add returns NULL for consumer == supplier)`);
      // A probe that registers an end adds it again after devres deleted it (a retried or repeated probe):
      // fw_devlink's link creation at that device_add is not modelled.
      const reg = drivers.find((r) => r.registers.includes(c) || r.registers.includes(s) || (r.asyncScan ?? []).includes(c) || (r.asyncScan ?? []).includes(s));
      if (reg) throw bad(`${at}: driver '${reg.name}' registers '${reg.registers.includes(c) || (reg.asyncScan ?? []).includes(c) ? name : n}' in its probe: an end of a link made before the start is not added again by the model (fw_devlink's link creation at a later device_add is not modelled)`);
      if (!devices[c]!.present || !devices[s]!.present) throw bad(`${at}: both ends of a link made before the scenario starts are present from the start; fw_devlink's link creation at a later device_add is not modelled`);
      const drv = drivers.find((r) => r.matches.includes(c) && r.addsLinks.some((li) => links[li]!.supplier === s));
      if (drv) throw bad(`${at}: driver '${drv.name}' adds a link to '${n}' in its probe too: device_link_add would find this link and take a reference, which managed links here do not keep; keep one of the two`);
      links.push({ i: links.length, consumer: c, supplier: s, initial: true, stateless: false, autoprobe: true });
    }
  }
  // Two drivers of one consumer that add a link to one supplier add one link in the kernel, with a
  // reference each (kref, ead18c23c263): the model keeps a managed link per driver, which an
  // autoremove would then delete alone, where device_link_drop_managed only drops a reference.
  for (const l of links) {
    if (!l.autoremove) continue;
    const other = links.find((x) => x !== l && !x.stateless && x.consumer === l.consumer && x.supplier === l.supplier);
    if (other) throw bad(`${where}: device link ${devNames[l.consumer]} -> ${devNames[l.supplier]} is added by two drivers' probes, one with AUTOREMOVE_CONSUMER: one link with two references (kref) is not modelled for managed links`);
  }
  // Supplier releases inline their consumers' releases: the link graph must be acyclic.
  const reach = (from: number, to: number, seen = new Set<number>()): boolean =>
    from === to || (!seen.has(from) && (seen.add(from), links.some((l) => !l.stateless && l.supplier === from && reach(l.consumer, to, seen))));
  for (const l of links) if (!l.stateless && reach(l.consumer, l.supplier)) throw bad(`${where}: device link ${devNames[l.consumer]} -> ${devNames[l.supplier]} closes a cycle of device links`);
  // device_link_add refuses a supplier that depends on the consumer (core.c's
  // `device_is_dependent(consumer, supplier)`: the supplier is reached from the consumer through
  // children and links to consumers): it returns NULL, which the model does not run (its
  // device_link_add always adds). Of two links that depend on each other so, the second added is
  // refused, whichever it is at run time: both are refused here.
  const dependsOn = (from: number, to: number, seen = new Set<number>()): boolean =>
    from === to || (!seen.has(from) && (seen.add(from), devices.some((c, i) => c.parent === from && dependsOn(i, to, seen))
      || links.some((x) => x.supplier === from && dependsOn(x.consumer, to, seen))));
  for (const l of links) {
    for (let p = l.supplier; p >= 0; p = devices[p]!.parent) {
      if (p === l.consumer) throw bad(`${where}: device link ${devNames[l.consumer]} -> ${devNames[l.supplier]}: the supplier is ${p === l.supplier ? 'the consumer itself' : "the consumer's descendant"}, so device_link_add refuses it (device_is_dependent) and returns NULL, which the model does not run`);
    }
    if (dependsOn(l.consumer, l.supplier)) throw bad(`${where}: device link ${devNames[l.consumer]} -> ${devNames[l.supplier]}: ${devNames[l.supplier]} depends on ${devNames[l.consumer]} through children and other device links, so device_link_add refuses whichever of these links comes second (device_is_dependent) and returns NULL, which the model does not run`);
  }
  for (const d of devices) {
    const b = spec.devices[d.name]!.boundTo;
    if (b === undefined) continue;
    const j = drvNames.indexOf(b);
    if (j < 0) throw bad(`${where}: device '${d.name}': boundTo driver '${b}' is not declared; drivers: ${drvNames.join(', ')}`);
    // Each condition with its remedy: a built-in driver is not present unless declared so (a user's chain of bound consumers, s47).
    const why = [...(!d.present ? [`'${d.name}' is not present (declare it present: true)`] : []), ...(!drivers[j]!.present ? [`'${b}' is not present (built in)${drivers[j]!.module >= 0 ? `: it is in module '${modNames[drivers[j]!.module]}', which is not loaded at the start (declare modules: { ${modNames[drivers[j]!.module]}: { loaded: true } }, or drop boundTo and give an actor 'modprobe ${modNames[drivers[j]!.module]}' first)` : `: declare it present: true`}`] : []), ...(!drivers[j]!.matches.includes(d.i) ? [`'${b}' does not match '${d.name}'`] : [])];
    if (why.length) throw bad(`${where}: device '${d.name}': boundTo '${b}' needs the device present, the driver present, and the driver to match it: ${why.join('; ')}`);
    d.boundTo = j;
  }
  // A consumer bound from the start went through its probe: the links its driver adds exist and are
  // ACTIVE (device_links_driver_bound), which needs each supplier bound too.
  for (const d of devices) {
    if (d.boundTo < 0) continue;
    for (const li of drivers[d.boundTo]!.addsLinks) {
      const l = links[li]!;
      if (l.consumer !== d.i) continue;
      const sup = devices[l.supplier]!;
      if (sup.boundTo < 0) {
        // A supplier no driver matches is never bound: the probe would defer for ever.
        const fix = sup.drivers.length ? `say '${sup.name}' is boundTo its driver too` : `no driver matches '${sup.name}', so the probe of '${d.name}' by '${drvNames[d.boundTo]}' would defer for ever: declare a driver for '${sup.name}' and make '${sup.name}' boundTo it, or leave '${d.name}' unbound`;
        throw bad(`${where}: device '${d.name}' is boundTo '${drvNames[d.boundTo]}', whose links need '${sup.name}' bound: ${fix}`);
      }
      l.active = true;
    }
  }
  // A link made before the start (suppliers): ACTIVE where its consumer is bound (boot's probe of it
  // waited for the supplier), AVAILABLE where only the supplier is (device_links_driver_bound), else DORMANT.
  for (const l of links) {
    if (!l.autoprobe) continue;
    const con = devices[l.consumer]!, sup = devices[l.supplier]!;
    if (con.boundTo >= 0 && sup.boundTo < 0) throw bad(`${where}: device '${con.name}' is boundTo '${drvNames[con.boundTo]}' but its supplier '${sup.name}' is not bound: device_links_check_suppliers would have deferred its probe; say '${sup.name}' is boundTo its driver too, or leave '${con.name}' unbound`);
    if (con.boundTo >= 0) l.active = true;
    else if (sup.boundTo >= 0) l.available = true;
  }
  /** The suppliers of dev by links made before the start (suppliers), and those boot left unbound. */
  const fwSuppliers = (dev: number) => links.filter((l) => l.autoprobe && l.consumer === dev).map((l) => l.supplier);
  const unboundSuppliers = (dev: number) => fwSuppliers(dev).filter((x) => devices[x]!.boundTo < 0);
  // Bound from the start means boot's probe succeeded (a mainline hunt, 2026-12-05: a driver that
  // could only defer or fail, or that needs a device not bound, was accepted).
  for (const d of devices) {
    if (d.boundTo < 0) continue;
    const r = drivers[d.boundTo]!;
    if (d.matchDefers) throw bad(`${where}: device '${d.name}' is boundTo '${r.name}' but its match defers (matchDefers): boot's match of it deferred, a start the model does not build; leave it unbound and add it, or its driver, in an actor`);
    if (!r.outcomes.includes('ok')) throw bad(`${where}: device '${d.name}' is boundTo '${r.name}', whose probe never succeeds (probe: ${JSON.stringify(r.outcomes.length === 1 ? r.outcomes[0] : r.outcomes)}): boot could not have bound it; leave it unbound, or let the probe succeed ('ok')`);
    const absent = r.needs.filter((n) => !devices[n]!.present || (devices[n]!.boundTo < 0 && n !== d.i));
    if (absent.length) throw bad(`${where}: device '${d.name}' is boundTo '${r.name}', which needs ${absent.map((n) => `'${devNames[n]}'`).join(', ')} bound, ${absent.length > 1 ? 'devices' : 'a device'} not bound at boot: its probe would have deferred; make ${absent.length > 1 ? 'them' : 'it'} present and boundTo ${absent.length > 1 ? 'their drivers' : 'its driver'}, or leave '${d.name}' unbound`);
  }
  // A built-in driver declared before a device's own, whose probe always fails, met the device first
  // at boot (its registration's __driver_attach, or device_add's and the deferred worker's
  // __device_attach, which walk the drivers in registration order) and failed, and the next driver
  // then bound it (really_probe: "Ignore errors returned by ->probe so that the next driver can try
  // its luck"): where its probe went before the binding one in boot's order (bootOrder; one that
  // waits for a device bound only later deferred instead, and met the device bound; one in a module
  // loaded at the start came after boot, and its load model runs what it meets). Its links
  // are left (links.ts failedBootProbes; s43 h8: they were not, where the same pair added by an
  // actor leaves them).
  const before = devices.flatMap((d) => d.present && d.boundTo >= 0 ? drivers.filter((r) => r.i < d.boundTo && r.present && r.module < 0 && buses[r.bus]!.autoprobe
    && r.matches.includes(d.i) && r.outcomes.every((o) => o === 'error')).map((r) => ({ dev: d.i, drv: r.i, failed: true as const })) : []);
  for (const p of bootOrder(devices, drivers, links, before).probes) if (p.failed) (devices[p.dev]!.failedBefore ??= []).push(p.drv);
  for (const d of devices) for (const b of d.failedBefore ?? []) for (const li of drivers[b]!.addsLinks) {
    const l = links[li]!, sup = devices[l.supplier]!;
    // The failed probe left its managed link AVAILABLE (DORMANT from v5.1 to a supplier not bound), and the binding probe's check passed it.
    if (l.consumer === d.i && !l.autoremove && sup.present && sup.boundTo < 0) throw bad(`${where}: device '${d.name}' is boundTo '${drvNames[d.boundTo]}', but '${drvNames[b]}', declared before it, probed it first at boot and failed, leaving its device link to '${sup.name}', which is not bound: from v5.1 that link (DORMANT) would have deferred the probe by '${drvNames[d.boundTo]}'; say '${sup.name}' is boundTo its driver, declare '${drvNames[b]}' after '${drvNames[d.boundTo]}', or leave '${d.name}' unbound`);
  }
  // Boot bound each device after those its probe waits for (bootWaits): a cycle of them deferred
  // every probe in it for ever (s42 h18: `a` needing `b` and `b` needing `a`, both boundTo, was
  // accepted, and boot's probes in the boot-links model ran in the declared order there).
  const waitCycle = bootOrder(devices, drivers, links).cycle;
  if (waitCycle.length) throw bad(`${where}: devices ${waitCycle.map((x) => `'${devNames[x]}'`).join(', ')} are boundTo drivers whose probes each wait for another of them bound (needs, links, suppliers): boot deferred each of them for ever; leave one of them unbound, or drop one of those needs`);
  for (const d of drivers) {
    if (spec.drivers[d.name]!.present && d.module >= 0) throw bad(`${where}: driver '${d.name}' is present (built in) but belongs to module '${modNames[d.module]}'; drop module (built in, never unloaded), or drop present and declare the module loaded at the start (modules: { ${modNames[d.module]}: { loaded: true } }), or load it in an actor ('modprobe ${modNames[d.module]}', then 'rmmod ${modNames[d.module]}')`);
    for (const m of d.matches) if (d.present && buses[d.bus]!.autoprobe && devices[m]!.present && devices[m]!.boundTo < 0) {
      // Boot's match of it deferred: the model does not start from that (its deferral differs by profile).
      if (spec.devices[devNames[m]!]!.matchDefers) throw bad(`${where}: device '${devNames[m]}' (matchDefers) and driver '${d.name}' are both present on a bus that autoprobes: boot's match of it deferred, a start the model does not build; add the device or the driver in an actor`);
      // Boot probed it; a driver that needs a device not present deferred it: it starts on the
      // pending list (found by two new users, 2026-12-04: the state a deferred-probe scenario starts from).
      // (Unbound at boot: not present, or present with no driver bound: its driver in a module, or itself deferred.)
      const absent = d.needs.filter((n) => !devices[n]!.present || devices[n]!.boundTo < 0);
      // A probe that always defers deferred at boot too; one that always fails left it unbound (a differential hunt, 2026-12-04).
      // So did a link to a supplier not bound (device_links_check_suppliers: -EPROBE_DEFER).
      if (absent.length || unboundSuppliers(m).length || d.outcomes.every((o) => o === 'defer')) { (devices[m]!.deferredAtBoot ??= []).push(d.i); continue; }
      if (d.outcomes.every((o) => o === 'error')) { devices[m]!.failedAtBoot = true; continue; }
      // Matched by a loaded module's driver, registered by its probe, or needing (or linked to) a device
      // its driver binds (boot deferred it, the load's trigger retried it): that load, not boot, would have bound it.
      const loadedDrv = (x: number) => x >= 0 && drivers[x]!.module >= 0 && !!spec.modules?.[modNames[drivers[x]!.module]!]?.loaded;
      const by = d.module >= 0 ? d.module : (drivers.find((x) => loadedDrv(x.i) && (x.registers.includes(m) || (x.asyncScan ?? []).includes(m)))
        ?? [...d.needs, ...fwSuppliers(m)].map((n) => devices[n]!.boundTo).filter(loadedDrv).map((x) => drivers[x]!)[0])?.module ?? -1;
      throw bad(`${where}: driver '${d.name}' and device '${devNames[m]}' are both present on a bus that autoprobes, so ${by >= 0 ? `the load of module '${modNames[by]}' (loaded at the start)` : 'boot'} would have bound it: say the device is boundTo it, add one of them in an actor, give the bus autoprobe: false (a device left for a sysfs bind), or give the driver needs: a device not bound ${by >= 0 ? 'then' : 'at boot'}, or probe: 'defer' (${by >= 0 ? 'that load\'s' : 'boot\'s'} probe then deferred it: it starts on the pending list), or probe: 'error' (it failed: the device starts unbound)${fwSuppliers(m).length ? `, or leave its supplier ${fwSuppliers(m).map((x) => `'${devNames[x]}'`).join(', ')} unbound (its link then deferred it)` : ''}`);
    }
  }
  // A probe that ran at boot (its device boundTo the driver) registered its children then: they are
  // present from the start, and no other probe of the driver may register them again (a mainline
  // hunt, 2026-12-05: such a child started unregistered, and every property about it was vacuous).
  for (const d of drivers) for (const r of [...d.registers, ...(d.asyncScan ?? [])]) {
    const owners = d.matches.filter((m) => probeRegisters(d, m).includes(r) || (d.asyncScan ?? []).includes(r));
    const atBoot = owners.filter((m) => devices[m]!.boundTo === d.i);
    if (atBoot.length > 0) {
      if (!devices[r]!.present) throw bad(`${where}: device '${devNames[atBoot[0]!]}' is boundTo '${d.name}', whose probe registers '${devNames[r]}': that probe ran ${d.module >= 0 ? `when module '${modNames[d.module]}' was loaded` : 'at boot'}, so '${devNames[r]}' is present from the start: declare it present: true`);
      const again = owners.find((m) => devices[m]!.boundTo !== d.i);
      if (again !== undefined) throw bad(`${where}: driver '${d.name}' registers '${devNames[r]}' in its probe of '${devNames[again]}' too, but '${devNames[r]}' is already present (registered by its probe of '${devNames[atBoot[0]!]}' at boot): give registers by device ({ ${devNames[atBoot[0]!]}: [...] })`);
      continue;
    }
    if (devices[r]!.present) throw bad(`${where}: driver '${d.name}' registers '${devNames[r]}', which is already present`);
  }
  const modules = modNames.map((name, i) => ({ i, name, drivers: drivers.filter((d) => d.module === i).map((d) => d.i), asyncProbe: !!spec.modules?.[name]?.asyncProbe, loaded: !!spec.modules?.[name]?.loaded }));
  const asyncInstances = spec.asyncInstances ?? 2;
  if (!Number.isInteger(asyncInstances) || asyncInstances < 1 || asyncInstances > MAX_ASYNC_INSTANCES) throw bad(`${where}: asyncInstances must be 1..${MAX_ASYNC_INSTANCES}`);
  // A release that drops a supplier's lock keeps the driver's number, plus the drivers' count where
  // the parent's lock it dropped is an old struct's, in a byte (state.ts relDrv): said in the
  // scenario's words, not as the state field's (s49 h2: E102 "t.int(504): max must be ...").
  if (drivers.length > MAX_LINKED_DRIVERS && links.some((l) => !l.stateless)) throw bad(`${where}: it declares ${drivers.length} drivers and a managed device link (${devices[links.find((l) => !l.stateless)!.consumer]!.name} to ${devices[links.find((l) => !l.stateless)!.supplier]!.name}); with managed links at most ${MAX_LINKED_DRIVERS} drivers are modelled (a release keeps a driver number and a flag in a byte)`);
  const world: World = { buses, devices, drivers, modules, links, syncFallback: spec.syncFallback !== false, asyncInstances, ...(spec.deferredProbeTimeout !== undefined ? { deferredProbeTimeout: spec.deferredProbeTimeout } : {}) };
  if (spec.deferredOrder !== undefined) world.deferredOrder = pinnedOrder(spec.name, world, spec.deferredOrder);
  return world;
}

export interface BuiltScenario { model: Model; kernel: Kernel; world: World }

/** Build the model of a scenario for one profile and patch list. */
export function buildScenario(spec: ScenarioSpec, profileName: string, patchList: string, load?: LoadOpts): BuiltScenario {
  try {
    return buildPaths(spec, profileName, patchList, load);
  } catch (e) {
    // The paths are built by following calls statically: probes that register devices or drivers
    // whose probes register them again nest without end (the kernel stops at the second
    // device_add or driver_register). One line, not a stack overflow (found by a fuzzer, 2026-12-04).
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      // The build's own loop check (emit.ts ThreadBuilder.enter, enterDel) names where it closed.
      const at = /: (the probe of \S+ by \S+|device_del\(\S+\)) nests in itself$/.exec(e.message)?.[1];
      throw bad(`scenario '${spec.name}': building its paths nests without end: a probe registers (registers, registersDriver, asyncScan) a device or driver whose probe leads back to it, or a release leads back to itself (a supplier's release unbinds its consumers, and a consumer's driver that registers that supplier deletes it again), which the model cannot build (the kernel stops at the second device_add or driver_register, or never takes that path); break the cycle${at ? ` (${at} is built inside itself)` : ''}`);
    }
    // emit.ts stops a thread's build past the steps a thread holds, in compile's words (E103, a
    // model's malformed thread): said in the scenario's, with what to change (s49 h11: a hand-written
    // actor of 300 add/del pairs of a 12-deep chain read "E103 (malformed thread or step): thread 'boot' ...").
    const over = e instanceof ProbecheckError && e.code === 'E103' ? /^thread '(.*)' has more than \d+ steps \(its build stopped there\)/.exec(e.message) : null;
    if (over) throw bad(`scenario '${spec.name}': thread '${over[1]}' ${BUILDS_PAST} ${MAX_STEPS} a thread holds (its build stopped there): each action's steps take in those of the probes it runs, the devices they register and their probes, so they grow with the number of actions and with the square of the probes' nesting; split the actions among more actors, or register fewer devices inside probes`);
    namePatchFile(e, patchList);
    throw e;
  }
}

const BUILDS_PAST = 'builds more steps than the';
/** A build that stopped past the steps a thread holds (buildScenario's E601, compile's E103): from-log says its own E601 at once. */
export const pastSteps = (e: ProbecheckError): boolean => (e.code === 'E601' && e.message.includes(`' ${BUILDS_PAST} `)) || (e.code === 'E103' && / has more than \d+ steps|steps; at most /.test(e.message));

/**
 * The probes of built-in drivers boot ran (each device `boundTo` one), in the order boot bound
 * them (bootOrder: the drivers' declared order, which stands for their registration as initState
 * has it, each driver's devices in declared order, but each after the devices its probe waits for),
 * where a user's patch has a hunk on device_link_add and one of them added a stateless link (links.ts statelessLinksOf, as the search's probe adds them): these
 * run through it (loaded.ts bootLinksStart), so the start has what the patched kernel's boot made.
 * Before (s41 h4), two such adds were refused (E604) and one was counted unpatched: a hunk that
 * refuses the link, or makes it otherwise, started from the unpatched link. A module loaded at the
 * start binds in its load, which runs the patches itself.
 */
function bootLinkProbes(w: World, flags: ReadonlySet<string>, patches: readonly Patch[]): BootProbe[] {
  if (!patches.some((x) => isUserPatch(x) && x.hunks.some((h) => h.fn === 'device_link_add'))) return [];
  return bootProbesWithLinks(w, flags);
}

/** Boot's probes in the boot-links model's order, where one of them adds a stateless link (else none). */
function bootProbesWithLinks(w: World, flags: Pick<ReadonlySet<string>, 'has'>): BootProbe[] {
  if (!flags.has('DEVICE_LINKS')) return [];
  const failed = failedBootProbes(w);
  if (![...w.devices.filter((d) => d.present && d.boundTo >= 0).map((d) => ({ dev: d.i, drv: d.boundTo })), ...failed].some((p) => statelessLinksOf(w, p.drv, p.dev).length)) return [];
  // A probe that defers until a device is bound (its driver `needs` it; a managed link to it that
  // exists before the probe, fw_devlink's `suppliers`, defers in device_links_check_suppliers; one
  // ACTIVE at the start was made while that supplier was bound, else DORMANT) ran after that
  // device's, whatever the drivers' order (s42 h16: a consumer's driver declared first read its
  // supplier unbound in boot's probe, where boot retried it once the supplier bound). A probe that
  // failed (links.ts failedBootProbes) ran too, its links left made (s43 h2): in its driver's place
  // in that order, after what it waits for (what it needs was bound, or it deferred instead).
  return bootOrder(w.devices, w.drivers, w.links, failed).probes;
}

/**
 * The devices a probe of `dev` by `drv` at boot waited for: the driver's `needs` (with its checked
 * `links`; not the device itself, which validation lets pass), and its managed links to suppliers
 * that exist at the start ACTIVE (made while the supplier was bound: a `linksUnchecked` probe before
 * it would have made it DORMANT) or before the probe (`suppliers`: device_links_check_suppliers).
 */
function bootWaits(devices: readonly DevInfo[], drivers: readonly DrvInfo[], links: readonly LinkInfo[], dev: number, drv: number): number[] {
  // The binding probe after a failed one (DevInfo.failedBefore) checks the links that probe left:
  // from v5.1 one to a supplier not yet bound is DORMANT, and defers it (before, AVAILABLE: taken as from v5.1).
  const left = devices[dev]!.boundTo === drv ? (devices[dev]!.failedBefore ?? []).flatMap((b) => drivers[b]!.addsLinks.map((li) => links[li]!)).filter((l) => l.consumer === dev && !l.autoremove) : [];
  return [...drivers[drv]!.needs, ...links.filter((l) => !l.stateless && l.consumer === dev && (l.active || l.initial)).map((l) => l.supplier), ...left.map((l) => l.supplier)]
    .filter((x) => x !== dev && devices[x]!.present && devices[x]!.boundTo >= 0);
}

/**
 * Boot-bound devices in the order boot bound them: the drivers' declared order (each driver's
 * devices in theirs), but each after the devices it waits for (bootWaits). `cycle`: those left
 * when none of them can go (each waits for another of them), in that order. `probes`: the same
 * order of boot's probes, with the `failed` ones given (each in its driver's place, after what it
 * waits for; none waits for a device left unbound; one of a device bound before it is dropped).
 */
function bootOrder(devices: readonly DevInfo[], drivers: readonly DrvInfo[], links: readonly LinkInfo[], failed: readonly BootProbe[] = []): { order: number[]; cycle: number[]; probes: BootProbe[] } {
  const left: BootProbe[] = drivers.flatMap((r) => [...devices.filter((d) => d.present && d.boundTo === r.i).map((d) => ({ dev: d.i, drv: r.i })), ...failed.filter((p) => p.drv === r.i)]);
  const probes: BootProbe[] = [];
  while (left.length) {
    const i = left.findIndex((p) => bootWaits(devices, drivers, links, p.dev, p.drv).every((y) => !left.some((q) => !q.failed && q.dev === y)));
    if (i < 0) break;
    const [p] = left.splice(i, 1);
    probes.push(p!);
    // A failed probe of a device not yet reached when its driver binds it never ran (failedBefore: deferred, then met it bound).
    if (!p!.failed) for (let j = left.length - 1; j >= 0; j--) if (left[j]!.failed && left[j]!.dev === p!.dev) left.splice(j, 1);
  }
  const bound = (ps: BootProbe[]) => ps.filter((p) => !p.failed).map((p) => p.dev);
  return { order: bound(probes), cycle: bound(left), probes };
}

/**
 * Kernel.on for a flag set: one frozen record per set in a process (each build of a profile made
 * the same record of every flag again), keyed by the flags it has, in FLAGS' order: all it holds.
 */
const fieldsOf = new Map<string, Readonly<Record<Flag, boolean>>>();
const FLAG_NAMES = Object.keys(FLAGS) as Flag[];
function flagFields(flags: ReadonlySet<Flag>): Readonly<Record<Flag, boolean>> {
  const key = FLAG_NAMES.filter((f) => flags.has(f)).join(',');
  let on = fieldsOf.get(key);
  if (!on) fieldsOf.set(key, on = Object.freeze(Object.fromEntries(FLAG_NAMES.map((f) => [f, flags.has(f)])) as Record<Flag, boolean>));
  return on;
}

/** `load`: this is the load model of a scenario's loaded modules (loaded.ts), keeping what that scenario's state keeps. */
function buildPaths(spec: ScenarioSpec, profileName: string, patchList: string, load?: LoadOpts): BuiltScenario {
  const w = resolveWorld(spec);
  const prof = profile(profileName);
  const asked = parsePatches(patchList);
  const { flags, patches } = combine(prof.name, prof.flags, asked);
  // Fields the user's patches add (E604 on a clash, before anything is built).
  const added = addedState(patches.filter(isUserPatch), w);
  const threadNames: string[] = [];
  // A hunk that can make a deferral of its own: it lists a device (deferredAdd, a `.deferred`
  // write) or returns -EPROBE_DEFER (RET.EPROBE_DEFER, RET.LINK_DEFER). Not every text that says
  // "defer" (the worker's test below): a fix that only takes devices off the lists (deferredDel,
  // models/patches/deferred-add-dead.ts) made no-lost-deferral chosen and vacuous, exit 5 where
  // the check passed (a review, s39 h11). Nor one that only compares a return with them
  // (`t.ret === RET.EPROBE_DEFER`, a `case`; RET maybe qualified by the loader's import name):
  // it makes no deferral of its own.
  const userDefers = patches.some((p) => isUserPatch(p) && p.hunks.some((h) => /\bdeferredAdd\b|(?<!(?:[=!]=?=\s*|\bcase\s+)(?:[\w$]+\.)?)\bRET\.(?:EPROBE|LINK)_DEFER\b(?!\s*[=!]=)|\.deferred\s*=(?!=)/.test(String(h.step))));
  const k: Kernel = {
    w, flags, patches, userPatched: patches.some(isUserPatch), profile: [prof.name, ...asked.map((x) => x.id)].join(' + '), builtFor: [prof.name, ...asked.filter((x) => !isUserPatch(x)).map((x) => x.id)].join(' + '),
    has: (f) => flags.has(f), on: flagFields(flags), dn: (i) => w.drivers[i]!.name, vn: (i) => w.devices[i]!.name, parent: (i) => w.devices[i]!.parent,
    // A user's hunk may defer where no declared driver does (a match that defers, say): the worker
    // must be there to retry it (a new user, 2026-12-05: the device was stranded, and every
    // property held). Only where a hunk's code speaks of deferral (deferredAdd, .deferred,
    // EPROBE_DEFER): an idle worker woken by every bind triples a search for nothing.
    threadNames, hasDeferredWorker: w.drivers.some((d) => d.outcomes.includes('defer') || d.needs.length > 0) || (w.devices.some((d) => d.matchDefers) && flags.has('MATCH_DEFER'))
      || w.devices.some((d) => d.deferredAtBoot?.length) || (w.links.some((l) => l.autoprobe) && flags.has('AUTOPROBE_CONSUMER'))
      // A linksUnchecked link is skipped at its consumer's first probe only: a later one defers in
      // device_links_check_suppliers while the supplier is unbound (a review, 2026-12-05).
      || (w.links.some((l) => l.unchecked && !l.stateless) && flags.has('DEVICE_LINKS')) || userDefers,
    userDefers,
    linksLock: patches.some(isUserPatch) && flags.has('DEVICE_LINKS'),
    sources: prof.sources, renamed: prof.renamed ?? {}, unread: prof.unread ?? {}, unsettled: prof.unsettled ?? {}, assumed: prof.assumed ?? {}, anchors: [], targets: new Map(),
    applied: new Set(), built: new Set(), releasable: new Set(), moduleWq: [], flushers: [], added: added.names, locks: added.locks,
    ...(added.local.size ? { locals: added.local } : {}),
  };

  // What the user's patch steps read (emit.ts framedStep): a field that never changed is said after the search.
  if (patches.some(isUserPatch)) {
    const names: Record<string, (i: number) => string | undefined> = { dev: (i) => w.devices[i]?.name, drv: (i) => w.drivers[i]?.name, mod: (i) => w.modules[i]?.name };
    k.reads = new ReadLog((a, i) => names[a]?.(i) ?? String(i));
    k.patchFiles = patchFilesOf(patchList);
  }

  // 1. Who runs: actors, then the kernel's dormant async workers, then the deferred-probe worker.
  const actors = Object.entries(spec.actors ?? {}).map(([name, acts]) => ({ name, acts: ([] as string[]).concat(acts).map((x) => parseAction(w, name, x, spec.name)) }));
  if (actors.length === 0) throw bad(`scenario '${spec.name}': it has no actors (nothing would run)`);
  for (const a of actors) if (a.acts.length === 0) throw bad(`scenario '${spec.name}': actor '${a.name}' has no actions (write one action, or a list of them)`);
  k.shutdown = actors.some((a) => a.acts.some((x) => x.op === 'device_shutdown')) || !!load?.shutdown;
  k.loaders = w.modules.map((m) => ({ modprobes: actors.flatMap((a) => a.acts.filter((x) => x.op === 'modprobe' && x.mod === m.i).map(() => a.name)),
    rmmods: actors.flatMap((a) => a.acts.filter((x) => x.op === 'rmmod' && x.mod === m.i).map(() => a.name)),
    requested: w.drivers.some((d) => d.requestModule === m.i) }));
  // Once device_block_probing ran every probe defers onto the pending list: the worker is there.
  if (blocksProbing(k)) k.hasDeferredWorker = true;
  // Statically impossible sequences, which would otherwise run as something the kernel never does.
  for (const a of actors) a.acts.forEach((x, j) => {
    if (x.op === 'unlock' && !x.maybe && !a.acts.slice(0, j).some((y) => y.op === 'lock' && y.dev === x.dev)) {
      throw bad(`scenario '${spec.name}': actor '${a.name}': 'unlock ${w.devices[x.dev]!.name}' unlocks a mutex this actor never locked before it (a mutex is unlocked by its owner); write 'lock ${w.devices[x.dev]!.name}' first`);
    }
  });
  // On a need_parent_lock bus an add or del of a child already runs under the parent's
  // lock (underParentLock in actions.ts: driver_set_config_work's usb_lock_device around
  // usb_set_configuration), so a 'lock udev' written around 'add intf' to say the same thing
  // takes it twice, and the actor deadlocks on itself: a new user's "deadlock" (s28 mainline
  // sweep). A literal 'lock d' twice stays allowed: it says what it does (vacuity.test.ts uses it).
  for (const a of actors) {
    const held = new Set<number>();
    for (const x of a.acts) {
      if (!('dev' in x)) continue;
      const dn = (i: number) => w.devices[i]!.name, d = w.devices[x.dev]!;
      if ((x.op === 'add' || x.op === 'del' || x.op === 'kill-del') && d.parent >= 0 && w.buses[d.bus]!.needParentLock && held.has(d.parent)) {
        throw bad(`scenario '${spec.name}': actor '${a.name}': '${x.op} ${d.name}' runs between 'lock ${dn(d.parent)}' and 'unlock ${dn(d.parent)}', but on bus '${w.buses[d.bus]!.name}' (needParentLock) ${x.op === 'add' ? 'an' : 'a'} ${x.op} of a child already takes its parent's lock, as the USB core's caller of usb_set_configuration does (driver_set_config_work: usb_lock_device), so this actor would lock ${dn(d.parent)} twice and deadlock on itself; drop the 'lock ${dn(d.parent)}'/'unlock ${dn(d.parent)}' around it`);
      }
      if (x.op === 'lock') held.add(x.dev);
      else if (x.op === 'unlock') held.delete(x.dev);
    }
  }
  // device_add's kobject_add under a parent that never has a sysfs directory fails (-ENOENT,
  // fs/sysfs/dir.c; paths/device-add.ts): an add of a child whose parent nobody adds does nothing.
  const addedBy = (i: number) => w.devices[i]!.present || w.drivers.some((r) => r.registers.includes(i) || (r.asyncScan ?? []).includes(i))
    || actors.some((a) => a.acts.some((x) => x.op === 'add' && 'dev' in x && x.dev === i));
  for (const d of w.devices) {
    if (d.parent < 0 || d.present || !addedBy(d.i) || addedBy(d.parent)) continue;
    const p = w.devices[d.parent]!.name;
    throw bad(`scenario '${spec.name}': device '${d.name}' is added but its parent '${p}' is never present or added: device_add's kobject_add would find no directory for '${p}' in sysfs and fail (-ENOENT), adding nothing; make '${p}' present or 'add ${p}' first`);
  }
  for (const d of w.devices) {
    const count = (ops: string[]) => actors.reduce((c, a) => c + a.acts.filter((x) => ops.includes(x.op) && 'dev' in x && x.dev === d.i).length, 0);
    const adds = count(['add']) + w.drivers.filter((r) => r.registers.includes(d.i)).length, dels = count(['del', 'kill-del']);
    // A child a bound parent's probe registered at boot: that probe's add is the one made (its
    // devres removes the child before the probe can run again).
    const byBoot = w.drivers.some((r) => r.registers.includes(d.i) && r.matches.some((m) => w.devices[m]!.boundTo === r.i));
    if (adds > dels + (d.present && !byBoot ? 0 : 1)) {
      throw bad(`scenario '${spec.name}': device '${d.name}' is ${d.present ? 'present and ' : ''}added ${adds} time${adds === 1 ? '' : 's'} (by actors${adds > count(['add']) ? ' and probes' : ''}) but removed ${dels} time${dels === 1 ? '' : 's'}: some device_add would find it already registered, which no kernel path does; remove an add or add a 'del ${d.name}'`);
    }
  }
  // driver_register's driver_find (driver.c, the same at v3.6.0 and 5.10.13, kernel/) makes a register of a registered
  // driver -EBUSY (bus_add_driver's first step runs it); more registers than the driver can take refuse.
  for (const d of w.drivers) {
    const count = (op: string) => actors.reduce((c, a) => c + a.acts.filter((x) => x.op === op && 'drv' in x && x.drv === d.i).length, 0);
    const regs = count('register'), unregs = count('unregister');
    if (regs > unregs + (d.present ? 0 : 1)) {
      throw bad(`scenario '${spec.name}': driver '${d.name}' is ${d.present ? 'present and ' : ''}registered ${regs} time${regs === 1 ? '' : 's'} but unregistered ${unregs} time${unregs === 1 ? '' : 's'}: some driver_register would always find it registered (driver_find) and return -EBUSY, doing nothing; remove a 'register ${d.name}' or add an 'unregister ${d.name}'`);
    }
  }
  // A device whose driver_override an actor writes reads it in two steps when matching (B13).
  for (const a of actors) for (const x0 of a.acts) if (x0.op === 'override') {
    const d = w.devices[x0.dev]!, b = w.buses[d.bus]!;
    // No file to write before 3d713e0e382e (DRIVER_OVERRIDE): v3.14 was accepted and built the store (a finding, 2026-12-06).
    if (!k.has('DRIVER_OVERRIDE')) throw bad(`scenario '${spec.name}': actor '${a.name}': action 'override ${d.name} ${w.drivers[x0.drv]!.name}': profile ${k.profile} has no driver_override file (3d713e0e382e, v3.16, added it); use ${firstWith('DRIVER_OVERRIDE')} or later`);
    // driver_override is the platform bus's (platform_match); USB (a need_parent_lock bus) has none (a sysfs hunt, 2026-12-04).
    if (b.needParentLock) throw bad(`scenario '${spec.name}': actor '${a.name}': override ${d.name}: ${d.name} is on bus '${b.name}', a need_parent_lock bus (USB), which has no driver_override; the model's is the platform bus's (platform_match)`);
    // platform_match binds the named driver whatever its id table says; the model's walks go only
    // through a driver's `matches` (a source audit, 2026-12-04: d was never bound to x).
    // A driver the scenario does not match with d is one only the override makes match (s40 h7:
    // until then refused, E601): its walks, __device_attach's driver loop and the per-driver ghosts
    // follow it as a matching driver whose match fails while no override names it (byOverride).
    // Added after boot's checks (at boot no override is written, and x does not match d), before
    // neverTakesEffect's (a drivers_probe or bind of d after the store may bind it to x).
    const x = w.drivers[x0.drv]!;
    if (!x.matches.includes(d.i)) {
      // bus_for_each_drv and bus_for_each_dev walk d's bus alone: an override naming a driver of another bus matches nothing.
      if (x.bus !== d.bus) throw bad(`scenario '${spec.name}': actor '${a.name}': override ${d.name} ${x.name}: ${x.name} is on bus '${w.buses[x.bus]!.name}', ${d.name} on '${b.name}': platform_match compares the override with the drivers of ${d.name}'s bus only, so this override names no driver that can bind it`);
      x.matches.push(d.i);
      d.drivers.push(x.i);
      d.drivers.sort((p, q) => p - q);
      (d.byOverride ??= []).push(x.i);
    }
    d.override = true;
  }
  const actorNames = actors.map((a) => a.name), lists = actors.map((a) => a.acts);
  for (const a of actors) for (const x of a.acts) if (x.op === 'register' && w.drivers.some((d) => d.registersDriver.includes(x.drv))) throw bad(`scenario '${spec.name}': actor '${a.name}': '${x.text}': a probe registers that driver (registersDriver)`);
  actors.forEach((a, i) => a.acts.forEach((x, j) => {
    const why = neverTakesEffect(w, actorNames, lists, i, j);
    if (why) throw bad(`scenario '${spec.name}': actor '${a.name}': action '${x.text}' can never take effect: ${why}; write 'maybe ${x.text}' if it may do nothing`);
  }));
  // The late initcall runs once; with it the scenario starts before late initcalls (deferred probing disabled).
  // Actions a kernel runs once: the late initcall, and device_shutdown (kernel_restart_prepare,
  // kernel_shutdown_prepare; nothing clears defer_all_probes after it). Returns how many times.
  const once = (op: Action['op'], what: string): number => {
    const by = actors.flatMap((a) => a.acts.filter((x) => x.op === op).map(() => a.name));
    if (by.length > 1) throw bad(`scenario '${spec.name}': '${op}' is ${what} actors ${by.join(', ')} write it ${by.length} times`);
    return by.length;
  };
  const late = once(LATE_INITCALL, 'a late_initcall: it runs once, but') === 1;
  // Userspace loads modules, after every initcall: a scenario that starts before late initcalls has none loaded.
  if (late && w.modules.some((m) => m.loaded)) throw bad(`scenario '${spec.name}': module '${w.modules.find((m) => m.loaded)!.name}' is loaded at the start, but '${LATE_INITCALL}' starts the scenario before late initcalls, before userspace can load a module; load it in an actor after '${LATE_INITCALL}'`);
  once('device_shutdown', 'what reboot or poweroff runs, once:');
  if (late && lateInitcallRefusal(k)) throw bad(`scenario '${spec.name}': ${lateInitcallRefusal(k)}`);
  // deferred_probe_timeout= is read by the late initcall, from 25b4e70dcce9 (v4.19) on.
  if (spec.deferredProbeTimeout !== undefined && !k.has('PROBE_TIMEOUT_WORK')) throw bad(`scenario '${spec.name}': deferredProbeTimeout: profile ${k.profile} has no deferred_probe_timeout (25b4e70dcce9, v4.19, added it); use ${firstWith('PROBE_TIMEOUT_WORK')} or later`);
  // From v5.13 the timeout work starts with fw_devlink_drivers_done() (dd.c at dakr@1ac45118ddf8),
  // which drops DL_FLAG_AUTOPROBE_CONSUMER from every inferred link whose supplier never matched a
  // driver (fw_devlink_no_driver, fw_devlink_relax_link in 6.18.16's core.c): not modelled.
  if (late && schedulesTimeout(k) && k.has('TIMEOUT_RELAXES_FW_LINKS') && w.links.some((l) => l.autoprobe)) throw bad(`scenario '${spec.name}': device '${w.devices[w.links.find((l) => l.autoprobe)!.consumer]!.name}': suppliers: '${LATE_INITCALL}' schedules the deferred-probe timeout work here (deferred_probe_timeout ${probeTimeout(k)}), whose fw_devlink_drivers_done relaxes the links of suppliers that never matched a driver (no more DL_FLAG_AUTOPROBE_CONSUMER), which is not modelled; give deferredProbeTimeout: 0 or -1, or leave the late initcall out`);
  if (spec.deferredProbeTimeout !== undefined && !late) throw bad(`scenario '${spec.name}': deferredProbeTimeout is read by the late initcall, which no actor runs: add '${LATE_INITCALL}' to the boot actor`);
  // DeviceSpec.suppliers: links with DL_FLAG_AUTOPROBE_CONSUMER, made before the start.
  const fw = w.links.filter((l) => l.autoprobe);
  if (fw.length) {
    const why = `scenario '${spec.name}': device '${w.devices[fw[0]!.consumer]!.name}': suppliers`;
    if (!k.has('AUTOPROBE_CONSUMER')) throw bad(`${why}: ${k.profile} has no DL_FLAG_AUTOPROBE_CONSUMER (e7dd40105aac, v5.1) nor fw_devlink; use ${firstWith('AUTOPROBE_CONSUMER')} or later`);
    for (const a of actors) for (const x of a.acts) if (x.op === 'add' && fw.some((l) => l.consumer === x.dev || l.supplier === x.dev)) {
      throw bad(`${why}: actor '${a.name}' adds '${w.devices[x.dev]!.name}', an end of a link made before the start: the links fw_devlink makes at a later device_add are not modelled (device_del's device_links_purge deletes them)`);
    }
  }
  for (const d of w.devices) {
    if (!d.matchDefers) continue;
    const why = `scenario '${spec.name}': device '${d.name}': matchDefers`;
    if (d.override) throw bad(`${why}: an actor writes its driver_override too; a match that defers together with a driver_override written meanwhile is not modelled (amba_match reads the override after the peripheral ID read that defers)`);
    if (!w.drivers.some((x) => x.matches.includes(d.i))) throw bad(`${why}: no driver matches it, so no match() is ever called for it: list it in the matches of the drivers whose match() defers`);
  }
  for (const a of actors) for (const x of a.acts) if (x.op === 'unbind' || x.op === 'bind' || x.op === 'drivers_probe') w.devices[x.dev]!.storeLookup = true;
  // A device_del holds the struct its caller got; a second removal of one device (B9) may still run
  // on the old struct after a del and an add have registered a new one (DevInfo.delRace).
  // A driver whose probe registers it removes it too: its parent's release, or the probe's error
  // path (release.ts, really-probe.ts), and its next probe adds it again (a review, 2026-12-06:
  // an actor's del of the old child ran on into the one a re-bind registered, a false device-ready).
  for (const d of w.devices) {
    const owned = w.drivers.some((r) => r.registers.includes(d.i));
    const removers = actors.filter((a) => a.acts.some((x) => (x.op === 'del' || x.op === 'kill-del') && x.dev === d.i)).length + (owned ? 1 : 0);
    const scanned = w.drivers.some((r) => (r.asyncScan ?? []).includes(d.i));
    if (removers > 1 && (owned || scanned || actors.some((a) => a.acts.some((x) => x.op === 'add' && x.dev === d.i)))) d.delRace = true;
    // One that may be deleted and added again keeps DevS.probeIn (its add reads it: device-add.ts):
    // an add that may come after a removal, in one actor's order or in another actor's (actors'
    // actions are unordered between them), or a probe or scan that adds it. hot-unplug's
    // `['add dc', 'del dc']` never adds again: its traces carry no probeIn lines.
    const removes = (x: { op: string; dev?: number }) => (x.op === 'del' || x.op === 'kill-del') && x.dev === d.i;
    const adds = (x: { op: string; dev?: number }) => x.op === 'add' && x.dev === d.i;
    const addAfter = actors.some((a) => { const i = a.acts.findIndex(removes); return i >= 0 && a.acts.slice(i + 1).some(adds); })
      || actors.some((a) => a.acts.some(removes) && actors.some((b) => b !== a && b.acts.some(adds)));
    if (removers > 0 && (owned || scanned || addAfter)) d.readd = true;
    // (A removal that got one struct and waited through STRUCTS adds would take the last for its
    // own: device_add stops the search there, E206, as for every other holder; a review of
    // 2026-12-06 found it at 4 adds, refused here until s36.)
  }
  // Devices an actor may leave unbound on purpose, which no-missed-probe must not expect probed
  // again once that happened in a run (the ghost DevS.released, set where the driver is let go):
  // - sysfs unbind;
  // - a driver's removal (driver_detach from rmmod or driver_unregister) releases its devices and
  //   probes none again (dd.c driver_detach, bus.c bus_remove_driver), where another driver
  //   matches (a false-alarm hunt, 2026-12-03; with no other driver registered nothing is missed,
  //   and a driver registered later owes it a probe: DevS.owed);
  // - a supplier's unbind, driver removal (even its only driver's) or device_del unbinds its
  //   consumers (device_links_unbind_consumers), and a link without DL_FLAG_AUTOPROBE_CONSUMER
  //   does not probe them again when the supplier binds (one with it, DeviceSpec.suppliers, does:
  //   its consumers stay judged unless the supplier is deleted, below).
  // - a driver_override store: it probes nothing (platform.c driver_override_store swaps the string
  //   and returns), so only a probe attempt that starts since owes the device one, and missed()
  //   judges it for the driver the override names alone (overrideMatches). Not a supplier's
  //   release, and kept only where no-missed-probe is checked: added once the properties are chosen.
  // Every release writes the ghosts only where no-missed-probe is checked (Kernel.missedJudged, set
  // with overridesRelease below; paths/owed.ts): elsewhere they stay constant.
  const removed = new Set(actors.flatMap((a) => a.acts.flatMap((x) => (x.op === 'unregister' ? [x.drv] : x.op === 'rmmod' ? w.modules[x.mod]!.drivers : []))));
  for (const a of actors) for (const x of a.acts) if (x.op === 'unbind') k.releasable.add(x.dev);
  for (const d of w.devices) if (d.drivers.length > 1 && d.drivers.some((r) => removed.has(r))) k.releasable.add(d.i);
  // A child a probe registers is deleted when its parent's driver lets go of the parent (unbind,
  // rmmod, unregister, the parent's device_del): device_del without any actor's `del`.
  const releases = (r: number) => actors.some((a) => a.acts.some((x) => ((x.op === 'unbind' || x.op === 'unregister') && x.drv === r)
    || (x.op === 'rmmod' && w.modules[x.mod]!.drivers.includes(r)) || ((x.op === 'del' || x.op === 'kill-del') && w.drivers[r]!.matches.includes(x.dev))));
  if (k.has('DEVICE_LINKS')) {
    // Deleted: by an actor, or as a child a probe registered, when its parent's driver is let go
    // (and so on down: a deleted device's driver lets go of its own children).
    const deleted = new Set(actors.flatMap((a) => a.acts.flatMap((x) => (x.op === 'del' || x.op === 'kill-del' ? [x.dev] : []))));
    for (let grew = true; grew;) {
      grew = false;
      for (const r of w.drivers) {
        if (!releases(r.i) && !r.matches.some((m) => deleted.has(m))) continue;
        for (const c of [...r.registers, ...(r.asyncScan ?? [])]) if (!deleted.has(c)) { deleted.add(c); grew = true; }
      }
    }
    const suppliers = new Set([...k.releasable, ...deleted, ...w.devices.filter((d) => d.drivers.some((r) => removed.has(r))).map((d) => d.i)]);
    for (let grew = true; grew;) {
      grew = false;
      // A DL_FLAG_AUTOPROBE_CONSUMER link (suppliers) probes its consumer again when the supplier
      // binds again: released on purpose only where the supplier is deleted, taking the link with
      // it (a review, 2026-12-05: else no property judged the retry the feature is about).
      for (const l of w.links) if (!l.stateless && suppliers.has(l.supplier) && (!l.autoprobe || deleted.has(l.supplier)) && !k.releasable.has(l.consumer)) { k.releasable.add(l.consumer); suppliers.add(l.consumer); grew = true; }
    }
  }
  // Only where no-missed-probe can call a device missed: on a bus that autoprobes, with a driver whose probe succeeds.
  // `stored`: devices released only by a driver_override store (overridesRelease), said so when refused.
  const keepReleasable = (stored: ReadonlySet<number> = new Set()) => { for (const i of k.releasable) {
    const d = w.devices[i]!;
    if (!w.buses[d.bus]!.autoprobe || !d.drivers.some((x) => w.drivers[x]!.outcomes.every((o) => o === 'ok'))) k.releasable.delete(i);
    // DevS.owed and walkPending have a bit per matching driver, written only where no-missed-probe is checked (paths/owed.ts).
    else if (k.missedJudged && d.drivers.length > 8) throw bad(`scenario '${spec.name}': device '${d.name}' is matched by ${d.drivers.length} drivers and an actor may release it${stored.has(i) ? ' (its driver_override store, where no-missed-probe is checked: the store probes nothing, and only a probe attempt since owes it one)' : ''}; where no-missed-probe is checked, at most 8 drivers may match such a device (its ghost keeps a bit per driver)`);
  } };
  keepReleasable();
  // `tied`: the device a kernel thread is started for alone (symmetry permutes it with the device).
  type Plan = { name: string; program?: string; running: boolean; async: boolean; tied?: number; build: (tb: ThreadBuilder) => string };
  const actionOf = actors.map((): ActionOfLabel => new Map());
  // Each actor's action entry labels: where an `unfair` actor may stop (ThreadDef.stopsAt).
  const entries = actors.map((): string[] => []);
  const plans: Plan[] = actors.map(({ name, acts }, ai) => ({
    name, running: true, async: false,
    build: (tb) => {
      actionOf[ai]!.clear();
      entries[ai]!.length = 0;
      const added = new Set<number>();
      const waits = acts.map((a) => {
        if (a.op === 'add') added.add(a.dev);
        // `maybe del` tests registration wherever the device comes from (docs/scenarios.md, "Writing a scenario"): a present device
        // another actor deleted first is not deleted again (a hunt, 2026-12-04).
        return (a.op === 'del' || a.op === 'kill-del') && (a.maybe || (!w.devices[a.dev]!.present && !added.has(a.dev)));
      });
      let next: Ret = null;
      for (let i = acts.length - 1; i >= 0; i--) {
        // The labels this action adds: those done() adds after the count (a set of every label so far, per action, was quadratic).
        const before = tb.added.length;
        tb.act = i;
        // A system call, or the actor's last action, that ends holding a lock a patch declares: E205 (user-return.ts),
        // or no-lock-at-return's violation where that is checked; the blocks built with `ret` are its return steps (emit.ts Block.returns, Kernel.judgeReturn).
        const ret = tb.actionRet = actionReturn(tb, acts[i]!, next);
        next = actionEntry(tb, acts[i]!, ret, waits[i]!);
        tb.actionRet = undefined;
        entries[ai]!.push(next as string);
        tb.act = -1;
        for (let j = before; j < tb.added.length; j++) actionOf[ai]!.set(tb.added[j]!, i);
      }
      return next as string;
    },
  }));
  const n = w.asyncInstances;
  for (const d of w.devices) {
    if (!d.drivers.some((x) => mayBeAsync(k, x))) continue;
    for (let j = 1; j <= n; j++) plans.push({ name: asyncThreadName('__device_attach_async_helper', d.name, j), program: asyncProgram('__device_attach_async_helper', d.name), running: false, async: true, tied: d.i,
      build: (tb) => { const done = asyncRunEntryDone(tb); return tb.holding(d.i, () => deviceAttachAsyncHelper(tb, d.i, done, true)); } });
    if (k.has('PER_DEVICE_ASYNC_ATTACH')) for (let j = 1; j <= n; j++) plans.push({ name: asyncThreadName('__driver_attach_async_helper', d.name, j), program: asyncProgram('__driver_attach_async_helper', d.name), running: false, async: true, tied: d.i,
      build: (tb) => { const done = asyncRunEntryDone(tb); return tb.holding(d.i, () => driverAttachAsyncHelper(tb, d.i, done, true)); } });
  }
  if (!k.has('PER_DEVICE_ASYNC_ATTACH')) for (const d of w.drivers) {
    if (!mayBeAsync(k, d.i)) continue;
    // A driver registered again (register after unregister, by actors that race) may find its
    // first driver_attach_async entry still pending: it gets asyncInstances of them, as a device's
    // helpers do (the random-scenario test met a register, unregister, register with one: E204).
    const regs = actors.reduce((c, a) => c + a.acts.filter((x) => (x.op === 'register' && x.drv === d.i) || (x.op === 'modprobe' && x.mod === d.module)).length, 0)
      + (d.present ? 1 : 0) + w.drivers.filter((r) => r.registersDriver.includes(d.i)).length;
    const m = regs > 1 ? n : 1;
    for (let j = 1; j <= m; j++) plans.push({ name: asyncThreadName('driver_attach_async', d.name, j), program: asyncProgram('driver_attach_async', d.name), running: false, async: true,
      build: (tb) => driverAttach(tb, d.i, asyncRunEntryDone(tb)) });
  }
  // Threads a probe body starts (B7): the work_on_cpu kworker, the async scan entries, request_module's modprobe.
  for (const d of w.drivers) for (const dev of d.matches) {
    if (d.workOnCpu) plans.push({ name: workOnCpuThread(k, dev, d.i), running: false, async: false, tied: dev, build: (tb) => localPciProbe(tb, dev, d.i) });
    if (d.asyncScan !== null) for (let j = 1; j <= n; j++) plans.push({ name: asyncThreadName('do_scan_async', `${w.devices[dev]!.name},${d.name}`, j), program: scanProgram(k, dev, d.i), running: false, async: true, tied: dev,
      build: (tb) => doScanAsync(tb, dev, d.i, asyncRunEntryDone(tb)) });
  }
  for (const m of w.modules) if (w.drivers.some((d) => d.requestModule === m.i)) plans.push({ name: requestModprobeThread(m.name), running: false, async: false, build: (tb) => doInitModule(tb, m.i, null, true) });
  if (k.hasDeferredWorker) plans.push({ name: DEFERRED_WORKER, running: true, async: false, build: (tb) => deferredProbeWorkFunc(tb) });
  // The kworker of deferred_probe_timeout_work, started when the late initcall schedules it.
  if (late && schedulesTimeout(k)) plans.push({ name: TIMEOUT_WORKER, program: TIMEOUT_PROGRAM, running: false, async: false, build: (tb) => deferredProbeTimeoutWorkFunc(tb) });
  // The boot-links model (loaded.ts bootLinksStart): the same threads, none running (the state
  // schema is the scenario's), and one that runs boot's device_link_add calls.
  if (load?.bootProbes) {
    for (const p of plans) p.running = false;
    const probes = load.bootProbes;
    plans.push({ name: BOOT_LINKS, running: true, async: false, build: (tb) => { let next: Ret = null; for (let i = probes.length - 1; i >= 0; i--) next = bootProbe(tb, probes[i]!, next); return next as string; } });
  }
  threadNames.push(...plans.map((p) => p.name));
  const unfair = new Set(spec.unfair ?? []);
  for (const u of unfair) if (!actors.some((a) => a.name === u)) throw bad(`scenario '${spec.name}': unfair: '${u}' is not an actor; actors: ${actors.map((a) => a.name).join(', ')}`);
  // A boot always runs its late initcalls: an actor that may stop before deferred_probe_initcall
  // would leave deferred probing disabled for ever, which no kernel does (a hunt, 2026-12-04:
  // no-lost-deferral then blamed the retry the initcall's trigger makes).
  for (const a of actors) if (unfair.has(a.name) && a.acts.some((x) => x.op === 'deferred_probe_initcall')) {
    throw bad(`scenario '${spec.name}': unfair: actor '${a.name}' runs deferred_probe_initcall, which a boot always runs: an unfair actor may stop before it; give it an actor of its own that is fair`);
  }
  // Where each actor may stop: an unfair one before any action; every other before a
  // device_shutdown. Nothing makes a reboot come, and once it has blocked probing
  // no-missed-probe and no-lost-deferral owe nothing: a reboot every fair run had to reach
  // ended every such obligation, so they held wherever an actor ran device_shutdown, a
  // probe lost before the reboot too (a liveness hunt, 2026-12-05: 84e7c6786aad's lost attach
  // at v5.15 read holds beside `reboot: 'device_shutdown'`).
  // (Not before a device_shutdown the actor's deferred_probe_initcall follows: a boot runs that one.
  // `entries` are built from the last action back.)
  const stopsOf = (ai: number): string[] => {
    const acts = actors[ai]!.acts, last = acts.length - 1;
    return unfair.has(actors[ai]!.name) ? entries[ai]!
      : entries[ai]!.filter((_, j) => acts[last - j]!.op === 'device_shutdown' && !acts.slice(last - j).some((x) => x.op === LATE_INITCALL));
  };

  // 2. Their steps. (A load model ranks the drivers its scenario ranks: loaded.ts.)
  for (const d of load?.walked ?? []) walksDrivers(w, d);
  const threads: ThreadDef[] = plans.map((p, tid) => {
    let tb = new ThreadBuilder(k, p.name, tid, p.async);
    const anchors = k.anchors.length;
    let entry: string;
    try {
      entry = p.build(tb);
      // Blocks of one name built more than once: build again, numbered in the thread's order.
      if (tb.repeats) { k.anchors.length = anchors; tb = new ThreadBuilder(k, p.name, tid, p.async, tb.perAction); entry = p.build(tb); }
    } catch (e) {
      // A refusal found while an action's steps are built names the scenario and actor, as the others do.
      if (!(e instanceof ProbecheckError) || e.code !== 'E601' || e.message.startsWith('scenario ')) throw e;
      throw bad(`scenario '${spec.name}': ${actors.some((a) => a.name === p.name) ? `actor '${p.name}': ` : ''}${e.message}`);
    }
    const frames = [...tb.frames].flatMap(([fn, calls]) => added.local.get(fn)!.map((d) => ({ key: frameKey(fn, d.name), max: d.max, calls })));
    const def: ThreadDef = { name: p.name, running: p.running, locals: localsSchema(tb.maxDepth, w, added.thread, frames), steps: tb.ordered(entry) };
    if (tb.holds.size) (k.holds ??= new Map()).set(p.name, tb.holds);
    if (tb.actions.length) def.actions = tb.actions;
    // An unfair actor may stop before any of its actions, never inside one (holding a lock, say).
    if (tid < actors.length && stopsOf(tid).length) { def.fair = false; def.stopsAt = [...stopsOf(tid)]; }
    if (p.program) def.program = p.program;
    return def;
  });

  // 3. Properties.
  const dels = w.devices.map((d) => actors.reduce((c, a) => c + a.acts.filter((x) => (x.op === 'del' || x.op === 'kill-del') && x.dev === d.i).length, 0));
  const readers = actors.some((a) => a.acts.some((x) => x.op === 'uevent'));
  const ops = new Set(actors.flatMap((a) => a.acts.map((x) => x.op)));
  // A child is deleted when its parent's driver is let go, or when the probe that registered it
  // fails (really_probe's error path: devres_release_all unregisters it; a property audit,
  // 2026-12-05: no-probe-after-del was not chosen there, and named it was violated).
  const delByRelease = new Set(w.drivers.flatMap((r) => (releases(r.i) || r.outcomes.some((o) => o !== 'ok') ? r.registers : [])));
  const stopsAt = new Map(actors.flatMap((a, i) => (stopsOf(i).length ? [[a.name, new Set(stopsOf(i))] as const] : [])));
  // Every step the threads were built with, by instance (`really_probe(dc,dc-drv):call_probe`), but
  // the deferred-probe worker's, built to probe any device a list may hold: only its retries of a
  // device that may be listed, and what they nest (PropCtx.steps).
  // An attach helper's or driver_attach_async's entry thread is reached only where a step that
  // schedules it is (its async_schedule, in a thread reached, to a fixpoint: a helper's probe may
  // add a child whose attach schedules another): every async device or driver gets its threads,
  // and their probes chose properties that read vacuous where nothing schedules them (s49 h6: a bus
  // with autoprobe: false, whose attach is not built, device-add.ts busProbeDevice).
  const scheduler: Record<string, (l: string, arg: string) => boolean> = {
    __device_attach_async_helper: (l, a) => l.startsWith(`__device_attach(${a})`), __driver_attach_async_helper: (l, a) => l.startsWith(`__driver_attach(${a},`),
    driver_attach_async: (l, a) => l.startsWith(`bus_add_driver(${a})`),
  };
  const schedulesOf = (t: ThreadDef) => Object.entries(t.steps).filter(([, st]) => st.where.includes(`${ASYNC}:async_schedule`)).map(([l]) => l);
  const helperOf = (i: number) => { const m = /^(\w+)\((.*)\)$/.exec(plans[i]!.program ?? ''); return plans[i]!.async && m && scheduler[m[1]!] ? { fn: m[1]!, arg: m[2]! } : undefined; };
  const reached = new Set(threads.map((_t, i) => i).filter((i) => !helperOf(i)));
  for (let grew = true; grew;) {
    grew = false;
    const labels = [...reached].flatMap((i) => schedulesOf(threads[i]!));
    threads.forEach((_t, i) => { const h = helperOf(i); if (h && !reached.has(i) && labels.some((l) => scheduler[h.fn]!(l, h.arg))) { reached.add(i); grew = true; } });
  }
  const ownSteps = new Set(threads.flatMap((t, i) => (t.name === DEFERRED_WORKER || !reached.has(i) ? [] : Object.keys(t.steps))));
  const steps = workerReach(k, ownSteps);
  const asyncSteps = new Map(threads.flatMap((t, i) => (plans[i]!.async ? [[t.name, new Set(Object.keys(t.steps))] as const] : [])));
  // The modules whose init may start an async entry (module-init-barrier): the steps of a `modprobe
  // m` action, or of m's request_module thread, include an async_schedule, or a work_on_cpu whose
  // kworker (it runs for the init: async.ts initsRunning) does. Entries an init's modprobe
  // requests are the requested module's (its thread's initOf is its own).
  const kworkers = w.drivers.flatMap((d) => (d.workOnCpu ? d.matches.map((dev) => ({ call: `pci_call_probe(${k.vn(dev)},${k.dn(d.i)})`, t: threads.find((x) => x.name === workOnCpuThread(k, dev, d.i)) })) : []));
  const schedules = (t: ThreadDef, only?: (l: string) => boolean): boolean => Object.entries(t.steps).some(([l, st]) => (!only || only(l))
    && (st.where.includes(`${ASYNC}:async_schedule`) || kworkers.some((x) => x.t && x.t !== t && l.startsWith(x.call) && l.endsWith(':work_on_cpu') && schedules(x.t))));
  const initAsync = new Set(w.modules.filter((m) => actors.some((a, ai) => a.acts.some((x, j) => x.op === 'modprobe' && x.mod === m.i && schedules(threads[ai]!, (l) => actionOf[ai]!.get(l) === j)))
    || threads.some((t) => t.name === requestModprobeThread(m.name) && schedules(t))).map((m) => m.i));
  // An async entry that may outlive the call that queued it (wait-for-probe): one queued other than
  // in do_init_module of a module loaded without async_probe, whose async_synchronize_full waits
  // for what its thread queued (always before 774a1221e862 and from 67d6212afda2; between, under
  // PF_USED_ASYNC, which that thread's async_schedule sets). A work_on_cpu kworker's (B7), an async
  // entry's, the deferred worker's (for a device it may hold) and every other actor call's count.
  const syncedLoad = (m: number) => !w.modules[m]!.asyncProbe;
  // Nor one an actor queues before an `rmmod m` of its own that always unloads: delete_module runs
  // async_synchronize_full after mod->exit() on its success path (kernel/module.c since
  // 22a9d645677f; paths/module.ts deleteModule), so none is pending once the actor finishes. It
  // always unloads where the actor's last action on m before it is a modprobe of m and no other
  // thread loads or unloads m (no other actor's modprobe or rmmod, no request_module of it): m is
  // then LIVE with its base reference alone. (s39 h4: `modprobe m, rmmod m` of an async_probe
  // module beside a wait_for_device_probe chose wait-for-probe by default, which read vacuous.)
  const soleLoader = (ai: number, m: number) => !actors.some((a, bi) => bi !== ai && a.acts.some((x) => (x.op === 'modprobe' || x.op === 'rmmod') && x.mod === m))
    && !threads.some((t) => t.name === requestModprobeThread(w.modules[m]!.name));
  const unloadsLater = (ai: number, j: number) => actors[ai]!.acts.some((x, r) => r > j && x.op === 'rmmod' && soleLoader(ai, x.mod)
    && actors[ai]!.acts.slice(0, r).filter((y) => (y.op === 'modprobe' || y.op === 'rmmod') && y.mod === x.mod).at(-1)?.op === 'modprobe');
  // An entry actor ai queues in its action j is synced by the actor itself: j is a modprobe whose
  // load syncs, or an rmmod of its own follows.
  const actorSyncs = (ai: number, j: number) => {
    const x = actors[ai]!.acts[j];
    return (x?.op === 'modprobe' && syncedLoad(x.mod)) || (j >= 0 && unloadsLater(ai, j));
  };
  // Nor the deferred worker's, in the probe body of a device its retries reach only with probing
  // blocked (properties.ts retriesOnlyBlocked): they defer before drv->probe (s38 h12's s25, v6.6:
  // an HBA's async scan, loaded beside device_shutdown, chose wait-for-probe, which read vacuous).
  const blockedOnly = (l: string) => {
    const of = [...k.workerSteps ?? []].filter(([, ls]) => ls.includes(l));
    return of.length > 0 && of.every(([d]) => retriesOnlyBlocked(k, steps, d) && !l.startsWith(`__device_attach(${k.vn(d)})`));
  };
  // Nor one of a device on a bus that does not autoprobe, queued by __device_attach(dev, true) or a
  // registration walk: bus_probe_device's and bus_add_driver's drivers_autoprobe tests turn both
  // away (device-add.ts busProbeDevice, driver-attach.ts), and no step writes a bus's autoprobe;
  // drivers_probe's __device_attach(dev, false) and a sysfs bind queue none (s49 h3: a bus bound by
  // hand beside wait_for_device_probe chose wait-for-probe, which read vacuous).
  const handBound = new Set(w.devices.filter((d) => !w.buses[d.bus]!.autoprobe).map((d) => k.vn(d.i)));
  const handDrivers = new Set(w.drivers.filter((d) => !w.buses[d.bus]!.autoprobe).map((d) => k.dn(d.i)));
  const turnedAway = (l: string) => handBound.has(/^__(?:device|driver)_attach\(([^,)]+)/.exec(l)?.[1] ?? '') || handDrivers.has(/^bus_add_driver\(([^)]+)\)/.exec(l)?.[1] ?? '');
  const asyncOutlives = threads.some((t, ti) => Object.entries(t.steps).some(([l, st]) => st.where.includes(`${ASYNC}:async_schedule`) && steps.has(l)
    && !turnedAway(l)
    && !(t.name === DEFERRED_WORKER && blockedOnly(l))
    && !(ti < actors.length && actorSyncs(ti, actionOf[ti]!.get(l) ?? -1))
    && !w.modules.some((m) => t.name === requestModprobeThread(m.name) && syncedLoad(m.i))));
  const stepsOf = new Map(threads.map((t) => [t.name, new Set(Object.keys(t.steps))] as const));
  const actSteps = actors.map((a, ai) => { const per = a.acts.map(() => new Set<string>()); for (const [l, i] of actionOf[ai]!) per[i]?.add(l); return per; });
  // Each actor's action entries in action order (built last to first): where an action i - 1 returns to.
  const actEntries = entries.map((e) => [...e].reverse());
  const ctx: PropCtx = { readers, ops, stopsAt, steps, actEntries, ownSteps, asyncSteps, stepsOf, actSteps, initAsync, asyncOutlives, acts: actors.map((a) => a.acts), tidOf: new Map(plans.map((p, i) => [p.name, i])), asyncThreads: new Set(plans.filter((p) => p.async).map((p) => p.name)), threads: plans.map((p) => p.name), dels, delByRelease, actors: new Set(actorNames) };
  let chosen = LIBRARY.filter((p) => p.applies(k, ctx));
  if (spec.properties) {
    chosen = spec.properties.map((name) => {
      if (typeof name !== 'string') {
        if (LIBRARY.some((x) => x.name === name.spec.name)) throw bad(`scenario '${spec.name}': property '${name.spec.name}' is the name of a library property; choose another`);
        return toKernelProperty(name);
      }
      const p = LIBRARY.find((x) => x.name === name);
      if (!p) {
        const near = didYouMean(name, PROPERTY_NAMES);
        throw bad(`scenario '${spec.name}': unknown property '${name}'${near !== undefined ? `; did you mean '${near}'?` : ''}; known: ${PROPERTY_NAMES.join(', ')}`);
      }
      return p;
    });
  }
  // A match deferral a hunk of yours may end is owed a retry only where no-lost-deferral is named
  // (properties.ts matchYours): said, so that a default run does not pass for having judged it.
  const yours = w.devices.filter((d) => d.matchDefers && matchYours(k, d.i)).map((d) => `'${d.name}'`);
  // Judged only in a run that names the property (k.matchJudged, set in selected below), and said
  // in one that does not: the note is kept or dropped there (s40 h11: a run naming it was told it
  // was not chosen; one choosing it by default for a driver that needs something judged it).
  const yoursNote = (head: string) => `${head} the bus match's deferral of ${yours.join(', ')}, which a hunk of your patches on its match steps may end: the model cannot tell whether the hunk ever lets the match succeed (one that keeps it deferred, as 25e9fbf0fd38's return after the add does, is owed no retry); name it (--property no-lost-deferral) to judge the retry where it does`;
  // By why the run does not judge it: the scenario lists its properties without it; the default
  // choice left it out; chosen by default for another reason; or checked though this scenario did
  // not choose it and no one named it, as diff checks the other side's choices (s40 h13: that side
  // was told "chosen by default for another reason").
  const yoursNotes = yours.length ? {
    unlisted: yoursNote("no-lost-deferral, not among the scenario's properties, does not judge"),
    unchosen: yoursNote('no-lost-deferral is not chosen by default for'),
    otherReason: yoursNote('no-lost-deferral, chosen by default for another reason, does not judge'),
    otherSide: yoursNote("no-lost-deferral, not chosen by default here but checked for the other side's choice (diff), does not judge"),
  } : undefined;
  // The build's own choice, as a run that names nothing sees it (selected puts the run's in its place).
  const yoursHead = (names: readonly string[]) => (!yoursNotes || k.matchJudged ? undefined
    : names.includes('no-lost-deferral') ? yoursNotes[chosen.some((p) => p.name === 'no-lost-deferral') ? 'otherReason' : 'otherSide']
    : yoursNotes[spec.properties ? 'unlisted' : 'unchosen']);
  k.matchJudged = spec.properties?.includes('no-lost-deferral') === true;
  { const n = yoursHead(chosen.map((p) => p.name)); if (n) (k.patchNotes ??= new Set()).add(n); }
  // A driver_override store releases its device (overrideSwap; the steps read k.releasable as they
  // run): a ghost kept only where no-missed-probe is checked, chosen or named later (optional below;
  // readers.test.ts's B13 scenario, which checks override-uaf, had 45 states and 73 with it).
  const overridesRelease = () => {
    k.missedJudged = true;
    const stored = new Set<number>();
    for (const a of actors) for (const x of a.acts) if (x.op === 'override' && !k.releasable.has(x.dev)) stored.add(x.dev);
    for (const i of stored) k.releasable.add(i);
    keepReleasable(stored);
    // A releasable device added by an actor or a probe may be added again under a walk that passed
    // it: the walk's other devices tell that it is still under way (paths/owed.ts walksAhead).
    const addedDevs = new Set([...actors.flatMap((a) => a.acts.flatMap((x) => (x.op === 'add' ? [x.dev] : []))), ...w.drivers.flatMap((r) => r.registers)]);
    k.walkTracked = new Set([...k.releasable].filter((i) => addedDevs.has(i)).flatMap((i) => w.devices[i]!.drivers.flatMap((r) => w.drivers[r]!.matches)));
    // DevS.walkPending keeps a bit per registration walk of the device, WALK_BITS at most (paths/owed.ts).
    for (const i of new Set([...k.releasable, ...k.walkTracked])) {
      const n = walkersAt(k, i).length;
      if (n > WALK_BITS) throw bad(`scenario '${spec.name}': device '${w.devices[i]!.name}' has ${n} registration walks (a matching driver's register, modprobe or driver_attach_async, per thread that runs it) and no-missed-probe follows them there (${k.releasable.has(i) ? 'an actor may release it' : 'they tell a device its drivers match, added again, which walks are under way'}); where no-missed-probe is checked, at most ${WALK_BITS} may reach such a device (its ghost walkPending keeps a bit per walk)`);
    }
  };
  // DevS.deferBy and asked keep a bit for each of a device's first 8 drivers (state.ts driverBit),
  // written wherever their paths run: where the property that reads them is checked, chosen or
  // named, a later driver that may set one is refused (until 2026-12-06 a 9th driver's deferral
  // stopped the search with E201, and asked skipped drivers 8 and up: async-handover read vacuous).
  const bitUsers: Record<string, [string, string, (d: DevInfo, x: number) => boolean]> = {
    'no-lost-deferral': ['deferBy', k.userDefers ? 'may defer for what it needs, a supplier link or a check of your patch' : 'may defer for what it needs or a supplier link', ((links) => (d: DevInfo, x: number) => owedRetry(k, links, d.i, x))(consumerLinks(k))],
    'async-handover': ['asked', 'may probe asynchronously', (_d, x) => mayBeAsync(k, x)],
  };
  const driverBitsFit = (name: string) => {
    const [ghost, why, sets] = bitUsers[name] ?? [];
    if (!sets) return;
    for (const d of w.devices) {
      const x = d.drivers.findIndex((r, j) => j >= DRIVER_BITS && sets(d, r));
      if (x >= 0) throw bad(`scenario '${spec.name}': device '${d.name}' is matched by ${d.drivers.length} drivers, and its driver number ${x + 1}, '${w.drivers[d.drivers[x]!]!.name}', ${why}; where ${name} is checked, such a driver must be among the first ${DRIVER_BITS} (in declaration order) that match the device (its ghost ${ghost} keeps a bit per matching driver)`);
    }
  };
  // A chosen property's ghosts are kept, and refused where they cannot hold (E601), only once a run
  // checks it (Model.selected): a run naming other properties keeps none and is not refused for it
  // (until s38 the choice alone did both, at build: a 9-driver device's unbind was refused in a run
  // checking single-binding alone).
  // Each selection starts from the build's state: a model checked again with other properties (the
  // API's check twice on one model, diff's replays on its patched model) keeps no ghost of the last
  // one (s38 h10: no-missed-probe's ghost, once selected, stayed, and a later run naming
  // override-uaf alone counted 49 states where a fresh build counts 45).
  const releasableAtBuild = [...k.releasable];
  // A premise that says the property was chosen for the user's patch says it only where nothing named it.
  let forPatch: { p: { premiseText?: string; name: string }; text: string }[] | undefined;
  const forPatchAtBuild = () => (model.properties ?? []).flatMap((p) => (p.kind !== 'deadlock' && p.premiseText?.endsWith(CHOSEN_FOR_PATCH) ? [{ p, text: p.premiseText }] : []));
  const reaches = (r: { threads: readonly string[]; fns: readonly string[] }) => r.threads.every((t) => ctx.threads.includes(t)) && r.fns.every((f) => [...steps].some((l) => l.startsWith(`${f}(`)));
  const behindNote = (b: NonNullable<typeof prof.behind>[number]): string[] => {
    const ids = b.patches.split(','), missing = ids.filter((id) => !k.patches.some((p) => p.id === id));
    return missing.length && reaches(b.reaches) ? [`${b.properties.join(', ')}: profile ${prof.name} predates ${missing.join(' and ')}: ${b.why}; --param patches=${b.patches} checks with ${ids.length > 1 ? 'them' : 'it'}`] : [];
  };
  const selected = (names: readonly string[], named: readonly string[] = []) => {
    k.missedJudged = false; k.walkTracked = undefined;
    // A lock left held at a return is no-lock-at-return's violation where it is checked, else E205.
    k.leaksJudged = names.includes('no-lock-at-return');
    for (const { p, text } of forPatch ??= forPatchAtBuild()) p.premiseText = named.includes(p.name) || spec.properties?.includes(p.name) ? text.slice(0, -CHOSEN_FOR_PATCH.length) : text;
    // A match deferral of yours is judged where the run names no-lost-deferral, the scenario's `properties` included.
    k.matchJudged = names.includes('no-lost-deferral') && (named.includes('no-lost-deferral') || spec.properties?.includes('no-lost-deferral') === true);
    const notes = model.notes!, now = yoursHead(names);
    for (const n of Object.values(yoursNotes ?? {})) { const at = notes.indexOf(n); if (at >= 0 && n !== now) notes.splice(at, 1); }
    if (now && !notes.includes(now)) notes.unshift(now);
    // A patch only some properties can see (Patch.judgedBy), none of them checked: said (s48 h3:
    // `diff --patched-param patches=codina-v7` read every default property `still holds`, exit 0).
    for (const p of k.patches) {
      if (!p.judgedBy) continue;
      const n = unjudgedNote({ ...p, judgedBy: p.judgedBy });
      const at = notes.indexOf(n), seen = p.judgedBy.properties.some((x) => names.includes(x));
      if (seen && at >= 0) notes.splice(at, 1);
      if (!seen && at < 0) notes.push(n);
    }
    // A library fix merged after the profile's newest text, where the scenario builds the code it
    // changes and the run lacks it: said, so `mainline` is not read as today's kernel (s49 h3:
    // timeout-after-initcall held at mainline, where driver-core since 2026-05 queues the work from
    // driver_register). Said whatever the run checks: that property is chosen only with the patch,
    // so a default run never checked it and said nothing; and not where the code is not reached, a
    // named property's vacuous verdict being the same with the patch (s49 h6).
    for (const n of (prof.behind ?? []).flatMap(behindNote)) if (!notes.includes(n)) notes.push(n);
    k.releasable.clear();
    for (const i of releasableAtBuild) k.releasable.add(i);
    for (const p of LIBRARY) {
      if (!names.includes(p.name)) continue;
      if (p.name === 'no-missed-probe') overridesRelease();
      driverBitsFit(p.name);
    }
  };
  // module-init-barrier's premise needs to know whether an init started an entry (ModS.initStarted):
  // kept only where the scenario checks it and a module without async_probe has an init that may
  // start one (its default choice). A byte per module, and the states that differ only in it: in
  // module-async's init variant, which does not check it, 130 states were 146 with it kept.
  k.initStarted = (chosen.some((p) => p.name === 'module-init-barrier') && w.modules.some((m) => !m.asyncProbe && initAsync.has(m.i))) || !!load?.initStarted;
  // Modules loaded at the start: the state their load reaches (loaded.ts), run on the same profile and patches.
  // The drivers either model ranks on klist_drivers are ranked in both (klist.ts drvPeers is asked as steps run).
  let loaded: Record<string, unknown> | undefined, loadBlocked = false, loadSteps: LoadStep[] | undefined;
  if (w.modules.some((m) => m.loaded)) {
    const opts = { shutdown: k.shutdown, initStarted: k.initStarted, walked: walkedDevices(w) };
    const lb = buildLoad(spec, w, prof.name, patchList, opts);
    for (const d of walkedDevices(lb.world)) walksDrivers(w, d);
    const ls = loadedWithPatches(spec, w, lb, () => buildLoad(spec, w, prof.name, patchEntries(patchList).filter((x) => !isPatchFile(x)).join(','), opts));
    loaded = ls.start;
    loadBlocked = ls.blocked;
    // (With what boot's device_link_add calls ran before that load: its own boot-links model's.)
    loadSteps = [...(lb.model.loadSteps ?? []), ...ls.steps];
  }
  // Boot's device_link_add calls, run with a user's hunk on it (bootLinkProbes; in a scenario with
  // modules loaded at the start, the load model runs them, its start being boot's).
  let booted: Record<string, unknown> | undefined;
  const bootProbes = load?.bootProbes || loaded ? [] : bootLinkProbes(w, flags, patches);
  if (bootProbes.length) {
    const bb = buildScenario(spec, prof.name, patchList, { shutdown: k.shutdown, initStarted: k.initStarted, walked: [...new Set([...(load?.walked ?? []), ...walkedDevices(w)])], bootProbes });
    for (const d of walkedDevices(bb.world)) walksDrivers(w, d);
    const yours = patches.find((x) => isUserPatch(x) && x.hunks.some((h) => h.fn === 'device_link_add'))!;
    const bs = bootLinksStart(`scenario '${spec.name}'`, bb, `patch ${yours.id} (${yours.subject})`, bootProbes);
    booted = bs.start;
    loadSteps = bs.steps;
  }
  const properties: Property<KS>[] = chosen.map((p) => p.make(k, ctx));
  // Named on the command line or in a suite's expect, a library property the selection left out is checked too.
  const optional = Object.fromEntries(LIBRARY.filter((p) => !chosen.includes(p)).map((p) => [p.name, () => {
    if (p.name === 'no-missed-probe') overridesRelease();
    driverBitsFit(p.name);
    return p.make(k, ctx) as Property;
  }]));

  // A user's hunk whose step the scenario builds applies to it, or says why not (never silently).
  for (const p of patches) for (const h of p.hunks) {
    if (!isUserPatch(p) || k.applied!.has(h) || !k.built!.has(hunkTarget(h))) continue;
    throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}): its hunk on ${hunkTarget(h)} applies to no ${h.fn} this scenario builds, though the step is there: another hunk of your patches inserts it, and a patch's replacements apply before its insertions, patches in the order given; change the inserted step itself, or replace it from a patch given after the one that inserts it`);
  }
  // Two or more devices start deferred: the search starts from every order of the pending list
  // (boot-order.ts); not in a load or boot-links model, whose start the scenario's model then orders.
  // Declared groups are validated (E601); undeclared ones are found by the same rules. `symmetric: []`: none.
  // Devices whose fields a patch adds start unlike (patch-state.ts init) are not interchangeable.
  const split: string[] = [];
  const found = spec.symmetric ? validateSymmetric(spec.name, w, spec.symmetric, actors) : inferSymmetric(w, actors);
  const groups = found.flatMap((g) => {
    const by = new Map<string, number[]>();
    for (const i of g) { const key = added.deviceKey(i); by.set(key, [...(by.get(key) ?? []), i]); }
    if (by.size > 1) split.push(`{${g.map(k.vn).join(', ')}}`);
    if (by.size > 1 && spec.symmetric) throw new ProbecheckError('E601', `scenario '${spec.name}': symmetric [${g.map(k.vn).join(', ')}]: '${k.vn(g[0]!)}' and '${k.vn([...by.values()][1]![0]!)}' differ in the initial value of a field your patch adds (state: ... init)`);
    return [...by.values()].filter((x) => x.length > 1);
  });
  // A scenario's deferredOrder pins it (resolveWorld checked it): no choice, the start has that order.
  const pinned = w.deferredOrder;
  const ordered = load || pinned ? [] : bootDeferred(w);
  // The scenario's groups, before a patch of yours splits or drops them, order a pick's choices: a
  // branch then places the same device with or without the patch (diff replays the base's moves,
  // each naming a branch by its number, on the patched model: s45 h14 found a base trace's `d, ...`
  // replayed as `c2, ...` where a patch split {c1, c2}).
  const choice = ordered.length >= 2 ? bootOrderThreads(w, ordered, threads, k.profile, found) : undefined;
  // What bounds the state's counters, now that every thread is built (state.ts Most): a device's
  // uevent readers are the actors that read it, a driver's stores those that write its files.
  const acting = (n: number, on: (x: Action, i: number) => boolean) => Math.max(0, ...Array.from({ length: n }, (_, i) => actors.filter((a) => a.acts.some((x) => on(x, i))).length));
  const most: Most = { entries: plans.filter((p) => p.async).length, walkers: mostHolders(k),
    readers: acting(w.devices.length, (x, i) => x.op === 'uevent' && x.dev === i), stores: acting(w.drivers.length, (x, i) => (x.op === 'bind' || x.op === 'unbind') && x.drv === i) };
  // Each is kept in a byte (state.ts): past it, said in the scenario's words, not as the state
  // field's (s50 h9: 16 async devices at asyncInstances 8 were E102 "t.int(256): max must be ...").
  const past = ([['async kworker threads (async_schedule entries: asyncInstances, now ' + w.asyncInstances + ', for each async probe or attach of a device)', most.entries, 'lower asyncInstances, or declare fewer async devices'],
    // Counted as the state field is (state.ts Most): walks by place (a thread and nesting depth, not by
    // driver: s50 h8), readers of one device's file, writers of one driver's (s50 h13: said as totals).
    ['bus_for_each_dev walks that may hold one device\'s bus node at once (one a thread and nesting depth)', most.walkers, 'declare fewer actors or probes that register a driver of its bus'],
    ['actors reading one device\'s uevent file', most.readers, 'declare fewer such actors'],
    ['actors writing one driver\'s bind or unbind file', most.stores, 'declare fewer such actors']] as const).find(([, n]) => n > 255);
  if (past) throw new ProbecheckError('E601', `scenario '${spec.name}': it builds ${past[1]} ${past[0]}; at most 255 are modelled (the count of those at work at once is kept in a byte): ${past[2]}`);
  const model: Model = {
    name: spec.name, params: { profile: prof.name, patches: patchEntries(patchList).join(',') }, fieldMeaning,
    notes: [...profileNotes(k, (m) => k.loaders![m]!.modprobes.length > 0 || k.loaders![m]!.requested), ...(loaded ? loadNotes(w, loadBlocked, patches.some(isUserPatch)) : [])], state: ((x) => (choice ? withBootOrder(x, ordered.length) : x))(kernelSchema(w, k.moduleWq.length, k.flushers.length, added, k.linksLock, k.shutdown, k.initStarted, mostWalks(k), most)),
    init: (s) => { const ks = s as unknown as KS;
      initState(w, ks, !late, k.has('DEVICE_LINKS'), k.has('LINK_KREF'), k.shutdown, k.has('LINKS_NO_DRIVER_DORMANT')); ks.probeTimeout = keepsTimeout(k); added.init(ks);
      // The boot-links model starts before boot's probes: their devices unbound, their links not yet made.
      if (load?.bootProbes) for (const p of load.bootProbes) {
        const d = ks.dev[p.dev]!;
        d.driver = 0; d.bound = false;
        for (const li of statelessLinksOf(w, p.drv, p.dev)) { ks.link[li]!.refs = 0; ks.link[li]!.nul = 0; }
      }
      if (booted) overlay(s, booted);
      if (loaded) overlay(s, loaded);
      if (pinned && !load) setOrder(ks, pinned); }, threads: choice ? choice.threads : threads, properties: properties as Property[], optional, selected,
    // The async programs built `asyncInstances` times: each deferral retried by the deferred worker
    // (or by a trigger during its probe) schedules one more entry for the device.
    moreInstances: (program) => plans.filter((p) => p.program === program).length !== w.asyncInstances ? undefined
      : w.asyncInstances < MAX_ASYNC_INSTANCES ? `declare more instances: set the scenario's asyncInstances (now ${w.asyncInstances}, at most ${MAX_ASYNC_INSTANCES}): the async entries of one device that may be pending at once`
      // At the most already (a hunt, 2026-12-04: the message still said to raise it).
      : `asyncInstances is already ${MAX_ASYNC_INSTANCES}, the most: the async entries of one device pile up without bound here (each deferral retried schedules another before the last ran); the model cannot build this scenario`,
  };
  // A C local a user's patch adds is kept per call, in an array indexed by the thread's calls
  // (__device_attach(c1), __device_attach(c2)): a permutation of the devices does not renumber it.
  // Said where --symmetry is asked and nothing is left (a hunt, 2026-12-05: "the model declares no
  // interchangeable elements", with no word of the patch that made them unlike).
  if (!groups.length && split.length) model.noSymmetry = `your patch's fields start unlike on the devices of ${split.join(', ')} (state ... init), so they are not interchangeable`;
  if (groups.length && added.local.size) {
    model.noSymmetry = `your patch's C locals (state.local of ${[...added.local.keys()].join(', ')}) are kept per call of their function, by the call's device, which a permutation of devices does not renumber`;
    groups.length = 0;
  }
  // Each start order not an image of another starts runs of its own, which meet again only where
  // the list is worked off (distinct drivers' devices: 8 of them, 40,320 orders, 6.3 million states);
  // where symmetry took them up to the permutations of the groups left here, their orbits.
  if (choice) {
    const named = ordered.map((d) => `'${w.devices[d]!.name}'`).join(', ');
    const orbits = orderCount(ordered.length, groups.map((g) => g.filter((d) => ordered.includes(d)).length));
    model.fewerStates = (upToSymmetry) => {
      const n = upToSymmetry ? orbits : choice.orders;
      if (n < 2) return undefined;
      const of = n < choice.orders ? ` (its ${choice.orders.toLocaleString('en-US')} taken up to permutations of interchangeable devices)` : '';
      return `the search starts from each of ${n.toLocaleString('en-US')} orders of ${named} on the pending list${of}: give the one your boot left them in, deferredOrder: [${named}]`;
    };
  }
  if (groups.length) {
    const owned = (name: string) => [...(k.flushers.includes(name) ? [`flushBarrier[${k.flushers.indexOf(name)}]`] : []), ...(k.moduleWq.includes(name) ? [`moduleWq[${k.moduleWq.indexOf(name)}]`] : [])];
    model.symmetry = symmetryClasses({ w, groups, threads, tiedTo: plans.map((p) => p.tied ?? -1), owned, actors: actors.map((a, i) => ({ ...a, actionOf: actionOf[i]! })) },
      () => { const c = compile(model); return { offset: c.threads.map((t) => t.pcOffset), wide: c.threads.map((t) => t.pcWide) }; });
    // A user's hunk runs its own code for each device's block: it may treat one device of a
    // group unlike the others, which the rules above cannot see (use-symmetry.ts).
    Object.defineProperty(model.symmetry, SYMMETRY_MADE_FOR, { value: new Set([...properties.map((p) => p.name), ...Object.keys(optional)]) });
    const yours = patches.filter((p) => isUserPatch(p) && p.hunks.some((h) => k.applied!.has(h)));
    if (yours.length) model.mayDistinguish = yours.map((p) => `your patch ${p.id}`);
    // Orders of the pending list that differ by a permutation of a group start states that are its images (boot-order.ts).
    // Only where no patch split a group: its first choices are one per orbit of `found`'s groups.
    if (choice && !split.length && choice.representatives < choice.orders) model.symmetricChoice = { thread: BOOT_ORDER, label: BOOT_ORDER_STEP, first: choice.first, representatives: choice.representatives, about: `the pending list's ${choice.orders.toLocaleString('en-US')} start orders` };
  }
  // What the load of the modules loaded at the start built and ran: a user's hunk may run only
  // there (diff's E501 and the patch notes read it, s41 h12).
  if (loadSteps && patches.some(isUserPatch)) model.loadSteps = loadSteps;
  if (k.reads) {
    // A lock owner by its thread's name, a driver reference by the driver's, as traces show them.
    const types = new Map<string, { owner?: boolean; labels?: readonly string[] }>();
    for (const [key, f] of Object.entries(model.state.fields)) {
      if (f.kind === 'records' && f.of.kind === 'record') for (const [sub, g] of Object.entries(f.of.fields)) { if (g.kind === 'int') types.set(`${key}[].${sub}`, g); }
      else if (f.kind === 'int') types.set(key, f);
    }
    const shown = (path: string, v: unknown): unknown => {
      const ty = types.get(path.replace(/\[[^\]]*\]/g, '[]'));
      if (typeof v !== 'number' || !ty) return v;
      if (ty.owner) return v === 0 ? 'none' : k.threadNames[v - 1] ?? v;
      return ty.labels?.[v] ?? v;
    };
    const log = k.reads;
    model.patchReads = () => log.reads().map((r) => r.unread ? r : { ...r, value: shown(r.path, r.value) });
    model.constantReads = () => constantReads(model.patchReads!());
    model.reachedPatchSteps = () => log.reachedSteps();
    model.searchNotes = () => log.redirectNotes();
  }
  // A property of yours asking inside() of a function no step is in (define-property.ts).
  const asking = chosen.filter((p) => p.covers === 'user').map((p) => p.name);
  if (asking.length) { const was = model.searchNotes; model.searchNotes = () => [...(was?.() ?? []), ...insideNotes(ctx, asking, model.threads)]; }
  rememberKernel(model, k, ctx);
  return { model, kernel: k, world: w };
}

/**
 * What a run from a loaded start says of the load: the orders in which it blocked for good (the sync
 * fallback's deadlock, say), which the start leaves out and no check of the scenario can see (a
 * differential run, s35 h7); and, with a patch of the user's, that the load ran it too.
 */
function loadNotes(w: World, blocked: boolean, userPatch: boolean): string[] {
  const mods = w.modules.filter((m) => m.loaded).map((m) => m.name), s = mods.length > 1 ? 's' : '', names = mods.map((n) => `'${n}'`).join(', ');
  return [
    ...(blocked ? [`the load of module${s} ${names} blocks for good in some orders (a deadlock of the load itself); the start is where the other orders end, so this check cannot see it: run ${mods.map((n) => `'modprobe ${n}'`).join(', ')} in an actor to check the load`] : []),
    ...(userPatch ? [`module${s} ${names} loaded at the start: the load that made the start state ran with your patches too; a hunk that ran there and never in this search is said in the patch lines; what the others ran there is not counted`] : []),
  ];
}

/**
 * loadedStart, saying where a user's patch makes the load end otherwise: its E601 (the load never
 * ends as the scenario declares) named only the scenario, as if it were malformed, where the load
 * without the patch ends as declared (s42 h2: a hunk failing mmc's probe in the load of the module
 * loaded at the start). `unpatched` builds the load without the user's patches, asked only then.
 */
function loadedWithPatches(spec: ScenarioSpec, w: World, lb: BuiltScenario, unpatched: () => BuiltScenario): ReturnType<typeof loadedStart> {
  try {
    return loadedStart(`scenario '${spec.name}'`, w, lb);
  } catch (e) {
    const yours = lb.kernel.patches.filter(isUserPatch);
    if (!(e instanceof ProbecheckError) || e.code !== 'E601' || !yours.length) throw e;
    try { loadedStart(`scenario '${spec.name}'`, w, unpatched()); } catch { throw e; }
    const ids = yours.map((p) => p.id).join(', '), s = yours.length > 1 ? 'es' : '';
    // (A start holding a lock is no start a scenario can declare: that advice left out.)
    throw new ProbecheckError('E601', `${e.message}; without your patch${s} ${ids} the load ends as declared: your hunks run in that load and change how it ends; load the module in an actor to check the patched load${(e as { undeclarable?: boolean }).undeclarable ? '' : ', or declare the start it reaches'}`);
  }
}

/** The load model of a scenario's loaded modules (loaded.ts); an E601 while building it names it. */
function buildLoad(spec: ScenarioSpec, w: World, profileName: string, patchList: string, opts: LoadOpts): BuiltScenario {
  try {
    return buildScenario(loadSpec(spec, w), profileName, patchList, opts);
  } catch (e) {
    if (!(e instanceof ProbecheckError) || e.code !== 'E601') throw e;
    throw bad(`${e.message.replace(/^scenario '[^']*': /, `scenario '${spec.name}': the state before its loaded modules (${w.modules.filter((m) => m.loaded).map((m) => m.name).join(', ')}) were loaded: `)}`);
  }
}

/**
 * The models that make a scenario's start, for `steps --scenario`: the load of its modules loaded
 * at the start (loaded.ts loadedStart, with boot's own before it), and the boot-links model of boot's
 * probes that add stateless links (loaded.ts bootLinksStart). A search builds the boot-links model
 * only with a user's hunk on device_link_add; listed here without one, so that such a hunk can be
 * written from its labels. `threads`: the threads whose steps are the start's own (none: all).
 */
export function startModels(spec: ScenarioSpec, profileName: string, patchList: string): StartModels {
  const b = buildScenario(spec, profileName, patchList), w = b.world, k = b.kernel;
  // The checker's choice of the pending list's start order is no kernel step (no hunk names it), but
  // the search's first moves: said beside the list (s45 h23: "runs no steps of its own" where every
  // trace opens with it).
  const choice = b.model.threads.some((th) => th.name === BOOT_ORDER)
    ? `its searches open with '${BOOT_ORDER}' choosing the order devices ${bootDeferred(w).map((d) => `'${w.devices[d]!.name}'`).join(', ')} start in on the deferred-probe pending list: the checker's choice, not a kernel step (no hunk names it; deferredOrder pins it)`
    : undefined;
  const out = (list: StartModel[]): StartModels => Object.assign(list, { choice });
  const opts = { shutdown: !!k.shutdown, initStarted: !!k.initStarted, walked: walkedDevices(w) };
  if (w.modules.some((m) => m.loaded)) {
    const lb = buildLoad(spec, w, profileName, patchList, opts);
    return out([...startModels(loadSpec(spec, w), profileName, patchList), { what: `the load of the modules loaded at the start (${w.modules.filter((m) => m.loaded).map((m) => m.name).join(', ')})`, built: lb }]);
  }
  const bootProbes = bootProbesWithLinks(w, { has: (f) => k.has(f as Flag) });
  if (!bootProbes.length) return out([]);
  const bb = buildScenario(spec, profileName, patchList, { ...opts, bootProbes });
  return out([{ what: "boot's probes that add stateless links (the boot-links model)", built: bb, threads: [BOOT_LINKS] }]);
}
interface StartModel { what: string; built: BuiltScenario; threads?: string[] }
/** startModels' list, and what the search does first that is no model's step (the start-order choice). */
export type StartModels = StartModel[] & { choice?: string };

/** The key a scenario's model factory keeps its startModels under (steps.ts reads it). */
export const START_MODELS = Symbol('probecheck.startModels');

/** A scenario as a model file's default export. */
export function scenario(spec: ScenarioSpec): ModelFactory {
  validateSpec(spec);
  const def = spec.profile ?? 'mainline';
  if (!PROFILE_NAMES.includes(def)) throw new ProbecheckError('E602', `scenario '${spec.name}': unknown default profile '${def}'${profileSuggestion(def)}`);
  const params: ParamSpec = {
    // No `values` list: an unknown profile is E602 from profile(), not a generic E104.
    profile: { default: def, describe: `kernel profile (flag set): ${PROFILE_NAMES.join(', ')}` },
    patches: { default: '', describe: 'comma-separated patch ids applied on top of the profile' },
    ...(spec.params ?? {}),
  };
  const f = defineModel({
    name: spec.name, params,
    build(given) {
      // Parameters not given take their defaults (the CLI resolves them; direct callers may not).
      const p: Record<string, string | number> = {};
      for (const [key, v] of Object.entries(params)) p[key] = v.default;
      Object.assign(p, given);
      const s = spec.vary ? spec.vary(p, spec) : spec;
      // (A vary that returns nothing was reported as a scenario that is no object: a bad-input hunt, 2026-12-05.)
      if (spec.vary && (typeof s !== 'object' || s === null)) throw new ProbecheckError('E601', `scenario '${spec.name}': vary returned ${s === null ? 'null' : typeof s}; it must return the spec to build ({ ...s, ... })`);
      const b = buildScenario(s, String(p.profile ?? def), String(p.patches ?? ''));
      for (const [key, v] of Object.entries(p)) if (!(key in b.model.params!)) b.model.params![key] = v;
      return b.model;
    },
  });
  if (spec.describe) f.describe = spec.describe;
  // The start's own models, built as `build` builds the scenario with these parameters (`steps --scenario --param`), else their defaults.
  Object.defineProperty(f, START_MODELS, { value: (profileName: string | undefined, patchList: string, given: Record<string, string> = {}) => {
    // `--profile` is the profile parameter, as `check --param profile=` sets it for build (s45 h23: a vary reading it saw the default);
    // the others are checked and typed as check's (resolveParams: E104 for a name or value the scenario does not take; s46 h10).
    const p = resolveParams(spec.name, params, { ...given, ...(profileName === undefined ? {} : { profile: profileName }) });
    return startModels(spec.vary ? spec.vary(p, spec) : spec, profileName ?? def, patchList);
  } });
  return f;
}

/**
 * What the scenario asks for that the profile's kernel does not have, and what the model does
 * instead (the kernel's own behaviour there): said with every result, never silent.
 */
function profileNotes(k: Kernel, loadsHere: (m: number) => boolean): string[] {
  const w = k.w, out: string[] = [...(k.patchNotes ?? [])], p = k.profile;
  for (const f of k.leaned ?? []) out.push(`this check depends on ${f} (${FLAGS[f].subject.split(':')[0]}), which ${p} is not known to have or lack: ${k.assumed[f]}`);
  if (!k.has('ASYNC_PROBE')) {
    const drv = w.drivers.filter((d) => d.probeType === 'async').map((d) => `'${d.name}'`);
    if (drv.length) out.push(`driver${drv.length > 1 ? 's' : ''} ${drv.join(', ')} ask${drv.length > 1 ? '' : 's'} for asynchronous probing (probeType: 'async'), which ${p} does not have (765230b5f084, v4.2): ${drv.length > 1 ? 'they probe' : 'it probes'} synchronously`);
    // v3.8 .. v5.16 the sync is only for an init that queued async work (PF_USED_ASYNC, 774a1221e862).
    const when = k.has('MODULE_SYNC_PF_USED_ASYNC') ? ' where it queued async work (PF_USED_ASYNC), as without the parameter' : '';
    // A module loaded at the start and never loaded here ran its init only in the load that made
    // the start state (a hunt, s39 h3: the note spoke of an init the check does not run).
    const startOnly = (m: ModInfo) => m.loaded && !loadsHere(m.i);
    const mods = w.modules.filter((m) => m.asyncProbe && !startOnly(m)).map((m) => `'${m.name}'`);
    if (mods.length) out.push(`module${mods.length > 1 ? 's' : ''} ${mods.join(', ')} ${mods.length > 1 ? 'are' : 'is'} loaded with async_probe, a parameter ${p} does not have (v4.2): ${mods.length > 1 ? 'their inits end' : 'its init ends'} with async_synchronize_full${when}`);
    const at = w.modules.filter((m) => m.asyncProbe && startOnly(m)).map((m) => `'${m.name}'`), many = at.length > 1;
    if (at.length) out.push(`module${many ? 's' : ''} ${at.join(', ')} ${many ? 'are' : 'is'} loaded at the start with async_probe, a parameter ${p} does not have (v4.2): ${many ? 'their drivers probe' : 'its drivers probe'} synchronously, and ${many ? 'their inits' : 'its init'} ran only in the load that made the start state, ending with async_synchronize_full${when}; this check runs no init of ${many ? 'them' : 'it'}`);
  }
  // A hunk on __driver_attach may return nonzero (a match error): the kernel's walk would stop there (a patch hunt, 2026-12-05).
  // Only where the hunk applies (a new user, 2026-12-05: said in runs that never call __driver_attach).
  // Only a hunk whose code names a return value (`t.ret`, RET, RETURN): one that never does returns
  // what the library's steps return (s46 h4: a lock around the match was told of return values).
  // `.ret`, not a bare `ret`: a local of the hunk's own (`const ret = orig.run(...)`, the label it
  // goes to) is no return value (s46 h9). A helper's code is not read (docs/patches.md says so).
  const attachHunk = k.patches.find((p) => isUserPatch(p) && p.hunks.some((h) => h.fn === '__driver_attach' && k.applied?.has(h) && /\.ret\b|\bRET\b|\bRETURN\b/.test(String(h.step))));
  if (attachHunk) out.push(`patch ${attachHunk.id} changes __driver_attach: driver_attach's bus_for_each_dev goes on to the next device whatever __driver_attach returns, where the kernel's stops at a nonzero return and bus_add_driver then fails the registration (not modelled: a fix of a return value there shows no difference)`);
  // A probe's body runs after its `needs` test (docs/scenarios.md, "Writing a scenario": a probe that needs an unbound device
  // defers first): a request_module of the module that would bind what it needs never runs while
  // that device is unbound (a module hunt, 2026-12-05: the results were holds and vacuous, unexplained).
  for (const d of w.drivers) {
    if (d.requestModule < 0) continue;
    const by = d.needs.filter((n) => w.devices[n]!.drivers.some((r) => w.drivers[r]!.module === d.requestModule));
    if (by.length) out.push(`driver '${d.name}' needs ${by.map((n) => `'${w.devices[n]!.name}'`).join(', ')}, which module '${w.modules[d.requestModule]!.name}' binds, and requests that module in its probe: the model's probe tests what it needs first and returns -EPROBE_DEFER, so while ${by.length > 1 ? 'they are' : 'it is'} unbound that request_module never runs`);
  }
  // Where the profile has the generic driver_override (OVERRIDE_MATCH_LOCKED), every bus's is the
  // platform bus's, the one bus read so; a bus that still keeps its own string reads it unlocked
  // as v6.12's platform_match does (s46 h4: an AMBA device at mainline read holds, beside Runyu
  // Xiao's posting of 2026-06-02 that reports the race on AMBA at v6.18.21). The other buses moved
  // to the generic one after v6.18.21 (s46 h9: Danilo Krummrich's series of 2026-03-24, AMBA's as
  // v2 of 2026-05-05, in the stable-rc pushes of 6.18.y, 2026-05-20, and 6.12.y, 2026-07-21, as
  // stored): posted and queued, their mainline commits not read, so the note says which is which.
  const other = w.devices.filter((d) => d.override && w.buses[d.bus]!.name !== 'platform');
  if (other.length && k.has('OVERRIDE_MATCH_LOCKED')) {
    const on = [...new Set(other.map((d) => w.buses[d.bus]!.name))].map((b) => `'${b}'`).join(', ');
    out.push(`an actor writes the driver_override of ${other.map((d) => `'${d.name}'`).join(', ')} on bus ${on}, checked as the platform bus's: at ${p} driver_override is struct device's, swapped and matched under driver_override.lock (cb3d1049f4ea), which platform_match uses (2b38efc05bf7, read); the other buses' match() is not read: their moves to it ("use generic driver_override infrastructure": AMBA, PCI, WMI, vdpa, CDX, VMBus, RPMsg, fsl-mc, SPI, s390 cio and ap) are read only as postings of 2026-03-24 and 2026-05-05 and the stable-rc queues of 6.18.y and 6.12.y that took them, their mainline commits unread; a kernel before them, whose bus's match() reads a string of its own swapped by driver_set_override() under device_lock (v6.18.21, where Runyu Xiao's posting of 2026-06-02 reports AMBA, PCI and seven more), has v6.12's shape: check it with --param profile=v6.12`);
  }
  const md = w.devices.filter((d) => d.matchDefers).map((d) => `'${d.name}'`);
  if (md.length && !k.has('MATCH_DEFER')) out.push(`${p} has no -EPROBE_DEFER from a bus's match() (656b8035b0ee, v4.5 or v4.6): its walks take the nonzero return for ${md.join(', ')} as a match (\`if (!driver_match_device(drv, dev))\`), so matchDefers probes the device as a match would`);
  if (!k.has('DEVICE_LINKS') && w.links.length) out.push(`${p} has no device links (9ed9895370ae, v4.10): the scenario's ${w.links.length > 1 ? `${w.links.length} links are` : 'link is'} never made`);
  // A present device boot's probe deferred starts on the pending list (a new user saw it only in a trace).
  // A loaded module's driver probed it at that load, not at boot (s35 h7: the note said boot's).
  for (const d of w.devices) if (d.deferredAtBoot?.length) {
    const by = d.deferredAtBoot.map((j) => {
      const m = w.drivers[j]!.module, at = m >= 0 ? 'then' : 'at boot';
      const absent = w.drivers[j]!.needs.filter((n) => !w.devices[n]!.present || w.devices[n]!.boundTo < 0).map((n) => w.devices[n]!.name);
      const links = w.links.filter((l) => l.autoprobe && l.consumer === d.i && w.devices[l.supplier]!.boundTo < 0).map((l) => w.devices[l.supplier]!.name);
      // device_links_check_suppliers comes before probe(): a link to an unbound supplier is the reason.
      const why = links.length ? `its link${links.length > 1 ? 's' : ''} to ${links.join(', ')}, ${links.length > 1 ? 'suppliers' : 'a supplier'} not bound ${at}` : absent.length ? `it needs ${absent.join(', ')}, not bound ${at}` : 'its probe always defers';
      return m >= 0 ? `the probe of it by ${w.drivers[j]!.name} when module '${w.modules[m]!.name}' was loaded (${why})` : `${w.drivers[j]!.name} (${why})`;
    });
    const boot = d.deferredAtBoot.every((j) => w.drivers[j]!.module < 0);
    out.push(`device '${d.name}' starts on the deferred-probe pending list: ${boot ? `boot's probe of it by ${by.join(' and by ')}` : by.map((x, i) => (w.drivers[d.deferredAtBoot![i]!]!.module < 0 ? `boot's probe of it by ${x}` : x)).join(' and ')} deferred`);
  }
  // Two or more: every order is explored (boot-order.ts), and a trace's first step names its own.
  const listed = bootDeferred(w);
  if (listed.length >= 2 && w.deferredOrder) out.push(`devices ${w.deferredOrder.map((i) => `'${w.devices[i]!.name}'`).join(', ')} start on the pending list in that order, as the scenario's deferredOrder gives it`);
  else if (listed.length >= 2) {
    // Devices one driver defers, probing synchronously, added by one thread, defer in add order; a
    // bind during one of their retries rotates them (for two, either order): known-gaps.md, s45 h13.
    // (s45 h15: the note said "any" for them too.)
    const same = w.drivers.filter((d) => d.probeType !== 'async').map((d) => ({ d, devs: listed.filter((i) => w.devices[i]!.deferredAtBoot![0] === d.i) }))
      .filter((x) => x.devs.length >= 2).map(({ d, devs }) => `${devs.map((i) => `'${w.devices[i]!.name}'`).join(', ')} (${d.name}, probing synchronously)`);
    const narrow = same.length ? `; but a boot that added ${same.join(' and ')} from one thread leaves them in their add order, the declared one, or a rotation of it where a device binds during one of their retries: a violation that needs another order of ${same.length > 1 ? 'those' : 'them'} is only a boot that added them from two threads (docs/known-gaps.md, "The late initcall")` : '';
    out.push(`devices ${listed.map((i) => `'${w.devices[i]!.name}'`).join(', ')} start on the pending list in each of their ${orderCount(listed.length).toLocaleString('en-US')} orders (boot's probes may leave them in any, which the scenario does not say; give deferredOrder: [...] where you know your boot's${narrow}); each trace's first steps, by '${BOOT_ORDER}', choose it a place at a time, the last one naming the whole order`);
  }
  return out;
}
