/**
 * Learned footprints: for each step (a thread's label), the union of the bytes every recorded
 * execution of it read (guard, branches, body) and changed, and the labels it returned; and the
 * union of the bytes the properties read. Partial-order reduction decides with these.
 *
 * Of the bytes a step changes, those it only ever adds to (engine/add.ts), never writes plainly,
 * are its commuting bytes (`commutesOf`): two changes of one byte that are both adds give the
 * same sum in either order. (Whether either step reads the byte is checked apart: por.ts.)
 *
 * A step never executed is unknown and counts as touching everything. A step's future is the
 * set of steps reachable from it over the learned labels (a thread that may end may be started
 * again, so its entry is reachable from its end). Growth of anything a reduction decision
 * consulted makes the pass `dirty`: the search must run again with what was learned (por.ts).
 */
import type { Compiled, CompiledThread } from '../compile.js';
import type { Recorder } from './recorder.js';

/** What a thread may still do from a program counter: the union of its steps' footprints. */
export interface Future {
  /** Some reachable step was never executed: it may touch anything. */
  top: boolean;
  r: Uint32Array;
  w: Uint32Array;
  /** Bytes the reachable steps change only by adds (none writes them plainly). */
  c: Uint32Array;
  /** The step ids reachable. */
  ids: number[];
  /** Consulted by a reduction decision in this pass (its steps are then marked used). */
  used: boolean;
  /** Some reachable step may end the thread (it could then be started again). */
  ends: boolean;
}

export class Footprints {
  readonly words: number;
  private readonly r: Uint32Array;
  private readonly w: Uint32Array;
  /** Bytes plainly written; bytes added to. */
  private readonly p: Uint32Array;
  private readonly a: Uint32Array;
  private readonly known: Uint8Array;
  readonly succ: Set<number>[];
  /** Steps whose footprint a reduction decision of this pass relied on. */
  private readonly used: Uint8Array;
  private readonly cache: Map<number, Future>[];
  /** Bytes some action property read or watches. */
  readonly vis: Uint32Array;
  /** Bytes some invariant or premise read. */
  readonly visInv: Uint32Array;
  /** Something a decision relied on grew in this pass: the pass proves nothing. */
  dirty = false;
  /** A reduced expansion happened in this pass (so property reads were relied on). */
  reduced = false;
  /** Growth events of the whole run, for the report. */
  grown = 0;
  /** Bumped whenever a step's footprint or successors change (cached futures are then stale). */
  version = 0;

  constructor(readonly c: Compiled) {
    this.words = Math.max(1, Math.ceil(c.width / 32));
    const n = c.steps.length;
    this.r = new Uint32Array(n * this.words);
    this.w = new Uint32Array(n * this.words);
    this.p = new Uint32Array(n * this.words);
    this.a = new Uint32Array(n * this.words);
    this.known = new Uint8Array(n);
    this.used = new Uint8Array(n);
    this.succ = Array.from({ length: n }, () => new Set<number>());
    this.cache = c.threads.map(() => new Map());
    this.vis = new Uint32Array(this.words);
    this.visInv = new Uint32Array(this.words);
    const W = this.words;
    this.rv = Array.from({ length: n }, (_, id) => this.r.subarray(id * W, id * W + W));
    this.wv = Array.from({ length: n }, (_, id) => this.w.subarray(id * W, id * W + W));
    this.cv = Array.from({ length: n }, () => new Uint32Array(W));
    this.nz = Array.from({ length: n }, () => new Int32Array(0));
  }

  beginPass(): void {
    this.used.fill(0);
    this.dirty = false;
    this.reduced = false;
    for (const m of this.cache) m.clear();
  }

  isKnown(id: number): boolean { return this.known[id] === 1; }
  private readonly rv: Uint32Array[];
  private readonly wv: Uint32Array[];
  private readonly cv: Uint32Array[];
  readsOf(id: number): Uint32Array { return this.rv[id]!; }
  /** Every byte the step may change (adds included). */
  writesOf(id: number): Uint32Array { return this.wv[id]!; }
  /** The bytes the step only adds to. */
  commutesOf(id: number): Uint32Array { return this.cv[id]!; }
  /** The words where the step reads or changes something (a footprint is a few bytes: conflicts look only there). */
  wordsOf(id: number): Int32Array { return this.nz[id]!; }
  private readonly nz: Int32Array[];
  private touched(id: number): void {
    const W = this.words, o = id * W, out: number[] = [];
    for (let i = 0; i < W; i++) if ((this.r[o + i]! | this.w[o + i]!) !== 0) out.push(i);
    this.nz[id] = Int32Array.from(out);
  }

  /** cv[id] := a & ~p of step id (its reads are checked on their own: por.ts's conflicts). */
  private commuting(id: number): void {
    const W = this.words, o = id * W, c = this.cv[id]!;
    for (let i = 0; i < W; i++) c[i] = (this.a[o + i]! & ~this.p[o + i]!) >>> 0;
  }

  /** A guard (and branch count) was evaluated: its reads join the step's. */
  learnGuard(id: number, rec: Recorder): void {
    // A disabled step's guard reads count even before it runs (a persistent set may hold it).
    if (merge(this.r, id * this.words, rec.r, this.words)) { this.touched(id); this.grew(id); }
  }

  /** The step ran, returning program counter npc (0 = it ended). */
  learnRun(id: number, rec: Recorder, npc: number): void {
    const W = this.words;
    let g = merge(this.r, id * W, rec.r, W);
    g = merge(this.w, id * W, rec.w, W) || g;
    // A byte that was only added to and is now written plainly no longer commutes: growth too.
    g = merge(this.p, id * W, rec.p, W) || g;
    g = merge(this.a, id * W, rec.a, W) || g;
    if (g || !this.known[id]) { this.commuting(id); this.touched(id); }
    const s = this.succ[id]!;
    if (!s.has(npc)) { s.add(npc); g = true; }
    if (!this.known[id]) {
      // From unknown (everything) to what was seen: a shrink, never a reason to search again.
      this.known[id] = 1;
      this.version++;
      this.cache[this.c.steps[id]!.thread.index]!.clear();
      return;
    }
    if (g) this.grew(id);
  }

  /**
   * Under symmetry (Symmetry.close): a byte one element's block read stands for the same byte of
   * every element of its class, since the search evaluates the properties on one member of each orbit.
   */
  closeVis: ((bits: Uint32Array) => boolean) | undefined;

  /** Properties read these bytes. */
  learnVis(rec: Recorder, into = this.vis): void {
    const g = merge(into, 0, rec.r, this.words);
    if (g && this.closeVis) this.closeVis(into);
    if (g && this.reduced) { this.dirty = true; this.grown++; }
  }

  private grew(id: number): void {
    this.grown++;
    this.version++;
    this.cache[this.c.steps[id]!.thread.index]!.clear();
    if (this.used[id]) this.dirty = true;
  }

  /** A decision relied on step id's footprint. */
  use(id: number): void { this.used[id] = 1; }

  /** A decision relied on this future. */
  useFuture(f: Future): void {
    if (f.used) return;
    f.used = true;
    for (const id of f.ids) this.used[id] = 1;
  }

  /**
   * What thread th may do from program counter pc (0: from its entry, once started); with
   * `again`, also after it ends and is started anew (only when something may start it: por.ts).
   */
  future(th: CompiledThread, pc: number, again = false): Future {
    const m = this.cache[th.index]!;
    const start = pc === 0 ? 1 : pc;
    const key = again ? -start : start;
    let f = m.get(key);
    if (f) return f;
    const W = this.words;
    f = { top: false, r: new Uint32Array(W), w: new Uint32Array(W), c: new Uint32Array(W), ids: [], used: false, ends: false };
    const p = new Uint32Array(W), a = new Uint32Array(W);
    const seen = new Set<number>([start]), stack = [start];
    while (stack.length > 0) {
      const at = stack.pop()!;
      const id = th.steps[at - 1]!.id;
      f.ids.push(id);
      if (!this.known[id]) { f.top = true; continue; }
      merge(f.r, 0, this.rv[id]!, W);
      merge(f.w, 0, this.wv[id]!, W);
      merge(p, 0, this.p.subarray(id * W, id * W + W), W);
      merge(a, 0, this.a.subarray(id * W, id * W + W), W);
      for (const q of this.succ[id]!) {
        if (q === 0) f.ends = true;
        if (q === 0 && !again) continue;
        const next = q === 0 ? 1 : q;
        if (!seen.has(next)) { seen.add(next); stack.push(next); }
      }
    }
    for (let i = 0; i < W; i++) f.c[i] = (a[i]! & ~p[i]!) >>> 0;
    m.set(key, f);
    return f;
  }
}

/** dst[o..o+n) |= src[0..n); true when some bit was new. */
function merge(dst: Uint32Array, o: number, src: Uint32Array, n: number): boolean {
  let grew = false;
  for (let i = 0; i < n; i++) {
    const x = dst[o + i]!, y = (x | src[i]!) >>> 0;
    if (y !== x) { dst[o + i] = y; grew = true; }
  }
  return grew;
}

/** Do bitsets a and b share a bit? */
export function meets(a: Uint32Array, b: Uint32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if ((a[i]! & b[i]!) !== 0) return true;
  return false;
}

/** Do a and b share a bit that is not in both ca and cb (two changes that do not both commute)? */
export function clash(a: Uint32Array, b: Uint32Array, ca: Uint32Array, cb: Uint32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if ((a[i]! & b[i]! & ~(ca[i]! & cb[i]!)) !== 0) return true;
  return false;
}
