/**
 * A bus match that defers (656b8035b0ee): driver_match_device() returns -EPROBE_DEFER, as
 * amba_match does while it cannot read a device's peripheral ID (drivers/amba/bus.c at
 * torvalds@a4d398a573d0, "ARM: 9416/1: amba: make amba_bustype constant", read 2026-12-07: under
 * pcdev->periphid_lock, `if (!pcdev->periphid)` it calls amba_read_periphid() and on any error
 * returns -EPROBE_DEFER, before it looks at driver_override or the driver's id_table; the shape
 * f2d3b9a46e0e (v6.0) began, not read at that commit). Both walks then put the device on
 * the deferred-probe pending list (driver_deferred_probe_add, under deferred_probe_mutex):
 *
 *   } else if (ret == -EPROBE_DEFER) {
 *           dev_dbg(dev, "Device match requests probe deferral\n");
 *           dev->can_match = true;           (v5.13 on; dev_set_can_match(dev) in mainline)
 *           driver_deferred_probe_add(dev);
 *           return 0;                        (__driver_attach, 25e9fbf0fd38 on: MATCH_DEFER_RETURNS)
 *           return ret;                      (__device_attach_driver, the same)
 *   }                                        (before: on to probe the device, as on a match)
 *
 * __device_attach_driver runs under the device lock __device_attach holds, after its dead check;
 * __driver_attach calls the match before it takes any lock, so its add may come after a
 * concurrent device_del's driver_deferred_probe_del (deferred-lists says so).
 */
import type { Block, Kernel } from '../emit.js';
import type { KL, KS } from '../state.js';
import { namedMutexWaits } from './common.js';
import { deferredAdd, deferredAddOld } from './klist.js';
import { ADD_LINES } from './really-probe.js';
import { PROFILES } from '../profiles.js';

/** Does dev's match defer at this profile (DevInfo.matchDefers, and the kernel has the branch)? */
export const defersMatch = (k: Kernel, dev: number): boolean => k.w.devices[dev]!.matchDefers && k.has('MATCH_DEFER');

/**
 * The step `driver_deferred_probe_add` of `f` (a walk's callback at `where`), where dev's match
 * defers: the branch above, then `then`. It cites after the add `returns`, the lines that return
 * where the profile has MATCH_DEFER_RETURNS (none where its snapshot predates the return its
 * release has: v6.1, `differs`), else `fallsThrough`, the caller's lines it goes on to.
 */
export function matchDeferStep(f: Block, dev: number, where: string, lines: { returns: string[]; fallsThrough: string[] }, then: (s: KS, t: KL) => string | null,
  stale?: (s: KS, t: KL) => boolean, oldGen?: (s: KS, t: KL) => number): void {
  const k: Kernel = f.tb.k;
  if (!defersMatch(k, dev)) return;
  const tail = !k.has('MATCH_DEFER_RETURNS') ? lines.fallsThrough : PROFILES[k.profile.split(' + ')[0]!]?.differs?.MATCH_DEFER_RETURNS === undefined ? lines.returns : [];
  // The where names no callee: the match ran in the step before (its own: 'the bus's match returns
  // -EPROBE_DEFER'), and `steps --function driver_match_device` reads a where naming it as a step
  // that runs it (s45 h20: this one was listed at every profile with the branch).
  f.step('driver_deferred_probe_add', { where: `${where} (the bus's match returned -EPROBE_DEFER)`, since: 'v4.5 or v4.6 (656b8035b0ee)',
    c: ['} else if (ret == -EPROBE_DEFER) {', ...(k.has('PROBE_BUSY_CHECK') ? ['dev->can_match = true; || dev_set_can_match(dev);'] : []), 'driver_deferred_probe_add(dev);',
      ...(k.has('PROBE_BUSY_CHECK') ? ['driver_deferred_probe_add:: if (!dev->can_match) || if (!dev_can_match(dev))'] : []), ...ADD_LINES.map((l) => `driver_deferred_probe_add:: ${l}`), ...tail],
    // Before MATCH_DEFER_RETURNS the walk goes on after the add: its lines read the driver's probe
    // type and the walk's locals, which no other thread writes, and driver_probe_device is the next steps.
    ...(tail.length && tail === lines.fallsThrough ? { merges: 'before MATCH_DEFER_RETURNS the walk goes on after the add\'s unlock: the probe-type test and the walk\'s locals, which no other thread writes; driver_probe_device is the next steps' } : {}),
    await: (s) => s.deferredProbeMutex === 0, waits: namedMutexWaits('deferred_probe_mutex'),
    run: (s, t) => {
      // A walk on the deleted struct's klist node (`stale`: driver-attach.ts Stale) sets the old
      // struct's can_match and lists the old struct (a review, s37 h9: it listed the new one).
      // The same for a holder of the old struct's lock (`oldGen`: that struct, common.ts lockedStruct).
      if (stale?.(s, t)) { deferredAddOld(s, dev, oldGen?.(s, t)); return then(s, t); }
      if (k.has('PROBE_BUSY_CHECK')) s.dev[dev]!.canMatch = true;
      deferredAdd(s, dev);
      return then(s, t);
    } });
}
