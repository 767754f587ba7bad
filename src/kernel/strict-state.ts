/**
 * The state and locals as a user's patch step sees them: a field the model does not have (a typo,
 * `okSnapp` for `okSnap`, or a field the patch forgot to declare in `state`) is an error naming
 * it, not a write the fast backend's sealed views drop in sloppy-mode code, or one the reference
 * backend keeps outside the fingerprint (a patch-state trial, 2026-12-05: the two backends then
 * gave opposite verdicts, and diff lost a real regression). The library's own steps read the
 * views directly; only steps a user's hunk made go through this, so it costs them alone.
 */
import { didYouMean } from '../engine/errors.js';
import { checkedBytes, shownValue } from '../engine/schema.js';
import type { PatchRead } from '../engine/patch-reads.js';
import { unrecorded } from '../engine/reduce/recorder.js';

const wrapped = new WeakMap<object, object>();
/** Each strict proxy's real object: a library step a user's hunk calls runs on that (emit.ts realStep). */
const real = new WeakMap<object, object>();

export function realState<T>(x: T): T {
  let r = x;
  while (typeof r === 'object' && r !== null && real.has(r)) r = real.get(r) as T;
  return r;
}

/** A view of `target` a user's step sees (emit.ts frameLocals): a library step it calls gets `target`. */
export function frameReal(view: object, target: object): void { real.set(view, target); }
/** Names JavaScript itself asks of any object (inspection, JSON, promises). */
const PASS = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', 'inspect', 'nodeType', 'asymmetricMatch']);

export function strictState<T>(x: T): T {
  if (typeof x !== 'object' || x === null) return x;
  if (ArrayBuffer.isView(x)) return strictBytes(x as unknown as Uint8Array) as T;
  let p = wrapped.get(x);
  // A shadow target: the views' arrays are frozen, and a proxy must report a frozen element as
  // it is; this one hands out the element's own strict proxy instead.
  if (!p) { p = new Proxy(Array.isArray(x) ? [] : {}, handler(x as Record<string | symbol, unknown>)); wrapped.set(x, p); real.set(p, x); }
  return p as T;
}

/**
 * An integer array as a user's step sees it: the fast backend keeps it as bytes, where 256
 * would be stored as 0 and 1.5 or true as 1 and no check after the step could tell (a review,
 * 2026-12-05); a write that is not an integer in a byte is refused at once, as the reference
 * backend refuses it (a value above the field's own max is E201 after the step, as for any step).
 * The library's steps write these arrays directly.
 */
const checked = new WeakMap<object, object>();
function strictBytes(a: Uint8Array): Uint8Array {
  let p = checked.get(a);
  if (!p) {
    p = checkedBytes(a, (_i, v) => new Error(`an integer array element was set to ${shownValue(v)}: it must be an integer in its field's range (the fast backend stores it in a byte)`));
    checked.set(a, p); real.set(p, a);
  }
  return p as Uint8Array;
}

/**
 * What a user's patch steps' guards (await) read from the state, field by field: the first value
 * read and whether another was read since. After a complete search, a field that read one value
 * every time is said (patch-notes.ts): the patch's wait on it never blocked, or always did (a patch hunt, 2026-12-05: 35a672363ab3 as a patch waited on a field
 * the profile kept false, and diff said nothing changed).
 */
export class ReadLog {
  /** `patch\0path` -> what was read. */
  private readonly seen = new Map<string, { patch: string; path: string; value: unknown; varied: boolean }>();
  private readonly proxies = new Map<string, WeakMap<object, object>>();
  /** `name('dev', 2)`: how a path names element i of a top-level array (a device's name). */
  constructor(private readonly name: (array: string, i: number) => string) {}

  /** The state as patch `patch`'s steps see it: strict, every field they write logged, and with `reads` (their guards) every field they read. */
  view(patch: string, reads = true): <T>(x: T) => T {
    const ck = `${patch}\0${reads}`;
    let cache = this.proxies.get(ck);
    if (!cache) { cache = new WeakMap(); this.proxies.set(ck, cache); }
    const c = cache;
    const wrap = <T>(x: T, path: string, array: string): T => {
      if (typeof x !== 'object' || x === null) return x;
      if (ArrayBuffer.isView(x)) return strictBytes(x as unknown as Uint8Array) as T;
      let p = c.get(x);
      if (!p) {
        const child = (key: string): string => (Array.isArray(x) && /^\d+$/.test(key) ? `${path}[${this.name(array, Number(key))}]` : path ? `${path}.${key}` : key);
        const log = (key: string, v: unknown): unknown => {
          if (typeof v === 'object' && v !== null) return wrap(v, child(key), path === '' ? key : '');
          // (An array's length is the scenario's shape, not state.)
          if (reads && typeof v !== 'function' && !(key === 'length' && Array.isArray(x))) this.read(patch, child(key), v);
          return v;
        };
        p = new Proxy(Array.isArray(x) ? [] : {}, handler(x as Record<string | symbol, unknown>, log, (key) => this.wrote(patch, child(key))));
        c.set(x, p); real.set(p, x);
      }
      return p as T;
    };
    return <T>(x: T): T => wrap(x, '', '');
  }

  /** Reads made inside f are not logged: a property asking a guard about a state the search never reached. */
  quiet<T>(f: () => T): T {
    this.paused++;
    try { return f(); } finally { this.paused--; }
  }
  private paused = 0;

  /**
   * Patch `patch`'s step `step` (a hunk's `fn:label`) had its guard (await, or a branches count)
   * asked: a thread stood at it. After a complete search, one that stood there and never fired
   * waits there for ever wherever it is reached (patch-notes.ts 'always blocks').
   */
  reached(patch: string, step: string, idle = false): boolean {
    if (this.paused > 0) return false;
    const key = `${patch}\0${step}`;
    if (!this.stood.has(key) || !idle) this.stood.set(key, idle);
    return true;
  }
  /** Stood-at steps, each true where every stand there was idle (a kworker with no work: emit.ts userStep). */
  private readonly stood = new Map<string, boolean>();

  /** The patch steps a thread stood at (reached), as `{ patch, step }`, `idle` where the step is one. */
  reachedSteps(): { patch: string; step: string; idle?: true }[] {
    return [...this.stood].map(([k, idle]) => { const [patch, step] = k.split('\0') as [string, string]; return { patch, step, ...(idle ? { idle: true as const } : {}) }; });
  }

  /**
   * A user's replacement went on through a library patch's inserted step (emit.ts Block.done's
   * redirect): `note` says which, in words made when the step was built. Set where the edge is
   * taken, so said only where the search took it (s41 h2).
   */
  redirected(note: string): void {
    if (this.paused === 0) this.redirects.add(note);
  }
  private readonly redirects = new Set<string>();
  /** The redirects taken (redirected), in the order first taken. */
  redirectNotes(): string[] { return [...this.redirects]; }

  /** `patch\0path` the patch's own steps wrote (not a library step they ran as orig, which runs on the real state). */
  private readonly writes = new Set<string>();
  private wrote(patch: string, path: string): void {
    if (this.paused === 0) this.writes.add(`${patch}\0${path}`);
  }

  private read(patch: string, path: string, value: unknown): void {
    if (this.paused > 0) return;
    const key = `${patch}\0${path}`, e = this.seen.get(key);
    if (!e) this.seen.set(key, { patch, path, value, varied: false });
    else if (!e.varied && e.value !== value) e.varied = true;
  }

  /**
   * Every field a patch's guards read: its first value, whether another was read, whether the
   * patch's steps wrote it; then each field they wrote and no guard read (`unread`): a shard that
   * only writes a field another part reads is what makes the merged note say the write (s50 h7).
   */
  reads(): PatchRead[] {
    const read = [...this.seen.values()].map(({ patch, path, value, varied }): PatchRead => ({ patch, path, value, ...(varied ? { varied: true as const } : {}), ...(this.writes.has(`${patch}\0${path}`) ? { written: true as const } : {}) }));
    const unread = [...this.writes].filter((k) => !this.seen.has(k)).map((k): PatchRead => { const [patch, path] = k.split('\0') as [string, string]; return { patch, path, written: true, unread: true }; });
    return [...read, ...unread];
  }
}

/**
 * A device's attributes the scenario fixes (world.ts DevInfo), which are not state: how a hunk
 * reads each (a new user, 2026-12-05, wanting dev->parent, was sent to declare a state field).
 */
const STATIC_DEV: Readonly<Record<string, string>> = {
  parent: 'site.k.parent(i), a device index or -1 for none',
  name: 'site.k.vn(i)',
  bus: 'site.k.w.devices[i].bus, a bus index',
  children: 'site.k.w.devices[i].children, device indices',
  drivers: 'site.k.w.devices[i].drivers, the matching drivers\' indices',
};
const isDevice = (real: object) => 'mutex' in real && 'canMatch' in real && 'asyncDriver' in real;

/**
 * A bus's settings are the scenario's (`buses: { NAME: { autoprobe: false } }`), kept in the state
 * but written by no action or step: the attach walks are built for the value the scenario gives
 * (device-add.ts busProbeDevice, driver-attach.ts), and steps are merged across the autoprobe test
 * (a2225b6e834a's device_add row). A hunk's write read as `echo 1 > drivers_autoprobe` and probed
 * nothing, in silence (s51 h5).
 */
const FIXED_BUS: Readonly<Record<string, string>> = {
  autoprobe: "a bus's autoprobe (drivers_autoprobe) is fixed by the scenario (buses: { NAME: { autoprobe: false } }): no action or step writes it, and the attach walks are built for the value the scenario gives; a patch may only read it",
  needParentLock: "a bus's needParentLock is fixed by the profile and the bus: no step writes it; a patch may only read it",
};
const isBus = (real: object) => 'autoprobe' in real && 'needParentLock' in real;

/**
 * Kernel fields the state has only where the scenario builds what keeps them (state.ts
 * kernelSchema): a hunk shared by scenarios with and without them asks first (a new user,
 * 2026-12-05, had a hunk reading defer_all_probes fail in a scenario with no device_shutdown).
 */
const SHUTDOWN_ONLY = "kept only where an actor runs device_shutdown: test `'KEY' in s` (or `in s.dev[i]`) first, as a scenario without it has none";
const INIT_STARTED = "kept only where the scenario checks module-init-barrier and a module's init may start an async entry: test `'KEY' in s.mod[m]` first, as a scenario without it has none";
const CONDITIONAL: Readonly<Record<string, string>> = { deferAllProbes: SHUTDOWN_ONLY, shutdownReturned: SHUTDOWN_ONLY, shutDown: SHUTDOWN_ONLY, ksetRank: SHUTDOWN_ONLY, initStarted: INIT_STARTED };

function unknown(real: object, key: string, writing: boolean): never {
  if (!writing && Object.hasOwn(STATIC_DEV, key) && isDevice(real)) {
    throw new Error(`the state has no field '${key}': a device's ${key} is fixed by the scenario, not state; read it as ${STATIC_DEV[key]}`);
  }
  if (Object.hasOwn(CONDITIONAL, key)) throw new Error(`this scenario's state has no field '${key}': it is ${CONDITIONAL[key]!.replace('KEY', key)}`);
  // An index past an array's end (s.dev[7] with three devices) is no misspelt field: "did you
  // mean '0'?" sent a new user (s42) to look for a field.
  if (Array.isArray(real) && /^\d+$/.test(key)) {
    throw new Error(`index ${key} is out of range: the array has ${real.length} element${real.length === 1 ? '' : 's'}${real.length ? ` (0..${real.length - 1})` : ''} (${writing ? 'a write' : 'a read'}; device, driver and link indices come from site and site.k.w)`);
  }
  // Own and inherited enumerable names (the fast backend's fields are accessors on the prototype).
  const names: string[] = [];
  for (const k in real) if (!k.startsWith('$')) names.push(k);
  const near = didYouMean(key, names);
  throw new Error(`the state has no field '${key}'${near !== undefined ? `; did you mean '${near}'?` : ''} (${writing ? 'a write' : 'a read'} of a field the model lacks: a patch declares its own fields in definePatch({ state }))`);
}

function handler(real: Record<string | symbol, unknown>, log?: (key: string, v: unknown) => unknown, wrote?: (key: string) => void): ProxyHandler<object> {
  return {
    get(_t, key) {
      if (typeof key === 'symbol' || key in real || PASS.has(key)) {
        const v = Reflect.get(real, key, real);
        if (log && typeof key === 'string' && !PASS.has(key)) return log(key, v);
        return typeof v === 'function' ? v : strictState(v);
      }
      return unknown(real, key, false);
    },
    set(_t, key, value) {
      if (typeof key === 'string' && !(key in real)) unknown(real, key, true);
      if (typeof key === 'string' && Object.hasOwn(FIXED_BUS, key) && isBus(real)) throw new Error(FIXED_BUS[key]!);
      // The fast backend stores any truthy value in a bool as true, the reference backend refuses
      // it (E201): the same step then gave two answers. A bool takes true or false.
      // (probecheck's own check, not the step's read: unrecorded for --por and `steps`.)
      if (typeof key === 'string' && typeof value !== 'boolean' && unrecorded(() => typeof Reflect.get(real, key, real) === 'boolean')) {
        throw new Error(`state field '${key}' is a bool: a step writes true or false, not ${shownValue(value)}`);
      }
      if (wrote && typeof key === 'string') wrote(key);
      return Reflect.set(real, key, value, real);
    },
    has: (_t, key) => key in real,
    // Object.keys, spread and JSON.stringify see the real object's own fields (a review, 2026-12-05).
    ownKeys: () => Reflect.ownKeys(real),
    getOwnPropertyDescriptor(t, key) {
      const d = Reflect.getOwnPropertyDescriptor(real, key);
      if (!d) return undefined;
      // The shadow array's own length is not configurable: report it as it is there.
      if (Array.isArray(t) && key === 'length') return { ...d, writable: true, configurable: false };
      return { ...d, configurable: true, ...('value' in d ? { value: strictState(d.value) } : {}) };
    },
    defineProperty(_t, key) { throw new Error(`a patch step may not define '${String(key)}' on the state: declare it in definePatch({ state })`); },
    deleteProperty(_t, key) { throw new Error(`a patch step may not delete '${String(key)}' from the state`); },
  };
}
