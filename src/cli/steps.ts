/**
 * `probecheck steps [--profile P] [--function F] [--json]`: the step catalogue of a profile, the
 * hook points a patch names. It builds CATALOGUE (a scenario that enters every modelled path)
 * and explores it by seeded random walks (the same every run; they reach the deep paths a bounded
 * breadth-first search never gets to), until `maxStates` distinct states
 * or 200 walks in a row find none new, recording
 * for each step (function:label, merged over the devices and threads that run it):
 *   reads:  the state fields its guard or body read, in any recorded state it was enabled in
 *           (a recording proxy over a copy of the state; a field counts once per name, not per device);
 *   writes: the fields whose value it changed in some recorded transition;
 *   locks:  the lock fields (dev.mutex, deferredProbeMutex, moduleMutex) it took or released;
 *   waits:  what it was blocked on, as the step itself says (its `waits`), in a recorded state.
 * A field is named without its index: dev[].mutex is any device's mutex (the device its block
 * acts on, or another: a parent, a supplier). A step not reached within the bound says so.
 */
import { resolve } from 'node:path';
import { FastBackend } from '../engine/state/fast.js';
import { decode, leaves, sizeOf, type FieldT, type RecordT } from '../engine/schema.js';
import { recording } from '../engine/reduce/recorder.js';
import { ProbecheckError } from '../engine/errors.js';
import type { Model } from '../engine/model.js';
import { FIRST, hunkTarget, isPatchFile, isUserPatch, loadedText } from '../kernel/define-patch.js';
import { buildScenario, START_MODELS, type BuiltScenario, type startModels } from '../kernel/scenario.js';
import { namePatchFile, parsePatches, patchEntries } from '../kernel/patches.js';
import { RETURN, STRONG_BY, type Patch, type StrongBy } from '../kernel/emit.js';
import { excerptsOf } from '../kernel/source.js';
import { leftOut, nearName } from '../kernel/left-out.js';
import { catalogueAt, LATE_CATALOGUE, MODULE_WINDOW_CATALOGUE, SHUTDOWN_CATALOGUE } from '../kernel/catalogue.js';
import { unformedWindow } from '../kernel/paths/module.js';
import { BOOT_PROBE } from '../kernel/paths/links.js';
import type { ScenarioSpec } from '../kernel/scenario.js';
import { PROFILES } from '../kernel/profiles.js';
import { isLockPath } from '../kernel/state.js';
import { lateInitcallRefusal } from '../kernel/paths/late-initcall.js';
import { shutdownRefusalAt } from '../kernel/paths/device-shutdown.js';
import { EXIT, type ExitCode } from './exit.js';
import { loadModel, loadPatchFiles } from '../load.js';
import { nameModelFile } from './build.js';
import { belowCwd } from '../report/trace-file.js';
import { shellWord } from '../report/shell-word.js';
import type { Io } from './io.js';

export interface StepInfo {
  step: string; fn: string; label: string; where: string; since: string; c?: string;
  /** Functions called on its cited lines that it runs, not only calls (anchored ` #runs`). */
  runs?: string[];
  /** A patch's notes on its C (a line nearly the kernel's, a release run past in one move): `check` prints them too. */
  notes?: string[];
  /** Why its cited C runs past a lock release in one move (KStep `merges`). */
  merges?: string;
  /** Its wait is strongly fair for liveness (a struct mutex where the profile has MUTEX_HANDOFF). */
  strong?: boolean;
  /** Strongly fair only if a patch's guard on the mutex wait lets the thread go where the mutex alone would (judged by a whole search). */
  strongIfLockOnly?: boolean;
  /** Strongly fair as a wait for a lock your patch declares, of this kind (`await: lock.free`), not as a device mutex. */
  strongBy?: StrongBy;
  reads: string[]; writes: string[]; locks: string[]; waits: string[]; fired: number;
}

/** Why a step is strongly fair, as its `fair:` line says: a device's mutex (no strongBy), or StrongBy's reasons. */
const STRONG_WHY: Readonly<Record<StrongBy | 'device', string>> = {
  device: 'a thread that can take the mutex again and again does: MUTEX_HANDOFF',
  mutex: 'it waits for a mutex your patch declares: a thread that can take it again and again does: MUTEX_HANDOFF',
  spinlock: "it waits for a spinlock your patch declares: the kernel's spinlocks are FIFO, ticket or queued",
  said: "your patch's step says strong: true",
  'said-no-wait': "your patch's step says strong: true; it has no wait, so that changes nothing: a step that never waits is taken in every fair run",
  'said-no-handoff': "your patch's step says strong: true, of a mutex wait; this kernel's mutex hands over only from v5.15 (MUTEX_HANDOFF), so a liveness verdict that needs it rests on your word, not the kernel's",
};

/** `__device_attach(dc)#2:device_lock` -> ['__device_attach', 'device_lock']. */
export function splitLabel(label: string): [string, string] {
  const i = label.lastIndexOf(':');
  if (i < 0) return [label, ''];
  return [label.slice(0, i).replace(/#\d+$/, '').replace(/\(.*\)$/, ''), label.slice(i + 1)];
}

/**
 * The catalogue scenarios of a profile: CATALOGUE, LATE_CATALOGUE (the late initcall and its
 * timeout work: a scenario with that action starts with deferred probing off, so it is one of its
 * own), SHUTDOWN_CATALOGUE (device_shutdown), each where the profile settles its shape, and
 * MODULE_WINDOW_CATALOGUE where free_module's UNFORMED window is a step of its own.
 */
export function catalogueSpecs(profileName: string): ScenarioSpec[] {
  const p = PROFILES[profileName];
  // device_shutdown's catalogue where the profile builds it; free_module's window where it is a step.
  const more = [...(p && !shutdownRefusalAt(profileName) ? [SHUTDOWN_CATALOGUE] : []), ...(p && unformedWindow({ has: (f) => p.flags.includes(f) }) ? [MODULE_WINDOW_CATALOGUE] : [])];
  if (lateInitcallRefusal({ profile: profileName, unsettled: p?.unsettled ?? {} })) return [catalogueAt(profileName), ...more];
  // Where the timeout work exists but its default timeout schedules nothing (v4.19 .. v6.0), the
  // deferred_probe_timeout= parameter builds it, and wait_for_device_probe's wait for it (v5.7 .. v5.18).
  const param = p?.flags.includes('PROBE_TIMEOUT_WORK') && !p.flags.includes('PROBE_TIMEOUT_DEFAULT_10');
  return [catalogueAt(profileName), param ? { ...LATE_CATALOGUE, deferredProbeTimeout: 10, actors: { ...LATE_CATALOGUE.actors, waiter: 'wait_for_device_probe' } } : LATE_CATALOGUE, ...more];
}

/** Every function:label the model builds, by function. */
export function labelsByFunction(model: Model): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const th of model.threads) for (const l of Object.keys(th.steps)) {
    const [fn, label] = splitLabel(l);
    if (!label) continue;
    const list = out.get(fn) ?? [];
    if (!list.includes(label)) list.push(label);
    out.set(fn, list);
  }
  return out;
}

/**
 * The steps (function:label) whose `where` names kernel function `fn` though they belong to another
 * function's blocks: a callee the model runs inside its caller's steps (`driver_bound` is steps of
 * `really_probe`, `driver_deferred_probe_trigger` a step of several callers). A kernel developer
 * patching such a function names it (a new user, 2026-12-06: `fn: 'driver_bound'` was E604 "no
 * modelled function" with no pointer to `really_probe:driver_bound`).
 */
export function stepsModelling(fn: string, steps: Iterable<StepRef>): string[] {
  return modelling(fn, [...steps]).steps;
}

/**
 * The steps modelling `fn` inside another function's blocks, and how they name it: by their
 * `where`, or else by their label, the C of `fn` itself they cite, or a cited line calling `fn`
 * that the step runs (anchored ` #runs`: source.ts Anchored `runs`) (a new kernel developer,
 * 2026-12-06: `device_links_driver_cleanup`, `device_unbind_cleanup` and `devres_release_all` are
 * all `__device_release_driver:devres_release_all`, whose where names none of them, and
 * `fn: 'device_links_driver_cleanup'` was E604 with no pointer). A cited line that only calls
 * `fn` is no reason (s44 h19: `bus_probe_device` listed `deferred_probe_work_func:mutex_lock`,
 * which cites `bus_probe_device(dev);` for its place between the unlock and the relock).
 */
function modelling(fn: string, steps: StepRef[]): { steps: string[]; by: 'where' | 'C' | 'both' } {
  const esc = fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = new RegExp(`(^|[:\\s>(])${esc}(?![\\w])`);
  const others = steps.filter(({ step }) => splitLabel(step)[0] !== fn);
  const byWhere = new Set(others.filter(({ where }) => names.test(where)).map(({ step }) => step));
  // Those found by label or C too, after the where-named ones: a callee called from several places
  // is named in the where of some steps only (s44 h16: driver_deferred_probe_trigger listed
  // driver_probe_device's and really_probe's, not the late initcall's or the timeout work's, and a
  // patch to the trigger written from that list missed two of its four callers).
  const byC = new Set(others.filter(({ step, source, runs }) => {
    if (byWhere.has(step)) return false;
    if (splitLabel(step)[1].replace(/\(.*\)$/, '') === fn) return true;   // a step named after the call it models
    return (runs ?? []).includes(fn) || citedFunctions(source).has(fn);
  }).map(({ step }) => step));
  return { steps: [...[...byWhere].sort(), ...[...byC].sort()], by: !byC.size ? 'where' : !byWhere.size ? 'C' : 'both' };
}

/** What modelling reads of a step: its name, where, cited C and the callees it runs (Step `runs`). */
type StepRef = { step: string; where: string; source?: string; runs?: readonly string[] };

/** The functions whose own lines a step's `source` (`path@release:850,852-854 path@release:fn+3`) cites. */
function citedFunctions(source: string | undefined): Set<string> {
  const fns = new Set<string>();
  for (const part of (source ?? '').split(/\s+/)) {
    const m = /^([^@\s]+)@(\S+):([^:\s]+)$/.exec(part);
    const all = m ? excerptsOf(m[2]!, m[1]!) : null;
    if (!m || !all) continue;
    for (const item of m[3]!.split(',')) {
      const n = /^(\d+)(?:-(\d+))?$/.exec(item), f = /^([A-Za-z_]\w*)\+\d+/.exec(item);
      if (f) fns.add(f[1]!);
      else if (n) {
        for (let line = Number(n[1]); line <= Number(n[2] ?? n[1]); line++) {
          const ex = [...all.values()].find((e) => e.firstLine !== null && line >= e.firstLine && line < e.firstLine + e.lines.length);
          if (ex) fns.add(ex.fn);
        }
      }
    }
  }
  return fns;
}

/** The other functions' steps that run `fn` (modelling), from every instance of the catalogue's steps. */
function callersRunning(fn: string, refs: readonly StepRef[]): string[] {
  return modelling(fn, [...refs]).steps;
}

/** ` 'fn' is modelled inside other functions' steps: ...; name one of them` or ''. */
export function modelledInside(fn: string, steps: Iterable<StepRef>): string {
  const { steps: inside, by } = modelling(fn, [...steps]);
  if (!inside.length) return '';
  const shown = inside.slice(0, 8);
  return `; '${fn}' is modelled inside its callers' steps (${by === 'where' ? 'their where names it' : by === 'C' ? 'their label, its own C they cite, or a cited line tagged #runs' : 'their where, label, its own C they cite, or a cited line tagged #runs'}): ${shown.join(', ')}${inside.length > shown.length ? `, and ${inside.length - shown.length} more` : ''}: name one of those (function:label)`;
}

/**
 * Check a `patches` parameter's user patches against the profile's whole catalogue: a hunk whose
 * function:label the profile does not build is E604 listing that function's labels there
 * (a label missing from a built function is already E604 from the block, with its labels).
 */
export function checkUserPatches(profileName: string, patches: string): void {
  if (!patchEntries(patches).some(isPatchFile)) return;
  try { checkHunks(profileName, patches); } catch (e) { namePatchFile(e, patches); throw e; }
}

function checkHunks(profileName: string, patches: string): void {
  const { fns, targets, steps } = userCatalogue(profileName, patches);
  const targetsOf = (fn: string) => targets.get(fn) ?? new Set<string>();
  for (const p of parsePatches(patches).filter(isUserPatch)) p.hunks.forEach((h, i) => {
    const labels = fns.get(h.fn);
    const what = `patch ${p.id} (${p.subject}) does not apply to ${profileName}: hunks[${i}] names ${hunkTarget(h)}`;
    if (!labels) {
      const near = nearName(h.fn, fns.keys());
      const inside = modelledInside(h.fn, steps()), out = inside ? '' : leftOut(h.fn);
      throw new ProbecheckError('E604', `${what}, but the profile has no modelled function '${h.fn}'${inside}${out}${near !== undefined && !inside && !out ? `; did you mean '${near}'?` : ''}${out ? '' : `; functions: ${[...fns.keys()].sort().join(', ')}`}`);
    }
    const label = h.replace ?? h.insert!.label;
    if (!labels.includes(label)) {
      // An insert is placed after and before labels of the function: name the one it lacks.
      const ins = h.insert;
      const lacks = ins ? [...(ins.after === null ? [] : [ins.after].flat()).filter((a) => !labels.includes(a)).map((a) => `after '${a}'`),
        ...(ins.before !== RETURN && ins.before !== FIRST && !labels.includes(ins.before) && !targetsOf(h.fn).has(ins.before) ? [`before '${ins.before}'`] : [])] : [];
      const targets = [...targetsOf(h.fn)].sort();
      // The strings 'RETURN' and 'FIRST' are not the constants (a new user, 2026-12-06, wrote before: 'RETURN').
      const constant = ins && (ins.before === 'RETURN' || ins.before === 'FIRST') && !labels.includes(ins.before)
        ? `; the ${ins.before === 'RETURN' ? "edge out of the function" : "function's entry"} is the constant ${ins.before} (import { ${ins.before} } from 'probecheck'), not the string '${ins.before}'` : '';
      // Placed nowhere though its function has the step: a step of a loop's body built as a block of
      // the function (Block.loopBody), not of its entry (s50 h16: refused with no reason).
      const body = ins && ins.after === null && ins.before !== FIRST && ins.before !== RETURN && labels.includes(ins.before)
        ? `; '${ins.before}' is a step of the body of ${h.fn}'s loop (its turn for one device), which the model builds as a block of its own, not of ${h.fn}'s entry: after: null goes at the function's entry (before: FIRST); to run your step at each turn, replace the turn's first step with one that does your work first ({ ...orig!, run })` : '';
      throw new ProbecheckError('E604', `${what}${lacks.length ? `, to go ${lacks.join(' and ')}, which ${h.fn} on ${profileName} does not have` : ''}${constant}${body}; ${h.fn} on ${profileName} has: ${labels.join(', ')}${ins && targets.length ? `; a 'before' may also name: ${targets.join(', ')}` : ''}`);
    }
  });
}

/** What checkUserPatches reads of the catalogue built with a patch list. */
interface UserCatalogue {
  fns: Map<string, string[]>; targets: Map<string, Set<string>>;
  /** Every step with its where (for an error only: worked out when asked). */
  steps: () => StepRef[];
  /** The catalogue scenarios as built, until `steps` walks them (takeBuilt): built once for both. */
  built?: BuiltScenario[];
}

/**
 * The last catalogue built with user patches, while the patch list names the same loaded patch
 * objects (a file loaded again is new objects: its hunks may have changed). A check of several
 * model files asked for it once per file, the same build each time; `steps` built it again to walk it.
 */
let lastUser: { key: string; patches: readonly Patch[]; cat: UserCatalogue } | undefined;

function userCatalogue(profileName: string, patches: string): UserCatalogue {
  const key = `${profileName}\0${patches}`, parsed = parsePatches(patches);
  if (lastUser && lastUser.key === key && lastUser.patches.length === parsed.length && lastUser.patches.every((p, i) => p === parsed[i])) return lastUser.cat;
  const text = textKey(profileName, patches), kept = text === undefined ? undefined : byText.get(text);
  if (kept) { lastUser = { key, patches: parsed, cat: { ...kept } }; return lastUser.cat; }
  const built = catalogueSpecs(profileName).map((spec) => buildScenario(spec, profileName, patches));
  const fns = new Map<string, string[]>();
  for (const b of built) for (const [fn, ls] of labelsByFunction(b.model)) fns.set(fn, [...new Set([...(fns.get(fn) ?? []), ...ls])]);
  const targets = new Map<string, Set<string>>();
  for (const b of built) for (const [fn, ls] of b.kernel.targets) for (const l of ls) targets.set(fn, (targets.get(fn) ?? new Set()).add(l));
  const models = built.map((b) => b.model);
  const steps = () => models.flatMap((m) => m.threads.flatMap((th) => Object.entries(th.steps).map(([l, st]) => {
    const [f, lb] = splitLabel(l);
    return { step: `${f}:${lb}`, where: st.where, ...(st.source ? { source: st.source } : {}), ...(st.runs ? { runs: st.runs } : {}) };
  })));
  lastUser = { key, patches: parsed, cat: { fns, targets, steps, built } };
  if (text !== undefined) {
    byText.set(text, { fns, targets, steps });
    if (byText.size > 8) byText.delete(byText.keys().next().value!);
  }
  return lastUser.cat;
}

/**
 * Catalogues built with user patches in this process, by the profile, the patch list and the
 * text of each patch file: a process that runs many commands (the tests' CLI host, a vitest run of
 * suites) loads every file afresh for each, new objects with the same hunks, and built the same
 * catalogue again each time (s43: about 90 ms a command). What checkHunks reads of it only (its
 * names of functions and labels); a walk of `steps` builds its own. Kept only where the text is
 * all of the hunks: a patch file whose only import is probecheck's (no file of the user's, no
 * `fs` to read one, no `require` or `import()`) and that reads no `process` (its environment).
 */
const byText = new Map<string, Omit<UserCatalogue, 'built'>>();

/** An import's target (undefined: `require(` or `import(`), or a read of `process`. */
const IMPORTS = /\b(?:from|import)\s*['"]([^'"]*)['"]|\b(?:require|import)\s*\(|\bprocess\b/g;

/** The text is all of the patch's hunks: it imports probecheck alone and reads no process state. */
const selfContained = (text: string) => [...text.matchAll(IMPORTS)].every((m) => m[1] === 'probecheck');

function textKey(profileName: string, patches: string): string | undefined {
  let key = `${profileName}\0${patches}`;
  for (const e of patchEntries(patches)) {
    if (!isPatchFile(e)) continue;
    const text = loadedText(e); // as loaded: the file may have changed since
    if (text === undefined || !selfContained(text)) return undefined;
    key += `\0${resolve(e)}\0${text}`;
  }
  return key;
}

/** The catalogue scenarios checkUserPatches built with these patches, once (a walk runs their steps). */
function takeBuilt(profileName: string, patches: string): BuiltScenario[] | undefined {
  const cat = userCatalogue(profileName, patches), built = cat.built;
  delete cat.built;
  return built;
}

const general = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, '[]');

/** A proxy over a draft of a state decoded to plain objects that records the leaf fields read. */
function recorder(obj: unknown, path: string, seen: Set<string>): unknown {
  if (obj === null || typeof obj !== 'object') return obj;
  return new Proxy(obj as object, {
    get(target, key, recv) {
      const v = Reflect.get(target, key, recv);
      if (typeof key === 'symbol' || typeof v === 'function') return v;
      const p = path ? `${path}.${key}` : key;
      if (v !== null && typeof v === 'object') return recorder(v, p, seen);
      if (recording()) seen.add(p);
      return v;
    },
  });
}

type Leaf = { path: string; offset: number; type: FieldT; thread: number };

/**
 * The leaf at each byte of the full state (schema.ts leaves: `g.dev[dc].mutex`, `t3.l.x`, `t3.pc`),
 * named as `steps` prints a field: `dev[].mutex` for the globals, `local.x` for thread k's locals
 * (thread k); a program counter is none of a step's writes (null).
 */
function leafTable(full: RecordT): (Leaf | null)[] {
  const out: (Leaf | null)[] = [];
  for (const x of leaves(full, 0, '')) {
    const t = /^t(\d+)\.(pc|l)(.*)$/.exec(x.path);
    const leaf = t?.[2] === 'pc' ? null : { ...x, path: (t ? `local${t[3]}` : x.path.slice(2)).replace(/\[[^\]]*\]/g, '[]'), thread: t ? Number(t[1]) : -1 };
    for (let n = 0; n < sizeOf(x.type); n++) out[x.offset + n] = leaf;
  }
  return out;
}

/** `targets`: per function, the names an insert's `before` may use that are not steps (where a call or walk starts). */
type Catalogue = { profile: string; states: number; complete: boolean; steps: StepInfo[]; targets: Record<string, string[]>;
  /** Each distinct instance of every step (one a device, where they differ): what modelling reads. */
  refs: StepRef[];
  /** The patches' notes from building the catalogue scenarios (Kernel patchNotes). */
  notes?: string[] };

/**
 * The catalogue of a profile depends on nothing but the profile and the bound (no user patches):
 * a process that asks again (the CLI tests run many commands in one process) reuses it.
 */
const catalogues = new Map<string, Catalogue>();

export function stepCatalogue(profileName: string, maxStates = 5000, patches = ''): Catalogue {
  // With patches (a user's files may change between two runs of one process) it is not kept.
  if (patches) return recordCatalogue(profileName, maxStates, patches, patchEntries(patches).some(isPatchFile) ? takeBuilt(profileName, patches) : undefined);
  const key = `${profileName} ${maxStates}`;
  let cat = catalogues.get(key);
  if (!cat) { cat = recordCatalogue(profileName, maxStates, ''); catalogues.set(key, cat); }
  return cat;
}

function recordCatalogue(profileName: string, maxStates: number, patches: string, built?: BuiltScenario[]): Catalogue {
  const info = new Map<string, StepInfo & { r: Set<string>; w: Set<string>; lk: Set<string>; wt: Set<string> }>();
  const targets: Record<string, string[]> = {};
  const refs = new Map<string, StepRef>();
  let states = 0;
  // Each catalogue scenario is walked on its own (the late one up to a tenth of the bound: it is small).
  const notes = new Set<string>();
  for (const [n, spec] of catalogueSpecs(profileName).entries()) {
    const b = built?.[n] ?? buildScenario(spec, profileName, patches);
    for (const t of b.kernel.patchNotes ?? []) notes.add(t);
    // A hunk of yours that throws here throws on the library's devices and threads, not your
    // scenario's: say whose (s47: 'thread hub' of 'really_probe(i,id)' puzzled a user who has neither).
    try { states += walkCatalogue(b, profileName, n === 0 ? maxStates : Math.ceil(maxStates / 10), info, targets, refs); } catch (e) {
      if (e instanceof ProbecheckError && e.code === 'E203') e.message += ` (while \`steps\` walked its catalogue scenario '${spec.name}', the library's: its devices and threads are not your scenario's, and a hunk of yours runs on each of its devices whose function it patches)`;
      throw e;
    }
  }
  const complete = false;
  const steps = [...info.values()].map(({ r, w, lk, wt, ...s }) => ({ ...s, reads: [...r].sort(), writes: [...w].sort(), locks: [...lk].sort(), waits: [...wt].sort() }));
  return { profile: profileName, states, complete, steps, targets, refs: [...refs.values()], notes: [...notes] };
}

/** Seeded random walks through one catalogue scenario, recording each step into `info`; returns the states seen. */
function walkCatalogue({ model, kernel }: BuiltScenario, profileName: string, maxStates: number, info: Info,
  targets: Record<string, string[]>, refs: Map<string, StepRef>): number {
  for (const [fn, ls] of kernel.targets) if (ls.size > 0) targets[fn] = [...new Set([...(targets[fn] ?? []), ...ls])].sort();
  // The walk runs on the fast backend; a state the recording runs steps on is decoded into the
  // plain objects the reference backend would hold (the same bytes, so the same values), and a
  // move's writes are the leaves whose bytes it changed: 3-4x faster than walking on the
  // reference backend, whose successors immer builds and freezes, with the same catalogue.
  const be = new FastBackend(model);
  const c = be.c;
  for (const cs of c.steps) {
    const [fn, label] = splitLabel(cs.s.label);
    const key = label ? `${fn}:${label}` : cs.s.label;
    const st = cs.s.step;
    // Every device's instance of the step, for the lists of the steps that run a function: the
    // record shows the first's where, and another device's may name another callee (s45 h19: the
    // override device's match steps name platform_match, and `steps --function platform_match`
    // listed bind_store's alone, where E604, built from every step, listed all three).
    const ref = { step: key, where: st.where, ...(st.source ? { source: st.source } : {}), ...(st.runs ? { runs: st.runs } : {}) };
    refs.set(JSON.stringify(ref), ref);
    if (info.has(key)) continue;
    info.set(key, { step: key, fn, label, where: st.where, since: st.since ?? profileName, ...(st.source ? { c: st.source } : {}), ...(st.runs ? { runs: [...st.runs] } : {}), ...(st.merges ? { merges: st.merges } : {}), ...(st.strong ? (st.strongUnless ? { strongIfLockOnly: true } : { strong: true, ...(STRONG_BY.has(st) ? { strongBy: STRONG_BY.get(st)! } : {}) }) : {}),
      reads: [], writes: [], locks: [], waits: [], fired: 0, r: new Set(), w: new Set(), lk: new Set(), wt: new Set() });
  }
  const keyOf = (label: string) => { const [fn, l] = splitLabel(label); return l ? `${fn}:${l}` : label; };
  const ctx = { spawn() {}, canSpawn: () => true };
  const seen = new Set<string>();
  type Plain = Record<string, any>;
  // A step runs on fresh copies decoded from the bytes (it may write them; the recorder only
  // reads), 2-3x cheaper than immer drafts: the globals lead the layout, each thread's locals sit
  // at its localsOffset (compile.ts).
  const gT = c.full.fields.g!;
  const leafAt = leafTable(c.full);
  /** The enabled moves of the current state, in expand's order. */
  const enabledMoves = (): [number, number][] => {
    const m: [number, number][] = [];
    for (let k = 0; k < c.threads.length; k++) for (let b = 0, nb = be.enabled(k); b < nb; b++) m.push([k, b]);
    return m;
  };
  /** Record every thread's step at the current state (`u8`, its bytes); returns the enabled moves. */
  const record = (u8: Uint8Array): [number, number][] => {
    const uw = new Uint32Array(u8.buffer, u8.byteOffset, u8.length >> 2);
    for (const th of c.threads) {
      const pc = be.pc(th.index);
      if (pc === 0) continue;
      const cs = th.steps[pc - 1]!;
      const rec = info.get(keyOf(cs.label))!;
      const g = () => decode(gT, u8, 0) as Plain, l = () => decode(th.localsType, u8, th.localsOffset) as Plain;
      const nb = be.enabled(th.index);
      const reads = new Set<string>();
      try { cs.step.await?.(recorder(g(), '', reads), recorder(l(), 'local', reads)); } catch { /* a guard that needs more than a copy */ }
      if (nb === 0) {
        const w = cs.step.waits?.(g(), l());
        if (w) rec.wt.add(w.replace(/ held by .*$/, '').replace(/ \(it is \d+\)$/, ''));
      } else for (let b = 0; b < nb; b++) {
        try { cs.step.run(recorder(g(), '', reads) as never, recorder(l(), 'local', reads) as never, b, ctx); } catch { /* recorded what it read before */ }
      }
      for (const r of reads) if (!r.endsWith('.length')) rec.r.add(general(r));
    }
    const moves = enabledMoves();
    for (const [k, b] of moves) {
      be.loadBytes(u8);
      const rec = info.get(keyOf(c.threads[k]!.steps[be.pc(k) - 1]!.label))!;
      rec.fired++;
      be.apply(k, b);
      const next = be.bytes(), nw = new Uint32Array(next.buffer, 0, next.length >> 2);
      // The leaves whose bytes differ are those whose values do: the globals, and the mover's locals
      // (a new user, 2026-12-05: a patch's local written was listed under reads only). Compared a
      // word at a time first: a move changes a few bytes of hundreds.
      for (let o = 0; o < u8.length; o++) {
        if ((o & 3) === 0 && o + 4 <= u8.length && uw[o >> 2] === nw[o >> 2]) { o += 3; continue; }
        if (u8[o] === next[o]) continue;
        const leaf = leafAt[o];
        if (!leaf || (leaf.thread !== -1 && leaf.thread !== k)) continue;
        rec.w.add(leaf.path);
        if (isLockPath(leaf.path, kernel.locks)) rec.lk.add(`${decode(leaf.type, next, leaf.offset) === 0 ? 'releases' : 'takes'} ${leaf.path}`);
      }
    }
    be.loadBytes(u8);
    return moves;
  };
  // Seeded random walks (the same every run) reach the deep paths a bounded BFS never gets to.
  let seed = 1;
  const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  let stale = 0;
  while (seen.size < maxStates && stale < 200) {
    be.loadInitial();
    const before = seen.size;
    for (let d = 0; d < 400 && seen.size < maxStates; d++) {
      const u8 = be.bytes(), key = Buffer.from(u8).toString('latin1');
      const fresh = !seen.has(key);
      seen.add(key);
      // A state seen before was expanded then: its moves are what each thread has enabled, in
      // expand's order, without computing the successors again.
      const moves = fresh ? record(u8) : enabledMoves();
      if (!moves.length) break;
      const [k, b] = moves[Math.floor(rand() * moves.length)]!;
      be.apply(k, b);
    }
    stale = seen.size === before ? stale + 1 : 0;
  }
  return seen.size;
}

type Info = Map<string, StepInfo & { r: Set<string>; w: Set<string>; lk: Set<string>; wt: Set<string> }>;

/**
 * The steps a user's scenario's start runs of its own (scenario.ts startModels: the load of its
 * modules loaded at the start, boot's probes that add stateless links), recorded as the catalogue's
 * are: a search builds them only to make its start state, so no catalogue lists them, and `check
 * --json`'s loadSteps only with a patch that already hooks them (s45 h21: a patch writer could not
 * see the label of a boot probe's device_link_add). The boot-links model's own thread only; of a
 * load, the steps its walks reached (the scenario's other threads are built there, never run).
 */
async function startCatalogue(file: string, profile: string | undefined, maxStates: number, patches: string, params: Record<string, string> = {}): Promise<Catalogue & { name: string; what: string[]; choice?: string }> {
  const f = await loadModel(file);
  const start = (f as unknown as Record<symbol, unknown>)[START_MODELS] as ((p: string | undefined, patches: string, params: Record<string, string>) => ReturnType<typeof startModels>) | undefined;
  if (!start) throw new ProbecheckError('E105', `${file}: its default export is a model, not a kernel scenario: --scenario lists the steps of a scenario's start (\`export default scenario({...})\`)`);
  let models: ReturnType<typeof startModels>;
  try { models = start(profile, patches, params); } catch (e) { nameModelFile(e, file); throw e; }
  const profileName = profile ?? String(f.params.profile?.default ?? 'mainline');
  const all: Info = new Map(), targets: Record<string, string[]> = {}, refs = new Map<string, StepRef>();
  let states = 0;
  for (const m of models) {
    const info: Info = new Map(), r = new Map<string, StepRef>();
    states += walkCatalogue(m.built, profileName, maxStates, info, targets, r);
    const own = m.threads && new Set(m.built.model.threads.filter((th) => m.threads!.includes(th.name)).flatMap((th) => Object.keys(th.steps).map((l) => splitLabel(l).join(':'))));
    for (const [key, x] of info) if (own ? own.has(key) : x.fired || x.wt.size) { if (!all.has(key)) all.set(key, x); }
    // (boot_probe's steps are no hook point: no E501 list names them.)
    for (const [k, ref] of r) if (all.has(ref.step) && splitLabel(ref.step)[0] !== BOOT_PROBE) refs.set(k, ref);
  }
  const fns = new Set([...all.values()].map((x) => x.fn));
  for (const fn of Object.keys(targets)) if (!fns.has(fn)) delete targets[fn];
  const steps = [...all.values()].map(({ r, w, lk, wt, ...s }) => ({ ...s, reads: [...r].sort(), writes: [...w].sort(), locks: [...lk].sort(), waits: [...wt].sort() }));
  return { name: f.name, what: models.map((m) => m.what), ...(models.choice ? { choice: models.choice } : {}), profile: profileName, states, complete: false, steps, targets, refs: [...refs.values()] };
}

/**
 * `profile`: as asked; without it, mainline, or with patch files the base the first names (a new
 * user, 2026-12-05: `steps --patch fix.ts` of a v4.2 patch listed mainline's steps and refused
 * the patch, E604).
 */
export async function runSteps(io: Io, profile: string | undefined, fn: string | undefined, json: boolean, maxStates?: number, patches = '', scenarioFile?: string,
  params: Record<string, string> = {}): Promise<ExitCode> {
  if (patches) await loadPatchFiles(patches);
  const base = profile ?? parsePatches(patches).find(isUserPatch)?.base;
  const start = scenarioFile === undefined ? undefined : await startCatalogue(scenarioFile, base, maxStates ?? 3000, patches, params);
  const profileName = start?.profile ?? base ?? 'mainline';
  if (patches) checkUserPatches(profileName, patches);
  const cat = start ?? stepCatalogue(profileName, maxStates, patches);
  const given = Object.entries(params).map(([k, v]) => `, ${k}=${v}`).join('');
  const whose = start ? `scenario '${start.name}' (${belowCwd(resolve(scenarioFile!))}${given}) on ${profileName}` : `profile ${profileName}`;
  let steps = cat.steps;
  if (fn) {
    steps = steps.filter((s) => s.fn === fn);
    if (!steps.length) {
      const inside = modelledInside(fn, cat.refs), out = inside ? '' : leftOut(fn), fns = [...new Set(cat.steps.map((s) => s.fn))].sort();
      const near = inside || out ? undefined : nearName(fn, fns);
      throw new ProbecheckError('E501', `--function ${fn}: ${start ? `the start of ${whose}` : whose} builds no step of '${fn}'${inside || out}${near !== undefined ? `; did you mean '${near}'?` : ''}${out ? '' : `; functions: ${fns.join(', ') || 'none'}`}`);
    }
  }
  // A patch's notes on one of its steps' C (a line nearly the kernel's, a release run past: emit.ts), under that step: check and
  // diff print them with a result, and `steps --patch` is where a patch's C is read (s46 h2: it printed none).
  const notesOf = (step: string) => (cat.notes ?? []).filter((t) => /^patch \S+'s step /.test(t) && t.includes(`'s step ${step} `));
  steps = steps.map((s) => { const n = notesOf(s.step); return n.length ? { ...s, notes: n } : s; });
  const bound = `${cat.states.toLocaleString('en-US')} states of seeded random walks through ${start ? 'them' : 'the catalogue scenarios'}`;
  const targets = fn ? (cat.targets[fn] ? { [fn]: cat.targets[fn]! } : {}) : cat.targets;
  // The patches given, as the header names them (`--json`: `patches`).
  const applied = patches ? patchEntries(patches).map((e) => (isPatchFile(e) ? belowCwd(e) : e)) : [];
  if (json) { io.out(JSON.stringify({ ...(start ? { scenario: start.name, ...(given ? { params } : {}), start: start.what, ...(start.choice ? { choice: start.choice } : {}) } : {}), profile: profileName, ...(applied.length ? { patches: applied } : {}), states: cat.states, complete: cat.complete, steps, ...(fn ? { runsInside: callersRunning(fn, cat.refs) } : {}), targets }, null, 2)); return EXIT.ok; }
  if (start && !start.what.length) {
    // With the patches given, as the header names them (s46 h13: the line and its command dropped them, so the command listed
    // the unpatched catalogue); a library patch's id has no `--patch` of `steps` (it takes files), so it is named, not passed.
    const files = applied.filter((_, i) => isPatchFile(patchEntries(patches)[i]!));
    io.out(`the start of ${whose}${applied.length ? ` with ${applied.join(', ')}` : ''} runs no steps of its own: no module is loaded at the start and no probe at boot adds a stateless link (its other steps are the catalogue's: probecheck steps --profile ${profileName}${files.map((f) => ` --patch ${shellWord(f)}`).join('')})`);
    if (start.choice) io.out(start.choice);
    return EXIT.ok;
  }
  if (start?.choice) io.out(start.choice);
  io.out(`steps of ${start ? `the start of ${whose}: ${start.what.join('; ')}` : whose}${applied.length ? ` with ${applied.join(', ')}` : ''} (reads, writes, locks and waits recorded over ${bound})`);
  for (const s of steps) {
    io.out(['', s.step, `  where: ${s.where}`, `  since: ${s.since}`].join('\n'));
    if (s.c) io.out(`  C:     ${s.c}`);
    // The callees of its cited lines that it runs (a line tagged #runs): `steps --function` of one lists this step.
    if (s.runs?.length) io.out(`  runs:  ${s.runs.join(', ')}`);
    if (s.merges) io.out(`  merges: ${s.merges}`);
    for (const n of s.notes ?? []) io.out(`  note:  ${n}`);
    if (!s.fired && !s.waits.length) io.out('  (not reached within the bound: nothing recorded)');
    const line = (k: string, v: string[]) => { if (v.length) io.out(`  ${k.padEnd(6)} ${v.join(', ')}`); };
    line('reads:', s.reads); line('writes:', s.writes); line('locks:', s.locks); line('waits:', s.waits);
    // Said of the lock it waits for: a patch's own lock is not the device mutex (s47 h8: cb3d1049f4ea's store, under its
    // spinlock, was said against the device mutex it no longer takes).
    if (s.strong) io.out(`  fair:  strongly (${STRONG_WHY[s.strongBy ?? 'device']})`);
    if (s.strongIfLockOnly) io.out("  fair:  strongly if, over a whole search, the patch's guard lets the thread go where the mutex alone would (MUTEX_HANDOFF); weakly otherwise");
  }
  // A function with steps of its own may run inside its callers' steps too (device_lock: one block of
  // its own, and the lock step of each caller, which the model inlines): a change to the function
  // itself needs a hunk on those as well (s45 h7: only its own steps were listed).
  if (steps.some((s) => s.fn === BOOT_PROBE)) io.out(`\n${BOOT_PROBE}'s steps stand for boot's really_probe and driver_bound around its device_link_add calls: no kernel function, so a patch cannot name them (E604); a hunk on device_link_add runs in them`);
  const inside = fn ? callersRunning(fn, cat.refs) : [];
  if (inside.length) io.out(`\n'${fn}' also runs inside its callers' steps (their where, label, its own C they cite, or a cited line tagged #runs): ${inside.join(', ')}: a change to ${fn} itself needs a hunk on each`);
  const names = Object.entries(targets);
  if (names.length) {
    io.out('\nalso names a hunk\'s insert may go `before` (where a call or walk starts; not steps, so not `replace`d):');
    for (const [f, ls] of names) io.out(`  ${f}: ${ls.join(', ')}`);
  }
  return EXIT.ok;
}
