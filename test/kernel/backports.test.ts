// Stable kernels' backports (src/kernel/backports.ts): the data's shape, `probecheck profiles`
// listing them, and from-log/validate saying where a log's version line is past one. Cost: one
// deferred-probe build per profile (v5.10, v4.14, v5.4) and five CLI runs, about 2 s.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKPORTS, LTS_BRANCHES, backportName, backportsPast, stableOf, type Backport, type Branch, type Change } from '../../src/kernel/backports.js';
import { FLAGS, PROFILES, type Flag } from '../../src/kernel/profiles.js';
import { profileFor } from '../../src/logs/release.js';
import { buildModel } from '../../src/cli/build.js';
import { loadModel } from '../../src/load.js';
import { parseLog, upstreamOf } from '../../src/logs/parse.js';
import { validate } from '../../src/logs/validate.js';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { run } from './helpers.js';

// A branch's list of changes (a flag on and off again) gives one entry each.
const entries = Object.entries(BACKPORTS).flatMap(([flag, by]) => Object.entries(by!).flatMap(([branch, b]) => [b as Backport | Change[]].flat().map((c) => ({ flag: flag as Flag, branch, b: c }))));

describe('the backports data', () => {
  it('every entry is of a known flag and a covered LTS branch, cites how it is known, and a taken one has a numeric sublevel', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const { flag, branch, b } of entries) {
      expect(FLAGS[flag], flag).toBeDefined();
      expect(LTS_BRANCHES as readonly string[], `${flag} ${branch}`).toContain(branch);
      expect(b.how.length, `${flag} ${branch}: how it is known`).toBeGreaterThan(40);
      if (b.taken) {
        expect(Number.isInteger(b.sublevel) && b.sublevel > 0, `${flag} ${branch}`).toBe(true);
        expect(['adds', 'removes']).toContain(b.change);
      }
    }
  });
  it('each covered branch is checked at a profile (4.19.y at v4.19), and a backport is of a flag that profile lacks (a revert, of one it has): else it says nothing', () => {
    for (const branch of LTS_BRANCHES) expect(PROFILES[profileFor(branch.replace(/\.y$/, ''))], branch).toBeDefined();
    expect(profileFor('4.19')).toBe('v4.19');
    for (const [flag, by] of Object.entries(BACKPORTS) as [Flag, Partial<Record<Branch, Backport | Change[]>>][]) {
      for (const [branch, b] of Object.entries(by) as [Branch, Backport | Change[]][]) {
        const p = PROFILES[profileFor(branch.replace(/\.y$/, ''))]!;
        if (!Array.isArray(b)) {
          if (b.taken) expect(p.flags.includes(flag), `${flag} in ${branch} at ${p.name}`).toBe(b.change === 'removes');
          continue;
        }
        // A list (a flag on and off again, s44 h14): two changes or more, by rising sublevel, each
        // the undoing of the one before, the first against the profile, each with how it is known.
        expect(b.length, `${flag} ${branch}`).toBeGreaterThan(1);
        b.forEach((c, i) => {
          expect(c.taken, `${flag} ${branch} #${i}`).toBe(true);
          expect(c.how.length, `${flag} ${branch} #${i}: how it is known`).toBeGreaterThan(40);
          expect(c.change === 'removes', `${flag} ${branch} #${i} at ${p.name}`).toBe(i % 2 === 0 ? p.flags.includes(flag) : !p.flags.includes(flag));
          if (i > 0) expect(c.sublevel, `${flag} ${branch} #${i}`).toBeGreaterThan(b[i - 1]!.sublevel);
        });
      }
    }
  });
  // uevent_show's device_lock in 6.6.y (s44 h14, release announcements): c0a40097f0bc from 6.6.35,
  // ended by 15fffc6a5624 at 6.6.46, back with its revert at 6.6.60, reverted (dc1771f71854) at
  // 6.6.89; v6.6 lacks it. The state is the last change at or before the sublevel.
  // s48 h20: a change with no `subject` was named by its flag's description in quotes, read as the
  // commit's subject (5.10.221's "UEVENT_SHOW_LOCKED (c0a40097f0bc, "uevent_show() takes
  // device_lock(dev) around the kset's uevent callback")", which no commit is called).
  // s48 h20: a change with no subject was named by its flag's description in quotes, read as its
  // commit's subject: 5.10.221's UEVENT_SHOW_LOCKED (c0a40097f0bc, "uevent_show() takes
  // device_lock(dev) around the kset's uevent callback"), a subject no commit has.
  it('a change of the flag\'s own commit is named by a subject that what was read quotes (an entry of its flag, or the flag\'s commit record)', () => {
    let checked = 0;
    for (const { flag, branch, b } of entries) {
      if (!b.taken || b.commit !== undefined) continue;
      const name = backportName(flag, b.change, undefined, b.subject);
      const subject = /, "(.*)"\)$/.exec(name)?.[1];
      const read = [FLAGS[flag].commit, ...entries.filter((e) => e.flag === flag).map((e) => e.b.how)].join(' ');
      expect(subject !== undefined && read.includes(subject), `${branch}.${(b as Change).sublevel}: ${name}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
  it('a flag on and off again in one branch: a log is warned where its sublevel\'s state differs from the profile\'s', () => {
    const v66 = (f: Flag) => PROFILES['v6.6']!.flags.includes(f);
    const lock = (v: string) => backportsPast(v, v66).filter((p) => p.flag === 'UEVENT_SHOW_LOCKED').map((p) => `${p.sublevel}:${p.change}:${p.commit ?? ''}`);
    expect(lock('6.6.34')).toEqual([]);
    expect(lock('6.6.35')).toEqual(['35:adds:']);
    expect(lock('6.6.45')).toEqual(['35:adds:']);
    expect(lock('6.6.50')).toEqual([]);
    expect(lock('6.6.60')).toEqual(['60:adds:9a71892cbcdb']);
    expect(lock('6.6.88')).toEqual(['60:adds:9a71892cbcdb']);
    // 6.6.89 reverted c0a40097f0bc: as v6.6 again; it took UEVENT_SINGLE_READ the same day.
    expect(backportsPast('6.6.89', v66).map((p) => p.flag)).toEqual(['UEVENT_SINGLE_READ']);
    expect(backportsPast('6.6.120', v66).map((p) => p.flag)).toEqual(['UEVENT_SINGLE_READ']);
    const back = backportsPast('6.6.60', v66)[0]!;
    expect(backportName(back.flag, back.change, back.commit, back.subject)).toBe('UEVENT_SHOW_LOCKED (9a71892cbcdb, Revert "driver core: Fix uevent_show() vs driver detach race")');
    // 6.1.y: on at 6.1.95, off at 6.1.105, on again at 6.1.116 (its revert not found in 6.1.y).
    const v61 = (f: Flag) => PROFILES['v6.1']!.flags.includes(f);
    expect(backportsPast('6.1.100', v61).filter((p) => p.flag === 'UEVENT_SHOW_LOCKED').map((p) => p.sublevel)).toEqual([95]);
    expect(backportsPast('6.1.110', v61).filter((p) => p.flag === 'UEVENT_SHOW_LOCKED')).toEqual([]);
    expect(backportsPast('6.1.150', v61).filter((p) => p.flag === 'UEVENT_SHOW_LOCKED').map((p) => p.sublevel)).toEqual([116]);
    // A model that has the lock (v6.6 with c0a40097f0bc as a patch): warned of its ends only.
    expect(backportsPast('6.6.50', () => true).map((p) => `${p.flag}:${p.change}`)).toContain('UEVENT_SHOW_LOCKED:removes');
    expect(backportsPast('6.6.60', () => true).map((p) => p.flag)).not.toContain('UEVENT_SHOW_LOCKED');
  });
  it('a version with a sublevel names its branch; one before every backport, or of no LTS branch, has none', () => {
    expect(stableOf('5.10.150-android12-9')).toEqual({ branch: '5.10.y', sublevel: 150 });
    expect(stableOf('6.3.1')).toBeUndefined();
    expect(stableOf('5.10')).toBeUndefined();
    const has = (f: Flag) => PROFILES['v5.10']!.flags.includes(f);
    expect(backportsPast('5.10.0', has)).toEqual([]);
    expect(backportsPast('5.10.30', has).map((p) => p.flag)).toEqual(['TIMEOUT_WALK_LOCKED']);
    // KERNFS_WRITE_ITER (5.10.11) changes a name in the trace only: listed, never warned of.
    expect(BACKPORTS.KERNFS_WRITE_ITER?.['5.10.y']).toMatchObject({ taken: true, sublevel: 11 });
    expect(backportsPast('5.10.150', has).map((p) => `${p.flag}@${p.sublevel}`).sort()).toEqual(['ASYNC_AFTER_UNLOCK@122', 'DRIVER_ATTACH_ASYNC_AFTER_UNLOCK@137', 'MODULE_SYNC_PF_USED_ASYNC@102', 'TIMEOUT_WALK_LOCKED@30']);
    // A model that already has the flag (a later profile, or a patch that implies it): nothing to say.
    expect(backportsPast('5.10.150', () => true).filter((p) => p.change === 'adds')).toEqual([]);
    const branches: Branch[] = ['4.14.y'];
    // 4.14.159 took 5d603311615f (s48 h19): delete_module wakes module_wq, which v4.14 lacks.
    // 4.14.137 took 6e6de3dee51a (s50 h12): a load waits for a GOING namesake, which v4.14 lacks; 4.14.305 ended it.
    expect(backportsPast('4.14.270', (f) => PROFILES['v4.14']!.flags.includes(f)).map((p) => [p.branch, p.flag, p.change])).toEqual([[branches[0], 'MODULE_SYNC_PF_USED_ASYNC', 'removes'], [branches[0], 'MODULE_WQ_UNLOAD_WAKE', 'adds'], [branches[0], 'MODULE_LOAD_WAITS_GOING', 'adds']]);
    expect(backportsPast('4.14.136', (f) => PROFILES['v4.14']!.flags.includes(f)).map((p) => p.flag)).not.toContain('MODULE_LOAD_WAITS_GOING');
    expect(backportsPast('4.14.305', (f) => PROFILES['v4.14']!.flags.includes(f)).map((p) => p.flag)).not.toContain('MODULE_LOAD_WAITS_GOING');
    // 4.19.y likewise: on from 4.19.65, off (and MODULE_WAIT_ONCE on) from 4.19.272.
    const v419 = (f: Flag) => PROFILES['v4.19']!.flags.includes(f);
    const going = (v: string) => backportsPast(v, v419).filter((p) => p.flag.startsWith('MODULE_')).map((p) => `${p.flag}@${p.sublevel}`);
    expect(going('4.19.64')).toEqual([]);
    expect(going('4.19.65')).toEqual(['MODULE_LOAD_WAITS_GOING@65']);
    expect(going('4.19.271')).toEqual(['MODULE_SYNC_PF_USED_ASYNC@231', 'MODULE_WQ_UNLOAD_WAKE@90', 'MODULE_LOAD_WAITS_GOING@65']);
    expect(going('4.19.272')).toEqual(['MODULE_SYNC_PF_USED_ASYNC@231', 'MODULE_WAIT_ONCE@272', 'MODULE_WQ_UNLOAD_WAKE@90']);
    expect(backportsPast('4.14.136', (f) => PROFILES['v4.14']!.flags.includes(f))).toEqual([]);
    expect(backportsPast('4.14.158', (f) => PROFILES['v4.14']!.flags.includes(f)).map((p) => p.flag)).toEqual(['MODULE_LOAD_WAITS_GOING']);
    // 4.14.305 took 0254127ab977 (its 4.14 posting read): a load woken on module_wq looks once.
    expect(backportsPast('4.14.305', (f) => PROFILES['v4.14']!.flags.includes(f)).map((p) => `${p.flag}@${p.sublevel}`)).toContain('MODULE_WAIT_ONCE@305');
  });
  it('real version lines: the sublevel is the third number, whatever follows; a distribution kernel\'s .0 warns of nothing', () => {
    expect(stableOf('5.10.150-android12-9-00001-g1a2b3c4d5e6f')).toEqual({ branch: '5.10.y', sublevel: 150 });
    expect(stableOf('6.1.90+')).toEqual({ branch: '6.1.y', sublevel: 90 });
    expect(stableOf('6.6.30-rt30')).toEqual({ branch: '6.6.y', sublevel: 30 });
    expect(stableOf('4.14.270-rc1')).toEqual({ branch: '4.14.y', sublevel: 270 });
    // Debian's 4.19.0-6-amd64 and Ubuntu's 5.15.0-91-generic say .0 whatever they took (docs/known-gaps.md#stable-kernels).
    expect(stableOf('4.19.0-6-amd64')).toEqual({ branch: '4.19.y', sublevel: 0 });
    expect(backportsPast('4.19.0-6-amd64', (f) => PROFILES['v4.18']!.flags.includes(f))).toEqual([]);
    expect(backportsPast('5.15.0-91-generic', (f) => PROFILES['v5.15']!.flags.includes(f))).toEqual([]);
  });
});

const LOG = (version: string) => [
  `[    0.000000] Linux version ${version} (builder@host) (gcc 12.2.0) #1 SMP PREEMPT`,
  "[    0.100000] bus: 'platform': add driver dc-drv",
  "[    0.100100] bus: 'platform': driver_probe_device: matched device dc with driver dc-drv",
  "[    0.100200] bus: 'platform': really_probe: probing driver dc-drv with device dc",
  "[    0.100300] driver: 'dc-drv': driver_bound: bound to device 'dc'",
  "[    0.100400] bus: 'platform': really_probe: bound device dc to driver dc-drv",
].join('\n');

describe('a log of a stable kernel past a backport', async () => {
  const model = async (profile: string) => buildModel(await loadModel('models/deferred-probe.ts'), { profile });
  it('validate says which backports the log\'s kernel has that the profile does not model', async () => {
    const v510 = await model('v5.10');
    const w = validate(v510, parseLog(LOG('5.10.150'))).warnings;
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^the log is of Linux 5\.10\.150 \(line 1\), a stable kernel past 4 backports that profile v5\.10 does not model: /);
    expect(w[0]).toContain('DRIVER_ATTACH_ASYNC_AFTER_UNLOCK (70fe758352ca, "driver core: fix potential deadlock in __driver_attach") is in 5.10.y from 5.10.137');
    expect(w[0]).toContain('ASYNC_AFTER_UNLOCK (b232b02bf3c2, "driver core: fix deadlock in __device_attach") is in 5.10.y from 5.10.122');
    expect(w[0]).toContain('the revert of MODULE_SYNC_PF_USED_ASYNC (67d6212afda2, Revert "module, async: async_synchronize_full() on module init iff async is used") is in 5.10.y from 5.10.102');
    expect(w[0]).not.toContain('KERNFS_WRITE_ITER');
    expect(w[0]).toMatch(/; a verdict that rests on them may not hold for this kernel \(probecheck profiles v5\.10 says how each backport is known\)$/);
    // Before every backport, or the release itself: nothing.
    expect(validate(v510, parseLog(LOG('5.10.5'))).warnings).toEqual([]);
    // A revert taken: the profile has what the kernel took out.
    const r = validate(await model('v4.14'), parseLog(LOG('4.14.270'))).warnings;
    expect(r).toEqual([expect.stringMatching(/^the log is of Linux 4\.14\.270 \(line 1\), a stable kernel past 3 backports that profile v4\.14 does not model: the revert of MODULE_SYNC_PF_USED_ASYNC \(67d6212afda2, Revert "module, async: async_synchronize_full\(\) on module init iff async is used"\) is in 4\.14\.y from 4\.14\.268; MODULE_WQ_UNLOAD_WAKE \(5d603311615f, "kernel\/module\.c: wakeup processes in module_wq on module unload"\) is in 4\.14\.y from 4\.14\.159; MODULE_LOAD_WAITS_GOING \(6e6de3dee51a, "kernel\/module\.c: Only return -EEXIST for modules that have finished loading"\) is in 4\.14\.y from 4\.14\.137; a verdict that rests on them/)]);
    // At another profile than the log's: `profiles` lists 4.14.y's backports under v4.14, not v5.10.
    const other = validate(v510, parseLog(LOG('4.14.270'))).warnings;
    expect(other.at(-1)).toMatch(/that profile v5\.10 does not model: the revert of MODULE_SYNC_PF_USED_ASYNC .* is in 4\.14\.y from 4\.14\.268; .*\(probecheck profiles v4\.14 says how each backport is known\)$/);
  });
  // A 6.x branch (s44 h9): 6.1.9 took 0254127ab977, one commit that adds MODULE_WAIT_ONCE and ends
  // MODULE_LOAD_WAITS_GOING (not a revert: named by its own subject); 6.1.8 is before it.
  it('a 6.1.y log past 0254127ab977 is warned of both flags it changes; one before it of nothing', async () => {
    const v61 = await model('v6.1');
    const w = validate(v61, parseLog(LOG('6.1.90'))).warnings;
    // (the log's v5.10-style probe lines are warned of too: not this test's matter)
    expect(w[0]).toMatch(/^the log is of Linux 6\.1\.90 \(line 1\), a stable kernel past 2 backports that profile v6\.1 does not model: MODULE_WAIT_ONCE \(0254127ab977, "module: Don't wait for GOING modules"\) is in 6\.1\.y from 6\.1\.9; the end of MODULE_LOAD_WAITS_GOING \(0254127ab977, "module: Don't wait for GOING modules"\) is in 6\.1\.y from 6\.1\.9; a verdict that rests on them may not hold for this kernel \(probecheck profiles v6\.1 says how each backport is known\)$/);
    expect(validate(v61, parseLog(LOG('6.1.8'))).warnings.filter((x) => x.includes('a stable kernel past'))).toEqual([]);
    // 6.12.26 reverted UEVENT_SHOW_LOCKED, which v6.12 has, by a revert whose subject is its own.
    const v612 = (f: Flag) => PROFILES['v6.12']!.flags.includes(f);
    expect(backportsPast('6.12.30', v612).map((p) => backportName(p.flag, p.change, p.commit, p.subject))).toEqual(['the revert of UEVENT_SHOW_LOCKED (dc1771f71854, Revert "drivers: core: synchronize really_probe() and dev_uevent()")', 'UEVENT_SINGLE_READ (18daa52418e7, "driver core: fix potential NULL pointer dereference in dev_uevent()")']);
    expect(backportsPast('6.12.25', v612)).toEqual([]);
  });
  // a2225b6e834a (READY_TO_PROBE, v7.1-rc1; s50 h12): the release announcements of 6.12.86, 6.6.140,
  // 6.1.175, 5.15.209 and 5.10.258 list it; no LTS profile has it, so a log from there on is warned.
  it('a log past a2225b6e834a\'s backport is warned of READY_TO_PROBE; one a sublevel before it not', async () => {
    const at = (profile: string, v: string) => backportsPast(v, (f) => PROFILES[profile]!.flags.includes(f)).filter((p) => p.flag === 'READY_TO_PROBE').map((p) => `${p.branch}.${p.sublevel}`);
    for (const [profile, branch, sub] of [['v6.12', '6.12', 86], ['v6.6', '6.6', 140], ['v6.1', '6.1', 175], ['v5.15', '5.15', 209], ['v5.10', '5.10', 258]] as const) {
      expect(at(profile, `${branch}.${sub - 1}`), `${branch}.${sub - 1}`).toEqual([]);
      expect(at(profile, `${branch}.${sub}`), `${branch}.${sub}`).toEqual([`${branch}.y.${sub}`]);
    }
    const v61 = await model('v6.1');
    const name = 'READY_TO_PROBE (a2225b6e834a, "driver core: Don\'t let a device probe until it\'s ready") is in 6.1.y from 6.1.175';
    expect(validate(v61, parseLog(LOG('6.1.175'))).warnings.find((x) => x.startsWith('the log is of'))).toContain(name);
    expect(validate(v61, parseLog(LOG('6.1.174'))).warnings.join('\n')).not.toContain('READY_TO_PROBE');
  });
  // uevent_show's device_lock in 4.19.y, 5.4.y, 5.15.y (s44 h18, release announcements): on with
  // c0a40097f0bc, off with 15fffc6a5624, on again with its revert; v4.19 .. v5.15 lack the lock.
  // 5.10.y too since s48 h19 (15fffc6a5624 at 5.10.224, by kernel.org's linux-stable push of that release).
  it('uevent_show\'s lock in 4.19.y, 5.4.y, 5.10.y and 5.15.y: a log past a switch to the lock is warned, one before it or after its end not', async () => {
    const at = (profile: string, v: string) => backportsPast(v, (f) => PROFILES[profile]!.flags.includes(f)).filter((p) => p.flag === 'UEVENT_SHOW_LOCKED').map((p) => `${p.sublevel}:${p.commit ?? ''}`);
    for (const [profile, branch, [on, off, back]] of [['v4.19', '4.19', [317, 320, 323]], ['v5.4', '5.4', [279, 282, 285]], ['v5.10', '5.10', [221, 224, 229]], ['v5.15', '5.15', [162, 165, 171]]] as const) {
      expect(at(profile, `${branch}.${on - 1}`), `${branch}.${on - 1}`).toEqual([]);
      expect(at(profile, `${branch}.${on}`), `${branch}.${on}`).toEqual([`${on}:`]);
      expect(at(profile, `${branch}.${off - 1}`), `${branch}.${off - 1}`).toEqual([`${on}:`]);
      expect(at(profile, `${branch}.${off}`), `${branch}.${off}`).toEqual([]);
      expect(at(profile, `${branch}.${back - 1}`), `${branch}.${back - 1}`).toEqual([]);
      expect(at(profile, `${branch}.${back}`), `${branch}.${back}`).toEqual([`${back}:9a71892cbcdb`]);
      expect(at(profile, `${branch}.${back + 30}`), `${branch}.${back + 30}`).toEqual([`${back}:9a71892cbcdb`]);
    }
    // The warning a 5.4.y log gets, through validate: past 5.4.285, named by the revert; 5.4.278 not.
    const v54 = await model('v5.4');
    const w = validate(v54, parseLog(LOG('5.4.290'))).warnings.find((x) => x.startsWith('the log is of'));
    expect(w).toContain('UEVENT_SHOW_LOCKED (9a71892cbcdb, Revert "driver core: Fix uevent_show() vs driver detach race") is in 5.4.y from 5.4.285');
    expect(validate(v54, parseLog(LOG('5.4.278'))).warnings.join('\n')).not.toContain('UEVENT_SHOW_LOCKED');
    expect(validate(v54, parseLog(LOG('5.4.280'))).warnings.join('\n')).toContain('UEVENT_SHOW_LOCKED (c0a40097f0bc, "drivers: core: synchronize really_probe() and dev_uevent()") is in 5.4.y from 5.4.279');
  });
  // Real version lines (find_string, 2026-12-07): Ubuntu 22.04's and Debian's name the upstream release their
  // sublevel-0 version is built from; Debian's gcc is "(Debian 8.3.0-6)" on the same line, and a Uos build is neither.
  it('a distribution kernel is read by the upstream release its line names (Ubuntu, Debian), and said so', async () => {
    const UBUNTU = 'Linux version 5.15.0-97-generic (buildd@lcy02-amd64-033) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #107-Ubuntu SMP Wed Feb 7 13:26:48 UTC 2024 (Ubuntu 5.15.0-97.107-generic 5.15.136)';
    expect(upstreamOf(UBUNTU, '5.15')).toEqual({ version: '5.15.136', distro: 'Ubuntu' });
    expect(upstreamOf('Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)', '6.1')).toEqual({ version: '6.1.76', distro: 'Debian' });
    expect(upstreamOf('Linux version 4.9.0-9-amd64 (debian-kernel@lists.debian.org) (gcc version 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) ) #1 SMP Debian 4.9.168-1 (2019-04-12)', '4.9')).toEqual({ version: '4.9.168', distro: 'Debian' });
    expect(upstreamOf('Linux version 4.19.0-6-amd64 (debian-kernel@lists.debian.org) (gcc version 8.3.0 (Debian 8.3.0-6)) #1 SMP Uos 4.19.67-11eagle (2020-03-21)', '4.19')).toBeUndefined();
    expect(upstreamOf('Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)', '6.1')).toBeUndefined();
    // More real lines (find_string, s44 h13): Ubuntu 20.04's HWE 5.15, Debian bullseye and buster-backports, Raspberry Pi OS's
    // 6.1.21-v8+ (its own sublevel; "Ubuntu/Linaro" gcc, no upstream named), a Pi 5 build with Debian's gcc.
    expect(upstreamOf('Linux version 5.15.0-58-generic (buildd@lgw01-amd64-053) (gcc (Ubuntu 9.4.0-1ubuntu1~20.04.1) 9.4.0, GNU ld (GNU Binutils for Ubuntu) 2.34) #64~20.04.1-Ubuntu SMP Fri Jan 27 14:52:54 UTC 2023 (Ubuntu 5.15.0-58.64~20.04.1-generic 5.15.90)', '5.15')).toEqual({ version: '5.15.90', distro: 'Ubuntu' });
    expect(upstreamOf('Linux version 5.10.0-13-amd64 (debian-kernel@lists.debian.org) (gcc-10 (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for Debian) 2.35.2) #1 SMP Debian 5.10.106-1 (2022-03-17)', '5.10')).toEqual({ version: '5.10.106', distro: 'Debian' });
    expect(upstreamOf('Linux version 5.10.0-0.deb10.16-amd64 (debian-kernel@lists.debian.org) (gcc-8 (Debian 8.3.0-6) 8.3.0, GNU ld (GNU Binutils for Debian) 2.31.1) #1 SMP Debian 5.10.127-2~bpo10+1 (2022-07-28)', '5.10')).toEqual({ version: '5.10.127', distro: 'Debian' });
    expect(upstreamOf('Linux version 6.1.21-v8+ (dom@buildbot) (aarch64-linux-gnu-gcc-8 (Ubuntu/Linaro 8.4.0-3ubuntu1) 8.4.0, GNU ld (GNU Binutils for Ubuntu) 2.34) #1642 SMP PREEMPT Mon Apr  3 17:24:16 BST 2023', '6.1')).toBeUndefined();
    expect(upstreamOf('Linux version 6.12.45-v8-16k+ (root@raspberrypi) (gcc (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT Sat Sep 13 12:45:47 CEST 2025', '6.12')).toBeUndefined();
    // A version line a copy wrapped at a width (a pasted Ubuntu 20.04 HWE dmesg, "UTC 2" + "024 (Ubuntu ...)"): its
    // end is read from the next line, which has no timestamp; a line with one is another line.
    const HWE = '[    0.000000] Linux version 5.15.0-100-generic (buildd@lcy02-amd64-014) (gcc (Ubuntu 9.4.0-1ubuntu1~20.04.2) 9.4.0, GNU ld (GNU Binutils for Ubuntu) 2.34) #110~20.04.1-Ubuntu SMP Tue Feb 13 14:25:03 UTC 2';
    expect(parseLog(`${HWE}\n024 (Ubuntu 5.15.0-100.110~20.04.1-generic 5.15.143)\n`).upstream).toEqual({ version: '5.15.143', distro: 'Ubuntu' });
    expect(parseLog(`${HWE}\n[    0.000001] 024 (Ubuntu 5.15.0-100.110~20.04.1-generic 5.15.143)\n`).upstream).toBeUndefined();
    expect(parseLog(`${HWE.replace(/ 2$/, '')}\n2024 (Ubuntu 5.15.0-100.110~20.04.1-generic 5.15.143)\n`).upstream).toEqual({ version: '5.15.143', distro: 'Ubuntu' });
    const w = validate(await model('v5.15'), parseLog(`[    0.000000] ${UBUNTU}\n` + LOG('x').split('\n').slice(1).join('\n'))).warnings;
    expect(w.find((x) => x.startsWith("the log is of"))).toMatch(/^the log is of Linux 5\.15\.0-97-generic \(Ubuntu's build of 5\.15\.136, whose own further backports are not known here\) \(line 1\), a stable kernel past 5 backports that profile v5\.15 does not model: .*DRIVER_ATTACH_ASYNC_AFTER_UNLOCK .* is in 5\.15\.y from 5\.15\.61; .*MODULE_WAIT_ONCE .* is in 5\.15\.y from 5\.15\.91; the end of MODULE_LOAD_WAITS_GOING \(0254127ab977, "module: Don't wait for GOING modules"\) is in 5\.15\.y from 5\.15\.91;/);
  });
  it('from-log puts it in the scenario header and on stderr', () => {
    const dir = tempDir('pc-backports-');
    const file = join(dir, 'stable.log');
    writeFileSync(file, LOG('5.10.150'));
    const o = probecheck(['from-log', file, '-o', join(dir, 'stable.ts')]);
    expect(o.status).toBe(0);
    expect(o.stderr).toMatch(/^warning: the log is of Linux 5\.10\.150 \(line 1\), a stable kernel past 4 backports that profile v5\.10 does not model: /);
    expect(readFileSync(join(dir, 'stable.ts'), 'utf8')).toMatch(/\/\/ note: warning: the log is of Linux 5\.10\.150 \(line 1\), a stable kernel past 4 backports/);
  });
  // 4.19.y's logs were checked at v4.18 until s44 h5, without v4.19's deferred-probe timeout and shutdown block.
  it('a 4.19.y log is checked at v4.19, warned of the 4.19.y backports past it', () => {
    const dir = tempDir('pc-backports-');
    writeFileSync(join(dir, 'lts.log'), LOG('4.19.200'));
    const o = probecheck(['from-log', join(dir, 'lts.log'), '-o', join(dir, 'lts.ts')]);
    expect(o.status).toBe(0);
    expect(o.stderr).toContain('profile v4.19; run: probecheck check');
    expect(readFileSync(join(dir, 'lts.ts'), 'utf8')).toContain('"profile": "v4.19"');
    expect(o.stderr).toMatch(/^warning: the log is of Linux 4\.19\.200 \(line 1\), a stable kernel past 9 backports that profile v4\.19 does not model: TIMEOUT_WALK_LOCKED \(eed6e41813de, .* is in 4\.19\.y from 4\.19\.188; LINKS_NO_DRIVER_DORMANT \(15cfb0941603, .* is in 4\.19\.y from 4\.19\.112; AUTOPROBE_CONSUMER \(e7dd40105aac, .* is in 4\.19\.y from 4\.19\.112;/);
    // 4.19.66 took v5.1's dead flag and v5.3's kill_device, 4.19.141 654888327e9f (s44 h11).
    expect(o.stderr).toContain('DEAD_FLAG (3451a495ef24, "driver core: Establish order of operations for device_add and device_del via bitflag") is in 4.19.y from 4.19.66; KILL_DEVICE (00289cd87676, "drivers/base: Introduce kill_device()") is in 4.19.y from 4.19.66; the end of ATTACH_DRIVER_EBUSY (3451a495ef24, "driver core: Establish order of operations for device_add and device_del via bitflag") is in 4.19.y from 4.19.66; ATTACH_DEAD_CHECK (654888327e9f, "driver core: Avoid binding drivers to dead devices") is in 4.19.y from 4.19.141;');
    // The revert of MODULE_SYNC_PF_USED_ASYNC came at 4.19.231, past this log.
    expect(o.stderr).not.toContain('MODULE_SYNC_PF_USED_ASYNC');
    // 5d603311615f (v5.5) came at 4.19.90: delete_module wakes the load v4.19 leaves asleep in free_module's UNFORMED window (s45 h10).
    expect(o.stderr).toContain('MODULE_WQ_UNLOAD_WAKE (5d603311615f, "kernel/module.c: wakeup processes in module_wq on module unload") is in 4.19.y from 4.19.90');
    // 4.19.65 took 6e6de3dee51a (s50 h12): a load waits for a GOING namesake; 0254127ab977 ended it at 4.19.272.
    expect(o.stderr).toContain('MODULE_LOAD_WAITS_GOING (6e6de3dee51a, "kernel/module.c: Only return -EEXIST for modules that have finished loading") is in 4.19.y from 4.19.65');
  });
  it('v4.19\'s text is of 4.19.45 or earlier: no 4.19.y backport it reads is listed past it (s44 h10)', () => {
    // 0b777eee88d7's 4.19 backport ("[PATCH 4.19 110/114]", 2019-05-23; "Linux 4.19.46") drops
    // `dma_failed:` and tears the DMA ops down after devres_release_all: the study tree predates it.
    const dd = readFileSync('kernel/v4.19.y/drivers/base/dd.c', 'utf8');
    expect(PROFILES['v4.19']!.sources['drivers/base/dd.c']).toBe('v4.19.y');
    expect(dd).toContain('probe_failed:\n\tdma_deconfigure(dev);\ndma_failed:\n');
    expect(PROFILES['v4.19']!.describe).toContain('4.19.45 or earlier');
    // So each taken 4.19.y backport is of a later sublevel, and the profile lacks its change.
    for (const { flag, b } of entries.filter((e) => e.branch === '4.19.y')) {
      if (b.taken) expect(b.sublevel, flag).toBeGreaterThan(45);
    }
  });
});

// s44 h11: an LTS user's async probe beside a hotplug del. v4.19 builds 4.19.0's __driver_attach,
// which probes a device whose device_del has begun (no dead flag: v5.1); 4.19.66 took the flag, so
// a 4.19.66+ log must be warned that this violation rests on a fix its kernel has. Likewise
// 654888327e9f (v5.9) in 5.4.60. Cost: two builds of about 700 states, 0.2 s.
describe('a verdict at an LTS profile that rests on a fix its stable branch took is warned of', () => {
  const spec = { devices: { mydev: { present: true } }, drivers: { 'my-drv': { matches: ['mydev'], module: 'mydrv', probeType: 'async' as const } }, actors: { modprobe: ['modprobe mydrv', 'rmmod mydrv'], hotplug: 'del mydev' }, syncFallback: false, properties: ['no-probe-after-del'] };
  it('no-probe-after-del: violated at v4.19, holds at v5.1 (DEAD_FLAG), and a 4.19.66 log is warned that it took DEAD_FLAG', () => {
    expect(run(spec, 'v4.19').verdicts['no-probe-after-del']).toBe('violated');
    expect(run(spec, 'v5.1').verdicts['no-probe-after-del']).toBe('holds');
    const v419 = (f: Flag) => PROFILES['v4.19']!.flags.includes(f);
    expect(backportsPast('4.19.65', v419).map((p) => p.flag)).not.toContain('DEAD_FLAG');
    expect(backportsPast('4.19.66', v419).map((p) => `${p.flag}@${p.sublevel}:${p.change}`)).toEqual(['DEAD_FLAG@66:adds', 'KILL_DEVICE@66:adds', 'ATTACH_DRIVER_EBUSY@66:removes', 'MODULE_LOAD_WAITS_GOING@65:adds']);
    expect(backportsPast('4.19.141', v419).map((p) => p.flag)).toContain('ATTACH_DEAD_CHECK');
  });
  it('5.4.60 took 654888327e9f (ATTACH_DEAD_CHECK), which v5.4 lacks and builds as a patch', () => {
    const v54 = (f: Flag) => PROFILES['v5.4']!.flags.includes(f);
    expect(backportsPast('5.4.59', v54).map((p) => p.flag)).not.toContain('ATTACH_DEAD_CHECK');
    expect(backportsPast('5.4.60', v54).map((p) => p.flag)).toEqual(['ATTACH_DEAD_CHECK', 'MODULE_WQ_UNLOAD_WAKE']);
    expect(run(spec, 'v5.4', '654888327e9f').verdicts['no-probe-after-del']).toBe('holds');
  });
});

describe('probecheck profiles lists the backports into the stable branch its logs are checked at', () => {
  it('v5.10: each with its sublevel and how it is known, and that any other flag was not checked; JSON too', () => {
    const t = probecheck(['profiles', 'v5.10']);
    expect(t.stdout).toMatch(/\n {2}stable: 5\.10\.y: DRIVER_ATTACH_ASYNC_AFTER_UNLOCK taken from 5\.10\.137: the "Linux 5\.10\.137" release announcement of 2022-08-21 lists it in its shortlog; stable review posting "\[PATCH 5\.10 293\/545\]/);
    expect(t.stdout).toMatch(/\n {2}stable: 5\.10\.y: MODULE_SYNC_PF_USED_ASYNC reverted from 5\.10\.102: /);
    expect(t.stdout).toContain('\n  stable: 5.10.y: KERNFS_WRITE_ITER taken from 5.10.11 (a name in the trace only: logs past it get no warning): ');
    expect(t.stdout).toContain('\n  stable: 5.10.y: the flags above are the ones checked there; any other flag\'s backport was not checked (src/kernel/backports.ts)');
    const v419 = probecheck(['profiles', 'v4.19']).stdout;
    expect(v419).toMatch(/\n {2}stable: 4\.19\.y: ASYNC_AFTER_UNLOCK not taken \(indirect evidence\): the OSV record of CVE-2022-49371 \(kernel CNA data, published 2025-02-26, after 4\.19\.y's end\)/);
    // v4.19's own flags, and not v5.0's (ASYNC_SYNC_IN_DRIVER_DETACH, LINKS_LOOP_PARENT_TEST).
    for (const f of ['LATE_INITCALL_SECOND_PASS', 'PROBE_TIMEOUT_WORK', 'TIMEOUT_WORK_CLEARS', 'SHUTDOWN_BLOCKS_PROBING', 'NEED_PARENT_LOCK']) expect(v419, f).toMatch(new RegExp(`\\n {2}${f} `));
    for (const f of ['ASYNC_SYNC_IN_DRIVER_DETACH', 'LINKS_LOOP_PARENT_TEST']) expect(v419, f).not.toMatch(new RegExp(`\\n {2}${f} `));
    expect(probecheck(['profiles', 'v4.18']).stdout).not.toContain('stable: 4.19.y');
    // A flag on and off again (s44 h14): one line per change, in order, each saying what it did.
    const v66 = probecheck(['profiles', 'v6.6']).stdout.split('\n').filter((l) => l.startsWith('  stable: 6.6.y: UEVENT_SHOW_LOCKED ')).map((l) => l.split(': ')[2]);
    expect(v66).toEqual(['UEVENT_SHOW_LOCKED taken from 6.6.35', 'UEVENT_SHOW_LOCKED ended by 15fffc6a5624 from 6.6.46', 'UEVENT_SHOW_LOCKED taken again by 9a71892cbcdb from 6.6.60', 'UEVENT_SHOW_LOCKED reverted from 6.6.89']);
    // a2225b6e834a's release into 6.12.y (s50 h12): the announcement it was read in.
    expect(probecheck(['profiles', 'v6.12']).stdout).toContain('\n  stable: 6.12.y: READY_TO_PROBE taken from 6.12.86: the "Linux 6.12.86" release announcement of 2026-05-07 lists it in its shortlog (Message-ID <2026050759-overcast-muscular-ff7d@gregkh>');
    const j = JSON.parse(probecheck(['profiles', 'v4.14', '--json']).stdout) as { profiles: { backports: { branch: string; flag: string; taken: boolean; sublevel?: number; change?: string; indirect?: boolean }[] }[] };
    expect(j.profiles[0]!.backports.map((b) => [b.branch, b.flag, b.taken, b.sublevel, b.change, b.indirect])).toEqual([['4.14.y', 'ASYNC_AFTER_UNLOCK', false, undefined, undefined, true], ['4.14.y', 'MODULE_SYNC_PF_USED_ASYNC', true, 268, 'removes', undefined], ['4.14.y', 'MODULE_WAIT_ONCE', true, 305, 'adds', undefined], ['4.14.y', 'MODULE_WQ_UNLOAD_WAKE', true, 159, 'adds', undefined], ['4.14.y', 'MODULE_LOAD_WAITS_GOING', true, 137, 'adds', undefined], ['4.14.y', 'MODULE_LOAD_WAITS_GOING', true, 305, 'removes', undefined]]);
  });
});
