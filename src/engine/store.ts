/**
 * The visited store: 64-bit fingerprints in an open-addressing table of 32-bit word pairs
 * (linear probing), with a predecessor link and the action taken per state id. States get ids
 * 0, 1, 2, ... in insertion order; the states themselves are not kept, traces are rebuilt by
 * re-executing the actions (as TLC does).
 *
 * A JavaScript Map or Set stops at 2^24 entries; these typed arrays do not.
 *
 * Memory, at most 16 bytes per state from a million states up (issue 12):
 * - the table takes 8 bytes per slot and grows by 1.4x once 85% full (2x below 2^20 slots), so
 *   from a million states up it is 61% to 85% full (9.4 to 13.2 bytes per state); a slot is
 *   found by scaling the hash to the capacity, which need not be a power of two;
 * - a parent id is kept as its difference from the previous state's parent, one signed byte
 *   (a breadth-first search stores states in the order it expands their parents, so the
 *   difference is small and never negative), with the ids that do not fit kept aside; a chunk
 *   where too many do not fit (a depth-first search) keeps 4-byte ids instead;
 * - the action code takes 1 byte (2 once some code needs it).
 * Links are held in chunks of 64K states so nothing is over-allocated. Every allocation after the
 * first goes through `reserve`, so a memory budget can refuse it before it is made; an
 * allocation that fails anyway leaves the store as it was.
 */
export const NO_PARENT = 0xffffffff;
const RECENT_BITS = 16;
const CHUNK_BITS = 16, CHUNK = 1 << CHUNK_BITS, CHUNK_MASK = CHUNK - 1, FIRST_CHUNK = 1024;
/** Grow past this load (the parallel search's shared table too), ... */
export const MAX_LOAD = 0.85;
/** ... by this factor; twofold while the table is small (fewer rehashes where bytes do not matter). */
const GROWTH = 1.4, SMALL = 1 << 20;

/**
 * A fingerprint's first slot in a table of `cap` slots (scale = cap / 2^32): the hash's top
 * bits, so any size will do and a grown table keeps the slots' order. The parallel search's
 * shared table finds its slots the same way.
 */
export function home(hi: number, lo: number, scale: number, cap: number): number {
  // (cap < 2^31, so the product truncates like floor.)
  const i = (((hi ^ Math.imul(lo, 0x9e3779b1)) >>> 0) * scale) | 0;
  return i < cap ? i : cap - 1;
}

/**
 * Move every fingerprint of `old` into the empty table `t` of `cap` slots. A function of its own,
 * with nothing after its loop: the few grows of a search each run it hundreds of thousands of
 * times, and inside grow() V8 compiled the loop on the fly and dropped that code at the property
 * writes after it, which had never run ("insufficient type feedback"): the later, larger grows ran
 * unoptimized, 100-130 ms of a 660,000-state search against 20-35 ms (2026-12-06).
 */
function rehash(old: Uint32Array, t: Uint32Array, scale: number, cap: number, oldIds?: Uint32Array, ids?: Uint32Array): void {
  for (let j = 0; j < old.length; j += 2) {
    const hi = old[j]!, lo = old[j + 1]!;
    if (hi === 0 && lo === 0) continue;
    let i = home(hi, lo, scale, cap);
    while (t[i << 1] !== 0 || t[(i << 1) + 1] !== 0) i = i + 1 === cap ? 0 : i + 1;
    t[i << 1] = hi; t[(i << 1) + 1] = lo;
    // (A store made `withIds` moves each slot's id along.)
    if (ids) ids[i] = oldIds![j >> 1]!;
  }
}

/** A parent difference that does not fit in a signed byte (the id is kept aside). */
const ASIDE = -128;
/** Ids kept aside in one chunk before it switches to 4-byte ids. */
const MAX_ASIDE = 4096;

/** The predecessor links of one chunk of 64K states. */
interface Links {
  /** Parent differences (ASIDE: see `aside`), or null once the chunk holds whole ids in `ids`. */
  diff: Int8Array | null;
  ids: Uint32Array | null;
  /** (offset, parent) pairs for the differences that did not fit, in offset order. */
  aside: Uint32Array;
  nAside: number;
  /** The parent of the last state put in the chunk. */
  last: number;
  action: Uint8Array | Uint16Array;
}

export class FingerprintStore {
  private table: Uint32Array;
  private cap: number;
  /** cap / 2^32: a 32-bit hash times this is its slot. */
  private scale: number;
  private grows: number;
  private links: Links[] = [];
  /** Ids below this have room in `links` (the first chunk starts small and doubles up to CHUNK). */
  private room = 0;
  /** Growths up to this many slots are not reserved (what the store was once made with up front). */
  private readonly free: number;
  private wide = false;
  /**
   * A direct-mapped cache of recently seen fingerprints in front of the table: most successors
   * are states already stored (87% for 2PC), and a hit here skips a random probe into a table of
   * hundreds of MiB. Only stored fingerprints enter it, so a hit is always right.
   */
  private recent: Uint32Array;
  /** 32 - log2 of the cache's entries: as many as the table has slots, up to 2^RECENT_BITS (a small search's store was mostly this cache). */
  private recentShift: number;
  /** With `withIds`: the id stored in each slot (4 more bytes per slot), for graph recording. */
  private slotIds: Uint32Array | undefined;
  /** Number of distinct fingerprints stored. */
  size = 0;
  /** After put() returned -1 on a store made `withIds`: the id of the state already there. */
  found = -1;
  /** Called with the byte size of each allocation before it is made; throws to refuse it. */
  reserve?: (bytes: number, what: string) => void;

  /**
   * `freeLog2`: growths of the table up to 2^freeLog2 slots go without `reserve`, as the table a
   * store once started at did (explore starts small, where a search of a few hundred states, most
   * of a test suite's, allocated and cleared 1 MiB: its reserves past 2^16 slots are as before).
   */
  constructor(initialLog2 = 10, withIds = false, freeLog2 = initialLog2) {
    this.cap = 1 << initialLog2;
    this.free = 2 ** freeLog2;
    this.scale = this.cap / 2 ** 32;
    this.grows = Math.floor(this.cap * MAX_LOAD);
    this.table = new Uint32Array(2 * this.cap);
    const bits = Math.min(RECENT_BITS, initialLog2);
    this.recent = new Uint32Array(2 << bits);
    this.recentShift = 32 - bits;
    if (withIds) this.slotIds = new Uint32Array(this.cap);
  }

  /** The first slot to probe for a fingerprint. */
  private home(hi: number, lo: number): number { return home(hi, lo, this.scale, this.cap); }

  /**
   * Add a fingerprint ((hi, lo) != (0, 0)). Returns its new id, or -1 if it was already there.
   * `parent` is the id of the state it was reached from (NO_PARENT for an initial state) and
   * `action` the code of the move taken.
   */
  put(hi: number, lo: number, parent: number, action: number): number {
    hi >>>= 0; lo >>>= 0;
    // (Not with ids: a hit must then report the id already stored, which the cache does not hold.)
    let r = this.recent, c = (Math.imul(lo, 0x85ebca6b) >>> this.recentShift) << 1;
    const cache = !this.slotIds;
    if (cache && r[c] === hi && r[c + 1] === lo) return -1;
    // (A growth may give the cache more entries.)
    if (this.size >= this.grows) { this.grow(); r = this.recent; c = (Math.imul(lo, 0x85ebca6b) >>> this.recentShift) << 1; }
    const t = this.table, cap = this.cap;
    let i = this.home(hi, lo);
    for (;;) {
      const j = i << 1;
      const a = t[j]!, b = t[j + 1]!;
      if (a === 0 && b === 0) {
        const id = this.size;
        // Make room before claiming the slot, so that a failed allocation changes nothing.
        if (id >= this.room || (action > 0xff && !this.wide)) this.makeRoom(id >>> CHUNK_BITS, action);
        this.roomFor(id, parent);
        t[j] = hi; t[j + 1] = lo;
        this.size++;
        if (this.slotIds) this.slotIds[i] = id;
        this.link(id, parent, action);
        if (cache) { r[c] = hi; r[c + 1] = lo; }
        return id;
      }
      if (a === hi && b === lo) {
        if (cache) { r[c] = hi; r[c + 1] = lo; } else this.found = this.slotIds![i]!;
        return -1;
      }
      i = i + 1 === cap ? 0 : i + 1;
    }
  }

  has(hi: number, lo: number): boolean {
    hi >>>= 0; lo >>>= 0;
    const t = this.table, cap = this.cap;
    let i = this.home(hi, lo);
    for (;;) {
      const j = i << 1;
      const a = t[j]!, b = t[j + 1]!;
      if (a === 0 && b === 0) return false;
      if (a === hi && b === lo) return true;
      i = i + 1 === cap ? 0 : i + 1;
    }
  }

  private static fits(parent: number, last: number): boolean {
    const d = parent - last;
    return parent !== NO_PARENT && d > ASIDE && d <= 127;
  }

  /** Allocate what id's links will need (its chunk exists), before anything is changed. */
  private roomFor(id: number, parent: number): void {
    const L = this.links[id >>> CHUNK_BITS]!;
    if (L.ids || FingerprintStore.fits(parent, L.last)) return;
    if (L.nAside === MAX_ASIDE) { this.wholeIds(L); return; }
    if (2 * L.nAside === L.aside.length) {
      this.reserve?.(L.aside.byteLength * 2, 'the predecessor links');
      const a = new Uint32Array(L.aside.length * 2);
      a.set(L.aside);
      L.aside = a;
    }
  }

  /** Store id's links (roomFor made room). */
  private link(id: number, parent: number, action: number): void {
    const L = this.links[id >>> CHUNK_BITS]!, o = id & CHUNK_MASK;
    L.action[o] = action;
    if (L.ids) { L.ids[o] = parent; return; }
    const fits = FingerprintStore.fits(parent, L.last);
    if (fits) L.diff![o] = parent - L.last;
    L.last = parent;
    if (fits) return;
    L.diff![o] = ASIDE;
    L.aside[2 * L.nAside] = o; L.aside[2 * L.nAside + 1] = parent;
    L.nAside++;
  }

  /** A chunk with too many ids aside: keep 4-byte ids from now on (those not yet put are 0 in diff). */
  private wholeIds(L: Links): void {
    this.reserve?.(CHUNK * 4, 'the predecessor links');
    const ids = new Uint32Array(CHUNK), diff = L.diff!;
    let p = 0, k = 0;
    // (A first chunk not yet grown whole: the ids past it are not put yet, and are written when they are.)
    for (let o = 0; o < diff.length; o++) {
      const d = diff[o]!;
      if (d === ASIDE) { p = L.aside[2 * k + 1]!; k++; } else p += d;
      ids[o] = p;
    }
    L.ids = ids; L.diff = null; L.aside = new Uint32Array(0); L.nAside = 0;
  }

  parent(id: number): number {
    const L = this.links[id >>> CHUNK_BITS]!, o = id & CHUNK_MASK;
    if (L.ids) return L.ids[o]!;
    // Sum the differences from the chunk's start (only traces ask: a few hundred calls).
    const diff = L.diff!, aside = L.aside;
    let p = 0, k = 0;
    for (let j = 0; j <= o; j++) {
      const d = diff[j]!;
      if (d === ASIDE) { p = aside[2 * k + 1]!; k++; } else p += d;
    }
    return p >>> 0;
  }

  action(id: number): number { return this.links[id >>> CHUNK_BITS]!.action[id & CHUNK_MASK]!; }

  /** The action codes from an initial state to state `id`, in order. */
  path(id: number): number[] {
    const out: number[] = [];
    for (let p = this.parent(id); p !== NO_PARENT; id = p, p = this.parent(id)) out.push(this.action(id));
    return out.reverse();
  }

  /** Bytes allocated for the table and the links. */
  bytes(): number {
    let n = this.table.byteLength + this.recent.byteLength + (this.slotIds?.byteLength ?? 0);
    for (const L of this.links) n += (L.diff?.byteLength ?? 0) + (L.ids?.byteLength ?? 0) + L.aside.byteLength + L.action.byteLength;
    return n;
  }

  capacity(): number { return this.cap; }

  /**
   * Hand the table's words over (pairs hi, lo; (0, 0) is an empty slot, `capacity()` slots,
   * found by `home`): the parallel search keeps the fingerprints from here on (it copies them
   * into its shared table), and the store keeps only the links (append), with an empty table and
   * cache of a few slots that no longer see the states put before (their bytes are the caller's).
   */
  takeFingerprints(): Uint32Array {
    const t = this.table;
    this.cap = 16;
    this.scale = this.cap / 2 ** 32;
    this.grows = Math.floor(this.cap * MAX_LOAD);
    this.table = new Uint32Array(2 * this.cap);
    this.recent = new Uint32Array(2 << 4);
    this.recentShift = 32 - 4;
    return t;
  }

  /**
   * A state whose fingerprint is kept elsewhere (the parallel search's shared table): the next
   * id, with its links only. After this, has() and put() no longer see every state.
   */
  append(parent: number, action: number): number {
    const id = this.size, k = id >>> CHUNK_BITS;
    if (id >= this.room || (action > 0xff && !this.wide)) this.makeRoom(k, action);
    this.roomFor(id, parent);
    this.link(id, parent, action);
    this.size++;
    return id;
  }

  private grow(): void {
    const old = this.table, oldCap = this.cap;
    const cap = oldCap < SMALL ? oldCap * 2 : Math.ceil(oldCap * GROWTH);
    const oldIds = this.slotIds;
    if (cap > this.free) this.reserve?.(cap * (oldIds ? 12 : 8), `the fingerprint table (${cap.toLocaleString('en-US')} slots)`);
    const t = new Uint32Array(cap * 2);
    const ids = oldIds ? new Uint32Array(cap) : undefined;
    this.table = t; this.cap = cap; this.scale = cap / 2 ** 32; this.grows = Math.floor(cap * MAX_LOAD);
    rehash(old, t, this.scale, cap, oldIds, ids);
    this.slotIds = ids;
    // The cache grows with the table (empty again: it only ever holds stored fingerprints).
    // (At most the 2^RECENT_BITS entries every store once started with: not reserved.)
    const bits = Math.min(RECENT_BITS, Math.floor(Math.log2(cap)));
    if (32 - bits < this.recentShift) {
      this.recent = new Uint32Array(2 << bits);
      this.recentShift = 32 - bits;
    }
  }

  /** The slow path of put(): a new chunk of links, more room in the first, or two-byte action codes. */
  private makeRoom(k: number, action: number): void {
    if (action > 0xff && !this.wide) this.widen();
    if (k >= this.links.length) this.addChunk();
    else if ((this.size & CHUNK_MASK) >= this.links[k]!.action.length) this.enlarge(this.links[k]!);
  }

  private addChunk(): void {
    if (this.links.length > 0) this.reserve?.(CHUNK * (this.wide ? 3 : 2) + 64, 'the predecessor links');
    // The first chunk starts at FIRST_CHUNK states and doubles (unreserved: it once started whole).
    const n = this.links.length > 0 ? CHUNK : FIRST_CHUNK;
    this.links.push({ diff: new Int8Array(n), ids: null, aside: new Uint32Array(16), nAside: 0, last: 0, action: this.wide ? new Uint16Array(n) : new Uint8Array(n) });
    this.room = (this.links.length - 1) * CHUNK + n;
  }

  /** Double the first chunk's arrays (the allocations first: a failed one changes nothing). */
  private enlarge(L: Links): void {
    const n = Math.min(CHUNK, 2 * L.action.length);
    const action = L.action instanceof Uint16Array ? new Uint16Array(n) : new Uint8Array(n);
    const diff = L.diff ? new Int8Array(n) : null;
    action.set(L.action);
    if (diff) diff.set(L.diff!);
    L.action = action; L.diff = diff;
    this.room = (this.links.length - 1) * CHUNK + n;
  }

  private widen(): void {
    this.reserve?.(this.links.length * CHUNK * 2, 'the predecessor links');
    for (const L of this.links) L.action = Uint16Array.from(L.action);
    this.wide = true;
  }
}
