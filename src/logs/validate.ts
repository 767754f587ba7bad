/**
 * Trace validation: is a logged order of driver-core events a behaviour of the model? A
 * breadth-first search over (model state, index into the log's checked events): a step whose
 * printed events (model-events.ts) are of a kind the log holds may fire only when they are the
 * next logged events, in order; steps that print nothing the log records are free. The log is a
 * behaviour when some run consumes every checked event; otherwise the answer is the longest
 * prefix some run matches, the first event no run can produce there, and what the model could
 * print instead.
 *
 * A log is a prefix of a run (the boot goes on after the capture), so the run need not end there.
 * Events about devices or drivers the scenario lacks, and lines the model prints nothing for
 * (formats.ts `model: null`), are not checked; the result counts them. But a probe line of a
 * scenario device by a driver the scenario lacks (`guards`) is about that device: no model step
 * prints it, but the kernel prints it only while the device is registered and has no driver
 * (__driver_probe_device returns -EBUSY before "matched" when dev->driver is set: dd.c at
 * torvalds@f8fb576658a3:778-784), so it is checked as that: a run passes it only in a state where
 * the device is so (a log hunt, 2026-12-05: a bound device matched, probed and bound again by
 * another driver was set aside and the log passed).
 */
import { compile } from '../engine/compile.js';
import { ProbecheckError } from '../engine/errors.js';
import { fp } from '../engine/hash.js';
import type { Model, Move } from '../engine/model.js';
import { makeBackend } from '../engine/check.js';
import type { Backend } from '../engine/state/backend.js';
import { actionCode, codeBranch, codeThread } from '../engine/trace.js';
import { BOOT_ORDER, chosenOrder } from '../kernel/boot-order.js';
import type { Kernel } from '../kernel/emit.js';
import type { KS } from '../kernel/state.js';
import type { ModelKind } from './formats.js';
import { logKernel, renderEvent, stepEvents, type LogKernel, type ModelEvent } from './model-events.js';
import { oneWord, type LogEvent, type ParsedLog } from './parse.js';
import { kernelWarnings } from './release.js';
import { keyByBus, plainName, unkeyed } from './bus-keyed.js';
import { describeUnreadSupplier, supplierDeferral, unreadSupplier } from './supplier-deferral.js';

const KERNEL = Symbol.for('probecheck.kernel');

/** What the log reader needs of the kernel a scenario model was built for (E601 for a model that is not one). */
export function kernelOf(m: Model): LogKernel {
  const kc = (m as unknown as { [KERNEL]?: { k: Kernel } })[KERNEL];
  if (!kc) throw new ProbecheckError('E601', `model ${m.name} is not a kernel scenario (scenario({...})): a log can only be checked against one`);
  return logKernel(kc.k);
}

/**
 * Return values initcall_debug's `probe of X returned N` tells apart (517: -EPROBE_DEFER, printed
 * with either sign). From the v5.14 layout really_probe returns probe()'s deferral as 517 (`ret =
 * -ret;`, dd.c at torvalds@f8fb576658a3:669-673) and its own as -517: before the "probing driver"
 * line (defer_all_probes, 609-617; device_links_check_suppliers, 619-621) or after it
 * (pinctrl_bind_pins, dma_configure, 634-642), so a -517 after a probing line is an order the
 * kernel prints. The model prints probe()'s deferral with its layout's sign and
 * device_links_check_suppliers' as -517 (model-events.ts), and has no pinctrl or IOMMU deferral:
 * either sign matches a deferral.
 */
export const retClass = (ret: number): string => (ret === 0 || ret === 1 ? String(ret) : Math.abs(ret) === 517 ? 'defer' : 'error');

/** Kinds of a probe's lines: one of them by a driver the scenario lacks is checked as its device registered and without a driver (a guard). */
const GUARDED = new Set<ModelKind>(['matched', 'probing', 'bound', 'bound_to', 'defer', 'error']);

/** Does a model event print this logged line? */
export function matches(log: LogEvent, m: ModelEvent): boolean {
  if (log.rule.model !== m.kind) return false;
  if (m.kind === 'bound_to') {
    // v3.6.0 prints the two names the other way round: either order.
    // The device's place holds v3.x's driver name, which may hold spaces (oneWord, as its other lines read).
    const a = [log.dev === undefined ? undefined : oneWord(log.dev), log.drv].sort().join('\0'), b = [m.dev, m.drv].sort().join('\0');
    return a === b;
  }
  if (m.dev !== undefined && log.dev !== undefined && m.dev !== log.dev) return false;
  if (m.drv !== undefined && log.drv !== undefined && m.drv !== log.drv) return false;
  if (m.module !== undefined && m.module !== log.module) return false;
  if (m.kind === 'returned' && log.ret !== undefined && m.ret !== undefined && retClass(log.ret) !== retClass(m.ret)) return false;
  return true;
}

export interface MatchedStep { move: Move; step: number; events: { kind: ModelKind; line?: number }[] }

export interface ValidateResult {
  model: string;
  /** Checked events that name a scenario device and a driver it lacks: checked only as the device registered and without a driver, with that driver. */
  guards: { event: LogEvent; driver: string }[];
  params: Record<string, string | number>;
  /** Events checked against the model, in log order. */
  checked: LogEvent[];
  /** Events not checked: the model prints nothing for them, or they name what the scenario lacks. */
  unchecked: { event: LogEvent; why: string; /** What the scenario lacks that the line names. */ missing?: { kind: 'device' | 'driver' | 'module'; name: string } }[];
  unknownLines: number;
  /** Unread lines that hold a driver-core line behind an unknown prefix (parse.ts). */
  prefixed?: ParsedLog['prefixed'];
  /** Lines read joined with the next (wrapped), and lines that look cut (parse.ts). */
  wrapped?: ParsedLog['wrapped'];
  /** Where a second boot seems to start (parse.ts). */
  reboot?: ParsedLog['reboot'];
  cut?: ParsedLog['cut'];
  lastCut?: ParsedLog['lastCut'];
  unordered?: ParsedLog['unordered'];
  nul?: ParsedLog['nul'];
  qp?: ParsedLog['qp'];
  short?: ParsedLog['short'];
  variant?: ParsedLog['variant'];
  /** The log's lines of device_links_check_suppliers' deferral (supplier-deferral.ts), in words: a log of them alone has nothing the model prints, and they say why. */
  supplier?: string;
  /** Lines that read as that deferral in a form not read as it (supplier-deferral.ts unreadSupplier), in words. */
  supplierUnread?: string;
  /** What the log says of its kernel that the model's profile is not (release.ts): warned, not refused. */
  warnings: string[];
  verdict: 'behaviour' | 'not-a-behaviour' | 'nothing-to-check' | 'limit';
  /** How many checked events the best run matched. */
  matched: number;
  /** A run matching `matched` events: every step, with the logged events it printed. */
  run: MatchedStep[];
  /** At the first unmatched event: how many states were reachable, and what they could print instead. */
  statesBefore: number;
  couldPrint: string[];
  /** The same, each as the line the kernel would log (the numbers the model does not know left out). */
  couldPrintLines: string[];
  /** Those states, as the devices, drivers and modules stand in them (distinct, at most 6). */
  stateSummaries: string[];
  /**
   * The pending list's order at the start in `run` (its first steps choose it, boot-order.ts), and
   * the same devices as declared: only where the scenario has that choice and the run made it.
   */
  startOrder?: { order: string[]; declared: string[] };
  states: number;
  seconds: number;
}

function modelKindsOf(log: LogEvent[]): Set<ModelKind> {
  return new Set(log.map((e) => e.rule.model).filter((k): k is ModelKind => k !== null));
}

/** The model event in words, for "could print instead". */
export function describeEvent(m: ModelEvent): string {
  return `${m.kind}${m.dev !== undefined ? ` ${m.dev}` : ''}${m.drv !== undefined ? ` ${m.drv}` : ''}${m.ret !== undefined ? ` ${m.ret}` : ''}${m.module !== undefined ? ` ${m.module}` : ''}`;
}

/**
 * A model event as the line the log would show, for "could print instead": renderEvent's line
 * (the dev_printk owner as the bus name, as printRun prints it), without what the model does not
 * know: the usecs, the error number, an initcall's symbol offsets and pid. `withDriver`: the log
 * prints initcall_debug's return naming the driver ("probe of X with driver D returned", formats.ts).
 */
export function hintLine(m: ModelEvent, w: LogKernel['w'], devForm = false, withDriver = false): string {
  const bus = w.buses[w.devices.find((d) => d.name === m.dev)?.bus ?? 0]?.name ?? 'platform';
  // A log whose dd.c lines carry the device in the dev_printk prefix (v6.12 and later) gets them so.
  if (devForm && m.kind === 'error') return `${m.drv} ${m.dev}: probe with driver ${m.drv} failed with error ...`;
  if (devForm && ['matched', 'probing', 'bound_to', 'bound'].includes(m.kind)) return renderEvent(m, bus, 1, true);
  switch (m.kind) {
    case 'returned': return withDriver && m.drv !== undefined ? `probe of ${m.dev} with driver ${m.drv} returned ${m.ret}` : `probe of ${m.dev} returned ${m.ret}`;
    case 'error': return `${m.drv}: probe of ${m.dev} failed with error ...`;
    case 'module_init': return `calling  ...[${m.module}]`;
    case 'module_init_done': return `initcall ...[${m.module}] returned ...`;
    case 'late_initcall': return 'calling  deferred_probe_initcall...';
    case 'late_initcall_done': return 'initcall deferred_probe_initcall... returned ...';
    case 'drv_async_done': return `${bus} ${m.dev}: driver ${m.drv ?? '?'} async attach completed: ...`;
    default: return renderEvent(m, bus);
  }
}

/** Events of one move of `be`'s current state, already stepped into next. */
function eventsOf(be: Backend, w: LogKernel, k: number): ModelEvent[] {
  const th = be.c.threads[k]!;
  const pc = be.pc(k);
  const label = th.steps[pc - 1]!.label;
  const nextLabel = be.nextQ().at(th.name);
  return stepEvents(w, { label, before: be.curG(), after: be.nextG(), locals: be.curLocals(k), next: nextLabel, has: (l) => th.pcOf.has(l) });
}

/**
 * `excerpt`: the log is a piece of a run (a bug report's excerpt): before its first checked line
 * is matched every step is free, whatever it prints.
 */
export function validate(model: Model, log0: ParsedLog, o: { maxStates?: number; excerpt?: boolean } = {}): ValidateResult {
  const t0 = performance.now();
  const w = kernelOf(model);
  const lateRuns = model.threads.some((t) => Object.keys(t.steps).some((l) => l.startsWith('deferred_probe_initcall:')));
  const devs = new Set(w.w.devices.map((d) => d.name)), drvs = new Set(w.w.drivers.map((d) => d.name)), mods = new Set(w.w.modules.map((m) => m.name));
  const checked: LogEvent[] = [], unchecked: ValidateResult['unchecked'] = [];
  // Drivers the scenario keys by bus (`wm8731@i2c`, as from-log writes two drivers of one name): the
  // log's lines of that name read as the one of their bus (bus-keyed.ts); a line of neither is not checked.
  const split = new Set(w.w.drivers.flatMap((d) => {
    const u = unkeyed(d.name);
    return u && w.w.buses.some((b) => b.name === u.bus) && !drvs.has(u.name) ? [u.name] : [];
  }));
  const keyed = split.size ? keyByBus(log0, split, new Map(w.w.devices.map((d) => [d.name, w.w.buses[d.bus]!.name]))) : undefined, log = keyed?.log ?? log0;
  for (const u of keyed?.unresolved ?? []) unchecked.push({ event: u.event, why: `it names driver ${u.drv}, which the scenario has on two buses, and neither the bus nor a device of one bus` });
  const guards = new Map<LogEvent, number>();
  for (const e of log.events) {
    if (e.rule.model !== null && GUARDED.has(e.rule.model) && e.dev !== undefined && devs.has(e.dev) && e.drv !== undefined && !drvs.has(e.drv) && e.namesake === undefined) {
      guards.set(e, w.w.devices.findIndex((d) => d.name === e.dev));
      checked.push(e);
    } else if (e.rule.model === null) unchecked.push({ event: e, why: 'the model prints no such line' });
    else if ((e.rule.model === 'late_initcall' || e.rule.model === 'late_initcall_done') && !lateRuns) unchecked.push({ event: e, why: "the scenario has no 'deferred_probe_initcall' action" });
    else if ((e.rule.model === 'module_init' || e.rule.model === 'module_init_done') && !mods.has(e.module ?? '')) unchecked.push({ event: e, why: e.module ? `module ${e.module} is not in the scenario` : 'a built-in initcall', ...(e.module ? { missing: { kind: 'module' as const, name: e.module } } : {}) });
    else if (e.dev !== undefined && !devs.has(e.dev) && !(e.rule.model === 'bound_to' && devs.has(e.drv ?? ''))) unchecked.push({ event: e, why: `device ${e.dev} is not in the scenario`, missing: { kind: 'device', name: e.dev } });
    else if (e.drv !== undefined && !drvs.has(e.drv) && !(e.rule.model === 'bound_to' && drvs.has(oneWord(e.dev ?? '')))) unchecked.push({ event: e, why: `driver ${e.drv} is not in the scenario`, missing: { kind: 'driver', name: e.drv } });
    else if (e.inProbe) unchecked.push({ event: e, why: 'a device_add of a name whose device was being probed then (another device of that name: a class device)' });
    else if (e.namesake !== undefined) unchecked.push({ event: e, why: 'a device_add of a name added before and not removed (a class device of the same name: SCSI, bsg)' });
    else if (e.rule.model === 'returned' && (w.returned === 'none' || w.returned === 'unknown')) unchecked.push({ event: e, why: w.returned === 'none' ? `the dd.c profile ${w.profile} reads (${w.dd}) has no really_probe_debug` : `profile ${w.profile} reads no dd.c: whether it prints this is not known` });
    else checked.push(e);
  }
  // A guard's kind is not a kind the log records for the scenario's drivers: their lines are what the kinds say.
  const kinds = modelKindsOf(checked.filter((e) => !guards.has(e)));
  /** Past the guards at `j` that state `g` satisfies: the device registered, no driver. */
  const pastGuards = (j: number, g: KS) => {
    for (let d = guards.get(checked[j]!); j < checked.length && d !== undefined; d = guards.get(checked[++j]!)) {
      const x = g.dev[d]!;
      if (!x.registered || x.driver !== 0 || x.bound) break;
    }
    return j;
  };
  const supplier = supplierDeferral(log), unread = unreadSupplier(log);
  const base = { model: model.name, guards: [...guards.keys()].map((event) => ({ event, driver: event.drv! })), params: model.params ?? {}, checked, unchecked, unknownLines: log.unknown, warnings: kernelWarnings(log, w), ...(log.prefixed ? { prefixed: log.prefixed } : {}), ...(log.wrapped ? { wrapped: log.wrapped } : {}), ...(log.cut ? { cut: log.cut } : {}), ...(log.lastCut ? { lastCut: log.lastCut } : {}), ...(log.unordered ? { unordered: log.unordered } : {}), ...(log.variant ? { variant: log.variant } : {}), ...(log.reboot ? { reboot: log.reboot } : {}), ...(log.nul ? { nul: log.nul } : {}), ...(log.qp ? { qp: log.qp } : {}), ...(log.short ? { short: log.short } : {}), ...(supplier ? { supplier } : {}), ...(unread ? { supplierUnread: describeUnreadSupplier(unread) } : {}) };
  const n = checked.length;
  const be = makeBackend(compile(model));
  const maxStates = o.maxStates ?? 2_000_000;
  // Per state id: its log index, parent id and move.
  const idx: number[] = [], parent: number[] = [], code: number[] = [];
  const seen = new Map<string, number>();
  be.loadInitial();
  const key = (i: number) => `${fp.hi}:${fp.lo}:${i}`;
  const i0 = n > 0 ? pastGuards(0, be.curG() as KS) : 0;
  seen.set(key(i0), 0); idx.push(i0); parent.push(-1); code.push(0);
  be.pushCur(0, 0);
  let best = i0, bestIds: number[] = [0], done = n > 0 && i0 === n ? 0 : -1, limit = false;
  const could = new Set<string>(), couldLines = new Map<string, string>();
  const devForm = log.events.some((e) => e.rule.dev && /^(matched|probing|bound_to|bound|probe_failed|rejects_match)$/.test(e.rule.id));
  const retDriver = log.events.some((e) => e.rule.id === 'probe_returned' && e.drv !== undefined);
  // A driver whose name holds spaces is the scenario's one word (parse.ts oneWord: `Qualcomm_QCA8075`);
  // the line the log would show spells it as the log does (drv->name, `Qualcomm QCA8075`), the first
  // spelling of it the log gives (v3.x's driver_bound line names it where the device stands).
  const spelled = new Map<string, string>();
  for (const e of log.events) {
    const s = e.spaced ?? (e.rule.id === 'bound_to' && e.dev !== undefined && /\s/.test(e.dev) ? e.dev : undefined);
    if (s !== undefined && !spelled.has(oneWord(s))) spelled.set(oneWord(s), s);
  }
  // A split name (`WM_8731@i2c`) is the kernel's name (`WM_8731`) first, then spelt (s50 h17: it stayed `WM_8731`).
  const asLogged = (e: ModelEvent): ModelEvent => {
    if (e.drv === undefined) return e;
    const plain = split.size ? plainName(e.drv, split) : e.drv;
    return { ...e, drv: spelled.get(plain) ?? plain };
  };
  const kindsOfInterest = (evs: ModelEvent[]) => evs.filter((e) => kinds.has(e.kind));
  // A probe's -ENODEV or -ENXIO prints "rejects match" at debug level, any other error "failed with
  // error" at KERN_ERR (call_driver_probe, kernel/torvalds@efb0b309fa0d/drivers/base/dd.c:294-302;
  // pr_debug and KERN_WARNING before, torvalds@f04948dea236:313-318). The model's error is one (-EIO),
  // so where the device's next checked line is initcall_debug's "probe of X returned" with 19 or 6
  // (either sign), the attempt's error line was that debug one, not in the log: the model's error
  // line is free there (a real v6.15 boot, meerzulee/linux-ps4: agp_amd64's walk returning 19 on every
  // PCI device, beside a failed line of another device, was no behaviour at its first line).
  // Before v5.14 (`returned` in the old form) really_probe returns 0 for every probe that did not bind
  // ("Ignore errors returned by ->probe", `ret = 0;`: v5.10.13 dd.c:652, v5.4 97e2551de3f9, v4.19.y), so
  // -ENODEV's attempt shows as `returned 0` with no error line (its "rejects match" pr_debug, v5.10.13:640;
  // at v4.19 .. v5.4 the return line is printk(KERN_DEBUG), printed with initcall_debug alone, v4.19.y
  // dd.c:361 of the excerpt, 97e2551de3f9:655): where the device's next checked line is that `returned 0`,
  // no error line was printed, so the model's is free there too (a real error's pr_warn line comes first).
  const quietRet = (r: number) => Math.abs(r) === 19 || Math.abs(r) === 6 || (w.returned === 'old' && r === 0);
  const quietError = (e: ModelEvent, j: number) => {
    if (e.kind !== 'error' || e.dev === undefined) return false;
    const next = checked.slice(j).find((x) => x.dev === e.dev);
    return next !== undefined && !guards.has(next) && next.rule.model === 'returned' && next.ret !== undefined && quietRet(next.ret);
  };
  if (n > 0 && done < 0) {
    while (be.popFront()) {
      const id = be.poppedId, i = idx[id]!;
      be.expand((k, b) => {
        if (done >= 0) return;
        const evs = kindsOfInterest(eventsOf(be, w, k));
        let j = i;
        for (const e of evs) {
          if (j < n && !guards.has(checked[j]!) && matches(checked[j]!, e)) j++;
          else if (quietError(e, j)) continue;
          else if (o.excerpt && i === 0) { j = 0; break; }
          else { if (i === best) { could.add(describeEvent(e)); couldLines.set(describeEvent(e), hintLine(asLogged(e), w.w, devForm, retDriver)); } return; }
        }
        if (guards.size) j = pastGuards(j, be.nextG() as KS);
        // An excerpt's free prefix: a step that prints the first line's kind may also be an earlier
        // one the capture left out (the late initcall's retries before a quoted one), so both.
        for (const to of o.excerpt && i === 0 && j > 0 ? [j, 0] : [j]) {
          const kk = key(to);
          if (seen.has(kk)) continue;
          const nid = idx.length;
          seen.set(kk, nid); idx.push(to); parent.push(id); code.push(actionCode(k, b));
          if (to > best) { best = to; bestIds = []; could.clear(); couldLines.clear(); }
          if (to === best) bestIds.push(nid);
          if (to === n) { done = nid; return; }
          be.pushNext(nid, be.poppedDepth + 1);
        }
      });
      if (done >= 0) break;
      if (idx.length >= maxStates) { limit = true; break; }
    }
  }
  const pathTo = (end: number) => {
    const codes: number[] = [];
    for (let x = end; x > 0; x = parent[x]!) codes.push(code[x]!);
    return codes.reverse();
  };
  const end = done >= 0 ? done : bestIds[0]!;
  const codes = pathTo(end);
  // The log index after each step of the run, as the search matched it.
  const after: number[] = [];
  for (let x = end; x > 0; x = parent[x]!) after.push(idx[x]!);
  const run = replayRun(be, w, codes, after.reverse(), checked.filter((e) => !guards.has(e)), kinds, (j) => checked.slice(0, j).filter((e) => !guards.has(e)).length);
  const stateSummaries = done >= 0 || n === 0 ? [] : [...new Set(bestIds.slice(0, 200).map((id) => summarize(be, w, pathTo(id))))].slice(0, 6);
  const verdict = n === 0 ? 'nothing-to-check' : done >= 0 ? 'behaviour' : limit ? 'limit' : 'not-a-behaviour';
  const start = n === 0 ? undefined : startOrder(be, w, codes);
  return { ...base, verdict, ...(start ? { startOrder: start } : {}), matched: n === 0 ? 0 : done >= 0 ? n : best, run, statesBefore: bestIds.length, couldPrint: [...could].sort(), couldPrintLines: [...new Set([...could].sort().map((c) => couldLines.get(c)!))], stateSummaries,
    states: idx.length, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The start order `codes` took: its first moves, those of the choosing thread (no other moves
 * before it is done), replayed. The choice prints nothing, so the run's lines alone do not show it
 * (s45 h8: a log that needs c before p passed with no word of it).
 */
function startOrder(be: Backend, lk: LogKernel, codes: number[]): ValidateResult['startOrder'] {
  const k = be.c.threads.findIndex((t) => t.name === BOOT_ORDER);
  if (k < 0) return undefined;
  be.loadInitial();
  for (const c of codes) {
    if (codeThread(c) !== k) break;
    be.apply(k, codeBranch(c));
  }
  const o = chosenOrder(lk.w, be.curG() as KS), name = (d: number) => lk.w.devices[d]!.name;
  return o && { order: o.order.map(name), declared: o.declared.map(name) };
}

/** One state, after `codes`, in words: each device, driver and module as it stands. */
function summarize(be: Backend, lk: LogKernel, codes: number[]): string {
  be.loadInitial();
  for (const c of codes) be.apply(codeThread(c), codeBranch(c));
  const s = be.curG() as KS, w = lk.w;
  const devs = w.devices.map((d, i) => {
    const x = s.dev[i]!;
    const st = !x.registered ? 'not added' : x.bound ? `bound to ${w.drivers[x.driver - 1]?.name ?? '?'}` : x.probing ? 'probing' : x.deferred !== 'none' ? `deferred (${x.deferred})` : 'unbound';
    return `${d.name} ${st}`;
  });
  const drvs = w.drivers.map((d, i) => `${d.name} ${s.drv[i]!.onBus ? 'registered' : 'not registered'}`);
  const mods = w.modules.map((m, i) => `${m.name} ${s.mod[i]!.state}`);
  return [...devs, ...drvs, ...mods].join(', ');
}

/** Re-execute a run, naming each step and the log lines it printed (`after`: the log index after each step, as the search matched). */
function replayRun(be: Backend, w: LogKernel, codes: number[], afterAll: number[], checked: LogEvent[], kinds: Set<ModelKind>, printed: (j: number) => number): MatchedStep[] {
  be.loadInitial();
  // `checked` without the guards, which no step prints: the index after each step counts printed lines only.
  const after = afterAll.map(printed);
  let j = 0;
  return codes.map((c, i) => {
    const k = codeThread(c), b = codeBranch(c), th = be.c.threads[k]!;
    const st = th.steps[be.pc(k) - 1]!;
    be.step(k, b);
    // As the search matched them: every logged-kind event of the step is the next line but an error
    // line the log shows was not printed (quietError), or (an excerpt's free prefix) none is.
    const all = eventsOf(be, w, k);
    const fits = after[i]! > j;
    let x = 0;
    const evs = all.map((e) => (kinds.has(e.kind) && fits && j + x < after[i]! && matches(checked[j + x]!, e) ? { kind: e.kind, line: checked[j + x++]!.line } : { kind: e.kind }));
    j = after[i]!;
    be.advance();
    const move: Move = { thread: th.name, label: st.label };
    if (st.nb !== 1 || st.step.branches !== undefined) move.branch = b;
    return { move, step: i + 1, events: evs as MatchedStep['events'] };
  });
}

/** The model events of a run given as moves (for printing it as a log). */
export function runEvents(model: Model, codes: readonly number[]): { move: Move; thread: number; events: ModelEvent[] }[] {
  const w = kernelOf(model);
  const be = makeBackend(compile(model));
  be.loadInitial();
  return codes.map((c) => {
    const k = codeThread(c), b = codeBranch(c), th = be.c.threads[k]!;
    const st = th.steps[be.pc(k) - 1]!;
    if (!be.step(k, b)) throw new Error(`internal: move ${th.name}:${st.label} is not enabled`);
    const events = eventsOf(be, w, k);
    be.advance();
    return { move: { thread: th.name, label: st.label, branch: b }, thread: k, events };
  });
}
