/**
 * Conformance of the model to the kernel's text: for one function at one profile, the C lines
 * that lock, wait, schedule, or test or write modelled state (source.ts `effectOf`), which step
 * covers each, and the lock operations each step performed when it ran. The conformance test
 * requires every such line covered by exactly one step of a block (or listed in UNCOVERED with
 * a reason), the steps in source order, and each step's lock operations equal to its lines'.
 * `probecheck source` prints the same view side by side.
 */
import { makeBackend } from '../engine/check.js';
import { compile } from '../engine/compile.js';
import { fp } from '../engine/hash.js';
import { FingerprintStore, NO_PARENT } from '../engine/store.js';
import type { BuiltScenario } from './scenario.js';
import { effectOf, excerpt, lockEvents, resolveAnchor, at, type Excerpt } from './source.js';
import type { StepAnchors } from './emit.js';

/** fw_devlink's fwnode_link_lock in two device-links helpers (core.c at cf52ad5ff16c, 6bb7ea3afd3e, 29c8ab79e91d). */
const FWNODE = 'fw_devlink (firmware-described suppliers) is not modelled: no scenario device has a fwnode, and fwnode_link_lock guards only fwnode links, which no modelled path touches';

/** The wait_for_suppliers list's wfs_lock (fw_devlink before its v5.11 rework; core.c of 5.10.13). */
const WFS = 'fw_devlink\'s wait_for_suppliers list (v5.5 .. v5.10) is not modelled: a device joins it only in fw_devlink_link_device, when its fwnode has an add_links op, and no scenario device has a fwnode, so the list holds no modelled device and wfs_lock guards nothing a modelled path reads';

/** kernfs_fop_write(_iter)'s per-open-file mutexes. */
const KERNFS_OPEN_FILE: Record<string, string> = {
  'mutex_lock(&of->prealloc_mutex);': "of->mutex and of->prealloc_mutex belong to the open file (one kernfs_open_file per open()): each store of a scenario is its own open file, so they never contend",
  'mutex_lock(&of->mutex);': 'as mutex_lock(&of->prealloc_mutex)',
  'mutex_unlock(&of->mutex);@1': 'as mutex_lock(&of->prealloc_mutex) (the -ENODEV exit)',
  'mutex_unlock(&of->mutex);@2': 'as mutex_lock(&of->prealloc_mutex)',
  'mutex_unlock(&of->prealloc_mutex);': 'as mutex_lock(&of->prealloc_mutex)',
};

/** Lines with an effect that no step models, on purpose: `file:function` -> anchor -> reason. */
export const UNCOVERED: Record<string, Record<string, string>> = {
  'drivers/base/core.c:device_links_check_suppliers': {
    'mutex_lock(&fwnode_link_lock);': `${FWNODE} (fwnode_links_check_suppliers finds no supplier, or before 6.6 dev->fwnode is NULL)`,
    'mutex_unlock(&fwnode_link_lock);@1': `${FWNODE} (v5.15: the -EPROBE_DEFER exit when a fwnode supplier is missing; later the only unlock)`,
    'mutex_unlock(&fwnode_link_lock);@2': `${FWNODE} (v5.15's unlock after the check)`,
    'mutex_lock(&wfs_lock);': `${WFS} (v5.10: the -EPROBE_DEFER exit for a device on it with need_for_probe)`,
    'mutex_unlock(&wfs_lock);@1': `${WFS} (that exit's unlock)`,
    'mutex_unlock(&wfs_lock);@2': `${WFS} (the unlock after the check)`,
  },
  'drivers/base/core.c:device_links_driver_bound': {
    'mutex_lock(&fwnode_link_lock);': `${FWNODE} (the block for a device whose fwnode names it, dev->fwnode->dev == dev)`,
    'mutex_unlock(&fwnode_link_lock);': `${FWNODE} (see mutex_lock)`,
    'mutex_lock(&wfs_lock);': `${WFS} (v5.10: the bound device leaves it, list_del_init)`,
    'mutex_unlock(&wfs_lock);': `${WFS} (see mutex_lock)`,
  },
  'drivers/base/core.c:device_links_purge': {
    'mutex_lock(&wfs_lock);': `${WFS} (v5.10: the deleted device leaves it, list_del_init)`,
    'mutex_unlock(&wfs_lock);': `${WFS} (see mutex_lock)`,
  },
  'drivers/base/dd.c:__device_attach': {
    'dev->driver = NULL; || device_set_driver(dev, NULL);': 'device_bind_driver() failing for a device whose dev->driver was set before device_add: not in the scenario vocabulary',
  },
  'drivers/base/driver.c:driver_set_override': {
    'device_lock(dev);@1': "the empty string's path (`if (!len)`: clear the override): an actor's `override dc drv` always names a driver",
    'device_unlock(dev);@1': 'the empty string\'s path (see device_lock)',
  },
  'drivers/base/bus.c:bus_add_driver': {
    'klist_del(&priv->knode_bus);': 'the error path when driver_attach fails (allocation failures are not modelled)',
  },
  'kernel/module/main.c:do_init_module': {
    'synchronize_rcu();': "the module's init failing: a scenario's module init always succeeds (its drivers' probes may fail)",
  },
  'drivers/base/dd.c:really_probe': {
    'test_remove = false; ... goto re_probe;': 'CONFIG_DEBUG_TEST_DRIVER_REMOVE removes and re-probes every driver once: a debug option, not modelled',
  },
  'fs/kernfs/file.c:kernfs_fop_write_iter': KERNFS_OPEN_FILE,
  // The same lines before cc099e0b3998 (v5.11), read at v4.19.y for v5.0 .. v5.10.
  'fs/kernfs/file.c:kernfs_fop_write': KERNFS_OPEN_FILE,
  // Before kernfs (v3.14) the store's open-file mutex is sysfs_write_file's buffer->mutex (v3.6.0, the v3.5 profile).
  'fs/sysfs/file.c:sysfs_write_file': {
    'mutex_lock(&buffer->mutex);': 'buffer->mutex belongs to the open file (one sysfs_buffer per open()): each store of a scenario is its own open file, so it never contends',
    'mutex_unlock(&buffer->mutex);': 'as mutex_lock(&buffer->mutex)',
  },
  'kernel/module/main.c:load_module': {
    'mutex_lock(&module_mutex);@1 ... mutex_unlock(&module_mutex);@2': "the error exits (bug_cleanup .. unlink_mod: module_mutex around module_bug_cleanup and the list removal, synchronize_rcu): a scenario's module always loads (signature, ELF, formation, parameters and sysfs never fail)",
  },
  'kernel/module/main.c:delete_module': {
    'mutex_unlock(&module_mutex);@2': "the error exits (`out:`: -ENOENT, -EBUSY, -EWOULDBLOCK): try_stop_module is one atomic step that takes module_mutex, tests, and releases it on either path; it covers the success path's unlock, and a line is covered by one step",
  },
  // The same lines in kernel/module.c (before MODULE_DIR, v5.19), read at v5.10 (5.10.13).
  // v4.19.y's (read by v5.1) calls synchronize_sched() there.
  'kernel/module.c:do_init_module': { 'synchronize_rcu(); || synchronize_sched();': "the module's init failing: a scenario's module init always succeeds (its drivers' probes may fail)" },
  // v3.6.0 (read by v3.5): the init runs in the init_module syscall, whose failure path frees the module at once.
  'kernel/module.c:init_module': { 'synchronize_sched();': "the module's init failing: a scenario's module init always succeeds (its drivers' probes may fail)" },
  'kernel/module.c:load_module': {
    // v3.6.0's first module_mutex region is the name lookup and list add (a step's); its error exits start at `unlink:`.
    'unlink: ... synchronize_sched(); || mutex_lock(&module_mutex);@1 ... mutex_unlock(&module_mutex);@2': "the error exits (bug_cleanup .. unlink_mod: module_mutex around module_bug_cleanup and the list removal, synchronize_rcu): a scenario's module always loads (signature, ELF, formation, parameters and sysfs never fail)",
  },
  'kernel/module.c:delete_module': {
    'mutex_unlock(&module_mutex);@2': "the error exits (`out:`: -ENOENT, -EBUSY, -EWOULDBLOCK): try_stop_module is one atomic step that takes module_mutex, tests, and releases it on either path; it covers the success path's unlock, and a line is covered by one step",
  },
  'drivers/base/core.c:device_add': {
    'device_set_driver(dev, NULL); || dev->driver = NULL;': "device_add's error exit (DPMError, in the v6.12, 6.6.y and 6.18.y texts): a scenario's device_add never fails",
    // dev_can_match() from 3e3c2f53da2a (for-7.2; mainline's core.c at 10864921212f).
    'if (dev->fwnode && fw_devlink_drv_reg_done && !dev->can_match) || if (dev->fwnode && fw_devlink_drv_reg_done && !dev_can_match(dev))': 'fw_devlink (firmware-described suppliers) is not modelled; the device links in a scenario are added by drivers',
    'klist_add_tail(&dev->p->knode_parent,': "the parent's klist_children: no modelled path walks a device's children",
    'mutex_lock(': 'the class (sp->mutex, klist_devices, class interfaces): no scenario device has a class; that mutex is taken and released around class callbacks the model does not have',
    'klist_add_tail(&dev->p->knode_class, || klist_add_tail(&dev->knode_class,': 'the class device list (dev->knode_class before it moved into device_private): no scenario device has a class',
    'mutex_unlock(': 'the class mutex (see mutex_lock)',
  },
  'drivers/base/core.c:device_del': {
    'klist_del(&dev->p->knode_parent);': "the parent's klist_children: no modelled path walks a device's children",
    'mutex_lock(': 'the class (sp->mutex and class interfaces): no scenario device has a class',
    'klist_del(&dev->p->knode_class); || klist_del(&dev->knode_class);': 'the class device list (dev->knode_class at v3.6.0): no scenario device has a class',
    'mutex_unlock(': 'the class mutex (see mutex_lock)',
  },
  'drivers/base/bus.c:bus_probe_device': {
    'mutex_lock(&sp->mutex); || mutex_lock(&bus->p->mutex);': "the bus's subsys_interface list (add_dev callbacks): no scenario bus has a subsys interface; sp->mutex (bus->p->mutex at v3.6.0) is not modelled",
    'mutex_unlock(&sp->mutex); || mutex_unlock(&bus->p->mutex);': 'as mutex_lock(&sp->mutex)',
  },
  'drivers/base/bus.c:bus_remove_device': {
    'mutex_lock(&sp->mutex); || mutex_lock(&bus->p->mutex);': "the bus's subsys_interface list (remove_dev callbacks): no scenario bus has a subsys interface; sp->mutex (bus->p->mutex at v3.6.0) is not modelled",
    'mutex_unlock(&sp->mutex); || mutex_unlock(&bus->p->mutex);': 'as mutex_lock(&sp->mutex)',
  },
  'drivers/base/core.c:device_link_put_kref': {
    'else if (!device_is_registered(link->consumer))': 'managed links (not DL_FLAG_STATELESS): the links drivers delete from ->remove here are stateless (links.ts); managed links are released by the link automaton (release.ts), not by device_link_del',
  },
  'drivers/base/dd.c:device_attach': {
    'dev->driver = NULL;': 'as __device_attach (v3.x name)',
  },
};

/** Lock operations each step performed, by `thread|label`, over a bounded breadth-first search. */
export function recordLocks(b: BuiltScenario, maxStates = 20_000): Map<string, Set<string>> {
  const c = compile(b.model);
  const be = makeBackend(c, 'fast');
  const w = b.world;
  const anchorOf = new Map<string, StepAnchors>();
  for (const a of b.kernel.anchors) anchorOf.set(`${a.thread}|${a.label}`, a);
  const out = new Map<string, Set<string>>();
  // Per thread and pc, the step's key, anchor and set of what it did (built once: the visitor
  // runs on every transition, and its strings were most of this search's time).
  const at = c.threads.map((th) => th.steps.map((st) => {
    const key = `${th.name}|${st.label}`;
    if (!out.has(key)) out.set(key, new Set());
    return { a: anchorOf.get(key), did: out.get(key)! };
  }));
  const seen = new FingerprintStore(16);
  const n = w.devices.length;
  const before = new Array<number>(n + 2), after = new Array<number>(n + 2);
  const lockFields = (g: any, into: number[]): void => {
    for (let i = 0; i < n; i++) into[i] = g.dev[w.devices[i]!.i].mutex as number;
    into[n] = g.deferredProbeMutex as number; into[n + 1] = g.moduleMutex as number;
  };
  be.clear();
  be.loadInitial();
  seen.put(fp.hi, fp.lo, NO_PARENT, 0);
  be.pushCur(0, 0);
  while (seen.size < maxStates && be.popFront()) {
    lockFields(be.curG(), before);
    const pcs = c.threads.map((t) => be.pc(t.index));
    be.expand((k) => {
      const step = at[k]![pcs[k]! - 1]!;
      lockFields(be.nextG(), after);
      const ev: string[] = [];
      for (let i = 0; i < n + 2; i++) {
        const x = before[i]!;
        if (x === after[i]) continue;
        const what = i < n ? devRole(b, step.a, i) : i === n ? 'deferred_probe_mutex' : 'module_mutex';
        if (x === 0) ev.push(`lock ${what}`);
        else if (after[i] === 0) ev.push(`unlock ${what}`);
      }
      step.did.add(ev.length ? ev.sort().join(', ') : '');
      if (seen.put(fp.hi, fp.lo, NO_PARENT, 0) >= 0) be.pushNext(0, 0);
    });
  }
  for (const [key, did] of out) if (did.size === 0) out.delete(key);
  return out;
}

function devRole(b: BuiltScenario, a: StepAnchors | undefined, i: number): string {
  const dev = a?.dev ?? -1;
  if (i === dev) return 'dev';
  if (dev >= 0 && b.world.devices[dev]!.parent === i) return 'parent';
  return `dev ${b.world.devices[i]!.name}`;
}

export interface LineView { n: string; text: string; effect: string | null; steps: string[]; uncovered?: string }

/** One function at one release, line by line, with the steps (local labels) that cover each line. */
export function sideBySide(anchors: readonly StepAnchors[], release: string, path: string, fn: string): { ex: Excerpt; lines: LineView[] } | null {
  const ex = excerpt(release, path, fn);
  if (!ex) return null;
  const cover: string[][] = ex.lines.map(() => []);
  for (const a of anchors) for (const an of a.anchored) {
    if (an.path !== path || an.fn !== fn || an.release !== release) continue;
    for (const i of an.lines) if (!cover[i]!.includes(a.local)) cover[i]!.push(a.local);
  }
  const why = new Map<number, string>();
  for (const [anchor, reason] of Object.entries(UNCOVERED[`${path}:${fn}`] ?? {})) {
    try { for (const i of resolveAnchor(ex, anchor)) why.set(i, reason); } catch { /* not at this release */ }
  }
  return {
    ex,
    lines: ex.lines.map((text, i) => {
      const v: LineView = { n: at(ex, i), text, effect: effectOf(text), steps: cover[i]! };
      if (why.has(i)) v.uncovered = why.get(i)!;
      return v;
    }),
  };
}

/** The C side's lock operations of some lines, with lock/unlock pairs inside them cancelled (atomic in one step). */
export function cLocks(ex: Excerpt, idx: readonly number[]): string[] {
  const ev = idx.flatMap((i) => lockEvents(ex.lines[i]!));
  const out: string[] = [];
  for (const e of ev) {
    const [op, ...what] = e.split(' ');
    const w = what.join(' ');
    const j = op === 'unlock' ? out.lastIndexOf(`lock ${w}`) : -1;
    if (j >= 0) out.splice(j, 1);
    else out.push(e);
  }
  return out;
}
