/**
 * Lockless readers (B11, B13; S10, L6). B11: dev_uevent's two unlocked reads of dev->driver race
 * unbind: violated up to v5.19, holds with 18daa52418e7 (one READ_ONCE under klist_drivers'
 * lock) and on mainline. B13 and L6 (the reverted device_lock fix) need library support.
 */
import { defineSuite } from 'probecheck';

export default defineSuite({
  name: 'lockless-readers',
  model: '../models/lockless-readers.ts',
  cases: [
    { params: { variant: 'uevent', profile: 'v4.2', patches: '' }, states: 24, note: 'B11 since dev_uevent printed DRIVER=',
      expect: { 'lockless-reader': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v5.19', patches: '' }, states: 24,
      note: 'B11: dev_uevent sees dev->driver set, unbind clears it, dev_uevent reads dev->driver->name',
      expect: { 'lockless-reader': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v5.19', patches: '18daa52418e7' }, states: 16,
      expect: { 'lockless-reader': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'mainline', patches: '' }, states: 16, note: 'the fix merged (v6.15)',
      expect: { 'lockless-reader': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v5.19', patches: '' },
      fixme: "L6 (dc1771f71854 reverted \"synchronize really_probe() and dev_uevent()\"): library needs that patch (dev_uevent under device_lock) and a bounded-blocking property (a reader never waits on a device mutex held across probe); expect violated with it, holds without",
      expect: { 'reader-no-wait-on-probe': 'violated' } },
    { params: { variant: 'override', profile: 'v4.2', patches: '' }, states: 94, note: 'writer side only: add and manual bind',
      expect: { 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'override', profile: 'v4.2', patches: '' },
      fixme: "B13 (CVE-2017-12146): library needs driver_override state (a string owned by the device, freed by the store), an actor action `override dc drv` (driver_override_store: kfree of the old string without the device lock before the fix, under device_lock after), platform_match reading it in the match step, and a use-after-free property; expect violated before the fix (v4.13-era), holds after",
      expect: { 'override-uaf': 'violated' } },
  ],
});
