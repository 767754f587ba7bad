/**
 * Hot-unplug racing probe (B5, B6): device_del(dc) must not be followed by a probe of dc.
 * variant=async: the racer is __device_attach_async_helper (B5, 3451a495ef24, v5.1: the dead flag).
 * variant=deferred: the racer is deferred_probe_work_func -> __device_attach (B6, 654888327e9f:
 * v5.1 violated, v5.1 + the patch and v5.9 hold, with the same state count).
 * no-deadlock in the async variant is b232b02bf3c2 (v5.19): async_schedule's synchronous fallback
 * runs __device_attach_async_helper inline while __device_attach still holds dev->mutex.
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 */
import { defineSuite } from 'probecheck';

const B5 = 'B5: the helper locks dc after device_del began; registered is still true (kobject_del is last), so really_probe binds a dying device';
const B6 = 'B6: dc deferred, pwm binds -> trigger; the deferred worker\'s __device_attach probes dc after kill_device (no dead check)';
const DL = 'b232b02bf3c2: sync fallback of async_schedule_dev under device_lock(dc) deadlocks on dc\'s own mutex';

export default defineSuite({
  name: 'hot-unplug',
  model: '../models/hot-unplug.ts',
  cases: [
    { params: { variant: 'async', profile: 'v4.2', patches: '' }, states: 80, note: `${B5}; ${DL}`, // 78 before s39 h9: a probe whose call_probe came after kobject_del bound the deleted struct (its driver_sysfs_add fails in the C)
      expect: { 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'no-deadlock': 'violated' } },
    { params: { variant: 'async', profile: 'v5.1', patches: '' }, states: 54, note: `3451a495ef24 fixes B5; ${DL}`,
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'violated' } },
    { params: { variant: 'async', profile: 'v5.19', patches: '' }, states: 78, note: 'async_schedule_dev after device_unlock (b232b02bf3c2)',
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'deferred', profile: 'v4.2', patches: '' }, states: 2083, note: `${B6} (no dead flag at all); deferred-lists: dc left on the pending list after device_del (the B5 use-after-free variant)`,
      expect: { 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'deferred-lists': 'violated', 'no-deadlock': 'holds' } },
    { params: { variant: 'deferred', profile: 'v5.1', patches: '' }, states: 2405, note: B6,
      expect: { 'no-probe-after-del': 'violated', 'single-binding': 'holds', 'deferred-lists': 'violated', 'no-deadlock': 'holds' } },
    { params: { variant: 'deferred', profile: 'v5.1', patches: '654888327e9f' }, states: 2134, note: 'as above, plus the fix',
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'deferred-lists': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'deferred', profile: 'v5.9', patches: '' }, states: 2134, note: 'the fix merged: the same threads as v5.1 + 654888327e9f',
      expect: { 'no-probe-after-del': 'holds', 'single-binding': 'holds', 'deferred-lists': 'holds', 'no-deadlock': 'holds' } },
  ],
});
