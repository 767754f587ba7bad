/**
 * device_shutdown (reboot, poweroff): paths/device-shutdown.ts. The walk takes devices_kset's
 * tail under its spinlock, locks the parent and the device, calls ->shutdown(); from
 * SHUTDOWN_BLOCKS_PROBING (3297c8fc65af) it first waits for probes and sets defer_all_probes
 * (device_block_probing), so really_probe defers every later probe. Texts: core.c at
 * 9ed9895370ae (v4.14), e7dd40105aac (v5.1), 6.18.16 (mainline); dd.c device_block_probing.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, ProbecheckError, RET, RETURN, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { registerPatchFile, definePatch } from '../../src/kernel/define-patch.js';

const verdicts = (s: ScenarioSpec, profile: string, patches = '') =>
  Object.fromEntries(check(buildScenario(s, profile, patches).model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));

// A driver registered (modprobe) while reboot walks the devices.
const modprobe: ScenarioSpec = {
  name: 'reboot-modprobe', devices: { dc: { present: true } }, drivers: { drv: { matches: ['dc'], module: 'm' } },
  actors: { load: 'modprobe m', reboot: 'device_shutdown' }, properties: ['no-probe-after-shutdown', 'shutdown-exclusive', 'no-deadlock'],
};

describe('device_shutdown', () => {
  it('before 3297c8fc65af a driver registered during the walk probes a device the walk has shut down; device_block_probing stops it', () => {
    expect(verdicts(modprobe, 'v4.14')).toEqual({ 'no-probe-after-shutdown': 'violated', 'shutdown-exclusive': 'holds', 'no-deadlock': 'holds' });
    const r = check(buildScenario(modprobe, 'v4.14', '').model, { properties: ['no-probe-after-shutdown'] });
    const p = r.properties[0]!;
    expect(p.explanation).toBe('probe(dc) by drv started in load after device_shutdown shut dc down');
    const labels = p.trace!.steps.map((x) => `${x.thread} ${x.label}`);
    // The walk locks dc, finds no driver, unlocks; then __driver_attach locks dc and probes it.
    expect(labels.indexOf('reboot device_shutdown(dc):device_unlock')).toBeLessThan(labels.indexOf('load __driver_attach(dc,drv):device_lock'));
    for (const prof of ['v5.0', 'v5.1', 'v5.4', 'v5.15', 'v6.12', 'mainline']) {
      expect(verdicts(modprobe, prof), prof).toEqual({ 'no-probe-after-shutdown': 'holds', 'shutdown-exclusive': 'holds', 'no-deadlock': 'holds' });
    }
  });

  it('a probe after device_block_probing defers: the device ends on the pending list, unbound, in some run (v5.1 adds it in really_probe, v5.15 in driver_probe_device)', () => {
    for (const prof of ['v5.1', 'v5.15', 'mainline']) {
      const m = buildScenario(modprobe, prof, '').model;
      m.properties = [
        { kind: 'sometimes', name: 'deferred-at-reboot', holds: (s: KS) => s.shutdownReturned === true && s.dev[0]!.deferred === 'pending' && s.dev[0]!.driver === 0 },
        { kind: 'sometimes', name: 'bound-then-shut-down', holds: (s: KS) => s.shutdownReturned === true && s.dev[0]!.bound && s.dev[0]!.shutDown === true },
      ];
      expect(check(m, { exhaustive: true }).properties.map((x) => x.verdict), prof).toEqual(['reachable', 'reachable']);
    }
  });

  it('up to v5.13 a probe past the defer_all_probes test, not yet counted, runs beside the walk; from v5.14 it is counted first and waited for', () => {
    const s: ScenarioSpec = { name: 'reboot-window', devices: { a: { present: true }, b: { present: true } }, drivers: { da: { matches: ['a'], module: 'm' } },
      actors: { load: 'modprobe m', reboot: 'device_shutdown' } };
    const beside = (prof: string) => {
      const m = buildScenario(s, prof, '').model;
      m.properties = [{ kind: 'sometimes', name: 'probe-beside-walk', holds: (st: KS) => st.dev[1]!.shutDown === true && st.dev[0]!.probing !== 0 }];
      return check(m, { exhaustive: true }).properties[0]!.verdict;
    };
    expect(beside('v5.1')).toBe('reachable');
    expect(beside('v5.15')).toBe('unreachable');
  });

  // A new user (2026-12-05) found the README's "every later probe defers onto the pending list"
  // untrue of a sysfs bind from v5.14: device_driver_attach calls __driver_probe_device, which
  // neither counts the probe nor adds the device to the list (dd.c at f04948dea236:1059-1064, 780-783).
  it('from v5.14 a sysfs bind is not counted: it can run beside the walk, and one after device_block_probing leaves the device off the pending list', () => {
    const s: ScenarioSpec = { name: 'reboot-bind', buses: { platform: { autoprobe: false } }, devices: { a: { present: true }, b: { present: true } },
      drivers: { da: { matches: ['a'], present: true } }, actors: { admin: 'bind da a', reboot: 'device_shutdown' } };
    const seen = (prof: string) => {
      const m = buildScenario(s, prof, '').model;
      m.properties = [
        { kind: 'sometimes', name: 'beside', holds: (st: KS) => st.dev[1]!.shutDown === true && st.dev[0]!.probing !== 0 },
        { kind: 'sometimes', name: 'pending', holds: (st: KS) => st.shutdownReturned === true && st.dev[0]!.deferred === 'pending' },
      ];
      return check(m, { exhaustive: true }).properties.map((x) => x.verdict);
    };
    expect(seen('v5.1')).toEqual(['reachable', 'reachable']);   // really_probe's own driver_deferred_probe_add
    expect(seen('v5.15')).toEqual(['reachable', 'unreachable']);
    expect(seen('mainline')).toEqual(['reachable', 'unreachable']);
  });

  it('walks the list from its tail until it is empty: a child before its parent, a device added meanwhile too; one added after it returned is left', () => {
    const s: ScenarioSpec = { name: 'reboot-hotplug', devices: { h: { present: true }, c: { parent: 'h' } }, drivers: { cd: { matches: ['c'], present: true } },
      actors: { hotplug: 'add c', reboot: 'device_shutdown' } };
    for (const prof of ['v4.14', 'mainline']) {
      const m = buildScenario(s, prof, '').model;
      m.properties = [
        // When it returns every registered device was shut down, but one added after that (on the list again).
        { kind: 'invariant', name: 'all-shut-down', holds: (st: KS) => !st.shutdownReturned || st.dev.every((d) => !d.registered || d.shutDown === true || d.ksetRank! > 0) },
        // A child comes after its parent on the list: the walk reaches c before h, or c was added
        // after the walk took h (then c is on the list, or being shut down: "Beware that device
        // unplug events may also start pulling devices offline, even as the system is shutting down").
        { kind: 'invariant', name: 'child-first', holds: (st: KS, q) => !st.dev[0]!.shutDown || !st.dev[1]!.registered || st.dev[1]!.shutDown === true || st.dev[1]!.ksetRank! > 0
          || (q.at('reboot') ?? '').startsWith('device_shutdown(c):') },
        { kind: 'sometimes', name: 'both-shut-down', holds: (st: KS) => st.dev[1]!.shutDown === true && st.dev[0]!.shutDown === true },
        { kind: 'sometimes', name: 'added-after-return', holds: (st: KS) => st.shutdownReturned === true && st.dev[1]!.registered && st.dev[1]!.shutDown !== true },
      ];
      expect(check(m, { exhaustive: true }).properties.map((x) => x.verdict), prof).toEqual(['holds', 'holds', 'reachable', 'reachable']);
    }
  });

  it('shutdown-exclusive fails when a patch drops the walk\'s device lock: the ->shutdown() then runs beside probe()', () => {
    const file = '/virtual/shutdown-nolock.ts';
    registerPatchFile(file, [definePatch({ id: 'nolock', subject: 'device_shutdown without device_lock(dev)', base: 'mainline',
      hunks: [{ fn: 'device_shutdown', replace: 'device_lock', step: (_site, o) => ({ ...o!, await: undefined, waits: undefined, run: (s: KS) => { s.dev[0]!.shutDown = true; return 'device_unlock'; } }) },
        { fn: 'device_shutdown', replace: 'device_unlock', step: (_site, o) => ({ ...o!, run: () => '@return' }) }] })]);
    const s: ScenarioSpec = { ...modprobe, properties: ['shutdown-exclusive'] };
    expect(verdicts(s, 'v4.14', file)['shutdown-exclusive']).toBe('violated');
  });

  // A mutation hunt (2026-12-05): a patch that drops the walk's parent lock read 'still holds'
  // everywhere, since no path of the model runs under a parent's lock alone.
  it("shutdown-exclusive fails when a patch drops the walk's parent lock on a need_parent_lock bus, not on another", () => {
    const file = '/virtual/shutdown-noparent.ts';
    registerPatchFile(file, [definePatch({ id: 'noparent', subject: 'device_shutdown without device_lock(parent)', base: 'v5.15',
      hunks: [{ fn: 'device_shutdown', replace: 'lock_parent', step: (_site, o) => ({ ...o!, await: () => true, waits: undefined, run: () => 'device_lock' }) },
        { fn: 'device_shutdown', replace: 'device_unlock', step: (site, o) => ({ ...o!, run: (s: KS, t, b, c) => {
          const p = site.k.parent(site.dev), m = p >= 0 ? s.dev[p]!.mutex : 0;
          const r = o!.run(s, t, b, c); if (p >= 0) s.dev[p]!.mutex = m; return r; } }) }] })]);
    const usb: ScenarioSpec = { name: 'usb-reboot', buses: { usb: { needParentLock: true } },
      devices: { udev: { present: true, boundTo: 'usb' }, intf: { parent: 'udev', present: true } },
      drivers: { usb: { matches: ['udev'], present: true }, 'usb-storage': { matches: ['intf'], module: 'usb_storage' } },
      actors: { udev: 'modprobe usb_storage', reboot: 'device_shutdown' }, properties: ['shutdown-exclusive'] };
    for (const prof of ['v4.14', 'v5.15', 'mainline']) {
      expect(verdicts(usb, prof)['shutdown-exclusive'], prof).toBe('holds');
      const r = check(buildScenario(usb, prof, file).model, { properties: ['shutdown-exclusive'] }).properties[0]!;
      expect(r.verdict, prof).toBe('violated');
      expect(r.explanation).toBe("device_shutdown called intf's ->shutdown() in reboot without &dev->mutex(udev) (held by nobody), on a need_parent_lock bus");
    }
    // On a bus without need_parent_lock shutdown-exclusive asks nothing of the parent's lock (ba6353748e71
    // dropped it there); what that lock kept apart, the parent's remove() beside the child's ->shutdown(),
    // is test/kernel/shutdown-parent-lock.test.ts's.
    const plat: ScenarioSpec = { ...usb, buses: undefined, drivers: { usb: { matches: ['udev'], present: true }, 'usb-storage': { matches: ['intf'], module: 'usb_storage' } } };
    expect(verdicts(plat, 'v5.15', file)['shutdown-exclusive']).toBe('holds');
  });

  // A new user (2026-12-05): a hunk whose await read defer_all_probes, checked on a scenario with
  // no device_shutdown, was reported as no-wait-under-lock throwing (E302), which calls the await,
  // and the message did not say why the field was missing.
  it("a patch's guard reading defer_all_probes where no actor runs device_shutdown is the step's E203, saying so; `in` asks first", () => {
    const guard = (ask: boolean) => definePatch({ id: ask ? 'asks' : 'reads', subject: 'recheck defer_all_probes', base: 'v5.1',
      hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_site, o) => ({ ...o!,
        await: (s: KS, t) => ((ask ? 'deferAllProbes' in s && s.deferAllProbes : s.deferAllProbes) ? s.deferredProbeMutex === 0 : (o!.await ? o!.await(s, t) : true)) }) }] });
    registerPatchFile('/virtual/reads-defer-all.ts', [guard(false)]);
    registerPatchFile('/virtual/asks-defer-all.ts', [guard(true)]);
    const s: ScenarioSpec = { name: 'no-reboot', devices: { c1: { present: true } }, drivers: { 'c-drv': { matches: ['c1'], module: 'cmod', probeType: 'async' } },
      actors: { udev: 'modprobe cmod' }, syncFallback: false, properties: ['no-wait-under-lock'] };
    let err: unknown;
    try { check(buildScenario(s, 'v5.1', '/virtual/reads-defer-all.ts').model, { exhaustive: true }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ProbecheckError);
    expect((err as ProbecheckError).code).toBe('E203');
    expect((err as Error).message).toMatch(/^in the guard \(await or branches\) of step 'really_probe\(c1,c-drv\):call_probe' \(patch reads\): this scenario's state has no field 'deferAllProbes': it is kept only where an actor runs device_shutdown/);
    expect(verdicts(s, 'v5.1', '/virtual/asks-defer-all.ts')['no-wait-under-lock']).toBe('holds');
  });

  // b292b50b0efc ("driver core: Fix probe_count imbalance in really_probe()", "Reboot/Shutdown will
  // freeze in wait_for_device_probe()"): before it, really_probe's "Resources present before probing"
  // check returned -EBUSY after atomic_inc(&probe_count) with no atomic_dec; v5.9's text has the fix,
  // `ret = -EBUSY; goto done;` (dd.c@654888327e9f:497-502). Reverted here, reboot hangs.
  it('a probe_count leak (b292b50b0efc reverted on v5.9) hangs reboot in wait_for_device_probe', () => {
    const file = '/virtual/revert-b292b50b0efc.ts';
    registerPatchFile(file, [definePatch({ id: 'revert-b292b50b0efc', subject: 'really_probe: return -EBUSY without atomic_dec(&probe_count)', base: 'v5.9',
      hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_site, o) => ({ ...o!, c: [],
        run: (s: KS, t, b, c) => { if (s.deferAllProbes) return o!.run(s, t, b, c); s.probeCount++; t.ret = RET.EBUSY; return RETURN; } }) }] })]);
    const s: ScenarioSpec = { ...modprobe, properties: ['no-deadlock', 'actors-terminate'] };
    expect(verdicts(s, 'v5.9')).toEqual({ 'no-deadlock': 'holds', 'actors-terminate': 'holds' });
    const r = check(buildScenario(s, 'v5.9', file).model, { exhaustive: true });
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'no-deadlock': 'violated', 'actors-terminate': 'violated' });
    expect(r.properties[0]!.explanation).toMatch(/reboot waits at wait_for_device_probe:wait_event for probe_count == 0 \(it is 1\)/);
  });

  // A liveness hunt (2026-12-05): no-missed-probe and no-lost-deferral owe nothing once
  // device_shutdown has blocked probing, and a fair reboot actor had to get there in every run,
  // so both held beside any `device_shutdown`: 84e7c6786aad's lost attach at v5.15 (drvB's
  // __driver_attach overwrites dev->p->async_driver while drvA's helper is pending; dd.c at
  // f04948dea236:1129-1135) read holds. Nothing makes a reboot come: an actor may stop before it.
  it('a reboot need not come: a probe lost before it is still no-missed-probe\'s (the actor may stop before device_shutdown)', () => {
    const lost: ScenarioSpec = { name: 'lost-then-reboot', devices: { dc: { present: true } },
      drivers: { drvA: { matches: ['dc'], probeType: 'async' }, drvB: { matches: ['dc'], probeType: 'async', probe: 'error' } }, syncFallback: false,
      actors: { insmod: ['register drvA', 'register drvB'], reboot: 'device_shutdown' }, properties: ['no-missed-probe', 'actors-terminate'] };
    expect(verdicts(lost, 'v5.15')).toEqual({ 'no-missed-probe': 'violated', 'actors-terminate': 'holds' });
    expect(verdicts(lost, 'v6.12')).toEqual({ 'no-missed-probe': 'holds', 'actors-terminate': 'holds' });
    // Inside device_shutdown the actor stays weakly fair: a reboot that hangs there still does.
    const loop: ScenarioSpec = { name: 'b15-reboot', devices: { host: { present: true }, child: { parent: 'host' } },
      drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
      actors: { modprobe: 'register host-drv', reboot: 'device_shutdown' }, properties: ['actors-terminate'] };
    const r = check(buildScenario(loop, 'v5.15', '').model, { properties: ['actors-terminate'] });
    expect(r.properties[0]!.explanation).toBe('reboot (at wait_for_device_probe:flush_work_wait) never returns');
    // Not before a device_shutdown its actor's deferred_probe_initcall follows: a boot runs that one
    // (stopped there, deferred probing stayed disabled and no-lost-deferral blamed the retry).
    const late: ScenarioSpec = { name: 'reboot-then-initcall', devices: { dc: { present: true }, pwm: {} },
      drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
      actors: { k: ['device_shutdown', 'deferred_probe_initcall'], h: 'add pwm' }, properties: ['no-lost-deferral'] };
    expect(verdicts(late, 'v5.15')).toEqual({ 'no-lost-deferral': 'holds' });
  });

  it('is refused where its shape is not known (E601, naming why and the profiles that build it)', () => {
    const refusal = (prof: string) => { try { buildScenario(modprobe, prof, ''); return ''; } catch (e) { return e instanceof ProbecheckError ? `${e.code} ${e.message}` : String(e); } };
    expect(refusal('v3.5')).toMatch(/^E601 .*'device_shutdown' cannot be built at profile v3\.5: its walk takes no device lock there \(before d1c6c030fcec, v3\.6\)/);
    expect(refusal('v3.14')).toMatch(/SHUTDOWN_NO_FINAL_SYNC: no vanilla core\.c of v3\.7 \.\. v4\.10 read/);
    // v4.2: the final async_synchronize_full() is gone in two 3.18 vendor trees (settled 2026-12-06), so the walk is built.
    expect(refusal('v4.2')).toBe('');
    expect(refusal('v4.18')).toMatch(/SHUTDOWN_BLOCKS_PROBING: no vanilla core\.c of v4\.11 \.\. v5\.0 read/);
    expect(refusal('v4.18')).toMatch(/; use v4\.2, v4\.14, v4\.19, v5\.0, v5\.1, .*mainline$/);
    // v4.19 reads its own core.c (the 4.19 tree), whose device_shutdown blocks probing first.
    expect(refusal('v4.19')).toBe('');
    expect(refusal('v4.14')).toBe('');
    // Reboot runs it once.
    const twice = (() => { try { buildScenario({ ...modprobe, actors: { reboot: 'device_shutdown', poweroff: 'device_shutdown' } }, 'mainline', ''); return ''; } catch (e) { return e instanceof ProbecheckError ? `${e.code} ${e.message}` : String(e); } })();
    expect(twice).toBe("E601 scenario 'reboot-modprobe': 'device_shutdown' is what reboot or poweroff runs, once: actors reboot, poweroff write it 2 times");
  });

  // v6.12 read core.c at 56d16d44fe8d, mid-way through the 2024 reverts (its walk locks the parent only on need_parent_lock
  // buses), and left device_shutdown unread until s39 h2; it now reads 9a71892cbcdb (v6.12-rc6), after the last revert.
  it('anchors in core.c where the profile reads it, v6.12 after the 2024 reverts', () => {
    const anchors = (prof: string) => buildScenario(modprobe, prof, '').model.threads.find((t) => t.name === 'reboot')!.steps['device_shutdown(dc):device_lock']!.source;
    expect(anchors('v4.14')).toMatch(/^drivers\/base\/core\.c@torvalds@9ed9895370ae:/);
    expect(anchors('mainline')).toMatch(/^drivers\/base\/core\.c@torvalds@10864921212f:device_shutdown\+\d+/);
    expect(anchors('v6.12')).toMatch(/^drivers\/base\/core\.c@torvalds@9a71892cbcdb:device_shutdown\+\d+/);
  });
});
