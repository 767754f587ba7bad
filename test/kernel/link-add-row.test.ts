/**
 * A probe that adds its managed device link says so in the trace row where the link appears. Found
 * by a verdict hunt (2026-12-06, s36 h2): on mainline a consumer probing while its supplier unbinds
 * gets its link made SUPPLIER_UNBIND (device_link_init_status sees DL_DEV_UNBINDING), past the
 * supplier's device_links_busy, so device_links_unbind_consumers never releases it and
 * links-supplier-bound is violated, rightly. The row that made the link cited only
 * device_links_check_suppliers, which runs before probe() and made nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { traceList } from '../../src/report/text.js';

const unbindRace: ScenarioSpec = {
  name: 'link-add-row',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: {} },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
  actors: { boot: 'add mmc', admin: 'unbind pmic-drv pmic' },
  properties: ['links-supplier-bound'],
};

describe('the trace row where a probe adds its device link', () => {
  it('names device_link_add and the supplier, on the step that makes the link', () => {
    const p = check(buildScenario(unbindRace, 'mainline', '').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    const made = p.trace!.steps.find((s) => s.changes.some((c) => c.field === 'link[mmc->pmic].status' && c.from === 'NONE'))!;
    expect(made.label).toBe('really_probe(mmc,mmc-drv):call_probe');
    expect(made.changes.find((c) => c.field === 'link[mmc->pmic].status')!.to).toBe('SUPPLIER_UNBIND');
    expect(made.where).toContain('then drv->probe, which calls device_link_add(mmc, pmic) once the supplier is bound');
    expect(traceList(p.trace!).join('\n')).toContain('really_probe (the link check, then drv->probe, which calls device_link_add(mmc, pmic) once the supplier is bound) [really_probe(mmc,mmc-drv):call_probe]');
  });

  it('says nothing of links where the probe adds none', () => {
    const plain: ScenarioSpec = { ...unbindRace, drivers: { ...unbindRace.drivers, 'mmc-drv': { matches: ['mmc'], present: true } }, properties: ['single-binding'] };
    const { model } = buildScenario(plain, 'mainline', '');
    const wheres = model.threads.flatMap((t) => Object.entries(t.steps).filter(([l]) => l.endsWith(':call_probe')).map(([, s]) => s.where));
    expect(wheres.length).toBeGreaterThan(0);
    for (const w of wheres) expect(w).toBe('drivers/base/dd.c:really_probe');
  });

  // A probe the link check defers calls no probe(): the row then sets the thread's return value,
  // printed by name (it read `admin.ret: 0→6`). v4.14 puts such a device on no pending list
  // (v4.10's really_probe; LINK_DEFER_ADD from v4.15): nothing retries it once pmic binds again.
  it('names the return value the link check gives', () => {
    const lost: ScenarioSpec = {
      name: 'link-defer-lost',
      devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { admin: ['unbind pmic-drv pmic', 'unregister mmc-drv', 'register mmc-drv', 'bind pmic-drv pmic'] },
      properties: ['no-missed-probe'],
    };
    const p = check(buildScenario(lost, 'v4.14', '').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    const deferred = p.trace!.steps.find((s) => s.label === 'really_probe(mmc,mmc-drv):call_probe' && s.changes.some((c) => c.field === 'admin.ret'))!;
    expect(deferred.changes.find((c) => c.field === 'admin.ret')).toMatchObject({ from: '0', to: '-EPROBE_DEFER (device links)' });
    expect(check(buildScenario(lost, 'v4.18', '').model).properties[0]!.verdict).toBe('holds');
  });
});
