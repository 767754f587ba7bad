/**
 * The fast backend: a state is a flat byte string (the layout of compile.ts), step code runs on
 * accessor views over two fixed buffers (cur and next), a transition is one small word copy
 * plus the step, and the fingerprint hashes the bytes. The work list is a deque of fixed-size
 * word records [state words..., id, depth] in chunks, so queued states cost no objects, the list
 * never copies itself to grow, and a BFS gives back the chunks it has consumed.
 */
import { canSpawn, compile, resolveLabel, spawnTarget, type Compiled, type CompiledStep, type CompiledThread, type LocalRun } from '../compile.js';
import { ModelError, ProbecheckError, thrownMessage } from '../errors.js';
import { chained, finish, INCREMENTAL_WORDS, sums, sumsOf, termHi, termLo } from '../hash.js';
import type { Model, Query, StepCtx } from '../model.js';
import { searchView, shownPath, sizeOf as sizeOfField, Tracker, type FieldT } from '../schema.js';
import type { Backend } from './backend.js';
import { recordingCtx, recordingQuery, recordingView, recordOwn, pcSize, type Recorder } from '../reduce/recorder.js';

interface Buf {
  /** g and l: the views model steps and guards run on (arrays of records open, checked by `intact`). */
  u8: Uint8Array; u32: Uint32Array; full: any; g: any; l: any[];
  /**
   * rg, rl and q: the views properties (and everything else outside a step) read, over the same
   * bytes, writes marked in the same Tracker, with arrays of records frozen: a property that
   * changes one throws there, as on the reference backend (E302 naming it), instead of changing
   * the steps' views for the rest of the expansion and being blamed on them at its end.
   */
  rg: any; rl: any[]; q: Query;
  /** The words written through the views since the last fingerprint (next: a step's writes). */
  t: Tracker;
  /** The state's lane sums (hash.ts), where `sOk`: kept so that successors are fingerprinted from their changes. */
  sLo: number; sHi: number; sOk: boolean;
  /** Recording views over this buffer, by recorder (partial-order reduction only). */
  rec: WeakMap<Recorder, { g: any; l: any[] }>;
  /** The views' arrays of records, left unfrozen (schema.ts ViewKind.open): their paths, lengths and, flat, the views they held when built (`broken`). */
  arrays: unknown[][]; paths: string[]; lengths: Int32Array; items: unknown[];
  /** The index in `arrays` of the first that no longer holds the views it was built with, or -1 (brokenCheck). */
  broken: () => number;
}

/**
 * The pc a LocalRun's raw label r goes to in the state (s, t) its step made: its global name's,
 * kept as the step's last where that name does not depend on the state (compile.ts LocalRun).
 */
function localPc(th: CompiledThread, cs: CompiledStep, local: LocalRun, r: string | null, s: unknown, t: unknown): number {
  const f = r === cs.lastUnfixed ? undefined : local.fixed(r);
  if (f === undefined) {
    if (r !== null) cs.lastUnfixed = r;
    const g = local.unfixed(r, s, t);
    return g === null ? 0 : (th.pcOf.get(g) ?? resolveLabel(th, cs, g));
  }
  const pc = f === null ? 0 : (th.pcOf.get(f) ?? resolveLabel(th, cs, f));
  if (r !== null) { cs.lastRet2 = cs.lastRet; cs.lastPc2 = cs.lastPc; cs.lastRet = r; cs.lastPc = pc; }
  return pc;
}

export class FastBackend implements Backend {
  readonly name = 'fast' as const;
  readonly c: Compiled;
  readonly words: number;
  private readonly T: CompiledThread[];
  private readonly cur: Buf;
  private readonly next: Buf;
  private readonly init: Uint32Array;
  private readonly ctx: StepCtx;
  /** Times each step (by global step id) fired. */
  readonly coverage: Float64Array;
  /** The work list: chunks of `rec`-word records; all but the first and the last are full. */
  private chunks: Uint32Array[] = [];
  /** The first record of chunks[0]; the number of records written in the last chunk. */
  private head = 0;
  private tail = 0;
  private count = 0;
  /** A consumed chunk of the largest size, kept for the next one needed. */
  private spare: Uint32Array | undefined;
  private readonly rec: number;
  poppedId = 0;
  poppedDepth = 0;
  reserve?: (bytes: number, what: string) => void;
  /** Symmetry reduction (reduce/symmetry.ts): fingerprints the canonical form instead; the state itself is kept. */
  fingerprinter?: (u8: Uint8Array, u32: Uint32Array) => void;
  /**
   * The elements of integer arrays whose range is narrower than a byte: (offset, max) pairs and
   * their paths. Step code writes them through a plain Uint8Array, which checks nothing, so the
   * search checks each new state (checkNext): a known state was checked when it was new. Those
   * whose max is 2^b - 1 are checked a word at a time (`badBits`: (word, bits no value may set)
   * pairs), the others (`odd`: (offset, max) pairs) a byte at a time.
   */
  private readonly narrow: Uint32Array;
  private readonly narrowPaths: string[];
  private readonly badBits: Uint32Array;
  private readonly odd: Uint32Array;
  /**
   * The same by thread k, only those in words its steps can write (scanOf[k]): a new state differs
   * from the one it came from, which was checked, only there (all of them were checked at every new
   * state: 21 words of a host-children state, 2-3% of its search). All of them after a spawn
   * (its init writes another thread's locals) and for the initial state's first successor
   * (`checkAll`: nothing checked the initial state).
   */
  private readonly badOf: Uint32Array[];
  private readonly oddOf: Uint32Array[];
  private checkAll = true;
  /**
   * Words that hold integer-array elements: step code writes those through plain Uint8Arrays,
   * which mark nothing. `scanOf[k]`: those a step of thread k can write (the global state's and
   * its own locals'); `scan`: all of them, for a step that spawned (its init writes another's).
   */
  private readonly scan: Int32Array;
  private readonly scanOf: Int32Array[];
  private spawned = false;
  /**
   * Successors fingerprinted from their parent's sums and the words their step changed (hash.ts),
   * from INCREMENTAL_WORDS words up; smaller states are hashed whole (hash.ts `chained`).
   */
  private readonly incremental: boolean;
  /** Test each incremental fingerprint against the whole state's (PROBECHECK_CHECK_FINGERPRINTS=1; tests). */
  private readonly verify = process.env.PROBECHECK_CHECK_FINGERPRINTS === '1';

  constructor(model: Model | Compiled) {
    const c = 'full' in model ? model : compile(model);
    this.c = c;
    this.T = c.threads;
    this.words = c.words;
    this.incremental = c.words >= INCREMENTAL_WORDS;
    this.cur = this.buffer();
    this.next = this.buffer();
    this.coverage = new Float64Array(c.steps.length);
    const next = this.next;
    this.ctx = {
      spawn: (name, init) => {
        this.checkAll = true;
        const th = spawnTarget(c, name, (x) => pcAt(next.u8, x));
        setPc(next.u8, th, 1);
        if (this.incremental) { next.t.touch(th.pcOffset); this.spawned = true; }
        if (init) init(next.l[th.index]);
      },
      canSpawn: (name) => canSpawn(c, name, (x) => pcAt(next.u8, x) !== 0),
      threads: () => c.threads.map((th) => { const pc = pcAt(next.u8, th); return { name: th.name, at: pc === 0 ? null : th.steps[pc - 1]!.label, locals: next.l[th.index] }; }),
    };
    // The initial state: running threads at their first label, then the model's init.
    for (const th of this.T) if (th.running) setPc(next.u8, th, 1);
    if (c.model.init) guard(() => { c.model.init!(next.g, this.ctx); this.intact(); }, `the init of model ${c.model.name}`);
    this.init = next.u32.slice();
    this.next.t.reset();
    this.rec = this.words + (this.incremental ? 4 : 2);
    const bytes: number[] = [];
    intsBytes(c.full, 0, bytes);
    const words = (keep: (o: number) => boolean) => Int32Array.from([...new Set(bytes.filter(keep).map((o) => o >>> 2))].sort((x, y) => x - y));
    const inLocals = (o: number, th: CompiledThread) => o >= th.localsOffset && o < th.localsOffset + th.localsSize;
    this.scan = words(() => true);
    this.scanOf = this.T.map((th) => words((o) => inLocals(o, th) || !this.T.some((x) => inLocals(o, x))));
    const narrow: number[] = [];
    this.narrowPaths = [];
    narrowElements(c.full, 0, 'state', narrow, this.narrowPaths);
    this.narrow = Uint32Array.from(narrow);
    const bad = new Map<number, number>(), odd: number[] = [];
    for (let i = 0; i < narrow.length; i += 2) {
      const o = narrow[i]!, max = narrow[i + 1]!;
      if ((max & (max + 1)) !== 0) { odd.push(o, max); continue; }
      const w = o >>> 2;
      bad.set(w, ((bad.get(w) ?? 0) | ((~max & 0xff) << ((o & 3) * 8))) >>> 0);
    }
    this.badBits = Uint32Array.from([...bad].flat());
    this.odd = Uint32Array.from(odd);
    const pairsIn = (a: Uint32Array, words: Int32Array, word: (x: number) => number) => {
      const keep = new Set(words), out: number[] = [];
      for (let i = 0; i < a.length; i += 2) if (keep.has(word(a[i]!))) out.push(a[i]!, a[i + 1]!);
      return Uint32Array.from(out);
    };
    this.badOf = this.scanOf.map((sc) => pairsIn(this.badBits, sc, (w) => w));
    this.oddOf = this.scanOf.map((sc) => pairsIn(this.odd, sc, (o) => o >>> 2));
    // The init's own writes, named as the init's (they were blamed on the first step checked).
    const i = this.outOfRange(new Uint8Array(this.init.buffer, this.init.byteOffset, this.init.byteLength));
    if (i >= 0) throw annotate(localsNamed(this.rangeMessage(i, this.init), this.T), `the init of model ${c.model.name}`);
  }

  /** The index in `narrow` of the first element of the state `u8` out of its range, or -1. */
  private outOfRange(u8: Uint8Array): number {
    const r = this.narrow;
    for (let i = 0; i < r.length; i += 2) if (u8[r[i]!]! > r[i + 1]!) return i;
    return -1;
  }

  private rangeMessage(i: number, words: Uint32Array): ModelError {
    const r = this.narrow, v = new Uint8Array(words.buffer, words.byteOffset, words.byteLength)[r[i]!];
    return new ModelError('E201', `state field ${shownPath(this.narrowPaths[i >> 1]!)} was set to ${v}; it must be an integer in 0..${r[i + 1]}`);
  }

  /**
   * E201 if next (reached by thread k's step in cur) holds an integer array element out of its
   * range. The reference backend checks every write as it is made; the fast one, this way.
   */
  checkNext(k: number): void {
    const all = this.checkAll;
    this.checkAll = false;
    const w = all ? this.badBits : this.badOf[k]!, n32 = this.next.u32, odd = all ? this.odd : this.oddOf[k]!, n8 = this.next.u8;
    let bad = false;
    for (let i = 0; i < w.length && !bad; i += 2) bad = (n32[w[i]!]! & w[i + 1]!) !== 0;
    for (let i = 0; i < odd.length && !bad; i += 2) bad = n8[odd[i]!]! > odd[i + 1]!;
    if (bad) this.rangeError(k);
  }

  /** The E201 of checkNext: the first element out of its range, named as the reference backend names it. */
  private rangeError(k: number): never {
    const th = this.T[k]!;
    throw inStep(this.rangeMessage(this.outOfRange(this.next.u8), this.next.u32), th, th.steps[pcAt(this.cur.u8, th) - 1]!.label);
  }

  /**
   * E203 where model code changed an array of records of cur's or next's views, which are not
   * frozen (schema.ts ViewKind.open): checked once per state expanded and per step taken. The
   * views are put back first, so that traces can still be rebuilt on this backend.
   */
  private intact(): void {
    const i = this.cur.broken(), j = i < 0 ? this.next.broken() : -1;
    if (i < 0 && j < 0) return;
    const path = i >= 0 ? this.cur.paths[i]! : this.next.paths[j]!;
    for (const b of [this.cur, this.next]) {
      let at = 0;
      b.arrays.forEach((a, x) => { a.length = 0; for (let y = 0; y < b.lengths[x]!; y++) a.push(b.items[at++]); });
    }
    throw new ModelError('E203', `${shownPath(path)} was changed as an array (an element replaced, added, removed or moved): model code may change only the fields of its records`);
  }

  /** After expand found an array changed: cur's steps one by one, so that step() names the one that changed it. */
  private blame(e: unknown): never {
    for (let k = 0; k < this.T.length; k++) {
      const n = this.enabled(k), th = this.T[k]!;
      // (A guard that changed an array and then said no is as much to blame as one that said yes.)
      if (pcAt(this.cur.u8, th) !== 0) try { this.intact(); } catch (x) { throw inStep(x, th, th.steps[pcAt(this.cur.u8, th) - 1]!.label, true); }
      for (let b = 0; b < n; b++) this.step(k, b, false);
    }
    throw annotate(e, 'a step or guard taken from this state');
  }

  private buffer(): Buf {
    const u32 = new Uint32Array(this.words);
    const u8 = new Uint8Array(u32.buffer, 0, this.c.width);
    const t = new Tracker(this.words);
    const open = new Map<unknown[], string>();
    const full = searchView(this.c.full, u8, 'state', this.incremental ? t : undefined, open) as any;
    const l = this.T.map((th) => full[`t${th.index}`].l);
    const read = searchView(this.c.full, u8, 'state', this.incremental ? t : undefined) as any;
    const rl = this.T.map((th) => read[`t${th.index}`].l);
    const T = this.T, byName = this.c.threadByName;
    const q: Query = {
      at(name) {
        const th = byName.get(name);
        if (!th) throw new ModelError('E101', `a property asked for thread '${name}', which the model does not have; threads: ${T.map((x) => x.name).join(', ')}`);
        const pc = pcAt(u8, th);
        return pc === 0 ? null : th.steps[pc - 1]!.label;
      },
      locals(name) {
        const th = byName.get(name);
        if (!th) throw new ModelError('E101', `a property asked for thread '${name}', which the model does not have`);
        return rl[th.index];
      },
    };
    const arrays = [...open.keys()];
    const lengths = Int32Array.from(arrays, (a) => a.length), items = arrays.flat();
    return { u8, u32, full, g: full.g, l, rg: read.g, rl, q, rec: new WeakMap(), t, sLo: 0, sHi: 0, sOk: false, arrays, paths: [...open.values()], lengths, items,
      broken: brokenCheck(arrays, lengths, items) };
  }

  loadInitial(): void {
    this.checkAll = true;
    this.cur.u32.set(this.init);
    this.fingerprintOf(this.cur);
  }

  /** fp := the fingerprint of b (of its canonical form under symmetry reduction); b's lane sums kept where there is none. */
  private fingerprintOf(b: Buf): void {
    b.t.reset();
    if (this.fingerprinter) { this.fingerprinter(b.u8, b.u32); b.sOk = false; return; }
    if (!this.incremental) { chained(b.u32, this.words); return; }
    this.keepSums(b);
    finish(b.sLo, b.sHi, this.words);
  }

  /** b's lane sums, from its whole state (hash.ts). */
  private keepSums(b: Buf): void {
    sumsOf(b.u32, this.words);
    b.sLo = sums.lo; b.sHi = sums.hi; b.sOk = true;
  }

  expand(visit: (k: number, b: number) => void): number {
    const T = this.T, W = this.words, c32 = this.cur.u32, n32 = this.next.u32, n8 = this.next.u8, c8 = this.cur.u8;
    const cg = this.cur.g, ng = this.next.g, cl = this.cur.l, nl = this.next.l, ctx = this.ctx, cov = this.coverage, fpr = this.fingerprinter;
    const big = W > SET_WORDS;
    const cur = this.cur, nx = this.next, nt = nx.t, list = nt.list, mark = nt.mark, scanOf = this.scanOf, inc = this.incremental;
    if (inc && fpr === undefined && !cur.sOk) this.keepSums(cur);
    const sLo = cur.sLo, sHi = cur.sHi;
    // Where a successor's changed words are known (the incremental fingerprint's list), next is
    // put back to cur by rewriting those words, not by copying the whole state again.
    let same = false;
    let n = 0;
    for (let k = 0; k < T.length; k++) {
      const th = T[k]!;
      const o = th.pcOffset, wide = th.pcWide;
      const pc = wide ? c8[o]! | (c8[o + 1]! << 8) : c8[o]!;
      if (pc === 0) continue;
      const cs = th.steps[pc - 1]!, st = cs.step, run = cs.run, aw = cs.aw, pcOf = th.pcOf, local = cs.local;
      // Only the model's own code runs inside these try blocks: an error there is the step's
      // (E2xx). visit() is the search's (store, work list, properties) and is never blamed on it.
      let nb: number;
      try {
        if (aw !== null && !aw.call(st, cg, cl[k])) continue;
        nb = cs.nb >= 0 ? cs.nb : dynamicBranches(st.branches as (s: unknown, t: unknown) => number, cg, cl[k]);
      } catch (e) { throw inStep(e, th, cs.label, true); }
      for (let b = 0; b < nb; b++) {
        if (same) same = false;
        else if (big) n32.set(c32);
        else for (let i = 0; i < W; i++) n32[i] = c32[i]!;
        let npc: number;
        try {
          if (local !== null) {
            // (The labels kept are the raw run's, mapped straight to pcs: compile.ts LocalRun.)
            const r = local.raw(ng, nl[k], b, ctx);
            if (r === cs.lastRet) npc = cs.lastPc;
            else if (r === cs.lastRet2) npc = cs.lastPc2;
            else npc = localPc(th, cs, local, r, ng, nl[k]);
          } else {
            const ret = run.call(st, ng, nl[k], b, ctx);
            if (ret === null) npc = 0;
            else if (ret === cs.lastRet) npc = cs.lastPc;
            else { npc = pcOf.get(ret) ?? resolveLabel(th, cs, ret); cs.lastRet = ret; cs.lastPc = npc; }
          }
        } catch (e) { throw inStep(e, th, cs.label); }
        n8[o] = npc;
        if (wide) n8[o + 1] = npc >>> 8;
        // (A thread that ended: its locals zeroed, by a loop where they are small: fill is a builtin
        // call, 3% of expand's profile where a seventh of a kernel search's moves end a thread.)
        if (npc === 0 && th.localsSize > 0) {
          const from = th.localsOffset, to = from + th.localsSize;
          if (th.localsSize > FILL_BYTES) n8.fill(0, from, to); else for (let x = from; x < to; x++) n8[x] = 0;
        }
        if (!inc) {
          if (fpr === undefined) chained(n32, W);
          else fpr(n8, n32);
        } else if (fpr === undefined) {
          nt.touch(o);
          if (wide) nt.touch(o + 1);
          if (npc === 0) for (let x = th.localsOffset & ~3; x < th.localsOffset + th.localsSize; x += 4) nt.touch(x);
          // The fingerprint from cur's sums and the words the step changed (hash.ts).
          let scan = scanOf[k]!;
          if (this.spawned) { scan = this.scan; this.spawned = false; }
          for (let j = 0; j < scan.length; j++) { const w = scan[j]!; if (c32[w] !== n32[w]) nt.touch(w << 2); }
          let lo = sLo, hi = sHi;
          const changed = nt.n;
          for (let d = 0; d < changed; d++) {
            const w = list[d]!, a = c32[w]!, x = n32[w]!;
            mark[w] = 0;
            if (a !== x) { lo = (lo - termLo(w, a) + termLo(w, x)) | 0; hi = (hi - termHi(w, a) + termHi(w, x)) | 0; }
          }
          nt.n = 0;
          nx.sLo = lo; nx.sHi = hi; nx.sOk = true;
          if (this.verify) this.verifySums(k, cs.label);
          finish(lo, hi, W);
          cov[cs.id]++;
          n++;
          visit(k, b);
          for (let d = 0; d < changed; d++) { const w = list[d]!; n32[w] = c32[w]!; }
          // (visit only reads next; should it have written, the next successor copies the whole state.)
          if (nt.n === 0) same = true; else nt.reset();
          continue;
        } else {
          nt.reset(); nx.sOk = false;
          fpr(n8, n32);
        }
        cov[cs.id]++;
        n++;
        visit(k, b);
      }
    }
    try { this.intact(); } catch (e) { this.blame(e); }
    return n;
  }

  advance(): void {
    const c = this.cur, n = this.next;
    c.u32.set(n.u32);
    c.sLo = n.sLo; c.sHi = n.sHi; c.sOk = n.sOk;
  }

  /** PROBECHECK_CHECK_FINGERPRINTS: next's incremental sums must be its whole sums. */
  private verifySums(k: number, label: string): void {
    const n = this.next;
    sumsOf(n.u32, this.words);
    if (sums.lo !== n.sLo || sums.hi !== n.sHi) {
      throw new Error(`internal: the fingerprint of the state after step '${label}' of thread '${this.T[k]!.name}' was updated from the words it wrote, and differs from the whole state's: a write that no view marked`);
    }
  }

  unchanged(words: Uint32Array): boolean {
    const c = this.cur.u32, n = this.next.u32;
    for (let i = 0; i < words.length; i += 2) if (((c[words[i]!]! ^ n[words[i]!]!) & words[i + 1]!) !== 0) return false;
    return true;
  }

  enabled(k: number): number {
    const th = this.T[k]!;
    const pc = pcAt(this.cur.u8, th);
    if (pc === 0) return 0;
    const cs = th.steps[pc - 1]!, st = cs.step, cl = this.cur.l[k];
    try {
      if (st.await !== undefined && !st.await(this.cur.g, cl)) return 0;
      return cs.nb >= 0 ? cs.nb : dynamicBranches(st.branches as (s: unknown, t: unknown) => number, this.cur.g, cl);
    } catch (e) { throw inStep(e, th, cs.label, true); }
  }

  apply(k: number, b: number): boolean {
    if (!this.step(k, b)) return false;
    this.advance();
    return true;
  }

  step(k: number, b: number, fingerprint = true): boolean {
    if (!(b >= 0 && b < this.enabled(k))) return false;
    const th = this.T[k]!, cs = th.steps[pcAt(this.cur.u8, th) - 1]!;
    const n8 = this.next.u8;
    this.next.u32.set(this.cur.u32);
    try {
      const ret = cs.step.run(this.next.g, this.next.l[k], b, this.ctx);
      const npc = ret === null ? 0 : (th.pcOf.get(ret) ?? resolveLabel(th, cs, ret));
      setPc(n8, th, npc);
      if (npc === 0 && th.localsSize > 0) n8.fill(0, th.localsOffset, th.localsOffset + th.localsSize);
      this.intact();
    } catch (e) { throw inStep(e, th, cs.label); }
    if (fingerprint) this.fingerprintOf(this.next);
    else { this.next.t.reset(); this.next.sOk = false; }
    this.coverage[cs.id]++;
    return true;
  }

  enabledRec(k: number, rec: Recorder): number {
    const th = this.T[k]!;
    rec.readRange(th.pcOffset, pcSize(th));
    const pc = pcAt(this.cur.u8, th);
    if (pc === 0) return 0;
    const cs = th.steps[pc - 1]!, st = cs.step;
    const v = this.recording(this.cur, rec), g = v.g, l = v.l[k];
    try {
      if (st.await !== undefined && !st.await(g, l)) return 0;
      return cs.nb >= 0 ? cs.nb : dynamicBranches(st.branches as (s: unknown, t: unknown) => number, g, l);
    } catch (e) { throw inStep(e, th, cs.label, true); }
  }

  stepRec(k: number, b: number, rec: Recorder): boolean {
    if (!(b >= 0 && b < this.enabled(k))) return false;
    const th = this.T[k]!, cs = th.steps[pcAt(this.cur.u8, th) - 1]!;
    const n8 = this.next.u8;
    this.next.u32.set(this.cur.u32);
    const v = this.recording(this.next, rec), g = v.g, l = v.l[k];
    try {
      let ctx = rec.proxies.get(this.ctx) as StepCtx | undefined;
      if (!ctx) { ctx = recordingCtx(this.c, this.ctx, rec, (x) => pcAt(n8, x) !== 0); rec.proxies.set(this.ctx, ctx); }
      const ret = cs.step.run(g, l, b, ctx);
      const npc = ret === null ? 0 : (th.pcOf.get(ret) ?? resolveLabel(th, cs, ret));
      setPc(n8, th, npc);
      if (npc === 0 && th.localsSize > 0) n8.fill(0, th.localsOffset, th.localsOffset + th.localsSize);
      recordOwn(th, npc, rec);
    } catch (e) { throw inStep(e, th, cs.label); }
    this.fingerprintOf(this.next);
    this.coverage[cs.id]++;
    return true;
  }

  /** Parallel search: cur := the state words at `at` of `src`; the words of next (read only). */
  loadWords(src: Uint32Array, at: number): void {
    const c = this.cur.u32, W = this.words;
    if (W > SUBARRAY_WORDS) c.set(src.subarray(at, at + W));
    else for (let i = 0; i < W; i++) c[i] = src[at + i]!;
    this.cur.sOk = false;
  }
  nextWords(): Uint32Array { return this.next.u32; }
  curWords(): Uint32Array { return this.cur.u32; }
  recG(useNext: boolean, rec: Recorder) { return this.recording(useNext ? this.next : this.cur, rec).g; }

  private recording(b: Buf, rec: Recorder): { g: any; l: any[] } {
    let v = b.rec.get(rec);
    if (!v) {
      const full = recordingView(this.c.full, b.u8, 'state', rec);
      v = { g: full.g, l: this.T.map((th) => full[`t${th.index}`].l) };
      b.rec.set(rec, v);
    }
    return v;
  }
  recQ(useNext: boolean, rec: Recorder) { return recordingQuery(this.c, (useNext ? this.next : this.cur).q, rec); }

  pc(k: number): number { return pcAt(this.cur.u8, this.T[k]!); }
  curG() { return this.cur.rg; }
  nextG() { return this.next.rg; }
  curQ() { return this.cur.q; }
  nextQ() { return this.next.q; }
  curLocals(k: number) { return this.cur.rl[k]; }
  bytes(): Uint8Array { return this.cur.u8.slice(); }
  /** cur := a flat state (as bytes() gave it); fp := its fingerprint. */
  loadBytes(u8: Uint8Array): void {
    this.cur.u8.set(u8.subarray(0, this.c.width));
    this.fingerprintOf(this.cur);
  }

  pushNext(id: number, depth: number): void { this.push(this.next, id, depth); }
  pushCur(id: number, depth: number): void { this.push(this.cur, id, depth); }

  /** A record: the state's words, its id and depth, and (incremental) its lane sums, meaningful where `fingerprinter` is unset. */
  private push(b: Buf, id: number, depth: number): void {
    const src = b.u32;
    const R = this.rec, C = this.chunks;
    let r = C[C.length - 1];
    if (r === undefined || this.tail * R === r.length) { r = this.newChunk(); this.tail = 0; }
    let at = this.tail * R;
    const W = this.words;
    if (W > SET_WORDS) { r.set(src, at); at += W; } else for (let i = 0; i < W; i++) r[at++] = src[i]!;
    r[at++] = id; r[at++] = depth;
    if (this.incremental) { r[at++] = b.sLo; r[at] = b.sHi; }
    this.tail++;
    this.count++;
  }

  /**
   * A chunk for the tail, of about as many records as wait (1,024 at least, CHUNK_BYTES at
   * most): the list then holds at most about twice what waits, as a doubling ring would, and a
   * BFS whose list stays small goes round two chunks of 1,024 (the spare).
   */
  private newChunk(): Uint32Array {
    const R = this.rec, C = this.chunks;
    const max = Math.max(1024, Math.floor(CHUNK_BYTES / 4 / R));
    let records = 1024;
    while (records < this.count && records < max) records *= 2;
    records = Math.min(records, max);
    let r: Uint32Array;
    if (this.spare !== undefined && this.spare.length === records * R) { r = this.spare; this.spare = undefined; }
    else {
      // (The first chunk is not refused, as the store's first table is not: a search always starts.)
      if (C.length > 0) this.reserve?.(records * R * 4, `the work list (${(this.count + records).toLocaleString('en-US')} states)`);
      r = new Uint32Array(records * R);
    }
    C.push(r);
    return r;
  }

  /** Drop a consumed chunk, keeping it as the spare if none as large is kept. */
  private release(r: Uint32Array): void {
    if (this.spare === undefined || this.spare.length < r.length) this.spare = r;
  }

  popFront(): boolean {
    if (this.count === 0) return false;
    const C = this.chunks, R = this.rec;
    const r = C[0]!;
    this.load(r, this.head * R);
    this.head++;
    this.count--;
    if (this.count === 0) this.reset();
    else if (this.head * R === r.length) { this.release(C.shift()!); this.head = 0; }
    return true;
  }

  popBack(): boolean {
    if (this.count === 0) return false;
    const C = this.chunks, R = this.rec;
    this.tail--;
    this.count--;
    this.load(C[C.length - 1]!, this.tail * R);
    if (this.count === 0) this.reset();
    else if (this.tail === 0) { this.release(C.pop()!); this.tail = C[C.length - 1]!.length / R; }
    return true;
  }

  /** Empty: keep the first chunk, start it over. */
  private reset(): void {
    const C = this.chunks;
    for (let i = C.length - 1; i > 0; i--) this.release(C.pop()!);
    this.head = 0;
    this.tail = 0;
  }

  private load(r: Uint32Array, at: number): void {
    const cur = this.cur, c = cur.u32, W = this.words;
    // A loop four words a turn, not TypedArray.set of a subarray: the subarray is an allocation, and
    // making it took 3-4% of a host-children search (68 words) in builtins and the young GC.
    let i = 0;
    for (; i + 4 <= W; i += 4, at += 4) { c[i] = r[at]!; c[i + 1] = r[at + 1]!; c[i + 2] = r[at + 2]!; c[i + 3] = r[at + 3]!; }
    for (; i < W; i++) c[i] = r[at++]!;
    this.poppedId = r[at++]!;
    this.poppedDepth = r[at++]!;
    if (this.incremental) {
      cur.sLo = r[at++]! | 0; cur.sHi = r[at]! | 0;
      cur.sOk = this.fingerprinter === undefined;
    }
  }

  pending(): number { return this.count; }
  clear(): void {
    this.count = 0; this.reset();
    this.cur.t.reset(); this.next.t.reset();
  }
  queueBytes(): number { let n = 0; for (const r of this.chunks) n += r.byteLength; return n; }
}

/**
 * Above this many words TypedArray.set (a memcpy, about 27 ns a call on Node 20) copies a state
 * faster than a loop (about 1.5 ns a word); below it the loop wins.
 */
const SET_WORDS = 16;
/**
 * Above this many words, copying a state out of a larger array by subarray + set beats a loop in
 * isolation (65 words: 83-128 ns against 150-250 ns, 2026-12-04). Used by loadWords (the parallel
 * search, not re-measured); the one-thread `load` copies by a loop, as a whole search measured
 * the subarray's allocation (2026-12-06).
 */
const SUBARRAY_WORDS = 32;

/** Above this many bytes a thread's locals are zeroed by fill, below it by a loop. */
const FILL_BYTES = 64;

/** The largest work-list chunk: 4 MiB. */
const CHUNK_BYTES = 4 << 20;

/** (offset, max) of every integer array element narrower than a byte, and its path as the reference backend names it. */
function narrowElements(f: FieldT, o: number, path: string, out: number[], paths: string[]): void {
  if (f.kind === 'ints') {
    if (f.max < 255) for (let i = 0; i < f.length; i++) { out.push(o + i, f.max); paths.push(`${path}[${f.names?.[i] ?? i}]`); }
  } else if (f.kind === 'record') {
    for (const k in f.fields) { narrowElements(f.fields[k]!, o, `${path}.${k}`, out, paths); o += sizeOfField(f.fields[k]!); }
  } else if (f.kind === 'records') {
    const s = sizeOfField(f.of);
    for (let i = 0; i < f.length; i++) narrowElements(f.of, o + i * s, `${path}[${f.names?.[i] ?? i}]`, out, paths);
  }
}

/** The byte offsets of every integer-array element. */
function intsBytes(f: FieldT, o: number, out: number[]): void {
  if (f.kind === 'ints') { for (let i = 0; i < f.length; i++) out.push(o + i); }
  else if (f.kind === 'record') { for (const k in f.fields) { intsBytes(f.fields[k]!, o, out); o += sizeOfField(f.fields[k]!); } }
  else if (f.kind === 'records') { const s = sizeOfField(f.of); for (let i = 0; i < f.length; i++) intsBytes(f.of, o + i * s, out); }
}

/** Above this many views in arrays of records, `brokenCheck` loops over them instead of generating a test per view. */
const GENERATED_ITEMS = 512;

/**
 * A function giving the index of the first of `arrays` whose length is no longer its `lengths`
 * entry or that no longer holds its views (`items`, flat), or -1. Run once per state expanded on
 * cur and next: generated as one expression over the arrays and views themselves (bound as
 * parameters), which took a quarter of the loop's time (22-43 ns against 150 ns for host-children
 * n=4's 5 arrays and 8 views, 2026-12-06).
 */
function brokenCheck(arrays: unknown[][], lengths: Int32Array, items: unknown[]): () => number {
  if (items.length > GENERATED_ITEMS) {
    return () => {
      for (let i = 0, at = 0; i < arrays.length; i++) {
        const a = arrays[i]!, n = lengths[i]!;
        if (a.length !== n) return i;
        for (let j = 0; j < n; j++) if (a[j] !== items[at++]) return i;
      }
      return -1;
    };
  }
  const names: string[] = [], values: unknown[] = [], tests: string[] = [];
  let at = 0;
  arrays.forEach((a, i) => {
    names.push(`a${i}`); values.push(a);
    const conds = [`a${i}.length !== ${lengths[i]}`];
    for (let j = 0; j < lengths[i]!; j++, at++) { names.push(`x${at}`); values.push(items[at]); conds.push(`a${i}[${j}] !== x${at}`); }
    tests.push(`if (${conds.join(' || ')}) return ${i};`);
  });
  return new Function(...names, `return function () {\n${tests.join('\n')}\nreturn -1;\n};`)(...values) as () => number;
}

/** A thread's pc in a flat state: one byte, or two (little-endian) for a thread of more than 255 steps. */
function pcAt(u8: Uint8Array, th: CompiledThread): number {
  return th.pcWide ? u8[th.pcOffset]! | (u8[th.pcOffset + 1]! << 8) : u8[th.pcOffset]!;
}

function setPc(u8: Uint8Array, th: CompiledThread, pc: number): void {
  u8[th.pcOffset] = pc & 0xff;
  if (th.pcWide) u8[th.pcOffset + 1] = pc >>> 8;
}

/** A `branches` function's count, checked: an action code has 8 bits for the branch. */
export function dynamicBranches(f: (s: unknown, t: unknown) => number, g: unknown, l: unknown): number {
  const n = f(g, l);
  if (!(Number.isInteger(n) && n >= 0 && n <= 255)) throw new ModelError('E103', `branches returned ${n}; it must be an integer in 0..255`);
  return n;
}

/** Run f; any error it throws becomes a ProbecheckError naming `where`. */
export function guard<T>(f: () => T, where: string): T {
  try { return f(); } catch (e) { throw annotate(e, where); }
}

/** An error thrown by the model's code while running the step at `label` of thread `th`. */
export function inStep(e: unknown, th: CompiledThread | undefined, label: string, guard = false): ProbecheckError {
  if (!th) return annotate(e, 'a step');
  const where = th.steps.find((s) => s.label === label)?.step.where;
  // The thread's own locals by the name traces give them (`hotplug.async`), not their place in the
  // state record (`state.t0.l.async`: a new user, 2026-12-05).
  e = localsNamed(e, [th]);
  // Its guard, not its effect: the step never ran (a CI hunt, 2026-12-05: "step threw" sent a user to its run).
  return annotate(e, `${guard ? 'the guard (await or branches) of ' : ''}step '${label}' of thread '${th.name}'${where ? ` (${where})` : ''}`);
}

/** A thread's own locals by the name traces give them (`hotplug.async`), not `state.t0.l.async`. */
export function localsNamed(e: unknown, threads: readonly CompiledThread[]): unknown {
  for (const th of threads) {
    if (e instanceof ProbecheckError && e.message.includes(`state.t${th.index}.l.`)) {
      e = new (e.constructor as typeof ProbecheckError)(e.code, e.message.split(`state.t${th.index}.l.`).join(`${th.name}.`));
    }
  }
  return e;
}

function annotate(e: unknown, where: string): ProbecheckError {
  if (e instanceof ProbecheckError) {
    if (e.message.startsWith('in ')) return e;
    const x = new (e.constructor as typeof ProbecheckError)(e.code, `in ${where}: ${e.message}`);
    return x;
  }
  const msg = thrownMessage(e);
  return new ModelError('E203', `in ${where}: ${msg}`);
}
