/**
 * `probecheck from-log FILE [--profile P] [-o scenario.ts]`: a scenario from a kernel log
 * (src/logs/from-log.ts), printed or written to a file, once it builds as `check` builds it.
 * E701 when the log has no driver-core line.
 */
import { basename, resolve } from 'node:path';
import { ProbecheckError, suggestion } from '../engine/errors.js';
import { PROFILE_NAMES } from '../kernel/profiles.js';
import { compile, MAX_STEPS } from '../engine/compile.js';
import { SCENARIO_LIMITS, pastSteps, scenario } from '../kernel/scenario.js';
import { count, fromLog, scenarioSource, type FromLog } from '../logs/from-log.js';
import { describeCut, describeShort, describePrefixed, describeVariant, type LogEvent, type ParsedLog } from '../logs/parse.js';
import { supplierDeferral } from '../logs/supplier-deferral.js';
import type { Model } from '../engine/model.js';
import { kernelWarnings } from '../logs/release.js';
import { kernelOf } from '../logs/validate.js';
import { buildModel } from './build.js';
import { EXIT, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import { readLog } from './logfile.js';
import { checkOutputPath, writeOutput } from './output-paths.js';
import { shellWord } from '../report/shell-word.js';
import { unkeyed } from '../logs/bus-keyed.js';

export function runFromLog(io: Io, file: string, profile: string | undefined, out: string | undefined): ExitCode {
  if (profile !== undefined && !PROFILE_NAMES.includes(profile)) throw new ProbecheckError('E602', `unknown kernel profile '${profile}'${suggestion(profile, PROFILE_NAMES)}`);
  if (out !== undefined) checkOutputPath('-o', out);
  // The scenario written over the log it comes from would lose the user's log (a bad-input hunt, 2026-12-05).
  if (out !== undefined && resolve(out) === resolve(file)) throw new ProbecheckError('E501', `-o ${out}: that file is the log this run reads; write the scenario elsewhere`);
  const log = readLog(file);
  const name = basename(file).replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-') || 'from-log';
  let r = fromLog(log, name, profile);
  if (log.events.length + log.unknown === 0) throw new ProbecheckError('E701', `${file}: the file is empty${log.lines ? ` (${count(log.lines, 'blank line')})` : ''}: no kernel log to read`);
  // A dd.c pr_debug/dev_dbg line says dyndbg was on for dd.c: advising it would send the user to reboot for nothing.
  const ddDebug = log.events.find((e) => DD_DEBUG.has(e.rule.id));
  const trace = r.events === 0 || Object.keys(r.spec.drivers).length === 0 ? probeTrace(log.others) : undefined;
  // Every driver read was left out for a space in its name (the PHY driver "SMSC LAN8710/LAN8720" in
  // G. Uytterhoeven's am335x patch, 2024-10-31): said so, not "boot with dyndbg" (a log hunt, 2026-12-06).
  const spaced = r.events > 0 && Object.keys(r.spec.drivers).length === 0 ? r.notes.filter((n) => /^(?:driver|device) '[^']*\s[^']*': its name holds a space/.test(n)) : [];
  if (spaced.length) {
    throw new ProbecheckError('E701', `${file}: ${count(r.events, 'driver-core line')} read, but every driver ${r.events === 1 ? 'it names' : 'they name'} was left out: ${spaced[0]!.replace(/: left out.*$/, '')}${spaced.length > 1 ? ` (and ${spaced.length - 1} more)` : ''}, so no scenario is left to write; to model it, give it a one-word name in the log (every line that names it)`);
  }
  // Every probe line named a driver the log shows on two buses, of a device on no bus: the header's
  // 'not read' lines say why, not 'holds no probe's own lines' beside the bound line it holds (s50 h9).
  const unread = Object.keys(r.spec.drivers).length === 0 ? r.unresolved : [];
  if (unread.length) {
    throw new ProbecheckError('E701', `${file}: no scenario is left to write: ${unread[0]}${unread.length > 1 ? ` (and ${unread.length - 1} more such line${unread.length > 2 ? 's' : ''})` : ''}; give the log's lines that put the device on its bus (bus.c's "bus: 'i2c': add device X", dyndbg on drivers/base/bus.c), or cut the other bus's driver lines`);
  }
  if (r.events === 0 || Object.keys(r.spec.drivers).length === 0) {
    const supplier = supplierDeferral(log);
    throw new ProbecheckError('E701', `${file}: none of its ${count(log.lines, 'line')} shows a driver probing a device (${count(log.events.length, 'driver-core line')} read${log.wrapped ? `, ${log.wrapped.count} of them joined from wrapped lines` : ''}); ${log.prefixed
      ? `${describePrefixed(log.prefixed)}: take the prefix off, or capture the log with dmesg, journalctl -k or a serial console`
      : log.cut
      ? describeCut(log.cut)
      : log.variant
      ? `${describeVariant(log.variant)}: probecheck reads the forms of the kernels it models (docs/boot-logs.md)`
      : log.short
      ? describeShort(log.short)
      : ddDebug
      ? `line ${ddDebug.line} is dd.c's debug line ("${ddDebug.text}"), so the boot had dd.c's dyndbg on: this piece of the log holds no probe's own lines (matched, probing, bound, a deferral or failure); give the part that holds them`
      : trace
      ? `${describeTrace(trace)}; ${BOOT_WITH}`
      : `${supplier ? `${supplier}; ` : ''}${BOOT_WITH}`}`);
  }
  tooBig(file, r);
  tooDeep(file, r);
  const b = buildable(file, log, name, profile, r);
  r = b.r;
  // A --profile the log's kernel is not (its Linux version line, the form of its dd.c lines): said now, not first by validate.
  const warnings = kernelWarnings(log, kernelOf(b.model)).map((w) => w.replace(/\(--param profile=(\S+)\)/, '(from-log --profile $1)'));
  for (const w of warnings) { r.notes.push(`warning: ${w}`); if (out !== undefined) io.err(`warning: ${w}`); }
  const text = scenarioSource(r, basename(file));
  if (out === undefined) { io.out(text); return EXIT.ok; }
  writeOutput('-o', out, text);
  const devices = Object.keys(r.spec.devices).length, drivers = Object.keys(r.spec.drivers).length;
  io.err(`wrote ${out}: ${count(devices, 'device')}, ${count(drivers, 'driver')}, profile ${r.spec.profile}; run: probecheck check ${shellWord(out)}`);
  // A whole boot makes a scenario no search finishes (a log hunt, 2026-12-04: 23 devices, 16
  // drivers, 12.7 M states in 90 s, every verdict unknown): say so before the user waits.
  if (devices + drivers > 12) io.err(`note: ${devices + drivers} devices and drivers is more than an exhaustive search usually finishes (every interleaving of their probes): keep the ones the question is about (cut the log to that part, or delete the others from the scenario), or run with --time-limit`);
  return EXIT.ok;
}

/** dd.c's lines that dyndbg turns on (pr_debug, dev_dbg at every dd.c read; "requests probe deferral" is dev_info at v3.6.0): the log has them only where it was on for dd.c. */
const DD_DEBUG = new Set(['matched', 'probing', 'bound_to', 'bound', 'rejects_match', 'force_deferral', 'match_deferral', 'deferred_add', 'deferred_del', 'retry', 'async_scheduled', 'async_done', 'drv_async', 'drv_async_done']);

/**
 * A log past what a scenario holds (SCENARIO_LIMITS) is said at once, before the build (a log hunt,
 * 2026-12-05: 300 devices gave E102 "t.int(300): max must be..." after 18 s).
 */
function tooBig(file: string, r: FromLog): void {
  const have = { device: Object.keys(r.spec.devices).length, driver: Object.keys(r.spec.drivers).length, module: Object.keys(r.spec.modules ?? {}).length };
  const over = (Object.keys(SCENARIO_LIMITS) as (keyof typeof SCENARIO_LIMITS)[]).filter((k) => have[k] > SCENARIO_LIMITS[k]);
  if (!over.length) return;
  throw new ProbecheckError('E601', `${file}: the scenario from this log would hold ${over.map((k) => count(have[k], k)).join(' and ')}; a scenario holds at most ${over.map((k) => count(SCENARIO_LIMITS[k], k)).join(' and ')}: cut the log to the part the question is about; nothing written`);
}

/**
 * A lower bound on the steps of the thread that runs the probes of one tree of nested devices (a
 * device no probe registers, and those its probe registers, and theirs): each device's add and
 * probe are built once per thread that may run them, and each probe takes in the add and probe of
 * every device below it and the error path's device_del of each child, which takes in its release
 * and theirs. Fitted (s49 h7) on logs of sync probes that bind (the fewest steps a probe has): a
 * chain of 10 to 35 nested probes (2,984 to 80,884 steps), a binary tree of 63 and 127 devices,
 * a ternary one of 121, 60 to 250 devices under one host bridge, one or two levels down: each within
 * 3% of 28 + 30·d + 4.5·d² steps per device d deep in its tree; these coefficients are below that.
 * The build's time follows its steps (about 0.1-0.3 ms each on 2 loaded cores), not the nesting
 * as such: 250 devices one level down build in 3.5 s.
 */
export function nestSteps(depths: readonly number[]): number {
  return depths.reduce((a, d) => a + 25 + 25 * d + 4 * d * d, 0);
}

/** The devices of a scenario from a log by the device no probe registers at the top of their tree, with their depth below it. */
function trees(r: FromLog): Map<string, { n: string; k: number }[]> {
  const d = r.spec.devices, out = new Map<string, { n: string; k: number }[]>();
  for (const n of Object.keys(d)) {
    const seen = new Set<string>();
    let top = n;
    for (let p = d[n]?.parent; p !== undefined && !seen.has(p); p = d[p]?.parent) { seen.add(p); top = p; }
    const list = out.get(top) ?? [];
    list.push({ n, k: seen.size });
    out.set(top, list);
  }
  return out;
}

/** The E601 of a log whose nested probes build a thread past the steps one holds (`steps`: estimated, or undefined where the build said so). */
function tooDeepError(file: string, r: FromLog, steps?: number): ProbecheckError {
  const all = [...trees(r).values()].flat(), nested = all.filter((x) => x.k > 0);
  const deep = all.reduce((a, x) => (x.k > a.k ? x : a)), at = r.nested.find((x) => x.dev === deep.n);
  return new ProbecheckError('E601', `${file}: the scenario from this log would register ${count(nested.length, 'device')} inside probes, ${deep.k} deep at most (${deep.n}${at ? `, line ${at.line}` : ''}); ${steps === undefined ? 'its build passed' : `its build would take about ${steps} steps in one thread, past`} the ${MAX_STEPS} a thread holds (each probe's steps take in those of the devices it registers, and theirs, so they grow with the square of the depth): cut the log to the part the question is about, or drop the lines of the probes nested deepest; nothing written`);
}

/**
 * A log whose nesting builds a thread past compile's limit is said at once, naming the deepest
 * device's line (nested guesses come from the log's lines), not after the build reached the
 * limit (seconds) and tried each guess again (minutes: s49 h2, a chain of 50 nested probes).
 */
export function tooDeep(file: string, r: FromLog): void {
  const steps = Math.max(0, ...[...trees(r).values()].map((t) => nestSteps(t.map((x) => x.k))));
  if (steps > MAX_STEPS) throw tooDeepError(file, r, steps);
}

/** The scenario built and compiled as `check` builds it: the model, or the error it raises. */
function build(r: FromLog): { model: Model } | { err: ProbecheckError } {
  try { const model = buildModel(scenario(JSON.parse(JSON.stringify(r.spec))), {}); compile(model); return { model }; } catch (e) {
    if (e instanceof ProbecheckError) return { err: e };
    throw e;
  }
}
const buildError = (r: FromLog) => { const b = build(r); return 'err' in b ? b.err : undefined; };

/**
 * A scenario that builds, or E6xx. A device taken as registered by the probe it was seen inside
 * is a guess (per-driver `registers` applies it to every probe of that driver, which can loop):
 * where the scenario does not build, the guesses are dropped, then each is taken back where the
 * scenario still builds with it; the header names those dropped. If it does not build without
 * any, nothing is written.
 */
function buildable(file: string, log: ParsedLog, name: string, profile: string | undefined, r: FromLog): { r: FromLog; model: Model } {
  const b = build(r);
  if ('model' in b) return { r, model: b.model };
  // The build passed a thread's steps: a shape the guesses below would only build again and again.
  if (pastSteps(b.err) && r.nested.length) throw tooDeepError(file, r);
  // The device links written from the log's supplier lines (`suppliers`) are a guess the model may
  // refuse (a late initcall that schedules the timeout work from v5.13, an end a probe registers):
  // dropped first, and said where each was.
  // (Where the scenario does not build without them either, they stay, and the guesses below are tried.)
  if (Object.values(r.spec.devices).some((d) => d.suppliers?.length)) {
    const plain = fromLog(log, name, profile, { noSuppliers: `${b.err.code}: ${b.err.message}` });
    const pb = build(plain);
    if ('model' in pb) return { r: plain, model: pb.model };
  }
  const first = b.err;
  const drop = new Set(r.nested.map((x) => x.dev));
  const none = fromLog(log, name, profile, { noNest: drop });
  const err = drop.size ? buildError(none) : first;
  if (err) throw new ProbecheckError(err.code, `${file}: the scenario from this log does not build (${err.message})${blame(log, err.message)}; nothing written`);
  for (const x of r.nested) {
    drop.delete(x.dev);
    if (buildError(fromLog(log, name, profile, { noNest: drop }))) drop.add(x.dev);
  }
  const out = fromLog(log, name, profile, { noNest: drop });
  const gone = r.nested.filter((x) => drop.has(x.dev));
  out.notes.push(`the scenario did not build (${first.code}: ${first.message}); ${count(gone.length, 'guess')} dropped: ${gone.map((x) => `${x.dev} (line ${x.line}) is not taken as registered by ${x.probe}`).join('; ')}`);
  const ok = build(out);
  if ('err' in ok) throw new ProbecheckError(ok.err.code, `${file}: the scenario from this log does not build (${ok.err.message})${blame(log, ok.err.message)}; nothing written`);
  return { r: out, model: ok.model };
}

/** Which rule ids an actor's action is read from. */
const ACTION_RULES: Record<string, readonly string[]> = { add: ['device_add', 'bus_add_device'], del: ['bus_remove_device'], register: ['bus_add_driver'], unregister: ['bus_remove_driver'] };

/**
 * The log's lines behind a build's refusal, where its message names them (s49 h2's fuzz: "driver
 * 'da' is on bus 'platform' but matches 'a' on bus 'i2c'", "action 'add da': device 'da' is not
 * declared" blamed the scenario, which the user did not write): `; line N (...) ...`, or ''.
 */
function blame(log: ParsedLog, message: string): string {
  const quote = (e: { line: number; text: string }) => `line ${e.line} (\`${e.text}\`)`;
  const bus = /driver '([^']+)' is on bus '([^']+)' but matches '([^']+)' on bus '([^']+)'/.exec(message);
  if (bus) {
    const [, named, dbus, dev, vbus] = bus;
    // A name the log shows on two buses is written name@bus (bus-keyed.ts): its lines print the name.
    const u = unkeyed(named!), plain = u?.bus === dbus && !log.events.some((e) => e.drv === named) ? u.name : named!;
    const drv = plain === named ? `driver ${named}` : `driver ${plain} (written ${named}: the log shows ${plain} on two buses)`;
    const d = log.events.find((e) => e.drv === plain && e.bus === dbus), v = log.events.find((e) => e.dev === dev && e.bus === vbus);
    if (!d || !v) return '';
    // Two drivers of one name from-log splits itself; what is left is a device the log puts on two buses
    // (bus_add_device links dev_name into the bus's devices kset, kernel/torvalds@00c4a3c47da7/drivers/base/bus.c:114:
    // unique per bus, so two buses may each have a device of one name under two parents).
    const w = log.events.find((e) => e.dev === dev && e.bus !== undefined && e.bus !== vbus);
    if (w) return `: ${w === d ? `${quote(d)} puts ${drv} and device ${dev} on bus ${dbus}, ${quote(v)} ${dev} on bus ${vbus}` : `${quote(d)} puts ${drv} on bus ${dbus}, ${quote(v)} device ${dev} on bus ${vbus}, and ${quote(w)} ${dev} on bus ${w.bus}`}; a device is on one bus, so these are lines of two boots, or of two devices of one name (a device's name is unique per bus only: give each its own name in the log)`;
    const both = (e: LogEvent) => e.drv === plain && e.dev === dev, m = both(d) || both(v) ? undefined : log.events.find(both);
    return `: ${quote(d)} puts ${drv} on bus ${dbus}, ${quote(v)} device ${dev} on bus ${vbus}${m ? `, and ${quote(m)} has it probe ${dev}` : ''}; a driver probes devices of its own bus only, so these are lines of two boots`;
  }
  const act = /action '(\w+) ([^' ]+)[^']*': (device|driver) '([^']+)' is not declared/.exec(message);
  if (act) {
    const [, op, , kind, n] = act;
    const named = (e: LogEvent) => (kind === 'device' ? e.dev : e.drv) === n;
    const e = log.events.find((x) => named(x) && (ACTION_RULES[op!] ?? []).includes(x.rule.id)) ?? log.events.find(named);
    return e ? `: that action is read from ${quote(e)}, but no line of the log keeps ${n} a ${kind} of the scenario (it is read as a ${kind === 'device' ? 'driver' : 'device'}, or left out: see the lines that name it)` : '';
  }
  return '';
}

const BOOT_WITH = 'boot with dyndbg="file drivers/base/dd.c +p; file drivers/base/bus.c +p; file drivers/base/core.c +p" initcall_debug';

/** dd.c's probe path as a call trace prints its frames. */
const PROBE_FNS = new Set(['really_probe', '__driver_probe_device', 'driver_probe_device', '__device_attach_driver', '__driver_attach', '__device_attach', '__device_attach_async_helper', '__driver_attach_async_helper', 'device_driver_attach']);
type ProbeTrace = { line: number; fn: string; probe?: string; wrapper?: string; worker?: string };

/** dd.c's own frames between the probe path and the bus's .probe. */
const DD_PROBE = new Set(['really_probe', 'call_driver_probe']);
/**
 * Frames between dd.c and a driver's probe, never the driver's own: dd.c's, and a bus's (or a
 * registration helper's) .probe that calls the driver's. Each read with the search tool at the stored
 * torvalds/linux commit named (s36 h16; line ranges where counted, else the function is named; the
 * stored commits are of varied age, some 2.6-era, none checked against the versions modelled):
 * - pci_device_probe, pci_call_probe: torvalds/linux@0b62e13b5c9b:drivers/pci/pci-driver.c:165-191
 *   (pci_call_probe, `drv->probe(dev, id)` at 184), 202-219 (__pci_device_probe calls it), 221-235
 *   (pci_device_probe, pci_bus_type's .probe). That copy predates local_pci_probe.
 * - sdio_bus_probe: torvalds/linux@9095bf25ea08:drivers/mmc/core/sdio_bus.c:130-176 (`drv->probe(func,
 *   id)` at 165; sdio_bus_type's .probe).
 * - mmc_bus_probe: torvalds/linux@3bb5da3837cc:drivers/mmc/core/bus.c:91-97 (`drv->probe(card)`).
 * - sdw_drv_probe: torvalds/linux@90acca1d54ad:drivers/soundwire/bus_type.c:77-126 (`drv->probe(slave,
 *   id)` at 97; set as drv->driver.probe by __sdw_register_driver).
 * - i2c_device_probe: torvalds/linux@550113d4e9f5:drivers/i2c/i2c-core-base.c, i2c_device_probe (lines
 *   not counted): `driver->probe_new(client)` or `driver->probe(client, i2c_match_id(...))`; i2c_bus_type's .probe.
 * - usb_probe_device, usb_probe_interface: torvalds/linux@bbf44583ace7:drivers/usb/core/driver.c (lines
 *   not counted): `udriver->probe(udev)`; `driver->probe(intf, id)`.
 * - serdev_drv_probe: torvalds/linux@1136fa0c07de:drivers/tty/serdev/core.c (lines not counted):
 *   `sdrv->probe(to_serdev_device(dev))`; serdev_bus_type's .probe.
 * - spi_mem_probe: torvalds/linux@fc3dee231c98:drivers/spi/spi-mem.c (lines not counted): `return
 *   memdrv->probe(mem)`; set as spidrv.probe by spi_mem_driver_register_with_owner.
 * - hid_device_probe: torvalds/linux@f04d51404f51:drivers/hid/hid-core.c (lines not counted):
 *   `hdrv->probe(hdev, id)`, or hid_open_report + hid_hw_start where the driver has no probe; hid_bus_type's .probe.
 * - host1x_device_probe: torvalds/linux@537c2e91d354:drivers/gpu/host1x/bus.c (lines not counted):
 *   `driver->probe(device)`; set as driver->driver.probe by host1x_driver_register_full.
 * - mdio_probe: torvalds/linux@9b0dcd0e5a27:drivers/net/phy/mdio_device.c (lines not counted):
 *   `mdiodrv->probe(mdiodev)`; set as mdiodrv->driver.probe by mdio_driver_register.
 * - virtio_dev_probe: torvalds/linux@a23e19669324:drivers/virtio/virtio.c (lines not counted):
 *   `drv->probe(dev)`; virtio_bus's .probe.
 * - amba_probe: torvalds/linux@e8b722f48758:drivers/amba/bus.c (lines not counted): `pcdrv->probe(pcdev,
 *   id)`; set as drv->drv.probe by amba_driver_register (SETFN(probe)).
 * - platform_drv_probe: torvalds/linux@00111076f725:drivers/base/platform.c (lines not counted; a
 *   2.6-era text): `return drv->probe(dev);`; set as drv->driver.probe by platform_driver_register.
 * - phy_probe: torvalds/linux@0075bd692dca:drivers/net/phy/phy_device.c (lines not counted; a v4.x
 *   text): `err = phydev->drv->probe(phydev);`; set as mdiodrv.driver.probe by phy_driver_register.
 * - spi_probe: torvalds/linux@000bee0ed70a:drivers/spi/spi.c (lines not counted): `ret =
 *   sdrv->probe(spi);`; spi_bus_type's .probe.
 * - acpi_device_probe: torvalds/linux@0154ec71d597:drivers/acpi/bus.c (lines not counted): `ret =
 *   acpi_drv->ops.add(acpi_dev);`; acpi_bus_type's .probe.
 * - serio_driver_probe: torvalds/linux@020abf03cd65:drivers/input/serio/serio.c (lines not counted; a
 *   3.x text): `return serio_connect_driver(serio, drv);`, which calls `drv->connect(serio, drv)`;
 *   serio_bus's .probe.
 * (Each read with read_file, s37 h8; the commit is the stored text's, of mixed age, not matched to
 * the versions modelled.) Unverified at a pinned commit (read by s36 h12/h14 with find_string on
 * unpinned mainline texts only): platform_probe (platform.c's later name: the stored torvalds text
 * predates it), local_pci_probe (`pci_drv->probe`; the stored pci-driver.c, 0b62e13b5c9b, predates
 * it), spi_drv_probe (spi.c's older name: the stored text has spi_probe).
 * scsi_probe_and_add_lun is no bus's .probe (scsi_scan.c's scan of one LUN) and no *_probe name: not listed.
 */
const BUS_PROBE = new Set([
  ...DD_PROBE, 'platform_probe', 'platform_drv_probe', 'pci_device_probe', 'pci_call_probe', 'local_pci_probe',
  'mdio_probe', 'phy_probe', 'sdw_drv_probe', 'i2c_device_probe', 'spi_probe', 'spi_drv_probe', 'spi_mem_probe',
  'serdev_drv_probe', 'amba_probe', 'virtio_dev_probe', 'acpi_device_probe', 'serio_driver_probe',
  'usb_probe_interface', 'usb_probe_device', 'sdio_bus_probe', 'mmc_bus_probe', 'hid_device_probe', 'host1x_device_probe',
]);

/**
 * The function of a call trace's line: arm64's and x86's `really_probe.part.0+0x9c/0x31c` (after an
 * address in `[<...>]`, with a file and line after or not), arm's `really_probe from
 * __driver_probe_device+0x88/0x19c` (v6.x) and `[<c0647ad9>] (really_probe) from [<c0647d0b>] (...)`, a
 * module's function there as `(stm32_rtc_probe [rtc_stm32]) from` (M. Fuzzey's 5.4.77 stm32 RTC WARN, linux-rtc, 2021-06-07).
 */
function frameOf(text: string): string | undefined {
  const t = text.trim();
  const m = /^(?:\[<[0-9a-f]+>\] )?(?:\(([\w.]+)(?: \[[\w-]+\])?\) from |([\w.]+)(?:\+0x[0-9a-f]+\/0x[0-9a-f]+\b| from [\w.]+\+0x[0-9a-f]+\/0x[0-9a-f]+\b))/.exec(t);
  return (m?.[1] ?? m?.[2])?.replace(/\..*/, '');
}

/**
 * A call trace through dd.c's probe path among the unread lines (an oops, a WARN, lockdep's or KASAN's
 * stacks): its first probe frame, the driver's probe function above it, and the worker that ran it
 * (an async probe's, or the deferred-probe retry's). A log hunt, 2026-12-06: an oops in
 * sdhci_msm_probe under __device_attach_async_helper (linux-mmc) was E701 "none of its lines shows
 * a driver probing a device", with no word of the trace.
 */
function probeTrace(others: readonly { line: number; text: string }[]): ProbeTrace | undefined {
  const frames = others.map((o) => ({ line: o.line, fn: frameOf(o.text) }));
  const i = frames.findIndex((f) => f.fn !== undefined && PROBE_FNS.has(f.fn));
  if (i < 0) return undefined;
  const at = frames[i]!.line;
  // Within a few lines (a console interleaves other lines with a trace): the nearest *_probe frame
  // above it (called by it) that is no bus wrapper is the driver's; a trace with only wrappers above
  // the probe path says so, and the worker's frame below.
  const near = (f: { line: number; fn?: string }, lo: number, hi: number) => f.fn !== undefined && f.line >= lo && f.line <= hi;
  const above = frames.slice(0, i).reverse().filter((f) => near(f, at - 12, at));
  const probe = above.find((f) => /_probe$/.test(f.fn!) && !BUS_PROBE.has(f.fn!))?.fn;
  const wrapper = probe ? undefined : above.filter((f) => BUS_PROBE.has(f.fn!) && !DD_PROBE.has(f.fn!)).at(-1)?.fn;
  const below = frames.slice(i).filter((f) => near(f, at, at + 24)).map((f) => f.fn!);
  const worker = below.some((f) => /^(?:__device_attach_async_helper|__driver_attach_async_helper|async_run_entry_fn)$/.test(f)) ? 'an async worker'
    : below.includes('deferred_probe_work_func') ? "the deferred-probe worker's retry" : undefined;
  return { line: at, fn: frames[i]!.fn!, ...(probe ? { probe } : {}), ...(wrapper ? { wrapper } : {}), ...(worker ? { worker } : {}) };
}

function describeTrace(t: ProbeTrace): string {
  const under = t.probe ? `, under ${t.probe}` : t.wrapper ? `, under ${t.wrapper}, a bus's wrapper, with no driver's *_probe frame above it` : '';
  return `line ${t.line} is a call trace through the driver core's probe path (${t.fn}${under}${t.worker ? `, in ${t.worker}` : ''}), which names no device or driver, so nothing of it is read: the lines that name them are dd.c's own`;
}
