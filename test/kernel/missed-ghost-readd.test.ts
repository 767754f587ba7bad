/**
 * no-missed-probe's walk ghost (DevS.walkPending, src/kernel/paths/owed.ts) for a device deleted
 * and added again while a driver's registration walk is under way (s37 h14). device_add puts the
 * new struct's node at the bus klist's tail (klist_add_tail), which the walk reaches before it
 * ends, from its place or from the deleted struct's old node it holds (klist.ts busMoveOld), and
 * there __driver_attach probes it. Until s37 h14 the new struct started with no walk owing it, and
 * a walk leaving the old node cleared the new struct's bit: an unbind of the new struct before the
 * walk reached it owed nothing, and a walk that then did not probe it read holds.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';
import { holdsOld } from '../../src/kernel/paths/klist.js';
import type { Property, Query } from '../../src/engine/model.js';
import type { KL, KS } from '../../src/kernel/state.js';

// y's walk probes e, whose probe registers f; the hotplug actor's `del f` waits for f, so d is
// deleted and added again with y's walk under way: with e first on the bus, at e or on d's old
// node; with d first (`passed`), past d already, at e (which no actor releases).
const make = (passed: boolean): ScenarioSpec => ({ name: passed ? 'readd-after-walk-passed' : 'readd-under-walk',
  devices: passed ? { d: { present: true, boundTo: 'x' }, e: { present: true }, f: {} } : { e: { present: true }, d: { present: true, boundTo: 'x' }, f: {} },
  drivers: { x: { matches: ['d'], present: true }, y: { matches: ['e', 'd'], registers: { e: ['f'] } } },
  actors: { insmod: 'register y', hotplug: ['del f', 'del d', 'add d', 'unbind x d'] }, properties: ['no-missed-probe'] });

describe('a device added again while a registration walk is under way', () => {
  // Where y's walk is in __driver_attach of d's live node before its probe, with d released and
  // unbound, no-missed-probe must expect y's probe of it (DevS.owed).
  it.each(['v4.2', 'v5.10', 'v5.15', 'mainline'].flatMap((v) => [[v, false], [v, true]] as const))('is owed the walk\'s probe when the walk arrives at its new node (%s, passed before: %s)', (v, passed) => {
    const b = buildScenario(make(passed), v, '');
    const d = b.world.devices.findIndex((x) => x.name === 'd'), bit = 1 << b.world.devices[d]!.drivers.indexOf(b.world.drivers.findIndex((x) => x.name === 'y'));
    const arrives: Property = { kind: 'invariant', name: 'walk-arrival-owed', holds: (s: KS, q: Query) => {
      const at = q.at('insmod'), x = s.dev[d]!;
      if (at === null || !/^__driver_attach\(d,y\):(driver_match_device|device_lock)/.test(at) || holdsOld(s, d, (q.locals('insmod') as KL).knode[0]!)) return true;
      return !x.released || x.driver !== 0 || (x.owed & bit) !== 0;
    } };
    const m = b.model;
    m.properties = [...(m.properties ?? []), arrives];
    const r = check(m);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'no-missed-probe': 'holds', 'walk-arrival-owed': 'holds' });
  });

  // A patch whose __driver_attach does not probe d leaves it unbound beside y once the walk passes
  // its new node after the unbind: a miss, which read holds before s37 h14.
  it.each([false, true])('a walk that passes its new node without a probe is a miss (passed before: %s)', (passed) => {
    registerPatchFile('/virtual/readd-skips-d.ts', [definePatch({ id: 'readd-skips-d', subject: 'readd-skips-d', base: 'v4.14', hunks: [
      { fn: '__driver_attach', replace: 'device_lock', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
        const r = o!.run!(s, t, b, c);
        return (site as { k: { vn(i: number): string }; dev: number }).k.vn((site as { dev: number }).dev) === 'd' ? 'device_unlock' : r;
      } }) }] })]);
    const p = check(buildScenario(make(passed), 'v4.14', '/virtual/readd-skips-d.ts').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    const labels = p.trace!.steps.map((st) => st.label);
    expect(labels.indexOf('driver_attach(y):bus_for_each_dev')).toBeLessThan(labels.indexOf('device_del(d):bus_remove_device'));
    // With d first, the walk had left d's node before its device_del: it meets d again at the tail.
    if (passed) expect(labels.indexOf('__driver_attach(e,y):driver_match_device')).toBeLessThan(labels.indexOf('device_del(d):bus_remove_device'));
    expect(check(buildScenario(make(passed), 'v4.14', '').model).properties[0]!.verdict).toBe('holds');
  });
});
