/**
 * DL_FLAG_AUTOPROBE_CONSUMER (DeviceSpec.suppliers; e7dd40105aac, from v5.1 here): a supplier's
 * device_links_driver_bound makes the link AVAILABLE and puts the consumer on the deferred-probe
 * pending list, holding the supplier's lock, not the consumer's (core.c 6.18.16
 * device_links_driver_bound+52..+53). The consumer's device_del takes it off the lists
 * (driver_deferred_probe_del) before device_links_purge deletes the link: an add in between leaves
 * the deleted consumer on the list (models/autoprobe-del.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type KS, type Property, type ScenarioSpec } from 'probecheck';

const run = (s: ScenarioSpec, profile: string, patches = '') => {
  const r = check(buildScenario(s, profile, patches).model, { exhaustive: true });
  return { v: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), r };
};
const neverListed = defineProperty({ kind: 'invariant', name: 'codec-never-listed', check: (v) => (v.dev('codec').deferred !== 'none' ? 'codec is on a deferred list' : null) });
const neverBound = defineProperty({ kind: 'invariant', name: 'codec-never-bound', check: (v) => (v.dev('codec').bound ? 'codec is bound' : null) });
/** codec's probe deferred at boot on its link to pmic (DORMANT); pmic's driver loads while codec is deleted. */
const race = (del = true): ScenarioSpec => ({
  name: 'autoprobe', devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true } },
  actors: { udev: 'modprobe pmic', ...(del ? { unplug: 'del codec' } : {}) }, properties: ['deferred-lists', ...(del ? ['no-probe-after-del'] : []), 'no-deadlock', neverBound],
});

describe("device_links_driver_bound's add of an AUTOPROBE_CONSUMER link's consumer", () => {
  it('mainline: the add can come between the consumer\'s driver_deferred_probe_del and its device_links_purge', () => {
    const r = run(race(), 'mainline');
    expect(r.v).toEqual({ 'deferred-lists': 'violated', 'no-probe-after-del': 'violated', 'no-deadlock': 'holds', 'codec-never-bound': 'violated' });
    const p = r.r.properties.find((x) => x.name === 'deferred-lists')!;
    expect(p.explanation).toBe('codec is on the deferred pending list after device_del removed it (kobject_del done)');
    const labels = p.trace!.steps.map((s) => s.label);
    const del = labels.indexOf('device_del(codec):driver_deferred_probe_del'), add = labels.indexOf('really_probe(pmic,pmic-drv):driver_bound'), purge = labels.indexOf('device_del(codec):kobject_del');
    expect(del).toBeGreaterThanOrEqual(0);
    expect(add).toBeGreaterThan(del);
    expect(purge).toBeGreaterThan(add);
    // The step cites the add in core.c and driver_deferred_probe_add's body in dd.c (at
    // 10864921212f the add is at +44-+45, 8 lines up from 4793dae01f47's +52-+53: the fw_devlink
    // block became fw_devlink_pickup_dangling_consumers(), s51 h3).
    expect(p.trace!.steps[add]!.source).toMatch(/core\.c@torvalds@10864921212f:.*device_links_driver_bound\+44-\+45/);
    expect(p.trace!.steps[add]!.source).toMatch(/dd\.c@dakr@1ac45118ddf8:135,138-139,141,143/);
  });

  it('without the del the supplier\'s bind retries the consumer, which binds; the race is at every profile from v5.1', () => {
    expect(run(race(false), 'mainline').v).toEqual({ 'deferred-lists': 'holds', 'no-deadlock': 'holds', 'codec-never-bound': 'violated' });
    for (const p of ['v5.1', 'v5.4', 'v5.9', 'v5.10', 'v5.15', 'v5.19', 'v6.1', 'v6.12']) expect(run(race(), p).v['deferred-lists'], p).toBe('violated');
  });

  it('from v5.13 (the model: v5.14) the add skips a consumer that never matched a driver (dev_can_match); before, it adds it', () => {
    // codec's driver in a module never loaded: no probe of codec, so can_match stays false.
    const idle: ScenarioSpec = { ...race(false), drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], module: 'codec' } }, properties: [neverListed] };
    expect(run(idle, 'v5.10').v['codec-never-listed']).toBe('violated');
    for (const p of ['v5.15', 'mainline']) expect(run(idle, p).v['codec-never-listed'], p).toBe('holds');
  });

  it("a rebind of the supplier adds the consumer too: a device bound at boot went through __driver_probe_device, which set can_match", () => {
    const rebind: ScenarioSpec = { name: 'rebind', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'], boundTo: 'codec-drv' } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true } },
      actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'], unplug: 'del codec' }, properties: ['deferred-lists'] };
    for (const p of ['v5.15', 'mainline']) expect(run(rebind, p).v['deferred-lists'], p).toBe('violated');
  });

  it('before v5.14 a driverless consumer goes on the list too, and the deferred worker takes it off (an audit, 2026-12-05)', () => {
    const drained = defineProperty({ kind: 'invariant', name: 'active-drained', check: (v) => (v.deferredWork === 'idle' && v.devices.some((x) => x.deferred === 'active') ? 'a device is on the active list while the work is idle' : null),
      premise: { text: 'a device is on the active list', met: (v) => v.devices.some((x) => x.deferred === 'active') } });
    const s: ScenarioSpec = { name: 'driverless', devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } }, drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' } },
      actors: { udev: 'modprobe pmic' }, properties: [drained] };
    expect(run(s, 'v5.9').v['active-drained']).toBe('holds');
  });

  it('a device deleted and added again is a new struct device: can_match clear until it is probed (an audit, 2026-12-05)', () => {
    const s: ScenarioSpec = { name: 'readd', buses: { b: { autoprobe: false } }, devices: { d: { present: true, boundTo: 'dd' } }, drivers: { dd: { matches: ['d'], present: true } }, actors: { hotplug: ['del d', 'add d'] } };
    const model = buildScenario(s, 'mainline', '').model;
    model.properties = [{ kind: 'invariant', name: 'fresh', holds: (st: KS, q) => q.at('hotplug') !== null || !st.dev[0]!.canMatch }] as Property[];
    expect(check(model).properties[0]!.verdict).toBe('holds');
  });

  // A hunt of the feature (2026-12-05).
  it('a consumer whose boot probe failed has can_match set too: the supplier\'s rebind puts it on the list', () => {
    const s: ScenarioSpec = { name: 'failed', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true, probe: 'error' } },
      actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'] }, properties: ['deferred-lists'] };
    expect(run(s, 'mainline').v['deferred-lists']).toBe('holds');   // not vacuous: codec goes on the list
  });
  it('no-lost-deferral owes no retry while the suppliers link is not AVAILABLE (device_links_check_suppliers would defer it)', () => {
    const s: ScenarioSpec = { name: 'needs-sup', devices: { pmic: { present: true }, clk: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'clk-drv': { matches: ['clk'], module: 'clk' }, 'codec-drv': { matches: ['codec'], present: true, needs: ['clk'] } },
      actors: { b: 'modprobe clk' }, properties: ['no-lost-deferral'] };
    expect(run(s, 'mainline').v['no-lost-deferral']).toBe('vacuous');
    // The link is the reason boot's probe deferred: it is checked before probe() runs.
    expect(buildScenario(s, 'mainline', '').model.notes).toContain("device 'codec' starts on the deferred-probe pending list: boot's probe of it by codec-drv (its link to pmic, a supplier not bound at boot) deferred");
  });

  // A review (2026-12-05): the retry the flag makes is judged by no-missed-probe (a consumer its
  // supplier's unbind released is released on purpose only where the supplier is deleted).
  it("no-missed-probe judges the consumer a supplier's unbind released: the rebind probes it again", () => {
    const s: ScenarioSpec = { name: 'rebind', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'], boundTo: 'codec-drv' } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true } },
      actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'] }, properties: ['no-missed-probe'] };
    const b = buildScenario(s, 'mainline', '');
    expect(b.kernel.releasable.has(1)).toBe(false);
    expect(check(b.model, { exhaustive: true }).properties[0]!.verdict).toBe('holds');
    // Deleted, the supplier takes the link with it: nothing probes the consumer again.
    expect(buildScenario({ ...s, actors: { admin: 'del pmic' } }, 'mainline', '').kernel.releasable.has(1)).toBe(true);
  });

  it('the candidate fix (models/patches/deferred-add-dead.ts) closes it', async () => {
    const { probecheck } = await import('../cli/run.js');
    const d = probecheck(['diff', 'models/autoprobe-del.ts', '--patch', 'models/patches/deferred-add-dead.ts', '--json']);
    expect(d.status, d.stderr).toBe(0);
    expect(Object.fromEntries(JSON.parse(d.stdout).properties.map((r: { property: string; change: string }) => [r.property, r.change])))
      .toEqual({ 'deferred-lists': 'fixed', 'no-probe-after-del': 'fixed', 'no-deadlock': 'still holds' });
  });

  it('E601: before v5.1, an actor that adds an end, a bound consumer of an unbound supplier, an end not present, a link probe() adds too', () => {
    const bad = (s: Partial<ScenarioSpec>, p = 'mainline') => () => buildScenario({ ...race(), ...s }, p, '');
    for (const p of ['v4.18', 'v5.0']) expect(bad({}, p)).toThrow(/device 'codec': suppliers: v\d\.\d+ has no DL_FLAG_AUTOPROBE_CONSUMER \(e7dd40105aac/);
    // The timeout work's fw_devlink_drivers_done (relaxing links of suppliers that never matched) is not modelled.
    expect(bad({ actors: { udev: 'modprobe pmic', unplug: 'del codec', boot: 'deferred_probe_initcall' } })).toThrow(/suppliers: 'deferred_probe_initcall' schedules the deferred-probe timeout work here \(deferred_probe_timeout 10\), whose fw_devlink_drivers_done relaxes/);
    expect(() => buildScenario({ ...race(), deferredProbeTimeout: 0, actors: { udev: 'modprobe pmic', unplug: 'del codec', boot: 'deferred_probe_initcall' } }, 'mainline', '')).not.toThrow();
    expect(bad({ devices: { pmic: { present: true }, codec: { present: true, suppliers: ['codec'] } } })).toThrow(/suppliers 'codec': a device cannot be its own supplier/);
    expect(bad({ drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic', registers: ['codec'] }, 'codec-drv': { matches: ['codec'], present: true } } })).toThrow(/driver 'pmic-drv' registers 'codec' in its probe: an end of a link made before the start/);
    expect(bad({ devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'] } }, drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true } } }))
      .toThrow(/boot would have bound it: .*, or leave its supplier 'pmic' unbound \(its link then deferred it\)/);
    expect(bad({ actors: { hotplug: ['del codec', 'add codec'] } })).toThrow(/actor 'hotplug' adds 'codec', an end of a link made before the start/);
    expect(bad({ devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'], boundTo: 'codec-drv' } } })).toThrow(/device 'codec' is boundTo 'codec-drv' but its supplier 'pmic' is not bound/);
    expect(bad({ devices: { pmic: {}, codec: { present: true, suppliers: ['pmic'] } }, actors: { udev: 'add pmic' } })).toThrow(/suppliers 'pmic': both ends of a link made before the scenario starts are present from the start/);
    expect(bad({ drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true, links: ['pmic'] } } })).toThrow(/driver 'codec-drv' adds a link to 'pmic' in its probe too/);
    expect(bad({ drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true, links: ['pmic'], linkFlags: ['AUTOPROBE_CONSUMER'] } }, devices: { pmic: { present: true }, codec: { present: true } } }))
      .toThrow(/'AUTOPROBE_CONSUMER' is modelled only on links made before the scenario starts/);
  });

  it('boot: the consumer starts on the pending list, said in a note; bound at boot, its link is ACTIVE', () => {
    expect(buildScenario(race(), 'mainline', '').model.notes).toContain("device 'codec' starts on the deferred-probe pending list: boot's probe of it by codec-drv (its link to pmic, a supplier not bound at boot) deferred");
    const bound: ScenarioSpec = { name: 'bound', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'], boundTo: 'codec-drv' } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true } }, actors: { admin: 'unbind pmic-drv pmic' }, properties: ['links-supplier-bound', 'no-deadlock'] };
    expect(run(bound, 'mainline').v).toEqual({ 'links-supplier-bound': 'holds', 'no-deadlock': 'holds' });
  });
});
