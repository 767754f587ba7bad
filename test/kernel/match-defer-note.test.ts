/**
 * s40 h11: the note that no-lost-deferral is not chosen by default for a match deferral a hunk of
 * yours may end (145c657) was made at build, so a run that named the property (--property, a
 * suite's expect, the API's properties) was told it was not chosen and to name it, beside its
 * verdict. It is kept only where the run does not check the property, and a scenario that lists
 * its own properties is not told of a default choice.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, RETURN, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

// 25e9fbf0fd38 backported by hand to v5.10: return after the match's driver_deferred_probe_add, both walks.
const file = '/virtual/h11-ret.ts';
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (_site: unknown, o: any) => ({ ...o, run: (s: any, t: any, b: any, c: any) => { o.run(s, t, b, c); return RETURN; } }) });
registerPatchFile(file, [definePatch({ id: 'ret', subject: 'driver core: return after a match that defers', base: 'v5.10', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach')] })]);
const spec: ScenarioSpec = { name: 'amba-clk', devices: { pl011: { matchDefers: true }, clk: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, 'clk-drv': { matches: ['clk'], present: true } },
  actors: { hotplug: 'add pl011', other: 'add clk' } };
const notes = (s: ScenarioSpec, properties?: string[]) => (check(buildScenario(s, 'v5.10', file).model, properties ? { properties } : {}).notes ?? []).filter((n) => n.includes('no-lost-deferral'));

describe("the note on a match deferral of yours", () => {
  it('is there where the run does not check no-lost-deferral', () => {
    expect(notes(spec)).toEqual([expect.stringMatching(/^no-lost-deferral is not chosen by default for the bus match's deferral of 'pl011'/)]);
    expect(notes(spec, ['no-missed-probe'])).toHaveLength(1);
  });
  it('is not there where the run names it, and comes back in a later run of the same model that does not', () => {
    const m = buildScenario(spec, 'v5.10', file).model;
    expect((check(m, { properties: ['no-lost-deferral'] }).notes ?? []).filter((n) => n.includes('no-lost-deferral'))).toEqual([]);
    expect((check(m, {}).notes ?? []).filter((n) => n.includes('no-lost-deferral'))).toHaveLength(1);
  });
  it("does not speak of a default choice to a scenario that lists its properties", () => {
    expect(notes({ ...spec, properties: ['no-missed-probe'] })).toEqual([expect.stringMatching(/^no-lost-deferral, not among the scenario's properties, does not judge/)]);
  });
});
