/**
 * s42 h16's review of s42 h8 (boot's probes in the boot-links model; one reference per boot probe
 * in state.ts initState) and s42 h7 (E208 at a supplier's re-add beside a link made after its purge).
 *
 * h8's count holds: the start's stateless links equal what the same binds reach in an actor, at
 * v4.14 (no kref: one link, no count) and with the kref (a reference per probe). Found instead: a
 * stateless device_link_add made its link whatever the supplier, where every core.c read returns
 * NULL for a supplier not through device_pm_add (`if (!device_pm_initialized(supplier) ...)`), as
 * the model's managed add already had it (`ready`): a link made past the supplier's kobject_del
 * stopped the search at its re-add (E208) though the C never made it, and a link to a supplier
 * not yet added was deleted twice (its purge, then the driver's ->remove). And boot's probes ran
 * in the drivers' declared order even where a probe defers until its supplier is bound (`needs`,
 * a managed link ACTIVE at the start): a hunk read that supplier unbound.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { makeBackend } from '../../src/engine/check.js';
import { compile } from '../../src/engine/compile.js';
import { decode } from '../../src/engine/schema.js';
import { fp } from '../../src/engine/hash.js';
import { FingerprintStore, NO_PARENT } from '../../src/engine/store.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import { RETURN } from '../../src/kernel/emit.js';

const LINK = { consumer: 'mmc', supplier: 'pmic' };
type Drivers = NonNullable<ScenarioSpec['drivers']>;

const links = (s: { g: { link: { refs: number; dels: number }[] } }) => JSON.stringify(s.g.link.map((l) => [l.refs, l.dels]));

/** The links (refs, dels) of the start state alone (no search). */
function startLinks(spec: ScenarioSpec, profile: string, patches = ''): string {
  const c = compile(buildScenario(spec, profile, patches).model), be = makeBackend(c, 'fast');
  be.clear(); be.loadInitial();
  return links(decode(c.full, be.bytes(), 0) as never);
}

/** The links (refs, dels) of the start state, and of every end state (no step enabled). */
function linkStates(spec: ScenarioSpec, profile: string, patches = ''): { start: string; ends: string[] } {
  const c = compile(buildScenario(spec, profile, patches).model), be = makeBackend(c, 'fast'), seen = new FingerprintStore(16), ends = new Set<string>();
  be.clear(); be.loadInitial();
  const start = links(decode(c.full, be.bytes(), 0) as never);
  be.pushCur(seen.put(fp.hi, fp.lo, NO_PARENT, 0), 0);
  while (be.popBack()) {
    if (be.expand(() => { const id = seen.put(fp.hi, fp.lo, NO_PARENT, 0); if (id >= 0) be.pushNext(id, 0); }) > 0) continue;
    ends.add(links(decode(c.full, be.bytes(), 0) as never));
  }
  return { start, ends: [...ends] };
}

function verdict(spec: ScenarioSpec, profile: string): string {
  try { return check(buildScenario(spec, profile, '').model).properties.find((p) => p.name === 'links-single-delete')!.verdict; } catch (e) { return (e as { code?: string }).code ?? String(e); }
}

describe("boot's stateless links count one add per boot probe, as the same binds in an actor do", () => {
  // A driver bound to both ends of its link (two probes), and two drivers listing it.
  const one: Drivers = { xd: { matches: ['pmic', 'mmc'], present: true, statelessLinks: [LINK] } };
  const two: Drivers = { pd: { matches: ['pmic'], present: true, statelessLinks: [LINK] }, md: { matches: ['mmc'], present: true, statelessLinks: [LINK] } };
  const drvOf = (d: Drivers, dev: string) => Object.keys(d).find((n) => d[n]!.matches.includes(dev))!;
  const boot = (d: Drivers): ScenarioSpec => ({ name: 'boot', devices: { pmic: { present: true, boundTo: drvOf(d, 'pmic') }, mmc: { present: true, boundTo: drvOf(d, 'mmc') } },
    drivers: d, actors: { idle: `maybe unbind ${drvOf(d, 'pmic')} pmic` }, properties: ['links-single-delete'] });
  const late = (d: Drivers): ScenarioSpec => ({ name: 'late', devices: { pmic: {}, mmc: {} }, drivers: d, actors: { boot: ['add pmic', 'add mmc'] }, properties: ['links-single-delete'] });
  for (const profile of ['v4.14', 'v4.18', 'mainline']) {
    it(`one driver at both ends, two drivers (${profile})`, () => {
      for (const d of [one, two]) {
        const b = startLinks(boot(d), profile), a = linkStates(late(d), profile);
        expect(a.ends).toEqual([b]);
        // Before ead18c23c263 the second add finds the link and takes nothing; after it, a reference.
        expect(b).toBe(JSON.stringify([[profile === 'v4.14' ? 1 : 2, 0]]));
      }
    });
  }
});

describe('a stateless device_link_add to a supplier not through device_pm_add returns NULL: no link', () => {
  const drivers: Drivers = { pd: { matches: ['pmic'], present: true }, md: { matches: ['mmc'], present: true, statelessLinks: [LINK] } };
  // mmc's driver links mmc to pmic again after pmic's device_del ended (kobject_del), then pmic is
  // added again: the C's add returned NULL, so no link has the old struct as supplier.
  const readd = (acts: string[]): ScenarioSpec => ({ name: 'past-kobject-del', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: { present: true, boundTo: 'md' } },
    drivers, actors: { admin: acts }, properties: ['links-single-delete'] });
  for (const profile of ['v4.14', 'v4.18', 'v5.4', 'mainline']) {
    it(`a link made past the supplier's kobject_del does not stop its re-add (E208) (${profile})`, () => {
      expect(verdict(readd(['unbind md mmc', 'del pmic', 'bind md mmc', 'add pmic']), profile)).toBe('holds');
    });
  }
  // pmic is added after mmc's probe (at boot, or in the actor) and deleted: its purge finds no link,
  // and md's ->remove deletes none (the driver tests what device_link_add returned).
  const absent = (boot: boolean, actors: ScenarioSpec['actors']): ScenarioSpec => ({ name: 'absent-supplier', devices: { pmic: {}, mmc: boot ? { present: true, boundTo: 'md' } : {} },
    drivers, actors, properties: ['links-single-delete'] });
  for (const profile of ['v4.14', 'v4.18']) {
    it(`a link to a supplier not yet added is not deleted twice (${profile})`, () => {
      expect(verdict(absent(true, { hot: ['add pmic', 'del pmic'], admin: 'unbind md mmc' }), profile)).not.toBe('violated');
      expect(verdict(absent(false, { hot: ['add mmc', 'add pmic', 'del pmic', 'unbind md mmc'] }), profile)).not.toBe('violated');
    });
  }
  it('the ->remove of a probe whose add made the link still deletes it again after the purge (v4.14)', () => {
    // pmic added first: the link is made; pmic's purge deletes it and md's ->remove, holding it, deletes it again.
    expect(verdict(absent(false, { hot: ['add pmic', 'add mmc', 'del pmic', 'unbind md mmc'] }), 'v4.14')).toBe('violated');
  });
});

describe("boot's probe that defers until its supplier is bound runs after the supplier's", () => {
  // A user's device_link_add that makes a stateless link only to a supplier whose driver is bound.
  const file = '/virtual/s42-h16-sup-bound.ts';
  registerPatchFile(file, [definePatch({ id: 'u-sup-bound', subject: 'no stateless link to a supplier not bound', base: 'v5.4',
    hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) =>
      (s.dev[site.k.w.links[site.link]!.supplier]!.bound ? orig!.run(s, t, b, c) : RETURN) }) }] })]);
  const spec = (first: 'md' | 'pd', defer: Partial<Drivers[string]>): ScenarioSpec => {
    const md = { matches: ['mmc'], present: true, statelessLinks: [LINK], ...defer }, pd = { matches: ['pmic'], present: true };
    return { name: 'boot-defer', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: { present: true, boundTo: 'md' } },
      drivers: first === 'md' ? { md, pd } : { pd, md }, actors: { admin: 'unbind md mmc' }, properties: ['links-single-delete'] };
  };
  const defers: [string, Partial<Drivers[string]>][] = [['needs', { needs: ['pmic'] }], ['a managed link', { links: ['pmic'] }]];
  for (const [name, defer] of defers) {
    it(`${name}: the same start whichever driver is declared first (v5.4)`, () => {
      const a = startLinks(spec('md', defer), 'v5.4', file), b = startLinks(spec('pd', defer), 'v5.4', file);
      expect(a).toBe(b);
      expect(JSON.parse(a).at(-1)).toEqual([1, 0]);   // the stateless link made, pmic bound
    });
  }
});
