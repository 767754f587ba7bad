/**
 * A module loaded at the start (`modules: { m: { loaded: true } }`): its drivers are registered,
 * devices may be boundTo them, and rmmod, unbind and the rest act on that state. The start state is
 * the one the library's modprobe path reaches alone (loaded.ts), so here it is compared field by
 * field with the quiescent state a scenario whose only actor runs `modprobe m` ends in, searched
 * independently (every state of that model, its kernel threads dormant or idle again).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { compile } from '../../src/engine/compile.js';
import { makeBackend } from '../../src/engine/check.js';
import { FastBackend } from '../../src/engine/state/fast.js';
import { decode } from '../../src/engine/schema.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';

/** The globals of the model's initial state, decoded. */
function initial(spec: ScenarioSpec, profile: string): Record<string, unknown> {
  const c = compile(buildScenario(spec, profile, '').model), be = makeBackend(c);
  be.loadInitial();
  return (decode(c.full, be.bytes(), 0) as { g: Record<string, unknown> }).g;
}

/** The distinct globals of the states where every actor has returned and nothing can move (breadth first, by bytes). */
function modprobeEnds(spec: ScenarioSpec, profile: string): Record<string, unknown>[] {
  const stay = new Set(spec.unfair ?? []);   // actors that must not have moved (unfair: they may never start)
  const c = compile(buildScenario(spec, profile, '').model), be = new FastBackend(c);
  be.loadInitial();
  const seen = new Set<string>(), todo = [be.bytes()], ends = new Map<string, Record<string, unknown>>();
  const actors = new Set(Object.keys(spec.actors)), startPc = c.threads.map((_, k) => be.pc(k));
  while (todo.length) {
    const u8 = todo.pop()!, key = Buffer.from(u8).toString('latin1');
    if (seen.has(key)) continue;
    seen.add(key);
    be.loadBytes(u8);
    const moves: [number, number][] = [];
    be.expand((k, b) => { if (!stay.has(c.threads[k]!.name)) moves.push([k, b]); });
    for (const [k, b] of moves) { be.loadBytes(u8); be.apply(k, b); todo.push(be.bytes()); }
    be.loadBytes(u8);
    // Quiescent: the actors returned, the kernel's threads dormant or idle where they started (not a deadlock).
    if (moves.length === 0 && c.threads.every((t, k) => be.pc(k) === (actors.has(t.name) && !stay.has(t.name) ? 0 : startPc[k]))) {
      const g = (decode(c.full, u8, 0) as { g: Record<string, unknown> }).g;
      ends.set(JSON.stringify(g), g);
    }
  }
  return [...ends.values()];
}

const base = (over: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  name: 'loaded', devices: { dc: { present: true, boundTo: 'drv' } }, drivers: { drv: { matches: ['dc'], module: 'mod' } },
  modules: { mod: { loaded: true } }, actors: { a: 'rmmod mod', b: 'unbind drv dc' }, ...over,
});
/** The same world before the load, with one actor that loads the module. */
const unloaded = (s: ScenarioSpec, bound: string[], also: ScenarioSpec['actors'] = {}): ScenarioSpec => ({
  ...s, modules: Object.fromEntries(Object.entries(s.modules ?? {}).map(([n, m]) => [n, { ...m, loaded: false }])),
  // What the load binds is unbound before it, and what its probes register is not there yet.
  devices: Object.fromEntries(Object.entries(s.devices).map(([n, d]) => [n, bound.includes(n) ? { ...d, boundTo: undefined, ...(Object.values(s.drivers).some((r) => (r.registers as string[] | undefined)?.includes(n)) ? { present: false } : {}) } : d])),
  ...(also.r ? { unfair: ['r'] } : {}),
  actors: { load: Object.entries(s.modules ?? {}).filter(([, m]) => m.loaded).map(([n]) => `modprobe ${n}`), ...also }, properties: [],
});

describe('a module loaded at the start', () => {
  const cases: { what: string; spec: ScenarioSpec; bound: string[]; profiles: string[]; also?: ScenarioSpec['actors'] }[] = [
    { what: 'one driver, one device', spec: base(), bound: ['dc'], profiles: ['v4.2', 'mainline'] },
    // The built-in driver registered at boot comes first on klist_drivers, though declared after:
    // initState's declaration order would put the module's first. (The places are kept where a
    // walk of the drivers can see them: drivers_probe's __device_attach; it finds dc bound.)
    { what: 'a built-in driver declared after the module\'s', bound: [], profiles: ['v5.10'], also: { b: 'drivers_probe dc' },
      spec: base({ devices: { dc: { present: true, boundTo: 'alt' } }, drivers: { drv: { matches: ['dc'], module: 'mod' }, alt: { matches: ['dc'], present: true } }, actors: { a: 'rmmod mod', b: 'drivers_probe dc' } }) },
    // A probe that registers a child, with device_shutdown: the child joins devices_kset after
    // 'other', present at boot (initState's order would put it after its parent). The comparison's
    // device_shutdown is an unfair actor that never ran, so its state keeps the kset order too.
    { what: 'a child the probe registers, and devices_kset', bound: ['host', 'child'], profiles: ['v5.10'], also: { r: 'device_shutdown' },
      spec: base({ devices: { host: { present: true, boundTo: 'hdrv' }, child: { present: true, parent: 'host', boundTo: 'cdrv' }, other: { present: true } },
        drivers: { hdrv: { matches: ['host'], module: 'mod', registers: ['child'] }, cdrv: { matches: ['child'], present: true } }, actors: { a: 'rmmod mod', r: 'device_shutdown' } }) },
    // async_probe: do_init_module does not wait; the start is after the async probe finished.
    { what: 'async_probe and an async driver over two devices', bound: ['d1'], profiles: ['v4.2', 'mainline'],
      spec: base({ devices: { d1: { present: true, boundTo: 'drv' }, d2: { present: true } }, drivers: { drv: { matches: ['d1'], module: 'mod', probeType: 'async' }, other: { matches: ['d2'], module: 'mod', probe: 'defer' } },
        modules: { mod: { loaded: true, asyncProbe: true } }, actors: { a: 'rmmod mod' } }) },
  ];
  for (const c of cases) for (const p of c.profiles) it(`starts in the state modprobe reaches: ${c.what} (${p})`, () => {
    const start = initial(c.spec, p), ends = modprobeEnds(unloaded(c.spec, c.bound, c.also), p);
    expect(ends.length).toBe(1);
    // Field by field (what both schemas keep: the loaded scenario's, with its actors, may keep more).
    const flat = (o: unknown, path = '', out = new Map<string, unknown>()) => {
      if (typeof o === 'object' && o !== null) for (const [k, v] of Object.entries(o)) flat(v, `${path}.${k}`, out);
      else out.set(path, o);
      return out;
    };
    const a = flat(start), b = flat(ends[0]);
    for (const [path, v] of b) if (a.has(path)) expect(a.get(path), path).toBe(v);
    expect(start.mod).toEqual([{ ...(start.mod as object[])[0], state: 'LIVE', refcnt: 1, initPending: 0 }]);
  });

  it('a child its probe registered joins devices_kset after the devices boot added', () => {
    const g = initial(cases[2]!.spec, 'v5.10') as { dev: { ksetRank: number }[] };
    expect(g.dev.map((d) => d.ksetRank)).toEqual([1, 3, 2]);
  });

  it('the built-in driver is first on klist_drivers, not the one declared first', () => {
    const g = initial(cases[1]!.spec, 'v5.10') as { drv: { busRank: number; onBus: boolean }[] };
    expect(g.drv.map((d) => d.onBus)).toEqual([true, true]);
    expect(g.drv[1]!.busRank).toBeGreaterThan(0);
    expect(g.drv[1]!.busRank).toBeLessThan(g.drv[0]!.busRank);
  });

  // rmmod vs unbind of the one device (README "Writing a scenario", models/rmmod-unbind.ts): each
  // releases dc under its device lock only if dc is still bound to drv (v4.2 dd.c driver_detach
  // `if (dev->driver == drv)`, __device_release_driver `if (drv)`; mainline
  // device_release_driver_internal `if (!drv || drv == dev->driver)`), and bus_remove_driver
  // removes the unbind file, draining a store in flight, before driver_detach.
  for (const p of ['v4.2', 'mainline']) it(`rmmod racing unbind: the module goes from LIVE to FREED, dc released once (${p})`, () => {
    const ends = new Set<string>(), releasedBy = new Set<string>();
    const end = defineProperty({ kind: 'invariant', name: 'end', check: (v) => {
      const busy = v.threads.filter((t) => t.actor && t.at !== null);
      if (!busy.length) ends.add(`${v.module('mod').state} ${v.dev('dc').driver ?? '-'}`);
      // Who let go of dc: the actor inside its call when dc went unbound and mod is still loaded or going.
      if (v.dev('dc').driver === null && busy.length === 1) releasedBy.add(busy[0]!.name);
      return null;
    } });
    const r = check(buildScenario({ ...base(), properties: [end, 'single-binding', 'module-lifetime', 'no-driver-after-unregister', 'no-deadlock', 'actors-terminate'] }, p, '').model, { exhaustive: true });
    for (const x of r.properties) expect(`${x.name} ${x.verdict}`).toBe(`${x.name} holds`);
    // rmmod never finds the module COMING (-EBUSY): it always unloads it, and dc ends unbound.
    expect([...ends]).toEqual(['FREED -']);
    // Both orders happen: the unbind first (rmmod then finds dc unbound) and rmmod first.
    expect([...releasedBy].sort()).toEqual(['a', 'b']);
  });

  it('is refused with one line where the load does not bind what the scenario says', () => {
    // On a bus that does not autoprobe, bus_add_driver runs no driver_attach: the load binds nothing.
    const s = base({ buses: { platform: { autoprobe: false } } });
    expect(() => buildScenario(s, 'mainline', '')).toThrow(/^scenario 'loaded': the load of module 'mod' \(modprobe run alone from the start, in every order\): device 'dc' is unbound after it, where the scenario declares it bound to 'drv' \(bus 'platform' has autoprobe: false, so the load binds nothing\)$/);
    // Two scenarios whose JSON reads the same are built each as its own (s44 h8 found a per-process
    // cache of loads, since removed, sharing them): a field undefined against one that reads as its
    // mark, a field JSON leaves out.
    const nul = (bus: string | undefined) => base({ buses: { platform: {}, '\0undefined': { autoprobe: false } }, devices: { dc: { present: true, boundTo: 'drv', bus } }, drivers: { drv: { matches: ['dc'], module: 'mod', bus } } });
    buildScenario(nul(undefined), 'mainline', '');
    expect(() => buildScenario(nul('\0undefined'), 'mainline', '')).toThrow(/device 'dc' is unbound after it, where the scenario declares it bound to 'drv' \(bus '\0undefined' has autoprobe: false/);
    buildScenario(base({ buses: { platform: {} } }), 'mainline', '');
    expect(() => buildScenario(base({ buses: { platform: Object.defineProperty({}, 'autoprobe', { value: false }) } }), 'mainline', '')).toThrow(/bus 'platform' has autoprobe: false/);
    // Left unbound beside a loaded driver that matches it: its load's driver_attach would have bound it.
    expect(() => buildScenario(base({ devices: { dc: { present: true } }, actors: { a: 'rmmod mod' } }), 'mainline', '')).toThrow(/driver 'drv' and device 'dc' are both present on a bus that autoprobes, so the load of module 'mod' \(loaded at the start\) would have bound it/);
    // Not loaded: the boundTo says how to load it.
    expect(() => buildScenario(base({ modules: {} }), 'mainline', '')).toThrow(/it is in module 'mod', which is not loaded at the start \(declare modules: \{ mod: \{ loaded: true \} \}/);
    // Userspace loads modules after the late initcalls.
    expect(() => buildScenario(base({ actors: { boot: 'deferred_probe_initcall', a: 'rmmod mod' } }), 'mainline', '')).toThrow(/module 'mod' is loaded at the start, but 'deferred_probe_initcall' starts the scenario before late initcalls/);
  });

  it('the load runs with the scenario\'s patches, and the run says so', () => {
    // A patch whose __driver_attach takes the lock and never probes: the load binds nothing.
    const file = '/virtual/loaded-skip-attach.ts';
    registerPatchFile(file, [definePatch({ id: 'skip-attach', subject: '__driver_attach probes nothing', base: 'mainline',
      hunks: [{ fn: '__driver_attach', replace: 'device_driver_lock', step: (_site, o) => ({ ...o!, run: (st, t, b, c) => { o!.run(st, t, b, c); return 'device_driver_unlock'; } }) }] })]);
    expect(() => buildScenario(base(), 'mainline', file)).toThrow(/device 'dc' is unbound after it, where the scenario declares it bound to 'drv'/);
    expect(() => buildScenario(base(), 'mainline', file)).not.toThrow(/autoprobe: false/);   // the bus autoprobes: the patch is why
    const { model } = buildScenario(base({ buses: { platform: { autoprobe: false } }, devices: { dc: { present: true } }, actors: { a: 'rmmod mod' } }), 'mainline', file);
    expect(model.notes).toContainEqual(expect.stringMatching(/^module 'mod' loaded at the start: the load that made the start state ran with your patches too/));
  });

  it('a device its load deferred: the note names the load, not boot', () => {
    const s: ScenarioSpec = { name: 'loaded', devices: { sup: { present: true }, cons: { present: true } },
      drivers: { sdrv: { matches: ['sup'], module: 'smod' }, cdrv: { matches: ['cons'], module: 'cmod', needs: ['sup'] } },
      modules: { cmod: { loaded: true }, smod: {} }, actors: { a: 'rmmod cmod', b: 'modprobe smod' } };
    expect(buildScenario(s, 'mainline', '').model.notes).toContain("device 'cons' starts on the deferred-probe pending list: the probe of it by cdrv when module 'cmod' was loaded (it needs sup, not bound then) deferred");
  });

  it('a child a loaded probe registers: the refusals name the load, not boot', () => {
    const s = (cell: ScenarioSpec['devices'][string], more: ScenarioSpec['drivers'] = {}): ScenarioSpec => base({ devices: { host: { present: true, boundTo: 'hdrv' }, cell },
      drivers: { hdrv: { matches: ['host'], module: 'mod', registers: ['cell'] }, ...more }, actors: { a: 'rmmod mod' } });
    expect(() => buildScenario(s({ parent: 'host' }), 'mainline', '')).toThrow(/whose probe registers 'cell': that probe ran when module 'mod' was loaded, so 'cell' is present from the start/);
    // A built-in driver of the child: the load's device_add of cell would have bound it.
    expect(() => buildScenario(s({ parent: 'host', present: true }, { cd: { matches: ['cell'], present: true } }), 'mainline', ''))
      .toThrow(/driver 'cd' and device 'cell' are both present on a bus that autoprobes, so the load of module 'mod' \(loaded at the start\) would have bound it: .*needs: a device not bound then, or probe: 'defer' \(that load's probe then deferred it/);
    // A built-in driver that needs a device the loaded module binds: boot deferred it, the load's trigger retried it.
    const needs = base({ devices: { dc: { present: true, boundTo: 'drv' }, cons: { present: true } }, drivers: { drv: { matches: ['dc'], module: 'mod' }, cdrv: { matches: ['cons'], present: true, needs: ['dc'] } }, actors: { a: 'rmmod mod' } });
    expect(() => buildScenario(needs, 'mainline', '')).toThrow(/driver 'cdrv' and device 'cons' are both present on a bus that autoprobes, so the load of module 'mod' \(loaded at the start\) would have bound it/);
  });

  it('a load that deadlocks in some orders: the run says the start leaves them out', () => {
    // v5.10's __driver_attach schedules an async driver's attach under the device lock; the sync
    // fallback runs the helper inline, which takes that lock again: some orders of the load block.
    const s = base({ drivers: { drv: { matches: ['dc'], module: 'mod', probeType: 'async' } }, actors: { a: 'rmmod mod' } });
    expect(buildScenario(s, 'v5.10', '').model.notes).toContainEqual(expect.stringMatching(/^the load of module 'mod' blocks for good in some orders \(a deadlock of the load itself\); the start is where the other orders end, so this check cannot see it: run 'modprobe mod' in an actor/));
    expect(buildScenario({ ...s, syncFallback: false }, 'v5.10', '').model.notes!.filter((n) => n.includes('blocks for good'))).toEqual([]);
  });

  it('a probe that requests another module: that module must be declared loaded too', () => {
    const s = base({ devices: { dc: { present: true, boundTo: 'drv' }, x: { present: true } }, drivers: { drv: { matches: ['dc'], module: 'mod', requestModule: 'xmod' }, xdrv: { matches: ['x'], module: 'xmod' } }, actors: { a: 'rmmod mod' } });
    expect(() => buildScenario(s, 'mainline', '')).toThrow(/module 'xmod' is loaded by it too \(a probe's request_module\): declare modules: \{ xmod: \{ loaded: true \} \}/);
    expect(() => buildScenario({ ...s, devices: { dc: { present: true, boundTo: 'drv' }, x: { present: true, boundTo: 'xdrv' } }, modules: { mod: { loaded: true }, xmod: { loaded: true } } }, 'mainline', '')).not.toThrow();
  });
});
