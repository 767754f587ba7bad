/**
 * The text report a kernel developer reads like a lockdep splat: the violated property and the
 * values that break it, then the trace with one column per thread (each step as its kernel
 * function, label and the fields it changed), and for a deadlock the wait-for chain and a
 * "possible unsafe scenario". Wide traces fall back to a numbered list. Also the verdict table
 * and the stats line of a whole run. Pure functions from Result data to strings; no I/O.
 */
import type { PropertyResult, Result, VacuousProperty, Waiter } from '../engine/result.js';
import type { Trace, TraceStep } from '../engine/trace.js';
import { plain, type Colors } from './colors.js';
import { wrapLines } from './wrap.js';
import { stopLines } from './stop.js';
import { pad, table, visibleLength } from './table.js';
import { isPart } from '../engine/search/shard.js';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { below } from './trace-file.js';

export interface TextOptions {
  colors?: Colors;
  /** Terminal width; a trace wider than this as columns is printed as a list. */
  width?: number;
}

/** `drivers/base/dd.c:really_probe` → `really_probe`. */
export function kernelFunction(where: string): string {
  // `file:function (comment)`: the colon after the file, not one inside the comment.
  const paren = where.indexOf(' (');
  const head = paren >= 0 ? where.slice(0, paren) : where;
  const i = head.lastIndexOf(':');
  return i >= 0 ? where.slice(i + 1) : where;
}

/**
 * Parameters as every output shows them. A patch file is named by its path below the working
 * directory where it lies there, as JUnit names it (a CI hunt, 2026-12-06: the suite table and the
 * `check` header showed `patches=/tmp/x/ci/dead.ts` where JUnit said `patches=ci/dead.ts`).
 */
export function showParams(params: Record<string, string | number>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${k === 'patches' && typeof v === 'string' ? showPatches(v) : v}`).join(' ');
}

/** The package's own folder: a bundled suite's patch file outside the working directory is named from it. */
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
// Below the working directory as typed; a bundled suite's patch (models/patches/...) by its path in
// the package, not an absolute path that ran the table past its width (`check` with no argument, s43).
// From a folder inside the package (`cd properties`), a path from the package would read as one
// below it: the way up is named instead (s43 h12).
const showPatches = (v: string) => v.split(',').map((e) => (isAbsolute(e) ? below(e, process.cwd()) ?? fromPackage(e) ?? e : e)).join(',');
const fromPackage = (e: string) => below(e, PACKAGE) !== undefined && below(process.cwd(), PACKAGE) !== undefined
  ? relative(process.cwd(), e).split('\\').join('/') : below(e, PACKAGE);

/** `function [label #branch]`, or just the label when it already names the function (kernel paths do). */
function stepHead(s: TraceStep): string {
  const branch = s.branch !== undefined ? ` #${s.branchName ?? s.branch}` : '';
  const fn = kernelFunction(s.where);
  return s.label.includes(fn) ? `${s.label}${branch}` : `${fn} [${s.label}${branch}]`;
}

function changeText(c: { field: string; from: string; to: string }): string { return `${c.field}: ${c.from}→${c.to}`; }

/** Threads in order of first appearance in the trace. */
function threadsOf(t: Trace): string[] {
  const out: string[] = [];
  for (const s of t.steps) if (!out.includes(s.thread)) out.push(s.thread);
  return out;
}

/** The trace with one column per thread, or null when that would be wider than `width`. */
export function traceColumns(t: Trace, width: number, col: Colors = plain): string[] | null {
  const threads = threadsOf(t);
  // Columns have no room for the C lines a kernel step names: such a trace is a list (a trace
  // hunt, 2026-12-05: on a wide terminal a short kernel trace printed no C line at all).
  // Nor for the line saying a step is your patch's (byPatch).
  if (t.steps.some((s) => s.source || s.patch)) return null;
  // A cell: the kernel function, then the label with the first change, then one change a line.
  const cells = t.steps.map((s) => {
    const label = `[${s.label}${s.branch !== undefined ? ` #${s.branchName ?? s.branch}` : ''}]`;
    const ch = s.changes.map(changeText);
    return [kernelFunction(s.where), `  ${label}${ch.length ? ` ${ch[0]}` : ''}`, ...ch.slice(1).map((c) => `  ${' '.repeat(label.length)} ${c}`),
      ...(s.early ? [`  (returned early: ${s.early.join(', ')})`] : [])];
  });
  const widths = threads.map((th) => Math.max(th.length, ...t.steps.flatMap((s, i) => (s.thread === th ? cells[i]!.map((l) => l.length) : [0]))));
  const num = String(t.steps.length).length + 2;
  const total = num + widths.reduce((a, w) => a + w + 2, 0);
  if (total > width || widths.some((w) => w > 48)) return null;
  const row = (col0: string, byThread: (i: number) => string) =>
    (pad(col0, num) + threads.map((_, i) => pad(byThread(i), widths[i]! + 2)).join('')).trimEnd();
  const lines = [row('', (i) => col.bold(threads[i]!)), row('', (i) => '-'.repeat(threads[i]!.length))];
  t.steps.forEach((s, i) => {
    const k = threads.indexOf(s.thread);
    cells[i]!.forEach((l, j) => lines.push(row(j === 0 ? `${String(s.n).padStart(num - 2)}` : '', (x) => (x === k ? (j === 0 ? col.cyan(l) : col.dim(l)) : ''))));
  });
  if (t.loopFrom !== undefined) lines.push(`${' '.repeat(num)}${loopNote(t)}`);
  return lines;
}

/**
 * The trace as a numbered list: step, thread, function [label], changes. When that is wider
 * than `width`, the changes go on their own lines under the step, after the C lines it models.
 */
export function traceList(t: Trace, col: Colors = plain, width = Infinity): string[] {
  const rows = [['#', 'thread', 'step', 'changes'].map((h) => col.bold(h))];
  for (const s of t.steps) rows.push([String(s.n), s.thread, col.cyan(stepHead(s)), s.changes.map(changeText).join(', ')]);
  let out = table(rows, '  ');
  const indent = ' '.repeat(2 + String(t.steps.length).length + 2);
  if (out.some((l) => visibleLength(l) > width)) {
    const narrow = table([rows[0]!.slice(0, 3), ...t.steps.map((s) => [String(s.n), s.thread, col.cyan(stepHead(s))])], '  ');
    out = [narrow[0]!];
    // A step anchored in the kernel's text names its C lines first (`C: drivers/base/dd.c@<snapshot>:767,775`).
    t.steps.forEach((s, i) => { out.push(narrow[i + 1]!, ...(s.source ? [col.dim(`${indent}  C: ${s.source}`)] : []), ...(s.patch ? [col.yellow(`${indent}  ${byPatch(s)}`)] : []), ...s.changes.map((c) => col.dim(`${indent}  ${changeText(c)}`)), ...(s.early ? [col.yellow(`${indent}  ${earlyText(s)}`)] : [])); });
  } else {
    // Under each step, the C lines it models, and a line when it ended its thread with an action undone.
    const withNotes: string[] = [out[0]!];
    t.steps.forEach((s, i) => {
      withNotes.push(out[i + 1]!);
      if (s.source) withNotes.push(col.dim(`${indent}  C: ${s.source}`));
      if (s.patch) withNotes.push(col.yellow(`${indent}  ${byPatch(s)}`));
      if (s.early) withNotes.push(col.yellow(`${indent}  ${earlyText(s)}`));
    });
    out = withNotes;
  }
  if (t.loopFrom !== undefined) out.push(`  ${loopNote(t)}`);
  return out;
}

/**
 * A step a user's hunk made: its C lines are those of the step it replaced, or the hunk's own, so a
 * wait or write the C does not show is the patch's (s48 h2: a deadlock at a lock the patch takes in
 * __driver_attach cited dd.c's unlocked `ret = driver_match_device(drv, dev);` with no word of it).
 */
export const byPatch = (s: { patch?: string; source?: string }): string => `your patch ${s.patch} made this step${s.source ? ' (its C: is the step it replaced, unless your hunk gives its own)' : ''}`;

/** A thread that ended with actions that never did their work (a failed call, not a finished one). */
function earlyText(s: TraceStep): string {
  return `(${s.thread} is done: ${s.early!.map((a) => `'${a}'`).join(', ')} returned early, without doing its work)`;
}

/** How a lasso ends: a cycle that repeats, or a state no fair thread can leave. */
export function loopNote(t: Trace): string {
  if (t.loopFrom! >= t.steps.length && t.mayStop?.length) {
    return `(then ${t.mayStop.join(', ')} ${t.mayStop.length === 1 ? 'stops' : 'stop'} here, unfair there, and no other thread can move: the run stays here forever)`;
  }
  if (t.loopFrom! >= t.steps.length) return '(then no thread can move: the run stays here forever)';
  return [`(the steps from ${t.loopFrom! + 1} to ${t.steps.length} repeat forever)`, ...(t.starved ?? []).map(starvedNote)].join('\n  ');
}

/**
 * A thread the loop starves, in words: the lasso stands only under weak fairness. A thread that
 * waits for a kernel mutex is starved only on a kernel whose mutex can pass a waiter over for
 * ever (before the handoff of v4.10, and in v4.11 .. v5.14); from v5.15 mutex waits are strongly
 * fair (MUTEX_HANDOFF) and no such lasso is found.
 */
function starvedNote(x: NonNullable<Trace['starved']>[number]): string {
  // A kernel mutex as the model names it: &dev->mutex(dc), deferred_probe_mutex, module_mutex (not a patch's text that says "mutex").
  // Why the wait is only weakly fair, where the model knows (a user's patch guarded a mutex wait
  // on a kernel whose mutex hands over): that, not the kernel's mutex, is what lets the loop pass it over.
  const mutex = x.note === undefined && x.waits !== undefined && /^(&\w+->mutex\(|\w+_mutex\b)/.test(x.waits);
  if (x.enabledIn >= x.of) return `(${x.thread} can move in every state of the loop and never does, which weak fairness rules out)`;
  return `(${x.thread} can move in ${x.enabledIn} of the loop's ${x.of} states and never does: this loop needs it never scheduled when it can run, which weak fairness allows${x.waits ? `; where it cannot, it waits for ${x.waits}` : ''}${x.note ? `. ${x.note[0]!.toUpperCase()}${x.note.slice(1)}` : ''}${mutex ? '. The mutex of this kernel can pass such a waiter over: before v4.10 it has no handoff (9d659ae14b54), and in v4.11 .. v5.14 a task that takes it while it is free can clear the waiter\'s handoff request for good (e274795ea7b7). From v5.15 (ad90880dc962, 048661a1f963) the waiter is handed the lock, and probecheck reports no such loop there' : ''})`;
}

/** The move list exactly as `probecheck replay` takes it, one per line (`thread: label #branch`). */
export function moveList(t: Trace): string[] {
  return t.moves.map((m, i) => `  ${i + 1}. ${m.thread}: ${m.label}${m.branch !== undefined ? ` #${m.branch}` : ''}`);
}

interface Holding { thread: string; field: string; step: TraceStep }

/** Field names that are locks by their name (`dev[1].mutex`, `lock[0]`, `rwsem`). */
const LOCKISH = /(^|[.\]_])(\w*(mutex|lock|sem|spin)\w*)(\[\d+\])?$/i;

/**
 * What each thread holds at the end of the trace: the lock-like fields it wrote last whose value
 * differs from their value before the trace (a field is lock-like by its name, or because some
 * waiter waits for it by name). A heuristic, but locks are ordinary state, so a lock's owner is
 * exactly the last thread that set it away from "free".
 */
export function holdings(t: Trace, waits: readonly string[] = []): Holding[] {
  const initial = new Map<string, string>(), last = new Map<string, { to: string; thread: string; step: TraceStep }>();
  for (const s of t.steps) for (const c of s.changes) {
    if (!initial.has(c.field)) initial.set(c.field, c.from);
    last.set(c.field, { to: c.to, thread: s.thread, step: s });
  }
  const out: Holding[] = [];
  const lockish = (f: string) => LOCKISH.test(f) || waits.some((w) => names(w, f));
  for (const [field, l] of last) if (l.to !== initial.get(field) && lockish(field)) out.push({ thread: l.thread, field, step: l.step });
  return out;
}

/** The holder of what a waiter waits for: a held field named in its `waits` text (a kernel lock, `&dev->mutex(dc)`, names `dev[dc].mutex`). */
function holderOf(waits: string, held: Holding[]): Holding | undefined {
  const fields = [...waits.matchAll(/&(\w+)->(\w+)\(([^()\s]+)\)/g)].map(([, s, f, i]) => `${s}[${i}].${f}`);
  // A kernel lock named as the C names it (`deferred_probe_mutex`) is the state field in camelCase (deferredProbeMutex).
  const camel = waits.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, camelCase);
  return held.find((h) => waits === h.field) ?? held.find((h) => names(waits, h.field) || names(camel, h.field) || fields.includes(h.field));
}

/** Does the text name this field as a whole word (`lock[1]` in `lock[1] and reg[2]`, not in `xlock[1]`)? */
function names(text: string, field: string): boolean {
  return text === field || new RegExp(`(^|[^\\w.\\[])${escapeRe(field)}($|[^\\w\\[])`).test(text);
}

/** A wait as lockdep would name the lock: without a model's own "held by ..." suffix. */
const lockName = (waits: string) => waits.replace(/\s+held by .*$/, '');

/**
 * How a held lock field is named: where the waits name locks as the kernel does (`&dev->mutex(ns)`),
 * a field `dev[dax].mutex` reads `&dev->mutex(dax)` too, so one lock has one name in the report.
 */
function lockShown(waits: readonly string[]): (field: string) => string {
  // A device's mutex is the kernel's &dev->mutex whatever the waits say (a user patch's wait may say nothing).
  const kernel = waits.some((w) => /&\w+->\w+\(/.test(w));
  // A global lock the waits name as the C does (deferredProbeMutex: deferred_probe_mutex).
  const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return (f) => (/^[a-z]+[A-Z]\w*$/.test(f) && waits.some((w) => names(w, snake(f))) ? snake(f)
    : kernel ? f.replace(/^(\w+)\[([^\]]+)\]\.(\w+)$/, '&$1->$3($2)') : f.replace(/^dev\[([^\]]+)\]\.mutex$/, '&dev->mutex($1)'));
}

/** A waiter's two lines: what it holds and waits for (and who holds that, since which step), and where. */
function waiterLines(w: Waiter, sum: WaiterSummary, col: Colors): string[] {
  return [`  ${col.bold(w.thread)} ${sum.holds.length ? `holds ${sum.holds.join(', ')}, ` : ''}waits for ${sum.waitsFor}`, `      blocked at ${w.label} in ${w.where}${w.patch ? ` (a step your patch ${w.patch} made)` : ''}`];
}

/** What a thread waits for, and since which step its holder holds it (the model's own "held by" then goes). */
function waitText(waits: string, holder: Holding | undefined, me: string, t?: Trace): string {
  if (!holder) return counted(waits, me, t) ?? waits;
  return `${lockName(waits)} (held by ${holder.thread === me ? `${me} itself` : holder.thread} since step ${holder.step.n})`;
}

/**
 * A wait for a counter to reach 0 (`probe_count == 0 (it is 1)`): which threads' increments
 * in the trace are still outstanding, and since which step, as a lock's holder is named. The
 * counter is the state field of that name in camelCase (probe_count: probeCount). Undefined
 * where the wait is of another form or the trace does not account for the count.
 */
function counted(waits: string, me: string, t?: Trace): string | undefined {
  const m = /^(\w+) == 0 \(it is (\d+)\)$/.exec(waits);
  if (!m || !t) return undefined;
  const field = camelCase(m[1]!);
  const net = new Map<string, { n: number; since: number }>();
  for (const s of t.steps) for (const c of s.changes) {
    if (c.field !== field) continue;
    const d = Number(c.to) - Number(c.from), h = net.get(s.thread) ?? { n: 0, since: s.n };
    if (h.n === 0) h.since = s.n;
    h.n += d;
    net.set(s.thread, h);
  }
  const held = [...net].filter(([, h]) => h.n > 0);
  if (held.reduce((a, [, h]) => a + h.n, 0) !== Number(m[2])) return undefined;
  return `${m[1]} == 0 (it is ${m[2]}: ${held.map(([th, h]) => `${h.n > 1 ? `${h.n} by ` : ''}${th === me ? `${me} itself` : th} since step ${h.since}`).join(', ')})`;
}

export function escapeRe(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** A C name as the model's state field (probe_count: probeCount). */
const camelCase = (s: string) => s.replace(/_(\w)/g, (_x, c: string) => c.toUpperCase());

/**
 * Each waiter of a deadlock (or of the state a trace ends in) as the text report words it: what
 * it holds and what it waits for, with the holder and since which step (`--json` carries it too).
 */
export interface WaiterSummary { thread: string; holds: string[]; waitsFor: string }
export function waiterSummaries(r: PropertyResult): WaiterSummary[] {
  const ws = r.waiters?.length ? r.waiters : (r.waiting ?? []);
  if (!ws.length) return [];
  const held = r.trace ? holdings(r.trace, ws.map((w) => w.waits)) : [];
  const show = lockShown(ws.map((w) => w.waits));
  return ws.map((w) => ({
    thread: w.thread,
    // Also where a trace only ends with the thread waiting (a trace hunt, 2026-12-05: no-wait-under-lock's
    // waiter was printed without the lock it holds, the point of the violation).
    holds: held.filter((h) => h.thread === w.thread).map((h) => show(h.field)),
    waitsFor: waitText(w.waits, holderOf(w.waits, held), w.thread, r.trace),
  }));
}

/** The wait-for chain and lockdep's "possible unsafe scenario" for a deadlock. */
export function deadlockReport(r: PropertyResult, col: Colors = plain): string[] {
  const waiters = r.waiters ?? [];
  if (!waiters.length) return [];
  const held = r.trace ? holdings(r.trace, waiters.map((w) => w.waits)) : [];
  const show = lockShown(waiters.map((w) => w.waits));
  const lines = ['', col.bold('Wait-for chain (every running thread is blocked):')];
  waiterSummaries(r).forEach((sum, i) => lines.push(...waiterLines(waiters[i]!, sum, col)));
  // The scenario draws the threads of the wait-for cycle (each waits for a lock the next holds),
  // as lockdep draws the locks of one: a thread that only waits on it (a sysfs hunt: an AA
  // self-deadlock drawn with a bystander read like ABBA) is named below it. All waiters where the
  // holders are not known (a wait for a count).
  const holder = (w: Waiter) => holderOf(w.waits, held)?.thread;
  const inCycle = new Set<string>();
  for (const w of waiters) {
    const path: string[] = [];
    let cur: string | undefined = w.thread;
    while (cur !== undefined && !path.includes(cur)) { path.push(cur); const ww = waiters.find((x) => x.thread === cur); cur = ww ? holder(ww) : undefined; }
    if (cur !== undefined) for (const t of path.slice(path.indexOf(cur))) inCycle.add(t);
  }
  const drawn = inCycle.size ? waiters.filter((w) => inCycle.has(w.thread)) : waiters;
  const names = drawn.map((w) => w.thread);
  // A lock taken or waited for in a step a user's hunk made says so after the line, as the chain's
  // `blocked at` does (s48 h13: lockdep's lines drew the patch's lock as the kernel's); each event is
  // a line of its own, so the words after it take no column's room.
  const events: { thread: string; text: string; n: number; patch?: string }[] = [];
  for (const h of held) if (names.includes(h.thread)) events.push({ thread: h.thread, text: `lock(${show(h.field)});`, n: h.step.n, ...(h.step.patch ? { patch: h.step.patch } : {}) });
  events.sort((a, b) => a.n - b.n);
  // A wait on a lock reads lock(...), as lockdep prints it; any other wait (probe_count == 0,
  // async_synchronize_full) reads wait(...).
  // Its name only: the words after it are the chain's, and a long one made every column as wide,
  // pushing the other threads' lines off a terminal (a new user, 2026-12-05, read their columns as empty).
  for (const w of drawn) {
    const what = lockName(w.waits).split(': ')[0]!;
    events.push({ thread: w.thread, text: /mutex|lock|sem/i.test(what) ? `lock(${what});` : `wait(${what});`, n: Infinity, ...(w.patch ? { patch: w.patch } : {}) });
  }
  const width = Math.max(12, ...names.map((n) => n.length), ...events.map((e) => e.text.length)) + 4;
  lines.push('', ' Possible unsafe scenario:', '');
  lines.push(`       ${names.map((n) => pad(n, width)).join('')}`.trimEnd());
  lines.push(`       ${names.map((n) => pad('-'.repeat(Math.max(4, n.length)), width)).join('')}`.trimEnd());
  for (const e of events) lines.push(`  ${' '.repeat(5 + names.indexOf(e.thread) * width)}${e.text}${e.patch ? `  (a step your patch ${e.patch} made)` : ''}`);
  const others = waiters.filter((w) => !names.includes(w.thread)).map((w) => w.thread);
  if (others.length) lines.push('', `  (also blocked, waiting on the threads above: ${others.join(', ')})`);
  lines.push('', col.red('  *** DEADLOCK ***'));
  return lines;
}

/** Threads blocked where a (non-deadlock) trace ends: what each waits for, and who holds it. */
export function waitingReport(r: PropertyResult, col: Colors = plain): string[] {
  const waiting = r.waiting ?? [];
  if (!waiting.length || r.waiters?.length) return [];
  const lines = ['', col.bold('Blocked where the trace ends:')];
  waiterSummaries(r).forEach((sum, i) => lines.push(...waiterLines(waiting[i]!, sum, col)));
  return lines;
}

/**
 * A trace that ends with a thread blocked at a wait the kernel does not have: device_add of a
 * device deleted and added again waits while a thread holds the old struct's lock or a walk its
 * old klist node (paths/device-add.ts; docs/known-gaps.md, "A device added again"). A liveness
 * hunt (2026-12-06, s36 h11) met it as a deadlock, and an actor that "never returns", on
 * mainline, where the kernel adds the new struct and only loops (B15's re-probe loop beside a
 * registration walk of the child's driver on a need_parent_lock bus): the waits said "a model
 * limit", the verdict and its header did not.
 */
export function restsOnModelLimit(r: Pick<PropertyResult, 'kind' | 'waiters' | 'waiting'>): boolean {
  // An invariant or action violation does not rest on a wait: the model's extra wait only takes
  // orders away, so the trace is one the kernel can run, with that thread not scheduled yet (s40
  // h5: a drivers_probe beside a hotplug cycle at v5.4, deferred-lists, said "may be a false alarm").
  if (r.kind === 'invariant' || r.kind === 'action') return false;
  return [...(r.waiters ?? []), ...(r.waiting ?? [])].some((w) => w.waits.includes('(a model limit'));
}
const MODEL_LIMIT_NOTE = 'note: the trace ends where a thread waits only because of a model limit (one struct device per device: docs/known-gaps.md, "A device added again"); the kernel has no such wait, so this verdict may be a false alarm';

const RULE = '='.repeat(62);

/** Why a result's traces may not be shortest, in words, or '' when they are (or nothing is known). */
export function notShortest(r: Partial<Pick<Result, 'shortest' | 'strategy' | 'shortestWhy' | 'shard'>>, steps?: number): string {
  if (r.shortest !== false) return '';
  // Every shard searches the levels down to its split whole: a trace no longer than that is shortest.
  if (steps !== undefined && r.shard?.level !== undefined && r.strategy === 'bfs' && r.shortestWhy?.startsWith('shard ') && steps <= r.shard.level) return '';
  const why = r.shortestWhy ?? (r.strategy === 'dfs' ? 'a depth-first search' : r.strategy === 'random' ? 'a random walk' : 'partial-order reduction');
  return ` (${why}: a shorter one may exist)`;
}

/** The full report of one violated property. */
export function renderViolation(result: Pick<Result, 'model' | 'params'> & Partial<Pick<Result, 'shortest' | 'strategy' | 'shortestWhy' | 'shard'>>, r: PropertyResult, o: TextOptions = {}): string {
  const col = o.colors ?? plain, width = o.width ?? 100;
  const params = showParams(result.params);
  const lines = [RULE, col.red(col.bold(`WARNING: ${r.kind === 'deadlock' ? 'possible deadlock' : 'property violated'}: ${r.name}`)),
    `model ${result.model}${params ? ` (${params})` : ''}`, '-'.repeat(RULE.length)];
  if (r.description) lines.push(r.description);
  // The explanation is the trace's summary (a lockdep-style cycle, say): not cut, as trace lines are not.
  if (r.explanation) lines.push(col.yellow(r.explanation));
  if (restsOnModelLimit(r)) lines.push(...wrapLines([col.yellow(MODEL_LIMIT_NOTE)], width));
  const t = r.trace;
  if (t) {
    lines.push('', `${t.steps.length} step${t.steps.length === 1 ? '' : 's'} from the initial state${t.loopFrom === undefined ? notShortest(result, t.steps.length) : ''}:`, '');
    lines.push(...(traceColumns(t, width, col) ?? traceList(t, col, width)));
  }
  lines.push(...deadlockReport(r, col), ...waitingReport(r, col));
  return lines.join('\n');
}

/** A reachability question answered yes: the run that reaches it (no WARNING: nothing is wrong). */
export function renderWitness(result: Pick<Result, 'model' | 'params'> & Partial<Pick<Result, 'shortest' | 'strategy' | 'shortestWhy' | 'shard'>>, r: PropertyResult, o: TextOptions = {}): string {
  const col = o.colors ?? plain, width = o.width ?? 100;
  const params = showParams(result.params);
  const t = r.witness!;
  const lines = [RULE, col.green(col.bold(`reachable: ${r.name}`)), `model ${result.model}${params ? ` (${params})` : ''}`, '-'.repeat(RULE.length)];
  if (r.description) lines.push(r.description);
  lines.push('', `witness: ${t.steps.length} step${t.steps.length === 1 ? '' : 's'} from the initial state to a state where it holds${notShortest(result, t.steps.length)}:`, '');
  lines.push(...(traceColumns(t, width, col) ?? traceList(t, col, width)));
  return lines.join('\n');
}

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

/** The verdict table of one result: property, verdict, trace (or witness) length. */
export function verdictTable(result: Result, col: Colors = plain): string[] {
  const rows = [['property', 'verdict', 'trace'].map((h) => col.bold(h))];
  // A shard's holds or vacuous is about its part of the search only.
  const part = (v: string) => isPart(result.shard) && v !== 'violated' && v !== 'unknown' ? `${colorVerdict(v, col)} (this part)` : colorVerdict(v, col);
  for (const p of result.properties) rows.push([p.name, part(p.verdict), p.trace ? `${steps(p.trace.steps.length)}${restsOnModelLimit(p) ? ' (ends at a model limit)' : ''}` : p.witness ? `${steps(p.witness.steps.length)} (witness)` : '-']);
  return table(rows, '  ');
}

export function colorVerdict(v: string, col: Colors = plain): string {
  return v === 'holds' || v === 'reachable' ? col.green(v) : v === 'violated' ? col.red(v) : col.yellow(v);
}

/**
 * The vacuity report: actor actions no run completed, and properties whose verdict is about
 * nothing (their premise never met, or nothing ever moved). Empty when there is nothing to say.
 */
export function vacuityLines(r: Result, col: Colors = plain, allowed: boolean | 'no exit' = false): string[] {
  const v = r.vacuity;
  if (!v || (v.actions.length === 0 && v.properties.length === 0)) return [];
  // 'no exit': a side whose vacuity sets no exit status (diff's base), so no word about accepting it.
  const note = allowed === 'no exit' ? '' : allowed ? ' (accepted: --allow-vacuous)' : ' (--allow-vacuous accepts this)';
  const out = [col.yellow(`vacuity: these verdicts say less than they seem${note}:`)];
  for (const a of v.actions) out.push(col.yellow(`  action '${a.action}' of ${a.thread} never completed in any run: it returned early, or waited, every time`));
  for (const p of v.properties) out.push(col.yellow(`  ${p.name}: vacuous: ${whyVacuous(p)}`));
  return out;
}

const whyVacuous = (p: VacuousProperty) => (p.reason === 'initial-state' ? 'the search saw only the initial state (nothing ever moved)' : `its premise never held${p.premise ? `: ${p.premise}` : ''}`);

/**
 * Why a property is vacuous, as the vacuity report says it: a GitHub annotation and a JUnit
 * failure say it too (a team's CI, s49 h4: `wait-for-probe vacuous (expected holds)`, and why not).
 */
export function vacuousWhy(r: Pick<Result, 'vacuity'>, name: string): string | undefined {
  const p = r.vacuity?.properties.find((x) => x.name === name);
  return p && whyVacuous(p);
}

/** The model's notes: what it made of a scenario's option its kernel does not have, and the like. */
export function modelNoteLines(r: Pick<Result, 'notes'>, col: Colors = plain): string[] {
  return (r.notes ?? []).map((n) => col.yellow(`note: ${n}`));
}

/**
 * Symmetry applied on the user's word to code of theirs (`--symmetry`, not proved): every verdict
 * of the run rests on it, so -q says it too (a hunt, 2026-12-05: -q printed a plain `holds`, exit 0,
 * for a property that told the devices apart).
 */
export function vouchedLines(r: Result, col: Colors = plain): string[] {
  const y = r.symmetry;
  return y?.applied && y.note?.startsWith('as asked') ? [col.yellow(`symmetry: states stored up to permutations of ${y.classes.join(', ')}, ${y.note}`)] : [];
}

/** --symmetry and --check-symmetry: whether the reduction was applied, and what the check found. */
function symmetryLines(r: Result, col: Colors): string[] {
  const y = r.symmetry;
  if (!y) return [];
  const out = [col.dim(y.applied ? `symmetry: states stored up to permutations of ${y.classes.join(', ')}${y.note ? `, ${y.note}` : ''}` : `symmetry: not applied: ${y.note}`)];
  const c = y.check;
  if (c) {
    const n = (x: number) => x.toLocaleString('en-US');
    if (c.failure) {
      // The path one move a line, numbered as replay takes them (a hunt, 2026-12-05: ~30 moves on one line).
      const m = /^(.*?)at the state after \[(.*)\]: (.*)$/s.exec(c.failure);
      const moves = m?.[2] ? m[2].split('; ') : [];
      if (m && moves.length > 1) out.push(col.red(`symmetry check failed: ${m[1].trim() ? `${m[1].trim()}: ` : ''}${m[3]}, at the state after these ${moves.length} moves:`), ...moves.map((x, i) => `  ${i + 1}. ${x}`));
      else out.push(col.red(`symmetry check failed: ${c.failure}`));
    }
    else out.push(col.dim(`symmetry check: ${n(c.pairs)} (state, permutation) pairs verified over ${n(c.states)} states${c.complete ? '' : ' (stopped early: not a proof)'}`));
  }
  return out;
}

/** --workers N (N > 1) that the search did not use: why (the engine's workersNote), as --por and --symmetry say theirs. */
export function workersLines(r: Result, col: Colors = plain, asked?: number): string[] {
  if ((r.workers ?? 1) > 1) return [];
  if (r.workersNote && asked !== undefined && asked > 1) return [col.dim(`workers: not applied: ${r.workersNote}`)];
  return [];
}

/** `thread: fn(args)#n:label (where)` as its thread and the step it is an instance of, `fn:label (where)`. */
function stepOf(e: string): { thread: string; key: string } {
  const i = e.indexOf(': '), rest = e.slice(i + 2), m = /^(.*):([^:]+?) (\(.*\))$/.exec(rest);
  return { thread: e.slice(0, i), key: m ? `${m[1]!.replace(/#\d+$/, '').replace(/\(.*\)$/, '')}:${m[2]} ${m[3]}` : rest };
}

/** One line per step of a function however many threads and devices build it (`really_probe:probe_failed (...): 4 instances, in ...`). */
export function groupSteps(entries: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const e of entries) { const { key } = stepOf(e); groups.set(key, [...(groups.get(key) ?? []), e]); }
  return [...groups].map(([key, es]) => {
    if (es.length === 1) return es[0]!;
    const threads = [...new Set(es.map((e) => stepOf(e).thread))];
    // Name the instances (the call's arguments): other instances of the step may have fired (a hunt
    // read "really_probe:driver_bound never fired" beside a trace where it had, for another device).
    const labels = [...new Set(es.map((e) => e.slice(e.indexOf(': ') + 2).split(' ')[0]!))];
    const named = `${labels.slice(0, 3).join(', ')}${labels.length > 3 ? `, ... ${labels.length - 3} more` : ''}`;
    return `${key}: ${es.length} instances (${named}), in ${threads.slice(0, 3).join(', ')}${threads.length > 3 ? ` and ${threads.length - 3} more thread${threads.length === 4 ? '' : 's'}` : ''}`;
  });
}

/**
 * States, transitions, depth, time, rate, memory and the collision estimate, plus warnings. `workers`: the --workers asked for;
 * `width`: the notes after the stats line are cut to it (wrap.ts; stopLines are cut by hand).
 */
export function statsLines(r: Result, col: Colors = plain, workers?: number, width = Infinity): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const line = `${n(r.states)} states, ${n(r.transitions)} transitions, depth ${r.depth}, ${r.seconds.toFixed(2)}s` +
    ` (${n(Math.round(r.statesPerSecond))} states/s),` +
    // The store starts with a fixed allocation: per-state memory means something only at scale.
    (r.states >= 100_000 ? ` ${r.bytesPerState.toFixed(1)} bytes/state,` : '') +
    ` collision probability ${r.collisionProbability.toExponential(1)}`;
  const out = [col.dim(line), ...stopLines(r, col), ...wrapLines([...symmetryLines(r, col), ...workersLines(r, col, workers)], width)];
  if (r.por) out.push(...wrapLines([col.dim(r.por.applied
    ? `partial-order reduction: ${n(r.por.ample ?? 0)} states expanded by a persistent set, ${n(r.por.full ?? 0)} fully; ${r.por.restarts} restarts${r.por.shortest ? ' (nothing reduced: counterexamples are shortest)' : '; counterexamples may not be shortest'}`
    : `partial-order reduction not applied: ${r.por.why}`)], width));
  if (r.neverFired.length && r.complete) {
    // A step several threads (or call sites) run is one step with several instances.
    const groups = groupSteps(r.neverFired), many = r.neverFired.length > groups.length ? ` (${r.neverFired.length} instances)` : '';
    out.push(...wrapLines([col.yellow(`warning: ${steps(groups.length)}${many} never fired in functions the search entered (dead code, a branch the scenario never takes, or a wait that never ends):`)], width));
    for (const g of groups.slice(0, 10)) out.push(col.yellow(`  ${g}`));
    if (groups.length > 10) out.push(col.yellow(`  ... and ${groups.length - 10} more`));
  }
  // Steps of paths the scenario never enters are not news: a count is enough.
  if (r.unenteredSteps && r.complete) out.push(col.dim(`${steps(r.unenteredSteps)} in functions this scenario never enters`));
  if (r.cannotFire && r.complete) for (const [why, n] of Object.entries(r.cannotFire)) out.push(...wrapLines([col.dim(`${steps(n)} on a branch no run of this scenario can take: ${why}`)], width));
  return out;
}

/** The whole report of one check: every violation and witness, the verdict table, the stats and the vacuity report. */
export function renderResult(r: Result, o: TextOptions & { allowVacuous?: boolean; workers?: number } = {}): string {
  const col = o.colors ?? plain;
  const parts: string[] = [];
  for (const p of r.properties) {
    if (p.verdict === 'violated') parts.push(renderViolation(r, p, o), '');
    else if (p.verdict === 'reachable' && p.witness) parts.push(renderWitness(r, p, o), '');
  }
  const params = showParams(r.params);
  parts.push(col.bold(`${r.model}${params ? ` (${params})` : ''}: ${r.strategy}, ${r.backend} backend${(r.workers ?? 1) > 1 ? `, ${r.workers} workers` : ''}${r.seed !== undefined ? `, seed ${r.seed}` : ''}`));
  // Prose is cut to the width (wrap.ts); the verdict table is not.
  const w = o.width ?? 100;
  parts.push(...wrapLines([...modelNoteLines(r, col), ...shardLines(r, col)], w), ...verdictTable(r, col), ...statsLines(r, col, o.workers, w), ...wrapLines(vacuityLines(r, col, o.allowVacuous), w));
  return parts.join('\n');
}

/** A shard's result is about part of the search: say which part, and how to get the verdict. */
export function shardLines(r: Result, col: Colors = plain): string[] {
  const s = r.shard;
  if (!s) return [];
  const n = (x: number) => x.toLocaleString('en-US');
  if (s.count === 1) return [col.yellow('shard 1/1: the whole search (one part of one): its verdicts are whole')];
  if (r.strategy === 'random') return [col.yellow(`shard ${s.index}/${s.count}: random walks with seed ${r.seed}; write each shard's result with --json-out and combine them with probecheck merge`)];
  // A limit that stopped the search before the level it splits at: it explored no part of its own.
  const part = s.level === undefined && !r.complete
    ? 'the search stopped before it reached a level wide enough to split, so this shard explored only states every shard explores'
    : s.level === undefined
    ? 'no level of the search was wide enough to split, so this shard explored all of it'
    : `split at depth ${s.level}: this shard expanded ${n(s.kept ?? 0)} of its ${n(s.levelSize ?? 0)} states and all they reach`;
  return [col.yellow(`shard ${s.index}/${s.count}: ${part}; verdicts are about this part: probecheck merge the shards' --json-out results for the whole search`)];
}

