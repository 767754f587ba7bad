/**
 * Texts read for older profiles by s39 h2 (kernel/README.md): scsi_scan.c of v3.6.0 (v3.5), of
 * the 4.0 study tree (v3.14) and of gregkh@237edd281d52 (v5.1, v5.19; release not identified), platform.c of the 4.0 study tree (v4.2, the nearest below) and of
 * v4.19.y (v4.18, the nearest above). The steps of those functions must resolve in them; and the
 * fix 6265539776a0 (v4.13), applied at v4.2, cites the device_lock its store gains, which v4.2's
 * own text lacks, so it names the text whose store has it (v4.19.y: the commit's own is not stored).
 * v3.5 reads async.c of v3.6.0, whose async_run_entry_fn takes async_lock twice (before entry->func,
 * to move the entry to its domain's running list, and after it): the end step cites the second.
 * message.c of v3.6.0 is read by v4.2, v4.18 and v5.1 (its driver_set_config_work is 6.18.y's).
 * And v6.12 reads core.c at 9a71892cbcdb (v6.12-rc6, after the reverts of driver-core-6.12-rc1), so
 * dev_uevent and device_shutdown, which it left unread at 56d16d44fe8d, are checked there.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt } from '../../src/kernel/source.js';

// models/module-async.ts variant=scan; models/lockless-readers.ts variant=driver_override.
const SCAN: ScenarioSpec = {
  name: 'scan', buses: { pci: {} }, devices: { hba: { present: true } }, drivers: { 'hba-drv': { matches: ['hba'], module: 'm', workOnCpu: true, asyncScan: true } },
  modules: { m: { asyncProbe: false } }, actors: { modprobe: 'modprobe m' },
};
const OVERRIDE: ScenarioSpec = {
  name: 'override', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: 'add dc', 'echo dc-drv > driver_override': ['override dc dc-drv', 'override dc dc-drv'] },
};

// models/reboot.ts race=async; models/lockless-readers.ts variant=uevent.
const REBOOT: ScenarioSpec = {
  name: 'reboot', devices: { host: { present: true }, dc: { parent: 'host' } }, drivers: { 'dc-drv': { matches: ['dc'], present: true, probeType: 'async' } },
  syncFallback: false, actors: { hotplug: 'add dc', reboot: 'device_shutdown' },
};
const UEVENT: ScenarioSpec = { name: 'uevent', devices: { dc: { present: true, boundTo: 'dc-drv' } }, drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { 'echo dc > unbind': 'unbind dc-drv dc', 'udev: cat uevent': 'uevent dc' } };

// models/usb-parent-lock.ts path=sync.
const USB: ScenarioSpec = {
  name: 'usb', buses: { usb: { needParentLock: true } }, devices: { udev: { present: true, boundTo: 'usb' }, intf: { parent: 'udev' } },
  drivers: { usb: { matches: ['udev'], present: true }, 'usb-storage': { matches: ['intf'], present: true } }, actors: { hub_event: ['add intf', 'del intf'] },
};

/** The anchors of the steps cited in `file`, and those that do not resolve (for any reason). */
function anchorsIn(spec: ScenarioSpec, profile: string, patches: string, file: string) {
  const as = buildScenario(spec, profile, patches).kernel.anchors.filter((a) => a.where.startsWith(file) || (a.error ?? '').includes(file));
  return { count: as.length, broken: as.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`) };
}

describe('older texts of scsi_scan.c and platform.c', () => {
  for (const p of ['v3.5', 'v3.14', 'v5.1', 'v5.19']) {
    it(`${p}: the async scan's steps resolve in its scsi_scan.c`, () => {
      const { count, broken } = anchorsIn(SCAN, p, '', 'drivers/scsi/scsi_scan.c');
      expect(count).toBeGreaterThanOrEqual(2);
      expect(broken).toEqual([]);
    });
  }
  for (const p of ['v4.2', 'v4.18']) {
    it(`${p}: platform_match and driver_override_store resolve in its platform.c`, () => {
      const { count, broken } = anchorsIn(OVERRIDE, p, '', 'drivers/base/platform.c');
      expect(count).toBeGreaterThanOrEqual(2);
      expect(broken).toEqual([]);
    });
  }
  it('v4.2 + 6265539776a0: the store\'s device_lock resolves in the patch\'s platform.c', () => {
    const { count, broken } = anchorsIn(OVERRIDE, 'v4.2', '6265539776a0', 'drivers/base/platform.c');
    expect(count).toBeGreaterThanOrEqual(2);
    expect(broken).toEqual([]);
  });
  for (const [what, spec, fn] of [['device_shutdown', REBOOT, 'device_shutdown'], ['dev_uevent', UEVENT, 'dev_uevent']] as const) {
    it(`v6.12: ${what}'s steps resolve in core.c at 9a71892cbcdb`, () => {
      const as = buildScenario(spec, 'v6.12', '').kernel.anchors.filter((a) => a.where.startsWith(`drivers/base/core.c:${fn}`) || (a.error ?? '').includes(`core.c:${fn}`));
      expect(as.length).toBeGreaterThanOrEqual(1);
      expect(as.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
    });
  }
  for (const p of ['v4.2', 'v4.18', 'v5.1']) {
    it(`${p}: the hub's usb_lock_device and usb_unlock_device resolve in message.c of v3.6.0`, () => {
      const { count, broken } = anchorsIn(USB, p, '', 'drivers/usb/core/message.c');
      expect(count).toBeGreaterThanOrEqual(2);
      expect(broken).toEqual([]);
    });
  }
  it('v3.5: async_run_entry_fn\'s end resolves in v3.6.0\'s async.c, from the second async_lock, after entry->func', () => {
    const as = buildScenario(SCAN, 'v3.5', '').kernel.anchors.filter((a) => a.where.startsWith('kernel/async.c:async_run_entry_fn'));
    expect(as.length).toBeGreaterThanOrEqual(1);
    expect(as.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
    const ex = excerpt('v3.6.0', 'kernel/async.c', 'async_run_entry_fn')!;
    const call = ex.lines.findIndex((l) => l.includes('entry->func(entry->data, entry->cookie);'));
    for (const a of as) for (const r of a.anchored) {
      expect(r.release).toBe('v3.6.0');
      expect(Math.min(...r.lines), a.label).toBeGreaterThan(call);
    }
  });
});
