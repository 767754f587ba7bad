/**
 * ITF export: a counterexample in the Informal Trace Format of Apalache and Quint
 * (https://apalache-mc.org/docs/adr/015adr-trace.html), so their viewers and MBT tooling read it.
 * Each state is every named leaf of the state (`reg[0]`, `dev[1].state`) plus each thread's
 * program counter (`pc(A_0)`, "" when not running); the move that led to a state is in its
 * `#meta`. Integers are written as {"#bigint": "n"} as the format asks. States are rebuilt by
 * replaying the moves on the fast backend.
 */
import { compile } from '../engine/compile.js';
import type { Model, Move } from '../engine/model.js';
import { FastBackend } from '../engine/state/fast.js';
import { namedLeaves, resolveMove, codeThread, codeBranch } from '../engine/trace.js';

type ItfValue = boolean | string | { '#bigint': string };

export interface ItfTrace {
  '#meta': Record<string, unknown>;
  vars: string[];
  states: Record<string, unknown>[];
  /** A lasso's loop: the index of the state the last one repeats (ADR-015); the last state's own index where the run stays there. */
  loop?: number;
}

/**
 * `loopFrom`: a liveness counterexample's (Trace.loopFrom): the state after that many moves is the
 * last one again. `checked`: the properties of the run that found it, told to the model as the
 * search told it (Model.selected), so the states are the search's: a kernel scenario keeps
 * no-missed-probe's ghosts only where it is checked (s38 h10: a fresh build told nothing wrote
 * that counterexample with d never released and owed nothing).
 */
export function itfTrace(model: Model, property: string, moves: readonly Move[], loopFrom?: number, checked: readonly string[] = [property]): ItfTrace {
  model.selected?.(checked);
  const be = new FastBackend(compile(model));
  const leaves = namedLeaves(be.c);
  const pcVar = (name: string) => `pc(${name})`;
  const vars = [...leaves.map((l) => l.field), ...be.c.threads.map((t) => pcVar(t.name))];
  const snapshot = (index: number, move?: Move): Record<string, unknown> => {
    const bytes = be.bytes();
    const s: Record<string, unknown> = { '#meta': move ? { index, action: `${move.thread}: ${move.label}${move.branch !== undefined ? ` #${move.branch}` : ''}` } : { index } };
    for (const l of leaves) s[l.field] = value(l.type, bytes[l.offset]!);
    for (const t of be.c.threads) { const pc = be.pc(t.index); s[pcVar(t.name)] = pc === 0 ? '' : t.steps[pc - 1]!.label; }
    return s;
  };
  be.loadInitial();
  const states = [snapshot(0)];
  moves.forEach((m, i) => {
    const code = resolveMove(be, m, i);
    be.apply(codeThread(code), codeBranch(code));
    states.push(snapshot(i + 1, m));
  });
  return {
    '#meta': { format: 'ITF', 'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html', source: model.name, params: model.params ?? {}, description: `counterexample to ${property}` },
    vars, states,
    // A trace hunt, 2026-12-05: without it a lasso read as a finite run that violates nothing.
    ...(loopFrom !== undefined ? { loop: loopFrom } : {}),
  };
}

function value(type: { kind: string; values?: readonly string[] }, byte: number): ItfValue {
  if (type.kind === 'bool') return byte !== 0;
  if (type.kind === 'enum') return type.values![byte] ?? `?${byte}`;
  return { '#bigint': String(byte) };
}
