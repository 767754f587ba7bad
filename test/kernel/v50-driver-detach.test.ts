/**
 * v5.0 reads dd.c of v4.19.y, whose __device_release_driver still syncs async probes; v5.0 has the
 * sync in driver_detach (ASYNC_SYNC_IN_DRIVER_DETACH). Since 2026-12-07 (s42 h6) it reads
 * driver_detach at 3451a495ef24 (v5.1-rc1, the nearest dd.c above with the move, a `path:fn`
 * source), so rmmod's driver_detach steps are checked at v5.0; __device_release_driver stays
 * unread: 3451a495ef24's drops the parent in its device-links loop only on a need_parent_lock bus,
 * v4.19.y's (and the model at v5.0) on any: the test is e121a833745b (v5.0-rc1 by ancestry,
 * unverified; s43 h4), for which the model has no flag, so v5.0 keeps v4.19.y's shape.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt, snapshotOf } from '../../src/kernel/source.js';

const DD = 'drivers/base/dd.c';
const RMMOD: ScenarioSpec = { name: 'rm', devices: { d: { present: true, boundTo: 'dd' } }, drivers: { dd: { matches: ['d'], module: 'm', probeType: 'async' } }, modules: { m: { loaded: true } }, actors: { a: 'rmmod m' } };

describe('v5.0 driver_detach', () => {
  it('is read at 3451a495ef24, with the sync before its loop; __device_release_driver stays unread', () => {
    const src = PROFILES['v5.0']!.sources;
    expect(snapshotOf(src, DD, 'driver_detach')).toBe('torvalds@3451a495ef24');
    expect(PROFILES['v5.0']!.unread?.[`${DD}:driver_detach`]).toBeUndefined();
    expect(PROFILES['v5.0']!.unread?.[`${DD}:__device_release_driver`]).toBeDefined();
    expect(excerpt('torvalds@3451a495ef24', DD, 'driver_detach')!.lines.join('\n')).toContain('async_synchronize_full();');
    // The parent test the v4.19.y text lacks (why __device_release_driver is not taken from it).
    expect(excerpt('torvalds@3451a495ef24', DD, '__device_release_driver')!.lines.join('\n')).toContain('if (parent && dev->bus->need_parent_lock)');
    expect(excerpt('v4.19.y', DD, '__device_release_driver')!.lines.join('\n')).not.toContain('if (parent && dev->bus->need_parent_lock)');
  });
  it("rmmod's driver_detach steps resolve there, with no error", () => {
    const anchors = buildScenario(RMMOD, 'v5.0', '').kernel.anchors.filter((a) => a.where.includes(`${DD}:driver_detach`));
    expect(anchors.map((a) => a.label.replace(/^.*:/, ''))).toEqual(expect.arrayContaining(['async_synchronize_full', 'list_last_entry']));
    expect(anchors.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
    for (const a of anchors) expect(a.anchored.map((x) => x.release), a.label).toEqual(['torvalds@3451a495ef24']);
  });
});
