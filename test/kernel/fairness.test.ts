/**
 * Fairness in scenarios: actors are weakly fair unless declared `unfair`, and liveness verdicts
 * follow. A hotplug actor that may stop before adding pwm leaves dc deferred forever; one that
 * must go on does not.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const spec: ScenarioSpec = {
  name: 'fair', devices: { dc: { present: true }, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'] }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { insmod: 'register dc-drv', 'hotplug pwm': 'add pwm' },
  properties: ['actors-terminate'],
};

describe('fairness of actors', () => {
  it('a fair actor eventually moves; an unfair one may stop for good', () => {
    const verdict = (s: ScenarioSpec) => check(buildScenario(s, 'mainline', '').model).properties[0]!;
    expect(verdict(spec).verdict).toBe('holds');
    const stop = verdict({ ...spec, unfair: ['hotplug pwm'] });
    expect(stop.verdict).toBe('violated');
    expect(stop.explanation).toMatch(/hotplug pwm .* never returns/);
    expect(stop.trace!.loopFrom).toBe(stop.trace!.moves.length);
  });

  it('unfair names an actor (E601 otherwise)', () => {
    expect(() => buildScenario({ ...spec, unfair: ['udev'] }, 'mainline', '')).toThrow(/E601|'udev' is not an actor; actors: insmod, hotplug pwm/);
  });
});
