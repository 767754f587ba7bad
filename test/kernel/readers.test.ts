/**
 * Readers of driver-core state on tiny scenarios: B13 (driver_override freed under
 * platform_match, CVE-2017-12146) and L6 (the reverted c0a40097f0bc: dev_uevent under
 * device_lock waits for probe()). Also the hunk forms c0a40097f0bc needs (insert at the entry,
 * insert before RETURN after several steps). Pinned counts and verdicts.
 */
import { describe, expect, it } from 'vitest';
import { PATCHES, PROFILES, buildScenario, check, type ScenarioSpec } from 'probecheck';
import { stepLabels } from './helpers.js';
import { renderViolation } from '../../src/report/text.js';
import { fp } from '../../src/engine/hash.js';
import { FastBackend } from '../../src/engine/state/fast.js';

const run = (s: ScenarioSpec, profile: string, patches = '') => {
  const r = check(buildScenario(s, profile, patches).model, { exhaustive: true });
  return { states: r.states, v: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), r };
};
const ovr: ScenarioSpec = { name: 'b13', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true } },
  actors: { hotplug: 'add d', admin: ['override d a', 'override d a'] }, properties: ['override-uaf'] };
const l6: ScenarioSpec = { name: 'l6', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true } },
  actors: { hotplug: 'add d', udev: 'uevent d' }, properties: ['reader-no-wait-on-probe', 'no-deadlock'] };

// The counts grew on 2026-12-04 (42 to 79, 41 to 78, 71 to 136, 74 to 142): a store to d before its
// device_add now changes nothing (the driver_override file does not exist yet), where it set the string.
describe('B13: driver_override', () => {
  it('the store frees the string __device_attach\'s platform_match loaded; 6265539776a0 takes device_lock', () => {
    const bad = run(ovr, 'v4.2');
    expect(bad).toMatchObject({ states: 79, v: { 'override-uaf': 'violated' } });
    const p = bad.r.properties[0]!;
    expect(p.explanation).toBe("hotplug is about to strcmp d's driver_override string with a, and driver_override_store has kfree()d it (use after free)");
    expect(p.trace!.steps.map((s) => s.label)).toEqual(['device_add(d):bus_add_device', 'device_add(d):device_pm_add', '__device_attach(d):device_lock',
      'driver_override_store(d,a):kfree_old', '__device_attach_driver(d,a):driver_match_device', 'driver_override_store(d,a)#2:kfree_old']);
    expect(run(ovr, 'v4.2', '6265539776a0')).toMatchObject({ states: 78, v: { 'override-uaf': 'holds' } });
    expect(run(ovr, 'v4.18').v['override-uaf']).toBe('holds');
  });

  it('a store to a device not added yet changes nothing: its driver_override file does not exist', () => {
    const be = new FastBackend(buildScenario({ ...ovr, actors: { admin: ['maybe override d a', 'add d'] } }, 'v6.12', '').model);
    be.loadInitial();
    const k = be.c.threads.findIndex((t) => t.name === 'admin');
    be.apply(k, 0);                                   // driver_override_store(d,a):kfree_old
    expect((be.curG() as { dev: { ovrGen: number }[] }).dev[0]!.ovrGen).toBe(0);
  });

  it('the fix covers matches under device_lock only: __driver_attach matches before locking', () => {
    const da: ScenarioSpec = { ...ovr, devices: { d: { present: true } }, drivers: { a: { matches: ['d'] } }, actors: { insmod: 'register a', admin: ['override d a', 'override d a'] } };
    expect(run(da, 'v4.18')).toMatchObject({ states: 45, v: { 'override-uaf': 'violated' } });
  });

  // platform_match tests pdev->driver_override before anything else (platform.c@d69d80484598), so
  // any platform driver's __driver_attach reads d's string, not only d's driver's: a new user,
  // 2026-12-05, registered an unrelated driver, and the base read 'vacuous' (the walk visited only
  // the devices its driver matches) where the C has the use after free.
  it("an unrelated driver's registration reads d's driver_override too: its platform_match loads the string unlocked", () => {
    const other: ScenarioSpec = { ...ovr, devices: { d: { present: true, boundTo: 'a' }, x: { present: true }, y: { present: true } },
      drivers: { a: { matches: ['d'], present: true }, b: { matches: ['x'] } }, actors: { insmod: 'register b', admin: ['override d a', 'override d a'] } };
    const r = run(other, 'v6.12');
    expect(r.v['override-uaf']).toBe('violated');
    expect(r.r.properties[0]!.explanation).toBe("insmod is about to strcmp d's driver_override string with b, and driver_override_store has kfree()d it (use after free)");
    expect(run(other, 'mainline').v['override-uaf']).toBe('holds');
    // A device nobody overrides is still not visited by a driver that does not match it.
    const walked = [...stepLabels(other, 'v6.12').keys()].filter((l) => l.includes('__driver_attach(')).map((l) => l.replace(/^.*__driver_attach\((\w+),.*$/, '$1'));
    expect([...new Set(walked)].sort()).toEqual(['d', 'x']);
  });

  // bind_store calls driver_match_device -> platform_match without dev->mutex at every bus.c read (v3.6.0 bus.c:205,
  // v5.10.13 and 204db60c8357 bind_store, 00c4a3c47da7 bus.c:264); 6265539776a0 locks only the store.
  it('the fix does not cover bind_store either: its platform_match loads the string without the lock', () => {
    const bs: ScenarioSpec = { ...ovr, drivers: { a: { matches: ['d'], present: true, probe: 'error' } }, actors: { admin: ['add d', 'bind a d'], w: ['override d a', 'override d a'] } };
    // The store's VFS entry is kernfs_fop_write until cc099e0b3998 (v5.11, KERNFS_WRITE_ITER): a label only, the counts are the same.
    const tail = (p: string) => [`${PROFILES[p]!.flags.includes('KERNFS_WRITE_ITER') ? 'kernfs_fop_write_iter' : 'kernfs_fop_write'}(a):kernfs_get_active`,
      'bind_store(d,a):bus_find_device_by_name', 'driver_override_store(d,a):kfree_old', 'bind_store(d,a):driver_match_device', 'driver_override_store(d,a)#2:kfree_old'];
    for (const [p, patches, states] of [['v4.2', '6265539776a0', 136], ['v4.18', '', 136], ['v5.10', '', 142], ['v5.15', '', 142], ['v6.12', '', 142]] as const) {
      const r = run(bs, p, patches);
      expect(r, p).toMatchObject({ states, v: { 'override-uaf': 'violated' } });
      const pr = r.r.properties[0]!;
      expect(pr.explanation).toBe("admin is about to strcmp d's driver_override string with a, and driver_override_store has kfree()d it (use after free)");
      expect(pr.trace!.steps.map((s) => s.label).slice(-5), p).toEqual(tail(p));
    }
    expect([...stepLabels(bs, 'v6.12').keys()].filter((l) => l.endsWith(':strcmp')).sort()).toEqual(['admin: __device_attach_driver(d,a):strcmp', 'admin: bind_store(d,a):strcmp']);
  });

  // The fix that stayed in mainline (v7.0-rc): the string under a spinlock of its own, the test
  // and strcmp under it, the store's swap under it; dc23806a7c47's device_lock was reverted.
  it('cb3d1049f4ea (+ 2b38efc05bf7): every reader matches under driver_override.lock, and none reads a freed string', () => {
    const da: ScenarioSpec = { ...ovr, devices: { d: { present: true } }, drivers: { a: { matches: ['d'] } }, actors: { insmod: 'register a', admin: ['override d a', 'override d a'] } };
    const bs: ScenarioSpec = { ...ovr, drivers: { a: { matches: ['d'], present: true, probe: 'error' } }, actors: { admin: ['add d', 'bind a d'], w: ['override d a', 'override d a'] } };
    // __device_attach's match was already safe under device_lock (6265539776a0); the unlocked two were not.
    for (const [sp, before] of [[ovr, 'holds'], [da, 'violated'], [bs, 'violated']] as const) {
      const who = Object.keys(sp.actors!).join();
      expect(run(sp, 'v6.12').v['override-uaf'], who).toBe(before);
      expect(run(sp, 'v6.12', 'cb3d1049f4ea').v['override-uaf'], who).toBe('holds');
      expect([...stepLabels(sp, 'v6.12', 'cb3d1049f4ea').keys()].some((l) => l.endsWith(':strcmp'))).toBe(false);
      // mainline reads a dd.c with the store's half (OVERRIDE_MATCH_LOCKED): the same steps as the patch.
      expect(run(sp, 'mainline').v['override-uaf'], who).toBe('holds');
    }
    expect(() => run(ovr, 'mainline', 'cb3d1049f4ea')).toThrow(/already has OVERRIDE_MATCH_LOCKED/);
  });

  // v4.2 (ATTACH_DRIVER_EBUSY, dd.c@013c074f8642:546-549): `if (dev->driver) return -EBUSY;`
  // comes before driver_match_device. The async helper (no entry check at v4.2) reaches d after
  // a sysfs bind; the model loaded d's driver_override there first (a source audit, 2026-12-03).
  it('v4.2: __device_attach_driver returns -EBUSY on a bound device before it loads driver_override', () => {
    const spec: ScenarioSpec = { name: 'ebusy', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true, probeType: 'async' } },
      actors: { hotplug: 'add d', admin: 'bind a d', w: 'override d a' }, properties: ['override-uaf'] };
    const be = new FastBackend(buildScenario(spec, 'v4.2', '').model), T = be.c.threads;
    const seen = new Set<string>();
    let matches = 0, onBound = 0;
    be.loadInitial();
    seen.add(`${fp.hi}:${fp.lo}`);
    be.pushCur(0, 0);
    while (be.popFront()) {
      const bound = (be.curG() as { dev: { driver: number }[] }).dev[0]!.driver !== 0;
      const at = T.map((th) => be.pc(th.index));
      be.expand((k) => {
        const n8 = new Uint8Array(be.nextWords().buffer), o = T[k]!.pcOffset;
        const label = T[k]!.steps[at[k]! - 1]!.label, nextPc = T[k]!.pcWide ? n8[o]! | (n8[o + 1]! << 8) : n8[o]!;
        if (/^__device_attach_driver\(d,a\)(#\d+)?:driver_match_device$/.test(label)) {
          matches++;
          if (bound) { onBound++; expect(nextPc === 0 ? null : T[k]!.steps[nextPc - 1]!.label, label).not.toMatch(/:strcmp$/); }
        }
        const key = `${fp.hi}:${fp.lo}`;
        if (!seen.has(key)) { seen.add(key); be.pushNext(0, 0); }
      });
    }
    expect(matches).toBeGreaterThan(0);
    expect(onBound).toBeGreaterThan(0);
  });

  it('a device nobody overrides keeps the one-step match (no strcmp step)', () => {
    const labels = [...stepLabels({ ...ovr, actors: { hotplug: 'add d' } }, 'v4.2').keys()];
    expect(labels.some((l) => l.endsWith(':strcmp'))).toBe(false);
    expect([...stepLabels(ovr, 'v4.2').keys()].filter((l) => l.endsWith(':strcmp'))).toEqual(['hotplug: __device_attach_driver(d,a):strcmp']);
  });
});

describe('dc1771f71854: the revert of c0a40097f0bc', () => {
  it('takes UEVENT_SHOW_LOCKED away on v6.12 (6.12.y with 18daa52418e7: neither L6 nor B11), and applies only where the lock is', () => {
    expect(run(l6, 'v6.12').v['reader-no-wait-on-probe']).toBe('violated');
    expect(run(l6, 'v6.12', 'dc1771f71854').v['reader-no-wait-on-probe']).toBe('holds');
    expect(run(l6, 'v6.12', 'dc1771f71854,18daa52418e7').v['reader-no-wait-on-probe']).toBe('holds');
    expect(() => run(l6, 'mainline', 'dc1771f71854')).toThrow(/has no UEVENT_SHOW_LOCKED to revert/);
  });
});

describe('L6: a uevent reader must not wait for probe()', () => {
  // A new user (2026-12-05) wrote c0a40097f0bc as their own patch, its lock step named
  // uevent_show_lock: the property looked for a step named device_lock, and diff said no regression.
  it("a user's own waiting step in dev_uevent counts as a wait, whatever its name", async () => {
    const { definePatch, RETURN } = await import('probecheck');
    const mine = definePatch({ id: 'uevent-show-lock', subject: 'driver core: Fix uevent_show() vs driver detach race', base: 'v6.6', hunks: [
      { fn: 'dev_uevent', insert: { label: 'uevent_show_lock', after: null, before: 'if_driver' }, step: (site: any) => ({ where: 'drivers/base/core.c:uevent_show', strong: true,
        await: (s: any) => s.dev[site.dev]!.mutex === 0, waits: () => `&dev->mutex(${site.k.vn(site.dev)})`,
        run: (s: any) => { s.dev[site.dev]!.mutex = site.tb.owner; return 'if_driver'; } }) },
      { fn: 'dev_uevent', replace: 'if_driver', step: (site: any, orig: any) => ({ ...orig, run: (s: any, t: any, b: any, c: any) => { const n = orig.run(s, t, b, c); if (n === RETURN) s.dev[site.dev]!.mutex = 0; return n; } }) },
      { fn: 'dev_uevent', replace: 'add_uevent_var', step: (site: any, orig: any) => ({ ...orig, run: (s: any, t: any, b: any, c: any) => { const n = orig.run(s, t, b, c); s.dev[site.dev]!.mutex = 0; return n; } }) },
    ] });
    const { registerPatchFile } = await import('../../src/kernel/define-patch.js');
    registerPatchFile('/virtual/uevent-show-lock.ts', [mine]);
    const r = check(buildScenario(l6, 'v6.6', '/virtual/uevent-show-lock.ts').model, { exhaustive: true });
    const p = r.properties.find((x) => x.name === 'reader-no-wait-on-probe')!;
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toBe("udev reads d's uevent and waits at dev_uevent(d):uevent_show_lock (a step your patch uevent-show-lock made), with &dev->mutex(d) held by hotplug across a.probe(d) (in hotplug)");
    expect(run(l6, 'v6.6').v['reader-no-wait-on-probe']).toBe('holds');
  });

  it('c0a40097f0bc makes dev_uevent wait for the device lock probe() holds; without it the reader never waits', () => {
    const bad = run(l6, 'v5.19', 'c0a40097f0bc');
    expect(bad).toMatchObject({ states: 39, v: { 'reader-no-wait-on-probe': 'violated', 'no-deadlock': 'holds' } });
    expect(bad.r.properties[0]!.explanation).toBe("udev reads d's uevent and waits for &dev->mutex(d), held by hotplug across a.probe(d) (in hotplug)");
    // The trace ends with the reader blocked: the result says where, on what, and who holds it.
    expect(bad.r.properties[0]!.waiting).toEqual([{ thread: 'udev', label: 'dev_uevent(d):device_lock', where: expect.stringMatching(/^drivers\/base\/core\.c:dev_uevent/), waits: '&dev->mutex(d) held by hotplug' }]);
    expect(renderViolation(bad.r, bad.r.properties[0]!)).toMatch(/\nBlocked where the trace ends:\n  udev waits for &dev->mutex\(d\) \(held by hotplug since step \d+\)\n      blocked at dev_uevent\(d\):device_lock in drivers\/base\/core\.c:dev_uevent/);
    expect(run(l6, 'v5.19')).toMatchObject({ states: 38, v: { 'reader-no-wait-on-probe': 'holds' } });
    // On top of 18daa52418e7 (which replaces if_driver) the unlock edge still applies: no deadlock.
    expect(run(l6, 'mainline', 'c0a40097f0bc')).toMatchObject({ states: 38, v: { 'reader-no-wait-on-probe': 'violated', 'no-deadlock': 'holds' } });
  });

  it('c0a40097f0bc inserts dev_uevent:device_lock at the entry and dev_uevent:device_unlock on both edges out', () => {
    const a = stepLabels(l6, 'v5.19'), b = stepLabels(l6, 'v5.19', 'c0a40097f0bc');
    const added = [...b.keys()].filter((k) => !a.has(k));
    expect(added).toEqual(['udev: dev_uevent(d):device_lock', 'udev: dev_uevent(d):device_unlock']);
    expect(PATCHES['c0a40097f0bc']!.touches).toEqual(['dev_uevent:device_lock', 'dev_uevent:device_unlock']);
    // The thread's entry is the inserted lock step.
    const { model } = buildScenario(l6, 'v5.19', 'c0a40097f0bc');
    expect(Object.keys(model.threads.find((t) => t.name === 'udev')!.steps)[0]).toBe('dev_uevent(d):device_lock');
  });
});
