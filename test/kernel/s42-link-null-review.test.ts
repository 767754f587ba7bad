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
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import { RETURN } from '../../src/kernel/emit.js';

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

/** The start state's devices and links alone (no search). */
function start(spec: ScenarioSpec, profile: string, patches = ''): { dev: Dev[]; link: Link[] } {
  const c = compile(buildScenario(spec, profile, patches).model), be = makeBackend(c, 'fast');
  be.clear(); be.loadInitial();
  const g = (decode(c.full, be.bytes(), 0) as { g: { dev: Dev[]; link: Link[] } }).g;
  return { dev: g.dev, link: g.link };
}

function code(f: () => unknown): string {
  try { f(); return 'built'; } catch (e) { return (e as { code?: string }).code ?? String(e); }
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

describe('boot-bound devices whose probes wait for each other are refused (E601)', () => {
  const L = { consumer: 'a', supplier: 'b' };
  const both = { a: { present: true, boundTo: 'da' }, b: { present: true, boundTo: 'db' } };
  it('a needs b, b needs a', () => {
    const spec: ScenarioSpec = { name: 'needs-cycle', devices: both, drivers: { da: { matches: ['a'], present: true, needs: ['b'], statelessLinks: [L] }, db: { matches: ['b'], present: true, needs: ['a'] } },
      actors: { x: 'unbind da a' }, properties: ['links-single-delete'] };
    expect(code(() => buildScenario(spec, 'v5.4', ''))).toBe('E601');
  });
  it("a needs b, b waits for a through its suppliers link", () => {
    const spec: ScenarioSpec = { name: 'needs-suppliers-cycle', devices: { a: both.a, b: { ...both.b, suppliers: ['a'] } },
      drivers: { da: { matches: ['a'], present: true, needs: ['b'] }, db: { matches: ['b'], present: true } }, actors: { x: 'unbind da a' }, properties: ['links-single-delete'] };
    expect(code(() => buildScenario(spec, 'v5.4', ''))).toBe('E601');
  });
  it('a chain that waits in one direction is built', () => {
    const spec: ScenarioSpec = { name: 'needs-chain', devices: both, drivers: { da: { matches: ['a'], present: true, needs: ['b'] }, db: { matches: ['b'], present: true } },
      actors: { x: 'unbind da a' }, properties: ['links-single-delete'] };
    expect(code(() => buildScenario(spec, 'v5.4', ''))).toBe('built');
  });
});

describe("boot's probes: a chain of three runs supplier first whatever the declared order", () => {
  // A user's device_link_add that makes a stateless link only to a supplier whose driver is bound.
  const file = '/virtual/s42-h18-sup-bound.ts';
  registerPatchFile(file, [definePatch({ id: 'u-h18-sup-bound', subject: 'no stateless link to a supplier not bound', base: 'v5.4',
    hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) =>
      (s.dev[site.k.w.links[site.link]!.supplier]!.bound ? orig!.run(s, t, b, c) : RETURN) }) }] })]);
  const L = (consumer: string, supplier: string) => ({ consumer, supplier });
  const da = { matches: ['a'], present: true, needs: ['b'], statelessLinks: [L('a', 'b')] }, db = { matches: ['b'], present: true, needs: ['c'], statelessLinks: [L('b', 'c')] }, dc = { matches: ['c'], present: true };
  const spec = (drivers: ScenarioSpec['drivers']): ScenarioSpec => ({ name: 'chain', devices: { a: { present: true, boundTo: 'da' }, b: { present: true, boundTo: 'db' }, c: { present: true, boundTo: 'dc' } },
    drivers, actors: { x: 'unbind da a' }, properties: ['links-single-delete'] });
  it('a, b, c and c, b, a declared: both links made at the start (v5.4)', () => {
    for (const d of [{ da, db, dc }, { dc, db, da }, { db, da, dc }]) {
      expect(start(spec(d), 'v5.4', file).link.map((l) => l.refs)).toEqual([1, 1]);
    }
  });
  it("a driver that lists its own device in needs (validation lets it pass) does not hold its probe back (v5.4)", () => {
    const self: ScenarioSpec = { name: 'self-need', devices: { a: { present: true, boundTo: 'da' }, b: { present: true, boundTo: 'db' } },
      drivers: { da: { matches: ['a'], present: true, needs: ['b'], statelessLinks: [L('a', 'b')] }, db: { matches: ['b'], present: true, needs: ['b'] } },
      actors: { x: 'unbind da a' }, properties: ['links-single-delete'] };
    expect(start(self, 'v5.4', file).link.map((l) => l.refs)).toEqual([1]);
  });
});
