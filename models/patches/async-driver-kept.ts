/**
 * The README's walkthrough patch ("Validating a proposed patch from your own folder"), kept here
 * so `probecheck steps --patch` and the help examples have a file to show: a user writes such a
 * file in a folder of their own, not in this repository.
 */
import { definePatch, RET } from 'probecheck';

// driver core: Prevent overriding async driver of a device before it probe
// (Mark-PK Tsai, posted to linux-kernel on 2022-03-16)
//  	drv = dev->p->async_driver;
// +	dev->p->async_driver = NULL;
//  	ret = driver_probe_device(drv, dev);
// ...
// -		if (!dev->driver) {
// +		if (!dev->driver && !dev->p->async_driver) {
export default definePatch({
  id: 'async-driver-kept',
  subject: 'driver core: Prevent overriding async driver of a device before it probe',
  base: 'v5.9',
  hunks: [
    { // if (!dev->driver && !dev->p->async_driver): a device already handed over is skipped
      fn: '__driver_attach', replace: 'device_lock',
      step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
        const d = s.dev[site.dev]!, pending = d.asyncDriver;
        const next = orig!.run(s, t, b, c); // takes the lock, tests dev->driver
        if (pending === 0) return next;
        d.asyncDriver = pending;            // the first driver keeps the device
        t.ret = RET.ZERO;
        return 'device_unlock';
      } }),
    },
    { // dev->p->async_driver = NULL; once the helper has read it
      fn: '__driver_attach_async_helper', replace: 'device_lock',
      step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
        const r = orig!.run(s, t, b, c);
        s.dev[site.dev]!.asyncDriver = 0;
        return r;
      } }),
    },
  ],
});
