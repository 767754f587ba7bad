/**
 * bus->need_parent_lock (8c97a46af04b, v4.18): which paths take the parent's device_lock, held to
 * the text each profile reads. struct bus_type's field and its comment are excerpted from
 * include/linux/device.h (v4.10 without it, 8c97a46af04b with it) and include/linux/device/bus.h
 * (00c4a3c47da7, the commit of v6.6's bus.c). The model's rule is paths/common.ts takesParentLock.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, PROFILE_NAMES, buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt, resolveAnchor } from '../../src/kernel/source.js';
import { CATALOGUE } from '../../src/kernel/catalogue.js';
import { fromLog } from '../../src/logs/from-log.js';
import { parseLog } from '../../src/logs/parse.js';

const DD = 'drivers/base/dd.c';
type Rule = 'every parent' | 'need_parent_lock' | 'none';

/** The dd.c text a path's parent lock is decided by: its functions, and __device_driver_lock where they lock through it. */
function rule(snap: string, fns: string[], renamed: Readonly<Record<string, string>> = {}): Rule | undefined {
  let t = fns.map((f) => excerpt(snap, DD, renamed[f] ?? f)?.lines.join('\n') ?? '').join('\n');
  if (!t.trim()) return undefined;
  if (/__device_driver_lock\(/.test(t)) t += excerpt(snap, DD, '__device_driver_lock')!.lines.join('\n');
  if (/need_parent_lock/.test(t)) return 'need_parent_lock';
  return /device_lock\((dev->)?parent\)/.test(t) ? 'every parent' : 'none';
}

const spec = (bus: 'platform' | 'usb', op: string, bound: boolean, present = true): ScenarioSpec => ({
  name: 'parent-lock', buses: bus === 'usb' ? { usb: { needParentLock: true } } : { platform: {} },
  devices: { p: { present: true }, c: { parent: 'p', present, ...(bound ? { boundTo: 'cd' } : {}) } },
  drivers: { cd: { matches: ['c'], present: op !== 'register cd' } }, actors: { t: op },
});

/** The steps of the actor's thread that take c's parent lock on the driver core's behalf (not the USB caller's usb_lock_parent). */
const parentSteps = (p: string, bus: 'platform' | 'usb', op: string, bound: boolean, present = true) =>
  Object.keys(buildScenario(spec(bus, op, bound, present), p, '').model.threads.find((t) => t.name === 't')!.steps)
    .filter((l) => l.endsWith(':lock_parent') && !l.startsWith('usb_lock_parent'));

describe('need_parent_lock', () => {
  it('struct bus_type gets need_parent_lock with 8c97a46af04b (v4.10 has no such field) and keeps it (v6.6 bus.h)', () => {
    const v410 = excerpt('torvalds@9ed9895370ae', 'include/linux/device.h', 'bus_type')!;
    expect(v410.lines.join('\n')).not.toMatch(/need_parent_lock/);
    for (const [snap, path] of [['torvalds@8c97a46af04b', 'include/linux/device.h'], ['torvalds@00c4a3c47da7', 'include/linux/device/bus.h']] as const) {
      const ex = excerpt(snap, path, 'bus_type')!;
      expect(resolveAnchor(ex, 'bool need_parent_lock;').length, snap).toBe(1);
      expect(resolveAnchor(ex, '* @need_parent_lock:\tWhen probing or removing a device on this bus, the ... device core should lock the device\'s parent.').length, snap).toBe(2);
    }
    // The dd.c of that commit tests it inline; the flag's own line (__device_driver_lock) came with DRIVER_LOCK_HELPERS (v5.1).
    expect(rule('torvalds@8c97a46af04b', ['__driver_attach'])).toBe('need_parent_lock');
    expect(rule('torvalds@013c074f8642', ['__driver_attach'])).toBe('every parent');
  });

  // Which bus sets it: drivers/usb/core/driver.c's usb_bus_type (read 2026-12-06 at gregkh@2e30f71523ae; without it at
  // torvalds@02582e9bcc36, older than the field), and no platform_bus_type read (v4.19.y, 5.10.13, 5.15.100). The model
  // gives needParentLock to the usb bus only: the catalogue's, and from-log's `usb` where the profile has NEED_PARENT_LOCK
  // (the field's commit, held to dd.c below). usb's own setter at 8c97a46af04b is not stored: that it came with the field
  // is the commit's word, bounded by the texts (no field at v4.10; set in the later usb text).
  it('usb_bus_type sets need_parent_lock and platform_bus_type does not: the buses the model gives needParentLock', () => {
    const USB = 'drivers/usb/core/driver.c', PLAT = 'drivers/base/platform.c';
    const sets = (snap: string, path: string, name: string): boolean => {
      const ex = excerpt(snap, path, name);
      expect(ex, `${snap} ${path} ${name}`).not.toBeNull();
      return ex!.lines.some((l) => /^\s*\.need_parent_lock\s*=\s*true,/.test(l));
    };
    expect(resolveAnchor(excerpt('gregkh@2e30f71523ae', USB, 'usb_bus_type')!, '.need_parent_lock = true,').length).toBe(1);
    expect(sets('torvalds@02582e9bcc36', USB, 'usb_bus_type')).toBe(false);
    for (const snap of ['v4.19.y', 'v5.10.13', 'v5.15.100']) expect(sets(snap, PLAT, 'platform_bus_type'), snap).toBe(false);
    const text: Record<string, boolean> = { usb: sets('gregkh@2e30f71523ae', USB, 'usb_bus_type'), platform: sets('v5.15.100', PLAT, 'platform_bus_type') };
    for (const [b, bus] of Object.entries(CATALOGUE.buses!)) expect(!!bus.needParentLock, `catalogue bus ${b}`).toBe(text[b]);
    // from-log: a usb probe and a platform probe; needParentLock only on usb, and only where struct bus_type has the field.
    const log = [
      "[    1.000000] bus: 'platform': really_probe: probing driver pdrv with device pdev",
      "[    1.000100] driver: 'pdrv': driver_bound: bound to device 'pdev'",
      "[    2.000000] device: '2-1:1.0': device_add",
      "[    2.000100] bus: 'usb': add device 2-1:1.0",
      "[    2.000300] bus: 'usb': really_probe: probing driver usb-storage with device 2-1:1.0",
      "[    2.000400] driver: 'usb-storage': driver_bound: bound to device '2-1:1.0'",
    ].join('\n');
    const seen: string[] = [];
    for (const p of PROFILE_NAMES) {
      const buses = fromLog(parseLog(log), 't', p).spec.buses ?? {};
      const field = PROFILES[p]!.flags.includes('NEED_PARENT_LOCK');
      expect(Object.keys(buses).sort(), p).toEqual(['platform', 'usb']);
      for (const [b, bus] of Object.entries(buses)) expect(!!bus.needParentLock, `${p} from-log bus ${b}`).toBe(text[b]! && field);
      seen.push(`${p}:${!!buses.usb!.needParentLock}`);
    }
    expect(seen).toEqual(expect.arrayContaining(['v4.14:false', 'v4.18:true', 'mainline:true']));
  });

  // __driver_attach (a driver's registration) and driver_detach's device_release_driver_internal (its
  // unregistration) lock c's parent: on every bus before 8c97a46af04b ("if (dev->parent) /* Needed for
  // USB */"), on a need_parent_lock bus after. device_release_driver (device_del's release) passes no
  // parent, and __device_attach (device_add's probe) takes none: USB's hub code holds it around them
  // (the usb_lock_parent of an add or del on a need_parent_lock bus).
  it('each profile that reads a dd.c takes the parent lock on the paths, and buses, its text says', () => {
    const seen: string[] = [];
    for (const p of PROFILE_NAMES) {
      const prof = PROFILES[p]!, dd = prof.sources[DD];
      if (!dd) continue;
      const paths: [string, string[], boolean, boolean][] = [
        ['register cd', ['__driver_attach', 'device_driver_attach'], false, true],
        ['unregister cd', ['driver_detach', 'device_release_driver_internal'], true, true],
      ];
      for (const [op, fns, bound, present] of paths) {
        const r = rule(dd, fns, prof.renamed);
        expect(r, `${p} ${op}: ${dd} ${fns.join('/')}`).toBeDefined();
        expect(parentSteps(p, 'platform', op, bound, present).length > 0, `${p} ${op} on platform (${dd}: ${r})`).toBe(r === 'every parent');
        expect(parentSteps(p, 'usb', op, bound, present).length > 0, `${p} ${op} on usb (${dd}: ${r})`).toBe(r !== 'none');
        expect(prof.flags.includes('NEED_PARENT_LOCK'), `${p} NEED_PARENT_LOCK`).toBe(r === 'need_parent_lock');
        seen.push(`${p}:${op.split(' ')[0]}:${r}`);
      }
      // device_del's release: no parent (v3.6.0 locks only dev; from 8c97a46af04b the internal call's parent is NULL).
      const rel = excerpt(dd, DD, 'device_release_driver')!;
      expect(rel.lines.join('\n'), `${p} device_release_driver`).not.toMatch(/device_lock\((dev->)?parent\)/);
      if (rel.lines.some((l) => l.includes('device_release_driver_internal('))) expect(resolveAnchor(rel, 'device_release_driver_internal(dev, NULL, NULL);').length).toBe(1);
      for (const bus of ['platform', 'usb'] as const) expect(parentSteps(p, bus, 'del c', true), `${p} del c on ${bus}`).toEqual([]);
      // device_add's __device_attach (device_attach in v3.x) takes no parent lock.
      expect(excerpt(dd, DD, prof.renamed?.__device_attach ?? '__device_attach')!.lines.join('\n'), `${p} __device_attach`).not.toMatch(/device_lock\((dev->)?parent\)/);
      for (const bus of ['platform', 'usb'] as const) expect(parentSteps(p, bus, 'add c', false, false), `${p} add c on ${bus}`).toEqual([]);
    }
    // Both ways: every parent at v3.5 and v4.2, need_parent_lock from v4.18 (8c97a46af04b) to mainline.
    expect(seen).toEqual(expect.arrayContaining(['v3.5:register:every parent', 'v4.2:unregister:every parent', 'v4.18:register:need_parent_lock', 'v4.18:unregister:need_parent_lock', 'v5.1:register:need_parent_lock', 'mainline:unregister:need_parent_lock']));
    expect(seen.length).toBeGreaterThan(20);
  });
});
