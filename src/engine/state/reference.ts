/**
 * The reference backend: a state is a plain object frozen by immer ({ g, t0: { pc, l }, ... }),
 * and a step runs inside immer's `produce` on a draft. Obviously immutable and easy to debug;
 * slow. Its fingerprint is the fast backend's hash of the same flat encoding, so the two can be
 * compared state for state. Encoding range-checks every field, which the fast backend's integer
 * arrays do not.
 */
import { freeze, produce, setAutoFreeze } from 'immer';
import { canSpawn, compile, resolveLabel, spawnTarget, type Compiled, type CompiledThread } from '../compile.js';
import { ModelError } from '../errors.js';
import { fingerprint } from '../hash.js';
import type { Model, Query, StepCtx } from '../model.js';
import { encode, zeroOf } from '../schema.js';
import type { Backend } from './backend.js';
import { recordingCtx, recordingQuery, recordOwn, recordRecord, pcSize, type Recorder } from '../reduce/recorder.js';
import { dynamicBranches, guard, inStep, localsNamed } from './fast.js';

type State = Record<string, any>;

setAutoFreeze(true);

export class ReferenceBackend implements Backend {
  readonly name = 'reference' as const;
  readonly c: Compiled;
  private readonly T: CompiledThread[];
  private readonly keys: string[];
  private readonly init: State;
  private cur: State;
  private next: State;
  private readonly u32: Uint32Array;
  private readonly u8: Uint8Array;
  private draft: State | undefined;
  private readonly ctx: StepCtx;
  private work: { s: State; id: number; depth: number }[] = [];
  private head = 0;
  readonly coverage: Float64Array;
  poppedId = 0;
  poppedDepth = 0;
  reserve?: (bytes: number, what: string) => void;
  fingerprinter?: (u8: Uint8Array, u32: Uint32Array) => void;

  constructor(model: Model | Compiled) {
    const c = 'full' in model ? model : compile(model);
    this.c = c;
    this.T = c.threads;
    this.keys = this.T.map((th) => `t${th.index}`);
    this.u32 = new Uint32Array(c.words);
    this.u8 = new Uint8Array(this.u32.buffer, 0, c.width);
    this.coverage = new Float64Array(c.steps.length);
    this.ctx = {
      spawn: (name, init) => {
        const d = this.draft!;
        const th = spawnTarget(c, name, (x) => d[this.keys[x.index]!].pc);
        d[this.keys[th.index]!].pc = 1;
        if (init) init(d[this.keys[th.index]!].l);
      },
      canSpawn: (name) => canSpawn(c, name, (x) => this.draft![this.keys[x.index]!].pc !== 0),
      threads: () => c.threads.map((th) => { const t = this.draft![this.keys[th.index]!]; return { name: th.name, at: t.pc === 0 ? null : th.steps[t.pc - 1]!.label, locals: t.l }; }),
    };
    const zero = zeroOf(c.full) as State;
    this.init = produce(zero, (d) => {
      this.draft = d;
      for (const th of this.T) if (th.running) d[this.keys[th.index]!].pc = 1;
      if (c.model.init) guard(() => c.model.init!(d.g, this.ctx), `the init of model ${c.model.name}`);
    });
    this.init = freeze(this.init, true);
    // Encoding range-checks it: an element the init set out of range is the init's E201.
    if (c.model.init) guard(() => { try { this.fingerprintOf(this.init); } catch (e) { throw localsNamed(e, this.T); } }, `the init of model ${c.model.name}`);
    this.cur = this.next = this.init;
  }

  private fingerprintOf(s: State): void {
    this.u32.fill(0);
    encode(this.c.full, s, this.u8, 0, 'state');
    if (this.fingerprinter) this.fingerprinter(this.u8, this.u32);
    else fingerprint(this.u32, this.c.words);
  }

  loadInitial(): void { this.cur = this.init; this.fingerprintOf(this.cur); }

  private successor(k: number, b: number, rec?: Recorder): State {
    const th = this.T[k]!, key = this.keys[k]!;
    const cs = th.steps[this.cur[key].pc - 1]!;
    try {
      const next = produce(this.cur, (d) => {
        this.draft = d;
        const ret = rec
          ? cs.step.run(recordRecord(this.c.model.state, d.g, 0, rec), recordRecord(th.localsType, d[key].l, th.localsOffset, rec), b, recordingCtx(this.c, this.ctx, rec, (x) => d[this.keys[x.index]!].pc !== 0))
          : cs.step.run(d.g, d[key].l, b, this.ctx);
        const npc = resolveLabel(th, cs, ret);
        d[key].pc = npc;
        if (npc === 0) d[key].l = zeroOf(th.localsType);
        if (rec) recordOwn(th, npc, rec);
      });
      this.fingerprintOf(next);
      return next;
    } catch (e) { throw inStep(e, th, cs.label); }
  }

  enabled(k: number): number {
    const th = this.T[k]!, t = this.cur[this.keys[k]!];
    if (t.pc === 0) return 0;
    const cs = th.steps[t.pc - 1]!, st = cs.step;
    try {
      if (st.await !== undefined && !st.await(this.cur.g, t.l)) return 0;
      return cs.nb >= 0 ? cs.nb : dynamicBranches(st.branches as (s: unknown, t: unknown) => number, this.cur.g, t.l);
    } catch (e) { throw inStep(e, th, cs.label, true); }
  }

  expand(visit: (k: number, b: number) => void): number {
    let n = 0;
    for (let k = 0; k < this.T.length; k++) {
      const nb = this.enabled(k);
      if (nb === 0) continue;
      const id = this.T[k]!.steps[this.cur[this.keys[k]!].pc - 1]!.id;
      for (let b = 0; b < nb; b++) {
        this.next = this.successor(k, b);
        this.coverage[id]++;
        n++;
        visit(k, b);
      }
    }
    return n;
  }

  advance(): void { this.cur = this.next; }

  apply(k: number, b: number): boolean {
    if (!this.step(k, b)) return false;
    this.cur = this.next;
    return true;
  }

  step(k: number, b: number): boolean {
    if (!(b >= 0 && b < this.enabled(k))) return false;
    this.coverage[this.T[k]!.steps[this.cur[this.keys[k]!].pc - 1]!.id]++;
    this.next = this.successor(k, b);
    return true;
  }

  enabledRec(k: number, rec: Recorder): number {
    const th = this.T[k]!, t = this.cur[this.keys[k]!];
    rec.readRange(th.pcOffset, pcSize(th));
    if (t.pc === 0) return 0;
    const cs = th.steps[t.pc - 1]!, st = cs.step;
    const g = recordRecord(this.c.model.state, this.cur.g, 0, rec), l = recordRecord(th.localsType, t.l, th.localsOffset, rec);
    try {
      if (st.await !== undefined && !st.await(g, l)) return 0;
      return cs.nb >= 0 ? cs.nb : dynamicBranches(st.branches as (s: unknown, t: unknown) => number, g, l);
    } catch (e) { throw inStep(e, th, cs.label, true); }
  }

  stepRec(k: number, b: number, rec: Recorder): boolean {
    if (!(b >= 0 && b < this.enabled(k))) return false;
    this.coverage[this.T[k]!.steps[this.cur[this.keys[k]!].pc - 1]!.id]++;
    this.next = this.successor(k, b, rec);
    return true;
  }

  recG(useNext: boolean, rec: Recorder) { return recordRecord(this.c.model.state, (useNext ? this.next : this.cur).g, 0, rec); }
  recQ(useNext: boolean, rec: Recorder) { return recordingQuery(this.c, useNext ? this.nextQ() : this.curQ(), rec); }

  pc(k: number): number { return this.cur[this.keys[k]!].pc; }
  curG() { return this.cur.g; }
  nextG() { return this.next.g; }
  curQ(): Query { return this.query(() => this.cur); }
  nextQ(): Query { return this.query(() => this.next); }
  curLocals(k: number) { return this.cur[this.keys[k]!].l; }

  private query(s: () => State): Query {
    const byName = this.c.threadByName, keys = this.keys, T = this.T;
    const find = (name: string) => {
      const th = byName.get(name);
      if (!th) throw new ModelError('E101', `a property asked for thread '${name}', which the model does not have; threads: ${T.map((x) => x.name).join(', ')}`);
      return th;
    };
    return {
      at(name) { const th = find(name); const pc = s()[keys[th.index]!].pc; return pc === 0 ? null : th.steps[pc - 1]!.label; },
      locals(name) { return s()[keys[find(name).index]!].l; },
    };
  }

  /** Never claims it: the reference search evaluates every property on every transition. */
  unchanged(_words: Uint32Array): boolean { return false; }

  bytes(): Uint8Array {
    const u8 = new Uint8Array(this.c.width);
    encode(this.c.full, this.cur, u8, 0, 'state');
    return u8;
  }

  pushNext(id: number, depth: number): void { this.work.push({ s: this.next, id, depth }); }
  pushCur(id: number, depth: number): void { this.work.push({ s: this.cur, id, depth }); }
  popFront(): boolean {
    if (this.head >= this.work.length) return false;
    const w = this.work[this.head]!;
    this.work[this.head++] = undefined as never;
    if (this.head > 4096 && this.head * 2 > this.work.length) { this.work = this.work.slice(this.head); this.head = 0; }
    this.set(w);
    return true;
  }
  popBack(): boolean {
    if (this.head >= this.work.length) return false;
    this.set(this.work.pop()!);
    return true;
  }
  private set(w: { s: State; id: number; depth: number }) { this.cur = w.s; this.poppedId = w.id; this.poppedDepth = w.depth; }
  pending(): number { return this.work.length - this.head; }
  clear(): void { this.work = []; this.head = 0; }
  queueBytes(): number { return this.pending() * (64 + this.c.width * 8); }
}
