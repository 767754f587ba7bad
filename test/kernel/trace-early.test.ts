/**
 * A call that fails reads as one in a trace: a step that ends its thread while one of the thread's
 * actions never did its work (a write to bind files not there yet, an rmmod of a module in use)
 * says so. Found by a new-user pass (2026-12-03): in a v5.4 deadlock trace the admin's unbind and
 * rmmod's delete_module looked like steps of the deadlock.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { renderViolation, traceList } from '../../src/report/text.js';

const race: ScenarioSpec = {
  name: 'race', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], module: 'dcmod', probeType: 'async' } },
  actors: { boot: ['modprobe dcmod', 'add dc', 'del dc'], admin: 'unbind dc-drv dc', rmmod: 'rmmod dcmod' }, properties: ['no-deadlock'],
};

/** The sysfs store's VFS entry: kernfs_fop_write_iter since cc099e0b3998 (v5.11), kernfs_fop_write before. */
const kernfsWrite = (p: string) => (PROFILES[p]!.flags.includes('KERNFS_WRITE_ITER') ? 'kernfs_fop_write_iter' : 'kernfs_fop_write');

describe('a trace step that ends its thread with an action undone', () => {
  it('names the actions that returned early, and only those', () => {
    const p = check(buildScenario(race, 'v5.4', '').model).properties[0]!;
    expect(p.verdict).toBe('violated'); // async_schedule's synchronous fallback (b232b02bf3c2)
    const early = p.trace!.steps.filter((s) => s.early).map((s) => [s.thread, s.label, s.early]);
    expect(early).toEqual([
      ['admin', `${kernfsWrite('v5.4')}(dc-drv):kernfs_get_active`, ['unbind dc-drv dc']],
      ['rmmod', 'delete_module:try_stop_module', ['rmmod dcmod']],
    ]);
    expect(traceList(p.trace!).join('\n')).toContain("(admin is done: 'unbind dc-drv dc' returned early, without doing its work)");
  });

  it('a thread whose actions did their work ends with no note', () => {
    const ok: ScenarioSpec = { name: 'ok', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc', 'del dc'] },
      properties: [defineProperty({ kind: 'invariant', name: 'hotplug-runs', check: (v) => (v.thread('hotplug').at === null ? 'hotplug ended' : null) })] };
    const r = check(buildScenario(ok, 'v6.6', '').model, { exhaustive: true });
    expect(r.properties[0]!.verdict).toBe('violated');
    const t = r.properties[0]!.trace!;
    expect(t.steps.at(-1)!.thread).toBe('hotplug'); // the step that ends it, after add and del did their work
    expect(t.steps.some((s) => s.early)).toBe(false);
  });
});

describe('a liveness run that stops for good with threads blocked', () => {
  it('names who waits on what, as a deadlock does (the self-held lock read as such)', () => {
    const r = check(buildScenario({ ...race, properties: ['actors-terminate', 'no-deadlock'] }, 'v5.4', '').model);
    const live = r.properties.find((p) => p.name === 'actors-terminate')!;
    expect(live.verdict).toBe('violated');
    expect(live.trace!.loopFrom).toBe(live.trace!.steps.length); // stops for good
    expect(live.waiting?.map((w) => [w.thread, w.waits])).toContainEqual(['boot', '&dev->mutex(dc) held by boot']);
    // What it holds too, as a deadlock report says (a trace hunt, 2026-12-05: only deadlocks said it).
    expect(renderViolation(r, live)).toMatch(/Blocked where the trace ends:\n  boot holds &dev->mutex\(dc\), waits for &dev->mutex\(dc\) \(held by boot itself since step \d+\)/);
  });
});
