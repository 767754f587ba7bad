/**
 * 64-bit fingerprints of flat states. From INCREMENTAL_WORDS words up: two 32-bit lanes, each the sum (mod 2^32) over the state's
 * 32-bit words of a term per word: the word XOR a seed of its position, then multiplies by odd
 * constants and xorshifts (different ones per lane, after murmur3's), a bijection of the word.
 * Each lane's sum is finished with murmur3's fmix32.
 *
 * A sum, so that a successor's fingerprint follows from its parent's sums and the few words its
 * step wrote (fast.ts: `expand` subtracts each changed word's old term and adds its new one): a
 * step changes 1-4 of 50-100 words, and reading all of them costs about what hashing them does.
 * Zobrist's hashing for game positions (1970) does the same with an XOR of table entries per
 * (position, value); a sum of computed terms needs no table. Each term is a bijection of its
 * word, so two states that differ in one word never share a lane sum; for states that differ
 * in more, `collisionProbability` takes the 64 bits as random, as for any hash here.
 *
 * Hand-written rather than a library on purpose: a state is 20-400 bytes and this runs once per
 * transition; the hashing libraries on npm (xxhash-wasm, hash-wasm) cross into WebAssembly and
 * return a BigInt or a string per call, which costs more than the hash, and none is incremental.
 * Results are written into `fp` and `sums` rather than returned, so the hot loop allocates nothing.
 */
export const fp = { hi: 0, lo: 0 };
/** The lane sums of the last state `sumsOf` read (before `finish`). */
export const sums = { lo: 0, hi: 0 };

/** Per-position seeds, grown as states need (splitmix32 from a fixed start: the same in every process and worker). */
let seedLo = new Uint32Array(0), seedHi = new Uint32Array(0);
function seeds(words: number): void {
  if (words <= seedLo.length) return;
  const n = Math.max(words, 2 * seedLo.length, 64);
  const lo = new Uint32Array(n), hi = new Uint32Array(n);
  let s = 0x2545f491;
  const next = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (let i = 0; i < n; i++) { lo[i] = next(); hi[i] = next(); }
  seedLo = lo; seedHi = hi;
}
seeds(64);

/** The low lane's term for word x at position i. */
export function termLo(i: number, x: number): number {
  let k = Math.imul(x ^ seedLo[i]!, 0xcc9e2d51);
  k ^= k >>> 15; k = Math.imul(k, 0x85ebca6b); k ^= k >>> 13;
  return k;
}

/** The high lane's term for word x at position i. */
export function termHi(i: number, x: number): number {
  let k = Math.imul(x ^ seedHi[i]!, 0x846ca68b);
  k ^= k >>> 16; k = Math.imul(k, 0xc2b2ae35); k ^= k >>> 15;
  return k;
}

/** sums := the lane sums of the first `words` words of w. */
export function sumsOf(w: Uint32Array, words: number): void {
  if (words > seedLo.length) seeds(words);
  let lo = 0, hi = 0;
  for (let i = 0; i < words; i++) {
    const x = w[i]!;
    lo = (lo + termLo(i, x)) | 0;
    hi = (hi + termHi(i, x)) | 0;
  }
  sums.lo = lo; sums.hi = hi;
}

/** fp := the fingerprint of a state of `words` words with lane sums (lo, hi). Never (0, 0). */
export function finish(lo: number, hi: number, words: number): void {
  let h1 = hi ^ words, h2 = lo ^ Math.imul(words, 4);
  h1 ^= h1 >>> 16; h1 = Math.imul(h1, 0x85ebca6b); h1 ^= h1 >>> 13; h1 = Math.imul(h1, 0xc2b2ae35); h1 ^= h1 >>> 16;
  h2 ^= h2 >>> 15; h2 = Math.imul(h2, 0x85ebca77); h2 ^= h2 >>> 13; h2 = Math.imul(h2, 0xc2b2ae3d); h2 ^= h2 >>> 16;
  fp.hi = h1 >>> 0;
  fp.lo = (h1 | h2) === 0 ? 1 : h2 >>> 0;
}

/**
 * From this many words a state is fingerprinted by lane sums, which a successor updates from the
 * words its step changed (fast.ts); below it by `chained`, which costs less to compute whole (a
 * sum's terms take more work per word: 275 ns against 164 ns for 65 words here) and costs less
 * than marking writes. Measured on 2026-12-04, the two ways in one process, alternating:
 * probe-tree (17 words) 18% and 2PC (9 words) 12% slower with sums; host-children (42-111 words)
 * faster. Every state of one model has one size, so one search uses one of the two.
 */
export const INCREMENTAL_WORDS = 24;

/** Fingerprint `words` 32-bit words of `w` into fp.hi/fp.lo (from INCREMENTAL_WORDS words up, their lane sums into `sums` too). Never (0, 0). */
export function fingerprint(w: Uint32Array, words: number): void {
  if (words < INCREMENTAL_WORDS) { chained(w, words); return; }
  sumsOf(w, words);
  finish(sums.lo, sums.hi, words);
}

/**
 * Two chained 32-bit lanes over the words (a murmur3 lane and an xxHash32 lane), each finished
 * with fmix32: for small states, and for symmetry's canonical forms (reduce/symmetry.ts), which
 * are hashed whole anyway and compared only with each other.
 */
export function chained(w: Uint32Array, words: number): void {
  let h1 = 0x9747b28c | 0, h2 = 0x165667b1 | 0;
  for (let i = 0; i < words; i++) {
    const x = w[i]!;
    let k = Math.imul(x, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h1 ^= Math.imul(k, 0x1b873593);
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 = (h2 + Math.imul(x, 0x85ebca77)) | 0;
    h2 = (h2 << 13) | (h2 >>> 19);
    h2 = Math.imul(h2, 0x9e3779b1);
  }
  h1 ^= words; h2 ^= words * 4;
  h1 ^= h1 >>> 16; h1 = Math.imul(h1, 0x85ebca6b); h1 ^= h1 >>> 13; h1 = Math.imul(h1, 0xc2b2ae35); h1 ^= h1 >>> 16;
  h2 ^= h2 >>> 15; h2 = Math.imul(h2, 0x85ebca77); h2 ^= h2 >>> 13; h2 = Math.imul(h2, 0xc2b2ae3d); h2 ^= h2 >>> 16;
  fp.hi = h1 >>> 0;
  fp.lo = (h1 | h2) === 0 ? 1 : h2 >>> 0;
}

/** A fingerprint as 16 hex digits. */
export function hex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * Probability that some two of n distinct states share a fingerprint (TLC's optimistic
 * estimate, n^2 / 2^65, for a uniformly distributed 64-bit fingerprint).
 */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * n) / 2 ** 65);
}
