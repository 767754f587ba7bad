/**
 * The visited store: 64-bit fingerprints in an open-addressing table of 32-bit word pairs
 * (linear probing, power-of-two size, grown past 3/4 load), with a predecessor link and the
 * action taken per state id. States get ids 0, 1, 2, ... in insertion order; the states
 * themselves are not kept, traces are rebuilt by re-executing the actions (as TLC does).
 *
 * A JavaScript Map or Set stops at 2^24 entries; these typed arrays do not.
 * Memory: 8 bytes per table slot, plus per state a 4-byte parent id and a 1-byte action code
 * (2 bytes once some code needs it), held in chunks of 64K states so nothing is over-allocated.
 * Every allocation after the first goes through `reserve`, so a memory budget can refuse it
 * before it is made; an allocation that fails anyway leaves the store as it was.
 */
export const NO_PARENT = 0xffffffff;
const RECENT_BITS = 16;
const CHUNK_BITS = 16, CHUNK = 1 << CHUNK_BITS, CHUNK_MASK = CHUNK - 1;

export class FingerprintStore {
  private table: Uint32Array;
  private mask: number;
  private parents: Uint32Array[] = [];
  private actions: (Uint8Array | Uint16Array)[] = [];
  private wide = false;
  /**
   * A direct-mapped cache of recently seen fingerprints in front of the table: most successors
   * are states already stored (87% for 2PC), and a hit here skips a random probe into a table of
   * hundreds of MiB. Only stored fingerprints enter it, so a hit is always right.
   */
  private recent = new Uint32Array(2 << RECENT_BITS);
  /** With `withIds`: the id stored in each slot (4 more bytes per slot), for graph recording. */
  private slotIds: Uint32Array | undefined;
  /** Number of distinct fingerprints stored. */
  size = 0;
  /** After put() returned -1 on a store made `withIds`: the id of the state already there. */
  found = -1;
  /** Called with the byte size of each allocation before it is made; throws to refuse it. */
  reserve?: (bytes: number, what: string) => void;

  constructor(initialLog2 = 10, withIds = false) {
    this.table = new Uint32Array(2 << initialLog2);
    this.mask = (1 << initialLog2) - 1;
    if (withIds) this.slotIds = new Uint32Array(1 << initialLog2);
  }

  /**
   * Add a fingerprint ((hi, lo) != (0, 0)). Returns its new id, or -1 if it was already there.
   * `parent` is the id of the state it was reached from (NO_PARENT for an initial state) and
   * `action` the code of the move taken.
   */
  put(hi: number, lo: number, parent: number, action: number): number {
    hi >>>= 0; lo >>>= 0;
    // (Not with ids: a hit must then report the id already stored, which the cache does not hold.)
    const r = this.recent, c = (Math.imul(lo, 0x85ebca6b) >>> (32 - RECENT_BITS)) << 1, cache = !this.slotIds;
    if (cache && r[c] === hi && r[c + 1] === lo) return -1;
    if (this.size * 4 >= (this.mask + 1) * 3) this.grow();
    const t = this.table, mask = this.mask;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const j = i << 1;
      const a = t[j]!, b = t[j + 1]!;
      if (a === 0 && b === 0) {
        const id = this.size;
        const k = id >>> CHUNK_BITS, o = id & CHUNK_MASK;
        // Allocate before claiming the slot, so that a failed allocation changes nothing.
        if (k >= this.parents.length || (action > 0xff && !this.wide)) this.makeRoom(k, action);
        t[j] = hi; t[j + 1] = lo;
        this.size++;
        if (this.slotIds) this.slotIds[i] = id;
        this.parents[k]![o] = parent;
        this.actions[k]![o] = action;
        if (cache) { r[c] = hi; r[c + 1] = lo; }
        return id;
      }
      if (a === hi && b === lo) {
        if (cache) { r[c] = hi; r[c + 1] = lo; } else this.found = this.slotIds![i]!;
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  has(hi: number, lo: number): boolean {
    hi >>>= 0; lo >>>= 0;
    const t = this.table, mask = this.mask;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const j = i << 1;
      const a = t[j]!, b = t[j + 1]!;
      if (a === 0 && b === 0) return false;
      if (a === hi && b === lo) return true;
      i = (i + 1) & mask;
    }
  }

  parent(id: number): number { return this.parents[id >>> CHUNK_BITS]![id & CHUNK_MASK]!; }
  action(id: number): number { return this.actions[id >>> CHUNK_BITS]![id & CHUNK_MASK]!; }

  /** The action codes from an initial state to state `id`, in order. */
  path(id: number): number[] {
    const out: number[] = [];
    for (let p = this.parent(id); p !== NO_PARENT; id = p, p = this.parent(id)) out.push(this.action(id));
    return out.reverse();
  }

  /** Bytes allocated for the table and the links. */
  bytes(): number {
    let n = this.table.byteLength + this.recent.byteLength + (this.slotIds?.byteLength ?? 0);
    for (let i = 0; i < this.parents.length; i++) n += this.parents[i]!.byteLength + this.actions[i]!.byteLength;
    return n;
  }

  capacity(): number { return this.mask + 1; }

  /** The table's words (pairs hi, lo; (0, 0) is an empty slot): the parallel search copies them. */
  fingerprintWords(): Uint32Array { return this.table; }

  /**
   * A state whose fingerprint is kept elsewhere (the parallel search's shared table): the next
   * id, with its links only. After this, has() and put() no longer see every state.
   */
  append(parent: number, action: number): number {
    const id = this.size, k = id >>> CHUNK_BITS;
    if (k >= this.parents.length || (action > 0xff && !this.wide)) this.makeRoom(k, action);
    this.parents[k]![id & CHUNK_MASK] = parent;
    this.actions[k]![id & CHUNK_MASK] = action;
    this.size++;
    return id;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const oldIds = this.slotIds;
    this.reserve?.(cap * (oldIds ? 12 : 8), `the fingerprint table (${cap.toLocaleString('en-US')} slots)`);
    const t = new Uint32Array(cap * 2);
    const mask = cap - 1;
    const ids = oldIds ? new Uint32Array(cap) : undefined;
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!, lo = old[j + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
      while (t[i << 1] !== 0 || t[(i << 1) + 1] !== 0) i = (i + 1) & mask;
      t[i << 1] = hi; t[(i << 1) + 1] = lo;
      if (ids) ids[i] = oldIds![j >> 1]!;
    }
    this.table = t;
    this.slotIds = ids;
    this.mask = mask;
  }

  /** The slow path of put(): a new chunk of links, or two-byte action codes. */
  private makeRoom(k: number, action: number): void {
    if (action > 0xff && !this.wide) this.widen();
    if (k >= this.parents.length) this.addChunk();
  }

  private addChunk(): void {
    if (this.parents.length > 0) this.reserve?.(CHUNK * (this.wide ? 6 : 5), 'the predecessor links');
    this.parents.push(new Uint32Array(CHUNK));
    this.actions.push(this.wide ? new Uint16Array(CHUNK) : new Uint8Array(CHUNK));
  }

  private widen(): void {
    this.reserve?.(this.actions.length * CHUNK * 2, 'the predecessor links');
    this.actions = this.actions.map((a) => Uint16Array.from(a));
    this.wide = true;
  }
}
