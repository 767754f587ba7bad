/**
 * sysfs drivers_probe (drivers/base/bus.c): `echo dc > /sys/bus/platform/drivers_probe`, the way
 * to probe a device by hand (a bus whose drivers_autoprobe is 0, or a device whose
 * driver_override was just written). drivers_probe_store looks the device up by name and holds
 * that struct (put_device at its end); bus_rescan_devices_helper tests dev->driver without a
 * lock, takes the parent's lock (every parent before 8c97a46af04b, v4.18; on a need_parent_lock
 * bus since: takesParentLock) and calls device_attach, which is __device_attach(dev, false): every
 * matching driver probes synchronously, one that asks for async probing too.
 * The bus's own file is never removed in the model (bus_unregister is not modelled), so the
 * store's kernfs active reference is not kept.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { structRef, type KL, type KS } from '../state.js';
import { BUS, mutexWaits, takeMutex, takesParentLock, unlockDev } from './common.js';
import { deviceAttach } from './device-attach.js';
import { attachFinds } from './owed.js';

export function driversProbeStore(tb: ThreadBuilder, dev: number, ret: Ret): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent, pl = takesParentLock(k, dev);
  const f = tb.fn('drivers_probe_store', { dev }, ret);
  // device_attach(dev) on the struct the store holds (KL.gen): deleted and added again since, it is
  // an old one, whose __device_attach probes nothing (staleEntry).
  const attach = deviceAttach(tb, dev, false, f.label(pl ? 'unlock_parent' : 'put_device'), true);
  // v3.6.0 (bus.c:783, "Needed for USB"): every parent; 5.10.13 .. bfa54a793ba7: need_parent_lock only.
  const parentTest = (n: number) => `if (dev->parent && dev->bus->need_parent_lock)@${n} || if (dev->parent)@${n}`;
  // (store_drivers_probe at v3.6.0, which returns -EINVAL on a nonzero helper and never puts the device.)
  tb.takes.add(f.label('bus_find_device_by_name'));
  f.step('bus_find_device_by_name', { where: `${BUS}:drivers_probe_store`,
    c: ['dev = bus_find_device_by_name(bus, NULL, buf);', 'if (!dev)', 'if (bus_rescan_devices_helper(dev, NULL) == 0) || if (bus_rescan_devices_helper(dev, NULL) != 0)'], run: (s, t) => {
    const d = s.dev[dev]!;
    if (!d.onBus) return RETURN;                                 // -ENODEV
    t.gen = structRef(s, dev);                                   // the struct device it holds a reference to
    return 'bus_rescan_devices_helper';
  } });
  // The unlocked test; on an old struct (the slot deleted and added again) dev->driver is NULL,
  // released by its device_del.
  f.step('bus_rescan_devices_helper', { where: `${BUS}:bus_rescan_devices_helper`, c: ['if (!dev->driver) {', ...(pl ? [] : ['ret = device_attach(dev);'])], run: (s, t) => {
    const d = s.dev[dev]!, own = t.gen === structRef(s, dev);
    if (own && d.driver !== 0) return 'put_device';
    // A device released on purpose (an unbind, a driver_override store) is owed a probe by every
    // driver on the bus klist now: device_attach tries each (no-missed-probe, DevS.owed).
    // (Its __device_attach owes them again under the device lock, where a release may come between: owed.ts.)
    if (own) attachFinds(k, s, dev, false);
    return pl ? 'lock_parent' : attach;
  } });
  if (pl) {
    f.step('lock_parent', { where: `${BUS}:bus_rescan_devices_helper`, c: [parentTest(1), 'device_lock(dev->parent);', 'ret = device_attach(dev);'], await: (s) => s.dev[parent]!.mutex === 0,
      waits: mutexWaits(k, parent), run: (s) => { takeMutex(k, s, parent, me); return attach; } });
    f.step('unlock_parent', { where: `${BUS}:bus_rescan_devices_helper`, c: [parentTest(2), 'device_unlock(dev->parent);'], run: (s) => { unlockDev(s, parent, tb.owner); return 'put_device'; } });
  }
  // (__device_attach's device_lock leaves KL.gen STALE on an old struct: cleared here either way.)
  f.step('put_device', { where: `${BUS}:drivers_probe_store`, c: ['put_device(dev); || return count;'], run: (_s: KS, t: KL) => { t.gen = 0; return RETURN; } });
  return f.done();
}
