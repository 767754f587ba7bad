/**
 * A device added again while a bus_for_each_dev walk holds its deleted struct's klist node (s37):
 * the kernel's bus_add_device puts the new struct's own node at the tail without waiting
 * (klist_add_tail takes only the klist's spinlock), and the walk goes on from the dead old node
 * (klist_next skips dead nodes: lib/klist.c). The model keeps that node apart (klist.ts
 * busMoveOld, DevS.oldRank/oldHeld/busGen, KL.knode) where it used to make the add wait.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import type { KL, KS } from '../../src/kernel/state.js';
import type { World } from '../../src/kernel/world.js';
import { busAddTail, busDel, busMoveOld, busNext } from '../../src/kernel/paths/klist.js';

function blank(n: number): { w: World; s: KS } {
  const w = { devices: Array.from({ length: n }, (_, i) => ({ i, bus: 0 })) } as unknown as World;
  const dev = Array.from({ length: n }, () => ({ onBus: false, busRank: 0, busHeld: 0, oldRank: 0, oldHeld: 0, busGen: 0 }));
  return { w, s: { dev } as unknown as KS };
}
const walk = () => ({ knode: [0] }) as unknown as KL;
const add = (w: World, s: KS, d: number) => { busMoveOld(s, d); busAddTail(w, s, d); s.dev[d]!.onBus = true; };
const del = (w: World, s: KS, d: number) => { s.dev[d]!.onBus = false; busDel(w, s, d); };

describe("the deleted struct's bus klist node, held by a walk", () => {
  it('stays in place when the device is added again: the walk meets the devices after it, then the new node', () => {
    const { w, s } = blank(3), all = [0, 1, 2];
    for (const d of all) add(w, s, d);
    const one = walk();
    expect(busNext(s, -1, all, one)).toBe(0);            // one holds 0's node
    del(w, s, 0);
    add(w, s, 0);                                        // a new struct: its own node at the tail
    expect(s.dev[0]).toMatchObject({ busRank: 3, busHeld: 0, oldRank: 1, oldHeld: 1, busGen: 1 });
    const two = walk();
    expect(busNext(s, -1, all, two)).toBe(1);            // a walk started now never sees the old node
    expect(busNext(s, 1, all, two)).toBe(2);
    expect(busNext(s, 2, all, two)).toBe(0);             // two holds the new node
    expect(busNext(s, 0, all, one)).toBe(1);             // one drops the old node: 1, 2, then the new 0
    expect(s.dev[0]).toMatchObject({ oldRank: 0, oldHeld: 0, busHeld: 1, busGen: 1 });
    expect(busNext(s, 0, all, two)).toBe(-1);            // two drops the new node, not the old
    expect(s.dev[0]).toMatchObject({ busHeld: 0, busGen: 0 });   // nothing held: back to the state without the re-add
    expect(busNext(s, 1, all, one)).toBe(2);
    expect(busNext(s, 2, all, one)).toBe(0);
    expect(busNext(s, 0, all, one)).toBe(-1);
    expect(s.dev.map((x) => [x.busHeld, x.oldHeld, x.busGen])).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });
});

const verdicts = (spec: ScenarioSpec, profile: string) =>
  Object.fromEntries(check(buildScenario(spec, profile, '').model, {}).properties.map((p) => [p.name, p.verdict]));

describe('a device added again while a walk holds its old node', () => {
  // USB: the interface is removed and added under the parent's lock, which the walk's
  // __driver_attach takes too. Until s37 the add waited for the walk, which waited for the
  // parent's lock: a false deadlock (and so a missed probe and an actor that never returned).
  it('under the lock the walk waits for is no deadlock', () => {
    const s: ScenarioSpec = { name: 'usb-readd-walk', buses: { usb: { needParentLock: true } },
      devices: { p: { present: true, bus: 'usb' }, a: { present: true, parent: 'p', bus: 'usb' }, b: { present: true, parent: 'p', bus: 'usb' } },
      drivers: { drv: { matches: ['a', 'b'], bus: 'usb' } }, actors: { reg: 'register drv', hot: ['del a', 'add a'] },
      properties: ['no-deadlock', 'actors-terminate', 'no-missed-probe'] };
    for (const p of ['v4.2', 'v5.10', 'mainline']) expect(verdicts(s, p), p).toEqual({ 'no-deadlock': 'holds', 'actors-terminate': 'holds', 'no-missed-probe': 'holds' });
  });
  // The walk on the old node holds the old struct, dead and unregistered: in the C its
  // driver_probe_device probes nothing. It meets the new struct only at its node at the tail,
  // after b; it must not probe the new struct from the old node's place (driver-attach.ts Stale).
  it('the walk on the old node takes nothing of the new struct', () => {
    const early = defineProperty({ kind: 'invariant', name: 'old-walk-probes-nothing', check: (v) =>
      (v.dev('a').probingIn === 'reg' && v.thread('hot').at === 'device_add(a):device_pm_add' && !v.dev('b').bound ? 'reg probes the new a before its walk met b' : null) });
    const s: ScenarioSpec = { name: 'readd-walk', devices: { a: { present: true }, b: { present: true } }, drivers: { drv: { matches: ['a', 'b'] } },
      actors: { reg: 'register drv', hot: ['del a', 'add a'] }, properties: [early] };
    for (const p of ['v4.2', 'v5.10', 'v5.15']) expect(verdicts(s, p), p).toEqual({ 'old-walk-probes-nothing': 'holds' });
  });
});
