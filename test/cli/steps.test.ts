/** `probecheck steps`: the step catalogue a patch author reads for hook points. */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, hasStack, probecheck, tempDir } from './run.js';
import { bufferIo } from '../../src/cli/io.js';
import { checkUserPatches, runSteps } from '../../src/cli/steps.js';
import { forgetLoadedFiles, loadPatchFiles } from '../../src/load.js';

interface Step { step: string; fn: string; label: string; where: string; since: string; c?: string; strong?: boolean; reads: string[]; writes: string[]; locks: string[]; waits: string[]; fired: number }

describe('probecheck steps', () => {
  const dir = tempDir();
  // v5.1's catalogue at 500 states, not the default 3,000 (0.7 s of CPU more): __driver_attach's
  // steps, reads, writes, locks and waits are the same at both (compared, s47 h3; at 200 they are
  // not), and __device_attach's targets are the build's. The default bound is examples.test.ts's
  // run of the --help example `steps --profile v5.1 --function __driver_attach`.
  const V51 = ['--profile', 'v5.1', '--max-states', '500'];
  // So is mainline's (the default profile): what these tests read of it is the build's (labels,
  // strong waits, the steps that run a function), and mutex waits are recorded at 500 too (10
  // steps' waits name a mutex, 14 at 3,000: the test asks for one).
  // The default bound is examples.test.ts's `steps --profile mainline --json` (docs/patches.md).
  const MAIN = ['--max-states', '500'];
  it('lists the steps of a function with what each reads, writes and locks, as recorded', () => {
    const r = probecheck(['steps', ...V51, '--function', '__driver_attach', '--json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { profile: string; states: number; steps: Step[] };
    // strcmp: the catalogue writes s's driver_override, so platform_match loads the string, then compares (B13).
    expect(j.steps.map((s) => s.step)).toEqual(['__driver_attach:driver_match_device', '__driver_attach:device_lock', '__driver_attach:async_schedule_dev', '__driver_attach:device_unlock', '__driver_attach:strcmp', '__driver_attach:driver_deferred_probe_add']);
    const lock = j.steps.find((s) => s.label === 'device_lock')!;
    expect(lock.c).toMatch(/^drivers\/base\/dd\.c@torvalds@376991db4b64:/);
    expect(lock.locks).toEqual(['takes dev[].mutex']);
    expect(lock.reads).toEqual(expect.arrayContaining(['dev[].mutex', 'dev[].driver']));
    expect(lock.writes).toEqual(expect.arrayContaining(['dev[].mutex', 'dev[].asyncDriver']));
    expect(j.steps.find((s) => s.label === 'device_unlock')!.locks).toEqual(['releases dev[].mutex']);
    // klist_next, taken as __driver_attach returns: the walk goes on in bus klist order, skipping deleted devices.
    expect(j.steps.find((s) => s.label === 'device_unlock')!.reads).toEqual(expect.arrayContaining(['dev[].busRank', 'dev[].onBus']));
  });
  // Found by a new-user pass (2026-12-03): the parent-lock steps of a USB interface driver's
  // attach and detach were in traces but not in the catalogue, so no patch could name them.
  // (A function's steps are the model's, whatever the walks' bound: 10 states list them as 3,000 do.)
  const labels = (profile: string, fn: string) => (JSON.parse(probecheck(['steps', '--profile', profile, '--function', fn, '--json', '--max-states', '10'], { cwd: dir }).stdout) as { steps: Step[] }).steps.map((s) => s.label);
  it('lists the parent-lock steps of a need_parent_lock bus (a USB interface driver registered and unregistered)', () => {
    expect(labels('mainline', '__driver_attach')).toContain('lock_parent');
    expect(labels('v4.18', 'device_release_driver_internal')).toContain('lock_parent');
  });
  // free_module's UNFORMED window is a step of its own only where a second load may run in it
  // (s45 h9); the main catalogue's one load runs before its unload, so steps listed it at no
  // profile and a patch on it was E604 at every one (s45 h10): MODULE_WINDOW_CATALOGUE builds it.
  it('lists delete_module:module_unformed where free_module\'s UNFORMED window is a step (v4.19), not from v5.3 (v5.4)', () => {
    expect(labels('v4.19', 'delete_module')).toEqual(['try_stop_module', 'async_synchronize_full', 'free_module', 'module_unformed']);
    expect(labels('v5.4', 'delete_module')).toEqual(['try_stop_module', 'async_synchronize_full', 'free_module']);
    // A hunk on it applies to a scenario that builds it (the patch check read the catalogue only: E604).
    const user = tempDir();
    mkdirSync(join(user, 'node_modules'));
    symlinkSync(ROOT, join(user, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(user, 'race.ts'), "import { scenario } from 'probecheck';\nexport default scenario({ name: 'race', devices: { d0: { present: true, boundTo: 'drv' } }, drivers: { drv: { matches: ['d0'], module: 'm' } }, modules: { m: { loaded: true } }, actors: { admin: 'rmmod m', udev: 'modprobe m' }, properties: ['no-deadlock'] });\n");
    writeFileSync(join(user, 'p.ts'), "import { definePatch } from 'probecheck';\nexport default definePatch({ id: 'keep', subject: 'x', base: 'v4.19', hunks: [{ fn: 'delete_module', replace: 'module_unformed', step: (_s, o) => o! }] });\n");
    const r = probecheck(['check', 'race.ts', '--param', 'profile=v4.19', '--patch', 'p.ts', '-q'], { cwd: user });
    expect(r.stderr).not.toMatch(/E604/);
    expect(r.status).toBe(1);
  });
  it('records waits, and the whole catalogue differs by profile (v5.1 vs mainline __driver_attach)', () => {
    const all = JSON.parse(probecheck(['steps', '--profile', 'mainline', '--json', ...MAIN], { cwd: dir }).stdout) as { steps: Step[] };
    expect(all.steps.some((s) => s.waits.some((w) => /mutex/.test(w)))).toBe(true);
    expect(all.steps.filter((s) => s.fn === '__driver_attach').map((s) => s.label)).toContain('device_driver_lock');
    expect(new Set(all.steps.map((s) => s.step)).size).toBe(all.steps.length);
  });
  it('--help says how the steps are recorded, as the output does: seeded random walks, not a breadth-first search', () => {
    const help = probecheck(['steps', '--help'], { cwd: dir }).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('seeded random walks, the same every run');
    expect(help).not.toContain('breadth-first');
    const out = probecheck(['steps', ...V51, '--function', '__driver_attach'], { cwd: dir }).stdout;
    expect(out).toMatch(/^steps of profile v5\.1 \(.* over [\d,]+ states of seeded random walks through the catalogue scenarios\)/);
    // A new user (2026-12-06): the default --max-states 3000 reported "over 3,600 states": the other catalogues walk a tenth each.
    expect(help).toContain('a tenth of that in the late initcall\'s and device_shutdown\'s');
    const m = /over ([\d,]+) states/.exec(probecheck(['steps', '--profile', 'mainline', '--function', '__driver_attach', '--max-states', '100'], { cwd: dir }).stdout)!;
    expect(Number(m[1]!.replace(/,/g, ''))).toBeLessThanOrEqual(120);
  });
  // A new-user audit could not write 654888327e9f's insert from `steps`: its `before` (bus_for_each_drv) is no step.
  it('names where a call or walk starts, which an insert may go before, in text and JSON', () => {
    const t = probecheck(['steps', ...V51, '--function', '__device_attach'], { cwd: dir }).stdout;
    expect(t).toMatch(/also names a hunk's insert may go `before` .*\n  __device_attach: bus_for_each_drv\n?$/);
    const j = JSON.parse(probecheck(['steps', ...V51, '--function', '__device_attach', '--json'], { cwd: dir }).stdout);
    expect(j.targets).toEqual({ __device_attach: ['bus_for_each_drv'] });
  });
  // A known gap until 2026-12-05: a patch author could not see where their hunks went.
  it('--patch lists the steps with a user patch applied, from a folder of their own; a bad hunk is E604', () => {
    const user = tempDir();
    mkdirSync(join(user, 'node_modules'));
    symlinkSync(ROOT, join(user, 'node_modules/probecheck'), 'dir');
    // The bundled file is the walkthrough's fix.ts (docs/patches.md), word for word after its header.
    const bundled = readFileSync(join(ROOT, 'models/patches/async-driver-kept.ts'), 'utf8');
    const readme = /```ts\n\/\/ fix\.ts\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'docs/patches.md'), 'utf8'))![1]!;
    expect(bundled.slice(bundled.indexOf('import '))).toBe(readme);
    copyFileSync(join(ROOT, 'models/patches/async-driver-kept.ts'), join(user, 'fix.ts'));
    // 500 states record __driver_attach's steps as the default bound does, with the patch and without
    // (examples.test walks this patch at the default bound: the README's example); both at one bound.
    const j = JSON.parse(probecheck(['steps', '--profile', 'v5.9', '--function', '__driver_attach', '--patch', 'fix.ts', '--json', '--max-states', '500'], { cwd: user }).stdout) as { steps: Step[] };
    const lock = j.steps.find((s) => s.label === 'device_lock')!;
    expect(lock.since).toBe('v5.9 + async-driver-kept');
    expect(lock.reads).toContain('dev[].asyncDriver');
    const base = JSON.parse(probecheck(['steps', '--profile', 'v5.9', '--function', '__driver_attach', '--json', '--max-states', '500'], { cwd: user }).stdout) as { steps: Step[] };
    expect(base.steps.find((s) => s.label === 'device_lock')!.since).not.toContain('async-driver-kept');
    // The text's header (the walk is the first command's).
    expect(probecheck(['steps', '--profile', 'v5.9', '--function', '__driver_attach', '--patch', 'fix.ts', '--max-states', '10'], { cwd: user }).stdout).toMatch(/^steps of profile v5\.9 with fix\.ts \(/);
    writeFileSync(join(user, 'typo.ts'), readFileSync(join(user, 'fix.ts'), 'utf8').replace("replace: 'device_lock'", "replace: 'device_lok'"));
    const bad = probecheck(['steps', '--profile', 'v5.9', '--patch', 'typo.ts'], { cwd: user });
    expect([bad.status, hasStack(bad.stderr)]).toEqual([2, false]);
    expect(bad.stderr).toMatch(/^probecheck: E604 .*hunks\[0\] names __driver_attach:device_lok/);
    // A hunk that throws on a device of the catalogue's (a user's lookup of a device their scenario
    // has): E203 names the library's catalogue scenario it ran in, not only its thread (s47). On v3.5,
    // whose catalogue builds in about half v5.9's time (s47 h6: ~70 ms against ~140 ms, warm).
    writeFileSync(join(user, 'throws.ts'), "import { definePatch } from 'probecheck';\nexport default definePatch({ id: 'throws', subject: 'x', base: 'v3.5', hunks: [{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => ({ ...o!, run: () => { throw new Error('no device dc here'); } }) }] });\n");
    const threw = probecheck(['steps', '--profile', 'v3.5', '--patch', 'throws.ts'], { cwd: user });
    expect([threw.status, hasStack(threw.stderr)]).toEqual([2, false]);
    expect(threw.stderr).toMatch(/^probecheck: E203 .*no device dc here \(while `steps` walked its catalogue scenario '[\w-]+', the library's: its devices and threads are not your scenario's/);
  });
  // The locks column asks the schema's lock fields (state.ts isLockPath), as the patch notes do (s46
  // h24): its own name test missed device_links_lock, which a step holding it takes (a lock only
  // under a user's patch), and listed a patch's own `ownMutex` as a lock, which nothing else takes
  // for one (E205, lock-order, no-wait-under-lock). About 1 s (500 states).
  it('--patch: a step holding device_links_lock lists it under locks; a field the patch adds, whatever its name, under writes only, unless declared a lock', () => {
    const user = tempDir();
    mkdirSync(join(user, 'node_modules'));
    symlinkSync(ROOT, join(user, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(user, 'own.ts'), `import { definePatch, lockOf } from 'probecheck';
export default definePatch({ id: 'links-held', subject: 'a wait under device_links_lock, and a lock of its own', base: 'mainline',
  state: { dev: { ownMutex: { type: 'int', max: 255 }, ownLock: 'mutex' } }, hunks: [
  { fn: 'really_probe', replace: 'driver_bound', step: (_site, orig) => ({ ...orig!, holding: 'device_links_lock', await: (s) => (orig!.await ? orig!.await(s) : true), waits: () => 'its condition' }) },
  { fn: '__driver_attach', replace: 'device_lock', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => { s.dev[site.dev]!.ownMutex = site.tb.owner; lockOf(site, 'ownLock', site.dev).take(s); return orig!.run(s, t, b, c); } }) },
  { fn: '__driver_attach', replace: 'device_unlock', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => { s.dev[site.dev]!.ownMutex = 0; lockOf(site, 'ownLock', site.dev).release(s); return orig!.run(s, t, b, c); } }) },
] });
`);
    const r = probecheck(['steps', '--patch', 'own.ts', '--json', '--max-states', '500'], { cwd: user });
    expect(r.status, r.stderr).toBe(0);
    const at = (step: string) => (JSON.parse(r.stdout) as { steps: Step[] }).steps.find((s) => s.step === step)!;
    expect(at('really_probe:driver_bound').locks).toEqual(['takes deviceLinksLock']);
    expect(at('really_probe:driver_bound_links_locked').locks).toEqual(['releases deviceLinksLock']);
    // A lock the patch declares ('mutex', s47 h1) is one: listed as the device's mutex is.
    expect([at('__driver_attach:device_lock').locks, at('__driver_attach:device_unlock').locks]).toEqual([['takes dev[].mutex', 'takes dev[].ownLock'], ['releases dev[].mutex', 'releases dev[].ownLock']]);
    expect(at('__driver_attach:device_lock').writes).toContain('dev[].ownMutex');
  });
  // A step whose C runs past a lock release says why (merges); patches.md says `{ ...orig }` keeps
  // it, and no output showed it (s45 h15). One small recording (--max-states 10).
  it("prints a step's merges, in text and JSON", () => {
    const args = ['steps', '--profile', 'v5.10', '--function', 'deferred_probe_work_func', '--max-states', '10'];
    expect(probecheck(args, { cwd: dir }).stdout).toContain("\n  merges: the loop's text: one run takes the mutex, takes one device off and drops it; bus_probe_device(dev) is the next steps");
    const json = JSON.parse(probecheck([...args, '--json'], { cwd: dir }).stdout) as { steps: { label: string; merges?: string }[] };
    expect(json.steps.find((x) => x.label === 'mutex_lock')?.merges).toMatch(/^the loop's text/);
    expect(json.steps.find((x) => x.label === 'process_one_work')?.merges).toBeUndefined();
  });

  it('marks the steps whose mutex wait is strongly fair, where the profile has MUTEX_HANDOFF', () => {
    // (Fairness is the build's; at v5.10 500 states record __driver_attach's steps as the default bound does.)
    const strong = (profile: string, ...bound: string[]) => (JSON.parse(probecheck(['steps', '--profile', profile, '--function', '__driver_attach', '--json', ...bound], { cwd: dir }).stdout) as { steps: Step[] }).steps.filter((s) => s.strong).map((s) => s.label);
    expect(strong('mainline', ...MAIN)).toEqual(expect.arrayContaining(['device_lock', 'device_driver_lock']));
    expect(strong('v5.10', '--max-states', '500')).toEqual([]);
  });
  // Its --help examples are run by examples.test.ts, with every other command's.
  it('text output and an unknown function', () => {
    const t = probecheck(['steps', ...V51, '--function', '__driver_attach'], { cwd: dir });
    expect(t.stdout).toContain('__driver_attach:device_lock\n  where: drivers/base/dd.c:__driver_attach');
    const bad = probecheck(['steps', ...MAIN, '--function', 'nope'], { cwd: dir });
    expect([bad.status, hasStack(bad.stderr)]).toEqual([2, false]);
    expect(bad.stderr).toMatch(/^probecheck: E501 .*builds no step of 'nope'; functions: .*__driver_attach/);
    // A new user (2026-12-06): a dd.c function the model runs inside its callers' steps is named, with those steps.
    const inner = probecheck(['steps', ...MAIN, '--function', 'driver_deferred_probe_trigger'], { cwd: dir });
    expect([inner.status, hasStack(inner.stderr)]).toEqual([2, false]);
    // Every caller, also those found only by their label or C (s44 h16: a patch to the trigger written
    // from a list without the late initcall's and the timeout work's missed two of its four callers).
    expect(inner.stderr).toMatch(/^probecheck: E501 .*builds no step of 'driver_deferred_probe_trigger'; 'driver_deferred_probe_trigger' is modelled inside its callers' steps \(their where, label, its own C they cite, or a cited line tagged #runs\): driver_probe_device:driver_deferred_probe_trigger, really_probe:driver_deferred_probe_trigger, deferred_probe_initcall:driver_deferred_probe_trigger, deferred_probe_initcall:trigger_again, deferred_probe_timeout_work_func:driver_deferred_probe_trigger: name one of those \(function:label\); functions: /);
    // v4.15 .. v5.13: really_probe's re-trigger in driver_deferred_probe_add_trigger runs the trigger too,
    // and its where names it (s44 h19: it was missed; neither its where nor its C line named the trigger). The callers' steps are
    // the model's: 10 states of walks name them as 3,000 do (the same lines; 3,000 was 0.6-0.7 s of this file).
    const v510 = probecheck(['steps', '--profile', 'v5.10', '--function', 'driver_deferred_probe_trigger', '--max-states', '10'], { cwd: dir });
    expect(v510.stderr).toContain('): really_probe:driver_deferred_probe_trigger, really_probe:trigger_again, deferred_probe_initcall:driver_deferred_probe_trigger, deferred_probe_initcall:trigger_again, deferred_probe_timeout_work_func:driver_deferred_probe_trigger: name one');
    // Exactly the steps that run the function (s45 h4): a step whose cited line only calls it is not one.
    // mainline's deferred work cites `bus_probe_device(dev);` for its place between the unlock and the relock
    // (s44 h19: it was listed); device_add's step runs it (its where names it).
    const bus = probecheck(['steps', ...MAIN, '--function', 'bus_probe_device'], { cwd: dir });
    expect(bus.stderr).toContain("'bus_probe_device' is modelled inside its callers' steps (their where names it): device_add:device_pm_add: name one");
    // __device_attach_driver's match step runs `async_allowed = driver_allows_async_probing(drv);` (s45 h7: it
    // cited only the lines after it, and the walk's callback, the test's main caller, was not listed). Same catalogue.
    // A function with a step of its own that its callers' steps also run (the model inlines device_lock in each
    // caller's lock step): listed after its own (s45 h7: only device_lock:mutex_lock was, and a change to
    // device_lock written from it missed thirteen). Same catalogue.
    const lock = probecheck(['steps', ...MAIN, '--function', 'device_lock'], { cwd: dir });
    expect(lock.stdout).toContain('\ndevice_lock:mutex_lock\n');
    expect(lock.stdout).toContain("\n'device_lock' also runs inside its callers' steps (their where, label, its own C they cite, or a cited line tagged #runs): device_add:device_pm_add, device_del:kill_device, unbind_store:lock_parent, __device_attach:device_lock, ");
    expect(lock.stdout).toContain(', usb_lock_parent:device_lock: a change to device_lock itself needs a hunk on each\n');
    expect(JSON.parse(probecheck(['steps', ...MAIN, '--function', 'device_lock', '--json'], { cwd: dir }).stdout).runsInside).toHaveLength(13);
    // Every device's instance of a step (s45 h19): the override device's match steps name platform_match in
    // their where, the first device's do not, and the list named bind_store's alone, where E604 (built from
    // every step) named all three. Same catalogue; the E604 is a build of it with the patch (no walk).
    const pm = probecheck(['steps', ...MAIN, '--function', 'platform_match'], { cwd: dir });
    const listed = (err: string) => /'platform_match' is modelled inside its callers' steps \([^)]*\): (.*?): name one/.exec(err)?.[1];
    expect(listed(pm.stderr)).toBe('__device_attach_driver:driver_match_device, __driver_attach:driver_match_device, bind_store:driver_match_device');
    const user = tempDir();
    mkdirSync(join(user, 'node_modules'));
    symlinkSync(ROOT, join(user, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(user, 'pm.ts'), "import { definePatch } from 'probecheck';\nexport default definePatch({ id: 'pm', subject: 'x', base: 'mainline', hunks: [{ fn: 'platform_match', replace: 'x', step: (_s, o) => o! }] });\n");
    const e604 = probecheck(['steps', '--patch', 'pm.ts'], { cwd: user });
    expect(e604.stderr).toMatch(/^probecheck: E604 /);
    expect(listed(e604.stderr)).toBe(listed(pm.stderr));
    const async = probecheck(['steps', ...MAIN, '--function', 'driver_allows_async_probing'], { cwd: dir });
    expect(async.stderr).toContain('(their label, its own C they cite, or a cited line tagged #runs): __device_attach_driver:driver_match_device, __driver_attach:driver_match_device, driver_detach:async_synchronize_full: name one');
    // v5.10: really_probe's driver_deferred_probe_add_trigger runs the add (it was missing), and
    // defer_all_probes runs it by its `driver_deferred_probe_add(dev);` line, tagged #runs. (The v5.10 walk above, at its 10 states.)
    const add = probecheck(['steps', '--profile', 'v5.10', '--function', 'driver_deferred_probe_add', '--max-states', '10'], { cwd: dir });
    expect(add.stderr).toContain('): really_probe:driver_deferred_probe_add, really_probe:driver_deferred_probe_add_trigger, __device_attach_driver:driver_deferred_probe_add, __driver_attach:driver_deferred_probe_add, really_probe:defer_all_probes: name one');
    // driver_bound cites its `driver_deferred_probe_del(dev);` line; the del is a step of its own.
    const del = probecheck(['steps', '--profile', 'v5.10', '--function', 'driver_deferred_probe_del', '--max-states', '10'], { cwd: dir });
    expect(del.stderr).toContain('): device_del:driver_deferred_probe_del, really_probe:driver_deferred_probe_del: name one');
  });

  // The catalogue a user's patch is checked against is built once per loaded patch: `steps
  // --patch` walked a second build of it, and a check of several model files built it per file
  // (a profile of the CLI tests, 2026-12-06). A file loaded again is built again (its hunks may
  // have changed). The hunk's step function counts the blocks it is applied to, build by build.
  it('builds the catalogue with a patch once for the check and the walk, and again for a file whose text changed', async () => {
    const file = join(tempDir(), 'count.ts');
    writeFileSync(file, `import { definePatch } from 'probecheck';
export default definePatch({ id: 'count', subject: 'count the builds', base: 'v5.1', hunks: [
  { fn: 'really_probe', replace: 'call_probe', step: (_site, orig) => { (globalThis as any).__h7builds = ((globalThis as any).__h7builds ?? 0) + 1; return orig!; } },
] });
`);
    const g = globalThis as { __h7builds?: number };
    const fresh = async () => { forgetLoadedFiles(); await loadPatchFiles(file); g.__h7builds = 0; };
    await fresh();
    checkUserPatches('v5.1', file);
    const one = g.__h7builds!;
    expect(one).toBeGreaterThan(0);
    // The same loaded patch: nothing built again.
    checkUserPatches('v5.1', file);
    expect(g.__h7builds).toBe(one);
    // steps: one build, checked and walked.
    await fresh();
    const b = bufferIo({ NO_COLOR: '1' });
    expect(await runSteps(b.io, 'v5.1', 'really_probe', true, 200, file)).toBe(0);
    expect(JSON.parse(b.stdout()).steps.some((x: Step) => x.label === 'call_probe' && x.since === 'v5.1 + count')).toBe(true);
    expect(g.__h7builds).toBe(one);
    // Loaded again with the same text: kept (s43, cli/steps.ts byText), not built again.
    await fresh();
    checkUserPatches('v5.1', file);
    expect(g.__h7builds).toBe(0);
    // Its text edited: built again.
    writeFileSync(file, `${readFileSync(file, 'utf8')}// edited\n`);
    await fresh();
    checkUserPatches('v5.1', file);
    expect(g.__h7builds).toBe(one);
  });
});

