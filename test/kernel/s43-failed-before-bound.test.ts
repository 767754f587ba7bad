/**
 * s43 h8 (review of s43 h2): a device bound at the start whose matching driver declared before its
 * own always fails its probe. At boot that driver met the device first (its registration's
 * __driver_attach, or __device_attach walking the drivers in registration order), its ->probe ran
 * and failed, and really_probe's failure path let the next driver bind it ("Ignore errors returned
 * by ->probe so that the next driver can try its luck", dd.c at 8c97a46af04b): the links that
 * failed probe added are left (a stateless one made; a managed one AVAILABLE after
 * device_links_no_driver, then CONSUMER_PROBE in the binding probe's device_links_check_suppliers
 * and ACTIVE in its driver_bound). The start had none of them (failedBootProbes took only devices
 * left unbound), where the same pair added by an actor leaves them.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { makeBackend } from '../../src/engine/check.js';
import { endStates, startState } from './boot-link-states.js';
import { compile } from '../../src/engine/compile.js';
import { decode } from '../../src/engine/schema.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import { RETURN } from '../../src/kernel/emit.js';

type Links = { g: { link: { refs: number; nul: number; status: string }[] } };
const links = (s: Links) => JSON.stringify(s.g.link.map((l) => [l.refs, l.nul, l.status]));

const startLinks = (spec: ScenarioSpec, profile: string, patches = '') => startState(links, spec, profile, patches);
const endLinks = (spec: ScenarioSpec, profile: string, patches = '') => endStates(links, spec, profile, patches);

const PASS = '/virtual/s43-h8-pass.ts', REFUSE = '/virtual/s43-h8-refuse.ts';
registerPatchFile(PASS, [definePatch({ id: 'u-pass', subject: 'device_link_add as it is', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig! }) }] })]);
registerPatchFile(REFUSE, [definePatch({ id: 'u-refuse', subject: 'no stateless link at all', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) }] })]);

const LINK = { consumer: 'mmc', supplier: 'pmic' };
/** mb (always fails) and ma (binds) both match mmc; `first` is declared first. mb links mmc to pmic (bound at boot). */
const drivers = (first: 'mb' | 'ma', link: 'stateless' | 'managed') => {
  const mb = { matches: ['mmc'], present: true, probe: 'error' as const, ...(link === 'stateless' ? { statelessLinks: [LINK] } : { links: ['pmic'] }) };
  const ma = { matches: ['mmc'], present: true };
  return { pd: { matches: ['pmic'], present: true }, ...(first === 'mb' ? { mb, ma } : { ma, mb }) };
};
const boot = (first: 'mb' | 'ma', link: 'stateless' | 'managed'): ScenarioSpec => ({ name: 'failed-before', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: { present: true, boundTo: 'ma' } }, drivers: drivers(first, link), actors: { idle: 'maybe unbind pd pmic' } });
const late = (first: 'mb' | 'ma', link: 'stateless' | 'managed'): ScenarioSpec => ({ name: 'failed-before-late', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: {} }, drivers: drivers(first, link), actors: { hot: 'add mmc' } });

describe('a driver declared before the binding one, whose probe failed at boot, left its links', () => {
  for (const profile of ['v4.14', 'v4.18', 'v5.4', 'mainline']) {
    it(`its stateless link made, its managed one ACTIVE, as an actor's add of the device leaves them (${profile})`, () => {
      const s = startLinks(boot('mb', 'stateless'), profile);
      expect(s).toBe(JSON.stringify([[1, 0, 'NONE']]));
      expect(endLinks(late('mb', 'stateless'), profile)).toEqual([s]);
      const m = startLinks(boot('mb', 'managed'), profile);
      expect(m).toBe(JSON.stringify([[0, null, 'ACTIVE']]));
      expect(endLinks(late('mb', 'managed'), profile)).toEqual([m]);
    });
  }
  it('declared after the binding driver, it never probed the device: no link, as for an actor', () => {
    const s = startLinks(boot('ma', 'stateless'), 'v5.4');
    expect(s).toBe(JSON.stringify([[0, 0, 'NONE']]));
    expect(endLinks(late('ma', 'stateless'), 'v5.4')).toEqual([s]);
  });
  it('in a module loaded at the start, it came after boot bound the device: no link', () => {
    const d = drivers('mb', 'stateless');
    const spec: ScenarioSpec = { ...boot('mb', 'stateless'), drivers: { ...d, mb: { ...d.mb, present: false, module: 'm' }, ma: { ...d.ma, present: true } }, modules: { m: { loaded: true } } };
    expect(startLinks(spec, 'v5.4')).toBe(JSON.stringify([[0, 0, 'NONE']]));
    // Nor a managed link to a supplier not bound (a built-in one would be refused: below).
    const m = drivers('mb', 'managed');
    const managed: ScenarioSpec = { ...spec, devices: { pmic: { present: true }, mmc: { present: true, boundTo: 'ma' } }, drivers: { ...m, pd: { matches: ['pmic'] }, mb: { ...m.mb, linksUnchecked: true, present: false, module: 'm' } } };
    expect(startLinks(managed, 'v5.4')).toBe(JSON.stringify([[0, null, 'NONE']]));
  });
  it("a user's hunk on device_link_add runs in that failed probe, before the binding one (v5.4)", () => {
    expect(startLinks(boot('mb', 'stateless'), 'v5.4', PASS)).toBe(JSON.stringify([[1, 0, 'NONE']]));
    expect(startLinks(boot('mb', 'stateless'), 'v5.4', REFUSE)).toBe(JSON.stringify([[0, 0, 'NONE']]));
    // The boot run ends with mmc bound to ma (its failed probe ran first, then ma's).
    const c = compile(buildScenario(boot('mb', 'stateless'), 'v5.4', PASS).model), be = makeBackend(c, 'fast');
    be.clear(); be.loadInitial();
    const g = (decode(c.full, be.bytes(), 0) as { g: { dev: { driver: number; bound: boolean }[] } }).g;
    expect([g.dev[1]!.driver, g.dev[1]!.bound]).toEqual([3, true]);
  });
  it('one that waits for a device bound only after the binding probe deferred instead, and met the device bound: no link', () => {
    // mb needs card, which cd (declared last) binds: mb deferred, ma bound mmc, and the retry found it bound.
    const spec: ScenarioSpec = { name: 'deferred-first', devices: { pmic: { present: true, boundTo: 'pd' }, card: { present: true, boundTo: 'cd' }, mmc: { present: true, boundTo: 'ma' } },
      drivers: { pd: { matches: ['pmic'], present: true }, mb: { matches: ['mmc'], present: true, probe: 'error', needs: ['card'], statelessLinks: [LINK] }, ma: { matches: ['mmc'], present: true }, cd: { matches: ['card'], present: true } }, actors: { idle: 'maybe unbind pd pmic' } };
    expect(startLinks(spec, 'v5.4')).toBe(JSON.stringify([[0, 0, 'NONE']]));
    // Needing a device bound before it, it failed: the link is made.
    const sooner: ScenarioSpec = { ...spec, drivers: { cd: spec.drivers.cd!, ...spec.drivers } };
    expect(startLinks(sooner, 'v5.4')).toBe(JSON.stringify([[1, 0, 'NONE']]));
  });
  it('its managed link to a supplier not bound: refused (from v5.1 it deferred the binding probe), one line', () => {
    const spec: ScenarioSpec = { ...boot('mb', 'managed'), devices: { pmic: { present: true }, mmc: { present: true, boundTo: 'ma' } }, drivers: { ...drivers('mb', 'managed'), mb: { ...drivers('mb', 'managed').mb, linksUnchecked: true }, pd: { matches: ['pmic'] } } };
    expect(() => buildScenario(spec, 'v5.4', '')).toThrow(/'mb', declared before it, probed it first at boot and failed, leaving its device link to 'pmic', which is not bound/);
  });
});

describe("links-single-delete's explanation names only drivers that may bind", () => {
  it("a failed probe's link deleted by the purge and a later driver's ->remove: not 'both ->remove' (v4.14)", () => {
    // mb's failed boot probe left mmc -> pmic; md2 binds mmc later and finds it (no kref at v4.14);
    // pmic's device_del purges it, md2's ->remove deletes it again. mb never had a ->remove.
    const spec: ScenarioSpec = { name: 'failed-purge', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: { present: true, boundTo: 'ma' } },
      drivers: { ...drivers('mb', 'stateless'), md2: { matches: ['mmc'], statelessLinks: [LINK] } },
      actors: { a: ['unbind ma mmc', 'register md2', 'del pmic', 'unbind md2 mmc'] }, properties: ['links-single-delete'] };
    const p = check(buildScenario(spec, 'v4.14', '').model, {}).properties.find((x) => x.name === 'links-single-delete')!;
    expect(p.verdict).toBe('violated');
    expect(p.explanation).not.toMatch(/both ->remove/);
    expect(p.explanation).toMatch(/md2's ->remove calls device_link_del; device_del's device_links_purge/);
  });
});
