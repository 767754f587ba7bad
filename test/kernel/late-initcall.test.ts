/**
 * deferred_probe_initcall (paths/late-initcall.ts): before it, a device that defers stays on the
 * pending list whatever binds; the late initcall's triggers retry it; the timeout work runs where
 * the profile schedules it; each profile builds the shape its dd.c shows, or refuses (E601).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { TIMEOUT_WORKER, lateInitcallRefusal } from '../../src/kernel/paths/late-initcall.js';
import { PROFILES, PROFILE_NAMES, firstWith } from '../../src/kernel/profiles.js';
import { DEFERRED_WORKER } from '../../src/kernel/paths/deferred-probe.js';
import { probecheck } from '../cli/run.js';

/** dc needs pwm: it defers at `register dcd` (pwm is added later, by the same boot). */
const boot = (acts: string[]): ScenarioSpec => ({
  name: 'late', devices: { dc: { present: true }, pwm: {} },
  drivers: { dcd: { matches: ['dc'], needs: ['pwm'] }, pwd: { matches: ['pwm'], present: true } },
  actors: { boot: acts },
});
const DC = 0;

function verdicts(spec: ScenarioSpec, profile: string, props: Property<KS>[]) {
  const { model } = buildScenario(spec, profile, '');
  model.properties = props as Property[];
  return Object.fromEntries(check(model).properties.map((p) => [p.name, p.verdict]));
}

const props: Property<KS>[] = [
  // Deferred probing disabled: nothing is on the active list and the worker is idle.
  { kind: 'invariant', name: 'no-retry-while-disabled', holds: (s) => s.deferredProbeEnable || (s.dev.every((d) => d.deferred !== 'active') && !s.deferredWorkQueued && !s.deferredWorkRunning) },
  { kind: 'sometimes', name: 'deferred-before-initcall', holds: (s) => !s.deferredProbeEnable && s.dev[DC]!.deferred === 'pending' && s.dev[1]!.bound },
  { kind: 'sometimes', name: 'bound-while-disabled', holds: (s) => !s.deferredProbeEnable && s.dev[DC]!.bound },
  { kind: 'eventually', name: 'dc-bound', holds: (s) => s.dev[DC]!.bound },
];

describe('deferred_probe_initcall', () => {
  it('mainline: a device deferred before the late initcall stays pending though its supplier binds, and is retried (and bound) only after it', () => {
    expect(verdicts(boot(['register dcd', 'add pwm', 'deferred_probe_initcall']), 'mainline', props)).toEqual({
      'no-retry-while-disabled': 'holds', 'deferred-before-initcall': 'reachable', 'bound-while-disabled': 'unreachable', 'dc-bound': 'holds',
    });
  });

  it('without the action deferred probing is enabled from the start: pwm binding retries dc at once (as before)', () => {
    const v = verdicts(boot(['register dcd', 'add pwm']), 'mainline', props);
    expect(v['deferred-before-initcall']).toBe('unreachable');
    expect(v['dc-bound']).toBe('holds');
  });

  it('v3.5 (enable + trigger, no flush) retries it too; the action completes before the retry may run', () => {
    expect(verdicts(boot(['register dcd', 'add pwm', 'deferred_probe_initcall']), 'v3.5', props)['dc-bound']).toBe('holds');
  });

  it('each profile builds the shape its dd.c shows: enable+trigger (v3.5), +flush (v4.14, v4.18), +second pass and timeout test (v5.1), +timeout work (v6.1, mainline)', () => {
    const shape = (p: string) => {
      const { model } = buildScenario(boot(['register dcd', 'add pwm', 'deferred_probe_initcall']), p, '');
      const steps = Object.keys(model.threads.find((t) => t.name === 'boot')!.steps).filter((l) => l.startsWith('deferred_probe_initcall:')).map((l) => l.slice('deferred_probe_initcall:'.length));
      return { steps: steps.join(' '), timeoutWorker: model.threads.some((t) => t.name === TIMEOUT_WORKER) };
    };
    const base = 'driver_deferred_probe_enable driver_deferred_probe_trigger';
    expect(shape('v3.5')).toEqual({ steps: base, timeoutWorker: false });
    expect(shape('v4.14')).toEqual({ steps: `${base} flush_work flush_work_wait`, timeoutWorker: false });
    expect(shape('v4.18')).toEqual({ steps: `${base} flush_work flush_work_wait`, timeoutWorker: false });
    // v5.19: its snapshot (the tip of driver-core-5.19-rc1) defaults the timeout to 10, but
    // v5.19-rc1 set it back to 0 (9be4cbd09da8): no timeout work, as at v5.1 .. v5.10.
    for (const p of ['v5.1', 'v5.4', 'v5.9', 'v5.10', 'v5.15', 'v5.19']) expect(shape(p), p).toEqual({ steps: `${base} flush_work flush_work_wait trigger_again flush_again flush_again_wait schedule_delayed_work`, timeoutWorker: false });
    for (const p of ['v6.1', 'v6.6', 'v6.12', 'mainline']) expect(shape(p), p).toEqual({ steps: `${base} flush_work flush_work_wait trigger_again flush_again flush_again_wait schedule_delayed_work`, timeoutWorker: true });
  });

  it('mainline: the timeout work runs after the late initcall and finds dc still pending when its supplier never comes', () => {
    const { model } = buildScenario(boot(['register dcd', 'deferred_probe_initcall']), 'mainline', '');
    model.properties = [
      { kind: 'sometimes', name: 'pending-at-report', holds: (s: KS, q) => q.at(TIMEOUT_WORKER)?.endsWith(':deferred_probe_pending') === true && s.dev[DC]!.deferred === 'pending' },
      { kind: 'invariant', name: 'timeout-after-initcall', holds: (s: KS, q) => q.at(TIMEOUT_WORKER) === null || s.deferredProbeEnable },
    ] as Property[];
    expect(Object.fromEntries(check(model).properties.map((p) => [p.name, p.verdict]))).toEqual({ 'pending-at-report': 'reachable', 'timeout-after-initcall': 'holds' });
    expect(model.threads.map((t) => t.name)).toEqual(['boot', DEFERRED_WORKER, TIMEOUT_WORKER]);
  });

  it('a profile that does not settle the shape refuses it, one line naming the flag; the initcall runs once', () => {
    // Every profile settles it since 2026-12-04 (v3.14 and v4.2 by a 3.10.9 vendor tree, v5.0 by a tree named 4.19): a profile that did not would refuse.
    expect(PROFILE_NAMES.filter((p) => lateInitcallRefusal({ profile: p, unsettled: PROFILES[p]!.unsettled ?? {} }) !== null)).toEqual([]);
    expect(lateInitcallRefusal({ profile: 'v5.0', unsettled: { LATE_INITCALL_SECOND_PASS: 'no dd.c of v4.19 .. v5.0 read' } }))
      .toMatch(/^action 'deferred_probe_initcall' cannot be built at profile v5\.0: the shape of deferred_probe_initcall there is not known \(LATE_INITCALL_SECOND_PASS: no dd\.c of v4\.19 \.\. v5\.0 read\); use v3\.5, .*starts with deferred probing disabled/);
    for (const p of ['v3.14', 'v4.2', 'v5.0']) expect(() => buildScenario(boot(['register dcd', 'deferred_probe_initcall']), p, ''), p).not.toThrow();
    const twice: ScenarioSpec = { ...boot(['deferred_probe_initcall']), actors: { a: 'deferred_probe_initcall', b: ['register dcd', 'deferred_probe_initcall'] } };
    expect(() => buildScenario(twice, 'mainline', '')).toThrow(/'deferred_probe_initcall' is a late_initcall: it runs once, but actors a, b write it 2 times/);
    expect(() => buildScenario(boot(['deferred_probe_initcall dc']), 'mainline', '')).toThrow(/'deferred_probe_initcall' takes no arguments/);
  });

  // A hunt (2026-12-04): with the initcall in an unfair actor that never ran it, deferred probing
  // stayed disabled for ever and no-lost-deferral blamed the retry its trigger makes.
  it('an unfair actor may not run the late initcall: every boot runs it (E601)', () => {
    const s: ScenarioSpec = { ...boot(['deferred_probe_initcall']), actors: { a: ['register dcd'], c: ['deferred_probe_initcall'] }, unfair: ['c'] };
    expect(() => buildScenario(s, 'mainline', '')).toThrow(/unfair: actor 'c' runs deferred_probe_initcall, which a boot always runs/);
    expect(() => buildScenario({ ...s, unfair: ['a'] }, 'mainline', '')).not.toThrow();
  });

  it('probecheck source shows each line of the late initcall beside its step', () => {
    const r = probecheck(['source', 'deferred_probe_initcall', '--profile', 'v5.1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/293 +driver_deferred_probe_trigger\(\); +trigger_again\n294 +flush_work\(&deferred_probe_work\); +flush_again, flush_again_wait\n/);
    expect(r.stdout).toMatch(/296 +if \(deferred_probe_timeout > 0\) \{ +schedule_delayed_work/);
  });
});

// A patch hunt (2026-12-04): no profile before eed6e41813de ran the timeout work (its timeout
// defaults to 0 there and the deferred_probe_timeout= parameter was not modelled), and its walk
// of the pending list was modelled in the fixed shape only.
describe('deferredProbeTimeout (the deferred_probe_timeout= boot parameter) and the timeout work', () => {
  const walk = (profile: string, timeout: number | null = 30): ScenarioSpec => ({
    name: 'timeout-walk', profile, ...(timeout !== null ? { deferredProbeTimeout: timeout } : {}),
    devices: { sup: {}, cons: {} }, drivers: { 'cons-drv': { matches: ['cons'], needs: ['sup'], present: true } },
    actors: { boot: ['add cons', 'deferred_probe_initcall'], hotplug: 'del cons' },
  });
  const verdicts = (s: ScenarioSpec, profile: string, patches = '') => Object.fromEntries(check(buildScenario(s, profile, patches).model).properties.map((p) => [p.name, p.verdict]));
  it('before eed6e41813de the walk is unlocked: device_del deletes an entry while it runs (pending-walk); the fix, v5.12, closes it', () => {
    const r = check(buildScenario(walk('v5.10'), 'v5.10', '').model);
    const p = r.properties.find((x) => x.name === 'pending-walk')!;
    expect(p.verdict).toBe('violated');
    const steps = p.trace!.steps.map((x) => `${x.thread} ${x.label}`);
    expect(steps.slice(-2)).toEqual([`${TIMEOUT_WORKER} deferred_probe_timeout_work_func:deferred_probe_pending`, 'hotplug device_del(cons):driver_deferred_probe_del']);
    expect(p.explanation).toMatch(/hotplug deletes cons from deferred_probe_pending_list at device_del\(cons\):driver_deferred_probe_del while kworker deferred_probe_timeout_work_func walks it with list_for_each_entry_safe, without deferred_probe_mutex/);
    // The library patch builds v5.15's walk: one step under the mutex, which nothing interleaves.
    expect(verdicts(walk('v5.10'), 'v5.10', 'eed6e41813de')['pending-walk']).toBe('holds');
    expect(verdicts(walk('v5.15'), 'v5.15')['pending-walk']).toBe('holds');
    expect(verdicts(walk('v5.10'), 'v5.10', 'eed6e41813de')['no-deadlock']).toBe('holds');
    // Chosen by default at v6.1 only where the scenario sets the timeout (every late initcall schedules the work there).
    expect(verdicts(walk('v6.1', null), 'v6.1')['pending-walk']).toBeUndefined();
    // Without the parameter the timeout is 0 at v5.10: no timeout work, so no walk.
    expect(buildScenario(walk('v5.10', null), 'v5.10', '').model.threads.map((t) => t.name)).not.toContain(TIMEOUT_WORKER);
    // 0 at v6.1, where it defaults to 10: none either.
    expect(buildScenario(walk('v6.1', 0), 'v6.1', '').model.threads.map((t) => t.name)).not.toContain(TIMEOUT_WORKER);
  });
  it('v5.7 .. v5.18: wait_for_device_probe sleeps until the timeout work has set the timeout 0 and woken it', () => {
    const s: ScenarioSpec = { ...boot(['deferred_probe_initcall']), deferredProbeTimeout: 10, actors: { boot: ['deferred_probe_initcall'], waiter: 'wait_for_device_probe' } };
    const model = buildScenario(s, 'v5.10', '').model;
    model.properties = [
      { kind: 'invariant', name: 'returns-after-timeout', holds: (st: KS, q) => q.at('waiter') !== null || !st.probeTimeout },
      { kind: 'sometimes', name: 'sleeps', holds: (st: KS, q) => q.at('waiter') === 'wait_for_device_probe:wait_probe_timeout' && st.probeTimeout && q.at(TIMEOUT_WORKER) !== null },
    ] as Property[];
    expect(Object.fromEntries(check(model).properties.map((p) => [p.name, p.verdict]))).toEqual({ 'returns-after-timeout': 'holds', sleeps: 'reachable' });
    // v5.19 dropped the wait (5ee76c256e92): no such step.
    expect([...buildScenario(s, 'v5.19', '').model.threads.flatMap((t) => Object.keys(t.steps))].some((l) => l.includes('wait_probe_timeout'))).toBe(false);
  });
  // An audit (2026-12-04): at -1 the work is never scheduled, so the wait never ends (654888327e9f:675).
  it('v5.7 .. v5.18 at -1: wait_for_device_probe never returns', () => {
    const s: ScenarioSpec = { ...boot(['deferred_probe_initcall']), deferredProbeTimeout: -1, actors: { boot: ['deferred_probe_initcall'], waiter: 'wait_for_device_probe' } };
    const r = check(buildScenario(s, 'v5.10', '').model);
    const d = r.properties.find((x) => x.name === 'no-deadlock')!;
    expect(d.verdict).toBe('violated');
    expect(d.waiters!.map((w) => [w.thread, w.label, w.waits])).toEqual([['waiter', 'wait_for_device_probe:probe_timeout_sleep', "probe_timeout_waitqueue: woken by deferred_probe_timeout_work_func's wake_up_all (it is -1, and the work is never scheduled at -1)"]]);
    expect(check(buildScenario(s, 'v5.19', '').model).properties.find((x) => x.name === 'no-deadlock')!.verdict).toBe('holds');
  });
  // An audit (2026-12-05): the work sets the timeout 0 at its top (5.10.13 dd.c, deferred_probe_timeout_work_func's
  // first line), so a wait_for_device_probe that starts after it passes at once and may race the
  // unlocked walk of the pending list (before eed6e41813de); one already asleep waits for the wake at the end.
  it('v5.9 .. v5.11: a wait that starts after the work cleared the timeout passes at once, into the unlocked walk', () => {
    const s: ScenarioSpec = { name: 'timeout-top', devices: { dc: {}, pwm: {} }, drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
      deferredProbeTimeout: 30, actors: { boot: ['add dc', 'deferred_probe_initcall'], waiter: ['wait_for_device_probe', 'del dc'] }, properties: ['pending-walk'] };
    for (const p of ['v5.9', 'v5.10']) expect(check(buildScenario(s, p, '').model).properties[0]!.verdict, p).toBe('violated');
    expect(check(buildScenario(s, 'v5.15', '').model).properties[0]!.verdict).toBe('holds');   // the walk under deferred_probe_mutex (eed6e41813de)
    const model = buildScenario({ ...s, properties: [] }, 'v5.10', '').model;
    model.properties = [
      // Asleep before the clear, the waiter goes on only after the work's last step (its wake_up_all).
      { kind: 'action', name: 'sleeper-waits-for-wake', holds: (b: KS, _a: KS, m, _q, qb) => !(m.thread === 'waiter' && qb?.at('waiter') === 'wait_for_device_probe:probe_timeout_sleep') || b.probeTimeoutWoken },
      { kind: 'sometimes', name: 'asleep-after-clear', holds: (st: KS, q) => q.at('waiter') === 'wait_for_device_probe:probe_timeout_sleep' && !st.probeTimeout && !st.probeTimeoutWoken },
    ] as Property[];
    expect(Object.fromEntries(check(model).properties.map((p) => [p.name, p.verdict]))).toEqual({ 'sleeper-waits-for-wake': 'holds', 'asleep-after-clear': 'reachable' });
  });
  // An audit (2026-12-04): list_for_each_entry_safe over an empty list ends at once; the model walked on and flagged a device added meanwhile.
  it('an unlocked walk of an empty pending list ends at once', () => {
    const s: ScenarioSpec = { name: 'empty-walk', deferredProbeTimeout: 30, devices: { dc: {}, pwm: {} },
      drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true } }, actors: { boot: 'deferred_probe_initcall', hotplug: 'add dc' } };
    const model = buildScenario(s, 'v5.10', '').model;
    const empty = (st: KS) => !st.dev.some((d) => d.deferred === 'pending');
    model.properties = [
      { kind: 'action', name: 'empty-ends', holds: (b: KS, _a: KS, m, q) => !(m.thread === TIMEOUT_WORKER && m.label === 'deferred_probe_timeout_work_func:deferred_probe_pending' && empty(b) && q.at(TIMEOUT_WORKER) !== null) },
      { kind: 'sometimes', name: 'empty-at-walk', holds: (st: KS, q) => q.at(TIMEOUT_WORKER) === 'deferred_probe_timeout_work_func:deferred_probe_pending' && empty(st) },
    ] as Property[];
    expect(check(model).properties.map((p) => [p.name, p.verdict])).toEqual([['empty-ends', 'holds'], ['empty-at-walk', 'reachable']]);
  });
  it('is refused where it means nothing: before v4.19, without the late initcall, below -1', () => {
    expect(() => buildScenario(walk('v4.18'), 'v4.18', '')).toThrow(/deferredProbeTimeout: profile v4\.18 has no deferred_probe_timeout \(25b4e70dcce9, v4\.19, added it\); use v4\.19 or later$/);
    // The advice is the oldest profile from which all have the flag (firstWith), so it moved to v4.19 with that profile (s44 h10: it said v5.0).
    expect(firstWith('PROBE_TIMEOUT_WORK')).toBe('v4.19');
    expect([firstWith('DRIVER_OVERRIDE'), firstWith('AUTOPROBE_CONSUMER'), firstWith('ATTACH_DRIVER_EBUSY')]).toEqual(['v4.2', 'v5.1', undefined]);
    expect(() => buildScenario({ ...walk('v5.10'), actors: { boot: 'add cons' } }, 'v5.10', '')).toThrow(/deferredProbeTimeout is read by the late initcall, which no actor runs: add 'deferred_probe_initcall' to the boot actor/);
    expect(() => buildScenario(walk('v5.10', -2), 'v5.10', '')).toThrow(/deferredProbeTimeout: .*an integer of seconds from -1 to 2147483647/);
  });
});

// A new user (2026-12-04): `--property pending-walk` where no timeout work is scheduled was E101.
describe('pending-walk named where nothing schedules the timeout work', () => {
  it('is vacuous, saying why', () => {
    const s: ScenarioSpec = { ...boot(['register dcd', 'deferred_probe_initcall']), properties: ['pending-walk'] };
    const r = check(buildScenario(s, 'v5.10', '').model);
    expect(r.properties[0]!.verdict).toBe('vacuous');
    expect(r.vacuity!.properties[0]!.premise).toMatch(/^the timeout work is scheduled: .*v5\.10 and this scenario schedule none$/);
  });
});

// 1137838865bf ("driver core: Use mod_delayed_work to prevent lost deferred probe work", driver-core-next
// 2026-05; library patch mod-delayed-extend, flag EXTEND_QUEUES_IDLE): deferred_probe_extend_timeout, at
// the end of driver_register, does mod_delayed_work where mainline (dakr@1ac45118ddf8) cancels and
// schedules again only a pending work. Biju Das's revert (2026-05-26): on RZ/G2L the timeout work ran in
// a kworker before the devlink class was registered. The base builds no step for it (no new state either:
// the bundled suites' counts are unchanged, `check properties/`).
describe('mod-delayed-extend: driver_register queues the timeout work where it was not pending', () => {
  const named = (acts: string[] | Record<string, string[]>): ScenarioSpec => ({ ...boot([]), actors: Array.isArray(acts) ? { boot: acts } : acts, properties: ['timeout-after-initcall'] });
  const run = (s: ScenarioSpec, patches: string) => check(buildScenario(s, 'mainline', patches).model).properties[0]!;
  it('a driver registered before the late initcall: its kworker starts before deferred_probe_initcall; mainline holds', () => {
    const s = named(['register dcd', 'add pwm', 'deferred_probe_initcall']);
    expect(run(s, '').verdict).toBe('holds');
    const p = run(s, 'mod-delayed-extend');
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toMatch(/^kworker deferred_probe_timeout_work_func starts before deferred_probe_initcall \(driver_deferred_probe_enable is still false\): driver_register's deferred_probe_extend_timeout queued it/);
    // dcd's registration defers dc, ends bus_add_driver (where driver_register's extend is taken) and the kworker starts.
    expect(p.trace!.steps.slice(-2).map((x) => `${x.thread} ${x.label}`)).toEqual(['boot bus_add_driver(dcd):add_bind_files', `${TIMEOUT_WORKER} deferred_probe_timeout_work_func:driver_deferred_probe_trigger`]);
    expect(p.trace!.steps.some((x) => x.label === 'driver_probe_device(dc,dcd):deferred')).toBe(true);
  });
  it('a driver registered after the work ran queues it again ("if the work expired, don\'t start a new one"); mainline holds', () => {
    const s = named(['deferred_probe_initcall', 'register dcd']);
    expect(run(s, '').verdict).toBe('holds');
    // That holds is the profile's text, which predates both patches upstream: a note says so where
    // the scenario builds what they change (s49 h3), and only there: whatever the run checks (the
    // property is chosen only with the patch, so a default run, which checks it not, said nothing:
    // s49 h6), not where no driver registers (named, it reads vacuous with the patches too), and
    // naming only the patch missing where one is given.
    const notes = (sp: ScenarioSpec, profile: string, patches: string) => {
      const { model } = buildScenario(sp, profile, patches);
      check(model, { maxStates: 1 });   // the notes of the properties a run checks are set when it starts
      return model.notes!.filter((n) => n.includes(': profile mainline predates'));
    };
    expect(notes(s, 'mainline', '')).toEqual([expect.stringMatching(/^timeout-after-initcall: profile mainline predates mod-delayed-extend and extend-pending-guard: .*; --param patches=mod-delayed-extend,extend-pending-guard checks with them$/)]);
    expect(notes(s, 'mainline', 'mod-delayed-extend,extend-pending-guard')).toEqual([]);
    expect(notes(s, 'mainline', 'mod-delayed-extend')).toEqual([expect.stringMatching(/^timeout-after-initcall: profile mainline predates extend-pending-guard: /)]);
    expect(notes(s, 'v6.12', '')).toEqual([]);
    const unnamed: ScenarioSpec = { ...s, properties: undefined };
    expect(check(buildScenario(unnamed, 'mainline', '').model, { maxStates: 1 }).properties.map((x) => x.name)).not.toContain('timeout-after-initcall');
    expect(notes(unnamed, 'mainline', '')).toHaveLength(1);
    expect(notes(named(['deferred_probe_initcall']), 'mainline', '')).toEqual([]);
    const p = run(s, 'mod-delayed-extend');
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toMatch(/starts again after it ran \(driver_deferred_probe_timeout is 0\)/);
  });
  it('a work queued while it ran runs once more after that run, never twice at once (timeoutRequeued)', () => {
    const { model } = buildScenario(boot(['deferred_probe_initcall', 'register dcd']), 'mainline', 'mod-delayed-extend');
    model.properties = [
      { kind: 'sometimes', name: 'requeued', holds: (st: KS) => st.timeoutRequeued },
      { kind: 'sometimes', name: 'rerun', holds: (st: KS, q) => st.timeoutRequeued === false && q.at(TIMEOUT_WORKER) === 'deferred_probe_timeout_work_func:driver_deferred_probe_trigger' && !st.probeTimeout },
    ] as Property[];
    expect(Object.fromEntries(check(model).properties.map((p) => [p.name, p.verdict]))).toEqual({ requeued: 'reachable', rerun: 'reachable' });
  });
  // The third check, the late initcall's own test of the timeout: reached alone only where the work was
  // queued after driver_deferred_probe_enable and ran before the initcall's schedule_delayed_work
  // (a registration racing the initcall's flushes); any scenario that has that race has a shorter
  // one that starts the work before the enable, so it is held here to a state of the patched model.
  it('the late initcall that finds driver_deferred_probe_timeout 0 (the work ran first) is named for it', () => {
    const { model } = buildScenario(named(['register dcd', 'deferred_probe_initcall']), 'mainline', 'mod-delayed-extend');
    const prop = model.properties[0] as Property<KS> & { kind: 'action' };
    let start: KS | undefined;
    model.properties = [{ kind: 'sometimes', name: 'start', holds: (st: KS) => { start ??= JSON.parse(JSON.stringify(st)) as KS; return true; } }] as Property[];
    check(model);
    const b = { ...start!, deferredProbeEnable: true, probeTimeout: false };
    const q = { at: () => null } as never;
    const m = { thread: 'boot', label: 'deferred_probe_initcall:schedule_delayed_work' };
    expect(prop.explain!(b, b, m, q)).toBe('deferred_probe_initcall finds driver_deferred_probe_timeout 0 and schedules no timeout work: the work ran before the late initcall scheduled it');
    expect(prop.holds(b, b, m, q)).toBe(false);
    expect(prop.holds({ ...b, probeTimeout: true }, b, m, q)).toBe(true);
  });
  it('refused before v6.1, where the profile has no deferred_probe_extend_timeout to patch (E604, one line)', () => {
    expect(() => buildScenario({ ...named(['register dcd', 'deferred_probe_initcall']), deferredProbeTimeout: 30 }, 'v5.10', 'mod-delayed-extend'))
      .toThrow(/^patch mod-delayed-extend \(driver core: Use mod_delayed_work to prevent lost deferred probe work\) does not apply to v5\.10: it patches deferred_probe_extend_timeout \(2b28a1a84a0e, the v5\.19 cycle\), taken to be there from v6\.1, .*\(PROBE_TIMEOUT_DEFAULT_10 is not in v5\.10\)$/);
  });
  it('without a timeout work (timeout 0, or no late initcall) the property is about nothing, and says so', () => {
    const p = check(buildScenario({ ...named(['register dcd', 'deferred_probe_initcall']), deferredProbeTimeout: 0 }, 'mainline', 'mod-delayed-extend').model).properties[0]!;
    expect(p.verdict).toBe('vacuous');
  });
});

// 557495bc8790 ("driver core: Guard deferred probe timeout extension with delayed_work_pending()",
// driver-core-next 2026-05-26; library patch extend-pending-guard, read in its 6.6.y backport, dd.c at
// gregkh@2f48e29ce9dc): `if (delayed_work_pending(...) && mod_delayed_work(...))`, on top of
// mod-delayed-extend. The test and the mod_delayed_work are two steps: the work may start between.
describe('extend-pending-guard: delayed_work_pending() before the mod_delayed_work', () => {
  const named = (acts: string[]): ScenarioSpec => ({ ...boot([]), actors: { boot: acts }, properties: ['timeout-after-initcall'] });
  const BOTH = 'mod-delayed-extend,extend-pending-guard';
  it('a driver registered before the late initcall queues no work: holds again', () => {
    expect(check(buildScenario(named(['register dcd', 'add pwm', 'deferred_probe_initcall']), 'mainline', BOTH).model).properties[0]!.verdict).toBe('holds');
  });
  it('a registration that finds the work pending, the work starting, then its mod_delayed_work: queued again after it ran', () => {
    const p = check(buildScenario(named(['deferred_probe_initcall', 'register dcd']), 'mainline', BOTH).model).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toMatch(/starts again after it ran \(driver_deferred_probe_timeout is 0\)/);
    const at = (label: string) => p.trace!.steps.findIndex((x) => x.label === label);
    const test = at('bus_add_driver(dcd):delayed_work_pending'), mod = at('bus_add_driver(dcd):mod_delayed_work');
    const start = p.trace!.steps.findIndex((x, i) => i > test && x.thread === TIMEOUT_WORKER);
    expect(test).toBeGreaterThanOrEqual(0);
    expect(test < start && start < mod).toBe(true);
  });
  // Each form's lines, cited in the text that has them (s48 h10): mainline's dd.c (the cancel form), the revert
  // posting's pre-image (kernel/posting@1137838865bf) and the 6.6.y backport (kernel/gregkh@2f48e29ce9dc); the lines are offsets in the function (dakr's +6 is dd.c:326). 3 builds, no check: ~0.1 s.
  it('each form of deferred_probe_extend_timeout is cited in the text that has it, and every anchor resolves', () => {
    const src = (patches: string) => {
      const { kernel } = buildScenario(named(['deferred_probe_initcall', 'register dcd']), 'mainline', patches);
      const mine = kernel.anchors.filter((a) => a.label.startsWith('bus_add_driver(dcd):'));
      expect(mine.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
      return Object.fromEntries(mine.filter((a) => /add_bind_files|delayed_work/.test(a.label)).map((a) => [a.label.split(':')[1], a.anchored.map((x) => `${x.path}@${x.release}:${x.fn}+${x.lines.join(',')}`).join(' ')]));
    };
    expect(src('')).toEqual({ add_bind_files: expect.stringMatching(/ drivers\/base\/dd\.c@dakr@1ac45118ddf8:deferred_probe_extend_timeout\+6,7,8$/) });
    expect(src('mod-delayed-extend')).toEqual({ add_bind_files: expect.stringMatching(/ drivers\/base\/dd\.c@posting@1137838865bf:deferred_probe_extend_timeout\+6,7$/) });
    expect(src(BOTH)).toEqual({ add_bind_files: expect.not.stringMatching(/dd\.c/),
      delayed_work_pending: 'drivers/base/dd.c@gregkh@2f48e29ce9dc:deferred_probe_extend_timeout+6', mod_delayed_work: 'drivers/base/dd.c@gregkh@2f48e29ce9dc:deferred_probe_extend_timeout+7,8' });
  });
  it('alone, with no mod_delayed_work to guard, it is refused (E604, one line)', () => {
    expect(() => buildScenario(named(['register dcd', 'deferred_probe_initcall']), 'mainline', 'extend-pending-guard'))
      .toThrow(/^patch extend-pending-guard \(driver core: Guard deferred probe timeout extension with delayed_work_pending\(\)\) does not apply to mainline: it guards the mod_delayed_work of 1137838865bf: give patches=mod-delayed-extend,extend-pending-guard \(EXTEND_QUEUES_IDLE is not in mainline\)$/);
  });
});
