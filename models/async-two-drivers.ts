/**
 * Two drivers that prefer async probing match one device (issue 11, finding b). Mainline
 * __driver_attach hands the device to an async helper only `if (!dev->driver &&
 * !dev->p->async_driver)`: while drvA's __driver_attach_async_helper(dc) is pending, drvB's
 * __driver_attach skips dc. `probeA` is what drvA's probe returns: `error` (drvB is never tried
 * in this scenario), `defer` (dc goes on the deferred list), `ok` (dc ends bound: nothing dropped).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'async-two-drivers',
  describe: 'modprobe drvA and modprobe drvB, both async, both matching dc',
  profile: 'mainline',
  params: { probeA: { default: 'error', values: ['error', 'defer', 'ok'], describe: "what drvA's probe returns" } },
  devices: { dc: { present: true } },
  drivers: { drvA: { matches: ['dc'], probeType: 'async', probe: 'error' }, drvB: { matches: ['dc'], probeType: 'async' } },
  actors: { 'insmod drvA': 'register drvA', 'insmod drvB': 'register drvB' },
  properties: ['async-handover', 'no-missed-probe', 'single-binding', 'no-deadlock'],
  vary: (p, s) => ({ ...s, drivers: { ...s.drivers, drvA: { ...s.drivers.drvA!, probe: p.probeA as 'error' | 'defer' | 'ok' } } }),
});
