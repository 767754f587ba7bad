/**
 * A default-chosen property's ghosts, and the E601 refusals of what they cannot hold (a device
 * matched by 9 drivers that an actor may release: no-missed-probe's owed; a 9th driver that may
 * defer or probe asynchronously: no-lost-deferral's deferBy, async-handover's asked), follow the
 * properties a run checks (Model.selected), not the default choice. Until s38 the choice refused
 * the scenario at build, and kept no-missed-probe's ghost, in a run that named other properties.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import type { Property } from '../../src/engine/model.js';
import type { KS } from '../../src/kernel/state.js';

const nine = ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i', 'j'];
const verdicts = (r: ReturnType<typeof check>) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));

describe('a refusal for a default-chosen property', () => {
  // d, bound to a at boot, matched by 9 drivers: its unbind beside j's registration chooses no-missed-probe by default.
  const unbind: ScenarioSpec = { name: 'nine-unbind-default', devices: { d: { present: true, boundTo: 'a' } },
    drivers: Object.fromEntries(nine.map((n) => [n, { matches: ['d'], present: n !== 'j' }])), actors: { admin: ['unbind a d'], insmod: 'register j' } };

  it('is made where the run checks it', () => {
    const m = buildScenario(unbind, 'v5.10', '').model;
    expect(m.properties.map((p) => p.name)).toContain('no-missed-probe');
    expect(() => check(m)).toThrow(/device 'd' is matched by 9 drivers and an actor may release it; where no-missed-probe is checked/);
  });

  it('is not made, and the ghost is not kept, where the run names other properties', () => {
    const m = buildScenario(unbind, 'v5.10', '').model;
    const constant: Property = { kind: 'invariant', name: 'ghosts-constant', holds: (s: KS) => s.dev.every((d) => !d.released && d.owed === 0 && d.walkPending === 0) };
    m.optional = { ...m.optional, 'ghosts-constant': () => constant };
    expect(verdicts(check(m, { properties: ['single-binding', 'ghosts-constant'] }))).toEqual({ 'single-binding': 'holds', 'ghosts-constant': 'holds' });
  });

  it("a 9th driver that may probe asynchronously: async-handover's refusal follows the run too", () => {
    const xy = { x: { matches: ['d'], probeType: 'async' as const }, y: { matches: ['d'], probeType: 'async' as const } };
    const s: ScenarioSpec = { name: 'nine-async-default', devices: { d: { present: true } },
      drivers: { ...Object.fromEntries(nine.slice(0, 8).map((n) => [n, { matches: ['d'] }])), ...xy }, actors: { a: 'register x', b: 'register y' } };
    const m = buildScenario(s, 'v5.19', '').model;
    expect(m.properties.map((p) => p.name)).toContain('async-handover');
    expect(() => check(m)).toThrow(/where async-handover is checked/);
    expect(verdicts(check(buildScenario(s, 'v5.19', '').model, { properties: ['single-binding'] }))).toEqual({ 'single-binding': 'holds' });
  });
});
