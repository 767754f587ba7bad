/**
 * Issue 12 item 7: on random small kernel scenarios (buses with and without the parent lock,
 * parents, built-in and module drivers of every probe type and outcome, deferral, and actors
 * drawn from add, del, bind, unbind, modprobe, rmmod, register, unregister, uevent and
 * wait_for_device_probe, some after `maybe`, on every profile; drivers_probe and device_shutdown
 * in draws of their own) the verdicts of --por,
 * --symmetry and both equal those of the unreduced search; a counterexample found with a
 * reduction replays on the model to a state that breaks its property. The symmetric groups are
 * the builder's own inference (scenarios declare none), so the inference is under test too.
 *
 * With 2 workers (forced on from the first level, symmetry on, each range expanded last state
 * first) the search decides what one thread does: the same states, transitions, verdicts and
 * traces, on random scenarios written to a user's folder.
 *
 * A generated scenario the builder refuses (E601: an action that never takes effect, a device
 * added twice, ...) is skipped; the same pass holds the generator to scenarios that build, are
 * not trivial, and break properties.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildScenario, check, ProbecheckError, replay, type Model, type Result, type ScenarioSpec } from 'probecheck';
import { FastBackend } from '../../src/engine/state/fast.js';
import { PROFILE_NAMES } from '../../src/kernel/profiles.js';
import { buildSource, fileSource } from '../../src/source.js';
// The workers' search runs as built (test/built.ts says why).
import { buildSource as buildBuilt, check as checkBuilt, fileSource as fileBuilt } from '../built.js';

const DEVS = ['host', 'a', 'b', 'c'];
const OUTCOMES = [['ok'], ['error'], ['defer'], ['ok', 'defer'], ['ok', 'error']] as const;

const driver = fc.record({
  matches: fc.subarray(DEVS.slice(1), { minLength: 1 }),
  probeType: fc.constantFrom('default', 'async', 'sync'),
  module: fc.boolean(),
  probe: fc.constantFrom(...OUTCOMES),
  needs: fc.boolean(),
  present: fc.boolean(),
});

export const raw = fc.record({
  profile: fc.constantFrom(...PROFILE_NAMES),
  parentLock: fc.boolean(),
  kids: fc.integer({ min: 1, max: 3 }),
  parented: fc.boolean(),
  hostPresent: fc.boolean(),
  present: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  drivers: fc.array(driver, { minLength: 1, maxLength: 2 }),
  actors: fc.array(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  syncFallback: fc.boolean(),
  /** Which safety properties to check (a bit each): what they read makes steps visible, so the reduction depends on them. */
  props: fc.nat(),
});

type Raw = typeof raw extends fc.Arbitrary<infer T> ? T : never;

/** The scenario a draw stands for: indices are reduced modulo what exists, so every draw names real things. */
export function scenarioOf(x: Raw, actions: 'classic' | 'all' = 'classic'): ScenarioSpec {
  const kids = DEVS.slice(1, 1 + x.kids);
  const devices: ScenarioSpec['devices'] = {};
  if (x.parented) devices.host = { present: x.hostPresent };
  // A present child needs its parent present.
  kids.forEach((k, i) => { devices[k] = { ...(x.parented ? { parent: 'host' } : {}), present: x.present[i]! && (!x.parented || x.hostPresent) }; });
  const drivers: ScenarioSpec['drivers'] = {}, modules: NonNullable<ScenarioSpec['modules']> = {};
  x.drivers.forEach((d, i) => {
    const matches = d.matches.filter((m) => kids.includes(m));
    const name = `d${i}`;
    drivers[name] = {
      matches: matches.length ? matches : [kids[0]!], probeType: d.probeType as 'async', probe: [...d.probe] as ('ok' | 'error' | 'defer')[],
      // A built-in driver may be registered from the start, when no device it matches is.
      ...(d.module ? { module: `m${i}` } : d.present && matches.every((n) => !devices[n]!.present) ? { present: true } : {}),
      // The other driver's first device: probe defers until it is bound.
      ...(d.needs && x.drivers.length > 1 ? { needs: [drivers.d0?.matches[0] ?? kids[0]!].filter((n) => !(matches.includes(n))) } : {}),
    };
    if (d.module) modules[`m${i}`] = {};
  });
  const names = Object.keys(drivers);
  const devs = Object.keys(devices);
  const action = ([op, dv, dr, maybe]: [number, number, number, boolean]): string => {
    const dev = devs[dv % devs.length]!, drvName = names[dr % names.length]!, d = drivers[drvName]!;
    const ops = [
      `add ${dev}`, `del ${dev}`, `bind ${drvName} ${dev}`, `unbind ${drvName} ${dev}`, `uevent ${dev}`,
      d.module ? `modprobe ${d.module}` : `register ${drvName}`, d.module ? `rmmod ${d.module}` : `unregister ${drvName}`,
      'wait_for_device_probe',
      // sysfs drivers_probe and reboot (2026-12-05): drawn only where asked, so the classic draws stay as pinned.
      ...(actions === 'all' ? [`drivers_probe ${dev}`, 'device_shutdown'] : []),
    ];
    return `${maybe ? 'maybe ' : ''}${ops[op % ops.length]}`;
  };
  const lists = x.actors.map((list) => list.map(action));
  // The builder refuses a device added more often than it can be (E601): such adds become uevents.
  for (const dev of devs) {
    const is = (op: string) => (a: string) => a.replace(/^maybe /, '') === `${op} ${dev}`;
    let room = lists.flat().filter(is('del')).length + (devices[dev]!.present ? 0 : 1);
    for (const list of lists) list.forEach((a, j) => { if (is('add')(a) && room-- <= 0) list[j] = `uevent ${dev}`; });
  }
  const actors = Object.fromEntries(lists.map((list, i) => [`t${i}`, list]));
  return {
    name: 'random-kernel', profile: x.profile, syncFallback: x.syncFallback,
    buses: { platform: { needParentLock: x.parentLock } },
    devices, drivers, modules, actors,
  };
}

/** The scenario built, or undefined when the builder refuses it (E601/E604, one line as for a user). */
function build(spec: ScenarioSpec): Model | undefined {
  try {
    return buildScenario(spec, spec.profile!, '').model;
  } catch (e) {
    if (e instanceof ProbecheckError && /^E60/.test(e.code)) return undefined;
    throw e;
  }
}

/**
 * A draw's unreduced search stops here (a draw that stops is only counted, not compared). With
 * the CI seeds the largest complete draw has 9,066 states, and the four that stop have the same
 * verdicts at 10,000 as at 20,000 (2026-12-07): 12,000 compares the same draws as 20,000 did. A
 * longer run (PROBECHECK_FUZZ) keeps 20,000.
 */
const LIMIT = { exhaustive: true, maxStates: process.env.PROBECHECK_FUZZ ? 20_000 : 12_000, symmetry: false };
/**
 * Draws for the verdict comparison: 150 with a fixed seed in CI; PROBECHECK_FUZZ=3000 for a
 * longer run with a fresh seed (fast-check prints it with any counterexample). Two such runs
 * (1,500 and 3,000 draws) found no difference when C2's second form came in.
 */
const RUNS = Number(process.env.PROBECHECK_FUZZ ?? 150);
/** A non-empty subset of the safety properties (invariants, action properties, deadlock), chosen by the draw's bits. */
function safetyOf(m: Model, bits: number): string[] {
  const all = m.properties.filter((p) => p.kind === 'invariant' || p.kind === 'action' || p.kind === 'deadlock').map((p) => p.name);
  const some = all.filter((_, i) => (bits >> i) & 1);
  return some.length ? some : all;
}
const verdicts = (r: Result) => r.properties.map((p) => [p.name, p.verdict]);

/** Every counterexample of r replays on m to a state that breaks its property (or where nothing moves). */
function replays(m: Model, r: Result): void {
  for (const p of r.properties) {
    if (!p.trace) continue;
    const be = new FastBackend(m);
    replay(be, p.trace.moves);
    const prop = m.properties.find((x) => x.name === p.name)!;
    if (prop.kind === 'invariant') expect(prop.holds(be.curG(), be.curQ()), `${p.name} after its trace`).toBe(false);
    if (prop.kind === 'deadlock') expect(m.threads.every((_, k) => be.enabled(k) === 0), 'nothing moves after the deadlock trace').toBe(true);
  }
}

/**
 * The reduced searches to compare with the unreduced one (`full`, of m). Where m declares no
 * interchangeable elements, `symmetry: true` applies nothing (use-symmetry.ts: no fingerprinter,
 * no closure for --por), so it is the unreduced search again and por with symmetry is --por's:
 * the same states, verdicts and traces, not run twice. The unreduced traces, which the symmetry
 * run replayed there, are replayed here instead.
 */
function reductions(m: Model, full: Result): readonly { por?: true; symmetry?: true }[] {
  if ((m.symmetry ?? []).length > 0) return [{ por: true }, { symmetry: true }, { por: true, symmetry: true }];
  replays(m, full);
  return [{ por: true }];
}

describe('reductions keep every verdict on random kernel scenarios', () => {
  // The same draws say the generator is not vacuous: most build, some are symmetric, some break
  // properties, some are large, some --por reduces (counted in the one pass).
  it('--por, --symmetry and both give the unreduced verdicts, and their traces replay; the draws are not vacuous', () => {
    const seen = { built: 0, symmetric: 0, violated: 0, big: 0, reduced: 0 };
    fc.assert(fc.property(raw, (x) => {
      const spec = scenarioOf(x);
      const m = build(spec);
      if (!m) return;
      seen.built++;
      if ((m.symmetry ?? []).length > 0) seen.symmetric++;
      const o = { ...LIMIT, properties: safetyOf(m, x.props) };
      // (A driver registered twice with no unregister between is refused by the builder, E601.)
      const full: Result = check(m, o);
      if (full.properties.some((p) => p.verdict === 'violated')) seen.violated++;
      if (full.states > 500) seen.big++;
      if (!full.complete) return;
      for (const red of reductions(m, full)) {
        const r = check(m, { ...o, ...red });
        expect(r.complete, JSON.stringify(red)).toBe(true);
        expect(verdicts(r), `${JSON.stringify(red)} on ${JSON.stringify(spec)}`).toEqual(verdicts(full));
        expect(r.states).toBeLessThanOrEqual(full.states);
        replays(m, r);
        if (red.por && !('symmetry' in red) && r.states < full.states) seen.reduced++;
      }
    }), { numRuns: RUNS, seed: RUNS === 150 ? 20261203 : Date.now() % 1e9 });
    // With the CI seed: 62 of 150 build, 8 symmetric, 11 violate something, 16 above 500 states, 13 reduced by --por.
    expect(seen.built).toBeGreaterThanOrEqual(50);
    expect(seen.symmetric).toBeGreaterThanOrEqual(5);
    expect(seen.violated).toBeGreaterThanOrEqual(8);
    expect(seen.big).toBeGreaterThanOrEqual(10);
    expect(seen.reduced).toBeGreaterThanOrEqual(8);
  }, 1_200_000);

  // drivers_probe and device_shutdown among the actions (1,000 draws of a fresh seed with
  // PROBECHECK_FUZZ=1000 agreed on 2026-12-05); in CI a few, for the paths those actions build.
  it('with drivers_probe and device_shutdown among the actions, the reductions give the unreduced verdicts', () => {
    const seen = { built: 0, shutdown: 0, probe: 0 };
    fc.assert(fc.property(raw, (x) => {
      const spec = scenarioOf(x, 'all');
      const m = build(spec);
      if (!m) return;
      seen.built++;
      const acts = Object.values(spec.actors ?? {}).flat();
      if (acts.some((a) => a.endsWith('device_shutdown'))) seen.shutdown++;
      if (acts.some((a) => a.includes('drivers_probe'))) seen.probe++;
      const o = { ...LIMIT, properties: safetyOf(m, x.props) };
      const full: Result = check(m, o);
      if (!full.complete) return;
      for (const red of reductions(m, full)) {
        const r = check(m, { ...o, ...red });
        expect(verdicts(r), `${JSON.stringify(red)} on ${JSON.stringify(spec)}`).toEqual(verdicts(full));
        replays(m, r);
      }
    }), { numRuns: RUNS === 150 ? 100 : RUNS, seed: RUNS === 150 ? 20261205 : Date.now() % 1e9 });
    // With the CI seed: 24 of 100 build, 6 with device_shutdown, 12 with drivers_probe.
    expect(seen.built).toBeGreaterThanOrEqual(20);
    expect(seen.shutdown).toBeGreaterThanOrEqual(5);
    expect(seen.probe).toBeGreaterThanOrEqual(10);
  }, 1_200_000);

  const dir = mkdtempSync(join(tmpdir(), 'probecheck-random-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Symmetry on, and workers that expand each range last state first (later parents reach a
  // state before earlier ones, as a loaded machine may make them). On these draws the members
  // of an orbit that parents of one level reach are the same state; test/engine/parallel.test.ts
  // forces a model where they differ.
  it('2 workers decide what one thread does, with symmetry, in any order', async () => {
    const draws = fc.sample(raw, { numRuns: 300, seed: 20261204 });
    // Two scenarios with interchangeable devices and two without, each big enough to take levels.
    const ran = { symmetric: 0, plain: 0 };
    for (const [i, x] of draws.entries()) {
      if (ran.symmetric === 2 && ran.plain === 2) break;
      const spec = scenarioOf(x);
      const m = build(spec);
      if (!m) continue;
      const kind = (m.symmetry ?? []).length > 0 ? 'symmetric' : 'plain';
      if (ran[kind] === 2) continue;
      const o = { ...LIMIT, symmetry: true, properties: safetyOf(m, x.props) };
      const one = check(m, o);
      if (one.states < (kind === 'symmetric' ? 50 : 200)) continue;
      const file = join(dir, `s${i}.ts`);
      writeFileSync(file, `import { scenario } from 'probecheck';\nexport default scenario(${JSON.stringify(spec)});\n`);
      const source = fileBuilt(file, { profile: spec.profile! });
      const two = checkBuilt(await buildBuilt(source.args), { ...o, workers: 2, source, parallelFrom: 0, parallelFaults: { reverse: true } });
      expect(two.workers, two.workersNote).toBe(2);
      const { seconds: _s, statesPerSecond: _p, bytesPerState: _b, workers: _w, workersNote: _n, ...a } = two;
      const { seconds: _s1, statesPerSecond: _p1, bytesPerState: _b1, workers: _w1, workersNote: _n1, ...b } = one;
      expect(a).toEqual(b);
      ran[kind]++;
    }
    expect(ran).toEqual({ symmetric: 2, plain: 2 });
  }, 120_000);
});

/**
 * The features the draws above leave out (device links, registers and registersDriver, override,
 * kill-del, lock/unlock, deferred_probe_initcall, async_probe modules, a bus that does not
 * autoprobe), added on top of a draw. A helper's fuzzer over these found the builder's stack
 * overflow on probes that register each other and a probe that returned its nested probe's
 * -EPROBE_DEFER (2026-12-04): here, any error but the builder's E60x refusals (and E204, which
 * names asyncInstances) fails, as does a reduced verdict that differs or a trace that does not
 * replay. PROBECHECK_FUZZ also sets these draws (a fifth of it).
 */
const extra = fc.record({
  links: fc.boolean(), registers: fc.boolean(), registersDriver: fc.boolean(), asyncProbe: fc.boolean(), autoprobe: fc.boolean(),
  more: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 2 }),
});
function extended(x: Raw, e: typeof extra extends fc.Arbitrary<infer T> ? T : never): ScenarioSpec {
  const s = scenarioOf(x);
  const devs = Object.keys(s.devices), kids = devs.filter((d) => d !== 'host'), drvs = Object.entries(s.drivers);
  const d0 = drvs[0]![1];
  // A link from d0's device to another child (a supplier its probe needs bound), or a child d0's probe registers.
  if (e.links && kids.length > 1) d0.links = [kids.find((k) => !d0.matches.includes(k)) ?? kids[kids.length - 1]!];
  if (e.registers && kids.length > 1) {
    const r = kids.find((k) => !d0.matches.includes(k) && !s.devices[k]!.present);
    if (r) d0.registers = [r];
  }
  if (e.registersDriver && drvs.length > 1) { d0.registersDriver = [drvs[1]![0]]; d0.probe = ['ok']; d0.matches = [d0.matches[0]!]; delete drvs[1]![1].module; delete drvs[1]![1].present; }
  if (e.asyncProbe) for (const m of Object.values(s.modules ?? {})) m.asyncProbe = true;
  if (!e.autoprobe) s.buses = { platform: { ...s.buses!.platform, autoprobe: false } };
  const actors = Object.values(s.actors) as string[][];
  e.more.forEach(([op, dv, dr, maybe], i) => {
    const dev = devs[dv % devs.length]!, drv = drvs[dr % drvs.length]![0];
    const ops = [`override ${dev} ${drv}`, `kill-del ${dev}`, 'deferred_probe_initcall', `lock ${dev}`];
    const a = ops[op % ops.length]!;
    const list = actors[i % actors.length]!;
    if (a.startsWith('lock')) list.push(a, `unlock ${dev}`);
    else list.push(`${maybe || a.startsWith('kill-del') ? 'maybe ' : ''}${a}`);
  });
  return s;
}

describe('reductions and the builder on the features the draws above leave out', () => {
  it('no crash, no reduced verdict that differs, every trace replays', () => {
    const seen = { built: 0, refused: 0, instances: 0, violated: 0 };
    fc.assert(fc.property(raw, extra, (x, e) => {
      const spec = extended(x, e);
      let m: Model | undefined;
      try { m = build(spec); } catch (err) { throw new Error(`${JSON.stringify(spec)}: ${(err as Error).message}`); }
      if (!m) { seen.refused++; return; }
      seen.built++;
      const o = { ...LIMIT, properties: safetyOf(m, x.props) };
      let full: Result;
      try { full = check(m, o); } catch (err) {
        if (err instanceof ProbecheckError && err.code === 'E204') { seen.instances++; return; }
        throw new Error(`${JSON.stringify(spec)}: ${(err as Error).message}`);
      }
      if (full.properties.some((p) => p.verdict === 'violated')) seen.violated++;
      if (!full.complete) return;
      for (const red of reductions(m, full).filter((red) => !('por' in red && 'symmetry' in red))) {
        const r = check(m, { ...o, ...red });
        expect(verdicts(r), `${JSON.stringify(red)} on ${JSON.stringify(spec)}`).toEqual(verdicts(full));
        replays(m, r);
      }
    }), { numRuns: RUNS === 150 ? 200 : Math.ceil(RUNS / 5), seed: RUNS === 150 ? 20261205 : Date.now() % 1e9 });
    // With the CI seed: 57 of 200 build (the rest refused, E601), 6 violate something. (With
    // PROBECHECK_FUZZ's fresh seeds these counts vary: 1 violation in 300 draws was seen.)
    if (RUNS === 150) {
      expect(seen.built).toBeGreaterThanOrEqual(40);
      expect(seen.violated).toBeGreaterThanOrEqual(4);
    }
  }, 1_200_000);
});
