/**
 * Fairness in scenarios: actors are weakly fair unless declared `unfair`, and liveness verdicts
 * follow. A hotplug actor that may stop before adding pwm leaves dc deferred forever; one that
 * must go on does not.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { loopNote } from '../../src/report/text.js';

const spec: ScenarioSpec = {
  name: 'fair', devices: { dc: { present: true }, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'] }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { insmod: 'register dc-drv', 'hotplug pwm': 'add pwm' },
  properties: ['actors-terminate'],
};

describe('fairness of actors', () => {
  it('a fair actor eventually moves; an unfair one may stop for good', () => {
    const verdict = (s: ScenarioSpec) => check(buildScenario(s, 'mainline', '').model).properties[0]!;
    const dcBound = defineProperty({ kind: 'leads-to', name: 'dc-bound', from: (v) => v.dev('dc').registered, to: (v) => v.dev('dc').bound });
    expect(verdict({ ...spec, properties: [dcBound] }).verdict).toBe('holds');
    const stop = verdict({ ...spec, properties: [dcBound], unfair: ['hotplug pwm'] });
    expect(stop.verdict).toBe('violated');
    expect(stop.trace!.loopFrom).toBe(stop.trace!.moves.length);
    expect(stop.trace!.mayStop).toEqual(['hotplug pwm']);
    // actors-terminate: an unfair actor that stops before its action is in no call, so nothing of
    // it fails to return (before 2026-12-04: "hotplug pwm (at device_add(pwm):...) never returns").
    expect(verdict(spec).verdict).toBe('holds');
    expect(verdict({ ...spec, unfair: ['hotplug pwm'] }).verdict).toBe('holds');
  });

  // An unfair actor stops before an action, never inside one: before 2026-12-04 it could stop in
  // unbind_store holding dc's device lock, and device_del, waiting for it, "never returned".
  it('an unfair actor never stops inside an action, holding a lock', () => {
    const unbind: ScenarioSpec = { name: 'unfair-unbind', devices: { dc: { present: true, boundTo: 'dc-drv' } }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
      actors: { admin: 'unbind dc-drv dc', hotplug: 'del dc' }, unfair: ['admin'],
      properties: [defineProperty({ kind: 'leads-to', name: 'del-returns', from: (v) => v.thread('hotplug').at !== null, to: (v) => v.thread('hotplug').at === null })] };
    expect(check(buildScenario(unbind, 'mainline', '').model).properties[0]!.verdict).toBe('holds');
    // Stopping before its action is still allowed, and the trace says who stops.
    const dcBound = defineProperty({ kind: 'leads-to', name: 'dc-bound', from: (v) => v.dev('dc').registered, to: (v) => v.dev('dc').bound });
    const stop = check(buildScenario({ ...spec, properties: [dcBound], unfair: ['hotplug pwm'] }, 'mainline', '').model).properties[0]!;
    expect(stop.trace!.mayStop).toEqual(['hotplug pwm']);
    expect(loopNote(stop.trace!)).toBe('(then hotplug pwm stops here, unfair there, and no other thread can move: the run stays here forever)');
  });

  // A review (2026-12-04): as `eventually`, actors-terminate held once no actor was in a call, so
  // an unfair actor whose action then hung (the sync fallback's self-deadlock, v4.2) read `holds`.
  it('actors-terminate: an unfair actor that starts an action and hangs in it is reported', () => {
    const host1x: ScenarioSpec = { name: 'tegra-host1x', devices: { host1x: { present: true }, dc: { parent: 'host1x' } },
      drivers: { 'tegra-dc': { matches: ['dc'], module: 'host1x', probeType: 'async' }, host1x: { matches: ['host1x'], module: 'host1x', registers: ['dc'] } },
      actors: { modprobe: 'modprobe host1x' }, properties: ['actors-terminate', 'no-deadlock'] };
    for (const s of [host1x, { ...host1x, unfair: ['modprobe'] }, { ...host1x, devices: { ...host1x.devices, x: {} }, actors: { modprobe: 'modprobe host1x', hot: 'add x' }, unfair: ['modprobe'] }]) {
      const r = check(buildScenario(s, 'v4.2', '').model);
      expect(r.properties.map((p) => p.verdict), JSON.stringify(s.unfair)).toEqual(['violated', 'violated']);
      expect(r.properties[0]!.explanation).toBe('modprobe (at __device_attach_async_helper(dc):device_lock) never returns');
    }
  });

  it('unfair names an actor (E601 otherwise)', () => {
    expect(() => buildScenario({ ...spec, unfair: ['udev'] }, 'mainline', '')).toThrow(/E601|'udev' is not an actor; actors: insmod, hotplug pwm/);
  });
});

describe('a loop that starves a thread waiting for a mutex', () => {
  // A liveness hunt, 2026-12-05: B15's re-probe loop takes and drops host's mutex every round, and
  // the device_del waiting for it can take it in two of the loop's states but never does. Weak
  // fairness allows that; the kernel's mutex handoff as fixed in v5.15 (MUTEX_HANDOFF) does not:
  // there mutex waits are strongly fair; before, the report names the thread the loop starves.
  const loopDel: ScenarioSpec = { name: 'loop-del', devices: { host: { present: true }, child: { parent: 'host' } },
    drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
    actors: { modprobe: 'register host-drv', hotplug: 'del host' }, syncFallback: false, properties: ['actors-terminate'] };
  it('with mutex handoff the waiter is owed the lock and the loop is no hang', () => {
    for (const prof of ['v5.15', 'v6.6', 'mainline']) expect(check(buildScenario(loopDel, prof, '').model).properties[0]!.verdict, prof).toBe('holds');
  });
  it('before it (v4.2: no handoff; v5.10: the v4.11 .. v5.14 hole): names the starved thread, how often it could move and the mutex it waits for; replay says the same', async () => {
    expect(check(buildScenario(loopDel, 'v5.10', '').model).properties[0]!.trace!.starved!.map((x) => x.thread)).toEqual(['hotplug']);
    const m = buildScenario(loopDel, 'v4.2', '').model;
    const p = check(m).properties[0]!;
    expect(p.verdict).toBe('violated');
    const s = p.trace!.starved!;
    expect(s.map((x) => x.thread)).toEqual(['hotplug']);
    expect(s[0]!.enabledIn).toBeGreaterThan(0);
    expect(s[0]!.enabledIn).toBeLessThan(s[0]!.of);
    expect(s[0]!.waits).toMatch(/^&dev->mutex\(host\)/);
    expect(loopNote(p.trace!)).toMatch(/hotplug can move in \d+ of the loop's \d+ states and never does: .*can pass such a waiter over.*From v5\.15 \(ad90880dc962, 048661a1f963\)/);
    const { replayWatching } = await import('../../src/report/confirm.js');
    expect(replayWatching(m, 'actors-terminate', p.trace!.moves, p.trace!.loopFrom).trace.starved).toEqual(s);
    // On v6.6 with the strong steps made weak, the same kind of loop is found again; replayed on
    // v6.6 itself it is refuted: the cycle passes over a waiter at a strongly fair step.
    const v66 = buildScenario(loopDel, 'v6.6', '').model;
    const weak = { ...v66, threads: v66.threads.map((th) => ({ ...th, steps: Object.fromEntries(Object.entries(th.steps).map(([l, st]) => [l, { ...st, strong: false }])) })) };
    const w = check(weak).properties[0]!;
    expect(w.verdict).toBe('violated');
    expect(w.trace!.starved!.map((x) => x.thread)).toEqual(['hotplug']);
    expect(replayWatching(weak, 'actors-terminate', w.trace!.moves, w.trace!.loopFrom).lasso!.confirmed).toBe(true);
    expect(replayWatching(v66, 'actors-terminate', w.trace!.moves, w.trace!.loopFrom).lasso!.why).toMatch(/^the cycle is unfair: hotplug can move in 2 of its \d+ states at a strongly fair step \(device_del\(host\):kill_device\) and never moves$/);
  });
  it('a loop every thread takes part in starves none', () => {
    const p = check(buildScenario({ ...loopDel, actors: { modprobe: 'register host-drv' } }, 'v6.6', '').model, { properties: ['quiescence'] }).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.trace!.starved).toBeUndefined();
  });
});
