/**
 * s40 h12: since faf1500 no-lost-deferral owes dc-drv's deferral a retry where dc's driver_override
 * names x. A retry that probes x binds dc only where x's probe may succeed and x's own needs are
 * bound: x's probe always failing or deferring, or x needing a device never bound, read violated
 * for dc-drv, a lost retry that would have bound nothing (as an override naming no registered
 * driver owes none: s40 h9).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

// 58b116bce136 reverted at v4.14 (as test/kernel/lost-deferral-override-names.test.ts): the re-trigger after the add is dropped.
const file = '/virtual/h12-revert-58b116bce136.ts';
registerPatchFile(file, [definePatch({ id: 'revert-58b116bce136', subject: 'drop the re-trigger after a deferral', base: 'v4.14',
  hunks: [{ fn: 'really_probe', replace: 'driver_deferred_probe_add', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { const next = o!.run(s, t, b, c); return next === 'driver_deferred_probe_trigger' ? 'done' : next; } }) }] })]);
const verdict = (x: ScenarioSpec['drivers'][string]) => check(buildScenario({ name: 'trigger-override', devices: { dc: {}, pwm: {}, foo: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true }, x },
  actors: { 'add dc': ['add dc', 'override dc x'], 'add pwm': 'add pwm' }, properties: ['no-lost-deferral'] }, 'v4.14', file).model).properties[0]!.verdict;

describe('no-lost-deferral: the retry the override sends to x is owed only where x could bind', () => {
  it.each([
    ['always fails', { matches: [], present: true, probe: 'error' as const }],
    ['always defers', { matches: [], present: true, probe: 'defer' as const }],
    ['needs a device never bound', { matches: [], present: true, needs: ['foo'] }],
  ])('x whose probe %s: holds', (_w, x) => expect(verdict(x)).toBe('holds'));
  it('x needing pwm, bound: violated', () => expect(verdict({ matches: [], present: true, needs: ['pwm'] })).toBe('violated'));
});
