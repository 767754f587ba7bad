/**
 * no-missed-probe's walk ghost (DevS.walkPending, src/kernel/paths/owed.ts) with two registration
 * walks of one driver under way at once: y registered by insmod, unregistered and registered again
 * by reload while insmod's walk is still under way (reload's `del f` waits for the child y's probe
 * of e adds, so its walk starts after insmod's passed e; admin's `del g` waits for reload's `add g`,
 * so the unbind comes after reload's walk has ended). Until s38 both walks shared a bit per driver:
 * reload's walk passing d cleared what insmod's, still short of d, owed it, so the unbind owed d
 * nothing, and a miss by insmod's walk read holds. Now each walk (a driver's walk in one thread) has
 * its own bit.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';
import type { Property, Query } from '../../src/engine/model.js';
import type { KS } from '../../src/kernel/state.js';

const spec: ScenarioSpec = { name: 'two-walks', devices: { e: { present: true }, d: { present: true, boundTo: 'x' }, f: { parent: 'e' }, g: {} },
  drivers: { x: { matches: ['d'], present: true }, y: { matches: ['e', 'd'], registers: { e: ['f'] } } },
  actors: { insmod: 'register y', reload: ['del f', 'unregister y', 'register y', 'add g'], admin: ['del g', 'unbind x d'] }, properties: ['no-missed-probe'] };

describe('two registration walks of one driver', () => {
  // Where insmod's walk matches d with d released and unbound, no-missed-probe must expect y's probe of it.
  it.each(['v4.2', 'v4.14', 'v5.10', 'v5.15', 'mainline'])('the first walk, reaching the device after the release, owes it (%s)', (v) => {
    const b = buildScenario(spec, v, '');
    const d = b.world.devices.findIndex((x) => x.name === 'd'), bit = 1 << b.world.devices[d]!.drivers.indexOf(b.world.drivers.findIndex((x) => x.name === 'y'));
    const arrives: Property = { kind: 'invariant', name: 'first-walk-owed', holds: (s: KS, q: Query) => {
      const x = s.dev[d]!;
      return q.at('insmod') !== '__driver_attach(d,y):driver_match_device' || !x.released || x.driver !== 0 || (x.owed & bit) !== 0;
    } };
    const m = b.model;
    m.properties = [...m.properties, arrives];
    expect(Object.fromEntries(check(m).properties.map((p) => [p.name, p.verdict]))).toEqual({ 'no-missed-probe': 'holds', 'first-walk-owed': 'holds' });
  });

  // A patch whose __driver_attach does not probe d: insmod's walk leaves d unbound beside y after the unbind.
  it('a miss by the first walk after the second one passed the device is a violation', () => {
    registerPatchFile('/virtual/two-walks-skip-d.ts', [definePatch({ id: 'two-walks-skip-d', subject: 'two-walks-skip-d', base: 'v4.14', hunks: [
      { fn: '__driver_attach', replace: 'device_lock', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
        const r = o!.run!(s, t, b, c);
        return (site as { k: { vn(i: number): string }; dev: number }).k.vn((site as { dev: number }).dev) === 'd' ? 'device_unlock' : r;
      } }) }] })]);
    const p = check(buildScenario(spec, 'v4.14', '/virtual/two-walks-skip-d.ts').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    const at = (th: string, l: string) => p.trace!.steps.findIndex((st) => st.thread === th && st.label === l);
    // reload's walk passed d, then the unbind, then insmod's walk reached d.
    expect(at('reload', '__driver_attach(d,y):driver_match_device')).toBeLessThan(at('admin', 'unbind_store(d,x):device_lock'));
    expect(at('admin', 'unbind_store(d,x):device_lock')).toBeLessThan(at('insmod', '__driver_attach(d,y):driver_match_device'));
    expect(check(buildScenario(spec, 'v4.14', '').model).properties[0]!.verdict).toBe('holds');
  });
});
