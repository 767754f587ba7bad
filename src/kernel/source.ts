/**
 * The kernel's own text, as data: excerpts of the functions probecheck models, read from real
 * trees (`kernel/<snapshot>/<path>`, made by scripts/import-kernel.ts; a snapshot is a release tree
 * such as `v3.6.0`, or `torvalds@<commit>`: the file as that commit left it), and the anchors by
 * which a step names the lines it models. Each profile says which snapshot of each file it reads
 * (profiles.ts `sources`).
 *
 * An anchor is a piece of one C line of the step's function (`'device_lock(dev);'`), matched on
 * text with white space folded, so it survives line shifts between releases and fails loudly
 * when the code it names changes. `text@2` is the second line that contains it; `a ... b` is the
 * lines from a to b; `a || b` is whichever of the two the release has (each may name its own function, `f:: a || g:: b`, every later alternative with its function); `fn:: text` looks in another function. A step's resolved lines print as
 * `drivers/base/dd.c@v5.9:850,852-854` (or `core.c@v5.9:device_add+12` where only the function
 * was read and its line number in the tree is not known).
 *
 * Not a C parser: functions are found by their definition line and the closing brace in column 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProbecheckError, didYouMean } from '../engine/errors.js';
import type { Added } from './spans.js';

/** The functions read from each file, in the order they are looked for. */
export const MODELLED: Record<string, string[]> = {
  'drivers/base/dd.c': [
    'deferred_probe_work_func', 'driver_deferred_probe_add', 'driver_deferred_probe_del', 'driver_deferred_probe_trigger',
    'driver_bound', 'device_bind_driver', 'really_probe', 'call_driver_probe', 'driver_probe_done', 'wait_for_device_probe',
    '__driver_probe_device', 'driver_probe_device', 'driver_allows_async_probing', '__device_attach_driver',
    '__device_attach_async_helper', '__device_attach', 'device_attach', 'device_initial_probe', '__device_driver_lock',
    '__device_driver_unlock', 'device_driver_attach', '__driver_attach_async_helper', '__driver_attach', 'driver_attach',
    '__device_release_driver', 'device_release_driver_internal', 'device_release_driver', 'device_driver_detach', 'driver_detach',
    // driver_override under its own spinlock (cb3d1049f4ea, v7.0-rc): the store's swap.
    '__device_set_driver_override',
    // Read for the log reader (src/logs/formats.ts), not modelled: initcall_debug's probe time, the end-of-boot report, the late trigger.
    'really_probe_debug', 'deferred_probe_timeout_work_func', 'deferred_probe_initcall',
    // driver_register's last call (2b28a1a84a0e, the v5.19 cycle): cancel_delayed_work + schedule_delayed_work, or
    // 1137838865bf's mod_delayed_work and 557495bc8790's delayed_work_pending() guard (patches.ts mod-delayed-extend, extend-pending-guard).
    'deferred_probe_extend_timeout',
    // Its two dev_warn lines, which from-log reads (the late initcall ran; the probe deferred before): held to a text
    // where a profile's excerpt has it (2026-12-06, s36 h12: 654888327e9f; other excerpts were made before and do not).
    'driver_deferred_probe_check_state',
    // What dev_err_probe's -EPROBE_DEFER case keeps as the reason ("%s: %pV") the timeout work prints after "deferred probe pending: " (log reader only).
    'device_set_deferred_probe_reason',
    // device_shutdown's way to stop new probes (v4.5+; paths/device-shutdown.ts).
    'device_block_probing',
  ],
  'drivers/base/bus.c': [
    'unbind_store', 'bind_store', 'driver_unbind', 'driver_bind', 'bus_for_each_dev', 'bus_for_each_drv', 'bus_add_device', 'bus_probe_device',
    'bus_remove_device', 'driver_attach_async', 'bus_add_driver', 'bus_remove_driver',
    // Read for sysfs drivers_probe (/sys/bus/X/drivers_probe; store_drivers_probe before the v3.x rename), 2026-12-05.
    'drivers_probe_store', 'store_drivers_probe', 'bus_rescan_devices_helper', 'device_reprobe',
  ],
  'drivers/base/core.c': [
    'dev_uevent', 'device_add', 'kill_device', 'device_del', 'device_link_add', 'device_links_busy', 'device_links_unbind_consumers',
    'device_links_check_suppliers', 'device_links_driver_bound', '__device_links_no_driver', 'device_links_no_driver',
    'device_links_driver_cleanup', 'device_link_del', 'device_link_put_kref', '__device_link_del',
    'device_link_release_fn',
    // reboot and poweroff's walk (paths/device-shutdown.ts).
    'device_shutdown',
    // device_del's purge of the links left at the device, and its two WARN_ONs (links-no-warn; paths/device-del.ts).
    'device_links_purge',
    // device_links_check_suppliers' reset of the links it passed when one defers the probe, with its WARN_ON since 8c3e315d4296
    // (links-no-warn; folded into the check's step, paths/links.ts linksMissingSupplier).
    'device_links_missing_supplier',
    // The sysfs uevent file's read, around the kset's uevent callback (dev_uevent): device_lock there or not (UEVENT_SHOW_LOCKED).
    'uevent_show',
    // The dev_printk prefix ("%s %s: %pV") that from-log's dev rules read behind (src/logs/formats.ts DEV_PREFIX_CITES), not modelled.
    '__dev_printk',
  ],
  // initcall_debug's two lines, which from-log reads (src/logs/formats.ts), not modelled: the tracepoint callbacks (v4.x+) and the older do_one_initcall_debug.
  'init/main.c': ['trace_initcall_start_cb', 'trace_initcall_finish_cb', 'do_one_initcall_debug'],
  // platform_bus_type: the struct (a block, not a function), read where it shows which bus sets need_parent_lock (none here; usb's does).
  'drivers/base/platform.c': ['platform_match', 'driver_override_store', 'driver_override_show', 'platform_bus_type'],
  // driver_set_override (v5.19+) is not read; driver_register's driver_find/-EBUSY and driver_unregister's `!drv->p` test are anchored by bus_add_driver's and bus_remove_driver's first steps.
  'drivers/base/driver.c': ['driver_set_override', 'driver_register', 'driver_unregister'],
  'kernel/async.c': [
    'async_run_entry_fn', '__async_schedule', 'async_schedule_node_domain', 'async_schedule_node', 'async_synchronize_full',
    'async_synchronize_full_domain', 'async_synchronize_cookie_domain',
  ],
  // bus_type: the struct with its kernel-doc (need_parent_lock, 8c97a46af04b), excerpted as a block, not a function; read by no profile (test/kernel/parent-lock.test.ts).
  // device_match_driver_override: platform_match's driver_override test under its spinlock since 2b38efc05bf7 (v7.0-rc; mainline's 4793dae01f47).
  'include/linux/device.h': ['device_lock', 'device_unlock', 'bus_type', 'device_match_driver_override'],
  'include/linux/device/bus.h': ['bus_type'],
  // kernfs_fop_write: before KERNFS_WRITE_ITER (v5.11), read at v4.19.y (v5.0 .. v5.10).
  'fs/kernfs/file.c': ['kernfs_fop_write_iter', 'kernfs_fop_write'],
  // Before kernfs (v3.14, KERNFS) the store's entry: read at v3.6.0 (v3.5).
  'fs/sysfs/file.c': ['sysfs_write_file', 'flush_write_buffer'],
  // request_module's wait for its modprobe (UMH_WAIT_PROC; paths/probe-body.ts), read by no profile.
  // __request_module's WARN_ON_ONCE(wait && current_is_async()) (0fdff3ec6d87, v3.8: the property no-sync-request-in-async; test/kernel/kmod.test.ts), read by no profile.
  'kernel/kmod.c': ['__request_module'],
  // The same, moved to kernel/module/ in the v6.4 merge window (kernel/README.md: torvalds@25a1b5b518f4, torvalds@ac4890f97211), read by no profile.
  'kernel/module/kmod.c': ['__request_module'],
  'kernel/umh.c': ['call_usermodehelper_exec', 'call_usermodehelper_exec_work', 'call_usermodehelper_exec_sync', 'umh_complete'],
  // device_add's kobject_add under a parent with no sysfs directory (device-add.ts).
  'fs/sysfs/dir.c': ['sysfs_create_dir_ns', 'sysfs_create_dir', 'sysfs_remove_dir'],
  'drivers/scsi/scsi_scan.c': ['do_scan_async', 'scsi_scan_host'],
  'drivers/pci/pci-driver.c': ['local_pci_probe', 'pci_call_probe'],
  'kernel/workqueue.c': ['worker_thread', 'start_flush_work', '__flush_work', 'flush_work', 'work_for_cpu_fn', 'work_on_cpu'],
  'drivers/usb/core/message.c': ['driver_set_config_work'],
  // usb_bus_type: the struct, whether it sets need_parent_lock (8c97a46af04b); read by no profile (test/kernel/parent-lock.test.ts).
  'drivers/usb/core/driver.c': ['usb_bus_type'],
  // finished_loading: what a load asleep on module_wq waits for (MODULE_LOAD_WAITS_GOING: a GOING module not finished);
  // module_patient_check_exists (v6.2+): one wait, then -EEXIST or -EBUSY (MODULE_WAIT_ONCE).
  'kernel/module.c': ['delete_module', 'free_module', 'do_init_module', 'load_module', 'finished_loading', 'module_patient_check_exists', 'add_unformed_module'],
  'kernel/module/main.c': ['delete_module', 'free_module', 'do_init_module', 'load_module', 'finished_loading', 'module_patient_check_exists'],
  // struct mutex (device_lock) waiter fairness: lock handoff (MUTEX_FLAG_HANDOFF, 9d659ae14b54, v4.10), the flag
  // MUTEX_HANDOFF. __mutex_unlock_common_slowpath is the pre-v4.10 (atomic count) unlock; __mutex_trylock_or_owner
  // (e274795ea7b7, v4.11 .. v5.14) clears the request on every acquisition; __mutex_trylock_common and
  // __mutex_trylock_or_handoff are v5.15+ (ad90880dc962); __mutex_add_waiter v4.11+.
  'kernel/locking/mutex.c': [
    '__mutex_trylock', '__mutex_trylock_or_owner', '__mutex_trylock_common', '__mutex_trylock_or_handoff', '__mutex_waiter_is_first', '__mutex_add_waiter',
    '__mutex_handoff', 'mutex_optimistic_spin', '__mutex_lock_common', '__mutex_unlock_slowpath', '__mutex_unlock_common_slowpath',
  ],
};

/**
 * Find a function definition: the line where `name(` starts a definition (the name at column 0,
 * or after its return type), then the body from the `{` in column 0 to the `}` in column 0.
 * Returns 0-based first and last line indices, the first being the return type's line.
 */
export function findFunction(lines: readonly string[], name: string): { first: number; last: number } | null {
  const sys = name === 'delete_module' ? /^SYSCALL_DEFINE\d\(delete_module\b/ : null;
  const def = new RegExp(`^(?:[A-Za-z_][\\w\\s\\*]*?[\\s\\*])?${name.replace(/[$]/g, '\\$&')}\\s*\\(`);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!(sys ? sys.test(l) : def.test(l)) || /^\s/.test(l)) continue;
    // A prototype ends in ';' before any '{'.
    let j = i, proto = false;
    while (j < lines.length && !/^\{/.test(lines[j]!)) {
      if (/;\s*$/.test(lines[j]!) && !/^\{/.test(lines[j]!)) { proto = true; break; }
      if (/\)\s*\{\s*$/.test(lines[j]!) && j === i) break; // `void f(void) {` on one line (rare)
      j++;
    }
    if (proto || j >= lines.length) continue;
    let last = j + 1;
    while (last < lines.length && !/^\}/.test(lines[last]!)) last++;
    if (last >= lines.length) return null;
    let first = i;
    // `static int\nfoo(...)`: the return type sits on the line above.
    if (/^[A-Za-z_]/.test(l) && l.startsWith(name) && i > 0 && /^[A-Za-z_][\w\s\*]*$/.test(lines[i - 1]!)) first = i - 1;
    return { first, last };
  }
  return null;
}

export interface Excerpt {
  /** The snapshot: a release tree (`v3.6.0`) or `torvalds@<commit>`. */
  release: string;
  path: string;
  fn: string;
  /** Line number of `lines[0]` in the tree, or null when only the function was read. */
  firstLine: number | null;
  lines: string[];
  origin: string;
}

const DIR = fileURLToPath(new URL('../../kernel/', import.meta.url));
const files = new Map<string, Map<string, Excerpt> | null>();

/** Every excerpted function of one file at one release (null: that file was not read there). */
export function excerptsOf(release: string, path: string): Map<string, Excerpt> | null {
  const key = `${release}/${path}`;
  if (files.has(key)) return files.get(key)!;
  const f = `${DIR}${key}`;
  let out: Map<string, Excerpt> | null = null;
  if (existsSync(f)) {
    out = new Map();
    const text = readFileSync(f, 'utf8');
    // A Makefile the index stores at another commit says nothing of this file's release: shown
    // as not read (the header keeps the detail), so 2.6.32 is not read as the tree's version.
    const origin = (/^\/\/ origin: (.*)$/m.exec(text)?.[1] ?? '?').replace(/Makefile: [^(;]*\(([^)]*unrelated to this file's commit[^)]*)\)/, 'Makefile: not read at this commit ($1)');
    for (const part of text.split(/^\/\/@ /m).slice(1)) {
      const nl = part.indexOf('\n');
      const [fn, at] = part.slice(0, nl).trim().split(/\s+/);
      const lines = part.slice(nl + 1).replace(/\n+$/, '').split('\n');
      out.set(fn!, { release, path, fn: fn!, firstLine: at === '?' ? null : Number(at), lines, origin });
    }
  }
  files.set(key, out);
  return out;
}

/**
 * Every name the kept texts use in their code (kernel/, every snapshot; comments left out), read once: near.ts takes a
 * name the kernel has (`get_device`, `__driver_probe_device`, `KOBJ_UNBIND`) as a patch's change, not a slip in copying.
 */
let keptNameSet: Set<string> | undefined;
export function keptNames(): ReadonlySet<string> {
  if (keptNameSet) return keptNameSet;
  keptNameSet = new Set();
  if (!existsSync(DIR)) return keptNameSet;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}${e.name}/`);
      else if (/\.[ch]$/.test(e.name)) {
        const code = readFileSync(`${dir}${e.name}`, 'utf8').replace(/\/\*[^]*?\*\/|\/\/.*$/gm, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '');
        for (const t of code.match(/[A-Za-z_]\w*/g) ?? []) keptNameSet!.add(t);
      }
    }
  };
  walk(DIR);
  return keptNameSet;
}

/** The snapshots (kernel/<snapshot>/) that keep `path`. */
export function snapshotsOf(path: string): string[] {
  return existsSync(DIR) ? readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`${DIR}${d.name}/${path}`)).map((d) => d.name).sort() : [];
}

export function excerpt(release: string, path: string, fn: string): Excerpt | null {
  return excerptsOf(release, path)?.get(fn) ?? null;
}

/** The module code moved from kernel/module.c to kernel/module/main.c (v5.19): either names it. */
const ALIASES: Record<string, string[]> = { 'kernel/module/main.c': ['kernel/module/main.c', 'kernel/module.c'], 'kernel/module.c': ['kernel/module.c', 'kernel/module/main.c'] };

/** Which of a path's names this profile has a snapshot of. */
export function sourceFile(sources: Readonly<Record<string, string>>, path: string): string | undefined {
  return (ALIASES[path] ?? [path]).find((p) => sources[p] !== undefined);
}

/**
 * The snapshot fn of path is read in: a `path:fn` entry of the profile's sources (one function
 * read in another text, where the file's own snapshot predates a change the release has: v5.4's
 * device_del), else the file's.
 */
export function snapshotOf(sources: Readonly<Record<string, string>>, path: string, fn: string): string | undefined {
  return sources[`${path}:${fn}`] ?? sources[path];
}

/** The file of a `path:fn` key of a profile's sources (snapshotOf), else undefined (a file's own key). */
export const fnKeyFile = (key: string): string | undefined => /^(.+\.[ch]):\w+$/.exec(key)?.[1];

/**
 * The profile's sources with a patch's over them: a file the patch names is read whole in the
 * patch's text, so the profile's `path:fn` entries for that file (v5.4's device_del) give way.
 */
export function withPatchSources(sources: Readonly<Record<string, string>>, patch: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, snap] of Object.entries(sources)) {
    const file = fnKeyFile(key);
    if (file === undefined || patch[file] === undefined) out[key] = snap;
  }
  return { ...out, ...patch };
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
/** An excerpt's lines folded once: every scenario build resolves every step's anchors. */
const foldedLines = new WeakMap<Excerpt, string[]>();
function foldedOf(ex: Excerpt): string[] {
  let f = foldedLines.get(ex);
  if (!f) { f = ex.lines.map(fold); foldedLines.set(ex, f); }
  return f;
}

/**
 * C's tokens, longest first: a string or character literal is one token (the spacing in it is the program's), and so is each
 * operator (`->`, `==`, `+=`, `&&`), so a space between two of them is kept in what they mean (`a - > b` is not `a->b`,
 * `x = = y` not `x == y`, `& &b` not `&&b`). An unclosed quote (an anchor cut inside a string) is a token of its own.
 */
export const C_TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_]\w*|\d\w*|->|\+\+|--|&&|\|\||<<=|>>=|<<|>>|[-+*/%&|^<>=!]=|\S/g;
/** A line as its C tokens, one space apart: the same line however it is spaced between tokens. */
export const tight = (s: string) => (s.match(C_TOKEN) ?? []).join(' ');
const tightLines = new WeakMap<Excerpt, string[]>();
function tightOf(ex: Excerpt): string[] {
  let f = tightLines.get(ex);
  if (!f) { f = ex.lines.map(tight); tightLines.set(ex, f); }
  return f;
}

/** Lines (0-based, within the excerpt) that have `line` (one line, no `@n`): what its `@n` counts. */
export function linesWith(ex: Excerpt, line: string): number[] {
  const text = fold(line), hits: number[] = [];
  foldedOf(ex).forEach((l, i) => { if (l.includes(text)) hits.push(i); });
  if (hits.length) return hits;
  // C's spacing means nothing between tokens (`mutex_lock( &m );` is the kernel's `mutex_lock(&m);`): a line
  // found only so is the same line (s46 h2: a user's one was taken as a line the patch adds).
  const t = tight(text);
  tightOf(ex).forEach((l, i) => { if (l.includes(t)) hits.push(i); });
  return hits;
}

/** Lines (0-based, within the excerpt) an anchor names; throws a message when it does not fit. */
export function resolveAnchor(ex: Excerpt, anchor: string): number[] {
  // `a || b`: the first alternative this text has (the same line, written differently across releases).
  const alts = anchor.split(' || ');
  if (alts.length > 1) {
    for (const a of alts.slice(0, -1)) { try { return resolveAnchor(ex, a); } catch { /* try the next */ } }
    return resolveAnchor(ex, alts.at(-1)!);
  }
  const range = anchor.split(' ... ');
  if (range.length === 2) {
    const [a] = resolveAnchor(ex, range[0]!), [b] = resolveAnchor(ex, range[1]!);
    if (b! < a!) throw new Error(`'${anchor}': the end comes before the start`);
    return Array.from({ length: b! - a! + 1 }, (_, i) => a! + i);
  }
  const m = /^(.*)@(\d+)$/.exec(anchor);
  const nth = m ? Number(m[2]) : 0, hits = linesWith(ex, m ? m[1]! : anchor);
  if (hits.length === 0) throw new Error(`'${anchor}' is not in ${ex.fn} at ${ex.release}`);
  if (nth === 0 && hits.length > 1) throw new Error(`'${anchor}' is in ${ex.fn} at ${ex.release} ${hits.length} times (lines ${hits.map((h) => at(ex, h)).join(', ')}): say which with @n`);
  if (nth > hits.length) throw new Error(`'${anchor}': ${ex.fn} at ${ex.release} has it only ${hits.length} times`);
  return [hits[nth === 0 ? 0 : nth - 1]!];
}

/** A line's number in the tree, or `fn+k` when the function's position is not known. */
export function at(ex: Excerpt, i: number): string {
  return ex.firstLine === null ? `${ex.fn}+${i}` : String(ex.firstLine + i);
}

/** `850,852-854` */
export function lineList(ex: Excerpt, idx: readonly number[]): string {
  const s = [...new Set(idx)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; i++) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(j > i ? `${at(ex, s[i]!)}-${ex.firstLine === null ? `+${s[j]}` : at(ex, s[j]!)}` : at(ex, s[i]!));
    i = j;
  }
  return parts.join(',');
}

/**
 * A user's step's C with the lines its patch adds in their place (spans.ts Added: after the text's line cited before it in its
 * function, first there for index -1, first of all where none is): `path@release:98-99 + 'my_check(dev);' (added by the
 * patch) + 103`. `shown`: each added line as printed (as the user wrote it, quoted). Consecutive added lines share one
 * "(added by the patch)". Each function's part still starts `path@release:` or with its added lines (`cli/steps.ts` reads it).
 */
export function withAddedLines(anchored: readonly Anchored[], added: readonly (Added & { shown: string })[]): string {
  // Kernel runs and added lines in order; two kernel runs in a row are two functions' (a space between them, as resolveStep's text).
  const items: { added: boolean; text: string }[] = [];
  const left = new Set(added);
  const put = (xs: readonly (Added & { shown: string })[]) => {
    if (xs.length) items.push({ added: true, text: `${xs.map((a) => a.shown).join(', ')} (added by the patch)` });
    for (const a of xs) left.delete(a);
  };
  put(added.filter((a) => !a.after));
  for (const an of anchored) {
    const ex = excerpt(an.release, an.path, an.fn);
    const mine = added.filter((a) => a.after?.path === an.path && a.after.fn === an.fn);
    if (!ex) continue;
    let run: number[] = [], named = false;
    const lines = () => {
      if (run.length) items.push({ added: false, text: named ? lineList(ex, run) : `${an.path}@${an.release}:${lineList(ex, run)}` });
      if (run.length) { named = true; run = []; }
    };
    const flush = (upTo: number) => {
      const due = mine.filter((a) => a.after!.line < upTo);
      if (!due.length) return;
      lines();
      put(due);
      for (const a of due) mine.splice(mine.indexOf(a), 1);
    };
    for (const i of [...new Set(an.lines)].sort((a, b) => a - b)) { flush(i); run.push(i); }
    lines();
    flush(Infinity);
  }
  put([...left]); // (none: every line stands after one of the step's functions' or first)
  return items.map((x, k) => (k === 0 ? '' : x.added || items[k - 1]!.added ? ' + ' : ' ') + x.text).join('');
}

/**
 * The lines a step models, in one function: what the conformance test and `probecheck steps` read.
 * `shared`: lines this step models only in part (an anchor ending ` #part`: one C call that blocks
 * twice, such as klist_remove's unlink and its wait), which another step of the block covers too.
 */
export interface Anchored {
  path: string; fn: string; release: string; lines: number[]; shared?: number[];
  /**
   * The functions called on lines anchored ` #runs`: callees this step runs, not only calls (the
   * step that runs a callee may be another: a step may cite a call line for its place in the
   * function). Read from the C (each direct call, `name(`, on those lines; a call through a
   * pointer, `drv->probe(dev)`, names none), so a release that spells the line otherwise names
   * what it calls there. `steps --function F` and E604 list a step by it (cli/steps.ts).
   */
  runs?: string[];
}

/** The errors resolveStep gives for a line the function has several times and no `@n` says which, or an `@n` past its count (a user's step is E604 for them). */
export const AMBIGUOUS = /: say which with @n$| has it only \d+ times$/;
/** The error resolveStep gives where the profile keeps no text of the step's file (or of that function there): a gap, not a mistake. */
export const NO_TEXT = /^this profile reads no snapshot of |^no excerpt of /;
/** The error resolveStep gives for a line the function's text does not have (emit.ts: in a user's step, a line the patch adds). */
export const NOT_IN_TEXT = /^'[^]*' is not in [A-Za-z_]\w* at \S+$/;
/**
 * The error resolveStep gives where the step's `where` names a function the kept text of its file lacks (user-lines.ts: a
 * function the patch adds, whose plain lines are then all the patch's own).
 */
export const FN_NOT_IN_FILE = /^[A-Za-z_]\w* is not in \S+ at \S+$/;
/** The error resolveStep gives for a line tagged ` #runs` that calls nothing (emit.ts: a user's step is E604 for it). */
export const RUNS_NOTHING = /calls no function there \(#runs /;

/** An anchor's tags, in either order: ` #part` (another step models the line too), ` #runs` (the step runs what the line calls). */
export const TAGS = / #(?:part|runs)(?: #(?:part|runs))*$/;
/** An anchor without its tags. */
export const untagged = (a: string): string => a.replace(TAGS, '');

/**
 * A user's anchors that end in a tag other than ` #part` and ` #runs` (`bus_probe_device(dev); #run`):
 * E604 naming the tags. The text with the tag is looked for in the C and, not found, was not cited,
 * silently, as a line a patch adds is not (s45 h7).
 */
export function userTags(p: { id: string; subject: string }, step: string, anchors: readonly string[]): void {
  for (const a of anchors) {
    const bad = / #(\w+)$/.exec(a.replace(/ #(?:part|runs)$/, '').replace(/ #(?:part|runs)$/, ''));
    if (bad) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: its step ${step} cites '${a}', whose tag '#${bad[1]}' is none of ` +
      "probecheck's: ' #runs' (the step runs the functions the line calls) and ' #part' (another step models the line too)");
  }
}

/** An anchor's `f::` or `path:f::` prefix: its line is function f's (of that file), not the step's own. */
export const FN_PREFIX = /^(?:([\w/.-]+\.[ch]):)?([A-Za-z_]\w*):: /;

/**
 * What a line a user's step adds (one the text lacks) runs: tagged ` #runs`, the functions it calls
 * by name, as a kernel line's (resolveStep: a call through a pointer names none); one that calls
 * nothing is E604, as a kernel line's. Untagged, nothing.
 */
export function addedRuns(p: { id: string; subject: string }, step: string, anchor: string): string[] {
  if (!(TAGS.exec(anchor)?.[0] ?? '').includes('#runs')) return [];
  const line = untagged(anchor).replace(FN_PREFIX, ''), calls = directCalls(line);
  if (!calls.length && !/(->|\.)\s*\w+\s*\(/.test(line)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: its step ${step} cites '${anchor}', a line your patch adds that calls no function (#runs names the callee the step runs): drop the tag`);
  return calls;
}

/** The functions a C line calls directly (`name(`, not `p->name(`), less the keywords that look like calls. */
export function directCalls(line: string): string[] {
  const code = line.replace(/\/\*.*?\*\/|\/\/.*$|"(?:[^"\\]|\\.)*"/g, '');
  return [...code.matchAll(/(?<![\w>.])([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1]!).filter((n) => !C_KEYWORDS.has(n));
}
const C_KEYWORDS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'typeof', '__typeof__', 'defined']);

/**
 * Resolve a step's anchors. `where` is the step's `file:function (...)`; an anchor `fn:: text`
 * looks in another function of the same file (or `path:fn:: text` in another file). `unread`:
 * functions (`path:fn`) of a file the profile reads whose snapshot text does not stand for it.
 */
export function resolveStep(sources: Readonly<Record<string, string>>, where: string, anchors: readonly string[], renamed: Readonly<Record<string, string>> = {},
  unread: Readonly<Record<string, string>> = {}): { anchored: Anchored[]; text: string } | { error: string } {
  // The same step of the same profile resolves the same way (the snapshots are read once): once per
  // process. The profile's records are the same objects from step to step: their text is kept by
  // identity (a JSON.stringify of them per step was a quarter of a small patched check). Found by
  // those texts and `where`, then the anchors compared one by one (most are the step's literals,
  // one string each): a key joining them all, made, flattened and hashed per step, was 6-9% of
  // a build of every bundled case (s44 h1).
  const byWhere = childOf(childOf(childOf(resolved, textOf(sources)), textOf(renamed)), textOf(unread)).byWhere ??= new Map();
  let tried: { anchors: readonly string[]; r: Resolution }[] | undefined = byWhere.get(where);
  if (!tried) byWhere.set(where, tried = []);
  let r = tried.find((e) => sameList(e.anchors, anchors))?.r;
  if (!r) {
    try { r = { ok: frozen(resolveStepUncached(sources, where, anchors, renamed, unread)) }; } catch (e) { r = { error: (e as Error).message }; }
    tried.push({ anchors: [...anchors], r });
  }
  // (An error is given back, not thrown: a step tried on several snapshots fails on some, and
  // an Error's stack trace, made each time, was most of a small patched check's build.)
  // The same frozen records every time (copies of them were an eighth of a catalogue build's garbage).
  return 'error' in r ? r : r.ok;
}
type Resolution = { ok: { anchored: Anchored[]; text: string } } | { error: string };
/** The resolved steps by the ids of the profile's three records (textOf), then by `where`: each anchor list tried there, with its result. */
interface ById { next?: Map<number, ById>; byWhere?: Map<string, { anchors: readonly string[]; r: Resolution }[]> }
const resolved: ById = {};
function childOf(node: ById, id: number): ById {
  const next = node.next ??= new Map();
  let c = next.get(id);
  if (!c) next.set(id, c = {});
  return c;
}
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const frozen = (x: { anchored: Anchored[]; text: string }) => {
  for (const a of x.anchored) { Object.freeze(a.lines); if (a.shared) Object.freeze(a.shared); if (a.runs) Object.freeze(a.runs); Object.freeze(a); }
  Object.freeze(x.anchored);
  return Object.freeze(x);
};
/** A record's text as a short number, worked out once per object (equal texts, equal numbers). */
const ids = new WeakMap<object, number>(), idOfText = new Map<string, number>();
function textOf(o: Readonly<Record<string, string>>): number {
  let id = ids.get(o);
  if (id === undefined) {
    const t = JSON.stringify(o);
    id = idOfText.get(t);
    if (id === undefined) idOfText.set(t, (id = idOfText.size));
    ids.set(o, id);
  }
  return id;
}

/** The text a step's anchor is looked up in (its `f::` prefix read) and the anchor's own text, untagged; undefined where there is none. */
export function anchorExcerpt(sources: Readonly<Record<string, string>>, where: string, anchor: string, renamed: Readonly<Record<string, string>> = {},
  unread: Readonly<Record<string, string>> = {}): { ex: Excerpt; text: string } | undefined {
  const m = /^([\w/.-]+\.[ch]):([A-Za-z_]\w*)/.exec(where);
  if (!m) return undefined;
  let path = m[1]!, fn = m[2]!, text = untagged(anchor);
  const q = FN_PREFIX.exec(text);
  if (q) { path = q[1] ?? path; fn = q[2]!; text = text.slice(q[0].length); }
  fn = renamed[fn] ?? fn;
  const file = sourceFile(sources, path), release = file ? snapshotOf(sources, file, fn) : undefined;
  const ex = file && release && !unread[`${file}:${fn}`] ? excerpt(release, file, fn) : null;
  return ex ? { ex, text } : undefined;
}

/**
 * An anchor's `f::` prefix naming a function the kept text of its file does not have (a typo, or a function of another
 * file): where it looked, the nearest kept name and the files of `sources` that keep that function. Undefined where the
 * anchor has no prefix, or the prefix resolves, or the profile reads no text of that file (a gap, not a mistake).
 */
export function missingFunction(sources: Readonly<Record<string, string>>, where: string, anchor: string, renamed: Readonly<Record<string, string>> = {}):
  { path: string; fn: string; release: string; near?: string; kept: string[]; elsewhere: string[] } | undefined {
  const m = /^([\w/.-]+\.[ch]):/.exec(where), q = FN_PREFIX.exec(untagged(anchor));
  if (!m || !q) return undefined;
  const path = q[1] ?? m[1]!, fn = renamed[q[2]!] ?? q[2]!, file = sourceFile(sources, path), release = file && snapshotOf(sources, file, fn);
  const fns = file && release ? excerptsOf(release, file) : null;
  if (!file || !release || !fns || fns.has(fn)) return undefined;
  const kept = [...fns.keys()];
  const elsewhere = Object.keys(sources).filter((k) => fnKeyFile(k) === undefined && k !== file && excerpt(sources[k]!, k, fn));
  const near = didYouMean(fn, kept);
  return { path: file, fn, release, kept, elsewhere, ...(near !== undefined ? { near } : {}) };
}

function resolveStepUncached(sources: Readonly<Record<string, string>>, where: string, anchors: readonly string[], renamed: Readonly<Record<string, string>>,
  unread: Readonly<Record<string, string>>): { anchored: Anchored[]; text: string } {
  const m = /^([\w/.-]+\.[ch]):([A-Za-z_]\w*)/.exec(where);
  if (!m) throw new Error(`step where '${where}' is not file:function`);
  const byFn = new Map<string, { ex: Excerpt; lines: number[]; shared: number[]; runs: string[] }>();
  for (const a1 of anchors) {
    // `f:: a || g:: b`, every later alternative with its function: alternatives in different functions (code that moved into a helper): the first that resolves.
    const alts = a1.split(' || ');
    let a0 = a1;
    if (alts.length > 1 && alts.slice(1).some((x) => FN_PREFIX.test(x))) {
      a0 = alts.find((x, i) => {
        if (i === alts.length - 1) return true;
        try { resolveStepUncached(sources, where, [x], renamed, unread); return true; } catch { return false; }
      })!;
    }
    // Its tags (TAGS).
    const tags = TAGS.exec(a0)?.[0] ?? '', a = a0.slice(0, a0.length - tags.length);
    const part = tags.includes('#part'), runs = tags.includes('#runs');
    let path = m[1]!, fn = m[2]!, text = a;
    const q = FN_PREFIX.exec(a);
    if (q) { path = q[1] ?? path; fn = q[2]!; text = a.slice(q[0].length); }
    fn = renamed[fn] ?? fn;
    const file = sourceFile(sources, path);
    const release = file ? snapshotOf(sources, file, fn) : undefined;
    if (!file || !release) throw new Error(`this profile reads no snapshot of ${path}`);
    if (unread[`${file}:${fn}`]) throw new Error(`this profile reads no snapshot of ${file}:${fn}: ${unread[`${file}:${fn}`]}`);
    const ex = excerpt(release, file, fn);
    if (!ex) throw new Error(excerptsOf(release, file) ? `${fn} is not in ${file} at ${release}` : `no excerpt of ${file} at ${release}`);
    const k = `${path}:${fn}`;
    const e = byFn.get(k) ?? { ex, lines: [], shared: [], runs: [] };
    const got = resolveAnchor(ex, text);
    e.lines.push(...got);
    if (part) e.shared.push(...got);
    if (runs) {
      // A line tagged #runs calls something: a function by name, or one through a pointer (`drv->probe(dev)`, naming none).
      if (!got.some((i) => directCalls(ex.lines[i]!).length || /(->|\.)\s*\w+\s*\(/.test(ex.lines[i]!))) throw new Error(`'${a0}': ${fn} at ${release} calls no function there (#runs names the callee the step runs)`);
      for (const i of got) e.runs.push(...directCalls(ex.lines[i]!));
    }
    byFn.set(k, e);
  }
  const anchored = [...byFn.values()].map(({ ex, lines, shared, runs }): Anchored => ({
    path: ex.path, fn: ex.fn, release: ex.release, lines: [...new Set(lines)].sort((x, y) => x - y), ...(shared.length ? { shared } : {}), ...(runs.length ? { runs: [...new Set(runs)] } : {}),
  }));
  const text = [...byFn.values()].map(({ ex, lines }) => `${ex.path}@${ex.release}:${lineList(ex, lines)}`).join(' ');
  return { anchored, text };
}

/**
 * What a line of C does that the model must account for, or null: taking or releasing a lock,
 * scheduling or waiting, testing or writing state the model keeps. The conformance test requires
 * every such line to be covered by a step, or listed with a reason.
 */
export function effectOf(line: string): 'lock' | 'unlock' | 'async' | 'wait' | 'test' | 'write' | null {
  const l = line.replace(/\/\*.*?\*\/|\/\/.*$/g, '');
  if (/^\s*(\*|\/\*)/.test(line)) return null;
  if (/^\S/.test(line)) return null; // the definition line, braces and labels in column 0
  if (/\b(device_unlock|mutex_unlock|__device_driver_unlock|device_links_write_unlock|device_links_read_unlock|usb_unlock_device)\s*\(/.test(l)) return 'unlock';
  if (/\b(device_lock|mutex_lock|mutex_lock_interruptible|__device_driver_lock|device_links_write_lock|device_links_read_lock|usb_lock_device)\s*\(/.test(l)) return 'lock';
  if (/\b(async_schedule\w*|queue_work|schedule_work|work_on_cpu)\s*\(/.test(l)) return 'async';
  if (/\b(async_synchronize_\w+|wait_event\w*|flush_work\w*|wait_for_device_probe|synchronize_\w+)\s*\(/.test(l)) return 'wait';
  if (/\b(if|while|for)\s*\(/.test(l) && /(->dead\b|\bdev->driver\b|async_driver|device_is_bound|klist_node_attached|device_is_registered|probe_count|drivers_autoprobe|driver_allows_async_probing|can_match|ready_to_probe|\bdead\b)/.test(l)) return 'test';
  if (/(->dead\s*=|\bdev->driver\s*=[^=]|async_driver\s*=[^=]|atomic_(inc|dec)\w*\(&(probe_count|deferred_trigger_count)|klist_add_\w+\(|klist_del\(|klist_remove\(|list_add_tail\(&[\w>.-]*deferred_probe|list_del_init\(&[\w>.-]*deferred_probe|list_splice_tail_init\(|can_match\s*=|dev_set_can_match\(|device_set_driver\()/.test(l)) return 'write';
  return null;
}

/** The lock operations of one line, as `lock <what>` / `unlock <what>`, in order. */
export function lockEvents(line: string): string[] {
  const out: string[] = [];
  // __device_driver_lock(dev, parent) is a call: its lock operations are its own lines'.
  // `if (mutex_lock_interruptible(&m) != 0)`: a lock too (its -EINTR exit is not modelled).
  // usb_lock_device(udev) is device_lock(&(udev)->dev) (include/linux/usb.h, as seen in the index; no copy with a named repository read).
  const re = /(?<![\w])(device_lock|device_unlock|mutex_lock|mutex_unlock|usb_lock_device|usb_unlock_device)\s*\(([^;]*)\)\s*;|(?<![\w])(mutex_lock)_interruptible\s*\(([^)]*)\)/g;
  for (let m0 = re.exec(line); m0; m0 = re.exec(line)) {
    const m = m0[1] ? m0 : [m0[0], m0[3], m0[4]];
    const op = m[1]!.includes('unlock') ? 'unlock' : 'lock';
    const arg = m[2]!.trim();
    // device_lock(x) is mutex_lock(&x->mutex) (include/linux/device.h): both name the device.
    if (m[1]!.startsWith('device') || m[1]!.startsWith('usb_') || /^&(dev|parent)->mutex$/.test(arg)) out.push(`${op} ${/parent/.test(arg) ? 'parent' : 'dev'}`);
    else out.push(`${op} ${arg.replace(/^&/, '')}`);
  }
  return out;
}
