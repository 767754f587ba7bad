/**
 * Steps whose cited C runs past a lock release. A kernel path is one step per atomic region
 * between lock operations and checks: a step that cites a release and, after it, an acquire or
 * work on shared state (list operations, dev->driver, flags, a call into another modelled
 * function) runs in one move what the C lets other threads interleave with. Such a step must say
 * why the interleavings it hides change nothing a property reads (KStep `merges`), or be split at
 * the release; the conformance test holds every step to that, at every profile.
 */
import { excerpt, type Anchored } from './source.js';

/** Releases: locks, klist iterators, references, wakeups (what another thread may be waiting for). */
const RELEASE = /\b(mutex_unlock|device_unlock|__device_driver_unlock|usb_unlock_device|device_links_write_unlock|device_links_read_unlock|device_pm_unlock|spin_unlock\w*|raw_spin_unlock\w*|read_unlock\w*|write_unlock\w*|up_read|up_write|klist_iter_exit|put_device|kobject_put|kernfs_put_active|sysfs_put_active|kernfs_break_active_protection|module_put|kref_put|srcu_read_unlock|rcu_read_unlock|wake_up\w*|complete(?:_all)?)\s*\(/;
/** After a release: an acquire, a wait or a schedule, or shared state a property may read. */
const AFTER = /\b(mutex_lock\w*|scoped_guard|guard|device_lock|__device_driver_lock|usb_lock_device|device_links_write_lock|device_links_read_lock|device_pm_lock|spin_lock\w*|raw_spin_lock\w*|read_lock\w*|write_lock\w*|down_read|down_write|klist_iter_init\w*|klist_next|klist_add\w*|klist_del|klist_remove|get_device|kernfs_get_active|sysfs_get_active|kernfs_unbreak_active_protection|kref_get|try_module_get|wait_\w+|flush_\w+|queue_work|schedule_work|async_schedule\w*|async_synchronize_\w+|synchronize_\w+|list_\w+|atomic_\w+|driver_probe_device|__driver_probe_device|really_probe|bus_probe_device|device_release_driver\w*|driver_deferred_probe_\w+|device_links_\w+|driver_allows_async_probing|device_set_driver|device_unbind_cleanup|devres_release_all|dev_set_can_match|klist_node_attached|device_is_bound|kill_device|device_remove|call_driver_probe|bus_notify|blocking_notifier_call_chain)\s*\(|->driver\s*=[^=]|\bdev->driver\b|->dead\b|->state\s*=[^=]|->status\s*=[^=]|\.status\s*=[^=]|->can_match\s*=[^=]|\b(?:defer_all_probes|initcalls_done|driver_deferred_probe_enable|driver_deferred_probe_timeout)\s*=[^=]|WRITE_ONCE\(/;
/** Comments and blank lines (also what near.ts passes over). */
export const NOT_CODE = /^\s*($|\/\*|\*|\/\/)/;
/** A scope-based lock (linux/cleanup.h): `guard(mutex)(&m);` to its block's end, `scoped_guard(spinlock, &l) { ... }` to its own. */
const GUARD = /\b(scoped_guard|guard)\s*\(/;
/** What releaseSpan shows where a guard's scope ends (no C line says so). */
const SCOPE_END = '} (scope end: ';

/**
 * Where the lock a guard line takes is released: the line index, in the function's whole text,
 * that closes its scope (a guard's enclosing block, a scoped_guard's own block or statement), or
 * the function's last line. Braces are counted as written (none in this C's strings or comments).
 */
function scopeEnd(all: readonly string[], i: number): number {
  const scoped = /\bscoped_guard\s*\(/.test(all[i]!);
  if (scoped && !all[i]!.includes('{')) { for (let j = i; j < all.length; j++) if (/;\s*$/.test(all[j]!)) return j; return all.length - 1; }
  let depth = 0;
  for (let j = i; j < all.length; j++) for (const ch of j === i && !scoped ? '' : all[j]!) {
    if (ch === '{') depth++;
    else if (ch === '}' && (--depth < 0 || (scoped && depth === 0))) return j;
  }
  return all.length - 1;
}

/**
 * A line a user's step cites that the text lacks (one the patch adds: emit.ts), read as written:
 * it stands after the text's line cited just before it in its own function in the step's `c` (`after`:
 * its file, function and line index there; index -1: first in that function, cited only after it),
 * or after the last line cited before it, or first where none is (a guard there is not followed to a
 * scope end: no text around it says where the scope ends).
 */
export interface Added { text: string; after?: { path: string; fn: string; line: number } }

/**
 * The first release in a step's C and the first line after it that acquires or works on shared
 * state, as `'release' ... 'line'` (null: none). Each function's lines in source order, a callee's
 * at the line that calls it (a step cites its function's call line, then the callee's body), the
 * rest in the order cited; a guard's release where its scope ends, before the first cited line
 * past it. Source order, not control flow: a line after the release on another branch counts too
 * (its `merges` then says so). `added`: a user's lines the text lacks, each in its place.
 */
export function releaseSpan(anchored: readonly Anchored[], added: readonly Added[] = []): string | null {
  const parts = anchored.map((an) => {
    const ex = excerpt(an.release, an.path, an.fn);
    const idx = ex ? [...an.lines].sort((a, b) => a - b).filter((i) => !NOT_CODE.test(ex.lines[i] ?? '')) : [];
    return { path: an.path, fn: an.fn, idx, all: ex?.lines ?? [] };
  });
  const used = new Set<number>();
  const walk = (k: number): string[] => {
    used.add(k);
    const out: string[] = [];
    const { idx, all } = parts[k]!;
    let open: { end: number; line: string }[] = [];
    const close = (before: number) => {
      for (const g of open.filter((g) => g.end < before)) out.push(`${SCOPE_END}${g.line})`);
      open = open.filter((g) => g.end >= before);
    };
    const line = (l: string) => {
      out.push(l);
      parts.forEach((q, j) => { if (!used.has(j) && new RegExp(`\\b${q.fn}\\s*\\(`).test(l)) out.push(...walk(j)); });
    };
    // A user's lines after this function's line `i` or before it (one after a comment, which idx leaves out), in the order cited.
    const mine = added.filter((a) => a.after?.path === parts[k]!.path && a.after.fn === parts[k]!.fn);
    const addedTo = (i: number) => { for (const a of mine.filter((a) => a.after!.line <= i)) { mine.splice(mine.indexOf(a), 1); line(a.text); } };
    for (const i of idx) {
      addedTo(i - 1);
      close(i);
      const l = all[i]!.trim();
      if (GUARD.test(l)) open.push({ end: scopeEnd(all, i), line: l });
      line(l);
      addedTo(i);
    }
    addedTo(Infinity);
    close(Infinity);
    return out;
  };
  const seq: string[] = added.filter((a) => !a.after).map((a) => a.text);
  for (let k = 0; k < parts.length; k++) if (!used.has(k)) seq.push(...walk(k));
  const releases = (l: string) => RELEASE.test(l) || l.startsWith(SCOPE_END);
  const r = seq.findIndex(releases);
  if (r < 0) return null;
  const after = seq.slice(r + 1).find((l) => !releases(l) && AFTER.test(l));
  return after === undefined ? null : `'${seq[r]}' ... '${after}'`;
}
