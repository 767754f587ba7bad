/**
 * Re-executing a move list on a model and watching one property on the way: the engine's own
 * Monitor decides, so replay agrees with the search. Returns the rebuilt trace and the step at
 * which the property is first violated (0 = the initial state), or throws E403 at the first move
 * that diverges. Used by `replay` and by `diff` (an old counterexample on the patched model).
 */
import { compile } from '../engine/compile.js';
import { selectProperties } from '../engine/check.js';
import { isLiveness } from '../engine/compile.js';
import { confirmLasso, type LassoCheck } from '../engine/liveness.js';
import type { Model, Move } from '../engine/model.js';
import type { Waiter } from '../engine/result.js';
import { Monitor, moveOf } from '../engine/search/monitor.js';
import { FastBackend } from '../engine/state/fast.js';
import { codeBranch, codeThread, rebuild, replay, resolveMove, type Trace } from '../engine/trace.js';

export interface Replayed {
  trace: Trace;
  /** For a liveness property: why the lasso is (not) a counterexample. */
  lasso?: LassoCheck;
  /** The step after which the property is violated (0: already in the initial state), if it is. */
  violatedAt?: number;
  explanation?: string;
  waiters?: Waiter[];
}

export function replayWatching(model: Model, property: string, moves: readonly Move[], loopFrom?: number): Replayed {
  const props = selectProperties(model, [property]);
  const be = new FastBackend(compile(model));
  const p = props[0]!;
  if (isLiveness(p)) {
    // A liveness counterexample is a lasso: confirmed as a whole, not at a step.
    const lasso = confirmLasso(be, p, moves, loopFrom ?? moves.length);
    const trace = { ...replay(be, moves), loopFrom: loopFrom ?? moves.length };
    const out: Replayed = { trace, lasso };
    if (lasso.confirmed) out.violatedAt = loopFrom ?? moves.length;
    return out;
  }
  const monitor = new Monitor(be.c, props);
  be.loadInitial();
  monitor.checkState(be, false, 0);
  const codes: number[] = [];
  moves.forEach((m, i) => {
    const code = resolveMove(be, m, i);
    codes.push(code);
    be.step(codeThread(code), codeBranch(code));
    if (monitor.hasActions) monitor.checkAction(be, i + 1, code, () => moveOf(be, code));
    be.advance();
    monitor.checkState(be, false, i + 1);
  });
  if (be.expand(() => {}) === 0) monitor.checkDeadlock(be, moves.length);
  const f = monitor.found.get(property);
  const trace = rebuild(be, codes);
  const out: Replayed = { trace };
  if (f) {
    out.violatedAt = f.at;
    if (f.explanation) out.explanation = f.explanation;
    if (f.waiters) out.waiters = f.waiters;
  }
  return out;
}
