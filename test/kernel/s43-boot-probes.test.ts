/**
 * s43 h2: the boot-links model (loaded.ts bootLinksStart, links.ts bootProbe) left by s42 h2/h8/h16.
 * (1) Its steps are anchored to the C they stand for (really_probe's ->probe call, driver_bound,
 * really_probe's failure path), as every library step is (conformance.test.ts builds no boot-links
 * model, so this file checks them at every profile with device links).
 * (2) A boot probe that failed (`probe: 'error'`, the device present and unbound) ran its
 * ->probe's device_link_add calls, and really_probe's probe_failed leaves a stateless link made
 * (device_links_no_driver skips it at every core.c read): the start has it, as the same failed
 * probe run by an actor leaves it, and a user's hunk on device_link_add runs in it.
 * (3) A probe that takes its parent's lock (__driver_attach, on a need_parent_lock bus) holds it
 * while ->probe runs: a hunk that takes that lock blocks in boot's probe (E604), where the boot
 * run ran it lock-free.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, PROFILE_NAMES, PROFILES, type ScenarioSpec } from 'probecheck';
import { makeBackend } from '../../src/engine/check.js';
import { endStates, startState } from './boot-link-states.js';
import { compile } from '../../src/engine/compile.js';
import { decode } from '../../src/engine/schema.js';
import { fp } from '../../src/engine/hash.js';
import { FingerprintStore, NO_PARENT } from '../../src/engine/store.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import { RETURN } from '../../src/kernel/emit.js';
import { excerpt } from '../../src/kernel/source.js';

const LINK = { consumer: 'mmc', supplier: 'pmic' };
const links = (s: { g: { link: { refs: number; dels: number; nul: number }[] } }) => JSON.stringify(s.g.link.map((l) => [l.refs, l.dels, l.nul]));

const startLinks = (spec: ScenarioSpec, profile: string, patches = '') => startState(links, spec, profile, patches);
const endLinks = (spec: ScenarioSpec, profile: string, patches = '') => endStates(links, spec, profile, patches);

const PASS = '/virtual/s43-h2-pass.ts', REFUSE = '/virtual/s43-h2-refuse.ts', PARENT = '/virtual/s43-h2-parent.ts';
registerPatchFile(PASS, [definePatch({ id: 'u-pass', subject: 'device_link_add as it is', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig! }) }] })]);
registerPatchFile(REFUSE, [definePatch({ id: 'u-refuse', subject: 'no stateless link at all', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) }] })]);
// device_link_add taking the consumer's parent's lock (device_lock(consumer->parent)) around its work.
registerPatchFile(PARENT, [definePatch({ id: 'u-parent', subject: 'device_link_add under the parent lock', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => {
    const parent = site.k.w.devices[site.dev]!.parent;
    return { ...orig!, await: (s) => s.dev[parent]!.mutex === 0, waits: () => 'the parent lock' };
  } }] })]);

describe("the boot-links model's steps are anchored to the C they stand for", () => {
  // pmic supplies a managed link (DL_DEV_PROBING in its probe) and sits under a need_parent_lock
  // hub (its probe's parent lock); mmc's probe fails (probe_failed).
  const spec: ScenarioSpec = { name: 'anchors', buses: { usb: { needParentLock: true } },
    devices: { hub: { present: true, bus: 'usb' }, pmic: { present: true, bus: 'usb', parent: 'hub', boundTo: 'pd' }, mmc: { present: true, bus: 'usb' }, card: { present: true, bus: 'usb', boundTo: 'cd' } },
    drivers: { pd: { matches: ['pmic'], bus: 'usb', present: true, statelessLinks: [LINK] }, md: { matches: ['mmc'], bus: 'usb', present: true, probe: 'error', statelessLinks: [LINK] },
      cd: { matches: ['card'], bus: 'usb', present: true, links: ['pmic'] } }, actors: { a: 'maybe unbind pd pmic' } };
  const want: Record<string, RegExp[]> = {
    probe: [/drv->probe\(dev\)|call_driver_probe\(dev, drv\)/, /dev->driver = |device_set_driver\(dev, drv\)/],
    driver_bound: [/klist_add_tail\(&dev->p->knode_driver/],
    probe_failed: [/probe_failed:/],
  };
  for (const p of PROFILE_NAMES.filter((x) => PROFILES[x]!.flags.includes('DEVICE_LINKS'))) {
    it(p, () => {
      const w = buildScenario(spec, p, '').world, dev = (n: string) => w.devices.findIndex((d) => d.name === n), drv = (n: string) => w.drivers.findIndex((d) => d.name === n);
      const b = buildScenario(spec, p, PASS, { shutdown: false, initStarted: false, walked: [], bootProbes: [{ dev: dev('pmic'), drv: drv('pd') }, { dev: dev('card'), drv: drv('cd') }, { dev: dev('mmc'), drv: drv('md'), failed: true }] });
      const th = b.model.threads.find((t) => t.name === 'boot-probes')!;
      const labels = Object.keys(th.steps).filter((l) => l.startsWith('boot_probe('));
      expect(labels.length).toBe(6);
      for (const label of labels) {
        const a = b.kernel.anchors.find((x) => x.thread === 'boot-probes' && x.label === label);
        expect(a, `${p} ${label}: no anchors`).toBeDefined();
        if (a!.error?.startsWith('this profile reads no snapshot')) continue;
        expect(a!.error, `${p} ${label}`).toBeUndefined();
        const text = a!.anchored.flatMap((an) => an.lines.map((i) => excerpt(an.release, an.path, an.fn)!.lines[i]!)).join('\n');
        for (const re of want[label.slice(label.lastIndexOf(':') + 1)]!) expect(text, `${p} ${label}`).toMatch(re);
        // The probe under hub's need_parent_lock cites the parent lock it may hold; the others do not.
        if (label.endsWith(':probe')) expect(/device_lock\((dev->)?parent\)/.test(text), `${p} ${label}`).toBe(label.startsWith('boot_probe(pmic'));
        // DL_DEV_PROBING only for a device that supplies a managed link, where core.c is read.
        if (label.endsWith(':probe') && a!.anchored.some((an) => an.path.endsWith('core.c'))) expect(/DL_DEV_PROBING/.test(text)).toBe(label.startsWith('boot_probe(pmic'));
      }
    });
  }
});

describe("a boot probe that failed leaves its stateless links made, as the search's failed probe does", () => {
  // mmc's driver always fails, after its ->probe linked mmc to pmic (bound at boot); pmic's driver adds no link.
  const drivers = { pd: { matches: ['pmic'], present: true }, md: { matches: ['mmc'], present: true, probe: 'error' as const, statelessLinks: [LINK] } };
  const boot: ScenarioSpec = { name: 'failed-boot', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: { present: true } }, drivers, actors: { idle: 'maybe unbind pd pmic' } };
  const late: ScenarioSpec = { name: 'failed-late', devices: { pmic: { present: true, boundTo: 'pd' }, mmc: {} }, drivers, actors: { hot: 'add mmc' } };
  for (const profile of ['v4.14', 'v4.18', 'mainline']) {
    it(`the start has the link the failed probe made, with or without a hunk on device_link_add (${profile})`, () => {
      const b = startLinks(boot, profile);
      expect(endLinks(late, profile)).toEqual([b]);
      expect(b).toBe(JSON.stringify([[1, 0, 0]]));
      expect(startLinks(boot, profile, PASS)).toBe(b);
    });
    it(`a hunk that refuses the link refuses it in boot's failed probe too (${profile})`, () => {
      const b = startLinks(boot, profile, REFUSE);
      expect(endLinks(late, profile, REFUSE)).toEqual([b]);
      expect(b).toBe(JSON.stringify([[0, 0, 0]]));
    });
  }
  it('a failed probe and a bound one both add, a reference each with the kref (v4.18; one link at v4.14)', () => {
    const both: ScenarioSpec = { ...boot, drivers: { ...drivers, pd: { ...drivers.pd, statelessLinks: [LINK] } } };
    expect(startLinks(both, 'v4.18')).toBe(JSON.stringify([[2, 0, 0]]));
    expect(startLinks(both, 'v4.18', PASS)).toBe(JSON.stringify([[2, 0, 0]]));
    expect(startLinks(both, 'v4.14', PASS)).toBe(JSON.stringify([[1, 0, 0]]));
  });
  it("a failed probe's NULL (its supplier not present) leaves nothing", () => {
    const absent: ScenarioSpec = { name: 'failed-absent', devices: { pmic: {}, mmc: { present: true } }, drivers, actors: { hot: 'add pmic' } };
    expect(startLinks(absent, 'v4.18')).toBe(JSON.stringify([[0, 0, 0]]));
  });
});

describe("a boot probe that failed leaves its managed links as the search's failed probe does", () => {
  const status = (spec: ScenarioSpec, profile: string, late: boolean) => {
    const c = compile(buildScenario(spec, profile, '').model), be = makeBackend(c, 'fast'), seen = new FingerprintStore(16), ends = new Set<string>();
    be.clear(); be.loadInitial();
    const st = (x: unknown) => JSON.stringify((x as { g: { link: { status: string }[] } }).g.link.map((l) => l.status));
    if (!late) return [st(decode(c.full, be.bytes(), 0))];
    be.pushCur(seen.put(fp.hi, fp.lo, NO_PARENT, 0), 0);
    while (be.popBack()) {
      if (be.expand(() => { const id = seen.put(fp.hi, fp.lo, NO_PARENT, 0); if (id >= 0) be.pushNext(id, 0); }) > 0) continue;
      ends.add(st(decode(c.full, be.bytes(), 0)));
    }
    return [...ends];
  };
  // mmc's driver adds a managed link to pmic in probe(), then fails: AVAILABLE where pmic is bound;
  // a linksUnchecked one beside an unbound pmic: AVAILABLE at v4.14 and v5.0, DORMANT from 15cfb0941603 (v5.1).
  for (const [unchecked, bound, profile, want] of [[false, true, 'v4.14', 'AVAILABLE'], [false, true, 'mainline', 'AVAILABLE'], [true, false, 'v5.0', 'AVAILABLE'], [true, false, 'v5.4', 'DORMANT']] as const) {
    it(`${unchecked ? 'linksUnchecked, pmic unbound' : 'pmic bound'} (${profile}): ${want}`, () => {
      const drivers = { pd: { matches: ['pmic'], present: bound }, md: { matches: ['mmc'], present: true, probe: 'error' as const, links: ['pmic'], ...(unchecked ? { linksUnchecked: true } : {}) } };
      const pmic = { present: true, ...(bound ? { boundTo: 'pd' } : {}) };
      const boot = status({ name: 'failed-managed', devices: { pmic, mmc: { present: true } }, drivers, actors: { idle: 'maybe unbind md mmc' } }, profile, false);
      expect(status({ name: 'failed-managed-late', devices: { pmic, mmc: {} }, drivers, actors: { hot: 'add mmc' } }, profile, true)).toEqual(boot);
      expect(boot).toEqual([JSON.stringify([want])]);
    });
  }
});

describe("boot's probe under the parent's lock", () => {
  // mmc, an interface under a need_parent_lock hub, bound at boot by a driver that links it to pmic.
  const spec = (needParentLock: boolean): ScenarioSpec => ({ name: 'parent-lock', buses: { usb: { needParentLock } },
    devices: { pmic: { present: true, boundTo: 'pd' }, hub: { present: true, bus: 'usb' }, mmc: { present: true, bus: 'usb', parent: 'hub', boundTo: 'md' } },
    drivers: { pd: { matches: ['pmic'], present: true }, md: { matches: ['mmc'], bus: 'usb', present: true, statelessLinks: [LINK] } }, actors: { a: 'maybe unbind md mmc' } });
  it('a hunk taking the parent lock blocks there where __driver_attach holds it (E604), and not where no path takes it (v5.4)', () => {
    let err: { code?: string; message?: string } = {};
    try { buildScenario(spec(true), 'v5.4', PARENT); } catch (e) { err = e as typeof err; }
    expect(err.code).toBe('E604');
    expect(err.message).toMatch(/blocks there \(boot may have called the probe of mmc \(hub\) through __driver_attach, holding the parent's lock/);
    expect(startLinks(spec(false), 'v5.4', PARENT)).toBe(JSON.stringify([[1, 0, 0]]));
  });
  it('a hunk that leaves the lock alone starts as without it on that bus (v5.4)', () => {
    expect(startLinks(spec(true), 'v5.4', PASS)).toBe(startLinks(spec(true), 'v5.4'));
  });
});
