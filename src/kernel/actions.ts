/**
 * Actor actions: the words a scenario's actors are written in (`add dc`, `bind drv dc`, ...),
 * parsed against the world (E601 naming the actor, the action and what is wrong) and turned into
 * the kernel path each starts from. Not the paths themselves (paths/), not the threads (scenario.ts).
 */
import { ProbecheckError } from '../engine/errors.js';
import { RETURN, type Ret, type ThreadBuilder } from './emit.js';
import { waitForDeviceProbe } from './paths/async.js';
import { CORE, mutexWaits } from './paths/common.js';
import { deviceAdd } from './paths/device-add.js';
import { deviceDel } from './paths/device-del.js';
import { busAddDriver } from './paths/driver-attach.js';
import { busRemoveDriver } from './paths/driver-detach.js';
import { deleteModule, doInitModule } from './paths/module.js';
import { bindStore, unbindStore } from './paths/sysfs-bind.js';
import { devUevent } from './paths/uevent.js';
import { driverOverrideStore } from './paths/driver-override.js';
import type { World } from './world.js';

const bad = (msg: string) => new ProbecheckError('E601', msg);

export type Action =
  | { op: 'add' | 'del'; dev: number }
  | { op: 'register' | 'unregister'; drv: number }
  | { op: 'bind' | 'unbind' | 'override'; drv: number; dev: number }
  | { op: 'modprobe' | 'rmmod'; mod: number }
  | { op: 'wait_for_device_probe' }
  | { op: 'uevent' | 'lock' | 'unlock' | 'kill-del'; dev: number };

export function parseAction(w: World, actor: string, text: string): Action {
  const at = `actor '${actor}': action '${text}'`;
  const [op, ...args] = text.trim().split(/\s+/);
  const dev = (n: string | undefined) => { const i = w.devices.findIndex((d) => d.name === n); if (i < 0) throw bad(`${at}: device '${n}' is not declared; devices: ${w.devices.map((d) => d.name).join(', ')}`); return i; };
  const drv = (n: string | undefined) => { const i = w.drivers.findIndex((d) => d.name === n); if (i < 0) throw bad(`${at}: driver '${n}' is not declared; drivers: ${w.drivers.map((d) => d.name).join(', ') || '(none)'}`); return i; };
  const mod = (n: string | undefined) => { const i = w.modules.findIndex((d) => d.name === n); if (i < 0) throw bad(`${at}: module '${n}' is not declared; modules: ${w.modules.map((d) => d.name).join(', ') || '(none)'}`); return i; };
  const need = (n: number) => { if (args.length !== n) throw bad(`${at}: '${op}' takes ${n} argument(s)`); };
  switch (op) {
    case 'add': case 'del': need(1); return { op, dev: dev(args[0]) };
    case 'register': case 'unregister': {
      need(1); const d = drv(args[0]);
      if (w.drivers[d]!.module >= 0) throw bad(`${at}: driver '${args[0]}' belongs to module '${w.modules[w.drivers[d]!.module]!.name}': use modprobe/rmmod`);
      return { op, drv: d };
    }
    case 'bind': case 'unbind': need(2); return { op, drv: drv(args[0]), dev: dev(args[1]) };
    case 'override': need(2); return { op, dev: dev(args[0]), drv: drv(args[1]) };
    case 'modprobe': case 'rmmod': need(1); return { op, mod: mod(args[0]) };
    case 'wait_for_device_probe': need(0); return { op };
    case 'uevent': case 'lock': case 'unlock': case 'kill-del': need(1); return { op, dev: dev(args[0]) };
    default: throw bad(`${at}: unknown action '${op}'; known: add, del, kill-del, register, unregister, bind, unbind, override, modprobe, rmmod, wait_for_device_probe, uevent, lock, unlock`);
  }
}

/** A hotplug add/del on a need_parent_lock bus runs with the parent's lock held, as the USB core does. */
function underParentLock(tb: ThreadBuilder, dev: number, ret: Ret, body: (ret: Ret) => string): string {
  const k = tb.k, d = k.w.devices[dev]!, me = tb.owner;
  if (d.parent < 0 || !k.w.buses[d.bus]!.needParentLock) return body(ret);
  const f = tb.fn('usb_lock_parent', { dev: d.parent }, ret);
  const inner = body(f.label('device_unlock'));
  f.step('device_lock', { where: 'drivers/usb/core/message.c:usb_set_configuration (caller holds the parent lock)', await: (s) => s.dev[d.parent]!.mutex === 0,
    waits: mutexWaits(k, d.parent), run: (s) => { s.dev[d.parent]!.mutex = me; return inner; } });
  f.step('device_unlock', { where: 'drivers/usb/core/message.c:usb_set_configuration', run: (s) => { s.dev[d.parent]!.mutex = 0; return RETURN; } });
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
    case 'wait_for_device_probe': return a.op;
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
  tb.actions.unshift({ name: actionText(tb.k.w, a), done: [a.op === 'uevent' ? core : tb.lastStep.get(core)!] });
  return entry;
}

/** `main` is told the entry of the action's own kernel function (not of a wrapper such as the parent lock). */
function actionPath(tb: ThreadBuilder, a: Action, ret: Ret, waitFor: boolean, main: (entry: string) => string): string {
  switch (a.op) {
    case 'add': return underParentLock(tb, a.dev, ret, (r) => main(deviceAdd(tb, a.dev, r)));
    case 'del': {
      const body = underParentLock(tb, a.dev, ret, (r) => main(deviceDel(tb, a.dev, r)));
      if (!waitFor) return body;
      const f = tb.fn('hotplug', { dev: a.dev }, ret);
      f.step('remove_event', { where: `${CORE}:device_del (the removal event; waits for the device to be registered)`, idle: true,
        await: (s) => s.dev[a.dev]!.registered && s.dev[a.dev]!.ready, run: () => body });
      return f.done();
    }
    case 'register': return main(busAddDriver(tb, a.drv, ret));
    case 'unregister': return main(busRemoveDriver(tb, a.drv, ret));
    case 'bind': return bindStore(tb, a.drv, a.dev, ret, main);
    case 'unbind': return unbindStore(tb, a.drv, a.dev, ret, main);
    case 'override': return main(driverOverrideStore(tb, a.dev, a.drv, ret));
    case 'modprobe': return main(doInitModule(tb, a.mod, ret));
    case 'rmmod': return main(deleteModule(tb, a.mod, ret));
    case 'wait_for_device_probe': return main(waitForDeviceProbe(tb, ret));
    case 'uevent': return main(devUevent(tb, a.dev, ret));
    case 'kill-del': {
      // The libnvdimm caller after 00289cd87676: `if (kill_device(dev)) device_unregister(dev);`
      if (!tb.k.has('DEAD_FLAG')) throw bad(`action 'kill-del ${tb.k.vn(a.dev)}' needs kill_device, a profile with DEAD_FLAG (v5.1+)`);
      const f = tb.fn('kill_device', { dev: a.dev }, ret);
      const del = main(deviceDel(tb, a.dev, ret));
      f.step('device_lock', { where: `${CORE}:kill_device`, since: 'v5.3 (00289cd87676)', await: (s) => s.dev[a.dev]!.mutex === 0, waits: mutexWaits(tb.k, a.dev),
        run: (s) => { const d = s.dev[a.dev]!; if (d.dead) return RETURN; d.dead = true; return del; } }); // lock, test-and-set, unlock
      return f.done();
    }
    case 'lock': case 'unlock': {
      // A subsystem path holding a device lock (a sysfs store such as libnvdimm's uuid_store).
      const f = tb.fn(`device_${a.op}`, { dev: a.dev }, ret), me = tb.owner;
      if (a.op === 'lock') f.step('mutex_lock', { where: 'include/linux/device.h:device_lock', await: (s) => s.dev[a.dev]!.mutex === 0, waits: mutexWaits(tb.k, a.dev),
        run: (s) => { s.dev[a.dev]!.mutex = me; return RETURN; } });
      else f.step('mutex_unlock', { where: 'include/linux/device.h:device_unlock', run: (s) => { if (s.dev[a.dev]!.mutex === me) s.dev[a.dev]!.mutex = 0; return RETURN; } });
      return main(f.done());
    }
  }
}
