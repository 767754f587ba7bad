/**
 * Counterexamples: rebuilt from action codes by re-executing steps from the initial state (the
 * store keeps no states), and replayed from move lists with the first divergence explained.
 * A trace step carries the fields the step changed, so a reader sees what each step did.
 */
import { fairAtPc, type Compiled } from './compile.js';
import { ProbecheckError } from './errors.js';
import type { Move } from './model.js';
import { leaves, showLeaf, type FieldT } from './schema.js';
import type { Backend } from './state/backend.js';

export interface Change { field: string; from: string; to: string }

export interface TraceStep {
  /** 1-based position in the trace. */
  n: number;
  thread: string;
  program: string;
  label: string;
  branch?: number;
  branchName?: string;
  where: string;
  since?: string;
  /** The source lines the step models (kernel steps: `drivers/base/dd.c@v5.9:850-854`). */
  source?: string;
  /** The user's patch whose hunk made the step (Step.patch). */
  patch?: string;
  changes: Change[];
  /**
   * The step ended its thread with actions of the thread that never did their work in this trace
   * (their `done` steps never fired): they returned early (a write to bind files not there yet, an
   * rmmod of a module in use), `maybe` ones too. Without it a failed call reads like one that did its work.
   */
  early?: string[];
}

export interface Trace {
  /** The move list: exactly what `probecheck replay` accepts. */
  moves: Move[];
  steps: TraceStep[];
  /** For a lasso (liveness): the index in `moves` where the cycle starts. */
  loopFrom?: number;
  /** For a lasso that stops for good: threads that could still move there but need not (not fair at that point). */
  mayStop?: string[];
  /**
   * For a lasso that loops: threads that can move (and are fair) in some states of the loop and
   * never move in it, with what they wait for in the others. Weak fairness owes them nothing, so
   * the loop stands only if the scheduler never picks them when they can run.
   */
  starved?: Starved[];
}

/** `note`: why the wait the thread is at is only weakly fair (StepDef.weakNote). */
export interface Starved { thread: string; enabledIn: number; of: number; waits?: string; note?: string }

/**
 * The threads a loop starves (Trace.starved): replays `codes` from the initial state and looks at
 * the states from `loopFrom` on (a liveness hunt, 2026-12-05: a re-probe loop that takes and drops
 * a device's mutex every round starved the device_del waiting for it, which the kernel's mutex
 * handoff rules out; the report did not say so).
 */
export function starvedIn(be: Backend, codes: readonly number[], loopFrom: number): Starved[] {
  const c = be.c, n = codes.length;
  if (loopFrom >= n) return [];
  const T = c.threads.length, enabled = new Int32Array(T), moved = new Uint8Array(T), waits: (string | undefined)[] = new Array(T);
  be.loadInitial();
  codes.forEach((code, i) => {
    if (i >= loopFrom) {
      for (const th of c.threads) {
        const k = th.index, pc = be.pc(k);
        if (pc === 0) continue;
        if (be.enabled(k) > 0) { if (fairAtPc(c, k, pc)) enabled[k]!++; }
        else if (waits[k] === undefined) { try { waits[k] = th.steps[pc - 1]!.step.waits?.(be.curG(), be.curLocals(k)) || undefined; } catch { /* says nothing */ } }
      }
      moved[codeThread(code)] = 1;
    }
    be.apply(codeThread(code), codeBranch(code));
  });
  const out: Starved[] = [];
  for (const th of c.threads) {
    const k = th.index;
    if (enabled[k]! > 0 && !moved[k]) {
      const note = th.steps[be.pc(k) - 1]?.step.weakNote;
      out.push({ thread: th.name, enabledIn: enabled[k]!, of: n - loopFrom, ...(waits[k] ? { waits: waits[k] } : {}), ...(note ? { note } : {}) });
    }
  }
  return out;
}

/** Threads that could move in the backend's current state but need not, being unfair there: at the end of a lasso that stops, those that stop. */
export function mayStop(be: Backend): string[] {
  return be.c.threads.filter((th) => be.enabled(th.index) > 0 && !fairAtPc(be.c, th.index, be.pc(th.index))).map((th) => th.name);
}

/** Action codes pack the thread index and the branch: code = branch << 8 | thread. */
export const actionCode = (k: number, b: number) => (b << 8) | k;
export const codeThread = (code: number) => code & 0xff;
export const codeBranch = (code: number) => code >>> 8;

interface Leaf { field: string; offset: number; type: FieldT }

const leafCache = new WeakMap<Compiled, Leaf[]>();

/** Leaves of the layout, named as a reader wants them (pcs left out: the move says where a thread is). */
export function namedLeaves(c: Compiled): Leaf[] {
  let l = leafCache.get(c);
  if (l) return l;
  l = [];
  for (const x of leaves(c.full, 0, '')) {
    if (x.path.startsWith('g.')) l.push({ field: x.path.slice(2), offset: x.offset, type: x.type });
    else {
      const m = /^t(\d+)\.l\.(.*)$/.exec(x.path);
      if (m) l.push({ field: `${c.threads[Number(m[1])]!.name}.${m[2]}`, offset: x.offset, type: x.type });
    }
  }
  leafCache.set(c, l);
  return l;
}

export function diff(c: Compiled, before: Uint8Array, after: Uint8Array): Change[] {
  const out: Change[] = [];
  const names = c.threads.map((th) => th.name);
  for (const x of namedLeaves(c)) {
    const a = before[x.offset]!, b = after[x.offset]!;
    if (a !== b) out.push({ field: x.field, from: showLeaf(x.type, a, names), to: showLeaf(x.type, b, names) });
  }
  return out;
}

/** Describe move (k, b) from the backend's current state, before it is applied. */
function describe(be: Backend, k: number, b: number, n: number): { move: Move; step: Omit<TraceStep, 'changes'> } {
  const th = be.c.threads[k]!;
  const cs = th.steps[be.pc(k) - 1]!;
  const multi = cs.nb !== 1;
  const move: Move = multi ? { thread: th.name, label: cs.label, branch: b } : { thread: th.name, label: cs.label };
  const step: Omit<TraceStep, 'changes'> = { n, thread: th.name, program: th.program, label: cs.label, where: cs.step.where };
  if (cs.step.since) step.since = cs.step.since;
  if (cs.step.source) step.source = cs.step.source;
  if (cs.step.patch) step.patch = cs.step.patch;
  if (multi) { step.branch = b; const bn = branchNameAt(be, k, b); if (bn) step.branchName = bn; }
  return { move, step };
}

/**
 * The name of branch b of the step thread k is at, in the backend's current state: a step's
 * names may depend on the state (boot's pending-order picks name the devices placed so far).
 */
export function branchNameAt(be: Backend, k: number, b: number): string | undefined {
  const cs = be.c.threads[k]!.steps[be.pc(k) - 1]!, names = cs.step.branchNames;
  return typeof names === 'function' ? names(be.curG(), be.curLocals(k), b) : names?.[b];
}

/** Re-execute action codes from the initial state; the backend ends in the last state. */
export function rebuild(be: Backend, codes: readonly number[]): Trace {
  be.loadInitial();
  const moves: Move[] = [], steps: TraceStep[] = [];
  const fired = new Set<string>();
  codes.forEach((code, i) => {
    const k = codeThread(code), b = codeBranch(code);
    const { move, step } = describe(be, k, b, i + 1);
    // A step whose branch body is not taken here cites only its test (a trace hunt and a new user,
    // 2026-12-05: a probe that bound cited driver_deferred_probe_add's list_add_tail). Decided on
    // the state it starts from: a taken body may change nothing (a device already pending).
    const st = be.c.threads[k]!.steps[be.pc(k) - 1]!.step;
    if (st.sourceIdle !== undefined && st.idleWhen?.(be.curG(), be.curLocals(k))) step.source = st.sourceIdle;
    const before = be.bytes();
    if (!be.apply(k, b)) throw new Error(`internal: stored move ${move.thread}:${move.label} is not enabled on re-execution (fingerprint collision?)`);
    moves.push(move);
    fired.add(`${move.thread}\0${move.label}`);
    const t: TraceStep = { ...step, changes: diff(be.c, before, be.bytes()) };
    const actions = be.c.threads[k]!.def.actions;
    // A `maybe` action that did nothing is named too (its name says `maybe`): a new user's deadlock
    // trace (2026-12-06) showed `maybe unbind`'s failed write as a step, and the thread nowhere after.
    if (actions && be.pc(k) === 0) {
      const early = actions.filter((a) => a.done.length > 0 && !a.done.some((l) => fired.has(`${move.thread}\0${l}`))).map((a) => a.name);
      if (early.length) t.early = early;
    }
    steps.push(t);
  });
  return { moves, steps };
}

/**
 * A move as messages name it: `move 6 (hotplug: __device_attach(dc):async_schedule #async)`, with
 * the branch's name where its step has one (traces print it so; a new user, 2026-12-05, met `#0`).
 */
export function moveAt(c: Compiled, m: Move, i: number): string {
  // Names that depend on the state (a function) are not known here: the branch's number. (Where
  // the state is at hand the move is one it cannot take: resolveMove names the branches it has.)
  const names = m.branch === undefined ? undefined : c.threadByName.get(m.thread)?.steps.find((s) => s.label === m.label)?.step.branchNames;
  const name = typeof names === 'function' || m.branch === undefined ? undefined : names?.[m.branch];
  return `move ${i + 1} (${m.thread}: ${m.label}${m.branch !== undefined ? ` #${name ?? m.branch}` : ''})`;
}

/** The action code of a move in the backend's current state, or an E403 naming why it cannot be taken. */
export function resolveMove(be: Backend, m: Move, i: number): number {
  const c = be.c;
  const at = moveAt(c, m, i);
  const th = c.threadByName.get(m.thread);
  if (!th) throw new ProbecheckError('E403', `${at}: the model has no thread '${m.thread}'; threads: ${c.threads.map((x) => x.name).join(', ')}`);
  const pc = be.pc(th.index);
  if (pc === 0) throw new ProbecheckError('E403', `${at}: thread '${m.thread}' is not running at this point`);
  const here = th.steps[pc - 1]!;
  if (here.label !== m.label) throw new ProbecheckError('E403', `${at}: thread '${m.thread}' is at '${here.label}', not '${m.label}'`);
  const nb = be.enabled(th.index);
  if (nb === 0) {
    const w = here.step.waits?.(be.curG(), be.curLocals(th.index));
    throw new ProbecheckError('E403', `${at}: the step is blocked here (its guard is false${w ? `: waits for ${w}` : ''})`);
  }
  const b = m.branch ?? 0;
  // The branches it has here, by name where the step names them, as traces do (boot's picks, named
  // from this state: s45 h19, a trace edited or replayed on a patch read only a count).
  if (!(Number.isInteger(b) && b >= 0 && b < nb)) {
    const named = here.step.branchNames !== undefined && nb > 1 ? `: ${Array.from({ length: nb }, (_, x) => `#${x} ${branchNameAt(be, th.index, x) ?? '?'}`).join('; ')}` : '';
    throw new ProbecheckError('E403', `${at}: branch ${b} does not exist here; the step has ${nb} branch(es)${named}`);
  }
  return actionCode(th.index, b);
}

/**
 * Replay a move list: every move must be the step its thread is at, enabled, with a valid
 * branch. Returns the rebuilt trace, or throws E403 at the first move that diverges.
 */
export function replay(be: Backend, moves: readonly Move[]): Trace {
  return rebuild(be, codesOf(be, moves));
}

/** The action codes of moves, resolved from the initial state (E403 at the first that cannot be taken); the backend ends in the last state. */
export function codesOf(be: Backend, moves: readonly Move[]): number[] {
  be.loadInitial();
  return moves.map((m, i) => {
    const code = resolveMove(be, m, i);
    be.apply(codeThread(code), codeBranch(code));
    return code;
  });
}
