/**
 * A driver that matches a device only through its driver_override (s40 h7). platform_match tests
 * the override before any ID: `if (pdev->driver_override) return !strcmp(pdev->driver_override,
 * drv->name);` (platform.c@v5.10.13, and device_match_driver_override at torvalds@4793dae01f47),
 * so `override d x` lets x bind d though x's id table does not list d (vfio-platform's use), and
 * without an override x does not match d. Until s40 such a scenario was refused (E601, `x does not
 * list d in its matches`): the walks, __device_attach's driver loop and no-missed-probe's ghosts
 * followed declared pairs alone. Now x is one of d's drivers whose match fails while no override
 * names it (DevInfo.byOverride), so its registration walk keeps a walk bit on d and owes it a probe
 * once the store released it.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';

// Violated where some run binds d to x (a reachability probe).
const dUnbound = defineProperty({ kind: 'invariant', name: 'd-not-bound-to-x', check: (v) => (v.dev('d').driver === 'x' ? 'd bound to x' : null) });

// d is bound to nothing at boot; x matches nothing by ID.
const spec = (acts: string[]): ScenarioSpec => ({
  name: 'override-only', devices: { d: { present: true }, e: { present: true, boundTo: 'y' } },
  drivers: { x: { matches: [] }, y: { matches: ['e'], present: true } },
  actors: { admin: acts }, properties: ['no-missed-probe'],
});
const labels = (s: ScenarioSpec, profile: string, patch = '') => {
  const m = buildScenario(s, profile, patch).model;
  return { m, p: check(m).properties[0]! };
};

describe('a driver only a driver_override makes match', () => {
  it('builds (no E601), and x binds d only after the override names it', () => {
    for (const profile of ['v5.10', 'mainline']) {
      // Store, then register: x's walk loads the override and strcmp()s it, then probes d.
      const { p } = labels(spec(['override d x', 'register x']), profile);
      expect(p.verdict, profile).toBe('holds');
      // Register, then store: x's walk found no override (no ID match), and the store probes nothing:
      // d stays unbound and no-missed-probe owes it nothing (the store released it; no walk of x since).
      expect(labels(spec(['register x', 'override d x']), profile).p.verdict, profile).not.toBe('violated');
    }
  });

  it("owes d the probe of x's walk that starts after the store: a walk that skips it is a miss", async () => {
    const { definePatch, RETURN } = await import('probecheck');
    const { registerPatchFile } = await import('../../src/kernel/define-patch.js');
    for (const base of ['v5.10', 'mainline']) {
      // The walk goes on past d at platform_match's override test (strcmp, or the one locked step on mainline).
      const at = base === 'mainline' ? 'driver_match_device' : 'strcmp';
      registerPatchFile(`/virtual/ovr-skip-${base}.ts`, [definePatch({ id: 'ovr-skip', subject: 'ovr-skip', base, hunks: [
        { fn: '__driver_attach', replace: at, step: (_site, o) => ({ ...o!, run: (_s, t) => { t.ovr = 0; return RETURN; } }) }] })]);
      const { p } = labels(spec(['override d x', 'register x']), base, `/virtual/ovr-skip-${base}.ts`);
      expect(p.verdict, base).toBe('violated');
      expect(p.explanation, base).toContain('d and x are both registered and d is never probed by it');
    }
  });

  it('a drivers_probe or sysfs bind after the store binds d to x; before it, neither does', () => {
    const withX = (acts: string[]): ScenarioSpec => ({ ...spec(acts), drivers: { x: { matches: [], present: true }, y: { matches: ['e'], present: true } }, properties: [dUnbound] });
    for (const acts of [['override d x', 'drivers_probe d'], ['override d x', 'bind x d']]) {
      expect(check(buildScenario(withX(acts), 'v5.10', '').model).properties[0]!.verdict, acts.join()).toBe('violated');
    }
    // The same actions before the store: platform_match finds no override, and x's ID table lists nothing.
    // (`maybe`: without it such an action is refused as one that never takes effect, test/kernel/override-only-never.test.ts.)
    for (const acts of [['maybe drivers_probe d', 'override d x'], ['maybe bind x d', 'override d x']]) {
      expect(check(buildScenario(withX(acts), 'v5.10', '').model).properties[0]!.verdict, acts.join()).toBe('holds');
    }
    // The user view's matches are the bus match's, without driver_override.
    const seen: string[][] = [];
    const view = defineProperty({ kind: 'invariant', name: 'x-matches', check: (v) => { seen.push([...v.drivers.find((r) => r.name === 'x')!.matches]); return null; } });
    check(buildScenario({ ...withX(['override d x']), properties: [view] }, 'v5.10', '').model);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((m) => m.length === 0)).toBe(true);
    // A driver of another bus: d's bus walks never meet it, whatever the override names.
    expect(() => buildScenario({ ...spec(['override d x']), buses: { platform: {}, pci: {} }, drivers: { x: { matches: [], bus: 'pci' }, y: { matches: ['e'], present: true } } }, 'v5.10', ''))
      .toThrow(/override d x: x is on bus 'pci', d on 'platform'/);
  });
});
