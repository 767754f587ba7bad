/**
 * Stateless device links that drivers add and delete themselves (drivers/base/core.c,
 * device_link_add(consumer, supplier, DL_FLAG_STATELESS) from probe, device_link_del from
 * ->remove). Not the managed link automaton (really-probe.ts, release.ts).
 *
 * v4.10 .. v4.18: device_link_add returns the existing link when the pair is already linked, and
 * device_link_del deletes unconditionally, so two drivers that both add the same link and both
 * delete it in ->remove list_del it twice (B16). ead18c23c263 (v4.17) gives the link a kref: the
 * lookup takes a reference and device_link_del drops one (patches.ts; flag LINK_KREF).
 * State: `link.refs` > 0 while the link exists (its kref with the fix); `link.dels` counts
 * __device_link_del runs since it was created (a ghost for links-single-delete).
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import type { World } from '../world.js';
import { CORE } from './common.js';

/** The stateless links drv adds (and deletes) when it binds dev: those with dev at one end. */
export function statelessLinksOf(w: World, drv: number, dev: number): number[] {
  return w.drivers[drv]!.statelessLinks.filter((li) => w.links[li]!.consumer === dev || w.links[li]!.supplier === dev);
}

/** device_link_add(consumer, supplier, DL_FLAG_STATELESS) for link li. */
export function deviceLinkAdd(tb: ThreadBuilder, li: number, ret: Ret): string {
  const l = tb.k.w.links[li]!;
  const f = tb.fn('device_link_add', { link: li }, ret);
  // The whole of it under device_links_write_lock: one atomic step. Not modelled: the NULL returns
  // (supplier not yet PM-registered, a reverse dependency), the managed-link branches.
  f.step('list_for_each_entry', { where: `${CORE}:device_link_add (supplier ${tb.k.vn(l.supplier)}: existing link? else kzalloc + list_add_tail_rcu)`, since: 'v4.10 (9ed9895370ae)',
    c: ['device_links_write_lock(); ... device_links_write_unlock();'],
    run: (s) => {
      const x = s.link[li]!;
      if (x.refs === 0) { x.refs = 1; x.dels = 0; }   // a new link
      return RETURN;                                 // else: goto out, the same link, no reference taken
    } });
  return f.done();
}

/** device_link_del(link li), as called from a driver's ->remove. */
export function deviceLinkDel(tb: ThreadBuilder, li: number, ret: Ret): string {
  const l = tb.k.w.links[li]!;
  const f = tb.fn('device_link_del', { link: li }, ret);
  // Under device_links_write_lock, as every link change: one atomic step (no profile reads a pre-kref core.c).
  f.step('__device_link_del', { where: `${CORE}:device_link_del -> __device_link_del (list_del(&link->s_node); list_del(&link->c_node); kfree)`, since: 'v4.10 (9ed9895370ae)',
    c: ['device_links_write_lock(); ... device_links_write_unlock();'],
    run: (s) => {
      const x = s.link[li]!;
      x.refs = 0;
      if (x.dels < 3) x.dels++;
      return RETURN;
    } });
  return f.done();
}
