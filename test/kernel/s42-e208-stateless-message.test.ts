/**
 * s42 h21 (the session's differential): E208 at a supplier's re-add beside a stateless link a
 * consumer's probe made after the supplier's device_links_purge said the model's device_link_add
 * tests the supplier's kobject_del "not for a stateless link"; since 2f530ee the stateless add
 * tests it too (links.ts linkAddRefused), so the window is purge..kobject_del for both kinds.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const spec: ScenarioSpec = {
  name: 'e208-stateless',
  devices: { pmic: { present: true, boundTo: 'xd' }, mmc: {} },
  drivers: { xd: { matches: ['pmic', 'mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
  actors: { a0: ['add mmc', 'del mmc'], a1: ['del pmic', 'add pmic'] },
  properties: ['links-single-delete'],
};

describe('E208 for a stateless link made after the supplier purge', () => {
  it('does not say the stateless add is untested (v5.1)', () => {
    let msg = '';
    try { check(buildScenario(spec, 'v5.1', '').model, { maxStates: 20000 }); } catch (e) { msg = `${(e as { code?: string }).code} ${(e as Error).message}`; }
    expect(msg).toMatch(/^E208 .*stateless device link mmc->pmic/);
    expect(msg).toMatch(/past kobject_del without it; the model tests only the latter\)/);
  });
});
