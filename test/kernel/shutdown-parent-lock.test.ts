/**
 * ba6353748e71 ("driver core: don't always lock parent in shutdown", Stuart Hayes; in
 * driver-core-6.12-rc1, reverted there by eb46cb321f1f; posted again with the async shutdown series
 * in 2026): device_shutdown takes the parent's lock only where dev->bus->need_parent_lock (core.c at
 * torvalds@56d16d44fe8d, the one stored text with it; v6.1's 6bb7ea3afd3e and mainline's
 * 4793dae01f47 lock any parent). Written as a user's patch (a new kernel developer, 2026-12-06):
 * on a bus without need_parent_lock a child's ->shutdown() may then run while an `echo host >
 * unbind` runs its parent's remove(), which the parent's lock kept apart before. Nothing here is
 * a library property: shutdown-exclusive judges the device's own probe and remove.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { registerPatchFile, definePatch } from '../../src/kernel/define-patch.js';

const FILE = '/virtual/ba6353748e71.ts';
registerPatchFile(FILE, [definePatch({
  id: 'ba6353748e71', subject: "driver core: don't always lock parent in shutdown", base: 'v6.12',
  hunks: [
    { fn: 'device_shutdown', replace: 'lock_parent', step: (site, o) => (site.k.w.buses[site.k.w.devices[site.dev]!.bus]!.needParentLock ? o! : { ...o!, c: [], await: () => true, waits: undefined, run: () => 'device_lock' }) },
    { fn: 'device_shutdown', replace: 'device_unlock', step: (site, o) => (site.k.w.buses[site.k.w.devices[site.dev]!.bus]!.needParentLock ? o! : { ...o!, run: (s, t, b, c) => {
      const p = site.k.parent(site.dev), m = p >= 0 ? s.dev[p]!.mutex : 0;
      const r = o!.run(s, t, b, c);
      if (p >= 0) s.dev[p]!.mutex = m;
      return r;
    } }) },
  ] })]);

const spec = (usb: boolean): ScenarioSpec => ({
  name: 'reboot-parent-unbind', ...(usb ? { buses: { usb: { needParentLock: true } } } : {}),
  devices: { host: { present: true, boundTo: 'host-drv' }, dc: { parent: 'host', present: true, boundTo: 'dc-drv' } },
  drivers: { 'host-drv': { matches: ['host'], present: true }, 'dc-drv': { matches: ['dc'], present: true } },
  actors: { reboot: 'device_shutdown', udev: 'unbind host-drv host' }, properties: ['shutdown-exclusive'],
});
/**
 * shutdown-exclusive's verdict, and whether some state has the walk between dc's ->shutdown() (one
 * step with its device_lock) and its unlock while host's remove() runs: the two overlap.
 */
const overlap = (usb: boolean, patches: string) => {
  const m = buildScenario(spec(usb), 'v6.12', patches).model;
  m.properties = [...m.properties, { kind: 'sometimes', name: 'child-shut-in-parent-remove', holds: (s: KS, q) => q.at('reboot') === 'device_shutdown(dc):device_unlock' && s.dev[0]!.removing !== 0 }];
  return check(m, { exhaustive: true }).properties.map((p) => p.verdict);
};

describe('ba6353748e71 as a user patch: the walk without the parent lock on a bus without need_parent_lock', () => {
  it("platform: a child's ->shutdown() meets its parent's remove() only with the patch; shutdown-exclusive holds either way", () => {
    expect(overlap(false, '')).toEqual(['holds', 'unreachable']);
    expect(overlap(false, FILE)).toEqual(['holds', 'reachable']);
  });
  it('usb (need_parent_lock): the patch keeps the lock, and the two stay apart', () => {
    expect(overlap(true, FILE)).toEqual(['holds', 'unreachable']);
  });
});
