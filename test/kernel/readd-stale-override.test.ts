/**
 * A driver's registration walk still on the deleted struct's klist node (bus_for_each_dev holds
 * it: the node pins the struct) matches that struct: platform_match reads its driver_override,
 * which no store changes once device_del removed the file (platform.c@torvalds@6c2f42117427
 * platform_match: `if (pdev->driver_override) return !strcmp(pdev->driver_override, drv->name);`).
 * s39 h1 gave a holder of the old struct's lock that string (DevS.oldOvr) and left the walk,
 * which skipped the match as if it matched and went on to the device's locks: one whose old
 * struct's override names another driver returns 0 there in the C (s39 h9).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS, KL } from '../../src/kernel/state.js';
import { walkOnOldStruct } from '../../src/kernel/paths/driver-attach.js';

// The store names c-drv before the del (one actor), so a walk on the old c's node at its match
// finds the old string naming c-drv: other-drv does not match it.
const spec: ScenarioSpec = {
  name: 'stale-walk-override', devices: { c: {} },
  drivers: { 'c-drv': { matches: ['c'], present: true }, 'other-drv': { matches: ['c'] } },
  actors: { hotplug: ['add c', 'override c c-drv', 'del c', 'add c'], insmod: 'register other-drv' }, properties: ['single-binding'],
};
const MATCH = '__driver_attach(c,other-drv):driver_match_device';
// Past the match, on to the locks (to v5.0), device_driver_attach (v5.1 .. v5.19) or the inline lock pair.
const PAST = /^__driver_attach\(c,other-drv\):(device_lock|lock_parent|device_driver_lock)$|^device_driver_attach\(c,other-drv\)/;

describe('a registration walk on the deleted struct\'s klist node matches with that struct\'s driver_override', () => {
  for (const profile of ['v4.2', 'v5.4', 'mainline']) {
    it(`the old string names another driver: no match, no lock (${profile})`, () => {
      const { model, kernel: k } = buildScenario(spec, profile, '');
      const stale = (st: KS, l: KL) => walkOnOldStruct(k, 'insmod', MATCH, st, l, 0);
      model.properties = [...model.properties,
        { kind: 'action', name: 'stale-match-reads-old-override', holds: (b: KS, _a: KS, m, q, qb) => !(m.thread === 'insmod' && m.label === MATCH && stale(b, qb!.locals('insmod') as KL) && PAST.test(q.at('insmod') ?? '')) },
        { kind: 'sometimes', name: 'stale-at-match', holds: (st: KS, q) => q.at('insmod') === MATCH && stale(st, q.locals('insmod') as KL) },
      ] as Property[];
      const r = check(model, { exhaustive: true });
      expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'single-binding': 'holds', 'stale-match-reads-old-override': 'holds', 'stale-at-match': 'reachable' });
    });
  }
});
