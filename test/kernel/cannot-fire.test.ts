/**
 * Steps that no run of a scenario can reach, as built (engine Step `cannot`), are counted by
 * their reason, not listed among the steps that never fired (a hunt, s39 h3: a run where every
 * driver is async ended with "__driver_attach:device_driver_lock" never fired, the sync branch no
 * driver of it takes, beside the trace). The list keeps what could fire and did not.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, RET, type ScenarioSpec } from 'probecheck';
import { registerPatchFile, definePatch } from '../../src/kernel/define-patch.js';
import { renderResult } from '../../src/report/text.js';
import { unwrap } from '../cli/unwrap.js';

const SYNC = "__driver_attach's synchronous probe (__device_driver_lock), for a driver that always probes asynchronously (driver_allows_async_probing)";
// A module's async driver walks the devices on its registration (__driver_attach's async branch).
const spec = (probeType: 'async' | 'sync', probe: ('ok' | 'error')[] = ['ok']): ScenarioSpec => ({
  name: 'cannot-fire', devices: { card: { present: true } },
  drivers: { blk: { matches: ['card'], probeType, module: 'mb', probe } }, actors: { m1: 'modprobe mb' }, properties: ['single-binding'],
});
const run = (s: ScenarioSpec, profile = 'v5.19', patches = '') => check(buildScenario(s, profile, patches).model, {});
const listed = (r: ReturnType<typeof run>, step: string) => r.neverFired.some((x) => x.includes(step));

describe('steps that cannot fire, as built', () => {
  it("an async driver's __driver_attach sync branch is counted by its reason, not listed as never fired", () => {
    const r = run(spec('async'));
    expect(listed(r, ':device_driver_lock')).toBe(false);
    expect(r.cannotFire?.[SYNC]).toBe(2);   // device_driver_lock, device_driver_unlock
    // A probe that only succeeds: its failure path and the deferral's steps are no news either.
    expect(listed(r, ':probe_failed') || listed(r, ':driver_deferred_probe_trigger')).toBe(false);
    expect(unwrap(renderResult(r))).toContain(`2 steps on a branch no run of this scenario can take: ${SYNC}`);
  });

  it("load_module's module_wq wait, for a module no other thread loads or unloads, is counted by its reason (s47)", () => {
    const WQ = "load_module's wait on module_wq, for a module no other thread loads or unloads (no other actor's modprobe or rmmod of it, no probe's request_module)";
    const alone = run(spec('async'), 'mainline');
    expect(listed(alone, ':module_wq')).toBe(false);
    expect(alone.cannotFire?.[WQ]).toBe(1);
    // A second modprobe of it, or an rmmod of it, in another actor: the wait may fire, and is not said to be unreachable.
    for (const other of ['modprobe mb', 'rmmod mb']) expect(run({ ...spec('async'), actors: { m1: 'modprobe mb', m2: other } }, 'mainline').cannotFire?.[WQ]).toBeUndefined();
    // As built (no search; s47 h6): a probe's request_module of it may load it beside m1's modprobe
    // (that search fires the wait); one actor's own rmmod and modprobe again never meet another load.
    const cannot = (s: ScenarioSpec) => buildScenario(s, 'mainline', '').model.threads.find((t) => t.name === 'm1')!.steps['do_init_module:module_wq']!.cannot;
    const card = spec('async');
    expect(cannot({ ...card, devices: { ...card.devices, hub: {} }, drivers: { ...card.drivers, hubd: { matches: ['hub'], present: true, requestModule: 'mb' } }, actors: { m1: 'modprobe mb', m2: 'add hub' } })).toBeUndefined();
    expect(cannot({ ...card, actors: { m1: ['modprobe mb', 'rmmod mb', 'modprobe mb'] } })).toBe(WQ);
  });

  it('a step that can fire stays a step that fired or is listed', () => {
    // A sync driver takes the branch: nothing said of it.
    const sync = run(spec('sync'));
    expect(sync.cannotFire?.[SYNC]).toBeUndefined();
    expect(listed(sync, ':device_driver_lock')).toBe(false);
    // A probe that may fail has a failure path that can fire (and does).
    const fails = run(spec('async', ['ok', 'error']));
    expect(Object.keys(fails.cannotFire ?? {}).some((w) => w.startsWith("really_probe's failure path"))).toBe(false);
  });

  it("under a user's patch, which may route there, a library step keeps its reason as the build's; the user's own step is listed", () => {
    registerPatchFile('/virtual/cannot-fire.ts', [definePatch({ id: 'same-lock', subject: 'device_lock as it was', base: 'v5.19',
      // A hunk handed a step that cannot fire gets no `cannot` key (no key of a user's step: E604).
      hunks: [{ fn: '__driver_attach', replace: 'device_lock', step: (_site, o) => ({ ...o! }) }, { fn: 'really_probe', replace: 'probe_failed', step: (_site, o) => o! }] })]);
    const r = run(spec('async'), 'v5.19', '/virtual/cannot-fire.ts');
    expect(listed(r, ':device_lock')).toBe(false);           // the hunk's, which fired
    // The hunks' steps are the user's: probe_failed (the orig itself) is listed, not excused.
    expect(listed(r, ':probe_failed')).toBe(true);
    // The library's steps keep their reason, said as the build's (s46 h4: the patched side of a
    // diff warned they never fired, beside a base that counted them unreachable).
    const built = ' (as built; no run took it under your patch either)';
    expect(r.cannotFire?.[SYNC + built]).toBe(2);            // device_driver_lock, device_driver_unlock
    expect(listed(r, ':device_driver_lock') || listed(r, ':driver_deferred_probe_trigger')).toBe(false);
    expect(unwrap(renderResult(r))).toContain(`2 steps on a branch no run of this scenario can take: ${SYNC}${built}`);
  });

  it("a hunk that defers makes the deferral's steps reachable: a re-trigger that never fired is listed, not excused as a probe that cannot defer", () => {
    // s46 h9: a probe that only succeeds, made to return -EPROBE_DEFER by the patch; nothing
    // triggers between its snapshot and its deferral, so driver_probe_device's re-trigger never
    // fires. Under h4's wording it read "on a branch no run of this scenario can take: ... for a
    // probe that cannot defer (as built; ...)", of a probe this patch defers.
    registerPatchFile('/virtual/cannot-fire-defers.ts', [definePatch({ id: 'defers', subject: 'the probe defers', base: 'v5.19',
      hunks: [{ fn: 'really_probe', replace: 'probe_ret', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { o!.run(s, t, b, c); t.ret = RET.EPROBE_DEFER; return 'probe_failed'; } }) }] })]);
    const r = run(spec('sync'), 'v5.19', '/virtual/cannot-fire-defers.ts');
    expect(Object.keys(r.cannotFire ?? {}).some((w) => w.startsWith('the steps after a deferral'))).toBe(false);
    expect(listed(r, 'driver_probe_device(card,blk):driver_deferred_probe_trigger')).toBe(true);
  });
});
