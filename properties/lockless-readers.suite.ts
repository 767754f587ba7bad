/**
 * Lockless readers (B11, B13; S10, L6). B11: dev_uevent's two unlocked reads of dev->driver race
 * unbind: violated up to v5.19, holds with 18daa52418e7 (one READ_ONCE under klist_drivers'
 * lock) and on mainline. B13 (variant=driver_override): the store frees the string
 * platform_match reads, fixed by taking device_lock in the store. L6 (variant=probe): the
 * reverted c0a40097f0bc makes dev_uevent wait for the lock probe() holds. v6.12.0 shipped with it
 * (UEVENT_SHOW_LOCKED: 15fffc6a5624 replaced it in v6.11, 9a71892cbcdb put it back in v6.12-rc6,
 * dc1771f71854 removed it in v6.15; from pull and stable mails, profiles.ts).
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
    // L6: c0a40097f0bc took device_lock in dev_uevent; reverted (dc1771f71854) because probe() holds it for minutes.
    // In these rows dc's probe always succeeds and nothing releases it: lockless-reader has nothing
    // to judge (vacuous; it read holds until a premise audit, 2026-12-06). B11 is the uevent rows'.
    { params: { variant: 'probe', profile: 'v5.19', patches: 'c0a40097f0bc' }, states: 39,
      note: "L6: udev reads dc's uevent while hotplug is inside dc-drv.probe(dc) holding dc's lock: dev_uevent blocks on it",
      expect: { 'reader-no-wait-on-probe': 'violated', 'lockless-reader': 'vacuous', 'no-deadlock': 'holds' } },
    { params: { variant: 'probe', profile: 'v5.19', patches: '' }, states: 38, note: 'the lockless reader never waits',
      expect: { 'reader-no-wait-on-probe': 'holds', 'lockless-reader': 'vacuous', 'no-deadlock': 'holds' } },
    { params: { variant: 'probe', profile: 'v6.12', patches: '' }, states: 39, note: 'L6 in a release: v6.12.0 has c0a40097f0bc (UEVENT_SHOW_LOCKED)',
      expect: { 'reader-no-wait-on-probe': 'violated', 'lockless-reader': 'vacuous', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v6.12', patches: '' }, states: 29, note: "v6.12.0 reads dev->driver twice, but under uevent_show's device_lock: B11 closed",
      expect: { 'lockless-reader': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'probe', profile: 'v6.12', patches: 'dc1771f71854,18daa52418e7' }, states: 30, note: '6.12.y from 6.12.26: the revert of c0a40097f0bc and the single read of v6.15, both taken into 6.12.y',
      expect: { 'reader-no-wait-on-probe': 'holds', 'lockless-reader': 'vacuous', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v6.12', patches: 'dc1771f71854' }, states: 24, note: 'the revert alone brings B11 back: the two reads without the lock',
      expect: { 'lockless-reader': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v6.12', patches: 'dc1771f71854,18daa52418e7' }, states: 16, note: 'with the single read beside it, as 6.12.y took both',
      expect: { 'lockless-reader': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'probe', profile: 'mainline', patches: '' }, states: 30, expect: { 'reader-no-wait-on-probe': 'holds', 'lockless-reader': 'vacuous', 'no-deadlock': 'holds' } },
    { params: { variant: 'uevent', profile: 'v5.19', patches: 'c0a40097f0bc' }, states: 29, note: 'the reverted fix did close B11 (the reader holds the lock unbind needs)',
      expect: { 'lockless-reader': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    // bind_store tests dev->driver before it takes the lock, and driver_probe_device checks only that
    // dc is registered: a bind that passed the test while dc's own probe ran calls dc-drv's probe()
    // again on the bound device. v5.1's device_driver_attach tests dev->driver under the lock.
    { params: { variant: 'override', profile: 'v4.2', patches: '' }, states: 106, note: "add and manual bind: bind_store's unlocked dev->driver test lets it probe dc again once bound",
      expect: { 'single-binding': 'violated', 'no-deadlock': 'holds' } },
    { params: { variant: 'override', profile: 'v5.1', patches: '' }, states: 99, note: 'device_driver_attach tests dev->driver under the device lock',
      expect: { 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    // B13 (CVE-2017-12146): driver_override_store frees the string platform_match is about to strcmp.
    // (42, 41, 41 and 45 states before a store to dc before its device_add came to change nothing: the file does not exist yet, 2026-12-04.)
    { params: { variant: 'driver_override', profile: 'v4.2', patches: '' }, states: 79,
      note: "dc's __device_attach (dc locked) loads pdev->driver_override; the second store swaps it and kfree()s the old string without the lock; platform_match strcmp()s freed memory",
      expect: { 'override-uaf': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'driver_override', profile: 'v4.2', patches: '6265539776a0' }, states: 78, note: 'the store swaps the pointer under device_lock: it waits for the match to finish',
      expect: { 'override-uaf': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'driver_override', profile: 'v4.18', patches: '' }, states: 78, expect: { 'override-uaf': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'driver_override', profile: 'mainline', patches: '' }, states: 87, note: 'cb3d1049f4ea (OVERRIDE_MATCH_LOCKED): the match is one step under driver_override.lock (47 states before mainline read a dd.c with it)',
      expect: { 'override-uaf': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
  ],
});
