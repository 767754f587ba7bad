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

/** Most orders one step can choose among (a step has at most 255 branches: five devices, 120). */
const MOST_ORDERS = 255;

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

/** Every order of `xs`, the given one first (lexicographic in positions). */
export function orders<X>(xs: readonly X[]): X[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The globals with `bootOrdered` (false until the choice is made), where the scenario has the choice. */
export function withBootOrder(state: RecordT): RecordT {
  return t.record({ ...state.fields, bootOrdered: t.bool });
}

/**
 * The choosing thread, and every running thread's entry step gated on the choice (dormant threads
 * are started by steps of running ones). Branch b sets the pending list to the b-th order,
 * whatever the start had (modules loaded at the start overlay their own ranks): those that keep
 * each group of interchangeable devices in declared order first (`representatives`), branch 0 the
 * declared order, then the rest.
 */
export function bootOrderThreads(scenario: string, w: World, devs: readonly number[], threads: ThreadDef[], since: string, groups: readonly (readonly number[])[] = []): { threads: ThreadDef[]; orders: number; representatives: number } {
  if (devs.length > 5) {
    const many = devs.reduce((f, _d, i) => f * (i + 1), 1);
    throw new ProbecheckError('E601', `scenario '${scenario}': devices ${devs.map((d) => `'${w.devices[d]!.name}'`).join(', ')} start on the pending list, in any of their ${many.toLocaleString('en-US')} orders: more than one first step can choose among (${MOST_ORDERS} branches: five devices, 120 orders, is the most); give the order your boot left them in, deferredOrder: [${devs.map((d) => `'${w.devices[d]!.name}'`).join(', ')}], or declare fewer of them present`);
  }
  // First the orders that keep each group of interchangeable devices (symmetry.ts) in declared
  // order, one of each set of orders that differ by permuting a group (the declared one first):
  // the search may take only those (Model.symmetricChoice).
  const inOrder = (o: readonly number[]) => groups.every((g) => { const at = o.filter((d) => g.includes(d)); return at.every((d, i) => i === 0 || at[i - 1]! < d); });
  const every = orders(devs), all = [...every.filter(inOrder), ...every.filter((o) => !inOrder(o))];
  const gated = threads.map((def) => {
    if (def.running === false) return def;
    const [entry, st] = Object.entries(def.steps)[0]!;
    const aw = st.await;
    const step = { ...st, await: aw ? (s: KS, l: unknown) => s.bootOrdered === true && aw.call(st, s, l) : (s: KS) => s.bootOrdered === true };
    return { ...def, steps: { ...def.steps, [entry]: step } };
  });
  const choose: ThreadDef = {
    name: BOOT_ORDER,
    steps: {
      [BOOT_ORDER_STEP]: {
        // Not kernel code: what boot's initcalls (and the probes they ran) left (anchored.ts NOT_ANCHORED).
        where: 'init/main.c:do_initcalls', since,
        branches: all.length,
        branchNames: all.map((o, b) => `${o.map((d) => w.devices[d]!.name).join(', ')}${b === 0 ? ' (as declared)' : ''}`),
        run: (s: KS, _l: unknown, b: number) => {
          setOrder(s, all[b]!);
          s.bootOrdered = true;
          return null;
        },
      },
    },
  };
  return { threads: [...gated, choose], orders: all.length, representatives: every.filter(inOrder).length };
}
