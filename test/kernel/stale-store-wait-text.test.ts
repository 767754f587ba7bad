/**
 * What a bind_store waiting at its device_lock on the deleted struct (common.ts storeLock, s39 h18)
 * says it waits for: that struct's lock and its holder (DevS.oldMutex). Until s39 h19 the text
 * named the holder of the slot's lock, the new struct's, whenever one held it: a deadlock report or
 * a starvation note would blame the wrong thread.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import { STRUCTS, type KS, type KL } from '../../src/kernel/state.js';

const spec: ScenarioSpec = {
  name: 'stale-store-wait-text', buses: { platform: { autoprobe: false } }, devices: { c: {} },
  drivers: { 'c-drv': { matches: ['c'], present: true } },
  // probe holds the deleted struct's lock across the re-add; again locks the new struct's.
  actors: { hotplug: ['add c', 'del c', 'add c'], admin: 'bind c-drv c', probe: 'drivers_probe c', again: 'drivers_probe c' }, properties: ['single-binding'],
};
const LOCK = /^bind_store\(c,c-drv\):device_lock$|^device_driver_attach\(c,c-drv\):device_lock$/;

function run(profile: string) {
  const { model, kernel: k } = buildScenario(structuredClone(spec), profile, '');
  const admin = model.threads.find((t) => t.name === 'admin')!;
  const name = (o: number) => k.threadNames[o - 1]!;
  // admin waits at its lock for the deleted struct's, held by another thread, the new one's held too.
  const waiting = (s: KS, at: string | null, t: KL) => at !== null && LOCK.test(at) && t.gen === (s.dev[0]!.gen + STRUCTS - 1) % STRUCTS
    && s.dev[0]!.oldMutex !== 0 && name(s.dev[0]!.oldMutex) !== 'admin' && s.dev[0]!.mutex !== 0 && s.dev[0]!.mutex !== s.dev[0]!.oldMutex;
  model.properties = [...model.properties,
    { kind: 'invariant', name: 'waits-reached', holds: (s: KS, q) => !waiting(s, q.at('admin'), q.locals('admin') as KL) },
    { kind: 'invariant', name: 'waits-names-old-holder', holds: (s: KS, q) => {
      const at = q.at('admin'), t = q.locals('admin') as KL;
      return !waiting(s, at, t) || admin.steps[at!]!.waits!(s, t).includes(`deleted struct, held by ${name(s.dev[0]!.oldMutex)}`);
    } },
  ] as Property[];
  const r = check(model, { exhaustive: true });
  expect(r.complete).toBe(true);
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

describe("a bind_store waiting for the deleted struct's lock names that lock's holder", () => {
  for (const profile of ['v4.2', 'v4.18', 'v5.4', 'mainline']) {
    it(profile, () => {
      const v = run(profile);
      expect([v['waits-reached'], v['waits-names-old-holder']]).toEqual(['violated', 'holds']);
    });
  }
});
