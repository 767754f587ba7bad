/** `probecheck profiles` and `probecheck source`: profiles from the source, and the conformance view. */
import { describe, expect, it } from 'vitest';
import { FLAGS, PROFILE_NAMES } from 'probecheck';
import { hasStack, probecheck, tempDir } from './run.js';

describe('probecheck profiles', () => {
  it('--json lists every profile with its release, snapshots and flags; each shown flag names its line', () => {
    const r = probecheck(['profiles', '--json'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    const { profiles } = JSON.parse(r.stdout) as { profiles: { name: string; release: string; sources: { path: string; snapshot: string; origin: string }[]; differs?: Record<string, string>; flags: { flag: string; commit: string; since: string; shows?: string; seen?: string }[] }[] };
    expect(profiles.map((p) => p.name)).toEqual(PROFILE_NAMES);
    const v51 = profiles.find((p) => p.name === 'v5.1')!;
    expect(v51.sources).toEqual([{ path: 'drivers/base/dd.c', snapshot: 'torvalds@376991db4b64', origin: expect.stringContaining('376991db4b6464e906d699ef07681e2ffa8ab08c') },
      { path: 'drivers/base/core.c', snapshot: 'torvalds@e7dd40105aac', origin: expect.stringContaining('e7dd40105aac9ba051e44ad711123bc53a5e4c71') },
      { path: 'kernel/workqueue.c', snapshot: 'torvalds@009bb421b6ce', origin: expect.stringContaining('009bb421b6ceb7916ce627023d0eb7ced04c8910') },
      { path: 'drivers/base/platform.c', snapshot: 'v4.19.y', origin: expect.stringContaining('0x88888888/linux-4.19-comments') },
      { path: 'fs/kernfs/file.c', snapshot: 'v4.19.y', origin: expect.stringContaining('0x88888888/linux-4.19-comments') },
      { path: 'drivers/pci/pci-driver.c', snapshot: 'v4.19.y', origin: expect.stringContaining('0x88888888/linux-4.19-comments') },
      { path: 'drivers/base/bus.c', snapshot: 'v5.10.13', origin: expect.stringContaining('Rtoax/linux-5.10.13') },
      // Since 2026-12-06 (s37 h4): async.c of 5.10.13 and device.h at 00289cd87676 (the nearest above), module.c of v4.19.y (below).
      { path: 'kernel/async.c', snapshot: 'v5.10.13', origin: expect.stringContaining('Rtoax/linux-5.10.13') },
      { path: 'kernel/module.c', snapshot: 'v4.19.y', origin: expect.stringContaining('0x88888888/linux-4.19-comments') },
      { path: 'include/linux/device.h', snapshot: 'torvalds@00289cd87676', origin: expect.stringContaining('00289cd87676') },
      // Since s39 h2: scsi_scan.c of Greg Kroah-Hartman's tree (release not identified) and message.c of v3.6.0 (below).
      { path: 'drivers/scsi/scsi_scan.c', snapshot: 'gregkh@237edd281d52', origin: expect.stringContaining('237edd281d52') },
      { path: 'drivers/usb/core/message.c', snapshot: 'v3.6.0', origin: expect.stringContaining('New-B/Linux3.6') }]);
    const dead = v51.flags.find((f) => f.flag === 'DEAD_FLAG')!;
    expect(dead.commit).toBe(FLAGS.DEAD_FLAG.commit);
    expect(dead.seen).toMatch(/^drivers\/base\/dd\.c@torvalds@376991db4b64:\d+$/);
    // A flag with a `shows` line and a snapshot of its file is shown there, unless the profile says why not.
    for (const p of profiles) for (const f of p.flags) if (f.shows && !p.differs?.[f.flag] && p.sources.some((s) => f.shows!.startsWith(`${s.path}:`))) expect(f.seen, `${p.name} ${f.flag}`).toBeDefined();
    // v4.18 reads the dd.c of 8c97a46af04b itself, which tests need_parent_lock inline: it says so.
    expect(profiles.find((p) => p.name === 'v4.18')!.differs?.NEED_PARENT_LOCK).toMatch(/inline/);
  });

  it('text (--long; s42 h20: the default is one line each): one block per profile, saying when no tree was read', () => {
    const r = probecheck(['profiles', '--long'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('v5.1 (stands for v5.1)');
    expect(r.stdout).toContain('v4.18 (stands for v4.18)');
    // v3.14 reads no tree of its own: the nearest async.c and module.c (since 2026-12-06, s37 h4; no tree at all before),
    // and since s38 h6 workqueue.c and drivers/base of the 4.0 study tree (above) and pci-driver.c of v3.6.0 (below); its scsi_scan.c since s39 h2.
    expect(r.stdout).toMatch(/v3\.14 \(stands for v3\.14\)[^\n]*\n  source: kernel\/async\.c at v4\.0\.y [^\n]*\n  source: kernel\/module\.c at torvalds@6cd5513c813e [^\n]*\n  source: kernel\/workqueue\.c at v4\.0\.y [^\n]*\n  source: drivers\/pci\/pci-driver\.c at v3\.6\.0 [^\n]*\n  source: drivers\/base\/dd\.c at v4\.0\.y [^\n]*\n  source: drivers\/base\/bus\.c at v4\.0\.y [^\n]*\n  source: drivers\/base\/core\.c at v4\.0\.y [^\n]*\n  source: drivers\/scsi\/scsi_scan\.c at v4\.0\.y [^\n]*\n  [A-Z]/);
    expect(r.stdout).toMatch(/v3\.14 \(stands for v3\.14\)[\s\S]*?  bracketed: drivers\/base\/dd\.c between v3\.6\.0 and torvalds@013c074f8642\n/);
    // A release with no text of its own names its two bracketing snapshots and how each flag between them was settled
    // (v5.0 reads the lower one, v4.19.y's dd.c, since 2026-12-06: 8c97a46af04b was the lower bracket before).
    // __device_release_driver has a bracket of its own since s43 h6 (3451a495ef24 writes the loop's need_parent_lock test inline).
    expect(r.stdout).toMatch(/v5\.0 \(stands for v5\.0\)[\s\S]*?  bracketed: drivers\/base\/dd\.c between v4\.19\.y and torvalds@376991db4b64\n  bracketed: drivers\/base\/dd\.c:__device_release_driver between v4\.19\.y and torvalds@3451a495ef24\n  settled: ASYNC_SYNC_IN_DRIVER_DETACH: has it: /);
  });

  it('names: only those profiles, in release order; an unknown one is E602 naming the known ones', () => {
    const r = probecheck(['profiles', 'mainline', 'v6.12'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    expect([...r.stdout.matchAll(/^(\S+) \(stands for/gm)].map((m) => m[1])).toEqual(['v6.12', 'mainline']);
    expect(r.stdout).toContain('UEVENT_SHOW_LOCKED');
    // A flag whose commit is not identified keeps the text that names it; a hash is shortened.
    expect(r.stdout).toMatch(/  ASYNC_SYNC_IN_DRIVER_DETACH  not identified \("driver core: Move async_synchronize_full call"/);
    expect(r.stdout).toMatch(/  DRIVER_LOCK_HELPERS  ed88747c6c4a  since/);
    expect(r.stdout).toMatch(/  DEAD_FLAG  3451a495ef24  since/);
    // Library fixes merged after mainline's newest text, what a check reaches to be noted, and the property that sees them (s49 h3, h6).
    expect(r.stdout).toMatch(/^  behind: mod-delayed-extend,extend-pending-guard \(a check reaching kworker deferred_probe_timeout_work_func and bus_add_driver without them notes it; timeout-after-initcall sees them\): its deferred_probe_extend_timeout is the cancel_delayed_work form/m);
    const bad = probecheck(['profiles', 'v6.13'], { cwd: tempDir() });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^probecheck: E602 \(unknown kernel profile\): unknown kernel profile 'v6\.13'; did you mean 'v6\.1[0-9]?'\?; known: v3\.5, .*mainline$/);
    expect(hasStack(bad.stderr)).toBe(false);
  });
});

describe('probecheck source', () => {
  it('prints the C beside the steps that model each line', () => {
    const r = probecheck(['source', '__driver_attach', '--profile', 'v5.1'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/async_schedule_dev\(__driver_attach_async_helper, dev\);\s+async_schedule_dev/);
    expect(r.stdout).toMatch(/device_unlock\(dev\);\s+device_unlock/);
    expect(r.stdout).not.toContain('!!');
  });
  // models/README.md (module-async variant=going) said this was E501, no v5.1 .. v5.9 profile
  // reading kernel/module.c; v5.4 reads 6e6de3dee51a's (s45 h10). And v4.19's free_module shows
  // its UNFORMED window's step beside the one-step form (MODULE_WINDOW_CATALOGUE).
  it('delete_module at v5.4 (6e6de3dee51a) and free_module\'s two regions at v4.19, as models/README.md says', () => {
    const r = probecheck(['source', 'delete_module', '--profile', 'v5.4'], { cwd: tempDir() });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^kernel\/module\.c:delete_module at torvalds@6e6de3dee51a /);
    const f = probecheck(['source', 'free_module', '--profile', 'v4.19'], { cwd: tempDir() }).stdout;
    expect(f).toMatch(/mod->state = MODULE_STATE_UNFORMED;\s+free_module, module_unformed\n/);
    expect(f).toMatch(/list_del_rcu\(&mod->list\);\s+free_module\n/);
  });
  it('--json names the snapshot and marks every line', () => {
    const r = probecheck(['source', 'device_driver_attach', '--profile', 'mainline', '--json'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout) as { snapshot: string; anchored: boolean; lines: { n: string; steps: string[]; effect: string | null }[] };
    expect(v.snapshot).toBe('dakr@1ac45118ddf8');
    expect(v.anchored).toBe(true);
    expect(v.lines.filter((l) => l.effect && l.steps.length === 0)).toEqual([]);
  });
  it('a function whose text does not stand for the release says so, and is not called anchored', () => {
    // (v6.12's dev_uevent until s39 h2, when v6.12 moved to core.c at 9a71892cbcdb; v5.4's device_del until
    // s42 h6, when v5.4 read it at e2ae9bcc4aaa; v5.0's __device_release_driver, v4.19.y's, still syncs itself.)
    const r = probecheck(['source', '__device_release_driver', '--profile', 'v5.0'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^not checked at v5\.0: this text does not stand for the release: .*async_synchronize_full/);
    const j = JSON.parse(probecheck(['source', '__device_release_driver', '--profile', 'v5.0', '--json'], { cwd: tempDir() }).stdout) as { anchored: boolean; unread?: string };
    expect(j.anchored).toBe(false);
    expect(j.unread).toMatch(/ASYNC_SYNC_IN_DRIVER_DETACH/);
    // A `path:fn` source: v5.4 reads core.c at fb583c8eeeb1 but device_del at e2ae9bcc4aaa (kill_device's call).
    const dd = JSON.parse(probecheck(['source', 'device_del', '--profile', 'v5.4', '--json'], { cwd: tempDir() }).stdout) as { snapshot: string; anchored: boolean; unread?: string; lines: { text: string; steps: string[] }[] };
    expect(dd).toMatchObject({ snapshot: 'torvalds@e2ae9bcc4aaa', anchored: true });
    expect(dd.unread).toBeUndefined();
    expect(dd.lines.find((l) => l.text.trim() === 'kill_device(dev);')!.steps.length).toBeGreaterThan(0);
    // driver.c is read from v5.19 to v6.12 since 2026-12-06 (OVERRIDE_LOCK); mainline's store is dd.c's.
    const none = probecheck(['source', 'driver_set_override', '--profile', 'mainline'], { cwd: tempDir() });
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe('probecheck: E501 (bad command-line usage): profile mainline reads no snapshot of drivers/base/driver.c; profiles that do: v3.5, v5.10, v5.15, v5.19, v6.1, v6.6, v6.12');
    // At v6.12 the driver_override store's step (6265539776a0's lock, in driver.c from the v5.19 cycle) covers its lines.
    const dso = JSON.parse(probecheck(['source', 'driver_set_override', '--profile', 'v6.12', '--json'], { cwd: tempDir() }).stdout) as { snapshot: string; anchored: boolean; lines: { text: string; steps: string[] }[] };
    expect([dso.snapshot, dso.anchored]).toEqual(['torvalds@ab7a880263c3', true]);
    expect(dso.lines.filter((l) => l.steps.includes('kfree_old')).map((l) => l.text.trim())).toEqual(['device_lock(dev);', 'old = *override;', '*override = new;', 'device_unlock(dev);', 'kfree(old);']);
  });
  // The README's "Properties" names this command: the line that makes mutex waits strongly fair.
  it("the mutex's handoff line at v5.15, and its absence at v5.10, where the flag is off", () => {
    const r = probecheck(['source', '__mutex_lock_common', '--profile', 'v5.15'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^679\s+if \(__mutex_trylock_or_handoff\(lock, first\) \|\|/m);
    const old = probecheck(['source', '__mutex_lock_common', '--profile', 'v5.10'], { cwd: tempDir() });
    expect(old.status).toBe(0);
    expect(old.stdout).not.toContain('__mutex_trylock_or_handoff');
    expect(old.stdout).toContain('__mutex_set_flag(lock, MUTEX_FLAG_HANDOFF);');
  });
  it('an unknown function or a profile without that file: one line, exit 2', () => {
    for (const args of [['source', 'no_such_fn'], ['source', '__driver_attach', '--profile', 'v4.14']]) {
      const r = probecheck(args, { cwd: tempDir() });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(hasStack(r.stderr)).toBe(false);
    }
  });
});
