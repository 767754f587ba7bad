/**
 * The s40 freshness audit of mainline (2026-12-06, s40 h3): torvalds/linux serves platform.c at
 * 4793dae01f47 ("Merge tag 'driver-core-7.1-rc1'", the commit of mainline's core.c and device.h).
 * Its platform_match asks device_match_driver_override() first (2b38efc05bf7), the match's half of
 * OVERRIDE_MATCH_LOCKED, which until then was read only in the postings; mainline now reads that
 * platform.c and the one-step match cites the call, and the helper's guard and strcmp in device.h.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario } from 'probecheck';
import { excerpt, resolveAnchor } from '../../src/kernel/source.js';
import { MATCH_HELPER, MATCH_OVERRIDE, PLATFORM } from '../../src/kernel/paths/driver-override.js';

// platform.c since 2026-12-07 (s51 h3) at e6054f410c97 (driver-core-7.3-rc1), its two functions as at
// 4793dae01f47; include/linux/device.h still at 4793dae01f47.
const AT = 'torvalds@e6054f410c97', H_AT = 'torvalds@4793dae01f47';

describe('platform.c at mainline (e6054f410c97, driver-core-7.3-rc1; 4793dae01f47, driver-core-7.1-rc1, until 2026-12-07)', () => {
  it('platform_match calls device_match_driver_override and no longer loads pdev->driver_override; no store of its own', () => {
    expect(PROFILES.mainline!.sources[PLATFORM]).toBe(AT);
    const m = excerpt(AT, PLATFORM, 'platform_match')!;
    expect(resolveAnchor(m, MATCH_OVERRIDE)).toHaveLength(1);
    expect(m.lines.some((l) => l.includes('pdev->driver_override'))).toBe(false);
    expect(excerpt(AT, PLATFORM, 'driver_override_store')).toBeNull();
    const bus = excerpt(AT, PLATFORM, 'platform_bus_type')!.lines.join('\n');
    expect(bus).toContain('.driver_override = true,');
    expect(bus).not.toContain('need_parent_lock');
    // v6.12's (d69d80484598) still loads the string itself: the two-step match (B13) there.
    expect(excerpt(PROFILES['v6.12']!.sources[PLATFORM]!, PLATFORM, 'platform_match')!.lines.some((l) => l.includes('pdev->driver_override'))).toBe(true);
  });

  it("the one-step match (OVERRIDE_MATCH_LOCKED) cites platform_match's call at mainline, for every reader", () => {
    const spec = { name: 'ovr', devices: { dc: {} }, drivers: { dd: { matches: ['dc'] } }, actors: { h: ['add dc'], r: ['register dd'], w: ['override dc dd'], b: ['bind dd dc'] } };
    const matches = buildScenario(spec, 'mainline', '').kernel.anchors.filter((a) => a.local === 'driver_match_device');
    // __device_attach_driver (add), __driver_attach (register), bind_store (bind).
    expect(matches.length).toBeGreaterThanOrEqual(3);
    for (const a of matches) {
      expect(a.error, a.label).toBeUndefined();
      const plat = a.anchored.find((an) => an.path === PLATFORM);
      expect(plat, a.label).toBeDefined();
      expect(plat!.release).toBe(AT);
      expect(plat!.fn).toBe('platform_match');
      // The helper's guard and strcmp, include/linux/device.h at driver-core-7.1-rc1.
      const h = a.anchored.find((an) => an.path === 'include/linux/device.h');
      expect(h, a.label).toBeDefined();
      expect([h!.release, h!.fn, h!.lines.length]).toEqual([H_AT, 'device_match_driver_override', MATCH_HELPER.length]);
    }
  });

  it("an override on a bus other than platform says mainline checks it as platform's generic driver_override, and names v6.12", () => {
    // Runyu Xiao's posting of 2026-06-02 reports the unlocked match on AMBA (and eight more buses)
    // at v6.18.21, which has cb3d1049f4ea: at mainline such a bus read holds with nothing said (s46 h4).
    const spec = (bus: string) => ({ name: 'amba-ovr', buses: { [bus]: {} }, devices: { uart0: { present: true } },
      drivers: { pl011: { matches: ['uart0'], module: 'pl011' } }, actors: { m: 'modprobe pl011', w: ['override uart0 pl011', 'override uart0 pl011'] } });
    const said = (bus: string, profile: string) => (buildScenario(spec(bus), profile, '').model.notes ?? []).filter((n) => n.includes('checked as the platform bus'));
    expect(said('amba', 'mainline')).toHaveLength(1);
    expect(said('amba', 'mainline')[0]).toContain("'uart0' on bus 'amba'");
    expect(said('amba', 'mainline')[0]).toContain('--param profile=v6.12');
    // s46 h9: AMBA and the other buses moved to the generic driver_override after v6.18.21 (the
    // series of 2026-03-24, queued for 6.18.y and 6.12.y stable): the note said AMBA's match
    // "still reads a string of its own", which is v6.18.21's, not what the postings show since.
    expect(said('amba', 'mainline')[0]).not.toContain('still reads');
    expect(said('amba', 'mainline')[0]).toContain('a kernel before them');
    expect(said('platform', 'mainline')).toHaveLength(0);   // the bus read
    expect(said('amba', 'v6.12')).toHaveLength(0);          // the string of its own, under device_lock: every bus alike
  });
});
