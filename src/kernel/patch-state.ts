/**
 * State a user's patch adds: most fixes to the driver core add a flag (`dev->p->dead`,
 * `async_driver`, `can_match`, a `probe_pending`), and a patch that could not add one could only
 * be written in terms of fields the model already has (a patch hunt, 2026-12-04: Petr Malat's
 * probe_pending/probe_ready could not be tried). `definePatch({ state: { dev: { gone: 'bool' } } })`
 * gives every device a field `gone` that the patch's steps read and write as `s.dev[i].gone`,
 * properties read as `v.dev('dc').patch.gone`, and traces name as `dev[dc].gone`. A patch's steps
 * see the state through strict-state.ts: a field no patch declared is an error there.
 *
 * Scopes: `dev` (per device: `struct device` and its `device_private`), `drv` (per driver),
 * `kernel` (one, global), `thread` (a local of every thread: what a patch keeps in a C local
 * from one step to a later one, `bool locked`, a `drv` saved before unlocking). A field is a bool
 * or an integer 0..max (max at most 255), false / 0 at the start unless `init` says otherwise (a
 * device's init may depend on its declaration: a flag device_add sets is true for a device
 * present at the start). A thread local takes no `init`: it is false / 0 when the thread starts
 * and again when it ends: a per-task variable (`current->flags`). A C local of one function is
 * `local: { fn: { name: type } }`: each call of fn a thread makes has its own (a new user,
 * 2026-12-05: with one per thread, the `__device_attach` of a child a probe registers, nested in
 * its parent's in the same thread, overwrote the parent's `bool async`, and the parent's frame
 * unlocked a mutex another thread held). Only the hunks of fn read and write it; it is not reset
 * when a call starts (the patch sets it where the C declares it), nor seen by properties.
 */
import { ProbecheckError, thrownMessage } from '../engine/errors.js';
import { t, type FieldT, type RecordT } from '../engine/schema.js';
import { kernelSchema, localsSchema, NO_LOCKS, type KS, type PatchLocks } from './state.js';
import type { World } from './world.js';

/** What a device's `init` function is given: its declaration in the scenario. */
export interface DeclaredDevice { readonly name: string; readonly present: boolean; readonly boundTo: string | null }
/** What a driver's `init` function is given. */
export interface DeclaredDriver { readonly name: string; readonly present: boolean }
/**
 * What a kernel field's `init` function is given: the scenario's devices and drivers. A counter
 * that stands for what boot did (the number of devices bound at the start, say) depends on the
 * scenario, not on the patch (a history hunt, 2026-12-06: a `probe_okay` counted in driver_bound
 * and counted down at unbind started at 0 beside a device bound at boot, and its first unbind went
 * below 0, E201).
 */
export interface DeclaredWorld { readonly devices: readonly DeclaredDevice[]; readonly drivers: readonly DeclaredDriver[] }

type Init<D, V> = V | ((d: D) => V);
/** A field: `'bool'`, `{ type: 'bool', init }` or `{ type: 'int', max, init }` (0..max, max <= 255). */
export type PatchField<D = never> = 'bool' | { type: 'bool'; init?: Init<D, boolean> } | { type: 'int'; max: number; init?: Init<D, number> };
/**
 * A lock the patch adds (`static DEFINE_MUTEX(foo_mutex)`, a mutex or spinlock in struct device):
 * its holder's thread id, 0 when free, as the model's own locks (dev[].mutex); only per device and
 * once (kernel). Taken and released by the patch's steps (lockOf), and seen by what reads the
 * model's locks (state.ts LOCK_FIELDS): E205, no-wait-under-lock, the E203 release checks, `steps`'
 * locks column, deadlock reports (a user, s47 h1: cb3d1049f4ea's driver_override.lock written as an
 * int field was none of those).
 */
export type LockField = 'mutex' | 'spinlock';
export interface PatchStateSpec {
  dev?: Readonly<Record<string, PatchField<DeclaredDevice> | LockField>>;
  drv?: Readonly<Record<string, PatchField<DeclaredDriver>>>;
  kernel?: Readonly<Record<string, PatchField<DeclaredWorld> | LockField>>;
  thread?: Readonly<Record<string, LocalField>>;
  /** C locals, by function: `{ __device_attach: { async: 'bool' } }`. */
  local?: Readonly<Record<string, Readonly<Record<string, LocalField>>>>;
}
/** A field with no init: a thread local or a C local. */
export type LocalField = 'bool' | { type: 'bool' } | { type: 'int'; max: number };
/** A C local of a function, as a block of that function keeps it (emit.ts frameLocals). */
export interface LocalDecl { name: string; bool: boolean; max: number; patch: string }

const SCOPES = ['dev', 'drv', 'kernel', 'thread'] as const;
type Scope = (typeof SCOPES)[number];
/** Each scope in words: what it adds fields to, and what an init function is given. */
const OF: Record<Scope, { all: string; one: string }> = { dev: { all: 'devices', one: 'device' }, drv: { all: 'drivers', one: 'driver' }, kernel: { all: 'kernel state', one: 'scenario' }, thread: { all: "threads' locals", one: 'thread' } };

/**
 * E604 unless `state` is a well-formed PatchStateSpec (the shape only; clashes are checked per
 * scenario). `fns`: the functions the patch's hunks are in (a C local of another is read by none).
 */
export function validatePatchState(state: unknown, bad: (why: string) => never, fns: readonly string[] = []): void {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) bad("state: expected { dev?, drv?, kernel?, thread?, local? }, each { name: 'bool' | { type: 'bool', init? } | { type: 'int', max, init? } } (local: by function)");
  const { local, ...flat } = state as Record<string, unknown>;
  if (local !== undefined) {
    if (typeof local !== 'object' || local === null || Array.isArray(local)) bad("state.local: expected { fn: { name: 'bool' | { type: 'int', max } } }, by the function whose C declares them");
    for (const [fn, fields] of Object.entries(local as Record<string, unknown>)) {
      if (!fns.includes(fn)) bad(`state.local.${fn}: no hunk of this patch is in ${fn}; a C local is read and written by the hunks of its function${fns.length ? ` (this patch's: ${[...new Set(fns)].join(', ')})` : ''}`);
      validateFields(`state.local.${fn}`, fields, 'local', bad);
    }
  }
  for (const [scope, fields] of Object.entries(flat)) {
    if (!(SCOPES as readonly string[]).includes(scope)) bad(`state: unknown scope '${scope}'; known: ${SCOPES.join(', ')}, local`);
    validateFields(`state.${scope}`, fields, scope as Scope, bad);
  }
}

/** The fields of one scope (or one function's C locals) at `prefix`: E604 on a malformed one. */
function validateFields(prefix: string, fields: unknown, scope: Scope | 'local', bad: (why: string) => never): void {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) bad(`${prefix}: expected an object of fields ({ gone: 'bool' })`);
  for (const [name, f] of Object.entries(fields as Record<string, unknown>)) {
    const at = `${prefix}.${name}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) bad(`${at}: a field name is an identifier (letters, digits, _)`);
    if (f === 'bool') continue;
    if (f === 'mutex' || f === 'spinlock') {
      if (scope === 'dev' || scope === 'kernel') continue;
      bad(`${at}: a lock ('${f}') is a device's (state.dev) or the kernel's (state.kernel), as a mutex in struct device or a static DEFINE_MUTEX is`);
    }
    const o = f as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || (o.type !== 'bool' && o.type !== 'int')) bad(`${at}: expected 'bool', { type: 'bool', init? } or { type: 'int', max, init? }${scope === 'dev' || scope === 'kernel' ? ", or a lock: 'mutex' or 'spinlock'" : ''}`);
    for (const k of Object.keys(o)) if (!['type', 'max', 'init'].includes(k) || (k === 'max' && o.type === 'bool')) bad(`${at}: unknown key '${k}'`);
    if (o.type === 'int' && !(Number.isInteger(o.max) && (o.max as number) >= 1 && (o.max as number) <= 255)) bad(`${at}.max: expected an integer 1..255`);
    const v = o.init;
    if (v === undefined) continue;
    if (scope === 'thread' || scope === 'local') {
      bad(`${at}.init: ${scope === 'thread' ? 'a thread local' : 'a C local'} takes no init: it is ${o.type === 'bool' ? 'false' : '0'} ${scope === 'thread' ? 'when the thread starts' : 'in the first call'}, and your step sets it where the C declares it`);
    }
    if (typeof v === 'function') continue;
    if (o.type === 'bool' ? typeof v !== 'boolean' : !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= (o.max as number))) {
      bad(`${at}.init: expected ${o.type === 'bool' ? 'true or false' : `an integer 0..${o.max}`}, or a function of the ${OF[scope].one}'s declaration`);
    }
  }
}

/** The fields user patches add, merged, for one world. */
export interface AddedState {
  /** Field types by scope, to merge into kernelSchema's records (`thread`: localsSchema's). */
  dev: Record<string, FieldT>; drv: Record<string, FieldT>; kernel: Record<string, FieldT>; thread: Record<string, FieldT>;
  /** C locals by function (a slot per call of it in a thread: emit.ts). */
  local: Map<string, LocalDecl[]>;
  /** Names by scope, in declaration order (the view's `patch` objects). */
  names: Record<Scope, string[]>;
  /** The fields that are locks ('mutex', 'spinlock'), by scope: patchLocks. */
  locks: PatchLocks;
  /** Set the initial values (after initState). */
  init(s: KS): void;
  /** The initial values of device i's added fields, as a key: devices whose keys differ are not interchangeable. */
  deviceKey(i: number): string;
}

/** A patch as this file needs it. */
interface WithState { id: string; state?: PatchStateSpec }

/** The locks patches add, by scope: the fields declared 'mutex' or 'spinlock'. */
export function patchLocks(patches: readonly WithState[]): PatchLocks {
  const of = (fs: Readonly<Record<string, unknown>> | undefined) => Object.entries(fs ?? {}).filter(([, f]) => f === 'mutex' || f === 'spinlock').map(([n]) => n);
  const dev = patches.flatMap((p) => of(p.state?.dev)), kernel = patches.flatMap((p) => of(p.state?.kernel));
  const spin = patches.flatMap((p) => (['dev', 'kernel'] as const).flatMap((sc) => Object.entries(p.state?.[sc] ?? {}).filter(([, f]) => f === 'spinlock').map(([n]) => `${sc}.${n}`)));
  return dev.length || kernel.length ? { dev, kernel, ...(spin.length ? { spin } : {}) } : NO_LOCKS;
}

/** Merge the patches' fields for world w (E604 on a name the model or another patch has, or an init out of range). */
export function addedState(patches: readonly WithState[], w: World): AddedState {
  const out: AddedState = { dev: {}, drv: {}, kernel: {}, thread: {}, local: new Map(), names: { dev: [], drv: [], kernel: [], thread: [] }, locks: patchLocks(patches), init: () => {}, deviceKey: () => '' };
  if (!patches.some((p) => p.state)) return out;
  const base = kernelSchema(w);
  const taken: Record<Scope, Set<string>> = {
    dev: new Set(Object.keys((base.fields.dev as { of: RecordT }).of.fields)),
    drv: new Set(Object.keys((base.fields.drv as { of: RecordT }).of.fields)),
    // With the fields kept only where some thread sleeps or flushes (a regression review, 2026-12-05),
    // and device_links_lock, kept only under a user's patch (a field of a patch's so named would be
    // read as that lock: state.ts isLockPath, s46 h24).
    kernel: new Set([...Object.keys(base.fields), 'moduleWq', 'flushBarrier', 'deviceLinksLock']),
    thread: new Set(Object.keys(localsSchema(1, w).fields)),
  };
  // Initial values, computed when first asked: the step catalogue builds a patch's hunks into
  // scenarios of its own (cli/steps.ts) and never searches them, so only a searched scenario
  // runs a user's init functions (one written for its own devices, `({ dc: true })[d.name]`,
  // would fail on the catalogue's).
  const fields: { scope: Scope; name: string; value: (d: unknown) => boolean | number }[] = [];
  const addedBy = new Map<string, string>();
  const devs: DeclaredDevice[] = w.devices.map((d) => ({ name: d.name, present: d.present, boundTo: d.boundTo < 0 ? null : w.drivers[d.boundTo]!.name }));
  const drvs: DeclaredDriver[] = w.drivers.map((d) => ({ name: d.name, present: d.present }));
  for (const p of patches) {
    if (!p.state) continue;
    for (const scope of SCOPES) {
      for (const [name, f] of Object.entries(p.state[scope] ?? {})) {
        const at = `patch ${p.id}: state.${scope}.${name}`;
        const other = addedBy.get(`${scope}.${name}`);
        if (other !== undefined) throw new ProbecheckError('E604', `${at}: patch ${other} adds a field '${name}' to the ${OF[scope].all} too; name one of them differently`);
        if (taken[scope].has(name)) throw new ProbecheckError('E604', `${at}: the model's ${OF[scope].all} already ${scope === 'kernel' ? 'has' : 'have'} a field '${name}' (see KS, DevS, DrvS and KL in src/kernel/state.ts); name yours differently`);
        taken[scope].add(name);
        addedBy.set(`${scope}.${name}`, p.id);
        out.names[scope].push(name);
        if (f === 'mutex' || f === 'spinlock') {
          // Free at the start: a lock boot left held would be held by no thread the search runs.
          out[scope][name] = t.owner();
          fields.push({ scope, name, value: () => 0 });
          continue;
        }
        const isBool = f === 'bool' || f.type === 'bool', max = isBool ? 1 : (f as { max: number }).max;
        out[scope][name] = isBool ? t.bool : t.int(max);
        const init = f === 'bool' || !('init' in f) ? undefined : f.init;
        fields.push({ scope, name, value: (d) => {
          let v: unknown;
          try { v = typeof init === 'function' ? (init as (x: unknown) => unknown)(d) : init ?? (isBool ? false : 0); } catch (e) {
            throw new ProbecheckError('E604', `${at}.init threw${scope === 'kernel' ? '' : ` for ${OF[scope].one} '${(d as { name: string }).name}'`}: ${thrownMessage(e)}`);
          }
          if (isBool ? typeof v !== 'boolean' : !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max)) {
            throw new ProbecheckError('E604', `${at}.init returned ${v === undefined ? 'undefined' : JSON.stringify(v)}${d && scope !== 'kernel' ? ` for ${OF[scope].one} '${(d as { name: string }).name}'` : ''}; expected ${isBool ? 'true or false' : `an integer 0..${max}`}`);
          }
          return v as boolean | number;
        } });
      }
    }
  }
  // C locals: a name of the thread's (the model's or a patch's thread local) would be ambiguous in a hunk's `t`.
  for (const p of patches) for (const [fn, fs] of Object.entries(p.state?.local ?? {})) {
    for (const [name, f] of Object.entries(fs)) {
      const at = `patch ${p.id}: state.local.${fn}.${name}`;
      if (taken.thread.has(name)) {
        const by = addedBy.get(`thread.${name}`);
        throw new ProbecheckError('E604', `${at}: the threads' locals already have a field '${name}' (${by !== undefined ? `patch ${by}'s state.thread` : "the model's: see KL in src/kernel/state.ts"}): a hunk's \`t.${name}\` would be ambiguous; name yours differently`);
      }
      const decls = out.local.get(fn) ?? [];
      const other = decls.find((d) => d.name === name);
      if (other) throw new ProbecheckError('E604', `${at}: patch ${other.patch} adds a local '${name}' to ${fn} too; name one of them differently`);
      const isBool = f === 'bool' || f.type === 'bool';
      decls.push({ name, bool: isBool, max: isBool ? 1 : (f as { max: number }).max, patch: p.id });
      out.local.set(fn, decls);
    }
  }
  let values: (boolean | number)[][] | undefined;
  const initial = () => values ??= fields.map((x) => (x.scope === 'dev' ? devs.map(x.value) : x.scope === 'drv' ? drvs.map(x.value) : [x.value({ devices: devs, drivers: drvs } satisfies DeclaredWorld)]));
  out.init = (s) => {
    const v = initial();
    fields.forEach(({ scope, name }, x) => {
      // (A thread local starts at 0 / false in every thread, as the backends zero them.)
      if (scope === 'thread') return;
      if (scope === 'kernel') (s as unknown as Record<string, unknown>)[name] = v[x]![0];
      else v[x]!.forEach((y, i) => { (s[scope][i] as unknown as Record<string, unknown>)[name] = y; });
    });
  };
  out.deviceKey = (i) => {
    if (!fields.some((x) => x.scope === 'dev')) return '';
    // A bad init is reported where the search starts (init); here it only keeps the devices apart.
    try { const v = initial(); return fields.map((x, k) => (x.scope === 'dev' ? String(v[k]![i]) : '')).join(); } catch { return `#${i}`; }
  };
  return out;
}
