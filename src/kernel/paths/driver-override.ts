/**
 * driver_override (drivers/base/platform.c, B13 / CVE-2017-12146): the sysfs store replaces
 * pdev->driver_override with a new kstrndup'd string and kfree()s the old one; platform_match
 * reads the pointer and strcmp()s it against drv->name. Before 6265539776a0 (v4.13) the store
 * takes no lock, so a match in flight (inside __device_attach, under dev->mutex) can strcmp a
 * freed string; the fix swaps the pointer under device_lock (patches.ts, flag OVERRIDE_LOCK).
 * That orders the store only against a reader holding dev->mutex: __driver_attach and bind_store
 * call driver_match_device without it (dd.c@5a7a9efdb193:1150, bus.c@00c4a3c47da7:264),
 * so they read freed memory at every profile. dc23806a7c47 (2026, "driver core: enforce
 * device_lock for driver_match_device()") locked both and was reverted (9de68394a615, v7.0-rc3);
 * the fix that stayed, cb3d1049f4ea with 2b38efc05bf7 (v7.0-rc), reads the string under a
 * spinlock of its own: patch cb3d1049f4ea (patches.ts, flag OVERRIDE_MATCH_LOCKED).
 *
 * Only devices an actor writes the file of (`override dev drv`) read it in two steps (load the
 * pointer, strcmp): the others keep the one-step match. State: `ovrDrv` (which driver the current
 * string names), `ovrGen` (which allocation holds it); a reader's local `ovr` is the allocation it
 * loaded. Not modelled: driver_override_show, two racing stores (their double kfree). Built only where
 * the file exists (DRIVER_OVERRIDE, 3d713e0e382e, v3.16: scenario.ts refuses `override` before).
 */
import { RETURN, type Block, type Kernel, type Ret, type ThreadBuilder } from '../emit.js';
import type { KL, KS } from '../state.js';
import type { World } from '../world.js';
import { excerpt, sourceFile } from '../source.js';
import { DRIVER_C, heldOld, linesIn, textLines } from './common.js';
import { defersMatch } from './match-defer.js';
import { releaseGhost } from './owed.js';

export const PLATFORM = 'drivers/base/platform.c';
/** The match call in every caller's lines. */
export const MATCH_LINE = 'driver_match_device(drv, dev)';

/**
 * The strcmp step's anchor. The step before it (the load) models `if (pdev->driver_override)` but
 * names only dd.c lines: most profiles that read dd.c read no platform.c.
 */
export const STRCMP = ['return !strcmp(pdev->driver_override, drv->name);'];

/** platform_match's first line from 2b38efc05bf7 (v7.0-rc): the test and strcmp under driver_override.lock, in one call. */
export const MATCH_OVERRIDE = 'ret = device_match_driver_override(dev, drv);';
/** device_match_driver_override's test and compare under the string's own lock (include/linux/device.h, cb3d1049f4ea). */
export const MATCH_HELPER = ['guard(spinlock)(&dev->driver_override.lock);', 'return !strcmp(dev->driver_override.name, drv->name);'];
const DEVICE_H = 'include/linux/device.h';


/**
 * platform_match's driver_override test: no override, or the override names drv. `owner`: the
 * reader's thread, which where it holds the deleted struct's lock (the slot added again since:
 * common.ts heldOld) matches that struct, its pdev->driver_override (DevS.oldOvr), not the new one's.
 */
export function overrideMatches(s: KS, dev: number, drv: number, owner = 0, byId = true): boolean {
  return allows(overrideOf(s, dev, owner), drv, byId);
}

/** Does drv match dev by ID (not through a driver_override alone: DevInfo.byOverride)? */
export const matchesById = (w: World, dev: number, drv: number): boolean => !w.devices[dev]!.byOverride?.includes(drv);

/**
 * platform_match's driver_override test on the deleted struct (DevS.oldOvr): what a walk still on
 * its old klist node matches with (driver-attach.ts; that struct's string, which no store changes
 * once device_del removed its file).
 */
export function oldOverrideMatches(s: KS, dev: number, drv: number, byId = true): boolean {
  return allows(s.dev[dev]!.oldOvr, drv, byId);
}

/**
 * A driver_override (a driver's index + 1, 0 for NULL) lets drv match: it names drv, or there is
 * none and drv matches by ID (`byId`; false for a driver only an override makes match: DevInfo.byOverride).
 */
const allows = (o: number, drv: number, byId: boolean): boolean => (o === 0 ? byId : o === drv + 1);

/** The driver_override of the struct `owner` matches: the deleted one's where it holds its lock. */
const overrideOf = (s: KS, dev: number, owner: number): number => (heldOld(s, dev, owner) ? s.dev[dev]!.oldOvr : s.dev[dev]!.ovrDrv);

type Next = (s: KS, t: KL) => string | null;

/**
 * driver_match_device(drv, dev) as the step `driver_match_device` of `f` (with the caller's
 * checks, `c`): `on` where the caller goes on when drv matches, `off` when it does not; `skip`
 * leaves before matching when it returns a label. A device whose driver_override an actor writes
 * matches in two steps, as platform_match does: the load of pdev->driver_override here, then
 * strcmp (B13). Every reader builds its match here: __device_attach_driver, __driver_attach,
 * bind_store. A device whose match defers (DevInfo.matchDefers; no override) goes to `defer` where
 * the caller gives one (MATCH_DEFER), else on (bind_store's `if (dev && driver_match_device(drv,
 * dev))` takes -EPROBE_DEFER as a match).
 */
export function driverMatchSteps(f: Block, dev: number, drv: number,
  o: { where: string; since?: string; c: string[]; skip?: (s: KS, t: KL) => string | null | undefined; on: Next; off: Next; defer?: Next; old?: (s: KS, t: KL) => boolean }): void {
  const { where, c, skip, off } = o, since = o.since !== undefined ? { since: o.since } : {}, me = f.tb.owner;
  // `old`: the reader holds the deleted struct (a bind_store that looked it up before the slot was
  // added again): platform_match reads that struct's string, DevS.oldOvr (device-add.ts keeps it).
  const ovrOf = (s: KS, t: KL): number => (o.old?.(s, t) ? s.dev[dev]!.oldOvr : overrideOf(s, dev, me));
  const byId = matchesById(f.tb.k.w, dev, drv);
  const ovrMatches = (s: KS, t: KL): boolean => allows(ovrOf(s, t), drv, byId);
  const defers = defersMatch(f.tb.k, dev);
  const on = defers && o.defer ? o.defer : o.on;
  if (!f.tb.k.w.devices[dev]!.override) {
    // A match that defers goes on in the caller's next step: this one cites the lines up to the match.
    const upTo = defers && o.defer ? c.slice(0, c.indexOf(MATCH_LINE) + 1) : c;
    f.step('driver_match_device', { where: defers ? `${where} (the bus's match returns -EPROBE_DEFER)` : where, ...since, c: upTo, run: (s, t) => {
      const left = skip?.(s, t);
      return left !== undefined ? left : on(s, t);
    } });
    return;
  }
  if (f.tb.k.has('OVERRIDE_MATCH_LOCKED')) {
    // cb3d1049f4ea + 2b38efc05bf7: platform_match -> device_match_driver_override():
    //   guard(spinlock)(&dev->driver_override.lock);
    //   if (dev->driver_override.name)
    //           return !strcmp(dev->driver_override.name, drv->name);
    // The test and the strcmp are one step: the store swaps the string under the same lock.
    // platform_match's call and the helper's guard and strcmp (include/linux/device.h), where the
    // profile reads texts that have them (mainline: platform.c at torvalds@e6054f410c97, device.h at
    // torvalds@4793dae01f47).
    const call = [...textLines(f.tb.k, PLATFORM, 'platform_match', [MATCH_OVERRIDE]), ...textLines(f.tb.k, DEVICE_H, 'device_match_driver_override', MATCH_HELPER)];
    f.step('driver_match_device', { where: `${where} -> ${PLATFORM}:platform_match (device_match_driver_override, under driver_override.lock)`, since: 'v7.0-rc (cb3d1049f4ea, 2b38efc05bf7)', c: [...c, ...call], run: (s, t) => {
      const left = skip?.(s, t);
      if (left !== undefined) return left;
      return ovrMatches(s, t) ? on(s, t) : off(s, t);
    } });
    return;
  }
  f.step('driver_match_device', { where: `${where} -> ${PLATFORM}:platform_match (load pdev->driver_override)`, ...since, c, run: (s, t) => {
    const left = skip?.(s, t);
    if (left !== undefined) return left;
    // `if (pdev->driver_override)`: NULL is ovrDrv 0. Not ovrGen, which a device added again keeps
    // for the old string's readers (device-add.ts REUSED): the new struct's reader loaded it, and
    // the new struct's second store read as freeing it (a review, 2026-12-06: a false override-uaf).
    // A holder of the deleted struct's lock loads that struct's pointer (DevS.oldOvr): a string
    // only its release frees (platform_device_release), so override-uaf lets its strcmp pass.
    // No override: the ID match (none for a driver only an override names: DevInfo.byOverride).
    if (ovrOf(s, t) === 0) return byId ? on(s, t) : off(s, t);
    t.ovr = s.dev[dev]!.ovrGen;
    return 'strcmp';
  } });
  // The C reads pdev->driver_override again on this line; the model strcmp()s the pointer it loaded (docs/known-gaps.md).
  f.step('strcmp', { where: `${PLATFORM}:platform_match (!strcmp(pdev->driver_override, drv->name))`, since: 'v3.16', c: STRCMP, run: (s, t) => {
    t.ovr = 0;
    return ovrMatches(s, t) ? on(s, t) : off(s, t);
  } });
}

/**
 * From the v5.19 cycle (6c2f42117427) platform's store calls driver.c's driver_set_override, which
 * swaps under the same device_lock: its lines (the non-empty path: `device_lock(dev); old =
 * *override; ... *override = new; ... device_unlock(dev); kfree(old);`) where the profile reads a
 * driver.c that has it (v5.19, v6.1, v6.6, v6.12), else null.
 */
export function setOverrideLines(k: Pick<Kernel, 'sources' | 'unread'>): string[] | null {
  const file = sourceFile(k.sources, DRIVER_C);
  if (!file || !excerpt(k.sources[file]!, file, 'driver_set_override')) return null;
  return linesIn(k, DRIVER_C, 'driver_set_override', ['device_lock(dev);@2', 'old = *override;@2', '*override = new;', 'device_unlock(dev);@2', 'kfree(old);@2']);
}

/** The next allocation: any generation other than the current one. */
const nextGen = (g: number) => (g % 3) + 1;

/** `echo drv > /sys/.../dev/driver_override`: driver_override_store(dev, "drv"). */
export function driverOverrideStore(tb: ThreadBuilder, dev: number, drv: number, ret: Ret): string {
  const f = tb.fn('driver_override_store', { dev, drv }, ret);
  // Since v5.19 the swap (under device_lock since 6265539776a0) is in driver.c's driver_set_override (setOverrideLines).
  f.step('kfree_old', { where: `${PLATFORM}:driver_override_store (old = pdev->driver_override; pdev->driver_override = kstrndup(buf); kfree(old))`, since: 'v3.16 (3d713e0e382e, platform driver_override; unverified)',
    c: ['ret = driver_set_override(dev, &pdev->driver_override, buf, count); || pdev->driver_override = driver_override;'],
    run: (s) => { overrideSwap(tb.k, s, dev, drv); return RETURN; } });
  return f.done();
}

/**
 * The store's effect, for the patched step (the same, under device_lock). The driver_override
 * file exists while the device is on its bus's klist, as uevent.ts takes the uevent file to
 * (core.c at 6bb7ea3afd3e, kept: device_add calls device_add_attrs just before bus_add_device,
 * device_del device_remove_attrs just before bus_remove_device): a write to a device not added
 * yet, or deleted, fails and changes nothing (a hunt, 2026-12-04, found stores before the device
 * existed).
 */
export function overrideSwap(k: Pick<Kernel, 'w' | 'releasable' | 'missedJudged'>, s: KS, dev: number, drv: number): void {
  const d = s.dev[dev]!;
  if (!d.onBus) return;
  d.ovrGen = nextGen(d.ovrGen); d.ovrDrv = drv + 1;
  // The store probes nothing (platform.c driver_override_store, dd.c __device_set_driver_override:
  // swap, kfree(old), return): what was owed before it is no more; a probe attempt that starts
  // since, or a walk of the named driver yet to reach it (paths/owed.ts), owes it again (no-missed-probe).
  releaseGhost(k, s, dev);
}
