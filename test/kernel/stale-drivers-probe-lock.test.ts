/**
 * drivers_probe_store holds the struct bus_find_device_by_name returned; deleted and added again
 * before __device_attach's device_lock, that struct is the old one, and the C locks it, waiting for
 * a thread that still holds it, then probes nothing (dead from v5.1, unregistered before). The
 * model's store (and the deferred work's retry, the same `held` entry) took no lock there
 * (staleEntry) and went past the holder, as the sysfs stores did before s39 h18/h19 (s39 h19).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS, KL } from '../../src/kernel/state.js';

const spec: ScenarioSpec = {
  name: 'stale-drivers-probe-lock', buses: { platform: { autoprobe: false } }, devices: { c: {} },
  drivers: { 'c-drv': { matches: ['c'], present: true } },
  // probe holds the deleted struct's lock across the re-add (DevS.oldMutex); again looked it up too.
  actors: { hotplug: ['add c', 'del c', 'add c'], probe: 'drivers_probe c', again: 'drivers_probe c' }, properties: ['single-binding'],
};
const LOCK = /^__device_attach\(c\):device_lock$/;

function run(profile: string) {
  const { model, kernel: k } = buildScenario(structuredClone(spec), profile, '');
  const again = k.threadNames.indexOf('again') + 1;
  const stale = (st: KS, l: KL) => l.gen !== st.dev[0]!.gen;
  model.properties = [...model.properties,
    { kind: 'action', name: 'passes-held-old-lock', holds: (b: KS, _a: KS, m, _q, qb) => !(m.thread === 'again' && LOCK.test(m.label) && stale(b, qb!.locals('again') as KL) && b.dev[0]!.oldMutex !== 0 && b.dev[0]!.oldMutex !== again) },
    { kind: 'action', name: 'stale-lock-taken', holds: (b: KS, a: KS, m) => !(m.thread === 'again' && b.dev[0]!.oldMutex === 0 && a.dev[0]!.oldMutex === again) },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  expect(r.complete).toBe(true);
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe('a drivers_probe store that found the deleted struct locks that struct', () => {
  for (const profile of ['v4.2', 'v4.18', 'v5.4', 'mainline']) {
    it(`waits for its holder, then takes it (${profile})`, () => {
      const v = run(profile);
      expect([v['passes-held-old-lock'], v['stale-lock-taken'], v['single-binding']]).toEqual(['holds', 'violated', 'holds']);
    });
  }
});
