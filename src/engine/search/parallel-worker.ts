/**
 * A worker thread of the parallel search (parallel.ts has the protocol). For each search it
 * builds the model from its source (once per source: a kept crew serves later searches), checks
 * that it is the coordinator's (same layout, same initial fingerprint), then serves phases:
 *
 * - expand: take ranges of the level's frontier, expand each state, look every successor up in
 *   the level's table and, not there, in the seen table (earlier levels: read-only now), and
 *   insert it into the level's table if in neither; a new state goes to this worker's output
 *   with its claim (parent, move), a known state of this level gets the smaller claim (atomic
 *   min on its slot); a model's error
 *   ends that state's expansion and the level's later states are skipped (C.ERR), a property that
 *   throws is noted and taken as holding (the coordinator picks the first error in the sequential order);
 * - grow: move ranges of the old table's entries into a bigger one (the coordinator asks when
 *   the table passes LEVEL_LOAD; each worker then remaps the slots its records name);
 * - resolve: the claims this worker won write their move into the slot;
 * - finish: each output state takes its final claim and marks its place among the level's
 *   transitions; what the properties found goes to the coordinator;
 * - number: each output state's index in the level is the marks before its place: it goes
 *   there in the next frontier, with its parent and move;
 * - merge (when the search goes on): the level's new states move from the level's table into
 *   the seen table, leaving the level's table empty for the next level (the coordinator grows
 *   the seen table first, also a grow phase): ranges of the table's slots in slot order, or,
 *   where the level fills few of its slots, this worker's records (MERGE_SCAN).
 *
 * The loop blocks in Atomics.wait and reads its messages with receiveMessageOnPort: the
 * coordinator is a synchronous search, so nothing here waits on an event loop.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { selectProperties } from '../check.js';
import { compile, isLiveness } from '../compile.js';
import { ProbecheckError, refuseProcessExit, thrownMessage } from '../errors.js';
import { fp } from '../hash.js';
import type { ActionProperty, Invariant, Model } from '../model.js';
import { FastBackend } from '../state/fast.js';
import { home } from '../store.js';
import { Symmetry } from '../reduce/symmetry.js';
import { actionCode } from '../trace.js';
import { blocked, moveOf, propertyThrew, watchedWords } from './monitor.js';
import { BEAT_RECORDS, BUSY, C, CHUNK, EXIT, EXPAND, FINISH, GROW, GROW_CHUNK, KIND_MASK, LOAD, MERGE, NUMBER, RESOLVE, type Finished, type LevelMsg, type ModelMsg, type Numbered, type Raised, type WorkerFaults, type WorkerInit } from './parallel-protocol.js';

const d = workerData as WorkerInit;
const RECENT_BITS = 16;
const ctrl = new Int32Array(d.ctrl);
const port = d.port as MessagePort;
const exit = refuseProcessExit();
/** The current search's test faults (its model message brings them). */
let faults: WorkerFaults = {};

/** An error as a message: its code (a ProbecheckError's) and text. */
function raised(e: unknown): Raised {
  return { code: e instanceof ProbecheckError ? e.code : undefined, message: thrownMessage(e) };
}

/** Flags of an output record (see added): a premise held on its state, a premise or invariant threw on it. */
const MET = 1, THREW = 2;

function fail(e: unknown): void {
  const code = e instanceof ProbecheckError ? e.code : undefined;
  port.postMessage({ error: { code, message: thrownMessage(e) } });
  Atomics.store(ctrl, C.STOP, 1);
}

async function importLoader(url: string): Promise<{ buildSource: (args: unknown) => Promise<Model> }> {
  // Run from source this file was loaded through tsx's tsImport, whose loader also serves the
  // imports it makes, so a .ts loader needs nothing more.
  return import(url.startsWith('file:') ? url : pathToFileURL(url).href);
}

/** Searchers by model source: a kept crew serves the next search, often on the same model. */
const built = new Map<string, Searcher>();

async function load(m: ModelMsg): Promise<Searcher> {
  const key = JSON.stringify({ ...m, faults: undefined });
  let w = built.get(key);
  if (!w) {
    w = new Searcher(await (await importLoader(m.loader)).buildSource(m.args), m);
    built.set(key, w);
  }
  return w;
}

async function start(): Promise<void> {
  let w: Searcher | undefined;
  // The phase last served: a worker serves each phase once, and reads its kind in the same load.
  let seen = 0;
  for (;;) {
    // A wake is not a phase: the coordinator stores SEQ, then notifies, and may be preempted in
    // between; a worker that saw the store, served the phase and went back to wait is then woken
    // by that phase's late notify. Serving it again counted it done twice (a later phase ended
    // before every worker had served it, or never ended: seen under load).
    while (Atomics.load(ctrl, C.SEQ) === seen) Atomics.wait(ctrl, C.SEQ, seen);
    seen = Atomics.load(ctrl, C.SEQ);
    const kind = seen & KIND_MASK;
    const f = faults;
    if (f.jitterMs && Math.random() < 0.1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.random() * f.jitterMs);
    if (f.exitAt === d.index && kind === EXPAND) exit(1);
    if (kind === EXIT) return;
    if (kind === LOAD) {
      try {
        let model: ModelMsg | undefined;
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) model = (m.message as LevelMsg).model ?? model;
        if (!model) throw new Error('internal: a search worker was asked to load no model');
        faults = model.faults;
        w = await load(model);
        w.reverse = faults.reverse === true;
        Atomics.add(ctrl, C.READY, 1);
        Atomics.notify(ctrl, C.READY);
      } catch (e) {
        fail(e);
        Atomics.add(ctrl, C.FAILED, 1);
        Atomics.notify(ctrl, C.FAILED);
      }
      continue;
    }
    try {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) w!.message(m.message);
      if (kind === EXPAND) w!.expand();
      else if (kind === RESOLVE) w!.resolve();
      else if (kind === FINISH) w!.finish();
      else if (kind === NUMBER) w!.number();
      else if (kind === GROW) w!.grow();
      else if (kind === MERGE) w!.merge();
    } catch (e) { fail(e); }
    Atomics.add(ctrl, C.DONE, 1);
    Atomics.notify(ctrl, C.DONE);
  }
}

/*
 * The loops over a phase's records are functions of their own: inside the phase's method V8
 * compiled each loop on the fly (OSR) and dropped that code at the next line that had not run
 * yet, so the method was compiled again (store.ts's rehash says the same of the store's grow).
 */

/**
 * Move the old table's slots [from, to) into the new one (claims as they are; fingerprints are
 * distinct, so an insert only looks for a free slot), noting in map where each went.
 */
function moveRange(old: Uint32Array, t: Uint32Array, map: Uint32Array, oldBits: Int32Array, bits: Int32Array, from: number, to: number, scale: number, cap: number): void {
  for (let i = from; i < to; i++) {
    const j = i << 2, claim = old[j + 2]!;
    if (claim === 0) continue;
    const hi = old[j]!, lo = old[j + 1]!;
    let x = home(hi, lo, scale, cap);
    // Only other movers touch the new table now, and only through this exchange; the
    // barrier after the phase publishes the words.
    while (t[(x << 2) + 2] !== 0 || Atomics.compareExchange(t, (x << 2) + 2, 0, claim) !== 0) x = x + 1 === cap ? 0 : x + 1;
    const k = x << 2;
    t[k] = hi; t[k + 1] = lo; t[k + 3] = old[j + 3]!;
    map[i] = x;
    if ((oldBits[i >>> 5]! & (1 << (i & 31))) !== 0) Atomics.or(bits, x >>> 5, 1 << (x & 31));
  }
}

/**
 * Put a fingerprint not in the seen table into it: the first free slot from its home, claimed by
 * its bit (fingerprints are whole 64-bit words, any of them may be 0, so a word cannot be the
 * claim). Only other inserters touch the table now; the barrier after the phase publishes it.
 */
function insertSeen(S: Uint32Array, bits: Int32Array, hi: number, lo: number, scale: number, cap: number): void {
  let x = home(hi, lo, scale, cap);
  for (;;) {
    const w = x >>> 5, bit = 1 << (x & 31);
    // (A plain read first: most taken slots are seen taken without an atomic operation.)
    if ((bits[w]! & bit) === 0 && (Atomics.or(bits, w, bit) & bit) === 0) break;
    x = x + 1 === cap ? 0 : x + 1;
  }
  S[x << 1] = hi; S[(x << 1) + 1] = lo;
}

/** Move the old seen table's slots [from, to) into the new one. */
function moveSeen(old: Uint32Array, S: Uint32Array, bits: Int32Array, from: number, to: number, scale: number, cap: number): void {
  for (let i = from; i < to; i++) {
    const hi = old[i << 1]!, lo = old[(i << 1) + 1]!;
    if (hi !== 0 || lo !== 0) insertSeen(S, bits, hi, lo, scale, cap);
  }
}

/**
 * This worker's `count` output records (o, R words each) leave the level's table T for the seen
 * table: each slot read and cleared (the next level starts from an empty table).
 */
function mergeRecords(o: Uint32Array, count: number, R: number, W: number, T: Uint32Array, S: Uint32Array, bits: Int32Array, scale: number, cap: number): void {
  for (let r = 0; r < count; r++) {
    if (r % BEAT_RECORDS === 0) Atomics.add(ctrl, C.BEAT, 1);
    const j = o[r * R + W]! << 2, hi = T[j]!, lo = T[j + 1]!;
    T[j] = 0; T[j + 1] = 0; T[j + 2] = 0; T[j + 3] = 0;
    insertSeen(S, bits, hi, lo, scale, cap);
  }
}

/**
 * The level's table's slots [from, to) into the seen table, each taken slot cleared (the merge
 * in slot order, MERGE_SCAN): the inserts come in the order of their homes.
 */
function mergeSlots(T: Uint32Array, S: Uint32Array, bits: Int32Array, from: number, to: number, scale: number, cap: number): void {
  for (let i = from; i < to; i++) {
    const j = i << 2;
    if (T[j + 2] === 0) continue;
    const hi = T[j]!, lo = T[j + 1]!;
    T[j] = 0; T[j + 1] = 0; T[j + 2] = 0; T[j + 3] = 0;
    insertSeen(S, bits, hi, lo, scale, cap);
  }
}

/**
 * Each of the `count` output records (o, W + 3 words each) goes to its index in the level (idx):
 * the marks before its place, from its parent's first index (first); its words into next, its
 * parent and move code beside them.
 */
function placeRecords(o: Uint32Array, count: number, W: number, ps: number, tBase: Float64Array, won: Uint8Array, first: Uint32Array,
  next: Uint32Array, parents: Uint32Array, codes: Uint16Array, idx: Uint32Array): void {
  const R = W + 3;
  for (let r = 0; r < count; r++) {
    if (r % BEAT_RECORDS === 0) Atomics.add(ctrl, C.BEAT, 1);
    const at = r * R, P = o[at + W + 1]!, v = o[at + W + 2]!, pi = P - ps;
    const from = tBase[pi]!, t = from + (v >>> 16);
    let x = first[pi]!;
    for (let y = from; y < t; y++) x += won[y]!;
    idx[r] = x;
    for (let y = 0, to = x * W; y < W; y++) next[to + y] = o[at + y]!;
    parents[x] = P;
    codes[x] = ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
  }
}

class Searcher {
  private be: FastBackend;
  private W: number;
  private R: number;
  private inv: { i: number; p: Invariant }[] = [];
  private act: { i: number; p: ActionProperty; w: Uint32Array }[] = [];
  /** The bytes each action property watches, by property index (resolved once). */
  private watched = new Map<number, Uint32Array>();
  private premises: { i: number; premise: NonNullable<Invariant['premise']> }[] = [];
  private deadlock = false;
  private readonly props;
  // The level's table: 4 words a slot (fingerprint hi, lo; claimed parent + 1; winning move).
  private T: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private cap = 0;
  // The seen table (LevelMsg.seen): 2 words a slot, and its bits.
  private S: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private sBits: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private sCap = 0;
  private sScale = 0;
  /** A bit per slot: a claim lowered its parent in this level (finish reads the slot only then). */
  private claimed: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private scale = 0;
  // The level being expanded.
  private frontier: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private moves: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private n = 0;
  private ps = 0;
  // The level's numbering (see finish and number).
  private tBase: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private won: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private cnt: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private next: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private parents: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private codes: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  // This level's output: records [state words..., slot, parent, ord << 16 | k << 8 | b].
  private out = new Uint32Array(1024);
  private count = 0;
  private claims = new Uint32Array(1024);
  private nClaims = 0;
  private viol: number[] = [];
  /** A byte per output record: MET, THREW (number evaluates those records again, in one thread's order). */
  private flags = new Uint8Array(1024);
  private actBest = new Map<number, { key: number; code: number }>();
  /** The first move at which each action property threw (finish reports it). */
  private actErr = new Map<number, { key: number } & Raised>();
  /** The first expansion (in one thread's order) that a model's error ended. */
  private stepErr: Finished['stepError'];
  private dead = -1;
  private transitions = 0;
  // The state being expanded: its id and the ordinal of the next move.
  private P = 0;
  private ord = 0;
  /** The ordinal of the move whose new state checkNext refused (E201), or -1. */
  private nextErr = -1;
  /** A range cut short by a pause: [resume, resumeTo). */
  private resume = 0;
  private resumeTo = 0;
  /** Tests: expand each range last state first (WorkerFaults.reverse; set for each search). */
  reverse = false;
  /** Under symmetry one fingerprint stands for several concrete states (see finish). */
  private readonly symmetric: boolean;
  private readonly visit: (k: number, b: number) => void;
  private growing: LevelMsg['grow'];
  private growingSeen: LevelMsg['growSeen'];
  /** Recently seen fingerprints with the claim seen: [hi, lo, claim] (store.ts's cache, claim-aware). */
  private recent = new Uint32Array(3 << RECENT_BITS);
  /** number(): each output record's index in the level. */
  private idx = new Uint32Array(1024);

  constructor(model: Model, d: ModelMsg) {
    const c = compile(model);
    this.be = new FastBackend(c);
    // The same canonical fingerprints as the coordinator's (the search goes on from concrete states).
    if (d.symmetry) this.be.fingerprinter = new Symmetry(c, model.symmetry ?? []).fingerprint;
    this.symmetric = d.symmetry === true;
    this.be.loadInitial();
    if (c.words !== d.words || c.steps.length !== d.steps || fp.hi !== d.initHi || fp.lo !== d.initLo) {
      throw new Error(`internal: the model rebuilt in a worker differs from the one searched (${c.words} words, ${c.steps.length} steps)`);
    }
    this.W = c.words;
    this.R = c.words + 3;
    this.props = selectProperties(model, d.properties).filter((p) => !isLiveness(p));
    this.visit = (k, b) => this.onMove(k, b);
    this.reachedSteps = model.reachedPatchSteps;
    this.searchNotes = model.searchNotes;
  }
  private readonly searchNotes: Model['searchNotes'];
  /** The patch steps this worker's threads stood at (its model's read log: check.ts). */
  private readonly reachedSteps: Model['reachedPatchSteps'];

  message(m: LevelMsg): void {
    if (m.claimed) this.claimed = new Int32Array(m.claimed);
    if (m.table) {
      this.T = new Uint32Array(m.table);
      this.cap = this.T.length >>> 2;
      this.scale = this.cap / 2 ** 32;
      // A new search: what the cache held may be another search's. A grown table (remap) holds
      // the same fingerprints with the same claims, so the cache stays right and is kept.
      if (!m.remap) this.recent.fill(0);
    }
    if (m.remap) this.remap(new Uint32Array(m.remap));
    if (m.seen) {
      this.S = new Uint32Array(m.seen.table);
      this.sBits = new Int32Array(m.seen.bits);
      this.sCap = this.S.length >>> 1;
      this.sScale = this.sCap / 2 ** 32;
    }
    if (m.mergeBySlots !== undefined) this.mergeBySlots = m.mergeBySlots;
    if (m.grow) this.growing = m.grow;
    if (m.growSeen) this.growingSeen = m.growSeen;
    if (m.places) { this.tBase = new Float64Array(m.places.tBase); this.won = new Uint8Array(m.places.won); this.cnt = new Uint32Array(m.places.cnt); }
    if (m.number) { this.next = new Uint32Array(m.number.next); this.parents = new Uint32Array(m.number.parents); this.codes = new Uint16Array(m.number.codes); }
    if (m.level) {
      const l = m.level;
      this.count = 0; this.nClaims = 0; this.resume = this.resumeTo = 0; this.viol = []; this.actBest.clear(); this.dead = -1; this.transitions = 0;
      this.actErr.clear(); this.stepErr = undefined;
      this.be.coverage.fill(0);
      this.frontier = new Uint32Array(l.frontier);
      this.moves = new Uint32Array(l.moves);
      this.n = l.n;
      this.ps = l.ps;
      this.inv = l.invariants.map((i) => ({ i, p: this.props[i] as Invariant }));
      this.act = l.actions.map((i) => {
        const p = this.props[i] as ActionProperty;
        let w = this.watched.get(i);
        if (!w) this.watched.set(i, (w = watchedWords(this.be.c, p)));
        return { i, p, w };
      });
      this.premises = l.premises.map((i) => ({ i, premise: (this.props[i] as Invariant).premise! }));
      this.deadlock = l.deadlock;
    }
  }

  expand(): void {
    const be = this.be, W = this.W, fr = this.frontier, moves = this.moves, n = this.n;
    for (;;) {
      if (Atomics.load(ctrl, C.STOP) !== 0) return;
      // The rest of a range a pause cut short comes first.
      let from = this.resume, to = this.resumeTo;
      if (from >= to) {
        from = Atomics.add(ctrl, C.NEXT, CHUNK);
        if (from >= n) return;
        to = Math.min(n, from + CHUNK);
        // Ranges are taken in order: this one and all after it come after a model's error.
        const bound = Atomics.load(ctrl, C.ERR);
        if (bound !== 0 && from >= bound) return;
      }
      Atomics.add(ctrl, C.BEAT, 1);
      for (let x = from; x < to; x++) {
        // In reverse the rest of the range is [from, i + 1).
        const i = this.reverse ? from + to - 1 - x : x;
        if (Atomics.load(ctrl, C.PAUSE) !== 0) { this.resume = this.reverse ? from : i; this.resumeTo = this.reverse ? i + 1 : to; return; }
        // A state after one whose expansion a model's error ended: one thread never expands it.
        const bound = Atomics.load(ctrl, C.ERR);
        if (bound !== 0 && i >= bound) continue;
        be.loadWords(fr, i * W);
        this.P = this.ps + i;
        this.ord = 0;
        this.nextErr = -1;
        let m: number;
        try { m = be.expand(this.visit); } catch (e) {
          // A model's error (the backend makes every throw of the model's code one) ends this
          // expansion where one thread's would end; the coordinator picks the first in its order.
          // Anything else is probecheck's own (fail, in start).
          if (!(e instanceof ProbecheckError)) throw e;
          this.stepFailed(i, e);
          continue;
        }
        moves[i] = m;
        if (m === 0 && this.deadlock && (this.dead < 0 || this.P < this.dead) && blocked(be).length > 0) this.dead = this.P;
      }
      this.resume = this.resumeTo = 0;
    }
  }

  /**
   * The expansion of frontier state i ended on a model's error: the moves it made keep their
   * places (moves[i] counts the one that failed too, so that the places of later parents stay
   * apart), later states of the level are skipped (C.ERR), and the backend is left clean for the
   * next state.
   */
  private stepFailed(i: number, e: ProbecheckError): void {
    const next = this.nextErr >= 0 ? 1 : 0, ord = next ? this.nextErr : this.ord;
    this.moves[i] = ord + 1;
    const s = this.stepErr;
    if (!s || i < s.i || (i === s.i && (ord < s.ord || (ord === s.ord && next < s.next)))) this.stepErr = { i, ord, next, ...raised(e) };
    for (let b = Atomics.load(ctrl, C.ERR); b === 0 || i + 1 < b;) {
      const r = Atomics.compareExchange(ctrl, C.ERR, b, i + 1);
      if (r === b) break;
      b = r;
    }
    this.be.clear();
  }

  private onMove(k: number, b: number): void {
    this.transitions++;
    const ord = this.ord++, P = this.P, be = this.be;
    if (this.act.length > 0) this.checkActions(k, b, P * 65536 + ord);
    const hi = fp.hi, lo = fp.lo, T = this.T, cap = this.cap, mine = P + 1;
    // A recent fingerprint whose claim is already no later than this parent: nothing to do
    // (claims only go down). Most successors are such states.
    const rc = this.recent, ri = (Math.imul(lo, 0x85ebca6b) >>> (32 - RECENT_BITS)) * 3;
    if (rc[ri] === hi && rc[ri + 1] === lo && rc[ri + 2]! <= mine) return;
    let i = home(hi, lo, this.scale, cap), looked = false;
    for (let probes = 0; ; probes++) {
      const j = i << 2;
      // A slot's fingerprint is written once, and an aligned word reads whole: a first word
      // neither 0 nor this one's is another state, skipped without an atomic load (most probes).
      // Only 0 (empty, being written, or a first word 0) and this one's go the atomic way.
      const h = T[j]!;
      if (h !== hi && h !== 0) {
        i = i + 1 === cap ? 0 : i + 1;
        if (probes > cap) throw new Error('internal: the shared fingerprint table is full');
        continue;
      }
      let c = Atomics.load(T, j + 2);
      if (c === 0) {
        // Not a state of this level (up to here; a later slot is taken by the time this one is):
        // one of an earlier level, whose claim is older than any parent of this level, or new.
        if (!looked) {
          if (this.seenHas(hi, lo)) { rc[ri] = hi; rc[ri + 1] = lo; rc[ri + 2] = 1; return; }
          looked = true;
        }
        // Before the slot is claimed: an error then leaves no slot BUSY for the others to wait on.
        try { be.checkNext(k); } catch (e) { this.nextErr = ord; throw e; }
        c = Atomics.compareExchange(T, j + 2, 0, BUSY);
        if (c === 0) {
          T[j] = hi; T[j + 1] = lo;
          Atomics.store(T, j + 2, mine);
          rc[ri] = hi; rc[ri + 1] = lo; rc[ri + 2] = mine;
          this.added(i, P, (ord << 16) | (k << 8) | b);
          return;
        }
      }
      while (c === BUSY) c = Atomics.load(T, j + 2);
      if (T[j] === hi && T[j + 1] === lo) {
        // A state first reached in this level by a later parent: this parent comes first.
        while (c > mine) {
          const r = Atomics.compareExchange(T, j + 2, c, mine);
          if (r === c) { this.claim(i, P, (ord << 16) | (k << 8) | b); Atomics.or(this.claimed, i >>> 5, 1 << (i & 31)); c = mine; break; }
          c = r;
        }
        rc[ri] = hi; rc[ri + 1] = lo; rc[ri + 2] = c;
        return;
      }
      i = i + 1 === cap ? 0 : i + 1;
      if (probes > cap) throw new Error('internal: the shared fingerprint table is full');
    }
  }

  /** Whether the seen table holds this fingerprint (no one writes it while a level is expanded). */
  private seenHas(hi: number, lo: number): boolean {
    const S = this.S, cap = this.sCap;
    let x = home(hi, lo, this.sScale, cap);
    for (;;) {
      const a = S[x << 1]!, b = S[(x << 1) + 1]!;
      if (a === hi && b === lo) return true;
      if (a === 0 && b === 0) return false;
      x = x + 1 === cap ? 0 : x + 1;
    }
  }

  private added(slot: number, P: number, v: number): void {
    const R = this.R, W = this.W;
    if ((this.count + 1) * R > this.out.length) {
      const bigger = new Uint32Array(this.out.length * 2);
      bigger.set(this.out);
      this.out = bigger;
    }
    const at = this.count * R, nw = this.be.nextWords(), o = this.out;
    for (let x = 0; x < W; x++) o[at + x] = nw[x]!;
    o[at + W] = slot; o[at + W + 1] = P; o[at + W + 2] = v;
    const rec = this.count++;
    // Tell the table's size every 32 states: past LIMIT every worker pauses and it grows.
    if ((this.count & 31) === 0 && Atomics.add(ctrl, C.SIZE, 32) + 32 > Atomics.load(ctrl, C.LIMIT)) Atomics.store(ctrl, C.PAUSE, 1);
    if (this.premises.length === 0 && this.inv.length === 0) return;
    if (rec >= this.flags.length) {
      const bigger = new Uint8Array(this.flags.length * 2);
      bigger.set(this.flags);
      this.flags = bigger;
    }
    let f = 0;
    const g = this.be.nextG(), q = this.be.nextQ();
    // Every premise open at the level's start, on every new state: which state met one first,
    // and whether one threw before, is known only once the level is numbered (number).
    for (let x = 0; x < this.premises.length; x++) {
      try { if (this.premises[x]!.premise(g, q)) f |= MET; } catch { f |= THREW; }
    }
    const inv = this.inv;
    for (let x = 0; x < inv.length; x++) {
      let ok: boolean;
      // One that throws goes on as if it held: number evaluates it again (one thread may never
      // have evaluated it there: violated or stopped before).
      try { ok = inv[x]!.p.holds(g, q); } catch { f |= THREW; continue; }
      if (!ok) this.viol.push(rec, inv[x]!.i);
    }
    this.flags[rec] = f;
  }

  private checkActions(k: number, b: number, key: number): void {
    const be = this.be, code = actionCode(k, b);
    for (const { i, p, w } of this.act) {
      const best = this.actBest.get(i);
      if (best && best.key < key) continue;
      if (w.length > 0 && be.unchanged(w)) continue;
      const m = moveOf(be, code);
      let ok: boolean;
      try { ok = p.holds(be.curG(), be.nextG(), m, be.nextQ(), be.curQ()); } catch (e) {
        // Taken as holding here: whether one thread evaluated it (not violated before) the coordinator knows.
        const x = this.actErr.get(i);
        if (!x || key < x.key) this.actErr.set(i, { key, ...raised(propertyThrew(p, e)) });
        continue;
      }
      if (!ok) this.actBest.set(i, { key, code });
    }
  }

  private claim(slot: number, P: number, v: number): void {
    if ((this.nClaims + 1) * 3 > this.claims.length) {
      const bigger = new Uint32Array(this.claims.length * 2);
      bigger.set(this.claims);
      this.claims = bigger;
    }
    const at = this.nClaims++ * 3, c = this.claims;
    c[at] = slot; c[at + 1] = P; c[at + 2] = v;
  }

  /**
   * Move ranges of the old table's entries into the new one (claims as they are; fingerprints
   * are distinct, so an insert only looks for a free slot), noting where each went.
   */
  grow(): void {
    if (this.growingSeen) { this.growSeen(); return; }
    const g = this.growing!, old = new Uint32Array(g.old), t = new Uint32Array(g.table), map = new Uint32Array(g.map);
    const oldBits = new Int32Array(g.oldClaimed), bits = new Int32Array(g.claimed);
    const oldCap = old.length >>> 2, cap = t.length >>> 2, scale = cap / 2 ** 32;
    for (;;) {
      const from = Atomics.add(ctrl, C.GROW_NEXT, GROW_CHUNK);
      if (from >= oldCap) return;
      Atomics.add(ctrl, C.BEAT, 1);
      moveRange(old, t, map, oldBits, bits, from, Math.min(oldCap, from + GROW_CHUNK), scale, cap);
    }
  }

  /** Move ranges of the old seen table's fingerprints into the new one. */
  private growSeen(): void {
    const g = this.growingSeen!, old = new Uint32Array(g.old), S = new Uint32Array(g.table), bits = new Int32Array(g.bits);
    this.growingSeen = undefined;
    const oldCap = old.length >>> 1, cap = S.length >>> 1, scale = cap / 2 ** 32;
    for (;;) {
      const from = Atomics.add(ctrl, C.GROW_NEXT, GROW_CHUNK);
      if (from >= oldCap) return;
      Atomics.add(ctrl, C.BEAT, 1);
      moveSeen(old, S, bits, from, Math.min(oldCap, from + GROW_CHUNK), scale, cap);
    }
  }

  /** The level is over and the search goes on: its new states into the seen table (this worker's records, or ranges of the table's slots). */
  merge(): void {
    if (!this.mergeBySlots) { mergeRecords(this.out, this.count, this.R, this.W, this.T, this.S, this.sBits, this.sScale, this.sCap); return; }
    const T = this.T, cap = this.cap;
    for (;;) {
      const from = Atomics.add(ctrl, C.GROW_NEXT, GROW_CHUNK);
      if (from >= cap) return;
      Atomics.add(ctrl, C.BEAT, 1);
      mergeSlots(T, this.S, this.sBits, from, Math.min(cap, from + GROW_CHUNK), this.sScale, this.sCap);
    }
  }
  /** The next merge goes over the table's slots (LevelMsg.mergeBySlots). */
  private mergeBySlots = false;

  /** The table grew: slots moved. */
  private remap(map: Uint32Array): void {
    const R = this.R, W = this.W, o = this.out, c = this.claims;
    for (let r = 0; r < this.count; r++) o[r * R + W] = map[o[r * R + W]!]!;
    for (let r = 0; r < this.nClaims; r++) c[r * 3] = map[c[r * 3]!]!;
  }

  resolve(): void {
    const T = this.T, c = this.claims;
    for (let r = 0; r < this.nClaims; r++) {
      if (r % BEAT_RECORDS === 0) Atomics.add(ctrl, C.BEAT, 1);
      const slot = c[r * 3]!, j = slot << 2;
      if (T[j + 2] === c[r * 3 + 1]! + 1) T[j + 3] = c[r * 3 + 2]!;
    }
  }

  /**
   * Each new state takes its final claim (parent, move), and marks its place among the level's
   * transitions (won[tBase[parent] + ordinal]); the coordinator then counts the marks of each
   * parent (an atomic add per new state here cost more than its one pass over the marks).
   */
  finish(): void {
    const T = this.T, o = this.out, R = this.R, W = this.W, ps = this.ps, tBase = this.tBase, won = this.won, be = this.be;
    const bits = this.claimed;
    const savedCoverage = this.symmetric ? be.coverage.slice() : undefined;
    for (let r = 0; r < this.count; r++) {
      if (r % BEAT_RECORDS === 0) Atomics.add(ctrl, C.BEAT, 1);
      const at = r * R, slot = o[at + W]!;
      let P = o[at + W + 1]!;
      // Unclaimed, the record's parent is the slot's: no need to read the table (a random access).
      if ((bits[slot >>> 5]! & (1 << (slot & 31))) !== 0 && T[(slot << 2) + 2]! - 1 !== P) {
        const j = slot << 2, v = T[j + 3]!;
        P = T[j + 2]! - 1;
        o[at + W + 1] = P; o[at + W + 2] = v;
        // Under symmetry the state this worker reached may be another member of the orbit than
        // the first parent's successor, which is the one the search goes on from (and the one
        // its trace replays to): take that one.
        if (savedCoverage) {
          be.loadWords(this.frontier, (P - ps) * W);
          be.step((v >>> 8) & 0xff, v & 0xff, false);
          o.set(be.nextWords(), at);
        }
      }
      won[tBase[P - ps]! + (o[at + W + 2]! >>> 16)] = 1;
    }
    // Re-stepping is not expanding: coverage counts what expand() fired.
    if (savedCoverage) be.coverage.set(savedCoverage);
    const coverage = Float64Array.from(be.coverage);
    be.coverage.fill(0);
    const msg: Finished = {
      count: this.count, actions: [...this.actBest].map(([i, x]) => ({ i, key: x.key, code: x.code })),
      actionErrors: [...this.actErr].map(([i, x]) => ({ i, ...x })), ...(this.stepErr ? { stepError: this.stepErr } : {}),
      deadlock: this.dead, transitions: this.transitions, coverage: coverage.buffer as ArrayBuffer,
      ...(this.reachedSteps ? { reached: this.reachedSteps() } : {}),
      ...(this.searchNotes ? { said: this.searchNotes() } : {}),
    };
    port.postMessage(msg, [msg.coverage]);
  }

  /**
   * Ids: a new state's index in the level is the new states of the parents before its own
   * (first[parent], a prefix sum of cnt) plus those its parent reached by earlier moves. Each
   * state goes to its place in the next frontier, its links beside it.
   */
  number(): void {
    const o = this.out, R = this.R, W = this.W, ps = this.ps, tBase = this.tBase, won = this.won, first = this.cnt;
    const next = this.next, parents = this.parents, codes = this.codes;
    // (Kept from level to level: a fresh array per level touched fresh pages each time.)
    if (this.idx.length < this.count) this.idx = new Uint32Array(Math.max(this.count, this.idx.length * 2));
    const idx = this.idx;
    placeRecords(o, this.count, W, ps, tBase, won, first, next, parents, codes, idx);
    // Every finish has read the bits: clear this worker's for the next level.
    const bits = this.claimed, c = this.claims;
    for (let r = 0; r < this.nClaims; r++) { const slot = c[r * 3]!; Atomics.and(bits, slot >>> 5, ~(1 << (slot & 31))); }
    // The first violation of each invariant: the smallest index.
    const best = new Map<number, number>(), ordOf = (r: number) => o[r * R + W + 2]! >>> 16;
    for (let x = 0; x < this.viol.length; x += 2) {
      const i = this.viol[x + 1]!, at = idx[this.viol[x]!]!, b = best.get(i);
      if (b === undefined || idx[b]! > at) best.set(i, this.viol[x]!);
    }
    // Records a premise met or a property threw on: each evaluated again, on the state one
    // thread reaches (under symmetry finish put it in the record), for the first state in the
    // level's order that met each premise, and the first each premise or invariant threw on.
    const met = new Map<number, number>();
    const errors = new Map<string, Numbered['errors'][number]>();
    const be = this.be, flags = this.flags;
    if (this.premises.length > 0 || this.inv.length > 0) {
      for (let r = 0; r < this.count; r++) {
        const f = flags[r]!;
        if (f === 0) continue;
        const x = idx[r]!;
        be.loadWords(o, r * R);
        const g = be.curG(), q = be.curQ();
        const threw = (i: number, premise: boolean, e: unknown) => {
          const key = `${i}/${premise}`, b = errors.get(key);
          if (!b || x < b.x) errors.set(key, { i, x, ord: ordOf(r), premise, ...raised(propertyThrew(this.props[i]!, e)) });
        };
        for (const p of this.premises) {
          try { if (p.premise(g, q)) { const b = met.get(p.i); if (b === undefined || idx[b]! > x) met.set(p.i, r); } } catch (e) { threw(p.i, true, e); }
        }
        if ((f & THREW) !== 0) for (const { i, p } of this.inv) { try { p.holds(g, q); } catch (e) { threw(i, false, e); } }
      }
    }
    port.postMessage({
      invariants: [...best].map(([i, r]) => [i, idx[r]!, ordOf(r)]),
      met: [...met].map(([i, r]) => [i, idx[r]!]),
      errors: [...errors.values()],
    } satisfies Numbered);
  }
}

// A loop that ends on an error tells the coordinator, which would otherwise wait for it forever.
start().catch((e: unknown) => {
  fail(e);
  Atomics.add(ctrl, C.DEAD, 1);
  Atomics.notify(ctrl, C.DONE);
});
