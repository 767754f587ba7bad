/**
 * Seeded random simulation: walks from the initial state choosing uniformly among the enabled
 * moves, checking properties on the way. It can find violations but never proves one absent, so
 * an unviolated property is `unknown`. The same seed gives the same walks.
 */
import { collisionProbability, fp } from '../hash.js';
import type { Backend } from '../state/backend.js';
import { FingerprintStore } from '../store.js';
import { actionCode, codeBranch, codeThread } from '../trace.js';
import { Monitor, moveOf } from './monitor.js';
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

export interface SimulateOptions extends Limits { seed: number; runs: number; walkDepth: number }

export function simulate(be: Backend, monitor: Monitor, o: SimulateOptions, progress?: (p: Progress) => void): SearchOutcome {
  const t0 = performance.now();
  const random = prng(o.seed);
  const seen = new FingerprintStore();
  const paths = new Map<string, number[]>();
  const deadline = o.timeLimit !== undefined ? t0 + o.timeLimit * 1000 : Infinity;
  let transitions = 0, depth = 0, stopped: SearchOutcome['stopped'];
  const codes: number[] = [];
  const path: number[] = [];
  // Called right after every check: a violation just found was found on the current path (an
  // action property's move is already on it), so no earlier paths need keeping.
  const record = () => {
    if (monitor.found.size === paths.size) return;
    for (const name of monitor.found.keys()) if (!paths.has(name)) paths.set(name, path.slice());
  };
  let nextReport = t0 + 1000;
  for (let run = 0; run < o.runs && !stopped; run++) {
    be.loadInitial();
    seen.put(fp.hi, fp.lo, 0, 0);
    path.length = 0;
    monitor.checkState(be, false, 0);
    record();
    for (let d = 0; d < o.walkDepth; d++) {
      codes.length = 0;
      be.expand((k, b) => { codes.push(actionCode(k, b)); });
      transitions += codes.length;
      if (codes.length === 0) { monitor.checkDeadlock(be, 0); record(); break; }
      const code = codes[Math.floor(random() * codes.length)]!;
      be.step(codeThread(code), codeBranch(code));
      if (monitor.hasActions) monitor.checkAction(be, 0, code, () => moveOf(be, code));
      be.advance();
      path.push(code);
      seen.put(fp.hi, fp.lo, 0, 0);
      monitor.checkState(be, false, 0);
      record();
      if (d + 1 > depth) depth = d + 1;
      if (monitor.allFound()) { stopped = 'all-violated'; break; }
    }
    const now = performance.now();
    if (now > deadline) stopped = 'time-limit';
    else if (o.signal?.aborted || (o.interrupt && Atomics.load(o.interrupt, 0) !== 0)) stopped = 'interrupted';
    else if (o.maxStates !== undefined && seen.size >= o.maxStates) stopped = 'max-states';
    if (progress && now >= nextReport) {
      nextReport = now + 1000;
      progress({ states: seen.size, transitions, depth, queue: o.runs - run, seconds: (now - t0) / 1000 });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    paths, complete: false, stopped, states: seen.size, transitions, depth, seconds,
    bytesPerState: seen.bytes() / Math.max(1, seen.size), collisionProbability: collisionProbability(seen.size),
  };
}
