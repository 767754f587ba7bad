/**
 * Actor actions: the words a scenario's actors are written in (`add dc`, `bind drv dc`, ...,
 * optionally after `maybe`), parsed against the world (E601 naming the actor, the action and what
 * is wrong), checked for ever taking effect, and turned into the kernel path each starts from.
 * Not the paths themselves (paths/), not the threads (scenario.ts).
 */
import type { ThreadAction } from '../engine/model.js';
import { didYouMean, ProbecheckError } from '../engine/errors.js';
import { RETURN, type Ret, type ThreadBuilder } from './emit.js';
import { waitForDeviceProbe } from './paths/async.js';
import { CORE, heldOld, mutexWaits, takeMutex, unlockDev } from './paths/common.js';
import { deviceAdd } from './paths/device-add.js';
import { deviceDel } from './paths/device-del.js';
import { busAddDriver } from './paths/driver-attach.js';
import { busRemoveDriver } from './paths/driver-detach.js';
import { deleteModule, doInitModule } from './paths/module.js';
import { bindStore, unbindStore } from './paths/sysfs-bind.js';
import { driversProbeStore } from './paths/drivers-probe.js';
import { devUevent } from './paths/uevent.js';
import { driverOverrideStore } from './paths/driver-override.js';
import { deferredProbeInitcall } from './paths/late-initcall.js';
import { deviceShutdown } from './paths/device-shutdown.js';
import type { World } from './world.js';
import { structRef, type KL, type KS } from './state.js';

const bad = (msg: string) => new ProbecheckError('E601', msg);
const SHUTDOWN_WORDS = new Set(['reboot', 'poweroff']);
const dym = (word: string, known: readonly string[]) => { const m = didYouMean(word, known); return m !== undefined ? `; did you mean '${m}'?` : ''; };

export type Action = (
  | { op: 'add' | 'del'; dev: number }
  | { op: 'register' | 'unregister'; drv: number }
  | { op: 'bind' | 'unbind' | 'override'; drv: number; dev: number }
  | { op: 'modprobe' | 'rmmod'; mod: number }
  | { op: 'wait_for_device_probe' | 'deferred_probe_initcall' | 'device_shutdown' }
  | { op: 'uevent' | 'lock' | 'unlock' | 'kill-del' | 'drivers_probe'; dev: number }
) & {
  /** As written (for messages). */
  text: string;
  /** `maybe ...`: the action may legitimately do nothing (see neverTakesEffect). */
  maybe: boolean;
};

/** Every action and the arguments it takes, in order (an arity error names them: s42 h20). */
const ARGS: Readonly<Record<Action['op'], readonly string[]>> = {
  add: ['DEVICE'], del: ['DEVICE'], 'kill-del': ['DEVICE'], register: ['DRIVER'], unregister: ['DRIVER'],
  bind: ['DRIVER', 'DEVICE'], unbind: ['DRIVER', 'DEVICE'], override: ['DEVICE', 'DRIVER'], drivers_probe: ['DEVICE'],
  modprobe: ['MODULE'], rmmod: ['MODULE'], wait_for_device_probe: [], deferred_probe_initcall: [], device_shutdown: [],
  uevent: ['DEVICE'], lock: ['DEVICE'], unlock: ['DEVICE'],
};
const OPS = Object.keys(ARGS);

export function parseAction(w: World, actor: string, text: string, scenario?: string): Action {
  const at = `${scenario !== undefined ? `scenario '${scenario}': ` : ''}actor '${actor}': action '${text}'`;
  let words = text.trim().split(/\s+/);
  const maybe = words[0] === 'maybe';
  if (maybe) words = words.slice(1);
  const [op = '', ...args] = words;
  if (maybe && op === '') throw bad(`${at}: 'maybe' needs an action after it, as in 'maybe rmmod m'`);
  const name = (kind: string, list: readonly { name: string }[], n: string | undefined) => {
    const i = list.findIndex((d) => d.name === n);
    const names = list.map((d) => d.name);
    if (i < 0) throw bad(`${at}: ${kind} '${n}' is not declared${dym(n ?? '', names)}; ${kind}s: ${names.join(', ') || '(none)'}`);
    return i;
  };
  const dev = (n: string | undefined) => name('device', w.devices, n);
  const drv = (n: string | undefined) => name('driver', w.drivers, n);
  const mod = (n: string | undefined) => name('module', w.modules, n);
  const need = () => {
    const want = ARGS[op as Action['op']];
    if (args.length !== want.length) throw bad(`${at}: '${op}' takes ${want.length === 0 ? 'no arguments' : `${want.length} argument${want.length > 1 ? 's' : ''}: ${want.join(' ')}`}`);
  };
  const base = { text: text.trim(), maybe };
  switch (op) {
    case 'add': case 'del': need(); return { op, dev: dev(args[0]), ...base };
    case 'register': case 'unregister': {
      need(); const d = drv(args[0]);
      if (w.drivers[d]!.module >= 0) throw bad(`${at}: driver '${args[0]}' belongs to module '${w.modules[w.drivers[d]!.module]!.name}': use modprobe/rmmod`);
      return { op, drv: d, ...base };
    }
    case 'bind': case 'unbind': need(); return { op, drv: drv(args[0]), dev: dev(args[1]), ...base };
    case 'override': need(); return { op, dev: dev(args[0]), drv: drv(args[1]), ...base };
    case 'modprobe': case 'rmmod': need(); return { op, mod: mod(args[0]), ...base };
    case 'wait_for_device_probe': case 'deferred_probe_initcall': case 'device_shutdown': need(); return { op, ...base };
    case 'uevent': case 'lock': case 'unlock': case 'kill-del': case 'drivers_probe': need(); return { op, dev: dev(args[0]), ...base };
    // README says a user "runs reboot": the action is the walk both run (s48 h12 typed 'reboot').
    default: throw bad(`${at}: unknown action '${op}'${SHUTDOWN_WORDS.has(op) ? `; ${op} runs 'device_shutdown' (kernel_restart_prepare, kernel_shutdown_prepare): write that` : dym(op, OPS)}; known: ${OPS.join(', ')}, each optionally after 'maybe'`);
  }
}

/**
 * What may ever happen in a world, over-approximated: any actor may run at any time (except that
 * `before` cuts one actor at one action: an actor is sequential, so its own later actions cannot
 * prepare an earlier one), every probe may run and succeed if its outcomes allow, and a probe
 * registers its devices and requests its module whatever it returns. A fixpoint over booleans.
 */
/**
 * May drv match dev: by ID (its `matches`), or, for a driver only an override makes match
 * (DevInfo.byOverride), once an `override dev drv` among `acts` may have run: platform_match fails
 * it while no override names it (s40 h9: an action before the store, `bind x d` or
 * `drivers_probe d`, was taken as one that may probe, and read vacuous instead of refused).
 */
const matchesMay = (w: World, actors: readonly (readonly Action[])[], before: { actor: number; index: number } | undefined, drv: number, dev: number): boolean => w.drivers[drv]!.matches.includes(dev)
  && (!w.devices[dev]!.byOverride?.includes(drv) || actors.some((list, a) => {
    const names = (x: Action) => x.op === 'override' && x.dev === dev && x.drv === drv;
    if (!before || a !== before.actor) return list.some(names);
    // The actor's own, in order: an override of dev naming another driver, or its del (the struct
    // added again has none: platform_device_release frees it), undoes an earlier one (s40 h11:
    // `override d x, del d, add d, bind x d` and `override d x, override d y, bind x d` read vacuous).
    const last = list.slice(0, before.index).filter((x) => 'dev' in x && x.dev === dev && (x.op === 'override' || x.op === 'del' || x.op === 'kill-del')).at(-1);
    return last !== undefined && names(last);
  }));

function mayHappen(w: World, actors: readonly (readonly Action[])[], before?: { actor: number; index: number }) {
  const acts = actors.flatMap((list, a) => list.filter((_, i) => !before || a !== before.actor || i < before.index));
  const devReg = w.devices.map((d) => d.present || acts.some((x) => x.op === 'add' && x.dev === d.i));
  const drvReg = w.drivers.map((d) => d.present || acts.some((x) => x.op === 'register' && x.drv === d.i));
  const modLoad = w.modules.map((m) => m.loaded || acts.some((x) => x.op === 'modprobe' && x.mod === m.i));
  const sysfsBind = (drv: number, dev: number) => acts.some((x) => (x.op === 'bind' && x.drv === drv && x.dev === dev) || (x.op === 'drivers_probe' && x.dev === dev));
  const mayProbe = (drv: number, dev: number) => {
    const d = w.drivers[drv]!;
    return matchesMay(w, actors, before, drv, dev) && drvReg[drv]! && devReg[dev]! && (w.buses[d.bus]!.autoprobe || sysfsBind(drv, dev));
  };
  for (let changed = true; changed;) {
    changed = false;
    const set = (a: boolean[], i: number) => { if (i >= 0 && !a[i]) { a[i] = true; changed = true; } };
    for (const d of w.drivers) {
      if (d.module >= 0 && modLoad[d.module]) set(drvReg, d.i);
      if (!d.matches.some((dev) => mayProbe(d.i, dev))) continue;
      for (const r of [...d.registers, ...(d.asyncScan ?? [])]) set(devReg, r);
      for (const r of d.registersDriver) set(drvReg, r);
      set(modLoad, d.requestModule);
    }
  }
  const mayBind = (drv: number, dev: number) => w.devices[dev]!.boundTo === drv || (mayProbe(drv, dev) && w.drivers[drv]!.outcomes.includes('ok'));
  return { devReg, drvReg, modLoad, mayProbe, mayBind, matches: (drv: number, dev: number) => matchesMay(w, actors, before, drv, dev) };
}

/**
 * Why an action can never take effect, or null. `del`/`kill-del` of a device nobody ever
 * registers, `bind` of a driver that does not match or of a device or driver that never
 * appears, `unbind` of a pair nothing can bind, `unregister` of a driver never registered,
 * `rmmod` of a module never loaded: such an action would make every property hold about
 * nothing. `maybe` says the scenario means it.
 */
export function neverTakesEffect(w: World, actorNames: readonly string[], actors: readonly (readonly Action[])[], actor: number, index: number): string | null {
  const a = actors[actor]![index]!;
  if (a.maybe) return null;
  const m = mayHappen(w, actors, { actor, index });
  const dn = (i: number) => `device '${w.devices[i]!.name}'`, rn = (i: number) => `driver '${w.drivers[i]!.name}'`;
  const late = (op: string, pick: (x: Action) => boolean) => (actors[actor]!.slice(index + 1).some((x) => x.op === op && pick(x)) ? ` (the '${op}' later in actor '${actorNames[actor]}' comes too late)` : '');
  // The actor's own earlier store naming drv, undone by its later override or del of dev (matchesMay).
  const undone = (dev: number, drv: number) => {
    const mine = actors[actor]!.slice(0, index), at = mine.map((x) => x.op === 'override' && x.dev === dev && x.drv === drv).lastIndexOf(true);
    const by = at < 0 ? undefined : mine.slice(at + 1).find((x) => 'dev' in x && x.dev === dev && (x.op === 'override' || x.op === 'del' || x.op === 'kill-del'));
    return by ? ` (its '${mine[at]!.text}' is undone by its later '${by.text}'${by.op === 'override' ? '' : ': the device added again has no driver_override'})` : '';
  };
  const neverDev = (i: number) => `${dn(i)} is never registered: it is not present, no actor adds it${late('add', (x) => 'dev' in x && x.dev === i)} and no probe registers it`;
  // A driver in a module is registered by its modprobe: one later in this actor comes too late as well.
  const lateDrv = (i: number) => late('register', (x) => 'drv' in x && x.drv === i) || late('modprobe', (x) => 'mod' in x && x.mod === w.drivers[i]!.module);
  const neverDrv = (i: number) => `${rn(i)} is never registered: it is not present and no actor registers it${w.drivers[i]!.module >= 0 ? ` or loads its module '${w.modules[w.drivers[i]!.module]!.name}'` : ''}${lateDrv(i)}`;
  switch (a.op) {
    case 'del': case 'kill-del': return m.devReg[a.dev] ? null : neverDev(a.dev);
    // Its file exists only while the device is registered (driver-override.ts overrideSwap): a store
    // to a device never registered changes nothing (s41 h5: accepted, and the run read holds).
    case 'override': return m.devReg[a.dev] ? null : `${neverDev(a.dev)}, so its driver_override file never exists`;
    case 'rmmod': return m.modLoad[a.mod] ? null : `module '${w.modules[a.mod]!.name}' is never loaded: no actor runs 'modprobe ${w.modules[a.mod]!.name}'${late('modprobe', (x) => 'mod' in x && x.mod === a.mod)} and no probe requests it`;
    case 'unregister': return m.drvReg[a.drv] ? null : neverDrv(a.drv);
    case 'bind': {
      if (!w.drivers[a.drv]!.matches.includes(a.dev)) return `${rn(a.drv)} does not match ${dn(a.dev)} (it matches: ${w.drivers[a.drv]!.matches.map((i) => w.devices[i]!.name).join(', ') || 'nothing'}), so bind_store never probes`;
      if (!m.matches(a.drv, a.dev)) return `${rn(a.drv)} matches ${dn(a.dev)} only through its driver_override, and no 'override ${w.devices[a.dev]!.name} ${w.drivers[a.drv]!.name}' may run before it${undone(a.dev, a.drv)}${late('override', (x) => x.op === 'override' && x.dev === a.dev && x.drv === a.drv)}, so bind_store's platform_match fails`;
      return !m.drvReg[a.drv] ? neverDrv(a.drv) : !m.devReg[a.dev] ? neverDev(a.dev) : null;
    }
    case 'drivers_probe': {
      // device_attach probes only through drivers that match and are registered by then.
      const drivers = w.drivers.filter((d) => m.matches(d.i, a.dev));
      if (!drivers.length) return `no driver matches ${dn(a.dev)}${w.devices[a.dev]!.byOverride?.length ? ` (${w.devices[a.dev]!.byOverride!.map((x) => rn(x)).join(', ')} only through an override no action may write before this one${w.devices[a.dev]!.byOverride!.map((x) => undone(a.dev, x)).join('')})` : ''}, so device_attach never probes it`;
      if (!m.devReg[a.dev]) return neverDev(a.dev);
      return drivers.some((d) => m.drvReg[d.i]) ? null : `no driver that matches ${dn(a.dev)} is ever registered (${drivers.map((d) => d.name).join(', ')})${drivers.map((d) => lateDrv(d.i)).find((x) => x) ?? ''}`;
    }
    case 'unbind': {
      if (m.mayBind(a.drv, a.dev)) return null;
      const d = w.drivers[a.drv]!;
      const why = !d.matches.includes(a.dev) ? `it does not match ${dn(a.dev)} and the device is not boundTo it`
        : !m.matches(a.drv, a.dev) ? `it matches ${dn(a.dev)} only through its driver_override, and no 'override ${w.devices[a.dev]!.name} ${d.name}' may run before this${undone(a.dev, a.drv)}`
        : !m.drvReg[a.drv] ? neverDrv(a.drv).replace(`${rn(a.drv)} `, 'it ')
        : !m.devReg[a.dev] ? neverDev(a.dev)
        : !d.outcomes.includes('ok') ? `its probe never returns 'ok'`
        : `bus '${w.buses[d.bus]!.name}' does not autoprobe and no actor binds it`;
      return `${rn(a.drv)} can never be bound to ${dn(a.dev)}: ${why}`;
    }
    default: return null;
  }
}

/**
 * A hotplug add/del on a need_parent_lock bus runs with the parent's lock held, as the USB core
 * does: usb_set_configuration adds (and removes) the interfaces and takes no lock itself ("caller
 * owns the device lock", its comment in the v2.6 message.c), so these steps are anchored in one
 * of its callers, driver_set_config_work: usb_lock_device(udev) around it. Its other callers
 * (the usb_device's probe under the driver core's device_lock, the bConfigurationValue store)
 * and usb_disconnect were not read.
 */
function underParentLock(tb: ThreadBuilder, dev: number, ret: Ret, body: (ret: Ret) => string): string {
  const k = tb.k, d = k.w.devices[dev]!, me = tb.owner;
  if (d.parent < 0 || !k.w.buses[d.bus]!.needParentLock) return body(ret);
  const f = tb.fn('usb_lock_parent', { dev: d.parent }, ret);
  const inner = body(f.label('device_unlock'));
  f.step('device_lock', { where: 'drivers/usb/core/message.c:driver_set_config_work (usb_lock_device(udev), the parent; usb_set_configuration adds or removes the interface)',
    c: ['usb_lock_device(udev);', 'usb_set_configuration(udev, req->config);'], await: (s) => s.dev[d.parent]!.mutex === 0,
    waits: mutexWaits(k, d.parent), run: (s) => { takeMutex(k, s, d.parent, me); return inner; } });
  f.step('device_unlock', { where: 'drivers/usb/core/message.c:driver_set_config_work (usb_unlock_device(udev))', c: ['usb_unlock_device(udev);'], run: (s) => { unlockDev(s, d.parent, tb.owner); return RETURN; } });
  return f.done();
}

/** An action as a scenario writes it (`bind drv dc`), from its parsed form. */
export function actionText(w: World, a: Action): string {
  const dev = 'dev' in a ? w.devices[a.dev]!.name : '', drv = 'drv' in a ? w.drivers[a.drv]!.name : '';
  switch (a.op) {
    case 'bind': case 'unbind': return `${a.op} ${drv} ${dev}`;
    case 'override': return `override ${dev} ${drv}`;
    case 'register': case 'unregister': return `${a.op} ${drv}`;
    case 'modprobe': case 'rmmod': return `${a.op} ${w.modules[a.mod]!.name}`;
    case 'wait_for_device_probe': case 'deferred_probe_initcall': case 'device_shutdown': return a.op;
    default: return `${a.op} ${dev}`;
  }
}

/**
 * The entry of an action's path, returning to `ret`. It also records in `tb.actions` the step
 * that completes it: the last step of its kernel function (free_module for rmmod, kobject_del
 * for del, module_put for modprobe), which an early error return (rmmod of a module that is not
 * loaded) or a wait that never ends (del of a device never added) never reaches. A uevent read
 * completes once it starts.
 */
export function actionEntry(tb: ThreadBuilder, a: Action, ret: Ret, waitFor: boolean): string {
  let core = '';
  const entry = actionPath(tb, a, ret, waitFor, (e) => (core = e));
  // A reader returns whatever it reads (and the fix of B11 reads in one step): it completes once it runs.
  const act: ThreadAction = { name: `${a.maybe ? 'maybe ' : ''}${actionText(tb.k.w, a)}`, done: [a.op === 'uevent' ? core : tb.lastStep.get(core)!] };
  if (a.maybe) act.optional = true; // `maybe`: the scenario says it may do nothing
  tb.actions.unshift(act);
  return entry;
}

/**
 * The event that removes a device (`del`, `kill-del`) of a device an actor adds: it waits for the
 * device to be registered and ready. `maybe`: a removal that may find nothing, which waits only
 * for a device_add in progress. Anchored at device_del's definition line (the call), no line of its body.
 */
function removalEvent(tb: ThreadBuilder, a: { dev: number; maybe: boolean }, body: string, ret: Ret): string {
  const f = tb.fn('hotplug', { dev: a.dev }, ret);
  const entry = ['void device_del(struct device *dev)'];
  // The struct it removes is the one registered now (DevInfo.delRace: kept in KL.gen).
  const got = tb.k.w.devices[a.dev]!.delRace ? (s: KS, t: KL) => { t.gen = structRef(s, a.dev); } : () => {};
  if (a.maybe) f.step('remove_event', { where: `${CORE}:device_del (the removal event, if the device is registered)`, c: entry,
    await: (s) => !s.dev[a.dev]!.registered || s.dev[a.dev]!.ready, run: (s, t) => (s.dev[a.dev]!.registered ? (got(s, t), body) : RETURN) });
  else f.step('remove_event', { where: `${CORE}:device_del (the removal event; waits for the device to be registered)`, idle: true, c: entry,
    await: (s) => s.dev[a.dev]!.registered && s.dev[a.dev]!.ready, run: (s, t) => { got(s, t); return body; } });
  return f.done();
}

/** `main` is told the entry of the action's own kernel function (not of a wrapper such as the parent lock). */
function actionPath(tb: ThreadBuilder, a: Action, ret: Ret, waitFor: boolean, main: (entry: string) => string): string {
  switch (a.op) {
    case 'add': return underParentLock(tb, a.dev, ret, (r) => main(deviceAdd(tb, a.dev, r)));
    case 'del': {
      const keep = tb.k.w.devices[a.dev]!.delRace ? (waitFor ? 'held' : 'take') : undefined;
      // A racing removal holds its struct through device_del (DevInfo.delRace).
      const body = underParentLock(tb, a.dev, ret, (r) => main(keep ? tb.holding(a.dev, () => deviceDel(tb, a.dev, r, keep)) : deviceDel(tb, a.dev, r, keep)));
      // Got at the removal event, the struct is held while the removal waits for the parent's
      // lock too (USB; a review of 2026-12-06: unmarked there, a 16th add went unnoticed).
      if (keep === 'held' && !tb.holds.has(body)) tb.holds.set(body, a.dev);
      return waitFor ? removalEvent(tb, a, body, ret) : body;
    }
    case 'register': return main(busAddDriver(tb, a.drv, ret));
    case 'unregister': return main(busRemoveDriver(tb, a.drv, ret));
    case 'bind': return bindStore(tb, a.drv, a.dev, ret, main);
    case 'unbind': return unbindStore(tb, a.drv, a.dev, ret, main);
    case 'drivers_probe': return main(tb.holding(a.dev, () => driversProbeStore(tb, a.dev, ret)));
    case 'override': return main(driverOverrideStore(tb, a.dev, a.drv, ret));
    case 'modprobe': return main(doInitModule(tb, a.mod, ret));
    case 'rmmod': return main(deleteModule(tb, a.mod, ret));
    case 'wait_for_device_probe': return main(waitForDeviceProbe(tb, ret));
    // The late initcall; a scenario that has it starts with deferred probing disabled (scenario.ts).
    case 'deferred_probe_initcall': return main(deferredProbeInitcall(tb, ret));
    // reboot/poweroff's walk (kernel_restart_prepare); from v4.19 (3297c8fc65af) it waits for probes and blocks new ones first.
    case 'device_shutdown': { const d = deviceShutdown(tb, ret); main(d.own); return d.entry; }
    case 'uevent': return main(devUevent(tb, a.dev, ret));
    case 'kill-del': {
      // The libnvdimm caller after 00289cd87676: `if (kill_device(dev)) device_unregister(dev);`
      if (!tb.k.has('KILL_DEVICE')) throw bad(`action 'kill-del ${tb.k.vn(a.dev)}' needs kill_device, a profile with KILL_DEVICE (v5.3: v5.4 and later)`);
      // No removal of a USB interface goes this way: usb_set_configuration's callers hold the parent (`del` takes it).
      const dv = tb.k.w.devices[a.dev]!;
      if (dv.parent >= 0 && tb.k.w.buses[dv.bus]!.needParentLock) throw bad(`action 'kill-del ${tb.k.vn(a.dev)}': kill-del is libnvdimm's removal (kill_device, then device_unregister), not one of a device on bus '${tb.k.w.buses[dv.bus]!.name}', whose removal holds the parent's lock (needParentLock): write 'del ${tb.k.vn(a.dev)}'`);
      const race = dv.delRace === true;
      const build = (): string => {
        const f = tb.fn('kill_device', { dev: a.dev }, ret);
        const del = main(deviceDel(tb, a.dev, ret, race ? 'held' : undefined));
        // The struct it got (DevInfo.delRace): at the removal event, or here; an old one is dead already.
        const stale = (s: KS, t: KL) => race && waitFor && t.gen !== structRef(s, a.dev);
        // The caller's device_lock/device_unlock are libnvdimm's (not read); kill_device's own lines are the test and the write.
        f.step('device_lock', { where: `${CORE}:kill_device`, since: 'v5.3 (00289cd87676)', c: ['if (dev->p->dead)', 'dev->p->dead = true;'], await: (s, t) => stale(s, t) || s.dev[a.dev]!.mutex === 0, waits: mutexWaits(tb.k, a.dev),
          run: (s, t) => {
            if (stale(s, t)) { t.gen = 0; return RETURN; }
            if (race && !waitFor) t.gen = structRef(s, a.dev);
            const d = s.dev[a.dev]!;
            if (d.dead) { if (race) t.gen = 0; return RETURN; }
            d.dead = true; return del;
          } }); // lock, test-and-set, unlock
        if (!waitFor) tb.takes.add(f.label('device_lock'));
        return f.done();
      };
      // The struct it got is held from here on (DevInfo.delRace).
      const killed = race ? tb.holding(a.dev, build) : build();
      // As `del`: the removal of a device an actor adds waits for it to be added.
      return waitFor ? removalEvent(tb, a, killed, ret) : killed;
    }
    case 'lock': case 'unlock': {
      // A subsystem path holding a device lock (a sysfs store such as libnvdimm's uuid_store).
      const f = tb.fn(`device_${a.op}`, { dev: a.dev }, ret), me = tb.owner;
      if (a.op === 'lock') f.step('mutex_lock', { where: 'include/linux/device.h:device_lock', c: ['mutex_lock(&dev->mutex);'], await: (s) => s.dev[a.dev]!.mutex === 0, waits: mutexWaits(tb.k, a.dev),
        run: (s) => { takeMutex(tb.k, s, a.dev, me); return RETURN; } });
      else f.step('mutex_unlock', { where: 'include/linux/device.h:device_unlock', c: ['mutex_unlock(&dev->mutex);'], run: (s) => { if (heldOld(s, a.dev, me) || s.dev[a.dev]!.mutex === me) unlockDev(s, a.dev, me); return RETURN; } });
      return main(f.done());
    }
  }
}
