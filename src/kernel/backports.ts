/**
 * Which of the model's flags the stable/LTS branches took, and at which sublevel. A profile stands
 * for a release (v5.10 is 5.10.0); most users run a stable kernel (5.10.150), which may have a fix
 * its profile lacks (a false alarm for them) or lack a behaviour the profile has (a revert). This
 * is said, never modelled: no profile, step or verdict reads it (`probecheck profiles vX` lists it,
 * from-log and validate say it where a log's version line is past a backport: release.ts).
 *
 * A flag with no entry for a branch was not checked there; `taken: false` is checked and not taken.
 * A sublevel from a review posting ("[PATCH 5.10 293/545]" of the 5.10.137-rc1 series) is the
 * release that series became; the released tree itself was not read unless `how` says so.
 */
import { FLAGS, type Flag } from './profiles.js';

/** The stable branches of the LTS bases the profiles cover (4.19.y's logs are checked at v4.18: release.ts profileFor). */
export const LTS_BRANCHES = ['4.14.y', '4.19.y', '5.4.y', '5.10.y', '5.15.y', '6.1.y', '6.6.y', '6.12.y'] as const;
export type Branch = (typeof LTS_BRANCHES)[number];

export type Backport =
  /** The branch has the flag's change from this sublevel on: `adds` the flag's behaviour, or `removes` it (a revert taken, `commit` its own). */
  | { taken: true; sublevel: number; change: 'adds' | 'removes'; how: string; commit?: string }
  /** Checked, and the branch did not take it (as of what `how` read). */
  | { taken: false; how: string };

const POSTING = (series: string, patch: string, date: string, quote: string) => `stable review posting "${patch}" of ${date}, in the ${series} review series (its cover letter's message id in the patch's References), "${quote}"; the released tree not read`;

export const BACKPORTS: Partial<Record<Flag, Partial<Record<Branch, Backport>>>> = {
  DRIVER_ATTACH_ASYNC_AFTER_UNLOCK: {
    '5.10.y': { taken: true, sublevel: 137, change: 'adds', how: POSTING('5.10.137-rc1', '[PATCH 5.10 293/545] driver core: fix potential deadlock in __driver_attach', '2022-08-19', '[ Upstream commit 70fe758352cafdee72a7b13bf9db065f9613ced8 ]') + '; its hunk moves async_schedule_dev after device_unlock in __driver_attach (`if (async)`)' },
    '5.4.y': { taken: true, sublevel: 211, change: 'adds', how: 'kernel.org post-receive mail of 2022-08-19 for stable/linux-stable-rc refs/heads/linux-5.4.y: its revlist lists d9937f1cd613 "driver core: fix potential deadlock in __driver_attach" and ends at "Linux 5.4.211-rc1"; the 5.4.y posting and the released tree not read' },
  },
  ASYNC_AFTER_UNLOCK: {
    '5.4.y': { taken: true, sublevel: 198, change: 'adds', how: 'the OSV record of CVE-2022-49371 ("driver core: fix deadlock in __device_attach", b232b02bf3c2; kernel CNA data, published 2025-02-26): affected ">=4.2.0 <5.4.198"; no 5.4.y posting or tree read' },
    '5.10.y': { taken: true, sublevel: 122, change: 'adds', how: 'the OSV record of CVE-2022-49371: affected ">=5.5.0 <5.10.122"; no 5.10.y posting or tree read' },
    '5.15.y': { taken: true, sublevel: 47, change: 'adds', how: 'the OSV record of CVE-2022-49371: affected ">=5.11.0 <5.15.47"; the 5.15 stable posting "[PATCH 5.15 065/247] driver core: fix deadlock in __device_attach" of 2022-06-13 ("[ Upstream commit b232b02bf3c2... ]", async_schedule_dev after device_unlock in __device_attach) read, its series\' release not' },
    '4.19.y': { taken: false, how: 'the OSV record of CVE-2022-49371 (published 2025-02-26, after 4.19.y\'s end) lists ">=4.2.0 <5.4.198" as affected with no 4.19.y fix; no 4.19.y dd.c read' },
    '4.14.y': { taken: false, how: 'the OSV record of CVE-2022-49371 (published 2025-02-26, after 4.14.y\'s end) lists ">=4.2.0 <5.4.198" as affected with no 4.14.y fix; no 4.14.y dd.c read' },
  },
  TIMEOUT_WALK_LOCKED: {
    '5.10.y': { taken: true, sublevel: 30, change: 'adds', how: POSTING('5.10.30-rc1', '[PATCH 5.10 077/188] driver core: Fix locking bug in deferred_probe_timeout_work_func()', '2021-04-12', 'commit eed6e41813deb9ee622cd9242341f21430d7789f upstream') },
    '5.4.y': { taken: true, sublevel: 113, change: 'adds', how: POSTING('5.4.113-rc1', '[PATCH 5.4 14/18] driver core: Fix locking bug in deferred_probe_timeout_work_func()', '2021-04-15', 'commit eed6e41813deb9ee622cd9242341f21430d7789f upstream') },
    '4.19.y': { taken: true, sublevel: 188, change: 'adds', how: POSTING('4.19.188-rc1', '[PATCH 4.19 11/13] driver core: Fix locking bug in deferred_probe_timeout_work_func()', '2021-04-15', 'commit eed6e41813deb9ee622cd9242341f21430d7789f upstream') },
  },
  // The revert 67d6212afda2 (v5.17): 5.10.y had an AUTOSEL posting of 2022-02-09 (this flag's record), its sublevel not found: not listed.
  MODULE_SYNC_PF_USED_ASYNC: {
    '4.14.y': { taken: true, sublevel: 268, change: 'removes', commit: '67d6212afda2', how: POSTING('4.14.268-rc1', '[PATCH 4.14 14/45] Revert "module, async: async_synchronize_full() on module init iff async is used"', '2022-02-21', '[ Upstream commit 67d6212afda218d564890d1674bab28e8612170f ]') + '; its hunks drop PF_USED_ASYNC from kernel/async.c and do_init_module, which then syncs unless async_probe_requested' },
  },
  KERNFS_WRITE_ITER: {
    '5.10.y': { taken: true, sublevel: 11, change: 'adds', how: 'the flag\'s own record (FLAGS.KERNFS_WRITE_ITER.since): "[PATCH 5.10 197/199] kernfs: implement ->write_iter" ("commit cc099e0b3998 upstream") in the 5.10.11-rc1 and -rc2 review series, read by an earlier session, not re-read here' },
  },
  LINKS_NO_DRIVER_DORMANT: {
    '4.19.y': { taken: true, sublevel: 112, change: 'adds', how: 'the flag\'s own record (FLAGS.LINKS_NO_DRIVER_DORMANT.since): "backported to 4.19.112, commit 15cfb0941603 upstream", read by an earlier session, not re-read here' },
  },
};

/** `5.10.150-foo` -> { branch: '5.10.y', sublevel: 150 }; undefined for a version with no sublevel or a branch not listed. */
export function stableOf(version: string | undefined): { branch: Branch; sublevel: number } | undefined {
  const m = version === undefined ? null : /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  const branch = m ? `${m[1]}.${m[2]}.y` : '';
  return m && (LTS_BRANCHES as readonly string[]).includes(branch) ? { branch: branch as Branch, sublevel: +m[3]! } : undefined;
}

/** The entries of one branch, flag by flag. */
export function backportsInto(branch: Branch): { flag: Flag; b: Backport }[] {
  return (Object.entries(BACKPORTS) as [Flag, Partial<Record<Branch, Backport>>][]).flatMap(([flag, by]) => (by[branch] ? [{ flag, b: by[branch]! }] : []));
}

/**
 * The backports a kernel of `version` has that a model with `has` lacks (or reverts it has): each
 * with the flag, the sublevel and how that is known. Empty for a version before them or with no sublevel.
 */
export function backportsPast(version: string | undefined, has: (f: Flag) => boolean): { flag: Flag; branch: Branch; sublevel: number; change: 'adds' | 'removes'; commit?: string; how: string }[] {
  const s = stableOf(version);
  if (!s) return [];
  return backportsInto(s.branch).flatMap(({ flag, b }) => (b.taken && b.sublevel <= s.sublevel && has(flag) === (b.change === 'removes') ? [{ flag, branch: s.branch, sublevel: b.sublevel, change: b.change, ...(b.commit ? { commit: b.commit } : {}), how: b.how }] : []));
}

/** `FLAG (commit, "subject")` for a note: the subject up to its first parenthesis; a revert says so. */
export function backportName(flag: Flag, change: 'adds' | 'removes', commit?: string): string {
  const f = FLAGS[flag] as { commit: string; subject: string };
  const subject = f.subject.split(' (')[0]!;
  const id = commit ?? /^[0-9a-f]{12}/.exec(f.commit)?.[0] ?? f.commit;
  return change === 'adds' ? `${flag} (${id}, "${subject}")` : `the revert of ${flag} (${id}, Revert "${subject}")`;
}
