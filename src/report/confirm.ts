/**
 * Re-executing a move list on a model and watching one property on the way: the engine's own
 * Monitor decides, so replay agrees with the search. Returns the rebuilt trace and the step at
 * which the property is first violated (0 = the initial state), or throws E403 at the first move
 * that diverges. Used by `replay` and by `diff` (an old counterexample on the patched model).
 *
 * For `diff`, `inserted` names the steps the patch added (labels the base thread does not have).
 * A move of the old trace whose thread waits at such a step takes it first when it is enabled and
 * deterministic; if that brings the thread to the move's label the replay goes on, so a check the
 * patch adds does not count as blocking a trace it lets through. Safety properties only: a lasso
 * is replayed as written.
 */
import { compile } from '../engine/compile.js';
import { ProbecheckError } from '../engine/errors.js';
import { selectProperties } from '../engine/check.js';
import { isLiveness } from '../engine/compile.js';
import { confirmLasso, type LassoCheck } from '../engine/liveness.js';
import type { Model, Move } from '../engine/model.js';
import type { Waiter } from '../engine/result.js';
import { Monitor, propertyThrew, waitingIn } from '../engine/search/monitor.js';
import { FastBackend } from '../engine/state/fast.js';
import { actionCode, codeBranch, codeThread, codesOf, mayStop, rebuild, replay, moveAt, resolveMove, starvedIn, type Trace } from '../engine/trace.js';
import { markPatchSteps } from '../engine/patch-marks.js';

export interface Replayed {
  trace: Trace;
  /** For a liveness property: why the lasso is (not) a counterexample. */
  lasso?: LassoCheck;
  /** The step after which the property is violated (0: already in the initial state), if it is. */
  violatedAt?: number;
  /** Steps (1-based, in `trace`) that the patch inserted and the replay took on the way. */
  inserted?: number[];
  explanation?: string;
  waiters?: Waiter[];
  /** Threads blocked where the trace ends (a violation that is not a deadlock). */
  waiting?: Waiter[];
  /** Threads that stand, where the replay ends, at a step the patch inserted: where the patch now holds them. */
  endsAt?: { thread: string; label: string; waits?: string }[];
}

/** Is `label` a step the patch inserted into thread `thread`? */
export type Inserted = (thread: string, label: string) => boolean;

/**
 * How an error names an inserted step: `the patch's step` when the two sides differ only by
 * patches, `the patched model's new step` when they differ otherwise (another variant or file).
 */
export type InsertedBy = 'the patch' | 'the patched model';

const stepOf = (by: InsertedBy) => by === 'the patch' ? "the patch's step" : "the patched model's new step";

/** At most this many inserted steps in a row before one move: a patch inserts a check, not a loop. */
const MAX_INSERTED_RUN = 16;

export function replayWatching(model: Model, property: string, moves: readonly Move[], loopFrom?: number, inserted?: Inserted, by: InsertedBy = 'the patch', named = true): Replayed {
  // `named`: the run that found the trace named the property (CheckOptions.named), as a replay of a trace file is taken to have.
  const props = selectProperties(model, [property], named ? [property] : []);
  const be = new FastBackend(compile(model));
  const p = props[0]!;
  if (isLiveness(p)) {
    // A liveness counterexample is a lasso: confirmed as a whole, not at a step.
    const lasso = confirmLasso(be, p, moves, loopFrom ?? moves.length);
    const trace: Trace = { ...replay(be, moves), loopFrom: loopFrom ?? moves.length };
    if (trace.loopFrom === moves.length) { const stop = mayStop(be); if (stop.length) trace.mayStop = stop; }
    else { const starved = starvedIn(be, codesOf(be, moves), trace.loopFrom!); if (starved.length) trace.starved = starved; }
    const out: Replayed = { trace, lasso };
    if (lasso.confirmed) {
      out.violatedAt = loopFrom ?? moves.length;
      // What is stuck where the run loops or stops, as check prints it (a new user, 2026-12-06:
      // replay dropped a leads-to property's own explain line).
      const from = loopFrom ?? moves.length;
      codesOf(be, moves.slice(0, from));
      if (p.explain) try { out.explanation = markPatchSteps(be.c, p.explain(be.curG(), be.curQ(), from === moves.length)); } catch (e) { throw propertyThrew(p, e); }
      else out.explanation = from === moves.length ? 'the run stops here for good' : 'the run loops from here forever';
    }
    return out;
  }
  const monitor = new Monitor(be.c, props);
  be.loadInitial();
  monitor.checkState(be, false, 0);
  const codes: number[] = [], taken: number[] = [];
  const take = (code: number) => {
    codes.push(code);
    be.step(codeThread(code), codeBranch(code));
    if (monitor.hasActions) monitor.checkAction(be, codes.length, code);
    be.advance();
    monitor.checkState(be, false, codes.length);
  };
  moves.forEach((m, i) => {
    if (inserted) followInserted(be, m, i, inserted, by, (code) => { take(code); taken.push(codes.length); });
    take(resolveMove(be, m, i));
  });
  if (be.expand(() => {}) === 0) monitor.checkDeadlock(be, codes.length);
  const f = monitor.found.get(property);
  const trace = rebuild(be, codes);
  const out: Replayed = { trace };
  if (taken.length) out.inserted = taken;
  // A trace that ended with a thread leaving the function (or finished) may now end with it at a
  // step the patch inserted: the replay "holds" because the patch stands there (a new user,
  // 2026-12-06: a late initcall's added flush read only "replays, but the property holds along it").
  if (inserted) {
    const at: NonNullable<Replayed['endsAt']> = [];
    for (const th of be.c.threads) {
      const pc = be.pc(th.index);
      if (pc === 0 || !inserted(th.name, th.steps[pc - 1]!.label)) continue;
      const here = th.steps[pc - 1]!;
      const w = be.enabled(th.index) === 0 ? here.step.waits?.(be.curG(), be.curLocals(th.index)) : undefined;
      at.push({ thread: th.name, label: here.label, ...(w ? { waits: w } : {}) });
    }
    if (at.length) out.endsAt = at;
  }
  if (f) {
    out.violatedAt = f.at;
    if (f.explanation) out.explanation = markPatchSteps(be.c, f.explanation);
    if (f.waiters) out.waiters = f.waiters;
    else { const w = waitingIn(be); if (w.length) out.waiting = w; }
  }
  return out;
}

/**
 * Before move i: while its thread is at a step the patch inserted, take that step (when enabled
 * and deterministic). Stops at the move's own label; an inserted step that is blocked, or that
 * sends the thread somewhere else, is where the patch stops the trace (E403).
 */
function followInserted(be: FastBackend, m: Move, i: number, inserted: Inserted, by: InsertedBy, take: (code: number) => void): void {
  const th = be.c.threadByName.get(m.thread);
  if (!th) return;
  const at = moveAt(be.c, m, i);
  let last: string | undefined;
  for (let n = 0; n < MAX_INSERTED_RUN; n++) {
    const pc = be.pc(th.index);
    if (pc === 0) return;
    const here = th.steps[pc - 1]!;
    if (here.label === m.label) return;
    if (!inserted(m.thread, here.label)) {
      if (last === undefined) return; // resolveMove names the divergence
      throw new ProbecheckError('E403', `${at}: ${stepOf(by)} '${last}' sends thread '${m.thread}' to '${here.label}', not '${m.label}'`);
    }
    const nb = be.enabled(th.index);
    if (nb === 0) {
      const w = here.step.waits?.(be.curG(), be.curLocals(th.index));
      throw new ProbecheckError('E403', `${at}: thread '${m.thread}' is blocked at ${stepOf(by)} '${here.label}'${w ? ` (waits for ${w})` : ''}`);
    }
    if (nb > 1) return; // a choice the old trace cannot make: resolveMove names the divergence
    take(actionCode(th.index, 0));
    last = here.label;
  }
}
