/**
 * B14's fix as merged, a2225b6e834a ("driver core: Don't let a device probe until it's ready"):
 * __driver_probe_device returns -EPROBE_DEFER for a device whose device_add has not set
 * DEV_FLAG_READY_TO_PROBE, which device_add sets under device_lock just before bus_probe_device
 * (patches.ts quotes the hunks and says where they were read). The check sits where every probe
 * path passes, so it also holds off bind_store, which the model's earlier `dev-ready-v3` (a skip
 * in __driver_attach only) did not: the s17 scenario of the false-alarm hunt stayed violated.
 */
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/kernel/source.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import { PATCHES, buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';

// v6.12 is the newest profile without the fix; mainline has it (READY_TO_PROBE: its dd.c is read past it).
const verdicts = (spec: ScenarioSpec, patches: string, profile = 'v6.12') => {
  const r = check(buildScenario(spec, profile, patches).model);
  expect(r.complete || r.stopped === 'all-violated').toBe(true);
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
};

// The false-alarm hunt's s17 (/tmp/fa/work/s17-async-unbind.ts), as it was, plus the liveness
// properties it does not select by default.
const S17: ScenarioSpec = {
  name: 's17', describe: 'async probing device added; sysfs unbind and bind race',
  devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true, probeType: 'async' }, 'alt-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: 'add dc', unbind: 'maybe unbind dc-drv dc', bind: 'maybe bind alt-drv dc' },
};

const autoprobeWriter = '/virtual/autoprobe-on.ts';
registerPatchFile(autoprobeWriter, [definePatch({ id: 'autoprobe-on', subject: 'echo 1 > drivers_autoprobe inside device_add', base: 'mainline',
  hunks: [{ fn: 'device_add', replace: 'bus_add_device', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => { s.bus[0]!.autoprobe = true; return orig!.run(s, t, b, c); } }) }] })]);

describe('a2225b6e834a (B14, merged)', () => {
  it('s17: bind_store probes dc before device_add set it ready on v6.12; the merged fix defers it, and mainline has it', () => {
    const before = check(buildScenario({ ...S17, properties: ['device-ready'] }, 'v6.12', '').model).properties[0]!;
    expect(before.verdict).toBe('violated');
    // bind_store -> device_driver_attach -> __driver_probe_device, between bus_add_device and device_pm_add
    expect(before.trace!.steps.map((s) => s.label)).toContain('__driver_probe_device(dc,alt-drv):check');
    expect(before.explanation).toBe('probe(dc) started in bind before device_add(dc) reached device_pm_add');
    expect(verdicts(S17, '')).toMatchObject({ 'device-ready': 'violated', 'no-deadlock': 'holds' });
    expect(verdicts(S17, 'a2225b6e834a')).toEqual({
      'single-binding': 'holds', 'device-ready': 'holds',
      'no-missed-probe': 'holds', 'actors-terminate': 'holds', 'no-deadlock': 'holds',
    });
    expect(verdicts(S17, '', 'mainline')).toEqual(verdicts(S17, 'a2225b6e834a'));
    expect(() => buildScenario(S17, 'mainline', 'a2225b6e834a')).toThrow(/already has READY_TO_PROBE/);
  });

  it('s17 with the fix: the refused bind does not lose dc, device_add probes it once ready', () => {
    const probed = defineProperty({ kind: 'leads-to', name: 'dc-probed', from: (v) => v.dev('dc').registered && v.dev('dc').driver === null, to: (v) => v.dev('dc').bound });
    const spec = { ...S17, properties: ['device-ready', 'quiescence', 'actors-terminate', probed] };
    const r = check(buildScenario(spec, 'v6.12', 'a2225b6e834a').model);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'device-ready': 'holds', quiescence: 'holds', 'actors-terminate': 'holds', 'dc-probed': 'holds' });
  });

  // A new user (2026-12-05): the bind path's hunk ran the original check, which sets can_match, and
  // returned -EPROBE_DEFER without undoing it; the C tests readiness before dev_set_can_match().
  it('no path sets can_match on a device that is not ready (bind_store included)', () => {
    for (const [profile, patches] of [['v6.12', 'a2225b6e834a'], ['mainline', '']] as const) {
      const m = buildScenario(S17, profile, patches).model;
      const cm = { kind: 'invariant' as const, name: 'can-match-when-ready', holds: (g: any) => g.dev.every((d: any) => !d.canMatch || d.ready) };
      const r = check({ ...m, properties: [...m.properties, cm] }, { properties: ['can-match-when-ready'] });
      expect(r.properties[0]!.verdict, profile).toBe('holds');
    }
  });

  it('a deferral from the ready check breaks neither no-lost-deferral nor the deferred lists', () => {
    // x is added while its driver registers; xd's probe of x defers until y is bound.
    const spec: ScenarioSpec = { name: 'b14-defer', devices: { x: {}, y: { present: true } },
      drivers: { xd: { matches: ['x'], needs: ['y'] }, yd: { matches: ['y'] } },
      actors: { hotplug: 'add x', 'insmod x': 'register xd', 'insmod y': 'register yd' } };
    const all = { 'single-binding': 'holds', 'deferred-lists': 'holds', 'no-missed-probe': 'holds',
      'no-lost-deferral': 'holds', 'actors-terminate': 'holds', quiescence: 'holds', 'no-deadlock': 'holds' };
    expect(verdicts(spec, '')).toEqual({ ...all, 'device-ready': 'violated' });
    expect(verdicts(spec, 'a2225b6e834a')).toEqual({ ...all, 'device-ready': 'holds' });
  });

  it('touches __driver_probe_device (both shapes) and device_add, and is refused where __driver_probe_device does not exist', () => {
    expect([...PATCHES['a2225b6e834a']!.touches].sort()).toEqual(['__driver_probe_device:check', 'device_add:device_pm_add', 'driver_probe_device:check']);
    expect(PATCHES['dev-ready-v3']).toBeUndefined();
    expect(() => buildScenario(S17, 'v5.10', 'a2225b6e834a')).toThrow(/E604|does not apply to v5.10/);
    // 6.1.y took it (the postings read); the v6.1 profile builds with it.
    expect(verdicts({ ...S17, properties: ['device-ready'] }, 'a2225b6e834a', 'v6.1')).toEqual({ 'device-ready': 'holds' });
  });

  // A new user (2026-12-05) checked mainline's device_add row against its cited core.c (6.18.16),
  // which has no device_lock there, and the row put the flag's write in bus_probe_device. Since
  // 2026-12-07 mainline's core.c (10864921212f) has the three lines: the row no longer says they are
  // not in it (s51 h5: s51 h3 reworded the row for both, and this test failed).
  it("device_add's row puts the lock and the flag in device_add, and says they come from the posting where the cited core.c lacks them", () => {
    const where = (profile: string, patches: string) => (Object.assign({}, ...buildScenario(S17, profile, patches).model.threads.map((t) => t.steps)) as Record<string, { where: string }>)['device_add(dc):device_pm_add']!.where;
    expect(where('v6.12', 'a2225b6e834a')).toBe('drivers/base/core.c:device_add (device_pm_add, uevent; a2225b6e834a: device_lock; dev_set_ready_to_probe; device_unlock, from its posting, not in the cited core.c), drivers/base/bus.c:bus_probe_device');
    expect(where('mainline', '')).toBe('drivers/base/core.c:device_add (device_pm_add, uevent; a2225b6e834a: device_lock; dev_set_ready_to_probe; device_unlock), drivers/base/bus.c:bus_probe_device');
    // There the step cites the three lines (device_add+129..131 at 10864921212f).
    const cited = buildScenario(S17, 'mainline', '').kernel.anchors.find((a) => a.label === 'device_add(dc):device_pm_add')!.anchored.find((an) => an.path === 'drivers/base/core.c')!;
    const text = excerpt(cited.release, cited.path, 'device_add')!.lines;
    expect(cited.release).toBe('torvalds@10864921212f');
    for (const l of ['device_lock(dev);', 'dev_set_ready_to_probe(dev);', 'device_unlock(dev);']) expect(cited.lines, l).toContain(text.findIndex((x, i) => x.trim() === l && i > 100));
    // The row merges device_unlock with the drivers_autoprobe test because nothing writes a bus's
    // autoprobe: a hunk that does is refused (s51 h5: one turning it on before the add probed nothing, in silence).
    expect(() => check(buildScenario(S17, 'mainline', autoprobeWriter).model)).toThrow(/in step 'device_add\(dc\):bus_add_device'.*a bus's autoprobe \(drivers_autoprobe\) is fixed by the scenario .*a patch may only read it/);
    // Without the fix the row is as before.
    const old = Object.assign({}, ...buildScenario(S17, 'v6.12', '').model.threads.map((t) => t.steps)) as Record<string, { where: string }>;
    expect(old['device_add(dc):device_pm_add']!.where).toBe('drivers/base/core.c:device_add (device_pm_add, uevent), drivers/base/bus.c:bus_probe_device');
  });
});
