/**
 * no-missed-probe once an actor wrote a device's driver_override. The store probes nothing
 * (platform.c driver_override_store at v5.10.13; dd.c __device_set_driver_override at
 * dakr@1ac45118ddf8: swap the string, kfree the old one, return), and platform_match then matches
 * the named driver alone. Until s36 a written override exempted the device altogether (a verdict
 * hunt, 2026-12-06, s36 h2): a walk of the very driver the override names that left it unprobed
 * read holds. Now the store releases the device (as an unbind does) and the named driver's walk
 * that starts since owes it a probe; other drivers owe it nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const verdict = (spec: ScenarioSpec, profile: string) => check(buildScenario(spec, profile, '').model).properties[0]!;

// v4.14 puts a device whose probe the link check defers on no pending list (v4.10's really_probe;
// LINK_DEFER_ADD from v4.15): mmc-drv's re-registration walk defers mmc while pmic is unbound, and
// nothing retries it once pmic binds again. The override names mmc-drv: that walk still owes mmc.
const lost = (override: string): ScenarioSpec => ({
  name: 'override-link-defer-lost',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true },
    'mmc-alt': { matches: ['mmc'] },
  },
  actors: { admin: [`override mmc ${override}`, 'unbind pmic-drv pmic', 'unregister mmc-drv', 'register mmc-drv', 'bind pmic-drv pmic'] },
  properties: ['no-missed-probe'],
});

describe('no-missed-probe of a device whose driver_override an actor wrote', () => {
  it('owes the probe by the driver the override names: a walk of it that leaves the device is a miss', () => {
    const p = verdict(lost('mmc-drv'), 'v4.14');
    expect(p.verdict).toBe('violated');
    expect(p.trace!.steps.some((s) => s.label.startsWith('driver_override_store(mmc,mmc-drv)'))).toBe(true);
    expect(p.trace!.steps.some((s) => s.label === 'really_probe(mmc,mmc-drv):call_probe')).toBe(true);
    // v4.18 puts the deferred device on the pending list, retried once pmic binds.
    expect(verdict(lost('mmc-drv'), 'v4.18').verdict).toBe('holds');
  });

  // The hunt's case: a registration walk of the named driver (bus_add_driver -> driver_attach ->
  // __driver_attach) that skips the device, here a patch of yours whose match returns at once.
  it('owes the probe of a registration walk of the named driver that skips the device', async () => {
    const { definePatch, RETURN } = await import('probecheck');
    const { registerPatchFile } = await import('../../src/kernel/define-patch.js');
    const spec: ScenarioSpec = { name: 'override-walk-skips', devices: { d: { present: true } }, drivers: { x: { matches: ['d'] } },
      actors: { admin: ['override d x', 'register x'] }, properties: ['no-missed-probe'] };
    for (const base of ['v5.10', 'mainline']) {
      registerPatchFile(`/virtual/walk-skips-${base}.ts`, [definePatch({ id: 'walk-skips', subject: 'walk-skips', base, hunks: [
        { fn: '__driver_attach', replace: 'driver_match_device', step: (_site, o) => ({ ...o!, run: () => RETURN }) }] })]);
      expect(check(buildScenario(spec, base, '').model).properties[0]!.verdict, base).toBe('holds');
      const p = check(buildScenario(spec, base, `/virtual/walk-skips-${base}.ts`).model).properties[0]!;
      expect(p.verdict, base).toBe('violated');
      expect(p.explanation, base).toContain('d and x are both registered and d is never probed by it');
    }
  });

  it('owes nothing to a driver the override excludes', () => {
    // mmc-drv's walk skips mmc (platform_match: the override names mmc-alt, never registered).
    expect(verdict(lost('mmc-alt'), 'v4.14').verdict).not.toBe('violated');
  });

  // A store probes nothing: a driver whose walk passed the device while the override named another
  // is not owed a probe when the override comes to name it (echo x > driver_override then needs a
  // drivers_probe). A judge that owed the named driver whatever its walk saw would call this missed.
  it('owes nothing for a walk that ran before the override named its driver', () => {
    const spec: ScenarioSpec = {
      name: 'override-rewritten',
      devices: { d: { present: true } },
      drivers: { x: { matches: ['d'] }, y: { matches: ['d'] } },
      actors: { admin: ['override d y', 'register x', 'override d x'] },
      properties: ['no-missed-probe'],
    };
    for (const profile of ['v4.2', 'v5.10', 'mainline']) expect(verdict(spec, profile).verdict, profile).not.toBe('violated');
    // Named only at check time (the CLI's --property): the store still releases d.
    const named = check(buildScenario({ ...spec, properties: ['single-binding'] }, 'v5.10', '').model, { properties: ['no-missed-probe'] }).properties[0]!;
    expect([named.name, named.verdict]).toEqual(['no-missed-probe', 'vacuous']);
    // The same walk after the store names x probes d.
    const after = { ...spec, actors: { admin: ['override d y', 'override d x', 'register x'] } };
    for (const profile of ['v4.2', 'v5.10', 'mainline']) expect(verdict(after, profile).verdict, profile).toBe('holds');
  });

  // The documented way after such a store: echo d > drivers_probe. Its device_attach tries every
  // driver on the bus klist, so each owes the device a probe from there (x, which the override
  // names); a patch of yours whose __device_attach leaves the device is a miss.
  it('owes the probe of a drivers_probe write after the store', async () => {
    const { definePatch } = await import('probecheck');
    const { registerPatchFile } = await import('../../src/kernel/define-patch.js');
    registerPatchFile('/virtual/attach-skips.ts', [definePatch({ id: 'attach-skips', subject: 'attach-skips', base: 'v5.10', hunks: [
      { fn: '__device_attach', replace: 'check_dead', step: (_site, o) => ({ ...o!, run: () => 'out_unlock' }) }] })]);
    const spec: ScenarioSpec = {
      name: 'override-drivers-probe',
      devices: { d: { present: true } },
      drivers: { x: { matches: ['d'] }, y: { matches: ['d'] } },
      actors: { admin: ['override d y', 'register x', 'override d x', 'drivers_probe d'] },
      properties: ['no-missed-probe'],
    };
    const on = (patch: string) => check(buildScenario(spec, 'v5.10', patch).model).properties[0]!;
    expect(on('').verdict).toBe('holds');
    const p = on('/virtual/attach-skips.ts');
    expect(p.verdict).toBe('violated');
    expect(p.trace!.steps.some((s) => s.label === 'drivers_probe_store(d):bus_rescan_devices_helper')).toBe(true);
  });
});
