/**
 * no-missed-probe's ghosts (DevS.released, owed, walkPending: src/kernel/paths/owed.ts), s37 h5:
 * - written only where the property is checked (chosen, or named later: the optional path), so a
 *   run that does not check it has the states it had before the ghosts existed;
 * - a probe attempt under way when the device is released owes it a probe once it reaches it:
 *   a driver's registration walk that has yet to pass it, and a __device_attach (the deferred
 *   worker's retry, a drivers_probe) that finds it unbound under its lock. Both read "not judged"
 *   until s37: a missed probe there read holds.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';
import type { Property } from '../../src/engine/model.js';
import type { KS } from '../../src/kernel/state.js';

// An invariant over the raw state: every ghost of no-missed-probe is still its initial value.
const constant: Property = { kind: 'invariant', name: 'ghosts-constant', holds: (s: KS) => s.dev.every((d) => !d.released && d.owed === 0 && (d.walkPending ?? 0) === 0) };
const withGhostCheck = (spec: ScenarioSpec) => { const m = buildScenario(spec, 'v5.10', '').model; m.properties = [...(m.properties ?? []), constant]; return m; };
const verdicts = (r: ReturnType<typeof check>) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));

describe('the ghosts where no-missed-probe is not checked', () => {
  // An unbind (a release), a registration walk and a drivers_probe of the released device.
  const spec: ScenarioSpec = { name: 'ghost-cost', devices: { d: { present: true, boundTo: 'x' } }, drivers: { x: { matches: ['d'], present: true }, y: { matches: ['d'] } },
    actors: { admin: ['unbind x d', 'drivers_probe d'], insmod: 'register y' }, properties: ['single-binding'] };

  it('stay constant, and are written once the property is named (optional) or chosen', () => {
    const off = check(withGhostCheck(spec));
    expect(verdicts(off)).toEqual({ 'single-binding': 'holds', 'ghosts-constant': 'holds' });
    const named = check(withGhostCheck(spec), { properties: ['single-binding', 'no-missed-probe', 'ghosts-constant'] });
    expect(verdicts(named)['ghosts-constant']).toBe('violated');
    const chosen = check(withGhostCheck({ ...spec, properties: ['single-binding', 'no-missed-probe'] }));
    expect(verdicts(chosen)['ghosts-constant']).toBe('violated');
    // Named or chosen, the same verdicts on the same graph; the other property's verdict is the same without it.
    expect(verdicts(named)['no-missed-probe']).toBe(verdicts(chosen)['no-missed-probe']);
    expect(named.states).toBe(chosen.states);
    expect(verdicts(named)['single-binding']).toBe(verdicts(off)['single-binding']);
  });

  // DevS.owed has a bit per matching driver: 9 drivers are refused only where the property is checked.
  it('let a device matched by 9 drivers be unbound where the property is not checked, and refuse it where it is', () => {
    const names = ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i', 'j'];
    const nine: ScenarioSpec = { name: 'nine-unbind', devices: { d: { present: true, boundTo: 'a' } },
      drivers: Object.fromEntries(names.map((n) => [n, { matches: ['d'], present: true }])), actors: { admin: ['unbind a d'] }, properties: ['single-binding'] };
    expect(check(buildScenario(nine, 'v5.10', '').model).properties[0]!.verdict).toBe('holds');
    expect(() => check(buildScenario(nine, 'v5.10', '').model, { properties: ['single-binding', 'no-missed-probe'] }))
      .toThrow(/matched by 9 drivers and an actor may release it; where no-missed-probe is checked, at most 8 drivers/);
  });
});

describe('a probe attempt under way at the release', () => {
  // v4.2 .. v5.0 schedule an async driver's whole walk (bus_add_driver: async_schedule(driver_attach_async)):
  // `register y` returns before the walk runs, so the unbind after it always comes after the walk started.
  // A patch whose __driver_attach never probes leaves d unbound beside y on the bus, once the
  // walk reaches d after the unbind: a miss (until s37 the release cleared what the walk owed: holds).
  it("a registration walk that reaches the device after it owes it a probe", () => {
    registerPatchFile('/virtual/ghost-attach-never-probes.ts', [definePatch({ id: 'ghost-attach-never-probes', subject: 'ghost-attach-never-probes', base: 'v4.14', hunks: [
      { fn: '__driver_attach', replace: 'device_lock', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { o!.run!(s, t, b, c); return 'device_unlock'; } }) }] })]);
    const s: ScenarioSpec = { name: 'walk-before-release', devices: { d: { present: true, boundTo: 'x' } },
      drivers: { x: { matches: ['d'], present: true }, y: { matches: ['d'], probeType: 'async' } },
      actors: { admin: ['register y', 'unbind x d'] }, properties: ['no-missed-probe'] };
    const p = check(buildScenario(s, 'v4.14', '/virtual/ghost-attach-never-probes.ts').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    // The walk is the async entry's, run after the unbind.
    const labels = p.trace!.steps.map((st) => st.label);
    expect(labels.findIndex((l) => l.includes('__device_release_driver'))).toBeLessThan(labels.findIndex((l) => l.includes('__driver_attach(d,y)')));
    // Without the patch the walk probes it.
    expect(check(buildScenario(s, 'v4.14', '').model).properties[0]!.verdict).toBe('holds');
  });

  // A walk that never starts owes nothing: a patch whose bus_add_driver skips driver_attach, with
  // the unbind after the registration returned. (walkPending was set where bus_add_driver decides
  // to walk, in a draft of s37 h5, and stayed set: the unbind then owed y, a false violation.)
  it('a registration that never walks owes nothing to a device released after it', () => {
    registerPatchFile('/virtual/ghost-no-walk.ts', [definePatch({ id: 'ghost-no-walk', subject: 'ghost-no-walk', base: 'v5.10', hunks: [
      { fn: 'bus_add_driver', replace: 'klist_add_tail', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { const r = o!.run!(s, t, b, c); return r === '@return' ? r : 'add_bind_files'; } }) }] })]);
    const s: ScenarioSpec = { name: 'no-walk', devices: { d: { present: true, boundTo: 'x' } },
      drivers: { x: { matches: ['d'], present: true }, y: { matches: ['d'] } },
      actors: { admin: ['register y', 'unbind x d'] }, properties: ['no-missed-probe'] };
    expect(check(buildScenario(s, 'v5.10', '/virtual/ghost-no-walk.ts').model).properties[0]!.verdict).not.toBe('violated');
  });

  // y's walk after the unbind owes d y's probe, which defers for s; sd's bind of s triggers the
  // deferred worker, whose retry (__device_attach, dev->driver NULL under the lock) tries every
  // driver on the bus, x first. A patch whose __device_attach walks no driver leaves d unbound, and
  // once s is unbound again only x could bind it: a miss (until s37 the retry owed nothing: holds).
  it("the deferred worker's retry owes it the probe of every driver on the bus", () => {
    registerPatchFile('/virtual/ghost-attach-skips.ts', [definePatch({ id: 'ghost-attach-skips', subject: 'ghost-attach-skips', base: 'v5.10', hunks: [
      { fn: '__device_attach', replace: 'check_dead', step: (_site, o) => ({ ...o!, run: () => 'out_unlock' }) }] })]);
    const s: ScenarioSpec = { name: 'retry-after-release', devices: { d: { present: true, boundTo: 'x' }, s: { present: true } },
      drivers: { x: { matches: ['d'], present: true }, y: { matches: ['d'], needs: ['s'] }, sd: { matches: ['s'] } },
      actors: { admin: ['unbind x d', 'register y', 'register sd', 'unbind sd s'] }, properties: ['no-missed-probe'] };
    const p = check(buildScenario(s, 'v5.10', '/virtual/ghost-attach-skips.ts').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.trace!.steps.some((st) => st.thread.includes('deferred_probe_work_func') && st.label.startsWith('__device_attach(d)'))).toBe(true);
    expect(check(buildScenario(s, 'v5.10', '').model).properties[0]!.verdict).toBe('holds');
  });
});
