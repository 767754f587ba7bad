/**
 * Two drivers that prefer async probing match one device (issue 11, finding b). Mainline
 * __driver_attach hands the device to an async helper only `if (!dev->driver &&
 * !dev->p->async_driver)`: while drvA's __driver_attach_async_helper(dc) is pending, drvB's
 * __driver_attach skips dc. `probeA` is what drvA's probe returns: `error` (drvB is never tried
 * in this scenario), `defer` (dc goes on the deferred list), `ok` (dc ends bound: nothing dropped).
 * variant=override is 84e7c6786aad ("driver core: Prevent overriding async driver of a device
 * before it probe", v5.19; the hunt of 2026-12-05, C1): one actor registers drvA and then drvB,
 * whose probe fails, with no sync fallback (its deadlock, 70fe758352ca, is another row). Before
 * the fix (`if (!dev->driver)` only, dd.c at f04948dea236:1129-1135) drvB's __driver_attach
 * overwrites dev->p->async_driver while drvA's helper is pending: both helpers probe drvB and
 * drvA is never tried. From v5.19 drvB's attach skips dc and drvA's helper probes drvA (with
 * probeA=ok it binds; with probeA=error mainline's finding above is back).
 */
import { scenario, type ScenarioSpec } from 'probecheck';

export default scenario({
  name: 'async-two-drivers',
  describe: 'modprobe drvA and modprobe drvB, both async, both matching dc',
  profile: 'mainline',
  params: {
    probeA: { default: 'error', values: ['error', 'defer', 'ok'], describe: "what drvA's probe returns" },
    variant: { default: 'race', values: ['race', 'override'], describe: "race: two actors register drvA and drvB; override (84e7c6786aad): one actor registers drvA then drvB, drvB's probe fails, no sync fallback" },
  },
  devices: { dc: { present: true } },
  drivers: { drvA: { matches: ['dc'], probeType: 'async', probe: 'error' }, drvB: { matches: ['dc'], probeType: 'async' } },
  actors: { 'insmod drvA': 'register drvA', 'insmod drvB': 'register drvB' },
  properties: ['async-handover', 'no-missed-probe', 'single-binding', 'no-deadlock'],
  vary: (p, s): ScenarioSpec => {
    const drvA = { ...s.drivers.drvA!, probe: p.probeA as 'error' | 'defer' | 'ok' };
    return p.variant === 'override' ? {
      ...s, drivers: { drvA, drvB: { ...s.drivers.drvB!, probe: 'error' } }, actors: { insmod: ['register drvA', 'register drvB'] }, syncFallback: false,
      properties: ['async-handover', 'no-missed-probe', 'single-binding', 'async-driver', 'no-deadlock'],
    } : { ...s, drivers: { ...s.drivers, drvA } };
  },
});
