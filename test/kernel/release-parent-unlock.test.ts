/**
 * __device_release_driver's device-links loop and a parent its caller never locked (s42 h10).
 * 8c97a46af04b (v4.18) made device_release_driver_internal lock the parent only `if (parent &&
 * dev->bus->need_parent_lock)` (dd.c at 8c97a46af04b:922-931) but left the loop's `if (parent)`
 * unlock and relock (860-867); e121a833745b (v5.0-rc1 by ancestry, LINKS_LOOP_PARENT_TEST; 3451a495ef24
 * has it) made the loop test need_parent_lock too. On a
 * platform bus, driver_detach of a supplier with a parent and a bound consumer unlocks the parent,
 * held by no one here, relocks it and returns holding it. The model's unlock of a free mutex leaves
 * it free (so the state shows no unlock) and the leak showed only once something locked that parent
 * again; unlock-balance (lockdep's "bad unlock balance detected!") asks the loop's step.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';

const spec = (actions: string[]): ScenarioSpec => ({
  name: 'release-parent-unlock',
  devices: { soc: { present: true, boundTo: 'simple-bus' }, pmic: { parent: 'soc', present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'simple-bus': { matches: ['soc'], present: true },
    'pmic-drv': { matches: ['pmic'], present: true },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true },
  },
  actors: { rmmod: actions },
  properties: ['single-binding', 'no-deadlock', 'unlock-balance'],
});

function run(actions: string[], profile: string, patches = '') {
  const b = buildScenario(spec(actions), profile, patches), model = b.model, soc = b.kernel.w.devices.findIndex((d) => d.name === 'soc');
  // The leak itself: rmmod has returned and still holds soc's mutex.
  const leak = { kind: 'sometimes', name: 'returns-holding-soc', holds: (s: KS, q) => q.at('rmmod') === null && s.dev[soc]!.mutex !== 0 } as Property;
  model.properties = [...model.properties, leak];
  const r = check(model, { exhaustive: true }).properties;
  return { v: Object.fromEntries(r.map((p) => [p.name, p.verdict])), why: r.find((p) => p.name === 'unlock-balance')?.explanation ?? '' };
}

describe("__device_release_driver's links loop and a parent not locked", () => {
  it('v4.18: unregistering the supplier driver unlocks soc, held by no one, and returns holding it', () => {
    for (const p of ['v4.18']) {
      const { v, why } = run(['unregister pmic-drv'], p);
      expect(v, p).toEqual({ 'single-binding': 'holds', 'no-deadlock': 'holds', 'unlock-balance': 'violated', 'returns-holding-soc': 'reachable' });
      expect(why, p).toMatch(/__device_release_driver\(pmic\) in rmmod unlocks &dev->mutex\(soc\), its parent, which no thread holds: its caller locked no parent \(bus 'platform' has no need_parent_lock\)/);
    }
  });

  // v5.0 has e121a833745b (LINKS_LOOP_PARENT_TEST, v5.0-rc1 by ancestry: s43 h6); until then it read as v4.18.
  it('holds where the loop drops only the parent its caller locked: v4.14 (every parent), v5.0, v5.1, mainline, v4.18 with device-driver-lock', () => {
    for (const [p, patches] of [['v4.14', ''], ['v5.0', ''], ['v5.1', ''], ['mainline', ''], ['v4.18', 'device-driver-lock']] as const) {
      const { v } = run(['unregister pmic-drv'], p, patches);
      expect(v, `${p} ${patches}`).toEqual({ 'single-binding': 'holds', 'no-deadlock': 'holds', 'unlock-balance': 'holds', 'returns-holding-soc': 'unreachable' });
    }
  });

  // A user's hunk on the loop's steps may change what the loop drops, which the library's record
  // cannot say: there the property reads the parent's mutex (s42 h15; h10 made it vacuous, so a
  // user's own fix read `newly vacuous`). The step handed back as it was still retakes soc.
  it("a user's hunk on the loop that changes nothing: judged by the parent's mutex, still violated", () => {
    registerPatchFile('/virtual/release-parent-unlock.ts', [definePatch({ id: 'same-loop', subject: 'the links test as it was', base: 'v4.18',
      hunks: [{ fn: '__device_release_driver', replace: 'device_links_busy', step: (_site, o) => ({ ...o! }) }] })]);
    const { v, why } = run(['unregister pmic-drv'], 'v4.18', '/virtual/release-parent-unlock.ts');
    expect(v).toMatchObject({ 'unlock-balance': 'violated', 'returns-holding-soc': 'reachable' });
    expect(why).toMatch(/locks &dev->mutex\(soc\), its parent, again in its device-links loop \(relock_parent, as your patch leaves it\)/);
  });

  it('the leak shows as a deadlock only when soc is locked again: its sysfs unbind after the rmmod', () => {
    const a = ['unregister pmic-drv', 'unbind simple-bus soc'];
    expect(run(a, 'v4.18').v).toMatchObject({ 'no-deadlock': 'violated', 'unlock-balance': 'violated' });
    expect(run(a, 'v5.1').v).toMatchObject({ 'no-deadlock': 'holds', 'unlock-balance': 'holds' });
  });
});
