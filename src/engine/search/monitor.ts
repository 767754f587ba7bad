/**
 * The properties under watch during a search: which are still open, and for each violated one
 * where the violation was found (a state id, plus the final move for an action property), with
 * the explanation computed while the violating state was at hand.
 */
import type { Compiled } from '../compile.js';
import { ModelError, ProbecheckError } from '../errors.js';
import type { Move, Property, Query } from '../model.js';
import type { Waiter } from '../result.js';
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
  private deadlock: boolean;
  readonly total: number;
  /** Properties with a premise no state has satisfied yet. */
  private premises: { name: string; premise: NonNullable<Compiled['invariants'][number]['premise']> }[];
  /** Names of properties whose premise some reached state satisfied. */
  readonly premiseMet = new Set<string>();

  constructor(readonly c: Compiled, readonly props: Property[]) {
    this.invariants = props.filter((p) => p.kind === 'invariant') as Compiled['invariants'];
    this.actions = props.filter((p) => p.kind === 'action') as Compiled['actions'];
    this.deadlock = props.some((p) => p.kind === 'deadlock');
    this.total = props.length;
    this.premises = props.flatMap((p) => ((p.kind === 'invariant' || p.kind === 'action') && p.premise ? [{ name: p.name, premise: p.premise }] : []));
  }

  get hasActions(): boolean { return this.actions.length > 0; }
  get watchesDeadlock(): boolean { return this.deadlock; }
  allFound(): boolean { return this.total > 0 && this.found.size === this.total; }

  /** Check the open invariants on the backend's next (or cur) state, found as `at`. */
  checkState(be: Backend, useNext: boolean, at: number): void {
    if (this.premises.length > 0) this.checkPremises(useNext ? be.nextG() : be.curG(), useNext ? be.nextQ() : be.curQ());
    if (this.invariants.length === 0) return;
    const g = useNext ? be.nextG() : be.curG(), q = useNext ? be.nextQ() : be.curQ();
    for (let i = 0; i < this.invariants.length; i++) {
      const p = this.invariants[i]!;
      let ok: boolean;
      try { ok = p.holds(g, q); } catch (e) { throw propertyThrew(p.name, e); }
      if (!ok) {
        let explanation: string | undefined;
        try { explanation = p.explain?.(g, q); } catch (e) { throw propertyThrew(p.name, e); }
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
      try { met = p.premise(g, q); } catch (e) { throw propertyThrew(p.name, e); }
      if (met) { this.premiseMet.add(p.name); this.premises.splice(i--, 1); }
    }
  }

  /** Check the open action properties on the transition cur -(code)-> next. */
  checkAction(be: Backend, at: number, code: number, move: () => Move): void {
    for (let i = 0; i < this.actions.length; i++) {
      const p = this.actions[i]!;
      const m = move();
      let ok: boolean;
      try { ok = p.holds(be.curG(), be.nextG(), m, be.nextQ()); } catch (e) { throw propertyThrew(p.name, e); }
      if (!ok) {
        let explanation: string | undefined;
        try { explanation = p.explain?.(be.curG(), be.nextG(), m, be.nextQ()); } catch (e) { throw propertyThrew(p.name, e); }
        this.found.set(p.name, { at, lastAction: code, explanation });
        this.actions = this.actions.filter((x) => x !== p);
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

/** The running, non-idle threads of cur and what each waits for. */
export function blocked(be: Backend): Waiter[] {
  const out: Waiter[] = [];
  for (const th of be.c.threads) {
    const pc = be.pc(th.index);
    if (pc === 0) continue;
    const cs = th.steps[pc - 1]!;
    if (cs.step.idle) continue;
    let waits = `its guard at ${cs.label} to become true`;
    try { const w = cs.step.waits?.(be.curG(), be.curLocals(th.index)); if (w) waits = w; } catch { /* keep the generic text */ }
    out.push({ thread: th.name, label: cs.label, where: cs.step.where, waits });
  }
  return out;
}

/** The move an action code stands for in cur (before it is applied). */
export function moveOf(be: Backend, code: number): Move {
  const k = codeThread(code), b = codeBranch(code);
  const th = be.c.threads[k]!;
  const cs = th.steps[be.pc(k) - 1]!;
  return cs.nb === 1 ? { thread: th.name, label: cs.label } : { thread: th.name, label: cs.label, branch: b };
}

export function propertyThrew(name: string, e: unknown): ProbecheckError {
  if (e instanceof ProbecheckError) return e;
  return new ModelError('E302', `property '${name}' threw: ${e instanceof Error ? e.message : String(e)}`);
}
