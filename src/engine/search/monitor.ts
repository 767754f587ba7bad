/**
 * The properties under watch during a search: which are still open, and for each violated one
 * where the violation was found (a state id, plus the final move for an action property), with
 * the explanation computed while the violating state was at hand.
 */
import type { Compiled } from '../compile.js';
import { ModelError, ProbecheckError, thrownMessage } from '../errors.js';
import type { ActionProperty, Move, Property, Query } from '../model.js';
import type { Waiter } from '../result.js';
import { leaves, leavesAt, sizeOf } from '../schema.js';
import type { Backend } from '../state/backend.js';
import { codeBranch, codeThread } from '../trace.js';

export interface Found {
  /** The state id where it was found (explore; simulation keeps the path itself). */
  at: number;
  /** For an action property: the code of the violating move from that state. */
  lastAction?: number;
  explanation?: string;
  waiters?: Waiter[];
}

export class Monitor {
  readonly found = new Map<string, Found>();
  private invariants: Compiled['invariants'];
  private actions: Compiled['actions'];
  /** Per action property, the bytes of the fields it watches (none: evaluated on every transition), and as words and masks. */
  private watchedAt: number[][];
  private watched: Uint32Array[] = [];
  /** All of them together, when every open action property watches some: a move that changes none is skipped at once. */
  private union?: Uint32Array;
  private deadlock: boolean;
  readonly total: number;
  /** Properties with a premise no state has satisfied yet. */
  private premises: { name: string; sourceFile?: string; premise: NonNullable<Compiled['invariants'][number]['premise']> }[];
  /** Names of properties whose premise some reached state satisfied. */
  readonly premiseMet = new Set<string>();
  /**
   * Partial-order reduction's hook (reduce/por.ts): told what is evaluated next (state
   * properties, an action property, one that watches nothing), and undefined after, so that it
   * can keep their reads apart.
   */
  reads?: (what: 'state' | 'action' | 'unwatched' | undefined) => void;

  constructor(readonly c: Compiled, readonly props: Property[]) {
    this.invariants = props.filter((p) => p.kind === 'invariant') as Compiled['invariants'];
    this.actions = props.filter((p) => p.kind === 'action') as Compiled['actions'];
    this.watchedAt = this.actions.map((p) => watchedBytes(c, p));
    this.unite();
    this.deadlock = props.some((p) => p.kind === 'deadlock');
    this.total = props.length;
    this.premises = props.flatMap((p) => ((p.kind === 'invariant' || p.kind === 'action') && p.premise ? [{ name: p.name, sourceFile: p.sourceFile, premise: p.premise }] : []));
  }

  get hasActions(): boolean { return this.actions.length > 0; }
  get watchesDeadlock(): boolean { return this.deadlock; }
  allFound(): boolean { return this.total > 0 && this.found.size === this.total; }

  /** Check the open invariants on the backend's next (or cur) state, found as `at`. */
  checkState(be: Backend, useNext: boolean, at: number): void {
    this.reads?.('state');
    try { this.checkStateProps(be, useNext, at); } finally { this.reads?.(undefined); }
  }

  private checkStateProps(be: Backend, useNext: boolean, at: number): void {
    if (this.premises.length > 0) this.checkPremises(useNext ? be.nextG() : be.curG(), useNext ? be.nextQ() : be.curQ());
    if (this.invariants.length === 0) return;
    const g = useNext ? be.nextG() : be.curG(), q = useNext ? be.nextQ() : be.curQ();
    for (let i = 0; i < this.invariants.length; i++) {
      const p = this.invariants[i]!;
      let ok: boolean;
      try { ok = p.holds(g, q); } catch (e) { throw propertyThrew(p, e); }
      if (!ok) {
        let explanation: string | undefined;
        try { explanation = p.explain?.(g, q); } catch (e) { throw propertyThrew(p, e); }
        this.found.set(p.name, { at, explanation });
        this.invariants = this.invariants.filter((x) => x !== p);
        i--;
      }
    }
  }

  private checkPremises(g: unknown, q: Query): void {
    for (let i = 0; i < this.premises.length; i++) {
      const p = this.premises[i]!;
      let met: boolean;
      try { met = p.premise(g, q); } catch (e) { throw propertyThrew(p, e); }
      if (met) { this.premiseMet.add(p.name); this.premises.splice(i--, 1); }
    }
  }

  private unite(): void {
    this.watched = this.watchedAt.map(wordMasks);
    this.union = this.watchedAt.length > 0 && this.watchedAt.every((w) => w.length > 0) ? wordMasks(this.watchedAt.flat()) : undefined;
  }

  /** Check the open action properties on the transition cur -(code)-> next. */
  checkAction(be: Backend, at: number, code: number): void {
    if (this.union !== undefined && be.unchanged(this.union)) return;
    for (let i = 0; i < this.actions.length; i++) {
      const p = this.actions[i]!, w = this.watched[i]!;
      // The property promised to hold on a transition that changes none of its fields.
      if (w.length > 0 && be.unchanged(w)) continue;
      const m = moveOf(be, code);
      let ok: boolean;
      this.reads?.(w.length === 0 ? 'unwatched' : 'action');
      try { ok = p.holds(be.curG(), be.nextG(), m, be.nextQ(), be.curQ()); } catch (e) { throw propertyThrew(p, e); } finally { this.reads?.(undefined); }
      if (!ok) {
        let explanation: string | undefined;
        try { explanation = p.explain?.(be.curG(), be.nextG(), m, be.nextQ(), be.curQ()); } catch (e) { throw propertyThrew(p, e); }
        this.found.set(p.name, { at, lastAction: code, explanation });
        this.actions = this.actions.filter((x) => x !== p);
        this.watchedAt = this.watchedAt.filter((_, j) => j !== i);
        this.unite();
        i--;
      }
    }
  }

  /**
   * Called for a state of cur with no enabled move: a deadlock if some running thread is not at
   * an idle step. Records the waiters.
   */
  checkDeadlock(be: Backend, at: number): void {
    if (!this.deadlock) return;
    const waiters = blocked(be);
    if (waiters.length === 0) return;
    const p = this.props.find((x) => x.kind === 'deadlock')!;
    this.found.set(p.name, {
      at, waiters,
      explanation: waiters.map((w) => `${w.thread} waits at ${w.label} for ${w.waits}`).join('; '),
    });
    this.deadlock = false;
  }
}

/**
 * The running, non-idle threads of cur with what each step says it waits for. `disabledOnly`:
 * only threads that cannot move, and only those whose step says (a trace that ends in any state);
 * else every such thread, a step that says nothing waiting for its guard (a deadlock).
 */
function waitersIn(be: Backend, disabledOnly: boolean): Waiter[] {
  const out: Waiter[] = [];
  for (const th of be.c.threads) {
    const pc = be.pc(th.index);
    if (pc === 0 || (disabledOnly && be.enabled(th.index) > 0)) continue;
    const cs = th.steps[pc - 1]!;
    if (cs.step.idle) continue;
    let waits: string | undefined;
    try { waits = cs.step.waits?.(be.curG(), be.curLocals(th.index)) || undefined; } catch { /* says nothing */ }
    if (!waits && disabledOnly) continue;
    out.push({ thread: th.name, label: cs.label, where: cs.step.where, waits: waits ?? `its guard at ${cs.label} to become true`, ...(cs.step.patch ? { patch: cs.step.patch } : {}) });
  }
  return out;
}

/** The running, non-idle threads of cur and what each waits for. */
export const blocked = (be: Backend): Waiter[] => waitersIn(be, false);

/** The running threads of cur whose step is disabled and says what it waits for (any state, not only a deadlock). */
export const waitingIn = (be: Backend): Waiter[] => waitersIn(be, true);

/** The move an action code stands for in cur (before it is applied). */
export function moveOf(be: Backend, code: number): Move {
  const k = codeThread(code), b = codeBranch(code);
  const th = be.c.threads[k]!;
  const cs = th.steps[be.pc(k) - 1]!;
  return cs.nb === 1 ? { thread: th.name, label: cs.label } : { thread: th.name, label: cs.label, branch: b };
}

/**
 * The byte offsets of the state fields an action property `watches` (empty when it names none).
 * E101 for a path that names no field: a promise about nothing would skip every transition.
 */
export function watchedBytes(c: Compiled, p: ActionProperty): number[] {
  const out: number[] = [];
  for (const l of watchedFields(c, p)) for (let b = 0; b < sizeOf(l.type); b++) out.push(l.offset + b);
  return out;
}

/** The same as (word, mask) pairs, as Backend.unchanged takes them. */
export const watchedWords = (c: Compiled, p: ActionProperty): Uint32Array => wordMasks(watchedBytes(c, p));

/**
 * Byte offsets as (32-bit word, mask) pairs, as Backend.unchanged compares them: a move is
 * tested with one XOR per word. The masks come from a byte view of a word, so they follow the
 * platform's byte order as the backend's own views do.
 */
export function wordMasks(bytes: Iterable<number>): Uint32Array {
  const byWord = new Map<number, number>();
  const w = new Uint32Array(1), b8 = new Uint8Array(w.buffer);
  for (const o of bytes) {
    w[0] = 0; b8[o & 3] = 0xff;
    byWord.set(o >>> 2, ((byWord.get(o >>> 2) ?? 0) | w[0]!) >>> 0);
  }
  return Uint32Array.from([...byWord].sort((x, y) => x[0] - y[0]).flat());
}

/** The state fields (leaves) an action property watches. */
export function watchedFields(c: Compiled, p: ActionProperty): ReturnType<typeof leaves> {
  if (!p.watches || p.watches.length === 0) return [];
  const all = leaves(c.full, 0, '');
  const out: ReturnType<typeof leaves> = [];
  for (const path of p.watches) {
    const hit = leavesAt(all, path);
    if (hit.length === 0) throw new ModelError('E101', `property '${p.name}': watches '${path}', which names no state field of model ${c.model.name}`);
    out.push(...hit);
  }
  return out;
}

/**
 * A property's code threw: E302, naming the property and, for one of a user's files
 * (`sourceFile`, define-property.ts withProperties), the file (a CI hunt, 2026-12-05: the user was
 * left to find which of their files it was).
 */
export function propertyThrew(p: { name: string; sourceFile?: string }, e: unknown): ProbecheckError {
  if (e instanceof ProbecheckError) return e;
  return new ModelError('E302', `property '${p.name}'${p.sourceFile ? ` (${p.sourceFile})` : ''} threw: ${thrownMessage(e)}`);
}
