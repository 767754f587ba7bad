/**
 * The source-drift audit of 2026-12-06 (s35 h6): mainline's texts against the newest ones
 * torvalds/linux stores. bus.c at ea34511aaf75 ("driver core: Check drivers_autoprobe for all
 * added devices", v6.19 cycle) moved the autoprobe test out of bus_probe_device into dd.c's
 * device_initial_probe; mainline reads that bus.c, and device_add's last step anchors the test
 * where the release has it.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario } from 'probecheck';
import { excerpt, excerptsOf, resolveAnchor } from '../../src/kernel/source.js';

const BUS = 'drivers/base/bus.c', DD = 'drivers/base/dd.c';

describe('bus_probe_device after ea34511aaf75', () => {
  it('mainline reads bus.c at ea34511aaf75: no drivers_autoprobe test there, dd.c device_initial_probe has it', () => {
    expect(PROFILES.mainline!.sources[BUS]).toBe('torvalds@ea34511aaf75');
    const bus = excerpt('torvalds@ea34511aaf75', BUS, 'bus_probe_device')!;
    expect(() => resolveAnchor(bus, 'drivers_autoprobe')).toThrow(/is not in/);
    expect(resolveAnchor(bus, 'device_initial_probe(dev);')).toHaveLength(1);
    // v6.12's still tests it before the call (bus.c@bfa54a793ba7:533).
    expect(resolveAnchor(excerpt('torvalds@bfa54a793ba7', BUS, 'bus_probe_device')!, 'if (sp->drivers_autoprobe)')).toHaveLength(1);
    const dd = excerpt(PROFILES.mainline!.sources[DD]!, DD, 'device_initial_probe')!;
    expect(dd.firstLine! + resolveAnchor(dd, 'if (sp->drivers_autoprobe)')[0]!).toBe(1153);
  });

  it("device_add's bus_probe_device step cites the autoprobe test in dd.c at mainline, in bus.c at v6.12", () => {
    const spec = { name: 'add', devices: { d: {} }, drivers: { dd: { matches: ['d'], present: true } }, actors: { a: ['add d'] } };
    const cited = (p: string) => {
      const a = buildScenario(spec, p, '').kernel.anchors.find((x) => x.local === 'device_pm_add')!;
      expect(a.error, p).toBeUndefined();
      return a.anchored.map((an) => `${an.path}:${an.fn}@${an.release}`);
    };
    expect(cited('mainline')).toContain(`${DD}:device_initial_probe@dakr@1ac45118ddf8`);
    expect(cited('mainline').some((x) => x.startsWith(`${BUS}:`))).toBe(false);
    expect(cited('v6.12')).toContain(`${BUS}:bus_probe_device@torvalds@bfa54a793ba7`);
  });
});

describe('device.h at mainline', () => {
  it('reads driver-core-7.1-rc1 (4793dae01f47): device_lock and device_unlock as at v5.3 (00289cd87676)', () => {
    const H = 'include/linux/device.h';
    expect(PROFILES.mainline!.sources[H]).toBe('torvalds@4793dae01f47');
    for (const fn of ['device_lock', 'device_unlock']) expect(excerpt('torvalds@4793dae01f47', H, fn)!.lines).toEqual(excerpt('torvalds@00289cd87676', H, fn)!.lines);
  });
});

// The steps' kernel paths with no excerpt at all (the same audit): kernel/module.c, what modprobe and rmmod
// run before MODULE_DIR (v5.19), had none; now 5.10.13's, read by v5.10 (an annotated study tree: kernel/README.md).
describe('kernel/module.c at v5.10', () => {
  const M = 'kernel/module.c', at = (fn: string, line: string) => resolveAnchor(excerpt('v5.10.13', M, fn)!, line).length;
  it('v5.10 reads it, and its lines show the module flags v5.10 has', () => {
    expect(PROFILES['v5.10']!.sources[M]).toBe('v5.10.13');
    const f = PROFILES['v5.10']!.flags as readonly string[];
    // 774a1221e862: sync only if the init used async; 6e6de3dee51a: a GOING module is not finished; 5d603311615f: rmmod wakes module_wq.
    expect(at('do_init_module', 'if (!mod->async_probe_requested && (current->flags & PF_USED_ASYNC))')).toBe(1);
    expect(f).toContain('MODULE_SYNC_PF_USED_ASYNC');
    expect(at('finished_loading', 'ret = !mod || mod->state == MODULE_STATE_LIVE;')).toBe(1);
    expect(f).toContain('MODULE_LOAD_WAITS_GOING');
    expect(at('delete_module', 'free_module(mod); ... wake_up_all(&module_wq);')).toBe(3); // the call, the comment, the wake
    expect(f).toContain('MODULE_WQ_UNLOAD_WAKE');
    expect(excerpt('v5.10.13', M, 'module_patient_check_exists')).toBeNull();
    expect(f).not.toContain('MODULE_WAIT_ONCE');
  });

  it("modprobe's and rmmod's steps cite it at v5.10", () => {
    const spec = { name: 'mod', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, actors: { a: ['modprobe m', 'rmmod m'] } };
    const cited = buildScenario(spec, 'v5.10', '').kernel.anchors.filter((a) => a.where.startsWith(M));
    expect(cited.map((a) => a.local)).toEqual(expect.arrayContaining(['load_module', 'module_live', 'module_put', 'try_stop_module', 'free_module']));
    for (const a of cited) { expect(a.error, a.local).toBeUndefined(); expect(a.anchored.some((an) => an.release === 'v5.10.13')).toBe(true); }
  });
});

describe('core.c at mainline', () => {
  it('driver-core-7.1-rc1 (4793dae01f47, read by mainline until 2026-12-07): 6.18.16\'s functions but for kzalloc_obj', () => {
    const C = 'drivers/base/core.c';
    const now = excerptsOf('torvalds@4793dae01f47', C)!, was = excerptsOf('v6.18.y', C)!;
    expect([...now.keys()].sort()).toEqual([...was.keys()].sort());
    const changed = [...now.keys()].filter((fn) => now.get(fn)!.lines.join('\n') !== was.get(fn)!.lines.join('\n'));
    expect(changed.sort()).toEqual(['device_link_add', 'uevent_show']);
    for (const fn of changed) {
      const diff = now.get(fn)!.lines.filter((l, i) => l !== was.get(fn)!.lines[i]);
      expect(diff.every((l) => l.includes('kzalloc_obj('))).toBe(true);
    }
  });

  // s51 h3: core.c at 10864921212f (driver-core-7.3-rc1). Against 4793dae01f47: 36d74f17e03f's WARN_ON
  // (LINKS_NO_DRIVER_UNBINDING_QUIET, now a mainline flag), a2225b6e834a's device_lock around
  // dev_set_ready_to_probe (READY_TO_PROBE), dev_can_match() accessors, a fw_devlink helper, a const attribute.
  it('reads driver-core-7.3-rc1 (10864921212f): the merged WARN_ON condition and the ready flag under device_lock', () => {
    const C = 'drivers/base/core.c', now = 'torvalds@10864921212f', was = 'torvalds@4793dae01f47';
    expect(PROFILES.mainline!.sources[C]).toBe(now);
    const n = excerptsOf(now, C)!, w = excerptsOf(was, C)!;
    expect([...n.keys()].sort()).toEqual([...w.keys()].sort());
    expect([...n.keys()].filter((fn) => n.get(fn)!.lines.join('\n') !== w.get(fn)!.lines.join('\n')).sort())
      .toEqual(['__device_links_no_driver', 'device_add', 'device_links_check_suppliers', 'device_links_driver_bound', 'uevent_show']);
    expect(resolveAnchor(excerpt(now, C, '__device_links_no_driver')!, 'WARN_ON(link->supplier->links.status != DL_DEV_UNBINDING &&')).toHaveLength(1);
    const add = excerpt(now, C, 'device_add')!.lines.map((l) => l.trim());
    const at = add.indexOf('dev_set_ready_to_probe(dev);');
    expect(add.slice(at - 1, at + 4)).toEqual(['device_lock(dev);', 'dev_set_ready_to_probe(dev);', 'device_unlock(dev);', '', 'bus_probe_device(dev);']);
    expect(PROFILES.mainline!.flags).toEqual(expect.arrayContaining(['LINKS_NO_DRIVER_UNBINDING_QUIET', 'READY_TO_PROBE']));
  });
});

// The mainline audit of 2026-12-07 (s51 h3): newer texts of usb/core/message.c, workqueue.c and kernel/module/main.c,
// each against the one mainline read before; only the differences named here (kernel/README.md).
describe('usb/core/message.c, workqueue.c and kernel/module/main.c at mainline (s51 h3)', () => {
  const changedFns = (now: string, was: string, path: string): string[] => {
    const n = excerptsOf(now, path)!, w = excerptsOf(was, path)!;
    expect([...n.keys()].sort()).toEqual([...w.keys()].sort());
    return [...n.keys()].filter((fn) => n.get(fn)!.lines.join('\n') !== w.get(fn)!.lines.join('\n')).sort();
  };
  it('reads message.c at 903e23eda5af (usb-7.3-rc6): driver_set_config_work as in 6.18.y', () => {
    const U = 'drivers/usb/core/message.c';
    expect(PROFILES.mainline!.sources[U]).toBe('torvalds@903e23eda5af');
    expect(changedFns('torvalds@903e23eda5af', 'v6.18.y', U)).toEqual([]);
  });
  it('reads workqueue.c at 104484baf748 (v7.3-rc5): the three functions as at gregkh 53c2f13c1ee5', () => {
    const W = 'kernel/workqueue.c';
    expect(PROFILES.mainline!.sources[W]).toBe('torvalds@104484baf748');
    expect(changedFns('torvalds@104484baf748', 'gregkh@53c2f13c1ee5', W)).toEqual([]);
  });
  it('reads kernel/module/main.c at c107785c7e8d (modules-7.0-rc3.fixes): no lock or state step moved', () => {
    const M = 'kernel/module/main.c', now = 'torvalds@c107785c7e8d';
    expect(PROFILES.mainline!.sources[M]).toBe(now);
    expect(changedFns(now, 'torvalds@01d5b167dc23', M)).toEqual(['delete_module', 'do_init_module', 'load_module']);
    // The lines the module steps turn on, each once, as before.
    for (const [fn, line] of [['do_init_module', 'mod->state = MODULE_STATE_LIVE;'], ['do_init_module', 'wake_up_all(&module_wq);@1'], ['do_init_module', 'wake_up_all(&module_wq);@2'],
      ['delete_module', 'ret = try_stop_module(mod, flags, &forced);'], ['load_module', 'err = add_unformed_module(mod);'],
      ['load_module', 'return do_init_module(mod);']] as const) {
      expect(resolveAnchor(excerpt(now, M, fn)!, line).length, `${fn}: ${line}`).toBe(resolveAnchor(excerpt('torvalds@01d5b167dc23', M, fn)!, line).length);
    }
    // load_module: codetag_load_module before free_copy now, with a failure path (not modelled: it never fails here).
    const lm = excerpt(now, M, 'load_module')!.lines.join('\n');
    expect(lm.indexOf('if (codetag_load_module(mod))')).toBeLessThan(lm.indexOf('/* Get rid of temporary copy. */'));
  });
});
