/**
 * sysfs bind/unbind racing async probe and device_del. Manual binding is synchronous: bind_store
 * probes in the writer's thread. Before v5.1 bind_store tested `dev->driver == NULL` without the
 * device lock and then called driver_probe_device, which only checks device_is_registered():
 * race=async: the async helper binds dc to dc-a between the test and the lock, and the writer
 * binds dc-b over it; race=del: device_del(dc) runs between the test and the lock and the writer
 * probes a device being deleted (registered stays true until kobject_del). 3451a495ef24 (v5.1)
 * moved the checks under the lock (device_driver_attach: skip dead or bound devices).
 * race=unbind: unbind_store racing device_del (both release the driver under the lock).
 * race=probe: `echo dc > drivers_probe` racing device_del: bus_rescan_devices_helper tests
 * dev->driver without the lock and calls device_attach, whose __device_attach tests dead only
 * from 654888327e9f (v5.9): the store probes a device being deleted until then, v5.1 included.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'sysfs-bind',
  describe: 'echo dc > bind / unbind racing async probe and device_del',
  profile: 'v4.2',
  params: { race: { default: 'async', values: ['async', 'del', 'unbind', 'probe'], describe: 'what the sysfs write races' } },
  devices: { dc: {} },
  drivers: {
    'dc-a': { matches: ['dc'], probeType: 'async', present: true },
    'dc-b': { matches: ['dc'], probeType: 'async', present: true },
  },
  actors: { hotplug: 'add dc', 'echo dc > dc-b/bind': 'bind dc-b dc' },
  properties: ['single-binding', 'no-probe-after-del', 'no-deadlock'],
  vary: (p, s) => p.race === 'async' ? { ...s, properties: ['single-binding', 'no-deadlock'] } : {
    ...s, buses: { platform: { autoprobe: p.race === 'unbind' } },
    devices: { dc: { present: true, ...(p.race === 'unbind' ? { boundTo: 'dc-a' } : {}) } },
    drivers: { 'dc-a': { matches: ['dc'], present: true } },
    actors: { hotplug: 'del dc', ...(p.race === 'probe' ? { 'echo dc > drivers_probe': 'drivers_probe dc' }
      : { [`echo dc > dc-a/${p.race === 'del' ? 'bind' : 'unbind'}`]: `${p.race === 'del' ? 'bind' : 'unbind'} dc-a dc` }) },
  },
});
