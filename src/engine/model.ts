/**
 * The model contract: the one interface between the engine and everything built on it.
 *
 * A model is a state schema, an initial state, a fixed set of threads and some properties.
 * A thread is a program of labelled atomic steps, as in PlusCal: each step has an optional
 * guard (`await`; false = the thread is blocked there), an optional nondeterministic choice
 * (`branches`), and an effect (`run`) on a draft of the state that returns the next label, or
 * null when the thread ends. Program counters and thread locals are state like any other.
 *
 * Threads are declared up front (the state layout is fixed); a thread that is not running is
 * dormant and another step may start it with `ctx.spawn` (async_schedule, a hotplug event).
 * A thread that ends forgets its locals, so finished threads never split states.
 *
 * Liveness properties (`eventually`, `leads-to`, `quiescent`, `sometimes`) are checked on the
 * explored graph under weak fairness of the threads that are `fair` (the default).
 *
 * Action order (documented, and relied on by counts, traces and replay): threads in
 * declaration order; within a thread, branches 0..n-1 of the step at its program counter.
 */
import type { Infer, RecordT } from './schema.js';
import type { PatchRead } from './patch-reads.js';

/** What a step may do besides writing the state. */
export interface StepCtx {
  /**
   * Start the dormant thread with this name (or the first dormant thread of this program) at its
   * first label; `init` may set its locals (its arguments).
   */
  spawn(nameOrProgram: string, init?: (locals: any) => void): void;
  /** Would spawn(nameOrProgram) find a dormant thread? (To model a queue that is full.) */
  canSpawn(nameOrProgram: string): boolean;
  /**
   * The threads as the state being built has them, to read only: each one's name, the label it is
   * at (null: not running) and its locals. For a model's check over every thread's locals (the
   * kernel's struct device generations, kernel/paths/device-add.ts). Absent where no state is
   * being built (`probecheck steps`).
   */
  threads?(): { name: string; at: string | null; locals: any }[];
}

/** One labelled atomic step of a thread program. */
export interface Step<G = any, L = any> {
  /** The code it models, `file:function`, e.g. `drivers/base/dd.c:__device_attach_async_helper`. */
  where: string;
  /** The kernel versions or commits whose behaviour it follows, e.g. `v4.2`, `v5.1 (3451a495ef24)`. */
  since?: string;
  /** The source lines it models, e.g. `drivers/base/dd.c@v5.9:850,852-854`. */
  source?: string;
  /** The user's patch whose hunk made it: a trace says so, as its C lines may be the kernel's it replaces. */
  patch?: string;
  /**
   * The lines a trace cites where `idleWhen` holds in the state the step starts from: the test of a
   * branch not taken, without the body it guards (`source` has both).
   */
  sourceIdle?: string;
  /** Functions called on its cited lines that it runs, not only calls (source.ts Anchored `runs`). */
  runs?: readonly string[];
  /** Why its cited C may run past a lock release in one move (kernel KStep `merges`): `steps` prints it. */
  merges?: string;
  idleWhen?: (s: G, t: L) => boolean;
  /** Guard: the step is enabled only when this holds. A false guard means the thread is blocked here. */
  await?: (s: G, t: L) => boolean;
  /** Nondeterministic choice: the number of alternatives (0 = blocked), passed to `run` as `branch`. */
  branches?: number | ((s: G, t: L) => number);
  /**
   * Names of the alternatives, shown in traces (`sync fallback`, `-EPROBE_DEFER`); a function
   * where they depend on the state the step starts from (the device a pick places, boot-order.ts).
   */
  branchNames?: readonly string[] | ((s: G, t: L, branch: number) => string);
  /** The effect on a draft of the state; returns the next label, or null when the thread ends. */
  run: (s: G, t: L, branch: number, ctx: StepCtx) => string | null;
  /** A thread blocked here is idle, not deadlocked (a worker waiting for work; SPIN's end labels). */
  idle?: boolean;
  /**
   * Why no run of this model can reach the step, known when it was built (a sync branch built
   * beside the async one for a driver that always probes asynchronously): unfired, it is left out
   * of the steps that never fired and counted apart, with this reason.
   */
  cannot?: string;
  /** What a thread blocked here waits for, in words, for deadlock reports (`&dev->mutex(host1x)`). */
  waits?: (s: G, t: L) => string;
  /**
   * Strongly fair (for liveness): a fair thread here that can move infinitely often does move, even
   * if it is blocked in between. For a lock with handoff, where a waiter that keeps finding the lock
   * free is not passed over for ever (the kernel's mutex from v4.10). Default: weakly fair only.
   */
  strong?: boolean;
  /**
   * With `strong`: a wait that is strongly fair only if its guard turns out to be the lock's alone
   * (a user's patch that guards a mutex wait, kernel/emit.ts): after a complete search, true if it
   * was not (the guard blocked where the lock was free, or let the thread go where it was held);
   * the step is then weakly fair. Judged only after a search that visited every state: a replay
   * alone takes the step as weakly fair.
   */
  strongUnless?: () => boolean;
  /** Why this wait is only weakly fair where one might expect it strongly fair (a starvation note prints it). */
  weakNote?: string;
}

/** A thread: one instance of a thread program. */
export interface ThreadDef<G = any, L = any> {
  /** The name shown in traces, e.g. `kworker/u:async __device_attach_async_helper(dc)`. Unique. */
  name: string;
  /** The program it runs (shared by instances of one kernel path); defaults to the name. */
  program?: string;
  /** Running in the initial state (default) or dormant until spawned. */
  running?: boolean;
  /**
   * Weakly fair (default true): for liveness, a run in which this thread stays enabled forever
   * without moving is not a counterexample. Say false for an actor that may simply stop.
   */
  fair?: boolean;
  /**
   * With `fair: false`, the labels where it may stop for good (before an action of a scenario
   * actor, say); at every other label it is weakly fair, so it never stops half way, holding a
   * lock. Default: it may stop anywhere.
   */
  stopsAt?: readonly string[];
  /** Schema of the thread's locals; the step code sees them as its second argument. */
  locals?: RecordT;
  /** The steps by label, in program order; the first is the entry. */
  steps: Record<string, Step<G, L>>;
  /** What the thread sets out to do (a scenario actor's actions), for the vacuity report. */
  actions?: ThreadAction[];
}

/**
 * One action of a thread (`rmmod cmod`). It completed when one of its `done` steps fired in
 * some explored run; one that never does is reported, since every verdict is then about a
 * scenario in which it did nothing.
 */
export interface ThreadAction {
  /** As the scenario wrote it. */
  name: string;
  /** Labels of this thread's steps that fire only when the action has done its work. */
  done: string[];
  /** It may rightly never complete (a scenario's `maybe`): not reported. */
  optional?: boolean;
}

/** Read-only questions about threads, for properties. */
export interface Query {
  /** The label the thread is at, or null when it is not running (dormant or ended). */
  at(thread: string): string | null;
  /** The thread's locals (read-only). */
  locals(thread: string): any;
}

/** A move: one step of one thread (with its branch when the step chooses). */
export interface Move { thread: string; label: string; branch?: number }

export interface Invariant<G = any> {
  kind: 'invariant';
  name: string;
  /** The user's property file it came from: the E302 of its code names it (define-property.ts). */
  sourceFile?: string;
  description?: string;
  holds: (s: G, q: Query) => boolean;
  /** The values that break it, in words, for a violating state. */
  explain?: (s: G, q: Query) => string;
  /**
   * The situation the property is about (`device_del has started`). When no reachable state
   * satisfies it, the property holds vacuously, and results say so.
   */
  premise?: (s: G, q: Query) => boolean;
  /** The premise in words, for the vacuity report. */
  premiseText?: string;
  /**
   * The property may tell the model's interchangeable elements apart (a user's own kernel
   * property may name one device of a symmetric group): symmetry reduction then applies only
   * when asked for, or verified on the model (engine/reduce/use-symmetry.ts).
   */
  mayDistinguish?: boolean;
}

export interface ActionProperty<G = any> {
  kind: 'action';
  name: string;
  /** The user's property file it came from: the E302 of its code names it (define-property.ts). */
  sourceFile?: string;
  description?: string;
  /** `q`: the threads after the move; `qBefore`: before it (the search always gives it). */
  holds: (before: G, after: G, move: Move, q: Query, qBefore?: Query) => boolean;
  explain?: (before: G, after: G, move: Move, q: Query, qBefore?: Query) => string;
  /**
   * A promise that `holds` is true on every transition that changes none of these state fields
   * (paths below the state, `dev[*].driver`; `*` is any index; a record or array stands for
   * every field under it): the search then skips it there.
   * Leave it out unless the promise is kept (the kernel library's are tested:
   * test/kernel/watches.test.ts); a path that names no field is E101.
   */
  watches?: readonly string[];
  /** As for invariants: checked on the states reached. */
  premise?: (s: G, q: Query) => boolean;
  premiseText?: string;
  /** As for invariants. */
  mayDistinguish?: boolean;
}

/** No state where no step is enabled while some thread is neither dormant nor at an idle step. */
export interface DeadlockProperty { kind: 'deadlock'; name: string; description?: string }

/**
 * Liveness, checked on the whole state graph under weak fairness of the fair threads. A run that
 * ends in a state with no enabled step counts as staying there forever.
 * - `eventually`: every fair run reaches a state where `holds` is true (a violation is a lasso
 *   whose every state is false, or a dead end).
 * - `leads-to`: from every reachable state where `from` holds, every fair run reaches `to`.
 *   Vacuous when no reachable state satisfies `from`.
 * - `quiescent`: every fair run ends up staying in states where `quiet` holds (no fair cycle
 *   goes through a state where it is false: no re-probe loop).
 * - `sometimes`: some reachable state satisfies `holds` (a reachability question: reachable,
 *   with a witness, or unreachable). With `from`, its premise: unreachable where no reachable
 *   state satisfies `from` either is vacuous.
 */
export interface Liveness<G = any> {
  kind: 'eventually' | 'leads-to' | 'quiescent' | 'sometimes';
  name: string;
  /** The user's property file it came from: the E302 of its code names it (define-property.ts). */
  sourceFile?: string;
  description?: string;
  holds?: (s: G, q: Query) => boolean;
  from?: (s: G, q: Query) => boolean;
  to?: (s: G, q: Query) => boolean;
  quiet?: (s: G, q: Query) => boolean;
  /**
   * What is wrong in the state where the lasso loops (or the run stops), in words. `stops`: the
   * run stays in that state for good (an empty cycle), not a loop through other states.
   */
  explain?: (s: G, q: Query, stops?: boolean) => string;
  /** A leads-to's `from` in words, for the vacuity report. */
  premiseText?: string;
  /** As for invariants. */
  mayDistinguish?: boolean;
}

export type Property<G = any> = Invariant<G> | ActionProperty<G> | DeadlockProperty | Liveness<G>;

/** A model whose state has type G (`Model<Infer<typeof schema>>` for typed step code). */
/** A step of a model's load model (Model.loadSteps) and how often it fired in the load's search. */
export interface LoadStep { thread: string; label: string; where: string; fired: number }

export interface Model<G = any> {
  name: string;
  /** Parameter values this instance was built with (shown in results and traces). */
  params?: Record<string, string | number>;
  state: RecordT;
  /** Writes the initial state into a zeroed draft. */
  init?: (s: G, ctx: StepCtx) => void;
  threads: ThreadDef<G, any>[];
  properties: Property<G>[];
  /**
   * Properties checked only when named (--property, a suite's expect), built then: a kernel
   * scenario's library properties that its selection leaves out.
   */
  optional?: Record<string, () => Property<G>>;
  /**
   * Told the names of the properties a search checks (its own, or those named), before it runs: a
   * kernel scenario keeps a default-chosen property's ghosts, and refuses what they cannot hold
   * (E601), only where that property is checked. `named`: those of them the run named (--property,
   * a suite's expect, diff's --fixes), not the model's own choice (none by default).
   */
  selected?: (names: readonly string[], named?: readonly string[]) => void;
  /** Interchangeable elements, for symmetry reduction (engine/reduce/symmetry.ts); checked, never trusted. */
  symmetry?: SymmetryClass[];
  /**
   * A choice (one step, taken once or again and again, before any other thread moves) where
   * taking only its first `first(s, t)` branches each time still reaches an image, under
   * `symmetry`'s permutations, of every outcome of the whole choice (a kernel scenario's choice of
   * the pending list's start order, one place at a time, kernel/boot-order.ts: not pick by pick,
   * as placing r before d of {r, d} and d before r are images only once the rest is placed too).
   * Where every property checked treats the elements alike but the states are not stored up to
   * permutations (liveness: use-symmetry.ts), the search takes only the first ones: the verdicts
   * are the same, the runs concrete.
   * `representatives`: how many outcomes of the whole choice that leaves; `about`: what they are,
   * for the symmetry note.
   */
  symmetricChoice?: { thread: string; label: string; first: (s: any, t: any) => number; representatives: number; about: string };
  /**
   * What the model made of its input that the input did not say (a kernel scenario's option the
   * profile's kernel does not have, say): printed with every result, never silent.
   */
  notes?: string[];
  /**
   * Fields that a user's patch steps read and that held one value at every read (a kernel
   * scenario's ReadLog): asked after a complete search that visited every state, on one thread.
   */
  constantReads?: () => ConstantRead[];
  /** Every field a user's patch steps' guards read (constantReads is made of these): a shard records them for merge. */
  patchReads?: () => PatchRead[];
  /**
   * The steps of a user's patch at which a thread stood (their guard was asked), by the patch and
   * the hunk's `fn:label`: asked after a complete search on one thread, under --por and symmetry
   * too. One that never fired blocks for ever.
   */
  reachedPatchSteps?: () => { patch: string; step: string; idle?: true }[];
  /**
   * Notes on what the search took (a user's replacement that went on through a library insert),
   * asked after the search and said with `notes`; the workers' models' are merged in. Recorded
   * by the steps that took it, never part of the state.
   */
  searchNotes?: () => string[];
  /**
   * A kernel scenario's load model (modules loaded at the start, kernel/loaded.ts): its steps and
   * how often each fired there. A user's hunk that runs only in that load changes the start state,
   * not a step of this model (set only where a user's patch is given).
   */
  loadSteps?: LoadStep[];
  /**
   * What else may tell those elements apart, in words (`your patch fix-1`: a user's step may treat
   * one device of a group unlike the others): as for a property's `mayDistinguish`.
   */
  mayDistinguish?: string[];
  /** Why the model declares no symmetry where it otherwise would (said when --symmetry is asked). */
  noSymmetry?: string;
  /**
   * What multiplies this model's states and how to have fewer, said where a limit stopped its
   * search (a kernel scenario's start orders of the pending list: pin one, boot-order.ts);
   * `upToSymmetry`: the search took them up to the permutations of `symmetry` (stored so, or
   * `symmetricChoice`'s first branches alone). Undefined where nothing multiplies them there.
   */
  fewerStates?: (upToSymmetry: boolean) => string | undefined;
  /**
   * What a state field counts, in the model's own terms (`probe_count: the probes in flight`), said
   * where a value out of its range stops the search (E201): the path as the error names it.
   */
  fieldMeaning?: (path: string) => string | undefined;
  /** What to do when a spawn finds every instance of a program running (E204), in the model's own terms: how to declare more, or why none can be. */
  moreInstances?: (program: string) => string | undefined;
  /**
   * A name the model has no property of (E301), in the model's own terms: what it is not (`no
   * library property 'x'`) and where such a property comes from (`--property-file FILE`).
   */
  unknownProperty?: (name: string) => { says: string; hint?: string } | undefined;
}

/**
 * A class of interchangeable elements (devices, say): each owns some state and some threads,
 * laid out alike. A permutation of the elements that `movable` allows in a state must be an
 * automorphism of the transition system from that state on; `probecheck check --check-symmetry`
 * verifies that on every reachable state.
 */
export interface SymmetryClass {
  name: string;
  elements: {
    /** Element names, for messages. */
    name: string;
    /** Paths of the globals it owns, as `dev[c1]` (every leaf under them). */
    state: string[];
    /** Threads tied to it, in an order that corresponds across the elements. */
    threads: string[];
  }[];
  /** Bit e set: element e may move in this state (flat bytes of the full state). */
  movable: (u8: Uint8Array) => number;
  /**
   * Threads tied to no element whose steps may each be working on one element (a walk inside
   * `__driver_attach(c1,drv)`): per thread, label -> the corresponding label for each element
   * (index = element), so a permutation moves such a thread's pc along with its element.
   */
  walkers?: { thread: string; twins: Record<string, readonly string[]> }[];
  /**
   * State no step or property reads once `when` holds, which then holds on every successor
   * (a list order no walk can follow any more): the canonical form writes it as 0, so states
   * that differ only there are stored once. The symmetry checker verifies both claims.
   */
  dead?: { state: string[]; when: (u8: Uint8Array) => boolean };
}

/** Declared parameters of a model file. */
export interface ParamSpec {
  [name: string]: {
    default: string | number;
    /** Allowed values (for strings: the only ones accepted). */
    values?: readonly (string | number)[];
    min?: number;
    max?: number;
    describe?: string;
  };
}

/** What a model file exports (default): a named family of models, built from parameters. */
export interface ModelFactory {
  kind: 'probecheck-model';
  name: string;
  describe?: string;
  params: ParamSpec;
  build(params: Record<string, string | number>): Model;
}

/** Helper for model files: `export default defineModel({ name, params, build })`. */
export function defineModel(m: Omit<ModelFactory, 'kind'>): ModelFactory {
  return { kind: 'probecheck-model', ...m };
}

/** Typed helper for writing one thread of a model with schema S. */
export function thread<S extends RecordT, L extends RecordT | undefined = undefined>(
  _schema: S, def: ThreadDef<Infer<S>, L extends RecordT ? Infer<L> : Record<string, never>> & { locals?: L },
): ThreadDef<Infer<S>, any> {
  return def;
}

/**
 * A field a patch's steps read (`dev[dc].dead`) that held one value at every read of a search;
 * `changed`: the fields the same patch's steps read that did change (so its waits did block somewhere).
 */
/** `written`: the patch's own steps write the field too (a lock they take, or a field that is no lock: patch-notes.ts says which). */
export interface ConstantRead { patch: string; path: string; value: unknown; changed?: string[]; written?: true }

/**
 * On a model's `symmetry` array (non-enumerable): the names of the properties whose code the
 * classes were made for (a kernel scenario's library properties). A property a model file adds
 * beside them, say by spreading a built scenario, is code the builder did not see: it counts as one
 * that may tell the elements apart (use-symmetry.ts), as a defineProperty does (a symmetry hunt,
 * 2026-12-05: a raw invariant naming one device kept the reduction, silently).
 */
export const SYMMETRY_MADE_FOR = Symbol.for('probecheck.symmetry-made-for');
