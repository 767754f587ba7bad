/**
 * What the source audit of issue 9 found wrong, each pinned where the kernel's text decides it
 * (kernel/<snapshot>/): a false alarm, a pre-fix shape the model lacked, a flag on the wrong release.
 */
import { describe, expect, it } from 'vitest';
import { RET, buildScenario, check, makeBackend, type ScenarioSpec } from 'probecheck';
import { compile } from '../../src/engine/compile.js';
import { fp } from '../../src/engine/hash.js';
import { excerpt, resolveAnchor } from '../../src/kernel/source.js';

const verdict = (spec: ScenarioSpec, profile: string, prop: string, patches = '') =>
  check(buildScenario({ ...spec, properties: [prop] }, profile, patches).model).properties[0]!.verdict;

describe('the source audit of issue 9', () => {
  // v5.1's device_driver_attach: `if (!dev->p->dead && !dev->driver) ret = driver_probe_device(drv, dev);`
  // (dd.c at 376991db4b64:910-925); the model's synchronous __driver_attach did not test dead.
  for (const probeType of ['default', 'async'] as const) {
    it(`register of a ${probeType} driver racing del of its device: no probe after del on v5.1 and v5.9 (not on v4.2, which has no dead flag)`, () => {
      const spec: ScenarioSpec = { name: 'reg-del', devices: { dc: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], probeType } }, actors: { init: 'register dc-drv', hotplug: 'del dc' } };
      expect(verdict(spec, 'v5.1', 'no-probe-after-del')).toBe('holds');
      expect(verdict(spec, 'v5.9', 'no-probe-after-del')).toBe('holds');
      expect(verdict(spec, 'v4.2', 'no-probe-after-del')).toBe('violated');
    });
  }

  it('v5.1 .. v5.19 __driver_attach schedules under device_lock: the sync fallback deadlocks (70fe758352ca, v6.0)', () => {
    const spec: ScenarioSpec = { name: 'da', devices: { d: { present: true } }, drivers: { a: { matches: ['d'], probeType: 'async' } }, actors: { insmod: 'register a' } };
    for (const p of ['v5.1', 'v5.9', 'v5.19']) expect(verdict(spec, p, 'no-deadlock'), p).toBe('violated');
    expect(verdict(spec, 'v5.1', 'no-deadlock', '70fe758352ca')).toBe('holds');
    expect(verdict(spec, 'v6.1', 'no-deadlock')).toBe('holds');
    expect(verdict(spec, 'mainline', 'no-deadlock')).toBe('holds');
  });

  it('B16 needs a kernel before ead18c23c263 (v4.17): v4.14 has it, v4.18 does not', () => {
    const spec: ScenarioSpec = {
      name: 'kref', devices: { pmic: { present: true }, mmc: { present: true } },
      drivers: { 'pmic-drv': { matches: ['pmic'], statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] }, 'mmc-drv': { matches: ['mmc'], statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
      actors: { a: ['register pmic-drv', 'unregister pmic-drv'], b: ['register mmc-drv', 'unregister mmc-drv'] },
    };
    expect(verdict(spec, 'v4.14', 'links-single-delete')).toBe('violated');
    expect(verdict(spec, 'v4.18', 'links-single-delete')).toBe('holds');
  });
});

describe('a device-link deferral (really_probe before its probe_count++, v5.1 dd.c:466-472)', () => {
  // pmic (s) unbinds, which unbinds its consumer c; binding c again finds the link DORMANT.
  const spec: ScenarioSpec = { name: 'ld', devices: { s: { present: true, boundTo: 'sd' }, c: { present: true } },
    drivers: { sd: { matches: ['s'], present: true }, cd: { matches: ['c'], links: ['s'] } },
    actors: { a: ['register cd'], b: ['unbind sd s', 'bind cd c'] } };
  it('returns -EPROBE_DEFER uncounted: c goes on the pending list, and probe_count never counted that attempt', () => {
    // v4.18 has the same shape (dd.c at 8c97a46af04b:404-410), and the model builds it there too.
    for (const p of ['v4.18', 'v5.1', 'mainline']) {
      const old = p !== 'mainline';
      const c = compile(buildScenario(spec, p, '').model);
      const be = makeBackend(c, 'fast');
      const seen = new Set<string>();
      be.clear(); be.loadInitial(); seen.add(`${fp.hi}:${fp.lo}`); be.pushCur(0, 0);
      let deferrals = 0;
      while (be.popFront()) {
        const s = be.curG() as { probeCount: number; dev: { deferred: string }[] };
        for (const t of c.threads) {
          if (!be.pc(t.index) || (be.curLocals(t.index) as { ret: number }).ret !== RET.LINK_DEFER) continue;
          deferrals++;
          // Up to v5.13 really_probe puts c on the list itself, in the step after the link check
          // (driver_deferred_probe_add_trigger, a step of its own since 2026-12-06: a trigger may
          // run between); since the probe_count move, driver_probe_device does, one step later.
          const next = t.steps[be.pc(t.index) - 1]!.label;
          if (old && next !== 'really_probe(c,cd):driver_deferred_probe_add_trigger') expect(s.dev[1]!.deferred, p).not.toBe('none');
        }
        // probe_count is not counted before the link check's add and its re-trigger either.
        if (old && c.threads.every((t) => !be.pc(t.index) || !/really_probe\(c,cd\):(?!call_probe$|driver_deferred_probe_add_trigger$|trigger_again$)/.test(t.steps[be.pc(t.index) - 1]!.label))) expect(s.probeCount).toBe(0);
        be.expand(() => { const k = `${fp.hi}:${fp.lo}`; if (!seen.has(k)) { seen.add(k); be.pushNext(0, 0); } });
      }
      expect(deferrals, p).toBeGreaterThan(0);
    }
  });
});

describe('v4.18 as its dd.c shows it (torvalds@8c97a46af04b, read by the v4.18 profile: pre-fix unbind shape, DRIVER_LOCK_HELPERS absent)', () => {
  const at = (fn: string, text: string) => {
    const ex = excerpt('torvalds@8c97a46af04b', 'drivers/base/dd.c', fn)!;
    return resolveAnchor(ex, text).map((i) => ex.firstLine! + i);
  };
  it('__device_release_driver drops and retakes any parent it is given; device_release_driver_internal took it only with need_parent_lock', () => {
    expect(at('__device_release_driver', 'if (parent)@1')).toEqual([862]);
    expect(at('__device_release_driver', 'device_unlock(parent);')).toEqual([863]);
    expect(at('__device_release_driver', 'device_lock(parent);')).toEqual([867]);
    expect(at('device_release_driver_internal', 'if (parent && dev->bus->need_parent_lock)@1')).toEqual([922]);
    expect(at('device_release_driver_internal', 'if (parent && dev->bus->need_parent_lock)@2')).toEqual([930]);
    // v5.1 routes both through __device_driver_(un)lock, which test need_parent_lock (376991db4b64).
    const v51 = excerpt('torvalds@376991db4b64', 'drivers/base/dd.c', '__device_release_driver')!;
    expect(resolveAnchor(v51, '__device_driver_unlock(dev, parent);')).toHaveLength(1);
  });
  it('async_synchronize_full comes before the device-links loop, as the model syncs', () => {
    expect(at('__device_release_driver', 'async_synchronize_full();')[0]).toBeLessThan(at('__device_release_driver', 'while (device_links_busy(dev)) {')[0]!);
  });

  it('core.c and bus.c of the older profiles: what their text decides', () => {
    const has = (snap: string, path: string, fn: string, text: string) => { const ex = excerpt(snap, path, fn); try { return !!ex && resolveAnchor(ex, `${text}@1`).length > 0; } catch { return false; } };
    // v5.1 sets dead in device_del itself; kill_device (00289cd87676, v5.3) is not there yet.
    expect(has('torvalds@3451a495ef24', 'drivers/base/core.c', 'device_del', 'dev->p->dead = true;')).toBe(true);
    expect(excerpt('torvalds@3451a495ef24', 'drivers/base/core.c', 'kill_device')).toBeNull();
    expect(() => buildScenario({ name: 'k', devices: { d: { present: true } }, drivers: {}, actors: { a: 'kill-del d' } }, 'v5.1', '')).toThrow(/^scenario 'k': actor 'a': action 'kill-del d' needs kill_device/);
    // B16's pre-fix shape as first merged (v4.10): an existing link is returned without a reference.
    expect(has('torvalds@9ed9895370ae', 'drivers/base/core.c', 'device_link_add', 'kref_get(&link->kref);')).toBe(false);
    expect(has('torvalds@9ed9895370ae', 'drivers/base/core.c', 'device_link_del', '__device_link_del(link);')).toBe(true);
    // bind_store tests dev->driver unlocked until 204db60c8357 (v5.14).
    const unlocked = 'if (dev && dev->driver == NULL && driver_match_device(drv, dev)) {';
    expect(has('v5.10.13', 'drivers/base/bus.c', 'bind_store', unlocked)).toBe(true);
    expect(has('torvalds@204db60c8357', 'drivers/base/bus.c', 'bind_store', unlocked)).toBe(false);
  });
});

// The audit of 2026-12-05: before 8c97a46af04b (v4.18) device_release_driver_internal locks any
// parent it is passed (`if (parent) device_lock(parent);`, dd.c at 9ed9895370ae, v4.10), and
// device_links_unbind_consumers passes consumer->parent (kernel/torvalds@9ed9895370ae core.c).
describe("v4.14: a consumer's release by its supplier locks the consumer's parent", () => {
  it('a thread holding the parent that unregisters the supplier\'s driver deadlocks on itself', () => {
    const spec: ScenarioSpec = { name: 'consumer-parent', devices: { host: { present: true, boundTo: 'host-drv' }, pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { parent: 'host', present: true, boundTo: 'mmc-drv' } },
      drivers: { 'host-drv': { matches: ['host'], present: true }, 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { a: ['lock host', 'unregister pmic-drv', 'unlock host'] } };
    expect(verdict(spec, 'v4.14', 'no-deadlock')).toBe('violated');
  });
  it('a consumer that is itself a busy supplier drops and retakes a parent it holds, not one another thread holds', () => {
    const spec: ScenarioSpec = { name: 'chain-parent', devices: { P: { present: true, boundTo: 'p-drv' }, a: { present: true, boundTo: 'a-drv' }, b: { parent: 'P', present: true, boundTo: 'b-drv' }, c: { present: true, boundTo: 'c-drv' } },
      drivers: { 'p-drv': { matches: ['P'], present: true }, 'a-drv': { matches: ['a'], present: true }, 'b-drv': { matches: ['b'], links: ['a'], present: true }, 'c-drv': { matches: ['c'], links: ['b'], present: true } },
      actors: { rm: 'unregister a-drv', holder: ['lock P', 'unlock P'] } };
    expect(verdict(spec, 'v4.14', 'no-deadlock')).toBe('holds');
    // v4.18 took the parent only with need_parent_lock and still dropped any parent it was given (the pre-DRIVER_LOCK_HELPERS shape above).
    expect(verdict(spec, 'v4.18', 'no-deadlock')).toBe('violated');
  });
});
