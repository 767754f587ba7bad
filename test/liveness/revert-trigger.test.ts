/**
 * A liveness hunt (2026-12-06, s36 h11): 58b116bce136 ("drivercore: deferral race condition fix",
 * v3.15) reverted by a user's patch brings B1 back, and takes B15's re-probe loop away, in both
 * layouts the model builds its re-trigger in: really_probe's error path (v3.15 .. v5.13, the
 * `driver_deferred_probe_add` step the fix's patch wraps) and driver_probe_device's (v5.14 on,
 * 204db60c8357 moved the add and the comparison there). The suite checks the fix only as a
 * patch on v3.14; a rework of either layout that lost the re-trigger would read as holds here.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, RETURN, type ScenarioSpec } from 'probecheck';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';

// B1 (models/deferred-probe.ts variant=trigger): dc's driver needs pwm; pwm binds while dc probes.
const trigger: ScenarioSpec = { name: 'trigger', devices: { dc: {}, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { 'add dc': 'add dc', 'add pwm': 'add pwm' }, properties: ['no-lost-deferral'] };
// B15 (variant=loop): host's probe registers child, which binds (a trigger), then host defers.
const loop: ScenarioSpec = { name: 'loop', devices: { host: { present: true }, child: { parent: 'host' } },
  drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
  actors: { modprobe: 'register host-drv' }, properties: ['quiescence'] };

// -	if (local_trigger_count != atomic_read(&deferred_trigger_count)) driver_deferred_probe_trigger();
// The step that adds to the pending list and compares the count goes on as if the count were unchanged.
const revert = (base: string, fn: string, step: string, instead: string) => {
  const file = `/virtual/revert-58b116bce136-${base}.ts`;
  registerPatchFile(file, [definePatch({ id: 'revert-58b116bce136', subject: 'drop the re-trigger after a deferral', base,
    hunks: [{ fn, replace: step, step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { const next = o!.run(s, t, b, c); return next === 'driver_deferred_probe_trigger' ? instead : next; } }) }] })]);
  return file;
};
const verdict = (s: ScenarioSpec, profile: string, file = '') => {
  const p = check(buildScenario(s, profile, file).model, {}).properties[0]!;
  return { verdict: p.verdict, why: p.explanation ?? '' };
};

describe('58b116bce136 reverted by a user\'s patch', () => {
  for (const [profile, fn, step, instead] of [['v4.14', 'really_probe', 'driver_deferred_probe_add', 'done'], ['v5.15', 'driver_probe_device', 'deferred', 'out']] as const) {
    it(`at ${profile} (${fn}): the lost retry comes back, the re-probe loop goes`, () => {
      const file = revert(profile, fn, step, instead);
      expect(verdict(trigger, profile).verdict).toBe('holds');
      expect(verdict(trigger, profile, file)).toEqual({ verdict: 'violated', why: 'dc stays on the deferred pending list with dc-drv registered and pwm bound: its retry was lost' });
      expect(verdict(loop, profile).verdict).toBe('violated');
      expect(verdict(loop, profile, file).verdict).toBe('holds');
    });
  }
});
