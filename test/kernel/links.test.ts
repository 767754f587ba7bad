/**
 * B16 on a tiny scenario: a stateless device link that both the supplier's and the consumer's
 * probe add, and both ->remove delete (ead18c23c263). Pinned state counts and verdicts.
 */
import { describe, expect, it } from 'vitest';
import { PATCHES, buildScenario, check, type ScenarioSpec } from 'probecheck';
import { stepLabels } from './helpers.js';

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

  it('one driver adding and deleting its own link is fine before the fix', () => {
    expect(run(spec(false), 'v4.14').v['links-single-delete']).toBe('holds');
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
  // a late bind of c1 defers. 2070 states when the model wrote nothing while busy (c1 could probe).
  const busy: ScenarioSpec = { name: 'busy', buses: { platform: { autoprobe: false } }, devices: { s: { present: true }, c1: { present: true }, c2: { present: true } },
    drivers: { sd: { matches: ['s'], present: true }, cd: { matches: ['c1', 'c2'], present: true, links: ['s'] } },
    actors: { admin: ['bind sd s', 'bind cd c1', 'unbind cd c1', 'bind cd c2', 'unbind sd s'], late: ['bind cd c1'] }, properties: ['links-supplier-bound', 'no-deadlock'] };
  it('marks the links before the first busy one and the supplier unbinding even when busy', () => {
    for (const p of ['v5.15', 'mainline']) expect(run(busy, p), p).toMatchObject({ states: 2060, v: { 'links-supplier-bound': 'holds', 'no-deadlock': 'holds' } });
  });
});
