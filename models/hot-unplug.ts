/**
 * Hot-unplug racing probe (B5, B6). `variant=async`: device_add(dc) schedules
 * __device_attach_async_helper(dc) and the removal runs device_del(dc) before it: the helper
 * must not probe a device being deleted (3451a495ef24, v5.1). `variant=deferred`: dc's first
 * probe defers, pwm's bind triggers the deferred worker, whose __device_attach races device_del
 * (654888327e9f, v5.9).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'hot-unplug',
  describe: 'device_del racing the async attach helper or the deferred-probe worker',
  profile: 'v4.2',
  params: { variant: { default: 'async', values: ['async', 'deferred'], describe: 'which prober races device_del' } },
  devices: { dc: {}, pwm: {} },
  drivers: {
    'dc-drv': { matches: ['dc'], probeType: 'async', present: true },
    'pwm-drv': { matches: ['pwm'], present: true },
  },
  actors: { hotplug: ['add dc', 'del dc'] },
  // Nothing defers in the async variant, so deferred-lists would be about nothing there.
  properties: ['no-probe-after-del', 'single-binding', 'no-deadlock'],
  vary: (p, s) => p.variant === 'async' ? s : {
    ...s, properties: [...s.properties!, 'deferred-lists'], drivers: { ...s.drivers, 'dc-drv': { matches: ['dc'], probeType: 'sync', probe: ['defer', 'ok'], present: true } },
    actors: { ...s.actors, 'hotplug pwm': 'add pwm' },
  },
});
