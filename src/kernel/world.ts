/**
 * The resolved scenario ("world"): buses, devices, drivers, modules and device links as indices,
 * with everything static a path needs (which drivers match a device; which
 * devices a probe registers). Built by scenario.ts, read by state.ts, the paths and properties.
 * It is not state: nothing here changes while a model runs.
 */
export type Outcome = 'ok' | 'defer' | 'error';
export type ProbeType = 'default' | 'async' | 'sync';

export interface BusInfo { i: number; name: string; needParentLock: boolean; autoprobe: boolean }
export interface DevInfo {
  i: number; name: string; bus: number; parent: number; children: number[];
  /** Matching drivers, in declaration order (the walk follows klist_drivers order, kept in the state: paths/klist.ts). */
  drivers: number[];
  /** Registered in the initial state (added before the scenario starts). */
  present: boolean;
  /** Bound in the initial state to this driver (index), or -1. */
  boundTo: number;
  /**
   * Present and unbound, with present matching drivers whose probes deferred at boot (they need a
   * device not present): on the pending list in the initial state, in declaration order.
   */
  deferredAtBoot?: number[];
  /** Present and unbound, a present matching driver's probe failed at boot: __driver_probe_device set can_match. */
  failedAtBoot?: true;
  /**
   * Bound at the start (`boundTo`), and these built-in drivers, declared before its own and whose
   * probes always fail, probed it first at boot and failed (scenario.ts bootOrder: each reached it
   * before its own driver bound it), leaving their links (links.ts failedBootProbes).
   */
  failedBefore?: number[];
  /** Some actor writes its driver_override (B13): platform_match reads the string in two steps. */
  override: boolean;
  /**
   * Drivers (among `drivers`) that match it only through a driver_override naming them (an actor's
   * `override d x` where x's `matches` do not list d): platform_match returns
   * `!strcmp(pdev->driver_override, drv->name)` before any ID test, and no ID match without it.
   */
  byOverride?: number[];
  /** The bus's match() returns -EPROBE_DEFER for it (DeviceSpec.matchDefers). */
  matchDefers: boolean;
  /**
   * Some actor binds or unbinds it through sysfs: bind_store and unbind_store hold a reference to
   * the struct they looked up (bus_find_device_by_name ... put_device), which a del and add in
   * between make an old one (DevS.gen tells them apart).
   */
  storeLookup?: boolean;
  /**
   * Two removals of it (actors' `del`, `kill-del`, or one of those beside its parent's release or
   * failed probe, when a driver's probe registers it) and something adds it again: one removal may
   * still be in device_del when the other's removal and an add have made a new struct in the slot.
   * Each actor's removal keeps the struct it got (KL.gen, DevS.gen) and touches nothing of a new one.
   */
  delRace?: boolean;
  /** It may be deleted and added again (an add, or a probe that registers it, and a removal): DevS.probeIn is counted for it. */
  readd?: boolean;
}
export interface DrvInfo {
  i: number; name: string; bus: number; matches: number[]; probeType: ProbeType;
  /** Owning module, or -1 for built-in. */
  module: number;
  /** What probe() may return: more than one is a nondeterministic choice. */
  outcomes: Outcome[];
  /** Devices probe() registers (device_add) before it returns (of every matched device: see registersOf). */
  registers: number[];
  /** Where each probe registers its own devices (`registers: { dev: [...] }`): by matched device. */
  registersOf?: Map<number, number[]>;
  /** Drivers probe() registers (driver_register, inline) after its devices, before it returns. */
  registersDriver: number[];
  /** Device links probe() adds: this device (consumer) on these suppliers. Indices into world.links. */
  addsLinks: number[];
  /** Built in and registered in the initial state. */
  present: boolean;
  /** Devices probe() needs bound: when one is not bound as probe() starts, it returns -EPROBE_DEFER. */
  needs: number[];
  /** Devices whose device_lock probe() takes (in order) and holds until it returns. */
  locks: number[];
  /** The bus calls probe() through work_on_cpu (pci_call_probe -> local_pci_probe): it runs in a kworker, the caller waits. */
  workOnCpu: boolean;
  /** probe() calls async_schedule(do_scan_async) (scsi_scan_host); the entry registers these devices. null: no scan. */
  asyncScan: number[] | null;
  /** probe() calls request_module(m) and waits for the modprobe it starts (module index, or -1). */
  requestModule: number;
  /** request_module after the devices and drivers probe() registers (ScenarioSpec requestModuleLast). */
  requestModuleLast: boolean;
  /** Stateless device links probe() adds with device_link_add and ->remove deletes with device_link_del (B16). Indices into world.links. */
  statelessLinks: number[];
}
/** `loaded`: loaded before the scenario starts (ScenarioSpec modules' `loaded`): its drivers are `present`, and the start state is the one its load reached (scenario.ts loadedStart). */
export interface ModInfo { i: number; name: string; drivers: number[]; asyncProbe: boolean; loaded: boolean }
export interface LinkInfo {
  i: number; consumer: number; supplier: number; /** present from the start (else added by a probe) */ initial: boolean;
  /** A managed link of a consumer bound from the start (`boundTo` the driver that adds it): ACTIVE from the start. */
  active?: boolean;
  /** DL_FLAG_STATELESS: added and deleted by drivers, outside the managed status automaton (status stays NONE; `refs` says whether it exists). */
  stateless: boolean;
  /** DL_FLAG_AUTOREMOVE_CONSUMER: deleted (status NONE) when its consumer is left without a driver (__device_links_no_driver). */
  autoremove?: true;
  /**
   * DL_FLAG_AUTOPROBE_CONSUMER (DeviceSpec.suppliers; `initial`): its supplier's
   * device_links_driver_bound puts the consumer on the deferred-probe pending list.
   * `available`: its supplier was bound at boot (device_links_driver_bound made it AVAILABLE).
   */
  autoprobe?: true;
  available?: true;
  /** Added by a `linksUnchecked` driver: without waiting for the supplier to be bound (15cfb0941603's case). */
  unchecked?: true;
}

export interface World {
  buses: BusInfo[]; devices: DevInfo[]; drivers: DrvInfo[]; modules: ModInfo[]; links: LinkInfo[];
  /** async_schedule may run the function synchronously (allocation failure): explore both. */
  syncFallback: boolean;
  /** Instances declared per async helper (how many may be pending at once for one device). */
  asyncInstances: number;
  /** The deferred_probe_timeout= boot parameter (seconds), where the scenario sets it (late-initcall.ts probeTimeout). */
  deferredProbeTimeout?: number;
  /** The scenario's deferredOrder: the devices that start deferred, in the order they start on the pending list (boot-order.ts). */
  deferredOrder?: number[];
}

/** Return codes kept in a thread's `ret` local. */
/**
 * EPROBE_DEFER: probe() returned -EPROBE_DEFER, passed up positive by really_probe (`ret = -ret;`
 * since v5.14; 0 before): a bus_for_each_drv walk goes on. LINK_DEFER: a negative -EPROBE_DEFER,
 * device_links_check_suppliers' (really_probe returns it as is) or a patch's own check before
 * really_probe: it stops a bus_for_each_drv walk.
 */
export const RET = { ZERO: 0, BOUND: 1, EPROBE_DEFER: 2, ENODEV: 3, EBUSY: 4, EIO: 5, LINK_DEFER: 6 } as const;
export const RET_NAMES = ['0', '1', '-EPROBE_DEFER', '-ENODEV', '-EBUSY', '-EIO', '-EPROBE_DEFER (device links)'];

/** A device's ancestors, nearest first. */
export function ancestors(w: World, d: number): number[] {
  const out: number[] = [];
  for (let p = w.devices[d]!.parent; p >= 0; p = w.devices[p]!.parent) out.push(p);
  return out;
}

/** The devices drv's probe of dev registers. */
export function registersFor(w: World, drv: number, dev: number): number[] {
  return probeRegisters(w.drivers[drv]!, dev);
}

/** The devices a driver's probe of dev registers (registers, or registers by device). */
export function probeRegisters(d: Pick<DrvInfo, 'registers' | 'registersOf'>, dev: number): number[] {
  return d.registersOf ? (d.registersOf.get(dev) ?? []) : d.registers;
}
