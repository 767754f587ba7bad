/**
 * Patches: real fixes as diffs to a profile. A patch names its subject, commit and the steps it
 * touches (`function:label`), and replaces or inserts only those steps (see emit.ts), so it reads
 * like the hunk on the list. A profile plus patches is a new profile; some flags are implemented
 * by their fix's patch (TRIGGER_COUNT by 58b116bce136, ATTACH_DEAD_CHECK by 654888327e9f), so the
 * patched older profile and the newer profile build the very same steps.
 */
import { ProbecheckError } from '../engine/errors.js';
import { RETURN, type Patch } from './emit.js';
import type { Flag } from './profiles.js';
import { BUS, CORE, DD, heldOld, linesIn, mayDefer, mutexWaits, takeSnapshot, textLines, triggeredSince, unlockDev } from './paths/common.js';
import { deferAllStep } from './paths/really-probe.js';
import { linkAddRefused, linkDelRuns } from './paths/links.js';
import { RET } from './world.js';
import { overrideSwap, setOverrideLines } from './paths/driver-override.js';
import { isPatchFile, isUserPatch, patchFile } from './define-patch.js';
import { resolve } from 'node:path';
import { belowCwd } from '../report/trace-file.js';

export const PATCHES: Record<string, Patch> = {
  '654888327e9f': {
    id: '654888327e9f', commit: '654888327e9f655a9d55ad477a9583e90e8c9b5c', base: 'v5.1',
    // Its steps are anchored in dd.c as this commit left it.
    sources: { 'drivers/base/dd.c': 'torvalds@654888327e9f' },
    subject: 'driver core: Avoid binding drivers to dead devices',
    touches: ['__device_attach:device_lock', '__device_attach:check_dead'],
    flags: ['ATTACH_DEAD_CHECK'],
    // The dead test goes before the dev->driver test (dd.c at 654888327e9f:867-869, the same in every
    // later dd.c read): a dead device returns 0 even when bound. device_lock keeps the lock and sets
    // ret as before, but every branch now goes through check_dead, which decides.
    hunks: [{
      fn: '__device_attach', replace: 'device_lock',
      step: (_site, orig) => ({ ...orig!, c: ['device_lock(dev);'], run: (s, t, b, c) => {
        const r = orig!.run(s, t, b, c);
        return r === 'out_unlock' ? 'bus_for_each_drv' : r;
      } }),
    }, {
      fn: '__device_attach', insert: { label: 'check_dead', after: 'device_lock', before: 'bus_for_each_drv' },
      // +	if (dev->p->dead) {
      // +		goto out_unlock;
      // +	} else if (dev->driver) {
      step: (site) => ({
        where: `${DD}:__device_attach`, since: 'v5.9 (654888327e9f)', c: ['if (dev->p->dead) {', '} else if (dev->driver) {', 'if (device_is_bound(dev)) {', 'ret = bus_for_each_drv(dev->bus, NULL,'],
        run: (s, t) => {
          const d = s.dev[site.dev]!;
          // A holder of the old struct's lock (the slot added again since it locked) reads the old, dead one.
          if (d.dead || heldOld(s, site.dev, site.tb.owner)) { t.ret = RET.ZERO; return 'out_unlock'; }
          // ret as device_lock set it: 1 for a bound device, 0 for one whose driver is set but not bound.
          return d.driver !== 0 ? 'out_unlock' : 'bus_for_each_drv';
        },
      }),
    }],
  },
  '58b116bce136': {
    id: '58b116bce136', commit: '58b116bce136', base: 'v3.14',
    subject: 'drivercore: deferral race condition fix',
    touches: ['really_probe:call_probe', 'really_probe:driver_deferred_probe_add'],
    flags: ['TRIGGER_COUNT'],
    hunks: [{
      // +	int local_trigger_count = atomic_read(&deferred_trigger_count);
      fn: 'really_probe', replace: 'call_probe',
      step: (site, orig) => {
        const defers = mayDefer(site.k, site.dev, site.drv);
        // Where really_probe tests defer_all_probes in a step before this one, that step reads it (really-probe.ts deferAllStep).
        if (deferAllStep(site.k)) return { ...orig!, since: 'v3.15 (58b116bce136)' };
        return { ...orig!, since: 'v3.15 (58b116bce136)', ...(orig!.c ? { c: ['int local_trigger_count = atomic_read(&deferred_trigger_count);', ...orig!.c] } : {}),
          // (A holder of the deleted struct, the slot added again since its check, takes none: its
          // driver_sysfs_add fails and it compares nothing; the slot's snapshot is the new struct's.)
          run: (s, t, b, c) => { if (!heldOld(s, site.dev, site.tb.owner)) takeSnapshot(site.k, s, site.dev, defers); return orig!.run(s, t, b, c); } };
      },
    }, {
      // +		/* Did a trigger occur while probing? Need to re-trigger if yes */
      // +		if (local_trigger_count != atomic_read(&deferred_trigger_count))
      // +			driver_deferred_probe_trigger();
      fn: 'really_probe', replace: 'driver_deferred_probe_add',
      step: (site, orig) => {
        const defers = mayDefer(site.k, site.dev, site.drv);
        // The test is really_probe's; where the profile reads its text the step cites it (B1's line).
        return { ...orig!, since: 'v3.15 (58b116bce136)', ...(orig!.c && site.k.sources['drivers/base/dd.c'] ? { c: [...orig!.c, 'really_probe:: if (local_trigger_count != atomic_read(&deferred_trigger_count)) || really_probe:: driver_deferred_probe_add_trigger(dev, local_trigger_count);@2'] } : {}),
          run: (s, t, b, c) => {
            const r = orig!.run(s, t, b, c);
            return triggeredSince(site.k, s, site.dev, site.drv, defers) ? 'driver_deferred_probe_trigger' : r;
          } };
      },
    }],
  },
};

PATCHES['18daa52418e7'] = {
  id: '18daa52418e7', commit: '18daa52418e7', base: 'v5.19',
  subject: 'driver core: fix potential NULL pointer dereference in dev_uevent()',
  // The hunk replaces both lines with one call, dev_driver_uevent (the test and the print under the
  // lock): the single-read step covers it, and the print step, left unreachable, names the same call.
  touches: ['dev_uevent:if_driver', 'dev_uevent:add_uevent_var'],
  flags: ['UEVENT_SINGLE_READ'],
  // Its line is found in core.c at 4793dae01f47 (v7.1-rc1 merge: vanilla, after it; mainline's until 2026-12-07) where the
  // profile's predates it (v5.19 + this patch); the commit's own file is not stored (2026-12-06).
  sources: { 'drivers/base/core.c': 'torvalds@4793dae01f47' },
  hunks: [{
    fn: 'dev_uevent', replace: 'add_uevent_var',
    // Named by its new line, and `cannot`: the read step returns, so an unfired-step warning would
    // otherwise name the gone `dev->driver->name` print at mainline (a new user's hunt, s40 h3).
    step: (_site, orig) => ({ ...orig!, where: 'drivers/base/core.c:dev_uevent (dev_driver_uevent(dev, env): the read step prints)', c: ['dev_driver_uevent(dev, env); #part'],
      cannot: 'dev_uevent\'s second read of dev->driver, gone with 18daa52418e7: dev_driver_uevent reads it once and prints (the step before)' }),
  }, {
    // +	scoped_guard(spinlock, &sp->klist_drivers.k_lock) {
    // +		struct device_driver *drv = READ_ONCE(dev->driver);
    // +		if (drv) add_uevent_var(env, "DRIVER=%s", drv->name);
    fn: 'dev_uevent', replace: 'if_driver',
    step: () => ({ where: 'drivers/base/core.c:dev_uevent (READ_ONCE(dev->driver) under klist_drivers.k_lock)', since: 'v6.15 (18daa52418e7)', c: ['dev_driver_uevent(dev, env); #part'], run: () => RETURN }),
  }],
};

/** a2225b6e834a's lines in __driver_probe_device. */
const READY_LINES = ['if (!dev_ready_to_probe(dev))', 'return dev_err_probe(dev, -EPROBE_DEFER, "Device not ready to probe'];

/**
 * B14's fix as merged: a2225b6e834a838ae3c93709760edc0a169eb2f2, "driver core: Don't let a device
 * probe until it's ready" (Douglas Anderson; Link: v5 1/9 of 2026-04-06; committed by Danilo
 * Krummrich; Cc: stable; Fixes: 2023c610dc54). No tree with it is stored: the hunks are read in
 * the v5 posting (its context is mainline's: dd.c @@ -848 in __driver_probe_device(const struct
 * device_driver *drv, ...), core.c @@ -3688 in device_add) and in two 6.1.y postings that say
 * "cherry picked from" / "[ Upstream commit a2225b6e834a... ]" and carry the same added lines.
 * It was pushed to driver-core's driver-core-linus on 2026-04-12 and reached for-7.2 through
 * "Merge tag 'driver-core-7.1-rc1'": v7.1-rc1 by that (not read in a torvalds/linux tag). It
 * adds include/linux/device.h's `flags` bitmap with DEV_FLAG_READY_TO_PROBE and its accessors
 * (the model keeps the bit as dev[].ready, which device_del clears: a device added again is a
 * new struct device, zeroed), and two hunks:
 *
 * drivers/base/dd.c, __driver_probe_device, after the -ENODEV and -EBUSY checks:
 * +	if (!dev_ready_to_probe(dev))
 * +		return dev_err_probe(dev, -EPROBE_DEFER, "Device not ready to probe\n");
 * +	/\* Set can_match = true after calling dev_ready_to_probe(), so
 * +	 * driver_deferred_probe_add() won't actually add the device to the
 * +	 * deferred probe list when dev_ready_to_probe() returns false. ... *\/
 *  	dev->can_match = true;
 * Every probe path goes through it (driver_probe_device from __driver_attach, the async helpers,
 * __device_attach_driver and the deferred worker; device_driver_attach from bind_store). The
 * -EPROBE_DEFER is negative, returned as is (RET.LINK_DEFER, the model's value for that, first
 * met with device links): driver_probe_device calls driver_deferred_probe_add, which adds
 * nothing unless can_match was set by an earlier attempt (dd.c at 5a7a9efdb193:
 * `if (!dev->can_match) return;`), and compares the trigger count; __device_attach_driver
 * returns it and stops the walk (`if (ret < 0) return ret;`); device_driver_attach turns it into
 * -EAGAIN for bind_store. The retry is device_add's own bus_probe_device, after the flag is set.
 * A probe whose really_probe cannot defer takes no trigger-count snapshot (common.ts), so for it
 * the patch goes straight to `atomic_dec(&probe_count)`: its driver_deferred_probe_add adds
 * nothing unless can_match was set by an earlier attempt (in the model only a device deleted and
 * added again, which it otherwise treats as a new struct device, whose can_match the C zeroes),
 * and its trigger-count comparison (a re-trigger for the other pending devices) is not modelled.
 * A probe that can defer takes the whole deferral path, as the C does.
 *
 * drivers/base/core.c, device_add, after device_pm_add, the add uevent and fw_devlink, just
 * before bus_probe_device:
 * +	device_lock(dev);
 * +	dev_set_ready_to_probe(dev);
 * +	device_unlock(dev);
 *  	bus_probe_device(dev);
 * The model's device_pm_add step already runs from device_pm_add to bus_probe_device's autoprobe
 * test and sets `ready` there; the patch makes it wait for dev->mutex (taken and dropped in it).
 *
 * The v3 the model used to ship as `dev-ready-v3` (read: [PATCH v3 1/9], 2026-04-02) has the same
 * dd.c check in __driver_probe_device, and sets the bit with set_bit() without device_lock (v2
 * took the lock, v3 and v4 did not, v5 took it again); only that lock differs in what the model
 * keeps. The model's `dev-ready-v3` instead made __driver_attach skip a not-ready device: that is
 * what Anderson proposed in a reply before v2 (Alan Stern answered that all probe paths must be
 * held off), not v3; it is replaced by this patch.
 */
PATCHES['a2225b6e834a'] = {
  id: 'a2225b6e834a', commit: 'a2225b6e834a838ae3c93709760edc0a169eb2f2', base: 'mainline',
  subject: "driver core: Don't let a device probe until it's ready",
  touches: ['driver_probe_device:check', '__driver_probe_device:check', 'device_add:device_pm_add'],
  flags: ['READY_TO_PROBE'],
  // The dd.c hunk as merged, read in the driver-core co-maintainer's tree (kernel/README.md).
  sources: { 'drivers/base/dd.c': 'dakr@1ac45118ddf8' },
  hunks: [{
    // driver_probe_device's check step runs __driver_probe_device's checks (PROBE_BUSY_CHECK shape).
    fn: 'driver_probe_device', replace: 'check',
    step: (site, orig) => {
      if (!site.k.has('PROBE_BUSY_CHECK')) throw new ProbecheckError('E604', `patch a2225b6e834a does not apply to ${site.k.profile}: it is modelled on __driver_probe_device (v5.14+, PROBE_BUSY_CHECK); older stable backports put the check elsewhere`);
      const defers = mayDefer(site.k, site.dev, site.drv);
      return { ...orig!, since: 'a2225b6e834a (v7.1-rc1, inferred)', c: [...orig!.c!, ...READY_LINES.map((l) => `__driver_probe_device:: ${l}`)], run: (s, t, b, c) => {
        const d = s.dev[site.dev]!, canMatch = d.canMatch;
        const r = orig!.run(s, t, b, c);   // probe_count++, snapshot, -ENODEV / -EBUSY, can_match = true
        if (r === 'out' || d.ready) return r;
        d.canMatch = canMatch;             // the check comes before `dev->can_match = true;`
        t.ret = RET.LINK_DEFER;            // -EPROBE_DEFER, negative
        return defers ? 'deferred' : 'out';
      } };
    },
  }, {
    // bind_store -> device_driver_attach -> __driver_probe_device
    fn: '__driver_probe_device', replace: 'check',
    step: (site, orig) => ({ ...orig!, since: 'a2225b6e834a (v7.1-rc1, inferred)', c: [...orig!.c!, ...READY_LINES], run: (s, t, b, c) => {
      const d = s.dev[site.dev]!, canMatch = d.canMatch;
      const r = orig!.run(s, t, b, c);
      if (r === RETURN || d.ready) return r;
      // The check comes before `dev_set_can_match(dev);` (dakr@1ac45118ddf8 dd.c:347, 358), as in
      // the hunk above (a new user, 2026-12-05: this one left can_match set on a device not ready).
      d.canMatch = canMatch;
      t.ret = RET.LINK_DEFER;
      return RETURN;
    } }),
  }, {
    // The lock and the flag are device_add's, before it calls bus_probe_device; where the cited
    // core.c predates them the row says where they come from (a new user, 2026-12-05, looked for
    // them in the cited lines, and in bus_probe_device, where the row put them). Mainline's core.c
    // (10864921212f, v7.3-rc1) has the three lines, as the posting wrote them: there the row cites
    // them (s51 h5: it said "from its posting" at mainline too).
    fn: 'device_add', replace: 'device_pm_add',
    step: (site, orig) => ({ ...orig!, where: `${CORE}:device_add (device_pm_add, uevent; a2225b6e834a: device_lock; dev_set_ready_to_probe; device_unlock${textLines(site.k, CORE, 'device_add', ['device_lock(dev);', 'dev_set_ready_to_probe(dev);', 'device_unlock(dev);']).length ? '' : ', from its posting, not in the cited core.c'}), ${BUS}:bus_probe_device`, since: 'a2225b6e834a (v7.1-rc1, inferred)',
      // device_lock is awaited, not held: the step sets the flag with the lock free, as lock, set, unlock would.
      merges: "device_unlock to bus_probe_device: nothing between them, and bus_probe_device's first act here is the drivers_autoprobe test, of a bus setting no actor changes; another thread that takes device_lock after the unlock does so before or after that test alike (the text's comment: a probe through another thread before bus_probe_device runs is fine)",
      await: (s) => s.dev[site.dev]!.mutex === 0, waits: mutexWaits(site.k, site.dev) }),
  }],
};

PATCHES['774a1221e862'] = {
  id: '774a1221e862', commit: '774a1221e862', base: 'v3.5',
  subject: 'module, async: async_synchronize_full() on module init iff async is used',
  touches: ['do_init_module:load_module', 'do_init_module:module_live'],
  flags: ['MODULE_SYNC_PF_USED_ASYNC'],
  hunks: [{
    // do_init_module, before the module's init (torvalds/linux kernel/module.c at 6cd5513c813e,
    // about v4.5, read with read_file; removed again by 67d6212afda2's diff):
    // +	/*
    // +	 * We want to find out whether @mod uses async during init.  Clear
    // +	 * PF_USED_ASYNC.  async_schedule*() will set it.
    // +	 */
    // +	current->flags &= ~PF_USED_ASYNC;
    // Without it one modprobe's earlier async work made every later load in that task sync.
    fn: 'do_init_module', replace: 'load_module',
    step: (_site, orig) => ({ ...orig!, since: 'v3.8 (774a1221e862) .. v5.16', run: (s, t, b, c) => {
      const r = orig!.run(s, t, b, c);
      if (r !== RETURN) t.usedAsync = 0;
      return r;
    } }),
  }, {
    // -	async_synchronize_full();
    // +	if (current->flags & PF_USED_ASYNC)
    // +		async_synchronize_full();
    // (reverted by 67d6212afda2, v5.17: the profiles from v5.19 on drop the flag)
    fn: 'do_init_module', replace: 'module_live',
    step: (_site, orig) => ({ ...orig!, since: 'v3.8 (774a1221e862) .. v5.16', run: (s, t, b, c) => {
      const r = orig!.run(s, t, b, c);
      return r === 'async_synchronize_full' && t.usedAsync !== 1 ? 'module_put' : r;
    } }),
  }],
};

PATCHES['ead18c23c263'] = {
  id: 'ead18c23c263', commit: 'ead18c23c263', base: 'v4.14',
  subject: 'driver core: Introduce device links reference counting',
  // v4.17 (its full hash not found; named by f265df550a43's Fixes: tag). Its kref_put is found in
  // 3451a495ef24's core.c (v5.1 merge window, vanilla: device_link_del calls kref_put itself, as
  // the hunk has it, before device_link_put_kref) where the profile's predates it (v4.14).
  sources: { 'drivers/base/core.c': 'torvalds@3451a495ef24' },
  touches: ['device_link_add:list_for_each_entry', 'device_link_del:__device_link_del'],
  flags: ['LINK_KREF'],
  hunks: [{
    // 	list_for_each_entry(link, &supplier->links.consumers, s_node)
    // -		if (link->consumer == consumer)
    // +		if (link->consumer == consumer) {
    // +			kref_get(&link->kref);
    // 			goto out;
    fn: 'device_link_add', replace: 'list_for_each_entry',
    step: (site, orig) => ({ ...orig!, since: 'v4.17 (ead18c23c263)', run: (s) => {
      if (linkAddRefused(site.k.w, s, site.link, site.dev)) return RETURN;   // !device_pm_initialized(supplier): NULL
      const x = s.link[site.link]!;
      if (x.refs === 0) { x.refs = 1; x.dels = 0; } else if (x.refs < 3) x.refs++;
      return RETURN;
    } }),
  }, {
    // -	__device_link_del(link);
    // +	kref_put(&link->kref, __device_link_del);
    fn: 'device_link_del', replace: '__device_link_del',
    step: (site, orig) => ({ ...orig!, where: 'drivers/base/core.c:device_link_del (kref_put(&link->kref, __device_link_del))', since: 'v4.17 (ead18c23c263)',
      c: ['device_links_write_lock(); ... device_links_write_unlock();', 'device_link_put_kref:: kref_put(&link->kref, __device_link_del); || device_link_del:: kref_put(&link->kref, __device_link_del);'], run: (s) => {
      if (!linkDelRuns(site.k.w, s, site.link, site.dev)) return RETURN;   // the probe's add got NULL
      const x = s.link[site.link]!;
      if (x.refs > 0) x.refs--;
      if (x.refs === 0 && x.dels < 3) x.dels++;  // the last reference (or a put on a freed link) deletes it
      return RETURN;
    } }),
  }],
};

PATCHES['6265539776a0'] = {
  id: '6265539776a0', commit: '6265539776a0810b7ce6398c27866ddb9c6bd154', base: 'v4.2',
  subject: 'driver core: platform: fix race condition with driver_override',
  // The commit's own platform.c is not stored; v4.19.y's store (read by v4.18 .. v5.9) is its shape, line for line, where the
  // profile's lacks the lock (v4.2 reads the 4.0 study tree's, before the fix).
  sources: { 'drivers/base/platform.c': 'v4.19.y' },
  touches: ['driver_override_store:kfree_old'],
  flags: ['OVERRIDE_LOCK'],
  hunks: [{
    // +	device_lock(dev);
    // 	old = pdev->driver_override;
    // 	...	pdev->driver_override = driver_override;
    // +	device_unlock(dev);
    // 	kfree(old);
    fn: 'driver_override_store', replace: 'kfree_old',
    // From the v5.19 cycle the swap is driver.c's driver_set_override, under the same lock: cited where read.
    step: (site, orig) => {
      const dso = setOverrideLines(site.k);
      // Before it, platform.c's own store: `device_lock(dev); old = pdev->driver_override; ... device_unlock(dev); kfree(old);`
      // (platform.c at v4.19.y, v5.10.13 and v5.15.100, read by v5.0 .. v5.15: the lock lines fail loudly where a text lacks them).
      const own = dso ? [] : linesIn(site.k, 'drivers/base/platform.c', 'driver_override_store', ['device_lock(dev);', 'device_unlock(dev);', 'kfree(old);']).map((l) => l.replace(/^drivers\/base\/platform\.c:driver_override_store:: /, ''));
      return { ...orig!, where: dso ? 'drivers/base/platform.c:driver_override_store -> drivers/base/driver.c:driver_set_override (device_lock; swap *override; device_unlock; kfree(old))'
        : 'drivers/base/platform.c:driver_override_store (device_lock; swap pdev->driver_override; device_unlock; kfree(old))',
      ...(dso ? { c: [...(orig!.c ?? []), ...dso] } : own.length ? { c: [...(orig!.c ?? []), ...own] } : {}),
      since: 'v4.13 (6265539776a0)', await: (s) => s.dev[site.dev]!.mutex === 0, waits: mutexWaits(site.k, site.dev),
      run: (s) => { overrideSwap(site.k, s, site.dev, site.drv); return RETURN; } };
    },
  }],
};

/**
 * B13's fix in current mainline (v7.0-rc; read as the 6.19-stable review postings of 2026-03-31,
 * "[ Upstream commit cb3d1049f4ea... ]" and 2b38efc05bf7; the store's half is in dd.c at
 * dakr@1ac45118ddf8, the mainline profile's, which has the flag). driver_override
 * moves into struct device with a spinlock; drivers/base/dd.c:
 * +	spin_lock(&dev->driver_override.lock);
 * +	old = dev->driver_override.name;
 * +	...	dev->driver_override.name = new;
 * +	spin_unlock(&dev->driver_override.lock);
 * +	kfree(old);
 * and include/linux/device.h, called by platform_match (2b38efc05bf7):
 * +static inline int device_match_driver_override(struct device *dev, const struct device_driver *drv)
 * +{
 * +	guard(spinlock)(&dev->driver_override.lock);
 * +	if (dev->driver_override.name)
 * +		return !strcmp(dev->driver_override.name, drv->name);
 * +	return -1;
 * +}
 * The match stays outside device_lock ("we can't use the device lock"), so __driver_attach and
 * bind_store keep matching unlocked, now safely. The flag makes every match of an overridden device
 * one step (driver-override.ts); the store no longer takes device_lock.
 */
PATCHES['cb3d1049f4ea'] = {
  id: 'cb3d1049f4ea', commit: 'cb3d1049f4ea77d5ad93f17d8ac1f2ed4da70501 with 2b38efc05bf7', base: 'mainline',
  subject: 'driver core: generalize driver_override in struct device (+ platform: use generic driver_override infrastructure)',
  touches: ['driver_override_store:kfree_old'],
  flags: ['OVERRIDE_MATCH_LOCKED'],
  // The store's half as merged, read in the driver-core co-maintainer's tree (kernel/README.md).
  sources: { 'drivers/base/dd.c': 'dakr@1ac45118ddf8' },
  hunks: [{
    fn: 'driver_override_store', replace: 'kfree_old',
    step: (site, orig) => ({ ...orig!, where: 'drivers/base/dd.c:__device_set_driver_override (scoped_guard(spinlock, &dev->driver_override.lock): swap; kfree(old))',
      c: ['scoped_guard(spinlock, &dev->driver_override.lock) {', 'old = dev->driver_override.name;', 'dev->driver_override.name = new;', 'kfree(old);'],
      since: 'v7.0-rc (cb3d1049f4ea)', await: undefined, waits: undefined,
      run: (s) => { overrideSwap(site.k, s, site.dev, site.drv); return RETURN; } }),
  }],
};

PATCHES['c0a40097f0bc'] = {
  id: 'c0a40097f0bc', commit: 'c0a40097f0bc (reverted by dc1771f71854)', base: 'v5.19',
  subject: 'drivers: core: synchronize really_probe() and dev_uevent()',
  touches: ['dev_uevent:device_lock', 'dev_uevent:device_unlock'],
  flags: ['UEVENT_SHOW_LOCKED'],
  // The lock is taken in uevent_show, around the kset's uevent callback (dev_uevent): modelled as the
  // first and last steps of dev_uevent, which nothing else calls in the model. Their lines are
  // uevent_show's, so they cite it (until 2026-12-06 they named dev_uevent, whose text has no lock:
  // unresolved wherever checked). Its anchors are found in 9a71892cbcdb's core.c (v6.12-rc6, the
  // revert that put this hunk back, line for line as the stable postings of c0a40097f0bc have it;
  // c0a40097f0bc's own file is not stored) where the profile's core.c lacks the lock.
  sources: { 'drivers/base/core.c': 'torvalds@9a71892cbcdb' },
  hunks: [{
    // +	/* Synchronize with really_probe() */
    // +	device_lock(dev);
    // 	/* add driver name to the uevent */
    // 	if (dev->driver)
    fn: 'dev_uevent', insert: { label: 'device_lock', after: null, before: 'if_driver' },
    step: (site) => ({ where: 'drivers/base/core.c:dev_uevent (device_lock(dev) in its caller uevent_show: synchronize with really_probe())', since: 'c0a40097f0bc (reverted by dc1771f71854)', c: ['uevent_show:: device_lock(dev);'],
      await: (s) => s.dev[site.dev]!.mutex === 0, waits: mutexWaits(site.k, site.dev),
      run: (s) => { s.dev[site.dev]!.mutex = site.tb.owner; return 'if_driver'; } }),
  }, {
    // 		add_uevent_var(env, "DRIVER=%s", dev->driver->name);
    // +	device_unlock(dev);
    fn: 'dev_uevent', insert: { label: 'device_unlock', after: ['if_driver', 'add_uevent_var'], before: RETURN },
    step: (site) => ({ where: 'drivers/base/core.c:dev_uevent (device_unlock(dev) in its caller uevent_show)', since: 'c0a40097f0bc (reverted by dc1771f71854)', c: ['uevent_show:: device_unlock(dev);'],
      run: (s) => { unlockDev(s, site.dev, site.tb.owner); return RETURN; } }),
  }],
};

/**
 * The revert of c0a40097f0bc: dc1771f718548f7d4b93991b174c6e7b5e1ba410, Revert "drivers: core:
 * synchronize really_probe() and dev_uevent()" (Dmitry Torokhov: probing can take minutes and
 * blocks udev; read in the 6.12-stable review posting of 2025-04-29 and the driver-core-6.15-rc4
 * pull mail, with 18daa52418e7 beside it). It takes uevent_show's device_lock away, so on v6.12
 * it gives the 6.12.y releases from 6.12.26 on together with 18daa52418e7
 * (`--param patches=dc1771f71854,18daa52418e7`). No hunk of its own: the flag goes, and with it
 * the steps of c0a40097f0bc that the flag implied.
 */
PATCHES['dc1771f71854'] = {
  id: 'dc1771f71854', commit: 'dc1771f718548f7d4b93991b174c6e7b5e1ba410', base: 'v6.12',
  subject: 'Revert "drivers: core: synchronize really_probe() and dev_uevent()"',
  touches: [], removes: ['UEVENT_SHOW_LOCKED'], hunks: [],
};

PATCHES['70fe758352ca'] = {
  id: '70fe758352ca', commit: '70fe758352cafdee72a7b13bf9db065f9613ced8', base: 'v5.1',
  // dd.c at this commit is not readable here; the hunk is quoted from its stable backport (5.10.137).
  // Its lines are found in that backport's __driver_attach (kernel/v5.10.137: 5.10.13's with the posted
  // hunk applied; its context `if (!dev->driver) {` predates 84e7c6786aad, as v5.1's does) where the
  // profile's dd.c predates it. No mainline dd.c has this shape (v6.0's sits on 84e7c6786aad's test),
  // so v5.19 + this patch is not held to a text.
  sources: { 'drivers/base/dd.c': 'v5.10.137' },
  subject: 'driver core: fix potential deadlock in __driver_attach',
  // -			async_schedule_dev(__driver_attach_async_helper, dev);
  // +			async = true;
  //  		}
  //  		device_unlock(dev);
  // +		if (async)
  // +			async_schedule_dev(__driver_attach_async_helper, dev);
  // The hunk moves a step past device_unlock: the flag rebuilds __driver_attach in its v6.0 shape
  // (driver-attach.ts), so v5.1 + this patch builds the very steps of a v6.0 __driver_attach.
  touches: ['__driver_attach:device_lock', '__driver_attach:async_schedule_dev', '__driver_attach:device_unlock'],
  flags: ['DRIVER_ATTACH_ASYNC_AFTER_UNLOCK'],
  hunks: [],
};

/**
 * Found by a patch hunt (2026-12-04): the timeout work's walk was modelled in its fixed shape
 * only. drivers/base/dd.c, as its 5.10-stable posting quotes it:
 * -	list_for_each_entry_safe(private, p, &deferred_probe_pending_list, deferred_probe)
 * -		dev_info(private->device, "deferred probe pending\n");
 * +	mutex_lock(&deferred_probe_mutex);
 * +	list_for_each_entry(p, &deferred_probe_pending_list, deferred_probe)
 * +		dev_info(p->device, "deferred probe pending\n");
 * +	mutex_unlock(&deferred_probe_mutex);
 * Two unlocked steps become one under the mutex: the flag builds the v5.12 shape (late-initcall.ts),
 * so v5.9 + this patch builds the steps of v5.15's walk.
 */
PATCHES['eed6e41813de'] = {
  id: 'eed6e41813de', commit: 'eed6e41813deb9ee622cd9242341f21430d7789f', base: 'v5.9',
  // Its own dd.c (read at the commit, 2026-12-06): the walk under deferred_probe_mutex.
  sources: { 'drivers/base/dd.c': 'torvalds@eed6e41813de' },
  subject: 'driver core: Fix locking bug in deferred_probe_timeout_work_func()',
  // The locked walk is a step per pending entry where two or more may be listed (late-initcall.ts):
  // deferred_probe_pending_2 .. and pending_unlock are its steps too (their lines are in its text only).
  touches: ['deferred_probe_timeout_work_func:deferred_probe_pending', 'deferred_probe_timeout_work_func:deferred_probe_pending_*',
    'deferred_probe_timeout_work_func:pending_unlock', 'deferred_probe_timeout_work_func:pending_walk'],
  flags: ['TIMEOUT_WALK_LOCKED'],
  hunks: [],
};

/**
 * 15cfb0941603 ("driver core: Fix adding device links to probing suppliers", Rafael J. Wysocki;
 * backported to 4.19.112 as "commit 15cfb0941603 upstream"): device_link_add gives a link a
 * probing consumer adds to a supplier that is itself probing CONSUMER_PROBE (it was DORMANT),
 * device_links_driver_bound skips CONSUMER_PROBE/ACTIVE links to consumers, device_links_no_driver
 * makes them DORMANT first, and __device_links_no_driver makes only CONSUMER_PROBE/ACTIVE links to
 * suppliers AVAILABLE. The flag builds those shapes (links.ts, really-probe.ts), as core.c has them
 * from e7dd40105aac (v5.1) on: v5.0 + this patch builds v5.1's link steps.
 */
PATCHES['15cfb0941603'] = {
  id: '15cfb0941603', commit: '15cfb094160385cc0b303c4cda483caa102af654', base: 'v5.0',
  // Its steps are anchored in core.c as v5.1 reads it (e7dd40105aac, after the fix): v5.0's core.c
  // (v4.19.y) predates it, and since v5.0 reads a dd.c (2026-12-06) the link helpers its dd.c steps
  // run are resolved, so they must find the fixed lines somewhere.
  sources: { 'drivers/base/core.c': 'torvalds@e7dd40105aac' },
  subject: 'driver core: Fix adding device links to probing suppliers',
  touches: ['really_probe:call_probe', 'really_probe:driver_bound', 'really_probe:probe_failed'],
  flags: ['LINKS_NO_DRIVER_DORMANT'],
  hunks: [],
};

/**
 * Herve Codina, "[PATCH v7 3/3] driver core: Avoid warning when removing a device while its
 * supplier is unbinding" (2026-05-11, <20260511155755.34428-4-herve.codina@bootlin.com>; first posted
 * 2025-04-07 as 04/16 of a larger series, v3 and v5 as 04/28; merged as 36d74f17e03f (driver-core-next, 2026-05-25; v7.2, backported to 6.18.53 as 73ea4ec0ec46, by CVE-2026-97479's record), whose own text is not stored; its line, v7's character for character, is in mainline's core.c at 10864921212f (v7.3-rc1, read 2026-12-07), so mainline has the flag and the patch is for older profiles (E604 at mainline)). Its base is
 * v6.12, the newest profile without the flag (as 654888327e9f's and 15cfb0941603's bases lack theirs;
 * only a2225b6e834a and cb3d1049f4ea keep mainline, whose steps they build there), where the suites
 * run it; v6.12's core.c (9a71892cbcdb:795) has the line as `WARN_ON(!(link->flags & DL_FLAG_SYNC_STATE_ONLY));`,
 * the same test before device_link_test(). Its one hunk, drivers/base/core.c
 * @@ -1500,7 +1500,8 @@ static void __device_links_no_driver(struct device *dev), whose context is
 * core.c at 4793dae01f47 (driver-core-7.1-rc1, mainline's until 2026-12-07) line for line:
 *  		} else {
 * -			WARN_ON(!device_link_test(link, DL_FLAG_SYNC_STATE_ONLY));
 * +			WARN_ON(link->supplier->links.status != DL_DEV_UNBINDING &&
 * +				!device_link_test(link, DL_FLAG_SYNC_STATE_ONLY));
 *  			WRITE_ONCE(link->status, DL_STATE_DORMANT);
 * Only the WARN_ON's condition changes, which no step's state shows, so a user's hunk cannot carry
 * it (links-no-warn judges the WARN by the DORMANT write): the flag makes links-no-warn skip it.
 * Its case: a supplier's unbind unbinding its consumers depth first (lan966x: i2c consumes oic and
 * pinctrl, pinctrl consumes oic; oic's unbind reaches i2c through pinctrl while oic is UNBINDING).
 */
PATCHES['codina-v7'] = {
  id: 'codina-v7', commit: '36d74f17e03f7e60e1b08fbe16cfad6e69cc3aa9 (v7.2; its own text not stored: the v7 posting of 2026-05-11 is what is modelled, whose line mainline\'s core.c at 10864921212f has character for character)', base: 'v6.12',
  subject: 'driver core: Avoid warning when removing a device while its supplier is unbinding',
  // The steps that run __device_links_no_driver (a consumer's release, and its failed probe's device_links_no_driver).
  touches: ['__device_release_driver:devres_release_all', 'really_probe:probe_failed'],
  flags: ['LINKS_NO_DRIVER_UNBINDING_QUIET'],
  judgedBy: { properties: ['links-no-warn'], what: "a WARN_ON's condition in __device_links_no_driver" },
  hunks: [],
};

PATCHES['mod-delayed-extend'] = {
  id: 'mod-delayed-extend', commit: '1137838865bfc9a7cd5869c1dc5c22aa45ec12c8 (driver-core-next, 2026-05; its text not stored: the hunk is the - side of Biju Das\'s revert of 2026-05-26)', base: 'mainline',
  // Its line is in no tree read: kernel/posting@1137838865bf is the revert posting's pre-image (lines
  // 323-332) on mainline's first three lines of the function, so its steps cite the posting's lines.
  sources: { 'drivers/base/dd.c': 'posting@1137838865bf' },
  subject: 'driver core: Use mod_delayed_work to prevent lost deferred probe work',
  // deferred_probe_extend_timeout, dd.c (the revert's diff, @@ -323,10 +323,12 @@):
  // -	if (cancel_delayed_work(&deferred_probe_timeout_work)) {
  // -		schedule_delayed_work(&deferred_probe_timeout_work,
  // -				driver_deferred_probe_timeout * HZ);
  // +	if (mod_delayed_work(system_wq, &deferred_probe_timeout_work,
  // +					 driver_deferred_probe_timeout))
  // Called at the end of driver_register (the step that ends bus_add_driver: driver-attach.ts), it
  // now queues the timeout work where it was not pending; the late initcall's test of the timeout
  // reads what the work set (late-initcall.ts). The lost `* HZ` is time: not modelled.
  touches: ['bus_add_driver:add_bind_files', 'deferred_probe_initcall:schedule_delayed_work'],
  flags: ['EXTEND_QUEUES_IDLE'],
  judgedBy: { properties: ['timeout-after-initcall'], what: 'when deferred_probe_timeout_work runs' },
  // deferred_probe_extend_timeout came with 2b28a1a84a0e ("driver core: Extend deferred probe timeout on
  // driver registration", the v5.19 cycle, with the default of 10 that v5.19-rc1 took back); the
  // profiles that read it in driver_register's text (v6.6, v6.12) and mainline's dd.c have the default
  // 10 back (PROBE_TIMEOUT_DEFAULT_10, v6.0): that flag stands for it. v5.19, which has the function
  // and the default 0, is refused with the rest (a gap: docs/known-gaps.md#the-late-initcall).
  needs: { flags: ['PROBE_TIMEOUT_DEFAULT_10'], why: 'it patches deferred_probe_extend_timeout (2b28a1a84a0e, the v5.19 cycle), taken to be there from v6.1, the first profile whose timeout defaults to 10' },
  hunks: [],
};

PATCHES['extend-pending-guard'] = {
  id: 'extend-pending-guard', commit: '557495bc879013c3d5e21d667e987e7ce3a514de (driver-core-next, 2026-05-26; its text not stored: read in its 6.6.y backport 2f48e29ce9dc, dd.c at gregkh/linux 2f48e29ce9dc)', base: 'mainline',
  // The backport's function (kernel/gregkh@2f48e29ce9dc, line numbers not read): its two steps cite it.
  sources: { 'drivers/base/dd.c': 'gregkh@2f48e29ce9dc' },
  subject: 'driver core: Guard deferred probe timeout extension with delayed_work_pending()',
  // deferred_probe_extend_timeout, dd.c at gregkh@2f48e29ce9dc (the 6.6.y backport, with f9e6da99fe49's):
  //	/*
  //	 * If the work hasn't been queued yet or if the work expired, don't
  //	 * start a new one.
  //	 */
  //	if (delayed_work_pending(&deferred_probe_timeout_work) &&
  //	    mod_delayed_work(system_wq, &deferred_probe_timeout_work,
  //			     secs_to_jiffies(driver_deferred_probe_timeout)))
  //		pr_debug("Extended deferred probe timeout by %d secs\n",
  //					driver_deferred_probe_timeout);
  // On top of mod-delayed-extend (the mod_delayed_work it guards): patches=mod-delayed-extend,extend-pending-guard.
  // The test and the mod_delayed_work are two steps (driver-attach.ts): no lock is held across them, and the
  // work may start between (late-initcall.ts queueTimeoutWork: PENDING is cleared before it runs).
  touches: ['bus_add_driver:add_bind_files', 'bus_add_driver:delayed_work_pending', 'bus_add_driver:mod_delayed_work'],
  flags: ['EXTEND_PENDING_GUARD'],
  judgedBy: { properties: ['timeout-after-initcall'], what: 'when deferred_probe_timeout_work runs' },
  needs: { flags: ['EXTEND_QUEUES_IDLE'], why: 'it guards the mod_delayed_work of 1137838865bf: give patches=mod-delayed-extend,extend-pending-guard' },
  hunks: [],
};

PATCHES['device-driver-lock'] = {
  id: 'device-driver-lock', commit: 'ed88747c6c4a2fc2f961a36d4c50cb0868c30229', base: 'v4.18',
  // Alexander Duyck, v5.1 merge window (the hash found 2026-12-06: torvalds/linux stores dd.c at it, with the
  // helpers; the id stays as suites and traces name it). Its own dd.c: the lines found where v4.18's lacks them.
  sources: { 'drivers/base/dd.c': 'torvalds@ed88747c6c4a' },
  subject: 'device core: Consolidate locking and unlocking of parent and device',
  // __device_release_driver, dd.c@torvalds@8c97a46af04b:860-869 -> dd.c@torvalds@376991db4b64:1028-1033:
  //  		while (device_links_busy(dev)) {
  // -			device_unlock(dev);
  // -			if (parent)
  // -				device_unlock(parent);
  // +			__device_driver_unlock(dev, parent);
  //  			device_links_unbind_consumers(dev);
  // -			if (parent)
  // -				device_lock(parent);
  // -			device_lock(dev);
  // +			__device_driver_lock(dev, parent);
  // (__device_driver_(un)lock test `parent && dev->bus->need_parent_lock`, 376991db4b64:881, 898;
  // device_release_driver_internal calls them in place of its inline tests, 8c97a46af04b:922-931.)
  // The flag rebuilds both functions in the v5.1 shape (paths/release.ts): on a bus without
  // need_parent_lock the loop no longer drops and retakes a parent its caller never took. Its bus.c
  // too (bus.c@torvalds@ed88747c6c4a, read s43): unbind_store is `if (dev && dev->driver == drv)
  // device_driver_detach(dev);`, device_release_driver_internal(dev, NULL, dev->parent) (dd.c at it),
  // so the sysfs unbind's loop drops the parent it locked on a need_parent_lock bus (withParent):
  // v4.18 with this patch reads as v5.1 there, as it should.
  touches: ['__device_release_driver:device_links_busy', '__device_release_driver:relock_parent', '__device_release_driver:relock',
    'device_release_driver_internal:lock_parent', 'device_release_driver_internal:device_lock', 'device_release_driver_internal:device_unlock',
    // device_release_driver(dev) -> device_release_driver_internal(dev, NULL, NULL), inlined in its callers' lock steps
    'device_release_driver:device_lock', 'device_release_driver:device_unlock', 'unbind_store:device_lock', 'unbind_store:device_unlock'],
  flags: ['DRIVER_LOCK_HELPERS'],
  hunks: [],
};

export const PATCH_IDS = Object.keys(PATCHES);

/** Flags implemented by a patch, and when the flag's layout lets the patch apply. */
const IMPLIED: { flag: Flag; patch: string; unless?: Flag }[] = [
  { flag: 'TRIGGER_COUNT', patch: '58b116bce136', unless: 'PROBE_BUSY_CHECK' },
  { flag: 'ATTACH_DEAD_CHECK', patch: '654888327e9f' },
  { flag: 'UEVENT_SINGLE_READ', patch: '18daa52418e7' },
  { flag: 'READY_TO_PROBE', patch: 'a2225b6e834a' },
  { flag: 'UEVENT_SHOW_LOCKED', patch: 'c0a40097f0bc' },
  { flag: 'OVERRIDE_MATCH_LOCKED', patch: 'cb3d1049f4ea' },
  { flag: 'MODULE_SYNC_PF_USED_ASYNC', patch: '774a1221e862' },
  { flag: 'LINK_KREF', patch: 'ead18c23c263' },
  // cb3d1049f4ea replaces the store that 6265539776a0 locked: the swap under driver_override.lock, without device_lock.
  { flag: 'OVERRIDE_LOCK', patch: '6265539776a0', unless: 'OVERRIDE_MATCH_LOCKED' },
];

export function patch(id: string): Patch {
  const p = PATCHES[id];
  if (!p) throw new ProbecheckError('E603', `unknown patch '${id}'; known: ${PATCH_IDS.join(', ')}`);
  return p;
}

/**
 * Parse the `patches` parameter: comma-separated library patch ids and patch files (a path: the
 * patches its default export defines, loaded beforehand by loadPatchFiles), blanks ignored.
 */
export function parsePatches(list: string | undefined): Patch[] {
  return patchEntries(list).flatMap((x) => (isPatchFile(x) ? patchFile(x) : [patch(x)]));
}

/**
 * The file each of your patches in a `patches` parameter came from, as its entry there (absolute):
 * what a note names it by. Read from this list, not from every file loaded so far: one patch object
 * may be in two of them (a file that re-exports another's, both loaded in one process: a suite's
 * two cases), and only the list says which this model took it from (a review, s41 h6).
 */
export function patchFilesOf(list: string | undefined): Map<Patch, string> {
  const m = new Map<Patch, string>();
  for (const e of patchEntries(list)) if (isPatchFile(e)) for (const p of patchFile(e)) m.set(p, e);
  return m;
}

/**
 * An E604 met while a model is built with `list` that names one of your patches (`patch ID (` or
 * `patch ID:`) names its file first too, as the run's header shows it (belowCwd), as definePatch's
 * own refusals do: with several patch files the user could not tell which (s41 h19). The first
 * patch of yours the message names decides; a library patch's errors are left as they are.
 */
export function namePatchFile(e: unknown, list: string | undefined): void {
  if (!(e instanceof ProbecheckError) || e.code !== 'E604') return;
  let first: { at: number; file: string } | undefined;
  let files: Map<Patch, string>;
  try { files = patchFilesOf(list); } catch { return; } // (a file not loaded: that error is another's)
  for (const [p, file] of files) {
    const m = new RegExp(`\\bpatch ${p.id.replace(/[.+]/g, '\\$&')}[ :]`).exec(e.message);
    if (m && (first === undefined || m.index < first.at)) first = { at: m.index, file };
  }
  if (first === undefined) return;
  const shown = belowCwd(first.file);
  if (!e.message.includes(shown)) e.message = `${shown}: ${e.message}`;
}

/** The entries of a `patches` parameter, files as absolute paths (so a trace replays from anywhere). */
export function patchEntries(list: string | undefined): string[] {
  return (list ?? '').split(',').map((x) => x.trim()).filter(Boolean).map((x) => (isPatchFile(x) ? resolve(x) : x));
}

/**
 * The effective flags and patch list of `profileFlags + patches`. A patch whose flags the profile
 * already has does not apply (E604: already applied).
 */
export function combine(profileName: string, profileFlags: readonly Flag[], patches: readonly Patch[]): { flags: Set<Flag>; patches: Patch[] } {
  const flags = new Set<Flag>(profileFlags);
  patches.forEach((p, i) => {
    if (patches.findIndex((q) => q.id === p.id) !== i) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) is given twice`);
  });
  for (const p of patches) {
    for (const f of p.removes ?? []) {
      if (!flags.has(f)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply to ${profileName}: it has no ${f} to revert`);
      flags.delete(f);
    }
    for (const f of p.flags ?? []) {
      if (flags.has(f)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply to ${profileName}: it already has ${f} (the fix is merged there)`);
      flags.add(f);
    }
    // The flags so far: the profile's and those of the patches before it (extend-pending-guard needs mod-delayed-extend's).
    const lacks = (p.needs?.flags ?? []).filter((f) => !flags.has(f));
    if (lacks.length) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply to ${profileName}: ${p.needs!.why} (${lacks.join(', ')} is not in ${profileName})`);
  }
  // The library's patches (asked for, then implied by a flag) first, the user's files last: a
  // user's hunk then sees, and may replace or revert, the steps a fix in the profile made.
  const user = patches.filter(isUserPatch);
  const all = patches.filter((p) => !isUserPatch(p));
  for (const i of IMPLIED) {
    if (!flags.has(i.flag) || (i.unless && flags.has(i.unless))) continue;
    if (!all.some((p) => p.id === i.patch)) all.push(PATCHES[i.patch]!);
  }
  return { flags, patches: [...all, ...user] };
}
