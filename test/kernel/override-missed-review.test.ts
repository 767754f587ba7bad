/**
 * A review of s36 h10's no-missed-probe change (2026-12-06, s36 h13): a drivers_probe of a device
 * released on purpose owes it the probe of every driver on the bus (bus.c bus_rescan_devices_helper:
 * `if (!dev->driver) ret = device_attach(dev);`), so where a run may unbind a device bound at boot
 * and then write drivers_probe, the property can be violated and the default choice takes it; not
 * where the only drivers_probe comes before the release in the same actor (it finds the device bound).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

const spec = (acts: string[]): ScenarioSpec => ({
  name: 'boot-unbind-drivers-probe',
  devices: { d: { present: true, boundTo: 'x' } },
  drivers: { x: { matches: ['d'], present: true } },
  actors: { admin: acts },
});
const chosen = (s: ScenarioSpec, patch = '') => check(buildScenario(s, 'v5.10', patch).model).properties;

describe('no-missed-probe chosen where a drivers_probe may follow a release', () => {
  it('is chosen, and violated by a patch whose __device_attach leaves the device', () => {
    registerPatchFile('/virtual/review-attach-skips.ts', [definePatch({ id: 'review-attach-skips', subject: 'review-attach-skips', base: 'v5.10', hunks: [
      { fn: '__device_attach', replace: 'check_dead', step: (_site, o) => ({ ...o!, run: () => 'out_unlock' }) }] })]);
    const s = spec(['unbind x d', 'drivers_probe d']);
    expect(chosen(s).find((p) => p.name === 'no-missed-probe')?.verdict).toBe('holds');
    const p = chosen(s, '/virtual/review-attach-skips.ts').find((q) => q.name === 'no-missed-probe');
    expect(p?.verdict).toBe('violated');
    expect(p!.trace!.steps.some((st) => st.label === 'drivers_probe_store(d):bus_rescan_devices_helper')).toBe(true);
  });

  it('is not chosen where the drivers_probe comes before the only release', () => {
    expect(chosen(spec(['drivers_probe d', 'unbind x d'])).map((p) => p.name)).not.toContain('no-missed-probe');
  });
});

// DevS.owed has a bit per matching driver: a device an override store releases (where
// no-missed-probe is checked, here by the default choice) may have 8 at most, and the refusal says
// that the store is the release (it named only "an actor may release it", with no unbind in sight).
describe('a device matched by 9 drivers whose driver_override an actor writes', () => {
  it('is refused where no-missed-probe is checked, naming the store', () => {
    const names = ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i', 'j'];
    const s: ScenarioSpec = { name: 'nine', devices: { d: { present: true } },
      drivers: Object.fromEntries(names.map((n) => [n, { matches: ['d'] }])), actors: { admin: ['override d a', 'register a'] } };
    // Since s38 where a run checks it (Model.selected), not at build.
    expect(() => check(buildScenario(s, 'v5.10', '').model)).toThrow(/matched by 9 drivers and an actor may release it \(its driver_override store, where no-missed-probe is checked/);
    expect(buildScenario({ ...s, properties: ['single-binding'] }, 'v5.10', '').model).toBeDefined();
  });
});

// A device added again is a new struct whose driver_override is NULL (platform.c
// driver_override_store: the string lives in struct platform_device; the old one is freed with the
// old struct). The model keeps the old string's generation (ovrGen) for the old struct's readers,
// and platform_match's load tested it instead of the string: the new struct's reader went on to
// strcmp the old generation, and the new struct's second store (kfree(NULL) in the C) read as
// freeing it. No store here frees a string a reader can hold.
describe('override-uaf of a device added again', () => {
  it("holds: the new struct's reader finds driver_override NULL", () => {
    const s: ScenarioSpec = { name: 'readd-uaf', devices: { d: { present: true } }, drivers: { a: { matches: ['d'] } },
      actors: { admin: ['override d a', 'del d', 'add d', 'override d a'], insmod: 'register a' }, properties: ['override-uaf'] };
    for (const profile of ['v4.2', 'v5.10']) expect(check(buildScenario(s, profile, '').model).properties[0]!.verdict, profile).toBe('holds');
    // A bind_store that found the old struct reads the old string, freed only with that struct
    // (platform_device_release), not by the new struct's store.
    const bind: ScenarioSpec = { ...s, drivers: { a: { matches: ['d'] }, b: { matches: ['d'] } },
      actors: { admin: ['override d b', 'del d', 'add d', 'override d b'], user: ['register a', 'bind a d'] } };
    for (const profile of ['v4.18', 'v6.12']) expect(check(buildScenario(bind, profile, '').model).properties[0]!.verdict, profile).toBe('holds');
    // Both writes to the same struct free the first string: still found.
    const same = { ...s, actors: { admin: ['override d a', 'override d a'], insmod: 'register a' } };
    expect(check(buildScenario(same, 'v5.10', '').model).properties[0]!.verdict).toBe('violated');
  });
});

// override-uaf's premise where the load and the strcmp are one step (OVERRIDE_MATCH_LOCKED,
// mainline) tested ovrGen, which a device added again keeps: a match of the new struct, whose
// driver_override is NULL, met it, and the verdict read holds about no string at all (v6.12, where
// the load is a step of its own, read vacuous).
it('override-uaf is vacuous, not holds, where the only match is of a re-added struct with no string', () => {
  const s: ScenarioSpec = { name: 'readd-premise', devices: { d: { present: true } }, drivers: { a: { matches: ['d'] } },
    actors: { admin: ['override d a', 'override d a', 'del d', 'add d', 'register a'] }, properties: ['override-uaf'] };
  for (const profile of ['v6.12', 'mainline']) expect(check(buildScenario(s, profile, '').model).properties[0]!.verdict, profile).toBe('vacuous');
  // With the string set when the match runs, mainline's locked match meets the premise and holds.
  const set = { ...s, actors: { admin: ['override d a', 'override d a'], insmod: 'register a' } };
  expect(check(buildScenario(set, 'mainline', '').model).properties[0]!.verdict).toBe('holds');
});

// s36 h10's ghost writes of a driver_override store and a drivers_probe (DevS.released/owed) only
// where no-missed-probe is checked (Kernel.missedJudged): elsewhere nothing reads them, and they
// split or merged states (a session differential, 2026-12-06: +11.5% states over 300 random
// override scenarios that do not check it). Since s37 h5 an unbind's release and a walk write them
// only there too: 255 states here (412 before, as before s36), and checking no-missed-probe keeps
// the ghost (295; 344 before s37, when a release cleared what a walk under way owed).
it('a store and a drivers_probe write no-missed-probe ghosts only where it is checked', () => {
  const s: ScenarioSpec = { name: 'ovr-count', devices: { d: { present: true, boundTo: 'x' } }, drivers: { x: { matches: ['d'], present: true }, y: { matches: ['d'] } },
    actors: { admin: ['unbind x d', 'override d y', 'drivers_probe d'], insmod: 'register y' }, properties: ['single-binding'] };
  expect(check(buildScenario(s, 'v5.10', '').model).states).toBe(255);
  const judged = check(buildScenario({ ...s, properties: ['single-binding', 'no-missed-probe'] }, 'v5.10', '').model);
  expect(judged.states).toBe(295);
  expect(judged.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
});
