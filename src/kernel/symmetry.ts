/**
 * Interchangeable devices: a scenario's `symmetric: [['c1', 'c2', 'c3']]`, validated against
 * the world (E601 when the named devices differ in what the model can see of them), or, when a
 * scenario says nothing, the groups the builder finds by the same rules; turned into
 * the engine's SymmetryClass: each device owns its `dev[...]` record and the kernel threads
 * started for it alone (its async helpers, its work_on_cpu kworker, its async scans).
 *
 * What may move in a state: the devices no actor names in its current or later actions. Walks
 * over the group follow list order kept in the state, and a thread inside a step working on one
 * device has its pc moved with it (see docs/how-it-works.md, "Symmetry"). This is the builder's claim; the
 * symmetry checker (engine/reduce/symmetry-check.ts) verifies it on every reachable state of
 * small instances.
 */
import { ProbecheckError } from '../engine/errors.js';
import type { SymmetryClass, ThreadDef } from '../engine/model.js';
import type { Action } from './actions.js';
import { probeRegisters, type World } from './world.js';

const bad = (msg: string) => new ProbecheckError('E601', msg);

/** What tells device j apart from device i (same group), or null. */
function differs(w: World, i: number, j: number): string | null {
  const a = w.devices[i]!, d = w.devices[j]!;
  if (d.bus !== a.bus) return 'bus';
  if (d.parent !== a.parent) return 'parent';
  if (d.present !== a.present || d.boundTo !== a.boundTo) return 'present/boundTo';
  if (d.drivers.join() !== a.drivers.join()) return 'drivers (the drivers that match them must be the same)';
  if (d.override !== a.override) return 'driver_override';
  // A driver that matches one only through its override (DevInfo.byOverride) fails the other's match without one.
  if ((d.byOverride ?? []).join() !== (a.byOverride ?? []).join()) return 'driver_override';
  // The bus's match() defers for one alone: its walks take other steps (a symmetry hunt, 2026-12-06:
  // {a, b} with a's match deferring was grouped, and --check-symmetry refuted it).
  if (d.matchDefers !== a.matchDefers) return 'matchDefers';
  return null;
}

/** Why device i cannot be permuted with others at all (it is named alone somewhere), or null. */
function namedAlone(w: World, i: number, actors: readonly { name: string; acts: readonly Action[] }[]): string | null {
  const d = w.devices[i]!;
  const child = w.devices.find((x) => x.parent === i);
  if (child) return `'${d.name}' has a child ('${child.name}'): its children would have to permute with it`;
  // Before needs: a driver's links are in its needs too (a supplier must be bound), but the scenario said links.
  if (w.links.some((l) => l.consumer === i || l.supplier === i)) return `'${d.name}' is an end of a device link`;
  // A probe of it that registers devices (a hub's `registers: { port: [...] }`) makes devices of
  // its own, which would have to permute with it (a reductions hunt, 2026-12-05: two such ports
  // were grouped, and the default run failed with E101 or reduced unsoundly).
  // Twin steps are found by a device's name in the step's label (`__driver_attach(c1,cdrv)`): a
  // driver or module of the same name (platform devices often have one) reads as that device
  // (a reductions hunt, 2026-12-05: driver_attach(serial) and driver_attach(rtc) were twins).
  const clash = w.drivers.find((r) => r.name === d.name) ?? w.modules.find((m) => m.name === d.name);
  if (clash) return `'${d.name}' is also the name of a ${'matches' in clash ? 'driver' : 'module'}: step labels would not tell them apart`;
  const maker = d.drivers.find((r) => probeRegisters(w.drivers[r]!, i).length > 0);
  if (maker !== undefined) return `driver '${w.drivers[maker]!.name}' registers devices when it probes '${d.name}'`;
  for (const r of w.drivers) {
    const uses = [['registers', r.registers], ['asyncScan', r.asyncScan ?? []], ['needs', r.needs], ['locks', r.locks]] as const;
    for (const [what, list] of uses) if (list.includes(i)) return `driver '${r.name}' ${what} '${d.name}' alone`;
  }
  for (const a of actors) for (const x of a.acts) {
    if ('dev' in x && x.dev === i && x.op !== 'add') return `actor '${a.name}': '${x.text}': only 'add' may name a device of the group (a ${x.op} of one device tells them apart)`;
  }
  return null;
}

/** E601 unless each group names interchangeable devices; returns the groups as device indices. */
export function validateSymmetric(scenario: string, w: World, groups: readonly (readonly string[])[], actors: readonly { name: string; acts: readonly Action[] }[]): number[][] {
  const at = `scenario '${scenario}': symmetric`;
  const seen = new Set<number>();
  return groups.map((g) => {
    const where = `${at} [${g.join(', ')}]`;
    if (!Array.isArray(g) || g.length < 2) throw bad(`${where}: a group names at least two devices`);
    if (g.length > 31) throw bad(`${where}: at most 31 devices in a group`);
    const idx = g.map((n) => {
      const i = w.devices.findIndex((d) => d.name === n);
      if (i < 0) throw bad(`${where}: device '${n}' is not declared; devices: ${w.devices.map((d) => d.name).join(', ')}`);
      if (seen.has(i)) throw bad(`${where}: device '${n}' is named twice`);
      seen.add(i);
      return i;
    });
    for (const i of idx.slice(1)) {
      const what = differs(w, idx[0]!, i);
      if (what) throw bad(`${where}: '${g[0]}' and '${w.devices[i]!.name}' differ in ${what}`);
    }
    for (const i of idx) {
      const why = namedAlone(w, i, actors);
      if (why) throw bad(`${where}: ${why}`);
    }
    return idx;
  });
}

/**
 * The groups a scenario does not declare: devices that differ in nothing the model can see
 * (bus, parent, drivers, present, boundTo, override, matchDefers) and are named alone nowhere.
 */
export function inferSymmetric(w: World, actors: readonly { name: string; acts: readonly Action[] }[]): number[][] {
  const groups: number[][] = [];
  for (const d of w.devices) {
    if (namedAlone(w, d.i, actors)) continue;
    const g = groups.find((x) => x.length < 31 && differs(w, x[0]!, d.i) === null);
    if (g) g.push(d.i); else groups.push([d.i]);
  }
  return groups.filter((g) => g.length > 1);
}

/** Where in its program each actor is: the index of the action each of its step labels belongs to. */
export type ActionOfLabel = Map<string, number>;

export interface SymmetryInputs {
  w: World;
  groups: number[][];
  actors: readonly { name: string; acts: readonly Action[]; actionOf: ActionOfLabel }[];
  threads: readonly ThreadDef[];
  /** The device each thread was started for alone (-1: none, or an actor). */
  tiedTo: readonly number[];
  /** Globals a thread owns (its slots in KS.flushBarrier and KS.moduleWq): they move with a tied thread's device. */
  owned?: (thread: string) => string[];
  /** The flat-layout pc offset and width of each thread (from the compiled model, given lazily). */
}

/**
 * The engine's classes. A device may move unless an actor names it in its current or a later
 * action: the walks over a group (driver_attach, driver_detach, the deferred-probe worker)
 * follow list order kept in the state (paths/klist.ts), and a thread working on one device of
 * the group has its pc moved with that device (`walkers`: the same step of the twin block).
 * `movable` reads the actors' and walkers' program counters; compile() fixes their byte
 * offsets, so it finds them on first use.
 */
export function symmetryClasses(x: SymmetryInputs, pcAt: () => { offset: number[]; wide: boolean[] }): SymmetryClass[] {
  const { w, groups, actors, threads, tiedTo } = x;
  return groups.map((g) => {
    const names = g.map((d) => w.devices[d]!.name);
    const ALL = (1 << g.length) - 1;
    /** Mask of the group's devices an action holds fixed. */
    // deferred_probe_initcall pins them all, conservatively: its triggers and the timeout work
    // retry whatever is deferred, and no symmetry check has covered a scenario with it yet.
    const fixes = (a: Action): number => ('dev' in a && g.includes(a.dev) ? 1 << g.indexOf(a.dev) : a.op === 'deferred_probe_initcall' ? ALL : 0);
    // Per actor thread: pc -> mask of devices its current and later actions hold fixed.
    const actorMasks = actors.map((a) => {
      const ti = threads.findIndex((t) => t.name === a.name);
      const labels = Object.keys(threads[ti]!.steps);
      const rest = a.acts.map((_, i) => a.acts.slice(i).reduce((m, act) => m | fixes(act), 0));
      const byPc = new Uint32Array(labels.length + 1);
      labels.forEach((l, i) => { const ai = a.actionOf.get(l); byPc[i + 1] = ai === undefined ? ALL : rest[ai]!; });
      return { ti, byPc };
    });
    // Untied threads: the steps that work on one device of the group, and their twins.
    const walkers: NonNullable<SymmetryClass['walkers']> = [];
    const stuck: { ti: number; byPc: Uint32Array }[] = [];
    threads.forEach((t, ti) => {
      if (tiedTo[ti]! >= 0) return;
      const labels = Object.keys(t.steps), twins: Record<string, string[]> = {};
      const byPc = new Uint32Array(labels.length + 1);
      const actor = actors.find((a) => a.name === t.name);
      const same = actor ? sameInAction(labels, actor.actionOf) : undefined;
      labels.forEach((l, i) => {
        const on = workingOn(l, names, same);
        // A step that names two devices of the group has no twin: both stay put.
        if (!on) { for (const e of namedIn(l, names)) byPc[i + 1]! |= 1 << e; return; }
        const ls = names.map((n) => on.as(n));
        if (ls.every((x) => x in t.steps)) twins[l] = ls;
        else byPc[i + 1] = 1 << on.e;   // no twin step for every device: this one stays put
      });
      if (Object.keys(twins).length) walkers.push({ thread: t.name, twins });
      if (byPc.some((m) => m !== 0)) stuck.push({ ti, byPc });
    });
    let pcs: { offset: number[]; wide: boolean[] } | undefined;
    const pc = (u8: Uint8Array, i: number) => { const o = pcs!.offset[i]!; return pcs!.wide[i] ? u8[o]! | (u8[o + 1]! << 8) : u8[o]!; };
    const walks = busWalks(x);
    return {
      name: `{${names.join(', ')}}`,
      elements: g.map((d) => ({
        name: w.devices[d]!.name,
        state: [`dev[${w.devices[d]!.name}]`, ...threads.filter((_, i) => tiedTo[i] === d).flatMap((t) => x.owned?.(t.name) ?? [])],
        threads: threads.filter((_, i) => tiedTo[i] === d).map((t) => t.name),
      })),
      walkers,
      ...(walks ? {
        dead: {
          state: w.devices.filter((d) => d.bus === w.devices[g[0]!]!.bus).map((d) => `dev[${d.name}].busRank`),
          when: (u8: Uint8Array) => { pcs ??= pcAt(); return !walks.some((t) => t.byPc[pc(u8, t.ti)] !== 0); },
        },
      } : {}),
      movable: (u8) => {
        pcs ??= pcAt();
        let fixed = 0;
        for (const a of actorMasks) fixed |= a.byPc[pc(u8, a.ti)]!;
        for (const t of stuck) fixed |= t.byPc[pc(u8, t.ti)]!;
        return ALL & ~fixed;
      },
    };
  });
}

/**
 * The bus klist order is read only by driver_attach's bus_for_each_dev walk. Per thread that has
 * such a walk, pc -> 1 while it is in one or may still start one: an actor whose current or a
 * later action builds `driver_attach(...)` steps, any other such thread while it runs. Null when
 * a thread not running yet could start a walk (a probe that registers a driver or calls
 * request_module): the order then never counts as dead.
 */
function busWalks(x: SymmetryInputs): { ti: number; byPc: Uint8Array }[] | null {
  const { w, actors, threads } = x;
  if (w.drivers.some((d) => d.registersDriver.length > 0 || d.requestModule >= 0)) return null;
  const isWalk = (l: string) => l.startsWith('driver_attach(');
  return threads.flatMap((t, ti) => {
    const labels = Object.keys(t.steps);
    if (!labels.some(isWalk)) return [];
    const byPc = new Uint8Array(labels.length + 1);
    const a = actors.find((y) => y.name === t.name);
    if (!a) { byPc.fill(1, 1); return [{ ti, byPc }]; }
    const walksIn = new Set(labels.filter(isWalk).map((l) => a.actionOf.get(l) ?? -1));
    if (walksIn.has(-1)) { byPc.fill(1, 1); return [{ ti, byPc }]; }
    labels.forEach((l, i) => { const ai = a.actionOf.get(l); byPc[i + 1] = ai === undefined || [...walksIn].some((j) => j >= ai) ? 1 : 0; });
    return [{ ti, byPc }];
  });
}

/**
 * The group device a step label works on (`__driver_attach(c1,cdrv)#2:device_lock` -> c1) and
 * the same label for another device, or null when it names none (or more than one).
 */
const STEP_LABEL = /^([^(:]+)\(([^)]*)\)(#\d+)?:(.*)$/;

function workingOn(label: string, names: readonly string[], same?: SameInAction): { e: number; as: (n: string) => string } | null {
  const m = STEP_LABEL.exec(label);
  if (!m) return null;
  const args = m[2]!.split(',');
  const at = args.flatMap((a, i) => (names.includes(a) ? [i] : []));
  if (at.length !== 1) return null;
  const i = at[0]!;
  const base = (n: string) => `${m[1]}(${args.map((a, j) => (j === i ? n : a)).join(',')})`;
  const own = same?.place.get(label);
  if (own) return { e: names.indexOf(args[i]!), as: (n) => same!.label.get(`${own.action}|${base(n)}|${own.nth}|${m[4]}`) ?? `${base(n)}(no twin)` };
  return { e: names.indexOf(args[i]!), as: (n) => `${base(n)}${m[3] ?? ''}:${m[4]}` };
}

/**
 * An actor's block numbers count every block of one name in the thread (emit.ts): after `add a`,
 * `register d0`'s walk builds `driver_probe_device(a,d0)#2` beside `driver_probe_device(b,d0)`.
 * The twin of a step is the one of the same action, at the same place among that action's blocks
 * of the twin's name, with the same step name.
 */
interface SameInAction {
  place: Map<string, { action: number; nth: number }>;
  label: Map<string, string>;
}

function sameInAction(labels: readonly string[], actionOf: ActionOfLabel): SameInAction {
  const numbers = new Map<string, Set<number>>();
  const parsed = labels.flatMap((l) => {
    const m = STEP_LABEL.exec(l), action = actionOf.get(l);
    if (!m || action === undefined) return [];
    const key = `${action}|${m[1]}(${m[2]})`, n = m[3] ? Number(m[3].slice(1)) : 1;
    numbers.set(key, (numbers.get(key) ?? new Set()).add(n));
    return [{ l, action, key, n, step: m[4]! }];
  });
  const place = new Map<string, { action: number; nth: number }>(), label = new Map<string, string>();
  for (const p of parsed) {
    const nth = [...numbers.get(p.key)!].sort((x, y) => x - y).indexOf(p.n);
    place.set(p.l, { action: p.action, nth });
    label.set(`${p.key}|${nth}|${p.step}`, p.l);
  }
  return { place, label };
}

/** The group devices (positions in `names`) a step label's arguments name. */
function namedIn(label: string, names: readonly string[]): number[] {
  const m = STEP_LABEL.exec(label);
  return m ? m[2]!.split(',').map((a) => names.indexOf(a)).filter((e) => e >= 0) : [];
}
