/**
 * A device added again while a thread holding the deleted struct's &dev->mutex has passed
 * driver_probe_device's registered check (before kobject_del) and not yet entered really_probe
 * (s39 h1). Nothing in the C makes device_add of the new struct wait for it: the holder goes on on
 * the old struct, whose driver_sysfs_add fails once kobject_del has cleared its kobj->sd
 * (sysfs_create_link's target: -ENOENT), so really_probe goes to probe_failed, `dev->driver = NULL`,
 * `ret = 0` (dd.c@torvalds@97e2551de3f9:522-636, v5.4). Until s39 the model's add waited from the
 * check (DevS.probeIn), and the new struct's add and probe inside that window were never explored.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, RETURN, type Property, type ScenarioSpec } from 'probecheck';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import type { KS } from '../../src/kernel/state.js';
import { DEFERRED_WORKER } from '../../src/kernel/paths/deferred-probe.js';

// The deferred worker's retry of c (no dead test in __device_attach before 654888327e9f) locks the
// old c after device_del released its driver and passes the registered check before kobject_del.
const replug: ScenarioSpec = {
  name: 'worker-before-really-probe', devices: { c: {}, s: {} },
  drivers: { 'c-drv': { matches: ['c'], needs: ['s'], present: true }, 's-drv': { matches: ['s'], present: true } },
  actors: { hotplug: ['add c', 'del c', 'add c'], 'hotplug s': 'add s' }, properties: ['device-ready', 'no-probe-after-del', 'single-binding'],
};
const callProbe = /^really_probe\(c,c-drv\):call_probe$/;

function run(profile: string) {
  const model = buildScenario(replug, profile, '').model;
  const h = model.threads.findIndex((t) => t.name === DEFERRED_WORKER) + 1;
  expect(h).toBeGreaterThan(0);
  model.properties = [...model.properties,
    // The new c (device 0's slot) bound while the worker, holding the old c's lock, is still at
    // really_probe's first step of the old c.
    { kind: 'sometimes', name: 'new-bound-before-old-sysfs-add', holds: (st: KS, q) => st.dev[0]!.oldMutex === h && st.dev[0]!.bound && callProbe.test(q.at(DEFERRED_WORKER) ?? '') },
    { kind: 'sometimes', name: 'holder-probes-new', holds: (st: KS) => st.dev[0]!.oldMutex === h && st.dev[0]!.probing === h },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  return { verdicts: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), witness: r.properties.find((p) => p.name === 'new-bound-before-old-sysfs-add')!.witness };
}

describe('a device added again while the old struct\'s holder is between the registered check and really_probe', () => {
  for (const profile of ['v4.18', 'v5.4']) {
    it(`the worker's driver_sysfs_add of the old c fails; the new c is added and bound meanwhile (${profile})`, () => {
      const { verdicts, witness } = run(profile);
      expect(verdicts).toEqual({
        // B6 (the worker's probe of the old c past driver_sysfs_add before kobject_del) is still
        // there; the worker's call_probe after the re-add writes nothing of the new c (without its
        // heldOld branch device-ready and single-binding read violated and holder-probes-new reachable).
        'device-ready': 'holds', 'no-probe-after-del': 'violated', 'single-binding': 'holds',
        'new-bound-before-old-sysfs-add': 'reachable', 'holder-probes-new': 'unreachable',
      });
      // The order the wait hid: the worker's check of the old c, kobject_del, then the re-add.
      const moves = witness!.moves.map((m) => `${m.thread}: ${m.label}`);
      const check = moves.indexOf(`${DEFERRED_WORKER}: driver_probe_device(c,c-drv):check`), del = moves.indexOf('hotplug: device_del(c):kobject_del');
      const readd = moves.indexOf('hotplug: device_add(c)#2:bus_add_device');
      expect(check).toBeGreaterThanOrEqual(0);
      expect(check < del && del < readd).toBe(true);
      expect(moves.slice(check).some((m) => m.startsWith(`${DEFERRED_WORKER}: really_probe(c,`))).toBe(false);
    });
  }

  // probeIn is counted at call_probe now: a user's hunk that replaces that step without running it
  // counts nothing, and the return must not take the count below 0 (a state-range error otherwise).
  it("a user's call_probe that never runs the library's step leaves probeIn at 0", () => {
    registerPatchFile('/virtual/skip-call-probe.ts', [definePatch({ id: 'skip-call-probe', subject: 'probe nothing', base: 'v5.4',
      hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_site, o) => ({ ...o!, run: (_s: KS, t) => { t.ret = 0; return RETURN; } }) }] })]);
    const r = check(buildScenario({ ...replug, properties: ['device-ready'] }, 'v5.4', '/virtual/skip-call-probe.ts').model, { exhaustive: true });
    expect(r.complete).toBe(true);
  });

  it('from v5.9 the worker finds the old c dead (654888327e9f) and never reaches really_probe', () => {
    expect(run('v5.9').verdicts).toEqual({
      'device-ready': 'holds', 'no-probe-after-del': 'holds', 'single-binding': 'holds',
      'new-bound-before-old-sysfs-add': 'unreachable', 'holder-probes-new': 'unreachable',
    });
  });
});

// (c) A device with a driver_override: the holder's platform_match reads the struct it was given,
// the old one (`if (pdev->driver_override) return !strcmp(pdev->driver_override, drv->name);`,
// platform.c@torvalds@6c2f42117427 platform_match), whose string only that struct's release frees.
// Until s39 the add waited for any holder of the old lock of such a device.
const overridden = (writes: string[]): ScenarioSpec => ({
  name: 'worker-old-override', devices: { c: {}, s: {} },
  drivers: { 'c-drv': { matches: ['c'], needs: ['s'], present: true }, 'other-drv': { matches: ['c'], needs: ['s'], present: true }, 's-drv': { matches: ['s'], present: true } },
  actors: { hotplug: ['add c', 'override c other-drv', 'del c', 'add c', ...writes], 'hotplug s': 'add s' }, properties: ['device-ready', 'single-binding', 'override-uaf'],
});

function runOverride(spec: ScenarioSpec, profile: string) {
  const model = buildScenario(spec, profile, '').model;
  const h = model.threads.findIndex((t) => t.name === DEFERRED_WORKER) + 1;
  const at = (q: { at(n: string): string | null }, re: RegExp) => re.test(q.at(DEFERRED_WORKER) ?? '');
  model.properties = [...model.properties,
    { kind: 'sometimes', name: 'added-under-old-lock', holds: (st: KS) => st.dev[0]!.oldMutex === h && st.dev[0]!.registered },
    // The old c's string names other-drv: the holder's c-drv match fails, other-drv's passes
    // (reading the new c's, NULL, c-drv would match too).
    { kind: 'sometimes', name: 'holder-matched-c-drv', holds: (st: KS, q) => st.dev[0]!.oldMutex === h && at(q, /^driver_probe_device\(c,c-drv\)/) },
    { kind: 'sometimes', name: 'holder-matched-other-drv', holds: (st: KS, q) => st.dev[0]!.oldMutex === h && at(q, /^driver_probe_device\(c,other-drv\)/) },
  ] as Property[];
  return Object.fromEntries(check(model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));
}

describe('a device with a driver_override added again while the deleted struct\'s lock is held', () => {
  it('the holder matches with the old struct\'s driver_override; the add goes on (v5.4)', () => {
    expect(runOverride(overridden([]), 'v5.4')).toEqual({
      'device-ready': 'holds', 'single-binding': 'holds', 'override-uaf': 'vacuous',
      'added-under-old-lock': 'reachable', 'holder-matched-c-drv': 'unreachable', 'holder-matched-other-drv': 'reachable',
    });
  });

  it('a store to the new struct frees nothing the holder reads: override-uaf holds (v4.18)', () => {
    // The second write (the new c's first) frees the new c's NULL; the holder strcmp()s the old string.
    expect(runOverride(overridden(['override c other-drv']), 'v4.18')).toEqual({
      'device-ready': 'holds', 'single-binding': 'holds', 'override-uaf': 'holds',
      'added-under-old-lock': 'reachable', 'holder-matched-c-drv': 'unreachable', 'holder-matched-other-drv': 'reachable',
    });
  });
});
