/**
 * The visited store: 64-bit fingerprints in an open-addressing table of 32-bit word pairs
 * (linear probing, power-of-two size, grown past 3/4 load), with a predecessor link and the
 * action taken per state id. States get ids 0, 1, 2, ... in insertion order; the states
 * themselves are not kept, traces are rebuilt by re-executing the actions (as TLC does).
 *
 * A JavaScript Map or Set stops at 2^24 entries; these typed arrays do not.
 * Memory: 8 bytes per table slot + 6 bytes per state (parent id, action code), links grown by 1.5x.
 */
export const NO_PARENT = 0xffffffff;

export class FingerprintStore {
  private table: Uint32Array;
  private mask: number;
  private parents: Uint32Array;
  private actions: Uint16Array;
  /** With `withIds`: the id stored in each slot (4 more bytes per slot), for graph recording. */
  private slotIds: Uint32Array | undefined;
  /** Number of distinct fingerprints stored. */
  size = 0;
  /** After put() returned -1 on a store made `withIds`: the id of the state already there. */
  found = -1;

  constructor(initialLog2 = 16, withIds = false) {
    this.table = new Uint32Array(2 << initialLog2);
    this.mask = (1 << initialLog2) - 1;
    this.parents = new Uint32Array(1 << initialLog2);
    this.actions = new Uint16Array(1 << initialLog2);
    if (withIds) this.slotIds = new Uint32Array(1 << initialLog2);
  }

  /**
   * Add a fingerprint ((hi, lo) != (0, 0)). Returns its new id, or -1 if it was already there.
   * `parent` is the id of the state it was reached from (NO_PARENT for an initial state) and
   * `action` the code of the move taken.
   */
  put(hi: number, lo: number, parent: number, action: number): number {
    if (this.size * 4 >= (this.mask + 1) * 3) this.grow();
    const t = this.table, mask = this.mask;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const j = i << 1;
      const a = t[j]!, b = t[j + 1]!;
      if (a === 0 && b === 0) {
        t[j] = hi; t[j + 1] = lo;
        const id = this.size++;
        if (this.slotIds) this.slotIds[i] = id;
        if (id >= this.parents.length) this.growLinks();
        this.parents[id] = parent;
        this.actions[id] = action;
        return id;
      }
      if (a === hi && b === lo) {
        if (this.slotIds) this.found = this.slotIds[i]!;
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  has(hi: number, lo: number): boolean {
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

  parent(id: number): number { return this.parents[id]!; }
  action(id: number): number { return this.actions[id]!; }

  /** The action codes from an initial state to state `id`, in order. */
  path(id: number): number[] {
    const out: number[] = [];
    while (this.parents[id] !== NO_PARENT) { out.push(this.actions[id]!); id = this.parents[id]!; }
    return out.reverse();
  }

  /** Bytes allocated for the table and the links. */
  bytes(): number { return this.table.byteLength + this.parents.byteLength + this.actions.byteLength + (this.slotIds?.byteLength ?? 0); }

  capacity(): number { return this.mask + 1; }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const t = new Uint32Array(cap * 2);
    const mask = cap - 1;
    const oldIds = this.slotIds, ids = oldIds ? new Uint32Array(cap) : undefined;
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

  private growLinks(): void {
    const n = Math.ceil(this.parents.length * 1.5);
    const p = new Uint32Array(n); p.set(this.parents); this.parents = p;
    const a = new Uint16Array(n); a.set(this.actions); this.actions = a;
  }
}
