/**
 * s42 h18's review of s42 h16: a stateless device_link_add returning NULL for a supplier not through
 * device_pm_add (LinkS.nul), and boot's probes ordered after the devices they wait for.
 *
 * Found: a failed probe left its add's NULL recorded (`nul`), which nothing reads before the next
 * probe's add sets or clears it: a state apart from the same failure after a made link. And a
 * cycle of waits among boot-bound devices (`a` needs `b`, `b` needs `a`, or waits for it through an
 * ACTIVE or `suppliers` link) was accepted, where boot deferred both for ever; boot's probes then
 * ran in the declared order.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { makeBackend } from '../../src/engine/check.js';
import { compile } from '../../src/engine/compile.js';
import { decode } from '../../src/engine/schema.js';
import { fp } from '../../src/engine/hash.js';
import { FingerprintStore, NO_PARENT } from '../../src/engine/store.js';

type Dev = { driver: number; bound: boolean };
type Link = { refs: number; nul: number };

/** Every reachable state's devices and links (decoded). */
function states(spec: ScenarioSpec, profile: string, patches = ''): { dev: Dev[]; link: Link[] }[] {
  const c = compile(buildScenario(spec, profile, patches).model), be = makeBackend(c, 'fast'), seen = new FingerprintStore(16), out: { dev: Dev[]; link: Link[] }[] = [];
  const take = () => { const g = (decode(c.full, be.bytes(), 0) as { g: { dev: Dev[]; link: Link[] } }).g; out.push({ dev: g.dev, link: g.link }); };
  be.clear(); be.loadInitial(); take();
  be.pushCur(seen.put(fp.hi, fp.lo, NO_PARENT, 0), 0);
  while (be.popBack()) be.expand(() => { const id = seen.put(fp.hi, fp.lo, NO_PARENT, 0); if (id >= 0) { be.pushNext(id, 0); take(); } });
  return out;
}

describe("a failed probe's NULL is not kept", () => {
  // md's probe of mmc adds a stateless link to pmic, absent or deleted (NULL), and may fail.
  const spec: ScenarioSpec = { name: 'nul-failed', devices: { pmic: {}, mmc: {} },
    drivers: { pd: { matches: ['pmic'], present: true }, md: { matches: ['mmc'], present: true, probe: ['ok', 'error'], statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
    actors: { hot: ['add mmc', 'add pmic', 'del pmic'], admin: ['maybe bind md mmc', 'maybe unbind md mmc'] }, properties: ['links-single-delete'] };
  for (const profile of ['v4.14', 'v5.4']) {
    it(`a NULL is kept only while the probe that got it is bound or probing (${profile})`, () => {
      const all = states(spec, profile);
      // mmc is device 1: bit 1 is its probe's; its driver set (probing or bound) while the bit is.
      expect(all.some((s) => s.link[0]!.nul & 1)).toBe(true);
      expect(all.filter((s) => (s.link[0]!.nul & 1) && s.dev[1]!.driver === 0).length).toBe(0);
    });
  }
});
