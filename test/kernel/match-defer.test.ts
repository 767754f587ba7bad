/**
 * A bus match that defers (paths/match-defer.ts; amba_match since f2d3b9a46e0e, v6.0): both walks
 * put the device on the deferred-probe pending list. __driver_attach does it without the device
 * lock, so its add can follow a concurrent device_del's driver_deferred_probe_del; the device's own
 * walk runs under the lock after __device_attach's dead check (654888327e9f, v5.9).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { FastBackend } from '../../src/engine/state/fast.js';
import { splitLabel, stepsModelling } from '../../src/cli/steps.js';

const run = (s: ScenarioSpec, profile: string) => {
  const r = check(buildScenario(s, profile, '').model, { exhaustive: true });
  return { states: r.states, v: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), r };
};
const neverBound = defineProperty({ kind: 'invariant', name: 'pl011-never-bound', check: (v) => (v.dev('pl011').bound ? 'pl011 is bound' : null) });
/** The driver's walk: uart-pl011 registers while pl011 is deleted. */
const driverWalk = (del = true): ScenarioSpec => ({
  name: 'amba-driver-walk', devices: { pl011: { present: true, matchDefers: true } }, drivers: { 'uart-pl011': { matches: ['pl011'] } },
  actors: { insmod: 'register uart-pl011', ...(del ? { unplug: 'del pl011' } : {}) }, properties: ['deferred-lists', ...(del ? ['no-probe-after-del'] : []), 'no-deadlock', neverBound],
});
/** The device's walk: the deferred worker retries pl011 (woken by x's bind) while it is deleted. */
const deviceWalk: ScenarioSpec = {
  name: 'amba-device-walk', devices: { pl011: { matchDefers: true }, x: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, xd: { matches: ['x'], present: true } },
  actors: { hotplug: ['add pl011', 'del pl011'], other: 'add x' }, properties: ['deferred-lists', 'no-deadlock'],
};

describe("a bus match that defers: __driver_attach's add without the device lock", () => {
  it('mainline: the add can follow device_del\'s driver_deferred_probe_del, leaving the deleted device on the pending list', () => {
    const r = run(driverWalk(), 'mainline');
    expect(r.v).toEqual({ 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-deadlock': 'holds', 'pl011-never-bound': 'holds' });
    const p = r.r.properties.find((x) => x.name === 'deferred-lists')!;
    expect(p.explanation).toBe('pl011 is on the deferred pending list after device_del removed it (kobject_del done)');
    // Only what is wrong (a new user: the fields that were fine read as faults).
    expect(r.r.properties.find((x) => x.name === 'no-probe-after-del')!.explanation).toBe('device_del(pl011) returned but it is on the deferred pending list');
    const labels = p.trace!.steps.map((s) => s.label);
    const del = labels.indexOf('device_del(pl011):driver_deferred_probe_del'), add = labels.indexOf('__driver_attach(pl011,uart-pl011):driver_deferred_probe_add');
    expect(del).toBeGreaterThanOrEqual(0);
    expect(add).toBeGreaterThan(del);
    // The add cites mainline's lines: `dev_set_can_match(dev); driver_deferred_probe_add(dev); ... return 0;`.
    expect(p.trace!.steps[add]!.source).toMatch(/^drivers\/base\/dd\.c@dakr@1ac45118ddf8:1253,1255-1256,1258,1261 /);
  });

  it('holds without the del, and on every profile from v4.14 the race is there (the walk never locks the device first)', () => {
    expect(run(driverWalk(false), 'mainline').v['deferred-lists']).toBe('holds');
    for (const p of ['v4.14', 'v5.4', 'v5.15', 'v6.1', 'v6.12']) expect(run(driverWalk(), p).v['deferred-lists'], p).toBe('violated');
  });

  it('the device\'s own walk is under its lock: safe from the dead check (654888327e9f, v5.9), not before', () => {
    for (const p of ['v5.9', 'v6.1', 'mainline']) expect(run(deviceWalk, p).v['deferred-lists'], p).toBe('holds');
    for (const p of ['v4.18', 'v5.4']) expect(run(deviceWalk, p).v['deferred-lists'], p).toBe('violated');
  });

  it('until 25e9fbf0fd38 (v6.0-rc4) both walks go on to probe after the add; from it they do not', () => {
    // A present driver's walk (the device added): before, the device's walk probes it as on a match.
    const add: ScenarioSpec = { name: 'amba-add', devices: { pl011: { matchDefers: true } }, drivers: { 'uart-pl011': { matches: ['pl011'], present: true } },
      actors: { hotplug: 'add pl011' }, properties: [neverBound] };
    expect(run(add, 'v5.15').v['pl011-never-bound']).toBe('violated');
    for (const p of ['v6.1', 'mainline']) expect(run(add, p).v['pl011-never-bound'], p).toBe('holds');
    expect(run(driverWalk(false), 'v5.15').v['pl011-never-bound']).toBe('violated');
    expect(run(driverWalk(false), 'v6.1').v['pl011-never-bound']).toBe('holds');
  });

  it("the add after a deferring match is no step that runs driver_match_device (steps --function, E604)", () => {
    // Its where said `(driver_match_device returned -EPROBE_DEFER)`, read as naming a callee it runs, so
    // both walks' add steps were listed beside the match steps (s45 h20; the C: dd.c@dakr@1ac45118ddf8:997
    // calls the match, 1001-1009 are the branch after it). Builds only, no search.
    const add: ScenarioSpec = { name: 'amba-add', devices: { pl011: { matchDefers: true } }, drivers: { 'uart-pl011': { matches: ['pl011'], present: true } },
      actors: { hotplug: 'add pl011' }, properties: [neverBound] };
    for (const p of ['v5.10', 'mainline']) {
      const refs = new FastBackend(buildScenario(add, p, '').model).c.steps.map((cs) => {
        const [fn, label] = splitLabel(cs.s.label), st = cs.s.step;
        return { step: `${fn}:${label}`, where: st.where, ...(st.source ? { source: st.source } : {}), ...(st.runs ? { runs: st.runs } : {}) };
      });
      expect(refs.some((r) => r.step === '__device_attach_driver:driver_deferred_probe_add'), p).toBe(true);
      expect(stepsModelling('driver_match_device', refs), p).toEqual(['__device_attach_driver:driver_match_device']);
    }
  });

  it('before 656b8035b0ee the walks take the nonzero return as a match, and say so', () => {
    const b = buildScenario(driverWalk(false), 'v4.2', '');
    expect(b.model.notes).toContain("v4.2 has no -EPROBE_DEFER from a bus's match() (656b8035b0ee, v4.5 or v4.6): its walks take the nonzero return for 'pl011' as a match (`if (!driver_match_device(drv, dev))`), so matchDefers probes the device as a match would");
    expect(run(driverWalk(false), 'v4.2').v['pl011-never-bound']).toBe('violated');
  });

  it('E601: with a driver_override writer, with no driver matching it, or present beside its present driver', () => {
    const bad = (s: Partial<ScenarioSpec>) => () => buildScenario({ ...driverWalk(false), ...s }, 'mainline', '');
    expect(bad({ actors: { insmod: 'register uart-pl011', admin: 'override pl011 uart-pl011' } })).toThrow(/device 'pl011': matchDefers: an actor writes its driver_override too; a match that defers together with a driver_override written meanwhile is not modelled/);
    expect(bad({ drivers: { 'uart-pl011': { matches: [] } } })).toThrow(/device 'pl011': matchDefers: no driver matches it/);
    // Boot's match deferred: a start the model does not build.
    expect(bad({ drivers: { 'uart-pl011': { matches: ['pl011'], present: true } } })).toThrow(/device 'pl011' \(matchDefers\) and driver 'uart-pl011' are both present on a bus that autoprobes: boot's match of it deferred/);
    expect(bad({ devices: { pl011: { present: true, matchDefers: true, boundTo: 'uart-pl011' } }, drivers: { 'uart-pl011': { matches: ['pl011'], present: true } } })).toThrow(/device 'pl011' is boundTo 'uart-pl011' but its match defers/);
  });
});

describe('the candidate fix (models/patches/deferred-add-dead.ts)', () => {
  it('diff: deferred-lists and no-probe-after-del fixed, no-deadlock still holds', async () => {
    const { probecheck } = await import('../cli/run.js');
    const d = probecheck(['diff', 'models/amba-match-defer.ts', '--patch', 'models/patches/deferred-add-dead.ts', '--json']);
    expect(d.status, d.stderr).toBe(0);
    expect(Object.fromEntries(JSON.parse(d.stdout).properties.map((r: { property: string; change: string }) => [r.property, r.change])))
      .toEqual({ 'deferred-lists': 'fixed', 'no-probe-after-del': 'fixed', 'no-deadlock': 'still holds' });
  });
});

describe('a device whose match defers, added again: the worker\'s old struct is not the new one (an audit, 2026-12-06)', () => {
  // In the C the worker's entry is &old->p->deferred_probe and get_device() holds the old struct
  // (dd.c@torvalds@97e2551de3f9:92-97); its retry finds it unregistered (driver_probe_device's
  // device_is_registered, :707-708), never the new struct, whose own add runs device_pm_add before
  // bus_probe_device (core.c@torvalds@fb583c8eeeb1:device_add+81,+103).
  const readd = (more: boolean): ScenarioSpec => ({
    name: 'amba-readd', devices: { pl011: { matchDefers: true }, x: {}, ...(more ? { y: {} } : {}) },
    drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, xd: { matches: ['x'], present: true }, ...(more ? { yd: { matches: ['y'], present: true } } : {}) },
    actors: { hotplug: ['add pl011', 'del pl011', 'add pl011'], other: 'add x', ...(more ? { other2: 'add y' } : {}) }, properties: ['device-ready'],
  });
  it('v5.4: a retry in flight when the slot is added again acts on the old struct (DevS.gen bumped for a match that defers)', () => {
    expect(run(readd(false), 'v5.4').v['device-ready']).toBe('holds');
  });
  it('v5.4: an entry the retry of the deleted struct left on the list is the old struct\'s (DevS.deferGen)', () => {
    expect(run(readd(true), 'v5.4').v['device-ready']).toBe('holds');
  });
  it('the registration walk that finds the new struct before its device_pm_add still probes it (B14, real)', () => {
    const r = run({ name: 'amba-readd-walk', devices: { pl011: { present: true, matchDefers: true } }, drivers: { 'uart-pl011': { matches: ['pl011'] } },
      actors: { insmod: 'register uart-pl011', unplug: ['del pl011', 'add pl011'] }, properties: ['device-ready'] }, 'v5.4');
    const p = r.r.properties.find((x) => x.name === 'device-ready')!;
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toBe('probe(pl011) started in insmod before device_add(pl011) reached device_pm_add');
  });
});
