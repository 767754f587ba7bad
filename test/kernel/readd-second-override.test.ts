/**
 * A second re-add (del, add, del, add) of a device with a driver_override while a driver's
 * registration walk still holds the first deleted struct's klist node and a drivers_probe holds
 * the second deleted struct's lock. In the C each struct device has its own driver_override and
 * platform_match reads the struct it is given (platform.c@torvalds@6c2f42117427 and v4.19.y,
 * which v5.4 reads: `if (pdev->driver_override) return !strcmp(pdev->driver_override, drv->name);`):
 * the walk matches with the first struct's string, the holder with the second's. The model keeps
 * one old string per device (DevS.oldOvr); until s39 h17 the second add wrote the holder's over
 * the walk's, and the walk matched other-drv with the second struct's string (a wrong state). Now
 * the search stops there (E207) where the two differ, and goes on where they are the same.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS, KL } from '../../src/kernel/state.js';
import { walkOnOldStruct } from '../../src/kernel/paths/driver-attach.js';

const spec = (second: string): ScenarioSpec => ({
  name: 'second-readd-override', devices: { c: {} },
  drivers: { 'c-drv': { matches: ['c'], present: true }, 'other-drv': { matches: ['c'] } },
  actors: { hotplug: ['add c', 'override c c-drv', 'del c', 'add c', `override c ${second}`, 'del c', 'add c'], insmod: 'register other-drv', probe: 'drivers_probe c' }, properties: ['single-binding'],
});
const MATCH = '__driver_attach(c,other-drv):driver_match_device';
// Past the match, on to the locks (to v5.0), device_driver_attach (v5.1 .. v5.19) or the inline lock pair.
const PAST = /^__driver_attach\(c,other-drv\):(device_lock|lock_parent|device_driver_lock)$|^device_driver_attach\(c,other-drv\)/;

function run(second: string, profile: string) {
  const { model, kernel: k } = buildScenario(spec(second), profile, '');
  const stale = (st: KS, l: KL) => walkOnOldStruct(k, 'insmod', MATCH, st, l, 0);
  model.properties = [...model.properties,
    // Both old structs' strings name c-drv (the same-string case): a walk on an old node never matches other-drv.
    { kind: 'action', name: 'stale-walk-no-match', holds: (b: KS, _a: KS, m, q, qb) => !(m.thread === 'insmod' && m.label === MATCH && stale(b, qb!.locals('insmod') as KL) && PAST.test(q.at('insmod') ?? '')) },
    // The walk on the first old node while the second old struct's lock is held: the refused case's premise.
    { kind: 'sometimes', name: 'walk-and-holder', holds: (st: KS, q) => q.at('insmod') === MATCH && stale(st, q.locals('insmod') as KL) && st.dev[0]!.oldMutex !== 0 },
  ] as Property[];
  return check(model, { exhaustive: true });
}

describe('a second re-add keeps the walks\' old driver_override or stops (E207)', () => {
  for (const profile of ['v4.2', 'v5.4', 'mainline']) {
    it(`the second struct's string differs: E207 names both strings (${profile})`, () => {
      let err: unknown;
      try { run('other-drv', profile); } catch (e) { err = e; }
      expect((err as { code?: string }).code).toBe('E207');
      expect((err as Error).message).toMatch(/device 'c' is added again while probe holds .*'other-drv'.*'c-drv': the model keeps one old driver_override per device/);
    });
  }
  it('the same string in both: the search goes on, the walk on the first node matches none (v5.4)', () => {
    const r = run('c-drv', 'v5.4');
    expect(r.complete).toBe(true);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'single-binding': 'holds', 'stale-walk-no-match': 'holds', 'walk-and-holder': 'reachable' });
  });
});
