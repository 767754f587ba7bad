/**
 * A driver declared both present (built in) and in a module is refused with what to write instead:
 * a new user (2026-12-06) wanted an MFD's modules loaded at the start, to rmmod them, and the
 * error named the conflict only.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';

describe('a present driver of a module', () => {
  it('is refused with what to write instead (a new user wanted a module loaded at the start)', () => {
    const loaded: ScenarioSpec = { name: 'loaded', devices: { mfd: { present: true, boundTo: 'mfd-drv' } },
      drivers: { 'mfd-drv': { matches: ['mfd'], module: 'mfd', present: true } }, actors: { admin: 'rmmod mfd' } };
    expect(() => buildScenario(loaded, 'mainline', '')).toThrow(/belongs to module 'mfd'; drop module .*declare the module loaded at the start \(modules: \{ mfd: \{ loaded: true \} \}\).*'modprobe mfd', then 'rmmod mfd'/);
    // What it says to write builds, and rmmod then unloads the module the device is bound to.
    const fixed: ScenarioSpec = { ...loaded, drivers: { 'mfd-drv': { matches: ['mfd'], module: 'mfd' } }, modules: { mfd: { loaded: true } } };
    expect(() => buildScenario(fixed, 'mainline', '')).not.toThrow();
  });
});
