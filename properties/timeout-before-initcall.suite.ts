/**
 * The deferred-probe timeout work queued by driver_register (models/timeout-before-initcall.ts):
 * mainline queues it only from deferred_probe_initcall; 1137838865bf's mod_delayed_work (the
 * library's mod-delayed-extend, in no profile) queues it from deferred_probe_extend_timeout where
 * it was not pending; 557495bc8790's delayed_work_pending() guard on top of it (extend-pending-guard)
 * queues none before the late initcall. The untimed model shows when it may run, not how soon (the lost `* HZ`).
 */
import { defineSuite, type Expected } from 'probecheck';

const v = (t: Expected, lost: Expected = 'holds') => ({ 'timeout-after-initcall': t, 'no-lost-deferral': lost }) as Record<'timeout-after-initcall' | 'no-lost-deferral', Expected>;
const BASE = 'mainline: driver_register\'s deferred_probe_extend_timeout cancels and schedules again only a pending work; the late initcall alone queues it';
const BEFORE = "mod-delayed-extend: my-drv's driver_register queues the timeout work before deferred_probe_initcall (Biju Das's RZ/G2L WARN from fw_devlink_probing_done in that kworker); it sets the timeout 0, and the late initcall schedules none";
const AFTER = 'mod-delayed-extend: the modprobe after the work ran queues it again ("if the work expired, don\'t start a new one")';
const GUARD = 'mod-delayed-extend + extend-pending-guard (557495bc8790, read in its 6.6.y backport): delayed_work_pending() before the mod_delayed_work: no work is queued before the late initcall';
const GUARD_RACE = 'mod-delayed-extend + extend-pending-guard: the test finds the work pending, the work starts (PENDING cleared), and the mod_delayed_work queues it again: two operations, no lock across them (the window in time is not shown)';

export default defineSuite({
  name: 'timeout-before-initcall',
  model: '../models/timeout-before-initcall.ts',
  cases: [
    { params: { when: 'before', profile: 'mainline', patches: '' }, states: 95, note: BASE, expect: v('holds') },
    // mydev is still retried and bound (no-lost-deferral): the late initcall's triggers do not need the timeout work.
    { params: { when: 'before', profile: 'mainline', patches: 'mod-delayed-extend' }, states: 580, note: BEFORE, expect: v('violated') },
    // pmic never comes: mydev stays deferred, which no-lost-deferral does not judge (vacuous).
    { params: { when: 'after', profile: 'mainline', patches: '' }, states: 761, note: BASE, expect: v('holds', 'vacuous') },
    { params: { when: 'after', profile: 'mainline', patches: 'mod-delayed-extend' }, states: 1041, note: AFTER, expect: v('violated', 'vacuous') },
    { params: { when: 'before', profile: 'mainline', patches: 'mod-delayed-extend,extend-pending-guard' }, states: 96, note: GUARD, expect: v('holds') },
    { params: { when: 'after', profile: 'mainline', patches: 'mod-delayed-extend,extend-pending-guard' }, states: 1023, note: GUARD_RACE, expect: v('violated', 'vacuous') },
  ],
});
