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
const RELEASE = /\b(mutex_unlock|device_unlock|__device_driver_unlock|usb_unlock_device|device_links_write_unlock|device_links_read_unlock|device_pm_unlock|spin_unlock\w*|raw_spin_unlock\w*|read_unlock\w*|write_unlock\w*|up_read|up_write|klist_iter_exit|put_device|kobject_put|kernfs_put_active|kernfs_break_active_protection|module_put|srcu_read_unlock|rcu_read_unlock|wake_up\w*|complete(?:_all)?)\s*\(/;
/** After a release: an acquire, a wait or a schedule, or shared state a property may read. */
const AFTER = /\b(mutex_lock\w*|device_lock|__device_driver_lock|usb_lock_device|device_links_write_lock|device_links_read_lock|device_pm_lock|spin_lock\w*|raw_spin_lock\w*|read_lock\w*|write_lock\w*|down_read|down_write|klist_iter_init\w*|klist_next|klist_add\w*|klist_del|klist_remove|get_device|kernfs_get_active|try_module_get|wait_\w+|flush_\w+|queue_work|schedule_work|async_schedule\w*|async_synchronize_\w+|synchronize_\w+|list_\w+|atomic_\w+|driver_probe_device|__driver_probe_device|really_probe|bus_probe_device|device_release_driver\w*|driver_deferred_probe_\w+|device_links_\w+|driver_allows_async_probing)\s*\(|->driver\s*=[^=]|\bdev->driver\b|->dead\b|->state\s*=[^=]|->status\s*=[^=]|WRITE_ONCE\(/;
/** Comments and blank lines. */
const NOT_CODE = /^\s*($|\/\*|\*|\/\/)/;

/**
 * The first release in a step's C and the first line after it that acquires or works on shared
 * state, as `'release' ... 'line'` (null: none). Each function's lines in source order, a callee's
 * at the line that calls it (a step cites its function's call line, then the callee's body), the
 * rest in the order cited. Source order, not control flow: a line after the release on another
 * branch counts too (its `merges` then says so).
 */
export function releaseSpan(anchored: readonly Anchored[]): string | null {
  const parts = anchored.map((an) => {
    const ex = excerpt(an.release, an.path, an.fn);
    return { fn: an.fn, lines: ex ? [...an.lines].sort((a, b) => a - b).map((i) => ex.lines[i] ?? '').filter((l) => !NOT_CODE.test(l)).map((l) => l.trim()) : [] };
  });
  const used = new Set<number>();
  const walk = (k: number): string[] => {
    used.add(k);
    const out: string[] = [];
    for (const l of parts[k]!.lines) {
      out.push(l);
      parts.forEach((q, j) => { if (!used.has(j) && new RegExp(`\\b${q.fn}\\s*\\(`).test(l)) out.push(...walk(j)); });
    }
    return out;
  };
  const seq: string[] = [];
  for (let k = 0; k < parts.length; k++) if (!used.has(k)) seq.push(...walk(k));
  const r = seq.findIndex((l) => RELEASE.test(l));
  if (r < 0) return null;
  const after = seq.slice(r + 1).find((l) => !RELEASE.test(l) && AFTER.test(l));
  return after === undefined ? null : `'${seq[r]}' ... '${after}'`;
}
