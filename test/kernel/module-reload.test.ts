/**
 * A module freed by rmmod loads again on a later modprobe, as in the kernel: free_module takes the
 * module off the list (kernel/module/main.c), so add_unformed_module finds no module of that name
 * and load_module goes on to do_init_module. The module's state cycles UNFORMED -> COMING -> LIVE
 * -> GOING -> FREED -> COMING ...
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type DefinedProperty, type ScenarioSpec } from 'probecheck';

const spec = (actors: ScenarioSpec['actors']): ScenarioSpec => ({
  name: 'reload', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, actors,
});
const run = (s: ScenarioSpec, props: (string | DefinedProperty)[]) => {
  const r = check(buildScenario({ ...s, properties: props }, 'mainline', '').model, { exhaustive: true });
  return { states: r.states, v: Object.fromEntries(r.properties.map((p) => [p.name, p])) };
};

describe('modprobe after rmmod', () => {
  it('modprobe m; rmmod m; modprobe m: the second load registers the driver and binds it again', () => {
    const seen = new Set<string>();
    // When the actor has returned, m is loaded again and d is bound to its driver.
    const rebound = defineProperty({ kind: 'invariant', name: 'rebound', check: (v) => {
      const m = v.module('m'), d = v.dev('d');
      seen.add(m.state);
      if (v.thread('a').at !== null) return null;
      return m.state === 'LIVE' && d.driver === 'dd' ? null : `the actor returned with m ${m.state} and d bound to ${d.driver ?? 'nothing'}`;
    }, premise: { text: 'the actor has returned', met: (v) => v.thread('a').at === null } });
    const r = run(spec({ a: ['modprobe m', 'rmmod m', 'modprobe m'] }), [rebound, 'module-lifetime', 'no-deadlock', 'actors-terminate']);
    expect(r.v.rebound!.verdict).toBe('holds');
    expect(r.v['module-lifetime']!.verdict).toBe('holds');
    expect(r.v['no-deadlock']!.verdict).toBe('holds');
    expect(r.v['actors-terminate']!.verdict).toBe('holds');
    // The cycle went through free_module: FREED, then COMING again.
    expect([...seen].sort()).toEqual(['COMING', 'FREED', 'GOING', 'LIVE', 'UNFORMED']);
  });

  it('a modprobe racing modprobe; rmmod finds the module loaded or going (nothing to do), or freed (loads it again)', () => {
    const ends = new Set<string>();
    const end = defineProperty({ kind: 'invariant', name: 'end', check: (v) => {
      if (v.threads.every((t) => !t.actor || t.at === null)) ends.add(`${v.module('m').state} ${v.dev('d').driver ?? '-'}`);
      return null;
    } });
    const r = run(spec({ a: ['modprobe m', 'rmmod m'], b: 'modprobe m' }), [end, 'module-lifetime', 'no-driver-after-unregister', 'no-deadlock']);
    expect(r.v['module-lifetime']!.verdict).toBe('holds');
    expect(r.v['no-driver-after-unregister']!.verdict).toBe('holds');
    expect(r.v['no-deadlock']!.verdict).toBe('holds');
    // LIVE: b loaded m after the free, or rmmod found m still COMING (-EBUSY); FREED: b found m loaded or going (-EEXIST/-EBUSY) before a's rmmod freed it.
    expect([...ends].sort()).toEqual(['FREED -', 'LIVE dd']);
  });
});
