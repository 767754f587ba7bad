/**
 * Each kernel path on its own, in tiny scenarios (one device, one driver), with pinned state
 * counts per profile (run once, traces read, then pinned) and the verdicts they must give.
 */
import { describe, expect, it } from 'vitest';
import { RET, check, makeBackend, buildScenario, type Result, type ScenarioSpec } from 'probecheck';
import { run } from './helpers.js';

const P = ['v3.14', 'v4.2', 'v4.18', 'v5.1', 'v5.9', 'v5.19', 'mainline'] as const;
type Row = { spec: Omit<ScenarioSpec, 'name'>; counts: number[]; violated?: Partial<Record<(typeof P)[number], string[]>> };

const present = { present: true };
const TABLE: Record<string, Row> = {
  'device_add -> __device_attach (sync)': {
    spec: { devices: { d: {} }, drivers: { a: { matches: ['d'], present: true } }, actors: { hotplug: 'add d' } },
    counts: [13, 13, 13, 13, 14, 15, 15] },
  'device_add -> __device_attach_async_helper': {
    spec: { devices: { d: {} }, drivers: { a: { matches: ['d'], present: true, probeType: 'async' } }, actors: { hotplug: 'add d' } },
    counts: [13, 19, 19, 19, 20, 31, 31],
    // the sync fallback of async_schedule runs the helper under dev->mutex until b232b02bf3c2:
    // a deadlock, so device_add never returns (L5) and d is never probed (L4)
    violated: Object.fromEntries(['v4.2', 'v4.18', 'v5.1', 'v5.9'].map((p) => [p, ['actors-terminate', 'no-deadlock', 'no-missed-probe']])) },
  'bus_add_driver -> driver_attach': {
    spec: { devices: { d: present }, drivers: { a: { matches: ['d'] } }, actors: { insmod: 'register a' } },
    counts: [14, 14, 14, 14, 14, 15, 15] }, // +1: bus_for_each_dev's klist_iter_init is a step (issue 9 list order)
  'bus_add_driver async (driver_attach_async / __driver_attach_async_helper)': {
    spec: { devices: { d: present }, drivers: { a: { matches: ['d'], probeType: 'async' } }, actors: { insmod: 'register a' } },
    counts: [14, 40, 40, 29, 29, 31, 41],
    // v5.1 .. v5.19 call async_schedule_dev with dev->mutex held in __driver_attach; its sync fallback
    // runs __driver_attach_async_helper, which locks the same device: 70fe758352ca (v6.0) fixed it
    violated: Object.fromEntries(['v5.1', 'v5.9', 'v5.19'].map((p) => [p, ['actors-terminate', 'no-deadlock', 'no-missed-probe']])) },
  'device_del -> device_release_driver': {
    spec: { devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } }, actors: { hotplug: 'del d' } },
    counts: [8, 8, 8, 9, 9, 9, 9] },
  'bus_remove_driver -> driver_detach': {
    spec: { devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } }, actors: { rmmod: 'unregister a' } },
    counts: [11, 11, 11, 11, 11, 11, 11] }, // klist_remove: unlink, then wait for the walks inside the node; driver_detach takes devices off drv's klist until it is empty
  bind_store: {
    spec: { buses: { platform: { autoprobe: false } }, devices: { d: present }, drivers: { a: { matches: ['d'], present: true } }, actors: { 'sysfs bind': 'bind a d' } },
    counts: [14, 14, 14, 14, 14, 13, 13] }, // bind_store: driver_match_device is a step of its own (issue 11)
  unbind_store: {
    spec: { devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } }, actors: { 'sysfs unbind': 'unbind a d' } },
    counts: [8, 8, 8, 8, 8, 8, 8] },
  'do_init_module / delete_module': {
    spec: { devices: { d: present }, drivers: { a: { matches: ['d'], module: 'm' } }, actors: { modprobe: ['modprobe m', 'rmmod m'] } },
    counts: [30, 30, 30, 30, 30, 32, 32] },
  wait_for_device_probe: {
    spec: { devices: { d: present }, drivers: { a: { matches: ['d'] } }, actors: { insmod: 'register a', init: 'wait_for_device_probe' } },
    // from v4.5 (013c074f8642) wait_for_device_probe flushes the deferred-probe work first
    counts: [42, 42, 56, 56, 56, 60, 60] },
  'deferred probe add / trigger / work': {
    spec: { devices: { x: present, y: present }, drivers: { xd: { matches: ['x'], needs: ['y'] }, yd: { matches: ['y'] } }, actors: { insmod: ['register xd', 'register yd'] } },
    counts: [86, 86, 86, 86, 90, 112, 112] }, // v4.2 on: the same as v3.14 since probes keep a stale-or-not snapshot, not the count (paths/common.ts)
};

describe('kernel paths in tiny scenarios', () => {
  for (const [name, row] of Object.entries(TABLE)) {
    it(name, () => {
      const got = P.map((p) => run(row.spec, p));
      expect(got.map((g) => g.r.states)).toEqual(row.counts);
      P.forEach((p, i) => {
        expect(got[i]!.r.complete).toBe(true);
        expect(got[i]!.violated, `${name} on ${p}`).toEqual(row.violated?.[p] ?? []);
      });
    });
  }
});

/** Follow the first enabled move until nothing moves; returns `thread: label` lines. */
function firstPath(spec: ScenarioSpec, profile: string): string[] {
  const be = makeBackend(buildScenario(spec, profile, '').model, 'fast');
  be.loadInitial();
  const out: string[] = [];
  for (let i = 0; i < 500; i++) {
    const k = be.c.threads.findIndex((t) => be.enabled(t.index) > 0);
    if (k < 0) break;
    const th = be.c.threads[k]!;
    out.push(`${th.name}: ${th.steps[be.pc(k) - 1]!.label}`);
    be.apply(k, 0);
  }
  return out;
}

describe('traces read as kernel functions', () => {
  it('an async probe after device_add, mainline', () => {
    const spec: ScenarioSpec = { name: 't', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true, probeType: 'async' } }, actors: { hotplug: 'add d' } };
    expect(firstPath(spec, 'mainline')).toEqual([
      'hotplug: device_add(d):bus_add_device',
      'hotplug: device_add(d):device_pm_add',
      'hotplug: __device_attach(d):device_lock',
      'hotplug: __device_attach(d):check_dead',
      'hotplug: __device_attach_driver(d,a):driver_match_device',
      'hotplug: __device_attach(d):out_unlock',
      'hotplug: __device_attach(d):async_schedule',
      'kworker/u:async __device_attach_async_helper(d): __device_attach_async_helper(d):device_lock',
      'kworker/u:async __device_attach_async_helper(d): __device_attach_driver(d,a):driver_match_device',
      'kworker/u:async __device_attach_async_helper(d): driver_probe_device(d,a):check',
      'kworker/u:async __device_attach_async_helper(d): really_probe(d,a):call_probe',
      'kworker/u:async __device_attach_async_helper(d): really_probe(d,a):probe_ret',
      'kworker/u:async __device_attach_async_helper(d): really_probe(d,a):driver_bound',
      'kworker/u:async __device_attach_async_helper(d): really_probe(d,a):driver_deferred_probe_del',
      'kworker/u:async __device_attach_async_helper(d): really_probe(d,a):driver_deferred_probe_trigger',
      'kworker/u:async __device_attach_async_helper(d): driver_probe_device(d,a):deferred',
      'kworker/u:async __device_attach_async_helper(d): driver_probe_device(d,a):out',
      'kworker/u:async __device_attach_async_helper(d): __device_attach_async_helper(d):out_unlock',
      'kworker/u:async __device_attach_async_helper(d): async_run_entry_fn:done',
    ]);
  });

  it('v4.2 schedules the async attach with dev->mutex held (async_schedule before out_unlock)', () => {
    const spec: ScenarioSpec = { name: 't', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true, probeType: 'async' } }, actors: { hotplug: 'add d' } };
    const p = firstPath(spec, 'v4.2');
    expect(p.indexOf('hotplug: __device_attach(d):async_schedule')).toBeLessThan(p.indexOf('hotplug: __device_attach(d):out_unlock'));
  });

  it('the deadlock of the sync fallback is reported lockdep-style', () => {
    const { r } = run({ devices: { d: {} }, drivers: { a: { matches: ['d'], present: true, probeType: 'async' } }, actors: { hotplug: 'add d' } }, 'v4.2');
    const dl = r.properties.find((p) => p.name === 'no-deadlock')!;
    expect(dl.waiters).toEqual([{ thread: 'hotplug', label: '__device_attach_async_helper(d):device_lock', where: 'drivers/base/dd.c:__device_attach_async_helper', waits: '&dev->mutex(d) held by hotplug' }]);
    expect(dl.trace!.steps.map((s) => s.branchName).filter(Boolean)).toEqual(['sync fallback']);
  });
});

describe('kernfs active references of the bind/unbind files', () => {
  it('bus_remove_driver waits for a store in flight; a store after remove_bind_files does nothing', () => {
    const spec: ScenarioSpec = { name: 'kn', devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } },
      actors: { rmmod: 'unregister a', 'sysfs unbind': 'unbind a d' } };
    const { model } = buildScenario(spec, 'mainline', '');
    model.properties.push({ kind: 'invariant', name: 'drained', holds: (s: any) => !(s.drv[0].unregDone && s.drv[0].storesActive > 0) });
    model.properties.push({ kind: 'invariant', name: 'store-sees-files', holds: (s: any) => !(s.drv[0].storesActive > 0 && !s.drv[0].bindFiles && !s.drv[0].onBus) });
    const r = check(model);
    expect(r.properties.map((p) => `${p.name}:${p.verdict}`)).toContain('drained:holds');
    const waits = r.coverage.filter((c) => c.label.endsWith('kernfs_get_active') && c.fired > 0);
    expect(waits.length).toBe(1);
    expect(r.properties.map((p) => `${p.name}:${p.verdict}`)).toContain('store-sees-files:holds');
    expect(r.states).toBe(36); // 30 before klist_remove waited for the walks inside the node and driver_detach looped over drv's klist in a step of its own
  });

  // kernfs_fop_write became kernfs_fop_write_iter in cc099e0b3998 (v5.11, taken into 5.10.11; KERNFS_WRITE_ITER):
  // the v5.10 profile is 5.10.0. The same lock order either way, so only the label changes, never a count.
  it('the store runs in kernfs_fop_write at v5.10 and kernfs_fop_write_iter at v5.15, with the same state counts', () => {
    const spec: ScenarioSpec = { name: 'kn', devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } },
      actors: { rmmod: 'unregister a', 'sysfs unbind': 'unbind a d' } };
    const bind: ScenarioSpec = { name: 'kb', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true } }, actors: { hotplug: 'add d', admin: 'bind a d' } };
    for (const [p, fn, states] of [['v5.10', 'kernfs_fop_write', [36, 107]], ['v5.15', 'kernfs_fop_write_iter', [36, 113]]] as const) {
      const r = check(buildScenario(spec, p, '').model), rb = check(buildScenario(bind, p, '').model);
      expect(r.coverage.filter((c) => c.label.endsWith(':kernfs_get_active')).map((c) => c.label), p).toEqual([`${fn}(a):kernfs_get_active`]);
      expect(rb.coverage.filter((c) => c.label.includes('kernfs_fop_write')).map((c) => c.label.split(':')[0]), p).toEqual([`${fn}(a)`, `${fn}(a)`]);
      expect([r.states, rb.states], p).toEqual(states); // as before the rename (36/105 at v5.10, 36/111 at v5.15; +2 since 2026-12-06: hotplug's __device_attach of d bound meanwhile goes through check_dead, which 654888327e9f tests first)
    }
  });
});

describe('the module code\'s file (MODULE_DIR)', () => {
  // kernel/module.c became kernel/module/main.c in cfc1d277891e (v5.19, "module: Move all into module/"):
  // the same functions, so only the file the steps name changes, never a count.
  it('do_init_module names kernel/module.c at v5.15 and kernel/module/main.c at v5.19 and mainline, with the same state counts', () => {
    const spec: ScenarioSpec = { name: 'mod', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, modules: { m: {} },
      actors: { modprobe: ['modprobe m', 'rmmod m'] } };
    for (const [p, file, states] of [['v5.15', 'kernel/module.c', 31], ['v5.19', 'kernel/module/main.c', 32], ['mainline', 'kernel/module/main.c', 32]] as const) {
      const { model } = buildScenario(spec, p, '');
      const steps = model.threads.flatMap((th) => Object.entries(th.steps));
      const live = steps.find(([l]) => l === 'do_init_module:module_live');
      expect(live?.[1].where, p).toBe(`${file}:do_init_module`);
      // Every step of the module code names the same file; none names the other.
      const other = file === 'kernel/module.c' ? 'kernel/module/main.c' : 'kernel/module.c:';
      expect(steps.filter(([, st]) => st.where.includes(other)).map(([l]) => l), p).toEqual([]);
      expect(steps.filter(([, st]) => st.where.startsWith(`${file}:`)).length, p).toBeGreaterThan(4);
      expect(check(model).states, p).toBe(states); // as before the flag (31 at v5.15, 32 at v5.19 and mainline)
    }
  });
});

describe('klist iterator references (klist_next / klist_remove)', () => {
  // Issue 9: a host with two async children of module cmod racing rmmod cmod reported
  // module-lifetime violated on mainline: rmmod's bus_remove_driver passed klist_remove while a
  // bus_for_each_drv walk was inside __device_attach_driver for that driver. In the kernel
  // klist_remove sleeps until no iterator holds the node, so the probe finishes first.
  const spec: ScenarioSpec = {
    name: 'host-children', devices: { host: {}, c1: { parent: 'host' }, c2: { parent: 'host' } },
    drivers: { hd: { matches: ['host'], present: true }, cd: { matches: ['c1', 'c2'], module: 'cmod', probeType: 'async' } },
    actors: { init: ['modprobe cmod', 'add host', 'add c1', 'add c2'], rmmod: 'rmmod cmod' },
  };
  // Each profile's search, run once for both tests (s44 h12).
  const searched = new Map<string, Result>();
  const search = (p: string) => searched.get(p) ?? searched.set(p, check(buildScenario(spec, p, '').model)).get(p)!;
  it('module-lifetime holds on mainline and v4.2: klist_remove waits for the walk inside the driver', () => {
    for (const p of ['v4.2', 'mainline']) {
      const r = search(p);
      expect(r.properties.find((x) => x.name === 'module-lifetime')!.verdict, p).toBe('holds');
    }
  });
  it('klist_remove is where rmmod waits: the step fires, and blocks while a walk holds the node', () => {
    const r = search('mainline');
    expect(r.coverage.find((c) => c.label === 'bus_remove_driver(cd):klist_remove_wait')!.fired).toBeGreaterThan(0);
  });
});

// Found by a new-user pass (2026-12-03): driver_probe_device's step after really_probe waited for
// deferred_probe_mutex on every probe, where the C takes it only on -EPROBE_DEFER; and the trigger
// after a bind waited for it while deferred probing is off, where the C returns first.
describe('deferred_probe_mutex is waited for only where the C takes it', () => {
  const spec: ScenarioSpec = { name: 'm', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true } }, actors: { hotplug: 'add d' } };
  const steps = buildScenario(spec, 'mainline', '').model.threads.find((t) => t.name === 'hotplug')!.steps as Record<string, { await?: (s: unknown, t: unknown) => boolean }>;
  it("driver_probe_device's test of ret: only a deferring probe waits for it", () => {
    const deferred = steps['driver_probe_device(d,a):deferred']!.await!;
    expect(deferred({ deferredProbeMutex: 1 }, { ret: 0 })).toBe(true);
    expect(deferred({ deferredProbeMutex: 1 }, { ret: RET.EPROBE_DEFER })).toBe(false);
    expect(deferred({ deferredProbeMutex: 0 }, { ret: RET.EPROBE_DEFER })).toBe(true);
  });
  it('driver_deferred_probe_trigger: not while deferred probing is off', () => {
    const trigger = steps['really_probe(d,a):driver_deferred_probe_trigger']!.await!;
    expect(trigger({ deferredProbeMutex: 1, deferredProbeEnable: false }, {})).toBe(true);
    expect(trigger({ deferredProbeMutex: 1, deferredProbeEnable: true }, {})).toBe(false);
  });
});

// Found by a new-user pass (2026-12-03): `kill-del` of a device an actor adds did not wait for it,
// so kill_device and device_del ran before device_add, which then reset the dead flag: a
// no-probe-after-del and a device-ready violation on mainline that no kernel can produce.
describe('kill-del waits for its device as del does', () => {
  it('add racing kill-del: no probe after device_del, on every profile with kill_device', () => {
    const spec: ScenarioSpec = { name: 'kd', devices: { dc: {} }, drivers: { drv: { matches: ['dc'], present: true, probeType: 'async' } },
      actors: { hotplug: 'add dc', remover: 'kill-del dc' }, syncFallback: false, properties: ['no-probe-after-del', 'device-ready'] };
    for (const p of ['v5.4', 'v5.15', 'mainline']) {
      const r = check(buildScenario(spec, p, '').model, { exhaustive: true });
      // device-ready is about nothing here: only dc's own add probes it (a premise audit, 2026-12-06: it read holds).
      expect(r.properties.map((x) => [x.name, x.verdict]), p).toEqual([['no-probe-after-del', 'holds'], ['device-ready', 'vacuous']]);
      expect(r.coverage.some((e) => e.label === 'hotplug(dc):remove_event' && e.fired > 0), p).toBe(true);
    }
  });
});

// Found by a hunt at older profiles (2026-12-04): `maybe del` of a present device (or of one the
// same actor added) ran device_del whether or not the device was still registered, so a device
// another actor had deleted was deleted again (single-unregister, and at v5.1-v5.10 a stale
// deletion of the re-added device). The README promises it does nothing then.
describe("'maybe del' tests registration wherever the device comes from", () => {
  it('a present device deleted already is not deleted again', () => {
    const spec: ScenarioSpec = { name: 'npd', syncFallback: false, devices: { host: { present: true } }, drivers: { d1: { matches: ['host'], probe: 'ok' } },
      actors: { a0: ['del host', 'maybe del host'], a1: ['register d1'] }, properties: ['single-unregister'] };
    for (const p of ['v4.18', 'v5.4', 'mainline']) expect(check(buildScenario(spec, p, '').model).properties[0]!.verdict, p).toBe('holds');
    // Two removals racing are B9's duplicate device_unregister (fixed for libnvdimm by kill-del, v5.4).
    expect(check(buildScenario({ ...spec, actors: { a0: ['del host'], a1: ['maybe del host'] } }, 'v5.1', '').model).properties[0]!.verdict).toBe('violated');
  });
  it('kill-del is refused on a bus whose removal holds the parent lock (no USB path removes an interface that way)', () => {
    const spec: ScenarioSpec = { name: 'kd-usb', buses: { usb: { needParentLock: true } }, devices: { hub: { bus: 'usb', present: true }, c1: { bus: 'usb', parent: 'hub', present: true } },
      drivers: {}, actors: { a: 'kill-del c1' } };
    expect(() => buildScenario(spec, 'v5.10', '')).toThrow(/kill-del is libnvdimm's removal .*write 'del c1'/);
  });
});
