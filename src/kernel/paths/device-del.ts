/**
 * device_del (drivers/base/core.c): the dead flag set under the device lock (3451a495ef24, v5.1), then
 * bus_remove_device (off the bus klist, device_release_driver), driver_deferred_probe_del, and
 * only at the very end kobject_del, which is when device_is_registered() turns false.
 */
import { RETURN, type Kernel, type KStep, type Ret, type ThreadBuilder } from '../emit.js';
import { structRef, type KL, type KS } from '../state.js';
import type { LinkInfo } from '../world.js';
import { BUS, CORE, DD, linesIn, lockStep, namedMutexWaits } from './common.js';
import { busDel, deferredDel, ksetDel, linkGone } from './klist.js';
import { oldLinkMet } from './links.js';
import { deviceReleaseDriver } from './release.js';
import { DEL_LINES } from './really-probe.js';

/**
 * device_links_purge's two WARN_ONs, as every core.c read with device links has them (9ed9895370ae
 * .. 6.18.y): one for each link to a supplier, one for each link to a consumer. links-no-warn judges
 * them with purgeWarns below; test/kernel/links.test.ts holds both to the excerpts.
 */
export const PURGE_WARN = {
  suppliers: 'WARN_ON(link->status == DL_STATE_ACTIVE);',
  consumers: 'WARN_ON(link->status != DL_STATE_DORMANT && ... link->status != DL_STATE_NONE);',
} as const;

/**
 * Whether device_links_purge WARNs for a link of status `status` on the device's list of links to
 * its suppliers or to its consumers (PURGE_WARN's conditions; NONE is a link that no longer exists,
 * or a stateless one, which the WARN_ONs pass).
 */
export function purgeWarns(list: keyof typeof PURGE_WARN, status: string): boolean {
  return list === 'suppliers' ? status === 'ACTIVE' : status !== 'DORMANT' && status !== 'NONE';
}

/**
 * device_links_purge's body under device_links_write_lock (core.c where the profile reads it):
 * every link left at dev, to its suppliers and then to its consumers, is deleted, each past its
 * WARN_ON. Not cited: the `dev->class == &devlink_class` return (cf52ad5ff16c on: a link's own
 * struct device, which no scenario has).
 */
const PURGE_LINES = ['device_links_write_lock();', 'list_for_each_entry_safe_reverse(link, ln, &dev->links.suppliers, c_node) {', PURGE_WARN.suppliers,
  '__device_link_del(@1 #runs', 'list_for_each_entry_safe_reverse(link, ln, &dev->links.consumers, s_node) {', PURGE_WARN.consumers, '__device_link_del(@2 #runs',
  'device_links_write_unlock();'];

/**
 * `keep`: an actor's removal of a device whose slot another removal and an add may refill while it
 * runs (DevInfo.delRace). Its device_del acts on the struct it got: at its first step (`take`), or
 * at the removal event before it (`held`, KL.gen set there). Once the slot holds a new struct
 * (DevS.gen differs) the rest of it runs on the old one, deleted already by the other removal:
 * nothing of the new struct is touched, and it returns (a review, 2026-12-06: a second del's
 * kobject_del unregistered the re-added struct while it probed, a false device-ready).
 */
export function deviceDel(tb: ThreadBuilder, dev: number, ret: Ret, keep?: 'take' | 'held'): string {
  const k = tb.k, me = tb.owner;
  // device_links_purge: before bus_remove_device at v4.10 (9ed9895370ae), after it from v5.1.
  const links = k.has('DEVICE_LINKS') ? k.w.links.filter((l) => l.consumer === dev || l.supplier === dev) : [];
  const early = links.length > 0 && !k.has('LINKS_PURGE_AFTER_UNBIND');
  // The purge a step apart from kobject_del (below) only where a probe may be between
  // driver_probe_device's registered check and really_probe while device_del runs: before
  // 654888327e9f (v5.9) drivers_probe's and the deferred retry's __device_attach test no dead flag
  // (the async helper's, __driver_attach's and bind_store's do from 3451a495ef24, v5.1, and from
  // v5.14 __driver_probe_device tests dead under device_lock, which kill_device takes first); and
  // with a user's patch, which may revert those tests. Elsewhere one step: fewer states, same verdicts.
  const late = links.length > 0 && !early && (k.userPatched || !k.has('ATTACH_DEAD_CHECK'));
  // Where the profile takes the order without a text of its own, the check says so.
  if (links.length > 0 && k.assumed.LINKS_PURGE_AFTER_UNBIND !== undefined) (k.leaned ??= new Set()).add('LINKS_PURGE_AFTER_UNBIND');
  const f = tb.fn('device_del', { dev }, ret);
  tb.enterDel(dev);
  const stale = (s: KS, t: KL) => t.gen !== structRef(s, dev);
  const first = early ? 'device_links_purge' : k.has('DEAD_FLAG') ? (k.has('KILL_DEVICE') ? 'kill_device' : 'set_dead') : 'bus_remove_device';
  const own = (l: string, st: KStep): KStep => {
    if (!keep) return st;
    if (l === first && keep === 'take') { tb.takes.add(f.label(l)); return { ...st, run: (s, t, b, c) => { t.gen = structRef(s, dev); return st.run(s, t, b, c); } }; }
    const wait = st.await;
    return { ...st, ...(wait ? { await: (s: KS, t: KL) => stale(s, t) || wait(s, t) } : {}), run: (s, t, b, c) => {
      if (stale(s, t)) { t.gen = 0; return RETURN; }
      const r = st.run(s, t, b, c);
      if (l === 'kobject_del') t.gen = 0;
      return r;
    } };
  };
  if (early) {
    // 9ed9895370ae:519 (device_del+15), 24 lines before bus_remove_device: every link at dev is
    // deleted (__device_link_del, whatever its kref or status; its WARN_ONs for an ACTIVE link to
    // a supplier and a link to a consumer not DORMANT or NONE are links-no-warn's): the release
    // that follows finds no consumer to unbind, and a driver's ->remove that deletes its
    // stateless link deletes a freed one.
    f.step('device_links_purge', own('device_links_purge', { where: `${CORE}:device_del (device_links_purge)`, since: 'v4.10 (9ed9895370ae): before bus_remove_device',
      c: ['device_links_purge(dev);', ...linesIn(k, CORE, 'device_links_purge', PURGE_LINES)], run: (s) => { purgeLinks(k, s, links, dev); return 'bus_remove_device'; } }));
  }
  const rel = deviceReleaseDriver(tb, dev, f.label('driver_deferred_probe_del'), keep ? stale : undefined);
  if (k.has('DEAD_FLAG')) {
    // 3451a495ef24 sets dev->p->dead under device_lock in device_del; kill_device() wraps it since 00289cd87676 (v5.3).
    const kill = k.has('KILL_DEVICE');
    // Named for the function only where it exists (a new user, 2026-12-05: v5.1 traces named kill_device, a v5.3 function).
    f.step(kill ? 'kill_device' : 'set_dead', own(kill ? 'kill_device' : 'set_dead', { ...lockStep(k, dev, me, `${CORE}:device_del (device_lock; ${kill ? 'kill_device' : 'dev->p->dead = true'}; device_unlock)`, (s) => {
      const d = s.dev[dev]!;
      d.dead = true; d.delStarted = true; d.mutex = 0; // device_lock; kill_device; device_unlock
      return 'bus_remove_device';
    }, kill ? 'v5.3 (00289cd87676)' : 'v5.1 (3451a495ef24)'),
    c: ['device_lock(dev); ... device_unlock(dev);', ...(kill ? ['kill_device:: if (dev->p->dead)', 'kill_device:: dev->p->dead = true;'] : [])] }));
  }
  // klist_del only if klist_node_attached: the model's onBus = false is the same either way.
  // device_remove_file(uevent) comes just before (and device_remove_attrs): it waits for uevent
  // reads in flight, then no read starts (uevent.ts); taken with bus_remove_device in one step,
  // which can fire only once no read is in flight, so no read overlaps the release that follows.
  f.step('bus_remove_device', own('bus_remove_device', { where: `${BUS}:bus_remove_device (klist_del knode_bus)`,
    await: (s) => s.dev[dev]!.uevReaders === 0, waits: () => `kernfs_drain(uevent of ${k.vn(dev)})`,
    c: [`${CORE}:device_del:: device_remove_file(dev, &dev_attr_uevent); || device_remove_file(dev, &uevent_attr);`,
      `${CORE}:device_del:: bus_remove_device(dev);`, 'if (klist_node_attached(&dev->p->knode_bus))', 'klist_del(&dev->p->knode_bus);'], run: (s) => {
    const d = s.dev[dev]!;
    d.delStarted = true;
    // A second klist_del of the node (a second device_del of the struct, single-unregister's bug,
    // or a user's busUnlink before this step) while a walk holds it, dead: in the C a WARN and a
    // reference put twice; here it must not move the devices after it up a second place, which
    // gave two of them one place and a walk skipped one (s48 h7: a false no-missed-probe of a
    // third device beside two removals of da).
    if (d.onBus) { d.onBus = false; busDel(tb.k.w, s, dev); }
    if (d.dels < 3) d.dels++;
    return rel;
  } }));
  f.step('driver_deferred_probe_del', own('driver_deferred_probe_del', { where: `${CORE}:device_del -> ${DD}:driver_deferred_probe_del`, await: (s) => s.deferredProbeMutex === 0,
    c: ['driver_deferred_probe_del(dev);', ...DEL_LINES.map((l) => `${DD}:driver_deferred_probe_del:: ${l}`)],
    waits: namedMutexWaits('deferred_probe_mutex'), run: (s) => { deferredDel(s, dev); return late ? 'device_links_purge' : 'kobject_del'; } }));
  // device_links_purge (v4.10, 9ed9895370ae) deletes every link left at dev, with __device_link_del
  // whatever its kref: a stateless link a driver added and will delete in ->remove is gone here, so
  // that device_link_del is a second delete (links-single-delete); a managed one is gone too (its
  // WARN_ONs, an ACTIVE link to a supplier or a link to a consumer neither DORMANT nor NONE, are
  // links-no-warn's). (Managed links were left until an audit of 2026-12-04: a consumer a
  // re-probing supplier registered again deferred on its predecessor's stale link, where the C
  // adds a fresh one.) Where the C purges after bus_remove_device, a step of its own between
  // driver_deferred_probe_del and kobject_del (core.c@torvalds@fb583c8eeeb1 device_del: 280, 283,
  // 290): until s39 h15 it was taken with kobject_del, but since s39 h9 a probe past
  // driver_probe_device's registered check that reaches really_probe after kobject_del binds
  // nothing (really-probe.ts call_probe), so no state was left where its link check passes (the
  // links gone) and its driver_sysfs_add succeeds (the dir still there): the C's probe binds the
  // deleted device there. A device with no links purges nothing: its kobject_del step cites the
  // purge's lines. Before bus_remove_device (9ed9895370ae, v4.10) they are cited by that step only
  // (citing them here put the step out of source order, found when v4.14 read bus.c).
  if (late) {
    f.step('device_links_purge', own('device_links_purge', { where: `${CORE}:device_del (device_links_purge)`,
      c: ['device_links_purge(dev);', ...linesIn(k, CORE, 'device_links_purge', PURGE_LINES)], run: (s) => { purgeLinks(k, s, links, dev); return 'kobject_del'; } }));
  }
  const purgeCited = !late && k.has('DEVICE_LINKS') && k.has('LINKS_PURGE_AFTER_UNBIND');
  f.step('kobject_del', own('kobject_del', { where: `${CORE}:device_del (kobject_del)`, c: [...(purgeCited ? ['device_links_purge(dev);', ...linesIn(k, CORE, 'device_links_purge', PURGE_LINES)] : []), 'kobject_del(&dev->kobj);'], run: (s) => {
    const d = s.dev[dev]!;
    if (!early && !late) purgeLinks(k, s, links, dev);
    if (k.shutdown) ksetDel(s, dev);                 // kobj_kset_leave
    d.registered = false; d.ready = false; d.delDone = true;
    return RETURN;
  } }));
  tb.leaveDel();
  return f.done();
}

/** __device_link_del of each link: a stateless one counts a delete (its kref is gone); a managed one no longer exists. */
function purgeLinks(k: Kernel, s: KS, links: readonly LinkInfo[], dev: number): void {
  const w = k.w;
  // A deleted struct's link to dev as supplier (links.ts oldLinkOfStruct) is on dev's list of
  // consumers: the purge deletes it past its WARN_ON, on a status the model does not keep.
  if (links.some((l) => l.supplier === dev)) oldLinkMet(k, s, dev, 'device_links_purge');
  for (const l of links) {
    const x = s.link[l.i]!;
    if (l.stateless) { if (x.refs > 0) { x.refs = 0; if (x.dels < 3) x.dels++; } } else { x.status = 'NONE'; linkGone(w, s, l.i); }
  }
}
