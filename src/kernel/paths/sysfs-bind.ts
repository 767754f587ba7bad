/**
 * sysfs bind_store / unbind_store (drivers/base/bus.c). Both read dev->driver without the lock
 * first (bind_store until 204db60c8357, v5.14). v4.2 bind_store then probes without re-checking dev->driver; since 3451a495ef24 it goes
 * through device_driver_attach (skips dead or bound devices), and since 45ddcb42949f through
 * __driver_probe_device (no probe_count, -EBUSY on a bound device). unbind_store releases
 * whatever driver the device has by the time it holds the lock.
 * Both run inside kernfs_fop_write (kernfs_fop_write_iter since cc099e0b3998, v5.11: KERNFS_WRITE_ITER;
 * fs/sysfs/file.c's sysfs_write_file before kernfs, v3.14: KERNFS)
 * holding an active reference on the file, which bus_remove_driver's remove_bind_files drains.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { BUS, DD, heldOld, mutexWaits, storeLock, takeMutex, takesParentLock, unlockDev } from './common.js';
import { dropOldOvr } from './klist.js';
import { driverProbeDevice } from './really-probe.js';
import { deviceDriverAttach } from './driver-attach.js';
import { releaseDriver, releaseLockLines } from './release.js';
import { driverMatchSteps } from './driver-override.js';
import { STALE, structRef, type KL, type KS } from '../state.js';

/**
 * kernfs_fop_write_iter (kernfs_fop_write before cc099e0b3998, v5.11 and 5.10.11: a name only, the position
 * `*ppos` became `iocb->ki_pos`): kernfs_get_active (fails once the file is removed), the store, kernfs_put_active.
 * Before kernfs (KERNFS, v3.14) the store ran through fs/sysfs/file.c sysfs_write_file -> flush_write_buffer:
 * sysfs_get_active, ops->store, sysfs_put_active, the same order (v3.6.0); the steps take those names there.
 */
function kernfsWrite(tb: ThreadBuilder, drv: number, file: string, ret: Ret, store: (ret: string) => string): string {
  const iter = tb.k.has('KERNFS_WRITE_ITER'), kernfs = tb.k.has('KERNFS');
  const name = !kernfs ? 'sysfs_write_file' : iter ? 'kernfs_fop_write_iter' : 'kernfs_fop_write';
  const [get, put] = kernfs ? ['kernfs_get_active', 'kernfs_put_active'] : ['sysfs_get_active', 'sysfs_put_active'];
  const path = `${kernfs ? 'fs/kernfs' : 'fs/sysfs'}/file.c:${name}`;
  // Only a device with a driver_override that may be added again ever has an old one (device-add.ts).
  const oldOvrs = tb.k.w.devices.some((d) => d.override === true && d.readd === true);
  const f = tb.fn(name, { drv }, ret);
  const body = store(f.label(put));
  const c = kernfs ? ['if (!kernfs_get_active(of->kn)) {', `len = ops->write(of, buf, len, ${iter ? 'iocb->ki_pos' : '*ppos'});`]
    : ['len = flush_write_buffer(file->f_path.dentry, buffer, len);', 'flush_write_buffer:: if (!sysfs_get_active(attr_sd))', 'flush_write_buffer:: rc = ops->store(kobj, attr_sd->s_attr.attr, buffer->page, count);'];
  f.step(get, { where: `${path} (${file})`, c, run: (s) => {
    const d = s.drv[drv]!;
    if (!d.bindFiles) return RETURN;      // -ENODEV: the file is gone
    d.storesActive++;
    return body;
  } });
  f.step(put, { where: path, c: [kernfs ? 'kernfs_put_active(of->kn);' : 'flush_write_buffer:: sysfs_put_active(attr_sd);'], run: (s) => {
    s.drv[drv]!.storesActive--;
    if (oldOvrs) for (let d = 0; d < s.dev.length; d++) if (s.dev[d]!.oldOvr !== 0) dropOldOvr(s, d);   // any store in flight kept it (klist.ts dropOldOvr)
    return RETURN;
  } });
  return f.done();
}

/** `body` sees the entry of bind_store itself (inside kernfs_fop_write(_iter)). */
export function bindStore(tb: ThreadBuilder, drv: number, dev: number, ret: Ret, body: (entry: string) => string = (e) => e): string {
  return kernfsWrite(tb, drv, 'bind', ret, (r) => body(tb.holding(dev, () => bindStoreBody(tb, drv, dev, r))));
}

export function unbindStore(tb: ThreadBuilder, drv: number, dev: number, ret: Ret, body: (entry: string) => string = (e) => e): string {
  return kernfsWrite(tb, drv, 'unbind', ret, (r) => body(tb.holding(dev, () => unbindStoreBody(tb, drv, dev, r))));
}

function bindStoreBody(tb: ThreadBuilder, drv: number, dev: number, ret: Ret): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent, pl = takesParentLock(k, dev);
  const f = tb.fn('bind_store', { dev, drv }, ret);
  // Since 3451a495ef24 (v5.1) bind_store calls device_driver_attach, which takes the locks and checks dead/driver.
  const dda = k.has('DEAD_FLAG');
  // bind_store holds the struct bus_find_device_by_name returned (put_device at its end): a del and
  // add since make it an old one, dead (v5.1+) or unregistered (driver_probe_device's test before),
  // so nothing is bound (KL.gen, storeLock; a sysfs hunt, 2026-12-04: the model bound the new one).
  const attach = dda ? deviceDriverAttach(tb, dev, drv, f.ret, true) : '';
  const probe = dda ? '' : driverProbeDevice(tb, dev, drv, f.label('device_unlock'));
  // Until 204db60c8357 (v5.14, PROBE_BUSY_CHECK) one line tests dev->driver unlocked and calls the match (v3.6.0 driver_bind,
  // 5.10.13 bind_store; gone in bus.c at 204db60c8357): two steps model it in part.
  const unlocked = !k.has('PROBE_BUSY_CHECK');
  const unlockedTest = 'if (dev && dev->driver == NULL && driver_match_device(drv, dev)) { #part';
  tb.takes.add(f.label('bus_find_device_by_name'));
  f.step('bus_find_device_by_name', { where: `${BUS}:bind_store`, c: unlocked ? ['bus_find_device_by_name(bus, NULL, buf);', unlockedTest] : ['bus_find_device_by_name(bus, NULL, buf);'], run: (s, t) => {
    const d = s.dev[dev]!;
    if (!s.drv[drv]!.onBus || !d.onBus) return RETURN;           // no such file / no such device
    if (unlocked && d.driver !== 0) return RETURN;               // the unlocked `dev->driver == NULL`
    t.gen = structRef(s, dev);                                   // the struct device it holds a reference to
    return 'driver_match_device';
  } });
  // The bus match() at run time: the scenario's static match, and platform_match's driver_override
  // test (an override naming another driver makes the store fail with -ENODEV).
  const matchC = [unlocked ? unlockedTest : 'if (dev && driver_match_device(drv, dev)) {', ...(dda ? ['err = device_driver_attach(drv, dev);'] : [])];
  // The override test is driverMatchSteps' (on the struct it holds: `old`); not again here, where it
  // read the new struct's string (s39 h18).
  const matched = (s: KS, t: KL): string => {
    if (!k.w.drivers[drv]!.matches.includes(dev)) { t.gen = 0; return RETURN; }
    if (dda) return attach;
    return pl ? 'lock_parent' : 'device_lock';
  };
  // driver_match_device -> platform_match runs without dev->mutex here at every version read
  // (v3.6.0 bus.c:205 driver_bind; v5.10.13 and 204db60c8357 bind_store; 00c4a3c47da7
  // bus.c:264), so an overridden device matches in two steps, as in __driver_attach (B13):
  // 6265539776a0's device_lock in the store does not order it.
  // The struct it holds may be the deleted one, the slot added again since: platform_match reads
  // that struct's driver_override (DevS.oldOvr, which device_add keeps for it), not the new one's
  // (s39 h18; bus_find_device returns the struct whose klist node was live at the lookup).
  driverMatchSteps(f, dev, drv, { where: `${BUS}:bind_store (driver_match_device)`, c: matchC, on: (s, t) => matched(s, t), off: (_s, t) => { t.gen = 0; return RETURN; },
    old: (s, t) => t.gen !== structRef(s, dev) });
  if (!dda) {
    if (pl) f.step('lock_parent', { where: `${BUS}:bind_store (device_lock(dev->parent))`, c: ['device_lock(dev->parent);'], await: (s) => s.dev[parent]!.mutex === 0,
      waits: mutexWaits(k, parent), run: (s) => { takeMutex(k, s, parent, me); return 'device_lock'; } });
    // v3.6.0's driver_bind already takes it around driver_probe_device (bus.c:208-209): before v4.2 no release of its own.
    f.step('device_lock', storeLock(k, dev, me, { where: `${BUS}:bind_store`, ...(k.has('ASYNC_PROBE') ? { since: 'v4.2' } : {}), c: ['device_lock(dev);', 'err = driver_probe_device(drv, dev);'], await: (s) => s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev), run: (s) => {
      takeMutex(k, s, dev, me);
      return probe;
    } }, () => 'device_unlock'));
    f.step('device_unlock', { where: `${BUS}:bind_store`, c: pl ? ['device_unlock(dev);', 'device_unlock(dev->parent);'] : ['device_unlock(dev);'], run: (s, t) => {
      if (t.gen !== STALE) unlockDev(s, dev, me);                // STALE: the old struct's own mutex, never taken
      t.gen = 0;
      if (pl) unlockDev(s, parent, me);
      return RETURN;
    } });
  }
  return f.done();
}

function unbindStoreBody(tb: ThreadBuilder, drv: number, dev: number, ret: Ret): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent, pl = takesParentLock(k, dev);
  const f = tb.fn('unbind_store', { dev, drv }, ret);
  // device_driver_detach passes dev->parent; device_release_driver passes NULL (8c97a46af04b:953).
  const rel = releaseDriver(tb, dev, f.label('device_unlock'), pl, k.has('DEAD_FLAG'));
  // v3.6.0 (driver_unbind): the store locks the parent and calls device_release_driver; by v5.1
  // device_driver_detach -> device_release_driver_internal(dev, NULL, dev->parent).
  const detach = k.has('DEAD_FLAG');
  tb.takes.add(f.label('bus_find_device_by_name'));
  f.step('bus_find_device_by_name', { where: `${BUS}:unbind_store`,
    c: ['bus_find_device_by_name(bus, NULL, buf);', 'if (dev && dev->driver == drv) {', detach ? 'device_driver_detach(dev);' : 'device_release_driver(dev);'], run: (s, t) => {
    const d = s.dev[dev]!;
    if (!s.drv[drv]!.onBus || !d.onBus || d.driver !== drv + 1) return RETURN; // unlocked `dev->driver == drv`
    t.gen = structRef(s, dev);                                                 // the struct device it holds a reference to
    return pl ? 'lock_parent' : 'device_lock';
  } });
  if (pl) f.step('lock_parent', { where: `${BUS}:unbind_store (device_lock(dev->parent))`,
    c: [detach ? 'drivers/base/dd.c:__device_driver_lock:: device_lock(parent);' : 'device_lock(dev->parent);'], await: (s) => s.dev[parent]!.mutex === 0,
    waits: mutexWaits(k, parent), run: (s) => { takeMutex(k, s, parent, me); return 'device_lock'; } });
  // By v5.1 device_driver_detach(dev) -> device_release_driver_internal(dev, NULL, dev->parent); v3.6.0 device_release_driver(dev).
  const c = releaseLockLines(detach || k.has('NEED_PARENT_LOCK'), detach ? 'device_driver_detach:: device_release_driver_internal(dev, NULL, dev->parent);' : 'device_release_driver_internal(dev, NULL, NULL);', k.has('DRIVER_LOCK_HELPERS'));
  // A del and add since the lookup make the struct it holds an old one: its own lock, and
  // dev->driver NULL there (released by the del), so nothing is released (a sysfs hunt,
  // 2026-12-04: the model released the new device's driver: unbind-releases-named). It waits for
  // the holder of that lock as bind_store does (storeLock; s39 h19: it went past it).
  f.step('device_lock', storeLock(k, dev, me, { where: `${DD}:device_release_driver(_internal)`, c: c.lock, await: (s) => s.dev[dev]!.mutex === 0,
    waits: mutexWaits(k, dev), run: (s) => { takeMutex(k, s, dev, me); s.dev[dev]!.unbindOf = drv + 1; return rel(s, 'device_unlock'); } }, () => 'device_unlock'));
  f.step('device_unlock', { where: `${DD}:device_release_driver(_internal)`,
    c: [...c.unlock, ...(pl ? [detach ? '__device_driver_unlock:: device_unlock(parent);' : 'drivers/base/bus.c:unbind_store:: device_unlock(dev->parent);'] : [])], run: (s, t) => {
    // STALE: the old struct's own mutex, never taken; one held across the slot's re-add is the old struct's (unlockDev), whose unbindOf the add dropped.
    if (t.gen !== STALE) { if (!heldOld(s, dev, me)) s.dev[dev]!.unbindOf = 0; unlockDev(s, dev, me); }
    t.gen = 0;
    if (pl) unlockDev(s, parent, me);
    return RETURN;
  } });
  return f.done();
}
