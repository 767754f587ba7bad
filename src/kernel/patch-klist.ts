/**
 * The bus's klist of devices, for a user's hunk that moves where a device is linked into it or
 * unlinked from it (`import { busLink, busUnlink } from 'probecheck'`). The place on the list is
 * a dense rank kept by klist.ts; a hunk that wrote `onBus`/`busRank` itself could give two devices
 * one place, and a registration walk then skipped one (s48 h2: Douglas Anderson's RFC "driver core:
 * Don't link the device to the bus until we're ready to probe", written that way, read a false
 * `no-missed-probe` regression with two devices added).
 */
import type { Site } from './emit.js';
import { busAddTail, busDel } from './paths/klist.js';
import type { KS } from './state.js';

function device(site: Site, dev: number, what: string): number {
  if (!(Number.isInteger(dev) && dev >= 0 && dev < site.k.w.devices.length)) throw new Error(`${what}(site, s, ${String(dev)}): no device ${String(dev)} (site.dev, or an index of site.k.w.devices)`);
  return dev;
}

/** klist_add_tail(&dev->p->knode_bus, &sp->klist_devices): dev goes after every device on its bus's list. */
export function busLink(site: Site, s: KS, dev: number = site.dev): void {
  const d = s.dev[device(site, dev, 'busLink')]!;
  if (d.onBus) throw new Error(`busLink: ${site.k.vn(dev)} is on its bus's list already`);
  // klist_del only marks a node a walk holds dead; it stays on the list until klist_next lets go.
  // klist_add_tail of it then re-inits a node still linked (a corrupt list, the walk's reference
  // lost), which the model cannot follow: giving it the tail's place moved the walk there, past
  // the devices between (s48 h7).
  if (d.busHeld > 0) throw new Error(`busLink: ${site.k.vn(dev)}'s node is still on its bus's list, dead (busUnlink's klist_del) and held by a bus_for_each_dev walk: klist_add_tail of it now would link a node that is still linked; the kernel links a struct device's knode_bus once (device_add), after klist_del only a new struct's`);
  busAddTail(site.k.w, s, dev);
  d.onBus = true;
}

/** klist_del(&dev->p->knode_bus): dev leaves its bus's list (a walk holding its node keeps its place until it moves on). */
export function busUnlink(site: Site, s: KS, dev: number = site.dev): void {
  const d = s.dev[device(site, dev, 'busUnlink')]!;
  if (!d.onBus) throw new Error(`busUnlink: ${site.k.vn(dev)} is not on its bus's list`);
  busDel(site.k.w, s, dev);
  d.onBus = false;
}

/**
 * The buses whose list has devices on it, every one at place 0: no state the model's steps make,
 * but the canonical form the symmetry reduction gives a list no walk can follow any more (symmetry.ts
 * `dead`: its places written as 0), which --check-symmetry runs steps from. Taken before a user's
 * step, so checkBusList leaves those lists alone (s48 h7: with --check-symmetry the RFC written
 * with busLink was E203 blaming the patch for that form).
 */
const NONE: ReadonlySet<number> = new Set();
export function zeroedBuses(site: Site, s: KS): ReadonlySet<number> {
  // Taken at every move of a user's step: no set made where no device on a list is at place 0 (every state the steps make).
  if (!site.k.w.devices.some((d) => s.dev[d.i]!.onBus && s.dev[d.i]!.busRank === 0)) return NONE;
  const live = new Set<number>(), placed = new Set<number>();
  for (const d of site.k.w.devices) {
    const x = s.dev[d.i]!;
    if (!x.onBus) continue;
    live.add(d.bus);
    if (x.busRank !== 0) placed.add(d.bus);
  }
  for (const b of placed) live.delete(b);
  return live;
}

/**
 * After a user's step: the devices on each bus's list hold distinct places, as klist.ts keeps them.
 * A hunk that wrote onBus or busRank by hand may leave two at one place or one live at none, and a
 * walk then skips a device the C visits: an error naming both, not a verdict about another list.
 */
export function checkBusList(site: Site, s: KS, skip: ReadonlySet<number>): void {
  const at = new Map<string, number>();
  for (const d of site.k.w.devices) {
    const x = s.dev[d.i]!;
    if (!x.onBus || skip.has(d.bus)) continue;
    const bus = site.k.w.buses[d.bus]?.name ?? String(d.bus);
    if (x.busRank === 0) throw new Error(`${site.k.vn(d.i)} is on the ${bus} bus's list of devices (onBus) with no place on it (busRank 0): link and unlink a device with busLink/busUnlink (import { busLink, busUnlink } from 'probecheck'), not by writing onBus or busRank`);
    const key = `${d.bus}:${x.busRank}`, other = at.get(key);
    if (other !== undefined) throw new Error(`${site.k.vn(other)} and ${site.k.vn(d.i)} hold one place (busRank ${x.busRank}) on the ${bus} bus's list of devices, so a walk of it would skip one: link and unlink a device with busLink/busUnlink (import { busLink, busUnlink } from 'probecheck'), not by writing onBus or busRank`);
    at.set(key, d.i);
  }
}
