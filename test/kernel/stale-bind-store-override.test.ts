/**
 * A sysfs bind_store that looked up a device's struct before the device was deleted and added
 * again. bus_find_device returns, with a reference, the struct whose bus klist node was live at
 * the lookup (bus.c@torvalds@00c4a3c47da7: `while ((dev = next_device(&i))) if (match(dev, data)
 * && get_device(dev)) break;`), and bind_store matches and locks that struct (v5.10.13 and
 * ea34511aaf75: `dev = bus_find_device_by_name(bus, NULL, buf); if (dev && driver_match_device(drv,
 * dev)) err = device_driver_attach(drv, dev);`): platform_match reads its own driver_override
 * (platform.c@torvalds@6c2f42117427), and device_driver_attach locks it, the old struct, waiting
 * for a thread that still holds it. Until s39 h18 the model's store matched with the new struct's
 * string and took no old lock.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS, KL } from '../../src/kernel/state.js';

const spec = (hotplug: string[], probe: boolean, boot = false): ScenarioSpec => ({
  name: 'stale-bind-store-override', devices: { c: {} },
  // `boot`: c-drv registered at boot, no autoprobe (only the store and drivers_probe bind; no registration walk).
  ...(boot ? { buses: { platform: { autoprobe: false } } } : {}),
  drivers: { 'c-drv': { matches: ['c'], present: boot }, 'other-drv': { matches: ['c'] } },
  actors: { hotplug, ...(boot ? {} : { insmod: 'register c-drv' }), admin: 'bind c-drv c', ...(probe ? { probe: 'drivers_probe c' } : {}) }, properties: ['single-binding'],
});
const MATCH = /^bind_store\(c,c-drv\):(driver_match_device|strcmp)$/;
// Past the match: to the locks (bind_store's own to v5.0, device_driver_attach's from v5.1).
const PAST = /^bind_store\(c,c-drv\):(lock_parent|device_lock)$|^device_driver_attach\(c,c-drv\)/;

const LOCK = /^bind_store\(c,c-drv\):device_lock$|^device_driver_attach\(c,c-drv\):device_lock$/;

function run(hotplug: string[], profile: string, probe = false, boot = false) {
  const { model, kernel: k } = buildScenario(spec(hotplug, probe, boot), profile, '');
  const admin = k.threadNames.indexOf('admin') + 1;
  const stale = (st: KS, l: KL) => l.gen !== st.dev[0]!.gen;
  const passes = (b: KS, m: { thread: string; label: string }, l: KL, after: string | null) => m.thread === 'admin' && MATCH.test(m.label) && stale(b, l) && PAST.test(after ?? '');
  model.properties = [...model.properties,
    // A match step on the old struct that goes on to the locks.
    { kind: 'action', name: 'stale-match-passes', holds: (b: KS, _a: KS, m, q, qb) => !passes(b, m, qb!.locals('admin') as KL, q.at('admin')) },
    // The same where the new struct's driver_override names other-drv (the model read that one until s39 h18).
    { kind: 'action', name: 'passes-new-names-other', holds: (b: KS, _a: KS, m, q, qb) => !(passes(b, m, qb!.locals('admin') as KL, q.at('admin')) && b.dev[0]!.ovrDrv === 2) },
    // The store's lock step on the old struct, done while another thread holds that struct's lock.
    { kind: 'action', name: 'passes-held-old-lock', holds: (b: KS, _a: KS, m, _q, qb) => !(m.thread === 'admin' && LOCK.test(m.label) && stale(b, qb!.locals('admin') as KL) && b.dev[0]!.oldMutex !== 0 && b.dev[0]!.oldMutex !== admin) },
    // The store takes the deleted struct's lock after the re-add (DevS.oldMutex: 0 -> the store).
    { kind: 'action', name: 'stale-lock-taken', holds: (b: KS, a: KS, m) => !(m.thread === 'admin' && b.dev[0]!.oldMutex === 0 && a.dev[0]!.oldMutex === admin) },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  expect(r.complete).toBe(true);
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe('a bind_store that found the deleted struct matches and locks that struct', () => {
  for (const profile of ['v4.14', 'v5.4', 'mainline']) {
    it(`old string names another driver: no match, no lock (${profile})`, () => {
      const v = run(['add c', 'override c other-drv', 'del c', 'add c'], profile);
      // Its lock on the old struct after a match while that struct was the slot's.
      expect([v['stale-match-passes'], v['passes-new-names-other'], v['stale-lock-taken']]).toEqual(['holds', 'holds', 'violated']);
    });
    it(`old string NULL, the new one names another driver: the store goes on and locks the old struct (${profile})`, () => {
      const v = run(['add c', 'del c', 'add c', 'override c other-drv'], profile);
      expect([v['stale-match-passes'], v['passes-new-names-other'], v['stale-lock-taken']]).toEqual(['violated', 'violated', 'violated']);
    });
    it(`the store waits for the holder of the deleted struct's lock (${profile})`, () => {
      const v = run(['add c', 'del c', 'add c'], profile, true);
      expect([v['passes-held-old-lock'], v['stale-lock-taken']]).toEqual(['holds', 'violated']);
    });
  }
  // Two re-adds: the store still holds the first struct (other-drv) at its match, drivers_probe the
  // second's lock. The model keeps one old string per device (DevS.oldOvr).
  const twice = (second: string) => ['add c', 'override c other-drv', 'del c', 'add c', `override c ${second}`, 'del c', 'add c'];
  for (const profile of ['v5.4', 'mainline']) {
    it(`two old structs' strings differ: E207 names the store and both strings (${profile})`, () => {
      let err: unknown;
      try { run(twice('c-drv'), profile, true, true); } catch (e) { err = e; }
      expect((err as { code?: string }).code).toBe('E207');
      expect((err as Error).message).toMatch(/while probe holds the lock of its deleted struct device, whose driver_override is 'c-drv', and admin \(at bind_store\(c,c-drv\):(driver_match_device|strcmp)\), which looked it up, holds an older one, whose driver_override is 'other-drv'/);
    });
  }
  it('two old structs with the same string: the search goes on, the store on either matches none (v5.4)', () => {
    const v = run(twice('other-drv'), 'v5.4', true, true);
    expect([v['stale-match-passes'], v['passes-new-names-other']]).toEqual(['holds', 'holds']);
  });
});
