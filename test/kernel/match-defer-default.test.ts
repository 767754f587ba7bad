/**
 * s40 h11: 145c657 left no-lost-deferral unchosen by default for a match deferral a hunk of yours
 * may end (matchYours) alone, but a run that chose it for another reason (a driver that needs
 * something) still owed that deferral a retry: 25e9fbf0fd38 backported by hand to v5.10 (the
 * match's add, then return: the upstream fix, which keeps pl011 deferred) beside dc-drv, which
 * needs clk, read violated by default, where a7c856e held. The deferral is judged only in a run
 * that names the property (--property, a suite's expect, the scenario's `properties`).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, RETURN, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

const file = '/virtual/h11-ret-default.ts';
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (_site: unknown, o: any) => ({ ...o, run: (s: any, t: any, b: any, c: any) => { o.run(s, t, b, c); return RETURN; } }) });
registerPatchFile(file, [definePatch({ id: 'ret', subject: 'driver core: return after a match that defers', base: 'v5.10', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach')] })]);
const spec: ScenarioSpec = { name: 'amba-needs', devices: { pl011: { matchDefers: true }, clk: {}, dc: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, 'clk-drv': { matches: ['clk'], present: true }, 'dc-drv': { matches: ['dc'], needs: ['clk'], present: true } },
  // clk and dc in one actor, dc first: the same verdicts at 2,116 states (three actors, one device each, 32,475).
  actors: { hotplug: 'add pl011', other: ['add dc', 'add clk'] } };
const run = (s: ScenarioSpec, properties?: string[]) => {
  const r = check(buildScenario(s, 'v5.10', file).model, properties ? { properties } : {});
  return { verdict: r.properties.find((p) => p.name === 'no-lost-deferral')?.verdict, notes: (r.notes ?? []).filter((n) => n.includes('no-lost-deferral')) };
};

describe('a match deferral of yours where no-lost-deferral is chosen for another reason', () => {
  it('is not judged by default, and a note says so', () => {
    const r = run(spec);
    expect(r.verdict).toBe('holds');
    expect(r.notes).toEqual([expect.stringMatching(/^no-lost-deferral, chosen by default for another reason, does not judge the bus match's deferral of 'pl011'/)]);
  });
  it('is judged where the run or the scenario names the property', () => {
    expect(run(spec, ['no-lost-deferral'])).toEqual({ verdict: 'violated', notes: [] });
    expect(run({ ...spec, properties: ['no-lost-deferral'] })).toEqual({ verdict: 'violated', notes: [] });
  });
});
