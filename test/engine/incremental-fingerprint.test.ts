/**
 * Incremental fingerprints (hash.ts, fast.ts `expand`): a successor's fingerprint is its parent's
 * lane sums updated by the words its step changed, found from the writes the views marked plus the
 * integer-array words compared. A write that nothing marked would give a state the fingerprint of
 * another, and the search would take it as seen: a lost state, a wrong `holds`. So every bundled
 * suite case runs unreduced with PROBECHECK_CHECK_FINGERPRINTS=1 (each incremental fingerprint
 * tested against the whole state's), the smallest also against the reference backend, which
 * hashes whole states (test/engine/bundled-cases.test.ts, one build of the cases for its sweeps);
 * here, the check is shown to fail when the integer arrays go unscanned, and the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, t, type Model } from 'probecheck';
import { FastBackend } from '../../src/engine/state/fast.js';
import { fp, fingerprint, INCREMENTAL_WORDS } from '../../src/engine/hash.js';

const VAR = 'PROBECHECK_CHECK_FINGERPRINTS';
let before: string | undefined;
beforeAll(() => { before = process.env[VAR]; process.env[VAR] = '1'; });
afterAll(() => { if (before === undefined) delete process.env[VAR]; else process.env[VAR] = before; });

describe('incremental fingerprints', () => {
  /** A model whose step writes an integer array (a plain Uint8Array, which marks nothing), padded past INCREMENTAL_WORDS. */
  const arrays: Model = {
    name: 'arrays',
    state: t.record({ a: t.array(6, t.int(3)), n: t.int(3), pad: t.array(4 * INCREMENTAL_WORDS, t.record({ x: t.bool })) }),
    threads: [{ name: 'w', steps: {
      put: { where: 'test', run: (s: { a: Uint8Array; n: number }) => { s.a[s.n] = (s.a[s.n]! + 1) & 3; if (s.a[s.n] === 0) s.n = (s.n + 1) & 3; return 'put'; } },
    } }],
    properties: [{ kind: 'invariant', name: 'small', holds: () => true }],
  };

  it('integer-array writes are found by comparing their words, and the check fails when they are not', () => {
    expect(check(arrays, { symmetry: false }).states).toBe(check(arrays, { symmetry: false, backend: 'reference' }).states);
    const be = new FastBackend(arrays);
    const hidden = be as unknown as { scan: Int32Array; scanOf: Int32Array[] };
    hidden.scan = new Int32Array(0);
    hidden.scanOf = hidden.scanOf.map(() => new Int32Array(0));
    be.loadInitial();
    expect(() => be.expand(() => {})).toThrow(/a write that no view marked/);
  });

  it('a successor\'s fingerprint, from its parent\'s sums and its changed words, equals its whole state\'s', () => {
    const be = new FastBackend(arrays);
    expect(be.words).toBeGreaterThanOrEqual(INCREMENTAL_WORDS);
    be.loadInitial();
    for (let i = 0; i < 12; i++) {
      const seen: number[][] = [], whole: number[][] = [];
      be.expand(() => {
        seen.push([fp.hi, fp.lo]);
        fingerprint(be.nextWords(), be.words);
        whole.push([fp.hi, fp.lo]);
      });
      expect(seen).toHaveLength(1);
      expect(seen).toEqual(whole);
      be.apply(0, 0);
    }
  });

  it('a spawn whose init writes the new thread\'s integer array is fingerprinted right (its words are compared too)', () => {
    const m: Model = {
      name: 'spawner',
      state: t.record({ go: t.int(1), pad: t.array(4 * INCREMENTAL_WORDS, t.record({ x: t.bool })) }),
      threads: [
        { name: 'a', steps: { start: { where: 'test', run: (s: { go: number }, _l: unknown, _b: number, ctx) => { s.go = 1; ctx.spawn('b', (l: { v: Uint8Array }) => { l.v[2] = 1; }); return null; } } } },
        { name: 'b', running: false, locals: t.record({ v: t.array(8, t.int(1)) }), steps: { run: { where: 'test', run: (_s: unknown, l: { v: Uint8Array }) => { l.v[5] = 1; return null; } } } },
      ],
      properties: [{ kind: 'invariant', name: 'ok', holds: () => true }],
    };
    const a = check(m, { symmetry: false }), b = check(m, { symmetry: false, backend: 'reference' });
    expect([a.states, a.transitions]).toEqual([b.states, b.transitions]);
    expect(a.states).toBe(3);
  });
});

describe('a thread that ends has its locals zeroed (fast.ts expand: a loop up to FILL_BYTES, fill past it)', () => {
  // Two runs of a spawned thread that write its locals and end: states differ only if an ended
  // thread's locals were left as written. Locals of 3 and of 100 bytes, states below and past
  // INCREMENTAL_WORDS words: the fast backend's counts are the reference's.
  const model = (localBytes: number, padWords: number): Model => ({
    name: 'ends', properties: [{ kind: 'invariant', name: 'ok', holds: () => true }],
    state: t.record({ runs: t.int(3), pad: t.array(4 * padWords, t.record({ x: t.bool })) }),
    threads: [
      { name: 'a', steps: { go: { where: 'test', await: (s: { runs: number }) => s.runs < 2, run: (s: { runs: number }, _l: unknown, _b: number, ctx) => { if (ctx.canSpawn('b')) ctx.spawn('b'); return 'go'; } } } },
      { name: 'b', running: false, locals: t.record({ v: t.array(localBytes, t.int(3)) }), steps: {
        w: { where: 'test', branches: 2, run: (s: { runs: number }, l: { v: Uint8Array }, b: number) => { l.v[0] = b + 1; l.v[localBytes - 1] = b + 1; s.runs++; return null; } },
      } },
    ],
  });
  it.each([[3, 1], [3, INCREMENTAL_WORDS], [100, 1], [100, INCREMENTAL_WORDS]])('locals of %i bytes, %i padding words', (bytes, pad) => {
    const m = model(bytes, pad);
    const a = check(m, { symmetry: false }), b = check(m, { symmetry: false, backend: 'reference' });
    expect([a.states, a.transitions]).toEqual([b.states, b.transitions]);
  });
});
