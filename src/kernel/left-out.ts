/**
 * Kernel functions the model leaves out on purpose, with why and where the docs say so. A patch
 * that changes only such a function cannot be written; the E604 and `steps --function` errors say
 * that instead of only "no modelled function", and so does `source` (s48 h12) (s48 h2: Wang Wensheng's 2025-08-14 posting, "driver
 * core: Fix concurrent problem of deferred_probe_extend_timeout()", a race of two cancels on the
 * timeout work's PENDING bit, got a bare list of functions). The reason ends the line: no list of the
 * modelled functions follows it, as it does for an unknown name, since a left-out name is no misspelling
 * and the list (137 names in `source`) buried the reason (s48 h17).
 */
import { didYouMean } from '../engine/errors.js';

const TAIL = "the moves to the tail of devices_kset's list are not modelled (device_shutdown's walk takes the devices in the order they were added), so a patch to it cannot be written; docs/known-gaps.md#source-conformance-what-it-does-not-cover";
const SYNC = "sync_state is not modelled (no sync_state callback, no deferred sync list, no supplier lock in device_links_flush_sync_list), so a patch to it cannot be written; docs/known-gaps.md#device_links_lock";
export const LEFT_OUT: ReadonlyMap<string, string> = new Map([
  ['deferred_probe_extend_timeout', "time is not modelled (the timeout work may run any time after it is scheduled), so its cancel_delayed_work + schedule_delayed_work changes nothing the model sees and has no step; only whether it queues a work that was not pending is modelled, by the library patches mod-delayed-extend (1137838865bf's mod_delayed_work, flag EXTEND_QUEUES_IDLE) and extend-pending-guard on top of it (557495bc8790's delayed_work_pending() test, flag EXTEND_PENDING_GUARD), so a patch of your own to it (such as one closing the race of two cancels on its PENDING bit) cannot be written (its lines are cited: mainline's dd.c, and the two patches' own texts); docs/known-gaps.md#the-late-initcall"],
  ['device_links_flush_sync_list', SYNC],
  // device_links_driver_bound's two sync_state callees (core.c@4793dae01f47); s48 h12: Ulf Hansson's
  // "Enable suppliers to implement fine grained sync_state support" (v2, 2026-04-10) got the bare list.
  ['__device_links_queue_sync_state', SYNC],
  ['__device_links_supplier_defer_sync', SYNC],
  // s50 h5: e9506871a8ea ("driver core: use READ_ONCE() for dev->driver in dev_has_sync_state()",
  // CVE-2026-80677, fixed in 7.2 by the CVE record) got the bare list: its reads run in the two
  // callees above (core.c since ac338acf514e, v5.6), under device_links_write_lock only.
  ['dev_has_sync_state', `${SYNC.replace(/, so a patch.*$/, '')}; the unlocked reads of dev->driver that e9506871a8ea's READ_ONCE is about run in __device_links_queue_sync_state and __device_links_supplier_defer_sync (under device_links_write_lock, not the device's lock), which have no step, so a patch to it cannot be written; docs/known-gaps.md#device_links_lock`],
  // The three moves known-gaps lists under device_shutdown (s48 h7: they got the bare list).
  ['devices_kset_move_last', TAIL],
  ['device_pm_move_to_tail', TAIL],
  ['device_reorder_to_tail', TAIL],
  ['device_link_release_fn', "the model releases a device link in the step that deletes it (no work of its own to queue or flush, no OF node refcount), so a patch to it cannot be written; docs/known-gaps.md#modelling-limits"],
]);

/** The name `fn` was likely meant to be, among `known` and the left-out names: a misspelt left-out name is
 *  in no list of modelled functions, so did-you-mean is the one place it can be named (s48 h21). */
export function nearName(fn: string, known: Iterable<string>): string | undefined {
  return didYouMean(fn, [...known, ...LEFT_OUT.keys()]);
}

/** `; 'fn' is left out of the model: WHY` for a function the model leaves out on purpose, else ''. */
export function leftOut(fn: string): string {
  const why = LEFT_OUT.get(fn);
  return why === undefined ? '' : `; '${fn}' is left out of the model: ${why}`;
}
