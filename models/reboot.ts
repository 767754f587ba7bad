/**
 * reboot (or poweroff) while drivers still probe: device_shutdown's walk of devices_kset
 * (paths/device-shutdown.ts) racing a module load (`race=modprobe`: driver_attach of a present
 * device) or a hotplug add whose driver probes asynchronously (`race=async`). Before
 * 3297c8fc65af (v4.14 here) the walk can lock dc, find no driver, shut it down and go on, and
 * the probe then binds dc: no-probe-after-shutdown. From v5.0 device_shutdown first waits for
 * probes (wait_for_device_probe also waits for the pending async entries) and sets
 * defer_all_probes (device_block_probing), so a later probe defers onto the pending list.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'reboot',
  describe: 'device_shutdown racing a module load or an async probe',
  profile: 'v4.14',
  params: { race: { default: 'modprobe', values: ['modprobe', 'async'], describe: "what still probes: a module's driver registered (driver_attach), or an async probe a hotplug add scheduled" } },
  devices: { dc: { present: true } },
  drivers: { 'dc-drv': { matches: ['dc'], module: 'dcmod' } },
  actors: { udev: 'modprobe dcmod', reboot: 'device_shutdown' },
  properties: ['no-probe-after-shutdown', 'shutdown-exclusive', 'no-deadlock'],
  vary: (p, s) => (p.race === 'async' ? {
    ...s,
    devices: { host: { present: true }, dc: { parent: 'host' } },
    drivers: { 'dc-drv': { matches: ['dc'], present: true, probeType: 'async' } },
    // async_schedule's synchronous fallback under the device lock (b232b02bf3c2's deadlock) is left out: the race is the walk's.
    syncFallback: false,
    actors: { hotplug: 'add dc', reboot: 'device_shutdown' },
  } : s),
});
