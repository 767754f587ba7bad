/**
 * Lockless readers of driver-core state. variant=uevent (B11, 18daa52418e7, v6.15): udev reads
 * dc's uevent file; dev_uevent tests dev->driver and then prints dev->driver->name without the
 * device lock, while `echo dc > unbind` sets dev->driver to NULL in between (NULL deref). The
 * first fix took device_lock in dev_uevent and was reverted (dc1771f71854: probe may hold it for
 * minutes, L6): variant=probe reads dc's uevent while dc's device_add probes it; with
 * c0a40097f0bc dev_uevent waits for the lock probe() holds. variant=override: the writer side
 * only (add + manual bind).
 * variant=driver_override (B13, CVE-2017-12146): `echo dc-drv > driver_override`, twice, while dc's
 * device_add matches drivers: driver_override_store kfree()s the string platform_match (in
 * __device_attach, under dc's lock) has loaded and is about to strcmp; 6265539776a0 (v4.13)
 * swaps the pointer under device_lock.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'lockless-readers',
  describe: 'dev_uevent / driver_override readers racing unbind and probe',
  profile: 'mainline',
  params: { variant: { default: 'uevent', values: ['uevent', 'probe', 'override', 'driver_override'], describe: 'which reader' } },
  devices: { dc: { present: true, boundTo: 'dc-drv' } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { 'echo dc > unbind': 'unbind dc-drv dc', 'udev: cat uevent': 'uevent dc' },
  properties: ['lockless-reader', 'single-binding', 'no-deadlock'],
  vary: (p, s) => p.variant === 'uevent' ? s : p.variant === 'probe' ? {
    ...s, devices: { dc: {} }, actors: { hotplug: 'add dc', 'udev: cat uevent': 'uevent dc' }, properties: ['reader-no-wait-on-probe', 'lockless-reader', 'no-deadlock'],
  } : p.variant === 'driver_override' ? {
    ...s, devices: { dc: {} }, actors: { hotplug: 'add dc', 'echo dc-drv > driver_override': ['override dc dc-drv', 'override dc dc-drv'] }, properties: ['override-uaf', 'single-binding', 'no-deadlock'],
  } : {
    ...s, devices: { dc: {} }, actors: { hotplug: 'add dc', 'echo dc > bind': 'bind dc-drv dc' }, properties: ['single-binding', 'no-deadlock'],
  },
});
