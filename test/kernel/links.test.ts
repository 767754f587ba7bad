/**
 * B16 on a tiny scenario: a stateless device link that both the supplier's and the consumer's
 * probe add, and both ->remove delete (ead18c23c263). Pinned state counts and verdicts.
 */
import { describe, expect, it } from 'vitest';
import { PATCHES, PROFILES, PROFILE_NAMES, buildScenario, check, defineProperty, replay, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { excerpt, resolveAnchor } from '../../src/kernel/source.js';
import { PURGE_WARN, purgeWarns } from '../../src/kernel/paths/device-del.js';
import { LINK_WARN, boundWarns, cleanupWarns, notBoundWarns } from '../../src/kernel/paths/links.js';
import { FastBackend } from '../../src/engine/state/fast.js';
import { moveOf } from '../../src/engine/search/monitor.js';
import { actionCode } from '../../src/engine/trace.js';
import type { ActionProperty } from '../../src/engine/model.js';
import { stepLabels } from './helpers.js';
import { renderViolation } from '../../src/report/text.js';
import { htmlReport } from '../../src/report/html.js';

const spec = (both = true): ScenarioSpec => ({
  name: 'b16', buses: { platform: { autoprobe: false } }, devices: { s: { present: true }, c: { present: true } },
  drivers: {
    sd: { matches: ['s'], present: true, statelessLinks: both ? [{ consumer: 'c', supplier: 's' }] : [] },
    cd: { matches: ['c'], present: true, statelessLinks: [{ consumer: 'c', supplier: 's' }] },
  },
  actors: { admin: ['bind sd s', 'bind cd c', 'unbind cd c', 'unbind sd s'] }, properties: ['links-single-delete', 'no-deadlock'],
});
const run = (s: ScenarioSpec, profile: string, patches = '') => {
  const r = check(buildScenario(s, profile, patches).model, { exhaustive: true });
  return { states: r.states, v: Object.fromEntries(r.properties.map((p) => [p.name, p.verdict])), r };
};

describe('B16: device link reference counting', () => {
  it('both drivers add and delete the same link: deleted twice on v4.14, once with ead18c23c263', () => {
    const bad = run(spec(), 'v4.14');
    // 45 states: two binds, each with bind_store's driver_match_device step (was 43 before it).
    expect(bad).toMatchObject({ states: 45, v: { 'links-single-delete': 'violated', 'no-deadlock': 'holds' } });
    const p = bad.r.properties[0]!;
    expect(p.explanation).toBe('device link c -> s deleted 2 times: sd and cd both got it from device_link_add and both ->remove called device_link_del (list_del of a freed link)');
    expect(p.trace!.steps.filter((x) => x.label.endsWith(':__device_link_del')).length).toBe(2);
    expect(run(spec(), 'v4.14', 'ead18c23c263')).toMatchObject({ states: 45, v: { 'links-single-delete': 'holds' } });
    expect(run(spec(), 'v5.1').v['links-single-delete']).toBe('holds');
  });

  // Only one delete can meet that link: about nothing (a premise audit, 2026-12-06: it read holds), and not chosen.
  it('one driver adding and deleting its own link is fine before the fix: nothing can delete it twice', () => {
    expect(run(spec(false), 'v4.14').v['links-single-delete']).toBe('vacuous');
    const { properties: _, ...plain } = spec(false);
    expect(buildScenario(plain, 'v4.14', '').model.properties.map((p) => p.name)).not.toContain('links-single-delete');
    expect(buildScenario({ ...spec(), properties: undefined }, 'v4.14', '').model.properties.map((p) => p.name)).toContain('links-single-delete');
    // With a purge of its supplier beside the ->remove it is met (and violated: the purge frees it first).
    const purged: ScenarioSpec = { ...spec(false), actors: { admin: ['bind sd s', 'bind cd c', 'unbind cd c'], hotplug: 'del s' } };
    expect(run(purged, 'v4.14').v['links-single-delete']).toBe('violated');
  });

  it('ead18c23c263 replaces exactly device_link_add:list_for_each_entry and device_link_del:__device_link_del', () => {
    const a = stepLabels(spec(), 'v4.14'), b = stepLabels(spec(), 'v4.14', 'ead18c23c263');
    expect([...a.keys()]).toEqual([...b.keys()]);
    const changed = [...a.keys()].filter((k) => a.get(k)!.since !== b.get(k)!.since || a.get(k)!.where !== b.get(k)!.where);
    expect(new Set(changed.map((k) => k.split(': ')[1]!.replace(/\([^)]*\)(#\d+)?/, '')))).toEqual(new Set(PATCHES['ead18c23c263']!.touches));
  });

  it('E601: a stateless link needs the probed device at one end', () => {
    expect(() => buildScenario({ name: 'x', devices: { a: {}, b: {}, c: {} }, drivers: { d: { matches: ['a'], statelessLinks: [{ consumer: 'b', supplier: 'c' }] } }, actors: { x: 'add a' } }, 'v4.14', ''))
      .toThrow(/one end must be a device it matches/);
  });
});

describe('device_links_busy (core.c at 3451a495ef24, 5.15.100, 6.6.y)', () => {
  // Supplier s unbinds while c1's link is AVAILABLE (c1 unbound) and c2's ACTIVE: the C writes
  // SUPPLIER_UNBIND on c1's link before it finds c2 busy, and sets DL_DEV_UNBINDING either way, so
  // a late bind of c1 defers. 2070 states when the model wrote nothing while busy (c1 could probe);
  // 2060 before a probe of c1 stopped adding c2's link too (2026-12-04); 3052 before flush_work waited only for
  // the instance of its call (2026-12-05: the unbind's wait_for_device_probe returns in more orders).
  const busy: ScenarioSpec = { name: 'busy', buses: { platform: { autoprobe: false } }, devices: { s: { present: true }, c1: { present: true }, c2: { present: true } },
    drivers: { sd: { matches: ['s'], present: true }, cd: { matches: ['c1', 'c2'], present: true, links: ['s'] } },
    actors: { admin: ['bind sd s', 'bind cd c1', 'unbind cd c1', 'bind cd c2', 'unbind sd s'], late: ['bind cd c1'] }, properties: ['links-supplier-bound', 'no-deadlock'] };
  it('marks the links before the first busy one and the supplier unbinding even when busy', () => {
    for (const p of ['v5.15', 'mainline']) expect(run(busy, p), p).toMatchObject({ states: 3089, v: { 'links-supplier-bound': 'holds', 'no-deadlock': 'holds' } });
  });
});

describe('device link lists in the order the links were made (device_link_add: list_add_tail_rcu)', () => {
  // pmic supplies a and b; b's probe makes its link first (b is added first), so pmic's consumers
  // list is [b, a] whichever driver the scenario declares first. With b unbound (its link AVAILABLE)
  // and a bound (ACTIVE), device_links_busy(pmic) marks b's link SUPPLIER_UNBIND before it breaks at
  // a's. The walks followed the declaration order until an audit of 2026-12-05: declared a first,
  // the model broke at a's link at once and never reached that state. (The audit's scenario had a
  // third actor binding b again: 52,502 states a search; without it 4,458, and walks in declaration
  // order still explore other states, 4,615 at v5.15: s51 h2.)
  const order = (aFirst: boolean): ScenarioSpec => {
    const a = { matches: ['a'], links: ['pmic'], present: true }, b = { matches: ['b'], links: ['pmic'], present: true };
    return { name: 'link-order', devices: { pmic: {}, a: {}, b: {} },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, ...(aFirst ? { 'a-drv': a, 'b-drv': b } : { 'b-drv': b, 'a-drv': a }) },
      actors: { boot: ['add pmic', 'add b', 'add a', 'unbind b-drv b'], unbind: 'unbind pmic-drv pmic' },
      properties: ['single-binding', 'no-deadlock', defineProperty({ kind: 'invariant', name: 'b-marked-before-busy-a', check: (v) => {
        const st = (c: string) => v.links.find((l) => l.consumer === c)!.status;
        return st('b') === 'SUPPLIER_UNBIND' && st('a') === 'ACTIVE' ? "b's link marked SUPPLIER_UNBIND while a's is still ACTIVE" : null;
      } })] };
  };
  it('either declaration order explores the same states, and reaches b marked while a is busy', () => {
    for (const p of ['v5.15', 'mainline']) {
      const x = run(order(true), p), y = run(order(false), p);
      expect(x.states, p).toBe(y.states);
      expect(x.v, p).toEqual(y.v);
      expect(x.v['b-marked-before-busy-a'], p).toBe('violated');
    }
  });
  it('keeps no rank where no device has two managed links on one side', () => {
    const one = buildScenario({ name: 'one', devices: { s: {}, c: {} }, drivers: { sd: { matches: ['s'], present: true }, cd: { matches: ['c'], links: ['s'], present: true } }, actors: { x: ['add s', 'add c'] } }, 'mainline', '');
    const two = buildScenario(order(true), 'mainline', '');
    const linkFields = (m: typeof one.model) => Object.keys((m.state as any).fields.link.of.fields);
    expect(linkFields(one.model)).toEqual(['status', 'refs', 'dels']);
    expect(linkFields(two.model)).toEqual(['status', 'refs', 'dels', 'rank']);
  });
});

// A source audit (dd.c at 5a7a9efdb193:1238, 5.10.13:1135, 8c97a46af04b:875): after the links loop
// relocks, __device_release_driver returns `if (dev->driver != drv)`. The model read that as
// `dev->driver == NULL`, so a release that dropped dc's lock with drvA bound went on to run drvB's
// ->remove when, in the window, another thread released drvA and bound drvB.
describe('__device_release_driver after its device-links loop', () => {
  const spec: ScenarioSpec = {
    name: 'relock', buses: { platform: { autoprobe: false } },
    devices: { dc: { present: true, boundTo: 'drvA' }, mmc: { present: true, boundTo: 'mmc-drv' } },
    drivers: { drvA: { matches: ['dc'], present: true }, drvB: { matches: ['dc'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['dc'], present: true } },
    // mmc-drv's probe makes the link: t1 binds mmc again before it unbinds dc.
    actors: { t1: ['unbind mmc-drv mmc', 'bind mmc-drv mmc', 'unbind drvA dc'], t2: 'unbind drvA dc', t3: 'bind drvB dc' }, properties: ['no-deadlock'],
  };
  it('returns when the driver changed while the lock was dropped, and goes on when it did not (mainline)', () => {
    const { model } = buildScenario(spec, 'mainline', '');
    const RELOCK = '__device_release_driver(dc):relock';
    // t1 about to relock dc, having dropped it with drv (1 = drvA) while dc is now bound to `now`.
    const at = (drv: number, now: number) => ({
      kind: 'invariant' as const, name: `relock-${drv}-${now}`,
      holds: (s: any, q: any) => !(q.at('t1') === RELOCK && q.locals('t1').relDrv[0] === drv && s.dev[0].driver === now && s.dev[0].mutex === 0),
    });
    model.properties.push(at(1, 2), at(1, 1));
    const r = check(model);
    const next = (name: string) => {
      const p = r.properties.find((x) => x.name === name)!;
      expect(p.verdict).toBe('violated');
      const be = new FastBackend(model);
      replay(be, p.trace!.moves);
      const t1 = model.threads.findIndex((t) => t.name === 't1');
      be.apply(t1, 0);
      return be.curQ().at('t1');
    };
    expect(next('relock-1-2')).not.toMatch(/^__device_release_driver\(dc\)/); // drvB bound meanwhile: return
    expect(next('relock-1-1')).toBe('__device_release_driver(dc):device_links_busy');
  });
});

// A source audit: __device_links_no_driver's shape per release (core.c at 9ed9895370ae and 3451a495ef24:
// every link but SUPPLIER_UNBIND becomes AVAILABLE; 515db266a9da, 15cfb0941603's: CONSUMER_PROBE/ACTIVE only;
// 5.15.100 and 6.6.y, 8c3e315d4296's: AVAILABLE only while the supplier is DL_DEV_DRIVER_BOUND, else DORMANT).
// mmc (consumer of pmic) is probing when `unbind pmic` finds the link busy and waits for probes; mmc's
// probe fails: the model made the link AVAILABLE, so a second bind of mmc entered probe() while pmic was
// still in its device-links loop. Since 8c3e315d4296 the link goes DORMANT and the bind defers.
describe('__device_links_no_driver after a failed probe while the supplier unbinds', () => {
  const spec: ScenarioSpec = {
    name: 'nodriver-dormant', buses: { platform: { autoprobe: false } },
    devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true, probe: ['error', 'ok'] } },
    actors: { a: ['bind mmc-drv mmc', 'bind mmc-drv mmc'], b: 'unbind pmic-drv pmic' },
    properties: ['links-supplier-bound', 'no-deadlock'],
  };
  const probeInLoop = defineProperty({
    kind: 'action', name: 'no-consumer-probe-during-supplier-unbind-loop',
    check: (before, after, move) => {
      const at = before.thread('b').at ?? '';
      const inLoop = /device_links_unbind_consumers|wait_for_device_probe/.test(at);
      if (inLoop && before.dev('mmc').driver === null && after.dev('mmc').driver === 'mmc-drv') return `${move.thread} at ${move.label}: mmc probe starts while b is at ${at}`;
      return null;
    },
  });
  const v = (p: string) => {
    const r = check(buildScenario({ ...spec, properties: [...spec.properties!, probeInLoop] }, p, '').model, { exhaustive: true });
    return { states: r.states, v: Object.fromEntries(r.properties.map((x) => [x.name, x.verdict])) };
  };
  it('the C shapes are in kernel/', () => {
    const has = (snap: string, fn: string, line: string) => { const ex = excerpt(snap, 'drivers/base/core.c', fn); try { return !!ex && resolveAnchor(ex, line).length > 0; } catch { return false; } };
    const bound = 'if (link->supplier->links.status == DL_DEV_DRIVER_BOUND) {', old = 'else if (link->status != DL_STATE_SUPPLIER_UNBIND)';
    for (const s of ['torvalds@9ed9895370ae', 'torvalds@3451a495ef24']) expect([has(s, '__device_links_no_driver', old), has(s, '__device_links_no_driver', bound), has(s, 'device_links_no_driver', 'DL_STATE_DORMANT')], s).toEqual([true, false, false]);
    expect([has('torvalds@515db266a9da', '__device_links_no_driver', old), has('torvalds@515db266a9da', '__device_links_no_driver', bound), has('torvalds@515db266a9da', 'device_links_no_driver', 'DL_STATE_DORMANT')]).toEqual([false, false, true]);
    for (const s of ['v5.15.100', 'v6.6.y']) expect([has(s, '__device_links_no_driver', old), has(s, '__device_links_no_driver', bound), has(s, 'device_links_no_driver', 'DL_STATE_DORMANT')], s).toEqual([false, true, true]);
  });
  // links-supplier-bound is violated at every profile, as before, by another path: the link mmc's probe adds
  // once pmic is past device_links_busy starts as SUPPLIER_UNBIND and mmc binds (the C's device_links_driver_bound
  // makes it ACTIVE with a WARN; the model leaves it), then pmic's cleanup makes it DORMANT under a bound mmc.
  it('since 8c3e315d4296 (v5.15, mainline) the link goes DORMANT: no probe of mmc while pmic is in the loop', () => {
    // 1290 before flush_work waited only for the instance of its call (2026-12-05); 1186 states at both before (the link went AVAILABLE); 1194 before device_links_driver_bound made every link to a supplier ACTIVE.
    for (const p of ['v5.15', 'mainline']) expect(v(p), p).toMatchObject({ states: 1326, v: { 'no-consumer-probe-during-supplier-unbind-loop': 'holds', 'links-supplier-bound': 'violated', 'no-deadlock': 'holds' } });
  });
  // That DORMANT is __device_links_no_driver's else branch, under WARN_ON(!(link->flags &
  // DL_FLAG_SYNC_STATE_ONLY)) (line 455 of kernel/v6.6.y's core.c excerpt, 215 of 5.15.100's): a
  // managed link that is not SYNC_STATE_ONLY reaches it when mmc's probe fails after pmic's
  // device_links_busy (README, "WARN_ONs reachable in the text read").
  const warn = (sp: ScenarioSpec, p: string) => {
    const r = check(buildScenario({ ...sp, properties: ['links-no-warn'] }, p, '').model);
    return { v: r.properties[0]!.verdict, why: r.properties[0]!.explanation, labels: r.properties[0]!.trace?.steps.map((x) => `${x.thread}: ${x.label}`) ?? [] };
  };
  it('links-no-warn: __device_links_no_driver\'s WARN since 8c3e315d4296 when the probe fails while the supplier unbinds, not without the unbind, not before it', () => {
    const fails: ScenarioSpec = { ...spec, drivers: { ...spec.drivers, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true, probe: ['error'] } }, actors: { a: 'bind mmc-drv mmc', b: 'unbind pmic-drv pmic' } };
    // Not at mainline: its core.c (10864921212f) has 36d74f17e03f, which skips the WARN while the supplier unbinds.
    expect(warn(fails, 'mainline').v).toBe('holds');
    for (const p of ['v5.15', 'v6.12']) {
      const w = warn(fails, p);
      expect(w.v, p).toBe('violated');
      expect(w.why).toBe('WARN_ON in __device_links_no_driver(mmc): its CONSUMER_PROBE link to pmic goes DORMANT while pmic is unbinding (DL_DEV_UNBINDING); 36d74f17e03f (v7.2, 6.18.53) skips this WARN_ON, later than this profile\'s core.c: --param patches=codina-v7 checks with it');
      // pmic's unbind passes device_links_busy (busy: mmc's link is CONSUMER_PROBE) and drops its lock; then mmc's probe fails.
      const busy = w.labels.findIndex((l) => l.startsWith('b: ') && l.endsWith('device_links_busy')), failed = w.labels.findIndex((l) => l.endsWith('probe_failed'));
      expect(busy, w.labels.join('\n')).toBeGreaterThan(0);
      expect(failed).toBe(w.labels.length - 1);
    }
    for (const p of ['v5.4', 'v5.1']) expect(warn(fails, p).v, p).toBe('holds');
    expect(warn({ ...fails, actors: { a: 'bind mmc-drv mmc' } }, 'v6.12').v).toBe('holds');
  });
  it('links-no-warn: device_links_driver_bound\'s WARN (v4.10 .. mainline) when the probe adds its link after the supplier\'s device_links_busy and succeeds', () => {
    const binds: ScenarioSpec = { ...spec, drivers: { ...spec.drivers, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } }, actors: { a: 'bind mmc-drv mmc', b: 'unbind pmic-drv pmic' } };
    for (const p of ['v4.18', 'v5.4', 'mainline']) expect(warn(binds, p).why, p).toBe('WARN_ON in device_links_driver_bound(mmc): its link to supplier pmic is SUPPLIER_UNBIND, not CONSUMER_PROBE (it becomes ACTIVE)');
    // Without the unbind nothing warns; ordinary link scenarios hold.
    expect(warn({ ...binds, actors: { a: 'bind mmc-drv mmc' } }, 'mainline').v).toBe('holds');
  });
  // device_links_check_suppliers marks mmc's AVAILABLE link to pmic CONSUMER_PROBE, then finds its
  // link to clk DORMANT (clk was unbound) and calls device_links_missing_supplier: since
  // 8c3e315d4296 the link to pmic goes DORMANT (with a WARN) when pmic is past device_links_busy,
  // busy with disp's link; before, AVAILABLE again. Only that function turns an AVAILABLE link
  // DORMANT while its supplier stays bound.
  it('device_links_missing_supplier: the links it passed go DORMANT behind an unbinding supplier since 8c3e315d4296', () => {
    const ms: ScenarioSpec = {
      name: 'missing-supplier', buses: { platform: { autoprobe: false } },
      devices: { pmic: { present: true, boundTo: 'pmic-drv' }, clk: { present: true, boundTo: 'clk-drv' }, disp: { present: true }, mmc: { present: true } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'clk-drv': { matches: ['clk'], present: true },
        'disp-drv': { matches: ['disp'], links: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic', 'clk'], present: true } },
      actors: { a: ['bind disp-drv disp', 'bind mmc-drv mmc', 'unbind mmc-drv mmc', 'unbind clk-drv clk', 'bind mmc-drv mmc'], b: 'unbind pmic-drv pmic' },
    };
    // Links in driver order: disp -> pmic, mmc -> pmic, mmc -> clk (devices pmic 0, clk 1, disp 2, mmc 3).
    expect(buildScenario(ms, 'mainline', '').world.links.map((l) => [l.consumer, l.supplier])).toEqual([[2, 0], [3, 0], [3, 1]]);
    const reset: Property<KS> = { kind: 'action', name: 'no-missing-supplier-dormant', holds: (b, a) => !(b.link[1]!.status === 'AVAILABLE' && a.link[1]!.status === 'DORMANT' && a.dev[0]!.bound) };
    const v = (p: string) => {
      const { model } = buildScenario({ ...ms, properties: ['no-deadlock'] }, p, '');
      model.properties = [reset as Property];
      const r = check(model).properties[0]!;
      return { v: r.verdict, last: r.trace?.steps.at(-1)?.label };
    };
    // The second `bind mmc-drv mmc` of the actor: its blocks are #2.
    expect(v('mainline')).toEqual({ v: 'violated', last: 'really_probe(mmc,mmc-drv)#2:call_probe' });
    expect(v('v5.15').v).toBe('violated');
    expect(v('v5.4').v).toBe('holds');
  });

  it('before it (v5.4: AVAILABLE for CONSUMER_PROBE; v5.0: for all but SUPPLIER_UNBIND) mmc probes again while pmic waits', () => {
    // 1141 (v5.4) and 1189 (v5.1) before flush_work waited only for the instance of its call (2026-12-05); 1072 (v5.4) and 1120 (v5.1) before device_links_driver_bound made every link to a supplier ACTIVE; v5.1: 1072 before, when the model had v5.4's shape there too.
    // v5.1 reads core.c at e7dd40105aac since the s28 flags audit (2026-12-05): it has v5.4's shape (1168; 1216 with the old one), and v5.0 the old one (1223).
    // 1168 (v5.4, v5.1) and 1223 (v5.0) before really_probe's driver_deferred_probe_add_trigger became a step of its own after the link check (2026-12-06).
    expect(v('v5.4')).toMatchObject({ states: 1192, v: { 'no-consumer-probe-during-supplier-unbind-loop': 'violated' } });
    expect(v('v5.0')).toMatchObject({ states: 1247, v: { 'no-consumer-probe-during-supplier-unbind-loop': 'violated' } });
    expect(v('v5.1')).toMatchObject({ states: 1192, v: { 'no-consumer-probe-during-supplier-unbind-loop': 'violated' } });
  });
});

// A source audit: really_probe's error path resets the links first (`device_links_no_driver(dev);`), then
// releases devres, which unregisters the children probe() registered, and clears dev->driver last
// (5a7a9efdb193:704-705 through device_unbind_cleanup; 5.10.13:621-622 and 8c97a46af04b:494-495 inline).
// The model deleted the children first and reset the links with dev->driver.
describe('really_probe error path order with children and device links', () => {
  const spec: ScenarioSpec = {
    name: 'order', buses: { platform: { autoprobe: false } },
    devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true }, card: { parent: 'mmc' } },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], registers: ['card'], present: true, probe: 'error' } },
    actors: { a: 'bind mmc-drv mmc' }, properties: ['no-deadlock'],
  };
  for (const p of ['v4.18', 'v5.15', 'mainline']) {
    it(`links reset while card is still registered and mmc->driver still set; mmc->driver cleared only after card is gone (${p})`, () => {
      const { model } = buildScenario(spec, p, '');
      const [mmc, card] = [1, 2];
      // s.dev[..].driver is the driver index + 1 (0: none); link 0 is mmc -> pmic.
      const never = (name: string, bad: (s: any) => boolean) => ({ kind: 'invariant' as const, name, holds: (s: any) => !bad(s) });
      model.properties.push(
        never('links-reset-before-children', (s) => s.link[0].status === 'AVAILABLE' && s.dev[card].registered && s.dev[mmc].driver !== 0),
        never('driver-cleared-with-child', (s) => s.dev[mmc].driver === 0 && s.dev[card].registered),
      );
      const r = check(model, { exhaustive: true });
      const by = Object.fromEntries(r.properties.map((x) => [x.name, x.verdict]));
      expect(by['links-reset-before-children'], 'the reset happens while card is registered').toBe('violated');
      expect(by['driver-cleared-with-child'], 'dev->driver is cleared after card is deleted').toBe('holds');
    });
  }
});

// A source audit: device_del's device_links_purge (core.c at 9ed9895370ae:519 .. 6.6.y:904) deletes
// every link left at the device, stateless ones included; the model had no purge.
describe('device_links_purge in device_del', () => {
  const spec: ScenarioSpec = {
    name: 'purge', devices: { pmic: {}, mmc: {} },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
    actors: { boot: ['add pmic', 'add mmc', 'del pmic', 'unbind mmc-drv mmc'] }, properties: ['links-single-delete'],
  };
  it('a stateless link purged with its supplier is deleted again by the consumer driver\'s ->remove (mainline)', () => {
    const p = check(buildScenario(spec, 'mainline', '').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toMatch(/^device link mmc -> pmic deleted 2 times: __device_link_del ran on it again after it was freed/);
    // Unbinding first: ->remove deletes it, the purge finds nothing.
    const first = { ...spec, actors: { boot: ['add pmic', 'add mmc', 'unbind mmc-drv mmc', 'del pmic'] } };
    expect(check(buildScenario(first, 'mainline', '').model).properties[0]!.verdict).toBe('holds');
  });

  // A source audit (2026-12-04): at 9ed9895370ae (v4.10, the core.c v4.14 reads) device_del
  // purges before bus_remove_device (device_del+15 against +39); from 3451a495ef24 (v5.1) after.
  it('v4.14: the purge comes before the release, so deleting a bound consumer deletes its stateless link twice, and a supplier\'s release unbinds no consumer; v4.18 takes the v5.1 order (unverified)', () => {
    const consumer = { ...spec, actors: { boot: ['add pmic', 'add mmc', 'del mmc'] } };
    expect(check(buildScenario(consumer, 'v4.14', '').model).properties[0]!.verdict).toBe('violated');
    expect(check(buildScenario(consumer, 'v5.1', '').model).properties[0]!.verdict).toBe('holds');
    const sup: ScenarioSpec = {
      name: 'purge-supplier', devices: { s: { present: true, boundTo: 'sdrv' }, c: { present: true, boundTo: 'cdrv' } },
      drivers: { sdrv: { matches: ['s'], present: true }, cdrv: { matches: ['c'], present: true, links: ['s'] } },
      actors: { a: ['del s'] }, properties: ['no-deadlock', defineProperty({ kind: 'invariant', name: 'c-bound-at-end',
        check: (v) => (v.thread('a').at === null && v.dev('c').driver === null ? 'c unbound' : null) })],
    };
    const end = (p: string) => check(buildScenario(sup, p, '').model).properties.find((x) => x.name === 'c-bound-at-end')!.verdict;
    expect(end('v4.14')).toBe('holds');          // c stays bound: its link was purged before s's release
    expect(end('v5.1')).toBe('violated');        // s's release unbinds c first
    expect(end('v4.18')).toBe('violated');
  });
  // A flags search (2026-12-06) found v4.14's order open both ways (2ec161501798's core.c is of the
  // v4.14 or early v4.15 cycle); v4.18 and v5.0 take the v5.1 order unread. A check whose verdict
  // may hang on that says so; one whose del finds no link, or a profile that read its core.c, does not.
  it('a del of a linked device at a profile that takes the purge order unread gets a note saying so', () => {
    const consumer = { ...spec, actors: { boot: ['add pmic', 'add mmc', 'del mmc'] } };
    const notes = (sc: ScenarioSpec, p: string) => check(buildScenario(sc, p, '').model).notes ?? [];
    const about = (n: readonly string[]) => n.filter((x) => x.includes('LINKS_PURGE_AFTER_UNBIND'));
    expect(about(notes(consumer, 'v4.14'))).toEqual([expect.stringMatching(/which v4\.14 is not known to have or lack: taken to lack it.*v4\.18 builds that order$/)]);
    expect(about(notes(consumer, 'v4.18'))).toEqual([expect.stringMatching(/which v4\.18 is not known to have or lack: taken to have it/)]);
    expect(about(notes(consumer, 'v5.1'))).toEqual([]);
    expect(about(notes({ ...spec, actors: { boot: ['add pmic', 'add mmc'] } }, 'v4.14'))).toEqual([]);
  });
});

// links-no-warn's purge WARN_ONs were modelled with no text of device_links_purge beside them (a
// hunt, 2026-12-05: the steps cited only device_del's call). Each profile with device links that
// reads core.c now has the function in its excerpt: the WARN_ON in each of its two loops is read
// from that text (its condition's `link->status ==`/`!=` terms, joined by &&) and must WARN for
// exactly the link statuses purgeWarns, which the property uses, WARNs for.
describe("device_links_purge's WARN_ONs, held to the text", () => {
  const CORE = 'drivers/base/core.c';
  const STATUSES = ['NONE', 'DORMANT', 'AVAILABLE', 'CONSUMER_PROBE', 'ACTIVE', 'SUPPLIER_UNBIND'];
  const warnOf = (snap: string, list: 'suppliers' | 'consumers') => {
    const ex = excerpt(snap, CORE, 'device_links_purge');
    expect(ex, `${snap}: device_links_purge is not in its core.c excerpt`).not.toBeNull();
    const lines = ex!.lines;
    const start = lines.findIndex((l) => l.includes(`list_for_each_entry_safe_reverse(link, ln, &dev->links.${list},`));
    expect(start, `${snap}: no loop over dev->links.${list}`).toBeGreaterThan(0);
    let end = start + 1;
    while (end < lines.length && !/^\t\}/.test(lines[end]!)) end++;
    const warns = [...lines.slice(start + 1, end).join(' ').replace(/\s+/g, ' ').matchAll(/WARN_ON\((.*?)\);/g)].map((m) => m[1]!);
    expect(warns, `${snap}: the WARN_ONs of the loop over dev->links.${list}`).toHaveLength(1);
    // What the purge steps cite (device-del.ts PURGE_WARN) is that WARN_ON.
    const at = resolveAnchor(ex!, PURGE_WARN[list]);
    expect(Math.min(...at), `${snap} ${list}`).toBeGreaterThan(start);
    expect(Math.max(...at), `${snap} ${list}`).toBeLessThan(end);
    const terms = warns[0]!.split('&&').map((t) => /^link->status (==|!=) DL_STATE_(\w+)$/.exec(t.trim()));
    for (const t of terms) expect(t, `${snap}: WARN_ON(${warns[0]})`).not.toBeNull();
    return (status: string) => terms.every((t) => (t![1] === '==') === (status === t![2]));
  };

  it('every profile with device links that reads core.c has them, and links-no-warn WARNs exactly where they do', () => {
    const unchecked: string[] = [];
    for (const p of PROFILE_NAMES.filter((n) => PROFILES[n]!.flags.includes('DEVICE_LINKS'))) {
      const snap = PROFILES[p]!.sources[CORE];
      if (!snap) { unchecked.push(p); continue; }
      for (const list of ['suppliers', 'consumers'] as const) {
        const warns = warnOf(snap, list);
        for (const st of STATUSES) expect(purgeWarns(list, st), `${p} (core.c at ${snap}): a ${st} link on dev->links.${list}`).toBe(warns(st));
      }
    }
    // Every profile with device links reads a core.c now (v4.18 and v5.0 v4.19.y's, 2026-12-06); the purge's two WARNs are the same in all.
    expect(unchecked).toEqual([]);
  });

  it('the purge steps cite them: before bus_remove_device at v4.14, before kobject_del at v5.1 (a step of its own there, s39 h15), with it from v5.9 (e7dd40105aac:835, 840-841)', () => {
    const s13: ScenarioSpec = { name: 'p', devices: { sup: { present: true, boundTo: 'sdrv' }, c: { present: true, boundTo: 'cdrv' } },
      drivers: { sdrv: { matches: ['sup'], present: true }, cdrv: { matches: ['c'], present: true, links: ['sup'] } }, actors: { hotplug: 'del sup' } };
    const cited = (p: string, step: string) => {
      const a = buildScenario(s13, p, '').kernel.anchors.find((x) => x.label === `device_del(sup):${step}`)!;
      expect(a.error, p).toBeUndefined();
      const an = a.anchored.find((x) => x.fn === 'device_links_purge')!;
      const ex = excerpt(an.release, CORE, 'device_links_purge')!;
      return { ex, lines: an.lines };
    };
    const v51 = cited('v5.1', 'device_links_purge');
    expect(v51.lines.map((i) => v51.ex.firstLine! + i)).toEqual(expect.arrayContaining([835, 840, 841]));
    for (const [p, step] of [['v4.14', 'device_links_purge'], ['v6.6', 'kobject_del'], ['mainline', 'kobject_del']] as const) {
      const { ex, lines } = cited(p, step);
      const text = lines.map((i) => ex.lines[i]!.trim());
      expect(text, p).toContain(PURGE_WARN.suppliers);
      expect(text, p).toContain('WARN_ON(link->status != DL_STATE_DORMANT &&');
      expect(text, p).toContain('link->status != DL_STATE_NONE);');
    }
  });
});

// links-no-warn's other WARN_ONs were checked with conditions written from the findings, with no
// test reading them in core.c (an anchoring audit, 2026-12-06), and device_links_missing_supplier
// was in no excerpt at all. Each condition is now paths/links.ts's (LINK_WARN; boundWarns,
// cleanupWarns, notBoundWarns), and here each is read from the text of every core.c a profile with
// device links reads: the loop's status-only `continue` tests, then its WARN_ON, must WARN for
// exactly the statuses the predicate does, at that profile's flags. (No scenario link is
// SYNC_STATE_ONLY, INFERRED or AUTOREMOVE_SUPPLIER, so the branches on those flags are not read.)
describe("links-no-warn's WARN_ONs in the link automaton, held to the text", () => {
  const CORE = 'drivers/base/core.c';
  const STATUSES = ['DORMANT', 'AVAILABLE', 'CONSUMER_PROBE', 'ACTIVE', 'SUPPLIER_UNBIND'];
  const flat = (ls: readonly string[]) => ls.join(' ').replace(/\/\*.*?\*\//g, ' ').replace(/\s+/g, ' ');
  /** The body of fn's loop over dev->links.<list> (or of its only loop), comments dropped, on one line. */
  const loopOf = (snap: string, fn: string, list?: 'consumers' | 'suppliers') => {
    const ex = excerpt(snap, CORE, fn);
    expect(ex, `${snap}: ${fn} is not in its core.c excerpt`).not.toBeNull();
    const lines = ex!.lines;
    const start = lines.findIndex((l) => /list_for_each_entry\w*\(link, (ln, )?&dev->links\.(consumers|suppliers),/.test(l) && (!list || l.includes(`&dev->links.${list},`)));
    expect(start, `${snap}: ${fn} has no loop over dev->links.${list ?? '*'}`).toBeGreaterThan(0);
    // A braced loop ends at its closing tab-brace; v4.10's unbraced one at its only statement's end.
    let end = start + 1;
    if (lines[start]!.trimEnd().endsWith('{')) { while (end < lines.length && !/^\t\}/.test(lines[end]!)) end++; } else { while (end < lines.length && !lines[end]!.trimEnd().endsWith(';')) end++; end++; }
    return { ex: ex!, start, end, text: flat(lines.slice(start + 1, end)) };
  };
  /** The statuses the loop skips with a status-only `if (...) continue;`. */
  const skips = (text: string) => (status: string) => [...text.matchAll(/if \(((?:link->status [!=]= DL_STATE_\w+ ?(?:\|\||&&)? ?)+)\) continue;/g)].some((m) => {
    const terms = m[1]!.split(/\|\||&&/).map((x) => /link->status (==|!=) DL_STATE_(\w+)/.exec(x.trim())!);
    const hit = (x: RegExpExecArray) => (x[1] === '==') === (status === x[2]);
    return m[1]!.includes('||') ? terms.some(hit) : terms.every(hit);
  });
  /** The status a one-term WARN_ON(link->status OP DL_STATE_X) warns for. */
  const statusWarn = (text: string, warn: string) => {
    expect(text).toContain(warn);
    const m = /^WARN_ON\(link->status (==|!=) DL_STATE_(\w+)\);$/.exec(warn)!;
    return (status: string) => (m[1] === '==') === (status === m[2]);
  };
  const inside = (l: { ex: Parameters<typeof resolveAnchor>[0]; start: number; end: number }, anchor: string, what: string) => {
    const at = resolveAnchor(l.ex, anchor);
    expect(Math.min(...at), what).toBeGreaterThan(l.start);
    expect(Math.max(...at), what).toBeLessThan(l.end);
  };
  /**
   * __device_links_no_driver's and device_links_missing_supplier's WARN, read: none in the loop, or
   * the shared one in the else of `links.status == DL_DEV_DRIVER_BOUND`, past the loop's skips.
   */
  const quietAt = new Set<string>();
  const notBoundOf = (snap: string, fn: string) => {
    const l = loopOf(snap, fn);
    if (!l.text.includes('WARN_ON')) return () => false;
    const shape = (w: string) => `if (link->supplier->links.status == DL_DEV_DRIVER_BOUND) { WRITE_ONCE(link->status, DL_STATE_AVAILABLE); } else { ${w} WRITE_ONCE(link->status, DL_STATE_DORMANT); }`;
    // 36d74f17e03f's condition (mainline's core.c since 10864921212f): the same WARN, but not while the supplier is
    // DL_DEV_UNBINDING, which links-no-warn skips where the profile has LINKS_NO_DRIVER_UNBINDING_QUIET (checked below).
    const quiet = l.text.includes(shape(`${LINK_WARN.notBoundQuiet} !device_link_test(link, DL_FLAG_SYNC_STATE_ONLY));`));
    if (quiet) quietAt.add(`${snap}:${fn}`);
    expect(quiet || LINK_WARN.notBound.split(' || ').some((w) => l.text.includes(shape(w))), `${snap} ${fn}: ${l.text}`).toBe(true);
    expect([...l.text.matchAll(/WARN_ON/g)], `${snap} ${fn}: one WARN_ON`).toHaveLength(1);
    inside(l, quiet ? LINK_WARN.notBoundQuiet : LINK_WARN.notBound, `${snap} ${fn}`);
    // v5.15 .. mainline's missing_supplier tests `!=` and continues; v4.10's tests `==` (no WARN there).
    const skip = skips(l.text);
    return (status: string, bound: boolean) => !skip(status) && !bound;
  };

  const profiles = PROFILE_NAMES.filter((n) => PROFILES[n]!.flags.includes('DEVICE_LINKS') && PROFILES[n]!.sources[CORE]);
  const has = (p: string) => ({ has: (f: string) => (PROFILES[p]!.flags as readonly string[]).includes(f) });

  it('device_links_driver_bound: the WARN_ON of each loop, past its skips, is boundWarns at every profile with device links that reads core.c', () => {
    expect(profiles).toEqual(['v4.14', 'v4.18', 'v4.19', 'v5.0', 'v5.1', 'v5.4', 'v5.9', 'v5.10', 'v5.15', 'v5.19', 'v6.1', 'v6.6', 'v6.12', 'mainline']);
    for (const p of profiles) {
      const snap = PROFILES[p]!.sources[CORE]!;
      for (const [list, warn] of [['consumers', LINK_WARN.boundConsumers], ['suppliers', LINK_WARN.boundSuppliers]] as const) {
        const l = loopOf(snap, 'device_links_driver_bound', list);
        inside(l, warn, `${p} ${list}`);
        const skip = skips(l.text), w = statusWarn(l.text, warn);
        for (const st of STATUSES) expect(boundWarns(has(p), list, st), `${p} (core.c at ${snap}): device_links_driver_bound, a ${st} link on dev->links.${list}`).toBe(!skip(st) && w(st));
      }
    }
  });

  it("device_links_driver_cleanup: its two WARN_ONs are cleanupWarns at every such profile (DL_FLAG_AUTOREMOVE at v4.10)", () => {
    for (const p of profiles) {
      const snap = PROFILES[p]!.sources[CORE]!;
      const l = loopOf(snap, 'device_links_driver_cleanup', 'consumers');
      expect([...l.text.matchAll(/WARN_ON/g)], `${p}: two WARN_ONs`).toHaveLength(2);
      inside(l, LINK_WARN.cleanupFlag, p);
      inside(l, LINK_WARN.cleanupStatus, p);
      // Neither is behind a test on the status: every managed link to a consumer meets both.
      expect(skips(l.text)('ACTIVE') || skips(l.text)('DORMANT'), p).toBe(false);
      const w = statusWarn(l.text, LINK_WARN.cleanupStatus);
      for (const st of STATUSES) {
        expect(cleanupWarns(false, st), `${p} (core.c at ${snap}): a ${st} link`).toBe(w(st));
        expect(cleanupWarns(true, st), `${p}: a ${st} link with DL_FLAG_AUTOREMOVE_CONSUMER`).toBe(true);
      }
    }
  });

  it("__device_links_no_driver and device_links_missing_supplier: a WARN for a link to a supplier not DL_DEV_DRIVER_BOUND from 8c3e315d4296 only, as notBoundWarns says", () => {
    const unread: string[] = [], warning: string[] = [];
    for (const p of profiles) {
      const snap = PROFILES[p]!.sources[CORE]!;
      const fns = [['noDriver', '__device_links_no_driver'], ['missingSupplier', 'device_links_missing_supplier']] as const;
      for (const [from, fn] of fns) {
        if (!excerpt(snap, CORE, fn)) { unread.push(`${p}:${fn}`); continue; }
        if (loopOf(snap, fn).text.includes('WARN_ON')) warning.push(`${p}:${fn}`);
        const warns = notBoundOf(snap, fn);
        for (const st of STATUSES) for (const bound of [true, false]) {
          expect(notBoundWarns(has(p), from, st, bound), `${p} (core.c at ${snap}): ${fn}, a ${st} link to a supplier ${bound ? '' : 'not '}DL_DEV_DRIVER_BOUND`).toBe(warns(st, bound));
        }
      }
    }
    // Both read at all of them (device_links_missing_supplier at v6.6, v6.12 and mainline on
    // 2026-12-06: v6.1's text at 29c8ab79e91d and 56d16d44fe8d; mainline's tests the flag with
    // device_link_test). Each WARNs from 8c3e315d4296 (v5.8) on, neither before: from v5.9 and
    // v5.10 (5.10.13's core.c, read 2026-12-06, s36 h8) on, none at v4.14, v4.18, v4.19 and v5.0 (v4.19.y), v5.1 or v5.4.
    expect(unread).toEqual([]);
    // The UNBINDING term (36d74f17e03f) is in exactly the texts of the profiles with its flag: mainline's __device_links_no_driver.
    expect([...quietAt]).toEqual(profiles.filter((p) => has(p).has('LINKS_NO_DRIVER_UNBINDING_QUIET')).map((p) => `${PROFILES[p]!.sources[CORE]}:__device_links_no_driver`));
    expect([...quietAt]).toEqual(['torvalds@10864921212f:__device_links_no_driver']);
    const from58 = ['v5.9', 'v5.10', 'v5.15', 'v5.19', 'v6.1', 'v6.6', 'v6.12', 'mainline'];
    expect(warning).toEqual(from58.flatMap((p) => [`${p}:__device_links_no_driver`, `${p}:device_links_missing_supplier`]));
  });
});

// Found by a new-user pass (2026-12-03): a consumer declared bound started with its link NONE, so
// a supplier's unbind never reached it and links-supplier-bound held about a link that never existed.
describe('a consumer bound from the start', () => {
  const chain = (unbind: boolean): ScenarioSpec => ({
    name: 'chain', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
    actors: { admin: unbind ? 'unbind pmic-drv pmic' : 'wait_for_device_probe' }, properties: ['links-supplier-bound', 'no-deadlock'],
  });
  it('has its links ACTIVE, so the supplier\'s unbind unbinds it first (device_links_unbind_consumers)', () => {
    const { model } = buildScenario(chain(true), 'v6.6', '');
    const be = new FastBackend(model);
    be.loadInitial();
    expect(be.curG().link[0].status).toBe('ACTIVE');
    const r = check(model, { exhaustive: true });
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([['links-supplier-bound', 'holds'], ['no-deadlock', 'holds']]);
    expect(r.coverage.filter((e) => e.fired > 0).map((e) => e.label)).toContain('__device_release_driver(mmc):remove');
  });
  it('needs its suppliers bound from the start too (E601)', () => {
    const s = chain(false);
    expect(() => buildScenario({ ...s, devices: { pmic: { present: true }, mmc: { present: true, boundTo: 'mmc-drv' } }, drivers: { ...s.drivers, 'pmic-drv': { matches: ['pmic'] } } }, 'v6.6', ''))
      .toThrow(/device 'mmc' is boundTo 'mmc-drv', whose links need 'pmic' bound: say 'pmic' is boundTo its driver too/);
    // A hunt (2026-12-04): with no driver for the supplier, that advice could not be followed.
    expect(() => buildScenario({ ...s, devices: { pmic: { present: true }, mmc: { present: true, boundTo: 'mmc-drv' } }, drivers: { 'mmc-drv': s.drivers['mmc-drv']! } }, 'v6.6', ''))
      .toThrow(/whose links need 'pmic' bound: no driver matches 'pmic', so the probe of 'mmc' by 'mmc-drv' would defer for ever: declare a driver for 'pmic' and make 'pmic' boundTo it, or leave 'mmc' unbound$/);
  });
  // Found by a hunt (2026-12-04): a driver matching two consumers made both links in each probe,
  // so c2's link sat in CONSUMER_PROBE before c2 existed, and its probe deferred for good.
  it('a driver that matches two consumers adds the link of the device it probes only', () => {
    const s: ScenarioSpec = { name: 'two-consumers', devices: { sup: {}, c1: {}, c2: {} },
      drivers: { sdrv: { matches: ['sup'], present: true }, cdrv: { matches: ['c1', 'c2'], links: ['sup'], present: true } },
      actors: { hotplug: ['add sup', 'add c1', 'add c2'] } };
    for (const p of ['v4.18', 'v6.1', 'mainline']) {
      const r = check(buildScenario({ ...s, properties: ['no-lost-deferral', 'no-missed-probe'] }, p, '').model);
      expect(r.properties.map((x) => x.verdict), p).toEqual(['vacuous', 'holds']);
    }
    const be = new FastBackend(buildScenario(s, 'v6.1', '').model);
    be.loadInitial();
    let probedC1 = false;
    for (let n = 0; !probedC1; n++) {
      const k = be.c.threads.findIndex((th) => be.enabled(th.index) > 0);
      expect(k >= 0 && n < 200, 'call_probe(c1) not reached').toBe(true);
      const label = be.c.threads[k]!.steps[be.pc(k) - 1]!.label;
      be.apply(k, 0);
      probedC1 = label === 'really_probe(c1,cdrv):call_probe';
    }
    const link = (be.curG() as unknown as KS).link;
    expect([link[0]!.status, link[1]!.status]).toEqual(['CONSUMER_PROBE', 'NONE']);
  });
  it('a consumer the supplier\'s unbind releases is unbound on purpose: no-missed-probe does not wait for it after the supplier binds again (in that run)', () => {
    const s: ScenarioSpec = { name: 'sup', devices: { pmic: {}, mmc: {} },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
      actors: { boot: ['add pmic', 'add mmc', 'unbind pmic-drv pmic', 'bind pmic-drv pmic'] } };
    // mmc is released with pmic (DevS.released), and exempt from then on in that run.
    const r = check(buildScenario({ ...s, properties: ['no-missed-probe'] }, 'v6.6', '').model);
    expect(r.properties[0]!.verdict).toBe('holds');
    // It is chosen by default: the exemption is per run, no longer per scenario.
    expect(buildScenario(s, 'v6.6', '').model.properties.map((p) => p.name)).toContain('no-missed-probe');
  });
});

// DL_FLAG_AUTOREMOVE_CONSUMER (`linkFlags`): __device_links_no_driver deletes the link when its
// consumer is left without a driver, first thing in every shape read (the core.c excerpts at
// 9ed9895370ae, as DL_FLAG_AUTOREMOVE, 3451a495ef24, fb583c8eeeb1, 5.15.100, 6.6.y and 6.18.y).
describe('DL_FLAG_AUTOREMOVE_CONSUMER', () => {
  const pair = (flags: boolean, acts: string[], probe: 'ok' | 'error' = 'ok'): ScenarioSpec => ({
    name: 'autoremove', buses: { platform: { autoprobe: false } }, devices: { pmic: { present: true }, mmc: { present: true } },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true, probe, ...(flags ? { linkFlags: ['AUTOREMOVE_CONSUMER'] } : {}) } },
    actors: { admin: acts }, properties: ['no-deadlock'],
  });
  /** One actor's run to its end (the first thread able to move moves): the link's status then. */
  const linkAtEnd = (s: ScenarioSpec, p: string): string => {
    const be = new FastBackend(buildScenario(s, p, '').model);
    be.loadInitial();
    for (let n = 0; ; n++) {
      const k = be.c.threads.findIndex((th) => be.enabled(th.index) > 0);
      if (k < 0) break;
      expect(n, 'the run does not end').toBeLessThan(500);
      be.apply(k, 0);
    }
    return (be.curG() as unknown as KS).link[0]!.status;
  };
  const PROFILES = ['v4.14', 'v5.1', 'v5.4', 'v5.15', 'mainline'];
  it("the consumer's unbind deletes the link, its next probe adds it again; without the flag it stays", () => {
    const unbind = ['bind pmic-drv pmic', 'bind mmc-drv mmc', 'unbind mmc-drv mmc'];
    for (const p of PROFILES) {
      expect([linkAtEnd(pair(true, unbind), p), linkAtEnd(pair(false, unbind), p)], p).toEqual(['NONE', 'AVAILABLE']);
      expect(linkAtEnd(pair(true, [...unbind, 'bind mmc-drv mmc']), p), p).toBe('ACTIVE');
    }
  });
  it('so does a failed probe', () => {
    for (const p of PROFILES) expect([linkAtEnd(pair(true, ['bind pmic-drv pmic', 'bind mmc-drv mmc'], 'error'), p), linkAtEnd(pair(false, ['bind pmic-drv pmic', 'bind mmc-drv mmc'], 'error'), p)], p).toEqual(['NONE', 'AVAILABLE']);
  });
  // README: at v4.14 a consumer deferred by its link goes on no list. With the flag its unbind
  // (by the supplier's) deleted the link: its bind defers in its own probe, which puts it on the
  // pending list, and the deferred work probes it once the supplier binds again.
  it('v4.14: a consumer unbound with its supplier is retried by the deferred work with the flag, never without', () => {
    const spec = (flags: boolean): ScenarioSpec => ({
      name: 'link-defer', devices: { pmic: {}, mmc: {} },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true, ...(flags ? { linkFlags: ['DL_FLAG_AUTOREMOVE_CONSUMER'] } : {}) } },
      actors: { boot: ['add pmic', 'add mmc', 'unbind pmic-drv pmic', 'bind mmc-drv mmc', 'bind pmic-drv pmic'] }, properties: ['deferred-lists', 'no-deadlock'],
    });
    const retried = (flags: boolean) => {
      const r = check(buildScenario(spec(flags), 'v4.14', '').model);
      expect(r.complete).toBe(true);
      return r.coverage.some((e) => e.thread === 'kworker deferred_probe_work_func' && e.fired > 0 && e.label.includes('really_probe(mmc,mmc-drv)'));
    };
    expect([retried(false), retried(true)]).toEqual([false, true]);
  });
  it('the deletion is cited where the profile reads core.c, and only with the flag', () => {
    const cited = (flags: boolean, p: string) => {
      const b = buildScenario(pair(flags, ['bind pmic-drv pmic', 'bind mmc-drv mmc', 'unbind mmc-drv mmc']), p, '');
      const at = b.kernel.anchors.flatMap((a) => a.anchored).filter((a) => a.fn === '__device_links_no_driver');
      return at.length === 0 ? null : at.some((a) => a.lines.includes(resolveAnchor(excerpt(a.release, a.path, a.fn)!, 'DL_FLAG_AUTOREMOVE')[0]!));
    };
    // v4.14 reads core.c but no dd.c: the dd.c steps that run the helper resolve nothing there.
    expect([cited(true, 'v4.14'), cited(false, 'v4.14')]).toEqual([null, null]);
    for (const p of ['v5.1', 'v5.4', 'v5.15', 'mainline']) expect([cited(true, p), cited(false, p)], p).toEqual([true, false]);
  });
  // device_links_driver_cleanup's first WARN_ON: a supplier's cleanup finds a consumer's
  // AUTOREMOVE_CONSUMER link, which the consumer's unbind would have deleted. Reached where mmc's
  // probe adds its link after pmic's device_links_busy (SUPPLIER_UNBIND), while mmc still probes
  // or once it is bound (past device_links_driver_bound's WARN): every warning on every move.
  it("links-no-warn: device_links_driver_cleanup's WARN_ON(DL_FLAG_AUTOREMOVE_CONSUMER)", () => {
    const warnings = (flags: boolean) => {
      const s: ScenarioSpec = { ...pair(flags, []), buses: { platform: { autoprobe: false } }, devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } },
        actors: { a: 'bind mmc-drv mmc', b: 'unbind pmic-drv pmic' }, properties: ['links-no-warn'] };
      const m = buildScenario(s, 'mainline', '').model;
      const prop = m.properties.find((x) => x.name === 'links-no-warn') as ActionProperty;
      const be = new FastBackend(m);
      be.loadInitial();
      const seen = new Set<string>(), out = new Set<string>(), todo = [be.curWords().slice()];
      seen.add(todo[0]!.join());
      while (todo.length > 0) {
        be.loadWords(todo.pop()!, 0);
        be.expand((k, b) => {
          const mv = moveOf(be, actionCode(k, b));
          if (!prop.holds(be.curG(), be.nextG(), mv, be.nextQ())) out.add(prop.explain!(be.curG(), be.nextG(), mv, be.nextQ()).replace(/ \(\w+\)/, ''));
          const w = be.nextWords().slice(), key = w.join();
          if (!seen.has(key)) { seen.add(key); todo.push(w); }
        });
      }
      return [...out].filter((x) => x.includes('driver_cleanup'));
    };
    expect(warnings(true)).toEqual(['WARN_ON in device_links_driver_cleanup(pmic): its link to consumer mmc has DL_FLAG_AUTOREMOVE_CONSUMER']);
    expect(warnings(false)).toEqual(['WARN_ON in device_links_driver_cleanup(pmic): its link to consumer mmc is ACTIVE, not SUPPLIER_UNBIND (it becomes DORMANT)']);
  });
  it('E601: a flag the model does not know, linkFlags without links, one link two drivers add', () => {
    const base = pair(true, ['bind pmic-drv pmic']);
    const withFlags = (f: string[]): ScenarioSpec => ({ ...base, drivers: { ...base.drivers, 'mmc-drv': { ...base.drivers['mmc-drv']!, linkFlags: f } } });
    expect(() => buildScenario(withFlags(['AUTOREMOVE_SUPPLIER']), 'mainline', '')).toThrow(/linkFlags: 'AUTOREMOVE_SUPPLIER' is not modelled \(the link's deletion in device_links_driver_cleanup\); the model knows AUTOREMOVE_CONSUMER/);
    expect(() => buildScenario(withFlags(['PM_RUNTIME']), 'mainline', '')).toThrow(/'PM_RUNTIME' is not modelled \(runtime PM\): leave it out/);
    expect(() => buildScenario(withFlags(['AUTOREMOVE_CONUSMER']), 'mainline', '')).toThrow(/'AUTOREMOVE_CONUSMER' is not a device-link flag; the model knows AUTOREMOVE_CONSUMER/);
    expect(() => buildScenario({ ...base, drivers: { ...base.drivers, 'pmic-drv': { matches: ['pmic'], present: true, linkFlags: ['AUTOREMOVE_CONSUMER'] } } }, 'mainline', '')).toThrow(/driver 'pmic-drv': linkFlags without links/);
    const two: ScenarioSpec = { ...base, drivers: { ...base.drivers, 'mmc-alt': { matches: ['mmc'], links: ['pmic'], present: true } } };
    expect(() => buildScenario(two, 'mainline', '')).toThrow(/device link mmc -> pmic is added by two drivers' probes, one with AUTOREMOVE_CONSUMER/);
  });
});

describe('stateless links a bound device\'s boot probe added exist at the start', () => {
  // A property audit, 2026-12-05: they were missing, so booted and added devices gave opposite verdicts.
  const pair = (boot: boolean, actors: ScenarioSpec['actors']): ScenarioSpec => ({
    name: 'boot-links',
    devices: boot ? { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } } : { pmic: {}, mmc: {} },
    drivers: {
      'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
      'mmc-drv': { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    },
    actors, properties: ['links-single-delete'],
  });
  const unbindBoth = { a: 'unbind pmic-drv pmic', b: 'unbind mmc-drv mmc' };
  it('with the kref two boot probes took two references: two ->remove puts free it once, as when an actor adds the devices', () => {
    expect(run(pair(true, unbindBoth), 'mainline').v['links-single-delete']).toBe('holds');
    expect(run(pair(false, { add: ['add pmic', 'add mmc'], ...unbindBoth }), 'mainline').v['links-single-delete']).toBe('holds');
    // Without it (v4.14) the second delete frees it again (B16), booted or added.
    expect(run(pair(true, unbindBoth), 'v4.14').v['links-single-delete']).toBe('violated');
  });
  it('links-supplier-bound is not chosen where every link is stateless or linksUnchecked: it could only be vacuous', () => {
    const { properties: _, ...plain } = pair(false, { add: ['add pmic', 'add mmc'], ...unbindBoth });
    const names = (sp: ScenarioSpec) => buildScenario(sp, 'mainline', '').model.properties.map((p) => p.name);
    expect(names(plain)).not.toContain('links-supplier-bound');
    expect(names(plain)).toContain('links-single-delete');
    const managed: ScenarioSpec = { ...plain, drivers: { ...plain.drivers, 'mmc-drv': { matches: ['mmc'], present: true, links: ['pmic'] } } };
    expect(names(managed)).toContain('links-supplier-bound');
    expect(names({ ...managed, drivers: { ...managed.drivers, 'mmc-drv': { matches: ['mmc'], present: true, links: ['pmic'], linksUnchecked: true } } })).not.toContain('links-supplier-bound');
  });
  it("v4.14's early purge frees a booted device's link before its ->remove deletes it, as an added one's", () => {
    const one = (boot: boolean): ScenarioSpec => ({ ...pair(boot, boot ? { hot: 'del pmic' } : { hot: ['add pmic', 'del pmic'] }),
      devices: boot ? { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } } : { pmic: {}, mmc: { present: true } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } } });
    expect([run(one(true), 'v4.14').v['links-single-delete'], run(one(false), 'v4.14').v['links-single-delete']]).toEqual(['violated', 'violated']);
  });
});

describe('a scenario\'s links on a profile without device links (before 9ed9895370ae, v4.10)', () => {
  // A consumer bound at boot has its link ACTIVE from the start, on a kernel with links: on v4.2
  // that link did not exist, and `del sup` read as "consumer c is bound but supplier sup is not"
  // (a false alarm on a kernel without links, found by a new user's scenario).
  const s13: ScenarioSpec = {
    name: 's13', devices: { sup: { present: true, boundTo: 'sdrv' }, c: { present: true, boundTo: 'cdrv' } },
    drivers: { sdrv: { matches: ['sup'], present: true }, cdrv: { matches: ['c'], links: ['sup'], present: true } },
    actors: { hotplug: 'del sup' }, properties: ['links-supplier-bound', 'links-single-delete', 'links-no-warn', 'no-deadlock'],
  };
  it('the link properties named are vacuous, saying the profile has no links; with links the link is made', () => {
    const old = run(s13, 'v4.2');
    expect(old.r.notes).toEqual(["v4.2 has no device links (9ed9895370ae, v4.10): the scenario's link is never made"]);
    expect(old.v).toEqual({ 'links-supplier-bound': 'vacuous', 'links-single-delete': 'vacuous', 'links-no-warn': 'vacuous', 'no-deadlock': 'holds' });
    expect(old.r.vacuity!.properties.map((p) => [p.name, p.premise])).toEqual(['links-supplier-bound', 'links-single-delete', 'links-no-warn']
      .map((n) => [n, 'device links exist (9ed9895370ae, v4.10); profile v4.2 has none']));
    // On v5.1 the same scenario's link is ACTIVE from the start, and the supplier's unbind takes the consumer first.
    expect(run(s13, 'v5.1').v['links-supplier-bound']).toBe('holds');
  });
  it("links-no-warn judges the purge where device_del does it: before bus_remove_device at v4.14 (9ed9895370ae's WARN_ONs), after it from v5.1", () => {
    // A patch hunt, 2026-12-05: at v4.14 the purge is a step of its own, which the property never
    // looked at, so deleting either end of a bound pair read as holding.
    const sup = run(s13, 'v4.14'), con = run({ ...s13, actors: { hotplug: 'del c' } }, 'v4.14');
    expect(sup.v['links-no-warn']).toBe('violated');
    expect(sup.r.properties.find((p) => p.name === 'links-no-warn')!.explanation).toBe('WARN_ON in device_links_purge(sup): its link to consumer c is ACTIVE, not DORMANT or NONE');
    expect(con.r.properties.find((p) => p.name === 'links-no-warn')!.explanation).toBe('WARN_ON in device_links_purge(c): its link to supplier sup is ACTIVE');
    // From v5.1 the release comes first: the supplier's unbinds its consumer (the link goes DORMANT), the consumer's own ends it AVAILABLE.
    expect(run(s13, 'v5.1').v['links-no-warn']).toBe('holds');
    expect(run({ ...s13, actors: { hotplug: 'del c' } }, 'v5.1').v['links-no-warn']).toBe('holds');
  });
});

describe('__device_release_driver keeps its drv per frame (dd.c: a local of each call)', () => {
  // s supplies c, whose probe registers x; x supplies y. Unbinding s unbinds c, whose release
  // unregisters x, whose own release (a supplier too) drops and retakes x's lock. The model kept
  // the `drv` saved across that window in a slot per link height, which x's release shared with
  // s's and zeroed: s's release then found dev->driver != 0 and returned, s still bound with its
  // links marked unbinding (a source audit, 2026-12-04). One actor, no race.
  const slot = (extra: boolean): ScenarioSpec => ({
    name: 'slot', buses: { platform: { autoprobe: true } },
    devices: { s: {}, c: {}, x: { parent: 'c' }, y: {}, ...(extra ? { d: {} } : {}) },
    drivers: {
      sd: { matches: ['s'], present: true }, cd: { matches: ['c'], present: true, links: ['s'], registers: ['x'] },
      xd: { matches: ['x'], present: true }, yd: { matches: ['y'], present: true, links: ['x'] },
      ...(extra ? { dd: { matches: ['d'], present: true, links: ['s'] } } : {}),
    },
    actors: { admin: ['add s', 'add c', 'add y', 'unbind sd s', ...(extra ? ['add d'] : [])] }, properties: ['no-deadlock'],
  });
  const unbound = defineProperty({
    kind: 'invariant', name: 's-unbound-after-unbind', description: 'once admin has returned from `unbind sd s`, s has no driver',
    check: (v) => (v.thread('admin').at === null && v.dev('s').driver !== null ? `admin finished, s still bound to ${v.dev('s').driver}` : null),
  });
  for (const p of ['v5.15', 'mainline']) {
    it(`${p}: unbind s leaves s unbound, and a consumer added after it reaches no WARN_ON`, () => {
      const a = check(buildScenario({ ...slot(false), properties: ['no-deadlock', unbound] }, p, '').model, { exhaustive: true });
      expect(Object.fromEntries(a.properties.map((x) => [x.name, x.verdict]))).toEqual({ 'no-deadlock': 'holds', 's-unbound-after-unbind': 'holds' });
      const b = check(buildScenario({ ...slot(true), properties: ['links-no-warn', 'links-supplier-bound'] }, p, '').model, { exhaustive: true });
      expect(b.properties.map((x) => x.verdict)).toEqual(['holds', 'holds']);
    });
  }
});

describe('a probe whose error path unregisters a link supplier waits for its own probe_count (README: "A failed probe that unregisters a supplier")', () => {
  // host's probe registers sup (devm: its devres unregisters sup when the probe fails) and may
  // fail; mmc's probe adds a managed link to sup. In really_probe's error path, host (inside
  // driver_probe_device, which raised probe_count) releases sup's driver; mmc's link is
  // CONSUMER_PROBE, so device_links_unbind_consumers calls wait_for_device_probe, which waits
  // for probe_count == 0: host's own count never drops. Found by a new user's hunt, 2026-12-04.
  const spec = (fails: boolean): ScenarioSpec => ({
    name: 'selfwait', devices: { host: {}, sup: { parent: 'host' }, mmc: {} },
    drivers: {
      hdrv: { matches: ['host'], registers: ['sup'], probe: fails ? ['ok', 'error'] : ['ok'], present: true },
      supdrv: { matches: ['sup'], present: true }, mmcdrv: { matches: ['mmc'], links: ['sup'], present: true },
    },
    actors: { 'add host': 'add host', 'add mmc': 'add mmc' }, properties: ['no-deadlock'],
  });
  for (const p of ['v4.14', 'v5.15', 'mainline']) {
    it(`${p}: violated, the waiter holding the count it waits for; never when the probe cannot fail`, () => {
      const r = check(buildScenario(spec(true), p, '').model, {});
      const d = r.properties[0]!;
      expect(d.verdict).toBe('violated');
      expect(d.waiters!.map((w) => [w.thread, w.label])).toEqual([['add host', 'wait_for_device_probe:wait_event']]);
      const labels = d.trace!.steps.map((s) => s.label);
      // The step where host's driver_probe_device raised probe_count (atomic_inc(&probe_count)).
      const inc = d.trace!.steps.find((s) => s.thread === 'add host' && s.changes.some((c) => c.field === 'probeCount'))!;
      expect(inc.label).toMatch(/^(driver_probe_device|really_probe)\(host,hdrv\):/);
      expect(labels.indexOf('really_probe(host,hdrv):probe_failed')).toBeGreaterThan(0);
      expect(labels.indexOf('__device_release_driver(sup):device_links_unbind_consumers')).toBeGreaterThan(labels.indexOf('really_probe(mmc,mmcdrv):call_probe'));
      expect(renderViolation(r, d)).toContain(`add host holds &dev->mutex(host), waits for probe_count == 0 (it is 1: add host itself since step ${inc.n})`);
      // The HTML report words the waiter as the text does (it showed only `probe_count == 0 (it is 1)`).
      expect(htmlReport([{ file: 'selfwait.ts', result: r }])).toContain(`add host holds &amp;dev-&gt;mutex(host), blocked at wait_for_device_probe:wait_event`);
      expect(htmlReport([{ file: 'selfwait.ts', result: r }])).toContain(`waits for probe_count == 0 (it is 1: add host itself since step ${inc.n})`);
      expect(check(buildScenario(spec(false), p, '').model, {}).properties[0]!.verdict).toBe('holds');
    });
  }
  it('v4.2 (no device links): holds', () => {
    expect(check(buildScenario(spec(true), 'v4.2', '').model, {}).properties[0]!.verdict).toBe('holds');
  });
});

// A patch hunt (2026-12-04) could not write 15cfb0941603's case: a driver's `links` always waited
// for the supplier to be bound, so a link to a supplier still probing was never added.
describe('linksUnchecked: a link added to a supplier still inside its probe (15cfb0941603)', () => {
  const spec: ScenarioSpec = { name: 'probing', devices: { sup: {}, con: { parent: 'sup' } },
    drivers: { 'sup-drv': { matches: ['sup'], present: true, registers: ['con'] }, 'con-drv': { matches: ['con'], links: ['sup'], linksUnchecked: true, present: true } },
    actors: { hotplug: 'add sup' }, properties: ['links-no-warn', 'links-supplier-bound'] };
  const statusWhileProbing = new Set<string>();
  const seen = defineProperty({ kind: 'invariant', name: 'seen', check: (v) => {
    if (v.links[0]!.exists && v.dev('sup').driver !== null && !v.dev('sup').bound) statusWhileProbing.add(`${v.profile} ${v.links[0]!.status}`);
    return null;
  } });
  it('before the fix the link starts DORMANT and the consumer\'s driver_bound WARNs; from it, CONSUMER_PROBE', () => {
    const r = (p: string, patches = '') => check(buildScenario({ ...spec, properties: [...spec.properties!, seen] }, p, patches).model);
    const old = r('v5.0');
    expect(old.properties.map((x) => [x.name, x.verdict])).toEqual([['links-no-warn', 'violated'], ['links-supplier-bound', 'vacuous'], ['seen', 'holds']]);
    expect(old.properties[0]!.explanation).toBe('WARN_ON in device_links_driver_bound(con): its link to supplier sup is DORMANT, not CONSUMER_PROBE (it becomes ACTIVE)');
    for (const [p, patches] of [['v5.0', '15cfb0941603'], ['v5.1', ''], ['v5.4', ''], ['mainline', '']]) expect(r(p!, patches).properties[0]!.verdict, p).toBe('holds');
    // Then ACTIVE once the consumer is bound, its supplier still probing.
    expect([...statusWhileProbing].sort()).toEqual(['mainline ACTIVE', 'mainline CONSUMER_PROBE', 'v5.0 + 15cfb0941603 ACTIVE', 'v5.0 + 15cfb0941603 CONSUMER_PROBE', 'v5.0 ACTIVE', 'v5.0 DORMANT', 'v5.1 ACTIVE', 'v5.1 CONSUMER_PROBE', 'v5.4 ACTIVE', 'v5.4 CONSUMER_PROBE']);
  });
  it('needs links; a consumer that waits for its supplier (no linksUnchecked) still defers until it is bound', () => {
    expect(() => buildScenario({ ...spec, drivers: { ...spec.drivers, 'con-drv': { matches: ['con'], linksUnchecked: true, present: true } } }, 'v5.4', '')).toThrow(/linksUnchecked without links/);
    const waits = check(buildScenario({ ...spec, drivers: { ...spec.drivers, 'con-drv': { matches: ['con'], links: ['sup'], present: true } }, properties: ['links-no-warn', 'links-supplier-bound'] }, 'v5.1', '').model);
    expect(waits.properties.map((x) => [x.name, x.verdict])).toEqual([['links-no-warn', 'holds'], ['links-supplier-bound', 'holds']]);
  });
});

// An audit of linksUnchecked (2026-12-04, core.c as each profile reads it): DL_DEV_PROBING outlasts
// a probe that a link deferred; a consumer's failed probe while its supplier probes WARNs (v5.9+);
// device_del purges managed links too, with WARN_ONs of its own.
describe('linksUnchecked, audited', () => {
  const warn = (s: ScenarioSpec, p: string) => {
    const r = check(buildScenario({ ...s, properties: ['links-no-warn'] }, p, '').model).properties[0]!;
    return r.verdict === 'violated' ? r.explanation : r.verdict;
  };
  const chain = (acts: string[]): ScenarioSpec => ({ name: 'chain', devices: { t: {}, s: {}, c: {} },
    drivers: { 't-drv': { matches: ['t'], present: true }, 's-drv': { matches: ['s'], links: ['t'], present: true }, 'c-drv': { matches: ['c'], links: ['s'], linksUnchecked: true, present: true } },
    actors: { boot: acts } });
  it('a supplier its own link deferred stays DL_DEV_PROBING: a link to it starts CONSUMER_PROBE from 15cfb0941603', () => {
    const s = chain(['add t', 'add s', 'unbind t-drv t', 'bind s-drv s', 'add c']);
    expect(warn(s, 'v5.4')).toBe('holds');
    expect(warn(s, 'mainline')).toBe('holds');
    expect(warn(s, 'v5.1')).toBe('holds');
    expect(warn(s, 'v5.0')).toMatch(/^WARN_ON in device_links_driver_bound\(c\): its link to supplier s is DORMANT/);
  });
  it("a consumer's failed probe while its supplier still probes: __device_links_no_driver's WARN (v5.9+), not the supplier's own reset", () => {
    const s: ScenarioSpec = { name: 'fail', devices: { sup: {}, con: { parent: 'sup' } },
      drivers: { 'sup-drv': { matches: ['sup'], present: true, registers: ['con'] }, 'con-drv': { matches: ['con'], links: ['sup'], linksUnchecked: true, present: true, probe: 'error' } },
      actors: { hotplug: 'add sup' } };
    expect(warn(s, 'v5.15')).toBe('WARN_ON in __device_links_no_driver(con): its CONSUMER_PROBE link to sup goes DORMANT while sup is not bound');
    // Before 8c3e315d4296 the link goes AVAILABLE with no WARN there; the supplier's driver_bound then WARNs.
    expect(warn(s, 'v5.4')).toBe('WARN_ON in device_links_driver_bound(sup): its link to consumer con is AVAILABLE, not DORMANT (it becomes AVAILABLE)');
  });
  it('device_del purges managed links: a deleted supplier with a bound consumer WARNs', () => {
    expect(warn(chain(['add t', 'add s', 'unbind t-drv t', 'bind s-drv s', 'add c', 'del s']), 'mainline')).toBe('WARN_ON in device_links_purge(s): its link to consumer c is ACTIVE, not DORMANT or NONE');
    // A consumer registered again by its supplier's next probe adds a fresh link: it never defers on the old one.
    const retry: ScenarioSpec = { name: 'retry', devices: { sup: {}, con: { parent: 'sup' } },
      drivers: { 'sup-drv': { matches: ['sup'], present: true, registers: ['con'], probe: ['error', 'ok'] }, 'con-drv': { matches: ['con'], links: ['sup'], linksUnchecked: true, present: true } },
      actors: { boot: ['add sup', 'bind sup-drv sup'] } };
    const never = defineProperty({ kind: 'invariant', name: 'con-never-defers', check: (v) => (v.dev('con').deferred !== 'none' ? `con is ${v.dev('con').deferred}` : null) });
    for (const p of ['v5.4', 'mainline']) expect(check(buildScenario({ ...retry, properties: [never] }, p, '').model).properties[0]!.verdict, p).toBe('holds');
  });
});

// A differential hunt (2026-12-04): device_link_add returns NULL for a supplier not through
// device_pm_add (core.c at fb583c8eeeb1:326); the model made the link and reported a WARN.
describe('linksUnchecked to a supplier never added', () => {
  it('adds no link', () => {
    const s: ScenarioSpec = { name: 'absent', devices: { c: {}, s: {} }, drivers: { cd: { matches: ['c'], links: ['s'], linksUnchecked: true, present: true } },
      actors: { a: ['add c', 'unbind cd c'] }, properties: ['links-no-warn'] };
    // No WARN, and since 2026-12-05 (a property audit) vacuous rather than holds: no link was ever made.
    for (const p of ['v5.1', 'v5.4', 'mainline']) expect(check(buildScenario(s, p, '').model).properties[0]!.verdict, p).toBe('vacuous');
  });
});

// A review (2026-12-05): a linksUnchecked link is skipped at its consumer's first probe only; a
// later probe while the supplier is unbound defers in device_links_check_suppliers. No deferred-probe
// worker was built for it, so the consumer stayed on the list after the supplier's bind triggered
// a retry, and no library property was chosen to say so.
describe('a linksUnchecked consumer probed again while its supplier is unbound', () => {
  const s: ScenarioSpec = { name: 'unchecked-again', devices: { s: { present: true, boundTo: 'sd' }, c: {} },
    drivers: { sd: { matches: ['s'], present: true }, cd: { matches: ['c'], present: true, links: ['s'], linksUnchecked: true } },
    actors: { hot: ['add c', 'unbind cd c', 'bind cd c'], admin: ['unbind sd s', 'bind sd s'] } };
  it('builds the deferred-probe worker: deferred-lists is chosen, and met', () => {
    const m = buildScenario(s, 'v5.10', '').model;
    expect(m.threads.map((t) => t.name)).toContain('kworker deferred_probe_work_func');
    expect(m.properties.map((p) => p.name)).toContain('deferred-lists');
    expect(check(m, { properties: ['deferred-lists'] }).properties[0]!.verdict).toBe('holds');
  });
});

// A links audit (2026-12-06): under a user's patch device_links_lock is a lock, and each library
// step whose C runs a device_links_write_lock() region waits for it, found by the step's C lines.
// really_probe's probe_failed cited device_links_no_driver only through core.c's lines (or, with
// children, through its range's last line), so on profiles that read dd.c without core.c (v4.18,
// v5.9, v5.10, v5.19) a failed probe ran device_links_no_driver while another thread held the lock.
// The call is in really_probe's error path in every dd.c read: 8c97a46af04b:494,
// dd.c@v5.10.13:621, 5a7a9efdb193:704 (`device_links_no_driver(dev);`), and its body takes
// device_links_write_lock() in every core.c read (9ed9895370ae, fb583c8eeeb1, 6bb7ea3afd3e, 6.18.16).
describe('device_links_no_driver on a failed probe waits for device_links_lock (a user patch holding it)', () => {
  it('at every profile with device links, read core.c or not', async () => {
    const { registerPatchFile, definePatch } = await import('../../src/kernel/define-patch.js');
    const s: ScenarioSpec = { name: 'lockgap', devices: { pmic: { present: true }, x: { present: true } },
      drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'x-drv': { matches: ['x'], module: 'xm', probe: 'error' } },
      actors: { udev1: 'modprobe pmic', udev2: 'modprobe xm' } };
    // udev2 runs x's device_links_no_driver while udev1 holds device_links_lock in pmic's device_links_driver_bound.
    const underLock: ActionProperty<KS> = { kind: 'action', name: 'no-driver-under-lock',
      holds: (b, _a, m) => !(m.label.endsWith('(x,x-drv):probe_failed') && (b.deviceLinksLock ?? 0) !== 0) };
    for (const p of ['v4.14', 'v4.18', 'v5.4', 'v5.10', 'v5.19', 'v6.1', 'mainline']) {
      const file = `/virtual/lockgap-${p}.ts`;
      registerPatchFile(file, [definePatch({ id: `lock-x-${p}`, subject: 'wait for x inside device_links_driver_bound', base: p, hunks: [
        { fn: 'really_probe', replace: 'driver_bound', step: (site, o) => ({ ...o!, holding: 'device_links_lock',
          await: (st: KS) => (o!.await ? o!.await(st, undefined as never) : true) && (st.dev[1]!.mutex === 0 || st.dev[1]!.mutex === site.tb.owner), waits: () => "x's &dev->mutex" }) }] })]);
      const m = buildScenario({ ...s, properties: ['no-deadlock'] }, p, file).model;
      m.properties = [underLock as unknown as Property<KS>];
      expect(check(m, { exhaustive: true }).properties[0]!.verdict, p).toBe('holds');
    }
  });
});

// Herve Codina's posted "driver core: Avoid warning when removing a device while its supplier is
// unbinding" (v7 3/3, 2026-05-11, merged as 36d74f17e03f; library patch codina-v7, flag LINKS_NO_DRIVER_UNBINDING_QUIET):
// WARN_ON(link->supplier->links.status != DL_DEV_UNBINDING && !device_link_test(link, DL_FLAG_SYNC_STATE_ONLY))
// in __device_links_no_driver, where core.c at 4793dae01f47 (and v6.12's) has the second conjunct only, and
// mainline's core.c since 2026-12-07 (10864921212f, v7.3-rc1) the merged line: so v6.12 shows the patch. The
// posting's lan966x chain (i2c -> oic, pinctrl; pinctrl -> oic; oic -> pci), the PCI device's driver
// unbound through sysfs where the posting rmmods it (the same __device_release_driver(pci) from
// there on, and no load model to build: s47 h6, 0.8 s of three CLI runs -> this).
describe("codina-v7: __device_links_no_driver's WARN_ON skipped while the supplier is DL_DEV_UNBINDING", () => {
  const lan: ScenarioSpec = { name: 'lan966x-unbind-chain',
    devices: { pci: { present: true, boundTo: 'pci-drv' }, oic: { present: true, boundTo: 'oic-drv' }, pinctrl: { present: true, boundTo: 'pinctrl-drv' }, i2c: { present: true, boundTo: 'i2c-drv' } },
    drivers: { 'pci-drv': { matches: ['pci'], present: true }, 'oic-drv': { matches: ['oic'], present: true, links: ['pci'] },
      'pinctrl-drv': { matches: ['pinctrl'], present: true, links: ['oic'] }, 'i2c-drv': { matches: ['i2c'], present: true, links: ['oic', 'pinctrl'] } },
    actors: { unbind: 'unbind pci-drv pci' }, properties: ['links-no-warn'] };
  const run = (patches: string, profile = 'v6.12') => { const r = check(buildScenario(lan, profile, patches).model); return { r, d: r.properties[0]! }; };
  it('v6.12 WARNs in the posting\'s sequence; with the posting none is reached, nor at mainline, which has it merged', () => {
    const { r, d } = run('');
    expect(d.verdict).toBe('violated');
    expect(d.explanation).toBe('WARN_ON in __device_links_no_driver(i2c): its ACTIVE link to oic goes DORMANT while oic is unbinding (DL_DEV_UNBINDING); 36d74f17e03f (v7.2, 6.18.53) skips this WARN_ON, later than this profile\'s core.c: --param patches=codina-v7 checks with it');
    expect(renderViolation(r, d)).toMatch(/link\[oic->pci\]\.status: ACTIVE→SUPPLIER_UNBIND[\s\S]*link\[pinctrl->oic\]\.status: ACTIVE→SUPPLIER_UNBIND[\s\S]*link\[i2c->pinctrl\]\.status: ACTIVE→SUPPLIER_UNBIND[\s\S]*link\[i2c->oic\]\.status: ACTIVE→DORMANT/);
    // oic's loop then finds the DORMANT link, makes it SUPPLIER_UNBIND: no device_links_driver_cleanup WARN either.
    expect(run('codina-v7').d.verdict).toBe('holds');
    expect(run('', 'mainline').d.verdict).toBe('holds');
    // Its other caller, device_links_no_driver (a consumer's failed probe while its supplier unbinds), runs the same WARN_ON.
    const fails: ScenarioSpec = { name: 'fails', buses: { platform: { autoprobe: false } }, devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true, probe: ['error'] } },
      actors: { a: 'bind mmc-drv mmc', b: 'unbind pmic-drv pmic' }, properties: ['links-no-warn'] };
    expect([['v6.12', ''], ['v6.12', 'codina-v7'], ['mainline', '']].map(([p, x]) => check(buildScenario(fails, p!, x!).model).properties[0]!.verdict)).toEqual(['violated', 'holds', 'holds']);
  });
  // 36d74f17e03f changed __device_links_no_driver only: device_links_missing_supplier's WARN_ON, the same
  // test without the DL_DEV_UNBINDING term, is in mainline's core.c (10864921212f) too. device_links_busy
  // breaks at disp's ACTIVE link and leaves mmc's AVAILABLE while pmic is DL_DEV_UNBINDING; mmc's bind
  // marks it CONSUMER_PROBE, finds clk unbound and makes it DORMANT (s51 h5: mainline read holds
  // for the lan966x chain, and a developer reading "mainline has the fix" would take this for it).
  it("device_links_missing_supplier's WARN beside an unbinding supplier stays at mainline and with codina-v7, and says why", () => {
    const ms: ScenarioSpec = { name: 'busy-break', buses: { platform: { autoprobe: false } },
      devices: { pmic: { present: true, boundTo: 'pmic-drv' }, disp: { present: true, boundTo: 'disp-drv' }, clk: { present: true }, mmc: { present: true, suppliers: ['pmic', 'clk'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'clk-drv': { matches: ['clk'], present: true }, 'disp-drv': { matches: ['disp'], present: true, links: ['pmic'] }, 'mmc-drv': { matches: ['mmc'], present: true } },
      actors: { a: 'unbind pmic-drv pmic', b: 'bind mmc-drv mmc' }, properties: ['links-no-warn'] };
    const why = (p: string, x = '') => check(buildScenario(ms, p, x).model).properties[0]!.explanation;
    const at = 'WARN_ON in device_links_missing_supplier(mmc): its link to pmic, marked CONSUMER_PROBE, goes DORMANT while pmic is unbinding (DL_DEV_UNBINDING)';
    const only = (src: string) => `${at}; 36d74f17e03f (LINKS_NO_DRIVER_UNBINDING_QUIET, in this run) skips only __device_links_no_driver's WARN_ON: this one has no DL_DEV_UNBINDING test (core.c@${src}:device_links_missing_supplier)`;
    expect(why('mainline')).toBe(only('torvalds@10864921212f'));
    expect(why('v6.12', 'codina-v7')).toBe(only(PROFILES['v6.12']!.sources['drivers/base/core.c']!));
    expect(why('v6.12')).toBe(at);
    expect(excerpt('torvalds@10864921212f', 'drivers/base/core.c', 'device_links_missing_supplier')!.lines).toContain('\t\t\tWARN_ON(!device_link_test(link, DL_FLAG_SYNC_STATE_ONLY));');
  });
  it('a run that checks no property able to see codina-v7 is told so (s48 h3: diff read still holds, exit 0, in silence)', () => {
    const m = buildScenario({ ...lan, properties: undefined }, 'v6.12', 'codina-v7').model;
    const said = () => (m.notes ?? []).filter((n) => n.startsWith('patch codina-v7 changes only '));
    m.selected!(['single-binding', 'no-deadlock']);
    expect(said()).toEqual(["patch codina-v7 changes only a WARN_ON's condition in __device_links_no_driver, which only links-no-warn judges, and this run does not check it: name it (--property links-no-warn)"]);
    m.selected!(['no-deadlock', 'links-no-warn'], ['links-no-warn']);
    expect(said()).toEqual([]);
    m.selected!(['no-deadlock']);
    expect(said()).toHaveLength(1);
  });
  it("a user's hunk that returns the step unchanged is said to change nothing; one that changes it, in place or at one site only, is not", async () => {
    const { registerPatchFile, definePatch } = await import('../../src/kernel/define-patch.js');
    const said = (id: string, step: Parameters<typeof definePatch>[0]['hunks'][number]['step']) => {
      registerPatchFile(`/virtual/codina-${id}.ts`, [definePatch({ id, subject: 'WARN_ON condition only', base: 'mainline', hunks: [{ fn: '__device_release_driver', replace: 'devres_release_all', step }] })]);
      return (buildScenario(lan, 'mainline', `/virtual/codina-${id}.ts`).model.notes ?? []).some((n) => n.startsWith(`patch ${id}'s hunk on __device_release_driver:devres_release_all returns the step unchanged: it changes nothing the model runs`));
    };
    expect(said('same', (_s, o) => ({ ...o! }))).toBe(true);
    // Changed only in the C it cites, as a user writes the posting's WARN_ON (s47 h13: no note, `still violated` in silence).
    const cites = (id: string, step: Parameters<typeof definePatch>[0]['hunks'][number]['step']) => {
      registerPatchFile(`/virtual/codina-${id}.ts`, [definePatch({ id, subject: 'WARN_ON condition only', base: 'mainline', hunks: [{ fn: '__device_release_driver', replace: 'devres_release_all', step }] })]);
      return (buildScenario(lan, 'mainline', `/virtual/codina-${id}.ts`).model.notes ?? []).filter((n) => n.startsWith(`patch ${id}'s hunk on __device_release_driver:devres_release_all `)).map((n) => n.slice(n.indexOf('devres_release_all ') + 19, n.indexOf(':', n.indexOf('devres_release_all '))));
    };
    const warnOn = 'drivers/base/core.c:__device_links_no_driver:: WARN_ON(link->supplier->links.status != DL_DEV_UNBINDING &&';
    expect(cites('cite', (_s, o) => ({ ...o!, c: [...(o!.c ?? []), warnOn] }))).toEqual(['changes only the C lines the step cites (c, where, since, merges, cIdle)']);
    expect(cites('cite-guard', (_s, o) => ({ ...o!, c: [...(o!.c ?? []), warnOn], await: () => false }))).toEqual([]);
    // Not one whose C loses (or gains) a line of a device_links_write_lock() region (the step then no longer waits for device_links_lock under a
    // user's patch), nor one whose guard is set with Object.defineProperty, not enumerable (s47 h14: both said to change nothing).
    expect(cites('cite-links', (_s, o) => ({ ...o!, c: (o!.c ?? []).filter((l) => !/device_links_driver_cleanup/.test(l)) }))).toEqual([]);
    expect(cites('cite-hidden', (_s, o) => Object.defineProperty({ ...o!, c: [...(o!.c ?? []), warnOn] }, 'await', { value: () => false }))).toEqual([]);
    expect(said('orig', (_s, o) => o!)).toBe(true);
    expect(said('guard', (_s, o) => ({ ...o!, await: () => false }))).toBe(false);
    // Changed in place and handed back (s47 h6: said to change nothing), or for one device only.
    expect(said('inplace', (_s, o) => Object.assign(o!, { await: () => false }))).toBe(false);
    expect(said('onesite', (site, o) => (site.k.w.devices[site.dev]!.name === 'pinctrl' ? { ...o!, await: () => false } : o!))).toBe(false);
  });
});
