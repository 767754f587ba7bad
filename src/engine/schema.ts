/**
 * State schemas: the shape of a model's state, written once and read by both backends.
 *
 * A schema is a tree of records whose leaves are small values: booleans, bounded integers
 * (0..max, max <= 255), enums, and fixed-length arrays of integers or of records. Every leaf
 * takes one byte in the flat layout, so the fast backend's state is a byte string and the
 * reference backend's plain object encodes to the same bytes (and the same fingerprint). The one
 * exception is internal: a program counter of a thread with more than 255 steps (`wideInt`)
 * takes two bytes, little-endian.
 *
 * Surprise: arrays hold integers or records, never booleans or enums, because the fast
 * backend hands out integer arrays as Uint8Array views (a write there is not range-checked as it
 * is made: the search checks each new state, fast.ts checkNext; the reference backend checks
 * them when it encodes a state).
 */
import { ADD, notACounter } from './add.js';
import { ModelError } from './errors.js';

export interface BoolT { readonly kind: 'bool' }
export interface IntT {
  readonly kind: 'int'; readonly max: number;
  /** Holds a thread index + 1 (0 = none), e.g. a lock owner: traces show the thread's name. */
  readonly owner?: boolean;
  /** Names of the values, for traces (`NULL`, `dc-drv`, ...). */
  readonly labels?: readonly string[];
}
export interface EnumT<V extends string = string> { readonly kind: 'enum'; readonly values: readonly V[] }
export interface IntsT {
  readonly kind: 'ints'; readonly length: number; readonly max: number; readonly owner?: boolean;
  /** Element names for traces (`lock[host1x]` rather than `lock[0]`). */
  readonly names?: readonly string[];
}
export interface RecordT<F extends Fields = Fields> { readonly kind: 'record'; readonly fields: F }
export interface RecordsT<R extends RecordT = RecordT> {
  readonly kind: 'records'; readonly length: number; readonly of: R;
  /** Element names for traces (`dev[dc].mutex` rather than `dev[1].mutex`). */
  readonly names?: readonly string[];
}
export type FieldT = BoolT | IntT | EnumT | IntsT | RecordT | RecordsT;
export type Fields = { readonly [name: string]: FieldT };

/** What step code sees for an integer array: a Uint8Array (fast) or a number[] (reference). */
export interface IntArray { [index: number]: number; readonly length: number }

/** The TypeScript type of a state described by schema F. */
export type Infer<F> =
  F extends BoolT ? boolean :
  F extends IntT ? number :
  F extends EnumT<infer V> ? V :
  F extends IntsT ? IntArray :
  F extends RecordsT<infer R> ? Infer<R>[] :
  F extends RecordT<infer Fs> ? { -readonly [K in keyof Fs]: Infer<Fs[K]> } :
  never;

/** Schema constructors. */
export const t = {
  bool: { kind: 'bool' } as BoolT,
  int(max: number): IntT {
    if (!Number.isInteger(max) || max < 1 || max > 255) throw new ModelError('E102', `t.int(${max}): max must be an integer in 1..255`);
    return { kind: 'int', max };
  },
  enum<V extends string>(...values: V[]): EnumT<V> {
    if (values.length < 1 || values.length > 256) throw new ModelError('E102', `t.enum: needs 1..256 values`);
    return { kind: 'enum', values };
  },
  /** A thread index + 1 (0 = none): a lock owner. Traces show the thread's name. */
  owner(): IntT { return { kind: 'int', max: 255, owner: true }; },
  /** An integer 0..labels.length-1 that traces show by name (a reference: `NULL`, `dc-drv`). */
  named(labels: readonly string[]): IntT {
    if (labels.length < 2 || labels.length > 256) throw new ModelError('E102', `t.named: needs 2..256 labels`);
    return { kind: 'int', max: labels.length - 1, labels };
  },
  record<F extends Fields>(fields: F): RecordT<F> {
    for (const k of Object.keys(fields)) if (k.startsWith('$')) throw new ModelError('E102', `field '${k}': names starting with '$' are reserved`);
    return { kind: 'record', fields };
  },
  /** A fixed-length array of integers or records; `names` label its elements in traces. */
  array<E extends IntT | RecordT>(length: number, of: E, names?: readonly string[]): E extends RecordT ? RecordsT<E> : IntsT {
    if (!Number.isInteger(length) || length < 0) throw new ModelError('E102', `t.array(${length}): length must be a non-negative integer`);
    if (names && names.length !== length) throw new ModelError('E102', `t.array(${length}): ${names.length} element names given`);
    const n = names ? { names } : {};
    if (of.kind === 'int') return { kind: 'ints', length, max: of.max, ...(of.owner ? { owner: true } : {}), ...n } as never;
    if (of.kind === 'record') return { kind: 'records', length, of, ...n } as never;
    throw new ModelError('E102', `t.array: elements must be t.int(...) or t.record(...), not ${(of as FieldT).kind}`);
  },
};

/**
 * An integer 0..max (max <= 65535) in two bytes when max > 255: only for program counters
 * (compile.ts), which the trace diff leaves out; model state stays one byte per leaf.
 */
export function wideInt(max: number): IntT {
  if (!Number.isInteger(max) || max < 1 || max > 0xffff) throw new ModelError('E102', `wideInt(${max}): max must be an integer in 1..65535`);
  return max <= 255 ? t.int(max) : { kind: 'int', max };
}

/** Number of bytes a field takes in the flat layout. */
export function sizeOf(f: FieldT): number {
  switch (f.kind) {
    case 'int': return f.max > 255 ? 2 : 1;
    case 'bool': case 'enum': return 1;
    case 'ints': return f.length;
    case 'record': { let n = 0; for (const k in f.fields) n += sizeOf(f.fields[k]!); return n; }
    case 'records': return f.length * sizeOf(f.of);
  }
}

/** The zero value of a field as a plain object (reference backend's initial state). */
export function zeroOf(f: FieldT): unknown {
  switch (f.kind) {
    case 'bool': return false;
    case 'int': return 0;
    case 'enum': return f.values[0];
    case 'ints': return new Array<number>(f.length).fill(0);
    case 'record': { const o: Record<string, unknown> = {}; for (const k in f.fields) o[k] = zeroOf(f.fields[k]!); return o; }
    case 'records': return Array.from({ length: f.length }, () => zeroOf(f.of));
  }
}

/** Write plain value v of type f into buf at offset o; returns the next offset. Range-checked. */
export function encode(f: FieldT, v: unknown, buf: Uint8Array, o: number, path: string): number {
  // The common case runs a writer compiled for the schema, which builds no path strings and
  // switches on no kinds (the two were most of the reference backend's encoding time); a bad
  // value is encoded again by the generic walk, naming where it is.
  let w = writers.get(f);
  if (!w) writers.set(f, (w = compile(f)));
  try { return w(v, buf, o); } catch (e) { if (e === BAD) return write(f, v, buf, o, path); throw e; }
}

type Writer = (v: unknown, buf: Uint8Array, o: number) => number;
const writers = new WeakMap<FieldT, Writer>();

/** write(f, ., ., ., undefined) as closures built once per schema node: the same bytes, BAD where write throws. */
function compile(f: FieldT): Writer {
  switch (f.kind) {
    case 'bool':
      return (v, buf, o) => { if (v === true) buf[o] = 1; else if (v === false) buf[o] = 0; else throw BAD; return o + 1; };
    case 'int': {
      const max = f.max;
      if (max > 255) return (v, buf, o) => { if (!isByte(v, max)) throw BAD; buf[o] = (v as number) & 0xff; buf[o + 1] = (v as number) >>> 8; return o + 2; };
      return (v, buf, o) => { if (!isByte(v, max)) throw BAD; buf[o] = v as number; return o + 1; };
    }
    case 'enum': {
      const values = f.values;
      return (v, buf, o) => { const i = values.indexOf(v as string); if (i < 0) throw BAD; buf[o] = i; return o + 1; };
    }
    case 'ints': {
      const { length, max } = f;
      return (v, buf, o) => {
        const a = v as IntArray;
        for (let i = 0; i < length; i++) { const x = a[i]; if (!isByte(x, max)) throw BAD; buf[o + i] = x!; }
        return o + length;
      };
    }
    case 'record': {
      // Generated so that each field is a load by a constant name, which V8 caches per site (a
      // loop over the keys is one megamorphic load, and was most of the encoding time).
      const keys = Object.keys(f.fields), ws = keys.map((k) => compile(f.fields[k]!));
      const body = keys.map((k, i) => `o = w[${i}](r[${JSON.stringify(k)}], buf, o);`).join('\n');
      return new Function('w', `return function (r, buf, o) {\n${body}\nreturn o;\n};`)(ws) as Writer;
    }
    case 'records': {
      const { length } = f, w = compile(f.of);
      return (v, buf, o) => { const a = v as unknown[]; for (let i = 0; i < length; i++) o = w(a[i], buf, o); return o; };
    }
  }
}

const BAD = Symbol('bad value');
const isByte = (x: unknown, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
const bad = (at: string | undefined, x: unknown, want: string) => (at === undefined ? BAD : badValue(at, x, want));

/** encode's walk; `path` undefined: a bad value throws BAD instead of naming where it is. */
function write(f: FieldT, v: unknown, buf: Uint8Array, o: number, path: string | undefined): number {
  switch (f.kind) {
    case 'bool':
      if (typeof v !== 'boolean') throw bad(path, v, 'a boolean');
      buf[o] = v ? 1 : 0; return o + 1;
    case 'int':
      if (!isByte(v, f.max)) throw bad(path, v, `an integer in 0..${f.max}`);
      buf[o] = (v as number) & 0xff;
      if (f.max > 255) { buf[o + 1] = (v as number) >>> 8; return o + 2; }
      return o + 1;
    case 'enum': {
      const i = f.values.indexOf(v as string);
      if (i < 0) throw bad(path, v, `one of ${f.values.join(', ')}`);
      buf[o] = i; return o + 1;
    }
    case 'ints': {
      const a = v as IntArray;
      for (let i = 0; i < f.length; i++) {
        const x = a[i];
        if (!isByte(x, f.max)) throw bad(path === undefined ? undefined : `${path}[${f.names?.[i] ?? i}]`, x, `an integer in 0..${f.max}`);
        buf[o + i] = x!;
      }
      return o + f.length;
    }
    case 'record': {
      const r = v as Record<string, unknown>;
      for (const k in f.fields) o = write(f.fields[k]!, r[k], buf, o, path === undefined ? undefined : `${path}.${k}`);
      return o;
    }
    case 'records': {
      const a = v as unknown[];
      for (let i = 0; i < f.length; i++) o = write(f.of, a[i], buf, o, path === undefined ? undefined : `${path}[${f.names?.[i] ?? i}]`);
      return o;
    }
  }
}

/** Read a plain (unfrozen) value of type f from buf at offset o. */
export function decode(f: FieldT, buf: Uint8Array, o: number): unknown {
  let r = readers.get(f);
  if (!r) readers.set(f, (r = compileReader(f)));
  return r(buf, o);
}

type Reader = (buf: Uint8Array, o: number) => unknown;
const readers = new WeakMap<FieldT, Reader>();

/** A reader built once per schema node, with each field's offset worked out (decode's walk was most of `steps`). */
function compileReader(f: FieldT): Reader {
  switch (f.kind) {
    case 'record': {
      // Generated as an object literal, as the writer is: one shape per record, built at once (a
      // loop of keyed stores made every decoded record a dictionary, most of `steps --patch`).
      const keys = Object.keys(f.fields), rs: Reader[] = [], at: number[] = [];
      let size = 0;
      for (const k of keys) { rs.push(compileReader(f.fields[k]!)); at.push(size); size += sizeOf(f.fields[k]!); }
      // (`["__proto__"]: v` defines the field; `"__proto__": v` would set the prototype.)
      const body = keys.map((k, i) => `${k === '__proto__' ? `[${JSON.stringify(k)}]` : JSON.stringify(k)}: r[${i}](buf, o + ${at[i]})`).join(',\n');
      return new Function('r', `return function (buf, o) {\nreturn {\n${body}\n};\n};`)(rs) as Reader;
    }
    case 'records': {
      const s = sizeOf(f.of), n = f.length, r = compileReader(f.of);
      return (buf, o) => { const a = new Array<unknown>(n); for (let i = 0; i < n; i++) a[i] = r(buf, o + i * s); return a; };
    }
    case 'bool': return (buf, o) => buf[o] !== 0;
    case 'int': return f.max > 255 ? (buf, o) => buf[o]! | (buf[o + 1]! << 8) : (buf, o) => buf[o];
    case 'enum': { const values = f.values; return (buf, o) => values[buf[o]!]; }
    case 'ints': { const n = f.length; return (buf, o) => Array.from(buf.subarray(o, o + n)); }
  }
}

/**
 * An integer array whose elements may take all 256 byte values: a write of 256 through the plain
 * Uint8Array would wrap to 0, and no value read afterwards shows it (a hunt, 2026-12-05: the fast
 * backend said `holds` where the reference backend said E201). Its writes are checked as they
 * are made, as a record field's accessor checks; the arrays narrower than a byte are checked per
 * state instead (state/fast.ts checkNext), which is cheaper. Methods run on the array itself.
 */
function fullByteInts(a: Uint8Array, path: string, names: readonly string[] | undefined): Uint8Array {
  return checkedBytes(a, (i, v) => badValue(`${path}[${names?.[i] ?? i}]`, v, 'an integer in 0..255'));
}

/**
 * A byte array whose element writes must be integers in 0..255 (`refuse(index, value)` makes the
 * error otherwise); its methods (`fill`, `set`) run on the array itself, unchecked.
 */
export function checkedBytes(a: Uint8Array, refuse: (i: number, v: unknown) => Error): Uint8Array {
  return new Proxy(a, {
    get(t, key) { const v = Reflect.get(t, key, t); return typeof v === 'function' ? v.bind(t) : v; },
    set(t, key, v) {
      if (typeof key === 'string' && /^\d+$/.test(key) && !isByte(v, 255)) throw refuse(Number(key), v);
      return Reflect.set(t, key, v, t);
    },
  });
}

function badValue(path: string, v: unknown, want: string): ModelError {
  return new ModelError('E201', `state field ${shownPath(path)} was set to ${shownValue(v)}; it must be ${want}`);
}

/**
 * A bad value as an error message shows it. NaN and Infinity as written (JSON says null: s50 h9 read
 * 'set to null' of a NaN), a BigInt as `1n` and undefined as itself; an object JSON cannot print (a
 * cycle, a BigInt inside) threw from the message's own JSON.stringify: 'step threw: Converting
 * circular structure' (s50 h13), 'Do not know how to serialize a BigInt' (s50 h17).
 */
export function shownValue(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  try { return JSON.stringify(v) ?? String(v); } catch { return `an ${Array.isArray(v) ? 'array' : 'object'} JSON cannot print (a cycle or a BigInt in it)`; }
}

/** A state path as traces name it: a global without the `state.g.` prefix (`dev[dc].cnt`, not `state.g.dev[0].cnt`). */
export function shownPath(path: string): string {
  return path.replace(/^state\.g\./, '');
}

/**
 * Accessor views over a fixed byte buffer: records become objects whose getters and setters live
 * on one shared prototype per record type and read `this.$b[this.$o + k]` (no proxies, and
 * monomorphic property access across devices[0..n]); integer arrays become Uint8Array
 * subarrays. Built once per buffer, so running a step allocates nothing.
 */
interface ViewBase { $b: Uint8Array; $o: number; $p: string; $t: Tracker }
const protos = new WeakMap<RecordT, object>();
const trackedProtos = new WeakMap<RecordT, object>();

/**
 * The 32-bit words a step wrote through a tracked view (fast.ts's next state), each listed once:
 * the fingerprint is then updated from those words alone (hash.ts). Integer arrays are plain
 * Uint8Arrays that record nothing: fast.ts compares their words itself.
 */
export class Tracker {
  n = 0;
  readonly list: Int32Array;
  readonly mark: Uint8Array;
  constructor(words: number) { this.list = new Int32Array(words); this.mark = new Uint8Array(words); }
  touch(o: number): void {
    const w = o >>> 2;
    if (this.mark[w] === 0) { this.mark[w] = 1; this.list[this.n++] = w; }
  }
  /** Forget the words listed. */
  reset(): void {
    for (let d = 0; d < this.n; d++) this.mark[this.list[d]!] = 0;
    this.n = 0;
  }
}

/** Leaf accessors of a record type: plain, or (`tracked`) also marking each byte written in the view's Tracker. */
export function protoOf(f: RecordT, tracked = false): object {
  const cache = tracked ? trackedProtos : protos;
  let proto = cache.get(f);
  if (proto) return proto;
  proto = {};
  // add(view, field, delta) on an integer field: one byte read and written, range-checked as a write.
  const adders: Record<string, (v: ViewBase, d: number) => void> = Object.create(null);
  Object.defineProperty(proto, ADD, { value(this: ViewBase, field: string, delta: number) {
    const a = adders[field];
    if (a === undefined) throw notACounter(field);
    a(this, delta);
  } });
  let k = 0;
  // The int setters test typeof first: a BigInt passes the comparisons and threw at `|` (E203
  // 'Cannot mix BigInt and other types', naming no field: s50 h17).
  for (const name in f.fields) {
    const ft = f.fields[name]!, at = k;
    if (ft.kind === 'int') {
      const max = ft.max, wide = max > 255;
      adders[name] = (v, d) => {
        const b = v.$b, o = v.$o + at, x = (wide ? b[o]! | (b[o + 1]! << 8) : b[o]!) + d;
        if (!(x >= 0 && x <= max && (x | 0) === x)) throw badValue(`${v.$p}.${name}`, x, `an integer in 0..${max}`);
        b[o] = x & 0xff;
        if (wide) b[o + 1] = x >>> 8;
        if (tracked) { v.$t.touch(o); if (wide) v.$t.touch(o + 1); }
      };
    }
    if (ft.kind === 'bool') {
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: ViewBase) { return this.$b[this.$o + at] !== 0; },
        set(this: ViewBase, x: boolean) { const o = this.$o + at; this.$b[o] = x ? 1 : 0; if (tracked) this.$t.touch(o); },
      });
    } else if (ft.kind === 'int' && ft.max > 255) {
      const max = ft.max;
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: ViewBase) { return this.$b[this.$o + at]! | (this.$b[this.$o + at + 1]! << 8); },
        set(this: ViewBase, x: number) {
          if (!(typeof x === 'number' && x >= 0 && x <= max && (x | 0) === x)) throw badValue(`${this.$p}.${name}`, x, `an integer in 0..${max}`);
          const o = this.$o + at;
          this.$b[o] = x & 0xff; this.$b[o + 1] = x >>> 8;
          if (tracked) { this.$t.touch(o); this.$t.touch(o + 1); }
        },
      });
    } else if (ft.kind === 'int') {
      const max = ft.max;
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: ViewBase) { return this.$b[this.$o + at]; },
        set(this: ViewBase, x: number) {
          if (!(typeof x === 'number' && x >= 0 && x <= max && (x | 0) === x)) throw badValue(`${this.$p}.${name}`, x, `an integer in 0..${max}`);
          const o = this.$o + at;
          this.$b[o] = x;
          if (tracked) this.$t.touch(o);
        },
      });
    } else if (ft.kind === 'enum') {
      const vals = ft.values;
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: ViewBase) { return vals[this.$b[this.$o + at]!]; },
        set(this: ViewBase, x: string) {
          const i = vals.indexOf(x);
          if (i < 0) throw badValue(`${this.$p}.${name}`, x, `one of ${vals.join(', ')}`);
          const o = this.$o + at;
          this.$b[o] = i;
          if (tracked) this.$t.touch(o);
        },
      });
    }
    k += sizeOf(ft);
  }
  cache.set(f, proto);
  return proto;
}

/**
 * How a view is made: the prototype of each record's leaf accessors, what an integer array
 * becomes, and extra hidden fields. Plain views use protoOf and subarrays; partial-order
 * reduction's recording views (reduce/recorder.ts) swap in accessors that also record.
 */
export interface ViewKind {
  proto(f: RecordT): object;
  ints(length: number, sub: Uint8Array, o: number): unknown;
  hidden?: Record<string, unknown>;
  /**
   * Where given, arrays of records are listed here with their paths and left unfrozen (else frozen): V8 (Node 20)
   * reads a frozen array's elements several times slower than a plain one's and runs `for...of`
   * over it through a builtin that allocates, and the library's steps do both on every transition.
   * The fast backend, whose views these are, checks the arrays itself (fast.ts `intact`).
   */
  open?: Map<unknown[], string>;
}
const PLAIN: ViewKind = { proto: (f) => protoOf(f), ints: (_n, sub) => sub };

/**
 * The fast backend's view of its own buffer: arrays of records open (ViewKind.open) where `open` is
 * given, else frozen; writes marked in `t` (integer arrays excepted: see Tracker) where given.
 */
export function searchView(f: RecordT, buf: Uint8Array, path: string, t: Tracker | undefined, open?: Map<unknown[], string>): Record<string, unknown> {
  const kind: ViewKind = t ? { proto: (r) => protoOf(r, true), ints: (_n, sub) => sub, hidden: { $t: t } } : { ...PLAIN };
  if (open) kind.open = open;
  return view(f, buf, 0, path, kind);
}

export function view(f: RecordT, buf: Uint8Array, o: number, path: string, kind: ViewKind = PLAIN): Record<string, unknown> {
  const v = Object.create(kind.proto(f)) as ViewBase & Record<string, unknown>;
  // Made non-enumerable as they are added: turning added properties non-enumerable afterwards
  // (defineProperty on each) was most of the cost of a view, a sixth of a small check (2026-12-06).
  hide(v, '$b', buf); hide(v, '$o', o); hide(v, '$p', path);
  if (kind.hidden) for (const k of Object.keys(kind.hidden)) hide(v, k, kind.hidden[k]);
  for (const k in f.fields) {
    const ft = f.fields[k]!;
    const p = `${path}.${k}`;
    if (ft.kind === 'ints') v[k] = ft.max === 255 ? fullByteInts(kind.ints(ft.length, buf.subarray(o, o + ft.length), o) as Uint8Array, p, ft.names) : kind.ints(ft.length, buf.subarray(o, o + ft.length), o);
    else if (ft.kind === 'record') v[k] = view(ft, buf, o, p, kind);
    else if (ft.kind === 'records') {
      const s = sizeOf(ft.of), at = o;
      const a = Array.from({ length: ft.length }, (_, i) => view(ft.of, buf, at + i * s, `${p}[${ft.names?.[i] ?? i}]`, kind));
      if (kind.open) kind.open.set(a, p); else Object.freeze(a);
      v[k] = a;
    }
    o += sizeOf(ft);
  }
  return Object.seal(v);
}

/** A writable, non-enumerable own property (what an assignment then `enumerable: false` made). */
function hide(v: object, k: string, value: unknown): void {
  Object.defineProperty(v, k, { value, writable: true, enumerable: false, configurable: true });
}

/** Names of every leaf with its byte offset, in layout order: used for per-step diffs. */
export function leaves(f: FieldT, o: number, path: string, out: { path: string; offset: number; type: FieldT }[] = []) {
  switch (f.kind) {
    case 'bool': case 'int': case 'enum': out.push({ path, offset: o, type: f }); break;
    case 'ints': for (let i = 0; i < f.length; i++) out.push({ path: `${path}[${f.names?.[i] ?? i}]`, offset: o + i, type: { kind: 'int', max: f.max, owner: f.owner } }); break;
    case 'record': for (const k in f.fields) { leaves(f.fields[k]!, o, path ? `${path}.${k}` : k, out); o += sizeOf(f.fields[k]!); } break;
    case 'records': { const s = sizeOf(f.of); for (let i = 0; i < f.length; i++) leaves(f.of, o + i * s, `${path}[${f.names?.[i] ?? i}]`, out); break; }
  }
  return out;
}

/**
 * The leaves of the global state (`leaves(c.full, 0, '')`) at `path` below it: the field itself,
 * or every leaf under a record or array (`dev[c1]`); `[*]` stands for any index (`dev[*].driver`).
 */
export function leavesAt(all: ReturnType<typeof leaves>, path: string): ReturnType<typeof leaves> {
  const re = new RegExp(`^g\\.${path.replace(/[.[\]()+*?^$|\\]/g, '\\$&').replace(/\\\[\\\*\\\]/g, '\\[[^\\]]+\\]')}(?:$|[.[])`);
  return all.filter((l) => re.test(l.path));
}

/** Human form of a leaf's byte; `threads` names owners (thread index + 1). */
export function showLeaf(type: FieldT, byte: number, threads?: readonly string[]): string {
  if (type.kind === 'bool') return byte ? 'true' : 'false';
  if (type.kind === 'int' && type.owner && threads) return byte === 0 ? 'none' : threads[byte - 1] ?? `#${byte - 1}`;
  if (type.kind === 'int' && type.labels) return type.labels[byte] ?? String(byte);
  if (type.kind === 'enum') return type.values[byte] ?? `?${byte}`;
  return String(byte);
}
