/**
 * no-missed-probe's ghosts (DevS.released, owed, walkPending; properties.ts missed()), written
 * only where that property is checked (Kernel.missedJudged) and for a device an actor may release
 * (Kernel.releasable): elsewhere nothing reads them, and their writes only split states (s36 h15's
 * differential: o769 at mainline 14,901 states, 22,858 with them).
 *
 * A device released on purpose (an unbind, its driver's removal, a supplier's release, a
 * driver_override store) is owed a probe by a driver only through a probe attempt that meets it
 * unbound after the release, as dd.c makes one (read at torvalds/linux@5a7a9efdb193, 2026-12-06:
 * __driver_attach matches unlocked and probes under the device lock; __device_attach holds the
 * lock from its dev->driver test through bus_for_each_drv; __device_attach_async_helper locks
 * again and tests `dev->p->dead || dev->driver`):
 * - a driver's registration walk (bus_for_each_dev over __driver_attach) that has yet to pass it:
 *   one that starts since, or one under way that reaches it after the release (walkPending, a
 *   bit per walk, set when the walk starts and cleared as it leaves the device or ends);
 * - a __device_attach that finds dev->driver NULL under the device lock (a drivers_probe, the
 *   deferred worker's retry, whenever they started): bus_for_each_drv tries every driver on the
 *   bus klist, and the lock keeps a release out until it returns; its async helper, which locks
 *   the device again, every driver that allows async probing.
 */
import type { Kernel } from '../emit.js';
import { WALK_BITS, driverBit, type KS } from '../state.js';
import { allowsAsync } from './common.js';

/**
 * The walks a device's walkPending keeps a bit for: one per driver and thread that may run that
 * driver's registration walk (an actor's register or modprobe, a driver_attach_async entry, a
 * probe that registers the driver), in build order. Two walks of one driver may be under way at
 * once (a register, unregister and register again racing the first walk, or two async entries of
 * it, v4.2 .. v5.0): with a bit per driver one walk leaving a device (or ending) cleared what the
 * other, still short of it, owed, and a miss by that one read holds (s38,
 * test/kernel/missed-ghost-two-walks.test.ts). A thread runs one walk of a driver at a time. Up to
 * WALK_BITS walks of a device keep a bit each (two bytes of state where one has more than 8:
 * mostWalks); a tracked device with more is refused where no-missed-probe is checked (E601,
 * scenario.ts overridesRelease). Until s39 walks past the 8th shared a bit per driver, and a miss by
 * one of two walks of a driver there read holds.
 * Symmetry never renames a walking thread: it moves only the threads tied to a device of a group
 * (async helpers, work_on_cpu, async scans), and a walk runs in one only through a probe that
 * registers a driver, whose prober matches one device alone (E601), so it is in no group.
 */
const walkerTable = new WeakMap<Pick<Kernel, 'w'>, Map<number, string[]>>();

/** Built where drv's walk is built in `thread`: its key, after it has a place in each matched device's walkers. */
export function walkerOf(k: Pick<Kernel, 'w'>, drv: number, thread: string): string {
  let m = walkerTable.get(k);
  if (!m) walkerTable.set(k, (m = new Map()));
  const key = `${drv}\0${thread}`;
  for (const dev of k.w.drivers[drv]!.matches) {
    const l = m.get(dev) ?? [];
    if (!l.includes(key)) l.push(key);
    m.set(dev, l);
  }
  return key;
}

/** The walks dev keeps a walkPending bit for (walkerOf keys, in build order). */
export const walkersAt = (k: Pick<Kernel, 'w'>, dev: number): readonly string[] => walkerTable.get(k)?.get(dev) ?? [];
/** The most walks a device has, once every thread is built (kernelSchema's `walks`). */
export const mostWalks = (k: Pick<Kernel, 'w'>): number => Math.max(0, ...k.w.devices.map((d) => walkersAt(k, d.i).length));
const drvOf = (key: string) => Number(key.slice(0, key.indexOf('\0')));

/** The walk's bit in dev's walkPending (none past the WALK_BITS-th: such a tracked device is refused). */
function walkBit(k: Pick<Kernel, 'w'>, dev: number, key: string): number {
  const j = walkersAt(k, dev).indexOf(key);
  return j < 0 || j >= WALK_BITS ? 0 : 1 << j;
}

/** The drivers (their bits, as owed keeps them) whose walks dev's walkPending bits are. */
function walkDrivers(k: Pick<Kernel, 'w'>, dev: number, bits: number): number {
  const l = walkersAt(k, dev);
  let out = 0;
  l.forEach((key, j) => { if (bits & (1 << j)) out |= driverBit(k.w, dev, drvOf(key)); });
  return out;
}

const judged = (k: Pick<Kernel, 'releasable' | 'missedJudged'>, dev: number) => k.missedJudged === true && k.releasable.has(dev);
/** Whether a walk keeps dev's walkPending bit: a releasable device, or one that tells a walk under way (Kernel.walkTracked). */
const tracked = (k: Kernel, dev: number) => judged(k, dev) || (k.missedJudged === true && k.walkTracked?.has(dev) === true);

/** A release on purpose (or an override store): owed now only by the walks that have yet to reach it. */
export function releaseGhost(k: Pick<Kernel, 'w' | 'releasable' | 'missedJudged'>, s: KS, dev: number): void {
  if (!judged(k, dev)) return;
  const d = s.dev[dev]!;
  d.released = true; d.owed = walkDrivers(k, dev, d.walkPending);
}

/** drv's registration walk (`walker`: walkerOf) starts: every device it matches is ahead of it. */
export function walkStarts(k: Kernel, s: KS, drv: number, walker: string): void {
  for (const dev of k.w.drivers[drv]!.matches) {
    if (!tracked(k, dev)) continue;
    const d = s.dev[dev]!;
    d.walkPending |= walkBit(k, dev, walker);
    if (d.released && judged(k, dev)) d.owed |= driverBit(k.w, dev, drv);   // a tracked device past its 8th driver: none (under-judged)
  }
}

/** drv's walk `walker` leaves dev (dev < 0: the walk ends, and leaves every device). */
export function walkPasses(k: Kernel, s: KS, drv: number, dev: number, walker: string): void {
  if (k.missedJudged !== true) return;
  for (const i of dev < 0 ? k.w.drivers[drv]!.matches : [dev]) {
    if (tracked(k, i)) s.dev[i]!.walkPending &= ~walkBit(k, i, walker);
  }
}

/**
 * dev is added again (device_add of a new struct, paths/device-add.ts): its node goes on at the bus
 * klist's tail, which every registration walk under way reaches before it ends (klist_add_tail;
 * bus_for_each_dev's klist_next), a walk on the deleted struct's old node too (klist.ts busMoveOld).
 * So the new struct is ahead of every walk the old one was (its bits), and of every walk that still
 * has a device ahead of it (their bits for that driver: Kernel.walkTracked keeps them for every
 * device of a driver that matches such a device, so a walk that passed it before its device_del
 * is told too).
 */
export function walksAhead(k: Kernel, s: KS, dev: number): number {
  if (!tracked(k, dev)) return 0;
  let bits = s.dev[dev]!.walkPending;
  for (const walker of walkersAt(k, dev)) {
    const drv = drvOf(walker);
    const ahead = (i: number) => i !== dev && tracked(k, i) && (s.dev[i]!.walkPending & walkBit(k, i, walker)) !== 0;
    if (k.w.drivers[drv]!.matches.some(ahead)) bits |= walkBit(k, dev, walker);
  }
  return bits;
}

/** A __device_attach (async: its helper) of dev finds it unbound under its lock: the drivers it will try owe it. */
export function attachFinds(k: Kernel, s: KS, dev: number, async: boolean): void {
  const d = s.dev[dev]!;
  if (!judged(k, dev) || !d.released || d.driver !== 0) return;
  for (const x of k.w.devices[dev]!.drivers) if (s.drv[x]!.onBus && (!async || allowsAsync(k, s, x))) d.owed |= driverBit(k.w, dev, x);
}
