/**
 * A kernel scenario's ghosts follow the properties of the run that checks it (Model.selected), each
 * run from the build's state: a model checked twice (the API's check on one built model, diff's
 * replays on its patched model) keeps nothing of the earlier selection. Until s38 h10
 * no-missed-probe's ghost, once selected, stayed on: a later run naming override-uaf alone
 * counted the states of the earlier selection.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

// B13's register-and-store race (readers.test.ts): no-missed-probe is chosen by default, and its
// ghost (the override store releases d) splits states that override-uaf alone does not.
const spec: ScenarioSpec = { name: 'b13-twice', devices: { d: { present: true } }, drivers: { a: { matches: ['d'] } },
  actors: { insmod: 'register a', admin: ['override d a', 'override d a'] } };
// exhaustive: override-uaf is violated here, and a search that stops there counts alike.
const model = () => buildScenario(spec, 'v4.18', '').model;

describe('a model checked twice', () => {
  it('counts the second run as a fresh build does', () => {
    const alone = check(model(), { properties: ['override-uaf'], exhaustive: true }).states;
    const m = model();
    expect(m.properties.map((p) => p.name)).toContain('no-missed-probe');
    const all = check(m, { exhaustive: true }).states;
    expect(all).toBeGreaterThan(alone);                       // the ghost splits states here
    expect(check(m, { properties: ['override-uaf'], exhaustive: true }).states).toBe(alone);
    expect(check(m, { exhaustive: true }).states).toBe(all);
  });
});
