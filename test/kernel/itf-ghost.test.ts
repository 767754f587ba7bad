/**
 * --itf rebuilds a counterexample's states on a fresh build of its model: told the properties the
 * run checked (Model.selected), as the search was, so a kernel scenario's ghosts are the search's.
 * Until s38 h10 the fresh build was told nothing, and since the ghosts follow the properties checked
 * (s38 h4), no-missed-probe's were never written there: its counterexample showed the device never
 * released and owed nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { itfTrace } from '../../src/report/itf.js';

// B13's register-and-store race (readers.test.ts): under no-missed-probe (chosen by default) a
// driver_override store releases d (DevS.released).
const spec: ScenarioSpec = { name: 'b13-itf', devices: { d: { present: true } }, drivers: { a: { matches: ['d'] } },
  actors: { insmod: 'register a', admin: ['override d a', 'override d a'] } };
const model = () => buildScenario(spec, 'v4.18', '').model;

describe('an ITF trace of a kernel scenario', () => {
  it('keeps the ghosts of the properties the run checked', () => {
    const r = check(model());
    const p = r.properties.find((x) => x.name === 'override-uaf')!;
    expect(p.verdict).toBe('violated');
    const released = (checked?: string[]) => itfTrace(model(), p.name, p.trace!.moves, p.trace!.loopFrom, checked).states.some((s) => s['dev[d].released'] === true);
    expect(released(r.properties.map((x) => x.name))).toBe(true);
    expect(released()).toBe(false);               // override-uaf alone keeps no ghost
  });
});
