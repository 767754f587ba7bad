/** Options and outcomes shared by the search strategies. */
import type { StopReason, WalkSummary } from '../result.js';
import type { FingerprintStore } from '../store.js';
import type { ShardSpec } from './shard.js';

export interface Limits {
  maxStates?: number;
  maxDepth?: number;
  /** Seconds. */
  timeLimit?: number;
  /** Stop when the process would use more (default: half of physical memory, see budget.ts). */
  maxMemoryMB?: number;
  /** Keep exploring after every property is violated (complete state counts). */
  exhaustive?: boolean;
  /** Aborting it ends the search with partial results. */
  signal?: AbortSignal;
  /**
   * Ctrl-C for a search running in a worker thread: a synchronous search never sees a SIGINT
   * handler, so the main thread sets element 0 of this shared Int32Array and the search polls it.
   */
  interrupt?: Int32Array;
  /** Breadth-first only: expand this shard's part of the search (see shard.ts). */
  shard?: ShardSpec;
}

export interface Progress { states: number; transitions: number; depth: number; queue: number; seconds: number }

export interface SearchOutcome {
  /** Exhaustive searches: the store, for rebuilding traces from state ids. */
  store?: FingerprintStore;
  /** Random simulation: the move codes to each found violation, by property name. */
  paths?: Map<string, number[]>;
  complete: boolean;
  /** explore() stopped at a level boundary for the parallel search to go on (see its handOff). */
  handedOff?: boolean;
  stopped?: StopReason | 'all-violated';
  /** The stop in words (see Result.stopNote). */
  stopNote?: string;
  walks?: WalkSummary;
  states: number;
  transitions: number;
  depth: number;
  seconds: number;
  bytesPerState: number;
  collisionProbability: number;
  shard?: ShardInfo;
}

/** Where a sharded search split: its level, how many states that level held, and how many this shard expanded. */
export interface ShardInfo extends ShardSpec { level?: number; levelSize?: number; kept?: number }
