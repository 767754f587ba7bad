/**
 * Patches change exactly the steps they name; a flag implemented by its fix's patch builds the
 * same steps as the older profile plus that patch; errors E603/E604.
 */
import { describe, expect, it } from 'vitest';
import { PATCHES, PROFILES, buildScenario, check, combine, type ScenarioSpec } from 'probecheck';
import { stepLabels } from './helpers.js';

const hotplugDeferred: ScenarioSpec = {
  name: 'hp', devices: { dc: {}, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], probe: ['defer', 'ok'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { hotplug: ['add dc', 'del dc'], 'hotplug pwm': 'add pwm' },
};
const deferral: ScenarioSpec = {
  name: 'dr', devices: { x: { present: true }, y: { present: true } },
  drivers: { xd: { matches: ['x'], needs: ['y'] }, yd: { matches: ['y'] } },
  actors: { 'insmod x': 'register xd', 'insmod y': 'register yd' },
};

/** Steps added, removed, and kept-but-changed (where/since) between two builds. */
function stepDiff(a: Map<string, { where: string; since?: string }>, b: Map<string, { where: string; since?: string }>) {
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed = [...a.keys()].filter((k) => b.has(k) && JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)));
  return { added, removed, changed };
}
const fnLabel = (k: string) => k.split(': ')[1]!.replace(/\([^)]*\)(#\d+)?/, '');

describe('patches', () => {
  it('each patch names a subject, a commit, and every step its hunks touch', () => {
    for (const p of Object.values(PATCHES)) {
      expect(p.subject && p.commit && p.base).toBeTruthy();
      if (p.hunks.length === 0) continue; // a flag-only patch: the next test checks what it touches
      const hunkSteps = p.hunks.map((h) => `${h.fn}:${h.replace ?? h.insert!.label}`);
      expect([...hunkSteps].sort()).toEqual([...p.touches].sort());
    }
  });

  // A library patch's base is a profile it applies to: one without the flags it adds (E604 there:
  // "already has"), with those it reverts, unless the profile's own steps are its (a flag it implies:
  // a2225b6e834a at mainline). codina-v7 kept base mainline once mainline merged it (s51 h12).
  it("each patch's base is a profile it applies to, or one whose steps it builds", () => {
    const bad = Object.values(PATCHES).flatMap((p) => {
      const has = PROFILES[p.base]!.flags;
      if (combine(p.base, has, []).patches.some((q) => q.id === p.id)) return [];
      return [...(p.flags ?? []).filter((f) => has.includes(f)), ...(p.removes ?? []).filter((f) => !has.includes(f))].map((f) => `${p.id} at ${p.base}: ${f}`);
    });
    expect(bad).toEqual([]);
    expect(() => combine('mainline', PROFILES.mainline!.flags, [PATCHES['codina-v7']!])).toThrow(/E604|already has LINKS_NO_DRIVER_UNBINDING_QUIET/);
  });

  it('70fe758352ca (a flag that rebuilds __driver_attach) changes exactly the steps it names, and v5.1 + it deadlocks no more', () => {
    const spec: ScenarioSpec = { name: 'da', devices: { d: { present: true } }, drivers: { a: { matches: ['d'], probeType: 'async' } }, actors: { insmod: 'register a' } };
    const d = stepDiff(stepLabels(spec, 'v5.1'), stepLabels(spec, 'v5.1', '70fe758352ca'));
    expect(d.removed).toEqual([]);
    expect(d.added).toEqual([]);
    expect(new Set(d.changed.map(fnLabel))).toEqual(new Set(PATCHES['70fe758352ca']!.touches));
    const v = (patches: string) => check(buildScenario(spec, 'v5.1', patches).model).properties.find((x) => x.name === 'no-deadlock')!.verdict;
    expect(v('')).toBe('violated');
    expect(v('70fe758352ca')).toBe('holds');
  });

  // device_lock changes too: its dev->driver test moved into check_dead, which tests dead first (dd.c at 654888327e9f:867-869).
  it('654888327e9f inserts __device_attach:check_dead, rewrites __device_attach:device_lock, and nothing else', () => {
    const d = stepDiff(stepLabels(hotplugDeferred, 'v5.1'), stepLabels(hotplugDeferred, 'v5.1', '654888327e9f'));
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]); // device_lock keeps its where and since: only its lines and where it goes change
    expect(d.added.length).toBeGreaterThan(0);
    expect(['__device_attach:device_lock', ...new Set(d.added.map(fnLabel))]).toEqual(PATCHES['654888327e9f']!.touches);
  });

  it('58b116bce136 replaces exactly really_probe:call_probe and really_probe:driver_deferred_probe_add', () => {
    const d = stepDiff(stepLabels(deferral, 'v3.14'), stepLabels(deferral, 'v3.14', '58b116bce136'));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect([...new Set(d.changed.map(fnLabel))].sort()).toEqual([...PATCHES['58b116bce136']!.touches].sort());
  });

  it('v5.1 + 654888327e9f is v5.9: same steps, same state count, same verdicts', () => {
    // But for the name of device_del's first step: v5.1 sets dead inline, kill_device() is v5.3's.
    expect([...stepLabels(hotplugDeferred, 'v5.1', '654888327e9f').keys()].map((l) => l.replace(':set_dead', ':kill_device'))).toEqual([...stepLabels(hotplugDeferred, 'v5.9').keys()]);
    const a = check(buildScenario(hotplugDeferred, 'v5.1', '654888327e9f').model);
    const b = check(buildScenario(hotplugDeferred, 'v5.9', '').model);
    expect(a.states).toBe(b.states);
    expect(a.properties.map((p) => p.verdict)).toEqual(b.properties.map((p) => p.verdict));
  });

  it('654888327e9f fixes the deferred-worker race of v5.1 (B6)', () => {
    const verdict = (patches: string) => check(buildScenario(hotplugDeferred, 'v5.1', patches).model, { properties: ['no-probe-after-del'] }).properties[0]!.verdict;
    expect(verdict('')).toBe('violated');
    expect(verdict('654888327e9f')).toBe('holds');
  });

  it('58b116bce136 fixes the lost deferred retry of v3.14 (B1)', () => {
    const verdict = (patches: string) => check(buildScenario(deferral, 'v3.14', patches).model, { properties: ['no-lost-deferral'] }).properties[0]!.verdict;
    expect(verdict('')).toBe('violated');
    expect(verdict('58b116bce136')).toBe('holds');
    // No async driver here, so v4.2 differs from v3.14 only by this fix.
    const a = check(buildScenario(deferral, 'v3.14', '58b116bce136').model);
    const b = check(buildScenario(deferral, 'v4.2', '').model);
    expect(a.states).toBe(b.states);
  });

  it('18daa52418e7 replaces dev_uevent:if_driver and makes v5.19 behave as mainline for a uevent reader', () => {
    const spec: ScenarioSpec = { name: 'b11', devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } }, actors: { udev: 'uevent d', 'sysfs unbind': 'unbind a d' } };
    const d = stepDiff(stepLabels(spec, 'v5.19'), stepLabels(spec, 'v5.19', '18daa52418e7'));
    // The print step stays, unreachable, named by its new line (s40 h3): changed too.
    expect(d).toEqual({ added: [], removed: [], changed: ['udev: dev_uevent(d):if_driver', 'udev: dev_uevent(d):add_uevent_var'] });
    expect(check(buildScenario(spec, 'v5.19', '18daa52418e7').model).states).toBe(check(buildScenario(spec, 'mainline', '').model).states);
  });

  it('device-driver-lock rebuilds only the steps it names, and the v4.18 supplier unregister keeps its parent locked no more', () => {
    // pmic (child of soc, platform bus) supplies mmc; driver_detach(pmic-drv) races a sysfs unbind of soc.
    const spec: ScenarioSpec = { name: 'dl', devices: { soc: { present: true, boundTo: 'sb' }, pmic: { parent: 'soc' }, mmc: {} },
      drivers: { sb: { matches: ['soc'], present: true }, pd: { matches: ['pmic'], present: true }, md: { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { boot: ['add pmic', 'add mmc', 'unregister pd'], sysfs: 'unbind sb soc' } };
    const lines = (patches: string) => {
      const b = buildScenario(spec, 'v4.18', patches);
      return new Map(b.kernel.anchors.map((a) => [`${a.thread}: ${a.label}`, JSON.stringify(a.anchored.map((x) => [x.fn, x.lines]))]));
    };
    const a = lines(''), b = lines('device-driver-lock');
    const differ = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map(fnLabel);
    expect(differ).toContain('__device_release_driver:relock_parent'); // gone: soc was never locked by this caller
    expect(differ).toContain('__device_release_driver:device_links_busy');
    for (const l of differ) expect(PATCHES['device-driver-lock']!.touches).toContain(l);
    const v = (patches: string) => Object.fromEntries(check(buildScenario(spec, 'v4.18', patches).model, { properties: ['no-deadlock', 'single-binding'] }).properties.map((x) => [x.name, x.verdict]));
    expect(v('')).toEqual({ 'no-deadlock': 'violated', 'single-binding': 'violated' });
    expect(v('device-driver-lock')).toEqual({ 'no-deadlock': 'holds', 'single-binding': 'holds' });
  });

  it('E603 names the known patches; E604 when the fix is already there', () => {
    expect(() => buildScenario(deferral, 'v4.2', 'deadbeef')).toThrow(/E603|unknown patch 'deadbeef'; known: 654888327e9f, 58b116bce136/);
    try { buildScenario(deferral, 'v4.2', 'deadbeef'); } catch (e) { expect((e as { code: string }).code).toBe('E603'); }
    try { buildScenario(hotplugDeferred, 'v5.9', '654888327e9f'); expect.unreachable(); } catch (e) {
      expect((e as { code: string }).code).toBe('E604');
      expect((e as Error).message).toMatch(/already has ATTACH_DEAD_CHECK/);
    }
  });
});
