/**
 * wait-for-probe is not chosen by default where no async entry can be pending when the wait returns
 * with the other actors finished (s38 h12's hunt: both read vacuous by default, exit 5):
 * - s20: every entry is queued by an actor that then unloads, in an `rmmod` of its own, a module
 *   only it loads: delete_module's async_synchronize_full (after mod->exit, on its success path)
 *   leaves none pending once that actor finishes;
 * - s25: the only other entry is an async scan in the probe body of a device the deferred worker
 *   retries only with probing blocked (device_shutdown): each retry defers before drv->probe.
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

describe('wait-for-probe beside device_shutdown and a deferred worker that retries only blocked probes', () => {
  // An HBA whose probe schedules an async scan that adds sda, loaded beside a reboot.
  const s25: ScenarioSpec = {
    name: 's25', devices: { hba: { present: true }, sda: { parent: 'hba' } },
    drivers: { ahci: { matches: ['hba'], module: 'ahci', asyncScan: ['sda'] }, sd: { matches: ['sda'], present: true } },
    actors: { udev: 'modprobe ahci', reboot: 'device_shutdown' }, syncFallback: false,
  };
  it('is not chosen where hba goes on the list only once probing is blocked; named, it is vacuous', () => {
    for (const p of ['v5.10', 'mainline']) expect(chosen(s25, p), p).not.toContain('wait-for-probe');
    expect(verdict(s25, 'v6.6')).toBe('vacuous');
  });
  it('is chosen where ahci may defer of its own: the worker then runs its probe, and its scan', () => {
    const defers: ScenarioSpec = { ...s25, drivers: { ...s25.drivers, ahci: { ...s25.drivers.ahci!, probe: ['ok', 'defer'] } } };
    expect(chosen(defers, 'v6.6')).toContain('wait-for-probe');
    expect(verdict(defers, 'v6.6')).toBe('holds');
  });
});
