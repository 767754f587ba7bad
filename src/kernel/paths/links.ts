/**
 * Stateless device links that drivers add and delete themselves (drivers/base/core.c,
 * device_link_add(consumer, supplier, DL_FLAG_STATELESS) from probe, device_link_del from
 * ->remove). The managed link automaton lives in really-probe.ts and release.ts; its reset when a
 * device is left without a driver (device_links_no_driver, device_links_driver_cleanup) is at the end here.
 *
 * v4.10 .. v4.18: device_link_add returns the existing link when the pair is already linked, and
 * device_link_del deletes unconditionally, so two drivers that both add the same link and both
 * delete it in ->remove list_del it twice (B16). ead18c23c263 (v4.17) gives the link a kref: the
 * lookup takes a reference and device_link_del drops one (patches.ts; flag LINK_KREF).
 * State: `link.refs` > 0 while the link exists (its kref with the fix); `link.dels` counts
 * __device_link_del runs since it was created (a ghost for links-single-delete).
 */
import { RETURN, type Kernel, type Ret, type ThreadBuilder } from '../emit.js';
import type { KS } from '../state.js';
import type { LinkInfo, World } from '../world.js';
import { CORE, DD, PROBE_CALL, linesIn, takesParentLock } from './common.js';
import { ModelError } from '../../engine/errors.js';
import { linkGone, oldLinksKept } from './klist.js';

/** Anchors into core.c's `fn` (linesIn): v4.18, v5.9, v5.10 and v5.19 read dd.c without core.c. */
export const coreLines = (k: Pick<Kernel, 'sources' | 'unread'>, fn: string, lines: readonly string[]): string[] => linesIn(k, CORE, fn, lines);

/** A managed link's test, as each release spells it (v4.10: not STATELESS; v5.4: MANAGED; v6.18: device_link_test). */
export const MANAGED_TEST = 'if (!device_link_test(link, DL_FLAG_MANAGED)) || if (!(link->flags & DL_FLAG_MANAGED)) || if (link->flags & DL_FLAG_STATELESS)';
/** The same test where a function has it twice (one loop over consumers, one over suppliers). */
export const managedTest = (n: number) => MANAGED_TEST.split(' || ').map((a) => `${a}@${n}`).join(' || ');

/**
 * __device_links_no_driver's lines in the shape of the profile's flags (linksNoDriver below):
 * v4.10 .. 3451a495ef24 every link but SUPPLIER_UNBIND AVAILABLE; 15cfb0941603 only CONSUMER_PROBE
 * and ACTIVE ones; 8c3e315d4296 those AVAILABLE only while the supplier is DL_DEV_DRIVER_BOUND, else
 * DORMANT. Then dev->links.status = DL_DEV_NO_DRIVER (`bound` false, `linksUnbinding` false:
 * driverBound below). The AUTOREMOVE_CONSUMER deletion comes first in every shape and is cited
 * where a scenario's links have the flag. Not cited: the WARN_ON (links-no-warn checks it on the
 * step).
 */
export function noDriverLines(k: Kernel): string[] {
  const shape = !k.has('LINKS_NO_DRIVER_DORMANT')
    ? ['else if (link->status != DL_STATE_SUPPLIER_UNBIND)', 'WRITE_ONCE(link->status, DL_STATE_AVAILABLE);']
    : !k.has('LINKS_NO_DRIVER_BOUND_CHECK')
      ? ['else if (link->status == DL_STATE_CONSUMER_PROBE ||', 'link->status == DL_STATE_ACTIVE)', 'WRITE_ONCE(link->status, DL_STATE_AVAILABLE);']
      : ['if (link->status != DL_STATE_CONSUMER_PROBE &&', 'link->status != DL_STATE_ACTIVE)', 'if (link->supplier->links.status == DL_DEV_DRIVER_BOUND) {',
        'WRITE_ONCE(link->status, DL_STATE_AVAILABLE);', 'WRITE_ONCE(link->status, DL_STATE_DORMANT);'];
  return coreLines(k, '__device_links_no_driver', [MANAGED_TEST, ...(k.w.links.some((l) => l.autoremove) ? AUTOREMOVE_LINES : []), ...shape, 'dev->links.status = DL_DEV_NO_DRIVER;']);
}

/**
 * __device_links_no_driver's deletion of a DL_FLAG_AUTOREMOVE_CONSUMER link (DL_FLAG_AUTOREMOVE
 * at v4.10): `__device_link_del(link)` at v4.10, `__device_link_del(&link->kref)` at v5.1 (whatever
 * the references), `device_link_drop_managed(link)` (kref_put) from v5.4 on. With one reference
 * (the scenario refuses a link two drivers add) each deletes the link.
 */
const AUTOREMOVE_LINES = ['DL_FLAG_AUTOREMOVE', '__device_link_del( || device_link_drop_managed(link); #runs'];

/** The stateless links drv adds (and deletes) when it binds dev: those with dev at one end. */
export function statelessLinksOf(w: World, drv: number, dev: number): number[] {
  return w.drivers[drv]!.statelessLinks.filter((li) => w.links[li]!.consumer === dev || w.links[li]!.supplier === dev);
}

/**
 * A probe boot ran (LoadOpts.bootProbes): `drv` bound `dev`, which is `boundTo` it at the start, or
 * (`failed`) drv's probe of dev failed, which is present and unbound at the start (failedBootProbes).
 */
export interface BootProbe { dev: number; drv: number; failed?: true }

/**
 * The probes boot ran that failed: a built-in driver on a bus that autoprobes, whose probe always
 * fails (`probe: 'error'`), of each present device it matches that no driver bound and that it did
 * not defer (world.ts failedAtBoot: the scenario's validation keeps such a start), or that a driver
 * declared after it bound once that failed probe had run (world.ts failedBefore: __device_attach
 * and the drivers' registrations meet the earlier driver first, and its failure lets the next
 * one try; s43 h8: such a probe was not counted, and the start lacked its links), in the drivers'
 * declared order, each driver's devices in theirs. One probe per pair, as boot's one meeting of them
 * (a device another driver deferred is retried by the deferred worker, which may probe it again:
 * not counted). Its ->probe's device_link_add calls ran and nothing deletes a stateless link
 * there (really_probe's probe_failed: device_links_no_driver skips it at every core.c read), so
 * the start has them (state.ts initState), and a user's hunk on device_link_add runs in them.
 */
export function failedBootProbes(w: Pick<World, 'drivers' | 'devices' | 'buses'>): BootProbe[] {
  return w.drivers.flatMap((r) => !r.present || !w.buses[r.bus]!.autoprobe || !r.outcomes.length || r.outcomes.some((o) => o !== 'error') ? []
    : w.devices.filter((d) => r.matches.includes(d.i) && d.present && (d.boundTo < 0 ? d.failedAtBoot && !d.deferredAtBoot?.includes(r.i) : d.failedBefore?.includes(r.i)))
      .map((d) => ({ dev: d.i, drv: r.i, failed: true as const })));
}

/** The boot-links model's stand-in for boot's really_probe and driver_bound: no kernel function, so no patch names it. */
export const BOOT_PROBE = 'boot_probe';

/**
 * Boot's probe of `dev` by `drv` in the boot-links model (loaded.ts bootLinksStart), reduced to its
 * device_link_add calls (the start declares the rest of it done). The model starts with every
 * device boot bound not yet bound (no driver), and probes them one after another: `probe` leaves
 * `dev` as the search's call_probe does (dev->driver set but not bound, the prober holding its lock
 * and inside probe(), DL_DEV_PROBING where kept), its adds run, and `driver_bound` binds it, as the
 * start has it. Run from the start state as it is, a hunk that asks whether an end is bound read it
 * bound, where no probe of that end ever does, nor a probe before it (s42 h8: a hunk refusing a link
 * to a supplier not yet bound made it at boot, and links-single-delete read violated where the
 * patched kernel holds).
 * A probe that failed (`p.failed`) ends in `probe_failed` instead, as the search's: dev->driver
 * NULL, DL_DEV_NO_DRIVER, its adds' NULLs forgotten (forgetNul), its stateless links left made
 * (s43 h2: until then no failed boot probe ran, and the start had none of its links).
 * Where a probe of dev takes its parent's lock (common.ts takesParentLock: __driver_attach's
 * `device_lock(dev->parent)`, every bus before v4.18, a need_parent_lock one since), boot may have
 * come that way (the driver registered after the device) or through device_add's __device_attach,
 * which takes none: `probe` is a choice of the two, the parent's lock held by the prober in the
 * first until the probe ends, so a hunk that takes or reads that lock meets both (one that blocks
 * in either, or ends otherwise, is E604: loaded.ts bootLinksStart).
 * Anchored (anchored.ts) to the C they stand for: `probe` to really_probe's `dev->driver = drv` and
 * ->probe call (and __driver_attach's parent lock where taken), `driver_bound` to driver_bound's
 * klist add and device_links_driver_bound, `probe_failed` to really_probe's failure path.
 */
export function bootProbe(tb: ThreadBuilder, p: BootProbe, ret: Ret): string {
  const k = tb.k, me = tb.owner, links = k.has('DEVICE_LINKS'), supplies = links && suppliesLink(k.w, p.dev);
  const parent = k.w.devices[p.dev]!.parent, pl = takesParentLock(k, p.dev);
  const f = tb.fn(BOOT_PROBE, { dev: p.dev, drv: p.drv }, ret);
  const end = p.failed ? 'probe_failed' : 'driver_bound';
  let body = f.label(end);
  for (const li of [...statelessLinksOf(k.w, p.drv, p.dev)].reverse()) body = deviceLinkAdd(tb, li, p.dev, body);
  f.step('probe', { where: `${DD}:really_probe (at boot${pl ? `, through __driver_attach with device_lock(${k.vn(parent)}) or device_add's __device_attach without it` : ''}: dev->driver = drv; ret = drv->probe(dev))`,
    c: [...(pl ? [k.has('DRIVER_LOCK_HELPERS') ? '__device_driver_lock:: device_lock(parent);' : '__driver_attach:: device_lock(dev->parent);'] : []), ...(links ? ['device_links_check_suppliers(dev);', ...(supplies ? coreLines(k, 'device_links_check_suppliers', ['dev->links.status = DL_DEV_PROBING;']) : [])] : []),
      'dev->driver = drv; || dev->driver = (struct device_driver *)drv; || device_set_driver(dev, drv);', PROBE_CALL],
    ...(pl ? { branches: 2, branchNames: [`__driver_attach (${k.vn(parent)} locked)`, '__device_attach'] } : {}),
    run: (s, _t, b) => {
      const d = s.dev[p.dev]!;
      d.driver = p.drv + 1; d.mutex = me; d.probing = me;
      if (supplies) d.linksProbing = true;
      if (pl && b === 0) s.dev[parent]!.mutex = me;
      return body;
    } });
  const done = (s: KS) => {
    const d = s.dev[p.dev]!;
    d.mutex = 0; d.probing = 0;
    if (pl && s.dev[parent]!.mutex === me) s.dev[parent]!.mutex = 0;
  };
  if (p.failed) {
    f.step('probe_failed', { where: `${DD}:really_probe (at boot: drv->probe failed; device_links_no_driver, dev->driver = NULL, as the start has it)`,
      c: ['probe_failed: ... done: #part', ...(links ? ['device_links_no_driver(dev);'] : [])],
      run: (s) => {
        done(s);
        s.dev[p.dev]!.driver = 0;
        // __device_links_no_driver's DL_DEV_NO_DRIVER; managed links keep their declared status.
        if (supplies) endLinksProbing(s, p.dev);
        forgetNul(k.w, s, p.drv, p.dev);
        return RETURN;
      } });
    return f.done();
  }
  f.step('driver_bound', { where: `${DD}:driver_bound (at boot; the start's state of the device)`,
    c: ['klist_add_tail(&dev->p->knode_driver, &dev->driver->p->klist_devices);', ...(links ? ['device_links_driver_bound(dev);', ...coreLines(k, 'device_links_driver_bound', ['dev->links.status = DL_DEV_DRIVER_BOUND;'])] : [])],
    run: (s) => {
      done(s);
      s.dev[p.dev]!.bound = true;
      if (supplies) s.dev[p.dev]!.linksProbing = false;
      return RETURN;
    } });
  return f.done();
}

/**
 * `if (!device_pm_initialized(supplier) ...) { link = NULL; goto out; }`, at the head of
 * device_link_add at every core.c read (9ed9895370ae, v4.19.y, fb583c8eeeb1, v6.18.y), under the
 * same locks as the lookup: no link to a supplier not through device_pm_add or past its removal
 * (power.h: `dev->power.in_dpm_list` with CONFIG_PM_SLEEP, cleared by device_pm_remove;
 * `device_is_registered(dev)` without, cleared by kobject_del). The model tests `ready` (set at
 * device_pm_add, cleared at kobject_del), as the managed add does (really-probe.ts). The probe of
 * `dev` (an end of stateless link li) that got NULL keeps no link: its ->remove deletes none
 * (LinkS.nul, the driver tests what device_link_add returned). Until s42 h16 a stateless add
 * made the link whatever the supplier: one made past the supplier's kobject_del, which the C
 * refuses, stopped the search at the supplier's re-add (E208, "made after its purge").
 * Returns whether the add is refused (the caller then returns as for NULL).
 */
export function linkAddRefused(w: World, s: KS, li: number, dev: number): boolean {
  const l = w.links[li]!, x = s.link[li]!, b = nulBit(l, dev);
  // The end's latest probe decides (a probe of an old struct whose ->remove the model no longer follows got its own).
  if (s.dev[l.supplier]!.ready) { if (x.nul & b) x.nul &= ~b; return false; }
  x.nul |= b;
  return true;
}

/** device_link_del at the ->remove of `dev`'s driver: false where that probe's add got NULL (linkAddRefused), which it clears. */
export function linkDelRuns(w: World, s: KS, li: number, dev: number): boolean {
  const x = s.link[li]!, b = nulBit(w.links[li]!, dev);
  if (!(x.nul & b)) return true;
  x.nul &= ~b;
  return false;
}

/**
 * A failed probe of `dev` by `drv` (really_probe's probe_failed): its adds' NULLs are forgotten, as
 * nothing reads them (no ->remove follows; the next probe's add sets or clears the bit again), so
 * a failed probe after a NULL and one after a made link reach one state (s42 h18: the bit stayed
 * set, a state apart).
 */
export function forgetNul(w: World, s: KS, drv: number, dev: number): void {
  for (const li of statelessLinksOf(w, drv, dev)) s.link[li]!.nul &= ~nulBit(w.links[li]!, dev);
}

/** Which end's probe LinkS.nul records: 1 the consumer's, 2 the supplier's (a driver bound to both ends probes each). */
export const nulBit = (l: LinkInfo, dev: number): number => (l.consumer === dev ? 1 : 2);

/** device_link_add(consumer, supplier, DL_FLAG_STATELESS) for link li, in the probe of `dev` (an end of it). */
export function deviceLinkAdd(tb: ThreadBuilder, li: number, dev: number, ret: Ret): string {
  const l = tb.k.w.links[li]!, w = tb.k.w;
  const f = tb.fn('device_link_add', { link: li, dev }, ret);
  // The whole of it under device_links_write_lock: one atomic step. Not modelled: the NULL return
  // for a reverse dependency, the managed-link branches.
  f.step('list_for_each_entry', { merges: 'put_device is on device_register\'s failure path (goto out, not modelled); the lines after it in the text are the success path\'s, all under device_links_write_lock', where: `${CORE}:device_link_add (supplier ${tb.k.vn(l.supplier)}: device_pm_initialized? existing link? else kzalloc + list_add_tail_rcu)`, since: 'v4.10 (9ed9895370ae)',
    c: ['device_links_write_lock(); ... device_links_write_unlock();', 'if (!device_pm_initialized(supplier)'],
    run: (s) => {
      if (linkAddRefused(w, s, li, dev)) return RETURN;   // NULL
      const x = s.link[li]!;
      if (x.refs === 0) { x.refs = 1; x.dels = 0; }   // a new link
      return RETURN;                                 // else: goto out, the same link, no reference taken
    } });
  return f.done();
}

/** device_link_del(link li), as called from the ->remove of `dev`'s driver (none where its probe got NULL: linkDelRuns). */
export function deviceLinkDel(tb: ThreadBuilder, li: number, dev: number, ret: Ret): string {
  const w = tb.k.w;
  const f = tb.fn('device_link_del', { link: li, dev }, ret);
  // Under device_links_write_lock, as every link change: one atomic step (no profile reads a pre-kref core.c).
  f.step('__device_link_del', { where: `${CORE}:device_link_del -> ${CORE}:__device_link_del (list_del(&link->s_node); list_del(&link->c_node); kfree)`, since: 'v4.10 (9ed9895370ae)',
    c: ['device_links_write_lock(); ... device_links_write_unlock();'],
    run: (s) => {
      if (!linkDelRuns(w, s, li, dev)) return RETURN;
      const x = s.link[li]!;
      x.refs = 0;
      if (x.dels < 3) x.dels++;
      return RETURN;
    } });
  return f.done();
}

/**
 * The managed link automaton's reset when a device is left without a driver (drivers/base/core.c),
 * as data of the flags (the three shapes are in kernel/: core.c at 9ed9895370ae and 3451a495ef24,
 * at 515db266a9da, at 5.15.100 and 6.6.y). A link in state NONE does not exist yet (probe() adds it),
 * so no shape touches it; a DL_FLAG_AUTOREMOVE_CONSUMER link is deleted here (NONE again, whatever
 * its status: the test comes first in every shape), and the consumer's next probe adds it again.
 *
 * DL_DEV_DRIVER_BOUND (a supplier's `links.status`) is `bound && !linksUnbinding`: device_links_driver_bound
 * sets it in driver_bound (`bound`), device_links_busy sets DL_DEV_UNBINDING (`linksUnbinding`) and
 * device_links_driver_cleanup's __device_links_no_driver sets DL_DEV_NO_DRIVER (both cleared in one
 * step); device_links_check_suppliers' DL_DEV_PROBING and device_links_no_driver's DL_DEV_NO_DRIVER
 * are set while `bound` is false. DL_DEV_PROBING is kept as its own bit (DevS.linksProbing) for
 * a supplier: it outlasts the probe that a link deferred (device_links_check_suppliers sets it
 * after its loop, and really_probe returns), and ends at device_links_no_driver, before the failed
 * probe's `dev->driver = NULL` (an audit, 2026-12-04: a driver set and not bound got both wrong).
 */
export function driverBound(s: KS, dev: number): boolean {
  const d = s.dev[dev]!;
  return d.bound && !d.linksUnbinding;
}

/**
 * The status device_link_add gives a managed link that a probing consumer's probe() adds to
 * `supplier`, from the supplier's links.status. core.c at 3451a495ef24 (v5.1, device_link_add):
 *   switch (supplier->links.status) {
 *   case DL_DEV_DRIVER_BOUND: switch (consumer->links.status) { case DL_DEV_PROBING: link->status = DL_STATE_CONSUMER_PROBE; ...
 *   case DL_DEV_UNBINDING: link->status = DL_STATE_SUPPLIER_UNBIND; break;
 *   default: link->status = DL_STATE_DORMANT;
 * 15cfb0941603 (LINKS_NO_DRIVER_DORMANT) adds, as device_link_init_status has it in every later
 * core.c found (the v6.18 text; its body is not in kernel/, which keeps the modelled functions):
 *   case DL_DEV_PROBING: switch (consumer->links.status) { case DL_DEV_PROBING:
 *           link->status = DL_STATE_CONSUMER_PROBE; ... default: link->status = DL_STATE_DORMANT;
 * ("A consumer driver can create a link to a supplier that has not completed its probing yet as
 * long as it knows that the supplier is already functional"). A supplier probing is reached only
 * by a `linksUnchecked` driver (others' probes defer until the supplier is bound).
 */
export function linkInitStatus(k: Kernel, s: KS, supplier: number): KS['link'][number]['status'] {
  const d = s.dev[supplier]!;
  if (d.linksUnbinding) return 'SUPPLIER_UNBIND';
  if (driverBound(s, supplier)) return 'CONSUMER_PROBE';
  if (d.linksProbing && k.has('LINKS_NO_DRIVER_DORMANT')) return 'CONSUMER_PROBE';   // DL_DEV_PROBING
  return 'DORMANT';
}

/**
 * device_add of a new struct of `dev` while the deleted struct's managed links to its suppliers
 * exist: a probe of that struct past driver_probe_device's registered check (no dead test on its
 * path before v5.9) bound it after device_del's device_links_purge, and its driver's
 * device_link_add made them again, with that struct as consumer (the purge runs before kobject_del,
 * the add after it, so every such link here is the old struct's). The new struct is kzalloc'ed with
 * empty lists, and device_link_add finds an existing link only by `link->consumer == consumer` on
 * the supplier's list (core.c v4.19.y and torvalds@fb583c8eeeb1 device_link_add), so neither its
 * link check nor its probe's device_link_add sees those links: the slot's status is the new
 * struct's (NONE), `old` says the old one is still on the supplier's list (s42 h1: until then the
 * new struct's link check deferred on it). A second one while one is kept stops the search.
 */
export function oldLinkOfStruct(k: Kernel, s: KS, dev: number): void {
  linkToOldSupplier(k, s, dev);
  if (!oldLinksKept(k.w)) return;
  for (const l of k.w.links) {
    if (l.stateless || l.consumer !== dev) continue;
    const x = s.link[l.i]!;
    if (x.status === 'NONE') continue;
    if (x.old) {
      throw new ModelError('E208', `device '${k.vn(dev)}' is added again while the device link ${k.vn(dev)}->${k.vn(l.supplier)} of two of its deleted struct devices (made by probes of each after device_del's device_links_purge) is on ${k.vn(l.supplier)}'s list of consumers: the model keeps one old link per declared link (docs/known-gaps.md, "A link a probe of a deleted struct adds"). Fewer del/add rounds avoid it`);
    }
    x.old = true;
    x.status = 'NONE';
    linkGone(k.w, s, l.i);
  }
}

/**
 * device_add of a new struct of `dev` while a link with `dev` as supplier exists. device_del's
 * purge deleted every link at the old struct, so a consumer's probe made this one after it: a
 * managed one before kobject_del (the model's device_link_add tests `ready`, which kobject_del
 * clears), by a probe whose link check passed beside a probe of the old struct that bound it again
 * after its release (B6), or by one that adds its links unchecked; a stateless one before kobject_del
 * too (its add tests `ready` as well: linkAddRefused). In the C its supplier is the old struct: it is on that struct's list of
 * consumers, not on the kzalloc'ed one's, and the consumer's own walks (link check, driver_bound,
 * release, purge) act on it (with CONFIG_PM_SLEEP device_link_add refuses a supplier past
 * device_pm_remove, which comes before the purge: no link at all). Until s42 h7 the model gave it
 * to the new struct, whose driver_bound found the consumer's link ACTIVE (card bound to the old
 * mmc; at v4.18 a WARN_ON the C does not reach) and whose unbind and purge would act on it (a
 * stateless one purged there is deleted again by the consumer's ->remove). Following a link whose
 * supplier is a deleted struct needs a slot for it beside the new struct's own: the search stops
 * (a model limit).
 */
function linkToOldSupplier(k: Kernel, s: KS, dev: number): void {
  for (const l of k.w.links) {
    if (l.supplier !== dev) continue;
    const x = s.link[l.i]!;
    if (l.stateless ? x.refs === 0 : x.status === 'NONE') continue;
    throw new ModelError('E208', `device '${k.vn(dev)}' is added again while the ${l.stateless ? 'stateless ' : ''}device link ${k.vn(l.consumer)}->${k.vn(dev)}, made by a probe of ${k.vn(l.consumer)} after device_del's device_links_purge of ${k.vn(dev)}, exists: its supplier is ${k.vn(dev)}'s deleted struct device, not the new one (device_link_add refuses a supplier past device_pm_remove with CONFIG_PM_SLEEP, past kobject_del without it; the model tests only the latter), and the model keeps one link per declared link (docs/known-gaps.md, "A link a probe of a deleted struct adds")`);
  }
}

/**
 * The supplier `dev`'s `fn` walks its list of consumers, where a deleted struct's link (oldLinkOfStruct)
 * is: the C acts on that link and its consumer, the old struct, which the model no longer follows
 * (its binding was dropped at the add: device-add.ts dropOldBinding). device_links_busy and
 * device_links_unbind_consumers would release that struct's driver (an ACTIVE link: ->remove on
 * it, under its lock and its parent's), device_links_driver_bound make the link AVAILABLE and,
 * with DL_FLAG_AUTOPROBE_CONSUMER, list the old struct for probing, the purge delete it past its
 * WARN_ON: the search stops rather than leave it out (a model limit).
 */
export function oldLinkMet(k: Kernel, s: KS, dev: number, fn: string): void {
  if (!oldLinksKept(k.w)) return;
  for (const l of k.w.links) {
    if (l.stateless || l.supplier !== dev || !s.link[l.i]!.old) continue;
    throw new ModelError('E208', `${fn}(${k.vn(dev)}) walks ${k.vn(dev)}'s list of consumers, where the device link ${k.vn(l.consumer)}->${k.vn(dev)} of a deleted struct device of ${k.vn(l.consumer)} still is (a probe of that struct made it after device_del's device_links_purge, and ${k.vn(l.consumer)} was added again since): the C acts on that link and the old struct, which the model does not follow (docs/known-gaps.md, "A link a probe of a deleted struct adds")`);
  }
}

/** Does dev supply a managed link (so its DL_DEV_PROBING is kept: DevS.linksProbing)? */
export function suppliesLink(w: World, dev: number): boolean {
  return w.links.some((l) => !l.stateless && l.supplier === dev);
}

/**
 * device_links_check_suppliers(dev) when a link defers the probe: it marks the AVAILABLE links it
 * passes CONSUMER_PROBE until the first that is not AVAILABLE, then device_links_missing_supplier
 * resets those: AVAILABLE again, or since 8c3e315d4296 AVAILABLE only while the supplier is
 * DL_DEV_DRIVER_BOUND, else DORMANT under WARN_ON(!(link->flags & DL_FLAG_SYNC_STATE_ONLY)) (a
 * supplier unbinding behind a busy link of another consumer). `links`: dev's managed links to its
 * suppliers, in the order they were made (klist.ts byCreation). One atomic step (device_links_write_lock).
 */
export function linksMissingSupplier(k: Kernel, s: KS, links: readonly { i: number; supplier: number }[]): void {
  // Before 8c3e315d4296 every link it passed is AVAILABLE again: no change.
  if (!k.has('LINKS_NO_DRIVER_BOUND_CHECK')) return;
  for (const l of links) {
    const x = s.link[l.i]!;
    if (x.status === 'NONE') continue;
    if (x.status !== 'AVAILABLE') return;
    if (!driverBound(s, l.supplier)) x.status = 'DORMANT';
  }
}

/** __device_links_no_driver(dev): dev's managed links to its suppliers. */
export function linksNoDriver(k: Kernel, s: KS, dev: number): void {
  for (const l of k.w.links) {
    if (l.stateless || l.consumer !== dev) continue;
    const x = s.link[l.i]!;
    if (x.status === 'NONE') continue;
    if (l.autoremove) { x.status = 'NONE'; linkGone(k.w, s, l.i); continue; }
    if (!k.has('LINKS_NO_DRIVER_DORMANT')) {
      // v4.10 .. 3451a495ef24: `else if (link->status != DL_STATE_SUPPLIER_UNBIND)` AVAILABLE, DORMANT included.
      if (x.status !== 'SUPPLIER_UNBIND') x.status = 'AVAILABLE';
      continue;
    }
    // 15cfb0941603: only CONSUMER_PROBE and ACTIVE links; 8c3e315d4296: AVAILABLE only while the supplier is DL_DEV_DRIVER_BOUND.
    if (x.status !== 'CONSUMER_PROBE' && x.status !== 'ACTIVE') continue;
    x.status = !k.has('LINKS_NO_DRIVER_BOUND_CHECK') || driverBound(s, l.supplier) ? 'AVAILABLE' : 'DORMANT';
  }
  endLinksProbing(s, dev);   // DL_DEV_NO_DRIVER
}

/** dev->links.status leaves DL_DEV_PROBING; written only where set, as --por reads writes as footprints. */
export function endLinksProbing(s: KS, dev: number): void {
  if (s.dev[dev]!.linksProbing) s.dev[dev]!.linksProbing = false;
}

/**
 * device_links_no_driver(dev), after a failed probe: since 15cfb0941603 first dev's links to its
 * consumers that are CONSUMER_PROBE or ACTIVE become DORMANT (added by a consumer while dev probed),
 * then __device_links_no_driver. One atomic step (all under device_links_write_lock).
 */
export function linksNoDriverAfterProbe(k: Kernel, s: KS, dev: number): void {
  if (k.has('LINKS_NO_DRIVER_DORMANT')) {
    oldLinkMet(k, s, dev, 'device_links_no_driver');
    for (const l of k.w.links) {
      if (l.stateless || l.supplier !== dev) continue;
      const x = s.link[l.i]!;
      if (x.status === 'CONSUMER_PROBE' || x.status === 'ACTIVE') x.status = 'DORMANT';
    }
  }
  linksNoDriver(k, s, dev);
}

/**
 * device_links_driver_cleanup(dev), after a driver's removal: every managed link to a consumer
 * becomes DORMANT (the C warns unless it is SUPPLIER_UNBIND; DL_FLAG_AUTOREMOVE_SUPPLIER deletion
 * not modelled), then __device_links_no_driver. The same text at every snapshot read but for the
 * flag names and, since the 5.15.100 read, `list_del_init(&dev->links.defer_sync)` (sync_state: not modelled).
 */
export function linksDriverCleanup(k: Kernel, s: KS, dev: number): void {
  oldLinkMet(k, s, dev, 'device_links_driver_cleanup');
  for (const l of k.w.links) {
    if (l.stateless || l.supplier !== dev) continue;
    const x = s.link[l.i]!;
    if (x.status !== 'NONE') x.status = 'DORMANT';
  }
  linksNoDriver(k, s, dev);
}

/**
 * device_links_check_suppliers' verdict: a managed link of dev to a supplier that exists and is not
 * AVAILABLE defers its probe. `links`: dev's managed links as consumer.
 */
export function supplierLinkDefers(k: Kernel, s: KS, links: readonly LinkInfo[]): boolean {
  if (!k.on.DEVICE_LINKS) return false;
  // (A loop: a closure over s was made in every probe that reaches it.)
  for (let x = 0; x < links.length; x++) { const st = s.link[links[x]!.i]!.status; if (st !== 'NONE' && st !== 'AVAILABLE') return true; }
  return false;
}

/**
 * The WARN_ONs on link status that links-no-warn judges besides device_links_purge's (device-del.ts
 * PURGE_WARN), as core.c writes them: device_links_driver_bound's one in each loop,
 * device_links_driver_cleanup's two (DL_FLAG_AUTOREMOVE at v4.10), and the one that
 * __device_links_no_driver and device_links_missing_supplier share since 8c3e315d4296 (the flag
 * tests as each release writes them: `device_link_test()` in the 6.18 text).
 * test/kernel/links.test.ts reads each at every core.c a profile with device links reads
 * (device_links_missing_supplier included, at all eight) and holds the predicates below to it.
 */
export const LINK_WARN = {
  boundConsumers: 'WARN_ON(link->status != DL_STATE_DORMANT);',
  boundSuppliers: 'WARN_ON(link->status != DL_STATE_CONSUMER_PROBE);',
  cleanupFlag: 'WARN_ON(device_link_test(link, DL_FLAG_AUTOREMOVE_CONSUMER)); || WARN_ON(link->flags & DL_FLAG_AUTOREMOVE_CONSUMER); || WARN_ON(link->flags & DL_FLAG_AUTOREMOVE);',
  cleanupStatus: 'WARN_ON(link->status != DL_STATE_SUPPLIER_UNBIND);',
  notBound: 'WARN_ON(!device_link_test(link, DL_FLAG_SYNC_STATE_ONLY)); || WARN_ON(!(link->flags & DL_FLAG_SYNC_STATE_ONLY));',
  // __device_links_no_driver's from 36d74f17e03f (LINKS_NO_DRIVER_UNBINDING_QUIET: the property skips it while the supplier is
  // DL_DEV_UNBINDING), its first line; the whole condition adds `&& !device_link_test(link, DL_FLAG_SYNC_STATE_ONLY)`.
  notBoundQuiet: 'WARN_ON(link->supplier->links.status != DL_DEV_UNBINDING &&',
} as const;

/**
 * device_links_driver_bound(dev) WARNs for a managed link of status `status` on dev's list of links
 * to its consumers (every one not DORMANT; since 15cfb0941603 a CONSUMER_PROBE or ACTIVE one is
 * skipped first) or to its suppliers (every one not CONSUMER_PROBE; no scenario link is SYNC_STATE_ONLY).
 */
export function boundWarns(k: Pick<Kernel, 'has'>, list: 'consumers' | 'suppliers', status: string): boolean {
  if (list === 'suppliers') return status !== 'CONSUMER_PROBE';
  if (k.has('LINKS_NO_DRIVER_DORMANT') && (status === 'CONSUMER_PROBE' || status === 'ACTIVE')) return false;
  return status !== 'DORMANT';
}

/** device_links_driver_cleanup(dev) WARNs for a managed link to a consumer with DL_FLAG_AUTOREMOVE_CONSUMER, or not SUPPLIER_UNBIND. */
export function cleanupWarns(autoremove: boolean, status: string): boolean {
  return autoremove || status !== 'SUPPLIER_UNBIND';
}

/**
 * __device_links_no_driver (`from: 'noDriver'`: a CONSUMER_PROBE or ACTIVE link) and
 * device_links_missing_supplier (`from: 'missingSupplier'`: a CONSUMER_PROBE link, as
 * device_links_check_suppliers marked it) WARN for a managed link to a supplier that is not
 * DL_DEV_DRIVER_BOUND, since 8c3e315d4296 (LINKS_NO_DRIVER_BOUND_CHECK); before it neither has a WARN_ON.
 */
export function notBoundWarns(k: Pick<Kernel, 'has'>, from: 'noDriver' | 'missingSupplier', status: string, supplierBound: boolean): boolean {
  if (!k.has('LINKS_NO_DRIVER_BOUND_CHECK') || supplierBound) return false;
  return status === 'CONSUMER_PROBE' || (from === 'noDriver' && status === 'ACTIVE');
}

/**
 * links-no-warn's judgement of notBoundWarns' WARN_ON on the write that follows it: a link to a
 * supplier not DL_DEV_DRIVER_BOUND goes DORMANT in __device_links_no_driver and
 * device_links_missing_supplier only in 8c3e315d4296's text, so the write shows that text, the
 * profile's or a user's patch bringing it to an older one (a history hunt, 2026-12-06: 8c3e315d4296
 * written on v5.4 read `still holds`, where v5.9 reaches the WARN).
 */
export function dormantWarns(from: 'noDriver' | 'missingSupplier', status: string, supplierBound: boolean): boolean {
  return notBoundWarns({ has: (f) => f === 'LINKS_NO_DRIVER_BOUND_CHECK' }, from, status, supplierBound);
}
