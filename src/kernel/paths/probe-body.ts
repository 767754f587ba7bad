/**
 * What a driver's probe() does besides returning, for the B7 family (kernel/module and async):
 * - workOnCpu: pci_call_probe runs the probe through work_on_cpu(cpu, local_pci_probe) when the
 *   device's NUMA node is known and online (a CPU of that node; the v6.6 text also limits it to
 *   housekeeping CPUs): a kworker runs drv->probe while the caller waits in flush_work. Whatever
 *   the probe does with `current` (PF_USED_ASYNC) happens in the kworker.
 * - asyncScan: scsi_scan_host -> async_schedule(do_scan_async): the scan runs later in an async
 *   entry and registers the devices it finds (device_add, whose probes run in that entry).
 * - requestModule: request_module(m) -> call_usermodehelper(modprobe, UMH_WAIT_PROC): a modprobe
 *   process loads m (do_init_module) and the caller sleeps until it exits.
 * Not the probe's outcome (really-probe.ts) nor child devices registered synchronously.
 *
 * Surprise: with workOnCpu the ghost `probing` names the kworker while it runs drv->probe, and
 * the caller again once flush_work returns (it never drops to 0 in between: one probe, not two).
 */
import { RETURN, type Ret, type ThreadBuilder } from '../emit.js';
import type { KL, KS } from '../state.js';
import { asyncProgram, asyncScheduleStep, initsRunning } from './async.js';
import { deviceAdd } from './device-add.js';
import { moduleWqSlot } from './common.js';

const PCI = 'drivers/pci/pci-driver.c';
const SCSI = 'drivers/scsi/scsi_scan.c';

/** Thread name of the work_on_cpu kworker that runs drv->probe(dev). */
export const workOnCpuThread = (k: { vn(i: number): string; dn(i: number): string }, dev: number, drv: number) => `kworker local_pci_probe(${k.vn(dev)},${k.dn(drv)})`;
/** Thread program of the async scan entry scheduled by drv's probe of dev. */
export const scanProgram = (k: { vn(i: number): string; dn(i: number): string }, dev: number, drv: number) => asyncProgram('do_scan_async', `${k.vn(dev)},${k.dn(drv)}`);
/** Thread name of the modprobe that request_module(m) starts. */
export const requestModprobeThread = (name: string) => `modprobe ${name} (request_module)`;

/** Does drv's probe have a body to model (beyond call_probe / probe_ret)? */
export function hasBody(tb: ThreadBuilder, drv: number): boolean {
  const d = tb.k.w.drivers[drv]!;
  return d.asyncScan !== null || d.requestModule >= 0;
}

/**
 * The body of drv->probe(dev) in this thread: request_module, then scsi_scan_host, before the
 * devices it registers (or request_module after them: requestModuleLast, really-probe.ts).
 * Returns the entry label, or `ret` when there is nothing to do.
 */
export function probeBody(tb: ThreadBuilder, dev: number, drv: number, ret: string): string {
  const info = tb.k.w.drivers[drv]!;
  let next = ret;
  if (info.asyncScan !== null) next = scsiScanHost(tb, dev, drv, next);
  if (info.requestModule >= 0 && !info.requestModuleLast) next = requestModule(tb, drv, info.requestModule, next);
  return next;
}

/**
 * do_scan_async(dev): the scan registers the devices it finds, then returns. In the C,
 * do_scsi_scan_host finds them and scsi_finish_async_scan adds them to sysfs (device_add) under
 * shost->scan_mutex, after the previous host's scan finished: one step here (neither the
 * scan_mutex nor the order between hosts is modelled).
 */
export function doScanAsync(tb: ThreadBuilder, dev: number, drv: number, ret: Ret): string {
  const found = tb.k.w.drivers[drv]!.asyncScan ?? [];
  const f = tb.fn('do_scan_async', { dev }, ret);
  let next: Ret = f.ret;
  for (const c of [...found].reverse()) next = deviceAdd(tb, c, next);
  const first = next;
  f.step('do_scsi_scan_host', { where: `${SCSI}:do_scan_async (do_scsi_scan_host finds the devices; scsi_finish_async_scan -> scsi_sysfs_add_devices -> device_add)`, since: 'v2.6.29 (async scan)',
    c: ['do_scsi_scan_host(shost);', 'scsi_finish_async_scan(data);'],
    run: () => (typeof first === 'string' ? first : RETURN) });
  return f.done();
}

/** scsi_scan_host(shost): queue the async scan (or, when async_schedule cannot allocate, scan here). */
function scsiScanHost(tb: ThreadBuilder, dev: number, drv: number, ret: string): string {
  const k = tb.k;
  const f = tb.fn('scsi_scan_host', { dev }, ret);
  const inline = k.w.syncFallback ? doScanAsync(tb, dev, drv, ret) : ''; // the sync fallback scans here
  f.step('async_schedule', { ...asyncScheduleStep(tb, scanProgram(k, dev, drv), inline, RETURN, `${SCSI}:scsi_scan_host`, 'v2.6.29 (async scan); PF_USED_ASYNC v3.8..v5.16'), c: ['async_schedule(do_scan_async, data);'] });
  return f.done();
}


/** request_module(m): start modprobe (unless one is already running for it) and wait for it to exit. */
export function requestModule(tb: ThreadBuilder, drv: number, m: number, ret: string): string {
  const k = tb.k, name = k.w.modules[m]!.name, thread = requestModprobeThread(name);
  const f = tb.fn('request_module', { drv }, ret);
  // A module already LIVE (or GOING, but v5.3 .. v6.1) is not loaded again: the modprobe started
  // finds it (module_patient_check_exists: -EEXIST for LIVE, -EBUSY for GOING, with no wait) and
  // exits at once, even while the loader's do_init_module is still in async_synchronize_full.
  // (Decided when request_module starts; a source audit found the requester waiting for that
  // loader, a deadlock the kernel cannot reach.) One COMING, or GOING at v5.3 .. v6.1, is waited
  // for on module_wq by the modprobe (module.ts); kmod's modprobe loads any module not LIVE.
  // __request_module first does WARN_ON_ONCE(wait && current_is_async()) (0fdff3ec6d87, v3.8: kernel/kmod.c,
  // kept in kernel/ at torvalds@e9331ee9b164, kernel/module/kmod.c at torvalds@25a1b5b518f4 and
  // torvalds@ac4890f97211, read by no profile): request_module waits, so from an async probe or scan
  // it WARNs. The property no-sync-request-in-async judges an async thread at this first step
  // (test/kernel/kmod.test.ts).
  const going = k.has('MODULE_LOAD_WAITS_GOING'), slot = moduleWqSlot(k, thread);
  // The usermode-helper code is kernel/umh.c from UMH_FILE (v4.14), kernel/kmod.c before (v3.6.0 read).
  const umh = k.has('UMH_FILE') ? 'kernel/umh.c' : 'kernel/kmod.c';
  f.step('call_usermodehelper_exec', { where: `kernel/kmod.c:__request_module -> ${umh}:call_usermodehelper_exec (modprobe ${name}, UMH_WAIT_PROC)`, since: 'v2.6',
    run: (s, _t, _b, ctx) => {
      const st = s.mod[m]!.state;
      if (st === 'LIVE' || (st === 'GOING' && !going)) return RETURN;
      if (ctx.canSpawn(thread)) { ctx.spawn(thread); s.mod[m]!.umh = true; return 'wait_for_completion'; }
      // A modprobe for m already runs. __request_module starts one per call (kmod.c call_modprobe);
      // the model's one thread per module stands for both, and waiting for it is waiting for the
      // second, except where the second would end sooner (a module hunt, 2026-12-04, found both):
      // before MODULE_LOAD_WAITS it fails a COMING module at once (-EEXIST); and with the first
      // asleep on module_wq for a module since freed, the second loads it, and the wake_up_all at
      // the end of its do_init_module frees the first: the first is woken now and loads it itself.
      if (st === 'COMING' && !k.has('MODULE_LOAD_WAITS')) return RETURN;
      if (s.moduleWq![slot] === 1 && (st === 'FREED' || st === 'UNFORMED')) s.moduleWq![slot] = 0;
      return 'wait_for_completion';
    } });
  f.step('wait_for_completion', { where: `${umh}:call_usermodehelper_exec (wait_for_completion: modprobe exits)`, since: 'v2.6',
    // Until the modprobe process exits (ModS.umh, cleared as its thread ends), whatever becomes of
    // the module after: with UMH_WAIT_PROC the worker's call_usermodehelper_exec_sync completes the
    // caller's `done` after kernel_wait(pid) (kernel/umh.c, kept in kernel/ at torvalds@037dd1308c6d,
    // read by no profile). An rmmod may free the module before this waiter runs (a hunt,
    // 2026-12-04: waiting for the module's state instead, the requester hung once it was freed).
    await: (s) => !s.mod[m]!.umh, waits: () => `${thread} to exit (do_init_module(${name}))`, run: () => RETURN });
  return f.done();
}

/**
 * The work_on_cpu kworker: local_pci_probe runs drv->probe(dev) (its body), then work_for_cpu_fn
 * completes the work and the caller's flush_work returns. Built as its own thread.
 */
export function localPciProbe(tb: ThreadBuilder, dev: number, drv: number): string {
  const me = tb.owner;
  const f = tb.fn('local_pci_probe', { dev, drv }, null);
  const body = probeBody(tb, dev, drv, f.label('work_for_cpu_fn'));
  // The v3.6.0 text (v3.5, v3.14) calls it through ddi without the locals the later texts take.
  f.step('pci_drv_probe', { where: `${PCI}:local_pci_probe (pci_drv->probe)`, since: 'v2.6.29 (work_on_cpu in pci_call_probe)', c: ['rc = pci_drv->probe(pci_dev, ddi->id); || rc = ddi->drv->probe(ddi->dev, ddi->id);'],
    run: (s) => { s.dev[dev]!.probing = me; return body; } });
  f.step('work_for_cpu_fn', { where: 'kernel/workqueue.c:work_for_cpu_fn (wfc->ret = fn(arg)); the work item completes', c: ['wfc->ret = wfc->fn(wfc->arg);'], run: (s) => { s.dev[dev]!.work = 'done'; return RETURN; } });
  return f.done();
}

/** The caller's side of work_on_cpu: schedule_work_on, then flush_work. Returns the entry label. */
export function workOnCpu(tb: ThreadBuilder, dev: number, drv: number, ret: string): string {
  const k = tb.k, me = tb.owner, thread = workOnCpuThread(k, dev, drv);
  const f = tb.fn('pci_call_probe', { dev, drv }, ret);
  f.step('work_on_cpu', { where: `${PCI}:pci_call_probe -> kernel/workqueue.c:work_on_cpu (schedule_work_on)`, since: 'v2.6.29 (work_on_cpu in pci_call_probe)', c: ['error = work_on_cpu(cpu, local_pci_probe, &ddi);'],
    // The kworker runs for whatever init this thread runs (async.ts: its async work is that init's).
    run: (s, t, _b, ctx) => { s.dev[dev]!.work = 'running'; const inits = initsRunning(s, t); ctx.spawn(thread, inits ? (l: KL) => { l.initOf = inits; } : undefined); return 'flush_work'; } });
  f.step('flush_work', { where: 'kernel/workqueue.c:work_on_cpu (flush_work)', since: 'v2.6.29', c: ['flush_work(&wfc.work);'],
    await: (s) => s.dev[dev]!.work === 'done', waits: () => `flush_work(local_pci_probe(${k.vn(dev)})) in ${thread}`,
    run: (s) => { const d = s.dev[dev]!; d.work = 'none'; d.probing = me; return RETURN; } });
  return f.done();
}
