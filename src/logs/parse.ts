/**
 * The log reader: kernel log text (dmesg, with or without timestamps and printk caller ids, or
 * with util-linux dmesg's `-T`, `--time-format iso`, `-x`, `-d` and `-H` prefixes and colours, `journalctl -k` in its
 * short output modes and `-o json`, /dev/kmsg records, a serial console's own prefixes, a Go agent's logfmt `msg="..."` (kata), a
 * mail's "> " quoting and wrapping) into
 * driver-core events with device, driver, task and time. A line it does not know is kept and
 * counted, never an error. Each event names the rule (format string and source line) it was read
 * by. A line that holds a driver-core message behind a prefix the reader does not know is not
 * read either, but counted apart (`prefixed`), so that the commands can name the prefix.
 */
import { DEV_PREFIX, DEV_PREFIX_2, RULES, logBuses, type Rule } from './formats.js';
import { undecorated } from './dyndbg.js';

export interface LogEvent {
  /** 1-based line number in the input. */
  line: number;
  /** The message, prefixes taken off. */
  text: string;
  rule: Rule;
  dev?: string;
  drv?: string;
  bus?: string;
  fn?: string;
  ret?: number;
  usecs?: number;
  module?: string;
  initfn?: string;
  reason?: string;
  /** printk caller id (`T123` a task, `C1` a CPU in interrupt context), or the pid an initcall line names. */
  task?: string;
  /** Seconds since boot, from the `[    1.234567]` timestamp. */
  time?: number;
  /** For dev_printk lines: what stood before the device name (the driver, bus or class). */
  owner?: string;
  /** `drv` as the line spells it, where that holds spaces (`drv` then has an underscore for each: see oneWord). */
  spaced?: string;
  /**
   * A `device_add` of a name already added and not removed since: the line of the add this one
   * repeats. core.c prints the line for class devices too, and SCSI adds several under one name
   * (scsi_device, its class device, bsg, scsi_disk); the bus device is the add a `bus: add
   * device` line follows, else the first.
   */
  namesake?: number;
  /**
   * With `namesake`: that line is not an add but where a probe of a device of this name began (its
   * matched or probing line, or its driver's dev_printk), a later line deciding that probe: a
   * device cannot be added while it is being probed, so this add is another device of its name.
   */
  inProbe?: true;
  /**
   * Read behind dyndbg's decorations (`+t`, `+m`, `+f`, `+l`): only dynamic debug adds them, so a
   * pr_debug or dev_dbg printed the line, never a dev_info.
   */
  decorated?: true;
}

export interface ParsedLog {
  events: LogEvent[];
  /** Lines with text that no rule knows: how many, and the lines themselves (kept, never an error). */
  unknown: number;
  others: { line: number; text: string }[];
  lines: number;
  /** The kernel release from a "Linux version X.Y..." line, if the log has one. */
  release?: string;
  /** That line's whole version (`6.6.12`), and where it is. */
  version?: string;
  releaseLine?: number;
  /**
   * The upstream stable release a distribution kernel is built from, which its version (sublevel 0:
   * `5.15.0-91-generic`, `4.19.0-6-amd64`) does not say and the same line does: Ubuntu ends it with
   * `(Ubuntu 5.15.0-91.101-generic 5.15.131)`, Debian's has `#1 SMP Debian 4.19.67-2+deb10u2 (date)`.
   * Only a release of the line's own X.Y is taken (Debian's gcc is `(Debian 8.3.0-6)` on the same line).
   */
  upstream?: { version: string; distro: 'Ubuntu' | 'Debian' };
  /** Does some line carry a printk caller id (`[    T1]`, printk.caller=1 or CONFIG_PRINTK_CALLER)? */
  callerIds: boolean;
  /**
   * Lines the reader did not read that hold a driver-core line behind a prefix it does not know
   * (a console's or a tool's): how many, and the first of them, with its prefix. Never read.
   */
  prefixed?: { count: number; line: number; prefix: string; text: string };
  /** Lines read behind dyndbg's decorations (+t thread id, +m module, +f function, +l line): how many, and the first. */
  decorated?: { count: number; line: number };
  /**
   * Where the log seems to start a second boot: a second "Linux version" line, or a timestamp more
   * than 2 s before one already seen (a log hunt, 2026-12-04: two boots pasted into one mail).
   */
  reboot?: { line: number; why: string };
  /** Driver-core lines wrapped over two or three lines (a mail client's), read joined: how many, the first, and `qp` where a quoted-printable mail's soft line breaks did it. */
  wrapped?: { count: number; line: number; qp?: true };
  /**
   * Unread lines that look like a driver-core line cut at the end (a `bus:`/`driver:`/`device:`
   * head, ending mid-phrase) with a continuation-like line after them that did not complete it.
   */
  cut?: { count: number; line: number; text: string };
  /**
   * The log's last line, not read, when it starts as a driver-core line does (a log hunt,
   * 2026-12-05: "probe of poweroff failed with er" was not named), and whether a line end follows
   * it: without one the capture ended mid-line; with one it may be cut all the same (an editor
   * ends a saved file so) or be a whole line of a form not read, which the parser cannot tell.
   */
  lastCut?: { line: number; text: string; lineEnd: boolean };
  /**
   * The first timestamp earlier than one already seen by more than printk's cross-CPU skew
   * (UNORDERED s) and less than a second boot's 2 s: the line, its time, and the latest before it
   * with its line (a log hunt, 2026-12-05: two greps pasted one after the other were read as one
   * order with no word).
   */
  unordered?: { line: number; time: number; before: number; beforeLine: number };
  /**
   * Unread lines that say what a probe line says (a probe's return, a matched/probing/bound line)
   * in a form no rule knows (another kernel's format): how many, and the first (a log hunt,
   * 2026-12-05: "probe of X with driver Y returned -517" lines were not named, and E701 advised a
   * boot option the log was booted with).
   */
  variant?: { count: number; line: number; text: string };
  /** Unread lines (not the last) that stop short of a whole driver-core line (isShort): how many, and the first. */
  short?: { count: number; line: number; text: string };
  /** Lines that held NUL bytes, taken out (a syslog file a crash left zero-filled, a serial console's noise): how many, and the first. */
  nul?: { count: number; line: number };
  /** Lines decoded from Outlook's quoted-printable (each ending `=0A=`, its line break encoded): how many, and the first. */
  qp?: { count: number; line: number };
}

/** The NUL bytes taken out, in words. */
export function describeNul(n: NonNullable<ParsedLog['nul']>): string {
  return `${n.count} line${n.count === 1 ? '' : 's'} held NUL bytes (first line ${n.line}), as a log file a crash left zero-filled or a serial console's noise holds: taken out, the rest read`;
}

/** The quoted-printable lines decoded, in words. */
export function describeQp(q: NonNullable<ParsedLog['qp']>): string {
  return `${q.count} line${q.count === 1 ? '' : 's'} (first line ${q.line}) end in "=0A=", a line break written as quoted-printable (a mail archived so, as Outlook sends it): decoded, each in its place`;
}

/** A probe's line in a form no rule reads: a return, failure or rejection of "probe of X", or a matched/probing/bound line of bus.c/dd.c's kind. */
const VARIANT = /^(?:\S* \S+: )?(?:(?:\S+: )?probe of \S+ .*\b(?:returned|failed|rejects)\b|bus: '[^']+': \w+: (?:matched|probing|bound)\b|driver: '[^']+': \w+: bound\b)/;

/** A regexp source matching any proper beginning of one of the rules' format strings (the line cut short), from its cited format. */
function prefixSource(format: string): string {
  const parts = format.replace(/\\n$/, '').split(/(%(?:s|d|i|lld|pS))/);
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // From the end: each literal may stop after any of its characters, each conversion after any of its own.
  let tail = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p === '') continue;
    if (p.startsWith('%')) tail = `${p === '%s' || p === '%pS' ? "[^\\s']+" : '-?\\d+'}(?:${tail})?`;
    else tail = [...p].reduceRight((acc, c) => `${esc(c)}(?:${acc})?`, tail === '' ? '' : `(?:${tail})`).replace(/\(\?:\)\?$/, '');
  }
  return tail;
}

/**
 * A driver-core line cut short: a proper beginning of a probe line's format (matched, probing,
 * bound, a failure, initcall_debug's return) of at least its first few words, as a serial console
 * that lost the rest of a line, or a copy cut to a width, leaves it. A log hunt, 2026-12-06: such a
 * line in the middle of a log was said to be "another kernel's" form.
 */
const shortOf = (dev: boolean) => new RegExp(`^(?:${RULES.filter((r) => r.dev === dev && ['matched', 'probing', 'bound', 'bound_to', 'probe_failed', 'rejects_match', 'probe_returned'].includes(r.id))
  .flatMap((r) => r.cite.map((c) => prefixSource(c.format))).join('|')})$`);
const SHORT = shortOf(false), SHORT_DEV = shortOf(true);
/** Three words of the format at least: fewer say too little to be taken for one. */
export function isShort(text: string): boolean {
  const words = (t: string) => t.split(' ').filter(Boolean).length >= 3;
  const p = DEV_PREFIX.exec(text);
  return ((SHORT.test(text) && words(text)) || (p !== null && SHORT_DEV.test(p[3]!) && words(p[3]!))) && !readMessage(text);
}

/** The lines cut short in words. */
export function describeShort(c: NonNullable<ParsedLog['short']>): string {
  return `${c.count} line${c.count === 1 ? ' stops' : 's stop'} short of a whole driver-core line (line ${c.line}: "${c.text}"), as when a console loses the rest of a line or a copy is cut to a width: not read`;
}

/** The variant lines in words. */
export function describeVariant(v: NonNullable<ParsedLog['variant']>): string {
  return `${v.count} line${v.count === 1 ? ' says' : 's say'} what a probe line says in a form probecheck does not read (line ${v.line}: "${v.text}"), as another kernel may print it`;
}

/** Seconds a timestamp may fall behind one already seen (CPUs' clocks, printk's buffering) before the log is called out of order. */
export const UNORDERED = 0.1;

/** The out-of-order timestamps in words. */
export function describeUnordered(u: NonNullable<ParsedLog['unordered']>): string {
  return `the log is not in time order: line ${u.line}'s timestamp (${u.time} s) is ${(u.before - u.time).toFixed(3)} s before line ${u.beforeLine}'s (${u.before} s), more than CPUs' clocks drift apart; it is read in the order given (pasted pieces, as two greps one after the other? sort it by time if it is one capture)`;
}

/** A driver-core debug line's head (bus.c, dd.c, core.c), after an optional dev_printk prefix, and the words a cut one ends on. */
const CUT_HEAD = /^(?:\S* \S+: )?(?:bus|driver|device): '[^']+':/;
const CUT_END = /(?::|\b(?:matched|probing|bound|device|driver|with|to|add|remove))$/;
/** A whole "device: '%s': %s" / "driver: '%s': %s" line of a function no rule reads (device_unregister, driver_release): cut, but not worth joining. */
const FUNC_LINE = /^(?:\S* \S+: )?(?:device|driver): '[^']+': \w+$/;

/** The wrapped lines in words. */
export function describeWrapped(w: NonNullable<ParsedLog['wrapped']>): string {
  return `${w.count} driver-core line${w.count === 1 ? ' was' : 's were'} wrapped over the next line, ${w.qp ? "by quoted-printable soft line breaks ('=' at the end)" : 'as a mail client wraps text'} (first at line ${w.line}): read joined`;
}

/** The cut lines in words. */
export function describeCut(c: NonNullable<ParsedLog['cut']>): string {
  return `${c.count} line${c.count === 1 ? ' looks' : 's look'} like a driver-core line cut at the end and continued on the next line (line ${c.line}: "${c.text}"): the log looks wrapped, as by a mail client; join ${c.count === 1 ? 'it' : 'them'} back`;
}

/** The head of a driver-core line (dd.c, bus.c, core.c, initcall_debug), after an optional dev_printk prefix: a last line that starts so and reads as no rule was cut. */
const LAST_HEAD = /^(?:\S* \S+: )?(?:(?:bus|driver|device): '|probe (?:of|with) |Driver \S|Added to|Removed fr|Retrying|scheduling a|async pro|deferred pr|calling |initcall )|^(?:\S+|[^\s:[\]]+(?:[ \t]+[^\s:[\]]+)+): probe of /;

/**
 * Whole lines of bus.c and core.c that start as driver-core lines do and that no rule reads: not
 * cut. `pr_debug("driver: '%s': %s\n", ..., __func__)` in bus.c's driver_release, `"device: '%s':
 * %s\n"` in core.c's device_unregister and device_create_release, bus_register's `"bus: '%s':
 * registered\n"`, bus_unregister's `"bus: '%s': unregistering\n"` (read in torvalds/linux bus.c and
 * core.c: no excerpt of these functions under kernel/), and dev_uevent's `"device: '%s': %s: bus
 * uevent() returned %d\n"` (and class, dev_type: core.c at v6.6.y). A log hunt, 2026-12-06: an rmmod's last line,
 * "driver: 'foo-drv': driver_release", was said to be cut mid-line.
 */
const WHOLE = /^(?:(?:device|driver): '[^']+': (?:device_unregister|device_create_release|driver_release)|bus: '[^']+': (?:registered|unregistering)|device: '[^']+': \w+: (?:bus|class|dev_type) uevent\(\) returned -?\d+)$/;

/**
 * The unread last line in words: "ending mid-line" only where the file has no line end after it
 * (s48 h14: a made-up whole line, newline and all, was said to end the log mid-line).
 */
export function describeLastCut(c: NonNullable<ParsedLog['lastCut']>): string {
  return c.lineEnd
    ? `the last line (line ${c.line}) starts as a driver-core line but is no form probecheck reads (cut short, or whole in a form not read): "${c.text}": not read`
    : `the last line (line ${c.line}) looks cut, the log ending mid-line with no line end: "${c.text}": not read`;
}

/** A second boot in the log, in words. */
export function describeReboot(r: NonNullable<ParsedLog['reboot']>): string {
  return `the log seems to hold a second boot from line ${r.line} (${r.why}): it is read as one run; cut it to the boot you are after`;
}

/** The prefixed lines in words: how many, and the first, with its prefix. */
export function describePrefixed(p: NonNullable<ParsedLog['prefixed']>): string {
  return `${p.count} line${p.count === 1 ? '' : 's'} hold${p.count === 1 ? 's' : ''} a driver-core line behind a prefix probecheck does not read (line ${p.line}: "${p.prefix.trimEnd()}" before "${p.text}")`;
}

/** Where an unread line holds a driver-core message after a prefix (at most 120 characters of it, at a word start): the prefix. */
export function unknownPrefix(text: string): string | undefined {
  for (const m of text.slice(0, 121).matchAll(/\s+(?=\S)/g)) {
    const at = m.index + m[0].length;
    if (readMessage(text.slice(at))) return text.slice(0, at);
  }
  return undefined;
}

/*
 * journalctl's output modes (journalctl(1), --output): short and short-precise ("Dec 04
 * 02:40:35[.063368] host kernel: "), short-iso[-precise], short-full ("Sun 2022-12-04 02:40:35
 * CET host kernel: "), short-unix ("1670118035.063368 host kernel: "); short-monotonic and
 * short-delta ("[    3.063368] host kernel: ", "[    3.063368 <    0.000012>] host kernel: ")
 * give seconds since boot, read as the time. `--no-hostname` leaves the host out ("[    0.000000]
 * kernel: Linux version 5.15.22-stb-mt8+ ...", velvet-os/imagebuilder#36), and a CJK locale's month
 * may be two characters ("8月 13 15:22:13 host kernel: Linux version 5.15.0-139-generic ..."): both
 * were not taken off, so the version line (anchored) went unread beside driver-core lines read (s44 h13).
 */
const JOURNAL = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|[^\s]{2,} [ \d]?\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\S+|[A-Z][a-z]{2} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+|\d{9,}\.\d+) (?:\S+ )?kernel: /;
const JOURNAL_MONO = /^\[\s*(\d+\.\d+)(?: <\s*\d+\.\d+>)?\] (?:\S+ )?kernel: /;
/*
 * util-linux dmesg's own prefixes (sys-utils/dmesg.c, print_record, util-linux/util-linux at
 * 01a424f502cf; lib/timeutils.c format_iso_time at 00ddcaf19c60), not the kernel's:
 * - `-x`: "%-6s:%-6s: " of the facility and level names, before the timestamp;
 * - `-T` (ctime): "[%s] " of strftime "%a %b %e %H:%M:%S %Y" (a translatable string: another
 *   locale may order it otherwise, so any bracket holding a time of day is taken), and
 *   `--time-format ctime,delta`: "[%s <%12.06f>] ";
 * - `--time-format iso`: "%s " of "%4ld-%.2d-%.2d" 'T' "%02d:%02d:%02d" ",%06d" "%+03d:%02d"
 *   (older util-linux printed the zone without the colon, "+0100", as dmesg.c's comment shows).
 * - `-d` (show-delta): "[%5ld.%06ld <%12.06f>] " of the time and the delta, read as the time;
 *   `--time-format delta` alone: "[<%12.06f>] ";
 * - `-e`/`-H` (reltime): "[%s] " of short_ctime's "%b%e %H:%M" where the minute changes, else
 *   "[  %+8.06f] " or "[ %+9.06f] " of the delta;
 * - `--color` (`-H` sets it on a terminal; `script` or `--color=always` keeps it in the file): SGR
 *   escapes around the time, the "subsystem" prefix and the level's colour, taken off first.
 * They give wall-clock time or deltas, not seconds since boot: such a line has no `time`.
 * (A log hunt, 2026-12-05: `dmesg -H`, `-d` and coloured captures were not read at all, and a
 * coloured one got E701's "boot with dyndbg" advice.)
 */
const DECODE = /^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|res[0-3]|local[0-7]) *:(?:emerg|alert|crit|err|warn|notice|info|debug) *: /;
const CTIME = /^\[[^\]\n]{0,40}?\b\d\d:\d\d:\d\d\b[^\]\n]{0,40}\]\s?/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d{6}[+-]\d\d:?\d\d\s/;
const REL = /^\[(?:<\s*-?\d+\.\d+>|\s*[+-]\d+\.\d+|[^\]\n]{0,30}?\b\d\d:\d\d)\]\s?/;
const STAMP = /\[\s*(\d+\.\d+)(?: <\s*-?\d+\.\d+>)?\]\s?/;
/** ECMA-48 control sequences (SGR colours): util-linux's UL_COLOR_* around dmesg's fields. */
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const CALLER = /^\[\s*([TC]\d+)\]\s?/;
const LEVEL = /^<\d+>/;

/*
 * A guest's console forwarded by a Go agent in logfmt (logrus's TextFormatter: `time="..."
 * level=info msg="[    4.132350] ...\n" name=kata-proxy pid=... source=agent`, as kata's proxy
 * and runtime log a VM's kernel): the kernel line is msg's value, quoted as Go's strconv.Quote
 * does. (A log hunt on real logs, 2026-12-06, kata-containers/runtime#1461: the `\n" name=...`
 * after each line left every line unread, and E701 called a v4.x dd.c line another kernel's form.)
 */
const LOGFMT = /^(?:time=(?:"[^"]*"|\S+) )?level=\w+ msg="((?:[^"\\]|\\.)*)"(?:\s|$)/;
const unquoteGo = (q: string) => q.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/g, (_, x?: string, u?: string, U?: string, c?: string) =>
  x ?? u ?? U ? String.fromCodePoint(parseInt((x ?? u ?? U)!, 16)) : ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[c!] ?? c!);

/*
 * A /dev/kmsg record (`cat /dev/kmsg`, Documentation/ABI/testing/dev-kmsg): "<level>,<seqnum>,
 * <timestamp in usec>,<contflag>[,additional values];<message>", CONFIG_PRINTK_CALLER's caller id
 * as `caller=T1` among the additional values, then the record's dictionary on lines that begin
 * with a space (" SUBSYSTEM=pci", " DEVICE=+pci:0000:00:1f.0"). As S. Senozhatsky quotes it ("Re:
 * [RFC PATCH] printk: Change timestamp to triplet as mono, boot and real", linux-kernel,
 * 2020-08-13). A log hunt on real logs, 2026-12-06: the dev_printk lines of such a capture were read
 * with "7,6,0,-;platform" as their owner, the others not at all, and E701 advised booting with
 * the dyndbg the log was booted with.
 */
const KMSG = /^\d+,\d+,(\d+),[^,;]*((?:,[^,;]*)*);/;
/** A /dev/kmsg record's dictionary line (KEY=value after a space). */
export const KMSG_DICT = /^ [A-Z][A-Z0-9_]*=/;

/**
 * `journalctl -k -o json`: one JSON object a line, the kernel's line in MESSAGE (a string, or an array of
 * bytes for one that is not printable UTF-8) and the kernel's own timestamp in
 * _SOURCE_MONOTONIC_TIMESTAMP (journald-kmsg.c: `"_SOURCE_MONOTONIC_TIMESTAMP=%llu", usec`, the
 * /dev/kmsg record's microseconds since boot).
 * A log hunt, 2026-12-06: such an export was E701, "boot with dyndbg", though every line was there.
 */
function journalJson(s: string): { text: string; time?: number } | undefined {
  if (!s.startsWith('{"') || !s.endsWith('}')) return undefined;
  let o: unknown;
  try { o = JSON.parse(s); } catch { return undefined; }
  let m = (o as { MESSAGE?: unknown }).MESSAGE;
  const t = (o as { _SOURCE_MONOTONIC_TIMESTAMP?: unknown })._SOURCE_MONOTONIC_TIMESTAMP;
  // journalctl writes a field that is not printable UTF-8 (a byte that is not, an escape journald
  // unescaped from the record) as an array of its bytes: decoded, a byte that is not UTF-8 as U+FFFD.
  if (Array.isArray(m) && m.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) m = new TextDecoder().decode(Uint8Array.from(m as number[]));
  if (typeof m !== 'string') return undefined;
  return { text: m.trim(), ...(typeof t === 'string' && /^\d+$/.test(t) ? { time: Number(t) / 1e6 } : {}) };
}

/** The message of one line, with its time and caller id. */
export function stripPrefixes(raw: string): { text: string; time?: number; task?: string; kmsg?: true } {
  let s = raw.replace(/\r$/, '').replace(ANSI, '').replace(/^(?:>\s?)+/, '');
  const js = journalJson(s);
  if (js) return js;
  const km = KMSG.exec(s);
  if (km) {
    const caller = /,caller=([TC]\d+)(?:,|$)/.exec(km[2]!);
    return { text: s.slice(km[0].length).trim(), time: Number(km[1]) / 1e6, ...(caller ? { task: caller[1]! } : {}), kmsg: true };
  }
  const lf = LOGFMT.exec(s);
  if (lf) s = unquoteGo(lf[1]!).replace(/\s+$/, '');
  let time: number | undefined, task: string | undefined;
  const mono = JOURNAL_MONO.exec(s);
  if (mono) { time = Number(mono[1]); s = s.slice(mono[0].length); }
  s = s.replace(JOURNAL, '').replace(LEVEL, '').replace(DECODE, '');
  const wall = CTIME.exec(s) ?? ISO.exec(s) ?? REL.exec(s);
  if (wall) s = s.slice(wall[0].length);
  // A console may print its own prefix (a date, a board name) before the kernel's timestamp.
  const m = wall || mono ? null : STAMP.exec(s);
  if (m && (m.index === 0 || /^[\s\S]{0,80}$/.test(s.slice(0, m.index)))) {
    time = Number(m[1]);
    s = s.slice(m.index + m[0].length);
  }
  s = s.replace(LEVEL, '');
  const c = CALLER.exec(s);
  if (c) { task = c[1]; s = s.slice(c[0].length); }
  return { text: s.trim(), ...(time !== undefined ? { time } : {}), ...(task !== undefined ? { task } : {}) };
}

/**
 * A driver's name that holds spaces (phy_driver names: "Qualcomm QCA8075", "Generic PHY") as one
 * word, each run of spaces an underscore: a scenario's actions split on spaces (`register X`), so
 * the name is read so here, for `from-log` and `validate` alike (a log hunt, 2026-12-06: an
 * OpenWrt boot whose only driver-core lines were such a PHY's was refused, E701).
 */
export const oneWord = (name: string): string => name.trim().replace(/\s+/g, '_');

/**
 * initcall_debug's return line up to its return code, as the log has it (`probe of X returned N`, or
 * `probe of X with driver D returned N` with the driver as printed), for notes that quote it: the
 * event's drv is the scenario's name (`Generic_PHY`, `wm8731@spi`), not what the line says.
 */
export const returnedWords = (e: LogEvent): string => e.text.replace(/ after \d+ usecs$/, '');

/** One message against every rule; null when none knows it. */
export function readMessage(text: string): Omit<LogEvent, 'line'> | null {
  return readWith(text, DEV_PREFIX.exec(text)) ?? readWith(text, DEV_PREFIX_2.exec(text), true);
}

/** `named`: the prefix's owner is a two-word driver name, which the line must name as its driver. */
function readWith(text: string, p: RegExpExecArray | null, named = false): Omit<LogEvent, 'line'> | null {
  if (named && !p) return null;
  for (const rule of RULES) {
    let body = text, dev: string | undefined, owner: string | undefined;
    if (rule.dev) {
      if (!p) continue;
      owner = p[1]; dev = p[2]; body = p[3]!;
    } else if (named) continue;
    const m = rule.re.exec(body);
    if (!m) continue;
    if (named && m[rule.fields.indexOf('drv') + 1] !== owner) continue;
    const e: Omit<LogEvent, 'line'> = { text, rule };
    if (dev !== undefined) e.dev = dev;
    if (owner !== undefined) e.owner = owner;
    rule.fields.forEach((f, i) => {
      const v = m[i + 1];
      if (v === undefined) return;
      if (f === 'ret' || f === 'usecs') e[f] = Number(v);
      else if (f === 'pid') e.task = `T${v}`;
      else e[f] = v;
    });
    if (e.drv !== undefined && /\s/.test(e.drv)) {
      e.spaced = e.drv; e.drv = oneWord(e.drv);
      if (e.owner === e.spaced) e.owner = e.drv;
    }
    return e;
  }
  return null;
}

export function parseLog(input: string): ParsedLog {
  // Old Mac line ends (CR only): lines end at each CR when no LF is there.
  const lines = (input.includes('\n') ? input : input.replace(/\r/g, '\n')).split('\n');
  // Whether the text ends with a line end: a last line without one is where a capture stopped.
  const endsWithLineEnd = lines.length > 1 && lines[lines.length - 1] === '';
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  // Outlook's quoted-printable writes each line break of the text as `=0A` and breaks the line
  // there softly (`=0A=` at the end of every line; a soft break before one leaves a line that
  // starts with it). s47 h10: an imx8mq boot quoted so (linux-pm, 2019-10-15) was E701, its
  // `matched device=0A=` called another kernel's form. Each line decoded in place, so line numbers
  // stay the file's; the soft breaks left (`=` at the end of a line) are joined as before.
  let qp0: ParsedLog['qp'];
  const qpEnds = lines.flatMap((l, i) => (/=0A=\r?$/.test(l) ? [i] : []));
  if (qpEnds.length >= 2) {
    qp0 = { count: qpEnds.length, line: qpEnds[0]! + 1 };
    const hex = (t: string) => t.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!.replace(/\r$/, '');
      // A soft break just before the encoded line break (`...device=`, then `=0A=` alone): that
      // line ends there; it is put on the second line, the first left empty, so that a wrap the
      // quoting client made after it (`> '3d400000.dram-controller'`) is still the next line.
      if (l.endsWith('=') && !l.endsWith('=0A=') && lines[i + 1]?.replace(/\r$/, '') === '=0A=') { lines[i] = ''; lines[i + 1] = hex(l.slice(0, -1)); i++; continue; }
      lines[i] = l.endsWith('=0A=') ? hex(l.slice(0, -4)) : l.endsWith('=') ? `${hex(l.slice(0, -1))}=` : hex(l);
    }
  }
  let nul: ParsedLog['nul'];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.includes('\u0000')) continue;
    lines[i] = lines[i]!.replace(/\u0000+/g, '');
    if (nul) nul.count++; else nul = { count: 1, line: i + 1 };
  }
  const events: LogEvent[] = [];
  const others: ParsedLog['others'] = [];
  let upstream: ParsedLog['upstream'];
  let unknown = 0, release: string | undefined, version: string | undefined, releaseLine: number | undefined, prefixed: ParsedLog['prefixed'], callerIds = false;
  let wrapped: ParsedLog['wrapped'], cut: ParsedLog['cut'], decorated: ParsedLog['decorated'], reboot: ParsedLog['reboot'], maxTime: number | undefined, maxLine = 0, unordered: ParsedLog['unordered'];
  const st = lines.map(stripPrefixes);
  const cutLines = new Set<number>();
  // A /dev/kmsg record's dictionary lines are part of the record before them, not log lines.
  for (let i = 1, inKmsg = false; i < st.length; i++) {
    if (st[i - 1]!.kmsg) inKmsg = true;
    if (inKmsg && KMSG_DICT.test(lines[i]!)) st[i] = { text: '' };
    else if (!st[i]!.kmsg) inKmsg = false;
  }
  // A mail archived quoted-printable (a log hunt, 2026-12-05: E701 blamed "another kernel's" format):
  // its soft line breaks end a line with '=' and go on with the rest of it, spaces kept.
  const qp = lines.filter((l) => /[^=]=\r?$/.test(l)).length >= 2;
  const qpText = (t: string) => t.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  // Does a line outside from..to hold `name` (a joined driver's name with a space): the lines that do, kept per name.
  const holding = new Map<string, number[]>();
  const spelled = (name: string, from: number, to: number): boolean => {
    let at = holding.get(name);
    if (!at) holding.set(name, at = lines.flatMap((l, j) => (l.includes(name) ? [j] : [])));
    return at.some((j) => j < from || j > to);
  };
  /**
   * A line a mail client wrapped: it reads as no rule, and with the next one or two lines (no
   * timestamp or caller id of their own, none read alone) joined by a space (none after a
   * hyphen) it reads as one. Names with a space are refused there (a wrap may have cut a name),
   * but for a driver's that another line spells so.
   */
  /** Line i, whose last word is device `dev`, joined with no space to the next line's one word, where that names a device another line spells. */
  const devJoined = (i: number, dev: string) => {
    const n = st[i + 1];
    if (!n || n.text === '' || /\s/.test(n.text) || n.time !== undefined || n.task !== undefined || readMessage(n.text)) return undefined;
    const e = readMessage(`${st[i]!.text}${n.text}`);
    return e?.dev === `${dev}${n.text}` && spelled(e.dev, i, i + 1) ? { e, last: i + 1 } : undefined;
  };
  const unwrap = (i: number) => {
    let acc = st[i]!.text;
    for (let k = i + 1; k <= i + 2 && k < st.length; k++) {
      const n = st[k]!;
      if (n.text === '' || n.time !== undefined || n.task !== undefined || readMessage(n.text)) return undefined;
      // Some clients break after a hyphen, inside a name: no space there; a soft break, nothing.
      if (qp && acc.endsWith('=')) acc = qpText(`${acc.slice(0, -1)}${lines[k]!.replace(/\r$/, '')}`);
      else acc = acc.endsWith('-') ? `${acc}${n.text}` : `${acc} ${n.text}`;
      const e = readMessage(acc);
      // `spaced`: the driver's name as the joined line spells it (readMessage made `drv` one word:
      // a review, 2026-12-06: "probing driver sdhci-esd" + "hc-imx with device ..." read as sdhci-esd_hc-imx),
      // taken where another line of the log spells it so: a client wraps at a space, and "Generic"
      // + "PHY with device ..." is the driver's own (s40 h11: ec59b34 left that line unread).
      const cut = e?.spaced !== undefined && !spelled(e.spaced, i, k);
      if (e && !acc.endsWith('-') && ![e.dev, e.drv, e.bus].some((x) => x?.includes(' ')) && !cut) return { e, last: k };
    }
    return undefined;
  };
  for (let i = 0; i < st.length; i++) {
    const { text, time, task } = st[i]!;
    if (text === '') continue;
    if (task !== undefined) callerIds = true;
    const v = /^Linux version ((\d+\.\d+)\S*)/.exec(text);
    if (v) {
      if (release === undefined) { release = v[2]; version = v[1]; releaseLine = i + 1; upstream = upstreamOf(text, v[2]!) ?? upstreamWrapped(text, st[i + 1], v[2]!); }
      else reboot ??= { line: i + 1, why: `a second "Linux version" line (the first at line ${releaseLine})` };
      continue;
    }
    if (time !== undefined) {
      if (maxTime !== undefined && time < maxTime - 2) reboot ??= { line: i + 1, why: `its timestamp (${time} s) is before one already seen (${maxTime} s)` };
      else if (maxTime !== undefined && time < maxTime - UNORDERED) unordered ??= { line: i + 1, time, before: maxTime, beforeLine: maxLine };
      if (maxTime === undefined || time > maxTime) { maxTime = time; maxLine = i + 1; }
    }
    // A line that ends in a hyphen may be a name the wrap cut: the joined reading first.
    const alone = readMessage(text);
    let e = text.endsWith('-') ? null : alone, last = i;
    // So may a driver's name that ends the line, cut at its space ("bound device X to driver
    // Generic" + "PHY"): read alone it named a driver "Generic" (s40 h11). unwrap takes a spaced
    // name only where another line spells it so.
    // (A line with a timestamp: in a log without them every next line would be tried.)
    const end = alone?.spaced ?? alone?.drv, joined = time !== undefined && end !== undefined && text.endsWith(end) ? unwrap(i) : undefined;
    const cutName = joined?.e.spaced?.startsWith(`${end} `) ? joined : undefined;
    // A device's name that ends the line, cut inside it by a copy to a width ("with device
    // 2190000.us" + "dhc"): read alone it named a device "2190000.us" (s40 h11). Joined with no
    // space where the joined name is one another line spells.
    const cutDev = !cutName && time !== undefined && alone?.dev !== undefined && text.endsWith(alone.dev) ? devJoined(i, alone.dev) : undefined;
    if (cutName || cutDev) e = null;
    if (!e) {
      const w = cutName ?? cutDev ?? unwrap(i);
      if (w) {
        ({ e, last } = w);
        if (wrapped) wrapped.count++; else wrapped = { count: 1, line: i + 1, ...(qp ? { qp: true } : {}) };
      }
    }
    e ??= alone;
    // A failed probe's driver of three words or more, or with runs of spaces (s41 h9), may be prose
    // before the colon (`Oops in the foo driver: probe of foo.0 failed ...` made up a driver): taken
    // where another line spells it or none of its words is a plain lowercase word, as from-log's
    // prefix reader does; two words parted by one space are read as before (s41 h15).
    if (e && (e.rule.id === 'probe_failed' || e.rule.id === 'rejects_match') && e.spaced !== undefined && !/^[\w.-]+ [\w.-]+$/.test(e.spaced)
      && e.spaced.split(/[ \t]+/).some((w) => /^[a-z]+$/.test(w)) && !spelled(e.spaced, i, last)) e = null;
    // dyndbg's decorations (a log hunt, 2026-12-04: a real log booted with +f, another with +plmft):
    // `[tid] ` (+t), then `module:` (+m), `function:` (+f), `file:` (+s) and `line:` (+l), then a space (dyndbg.ts).
    let tid: string | undefined, dec = false;
    if (!e) {
      const d = undecorated(text);
      const inner = d ? readMessage(d.text) : null;
      if (d && inner) { e = inner; tid = d.tid; dec = true; if (decorated) decorated.count++; else decorated = { count: 1, line: i + 1 }; }
    }
    if (!e) {
      unknown++; others.push({ line: i + 1, text });
      const prefix = unknownPrefix(text);
      if (prefix !== undefined) { if (prefixed) prefixed.count++; else prefixed = { count: 1, line: i + 1, prefix, text: text.slice(prefix.length) }; }
      const n = st[i + 1];
      if (CUT_HEAD.test(text) && CUT_END.test(text) && n && n.text !== '' && n.time === undefined && n.task === undefined && !readMessage(n.text) && !FUNC_LINE.test(`${text} ${n.text}`)) {
        if (cut) cut.count++; else cut = { count: 1, line: i + 1, text };
        cutLines.add(i + 1);
      }
      continue;
    }
    const ev: LogEvent = { ...e, line: i + 1 };
    if (time !== undefined) ev.time = time;
    if (dec) ev.decorated = true;
    if (task !== undefined && ev.task === undefined) ev.task = task;
    else if (tid !== undefined && ev.task === undefined) { ev.task = `T${tid}`; callerIds = true; }
    events.push(ev);
    i = last;
  }
  markNamesakes(events, others);
  markInProbe(events, others);
  let lastCut: ParsedLog['lastCut'];
  let li = st.length - 1;
  while (li >= 0 && st[li]!.text === '') li--;
  const lastOther = others[others.length - 1];
  if (li >= 0 && lastOther !== undefined && lastOther.line === li + 1 && LAST_HEAD.test(lastOther.text) && !WHOLE.test(lastOther.text)) lastCut = { line: li + 1, text: lastOther.text, lineEnd: endsWithLineEnd || li < st.length - 1 };
  let variant: ParsedLog['variant'], short: ParsedLog['short'];
  for (const o of others) {
    if (o.line === lastCut?.line) continue;
    if (!cutLines.has(o.line) && isShort(o.text)) { if (short) short.count++; else short = { count: 1, line: o.line, text: o.text }; continue; }
    if (!VARIANT.test(o.text)) continue;
    if (variant) variant.count++; else variant = { count: 1, line: o.line, text: o.text };
  }
  return { ...(short ? { short } : {}), ...(nul ? { nul } : {}), ...(qp0 ? { qp: qp0 } : {}), ...(lastCut ? { lastCut } : {}), ...(unordered ? { unordered } : {}), ...(variant ? { variant } : {}), events, unknown, others, lines: lines.length, callerIds, ...(release ? { release, version, releaseLine } : {}), ...(upstream ? { upstream } : {}), ...(prefixed ? { prefixed } : {}), ...(wrapped ? { wrapped } : {}), ...(cut ? { cut } : {}), ...(decorated ? { decorated } : {}), ...(reboot ? { reboot } : {}) };
}

/**
 * Marks each `device_add` that repeats a name added before and not removed since (LogEvent.namesake).
 * core.c's device_unregister prints `"device: '%s': %s\n"` with its __func__ (pr_debug, as
 * device_add's; no excerpt of it under kernel/: read in real logs, ahci-mvebu's tty and
 * mtk-ccifreq's devfreq devices): one device of the name is gone, so once every add of it is
 * undone an add is a new device, not a namesake. A log hunt on real logs, 2026-12-06: ttyS0,
 * unregistered and added again (M. Dinu's ahci-mvebu boot, linux-ide, 2022-12), was called a class
 * device "added before and not removed".
 */
function markNamesakes(events: LogEvent[], others: ParsedLog['others'] = []): void {
  // Per name, the adds since its last `bus: remove device` (or since all of them were unregistered),
  // the one a `bus: add device` followed, and how many are still there.
  const open = new Map<string, { adds: LogEvent[]; bus?: LogEvent; alive: number }>();
  const close = (name: string) => {
    const g = open.get(name);
    open.delete(name);
    if (!g || g.adds.length < 2) return;
    const real = g.bus ?? g.adds[0]!;
    for (const a of g.adds) if (a !== real) a.namesake = real.line;
  };
  const unregs = others.flatMap((o) => { const m = /^device: '([^']+)': device_unregister$/.exec(o.text); return m ? [{ line: o.line, dev: m[1]! }] : []; });
  let u = 0;
  for (const e of events) {
    for (; u < unregs.length && unregs[u]!.line < e.line; u++) { const g = open.get(unregs[u]!.dev); if (g) g.alive = Math.max(0, g.alive - 1); }
    if (e.dev === undefined) continue;
    if (e.rule.id === 'device_add') {
      const g = open.get(e.dev);
      if (g && g.alive > 0) { g.adds.push(e); g.alive++; } else { close(e.dev); open.set(e.dev, { adds: [e], alive: 1 }); }
    } else if (e.rule.id === 'bus_add_device') {
      const g = open.get(e.dev);
      if (g && !g.bus) g.bus = g.adds.at(-1);
    } else if (e.rule.id === 'bus_remove_device') close(e.dev);
  }
  for (const name of [...open.keys()]) close(name);
}

/** The lines that decide a device's probe: its outcome, a deferral, initcall_debug's return. */
const DECIDES = new Set(['deferral', 'probe_failed', 'rejects_match', 'devres_present', 'bound_to', 'bound', 'probe_returned']);

/**
 * Marks a `device_add` of a name whose device is being probed then (LogEvent.inProbe): after the
 * probe's matched or probing line, or a dev_printk line of the device with its driver's name
 * before it (dev_driver_string: dev->driver is set from really_probe on), and before the line that
 * decides that probe, with no matched or probing line of the name between the add and that line
 * (a device deleted and added again is probed again). A probe holds its device's lock, which
 * device_del waits for: the add is of another device of the same name, as a driver's class device
 * named after its parent (a log hunt on real logs, 2026-12-06: devfreq's `cci`, added inside
 * mtk-ccifreq's probe of platform device cci, was read as that device's registration).
 */
function markInProbe(events: LogEvent[], others: ParsedLog['others']): void {
  /**
   * Drivers the log's lines name for each device, but for a name that is also a bus's: USB's device
   * driver is `usb`, as its bus is, so "usb usb1: New USB device found" (before usb1's device_add)
   * says nothing of a probe.
   */
  const buses = logBuses(events);
  const drivers = new Map<string, Set<string>>();
  for (const e of events) if (e.dev !== undefined && e.drv !== undefined && !buses.has(e.drv)) (drivers.get(e.dev) ?? drivers.set(e.dev, new Set()).get(e.dev)!).add(e.drv);
  /** Per device, in line order: where a probe of it was seen under way ('open') and where one was decided. */
  const marks = new Map<string, { line: number; kind: 'open' | 'decide' | 'start' | 'add'; ev?: LogEvent }[]>();
  const mark = (dev: string, line: number, kind: 'open' | 'decide' | 'start' | 'add', ev?: LogEvent) => (marks.get(dev) ?? marks.set(dev, []).get(dev)!).push({ line, kind, ...(ev ? { ev } : {}) });
  for (const e of events) {
    if (e.dev === undefined) continue;
    if (e.rule.id === 'matched' || e.rule.id === 'probing') mark(e.dev, e.line, 'start');
    else if (e.rule.id === 'device_add' && e.namesake === undefined) mark(e.dev, e.line, 'add', e);
    else if (DECIDES.has(e.rule.id)) {
      mark(e.dev, e.line, 'decide');
      // v3.x's driver_bound names the device second.
      if (e.rule.id === 'bound_to' && e.drv !== undefined) mark(e.drv, e.line, 'decide');
    } else if (e.owner !== undefined && drivers.get(e.dev)?.has(e.owner)) mark(e.dev, e.line, 'open');
  }
  for (const o of others) {
    const m = /^(\S+) (\S+): /.exec(o.text);
    if (m && drivers.get(m[2]!)?.has(m[1]!)) mark(m[2]!, o.line, 'open');
  }
  for (const list of marks.values()) {
    list.sort((a, b) => a.line - b.line);
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (a.kind !== 'add') continue;
      // Back from the add: a start line opens a probe; a driver's own lines do where nothing decided
      // a probe before them (the log starts there, or the device's add does): after a decided probe
      // they are the bound driver's (a device deleted with no line, then added again).
      let open: number | undefined, last: number | undefined, j = i - 1;
      for (; j >= 0; j--) {
        const k = list[j]!.kind;
        if (k === 'start') { open = list[j]!.line; break; }
        if (k === 'open') { last = list[j]!.line; continue; }
        break;
      }
      if (open === undefined && last !== undefined && (j < 0 || list[j]!.kind === 'add')) open = last;
      if (open === undefined) continue;
      const next = list.slice(i + 1).find((x) => x.kind !== 'open');
      if (next?.kind === 'decide') { a.ev!.namesake = open; a.ev!.inProbe = true; }
    }
  }
}

/**
 * The same, of a version line a copy wrapped at a width: its end is on the next line, which has no
 * timestamp ("... UTC 2" + "024 (Ubuntu 5.15.0-100.110~20.04.1-generic 5.15.143)", a pasted dmesg
 * found 2026-12-07, s44 h13: read as 5.15.0 with no upstream, so no backport was warned of). Joined
 * as cut (no space) first, then at a space; the line patterns are anchored at the end, so a join
 * that is not the line's own end names no release.
 */
function upstreamWrapped(line: string, next: { text: string; time?: number } | undefined, release: string): ParsedLog['upstream'] {
  if (!next || next.time !== undefined || next.text === '' || /^Linux version /.test(next.text)) return undefined;
  return upstreamOf(line + next.text, release) ?? upstreamOf(`${line} ${next.text}`, release);
}

/** A distribution kernel's upstream release on its "Linux version" line (ParsedLog.upstream), of the line's own X.Y only. */
export function upstreamOf(line: string, release: string): ParsedLog['upstream'] {
  const same = (v: string | undefined) => v !== undefined && v.split('.').slice(0, 2).join('.') === release;
  const ubuntu = /\(Ubuntu \S+ (\d+\.\d+\.\d+)\)\s*$/.exec(line)?.[1];
  if (same(ubuntu)) return { version: ubuntu!, distro: 'Ubuntu' };
  const debian = /#\d+\S*(?: \S+)*? Debian (\d+\.\d+\.\d+)-\S+ \(/.exec(line)?.[1];
  if (same(debian)) return { version: debian!, distro: 'Debian' };
  return undefined;
}
