/**
 * The symmetry checker: on every reachable state s of a (small) model and every permutation pi
 * of the elements `movable` allows at s, it verifies that pi is an automorphism there:
 * - the successors of pi(s) are exactly pi(successors of s) (raw bytes, not canonical forms);
 * - every invariant, premise, liveness predicate and the deadlock condition has the same value
 *   at s and pi(s), and every action property and the moving thread's fairness the same value on
 *   corresponding transitions (the properties the search checks, where it says which; fairness
 *   where one of them is a liveness property);
 * - what may move never shrinks along a transition (pi stays allowed at every successor).
 * Together these make {(s, pi(s))} a bisimulation over the reachable states, which is what
 * makes storing states by canonical fingerprint sound (reduce/symmetry.ts). Where a class
 * declares dead state, it also verifies at every state where that state is dead: it stays dead
 * on every successor, and s and s with it zeroed (z) have the same property values and, up to
 * z, the same successors: {(s, z(s))} is a bisimulation too. It searches the
 * unreduced state space and keeps every state: for small instances and tests only.
 */
import { compile, EDGE_FAIR, EDGE_STRONG, edgeFlags } from '../compile.js';
import { fingerprint, fp, hex } from '../hash.js';
import type { Model, Move, Property, SymmetryClass } from '../model.js';
import { FastBackend } from '../state/fast.js';
import { predicatesOf } from '../liveness.js';
import { actionCode, branchNameAt, rebuild } from '../trace.js';
import { permutationsOf, Symmetry } from './symmetry.js';

export interface SymmetryFailure {
  /** Moves from the initial state to s. */
  path: Move[];
  /** The same, as traces name them (`thread: label #branch`, the branch's name where it has one). */
  named: string[];
  /** The permutation, as `c1->c2, c2->c1`. */
  permutation: string;
  /** What differs, in words. */
  what: string;
}

export interface SymmetryCheck {
  states: number;
  /** States where some permutation was checked, and how many (state, permutation) pairs. */
  symmetricStates: number;
  pairs: number;
  /** States where some class's dead state was checked against its zeroed form. */
  deadStates: number;
  complete: boolean;
  failure?: SymmetryFailure;
}

interface Succ { fp: string; bytes: Uint8Array; move: string; code: number; action: string }
/** A move's `owes=` (Succ.action's first entry) in words. */
const fairness = (x: Succ) => { const f = Number(x.action.slice(5, x.action.indexOf(',') < 0 ? undefined : x.action.indexOf(','))); return f & EDGE_STRONG ? 'strongly fair' : f & EDGE_FAIR ? 'weakly fair' : 'unfair'; };

/**
 * `stop`: asked every 256 states; true ends the check, incomplete (the search's --time-limit, Ctrl-C).
 * `properties`: the ones the search checks (a `--property` choice, an optional library property
 * named), in place of the model's own: a property left unchecked failed the check and cost the
 * reduction, and one named but not built was never compared (s46 h17).
 */
export function checkSymmetry(model: Model, o: { maxStates?: number; stop?: () => boolean; properties?: readonly Property[] } = {}): SymmetryCheck {
  const c = compile(o.properties ? { ...model, properties: [...o.properties] } : model);
  const classes: SymmetryClass[] = model.symmetry ?? [];
  const sym = new Symmetry(c, classes);
  const be = new FastBackend(c);
  const T = c.threads;
  const maxStates = o.maxStates ?? 500_000;
  const key = () => hex(fp.hi, fp.lo);

  // A branch named as traces name it, in the state at hand (boot's pending-order picks name the
  // devices placed: s45 h19, they printed as numbers here).
  const moveName = (k: number, b: number) => {
    const th = T[k]!, cs = th.steps[be.pc(k) - 1]!;
    return `${th.name}: ${cs.label}${cs.nb !== 1 ? ` #${branchNameAt(be, k, b) ?? b}` : ''}`;
  };
  // A liveness property's predicates (leads-to's from and to, ...) label states too: the boot
  // order's reduction (Model.symmetricChoice) runs with liveness, and a leads-to of yours naming
  // c1 passed this check and read vacuous where it is violated (s46 h11).
  const live = c.liveness.map((p) => ({ name: p.name, preds: predicatesOf(p) }));
  // Fairness is read by a liveness verdict alone (a `sometimes` is reachability): compared where
  // none is checked, a thread unfair in a safety-only run failed the check and cost the reduction
  // for nothing (s46 h20).
  const fairRead = c.liveness.some((p) => p.kind !== 'sometimes');
  /** Labels of cur: invariants, premises, liveness predicates, deadlock. */
  const labels = (moves: number) => {
    const g = be.curG(), q = be.curQ();
    const out: string[] = c.invariants.map((p) => `${p.name}=${p.holds(g, q)}${p.premise ? `/${p.premise(g, q)}` : ''}`);
    for (const p of c.actions) if (p.premise) out.push(`${p.name} premise=${p.premise(g, q)}`);
    for (const p of live) out.push(`${p.name}=${p.preds.map((f) => f(g, q)).join('/')}`);
    const stuck = moves === 0 && T.some((th) => { const pc = be.pc(th.index); return pc !== 0 && !th.steps[pc - 1]!.step.idle; });
    out.push(`deadlock=${stuck}`);
    return out;
  };
  /** The successors of `u` (loaded into cur first), with the action properties of each move. */
  const successors = (u: Uint8Array): { succ: Succ[]; labels: string[] } => {
    be.loadBytes(u);
    const found: Succ[] = [];
    const moves: [number, number][] = [];
    for (let k = 0; k < T.length; k++) for (let b = 0, nb = be.enabled(k); b < nb; b++) moves.push([k, b]);
    const lab = labels(moves.length);
    for (const [k, b] of moves) {
      be.loadBytes(u);
      const move = moveName(k, b);
      be.step(k, b);
      const next = key();
      const m: Move = { thread: T[k]!.name, label: T[k]!.steps[be.pc(k) - 1]!.label, branch: b };
      // What the moving thread owes there (weakly, strongly fair) is part of the move: liveness
      // reads it, and a permutation pairing a fair thread's move with an unfair one's would map
      // fair runs to unfair ones (s46 h17). Not the index of a conditional step, which differs by position.
      const owes = fairRead ? edgeFlags(c, k, be.pc(k)) & (EDGE_FAIR | EDGE_STRONG) : 0;
      const action = [`owes=${owes}`, ...c.actions.map((p) => `${p.name}=${p.holds(be.curG(), be.nextG(), m, be.nextQ(), be.curQ())}`)].join(',');
      be.advance();
      found.push({ fp: next, bytes: be.bytes(), move, code: actionCode(k, b), action });
    }
    return { succ: found, labels: lab };
  };
  const image32 = new Uint32Array(c.words), image = new Uint8Array(image32.buffer, 0, c.width);
  const imageFp = () => { fingerprint(image32, c.words); return key(); };

  const ids = new Map<string, number>();
  const states: Uint8Array[] = [], parent: number[] = [], via: number[] = [];
  be.loadInitial();
  ids.set(key(), 0); states.push(be.bytes()); parent.push(-1); via.push(0);
  const out: SymmetryCheck = { states: 0, symmetricStates: 0, pairs: 0, deadStates: 0, complete: true };
  const zeroFp = (u: Uint8Array) => { image.set(sym.zeroDead(u).subarray(0, c.width)); return imageFp(); };
  const deadIn = (u: Uint8Array) => sym.layouts.map((L) => L.dead.length > 0 && L.cls.dead!.when(u));
  const perms = (u: Uint8Array) => {
    // Every combination of one permutation per class, minus the identity.
    let all: number[][][] = [[]];
    for (const L of sym.layouts) {
      const ps = permutationsOf(L.n, L.cls.movable(u));
      all = all.flatMap((prefix) => ps.map((p) => [...prefix, p]));
    }
    return all.slice(1);
  };
  const fail = (id: number, P: number[][], what: string): SymmetryCheck => {
    const codes: number[] = [];
    for (let x = id; parent[x]! >= 0; x = parent[x]!) codes.unshift(via[x]!);
    const permutation = sym.layouts.flatMap((L, i) => P[i]!.flatMap((to, e) => (to === e ? [] : [`${L.cls.elements[e]!.name}->${L.cls.elements[to]!.name}`]))).join(', ');
    const t = rebuild(new FastBackend(c), codes);
    out.failure = { path: t.moves, named: t.steps.map((x) => `${x.thread}: ${x.label}${x.branch !== undefined ? ` #${x.branchName ?? x.branch}` : ''}`), permutation, what };
    out.complete = false;
    return out;
  };

  for (let id = 0; id < states.length; id++) {
    if (states.length > maxStates || ((id & 255) === 0 && o.stop?.())) { out.complete = false; break; }
    const u = states[id]!;
    const { succ, labels: lu } = successors(u);
    for (const s of succ) {
      if (!ids.has(s.fp)) { ids.set(s.fp, states.length); states.push(s.bytes); parent.push(id); via.push(s.code); }
    }
    const mu = sym.layouts.map((L) => L.cls.movable(u));
    for (const s of succ) {
      for (let i = 0; i < mu.length; i++) {
        const ms = sym.layouts[i]!.cls.movable(s.bytes);
        // One element alone may only stay where it is: nothing to keep.
        if ((mu[i]! & (mu[i]! - 1)) !== 0 && (mu[i]! & ms) !== mu[i]) return fail(id, sym.layouts.map((L) => L.cls.elements.map((_, e) => e)), `after move '${s.move}' fewer elements may move (mask ${mu[i]!.toString(2)} -> ${ms.toString(2)}): what may move must never shrink`);
      }
    }
    const du = deadIn(u);
    if (du.some(Boolean)) {
      const identity = sym.layouts.map((L) => L.cls.elements.map((_, e) => e));
      for (const s of succ) {
        const ds = deadIn(s.bytes);
        const i = du.findIndex((d, j) => d && !ds[j]);
        if (i >= 0) return fail(id, identity, `after move '${s.move}' the dead state of ${sym.layouts[i]!.cls.name} is live again: it must stay dead`);
      }
      out.deadStates++;
      const v = sym.zeroDead(u).slice();
      const { succ: sv, labels: lv } = successors(v);
      const differs = lu.findIndex((x, i) => x !== lv[i]);
      if (differs >= 0) return fail(id, identity, `with the dead state zeroed, a property value differs: ${lu[differs]} in s, ${lv[differs]} in z(s)`);
      const count = (ss: Succ[]) => { const m = new Map<string, { n: number; s: Succ }>(); for (const s of ss) { const k = `${zeroFp(s.bytes)}|${s.action}`; const e = m.get(k); if (e) e.n++; else m.set(k, { n: 1, s }); } return m; };
      const want = count(succ), got = count(sv);
      for (const [k, e] of want) if (got.get(k)?.n !== e.n) return fail(id, identity, `move '${e.s.move}' of s has no counterpart among the moves of z(s), the state with its dead state zeroed`);
      for (const [k, e] of got) if (want.get(k)?.n !== e.n) return fail(id, identity, `move '${e.s.move}' of z(s), the state with its dead state zeroed, has no counterpart among the moves of s`);
    }
    const ps = perms(u);
    if (ps.length > 0) out.symmetricStates++;
    for (const P of ps) {
      out.pairs++;
      sym.apply(u, image, P);
      const v = image.slice();
      const { succ: sv, labels: lv } = successors(v);
      const differs = lu.findIndex((x, i) => x !== lv[i]);
      if (differs >= 0) return fail(id, P, `property value differs: ${lu[differs]} in s, ${lv[differs]} in pi(s)`);
      const want = new Map<string, Succ>();
      for (const s of succ) { sym.apply(s.bytes, image, P); want.set(`${imageFp()}|${s.action}`, s); }
      const got = new Map(sv.map((s) => [`${s.fp}|${s.action}`, s]));
      for (const [k, s] of want) {
        if (got.has(k)) continue;
        // The image state is there, reached by a move an action property judges otherwise: the
        // property tells the devices apart, not the model (a property hunt, 2026-12-05: this read
        // "has no image", as if the model's steps were not symmetric).
        const fp = k.slice(0, k.length - s.action.length - 1), twin = sv.find((x) => x.fp === fp);
        if (twin) {
          const owes = (x: Succ) => x.action.split(',', 1)[0]!;
          if (owes(s) !== owes(twin)) return fail(id, P, `fairness differs on move '${s.move}': ${fairness(s)} in s, ${fairness(twin)} on its image '${twin.move}' in pi(s)`);
          return fail(id, P, `action property value differs on move '${s.move}': ${s.action.slice(owes(s).length + 1)} in s, ${twin.action.slice(owes(twin).length + 1)} on its image '${twin.move}' in pi(s)`);
        }
        return fail(id, P, `move '${s.move}' of s has no image among the moves of pi(s) (${sv.map((x) => x.move).join('; ') || 'none'})`);
      }
      for (const [k, s] of got) if (!want.has(k)) return fail(id, P, `move '${s.move}' of pi(s) is not the image of a move of s (${succ.map((x) => x.move).join('; ') || 'none'})`);
    }
    out.states = states.length;
  }
  out.states = states.length;
  return out;
}
