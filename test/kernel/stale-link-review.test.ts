/**
 * s42 h7's review of s42 h1 (LinkS.old, E208): the mirror of h1's case. device_del's
 * device_links_purge of a supplier deletes every link at it, but a consumer's probe may make its
 * link again before the supplier's kobject_del (the model's device_link_add tests `ready`, which
 * kobject_del clears; a stateless add tests nothing), with the deleted struct as supplier: a probe
 * with linksUnchecked, or one whose check passed beside a drivers_probe that bound the old
 * supplier struct again after its release (B6, no dead test on its path before v5.9). In the C
 * that link is on the old struct's list of consumers (device_link_add's
 * `list_add_tail_rcu(&link->s_node, &supplier->links.consumers)`, core.c v4.19.y and
 * torvalds@fb583c8eeeb1), so the supplier's next device_add makes a struct with no consumers. The
 * model kept the link in the declared pair's slot, the new struct's: its driver_bound, unbind
 * and purge acted on it. The search now stops at the re-add (E208).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

type Drv = NonNullable<ScenarioSpec['drivers']>[string];
const spec = (mdrv: Partial<Drv>, actors: ScenarioSpec['actors'], card = false): ScenarioSpec => ({
  name: 'stale-link-review',
  devices: { pmic: { present: true, boundTo: 'pdrv' }, mmc: { present: true, boundTo: 'mdrv' }, ...(card ? { card: { present: true, boundTo: 'cdrv' } } : {}) },
  drivers: {
    pdrv: { matches: ['pmic'], present: true }, mdrv: { matches: ['mmc'], present: true, ...mdrv },
    ...(card ? { cdrv: { matches: ['card'], links: ['mmc'], present: true } } : {}),
  },
  actors,
  properties: ['single-binding'],
});

function stop(s: ScenarioSpec, profile: string): { code?: string; message: string } | undefined {
  try { check(buildScenario(s, profile, '').model, { exhaustive: true }); } catch (e) { return e as { code?: string; message: string }; }
  return undefined;
}

const readd = { hotplug: ['del pmic', 'add pmic'] };
describe("a consumer's link to a deleted supplier struct, made after its purge, stops the search at the supplier's re-add", () => {
  for (const profile of ['v4.18', 'v5.4']) {
    it(`a managed link a linksUnchecked probe makes (${profile})`, () => {
      const e = stop(spec({ links: ['pmic'], linksUnchecked: true }, { ...readd, c: ['drivers_probe mmc'] }), profile);
      expect(e?.code).toBe('E208');
      expect(e?.message).toMatch(/device 'pmic' is added again while the device link mmc->pmic, made by a probe of mmc after device_del's device_links_purge of pmic, exists/);
    });
  }
  it('a stateless link (v4.18)', () => {
    const e = stop(spec({ statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] }, { hotplug: ['del pmic', 'add pmic', 'del pmic'], c: ['unbind mdrv mmc', 'bind mdrv mmc', 'unbind mdrv mmc'] }), 'v4.18');
    expect(e?.code).toBe('E208');
    expect(e?.message).toMatch(/the stateless device link mmc->pmic, made by a probe of mmc after/);
  });
  // mmc is a consumer of pmic and a supplier of card: drivers_probe binds mmc's old struct after
  // its purge (h1's LinkS.old for mmc->pmic) and card's probe links to that struct.
  it('a link to a device that is also a consumer (v5.4)', () => {
    const e = stop(spec({ links: ['pmic'] }, { hotplug: ['del mmc', 'add mmc'], c: ['drivers_probe mmc'], d: ['drivers_probe card'] }, true), 'v5.4');
    expect(e?.code).toBe('E208');
    expect(e?.message).toMatch(/device 'mmc' is added again while the device link card->mmc/);
  });
  it('a re-add with no probe racing the delete does not stop (v5.4)', () => {
    expect(stop(spec({ links: ['pmic'] }, readd), 'v5.4')).toBeUndefined();
  });
});
