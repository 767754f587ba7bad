/**
 * Module load and unload (kernel/module/main.c): do_init_module and delete_module, with the
 * module's init registering its drivers and its exit unregistering them. delete_module's checks
 * (state LIVE, refcount == MODULE_REF_BASE) happen under module_mutex in one step: nothing in
 * between can block. v3.8..v5.16 do_init_module synchronises only if the init task itself used
 * async (PF_USED_ASYNC, 774a1221e862, reverted by 67d6212afda2): that condition is the patch
 * 774a1221e862 (patches.ts), implied by the flag MODULE_SYNC_PF_USED_ASYNC.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import { MODULE } from './common.js';
import { asyncSynchronizeFullStep } from './async.js';
import { busAddDriver } from './driver-attach.js';
import { busRemoveDriver } from './driver-detach.js';

/** do_init_module(m), from load_module; `request`: in the modprobe request_module started, which exits at the end (ModS.umh). */
export function doInitModule(tb: ThreadBuilder, m: number, ret: Ret, request = false): string {
  const k = tb.k, info = k.w.modules[m]!;
  const f = tb.fn('do_init_module', {}, ret);
  let init: string = f.label('module_live');
  for (const drv of [...info.drivers].reverse()) init = busAddDriver(tb, drv, init);
  // early_mod_check and add_unformed_module look the name up under module_mutex
  // (module_patient_check_exists): a module still COMING is waited for (module_wq), then a LIVE
  // one is -EEXIST and a GOING one -EBUSY: modprobe does nothing. Never loaded, or freed by
  // free_module (gone from the list): a new load, which complete_formation makes COMING.
  f.step('load_module', { where: `${MODULE}:load_module, do_init_module (mod->init)`,
    c: ['err = early_mod_check(info, flags);', 'err = add_unformed_module(mod);', 'err = complete_formation(mod, info);', 'return do_init_module(mod);'],
    await: (s) => s.mod[m]!.state !== 'COMING', waits: () => `module_wq (${info.name} is COMING: module_patient_check_exists)`, run: (s, t) => {
    const x = s.mod[m]!;
    if (x.state !== 'UNFORMED' && x.state !== 'FREED') { if (request) x.umh = false; return RETURN; }
    x.state = 'COMING'; x.refcnt = 2;          // MODULE_REF_BASE + the reference init runs under
    t.initOf |= 1 << m;                        // ghost: this thread runs m's init (async.ts)
    return init;
  } });
  // 774a1221e862 (v3.8 .. v5.16) adds `&& (current->flags & PF_USED_ASYNC)`: patches.ts.
  f.step('module_live', { where: `${MODULE}:do_init_module`, since: 'v2.6 .. v3.7, v5.17+ (67d6212afda2)', c: ['mod->state = MODULE_STATE_LIVE;', 'if (!mod->async_probe_requested)'], run: (s, t) => {
    s.mod[m]!.state = 'LIVE';
    t.initOf &= ~(1 << m);                     // m's init has returned
    return s.mod[m]!.asyncProbeRequested ? 'module_put' : 'async_synchronize_full';
  } });
  f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(`${MODULE}:do_init_module`, 'module_put'), c: ['async_synchronize_full();'] });
  // module_put under module_mutex, with the init sections freed by a work item: one atomic step.
  f.step('module_put', { where: `${MODULE}:do_init_module (module_put)`, c: ['mutex_lock(&module_mutex);', 'module_put(mod);@1', 'schedule_work(&init_free_wq);', 'mutex_unlock(&module_mutex);'],
    run: (s) => { const x = s.mod[m]!; x.refcnt--; if (request) x.umh = false; return RETURN; } });
  return f.done();
}

export function deleteModule(tb: ThreadBuilder, m: number, ret: Ret): string {
  const info = tb.k.w.modules[m]!;
  const f = tb.fn('delete_module', {}, ret);
  let exit: string = f.label('async_synchronize_full');
  for (const drv of info.drivers) exit = busRemoveDriver(tb, drv, exit);
  // One atomic step from mutex_lock_interruptible to the success path's mutex_unlock; the error
  // exits (`out:`) release the same lock in the same step (conformance.ts UNCOVERED).
  f.step('try_stop_module', { where: `${MODULE}:delete_module, try_stop_module`, await: (s) => s.moduleMutex === 0,
    c: ['if (mutex_lock_interruptible(&module_mutex) != 0) ... mutex_unlock(&module_mutex);@1'],
    waits: () => 'module_mutex', run: (s) => {
      const x = s.mod[m]!;
      if (x.state !== 'LIVE') return RETURN;  // -EBUSY (or -ENOENT)
      if (x.refcnt !== 1) return RETURN;      // -EWOULDBLOCK
      x.refcnt = 0; x.state = 'GOING';
      return exit;                            // mutex_unlock(&module_mutex); mod->exit()
    } });
  f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(`${MODULE}:delete_module`, 'free_module'), c: ['async_synchronize_full();'] });
  // free_module's two module_mutex regions (and synchronize_rcu, with no RCU reader modelled) in one
  // step: no module_mutex region of the model spans steps, so nothing can run in between. FREED is
  // the C's "no struct module in the list": a later modprobe loads the module again (load_module).
  f.step('free_module', { where: `${MODULE}:free_module`, c: ['delete_module:: free_module(mod);', 'mutex_lock(&module_mutex);@1 ... mutex_unlock(&module_mutex);@2'],
    run: (s) => { s.mod[m]!.state = 'FREED'; return RETURN; } });
  return f.done();
}
