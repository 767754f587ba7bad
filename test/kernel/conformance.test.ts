/**
 * The model against the kernel's text (kernel/<release>/, read from real trees): for every
 * anchored function and every profile, each C line that locks, waits, schedules, or tests or
 * writes modelled state is covered by exactly one step of a block (or listed in UNCOVERED with
 * a reason), the steps follow source order, and the lock operations a step performs when it runs
 * equal those of its lines. Functions not yet anchored are listed in NOT_ANCHORED, with why.
 * And every step says where it comes from as `file:function`, and the function is one that file
 * defines (KNOWN below was checked against drivers/base and kernel/ sources; a typo or an invented
 * function fails here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FLAGS, PROFILE_NAMES, PROFILES, buildScenario, type ScenarioSpec, type BuiltScenario } from 'probecheck';
import { UNCOVERED, cLocks, recordLocks, sideBySide } from '../../src/kernel/conformance.js';
import { excerpt, resolveAnchor, snapshotOf } from '../../src/kernel/source.js';
import type { StepAnchors } from '../../src/kernel/emit.js';
import { ANCHORED, NOT_ANCHORED } from '../../src/kernel/anchored.js';
import { releaseSpan } from '../../src/kernel/spans.js';
import { catalogueAt, LATE_CATALOGUE } from '../../src/kernel/catalogue.js';
import { definePatch, registerPatchFile } from '../../src/kernel/define-patch.js';
import { shutdownRefusalAt } from '../../src/kernel/paths/device-shutdown.js';
import { lateInitcallRefusal } from '../../src/kernel/paths/late-initcall.js';


/** Smaller scenarios whose state spaces the lock recorder can exhaust, so every step runs. */
const SMALL: ScenarioSpec[] = [
  { name: 'add-del', devices: { h: {}, c: { parent: 'h' } }, drivers: { hd: { matches: ['h'], present: true, registers: [] }, cd: { matches: ['c'], probeType: 'async', present: true, probe: ['ok', 'defer'] } }, actors: { a: ['add h', 'add c', 'del c'], b: ['wait_for_device_probe'] } },
  { name: 'mod', devices: { h: { present: true }, c: { parent: 'h', present: true } }, drivers: { cd: { matches: ['c'], module: 'm', probeType: 'async' } }, actors: { a: ['modprobe m', 'rmmod m'], s: ['unbind cd c'] } },
  // A second loader beside the unload: free_module's two module_mutex regions are two steps where a load may run between them (module_unformed, v3.14 .. v5.1; paths/module.ts).
  { name: 'mod-window', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, actors: { a: ['modprobe m', 'rmmod m'], u: ['modprobe m'] } },
  { name: 'bind', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], present: false } }, actors: { r: ['register dd', 'unregister dd'], s: ['bind dd d', 'unbind dd d'] } },
  // Stateless links added and deleted by two drivers (B16's shape), driver_override racing the three match paths (B13's: bind_store's too), and libnvdimm's kill_device-then-del: steps the catalogue lacks.
  { name: 'links', devices: { pmic: {}, mmc: {} }, drivers: { pd: { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] }, md: { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } }, actors: { boot: ['add pmic', 'add mmc'], a: ['unbind md mmc'], b: ['unbind pd pmic'] } },
  { name: 'override', devices: { dc: {} }, drivers: { dd: { matches: ['dc'] } }, actors: { h: ['add dc'], r: ['register dd'], w: ['override dc dd'], b: ['bind dd dc'] } },
  { name: 'kill', devices: { ns: { present: true, boundTo: 'nd' } }, drivers: { nd: { matches: ['ns'], present: true } }, actors: { a: ['kill-del ns'], b: ['kill-del ns'] } },
  // A supplier's bind that puts an AUTOPROBE_CONSUMER link's consumer on the pending list (device_links_driver_bound), from v5.1.
  { name: 'autoprobe', devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } }, drivers: { pmd: { matches: ['pmic'], module: 'pm' }, cod: { matches: ['codec'], present: true } }, actors: { u: ['modprobe pm'], h: ['del codec'] } },
  { name: 'usb', buses: { usb: { needParentLock: true } }, devices: { u: { present: true }, i: { parent: 'u' } }, drivers: { id: { matches: ['i'], probeType: 'async', present: true } }, actors: { h: ['add i', 'del i'], s: ['bind id i'] } },
  // driver_detach of a USB interface: v4.18's device_release_driver_internal locks the parent inline (8c97a46af04b:922-923, 930-931).
  // A subsystem path holding a device lock (actors `lock`/`unlock`: include/linux/device.h) against a sysfs bind.
  { name: 'lock', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'] } }, actors: { u: ['lock d', 'unlock d'], r: ['register dd'] } },
  // B7's shape: a PCI probe run by work_on_cpu that queues a SCSI scan which registers a disk.
  { name: 'scan', syncFallback: false, devices: { hba: { present: true }, sda: { parent: 'hba' } }, drivers: { hd: { matches: ['hba'], module: 'm', workOnCpu: true, asyncScan: ['sda'] }, sd: { matches: ['sda'], present: true } }, actors: { modprobe: 'modprobe m' } },
  // The late initcall: a device deferred before it, retried by its triggers (and the timeout work where the profile schedules it).
  { ...LATE_CATALOGUE, name: 'late' },
  // wait_for_device_probe before the late initcall: where the timeout is armed it sleeps on probe_timeout_waitqueue.
  { ...LATE_CATALOGUE, name: 'late-wait', actors: { ...LATE_CATALOGUE.actors, waiter: 'wait_for_device_probe' } },
  // Two devices deferred at boot, still pending at the timeout work's locked walk (v5.12 on): a step per entry under deferred_probe_mutex (late-initcall.ts).
  { name: 'late-walk', deferredProbeTimeout: 10, devices: { a: { present: true }, b: { present: true } }, drivers: { ad: { matches: ['a'], present: true, probe: 'defer' }, bd: { matches: ['b'], present: true, probe: 'defer' } }, actors: { boot: ['deferred_probe_initcall'] } },
  { name: 'usb-detach', buses: { usb: { needParentLock: true } }, devices: { u: { present: true }, i: { parent: 'u', present: true, boundTo: 'id' } }, drivers: { id: { matches: ['i'], present: true } }, actors: { r: ['unregister id'] } },
  // device_shutdown (reboot) racing a module's probes and a hotplug add, where the profile settles its shape.
  { name: 'shutdown', devices: { h: { present: true }, c: { parent: 'h' } }, drivers: { cd: { matches: ['c'], module: 'm', probeType: 'async' } }, actors: { a: ['modprobe m'], h: ['add c'], r: ['device_shutdown'] } },
];


const built = new Map<string, BuiltScenario[]>();
/** Steps (`block:local`) whose C spans a release at some profile (releaseSpan). */
const spans = new Set<string>();
function scenariosOf(p: string): BuiltScenario[] {
  let b = built.get(p);
  // kill-del needs kill_device (KILL_DEVICE, v5.3+), suppliers DL_FLAG_AUTOPROBE_CONSUMER (v5.4+), override a driver_override file (DRIVER_OVERRIDE, v3.16); deferred_probe_initcall a profile that settles its shape.
  if (!b) { b = [catalogueAt(p), ...SMALL].filter((s) => (s.name !== 'kill' || PROFILES[p]!.flags.includes('KILL_DEVICE')) && (s.name !== 'override' || PROFILES[p]!.flags.includes('DRIVER_OVERRIDE')) && (s.name !== 'autoprobe' || PROFILES[p]!.flags.includes('AUTOPROBE_CONSUMER')) && (!s.name.startsWith('late') || !lateInitcallRefusal({ profile: p, unsettled: PROFILES[p]!.unsettled ?? {} }))
    && (s.name !== 'late-walk' || PROFILES[p]!.flags.includes('TIMEOUT_WALK_LOCKED'))
    && (s.name !== 'shutdown' || !shutdownRefusalAt(p))).map((s) => buildScenario(s, p, '')); built.set(p, b); }
  return b;
}

const fnOf = (where: string) => /^([\w/.-]+\.[ch]):([A-Za-z_]\w*)/.exec(where)!;
const KERNEL = fileURLToPath(new URL('../../kernel/', import.meta.url));

describe('kernel excerpts', () => {
  it('every snapshot a profile reads is in kernel/', () => {
    const have = readdirSync(KERNEL);
    for (const p of PROFILE_NAMES) for (const snap of Object.values(PROFILES[p]!.sources)) expect(have, p).toContain(snap);
  });
});

describe('conformance: steps against the C they model', () => {
  it('every function a step names is either anchored or listed as not yet anchored (with why)', () => {
    const seen = new Set<string>();
    for (const p of PROFILE_NAMES) for (const b of scenariosOf(p)) for (const th of b.model.threads) for (const st of Object.values(th.steps)) {
      const m = fnOf(st.where);
      seen.add(`${m[1]}:${m[2]}`);
    }
    for (const f of seen) expect(ANCHORED.includes(f) || f in NOT_ANCHORED, `${f}: anchor its steps, or list it in NOT_ANCHORED with the reason`).toBe(true);
    for (const f of ANCHORED) expect(f in NOT_ANCHORED, f).toBe(false);
  });

  for (const p of PROFILE_NAMES) {
    describe(p, () => {
      it('every step of an anchored function names its lines, and every anchor resolves in the release', () => {
        for (const b of scenariosOf(p)) {
          const anchored = new Map(b.kernel.anchors.map((a) => [`${a.thread}|${a.label}`, a]));
          for (const th of b.model.threads) for (const [label, st] of Object.entries(th.steps)) {
            const m = fnOf(st.where);
            if (!ANCHORED.includes(`${m[1]}:${m[2]}`)) continue;
            const a = anchored.get(`${th.name}|${label}`);
            expect(a, `${p} ${th.name} ${label} (${st.where}) has no anchors (c: [...])`).toBeDefined();
            if (a!.error?.startsWith('this profile reads no snapshot')) continue;
            expect(a!.error, `${p} ${label}`).toBeUndefined();
          }
        }
      });

      it('every line that locks, waits, schedules, tests or writes modelled state is covered once per block, in source order', () => {
        const problems: string[] = [];
        const covered = new Map<string, Set<number>>();
        for (const b of scenariosOf(p)) {
          const blocks = new Map<string, StepAnchors[]>();
          for (const a of b.kernel.anchors) {
            const key = `${a.thread}|${a.label.slice(0, a.label.length - a.local.length - 1)}`;
            blocks.set(key, [...(blocks.get(key) ?? []), a]);
          }
          for (const [key, steps] of blocks) {
            const owner = new Map<string, string>();
            let prev = -1, prevLabel = '';
            for (const a of steps) {
              for (const an of a.anchored) for (const i of an.lines) {
                const k = `${an.path}:${an.fn}@${an.release}:${i}`;
                const ex = excerpt(an.release, an.path, an.fn)!;
                if (!covered.has(`${an.path}:${an.fn}@${an.release}`)) covered.set(`${an.path}:${an.fn}@${an.release}`, new Set());
                covered.get(`${an.path}:${an.fn}@${an.release}`)!.add(i);
                const sharedHere = an.shared?.includes(i) ?? false;
                if (owner.has(k) && !sharedHere && !owner.get(k)!.endsWith(' #part') && ex.lines[i]!.trim() !== '}') problems.push(`${key}: line '${ex.lines[i]!.trim()}' of ${an.fn} is covered by both ${owner.get(k)} and ${a.local}`);
                owner.set(k, sharedHere ? `${a.local} #part` : a.local);
              }
              // The block's function by this release's name (v3.5 reads do_init_module in the init_module syscall).
              const blockFn = PROFILES[p]!.renamed?.[a.block] ?? a.block;
              const own = a.anchored.find((an) => an.fn === blockFn) ?? a.anchored[0];
              const first = own ? Math.min(...own.lines) : -1;
              if (own && own.fn === blockFn && first < prev) problems.push(`${key}: step ${a.local} (line ${first}) comes after ${prevLabel} (line ${prev}) but models earlier code`);
              if (own && own.fn === blockFn) { prev = first; prevLabel = a.local; }
            }
          }
        }
        for (const f of ANCHORED) {
          const [path, name] = [f.slice(0, f.lastIndexOf(':')), f.slice(f.lastIndexOf(':') + 1)];
          const fn = PROFILES[p]!.renamed?.[name!] ?? name!;
          const release = snapshotOf(PROFILES[p]!.sources, path!, fn);
          if (!release) continue; // this profile reads no snapshot of that file
          const view = sideBySide([], release, path!, fn!);
          if (!view) continue; // not in this release
          const cov = covered.get(`${path}:${fn}@${release}`);
          if (!cov) continue; // no step of this function is built at this profile
          // Lines that show a flag the profile knowingly lacks (its snapshot is later than its release).
          const differs = new Set<number>();
          for (const flag of Object.keys(PROFILES[p]!.differs ?? {}) as (keyof typeof FLAGS)[]) {
            const m = /^([\w/.-]+\.[ch]):(\w+):: (.*)$/.exec((FLAGS[flag] as { shows?: string }).shows ?? '');
            if (m && m[1] === path && m[2] === fn) { try { for (const i of resolveAnchor(view.ex, m[3]!)) differs.add(i); } catch { /* not there */ } }
          }
          view.lines.forEach((l, i) => {
            if (differs.has(i)) return;
            if (l.effect && !cov.has(i) && !l.uncovered) problems.push(`${f}@${release}:${l.n} (${l.effect}) '${l.text.trim()}' is covered by no step and not listed in UNCOVERED`);
            if (l.uncovered && cov.has(i)) problems.push(`${f}@${release}:${l.n} is listed in UNCOVERED but a step covers it`);
          });
        }
        expect(problems).toEqual([]);
      });

      it('a step whose C runs past a lock release says why (merges), or is split there', () => {
        const problems = new Set<string>();
        for (const b of scenariosOf(p)) for (const a of b.kernel.anchors) {
          const span = releaseSpan(a.anchored);
          if (span) spans.add(`${a.block}:${a.local}`);
          if (span && !a.merges) problems.add(`${a.block}:${a.local} (${a.where}) runs ${span} in one step: split it at the release, or say in merges why no property can tell`);
        }
        expect([...problems]).toEqual([]);
      });

      it('each step performs the lock operations of its lines when it runs', () => {
        const problems: string[] = [];
        for (const b of scenariosOf(p).slice(1)) {
          const ran = recordLocks(b, 30_000);
          for (const a of b.kernel.anchors) {
            const seen = ran.get(`${a.thread}|${a.label}`);
            if (!seen || a.anchored.length === 0) continue;
            const want = a.anchored.flatMap((an) => cLocks(excerpt(an.release, an.path, an.fn)!, an.lines));
            const must = want.filter((e) => !e.endsWith('?')).sort().join(', ');
            const may = want.map((e) => e.replace(/\?$/, '')).sort().join(', ');
            for (const got of seen) {
              if (got !== must && got !== may) problems.push(`${b.model.name} ${a.label}: ran [${got}], its lines do [${want.join(', ')}]`);
            }
          }
        }
        expect(problems).toEqual([]);
      });
    });
  }

  it('every merges is on a step whose C spans a release at some profile', () => {
    const said = new Set<string>();
    for (const p of PROFILE_NAMES) for (const b of scenariosOf(p)) for (const a of b.kernel.anchors) {
      if (a.merges) said.add(`${a.block}:${a.local}`);
      if (releaseSpan(a.anchored)) spans.add(`${a.block}:${a.local}`);
    }
    expect(said.size).toBeGreaterThan(10);
    expect([...said].filter((l) => !spans.has(l))).toEqual([]);
  });

  it('releaseSpan finds the release and what follows it, callee lines at their call', () => {
    const b = scenariosOf('mainline')[0]!;
    const of = (label: string) => b.kernel.anchors.find((a) => `${a.block}:${a.local}` === label)!.anchored;
    expect(releaseSpan(of('deferred_probe_work_func:mutex_lock'))).toBe("'mutex_unlock(&deferred_probe_mutex);' ... 'bus_probe_device(dev);'");
    // device_del's kill_device: the callee's dead test and write come at its call, before device_unlock.
    expect(releaseSpan(of('device_del:kill_device'))).toBeNull();
    // Mainline writes dev->driver through device_set_driver (and clears it in device_unbind_cleanup): the span was missed there.
    expect(releaseSpan(of('really_probe:call_probe'))).toBe("'device_links_write_unlock();' ... 'device_set_driver(dev, drv);'");
  });

  it('releaseSpan releases a guard where its scope ends (linux/cleanup.h), which no C line says', () => {
    const R = 'torvalds@4793dae01f47', P = 'drivers/base/core.c';
    const at = (fn: string, ...ls: string[]) => [{ path: P, fn, release: R, lines: ls.flatMap((l) => resolveAnchor(excerpt(R, P, fn)!, l)) }];
    // fwnode_link_lock: a scoped_guard's block, and a guard's enclosing if, both closed before device_links_write_lock.
    expect(releaseSpan(at('device_links_check_suppliers', 'scoped_guard(mutex, &fwnode_link_lock) {', 'device_links_write_lock();'))).toBe("'} (scope end: scoped_guard(mutex, &fwnode_link_lock) {)' ... 'device_links_write_lock();'");
    expect(releaseSpan(at('device_links_driver_bound', 'guard(mutex)(&fwnode_link_lock);', 'device_links_write_lock();'))).toBe("'} (scope end: guard(mutex)(&fwnode_link_lock);)' ... 'device_links_write_lock();'");
    // Inside its scope the lock is still held.
    expect(releaseSpan(at('device_links_check_suppliers', 'scoped_guard(mutex, &fwnode_link_lock) {', 'sup_fw = fwnode_links_check_suppliers(dev->fwnode);'))).toBeNull();
  });

  it('every UNCOVERED entry names a line that exists in some snapshot', () => {
    for (const [f, entries] of Object.entries(UNCOVERED)) {
      const [path, fn] = [f.slice(0, f.lastIndexOf(':')), f.slice(f.lastIndexOf(':') + 1)];
      for (const anchor of Object.keys(entries)) {
        const found = readdirSync(KERNEL).some((snap) => {
          const ex = excerpt(snap, path!, fn!);
          if (!ex) return false;
          try { return resolveAnchor(ex, anchor).length > 0; } catch { return false; }
        });
        expect(found, `${f}: '${anchor}'`).toBe(true);
      }
    }
  });
});

/**
 * A step's `since` names the release (or the commit) its shape comes from; a profile older than
 * that release builds code its kernel does not have (a finding, 2026-12-06: v3.14 built the
 * driver_override store, `since: 'v3.16'`). Read: the first `vX.Y` of the since (an older
 * alternative, `v4.5 or v4.6`, comes first; a range `vA .. vB` also ends at vB); with no version,
 * `before HASH` (the profile must lack the flag of that commit) or `HASH ...` (it must have it);
 * the profile's own name (`v5.1`, `v5.1 + ID`) is the fallback of a step with no since of its own.
 * Any other form is a problem, so a new one must be taught here. `mainline` is after every release.
 */
const release = (s: string): [number, number] | null => { const m = /\bv(\d+)\.(\d+)/.exec(s); return m ? [+m[1]!, +m[2]!] : null; };
const after = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
const flagOf = (hash: string) => (Object.entries(FLAGS) as [keyof typeof FLAGS, { commit: string }][]).find(([, i]) => i.commit.startsWith(hash))?.[0];
function sinceProblem(p: string, since: string): string | null {
  if (since === p || since.startsWith(`${p} + `)) return null;
  const at = p === 'mainline' ? null : release(p);
  const v = release(since);
  if (v) {
    if (at && after(v, at)) return `since ${since}, but ${p} is older`;
    // Intervals before any parenthesis: `vA .. vB`, `vA+`, `vA`, comma-separated (`v2.6 .. v3.7, v5.17+`).
    const pieces = since.split(' (')[0]!.split(', ').map((x) => /^v(\d+)\.(\d+)(?: \.\. v(\d+)\.(\d+)|(\+))?$/.exec(x.trim()));
    if (at && pieces.length && pieces.every((m) => m) && !pieces.some((m) => !after([+m![1]!, +m![2]!], at) && (m![5] || m![3] === undefined || !after(at, [+m![3]!, +m![4]!])))) return `since ${since}, but ${p} is in none of its intervals`;
    return null;
  }
  const before = /^before ([0-9a-f]{12})\b/.exec(since), by = /^([0-9a-f]{12})\b/.exec(since);
  const hash = before?.[1] ?? by?.[1];
  const flag = hash ? flagOf(hash) : undefined;
  if (!flag) return `since ${since}: no version and no flag's commit to read`;
  const has = PROFILES[p]!.flags.includes(flag);
  if (before && has) return `since ${since}, but ${p} has ${flag}`;
  if (by && !has) return `since ${since} (${flag}), but ${p} lacks it`;
  return null;
}

describe('no profile builds a step older than its since', () => {
  it('the reader flags a step built before its release, and reads each form', () => {
    expect(sinceProblem('v3.14', 'v3.16 (3d713e0e382e, platform driver_override; unverified)')).toMatch(/v3\.14 is older/);
    expect(sinceProblem('v3.14', 'v4.2 (765230b5f084)')).toMatch(/older/);
    expect(sinceProblem('v4.2', 'v4.2 (765230b5f084)')).toBeNull();
    expect(sinceProblem('v4.14', 'v4.5 or v4.6')).toBeNull();
    expect(sinceProblem('v5.1', 'v4.2 .. v5.0')).toMatch(/none of its intervals/);
    expect(sinceProblem('v5.19', 'v2.6 .. v3.7, v5.17+ (67d6212afda2)')).toBeNull();
    expect(sinceProblem('v5.4', 'v2.6 .. v3.7, v5.17+ (67d6212afda2)')).toMatch(/none of its intervals/);
    expect(sinceProblem('mainline', 'v7.1-rc1 (a2225b6e834a)')).toBeNull();
    expect(sinceProblem('v5.1', 'v5.1 + 654888327e9f')).toBeNull();
    expect(sinceProblem('v3.5', 'before 190888ac01d0')).toBeNull();
    expect(sinceProblem('v3.14', 'before 190888ac01d0')).toMatch(/has BUS_LIST_BEFORE_PROBE/);
    expect(sinceProblem('v6.12', 'c0a40097f0bc (reverted by dc1771f71854)')).toBeNull();
    expect(sinceProblem('v6.6', 'c0a40097f0bc (reverted by dc1771f71854)')).toMatch(/\(UEVENT_SHOW_LOCKED\), but v6.6 lacks it/);
    expect(sinceProblem('v5.1', 'long ago')).toMatch(/no version/);
  });

  for (const p of PROFILE_NAMES) {
    it(`${p}: every step's since is ${p} or older`, () => {
      const problems = new Set<string>();
      let read = 0;
      for (const b of scenariosOf(p)) for (const th of b.model.threads) for (const [label, st] of Object.entries(th.steps)) {
        const why = sinceProblem(p, st.since ?? '');
        if (why) problems.add(`${label.replace(/\(.*?\)/g, '()').replace(/#\d+/, '')} (${st.where}): ${why}`);
        read++;
      }
      expect(read).toBeGreaterThan(100);
      expect([...problems]).toEqual([]);
    });
  }
});

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
/**
 * Each profile's catalogue, as the conformance tests above build it (scenariosOf's first): the tests
 * below only read its steps. They were where.test.ts, which built every catalogue again (s51 h2).
 */
const catalogue = (p: string) => scenariosOf(p)[0]!;

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
