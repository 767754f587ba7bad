/**
 * A candidate fix for "A bus match that defers" (README; models/amba-match-defer.ts), written as a
 * user's patch so `probecheck diff` can check it: driver_deferred_probe_add skips a device that
 * device_del has killed. kill_device sets dev->p->dead (under device_lock) before device_del's
 * driver_deferred_probe_del takes deferred_probe_mutex, so an add under that mutex either comes
 * before the del, which then takes the device off the list, or sees it dead. Not posted anywhere;
 * not tested on a kernel. The C diff below covers every caller of the add; this patch changes only
 * __driver_attach's, the one the model has unlocked (device_links_driver_bound's, for a
 * DL_FLAG_AUTOPROBE_CONSUMER link, is not modelled: README "A bus match that defers").
 */
import { definePatch, RETURN } from 'probecheck';

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
    // __driver_attach's add after a match that defers (the unlocked one): the step runs the add
    // under deferred_probe_mutex; where the device is dead it adds nothing and returns 0.
    { fn: '__driver_attach', replace: 'driver_deferred_probe_add', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => (s.dev[site.dev]!.dead ? RETURN : orig!.run(s, t, b, c)) }) },
  ],
});
