/**
 * The kernel a log comes from, against the profile a model is built for: the release its
 * "Linux version" line states, and the function its "matched device" line names.
 *
 * The "matched device" line prints `__func__` ("bus: '%s': %s: matched device %s with driver %s\n"):
 * in the dd.c excerpts under kernel/ it is in driver_probe_device at v3.6.0, 013c074f8642 (v4.5),
 * 8c97a46af04b, 376991db4b64, 654888327e9f, 5.10.13 and 204db60c8357 (v5.14 merge window, before
 * the move), and in __driver_probe_device at 45ddcb42949f (the v5.14 commit that moved the checks,
 * probe_count and the deferral into driver_probe_device around __driver_probe_device, flag
 * PROBE_BUSY_CHECK), b232b02bf3c2 and 5a7a9efdb193. So the name tells whether the log's kernel has
 * PROBE_BUSY_CHECK, whatever its version line says.
 */
import { PROFILE_NAMES, PROFILES } from '../kernel/profiles.js';
import { excerptsOf } from '../kernel/source.js';
import { backportName, backportsPast } from '../kernel/backports.js';
import type { LogKernel, ReturnedForm } from './model-events.js';
import { returnedWords, type ParsedLog } from './parse.js';
import { logBuses } from './formats.js';
import { supplierLine } from './supplier-words.js';

/** `5.4` -> 5004, `v6.12` -> 6012. */
const num = (v: string) => { const [a, b] = v.replace(/^v/, '').split('.').map(Number); return a! * 1000 + (b ?? 0); };

/** The profile nearest below a release ("5.4" -> v5.4, "5.7" -> v5.4), or mainline. */
export function profileFor(release: string | undefined): string {
  if (!release) return 'mainline';
  let best = 'v3.5';
  for (const p of PROFILE_NAMES) if (p !== 'mainline' && num(p) <= num(release) && num(p) >= num(best)) best = p;
  // Past v6.12 (the newest numbered profile) only mainline adds a flag: UEVENT_SINGLE_READ, v6.15.
  return num(release) >= num('6.15') ? 'mainline' : best;
}

const MATCHED_OLD = 'driver_probe_device', MATCHED_NEW = '__driver_probe_device';

/**
 * A log with no "Linux version" line: the newest profile whose dd.c prints its lines as the log
 * does (pr_debug or dev_dbg, and which function names "matched device"); mainline when it shows neither.
 */
export function profileByForms(log: ParsedLog): string { return profileGuess(log).profile; }

/**
 * That guess, with every profile that fits the log as well and what the guess rests on, in words.
 * `newer`: the log's first line in a form no profile's dd.c prints, a kernel newer than every text
 * read (namedReturnOfLog): the guess is then the nearest profile, not one that prints the log's lines.
 */
export function profileGuess(log: ParsedLog): { profile: string; fits: string[]; basis: string; unread: string[]; newer?: string } {
  const forms = log.events.filter((e) => DEV_FORMS.has(e.rule.id));
  const ret = returnedOfLog(log);
  const pend = pendingOfLog(log);
  const info = deferralInfoOfLog(log);
  const sup = supplierOfLog(log);
  const newer = namedReturnOfLog(log);
  if (!forms.length && !ret && !pend && !info && !sup) return { profile: 'mainline', fits: [...PROFILE_NAMES], basis: 'no dd.c line whose form tells kernels apart', unread: [], ...(newer && { newer }) };
  const dev = forms.length ? forms[0]!.rule.dev : undefined;
  const fn = log.events.find((e) => e.rule.id === 'matched' && (e.fn === MATCHED_OLD || e.fn === MATCHED_NEW))?.fn;
  const byRest = PROFILE_NAMES.filter((p) => (dev === undefined || devPrintkOf(p) === dev) && (fn === undefined || PROFILES[p]!.flags.includes('PROBE_BUSY_CHECK') === (fn === MATCHED_NEW))
    && (ret === undefined || ret.forms.includes(returnedFormOf(p) as ReturnedForm)));
  // The pending line's form narrows what the other lines leave; where it leaves nothing (pr_debug's
  // forms with a reason: a kernel from v6.8 on whose dd.c no profile reads) it is said, not used.
  const byPend = pend === undefined ? byRest : byRest.filter((p) => pendingFormOf(p) === pend);
  const pendUsed = byPend.length > 0 || !byRest.length;
  const rest = pendUsed ? byPend : byRest;
  // The deferral line's level last: it rests on lines the log lacks, and a grep of the log, or dyndbg
  // on for that line alone, lacks them too. Where the lines the log has show a kernel that prints it
  // with dev_dbg (a reason after "deferred probe pending", a positive `returned 517`), it is said, not
  // used (s46 h12: such a log was guessed v3.14, then warned that v3.14 prints no such pending line).
  const byInfo = info === undefined ? rest : rest.filter((p) => deferralLevelOf(p) === 'info');
  const infoUsed = info !== undefined && (byInfo.length > 0 || !rest.length);
  const fits0 = info === undefined || infoUsed ? byInfo : rest;
  // core.c's supplier line: dev_dbg's "probe deferral - " form is v5.12 .. v5.14's (1f0dfa0545e7 to
  // 68223eeec708, supplierFormOf), printed by no profile's core.c, so the kernel is between: the newest
  // profile before it, as a release line between two profiles reads (profileFor). Where the rest shows
  // PROBE_BUSY_CHECK (v5.14's "matched" line from __driver_probe_device) no profile before it fits: the
  // kernel is v5.14 (or v5.15-rc1 .. rc3), whose dd.c is v5.15's, the oldest that fits. Said, not used
  // where it leaves nothing.
  const byNone = fits0.filter((p) => supplierFormOf(p) === 'none').slice(-1);
  const v514 = sup?.form === 'dbg' && !byNone.length ? fits0.filter((p) => supplierFormOf(p) === 'err_probe' && PROFILES[p]!.flags.includes('PROBE_BUSY_CHECK')).slice(0, 1) : [];
  const bySup = sup === undefined ? fits0 : sup.form === 'err_probe' ? fits0.filter((p) => supplierFormOf(p) === 'err_probe') : byNone.length ? byNone : v514;
  const supUsed = sup !== undefined && sup.other === undefined && bySup.length > 0;
  const fits = supUsed ? bySup : fits0;
  const unread = PROFILE_NAMES.filter((p) => (dev !== undefined && devPrintkOf(p) === undefined) || (ret !== undefined && returnedFormOf(p) === undefined) || (pend !== undefined && pendingFormOf(p) === undefined) || (infoUsed && deferralLevelOf(p) === undefined));
  const pendWords = pend === undefined ? '' : `"deferred probe pending" printed ${pend === 'reason' ? 'with' : 'without'} a reason after it${pendUsed ? '' : ', which no profile printing the rest so does (a kernel between the profiles read): not used'}`;
  const infoWords = info === undefined ? '' : infoUsed
    ? `line ${info}'s "requests probe deferral" with none of dd.c's debug lines, so printed with dev_info, as dd.c does up to v4.0 (dev_dbg from v4.2)`
    : `line ${info}'s "requests probe deferral" with none of dd.c's debug lines, which the rest shows a kernel printing with dev_dbg (not dev_info, as dd.c does up to v4.0): a grep of the log, or dyndbg on for that line alone, not used`;
  const supWords = sup === undefined ? '' : sup.other !== undefined
    ? `line ${sup.line}'s "${sup.text}" and line ${sup.other.line}'s "${sup.other.text}", both forms of device_links_check_suppliers' line (dev_dbg's "probe deferral - " v5.12 .. v5.14, dev_err_probe's from v5.15: 68223eeec708), which no one kernel prints (two kernels' lines?): not used`
    : sup.form === 'err_probe'
    ? `line ${sup.line}'s "${sup.text}", device_links_check_suppliers' dev_err_probe form (from v5.15: 68223eeec708, driver-core-5.15-rc4; v5.12 .. v5.14 print dev_dbg's "probe deferral - " form, v5.10's core.c none)${supUsed ? '' : ', which no profile printing the rest so prints: not used'}`
    : `line ${sup.line}'s "${sup.text}", device_links_check_suppliers' dev_dbg form, which core.c prints from v5.12 (1f0dfa0545e7, driver-core-5.12-rc1; 5.10.13 prints none) to v5.14 (68223eeec708, driver-core-5.15-rc4, prints dev_err_probe's): ${v514.length ? `with "matched device" from __driver_probe_device (v5.14 on) a v5.14 kernel or v5.15-rc1 .. rc3, whose dd.c ${v514[0]}'s is: the oldest that fits` : `a kernel between the profiles, so the nearest below${supUsed ? '' : ', which the rest rules out: not used'}`}`;
  const basis = [dev !== undefined ? `dd.c's lines printed with ${dev ? 'dev_dbg' : 'pr_debug'}` : '', fn ? `"matched device" from ${fn}` : '', ret ? ret.basis : '', pendWords, infoWords, supWords].filter(Boolean).join(', ');
  const devOnly = dev && !(supUsed && sup!.form === 'dbg');
  return { profile: devOnly ? 'mainline' : fits.at(-1) ?? 'mainline', fits: devOnly ? [...fits.filter((p) => p !== 'mainline'), 'mainline'] : fits, basis, unread, ...(newer && { newer }) };
}

/**
 * initcall_debug's return line naming the driver, `probe of %s with driver %s returned %d after %lld
 * usecs`, where no profile's dd.c prints it: read only in kernel-patches/bpf's dd.c at 27f0f918d3e9
 * (formats.ts; by its subject 8b29d0b45266, "driver core: add driver name to probe debug print",
 * driver-core-next 2026-07-12: unverified), while every profile's really_probe_debug prints `probe of
 * %s returned` (mainline's, dakr@1ac45118ddf8, too). In words, quoting the log's first such line;
 * undefined where the log has none or a profile's dd.c prints it (s51 h10: such a log's guess said
 * mainline "prints its lines as it does").
 */
function namedReturnOfLog(log: ParsedLog): string | undefined {
  const e = log.events.find((x) => x.rule.id === 'probe_returned' && x.rule.fields.includes('drv'));
  if (!e || PROFILE_NAMES.some((p) => namesDriverInReturn(PROFILES[p]!.sources['drivers/base/dd.c']))) return undefined;
  const main = PROFILES.mainline!.sources['drivers/base/dd.c'];
  return `line ${e.line} prints "${returnedWords(e)}", initcall_debug's return naming the driver, which no profile's dd.c prints (read in kernel-patches/bpf's dd.c at 27f0f918d3e9, attributed to 8b29d0b45266 "driver core: add driver name to probe debug print", unverified; mainline's${main ? `, ${main},` : ''} prints "probe of %s returned %d"): the log's kernel is newer than every kernel text probecheck reads`;
}

/** Does the dd.c at this kernel/ snapshot print initcall_debug's return naming the driver? false where none is read. */
export function namesDriverInReturn(dd: string | undefined): boolean {
  const fns = dd === undefined ? undefined : excerptsOf(dd, 'drivers/base/dd.c');
  return fns?.get('really_probe_debug')?.lines.some((l) => l.includes('"probe of %s with driver %s returned')) ?? false;
}

/**
 * What initcall_debug's "probe of X returned N" values say of the log's kernel: the really_probe
 * return forms (model-events.ts ReturnedForm) that print every value the log shows, and the first
 * value that narrows them, in words; undefined when none does. Up to v5.13 really_probe returns 1
 * when bound and 0 otherwise (`ret = 1;` after driver_bound, `ret = 0;` after "Ignore errors
 * returned by ->probe": dd.c at v5.10.13:258 and :308, printed by really_probe_debug at :773);
 * from v5.14 0 when bound and probe()'s error, negated once "Return probe errors as positive
 * values" (`ret = -ret;`) is in. So a 1 is the old layout only, a negative value never it, and a
 * positive value past 1 only the negated form. (A log hunt on real logs, 2026-12-06: a kata VM's
 * "probe of 0000:00:03.0 returned 1" was guessed mainline, "every profile fits", and its own
 * scenario was not a behaviour at line 2.)
 */
export function returnedOfLog(log: ParsedLog): { forms: ReturnedForm[]; basis: string } | undefined {
  let forms: ReturnedForm[] = ['old', 'negative', 'positive'], basis = '';
  for (const e of log.events) {
    if (e.rule.id !== 'probe_returned' || e.ret === undefined || e.ret === 0) continue;
    const ok: ReturnedForm[] = e.ret === 1 ? ['old'] : e.ret < 0 ? ['negative', 'positive'] : ['positive'];
    const next = forms.filter((f) => ok.includes(f));
    if (next.length === forms.length) continue;
    forms = next;
    basis ||= `line ${e.line}'s "${returnedWords(e)}", ${e.ret === 1 ? 'which really_probe returns (bound) only up to v5.13' : e.ret < 0 ? 'an error, which really_probe returns only from v5.14' : 'a positive error, which really_probe returns only since "Return probe errors as positive values"'}`;
  }
  return basis ? { forms, basis } : undefined;
}

/** How profile p's dd.c prints "probe of X returned N" (model-events.ts ReturnedForm); undefined where it reads no dd.c. */
export function returnedFormOf(p: string): ReturnedForm | undefined {
  const dd = PROFILES[p]?.sources['drivers/base/dd.c'];
  const fns = dd === undefined ? undefined : excerptsOf(dd, 'drivers/base/dd.c');
  if (!fns) return undefined;
  if (![...fns.values()].some((f) => f.lines.some((l) => l.includes('really_probe_debug(dev, drv);')))) return 'none';
  if (!PROFILES[p]!.flags.includes('PROBE_BUSY_CHECK')) return 'old';
  return fns.get('really_probe')?.lines.some((l) => l.trim() === 'ret = -ret;') ? 'positive' : 'negative';
}

/**
 * How profile p's dd.c prints the timeout work's "deferred probe pending" line: with the device's
 * deferral reason after it ('deferred probe pending: %s', efb0b309fa0d:316, v6.12), bare
 * ('deferred probe pending\\n', 5a7a9efdb193:318, b232b02bf3c2:319), 'none' where its dd.c has no
 * timeout work (before 25b4e70dcce9, v4.19), undefined where it reads no dd.c. The reason came with
 * 7c41da586e9f ("driver core: Emit reason for pending deferred probe", Uwe Kleine-König: in the
 * "Driver core changes for 6.8-rc1" pull of 2024-01-17 and driver-core-next's revlist beside the
 * device_is_big_endian-6.8-rc1 merge), so v6.7 prints it bare and v6.8 .. v6.11 with it. A log hunt,
 * 2026-12-06: an upboard-pinctrl boot's "deferred probe pending: upboard-pinctrl: Failed to select
 * pinctrl" (linux-gpio, 2026-06-15) was guessed mainline with "every profile fits it as well".
 */
export function pendingFormOf(p: string): 'reason' | 'bare' | 'none' | undefined {
  const dd = PROFILES[p]?.sources['drivers/base/dd.c'];
  const fns = dd === undefined ? undefined : excerptsOf(dd, 'drivers/base/dd.c');
  if (!fns) return undefined;
  const line = fns.get('deferred_probe_timeout_work_func')?.lines.find((l) => l.includes('"deferred probe pending'));
  return line === undefined ? 'none' : line.includes('"deferred probe pending: %s"') ? 'reason' : 'bare';
}

/**
 * At which level profile p's dd.c prints "Driver %s requests probe deferral": dev_info at v3.6.0:182
 * and v4.0.y:195 (a v3.15 .. v4.1 study tree), dev_dbg from v4.2.8:204 on (the commit between not
 * read: a 4.1 kernel is not known); undefined where it reads no dd.c.
 */
export function deferralLevelOf(p: string): 'info' | 'dbg' | undefined {
  const dd = PROFILES[p]?.sources['drivers/base/dd.c'];
  const fns = dd === undefined ? undefined : excerptsOf(dd, 'drivers/base/dd.c');
  const line = fns ? [...fns.values()].flatMap((f) => f.lines).find((l) => l.includes('"Driver %s requests probe deferral')) : undefined;
  return line === undefined ? undefined : /^\s*dev_info\(/.test(line) ? 'info' : 'dbg';
}

/**
 * dd.c's lines that only its debug (dyndbg, or DEBUG) prints, at every dd.c read: pr_debug up to
 * v6.11, dev_dbg from v6.12 (the "requests probe deferral" line aside). "Device match requests probe
 * deferral", "force probe deferral", the async lines and probe_count are dev_dbg or pr_debug at every
 * dd.c under kernel/ that has them (s46 h12: a log of a deferral and a match deferral was guessed v3.14).
 */
const DD_DEBUG_ONLY = new Set(['matched', 'probing', 'bound_to', 'bound', 'rejects_match', 'deferred_add', 'deferred_del', 'retry',
  'match_deferral', 'force_deferral', 'async_scheduled', 'async_done', 'drv_async', 'drv_async_done', 'probe_count']);

/**
 * A "requests probe deferral" line in a log with none of dd.c's debug lines was printed with dd.c's
 * debug off: at dev_info, as v3.x and v4.0 print it (s46 h8: a BeagleBone's 3.18-rc7 musb-hdrc
 * deferrals, bb-kernel#10, 2015-03-26, were guessed mainline, "every profile fits it as well").
 * The first such line; undefined where the log says nothing of it, or where dyndbg's decorations
 * show dynamic debug printed a deferral line (dev_dbg's). A grep that kept only those lines reads
 * the same: the guess is said to be one, and yields to the log's other lines (profileGuess).
 */
function deferralInfoOfLog(log: ParsedLog): number | undefined {
  const ds = log.events.filter((e) => e.rule.id === 'deferral');
  if (!ds.length || ds.some((e) => e.decorated) || log.events.some((e) => DD_DEBUG_ONLY.has(e.rule.id))) return undefined;
  return ds[0]!.line;
}

/** The form of the log's "deferred probe pending" lines, where they agree on one. */
function pendingOfLog(log: ParsedLog): 'reason' | 'bare' | undefined {
  const forms = new Set(log.events.filter((e) => e.rule.id === 'deferred_pending').map((e) => (e.reason !== undefined ? 'reason' as const : 'bare' as const)));
  return forms.size === 1 ? [...forms][0] : undefined;
}

/**
 * How profile p's core.c prints device_links_check_suppliers' deferral: dev_dbg's "probe deferral -
 * supplier %s not ready" / "probe deferral - wait for supplier %pfwP" ('dbg': at no profile's core.c;
 * added by 1f0dfa0545e7, "driver core: Add debug logs for device link related probe deferrals", whose
 * core.c was read at that id, carried by the driver-core-5.12-rc1 pull <YDZiQoP8h/QDSNkJ@kroah.com>
 * (based on 5.11-rc5): so v5.12 .. v5.14), dev_err_probe's "supplier %s not ready" ('err_probe':
 * 68223eeec708, "driver core: Set deferred probe reason when deferred by driver core", in the
 * driver-core-5.15-rc4 pull <YVmDByRt0G36h1nC@kroah.com>: from v5.15, as cf52ad5ff16c, which stands
 * for v5.15, and every later core.c read print it), 'none' where the function prints nothing (5.10.13
 * and before; no v5.11 tree read, the commit being later) or is not there (no device links before
 * v4.10); undefined where no core.c is read. Stable backports of either commit were not looked for.
 */
export function supplierFormOf(p: string): 'dbg' | 'err_probe' | 'none' | undefined {
  const c = PROFILES[p]?.sources['drivers/base/core.c'];
  const fns = c === undefined ? undefined : excerptsOf(c, 'drivers/base/core.c');
  if (!fns) return undefined;
  const lines = fns.get('device_links_check_suppliers')?.lines ?? [];
  return lines.some((l) => l.includes('"probe deferral - ')) ? 'dbg' : lines.some((l) => l.includes('"supplier %s not ready')) ? 'err_probe' : 'none';
}

/** The first of the log's lines in device_links_check_suppliers' words, with the bus first (the core's, not a driver's own dev_err_probe), and its form. */
function supplierOfLog(log: ParsedLog): { form: 'dbg' | 'err_probe'; line: number; text: string; other?: { line: number; text: string } } | undefined {
  const buses = logBuses(log.events);
  let first: { form: 'dbg' | 'err_probe'; line: number; text: string } | undefined;
  for (const o of log.others) {
    // supplier-words.ts: a dev_dbg line behind dyndbg's decorations dates the log as a plain one does.
    const m = supplierLine(o.text);
    const form = m?.w.form === 'dbg' ? 'dbg' : m?.w.form === 'err_probe' && buses.has(m.first) ? 'err_probe' : undefined;
    if (m === undefined || form === undefined) continue;
    // The other form too: no one kernel prints both (two kernels' lines pasted together), so neither dates the log
    // (s47 h14: the first line's form was used, the other's line not said).
    if (first && form !== first.form) return { ...first, other: { line: o.line, text: m.words } };
    first ??= { form, line: o.line, text: m.words };
  }
  return first;
}

/** The dd.c lines that moved to dev_dbg (the device in the prefix) in v6.12's dd.c. */
const DEV_FORMS = new Set(['matched', 'probing', 'bound_to', 'bound', 'probe_failed', 'rejects_match']);

/** Does profile p's dd.c print those lines with dev_dbg? undefined where it reads no dd.c. */
export function devPrintkOf(p: string): boolean | undefined {
  const dd = PROFILES[p]?.sources['drivers/base/dd.c'];
  const line = dd === undefined ? undefined : excerptsOf(dd, 'drivers/base/dd.c')?.get('really_probe')?.lines.find((l) => l.includes('probing driver %s with device'));
  return line === undefined ? undefined : line.includes('with device\\n');
}

/**
 * What the log says of its kernel that the profile is not: each a line for the report. Empty when
 * they agree, or when the log says nothing of it.
 */
export function kernelWarnings(log: ParsedLog, lk: LogKernel): string[] {
  const out: string[] = [];
  const prof = lk.profile.split(' + ')[0]!;
  if (log.release !== undefined && PROFILES[prof]) {
    const near = profileFor(log.release);
    if (near !== prof) out.push(`the log is of Linux ${log.version ?? log.release}${log.releaseLine !== undefined ? ` (line ${log.releaseLine})` : ''}, the model of profile ${prof}: the profile for that release is ${near} (--param profile=${near})`);
  }
  // A stable kernel past a backport the model lacks (or a revert of what it has): a verdict that
  // rests on that flag may not hold for the log's kernel (backports.ts; said, not modelled).
  // A distribution kernel (sublevel 0) by the upstream release its line names, where it names one.
  const up = log.upstream, stable = up?.version ?? log.version;
  const past = backportsPast(stable, lk.has);
  if (past.length) {
    const at = (p: (typeof past)[number]) => `${p.branch.replace(/\.y$/, '')}.${p.sublevel}`;
    // `profiles X` lists the branch's backports under the profile its logs are checked at, which
    // is not the model's when the user picked another (a 4.14.270 log checked at v5.4).
    const listed = profileFor(log.release);
    out.push(`the log is of Linux ${log.version}${up ? ` (${up.distro}'s build of ${up.version}, whose own further backports are not known here)` : ''}${log.releaseLine !== undefined ? ` (line ${log.releaseLine})` : ''}, a stable kernel past ${past.length === 1 ? 'a backport' : `${past.length} backports`} that profile ${prof} does not model: ${past.map((p) => `${backportName(p.flag, p.change, p.commit, p.subject)} is in ${p.branch} from ${at(p)}`).join('; ')}; a verdict that rests on ${past.length === 1 ? 'it' : 'them'} may not hold for this kernel (probecheck profiles ${listed} says how each backport is known)`);
  }
  const want = lk.busyCheck ? MATCHED_NEW : MATCHED_OLD;
  const other = log.events.find((e) => e.rule.id === 'matched' && (e.fn === MATCHED_OLD || e.fn === MATCHED_NEW) && e.fn !== want);
  if (other) {
    const fit = PROFILE_NAMES.filter((p) => PROFILES[p]!.flags.includes('PROBE_BUSY_CHECK') === !lk.busyCheck);
    const range = lk.busyCheck ? `${fit.at(-1)} or an earlier profile` : `${fit[0]} or a later profile`;
    out.push(`line ${other.line} prints "matched device" from ${other.fn}, as kernels ${lk.busyCheck ? 'before 45ddcb42949f (v5.14)' : 'from 45ddcb42949f (v5.14) on'} do; profile ${prof} is ${lk.busyCheck ? 'after' : 'before'} it: ${range} fits the log`);
  }
  // The values initcall_debug's "probe of X returned N" prints (returnedOfLog).
  const ret = returnedOfLog(log);
  if (ret && (lk.returned === 'old' || lk.returned === 'negative' || lk.returned === 'positive') && !ret.forms.includes(lk.returned)) {
    const fit = PROFILE_NAMES.filter((p) => ret.forms.includes(returnedFormOf(p) as ReturnedForm));
    out.push(`${ret.basis}: profile ${prof}'s really_probe does not return that; ${fit.length ? `${fit.length === 1 ? fit[0] : `${fit[0]} to ${fit.at(-1)}`} fit${fit.length === 1 ? 's' : ''} the log` : 'no profile fits the log'}`);
  }
  // The form of dd.c's lines: pr_debug with the device in the text, or (v6.12 on) dev_dbg with it in the prefix.
  if (lk.devPrintk !== undefined) {
    const wrong = log.events.find((e) => DEV_FORMS.has(e.rule.id) && e.rule.dev !== lk.devPrintk);
    if (wrong) {
      const fit = PROFILE_NAMES.filter((p) => devPrintkOf(p) === wrong.rule.dev);
      const range = wrong.rule.dev ? `${fit[0]} or a later profile` : `${fit.at(-1)} or an earlier profile`;
      out.push(`line ${wrong.line} prints dd.c's ${wrong.rule.id} line ${wrong.rule.dev ? 'with dev_dbg (the device in the prefix), as dd.c does from a release after v6.3 (v6.12 read; a 6.11 log prints it too)' : 'with pr_debug (the device in the text), as dd.c does up to v6.3 at least (read)'}; profile ${prof}'s dd.c does not: ${range} fits the log`);
    }
  }
  // device_links_check_suppliers' deferral line (supplierFormOf): dev_dbg's "probe deferral - " (v5.12 .. v5.14, at no
  // profile) or dev_err_probe's (v5.15 on); not where the log has both forms, which dates nothing (s47 h12 left validate
  // silent here, as it warned of dd.c's forms only).
  // The dev_dbg form is at no profile: the nearest below (the newest that prints none) and above (the oldest with
  // dev_err_probe's) are what from-log guesses for it (v5.15 beside v5.14's dd.c lines), so neither is warned of.
  const sup = supplierOfLog(log), form = PROFILES[prof] ? supplierFormOf(prof) : undefined;
  const nearest = [PROFILE_NAMES.filter((p) => supplierFormOf(p) === 'none').at(-1), PROFILE_NAMES.find((p) => supplierFormOf(p) === 'err_probe')];
  if (sup && !sup.other && form !== undefined && form !== sup.form && !(sup.form === 'dbg' && nearest.includes(prof))) {
    out.push(`line ${sup.line} prints "${sup.text}", device_links_check_suppliers' ${sup.form === 'dbg' ? 'dev_dbg form, as core.c does from v5.12 (1f0dfa0545e7) to v5.14 (68223eeec708 replaced it)' : 'dev_err_probe form, as core.c does from v5.15 (68223eeec708)'}; profile ${prof}'s core.c ${form === 'none' ? 'prints no such line' : 'prints the other form'}: ${sup.form === 'dbg' ? `no profile has that form: ${nearest[0]} (the nearest below) or ${nearest[1]} (above) fits the log best` : `${nearest[1]} or a later profile fits the log`}`);
  }
  // The timeout work's "deferred probe pending": with the deferral reason after it from v6.8 (7c41da586e9f), or bare (v4.19 .. v6.7).
  const pend = pendingOfLog(log), have = PROFILES[prof] ? pendingFormOf(prof) : undefined;
  if (pend !== undefined && have !== undefined && have !== pend) {
    const fit = PROFILE_NAMES.filter((p) => pendingFormOf(p) === pend), line = log.events.find((e) => e.rule.id === 'deferred_pending')!.line;
    out.push(`line ${line} prints "deferred probe pending" ${pend === 'reason' ? 'with a reason after it, as dd.c does from v6.8 (7c41da586e9f, driver-core-6.8-rc1)' : 'with no reason after it, as dd.c does from v4.19 (25b4e70dcce9) to v6.7'}; profile ${prof}'s dd.c ${have === 'none' ? 'has no timeout work to print it' : 'does not'}: ${pend === 'reason' ? `${fit[0]} or a later profile` : `${fit[0]} to ${fit.at(-1)}`} fits the log`);
  }
  return out;
}
