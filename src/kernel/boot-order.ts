/**
 * The order of the devices a scenario starts deferred (world.ts deferredAtBoot) on
 * deferred_probe_pending_list: a choice, made by a first step before any other thread moves.
 *
 * The list is in the order of the devices' last driver_deferred_probe_add (`list_add_tail`, and
 * none while the entry is on a list: dd.c at dakr@1ac45118ddf8:133-144); the trigger's
 * `list_splice_tail_init` (176-191) and the worker's `list_first_entry` + `list_del_init` with a
 * re-add at the tail (82-131) keep it, but a trigger that comes while the worker retries (any
 * device bound elsewhere) rotates it, and boot's first deferrals come in the order of boot's
 * probes: of device_add and driver registration across initcalls, udev's parallel module loads
 * and asynchronous probes, none of which a scenario states. So every order is explored (s45 h1;
 * before, only the declared one was, and a property whose violation needed another read holds).
 * One with fewer than two such devices builds nothing here.
 */
import { ProbecheckError } from '../engine/errors.js';
import type { ThreadDef } from '../engine/model.js';
import { t, type RecordT } from '../engine/schema.js';
import type { KS } from './state.js';
import type { World } from './world.js';

/** The thread that chooses the order; it runs alone, first, and ends (not a name an actor takes: it has a space and a colon). */
export const BOOT_ORDER = 'boot: pending order';
/** Its one step. */
export const BOOT_ORDER_STEP = 'deferred_probe_pending_list';

/**
 * The devices boot's probes left on the pending list (a built-in driver's probe deferred them), in
 * declaration order. Not one only a module loaded at the start deferred: that load came after
 * boot's deferrals, and its load model (loaded.ts) orders what it adds (s45 h8: p deferred at
 * boot and c by the load were started c first too).
 */
export function bootDeferred(w: World): number[] {
  return w.devices.filter((d) => d.present && d.deferredAtBoot?.some((j) => w.drivers[j]!.module < 0)).map((d) => d.i);
}

/**
 * A scenario's `deferredOrder`, checked: every device that starts deferred, once each, and no
 * other (E601 naming the scenario and the key); as device indices.
 */
export function pinnedOrder(scenario: string, w: World, names: readonly string[]): number[] {
  const at = `scenario '${scenario}': deferredOrder`, listed = bootDeferred(w);
  const shown = listed.length ? listed.map((i) => `'${w.devices[i]!.name}'`).join(', ') : 'none';
  const out: number[] = [];
  for (const n of names) {
    const i = w.devices.findIndex((d) => d.name === n);
    if (i < 0) throw new ProbecheckError('E601', `${at}: device '${n}' is not declared; the devices that start on the pending list: ${shown}`);
    if (!listed.includes(i)) throw new ProbecheckError('E601', `${at}: device '${n}' does not start on the pending list (no built-in driver's probe deferred it at boot); the devices that do: ${shown}`);
    if (out.includes(i)) throw new ProbecheckError('E601', `${at}: device '${n}' is named twice`);
    out.push(i);
  }
  const missing = listed.filter((i) => !out.includes(i));
  if (missing.length) throw new ProbecheckError('E601', `${at}: ${missing.map((i) => `'${w.devices[i]!.name}'`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: it gives every device that starts on the pending list (${shown}) once, in the order boot left them`);
  return out;
}

/**
 * Put the devices of `order` still pending in that order, in the places on the list they hold (a
 * module loaded at the start may have listed its own devices among them, s45 h8: the ranks were
 * 1, 2, ... whatever the load had, and could equal one of its devices').
 */
export function setOrder(s: KS, order: readonly number[]): void {
  const on = order.filter((d) => s.dev[d]!.deferred === 'pending');
  const places = on.map((d) => s.dev[d]!.deferRank).sort((a, b) => a - b);
  on.forEach((d, r) => { s.dev[d]!.deferRank = places[r]!; });
}

/** The devices of `devs` still pending, head first (their places on the list). */
export function byPlace(s: KS, devs: readonly number[]): number[] {
  return devs.filter((d) => s.dev[d]!.deferred === 'pending').sort((a, b) => s.dev[a]!.deferRank - s.dev[b]!.deferRank);
}

/**
 * The start order a run took (validate names it): after the choice's last pick, the devices boot
 * left deferred as the list holds them, and the same devices as declared. Undefined before the
 * choice is made.
 */
export function chosenOrder(w: World, s: KS): { order: number[]; declared: number[] } | undefined {
  if (s.bootOrdered !== true) return undefined;
  const order = byPlace(s, bootDeferred(w));
  return { order, declared: bootDeferred(w).filter((d) => order.includes(d)) };
}

/** How many orders `n` devices have, and how many keep each group of sizes `groups` in one order: n! / (g1! g2! ...). */
export function orderCount(n: number, groups: readonly number[] = []): number {
  const f = (m: number) => { let x = 1; for (let i = 2; i <= m; i++) x *= i; return x; };
  return groups.reduce((x, g) => x / f(g), f(n));
}

/** The globals with `bootOrdered` (false until the choice is made) and `bootPicks` (places chosen so far, 0 outside the choice). */
export function withBootOrder(state: RecordT, devices: number): RecordT {
  return t.record({ ...state.fields, bootOrdered: t.bool, bootPicks: t.int(Math.max(1, devices - 1)) });
}

/**
 * The choosing thread, and every running thread's entry step gated on the choice (dormant threads
 * are started by steps of running ones). The order is chosen one place at a time (s45 h12: one
 * step of k! branches stopped at five devices, a step having at most 255): its one step, taken
 * k-1 times, puts a device still unplaced in the next place, the rest following in the order
 * they had, so the list is a whole order after every pick (a property sees only orders) and the
 * last pick leaves the chosen one with `bootPicks` back at 0 (orders' end states differ only in
 * the order). A pick's candidates: first those that keep each group of interchangeable devices in
 * the start's order (a device in no group, and each group's first unplaced member: one order of
 * each set of orders that differ by permuting a group, which the search may take alone,
 * Model.symmetricChoice), then the rest, each in the order they hold; branch 0 every time keeps
 * the start's order, the declared one.
 */
export function bootOrderThreads(w: World, devs: readonly number[], threads: ThreadDef[], since: string, groups: readonly (readonly number[])[] = []): { threads: ThreadDef[]; orders: number; representatives: number; first: (s: KS) => number } {
  const name = (d: number) => w.devices[d]!.name;
  // The devices of `devs` still pending (a module loaded at the start may have bound one), by
  // place: those placed, in the order picked, then the rest. The rest keep their places' order
  // (the start's, the declared one unless a load moved them), not the declared one: a pick then
  // depends on the places alone, so permuting devices permutes its outcomes (--check-symmetry:
  // ordering the rest as declared failed it on the start state).
  const picking = (s: KS) => {
    const on = byPlace(s, devs), placed = on.slice(0, s.bootPicks ?? 0), rest = on.slice(placed.length);
    const group = (d: number) => groups.find((g) => g.includes(d));
    const rep = (d: number) => { const g = group(d); return !g || rest.find((x) => g.includes(x)) === d; };
    return { on, placed, rest, candidates: [...rest.filter(rep), ...rest.filter((d) => !rep(d))], first: rest.filter(rep).length };
  };
  const gated = threads.map((def) => {
    if (def.running === false) return def;
    const [entry, st] = Object.entries(def.steps)[0]!;
    const aw = st.await;
    const step = { ...st, await: aw ? (s: KS, l: unknown) => s.bootOrdered === true && aw.call(st, s, l) : (s: KS) => s.bootOrdered === true };
    return { ...def, steps: { ...def.steps, [entry]: step } };
  });
  // The order after branch b: the places so far, the pick, the rest as they were.
  const after = (s: KS, b: number) => {
    const p = picking(s), d = p.candidates[b];
    return { ...p, order: d === undefined ? [...p.placed, ...p.rest] : [...p.placed, d, ...p.rest.filter((x) => x !== d)], last: p.rest.length <= 2 };
  };
  const choose: ThreadDef = {
    name: BOOT_ORDER,
    steps: {
      [BOOT_ORDER_STEP]: {
        // Not kernel code: what boot's initcalls (and the probes they ran) left (anchored.ts NOT_ANCHORED).
        where: 'init/main.c:do_initcalls', since,
        // One branch where fewer than two are left to place (a loaded module bound them): it only ends the choice.
        branches: (s: KS) => Math.max(1, picking(s).candidates.length),
        branchNames: (s: KS, _l: unknown, b: number) => {
          const a = after(s, b), shown = a.order.map(name).join(', ');
          if (!a.last) return `${a.order.slice(0, a.placed.length + 1).map(name).join(', ')}, ...`;
          return `${shown}${a.order.every((d, i) => d === devs.filter((x) => a.on.includes(x))[i]) ? ' (as declared)' : ''}`;
        },
        run: (s: KS, _l: unknown, b: number) => {
          const a = after(s, b);
          setOrder(s, a.order);
          if (!a.last) { s.bootPicks = a.placed.length + 1; return BOOT_ORDER_STEP; }
          s.bootPicks = 0; s.bootOrdered = true;
          return null;
        },
      },
    },
  };
  const sizes = groups.map((g) => g.filter((d) => devs.includes(d)).length);
  return { threads: [...gated, choose], orders: orderCount(devs.length), representatives: orderCount(devs.length, sizes), first: (s) => Math.max(1, picking(s).first) };
}
