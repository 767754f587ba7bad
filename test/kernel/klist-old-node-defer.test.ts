/**
 * A driver's walk on the deleted struct's klist node (klist.ts busMoveOld, driver-attach.ts Stale)
 * where the bus's match defers (match-defer.ts): __driver_attach's `dev` is the old struct, so its
 * dev_set_can_match and driver_deferred_probe_add act on the old struct's `dev->p->deferred_probe`
 * (dd.c@dakr@1ac45118ddf8:133-143, __driver_attach :1249-1261), never on the new struct's.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type KS, type Property, type ScenarioSpec } from 'probecheck';

const spec: ScenarioSpec = { name: 'amba-readd-walk', devices: { pl011: { present: true, matchDefers: true } }, drivers: { 'uart-pl011': { matches: ['pl011'] } },
  actors: { insmod: 'register uart-pl011', hot: ['del pl011', 'add pl011'] } };

const verdict = (profile: string, holds: (s: KS, q: { at(t: string): string | null }) => boolean) => {
  const model = buildScenario(spec, profile, '').model;
  model.properties = [{ kind: 'invariant', name: 'p', holds }] as Property[];
  return check(model).properties[0]!.verdict;
};

describe("a walk on the old node whose match defers lists the old struct, not the new one", () => {
  // The walk meets the new struct's node (at the tail) only after leaving the old one: there, before
  // the new struct has passed device_pm_add (so before its own bus_probe_device), nothing but the old
  // walk's add can have put the new struct on the list.
  const notNew = (s: KS, q: { at(t: string): string | null }) => {
    const d = s.dev[0]!;
    return !(q.at('insmod') === '__driver_attach(pl011,uart-pl011):driver_match_device' && d.deferred !== 'none' && d.deferGen === d.gen && !d.ready);
  };
  for (const p of ['v4.14', 'v5.15', 'mainline']) {
    it(`${p}: turned stale between the match and the add`, () => expect(verdict(p, notNew)).toBe('holds'));
  }
  // Its can_match is the old struct's: the new struct's stays clear until its own match or probe.
  it("mainline: the new struct's can_match is not set by the old walk", () => {
    expect(verdict('mainline', (s, q) => !(q.at('insmod') === '__driver_attach(pl011,uart-pl011):driver_match_device' && s.dev[0]!.canMatch && !s.dev[0]!.ready))).toBe('holds');
  });
  // The old struct's entry is on the list while the new struct is registered (reached, so the
  // properties above are not about nothing).
  it("the old struct's entry is listed beside the new struct", () => {
    expect(verdict('mainline', (s) => !(s.dev[0]!.deferred !== 'none' && s.dev[0]!.deferGen !== s.dev[0]!.gen && s.dev[0]!.registered))).toBe('violated');
  });
});
