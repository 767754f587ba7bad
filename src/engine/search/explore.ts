/**
 * Exhaustive search, breadth-first (the first counterexample found for a property is a shortest
 * one) or depth-first (less memory for the work list, longer traces). Every new state is checked
 * against the open invariants as it is generated; every transition against the open action
 * properties; every state without a move for deadlock.
 *
 * A limit (states, depth, time, memory, Ctrl-C, an allocation that fails) ends the search with
 * what it found so far: every violation already recorded keeps its trace.
 */
import { collisionProbability, fp } from '../hash.js';
import type { Backend } from '../state/backend.js';
import { FingerprintStore, NO_PARENT } from '../store.js';
import { ProbecheckError } from '../errors.js';
import { actionCode } from '../trace.js';
import { EDGE_FAIR, edgeFlags } from '../compile.js';
import { isAllocationFailure, LimitReached, MemoryBudget, outOfMemory } from './budget.js';
import type { Graph } from './graph.js';
import type { Reducer } from '../reduce/por.js';
import { Monitor } from './monitor.js';
import { ShardSplit } from './shard.js';
import type { Limits, Progress, SearchOutcome } from './types.js';

/** The moves (action codes) to the state in which a model's step threw, by error (explore's catch). */
export const REACHED_BY = new WeakMap<object, number[]>();
/**
 * The violations a search had found before a model's error ended it (a log hunt, 2026-12-04: a
 * deadlock found first was lost to an E204 that asked for more instances): each property's moves.
 */
export const FOUND_BEFORE = new WeakMap<object, { name: string; codes: number[] }[]>();

/**
 * With a reducer (partial-order reduction, reduce/por.ts) each state expands to the moves it picks.
 * `handOff` (the parallel search, parallel.ts): asked as the first state of each BFS level is
 * popped, with the states stored, the level's size and depth; true ends the search there with
 * the level left in the backend (that state in cur, the rest in the work list).
 */
export function explore(be: Backend, monitor: Monitor, strategy: 'bfs' | 'dfs', limits: Limits, progress?: (p: Progress) => void, graph?: Graph, reducer?: Reducer,
  handOff?: (states: number, level: number, depth: number) => boolean): SearchOutcome {
  const t0 = performance.now();
  // A small first table (it doubles as it fills), reserved from 2^16 slots on as when it started
  // there: a search of a few hundred states, as most checks of a test suite are, allocated and
  // cleared 1 MiB for its table and cache (2026-12-06).
  const store = new FingerprintStore(10, graph !== undefined, 16);
  const maxDepth = limits.maxDepth ?? Infinity;
  const maxStates = limits.maxStates ?? Infinity;
  const deadline = limits.timeLimit !== undefined ? t0 + limits.timeLimit * 1000 : Infinity;
  const memory = new MemoryBudget(limits.maxMemoryMB);
  const reserve = (bytes: number, what: string) => memory.reserve(bytes, what);
  store.reserve = reserve;
  be.reserve = reserve;
  if (graph) graph.reserve = reserve;
  const pop = strategy === 'bfs' ? () => be.popFront() : () => be.popBack();
  const split = limits.shard ? new ShardSplit(limits.shard) : undefined;

  let transitions = 0, depth = 0, curId = 0, curDepth = 0, truncated = false;
  let stopped: SearchOutcome['stopped'], stopNote: string | undefined;
  const actions = monitor.hasActions;
  // Where a thread's fairness depends on its pc, each edge of the graph records it (edgeFlags).
  const fairAt = graph?.fair ? be.c : undefined;
  // Properties read through the reducer's recording views, so it learns what they read.
  const mbe = reducer ? reducer.monitorBackend : be;
  const visit = (k: number, b: number) => {
    transitions++;
    const code = actionCode(k, b);
    if (actions) monitor.checkAction(mbe, curId, code);
    // As int32s (put takes them unsigned): fp's words are uint32s, and half of them are past a
    // small integer, so passed as they are each call boxed one in a heap number (16 bytes a
    // transition, 40% of a host-children search's allocation).
    const id = store.put(fp.hi | 0, fp.lo | 0, curId, code);
    if (graph) {
      graph.edge(id < 0 ? store.found : id, code, fairAt === undefined ? EDGE_FAIR : edgeFlags(fairAt, k, be.pc(k)));
      if (id >= 0) graph.label(id, be.nextG(), be.nextQ());
    }
    if (id < 0) return;
    be.checkNext?.(k);
    const d = curDepth + 1;
    if (d > depth) depth = d;
    monitor.checkState(mbe, true, id);
    if (d < maxDepth) be.pushNext(id, d);
    else truncated = true;
  };

  // The limits are checked every 1,024 states, and every 65,536 moves: every 1,024 states alone
  // was 24 M moves on a model of 120 threads of 200 branches, where a --time-limit of 10 s
  // stopped at 46 s and Ctrl-C waited as long (a review, 2026-12-06).
  let expanded = 0, moves = 0, nextCheck = 65536, nextReport = t0 + 1000, nextMemory = t0, level = 0, handedOff = false;
  try {
    be.clear();
    be.loadInitial();
    store.put(fp.hi, fp.lo, NO_PARENT, 0);
    monitor.checkState(mbe, false, 0);
    graph?.label(0, be.curG(), be.curQ());
    be.pushCur(0, 0);
    while (pop()) {
      curId = be.poppedId;
      curDepth = be.poppedDepth;
      if (handOff && curDepth > level && (level = curDepth, handOff(store.size, be.pending() + 1, curDepth))) { handedOff = true; break; }
      if (split && !split.keep(curId, curDepth, be.pending())) continue;
      graph?.begin(curId);
      const n = reducer ? reducer.expand(store, visit) : be.expand(visit);
      graph?.end(curId);
      if (n === 0) monitor.checkDeadlock(be, curId);
      if (store.size >= maxStates) { stopped = 'max-states'; stopNote = `the limit of ${maxStates.toLocaleString('en-US')} states reached${store.size > maxStates ? ` (${store.size.toLocaleString('en-US')} stored)` : ''}`; break; }
      if (!graph && !limits.exhaustive && monitor.allFound()) { stopped = 'all-violated'; break; }
      moves += n;
      if ((++expanded & 1023) === 0 || moves >= nextCheck) {
        nextCheck = moves + 65536;
        const now = performance.now();
        if (now > deadline) { stopped = 'time-limit'; stopNote = `the ${limits.timeLimit} s time limit reached`; break; }
        if (limits.signal?.aborted || (limits.interrupt && Atomics.load(limits.interrupt, 0) !== 0)) { stopped = 'interrupted'; break; }
        // Reading the process's RSS costs about 0.25 ms: at most every 20 ms, every 200 ms (as the
        // parallel search) while far under the limits, where the 20 ms readings were 1% of a
        // host-children search (allocations the search makes itself are checked before they are
        // made, by `reserve`).
        if (now >= nextMemory) { memory.check(); nextMemory = now + (memory.far() ? 200 : 20); }
        if (progress && now >= nextReport) {
          nextReport = now + 1000;
          progress({ states: store.size, transitions, depth, queue: be.pending(), seconds: (now - t0) / 1000 });
        }
      }
    }
  } catch (e) {
    // Only the search's own limits and allocations end here; a model's or property's error
    // (a ProbecheckError) and a bug in probecheck go on up.
    const limit = e instanceof LimitReached ? e : isAllocationFailure(e) ? outOfMemory(e, store.size) : undefined;
    // A model's own error (a step that throws, E2xx) carries the moves to the state it broke in.
    if (!limit && e instanceof ProbecheckError && e.code.startsWith('E2') && !REACHED_BY.has(e)) {
      // (Before the initial state is stored, the error is in it: the model's init wrote it.)
      REACHED_BY.set(e, store.size === 0 ? [] : store.path(curId));
      FOUND_BEFORE.set(e, [...monitor.found].map(([name, f]) => ({ name, codes: [...store.path(f.at), ...(f.lastAction !== undefined ? [f.lastAction] : [])] })));
    }
    if (!limit) throw e;
    stopped = limit.reason;
    stopNote = limit.note;
  }
  if (!stopped && truncated) { stopped = 'max-depth'; stopNote = `states at depth ${maxDepth} were not expanded`; }
  const seconds = (performance.now() - t0) / 1000;
  const complete = stopped === undefined && !handedOff;
  if (!handedOff) be.clear();
  be.reserve = undefined;
  return {
    ...(handedOff ? { handedOff } : {}), store, complete, stopped, stopNote, states: store.size, transitions, depth, seconds,
    bytesPerState: store.bytes() / Math.max(1, store.size),
    collisionProbability: collisionProbability(store.size),
    ...(split ? { shard: { ...split.spec, ...(split.level !== undefined ? { level: split.level, kept: split.kept, levelSize: split.levelSize } : {}) } } : {}),
  };
}
