/**
 * The vacuity report on kernel scenarios: each actor action is named as the scenario wrote it and
 * completes at the last step of its kernel function. Every kind of action completes in an
 * ordinary scenario on old and new profiles (the report must not cry wolf), and does not when
 * it can do nothing (rmmod of a module never loaded, del of a device never added, bind to a
 * driver that is already bound everywhere).
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario, check, type ScenarioSpec } from 'probecheck';

const idle = (spec: ScenarioSpec, profile: string) => {
  const r = check(buildScenario(spec, profile, '').model);
  expect(r.complete).toBe(true);
  return r.vacuity!.actions.map((a) => `${a.thread}: ${a.action}`);
};

const EVERY: ScenarioSpec[] = [
  { name: 'hotplug', devices: { d: {} }, drivers: { dd: { matches: ['d'], present: true } }, actors: { hotplug: ['add d', 'del d'] } },
  { name: 'insmod', devices: { e: { present: true } }, drivers: { x: { matches: ['e'] } }, actors: { insmod: ['register x', 'unregister x'] } },
  { name: 'sysfs', buses: { platform: { autoprobe: false } }, devices: { f: { present: true } }, drivers: { y: { matches: ['f'], present: true } },
    actors: { admin: ['override f y', 'bind y f', 'unbind y f'] } },
  { name: 'module', devices: { g: { present: true } }, drivers: { z: { matches: ['g'], module: 'm' } }, actors: { modprobe: ['modprobe m', 'rmmod m'] } },
  { name: 'misc', devices: { h: { present: true, boundTo: 'w' } }, drivers: { w: { matches: ['h'], present: true } },
    actors: { udev: 'uevent h', subsys: ['lock h', 'unlock h', 'wait_for_device_probe'] } },
];

describe('actor actions in the vacuity report', () => {
  it('are named as the scenario wrote them, in order, one list per actor', () => {
    const m = buildScenario(EVERY[2]!, 'v5.1', '').model;
    expect(m.threads.find((t) => t.name === 'admin')!.actions!.map((a) => a.name)).toEqual(['override f y', 'bind y f', 'unbind y f']);
    const mod = buildScenario(EVERY[3]!, 'v5.1', '').model.threads.find((t) => t.name === 'modprobe')!;
    expect(mod.actions).toEqual([{ name: 'modprobe m', done: ['do_init_module:module_put'] }, { name: 'rmmod m', done: ['delete_module:free_module'] }]);
    // Kernel workers are not actors: they have no actions.
    expect(buildScenario(EVERY[0]!, 'v4.2', '').model.threads.filter((t) => t.actions).map((t) => t.name)).toEqual(['hotplug']);
  });

  for (const profile of ['v3.14', 'v4.2', 'v5.1', 'mainline']) {
    it(`every kind of action completes in an ordinary scenario (${profile})`, () => {
      // v3.14 has no driver_override file (DRIVER_OVERRIDE, v3.16): its admin only binds and unbinds.
      const at = (spec: ScenarioSpec): ScenarioSpec => spec.name !== 'sysfs' || PROFILES[profile]!.flags.includes('DRIVER_OVERRIDE') ? spec
        : { ...spec, actors: { admin: (spec.actors.admin as string[]).filter((a) => !a.startsWith('override ')) } };
      for (const spec of EVERY) expect(idle(at(spec), profile), spec.name).toEqual([]);
    });
  }

  it('kill-del (v5.4+): both removers complete in some run, though only one runs device_del in each', () => {
    const spec: ScenarioSpec = { name: 'b9', devices: { ns: { present: true, boundTo: 'p' } }, drivers: { p: { matches: ['ns'], present: true } },
      actors: { one: 'kill-del ns', two: 'kill-del ns' } };
    expect(idle(spec, 'v5.4')).toEqual([]);
  });

  it('an action that can do nothing is reported, wherever it stands in its actor', () => {
    // Static checks (E601) reject an action nothing could ever enable; these could be enabled, but
    // the actor that would enable them deadlocks on itself first (`lock g` twice).
    expect(idle({ name: 'rmmod', devices: { g: { present: true } }, drivers: { z: { matches: ['g'], module: 'm' } },
      actors: { admin: ['rmmod m', 'wait_for_device_probe'], loader: ['lock g', 'lock g', 'modprobe m'] } }, 'v5.1'))
      .toEqual(['admin: rmmod m', 'loader: lock g', 'loader: modprobe m']);
    expect(idle({ name: 'del', devices: { d: {}, e: {} }, drivers: { dd: { matches: ['d'], present: true } },
      actors: { hotplug: ['add e', 'del d'], other: ['lock e', 'lock e', 'add d'] } }, 'v5.1'))
      .toEqual(['hotplug: del d', 'other: lock e', 'other: add d']);
    // A device added twice with no del between is refused before any search (E601).
    expect(() => idle({ name: 'add-add', devices: { d: {} }, drivers: {}, actors: { hotplug: ['add d', 'add d'] } }, 'v5.1')).toThrow(/device 'd' is added 2 times \(by actors\) but removed 0 times/);
  });
});

describe('kernel property premises', () => {
  it('no-probe-after-del is vacuous when device_del never starts, and holds when it does', () => {
    const spec: ScenarioSpec = { name: 'p', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc'] }, properties: ['no-probe-after-del'] };
    const v = (s: ScenarioSpec) => check(buildScenario(s, 'v5.1', '').model).properties[0]!;
    expect(v(spec)).toMatchObject({ verdict: 'vacuous', vacuous: true });
    expect(v({ ...spec, actors: { hotplug: ['add dc', 'del dc'] } }).verdict).toBe('holds');
  });

  it('properties about an event no actor causes are not in the default selection', () => {
    const names = (actors: ScenarioSpec['actors']) => buildScenario({ name: 'sel', devices: { g: { present: true } }, drivers: { z: { matches: ['g'], module: 'm' } }, actors }, 'v5.1', '')
      .model.properties.map((p) => p.name);
    expect(names({ modprobe: 'modprobe m' })).not.toContain('module-lifetime');
    expect(names({ modprobe: 'modprobe m' })).not.toContain('no-driver-after-unregister');
    expect(names({ modprobe: ['modprobe m', 'rmmod m'] })).toEqual(expect.arrayContaining(['module-lifetime', 'no-driver-after-unregister']));
  });

  // A new user's plain first scenario (a sync driver in a module, modprobe beside device_add) got
  // module-init-barrier "holds": no async entry exists there for the init to leave pending.
  it('module-init-barrier is chosen only where an async entry can be pending when the init returns', () => {
    const names = (drv: Record<string, unknown>) => buildScenario({ name: 'mib', devices: { g: {} }, drivers: { z: { matches: ['g'], module: 'm', ...drv } }, actors: { hotplug: 'add g', modprobe: 'modprobe m' } }, 'v5.15', '')
      .model.properties.map((p) => p.name);
    expect(names({})).not.toContain('module-init-barrier');
    expect(names({ probeType: 'async' })).toContain('module-init-barrier');
    expect(names({ asyncScan: true })).toContain('module-init-barrier');
    // Named there, it is vacuous (it read holds), and holds where an async probe can be pending.
    const named = (drv: Record<string, unknown>) => check(buildScenario({ name: 'mib', devices: { g: {} }, drivers: { z: { matches: ['g'], module: 'm', ...drv } }, actors: { hotplug: 'add g', modprobe: 'modprobe m' }, properties: ['module-init-barrier'] }, 'v5.15', '').model).properties[0]!.verdict;
    expect([named({}), named({ probeType: 'async' })]).toEqual(['vacuous', 'holds']);
  });

  // A premise audit (2026-12-06): an async driver beside a sync module's modprobe chose it, and it read
  // holds, though the module's init can start no async entry.
  it('module-init-barrier needs an async entry the module\'s init can start, not any async entry', () => {
    const spec = (z: Record<string, unknown>): ScenarioSpec => ({ name: 'mib', devices: { g: {}, c: { parent: 'g' }, h: {} },
      drivers: { z: { matches: ['g'], module: 'm', ...z }, y: { matches: ['c', 'h'], probeType: 'async', present: true } }, actors: { hotplug: ['add g', 'add h'], modprobe: 'modprobe m' } });
    const chosen = (s: ScenarioSpec) => buildScenario(s, 'v5.15', '').model.properties.map((p) => p.name).includes('module-init-barrier');
    const named = (s: ScenarioSpec, p = 'v5.15') => check(buildScenario({ ...s, properties: ['module-init-barrier'] }, p, '').model).properties[0]!.verdict;
    // y's async probe of h is hotplug's: m's init registers z, whose probe of g starts nothing async.
    expect([chosen(spec({})), named(spec({}))]).toEqual([false, 'vacuous']);
    // z's probe registers c, whose async probe m's init starts: chosen; the init waits for it (holds),
    // and before 774a1221e862's fix (v3.8 .. v5.16: only with PF_USED_ASYNC) too, since the init thread queued it.
    expect([chosen(spec({ registers: ['c'] })), named(spec({ registers: ['c'] }))]).toEqual([true, 'holds']);
    // A work_on_cpu kworker's async scan is the init's too (B7): chosen, and violated where the init does not wait.
    const scan: ScenarioSpec = { name: 'scan', buses: { pci: {} }, devices: { hba: { present: true } }, drivers: { 'hba-drv': { matches: ['hba'], module: 'm', workOnCpu: true, asyncScan: true } }, actors: { modprobe: 'modprobe m' } };
    expect([chosen(scan), named(scan, 'v5.1')]).toEqual([true, 'violated']);
  });

  // A premise review (2026-12-06): the premise was met by the return of an init BUILT with an
  // async_schedule, whether or not that load started an entry (the state kept no record of one that
  // finished), so an init whose walk never finds its device unbound read holds. Now a ghost
  // (ModS.initStarted) records that the load's init started one; kept on both backends.
  it('module-init-barrier is met only where the init started an async entry in that run', async () => {
    // z's __driver_attach(g) is built with its async_schedule (v5.1 on), but g is bound to y at boot:
    // the walk finds dev->driver set and schedules nothing, unless an unbind releases g first.
    const spec = (admin?: string): ScenarioSpec => ({ name: 'mib', syncFallback: false, devices: { g: { present: true, boundTo: 'y' } },
      drivers: { y: { matches: ['g'], present: true }, z: { matches: ['g'], module: 'm', probeType: 'async' } },
      actors: { modprobe: 'modprobe m', ...(admin ? { admin } : {}) }, properties: ['module-init-barrier'] });
    for (const backend of ['fast', 'reference'] as const) {
      const named = (s: ScenarioSpec, p: string) => check(buildScenario(s, p, '').model, { backend }).properties[0]!.verdict;
      for (const p of ['v5.1', 'v5.15', 'mainline']) {
        expect([named(spec(), p), named(spec('unbind y g'), p)], `${p} ${backend}`).toEqual(['vacuous', 'holds']);
      }
      // 774a1221e862's PF_USED_ASYNC test (v3.8 .. v5.16) skips the sync only where no entry was
      // started by the modprobe thread: met where it was, and the barrier held there.
      expect(named(spec('unbind y g'), 'v5.1'), backend).toBe('holds');
    }
    // The ghost is kept only where a module's init may start an entry: none in a sync scenario.
    const sync = buildScenario({ ...spec('unbind y g'), drivers: { y: { matches: ['g'], present: true }, z: { matches: ['g'], module: 'm' } } }, 'v5.15', '').model;
    expect(JSON.stringify(sync.state)).not.toContain('initStarted');
    expect(JSON.stringify(buildScenario(spec(), 'v5.15', '').model.state)).toContain('initStarted');
    // host-children's shape: the actor loads the module, then adds the host and its children, so the
    // init's walk finds no child (v5.1 on: nothing started, not chosen; named, vacuous). Before v5.1
    // bus_add_driver schedules the whole walk as an entry: chosen, and met.
    const hc: ScenarioSpec = { name: 'hc', syncFallback: false, devices: { host: {}, c1: { parent: 'host' } }, drivers: { cdrv: { matches: ['c1'], module: 'cmod', probeType: 'async' } },
      actors: { boot: ['modprobe cmod', 'add host', 'add c1'], unload: 'rmmod cmod' } };
    const hcChosen = (p: string) => buildScenario(hc, p, '').model.properties.map((x) => x.name).includes('module-init-barrier');
    const hcNamed = (p: string) => check(buildScenario({ ...hc, properties: ['module-init-barrier'] }, p, '').model).properties[0]!.verdict;
    expect([hcChosen('v5.1'), hcNamed('v5.1'), hcChosen('mainline'), hcNamed('mainline')]).toEqual([false, 'vacuous', false, 'vacuous']);
    expect([hcChosen('v4.2'), hcNamed('v4.2')]).toEqual([true, 'holds']);
    // ...and where the scenario checks the property: a list that leaves it out pays nothing.
    expect(JSON.stringify(buildScenario({ ...spec('unbind y g'), properties: ['no-deadlock'] }, 'v5.15', '').model.state)).not.toContain('initStarted');
    // A patch of yours reading it where the state has none is told why (strict-state.ts CONDITIONAL).
    const { definePatch, registerPatchFile } = await import('../../src/kernel/define-patch.js');
    registerPatchFile('/virtual/reads-init-started.ts', [definePatch({ id: 'reads-init-started', subject: 'reads initStarted', base: 'v5.15',
      hunks: [{ fn: 'do_init_module', replace: 'module_put', step: (_site, o) => ({ ...o!, await: (s: any) => s.mod[0].initStarted !== 2 }) }] })]);
    expect(() => check(buildScenario({ ...spec('unbind y g'), properties: ['no-deadlock'] }, 'v5.15', '/virtual/reads-init-started.ts').model))
      .toThrow(/state has no field 'initStarted': it is kept only where the scenario checks module-init-barrier/);
  });

  // A premise audit (2026-12-06): a child added under a parent bound for good read holds.
  it('parent-before-child is met only where the parent may be unbound when a child probes', () => {
    const spec = (actors: ScenarioSpec['actors']): ScenarioSpec => ({ name: 'pbc', devices: { p: { present: true, boundTo: 'pd' }, c: { parent: 'p' } },
      drivers: { pd: { matches: ['p'], present: true }, cd: { matches: ['c'], present: true, probeType: 'async' } }, actors, properties: ['parent-before-child'] });
    const named = (s: ScenarioSpec) => check(buildScenario(s, 'mainline', '').model).properties[0]!.verdict;
    expect(named(spec({ hotplug: 'add c' }))).toBe('vacuous');
    // An unbind of p racing c's async probe: met, and violated (the kernel never promised it).
    expect(named(spec({ hotplug: 'add c', admin: 'unbind pd p' }))).toBe('violated');
  });

  // A premise audit (2026-12-06): a uevent reader of a device whose driver is never cleared read holds.
  it('lockless-reader is chosen only where the driver read may be cleared or freed; named elsewhere, vacuous', () => {
    const spec = (actors: ScenarioSpec['actors'], probe: ('ok' | 'error')[] = ['ok']): ScenarioSpec => ({ name: 'lr', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true, probe } }, actors });
    const chosen = (s: ScenarioSpec) => buildScenario(s, 'v5.19', '').model.properties.map((p) => p.name).includes('lockless-reader');
    const named = (s: ScenarioSpec) => check(buildScenario({ ...s, properties: ['lockless-reader'] }, 'v5.19', '').model).properties[0]!.verdict;
    const bound = spec({ hotplug: 'add dc', udev: 'uevent dc' });
    expect([chosen(bound), named(bound)]).toEqual([false, 'vacuous']);
    const unbound = spec({ hotplug: ['add dc', 'unbind dc-drv dc'], udev: 'uevent dc' });
    expect([chosen(unbound), named(unbound)]).toEqual([true, 'violated']);
    expect(chosen(spec({ hotplug: 'add dc', udev: 'uevent dc' }, ['ok', 'error']))).toBe(true);
  });

  it('a library property the scenario does not select is checked when named; an unknown name is E301', () => {
    const spec: ScenarioSpec = { name: 'pc', devices: { bus0: { present: true }, c: { parent: 'bus0' } }, drivers: { cdrv: { matches: ['c'], present: true } }, actors: { x: 'add c' } };
    const m = buildScenario(spec, 'mainline', '').model;
    expect(m.properties.map((p) => p.name)).not.toContain('no-probe-after-del');
    expect(check(m, { properties: ['no-probe-after-del'] }).properties.map((p) => [p.name, p.verdict])).toEqual([['no-probe-after-del', 'vacuous']]);
    const listed = buildScenario({ ...spec, properties: ['lock-order'] }, 'mainline', '').model;
    expect(check(listed, { properties: ['no-deadlock'] }).properties.map((p) => [p.name, p.verdict])).toEqual([['no-deadlock', 'holds']]);
    expect(() => check(listed, { properties: ['no-dedlock'] })).toThrow(/^model pc has no property 'no-dedlock'; did you mean 'no-deadlock'\?; known: lock-order; also checked when named: single-binding, /);
  });

  // A new user's first scenarios exited 5 on properties the tool chose itself and could not apply.
  it('nor are properties whose situation the scenario cannot reach: async-driver when the module loads before every add, no-missed-probe without autoprobe', () => {
    const names = (actors: ScenarioSpec['actors'], autoprobe = true) => buildScenario({
      name: 'sel', buses: { platform: { autoprobe } }, devices: { c1: {}, c2: {} },
      drivers: { cdrv: { matches: ['c1', 'c2'], module: 'cmod', probeType: 'async' } }, modules: { cmod: {} }, actors,
    }, 'v5.1', '').model.properties.map((p) => p.name);
    expect(names({ boot: ['modprobe cmod', 'add c1', 'add c2'] })).not.toContain('async-driver');
    // driver_attach can find c1 when it is added first, or by another actor.
    expect(names({ boot: ['add c1', 'modprobe cmod', 'add c2'] })).toContain('async-driver');
    expect(names({ boot: ['modprobe cmod', 'add c1'], hot: 'add c2' })).toContain('async-driver');
    expect(names({ boot: ['modprobe cmod', 'add c1', 'rmmod cmod', 'modprobe cmod'] })).toContain('async-driver');
    expect(names({ boot: ['modprobe cmod', 'add c1'] })).toContain('no-missed-probe');
    expect(names({ boot: ['modprobe cmod', 'add c1'], sysfs: 'maybe bind cdrv c1' }, false)).not.toContain('no-missed-probe');
  });
});
