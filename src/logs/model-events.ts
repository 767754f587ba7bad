/**
 * What the kernel would print for one step of a kernel model: the driver-core debug lines
 * (formats.ts) the C that the step models prints, read from the step's label and from the state
 * before and after it. This is the map between a logged event and model steps that `validate`
 * searches with and that `printRun` prints a model run with.
 *
 * Placement, where the C prints inside code one step covers: "Requests probe deferral", "probe
 * of ... failed" and initcall_debug's "probe of X returned" come at really_probe's error path
 * (after devres released the children probe() registered), "bound device" after driver_bound's
 * last step, "Added to/Removed from deferred list" at the step that changes the list.
 */
import type { Kernel } from '../kernel/emit.js';
import type { Flag } from '../kernel/profiles.js';
import { pendingLabel, pendingRank } from '../kernel/paths/late-initcall.js';
import { deferredList } from '../kernel/paths/klist.js';
import { excerptsOf } from '../kernel/source.js';
import type { KL, KS } from '../kernel/state.js';
import { RET, type World } from '../kernel/world.js';
import type { ModelKind } from './formats.js';

export type ProbeOutcome = 'ok' | 'defer' | 'error';

/**
 * `ret`, for `returned`: what really_probe returns, as initcall_debug prints it. Before 5.14 (the
 * layout with probe_count in really_probe) 1 when bound and 0 otherwise ("ignore errors returned
 * by ->probe", v4.5 dd.c:244); since, 0 when bound and probe()'s error (-517 for -EPROBE_DEFER).
 */
export interface ModelEvent { kind: ModelKind; dev?: string; drv?: string; bus?: string; ret?: number; module?: string; /** The C function that prints it (`__func__`), where the format has one. */ fn?: string }

/** `really_probe(dc,dc-drv)#2:call_probe` -> function, arguments, local label. */
export function parseLabel(label: string): { fn: string; args: string[]; local: string } | null {
  const m = /^([A-Za-z_]\w*)(?:\(([^)]*)\))?(?:#\d+)?:(.+)$/.exec(label);
  if (!m) return null;
  return { fn: m[1]!, args: m[2] ? m[2].split(',') : [], local: m[3]! };
}

export interface StepInfo {
  label: string;
  before: KS;
  after: KS;
  /** The moving thread's locals before the step. */
  locals: KL;
  /** The thread's label after the step (null: it ended). */
  next: string | null;
  /** Does the moving thread's program have this step? */
  has: (label: string) => boolean;
}

/**
 * Whether the profile's dd.c prints initcall_debug's "probe of X returned N" (really_probe_debug)
 * and how: `old` (really_probe returns 1 when bound, else 0), `negative` (0 when bound, else
 * probe()'s error), `positive` (the error negated: "Return probe errors as positive values", as
 * at 5a7a9efdb193); `none` when its dd.c has no really_probe_debug (v4.5's), `unknown` when the
 * profile reads no dd.c.
 */
export type ReturnedForm = 'old' | 'negative' | 'positive' | 'none' | 'unknown';

/** `busyCheck`: the kernel has PROBE_BUSY_CHECK (45ddcb42949f, v5.14: "matched device" is printed by __driver_probe_device). */
/** `devPrintk`: its dd.c prints the matched/probing/bound lines with dev_dbg (the device in the prefix, v6.12 on); undefined where no dd.c is read. */
/** `has`: the model's flags (patches included), what a stable kernel's backports are weighed against (release.ts). */
export interface LogKernel { w: World; returned: ReturnedForm; profile: string; dd?: string; busyCheck: boolean; devPrintk?: boolean; has: (f: Flag) => boolean }

export function logKernel(k: Kernel): LogKernel {
  const dd = k.sources['drivers/base/dd.c'];
  const base = { w: k.w, profile: k.profile, busyCheck: k.has('PROBE_BUSY_CHECK'), has: (f: Flag) => k.has(f) };
  if (dd === undefined) return { ...base, returned: 'unknown' };
  const fns = [...(excerptsOf(dd, 'drivers/base/dd.c')?.values() ?? [])];
  const probing = fns.find((f) => f.fn === 'really_probe')?.lines.find((l) => l.includes('probing driver %s with device'));
  const devPrintk = probing === undefined ? undefined : probing.includes('with device\\n');
  const withForm = devPrintk === undefined ? base : { ...base, devPrintk };
  if (!fns.some((f) => f.lines.some((l) => l.includes('really_probe_debug(dev, drv);')))) return { ...withForm, returned: 'none', dd };
  const positive = fns.find((f) => f.fn === 'really_probe')?.lines.some((l) => l.trim() === 'ret = -ret;') ?? false;
  return { ...withForm, dd, returned: k.has('PROBE_BUSY_CHECK') ? (positive ? 'positive' : 'negative') : 'old' };
}

export function stepEvents(lk: LogKernel, s: StepInfo): ModelEvent[] {
  const w = lk.w, out: ModelEvent[] = [];
  const sign = lk.returned === 'positive' ? 1 : -1, prints = lk.returned !== 'none' && lk.returned !== 'unknown';
  const l = parseLabel(s.label);
  const devIdx = (name: string | undefined) => (name === undefined ? -1 : w.devices.findIndex((d) => d.name === name));
  const busOf = (d: number) => w.buses[w.devices[d]!.bus]!.name;
  const busOfDrv = (name: string) => w.buses[w.drivers.find((x) => x.name === name)?.bus ?? 0]!.name;
  if (l) {
    const { fn, args, local } = l;
    const d = devIdx(args[0]), dev = args[0], drv = args[1];
    const outcome = (r: number): ProbeOutcome | undefined => (r === RET.BOUND ? 'ok' : r === RET.EPROBE_DEFER ? 'defer' : r === RET.EIO ? 'error' : undefined);
    switch (fn) {
      case 'device_add':
        if (local === 'bus_add_device' && d >= 0 && !s.before.dev[d]!.registered) out.push({ kind: 'device_add', dev }, { kind: 'bus_add_device', dev, bus: busOf(d) });
        break;
      case 'device_del':
        if (local === 'bus_remove_device' && d >= 0) out.push({ kind: 'bus_remove_device', dev, bus: busOf(d) });
        break;
      case 'bus_add_driver': {
        const first = s.has(s.label.replace(/:[^:]+$/, ':kobject_init_and_add')) ? 'kobject_init_and_add' : 'klist_add_tail';
        if (local === first && args[0]) out.push({ kind: 'bus_add_driver', drv: args[0], bus: busOfDrv(args[0]) });
        break;
      }
      case 'bus_remove_driver':
        if (local === 'remove_bind_files' && args[0]) out.push({ kind: 'bus_remove_driver', drv: args[0], bus: busOfDrv(args[0]) });
        break;
      case 'driver_probe_device': case '__driver_probe_device':
        // The C prints __func__: __driver_probe_device's from 45ddcb42949f (v5.14) on, whatever the model's step is called (release.ts).
        if (local === 'check' && s.next?.startsWith('really_probe(')) out.push({ kind: 'matched', dev, drv, bus: busOf(d), fn: lk.busyCheck ? '__driver_probe_device' : 'driver_probe_device' });
        break;
      case 'really_probe': {
        const newLayout = !s.has(s.label.replace(/:[^:]+$/, ':done'));
        if (local === 'call_probe' && d >= 0 && s.after.dev[d]!.probing !== 0 && s.before.dev[d]!.probing === 0) out.push({ kind: 'probing', dev, drv, bus: busOf(d) });
        // device_links_check_suppliers deferred before the probe started: really_probe returns its
        // -EPROBE_DEFER as is, before the "probing driver" line, and initcall_debug prints it, negative
        // in every layout (dd.c at torvalds@f8fb576658a3:619-621, 5.10.13:512-516).
        else if (local === 'call_probe' && d >= 0 && s.after.dev[d]!.probing === 0 && s.before.dev[d]!.probing === 0 && prints) out.push({ kind: 'returned', dev, drv, ret: -517 });
        else if (local === 'probe_failed') {
          const o = outcome(s.locals.ret);
          if (o === 'defer') out.push({ kind: 'defer', dev, drv });
          if (o === 'error') out.push({ kind: 'error', dev, drv });
          if (o && newLayout && prints) out.push({ kind: 'returned', dev, drv, ret: sign * (o === 'defer' ? 517 : 5) });
        } else if (local === 'driver_bound') out.push({ kind: 'bound_to', dev, drv });
        else if (local === 'driver_deferred_probe_trigger') {
          // The same step re-triggers on the deferral path before v5.14 (driver_deferred_probe_add_trigger):
          // "bound device" is printed on the success path only.
          if (s.locals.ret !== RET.EPROBE_DEFER && s.locals.ret !== RET.LINK_DEFER) {
            out.push({ kind: 'bound', dev, drv, bus: busOf(d) });
            if (newLayout && prints) out.push({ kind: 'returned', dev, drv, ret: 0 });
          }
        } else if (local === 'done') {
          if (outcome(s.locals.ret) && prints) out.push({ kind: 'returned', dev, drv, ret: s.locals.ret === RET.BOUND ? 1 : 0 });
        }
        break;
      }
      case '__device_attach':
        if (local === 'async_schedule') out.push({ kind: 'async_scheduled', dev });
        break;
      case '__device_attach_async_helper':
        if (local === 'out_unlock') out.push({ kind: 'async_done', dev });
        break;
      case '__driver_attach':
        if (local === 'async_schedule_dev') out.push({ kind: 'drv_async', dev, drv });
        break;
      case '__driver_attach_async_helper':
        if (local === 'device_unlock') out.push({ kind: 'drv_async_done', dev });
        break;
      case 'deferred_probe_initcall':
        // do_one_initcall's initcall_debug lines: "calling" before its first step, "initcall ... returned" after its last.
        if (local === 'driver_deferred_probe_enable') out.push({ kind: 'late_initcall' });
        if (!s.next?.startsWith('deferred_probe_initcall:')) out.push({ kind: 'late_initcall_done' });
        break;
      case 'deferred_probe_timeout_work_func': {
        // dev_info (dev_warn with the reason at efb0b309fa0d and later) for each device on the pending list, in list order (deferRank).
        // Where the walk has a step per entry (late-initcall.ts), the r-th step prints the r-th entry,
        // and the last such label whatever is left; a walk of one step prints the list as it starts.
        const r = pendingRank(local);
        if (r === 0) break;
        const list = deferredList(s.before, 'pending');
        const last = !s.has(s.label.slice(0, s.label.length - local.length) + pendingLabel(r + 1));
        for (const i of list.slice(r - 1, last ? undefined : r)) out.push({ kind: 'pending', dev: w.devices[i]!.name });
        break;
      }
    }
  }
  // A module's init (initcall_debug): do_one_initcall(mod->init) runs while the module is COMING.
  w.modules.forEach((m, i) => {
    const a = s.before.mod[i]!.state, b = s.after.mod[i]!.state;
    if ((a === 'UNFORMED' || a === 'FREED') && b === 'COMING') out.unshift({ kind: 'module_init', module: m.name });
    else if (a === 'COMING' && b === 'LIVE') out.unshift({ kind: 'module_init_done', module: m.name });
  });
  // The deferred lists, from the state: only a change of list prints.
  const worker = l?.fn === 'deferred_probe_work_func';
  w.devices.forEach((x, i) => {
    const a = s.before.dev[i]!.deferred, b = s.after.dev[i]!.deferred;
    if (a === 'none' && b === 'pending') out.push({ kind: 'deferred_add', dev: x.name });
    else if (a !== 'none' && b === 'none') out.push({ kind: worker ? 'retry' : 'deferred_del', dev: x.name });
  });
  // Up to v5.13 really_probe's own `if (defer_all_probes)` step returns its -EPROBE_DEFER, which
  // initcall_debug prints after driver_deferred_probe_add's line (dd.c@376991db4b64:456-463, 598-600).
  const dev = l?.args[0], d = w.devices.findIndex((x) => x.name === dev);
  if (l?.fn === 'really_probe' && l.local === 'defer_all_probes' && d >= 0 && s.before.deferAllProbes === true && prints) out.push({ kind: 'returned', dev, drv: l.args[1], ret: -517 });
  return out;
}

/** One model event as the kernel prints it (mainline's formats; `owner` is dev_driver_string). */
export function renderEvent(e: ModelEvent, owner: string, pid = 1, devForm = false): string {
  const bus = e.bus ?? 'platform';
  // v6.12's dd.c prints these with dev_dbg: the device (and its driver, once bound) in the prefix.
  if (devForm) {
    switch (e.kind) {
      case 'matched': return `${owner} ${e.dev}: bus: '${bus}': ${e.fn ?? '__driver_probe_device'}: matched device with driver ${e.drv}`;
      case 'probing': return `${owner} ${e.dev}: bus: '${bus}': really_probe: probing driver ${e.drv} with device`;
      case 'bound_to': return `${e.drv} ${e.dev}: driver: '${e.drv}': driver_bound: bound to device`;
      case 'bound': return `${e.drv} ${e.dev}: bus: '${bus}': really_probe: bound device to driver ${e.drv}`;
      case 'error': return `${e.drv} ${e.dev}: probe with driver ${e.drv} failed with error -5`;
    }
  }
  switch (e.kind) {
    case 'device_add': return `device: '${e.dev}': device_add`;
    case 'bus_add_device': return `bus: '${bus}': add device ${e.dev}`;
    case 'bus_remove_device': return `bus: '${bus}': remove device ${e.dev}`;
    case 'bus_add_driver': return `bus: '${bus}': add driver ${e.drv}`;
    case 'bus_remove_driver': return `bus: '${bus}': remove driver ${e.drv}`;
    case 'matched': return `bus: '${bus}': ${e.fn ?? '__driver_probe_device'}: matched device ${e.dev} with driver ${e.drv}`;
    case 'probing': return `bus: '${bus}': really_probe: probing driver ${e.drv} with device ${e.dev}`;
    case 'bound_to': return `driver: '${e.drv}': driver_bound: bound to device '${e.dev}'`;
    case 'bound': return `bus: '${bus}': really_probe: bound device ${e.dev} to driver ${e.drv}`;
    case 'error': return `${e.drv}: probe of ${e.dev} failed with error -5`;
    case 'returned': return `probe of ${e.dev} returned ${e.ret} after 10 usecs`;
    case 'defer': return `${owner} ${e.dev}: Driver ${e.drv} requests probe deferral`;
    case 'deferred_add': return `${owner} ${e.dev}: Added to deferred list`;
    case 'deferred_del': return `${owner} ${e.dev}: Removed from deferred list`;
    case 'retry': return `${owner} ${e.dev}: Retrying from deferred list`;
    case 'async_scheduled': return `${owner} ${e.dev}: scheduling asynchronous probe`;
    case 'async_done': return `${owner} ${e.dev}: async probe completed`;
    case 'drv_async': return `${owner} ${e.dev}: probing driver ${e.drv} asynchronously`;
    case 'drv_async_done': return `${owner} ${e.dev}: driver ${e.drv ?? '?'} async attach completed: 0`;
    case 'module_init': return `calling  ${e.module}_init+0x0/0x1000 [${e.module}] @ ${pid}`;
    case 'module_init_done': return `initcall ${e.module}_init+0x0/0x1000 [${e.module}] returned 0 after 10 usecs`;
    case 'pending': return `${owner} ${e.dev}: deferred probe pending`;
    case 'late_initcall': return `calling  deferred_probe_initcall+0x0/0x90 @ ${pid}`;
    case 'late_initcall_done': return 'initcall deferred_probe_initcall+0x0/0x90 returned 0 after 10 usecs';
  }
}
