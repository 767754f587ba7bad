/**
 * A bus match that defers (a finding, 2026-12-05; README "A bus match that defers"). amba_match
 * returns -EPROBE_DEFER while it cannot read a device's peripheral ID (since f2d3b9a46e0e, v6.0).
 * `walk=driver`: uart-pl011 registers (bus_add_driver -> driver_attach -> __driver_attach) while
 * pl011 is deleted; __driver_attach's driver_deferred_probe_add takes no device lock and can come
 * after device_del's driver_deferred_probe_del. `walk=device`: the deferred worker, woken by x's
 * bind, retries pl011 (__device_attach -> __device_attach_driver) while it is deleted: under the
 * device lock, after the dead check (654888327e9f, v5.9).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'amba-match-defer',
  describe: 'an amba device whose match defers, deleted while a driver walk finds it',
  profile: 'mainline',
  params: { walk: { default: 'driver', values: ['driver', 'device'], describe: "whose walk meets the deleted device: the driver's (register) or the device's own (the deferred worker)" } },
  devices: { pl011: { present: true, matchDefers: true } },
  drivers: { 'uart-pl011': { matches: ['pl011'] } },
  actors: { insmod: 'register uart-pl011', unplug: 'del pl011' },
  properties: ['deferred-lists', 'no-probe-after-del', 'no-deadlock'],
  vary: (p, s) => (p.walk === 'device' ? {
    ...s,
    devices: { pl011: { matchDefers: true }, x: {} },
    drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, xd: { matches: ['x'], present: true } },
    actors: { hotplug: ['add pl011', 'del pl011'], other: 'add x' },
  } : s),
});
