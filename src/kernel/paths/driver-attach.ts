/**
 * driver_register -> bus_add_driver -> driver_attach -> __driver_attach (drivers/base/bus.c, dd.c),
 * and the two async forms: v4.2 schedules the whole driver_attach (driver_attach_async, bus.c);
 * since ef0ff68351be (v5.1) __driver_attach schedules __driver_attach_async_helper per device,
 * recording the driver in dev->p->async_driver.
 *
 * The bus_for_each_dev walk visits matching devices in declaration order and skips those not on
 * the bus list when it reaches them.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import type { KS } from '../state.js';
import { RET } from '../world.js';
import { asyncProgram, asyncScheduleStep } from './async.js';
import { BUS, DD, allowsAsync, mayBeAsync, mutexWaits, takesParentLock } from './common.js';
import { driverProbeDevice } from './really-probe.js';
import { PLATFORM, overrideMatches } from './driver-override.js';

/** bus_add_driver(drv), as called by driver_register. */
export function busAddDriver(tb: ThreadBuilder, drv: number, ret: Ret): string {
  const k = tb.k, info = k.w.drivers[drv]!;
  const f = tb.fn('bus_add_driver', { drv }, ret);
  const wholeAsync = !k.has('PER_DEVICE_ASYNC_ATTACH') && mayBeAsync(k, drv);
  const attach = driverAttach(tb, drv, f.label('add_bind_files'));
  const inline = wholeAsync ? driverAttach(tb, drv, f.label('add_bind_files')) : ''; // the sync fallback runs it here
  f.step('klist_add_tail', { where: `${BUS}:bus_add_driver`, run: (s) => {
    const d = s.drv[drv]!;
    d.onBus = true; d.alive = true; d.unregDone = false;
    if (!s.bus[info.bus]!.autoprobe) return 'add_bind_files';
    if (wholeAsync && allowsAsync(k, s, drv)) return 'async_schedule';
    return attach;
  } });
  if (wholeAsync) {
    f.step('async_schedule', asyncScheduleStep(tb, asyncProgram('driver_attach_async', k.dn(drv)), inline, 'add_bind_files', `${BUS}:bus_add_driver`, 'v4.2 .. v5.0 (765230b5f084)'));
  }
  f.step('add_bind_files', { where: `${BUS}:bus_add_driver (module_add_driver, add_bind_files)`, run: (s) => { s.drv[drv]!.bindFiles = true; return RETURN; } });
  return f.done();
}

/** driver_attach(drv) = bus_for_each_dev(__driver_attach): entry label of the walk. */
export function driverAttach(tb: ThreadBuilder, drv: number, ret: Ret): string {
  const devs = tb.k.w.drivers[drv]!.matches;
  let next: Ret = ret;
  for (const dev of [...devs].reverse()) next = driverAttachOne(tb, dev, drv, next);
  if (typeof next === 'string') return next;
  // No matching device: a single step that returns.
  const f = tb.fn('driver_attach', { drv }, ret);
  f.step('bus_for_each_dev', { where: `${DD}:driver_attach`, run: () => RETURN });
  return f.done();
}

/** __driver_attach(dev, drv). */
function driverAttachOne(tb: ThreadBuilder, dev: number, drv: number, ret: Ret): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent;
  const f = tb.fn('__driver_attach', { dev, drv }, ret);
  const perDevice = k.has('PER_DEVICE_ASYNC_ATTACH') && mayBeAsync(k, drv);
  const pl = takesParentLock(k, dev);
  const probe = driverProbeDevice(tb, dev, drv, f.label('device_unlock'));
  const rest = (s: KS): string => {
    // The async hand-over takes only dev->mutex; the synchronous probe __device_driver_lock's pair.
    if (perDevice && allowsAsync(k, s, drv)) return 'device_lock';
    return pl ? 'lock_parent' : 'device_lock';
  };
  if (!k.w.devices[dev]!.override) {
    f.step('driver_match_device', { where: `${DD}:__driver_attach`, run: (s) => {
      if (!s.dev[dev]!.onBus) return RETURN; // not (yet / any more) on the bus klist
      return rest(s);
    } });
  } else {
    // platform_match, without dev->mutex: it loads pdev->driver_override, then strcmp()s it (B13).
    f.step('driver_match_device', { where: `${DD}:__driver_attach -> ${PLATFORM}:platform_match (load pdev->driver_override)`, run: (s, t) => {
      if (!s.dev[dev]!.onBus) return RETURN;
      const g = s.dev[dev]!.ovrGen;
      if (g === 0) return rest(s);
      t.ovr = g;
      return 'strcmp';
    } });
    f.step('strcmp', { where: `${PLATFORM}:platform_match (!strcmp(pdev->driver_override, drv->name))`, since: 'v3.16', run: (s, t) => {
      t.ovr = 0;
      return overrideMatches(s, dev, drv) ? rest(s) : RETURN;
    } });
  }
  if (pl) {
    f.step('lock_parent', { where: `${DD}:__driver_attach (device_lock(dev->parent))`, since: k.has('NEED_PARENT_LOCK') ? 'v4.18 (8c97a46af04b): need_parent_lock' : 'v2.6.16 (bf74ad5bc417)',
      await: (s) => s.dev[parent]!.mutex === 0, waits: mutexWaits(k, parent),
      run: (s) => { s.dev[parent]!.mutex = me; return 'device_lock'; } });
  }
  f.step('device_lock', { where: `${DD}:__driver_attach`, await: (s) => s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev), run: (s, t) => {
    const d = s.dev[dev]!;
    d.mutex = me;
    t.ret = RET.ZERO;
    if (perDevice && allowsAsync(k, s, drv)) {
      // ef0ff68351be: hand the device to an async helper unless it is bound or already handed over.
      if (d.driver === 0 && d.asyncDriver === 0) { d.asyncDriver = drv + 1; t.ret = RET.BOUND; }
      return 'device_unlock';
    }
    return d.driver === 0 ? probe : 'device_unlock';
  } });
  f.step('device_unlock', { where: `${DD}:__driver_attach`, run: (s, t) => {
    s.dev[dev]!.mutex = 0;
    if (pl && s.dev[parent]!.mutex === me) s.dev[parent]!.mutex = 0;
    return perDevice && t.ret === RET.BOUND ? 'async_schedule_dev' : RETURN;
  } });
  if (perDevice) {
    const inline = driverAttachAsyncHelper(tb, dev, f.ret);
    f.step('async_schedule_dev', asyncScheduleStep(tb, asyncProgram('__driver_attach_async_helper', k.vn(dev)), inline, RETURN, `${DD}:__driver_attach`, 'v5.1 (ef0ff68351be)'));
  }
  return f.done();
}

/** __driver_attach_async_helper(dev): probe dev with dev->p->async_driver (v5.1+). */
export function driverAttachAsyncHelper(tb: ThreadBuilder, dev: number, ret: Ret): string {
  const k = tb.k, me = tb.owner, parent = k.w.devices[dev]!.parent;
  const f = tb.fn('__driver_attach_async_helper', { dev }, ret);
  const pl = takesParentLock(k, dev);
  const probes = new Map<number, string>();
  for (const drv of k.w.devices[dev]!.drivers) if (mayBeAsync(k, drv)) probes.set(drv, driverProbeDevice(tb, dev, drv, f.label('device_unlock')));
  if (pl) {
    f.step('lock_parent', { where: `${DD}:__driver_attach_async_helper -> ${DD}:__device_driver_lock`, since: 'v5.1 (ef0ff68351be)',
      await: (s) => s.dev[parent]!.mutex === 0, waits: mutexWaits(k, parent), run: (s) => { s.dev[parent]!.mutex = me; return 'device_lock'; } });
  }
  f.step('device_lock', { where: `${DD}:__driver_attach_async_helper`, since: 'v5.1 (ef0ff68351be, 3451a495ef24)',
    await: (s) => s.dev[dev]!.mutex === 0, waits: mutexWaits(k, dev), run: (s: KS) => {
      const d = s.dev[dev]!;
      d.mutex = me;
      const drv = d.asyncDriver - 1;
      d.asyncDriver = 0;
      if (drv < 0 || d.dead || d.driver !== 0) return 'device_unlock';
      return probes.get(drv) ?? 'device_unlock';
    } });
  f.step('device_unlock', { where: `${DD}:__driver_attach_async_helper`, run: (s) => {
    s.dev[dev]!.mutex = 0;
    if (pl && s.dev[parent]!.mutex === me) s.dev[parent]!.mutex = 0;
    return RETURN;
  } });
  return f.done();
}
