/**
 * Module load and unload (kernel/module/main.c; kernel/module.c before v5.19, MODULE_DIR):
 * do_init_module and delete_module, with the module's init registering its drivers and its exit
 * unregistering them. delete_module's checks
 * (state LIVE, refcount == MODULE_REF_BASE) happen under module_mutex in one step: nothing in
 * between can block. v3.8..v5.16 do_init_module synchronises only if the init task itself used
 * async (PF_USED_ASYNC, 774a1221e862, reverted by 67d6212afda2): that condition is the patch
 * 774a1221e862 (patches.ts), implied by the flag MODULE_SYNC_PF_USED_ASYNC.
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import type { KS } from '../state.js';
import type { Flag } from '../profiles.js';
import { moduleFile, moduleWqSlot, namedMutexWaits } from './common.js';
import { asyncSynchronizeFullStep } from './async.js';
import { busAddDriver } from './driver-attach.js';
import { busRemoveDriver } from './driver-detach.js';

/** do_init_module(m), from load_module; `request`: in the modprobe request_module started, which exits at the end (ModS.umh). */
export function doInitModule(tb: ThreadBuilder, m: number, ret: Ret, request = false): string {
  const k = tb.k, info = k.w.modules[m]!, file = moduleFile(k);
  const f = tb.fn('do_init_module', {}, ret);
  let init: string = f.label('module_live');
  for (const drv of [...info.drivers].reverse()) init = busAddDriver(tb, drv, init);
  // The block starts with load_module's lines: do_init_module's own start is inside that step.
  f.noEntry = "its first step, load_module, runs load_module's lookup and complete_formation and then do_init_module's do_one_initcall(mod->init) in one move; to run your step where do_init_module starts, replace load_module with one that does your work where it goes on to the init ({ ...orig!, run }, after orig!.run returns a label other than RETURN and 'module_wq')";
  // early_mod_check and add_unformed_module look the name up under module_mutex
  // (module_patient_check_exists): a module still COMING (and, v5.3 .. v6.1, GOING) is waited
  // for on module_wq, then a LIVE one is -EEXIST and a GOING one -EBUSY: modprobe does nothing.
  // Never loaded, or freed by free_module (gone from the list): a new load, which
  // complete_formation makes COMING. Before MODULE_LOAD_WAITS a COMING one is -EEXIST at once.
  const slot = moduleWqSlot(k, tb.name), waitsGoing = k.has('MODULE_LOAD_WAITS_GOING');
  // Before do_init_module (v3.6.0, the v3.5 profile's text) the init ran in the init_module
  // syscall itself, which that profile reads for do_init_module (renamed): its failure path, with
  // a module_put of its own, comes before the LIVE state there, not after as in do_init_module.
  const inSyscall = k.renamed.do_init_module === 'init_module';
  f.step('load_module', { where: `${file}:load_module, do_init_module (mod->init)`,
    // early_mod_check (v6.4+) looks the name up first; before it add_unformed_module does (5.10.13 load_module).
    // v3.6.0's load_module sets COMING, then looks the name up and lists the module in one
    // module_mutex region (-EEXIST for a namesake in any state); its caller, the syscall, runs mod->init.
    c: ['err = early_mod_check(info, flags); || err = add_unformed_module(mod); || mutex_lock(&module_mutex);@1 ... mutex_unlock(&module_mutex);@1',
      'err = add_unformed_module(mod); || if (find_module(mod->name)) {', 'err = complete_formation(mod, info); || mod->state = MODULE_STATE_COMING;',
      // Where free_module's window is modelled, the test that makes a load wait for it (v4.19.y, 6cd5513c813e).
      ...(unformedWindow(k) ? ['add_unformed_module:: if (old->state == MODULE_STATE_COMING ... old->state == MODULE_STATE_UNFORMED) {'] : []),
      'return do_init_module(mod); || do_init_module:: ret = do_one_initcall(mod->init);'],
    run: (s, t) => {
    const x = s.mod[m]!;
    // FREEING (listed, UNFORMED: free_module's window, modelled before v5.3 only) is waited for at
    // every version with the wait: COMING or UNFORMED before v5.3, not LIVE v5.3 .. v6.1, COMING or UNFORMED from v6.2.
    if (k.has('MODULE_LOAD_WAITS') && (x.state === 'COMING' || x.state === 'FREEING' || (waitsGoing && x.state === 'GOING'))) { s.moduleWq![slot] = 1; return 'module_wq'; }
    if (x.state !== 'UNFORMED' && x.state !== 'FREED') { if (request) x.umh = false; return RETURN; }
    x.state = 'COMING'; x.refcnt = 2;          // MODULE_REF_BASE + the reference init runs under
    if (k.initStarted) x.initStarted = false;  // ghost: this load's init has started no async entry yet
    t.initOf |= 1 << m;                        // ghost: this thread runs m's init (async.ts)
    return init;
  } });
  // wait_event_interruptible(module_wq, finished_loading(name)): asleep until a wake_up_all of
  // module_wq (the end of any do_init_module; delete_module's end from MODULE_WQ_UNLOAD_WAKE),
  // then the lookup again. Not at LIVE: the loader wakes the queue only after its
  // async_synchronize_full (a source audit, 2026-12-04: the model resumed the waiter at LIVE).
  // The wait needs another thread's load or unload of the module in flight: with none (no other
  // actor's modprobe or rmmod of it, no probe's request_module) it is no news that it never fired
  // (s47: every scenario that loaded a module once warned of it).
  const l = k.loaders?.[m], alone = l !== undefined && !l.requested && [...l.modprobes, ...(l.rmmods ?? [])].every((n) => n === tb.name);
  if (k.has('MODULE_LOAD_WAITS')) f.step('module_wq', { ...(alone ? { cannot: "load_module's wait on module_wq, for a module no other thread loads or unloads (no other actor's modprobe or rmmod of it, no probe's request_module)" } : {}),
    where: `${file}:load_module (${k.has('MODULE_WAIT_ONCE') ? 'module_patient_check_exists' : 'add_unformed_module'}: wait_event_interruptible(module_wq, finished_loading(name)))`,
    since: waitsGoing ? 'v5.3 .. v6.1 (6e6de3dee51a .. 0254127ab977): while COMING or GOING' : 'v3.7: while COMING', c: ['err = add_unformed_module(mod); #part'], await: (s) => s.moduleWq![slot] === 0, waits: () => `module_wq (${info.name} was ${waitsGoing ? 'COMING or GOING' : unformedWindow(k) ? 'COMING, or UNFORMED and still listed (free_module)' : 'COMING'}: a wake_up_all(&module_wq) at the end of a do_init_module${k.has('MODULE_WQ_UNLOAD_WAKE') ? ' or a delete_module' : ''})`,
    // From v6.2 the woken load looks once more and returns (-EEXIST if LIVE, else -EBUSY: "Do not
    // try to load it again right now"); before, it went back to the start (goto again).
    run: (s) => { if (!k.has('MODULE_WAIT_ONCE')) return 'load_module'; if (request) s.mod[m]!.umh = false; return RETURN; } });
  // 774a1221e862 (v3.8 .. v5.16) adds `&& (current->flags & PF_USED_ASYNC)`: patches.ts (the 5.10.13 line, the second anchor).
  // v3.6.0 tests nothing: the comment before its async_synchronize_full says why it always waits.
  f.step('module_live', { where: `${file}:do_init_module`, since: 'v2.6 .. v3.7, v5.17+ (67d6212afda2)', c: ['mod->state = MODULE_STATE_LIVE;', 'if (!mod->async_probe_requested) || if (!mod->async_probe_requested && (current->flags & PF_USED_ASYNC)) || We need to finish all async code before the module init sequence is done'], run: (s, t) => {
    s.mod[m]!.state = 'LIVE';
    t.initOf &= ~(1 << m);                     // m's init has returned
    // The async_probe module parameter came with async probing (ASYNC_PROBE, v4.2): before it
    // the init always ends with async_synchronize_full (a source audit read v3.6.0's sys_init_module).
    return k.has('ASYNC_PROBE') && s.mod[m]!.asyncProbeRequested ? 'module_put' : 'async_synchronize_full';
  } });
  f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(`${file}:do_init_module`, 'module_put'), c: ['async_synchronize_full();'] });
  // module_put under module_mutex, with the init sections freed by a work item (by an RCU callback,
  // call_rcu_sched, in the v4.19 text v5.1 reads; in place, module_free, in v3.6.0's syscall): one
  // atomic step; the freeing is not modelled. The wake of module_wq after it (v3.7 on; v3.6.0 wakes
  // at LIVE, for resolve_symbol_wait's dependency waits) only matters where a load waits for its namesake.
  // module_put and schedule_work under module_mutex (delete_module's check takes it), then the wake:
  // a module_wq sleeper woken re-tests its condition, so one woken late or early sleeps again as before.
  f.step('module_put', { merges: 'module_put(mod) under module_mutex (delete_module\'s check takes it), then wake_up_all(&module_wq), whose sleepers re-test their condition', where: `${file}:do_init_module (module_put)`, c: ['mutex_lock(&module_mutex);', `module_put(mod);@${inSyscall ? 2 : 1}`,
    'schedule_work(&init_free_wq); || call_rcu_sched(&freeinit->rcu, do_free_init); || module_free(mod, mod->module_init);', 'mutex_unlock(&module_mutex);', ...(k.has('MODULE_LOAD_WAITS') ? ['wake_up_all(&module_wq);@1'] : [])],
    run: (s) => { const x = s.mod[m]!; x.refcnt--; if (request) x.umh = false; wakeModuleWq(s); return RETURN; } });
  return f.done();
}

/**
 * Whether free_module's window (the module UNFORMED and still listed, between its two module_mutex
 * regions) is a state of its own: where a load waits for it (MODULE_LOAD_WAITS: add_unformed_module
 * waits for a COMING or UNFORMED namesake, 6cd5513c813e and v4.19.y read) but fails a GOING one at
 * once, so the window is the one place such a load sleeps, with no wake from delete_module
 * (MODULE_WQ_UNLOAD_WAKE is v5.5). From v5.3 (6e6de3dee51a, MODULE_LOAD_WAITS_GOING) the load waits
 * for GOING too, and from v6.2 (MODULE_WAIT_ONCE) a GOING one is -EBUSY where the window gives the
 * same after its wait: there one step stands for both regions. v3.6.0 (v3.5) has one region.
 */
export function unformedWindow(k: { has(f: Flag): boolean }): boolean {
  return k.has('MODULE_LOAD_WAITS') && !k.has('MODULE_LOAD_WAITS_GOING') && !k.has('MODULE_WAIT_ONCE');
}

/** Whether a load of the module may run while `thread` unloads it (an unknown scenario: yes). */
function loadMayMeetUnload(l: { modprobes: readonly string[]; requested: boolean } | undefined, loaded: boolean, thread: string): boolean {
  if (!l || l.requested) return true;
  const others = l.modprobes.filter((n) => n !== thread).length;
  return others >= (loaded || l.modprobes.includes(thread) ? 1 : 2);
}

/** wake_up_all(&module_wq): every sleeper tests finished_loading again. */
function wakeModuleWq(s: KS): void {
  if (s.moduleWq) s.moduleWq.fill(0);
}

export function deleteModule(tb: ThreadBuilder, m: number, ret: Ret): string {
  const info = tb.k.w.modules[m]!, file = moduleFile(tb.k);
  const f = tb.fn('delete_module', {}, ret);
  let exit: string = f.label('async_synchronize_full');
  for (const drv of info.drivers) exit = busRemoveDriver(tb, drv, exit);
  // One atomic step from mutex_lock_interruptible to the success path's mutex_unlock; the error
  // exits (`out:`) release the same lock in the same step (conformance.ts UNCOVERED).
  f.step('try_stop_module', { where: `${file}:delete_module, try_stop_module`, await: (s) => s.moduleMutex === 0,
    c: ['if (mutex_lock_interruptible(&module_mutex) != 0) ... mutex_unlock(&module_mutex);@1'],
    waits: namedMutexWaits('module_mutex'), run: (s) => {
      const x = s.mod[m]!;
      if (x.state !== 'LIVE') return RETURN;  // -EBUSY (or -ENOENT)
      if (x.refcnt !== 1) return RETURN;      // -EWOULDBLOCK
      x.refcnt = 0; x.state = 'GOING';
      return exit;                            // mutex_unlock(&module_mutex); mod->exit()
    } });
  // free_module's window is a step of its own only where a load may run in it: with none it is a
  // state no step reads (an rmmod in it fails -EBUSY, as for GOING), and a step for it only adds
  // states. A load may, where a probe requests the module, or a modprobe of another actor may run
  // after the one that made the module LIVE (loaded at the start, or by this actor: any other's).
  const window = unformedWindow(tb.k) && loadMayMeetUnload(tb.k.loaders?.[m], info.loaded, tb.name);
  f.step('async_synchronize_full', { ...asyncSynchronizeFullStep(`${file}:delete_module`, window ? 'module_unformed' : 'free_module'), c: ['async_synchronize_full();'] });
  // free_module: the first module_mutex region makes the module UNFORMED, still listed "to prevent
  // duplicate loads" (FREEING); the second unlinks it (list_del_rcu, then synchronize_rcu: no RCU
  // reader is modelled), FREED, the C's "no struct module in the list": a later modprobe loads the
  // module again (load_module). From MODULE_WQ_UNLOAD_WAKE delete_module then wakes module_wq.
  // A load between the two regions waits on module_wq (add_unformed_module, COMING or UNFORMED):
  // before v5.3 where it would otherwise fail a GOING module at once (-EEXIST), and before
  // v5.5 nothing in delete_module wakes it. There the two regions are two steps (unformedWindow,
  // where a load may run in between); from v5.3 the load waits for a GOING module as well, so one
  // step loses nothing (merges).
  // v3.6.0's free_module takes module_mutex once, to unlink the module (stop_machine(__unlink_module)).
  const wakes = tb.k.has('MODULE_WQ_UNLOAD_WAKE');
  if (window) {
    f.step('module_unformed', { where: `${file}:free_module`, since: 'v3.8 .. v5.2 (two regions in 6cd5513c813e and v4.19.y, one in v3.6.0; MODULE_STATE_UNFORMED came with 0d21b0e3477 and the lookup that sees it, and waits for COMING or UNFORMED, with 1fb9341ac348 (their commit pages; v3.8 by MODULE_LOAD_WAITS\'s note: x86-8/linux-3.7 has no UNFORMED); the commit that put free_module\'s first region in was not found)',
      c: ['delete_module:: free_module(mod);', 'mutex_lock(&module_mutex);@1 ... mutex_unlock(&module_mutex);@1'],
      run: (s) => { s.mod[m]!.state = 'FREEING'; return 'free_module'; } });
    f.step('free_module', { where: `${file}:free_module`, c: ['mutex_lock(&module_mutex);@2 ... mutex_unlock(&module_mutex);@2'],
      run: (s) => { s.mod[m]!.state = 'FREED'; if (wakes) wakeModuleWq(s); return RETURN; } });
  } else {
    f.step('free_module', { merges: 'free_module\'s two module_mutex regions: a load between them finds the module UNFORMED and still listed and waits on module_wq, as it waits for a GOING one from v5.3 (6e6de3dee51a; mainline: waits, then -EBUSY, as a GOING one is -EBUSY at once); before v5.3 they are two steps (module_unformed) wherever a load may run between them, and one where none may', where: `${file}:free_module`, c: ['delete_module:: free_module(mod);', 'mutex_lock(&module_mutex);@1 ... mutex_unlock(&module_mutex);@2 || mutex_lock(&module_mutex); ... mutex_unlock(&module_mutex);', ...(wakes ? ['delete_module:: wake_up_all(&module_wq);'] : [])],
      run: (s) => { s.mod[m]!.state = 'FREED'; if (wakes) wakeModuleWq(s); return RETURN; } });
  }
  return f.done();
}
