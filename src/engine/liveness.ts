/**
 * Liveness on the explored graph under weak fairness, and strong fairness at the steps that ask
 * for it (StepDef.strong: a mutex with handoff).
 *
 * A run is fair when every fair thread that stays enabled forever eventually moves, and every
 * thread at a strongly fair step that is enabled again and again eventually moves. A run that
 * stops in a state where no fair thread is enabled stutters there forever, which is fair too.
 * So an infinite fair behaviour inside a set of states X exists iff X contains
 *  - a strongly connected component C (with at least one edge) in which every fair thread is
 *    either disabled in some state of C or takes some edge inside C, and every thread enabled at
 *    a strongly fair step somewhere in C takes some edge inside C (a cycle through all of C's
 *    states and edges is then fair, and no cycle in C does better). Where a strongly fair thread
 *    is enabled in C and never moves inside it, no fair run stays in C and visits those states
 *    infinitely often: they are taken out and what is left is split into components again (the
 *    Streett-emptiness refinement: Emerson and Lei 1987; Latvala and Heljanko 2000), or
 *  - a state where no fair thread is enabled (a dead end).
 * Each property reduces to finding such a "bad end" in the right subgraph, reachable in the
 * right way, and the counterexample is a lasso: a prefix from the initial state, then a cycle.
 */
import { EDGE_FAIR, EDGE_STRONG, fairAtPc, strongAtPc, type Compiled } from './compile.js';
import { fp } from './hash.js';
import type { Liveness, Move } from './model.js';
import type { Backend } from './state/backend.js';
import type { Graph, Pred } from './search/graph.js';
import { propertyThrew } from './search/monitor.js';
import type { FingerprintStore } from './store.js';
import { codeBranch, codeThread, resolveMove } from './trace.js';

export interface LivenessFinding {
  name: string;
  verdict: 'holds' | 'violated' | 'reachable' | 'unreachable';
  /** A leads-to whose `from` no reachable state satisfies. */
  vacuous?: boolean;
  /** Action codes from the initial state to the loop (or dead end), then around the loop. */
  prefix?: number[];
  cycle?: number[];
  /** For `sometimes`: codes to a witness state. */
  witness?: number[];
}

/** The predicates a property needs, in the order Graph bits are assigned. */
export function predicatesOf(p: Liveness): Pred[] {
  const preds = p.kind === 'leads-to' ? [p.from!, p.to!] : p.kind === 'quiescent' ? [p.quiet!]
    : p.kind === 'sometimes' && p.from ? [p.holds!, p.from] : [p.holds!];
  // An error in a predicate is the property's (E302), as it is for safety properties.
  return preds.map((f) => (s, q) => { try { return f(s, q); } catch (e) { throw propertyThrew(p, e); } });
}

export function analyze(c: Compiled, g: Graph, store: FingerprintStore, props: readonly Liveness[]): LivenessFinding[] {
  const n = g.states;
  const fairMask = c.fair;
  let bit = 0;
  return props.map((p) => {
    const b0 = bit;
    bit += predicatesOf(p).length;
    const has = (id: number, k: number) => g.has(id, b0 + k);
    switch (p.kind) {
      case 'sometimes': {
        for (let id = 0; id < n; id++) if (has(id, 0)) return { name: p.name, verdict: 'reachable', witness: store.path(id) };
        // Its premise (`from`) never met: an unreachable answer about nothing.
        if (p.from) { let met = false; for (let id = 0; id < n && !met; id++) met = has(id, 1); if (!met) return { name: p.name, verdict: 'unreachable', vacuous: true }; }
        return { name: p.name, verdict: 'unreachable' };
      }
      case 'eventually': {
        if (has(0, 0)) return { name: p.name, verdict: 'holds' };
        // Runs that never reach P stay in ¬P states reachable from the initial state through ¬P.
        const allowed = reachWithin(g, n, 0, (id) => !has(id, 0));
        const bad = badEnds(g, n, allowed, fairMask);
        const e = first(bad.entry, n);
        if (e < 0) return { name: p.name, verdict: 'holds' };
        return { name: p.name, verdict: 'violated', prefix: pathWithin(g, n, 0, (id) => id === e, allowed)!, cycle: cycleAt(g, n, e, bad, fairMask) };
      }
      case 'leads-to': {
        let any = false;
        for (let id = 0; id < n && !any; id++) any = has(id, 0);
        if (!any) return { name: p.name, verdict: 'holds', vacuous: true };
        const allowed = new Uint8Array(n);
        for (let id = 0; id < n; id++) allowed[id] = has(id, 1) ? 0 : 1;
        const bad = badEnds(g, n, allowed, fairMask);
        const doomed = canReach(g, n, allowed, bad.entry);
        for (let s = 0; s < n; s++) {
          if (!(has(s, 0) && doomed[s])) continue;
          const tail = pathWithin(g, n, s, (id) => bad.entry[id] === 1, allowed)!;
          const e = endOf(g, s, tail);
          return { name: p.name, verdict: 'violated', prefix: [...store.path(s), ...tail], cycle: cycleAt(g, n, e, bad, fairMask) };
        }
        return { name: p.name, verdict: 'holds' };
      }
      case 'quiescent': {
        const all = new Uint8Array(n).fill(1);
        const bad = badEnds(g, n, all, fairMask);
        for (let s = 0; s < n; s++) {
          if (has(s, 0) || !bad.entry[s]) continue;
          return { name: p.name, verdict: 'violated', prefix: store.path(s), cycle: cycleAt(g, n, s, bad, fairMask) };
        }
        return { name: p.name, verdict: 'holds' };
      }
    }
  });
}

interface BadEnds {
  /** 1 for every state in a fair SCC or a fair dead end. */
  entry: Uint8Array;
  /** SCC index per state (-1 outside `allowed`, or taken out by a split), and whether the state is a dead end. */
  comp: Int32Array;
  deadEnd: Uint8Array;
}

/**
 * Fair SCCs and fair dead ends of the subgraph induced by `allowed`. A component that is weakly
 * fair but owes a strongly fair thread a move is split: the states where that thread can move
 * are taken out and the rest is searched again, until what is left is fair or nothing.
 */
function badEnds(g: Graph, n: number, allowed: Uint8Array, fair: readonly boolean[]): BadEnds {
  const comp = new Int32Array(n).fill(-1);
  const entry = new Uint8Array(n), deadEnd = new Uint8Array(n);
  for (let s = 0; s < n; s++) if (allowed[s] && !fairEnabledAny(g, s, fair)) { deadEnd[s] = 1; entry[s] = 1; }
  const scc = new Sccs(g, n);
  let comps = 0;
  // Components still to split, as copies of their members (the SCC search reuses its stack).
  const pending: Uint32Array[] = [];
  const judge = (ms: Uint32Array) => {
    const cid = comps++;
    for (const s of ms) comp[s] = cid;
    if (!hasInternalEdge(g, ms, comp, cid)) return;
    if (!isFair(g, ms, comp, cid, fair)) return;
    const owed = owedStrong(g, ms, comp, cid, fair);
    if (owed === null) { for (const s of ms) entry[s] = 1; return; }
    const rest = ms.filter((s) => !owesAt(g, s, owed));
    for (const s of ms) comp[s] = -1;
    if (rest.length > 0) pending.push(rest);
  };
  scc.run(allowed, null, judge);
  const sub = new Uint8Array(n);
  while (pending.length > 0) {
    const ms = pending.pop()!;
    for (const s of ms) sub[s] = 1;
    scc.run(sub, ms, judge);
    for (const s of ms) sub[s] = 0;
  }
  return { entry, comp, deadEnd };
}

/** The threads that can move at a strongly fair step in some state of ms, in the order first met. */
function strongIn(g: Graph, ms: Iterable<number>, T: number): number[] {
  const seen = new Uint8Array(T), out: number[] = [];
  if (!g.fair) return out;
  for (const s of ms) {
    for (let e = g.start[s]!, z = e + g.count[s]!; e < z; e++) {
      const k = codeThread(g.code[e]!);
      if ((g.fair[e]! & EDGE_STRONG) && !seen[k]) { seen[k] = 1; out.push(k); }
    }
  }
  return out;
}

/** Strongly fair threads that can move somewhere in component cid and never move inside it (1 per thread), or null. */
function owedStrong(g: Graph, ms: Uint32Array, comp: Int32Array, cid: number, fair: readonly boolean[]): Uint8Array | null {
  if (!g.fair) return null;
  const T = fair.length, strong = new Uint8Array(T), inside = new Uint8Array(T);
  for (const k of strongIn(g, ms, T)) strong[k] = 1;
  for (const s of ms) {
    for (let e = g.start[s]!, z = e + g.count[s]!; e < z; e++) if (comp[g.dst[e]!] === cid) inside[codeThread(g.code[e]!)] = 1;
  }
  let any = false;
  for (let k = 0; k < T; k++) { if (inside[k]) strong[k] = 0; else if (strong[k]) any = true; }
  return any ? strong : null;
}

/** Can a thread marked in `owed` move from s at a strongly fair step? */
function owesAt(g: Graph, s: number, owed: Uint8Array): boolean {
  const a = g.start[s]!, z = a + g.count[s]!;
  for (let e = a; e < z; e++) if ((g.fair![e]! & EDGE_STRONG) && owed[codeThread(g.code[e]!)]) return true;
  return false;
}

function fairEnabledAny(g: Graph, s: number, fair: readonly boolean[]): boolean {
  const a = g.start[s]!, z = a + g.count[s]!;
  for (let e = a; e < z; e++) if (fairEdge(g, e, fair)) return true;
  return false;
}

/** Is the thread of edge e weakly fair in the state e leaves (per edge where that depends on its pc)? */
function fairEdge(g: Graph, e: number, fair: readonly boolean[]): boolean {
  return g.fair ? (g.fair[e]! & EDGE_FAIR) !== 0 : fair[codeThread(g.code[e]!)]!;
}

function hasInternalEdge(g: Graph, ms: Iterable<number>, comp: Int32Array, cid: number): boolean {
  for (const s of ms) {
    const a = g.start[s]!, z = a + g.count[s]!;
    for (let e = a; e < z; e++) if (comp[g.dst[e]!] === cid) return true;
  }
  return false;
}

/** Weak fairness on a whole SCC: no fair thread is enabled everywhere in it without moving inside it. */
function isFair(g: Graph, ms: ArrayLike<number> & Iterable<number>, comp: Int32Array, cid: number, fair: readonly boolean[]): boolean {
  return requiredThreads(g, ms, comp, cid, fair) !== null;
}

/**
 * Threads enabled and weakly fair in every state of the SCC, or null if one of them never moves
 * inside it. (A thread's pc, and so its fairness, changes only when it moves.)
 */
function requiredThreads(g: Graph, ms: ArrayLike<number> & Iterable<number>, comp: Int32Array, cid: number, fair: readonly boolean[]): number[] | null {
  const T = fair.length;
  const everywhere = new Uint8Array(T).fill(1), inside = new Uint8Array(T);
  const here = new Uint8Array(T);
  for (const s of ms) {
    here.fill(0);
    const a = g.start[s]!, z = a + g.count[s]!;
    for (let e = a; e < z; e++) {
      const k = codeThread(g.code[e]!);
      if (fairEdge(g, e, fair)) here[k] = 1;
      if (comp[g.dst[e]!] === cid) inside[k] = 1;
    }
    for (let k = 0; k < T; k++) if (!here[k]) everywhere[k] = 0;
  }
  const need: number[] = [];
  for (let k = 0; k < T; k++) {
    if (!everywhere[k]) continue;
    if (!inside[k]) return null;
    need.push(k);
  }
  return need;
}

/**
 * A cycle from e back to e inside e's fair SCC taking an edge of every fair thread that is
 * enabled throughout it and of every thread that can move somewhere in it at a strongly fair
 * step; empty when e is a dead end.
 */
function cycleAt(g: Graph, n: number, e: number, bad: BadEnds, fair: readonly boolean[]): number[] {
  if (bad.deadEnd[e]) return [];
  const cid = bad.comp[e]!;
  const inC = (s: number) => bad.comp[s] === cid;
  const ms: number[] = [];
  for (let s = 0; s < n; s++) if (inC(s)) ms.push(s);
  const need = requiredThreads(g, ms, bad.comp, cid, fair) ?? [];
  // A thread at a strongly fair step somewhere in C moves inside it (badEnds split C otherwise):
  // the cycle takes its move, or it would pass it over for ever.
  for (const k of strongIn(g, ms, fair.length)) if (!need.includes(k)) need.push(k);
  const out: number[] = [];
  let cur = e;
  const take = (pred: (edge: number) => boolean) => {
    // Walk to the nearest state with an internal edge satisfying pred, then take it.
    const from = pathTo(g, n, cur, (s) => edgeFrom(g, s, (x) => inC(g.dst[x]!) && pred(x)) >= 0, inC)!;
    out.push(...from);
    cur = endOf(g, cur, from);
    const x = edgeFrom(g, cur, (y) => inC(g.dst[y]!) && pred(y));
    out.push(g.code[x]!);
    cur = g.dst[x]!;
  };
  for (const k of need) take((x) => codeThread(g.code[x]!) === k);
  if (out.length === 0) take(() => true);
  // A thread enabled and fair in some states of C but not all is owed no move, but only by a run
  // that keeps passing where it is not: visit such a state, or the cycle starves it.
  for (let k = 0; k < fair.length; k++) {
    if (need.includes(k)) continue;
    const fairHere = (s: number) => edgeFrom(g, s, (x) => codeThread(g.code[x]!) === k && fairEdge(g, x, fair)) >= 0;
    if (!ms.some(fairHere)) continue;
    const to = pathTo(g, n, cur, (s) => !fairHere(s), inC)!;
    out.push(...to);
    cur = endOf(g, cur, to);
  }
  out.push(...pathTo(g, n, cur, (s) => s === e, inC)!);
  return out;
}

function edgeFrom(g: Graph, s: number, pred: (edge: number) => boolean): number {
  const a = g.start[s]!, z = a + g.count[s]!;
  for (let x = a; x < z; x++) if (pred(x)) return x;
  return -1;
}

/** The state reached from s by following the codes (each code names the edge taken). */
function endOf(g: Graph, s: number, codes: number[]): number {
  for (const c of codes) s = g.dst[edgeFrom(g, s, (x) => g.code[x] === c)]!;
  return s;
}

/** BFS inside `allowed` from s to the nearest state satisfying goal: the edge codes, or null. */
function pathWithin(g: Graph, n: number, s: number, goal: (id: number) => boolean, allowed: Uint8Array): number[] | null {
  return pathTo(g, n, s, goal, (id) => allowed[id] === 1);
}

function pathTo(g: Graph, n: number, s: number, goal: (id: number) => boolean, inside: (id: number) => boolean): number[] | null {
  if (goal(s)) return [];
  const via = new Int32Array(n).fill(-1), par = new Int32Array(n);
  const queue = new Uint32Array(n);
  let h = 0, t = 0;
  queue[t++] = s;
  via[s] = -2;
  while (h < t) {
    const u = queue[h++]!;
    const a = g.start[u]!, z = a + g.count[u]!;
    for (let x = a; x < z; x++) {
      const v = g.dst[x]!;
      if (via[v] !== -1 || !inside(v)) continue;
      via[v] = x;
      par[v] = u;
      if (goal(v)) {
        const codes: number[] = [];
        for (let w = v; via[w]! >= 0; w = par[w]!) codes.push(g.code[via[w]!]!);
        return codes.reverse();
      }
      queue[t++] = v;
    }
  }
  return null;
}

/** States reachable from s through states satisfying ok (s included if ok). */
function reachWithin(g: Graph, n: number, s: number, ok: (id: number) => boolean): Uint8Array {
  const seen = new Uint8Array(n);
  if (!ok(s)) return seen;
  // Each state is pushed at most once: a stack of n entries is enough.
  const stack = new Uint32Array(n);
  let sp = 0;
  stack[sp++] = s;
  seen[s] = 1;
  while (sp > 0) {
    const u = stack[--sp]!;
    const a = g.start[u]!, z = a + g.count[u]!;
    for (let x = a; x < z; x++) {
      const v = g.dst[x]!;
      if (!seen[v] && ok(v)) { seen[v] = 1; stack[sp++] = v; }
    }
  }
  return seen;
}

/** States in `allowed` from which some `target` state is reachable inside `allowed`. */
function canReach(g: Graph, n: number, allowed: Uint8Array, target: Uint8Array): Uint8Array {
  // Reverse edges of the allowed subgraph, as CSR.
  const deg = new Uint32Array(n + 1);
  for (let u = 0; u < n; u++) {
    if (!allowed[u]) continue;
    const a = g.start[u]!, z = a + g.count[u]!;
    for (let x = a; x < z; x++) if (allowed[g.dst[x]!]) deg[g.dst[x]! + 1]!++;
  }
  for (let i = 0; i < n; i++) deg[i + 1]! += deg[i]!;
  const rev = new Uint32Array(deg[n]!), fill = deg.slice(0, n);
  for (let u = 0; u < n; u++) {
    if (!allowed[u]) continue;
    const a = g.start[u]!, z = a + g.count[u]!;
    for (let x = a; x < z; x++) { const v = g.dst[x]!; if (allowed[v]) rev[fill[v]!++] = u; }
  }
  const seen = new Uint8Array(n), stack = new Uint32Array(n);
  let sp = 0;
  for (let s = 0; s < n; s++) if (target[s]) { seen[s] = 1; stack[sp++] = s; }
  while (sp > 0) {
    const v = stack[--sp]!;
    for (let i = deg[v]!; i < deg[v + 1]!; i++) { const u = rev[i]!; if (!seen[u]) { seen[u] = 1; stack[sp++] = u; } }
  }
  return seen;
}

function first(a: Uint8Array, n: number): number {
  for (let i = 0; i < n; i++) if (a[i]) return i;
  return -1;
}

/**
 * Iterative Tarjan over the subgraph induced by a mask, its arrays kept for the searches again
 * inside components that badEnds splits.
 */
class Sccs {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Uint32Array;
  private readonly callV: Uint32Array;
  private readonly callE: Uint32Array;
  private idx = 0;

  constructor(private readonly g: Graph, n: number) {
    this.index = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Uint32Array(n);
    this.callV = new Uint32Array(n);
    this.callE = new Uint32Array(n);
  }

  /**
   * Calls found(members) for each component of the subgraph induced by `allowed`, from `roots`
   * (every state when null; given roots are searched afresh). `members` is a view of the stack:
   * copy it to keep it.
   */
  run(allowed: Uint8Array, roots: Uint32Array | null, found: (members: Uint32Array) => void): void {
    const { g, index, low, onStack, stack, callV, callE } = this;
    if (roots) for (const r of roots) index[r] = -1;
    const n = roots ? roots.length : allowed.length;
    let sp = 0, cp = 0;
    for (let i = 0; i < n; i++) {
      const root = roots ? roots[i]! : i;
      if (!allowed[root] || index[root] !== -1) continue;
      callV[cp] = root; callE[cp] = g.start[root]!; cp++;
      index[root] = low[root] = this.idx++; stack[sp++] = root; onStack[root] = 1;
      while (cp > 0) {
        const v = callV[cp - 1]!;
        const z = g.start[v]! + g.count[v]!;
        let e = callE[cp - 1]!;
        let descended = false;
        while (e < z) {
          const w = g.dst[e++]!;
          if (!allowed[w]) continue;
          if (index[w] === -1) {
            callE[cp - 1] = e;
            index[w] = low[w] = this.idx++; stack[sp++] = w; onStack[w] = 1;
            callV[cp] = w; callE[cp] = g.start[w]!; cp++;
            descended = true;
            break;
          } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        }
        if (descended) continue;
        callE[cp - 1] = e;
        if (low[v] === index[v]) {
          const top = sp;
          let w: number;
          do { w = stack[--sp]!; onStack[w] = 0; } while (w !== v);
          found(stack.subarray(sp, top));
        }
        cp--;
        if (cp > 0) { const u = callV[cp - 1]!; if (low[v]! < low[u]!) low[u] = low[v]!; }
      }
    }
  }
}

export interface LassoCheck { confirmed: boolean; why: string }

/**
 * Confirm a lasso by re-execution: the moves replay (E403 otherwise), the state after the last
 * move is the state at `loopFrom` (same fingerprint) or, for a dead end, no fair thread can move
 * there; the cycle is fair (weakly, and strongly at the steps that ask for it); and the property
 * fails along it.
 */
export function confirmLasso(be: Backend, p: Liveness, moves: readonly Move[], loopFrom: number): LassoCheck {
  const c = be.c;
  if (p.kind === 'sometimes') return { confirmed: false, why: `'${p.name}' is a reachability question; a trace is a witness, not a counterexample` };
  if (!(Number.isInteger(loopFrom) && loopFrom >= 0 && loopFrom <= moves.length)) return { confirmed: false, why: `loopFrom ${loopFrom} is not an index into the ${moves.length} moves` };
  const preds = predicatesOf(p);
  const fps: string[] = [], vals: boolean[][] = [], enabled: boolean[][] = [], strong: boolean[][] = [], movers: number[] = [];
  const record = () => {
    fps.push(`${fp.hi}:${fp.lo}`);
    vals.push(preds.map((f) => f(be.curG(), be.curQ())));
    // Enabled and weakly fair there (an unfair thread with stopsAt is fair away from those labels).
    enabled.push(c.threads.map((th) => be.enabled(th.index) > 0 && fairAtPc(c, th.index, be.pc(th.index))));
    strong.push(c.threads.map((th) => be.enabled(th.index) > 0 && strongAtPc(c, th.index, be.pc(th.index))));
  };
  be.loadInitial();
  record();
  moves.forEach((m, i) => {
    const code = resolveMove(be, m, i);
    movers.push(codeThread(code));
    be.apply(codeThread(code), codeBranch(code));
    record();
  });
  const n = moves.length;
  if (loopFrom === n) {
    const stuck = c.threads.filter((th) => enabled[n]![th.index]).map((th) => th.name);
    if (stuck.length) return { confirmed: false, why: `the run stops after move ${n}, but ${stuck.join(', ')} can still move there (an unfair stop)` };
  } else {
    if (fps[loopFrom] !== fps[n]) return { confirmed: false, why: `the cycle does not close: the state after move ${n} is not the state after move ${loopFrom}` };
    for (const th of c.threads) {
      let always = true, moved = false, strongly = 0;
      for (let i = loopFrom; i < n; i++) { if (!enabled[i]![th.index]) always = false; if (strong[i]![th.index]) strongly++; if (movers[i] === th.index) moved = true; }
      if (always && !moved) return { confirmed: false, why: `the cycle is unfair: ${th.name} is enabled all along it and never moves` };
      if (strongly > 0 && !moved) return { confirmed: false, why: `the cycle is unfair: ${th.name} can move in ${strongly} of its ${n - loopFrom} states at a strongly fair step (${th.steps[be.pc(th.index) - 1]?.label ?? 'its step'}) and never moves` };
    }
  }
  // States visited forever: the cycle's (or the dead end's).
  const loop = loopFrom === n ? [n] : Array.from({ length: n - loopFrom }, (_, i) => loopFrom + i);
  switch (p.kind) {
    case 'eventually': {
      const i = vals.findIndex((v) => v[0]);
      return i < 0 ? { confirmed: true, why: 'the property never holds along the run' } : { confirmed: false, why: `it holds after move ${i}` };
    }
    case 'leads-to': {
      // Some state satisfies `from`, and `to` fails from there on, round the cycle included.
      const lastTo = vals.map((v) => v[1]).lastIndexOf(true);
      if (loop.some((i) => vals[i]![1])) return { confirmed: false, why: 'its target holds on the cycle' };
      const start = vals.findIndex((v, i) => i > lastTo && v[0]);
      return start < 0 ? { confirmed: false, why: 'no state after the last one satisfying its target satisfies its trigger' } : { confirmed: true, why: `its trigger holds after move ${start} and its target never follows` };
    }
    case 'quiescent':
      return loop.some((i) => !vals[i]![0]) ? { confirmed: true, why: 'the run keeps returning to an unquiet state' } : { confirmed: false, why: 'every state on the cycle is quiet' };
  }
}
