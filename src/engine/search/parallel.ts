/**
 * Parallel breadth-first search: worker threads expand each BFS level together over shared
 * fingerprint tables, and the result is the sequential BFS's to the state: the same states with
 * the same ids, parents and traces, the same transitions, depth, verdicts and counterexamples.
 *
 * Two tables. The seen table holds the fingerprints of the states of earlier levels, 8 bytes a
 * slot as the sequential store's (the bytes a stored state costs); workers only read it while a
 * level is expanded. The level's table holds the states new in the level being expanded, 16
 * bytes a slot: the fingerprint, a claim and a move; once the level is numbered its states
 * move into the seen table (the merge phase), and it is empty again for the next level.
 *
 * How ids stay deterministic. The sequential BFS numbers a level's new states in the order of
 * (parent id, move order): each state's parent is the first state of the previous level that
 * reaches it, by its first move. Here each slot of the level's table keeps the smallest parent
 * that reached it (an atomic min on the slot's claim word); at the level's end the winning claim's move is
 * written beside it, each new state takes its final (parent, move) and marks that place among
 * the level's transitions, and its index in the level is the number of marks before it (the
 * workers count them; the coordinator only adds up the counts per parent). The first violation
 * of a property in a level is chosen in the same order, and a stop by --max-states or by "every
 * property violated" is cut at the state the sequential search would have stopped after. So is
 * an error (a model's, E2xx, or a property's, E302): workers note where in that order they met
 * it and go on with the states before it, and the level ends on the first one the sequential
 * search meets, or on none where it stops first (Levels.level).
 *
 * The search starts sequentially (explore.ts). Once it has stored `parallelFrom` states the
 * workers start building the model in the background (each loads the model's files: up to
 * 2.5 s on a loaded 2-core machine), and the search hands its current level over at the first
 * level boundary where they are ready: small searches never start them nor wait for them.
 * Liveness (the state graph), DFS and random walks, the reference backend and models given only
 * as objects run on one thread (check.ts decides).
 *
 * Memory (issue 12: at most 16 bytes a stored state from a million states up): the seen table
 * grows as the sequential store's does (by 1.4x once 85% full: 9.4 to 13.2 bytes a state), plus a
 * bit a slot and the links. The level's table and the level's buffers (the frontiers, the
 * workers' records, the numbering) are the work list's part: bytes per state of the widest
 * level, not of the states stored.
 *
 * The coordinator is synchronous: it blocks in Atomics.wait (polling the limits and Ctrl-C
 * every 20 ms) and reads the workers' messages with receiveMessageOnPort.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ModelError, ProbecheckError, type ErrorCode } from '../errors.js';
import { collisionProbability, fp } from '../hash.js';
import type { ActionProperty, Invariant } from '../model.js';
import type { FastBackend } from '../state/fast.js';
import { actionCode, codeBranch, codeThread } from '../trace.js';
import { isAllocationFailure, LimitReached, MemoryBudget, outOfMemory } from './budget.js';
import { explore, FOUND_BEFORE, REACHED_BY } from './explore.js';
import type { FingerprintStore } from '../store.js';
import { blocked, moveOf, propertyThrew, type Monitor } from './monitor.js';
import { C, CTRL_WORDS, EXIT, EXPAND, FINISH, GROW, KIND_BITS, LEVEL_LOAD, LOAD, MERGE, MERGE_SCAN, NUMBER, RESOLVE, SEEN_GROWTH, SEEN_LOAD, SEEN_SMALL, TABLE_GROWTH, type Finished, type LevelMsg, type ModelMsg, type Numbered, type Raised, type WorkerError, type WorkerFaults, type WorkerInit } from './parallel-protocol.js';
import type { Limits, Progress, SearchOutcome } from './types.js';

/**
 * Where a model comes from, so that a worker thread can build the same one: `loader` is the URL
 * of a module whose `buildSource(args)` resolves to the model (src/source.ts for model files);
 * `args` is plain data.
 */
export interface ModelSource { loader: string; args: unknown }

export interface ParallelOptions {
  workers: number;
  source: ModelSource;
  /** Hand over to the workers once this many states are stored (0: at the first level, waiting for them). */
  parallelFrom: number;
  /** log2 of the level's table's first size in slots (default: room for the level handed over; tests make it grow), at least twice what workers may add past its limit. */
  tableBits?: number;
  /** Tests: faults injected into the workers (parallel-protocol.ts). */
  faults?: WorkerFaults;
  /** A phase whose workers show no progress for this long has a dead worker: the search stops (default 60 s). */
  stallSeconds?: number;
}

export type ParallelOutcome = SearchOutcome & { workers: number; workersNote?: string; reached?: { patch: string; step: string; idle?: true }[]; searchNotes?: string[] };

// Built, the worker is parallel-worker.js beside this file; run from source (vitest, tsx) it
// is the .ts, loaded through tsx's API as src/cli/checker.ts loads its worker.
const DEV = import.meta.url.endsWith('.ts');

function spawn(init: WorkerInit, port: MessagePort): Worker {
  const opts = { workerData: { ...init, port }, transferList: [port as unknown as Transferable] } as ConstructorParameters<typeof Worker>[1];
  const src = JSON.stringify(new URL(DEV ? './parallel-worker.ts' : './parallel-worker.js', import.meta.url).href);
  // A worker whose module does not load says so the way a failed build does (an error message,
  // FAILED), since the coordinator, blocked in Atomics.wait, never sees a Worker's 'error' event.
  const load = DEV ? `import('tsx/esm/api').then(({ tsImport }) => tsImport(${src}, ${src}))` : `import(${src})`;
  const code = `const { workerData: d } = require('node:worker_threads');
${load}.catch((e) => {
  const c = new Int32Array(d.ctrl);
  d.port.postMessage({ error: { message: 'a search worker did not start: ' + (e && e.message || e) } });
  Atomics.store(c, ${C.STOP}, 1); Atomics.add(c, ${C.FAILED}, 1); Atomics.notify(c, ${C.FAILED});
});`;
  return new Worker(code, { ...opts, eval: true });
}

/**
 * The worker threads. A crew outlives its search: the next search of this thread with as many
 * workers takes it, so workers start once per process, and build each model once. Every worker
 * of a crew serves every phase of its search (a worker left idle by a smaller search could wake
 * late and serve a stale phase). Workers are unref'd: a kept crew never holds the process open.
 */
class Crew {
  readonly ctrl = new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4));
  readonly workers: Worker[] = [];
  readonly ports: MessagePort[] = [];
  private generation = 0;
  /** A worker stopped without a word (see phase): the crew is not kept. */
  broken = false;
  /** Seconds a phase may go without progress (see phase). */
  stallSeconds = 60;
  /** The current search's test faults (begin). */
  faults: WorkerFaults = {};

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const ch = new MessageChannel();
      const w = spawn({ ctrl: this.ctrl.buffer as SharedArrayBuffer, port: undefined, index: i }, ch.port2);
      w.unref();
      // Errors come back as messages; an 'error' event here would only repeat one of them.
      w.on('error', () => {});
      this.workers.push(w);
      this.ports.push(ch.port1);
    }
  }

  /** Wake the workers for a phase of this kind. */
  private signal(kind: number): void {
    this.generation = (this.generation + 1) & (0x7fffffff >>> KIND_BITS);
    Atomics.store(this.ctrl, C.SEQ, (this.generation << KIND_BITS) | kind);
    Atomics.notify(this.ctrl, C.SEQ);
  }

  /** Start a search: each worker builds the model (in the background; see ready()). */
  begin(model: ModelMsg): void {
    const c = this.ctrl;
    this.faults = model.faults;
    for (const k of [C.STOP, C.PAUSE, C.SIZE, C.NEXT, C.READY, C.FAILED]) Atomics.store(c, k, 0);
    for (const p of this.ports) p.postMessage({ model } satisfies LevelMsg);
    this.signal(LOAD);
  }

  ready(): boolean { return Atomics.load(this.ctrl, C.READY) === this.size; }
  failed(): boolean { return Atomics.load(this.ctrl, C.FAILED) > 0; }

  /** Block until every worker is ready or one failed; false after `seconds` with neither. */
  awaitReady(seconds = 120): boolean {
    const end = performance.now() + seconds * 1000;
    for (;;) {
      const r = Atomics.load(this.ctrl, C.READY), f = Atomics.load(this.ctrl, C.FAILED);
      if (f > 0 || r === this.size) return true;
      if (performance.now() > end) return false;
      Atomics.wait(this.ctrl, C.READY, r, 20);
    }
  }

  /** The first error a worker reported, if any. Where this is asked, workers post nothing else. */
  firstError(): WorkerError['error'] | undefined {
    let first: WorkerError['error'] | undefined;
    for (const p of this.ports) {
      const m = receiveMessageOnPort(p)?.message as object | undefined;
      if (!m) continue;
      if (!('error' in m)) throw new Error('internal: a parallel search worker sent a result out of turn');
      first ??= (m as WorkerError).error;
    }
    return first;
  }

  post(m: LevelMsg): void { for (const p of this.ports) p.postMessage(m); }

  /**
   * Run one phase on every worker; `poll` runs every 20 ms while they work. Workers beat as
   * they go through their part, and one that has not finished is still working, so a phase
   * where no beat comes for `stallSeconds` has lost a worker: a thread that ended without
   * running another line (V8 out of memory in it). That stops the search, as a failed
   * allocation does, rather than leave it waiting forever.
   */
  phase(kind: number, poll?: () => void): void {
    const c = this.ctrl;
    Atomics.store(c, C.DONE, 0);
    this.signal(kind);
    let beat = Atomics.load(c, C.BEAT), since = performance.now();
    for (;;) {
      const done = Atomics.load(c, C.DONE);
      if (done === this.size) {
        if (this.faults.renotify) {
          Atomics.notify(c, C.SEQ);
          Atomics.wait(c, C.DONE, done, 5);
          if (Atomics.load(c, C.DONE) !== done) throw new Error('internal: a parallel search worker served a phase twice');
        }
        break;
      }
      if (Atomics.load(c, C.DEAD) > 0) throw workerError(this.firstError() ?? { message: 'internal: a parallel search worker stopped' });
      Atomics.wait(c, C.DONE, done, 20);
      poll?.();
      const b = Atomics.load(c, C.BEAT), now = performance.now();
      if (b !== beat) { beat = b; since = now; } else if (now - since > this.stallSeconds * 1000) {
        this.broken = true;
        Atomics.store(c, C.STOP, 1);
        throw new LimitReached('out-of-memory', `${this.size - done} of the ${this.size} search workers made no progress for ${this.stallSeconds} s, most likely out of memory in that thread (--workers 1 searches on one thread)`);
      }
    }
  }

  /** Each worker's reply to the phase, or the error one reported. */
  collect<T extends object>(): T[] {
    const out: T[] = [];
    for (const p of this.ports) {
      const m = receiveMessageOnPort(p)?.message as (T | WorkerError | undefined);
      if (!m) throw new Error('internal: a parallel search worker sent no result');
      if ('error' in m) throw workerError(m.error);
      out.push(m as T);
    }
    return out;
  }

  close(): void {
    this.signal(EXIT);
    for (const p of this.ports) p.close();
    for (const w of this.workers) void w.terminate();
  }
}

/**
 * This thread's idle crews, by size: a search takes one of its own size. A process uses one
 * size (--workers), tests two or three; the few kept cost idle threads only.
 */
const spares = new Map<number, Crew>();

function acquire(n: number): Crew {
  const c = spares.get(n);
  if (!c) return new Crew(n);
  spares.delete(n);
  return c;
}

/**
 * End the idle crews. Each worker keeps the models it built (parallel-worker.ts `built`, by file
 * and parameters), so a crew kept past load.ts's forgetLoadedFiles would search the file as it
 * was first loaded: an edited invariant read `holds` on 2 workers and `violated` on 1 (s51 h1).
 */
export function endSpareCrews(): void {
  for (const c of spares.values()) c.close();
  spares.clear();
}

/** Keep the crew for the next search if every worker is idle and sound; otherwise end it. */
function release(c: Crew, clean: boolean): void {
  if (clean && !c.broken && c.ready() && !spares.has(c.size)) {
    for (const p of c.ports) while (receiveMessageOnPort(p)) { /* drop */ }
    spares.set(c.size, c);
  } else c.close();
}

function workerError(e: WorkerError['error']): Error {
  return e.code ? new ProbecheckError(e.code as ErrorCode, e.message) : new Error(e.message);
}

export function parallelExplore(be: FastBackend, monitor: Monitor, limits: Limits, progress: ((p: Progress) => void) | undefined, o: ParallelOptions): ParallelOutcome {
  const t0 = performance.now();
  const maxDepth = limits.maxDepth ?? Infinity;
  const props = monitor.props;
  let crew: Crew | undefined;
  let note: string | undefined;
  be.loadInitial();
  const initHi = fp.hi, initLo = fp.lo;
  const handOff = (states: number, _level: number, depth: number): boolean => {
    if (note !== undefined || depth >= maxDepth) return false;
    if (states < o.parallelFrom) return false;
    if (!crew) {
      crew = acquire(o.workers);
      crew.stallSeconds = o.stallSeconds ?? 60;
      crew.begin({ loader: o.source.loader, args: o.source.args, words: be.words, steps: be.c.steps.length, initHi, initLo, properties: props.map((p) => p.name), symmetry: be.fingerprinter !== undefined, faults: o.faults ?? {} });
    }
    const late = o.parallelFrom === 0 && !crew.awaitReady();
    if (crew.failed() || late) {
      const e = crew.firstError();
      note = late ? 'the workers did not start within 120 s; searched on one thread'
        : `the workers could not build the model (${e?.message ?? 'unknown error'}); searched on one thread`;
      crew.close();
      crew = undefined;
      return false;
    }
    return crew.ready();
  };
  let clean = false;
  try {
    const seq = explore(be, monitor, 'bfs', limits, progress, undefined, undefined, handOff);
    if (!seq.handedOff) {
      clean = true;
      // Say why, so a report of one thread never reads as the workers' (a run asked for them).
      note ??= crew
        ? `the search ended (${seq.states.toLocaleString('en-US')} states) before its ${o.workers} workers were ready (each builds the model first); searched on one thread`
        : `a search hands over to workers only once it has stored ${o.parallelFrom.toLocaleString('en-US')} states; this one stored ${seq.states.toLocaleString('en-US')}, on one thread`;
      return { ...seq, workers: 1, workersNote: note };
    }
    let levels: Levels;
    try { levels = new Levels(be, monitor, limits, progress, crew!, seq, t0, o.tableBits); } catch (e) {
      // The shared tables of the hand-over could not be made: stop as a failed allocation does,
      // with what one thread stored (no phase has started: the crew is idle and kept).
      if (!isAllocationFailure(e)) throw e;
      clean = true;
      const { reason, note: why } = outOfMemory(e, seq.states);
      return { ...seq, complete: false, stopped: reason, stopNote: why, workers: crew!.size };
    }
    const out = levels.run();
    clean = true;
    return out;
  } catch (e) {
    // A level's first error ends the search once every phase of the level is served: the workers
    // are idle and sound, and the crew is kept.
    if (e instanceof Object && RAISED.has(e)) clean = true;
    throw e;
  } finally {
    if (crew) release(crew, clean);
  }
}

/** Errors Levels.raise threw (after the level's phases: the crew may be kept). */
const RAISED = new WeakSet<object>();

/** A place in the sequential order of a level's events (see Levels.level). */
type Pos = [number, number, number, number];
const before = (a: Pos, b: Pos): boolean => {
  for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
};
/** A property's first violation in a level: its parent's id, its place, and the recording of it. */
type Hit = { name: string; parent: number; pos: Pos; make: () => void };
/** A level's first error: its place, the error, and how many of the level's new states one thread stored before it. */
type LevelError = { pos: Pos; raised: Raised; kept: () => number };

/*
 * The loops over a level's states and transitions are functions of their own, outside
 * Levels.level: there V8 compiled each loop on the fly (OSR) and dropped that code at the next
 * line that had not run yet, so the whole method, hundreds of lines with closures, was compiled
 * again and again on a background thread (four times in one search of probe-tree N=10, 270-330 ms
 * of compile each on the loaded 2-core VM: CPU that one thread's search never spends).
 */

/** The bit of each taken slot of a seen table (the sequential store's, copied: same slots). */
function markTaken(words: Uint32Array, bits: Int32Array): void {
  for (let i = 0, n = words.length >>> 1; i < n; i++) {
    if (words[i << 1] !== 0 || words[(i << 1) + 1] !== 0) bits[i >>> 5] |= 1 << (i & 31);
  }
}

/** The seen table's slots once it holds `size` states, from `cap` (as the sequential store grows). */
function seenCap(cap: number, size: number): number {
  while (size > cap * SEEN_LOAD) cap = cap < SEEN_SMALL ? cap * 2 : Math.ceil(cap * SEEN_GROWTH);
  return cap;
}
/** Bytes of a seen table of `cap` slots and its bits. */
const seenBytes = (cap: number): number => cap * 8 + Math.ceil(cap / 32) * 4;

/** tBase[i + 1] := tBase[i] + moves[i]: each parent's first transition among the level's. */
function transitionBases(tBase: Float64Array, moves: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) tBase[i + 1] = tBase[i]! + moves[i]!;
}

/** The links of a level's first `kept` new states, in id order. */
function appendLinks(store: FingerprintStore, parents: Uint32Array, codes: Uint16Array, kept: number): void {
  for (let x = 0; x < kept; x++) store.append(parents[x]!, codes[x]!);
}

/**
 * first[i] := the marks (won) before state i's places, tBase[i] (one pass over the level's
 * transitions; a function of its own so that V8 compiles the loop once, as store.ts's rehash).
 */
function firstIndices(won: Uint8Array, tBase: Float64Array, first: Uint32Array, n: number): void {
  let sum = 0, t = 0;
  for (let i = 0; i < n; i++) {
    first[i] = sum;
    for (const e = tBase[i + 1]!; t < e; t++) sum += won[t]!;
  }
}

/** The level-synchronous part, from the level explore() handed over. */
class Levels {
  private readonly W: number;
  private readonly store;
  private readonly memory: MemoryBudget;
  /** The level's table (LevelMsg.table). */
  private table: Uint32Array;
  /** A bit per slot of the level's table (LevelMsg.claimed). */
  private claimed: Int32Array;
  /** The seen table and its bits (LevelMsg.seen). */
  private seen: Uint32Array;
  private seenBits: Int32Array;
  private transitions: number;
  private depth: number;
  private stopped: SearchOutcome['stopped'];
  private stopNote: string | undefined;
  private readonly deadline: number;
  private nextReport: number;
  private nextMemoryCheck = 0;
  private readonly pool = new Map<string, SharedArrayBuffer>();
  /** The bytes of each pooled buffer some level has used (reserved from the memory budget). */
  private readonly used = new Map<string, number>();
  private flip = 0;

  constructor(private be: FastBackend, private monitor: Monitor, private limits: Limits, private progress: ((p: Progress) => void) | undefined,
    private crew: Crew, private seq: SearchOutcome, private t0: number, tableBits: number | undefined) {
    this.W = be.words;
    this.store = seq.store!;
    this.memory = new MemoryBudget(limits.maxMemoryMB);
    this.transitions = seq.transitions;
    this.depth = seq.depth;
    this.deadline = limits.timeLimit !== undefined ? t0 + limits.timeLimit * 1000 : Infinity;
    this.nextReport = performance.now() + 1000;
    // The seen table: every state stored so far, in the slots the sequential store had them in
    // (the same size, found the same way), which no longer keeps them.
    const words = this.store.takeFingerprints(), seenCap = words.length >>> 1;
    this.seen = new Uint32Array(new SharedArrayBuffer(words.byteLength));
    this.seen.set(words);
    this.seenBits = new Int32Array(new SharedArrayBuffer(Math.ceil(seenCap / 32) * 4));
    markTaken(words, this.seenBits);
    // What the level's table may take past its limit before every worker has paused: the batch
    // that crossed it, each worker's states not yet counted (up to 31) and the rest of the state
    // it is expanding (every move a new state). A model of 120 threads of 200 branches each put
    // 2 workers 48,000 states past a limit 9,830 slots below the size of 2^16 slots: "the shared
    // fingerprint table is full" (a review, 2026-12-06).
    let moves = 0;
    for (const th of be.c.threads) moves += th.steps.reduce((m, s) => Math.max(m, s.nb < 0 ? 255 : s.nb), 1);
    this.slack = 32 + crew.size * (32 + moves);
    // The level's table: room for the new states of twice the level handed over (the widest
    // level's size once levels have grown it), and for the slack twice over. Tests give a small
    // one, to grow it mid-level.
    let cap = 2 ** (tableBits ?? 16);
    if (tableBits === undefined) while (cap * LEVEL_LOAD < (be.pending() + 1) * 2) cap = Math.ceil(cap * TABLE_GROWTH);
    while (cap < 2 * this.slack) cap = Math.ceil(cap * TABLE_GROWTH);
    this.table = new Uint32Array(new SharedArrayBuffer(cap * 16));
    this.claimed = new Int32Array(new SharedArrayBuffer(Math.ceil(cap / 32) * 4));
    Atomics.store(crew.ctrl, C.SIZE, 0);
    Atomics.store(crew.ctrl, C.LIMIT, this.limit(cap));
  }

  /** States in the level's table past which it grows (a slot stays free whatever the workers add before they pause). */
  private readonly slack: number;
  private limit(cap: number): number { return Math.min(Math.floor(cap * LEVEL_LOAD), cap - 1 - this.slack); }

  run(): ParallelOutcome {
    const be = this.be, W = this.W, maxDepth = this.limits.maxDepth ?? Infinity;
    // The level explore() left: its first state in cur, the rest in the work list, ids in a row.
    let ps = be.poppedId, d = be.poppedDepth;
    const first = be.curWords().slice();
    let n = be.pending() + 1;
    let frontier = this.sharedWords(n * W, 'the BFS level');
    frontier.set(first, 0);
    for (let i = 1; be.popFront(); i++) {
      if (be.poppedId !== ps + i) throw new Error('internal: the BFS level handed over is not in id order');
      frontier.set(be.curWords(), i * W);
    }
    be.clear();
    this.crew.post({ table: this.table.buffer as SharedArrayBuffer, claimed: this.claimed.buffer as SharedArrayBuffer, seen: { table: this.seen.buffer as SharedArrayBuffer, bits: this.seenBits.buffer as SharedArrayBuffer } });
    let truncated = false;
    try {
      for (let merge = false; n > 0 && !this.stopped; merge = true) {
        // Only once another level is expanded: a search that ends here, or stops growing the
        // seen table, has stored that level whole (its states and depth).
        if (merge) this.merge(n);
        const next = this.level(frontier, n, ps, d);
        if (!next) break;
        d++;
        if (next.n > 0) this.depth = d;
        if (d >= maxDepth) { truncated = next.n > 0; break; }
        frontier = next.frontier; n = next.n; ps = next.ps;
      }
    } catch (e) {
      const limit = e instanceof LimitReached ? e : isAllocationFailure(e) ? outOfMemory(e, this.store.size) : undefined;
      if (!limit) throw e;
      this.stopped = limit.reason;
      this.stopNote = limit.note;
    }
    if (!this.stopped && truncated) { this.stopped = 'max-depth'; this.stopNote = `states at depth ${maxDepth} were not expanded`; }
    const seconds = (performance.now() - this.t0) / 1000;
    const states = this.store.size;
    return {
      store: this.store, complete: this.stopped === undefined, stopped: this.stopped, stopNote: this.stopNote,
      states, transitions: this.transitions, depth: this.depth, seconds,
      // The seen table as it holds every state stored (the last level's are still in the level's
      // table, which is the work list's part, as the sequential search's work list is not counted).
      bytesPerState: (this.store.bytes() + seenBytes(seenCap(this.seen.length >>> 1, states))) / Math.max(1, states),
      collisionProbability: collisionProbability(states), workers: this.crew.size,
      searchNotes: [...this.said],
      reached: [...this.reached].map(([k, idle]) => { const [patch, step] = k.split('\0') as [string, string]; return { patch, step, ...(idle ? { idle: true as const } : {}) }; }),
    };
  }
  /** The patch steps a worker's thread stood at, each true where only an idle one did (ReadLog.reached). */
  private readonly reached = new Map<string, boolean>();
  /** The workers' models' Model.searchNotes. */
  private readonly said = new Set<string>();

  /**
   * A shared buffer of at least `bytes` for one role, kept from level to level and replaced
   * (with room for twice as much) only when a level needs more. Each level used to allocate its own,
   * and the old ones, outside V8's heap, waited for a collection (host-children n=5 to 3 M
   * states on 2 workers: 1.56 GB resident before, 1.31 GB after). Contents are left as the last
   * level wrote them: `zeroed` clears the first bytes a level relies on being zero.
   */
  private shared(role: string, bytes: number, what: string, zeroed = 0): SharedArrayBuffer {
    let b = this.pool.get(role);
    const used = this.used.get(role) ?? 0;
    if (!b || b.byteLength < bytes) {
      // Room for levels twice as big, made once: a page no level reaches is never touched (no
      // memory, no page fault), while each buffer replaced had its pages touched anew (at about
      // 3 ms a MB on the 2-core VM; half-again growth replaced the frontier's buffers three times
      // each on probe-tree N=10). What is reserved is what levels touch (below), not the room.
      this.memory.reserve(bytes, what);
      // Whole 8-byte words, so that every typed array fits the buffer exactly.
      const size = Math.ceil(Math.max(bytes * 2, (b?.byteLength ?? 0) * 2, 64) / 8) * 8;
      try { b = new SharedArrayBuffer(size); } catch (e) {
        if (!isAllocationFailure(e)) throw e;
        b = new SharedArrayBuffer(Math.ceil(Math.max(bytes, 64) / 8) * 8);
      }
      this.pool.set(role, b);
      this.used.set(role, bytes);
    } else {
      // A level that reaches further into its buffer touches that much more.
      if (bytes > used) { this.memory.reserve(bytes - used, what); this.used.set(role, bytes); }
      if (zeroed > 0) new Uint8Array(b, 0, zeroed).fill(0);
    }
    return b;
  }

  /** The words of a level's states: two buffers, the level expanded and the one it makes. */
  private sharedWords(words: number, what: string): Uint32Array {
    this.flip ^= 1;
    return new Uint32Array(this.shared(`words${this.flip}`, words * 4, what));
  }

  /** While the workers expand: limits, Ctrl-C, progress. */
  private poll = (): void => {
    if (this.stopped) return;
    const now = performance.now(), l = this.limits;
    let why: SearchOutcome['stopped'];
    if (now > this.deadline) { why = 'time-limit'; this.stopNote = `the ${l.timeLimit} s time limit reached`; }
    else if (l.signal?.aborted || (l.interrupt && Atomics.load(l.interrupt, 0) !== 0)) why = 'interrupted';
    else if (now >= this.nextMemoryCheck) {
      // Reading the resident size costs a system call: five times a second is enough.
      this.nextMemoryCheck = now + 200;
      try { this.memory.check(); } catch (e) {
        if (!(e instanceof LimitReached)) throw e;
        why = e.reason; this.stopNote = e.note;
      }
    }
    if (why) { this.stopped = why; Atomics.store(this.crew.ctrl, C.STOP, 1); return; }
    if (this.progress && now >= this.nextReport) {
      this.nextReport = now + 1000;
      this.progress({ states: this.store.size + Atomics.load(this.crew.ctrl, C.SIZE), transitions: this.transitions, depth: this.depth + 1, queue: 0, seconds: (now - this.t0) / 1000 });
    }
  };

  /** Expand the level of n states (ids ps...) at depth d; the next level, in id order. */
  private level(frontier: Uint32Array, n: number, ps: number, d: number): { frontier: Uint32Array; n: number; ps: number } | undefined {
    const crew = this.crew, ctrl = crew.ctrl, W = this.W, R = W + 3, monitor = this.monitor, props = monitor.props;
    const moves = new Uint32Array(this.shared('moves', n * 4, 'the BFS level', n * 4));
    const open = (kind: string) => props.flatMap((p, i) => (p.kind === kind && !monitor.found.has(p.name) ? [i] : []));
    const premises = props.flatMap((p, i) => ((p.kind === 'invariant' || p.kind === 'action') && p.premise && !monitor.premiseMet.has(p.name) ? [i] : []));
    const dl = props.find((p) => p.kind === 'deadlock');
    crew.post({ level: {
      frontier: frontier.buffer as SharedArrayBuffer, moves: moves.buffer as SharedArrayBuffer, n, ps,
      invariants: open('invariant'), actions: open('action'), premises, deadlock: dl !== undefined && !monitor.found.has(dl.name),
    } });
    Atomics.store(ctrl, C.NEXT, 0);
    Atomics.store(ctrl, C.ERR, 0);
    this.poll();
    for (;;) {
      crew.phase(EXPAND, this.poll);
      if (Atomics.load(ctrl, C.PAUSE) === 0 || this.stopped) break;
      this.grow();
      Atomics.store(ctrl, C.PAUSE, 0);
    }
    const failed = crew.firstError();
    if (failed) throw workerError(failed);
    crew.phase(RESOLVE);

    // Each new state's place in the sequential order: the transitions before its parent's,
    // plus its move's ordinal (workers mark the places, then number the states by them).
    const tBase = new Float64Array(this.shared('tBase', (n + 1) * 8, 'the BFS level'));
    tBase[0] = 0;
    transitionBases(tBase, moves, n);
    const won = new Uint8Array(this.shared('won', tBase[n]!, 'the BFS level', tBase[n]!));
    const cnt = new Uint32Array(this.shared('cnt', n * 4, 'the BFS level'));
    crew.post({ places: { tBase: tBase.buffer as SharedArrayBuffer, won: won.buffer as SharedArrayBuffer, cnt: cnt.buffer as SharedArrayBuffer } });
    crew.phase(FINISH);
    const parts = crew.collect<Finished>();
    let total = 0;
    for (const p of parts) total += p.count;
    // The patch steps the workers' threads stood at: the coordinator's model never asked their guards.
    for (const p of parts) for (const n of p.said ?? []) this.said.add(n);
    for (const p of parts) for (const r of p.reached ?? []) {
      const key = `${r.patch}\0${r.step}`;
      if (!this.reached.has(key) || !r.idle) this.reached.set(key, r.idle === true);
    }
    // cnt: each parent's first index in the level, the marks before its places.
    firstIndices(won, tBase, cnt, n);
    const next = this.sharedWords(total * W, 'the BFS level');
    const parents = new Uint32Array(this.shared('parents', total * 4, 'the BFS level'));
    const codes = new Uint16Array(this.shared('codes', total * 2, 'the BFS level'));
    crew.post({ number: { next: next.buffer as SharedArrayBuffer, parents: parents.buffer as SharedArrayBuffer, codes: codes.buffer as SharedArrayBuffer } });
    crew.phase(NUMBER);
    const numbered = crew.collect<Numbered>();

    const first = this.store.size;
    // What this level found, each at its place in the sequential order: [its parent's index in
    // the level, the move's ordinal, what the sequential search does at that move (0 runs the
    // step, 1 checks the action properties, 2 stores the new state and checks its range, 3 its
    // premises, 4 its invariants), the property's index]. A deadlock comes after its parent's moves.
    const hits: Hit[] = [];
    const invBest = new Map<number, [number, number]>();
    for (const m of numbered) for (const [i, x, ord] of m.invariants) { const b = invBest.get(i); if (b === undefined || x < b[0]) invBest.set(i, [x, ord]); }
    for (const [i, [x, ord]] of invBest) hits.push({ name: props[i]!.name, parent: parents[x]!, pos: [parents[x]! - ps, ord, 4, i], make: () => this.foundInvariant(props[i] as Invariant, first + x) });
    const actBest = new Map<number, { key: number; code: number }>();
    for (const p of parts) for (const a of p.actions) { const b = actBest.get(a.i); if (!b || a.key < b.key) actBest.set(a.i, a); }
    for (const [i, a] of actBest) {
      const parent = Math.floor(a.key / 65536);
      hits.push({ name: props[i]!.name, parent, pos: [parent - ps, a.key % 65536, 1, i], make: () => this.foundAction(props[i] as ActionProperty, parent, a.code) });
    }
    let dead = -1;
    for (const p of parts) if (p.deadlock >= 0 && (dead < 0 || p.deadlock < dead)) dead = p.deadlock;
    if (dead >= 0) hits.push({ name: dl!.name, parent: dead, pos: [dead - ps, Infinity, 0, 0], make: () => this.foundDeadlock(dl!.name, dead) });
    // Recorded in the order one thread finds them (the order of `found`, and of explain's errors).
    hits.sort((a, b) => (before(a.pos, b.pos) ? -1 : before(b.pos, a.pos) ? 1 : 0));

    // The first error one thread would meet. The workers went on past a property that threw (as
    // if it held) and past a model's error (to the states before it): a property that threw where
    // one thread no longer evaluates it (violated, or its premise met, at an earlier place) is
    // not one.
    // (Set in consider: a declared type, not narrowed to undefined here.)
    let err = undefined as LevelError | undefined;
    const consider = (pos: Pos, raised: Raised, kept: () => number) => { if (!err || before(pos, err.pos)) err = { pos, raised, kept }; };
    // The new states one thread has stored before move `ord` of the level's state fi.
    const storedBefore = (fi: number, ord: number) => { let x = cnt[fi]!; for (let t = tBase[fi]!, e = t + ord; t < e; t++) x += won[t]!; return x; };
    for (const p of parts) if (p.stepError) { const s = p.stepError; consider([s.i, s.ord, s.next ? 2 : 0, 0], s, () => storedBefore(s.i, s.ord)); }
    const actErr = new Map<number, Finished['actionErrors'][number]>();
    for (const p of parts) for (const a of p.actionErrors) { const b = actErr.get(a.i); if (!b || a.key < b.key) actErr.set(a.i, a); }
    for (const [i, a] of actErr) {
      if ((actBest.get(i)?.key ?? Infinity) < a.key) continue;
      const fi = Math.floor(a.key / 65536) - ps, ord = a.key % 65536;
      consider([fi, ord, 1, i], a, () => storedBefore(fi, ord));
    }
    const metAt = new Map<number, number>();
    for (const m of numbered) for (const [i, x] of m.met) if ((metAt.get(i) ?? Infinity) > x) metAt.set(i, x);
    for (const m of numbered) for (const e of m.errors) {
      if (((e.premise ? metAt.get(e.i) : invBest.get(e.i)?.[0]) ?? Infinity) < e.x) continue;
      // (One thread stores a new state before it checks its properties.)
      consider([parents[e.x]! - ps, e.ord, e.premise ? 3 : 4, e.i], e, () => e.x + 1);
    }
    const early = err ? hits.filter((h) => before(h.pos, err!.pos)) : hits;

    // Where the sequential search would have stopped in this level: after the parent whose
    // expansion reached --max-states, or the one that found the last open property.
    let cut = Infinity, why: SearchOutcome['stopped'], partial = false;
    const maxStates = this.limits.maxStates ?? Infinity;
    const need = maxStates - this.store.size;
    if (need >= 1 && need <= total) {
      cut = parents[need - 1]!;
      why = 'max-states';
    }
    if (!this.limits.exhaustive && monitor.total > 0 && monitor.found.size + new Set(early.map((h) => h.name)).size === monitor.total && early.length > 0) {
      const last = Math.max(...early.map((h) => h.parent));
      if (last < cut) { cut = last; why = 'all-violated'; }
    }
    if (err) {
      const at = ps + err.pos[0];
      // One thread stopped before it expanded that state: no error. Else a stop it checks after
      // an expansion comes too late, and the error is the search's end; but a time limit, Ctrl-C
      // or the memory limit that stopped this level may come at any time: the level ends before
      // that state, with no error (a stop one thread could have made).
      if (at > cut) err = undefined;
      else if (this.stopped) { cut = at - 1; why = this.stopped; partial = true; err = undefined; }
      else this.raise(err, early, parents, codes, ps);
    }
    let kept = total;
    if (cut !== Infinity) {
      kept = 0;
      while (kept < total && parents[kept]! <= cut) kept++;
    }

    // The links, in id order.
    const store = this.store;
    appendLinks(store, parents, codes, kept);
    for (const [i, x] of metAt) if (x < kept) monitor.premiseMet.add(props[i]!.name);
    for (const h of hits) if (h.parent <= cut) h.make();

    if (cut === Infinity || partial) {
      // (Cut short by a stop at any time: the moves of the states kept, and what the workers fired.)
      if (partial) for (let i = 0; ps + i <= cut; i++) this.transitions += moves[i]!;
      for (const p of parts) {
        if (!partial) this.transitions += p.transitions;
        const c = new Float64Array(p.coverage);
        for (let i = 0; i < c.length; i++) this.be.coverage[i] += c[i]!;
      }
    } else {
      // The workers expanded the whole level; count what the sequential search would have.
      const be = this.be;
      for (let i = 0; ps + i <= cut; i++) {
        be.loadWords(frontier, i * W);
        this.transitions += be.expand(() => {});
      }
      this.stopped = why;
      if (why === 'max-states') this.stopNote = `the limit of ${maxStates.toLocaleString('en-US')} states reached${this.store.size > maxStates ? ` (${this.store.size.toLocaleString('en-US')} stored)` : ''}`;
    }
    if (this.stopped) {
      if (kept > 0) this.depth = d + 1;
      return undefined;
    }
    return { frontier: next, n: kept, ps: first };
  }

  /**
   * End the search on the level's first error, as one thread ends it: the states and violations
   * found before it recorded (a violation's explain may throw first, as in one thread), and for a
   * model's error (E2xx) the moves to the state whose expansion it ended and the violations found
   * before it (explore's REACHED_BY and FOUND_BEFORE: the lines under the error).
   */
  private raise(err: LevelError, early: Hit[], parents: Uint32Array, codes: Uint16Array, ps: number): never {
    const store = this.store, kept = err.kept();
    appendLinks(store, parents, codes, kept);
    try { for (const h of early) h.make(); } catch (e) {
      if (e instanceof Object) RAISED.add(e);
      throw e;
    }
    const { code, message } = err.raised;
    const e = code ? new ModelError(code as ErrorCode, message) : new Error(message);
    if (e instanceof ProbecheckError && e.code.startsWith('E2')) {
      REACHED_BY.set(e, store.path(ps + err.pos[0]));
      FOUND_BEFORE.set(e, [...this.monitor.found].map(([name, f]) => ({ name, codes: [...store.path(f.at), ...(f.lastAction !== undefined ? [f.lastAction] : [])] })));
    }
    RAISED.add(e);
    throw e;
  }

  /** The last level's `n` states into the seen table, the level's table emptied for the next. */
  private merge(n: number): void {
    this.growSeen();
    this.crew.post({ mergeBySlots: n * MERGE_SCAN >= this.table.length >>> 2 });
    Atomics.store(this.crew.ctrl, C.GROW_NEXT, 0);
    this.crew.phase(MERGE);
    const err = this.crew.firstError();
    if (err) throw workerError(err);
    Atomics.store(this.crew.ctrl, C.SIZE, 0);
  }

  /**
   * Room in the seen table for every state stored: grown (by the workers) as the sequential
   * store's table grows, by SEEN_GROWTH once SEEN_LOAD full.
   */
  private growSeen(): void {
    const old = this.seen, oldCap = old.length >>> 1, cap = seenCap(oldCap, this.store.size);
    if (cap === oldCap) return;
    this.memory.reserve(seenBytes(cap), `the fingerprint table (${cap.toLocaleString('en-US')} slots)`);
    const t = new Uint32Array(new SharedArrayBuffer(cap * 8));
    const bits = new Int32Array(new SharedArrayBuffer(Math.ceil(cap / 32) * 4));
    this.crew.post({ growSeen: { old: old.buffer as SharedArrayBuffer, table: t.buffer as SharedArrayBuffer, bits: bits.buffer as SharedArrayBuffer } });
    this.growPhase();
    this.seen = t;
    this.seenBits = bits;
    this.crew.post({ seen: { table: t.buffer as SharedArrayBuffer, bits: bits.buffer as SharedArrayBuffer } });
  }

  /** The workers move the old table's ranges into the new one posted to them (a grow phase, of either table). */
  private growPhase(): void {
    Atomics.store(this.crew.ctrl, C.GROW_NEXT, 0);
    this.crew.phase(GROW);
    const err = this.crew.firstError();
    if (err) throw workerError(err);
  }

  /** Grow the level's table by TABLE_GROWTH (more while it would stay near its limit): the workers move the entries and remap their slots. */
  private grow(): void {
    const old = this.table, oldCap = old.length >>> 2;
    let cap = Math.ceil(oldCap * TABLE_GROWTH);
    const size = Atomics.load(this.crew.ctrl, C.SIZE);
    while (size > this.limit(cap) * 0.75) cap = Math.ceil(cap * TABLE_GROWTH);
    this.memory.reserve(cap * 16 + Math.ceil(cap / 32) * 4 + oldCap * 4, `the fingerprint table (${cap.toLocaleString('en-US')} slots)`);
    const t = new Uint32Array(new SharedArrayBuffer(cap * 16));
    const claimed = new Int32Array(new SharedArrayBuffer(Math.ceil(cap / 32) * 4));
    const map = new Uint32Array(new SharedArrayBuffer(oldCap * 4));
    this.crew.post({ grow: { old: old.buffer as SharedArrayBuffer, table: t.buffer as SharedArrayBuffer, map: map.buffer as SharedArrayBuffer,
      oldClaimed: this.claimed.buffer as SharedArrayBuffer, claimed: claimed.buffer as SharedArrayBuffer } });
    this.growPhase();
    this.table = t;
    this.claimed = claimed;
    Atomics.store(this.crew.ctrl, C.LIMIT, this.limit(cap));
    this.crew.post({ table: t.buffer as SharedArrayBuffer, claimed: claimed.buffer as SharedArrayBuffer, remap: map.buffer as SharedArrayBuffer });
  }

  /** cur := the state with this id (re-executed from the initial state; coverage left as it was). */
  private goto(id: number): void {
    const be = this.be, saved = be.coverage.slice();
    be.loadInitial();
    for (const code of this.store.path(id)) be.apply(codeThread(code), codeBranch(code));
    be.coverage.set(saved);
  }

  private foundInvariant(p: Invariant, at: number): void {
    this.goto(at);
    let explanation: string | undefined;
    try { explanation = p.explain?.(this.be.curG(), this.be.curQ()); } catch (e) { throw propertyThrew(p, e); }
    this.monitor.found.set(p.name, { at, explanation });
  }

  private foundAction(p: ActionProperty, at: number, code: number): void {
    const be = this.be;
    this.goto(at);
    const m = moveOf(be, code), saved = be.coverage.slice();
    be.step(codeThread(code), codeBranch(code));
    be.coverage.set(saved);
    let explanation: string | undefined;
    try { explanation = p.explain?.(be.curG(), be.nextG(), m, be.nextQ(), be.curQ()); } catch (e) { throw propertyThrew(p, e); }
    this.monitor.found.set(p.name, { at, lastAction: code, explanation });
  }

  private foundDeadlock(name: string, at: number): void {
    this.goto(at);
    const waiters = blocked(this.be);
    this.monitor.found.set(name, { at, waiters, explanation: waiters.map((w) => `${w.thread} waits at ${w.label} for ${w.waits}`).join('; ') });
  }
}
