/**
 * A scenario that enters every modelled path at least once (sync and async drivers, a USB parent
 * lock, device links (managed and stateless), deferral, module load and unload, sysfs bind/unbind, drivers_probe and driver_override, a
 * lockless reader, a bus match that defers):
 * the step catalogue of a profile, for `probecheck source`, `steps` and the conformance tests.
 */
import type { ScenarioSpec } from './scenario.js';
import { PROFILES } from './profiles.js';

export const CATALOGUE: ScenarioSpec = {
  name: 'catalogue', buses: { platform: {}, usb: { needParentLock: true } },
  devices: { p: { present: true }, c: { parent: 'p' }, u: { bus: 'usb', present: true, boundTo: 'ud' }, i: { bus: 'usb', parent: 'u' }, s: { present: true, parent: 'p' },
    j: { bus: 'usb', parent: 'u', present: true }, a: { matchDefers: true } },
  drivers: {
    pd: { matches: ['p'], module: 'm', registers: ['c'] }, cd: { matches: ['c'], module: 'm', probeType: 'async', probe: ['ok', 'defer', 'error'], links: ['s'] },
    ud: { bus: 'usb', matches: ['u'], present: true }, id: { bus: 'usb', matches: ['i'], probeType: 'async', present: true }, sd: { matches: ['s'], statelessLinks: [{ consumer: 's', supplier: 'p' }] },
    // A USB interface driver registered while its interface is present: __driver_attach and driver_detach under the parent lock.
    jd: { bus: 'usb', matches: ['j'] },
    // A device whose bus match defers (amba_match): found by a device's walk, then by a driver's.
    ad: { matches: ['a'], present: true },
  },
  actors: { modprobe: ['modprobe m', 'rmmod m'], hub: ['add i', 'del i'], sysfs: ['override s sd', 'bind sd s', 'unbind sd s', 'drivers_probe s', 'unbind id i', 'drivers_probe i'], init: ['register sd', 'wait_for_device_probe', 'unregister sd'], usbcore: ['register jd', 'unregister jd'], udev: ['uevent c', 'uevent i', 'lock p', 'unlock p'], amba: ['add a', 'unregister ad', 'register ad'] },
};

/** CATALOGUE as profile p can build it: without the driver_override store where p has no such file (DRIVER_OVERRIDE, v3.16). */
export function catalogueAt(p: string): ScenarioSpec {
  if (PROFILES[p]?.flags.includes('DRIVER_OVERRIDE') !== false) return CATALOGUE;
  return { ...CATALOGUE, actors: { ...CATALOGUE.actors, sysfs: (CATALOGUE.actors.sysfs as string[]).filter((a) => !a.startsWith('override ')) } };
}

/**
 * The late initcall and its timeout work, for `probecheck source` (not in CATALOGUE: profiles that
 * do not settle its shape refuse the action, and a scenario with it starts with deferred probing off).
 */
export const LATE_CATALOGUE: ScenarioSpec = {
  name: 'catalogue-late', devices: { dc: { present: true }, pwm: {} },
  drivers: { dcd: { matches: ['dc'], needs: ['pwm'] }, pwd: { matches: ['pwm'], present: true } },
  actors: { boot: ['register dcd', 'deferred_probe_initcall'], hot: 'add pwm' },
};

/**
 * device_shutdown (reboot) racing a module's async probe of a child a hotplug adds, for `probecheck
 * steps` and the patch check (not in CATALOGUE: profiles whose text of it was not read refuse the
 * action, and a scenario with it keeps devices_kset's order and defer_all_probes).
 */
export const SHUTDOWN_CATALOGUE: ScenarioSpec = {
  name: 'catalogue-shutdown', devices: { h: { present: true }, c: { parent: 'h' } },
  drivers: { cd: { matches: ['c'], module: 'm', probeType: 'async' } },
  actors: { a: ['modprobe m'], h: ['add c'], r: ['device_shutdown'] },
};

/**
 * rmmod racing a second modprobe, for `probecheck steps`, `source` and the patch check where
 * free_module's UNFORMED window is a step of its own (paths/module.ts unformedWindow: v3.14 ..
 * v5.1, and only where a load may run in it): not in CATALOGUE, whose one load of m runs before
 * its unload, so there the two module_mutex regions are one step.
 */
export const MODULE_WINDOW_CATALOGUE: ScenarioSpec = {
  name: 'catalogue-module-window', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } },
  actors: { a: ['modprobe m', 'rmmod m'], u: ['modprobe m'] },
};
