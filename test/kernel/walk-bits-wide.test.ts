/**
 * no-missed-probe's walk bits (src/kernel/paths/owed.ts) where a device has more than 8 registration
 * walks: until s39 they shared a bit per driver there, so one of two walks of a driver leaving the
 * device cleared what the other, still short of it, owed, and a miss by that one read holds. Now
 * each of up to 16 walks keeps a bit (DevS.walkPending takes two bytes where a device has more than
 * 8); a device with more that no-missed-probe follows is refused where it is checked (E601).
 * End to end: missed-ghost-two-walks.test.ts's skip-d patch at v4.14 with d given 9 walks read
 * holds before, violated now.
 */
import { describe, expect, it } from 'vitest';
import { ProbecheckError, buildScenario, check, definePatch, type Model, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';
import type { Kernel } from '../../src/kernel/emit.js';
import type { KS } from '../../src/kernel/state.js';
import { releaseGhost, walkPasses, walkStarts, walkerOf } from '../../src/kernel/paths/owed.js';

/** DevS.walkPending's range in the model's state schema. */
const walkMax = (m: Model) => (m.state as unknown as { fields: { dev: { of: { fields: { walkPending: { max: number } } } } } }).fields.dev.of.fields.walkPending.max;

describe('walk bits past 8 walks', () => {
  it('a walk leaving the device keeps what another walk of its driver, still short of it, owes', () => {
    // Device 0 (d) is matched by y and z1..z7: y walks in two threads, each z in one (9 walks).
    const drivers = [{ matches: [0] }, ...Array.from({ length: 7 }, () => ({ matches: [0] }))];
    const k = { w: { drivers, devices: [{ drivers: drivers.map((_, j) => j) }] }, releasable: new Set([0]), missedJudged: true } as unknown as Kernel;
    const insmod = walkerOf(k, 0, 'insmod'), reload = walkerOf(k, 0, 'reload');
    for (let z = 1; z <= 7; z++) walkerOf(k, z, 'modprobe');
    const s = { dev: [{ walkPending: 0, owed: 0, released: false, driver: 0 }] } as unknown as KS;
    walkStarts(k, s, 0, insmod);            // insmod's walk of y starts, d ahead of it
    walkStarts(k, s, 0, reload);            // reload's too
    walkPasses(k, s, 0, 0, reload);         // reload's leaves d
    releaseGhost(k, s, 0);                  // d unbound: insmod's walk still reaches it
    expect(s.dev[0]!.owed & 1).toBe(1);     // y (d's first driver) owes it a probe
  });

  // missed-ghost-two-walks.test.ts's scenario with 7 more walks of d: insmod registers z1..z6, each
  // matching d (bound to x until admin's unbind, after every z walk: they skip it), before y, and
  // reload z6 (8 drivers of d at most, E601). d has 9 walks, y's two last.
  it('two walks of a driver at a device with 9 walks: a miss by the first after the second passed is a violation', () => {
    const zs = Array.from({ length: 6 }, (_, i) => `z${i + 1}`);
    const spec: ScenarioSpec = { name: 'nine-walks', devices: { e: { present: true }, d: { present: true, boundTo: 'x' }, f: { parent: 'e' }, g: {} },
      drivers: { x: { matches: ['d'], present: true }, ...Object.fromEntries(zs.map((z) => [z, { matches: ['d'] }])), y: { matches: ['e', 'd'], registers: { e: ['f'] } } },
      actors: { insmod: [...zs.map((z) => `register ${z}`), 'unregister z6', 'register y'], reload: ['maybe register z6', 'del f', 'unregister y', 'register y', 'add g'], admin: ['del g', 'unbind x d'] }, properties: ['no-missed-probe'] };
    registerPatchFile('/virtual/nine-walks-skip-d.ts', [definePatch({ id: 'nine-walks-skip-d', subject: 'nine-walks-skip-d', base: 'v4.14', hunks: [
      { fn: '__driver_attach', replace: 'device_lock', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
        const r = o!.run!(s, t, b, c);
        const at = site as { k: { vn(i: number): string; dn(i: number): string }; dev: number; drv: number };
        return at.k.vn(at.dev) === 'd' && at.k.dn(at.drv) === 'y' ? 'device_unlock' : r;
      } }) }] })]);
    const m = buildScenario(spec, 'v4.14', '/virtual/nine-walks-skip-d.ts').model;
    expect(walkMax(m)).toBe(2 ** 9 - 1);
    expect(check(m).properties[0]!.verdict).toBe('violated');
    expect(check(buildScenario(spec, 'v4.14', '').model).properties[0]!.verdict).toBe('holds');
  });

  // d, bound to y, matched by z1..z4 too, each registered and unregistered by every one of `n` actors: 4n walks of d.
  const zs = ['z1', 'z2', 'z3', 'z4'];
  const spec = (n: number): ScenarioSpec => ({
    name: `walks${4 * n}`, devices: { d: { present: true, boundTo: 'y' } },
    drivers: { y: { matches: ['d'], present: true }, ...Object.fromEntries(zs.map((z) => [z, { matches: ['d'] }])) },
    actors: { admin: 'unbind y d', ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, zs.flatMap((z) => [`maybe register ${z}`, `maybe unregister ${z}`])])) },
  });

  it('a device with 12 walks keeps a bit for each (two bytes) and is checked', () => {
    const m = buildScenario(spec(3), 'mainline', '').model;
    expect(walkMax(m)).toBe(2 ** 12 - 1);
    // A few moves: 3,000 (before s39 h14) or 30,000 states reach no walkPending above 255 either.
    const r = check(m, { properties: ['no-missed-probe'], maxStates: 100 });
    expect(r.properties[0]!.name).toBe('no-missed-probe');
    expect(r.states).toBeGreaterThan(1);
  });

  it('a device with more than 16 walks is refused where no-missed-probe is checked, and only there', () => {
    const m = buildScenario(spec(5), 'mainline', '').model;
    let err: unknown;
    try { check(m, { properties: ['no-missed-probe'], maxStates: 1 }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ProbecheckError);
    expect((err as ProbecheckError).code).toBe('E601');
    expect((err as Error).message).toMatch(/device 'd' has 20 registration walks .*at most 16/);
    expect(check(m, { properties: ['single-binding'], maxStates: 1 }).properties[0]!.name).toBe('single-binding');
  });
});
