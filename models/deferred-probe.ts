/**
 * Deferred probe. variant=trigger (B1, 58b116bce136, v3.15): dc's driver needs pwm; dc's probe
 * runs in one thread while pwm binds in another. Before deferred_trigger_count, pwm's
 * driver_bound can trigger between dc's probe returning -EPROBE_DEFER and
 * driver_deferred_probe_add: dc sits on the pending list and nothing triggers again.
 * variant=missed (B2, 190888ac01d0, v3.6): device_add(dc) and driver_register(dc-drv) race; before
 * the fix the device joined the bus klist after its own attach walk, so each side can miss the
 * other. variant=loop (B15, driver.rst; e.g. i2c-imx revert e8c220fac415): host's probe
 * registers its child and then returns -EPROBE_DEFER (devres then deletes the child); the
 * child's bind changed the trigger count, so host is re-queued, and so on.
 * variant=timeout-walk (eed6e41813de, v5.12): with the deferred_probe_timeout= boot parameter the
 * late initcall schedules the timeout work, whose walk of the pending list took no
 * deferred_probe_mutex before the fix: device_del of a pending device deletes it meanwhile.
 * variant=initcall-wait (5ee76c256e92, v5.19, fixing 35a672363ab3, v5.7): with
 * deferred_probe_timeout= set, kernel_init calls wait_for_device_probe() (an initcall such as
 * ip_auto_config) before deferred_probe_initcall(). From v5.7 it sleeps on
 * probe_timeout_waitqueue, which only deferred_probe_timeout_work_func wakes, and only
 * deferred_probe_initcall, next in the same thread, schedules that work: boot hangs (its suite
 * pins the two kernel_init actions that then never complete: neverCompletes).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'deferred-probe',
  describe: 'deferred probe: lost retry (B1), missed probe (B2), re-probe loop (B15), the timeout work\'s unlocked walk (eed6e41813de), the boot hang of wait_for_device_probe before deferred_probe_initcall (5ee76c256e92)',
  profile: 'v3.14',
  params: { variant: { default: 'trigger', values: ['trigger', 'missed', 'loop', 'timeout-walk', 'initcall-wait'], describe: 'which deferred-probe bug' } },
  devices: { dc: {}, pwm: {} },
  drivers: {
    'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true },
    'pwm-drv': { matches: ['pwm'], present: true },
  },
  actors: { 'add dc': 'add dc', 'add pwm': 'add pwm' },
  vary: (p, s) => p.variant === 'trigger' ? s : p.variant === 'timeout-walk' ? {
    ...s, deferredProbeTimeout: 30, actors: { boot: ['add dc', 'deferred_probe_initcall'], hotplug: 'del dc' },
  } : p.variant === 'initcall-wait' ? {
    ...s, deferredProbeTimeout: 30, devices: { dc: { present: true } }, drivers: { drv: { matches: ['dc'], module: 'm' } },
    actors: { kernel_init: ['wait_for_device_probe', 'deferred_probe_initcall'], udev: 'modprobe m' },
    properties: ['no-deadlock', 'actors-terminate', 'wait-for-probe'],
  } : p.variant === 'missed' ? {
    ...s, devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'] } }, actors: { hotplug: 'add dc', modprobe: 'register dc-drv' },
  } : {
    ...s, devices: { host: { present: true }, child: { parent: 'host' } },
    drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
    actors: { modprobe: 'register host-drv' },
  },
});
