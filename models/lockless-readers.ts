/**
 * Lockless readers of driver-core state. variant=uevent (B11, 18daa52418e7, v6.15): udev reads
 * dc's uevent file; dev_uevent tests dev->driver and then prints dev->driver->name without the
 * device lock, while `echo dc > unbind` sets dev->driver to NULL in between (NULL deref). The
 * first fix took device_lock in dev_uevent and was reverted (dc1771f71854: probe may hold it for
 * minutes, L6). variant=override (B13, CVE-2017-12146): driver_override_store kfree()s the string
 * platform_match reads during probe; the library has no driver_override state, so only the
 * writer side (add + manual bind) runs (see the suite's fixme).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'lockless-readers',
  describe: 'dev_uevent / driver_override readers racing unbind and probe',
  profile: 'mainline',
  params: { variant: { default: 'uevent', values: ['uevent', 'override'], describe: 'which reader' } },
  devices: { dc: { present: true, boundTo: 'dc-drv' } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { 'echo dc > unbind': 'unbind dc-drv dc', 'udev: cat uevent': 'uevent dc' },
  properties: ['lockless-reader', 'single-binding', 'no-deadlock'],
  vary: (p, s) => p.variant === 'uevent' ? s : {
    ...s, devices: { dc: {} }, actors: { hotplug: 'add dc', 'echo dc > bind': 'bind dc-drv dc' }, properties: ['single-binding', 'no-deadlock'],
  },
});
