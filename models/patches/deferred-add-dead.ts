/**
 * A candidate fix for the two unlocked callers of driver_deferred_probe_add (README "A bus match
 * that defers" and "A supplier's bind that defers"; models/amba-match-defer.ts,
 * models/autoprobe-del.ts), written as a user's patch so `probecheck diff` can check it:
 * driver_deferred_probe_add skips a device that device_del has killed. kill_device sets
 * dev->p->dead (under device_lock) before device_del's driver_deferred_probe_del takes
 * deferred_probe_mutex, so an add under that mutex either comes before the del, which then takes
 * the device off the list, or sees it dead. Not posted anywhere; not tested on a kernel.
 *
 * The C diff below is one line in driver_deferred_probe_add; the model runs that function inside
 * its callers' steps, so the patch changes each step that runs it without the device's lock:
 * __driver_attach's add after a match that defers, and device_links_driver_bound's add of a
 * DL_FLAG_AUTOPROBE_CONSUMER link's consumer (inside really_probe's driver_bound step). The add of
 * driver_probe_device (under the device lock, after __driver_probe_device's dead test) is unchanged.
 */
import { definePatch, deferredDel, RETURN } from 'probecheck';

//  void driver_deferred_probe_add(struct device *dev)
//  ...
//  	mutex_lock(&deferred_probe_mutex);
// -	if (list_empty(&dev->p->deferred_probe)) {
// +	if (!dev->p->dead && list_empty(&dev->p->deferred_probe)) {
export default definePatch({
  id: 'deferred-add-dead',
  subject: 'driver core: do not put a device device_del has killed on the deferred list',
  base: 'mainline',
  hunks: [
    // __driver_attach's add after a match that defers: the step runs the add under
    // deferred_probe_mutex; where the device is dead it adds nothing and returns 0.
    { fn: '__driver_attach', replace: 'driver_deferred_probe_add', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => (s.dev[site.dev]!.dead ? RETURN : orig!.run(s, t, b, c)) }) },
    // driver_bound's device_links_driver_bound, one atomic step: an add it made of a dead consumer
    // (on no list before the step, on the pending list after it) is the add the fix skips.
    { fn: 'really_probe', replace: 'driver_bound', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const was: string[] = [];
      for (let i = 0; i < s.dev.length; i++) was.push(s.dev[i]!.deferred);
      const next = orig!.run(s, t, b, c);
      for (let i = 0; i < s.dev.length; i++) if (s.dev[i]!.dead && was[i] === 'none' && s.dev[i]!.deferred !== 'none') deferredDel(s, i);
      return next;
    } }) },
  ],
});
