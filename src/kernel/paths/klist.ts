/**
 * List order as state (lib/klist.c, include/linux/list.h as drivers/base uses them): the
 * kernel walks its lists in the order they were filled, so the model keeps each device's place
 * as a dense rank (1 = head), renumbered on removal so the state space stays finite.
 *
 * - The bus klist (`dev.busRank`): bus_add_device does klist_add_tail(&dev->p->knode_bus, ...);
 *   bus_remove_device does klist_del, which only marks the node dead while a bus_for_each_dev
 *   iterator holds it (`dev.busHeld`): the node keeps its place until the iterator moves on
 *   (klist_next drops the reference, skips dead nodes). A dead node's rank r means "just before
 *   the live node ranked r". A device added again is a new struct with a node of its own
 *   (bus_add_device's klist_add_tail, which waits for nothing): the deleted struct's node, while
 *   walks still hold it, moves to `dev.oldRank`/`dev.oldHeld` (busMoveOld), and a walk tells the
 *   two apart by `dev.busGen`, which it keeps when it takes a node (KL.knode). One such old node
 *   per device: a second one waits in device_add (a model limit; so does a second old
 *   &dev->mutex, DevS.oldMutex).
 * - The bus's klist of drivers (`drv.busRank`): bus_add_driver does klist_add_tail(&priv->knode_bus,
 *   &sp->klist_drivers); bus_remove_driver's klist_remove marks the node dead and waits until the
 *   bus_for_each_drv walks holding it (`drv.iterRefs`) let go; it keeps its place until then. Only
 *   a driver that shares with another a matching device some walk of the model visits (a device
 *   added while both may be registered, or retried from the deferred list) has a rank
 *   (`drvPeers`), counted among its peers: no walk can tell the others' order, and a rank no walk
 *   reads would only split states.
 * - A driver's klist of bound devices (`dev.drvRank`): driver_bound does
 *   klist_add_tail(&dev->p->knode_driver, &dev->driver->p->klist_devices); __device_release_driver
 *   does klist_remove. driver_detach takes list_last_entry: the highest rank.
 * - Device links (`link.rank`): device_link_add does list_add_tail_rcu(&link->s_node,
 *   &supplier->links.consumers) and list_add_tail_rcu(&link->c_node, &consumer->links.suppliers),
 *   so both lists are in the order the links were made: one dense rank over the managed links
 *   (1 = made first) orders both (linkMade, linkGone, byCreation).
 * - The deferred-probe lists (`dev.deferRank`): driver_deferred_probe_add does list_add_tail onto
 *   the pending list; driver_deferred_probe_trigger splices pending onto active's tail; the worker
 *   takes list_first_entry of active; driver_deferred_probe_del does list_del_init.
 * - devices_kset's list (`dev.ksetRank`, kept only where device_shutdown runs): kobject_add's
 *   kobj_kset_join does list_add_tail(&kobj->entry, &kobj->kset->list) for every device;
 *   kobject_del's kobj_kset_leave and device_shutdown's walk do list_del_init; the walk takes
 *   list.prev, the tail. Not modelled: the moves to the tail (devices_kset_move_last in
 *   really_probe at 013c074f8642 and 8c97a46af04b, device_pm_move_to_tail in the deferred worker
 *   from v5.1, device_link_add's reorder), so the walk takes devices in the order they were added.
 */
import { add } from '../../engine/add.js';
import type { KL, KS } from '../state.js';
import type { World } from '../world.js';

/** klist_add_tail(&dev->p->knode_bus, &bus->p->klist_devices): after every live node. */
export function busAddTail(w: World, s: KS, dev: number): void {
  const bus = w.devices[dev]!.bus;
  let live = 0;
  for (const d of w.devices) if (d.i !== dev && d.bus === bus && s.dev[d.i]!.onBus) live++;
  s.dev[dev]!.busRank = live + 1;
}

/**
 * klist_del(&dev->p->knode_bus), with the caller clearing `onBus`: the live nodes after it move
 * up one place, as do dead nodes held after it; the node itself keeps its place while held.
 */
export function busDel(w: World, s: KS, dev: number): void {
  const x = s.dev[dev]!, r = x.busRank, bus = w.devices[dev]!.bus;
  if (r === 0) return;
  for (const d of w.devices) {
    const y = s.dev[d.i]!;
    if (d.bus !== bus) continue;
    if (d.i !== dev && y.busRank > r) y.busRank--;
    if (y.oldRank > r) y.oldRank--;     // an old node after it (a device's own old node is before its new one)
  }
  if (x.busHeld === 0) x.busRank = 0;
}

/**
 * device_add of a device whose deleted struct's node walks still hold (`busHeld`, the node dead):
 * that node stays where it is, the walks on it go on from there (klist_next), and the new struct's
 * own node goes on at the tail (busAddTail, after this). It becomes the old node; the walks on it
 * took it at the other `busGen`. Only where no old node is held already (device_add waits for that).
 */
export function busMoveOld(s: KS, dev: number, was = 0): void {
  const x = s.dev[dev]!;
  if (x.busHeld === 0) return;
  x.oldRank = x.busRank; x.oldHeld = x.busHeld; x.busHeld = 0; x.oldGen = was;   // was: the deleted struct's DevS.gen
  x.busGen ^= 1;
}

/** Does a walk whose KL.knode bit is `took` hold dev's old node (busMoveOld), rather than its node now? */
export function holdsOld(s: KS, dev: number, took: number): boolean {
  const x = s.dev[dev]!;
  return x.oldHeld > 0 && took !== x.busGen;
}

/**
 * The node klist_next takes among `ids` (devices or drivers, their records in `recs`): the live
 * one with the lowest place after `after`, or at it when the node left was dead (`strict` false:
 * a dead node's place is the live node after it). -1 at the end of the list.
 */
function firstLive(recs: readonly { onBus: boolean; busRank: number }[], ids: readonly number[], after: number, strict: boolean): number {
  let best = -1, rank = Infinity;
  for (const i of ids) {
    const y = recs[i]!;
    if (!y.onBus || y.busRank >= rank) continue;
    if (strict ? y.busRank > after : y.busRank >= after) { best = i; rank = y.busRank; }
  }
  return best;
}

/**
 * Forget the deleted struct's driver_override (DevS.oldOvr) once no reader of it is left: the
 * holder of its lock (oldMutex), the walks on its old node (oldHeld), and a bind_store that looked
 * it up (s39 h18: which sysfs store holds which struct is a thread's local, so any store in flight,
 * storesActive, keeps it; the store's kernfs_put_active drops it).
 */
export function dropOldOvr(s: KS, d: number): void {
  const x = s.dev[d]!;
  if (x.oldMutex === 0 && x.oldHeld === 0 && s.drv.every((r) => r.storesActive === 0)) x.oldOvr = 0;
}

/**
 * klist_next of a bus_for_each_dev walk over `ids`, drv's matching devices (the others on the bus are
 * visited and skipped by __driver_attach's match, which the model spells out only where a user's
 * patch changes __driver_attach: `ids`, every device of the bus, driver-attach.ts): drop the
 * reference on `from` (-1 at klist_iter_init) and take the first live node after it. Returns
 * the device (-1 at the end of the list).
 */
export function busNext(s: KS, from: number, ids: readonly number[], t?: KL, lvl = 0): number {
  let after = 0, strict = true;
  if (from >= 0) {
    const x = s.dev[from]!;
    if (holdsOld(s, from, t?.knode[lvl] ?? 0)) {
      // The deleted struct's node, dead: klist_next goes on from its place to the next live node,
      // which may be the new struct's own at the tail.
      after = x.oldRank; strict = false;
      if (--x.oldHeld === 0) { x.oldRank = 0; x.oldGen = 0; dropOldOvr(s, from); }   // its driver_override: no reader left (s39 h9)
    } else {
      after = x.busRank;
      strict = x.onBus;           // a dead node's rank is the place of the live node after it
      if (x.busHeld > 0) x.busHeld--;
      if (x.busHeld === 0 && !x.onBus) x.busRank = 0;
    }
    if (t) t.knode[lvl] = 0;
    if (x.busHeld === 0 && x.oldHeld === 0) x.busGen = 0;   // no walk holds a node of it: one canonical state
  }
  const best = firstLive(s.dev, ids, after, strict);
  if (best >= 0) {
    const y = s.dev[best]!;
    y.busHeld++;
    if (t) t.knode[lvl] = y.busGen;
  }
  return best;
}

/**
 * Where a bus_for_each_dev walk may hold a device's node: by device, the threads and nesting
 * depths of the walks that visit it (driver-attach.ts `ids`). A thread runs one walk at a depth at
 * a time and it holds one node (KL.knode keeps one a depth), so a device's node has at most as
 * many holders as it has such places, however many drivers a thread registers in turn (s50 h8:
 * counted by walk, two actors registering 130 drivers each made `t.int(260)`, E102, and 9 walks
 * of one thread widened every device's busHeld).
 */
const holders = new WeakMap<object, Map<number, Set<string>>>();

/** A walk built in `thread` at nesting depth `lvl` visits `ids` (driver-attach.ts driverAttach). */
export function walkVisits(k: object, thread: string, lvl: number, ids: readonly number[]): void {
  let m = holders.get(k);
  if (!m) holders.set(k, (m = new Map()));
  for (const d of ids) {
    const l = m.get(d) ?? new Set<string>();
    l.add(`${thread}\0${lvl}`);
    m.set(d, l);
  }
}

/** The most walks that may hold one device's bus klist node at once, once every thread is built (kernelSchema's `most.walkers`). */
export const mostHolders = (k: object): number => Math.max(0, ...[...(holders.get(k)?.values() ?? [])].map((l) => l.size));

const walked = new WeakMap<World, Set<number>>();
const peers = new WeakMap<World, number[][]>();

/** The model has a __device_attach of dev, whose bus_for_each_drv walks see its matching drivers' order (two or more). */
export function walksDrivers(w: World, dev: number): void {
  let ds = walked.get(w);
  if (!ds) walked.set(w, (ds = new Set()));
  ds.add(dev);
  peers.delete(w);
}

/** The devices whose __device_attach walks the model has (walksDrivers), in no order. */
export function walkedDevices(w: World): number[] {
  return [...(walked.get(w) ?? [])];
}

/**
 * The drivers whose place on klist_drivers relative to drv some walk of the model can see: those
 * joined to it through walked devices that two or more drivers match (drv included), or none.
 */
export function drvPeers(w: World, drv: number): readonly number[] {
  let ps = peers.get(w);
  if (!ps) {
    const root = w.drivers.map((d) => d.i);
    const find = (x: number): number => (root[x] === x ? x : (root[x] = find(root[x]!)));
    const shared = new Set<number>();
    for (const dev of walked.get(w) ?? []) {
      const ds = w.devices[dev]!.drivers;
      for (const x of ds) { shared.add(x); root[find(x)] = find(ds[0]!); }
    }
    ps = w.drivers.map((d) => (shared.has(d.i) ? w.drivers.filter((x) => find(x.i) === find(d.i)).map((x) => x.i) : []));
    peers.set(w, ps);
  }
  return ps[drv]!;
}

/** klist_add_tail(&priv->knode_bus, &sp->klist_drivers): after every live node among its peers. */
export function drvAddTail(w: World, s: KS, drv: number): void {
  const ps = drvPeers(w, drv);
  if (ps.length === 0) return;
  let live = 0;
  for (const p of ps) if (p !== drv && s.drv[p]!.onBus) live++;
  s.drv[drv]!.busRank = live + 1;
}

/**
 * klist_remove(&drv->p->knode_bus) (its klist_del), with the caller clearing `onBus`: as busDel,
 * the node keeps its place while walks hold it (`iterRefs`).
 */
export function drvDel(w: World, s: KS, drv: number): void {
  const x = s.drv[drv]!, r = x.busRank;
  if (r === 0) return;
  for (const p of drvPeers(w, drv)) if (p !== drv && s.drv[p]!.busRank > r) s.drv[p]!.busRank--;
  if (x.iterRefs === 0) x.busRank = 0;
}

/** A walk drops its reference on drv's knode_bus (klist_next past it, klist_iter_exit): a dead node goes when the last one does. */
export function drvPut(w: World, s: KS, drv: number): void {
  const x = s.drv[drv]!;
  add(x, 'iterRefs', -1);
  if (drvPeers(w, drv).length === 0) return;   // no rank: leave the count unread (as an unranked driver's walk always did)
  if (x.busRank !== 0 && !x.onBus && x.iterRefs === 0) x.busRank = 0;
}

/**
 * klist_next of a bus_for_each_drv walk over dev's matching drivers (dev has two or more, so all
 * are ranked; the others on the bus are visited and fail driver_match_device, which the model
 * does not spell out): drop the reference on `from` (-1 at klist_iter_init) and take one on the
 * first live node after it. Returns the driver (-1 at the end of the list).
 */
export function drvNext(w: World, s: KS, dev: number, from: number): number {
  let after = 0, strict = true;
  if (from >= 0) {
    const x = s.drv[from]!;
    after = x.busRank;
    strict = x.onBus;           // a dead node's rank is the place of the live node after it
    drvPut(w, s, from);
  }
  const best = firstLive(s.drv, w.devices[dev]!.drivers, after, strict);
  if (best >= 0) add(s.drv[best]!, 'iterRefs', 1);
  return best;
}

/** klist_add_tail(&dev->p->knode_driver, &drv->p->klist_devices) in driver_bound. */
export function boundAddTail(s: KS, dev: number): void {
  const drv = s.dev[dev]!.driver;
  let n = 0;
  for (const y of s.dev) if (y !== s.dev[dev] && y.drvRank > 0 && y.driver === drv) n++;
  s.dev[dev]!.drvRank = n + 1;
}

/** klist_remove(&dev->p->knode_driver) in __device_release_driver (after dev->driver is cleared, in the same step of the model: nothing between them waits or is read unlocked). */
export function boundRemove(s: KS, dev: number): void {
  const x = s.dev[dev]!, r = x.drvRank, drv = x.driver;
  if (r === 0) return;
  for (const y of s.dev) if (y.drvRank > r && y.driver === drv) y.drvRank--;
  x.drvRank = 0;
}

/** list_last_entry(&drv->p->klist_devices.k_list, ...): the device bound to drv last, or -1. */
export function boundLast(s: KS, drv: number): number {
  let best = -1, rank = 0;
  s.dev.forEach((y, i) => { if (y.drvRank > rank && y.driver === drv + 1) { best = i; rank = y.drvRank; } });
  return best;
}

/**
 * driver_deferred_probe_add of the old struct, by a walk on its klist node (driver-attach.ts Stale):
 * its own entry (DevS.oldGen; `gen`, that of a holder of the old struct's lock: common.ts lockedStruct), which device_del's driver_deferred_probe_del took off before the walk
 * came to add it. The slot keeps one entry: where the new struct's (or another's) is on a list
 * already, the old one's is not added (a model limit; the worker's retry of it would find the
 * struct unregistered and probe nothing, dd.c@dakr@1ac45118ddf8:828-833).
 */
export function deferredAddOld(s: KS, dev: number, gen = s.dev[dev]!.oldGen): void {
  if (s.dev[dev]!.deferred === 'none') pendingTail(s, dev, gen);
}

/** list_add_tail onto the pending list, the entry of struct `gen` (DevS.deferGen). */
function pendingTail(s: KS, dev: number, gen: number): void {
  const x = s.dev[dev]!;
  let n = 0;
  for (const y of s.dev) if (y.deferred === 'pending') n++;
  x.deferred = 'pending'; x.deferRank = n + 1; x.deferGen = gen;
}

/** driver_deferred_probe_add: list_add_tail onto the pending list, unless on a list already. */
export function deferredAdd(s: KS, dev: number): void {
  const x = s.dev[dev]!;
  if (x.deferred !== 'none') {
    if (x.deferGen === x.gen) return;
    deferredDel(s, dev);   // a deleted struct's stale entry (DevS.deferGen): the new struct's own goes on
  }
  pendingTail(s, dev, x.gen);
}

/** list_del_init(&dev->p->deferred_probe), from whichever list it is on. */
export function deferredDel(s: KS, dev: number): void {
  const x = s.dev[dev]!, r = x.deferRank, on = x.deferred;
  if (on === 'none') return;
  for (const y of s.dev) if (y.deferred === on && y.deferRank > r) y.deferRank--;
  x.deferred = 'none'; x.deferRank = 0; x.deferBy = 0; x.deferGen = 0;
}

/** list_splice_tail_init(&deferred_probe_pending_list, &deferred_probe_active_list). */
export function deferredSplice(s: KS): void {
  let active = 0;
  for (const y of s.dev) if (y.deferred === 'active') active++;
  for (const y of s.dev) if (y.deferred === 'pending') { y.deferred = 'active'; y.deferRank += active; }
}

/** The devices on one deferred-probe list, head first (their deferRank): what list_for_each_entry walks. */
export function deferredList(s: Pick<KS, 'dev'>, on: 'pending' | 'active'): number[] {
  return s.dev.flatMap((y, i) => (y.deferred === on ? [i] : [])).sort((a, b) => s.dev[a]!.deferRank - s.dev[b]!.deferRank);
}

/** list_first_entry(&deferred_probe_active_list, ...) among `devs`, or -1. */
export function deferredFirst(s: KS, devs: readonly number[]): number {
  let best = -1, rank = Infinity;
  for (const d of devs) { const y = s.dev[d]!; if (y.deferred === 'active' && y.deferRank < rank) { best = d; rank = y.deferRank; } }
  return best;
}

/**
 * Whether the scenario keeps link order (`link.rank`): only where some device has two managed links
 * on one side, so that a walk of its links (device_links_busy, device_links_unbind_consumers,
 * device_links_check_suppliers) can meet them in either order; with one, a rank would only split
 * states. Before this the walks followed the scenario's declaration order, which means nothing in
 * the C (an audit, 2026-12-05: two consumers of one supplier explored 56,546 or 54,880 states by
 * the order their drivers were declared).
 */
export function linksOrdered(w: World): boolean {
  let v = ordered.get(w);
  if (v === undefined) {
    const ends = w.links.filter((l) => !l.stateless).flatMap((l) => [`s${l.supplier}`, `c${l.consumer}`]);
    v = new Set(ends).size < ends.length;
    ordered.set(w, v);
  }
  return v;
}
const ordered = new WeakMap<World, boolean>();

/**
 * Can a managed link's consumer be deleted and added again (DevInfo.readd)? Then a probe of its
 * deleted struct may make the link again after device_del's device_links_purge, and the add leaves
 * that link the old struct's (LinkS.old: links.ts oldLinkOfStruct); elsewhere the field is not kept.
 */
export function oldLinksKept(w: World): boolean {
  let v = oldKept.get(w);
  if (v === undefined) { v = w.links.some((l) => !l.stateless && w.devices[l.consumer]!.readd === true); oldKept.set(w, v); }
  return v;
}
const oldKept = new WeakMap<World, boolean>();

/** device_link_add made managed link li (its status left NONE): at the tail of both its lists. */
export function linkMade(w: World, s: KS, li: number): void {
  if (!linksOrdered(w)) return;
  let n = 0;
  for (const l of w.links) if (!l.stateless && l.i !== li && s.link[l.i]!.rank > 0) n++;
  s.link[li]!.rank = n + 1;
}

/** Managed link li deleted (its status set NONE): the links made after it move up one place. */
export function linkGone(w: World, s: KS, li: number): void {
  if (!linksOrdered(w)) return;
  const r = s.link[li]!.rank;
  if (r === 0) return;
  for (const l of w.links) if (!l.stateless && s.link[l.i]!.rank > r) s.link[l.i]!.rank--;
  s.link[li]!.rank = 0;
}

/** `links` (one device's managed links, as list_for_each_entry meets them): in the order they were made. */
export function byCreation<L extends { i: number }>(w: World, s: KS, links: readonly L[]): readonly L[] {
  if (links.length < 2 || !linksOrdered(w)) return links;
  return [...links].sort((a, b) => s.link[a.i]!.rank - s.link[b.i]!.rank);
}

/** kobject_add: list_add_tail onto devices_kset's list. */
export function ksetAddTail(w: World, s: KS, dev: number): void {
  let live = 0;
  for (const d of w.devices) if (d.i !== dev && s.dev[d.i]!.ksetRank! > 0) live++;
  s.dev[dev]!.ksetRank = live + 1;
}

/** list_del_init(&dev->kobj.entry): the devices after it move up one place (a device already off the list stays off). */
export function ksetDel(s: KS, dev: number): void {
  const r = s.dev[dev]!.ksetRank!;
  if (r === 0) return;
  for (const y of s.dev) if (y.ksetRank! > r) y.ksetRank!--;
  s.dev[dev]!.ksetRank = 0;
}

/** list_entry(devices_kset->list.prev, ...): the device at the tail, or -1 when the list is empty. */
export function ksetLast(s: KS): number {
  let best = -1, rank = 0;
  for (let i = 0; i < s.dev.length; i++) { const r = s.dev[i]!.ksetRank!; if (r > rank) { rank = r; best = i; } }
  return best;
}
