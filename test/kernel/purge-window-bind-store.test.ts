/**
 * The whole-session differential (s39 h12, base 6dc92d5, generator gen5's u14 at v4.18): a bind_store
 * of an async consumer beside the del of its supplier, whose removal unregisters it. bind_store passes
 * driver_probe_device's registered check while device_del(mmc) runs; between device_links_purge and
 * kobject_del its probe binds mmc (driver_sysfs_add succeeds), and device_links_driver_bound WARNs on
 * the link device_links_unbind_consumers left SUPPLIER_UNBIND. At b8c6924 (s39 h9: a probe after
 * kobject_del binds nothing, with the purge and kobject_del one step from v4.18) links-no-warn read
 * holds there, where 6dc92d5 read violated; 520e887 (s39 h15) split the two steps and gives it back.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const spec: ScenarioSpec = {
  name: 'purge-window-bind-store',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { parent: 'pmic', present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true, registers: ['mmc'] },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true, probeType: 'async' },
  },
  actors: { a0: 'maybe bind mmc-drv mmc', a1: 'maybe del pmic' },
  properties: ['links-no-warn'],
};

describe("bind_store's probe between device_links_purge and kobject_del of a consumer its supplier's removal unregisters", () => {
  it('binds it and WARNs in device_links_driver_bound (v4.18)', () => {
    const r = check(buildScenario(spec, 'v4.18', '').model, { exhaustive: true });
    const p = r.properties.find((x) => x.name === 'links-no-warn')!;
    expect(p.verdict).toBe('violated');
    const labels = p.trace!.steps.map((s) => `${s.thread} ${s.label}`);
    const purge = labels.indexOf('a1 device_del(mmc):device_links_purge');
    expect(purge).toBeGreaterThan(0);
    expect(labels.indexOf('a0 really_probe(mmc,mmc-drv):driver_bound')).toBeGreaterThan(purge);
  });
});
