/**
 * The commit that made __device_release_driver's device-links loop test need_parent_lock (s43 h4):
 * e121a833745b ("driver core: Add missing dev->bus->need_parent_lock checks", Rafael J. Wysocki,
 * Fixes: 8c97a46af04b), committed to driver-core on 2018-12-19 on top of df44b479654f, whose parent
 * is "driver core: Move async_synchronize_full call" (their cgit pages, git.zx2c4.com linux-dev):
 * v5.0-rc1 by ancestry, not read in a v5.0 tree. Its diff turns the loop's two `if (parent)` into
 * `if (parent && dev->bus->need_parent_lock)`, in a loop that directly follows `if (drv) {` (the sync
 * already moved). The texts the repository holds must agree with that diff, and the docs say the
 * model still builds v4.18's loop at v5.0 (no flag for the inline test): held here, so a flag that
 * changes it makes this fail and the docs get updated with it.
 */
import { describe, expect, it } from 'vitest';
import { FLAGS, PROFILES, buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt } from '../../src/kernel/source.js';
import { loopParents } from '../../src/kernel/paths/release.js';

const DD = 'drivers/base/dd.c';
const TEST = 'if (parent && dev->bus->need_parent_lock)';

/** The links loop of __device_release_driver, `while (device_links_busy(dev)) {` to its `return;`, with the line before it (blank lines dropped). */
function loop(snap: string): string[] {
  const lines = excerpt(snap, DD, '__device_release_driver')!.lines.map((l) => l.trim()).filter((l) => l !== '');
  const from = lines.indexOf('while (device_links_busy(dev)) {'), to = lines.indexOf('return;', from);
  expect(from, snap).toBeGreaterThan(0);
  expect(to, snap).toBeGreaterThan(from);
  return lines.slice(from - 1, to + 1);
}

describe('the links loop\'s need_parent_lock test: e121a833745b', () => {
  it('v4.19.y\'s loop with the two `if (parent)` tested is 3451a495ef24\'s, and there the loop follows `if (drv) {`', () => {
    const before = loop('v4.19.y'), after = loop('torvalds@3451a495ef24');
    // v4.19.y still syncs before the loop (the move came first); the loop itself is the diff's.
    expect(before[0]).toBe('async_synchronize_full();');
    expect(after[0]).toBe('if (drv) {');
    expect(before.slice(1).filter((l) => l === 'if (parent)')).toHaveLength(2);
    expect(after.slice(1).map((l) => (l === TEST ? 'if (parent)' : l))).toEqual(before.slice(1));
    expect(after.filter((l) => l === TEST)).toHaveLength(2);
  });

  it('is named by the profiles, and v5.0 still builds v4.18\'s loop: soc dropped though its caller never took it', () => {
    expect(PROFILES['v5.0']!.unread?.[`${DD}:__device_release_driver`]).toMatch(/e121a833745b4708b660e3fe6776129c2956b041/);
    expect(PROFILES['v5.0']!.describe).toMatch(/e121a833745b/);
    expect(FLAGS.DRIVER_LOCK_HELPERS.subject).toMatch(/e121a833745b/);
    expect(FLAGS.ASYNC_SYNC_IN_DRIVER_DETACH.commit).toMatch(/^not identified \("driver core: Move async_synchronize_full call".*df44b479654f62b478c18ee4d8bc4e9f897a9844/);
    const spec: ScenarioSpec = {
      name: 'loop-parent', devices: { soc: { present: true, boundTo: 'simple-bus' }, pmic: { parent: 'soc', present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
      drivers: { 'simple-bus': { matches: ['soc'], present: true }, 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { rmmod: ['unregister pmic-drv'] },
    };
    const drops = (profile: string) => [...loopParents(buildScenario(spec, profile, '').kernel).values()].flat().map((p) => `${p.drops}/${p.held}`);
    expect(drops('v5.0')).toEqual(['true/false']);
    expect(drops('v4.18')).toEqual(['true/false']);
    expect(drops('v5.1')).toEqual(['false/false']);
  });
});
