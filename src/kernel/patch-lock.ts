/**
 * A lock a user's patch declares (`state: { dev: { foo: 'mutex' } }`, `{ kernel: { foo_mutex:
 * 'mutex' } }`: patch-state.ts), as its steps take and release it: `lockOf(site, 'foo', dev)`.
 * The field holds the owner's thread id, 0 when free, as dev[].mutex does, so what reads the
 * model's locks reads it too (state.ts isLockPath, emit.ts locksHeld and the E203 release checks,
 * no-wait-under-lock); `waits` words the wait as the library's mutex waits do (`&dev->foo(dc) held
 * by modprobe`), which the deadlock report reads for the holder. Before it (s46 h24, s47 h1) a
 * patch's lock was an int field its steps set to `site.tb.owner`: none of those saw it.
 */
import { didYouMean } from '../engine/errors.js';
import type { Site } from './emit.js';
import { holder } from './paths/common.js';
import type { KS } from './state.js';

export interface PatchLock {
  /** As traces and reports name it: `&dev->foo(dc)`, or a kernel lock's own name. */
  readonly name: string;
  /** Free: the `await` of the step that takes it. */
  free(s: KS): boolean;
  /** Held by the thread the step runs in. */
  mine(s: KS): boolean;
  /** mutex_lock / spin_lock, in a step whose `await` is free(s): the thread holds it after. */
  take(s: KS): void;
  /** mutex_unlock / spin_unlock: only the holder releases it. */
  release(s: KS): void;
  /** The step's `waits`: the lock and its holder, as deadlock reports print them. */
  waits(s: KS): string;
}

/**
 * The `free` of each lock lockOf made, with what it is: a step whose `await` is that function and no
 * other waits for that lock alone, and is as fair as the kernel's lock of its kind (emit.ts: a
 * spinlock's wait strongly on every profile, a mutex's where MUTEX_HANDOFF).
 */
const FREES = new WeakMap<object, { kind: 'mutex' | 'spinlock'; name: string }>();
/** The lock a step's `await` waits for alone, where it is a lock's `free` (lockOf): its kind and name. */
export function lockWaitOf(aw: unknown): { kind: 'mutex' | 'spinlock'; name: string } | undefined {
  return typeof aw === 'function' ? FREES.get(aw) : undefined;
}

/**
 * The `waits` of each lock lockOf made: a step that words its wait as the lock's but whose `await` is
 * a guard of its own (`(s) => lock.free(s)`) is weakly fair, and the lasso that passes it over says
 * how to make it the lock's (emit.ts; s47 h11: it was told to write strong: true "if it waits only
 * for a struct mutex", of a spinlock too).
 */
const WAITS = new WeakMap<object, { kind: 'mutex' | 'spinlock'; name: string }>();
/** The lock a step's `waits` names, where it is a lock's `waits` (lockOf). */
export function lockWaitsOf(w: unknown): { kind: 'mutex' | 'spinlock'; name: string } | undefined {
  return typeof w === 'function' ? WAITS.get(w) : undefined;
}

/** `to` wraps `from` (a step's waits as emit.ts views it): it names the same lock, if `from` does. */
export function keepLockWaits(from: unknown, to: unknown): void {
  const w = lockWaitsOf(from);
  if (w && typeof to === 'function') WAITS.set(to, w);
}

/** `to` wraps `from` (a user's step's await as emit.ts views it): it waits for the same lock, if `from` does. */
export function keepLockWait(from: unknown, to: unknown): void {
  const w = lockWaitOf(from);
  if (w && typeof to === 'function') FREES.set(to, w);
}

/** Patch lock `field` of device `dev` (omitted: the kernel's, state.kernel) for the thread of `site`. */
export function lockOf(site: Site, field: string, dev?: number): PatchLock {
  const ls = site.k.locks, scope = dev === undefined ? 'kernel' : 'dev';
  // Plain errors: emit.ts userHunkStep makes them E604 naming the patch and its step (s47 h5: this one named neither), and
  // one thrown at search time, from a step's run, is E203 naming the step.
  const declared = (dev === undefined ? ls?.kernel : ls?.dev) ?? [];
  if (!declared.includes(field)) {
    const other = (dev === undefined ? ls?.dev : ls?.kernel)?.includes(field), near = didYouMean(field, declared);
    throw new Error(`lockOf(site, '${field}'${dev === undefined ? '' : ', dev'}): no patch declares a lock '${field}' in state.${scope}${other ? ` (it is state.${scope === 'dev' ? 'kernel' : 'dev'}'s: ${dev === undefined ? 'give the device' : 'give no device'})` : near !== undefined ? `; did you mean '${near}'?` : ` (declare it: state: { ${scope}: { ${field}: 'mutex' } }, or 'spinlock')`}`);
  }
  if (dev !== undefined && !(Number.isInteger(dev) && dev >= 0 && dev < site.k.w.devices.length)) {
    throw new Error(`lockOf(site, '${field}', ${String(dev)}): no device ${String(dev)} (site.dev, or an index of site.k.w.devices)`);
  }
  const me = site.tb.owner;
  const name = dev === undefined ? field : `&dev->${field}(${site.k.vn(dev)})`;
  const rec = (s: KS): Record<string, number> => (dev === undefined ? s : s.dev[dev]!) as unknown as Record<string, number>;
  const owner = (s: KS): number => rec(s)[field]!;
  const free = (s: KS): boolean => owner(s) === 0;
  const waits = (s: KS): string => `${name} held by ${holder(site.k, owner(s))}`;
  const what = { kind: ls?.spin?.includes(`${scope}.${field}`) ? 'spinlock' as const : 'mutex' as const, name };
  FREES.set(free, what);
  WAITS.set(waits, what);
  return {
    name,
    free,
    mine: (s) => owner(s) === me,
    take: (s) => {
      const o = owner(s);
      // A take without the wait (or of a lock the thread holds: mutex_lock's AA deadlock) is a mistake in the hunk.
      if (o !== 0) throw new Error(`it takes ${name}, which ${o === me ? 'it already holds (a second lock by its holder deadlocks)' : `${holder(site.k, o)} holds, without waiting for it: the step that takes it waits for it (await: lock.free, which is as fair as the kernel's lock; a closure around it is a guard of yours)`}`);
      rec(s)[field] = me;
    },
    release: (s) => {
      const o = owner(s);
      if (o !== me) throw new Error(`it releases ${name}, which ${o === 0 ? 'no thread holds' : `${holder(site.k, o)} holds`}: a step releases only a lock its own thread holds`);
      rec(s)[field] = 0;
    },
    waits,
  };
}
