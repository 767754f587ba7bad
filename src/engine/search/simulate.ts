/**
 * Seeded random simulation: walks from the initial state choosing uniformly among the enabled
 * moves, checking properties on the way. It can find violations but never proves one absent, so
 * an unviolated property is `unknown`. The same seed gives the same walks. Every run ends with
 * a reason: the walks asked for are done (with how each ended), or a limit cut them short.
 */
import { collisionProbability, fp } from '../hash.js';
import type { Backend } from '../state/backend.js';
import { FingerprintStore } from '../store.js';
import { actionCode, codeBranch, codeThread } from '../trace.js';
import type { WalkSummary } from '../result.js';
import { isAllocationFailure, LimitReached, MemoryBudget, outOfMemory } from './budget.js';
import { blocked, Monitor } from './monitor.js';
import type { Limits, Progress, SearchOutcome } from './types.js';

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulateOptions extends Limits {
  seed: number;
  /** Number of walks; Infinity walks until another limit (the time limit) stops them. */
  runs: number;
  walkDepth: number;
}

export function simulate(be: Backend, monitor: Monitor, o: SimulateOptions, progress?: (p: Progress) => void): SearchOutcome {
  const t0 = performance.now();
  const random = prng(o.seed);
  const seen = new FingerprintStore();
  const memory = new MemoryBudget(o.maxMemoryMB);
  seen.reserve = (bytes, what) => memory.reserve(bytes, what);
  const paths = new Map<string, number[]>();
  const deadline = o.timeLimit !== undefined ? t0 + o.timeLimit * 1000 : Infinity;
  const walks: WalkSummary = { walks: 0, depthBound: 0, deadlocked: 0, terminated: 0, cut: 0, longest: 0 };
  let transitions = 0, depth = 0, stopped: SearchOutcome['stopped'], stopNote: string | undefined;
  const codes: number[] = [];
  const path: number[] = [];
  // Called right after every check: a violation just found was found on the current path (an
  // action property's move is already on it), so no earlier paths need keeping.
  const record = () => {
    if (monitor.found.size === paths.size) return;
    for (const name of monitor.found.keys()) if (!paths.has(name)) paths.set(name, path.slice());
  };
  /** A limit between walks, or every 1024 steps of one: sets `stopped` and says why. */
  const limitHit = (now: number, withMemory: boolean): boolean => {
    if (now > deadline) { stopped = 'time-limit'; stopNote = `the ${o.timeLimit} s time limit reached`; }
    else if (o.signal?.aborted || (o.interrupt && Atomics.load(o.interrupt, 0) !== 0)) stopped = 'interrupted';
    else if (o.maxStates !== undefined && seen.size >= o.maxStates) { stopped = 'max-states'; stopNote = `the limit of ${o.maxStates.toLocaleString('en-US')} distinct states reached`; }
    else if (withMemory) memory.check();
    return stopped !== undefined;
  };
  let nextReport = t0 + 1000;
  try {
    for (let run = 0; run < o.runs && !stopped; run++) {
      walks.walks++;
      be.loadInitial();
      seen.put(fp.hi, fp.lo, 0, 0);
      path.length = 0;
      monitor.checkState(be, false, 0);
      record();
      let d = 0, end: 'depthBound' | 'deadlocked' | 'terminated' | 'cut' = 'depthBound';
      for (; d < o.walkDepth; d++) {
        if ((d & 1023) === 1023 && limitHit(performance.now(), true)) { end = 'cut'; break; }
        codes.length = 0;
        be.expand((k, b) => { codes.push(actionCode(k, b)); });
        transitions += codes.length;
        if (codes.length === 0) {
          end = blocked(be).length > 0 ? 'deadlocked' : 'terminated';
          monitor.checkDeadlock(be, 0);
          record();
          break;
        }
        const code = codes[Math.floor(random() * codes.length)]!;
        be.step(codeThread(code), codeBranch(code));
        be.checkNext?.(codeThread(code));
        if (monitor.hasActions) monitor.checkAction(be, 0, code);
        be.advance();
        path.push(code);
        seen.put(fp.hi, fp.lo, 0, 0);
        monitor.checkState(be, false, 0);
        record();
        if (d + 1 > depth) depth = d + 1;
        if (monitor.allFound()) { stopped = 'all-violated'; end = 'cut'; d++; break; }
      }
      walks[end]++;
      if (d > walks.longest) walks.longest = d;
      const now = performance.now();
      // (Reading the process's memory costs about 10 µs; a walk can take less.)
      if (!stopped) limitHit(now, (walks.walks & 63) === 0);
      if (progress && now >= nextReport) {
        nextReport = now + 1000;
        progress({ states: seen.size, transitions, depth, queue: Number.isFinite(o.runs) ? o.runs - run - 1 : 0, seconds: (now - t0) / 1000 });
      }
    }
  } catch (e) {
    // As in explore: the search's own limits stop it with what it found; anything else goes up.
    const limit = e instanceof LimitReached ? e : isAllocationFailure(e) ? outOfMemory(e, seen.size) : undefined;
    if (!limit) throw e;
    stopped = limit.reason;
    stopNote = limit.note;
    walks.cut++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const count = `${walks.walks.toLocaleString('en-US')} walk${walks.walks === 1 ? '' : 's'}`;
  if (!stopped) {
    stopped = 'walks-done';
    stopNote = `all ${count} done in ${seconds.toFixed(2)} s${o.timeLimit !== undefined ? `, before the ${o.timeLimit} s time limit` : ''}: ${walksNote(walks, o.walkDepth)}`;
  } else if (stopped !== 'all-violated') stopNote = `${stopNote ?? 'stopped'} after ${count}: ${walksNote(walks, o.walkDepth)}`;
  return {
    paths, complete: false, stopped, stopNote, walks, states: seen.size, transitions, depth, seconds,
    bytesPerState: seen.bytes() / Math.max(1, seen.size), collisionProbability: collisionProbability(seen.size),
  };
}

/** How the walks ended: "998 ended with no move left and no thread waiting, 2 in a deadlock; the longest took 41 steps". */
export function walksNote(w: WalkSummary, walkDepth: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const ends: string[] = [];
  if (w.depthBound) ends.push(`${n(w.depthBound)} reached the depth bound of ${n(walkDepth)} steps`);
  if (w.terminated) ends.push(`${n(w.terminated)} ended with no move left and no thread waiting`);
  if (w.deadlocked) ends.push(`${n(w.deadlocked)} ended in a deadlock`);
  if (w.cut) ends.push(`${n(w.cut)} cut short`);
  return `${ends.join(', ')}; the longest took ${n(w.longest)} step${w.longest === 1 ? '' : 's'}`;
}
