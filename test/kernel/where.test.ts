/**
 * Every step says where it comes from as `file:function`, and the function is one that file
 * defines (the list below was checked against drivers/base and kernel/ sources; a typo or an
 * invented function fails here).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILES, PROFILE_NAMES, buildScenario, type ScenarioSpec } from 'probecheck';
import { catalogueAt } from '../../src/kernel/catalogue.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';

const KNOWN: Record<string, string[]> = {
  'drivers/base/dd.c': ['__device_attach', '__device_attach_async_helper', '__device_attach_driver', '__device_release_driver', '__driver_attach',
    '__driver_attach_async_helper', '__driver_probe_device', 'deferred_probe_work_func', 'device_driver_attach', 'device_release_driver',
    'device_release_driver(_internal)', 'driver_bound', 'driver_deferred_probe_add', 'driver_deferred_probe_del', 'driver_deferred_probe_trigger',
    'driver_detach', 'driver_probe_device', 'really_probe', 'wait_for_device_probe', '__device_driver_lock', 'device_release_driver_internal', 'driver_attach',
    '__device_set_driver_override'],
  'drivers/base/bus.c': ['bind_store', 'unbind_store', 'bus_add_device', 'bus_add_driver', 'bus_probe_device', 'bus_remove_device', 'bus_remove_driver', 'drivers_probe_store', 'bus_rescan_devices_helper'],
  'drivers/base/core.c': ['device_add', 'device_del', 'device_links_busy', 'device_links_unbind_consumers', 'dev_uevent', 'kill_device', 'device_link_add', 'device_link_del', '__device_link_del'],
  'kernel/async.c': ['async_schedule', 'async_synchronize_full', 'async_run_entry_fn'],
  'kernel/module/main.c': ['load_module', 'do_init_module', 'delete_module', 'free_module'],
  'kernel/module.c': ['load_module', 'do_init_module', 'delete_module', 'free_module'],
  'kernel/workqueue.c': ['worker_thread', 'flush_work'],
  'fs/kernfs/file.c': ['kernfs_fop_write_iter', 'kernfs_fop_write'],
  'fs/sysfs/file.c': ['sysfs_write_file'],
  'include/linux/device.h': ['device_lock', 'device_unlock'],
  'drivers/usb/core/message.c': ['driver_set_config_work'],
  'drivers/base/platform.c': ['platform_match', 'driver_override_store'],
  'drivers/base/driver.c': ['driver_set_override'],
};

const spec = (p: string): ScenarioSpec => catalogueAt(p);
/** Each profile's catalogue built once for the tests below, which only read its steps (it was built once per file of the profile's sources). */
const builds = new Map<string, ReturnType<typeof buildScenario>>();
const catalogue = (p: string) => { let b = builds.get(p); if (!b) builds.set(p, b = buildScenario(spec(p), p, '')); return b; };

describe('step sources', () => {
  it('every where is file:function with a known function of that file, on every profile', () => {
    // Collected, then one expect: three expects for each of 11,224 parts were a third of the
    // test's time (s47 h2).
    const bad: string[] = [];
    for (const p of PROFILE_NAMES) {
      for (const th of catalogue(p).model.threads) {
        expect(Object.keys(th.steps).length, th.name).toBeLessThan(254);
        for (const [label, st] of Object.entries(th.steps)) {
          for (const part of st.where.split(' -> ')) {
            const m = /^([a-z/_.]+\.[ch]):([A-Za-z_()]+)/.exec(part);
            if (!m) bad.push(`${p} ${th.name} ${label}: ${st.where}: not file:function`);
            else if (!KNOWN[m[1]!]) bad.push(`${p} ${label}: ${part}: no known functions of ${m[1]}`);
            else if (!KNOWN[m[1]!]!.includes(m[2]!)) bad.push(`${p} ${label}: ${part}: not a known function of ${m[1]}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });

  // A new user (2026-12-06): v4.18 traces named `__device_driver_lock` for __device_release_driver's
  // relock and device_release_driver_internal's parent lock, a v5.1 helper the v4.18 dd.c lacks
  // (it locks inline there: 8c97a46af04b:867-869, 925-926).
  it("no step's where names a function its profile's text of that file lacks", () => {
    for (const p of PROFILE_NAMES) {
      const prof = PROFILES[p]!;
      for (const [path, snap] of Object.entries(prof.sources)) {
        if (/\.[ch]:\w+$/.test(path)) continue; // one function read in another snapshot (v5.4's device_del): it has that function
        // The excerpt's header lists the modelled functions that file does not have.
        const m = /^\/\/ not in this file at [^:]+: (.*)$/m.exec(readFileSync(`kernel/${snap}/${path}`, 'utf8'));
        const absent = new Set((m?.[1] ?? '').split(', ').filter((f) => !(f in (prof.renamed ?? {}))));
        for (const th of catalogue(p).model.threads) {
          for (const [label, st] of Object.entries(th.steps)) {
            for (const part of st.where.split(' -> ')) {
              const fn = /^([a-z/_.]+\.[ch]):([A-Za-z_]+)/.exec(part);
              if (fn?.[1] === path) expect(absent.has(fn[2]!), `${p} ${label}: ${st.where} (${path} at ${snap} has no ${fn[2]})`).toBe(false);
            }
          }
        }
      }
    }
  });

  it('every step names the versions it follows: its own commit, or the profile (and patches) it was built for', () => {
    for (const p of PROFILE_NAMES) {
      for (const th of catalogue(p).model.threads) {
        for (const [label, st] of Object.entries(th.steps)) expect(st.since, `${p} ${th.name} ${label}`).toMatch(/v\d|mainline|[0-9a-f]{12}/);
      }
    }
    const patched = buildScenario(spec('v5.1'), 'v5.1', '654888327e9f').model.threads.flatMap((th) => Object.values(th.steps).map((st) => st.since));
    expect(patched).toContain('v5.1 + 654888327e9f');
  });

  // A new user (2026-12-05): `steps --patch` said a call_probe their hunk replaced with a copy of
  // the original followed 'v3.15 (58b116bce136)', the since the library's fix gave it, not the patch.
  it("a user's copy of a step a library fix re-dated names the patch", () => {
    registerPatchFile('/virtual/copy-call-probe.ts', [definePatch({ id: 'copy-call-probe', subject: 'x', base: 'v5.1',
      hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_s, o) => ({ ...o! }) }] })]);
    const steps = buildScenario(spec('v5.1'), 'v5.1', '/virtual/copy-call-probe.ts').model.threads.flatMap((th) => Object.entries(th.steps));
    const calls = steps.filter(([l]) => /^really_probe\(.*\):call_probe$/.test(l)).map(([, st]) => st.since);
    expect(calls.length).toBeGreaterThan(0);
    for (const x of calls) expect(x).toBe('v5.1 + copy-call-probe');
  });
});
