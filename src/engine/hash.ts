/**
 * 64-bit fingerprints of flat states: two independent 32-bit lanes (a murmur3 lane and an
 * xxHash32 lane) over the state's 32-bit words, each finished with murmur3's fmix32.
 *
 * Hand-written rather than a library on purpose: a state is 20-200 bytes and this runs once per
 * transition; the hashing libraries on npm (xxhash-wasm, hash-wasm) cross into WebAssembly and
 * return a BigInt or a string per call, which costs more than the hash. The result is written
 * into `fp` rather than returned, so the hot loop allocates nothing.
 */
export const fp = { hi: 0, lo: 0 };

/** Fingerprint `words` 32-bit words of `w` into fp.hi/fp.lo. Never returns (0, 0). */
export function fingerprint(w: Uint32Array, words: number): void {
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
