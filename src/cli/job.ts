/**
 * A check job as plain data: what the main thread sends to the search worker and what comes
 * back. Errors cross the thread boundary as { code, message } and become ProbecheckErrors again.
 */
import type { ErrorCode } from '../engine/errors.js';
import type { BackendName, Result, Strategy } from '../engine/result.js';
import type { ShardSpec } from '../engine/search/shard.js';
import type { Progress } from '../engine/search/types.js';

export interface CheckJob {
  /** Absolute path of the model file. */
  file: string;
  /** Parameters as given (strings from --param, or values from a suite case). */
  params: Record<string, string | number>;
  properties?: string[];
  /** Of `properties`, those the user named (CheckOptions.named). */
  named?: string[];
  /** Files of defineProperty properties to add to the model (absolute paths). */
  propertyFiles?: string[];
  /** Explore everything even once every property is violated (for golden state counts). */
  exhaustive?: boolean;
  strategy?: Strategy;
  backend?: BackendName;
  maxStates?: number;
  maxDepth?: number;
  timeLimit?: number;
  maxMemoryMB?: number;
  seed?: number;
  runs?: number;
  walkDepth?: number;
  /** Threads for a BFS search (default: the number of cores). */
  workers?: number;
  shard?: ShardSpec;
  symmetry?: boolean;
  checkSymmetry?: boolean;
}

export interface JobDone {
  result: Result;
  /** The factory's name and the parameters it was built with, defaults filled in. */
  factory: string;
  params: Record<string, string | number>;
}

export type WorkerReply =
  | { id: number; kind: 'progress'; progress: Progress }
  | { id: number; kind: 'done'; done: JobDone }
  | { id: number; kind: 'error'; code?: ErrorCode; message: string; detail?: string[] };
