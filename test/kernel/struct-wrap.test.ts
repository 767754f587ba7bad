/**
 * DevS.gen tells a device's struct devices apart for whatever holds an old one (an async entry,
 * the deferred worker's retry, a sysfs store, a racing removal, the shutdown walk). It counted
 * them modulo 4 until 2026-12-06 (s36): a holder of a struct four adds back took the new one for
 * its own, silently. Now modulo STRUCTS (16), and device_add stops the search (E206) where a holder
 * of the struct STRUCTS adds back still holds it.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { STRUCTS } from '../../src/kernel/state.js';

const run = (s: ScenarioSpec, profile: string, o: { por?: boolean; backend?: 'fast' | 'reference' } = {}) => check(buildScenario(s, profile, '').model, { exhaustive: true, ...o });
const verdicts = (s: ScenarioSpec, profile: string) => Object.fromEntries(run(s, profile).properties.map((p) => [p.name, p.verdict]));
const rounds = (n: number) => Array.from({ length: n }, () => ['del dc', 'add dc']).flat();
const e206 = (f: () => unknown): string => {
  try { f(); } catch (e) { expect((e as { code?: string }).code).toBe('E206'); return (e as Error).message; }
  throw new Error('no error: the search ran to a verdict');
};

describe('a device added again more often than the model tells its structs apart', () => {
  it("the deferred worker's retry of the first struct is not taken for the fifth (a false device-ready with 4 structs)", () => {
    // The worker takes dc's entry (get_device) and waits; one actor deletes and adds dc four times.
    // In the C the retry locks its own, dead struct and probes nothing; with gen modulo 4 it locked
    // the fifth struct between bus_add_device and device_pm_add and probed it there.
    const s = (n: number): ScenarioSpec => ({ name: 'defer-replug', devices: { dc: {}, s: {} },
      drivers: { drv: { matches: ['dc'], probe: ['defer', 'ok'], present: true }, sdrv: { matches: ['s'], present: true } },
      actors: { hot: ['add dc', ...rounds(n)], hs: 'add s' }, properties: ['device-ready'] });
    expect(verdicts(s(4), 'v5.10')).toEqual({ 'device-ready': 'holds' });
  });

  it('two removals racing on a device added 4 times: the struct the second got is still told apart (E601 until s36)', () => {
    const s = (n: number): ScenarioSpec => ({ name: 'wrap', devices: { dc: { present: true, boundTo: 'drv' } }, drivers: { drv: { matches: ['dc'], present: true } },
      actors: { a: rounds(n), b: 'del dc' }, properties: ['no-probe-after-del', 'single-unregister'] });
    expect(verdicts(s(4), 'mainline')).toEqual({ 'no-probe-after-del': 'holds', 'single-unregister': 'violated' });
    expect(verdicts(s(STRUCTS - 1), 'mainline')).toEqual({ 'no-probe-after-del': 'holds', 'single-unregister': 'violated' });
    // The STRUCTS-th add while b still holds the first struct: stopped, naming the device, the holder and the limit.
    expect(e206(() => run(s(STRUCTS), 'mainline'))).toMatch(new RegExp(`device 'dc' is added again while b \\(at device_del\\(dc\\):[a-z_]+\\) still holds its struct device of ${STRUCTS} adds before`));
  });

  // p's probe registers c, and defers when c's bind triggered a retry meanwhile: the retry registers
  // c again, without end (quiescence). A sysfs store that looked c up holds its struct meanwhile.
  const loop = (actors: ScenarioSpec['actors']): ScenarioSpec => ({ name: 'register-defer-loop', devices: { p: {}, c: { parent: 'p' } },
    drivers: { pdrv: { matches: ['p'], probe: ['defer', 'ok'], registers: ['c'], present: true }, cdrv: { matches: ['c'], present: true } }, actors });

  it('a probe that registers a child again and again: a verdict where nothing holds an old struct of it', () => {
    expect(verdicts(loop({ hot: 'add p' }), 'v6.12')).toMatchObject({ quiescence: 'violated', 'no-probe-after-del': 'holds' });
  });

  it('a probe that registers a child again and again while a sysfs store holds an old struct of it: E206, also under --por', () => {
    // With 4 structs the store's lookup of an old c bound a new one before its device_pm_add: device-ready violated, silently.
    const s = loop({ hot: 'add p', admin: 'bind cdrv c' });
    const e = new RegExp(`device 'c' is added again while admin \\(at bind_store\\(c,cdrv\\):[a-z_]+\\) still holds its struct device of ${STRUCTS} adds before`);
    expect(e206(() => run(s, 'v6.12'))).toMatch(e);
    expect(e206(() => run({ ...s, properties: ['device-ready', 'no-probe-after-del'] }, 'v6.12', { por: true }))).toMatch(e);
  });
});
