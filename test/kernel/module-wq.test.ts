/**
 * module_wq (paths/module.ts): a load that finds its module still loading sleeps until a
 * wake_up_all(&module_wq), which the loader makes at the end of do_init_module, after its
 * async_synchronize_full, not at LIVE; v5.3 .. v6.1 a GOING module is waited for too, and from
 * v5.5 delete_module wakes the queue; v3.6 had no wait (-EEXIST at once); the async_probe module
 * parameter came with v4.2. Found by a source audit (2026-12-04) of kernel/module/main.c
 * (mainline, 6.6), kernel/module.c (5.10.13, v3.6.0) and a v3.7 tree: each of these was a
 * no-deadlock verdict the kernel does not have.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { renderResult } from '../../src/report/text.js';

// One search per scenario and profile, read for its verdicts, its waiters and its trace (each was a search of its own).
const searched = new Map<ScenarioSpec, Map<string, ReturnType<typeof check>>>();
const search = (s: ScenarioSpec, profile: string) => {
  const byProfile = searched.get(s) ?? new Map<string, ReturnType<typeof check>>();
  searched.set(s, byProfile);
  if (!byProfile.has(profile)) byProfile.set(profile, check(buildScenario(s, profile, '').model, {}));
  return byProfile.get(profile)!;
};
const verdicts = (s: ScenarioSpec, profile: string) => Object.fromEntries(search(s, profile).properties.map((p) => [p.name, p.verdict]));
const waiters = (s: ScenarioSpec, profile: string) =>
  search(s, profile).properties.find((p) => p.name === 'no-deadlock')!.waiters!.map((w) => `${w.thread} at ${w.label}`);

// A module's probe queues an async scan, whose probe calls request_module on that same module
// while it is still COMING: the modprobe sleeps on module_wq; the loader's async_synchronize_full
// waits for the scan, the scan for the modprobe, and the wake comes after the sync.
const coming: ScenarioSpec = {
  name: 'req-coming', buses: { pci: {}, scsi: {} },
  devices: { host: { bus: 'pci', present: true }, sda: { bus: 'scsi', parent: 'host' } },
  drivers: { hba: { bus: 'pci', matches: ['host'], module: 'm1', asyncScan: ['sda'] }, sd: { bus: 'scsi', matches: ['sda'], present: true, requestModule: 'm1' } },
  modules: { m1: {} }, actors: { udev: 'modprobe m1' }, properties: ['no-deadlock'], syncFallback: false,
};
// An async probe requests m0 while `rmmod m0` waits for it in async_synchronize_full (m0 GOING):
// one actor, so m0 is LIVE or GOING (never COMING) when the probe asks for it.
const going: ScenarioSpec = {
  name: 'req-going', devices: { b: {} }, drivers: { db: { matches: ['b'], present: true, probeType: 'async', requestModule: 'm0' } },
  modules: { m0: {} }, actors: { admin: ['modprobe m0', 'add b', 'rmmod m0'] }, properties: ['no-deadlock'], syncFallback: false,
};
// A module whose init leads, synchronously, to request_module of itself.
const recursive: ScenarioSpec = {
  name: 'recursive', devices: { host: { present: true }, x: { parent: 'host' } },
  drivers: { hba: { matches: ['host'], module: 'm1', registers: ['x'] }, xd: { matches: ['x'], present: true, requestModule: 'm1' } },
  modules: { m1: {} }, actors: { udev: 'modprobe m1' }, properties: ['no-deadlock'], syncFallback: false,
};

describe('module_wq', () => {
  it('a load waiting for a COMING module is woken at the end of do_init_module, after its async_synchronize_full: a deadlock from v3.14 to mainline', () => {
    for (const p of ['v4.18', 'v5.10', 'mainline']) {
      expect(verdicts(coming, p)['no-deadlock']).toBe('violated');
      expect(waiters(coming, p)).toContain('modprobe m1 (request_module) at do_init_module:module_wq');
    }
  });

  it('v5.3 .. v6.1: a load waits for a GOING module (never woken at v5.4, before 5d603311615f); from v6.2 it is -EBUSY at once', () => {
    for (const p of ['v5.4', 'v5.10', 'v6.1']) expect(waiters(going, p)).toEqual(['admin at delete_module:async_synchronize_full', 'kworker/u:async __device_attach_async_helper(b) at request_module(db):wait_for_completion', 'modprobe m0 (request_module) at do_init_module:module_wq']);
    for (const p of ['v4.18', 'v6.6', 'mainline']) expect(verdicts(going, p)['no-deadlock']).toBe('holds');
  });

  // free_module's two module_mutex regions (s45 h9): between them the module is listed and
  // UNFORMED. Before v5.3 add_unformed_module waits for a COMING or UNFORMED namesake (v4.19.y,
  // 6cd5513c813e read) though a GOING one is -EEXIST at once, and before v5.5 delete_module wakes
  // no one: `modprobe m` racing `rmmod m` sleeps for ever there. One step for both regions hid it.
  it('before v5.3 a load between free_module\'s two regions (m UNFORMED, still listed) sleeps on module_wq and nothing wakes it', () => {
    const race: ScenarioSpec = {
      name: 'rmmod-vs-modprobe', devices: { d0: { present: true, boundTo: 'drv' } }, drivers: { drv: { matches: ['d0'], module: 'm' } },
      modules: { m: { loaded: true } }, actors: { admin: 'rmmod m', udev: 'modprobe m' }, properties: ['no-deadlock', 'actors-terminate'],
    };
    for (const p of ['v3.14', 'v4.19', 'v5.4']) {
      expect(verdicts(race, p)).toEqual({ 'no-deadlock': 'violated', 'actors-terminate': 'violated' });
      expect(waiters(race, p)).toEqual(['udev at do_init_module:module_wq']);
    }
    const r = search(race, 'v4.19').properties.find((x) => x.name === 'no-deadlock')!;
    expect(r.trace!.steps.map((st) => st.label).slice(-3)).toEqual(['delete_module:module_unformed', 'do_init_module:load_module', 'delete_module:free_module']);
    for (const p of ['v3.5', 'v5.9', 'mainline']) expect(verdicts(race, p)).toEqual({ 'no-deadlock': 'holds', 'actors-terminate': 'holds' });
    // Where no load can run in the window (one modprobe, by the actor that unloads), it stays one step: no state is added.
    const alone = buildScenario({ ...race, devices: { d0: { present: true } }, modules: { m: {} }, actors: { admin: ['modprobe m', 'rmmod m'] } }, 'v4.19', '').model;
    expect(Object.keys(alone.threads.find((t) => t.name === 'admin')!.steps!).filter((l) => l.startsWith('delete_module:'))).toEqual(['delete_module:try_stop_module', 'delete_module:async_synchronize_full', 'delete_module:free_module']);
  });

  it('v3.5 (v3.6.0 read): a load of a COMING module fails at once with -EEXIST, so a module requesting itself does not hang; v5.10 waits and hangs', () => {
    expect(verdicts(recursive, 'v3.5')['no-deadlock']).toBe('holds');
    expect(verdicts(recursive, 'v5.10')['no-deadlock']).toBe('violated');
  });

  // request_module starts a modprobe per call (kmod.c call_modprobe); the model keeps one thread per
  // module. A module hunt (2026-12-04) found two false deadlocks where the second would end sooner.
  it('a second request_module while the first modprobe runs: -EEXIST at once at v3.5; a reload that wakes a modprobe asleep for a freed module', () => {
    const afterFree: ScenarioSpec = {
      name: 'second-request', devices: { c1: {}, c2: {} }, drivers: { da: { matches: ['c1', 'c2'], present: true, requestModule: 'm' } },
      modules: { m: {} }, syncFallback: false, actors: { hotplug: 'add c1', admin: ['modprobe m', 'rmmod m', 'add c2'] }, properties: ['no-deadlock', 'actors-terminate'],
    };
    expect(verdicts(afterFree, 'v5.4')).toEqual({ 'no-deadlock': 'holds', 'actors-terminate': 'holds' });
    const merged: ScenarioSpec = {
      name: 'merged', buses: { platform: {}, pci: {}, scsi: {} },
      devices: { host: { bus: 'pci', present: true }, sda: { bus: 'scsi', parent: 'host' }, c1: { bus: 'platform' } },
      drivers: { hba: { bus: 'pci', matches: ['host'], module: 'm', asyncScan: ['sda'] }, sd: { bus: 'scsi', matches: ['sda'], present: true, requestModule: 'm' },
        da: { bus: 'platform', matches: ['c1'], present: true, requestModule: 'm' } },
      modules: { m: {} }, syncFallback: false, actors: { hotplug: 'add c1' }, properties: ['no-deadlock'],
    };
    expect(verdicts(merged, 'v3.5')['no-deadlock']).toBe('holds');
    expect(verdicts(merged, 'v3.14')['no-deadlock']).toBe('violated');
  });

  it('from v6.2 (0254127ab977) a load woken on module_wq looks once and returns; before, it starts over', () => {
    const reload: ScenarioSpec = {
      name: 'wait-then-gone', devices: { c: { present: true } }, drivers: { d: { matches: ['c'], module: 'm' } }, modules: { m: {} }, syncFallback: false,
      actors: { admin: ['modprobe m', 'rmmod m'], udev: 'modprobe m' },
      properties: [defineProperty({ kind: 'action', name: 'woken-returns', check: (_b, a, move) => (move.label.endsWith(':module_wq') && (a.thread(move.thread).at ?? '').endsWith(':load_module') ? `${move.thread} looks again after its wait` : null),
        premise: { text: 'a load sleeps on module_wq', met: (v) => v.threads.some((t) => t.at?.endsWith(':module_wq') ?? false) } })],
    };
    expect(verdicts(reload, 'v6.6')['woken-returns']).toBe('holds');
    expect(verdicts(reload, 'v5.10')['woken-returns']).toBe('violated');
  });

  it('the async_probe module parameter does nothing before v4.2: v3.x syncs at the end of every init', () => {
    const s: ScenarioSpec = {
      name: 'req-async-probe', buses: { pci: {}, scsi: {} },
      devices: { host: { bus: 'pci', present: true }, sda: { bus: 'scsi', parent: 'host' } },
      drivers: { ahci: { bus: 'pci', matches: ['host'], module: 'ahci', asyncScan: ['sda'] }, sd: { bus: 'scsi', matches: ['sda'], present: true, requestModule: 'cfq' } },
      modules: { ahci: {}, cfq: { asyncProbe: true } }, actors: { modprobe: 'modprobe ahci' }, properties: ['no-deadlock'],
    };
    expect(verdicts(s, 'v3.5')['no-deadlock']).toBe('violated');
    expect(verdicts({ ...s, modules: { ahci: {}, cfq: {} } }, 'v3.5')['no-deadlock']).toBe('violated');
    // Said with the result, as a note (text: `note: ...` under the header, -q included).
    const r = check(buildScenario({ ...s, drivers: { ...s.drivers, sd: { ...s.drivers!.sd!, probeType: 'async' } } }, 'v3.5', '').model, {});
    expect(r.notes).toEqual([
      "driver 'sd' asks for asynchronous probing (probeType: 'async'), which v3.5 does not have (765230b5f084, v4.2): it probes synchronously",
      "module 'cfq' is loaded with async_probe, a parameter v3.5 does not have (v4.2): its init ends with async_synchronize_full",
    ]);
    expect(renderResult(r)).toContain("\nnote: module 'cfq' is loaded with async_probe");
    expect(check(buildScenario(s, 'v4.2', '').model, {}).notes).toBeUndefined();
  });
});
