/**
 * A candidate fix for two releasers of one supplier (docs/kernel-findings.md, "Two releasers of one
 * supplier"; models/supplier-two-releasers.ts), written as a user's patch so `probecheck diff` can
 * check it. The first releaser's device_links_unbind_consumers writes SUPPLIER_UNBIND and drops
 * device_links_lock before it releases the consumer; a second releaser's device_links_busy then
 * counts the link as not busy and removes the supplier with the consumer bound. The fix treats a
 * SUPPLIER_UNBIND link whose consumer still has a bound driver (links.status DRIVER_BOUND or
 * UNBINDING) as an ACTIVE one, in both functions: device_links_busy counts it busy, and
 * device_links_unbind_consumers releases its consumer, so the second releaser waits on the
 * consumer's device lock (held by the first while it releases it) instead of spinning, and the
 * supplier goes only after its consumer. Not posted anywhere; not tested on a kernel.
 *
 * Why both hunks: with the busy test alone the second releaser's device_links_unbind_consumers
 * finds nothing to do and the loop spins until the first is done; and a SUPPLIER_UNBIND link whose
 * consumer nobody releases (one written from AVAILABLE over a consumer bound before its supplier)
 * would make it spin for ever. Why DRIVER_BOUND or UNBINDING and not `!= DL_DEV_NO_DRIVER`: a
 * consumer whose device_links_check_suppliers deferred stays DL_DEV_PROBING with no driver
 * (really_probe returns without resetting it), and a release of it unbinds nothing: the loop
 * would never end. SYNC_STATE_ONLY links are left out as device_links_unbind_consumers leaves them
 * out (their consumer is never released there). The model has neither a SYNC_STATE_ONLY link nor a
 * consumer's DL_DEV_PROBING, so those two choices are by reading only.
 *
 * In the model a device's `bound` is set by driver_bound (device_links_driver_bound: DRIVER_BOUND)
 * and cleared in the step that runs device_links_driver_cleanup (__device_links_no_driver:
 * NO_DRIVER), so `s.dev[consumer].bound` is the test below. Each hunk shows the library's step such
 * a link as ACTIVE and puts SUPPLIER_UNBIND back on any it did not write itself: the C's loops,
 * with the one test widened.
 */
import { definePatch, type KS } from 'probecheck';

// --- drivers/base/core.c
// +static bool device_link_consumer_bound(struct device_link *link)
// +{
// +	return !device_link_test(link, DL_FLAG_SYNC_STATE_ONLY) &&
// +	       (link->consumer->links.status == DL_DEV_DRIVER_BOUND ||
// +		link->consumer->links.status == DL_DEV_UNBINDING);
// +}
//  ...
//  bool device_links_busy(struct device *dev)
//  ...
//  		if (link->status == DL_STATE_CONSUMER_PROBE
// -		    || link->status == DL_STATE_ACTIVE) {
// +		    || link->status == DL_STATE_ACTIVE
// +		    || (link->status == DL_STATE_SUPPLIER_UNBIND &&
// +			device_link_consumer_bound(link))) {
//  			ret = true;
//  			break;
//  		}
//  ...
//  void device_links_unbind_consumers(struct device *dev)
//  ...
//   start:
//  	device_links_write_lock();
//  
// +	if (dev->links.status != DL_DEV_UNBINDING) {
// +		device_links_write_unlock();
// +		return;
// +	}
// +
//  	list_for_each_entry(link, &dev->links.consumers, s_node) {
//  ...
//  		WRITE_ONCE(link->status, DL_STATE_SUPPLIER_UNBIND);
// -		if (status == DL_STATE_ACTIVE) {
// +		if (status == DL_STATE_ACTIVE ||
// +		    (status == DL_STATE_SUPPLIER_UNBIND &&
// +		     device_link_consumer_bound(link))) {
//  			struct device *consumer = link->consumer;

type Site = { dev: number; k: { w: { links: readonly { i: number; consumer: number; supplier: number; stateless?: boolean }[] } } };

/** Show the library's step each SUPPLIER_UNBIND link of dev with a bound consumer as ACTIVE; returns them. */
const widen = (site: Site, s: KS): number[] => {
  const shown: number[] = [];
  for (const l of site.k.w.links) {
    if (l.stateless || l.supplier !== site.dev) continue;
    if (s.link[l.i]!.status === 'SUPPLIER_UNBIND' && s.dev[l.consumer]!.bound) { s.link[l.i]!.status = 'ACTIVE'; shown.push(l.i); }
  }
  return shown;
};
/** The links the step left ACTIVE of those widen showed so: SUPPLIER_UNBIND again (the step broke or returned before them). */
const restore = (s: KS, shown: number[]) => { for (const i of shown) if (s.link[i]!.status === 'ACTIVE') s.link[i]!.status = 'SUPPLIER_UNBIND'; };

export default definePatch({
  id: 'supplier-unbind-bound',
  subject: 'driver core: device links: wait for a consumer another releaser of its supplier is unbinding',
  base: 'mainline',
  hunks: [
    // device_links_busy: busy at such a link (the library's step drops the locks and goes on to
    // device_links_unbind_consumers, as for an ACTIVE one).
    { fn: '__device_release_driver', replace: 'device_links_busy', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const shown = widen(site, s);
      const next = orig!.run(s, t, b, c);
      restore(s, shown);
      return next;
    } }) },
    // device_links_unbind_consumers: SUPPLIER_UNBIND written, then the consumer released
    // (device_release_driver_internal: it waits for the consumer's lock).
    // At `start`, a supplier no longer DL_DEV_UNBINDING (another releaser's cleanup made it
    // NO_DRIVER and its links DORMANT, or it was bound again) has nothing left to unbind: the
    // library's step is run with its links hidden, so it writes nothing and goes on to relock.
    { fn: '__device_release_driver', replace: 'device_links_unbind_consumers', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      if (!s.dev[site.dev]!.linksUnbinding) {
        const mine = site.k.w.links.filter((l) => !l.stateless && l.supplier === site.dev).map((l) => [l.i, s.link[l.i]!.status] as const);
        for (const [i] of mine) s.link[i]!.status = 'NONE';
        const out = orig!.run(s, t, b, c);
        for (const [i, st] of mine) s.link[i]!.status = st;
        return out;
      }
      const shown = widen(site, s);
      const next = orig!.run(s, t, b, c);
      restore(s, shown);
      return next;
    } }) },
  ],
});
