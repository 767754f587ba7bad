/**
 * The commit that made __device_release_driver's device-links loop test need_parent_lock (s43 h4):
 * e121a833745b ("driver core: Add missing dev->bus->need_parent_lock checks", Rafael J. Wysocki,
 * Fixes: 8c97a46af04b), committed to driver-core on 2018-12-19 on top of df44b479654f, whose parent
 * is "driver core: Move async_synchronize_full call" (their cgit pages, git.zx2c4.com linux-dev):
 * v5.0-rc1 by ancestry, not read in a v5.0 tree. Its diff turns the loop's two `if (parent)` into
 * `if (parent && dev->bus->need_parent_lock)`, in a loop that directly follows `if (drv) {` (the sync
 * already moved). The texts the repository holds must agree with that diff. Flag
 * LINKS_LOOP_PARENT_TEST (s43 h6): v5.0 has it, settled by ancestry (not read in a v5.0 tree), and
 * builds the tested loop, dropping only a parent its caller took; v5.1 on test it in the helpers.
 */
import { describe, expect, it } from 'vitest';
import { FLAGS, PROFILES, PROFILE_NAMES, buildScenario, type ScenarioSpec } from 'probecheck';
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

  it('is v5.0\'s flag LINKS_LOOP_PARENT_TEST (settled by ancestry): its loop drops soc only where its caller took it, as v5.1\'s', () => {
    expect(FLAGS.LINKS_LOOP_PARENT_TEST.commit).toBe('e121a833745b4708b660e3fe6776129c2956b041');
    expect(FLAGS.LINKS_LOOP_PARENT_TEST.since).toMatch(/^v5\.0 \(settled by ancestry, not read in a v5\.0 tree/);
    expect(FLAGS.LINKS_LOOP_PARENT_TEST.shows).toBe(`${DD}:__device_release_driver:: ${TEST}`);
    expect(PROFILES['v5.0']!.settled?.LINKS_LOOP_PARENT_TEST).toMatch(/^has it: settled by ancestry \(not read in a v5\.0 tree\)/);
    expect(PROFILES['v5.0']!.between?.[`${DD}:__device_release_driver`]).toEqual(['v4.19.y', 'torvalds@3451a495ef24']);
    expect(PROFILES['v5.0']!.unread?.[`${DD}:__device_release_driver`]).toMatch(/e121a833745b4708b660e3fe6776129c2956b041/);
    expect(PROFILES['v5.0']!.describe).toMatch(/e121a833745b/);
    // The inline test is v5.0's alone: v4.18 lacks it, v5.1 on have it in __device_driver_(un)lock.
    expect(PROFILE_NAMES.filter((p) => PROFILES[p]!.flags.includes('LINKS_LOOP_PARENT_TEST'))).toEqual(['v5.0']);
    expect(FLAGS.DRIVER_LOCK_HELPERS.subject).toMatch(/e121a833745b/);
    expect(FLAGS.ASYNC_SYNC_IN_DRIVER_DETACH.commit).toMatch(/^not identified \("driver core: Move async_synchronize_full call".*df44b479654f62b478c18ee4d8bc4e9f897a9844/);
    const spec: ScenarioSpec = {
      name: 'loop-parent', devices: { soc: { present: true, boundTo: 'simple-bus' }, pmic: { parent: 'soc', present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
      drivers: { 'simple-bus': { matches: ['soc'], present: true }, 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { rmmod: ['unregister pmic-drv'] },
    };
    const drops = (profile: string) => [...loopParents(buildScenario(spec, profile, '').kernel).values()].flat().map((p) => `${p.drops}/${p.held}`);
    expect(drops('v5.0')).toEqual(['false/false']);
    expect(drops('v4.18')).toEqual(['true/false']);
    expect(drops('v5.1')).toEqual(['false/false']);
  });
});
