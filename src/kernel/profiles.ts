/**
 * Kernel profiles as data. A flag is one behavioural difference of drivers/base (or kernel/async.c,
 * kernel/module) with the commit that introduced it; a profile is the set of flags a kernel has.
 * Paths read flags, never version numbers. A profile is a flag set, not an exact tree: it says
 * nothing about code the model does not contain.
 *
 * Surprise: some fixes are also shipped as patches (patches.ts) that insert the very steps the
 * flag turns on, so `v5.4 + 654888327e9f` builds the same threads as `v5.9`.
 */
import { didYouMean, ProbecheckError } from '../engine/errors.js';

export interface FlagInfo {
  commit: string;
  /** The first release that has it, and how that is known. */
  since: string;
  subject: string;
  /**
   * A line that shows the flag in the kernel's text (`file:function:: text`, as a step anchor):
   * every profile that reads a snapshot of that file has the flag exactly when the line is there
   * (test/kernel/profiles.test.ts), unless the profile lists the flag in `differs`.
   */
  shows?: string;
}

export const FLAGS = {
  BUS_LIST_BEFORE_PROBE: { commit: '190888ac01d0', since: 'v3.8 or v3.9 (bus.c at 190888ac01d0 has the new order and no CONFIG_HOTPLUG; v3.6.0 has the old one)', subject: "driver core: fix possible missing of device probe (bus_add_driver puts the driver on the bus klist before driver_attach; before it a device added meanwhile finds no driver and the driver's walk misses the device)" },
  TRIGGER_COUNT: { commit: '58b116bce136', since: 'v3.15', subject: 'drivercore: deferral race condition fix (deferred_trigger_count)', shows: 'drivers/base/dd.c:driver_deferred_probe_trigger:: atomic_inc(&deferred_trigger_count);' },
  ASYNC_PROBE: { commit: '765230b5f084', since: 'v4.2', subject: 'driver-core: add asynchronous probing support for drivers', shows: 'drivers/base/dd.c:__device_attach:: async_schedule' },
  ATTACH_DRIVER_EBUSY: { commit: 'with 765230b5f084 (absent at v3.6.0, present at 013c074f8642); removed by v5.1 (absent at 376991db4b64), commit not identified', since: 'v4.2 .. v5.0', subject: '__device_attach_driver returns -EBUSY for a device that already has a driver (unreachable under the device lock __device_attach holds, so it changes no behaviour the model can reach)', shows: 'drivers/base/dd.c:__device_attach_driver:: return -EBUSY;' },
  WAIT_FLUSH_DEFERRED: { commit: '013c074f8642', since: 'v4.5 (dd.c at 013c074f8642 flushes in wait_for_device_probe; v3.6.0 does not)', subject: 'PM / sleep: prohibit devices probing during suspend/hibernation (wait_for_device_probe flushes the deferred-probe work first)', shows: 'drivers/base/dd.c:wait_for_device_probe:: flush_work' },
  OVERRIDE_LOCK: { commit: '6265539776a0 (hash unverified; CVE-2017-12146)', since: 'v4.13', subject: 'driver core: platform: fix race condition with driver_override' },
  DEVICE_LINKS: { commit: '9ed9895370ae', since: 'v4.10', subject: 'driver core: Functional dependencies tracking support (device_links_check_suppliers)', shows: 'drivers/base/dd.c:really_probe:: device_links_check_suppliers(dev);' },
  LINK_DEFER_ADD: { commit: 'not identified: absent at 9ed9895370ae (v4.10, dd.c really_probe: `ret = device_links_check_suppliers(dev); if (ret) return ret;`), present at 8c97a46af04b (v4.18, dd.c:404-408)', since: 'v4.15 (DepSurf: absent in 4.13, present in 4.15; 4.14.117 and 4.14.156 vendor trees lack it, a 4.15.18 Ubuntu tree has it; not read in a vanilla tree)', subject: 'really_probe puts a device that device_links_check_suppliers defers on the deferred-probe pending list (`if (ret == -EPROBE_DEFER) driver_deferred_probe_add_trigger(dev, local_trigger_count);`); before it such a device was on no list, so only a later bind or attach probed it again. From v5.14 driver_probe_device adds every -EPROBE_DEFER itself' },
  LINK_KREF: { commit: 'ead18c23c263', since: 'v4.17 (per the source audit of issue 9: v4.17 core.c:220; not re-read here)', subject: 'driver core: Introduce device links reference counting' },
  LINKS_NO_DRIVER_DORMANT: { commit: '15cfb094160385cc0b303c4cda483caa102af654', since: 'v5.1 .. v5.4, release not identified (absent at 3451a495ef24, a commit of the v5.1 merge window; present at 515db266a9da, in the driver-core-5.4-rc1 pull; backported to 4.19.112, "commit 15cfb0941603 upstream"): whether v5.1 itself has it is not settled (the v5.1 profile follows its snapshot)', subject: 'driver core: Fix adding device links to probing suppliers (device_links_no_driver first turns the failed device\'s CONSUMER_PROBE/ACTIVE links to consumers DORMANT; __device_links_no_driver makes only CONSUMER_PROBE/ACTIVE links to suppliers AVAILABLE, where before it made every link but SUPPLIER_UNBIND AVAILABLE, DORMANT ones included; device_links_driver_bound skips CONSUMER_PROBE/ACTIVE links to consumers, where before it made every managed one AVAILABLE)', shows: 'drivers/base/core.c:device_links_no_driver:: WRITE_ONCE(link->status, DL_STATE_DORMANT);' },
  LINKS_NO_DRIVER_BOUND_CHECK: { commit: '8c3e315d4296421cd26b3300ee0ac117f0877f20', since: 'v5.8 (the tip of the driver-core-5.8-rc1 pull, 2020-06-07; taken into 5.6.y, "[PATCH 5.6 028/161]"; 5.4.y not checked)', subject: 'driver core: Update device link status correctly for SYNC_STATE_ONLY links (__device_links_no_driver makes a CONSUMER_PROBE/ACTIVE link AVAILABLE only while its supplier is DL_DEV_DRIVER_BOUND, else DORMANT; device_links_missing_supplier alike, not modelled)', shows: 'drivers/base/core.c:__device_links_no_driver:: if (link->supplier->links.status == DL_DEV_DRIVER_BOUND) {' },
  NEED_PARENT_LOCK: { commit: '8c97a46af04b', since: 'v4.18', subject: "driver core: hold dev's parent lock when needed (bus->need_parent_lock)", shows: 'drivers/base/dd.c:__device_driver_lock:: dev->bus->need_parent_lock' },
  DRIVER_LOCK_HELPERS: { commit: 'hash not identified: "device core: Consolidate locking and unlocking of parent and device" (Alexander Duyck; subject from the openSUSE and openEuler changelogs that backport it, listed by openSUSE with 3451a495ef24 and ef0ff68351be under bsc#1106383)', since: 'v5.1 (absent at 3451a495ef24 and present at ef0ff68351be, both v5.1-rc1 commits of the same series; dd.c at 376991db4b64 has it, at 8c97a46af04b, v4.18, not)', subject: "device core: Consolidate locking and unlocking of parent and device (__device_driver_lock/__device_driver_unlock; __device_release_driver's device-links loop drops and retakes the parent only with need_parent_lock, as its caller took it, where v4.18 did so for any parent it was given)", shows: 'drivers/base/dd.c:__device_release_driver:: __device_driver_unlock(dev, parent);' },
  ASYNC_SYNC_IN_DRIVER_DETACH: { commit: 'not identified ("driver core: Move async_synchronize_full call", Alexander Duyck)', since: 'v5.0 .. v5.1, not settled (per the source audit of issue 9: v4.20 still syncs in __device_release_driver, dd.c:931-932; dd.c at 3451a495ef24, a v5.1-rc1 commit of the same series, already syncs in driver_detach; the patch was still at v6 on 2018-11-26, and a line-number comparison with Ubuntu 5.0.0 data (DepSurf) suggests v5.0 lacks it, which is not proof; the v5.0 profile keeps it, unverified)', subject: 'driver core: Move async_synchronize_full call (from __device_release_driver, under the device lock, to driver_detach, before any lock)', shows: 'drivers/base/dd.c:driver_detach:: async_synchronize_full();' },
  DEAD_FLAG: { commit: '3451a495ef244a88ed6317a035299d835554d579', since: 'v5.1', subject: 'driver core: Establish order of operations for device_add and device_del via bitflag', shows: 'drivers/base/dd.c:__device_attach_async_helper:: dev->p->dead' },
  PER_DEVICE_ASYNC_ATTACH: { commit: 'ef0ff68351be', since: 'v5.1', subject: 'driver core: Probe devices asynchronously instead of the driver', shows: 'drivers/base/dd.c:__driver_attach:: async_schedule_dev(__driver_attach_async_helper, dev);' },
  KILL_DEVICE: { commit: '00289cd87676e14913d2d8492d1ce05c4baafdae', since: 'v5.3 (the commit is dated 2019-07-17, in the v5.3 merge window; its 4.14-stable FAILED mail quotes it whole; core.c at 3451a495ef24, v5.1, has no kill_device)', subject: 'drivers/base: Introduce kill_device() (device_del sets dead through it; callers such as libnvdimm test it before device_unregister)', shows: 'drivers/base/core.c:kill_device:: dev->p->dead = true;' },
  ATTACH_DEAD_CHECK: { commit: '654888327e9f655a9d55ad477a9583e90e8c9b5c', since: 'v5.9', subject: 'driver core: Avoid binding drivers to dead devices', shows: 'drivers/base/dd.c:__device_attach:: if (dev->p->dead) {' },
  // A name only: the store's lock order (of->mutex, kernfs_get_active, ops->write, kernfs_put_active) is the same before and after.
  KERNFS_WRITE_ITER: { commit: 'cc099e0b399889c6485c88368b19824b087c9f8c', since: 'v5.11 (and 5.10.11): in the driver-core-5.11-rc5 pull (2021-01-24; v5.10 is the last release with kernfs_fop_write); taken into 5.10.11 as "[PATCH 5.10 197/199] kernfs: implement ->write_iter" ("commit cc099e0b3998 upstream", in the 5.10.11-rc1 and -rc2 review series)', subject: 'kernfs: implement ->write_iter (kernfs_fop_write becomes kernfs_fop_write_iter: copy_from_iter for copy_from_user, iocb->ki_pos for *ppos; of->mutex, kernfs_get_active, ops->write, kernfs_put_active in the same order, so only the trace label changes). Before kernfs (v3.14, 414985ae23c0) the store ran through fs/sysfs/file.c sysfs_write_file -> flush_write_buffer; the trace keeps the name kernfs_fop_write there', shows: 'fs/kernfs/file.c:kernfs_fop_write_iter:: copy_from_iter(buf, len, iter)' },
  PROBE_BUSY_CHECK: { commit: '204db60c83574559a8e08ce4bbd0029d56b8ab2e (the checks), 45ddcb42949f825f0caa25352e825cede94b6aba (probe_count and the deferral)', since: "v5.14 (both through vfio's v5.14/vfio/next, 'hch-mdev-direct-v4'; dd.c at ef6dcbdd8eb2 still counts in really_probe, at 45ddcb42949f in driver_probe_device)", subject: "driver core: Pull required checks into driver_probe_device() (-ENODEV for a dead device, -EBUSY for a bound one); driver core: Don't return EPROBE_DEFER to userspace during sysfs bind (probe_count, the trigger snapshot and the deferral move from really_probe into driver_probe_device around __driver_probe_device)", shows: 'drivers/base/dd.c:driver_probe_device:: atomic_inc(&probe_count);' },
  MODULE_SYNC_PF_USED_ASYNC: { commit: '774a1221e862', since: 'v3.8 .. v5.16 (reverted by 67d6212afda2)', subject: 'module, async: async_synchronize_full() on module init iff async is used', shows: 'kernel/module/main.c:do_init_module:: PF_USED_ASYNC' },
  ASYNC_DRIVER_PENDING_CHECK: { commit: 'hash not identified: "driver core: Prevent overriding async driver of a device before it probe" (Mark-PK Tsai, posted 2022-03-16; its hunks are in dd.c at b232b02bf3c2, not at 204db60c8357)', since: 'v5.18 or v5.19 (before b232b02bf3c2)', subject: '__driver_attach skips a device whose async_driver is set (a second async driver no longer overrides the first); __driver_attach_async_helper clears it', shows: 'drivers/base/dd.c:__driver_attach:: !dev->p->async_driver' },
  DRIVER_ATTACH_INLINE_LOCK: { commit: 'ef6dcbdd8eb2f44dce70a3abecc32d43cc5f3e64 (__driver_attach); 45ddcb42949f (device_driver_attach calls __driver_probe_device)', since: 'v5.14 (dd.c at e1499647c69c still calls device_driver_attach from __driver_attach, at ef6dcbdd8eb2 it takes the lock itself)', subject: 'driver core: Flow the return code from ->probe() through to sysfs bind (__driver_attach takes __device_driver_lock and calls driver_probe_device itself); device_driver_attach (bind_store) calls __driver_probe_device since 45ddcb42949f', shows: 'drivers/base/dd.c:__driver_attach:: __device_driver_lock(dev, dev->parent);' },
  ASYNC_AFTER_UNLOCK: { commit: 'b232b02bf3c205b13a26dcec08e53baddd8e59ed', since: 'v5.19 (tip of driver-core-5.19-rc1)', subject: 'driver core: fix deadlock in __device_attach (async_schedule_dev after device_unlock)', shows: 'drivers/base/dd.c:__device_attach:: if (async)' },
  DRIVER_ATTACH_ASYNC_AFTER_UNLOCK: { commit: '70fe758352cafdee72a7b13bf9db065f9613ced8', since: 'v6.0 (backported to 5.10.y in 5.10.137 and to other stable trees)', subject: 'driver core: fix potential deadlock in __driver_attach (async_schedule_dev after device_unlock)', shows: 'drivers/base/dd.c:__driver_attach:: if (async)' },
  // deferred_probe_initcall's shape (late-initcall.ts): the pass after the late trigger, the second pass, the timeout work.
  LATE_INITCALL_FLUSH: { commit: 'not identified (absent at v3.6.0, present at 013c074f8642, v4.5)', since: 'v3.7 .. v4.5 (by the text; the release is not settled)', subject: 'deferred_probe_initcall waits for the deferred work its trigger queued ("Sort as many dependencies as possible before exiting initcalls": flush_workqueue(deferred_wq), later flush_work(&deferred_probe_work))', shows: 'drivers/base/dd.c:deferred_probe_initcall:: flush_workqueue(deferred_wq); || flush_work(&deferred_probe_work);' },
  LATE_INITCALL_SECOND_PASS: { commit: 'not identified (absent at 8c97a46af04b, v4.18; present at 376991db4b64, v5.1); 25b4e70dcce9 (v4.19), which added the timeout and initcalls_done\'s opt-in, is the likely one, its diff not read', since: 'v4.19 .. v5.1 (by the text)', subject: 'deferred_probe_initcall triggers and flushes a second time after initcalls_done ("this time we won\'t defer anything that is optional")', shows: 'drivers/base/dd.c:deferred_probe_initcall:: Trigger deferred probe again' },
  PROBE_TIMEOUT_WORK: { commit: '25b4e70dcce9 (named as the commit that introduced the timeout, default -1, by Javier Martinez Canillas\'s LKML mail of 2022-11-14; its v3 was posted 2018-06-28, Greg Kroah-Hartman replied 2018-07-07)', since: 'v4.19 .. v5.1 (absent at 8c97a46af04b, v4.18; present at 376991db4b64, v5.1; its v3 was posted for v4.19)', subject: 'driver core: allow stopping deferred probe after init (deferred_probe_initcall schedules deferred_probe_timeout_work when the timeout is > 0; the work triggers, flushes and prints "deferred probe pending" for each device still pending)', shows: 'drivers/base/dd.c:deferred_probe_initcall:: schedule_delayed_work(&deferred_probe_timeout_work,' },
  PROBE_TIMEOUT_DEFAULT_10: { commit: 'f516d01b9df2 (Revert "driver core: Set default deferred_probe_timeout back to 0.", per Javier Martinez Canillas\'s LKML mail of 2022-11-14, which describes it as in mainline; hash not verified)', since: 'v6.1 (mainline by 2022-11-14, by that mail; v6.1 is of 2022-12-11; dd.c at 07b7b883be5b, of the driver-core-6.1-rc1 pull, has `int driver_deferred_probe_timeout = 10;` under CONFIG_MODULES). Before: 0 at 45ddcb42949f (v5.14) and until 2b28a1a84a0e (posted 2022-04-29, whose message says the default is 0), which made it 10 in the v5.19 merge window (b232b02bf3c2, the tip of driver-core-5.19-rc1, has it); set back to 0 by 9be4cbd09da8 (Fixes: 2b28a1a84a0e) in v5.19-rc1 itself (both in kernel.org\'s post-receive revlist of 2022-06-06 that ends at f2906aa86338 "Linux 5.19-rc1", after the merge of driver-core-5.19-rc1); -1 at 376991db4b64, 0 at 654888327e9f, 5.10.13 and f04948dea236 (v5.15)', subject: 'driver_deferred_probe_timeout defaults to 10 (seconds) when CONFIG_MODULES is set, so deferred_probe_initcall schedules the timeout work (the model has modules, so CONFIG_MODULES; the deferred_probe_timeout= parameter is not modelled). A declaration, not a function: read in each whole dd.c, not in an excerpt' },
  WAIT_PROBE_TIMEOUT: { commit: '35a672363ab3 ("driver core: Ensure wait_for_device_probe() waits until the deferred_probe_timeout fires"; in driver-core-linus during v5.7-rc, by a linux-next merge log; named in the Fixes: tag of its revert; not read itself)', since: 'v5.7 .. v5.18 (present at 654888327e9f, 5.10.13, 45ddcb42949f and b232b02bf3c2; absent at 376991db4b64, v5.1, and at 5a7a9efdb193); removed by 5ee76c256e92 ("driver core: Fix wait_for_device_probe() & deferred_probe_timeout interaction", Saravana Kannan, posted 2022-05-26), in v5.19-rc1 (both in kernel.org\'s post-receive revlist of 2022-06-06 that ends at f2906aa86338 "Linux 5.19-rc1", after the merge of driver-core-5.19-rc1)', subject: 'wait_for_device_probe first waits on probe_timeout_waitqueue until driver_deferred_probe_timeout is 0 (deferred_probe_timeout_work_func sets it, then wakes the queue). Modelled as passing at once (async.ts): no profile that can start before the late initcall has a timeout > 0 with it', shows: 'drivers/base/dd.c:wait_for_device_probe:: wait_event(probe_timeout_waitqueue, !driver_deferred_probe_timeout);' },
  OVERRIDE_MATCH_LOCKED: { commit: 'cb3d1049f4ea ("driver core: generalize driver_override in struct device") with 2b38efc05bf7 ("driver core: platform: use generic driver_override infrastructure")', since: 'v7.0-rc (read as the 6.19-stable review posting of 2026-03-31, "[ Upstream commit cb3d1049f4ea... ]"); the store\'s half, __device_set_driver_override, is in dd.c at dakr@1ac45118ddf8 (mainline); 6.18.y took it (core.c of 6.18.16 initialises dev->driver_override.lock in device_initialize, not excerpted). The match\'s half (platform_match -> device_match_driver_override) is read only in the postings', subject: 'driver_override moves into struct device under its own spinlock: device_match_driver_override() tests and strcmp()s the string under guard(spinlock), and the store swaps it under the same lock and kfree()s the old one after, so a match never reads a freed string; the match stays outside device_lock (the commit: "we can\'t use the device lock")', shows: 'drivers/base/dd.c:__device_set_driver_override:: scoped_guard(spinlock, &dev->driver_override.lock) {' },
  READY_TO_PROBE: { commit: 'a2225b6e834a838ae3c93709760edc0a169eb2f2 ("driver core: Don\'t let a device probe until it\'s ready", Douglas Anderson; see patches.ts)', since: 'v7.1-rc1 (inferred from the driver-core push, patches.ts; no torvalds/linux tag read); its dd.c hunk is in dd.c at dakr@1ac45118ddf8 (the driver-core co-maintainer\'s tree); Cc: stable, and 6.1.y postings of it were read; whether 6.6.y, 6.12.y or 6.18.y took it was not checked (the 6.18.16 core.c read lacks its device_add half)', subject: '__driver_probe_device returns -EPROBE_DEFER until device_add sets DEV_FLAG_READY_TO_PROBE (under device_lock, just before bus_probe_device): no probe path can bind a device that device_add has not finished (B14)', shows: 'drivers/base/dd.c:__driver_probe_device:: if (!dev_ready_to_probe(dev))' },
  UEVENT_SHOW_LOCKED: { commit: 'c0a40097f0bc81deafc15f9195d1fb54595cd6d0 ("drivers: core: synchronize really_probe() and dev_uevent()", Dirk Behme)', since: 'v6.10 (driver-core-6.10-rc4 pull mail); 15fffc6a5624 (v6.11, "driver core: Fix uevent_show() vs driver detach race") replaced the lock by an RCU read of dev->driver, 9a71892cbcdb (v6.12-rc6, "Revert \"driver core: Fix uevent_show() vs driver detach race\"") put the lock back, and dc1771f71854 (v6.15, with 18daa52418e7) removed it. All from pull, release and stable review mails, not from tagged trees; stable: 6.1.95, 6.6.35 to 6.6.45 and 6.6.60 to 6.6.88 (by the stable mails), 6.12.0 to 6.12.25', subject: 'uevent_show() takes device_lock(dev) around the kset\'s uevent callback (dev_uevent): a udev read of the uevent file waits for a probe in progress, which may take minutes (L6); it also closes B11 (the two reads of dev->driver run under the lock). The line is in uevent_show, which is not excerpted' },
  UEVENT_SINGLE_READ: { commit: '18daa52418e7', since: 'v6.15 (backported to 6.6.y: the 6.6.y core.c has dev_driver_uevent)', subject: 'driver core: fix potential NULL pointer dereference in dev_uevent()', shows: 'drivers/base/core.c:dev_uevent:: dev_driver_uevent(dev, env);' },
} as const satisfies Record<string, FlagInfo>;

export type Flag = keyof typeof FLAGS;

export interface Profile {
  /** The release it stands for: `v5.1`, `mainline`. */
  name: string;
  /**
   * The snapshot of each kernel file its steps are anchored in (kernel/<snapshot>/<path>), where
   * one was read; a file with none is not checked against source at this profile.
   */
  sources: Readonly<Record<string, string>>;
  /** Modelled functions the snapshot calls by another name (v3.x's device_attach is today's __device_attach). */
  renamed?: Readonly<Record<string, string>>;
  /**
   * Functions (`path:fn`) of a file in `sources` whose snapshot text does not stand for this
   * release (a later stable backport, an annotated copy), with why: their steps are not checked here.
   */
  unread?: Readonly<Record<string, string>>;
  /** Flags whose `shows` line the snapshot has (or lacks) while the release does not, and why. */
  differs?: Partial<Record<Flag, string>>;
  /**
   * Where no tree of the release itself was read: the two snapshots of a file that bracket it
   * (the nearest below and above). A flag whose `shows` line is in both (or neither) follows
   * them; one whose line only the upper has must be settled by its commit's release.
   */
  between?: Readonly<Record<string, readonly [string, string]>>;
  /** Flags that change between the brackets: `has it: why` or `lacks it: why` (how the commit's release was settled). */
  settled?: Partial<Record<Flag, string>>;
  /**
   * Flags whose presence at this release is not known (no text of the release read and the
   * commit's release not identified), with why: a scenario action that needs one is refused (E601).
   */
  unsettled?: Partial<Record<Flag, string>>;
  describe: string;
  flags: readonly Flag[];
}

const V3_5: Flag[] = [];
const V3_14: Flag[] = [...V3_5, 'BUS_LIST_BEFORE_PROBE', 'MODULE_SYNC_PF_USED_ASYNC'];
const V4_2: Flag[] = [...V3_14, 'TRIGGER_COUNT', 'ASYNC_PROBE', 'ATTACH_DRIVER_EBUSY', 'LATE_INITCALL_FLUSH'];
const V4_14: Flag[] = [...V4_2, 'WAIT_FLUSH_DEFERRED', 'DEVICE_LINKS', 'OVERRIDE_LOCK'];
const V4_18: Flag[] = [...V4_14, 'LINK_DEFER_ADD', 'LINK_KREF', 'NEED_PARENT_LOCK'];
const V5_0: Flag[] = [...V4_18, 'ASYNC_SYNC_IN_DRIVER_DETACH'];
const V5_1: Flag[] = [...V5_0.filter((f) => f !== 'ATTACH_DRIVER_EBUSY'), 'DEAD_FLAG', 'PER_DEVICE_ASYNC_ATTACH', 'DRIVER_LOCK_HELPERS', 'LATE_INITCALL_SECOND_PASS', 'PROBE_TIMEOUT_WORK'];
const V5_4: Flag[] = [...V5_1, 'KILL_DEVICE', 'LINKS_NO_DRIVER_DORMANT'];
const V5_9: Flag[] = [...V5_4, 'ATTACH_DEAD_CHECK', 'LINKS_NO_DRIVER_BOUND_CHECK', 'WAIT_PROBE_TIMEOUT'];
const V5_15: Flag[] = [...V5_9, 'KERNFS_WRITE_ITER', 'PROBE_BUSY_CHECK', 'DRIVER_ATTACH_INLINE_LOCK'];
const V5_19: Flag[] = [...V5_9.filter((f) => f !== 'MODULE_SYNC_PF_USED_ASYNC' && f !== 'WAIT_PROBE_TIMEOUT'), 'KERNFS_WRITE_ITER', 'PROBE_BUSY_CHECK', 'ASYNC_AFTER_UNLOCK', 'ASYNC_DRIVER_PENDING_CHECK', 'DRIVER_ATTACH_INLINE_LOCK'];
const V6_1: Flag[] = [...V5_19, 'PROBE_TIMEOUT_DEFAULT_10', 'DRIVER_ATTACH_ASYNC_AFTER_UNLOCK'];

/** device_lock/device_unlock: the stored torvalds/linux device.h (v5.3); a much later tree (kernel/README.md) has the same text. */
const DEVICE_H = 'include/linux/device.h';
/** pci_call_probe/local_pci_probe: torvalds/linux commits of v6.6 and v6.12 (kernel/README.md). */
const PCI_ = 'drivers/pci/pci-driver.c';
const DD_ = 'drivers/base/dd.c', BUS_ = 'drivers/base/bus.c', CORE_ = 'drivers/base/core.c', MOD_ = 'kernel/module/main.c', PLAT_ = 'drivers/base/platform.c';
/**
 * driver_register's driver_find/-EBUSY and driver_unregister's `!drv->p` test (anchored by
 * bus_add_driver's and bus_remove_driver's first steps). No driver.c later than 5.10.13 whose release
 * is known was found in the index: torvalds/linux stores it only at df9b42963f2d and 010e85f9e47c,
 * both older (the excerpts' headers say what each is).
 */
const DRV_ = 'drivers/base/driver.c';
/** sysfs_create_dir(_ns)'s -ENOENT under a parent with no directory (device_add's kobject_add, paths/device-add.ts). */
const SYSFS_ = 'fs/sysfs/dir.c';
/** Why the v6.x profiles read no driver.c. */
const DRV_UNREAD = 'driver.c not read (none of v5.11 or later whose release is known was found in the index; the nearest read, 5.10.13, lacks driver_set_override, v5.19), so the driver_find/-EBUSY and `!drv->p` lines of bus_add_driver\'s and bus_remove_driver\'s first steps are not checked here';
/** v5.4's core.c (fb583c8eeeb1, driver-core-5.4-rc1) is older than the merge that brought kill_device into driver-core-next. */
const KILL_UNREAD = 'core.c is read at fb583c8eeeb1, a commit of the driver-core-5.4-rc1 pull from before the merge of 5.3-rc4 into driver-core-next, which brought kill_device (00289cd87676, v5.3): its device_del still sets dev->p->dead itself; v5.4 has kill_device (its 4.19 FAILED stable mail of 2019-07-29 quotes the diff)';
/** Why the late initcall's flush is not settled before v4.5: no dd.c of v3.7 .. v4.4 read, its commit not identified. */
const FLUSH_UNSETTLED = 'its commit is not identified: absent at v3.6.0, present at 013c074f8642 (v4.5); no dd.c of v3.7 .. v4.4 was read';

export const PROFILES: Record<string, Profile> = {
  'v3.5': { name: 'v3.5', sources: { [DD_]: 'v3.6.0', [BUS_]: 'v3.6.0', [CORE_]: 'v3.6.0', [DRV_]: 'v3.6.0', [SYSFS_]: 'v3.6.0' }, renamed: { __device_attach: 'device_attach', __device_attach_driver: '__device_attach', bind_store: 'driver_bind', unbind_store: 'driver_unbind', sysfs_create_dir_ns: 'sysfs_create_dir' },
    describe: 'before 190888ac01d0: bus_add_driver walks the devices before putting the driver on the bus klist (B2); dd.c, bus.c, driver.c and fs/sysfs/dir.c read at v3.6.0, the nearest release tree found; steps keep the v4.2 function names', flags: V3_5 },
  'v3.14': { name: 'v3.14', sources: {}, between: { [DD_]: ['v3.6.0', 'torvalds@013c074f8642'] }, unsettled: { LATE_INITCALL_FLUSH: FLUSH_UNSETTLED },
    settled: {
      TRIGGER_COUNT: 'lacks it: 58b116bce136 is the v3.15 deferral race fix (this profile stands for the kernel before it, B1)',
      ASYNC_PROBE: 'lacks it: 765230b5f084 added asynchronous probing in v4.2',
      ATTACH_DRIVER_EBUSY: 'lacks it: it came with 765230b5f084 (v4.2)',
      WAIT_FLUSH_DEFERRED: 'lacks it: 013c074f8642 is the v4.5 merge window',
    },
    describe: 'before the deferral race fix (no deferred_trigger_count), no async probing; a flag set: steps keep the v4.2 function names (v3.14 had device_attach/__device_attach where v4.2 has __device_attach/__device_attach_driver); no tree read: dd.c bracketed by v3.6.0 and 013c074f8642 (v4.5)', flags: V3_14 },
  'v4.2': { name: 'v4.2', sources: { [DD_]: 'torvalds@013c074f8642' },
    differs: { WAIT_FLUSH_DEFERRED: 'dd.c is read at 013c074f8642 (v4.5 merge window), the commit that adds the flush; v4.2 predates it' },
    unsettled: { LATE_INITCALL_FLUSH: `as its dd.c (v4.5) shows; ${FLUSH_UNSETTLED}` },
    describe: 'first kernel with async probing (whole-driver async, lock held across async_schedule); dd.c read at 013c074f8642 (v4.5)', flags: V4_2 },
  'v4.14': { name: 'v4.14', sources: { [CORE_]: 'torvalds@9ed9895370ae' }, between: { [DD_]: ['torvalds@013c074f8642', 'torvalds@8c97a46af04b'] },
    settled: {
      DEVICE_LINKS: 'has it: 9ed9895370ae is v4.10 (the flag\'s release)',
      LINK_DEFER_ADD: 'lacks it: the 4.14 dd.c texts found are vendor trees, and each has v4.10\'s `ret = device_links_check_suppliers(dev); if (ret) return ret;`: legatoproject/msm-4.14 (Android, Makefile 4.14.156, with v4.19\'s deferred-probe timeout backported; dd.c:454-456), kdrag0n/caf4.14_kernel_wahoo (Makefile 4.14.117) and lge-stock-kernel/msm-4.14; a 4.15.18 Ubuntu tree (sndrzt/linux-4.15) has the add (dd.c:380-384). DepSurf\'s function data has driver_deferred_probe_add_trigger absent in 4.13 and inlined twice into driver_probe_device in 4.15. No vanilla v4.14 dd.c read (none is in the index)',
    },
    describe: 'device links without reference counting (before ead18c23c263, v4.17: B16); driver_override under device_lock (v4.13); parent lock on every bus; core.c read at 9ed9895370ae (v4.10, the commit that added device links: no kref, as B16 needs; the nearest below, its changes of v4.11-v4.14 not read); no dd.c or bus.c read: dd.c bracketed by 013c074f8642 (v4.5) and 8c97a46af04b (v4.18)', flags: V4_14 },
  'v4.18': { name: 'v4.18', sources: { [DD_]: 'torvalds@8c97a46af04b' },
    differs: { NEED_PARENT_LOCK: 'dd.c at 8c97a46af04b, the commit itself, tests need_parent_lock inline (__driver_attach:526, device_release_driver_internal:922); __device_driver_lock, the line the flag shows, came with DRIVER_LOCK_HELPERS (v5.1)' },
    describe: 'parent lock only for buses with need_parent_lock, tested inline: __device_release_driver still drops and retakes any parent it is given (before DRIVER_LOCK_HELPERS); device links with kref; driver_override under device_lock (v4.13); wait_for_device_probe flushes deferred work (v4.5); dd.c read at 8c97a46af04b (the v4.18 commit that added need_parent_lock; later v4.18 dd.c changes not read)', flags: V4_18 },
  'v5.0': { name: 'v5.0', sources: {}, between: { [DD_]: ['torvalds@8c97a46af04b', 'torvalds@376991db4b64'] },
    settled: {
      ASYNC_SYNC_IN_DRIVER_DETACH: 'has it: per the source audit of issue 9, v5.0\'s driver_detach already syncs and v4.20 still syncs in __device_release_driver (not re-read here: no v4.20 or v5.0 dd.c in the index); unverified, and in doubt: dd.c at 3451a495ef24, a v5.1-rc1 commit of the same series, is the first text read with it, and a line-number comparison with Ubuntu 5.0.0 data (DepSurf) suggests v5.0 lacks it',
      ATTACH_DRIVER_EBUSY: 'has it: its removal is not identified and taken to come with the v5.1 rework (absent at 376991db4b64); unverified',
      NEED_PARENT_LOCK: 'has it: 8c97a46af04b is v4.18 (there it tests need_parent_lock inline; the line the flag shows, in __device_driver_lock, came with DRIVER_LOCK_HELPERS)',
      DEAD_FLAG: 'lacks it: 3451a495ef24 is v5.1',
      PER_DEVICE_ASYNC_ATTACH: 'lacks it: ef0ff68351be is v5.1',
      DRIVER_LOCK_HELPERS: 'lacks it: taken to be v5.1 with its companions 3451a495ef24 and ef0ff68351be (listed together in the openSUSE backport); its hash is not identified, so unverified',
    },
    unsettled: { LATE_INITCALL_SECOND_PASS: 'no dd.c of v4.19 .. v5.0 was read: absent at 8c97a46af04b (v4.18), present at 376991db4b64 (v5.1), commit not identified', PROBE_TIMEOUT_WORK: 'no dd.c of v4.19 .. v5.0 was read, nor 25b4e70dcce9 itself: its v3 was posted for v4.19 (mails of 2018-06-28 and 2018-07-07), which suggests v4.19 but does not show it' }, describe: 'as v4.18 (parent dropped by __device_release_driver on any bus: DRIVER_LOCK_HELPERS is v5.1, absent at 3451a495ef24 and present at ef0ff68351be, both v5.1-rc1 commits), with async_synchronize_full moved from __device_release_driver to driver_detach; no tree read: dd.c bracketed by 8c97a46af04b (v4.18) and 376991db4b64 (v5.1)', flags: V5_0 },
  'v5.1': { name: 'v5.1', sources: { [DD_]: 'torvalds@376991db4b64', [CORE_]: 'torvalds@3451a495ef24', 'kernel/workqueue.c': 'torvalds@009bb421b6ce' }, describe: 'dead flag, per-device async attach (async_schedule_dev under device_lock in __driver_attach); dd.c read at 376991db4b64, the last dd.c change before v5.1 as far as known; core.c at 3451a495ef24 (the dead-flag commit itself: its device_links_no_driver has the v4.10 shape, so the profile lacks LINKS_NO_DRIVER_DORMANT, though 15cfb0941603 may have reached v5.1 itself, not settled); kernel/workqueue.c at 009bb421b6ce (authored 2019-03-03, the day v5.0 was released: v5.1 or later by date, not settled)', flags: V5_1 },
  'v5.4': { name: 'v5.4', sources: { [DD_]: 'torvalds@97e2551de3f9', [CORE_]: 'torvalds@fb583c8eeeb1' },
    unread: { [`${CORE_}:device_del`]: KILL_UNREAD, [`${CORE_}:kill_device`]: KILL_UNREAD },
    differs: { KILL_DEVICE: KILL_UNREAD },
    describe: 'as v5.1; dd.c read at 97e2551de3f9 ("Merge tag \'dev_groups_all_drivers\' into driver-core-next", of the driver-core-5.4-rc1 pull), which still has edit_links (134b23eec9e3: a block in driver_probe_device, not modelled), reverted in the same pull (33cbfe544993, not read); no later dd.c change is known before v5.4 (the pull mails). core.c read at fb583c8eeeb1 (same pull), for the device links: it predates the merge of 5.3-rc4 that brought kill_device (00289cd87676), so device_del and kill_device are not checked here. Stands for 5.4.0 and early 5.4.y: later 5.4.y took 654888327e9f and, in 2022-06, b232b02bf3c2 (the v5.19 fix of the __device_attach deadlock). Has kill_device (KILL_DEVICE, v5.3, by its commit date; no core.c of v5.3 or v5.4 read). Has LINKS_NO_DRIVER_DORMANT (15cfb0941603: its shape is in core.c at 515db266a9da, a commit of the driver-core-5.4-rc1 pull) and lacks LINKS_NO_DRIVER_BOUND_CHECK (8c3e315d4296, v5.8; whether 5.4.y took it was not checked)', flags: V5_4 },
  'v5.9': { name: 'v5.9', sources: { [DD_]: 'torvalds@654888327e9f' }, describe: '__device_attach checks dead (654888327e9f); dd.c read at that commit', flags: V5_9 },
  // v5.10 is the v5.10 release (5.10.0): it lacks KERNFS_WRITE_ITER, which 5.10.11 took as a backport
  // (its trace says kernfs_fop_write); the 5.10.13 tree it reads (dd.c, bus.c) is past that backport, but it reads no kernfs file.
  'v5.10': { name: 'v5.10', sources: { [DD_]: 'v5.10.13', [BUS_]: 'v5.10.13', [DRV_]: 'v5.10.13', [SYSFS_]: 'v5.10.13' },
    describe: 'as v5.9; dd.c read at 5.10.13 (Rtoax/linux-5.10.13, a study tree: its modelled functions differ from 654888327e9f only by v5.10 changes the model does not keep; bus.c, driver.c and fs/sysfs/dir.c of the same tree, driver.c with an empty comment block added inside driver_register, as its excerpt header says). Stands for 5.10.0 up to the 5.10.y that took 70fe758352ca (DRIVER_ATTACH_ASYNC_AFTER_UNLOCK; its 5.10.y review mail is of 2022-08-19, 5.10.137 per the flag), and the revert 67d6212afda2 of MODULE_SYNC_PF_USED_ASYNC went to the stable trees in 2022-02. A sysfs store enters through kernfs_fop_write (5.10.11 took cc099e0b3998, KERNFS_WRITE_ITER, as a backport: a name only; no kernfs file read)', flags: V5_9 },
  'v5.15': { name: 'v5.15', sources: { [DD_]: 'torvalds@f04948dea236', [BUS_]: 'torvalds@204db60c8357', [CORE_]: 'torvalds@cf52ad5ff16c', 'kernel/async.c': 'torvalds@07416af11dd8', [DRV_]: 'v5.10.13', [SYSFS_]: 'v5.10.13' },
    describe: 'driver_probe_device counts probes and defers around __driver_probe_device, which checks dead/bound; __driver_attach takes __device_driver_lock itself (204db60c8357 .. 45ddcb42949f, v5.14). dd.c read at f04948dea236 (the only dd.c commit of driver-core-5.15-rc1, "driver core: Fix error return code in really_probe()": its dd.c differs from 45ddcb42949f, v5.14, only there), core.c at cf52ad5ff16c (the merge of driver-core-5.15-rc6, the last driver-core pull before v5.15), torvalds/linux commits by the pull mails, Makefile not read; bus.c at 204db60c8357 (v5.14: the bus.c change of driver-core-5.15-rc1, 6 lines, is not stored; its diff not read); kernel/async.c at 07416af11dd8, v5.13-v5.16 by content (microseconds_since, a 2021-03 patch, and PF_USED_ASYNC, removed by 67d6212afda2 in v5.17); driver.c and fs/sysfs/dir.c of 5.10.13 (Rtoax/linux-5.10.13, as v5.10), the nearest below read: no v5.11-v5.15 driver.c is stored (its driver_register and driver_unregister changes of those releases not read), and dir.c\'s sysfs_create_dir_ns is not known to have changed', flags: V5_15 },
  'v5.19': { name: 'v5.19', sources: { [DD_]: 'torvalds@b232b02bf3c2', 'fs/kernfs/file.c': 'torvalds@03ab8e6297ac' },
    differs: {
      WAIT_PROBE_TIMEOUT: 'dd.c is read at b232b02bf3c2, the tip of driver-core-5.19-rc1, which still waits; v5.19-rc1 itself took 5ee76c256e92, which removes the wait (both in kernel.org\'s post-receive revlist of 2022-06-06 that ends at f2906aa86338 "Linux 5.19-rc1", after the merge of driver-core-5.19-rc1)',
      PROBE_TIMEOUT_DEFAULT_10: 'b232b02bf3c2 defaults the timeout to 10; v5.19-rc1 itself took 9be4cbd09da8, "driver core: Set default deferred_probe_timeout back to 0." (both in kernel.org\'s post-receive revlist of 2022-06-06 that ends at f2906aa86338 "Linux 5.19-rc1", after the merge of driver-core-5.19-rc1)',
    },
    describe: 'async_schedule_dev after device_unlock in __device_attach (b232b02bf3c2), still under it in __driver_attach; checks and probe_count in driver_probe_device; dd.c read at b232b02bf3c2 (tip of driver-core-5.19-rc1); fs/kernfs/file.c at 03ab8e6297ac ("Merge tag \'v5.18\'"), the nearest read below (kernfs changes of the v5.19 cycle not read)', flags: V5_19 },
  'v6.1': { name: 'v6.1', sources: { [DD_]: 'torvalds@07b7b883be5b', [CORE_]: 'torvalds@6bb7ea3afd3e' },
    describe: 'as v5.19, with __driver_attach scheduling after device_unlock (70fe758352ca, v6.0) and the deferred-probe timeout defaulting to 10 with modules; dd.c read at 07b7b883be5b (the only dd.c commit of driver-core-6.1-rc1; the 6.1-rc fixes pulls touched no drivers/base file, by the pull mails; Makefile not read): its __device_attach_driver and __driver_attach still differ from v6.3 only where the bus match defers (not modelled), and its deferred_probe_timeout_work_func does not set the timeout to 0 (the v6.3 text does); core.c at 6bb7ea3afd3e (driver-core-6.1-rc1; it lacks d70590d53a89, in device_create_groups_vargs only); bus.c of v6.1 not read', flags: V6_1 },
  'v6.6': { name: 'v6.6', sources: { [DD_]: 'torvalds@f8fb576658a3', [BUS_]: 'torvalds@00c4a3c47da7', [CORE_]: 'torvalds@29c8ab79e91d', [MOD_]: 'torvalds@9011e49d54dc', [PLAT_]: 'torvalds@b4ce0bf7ab02', [PCI_]: 'torvalds@a49287d32d57' },
    describe: 'as v6.1: no flag between v6.1 and v6.6 is known. dd.c read at f8fb576658a3 (driver-core-6.4-rc1, the newest dd.c stored before v6.6; the two later dd.c commits before v6.6, e2f06aa88508 (really_probe_debug printks with KERN_DEBUG) and f429378a9bf8 (dma_cleanup in really_probe\'s test_remove block), change nothing modelled and are not stored), core.c at 29c8ab79e91d (the tip of driver-core-6.6-rc1; lacks only fd6f7ad2fd4d of 6.6-rc2, an error code in device_add\'s error path), bus.c at 00c4a3c47da7 (v6.4-v6.6 by content); by the pull mails. kernel/module/main.c at 9011e49d54dc (modules-6.6-rc1), platform.c at b4ce0bf7ab02 (driver-core-6.3-rc1; the platform.c commits after it before v6.6 leave the modelled functions alone), pci-driver.c at a49287d32d57 (pci-v6.6-changes): all torvalds/linux commits, the last of each file stored before v6.6 (kernel/README.md); ' + DRV_UNREAD, flags: V6_1 },
  'v6.12': { name: 'v6.12', sources: { [DD_]: 'torvalds@efb0b309fa0d', [BUS_]: 'torvalds@bfa54a793ba7', [CORE_]: 'torvalds@56d16d44fe8d', [PLAT_]: 'torvalds@d69d80484598', [PCI_]: 'torvalds@8a48281cfa7f' },
    unread: { [`${CORE_}:dev_uevent`]: 'core.c at 56d16d44fe8d (driver-core-6.12-rc1) has the RCU read of 15fffc6a5624, which 9a71892cbcdb reverted in v6.12-rc6: v6.12.0 reads dev->driver twice again, under the device_lock that uevent_show takes (UEVENT_SHOW_LOCKED; pull and stable mails, not a tagged tree)' },
    describe: 'as v6.6, with uevent_show\'s device_lock (UEVENT_SHOW_LOCKED, below); dd.c read at efb0b309fa0d (the only dd.c commit of driver-core-6.12-rc1), bus.c at bfa54a793ba7 and core.c at 56d16d44fe8d (torvalds/linux commits of the same pull: bus.c before b45ed06f4673, which changes only bus_find_device, core.c before eb46cb321f1f, a device_shutdown revert; Makefile not read; stable 6.12.y backports such as 18daa52418e7 not included: this is 6.12.0). __device_release_driver calls device_unbind_cleanup before device_links_driver_cleanup (2e84dc379200, v6.7: one step in the model, so no change). platform.c at d69d80484598 (driver-core-6.11-rc1; 24e041e1e48d of 6.12-rc1 makes platform_bus_type const) and pci-driver.c at 8a48281cfa7f (the only pci-driver.c commit of the v6.12 PCI pull). uevent_show takes device_lock around dev_uevent (c0a40097f0bc, back since v6.12-rc6: UEVENT_SHOW_LOCKED); ' + DRV_UNREAD, flags: [...V6_1, 'UEVENT_SHOW_LOCKED'] },
  mainline: { name: 'mainline', sources: { [DD_]: 'dakr@1ac45118ddf8', [BUS_]: 'torvalds@bfa54a793ba7', [CORE_]: 'v6.18.y', [MOD_]: 'torvalds@01d5b167dc23', [DEVICE_H]: 'torvalds@00289cd87676', 'drivers/scsi/scsi_scan.c': 'torvalds@741e9d668aa5', [PCI_]: 'torvalds@8a48281cfa7f', 'drivers/usb/core/message.c': 'v6.18.y' },
    describe: 'current mainline as far as read: dd.c at dakr@1ac45118ddf8 (Danilo Krummrich\'s kernel.org tree, the driver-core co-maintainer\'s: newer than v7.0 by content, with ea34511aaf75, cb3d1049f4ea and a2225b6e834a; a developer tree, not a tag), core.c of 6.18.16 (AOSC-Tracking/linux; its device_add predates a2225b6e834a, whose device_add half, the flag set under device_lock before bus_probe_device, is read only in the patch postings), bus.c at bfa54a793ba7 (v6.12, the newest read; ea34511aaf75 moved its drivers_autoprobe test into device_initial_probe in v6.19, one test either way in the model), kernel/module/main.c at 01d5b167dc23 (v6.15-v6.17 by content), drivers/scsi/scsi_scan.c at 741e9d668aa5 (v6.9 merge window), drivers/usb/core/message.c of AOSC-Tracking/linux (v6.18.y), pci-driver.c at 8a48281cfa7f (v6.12, the newest read), include/linux/device.h at 00289cd87676 (v5.3; device_lock/device_unlock are the same in a much later tree); no platform.c (2b38efc05bf7 moved its driver_override into the core; none read after it): dev_uevent reads dev->driver once (18daa52418e7, v6.15), driver_override is swapped and matched under its own spinlock (cb3d1049f4ea), and no probe path binds a device before device_add has finished (a2225b6e834a); ' + DRV_UNREAD, flags: [...V6_1, 'UEVENT_SINGLE_READ', 'READY_TO_PROBE', 'OVERRIDE_MATCH_LOCKED'] },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

export function profile(name: string): Profile {
  const p = PROFILES[name];
  if (!p) {
    const near = didYouMean(name, PROFILE_NAMES);
    throw new ProbecheckError('E602', `unknown kernel profile '${name}'${near !== undefined ? `; did you mean '${near}'?` : ''}; known: ${PROFILE_NAMES.join(', ')}`);
  }
  return p;
}

/** The flags one profile has and the other has not, both ways. */
export function profileDiff(a: string, b: string): { added: Flag[]; removed: Flag[] } {
  const fa = new Set(profile(a).flags), fb = new Set(profile(b).flags);
  return { added: [...fb].filter((f) => !fa.has(f)), removed: [...fa].filter((f) => !fb.has(f)) };
}
