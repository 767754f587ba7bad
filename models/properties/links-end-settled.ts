/**
 * Where every actor has ended, no managed link is left SUPPLIER_UNBIND: device_links_driver_cleanup
 * makes its supplier's links DORMANT, and only a release in flight writes SUPPLIER_UNBIND. A link
 * left so once all is done draws device_links_purge's WARN at a device_del of the supplier and
 * device_links_driver_bound's WARN_ON(link->status != DL_STATE_DORMANT) at its next bind (by
 * reading, core.c at torvalds@4793dae01f47). The "Two releasers of one supplier" finding's stale
 * write (docs/kernel-findings.md): the first releaser's rescan writes SUPPLIER_UNBIND again on a
 * link the second releaser's cleanup made DORMANT. Use it with
 * `probecheck check SCENARIO --property-file models/properties/links-end-settled.ts`.
 */
import { defineProperty } from 'probecheck';

export default defineProperty({
  kind: 'invariant',
  name: 'links-end-settled',
  description: 'once every actor has ended, no managed link is SUPPLIER_UNBIND',
  check: (v) => {
    if (v.threads.some((t) => t.actor && t.at !== null)) return null;   // a release may be in flight
    for (const l of v.links) {
      if (l.status === 'SUPPLIER_UNBIND') return `every actor ended with link ${l.consumer}->${l.supplier} SUPPLIER_UNBIND (supplier driver ${v.dev(l.supplier).driver ?? 'NULL'})`;
    }
    return null;
  },
  premise: { text: 'every actor has ended and some managed link exists', met: (v) => v.threads.every((t) => !t.actor || t.at === null) && v.links.some((l) => !l.stateless && l.exists) },
});
