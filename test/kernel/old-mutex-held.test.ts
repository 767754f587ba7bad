/**
 * A thread holding a deleted struct's &dev->mutex (DevS.oldMutex: the device added again since it
 * locked it, s38 h3) holds a device lock all the same: device_lock is on the struct the thread got
 * (include/linux/device.h), so a wait under it is a wait under a lock, and a parent taken under it
 * is taken under a child's lock (its dev->parent). Before s38 h16 no-wait-under-lock, lock-order
 * and the view's `holds` read only the slot's lock. Here the actor locks c before the re-add (hotplug's
 * `del e` waits for the actor's `add e`) and reaches its wait (or its parent lock) only after it (its
 * `del d` waits for d, added after `add c`); where it locks c before device_del(c), that one waits
 * for it at kill_device (v5.3 on) and nothing goes on. So every run to the wait holds the old c.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { Kernel } from '../../src/kernel/emit.js';
import type { KS } from '../../src/kernel/state.js';
import { kernelView } from '../../src/kernel/view.js';

function verdicts(spec: ScenarioSpec, profile: string, extra: (k: Kernel, threads: string[]) => Property[] = () => []) {
  const b = buildScenario(spec, profile, ''), model = b.model;
  model.properties = [...model.properties, ...extra(b.kernel, model.threads.map((t) => t.name))];
  const r = check(model, { exhaustive: true }).properties;
  return Object.fromEntries(r.map((p) => [p.name, p.verdict]));
}

describe("a deleted struct's lock is a lock held", () => {
  it('no-wait-under-lock: wait_for_device_probe holding the old c (v5.4)', () => {
    const spec: ScenarioSpec = { name: 'old-lock-wait', devices: { c: { present: true }, d: {}, e: {} }, drivers: {},
      actors: { user: ['lock c', 'add e', 'del d', 'wait_for_device_probe', 'unlock c'], hotplug: ['del c', 'del e', 'add c', 'add d'] },
      properties: ['no-wait-under-lock'] };
    // The view's holds, read by a user property: the actor at its wait holding only the old c.
    const held = (k: Kernel, threads: string[]): Property[] => {
      const info = { threads, asyncThreads: new Set<string>(), actors: new Set(['user', 'hotplug']) };
      return [{ kind: 'sometimes', name: 'waits-holding-c', holds: (s: KS, q) => kernelView(k, info, s, q).threads.some((t) => t.name === 'user' && t.at !== null && t.at.startsWith('wait_for_device_probe') && t.holds.includes('c')) } as Property];
    };
    expect(verdicts(spec, 'v5.4', held)).toEqual({ 'no-wait-under-lock': 'violated', 'waits-holding-c': 'reachable' });
  });

  it('lock-order: the parent taken while holding the old child (v5.4)', () => {
    const spec: ScenarioSpec = { name: 'old-lock-order', devices: { p: { present: true }, c: { parent: 'p', present: true }, d: {}, e: {} }, drivers: {},
      actors: { user: ['lock c', 'add e', 'del d', 'lock p', 'unlock p', 'unlock c'], hotplug: ['del c', 'del e', 'add c', 'add d'] },
      properties: ['lock-order'] };
    expect(verdicts(spec, 'v5.4')).toEqual({ 'lock-order': 'violated' });
  });
});
