/**
 * wait-for-probe is not chosen by default where every async entry that may outlive its call is
 * queued by an actor that then unloads, in an `rmmod` of its own, a module only it loads:
 * delete_module's async_synchronize_full (after mod->exit, on its success path) leaves none pending
 * once that actor finishes, and the property is judged only then (s38 h12's hunt, s20: `modprobe m,
 * rmmod m` of an async_probe module beside a wait_for_device_probe read vacuous by default, exit 5).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const s20: ScenarioSpec = {
  name: 's20', devices: { a: { present: true }, b: { present: true } },
  drivers: { drv: { matches: ['a', 'b'], module: 'm' } }, modules: { m: { asyncProbe: true } },
  actors: { udev: ['modprobe m', 'rmmod m'], init: 'wait_for_device_probe' }, syncFallback: false,
};
const chosen = (s: ScenarioSpec, p: string) => check(buildScenario(s, p, '').model, { maxStates: 1 }).properties.map((x) => x.name);
const verdict = (s: ScenarioSpec, p: string) => {
  const r = check(buildScenario(s, p, '').model, { properties: ['wait-for-probe'] });
  expect(r.complete).toBe(true);
  return r.properties[0]!.verdict;
};

describe('wait-for-probe beside an actor that loads and unloads its module', () => {
  it('is not chosen where the actor unloads the module after queueing its entries; named, it is vacuous', () => {
    for (const p of ['v4.2', 'v5.10', 'mainline']) expect(chosen(s20, p), p).not.toContain('wait-for-probe');
    expect(verdict(s20, 'mainline')).toBe('vacuous');
  });

  it('is chosen where an entry may still be pending when the actor finishes', () => {
    // Loaded again after the unload: its entries outlive the actor (met, and holds).
    const again: ScenarioSpec = { ...s20, actors: { ...s20.actors, udev: ['modprobe m', 'rmmod m', 'modprobe m'] } };
    expect(chosen(again, 'mainline')).toContain('wait-for-probe');
    expect(verdict(again, 'mainline')).toBe('holds');
    // Unloaded by another actor, whose rmmod may find the module still loading (-EBUSY, no sync).
    expect(chosen({ ...s20, actors: { udev: 'modprobe m', admin: 'rmmod m', init: 'wait_for_device_probe' } }, 'mainline')).toContain('wait-for-probe');
    // Loaded by another actor too: this actor's modprobe may return while the other's load is under way, and its rmmod fail.
    expect(chosen({ ...s20, actors: { ...s20.actors, other: 'maybe modprobe m' } }, 'mainline')).toContain('wait-for-probe');
  });
});
