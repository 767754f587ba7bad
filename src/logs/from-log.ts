/**
 * A scenario from a log: the devices and parents seen, the drivers and the devices they probed,
 * each probe's outcomes (deferred, then bound; an error), sync or async (from the async lines,
 * a probe in a task that neither added the device nor registered the driver, or one that outlasts
 * the built-in initcall it began in), and the module
 * loads initcall_debug shows. The user edits it and runs `check` to explore every other timing
 * of that boot.
 *
 * Guesses, said in the file's header: a device added, or first probed, while a probe runs in the
 * same task (or, without caller ids, the innermost probe open that the log does not show
 * scheduled asynchronously) is registered by that probe (a probe nests in another only through
 * a device_add in it); a device
 * never seen added was present from the start; a driver never seen registered is registered by
 * a `boot` actor; a probe seen only as "probe of X returned N" is the driver another line names for
 * X (or X's dev_printk lines name, in that attempt or, one driver alone, later), or (none does)
 * gets a driver named `X-driver`, said;
 * the late initcall (its initcall_debug line, or "deferred probe pending", which only the timeout
 * work it schedules prints) ends the boot actor as `deferred_probe_initcall`. Without caller ids a
 * driver registered between a module's `calling` and `initcall` lines, with no other module init
 * under way, is that module's; the header says what the missing caller ids leave unknown.
 */
import { PROFILE_NAMES, PROFILES } from '../kernel/profiles.js';
import { LATE_INITCALL, lateInitcallRefusal } from '../kernel/paths/late-initcall.js';
import { MAX_ASYNC_INSTANCES, type DriverSpec, type ScenarioSpec } from '../kernel/scenario.js';
import type { Outcome } from '../kernel/world.js';
import { describeNul, describeQp, describeShort, describeCut, describeLastCut, describeUnordered, describeVariant, describePrefixed, describeReboot, describeWrapped, oneWord, returnedWords, type LogEvent, type ParsedLog } from './parse.js';
import { profileFor, profileGuess } from './release.js';
import { excerptsOf } from '../kernel/source.js';
import { retClass } from './validate.js';
import { KNOWN_BUSES } from './formats.js';
import { supplierLine, supplierReason, type SupplierWords } from './supplier-words.js';
import { describeUnreadSupplier, unreadSupplier } from './supplier-deferral.js';
import { shellWord } from '../report/shell-word.js';
import { describeSplit, describeUnresolved, keyByBus, plainName } from './bus-keyed.js';

interface Dev { name: string; bus: string; busSeen: boolean; parent?: string; addedBy?: string; addTask?: string; order: number }
interface Drv { name: string; bus: string; busSeen: boolean; regTask?: string; matches: string[]; outcomes: Outcome[]; async: boolean; module?: string; registeredBy?: string; registers: string[] }

export { profileFor };

export interface FromLog {
  spec: Omit<ScenarioSpec, 'vary' | 'params'>; notes: string[]; events: number;
  /** Devices of the scenario taken as registered by an enclosing probe, in log order, with the line (the guesses `noNest` can drop). */
  nested: { dev: string; line: number; probe: string }[];
  /** The header's `not read` lines of a driver the log shows on two buses, of a device on no one bus (bus-keyed.ts). */
  unresolved: string[];
}

/** `1 device`, `2 devices`: a count with its noun, singular or plural. */
export function count(n: number, noun: string): string { return `${n} ${noun}${n === 1 ? '' : /(s|sh|ch|x)$/.test(noun) ? 'es' : 's'}`; }

/**
 * Built-in initcalls that add devices and register no driver, so that the probes inside their
 * initcall_debug lines are each of a driver registered before (bus_probe_device on each add), not one
 * walk of a driver of theirs: of_platform_default_populate_init creates the /reserved-memory,
 * /firmware and root devices of the device tree (of_platform_device_create, of_platform_populate,
 * of_platform_default_populate; drivers/of/platform.c at torvalds@010e85f9e47c). A real v6.13 boot
 * (ThinkPad X13s, linux-embedded 2025-02-04) probes cmd-db, psci, rpmh-rsc and its two children there.
 */
/**
 * v3.x's driver_bound prints the device first (dd.c at v3.6.0:187, the same format string with the
 * arguments the other way round): a bound_to line whose names were seen the other way round (as a
 * device, as a driver) is read swapped.
 */
const namesSwapped = (dev: string, drv: string, isDev: (n: string) => boolean, isDrv: (n: string) => boolean): boolean =>
  (isDev(drv) && !isDrv(drv)) || (isDrv(dev) && !isDev(dev));
/** The lines that name a device's driver, the device first (matched, probing, bound, deferral and error lines). */
// probe_returned names one only in its newer form ("probe of %s with driver %s returned", likely v7.3, unverified: formats.ts): the lines of the old form have no drv.
const NAMING = ['matched', 'probing', 'bound', 'deferral', 'probe_failed', 'rejects_match', 'drv_async', 'drv_async_done', 'probe_returned'];
const ADDS_DEVICES = new Set(['of_platform_default_populate_init']);

/**
 * `noNest`: devices not to take as registered by the probe they were seen inside (a guess a build refused);
 * `noSuppliers`: the build refused the `suppliers` written from the log's lines (that message): not written.
 */
export interface FromLogOptions { noNest?: ReadonlySet<string>; noSuppliers?: string }

export function fromLog(log0: ParsedLog, name: string, profile?: string, opts: FromLogOptions = {}): FromLog {
  const devs = new Map<string, Dev>(), drvs = new Map<string, Drv>(), notes: string[] = [];
  // Two drivers of one name on two buses: each its own driver, `name@bus` (bus-keyed.ts).
  const keyed = keyByBus(log0), log = keyed.log;
  for (const [n, on] of keyed.split) notes.push(describeSplit(n, on));
  const unresolved = keyed.unresolved.map((u) => describeUnresolved(u, keyed.split));
  notes.push(...unresolved);
  const modules = new Set<string>();
  // A bus named by a "bus: 'x':" line replaces the platform guessed from a line that names none.
  const dev = (n: string, bus?: string) => {
    let d = devs.get(n);
    if (!d) { d = { name: n, bus: bus ?? 'platform', busSeen: bus !== undefined, order: devs.size }; devs.set(n, d); }
    else if (bus !== undefined && !d.busSeen) { d.bus = bus; d.busSeen = true; }
    return d;
  };
  const drv = (n: string, bus?: string) => {
    let d = drvs.get(n);
    if (!d) { d = { name: n, bus: bus ?? 'platform', busSeen: bus !== undefined, matches: [], outcomes: [], async: false, registers: [] }; drvs.set(n, d); }
    else if (bus !== undefined && !d.busSeen) { d.bus = bus; d.busSeen = true; }
    return d;
  };
  const pair = (dv: string, dr: string, bus?: string) => { dev(dv, bus); const d = drv(dr, bus); if (!d.matches.includes(dv)) d.matches.push(dv); return d; };
  /** Drivers with an error no quiet `returned 0` gave (a failed line, a negative return): kept when those are read as deferrals. */
  const loudError = new Set<Drv>();
  const outcome = (d: Drv, o: Outcome) => { if (o === 'error') loudError.add(d); if (!d.outcomes.includes(o)) d.outcomes.push(o); };
  /**
   * `registers` by matched device, where the driver's probes of two or more devices each
   * registered their own (the parent a registered device got is the probe's device): undefined
   * where one list says it (one registering probe) or a device's registering probe is not known.
   */
  const perDevice = (d: Drv, regs: string[]): Record<string, string[]> | undefined => {
    const by: Record<string, string[]> = {};
    for (const r of regs) {
      const p = devs.get(r)?.parent;
      if (p === undefined || !d.matches.includes(p)) return undefined;
      (by[p] ??= []).push(r);
    }
    return Object.keys(by).length > 1 ? by : undefined;
  };
  /** Probes under way: device -> driver and task; `async`: the probing line of one the log shows scheduled asynchronously. */
  const open = new Map<string, { drv: string; line: number; task?: string; async?: number; probing?: true }>();
  /** Devices taken as registered by the probe their add or probe ran inside (`opts.noNest`: not these). */
  const nested: FromLog['nested'] = [];
  /** Without caller ids, devices seen while two or more probes were open: given to the innermost. */
  const innermost: { dev: string; line: number; probe: string; open: number }[] = [];
  /**
   * Lines that decide a device's probe (its outcome, a deferral, initcall_debug's return): a probe
   * the log never decides after it opened (the excerpt has only its probing line) says nothing of
   * where it ended, so a probe after it is not taken as running inside it. A log hunt, 2026-12-05:
   * four "probing driver agpgart-amd64" lines quoted alone (dri-devel, 2025-06-25) were read as
   * each PCI device registered by the probe of the one before.
   */
  const decides = new Map<string, number[]>();
  for (const e of log.events) {
    if (!['deferral', 'probe_failed', 'rejects_match', 'devres_present', 'bound_to', 'bound', 'probe_returned', 'deferred_add'].includes(e.rule.id)) continue;
    // v3.x's driver_bound names the device second: either name may be the device.
    for (const n of new Set([e.dev, e.rule.id === 'bound_to' ? e.drv : undefined])) if (n !== undefined) decides.set(n, [...(decides.get(n) ?? []), e.line]);
  }
  const decidedAfter = (dev: string, line: number) => (decides.get(dev) ?? []).some((l) => l > line);
  const decidedAt = (dev: string, line: number) => (decides.get(dev) ?? []).find((l) => l > line);
  /**
   * Probes the log shows interleaved: X's started inside P's and ended after it. In one task probes
   * nest (really_probe calls probe(), which runs another only through a device_add whose
   * bus_probe_device returns before it goes on), so two tasks ran them: an async worker
   * (__device_attach_async_helper, __driver_attach_async_helper), the deferred-probe worker
   * (deferred_probe_work_func), another modprobe or a hotplug worker, whose probes are sync as
   * well. So X is not taken as registered by P's probe, and no `async` is read from it.
   */
  const interleaved: { dev: string; line: number; end: number; probe: string; pend: number }[] = [];
  /** Devices probed while only probes the log never decides were open: not given to them. */
  const unclosed: { dev: string; line: number; probe: string; at: number }[] = [];
  /** Adds seen while only asynchronous probes were open, without caller ids: not given to them. */
  const besideAsync: { dev: string; line: number; probe: string }[] = [];
  /**
   * The probes open that a line of `task` may run inside (`here`), and of those the ones not in an
   * async worker (`sync`): a probe scheduled asynchronously ("scheduling asynchronous probe", the
   * async attach lines) is never around a line that names no task or another.
   */
  const around = (task: string | undefined) => {
    const here = [...open.entries()].filter(([, p]) => task === undefined || p.task === undefined || p.task === task);
    return { here, sync: here.filter(([, p]) => p.async === undefined || (task !== undefined && p.task === task)) };
  };
  /** Adds or probes not taken as inside a probe of a device below them (a parent cycle): said in the notes. */
  const cycles: { dev: string; line: number; probe: string; via: string; kept?: { dev: string; line: number; probe: string } }[] = [];
  /** Devices some device's parent is (the parents set so far). */
  const hasChild = new Set<string>();
  /** Children of a probe added again outside a probe of their parent: taken as the first add, said. */
  const readds: { dev: string; line: number; first: number; by: string; now?: string }[] = [];
  /** bus.c's `add device` lines of a device on its bus (until its `remove device`), and those repeated with none between: not written, said. */
  const onBus = new Map<string, number>(), twice: { dev: string; line: number; first: number }[] = [];
  /** Whether `pdev` is `name`'s descendant by the parents read so far (the walk stops at a device seen twice). */
  const below = (pdev: string, name: string, line: number, cands: [string, { drv: string }][]) => {
    // Only a device with a child has a descendant: a walk per open probe and line made a chain of
    // 1,000 nested probes read in 11 s, 2,000 in 87 s (s49 h7), before its E601.
    if (!hasChild.has(name)) return false;
    const seen = new Set<string>();
    // `c`: the device below `name` on the way up, whose guess (registered by `name`'s probe) is kept.
    for (let c = pdev, p = devs.get(pdev)?.parent; p !== undefined && !seen.has(p); c = p, p = devs.get(p)?.parent) {
      if (p !== name) { seen.add(p); continue; }
      const kept = nested.find((x) => x.dev === c);
      if (!cycles.some((x) => x.dev === name)) cycles.push({ dev: name, line, probe: `${cands.find(([d]) => d === pdev)![1].drv}'s probe of ${pdev}`, via: pdev, ...(kept ? { kept } : {}) });
      return true;
    }
    return false;
  };
  /** The probe a line of `task` runs inside (recorded as a guess in `nested`), or undefined. */
  const enclosing = (name: string, task: string | undefined, line: number, closedOnly = false) => {
    if (opts.noNest?.has(name)) return undefined;
    // A device is never added inside its own probe: its own open probe is no parent of it (s48 h21:
    // `device: 'poweroff': device_add` during poweroff's probe made it its own parent, and the walk
    // up the parents below never ended).
    // Nor is the probe of a device the log already shows below it (registered, through its parents,
    // by a probe of this one): taking it would close a cycle of parents, which no scenario builds
    // (s49 h2: two such adds, and the build's retry of every guess, one by one, over a long log).
    const { here, sync: all0 } = around(task), all = all0.filter(([pdev]) => pdev !== name && !below(pdev, name, line, all0));
    const sync = closedOnly ? all.filter(([pdev, p]) => decidedAfter(pdev, p.line)) : all;
    // Probes in one task nest (a probe runs another only through a device_add in it): the innermost,
    // the last opened, is the one running; without caller ids that is a guess, said.
    const last = sync.at(-1);
    // A probe of `name` that ends after the innermost's: interleaved, not inside it (two tasks).
    // Its end is the first line deciding it after this start (open here, so it ends after it): not
    // the first after its own start, which may be a namesake's (a driver named as it binding a child
    // inside it, v3.x's driver_bound read either way round), before this probe started.
    const end = closedOnly && last ? decidedAt(name, line) : undefined, pend = last ? decidedAt(last[0], line) : undefined;
    if (last && end !== undefined && pend !== undefined && end > pend) {
      if (!interleaved.some((x) => x.dev === name)) interleaved.push({ dev: name, line, end, probe: `${last[1].drv}'s probe of ${last[0]}`, pend });
      return undefined;
    }
    if (last) {
      const [pdev, p] = last;
      nested.push({ dev: name, line, probe: `${p.drv}'s probe of ${pdev}` });
      if (task === undefined && sync.length > 1) innermost.push({ dev: name, line, probe: `${p.drv}'s probe of ${pdev}`, open: sync.length });
      return last;
    }
    const u = all.at(-1);
    if (u) { unclosed.push({ dev: name, line, probe: `${u[1].drv}'s probe of ${u[0]}`, at: u[1].line }); return undefined; }
    // Only where an async probe was open: the device's own probe, or one below it (a cycle), is not
    // one (a log with neither read "first seen while only a probe scheduled asynchronously was open").
    const asy = here.filter(([pdev]) => pdev !== name && !all0.some(([d]) => d === pdev)).at(-1);
    if (asy) besideAsync.push({ dev: name, line, probe: `${asy[1].drv}'s probe of ${asy[0]}` });
    return undefined;
  };
  /**
   * Module inits under way (initcall_debug), per task: the task of the `calling` line (its pid,
   * which is also its caller id). Without caller ids no other line names its task: every init is
   * under one key, and a driver registered while exactly one is under way is taken as its module's.
   */
  const inits = new Map<string, string[]>();
  const initKey = (task: string | undefined) => (log.callerIds ? task ?? '' : '');
  let unsure = 0;
  /** Where each module's init began (its `calling` line), and where each device was seen added. */
  const initLine = new Map<string, number>(), addLine = new Map<string, number>();
  /** Drivers first seen probing inside one module's init, with no `bus: add driver` line: taken as that module's (the line). */
  const inInit: { drv: string; module: string; line: number }[] = [];
  /**
   * A driver no line shows registered, first seen probing while exactly one module init is under
   * way (initcall_debug's `calling ... [mod]` and its `initcall` line), of a device not added inside
   * that init: the module's (its init registered the driver, whose probe ran there). A log hunt,
   * 2026-12-05: three `modprobe`s with initcall_debug and no bus.c dyndbg gave no module at all.
   */
  const fromInit = (d: Drv, task: string | undefined, dev: string, line: number) => {
    if (d.registeredBy !== undefined || d.module !== undefined) return;
    const under = inits.get(initKey(task)) ?? [];
    if (under.length !== 1) return;
    const m = under[0]!;
    if ((addLine.get(dev) ?? 0) > (initLine.get(m) ?? 0)) return;
    d.module = m; d.registeredBy = `modprobe ${m}`;
    if (!actions.has(d.registeredBy)) act(d.registeredBy, `modprobe ${m}`);
    inInit.push({ drv: d.name, module: m, line });
  };
  const retried = new Map<string, string | undefined>();
  /** Devices the log shows deferred (a deferral, "Added to deferred list", a -517 return), and those retried with no such line before: the line. */
  const deferredSeen = new Set<string>(), undeferred = new Map<string, number>();
  /** `bus: remove driver/device` lines not written as an action: why. */
  const removals: { name: string; line: number; why: string }[] = [];
  /** Devices an actor deleted (`del`), by the removing task: its next add is that actor's again. */
  const delled = new Map<string, string | undefined>();
  /**
   * "Device match requests probe deferral" (dd.c's __device_attach_driver and __driver_attach when
   * the bus's match() returns -EPROBE_DEFER, as amba_match does while it cannot read the peripheral
   * ID), by device: its line; and the "Added to deferred list" lines that followed one.
   */
  const matchDeferAt = new Map<string, number>(), byMatch: { dev: string; at: number; line: number }[] = [];
  /** "Driver %s force probe deferral" (really_probe while defer_all_probes is set), by device: its line. */
  const forceAt = new Map<string, number>();
  /** Devices "Added to deferred list" with no probe attempt before it in the log: the line. */
  const addedUnprobed = new Map<string, number>();
  /**
   * The attempt a `matched` line starts, per device: its driver, and whether a later line decided
   * it (deferral, error, bound). "Added to deferred list" decides an undecided one as a deferral:
   * a v6.x board whose probe waits for a supplier prints matched, then that line, and nothing of
   * the probe (device_links_check_suppliers defers before it).
   */
  const attempt = new Map<string, { drv: string; decided: boolean }>();
  /** The driver of each device's last matched line not yet followed by its probing line, and that line. */
  const matchedAt = new Map<string, { drv: string; line: number }>();
  /** A line ended the device's probe (its outcome is recorded): no probe open, the attempt decided. */
  const ended = (dev: string) => { open.delete(dev); const a = attempt.get(dev); if (a) a.decided = true; };
  const actorOf = (task: string | undefined) => (task !== undefined ? `task ${task}` : 'boot');
  const actions = new Map<string, string[]>();
  const act = (actor: string, a: string) => { const l = actions.get(actor) ?? []; l.push(a); actions.set(actor, l); };
  let used = 0, namesakes = 0, swapped = false;
  /** `device_add` lines of a name whose device was being probed then (LogEvent.inProbe). */
  const inProbeAdds: LogEvent[] = [];
  /** Does the log hold lines of the kinds the model's deferral prints (validate checks those kinds)? */
  /**
   * dd.c's pr_debug lines (its dyndbg on): "matched device" before the link check, "probing driver"
   * after it and before pinctrl and DMA (dd.c at torvalds@f8fb576658a3:168-189). Where the log has
   * them, an attempt without its probing line stopped before it; where it has none, not known.
   */
  const probingLines = log.events.some((e) => e.rule.id === 'probing' || e.rule.id === 'matched');
  const probeLines = log.events.some((e) => e.rule.model === 'probing' || e.rule.model === 'defer' || e.rule.model === 'returned');
  /** Does a matched line open a probe that a later line closes (initcall_debug's returns)? */
  const matchedOpens = log.events.some((e) => e.rule.id === 'probe_returned');
  const seenAsync = new Set<string>();
  // The profile first: what initcall_debug's "probe of X returned 0" means depends on its dd.c.
  // No version line: the newest profile whose dd.c prints the lines as the log does.
  const guess = profile === undefined && log.release === undefined ? profileGuess(log) : undefined;
  const prof = profile ?? (log.release !== undefined ? profileFor(log.release) : guess!.profile);
  /**
   * Does `returned 0` mean bound? From 45ddcb42949f (v5.14, PROBE_BUSY_CHECK) really_probe returns
   * 0 when bound (dd.c at torvalds@f8fb576658a3:706-709, `driver_bound(dev)` ... `goto done` with
   * call_driver_probe's 0); before it, 1 when bound (v5.10.13 dd.c:602, `ret = 1;`) and 0 for every
   * unbound end, a deferral too (v5.10.13 dd.c:652, `ret = 0;` after "Ignore errors returned by
   * ->probe"). A `returned 1` line says the older layout, whatever
   * the profile. (A log hunt, 2026-12-05: a deferral, then `returned 0`, was written as a driver
   * that always defers.)
   */
  const zeroBinds = (PROFILES[prof]?.flags.includes('PROBE_BUSY_CHECK') ?? true) && !log.events.some((e) => e.rule.id === 'probe_returned' && e.ret === 1);
  /** A line that shows a device bound (initcall_debug's returned value as the profile prints a bind). */
  const binds = (e: LogEvent) => e.rule.id === 'bound' || e.rule.id === 'bound_to' || (e.rule.id === 'probe_returned' && (e.ret === 1 || (e.ret === 0 && zeroBinds)));
  /**
   * Does the profile's really_probe negate probe()'s error ("Return probe errors as positive
   * values", `ret = -ret;`, dd.c at torvalds@f8fb576658a3:669-673)? Then a `returned -517` is a
   * deferral of the core's own, before probe() ran: defer_all_probes (609-617) or a supplier not
   * ready (device_links_check_suppliers, 619-621) before the "probing driver" line, pinctrl or
   * an IOMMU not ready (pinctrl_bind_pins, dma_configure, 634-642) after it. The first such line,
   * and whether a probing line was open: said in a note (the model defers only through probe()).
   */
  const ddPr = PROFILES[prof]?.sources['drivers/base/dd.c'];
  const negates = ddPr !== undefined && (excerptsOf(ddPr, 'drivers/base/dd.c')?.get('really_probe')?.lines.some((l) => l.trim() === 'ret = -ret;') ?? false);
  let coreDefer: { line: number; dev: string; drv: string; probing: boolean; words: string } | undefined;
  /** Where the log shows that the late initcall ran: its initcall_debug line, or the timeout work it schedules. */
  let late: { line: number; how: string; task?: string } | undefined;
  /**
   * Devices deferred and not probed since: the line the deferred attempt started at (its matched or
   * probing line). A new probe of one with no bind since that start (a bind triggers the deferred
   * worker, during the probe too: driver_probe_device's trigger_count) was set off by the late
   * initcall, the only other trigger (driver_deferred_probe_trigger): the first such probe's line and
   * device. An attempt whose start the log lacks (an excerpt) says nothing.
   */
  const startAt = new Map<string, number>(), deferAt = new Map<string, { start: number; line: number }>();
  let lastBind = 0, reprobe: { line: number; dev: string; at: number } | undefined;
  /**
   * Deferrals whose attempt's start the log lacks (initcall_debug's "probe of X returned -517"
   * alone): a bind may have come during it, so no late initcall is inferred. But a new probe of
   * that device with no bind anywhere before it in the log, and none of another device after, has
   * nothing in the scenario to set it off: the first such, said (a log hunt on real logs, 2026-12-06: a grep of a board's
   * "pcie returned" lines, meta-qcom#2029, was written `probe: ["defer", "ok"]` and `validate`
   * stopped at the second probe with "could print nothing the log records", no word why).
   */
  const deferNoStart = new Map<string, number>();
  /** driver_deferred_probe_check_state's lines ("deferred probe timeout" or "assuming no driver"): device, driver (where known), line. */
  const checkState: { dev: string; drv?: string; line: number; timeout: boolean }[] = [];
  let untriggered: { line: number; dev: string; at: number } | undefined;
  /**
   * Deferred devices whose deferring attempt has printed its last line: initcall_debug's "probe of X
   * returned" (really_probe_debug prints it after really_probe returns, so after that attempt's
   * "requests probe deferral"), or a "requests probe deferral" the log has no returned line for yet.
   * Such a returned line closes the same attempt; a second deferral, bind or failure line with no
   * line opening an attempt between is a new attempt all the same (s46 h8, a public BeagleBone
   * 3.18-rc7 log, bb-kernel#10: its "Driver musb-hdrc requests probe deferral" lines alone, dev_info
   * then, were no new probe, and validate stopped at the second one with no word why; "probing,
   * requests probe deferral, returned 517" said a late initcall ran, its returned line taken for
   * another probe).
   */
  const closed = new Set<string>();
  const ENDS = new Set(['deferral', 'bound', 'bound_to', 'probe_failed', 'rejects_match', 'devres_present']);
  /**
   * The driver of each deferral, and of each open attempt (its matched or probing line). An attempt
   * of another driver is no retry of the deferred one: __device_attach's walk goes on to the next
   * driver after a deferral (really_probe's 0 before v5.14, a positive 517 after: __device_attach_driver
   * returns 0 for both), and a driver registered later tries the device in its own walk (s46 h12:
   * "Driver a-drv requests probe deferral", then "b-drv: probe of foo failed with error -5", was said
   * to be foo probed again with nothing to retry it, `validate` stopping there; it passed).
   */
  const deferDrv = new Map<string, string | undefined>(), startDrv = new Map<string, string | undefined>();
  /** Devices whose attempt printed its end line (bound, failed, deferred) and not yet initcall_debug's returned line, which really_probe_debug prints after it. */
  const attemptEnded = new Set<string>();
  /**
   * driver_bound's "bound to device" line is printed by device_bind_driver too, a bind with no probe
   * (a driver's probe claiming another device: usb_driver_claim_interface, drivers/usb/core/driver.c at
   * torvalds@02582e9bcc36, read with the search tool; and __device_attach of a device whose driver was
   * set before device_add, dd.c at torvalds@efb0b309fa0d:495-500). device_bind_driver calls
   * driver_bound and nothing of really_probe: dd.c at v3.6.0:131-139, v4.19.y:199-210,
   * torvalds@efb0b309fa0d:136-147, dakr@1ac45118ddf8:544-556; driver_bound prints the line, takes the
   * device off the deferred list and triggers the worker, efb0b309fa0d:109-129. With
   * dd.c's debug lines on, every probe prints its matched and probing lines first (__driver_probe_device,
   * really_probe), so a deferred device's bound_to line with no line opening an attempt is such a
   * bind, not a retry (s46 h12 left: it was read as the late initcall's retry and the action
   * written). Without those lines in the log (a grep, dyndbg on driver_bound alone) it cannot be told
   * from a retry whose opening lines are not there: `maybeBind` says so. Lines, with the deferral.
   */
  const ddProbeLines = log.events.some((e) => e.rule.id === 'matched' || e.rule.id === 'probing');
  const bindOnly = new Map<number, number>();
  let maybeBind: { line: number; dev: string } | undefined;
  // Names seen so far as a device and as a driver, to read v3.x's driver_bound the right way round here
  // too (s46 h25: a v3.x log's device_bind_driver of a deferred device was still read as a retry).
  const seenDev = new Set<string>(), seenDrv = new Set<string>();
  for (const e of log.events) {
    const id = e.rule.id, swap = id === 'bound_to' && e.dev !== undefined && e.drv !== undefined && namesSwapped(e.dev, e.drv, (n) => seenDev.has(n), (n) => seenDrv.has(n));
    const dv = swap ? e.drv : e.dev, eDrv = swap ? oneWord(e.dev!) : e.drv;
    if (id !== 'bound_to') { if (e.dev !== undefined) seenDev.add(e.dev); if (e.drv !== undefined) seenDrv.add(e.drv); }
    if (dv === undefined) continue;
    const pending = deferAt.has(dv) || deferNoStart.has(dv);
    if (pending && id === 'bound_to' && !startAt.has(dv)) {
      if (ddProbeLines) {
        // driver_bound takes it off the deferred list (driver_deferred_probe_del) and triggers the worker.
        bindOnly.set(e.line, deferAt.get(dv)?.line ?? deferNoStart.get(dv)!);
        deferAt.delete(dv); deferNoStart.delete(dv); closed.delete(dv); deferDrv.delete(dv);
        lastBind = e.line;
        continue;
      }
      maybeBind ??= { line: e.line, dev: dv };
    }
    // The returned line of the attempt that deferred: that attempt's, not a new one, and already counted.
    // So is one after any attempt's end line (another driver's failure after a deferral, s46 h12).
    const sameAttempt = (pending && id === 'probe_returned' && !closed.has(dv)) || (id === 'probe_returned' && attemptEnded.has(dv));
    if (sameAttempt) { if (pending) closed.add(dv); attemptEnded.delete(dv); startAt.delete(dv); continue; }
    if (ENDS.has(id)) attemptEnded.add(dv); else if (id === 'matched' || id === 'probing' || id === 'retry' || id === 'probe_returned') attemptEnded.delete(dv);
    const drv = eDrv ?? (startAt.has(dv) ? startDrv.get(dv) : undefined), was = deferDrv.get(dv);
    const otherDriver = pending && id !== 'retry' && drv !== undefined && was !== undefined && drv !== was;
    if (!otherDriver && (id === 'matched' || id === 'probing' || id === 'probe_returned' || id === 'retry' || (pending && ENDS.has(id) && !startAt.has(dv)))) {
      closed.delete(dv);
      const at = deferAt.get(dv);
      deferAt.delete(dv);
      if (at !== undefined && lastBind < at.start) reprobe ??= { line: e.line, dev: dv, at: at.line };
      const ns = deferNoStart.get(dv);
      deferNoStart.delete(dv);
      if (ns !== undefined && lastBind === 0) untriggered ??= { line: e.line, dev: dv, at: ns };
    }
    if (id === 'matched' || (id === 'probing' && !startAt.has(dv))) { startAt.set(dv, e.line); startDrv.set(dv, e.drv); }
    const bind = binds(e);
    if (bind) lastBind = e.line;
    if (id === 'deferral' || (id === 'probe_returned' && retClass(e.ret!) === 'defer')) {
      const st = startAt.get(dv);
      if (st !== undefined) deferAt.set(dv, { start: st, line: e.line });
      else deferNoStart.set(dv, e.line);
      // Two drivers' deferrals pending: either one's attempt may be a retry.
      deferDrv.set(dv, pending && was !== undefined && was !== drv ? undefined : drv);
      if (id === 'probe_returned') closed.add(dv);
    }
    if (bind || id === 'deferral' || id === 'probe_failed' || id === 'rejects_match' || id === 'probe_returned') startAt.delete(dv);
  }
  /**
   * The drivers the log names for each device (matched, probing, bound, deferral and error lines),
   * with the line: a "probe of X returned" line outside any attempt the log shows (its matched line
   * lost, a console line clobbered it) is that driver's, not an invented one (a log hunt,
   * 2026-12-05: `X-driver` was invented though a later line named msm-dp-display).
   */
  const namedFor = new Map<string, { drv: string; line: number }[]>();
  for (const e of log.events) {
    if (e.dev === undefined || e.drv === undefined || !NAMING.includes(e.rule.id)) continue;
    const l = namedFor.get(e.dev) ?? [];
    if (!l.some((x) => x.drv === e.drv)) l.push({ drv: e.drv, line: e.line });
    namedFor.set(e.dev, l);
  }
  /**
   * A dev_printk line of `dev` after `from` and before `to` (not read: a driver's own message) whose
   * first word is not a bus: the driver's name, which dev_driver_string prints while dev->driver is
   * set (really_probe sets it before probe(), dd.c at torvalds@f8fb576658a3:632); a bus name before
   * it. The last such line: its owner and line.
   */
  const BUSES = new Set(KNOWN_BUSES);
  for (const e of log.events) if (e.bus !== undefined) BUSES.add(e.bus);
  // Per device, in line order, the unread dev_printk lines whose first word is no bus: read once, on
  // the first call, not from the log's start per probe line (5,000 "probe of X returned" lines in
  // 105k took 11 s in from-log).
  let owned: Map<string, { drv: string; line: number }[]> | undefined;
  // Words before a device that name a driver: one a read line of the log names (spelled with spaces),
  // or words none of which is a plain lowercase word (`Generic PHY`, `RTL8211F Gigabit Ethernet`), not
  // prose that names a device (s41 h9: `Unable to get foo.0: ...` in foo.0's attempt made up a driver
  // `Unable_to_get`, where the base said no line names its driver).
  const spacedNames = new Set(log.events.filter((e) => e.spaced !== undefined).map((e) => e.drv));
  const spacedPrefix = (m: RegExpExecArray | null) => (m && (spacedNames.has(oneWord(m[1]!)) || !m[1]!.split(/[ \t]+/).some((w) => /^[a-z]+$/.test(w))) ? m : null);
  const prefixDriver = (dev: string, from: number, to: number) => {
    if (!owned) {
      owned = new Map();
      for (const o of log.others) {
        // A driver's name with spaces (a PHY's "Generic PHY") stands before the device too: one word,
        // as its other lines read (parse.ts oneWord; s41 h5: such a prefix named no driver), its words
        // parted by runs of spaces or tabs as there (s41 h9: `Generic  PHY` named none).
        const m = /^(\S+) (\S+): /.exec(o.text) ?? spacedPrefix(/^([^\s:]+(?:[ \t]+[^\s:]+){1,3}?) (\S+): /.exec(o.text));
        if (m && !BUSES.has(m[1]!.split(/[ \t]/)[0]!) && !coreLines.has(o.line) && !/^\[|:$/.test(m[1]!)) (owned.get(m[2]!) ?? owned.set(m[2]!, []).get(m[2]!)!).push({ drv: keyed.keyed(oneWord(m[1]!), m[2]!), line: o.line });
      }
    }
    let found: { drv: string; line: number } | undefined;
    for (const x of owned.get(dev) ?? []) {
      if (x.line <= from) continue;
      if (x.line >= to) break;
      found = x;
    }
    return found;
  };
  /**
   * The driver a later attempt names for `dev` (its first unread dev_printk line after `line` whose
   * first word is no bus), where every such line of the device names that one driver: an
   * initcall_debug boot prints nothing of a probe that defers but "probe of X returned -517", and
   * the driver's own lines only once it binds (a log hunt, 2026-12-06: `X-driver` was made up for
   * the deferral beside the driver the bind names, two drivers of one device).
   */
  const laterPrefixDriver = (dev: string, line: number) => {
    prefixDriver(dev, 0, 0);
    const l = (owned!.get(dev) ?? []).filter((x) => x.drv !== busSaid.get(dev)?.bus && !busOf.get(dev)?.has(x.drv));
    const first = l.find((x) => x.line > line);
    return first && l.every((x) => x.drv === first.drv) ? first : undefined;
  };
  /**
   * fw_devlink's link of a device to its supplier, as device_link_add prints it for the consumer
   * (`dev_dbg(consumer, "Linked as a consumer to %s\n", dev_name(supplier))`, core.c at v6.6.y
   * and v6.18.y; dev_info at 9ed9895370ae, v4.10): the last such line of `dev` before `line`
   * whose dev_printk prefix names no driver of it (one a probe made: regulator_get's stateless link).
   * A deferral with no probe line is such a link's (device_links_check_suppliers): a device's
   * `suppliers` models it, a driver's `links` do not (its probe adds them, after a probe that
   * defers, with its probe lines). A log hunt on real logs, 2026-12-06: the note said `links`.
   */
  // Per device, in line order, its link and supplier-not-ready lines: read once, not once per deferral
  // (a 100k-line log of 14,000 deferrals took 40 s in from-log, not 2.5).
  // `fwnode`: the name is a firmware node's (%pfwP, %pfwf), not a device's.
  // `pending`: a pending line's reason, set at the last deferral, whose line the log does not give.
  type LinkLine = { supplier: string; line: number; how: string; ready: boolean; fwnode?: true; pending?: true };
  const linkLines = new Map<string, LinkLine[]>();
  const pushLink = (dev: string, x: LinkLine) => (linkLines.get(dev) ?? linkLines.set(dev, []).get(dev)!).push(x);
  /**
   * device_links_check_suppliers' own words when a link defers the probe, read by supplier-words.ts
   * in each form it took (dev_dbg's `probe deferral - ` v5.12 .. v5.14, dev_err_probe's `error
   * -EPROBE_DEFER: ` / `error -517: ` from v5.15, the bare words as a v6.8+ pending line's reason;
   * M. Zyngier's rk3399 boot prints the first, linux-kernel, 2020-12). "supplier X" names a device
   * (dev_name); "wait for supplier N" a firmware node (%pfwP, %pfwf from v6.6), which has no device
   * yet or none linked.
   */
  const supplierSays = (w: SupplierWords) => w.wait
    ? { supplier: w.name, how: `says wait for supplier ${w.name} (a firmware node)`, ready: true, fwnode: true as const }
    : { supplier: w.name, how: `says supplier ${w.name} not ready`, ready: true };
  /**
   * Whose words a supplier line is: device_links_check_suppliers runs in really_probe before it sets
   * dev->driver (dd.c at torvalds@efb0b309fa0d:618, 632), so dev_driver_string, which dev_printk
   * prints first and device_set_deferred_probe_reason before the reason ("%s: %pV", formats.ts PENDING_REASON_CITES), gives the bus
   * name there (`drv ? drv->name : dev_bus_name(dev)`); a driver's own dev_err_probe in its probe
   * gives the driver's name. A line or reason with a driver's name first is the driver's, not a link's.
   * Bus names: the known ones, the log's `bus:` names, and the owners of lines printed while the
   * device has no driver (the pending line, "Added to deferred list", "Retrying from deferred list").
   */
  const unbound = new Set(BUSES);
  for (const e of log.events) if (e.owner && ['deferred_pending', 'deferred_add', 'retry'].includes(e.rule.id)) unbound.add(e.owner);
  // The device's own bus, as the log shows it ("bus: 'x':" lines naming it, the owner of a line it
  // prints with no driver): a first word that is it is the bus's, even where a driver bound to the
  // device has that name too (usb's generic driver is "usb", generic.c at torvalds@f53f292eeaa2 and 01be83eea08d,
  // on the bus "usb"): the two print alike, and these words are device_links_check_suppliers'.
  const busOf = new Map<string, Set<string>>();
  for (const e of log.events) {
    const b = e.bus ?? (['deferred_pending', 'deferred_add', 'retry'].includes(e.rule.id) ? e.owner : undefined);
    if (e.dev !== undefined && b) (busOf.get(e.dev) ?? busOf.set(e.dev, new Set()).get(e.dev)!).add(b);
  }
  // The drivers the log names for `dev` as it prints them: a dev_printk prefix, a supplier line's or a
  // pending reason's first word, is `wm8731` where the scenario's driver is `wm8731@i2c` (bus-keyed.ts;
  // s50 h6: a driver's own "Linked as a consumer" line was read as fw_devlink's link there).
  const splitNames = new Set(keyed.split.keys());
  const printedFor = (dev: string) => (namedFor.get(dev) ?? []).map((x) => plainName(x.drv, splitNames));
  const driverOf = (owner: string, dev: string) => owner !== '' && !busOf.get(dev)?.has(owner) && (!unbound.has(owner) || printedFor(dev).includes(owner));
  /**
   * A first word that is no bus known or shown, nor a driver the log names for the device: its bus
   * where the log says enough, and the line device_links_check_suppliers' words: the dev_dbg form's
   * "probe deferral - " is the core's own (no driver prints it), and a device whose drivers the
   * log names, none of them this word, was not bound to one of that name (dev_driver_string gives
   * the driver's name while one is bound, else dev_bus_name). Else undefined (said where kept).
   * `busSaid`: the bus so read, per device, for a device no line names a bus for.
   */
  const busSaid = new Map<string, { bus: string; line: number }>(), coreLines = new Set<number>();
  const unknownBus = (owner: string, dev: string, text: string) => {
    const drvsOf = printedFor(dev);
    if (drvsOf.includes(owner) || busOf.get(dev)?.size) return undefined;
    if (text.startsWith('probe deferral - ')) return `its first word ${owner}, no bus probecheck knows, taken as ${dev}'s bus: "probe deferral - " is device_links_check_suppliers' own dev_dbg, printed before really_probe sets dev->driver, so dev_driver_string gives the bus`;
    if (drvsOf.length) return `its first word ${owner}, no bus probecheck knows, taken as ${dev}'s bus: the log names ${drvsOf.join(', ')} as ${dev}'s driver, not ${owner}, and dev_driver_string gives the bus while no driver is bound, as in device_links_check_suppliers`;
    return undefined;
  };
  /** Supplier lines not read as a link: a driver's own words (its name first), said where the device is kept. */
  const driverSaid: { dev: string; line: number; owner: string; text: string; pending?: true }[] = [];
  for (let i = 0; i < log.others.length; i++) {
    const o = log.others[i]!, n = log.others[i + 1];
    const m = /^(\S*) (\S+): Linked as a consumer to (\S+)$/.exec(o.text);
    if (m && !printedFor(m[2]!).includes(m[1]!)) pushLink(m[2]!, { supplier: m[3]!, line: o.line, how: `links it as a consumer to ${m[3]}`, ready: false });
    // Whole, or wrapped after "supplier" (a mail).
    const text = n && n.line === o.line + 1 && o.text.endsWith(' supplier') ? `${o.text} ${n.text}` : o.text;
    // supplier-words.ts: the dbg or err_probe form, behind dyndbg's decorations where any.
    const r = supplierLine(text), said = r ? supplierSays(r.w) : undefined;
    const bus = r && said && driverOf(r.first, r.dev) ? unknownBus(r.first, r.dev, r.words) : undefined;
    if (r && said && driverOf(r.first, r.dev) && bus === undefined) driverSaid.push({ dev: r.dev, line: o.line, owner: r.first, text: r.words });
    else if (r && said) {
      pushLink(r.dev, { ...said, line: o.line, ...(bus ? { how: `${said.how} (${bus})` } : {}) });
      // The core's words: their first word is the bus, never a driver's name (prefixDriver skips them).
      coreLines.add(o.line);
      if (bus && !busSaid.has(r.dev)) busSaid.set(r.dev, { bus: r.first, line: o.line });
    }
  }
  for (const e of log.events) {
    if (e.rule.id !== 'deferred_pending' || e.reason === undefined || e.dev === undefined) continue;
    // The reason's first word is dev_driver_string when it was set: the bus the pending line itself
    // names (the device has no driver while pending) where the link check set it.
    const p = supplierReason(e.reason), said = p ? supplierSays(p.w) : undefined;
    if (!p || !said) continue;
    if (p.first !== (e.owner ?? '') || driverOf(p.first, e.dev)) driverSaid.push({ dev: e.dev, line: e.line, owner: p.first, text: p.words, pending: true });
    else pushLink(e.dev, { ...said, line: e.line, how: `(deferred probe pending's reason) ${said.how}`, pending: true });
  }
  for (const l of linkLines.values()) l.sort((a, b) => a.line - b.line);
  const linkedTo = (dev: string, line: number) => {
    let found: { supplier: string; line: number; how: string } | undefined, ready: typeof found;
    for (const x of linkLines.get(dev) ?? []) {
      if (x.line >= line) break;
      const f = { supplier: x.supplier, line: x.line, how: x.how };
      if (x.ready) ready = f; else found = f;
    }
    return ready ?? found;
  };
  /**
   * Deferrals before the probe (device_links_check_suppliers' place: no probing line): per device,
   * the first line, the driver, and where the note of it is (its advice is settled once the
   * scenario's devices are: `suppliers` written, or why not).
   */
  const linkDeferred = new Map<string, { line: number; drv: string; notes: number[] }>();
  /** Drivers that deferred for another reason than a link (a probe's own deferral, a retry, a check_state line). */
  const otherDefer = new Set<string>();
  const ADVICE = (dev: string) => `\u0000${dev}\u0000`;
  /** What models a deferral before the probe: the device's `suppliers`, naming the supplier where the log does. */
  const supplierAdvice = (dev: string, line: number) => {
    const l = linkedTo(dev, line);
    return `declare the link in ${dev}'s \`suppliers\` (${l ? `${l.how.includes('(a firmware node)') ? `the device of firmware node ${l.supplier}` : `['${l.supplier}']`}: line ${l.line} ${l.how}` : 'the supplier a "Linked as a consumer to" or "supplier X not ready" line of it names'}; fw_devlink's link, both ends present from the start) and drop that \`defer\` to model it; a driver's \`links\` do not (its probe adds them, after a probe that defers, with its probe lines)`;
  };
  /** The last line of an event naming each device, as the loop goes. */
  const lastSeen = new Map<string, number>();
  /**
   * initcall_debug's brackets of built-in initcalls (`calling  F+0x../0x.. @ pid` .. `initcall F+.. returned`,
   * no module), by line: a driver F registers walks the bus's devices inside F's bracket (bus_add_driver's
   * driver_attach), so a probe there that the log names no driver for is F's driver's, unless it is a
   * retry of a deferral. A real v6.15 boot (meerzulee/linux-ps4, 2026-05-08, initcall_debug alone):
   * agp_amd64_mod_init's walk returns 19 for every PCI device, then amdgpu_init, ahci_pci_driver_init,
   * xhci_aeolia_init each defer one of them and k10temp_driver_init binds one: the made-up `X-driver` got
   * both attempts (`probe: [error, defer]`, which no run prints: nothing probes X again after the error),
   * and 0000:00:14.4's -ENODEV in agp's walk was taken as baikal_pcie's, which bpcie_driver_init's own
   * bracket names later.
   */
  const brackets: { fn: string; from: number; to: number; ret: number; time?: number; end?: number; task?: string }[] = [];
  {
    let open: { fn: string; from: number; time?: number; task?: string } | undefined;
    for (const x of log.events) {
      if (x.rule.id === 'initcall_start' && !x.module && x.initfn !== undefined) open = { fn: x.initfn, from: x.line, ...(x.time !== undefined ? { time: x.time } : {}), ...(x.task !== undefined ? { task: x.task } : {}) };
      else if (x.rule.id === 'initcall_done' && !x.module && open && x.initfn === open.fn) { brackets.push({ ...open, to: x.line, ret: x.ret ?? 0, ...(x.time !== undefined ? { end: x.time } : {}) }); open = undefined; }
    }
  }
  /** The bracket `line` lies inside, if any (brackets are in line order and do not nest: a binary search). */
  const bracketAt = (line: number) => {
    let lo = 0, hi = brackets.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (brackets[m]!.from <= line) lo = m + 1; else hi = m; }
    const b = brackets[lo - 1];
    return b && line < b.to ? b : undefined;
  };
  // Per bracket, whether a line inside it names a driver: found once (a scan per attempt is quadratic in long logs).
  let namingIn: Set<(typeof brackets)[number]> | undefined;
  /**
   * The bracket whose driver an unnamed attempt at `e` is: the attempt began inside it (its time less
   * its usecs: the ps4 boot's hdaudioC0D0 probe, 157 ms long, ends inside mcheck_init_device's, begun in
   * snd_hda_intel's codec work before it), and no read line nor driver's dev_printk prefix inside it
   * names a driver (bpcie_driver_init's names baikal_pcie, whose probe adds the serial devices an earlier
   * driver probes there).
   */
  const initWalk = (e: LogEvent) => {
    const b = bracketAt(e.line);
    if (!b || b.time === undefined || e.time === undefined || e.usecs === undefined || e.time - e.usecs / 1e6 < b.time) return undefined;
    // An initcall that adds devices and registers no driver: its probes are of drivers registered before it, one each.
    if (ADDS_DEVICES.has(b.fn)) return undefined;
    // With printk caller ids, a probe another task printed (an async probe, a worker's retry) is not the walk's.
    if (log.callerIds && e.task !== undefined && b.task !== undefined && e.task !== b.task) return undefined;
    return quiet(b) ? b : undefined;
  };
  /** Whether no read line nor driver's dev_printk prefix inside bracket `b` names a driver. */
  const quiet = (b: (typeof brackets)[number]) => {
    if (!namingIn) {
      prefixDriver('', 0, 0);
      namingIn = new Set();
      for (const l of [...namedFor.values(), ...owned!.values()]) for (const x of l) { const at = bracketAt(x.line); if (at && x.line > at.from) namingIn.add(at); }
    }
    return !namingIn.has(b);
  };
  /** The first line of an event naming each device. */
  const firstSeen = new Map<string, number>();
  for (const x of log.events) if (x.dev !== undefined && !firstSeen.has(x.dev)) firstSeen.set(x.dev, x.line);
  /**
   * The built-in initcall bracket an attempt at `e` outlasts: it began inside the bracket (its time less
   * its usecs at or after the `calling` line's time and not after the `initcall ... returned` line's) and
   * its line comes after that returned line, of a device the log showed before the bracket. The
   * initcall's own walk is synchronous (do_one_initcall -> driver_register -> bus_add_driver ->
   * driver_attach, in the initcall's task), so it cannot return while a probe of its walk runs: this
   * probe ran in another task, which for a device already there is the async worker of a driver that
   * prefers asynchronous probing (__driver_attach: async_schedule_dev(__driver_attach_async_helper),
   * dd.c at torvalds@efb0b309fa0d). A probe of a device first seen at its attempt may be of one
   * another task added (snd_hda_intel's codec work adds hdaudioC0D0 and probes it there, synchronously:
   * the ps4 boot's, begun inside inet6_init's lines and printed after them): not taken.
   */
  const outlasts = (e: LogEvent) => {
    if (e.time === undefined || e.usecs === undefined) return undefined;
    const begin = e.time - e.usecs / 1e6;
    // The brackets that closed before the line, latest first, back to the first that ended before the attempt began.
    let lo = 0, hi = brackets.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (brackets[m]!.to < e.line) lo = m + 1; else hi = m; }
    let b: (typeof brackets)[number] | undefined;
    for (let i = lo - 1; i >= 0; i--) {
      const x = brackets[i]!;
      if (x.end === undefined || x.time === undefined || x.end < begin) break;
      if (x.time <= begin) { b = x; break; }
    }
    if (!b || (firstSeen.get(e.dev!) ?? e.line) >= b.from) return undefined;
    if (log.callerIds && e.task !== undefined && b.task !== undefined && e.task === b.task) return undefined;
    return b;
  };
  /** Drivers named after the built-in initcall whose bracket their unnamed attempts lie in: the bracket and the devices. */
  const byInitDevs = new Map<string, { fn: string; from: number; to: number; ret: number; devs: string[] }>();
  /** The driver a later line names for `dev` (the first after `line`), else an earlier one. A later one outside the
   * built-in initcall bracket of an attempt that did not defer is another driver's (that bracket's driver's walk
   * went on; the later bracket registered its own): not taken. */
  const namedDriver = (dev: string, line: number, ret?: number) => {
    const l = namedFor.get(dev) ?? [];
    const later = l.find((x) => x.line > line), b = ret !== undefined && retClass(ret) !== 'defer' ? bracketAt(line) : undefined;
    if (later && b && later.line > b.to) return l.filter((x) => x.line < line).at(-1);
    return later ?? l.at(-1);
  };
  /** Attempts before v5.14 that `returned 0` with no line deciding them: a quiet -ENODEV/-ENXIO, or a deferral without dd.c's debug lines. */
  const quietZero: { dev: string; drv: string; line: number; retried?: number }[] = [];
  /** Each device's "requests probe deferral" lines (dev_dbg): before v5.14 the attempt's `returned 0` is a deferral's then. */
  const deferLines = new Map<string, number[]>();
  for (const x of log.events) if (x.rule.id === 'deferral' && x.dev !== undefined) (deferLines.get(x.dev) ?? deferLines.set(x.dev, []).get(x.dev)!).push(x.line);
  /** The late initcall's `initcall deferred_probe_initcall ... returned` line. */
  const lateDone = log.events.find((x) => x.rule.id === 'late_initcall_done')?.line;
  /** Per device and driver (`dev\0drv`), its probing lines and its `probe of X returned` lines: the attempts the log shows. */
  const tries = new Map<string, [number, number]>();
  const tried = (dev: string, drv: string, returned: boolean) => { const c = tries.get(`${dev}\u0000${drv}`) ?? tries.set(`${dev}\u0000${drv}`, [0, 0]).get(`${dev}\u0000${drv}`)!; c[returned ? 1 : 0]++; };
  /** The driver of each device's last `probe of X returned` attempt, and whether it deferred. */
  const lastReturned = new Map<string, { drv: string; line: number; defer: boolean; quiet?: (typeof quietZero)[number] }>();
  /**
   * core.c's `device: 'X': device_unregister` lines (unread; device_unregister's pr_debug before
   * its device_del) with no `bus: remove device X` after them before X is added again: a log
   * without bus.c's lines. Outside any probe, of a device an actor added, it is that actor's
   * `del`, as a `remove device` line is (a log hunt on real logs, 2026-12-06: an i2c client
   * unregistered and added again stopped validate at the new add).
   */
  const unregistered = new Map<string, number>();
  // Per name, in line order: its device_add lines, and its remove and (not namesake) add events. Looked
  // up by bisection: a scan of every event per device_unregister line made a 100k-line log of
  // 10,000 of them take 18 s, not 2 (review, 2026-12-06).
  const addLines = new Map<string, number[]>(), ends = new Map<string, LogEvent[]>();
  for (const x of log.events) {
    if (x.dev === undefined) continue;
    if (x.rule.id === 'device_add') (addLines.get(x.dev) ?? addLines.set(x.dev, []).get(x.dev)!).push(x.line);
    if (x.rule.id === 'bus_remove_device' || (x.rule.id === 'device_add' && x.namesake === undefined)) (ends.get(x.dev) ?? ends.set(x.dev, []).get(x.dev)!).push(x);
  }
  /** How many of `a` (in line order) are at or before `line`. */
  const upTo = <T>(a: readonly T[], line: number, at: (t: T) => number) => { let lo = 0, hi = a.length; while (lo < hi) { const m = (lo + hi) >> 1; if (at(a[m]!) <= line) lo = m + 1; else hi = m; } return lo; };
  const unregs = log.others.flatMap((o) => {
    const m = /^device: '([^']+)': device_unregister$/.exec(o.text);
    if (!m) return [];
    const name = m[1]!;
    // With another device of the name still there (a class device of the same name), which one went is not known.
    const adds = upTo(addLines.get(name) ?? [], o.line - 1, (l) => l);
    const gone = unregistered.get(name) ?? 0;
    unregistered.set(name, gone + 1);
    if (adds - gone !== 1) return [];
    const e = ends.get(name) ?? [];
    const next = e[upTo(e, o.line, (x) => x.line)];
    return next?.rule.id === 'bus_remove_device' ? [] : [{ line: o.line, name }];
  });
  let ui = 0;
  const unregister = (name: string) => {
    const dv = devs.get(name);
    if (!dv || dv.addedBy === undefined || dv.addedBy.startsWith('probe of') || delled.has(name) || around(dv.addTask).sync.length) return;
    act(dv.addedBy, `del ${name}`);
    delled.set(name, dv.addTask);
    // Read as its del, it is off its bus as after bus.c's remove line (device_unregister prints before
    // device_del's bus_remove_device): bus.c's add line again is no repeat (s50 h13).
    onBus.delete(name);
  };
  for (const e of log.events) {
    for (; ui < unregs.length && unregs[ui]!.line < e.line; ui++) unregister(unregs[ui]!.name);
    const task = e.task;
    const seenBefore = e.dev !== undefined ? lastSeen.get(e.dev) ?? 0 : 0;
    if (e.dev !== undefined) lastSeen.set(e.dev, e.line);
    if (e.rule.id === 'bus_remove_device' && e.dev !== undefined) onBus.delete(e.dev);
    const busFirst = e.rule.id === 'bus_add_device' && e.dev !== undefined ? onBus.get(e.dev) : undefined;
    if (e.rule.id === 'bus_add_device' && e.dev !== undefined && busFirst === undefined) onBus.set(e.dev, e.line);
    switch (e.rule.id) {
      case 'initcall_start': if (e.module) { inits.set(initKey(task), [...(inits.get(initKey(task)) ?? []), e.module]); modules.add(e.module); initLine.set(e.module, e.line); } break;
      case 'late_initcall_start': used++; late ??= { line: e.line, how: 'its initcall_debug line', ...(task !== undefined ? { task } : {}) }; break;
      case 'initcall_done': {
        const l = (inits.get(initKey(task)) ?? []).filter((m) => m !== e.module);
        if (l.length) inits.set(initKey(task), l); else inits.delete(initKey(task));
        break;
      }
      case 'device_add': case 'bus_add_device': {
        if (e.inProbe) { inProbeAdds.push(e); break; }
        if (e.namesake !== undefined) { namesakes++; break; }
        used++;
        const d = dev(e.dev!, e.bus);
        if (!addLine.has(d.name)) addLine.set(d.name, e.line);
        // Added again after an actor's del: the same actor's add again (a new struct device).
        if (delled.has(d.name) && task === delled.get(d.name)) { delled.delete(d.name); act(d.addedBy!, `add ${d.name}`); break; }
        if (d.addedBy !== undefined || d.parent !== undefined) {
          // A child of a probe added again outside a probe of its parent (after its del, under
          // another parent, or by an actor): one device has one parent and one registrar, so the
          // add is the first's, said (s49 h7: silent, and validate stopped at that line).
          const now = around(task).sync.at(-1)?.[0];
          if (d.addedBy?.startsWith('probe of') && now !== d.parent && !readds.some((x) => x.dev === d.name)) readds.push({ dev: d.name, line: e.line, first: addLine.get(d.name)!, by: `${d.addedBy}`, ...(now !== undefined ? { now } : {}) });
          // bus.c's add line again with no remove line since: a device on its bus is added once
          // (device_add of a name registered fails, -EEXIST); dropped with no word before (s50 h9).
          else if (busFirst !== undefined && !readds.some((x) => x.dev === d.name)) twice.push({ dev: d.name, line: e.line, first: busFirst });
          break;
        }
        const enc = enclosing(d.name, task, e.line);
        if (enc) {
          const [pdev, p] = enc;
          d.parent = pdev; hasChild.add(pdev);
          const pd = drv(p.drv);
          if (!pd.registers.includes(d.name)) pd.registers.push(d.name);
          d.addedBy = `probe of ${pdev}`;
          if (task !== undefined) d.addTask = task;
        } else {
          d.addedBy = actorOf(task);
          if (task !== undefined) d.addTask = task;
          act(d.addedBy, `add ${d.name}`);
        }
        break;
      }
      case 'bus_remove_driver': case 'bus_remove_device': {
        used++;
        const name = e.rule.id === 'bus_remove_driver' ? e.drv! : e.dev!;
        const inProbe = around(task).sync;
        const mod = e.rule.id === 'bus_remove_driver' ? drvs.get(name)?.module : undefined;
        // A removal inside a probe is that probe's (its error path, a probe that unregisters):
        // not an actor's action; a module's driver goes with rmmod; a device's removal may be
        // devres undoing a failed probe, which the model does by itself.
        // A device an actor added, removed outside any probe by the same task (or in a log without
        // caller ids): that actor's `del` (a log hunt, 2026-12-04: validate stopped at the removal).
        const dv = e.rule.id === 'bus_remove_device' ? devs.get(name) : undefined;
        const delByAdder = dv !== undefined && !inProbe.length && dv.addedBy !== undefined && !dv.addedBy.startsWith('probe of') && (task === undefined || task === dv.addTask);
        // Inside the probe that registered it, before the line deciding that probe: probe()'s own
        // error path (platform_device_unregister), not devres, which runs after probe() returns and
        // after its deferral or error line (really_probe's probe_failed), where the model removes a
        // failed probe's children. A log hunt, 2026-12-06: the note said "devres ..., which the model
        // does itself", and validate stopped at the removal.
        const reg = dv !== undefined ? inProbe.find(([pdev]) => dv.addedBy === `probe of ${pdev}`) : undefined;
        if (reg && decidedAfter(reg[0], e.line)) { removals.push({ name, line: e.line, why: `device ${name} removed at line ${e.line}, inside ${reg[1].drv}'s probe of ${reg[0]} that registered it and before the line deciding that probe: probe()'s own error path unregistering it, which the model does not take (it removes a failed probe's children after probe() returns, where devres does, after the deferral or error line), so \`validate\` stops at line ${e.line}` }); break; }
        if (e.rule.id === 'bus_remove_driver' && !inProbe.length && mod === undefined) act(actorOf(task), `unregister ${name}`);
        else if (delByAdder) { act(dv.addedBy!, `del ${name}`); delled.set(name, task); }
        else removals.push({ name, line: e.line, why: e.rule.id === 'bus_remove_device' ? `device ${name} removed at line ${e.line}: not written (an actor's \`del ${name}\`, or devres undoing a failed probe of its parent, which the model does itself)` : mod !== undefined ? `driver ${name} removed at line ${e.line}: not written (its module ${mod}: \`rmmod ${mod}\` by hand)` : `driver ${name} removed at line ${e.line}, while a probe was open: not written (a probe that unregisters a driver is not modelled)` });
        break;
      }
      case 'bus_add_driver': {
        used++;
        const d = drv(e.drv!, e.bus);
        if (d.registeredBy !== undefined) break;
        if (task !== undefined) d.regTask = task;
        const under = inits.get(initKey(task)) ?? [];
        if (under.length > 1) unsure++;
        const m = under.length === 1 ? under[0] : undefined;
        if (m) { d.module = m; d.registeredBy = `modprobe ${m}`; if (!actions.has(d.registeredBy)) act(d.registeredBy, `modprobe ${m}`); }
        else { d.registeredBy = actorOf(task); act(d.registeredBy, `register ${d.name}`); }
        break;
      }
      case 'matched': case 'probing': {
        used++;
        // driver_probe_device prints "matched" and calls really_probe with the same drv, which prints
        // "probing" with its name (dd.c at torvalds@efb0b309fa0d: __driver_probe_device:789-790 and its really_probe call, really_probe:621-622): a probing line
        // right after an undecided matched line of the same device names the same driver. One that
        // does not was edited or mangled (s47 h10: an imx8mq boot quoted on linux-pm, 2019-10-15,
        // "matched ... with driver imx-ddrc-devfrq", then "probing driver imx-ddrc-devfreq"): said.
        const prev = attempt.get(e.dev!);
        const m = matchedAt.get(e.dev!);
        if (e.rule.id === 'probing' && prev && !prev.decided && prev.drv !== e.drv && m?.drv === prev.drv) {
          notes.push(`${e.dev}: line ${e.line}'s probing line names driver ${e.drv}, but the matched line just before it (line ${m.line}) names ${prev.drv}, and nothing decided that attempt between: driver_probe_device prints both of one driver (it passes that drv to really_probe), so the log was edited or mangled there, or lost ${e.drv}'s own matched line (and ${prev.drv}'s attempt ended with no line: a supplier not ready, with core.c's lines off); both written as the log names them, and \`validate\` stops at line ${e.line}; if it is one driver, give the two one name`);
        }
        if (e.rule.id === 'matched') matchedAt.set(e.dev!, { drv: e.drv!, line: e.line }); else matchedAt.delete(e.dev!);
        const d = pair(e.dev!, e.drv!, e.bus);
        fromInit(d, task, e.dev!, e.line);
        if (e.rule.id === 'matched' || attempt.get(e.dev!)?.drv !== e.drv) attempt.set(e.dev!, { drv: e.drv!, decided: false });
        // A probe that starts inside another probe in the same task: the outer probe registered its device.
        const dv0 = devs.get(e.dev!)!;
        if (dv0.addedBy === undefined && dv0.parent === undefined && !open.has(e.dev!)) {
          const enc = enclosing(dv0.name, task, e.line, true);
          if (enc) {
            const [pdev, p] = enc;
            dv0.parent = pdev; hasChild.add(pdev); dv0.addedBy = `probe of ${pdev}`;
            const pd = drv(p.drv);
            if (!pd.registers.includes(dv0.name)) pd.registers.push(dv0.name);
            notes.push(`${dv0.name}: probed inside the probe of ${pdev} (line ${e.line}): taken as registered by it`);
          }
        }
        // The probe is open from its probing line; from its matched line too where the log shows
        // initcall_debug's returns: __driver_probe_device prints matched after its -ENODEV/-EBUSY
        // checks, then really_probe_debug always prints "probe of X returned" (dd.c at
        // torvalds@f8fb576658a3), so the probe closes. A log hunt, 2026-12-05: msm-mdss's probe,
        // seen only as matched ... returned, did not enclose the children it populated.
        if (e.rule.id === 'probing' || (matchedOpens && !open.has(e.dev!))) {
          open.set(e.dev!, { drv: e.drv!, line: e.line, ...(task !== undefined ? { task } : {}), ...(seenAsync.has(e.dev!) || d.async ? { async: e.line } : {}), ...(e.rule.id === 'probing' ? { probing: true as const } : {}) });
        }
        if (e.rule.id === 'probing') {
          tried(e.dev!, e.drv!, false);
          const dv = devs.get(e.dev!)!;
          const byRetry = retried.has(e.dev!) && retried.get(e.dev!) === task;
          // Neither the task that added the device nor the one that registered the driver, nor the deferred worker's retry: an async worker.
          if (task !== undefined && !byRetry && dv.addTask !== undefined && d.regTask !== undefined && dv.addTask !== task && d.regTask !== task) d.async = true;
        }
        break;
      }
      case 'retry':
        used++; retried.set(e.dev!, task);
        if (!deferredSeen.has(e.dev!) && !undeferred.has(e.dev!)) undeferred.set(e.dev!, e.line);
        break;
      case 'async_scheduled': case 'async_done': used++; seenAsync.add(e.dev!); break;
      case 'drv_async': case 'drv_async_done': used++; pair(e.dev!, e.drv!).async = true; break;
      case 'deferral': case 'probe_failed': case 'rejects_match': {
        used++;
        const d = pair(e.dev!, e.drv!);
        fromInit(d, task, e.dev!, e.line);
        outcome(d, e.rule.id === 'deferral' ? 'defer' : 'error');
        if (e.rule.id === 'deferral') { deferredSeen.add(e.dev!); otherDefer.add(d.name); }
        ended(e.dev!);
        break;
      }
      case 'devres_present': {
        // The probe open on the device fails there with -EBUSY (dd.c at torvalds@5a7a9efdb193:605-609).
        const p = open.get(e.dev!);
        if (!p) break;
        used++;
        const d = pair(e.dev!, p.drv);
        fromInit(d, task, e.dev!, e.line);
        outcome(d, 'error');
        notes.push(`${e.dev}: "Resources present before probing" at line ${e.line}: ${p.drv}'s probe failed there with -EBUSY before probe() ran (really_probe's devres test): taken as a probe error, which the model prints as a "failed with error" line this log does not have`);
        ended(e.dev!);
        break;
      }
      case 'match_deferral': matchDeferAt.set(e.dev!, e.line); break;
      case 'force_deferral': forceAt.set(e.dev!, e.line); break;
      case 'deferred_add': {
        // Put there by the bus's match() deferring, the line before it for this device says so:
        // no probe ran, and no supplier's bind did it (a log hunt, 2026-12-06: the note said one of those).
        const md = matchDeferAt.get(e.dev!);
        matchDeferAt.delete(e.dev!);
        if (md !== undefined && md === seenBefore) { byMatch.push({ dev: e.dev!, at: md, line: e.line }); deferredSeen.add(e.dev!); break; }
        const a = attempt.get(e.dev!);
        // A deferral line decides it too (a log may lack the matched line before it).
        if (!a && !deferredSeen.has(e.dev!) && !addedUnprobed.has(e.dev!)) addedUnprobed.set(e.dev!, e.line);
        deferredSeen.add(e.dev!);
        if (!a || a.decided) break;
        used++;
        outcome(pair(e.dev!, a.drv), 'defer');
        // really_probe's first test (dd.c at torvalds@5a7a9efdb193:162-168): defer_all_probes, which
        // device_block_probing sets, defers before the probing line; its own line says so.
        const forced = forceAt.get(e.dev!);
        const forcedHere = forced !== undefined && forced === seenBefore && !open.has(e.dev!);
        if (forcedHere || open.has(e.dev!)) otherDefer.add(a.drv);
        else (linkDeferred.get(e.dev!) ?? linkDeferred.set(e.dev!, { line: e.line, drv: a.drv, notes: [] }).get(e.dev!)!).notes.push(notes.length);
        if (forcedHere) notes.push(`${e.dev}: "Driver ${a.drv} force probe deferral" at line ${forced}, then added to the deferred list at line ${e.line}: really_probe deferred it because defer_all_probes was set (device_block_probing: device_shutdown at a reboot, dpm_prepare at a suspend), not probe() nor a supplier: taken as ${a.drv}'s probe deferring; the model sets defer_all_probes in a \`reboot\` action's device_shutdown`);
        else if (!open.has(e.dev!)) notes.push(`${e.dev}: matched ${a.drv} and was added to the deferred list at line ${e.line} with no probe line between, as when a supplier is not ready (device_links_check_suppliers defers before the probe): taken as ${a.drv}'s probe deferring, ${probeLines ? 'which prints probe lines (really_probe\'s) this log lacks there, so `validate` stops there' : 'which prints probe lines (really_probe\'s), but this log has none of that kind, so `validate` does not look for them'}; ${ADVICE(e.dev!)}`);
        ended(e.dev!);
        break;
      }
      case 'bound_to': case 'bound': {
        used++;
        // v3.x's driver_bound prints the device first (dd.c at v3.6.0:187, the same format string with
        // the arguments the other way round): names already seen as a device and as a driver say which
        // (a log hunt, 2026-12-04: a 3.x log got a device named after its driver and the other way round).
        let dev = e.dev!, drvName = e.drv!;
        if (e.rule.id === 'bound_to' && namesSwapped(dev, drvName, (n) => devs.has(n), (n) => drvs.has(n))) {
          // A v3.x driver's name with spaces (pnp's "i8042 kbd") stands where the device's does: one word, as its other lines read (parse.ts oneWord).
          [dev, drvName] = [drvName, oneWord(dev)];
          if (!swapped) notes.push(`line ${e.line}: driver_bound names the device first, as v3.x's dd.c prints it: read that way round`);
          swapped = true;
        }
        const at = bindOnly.get(e.line);
        if (at !== undefined) {
          pair(dev, drvName);
          notes.push(`line ${e.line}: ${dev} is bound to ${drvName} with no matched or probing line before it since its deferral at line ${at}, where the log's other probes print them (dd.c's debug lines are on): device_bind_driver's bind, which prints driver_bound's line and runs no probe (a driver's probe claiming another device, as usb_driver_claim_interface does), not a retry of ${dev}. The model has no such bind: the scenario leaves it out, and \`validate\` stops at line ${e.line}`);
          break;
        }
        const d = pair(dev, drvName, e.rule.id === 'bound' ? e.bus : undefined);
        fromInit(d, task, dev, e.line);
        outcome(d, 'ok');
        ended(dev);
        break;
      }
      case 'probe_returned': {
        used++;
        // The driver the line names (the newer form's), else the probe open, else the device's last attempt (its matched line),
        // else the driver another line names for it: the old form has the device only.
        const own = e.drv, p = open.get(e.dev!), a = attempt.get(e.dev!), known = own !== undefined || p !== undefined || a !== undefined;
        const named = known ? undefined : namedDriver(e.dev!, e.line, e.ret);
        const prefixed = known || named ? undefined : prefixDriver(e.dev!, seenBefore, e.line);
        // Only for a deferral, which the device's later attempts retry: after an error the walk
        // goes on to the next matching driver (__device_attach_driver returns 0 for probe's positive
        // error, dd.c at torvalds@f04948dea236:457-464, 598), so a later driver's lines are likely
        // that other driver's, and X-driver beside it is the model that prints the log.
        // A bind's too: dev_driver_string gives the bound driver's name until an unbind, and every later
        // line naming one driver is asked (s41 h5: the retry that bound got a made-up X-driver beside
        // the deferral taken as the driver's, two drivers of one device, the notes contradicting).
        const bindsHere = binds(e);
        const later = known || named || prefixed || (retClass(e.ret!) !== 'defer' && !bindsHere) ? undefined : laterPrefixDriver(e.dev!, e.line);
        // Else the driver whose attempt deferred the device last (the retry's), else, inside a built-in
        // initcall's bracket, the driver that initcall registers (its driver_attach walk), one for the
        // bracket's devices, not one made up per device.
        const prev = lastReturned.get(e.dev!), unnamed = !(known || named || prefixed || later);
        // A quiet `returned 0` before v5.14 (below) may be a deferral: an unnamed later attempt of the device,
        // once the late initcall has enabled deferred probing (driver_deferred_probe_trigger returns before
        // deferred_probe_initcall sets driver_deferred_probe_enable, v5.4 at 97e2551de3f9:162, v4.19.y) and
        // outside another quiet initcall's walk, is the deferred worker's retry of it: an error is not retried.
        // A device deferred before the late initcall is retried inside its lines (deferred_probe_initcall
        // flushes the worker it triggers, deferred_probe_initcall at 97e2551de3f9:321), but an async driver's retry, which the worker
        // only schedules: a quiet one with no attempt there was no deferral (its device's later attempt is
        // another driver's).
        const requiet = unnamed && prev?.quiet !== undefined && late !== undefined && late.line < e.line && !initWalk(e)
          && (prev.quiet.line > late.line || lateDone === undefined || e.line < lateDone || drvs.get(prev.drv)?.async === true) ? prev.quiet : undefined;
        const retry = unnamed && (prev?.defer || requiet) ? prev!.drv : undefined;
        let br = unnamed && !retry ? initWalk(e) : undefined;
        // An attempt that outlasts the built-in initcall it began in ran in an async worker (not a retry:
        // the deferred worker's, after the late initcall, may begin anywhere); unnamed, it is the driver
        // that initcall registers where no line inside it names one.
        const ob = prev?.defer || requiet ? undefined : outlasts(e);
        if (ob && unnamed && !retry && !br && !ADDS_DEVICES.has(ob.fn) && quiet(ob)) br = ob;
        const byInit = br ? `${br.fn}-driver` : undefined;
        const dname = own ?? p?.drv ?? a?.drv ?? named?.drv ?? prefixed?.drv ?? later?.drv ?? retry ?? byInit ?? `${e.dev}-driver`;
        // Before v5.14 a deferral returns 0 too: its "requests probe deferral" line (dd.c's debug lines on) says so,
        // so its retry is not taken for another driver's or an async worker's attempt.
        const deferLine = !zeroBinds && e.ret === 0 && (deferLines.get(e.dev!) ?? []).some((l) => l > (prev?.line ?? 0) && l < e.line);
        lastReturned.set(e.dev!, { drv: dname, line: e.line, defer: retClass(e.ret!) === 'defer' || deferLine });
        if (requiet) {
          requiet.retried = e.line;
          const q = drv(requiet.drv);
          outcome(q, 'defer'); deferredSeen.add(e.dev!); otherDefer.add(q.name);
        }
        if (byInit) {
          (byInitDevs.get(byInit) ?? byInitDevs.set(byInit, { fn: br!.fn, from: br!.from, to: br!.to, ret: br!.ret, devs: [] }).get(byInit)!).devs.push(e.dev!);
        }
        if (later && !drvs.has(later.drv)) notes.push(`${e.dev}: "probe of ${e.dev} returned" at line ${e.line} with no line naming its driver in that attempt: taken as ${later.drv}'s, the one driver the device's dev_printk lines name (line ${later.line}'s prefix, ${bindsHere ? "a later line's: dev_driver_string gives the bound driver's name" : "a later attempt's: dev_driver_string gives the driver's name while its probe runs"})`);
        if (prefixed && !drvs.has(prefixed.drv)) notes.push(`${e.dev}: "probe of ${e.dev} returned" at line ${e.line} with no line naming its driver: called ${prefixed.drv}, the name before the device in line ${prefixed.line}'s dev_printk prefix (dev_driver_string: the driver's while its probe runs, the bus's otherwise)`);
        if (named && !drvs.has(named.drv)) notes.push(`${e.dev}: "probe of ${e.dev} returned" at line ${e.line} with no matched or probing line before it (lost, or before the capture): taken as ${named.drv}'s, the driver line ${named.line} names for it${log.events.some((x) => x.rule.id === 'matched') ? '; the model prints a "matched" line before it, which this log has elsewhere, so `validate` stops there' : ''}`);
        if (own === undefined && !named && !prefixed && !later && !p && !a && !byInit && !retry && !drvs.has(dname)) notes.push(`${e.dev}: no line of the log names its driver (line ${e.line} is "probe of ${e.dev} returned" alone): called ${dname} here; rename it to the real driver`);
        const d = pair(e.dev!, dname);
        fromInit(d, task, e.dev!, e.line);
        tried(e.dev!, dname, true);
        if (ob) {
          if (!d.async) notes.push(`${dname}: the probe of ${e.dev} that line ${e.line} returns began inside built-in initcall ${ob.fn}'s initcall_debug lines (${ob.from}-${ob.to}: ${e.usecs} usecs before its line) and ended after ${ob.fn} returned, of a device the log showed before (line ${firstSeen.get(e.dev!)}): the initcall's driver_attach walk is synchronous, so another task ran it, taken as the async worker of a driver that prefers asynchronous probing (__driver_attach's async_schedule_dev): written probeType 'async'${log.callerIds ? '' : ' (printk.caller=1 would name the task)'}`);
          d.async = true;
        }
        const c = retClass(e.ret!);
        if (negates && e.ret === -517) coreDefer ??= { line: e.line, dev: e.dev!, drv: dname, probing: p?.probing === true, words: returnedWords(e) };
        // 1 (bound) before 5.14, 0 (bound) since (zeroBinds); 0 before 5.14 is any unbound end: left as seen elsewhere.
        if (c === '1') outcome(d, 'ok');
        else if (c === 'defer') {
          outcome(d, 'defer'); deferredSeen.add(e.dev!);
          // -517 before any probing line, where really_probe negates probe()'s own: the core's, before probe().
          // In a log with none of dd.c's debug lines, pinctrl_bind_pins' or dma_configure's
          // deferral (after that line) reads the same: a link's only where device_links_check_suppliers says so.
          if (negates && e.ret === -517 && !p?.probing && (probingLines || (linkLines.get(e.dev!) ?? []).some((x) => x.ready))) { if (!linkDeferred.has(e.dev!)) linkDeferred.set(e.dev!, { line: e.line, drv: dname, notes: [] }); }
          else otherDefer.add(dname);
        }
        else if (c === 'error') outcome(d, 'error');
        else if (c === '0' && zeroBinds) outcome(d, 'ok');
        else if (c === '0' && !(decides.get(e.dev!) ?? []).some((l) => l > (prev?.line ?? 0) && l < e.line)) {
          // Before v5.14 really_probe returns 0 for every unbound end ("Ignore errors returned by ->probe",
          // `ret = 0;`, v5.10.13 dd.c:652), and an attempt no other line decides printed nothing at
          // KERN_WARNING: no "failed with error" (pr_warn for any error but -ENODEV and -ENXIO, v5.10.13
          // dd.c:645, whose "rejects match" is pr_debug, 640), and a deferral's "requests probe deferral" is
          // dev_dbg (635). So -ENODEV or -ENXIO, or a deferral where dd.c's debug lines are off: taken as an error
          // (before s43 as a bind, which prints `returned 1` there), said.
          if (!d.outcomes.includes('error')) d.outcomes.push('error');
          const q = { dev: e.dev!, drv: dname, line: e.line };
          quietZero.push(q);
          lastReturned.set(e.dev!, { drv: dname, line: e.line, defer: false, quiet: q });
        }
        ended(e.dev!);
        break;
      }
      case 'check_state_timeout': case 'check_state_nodriver': {
        // driver_deferred_probe_check_state, inside a probe of the device (dd.c at torvalds@5a7a9efdb193:290-303):
        // its driver is the prefix's (dev->driver is set while probe() runs), else the probe open.
        const owner = e.owner !== undefined && e.owner !== '' && !BUSES.has(e.owner) ? e.owner : undefined;
        const dname = owner ?? open.get(e.dev!)?.drv ?? attempt.get(e.dev!)?.drv;
        const timeout = e.rule.id === 'check_state_timeout';
        // The timeout is 0 once the timeout work ran, or from the start (deferred_probe_timeout=0, or the default of
        // v5.9 .. v5.19: 0 at 654888327e9f, 5.10.13, f04948dea236; -1 at 376991db4b64 and 97e2551de3f9; 10 with
        // modules from v6.0): so the line says that the late initcall ran, not that the timeout work did.
        late ??= { line: e.line, how: timeout ? 'driver_deferred_probe_check_state\'s "deferred probe timeout, ignoring dependency", which it prints only once the late initcall set initcalls_done (with driver_deferred_probe_timeout 0)' : 'driver_deferred_probe_check_state\'s "ignoring dependency for device", which it prints only once the late initcall set initcalls_done' };
        if (dname === undefined) { checkState.push({ dev: e.dev!, line: e.line, timeout }); break; }
        used++;
        const d = pair(e.dev!, dname);
        fromInit(d, task, e.dev!, e.line);
        // Before that, the same call returned -EPROBE_DEFER: the driver deferred the device then.
        if (!d.outcomes.includes('defer')) d.outcomes.unshift('defer');
        otherDefer.add(d.name);
        deferredSeen.add(e.dev!);
        checkState.push({ dev: e.dev!, drv: dname, line: e.line, timeout });
        break;
      }
      case 'deferred_pending':
        used++; notes.push(`${e.dev}: deferred probe pending at line ${e.line}${e.reason ? ` (${e.reason})` : ''}`);
        late ??= { line: e.line, how: "the timeout work's \"deferred probe pending\", which only the late initcall schedules" };
        break;
      default: break;
    }
  }
  // device_unregister lines after the last event (an rmmod or unbind at the end of the capture).
  for (; ui < unregs.length; ui++) unregister(unregs[ui]!.name);
  for (const d of seenAsync) for (const x of drvs.values()) if (x.matches.includes(d)) x.async = true;
  /**
   * A deferral the log shows only by device_links_check_suppliers' words (`supplier X not ready`,
   * `wait for supplier N`), with none of dd.c's lines of that attempt: no matched, probing or
   * "Added to deferred list" line of the device (a selection of a log's lines, as a mail quotes
   * them). really_probe returns that -EPROBE_DEFER before probe() (dd.c at torvalds@efb0b309fa0d:
   * really_probe:618-620) and driver_probe_device puts the device on the deferred list (831-832), so a probe of the device deferred
   * there: taken as the probe of the driver the log next names for the device (its bound line), as
   * an "Added to deferred list" with no probe line between is. s47 h10: a mt8195 boot's
   * `platform backlight-lcd0: error -EPROBE_DEFER: supplier 1100e000.pwm not ready`, then
   * pwm-backlight's driver_bound (LKML, 2024-10-15), was dropped with no word, pwm-backlight
   * written with no `defer`, and `validate` of the scenario against that log stopped at line 4.
   */
  const OPENS = ['matched', 'probing'], DECIDES = ['deferral', 'probe_failed', 'rejects_match', 'devres_present', 'bound_to', 'bound', 'probe_returned', 'deferred_add'];
  for (const [dv, said] of linkLines) {
    const f = said.find((x) => x.ready && !x.pending && coreLines.has(x.line));
    if (f === undefined) continue;
    const own = log.events.filter((e) => e.dev === dv);
    // An attempt the log opened and had not decided by then is that attempt's (the main loop reads it, with its deferred-list line).
    const before = own.filter((e) => e.line < f.line && (OPENS.includes(e.rule.id) || DECIDES.includes(e.rule.id))).at(-1);
    if (before !== undefined && OPENS.includes(before.rule.id)) continue;
    // So is one whose "Added to deferred list" (or deferral) follows before the device's next attempt.
    const next = own.find((e) => e.line > f.line && (OPENS.includes(e.rule.id) || ['deferred_add', 'deferral'].includes(e.rule.id)));
    if (next !== undefined && !OPENS.includes(next.rule.id)) continue;
    // Every line naming a driver for it, not namedFor's first per driver: a driver named before the
    // supplier line (its own deferral) and next by its bound line was "no later line names its
    // driver" (s47 h12). driver_bound apart (v3.x names the device second): the main loop read its names.
    const named = log.events.filter((e) => e.line > f.line && e.dev === dv && e.drv !== undefined && (NAMING.includes(e.rule.id) || (e.rule.id === 'bound_to' && drvs.get(e.drv)?.matches.includes(dv))))
      .map((e) => ({ drv: e.drv!, line: e.line }))[0];
    if (named === undefined) {
      notes.push(`${dv}: line ${f.line} ${f.how}: device_links_check_suppliers deferred a probe of it before its driver's probe() ran, with no line of dd.c's of that attempt; no later line names its driver, so nothing is written for it`);
      continue;
    }
    // Before its bind, as an attempt's outcomes read in the log's order.
    const d = pair(dv, named.drv);
    if (!d.outcomes.includes('defer')) d.outcomes.unshift('defer');
    deferredSeen.add(dv);
    if ((undeferred.get(dv) ?? 0) > f.line) undeferred.delete(dv);
    const attemptLines = own.some((e) => OPENS.includes(e.rule.id));
    (linkDeferred.get(dv) ?? linkDeferred.set(dv, { line: f.line, drv: named.drv, notes: [] }).get(dv)!).notes.push(notes.length);
    notes.push(`${dv}: line ${f.line} ${f.how}, device_links_check_suppliers' deferral of a probe before the driver's probe() ran, with no matched, probing or "Added to deferred list" line of that attempt (a selection of the log's lines${attemptLines ? ', or a capture that starts inside it' : ''}): taken as the probe of ${named.drv} (line ${named.line} names it) deferring; ${ADVICE(dv)}`);
  }
  // A retry means the device was on the deferred list: the log starts after its deferral, or the
  // capture cut it. Its driver may defer, so that the model can put it there (validate --excerpt).
  for (const [dv, line] of undeferred) {
    const by = [...drvs.values()].filter((x) => x.matches.includes(dv));
    for (const x of by) { if (!x.outcomes.includes('defer')) x.outcomes.unshift('defer'); otherDefer.add(x.name); }
    notes.push(`${dv}: retried from the deferred list at line ${line} with no deferral before it in the log (the log starts after it, or the capture cut it): ${by.length ? `${by.map((x) => x.name).join(', ')} may defer too, so the model can defer it before the log starts` : 'no driver probes it in the log'}`);
  }
  // An action's arguments are split on spaces ('register i8042 kbd' is two): a device whose name
  // holds one cannot be written, so it is left out, said, rather than renamed (a driver's name is
  // read as one word: parse.ts oneWord).
  const spaced = (n: string) => /\s/.test(n), refused = new Set<string>();
  for (const d of drvs.values()) {
    const bad = d.matches.filter(spaced);
    for (const m of bad) if (!refused.has(m)) { refused.add(m); notes.push(`device '${m}': its name holds a space, which a scenario's actions cannot name (they split on spaces): left out`); }
    d.matches = d.matches.filter((m) => !spaced(m));
  }
  // A driver's name with spaces is read as one word (parse.ts oneWord, as `validate` reads it too): said, with its first line.
  const spacedAt = new Map<string, { name: string; line: number }>(), plainToo = new Set<string>();
  for (const e of log.events) {
    // v3.x's driver_bound, the driver's name where the device's is (read swapped above).
    if (e.rule.id === 'bound_to' && e.dev !== undefined && spaced(e.dev) && drvs.has(oneWord(e.dev)) && !spacedAt.has(oneWord(e.dev))) spacedAt.set(oneWord(e.dev), { name: e.dev, line: e.line });
    if (e.drv === undefined) continue;
    if (e.spaced === undefined) plainToo.add(e.drv);
    else if (!spacedAt.has(e.drv)) spacedAt.set(e.drv, { name: e.spaced, line: e.line });
  }
  for (const [w, x] of spacedAt) if (drvs.get(w)?.matches.length) notes.push(`driver '${x.name}' (line ${x.line}): its name holds spaces, which a scenario's actions cannot name (they split on spaces): written as ${w}, the name \`validate\` reads in the log's lines for it${plainToo.has(w) ? `; a line names ${w} itself, taken as the same driver` : ''}`);
  // Keep devices that some driver probed, or that are parents of one.
  const keep = new Set<string>();
  for (const d of drvs.values()) for (const m of d.matches) { keep.add(m); for (let p = devs.get(m)?.parent; p && !spaced(p) && !keep.has(p); p = devs.get(p)?.parent) keep.add(p); }
  for (const d of devs.values()) if (!keep.has(d.name) && !refused.has(d.name) && !(d.parent !== undefined && spaced(d.parent))) notes.push(`${d.name}: no driver probed it in the log; left out`);
  // A device no line names a bus for whose supplier line's first word was read as its bus (unknownBus).
  for (const [n, b] of busSaid) { const d = devs.get(n); if (d && !d.busSeen) { d.bus = b.bus; d.busSeen = true; notes.push(`${n}: on bus ${b.bus}, the first word of its supplier line ${b.line} (dev_bus_name, as device_links_check_suppliers prints it before a driver is bound)`); } }
  // A driver no line names a bus for (driver_bound's line, initcall_debug's returns) is on its
  // devices' bus where a line names it (bus.c's `add device`): before, a log of bus.c's lines and
  // initcall_debug's returns put the driver on platform and its USB device on usb, E601, nothing
  // written (a log hunt, 2026-12-06).
  for (const d of drvs.values()) {
    if (d.busSeen) continue;
    const on = [...new Set(d.matches.map((m) => devs.get(m)).filter((x) => x?.busSeen).map((x) => x!.bus))];
    if (on.length === 1) { d.bus = on[0]!; d.busSeen = true; }
  }
  // A device no line names a bus for (seen only in driver_bound's line) is on its driver's bus.
  for (const d of devs.values()) if (!d.busSeen) { const x = [...drvs.values()].find((r) => r.busSeen && r.matches.includes(d.name)); if (x) d.bus = x.bus; }
  // A name on two devices, with no bus named for it or them (driver_bound's and the failure lines name
  // none): one driver on platform, as bus-keyed.ts can split it only by a bus. Said (s50 h6: it was not).
  for (const d of drvs.values()) {
    if (d.busSeen || d.matches.length < 2 || d.matches.some((m) => devs.get(m)?.busSeen)) continue;
    notes.push(`driver ${d.name}: no line names a bus for it or its devices ${d.matches.join(', ')}: written as one driver of them all on bus platform, a guess; two drivers of one name on two buses (an i2c and an spi driver may register one name) would print these lines alike, and only lines that name the bus (bus.c's \`bus: '...': add device\`, dd.c's probing lines) tell them apart`);
  }
  const devices: ScenarioSpec['devices'] = {};
  for (const d of [...devs.values()].filter((x) => keep.has(x.name)).sort((a, b) => a.order - b.order)) {
    devices[d.name] = { ...(d.parent ? { parent: d.parent } : {}), ...(d.addedBy === undefined ? { present: true } : {}), ...(d.bus !== 'platform' ? { bus: d.bus } : {}) };
  }
  /**
   * A deferral before the probe with a line naming the supplier (device_links_check_suppliers'
   * words, or fw_devlink's "Linked as a consumer to"): written as the device's `suppliers`, which
   * models that deferral (a link made before the start, with DL_FLAG_AUTOPROBE_CONSUMER: the
   * supplier's bind retries it), where the model can hold it; the driver's `defer` goes where no
   * other line of it deferred. What it could not write, and why, goes where the advice was.
   * "supplier X not ready" names a device; "wait for supplier N" a firmware node (%pfwP its name,
   * %pfwf its path), taken as the device of that name in the log, else as the platform device
   * of_device_make_bus_id names after it ("%llx.%pOFn": the translated address, then the node
   * name without its unit address, in a posted patch's text of drivers/of; older trees "%llx.%s",
   * node->name) where the log has one: a guess, said (the address a parent's ranges translate
   * differs from the unit address).
   */
  const advice = new Map<string, string>(), linksWritten: string[] = [], unDefer = new Map<string, Set<string>>();
  const hasFlag = PROFILES[prof]?.flags.includes('AUTOPROBE_CONSUMER') ?? false;
  /**
   * The name of_device_make_bus_id gives the device of a node (drivers/of/platform.c, the loop
   * form): from the node up, a node whose reg translates ends it as "%llx.%pOFn" (then ":" and the
   * names below it), one without reg adds its name ("%s:%s") and goes to its parent, the root
   * ending it. Taken from the path alone: a unit address as the translated one (a parent's ranges
   * may move it), a node without one as having no reg; undefined for a unit address not one
   * number (`port@1,0`). %pfwP gives the node's name only: taken as a root node's child.
   */
  const busId = (parts: string[]) => {
    let name: string | undefined;
    for (let i = parts.length - 1; i >= 0; i--) {
      const p = parts[i]!, m = /^([^@]+)@([0-9a-fA-F]+)$/.exec(p);
      if (m) { const a = `${BigInt(`0x${m[2]!}`).toString(16)}.${m[1]!}`; return name === undefined ? a : `${a}:${name}`; }
      if (p.includes('@')) return undefined;
      name = name === undefined ? p : `${p}:${name}`;
    }
    return name;
  };
  /**
   * A node's device on a bus whose core names it, not of_device_make_bus_id: an i2c client
   * "%d-%04x" (i2c_dev_set_name, i2c-core-base.c at torvalds@03c11eb3b16d, line not counted: the adapter's number,
   * then the address with I2C_ADDR_OFFSET_TEN_BIT 0xa000 or I2C_ADDR_OFFSET_SLAVE 0x1000 or'd in
   * by i2c_encode_flags_to_addr; ACPI's "i2c-%s" aside), whose address is the node's reg less the
   * I2C_TEN_BIT_ADDRESS (1 << 31) and I2C_OWN_SLAVE_ADDRESS (1 << 30) flags (of_i2c_get_board_info,
   * i2c-core-of.c at gregkh@0903a08f3c55:41-49; include/dt-bindings/i2c/i2c.h at
   * torvalds@4981f05faf36:14-15); an spi device "%s.%u" (spi_dev_set_name, spi.c at
   * torvalds@000bee0ed70a: the controller's name, "spi%u" after its bus number, then the chip
   * select, the node's reg). The adapter's number and the bus number are an alias's or the next
   * free one, not in the path: a node is taken as such a device only where the log ties it to
   * its adapter or controller and the name so given is a device of the log. Ties read: i2c-core-of's
   * `dev_dbg(&adap->dev, "of_i2c: register %pOF\n", node)` (:72, the node's full path, printed
   * by the adapter), spi's `dev_dbg(dev, "registered child %s\n", dev_name(&spi->dev))` printed by
   * the controller's parent (__spi_add_device, `dev = ctlr->dev.parent`), and its "registered
   * %s %s\n" of the controller (spi_register_controller: master or slave; host or target after
   * a later rename), or an adapter `i2c-N` (i2c_register_adapter's "i2c-%d") or a controller `spiN`
   * seen added in the probe of the platform device of the node's parent. The numbers: i2c_add_adapter
   * takes the node's "i2c" alias, else the next free number; spi_register_controller the "spi"
   * alias, else one above the highest alias (both read in stored trees, 2026-12-06).
   * The unit address is taken as the reg (dtc warns where they differ). Two names: not taken.
   */
  const i2cReg: { nr: string; path: string; line: number }[] = [], spiChild: { parent: string; child: string; line: number }[] = [];
  const spiCtl: { parent: string; ctl: string; line: number }[] = [];
  for (const o of log.others) {
    const k = /^\S* (\S+): registered (?:master|slave|host|target) (spi\d+)$/.exec(o.text);
    if (k) spiCtl.push({ parent: k[1]!, ctl: k[2]!, line: o.line });
    const a = /^\S* i2c-(\d+): of_i2c: register (\S+)$/.exec(o.text);
    if (a) i2cReg.push({ nr: a[1]!, path: a[2]!, line: o.line });
    const c = /^\S* (\S+): registered child (spi\d+\.\d+)$/.exec(o.text);
    if (c) spiChild.push({ parent: c[1]!, child: c[2]!, line: o.line });
  }
  const i2cName = (nr: string, unit: string) => {
    let a = parseInt(unit, 16), off = 0;
    if (a >= 2 ** 31) { a -= 2 ** 31; off += 0xa000; }
    if (a >= 2 ** 30) { a -= 2 ** 30; off += 0x1000; }
    return `${nr}-${(a + off).toString(16).padStart(4, '0')}`;
  };
  /**
   * The names a unit address may give on adapter `nr`: dtc names an own-slave node without its flag
   * (check_i2c_bus_reg: `reg &= ~I2C_OWN_SLAVE_ADDRESS` before "%x", checks.c at dgibson/dtc@061c89ea064e,
   * line not counted), while its client gets 0x1000 or'd in: where the unit address lacks
   * the flag, that client's name too, if it is a device of the log (both are: two names).
   */
  const i2cNames = (nr: string, unit: string): [string, string][] => {
    const name = i2cName(nr, unit), a = parseInt(unit, 16);
    if (a % 2 ** 31 >= 2 ** 30) return [[name, '']];
    const own = i2cName(nr, (a + 2 ** 30).toString(16)), why: [string, string] = [own, ' (an own-slave client: I2C_OWN_SLAVE_ADDRESS in its reg, which dtc leaves out of the unit address, gives 0x1000)'];
    return devs.has(own) ? (devs.has(name) ? [[name, ''], why] : [why]) : [[name, '']];
  };
  /** Adapters (`i2c-N`) and controllers (`spiN`) by the device whose probe added them: made on the first use. */
  let hosts: Map<string, { h: string; why: string }[]> | undefined;
  const busClient = (parts: string[], base: string, node: string): { dev?: string; how: string } | undefined => {
    const u = /^[^@]+@([0-9a-fA-F]{1,8})$/.exec(base);
    if (!u) return undefined;
    const full = parts.length > 1, path = `/${parts.join('/')}`, parent = full ? busId(parts.slice(0, -1)) : undefined, cs = parseInt(u[1]!, 16);
    const found = new Map<string, string>();
    // %pfwf gives the full path, %pfwP the name alone: then any register line of a node so named.
    for (const r of i2cReg) if (full ? r.path === path : r.path.split('/').at(-1) === base) for (const [n, own] of i2cNames(r.nr, u[1]!)) found.set(n, `line ${r.line}: adapter i2c-${r.nr} registers ${r.path}, and i2c_dev_set_name names a client "%d-%04x", adapter number and address${own}`);
    if (parent !== undefined) {
      if (!hosts) {
        hosts = new Map();
        const host = (p: string, h: string, why: string) => (hosts!.get(p) ?? hosts!.set(p, []).get(p)!).push({ h, why });
        for (const d of devs.values()) if (d.parent !== undefined && /^(i2c-|spi)\d+$/.test(d.name)) host(d.parent, d.name, `${d.name.startsWith('spi') ? 'controller' : 'adapter'} ${d.name} is added in the probe of ${d.parent}, the device of the node's parent (where its add line is)`);
        for (const r of spiCtl) host(r.parent, r.ctl, `line ${r.line}: ${r.parent}, the device of the node's parent, registered controller ${r.ctl}`);
      }
      for (const { h, why } of hosts.get(parent) ?? []) {
        const m = /^(i2c-|spi)(\d+)$/.exec(h)!;
        for (const [name, own] of m[1] === 'spi' ? [[`spi${m[2]}.${cs}`, '']] : i2cNames(m[2]!, u[1]!)) if (!found.has(name!)) found.set(name!, `${why}, and ${m[1] === 'spi' ? 'spi_dev_set_name names a device "%s.%u", controller and chip select' : 'i2c_dev_set_name names a client "%d-%04x", adapter number and address'}${own}`);
      }
      for (const r of spiChild) if (r.parent === parent && r.child.endsWith(`.${cs}`)) found.set(r.child, `line ${r.line}: ${parent}, the device of the node's parent, registered child ${r.child}, and spi_dev_set_name names a device "%s.%u", controller and chip select`);
    }
    if (!found.size) return undefined;
    if (found.size > 1) return { how: `firmware node ${node} may be any of ${[...found.keys()].join(', ')} (${[...found.values()][0]}; and so on): not taken` };
    const [name, why] = [...found][0]!;
    return devs.has(name) ? { dev: name, how: ` (firmware node ${node} taken as ${name}: ${why}; the unit address taken as its reg)` } : { how: `firmware node ${node} would be ${name} (${why}), which is no device of this log` };
  };
  /**
   * A node's device on a bus whose core names it after its host's number, not in the path: an
   * SDIO function "%s:%d" (sdio_add_func: mmc_card_id, the card's "%s:%04x", host "mmc%d" and
   * RCA, then the function number, the node's reg: sdio_set_of_node's mmc_of_find_child_device;
   * reg 0 is the card itself, mmc_add_card's "%s:%04x"), an MDIO device "%s:%02x"
   * (mdio_device_create and phy_device_create: PHY_ID_FMT, the mii_bus's id, which is also its
   * device's name, then the address, the node's reg), a USB device "%d-%s" (usb_alloc_dev: the
   * bus number, then the devpath, the ports from the root hub joined by "."; usb_of_get_device_node
   * finds the node of a port by its reg). Ties read: an mmc host `mmcN` added in the probe of the
   * device of the node's parent, or sdhci's "mmcN: SDHCI controller on X [DEV] using"; a mii_bus
   * added in the probe of the device of the node's parent (or of its grandparent, where the parent
   * is a child node without reg, as a MAC's `mdio`) whose `ID:AA` device the log holds, or of_mdio's
   * "registered phy %pOFn at address %i" printed by the mii_bus; a controller's "new USB bus
   * registered, assigned bus number N" (usb_register_bus) or a root hub `usbN` added in its probe.
   */
  let mmcHost: Map<string, { h: string; why: string }[]> | undefined, mdioHost: typeof mmcHost, usbHost: typeof mmcHost;
  const cardAt = new Map<string, { rca: string; line: number }>(), phyReg: { id: string; node: string; addr: number; line: number }[] = [];
  /** The log's cards and SDIO functions (`mmcN:RCA`, `mmcN:RCA:F`) per host, made once. */
  const cardDevs = new Map<string, string[]>();
  const coreHosts = () => {
    if (mmcHost) return;
    mmcHost = new Map(); mdioHost = new Map(); usbHost = new Map();
    const add = (m: Map<string, { h: string; why: string }[]>, p: string, h: string, why: string) => { const l = m.get(p) ?? m.set(p, []).get(p)!; if (!l.some((x) => x.h === h)) l.push({ h, why }); };
    const mdioIds = new Set([...devs.keys()].flatMap((n) => { const m = /^(.+):[0-9a-f]{2}$/.exec(n); return m ? [m[1]!] : []; }));
    for (const d of devs.values()) {
      const c = /^(mmc\d+):[0-9a-f]{4}(?::\d+)?$/.exec(d.name);
      if (c) (cardDevs.get(c[1]!) ?? cardDevs.set(c[1]!, []).get(c[1]!)!).push(d.name);
      if (d.parent === undefined) continue;
      if (/^mmc\d+$/.test(d.name)) add(mmcHost, d.parent, d.name, `mmc host ${d.name} is added in the probe of ${d.parent}`);
      const u = /^usb(\d+)$/.exec(d.name);
      if (u) add(usbHost, d.parent, u[1]!, `root hub ${d.name} is added in the probe of ${d.parent}`);
      if (mdioIds.has(d.name)) add(mdioHost, d.parent, d.name, `mii_bus ${d.name} is added in the probe of ${d.parent}`);
    }
    for (const o of log.others) {
      const s = /^(mmc\d+): SDHCI controller on \S+ \[(\S+)\] using /.exec(o.text);
      if (s) add(mmcHost, s[2]!, s[1]!, `line ${o.line}: sdhci names mmc host ${s[1]} the host of ${s[2]}`);
      const c = /^(mmc\d+): new .*card at address ([0-9a-f]{4})$/.exec(o.text);
      if (c) cardAt.set(c[1]!, { rca: c[2]!, line: o.line });
      const b = /^\S* (\S+): new USB bus registered, assigned bus number (\d+)$/.exec(o.text);
      if (b) {
        add(usbHost, b[1]!, b[2]!, `line ${o.line}: ${b[1]} registered USB bus ${b[2]}`);
        const p = devs.get(b[1]!)?.parent;
        if (p !== undefined) add(usbHost, p, b[2]!, `line ${o.line}: ${b[1]}, added in the probe of ${p}, registered USB bus ${b[2]}`);
      }
      const r = /^\S* (\S+): registered phy (?:fwnode )?(\S+) at address (\d+)$/.exec(o.text);
      if (r) phyReg.push({ id: r[1]!, node: r[2]!, addr: Number(r[3]), line: o.line });
    }
  };
  /**
   * The first line that shows device `n` there: its add line, a line naming a driver for it, or
   * its registered-phy line. A "wait for supplier N" names a node with no device yet: device_add
   * sets the node's device and calls fw_devlink_link_device, whose __fw_devlink_link_to_consumers
   * (and, for a consumer added later, __fw_devlink_link_to_suppliers) makes the consumer's fwnode
   * link a device link and deletes it (fw_devlink_create_devlink gives -EAGAIN, which keeps it,
   * only while the supplier has no device), after which device_links_check_suppliers prints
   * "supplier %s not ready" with the device's name. So a name the log shows before the line is
   * another node's device (two MACs with a PHY at one address: of_mdio's %pOFn and %pfwP name both).
   */
  const seenAt = (n: string) => Math.min(addLine.get(n) ?? Infinity, namedFor.get(n)?.[0]?.line ?? Infinity, ...phyReg.filter((r) => `${r.id}:${r.addr.toString(16).padStart(2, '0')}` === n).map((r) => r.line));
  const coreNamed = (parts: string[], base: string, node: string, line?: number): { dev?: string; how: string } | undefined => {
    const u = /^[^@]+@([0-9a-fA-F]{1,8})$/.exec(base);
    if (!u) return undefined;
    coreHosts();
    const a = parseInt(u[1]!, 16), full = parts.length > 1, found = new Map<string, string>();
    // Names whose device gets the node as its of_node alone (no fwnode): SDIO cards and functions, USB devices.
    const ofOnly = new Map<string, string>();
    let missed: string | undefined;
    const p1 = full ? busId(parts.slice(0, -1)) : undefined;
    const p2 = parts.length > 2 && !parts.at(-2)!.includes('@') ? busId(parts.slice(0, -2)) : undefined;
    // SDIO: a host holds one card, so the log's devices of that host and function number are that card's.
    for (const { h, why } of p1 !== undefined ? mmcHost!.get(p1) ?? [] : []) {
      const card = cardAt.get(h), fn = a === 0 ? '' : `:${a}`;
      const names = card ? [`${h}:${card.rca}${fn}`] : (cardDevs.get(h) ?? []).filter((n) => n.slice(h.length + 5) === fn);
      if (!names.length) missed ??= `firmware node ${node}: ${why}, the device of the node's parent, but no device of this log is ${a === 0 ? 'its card ("%s:%04x" of mmc_add_card)' : `function ${a} of its card ("%s:%d" of sdio_add_func)`} and no "new ... card at address" line gives the card's RCA: not taken`;
      for (const n of names) ofOnly.set(n, a === 0 ? 'mmc_add_card sets the card\'s of_node alone (`card->dev.of_node = mmc_of_find_child_device(card->host, 0)`)' : 'sdio_add_func sets the function\'s of_node alone (sdio_set_of_node: `func->dev.of_node = mmc_of_find_child_device(host, func->num)`)');
      for (const n of names) found.set(n, `${why}, the device of the node's parent, and ${a === 0 ? 'mmc_add_card names its card "%s:%04x", host and RCA' : 'sdio_add_func names function N of its card "%s:%d", the card (host and RCA) and N'}${card ? ` (line ${card.line} gives the RCA ${card.rca})` : ' (the RCA from the device of the log: a host holds one card)'}`);
    }
    // MDIO: the mii_bus's id is its device's name.
    const aa = a.toString(16).padStart(2, '0');
    for (const p of [p1, p2]) for (const { h, why } of p !== undefined ? mdioHost!.get(p) ?? [] : []) found.set(`${h}:${aa}`, `${why}, the device of the node's ${p === p1 ? 'parent' : 'grandparent (its parent a child node without reg)'}, and mdio_device_create names its devices "%s:%02x", bus id and address`);
    const name = base.replace(/@.*/, ''), path = `/${parts.join('/')}`;
    // %pOFn prints the name without its unit address; fwnode_mdio's later "registered phy fwnode %pfw" the full path.
    for (const r of phyReg) if (r.addr === a && (r.node === name || (full ? r.node === path : r.node.split('/').at(-1) === base))) found.set(`${r.id}:${aa}`, `line ${r.line}: mii_bus ${r.id} registered phy ${r.node} at address ${r.addr}, and phy_device_create names it "%s:%02x", bus id and address`);
    // USB: the nearest node above with a bus number; the nodes below it give the ports (their reg).
    for (let i = parts.length - 1; i >= 1 && full; i--) {
      const hc = busId(parts.slice(0, i)), nums = hc !== undefined ? usbHost!.get(hc) : undefined;
      if (!nums) continue;
      const ports = parts.slice(i).map((p) => /^[^@]+@([0-9a-fA-F]{1,4})$/.exec(p)?.[1]);
      if (ports.every((p) => p !== undefined)) for (const { h } of nums) ofOnly.set(`${h}-${ports.map((p) => parseInt(p!, 16)).join('.')}`, 'usb_alloc_dev sets the device\'s of_node alone (`dev->dev.of_node = usb_of_get_device_node(parent, raw_port)`)');
      if (ports.every((p) => p !== undefined)) for (const { h, why } of nums) found.set(`${h}-${ports.map((p) => parseInt(p!, 16)).join('.')}`, `${why}, the device of node ${parts.slice(0, i).join('/')}, and usb_alloc_dev names a device "%d-%s", bus number and the ports from the root hub (the reg of each node below it; under the root hub usb_of_get_device_node looks the node up by the raw port number, usb_hcd_find_raw_port_number, which an xHCI may number apart from the port in the name)`);
      break;
    }
    // A pending line's reason was set at the last deferral, which may come before such a line: not checked.
    const earlier = line === undefined ? [] : [...found.keys()].filter((n) => seenAt(n) < line);
    for (const n of earlier) found.delete(n);
    const was = earlier.map((n) => `${n} (line ${seenAt(n)})`).join(', ');
    if (!found.size && earlier.length) return { how: `firmware node ${node} would be ${was.replace(/, ([^,]*)$/, ' or $1')} by its bus core's name, but the log shows ${earlier.length > 1 ? 'those' : 'that device'} before this line, and fw_devlink makes a waiting consumer's link to a node a device link once the node's device is added (then printing "supplier %s not ready"): the node waited for is another: not taken` };
    if (!found.size) return missed !== undefined ? { how: missed } : undefined;
    const not = earlier.length ? `; not ${was}, which the log shows before this line (fw_devlink makes a link to a node whose device is added a device link)` : '';
    if (found.size > 1) return { how: `firmware node ${node} may be any of ${[...found.keys()].join(', ')} (${[...found.values()][0]}; and so on${not}): not taken` };
    const [n, why] = [...found][0]!;
    // device_add ties a node to its device, and fw_devlink_link_device links the node's waiting
    // consumers to it, only through dev->fwnode (`if (dev->fwnode && !dev->fwnode->dev)`): a device
    // whose core sets of_node alone never becomes the node's, and device_links_driver_bound of the
    // nearest device above with the node below it moves the node's consumers to that device
    // (__fw_devlink_pickup_dangling_consumers; core.c copies of v6.x, 2026-12-06).
    const of = ofOnly.get(n);
    if (of !== undefined) return { how: `firmware node ${node} would be ${n} (${why}${not}), but ${of}, not its fwnode, and device_add ties a node to its device and links the node's waiting consumers to it only through dev->fwnode: the bind of ${n} does not retry the consumer, which waits until the device of a node above binds (device_links_driver_bound moves the node's consumers to it: __fw_devlink_pickup_dangling_consumers) or fw_devlink relaxes the link: not taken` };
    return devs.has(n) ? { dev: n, how: ` (firmware node ${node} taken as ${n}: ${why}${not}; the unit address taken as its reg)` } : { how: `firmware node ${node} would be ${n} (${why}${not}), which is no device of this log` };
  };
  /** Where no line ties the node to an adapter or controller: the log's devices its address or chip select would name, said. */
  const hinted = new Map<string, string>();
  const busHint = (base: string) => hinted.get(base) ?? hinted.set(base, busHintOf(base)).get(base)!;
  const busHintOf = (base: string) => {
    const u = /^[^@]+@([0-9a-fA-F]{1,8})$/.exec(base);
    if (!u) return '';
    const a = parseInt(u[1]!, 16), cs = a, addr = i2cName('0', u[1]!).slice(2), own = a % 2 ** 31 < 2 ** 30 ? `|${i2cName('0', (a + 2 ** 30).toString(16)).slice(2)}` : '';
    const i2c = new RegExp(`^\\d+-(?:${addr}${own})$`), spi = new RegExp(`^spi\\d+\\.${cs}$`);
    const same = [...devs.keys()].filter((n) => i2c.test(n) || spi.test(n));
    const i2cSpi = same.length ? `; ${same.slice(0, 3).join(', ')}${same.length > 3 ? ', ...' : ''} of this log ${same.length > 1 ? 'have' : 'has'} its unit address in the name an i2c client or an spi device gets (i2c_dev_set_name's "%d-%04x", spi_dev_set_name's "%s.%u"), but which adapter or controller the node is on no line says (an "of_i2c: register" line of it, a "registered child" line of its parent's device, or that adapter or controller added in that device's probe): not taken` : '';
    // SDIO functions, MDIO devices and USB devices of the log that a node of this reg would be on some host.
    const aa = a.toString(16).padStart(2, '0'), sdio = new RegExp(`^mmc\\d+:[0-9a-f]{4}:${a}$`), usb = new RegExp(`^\\d+-(?:\\d+\\.)*${a}$`);
    const core = [...devs.values()].filter((d) => (a > 0 && sdio.test(d.name)) || (a < 32 && d.bus === 'mdio_bus' && d.name.endsWith(`:${aa}`)) || (d.bus === 'usb' && usb.test(d.name))).map((d) => d.name);
    return `${i2cSpi}${core.length ? `; ${core.slice(0, 3).join(', ')}${core.length > 3 ? ', ...' : ''} of this log ${core.length > 1 ? 'have' : 'has'} the name an SDIO function, MDIO device or USB device of that reg gets (sdio_add_func's "%s:%d", PHY_ID_FMT "%s:%02x", usb_alloc_dev's "%d-%s"), but which host the node is on no line says (an mmc host, mii_bus or root hub added in the probe of the device of the node's parent, sdhci's "SDHCI controller on", of_mdio's "registered phy", usb_register_bus's "assigned bus number"): not taken` : ''}`;
  };
  const resolve = (x: LinkLine): { dev?: string; how: string } => {
    if (!x.fwnode) return devs.has(x.supplier) ? { dev: x.supplier, how: '' } : { how: `supplier ${x.supplier} is no device of this log` };
    // An ACPI node's path (%pfwf: "\\_SB.PCI0.I2C1.PMIC"): ACPI names its i2c and spi devices after the
    // ACPI device ("i2c-%s", "spi-%s", acpi_dev_name: HID and instance), which the path does not give.
    if (x.supplier.startsWith('\\')) return { how: `firmware node ${x.supplier} is an ACPI node: its device's name (i2c_dev_set_name's and spi_dev_set_name's "i2c-%s" and "spi-%s" of acpi_dev_name, the ACPI device's HID and instance, or another bus's own) is not in its path, and no line of the log ties the two: not taken` };
    const parts = x.supplier.split('/').filter((p) => p !== ''), base = parts.at(-1) ?? x.supplier;
    const of = busId(parts);
    if (of === base && devs.has(of)) return { dev: of, how: ` (the device named after firmware node ${base})` };
    const bus = busClient(parts, base, x.supplier) ?? coreNamed(parts, base, x.supplier, x.pending ? undefined : x.line);
    // A platform device of_device_make_bus_id's name for it beside: which one, the log does not say.
    if (bus?.dev !== undefined && of !== undefined && devs.has(of)) return { how: `firmware node ${x.supplier} may be ${bus.dev} or ${of} (platform device, the name of_device_make_bus_id would give it): not taken` };
    if (bus) return bus;
    if (of !== undefined && devs.has(of)) return { dev: of, how: ` (firmware node ${x.supplier} taken as platform device ${of}, the name of_device_make_bus_id gives it where its unit addresses are the translated ones: a guess)` };
    // A device named as the node is not its device where the node has a parent: of_device_make_bus_id names a child node's device after its address or its parents.
    const child = parts.length > 1 && devs.has(base) ? `; the device ${base} is not taken for it: of_device_make_bus_id names a child node's device after its address or its parents` : '';
    return { how: `firmware node ${x.supplier} names no device of this log${of !== undefined && of !== base ? ` (nor does ${of}, the platform device name of_device_make_bus_id would give it)` : ''}${child}${busHint(base)}` };
  };
  for (const [dv, ld] of linkDeferred) {
    if (!keep.has(dv)) continue;
    const said = linkLines.get(dv) ?? [];
    if (!said.length) { advice.set(dv, supplierAdvice(dv, ld.line)); continue; }
    const found = said.map((x) => ({ x, r: resolve(x) }));
    const sups = [...new Set(found.filter((f) => f.r.dev !== undefined && f.r.dev !== dv).map((f) => f.r.dev!))];
    const first = found.find((f) => f.r.dev !== undefined) ?? found[0]!;
    const at = `line ${first.x.line} ${first.x.how}${first.r.dev !== undefined ? first.r.how : `: ${first.r.how}`}`;
    const added = [dv, ...sups].find((n) => devs.get(n)?.addedBy !== undefined);
    const unkept = sups.filter((n) => !keep.has(n));
    const why = !sups.length ? ''
      : !hasFlag ? `, but profile ${prof} has no DL_FLAG_AUTOPROBE_CONSUMER (e7dd40105aac, v5.1), which a device's \`suppliers\` models (E601 at ${prof})`
      : added !== undefined ? `, but ${added} is added at line ${addLine.get(added) ?? '?'} (${devs.get(added)!.addedBy}): the model's links made before the start need both ends present from the start (fw_devlink's link creation at a later device_add is not modelled)`
      : unkept.length ? `, but no driver probes ${unkept.join(', ')} in the log, so ${unkept.length > 1 ? 'they are' : 'it is'} not in the scenario`
      : opts.noSuppliers !== undefined ? `, but the scenario with it did not build (${opts.noSuppliers})`
      : undefined;
    if (why !== undefined) { advice.set(dv, `${supplierAdvice(dv, ld.line)}; not written: ${at}${why}`); continue; }
    devices[dv] = { ...devices[dv], suppliers: sups };
    linksWritten.push(`${dv} -> ${sups.join(', ')}`);
    // A line naming a supplier no device of the log stands for: that wait is not in the links
    // written, so the driver keeps its `defer` for it (said), not a scenario that waits for less.
    const unres = found.filter((f) => f.r.dev === undefined);
    if (unres.length) {
      const u = unres[0]!;
      advice.set(dv, `written as ${dv}'s \`suppliers: [${sups.map((x) => `'${x}'`).join(', ')}]\` (${at}; fw_devlink's link, both ends present from the start); but line ${u.x.line} ${u.x.how}: ${u.r.how}${unres.length > 1 ? ` (and ${count(unres.length - 1, 'other line')} of it so)` : ''}, a wait the links written do not hold, so ${ld.drv} keeps its \`defer\` for it`);
      continue;
    }
    (unDefer.get(ld.drv) ?? unDefer.set(ld.drv, new Set()).get(ld.drv)!).add(dv);
    advice.set(dv, `written as ${dv}'s \`suppliers: [${sups.map((x) => `'${x}'`).join(', ')}]\` (${at}; fw_devlink's link, both ends present from the start), which defers it until ${sups.length > 1 ? 'they bind' : `${sups[0]} binds`} and retries it then, so ${ld.drv} gets no \`defer\` from it`);
  }
  // A driver's `defer` came only from deferrals its devices' links now model: dropped.
  for (const [dn, devsOf] of unDefer) {
    const d = drvs.get(dn);
    if (!d || otherDefer.has(dn) || [...linkDeferred].some(([x, ld]) => ld.drv === dn && !devsOf.has(x))) continue;
    d.outcomes = d.outcomes.filter((o) => o !== 'defer');
    if (!d.outcomes.length) d.outcomes.push('ok');
  }
  const requeued = quietZero.filter((q) => q.retried !== undefined), errs = quietZero.filter((q) => q.retried === undefined);
  // A driver whose every quiet `returned 0` was retried, with no other error: a deferral, not an error.
  for (const d of new Set(requeued.map((q) => drvs.get(q.drv)!))) {
    if (!loudError.has(d) && !errs.some((q) => q.drv === d.name)) d.outcomes = d.outcomes.filter((o) => o !== 'error');
  }
  if (errs.length) {
    const q = errs[0]!;
    notes.push(`${count(errs.length, 'attempt')} "returned 0" with no line deciding ${errs.length === 1 ? 'it' : 'them'} (${q.dev} by ${q.drv} at line ${q.line}${errs.length > 1 ? ', ...' : ''}) and no attempt of ${errs.length === 1 ? 'its device' : 'their devices'} after ${errs.length === 1 ? 'it' : 'them'} by the same driver (a retry): before v5.14 really_probe returns 0 for every probe that did not bind (1 when bound), and a probe's -ENODEV or -ENXIO prints only a pr_debug "rejects match", so taken as that error (\`probe: 'error'\`); a deferral prints only a dev_dbg line too${probingLines ? '' : ', and this log has none of dd.c\'s debug lines: where the driver deferred there, edit its `probe`'}`);
  }
  if (requeued.length) {
    const q = requeued[0]!;
    notes.push(`${count(requeued.length, 'attempt')} "returned 0" with no line deciding ${requeued.length === 1 ? 'it' : 'them'}, then tried again by the same driver after the late initcall (${q.dev} by ${q.drv} at line ${q.line}, again at line ${q.retried}${requeued.length > 1 ? ', ...' : ''}): before v5.14 a deferral prints only a dev_dbg line and \`returned 0\`, and only a deferred device is retried (an error is not), so taken as a deferral (\`defer\`)`);
  }
  for (const [name, bi] of byInitDevs) {
    const d = drvs.get(name);
    const unreg = bi.ret !== 0 && d !== undefined && !d.outcomes.includes('ok') && d.matches.every((m) => devs.get(m)?.addedBy === undefined);
    notes.push(`${name}: no line of the log names the driver of ${bi.devs.length === 1 ? `${bi.devs[0]}'s "probe of" line` : `the "probe of" lines of ${bi.devs.length} devices (${bi.devs.slice(0, 3).join(', ')}${bi.devs.length > 3 ? ', ...' : ''})`} inside built-in initcall ${bi.fn}'s initcall_debug lines (${bi.from}-${bi.to}), none a retry of a deferral: called ${name}, the driver ${bi.fn} registers (bus_add_driver's walk runs in it)${unreg ? `, and unregistered after that walk, as ${bi.fn} returned ${bi.ret} with no device bound (an init's error path unregisters what it registered)` : ''}; rename it to the real driver`);
  }
  const drivers: ScenarioSpec['drivers'] = {};
  for (const d of drvs.values()) {
    if (!d.matches.length) { if (!refused.has(d.name)) notes.push(`driver ${d.name}: probed no device in the log; left out`); continue; }
    const allPresent = d.matches.every((m) => devs.get(m)?.addedBy === undefined);
    if (d.registeredBy === undefined) {
      if (allPresent) {
        d.registeredBy = 'boot'; act('boot', `register ${d.name}`);
        // An initcall that returned an error after its driver's walk bound nothing: its error path
        // unregistered the driver (agp_amd64_init's pci_unregister_driver once no bridge bound, in
        // copies of drivers/char/agp/amd64-agp.c; a module's failed init must), so later walks and
        // retries do not probe it (the ps4 boot retries amdgpu's device with no 19 before its 517).
        const bi = byInitDevs.get(d.name);
        if (bi && bi.ret !== 0 && !d.outcomes.includes('ok')) act('boot', `unregister ${d.name}`);
      }
      // Present with a present device would bind it before anything runs, which a scenario refuses:
      // registered first by `boot`, before the devices it adds.
      else if (d.matches.some((m) => devs.get(m)?.addedBy === undefined)) { d.registeredBy = 'boot'; actions.set('boot', [`register ${d.name}`, ...(actions.get('boot') ?? [])]); }
    }
    const spec: DriverSpec = { matches: d.matches };
    if (d.bus !== 'platform') spec.bus = d.bus;
    if (d.async) spec.probeType = 'async';
    if (d.module) spec.module = d.module;
    if (d.outcomes.length === 1 && d.outcomes[0] !== 'ok') spec.probe = d.outcomes[0]!;
    else if (d.outcomes.length > 1) spec.probe = d.outcomes;
    // A probe the log shows starting and never ending is taken as binding: said (a log hunt, 2026-12-04).
    else if (d.outcomes.length === 0 && d.matches.some((m) => keep.has(m))) {
      const cutHere = log.lastCut !== undefined && (log.lastCut.text.includes(d.name) || d.matches.some((m) => log.lastCut!.text.includes(m)));
      notes.push(`${d.name}: the log shows no outcome of its probe${d.matches.length > 1 ? 's' : ''} (no bound, deferral or error line): taken as binding${cutHere ? `; the unread last line (line ${log.lastCut!.line}: "${log.lastCut!.text}") may have been it: edit \`probe\`` : ''}`);
    }
    const regs = d.registers.filter((r) => keep.has(r));
    const per = perDevice(d, regs);
    if (per) spec.registers = per;
    else if (regs.length) spec.registers = regs;
    if (d.registeredBy === undefined) spec.present = true;
    drivers[d.name] = spec;
  }
  // The late initcall runs in the boot task after the built-in drivers registered: last in the
  // actor of its initcall_debug line's task where that task did something else, else in `boot`
  // (the pid of a log without caller ids names no actor; the pending line's task is a kworker).
  if (guess) {
    const others = guess.fits.filter((p) => p !== prof);
    // A line no profile prints (release.ts namedReturnOfLog): the profile is the nearest, not a match.
    notes.push(guess.newer !== undefined
      ? `profile ${prof} is a guess: the log has no "Linux version" line, and ${guess.newer}; ${prof} is the newest profile that prints the log's other lines as it does, the nearest, not a match (${guess.basis})${others.length ? `; ${others.length === 1 ? 'this one fits' : 'these fit'} those lines as well: ${others.join(', ')}` : ''}${guess.unread.length ? ` (${guess.unread.join(', ')} read no dd.c: not known)` : ''}; pass --profile for the kernel the log is from`
      : guess.unread.length === 0 && others.length === PROFILE_NAMES.length - 1
      ? `profile ${prof} is a guess: the log has no "Linux version" line and ${guess.basis}, so every profile fits it as well; pass --profile for the kernel the log is from`
      : `profile ${prof} is a guess: the log has no "Linux version" line, and ${prof} is the newest profile that prints its lines as it does (${guess.basis})${others.length ? `; ${others.length === 1 ? 'this one fits' : 'these fit'} the log as well: ${others.join(', ')}` : ''}${guess.unread.length ? ` (${guess.unread.join(', ')} read no dd.c: not known)` : ''}; pass --profile for the kernel the log is from`);
  }
  // Nothing triggers the deferred worker before the late initcall sets driver_deferred_probe_enable
  // (driver_deferred_probe_trigger returns at once): in the model, it sets off that first retry.
  const u = [...undeferred.values()][0];
  if (u !== undefined) late ??= { line: u, how: 'a retry from the deferred list with no deferral before it, and driver_deferred_probe_trigger retries nothing before the late initcall enables it' };
  // A bound_to line with none of dd.c's probe lines in the log to tell: a retry or device_bind_driver's bind.
  const orBind = (line: number) => (maybeBind?.line === line ? ` (or line ${line} is device_bind_driver's bind, which prints the same line and runs no probe: the log has none of dd.c's matched or probing lines to tell)` : '');
  if (reprobe !== undefined) late ??= { line: reprobe.line, how: `${reprobe.dev} probed again after its deferral at line ${reprobe.at} with no bind between to trigger the deferred worker, which leaves the late initcall${orBind(reprobe.line)}` };
  // A bind of another device anywhere in the log may come first in some run (an excerpt's free
  // steps, another interleaving: dwc3's ULPI child binds inside its parent's probe): then the
  // scenario may retry, and nothing is said.
  const otherBind = untriggered !== undefined && log.events.some((e) => e.dev !== untriggered!.dev && binds(e));
  if (untriggered && !late && !otherBind) {
    const t = untriggered;
    notes.push(`line ${t.line}: ${t.dev} is probed again after its deferral at line ${t.at}, and no line before it shows a bind, which is what sets off the deferred worker's retry (driver_bound's driver_deferred_probe_trigger; the late initcall's is the other): as written the scenario never retries ${t.dev}, and \`validate\` stops at line ${t.line}. If the log is cut (a grep, an excerpt), the bind that set it off is in the part cut: add that device and its driver; if the boot's late initcall came between, end the boot actor with '${LATE_INITCALL}'${orBind(t.line)}`);
  }
  if (late) {
    const why = lateInitcallRefusal({ profile: prof, unsettled: PROFILES[prof]?.unsettled ?? {} });
    const who = late.task !== undefined && actions.has(actorOf(late.task)) ? actorOf(late.task) : 'boot';
    if (why) notes.push(`the late initcall ran (line ${late.line}: ${late.how}), but profile ${prof} does not settle its shape: add '${LATE_INITCALL}' to the boot actor by hand with another profile`);
    else { act(who, LATE_INITCALL); notes.push(`the late initcall ran (line ${late.line}: ${late.how}): '${LATE_INITCALL}' ends actor '${who}', so deferred probing starts disabled`); }
  }
  const onBuses = [...new Set([...[...devs.values()].filter((x) => keep.has(x.name)).map((x) => x.bus), ...[...drvs.values()].filter((x) => x.matches.length).map((x) => x.bus)])];
  // Declared buses replace the default platform bus: declare it too when something is on it.
  const buses = onBuses.some((b) => b !== 'platform') ? [...(onBuses.includes('platform') ? ['platform'] : []), ...onBuses.filter((b) => b !== 'platform')] : [];
  if (!log.callerIds && log.events.length) {
    notes.push(`the log has no printk caller ids (boot with printk.caller=1): which task printed a line is not known, so every device add and driver registration is the \`boot\` actor's, but for a driver registered between a module's initcall_debug lines (the \`modprobe\` of that module), and async probing is read only from the async lines`);
  }
  if (coreDefer) {
    const c = coreDefer;
    const ld = c.probing ? undefined : linkDeferred.get(c.dev);
    ld?.notes.push(notes.length);
    const where = c.probing ? 'after the "probing driver" line: pinctrl_bind_pins or the bus\'s dma_configure, a pin controller or an IOMMU not ready'
      : probingLines ? 'with no "probing driver" line: device_links_check_suppliers, a supplier not ready, or defer_all_probes'
      : 'this log prints none of dd.c\'s debug lines ("matched device", "probing driver"), so before the probing line (device_links_check_suppliers, a supplier not ready, or defer_all_probes) or after it (pinctrl_bind_pins or the bus\'s dma_configure, a pin controller or an IOMMU not ready)';
    const linked = (linkLines.get(c.dev) ?? []).find((x) => !x.ready);
    const tail = c.probing ? '' : ld ? `; ${ADVICE(c.dev)}` : `; no link is written for it: no line of device_links_check_suppliers (supplier X not ready, wait for supplier N) says one deferred it, so ${c.drv} keeps that \`defer\`${linked ? ` (line ${linked.line} ${linked.how}: if that is fw_devlink's link, not a driver's stateless one, which defers nothing, declare it in ${c.dev}'s \`suppliers\` and drop the \`defer\`)` : ''}`;
    notes.push(`line ${c.line}: "${c.words}": at profile ${prof} really_probe returns probe()'s own deferral as 517 (positive), so -517 is the driver core deferring before probe() ran (${where}); taken as ${c.drv}'s probe deferring, which the model prints as 517${tail}`);
  }
  if (checkState.length) {
    const c = checkState[0]!, known = checkState.filter((x) => x.drv !== undefined), drvNames = [...new Set(known.map((x) => x.drv!))];
    const timeouts = checkState.filter((x) => x.timeout).length;
    const ret = timeouts === checkState.length ? '-ETIMEDOUT (-110)' : timeouts === 0 ? '-ENODEV (-19)' : '-ETIMEDOUT or -ENODEV';
    notes.push(`${count(checkState.length, 'line')} of driver_deferred_probe_check_state (first: ${c.dev} at line ${c.line}, "${c.timeout ? 'deferred probe timeout, ignoring dependency' : 'ignoring dependency for device, assuming no driver'}"): a supplier lookup in the probe stopped waiting (the late initcall had run${timeouts ? ', and driver_deferred_probe_timeout was 0: set so by the timeout work once deferred_probe_timeout= seconds passed, or 0 from the start, given as deferred_probe_timeout=0 or by default in v5.9 .. v5.19' : ''}) and returned ${ret}, with which the driver fails (the failure line after it) or goes on without the supplier; before that the same call returned -EPROBE_DEFER, so ${drvNames.length ? `${drvNames.slice(0, 3).join(', ')}${drvNames.length > 3 ? ', ...' : ''} may defer too (written)` : 'the probe deferred'}${known.length < checkState.length ? `; ${count(checkState.length - known.length, 'line')} name no driver (a bus in the prefix, no probe open): nothing written for ${known.length ? 'those' : 'them'}` : ''}. The model has no time: an attempt may defer or end as the log shows at any retry, not only after the timeout`);
  }
  if (inInit.length) notes.push(`${count(inInit.length, 'driver')} first seen probing inside a module's init with no \`bus: add driver\` line (${inInit.slice(0, 3).map((x) => `${x.drv} at line ${x.line}, in ${x.module}'s`).join('; ')}${inInit.length > 3 ? '; ...' : ''}): taken as that module's (its init registered the driver, and the probe ran there)`);
  if (unsure) notes.push(`${count(unsure, 'driver')} registered while two or more module inits were under way: which module registered it is not known, so it is the \`boot\` actor's`);
  for (const r of removals) if (keep.has(r.name) || drvs.get(r.name)?.matches.length) notes.push(r.why);
  const saidBy = new Map<string, typeof driverSaid>();
  for (const x of driverSaid) if (keep.has(x.dev)) (saidBy.get(x.dev) ?? saidBy.set(x.dev, []).get(x.dev)!).push(x);
  for (const [, all] of saidBy) {
    const x = all[0]!, more = all.length - 1;
    notes.push(`${x.dev}: line ${x.line} ${x.pending ? `gives a deferred probe pending reason "${x.owner}: ${x.text}", whose first word is not the bus the line itself names` : `"${x.owner} ${x.dev}: ${x.text}" names ${x.owner} first, ${unbound.has(x.owner) ? `a driver the log names for ${x.dev} and no bus the log shows ${x.dev} on (a bus of another device has that name)` : printedFor(x.dev).includes(x.owner) || busOf.get(x.dev)?.size ? 'no bus this log or probecheck knows' : `no bus this log or probecheck knows, and no line names ${x.dev}'s bus or driver, so whether it is its bus (device_links_check_suppliers' words, a link) or its driver the log does not say (it would name another driver for ${x.dev}, or print the core's "probe deferral - " form); taken as`}`}: the driver's name, which dev_driver_string gives while a driver is bound (as in its probe), so that driver's own dev_err_probe; device_links_check_suppliers runs before really_probe sets dev->driver, and its words come after the bus name: not read as a link${more ? ` (nor ${count(more, 'other line')} of it so)` : ''}`);
  }
  // A probe line of each device, in line order (v3.x's bound_to names the device second): looked up
  // per device, not by a scan of every event per match deferral (a 100k-line log of 20,000 of them
  // took over 120 s in from-log, not 2).
  const probeLinesOf = new Map<string, LogEvent[]>();
  if (byMatch.length) {
    for (const e of log.events) {
      if (!['matched', 'probing', 'bound_to', 'bound', 'probe_returned'].includes(e.rule.id)) continue;
      for (const d of new Set([e.dev, e.rule.id === 'bound_to' ? e.drv : undefined])) if (d !== undefined) (probeLinesOf.get(d) ?? probeLinesOf.set(d, []).get(d)!).push(e);
    }
  }
  const matchNoted = new Set<string>();
  for (const m of byMatch) {
    if (matchNoted.has(m.dev)) continue;
    matchNoted.add(m.dev);
    const later = probeLinesOf.get(m.dev)?.find((e) => e.line > m.line);
    notes.push(`${m.dev}: its bus's match() deferred it at line ${m.at} ("Device match requests probe deferral": no probe ran) and put it on the deferred list at line ${m.line}; ${later ? `a device's \`matchDefers\` models a match that defers the whole scenario through, which line ${later.line}'s probe of it contradicts, so it is not written and \`validate\` stops at line ${m.line}` : keep.has(m.dev) ? `give it \`matchDefers: true\` to model it (a match that defers the whole scenario through)` : `no line names a driver for it, so it is left out: to model it, add it with \`matchDefers: true\` and a driver of its bus that \`matches\` it`}`);
  }
  for (const [dv, line] of addedUnprobed) {
    if (keep.has(dv)) notes.push(`${dv}: added to the deferred list at line ${line} with no probe attempt before it in the log: the log starts after one, or a supplier's bind put it there (device_links_driver_bound adds a consumer whose link has DL_FLAG_AUTOPROBE_CONSUMER), which from-log does not write (the log does not show the link: a device's \`suppliers\` declares it): \`validate\` stops at that line`);
  }
  const inter = interleaved.filter((x) => keep.has(x.dev));
  if (inter.length) {
    const x = inter[0]!;
    // Each one said: a probe not taken as registered by the one it started inside.
    const more = inter.length > 1 ? ` (so ${count(inter.length - 1, 'other probe')}: ${inter.slice(1, 4).map((y) => `${y.dev} at line ${y.line}, inside ${y.probe}, ending at line ${y.end}`).join('; ')}${inter.length > 4 ? '; ...' : ''})` : '';
    notes.push(`${x.dev}: its probe starts at line ${x.line}, inside ${x.probe}, and ends at line ${x.end}, after that one ended at line ${x.pend}: interleaved, so two tasks ran them (in one task a probe runs another only through a device_add in it, which returns before it goes on): ${x.dev} is not taken as registered by that probe, and no \`async\` is read from it (the other task may be an async worker, or the deferred-probe worker, another modprobe or a hotplug worker, whose probes are sync)${more}${log.callerIds ? '' : '; printk.caller=1 would name the tasks'}`);
  }
  const unc = unclosed.filter((x) => keep.has(x.dev));
  if (unc.length) notes.push(`${count(unc.length, 'device')} probed while only a probe the log never decides was open (${unc.slice(0, 3).map((x) => `${x.dev} at line ${x.line}, during ${x.probe} from line ${x.at}`).join('; ')}${unc.length > 3 ? '; ...' : ''}): not taken as registered by it, as no line after it shows that probe's outcome, so where it ended is not known (an excerpt of the probing lines alone?); set \`registers\` by hand if it did`);
  const inner = innermost.filter((x) => keep.has(x.dev));
  if (inner.length) notes.push(`${count(inner.length, 'device')} seen while two or more probes were open, with no caller ids (${inner.slice(0, 3).map((x) => `${x.dev} at line ${x.line}, ${x.open} open`).join('; ')}${inner.length > 3 ? '; ...' : ''}): taken as registered by the innermost, the probe that started last (${inner[0]!.probe} for ${inner[0]!.dev})`);
  // A driver whose probes each registered their own devices gets `registers` per matched device
  // (perDevice); where a device's registering probe is not known, one list, said.
  for (const d of drvs.values()) {
    const regs = d.registers.filter((r) => keep.has(r));
    const by = new Set(regs.map((r) => devs.get(r)?.parent));
    if (d.matches.length > 1 && by.size > 1 && !perDevice(d, regs)) notes.push(`driver ${d.name}: its probes of ${[...by].join(', ')} each registered their own devices (${regs.join(', ')}), but which probe registered each is not known: in the model each of its probes registers them all`);
  }
  // Each device once (it may be seen on several lines: its add, its match), and said as seen, not
  // added (a log hunt, 2026-12-04: "4 devices added" for 2 devices the log never adds).
  const beside = besideAsync.filter((x, i) => keep.has(x.dev) && besideAsync.findIndex((y) => y.dev === x.dev) === i);
  if (beside.length) {
    const f = beside[0]!;
    notes.push(`${count(beside.length, 'device')} first seen while only a probe scheduled asynchronously was open (${f.dev} at line ${f.line}, during ${f.probe}), with no caller ids: not taken as registered by that probe, which runs in an async worker`);
  }
  if (namesakes) notes.push(`not read: ${count(namesakes, 'device_add line')} of a name added before and not removed: a class device of the same name (SCSI adds several: its class device, bsg, scsi_disk), not the device`);
  for (const r of twice) notes.push(`not read: line ${r.line} adds ${r.dev} to its bus again, with no \`bus: ... remove device ${r.dev}\` line since its add at line ${r.first}: a registered device is not added again (device_add fails), so the log is a selection of lines or joins two boots; \`validate\` stops at that line`);
  for (const r of readds) notes.push(`${r.dev}: added again at line ${r.line} ${r.now !== undefined ? `inside the probe of ${r.now}` : 'outside any probe'}, but first at line ${r.first} by the ${r.by}: a device of a scenario has one parent and one registrar, so the second add is not written (\`validate\` follows the log past it only where the model adds the device so); to model both, give the device of the second add a name of its own in the log`);
  // Without caller ids both readings are guesses (each line given to the innermost probe open): the note names the one kept, the one dropped, and why the later.
  for (const c of cycles) notes.push(`${c.dev}: line ${c.line} comes inside ${c.probe}, a device the log shows registered (through its parents) by a probe of ${c.dev} itself${c.kept ? ` (${c.kept.dev}, taken as registered by ${c.kept.probe} at line ${c.kept.line})` : ''}: not taken as registered by that probe, which would make ${c.dev} its own ancestor (the log is a selection of lines, or joins two boots)${c.kept && !log.callerIds ? `; without caller ids both are guesses, each line given to the innermost probe open: the earlier (line ${c.kept.line}) is kept and this later one dropped, because the later is read against the parents the earlier set, not because it is less likely; if ${c.dev} is in fact registered by ${c.probe}, line ${c.kept.line} is the wrong guess (printk.caller=1 would name the tasks)` : ''}`);
  if (inProbeAdds.length) { const f = inProbeAdds[0]!; notes.push(`not read: ${count(inProbeAdds.length, 'device_add line')} of a name whose device was being probed then (line ${f.line}, '${f.dev}', while line ${f.namesake} shows a probe of it under way and a later line decides that probe): another device of that name (a class device named after its parent), not the device, which a probe holds and device_del waits for`); }
  if (log.nul) notes.push(describeNul(log.nul));
  if (log.qp) notes.push(describeQp(log.qp));
  if (log.prefixed) notes.push(`not read: ${describePrefixed(log.prefixed)}`);
  if (log.wrapped) notes.push(describeWrapped(log.wrapped));
  if (log.reboot) notes.push(describeReboot(log.reboot));
  if (log.decorated) notes.push(`${count(log.decorated.count, 'line')} read behind dyndbg's decorations (+t, +m, +f, +l; first at line ${log.decorated.line}): a +t thread id is read as the printing task`);
  if (log.cut) notes.push(`not read: ${describeCut(log.cut)}`);
  if (log.lastCut) notes.push(describeLastCut(log.lastCut));
  if (log.unordered) notes.push(describeUnordered(log.unordered));
  if (log.variant) notes.push(`not read: ${describeVariant(log.variant)}`);
  const unreadSup = unreadSupplier(log);
  if (unreadSup) notes.push(`not read: ${describeUnreadSupplier(unreadSup)}`);
  if (log.short) notes.push(describeShort(log.short));
  if (actions.size === 0) notes.push('no actor: nothing in the log registers a device or a driver; add one');
  // The advice on each deferral before the probe, settled above.
  for (const [dv, ld] of linkDeferred) for (const i of ld.notes) notes[i] = notes[i]!.replace(ADVICE(dv), advice.get(dv) ?? supplierAdvice(dv, ld.line));
  const actors: ScenarioSpec['actors'] = {};
  for (const [a, l] of actions) {
    // A module's modprobe only where a driver of it is kept (one that probed no device is left out, and
    // its module is not declared: s50 h6, a spi module loaded on a board of the i2c chip was refused, E601).
    const kept = l.filter((x) => { const n = x.slice(x.indexOf(' ') + 1); return x.startsWith('modprobe') ? Object.values(drivers).some((d) => d.module === n) : x === LATE_INITCALL || keep.has(n) || drivers[n] !== undefined; });
    if (kept.length) actors[a] = kept.length === 1 ? kept[0]! : kept;
  }
  /**
   * The usb bus sets need_parent_lock (drivers/usb/core/driver.c's usb_bus_type: `.need_parent_lock =
   * true,` at gregkh@2e30f71523ae, absent at torvalds@02582e9bcc36; since the commit that added the
   * field, 8c97a46af04b, v4.18: NEED_PARENT_LOCK, whose own usb/core/driver.c is not stored; no
   * platform_bus_type read sets it: test/kernel/parent-lock.test.ts),
   * so a probe of a USB interface holds its parent's lock: written, said (a log hunt, 2026-12-05:
   * a USB log gave a scenario without the parent-lock rule, usb-parent-lock vacuous).
   */
  const usbLock = buses.includes('usb') && (PROFILES[prof]?.flags.includes('NEED_PARENT_LOCK') ?? false);
  if (usbLock) notes.push(`bus usb: needParentLock, as the kernel's usb_bus_type sets need_parent_lock (8c97a46af04b, v4.18): a probe of a USB device holds its parent's lock`);
  const mods = [...modules].filter((m) => Object.values(drivers).some((d) => d.module === m));
  /**
   * The async entries of one device that may be pending at once (asyncInstances, 2 by default): each
   * attempt of a device an async driver matches may be an async entry (the walk's, then one per retry:
   * the deferred worker's bus_probe_device schedules __device_attach_async_helper, and the entry's
   * thread is done only at its last step), so as many as the log shows attempts of one such device, at
   * most the model's 8 (the ps4 boot: sdhci-pci's 0000:00:14.3 four times, validate's search met
   * E204 with 2).
   */
  const most = Math.max(0, ...Object.entries(drivers).filter(([, d]) => d.probeType === 'async').flatMap(([n, d]) => d.matches.filter((m) => devices[m] !== undefined).map((m) => Math.max(...(tries.get(`${m}\u0000${n}`) ?? [0])))));
  const instances = Math.min(MAX_ASYNC_INSTANCES, most);
  if (instances > 2) notes.push(`asyncInstances ${instances}: ${most} attempts of one device an async driver probes${most > MAX_ASYNC_INSTANCES ? `, more than the model's ${MAX_ASYNC_INSTANCES}` : ''} (each may be an async entry pending at once: the walk's, and one per retry)`);
  const spec: FromLog['spec'] = {
    name, describe: `from a kernel log: ${count(Object.keys(devices).length, 'device')}, ${count(Object.keys(drivers).length, 'driver')}`,
    profile: prof,
    ...(instances > 2 ? { asyncInstances: instances } : {}),
    ...(buses.length ? { buses: Object.fromEntries(buses.map((b) => [b, b === 'usb' && usbLock ? { needParentLock: true } : {}])) } : {}),
    devices, drivers, ...(mods.length ? { modules: Object.fromEntries(mods.map((m) => [m, {}])) } : {}), actors,
  };
  return { spec, notes, events: used, nested: nested.filter((x) => keep.has(x.dev)), unresolved };
}

/** The scenario file's text. */
export function scenarioSource(r: FromLog, source: string): string {
  const body = JSON.stringify(r.spec, null, 2).replace(/^\{\n/, '').replace(/\n\}$/, '');
  return [
    `// Written by \`probecheck from-log ${shellWord(source)}\` from ${count(r.events, 'driver-core event')} of that log.`,
    '// Edit it (what probe() needs, which actor does what), then run `probecheck check` on it to',
    '// explore every other timing of that boot.',
    ...r.notes.map((n) => `// note: ${n}`),
    "import { scenario } from 'probecheck';",
    '',
    'export default scenario({',
    body,
    '});',
    '',
  ].join('\n');
}
