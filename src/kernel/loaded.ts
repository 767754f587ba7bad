/**
 * Modules loaded before the scenario starts (`modules: { m: { loaded: true } }`). The start state
 * is not written by hand: it is the state the library's own load path reaches. The scenario is
 * built once more without the loaded modules (their drivers not registered, the devices they bind
 * unbound, the devices and drivers their probes register not yet there), with one actor that runs
 * `modprobe m` for each loaded module in declaration order and nothing else; that model is
 * searched in every interleaving (its async probes, deferred retries and request_module threads
 * with it), and its quiescent end states (no step enabled, the actor done, every other thread
 * dormant or idle where it started) are the candidates. The one whose devices are registered and
 * bound as the scenario declares (present, boundTo, the pending list) is the start: the kernel's
 * state once that load completed, module LIVE, refcounts, klist and devices_kset order and all.
 * None, or two that differ, is an E601 naming what.
 */
import { makeBackend } from '../engine/check.js';
import { compile } from '../engine/compile.js';
import { ProbecheckError } from '../engine/errors.js';
import { fp } from '../engine/hash.js';
import type { LoadStep } from '../engine/model.js';
import { decode } from '../engine/schema.js';
import { FingerprintStore, NO_PARENT } from '../engine/store.js';
import type { KS } from './state.js';
import { locksHeldBy } from './emit.js';
import { statelessLinksOf, type BootProbe } from './paths/links.js';
import { takesParentLock } from './paths/common.js';
import { probeRegisters, type World } from './world.js';
import type { BuiltScenario, ScenarioSpec } from './scenario.js';

/** The actor of the load model. */
export const LOADER = 'boot-modprobe';
/** States a load may take; more is refused (a load alone is a few hundred). */
const MAX_LOAD_STATES = 200_000;

/**
 * What the load model keeps that the scenario's own actors decide (state.ts kernelSchema).
 * `walked`: the devices whose __device_attach the scenario builds (klist.ts walksDrivers), which
 * decide the drivers whose klist_drivers place the state keeps: the load model keeps the same.
 * `bootProbes`: this is the boot-links model instead (bootLinksStart): the scenario's threads built but
 * none running, and one thread running these probes' device_link_add calls, in order (links.ts bootProbe),
 * those that bound their device and those that failed (links.ts failedBootProbes).
 */
export interface LoadOpts { shutdown: boolean; initStarted: boolean; walked: number[]; bootProbes?: BootProbe[] }

/** The thread of the boot-links model (LoadStep.thread of what it ran). */
export const BOOT_LINKS = 'boot-probes';

const bad = (msg: string) => new ProbecheckError('E601', msg);

/**
 * The scenario as it stood before its loaded modules were loaded. `w` is the scenario's world:
 * drivers registered by the load (the modules' own, and what their bound probes register), the
 * devices those probes add, and the devices bound through them (bound to such a driver, or to one
 * whose probe needs or links to a device bound so: boot deferred it, the load's trigger retried it)
 * lose `boundTo`; what the probes add loses `present`.
 */
export function loadSpec(spec: ScenarioSpec, w: World): ScenarioSpec {
  const regDrv = new Set(w.drivers.filter((d) => d.module >= 0 && w.modules[d.module]!.loaded).map((d) => d.i));
  const added = new Set<number>(), unbound = new Set<number>();
  for (let grew = true; grew;) {
    grew = false;
    const put = (s: Set<number>, i: number) => { if (!s.has(i)) { s.add(i); grew = true; } };
    for (const dev of w.devices) {
      const b = dev.boundTo;
      if (b < 0) continue;
      const d = w.drivers[b]!;
      const through = regDrv.has(b) || added.has(dev.i) || d.needs.some((n) => unbound.has(n))
        || w.links.some((l) => l.autoprobe && l.consumer === dev.i && unbound.has(l.supplier));
      if (!through) continue;
      put(unbound, dev.i);
      for (const r of [...probeRegisters(d, dev.i), ...(d.asyncScan ?? [])]) put(added, r);
      for (const r of d.registersDriver) put(regDrv, r);
    }
  }
  const devices = Object.fromEntries(Object.entries(spec.devices).map(([n, d]) => {
    const i = w.devices.findIndex((x) => x.name === n);
    const { boundTo, present, ...rest } = d;
    return [n, { ...rest, ...(present && !added.has(i) ? { present } : {}), ...(boundTo !== undefined && !unbound.has(i) ? { boundTo } : {}) }];
  }));
  const drivers = Object.fromEntries(Object.entries(spec.drivers).map(([n, d]) => {
    const { present, ...rest } = d;
    return [n, { ...rest, ...(present && !regDrv.has(w.drivers.findIndex((x) => x.name === n)) ? { present } : {}) }];
  }));
  const modules = Object.fromEntries(Object.entries(spec.modules ?? {}).map(([n, m]) => [n, { ...(m.asyncProbe !== undefined ? { asyncProbe: m.asyncProbe } : {}) }]));
  return {
    name: spec.name, ...(spec.profile ? { profile: spec.profile } : {}), ...(spec.buses ? { buses: spec.buses } : {}),
    devices, drivers, modules, actors: { [LOADER]: w.modules.filter((m) => m.loaded).map((m) => `modprobe ${m.name}`) },
    properties: [], symmetric: [], ...(spec.syncFallback !== undefined ? { syncFallback: spec.syncFallback } : {}),
    ...(spec.asyncInstances !== undefined ? { asyncInstances: spec.asyncInstances } : {}),
  };
}

/** A device's state in words, for the E601. */
function devWords(w: World, g: KS, i: number): string {
  const d = g.dev[i]!;
  if (!d.registered) return 'not registered';
  return `${d.driver ? `bound to '${w.drivers[d.driver - 1]!.name}'` : 'unbound'}${d.deferred !== 'none' ? ', on the deferred-probe pending list' : ''}`;
}

/** Why an end state of the load is not the start the scenario declares, or null. */
function mismatch(w: World, g: KS): string | null {
  for (const m of w.modules) {
    const live = g.mod[m.i]!.state === 'LIVE';
    if (live !== m.loaded) return `module '${m.name}' ${live ? `is loaded by it too (a probe's request_module): declare modules: { ${m.name}: { loaded: true } }` : `is ${g.mod[m.i]!.state}, not LIVE`}`;
  }
  for (const d of w.devices) {
    const x = g.dev[d.i]!, want = `${d.present ? (d.boundTo >= 0 ? `bound to '${w.drivers[d.boundTo]!.name}'` : 'unbound') : 'not registered'}`;
    const listed = !!d.deferredAtBoot?.length;
    if (x.registered !== d.present || x.driver !== d.boundTo + 1 || (d.present && (x.deferred !== 'none') !== listed)) {
      // The likeliest cause a newcomer cannot see from the states alone: a bus that does not autoprobe.
      const bus = w.buses[d.bus]!, why = !x.driver && d.boundTo >= 0 && !bus.autoprobe ? ` (bus '${bus.name}' has autoprobe: false, so the load binds nothing)` : '';
      return `device '${d.name}' is ${devWords(w, g, d.i)} after it, where the scenario declares it ${want}${d.present && d.boundTo < 0 ? (listed ? ', on the deferred-probe pending list' : ', off the pending list') : ''}${why}`;
    }
  }
  return null;
}

/** The leaf paths where two decoded states differ (at most `n`), with devices, drivers and modules by name. */
function differences(w: World, a: unknown, b: unknown, path = '', out: string[] = [], n = 4): string[] {
  if (out.length >= n) return out;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const names: Record<string, { name: string }[]> = { dev: w.devices, drv: w.drivers, mod: w.modules };
    for (const k of Object.keys(a)) {
      const at = Array.isArray(a) ? `${path}[${names[path]?.[Number(k)]?.name ?? k}]` : path ? `${path}.${k}` : k;
      differences(w, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at, out, n);
    }
  } else if (a !== b) out.push(path);
  return out;
}

/**
 * The globals the load of `w`'s loaded modules ends with (decoded, state.ts KS with whatever the
 * load model's schema keeps), from the built load model `load`, and whether some of its orders
 * blocked instead (a deadlock of the load itself, which the start leaves behind).
 */
export function loadedStart(where: string, w: World, load: BuiltScenario): { start: Record<string, unknown>; blocked: boolean; steps: LoadStep[] } {
  const c = compile(load.model), be = makeBackend(c, 'fast');
  const loader = c.threads.findIndex((t) => t.name === LOADER);
  // With ids: the moves are kept (from, to, step), so that a step is counted only where it leads on
  // to the start (s41 h16: a hunk that fired only in orders ending in a state that does not fit was
  // credited with the start, which was the same as without the patch).
  const seen = new FingerprintStore(16, true);
  // (In a typed array that doubles, not a number[]: a load near MAX_LOAD_STATES makes about a
  // million moves, whose number[] and per-state lists doubled the load's CPU time and took 70 MiB
  // more (s41 h18: 185k states, 769k moves, 173 MiB peak where it is about 100 now).)
  let moves = new Int32Array(3 << 10), nMoves = 0;
  const endIds = new Map<number, string>();
  be.clear();
  be.loadInitial();
  const start = decode(c.full, be.bytes(), 0) as Record<string, unknown>;
  // Where each thread starts. Quiescent: back there (dormant, or idle where it waits for work). Their
  // locals are not carried: the real model starts its threads afresh (the deferred kworker's
  // PF_USED_ASYNC, say, which only a module init's thread reads, state.ts KL.usedAsync).
  const pcOf = (s: Record<string, unknown>, k: number) => (s[`t${k}`] as { pc: number }).pc;
  const startPcs = c.threads.map((_, k) => pcOf(start, k));
  be.pushCur(seen.put(fp.hi, fp.lo, NO_PARENT, 0), 0);
  const ends = new Map<string, KS>();
  let stuck = false;
  while (be.popBack()) {
    const from = be.poppedId;
    if (be.expand((k) => {
      const id = seen.put(fp.hi, fp.lo, NO_PARENT, 0);
      if (3 * nMoves === moves.length) { const m = new Int32Array(2 * moves.length); m.set(moves); moves = m; }
      // (be.pc reads the state expanded: the step that fired, whichever branch it took.)
      moves[3 * nMoves] = from; moves[3 * nMoves + 1] = id >= 0 ? id : seen.found; moves[3 * nMoves + 2] = c.threads[k]!.steps[be.pc(k) - 1]!.id;
      nMoves++;
      if (id >= 0) be.pushNext(id, 0);
    }) > 0) {
      if (seen.size > MAX_LOAD_STATES) throw bad(`${where}: loading its modules at the start takes more than ${MAX_LOAD_STATES} states; load them in an actor instead`);
      continue;
    }
    const s = decode(c.full, be.bytes(), 0) as Record<string, unknown>;
    // Not quiescent: blocked (a deadlock of the load, as the sync fallback's before b232b02bf3c2): no start.
    if (be.pc(loader) !== 0 || c.threads.some((_, k) => k !== loader && pcOf(s, k) !== startPcs[k])) { stuck = true; continue; }
    const key = JSON.stringify(s.g);
    ends.set(key, s.g as KS);
    endIds.set(from, key);
  }
  const mods = w.modules.filter((m) => m.loaded).map((m) => `'${m.name}'`).join(', ');
  const what = `the load of module${mods.includes(',') ? 's' : ''} ${mods} (modprobe run alone from the start, in every order)`;
  if (ends.size === 0) throw bad(`${where}: ${what} never completes${stuck ? ' (it blocks)' : ''}: it cannot be loaded at the start; load it in an actor`);
  const all = [...ends.values()];
  // A lock left held at the load's end: its holder is a thread of the load model, gone from the
  // search's, whose threads number owners afresh, so the start would make another thread its owner
  // (s49 h12: a hunk of yours keeping dc's mutex at do_init_module's end read as an actor's
  // `uevent dc` returning holding it, violated with a trace that never took it). A return to user
  // space holding a lock, in the load itself: refused, as a load that blocks is.
  for (const g of all) {
    const held = c.threads.flatMap((t, i) => locksHeldBy(load.kernel, i + 1, g).map((l) => `${l} (held by ${t.name})`));
    if (held.length) throw Object.assign(bad(`${where}: ${what} ends holding ${held.join(', ')}: a thread of the load returned holding it (to user space: lockdep's "lock held when returning to user space"; or at its work item's end), and no thread of the search could release it; it cannot be loaded at the start; load it in an actor, where no-lock-at-return judges its return`), { undeclarable: true });
  }
  const fit = all.filter((g) => mismatch(w, g) === null);
  if (fit.length === 0) throw bad(`${where}: ${what}: ${mismatch(w, all[0]!)}${all.length > 1 ? ` (in the first of its ${all.length} end states; none fits)` : ''}`);
  if (fit.length > 1) throw bad(`${where}: ${what} can end in ${fit.length} states that fit the scenario but differ (${differences(w, fit[0], fit[1]).join(', ')}); the model starts from one state: load the module in an actor instead`);
  // `blocked`: some orders of the load blocked for good (no end state); the caller says so in a note.
  // `steps`: what the load built and how often each fired in the orders that end in the start (a
  // move counted where the start is reached from its state after): a user's hunk may run only
  // there, in a loaded module's probe, its effect then the start state itself (s41 h12: diff refused
  // such a patch as changing nothing, E501). Orders that block or end elsewhere are not counted.
  // (The moves into each state as one sorted index, CSR: the states that reach the start, backwards.)
  const startKey = JSON.stringify(fit[0]), n = seen.size, good = new Uint8Array(n), todo: number[] = [];
  for (const [id, key] of endIds) if (key === startKey) { good[id] = 1; todo.push(id); }
  const first = new Int32Array(n + 1), into = new Int32Array(nMoves);
  for (let i = 0; i < nMoves; i++) first[moves[3 * i + 1]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const at = first.slice(0, n);
  for (let i = 0; i < nMoves; i++) into[at[moves[3 * i + 1]!]!++] = i;
  while (todo.length) {
    const v = todo.pop()!;
    for (let j = first[v]!; j < first[v + 1]!; j++) { const u = moves[3 * into[j]!]!; if (!good[u]) { good[u] = 1; todo.push(u); } }
  }
  const fired = new Array<number>(c.steps.length).fill(0);
  for (let i = 0; i < nMoves; i++) if (good[moves[3 * i + 1]!]) fired[moves[3 * i + 2]!]!++;
  const steps = c.steps.map(({ thread, s }) => ({ thread: thread.name, label: s.label, where: s.step.where, fired: fired[s.id]! }));
  return { start: fit[0] as unknown as Record<string, unknown>, blocked: stuck, steps };
}

/**
 * The globals boot's adds of stateless links end with, run through device_link_add as the profile
 * and patches build it (a user's hunk there included), from the built boot-links model `boot`
 * (LoadOpts.bootProbes): the start otherwise counts them as the unpatched kernel (state.ts
 * initState), so a hunk that refuses or makes such a link, or counts its references otherwise, was
 * not seen at the start (s41 h4, h7, h13; s42 h2). One thread alone runs, so one end is expected;
 * a hunk that blocks there, or that ends two ways, is refused: a probe that may hold its parent's
 * lock runs both ways boot may have called it (links.ts bootProbe), so a hunk that takes or reads
 * that lock is refused where the two differ. `steps`: what it built and fired.
 */
export function bootLinksStart(where: string, boot: BuiltScenario, who: string, probes: readonly BootProbe[]): { start: Record<string, unknown>; steps: LoadStep[] } {
  const c = compile(boot.model), be = makeBackend(c, 'fast');
  const t = c.threads.findIndex((x) => x.name === BOOT_LINKS);
  const seen = new FingerprintStore(16);
  const fired = new Array<number>(c.steps.length).fill(0);
  const ends = new Map<string, Record<string, unknown>>();
  let stuck = false;
  be.clear();
  be.loadInitial();
  const start = decode(c.full, be.bytes(), 0) as Record<string, unknown>;
  const startPcs = c.threads.map((_, k) => (start[`t${k}`] as { pc: number }).pc);
  be.pushCur(seen.put(fp.hi, fp.lo, NO_PARENT, 0), 0);
  while (be.popBack()) {
    if (be.expand((k) => {
      fired[c.threads[k]!.steps[be.pc(k) - 1]!.id]!++;
      const id = seen.put(fp.hi, fp.lo, NO_PARENT, 0);
      if (id >= 0) be.pushNext(id, 0);
    }) > 0) {
      if (seen.size > MAX_LOAD_STATES) throw new ProbecheckError('E604', `${where}: ${who}: boot's device_link_add calls, run with your hunk, take more than ${MAX_LOAD_STATES} states`);
      continue;
    }
    const s = decode(c.full, be.bytes(), 0) as Record<string, unknown>;
    if (be.pc(t) !== 0 || c.threads.some((_, k) => k !== t && (s[`t${k}`] as { pc: number }).pc !== startPcs[k])) { stuck = true; continue; }
    ends.set(JSON.stringify(s.g), s.g as Record<string, unknown>);
  }
  const w = boot.world, links = [...new Set(probes.flatMap((p) => statelessLinksOf(w, p.drv, p.dev)))].map((li) => `${w.devices[w.links[li]!.consumer]!.name} -> ${w.devices[w.links[li]!.supplier]!.name}`).join(', ');
  const failed = probes.some((p) => p.failed && statelessLinksOf(w, p.drv, p.dev).length);
  const said = `${where}: ${who}: its hunk on device_link_add runs in boot's probes of the built-in drivers bound at the start${failed ? ' or whose probe failed there' : ''}, which added link${links.includes(',') ? 's' : ''} ${links}`;
  // A probe that may hold its parent's lock ran both ways (links.ts bootProbe): say so where it blocks.
  const held = probes.filter((p) => w.devices[p.dev]!.parent >= 0 && takesParentLock(boot.kernel, p.dev)).map((p) => `${w.devices[p.dev]!.name} (${w.devices[w.devices[p.dev]!.parent]!.name})`);
  const both = held.length ? ` (boot may have called the probe of ${[...new Set(held)].join(', ')} through __driver_attach, holding the parent's lock, or through device_add's __device_attach, without it: both are run)` : '';
  const instead = 'leave the device of that probe unbound at the start and bind it in an actor, where the search runs your hunk';
  if (stuck || ends.size === 0) throw new ProbecheckError('E604', `${said}, and it blocks there${both}: no start state; ${instead}`);
  if (ends.size > 1) throw new ProbecheckError('E604', `${said}, and they end in ${ends.size} different states${both}: the model starts from one; ${instead}`);
  const steps = c.steps.filter(({ thread }) => thread.name === BOOT_LINKS).map(({ thread, s }) => ({ thread: thread.name, label: s.label, where: s.step.where, fired: fired[s.id]! }));
  return { start: [...ends.values()][0]!, steps };
}

/** Write the decoded globals `v` into the draft `d`, field by field, where `d` has the field. */
export function overlay(d: Record<string, any>, v: Record<string, unknown>): void {
  for (const [key, x] of Object.entries(v)) {
    if (!(key in d)) continue;
    if (Array.isArray(x)) {
      const a = d[key];
      x.forEach((e, i) => { if (typeof e === 'object' && e !== null) overlay(a[i], e as Record<string, unknown>); else a[i] = e; });
    } else if (typeof x === 'object' && x !== null) overlay(d[key], x as Record<string, unknown>);
    else d[key] = x;
  }
}
