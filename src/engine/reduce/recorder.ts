/**
 * Footprint recording: which bytes of the flat layout (compile.ts) a piece of model code reads and
 * writes. Code runs on recording proxies laid over whatever the backend hands it (the fast
 * backend's accessor views, the reference backend's immer drafts or frozen objects); each proxy
 * knows its schema and byte offset, so both backends record the same bytes for the same code.
 *
 * Only partial-order reduction uses this: the unreduced search never builds a proxy, so its fast
 * path is untouched. A leaf read or written by name counts as that byte; a method of an integer
 * array (`indexOf`, iteration, `fill`) counts as reading every element, and a method that can
 * change the array (`fill`, `set`, `sort`, ...) as writing every element too. Writes count when
 * made, whether or not the value changes (independence needs what a step may change). An
 * `add` (engine/add.ts) counts as a write of its bytes that is also an add, not as a read.
 */
import type { Compiled, CompiledThread } from '../compile.js';
import type { Query, StepCtx } from '../model.js';
import type { FieldT, RecordT } from '../schema.js';
import { protoOf, sizeOf, view } from '../schema.js';
import { ADD, notACounter } from '../add.js';

/**
 * Bitsets over the layout's bytes: what was read, what was changed (`w`: written or added to),
 * and of that what by plain writes (`p`) and what by adds (`a`).
 */
/** While above 0, reads are not recorded (unrecorded). */
let muted = 0;
/**
 * Run f, whose reads of the state are probecheck's own checks of a step (the kernel's check that a
 * user's step releases no other thread's mutex), not the step's: they are not its footprint.
 * Sound for the reduction: f decides only whether the step is an error, never where it goes.
 */
export function unrecorded<T>(f: () => T): T {
  muted++;
  try { return f(); } finally { muted--; }
}
/** Whether reads are being recorded (`probecheck steps`' own recorder asks too). */
export const recording = (): boolean => muted === 0;

export class Recorder {
  readonly words: number;
  readonly r: Uint32Array;
  readonly w: Uint32Array;
  readonly p: Uint32Array;
  readonly a: Uint32Array;
  /** The four, end to end (cleared at once). */
  private readonly all: Uint32Array;
  constructor(readonly width: number) {
    const W = this.words = Math.max(1, Math.ceil(width / 32));
    this.all = new Uint32Array(4 * W);
    this.r = this.all.subarray(0, W);
    this.w = this.all.subarray(W, 2 * W);
    this.p = this.all.subarray(2 * W, 3 * W);
    this.a = this.all.subarray(3 * W, 4 * W);
  }
  /** Proxies made for each target (the fast backend's views are long-lived: made once). */
  readonly proxies = new WeakMap<object, unknown>();
  clear(): void { this.all.fill(0); }
  read(o: number): void { if (muted === 0) this.r[o >>> 5]! |= 1 << (o & 31); }
  write(o: number): void { const b = 1 << (o & 31); this.w[o >>> 5]! |= b; this.p[o >>> 5]! |= b; }
  add(o: number): void { const b = 1 << (o & 31); this.w[o >>> 5]! |= b; this.a[o >>> 5]! |= b; }
  readRange(o: number, n: number): void { for (let i = 0; i < n; i++) this.read(o + i); }
  writeRange(o: number, n: number): void { for (let i = 0; i < n; i++) this.write(o + i); }
  addRange(o: number, n: number): void { for (let i = 0; i < n; i++) this.add(o + i); }
}

/** The slot of an integer field that add() may change (E201 for any other field). */
function counterSlot(slots: Map<string, Slot>, field: string): Slot {
  const s = slots.get(field);
  if (!s || s.type.kind !== 'int') throw notACounter(field);
  return s;
}

interface Slot { offset: number; type: FieldT; size: number }
const layouts = new WeakMap<RecordT, Map<string, Slot>>();

function layoutOf(f: RecordT): Map<string, Slot> {
  let m = layouts.get(f);
  if (m) return m;
  m = new Map();
  let o = 0;
  for (const k in f.fields) { const type = f.fields[k]!, size = sizeOf(type); m.set(k, { offset: o, type, size }); o += size; }
  layouts.set(f, m);
  return m;
}

const MUTATORS = new Set(['fill', 'set', 'copyWithin', 'sort', 'reverse', 'push', 'pop', 'shift', 'unshift', 'splice']);

function index(key: string | symbol): number {
  if (typeof key !== 'string') return -1;
  const i = +key;
  return Number.isInteger(i) && i >= 0 && String(i) === key ? i : -1;
}

/**
 * A recording proxy of `target` (a record of type f at byte `off`). The proxy's own target is a
 * fresh dummy, so frozen or sealed targets raise no proxy-invariant errors.
 */
export function recordRecord(f: RecordT, target: any, off: number, rec: Recorder): any {
  const made = rec.proxies.get(target) as { p: object; f: RecordT; off: number } | undefined;
  // (A target reached at another offset or type, e.g. a record the model copied: not cached.)
  if (made && made.off === off && made.f === f) return made.p;
  const slots = layoutOf(f);
  const kids = new Map<string, unknown>();
  const adder = (field: string, delta: number): void => {
    const s = counterSlot(slots, field);
    rec.addRange(off + s.offset, s.size);
    target[field] += delta;
  };
  const handler: ProxyHandler<object> = {
    get(_d, key) {
      if (key === ADD) return adder;
      const s = typeof key === 'string' ? slots.get(key) : undefined;
      if (!s) return Reflect.get(target, key);
      const v = target[key as string];
      switch (s.type.kind) {
        case 'bool': case 'int': case 'enum':
          rec.readRange(off + s.offset, s.size);
          return v;
        default: {
          // Containers: one proxy per container and target (code may compare them by identity).
          let p = kids.get(key as string) as object | undefined;
          if (p === undefined || tags.get(p as object) !== v) {
            p = wrap(s.type, v, off + s.offset, rec);
            kids.set(key as string, p);
          }
          return p;
        }
      }
    },
    set(_d, key, v) {
      const s = typeof key === 'string' ? slots.get(key) : undefined;
      if (s) rec.writeRange(off + s.offset, s.size);
      target[key as string] = v;
      return true;
    },
    has(_d, key) { return key in target; },
    ownKeys() { return Reflect.ownKeys(target).filter((k) => typeof k === 'string' && slots.has(k)); },
    getOwnPropertyDescriptor(_d, key) {
      return typeof key === 'string' && slots.has(key) ? { enumerable: true, configurable: true, writable: true, value: handler.get!(_d, key, undefined) } : undefined;
    },
  };
  const p = new Proxy({}, handler);
  if (!made) rec.proxies.set(target, { p, f, off });
  return p;
}

/**
 * The fast backend's recording views of the whole layout: schema.view's accessor views over the
 * same buffer, whose getters and setters also mark their bytes in `rec` (an integer array is
 * still a recording proxy). Built once per buffer and recorder: no proxy per record, no allocation per
 * access; the same bytes as recordRecord (the footprint test compares both backends).
 */
export function recordingView(f: RecordT, buf: Uint8Array, path: string, rec: Recorder): any {
  return view(f, buf, 0, path, { proto: recordingProto, ints: (n, sub, o) => recordInts(n, sub, o, rec), hidden: { $r: rec } });
}

interface RecView { $b: Uint8Array; $o: number; $r: Recorder }
const recordingProtos = new WeakMap<RecordT, object>();

/** schema.view's prototype with each leaf's accessors also recording (the setters keep their range checks). */
function recordingProto(f: RecordT): object {
  let proto = recordingProtos.get(f);
  if (proto) return proto;
  proto = {};
  const plain = protoOf(f);
  const slots = layoutOf(f);
  // add(): marks the bytes as added to, then adds as on a plain view (schema.ts), so the value's read is not recorded.
  const plainAdd = (plain as { [ADD]: (this: RecView, field: string, delta: number) => void })[ADD];
  Object.defineProperty(proto, ADD, { value(this: RecView, field: string, delta: number) {
    const s = counterSlot(slots, field);
    this.$r.addRange(this.$o + s.offset, s.size);
    plainAdd.call(this, field, delta);
  } });
  for (const [name, s] of slots) {
    const k = s.type.kind;
    if (k !== 'bool' && k !== 'int' && k !== 'enum') continue;
    const d = Object.getOwnPropertyDescriptor(plain, name)!, get = d.get!, set = d.set!, at = s.offset, size = s.size;
    Object.defineProperty(proto, name, {
      enumerable: true,
      get(this: RecView) { this.$r.readRange(this.$o + at, size); return get.call(this); },
      set(this: RecView, x: unknown) { this.$r.writeRange(this.$o + at, size); set.call(this, x); },
    });
  }
  recordingProtos.set(f, proto);
  return proto;
}

function wrap(f: FieldT, target: any, off: number, rec: Recorder): object {
  if (f.kind === 'record') return tag(recordRecord(f, target, off, rec), target);
  if (f.kind === 'ints') return tag(recordInts(f.length, target, off, rec), target);
  if (f.kind === 'records') return tag(recordRecords(f.of, f.length, target, off, rec), target);
  return target;
}

/** Remember which target a container proxy wraps (the reference backend's targets change). */
function tag(p: object, target: unknown): object {
  tags.set(p, target);
  return p;
}
const tags = new WeakMap<object, unknown>();

function recordInts(length: number, target: any, off: number, rec: Recorder): object {
  return new Proxy([] as unknown[], {
    get(_d, key) {
      const i = index(key);
      if (i >= 0) { if (i < length) rec.read(off + i); return target[i]; }
      if (key === 'length') return length;
      const v = Reflect.get(target, key);
      if (typeof v !== 'function') return v;
      const name = typeof key === 'string' ? key : '';
      return (...args: unknown[]) => {
        rec.readRange(off, length);
        if (MUTATORS.has(name)) rec.writeRange(off, length);
        return Reflect.apply(v, target, args);
      };
    },
    set(_d, key, v) {
      const i = index(key);
      if (i >= 0 && i < length) rec.write(off + i);
      target[key as string] = v;
      return true;
    },
    has(_d, key) { return key in target; },
  });
}

function recordRecords(of: RecordT, length: number, target: any, off: number, rec: Recorder): object {
  const size = sizeOf(of);
  const kids: unknown[] = [];
  return new Proxy([] as unknown[], {
    get(_d, key) {
      const i = index(key);
      if (i >= 0) {
        if (i >= length) return undefined;
        const v = target[i];
        let p = kids[i] as object | undefined;
        if (p === undefined || tags.get(p as object) !== v) { p = tag(recordRecord(of, v, off + i * size, rec), v); kids[i] = p; }
        return p;
      }
      if (key === 'length') return length;
      // Array methods run on the proxy (this = proxy), so their element reads are recorded.
      return Reflect.get(Array.prototype, key) ?? Reflect.get(target, key);
    },
    set(_d, key, v) {
      const i = index(key);
      if (i >= 0 && i < length) rec.writeRange(off + i * size, size);
      target[key as string] = v;
      return true;
    },
    has(_d, key) { const i = index(key); return i >= 0 ? i < length : key in target; },
  });
}

/** The threads a spawn(nameOrProgram) may start: the one of that name, else every instance of the program. */
function candidates(c: Compiled, nameOrProgram: string): CompiledThread[] {
  const th = c.threadByName.get(nameOrProgram);
  return th ? [th] : c.threads.filter((x) => x.program === nameOrProgram);
}

export function pcSize(th: CompiledThread): number { return th.pcWide ? 2 : 1; }

/**
 * A step's ctx that records what spawn and canSpawn look at: the program counters of the threads
 * they consider, in order, up to the one picked; spawn writes the picked thread's pc and locals.
 * `running` answers for the state the step is writing.
 */
export function recordingCtx(c: Compiled, base: StepCtx, rec: Recorder, running: (th: CompiledThread) => boolean): StepCtx {
  const look = (name: string): CompiledThread | undefined => {
    for (const th of candidates(c, name)) {
      rec.readRange(th.pcOffset, pcSize(th));
      if (!running(th) || c.threadByName.has(name)) return th;
    }
    return undefined;
  };
  return {
    spawn(name, init) {
      const th = look(name);
      if (th) { rec.writeRange(th.pcOffset, pcSize(th)); rec.writeRange(th.localsOffset, th.localsSize); }
      base.spawn(name, init);
    },
    canSpawn(name) { look(name); return base.canSpawn(name); },
    // Every thread's program counter and locals are read.
    threads() {
      for (const th of c.threads) { rec.readRange(th.pcOffset, pcSize(th)); rec.readRange(th.localsOffset, th.localsSize); }
      return base.threads!();
    },
  };
}

/** A Query that records: at(t) reads t's program counter, locals(t) is a recording view. */
export function recordingQuery(c: Compiled, base: Query, rec: Recorder): Query {
  const made = rec.proxies.get(base) as Query | undefined;
  if (made) return made;
  const q: Query = {
    at(name) {
      const th = c.threadByName.get(name);
      if (th) rec.readRange(th.pcOffset, pcSize(th));
      return base.at(name);
    },
    locals(name) {
      const l = base.locals(name);
      const th = c.threadByName.get(name)!;
      return recordRecord(th.localsType, l, th.localsOffset, rec);
    },
  };
  rec.proxies.set(base, q);
  return q;
}

/** What running a step always touches besides its code's reads and writes: its own pc, and its locals when it ends. */
export function recordOwn(th: CompiledThread, npc: number, rec: Recorder): void {
  rec.readRange(th.pcOffset, pcSize(th));
  rec.writeRange(th.pcOffset, pcSize(th));
  if (npc === 0) rec.writeRange(th.localsOffset, th.localsSize);
}
