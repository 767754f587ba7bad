/**
 * driver_unregister -> bus_remove_driver -> driver_detach (drivers/base/bus.c, dd.c).
 * The driver leaves the bus list first (no new __device_attach sees it; a walk that holds its
 * node keeps it in place until it moves on, paths/klist.ts), then every device bound
 * to it is released, then drv->p is freed. driver_detach releases the device bound last until
 * none is bound (paths/klist.ts keeps the order they were bound in).
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { asyncSynchronizeFullStep } from './async.js';
import { BUS, DD, DRIVER_C, allowsAsync, linesIn, mayBeAsync, mutexWaits, takeMutex, takesParentLock, unlockDev } from './common.js';
import { boundLast, drvDel } from './klist.js';
import { releaseDriver, releaseInternal } from './release.js';

export function busRemoveDriver(tb: ThreadBuilder, drv: number, ret: Ret): string {
  const f = tb.fn('bus_remove_driver', { drv }, ret);
  const detach = driverDetach(tb, drv, f.label('kobject_put'));
  // driver_unregister (drivers/base/driver.c, kept in kernel/ at v3.6.0, v5.10.13 and torvalds@010e85f9e47c,
  // as driver_register: driver-attach.ts; the same lines in each; cited where the profile reads driver.c):
  // `if (!drv || !drv->p) { WARN(1, "Unexpected driver unregister!\n"); return; }`. A driver that is
  // not registered (another actor's register has not run yet) is left alone. (One unregistered
  // before keeps a stale drv->p, and the kernel would go on into freed memory: not modelled.)
  const unregLines = linesIn(tb.k, DRIVER_C, 'driver_unregister', ['if (!drv || !drv->p) {', 'WARN(1, "Unexpected driver unregister!\\n");', 'return;']);
  f.step('remove_bind_files', { where: `${BUS}:bus_remove_driver (remove_bind_files)`, c: ['remove_bind_files(drv);', ...unregLines],
    run: (s) => { if (!s.drv[drv]!.alive) return RETURN; s.drv[drv]!.bindFiles = false; return 'klist_remove'; } });
  // kernfs_remove drains the files' active references: a bind/unbind store in flight finishes first.
  f.step('klist_remove', { where: `${BUS}:bus_remove_driver (klist_remove knode_bus)`, c: ['klist_remove(&drv->p->knode_bus); #part'], await: (s) => s.drv[drv]!.storesActive === 0,
    waits: () => `kernfs_drain(bind/unbind of ${tb.k.dn(drv)})`, run: (s) => { s.drv[drv]!.onBus = false; drvDel(tb.k.w, s, drv); return 'klist_remove_wait'; } });
  // klist_remove marks the node dead (new walks skip it), then sleeps until the walks that hold it let go.
  f.step('klist_remove_wait', { where: `${BUS}:bus_remove_driver (klist_remove: wait for the node's last reference)`, c: ['klist_remove(&drv->p->knode_bus); #part', 'driver_detach(drv);'],
    await: (s) => s.drv[drv]!.iterRefs === 0,
    waits: (s) => `klist_remove(&drv->p->knode_bus) of ${tb.k.dn(drv)} (${s.drv[drv]!.iterRefs} bus_for_each_drv walk${s.drv[drv]!.iterRefs === 1 ? '' : 's'} inside it)`, run: () => detach });
  f.step('kobject_put', { where: `${BUS}:bus_remove_driver (module_remove_driver, kobject_put(&drv->p->kobj))`, c: ['module_remove_driver(drv);', 'kobject_put(&drv->p->kobj);'], run: (s) => {
    s.drv[drv]!.alive = false; s.drv[drv]!.unregDone = true; return RETURN;
  } });
  return f.done();
}

export function driverDetach(tb: ThreadBuilder, drv: number, ret: Ret): string {
  const k = tb.k, me = tb.owner, w = k.w;
  // From 9ed9895370ae (v4.10: its dd.c, read with read_file by an audit of 2026-12-05) driver_detach
  // calls device_release_driver_internal(dev, drv, dev->parent); at v4.5 (013c074f8642) it locks
  // the parent and the device itself. Both lock the parent, then the device: the same steps. The
  // model names the function from v4.18 (the first profile whose dd.c is read with it); v4.14's
  // dd.c is not read.
  const internal = k.has('NEED_PARENT_LOCK');
  const f = tb.fn('driver_detach', { drv }, ret);
  const again = f.label('list_last_entry');
  // The release of one device, returning to the loop.
  const release = new Map<number, string>();
  for (const dev of w.drivers[drv]!.matches) {
    if (internal) { release.set(dev, releaseInternal(tb, dev, again, drv)); continue; }
    const b = tb.fn('driver_detach', { dev, drv }, again);
    b.loopBody = true;
    const pl = takesParentLock(k, dev), parent = w.devices[dev]!.parent;
    const rel = releaseDriver(tb, dev, b.label('device_unlock'), pl);
    if (pl) {
      b.step('lock_parent', { where: `${DD}:driver_detach (device_lock(dev->parent))`, since: 'v2.6.16', c: ['device_lock(dev->parent);'],
        await: (s) => s.dev[parent]!.mutex === 0, waits: mutexWaits(k, parent),
        run: (s) => { takeMutex(k, s, parent, me); return 'device_lock'; } });
    }
    b.step('device_lock', { where: `${DD}:driver_detach`, c: ['device_lock(dev);', 'if (dev->driver == drv)', '__device_release_driver:: if (drv) {'],
      await: (s) => s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev),
      run: (s) => { takeMutex(k, s, dev, me); return rel(s, 'device_unlock', drv); } });
    b.step('device_unlock', { where: `${DD}:driver_detach`, c: pl ? ['device_unlock(dev);', 'device_unlock(dev->parent);'] : ['device_unlock(dev);'], run: (s) => {
      unlockDev(s, dev, me);
      if (pl) unlockDev(s, parent, me);
      return RETURN;
    } });
    release.set(dev, b.done());
  }
  if (k.has('ASYNC_SYNC_IN_DRIVER_DETACH') && mayBeAsync(k, drv)) {
    // Only for drivers that allow async probing (the module parameter is read at run time).
    f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(`${DD}:driver_detach`, 'list_last_entry'), since: 'v5.0 ("driver core: Move async_synchronize_full call")',
      c: ['if (driver_allows_async_probing(drv)) #runs', 'async_synchronize_full();'],
      await: (s) => !allowsAsync(k, s, drv) || s.asyncPending === 0 });
  }
  // for (;;): take the last device on drv's klist of bound devices (the one bound last:
  // driver_bound adds at the tail) and release it, until the list is empty; a device bound
  // meanwhile is taken too.
  f.step('list_last_entry', { where: `${DD}:driver_detach`,
    c: ['if (list_empty(&drv->p->klist_devices.k_list)) {', ...(internal ? ['device_release_driver_internal(dev, drv, dev->parent);'] : [])],
    run: (s) => { const dev = boundLast(s, drv); return dev < 0 ? RETURN : release.get(dev)!; } });
  return f.done();
}
