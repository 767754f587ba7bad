/**
 * A lock a user's patch declares (patch-state.ts `'mutex'` / `'spinlock'`, taken with lockOf: s47 h1).
 * The real patch is cb3d1049f4ea ("driver core: generalize driver_override in struct device", with
 * 2b38efc05bf7, v7.0-rc; kernel/dakr@1ac45118ddf8 dd.c's __device_set_driver_override and
 * kernel/torvalds@4793dae01f47 device.h's device_match_driver_override): driver_override gets a
 * spinlock of its own, dev->driver_override.lock, taken by the store around the swap and by the
 * match around the test and strcmp. Written against v6.12 as a user would, the guard spans the
 * model's two steps of platform_match (the load, the strcmp), as match-locked-series.test.ts's
 * device_lock does. As an int field (the idiom before), none of E205, no-wait-under-lock or the
 * E203 release checks saw it; each case here reads the same patch with the lock declared.
 * About 2 s: small scenarios of match-locked-series' kind, searched whole.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, lockOf, type ScenarioSpec } from 'probecheck';
import { definePatch, registerPatchFile, type PatchSpec } from '../../src/kernel/define-patch.js';
import { isLockPath } from '../../src/kernel/state.js';

type Hunks = PatchSpec['hunks'];
const READERS = ['__driver_attach', '__device_attach_driver'];
/**
 * cb3d1049f4ea's lock: declared (`lock`) or the int field of before; `leak`: __device_attach_driver's guard never ends (a
 * mutex then: a spinlock left held meets the helper's device_lock first, E203's sleep in atomic context).
 */
function ovrLock(id: string, declared: boolean, leak = false): string {
  const field = 'driver_override_lock';
  const take = (site: any, s: any) => { if (declared) lockOf(site, field, site.dev).take(s); else s.dev[site.dev][field] = site.tb.owner; };
  const drop = (site: any, s: any) => { if (declared) lockOf(site, field, site.dev).release(s); else s.dev[site.dev][field] = 0; };
  const free = (site: any) => (s: any) => s.dev[site.dev][field] === 0;
  const waits = (site: any) => () => `&dev->${field}(${site.k.vn(site.dev)})`;
  const hunks: Hunks = [
    { fn: 'driver_override_store', replace: 'kfree_old', step: (site, o) => ({ ...o!, await: free(site), waits: waits(site),
      run: (s, t, b, c) => { take(site, s); const r = o!.run(s, t, b, c); drop(site, s); return r; } }) },
    ...READERS.flatMap((fn): Hunks => [
      // Written out for each (not through take()): the strcmp note reads the load hunk's text for a lock it takes.
      { fn, replace: 'driver_match_device', step: declared
        ? (site, o) => { const lock = lockOf(site, field, site.dev); return { ...o!, await: lock.free, waits: lock.waits, run: (s, t, b, c) => {
          const next = o!.run(s, t, b, c);
          if (next === 'strcmp') lock.take(s);
          return next;
        } }; }
        : (site, o) => ({ ...o!, await: free(site), waits: waits(site), run: (s, t, b, c) => {
          const next = o!.run(s, t, b, c);
          if (next === 'strcmp') (s.dev[site.dev] as any).driver_override_lock = site.tb.owner;
          return next;
        } }) },
      ...(leak && fn === '__device_attach_driver' ? [] : [{ fn, replace: 'strcmp', step: (site: any, o: any) => ({ ...o!, run: (s: any, t: any, b: any, c: any) => { const next = o!.run(s, t, b, c); drop(site, s); return next; } }) }]),
    ]),
  ];
  const file = `/virtual/${id}.ts`;
  registerPatchFile(file, [definePatch({ id, subject: 'driver core: generalize driver_override in struct device', base: 'v6.12',
    state: { dev: { [field]: declared ? (leak ? 'mutex' : 'spinlock') : { type: 'int', max: 255 } } }, hunks })]);
  return file;
}

// An async driver from a module, the device hotplugged, its driver_override written twice.
const override: ScenarioSpec = {
  name: 'override-store-vs-match', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], module: 'm', probeType: 'async' } },
  actors: { modprobe: 'modprobe m', hotplug: 'add dc', 'echo dc-drv > driver_override': ['override dc dc-drv', 'override dc dc-drv'] },
  properties: ['override-uaf'],
};
const run = (spec: ScenarioSpec, patches: string) => check(buildScenario(spec, 'v6.12', patches).model, { exhaustive: true });
const thrown = (f: () => unknown): string => { try { f(); } catch (e) { return String((e as Error).message); } return ''; };

describe("a patch's own lock (cb3d1049f4ea's driver_override.lock, on v6.12)", () => {
  it('closes the driver_override UAF as the library patch does, declared or not', () => {
    expect(run(override, '').properties[0]!.verdict).toBe('violated');
    expect(run(override, 'cb3d1049f4ea').properties[0]!.verdict).toBe('holds');
    expect(run(override, ovrLock('ovr-lock', true)).properties[0]!.verdict).toBe('holds');
    expect(run(override, ovrLock('ovr-lock-int', false)).properties[0]!.verdict).toBe('holds');
  });
  it("held from the load into strcmp, it gets no note that strcmp re-reads unguarded; as an int field it did", () => {
    const said = (file: string) => (buildScenario(override, 'v6.12', file).model.notes ?? []).some((n) => n.includes('replaces __driver_attach:strcmp'));
    expect([said(ovrLock('ovr-lock-n', true)), said(ovrLock('ovr-lock-int-n', false))]).toEqual([false, true]);
  });
  // (hotplug's own `add dc` matches in __device_attach_driver too, and from s47 h8 its end is checked as well: the search
  // meets whichever leak comes first.)
  // The store's take with no wait, while a match holds the lock into strcmp: E203, whose remedy is the await that keeps the
  // lock's fairness (s47 h13: it advised `(s) => lock.free(s)`, a closure, which is judged as a guard of yours, weakly fair).
  it('a take while another thread holds it, with no wait, is E203 naming the holder and the await to write', () => {
    const file = '/virtual/no-wait.ts';
    registerPatchFile(file, [definePatch({ id: 'no-wait', subject: 'x', base: 'v6.12', state: { dev: { driver_override_lock: 'spinlock' } },
      hunks: <Hunks>[
        { fn: 'driver_override_store', replace: 'kfree_old', step: (site, o) => {
          const l = lockOf(site, 'driver_override_lock', site.dev);
          return { ...o!, run: (s, t, b, c) => { l.take(s); const r = o!.run(s, t, b, c); l.release(s); return r; } };
        } },
        ...READERS.flatMap((fn): Hunks => [
          { fn, replace: 'driver_match_device', step: (site, o) => {
            const l = lockOf(site, 'driver_override_lock', site.dev);
            return { ...o!, await: l.free, waits: l.waits, run: (s, t, b, c) => { const next = o!.run(s, t, b, c); if (next === 'strcmp') l.take(s); return next; } };
          } },
          { fn, replace: 'strcmp', step: (site, o) => {
            const l = lockOf(site, 'driver_override_lock', site.dev);
            return { ...o!, run: (s, t, b, c) => { const next = o!.run(s, t, b, c); l.release(s); return next; } };
          } },
        ]),
      ] })]);
    expect(thrown(() => run(override, file))).toMatch(/it takes &dev->driver_override_lock\(dc\), which \S.* holds, without waiting for it: the step that takes it waits for it \(await: lock\.free,/);
  });
  it('a kernel thread, or an actor, that ends holding it is E205, naming it; as an int field it was not', () => {
    expect(thrown(() => run(override, ovrLock('ovr-leak', true, true)))).toMatch(/(async_run_entry_fn returns, ending thread 'kworker\/u:async __device_attach_async_helper\(dc\)', which still holds|actor 'hotplug': its last action, 'add dc', ends holding) &dev->driver_override_lock\(dc\)/);
    expect(thrown(() => run(override, ovrLock('ovr-leak-int', false, true)))).not.toMatch(/E205|still holds/);
  });
  it('the lock fields are one notion: isLockPath counts a declared lock at its place only', () => {
    const mine = { dev: ['driver_override_lock'], kernel: ['foo_mutex'] };
    expect([isLockPath('dev[dc].driver_override_lock', mine), isLockPath('foo_mutex', mine), isLockPath('dev[].foo_mutex', mine), isLockPath('driver_override_lock', mine)]).toEqual([true, true, false, false]);
    expect(isLockPath('dev[dc].driver_override_lock')).toBe(false);
  });
});

// A mutex of the patch's own held across delete_module's async_synchronize_full (a mistake).
const rmmod: ScenarioSpec = {
  name: 'rmmod-async', devices: { dc: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], module: 'm', probeType: 'async' } },
  actors: { admin: ['modprobe m', 'rmmod m'] }, properties: ['no-wait-under-lock'],
};
function unloadHolding(id: string, declared: boolean, releaseOnly = false): string {
  const file = `/virtual/${id}.ts`;
  registerPatchFile(file, [definePatch({ id, subject: 'hold foo_mutex across the unload', base: 'v6.12',
    state: { kernel: { foo_mutex: declared ? 'mutex' : { type: 'int', max: 255 } } },
    hunks: <Hunks>[
      ...(releaseOnly ? [] : [{ fn: 'delete_module', insert: { label: 'foo_lock', after: null, before: 'try_stop_module' },
        step: (site: any) => ({ where: 'delete_module (mutex_lock(&foo_mutex))', await: (s: any) => s.foo_mutex === 0, run: (s: any) => { if (declared) lockOf(site, 'foo_mutex').take(s); else s.foo_mutex = site.tb.owner; return 'try_stop_module'; } }) }]),
      { fn: 'delete_module', replace: 'free_module', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
        if (declared) lockOf(site, 'foo_mutex').release(s); else (s as any).foo_mutex = 0;
        return o!.run(s, t, b, c);
      } }) },
    ] })]);
  return file;
}

describe("a patch's own mutex (kernel scope) in the checks that read the model's locks", () => {
  it('no-wait-under-lock reports a wait under it; as an int field it held', () => {
    const r = run(rmmod, unloadHolding('unload-holding', true)).properties[0]!;
    expect(r.verdict).toBe('violated');
    expect(r.explanation).toMatch(/^admin waits at \S+:async_synchronize_full holding foo_mutex, a lock your patch declares$/);
    expect(run(rmmod, unloadHolding('unload-holding-int', false)).properties[0]!.verdict).toBe('holds');
  });
  it('a release by a thread that does not hold it is E203', () => {
    expect(thrown(() => run(rmmod, unloadHolding('unload-release', true, true)))).toMatch(/it releases foo_mutex, which no thread holds: a step releases only a lock its own thread holds/);
  });
  it('E604 where lockOf names no declared lock, or a lock is declared outside dev and kernel', () => {
    registerPatchFile('/virtual/no-lock.ts', [definePatch({ id: 'no-lock', subject: 'x', base: 'v6.12',
      hunks: [{ fn: 'delete_module', replace: 'free_module', step: (site, o) => { lockOf(site, 'foo_mutex'); return o!; } }] })]);
    expect(thrown(() => buildScenario(rmmod, 'v6.12', '/virtual/no-lock.ts'))).toMatch(/lockOf\(site, 'foo_mutex'\): no patch declares a lock 'foo_mutex' in state\.kernel/);
    // A typo names the patch, its step and the lock meant (s47 h5: it named neither the patch nor the step).
    registerPatchFile('/virtual/typo-lock.ts', [definePatch({ id: 'typo-lock', subject: 'x', base: 'v6.12', state: { kernel: { foo_mutex: 'mutex' } },
      hunks: [{ fn: 'delete_module', replace: 'free_module', step: (site, o) => { lockOf(site, 'foo_mutx'); return o!; } }] })]);
    expect(thrown(() => buildScenario(rmmod, 'v6.12', '/virtual/typo-lock.ts'))).toMatch(/^\/virtual\/typo-lock.ts: patch typo-lock \(x\): its step for delete_module:free_module: .*lockOf\(site, 'foo_mutx'\): no patch declares a lock 'foo_mutx' in state\.kernel; did you mean 'foo_mutex'\?$/);
    expect(thrown(() => definePatch({ id: 'drv-lock', subject: 'x', base: 'v6.12', state: { drv: { m: 'mutex' as never } }, hunks: [{ fn: 'delete_module', replace: 'free_module', step: (_s, o) => o! }] }))).toMatch(/state\.drv\.m: a lock \('mutex'\) is a device's \(state\.dev\) or the kernel's \(state\.kernel\)/);
  });
});

// A per-device spinlock of the patch's own held across __driver_attach's device_lock (mutex_lock sleeps: a bug in atomic
// context, s47 h5; every property held before). A sync driver loaded beside the device's hotplug: about 200 states.
describe("a patch's own spinlock held across a sleep", () => {
  const attach: ScenarioSpec = {
    name: 'load-vs-hotplug', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], module: 'm' } },
    actors: { modprobe: 'modprobe m', hotplug: 'add dc' }, properties: ['no-deadlock'],
  };
  /** `swap`: the spinlock dropped in the step that locks (spin_unlock(); device_lock(dev);), not held across it. */
  function spinAcross(id: string, kind: 'spinlock' | 'mutex', swap = false): string {
    const file = `/virtual/${id}.ts`;
    registerPatchFile(file, [definePatch({ id, subject: 'hold foo_lock across the probe', base: 'v6.12',
      state: { dev: { foo_lock: kind } },
      hunks: <Hunks>[
        { fn: '__driver_attach', insert: { label: 'foo_lock', after: 'driver_match_device', before: 'device_driver_lock' }, step: (site: any) => {
          const l = lockOf(site, 'foo_lock', site.dev);
          return { await: l.free, waits: l.waits, run: (s: any) => { l.take(s); return 'device_driver_lock'; } };
        } },
        { fn: '__driver_attach', replace: swap ? 'device_driver_lock' : 'device_driver_unlock', step: (site, o) => {
          const l = lockOf(site, 'foo_lock', site.dev);
          return { ...o!, run: swap ? (s, t, b, c) => { l.release(s); return o!.run(s, t, b, c); } : (s, t, b, c) => { const r = o!.run(s, t, b, c); l.release(s); return r; } };
        } },
      ] })]);
    return file;
  }
  it("taking device_lock under it is E203 (sleeping in atomic context); under a mutex it is not", () => {
    expect(thrown(() => run(attach, spinAcross('spin-across', 'spinlock')))).toMatch(/it takes &dev->mutex\(dc\) holding &dev->foo_lock\(dc\), a spinlock your patch \(spin-across\) took: mutex_lock may sleep/);
    expect(run(attach, spinAcross('mutex-across', 'mutex')).properties[0]!.verdict).toBe('holds');
  });
  it('a step that drops it and then takes device_lock is no sleep under it (s47 h8: it was E203)', () => {
    expect(run(attach, spinAcross('spin-swap', 'spinlock', true)).properties[0]!.verdict).toBe('holds');
  });
});

// A wait for a lock the patch declares (`await: lock.free`) is as fair as the kernel's lock of its kind (s47 h8; before,
// weakly fair unless the step said strong: true): a mutex's strongly where MUTEX_HANDOFF (v5.15 on), a spinlock's on every
// profile (FIFO: ticket spinlocks, queued from v4.2). B15's re-probe loop (fairness.test.ts's loop-del) taking host's
// foo_lock in __device_attach every round, and `del host` waiting for it: about 4,400 states a search, two searches.
describe("the fairness of a wait for a patch's own lock", () => {
  const loopDel: ScenarioSpec = { name: 'loop-del', devices: { host: { present: true }, child: { parent: 'host' } },
    drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
    actors: { modprobe: 'register host-drv', hotplug: 'del host' }, syncFallback: false, properties: ['actors-terminate'] };
  /** `wait`: how device_del's step waits: the lock's `free` (default), a guard of its own around it, or none (it takes the lock without waiting). */
  function loopLock(id: string, kind: 'mutex' | 'spinlock', strong?: boolean, wait: 'free' | 'wrap' | 'none' = 'free'): string {
    const file = `/virtual/${id}.ts`;
    registerPatchFile(file, [definePatch({ id, subject: 'serialize attach and del with foo_lock', base: 'v6.6', state: { dev: { foo_lock: kind } },
      hunks: <Hunks>[
        { fn: '__device_attach', insert: { label: 'foo_lock', after: null, before: 'device_lock' }, step: (site: any) => {
          const l = lockOf(site, 'foo_lock', site.dev);
          return { where: 'drivers/base/dd.c:__device_attach (mutex_lock(&dev->foo_lock))', await: l.free, waits: l.waits, run: (s: any) => { l.take(s); return 'device_lock'; } };
        } },
        { fn: '__device_attach', replace: 'out_unlock', step: (site, o) => {
          const l = lockOf(site, 'foo_lock', site.dev);
          return { ...o!, run: (s, t, b, c) => { const r = o!.run(s, t, b, c); l.release(s); return r; } };
        } },
        { fn: 'device_del', insert: { label: 'foo_lock', after: null, before: 'kill_device' }, step: (site: any) => {
          const l = lockOf(site, 'foo_lock', site.dev);
          return { where: 'drivers/base/core.c:device_del (mutex_lock(&dev->foo_lock); mutex_unlock(&dev->foo_lock))', ...(wait === 'none' ? {} : { await: wait === 'wrap' ? (s: any) => l.free(s) : l.free }),
            waits: l.waits, ...(strong === undefined ? {} : { strong }), run: wait === 'none' ? (s: any) => { l.take(s); l.release(s); return 'kill_device'; } : () => 'kill_device' };
        } },
      ] })]);
    return file;
  }
  const delWait = (profile: string, file: string) => buildScenario(loopDel, profile, file).model.threads.find((t) => t.name === 'hotplug')!.steps['device_del(host):foo_lock']!;
  it('a mutex of yours: strongly fair with MUTEX_HANDOFF, so the loop starves no one; said weak, the lasso is found', () => {
    const fair = loopLock('loop-lock', 'mutex'), weak = loopLock('loop-lock-weak', 'mutex', false);
    expect(check(buildScenario(loopDel, 'v6.6', fair).model).properties[0]!.verdict).toBe('holds');
    const w = check(buildScenario(loopDel, 'v6.6', weak).model).properties[0]!;
    expect([w.verdict, w.trace!.starved!.map((x) => [x.thread, x.waits])]).toEqual(['violated', [['hotplug', '&dev->foo_lock(host) held by kworker deferred_probe_work_func']]]);
    // Before v5.15 the mutex can pass a waiter over: weakly fair, and the lasso says why.
    expect([delWait('v5.10', fair).strong, delWait('v5.10', fair).weakNote]).toEqual([undefined, expect.stringMatching(/^&dev->foo_lock\(host\) is a mutex patch loop-lock declares, and this kernel's mutex can pass such a waiter over/)]);
  });
  // s47 h11: a guard of its own around the lock (`(s) => lock.free(s)`) with the lock's `waits` was told "if it waits only for a
  // struct mutex, write strong: true" of a spinlock too, and nothing on v5.10; `strong: false` with `await: lock.free` got no note.
  // Built only.
  it("a guard of its own around it is weakly fair, and the lasso's note says to write await: lock.free; strong: false is said", () => {
    const note = (p: string, f: string) => { const w = delWait(p, f); return [w.strong, w.weakNote]; };
    const wrapSpin = loopLock('loop-spin-wrap', 'spinlock', undefined, 'wrap'), wrapMutex = loopLock('loop-mutex-wrap', 'mutex', undefined, 'wrap');
    const told = (id: string, kind: string) => [undefined, expect.stringMatching(new RegExp(`^patch ${id}'s step waits for &dev->foo_lock\\(host\\), a ${kind} it declares, through an await of its own \\(not lock.free itself\\), so it is weakly fair; if it waits for that lock alone, write await: lock.free`))];
    expect([note('v5.10', wrapSpin), note('v6.6', wrapSpin), note('v6.6', wrapMutex)]).toEqual([told('loop-spin-wrap', 'spinlock'), told('loop-spin-wrap', 'spinlock'), told('loop-mutex-wrap', 'mutex')]);
    // Before MUTEX_HANDOFF a mutex's wait is weak however it is written: the note says the kernel's mutex is why.
    expect(note('v5.10', wrapMutex)[1]).toMatch(/^&dev->foo_lock\(host\) is a mutex patch loop-mutex-wrap declares, and this kernel's mutex can pass such a waiter over/);
    expect(note('v6.6', loopLock('loop-spin-weak', 'spinlock', false))).toEqual([undefined, 'patch loop-spin-weak says its wait is weakly fair (strong: false)']);
  });
  it('a spinlock of yours: strongly fair on every profile (FIFO), v5.10 too', () => {
    // (Built only: held across __device_attach's device_lock it is E203 once searched.)
    expect([delWait('v5.10', loopLock('loop-spin', 'spinlock')).strong, delWait('v6.6', loopLock('loop-spin-6', 'spinlock')).strong]).toEqual([true, true]);
  });
});

// An actor's action that ends holding a lock the patch declares (s47 h8; user-return.ts): a system call that returns to user
// space holding one is lockdep_sys_exit's "lock held when returning to user space!"; an actor's last action that ends holding
// one leaks it; a kernel path (add, del) may hold one into the actor's next action. Before, all three were silent unless
// another thread later waited for the lock. Small searches (tens of states).
describe("an actor's action that ends holding a patch's lock", () => {
  const hold = (id: string, take: [string, string], release?: [string, string]): string => {
    const file = `/virtual/${id}.ts`;
    registerPatchFile(file, [definePatch({ id, subject: 'hold foo_mutex across calls', base: 'v6.12', state: { kernel: { foo_mutex: 'mutex' } },
      hunks: <Hunks>[
        { fn: take[0], insert: { label: 'foo_lock', after: null, before: take[1] }, step: (site: any) => {
          const l = lockOf(site, 'foo_mutex');
          return { where: `drivers/base/x.c:${take[0]} (mutex_lock(&foo_mutex))`, await: l.free, waits: l.waits, run: (s: any) => { l.take(s); return take[1]; } };
        } },
        ...(release ? [{ fn: release[0], insert: { label: 'foo_unlock', after: null, before: release[1] }, step: (site: any) => {
          const l = lockOf(site, 'foo_mutex');
          return { where: `drivers/base/x.c:${release[0]} (mutex_unlock(&foo_mutex))`, run: (s: any) => { if (l.mine(s)) l.release(s); return release[1]; } };
        } }] : []),
      ] })]);
    return file;
  };
  const sysfs: ScenarioSpec = { name: 'bind-unbind', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
    actors: { hotplug: 'add dc', admin: ['maybe unbind dc-drv dc', 'maybe bind dc-drv dc', 'maybe unbind dc-drv dc'] }, properties: ['no-deadlock'] };
  const addDel: ScenarioSpec = { name: 'add-del', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
    actors: { hotplug: ['add dc', 'del dc'] }, properties: ['no-deadlock'] };
  it('a write to bind that returns holding it is E205 in lockdep_sys_exit\'s words, though the next unbind releases it', () => {
    expect(thrown(() => run(sysfs, hold('bind-leak', ['bind_store', 'bus_find_device_by_name'], ['unbind_store', 'bus_find_device_by_name']))))
      .toMatch(/actor 'admin': 'maybe bind dc-drv dc' \(a write to bind, a system call\) returns to user space holding foo_mutex, a lock your patch declares: lockdep says "WARNING: lock held when returning to user space!", "admin is leaving the kernel with locks still held!" \(lockdep_sys_exit\)/);
  });
  it("an actor's last action that ends holding it is E205; a kernel path may hold it into the actor's next action", () => {
    expect(thrown(() => run(addDel, hold('del-leak', ['device_del', 'kill_device'])))).toMatch(/actor 'hotplug': its last action, 'del dc', ends holding foo_mutex, a lock your patch declares, and the actor runs nothing after it/);
    expect(run(addDel, hold('add-to-del', ['device_add', 'bus_add_device'], ['device_del', 'kill_device'])).properties[0]!.verdict).toBe('holds');
  });
  // s48 h1: where no-lock-at-return is checked (chosen by default for a user's patch in a scenario
  // with a system call, or named), these leaks are its violations with a trace, not E205.
  it('no-lock-at-return, where checked, reports them as violations: the bind (though the next unbind releases it), the last action', () => {
    const v = (spec: ScenarioSpec, f: string) => run({ ...spec, properties: [...spec.properties as string[], 'no-lock-at-return'] }, f).properties.find((p) => p.name === 'no-lock-at-return')!;
    const bind = v(sysfs, hold('bind-leak-p', ['bind_store', 'bus_find_device_by_name'], ['unbind_store', 'bus_find_device_by_name']));
    expect([bind.verdict, bind.explanation]).toEqual(['violated', `admin: 'maybe bind dc-drv dc' (a write to bind, a system call) returns to user space holding foo_mutex: lockdep says "WARNING: lock held when returning to user space!", "admin is leaving the kernel with locks still held!" (lockdep_sys_exit)`]);
    const del = v(addDel, hold('del-leak-p', ['device_del', 'kill_device']));
    expect([del.verdict, del.explanation]).toEqual(['violated', "hotplug: its last action, 'del dc', ends and the actor runs nothing after it, holding foo_mutex, a lock your patch declares: only the thread that took it may release it, so it is never released"]);
    // Taken in add, released in del: a kernel path may hold it into the next action. No system call
    // here, but the last action's end is judged (free of the lock): holds, not vacuous (s48 h9: the
    // premise asked for a system call alone).
    expect(v(addDel, hold('add-to-del-p', ['device_add', 'bus_add_device'], ['device_del', 'kill_device'])).verdict).toBe('holds');
    // Taken in add and held through a last action device_shutdown (reboot), which does not return:
    // no leak, as for E205 (user-return.ts), nor a violation (a mutant judging its end survived: s50 h10).
    const shut: ScenarioSpec = { ...addDel, name: 'add-shut', actors: { hotplug: ['add dc', 'device_shutdown'] } };
    expect(run(shut, hold('add-to-shut', ['device_add', 'bus_add_device'])).properties[0]!.verdict).toBe('holds');
    expect(v(shut, hold('add-to-shut-p', ['device_add', 'bus_add_device'])).verdict).toBe('holds');
    // The lock is taken and kept: the same actor with no device_shutdown after the add ends holding it
    // (s50 h13: without this, a hunk that never fired would read 'holds' above too, as h10's first try did).
    expect(v({ ...shut, name: 'add-only', actors: { hotplug: ['add dc'] } }, hold('add-only-p', ['device_add', 'bus_add_device'])).verdict).toBe('violated');
    // Chosen by default with the patch: the scenario lists no properties.
    const { properties: _p, ...open } = sysfs;
    expect(run(open, hold('bind-leak-d', ['bind_store', 'bus_find_device_by_name'], ['unbind_store', 'bus_find_device_by_name'])).properties.find((p) => p.name === 'no-lock-at-return')?.verdict).toBe('violated');
  });
});

// s48 h15: no-lock-at-return's premise at the deferred-probe worker was met anywhere inside
// deferred_probe_work_func: a worker blocked there for good (its return never judged) read `holds`.
// It is met where the loop's test can return (mutex free, its list empty). Two small builds (~800 states each).
describe("no-lock-at-return's premise at the deferred-probe worker", () => {
  const spec: ScenarioSpec = { name: 'defer-sup', devices: { adev: {}, sup: {} },
    drivers: { 'amba-a': { matches: ['adev'], present: true, needs: ['sup'] }, 'sup-drv': { matches: ['sup'], present: true } },
    actors: { hotplug: 'add adev', t1: 'add sup' }, properties: ['no-lock-at-return'] };
  registerPatchFile('/virtual/worker-stuck.ts', [definePatch({ id: 'worker-stuck', subject: 'the worker waits for good', base: 'v6.12',
    hunks: [{ fn: 'deferred_probe_work_func', replace: 'mutex_lock', step: (_site, o) => ({ ...o!, await: () => false }) }] })]);
  registerPatchFile('/virtual/attach-same.ts', [definePatch({ id: 'attach-same', subject: 'no change', base: 'v6.12',
    hunks: [{ fn: '__device_attach', replace: 'device_lock', step: (_site, o) => ({ ...o! }) }] })]);
  it('a worker that never returns leaves it vacuous; one that returns free of locks holds', () => {
    expect(run(spec, '/virtual/worker-stuck.ts').properties[0]!.verdict).toBe('vacuous');
    expect(run(spec, '/virtual/attach-same.ts').properties[0]!.verdict).toBe('holds');
  });
});

// s47 h14: a user's `strong: true` is said as the user's (s47 lead), and further where it asserts nothing (a step with no
// wait) or more than the kernel's mutex gives (a device-mutex wait before v5.15's MUTEX_HANDOFF). Builds only, about 0.2 s.
describe("a user's strong: true, as `steps` says it", () => {
  it('on a step with no wait, on a device-mutex wait with and without MUTEX_HANDOFF', async () => {
    const { STRONG_BY } = await import('../../src/kernel/emit.js');
    const s: ScenarioSpec = { name: 'said', buses: { platform: { autoprobe: false } }, devices: { d: { present: true } }, drivers: { drv: { matches: ['d'], present: true } }, actors: { a: 'bind drv d' } };
    const said = (base: string) => {
      const file = `/virtual/said-strong-${base}.ts`;
      registerPatchFile(file, [definePatch({ id: `said-${base}`, subject: 'strong', base, hunks: ['device_lock', 'device_unlock'].map((l) => ({ fn: 'device_driver_attach', replace: l, step: (_s, o) => ({ ...o!, strong: true }) })) })]);
      const steps = buildScenario(s, base, file).model.threads.flatMap((t) => Object.entries(t.steps));
      return ['device_lock', 'device_unlock'].map((l) => STRONG_BY.get(steps.find(([k]) => k.startsWith('device_driver_attach') && k.endsWith(`:${l}`))![1]));
    };
    expect(said('v5.10')).toEqual(['said-no-handoff', 'said-no-wait']);
    expect(said('mainline')).toEqual(['said', 'said-no-wait']);
  });
});
