/**
 * Kernel profiles as data. A flag is one behavioural difference of drivers/base (or kernel/async.c,
 * kernel/module) with the commit that introduced it; a profile is the set of flags a kernel has.
 * Paths read flags, never version numbers. A profile is a flag set, not an exact tree: it says
 * nothing about code the model does not contain.
 *
 * Surprise: some fixes are also shipped as patches (patches.ts) that insert the very steps the
 * flag turns on, so `v5.1 + 654888327e9f` builds the same threads as `v5.9`.
 */
import { ProbecheckError } from '../engine/errors.js';

export interface FlagInfo { commit: string; since: string; subject: string }

export const FLAGS = {
  BUS_LIST_BEFORE_PROBE: { commit: '190888ac01d0', since: 'v3.6', subject: 'driver core: fix possible missing of device probe (device on bus klist before bus_probe_device)' },
  TRIGGER_COUNT: { commit: '58b116bce136', since: 'v3.15', subject: 'drivercore: deferral race condition fix (deferred_trigger_count)' },
  ASYNC_PROBE: { commit: '765230b5f084', since: 'v4.2', subject: 'driver-core: add asynchronous probing support for drivers' },
  OVERRIDE_LOCK: { commit: '6265539776a0 (hash unverified; CVE-2017-12146)', since: 'v4.13', subject: 'driver core: platform: fix race condition with driver_override' },
  DEVICE_LINKS: { commit: '9ed9895370ae', since: 'v4.10', subject: 'driver core: Functional dependencies tracking support (device_links_check_suppliers)' },
  LINK_KREF: { commit: 'ead18c23c263', since: 'v4.19', subject: 'driver core: Introduce device links reference counting' },
  NEED_PARENT_LOCK: { commit: '8c97a46af04b', since: 'v4.18', subject: "driver core: hold dev's parent lock when needed (bus->need_parent_lock)" },
  DEAD_FLAG: { commit: '3451a495ef24', since: 'v5.1', subject: 'driver core: Establish order of operations for device_add and device_del via bitflag' },
  PER_DEVICE_ASYNC_ATTACH: { commit: 'ef0ff68351be', since: 'v5.1', subject: 'driver core: Probe devices asynchronously instead of the driver' },
  ASYNC_SYNC_IN_DRIVER_DETACH: { commit: 'unverified (Alexander Duyck, v5.1 series)', since: 'v5.1', subject: 'driver core: Move async_synchronize_full call' },
  ATTACH_DEAD_CHECK: { commit: '654888327e9f', since: 'v5.9', subject: 'driver core: Avoid binding drivers to dead devices' },
  PROBE_BUSY_CHECK: { commit: '204db60c8357', since: 'v5.14', subject: 'driver core: Pull required checks into driver_probe_device() (-EBUSY, probe_count and deferral in driver_probe_device; with 45ddcb42949f bind_store calls __driver_probe_device)' },
  MODULE_SYNC_PF_USED_ASYNC: { commit: '774a1221e862', since: 'v3.8 .. v5.16 (reverted by 67d6212afda2)', subject: 'module, async: async_synchronize_full() on module init iff async is used' },
  WAIT_FLUSH_DEFERRED: { commit: 'not identified (present in v5.10-era dd.c)', since: '<= v5.10', subject: 'wait_for_device_probe flushes deferred_probe_work first' },
  UEVENT_SINGLE_READ: { commit: '18daa52418e7', since: 'v6.15', subject: 'driver core: fix potential NULL pointer dereference in dev_uevent()' },
  ASYNC_AFTER_UNLOCK: { commit: 'b232b02bf3c2', since: 'v5.19', subject: 'driver core: fix deadlock in __device_attach (async_schedule_dev after device_unlock)' },
} as const satisfies Record<string, FlagInfo>;

export type Flag = keyof typeof FLAGS;

export interface Profile { name: string; describe: string; flags: readonly Flag[] }

const V3_5: Flag[] = [];
const V3_14: Flag[] = [...V3_5, 'BUS_LIST_BEFORE_PROBE', 'MODULE_SYNC_PF_USED_ASYNC'];
const V4_2: Flag[] = [...V3_14, 'TRIGGER_COUNT', 'ASYNC_PROBE'];
const V4_18: Flag[] = [...V4_2, 'DEVICE_LINKS', 'OVERRIDE_LOCK', 'NEED_PARENT_LOCK'];
const V5_1: Flag[] = [...V4_18, 'LINK_KREF', 'DEAD_FLAG', 'PER_DEVICE_ASYNC_ATTACH', 'ASYNC_SYNC_IN_DRIVER_DETACH'];
const V5_9: Flag[] = [...V5_1, 'ATTACH_DEAD_CHECK'];
// WAIT_FLUSH_DEFERRED is first listed where it is known to be present; its exact release is not identified.
const V5_19: Flag[] = [...V5_9.filter((f) => f !== 'MODULE_SYNC_PF_USED_ASYNC'), 'PROBE_BUSY_CHECK', 'WAIT_FLUSH_DEFERRED', 'ASYNC_AFTER_UNLOCK'];

export const PROFILES: Record<string, Profile> = {
  'v3.5': { name: 'v3.5', describe: 'before 190888ac01d0: a device joins the bus klist only after its own attach walk (B2); a flag set with v4.2 function names', flags: V3_5 },
  'v3.14': { name: 'v3.14', describe: 'before the deferral race fix (no deferred_trigger_count), no async probing; a flag set: steps keep the v4.2 function names (v3.14 had device_attach/__device_attach where v4.2 has __device_attach/__device_attach_driver)', flags: V3_14 },
  'v4.2': { name: 'v4.2', describe: 'first kernel with async probing (whole-driver async, lock held across async_schedule)', flags: V4_2 },
  'v4.18': { name: 'v4.18', describe: 'parent lock only for buses with need_parent_lock; device links; driver_override under device_lock (v4.13)', flags: V4_18 },
  'v5.1': { name: 'v5.1', describe: 'device link kref (v4.19), dead flag, per-device async attach, async_synchronize_full in driver_detach', flags: V5_1 },
  'v5.9': { name: 'v5.9', describe: '__device_attach checks dead (654888327e9f)', flags: V5_9 },
  'v5.19': { name: 'v5.19', describe: 'async_schedule_dev after device_unlock (b232b02bf3c2); EBUSY check in __driver_probe_device', flags: V5_19 },
  mainline: { name: 'mainline', describe: 'current mainline (v6.15+ as far as modelled)', flags: [...V5_19, 'UEVENT_SINGLE_READ'] },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

export function profile(name: string): Profile {
  const p = PROFILES[name];
  if (!p) throw new ProbecheckError('E602', `unknown kernel profile '${name}'; known: ${PROFILE_NAMES.join(', ')}`);
  return p;
}

/** The flags one profile has and the other has not, both ways. */
export function profileDiff(a: string, b: string): { added: Flag[]; removed: Flag[] } {
  const fa = new Set(profile(a).flags), fb = new Set(profile(b).flags);
  return { added: [...fb].filter((f) => !fa.has(f)), removed: [...fa].filter((f) => !fb.has(f)) };
}
