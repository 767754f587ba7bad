/**
 * `shutdown-exclusive` named in a scenario where no actor runs device_shutdown (`--property`, a
 * suite's `expect`): the device's `shutDown` field is kept only where one does (kernelSchema), so
 * its `watches` named no field and the check stopped with E101 "malformed model", exit 2, where
 * its sibling no-probe-after-shutdown reads vacuous (a wrong-verdict hunt, s38 h12). Now vacuous
 * too, and where device_shutdown runs it still watches the field and still finds what it finds.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const load: ScenarioSpec = { name: 'no-reboot', devices: { dc: { present: true } }, drivers: { drv: { matches: ['dc'], module: 'm' } }, actors: { udev: 'modprobe m' } };
const reboot: ScenarioSpec = { ...load, name: 'reboot', actors: { udev: 'modprobe m', reboot: 'device_shutdown' } };

describe('shutdown-exclusive named without device_shutdown', () => {
  it('reads vacuous, as no-probe-after-shutdown does, at v6.6 and mainline', () => {
    for (const p of ['v6.6', 'mainline']) {
      const r = check(buildScenario(load, p, '').model, { properties: ['shutdown-exclusive', 'no-probe-after-shutdown'] });
      expect(r.complete, p).toBe(true);
      expect(r.properties.map((x) => `${x.name}=${x.verdict}`), p).toEqual(['shutdown-exclusive=vacuous', 'no-probe-after-shutdown=vacuous']);
    }
  });

  it('is judged where an actor runs device_shutdown (the walk meets a device the load may probe)', () => {
    const r = check(buildScenario(reboot, 'mainline', '').model, { properties: ['shutdown-exclusive'] });
    expect(r.complete).toBe(true);
    expect(r.properties[0]!.verdict).toBe('holds');
  });
});
