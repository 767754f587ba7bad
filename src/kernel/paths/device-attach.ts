/**
 * __device_attach (device_initial_probe / device_attach), its bus_for_each_drv walk over
 * __device_attach_driver, and __device_attach_async_helper (drivers/base/dd.c).
 *
 * The klist walk visits the device's matching drivers in declaration order and skips those not
 * on the bus list at the moment the walk reaches them (a snapshot per element). v4.2 calls
 * async_schedule with dev->mutex held; b232b02bf3c2 (v5.19) schedules after device_unlock.
 * The dead check of 654888327e9f is inserted by that patch (patches.ts), also for v5.9+.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { add } from '../../engine/add.js';
import type { KL, KS } from '../state.js';
import { RET } from '../world.js';
import { asyncProgram, asyncScheduleStep } from './async.js';
import { DD, allowsAsync, lockStep, mayBeAsync } from './common.js';
import { driverProbeDevice, stopsWalk } from './really-probe.js';
import { PLATFORM, STRCMP, overrideMatches } from './driver-override.js';

/**
 * bus_for_each_drv(dev->bus, NULL, &data, __device_attach_driver): returns the walk's entry label.
 * `after` picks where to go when the walk ends (t.ret = 0, or the nonzero value that stopped it).
 */
export function attachWalk(tb: ThreadBuilder, dev: number, frame: number, checkAsync: boolean, wantAsync: boolean,
  after: (s: KS, t: KL) => string | null): (s: KS, t: KL) => string | null {
  const k = tb.k;
  const drivers = k.w.devices[dev]!.drivers;
  let next: (s: KS, t: KL) => string | null = after;
  for (const drv of [...drivers].reverse()) {
    const cont = next;
    const f = tb.fn('__device_attach_driver', { dev, drv }, null);
    // While __device_attach_driver runs for drv, the walk's klist iterator holds a reference on
    // drv's knode_bus (klist_next); bus_remove_driver's klist_remove waits until it is dropped.
    const probe = driverProbeDevice(tb, dev, drv, (s, t) => {
      add(s.drv[drv]!, 'iterRefs', -1);
      if (stopsWalk(t.ret)) return after(s, t);
      t.ret = RET.ZERO;
      return cont(s, t);
    });
    const rest = (s: KS, t: KL): string | null => {
      if (k.has('ATTACH_DRIVER_EBUSY') && s.dev[dev]!.driver !== 0) { t.ret = RET.EBUSY; return after(s, t); }
      const a = allowsAsync(k, s, drv);
      if (a) t.haveAsync[frame] = 1;
      if (checkAsync && a !== wantAsync) return cont(s, t);
      add(s.drv[drv]!, 'iterRefs', 1);
      return probe;
    };
    // The C of the whole callback: the checks are in this step (and strcmp's, for an override).
    const c = [...(k.has('ATTACH_DRIVER_EBUSY') ? ['if (dev->driver)'] : []), 'driver_match_device(drv, dev)',
      ...(k.has('ASYNC_PROBE') ? ['if (data->check_async && async_allowed != data->want_async)'] : []), 'driver_probe_device(drv, dev);'];
    if (!k.w.devices[dev]!.override) {
      f.step('driver_match_device', { where: `${DD}:__device_attach_driver`, since: 'v4.2 (765230b5f084)', c, run: (s, t) => {
        if (!s.drv[drv]!.onBus) return cont(s, t);
        return rest(s, t);
      } });
    } else {
      // platform_match reads pdev->driver_override, then strcmp()s it (B13): two steps.
      f.step('driver_match_device', { where: `${DD}:__device_attach_driver -> ${PLATFORM}:platform_match (load pdev->driver_override)`, since: 'v4.2 (765230b5f084)', c, run: (s, t) => {
        if (!s.drv[drv]!.onBus) return cont(s, t);
        const g = s.dev[dev]!.ovrGen;
        if (g === 0) return rest(s, t);
        t.ovr = g;
        return 'strcmp';
      } });
      f.step('strcmp', { where: `${PLATFORM}:platform_match (!strcmp(pdev->driver_override, drv->name))`, since: 'v3.16', c: STRCMP, run: (s, t) => {
        t.ovr = 0;
        return overrideMatches(s, dev, drv) ? rest(s, t) : cont(s, t);
      } });
    }
    const entry = f.done();
    next = () => entry;
  }
  return next;
}

/** __device_attach(dev, allow_async). */
export function deviceAttach(tb: ThreadBuilder, dev: number, allowAsync: boolean, ret: Ret): string {
  const k = tb.k, me = tb.owner;
  const f = tb.fn('__device_attach', { dev }, ret);
  const frame = tb.enter();
  const afterUnlock = k.has('ASYNC_AFTER_UNLOCK');
  const goAsync = (t: KL) => t.ret === RET.ZERO && allowAsync && t.haveAsync[frame] === 1;
  const walk = attachWalk(tb, dev, frame, allowAsync, false,
    (_s, t) => (!afterUnlock && goAsync(t) ? f.label('async_schedule') : f.label('out_unlock')));
  const canAsync = allowAsync && k.w.devices[dev]!.drivers.some((d) => mayBeAsync(k, d));
  // The synchronous fallback runs the helper inline, here.
  const inline = canAsync ? deviceAttachAsyncHelper(tb, dev, afterUnlock ? ret : f.label('out_unlock')) : '';

  f.step('device_lock', { ...lockStep(k, dev, me, `${DD}:__device_attach`, (s, t) => {
    t.ret = RET.ZERO;
    t.haveAsync[frame] = 0;
    const d = s.dev[dev]!;
    if (d.driver !== 0) { t.ret = d.bound ? RET.BOUND : RET.ZERO; return 'out_unlock'; }
    return 'bus_for_each_drv';
  }),
  // v3.x names it device_attach (profiles.ts `renamed`); device_is_bound() wraps klist_node_attached() since v4.x.
  c: ['device_lock(dev);', 'if (dev->driver) { || } else if (dev->driver) {', 'if (klist_node_attached(&dev->p->knode_driver)) { || if (device_is_bound(dev)) {', 'ret = bus_for_each_drv(dev->bus, NULL,'] });
  f.route('bus_for_each_drv', walk);
  const schedule = (): void => {
    if (!canAsync) return;
    const st = asyncScheduleStep(tb, asyncProgram('__device_attach_async_helper', k.vn(dev)), inline,
      afterUnlock ? RETURN : 'out_unlock', `${DD}:__device_attach`, afterUnlock ? 'v5.19 (b232b02bf3c2): after device_unlock' : 'v4.2 (765230b5f084): dev->mutex held');
    f.step('async_schedule', { ...st, c: afterUnlock ? ['if (async)', 'async_schedule'] : ['async_schedule'] });
  };
  // Source order: until b232b02bf3c2 async_schedule sits inside the locked region, after it past device_unlock.
  if (!afterUnlock) schedule();
  f.step('out_unlock', { where: `${DD}:__device_attach`, c: ['device_unlock(dev);'], run: (s, t) => {
    s.dev[dev]!.mutex = 0;
    return afterUnlock && goAsync(t) ? 'async_schedule' : RETURN;
  } });
  if (afterUnlock) schedule();
  tb.leave();
  return f.done();
}

/** __device_attach_async_helper(dev): the async pass over drivers that want async probing. */
export function deviceAttachAsyncHelper(tb: ThreadBuilder, dev: number, ret: Ret): string {
  const k = tb.k, me = tb.owner;
  const f = tb.fn('__device_attach_async_helper', { dev }, ret);
  const frame = tb.enter();
  const walk = attachWalk(tb, dev, frame, true, true, () => f.label('out_unlock'));
  f.step('device_lock', { ...lockStep(k, dev, me, `${DD}:__device_attach_async_helper`, (s, t) => {
    t.ret = RET.ZERO;
    t.haveAsync[frame] = 0;
    // 3451a495ef24 (v5.1): skip dead or already bound devices.
    if (k.has('DEAD_FLAG') && (s.dev[dev]!.dead || s.dev[dev]!.driver !== 0)) return 'out_unlock';
    return 'bus_for_each_drv';
  }, k.has('DEAD_FLAG') ? 'v5.1 (3451a495ef24)' : 'v4.2 (765230b5f084)'),
  c: ['device_lock(dev);', ...(k.has('DEAD_FLAG') ? ['if (dev->p->dead || dev->driver)'] : []), 'bus_for_each_drv(dev->bus, NULL, &data, __device_attach_driver);'] });
  f.route('bus_for_each_drv', walk);
  f.step('out_unlock', { where: `${DD}:__device_attach_async_helper`, c: ['device_unlock(dev);'], run: (s) => { s.dev[dev]!.mutex = 0; return RETURN; } });
  tb.leave();
  return f.done();
}
