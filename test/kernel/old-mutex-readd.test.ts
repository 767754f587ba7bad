/**
 * A device added again while a thread still holds the deleted struct's &dev->mutex (s38 h3). The
 * new struct has a mutex of its own (device_initialize's mutex_init on a kzalloc'ed struct), so the
 * kernel adds it and may probe it inside the old holder's locked region; that holder goes on on
 * the old struct: driver_probe_device finds it unregistered (device_is_registered reads
 * kobj.state_in_sysfs, which kobject_del cleared: dd.c@torvalds@219d54332a09:667-668, v5.4) and
 * returns -ENODEV. Until s38 the model's add waited for the old lock to be dropped, so these orders
 * were never explored.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { DEFERRED_WORKER } from '../../src/kernel/paths/deferred-probe.js';

// The deferred worker's retry of c (v5.4: __device_attach has no dead test before 654888327e9f)
// takes c off the active list, device_del(c) runs to its end, the worker locks the old c, and
// hotplug adds c again.
const replug: ScenarioSpec = {
  name: 'worker-old-lock', devices: { c: {}, s: {} },
  drivers: { 'c-drv': { matches: ['c'], needs: ['s'], present: true }, 's-drv': { matches: ['s'], present: true } },
  actors: { hotplug: ['add c', 'del c', 'add c'], 'hotplug s': 'add s' }, properties: ['device-ready', 'no-probe-after-del'],
};

function run(spec: ScenarioSpec, profile: string, holder: string, extra: (h: number) => Property[]) {
  const model = buildScenario(spec, profile, '').model;
  const h = model.threads.findIndex((t) => t.name === holder) + 1;
  expect(h).toBeGreaterThan(0);
  // DevS.probeIn counts the threads inside driver_probe_device(c) past its check: never left over.
  const names = model.threads.map((t) => t.name), inProbe = new RegExp(`^(driver_probe_device|__driver_probe_device|really_probe)\\(${Object.keys(spec.devices)[0]},`);
  const leak = { kind: 'sometimes', name: 'probe-in-left-over', holds: (st: KS, q) => st.dev[0]!.probeIn > 0 && !names.some((n) => inProbe.test(q.at(n) ?? '')) } as Property;
  model.properties = [...model.properties, ...extra(h), leak];
  return Object.fromEntries(check(model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));
}

// c is device 0: the holder h holds the old c's lock, and the slot holds the new c.
const probes = (h: number): Property[] => [
  { kind: 'sometimes', name: 'added-under-old-lock', holds: (st: KS) => st.dev[0]!.oldMutex === h && st.dev[0]!.registered },
  { kind: 'sometimes', name: 'new-probed-under-old-lock', holds: (st: KS) => st.dev[0]!.oldMutex === h && st.dev[0]!.probing !== 0 && st.dev[0]!.probing !== h },
  { kind: 'sometimes', name: 'holder-probes-new', holds: (st: KS) => st.dev[0]!.oldMutex === h && st.dev[0]!.probing === h },
] as Property[];

describe('a device added again while the deleted struct\'s lock is held', () => {
  it('the deferred worker holding the old c (v5.4): c is added and probed inside its region, and the worker probes nothing of it', () => {
    expect(run(replug, 'v5.4', DEFERRED_WORKER, probes)).toEqual({
      // The C: the worker's driver_probe_device of the old c returns -ENODEV once kobject_del ran,
      // so no probe of the new c starts before its device_pm_add; B6 (the worker's probe of the old
      // c, locked before kobject_del) is still there, and the add still waits while it runs.
      'device-ready': 'holds', 'no-probe-after-del': 'violated',
      'added-under-old-lock': 'reachable', 'new-probed-under-old-lock': 'reachable', 'holder-probes-new': 'unreachable', 'probe-in-left-over': 'unreachable',
    });
  });

  it('the same from v5.9: the worker finds the old c dead (654888327e9f), whoever added it since', () => {
    expect(run(replug, 'v5.9', DEFERRED_WORKER, probes)).toEqual({
      'device-ready': 'holds', 'no-probe-after-del': 'holds',
      'added-under-old-lock': 'reachable', 'new-probed-under-old-lock': 'reachable', 'holder-probes-new': 'unreachable', 'probe-in-left-over': 'unreachable',
    });
  });

  // A registration walk (v4.18: __driver_attach locks the device and probes it if !dev->driver,
  // driver_probe_device's device_is_registered refuses the old struct) that locked the old a.
  it('a registration walk holding the old struct (v4.18): the new struct is added and bound, the walk binds nothing of it', () => {
    const walk: ScenarioSpec = { name: 'walk-old-lock', devices: { a: { present: true } }, drivers: { da: { matches: ['a'], module: 'ma' } },
      actors: { insmod: 'modprobe ma', hot: ['del a', 'add a'] }, properties: ['single-binding', 'no-deadlock'] };
    expect(run(walk, 'v4.18', 'insmod', probes)).toEqual({
      'single-binding': 'holds', 'no-deadlock': 'holds',
      'added-under-old-lock': 'reachable', 'new-probed-under-old-lock': 'reachable', 'holder-probes-new': 'unreachable', 'probe-in-left-over': 'unreachable',
    });
  });
});
