/**
 * The deferred-probe worker holds the struct it took off the active list (get_device); deleted and
 * added again before bus_probe_device's __device_attach takes device_lock, that struct is the old
 * one, and the C locks it, waiting for a thread that still holds it (here a drivers_probe store
 * that found the old struct too). The model's retry (deviceAttach `held`, as drivers_probe_store)
 * took no lock there and went past the holder until s39 h19; h19 tested drivers_probe only (s39 h20).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS, KL } from '../../src/kernel/state.js';

const spec: ScenarioSpec = {
  name: 'stale-deferred-retry-lock', devices: { c: {}, s: {} },
  // c defers first; s binding triggers the worker's retry of c while hotplug deletes and adds c again.
  drivers: { 'c-drv': { matches: ['c'], probe: ['defer', 'ok'], present: true }, 's-drv': { matches: ['s'], present: true } },
  actors: { hotplug: ['add c', 'del c', 'add c'], boot: 'add s', probe: 'drivers_probe c' }, properties: ['single-binding'],
};
const W = 'kworker deferred_probe_work_func';
const LOCK = /^__device_attach\(c\):device_lock$/;

function run(profile: string) {
  const { model, kernel: k } = buildScenario(structuredClone(spec), profile, '');
  const me = k.threadNames.indexOf(W) + 1;
  expect(me).toBeGreaterThan(0);
  const stale = (st: KS, l: KL) => l.gen !== st.dev[0]!.gen;
  model.properties = [...model.properties,
    { kind: 'action', name: 'passes-held-old-lock', holds: (b: KS, _a: KS, m, _q, qb) => !(m.thread === W && LOCK.test(m.label) && stale(b, qb!.locals(W) as KL) && b.dev[0]!.oldMutex !== 0 && b.dev[0]!.oldMutex !== me) },
    { kind: 'action', name: 'stale-lock-taken', holds: (b: KS, a: KS, m) => !(m.thread === W && b.dev[0]!.oldMutex === 0 && a.dev[0]!.oldMutex === me) },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  expect(r.complete).toBe(true);
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe("the deferred worker's retry of a struct deleted and added again locks that struct", () => {
  for (const profile of ['v4.18', 'v5.4']) {
    it(`waits for its holder, then takes it (${profile})`, () => {
      const v = run(profile);
      expect([v['passes-held-old-lock'], v['stale-lock-taken'], v['single-binding']]).toEqual(['holds', 'violated', 'holds']);
    });
  }
});
