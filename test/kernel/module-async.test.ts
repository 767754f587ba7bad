/**
 * B7 on tiny scenarios: a PCI probe run by work_on_cpu that queues a SCSI scan (67d6212afda2,
 * S11 module-init-barrier), and request_module from an async entry (774a1221e862, deadlock).
 * Minimal pairs with pinned state counts, as in properties.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const scan = (extra: Partial<ScenarioSpec['drivers'][string]> = {}): ScenarioSpec => ({
  name: 'b7', devices: { hba: { present: true } }, syncFallback: false,
  drivers: { 'hba-drv': { matches: ['hba'], module: 'm', workOnCpu: true, asyncScan: true, ...extra } },
  actors: { modprobe: 'modprobe m' }, properties: ['module-init-barrier', 'no-deadlock'],
});
const request: ScenarioSpec = {
  name: 'b7-history', syncFallback: false, devices: { host: { present: true }, sda: { parent: 'host' } },
  drivers: { ahci: { matches: ['host'], module: 'ahci', asyncScan: ['sda'] }, sd: { matches: ['sda'], present: true, requestModule: 'cfq' } },
  modules: { cfq: {} }, actors: { modprobe: 'modprobe ahci' }, properties: ['no-deadlock', 'module-init-barrier'],
};
const run = (spec: ScenarioSpec, profile: string, patches = '') => {
  const r = check(buildScenario(spec, profile, patches).model, { exhaustive: true });
  return { states: r.states, v: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), r };
};

describe('B7: module init vs async', () => {
  it('work_on_cpu + async scan: modprobe returns with the scan pending on v5.1, not on v5.19 or v3.5', () => {
    const bad = run(scan(), 'v5.1');
    expect(bad.v['module-init-barrier']).toBe('violated');
    expect(bad.states).toBe(46); // 45 before driver_attach's walk got a step of its own (klist_iter_init, issue 9 list order)
    const p = bad.r.properties.find((x) => x.name === 'module-init-barrier')!;
    expect(p.explanation).toBe('do_init_module(m) returned (modprobe m exits) while kworker/u:async do_scan_async(hba,hba-drv) started by m\'s init is still pending');
    const labels = p.trace!.steps.map((s) => `${s.thread}: ${s.label}`);
    // PF_USED_ASYNC is set in the kworker that runs local_pci_probe, not in modprobe.
    expect(labels).toContain('kworker local_pci_probe(hba,hba-drv): scsi_scan_host(hba):async_schedule');
    expect(labels).not.toContain('modprobe: do_init_module:async_synchronize_full');
    expect(run(scan(), 'v5.19')).toMatchObject({ states: 48, v: { 'module-init-barrier': 'holds', 'no-deadlock': 'holds' } });
    // v3.5 counts: bus_add_driver walks the devices, then joins the klist (190888ac01d0 reversed that), one step more
    expect(run(scan(), 'v3.5')).toMatchObject({ states: 48, v: { 'module-init-barrier': 'holds' } });
    expect(run(scan(), 'v3.5', '774a1221e862').v['module-init-barrier']).toBe('violated');
  });

  it('without work_on_cpu the scan is queued by modprobe itself: PF_USED_ASYNC makes it wait', () => {
    expect(run(scan({ workOnCpu: false }), 'v5.1')).toMatchObject({ states: 37, v: { 'module-init-barrier': 'holds' } });
  });

  it('request_module from the async scan deadlocks with the unconditional async_synchronize_full (before v3.8)', () => {
    const bad = run(request, 'v3.5');
    // Every run deadlocks before do_init_module returns: the barrier is never put to the test.
    expect(bad).toMatchObject({ states: 118, v: { 'no-deadlock': 'violated', 'module-init-barrier': 'vacuous' } });
    const t = bad.r.properties.find((x) => x.name === 'no-deadlock')!.trace!.steps.map((s) => s.thread);
    expect(t).toContain('modprobe cfq (request_module)');
    expect(run(request, 'v3.5', '774a1221e862')).toMatchObject({ states: 210, v: { 'no-deadlock': 'holds' } });
    expect(run(request, 'v3.14').v['no-deadlock']).toBe('holds');
  });

  it('E601: workOnCpu does not combine with registers; requestModule is not the own module', () => {
    const bad = (d: Partial<ScenarioSpec['drivers'][string]>) => () => buildScenario({ name: 'x', devices: { a: { present: true }, b: {} }, drivers: { x: { module: 'm', ...d, matches: ['a'] } }, actors: { m: 'modprobe m' } }, 'v5.1', '');
    expect(bad({ workOnCpu: true, registers: ['b'] })).toThrow(/workOnCpu with registers, registersDriver or locks is not modelled/);
    // The worker would run the registration: an async attach it schedules marks the kworker, not modprobe (an audit, 2026-12-05).
    expect(() => buildScenario({ name: 'x', devices: { a: { present: true }, b: { present: true } }, drivers: { x: { module: 'm', workOnCpu: true, registersDriver: ['y'], matches: ['a'] }, y: { matches: ['b'], probeType: 'async' } }, actors: { m: 'modprobe m' } }, 'v5.1', ''))
      .toThrow(/workOnCpu with registers, registersDriver or locks is not modelled/);
    expect(bad({ requestModule: 'm' })).toThrow(/requestModule 'm' is its own module/);
  });
});

// A source audit: do_init_module clears PF_USED_ASYNC before the module's init (v3.8 .. v5.16;
// kernel/module.c at 6cd5513c813e); the model never cleared it, so a load in a task that had
// queued async work before always ran async_synchronize_full, whatever its own init did.
describe('PF_USED_ASYNC is the flag of this load, not of every load before it in the task', () => {
  const spec: ScenarioSpec = {
    name: 'pf-used-async', syncFallback: false,
    devices: { x: { present: true }, w: { present: true } },
    drivers: { da: { matches: ['x'], module: 'a', probeType: 'async' }, db: { matches: ['w'], module: 'b', probeType: 'sync' } },
    modules: { a: {}, b: {} }, actors: { modprobe: ['modprobe a', 'modprobe b'] }, properties: ['no-deadlock'],
  };
  it("b's init queues nothing: its do_init_module skips async_synchronize_full (v5.10); a's, which queued, runs it", () => {
    const r = run(spec, 'v5.10').r;
    const fired = (label: string) => r.coverage.filter((e) => e.thread === 'modprobe' && e.label === label).reduce((n, e) => n + e.fired, 0);
    // One do_init_module block per module (which is #2 is the builder's order): a's syncs, b's never.
    const blocks = ['do_init_module', 'do_init_module#2'];
    expect(blocks.map((b) => fired(`${b}:module_put`) > 0)).toEqual([true, true]);
    expect(blocks.map((b) => fired(`${b}:async_synchronize_full`) > 0).sort()).toEqual([false, true]);
  });
});

// A false-alarm hunt: module-init-barrier blamed a module for async work another thread queued
// while it was COMING. do_init_module syncs only for its own init's work (774a1221e862: "iff
// module init queued any async jobs"); B7 is work its init started (work_on_cpu, then a scan).
describe("module-init-barrier counts the work a module's init started, not everything queued meanwhile", () => {
  const spec: ScenarioSpec = {
    name: 'hotplug-during-load', syncFallback: false, devices: { dc: {} },
    drivers: { 'dc-drv': { matches: ['dc'], present: true, probeType: 'async' }, 'b-drv': { matches: [], module: 'b' } },
    actors: { hotplug: 'add dc', udev: 'modprobe b' }, properties: ['module-init-barrier'],
  };
  // Not violated; and about nothing, since b's init can start no async entry (a premise audit,
  // 2026-12-06: it read holds). Where b's own driver probes asynchronously it holds.
  it('a device hotplugged during an unrelated module load: not violated (v5.1, v5.15)', () => {
    for (const p of ['v5.1', 'v5.15']) expect(run(spec, p).v['module-init-barrier']).toBe('vacuous');
    const own: ScenarioSpec = { ...spec, devices: { ...spec.devices, e: { present: true } }, drivers: { ...spec.drivers, 'b-drv': { matches: ['e'], module: 'b', probeType: 'async' } } };
    for (const p of ['v5.1', 'v5.15']) expect(run(own, p).v['module-init-barrier']).toBe('holds');
  });
});

// A source audit: request_module of a module that is LIVE returns at once (its modprobe finds it:
// module_patient_check_exists waits only while COMING), even while the loader's do_init_module is
// still in async_synchronize_full; the model waited for that loader, a deadlock the C cannot reach.
describe('request_module of a module already LIVE', () => {
  const spec = (seq: boolean): ScenarioSpec => ({
    name: 'request-live', syncFallback: false, buses: { pci: {}, scsi: {} },
    devices: { host: { bus: 'pci', present: true }, sda: { bus: 'scsi', parent: 'host' } },
    drivers: { ahci: { bus: 'pci', matches: ['host'], module: 'ahci', asyncScan: ['sda'] }, sd: { bus: 'scsi', matches: ['sda'], present: true, requestModule: 'cfq' } },
    modules: { ahci: {}, cfq: {} },
    actors: { user1: 'modprobe cfq', user2: seq ? ['modprobe cfq', 'modprobe ahci'] : 'modprobe ahci' }, properties: ['no-deadlock'],
  });
  it('does not wait for its loader (mainline); one that finds it COMING still can deadlock', () => {
    expect(run(spec(true), 'mainline').v['no-deadlock']).toBe('holds');
    expect(run(spec(false), 'mainline').v['no-deadlock']).toBe('violated');
  });
});

// A random-scenario hunt (2026-12-04): loading the fifth module of a scenario wrote bit 4 of a
// thread's ghost initOf, a field that held 0..15: E201 from the model's own state, not a verdict.
describe("a thread's initOf keeps a bit per module", () => {
  const mods = (n: number): ScenarioSpec => ({
    name: 'mods', devices: { a: {} },
    drivers: Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i}`, { matches: ['a'], module: `m${i}` }])),
    actors: { t: `modprobe m${n - 1}` },
  });
  it('the fifth and the eighth module load; a ninth is E601', () => {
    for (const n of [5, 8]) expect(run(mods(n), 'mainline').r.complete).toBe(true);
    expect(() => buildScenario(mods(9), 'mainline', '')).toThrow(/^scenario 'mods': it has 9 modules \(m0, .*m8\); at most 8 are modelled/);
  });
});

describe('request_module after the devices probe() registers (requestModuleLast; a mainline hunt, 2026-12-05)', () => {
  // A USB probe that adds its interface, then loads the interface's driver and waits for modprobe:
  // the driver's __driver_attach takes the interface's parent lock (need_parent_lock), which the
  // probing thread holds.
  const usb = (last: boolean): ScenarioSpec => ({
    name: 'usb-request', buses: { usb: { needParentLock: true } }, devices: { udev: {}, intf: { parent: 'udev' } },
    drivers: { usb: { matches: ['udev'], present: true, registers: ['intf'], requestModule: 'ifm', ...(last ? { requestModuleLast: true } : {}) }, ifd: { matches: ['intf'], module: 'ifm' } },
    actors: { hub: 'add udev' }, properties: ['no-deadlock'],
  });
  it('before the children (the default) nothing is there to attach yet; after them, modprobe waits for the parent lock the prober holds', () => {
    expect(run(usb(false), 'mainline').v['no-deadlock']).toBe('holds');
    const r = run(usb(true), 'mainline');
    expect(r.v['no-deadlock']).toBe('violated');
    expect(r.r.properties[0]!.explanation).toMatch(/hub waits at request_module\(usb\):wait_for_completion for modprobe ifm \(request_module\) to exit .*modprobe ifm \(request_module\) waits at __driver_attach\(intf,ifd\):lock_parent for &dev->mutex\(udev\) held by hub/);
  });
  it('requestModuleLast needs requestModule, and not workOnCpu (E601)', () => {
    expect(() => buildScenario({ ...usb(true), drivers: { ...usb(true).drivers, usb: { matches: ['udev'], present: true, requestModuleLast: true } } }, 'mainline', '')).toThrow(/requestModuleLast without requestModule/);
  });
});

// A module hunt (2026-12-05): the needs test comes before the probe's body, so a request_module of
// the module that binds what it needs never runs while that is unbound: said, not left to vacuity.
describe('a probe that requests the module binding what it needs', () => {
  it('is noted: the needs test defers it before request_module', () => {
    const s: ScenarioSpec = { name: 'req-supplier', syncFallback: false, devices: { c: { present: true }, s: { present: true } },
      drivers: { 'c-drv': { matches: ['c'], module: 'mc', needs: ['s'], requestModule: 'ms' }, 's-drv': { matches: ['s'], module: 'ms' } }, actors: { udev: 'modprobe mc' } };
    expect(buildScenario(s, 'v5.10', '').model.notes).toContain("driver 'c-drv' needs 's', which module 'ms' binds, and requests that module in its probe: the model's probe tests what it needs first and returns -EPROBE_DEFER, so while it is unbound that request_module never runs");
    expect(buildScenario({ ...s, drivers: { ...s.drivers, 'c-drv': { matches: ['c'], module: 'mc', requestModule: 'ms' } } }, 'v5.10', '').model.notes?.some((n) => n.includes('request_module never runs'))).toBe(false);
  });
});
