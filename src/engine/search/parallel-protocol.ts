/**
 * What the parallel search's coordinator (parallel.ts) and its workers (parallel-worker.ts)
 * share: the words of the control block, the phases, and the messages.
 */
import { MAX_LOAD } from '../store.js';

/**
 * Words of the control block (an Int32Array over a SharedArrayBuffer). The counters workers
 * bump as they go (NEXT, SIZE, BEAT, GROW_NEXT) each have a cache line of their own, away
 * from the words every worker reads for each state (PAUSE, STOP), 128 bytes apart whatever the
 * buffer's alignment: a line one core writes is reloaded by every other core that reads it.
 */
export const C = {
  /**
   * The phase: written by the coordinator to start one, (generation << 4) | kind (LOAD ... MERGE),
   * so that a worker reads which phase it was woken for in the same load; workers wait on it.
   */
  SEQ: 0,
  /** Workers whose thread ended on an error outside a phase (the coordinator stops waiting). */
  DEAD: 1,
  /** Workers that finished the phase; the coordinator waits on it. */
  DONE: 2,
  /** Set: stop taking ranges (a limit, Ctrl-C, an error). */
  STOP: 3,
  /** Set by a worker when the table passed LIMIT: stop taking ranges, the coordinator grows it. */
  PAUSE: 4,
  LIMIT: 5,
  /** Workers that built this search's model, and workers that could not. */
  READY: 6,
  FAILED: 7,
  /**
   * 1 + the lowest frontier index of this level whose expansion a model's error (a step that
   * threw, E2xx) ended; 0: none. Workers skip the states after it: an event there comes after the
   * error in one thread's order, so it cannot decide the level (see parallel.ts, Levels.level).
   */
  ERR: 8,
  /** The next frontier index to take (ranges of CHUNK states). */
  NEXT: 32,
  /** States in the level's table (workers add theirs 32 at a time). */
  SIZE: 64,
  /** Bumped by workers as they get through a phase's work: a phase where it stands still for long has a dead worker. */
  BEAT: 96,
  /**
   * GROW: the next old table slot to move; MERGE by slots (MERGE_SCAN): the next slot of the
   * level's table to merge (ranges of GROW_CHUNK; the coordinator zeroes it before either phase).
   */
  GROW_NEXT: 128,
} as const;
export const CTRL_WORDS = 144;
/** Records a worker goes through between beats in the resolve, finish and number phases. */
export const BEAT_RECORDS = 4096;
export const GROW_CHUNK = 1 << 14;

export const LOAD = 1, EXPAND = 2, RESOLVE = 3, FINISH = 4, NUMBER = 5, GROW = 6, EXIT = 7, MERGE = 8;
/** The bits of C.SEQ that hold the kind. */
export const KIND_BITS = 4, KIND_MASK = (1 << KIND_BITS) - 1;
/** States a worker takes from the frontier at a time. */
export const CHUNK = 64;
/**
 * The level's table (the states new in the level being expanded, with their claims) fills to the
 * sequential store's load before it grows, by this factor. Most lookups that get past a worker's
 * cache of recent fingerprints insert a new state or meet one of the level being expanded
 * (probe-tree N=10: 2.74 M inserts and 1.59 M such hits against 0.31 M states of earlier
 * levels), each a random access, so the table's size is its cost: on probe-tree N=11 (12 M
 * states, one worker) a single table of every state filled to 0.7 reached 2^25 slots and the
 * search took 36.6 s; filled to 0.85, 2^24 and 27.1 s. Growing by 1.5 rather than 2 was measured
 * slower on the 16-core machine (35.8 s against 33.8). The level's table is kept at the widest
 * level's size (its pages are not a stored state's bytes); the states of earlier levels are in
 * the seen table, which grows as the sequential store does (SEEN_GROWTH).
 */
export const LEVEL_LOAD = MAX_LOAD, TABLE_GROWTH = 2;
/**
 * The seen table (8 bytes a slot) grows by this factor once SEEN_LOAD full (2x below 2^20
 * slots), as the sequential store's table does: 61% to 85% full from a million states up.
 */
export const SEEN_LOAD = MAX_LOAD, SEEN_GROWTH = 1.4, SEEN_SMALL = 1 << 20;

/** A slot's claim word while its fingerprint is being written (0 is an empty slot). */
export const BUSY = 0xffffffff;

/**
 * The merge goes over the level's table in slot order (ranges of GROW_CHUNK slots) where it has at
 * most this many slots per new state, and over each worker's records otherwise. Each record
 * reads its slot and writes the seen table at random (two cache misses a new state); in slot
 * order both tables are read and written in the order of their homes (both are the hash's top
 * bits), as the store's rehash does, at the price of reading the empty slots too (16 bytes each,
 * in order: a quarter of a cache line).
 */
export const MERGE_SCAN = 32;

export interface WorkerInit {
  ctrl: SharedArrayBuffer;
  port: unknown;
  index: number;
}

/**
 * Faults the tests inject (none in a real search), given with each search's model, so that a
 * kept crew serves searches with and without them (a crew per set of faults started workers
 * for each: 9 of the 18 workers parallel.test.ts started): on one wake in ten a worker sleeps up to
 * `jitterMs` before serving the phase; worker `exitAt` ends its thread without a word as its
 * first expand phase starts (as V8 running out of memory in that thread would); with `reverse`
 * each worker expands its ranges last state first, so that later parents reach a state before
 * earlier ones do (the order a loaded machine may give any time); with `renotify` the
 * coordinator notifies each phase again once every worker has served it (the notify of a
 * coordinator preempted between storing SEQ and notifying comes that late).
 */
export interface WorkerFaults { jitterMs?: number; exitAt?: number; reverse?: boolean; renotify?: boolean }

/** The model of a search: the worker builds it (once per source) before the search hands over. */
export interface ModelMsg {
  loader: string;
  args: unknown;
  /** For the check that the worker built the same model. */
  words: number;
  steps: number;
  initHi: number;
  initLo: number;
  /** Names of the non-liveness properties checked, in the coordinator's order. */
  properties: string[];
  /** States are stored by the fingerprint of their canonical form (reduce/symmetry.ts). */
  symmetry: boolean;
  /** This search's test faults (not part of the model: a worker builds a model once for every set). */
  faults: WorkerFaults;
}

export interface LevelMsg {
  model?: ModelMsg;
  /**
   * The seen table: the fingerprints of the states of earlier levels (2 words a slot, (0, 0)
   * empty, found as the sequential store finds them), read-only while a level is expanded, and
   * a bit per slot that the merge phase claims a slot with.
   */
  seen?: { table: SharedArrayBuffer; bits: SharedArrayBuffer };
  /** For MERGE: go over the level's table in slot order (MERGE_SCAN), not over the records. */
  mergeBySlots?: boolean;
  /** For GROW: move every fingerprint of the seen table into a bigger one (`seen` after it). */
  growSeen?: { old: SharedArrayBuffer; table: SharedArrayBuffer; bits: SharedArrayBuffer };
  /** The level's table: 4 words a slot (fingerprint hi, lo; claimed parent + 1; winning move). */
  table?: SharedArrayBuffer;
  /** With a table: a bit per slot, set where a claim lowered the slot's parent in this level. */
  claimed?: SharedArrayBuffer;
  remap?: SharedArrayBuffer;
  /** For GROW: move every entry of `old` into `table`, writing its new slot into `map`. */
  grow?: { old: SharedArrayBuffer; table: SharedArrayBuffer; map: SharedArrayBuffer; oldClaimed: SharedArrayBuffer; claimed: SharedArrayBuffer };
  /** For FINISH: each parent's first transition (Float64Array, n + 1), a byte per transition; for NUMBER, filled by the coordinator after FINISH: each parent's first index in the next level. */
  places?: { tBase: SharedArrayBuffer; won: SharedArrayBuffer; cnt: SharedArrayBuffer };
  /** For NUMBER: the next frontier (state words by index), each new state's parent id and move code. */
  number?: { next: SharedArrayBuffer; parents: SharedArrayBuffer; codes: SharedArrayBuffer };
  level?: {
    frontier: SharedArrayBuffer; moves: SharedArrayBuffer; n: number; ps: number;
    /** Indices into the properties of the open ones, by kind; premises not met yet. */
    invariants: number[]; actions: number[]; premises: number[]; deadlock: boolean;
  };
}

/** An error a model or property raised, as a worker found it: the coordinator rebuilds it. */
export interface Raised { code?: string; message: string }

export interface Finished {
  /** New states this worker inserted in the level. */
  count: number;
  /** The first violating move of each action property: key = parent * 65536 + ord. */
  actions: { i: number; key: number; code: number }[];
  /**
   * The first move (key as in actions) at which each action property threw, E302 (the worker
   * went on as if it held: the coordinator decides whether one thread would have evaluated it).
   */
  actionErrors: ({ i: number; key: number } & Raised)[];
  /**
   * The first expansion a model's error ended (E2xx: a step, a guard or a label that threw, E201
   * where a new state held a field out of range), in one thread's order: the frontier index,
   * the move's ordinal, and `next` (1 for E201: raised on the successor, after the action
   * properties read the move; 0 for the step itself).
   */
  stepError?: { i: number; ord: number; next: number } & Raised;
  /** The smallest id of a deadlocked state expanded, or -1. */
  deadlock: number;
  transitions: number;
  coverage: ArrayBuffer;
  /** The worker's model's Model.reachedPatchSteps so far (check.ts merges them with the coordinator's). */
  reached?: { patch: string; step: string; idle?: true }[];
  /** The worker's model's Model.searchNotes so far. */
  said?: string[];
}

/**
 * After NUMBER, each [property index, index in the level, move ordinal of that state]:
 * `invariants`, the first violation of each invariant; `met`, the first state that met each
 * premise; `errors`, the first state on which each premise (`premise`: true) or invariant threw
 * (evaluated again on the state one thread reaches), E302.
 */
export interface Numbered {
  invariants: [number, number, number][];
  met: [number, number][];
  errors: ({ i: number; x: number; ord: number; premise: boolean } & Raised)[];
}

export interface WorkerError { error: { code?: string; message: string } }
