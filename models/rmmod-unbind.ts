/**
 * rmmod racing a sysfs unbind of a device its driver is bound to, the module loaded before the
 * scenario starts (modules: loaded). Both let go of dc under its device lock, and only while dc is
 * still bound to drv: v4.2's driver_detach tests `dev->driver == drv` and __device_release_driver
 * `if (drv)` (dd.c at 013c074f8642:778-806, 715-752); mainline's both call
 * device_release_driver_internal, `if (!drv || drv == dev->driver)` (dd.c at dakr@1ac45118ddf8:1366-1376).
 * bus_remove_driver removes the unbind file, draining a store in flight, before driver_detach.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'rmmod-unbind',
  describe: 'rmmod mod racing echo dc > drv/unbind, with mod loaded and dc bound at the start',
  profile: 'v4.2',
  devices: { dc: { present: true, boundTo: 'drv' } },
  drivers: { drv: { matches: ['dc'], module: 'mod' } },
  modules: { mod: { loaded: true } },
  actors: { rmmod: 'rmmod mod', 'echo dc > drv/unbind': 'unbind drv dc' },
});
