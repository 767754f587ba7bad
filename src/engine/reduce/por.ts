/**
 * Partial-order reduction for safety properties and deadlock: persistent sets (Godefroid 1996,
 * "Partial-Order Methods for the Verification of Concurrent Systems", ch. 4; Valmari's stubborn
 * sets) with the ample-set provisos (Clarke, Grumberg, Peled, "Model Checking", ch. 10), the
 * dependency relation read off learned footprints (footprints.ts) rather than declared.
 *
 * In a state s the search expands only the moves (all branches) of the current steps of a set P
 * of threads when
 *   C0  some step of P is enabled, and some enabled move is left out;
 *   C1  P is closed under conflict: for each p in P and each other thread q (running, or
 *       dormant but startable by a learned spawn), no step in q's learned future is dependent
 *       on p's current step. For an enabled step that is: neither writes what the other reads
 *       or writes, except that two adds to one counter commute (add.ts); a write to what the
 *       guard reads counts, so independent steps neither enable nor disable each other. For a
 *       disabled step: q changes nothing it reads, so q cannot enable it. A conflicting q
 *       joins P; a conflicting dormant q brings in whoever may start it. An unknown step
 *       (never executed) depends on everything. Only p changes p's pc, so
 *       no run outside P's steps can touch them before one of them moves: P's steps are a
 *       persistent set. Seeds are tried from the smallest closure;
 *   C2  P's enabled steps write no byte an action property read (either state) or watches;
 *       and either they write no byte an invariant or premise read, or no thread outside P
 *       may change (by its learned future) a byte the invariants and premises read in s
 *       itself; a set that fails only that takes in every thread that could, and is closed
 *       under conflict again (settle()). An action property is also a function of the move,
 *       and the reordered run makes that move in another state: one that watches fields fails
 *       only on a move that changes one (its promise), and such moves are visible; for one
 *       that watches nothing, what it reads on a move counts as read by the move's step, so
 *       C1 keeps every thread that could change it in P;
 *   C3  none of the successors is already stored (BFS: at the current depth or above; then
 *       every cycle of the reduced graph has a fully expanded state: the last state of a cycle
 *       to be expanded finds its successor on the cycle stored).
 * Otherwise s is fully expanded. C0+C1 keep every deadlock; with C2+C3 every violated invariant
 * and action property stays violated. The argument, by the length m of a shortest run from s
 * to a violation: if the run holds a step of P, the first such is the current step of its
 * thread, independent of the steps before it (C1), so moved to the front it starts a run of
 * m - 1 steps to the same violation from a successor in the reduced graph. If it holds none,
 * then either an invisible step of P can be put in front (the property reads nothing it
 * writes: the same violation after it, and C3 sees to progress), or, by the second form of
 * C2, no step of the run changes what the invariants and premises read in s, so they read
 * the same values at the run's end as in s: s itself violates one, and was checked when it was
 * stored. For an action property the violating move is the run's last: if it is the first
 * step of P it must be invisible, which a watched property's failing move is not, and an
 * unwatched one reads only what no step before it changes (C1).
 *
 * With symmetry (reduce/symmetry.ts) as well, states are stored by canonical fingerprint and C3
 * is checked on those, so it holds on the graph of stored classes; C0-C2 are checked in the
 * concrete state expanded. The usual proof goes through on that graph: let d be a state's
 * distance to a violation in the full graph, the same for every state of a class (a permutation
 * maps runs to runs and, the properties being symmetric, violations to violations). A reduced
 * expansion has a successor with d no larger (the reordering above), a full one a successor with
 * d smaller; a walk that kept d constant would close a cycle of stored classes with no fully
 * expanded state, which C3 forbids. (Emerson, Jha and Peled, TACAS 1997, combine the two
 * reductions the same way; that paper was not re-read here.) The argument needs the visible
 * bytes closed under the permutations, and the search evaluates the properties on one member of
 * each class only: what they read is closed (Symmetry.close) as it is learned. What an action
 * property that watches nothing reads on a move is credited to the moving step alone, not to the
 * same step of the other elements of its class: the argument needs them only where the
 * violating move is P's own (the last case above), and moved to the front that move is the one
 * made and evaluated in the concrete state expanded, whose reads C1 keeps the other steps of the
 * run off (crediting the other elements' steps as well was tried: more states, no verdict
 * changed; docs/findings.md). The verdicts of both together are tested against the unreduced
 * search (test/engine/por.test.ts, por-symmetry-action.test.ts), on the
 * library's properties and on symmetric properties of a user's that read devices in any order.
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
import { explore, REACHED_BY } from '../search/explore.js';
import { ProbecheckError } from '../errors.js';
import { moveOf, watchedBytes, type Monitor } from '../search/monitor.js';
import type { Property, Query } from '../model.js';
import { actionCode } from '../trace.js';
import type { Limits, Progress, SearchOutcome } from '../search/types.js';
import { Footprints, meets, type Future } from './footprints.js';
import { Recorder } from './recorder.js';

/** Random runs that learn footprints before the first pass (a few ms on the bundled models). */
export const WARM_UP = { walks: 32, depth: 1024, maxWalks: 1024 };

export interface PorStats {
  /** Searches thrown away because something a decision relied on grew. */
  restarts: number;
  /** States of the final pass expanded with a persistent set's moves only. */
  ample: number;
  /** States of the final pass fully expanded. */
  full: number;
}

export class Reducer {
  readonly fp: Footprints;
  private readonly rec: Recorder;
  /** Action property reads, merged into fp.vis at each expansion. */
  readonly propRec: Recorder;
  /** Invariant and premise reads, merged into fp.visInv at each expansion. */
  private readonly invRec: Recorder;
  /** Reads of the action properties that watch nothing, on the move being checked (merged into its step's reads). */
  private readonly actRec: Recorder;
  /** Where the properties' reads go now. */
  private into: Recorder;
  /** The invariants and premises (state predicates), for what they read in the state expanded. */
  private stateProps: ((g: unknown, q: Query) => unknown)[] = [];
  /** What they read in cur (computed when a candidate set needs it), and whether it is. */
  private readonly rs: Recorder;
  private rsAt = -1;
  private expansions = 0;
  /** The backend the properties see: recording views of cur and next. */
  readonly monitorBackend: Backend;
  private readonly nb: Int32Array;
  private readonly pcs: Int32Array;
  private readonly include: Uint8Array;
  private readonly conflict: Uint8Array;
  private readonly inP: Uint8Array;
  private readonly work: Int32Array;
  /** Fingerprints of a candidate set's successors (hi, lo pairs), kept for the visit. */
  private hs: Uint32Array;
  private readonly cache = new Map<number, Candidates[]>();
  private cacheVersion = -1;
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
  /**
   * visit (one closure for the whole search): with BFS, noting the states it stored in this
   * level; then what the unwatched action properties read on the move becomes its step's reads.
   */
  private readonly visitAll = (k: number, b: number): void => {
    if (this.strategy === 'bfs') {
      const h = fp.hi, l = fp.lo, n = this.store!.size;
      this.inner!(k, b);
      if (this.store!.size > n) this.level.add(h, l);
    } else this.inner!(k, b);
    if (this.attributed) this.attribute(k);
  };
  /** An unwatched action property ran since the last attribution. */
  private attributed = false;
  /** The Monitor's hook (Monitor.reads). */
  readonly reads = (what: 'state' | 'action' | 'unwatched' | undefined): void => {
    this.into = what === 'state' ? this.invRec : what === 'unwatched' ? this.actRec : this.propRec;
    if (what === 'unwatched') this.attributed = true;
  };
  /** Thread k's current step reads what the unwatched action properties read on its move. */
  private attribute(k: number): void {
    this.fp.learnGuard(this.c.threads[k]!.steps[this.pcs[k]! - 1]!.id, this.actRec);
    this.fp.learnVis(this.actRec);
    this.actRec.clear();
    this.attributed = false;
  }
  private readonly fut: (Future | undefined)[];

  constructor(readonly be: Backend, readonly c: Compiled, readonly strategy: 'bfs' | 'dfs' = 'bfs') {
    this.fp = new Footprints(c);
    this.rec = new Recorder(c.width);
    this.propRec = new Recorder(c.width);
    this.invRec = new Recorder(c.width);
    this.actRec = new Recorder(c.width);
    this.rs = new Recorder(c.width);
    this.into = this.propRec;
    const mbe = Object.create(be) as Backend;
    mbe.nextG = () => be.recG(true, this.into);
    mbe.curG = () => be.recG(false, this.into);
    mbe.nextQ = () => be.recQ(true, this.into);
    mbe.curQ = () => be.recQ(false, this.into);
    // Every property is evaluated on every transition, so that what it reads is recorded (C2).
    mbe.unchanged = () => false;
    this.monitorBackend = mbe;
    const n = c.threads.length;
    this.nb = new Int32Array(n);
    this.pcs = new Int32Array(n);
    this.include = new Uint8Array(n);
    this.conflict = new Uint8Array(n * n);
    this.inP = new Uint8Array(n);
    this.work = new Int32Array(n);
    this.hs = new Uint32Array(2 * 255 * n);
    this.fut = new Array<Future | undefined>(n).fill(undefined);
    this.ext = new Uint8Array(n);
    this.scratch = { rows: Array.from({ length: n }, () => new Uint8Array(n)), moves: new Int32Array(n), seedOf: new Int32Array(n), order: new Int32Array(n),
      e: { pcs: new Int32Array(0), nb: new Int32Array(0), fut: this.fut, sets: [], seeds: [] } };
  }

  beginPass(): void {
    // The cached candidates hold futures whose `used` marks belong to the pass that made them.
    this.fp.beginPass(); this.cache.clear(); this.ample = 0; this.full = 0; this.level.clear(); this.levelDepth = -1;
  }

  /**
   * The fields action properties watch are visible: such a property may fail only on a move
   * that changes one (its promise; the Monitor skips the others), so those moves are never in
   * a reduced set, and on every other move it holds whatever the state.
   */
  setProperties(props: readonly Property[]): void {
    for (const p of props) if (p.kind === 'action') for (const o of watchedBytes(this.c, p)) this.fp.vis[o >>> 5]! |= 1 << (o & 31);
    this.fp.closeVis?.(this.fp.vis);
    this.stateProps = props.flatMap((p) => [...(p.kind === 'invariant' ? [p.holds] : []), ...((p.kind === 'invariant' || p.kind === 'action') && p.premise ? [p.premise] : [])]);
  }

  /** Merge the property reads recorded so far. */
  flushVis(): void {
    this.fp.learnVis(this.propRec); this.propRec.clear();
    this.fp.learnVis(this.invRec, this.fp.visInv); this.invRec.clear();
  }

  /** Expand cur, calling visit(k, b) for each move taken (next and fp set), as Backend.expand does. */
  expand(store: FingerprintStore, visit: (k: number, b: number) => void): number {
    const be = this.be, T = this.c.threads, F = this.fp, rec = this.rec, nb = this.nb, pcs = this.pcs;
    this.expansions++;
    this.flushVis();
    if (this.strategy === 'bfs' && be.poppedDepth !== this.levelDepth) { this.level.clear(); this.levelDepth = be.poppedDepth; }
    this.store = store; this.inner = visit;
    visit = this.visitAll;
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
      // An enabled step never executed counts as touching everything: run it once to learn it.
      for (let k = 0; k < T.length; k++) {
        if (nb[k] === 0 || F.isKnown(T[k]!.steps[pcs[k]! - 1]!.id)) continue;
        for (let b = 0; b < nb[k]!; b++) this.stepLearn(k, b);
      }
      const n = this.tryPersistent(store, visit);
      if (n > 0) { this.ample++; return n; }
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
  warmUp(walks: number, depth: number, props: readonly Property[], seed = 1, maxWalks = walks): void {
    const be = this.be, T = this.c.threads, rec = this.rec, pcs = this.pcs, pr = this.invRec;
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
    const moves: number[] = [], fresh: number[] = [], F = this.fp;
    // At least `walks` walks, and on while one of the last `walks` of them still learned
    // something (up to maxWalks): a footprint that grows during a pass costs a whole pass. Even
    // walks are uniform but prefer moves whose step is still unknown (a step never run blocks
    // every reduction past its thread). Odd walks run by thread priorities (PCT, Burckhardt et
    // al. 2010): the highest enabled thread moves, and now and then the one that moved drops to
    // the bottom, so one thread may run far ahead (an rmmod that waits for modprobe to end).
    let lastNew = 0;
    // A small graph is learned long before the walks end: they stop once they have taken 32
    // moves per distinct state seen (kernel scenarios take 1-3; a model of 10 cyclic states
    // took 32 walks of 1,024 moves, 0.2 s, where the whole search takes 2 ms).
    const seen = new Set<number>();
    let taken = 0, enough = false;
    const prio = new Float64Array(T.length);
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // The walk's moves: a model's error met on a walk (a user's step that throws) is reported as
    // met, with the moves that reach it, as the search reports its own (withPath in check.ts).
    const path: number[] = [];
    try {
      for (let w = 0; !enough && w < Math.max(walks, Math.min(maxWalks, lastNew + walks)); w++) {
        be.loadInitial();
        path.length = 0;
        state(false);
        const pct = (w & 1) === 1;
        for (let k = 0; k < T.length; k++) prio[k] = rand();
        for (let d = 0; !enough && d < depth; d++) {
          moves.length = 0; fresh.length = 0;
          for (let k = 0; k < T.length; k++) {
            const pc = be.pc(k);
            pcs[k] = pc;
            if (pc === 0) continue;
            rec.clear();
            const nb = be.enabledRec(k, rec), id = T[k]!.steps[pc - 1]!.id;
            F.learnGuard(id, rec);
            for (let b = 0; b < nb; b++) { moves.push(k * 256 + b); if (!F.isKnown(id)) fresh.push(k * 256 + b); }
          }
          if (moves.length === 0) break;
          let m: number;
          if (pct) {
            m = moves[0]!;
            for (const y of moves) if (prio[y >> 8]! > prio[m >> 8]!) m = y;
            if (rand() < 1 / 32) prio[m >> 8] = -rand();
          } else {
            const from = fresh.length > 0 && rand() < 0.75 ? fresh : moves;
            m = from[Math.floor(rand() * from.length)]!;
          }
          const v0 = F.version;
          this.stepLearn(m >> 8, m & 255);
          if (F.version !== v0) lastNew = w + 1;
          seen.add((fp.hi & 0x1fffff) * 2 ** 32 + fp.lo);
          if (++taken > 32 * seen.size + 256) enough = true;
          state(true);
          for (const p of props) {
            if (p.kind !== 'action') continue;
            const u = !p.watches?.length, r = u ? this.actRec : this.propRec;
            look(() => p.holds(be.recG(false, r), be.recG(true, r), moveOf(be, actionCode(m >> 8, m & 255)), be.recQ(true, r), be.recQ(false, r)));
            if (u) this.attribute(m >> 8);
          }
          be.advance();
          path.push(actionCode(m >> 8, m & 255));
        }
      }
    } catch (e) {
      if (e instanceof ProbecheckError && e.code.startsWith('E2') && !REACHED_BY.has(e)) REACHED_BY.set(e, [...path]);
      throw e;
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
    return u === null ? 0 : th.pcOf.get(u)!;
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
    // inc: 1 = counted from its pc, 2 = counted from its entry as well (final).
    for (let changed = true; changed;) {
      changed = false;
      for (let j = 0; j < T.length; j++) {
        if (inc[j] === 2) continue;
        if (inc[j] === 1 && !out[j]!.ends) continue;
        if (!this.startable(j)) continue;
        out[j] = F.future(T[j]!, this.pcs[j]!, true); inc[j] = 2; changed = true;
      }
    }
    return out;
  }

  /** Can another counted thread start j (write its pc)? (Every step of j writes j's own pc.) */
  private startable(j: number): boolean {
    const T = this.c.threads, out = this.fut, o = T[j]!.pcOffset, word = o >>> 5, bit = 1 << (o & 31);
    for (let i = 0; i < T.length; i++) {
      const f = out[i];
      if (i !== j && f !== undefined && (f.top || (f.w[word]! & bit) !== 0)) return true;
    }
    return false;
  }

  /**
   * conflict[p*n+q] = 1: thread q (running, or dormant but startable) may, before p moves, run a
   * step dependent on p's current step: for an enabled step, one that writes what it reads or
   * writes or reads what it writes; for a disabled one, one that writes what its guard (or body)
   * reads, so could enable it. Dormant q: its own row lists the threads that may start it.
   */
  private conflicts(fut: (Future | undefined)[]): Uint8Array {
    const T = this.c.threads, F = this.fp, W = F.words, n = T.length, m = this.conflict;
    m.fill(0);
    for (let p = 0; p < n; p++) {
      const row = p * n;
      if (this.pcs[p] === 0) {
        // Dormant: whoever may start it (write its pc) must move first.
        const o = T[p]!.pcOffset;
        for (let q = 0; q < n; q++) {
          const f = fut[q];
          if (q !== p && f && (f.top || (f.w[o >>> 5]! & (1 << (o & 31))) !== 0)) m[row + q] = 1;
        }
        continue;
      }
      const id = T[p]!.steps[this.pcs[p]! - 1]!.id, r = F.readsOf(id), w = F.writesOf(id), c = F.commutesOf(id), idx = F.wordsOf(id);
      const on = this.nb[p]! > 0, known = F.isKnown(id);
      for (let q = 0; q < n; q++) {
        const f = fut[q];
        if (q === p || !f) continue;
        if (f.top || (on && !known)) { m[row + q] = 1; continue; }
        // q changes what p reads; or (p enabled) p changes what q reads, or both change a byte
        // and not both by adds (footprints.ts). Only the words p touches can meet. No term is
        // implied by the others: por.test.ts's "each conflict term is needed" has a two-thread
        // model for each that loses its violation without it.
        const fr = f.r, fw = f.w, fc = f.c;
        for (let j = 0; j < idx.length; j++) {
          const i = idx[j]!, x = (r[i]! & fw[i]!) | (on ? (w[i]! & fr[i]!) | (w[i]! & fw[i]! & ~(c[i]! & fc[i]!)) : 0);
          if (x !== 0) { m[row + q] = 1; break; }
        }
      }
    }
    return m;
  }

  /** this.inP := the threads reachable from seed k over conflict edges. */
  private closure(k: number, m: Uint8Array): void {
    this.inP.fill(0);
    this.inP[k] = 1;
    this.closeSet(m);
  }

  /**
   * A persistent set (Godefroid 1996, ch. 4; Valmari's stubborn sets): the current steps of a
   * set P of threads closed under conflict, so no run of steps outside it can reach, enable,
   * disable or fail to commute with any of them. Seeds are tried from the one whose closure has
   * the fewest moves; the set is taken when it is a proper subset of the enabled moves, all its
   * enabled steps are invisible (C2) and none of its successors is stored (C3). Its moves are
   * visited and their number returned; 0: expand fully.
   */
  private tryPersistent(store: FingerprintStore, visit: (k: number, b: number) => void): number {
    const T = this.c.threads, n = T.length, F = this.fp, nb = this.nb, inP = this.inP, hs = this.hs;
    const e = this.candidates();
    let fut = e.fut, v = F.version;
    // First the sets that are invisible as they are; then, if none would do, those C2's second
    // form grows (a grown set is larger than the closure it came from).
    for (let phase = 0; phase < 2; phase++) for (let i = 0; i < e.sets.length; i++) {
      inP.set(e.sets[i]!);
      if (!this.settle(fut, phase === 1)) continue;
      const settled = this.ext;
      settled.set(inP);
      // C3 (and learning the moves' footprints): every successor must be new.
      let fresh = true, j = 0;
      for (let p = 0; p < n && fresh; p++) {
        if (!inP[p]) continue;
        for (let b = 0; b < nb[p]! && fresh; b++) {
          this.stepLearn(p, b);
          hs[j++] = fp.hi; hs[j++] = fp.lo;
          if (store.has(fp.hi, fp.lo) && (this.strategy === 'dfs' || !this.level.has(fp.hi, fp.lo))) fresh = false;
        }
      }
      if (!fresh) continue;
      // Running the moves may have taught something: the same set must come out again.
      if (F.version !== v) {
        fut = this.futures(); v = F.version;
        this.closure(e.seeds[i]!, this.conflicts(fut));
        if (!same(e.sets[i]!, inP) || !this.settle(fut, phase === 1) || !same(settled, inP)) return 0;
      }
      for (let p = 0; p < n; p++) if (inP[p] && this.pcs[p] !== 0) F.use(T[p]!.steps[this.pcs[p]! - 1]!.id);
      for (const f of fut) if (f) F.useFuture(f);
      F.reduced = true;
      let moves = 0;
      j = 0;
      for (let p = 0; p < n; p++) {
        if (!inP[p]) continue;
        // Learned and fingerprinted above: run it plainly this time.
        for (let b = 0; b < nb[p]!; b++) { this.be.step(p, b, false); fp.hi = hs[j++]!; fp.lo = hs[j++]!; moves++; visit(p, b); }
      }
      return moves;
    }
    return 0;
  }

  /**
   * The candidate sets of this state: the distinct closures of its enabled threads that leave
   * some move out, fewest moves first. They depend only on the program counters, the branch
   * counts and the footprints, so they are cached by those (and dropped when a footprint grows).
   */
  private candidates(): Candidates {
    const T = this.c.threads, n = T.length, F = this.fp, nb = this.nb, pcs = this.pcs, inP = this.inP;
    if (F.version !== this.cacheVersion || this.cache.size > 20_000) { this.cache.clear(); this.cacheVersion = F.version; }
    // Where program counters rarely repeat (a state is mostly its threads' places: host-children),
    // the cache costs more than it saves; after a trial it is left off (the sets are the same).
    const caching = this.lookups < 4096 || this.hits * 4 >= this.lookups;
    let h = 0x811c9dc5, bucket: Candidates[] | undefined;
    if (caching) {
      for (let k = 0; k < n; k++) { h = Math.imul(h ^ pcs[k]!, 0x01000193); h = Math.imul(h ^ nb[k]!, 0x01000193); }
      bucket = this.cache.get(h);
      this.lookups++;
      if (bucket) for (const e of bucket) if (same(e.pcs, pcs) && same(e.nb, nb)) { this.hits++; return e; }
    }
    const fut = this.futures(), m = this.conflicts(fut), S = this.scratch, rows = S.rows, moves = S.moves, seeds = S.seedOf, order = S.order;
    this.mAt = this.expansions;
    let total = 0;
    for (let k = 0; k < n; k++) total += nb[k]!;
    let found = 0;
    for (let k = 0; k < n; k++) {
      if (nb[k] === 0) continue;
      this.closure(k, m);
      let mv = 0;
      for (let q = 0; q < n; q++) if (inP[q]) mv += nb[q]!;
      if (mv >= total) continue;
      // Seeds in one closure give the same set: keep it once.
      let dup = false;
      for (let i = 0; i < found && !dup; i++) dup = same(rows[i]!, inP);
      if (dup) continue;
      rows[found]!.set(inP); moves[found] = mv; seeds[found] = k; order[found] = found; found++;
    }
    // Fewest moves first, then by seed (an insertion sort: a handful of sets).
    for (let i = 1; i < found; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= 0 && (moves[order[j]!]! > moves[x]! || (moves[order[j]!]! === moves[x]! && seeds[order[j]!]! > seeds[x]!))) { order[j + 1] = order[j]!; j--; }
      order[j + 1] = x;
    }
    if (!caching) {
      S.e.fut = fut; S.e.sets.length = found; S.e.seeds.length = found;
      for (let i = 0; i < found; i++) { S.e.sets[i] = rows[order[i]!]!; S.e.seeds[i] = seeds[order[i]!]!; }
      return S.e;
    }
    const e: Candidates = { pcs: pcs.slice(), nb: nb.slice(), fut: fut.slice(), sets: [], seeds: [] };
    for (let i = 0; i < found; i++) { e.sets.push(rows[order[i]!]!.slice()); e.seeds.push(seeds[order[i]!]!); }
    if (bucket) bucket.push(e); else this.cache.set(h, [e]);
    return e;
  }
  private lookups = 0;
  private hits = 0;
  /** Room for one state's candidate sets when they are not cached. */
  private readonly scratch: { rows: Uint8Array[]; moves: Int32Array; seedOf: Int32Array; order: Int32Array; e: Candidates };
  /** The set a candidate settled to (settle may grow it). */
  private readonly ext: Uint8Array;
  /** The expansion whose conflict matrix this.conflict holds. */
  private mAt = -1;


  /** No enabled step of the set writes a byte of `vis`. */
  private invisible(vis: Uint32Array): boolean {
    const T = this.c.threads, F = this.fp;
    for (let p = 0; p < T.length; p++) {
      if (!this.inP[p] || this.nb[p] === 0) continue;
      if (meets(F.writesOf(T[p]!.steps[this.pcs[p]! - 1]!.id), vis, F.words)) return false;
    }
    return true;
  }

  /**
   * C2 for the set in inP: its enabled steps write nothing an action property reads or watches;
   * and nothing an invariant or premise reads either (`grow` false), or (`grow`: only for a set
   * that fails just that) no thread outside the set may change what those read in this state:
   * the set takes in every thread that could, and is closed under conflict again. False when no
   * such set leaves a move out.
   */
  private settle(fut: (Future | undefined)[], grow: boolean): boolean {
    const F = this.fp, inP = this.inP, n = this.c.threads.length, W = F.words;
    if (!this.invisible(F.vis)) return false;
    if (this.invisible(F.visInv)) return !grow;
    if (!grow) return false;
    const rs = this.stateReads();
    let grew = false;
    for (let q = 0; q < n; q++) {
      const f = fut[q];
      if (!inP[q] && f !== undefined && (f.top || meets(f.w, rs, W))) { inP[q] = 1; grew = true; }
    }
    if (grew) {
      if (this.mAt !== this.expansions) { this.conflicts(fut); this.mAt = this.expansions; }
      this.closeSet(this.conflict);
      let moves = 0, total = 0;
      for (let q = 0; q < n; q++) { total += this.nb[q]!; if (inP[q]) moves += this.nb[q]!; }
      if (moves >= total) return false;
    }
    return this.invisible(F.vis);
  }

  /** What the invariants and premises read in cur (evaluated once per expansion). */
  private stateReads(): Uint32Array {
    if (this.rsAt !== this.expansions) {
      const be = this.be, rs = this.rs;
      rs.clear();
      for (const f of this.stateProps) {
        try { f(be.recG(false, rs), be.recQ(false, rs)); } catch { /* the search reports it */ }
      }
      this.rsAt = this.expansions;
    }
    return this.rs.r;
  }

  /** inP := its closure over conflict edges. */
  private closeSet(m: Uint8Array): void {
    const n = this.c.threads.length, inP = this.inP, work = this.work;
    let top = 0;
    for (let q = 0; q < n; q++) if (inP[q]) work[top++] = q;
    while (top > 0) {
      const p = work[--top]!;
      for (let q = 0; q < n; q++) if (m[p * n + q] === 1 && inP[q] === 0) { inP[q] = 1; work[top++] = q; }
    }
  }
}

/**
 * The reduced search: passes of explore() with a Reducer until one completes with nothing its
 * decisions relied on grown (each pass starts from what the earlier ones learned). A pass that
 * stops early (a limit, or every property violated) ends it too: its violations are real runs.
 */
export function explorePor(be: Backend, c: Compiled, makeMonitor: () => Monitor, strategy: 'bfs' | 'dfs', limits: Limits, progress?: (p: Progress) => void, closeVis?: (bits: Uint32Array) => boolean): { out: SearchOutcome; monitor: Monitor; stats: PorStats } {
  // A dirty pass runs to its end rather than stopping at once: what it learns on the way makes
  // the next pass's reduction stronger (host-children n=4: 557,458 states after one restart,
  // against 749,590 after twelve with passes stopped at the first growth).
  const red = new Reducer(be, c, strategy);
  red.fp.closeVis = closeVis;
  red.setProperties(makeMonitor().props);
  red.warmUp(WARM_UP.walks, WARM_UP.depth, makeMonitor().props, 1, WARM_UP.maxWalks);
  const t0 = performance.now();
  let restarts = 0;
  for (;;) {
    red.beginPass();
    be.coverage.fill(0);
    const monitor = makeMonitor();
    monitor.reads = red.reads;
    const spent = (performance.now() - t0) / 1000;
    const left = limits.timeLimit !== undefined ? Math.max(0.001, limits.timeLimit - spent) : undefined;
    const out = explore(be, monitor, strategy, { ...limits, ...(left !== undefined ? { timeLimit: left } : {}) }, progress, undefined, red);
    red.flushVis();
    if (!red.fp.dirty || !out.complete) {
      // A pass gets the time left of the user's limit; the note names the user's limit.
      if (out.stopped === 'time-limit') out.stopNote = `the ${limits.timeLimit} s time limit reached`;
      return { out: { ...out, seconds: (performance.now() - t0) / 1000 }, monitor, stats: { restarts, ample: red.ample, full: red.full } };
    }
    restarts++;
  }
}

interface Candidates {
  pcs: Int32Array; nb: Int32Array;
  /** The futures the sets were computed from (a decision marks them used). */
  fut: (Future | undefined)[];
  sets: Uint8Array[];
  /** The thread each set is the closure of. */
  seeds: number[];
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
