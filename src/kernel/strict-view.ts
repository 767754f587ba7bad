/**
 * Users' properties read the kernel view through this: a name the view does not have (`boundd`
 * for `bound`) throws, naming it and the nearest known name, instead of reading `undefined`,
 * which would let a check pass silently. TypeScript would catch the typo, but tsx runs a user's
 * file without type-checking it. The library's own properties read the view directly.
 *
 * Only the view's own objects are wrapped (they are frozen; a property's own objects are not),
 * and each is wrapped once: the view is built once per state buffer, so are these.
 */
import { didYouMean } from '../engine/errors.js';

const wrapped = new WeakMap<object, unknown>();

/** On a view's `patch` object (view.ts): what it belongs to, for the error on a field no patch adds. */
export const PATCH_FIELDS = Symbol.for('probecheck.patchFields');

/** The strict form of a value read from the view. */
export function strict<T>(x: T): T {
  if (typeof x !== 'object' || x === null || !Object.isFrozen(x)) return x;
  // A list: a plain copy of its strict elements (indexing past the end stays `undefined`).
  if (Array.isArray(x)) return cached(x, () => x.map(strict)) as T;
  return cached(x, () => new Proxy({}, handler(x as Record<string | symbol, unknown>))) as T;
}

/**
 * The strict form of a frozen object made for one call (an action property's move): not kept in
 * the cache, whose WeakMap would take an entry per move and leave the collector that many to clear.
 */
export function strictOnce<T extends object>(x: T): T {
  return new Proxy({}, handler(x as Record<string | symbol, unknown>)) as T;
}

const bound = new WeakMap<object, Map<string | symbol, unknown>>();
function methods(real: object, key: string | symbol, f: (...a: unknown[]) => unknown): unknown {
  let m = bound.get(real);
  if (!m) { m = new Map(); bound.set(real, m); }
  let g = m.get(key);
  if (g === undefined) { g = (...args: unknown[]) => strict(f.apply(real, args)); m.set(key, g); }
  return g;
}

function cached(x: object, make: () => unknown): unknown {
  let w = wrapped.get(x);
  if (w === undefined) { w = make(); wrapped.set(x, w); }
  return w;
}

/** Names JavaScript itself asks of any object (await, JSON.stringify, test matchers, inspection). */
const PASS = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'constructor', 'valueOf', 'toString']);

/** The view expression of a patch-field owner ("device 'dc'" is v.dev('dc')), for the hint above. */
function accessor(owner: string): string {
  const m = /^(device|driver|thread) '(.*)'$/.exec(owner);
  return m === null ? 'v' : `v.${({ device: 'dev', driver: 'drv', thread: 'thread' } as const)[m[1] as 'device']}('${m[2]}')`;
}

function handler(real: Record<string | symbol, unknown>): ProxyHandler<object> {
  const label = typeof real.name === 'string' ? `'${real.name}'` : 'the view';
  const readOnly = (key: string | symbol): never => { throw new Error(`the view is read-only: a property cannot set '${String(key)}' on ${label}`); };
  return {
    get(_t, key) {
      if (typeof key === 'symbol' || key in real || PASS.has(key) || key.startsWith('$$') || key.startsWith('@@')) {
        const v = real[key];
        // A method (v.dev, thread.inside): called on the view itself, its result strict in turn.
        return typeof v === 'function' ? methods(real, key, v as (...a: unknown[]) => unknown) : strict(v);
      }
      const near = didYouMean(key, Object.keys(real));
      const hint = near !== undefined ? `; did you mean '${near}'?` : '';
      // `patch`: the fields a user's patch adds, absent where the run has no such patch (diff's base side).
      // Absent on diff's base side too, where a property that asks first is still checked: say how.
      if (real[PATCH_FIELDS]) throw new Error(`no patch in this run adds a field '${key}' to ${String(real[PATCH_FIELDS])}${hint} (fields the patches add there: ${Object.keys(real).join(', ') || 'none'}); a property read where no patch adds it (diff's base side) asks first: '${key}' in ${accessor(String(real[PATCH_FIELDS]))}.patch && ...`);
      throw new Error(`${label} has no field '${key}'${hint} (fields: ${Object.keys(real).join(', ')})`);
    },
    has: (_t, key) => key in real,
    ownKeys: () => Reflect.ownKeys(real),
    getOwnPropertyDescriptor(_t, key) {
      const d = Reflect.getOwnPropertyDescriptor(real, key);
      return d && { ...d, configurable: true };
    },
    set: (_t, key) => readOnly(key),
    defineProperty: (_t, key) => readOnly(key),
    deleteProperty: (_t, key) => readOnly(key),
  };
}
