/**
 * sysfs drivers_probe (bus.c drivers_probe_store -> bus_rescan_devices_helper -> device_attach):
 * paths/drivers-probe.ts. What it reaches is __device_attach(dev, false), the synchronous attach,
 * so the races of that path are reachable from a shell: a device_del in flight finds its device
 * probed until 654888327e9f (v5.9) made __device_attach test dead.
 */
import { describe, expect, it } from 'vitest';
import { RET, buildScenario, check, ProbecheckError, type ScenarioSpec } from 'probecheck';

const verdicts = (s: ScenarioSpec, profile: string) =>
  Object.fromEntries(check(buildScenario(s, profile, '').model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));

// A bus that does not autoprobe: only the store probes dc.
const racingDel: ScenarioSpec = {
  name: 'drivers-probe-del', buses: { platform: { autoprobe: false } }, devices: { dc: { present: true } },
  drivers: { drv: { matches: ['dc'], present: true } }, actors: { admin: 'drivers_probe dc', hotplug: 'del dc' },
  properties: ['no-probe-after-del', 'single-binding', 'no-deadlock'],
};

describe('drivers_probe', () => {
  it('probes a device on a bus that does not autoprobe: dc ends bound in some run', () => {
    const m = buildScenario({ ...racingDel, actors: { admin: 'drivers_probe dc' } }, 'mainline', '').model;
    m.properties = [{ kind: 'sometimes', name: 'bound', holds: (s: { dev: { bound: boolean }[] }) => s.dev[0]!.bound }];
    expect(check(m, { exhaustive: true }).properties[0]!.verdict).toBe('reachable');
  });

  it("racing device_del, it probes a dying device until __device_attach tests dead (654888327e9f, v5.9)", () => {
    for (const p of ['v3.5', 'v4.14', 'v5.1', 'v5.4']) expect(verdicts(racingDel, p)['no-probe-after-del'], p).toBe('violated');
    for (const p of ['v5.9', 'v5.15', 'v6.12', 'mainline']) expect(verdicts(racingDel, p)['no-probe-after-del'], p).toBe('holds');
    // The probe is the store's own, after device_del set dead: bus_rescan_devices_helper's unlocked
    // dev->driver test passed before the del began.
    const r = check(buildScenario(racingDel, 'v5.4', '').model, { properties: ['no-probe-after-del'] });
    const labels = r.properties[0]!.trace!.steps.map((x) => `${x.thread} ${x.label}`);
    expect(labels[0]).toBe('admin drivers_probe_store(dc):bus_find_device_by_name');
    expect(labels.findIndex((l) => l.startsWith('hotplug device_del(dc):set_dead'))).toBeLessThan(labels.findIndex((l) => l.startsWith('admin __device_attach(dc):device_lock')));
  });

  it('probes synchronously in the store, for a driver that asks for async probing too (device_attach: allow_async false)', () => {
    const s: ScenarioSpec = { ...racingDel, drivers: { drv: { matches: ['dc'], present: true, probeType: 'async' } }, actors: { admin: 'drivers_probe dc' } };
    const m = buildScenario(s, 'mainline', '').model;
    const workers = m.threads.filter((t) => t.name.startsWith('kworker')).map((t) => t.name);
    m.properties = [
      { kind: 'invariant', name: 'no-async-entry', holds: (_s: unknown, q) => workers.every((t) => q.at(t) === null) },
      { kind: 'sometimes', name: 'probed-in-store', holds: (_s: unknown, q) => (q.at('admin') ?? '').startsWith('really_probe(dc,drv):') },
    ];
    expect(check(m, { exhaustive: true }).properties.map((p) => p.verdict)).toEqual(['holds', 'reachable']);
    // The same driver added by hotplug on an autoprobing bus is probed by an async entry.
    const hot = buildScenario({ ...s, buses: { platform: {} }, devices: { dc: {} }, actors: { hotplug: 'add dc' } }, 'mainline', '').model;
    hot.properties = [{ kind: 'sometimes', name: 'async-entry', holds: (_s: unknown, q) => workers.some((t) => q.at(t) !== null) }];
    expect(check(hot, { exhaustive: true }).properties[0]!.verdict).toBe('reachable');
  });

  it("takes the parent's lock on every bus before 8c97a46af04b (v4.18), on a need_parent_lock bus since", () => {
    const s: ScenarioSpec = { name: 'dp-parent', buses: { platform: { autoprobe: false } }, devices: { p: { present: true }, c: { parent: 'p', present: true } },
      drivers: { cd: { matches: ['c'], present: true } }, actors: { admin: 'drivers_probe c' } };
    const labels = (spec: ScenarioSpec, p: string) => Object.keys(buildScenario(spec, p, '').model.threads[0]!.steps);
    expect(labels(s, 'v4.14')).toContain('drivers_probe_store(c):lock_parent');
    expect(labels(s, 'v4.18')).not.toContain('drivers_probe_store(c):lock_parent');
    const usb: ScenarioSpec = { ...s, buses: { usb: { needParentLock: true, autoprobe: false } } };
    expect(labels(usb, 'mainline')).toContain('drivers_probe_store(c):lock_parent');
    // Held while __device_attach runs: an actor holding the parent blocks the store, not the reverse.
    const held: ScenarioSpec = { ...usb, actors: { admin: 'drivers_probe c', other: ['lock p', 'lock c', 'unlock c', 'unlock p'] } };
    expect(verdicts(held, 'mainline')['no-deadlock']).toBe('holds');
    const abba: ScenarioSpec = { ...usb, actors: { admin: 'drivers_probe c', other: ['lock c', 'lock p', 'unlock p', 'unlock c'] } };
    expect(verdicts(abba, 'mainline')['no-deadlock']).toBe('violated');
  });

  it('is refused where it can never probe, and names the device (E601)', () => {
    const never = (s: ScenarioSpec) => { try { buildScenario(s, 'mainline', ''); return ''; } catch (e) { return e instanceof ProbecheckError ? `${e.code} ${e.message}` : String(e); } };
    expect(never({ ...racingDel, drivers: { drv: { matches: [], present: true } } })).toMatch(/^E601 .*drivers_probe dc.*no driver matches device 'dc'/);
    expect(never({ ...racingDel, drivers: { drv: { matches: ['dc'] } } })).toMatch(/^E601 .*no driver that matches device 'dc' is ever registered \(drv\)/);
    expect(never({ ...racingDel, actors: { admin: 'drivers_probe dc' }, devices: { dc: {} } })).toMatch(/^E601 .*device 'dc' is never registered/);
    expect(never({ ...racingDel, actors: { admin: 'drivers_probe' } })).toMatch(/^E601 .*'drivers_probe' takes 1 argument/);
    expect(never({ ...racingDel, actors: { admin: 'maybe drivers_probe dc' }, devices: { dc: {} } })).toBe('');
    // A registration later in the same actor is named, as for bind (a hunt, 2026-12-05: the message
    // said no actor registers it; a driver in a module is registered by its modprobe).
    const late = { ...racingDel, drivers: { drv: { matches: ['dc'], module: 'm' } } };
    expect(never({ ...late, actors: { admin: ['drivers_probe dc', 'modprobe m'] } })).toMatch(/'drivers_probe dc' can never take effect: .*\(drv\) \(the 'modprobe' later in actor 'admin' comes too late\)/);
    expect(never({ ...late, actors: { admin: ['bind drv dc', 'modprobe m'] } })).toMatch(/'bind drv dc' can never take effect: .*module 'm' \(the 'modprobe' later in actor 'admin' comes too late\)/);
  });
});

// 654888327e9f (dd.c at 654888327e9f:862-870, and every later dd.c read): `if (dev->p->dead) { goto out_unlock; }
// } else if (dev->driver) { if (device_is_bound(dev)) { ret = 1; ...`: the dead test comes first, so a dead
// device returns 0 even when bound. Until 2026-12-06 the model tested dev->driver in the device_lock step and
// only the no-driver branch reached check_dead: a dead, bound device returned 1 and its trace cited the
// dev->driver test before the dead one. A bind between the store's unlocked `!dev->driver` test and its
// device_lock, then device_del's kill_device, gives __device_attach such a device.
describe('__device_attach tests dead before dev->driver (654888327e9f, v5.9)', () => {
  const spec: ScenarioSpec = { ...racingDel, actors: { admin: 'drivers_probe dc', binder: 'bind drv dc', hotplug: 'del dc' }, properties: [] };
  for (const p of ['v5.9', 'v6.12', 'mainline']) {
    it(`${p}: a dead, bound device reaches check_dead and returns 0`, () => {
      const m = buildScenario(spec, p, '').model;
      type S = { dev: { dead: boolean; driver: number; bound: boolean }[] };
      m.properties = [
        { kind: 'sometimes', name: 'dead-bound-at-dead-test', holds: (s: S, q) => q.at('admin') === '__device_attach(dc):check_dead' && s.dev[0]!.dead && s.dev[0]!.driver !== 0 },
        { kind: 'invariant', name: 'dead-returns-0', holds: (s: S, q) => q.at('admin') !== '__device_attach(dc):out_unlock' || !s.dev[0]!.dead || q.locals('admin').ret === RET.ZERO },
        { kind: 'sometimes', name: 'bound-returns-1', holds: (s: S, q) => q.at('admin') === '__device_attach(dc):out_unlock' && !s.dev[0]!.dead && s.dev[0]!.bound && q.locals('admin').ret === RET.BOUND },
      ];
      expect(check(m, { exhaustive: true }).properties.map((x) => `${x.name} ${x.verdict}`)).toEqual(['dead-bound-at-dead-test reachable', 'dead-returns-0 holds', 'bound-returns-1 reachable']);
    });
  }
});
