/**
 * unbind_store before v5.1 calls device_release_driver(dev), which passes a NULL parent to
 * __device_release_driver (dd.c@v4.19.y device_release_driver: device_release_driver_internal(dev,
 * NULL, NULL)), though the store itself holds dev->parent on a need_parent_lock bus (bus.c@v4.19.y
 * unbind_store). So the device-links loop's tested drop, `if (parent && dev->bus->need_parent_lock)`
 * (LINKS_LOOP_PARENT_TEST, v5.0), drops nothing there, as v4.18's `if (parent)` does not either.
 * From v5.1 the store calls device_driver_detach, which passes dev->parent, and the loop drops and
 * retakes it. A review of s43 h6 (s43 h10) found v5.0 dropping it in the store's release, and
 * docs/patches.md naming v5.0 among the profiles whose library unlocks a parent it may not hold.
 */
import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES, buildScenario, type ScenarioSpec } from 'probecheck';
import { readFileSync } from 'node:fs';
import { loopParents } from '../../src/kernel/paths/release.js';
import { foreignParents } from '../../src/kernel/paths/common.js';
import { probecheck } from '../cli/run.js';

const spec = (act: string): ScenarioSpec => ({
  name: 'unbind-store-parent', buses: { usb: { needParentLock: true } },
  devices: { hub: { present: true, boundTo: 'hub-drv' }, intf: { parent: 'hub', bus: 'usb', present: true, boundTo: 'intf-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: { 'hub-drv': { matches: ['hub'], present: true }, 'intf-drv': { matches: ['intf'], present: true, bus: 'usb' }, 'mmc-drv': { matches: ['mmc'], links: ['intf'], present: true } },
  actors: { t: [act] },
});

/** `drops/held` of the loop in intf's release, and whether the actor's thread has a step relocking the parent. */
function loop(profile: string, act: string, patches = ''): string {
  const b = buildScenario(spec(act), profile, patches);
  const lp = [...loopParents(b.kernel).values()].flat().map((p) => `${p.drops}/${p.held}`).join(',');
  const relock = Object.keys(b.model.threads.find((t) => t.name === 't')!.steps).some((l) => l.endsWith(':relock_parent'));
  return `${lp} relock_parent=${relock}`;
}

describe('the links loop in unbind_store\'s release drops the parent only where its argument names it', () => {
  it('unbind on a need_parent_lock bus: the store holds hub; the loop drops it from v5.1 only (device_driver_detach passes dev->parent)', () => {
    expect(loop('v4.18', 'unbind intf-drv intf')).toBe('false/true relock_parent=false');
    expect(loop('v5.0', 'unbind intf-drv intf')).toBe('false/true relock_parent=false');
    expect(loop('v5.1', 'unbind intf-drv intf')).toBe('true/true relock_parent=true');
    expect(loop('mainline', 'unbind intf-drv intf')).toBe('true/true relock_parent=true');
  });

  it('driver_detach passes dev->parent at every profile: the loop drops hub, which device_release_driver_internal took', () => {
    for (const p of ['v4.18', 'v5.0', 'v5.1']) expect(loop(p, 'unregister intf-drv'), p).toBe('true/true relock_parent=true');
  });

  it('two releasers on a USB interface, the first a sysfs unbind: v5.0 runs as v4.18 (no parent dropped), not as v5.1', () => {
    // The store holds the interface's parent through the release, so no second releaser gets in
    // while the first unbinds mmc: the window (links-supplier-bound) is v5.1's, where the loop drops it.
    const run = (p: string) => {
      const r = probecheck(['check', 'models/supplier-two-releasers.ts', '--param', 'bus=usb', '--param', 'second=unbind', '--param', `profile=${p}`, '--json']);
      const d = JSON.parse(r.stdout) as { states: number; properties: { name: string; verdict: string }[] };
      return { states: d.states, verdicts: Object.fromEntries(d.properties.map((x) => [x.name, x.verdict])) };
    };
    const [v418, v50, v51] = ['v4.18', 'v5.0', 'v5.1'].map(run);
    expect(v50).toEqual(v418);
    expect(v50!.verdicts['links-supplier-bound']).not.toBe(v51!.verdicts['links-supplier-bound']);
  });

});

describe('foreignParents in the patch guide', () => {
  it('docs/patches.md names the profiles whose library unlocks a parent another thread may hold: foreignParents\'s, v4.18 and v4.19 (the loop before e121a833745b)', () => {
    const doc = readFileSync('docs/patches.md', 'utf8').replace(/\s+/g, ' ');
    const named = /library's own unlock does so as the C does \(([^:]*):/.exec(doc)![1]!.match(/v\d+\.\d+/g);
    const platform: ScenarioSpec = {
      name: 'foreign', devices: { soc: { present: true, boundTo: 'simple-bus' }, pmic: { parent: 'soc', present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
      drivers: { 'simple-bus': { matches: ['soc'], present: true }, 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { rmmod: ['unregister pmic-drv'] },
    };
    expect(named).toEqual(PROFILE_NAMES.filter((p) => foreignParents(buildScenario(platform, p, '').kernel).length > 0));
  });
});
