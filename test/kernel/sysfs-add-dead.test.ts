/**
 * A probe whose driver_probe_device passed the registered check before kobject_del and reaches
 * really_probe after it (no re-add): the C's driver_sysfs_add fails on the deleted struct
 * (sysfs_create_link's target, kobj->sd, was cleared by kobject_del's sysfs_remove_dir: -ENOENT),
 * so really_probe goes to probe_failed and drv->probe is never called (dd.c@torvalds@97e2551de3f9:
 * 522 `dev->driver = drv;`, 535 `if (driver_sysfs_add(dev))`, 552 the probe call; v3.6.0's dd.c
 * has the same order). Until s39 h9 the model's call_probe bound the deleted struct there.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';

// drivers_probe's __device_attach has no dead test before 654888327e9f (v5.9): it locks c after
// device_del's device_release_driver and passes the registered check before kobject_del.
const spec: ScenarioSpec = {
  name: 'drivers-probe-vs-del', buses: { platform: { autoprobe: false } },
  devices: { c: { present: true } }, drivers: { 'c-drv': { matches: ['c'], present: true } },
  actors: { hotplug: 'del c', 'echo c > drivers_probe': 'drivers_probe c' },
  properties: ['no-probe-after-del', 'single-binding'],
};
const CALL = /^really_probe\(c,c-drv\):call_probe$/;

function run(profile: string) {
  const model = buildScenario(spec, profile, '').model;
  model.properties = [...model.properties,
    // The move the C cannot make: call_probe of a struct through kobject_del binding it.
    { kind: 'action', name: 'no-bind-after-kobject-del', holds: (b: KS, a: KS, m) => !(CALL.test(m.label) && !b.dev[0]!.registered && a.dev[0]!.driver !== 0) },
    // The window itself is reached (else the action property above could not fail).
    { kind: 'sometimes', name: 'at-call-probe-after-kobject-del', holds: (st: KS, q) => !st.dev[0]!.registered && st.dev[0]!.delDone && CALL.test(q.at('echo c > drivers_probe') ?? '') },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe('really_probe of a struct whose kobject_del ran after the registered check (no re-add)', () => {
  for (const profile of ['v4.2', 'v5.4']) {
    it(`driver_sysfs_add fails: no binding, no probe() (${profile})`, () => {
      expect(run(profile)).toEqual({
        // B6 stays: the probe whose driver_sysfs_add comes before kobject_del binds the dying c.
        'no-probe-after-del': 'violated', 'single-binding': 'holds',
        'no-bind-after-kobject-del': 'holds', 'at-call-probe-after-kobject-del': 'reachable',
      });
    });
  }
  it('from v5.9 __device_attach tests dead (654888327e9f): the window is gone', () => {
    expect(run('v5.9')).toEqual({
      'no-probe-after-del': 'holds', 'single-binding': 'holds',
      'no-bind-after-kobject-del': 'holds', 'at-call-probe-after-kobject-del': 'unreachable',
    });
  });
});

// 58b116bce136's snapshot (`int local_trigger_count = atomic_read(&deferred_trigger_count);` at the
// top of really_probe, before driver_sysfs_add) is a local of the failed call: it is gone when
// really_probe returns, not left on the deleted struct (a probe that may defer takes one).
describe('the failed really_probe drops the trigger-count snapshot it took', () => {
  it('no snapshot is left once drivers_probe has returned (v4.2)', () => {
    const deferring: ScenarioSpec = { ...spec, devices: { c: { present: true }, s: { present: true } },
      drivers: { 'c-drv': { matches: ['c'], needs: ['s'], present: true }, 's-drv': { matches: ['s'], present: true } } };
    const model = buildScenario(deferring, 'v4.2', '').model;
    model.properties = [
      { kind: 'invariant', name: 'snapshot-dropped', holds: (st: KS, q) => q.at('echo c > drivers_probe') !== null || st.dev[0]!.snap === 'none' },
      { kind: 'sometimes', name: 'at-call-probe-after-kobject-del', holds: (st: KS, q) => st.dev[0]!.delDone && CALL.test(q.at('echo c > drivers_probe') ?? '') },
    ] as Property[];
    const r = check(model, { exhaustive: true });
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'snapshot-dropped': 'holds', 'at-call-probe-after-kobject-del': 'reachable' });
  });
});
