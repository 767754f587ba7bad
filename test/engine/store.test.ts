/**
 * The fingerprint store on its own, past the 2^24 entries where a JavaScript Map or Set stops:
 * 17,000,000 distinct pseudo-random fingerprints get ids 0..n-1 in order, every one is found
 * again, re-inserting one is refused, and fingerprints never inserted are not found.
 */
import { describe, expect, it } from 'vitest';
import { FingerprintStore } from 'probecheck';
import { NO_PARENT } from '../../src/engine/store.js';

/** murmur3's fmix32: a bijection on 32-bit integers, so distinct i give distinct fingerprints. */
function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
}
const hiOf = (i: number) => fmix(i + 1);
/** Unsigned, as fp.lo is: the store compares the words it is given with the unsigned ones it holds. */
const loOf = (i: number) => (fmix((i + 1) ^ 0x5bd1e995) | 1) >>> 0;

describe('FingerprintStore', () => {
  it('small: ids in order, duplicates refused, parents and actions kept, paths rebuilt', () => {
    const s = new FingerprintStore(2);
    expect(s.put(1, 2, NO_PARENT, 0)).toBe(0);
    expect(s.put(3, 4, 0, 7)).toBe(1);
    expect(s.put(1, 2, 1, 9)).toBe(-1);
    for (let i = 0; i < 100; i++) s.put(hiOf(i), loOf(i), i + 1, i & 0xffff);
    expect(s.size).toBe(102);
    expect(s.path(1)).toEqual([7]);
    expect(s.path(4)).toEqual([7, 0, 1, 2]);
    expect(s.has(3, 4)).toBe(true);
    expect(s.has(4, 3)).toBe(false);
  });

  it('holds 17,000,000 distinct fingerprints (more than 2^24)', () => {
    const N = 17_000_000;
    expect(N).toBeGreaterThan(2 ** 24);
    // Started at 2^24 slots: one growth (at 3/4 load) to 2^25 is still exercised; the smaller
    // growths are the small test's and every search's.
    const s = new FingerprintStore(24);
    let wrongId = 0;
    for (let i = 0; i < N; i++) if (s.put(hiOf(i), loOf(i), i === 0 ? NO_PARENT : i - 1, i & 0xffff) !== i) wrongId++;
    expect(wrongId).toBe(0);
    expect(s.size).toBe(N);

    let missing = 0, accepted = 0, phantom = 0;
    for (let i = 0; i < N; i += 7) if (!s.has(hiOf(i), loOf(i))) missing++;
    for (let i = 0; i < N; i += 1001) if (s.put(hiOf(i), loOf(i), 0, 0) !== -1) accepted++;
    for (let i = N; i < N + 100_000; i++) if (s.has(hiOf(i), loOf(i))) phantom++;
    expect([missing, accepted, phantom, s.size]).toEqual([0, 0, 0, N]);
    expect([s.parent(N - 1), s.action(N - 1)]).toEqual([N - 2, (N - 1) & 0xffff]);
    expect(s.capacity()).toBeGreaterThanOrEqual(2 ** 25);
    // 8 bytes per table slot plus 6 per state for the links.
    expect(s.bytes() / N).toBeLessThan(32);
  });
});
