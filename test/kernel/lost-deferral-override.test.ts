/**
 * s40 h9: no-lost-deferral owes a listed device no retry by a driver its driver_override leaves out.
 * platform_match returns `!strcmp(pdev->driver_override, drv->name)` before any ID test
 * (platform.c@v5.10.13 excerpt, kernel/), so while the override names another driver a retry of d
 * (the deferred worker's __device_attach) never binds it by x, whether x matches d by ID or only
 * through an override (DevInfo.byOverride, s40 h7). no-missed-probe judged the override so; here a
 * device a hunk of yours listed (deferredAdd, every driver owed: yoursListed), its override then
 * naming y (not registered), read violated for x: `d stays on the deferred pending list with x
 * registered: its retry was lost`.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, definePatch, deferredAdd, RETURN, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

// y's registration walk lists d and goes on (a match that defers, written by hand).
registerPatchFile('/virtual/h9-list-d.ts', [definePatch({ id: 'list-d', subject: 'list d', base: 'v5.10', hunks: [
  { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!, run: (s) => { deferredAdd(s, site.dev); return RETURN; } }) }] })]);
const spec = (admin: string[], byId: boolean): ScenarioSpec => ({
  name: 'lost-override', devices: { d: { present: true } },
  drivers: { x: { matches: byId ? ['d'] : [] }, y: { matches: ['d'] } },
  actors: { admin }, properties: ['no-lost-deferral'],
});
const verdict = (admin: string[], byId: boolean) => check(buildScenario(spec(admin, byId), 'v5.10', '/virtual/h9-list-d.ts').model).properties[0]!;

describe('no-lost-deferral and a driver_override', () => {
  it('owes nothing by x once the override names y, whether x matches d by ID or only through the override', () => {
    for (const byId of [false, true]) {
      expect(verdict(['register x', 'override d x', 'register y', 'unregister y', 'override d y'], byId).verdict, String(byId)).toBe('holds');
    }
  });
  it('still owes the retry by x while the override names x', () => {
    for (const byId of [false, true]) {
      const p = verdict(['register x', 'override d x', 'register y', 'unregister y'], byId);
      expect(p.verdict, String(byId)).toBe('violated');
      expect(p.explanation).toContain('d stays on the deferred pending list with x registered');
    }
  });
});
