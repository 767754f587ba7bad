/**
 * A user's patch that moves where device_add links a device into its bus's list (s48 h2): Douglas
 * Anderson's RFC "driver core: Don't link the device to the bus until we're ready to probe"
 * (posted 2026-03-20, <20260320200656.RFC.1.Id750b0fbcc94f23ed04b7aecabcead688d0d8c17@changeid>;
 * base core.c 791f9e444df8) takes klist_add_tail out of bus_add_device and calls a new
 * bus_link_device after device_pm_add, before bus_probe_device. Written with onBus/busRank by
 * hand (the place saved and restored), two devices added at once got one place and the driver's
 * walk skipped one: a false no-missed-probe regression. busLink/busUnlink keep the list's places;
 * a hand-written place two devices share is E203. About 15,500 states in all.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { registerPatchFile, definePatch } from '../../src/kernel/define-patch.js';
import { busLink, busUnlink } from '../../src/kernel/patch-klist.js';

const subject = "driver core: Don't link the device to the bus until we're ready to probe";
registerPatchFile('/virtual/link-late.ts', [definePatch({ id: 'link-late', subject, base: 'v6.12', hunks: [
  { fn: 'device_add', replace: 'bus_add_device', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
    const next = o!.run(s, t, b, c);
    if (next === 'device_pm_add') busUnlink(site, s);
    return next;
  } }) },
  { fn: 'device_add', replace: 'device_pm_add', step: (site, o) => ({ ...o!, run: (s, t, b, c) => { busLink(site, s); return o!.run(s, t, b, c); } }) },
] })]);
registerPatchFile('/virtual/link-late-naive.ts', [definePatch({ id: 'link-late-naive', subject, base: 'v6.12',
  state: { dev: { rank: { type: 'int', max: 15 } } }, hunks: [
    { fn: 'device_add', replace: 'bus_add_device', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
      const next = o!.run(s, t, b, c), d = s.dev[site.dev]! as any;
      if (next === 'device_pm_add') { d.rank = d.busRank; d.onBus = false; d.busRank = 0; }
      return next;
    } }) },
    { fn: 'device_add', replace: 'device_pm_add', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
      const d = s.dev[site.dev]! as any; d.onBus = true; d.busRank = d.rank; return o!.run(s, t, b, c);
    } }) },
  ] })]);

// Unlinked and linked again at once, while the driver's walk holds the node: the C would re-init a node still on the list.
registerPatchFile('/virtual/relink-held.ts', [definePatch({ id: 'relink-held', subject: 'relink a held node', base: 'v6.12', hunks: [
  { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
    busUnlink(site, s); busLink(site, s); return o!.run(s, t, b, c);
  } }) },
] })]);

const twoAdds: ScenarioSpec = {
  name: 'two-adds-vs-register', devices: { da: {}, db: {} },
  drivers: { 'd-drv': { matches: ['da', 'db'], module: 'dmod' } },
  actors: { 'add da': 'add da', 'add db': 'add db', modprobe: 'modprobe dmod' },
  properties: ['device-ready', 'no-missed-probe'],
};
const verdicts = (patches: string) => Object.fromEntries(check(buildScenario(twoAdds, 'v6.12', patches).model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));

describe('a patch that links a device into its bus list later', () => {
  it('written with busLink/busUnlink: the early probe is gone and no device is missed', () => {
    expect(verdicts('')).toEqual({ 'device-ready': 'violated', 'no-missed-probe': 'holds' });
    expect(verdicts('/virtual/link-late.ts')).toEqual({ 'device-ready': 'holds', 'no-missed-probe': 'holds' });
  });
  it('--check-symmetry verifies the zeroed list order with busLink in the patch, not E203 (s48 h7)', () => {
    // The canonical form writes every place of a list no walk can follow any more as 0; the checker
    // runs the patch's steps from it, where the E203 check once blamed the patch. The driver present
    // (no module, no walk of its own) reaches that form in 300 states; twoAdds' 7,000 add nothing here.
    const spec: ScenarioSpec = { name: 'two-adds', devices: { da: {}, db: {} }, drivers: { 'd-drv': { matches: ['da', 'db'], present: true } },
      actors: { 'add da': 'add da', 'add db': 'add db' }, properties: ['single-binding'] };
    const r = check(buildScenario(spec, 'v6.12', '/virtual/link-late.ts').model, { exhaustive: true, symmetry: true, checkSymmetry: true });
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds']);
    expect(r.symmetry?.applied).toBe(true);
    expect(r.symmetry?.check?.failure).toBeUndefined();
    expect(r.symmetry?.check?.pairs).toBeGreaterThan(0);
  });
  it('busLink of a node a walk still holds, dead: E203, not the walk moved to the tail past the other device (s48 h7)', () => {
    const present: ScenarioSpec = { name: 'two-present', devices: { da: { present: true }, db: { present: true } },
      drivers: { 'd-drv': { matches: ['da', 'db'], module: 'dmod' } }, actors: { modprobe: 'modprobe dmod' }, properties: ['no-missed-probe'] };
    expect(() => check(buildScenario(present, 'v6.12', '/virtual/relink-held.ts').model, { exhaustive: true })).toThrow(/busLink: da's node is still on its bus's list, dead .* held by a bus_for_each_dev walk/);
  });
  it('written by hand with a place two devices share: E203 naming both, not a missed probe', () => {
    expect(() => verdicts('/virtual/link-late-naive.ts')).toThrow(/da and db hold one place \(busRank 1\) on the platform bus's list of devices, so a walk of it would skip one: link and unlink a device with busLink\/busUnlink/);
  });
});
