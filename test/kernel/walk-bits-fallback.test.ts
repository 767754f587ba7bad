/**
 * no-missed-probe's walk bits (src/kernel/paths/owed.ts) where a device has more than 8 walks: until
 * s39 they shared a bit per driver there (now a bit each, up to 16: walk-bits-wide.test.ts), which
 * never owes a probe that no walk will make. Until s38 h10 walksAhead, asked for a
 * re-added device with its own bit per walk, read a shared bit elsewhere as "this walk is still
 * under way": a walk that had ended got a bit on the new struct that nothing cleared, and a release
 * after every walk had ended owed its driver a probe no walk would make.
 */
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/emit.js';
import type { KS } from '../../src/kernel/state.js';
import { walkPasses, walkStarts, walkerOf, walksAhead } from '../../src/kernel/paths/owed.js';

describe('walk bits past 8 walks', () => {
  it('a re-added device gets no bit of a walk that has ended', () => {
    // Device 0 (i) is matched by y and z1..z7; device 1 (d) by y alone. y walks in two threads, each z in one: i has 9 walks, d has 2.
    const drivers = [{ matches: [0, 1] }, ...Array.from({ length: 7 }, () => ({ matches: [0] }))];
    const k = { w: { drivers, devices: [{ drivers: drivers.map((_, j) => j) }, { drivers: [0] }] },
      releasable: new Set([1]), missedJudged: true, walkTracked: new Set([0, 1]) } as unknown as Kernel;
    const w1 = walkerOf(k, 0, 'insmod'), w2 = walkerOf(k, 0, 'reload');
    for (let z = 1; z <= 7; z++) walkerOf(k, z, 'modprobe');
    const dev = () => ({ walkPending: 0, owed: 0, released: false, driver: 0 });
    const s = { dev: [dev(), dev()] } as unknown as KS;
    walkStarts(k, s, 0, w1); walkPasses(k, s, 0, -1, w1);     // insmod's walk of y runs to its end
    walkStarts(k, s, 0, w2); walkPasses(k, s, 0, 1, w2);      // reload's starts and leaves d, i still ahead of it
    s.dev[1]!.walkPending = walksAhead(k, s, 1);              // d deleted and added again (device-add.ts)
    walkPasses(k, s, 0, -1, w2);                              // reload's walk ends
    expect(s.dev[1]!.walkPending).toBe(0);
  });
});
