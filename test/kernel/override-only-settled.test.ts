/**
 * s40 h9: the default choice's "supplier bound for sure before the consumer's probe" premises
 * (properties.ts settledBefore, walkSettled) took a driver that matches the supplier only through
 * a driver_override (DevInfo.byOverride, s40 h7) as one whose walk or device_add binds it. It binds
 * only once a store named it, and the store probes nothing (platform.c driver_override_store): here
 * s is never bound, c's driver defers for it and c is listed, and deferred-lists was left out as if
 * c never could be. Where x matches s by ID, s is bound before c's probe and it stays out.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const chosen = (s: ScenarioSpec) => check(buildScenario(s, 'v5.10', '').model).properties.map((p) => `${p.name}=${p.verdict}`);
const byId = (s: ScenarioSpec): ScenarioSpec => ({ ...s, drivers: { ...s.drivers, x: { ...s.drivers.x!, matches: ['s'] } } });

// walkSettled: s present at boot, x registered by the actor that then writes the override.
const walk: ScenarioSpec = { name: 'walk-settled', devices: { s: { present: true }, c: { present: true } },
  drivers: { x: { matches: [] }, cd: { matches: ['c'], needs: ['s'] } }, actors: { a: ['register x', 'override s x', 'register cd'] } };
// settledBefore: s added by the actor, x built in, the override written last.
const add: ScenarioSpec = { name: 'add-settled', devices: { s: {}, c: {} },
  drivers: { x: { matches: [], present: true }, cd: { matches: ['c'], needs: ['s'], present: true } }, actors: { a: ['add s', 'add c', 'override s x'] } };

describe('a supplier whose only driver matches it through a driver_override is not bound for sure', () => {
  it('chooses deferred-lists, and it is met (holds, not vacuous)', () => {
    for (const s of [walk, add]) expect(chosen(s), s.name).toContain('deferred-lists=holds');
  });
  it('where x matches s by ID, s is bound first and deferred-lists stays out', () => {
    for (const s of [walk, add]) expect(chosen(byId(s)).some((p) => p.startsWith('deferred-lists')), s.name).toBe(false);
  });
});
