/**
 * A lockless reader of dev->driver: dev_uevent (drivers/base/core.c), run when udev reads the
 * device's uevent file. It takes no device lock (a reader must not wait for a probe that may
 * last minutes, dc1771f71854). Before 18daa52418e7 it read dev->driver twice: once to test it,
 * once to print its name, so an unbind in between makes it dereference NULL (B11). The fix
 * (patches.ts, flag UEVENT_SINGLE_READ) reads it once under the bus's klist_drivers lock.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { CORE } from './common.js';

export function devUevent(tb: ThreadBuilder, dev: number, ret: Ret): string {
  const f = tb.fn('dev_uevent', { dev }, ret);
  // The read goes through kernfs (kernfs_fop_read_iter: kernfs_get_active .. kernfs_put_active; fs/kernfs
  // not read): no read starts once device_del has removed the file, and the removal waits for reads
  // in flight (kernfs_drain). The file is taken to exist while the device is on its bus's klist:
  // device_add creates it a little earlier, where dev->driver is still NULL, so a read there does
  // nothing anyway. The reference is counted only across the two reads of dev->driver.
  f.step('if_driver', { where: `${CORE}:dev_uevent (if (dev->driver))`, c: ['if (dev->driver)'], run: (s) => {
    const d = s.dev[dev]!;
    if (!d.onBus || d.driver === 0) return RETURN;
    d.uevReaders++;
    return 'add_uevent_var';
  } });
  f.step('add_uevent_var', { where: `${CORE}:dev_uevent (add_uevent_var(env, "DRIVER=%s", dev->driver->name))`, c: ['add_uevent_var(env, "DRIVER=%s", dev->driver->name);'],
    run: (s) => { s.dev[dev]!.uevReaders--; return RETURN; } });
  return f.done();
}
