/**
 * device_shutdown() (drivers/base/core.c), what reboot and poweroff run (kernel_restart_prepare,
 * kernel_shutdown_prepare): from SHUTDOWN_BLOCKS_PROBING (3297c8fc65af) it first waits for probes
 * and blocks new ones (device_block_probing: defer_all_probes = true, then wait_for_device_probe
 * again; dd.c), then walks devices_kset's list from its tail: under the list's spinlock it takes
 * the last device off the list, then takes the parent's device_lock (every bus: the 2024 series
 * that tested need_parent_lock was reverted before v6.12, profiles.ts) and the device's, calls
 * ->shutdown() (the bus's, or else the driver's), unlocks both and goes round again until the list
 * is empty. A device added meanwhile goes to the tail and is the next taken.
 *
 * Not modelled: cpufreq_suspend, runtime PM (pm_runtime_get_noresume/barrier), class
 * shutdown_pre, what a ->shutdown() does (only that it ran, the ghost DevS.shutDown), and the
 * moves of devices to devices_kset's tail (paths/klist.ts): the walk takes the devices in the
 * order they were added.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { ProbecheckError } from '../../engine/errors.js';
import { PROFILE_NAMES, PROFILES, type Flag } from '../profiles.js';
import { STALE, structRef, type KL, type KS } from '../state.js';
import { CORE, DD, mutexWaits, staleEntry, takeMutex, unlockDev } from './common.js';
import { waitForDeviceProbe } from './async.js';
import { ksetDel, ksetLast } from './klist.js';

/** The flags whose presence decides the shape built here. */
const SHAPE: Flag[] = ['SHUTDOWN_LOCKS', 'SHUTDOWN_NO_FINAL_SYNC', 'SHUTDOWN_BLOCKS_PROBING'];

type ShapeOf = { has(f: Flag): boolean; unsettled: Readonly<Partial<Record<Flag, string>>> };

/** Why the shape of device_shutdown is not one the model builds, or null. */
function unbuilt(k: ShapeOf): string | null {
  const open = SHAPE.filter((f) => k.unsettled[f] !== undefined);
  return open.length ? `its shape there is not known (${open.map((f) => `${f}: ${k.unsettled[f]}`).join('; ')})`
    : !k.has('SHUTDOWN_LOCKS') ? 'its walk takes no device lock there (before d1c6c030fcec, v3.6), which is not modelled'
    : !k.has('SHUTDOWN_NO_FINAL_SYNC') ? 'it ends with async_synchronize_full() there, which is not modelled' : null;
}

/** A profile's flags and open questions, as unbuilt() reads them. */
const shapeAt = (name: string): ShapeOf => ({ has: (f) => PROFILES[name]!.flags.includes(f), unsettled: PROFILES[name]!.unsettled ?? {} });

/** Why device_shutdown cannot be built at this profile, or null. */
export function shutdownRefusal(k: ShapeOf & { profile: string }): string | null {
  const why = unbuilt(k);
  return why && `action 'device_shutdown' cannot be built at profile ${k.profile}: ${why}; use ${PROFILE_NAMES.filter((p) => unbuilt(shapeAt(p)) === null).join(', ')}`;
}

/** shutdownRefusal at a profile by name. */
export const shutdownRefusalAt = (name: string): string | null => shutdownRefusal({ profile: name, ...shapeAt(name) });

/**
 * `own`: device_shutdown's own first step (where the action's completion is looked up: its last
 * step); `entry`: where the thread starts, its first wait_for_device_probe() where it has one.
 */
export function deviceShutdown(tb: ThreadBuilder, ret: Ret): { entry: string; own: string } {
  const k = tb.k, w = k.w;
  const why = shutdownRefusal(k);
  if (why) throw new ProbecheckError('E601', why);
  const f = tb.fn('device_shutdown', {}, ret), where = `${CORE}:device_shutdown`;
  // The loop's body for each device it may take: `device_shutdown(dc)`, back to `list_prev`.
  const body = new Map(w.devices.map((d) => [d.i, tb.holding(d.i, () => shutdownOne(tb, d.i, f.label('list_prev')))]));
  const blocks = k.has('SHUTDOWN_BLOCKS_PROBING');
  // wait_for_device_probe(); device_block_probing(); (device_block_probing, dd.c from 013c074f8642:
  // `defer_all_probes = true;` then `wait_for_device_probe();`, "sync with probes to avoid races").
  // (Built in the order they run: a thread numbers its second call of a function #2.)
  const entry = blocks ? f.leading(() => waitForDeviceProbe(tb, f.label('device_block_probing'))) : '';
  const again = blocks ? waitForDeviceProbe(tb, f.label('list_prev')) : '';
  if (blocks) f.step('device_block_probing', { where: `${DD}:device_block_probing`, since: 'v4.19 (3297c8fc65af in device_shutdown, read in the 4.19 tree; device_block_probing since 013c074f8642, v4.5)',
    c: ['defer_all_probes = true;', 'wait_for_device_probe();', `${CORE}:device_shutdown:: wait_for_device_probe();`, `${CORE}:device_shutdown:: device_block_probing();`],
    run: (s) => { s.deferAllProbes = true; return again; } });
  // One step per turn: the spinlock, the test for an empty list, list.prev, list_del_init, the
  // unlock (nothing else runs under devices_kset->list_lock in the model).
  f.step('list_prev', { where, merges: 'the loop\'s text: one turn takes list_lock (@1, or @2 for the next turn), takes one device off and drops it', c: ['spin_lock(&devices_kset->list_lock);@1', 'spin_lock(&devices_kset->list_lock);@2', 'while (!list_empty(&devices_kset->list)) {', 'dev = list_entry(devices_kset->list.prev, struct device,', 'list_del_init(&dev->kobj.entry);', 'spin_unlock(&devices_kset->list_lock);@1'],
    run: (s, t) => {
      const d = ksetLast(s);
      if (d < 0) return 'spin_unlock';
      ksetDel(s, d);
      t.gen = structRef(s, d);          // get_device(dev): the struct it holds
      return body.get(d)!;
    } });
  // The list found empty: the last unlock, and device_shutdown returns (the action completes here).
  f.step('spin_unlock', { where, c: ['spin_unlock(&devices_kset->list_lock);@2'], run: (s) => { s.shutdownReturned = true; return RETURN; } });
  const own = f.done();
  return { entry: blocks ? entry : own, own };
}

/**
 * The walk's turn for dev: device_lock(parent) where it has one, device_lock(dev) and the
 * ->shutdown() call (one step: nothing the model keeps runs between them), then the unlocks.
 * The struct it took off the list may have been deleted and added again since (KL.gen): it then
 * locks the old struct, whose driver device_del released, and calls nothing (staleEntry).
 */
function shutdownOne(tb: ThreadBuilder, dev: number, loop: string): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent, where = `${CORE}:device_shutdown`;
  const f = tb.fn('device_shutdown', { dev }, loop);
  f.loopBody = true;
  // v3.6.0 tests dev->parent; from f123db8e9d6c the local `parent` (get_device(dev->parent)).
  const parentTest = (n: number) => `if (parent)@${n} || if (dev->parent)@${n}`;
  if (parent >= 0) f.step('lock_parent', { where, c: [parentTest(1), 'device_lock(parent); || device_lock(dev->parent);'], await: (s) => s.dev[parent]!.mutex === 0,
    waits: mutexWaits(k, parent), run: (s) => { takeMutex(k, s, parent, me); return 'device_lock'; } });
  f.step('device_lock', staleEntry(dev, { where, c: ['device_lock(dev);', 'if (dev->bus && dev->bus->shutdown) {', '} else if (dev->driver && dev->driver->shutdown) {', 'dev->driver->shutdown(dev);'],
    await: (s) => s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev),
    run: (s) => { takeMutex(k, s, dev, me); s.dev[dev]!.shutDown = true; return 'device_unlock'; } }, () => 'device_unlock'));
  f.step('device_unlock', { where, c: ['device_unlock(dev);', ...(parent >= 0 ? [parentTest(2), 'device_unlock(parent); || device_unlock(dev->parent);'] : [])],
    run: (s: KS, t: KL) => {
      if (t.gen !== STALE) unlockDev(s, dev, me);   // STALE: the old struct's own mutex, never taken
      t.gen = 0;
      if (parent >= 0) unlockDev(s, parent, me);
      return RETURN;
    } });
  return f.done();
}
