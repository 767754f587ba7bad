/**
 * Interchangeable devices in scenarios: the builder's E601 checks of a `symmetric` group, the
 * symmetry checker on host-children (every permutation the reduction may apply is an automorphism
 * there) with golden counts, and a differential test on random small scenarios: the checker
 * passes and the verdicts with and without --symmetry are equal.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from 'probecheck';
import hostChildren from '../../models/host-children.js';
import { buildScenario, type ScenarioSpec } from '../../src/kernel/scenario.js';
import type { Outcome } from '../../src/kernel/world.js';
import { checkSymmetry } from '../../src/engine/reduce/symmetry-check.js';
import { FastBackend } from '../../src/engine/state/fast.js';
import { replay } from '../../src/engine/trace.js';

const kids = (n: number) => Array.from({ length: n }, (_, i) => `c${i + 1}`);

function children(n: number, o: { present?: boolean } = {}): ScenarioSpec {
  return {
    name: 'kids', profile: 'v4.2',
    devices: { host: {}, ...Object.fromEntries(kids(n).map((k) => [k, { parent: 'host', ...(o.present ? { present: true } : {}) }])) },
    drivers: { cdrv: { matches: kids(n), module: 'cmod', probeType: 'async' } },
    modules: { cmod: {} },
    // Children present at boot have their host present too (no device_add of it again).
    actors: { boot: ['modprobe cmod', ...(o.present ? [] : ['add host', ...kids(n).map((k) => `add ${k}`)])], unload: 'rmmod cmod' },
    symmetric: [kids(n)],
  };
}

describe('symmetric groups: the builder', () => {
  const build = (s: ScenarioSpec) => () => buildScenario(s, 'v4.2', '');
  it('accepts devices that differ in nothing', () => {
    expect(buildScenario(children(2), 'v4.2', '').model.symmetry?.[0]?.elements.map((e) => e.threads.length)).toEqual([2, 2]);
  });
  it('finds the groups a scenario does not declare, by the same rules; [] declares none', () => {
    const groups = (s: ScenarioSpec) => buildScenario(s, 'v4.2', '').model.symmetry?.map((g) => g.elements.map((e) => e.name)) ?? [];
    const s = { ...children(3), symmetric: undefined };
    expect(groups(s)).toEqual([['c1', 'c2', 'c3']]);
    s.devices.c3 = {};
    expect(groups(s)).toEqual([['c1', 'c2']]);
    expect(groups({ ...s, actors: { ...s.actors, hotplug: 'del c1' } })).toEqual([]);
    expect(groups({ ...children(3), symmetric: [] })).toEqual([]);
  });
  it('E601: the devices must agree in parent, bus and drivers', () => {
    const s = children(2);
    s.devices.c2 = {};
    expect(build(s)).toThrow(/^E601|symmetric \[c1, c2\]: 'c1' and 'c2' differ in parent$/);
    const t = children(2);
    t.drivers.other = { matches: ['c1'] };
    expect(build(t)).toThrow(/'c1' and 'c2' differ in drivers/);
  });
  it('a device whose match defers is grouped with none that matches (a symmetry hunt, 2026-12-06: --check-symmetry refuted {a, b})', () => {
    const s: ScenarioSpec = { name: 'md', devices: { a: { matchDefers: true }, b: {} }, drivers: { d: { matches: ['a', 'b'] } },
      actors: { h1: 'add a', h2: 'add b', ins: 'register d' }, properties: ['no-deadlock'] };
    expect(buildScenario(s, 'mainline', '').model.symmetry ?? []).toEqual([]);
    expect(build({ ...s, symmetric: [['a', 'b']] })).toThrow(/'a' and 'b' differ in matchDefers$/);
    expect(buildScenario({ ...s, devices: { a: { matchDefers: true }, b: { matchDefers: true } } }, 'mainline', '').model.symmetry?.map((g) => g.name)).toEqual(['{a, b}']);
    // With an async driver their helpers differ in shape: the default check was E101, where
    // --no-symmetry finds deferred-lists violated.
    const m = buildScenario({ ...s, profile: 'v5.10', syncFallback: false, drivers: { d: { matches: ['a', 'b'], probeType: 'async' } }, properties: ['deferred-lists'] }, 'v5.10', '').model;
    expect(check(m, {}).properties.map((p) => p.verdict)).toEqual(['violated']);
  });
  it("E601: a device of the group at an end of a device link is named for the link, not as a driver's need", () => {
    const s = children(2);
    s.devices.s = {};
    s.drivers.sd = { matches: ['s'], links: ['c1'], present: true };
    s.actors.supplier = 'add s';
    expect(build(s)).toThrow(/symmetric \[c1, c2\]: 'c1' is an end of a device link$/);
  });
  it('E601: an actor may name them only in add', () => {
    const s = children(2);
    s.actors.hotplug = 'del c2';
    expect(build(s)).toThrow(/actor 'hotplug': 'del c2': only 'add' may name a device of the group/);
  });
  it('a device whose probe registers devices of its own, or named like a driver or module, is in no group (a reductions hunt, 2026-12-05)', () => {
    const groups = (sp: ScenarioSpec, p = 'mainline') => buildScenario(sp, p, '').model.symmetry?.map((g) => g.elements.map((e) => e.name)) ?? [];
    // The README's hub form: each root hub's probe registers its own interface. Grouped, the
    // default run failed (E101: not laid out alike) or reduced what --check-symmetry refutes.
    const hub: ScenarioSpec = { name: 'hub', devices: { usb1: {}, usb2: {}, i1: {}, i2: {} },
      drivers: { hcd: { matches: ['usb1', 'usb2'], module: 'hcdmod', registers: { usb1: ['i1'], usb2: ['i2'] } }, hub: { matches: ['i1', 'i2'], present: true } },
      actors: { a: 'add usb1', b: 'add usb2', load: 'modprobe hcdmod' }, syncFallback: false, properties: ['single-binding', 'no-deadlock'] };
    expect(groups(hub)).toEqual([]); // were [['usb1', 'usb2']]; the interfaces each belong to one probe
    expect(() => buildScenario({ ...hub, symmetric: [['usb1', 'usb2']] }, 'mainline', '')).toThrow(/symmetric \[usb1, usb2\]: driver 'hcd' registers devices when it probes 'usb1'$/);
    // Platform devices named like their drivers: driver_attach(serial) read as a step on device serial.
    const named: ScenarioSpec = { name: 'named', devices: { serial: {}, rtc: {} },
      drivers: { serial: { matches: ['serial', 'rtc'], module: 'm' }, rtc: { matches: ['serial', 'rtc'], module: 'm', probe: 'error' } },
      actors: { a: 'add serial', b: 'add rtc', load: 'modprobe m' }, syncFallback: false, properties: ['single-binding', 'no-deadlock'] };
    expect(groups(named)).toEqual([]);
    expect(groups({ ...named, devices: { ser0: {}, rtc0: {} }, drivers: { serial: { matches: ['ser0', 'rtc0'], module: 'm' }, rtc: { matches: ['ser0', 'rtc0'], module: 'm', probe: 'error' } }, actors: { a: 'add ser0', b: 'add rtc0', load: 'modprobe m' } })).toEqual([['ser0', 'rtc0']]);
  });
  it('E601: a group names two or more declared devices, once', () => {
    expect(build({ ...children(2), symmetric: [['c1']] })).toThrow(/a group names at least two devices/);
    expect(build({ ...children(2), symmetric: [['c1', 'c9']] })).toThrow(/device 'c9' is not declared/);
    expect(build({ ...children(2), symmetric: [['c1', 'c2'], ['c2', 'host']] })).toThrow(/device 'c2' is named twice/);
  });
});

describe('symmetric groups: host-children (its suite cases with n=2)', () => {
  // Golden counts: the suite's, and with --symmetry.
  it.each([['v4.2', 2074, 1468], ['v5.1', 1922, 1384], ['mainline', 2371, 1725]] as const)('%s: every permutation --symmetry may apply is an automorphism; %i -> %i states, same verdicts', (profile, plain, reduced) => {
    const m = hostChildren.build({ n: 2, profile });
    const r = checkSymmetry(m);
    expect(r.failure).toBeUndefined();
    expect(r).toMatchObject({ states: plain, complete: true });
    expect(r.pairs).toBeGreaterThan(0);
    expect(r.deadStates).toBeGreaterThan(0);
    const full = check(m, { exhaustive: true, symmetry: false }), red = check(m, { exhaustive: true, symmetry: true });
    expect([full.states, red.states]).toEqual([plain, reduced]);
    expect(red.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
  });
});

describe('symmetric groups: an actor that adds one of them, then registers their driver', () => {
  // t0 builds `driver_probe_device(a,d0)` for `add a` and, in register's walk, `...(a,d0)#2`
  // beside `...(b,d0)`: the twin is found by its place in the action, not by its number. The
  // checker failed here before 2026-12-04 (the group pinned while t0 was in the #2 block), and
  // one movable element losing that was reported as a shrink.
  const spec = (n: number, probeType: 'sync' | 'async', syncFallback: boolean): ScenarioSpec => {
    const ds = ['a', 'b', 'c'].slice(0, n);
    return {
      name: 'add-then-register', profile: 'v4.2', syncFallback,
      devices: { host: { present: true }, ...Object.fromEntries(ds.map((d) => [d, { parent: 'host' }])) },
      drivers: { d0: { matches: ds, probeType } },
      actors: { t0: ['add a', 'register d0'], t1: ds.slice(1).map((d) => `add ${d}`) },
      symmetric: [ds],
    };
  };
  it.each([[2, 'sync', false], [2, 'async', true], [3, 'sync', false]] as const)('%i devices, %s probe, sync fallback %s: the checker passes, verdicts equal', (n, probeType, fb) => {
    const m = buildScenario(spec(n, probeType, fb), 'v4.2', '').model;
    const r = checkSymmetry(m);
    expect(r.failure).toBeUndefined();
    expect(r.complete).toBe(true);
    expect(r.pairs).toBeGreaterThan(0);
    const safety = m.properties.filter((p) => p.kind === 'invariant' || p.kind === 'action' || p.kind === 'deadlock').map((p) => p.name);
    const full = check(m, { exhaustive: true, symmetry: false, properties: safety }), red = check(m, { exhaustive: true, symmetry: true, properties: safety });
    expect(red.symmetry?.applied).toBe(true);
    expect(red.states).toBeLessThan(full.states);
    expect(red.properties.map((p) => [p.name, p.verdict])).toEqual(full.properties.map((p) => [p.name, p.verdict]));
  });
});

describe('symmetric groups: what the checker catches (host-children, n=2, v4.2)', () => {
  const model = () => hostChildren.build({ n: 2, profile: 'v4.2' });
  it("a walk's pc that does not move with its device: driver_detach inside c1's release is not inside c2's", () => {
    const m = model();
    m.symmetry = m.symmetry!.map((c) => ({ ...c, walkers: [] }));
    expect(checkSymmetry(m).failure?.what).toMatch(/no image among the moves of pi\(s\)|is not the image of a move of s|property value differs/);
  });
  it('state declared dead that a step still reads: the order devices were bound in (driver_detach reads it)', () => {
    const m = model();
    m.symmetry = m.symmetry!.map((c) => ({ ...c, dead: { state: ['dev[c1].drvRank', 'dev[c2].drvRank'], when: c.dead!.when } }));
    expect(checkSymmetry(m).failure?.what).toMatch(/dead state zeroed/);
  });
  it("state declared dead too early: the bus order before modprobe's driver_attach walks the children present at boot", () => {
    const spec = children(2, { present: true });
    spec.devices.host = { present: true };
    const m = buildScenario(spec, 'v4.2', '').model;
    expect(checkSymmetry(m).failure).toBeUndefined();
    m.symmetry = m.symmetry!.map((c) => ({ ...c, dead: { state: c.dead!.state, when: () => true } }));
    expect(checkSymmetry(m).failure?.what).toMatch(/dead state zeroed/);
  });
});

/** Random small scenarios: children of one host, one driver, actors adding them in any order, racing rmmod. */
const scenarios = fc.record({
  n: fc.constantFrom(2, 3),
  profile: fc.constantFrom('v3.14', 'v4.2', 'v5.1', 'v5.19', 'mainline'),
  probeType: fc.constantFrom('async', 'default', 'sync'),
  asyncProbe: fc.boolean(),
  outcomes: fc.constantFrom<Outcome[]>(['ok'], ['ok', 'error'], ['defer', 'ok']),
  present: fc.constantFrom(false, false, true),
  split: fc.boolean(),
  unload: fc.constantFrom('rmmod cmod', 'maybe rmmod cmod', 'none', 'none'),
  syncFallback: fc.boolean(),
  // modprobe after the first add: the module's driver_attach walk then builds that child's
  // blocks a second time in the boot actor (#2), whose twins are numbered otherwise.
  late: fc.boolean(),
  seed: fc.nat(),
}).map((x): ScenarioSpec => {
  const ks = kids(x.n), order = [...ks].sort((a, b) => ((x.seed >> ks.indexOf(a)) & 1) - ((x.seed >> ks.indexOf(b)) & 1));
  const adds = x.present ? [] : order.map((k) => `add ${k}`);
  const actors: Record<string, string[]> = x.split
    ? { boot: x.late ? [...adds.slice(0, 1), 'modprobe cmod'] : ['modprobe cmod', ...adds.slice(0, 1)], hotplug: adds.slice(1) }
    : { boot: x.late ? [...adds.slice(0, 1), 'modprobe cmod', ...adds.slice(1)] : ['modprobe cmod', ...adds] };
  if (x.unload !== 'none') actors.unload = [x.unload];
  for (const [a, l] of Object.entries(actors)) if (l.length === 0) delete actors[a];
  return {
    name: 'random-kids', profile: x.profile, syncFallback: x.syncFallback,
    devices: { host: { present: true }, ...Object.fromEntries(ks.map((k) => [k, { parent: 'host', present: x.present }])) },
    drivers: { cdrv: { matches: ks, module: 'cmod', probeType: x.probeType as 'async', probe: [...x.outcomes] } },
    modules: { cmod: { asyncProbe: x.asyncProbe } },
    actors, symmetric: [ks],
  };
});

describe('symmetric groups: random small scenarios', () => {
  it('the checker passes and the verdicts with and without --symmetry are equal', () => {
    fc.assert(fc.property(scenarios, (spec) => {
      const m = buildScenario(spec, spec.profile!, '').model;
      const r = checkSymmetry(m, { maxStates: 2500 });
      expect(r.failure).toBeUndefined();
      // Safety properties only: the reduction is not applied with liveness.
      const safety = m.properties.filter((p) => p.kind === 'invariant' || p.kind === 'action' || p.kind === 'deadlock').map((p) => p.name);
      const o = { exhaustive: true, maxStates: 5000, properties: safety };
      const full = check(m, { ...o, symmetry: false }), red = check(m, { ...o, symmetry: true });
      expect(red.symmetry?.applied).toBe(true);
      if (!full.complete) return;
      expect(red.complete).toBe(true);
      expect(red.states).toBeLessThanOrEqual(full.states);
      expect(red.properties.map((p) => [p.name, p.verdict])).toEqual(full.properties.map((p) => [p.name, p.verdict]));
      // A counterexample found with the reduction is a concrete run of the model, as short as without it.
      red.properties.forEach((p, i) => {
        if (!p.trace) return;
        expect(replay(new FastBackend(m), p.trace.moves).moves).toEqual(p.trace.moves);
        expect(p.trace.moves.length).toBe(full.properties[i]!.trace!.moves.length);
      });
    }), { numRuns: Number(process.env.PROBECHECK_FUZZ ?? 6), ...(process.env.PROBECHECK_FUZZ ? {} : { seed: 12 }) });
  });
});
