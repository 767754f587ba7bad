/**
 * A review of the re-add under a held deleted struct's lock (s38 h3; s38 h9). (1) A missed unlock
 * site: __device_release_driver's device-links loop dropped the parent's lock by clearing the
 * slot's mutex, so a driver_detach holding the deleted parent's lock (the parent deleted and
 * added again under it) cleared the new parent's lock and kept the old one, then relocked the new
 * one: a deadlock and a double binding the kernel has not (the C unlocks and relocks dev->parent,
 * the old struct: dd.c __device_release_driver's `while (device_links_busy(dev))` loop). (2) A
 * probe of the deleted struct that binds it (B6, before v5.9) left its binding in the slot, so the
 * new struct started bound, before its device_pm_add, never probed (a kzalloc'ed struct has
 * dev->driver NULL). (3) From v5.14 driver_probe_device takes its deferred_trigger_count
 * snapshot before __driver_probe_device's checks: a walk holding the old struct's lock took the
 * slot's snapshot beside a probe of the new struct, and the search stopped (E201). (4) The
 * synchronous fallback of __driver_attach's async_schedule_dev (v5.1 .. v5.19) runs the helper
 * under the walk's own lock, which it locks again: where that lock was the old struct's the helper
 * went on past it (the C deadlocks there, as without the re-add). (5) A USB parent deleted and
 * added again while a thread holds its lock: a child added under the old struct has it as
 * dev->parent, so a bind or unbind of the child locks the old parent, held; the slot gave them
 * the new one's, free, and they probed the child inside its device_add or its device_del (false
 * device-ready and no-probe-after-del). The add of the parent now waits while such a child lives,
 * and a child's add under the old parent's lock fails as kobject_add does under an unregistered
 * parent.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';

const verdicts = (spec: ScenarioSpec, profile: string, extra: Property[] = []) => {
  const model = buildScenario(spec, profile, '').model;
  model.properties = [...model.properties, ...extra];
  return Object.fromEntries(check(model, { exhaustive: true }).properties.map((p) => [p.name, p.verdict]));
};

describe('a re-add beside a held deleted struct\'s lock, reviewed', () => {
  it('driver_detach drops and retakes the old parent\'s lock in the device-links loop (USB, v5.10)', () => {
    // c-drv's removal unbinds c under p's lock (need_parent_lock); c supplies x, whose binding makes
    // the loop drop both locks; p is deleted and added again meanwhile. Since (5) p's add waits while
    // c lives, so this fails only with both that wait and the loop's unlockDev undone: the loop's
    // handling of an old parent lock is kept for every unlock site's sake.
    const spec: ScenarioSpec = {
      name: 'old-parent-links', buses: { usb: { needParentLock: true } },
      devices: { p: { present: true, boundTo: 'p-drv' }, c: { parent: 'p', bus: 'usb', present: true, boundTo: 'c-drv' }, x: { present: true, boundTo: 'x-drv' } },
      drivers: { 'p-drv': { matches: ['p'], present: true }, 'c-drv': { matches: ['c'], bus: 'usb', present: true }, 'x-drv': { matches: ['x'], links: ['c'], present: true } },
      actors: { admin: 'unregister c-drv', hot: ['del p', 'add p'] }, properties: ['no-deadlock', 'single-binding', 'usb-parent-lock'],
    };
    const both = { kind: 'sometimes', name: 'holds-old-and-new-parent', holds: (s: KS) => s.dev[0]!.oldMutex !== 0 && s.dev[0]!.mutex === s.dev[0]!.oldMutex } as Property;
    expect(verdicts(spec, 'v5.10', [both])).toEqual({ 'no-deadlock': 'holds', 'single-binding': 'holds', 'usb-parent-lock': 'holds', 'holds-old-and-new-parent': 'unreachable' });
  });

  it('a B6 probe\'s binding of the deleted struct is not the new struct\'s (v5.4)', () => {
    // s38 h3's worker-old-lock: the deferred worker's retry probes the old c past its registered check.
    const spec: ScenarioSpec = {
      name: 'b6-binding', devices: { c: {}, s: {} },
      drivers: { 'c-drv': { matches: ['c'], needs: ['s'], present: true }, 's-drv': { matches: ['s'], present: true } },
      actors: { hotplug: ['add c', 'del c', 'add c'], 'hotplug s': 'add s' }, properties: ['no-probe-after-del', 'single-binding', 'device-ready'],
    };
    // Between bus_add_device and device_pm_add no path of this scenario probes c (no walk runs).
    const early = { kind: 'sometimes', name: 'new-struct-bound-before-pm-add', holds: (s: KS) => s.dev[0]!.registered && !s.dev[0]!.ready && !s.dev[0]!.delStarted && s.dev[0]!.driver !== 0 } as Property;
    expect(verdicts(spec, 'v5.4', [early])).toEqual({ 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'device-ready': 'holds', 'new-struct-bound-before-pm-add': 'unreachable' });
  });

  it('a walk holding the old struct\'s lock takes no snapshot of the new struct\'s probe (v6.1)', () => {
    // modprobe's walk locks the old c, hot adds c again and probes it: both in driver_probe_device(c).
    const spec: ScenarioSpec = { name: 'walk-old-snap', devices: { c: { present: true }, s: {} }, drivers: { 'c-drv': { matches: ['c'], needs: ['s'], module: 'mc' } },
      actors: { mod: 'modprobe mc', hot: ['del c', 'add c'] }, properties: ['no-deadlock', 'deferred-lists'] };
    expect(verdicts(spec, 'v6.1')).toEqual({ 'no-deadlock': 'holds', 'deferred-lists': 'holds' });
  });

  it('__driver_attach\'s inline helper, under the walk\'s own old lock, waits on it (v5.10)', () => {
    const spec: ScenarioSpec = { name: 'inline-old-lock', devices: { c: { present: true } }, drivers: { 'c-drv': { matches: ['c'], module: 'mc', probeType: 'async' } },
      actors: { mod: 'modprobe mc', hot: ['del c', 'add c'] }, properties: ['no-deadlock'] };
    const past = { kind: 'sometimes', name: 'inline-helper-past-its-lock', holds: (_s: KS, q: { at(t: string): string | null }) => /^__driver_attach_async_helper\(c\).*:device_unlock$/.test(q.at('mod') ?? '') } as Property;
    expect(verdicts(spec, 'v5.10', [past])).toEqual({ 'no-deadlock': 'violated', 'inline-helper-past-its-lock': 'unreachable' });
  });

  const usb = { buses: { usb: { needParentLock: true } }, drivers: { 'p-drv': { matches: ['p'], present: true }, 'c-drv': { matches: ['c'], bus: 'usb', present: true } } };
  it('a bind of a USB child locks the parent struct the child was added under (v5.10)', () => {
    const spec: ScenarioSpec = { name: 'usb-old-parent', ...usb, devices: { p: { present: true, boundTo: 'p-drv' }, c: { parent: 'p', bus: 'usb' } },
      actors: { hotplug: 'add c', hotp: ['del p', 'add p'], user: 'bind c-drv c' }, properties: ['device-ready', 'no-deadlock'] };
    expect(verdicts(spec, 'v5.10')).toEqual({ 'device-ready': 'holds', 'no-deadlock': 'holds' });
  });

  it('an unbind and bind of a USB child wait for the old parent\'s lock that its device_del holds (v4.18)', () => {
    const spec: ScenarioSpec = { name: 'usb-old-parent-del', ...usb, devices: { p: { present: true, boundTo: 'p-drv' }, c: { parent: 'p', bus: 'usb', present: true, boundTo: 'c-drv' } },
      actors: { hotplug: 'del c', hotp: ['del p', 'add p'], user: ['unbind c-drv c', 'bind c-drv c'] }, properties: ['no-probe-after-del', 'no-deadlock'] };
    expect(verdicts(spec, 'v4.18')).toEqual({ 'no-probe-after-del': 'holds', 'no-deadlock': 'holds' });
  });
});
