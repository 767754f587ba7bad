/**
 * A holder of a deleted struct's &dev->mutex (s38 h3: the slot added again meanwhile) reaches
 * driver_probe_device of the old struct from v5.14 on: its `int trigger_count =
 * atomic_read(&deferred_trigger_count)` is a local, and __driver_probe_device returns -ENODEV
 * (`dev->p->dead || !device_is_registered(dev)`, dd.c@torvalds@45ddcb42949f:349-354, 381-400), so it
 * never compares it. The model keeps one snapshot a slot (common.ts takeSnapshot), the new
 * struct's: until eb65f65 (s38 h9) the holder took it too, and the new struct's own probe inside
 * the hold stopped the search with E201 ("two probes of b hold a deferred_trigger_count snapshot
 * at once"; found again by s38 h11's differential). old-mutex-readd-review.test.ts holds the E201
 * half; the holder's return dropping the new probe's snapshot (`out`) is held here only.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';

// insmod's registration walk locks the old b after device_del's bus_remove_device; hot adds b
// again and its __device_attach probes the new b (d1 may defer: a snapshot) inside the hold.
const spec: ScenarioSpec = {
  name: 'walk-old-lock-snapshot', devices: { b: { present: true } }, drivers: { d1: { matches: ['b'], module: 'm1', probe: ['defer'] } },
  actors: { insmod: 'modprobe m1', hot: ['del b', 'add b'] }, properties: ['single-binding', 'no-deadlock'],
};

describe('a holder of the old struct\'s lock and the new struct\'s deferred_trigger_count snapshot', () => {
  it.each(['v5.15', 'mainline'])('%s: the search ends, the new b holds a snapshot while insmod holds the old b, and keeps it past insmod\'s return', (profile) => {
    const model = buildScenario(spec, profile, '').model;
    const h = model.threads.findIndex((t) => t.name === 'insmod') + 1;
    expect(h).toBeGreaterThan(0);
    model.properties = [...model.properties,
      { kind: 'sometimes', name: 'new-snapshot-under-old-lock', holds: (st: KS) => st.dev[0]!.oldMutex === h && st.dev[0]!.snap !== 'none' },
      // hot's probe of the new b, back from really_probe, still has the snapshot it compares: the
      // holder's return (probe_count's atomic_dec) does not drop it.
      { kind: 'invariant', name: 'new-snapshot-kept', holds: (st: KS, q) => q.at('hot') !== 'driver_probe_device(b,d1):deferred' || st.dev[0]!.snap !== 'none' },
    ] as Property[];
    const r = check(model, { exhaustive: true });
    expect(r.complete).toBe(true);
    const v = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
    expect([v['new-snapshot-under-old-lock'], v['new-snapshot-kept']]).toEqual(['reachable', 'holds']);
  });
});
