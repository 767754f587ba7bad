/**
 * A device deleted and added again is a new struct device (kzalloc in the bus's add path): what
 * held the old one acts on the old one, and the new one starts afresh. Found by a sysfs hunt
 * (2026-12-04; bus.c at bfa54a793ba7 unbind_store, dd.c at efb0b309fa0d), each a wrong verdict.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type Property, type ScenarioSpec } from 'probecheck';
import { kernelSchema, type KS } from '../../src/kernel/state.js';
import { FRESH, REUSED } from '../../src/kernel/paths/device-add.js';

const verdicts = (s: ScenarioSpec, profile: string) =>
  Object.fromEntries(check(buildScenario(s, profile, '').model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));

describe('a device deleted and added again', () => {
  it('an unbind that looked the old struct up releases nothing of the new one (unbind_store holds its reference)', () => {
    const s: ScenarioSpec = {
      name: 'flipflop', devices: { dc: { present: true, boundTo: 'drvA' } },
      drivers: { drvA: { matches: ['dc'], present: true }, drvB: { matches: ['dc'], present: true } },
      actors: { admin: ['unbind drvA dc', 'bind drvB dc', 'maybe unbind drvB dc'], hotplug: ['del dc', 'add dc'] },
      properties: ['unbind-releases-named', 'single-binding', 'no-deadlock'],
    };
    for (const p of ['v5.10', 'mainline']) expect(verdicts(s, p)).toEqual({ 'unbind-releases-named': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' });
    // v4.18: single-binding is the known pre-v5.1 bind_store (its unlocked dev->driver test).
    expect(verdicts(s, 'v4.18')).toEqual({ 'unbind-releases-named': 'holds', 'single-binding': 'violated', 'no-deadlock': 'holds' });
  });

  it("is not blamed for a probe of the deleted struct that the deferred worker still holds (v5.4's B6: device-ready was violated)", () => {
    // Found by a deferred-probe hunt (2026-12-04): at v5.4 the worker locks the old c after
    // device_del released its driver and probes it (__device_attach has no dead test before
    // 654888327e9f): that probe is B6, no-probe-after-del. With one slot per device, the new c
    // was added inside that locked region and the old struct's probe counted as the new one's,
    // started before its device_pm_add. The add now waits while that probe of the old struct runs
    // (DevS.probeIn, a model limit); beside an old lock held outside a probe it goes on (s38 h3,
    // old-mutex-readd.test.ts).
    const s: ScenarioSpec = {
      name: 'consumer-replug', devices: { c: {}, s: {} },
      drivers: { 'c-drv': { matches: ['c'], needs: ['s'], present: true }, 's-drv': { matches: ['s'], present: true } },
      actors: { hotplug: ['add c', 'del c', 'add c'], 'hotplug s': 'add s' }, properties: ['no-probe-after-del', 'device-ready'],
    };
    for (const p of ['v4.18', 'v5.4']) {
      const r = check(buildScenario(s, p, '').model, { exhaustive: true });
      expect(Object.fromEntries(r.properties.map((x) => [x.name, x.verdict]))).toEqual({ 'no-probe-after-del': 'violated', 'device-ready': 'holds' });
      // The B6 probe is the old struct's: c is not added again before it.
      const labels = r.properties[0]!.trace!.steps.map((x) => x.label);
      expect(labels.filter((l) => l === 'device_add(c):bus_add_device')).toHaveLength(1);
    }
    expect(verdicts(s, 'v5.9')).toEqual({ 'no-probe-after-del': 'holds', 'device-ready': 'holds' });
  });

  // The sysfs hunt's other half (2026-12-04): bind_store holds the struct it looked up too
  // (bus_find_device_by_name .. put_device); the model bound the new one.
  it('a bind that looked the old struct up binds nothing: it locks the old one and finds it dead (or unregistered)', () => {
    const s: ScenarioSpec = { name: 'bind-replug', buses: { platform: { autoprobe: false } }, devices: { dc: { present: true } },
      drivers: { drvA: { matches: ['dc'], present: true } }, actors: { admin: 'bind drvA dc', hotplug: ['del dc', 'add dc'] } };
    for (const p of ['v4.18', 'v5.10', 'mainline']) {
      const { model, kernel } = buildScenario(s, p, '');
      const admin = kernel.threadNames.indexOf('admin') + 1;
      // With autoprobe off only admin's bind binds dc. The old struct's lookup (gen 0) never binds
      // the new one (gen 1): it locks the old one (DevS.oldMutex, since s39 h18; KL.gen STALE
      // before, a lock it never took) and finds it dead or unregistered.
      model.properties = [
        { kind: 'sometimes', name: 'old-struct-locked', holds: (st: KS, q) => q.at('hotplug') === null && st.dev[0]!.registered && (q.locals('admin').gen as number) === 0 && st.dev[0]!.oldMutex === admin },
        { kind: 'sometimes', name: 'new-bound-by-old-lookup', holds: (st: KS, q) => /^(bind_store|device_driver_attach|driver_probe_device|__driver_probe_device|really_probe)/.test(q.at('admin') ?? '') && (q.locals('admin').gen as number) === 0 && st.dev[0]!.gen !== 0 && st.dev[0]!.driver !== 0 },
        { kind: 'sometimes', name: 'new-bound', holds: (st: KS) => st.dev[0]!.gen !== 0 && st.dev[0]!.driver !== 0 },
      ] as Property[];
      const r = check(model);
      expect(Object.fromEntries(r.properties.map((x) => [x.name, x.verdict])), p).toEqual({ 'old-struct-locked': 'reachable', 'new-bound-by-old-lookup': 'unreachable', 'new-bound': 'reachable' });
    }
  });

  it('starts with no driver_override, so it binds the driver that matches it', () => {
    const bound = defineProperty({ kind: 'invariant', name: 'readded-binds-a', check: (v) => (v.thread('admin').at === null && v.dev('dc').registered && v.dev('dc').driver !== 'drvA' ? `dc re-added and bound to ${v.dev('dc').driver ?? 'nothing'}` : null),
      premise: { text: 'admin is done', met: (v) => v.thread('admin').at === null } });
    const s: ScenarioSpec = {
      name: 'override-readd', devices: { dc: { present: true, boundTo: 'drvA' } },
      drivers: { drvA: { matches: ['dc'], present: true }, drvB: { matches: ['dc'] } },
      actors: { admin: ['override dc drvB', 'unbind drvA dc', 'del dc', 'add dc'] }, properties: [bound],
    };
    expect(verdicts(s, 'mainline')).toEqual({ 'readded-binds-a': 'holds' });
  });

  it('a present device an actor deletes and adds again is checked by device-ready by default (B14 on a replug at v6.12)', () => {
    const s: ScenarioSpec = {
      name: 'readd-present', buses: { platform: { autoprobe: false } }, devices: { dc: { present: true } },
      drivers: { drvA: { matches: ['dc'], present: true } }, actors: { hotplug: ['del dc', 'add dc'], admin: 'bind drvA dc' },
    };
    expect(verdicts(s, 'v6.12')['device-ready']).toBe('violated');
    expect(verdicts(s, 'mainline')['device-ready']).toBe('holds');
  });

  it('driver_override on a need_parent_lock (USB) bus is E601: USB has none', () => {
    const s: ScenarioSpec = {
      name: 'usb-override', buses: { usb: { needParentLock: true } }, devices: { hub: { bus: 'usb', present: true }, intf: { bus: 'usb', parent: 'hub', present: true, boundTo: 'd' } },
      drivers: { d: { bus: 'usb', matches: ['intf'], present: true } }, actors: { admin: 'override intf d' },
    };
    expect(() => buildScenario(s, 'mainline', '')).toThrow("scenario 'usb-override': actor 'admin': override intf: intf is on bus 'usb', a need_parent_lock bus (USB), which has no driver_override");
  });
  // An audit (2026-12-05): bus_remove_device's klist_del does not wait for a bus_for_each_dev walk on
  // the node, whose klist_next goes on from the dead node to the devices after it (lib/klist.c).
  it("a driver's walk that holds the old node still meets the devices after it", () => {
    const s: ScenarioSpec = { name: 'readd-walk', devices: { a: { present: true }, b: { present: true } }, drivers: { drv: { matches: ['a', 'b'] } },
      actors: { reg: 'register drv', hot: ['del a', 'add a'] }, properties: ['no-missed-probe', 'single-binding', 'no-deadlock'] };
    for (const p of ['v4.2', 'v5.15', 'mainline']) expect(verdicts(s, p), p).toEqual({ 'no-missed-probe': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' });
  });
  // A hunt (2026-12-05): p->async_driver of the new struct starts NULL; from v5.19 __driver_attach
  // schedules only `if (!dev->driver && !dev->p->async_driver)`, so the old value blocked it.
  it("the new struct's async_driver is NULL: a later async attach is not blocked by the old one's", () => {
    const s: ScenarioSpec = { name: 'replug-async', syncFallback: false, asyncInstances: 3, devices: { d: { present: true } },
      drivers: { drv: { matches: ['d'], module: 'm', probeType: 'async' } }, modules: { m: { asyncProbe: true } },
      actors: { hotplug: ['del d', 'add d'], modprobe: 'modprobe m' }, properties: ['async-driver', 'no-missed-probe'] };
    expect(verdicts(s, 'mainline')).toEqual({ 'async-driver': 'holds', 'no-missed-probe': 'holds' });
  });
  // A review (2026-12-06): two actors delete one device and one adds it again. A second device_del
  // of the old struct (B9, single-unregister's) ran on into the new one: its kobject_del
  // unregistered the re-added struct while that struct's own add probed it (device-ready violated),
  // and its bus_remove_device marked the new struct's del begun (no-probe-after-del, mainline).
  it("a second removal that got the old struct touches nothing of the new one", () => {
    const s: ScenarioSpec = { name: 'two-dels', devices: { dc: { present: true, boundTo: 'drv' } }, drivers: { drv: { matches: ['dc'], present: true } },
      actors: { a: ['del dc', 'add dc'], b: 'del dc' } };
    for (const p of ['v4.14', 'v5.1', 'mainline']) {
      const model = buildScenario({ ...s, properties: ['device-ready', 'single-unregister', 'no-probe-after-del'] }, p, '').model;
      const gone = (st: KS, q: { at: (t: string) => string | null }) => q.at('a') === null && q.at('b') === null && st.dev[0]!.gen !== 0;
      model.properties = [...model.properties,
        // b's device_del of the old struct still runs twice on it (B9), and b may still delete the new one.
        { kind: 'sometimes', name: 'new-deleted', holds: (st: KS, q) => gone(st, q) && !st.dev[0]!.registered },
        { kind: 'sometimes', name: 'new-kept', holds: (st: KS, q) => gone(st, q) && st.dev[0]!.registered && st.dev[0]!.bound },
      ] as Property[];
      const r = Object.fromEntries(check(model, { exhaustive: true }).properties.map((x) => [x.name, x.verdict]));
      expect(r['device-ready'], p).not.toBe('violated');
      expect(r, p).toMatchObject({ 'single-unregister': 'violated', 'new-deleted': 'reachable', 'new-kept': 'reachable' });
      // Mainline's probe paths test dead (654888327e9f): the new struct's probe is not one after its del.
      if (p === 'mainline') expect(r['no-probe-after-del']).toBe('holds');
    }
  });
  // A review (2026-12-06, s35 h8): the parent's release deletes the child its probe registered, an
  // actor deletes it too, and the parent's re-bind registers it again. The actor's del of the old
  // struct ran on into the new one (DevInfo.delRace counted actors only): a false device-ready and
  // no-probe-after-del at mainline.
  it("an actor's removal of a child its parent's release also removes touches nothing of the re-registered one", () => {
    const s: ScenarioSpec = { name: 'release-and-del', devices: { p: { present: true, boundTo: 'pdrv' }, c: { present: true, parent: 'p', boundTo: 'cdrv' } },
      drivers: { pdrv: { matches: ['p'], present: true, registers: ['c'] }, cdrv: { matches: ['c'], present: true } },
      actors: { admin: ['unbind pdrv p', 'bind pdrv p'], hotplug: 'del c' }, properties: ['device-ready', 'no-probe-after-del', 'single-unregister'] };
    const model = buildScenario(s, 'mainline', '').model;
    const gone = (st: KS, q: { at: (t: string) => string | null }) => q.at('admin') === null && q.at('hotplug') === null && st.dev[1]!.gen !== 0;
    model.properties = [...model.properties,
      { kind: 'sometimes', name: 'new-deleted', holds: (st: KS, q) => gone(st, q) && !st.dev[1]!.registered },
      { kind: 'sometimes', name: 'new-kept', holds: (st: KS, q) => gone(st, q) && st.dev[1]!.registered && st.dev[1]!.bound },
    ] as Property[];
    const r = Object.fromEntries(check(model, { exhaustive: true }).properties.map((x) => [x.name, x.verdict]));
    expect(r['device-ready']).not.toBe('violated');
    expect(r).toMatchObject({ 'no-probe-after-del': 'holds', 'single-unregister': 'violated', 'new-deleted': 'reachable', 'new-kept': 'reachable' });
    // The failed probe's error path is the other removal: the retry registers c again.
    const failed: ScenarioSpec = { name: 'probe-fail-and-del', buses: { platform: { autoprobe: false } }, devices: { p: { present: true }, c: { parent: 'p' } },
      drivers: { pdrv: { matches: ['p'], present: true, registers: ['c'], probe: ['error', 'ok'] }, cdrv: { matches: ['c'], present: true } },
      actors: { admin: ['bind pdrv p', 'bind pdrv p'], hotplug: 'del c', u: 'bind cdrv c' }, properties: ['device-ready', 'no-probe-after-del'] };
    expect(verdicts(failed, 'mainline')).toEqual({ 'device-ready': 'holds', 'no-probe-after-del': 'holds' });
  });
  // (DevS.gen's wrap, refused here at 4 adds until s36: test/kernel/struct-wrap.test.ts.)
  // A review (2026-12-05): three fields were found kept across a re-add one by one.
  it('every field of a device is either reset by a re-add or says why the old value is the new struct\'s', () => {
    const w = buildScenario({ name: 'x', devices: { d: { present: true, boundTo: 'dd' } }, drivers: { dd: { matches: ['d'], present: true } }, actors: { a: 'del d' } }, 'mainline', '').world;
    // With every field a scenario may keep: device_shutdown's devices_kset place and ghost too.
    const dev = kernelSchema(w, 0, 0, undefined, false, true).fields.dev as unknown as { of: { fields: Record<string, unknown> } };
    const fields = Object.keys(dev.of.fields).sort();
    const reused = Object.keys(REUSED);
    expect(FRESH.filter((f) => reused.includes(f))).toEqual([]);
    expect([...FRESH, ...reused].sort()).toEqual(fields);
  });
});
