/**
 * Partial-order reduction for safety properties and deadlock: ample sets (Peled 1993; Clarke,
 * Grumberg, Peled, "Model Checking", ch. 10), with the dependency relation read off learned
 * footprints (footprints.ts) rather than declared.
 *
 * In a state s the search expands only the moves of one enabled thread k (all branches of the
 * step at its pc) when
 *   C0  k has a move (it is enabled);
 *   C1  no other thread can, before k moves, run a step dependent on k's step: every step in the
 *       learned future of every other thread that is running, or dormant but startable by a
 *       learned spawn of such a thread, is independent of it (neither writes what the other
 *       reads or writes; a write to what the guard reads counts, so independent steps neither
 *       enable nor disable each other). An unknown step (never executed) depends on everything.
 *       Only thread k changes k's pc, so until k moves its only move is this step;
 *   C2  the step is invisible: it writes no byte any property read (invariants, premises, both
 *       states of an action property; the move an action property is given is the same move in
 *       the reordered run, so it needs no visibility);
 *   C3  none of its successors is already stored (then every cycle of the reduced graph has a
 *       fully expanded state; this holds for any search order, BFS included: the last state of
 *       a cycle to be expanded finds its successor on the cycle stored).
 * Otherwise s is fully expanded. C0+C1 keep every deadlock; with C2+C3 every violated invariant
 * and action property stays violated (the reduced graph holds a reordering of every finite
 * run to a violation, with the same visible steps seen in the same projected states).
 *
 * The footprints are learned as the search runs, so the argument holds relative to them. A pass
 * whose decisions relied on a footprint, successor label or property read set that later grew is
 * thrown away and the search runs again with what was learned (counted as restarts), until a
 * pass completes with no such growth. What that guarantees: every transition the final pass
 * executed is covered by the footprints its decisions used. What it does not: a step's
 * behaviour in states only the full graph reaches (pruned here) is never seen, and could touch
 * more. The unreduced search (the default) has no such caveat.
 *
 * Liveness is not checked under reduction (check.ts runs it unreduced): ample sets for liveness
 * need the stronger cycle proviso and fairness-aware independence, which this does not do.
 */
import type { Compiled } from '../compile.js';
import type { Backend } from '../state/backend.js';
import { fp } from '../hash.js';
import type { FingerprintStore } from '../store.js';
import { explore } from '../search/explore.js';
import { moveOf, type Monitor } from '../search/monitor.js';
import type { Property } from '../model.js';
import { actionCode } from '../trace.js';
import type { Limits, Progress, SearchOutcome } from '../search/types.js';
import { Footprints, meets, type Future } from './footprints.js';
import { Recorder } from './recorder.js';

/** Random runs that learn footprints before the first pass (a few ms on the bundled models). */
export const WARM_UP = { walks: 32, depth: 128 };

export interface PorStats {
  /** Searches thrown away because something a decision relied on grew. */
  restarts: number;
  /** States of the final pass expanded with one thread's moves only. */
  ample: number;
  /** States of the final pass fully expanded. */
  full: number;
}

export class Reducer {
  readonly fp: Footprints;
  private readonly rec: Recorder;
  /** Property reads, merged into fp.vis at each expansion. */
  readonly propRec: Recorder;
  /** The backend the properties see: recording views of cur and next. */
  readonly monitorBackend: Backend;
  private readonly nb: Int32Array;
  private readonly pcs: Int32Array;
  private readonly include: Uint8Array;
  ample = 0;
  full = 0;

  /**
   * BFS: the states stored while expanding the current level (they lie one level deeper). C3
   * needs only a successor at the current depth or above to force full expansion: every cycle
   * has an edge that does not go one level down, and that edge's target was stored before its
   * source was expanded. DFS: any stored successor forces it.
   */
  private level = new FpSet();
  private levelDepth = -1;
  private store: FingerprintStore | undefined;
  private inner: ((k: number, b: number) => void) | undefined;
  /** visit, noting the states it stored in this level (one closure for the whole search). */
  private readonly visitBfs = (k: number, b: number): void => {
    const h = fp.hi, l = fp.lo, n = this.store!.size;
    this.inner!(k, b);
    if (this.store!.size > n) this.level.add(h, l);
  };
  private readonly fut: (Future | undefined)[];

  constructor(readonly be: Backend, readonly c: Compiled, readonly strategy: 'bfs' | 'dfs' = 'bfs') {
    this.fp = new Footprints(c);
    this.rec = new Recorder(c.width);
    this.propRec = new Recorder(c.width);
    const rec = this.propRec;
    const mbe = Object.create(be) as Backend;
    mbe.nextG = () => be.recG(true, rec);
    mbe.curG = () => be.recG(false, rec);
    mbe.nextQ = () => be.recQ(true, rec);
    mbe.curQ = () => be.recQ(false, rec);
    this.monitorBackend = mbe;
    const n = c.threads.length;
    this.nb = new Int32Array(n);
    this.pcs = new Int32Array(n);
    this.include = new Uint8Array(n);
    this.fut = new Array<Future | undefined>(n).fill(undefined);
  }

  beginPass(): void { this.fp.beginPass(); this.ample = 0; this.full = 0; this.level.clear(); this.levelDepth = -1; }

  /** Merge the property reads recorded so far. */
  flushVis(): void { this.fp.learnVis(this.propRec); this.propRec.clear(); }

  /** Expand cur, calling visit(k, b) for each move taken (next and fp set), as Backend.expand does. */
  expand(store: FingerprintStore, visit: (k: number, b: number) => void): number {
    const be = this.be, T = this.c.threads, F = this.fp, rec = this.rec, nb = this.nb, pcs = this.pcs;
    this.flushVis();
    if (this.strategy === 'bfs') {
      if (be.poppedDepth !== this.levelDepth) { this.level.clear(); this.levelDepth = be.poppedDepth; }
      this.store = store; this.inner = visit;
      visit = this.visitBfs;
    }
    let enabled = 0;
    for (let k = 0; k < T.length; k++) {
      const pc = be.pc(k);
      pcs[k] = pc;
      if (pc === 0) { nb[k] = 0; continue; }
      rec.clear();
      nb[k] = be.enabledRec(k, rec);
      F.learnGuard(T[k]!.steps[pc - 1]!.id, rec);
      if (nb[k]! > 0) enabled++;
    }
    if (enabled === 0) return 0;
    if (enabled > 1) {
      let fut = this.futures(), v = F.version;
      for (let k = 0; k < T.length; k++) {
        if (nb[k] === 0) continue;
        // A candidate tried before may have learned something: the futures are then stale.
        if (F.version !== v) { fut = this.futures(); v = F.version; }
        if (this.tryAmple(k, fut, store, visit)) { this.ample++; return nb[k]!; }
      }
    }
    this.full++;
    let n = 0;
    for (let k = 0; k < T.length; k++) for (let b = 0; b < nb[k]!; b++) { this.stepLearn(k, b); n++; visit(k, b); }
    return n;
  }

  /**
   * Learn before the first pass, from random runs (seeded, so counts are reproducible): a step
   * never executed counts as touching everything and blocks every reduction past its thread,
   * so a pass that starts knowing more reduces more. Learning only; no decision rests on it.
   */
  warmUp(walks: number, depth: number, props: readonly Property[], seed = 1): void {
    const be = this.be, T = this.c.threads, rec = this.rec, pcs = this.pcs, pr = this.propRec;
    // What the properties read along the walks (their errors are the search's to report).
    const look = (f: () => unknown) => { try { f(); } catch { /* reported by the search */ } };
    const state = (next: boolean) => {
      for (const p of props) {
        if (p.kind !== 'invariant' && p.kind !== 'action') continue;
        if (p.kind === 'invariant') look(() => p.holds(be.recG(next, pr), be.recQ(next, pr)));
        if (p.premise) look(() => p.premise!(be.recG(next, pr), be.recQ(next, pr)));
      }
    };
    let x = seed >>> 0;
    const moves: number[] = [];
    for (let w = 0; w < walks; w++) {
      be.loadInitial();
      state(false);
      for (let d = 0; d < depth; d++) {
        moves.length = 0;
        for (let k = 0; k < T.length; k++) {
          const pc = be.pc(k);
          pcs[k] = pc;
          if (pc === 0) continue;
          rec.clear();
          const nb = be.enabledRec(k, rec);
          this.fp.learnGuard(T[k]!.steps[pc - 1]!.id, rec);
          for (let b = 0; b < nb; b++) moves.push(k * 256 + b);
        }
        if (moves.length === 0) break;
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const m = moves[(x >>> 8) % moves.length]!;
        this.stepLearn(m >> 8, m & 255);
        state(true);
        for (const p of props) {
          if (p.kind === 'action') look(() => p.holds(be.recG(false, pr), be.recG(true, pr), moveOf(be, actionCode(m >> 8, m & 255)), be.recQ(true, pr)));
        }
        be.advance();
      }
    }
    be.coverage.fill(0);
    this.flushVis();
  }

  /** next := the successor by (k, b), learning the step's footprint. */
  private stepLearn(k: number, b: number): void {
    const rec = this.rec, th = this.c.threads[k]!;
    rec.clear();
    const id = th.steps[this.pcs[k]! - 1]!.id;
    this.be.stepRec(k, b, rec);
    this.fp.learnRun(id, rec, this.nextPc(k));
  }

  private nextPc(k: number): number {
    const th = this.c.threads[k]!;
    const u = this.be.nextQ().at(th.name);
    return u === null ? 0 : th.pcOf[u]!;
  }

  /**
   * The futures that C1 must respect, by thread (undefined: the thread cannot move): those of
   * running threads, and of dormant threads some included future may start (its writes reach
   * their pc), to a fixpoint; a thread that may end and be started again counts from its entry
   * too (a running actor nothing starts does not).
   */
  private futures(): (Future | undefined)[] {
    const T = this.c.threads, F = this.fp, inc = this.include, out = this.fut;
    inc.fill(0);
    out.fill(undefined);
    for (let k = 0; k < T.length; k++) if (this.pcs[k] !== 0) { out[k] = F.future(T[k]!, this.pcs[k]!); inc[k] = 1; }
    // Can another counted thread start j (write its pc)? (Every step of j writes j's own pc.)
    const started = (j: number): boolean => {
      const o = T[j]!.pcOffset;
      for (let i = 0; i < T.length; i++) {
        const f = out[i];
        if (i !== j && f && (f.top || (f.w[o >>> 5]! & (1 << (o & 31))) !== 0)) return true;
      }
      return false;
    };
    // inc: 1 = counted from its pc, 2 = counted from its entry as well (final).
    for (let changed = true; changed;) {
      changed = false;
      for (let j = 0; j < T.length; j++) {
        if (inc[j] === 2) continue;
        if (inc[j] === 1 && !out[j]!.ends) continue;
        if (!started(j)) continue;
        out[j] = F.future(T[j]!, this.pcs[j]!, true); inc[j] = 2; changed = true;
      }
    }
    return out;
  }

  private tryAmple(k: number, fut: (Future | undefined)[], store: FingerprintStore, visit: (k: number, b: number) => void): boolean {
    const T = this.c.threads, F = this.fp, id = T[k]!.steps[this.pcs[k]! - 1]!.id, n = this.nb[k]!, v0 = F.version;
    if (F.isKnown(id) && !this.independent(k, id, fut)) return false;
    // C3 (and learning the step's footprint): every successor must be new.
    for (let b = 0; b < n; b++) {
      this.stepLearn(k, b);
      if (store.has(fp.hi, fp.lo) && (this.strategy === 'dfs' || !this.level.has(fp.hi, fp.lo))) return false;
    }
    // The footprint may have grown (or become known) by running it: decide again, with the
    // futures again if the step's own (which C1 does not read for k) changed the startable set.
    if (F.version !== v0) fut = this.futures();
    if (!this.independent(k, id, fut)) return false;
    F.use(id);
    for (const f of fut) if (f) F.useFuture(f);
    F.reduced = true;
    for (let b = 0; b < n; b++) {
      if (n > 1 || b > 0) this.stepLearn(k, b);
      visit(k, b);
    }
    return true;
  }

  /** C1 and C2 for thread k's step id. */
  private independent(k: number, id: number, fut: (Future | undefined)[]): boolean {
    const F = this.fp, W = F.words, r = F.readsOf(id), w = F.writesOf(id);
    if (meets(w, F.vis, W)) return false;
    for (let j = 0; j < fut.length; j++) {
      const f = fut[j];
      if (j === k || !f) continue;
      if (f.top || meets(w, f.r, W) || meets(w, f.w, W) || meets(r, f.w, W)) return false;
    }
    return true;
  }
}

/**
 * The reduced search: passes of explore() with a Reducer until one completes with nothing its
 * decisions relied on grown (each pass starts from what the earlier ones learned). A pass that
 * stops early (a limit, or every property violated) ends it too: its violations are real runs.
 */
export function explorePor(be: Backend, c: Compiled, makeMonitor: () => Monitor, strategy: 'bfs' | 'dfs', limits: Limits, progress?: (p: Progress) => void): { out: SearchOutcome; monitor: Monitor; stats: PorStats } {
  // A dirty pass runs to its end rather than stopping at once: what it learns on the way makes
  // the next pass's reduction stronger (host-children n=4: 557,458 states after one restart,
  // against 749,590 after twelve with passes stopped at the first growth).
  const red = new Reducer(be, c, strategy);
  red.warmUp(WARM_UP.walks, WARM_UP.depth, makeMonitor().props);
  const t0 = performance.now();
  let restarts = 0;
  for (;;) {
    red.beginPass();
    be.coverage.fill(0);
    const monitor = makeMonitor();
    const spent = (performance.now() - t0) / 1000;
    const left = limits.timeLimit !== undefined ? Math.max(0.001, limits.timeLimit - spent) : undefined;
    const out = explore(be, monitor, strategy, { ...limits, ...(left !== undefined ? { timeLimit: left } : {}) }, progress, undefined, red);
    red.flushVis();
    if (!red.fp.dirty || !out.complete) {
      return { out: { ...out, seconds: (performance.now() - t0) / 1000 }, monitor, stats: { restarts, ample: red.ample, full: red.full } };
    }
    restarts++;
  }
}

/** A set of 64-bit fingerprints (open addressing; cleared in place, reused level after level). */
class FpSet {
  private t = new Uint32Array(2 << 10);
  private mask = (1 << 10) - 1;
  private n = 0;
  clear(): void { if (this.n > 0) { this.t.fill(0); this.n = 0; } }
  add(hi: number, lo: number): void {
    if (this.n * 2 >= this.mask) this.grow();
    if (this.put(this.t, this.mask, hi >>> 0, lo >>> 0)) this.n++;
  }
  has(hi: number, lo: number): boolean {
    hi >>>= 0; lo >>>= 0;
    const t = this.t, mask = this.mask;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const a = t[2 * i]!, b = t[2 * i + 1]!;
      if (a === 0 && b === 0) return false;
      if (a === hi && b === lo) return true;
    }
  }
  private put(t: Uint32Array, mask: number, hi: number, lo: number): boolean {
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const a = t[2 * i]!, b = t[2 * i + 1]!;
      if (a === 0 && b === 0) { t[2 * i] = hi; t[2 * i + 1] = lo; return true; }
      if (a === hi && b === lo) return false;
    }
  }
  private grow(): void {
    const old = this.t, mask = this.mask * 2 + 1, t = new Uint32Array(2 * (mask + 1));
    for (let j = 0; j < old.length; j += 2) if (old[j] !== 0 || old[j + 1] !== 0) this.put(t, mask, old[j]!, old[j + 1]!);
    this.t = t; this.mask = mask;
  }
}
