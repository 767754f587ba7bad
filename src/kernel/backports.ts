/**
 * Which of the model's flags the stable/LTS branches took, and at which sublevel. A profile stands
 * for a release (v5.10 is 5.10.0); most users run a stable kernel (5.10.150), which may have a fix
 * its profile lacks (a false alarm for them) or lack a behaviour the profile has (a revert). This
 * is said, never modelled: no profile, step or verdict reads it (`probecheck profiles vX` lists it,
 * from-log and validate say it where a log's version line is past a backport: release.ts).
 *
 * A flag with no entry for a branch was not checked there; `taken: false` is checked and not taken
 * (`indirect`: by a record about other branches only). A branch that took a flag's change and then
 * its undoing has the list of its changes, by sublevel (UEVENT_SHOW_LOCKED in 6.6.y: on, off, on,
 * off): a kernel's state is the last change at or before its sublevel. A review posting ("[PATCH 5.10 293/545]" of
 * the 5.10.137-rc1 series) alone does not give the release: a patch may be dropped from its series;
 * each sublevel here is a release's (its announcement, or a stable-rc push ending at its "Linux
 * X.Y.Z" commit) but for ASYNC_AFTER_UNLOCK's, which are OSV's. No released tree was read.
 */
import { FLAGS, type Flag } from './profiles.js';

/** The stable branches of the LTS bases the profiles cover, each checked at the profile of its base (4.19.y at v4.19: release.ts profileFor). */
export const LTS_BRANCHES = ['4.14.y', '4.19.y', '5.4.y', '5.10.y', '5.15.y', '6.1.y', '6.6.y', '6.12.y'] as const;
export type Branch = (typeof LTS_BRANCHES)[number];

export type Backport =
  /**
   * The branch has the flag's change from this sublevel on: `adds` the flag's behaviour, or
   * `removes` it (a revert taken, `commit` its own). `subject`: `commit`'s own, where the flag's
   * record does not give it (a revert of a flag whose subject describes the behaviour, or a later
   * change that ends the behaviour without reverting it: 0254127ab977 ends MODULE_LOAD_WAITS_GOING).
   */
  | { taken: true; sublevel: number; change: 'adds' | 'removes'; how: string; commit?: string; subject?: string }
  /** Checked, and the branch did not take it (as of what `how` read); `indirect`: no posting or tree of the branch says so, only a record about other branches. */
  | { taken: false; how: string; indirect?: true };

/** A change a branch took. */
export type Change = Extract<Backport, { taken: true }>;

/**
 * Flags that change only a name in the trace (sysfs-bind.ts: kernfs_fop_write_iter for
 * kernfs_fop_write, "a name only"): no verdict rests on them, so a log past their backport is not
 * warned of; `probecheck profiles` still lists them.
 */
export const NAME_ONLY: ReadonlySet<Flag> = new Set<Flag>(['KERNFS_WRITE_ITER']);

// How each is known, re-read 2026-12-07 (s44 h6) with find_string/read_file unless said otherwise:
// a release announcement ("Linux 5.10.137", gregkh's mail whose shortlog lists the patch) or a
// kernel.org push of linux-stable-rc whose revlist ends at the "Linux X.Y.Z" commit is the
// released sublevel; a review posting alone is the -rc1 series, which may drop a patch.
const POSTING = (series: string, patch: string, date: string, quote: string) => `stable review posting "${patch}" of ${date}, in the ${series} review series (its cover letter's message id in the patch's References), "${quote}"`;
const RELEASE = (version: string, date: string) => `the "Linux ${version}" release announcement of ${date} lists it in its shortlog`;
const QUEUE = (branch: string, date: string, id: string, version: string) => `kernel.org's post-receive mail of ${date} for linux-stable-rc queue/${branch} lists ${id} before the "Linux ${version}" commit`;
const REVERT = 'Revert "module, async: async_synchronize_full() on module init iff async is used"';
const GOING = "module: Don't wait for GOING modules";
const EEXIST = 'kernel/module.c: Only return -EEXIST for modules that have finished loading';
const UNLOAD_WAKE = 'kernel/module.c: wakeup processes in module_wq on module unload';
const UEVENT_LOCK = 'drivers: core: synchronize really_probe() and dev_uevent()';
const UEVENT_RCU = 'driver core: Fix uevent_show() vs driver detach race';
const UEVENT_RCU_REVERT = `Revert "${UEVENT_RCU}"`;
const READY = "driver core: Don't let a device probe until it's ready";

/** One backport, or where a branch took a flag's change and its undoing, each change in order of sublevel (on, off, on again). */
export const BACKPORTS: Partial<Record<Flag, Partial<Record<Branch, Backport | Change[]>>>> = {
  DRIVER_ATTACH_ASYNC_AFTER_UNLOCK: {
    '5.10.y': { taken: true, sublevel: 137, change: 'adds', how: `${RELEASE('5.10.137', '2022-08-21')}; ` + POSTING('5.10.137-rc1', '[PATCH 5.10 293/545] driver core: fix potential deadlock in __driver_attach', '2022-08-19', '[ Upstream commit 70fe758352cafdee72a7b13bf9db065f9613ced8 ]') + '; its hunk moves async_schedule_dev after device_unlock in __driver_attach (`if (async)`)' },
    '5.4.y': { taken: true, sublevel: 211, change: 'adds', how: `${RELEASE('5.4.211', '2022-08-25')}; kernel.org's post-receive mail of 2022-08-19 for linux-stable-rc linux-5.4.y lists d9937f1cd613 with that subject and ends at "Linux 5.4.211-rc1"; the 5.4.y posting not read` },
    '5.15.y': { taken: true, sublevel: 61, change: 'adds', how: `${RELEASE('5.15.61', '2022-08-17')} ("Zhang Wensheng (1): driver core: fix potential deadlock in __driver_attach"); the 5.15.y posting not read` },
  },
  ASYNC_AFTER_UNLOCK: {
    '5.4.y': { taken: true, sublevel: 198, change: 'adds', how: 'the OSV record of CVE-2022-49371 ("driver core: fix deadlock in __device_attach", b232b02bf3c2; kernel CNA data, published 2025-02-26): affected ">=4.2.0 <5.4.198"; GSD-2022-1003706: fixed in v5.4.198 by 593b595332bd; the posting "[PATCH 5.4 318/411] driver core: fix deadlock in __device_attach" of 2022-06-13 ("[ Upstream commit b232b02bf3c2... ]", async_schedule_dev after device_unlock in __device_attach) read; no 5.4.y tree read' },
    '5.10.y': { taken: true, sublevel: 122, change: 'adds', how: 'the OSV record of CVE-2022-49371: affected ">=5.5.0 <5.10.122"; GSD-2022-1003532: fixed in v5.10.122 by 36ee9ffca8ef; no 5.10.y posting or tree read' },
    '5.15.y': { taken: true, sublevel: 47, change: 'adds', how: 'the OSV record of CVE-2022-49371: affected ">=5.11.0 <5.15.47"; the 5.15 stable posting "[PATCH 5.15 065/247] driver core: fix deadlock in __device_attach" of 2022-06-13 ("[ Upstream commit b232b02bf3c2... ]", async_schedule_dev after device_unlock in __device_attach) read, its series\' release not' },
    // Weak: the record is of the kernel CNA, published after both branches' end; it gives every
    // 4.x from 4.2.0 as affected, which says no fix was recorded there, not that a tree was read.
    '4.19.y': { taken: false, indirect: true, how: 'the OSV record of CVE-2022-49371 (kernel CNA data, published 2025-02-26, after 4.19.y\'s end) lists ">=4.2.0 <5.4.198" as affected and no 4.19.y fix; the index holds the 5.4, 5.15 and 5.18 postings of b232b02bf3c2 of 2022-06-13 and no 4.19 one; no 4.19.y dd.c of a late sublevel read (4.19.y\'s __device_attach calls async_schedule, not async_schedule_dev, under device_lock: kernel/v4.19.y)' },
    '4.14.y': { taken: false, indirect: true, how: 'the OSV record of CVE-2022-49371 (kernel CNA data, published 2025-02-26, after 4.14.y\'s end) lists ">=4.2.0 <5.4.198" as affected and no 4.14.y fix; no 4.14 posting found; no 4.14.y dd.c read' },
  },
  TIMEOUT_WALK_LOCKED: {
    '5.10.y': { taken: true, sublevel: 30, change: 'adds', how: `${QUEUE('5.10', '2021-04-14', '0c47d8a55f7f "driver core: Fix locking bug in deferred_probe_timeout_work_func()"', '5.10.30')} (1e798745fa8e, the commit a test report of that day names "Linux 5.10.30"); ` + POSTING('5.10.30-rc1', '[PATCH 5.10 077/188] driver core: Fix locking bug in deferred_probe_timeout_work_func()', '2021-04-12', 'commit eed6e41813deb9ee622cd9242341f21430d7789f upstream') },
    '5.4.y': { taken: true, sublevel: 113, change: 'adds', how: `${RELEASE('5.4.113', '2021-04-16')}; ` + POSTING('5.4.113-rc1', '[PATCH 5.4 14/18] driver core: Fix locking bug in deferred_probe_timeout_work_func()', '2021-04-15', 'commit eed6e41813deb9ee622cd9242341f21430d7789f upstream') },
    '4.19.y': { taken: true, sublevel: 188, change: 'adds', how: 'the "4.19.188-rt77" announcement of 2021-04-16 ("a merge of the v4.19.188 stable release") lists it, and CIP\'s linux-4.19.y-cip-rebase push of 2021-04-25 lists f59a6ec295a5 with that subject between "Linux 4.19.187" and "Linux 4.19.188"; ' + POSTING('4.19.188-rc1', '[PATCH 4.19 11/13] driver core: Fix locking bug in deferred_probe_timeout_work_func()', '2021-04-15', 'commit eed6e41813deb9ee622cd9242341f21430d7789f upstream') },
  },
  // The revert 67d6212afda2 (v5.17-rc3): every LTS branch the profiles cover took it in the releases of 2022-02-23.
  MODULE_SYNC_PF_USED_ASYNC: {
    '4.14.y': { taken: true, sublevel: 268, change: 'removes', commit: '67d6212afda2', how: `${QUEUE('4.14', '2022-02-23', `2e5ed753c908 ${REVERT}`, '4.14.268')}; ` + POSTING('4.14.268-rc1', `[PATCH 4.14 14/45] ${REVERT}`, '2022-02-21', '[ Upstream commit 67d6212afda218d564890d1674bab28e8612170f ]') + '; its hunks drop PF_USED_ASYNC from kernel/async.c and do_init_module, which then syncs unless async_probe_requested' },
    '4.19.y': { taken: true, sublevel: 231, change: 'removes', commit: '67d6212afda2', how: `${RELEASE('4.19.231', '2022-02-23')} ("Igor Pylypiv (1): ${REVERT}"); the 4.19.y posting not read` },
    '5.4.y': { taken: true, sublevel: 181, change: 'removes', commit: '67d6212afda2', how: `${RELEASE('5.4.181', '2022-02-23')} ("Igor Pylypiv (1): ${REVERT}"); the 5.4.y posting not read` },
    '5.10.y': { taken: true, sublevel: 102, change: 'removes', commit: '67d6212afda2', how: `${RELEASE('5.10.102', '2022-02-23')} ("Igor Pylypiv (1): ${REVERT}"); the AUTOSEL posting "[PATCH AUTOSEL 5.10 25/27]" of 2022-02-09 ("[ Upstream commit 67d6212afda2... ]") read` },
    '5.15.y': { taken: true, sublevel: 25, change: 'removes', commit: '67d6212afda2', how: `${QUEUE('5.15', '2022-02-23', `0a01326fddf6 ${REVERT}`, '5.15.25')} (1e7beca28299); no 5.15.y posting or announcement read` },
  },
  KERNFS_WRITE_ITER: {
    '5.10.y': { taken: true, sublevel: 11, change: 'adds', how: `${RELEASE('5.10.11', '2021-01-27')} ("Christoph Hellwig (6): ... kernfs: implement ->write_iter", with ->read_iter and the splice hooks); ` + POSTING('5.10.11-rc1', '[PATCH 5.10 197/199] kernfs: implement ->write_iter', '2021-01-25', 'commit cc099e0b399889c6485c88368b19824b087c9f8c upstream') },
  },
  // 4.19.112 took Rafael J. Wysocki's five link patches together (and Yong Wu's "Remove the link if there is no driver with AUTO flag"); the two the model has flags for:
  LINKS_NO_DRIVER_DORMANT: {
    '4.19.y': { taken: true, sublevel: 112, change: 'adds', how: `${RELEASE('4.19.112', '2020-03-21')} ("Rafael J. Wysocki (5): driver core: Fix adding device links to probing suppliers; ..."); ` + POSTING('4.19.112-rc1', '[PATCH 4.19 37/48] driver core: Fix adding device links to probing suppliers', '2020-03-19', 'commit 15cfb0941603 upstream, by the flag\'s record') },
  },
  AUTOPROBE_CONSUMER: {
    '4.19.y': { taken: true, sublevel: 112, change: 'adds', subject: 'driver core: Add device link flag DL_FLAG_AUTOPROBE_CONSUMER', how: `${RELEASE('4.19.112', '2020-03-21')} ("Rafael J. Wysocki (5): ... driver core: Add device link flag DL_FLAG_AUTOPROBE_CONSUMER; ..."); its 4.19-stable posting of 2020-03-19 quoted by the flag's record (FLAGS.AUTOPROBE_CONSUMER.commit), not re-read` },
  },
  // 3451a495ef24 (v5.1) and kill_device (00289cd87676, v5.3) went to 4.19.y together, in 4.19.66,
  // with libnvdimm's duplicate-unregister fix that needs them; 654888327e9f ("Cc: stable # v5.1+")
  // followed into 4.19.y and 5.4.y (found 2026-12-07, s44 h11). The 4.19.y dead flag is v5.1's
  // without the per-device async attach 4.19 lacks: device_del sets it under device_lock, and
  // __device_attach_async_helper and __driver_attach test it under that lock.
  DEAD_FLAG: {
    '4.19.y': { taken: true, sublevel: 66, change: 'adds', how: `${RELEASE('4.19.66', '2019-08-09')} ("Alexander Duyck (1): driver core: Establish order of operations for device_add and device_del via bitflag"); ` + POSTING('4.19.66-rc1', '[PATCH 4.19 03/45] driver core: Establish order of operations for device_add and device_del via bitflag', '2019-08-08', 'commit 3451a495ef244a88ed6317a035299d835554d579 upstream') + ', read whole: device_del sets `dev->p->dead = true` between device_lock and device_unlock first; __device_attach_async_helper returns at `if (dev->p->dead || dev->driver)` under device_lock; __driver_attach probes only `if (!dev->p->dead && !dev->driver)`' },
  },
  KILL_DEVICE: {
    '4.19.y': { taken: true, sublevel: 66, change: 'adds', how: `${RELEASE('4.19.66', '2019-08-09')} ("Dan Williams (5): drivers/base: Introduce kill_device(); libnvdimm/bus: Prevent duplicate device_unregister() calls; ..."), after DEAD_FLAG's backport in the same release; the 4.19.y posting not read` },
  },
  // 3451a495ef24 is the change that removed the test (its 4.19.66 posting's hunk, DEAD_FLAG's entry).
  // Warned of, unlike a NAME_ONLY flag: the model reaches its -EBUSY (sysfs-bind race=async and
  // module-async variant=flush at v4.2 .. v5.0, s44 h14), though no bundled verdict moves without it.
  ATTACH_DRIVER_EBUSY: {
    '4.19.y': { taken: true, sublevel: 66, change: 'removes', commit: '3451a495ef24', subject: 'driver core: Establish order of operations for device_add and device_del via bitflag', how: `${RELEASE('4.19.66', '2019-08-09')}; the "[PATCH 4.19 03/45]" posting of 2019-08-08 (DEAD_FLAG's entry) deletes \`if (dev->driver) return -EBUSY;\` from __device_attach_driver and tests dev->driver in __device_attach_async_helper instead` },
  },
  ATTACH_DEAD_CHECK: {
    '5.4.y': { taken: true, sublevel: 60, change: 'adds', how: `${RELEASE('5.4.60', '2020-08-21')} ("Lukas Wunner (1): driver core: Avoid binding drivers to dead devices"); ` + POSTING('5.4.60-rc1', '[PATCH 5.4 048/152] driver core: Avoid binding drivers to dead devices', '2020-08-20', 'commit 654888327e9f655a9d55ad477a9583e90e8c9b5c upstream') + ', read whole: __device_attach tests `if (dev->p->dead) { goto out_unlock; } else if (dev->driver) {` under device_lock; the patch 654888327e9f builds it on v5.4' },
    '4.19.y': { taken: true, sublevel: 141, change: 'adds', how: `${RELEASE('4.19.141', '2020-08-21')} ("Lukas Wunner (1): driver core: Avoid binding drivers to dead devices"; drivers/base/dd.c 4 lines in its diffstat), onto 4.19.66's dead flag (DEAD_FLAG's entry); the 4.19.141-rc1 review's shortlog of 2020-08-20 lists it too; the 4.19.y posting not read` },
  },
  // 0254127ab977 (v6.2, Cc: stable) is one change with two flags: finished_loading counts a GOING
  // module as finished (the end of MODULE_LOAD_WAITS_GOING) and a load woken on module_wq looks the
  // module up once, -EEXIST or -EBUSY (MODULE_WAIT_ONCE), as the v6.2 profile takes it. Re-read
  // 2026-12-07 (s44 h9). 4.14.y took it at 4.14.305; its posting's context lines are 6e6de3dee51a's
  // (finished_loading `!mod || mod->state == MODULE_STATE_LIVE`, add_unformed_module waiting on any
  // namesake not LIVE, then `goto again`), which 4.14.y took at 4.14.137 and 4.19.y at 4.19.65
  // (release announcements, s50 h12: MODULE_LOAD_WAITS_GOING's entries). 4.19.y took 0254127ab977 at
  // 4.19.272 ("Linux 4.19.272" of 2023-02-06, re-read by s44 h13 and s50 h12); no 4.19 posting is in
  // the index (s48 h19: find_string of the postings' subject, "module: Dont wait for GOING modules",
  // finds the 4.14, 5.4, 5.10 and 6.1 ones only; s50 h12: the subject with its apostrophe finds
  // stable-rc revlists only), so its hunks are taken to be 4.14.305's (the same 26 lines of
  // kernel/module.c in both diffstats, on the same 6e6de3dee51a code), not read.
  MODULE_WAIT_ONCE: {
    '4.14.y': { taken: true, sublevel: 305, change: 'adds', commit: '0254127ab977', subject: GOING, how: `${RELEASE('4.14.305', '2023-02-06')} (Message-Id <16756683924720@kroah.com>: "Petr Pavlu (1): ${GOING}"; kernel/module.c 26 lines in its diffstat); ` + POSTING('4.14.305-rc1', '[PATCH 4.14 26/62] module: Dont wait for GOING modules', '2023-02-03', 'commit 0254127ab977e70798707a7a2b757c9f3c971210 upstream') + ', read whole: finished_loading also counts MODULE_STATE_GOING as finished, and add_unformed_module waits only for a COMING or UNFORMED namesake, looks it up again once woken (no `goto again`) and returns -EEXIST if it is LIVE, else -EBUSY' },
    '6.1.y': { taken: true, sublevel: 9, change: 'adds', commit: '0254127ab977', subject: GOING, how: `${RELEASE('6.1.9', '2023-02-01')} ("Petr Pavlu (1): ${GOING}"); ` + POSTING('6.1.9-rc1', '[PATCH 6.1 210/313] module: Dont wait for GOING modules', '2023-01-30', 'commit 0254127ab977e70798707a7a2b757c9f3c971210 upstream') + '; its hunks: finished_loading also counts MODULE_STATE_GOING as finished, and add_unformed_module, woken, looks the module up again (no `goto again`) and returns -EEXIST if it is LIVE, else -EBUSY' },
    '5.15.y': { taken: true, sublevel: 91, change: 'adds', commit: '0254127ab977', subject: GOING, how: `${RELEASE('5.15.91', '2023-02-01')} ("Petr Pavlu (1): ${GOING}"); kernel.org's post-receive mail of 2023-01-30 for linux-stable-rc linux-5.15.y lists 8020f7fbec22 with that subject and ends at "Linux 5.15.91-rc1"; the 5.15.y posting not read` },
    '5.10.y': { taken: true, sublevel: 166, change: 'adds', commit: '0254127ab977', subject: GOING, how: `${RELEASE('5.10.166', '2023-02-01')} ("Petr Pavlu (1): ${GOING}"); the 5.10.y posting not read` },
    '5.4.y': { taken: true, sublevel: 231, change: 'adds', commit: '0254127ab977', subject: GOING, how: `${RELEASE('5.4.231', '2023-02-06')} ("Petr Pavlu (1): ${GOING}"); the 5.4.y posting not read` },
    '4.19.y': { taken: true, sublevel: 272, change: 'adds', commit: '0254127ab977', subject: GOING, how: `${RELEASE('4.19.272', '2023-02-06')} (Message-Id <16756683972392@kroah.com>: "Petr Pavlu (1): ${GOING}"; kernel/module.c 26 lines in its diffstat, as in 4.14.305's, whose posting was read whole), onto 4.19.65's 6e6de3dee51a (MODULE_LOAD_WAITS_GOING's entry); no 4.19.y posting or tree read: the hunks are taken to be 4.14.305's` },
  },
  // 5d603311615f (v5.5; Fixes: 6e6de3dee51a): delete_module wakes module_wq after free_module. In
  // 4.19.y it ends the sleep of a load in free_module's UNFORMED window (v4.19 builds that hang, s45
  // h9), in 5.4.y the sleep on a GOING module too (v5.4). Read 2026-12-07 (s45 h10); 4.14.y by s48 h19.
  MODULE_WQ_UNLOAD_WAKE: {
    '4.14.y': { taken: true, sublevel: 159, change: 'adds', subject: UNLOAD_WAKE, how: `${RELEASE('4.14.159', '2019-12-17')} (Message-ID <20191217204153.GA4153250@kroah.com>: "Konstantin Khorenko (1): kernel/module.c: wakeup processes in module_wq on module unload"; kernel/module.c, 2 lines, in its diffstat); the 4.14.y posting not read (the 4.4 and 4.9 ones of 2019-12-19 quote its "Fixes: 6e6de3dee51a")` },
    '4.19.y': { taken: true, sublevel: 90, change: 'adds', subject: UNLOAD_WAKE, how: `${RELEASE('4.19.90', '2019-12-17')} ("Konstantin Khorenko (1): kernel/module.c: wakeup processes in module_wq on module unload"; kernel/module.c, 2 lines, in its diffstat); the 4.19.y posting not read` },
    '5.4.y': { taken: true, sublevel: 9, change: 'adds', subject: UNLOAD_WAKE, how: `${RELEASE('5.4.9', '2020-01-09')}; ` + POSTING('5.4.9-rc1', '[PATCH 5.4 141/191] kernel/module.c: wakeup processes in module_wq on module unload', '2020-01-07', 'commit 5d603311615f612320bb77bd2a82553ef1ced5b7 upstream') + ', read whole: `wake_up_all(&module_wq);` after `free_module(mod);` in delete_module' },
  },
  // 6e6de3dee51a (v5.3) into 4.14.y and 4.19.y (s50 h12): the release announcements of 2019-08-06,
  // each listing "Prarit Bhargava (1): kernel/module.c: Only return -EEXIST for modules that have
  // finished loading" (kernel/module.c 6 lines in each diffstat; 4.4.188 of that day too); ended by
  // 0254127ab977 as in the newer branches. Neither branch's 6e6de3dee51a hunk was read; 4.14.305's
  // posting shows its code as context (MODULE_WAIT_ONCE's entry).
  MODULE_LOAD_WAITS_GOING: {
    '4.14.y': [
      { taken: true, sublevel: 137, change: 'adds', subject: EEXIST, how: `${RELEASE('4.14.137', '2019-08-06')} (Message-ID <20190806184218.GA27725@kroah.com>: "Prarit Bhargava (1): ${EEXIST}"; kernel/module.c 6 lines in its diffstat); no 4.14.y posting or tree read; the "[PATCH 4.14 26/62]" posting of 0254127ab977 (2023-02-03) has its finished_loading and wait as context lines` },
      { taken: true, sublevel: 305, change: 'removes', commit: '0254127ab977', subject: GOING, how: `${RELEASE('4.14.305', '2023-02-06')}; the "[PATCH 4.14 26/62]" posting of 2023-02-03, read whole, makes finished_loading count MODULE_STATE_GOING as finished (MODULE_WAIT_ONCE's entry)` },
    ],
    '4.19.y': [
      { taken: true, sublevel: 65, change: 'adds', subject: EEXIST, how: `${RELEASE('4.19.65', '2019-08-06')} (Message-ID <20190806184240.GA27858@kroah.com>: "Prarit Bhargava (1): ${EEXIST}"; kernel/module.c 6 lines in its diffstat, as in 4.14.137's); no 4.19.y posting or tree read` },
      { taken: true, sublevel: 272, change: 'removes', commit: '0254127ab977', subject: GOING, how: `${RELEASE('4.19.272', '2023-02-06')} (MODULE_WAIT_ONCE's entry; the 4.19.y hunk not read)` },
    ],
    '6.1.y': { taken: true, sublevel: 9, change: 'removes', commit: '0254127ab977', subject: GOING, how: `${RELEASE('6.1.9', '2023-02-01')}; the "[PATCH 6.1 210/313]" posting of 2023-01-30 makes finished_loading \`!mod || LIVE || GOING\` (MODULE_WAIT_ONCE's entry)` },
    '5.15.y': { taken: true, sublevel: 91, change: 'removes', commit: '0254127ab977', subject: GOING, how: `${RELEASE('5.15.91', '2023-02-01')} (MODULE_WAIT_ONCE's entry; the 5.15.y hunk not read)` },
    '5.10.y': { taken: true, sublevel: 166, change: 'removes', commit: '0254127ab977', subject: GOING, how: `${RELEASE('5.10.166', '2023-02-01')} (MODULE_WAIT_ONCE's entry; the 5.10.y hunk not read)` },
    '5.4.y': { taken: true, sublevel: 231, change: 'removes', commit: '0254127ab977', subject: GOING, how: `${RELEASE('5.4.231', '2023-02-06')} (MODULE_WAIT_ONCE's entry; the 5.4.y hunk not read)` },
  },
  // uevent_show's device_lock, on and off (s44 h14, 2026-12-07; every sublevel below is a release
  // announcement's, whose shortlog lists the change, found with find_string): c0a40097f0bc (v6.10)
  // adds it; 15fffc6a5624 (15fffc6a5624b13b428bb1c6e9088e32a55eb82c, v6.11, "driver core: Fix
  // uevent_show() vs driver detach race") reads dev->driver under RCU instead (the flag's end);
  // its revert 9a71892cbcdb (9a71892cbcdb9d1459c84f5a4c722b14354158a5, driver-core-6.12-rc6) puts
  // the lock back; dc1771f71854 (dc1771f718548f7d4b93991b174c6e7b5e1ba410, v6.15-rc4, Dmitry
  // Torokhov, with 18daa52418e7: UEVENT_SINGLE_READ) reverts c0a40097f0bc. The older branches took
  // the first three too (entered by s44 h18 but for 5.10.y, below).
  UEVENT_SHOW_LOCKED: {
    // 4.19.y, 5.4.y and 5.15.y (s44 h18, 2026-12-07): each change's release announcement, its
    // shortlog read at the line (find_string/read_file); dc1771f71854 found in none of them (h14's
    // search: 6.6.89, 6.12.26, 6.14.5 only), so each ends with the lock, NOT verified in a tree
    // (4.19.y ended at 4.19.325, before dc1771f71854; 5.4.y, 5.10.y and 5.15.y may have taken it later).
    // 5.10.y (s48 h19, 2026-12-07): 15fffc6a5624's 5.10.y release is 5.10.224 by kernel.org's
    // linux-stable push of that release (its announcement is not in the index), read below.
    '4.19.y': [
      { taken: true, sublevel: 317, change: 'adds', subject: UEVENT_LOCK, how: `${RELEASE('4.19.317', '2024-07-05')} (Message-ID <2024070553-tannery-resident-d82a@gregkh>: "Dirk Behme (1): drivers: core: synchronize really_probe() and dev_uevent()"); no 4.19.y posting or tree read` },
      { taken: true, sublevel: 320, change: 'removes', commit: '15fffc6a5624', subject: UEVENT_RCU, how: `${RELEASE('4.19.320', '2024-08-19')} (Message-ID <2024081929-scoreless-cedar-6ad7@gregkh>: "Dan Williams (1): ${UEVENT_RCU}"); kernel.org's linux-stable-rc push ending at "Linux 4.19.320-rc1" lists e149984df9f6 with that subject` },
      { taken: true, sublevel: 323, change: 'adds', commit: '9a71892cbcdb', subject: UEVENT_RCU_REVERT, how: `${RELEASE('4.19.323', '2024-11-08')} (Message-ID <2024110809-unbalance-erupt-8ba5@gregkh>: "Greg Kroah-Hartman (2): ${UEVENT_RCU_REVERT}; Linux 4.19.323"); the posting "[PATCH 4.19 342/350]" of 2024-11-06 seen; dc1771f71854 came after 4.19.y's end` },
    ],
    '5.4.y': [
      { taken: true, sublevel: 279, change: 'adds', subject: UEVENT_LOCK, how: `${RELEASE('5.4.279', '2024-07-05')} (Message-ID <2024070510-superbowl-bony-e5ce@gregkh>: "Dirk Behme (1): drivers: core: synchronize really_probe() and dev_uevent()"); the posting "[PATCH 5.4 066/189]" of 2024-07-03 seen, not read` },
      { taken: true, sublevel: 282, change: 'removes', commit: '15fffc6a5624', subject: UEVENT_RCU, how: `${RELEASE('5.4.282', '2024-08-19')} (Message-ID <2024081936-letdown-cringing-5b0b@gregkh>: "Dan Williams (1): ${UEVENT_RCU}"); no 5.4.y posting or tree read` },
      { taken: true, sublevel: 285, change: 'adds', commit: '9a71892cbcdb', subject: UEVENT_RCU_REVERT, how: `${RELEASE('5.4.285', '2024-11-08')} (Message-ID <2024110816-resident-stellar-1e7f@gregkh>: "Greg Kroah-Hartman (2): ${UEVENT_RCU_REVERT}; Linux 5.4.285"); dc1771f71854 not found in any 5.4.y announcement in the index` },
    ],
    '5.15.y': [
      { taken: true, sublevel: 162, change: 'adds', subject: UEVENT_LOCK, how: `${RELEASE('5.15.162', '2024-07-05')} (Message-ID <2024070536-regulator-thriving-2390@gregkh>: "Dirk Behme (1): drivers: core: synchronize really_probe() and dev_uevent()"; drivers/base/core.c 3 lines in its diffstat); no 5.15.y posting or tree read` },
      { taken: true, sublevel: 165, change: 'removes', commit: '15fffc6a5624', subject: UEVENT_RCU, how: `${RELEASE('5.15.165', '2024-08-19')} (Message-ID <2024081951-swab-polio-dc69@gregkh>: "Dan Williams (1): ${UEVENT_RCU}"); no 5.15.y posting or tree read` },
      { taken: true, sublevel: 171, change: 'adds', commit: '9a71892cbcdb', subject: UEVENT_RCU_REVERT, how: `${RELEASE('5.15.171', '2024-11-08')} (Message-ID <2024110829-sibling-charter-755e@gregkh>: "Greg Kroah-Hartman (2): ${UEVENT_RCU_REVERT}; Linux 5.15.171"); dc1771f71854 not found in any 5.15.y announcement in the index` },
    ],
    '5.10.y': [
      { taken: true, sublevel: 221, change: 'adds', subject: UEVENT_LOCK, how: `${RELEASE('5.10.221', '2024-07-05')} (Message-ID <2024070528-easily-guru-a612@gregkh>: "Dirk Behme (1): drivers: core: synchronize really_probe() and dev_uevent()"; drivers/base/core.c 3 lines in its diffstat); no 5.10.y posting or tree read` },
      { taken: true, sublevel: 224, change: 'removes', commit: '15fffc6a5624', subject: UEVENT_RCU, how: `kernel.org's post-receive mail of 2024-08-19 (<172403905663.14964.15414210501830258405@gitolite.kernel.org>) for linux-stable linux-5.10.y, from b15dc4170c63 ("Linux 5.10.223") to b2add7c50b5b ("Linux 5.10.224"), lists f098e8fc7227 with that subject; the linux-stable-rc push of 2024-08-16 ending at "Linux 5.10.224-rc2" lists 05cea36c29c2 with it; the "Linux 5.10.224" announcement is not in the index; no 5.10.y posting or tree read` },
      { taken: true, sublevel: 229, change: 'adds', commit: '9a71892cbcdb', subject: UEVENT_RCU_REVERT, how: `${RELEASE('5.10.229', '2024-11-08')} (Message-ID <2024110823-reprimand-undaunted-11c0@gregkh>: "Greg Kroah-Hartman (2): ${UEVENT_RCU_REVERT}; Linux 5.10.229"; drivers/base/core.c 13 lines in its diffstat); dc1771f71854 not found in any 5.10.y announcement in the index` },
    ],
    '6.12.y': { taken: true, sublevel: 26, change: 'removes', commit: 'dc1771f71854', subject: 'Revert "drivers: core: synchronize really_probe() and dev_uevent()"', how: `${RELEASE('6.12.26', '2025-05-02')} ("Dmitry Torokhov (3): Revert "drivers: core: synchronize really_probe() and dev_uevent()"; driver core: introduce device_set_driver() helper; driver core: fix potential NULL pointer dereference in dev_uevent()"); no 6.12.y posting or tree read` },
    '6.6.y': [
      { taken: true, sublevel: 35, change: 'adds', subject: UEVENT_LOCK, how: `${RELEASE('6.6.35', '2024-06-21')} ("Dirk Behme (1): drivers: core: synchronize really_probe() and dev_uevent()"); no 6.6.y posting or tree read` },
      { taken: true, sublevel: 46, change: 'removes', commit: '15fffc6a5624', subject: UEVENT_RCU, how: `${RELEASE('6.6.46', '2024-08-14')} ("Dan Williams (1): ${UEVENT_RCU}"); no 6.6.y posting or tree read` },
      { taken: true, sublevel: 60, change: 'adds', commit: '9a71892cbcdb', subject: UEVENT_RCU_REVERT, how: `${RELEASE('6.6.60', '2024-11-08')} ("Greg Kroah-Hartman (2): ${UEVENT_RCU_REVERT}; Linux 6.6.60"); the 6.6.y posting not read (the 4.19, 5.4 and 5.15 ones say "commit 9a71892cbcdb9d1459c84f5a4c722b14354158a5 upstream")` },
      { taken: true, sublevel: 89, change: 'removes', commit: 'dc1771f71854', subject: 'Revert "drivers: core: synchronize really_probe() and dev_uevent()"', how: `${RELEASE('6.6.89', '2025-05-02')} ("Dmitry Torokhov (3): Revert "drivers: core: synchronize really_probe() and dev_uevent()"; driver core: introduce device_set_driver() helper; ..."); the posting "[PATCH 6.6 190/204]" of 2025-04-29 seen, not read; kernel.org's post-receive mail of 2025-05-02 for linux-stable linux-6.6.y lists d29c2d53357f with that subject` },
    ],
    // 6.1.y ends with the lock: "Linux 6.1.136" (2025-05-02, the release that took dc1771f71854
    // into 6.6.89, 6.12.26 and 6.14.5) does not list it, and no later 6.1.y announcement in the
    // index does (find_string of its shortlog line: 6.6.89, 6.12.26, 6.14.5 only); not verified in
    // a 6.1.y tree: a later 6.1.y may have taken it.
    '6.1.y': [
      { taken: true, sublevel: 95, change: 'adds', subject: UEVENT_LOCK, how: `${RELEASE('6.1.95', '2024-06-21')} ("Dirk Behme (1): drivers: core: synchronize really_probe() and dev_uevent()"); no 6.1.y posting or tree read` },
      { taken: true, sublevel: 105, change: 'removes', commit: '15fffc6a5624', subject: UEVENT_RCU, how: `${RELEASE('6.1.105', '2024-08-14')} ("Dan Williams (1): ${UEVENT_RCU}"); no 6.1.y posting or tree read` },
      { taken: true, sublevel: 116, change: 'adds', commit: '9a71892cbcdb', subject: UEVENT_RCU_REVERT, how: `${RELEASE('6.1.116', '2024-11-08')} ("Greg Kroah-Hartman (2): ${UEVENT_RCU_REVERT}; Linux 6.1.116"); its revert dc1771f71854 not found in 6.1.y: "Linux 6.1.136" (2025-05-02) does not list it, nor does any later 6.1.y announcement in the index` },
    ],
  },
  UEVENT_SINGLE_READ: {
    '6.12.y': { taken: true, sublevel: 26, change: 'adds', how: `${RELEASE('6.12.26', '2025-05-02')} (with the revert of UEVENT_SHOW_LOCKED: its entry); no 6.12.y posting or tree read` },
    '6.6.y': { taken: true, sublevel: 89, change: 'adds', how: `${RELEASE('6.6.89', '2025-05-02')} ("Dmitry Torokhov (3): Revert "drivers: core: synchronize really_probe() and dev_uevent()"; driver core: introduce device_set_driver() helper; driver core: fix potential NULL pointer dereference in dev_uevent()"); no 6.6.y posting or tree read` },
  },
  // a2225b6e834a (v7.1-rc1, Cc: stable; s50 h12, 2026-12-07): each sublevel is the release
  // announcement whose shortlog lists it (find_string on its subject, the announcement read at its
  // Subject and shortlog), with its follow-up 5b484311507b ("driver core: Add kernel-doc for
  // DEV_FLAG_COUNT enum value") in the same release. 6.18.27 (2026-05-07) took it too, a branch no
  // profile covers. 5.4.y and older had ended before v7.1-rc1: no posting for them was found, not
  // entered. No stable tree's dd.c or core.c was read: the hunks are the postings' (FLAGS.READY_TO_PROBE).
  READY_TO_PROBE: {
    '6.12.y': { taken: true, sublevel: 86, change: 'adds', subject: READY, how: `${RELEASE('6.12.86', '2026-05-07')} (Message-ID <2026050759-overcast-muscular-ff7d@gregkh>: "Douglas Anderson (3): ${READY}; device property: Make modifications of fwnode "flags" thread safe; driver core: Add kernel-doc for DEV_FLAG_COUNT enum value"; drivers/base/core.c 39 and drivers/base/dd.c 20 lines in its diffstat); no 6.12.y posting or tree read` },
    '6.6.y': { taken: true, sublevel: 140, change: 'adds', subject: READY, how: `${RELEASE('6.6.140', '2026-05-17')} (Message-ID <2026051724-refinish-random-89f1@gregkh>: "Douglas Anderson (4): regset: use kvzalloc() for regset_get_alloc(); device property: ...; ${READY}; driver core: Add kernel-doc for DEV_FLAG_COUNT enum value"; core.c 39, dd.c 20 lines); the 6.6.140-rc1 review's pseudo-shortlog lists it too; the stable-rc push of 424646ebc13d (2026-05-12, linux-6.6.y) is FLAGS.READY_TO_PROBE's record, not re-read; Douglas Anderson's "[PATCH 6.6.y]" of 2026-04-27 seen, not read` },
    '6.1.y': { taken: true, sublevel: 175, change: 'adds', subject: READY, how: `${RELEASE('6.1.175', '2026-06-01')} (Message-ID <2026060139-demotion-likeness-bb81@gregkh>: "Douglas Anderson (4): regset: use kvzalloc() for regset_get_alloc(); device property: ...; ${READY}; driver core: Add kernel-doc for DEV_FLAG_COUNT enum value"; core.c 39, dd.c 20 lines); the 6.1.175-rc1 review's pseudo-shortlog lists it too; a release's shortlog is of the commits since the one before, so 31d075b972bf (the stable-rc push of 2026-05-15 after "Linux 6.1.173", FLAGS.READY_TO_PROBE's record) did not reach 6.1.174 (its announcement not read); the linux-stable-rc push of 2026-06-07 (from 02eba76b9117 to b60bed9ddaeb, linux-6.1.y, ending at "Linux 6.1.176-rc1") lists 2eb63502ebe0 with that subject amid a revlist that starts with older fixes; whether that is 6.1.175's own commit was not read (either way 6.1.y has it from 6.1.175)` },
    '5.15.y': { taken: true, sublevel: 209, change: 'adds', subject: READY, how: `${RELEASE('5.15.209', '2026-06-01')} (Message-ID <2026060133-province-amid-048a@gregkh>: "Douglas Anderson (3): device property: Make modifications of fwnode "flags" thread safe; ${READY}; driver core: Add kernel-doc for DEV_FLAG_COUNT enum value"; core.c 39, dd.c 20 lines); no 5.15.y posting or tree read` },
    '5.10.y': { taken: true, sublevel: 258, change: 'adds', subject: READY, how: `${RELEASE('5.10.258', '2026-06-01')} (Message-ID <2026060127-improper-both-c91d@gregkh>: "Douglas Anderson (2): ${READY}; driver core: Add kernel-doc for DEV_FLAG_COUNT enum value"; drivers/base/core.c 26 and drivers/base/dd.c 12 lines in its diffstat, fewer than the other branches': the 5.10.y hunks not read); no 5.10.y posting or tree read` },
  },
};

/** `5.10.150-foo` -> { branch: '5.10.y', sublevel: 150 }; undefined for a version with no sublevel or a branch not listed. */
export function stableOf(version: string | undefined): { branch: Branch; sublevel: number } | undefined {
  const m = version === undefined ? null : /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  const branch = m ? `${m[1]}.${m[2]}.y` : '';
  return m && (LTS_BRANCHES as readonly string[]).includes(branch) ? { branch: branch as Branch, sublevel: +m[3]! } : undefined;
}

/** The entries of one branch, flag by flag; a flag's list of changes gives one row each, in order. */
export function backportsInto(branch: Branch): { flag: Flag; b: Backport }[] {
  return (Object.entries(BACKPORTS) as [Flag, Partial<Record<Branch, Backport | Change[]>>][]).flatMap(([flag, by]) => [by[branch] ?? []].flat().map((b) => ({ flag, b })));
}

/**
 * The backports a kernel of `version` has that a model with `has` lacks (or reverts it has): per
 * flag, the kernel's state is its last change at or before the sublevel (a flag switched on and off
 * again in one branch), said where it differs from the model's, with that change's sublevel and
 * how it is known. Empty for a version before them or with no sublevel; a NAME_ONLY flag is left out.
 */
export function backportsPast(version: string | undefined, has: (f: Flag) => boolean): { flag: Flag; branch: Branch; sublevel: number; change: 'adds' | 'removes'; commit?: string; subject?: string; how: string }[] {
  const s = stableOf(version);
  if (!s) return [];
  const last = new Map<Flag, Change>();
  for (const { flag, b } of backportsInto(s.branch)) if (b.taken && b.sublevel <= s.sublevel) last.set(flag, b);
  return [...last].flatMap(([flag, b]) => (!NAME_ONLY.has(flag) && has(flag) === (b.change === 'removes') ? [{ flag, branch: s.branch, sublevel: b.sublevel, change: b.change, ...(b.commit ? { commit: b.commit } : {}), ...(b.subject ? { subject: b.subject } : {}), how: b.how }] : []));
}

/** A removal is a revert when its own subject says so, or when it has none of its own (then it is the revert of the flag's commit). */
const isRevert = (subject?: string) => subject === undefined || subject.startsWith('Revert "');

/** An add that reverts the flag's end (9a71892cbcdb puts UEVENT_SHOW_LOCKED back). */
const isRevertBack = (subject?: string) => subject?.startsWith('Revert "') === true;

/** How `probecheck profiles` says a taken change: taken (again, by a revert of its end), reverted, or ended (by a commit that is not a revert). */
export function changeVerb(change: 'adds' | 'removes', commit?: string, subject?: string): string {
  if (change === 'adds') return isRevertBack(subject) ? `taken again by ${commit}` : 'taken';
  return isRevert(subject) ? 'reverted' : `ended by ${commit}`;
}

/** `FLAG (commit, "subject")` for a note: the subject up to its first parenthesis; a revert says so, and a change that ends the flag without reverting it. */
export function backportName(flag: Flag, change: 'adds' | 'removes', commit?: string, subject?: string): string {
  const f = FLAGS[flag] as { commit: string; subject: string };
  const own = subject ?? f.subject.split(' (')[0]!;
  const id = commit ?? /^[0-9a-f]{12}/.exec(f.commit)?.[0] ?? f.commit;
  if (change === 'adds') return isRevertBack(subject) ? `${flag} (${id}, ${subject})` : `${flag} (${id}, "${own}")`;
  if (!isRevert(subject)) return `the end of ${flag} (${id}, "${own}")`;
  return `the revert of ${flag} (${id}, ${subject ?? `Revert "${own}"`})`;
}
