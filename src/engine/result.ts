/**
 * Results as plain data: what a search found, ready for the text, JSON, JUnit and HTML
 * renderers. Nothing here refers to live backend objects.
 */
import type { ShardInfo } from './search/types.js';
import type { Trace } from './trace.js';
import type { ConstantRead, LoadStep } from './model.js';
import type { PatchRead } from './patch-reads.js';

/**
 * `vacuous`: not violated, but about nothing (its premise never met, or the search saw only the
 * initial state). `reachable` / `unreachable` answer a reachability question (`sometimes`).
 */
export type Verdict = 'holds' | 'violated' | 'vacuous' | 'reachable' | 'unreachable' | 'unknown';
export type Strategy = 'bfs' | 'dfs' | 'random';
export type BackendName = 'fast' | 'reference';
/**
 * Why a search ended before a verdict on every property: a limit, Ctrl-C, an allocation that
 * failed (`out-of-memory`), or, for random simulation, the walks it was asked for all done.
 */
export type StopReason = 'max-states' | 'max-depth' | 'time-limit' | 'memory-limit' | 'out-of-memory' | 'interrupted' | 'walks-done';

/** Random simulation: how many walks ran and how each one ended. */
export interface WalkSummary {
  walks: number;
  /** Ended at the depth bound (`walkDepth`). */
  depthBound: number;
  /** Ended in a state where no thread can move and some running thread waits (a deadlock). */
  deadlocked: number;
  /** Ended in a state where no thread can move and none waits (every thread done or idle). */
  terminated: number;
  /** Cut short by a limit, Ctrl-C, or every property being violated. */
  cut: number;
  longest: number;
}

/** A thread blocked in a deadlock, and what it waits for. */
export interface Waiter { thread: string; label: string; where: string; waits: string; patch?: string }

export interface PropertyResult {
  name: string;
  kind: 'invariant' | 'action' | 'deadlock' | 'eventually' | 'leads-to' | 'quiescent' | 'sometimes';
  description?: string;
  verdict: Verdict;
  /** The values that break it, in words. */
  explanation?: string;
  /** A counterexample (for liveness: a lasso, with `loopFrom`). */
  trace?: Trace;
  /** For `sometimes`: a run reaching the state it asks for. */
  witness?: Trace;
  /** Set with the verdict `vacuous` (kept for readers of the older JSON). */
  vacuous?: boolean;
  /** For a deadlock: who waits on what. */
  waiters?: Waiter[];
  /**
   * For any other violation: the threads blocked where the trace ends, with what each waits for
   * (a reader stuck behind a probe shows where it is stuck). Only steps that say what they wait for.
   */
  waiting?: Waiter[];
}

/** Why a property's verdict is `vacuous`. */
export interface VacuousProperty {
  name: string;
  /** `premise`: no reachable state met its premise (a leads-to's `from`); `initial-state`: nothing ever moved. */
  reason: 'premise' | 'initial-state';
  /** The premise in words, when the property gives it. */
  premise?: string;
}

/** An actor action that completed in no explored run. */
export interface IdleAction { thread: string; action: string; index: number }

/** What a complete search says its verdicts are not about. */
export interface Vacuity {
  actions: IdleAction[];
  properties: VacuousProperty[];
}

export interface CoverageEntry { thread: string; program: string; label: string; where: string; fired: number }

export interface Result {
  model: string;
  params: Record<string, string | number>;
  backend: BackendName;
  strategy: Strategy;
  /**
   * Its counterexamples and witnesses are shortest paths from the initial state: a breadth-first
   * search (one thread or level-synchronous workers) that partial-order reduction did not prune.
   * False for depth-first and random searches and for a reduced BFS. Absent in results written
   * before it was added.
   */
  shortest?: boolean;
  /**
   * Why `shortest` is false where the strategy alone does not say (BFS): a shard's part, symmetry
   * applied on the user's word, a merged shard that stopped early.
   */
  shortestWhy?: string;
  /** True when the whole reachable state space was explored. */
  complete: boolean;
  /** Why the search stopped early, if it did (a limit, or every property already violated). */
  stopped?: StopReason | 'all-violated';
  /** The stop in words: the limit and what reached it, or how the walks ended. */
  stopNote?: string;
  /** Model.fewerStates, where a limit stopped the search. */
  fewerStates?: string;
  /** Random simulation: how the walks ended. */
  walks?: WalkSummary;
  states: number;
  transitions: number;
  depth: number;
  seconds: number;
  statesPerSecond: number;
  /** Store bytes (fingerprint table and predecessor links) per distinct state. */
  bytesPerState: number;
  /** Estimated probability that a fingerprint collision hid a state. */
  collisionProbability: number;
  properties: PropertyResult[];
  coverage: CoverageEntry[];
  /**
   * Steps that never fired although the search entered their function (same thread, same
   * block: some step of it fired), and no other instance of the program fired them: `thread:
   * label (where)`. These are news: dead code, or a branch the scenario never takes.
   */
  neverFired: string[];
  /** Steps that never fired in blocks the search never entered (not news: a path the scenario does not take). */
  unenteredSteps: number;
  /** Unfired steps that no run can reach, as built (a step's `cannot`), by reason -> how many: not news either. */
  cannotFire?: Record<string, number>;
  /** Present when the search was complete: actions that never completed, properties about nothing. */
  vacuity?: Vacuity;
  seed?: number;
  /** Threads that searched (1: the sequential search), and why fewer than asked for, if so. */
  workers?: number;
  workersNote?: string;
  /** The model's notes (Model.notes): what it made of its input that the input did not say. */
  notes?: string[];
  /** Model.constantReads after a complete, unreduced search on one thread (patch-notes.ts says them). */
  constantReads?: ConstantRead[];
  /**
   * A shard's (--shard i/n) Model.patchReads after a complete, unreduced search on one thread, for
   * `probecheck merge` to say the whole search's constantReads; null where its search was not such.
   */
  patchReads?: PatchRead[] | null;
  /** Model.reachedPatchSteps after a complete search on one thread, reduced or not (check.ts says why). */
  reachedPatchSteps?: { patch: string; step: string; idle?: true }[];
  /** Model.loadSteps: the steps of the load that made the start state, and what fired there. */
  loadSteps?: LoadStep[];
  /**
   * `--shard i/n`: this result covers part of the search (see search/shard.ts); its verdicts
   * are about that part, and `probecheck merge` combines the shards' results into one.
   */
  shard?: ShardInfo;
  /** Asked for symmetry reduction: whether it was applied, and why not when it was not. */
  symmetry?: {
    applied: boolean; classes: string[]; note?: string;
    /**
     * Where applied: each class's elements, by name, with the threads tied to each (in an order
     * that corresponds across them): a step may have fired only in a permuted run (patch-notes.ts).
     */
    elements?: { name: string; threads: string[] }[][];
    /** --check-symmetry: states searched, (state, permutation) pairs verified, and the first failure in words. */
    check?: { states: number; pairs: number; complete: boolean; failure?: string };
  };
  /**
   * Present when partial-order reduction was asked for (`--por`). `applied`: it ran (not for
   * liveness or random simulation: `why`); `reduced`: it left some move out of some state (a run
   * that expanded every state fully searched the whole graph). Under reduction the states and
   * transitions are those of the reduced graph, and a BFS counterexample is shortest in it, not
   * necessarily in the full graph (`shortest: false`). `restarts`: searches run again because a footprint a
   * decision relied on grew; `ample` / `full`: states expanded with a persistent set's moves / all.
   */
  por?: { applied: boolean; reduced: boolean; why?: string; restarts?: number; ample?: number; full?: number; shortest?: boolean };
}
