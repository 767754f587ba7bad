/**
 * The per-driver ghosts keep a bit for each of a device's first 8 matching drivers (state.ts
 * driverBit). Where the property that reads one is checked, a driver past the 8th that may set it
 * is refused (E601, naming the device, its driver count and the property; since s38 when a run
 * checks it, not at build); elsewhere the search runs. Until 2026-12-06 no-lost-deferral's deferBy stopped the search with E201 at a 9th
 * driver's deferral, and async-handover's asked skipped the scenario's drivers 8 and up silently.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const eight = ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'j'];
const verdicts = (r: ReturnType<typeof check>) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));

describe('no-lost-deferral (DevS.deferBy)', () => {
  // dc-drv, dc's 9th driver, defers until pwm is added and bound.
  const dcDrv = { 'dc-drv': { matches: ['dc'], needs: ['pwm'] } };
  const rest = { ...Object.fromEntries(eight.map((n) => [n, { matches: ['dc'] }])), 'pwm-drv': { matches: ['pwm'], present: true } };
  const spec = (drivers: ScenarioSpec['drivers'], properties?: string[]): ScenarioSpec => ({ name: 'nine-defer', devices: { dc: { present: true }, pwm: {} }, drivers,
    actors: { insmod: 'register dc-drv', 'hotplug pwm': 'add pwm' }, ...(properties ? { properties } : {}) });
  const refused = /scenario 'nine-defer': device 'dc' is matched by 9 drivers, and its driver number 9, 'dc-drv', may defer .*; where no-lost-deferral is checked, such a driver must be among the first 8/;

  it('runs where it is not checked, and refuses a 9th driver that may defer where it is', () => {
    const off = check(buildScenario(spec({ ...rest, ...dcDrv }, ['single-binding']), 'mainline', '').model);
    expect(verdicts(off)).toEqual({ 'single-binding': 'holds' });
    expect(() => check(buildScenario(spec({ ...rest, ...dcDrv }, ['single-binding']), 'mainline', '').model, { properties: ['no-lost-deferral'] })).toThrow(refused);
    expect(() => check(buildScenario(spec({ ...rest, ...dcDrv }), 'mainline', '').model)).toThrow(refused);
  });

  // A supplier's device_links_driver_bound puts its AUTOPROBE_CONSUMER consumer on the list with a bit for every driver (511 before).
  it("a supplier's bind owes the consumer's 9 drivers a retry: runs where it is not checked, refused where it is", () => {
    const s: ScenarioSpec = { name: 'nine-consumer', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, ...Object.fromEntries(eight.map((n) => [n, { matches: ['codec'] }])), 'codec-drv': { matches: ['codec'], present: true, probe: 'error' } },
      actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'] }, properties: ['deferred-lists'] };
    const m = buildScenario(s, 'mainline', '').model;
    expect(verdicts(check(m))).toEqual({ 'deferred-lists': 'holds' });
    expect(() => check(m, { properties: ['no-lost-deferral'] })).toThrow(/device 'codec' is matched by 9 drivers, and its driver number 9, 'codec-drv', may defer .*no-lost-deferral is checked/);
  });

  it('judges the same driver declared among the first 8', () => {
    const r = check(buildScenario(spec({ ...dcDrv, ...rest }, ['no-lost-deferral']), 'mainline', '').model);
    expect(verdicts(r)).toEqual({ 'no-lost-deferral': 'holds' });
  });
});

describe('async-handover (DevS.asked)', () => {
  // Two async drivers of d registering at once (84e7c6786aad's race at v5.19: the first one is never tried).
  const xy = { x: { matches: ['d'], probeType: 'async' as const }, y: { matches: ['d'], probeType: 'async' as const } };
  const spec = (drivers: ScenarioSpec['drivers'], properties = ['async-handover']): ScenarioSpec => ({ name: 'nine-async', devices: { d: { present: true }, o: {} }, drivers,
    actors: { a: 'register x', b: 'register y' }, properties });

  it('keeps a bit per driver of the device, not per driver of the scenario', () => {
    const verdict = (drivers: ScenarioSpec['drivers']) => check(buildScenario(spec(drivers), 'v5.19', '').model).properties[0]!.verdict;
    const alone = verdict(xy);
    expect(alone).not.toBe('vacuous');
    // Eight drivers of another device declared first: x and y are the scenario's 9th and 10th (vacuous before).
    expect(verdict({ ...Object.fromEntries(eight.map((n) => [n, { matches: ['o'] }])), ...xy })).toBe(alone);
  });

  it('refuses an async driver past a device\'s 8th where it is checked, and runs elsewhere', () => {
    const nine = { ...Object.fromEntries(eight.map((n) => [n, { matches: ['d'] }])), ...xy };
    const refused = /scenario 'nine-async': device 'd' is matched by 10 drivers, and its driver number 9, 'x', may probe asynchronously; where async-handover is checked, such a driver must be among the first 8/;
    expect(() => check(buildScenario(spec(nine), 'v5.19', '').model)).toThrow(refused);
    const off = buildScenario(spec(nine, ['single-binding']), 'v5.19', '').model;
    expect(verdicts(check(off))).toEqual({ 'single-binding': 'holds' });
    expect(() => check(off, { properties: ['async-handover'] })).toThrow(refused);
  });
});
