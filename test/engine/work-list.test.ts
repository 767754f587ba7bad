/**
 * The fast backend's work list (a deque of records in chunks) against a plain array: random runs
 * of pushes, pops from the front (BFS) and from the back (DFS) across chunk boundaries, for a state
 * copied word by word (1 word) and one copied with TypedArray.set (20 words).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { t, type Model } from 'probecheck';
import { FastBackend } from '../../src/engine/state/fast.js';

function model(bytes: number): Model {
  return {
    name: `bytes-${bytes}`, state: t.record({ b: t.array(bytes, t.int(255)) }),
    threads: [{ name: 'T', steps: { s: { where: 'test/work-list', run: () => null } } }], properties: [],
  };
}

type Op = { op: 'push' | 'front' | 'back'; n: number };
const ops = fc.array(fc.record({ op: fc.constantFrom<Op['op']>('push', 'push', 'front', 'back'), n: fc.integer({ min: 1, max: 3000 }) }), { maxLength: 12 });

describe.each([1, 77])('the work list of a %d-byte state', (bytes) => {
  it('pops what an array would, in BFS and DFS order, and says how many are pending', () => {
    fc.assert(fc.property(ops, (run) => {
      const be = new FastBackend(model(bytes));
      const W = be.words;
      const src = new Uint32Array(W);
      const want: number[] = [];
      let next = 0;
      for (const { op, n } of run) {
        for (let i = 0; i < n; i++) {
          if (op === 'push') {
            const v = next++;
            for (let w = 0; w < W; w++) src[w] = (v * 31 + w) >>> 0;
            be.loadWords(src, 0);
            be.pushCur(v, v & 0xffff);
            want.push(v);
          } else {
            const got = op === 'front' ? be.popFront() : be.popBack();
            if (got !== want.length > 0) expect([op, got]).toEqual([op, want.length > 0]);
            if (!got) break;
            const v = op === 'front' ? want.shift()! : want.pop()!;
            if (be.poppedId !== v || be.poppedDepth !== (v & 0xffff)) expect([be.poppedId, be.poppedDepth]).toEqual([v, v & 0xffff]);
            const cur = be.curWords();
            for (let w = 0; w < W; w++) if (cur[w] !== ((v * 31 + w) >>> 0)) expect([v, w, cur[w]]).toEqual([v, w, (v * 31 + w) >>> 0]);
          }
          if (be.pending() !== want.length) expect(be.pending()).toBe(want.length);
        }
      }
      be.clear();
      expect([be.pending(), be.popFront(), be.popBack()]).toEqual([0, false, false]);
    }), { numRuns: 60 });
  });

  it('gives back the chunks a BFS has consumed', () => {
    const be = new FastBackend(model(bytes));
    const src = new Uint32Array(be.words);
    for (let v = 0; v < 200_000; v++) { be.loadWords(src, 0); be.pushCur(v, 0); }
    const full = be.queueBytes();
    expect(full).toBeGreaterThanOrEqual(200_000 * (be.words + 2) * 4);
    for (let v = 0; v < 199_000; v++) be.popFront();
    // Chunks double up to 4 MiB, so the last one can be half of all there were.
    expect(be.queueBytes()).toBeLessThan(full * 0.6);
    expect(be.pending()).toBe(1000);
  });
});
