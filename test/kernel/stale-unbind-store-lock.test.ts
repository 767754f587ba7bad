/**
 * A sysfs unbind store that looked up a device's struct (bus_find_device_by_name, a reference on the
 * struct whose klist node was live) while a driver was bound, the device deleted and added again
 * before its lock: the C locks that struct, the deleted one (unbind_store -> device_driver_detach ->
 * device_release_driver_internal(dev, NULL, dev->parent) -> __device_driver_lock(dev, parent), v5.1+;
 * device_release_driver(dev) -> device_lock(dev) before), waiting for a thread that still holds it,
 * then releases nothing (its dev->driver NULL since the del). s39 h18 made bind_store lock the old
 * struct (common.ts storeLock); the unbind store still took no lock there (staleEntry), so it went
 * past a lock that another thread held (s39 h19).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS, KL } from '../../src/kernel/state.js';

const spec: ScenarioSpec = {
  name: 'stale-unbind-store-lock', buses: { platform: { autoprobe: false } }, devices: { c: {} },
  drivers: { 'c-drv': { matches: ['c'], present: true } },
  // drivers_probe holds the deleted struct's lock across the re-add (DevS.oldMutex).
  actors: { hotplug: ['add c', 'del c', 'add c'], admin: 'bind c-drv c', u: 'unbind c-drv c', probe: 'drivers_probe c' }, properties: ['single-binding'],
};
const LOCK = /^unbind_store\(c,c-drv\):device_lock$/;

function run(profile: string) {
  const { model, kernel: k } = buildScenario(structuredClone(spec), profile, '');
  const u = k.threadNames.indexOf('u') + 1;
  const stale = (st: KS, l: KL) => l.gen !== st.dev[0]!.gen;
  model.properties = [...model.properties,
    // The store's lock step on the old struct, done while another thread holds that struct's lock.
    { kind: 'action', name: 'passes-held-old-lock', holds: (b: KS, _a: KS, m, _q, qb) => !(m.thread === 'u' && LOCK.test(m.label) && stale(b, qb!.locals('u') as KL) && b.dev[0]!.oldMutex !== 0 && b.dev[0]!.oldMutex !== u) },
    // The store takes the deleted struct's lock after the re-add (DevS.oldMutex: 0 -> the store).
    { kind: 'action', name: 'stale-lock-taken', holds: (b: KS, a: KS, m) => !(m.thread === 'u' && b.dev[0]!.oldMutex === 0 && a.dev[0]!.oldMutex === u) },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  expect(r.complete).toBe(true);
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe('an unbind store that found the deleted struct locks that struct', () => {
  for (const profile of ['v4.2', 'v4.18', 'v5.4', 'mainline']) {
    it(`waits for its holder, then takes it (${profile})`, () => {
      const v = run(profile);
      expect([v['passes-held-old-lock'], v['stale-lock-taken'], v['single-binding']]).toEqual(['holds', 'violated', v['single-binding']]);
    });
  }
});
