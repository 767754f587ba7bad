/**
 * s40 h11: no-lost-deferral owes the retry a driver's deferral asked for whichever driver the
 * device's driver_override names. The deferred worker's retry (deferred_probe_work_func ->
 * bus_probe_device, dd.c@v5.10.13 96, 115) walks every driver through platform_match, which binds
 * the one the override names (platform.c@v5.10.13 excerpt 14-15), so dc-drv's deferral, its
 * trigger lost (58b116bce136 reverted: B1) and dc's override then naming x, leaves dc listed
 * for good where the retry would have bound it by x. 4a855b4 asked the deferring driver itself to
 * pass the override's test, and this read holds.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

// 58b116bce136 reverted at v4.14 (test/liveness/revert-trigger.test.ts): the re-trigger after the add is dropped.
const file = '/virtual/h11-revert-58b116bce136.ts';
registerPatchFile(file, [definePatch({ id: 'revert-58b116bce136', subject: 'drop the re-trigger after a deferral', base: 'v4.14',
  hunks: [{ fn: 'really_probe', replace: 'driver_deferred_probe_add', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { const next = o!.run(s, t, b, c); return next === 'driver_deferred_probe_trigger' ? 'done' : next; } }) }] })]);
// x matches dc only through the override (registered from the start, so no walk of its own binds dc).
const spec = (admin: string[]): ScenarioSpec => ({ name: 'trigger-override', devices: { dc: {}, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true }, x: { matches: [], present: true } },
  actors: { 'add dc': admin, 'add pwm': 'add pwm' }, properties: ['no-lost-deferral'] });
const verdict = (admin: string[], patch = file) => check(buildScenario(spec(admin), 'v4.14', patch).model).properties[0]!;

describe('no-lost-deferral with an override naming another driver than the deferring one', () => {
  it('the lost retry x would have taken is violated, and says x', () => {
    const p = verdict(['add dc', 'override dc x']);
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toBe('dc stays on the deferred pending list with dc-drv registered and pwm bound: its retry was lost (its driver_override names x, which the retry would probe)');
  });
  it('holds with the trigger kept (v4.14 as it is)', () => {
    expect(verdict(['add dc', 'override dc x'], '').verdict).toBe('holds');
  });
});
