/**
 * device_del's device_links_purge and kobject_del are two steps where the C has them apart
 * (core.c@torvalds@fb583c8eeeb1 device_del: 283 `device_links_purge(dev);`, 290
 * `kobject_del(&dev->kobj);`; the same at 3451a495ef24:617/624, v4.19.y:269/281, 5.10.13:317/324).
 * A probe that passed driver_probe_device's registered check meets in between a device with no
 * links, so device_links_check_suppliers passes, and a sysfs dir not yet removed, so
 * driver_sysfs_add succeeds (dd.c@torvalds@97e2551de3f9: the check 169, driver_sysfs_add 196,
 * drv->probe 213): probe() runs and binds the deleted consumer though its supplier never bound.
 * Since s39 h9 a probe after kobject_del binds nothing, so with the two taken as one step (as the
 * model had them from v4.18, LINKS_PURGE_AFTER_UNBIND) that bind was not reachable at all. v5.1 is
 * the first profile with links made before the start (DL_FLAG_AUTOPROBE_CONSUMER).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type Property, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';
import type { KS } from '../../src/kernel/state.js';

// pmic has no driver: codec's boot link to it stays DORMANT, and codec's own probe can only run
// once device_del's purge has deleted the link. drivers_probe's __device_attach has no dead test
// before 654888327e9f (v5.9).
const spec: ScenarioSpec = {
  name: 'purge-window', buses: { platform: { autoprobe: false } },
  devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
  drivers: { 'codec-drv': { matches: ['codec'], present: true } },
  actors: { unplug: 'del codec', 'echo codec > drivers_probe': 'drivers_probe codec' },
  properties: ['no-probe-after-del'],
};

function run(profile: string, patches = '') {
  const model = buildScenario(spec, profile, patches).model;
  model.properties = [...model.properties,
    { kind: 'sometimes', name: 'codec-bound-by-the-deleting-race', holds: (st: KS) => st.dev[1]!.delStarted && st.dev[1]!.driver !== 0 },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe('a probe between device_links_purge and kobject_del', () => {
  for (const profile of ['v5.1', 'v5.4']) {
    it(`binds the deleted consumer whose supplier never bound (${profile})`, () => {
      expect(run(profile)).toEqual({ 'no-probe-after-del': 'violated', 'codec-bound-by-the-deleting-race': 'reachable' });
    });
  }
  it('from v5.9 __device_attach tests dead (654888327e9f): no probe of the deleted codec', () => {
    expect(run('v5.9')['codec-bound-by-the-deleting-race']).toBe('unreachable');
  });
  // The README's revert of 654888327e9f (`replace: 'check_dead'`, going on as __device_attach did
  // before it): with a user's patch the purge is a step of its own at every profile (device-del.ts).
  it('v5.9 with a user\'s patch that reverts the dead check: the bind again', () => {
    registerPatchFile('/virtual/purge-window-revert.ts', [definePatch({ id: 'purge-window-revert', subject: 'revert 654888327e9f', base: 'v5.9', hunks: [
      { fn: '__device_attach', replace: 'check_dead', step: (site, o) => ({ ...o!, run: (s) => (s.dev[site.dev]!.driver !== 0 ? 'out_unlock' : 'bus_for_each_drv') }) }] })]);
    expect(run('v5.9', '/virtual/purge-window-revert.ts')['codec-bound-by-the-deleting-race']).toBe('reachable');
  });
});
