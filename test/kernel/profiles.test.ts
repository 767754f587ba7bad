/** Profiles are flag sets: they differ exactly by their flags, every flag carries its commit. */
import { describe, expect, it } from 'vitest';
import { FLAGS, PROFILES, PROFILE_NAMES, buildScenario, check, profile, profileDiff, type ScenarioSpec } from 'probecheck';
import { stepLabels } from './helpers.js';
import { excerpt, resolveAnchor, snapshotOf, sourceFile } from '../../src/kernel/source.js';
import { lateInitcallRefusal } from '../../src/kernel/paths/late-initcall.js';

const everything: ScenarioSpec = {
  name: 'all', devices: { p: { present: true, boundTo: 'pd' }, c: { parent: 'p' }, q: {} },
  drivers: { pd: { matches: ['p'], present: true }, cd: { matches: ['c'], probeType: 'async', probe: ['ok', 'defer'] }, qd: { matches: ['q'], module: 'm' } },
  modules: { m: {} },
  actors: { insmod: ['register cd', 'unregister cd'], hotplug: ['add c', 'del c'], 'sysfs unbind': 'unbind pd p', udev: ['uevent p', 'wait_for_device_probe'], modprobe: ['modprobe m', 'rmmod m'] },
};

// mmc's link to pmic defers its sysfs bind while pmic is unbound; pmic's bind then triggers the deferred work.
const linkDefer: ScenarioSpec = {
  name: 'link-defer', devices: { pmic: {}, mmc: {} },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
  actors: { boot: ['add pmic', 'add mmc', 'unbind pmic-drv pmic', 'bind mmc-drv mmc', 'bind pmic-drv pmic'] }, properties: ['deferred-lists', 'no-deadlock'],
};

describe('a link deferral before and after LINK_DEFER_ADD (v4.15)', () => {
  // v4.10's really_probe returns the links' -EPROBE_DEFER without putting mmc on a list; v4.18's puts it there.
  const retried = (p: string) => {
    const r = check(buildScenario(linkDefer, p, '').model);
    expect(r.complete).toBe(true);
    return r.coverage.some((e) => e.thread === 'kworker deferred_probe_work_func' && e.fired > 0 && e.label.includes('really_probe(mmc,mmc-drv)'));
  };
  it('v4.14: the deferred work never retries mmc; v4.18: it does', () => {
    expect(retried('v4.14')).toBe(false);
    expect(retried('v4.18')).toBe(true);
  });
});

describe('profiles', () => {
  it('each flag names a commit, a version and a subject; each profile lists known flags', () => {
    for (const [f, i] of Object.entries(FLAGS)) expect(i.commit && i.since && i.subject, f).toBeTruthy();
    for (const p of Object.values(PROFILES)) for (const f of p.flags) expect(FLAGS).toHaveProperty(f);
  });

  it('neighbouring profiles differ exactly by the flags of that release', () => {
    expect(profileDiff('v3.5', 'v3.14')).toEqual({ added: ['BUS_LIST_BEFORE_PROBE', 'MODULE_SYNC_PF_USED_ASYNC', 'REQUEST_MODULE_ASYNC_WARN', 'MODULE_LOAD_WAITS', 'LATE_INITCALL_FLUSH', 'SHUTDOWN_LOCKS', 'KERNFS'], removed: [] });
    expect(profileDiff('v3.14', 'v4.2')).toEqual({ added: ['TRIGGER_COUNT', 'ASYNC_PROBE', 'ATTACH_DRIVER_EBUSY', 'DRIVER_OVERRIDE', 'SHUTDOWN_NO_FINAL_SYNC'], removed: [] });
    expect(profileDiff('v4.2', 'v4.14')).toEqual({ added: ['WAIT_FLUSH_DEFERRED', 'DEVICE_LINKS', 'OVERRIDE_LOCK', 'MATCH_DEFER', 'UMH_FILE'], removed: [] });
    // device_shutdown's final async_synchronize_full() is gone by v3.18 in two vendors' trees, so v4.2 has the flag (settled, 2026-12-06); v3.14 leaves it open.
    expect(PROFILES['v3.14']!.unsettled?.SHUTDOWN_NO_FINAL_SYNC).toBeDefined();
    expect(profileDiff('v4.14', 'v4.18')).toEqual({ added: ['LINK_DEFER_ADD', 'LINK_KREF', 'NEED_PARENT_LOCK', 'LINKS_PURGE_AFTER_UNBIND'], removed: [] });
    expect(profileDiff('v4.18', 'v4.19')).toEqual({ added: ['LATE_INITCALL_SECOND_PASS', 'PROBE_TIMEOUT_WORK', 'TIMEOUT_WORK_CLEARS', 'SHUTDOWN_BLOCKS_PROBING'], removed: [] });
    expect(profileDiff('v4.19', 'v5.0')).toEqual({ added: ['ASYNC_SYNC_IN_DRIVER_DETACH', 'LINKS_LOOP_PARENT_TEST'], removed: [] });
    expect(profileDiff('v5.0', 'v5.1')).toEqual({ added: ['DEAD_FLAG', 'PER_DEVICE_ASYNC_ATTACH', 'DRIVER_LOCK_HELPERS', 'LINKS_NO_DRIVER_DORMANT', 'AUTOPROBE_CONSUMER'], removed: ['ATTACH_DRIVER_EBUSY', 'LINKS_LOOP_PARENT_TEST'] });
    expect(profileDiff('v5.1', 'v5.4')).toEqual({ added: ['KILL_DEVICE', 'MODULE_LOAD_WAITS_GOING'], removed: [] });
    expect(profileDiff('v5.4', 'v5.9')).toEqual({ added: ['ATTACH_DEAD_CHECK', 'LINKS_NO_DRIVER_BOUND_CHECK', 'WAIT_PROBE_TIMEOUT', 'MODULE_WQ_UNLOAD_WAKE'], removed: [] });
    expect(profileDiff('v5.9', 'v5.10')).toEqual({ added: [], removed: [] });
    expect(profileDiff('v5.10', 'v5.15')).toEqual({ added: ['KERNFS_WRITE_ITER', 'TIMEOUT_WALK_LOCKED', 'PROBE_BUSY_CHECK', 'DRIVER_ATTACH_INLINE_LOCK', 'MUTEX_HANDOFF', 'TIMEOUT_RELAXES_FW_LINKS'], removed: [] });
    expect(profileDiff('v5.15', 'v5.19')).toEqual({ added: ['ASYNC_AFTER_UNLOCK', 'ASYNC_DRIVER_PENDING_CHECK', 'MODULE_DIR'], removed: ['MODULE_SYNC_PF_USED_ASYNC', 'WAIT_PROBE_TIMEOUT'] });
    expect(profileDiff('v5.19', 'v6.1')).toEqual({ added: ['PROBE_TIMEOUT_DEFAULT_10', 'DRIVER_ATTACH_ASYNC_AFTER_UNLOCK', 'MATCH_DEFER_RETURNS'], removed: [] });
    expect(profileDiff('v6.1', 'v6.6')).toEqual({ added: ['MODULE_WAIT_ONCE'], removed: ['MODULE_LOAD_WAITS_GOING'] });
    expect(profileDiff('v6.6', 'v6.12')).toEqual({ added: ['UEVENT_SHOW_LOCKED'], removed: [] });
    // LINKS_NO_DRIVER_UNBINDING_QUIET: 36d74f17e03f (v7.2), in mainline's core.c since it reads 10864921212f (s51 h3).
    expect(profileDiff('v6.12', 'mainline')).toEqual({ added: ['UEVENT_SINGLE_READ', 'READY_TO_PROBE', 'OVERRIDE_MATCH_LOCKED', 'LINKS_NO_DRIVER_UNBINDING_QUIET'], removed: ['UEVENT_SHOW_LOCKED'] });
  });

  // wait_for_device_probe's timeout wait is modelled as passing at once (paths/async.ts): it would
  // block only with a timeout > 0 in a scenario that starts before the late initcall.
  // The s28 flags audit: v5.1 has both (core.c read at e7dd40105aac, the AUTOPROBE commit itself). Its
  // dd.c hunk un-statics driver_deferred_probe_add, and v5.1's own dd.c (376991db4b64) has it non-static;
  // 15cfb0941603 precedes it (e7dd40105aac's core.c already has the DORMANT shape). Not v5.0: both came
  // after 3451a495ef24 (the dead flag, v5.1 merge window). No v5.0/v5.1 tag tree was read.
  it('v5.1 has LINKS_NO_DRIVER_DORMANT and AUTOPROBE_CONSUMER (core.c at e7dd40105aac; dd.c at 376991db4b64 has its un-static hunk); v5.0 lacks them', () => {
    expect(PROFILES['v5.1']!.sources['drivers/base/core.c']).toBe('torvalds@e7dd40105aac');
    for (const f of ['LINKS_NO_DRIVER_DORMANT', 'AUTOPROBE_CONSUMER'] as const) {
      expect(PROFILES['v5.1']!.flags, f).toContain(f);
      expect(PROFILES['v5.0']!.flags, f).not.toContain(f);
      expect(FLAGS[f].since, f).toMatch(/^v5\.1 /);
    }
    const add = excerpt('torvalds@376991db4b64', 'drivers/base/dd.c', 'driver_deferred_probe_add')!;
    expect(add.lines[0]).toBe('void driver_deferred_probe_add(struct device *dev)');
    const bound = excerpt('torvalds@e7dd40105aac', 'drivers/base/core.c', 'device_links_driver_bound')!;
    expect(resolveAnchor(bound, 'driver_deferred_probe_add(link->consumer);@1').length).toBeGreaterThan(0);
    expect(resolveAnchor(excerpt('torvalds@e7dd40105aac', 'drivers/base/core.c', 'device_links_no_driver')!, 'WRITE_ONCE(link->status, DL_STATE_DORMANT);@1').length).toBeGreaterThan(0);
    // 3451a495ef24, the core.c v5.1 read before, has neither line.
    expect(() => resolveAnchor(excerpt('torvalds@3451a495ef24', 'drivers/base/core.c', 'device_links_driver_bound')!, 'driver_deferred_probe_add(link->consumer);@1')).toThrow(/is not in device_links_driver_bound/);
  });

  it('no profile that can build deferred_probe_initcall both waits for the probe timeout and defaults it above 0', () => {
    const both = PROFILE_NAMES.filter((p) => PROFILES[p]!.flags.includes('WAIT_PROBE_TIMEOUT') && PROFILES[p]!.flags.includes('PROBE_TIMEOUT_DEFAULT_10') && !lateInitcallRefusal({ profile: p, unsettled: PROFILES[p]!.unsettled ?? {} }));
    expect(both).toEqual([]);
    expect(PROFILE_NAMES.filter((p) => PROFILES[p]!.flags.includes('WAIT_PROBE_TIMEOUT'))).toEqual(['v5.9', 'v5.10', 'v5.15']);
  });

  it('a flag is in a profile exactly when the snapshot it reads shows the flag\'s line (or the profile says why not)', () => {
    let checked = 0;
    for (const p of PROFILE_NAMES) {
      const prof = PROFILES[p]!;
      for (const [f, info] of Object.entries(FLAGS) as [keyof typeof FLAGS, { shows?: string }][]) {
        if (!info.shows) continue;
        const m = /^([\w/.-]+\.[ch]):(\w+):: (.*)$/.exec(info.shows)!;
        // kernel/module/main.c's lines are looked for in kernel/module.c before MODULE_DIR (v5.10 reads 5.10.13's).
        const file = sourceFile(prof.sources, m[1]!);
        const snap = file && snapshotOf(prof.sources, file, m[2]!);
        if (!snap) continue;
        const ex = excerpt(snap, file, m[2]!);
        let there = false;
        if (ex) { try { there = resolveAnchor(ex, `${m[3]}@1`).length > 0; } catch { there = false; } }
        if (f === 'MODULE_DIR' && file !== m[1]) there = false; // that flag is the file's name itself
        const has = prof.flags.includes(f);
        if (prof.differs?.[f]) expect(there, `${p} ${f}: listed in differs`).not.toBe(has);
        else expect(there, `${p} has ${f}: ${has}; ${snap} ${info.shows}: ${there}`).toBe(has);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  // Two flags no single `shows` line can stand for, held to the same rule by hand (the flags audit of 2026-12-06).
  it('LINK_DEFER_ADD and SHUTDOWN_NO_FINAL_SYNC: in a profile exactly when the snapshot it reads shows them', () => {
    const shows = (snap: string, path: string, fn: string, anchor: string): boolean | undefined => {
      const ex = excerpt(snap, path, fn);
      if (!ex) return undefined;
      try { return resolveAnchor(ex, anchor).length > 0; } catch { return false; }
    };
    const DD = 'drivers/base/dd.c', CORE = 'drivers/base/core.c';
    // A device the links defer goes on the pending list: in really_probe right after the check (v4.15 .. v5.13),
    // or, from v5.14, in driver_probe_device for every -EPROBE_DEFER really_probe returns, the links' included.
    const linkDeferAdd = (snap: string) => !!shows(snap, DD, 'really_probe', 'device_links_check_suppliers(dev); ... driver_deferred_probe_add_trigger(dev, local_trigger_count);@1')
      || (!!shows(snap, DD, 'really_probe', 'device_links_check_suppliers(dev);') && !!shows(snap, DD, 'driver_probe_device', 'driver_deferred_probe_add(dev);'));
    // The flag is a line's absence: device_shutdown no longer ends with async_synchronize_full().
    const noFinalSync = (snap: string) => { const s = shows(snap, CORE, 'device_shutdown', 'async_synchronize_full();'); return s === undefined ? undefined : !s; };
    const seen: string[] = [];
    for (const p of PROFILE_NAMES) {
      const prof = PROFILES[p]!;
      const dd = prof.sources[DD], core = prof.sources[CORE];
      if (dd) { expect(linkDeferAdd(dd), `${p} LINK_DEFER_ADD at ${dd}`).toBe(prof.flags.includes('LINK_DEFER_ADD')); seen.push(`${p}:${linkDeferAdd(dd)}`); }
      const nf = core ? noFinalSync(core) : undefined;
      // As for the lines above: a profile reading another release's core.c says so in `differs` (v3.14, the 4.0 study tree's).
      if (nf !== undefined && prof.differs?.SHUTDOWN_NO_FINAL_SYNC) { expect(nf, `${p} SHUTDOWN_NO_FINAL_SYNC at ${core}: listed in differs`).not.toBe(prof.flags.includes('SHUTDOWN_NO_FINAL_SYNC')); seen.push(`${p}:nf-differs:${nf}`); }
      else if (nf !== undefined) { expect(nf, `${p} SHUTDOWN_NO_FINAL_SYNC at ${core}`).toBe(prof.flags.includes('SHUTDOWN_NO_FINAL_SYNC')); seen.push(`${p}:nf:${nf}`); }
    }
    // Both ways: v4.2 (013c074f8642, no device links) lacks the add, v3.5 (v3.6.0) still ends with the sync.
    expect(seen).toEqual(expect.arrayContaining(['v4.2:false', 'v4.18:true', 'v5.15:true', 'mainline:true', 'v3.5:nf:false', 'v4.14:nf:true', 'mainline:nf:true', 'v3.14:nf-differs:true']));
    // v4.14 reads no dd.c: its brackets disagree (013c074f8642 has no links, 8c97a46af04b the add), and settled says it lacks it.
    expect([linkDeferAdd('torvalds@013c074f8642'), linkDeferAdd('torvalds@8c97a46af04b')]).toEqual([false, true]);
    expect(PROFILES['v4.14']!.settled?.LINK_DEFER_ADD).toMatch(/^lacks it: /);
    expect(PROFILES['v4.14']!.flags).not.toContain('LINK_DEFER_ADD');
  });

  // What the flags audit of 2026-12-06 found for each flag that has no `shows` line: why no excerpt can hold it.
  it('a flag without a `shows` line is one no excerpt a profile reads can show', () => {
    const unshown: Partial<Record<keyof typeof FLAGS, string>> = {
      OVERRIDE_LOCK: 'the lock is in platform.c (v4.13) or driver.c (v5.19 on), as the store calls: held by the test below',
      LINK_DEFER_ADD: 'two shapes in two functions: held by the test above',
      SHUTDOWN_NO_FINAL_SYNC: 'a line\'s absence: held by the test above',
      REQUEST_MODULE_ASYNC_WARN: 'kernel/kmod.c: no profile reads one (the three excerpts are of no known release)',
      PROBE_TIMEOUT_DEFAULT_10: 'a declaration, not a function: no excerpt holds it',
      KERNFS: 'the store\'s entry is kernfs_fop_write or kernfs_fop_write_iter (KERNFS_WRITE_ITER): no one line of both; no fs/sysfs/file.c is read (test/kernel/sysfs-write-file.test.ts)',
      UMH_FILE: 'a file\'s name: no profile reads kernel/umh.c or kernel/kmod.c (test/kernel/module-syscall.test.ts holds the traces)',
    };
    expect(Object.entries(FLAGS).filter(([, i]) => !(i as { shows?: string }).shows).map(([f]) => f).sort()).toEqual(Object.keys(unshown).sort());
  });

  // A finding (2026-12-06): v3.5 and v3.14 built driver_override_store and platform_match's strcmp,
  // steps whose since said v3.16, for a sysfs file those kernels lack (3d713e0e382e).
  it('DRIVER_OVERRIDE: `override` is refused (one E601 line: the action, the profile, the release that added it) exactly where the profile lacks the flag', () => {
    const spec: ScenarioSpec = { name: 'o', devices: { d: {} }, drivers: { a: { matches: ['d'], present: true }, b: { matches: ['d'], present: true } }, actors: { admin: 'override d b', hotplug: 'add d' } };
    const refused: string[] = [];
    for (const p of PROFILE_NAMES) {
      const build = () => buildScenario(spec, p, '');
      if (PROFILES[p]!.flags.includes('DRIVER_OVERRIDE')) { expect(Object.keys(build().model.threads.find((t) => t.name === 'admin')!.steps).some((l) => l.startsWith('driver_override_store(')), p).toBe(true); continue; }
      let err: unknown;
      try { build(); } catch (e) { err = e; }
      expect((err as { code?: string } | undefined)?.code, p).toBe('E601');
      expect((err as Error).message).toBe(`scenario 'o': actor 'admin': action 'override d b': profile ${p} has no driver_override file (3d713e0e382e, v3.16, added it); use v4.2 or later`);
      refused.push(p);
    }
    expect(refused).toEqual(['v3.5', 'v3.14']);
  });

  // OVERRIDE_LOCK (6265539776a0): the sysfs store swaps driver_override under device_lock and frees the old
  // string after. From the v5.19 cycle (6c2f42117427) platform's driver_override_store calls driver.c's
  // driver_set_override, which does that; at mainline cb3d1049f4ea's __device_set_driver_override (dd.c)
  // swaps under driver_override.lock instead (OVERRIDE_MATCH_LOCKED). Until 2026-12-06 no driver.c of
  // v5.19 or later was read and the store's lock there was taken from the commit; nor was a platform.c of
  // v4.13 .. v5.15 or v6.1 (since then v5.0 .. v5.9 read v4.19.y, v5.10 5.10.13, v5.15 5.15.100, v6.1 6c2f42117427).
  it('OVERRIDE_LOCK: the store the model builds takes device_lock exactly where the text each profile reads does', () => {
    const PLAT = 'drivers/base/platform.c', DRV = 'drivers/base/driver.c', DD = 'drivers/base/dd.c';
    const idx = (ex: NonNullable<ReturnType<typeof excerpt>>, a: string) => resolveAnchor(ex, a)[0]!;
    /** The store's lock in the text a profile reads: device_lock, the spinlock of cb3d1049f4ea, or undefined where not read. */
    const textLock = (p: string): 'device_lock' | 'spinlock' | 'none' | undefined => {
      const src = PROFILES[p]!.sources;
      const store = src[PLAT] ? excerpt(src[PLAT], PLAT, 'driver_override_store') : null;
      const set = src[DRV] ? excerpt(src[DRV], DRV, 'driver_set_override') : null;
      if (store && !store.lines.some((l) => l.includes('driver_set_override('))) {
        // platform.c's own swap (6265539776a0): device_lock, the old pointer, the new one, device_unlock, then kfree(old).
        const at = (a: string) => { try { return resolveAnchor(store, a)[0]!; } catch { return -1; } };
        const order = ['device_lock(dev);', 'old = pdev->driver_override;', 'pdev->driver_override = driver_override;', 'device_unlock(dev);', 'kfree(old);'].map(at);
        return order.every((x, i) => x >= 0 && (i === 0 || order[i - 1]! < x)) ? 'device_lock' : 'none';
      }
      if (set) {
        // The new string's path: device_lock, the swap, device_unlock, then kfree(old).
        const order = [idx(set, 'device_lock(dev);@2'), idx(set, 'old = *override;@2'), idx(set, '*override = new;'), idx(set, 'device_unlock(dev);@2'), idx(set, 'kfree(old);@2')];
        return order.every((x, i) => i === 0 || order[i - 1]! < x) ? 'device_lock' : 'none';
      }
      const dso = src[DD] ? excerpt(src[DD], DD, '__device_set_driver_override') : null;
      if (dso) return dso.lines.some((l) => l.includes('scoped_guard(spinlock, &dev->driver_override.lock)')) && !dso.lines.some((l) => l.includes('device_lock(')) ? 'spinlock' : 'none';
      return undefined;
    };
    const spec: ScenarioSpec = { name: 'ovr', devices: { d: { present: true, boundTo: 'a' } }, drivers: { a: { matches: ['d'], present: true } }, actors: { admin: 'override d a' } };
    const seen: string[] = [];
    for (const p of PROFILE_NAMES) {
      const t = textLock(p);
      if (t === undefined) continue;
      const store = buildScenario(spec, p, '').model.threads.find((x) => x.name === 'admin')!.steps['driver_override_store(d,a):kfree_old']!;
      expect(typeof store.await === 'function', `${p}: the store waits for d's mutex (text: ${t})`).toBe(t === 'device_lock');
      expect(store.where.includes('__device_set_driver_override'), `${p}: ${store.where}`).toBe(t === 'spinlock');
      // Where a driver.c with driver_set_override is read, the step is there, and the flag says device_lock.
      if (PROFILES[p]!.sources[DRV] && excerpt(PROFILES[p]!.sources[DRV]!, DRV, 'driver_set_override')) expect(store.where, p).toContain('drivers/base/driver.c:driver_set_override');
      expect(PROFILES[p]!.flags.includes('OVERRIDE_LOCK') && !PROFILES[p]!.flags.includes('OVERRIDE_MATCH_LOCKED'), `${p} OVERRIDE_LOCK`).toBe(t === 'device_lock');
      seen.push(`${p}:${t}`);
    }
    expect(seen).toEqual(['v4.2:none', 'v4.18:device_lock', 'v4.19:device_lock', 'v5.0:device_lock', 'v5.1:device_lock', 'v5.4:device_lock', 'v5.9:device_lock', 'v5.10:device_lock', 'v5.15:device_lock',
      'v5.19:device_lock', 'v6.1:device_lock', 'v6.6:device_lock', 'v6.12:device_lock', 'mainline:spinlock']);
    // v6.1 reads the v5.19-cycle platform.c (the nearest below): its store calls driver_set_override.
    expect(excerpt(PROFILES['v6.1']!.sources[PLAT]!, PLAT, 'driver_override_store')!.lines.join('\n')).toContain('driver_set_override(dev, &pdev->driver_override, buf, count)');
    // No platform.c of v4.1 .. v4.18 was found (s39 h2): v4.2 reads the 4.0 study tree's, the nearest below, whose store swaps
    // bare (textLock 'none' above), and v4.18 v4.19.y's, the nearest above, which locks; v4.14 reads none and has the flag
    // by the commit's release (6265539776a0, v4.13).
    expect(PROFILES['v4.14']!.sources[PLAT]).toBeUndefined();
    expect(PROFILES['v4.14']!.flags).toContain('OVERRIDE_LOCK');
    expect(excerpt('v4.0.y', PLAT, 'driver_override_store')!.lines.join('\n')).not.toContain('device_lock');
    expect(PROFILES['v4.2']!.flags).not.toContain('OVERRIDE_LOCK');
    // The nearest driver.c below v5.19 read (5.10.13, v5.10 and v5.15) has no driver_set_override: the lock was platform.c's then.
    expect(excerpt('v5.10.13', DRV, 'driver_set_override')).toBeNull();
  });

  it('a bracketed profile has a flag exactly when both brackets show it, unless its commit\'s release settled it', () => {
    let checked = 0, settled = 0, unsettled = 0;
    for (const p of PROFILE_NAMES) {
      const prof = PROFILES[p]!;
      for (const [key, [lower, upper]] of Object.entries(prof.between ?? {})) {
        // A `path:fn` key brackets that function's flags; the file's key, the others.
        const [path, fn] = /^([\w/.-]+\.[ch])(?::(\w+))?$/.exec(key)!.slice(1);
        for (const [f, info] of Object.entries(FLAGS) as [keyof typeof FLAGS, { shows?: string }][]) {
          const m = info.shows ? /^([\w/.-]+\.[ch]):(\w+):: (.*)$/.exec(info.shows) : null;
          if (!m || m[1] !== path || (fn ? m[2] !== fn : prof.between![`${path}:${m[2]}`])) continue;
          const shows = (snap: string) => { const ex = excerpt(snap, path, m[2]!); try { return !!ex && resolveAnchor(ex, `${m[3]}@1`).length > 0; } catch { return false; } };
          const [lo, hi] = [shows(lower), shows(upper)];
          if (lo === hi) expect(prof.flags.includes(f), `${p} ${f}: ${lower} and ${upper} agree (${lo})`).toBe(lo);
          else {
            // Settled by its commit's release, or listed as not settled (what needs it is refused there).
            const why = prof.settled?.[f];
            if (why === undefined && prof.unsettled?.[f]) { unsettled++; continue; }
            expect(why, `${p} ${f} changes between ${lower} and ${upper}: settle it`).toMatch(/^(has|lacks) it: /);
            expect(prof.flags.includes(f), `${p} ${f}: ${why}`).toBe(why!.startsWith('has'));
            settled++;
          }
          checked++;
        }
      }
      for (const f of Object.keys(prof.settled ?? {})) expect(prof.between, `${p} settles ${f} but names no brackets`).toBeDefined();
    }
    expect(checked).toBeGreaterThan(10);
    // v6.1, v5.4 and v5.15 settled two flags each between their brackets until their own dd.c was read (07b7b883be5b, 97e2551de3f9, f04948dea236).
    // v3.14's LATE_INITCALL_FLUSH and v5.0's LATE_INITCALL_SECOND_PASS and PROBE_TIMEOUT_WORK were not settled until 2026-12-04 (a 3.10.9 vendor tree, a tree named 4.19).
    // v4.14's MATCH_DEFER since 2026-12-05 (656b8035b0ee: absent at 013c074f8642, present at 8c97a46af04b).
    // v3.14's and v4.2's DRIVER_OVERRIDE since 2026-12-06, between platform.c of v3.6.0 and v4.19.y (3d713e0e382e: v3.15 or v3.16).
    // v5.0's LATE_INITCALL_SECOND_PASS, PROBE_TIMEOUT_WORK and TIMEOUT_WORK_CLEARS since 2026-12-06 (s37 h4): its lower bracket is v4.19.y's dd.c, which shows them.
    // v5.0's LINKS_LOOP_PARENT_TEST since s43 h6, by __device_release_driver's own bracket (v4.19.y, 3451a495ef24),
    // which also leaves DRIVER_LOCK_HELPERS to the brackets (both lack its line) where the file's (376991db4b64 above) needed it settled.
    expect(settled).toBe(15);
    expect(unsettled).toBe(0);
  });

  it('profiles with the same flags build the same steps; different flags build different steps', () => {
    const labels = (p: string, patches = '') => [...stepLabels(everything, p, patches).entries()].map(([k, v]) => `${k} ${v.where} ${v.since ?? ''}`).join('\n');
    expect(labels('v5.4', '654888327e9f')).toBe(labels('v5.9'));
    // A release with no modelled change since its neighbour (v5.10) is the same flag set.
    // v4.19 differs from v4.18 only in the late initcall and device_shutdown, which `everything` does not run: `late` does.
    const late: ScenarioSpec = { name: 'late', devices: { q: {} }, drivers: { qd: { matches: ['q'], present: true } }, actors: { boot: 'deferred_probe_initcall' } };
    const both = (p: string) => `${labels(p)}\n${[...stepLabels(late, p, '').entries()].map(([k, v]) => `${k} ${v.where} ${v.since ?? ''}`).join('\n')}`;
    let same = 0;
    for (let i = 1; i < PROFILE_NAMES.length; i++) {
      const [a, b] = [PROFILE_NAMES[i - 1]!, PROFILE_NAMES[i]!];
      const d = profileDiff(a, b);
      if (d.added.length + d.removed.length === 0) { expect(both(b), b).toBe(both(a)); same++; } else expect(both(b), b).not.toBe(both(a));
    }
    expect(same).toBe(1); // v5.10 as v5.9; v6.6 differs from v6.1 by 0254127ab977 (a load no longer waits for a GOING module), v6.12 from v6.6 by UEVENT_SHOW_LOCKED
  });

  it('a since tag on a step names the commit of the flag that produced it', () => {
    const since = [...stepLabels(everything, 'mainline').values()].map((v) => v.since ?? '');
    for (const f of ['DEAD_FLAG', 'ATTACH_DEAD_CHECK', 'ASYNC_AFTER_UNLOCK', 'PER_DEVICE_ASYNC_ATTACH'] as const) {
      expect(since.some((s) => s.includes(FLAGS[f].commit.slice(0, 12))), f).toBe(true);
    }
  });

  // A new user read "VERSION = 2, PATCHLEVEL = 6, SUBLEVEL = 32" as the v4.2 snapshot's release (2026-12-04).
  it('an excerpt whose stored Makefile is another commit\'s shows its Makefile as not read', () => {
    const o = excerpt('torvalds@013c074f8642', 'drivers/base/dd.c', '__device_attach')!.origin;
    expect(o).toContain('Makefile: not read at this commit (torvalds/linux stored Makefile is from commit 00095879');
    expect(o).not.toContain('SUBLEVEL = 32');
  });

  // Steps read k.on.FLAG while the search runs (k.has is a closure call and a Set lookup): the two must agree everywhere.
  it('a kernel\'s on fields say what has() says, for every flag of every profile', () => {
    for (const p of PROFILE_NAMES) {
      const k = buildScenario(everything, p, '').kernel;
      expect(Object.keys(k.on).sort(), p).toEqual(Object.keys(FLAGS).sort());
      for (const f of Object.keys(FLAGS) as (keyof typeof FLAGS)[]) expect(k.on[f], `${p} ${f}`).toBe(k.has(f));
      expect(Object.isFrozen(k.on)).toBe(true);
      expect(k.userPatched).toBe(false);
    }
  });

  it('E602 lists the known profiles', () => {
    expect(() => profile('v99')).toThrow(`unknown kernel profile 'v99'; known: ${PROFILE_NAMES.join(', ')}`);
    // A release number gets the newest profile not after it (a new user's v4.19 got v4.14, 2026-12-04).
    expect(() => profile('v6.13')).toThrow(`unknown kernel profile 'v6.13'; did you mean 'v6.12'?; known: ${PROFILE_NAMES.join(', ')}`);
    expect(() => profile('v4.20')).toThrow("unknown kernel profile 'v4.20'; did you mean 'v4.19'?");
    try { buildScenario(everything, 'v2.6', ''); expect.unreachable(); } catch (e) { expect((e as { code: string }).code).toBe('E602'); }
  });
});
