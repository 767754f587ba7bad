/**
 * A probe of a deleted struct device that binds it after device_del's device_links_purge
 * (drivers_probe's __device_attach has no dead test before 654888327e9f, v5.9; device_del
 * purges before kobject_del, after bus_remove_device from v4.18's order on): its driver's device_link_add
 * makes the link again, with the old struct as consumer, and device_links_driver_bound makes it
 * ACTIVE. device_add of the device then makes a new struct with no links: device_link_add and
 * device_links_check_suppliers see only links on the struct's own lists, and the lookup is
 * `if (link->consumer == consumer)` on the supplier's list (core.c v4.19.y and fb583c8eeeb1
 * device_link_add), so the new struct's probe makes a link of its own and binds. Until s42 the
 * model kept the old struct's ACTIVE link as the device's, and the new struct's link check deferred.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';

const MMC = 1;
const spec = (autoremove: boolean, admin?: string[]): ScenarioSpec => ({
  name: 'stale-link-readd',
  devices: { pmic: { present: true, boundTo: 'pdrv' }, mmc: { present: true, boundTo: 'mdrv' } },
  drivers: { pdrv: { matches: ['pmic'], present: true }, mdrv: { matches: ['mmc'], links: ['pmic'], linkFlags: autoremove ? ['AUTOREMOVE_CONSUMER'] : [], present: true } },
  actors: { hotplug: ['del mmc', 'add mmc'], 'echo mmc > drivers_probe': ['drivers_probe mmc'], ...(admin ? { admin } : {}) },
  properties: ['single-binding'],
});
const CALL = /^really_probe\(mmc,mdrv\):call_probe$/;

function run(profile: string, autoremove: boolean, admin?: string[]) {
  const model = buildScenario(spec(autoremove, admin), profile, '').model;
  model.properties = [...model.properties,
    // pmic stays bound: in the C no link check of mmc's struct (old or new) defers.
    { kind: 'action', name: 'link-check-passes', holds: (b: KS, a: KS, m) => !(CALL.test(m.label) && b.dev[MMC]!.registered && b.dev[MMC]!.oldMutex === 0 && a.dev[MMC]!.driver === 0) },
    // The new struct bound while the old struct's link is still on pmic's list.
    { kind: 'sometimes', name: 'new-bound-beside-old-link', holds: (st: KS) => (st.link[0] as { old?: boolean }).old === true && st.dev[MMC]!.bound && st.dev[MMC]!.registered },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe('a link made by a probe of a deleted struct is that struct\'s, not the re-added device\'s', () => {
  for (const profile of ['v4.18', 'v5.4']) for (const autoremove of [false, true]) {
    it(`the new struct's link check passes and it binds (${profile}${autoremove ? ', AUTOREMOVE_CONSUMER' : ''})`, () => {
      expect(run(profile, autoremove)).toEqual({ 'single-binding': 'holds', 'link-check-passes': 'holds', 'new-bound-beside-old-link': 'reachable' });
    });
  }
});

// The old link stays on pmic's list of consumers, its consumer the old struct, still bound: pmic's
// unbind (device_links_busy, device_links_unbind_consumers) would release that struct's driver
// (device_release_driver_internal(consumer, NULL, consumer->parent): ->remove on the old struct),
// which the model does not follow since the add dropped the old binding. The search stops (E208).
describe('pmic\'s unbind beside the old struct\'s link stops the search (a model limit)', () => {
  for (const profile of ['v4.18', 'v5.4']) {
    it(`E208 names the link and the supplier's walk (${profile})`, () => {
      let err: unknown;
      try { run(profile, false, ['unbind pdrv pmic']); } catch (e) { err = e; }
      expect((err as { code?: string }).code).toBe('E208');
      expect((err as Error).message).toMatch(/device_links_busy\(pmic\) walks pmic's list of consumers, where the device link mmc->pmic of a deleted struct device of mmc still is/);
    });
  }
});
