/**
 * Shards: one exhaustive breadth-first search split over n machines (`--shard i/n`), for state
 * spaces no single machine finishes. Every shard runs the same deterministic search until the
 * first level that holds at least SPREAD x n states (the split level); there shard i expands
 * only the states of that level whose id is i-1 modulo n, and everything it reaches from them.
 *
 * Why the union is the whole search: ids up to the split level are equal in every shard (the
 * same search), so the parts partition that level. A state r deeper than the split level has a
 * shortest path from the initial state through one split-level state f; the shard owning f
 * reaches every state of that path after f, at depths past the split level, where nothing is
 * ever dropped. Shards overlap (a state reachable from two parts is explored twice), and a
 * counterexample is shortest only within its shard: `probecheck merge` takes the shortest.
 */
import { ProbecheckError } from '../errors.js';

export interface ShardSpec { index: number; count: number }

/** Each shard gets at least this many split-level states on average. */
const SPREAD = 8;

export class ShardSplit {
  /** The depth where the search split, once it did. */
  level: number | undefined;
  /** States of the split level this shard expanded, and the level's size. */
  kept = 0;
  levelSize = 0;
  private lastDepth = -1;

  constructor(readonly spec: ShardSpec) {}

  /**
   * Should the state just popped (breadth-first: at its first pop of a level, `pending` holds the
   * rest of that level) be expanded by this shard?
   */
  keep(id: number, depth: number, pending: number): boolean {
    if (this.level === undefined && depth > this.lastDepth) {
      this.lastDepth = depth;
      if (pending + 1 >= SPREAD * this.spec.count) { this.level = depth; this.levelSize = pending + 1; }
    }
    if (depth !== this.level) return true;
    const mine = id % this.spec.count === this.spec.index - 1;
    if (mine) this.kept++;
    return mine;
  }
}

/** Is this search one part of several? (Shard 1/1 is the whole search: its verdicts and counts are whole.) */
export const isPart = (shard: ShardSpec | undefined): boolean => (shard?.count ?? 1) > 1;

/** `i/n` as given on the command line (1 <= i <= n). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1 && index >= 1 && index <= count && count <= 65536)) {
    throw new ProbecheckError('E501', `--shard expects i/n with 1 <= i <= n (e.g. 2/8), got '${text}'`);
  }
  return { index, count };
}
