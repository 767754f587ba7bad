/**
 * The log reader: kernel log text (dmesg, with or without timestamps and printk caller ids,
 * `journalctl -k`, a serial console's own prefixes, a mail's "> " quoting) into driver-core
 * events with device, driver, task and time. A line it does not know is kept and counted, never
 * an error. Each event names the rule (format string and source line) it was read by.
 */
import { DEV_PREFIX, RULES, type Rule } from './formats.js';

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
}

export interface ParsedLog {
  events: LogEvent[];
  /** Lines with text that no rule knows: how many, and the lines themselves (kept, never an error). */
  unknown: number;
  others: { line: number; text: string }[];
  lines: number;
  /** The kernel release from a "Linux version X.Y..." line, if the log has one. */
  release?: string;
}

const JOURNAL = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|[^\s]{3,} [ \d]?\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) \S+ kernel: /;
const STAMP = /\[\s*(\d+\.\d+)\]\s?/;
const CALLER = /^\[\s*([TC]\d+)\]\s?/;
const LEVEL = /^<\d+>/;

/** The message of one line, with its time and caller id. */
export function stripPrefixes(raw: string): { text: string; time?: number; task?: string } {
  let s = raw.replace(/\r$/, '').replace(/^(?:>\s?)+/, '');
  s = s.replace(JOURNAL, '').replace(LEVEL, '');
  let time: number | undefined, task: string | undefined;
  // A console may print its own prefix (a date, a board name) before the kernel's timestamp.
  const m = STAMP.exec(s);
  if (m && (m.index === 0 || /^[\s\S]{0,80}$/.test(s.slice(0, m.index)))) {
    time = Number(m[1]);
    s = s.slice(m.index + m[0].length);
  }
  s = s.replace(LEVEL, '');
  const c = CALLER.exec(s);
  if (c) { task = c[1]; s = s.slice(c[0].length); }
  return { text: s.trim(), ...(time !== undefined ? { time } : {}), ...(task !== undefined ? { task } : {}) };
}

/** One message against every rule; null when none knows it. */
export function readMessage(text: string): Omit<LogEvent, 'line'> | null {
  const p = DEV_PREFIX.exec(text);
  for (const rule of RULES) {
    let body = text, dev: string | undefined, owner: string | undefined;
    if (rule.dev) {
      if (!p) continue;
      owner = p[1]; dev = p[2]; body = p[3]!;
    }
    const m = rule.re.exec(body);
    if (!m) continue;
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
    return e;
  }
  return null;
}

export function parseLog(input: string): ParsedLog {
  const lines = input.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const events: LogEvent[] = [];
  const others: ParsedLog['others'] = [];
  let unknown = 0, release: string | undefined;
  lines.forEach((raw, i) => {
    const { text, time, task } = stripPrefixes(raw);
    if (text === '') return;
    const v = /^Linux version (\d+\.\d+)/.exec(text);
    if (v) { release ??= v[1]; return; }
    const e = readMessage(text);
    if (!e) { unknown++; others.push({ line: i + 1, text }); return; }
    const ev: LogEvent = { ...e, line: i + 1 };
    if (time !== undefined) ev.time = time;
    if (task !== undefined && ev.task === undefined) ev.task = task;
    events.push(ev);
  });
  return { events, unknown, others, lines: lines.length, ...(release ? { release } : {}) };
}
