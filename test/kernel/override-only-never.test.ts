/**
 * s40 h9: a driver that matches a device only through its driver_override (DevInfo.byOverride)
 * fails platform_match while no override names it (platform.c@v5.10.13 platform_match: `if
 * (pdev->driver_override) return !strcmp(...)`, then the ID tables). An action that can only probe
 * d through x before any `override d x` may run (`bind x d`, `drivers_probe d` with x its only
 * driver, `unbind x d`) never takes effect, and is refused as such (E601) as it is where x does not
 * match d at all; s40 h7's change had taken x as matching d from the start, and such a scenario
 * read vacuous (exit 5) with no word of why.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';

const spec = (admin: string[], other?: string[]): ScenarioSpec => ({
  name: 'override-never', devices: { d: { present: true }, e: { present: true, boundTo: 'y' } },
  drivers: { x: { matches: [], present: true }, y: { matches: ['e'], present: true } },
  actors: other ? { admin, other } : { admin },
});
const build = (s: ScenarioSpec) => () => buildScenario(s, 'v5.10', '');

describe('an action before the override that alone lets x match d', () => {
  it('is refused as one that never takes effect', () => {
    expect(build(spec(['bind x d', 'override d x']))).toThrow(/action 'bind x d' can never take effect: driver 'x' matches device 'd' only through its driver_override, and no 'override d x' may run before it \(the 'override' later in actor 'admin' comes too late\)/);
    expect(build(spec(['drivers_probe d', 'override d x']))).toThrow(/action 'drivers_probe d' can never take effect: no driver matches device 'd' \(driver 'x' only through an override/);
    expect(build(spec(['unbind x d', 'override d x']))).toThrow(/action 'unbind x d' can never take effect: driver 'x' can never be bound to device 'd': it matches device 'd' only through its driver_override/);
  });

  it('builds where the override comes first or another actor may write it, or with maybe', () => {
    for (const s of [spec(['override d x', 'bind x d']), spec(['bind x d'], ['override d x']), spec(['drivers_probe d'], ['override d x']), spec(['maybe bind x d', 'override d x'])]) {
      expect(build(s)).not.toThrow();
    }
  });
});
