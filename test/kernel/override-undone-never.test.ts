/**
 * s40 h11: 5440d2b counted an actor's own `override d x` for its later action however the actor
 * went on, so `override d x, override d y, bind x d` (the store swaps the string: x's platform_match
 * fails) and `override d x, del d, add d, bind x d` (platform_device_release frees the string with
 * the struct, and the device added again has none) read vacuous with no word of why. An actor's
 * own store counts only where its last override or del of d before the action is that store.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';

const spec = (admin: string[], other?: string[]): ScenarioSpec => ({
  name: 'override-undone', devices: { d: { present: true } },
  drivers: { x: { matches: [], present: true }, y: { matches: ['d'] } },
  actors: other ? { admin, other } : { admin },
});
const build = (s: ScenarioSpec) => () => buildScenario(s, 'v5.10', '');

describe("an actor's own override undone before its action", () => {
  it('is refused as never taking effect, saying what undid it', () => {
    expect(build(spec(['override d x', 'override d y', 'bind x d']))).toThrow(/action 'bind x d' can never take effect: .*\(its 'override d x' is undone by its later 'override d y'\)/);
    expect(build(spec(['override d x', 'del d', 'add d', 'bind x d']))).toThrow(/action 'bind x d' can never take effect: .*\(its 'override d x' is undone by its later 'del d': the device added again has no driver_override\)/);
    expect(build(spec(['override d x', 'del d', 'add d', 'unbind x d']))).toThrow(/action 'unbind x d' can never take effect: .*undone by its later 'del d'/);
  });

  it('builds where the store comes again, another actor may write it, or with maybe', () => {
    for (const s of [spec(['override d x', 'del d', 'add d', 'override d x', 'bind x d']), spec(['override d x', 'override d y', 'bind x d'], ['override d x']),
      spec(['override d x', 'del d', 'add d', 'maybe bind x d']), spec(['override d y', 'override d x', 'bind x d'])]) {
      expect(build(s)).not.toThrow();
    }
  });
});
