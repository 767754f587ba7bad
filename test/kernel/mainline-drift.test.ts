/**
 * The source-drift audit of 2026-12-06 (s35 h6): mainline's texts against the newest ones
 * torvalds/linux stores. bus.c at ea34511aaf75 ("driver core: Check drivers_autoprobe for all
 * added devices", v6.19 cycle) moved the autoprobe test out of bus_probe_device into dd.c's
 * device_initial_probe; mainline reads that bus.c, and device_add's last step anchors the test
 * where the release has it.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario } from 'probecheck';
import { excerpt, resolveAnchor } from '../../src/kernel/source.js';

const BUS = 'drivers/base/bus.c', DD = 'drivers/base/dd.c';

describe('bus_probe_device after ea34511aaf75', () => {
  it('mainline reads bus.c at ea34511aaf75: no drivers_autoprobe test there, dd.c device_initial_probe has it', () => {
    expect(PROFILES.mainline!.sources[BUS]).toBe('torvalds@ea34511aaf75');
    const bus = excerpt('torvalds@ea34511aaf75', BUS, 'bus_probe_device')!;
    expect(() => resolveAnchor(bus, 'drivers_autoprobe')).toThrow(/is not in/);
    expect(resolveAnchor(bus, 'device_initial_probe(dev);')).toHaveLength(1);
    // v6.12's still tests it before the call (bus.c@bfa54a793ba7:533).
    expect(resolveAnchor(excerpt('torvalds@bfa54a793ba7', BUS, 'bus_probe_device')!, 'if (sp->drivers_autoprobe)')).toHaveLength(1);
    const dd = excerpt(PROFILES.mainline!.sources[DD]!, DD, 'device_initial_probe')!;
    expect(dd.firstLine! + resolveAnchor(dd, 'if (sp->drivers_autoprobe)')[0]!).toBe(1153);
  });

  it("device_add's bus_probe_device step cites the autoprobe test in dd.c at mainline, in bus.c at v6.12", () => {
    const spec = { name: 'add', devices: { d: {} }, drivers: { dd: { matches: ['d'], present: true } }, actors: { a: ['add d'] } };
    const cited = (p: string) => {
      const a = buildScenario(spec, p, '').kernel.anchors.find((x) => x.local === 'device_pm_add')!;
      expect(a.error, p).toBeUndefined();
      return a.anchored.map((an) => `${an.path}:${an.fn}@${an.release}`);
    };
    expect(cited('mainline')).toContain(`${DD}:device_initial_probe@dakr@1ac45118ddf8`);
    expect(cited('mainline').some((x) => x.startsWith(`${BUS}:`))).toBe(false);
    expect(cited('v6.12')).toContain(`${BUS}:bus_probe_device@torvalds@bfa54a793ba7`);
  });
});

describe('device.h at mainline', () => {
  it('reads driver-core-7.1-rc1 (4793dae01f47): device_lock and device_unlock as at v5.3 (00289cd87676)', () => {
    const H = 'include/linux/device.h';
    expect(PROFILES.mainline!.sources[H]).toBe('torvalds@4793dae01f47');
    for (const fn of ['device_lock', 'device_unlock']) expect(excerpt('torvalds@4793dae01f47', H, fn)!.lines).toEqual(excerpt('torvalds@00289cd87676', H, fn)!.lines);
  });
});
