/**
 * A review of device_add's E206 (s36 h9): every path that holds a struct device across steps
 * must be marked as its holder (Kernel.holds), or a 16th add goes unnoticed and the holder takes
 * the new struct for its own.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { STRUCTS } from '../../src/kernel/state.js';

const rounds = (n: number) => Array.from({ length: n }, () => ['del dc', 'add dc']).flat();
const run = (s: ScenarioSpec) => check(buildScenario(s, 'mainline', '').model, { exhaustive: true });

describe('holders of an old struct device that device_add must see', () => {
  it('a removal that got its struct at the removal event and waits for the parent\'s lock (USB)', () => {
    // b's `del dc` waits for dc to be registered, gets that struct, then takes p's lock
    // (usb_lock_parent); meanwhile a deletes and adds dc again and again.
    const s = (n: number): ScenarioSpec => ({ name: 'usb-wrap', buses: { usb: { needParentLock: true } }, devices: { p: { present: true }, dc: { parent: 'p' } },
      drivers: { drv: { matches: ['dc'], present: true } }, actors: { a: ['add dc', ...rounds(n)], b: 'del dc' }, properties: ['no-probe-after-del'] });
    expect(run(s(STRUCTS - 1)).properties[0]!.verdict).toBe('holds');
    let msg = '';
    try { run(s(STRUCTS)); } catch (e) { expect((e as { code?: string }).code).toBe('E206'); msg = (e as Error).message; }
    expect(msg).toMatch(/device 'dc' is added again while b \(at usb_lock_parent\(p\):device_lock\) still holds its struct device of 16 adds before/);
    // Only actors add dc: the error says how many adds are told apart, not a probe's loop.
    expect(msg).toMatch(/Only actors add it: at most 15 adds while the holder waits are told apart$/);
  });

  it("a probe's re-registrations of a child: the error points at the loop (quiescence)", () => {
    const s: ScenarioSpec = { name: 'register-defer-loop', devices: { p: {}, c: { parent: 'p' } },
      drivers: { pdrv: { matches: ['p'], probe: ['defer', 'ok'], registers: ['c'], present: true }, cdrv: { matches: ['c'], present: true } },
      actors: { hot: 'add p', admin: 'bind cdrv c' }, properties: ['device-ready'] };
    expect(() => check(buildScenario(s, 'v6.12', '').model, { exhaustive: true })).toThrow(/A probe that registers it and defers, retried again and again, adds it without end \(see quiescence\)$/);
  });
});
