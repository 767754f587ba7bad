/**
 * Files anywhere, and definePatch with --patch: a scenario, a patch and a suite in a temporary
 * folder outside the repository with no node_modules, importing only 'probecheck'.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStack, probecheck, ROOT, tempDir } from './run.js';
import { buildScenario, check, ProbecheckError } from 'probecheck';
import { loadPatchFiles } from '../../src/load.js';
import { noteLines } from '../../src/cli/patch-notes.js';
import { checkUserPatches } from '../../src/cli/steps.js';
import { unwrap } from './unwrap.js';
import '../../src/vitest.ts';

const SCENARIO = `import { scenario } from 'probecheck';
export default scenario({
  name: 'attach-async', profile: 'v5.1',
  devices: { d: { present: true } },
  drivers: { 'd-drv': { matches: ['d'], probeType: 'async', module: 'm' } },
  actors: { modprobe: 'modprobe m' },
});
`;
const patchFile = (id: string, hunks: string) => `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: '${id}', subject: 'test ${id}', base: 'v5.1', hunks: [${hunks}] });
`;

function folder(files: Record<string, string>): string {
  const dir = realpathSync(tempDir());
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  expect(dir.startsWith(ROOT)).toBe(false);
  return dir;
}

// 70fe758352ca ("driver core: fix potential deadlock in __driver_attach", v6.0) as a user's hunks on v5.1.
const fix = `import { definePatch, RET, RETURN } from 'probecheck';
export default definePatch({
  id: 'attach-unlock-first', subject: 'driver core: fix potential deadlock in __driver_attach', base: 'v5.1',
  hunks: [
    { fn: '__driver_attach', replace: 'device_lock', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const r = orig!.run(s, t, b, c);
      return r === 'async_schedule_dev' ? 'device_unlock' : r;
    } }) },
    { fn: '__driver_attach', replace: 'device_unlock', step: (site, orig) => ({ ...orig!, run: (s, t) => {
      s.dev[site.dev]!.mutex = 0;
      return t.ret === RET.BOUND ? 'async_schedule_dev' : RETURN;
    } }) },
    { fn: '__driver_attach', replace: 'async_schedule_dev', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const r = orig!.run(s, t, b, c);
      return r === 'device_unlock' ? RETURN : r;
    } }) },
  ],
});
`;

describe('files anywhere', () => {
  const dir = folder({ 's.ts': SCENARIO, 'fix.ts': fix });
  it('check, simulate, diff and replay load a scenario that imports probecheck from a folder without node_modules', () => {
    const c = probecheck(['check', 's.ts', '--property', 'no-deadlock', '--trace-out', 't.json', '-q'], { cwd: dir });
    expect(c.stderr).not.toMatch(/E105/);
    expect(c.status).toBe(1);
    expect(probecheck(['replay', 't.json'], { cwd: dir }).status).toBe(0);
    expect(probecheck(['simulate', 's.ts', '--runs', '50', '--depth', '40', '--seed', '1', '-q'], { cwd: dir }).status).toBe(1);
    expect(probecheck(['diff', 's.ts', '--patched-param', 'patches=70fe758352ca', '-q'], { cwd: dir }).status).toBe(0);
  });
  // Found by a new-user pass (2026-12-03): every step said it followed "v5.1 + attach-unlock-first",
  // the ones the patch did not touch too; and a replaced step that copies the original kept its since.
  it("since: a user hunk's step names the patch, every other step only the profile", async () => {
    await loadPatchFiles(join(dir, 'fix.ts'));
    const model = buildScenario({ name: 'attach-async', devices: { d: { present: true } }, drivers: { 'd-drv': { matches: ['d'], probeType: 'async', module: 'm' } },
      modules: { m: {} }, actors: { modprobe: 'modprobe m' } }, 'v5.1', join(dir, 'fix.ts')).model;
    const steps = Object.assign({}, ...model.threads.map((t) => t.steps)) as Record<string, { since?: string }>;
    const since = (re: RegExp) => Object.entries(steps).find(([l]) => re.test(l))![1].since;
    expect(since(/^__driver_attach\(.*\):device_lock$/)).toBe('v5.1 + attach-unlock-first');
    expect(since(/^really_probe\(.*\):call_probe$/)).not.toContain('attach-unlock-first');
  });
  it('a trace written with --patch records the file by absolute path and replays from another folder', () => {
    writeFileSync(join(dir, 'same.ts'), patchFile('same', `{ fn: 'really_probe', replace: 'call_probe', step: (_s, o) => o! }`));
    const c = probecheck(['check', 's.ts', '--patch', 'same.ts', '--property', 'no-deadlock', '--trace-out', 'p.json', '-q'], { cwd: dir });
    expect(c.status, c.stderr).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')).params.patches).toBe(join(dir, 'same.ts'));
    const other = folder({});
    const r = probecheck(['replay', join(dir, 'p.json')], { cwd: other });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(unwrap(r.stdout)).toContain('confirmed');
  });
});

describe('definePatch and --patch', () => {
  const dir = folder({
    's.ts': SCENARIO, 'fix.ts': fix,
    'typo.ts': patchFile('typo', `{ fn: '__driver_attach', replace: 'device_unlok', step: (_s, o) => o! }`),
    'nofn.ts': patchFile('nofn', `{ fn: '__driver_atach', replace: 'device_lock', step: (_s, o) => o! }`),
    'inner.ts': patchFile('inner', `{ fn: 'driver_bound', replace: 'driver_deferred_probe_trigger', step: (_s, o) => o! }`),
    'notpatch.ts': 'export default { id: 1 };\n',
    'badbase.ts': patchFile('badbase', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`).replace("base: 'v5.1'", "base: 'v6.13'"),
    'badkey.ts': patchFile('badkey', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o!, extra: 1 } as never`),
    'badsrc.ts': patchFile('badsrc', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`).replace("base: 'v5.1'", "base: 'v5.1', sources: { 'drivers/base/dd.c': 'v5.1.0' }"),
    'goodsrc.ts': patchFile('goodsrc', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`).replace("base: 'v5.1'", "base: 'v5.1', sources: { 'drivers/base/dd.c': 'torvalds@654888327e9f' }"),
    'libid.ts': patchFile('654888327e9f', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`),
    'never.ts': patchFile('never', `{ fn: 'really_probe', replace: 'probe_failed', step: (_s, o) => o! }, { fn: 'device_del', replace: 'bus_remove_device', step: (_s, o) => o! }, { fn: '__driver_attach', replace: 'strcmp', step: (_s, o) => o! }`),
    'nosched.ts': patchFile('nosched', `{ fn: '__driver_attach', replace: 'device_lock', step: (site, o) => ({ ...o!, run: (s) => { s.dev[site.dev]!.mutex = site.tb.owner; return 'device_unlock'; } }) }`),
    'after.ts': patchFile('after', `{ fn: '__driver_attach', insert: { label: 'check', after: 'device_lok', before: 'async_schedule_dev' }, step: () => ({ where: 'drivers/base/dd.c:__driver_attach', run: () => 'async_schedule_dev' }) }`),
    'beforestr.ts': patchFile('beforestr', `{ fn: '__driver_attach', insert: { label: 'check', after: 'device_unlock', before: 'RETURN' }, step: () => ({ run: () => RETURN }) }`),
    'nowhere.ts': patchFile('nowhere', `{ fn: '__driver_attach', insert: { label: 'check', after: 'device_lock', before: 'async_schedule_dev' }, step: () => ({ run: () => 'async_schedule_dev' }) }`),
    'retstr.ts': patchFile('retstr', `{ fn: '__driver_attach', insert: { label: 'check', after: 'device_lock', before: 'async_schedule_dev' }, step: () => ({ where: 'drivers/base/dd.c:__driver_attach', run: () => 'RETURN' }) }`),
    'noawait.ts': patchFile('noawait', `{ fn: '__driver_attach', replace: 'device_lock', step: (site, o) => ({ ...o!, await: (s) => { s.dev[site.dev]!.mutex === 0; } }) as never }`),
    'noret.ts': patchFile('noret', `{ fn: '__driver_attach', replace: 'device_lock', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { o!.run(s, t, b, c); } }) as never }`),
    'next.ts': patchFile('next', `{ fn: '__driver_attach', insert: { label: 'check', after: 'device_lock', before: 'async_schedule_dev' }, step: () => ({ where: 'drivers/base/dd.c:__driver_attach', run: () => 'next' }) }`),
    'x.suite.ts': `import { defineSuite } from 'probecheck';\nexport default defineSuite({ name: 'x', model: 's.ts', cases: [\n  { params: { profile: 'v5.1' }, expect: { 'no-deadlock': 'violated' } },\n  { params: { profile: 'v5.1' }, patches: ['fix.ts'], expect: { 'no-deadlock': 'holds' } },\n] });\n`,
  });
  const run = (...args: string[]) => { const r = probecheck(args, { cwd: dir }); expect(hasStack(r.stdout + r.stderr)).toBe(false); return r; };

  // A new user (2026-12-05): an inserted step with no `where` was an E103 at search time naming a thread.
  it("an inserted step that says no where is placed in its function, named by the patch and label", () => {
    const r = run('check', 's.ts', '--patch', 'nowhere.ts', '--param', 'profile=v5.1', '--property', 'no-deadlock');
    expect(r.stderr).not.toMatch(/E103/);
    expect(unwrap(r.stdout)).toMatch(/__driver_attach \(patch nowhere: check\) \[__driver_attach\(d,d-drv\):check\]/);
  });

  it('an unknown label is E604 listing the labels of that function on that profile', () => {
    const r = run('check', 's.ts', '--patch', 'typo.ts');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['probecheck: E604 (patch does not apply): typo.ts: patch typo (test typo) does not apply to v5.1: hunks[0] names __driver_attach:device_unlok; __driver_attach on v5.1 has: driver_match_device, device_lock, async_schedule_dev, device_unlock, strcmp, driver_deferred_probe_add']);
    // On mainline the same function has other steps, and the error says so.
    expect(run('check', 's.ts', '--patch', 'typo.ts', '--param', 'profile=mainline').stderr).toMatch(/__driver_attach on mainline has: .*device_driver_lock/);
  });
  it("a hunk's step function that throws is E604 naming the patch and the step, not an internal error", () => {
    const dir = folder({ 's.ts': SCENARIO, 'boom.ts': patchFile('boom', `{ fn: '__driver_attach', replace: 'device_lock', step: () => { throw new Error('no orig here'); } }`) });
    for (const cmd of ['check', 'steps']) {
      const r = probecheck(cmd === 'check' ? ['check', 's.ts', '--patch', 'boom.ts'] : ['steps', '--patch', 'boom.ts', '--function', '__driver_attach'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("probecheck: E604 (patch does not apply): boom.ts: patch boom (test boom): its step for __driver_attach:device_lock: the hunk's step function threw: no orig here\n");
    }
  });
  it("an insert whose 'after' the function does not have is E604 naming that label, not the inserted one", () => {
    const r = run('check', 's.ts', '--patch', 'after.ts');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("probecheck: E604 (patch does not apply): after.ts: patch after (test after) does not apply to v5.1: hunks[0] names __driver_attach:check, to go after 'device_lok', which __driver_attach on v5.1 does not have; __driver_attach on v5.1 has: driver_match_device, device_lock, async_schedule_dev, device_unlock, strcmp, driver_deferred_probe_add");
  });
  // A new user (2026-12-06) wrote before: 'RETURN' for a step at a function's end: E604 said only
  // that the function has no 'RETURN'.
  it("an insert before the string 'RETURN' is E604 naming the constant", () => {
    const r = run('check', 's.ts', '--patch', 'beforestr.ts');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/to go before 'RETURN', which __driver_attach on v5\.1 does not have; the edge out of the function is the constant RETURN \(import \{ RETURN \} from 'probecheck'\), not the string 'RETURN'; __driver_attach on v5\.1 has: /);
  });
  it("a hunk's step that returns a name its function does not have is E202 listing the names it has", () => {
    const r = run('check', 's.ts', '--patch', 'next.ts');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^probecheck: E202 .*patch next \(test next\): .*__driver_attach has no label "next" to go to; its steps: driver_match_device, device_lock, async_schedule_dev, device_unlock, check.*; or the constant RETURN \(import \{ RETURN \} from .probecheck.\) to return from __driver_attach/);
  });
  // A new user (2026-12-05): an await with no return read as a wait that never ends, and no-deadlock was violated.
  it("a hunk's await that returns nothing is E203 saying so, not a deadlock", () => {
    const r = run('check', 's.ts', '--patch', 'noawait.ts');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^probecheck: E203 .*patch noawait \(test noawait\): __driver_attach's step device_lock: its await returned undefined, not true or false/);
    expect(unwrap(r.stdout)).not.toMatch(/no-deadlock\s+violated/);
  });
  // A new user (2026-12-05): a run that called orig.run and returned nothing was a TypeError ("reading 'includes'").
  it("a hunk's step that returns nothing is E202 saying so, not an internal error", () => {
    const r = run('check', 's.ts', '--patch', 'noret.ts');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^probecheck: E202 .*patch noret \(test noret\): __driver_attach's step device_lock returned undefined, not a label \(a missing return\?\); its steps: .*; or the constant RETURN/);
    expect(r.stderr).not.toMatch(/includes/);
  });
  // A new user (2026-12-05): the string 'RETURN' was refused, and the same line offered "RETURN".
  it("a hunk's step that returns the string 'RETURN' is E202 saying RETURN is the constant imported from 'probecheck'", () => {
    const r = run('check', 's.ts', '--patch', 'retstr.ts');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^probecheck: E202 .*patch retstr \(test retstr\): .*__driver_attach has no label "RETURN" to go to: the string 'RETURN' is not the constant RETURN; its steps: .*; or the constant RETURN \(import \{ RETURN \} from 'probecheck'\) to return from __driver_attach\n/);
  });

  it('an unknown function, a file that is not a patch, and a malformed patch are one-line errors', () => {
    expect(run('check', 's.ts', '--patch', 'nofn.ts').stderr).toMatch(/^probecheck: E604 .*has no modelled function '__driver_atach'; did you mean '__driver_attach'\?; functions: .*__driver_attach/);
    // A new user (2026-12-06) patching dd.c's driver_bound got "no modelled function" and the list
    // of functions, not that the model runs driver_bound as steps of really_probe.
    expect(run('check', 's.ts', '--patch', 'inner.ts').stderr).toMatch(/^probecheck: E604 .*has no modelled function 'driver_bound'; 'driver_bound' is modelled inside its callers' steps \(their where names it\): really_probe:driver_bound: name one of those \(function:label\); functions: /);
    const r = run('check', 's.ts', '--patch', 'notpatch.ts');
    expect([r.status, r.stderr]).toEqual([2, `probecheck: E105 (input file could not be loaded): ${join(dir, 'notpatch.ts')}: its default export is not a patch; write \`export default definePatch({...})\` (or a list of them)\n`]);
    expect(run('check', 's.ts', '--patch', 'badkey.ts').stderr).toMatch(/^probecheck: E604 .*hunks\[0\]: unknown key 'extra'/);
    // A new user (2026-12-06): a snapshot kernel/ does not keep was taken silently, and the patch's
    // steps then cited nothing.
    expect(run('check', 's.ts', '--patch', 'badsrc.ts').stderr).toMatch(/^probecheck: E604 \(patch does not apply\): badsrc\.ts: patch 'badsrc': sources\['drivers\/base\/dd\.c'\]: no snapshot 'v5\.1\.0' keeps it; the snapshots that do: .*torvalds@654888327e9f/);
    expect(run('check', 's.ts', '--patch', 'goodsrc.ts', '-q').stderr).not.toMatch(/E604/);
    // An unknown base is an unknown profile, as everywhere else (a new user's pass, 2026-12-05: E604 with no suggestion).
    expect(run('check', 's.ts', '--patch', 'badbase.ts').stderr).toMatch(/^probecheck: E602 \(unknown kernel profile\): badbase\.ts: patch 'badbase': base: unknown kernel profile 'v6.13'; did you mean 'v6.12'\?/);
    expect(run('check', 's.ts', '--patch', 'missing.ts').stderr).toMatch(/^probecheck: E503 .*missing\.ts: no such file/);
    // A new-user pass (2026-12-04): a patch of yours with a library patch's id was taken silently,
    // and output then names it as that fix.
    expect(run('check', 's.ts', '--patch', 'libid.ts').stderr).toBe(`probecheck: E604 (patch does not apply): ${join(dir, 'libid.ts')}: patch id '654888327e9f' is the library's ("driver core: Avoid binding drivers to dead devices"); give yours another id, so that output tells them apart\n`);
  });
  it('reports a patch step that never fires and a hunk whose function the scenario never calls', () => {
    const r = run('check', 's.ts', '--patch', 'never.ts', '-q');
    expect(unwrap(r.stdout)).toContain('warning: patch never: its step really_probe:probe_failed never fires in this search');
    expect(unwrap(r.stdout)).toContain('warning: patch never: device_del:bus_remove_device is not applied here: this scenario never calls device_del on this profile');
    // A patch hunt (2026-12-04): a step left out of a function that is called (strcmp is built only
    // where a driver_override is written) was said to be a function never called.
    expect(unwrap(r.stdout)).toContain("warning: patch never: __driver_attach:strcmp is not applied here: this scenario's __driver_attach is built without that step here (it has: driver_match_device, device_lock, async_schedule_dev, device_unlock)");
    const j = JSON.parse(run('check', 's.ts', '--patch', 'never.ts', '--json').stdout);
    expect(j.patchNotes.map((n: { note: string }) => n.note)).toEqual(['never fires', 'not called', 'not called']);
    // Written against v5.1, applied to v5.4: its hunks apply there, and a note says whose diff it was.
    expect(run('check', 's.ts', '--patch', 'never.ts', '--param', 'profile=v5.4', '-q').stdout).toContain('warning: patch never was written against v5.1; this run applies it to v5.4');
  });
  it('reports steps the patch makes unreachable, in check and in diff', () => {
    const r = run('check', 's.ts', '--patch', 'nosched.ts', '-q');
    expect(unwrap(r.stdout)).toMatch(/warning: step __driver_attach\(d,d-drv\):async_schedule_dev \(modprobe\) fires without the patch and never with it \(unreached, or a wait that never ends there\)/);
    const d = JSON.parse(run('diff', 's.ts', '--patch', 'nosched.ts', '--json').stdout);
    expect(d.patchNotes.some((n: { note: string; step: string }) => n.note === 'unreachable' && n.step === '__driver_attach(d,d-drv):async_schedule_dev')).toBe(true);
    // (The fix itself leaves every step reachable: '--patch on diff applies to the patched side only' reads its diff's notes.)
  });
  // The scenario's driver never defers; the patch makes its probe return -EPROBE_DEFER. With a
  // user's patch every probe takes a deferred_trigger_count snapshot (paths/common.ts mayDefer),
  // so the deferral's comparison has one to compare.
  it("a patch that makes a probe defer where the scenario's driver never does: checked, not a model error", () => {
    writeFileSync(join(dir, 'defer.ts'), `import { definePatch, RET } from 'probecheck';
export default definePatch({ id: 'defer', subject: 'probe defers', base: 'v5.1', hunks: [
  { fn: 'really_probe', replace: 'probe_ret', step: (site, orig) => ({ ...orig!, branches: 1, run: (s, t) => { s.dev[site.dev]!.probing = 0; t.ret = RET.EPROBE_DEFER; return 'probe_failed'; } }) },
] });
`);
    const r = probecheck(['check', 's.ts', '--patch', 'defer.ts', '--property', 'single-binding', '-q'], { cwd: dir });
    expect(r.stderr).not.toMatch(/E201/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(unwrap(r.stdout)).toMatch(/single-binding\s+holds/);
  });

  // no-missed-probe exempts a device released on purpose (here: unbound) until a new driver's
  // walk tries it again; a patch that makes that walk skip it is then a missed probe.
  it('a patch that makes a newly registered driver skip a device unbound before: no-missed-probe violated', () => {
    writeFileSync(join(dir, 'rebind.ts'), `import { scenario } from 'probecheck';
export default scenario({
  name: 'rebind', profile: 'v4.2',
  devices: { dc: { present: true } },
  drivers: { 'a-drv': { matches: ['dc'], module: 'ma' }, 'b-drv': { matches: ['dc'], module: 'mb' } },
  modules: { ma: {}, mb: {} },
  actors: { admin: ['modprobe ma', 'unbind a-drv dc', 'modprobe mb'] },
  properties: ['no-missed-probe'],
});
`);
    writeFileSync(join(dir, 'skip-b.ts'), `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'skip-b', subject: 'driver core: __driver_attach skips b-drv', base: 'v4.2', hunks: [
  { fn: '__driver_attach', replace: 'device_lock', step: (site, orig) => (site.drv === 1 ? { ...orig!, run: () => RETURN } : orig!) },
] });
`);
    const ok = probecheck(['check', 'rebind.ts', '-q'], { cwd: dir });
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/no-missed-probe\s+holds/)]);
    const broken = probecheck(['check', 'rebind.ts', '--patch', 'skip-b.ts', '-q'], { cwd: dir });
    expect(broken.status, broken.stdout + broken.stderr).toBe(1);
    expect(unwrap(broken.stdout)).toMatch(/no-missed-probe\s+violated/);
  });

  // A new user (2026-12-05): simulate refused --patch (E501 unknown option) where check and diff take it.
  it('simulate takes --patch as check does', () => {
    const r = run('simulate', 's.ts', '--patch', 'fix.ts', '--runs', '50', '--seed', '1', '--property', 'no-deadlock', '-q');
    expect(r.stderr).not.toMatch(/E501/);
    expect(unwrap(r.stdout)).toMatch(/patches=\S*fix\.ts/);
    expect(unwrap(r.stdout)).toMatch(/no-deadlock\s+unknown/);
  });
  it('--patch on diff applies to the patched side only', () => {
    const d = JSON.parse(run('diff', 's.ts', '--patch', 'fix.ts', '--json').stdout);
    expect(d.base.params.patches).toBe('');
    expect(d.patched.params.patches).toBe(join(dir, 'fix.ts'));
    expect(d.properties.find((p: { property: string }) => p.property === 'no-deadlock').change).toBe('fixed');
    // The fix leaves every step reachable: no note (unreachable ones are 'reports steps the patch makes unreachable').
    expect(d.patchNotes).toEqual([]);
  });
  it('a suite case lists patch files relative to the suite', () => {
    const r = run('check', 'x.suite.ts');
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
  // A CI hunt (2026-12-06): the suite table and check's header showed the patch's absolute path,
  // JUnit its path below the working directory: one name everywhere.
  it('a patch file is named by its path below the working directory in the suite table, the header and JUnit', () => {
    const r = run('check', 'x.suite.ts', '--junit', 'x.xml');
    expect(unwrap(r.stdout)).toMatch(/^x\s+profile=v5\.1 patches=fix\.ts(?: \[\d+\])?\s+no-deadlock\s+holds\s+holds/m);
    expect(readFileSync(join(dir, 'x.xml'), 'utf8')).toContain('classname="x[profile=v5.1 patches=fix.ts]"');
    expect(run('check', 's.ts', '--patch', 'fix.ts', '--property', 'no-deadlock').stdout.split('\n')[0]).toMatch(/^\S+ \(profile=v5\.1 patches=fix\.ts\): /);
    // From the folder above, the path below it; from elsewhere (not below), the absolute path.
    const up = probecheck(['check', join(basename(dir), 'x.suite.ts')], { cwd: dirname(dir) });
    expect(unwrap(up.stdout)).toContain(`patches=${basename(dir)}/fix.ts `);
    const away = probecheck(['check', join(dir, 'x.suite.ts')], { cwd: tempDir() });
    expect(unwrap(away.stdout)).toContain(`patches=${join(dir, 'fix.ts')} `);
  });
});

// Found by a new-user pass (2026-12-03): a patch that reroutes a path printed 22 "fires without
// the patch" warnings; the text now shows five and says how many more (--json keeps them all).
// Found by a new-user pass (2026-12-03): a hunk replacing a step a fix in the profile had inserted
// (654888327e9f's check_dead) was skipped, and one replacing a step a fix wraps (58b116bce136's
// re-trigger) was wrapped by the fix again: both reverts "held", exit 0.
describe("a user's patch sees the profile's fixes", () => {
  const revert = `import { definePatch } from 'probecheck';
export default definePatch({ id: 'revert-dead', subject: 'Revert 654888327e9f', base: 'v5.9',
  hunks: [{ fn: '__device_attach', replace: 'check_dead', step: (site, orig) => ({ ...orig!, run: (s) => (s.dev[site.dev]!.driver ? 'out_unlock' : 'bus_for_each_drv') }) }] });
`;
  const twice = `import { definePatch } from 'probecheck';
export default definePatch({ id: 'twice', subject: 'insert, then replace what it inserted', base: 'v5.1', hunks: [
  { fn: '__driver_attach', insert: { label: 'check', after: 'device_lock', before: 'async_schedule_dev' }, step: () => ({ where: 'drivers/base/dd.c:__driver_attach', run: () => 'async_schedule_dev' }) },
  { fn: '__driver_attach', replace: 'check', step: (_site, orig) => orig! },
] });
`;
  const unlocked = `import { definePatch } from 'probecheck';
export default definePatch({ id: 'unlocked', subject: 'device_del without device_lock, the await dropped only', base: 'v5.9',
  hunks: [{ fn: 'device_del', replace: 'kill_device', step: (_site, orig) => ({ ...orig!, await: undefined, waits: undefined }) }] });
`;
  const dir = folder({ 'revert.ts': revert, 'twice.ts': twice, 'unlocked.ts': unlocked });
  // B6 (654888327e9f): a camera that defers until its i2c controller binds is hot-removed while the
  // controller's module load retries it.
  const cam = { name: 'cam', devices: { i2c0: { present: true }, cam: {} }, modules: { i2c_ctl: {} },
    drivers: { 'cam-drv': { matches: ['cam'], needs: ['i2c0'], present: true }, 'i2c-drv': { matches: ['i2c0'], module: 'i2c_ctl' } },
    actors: { modprobe: 'modprobe i2c_ctl', hotplug: ['add cam', 'del cam'] } };
  const verdict = (patches: string) => check(buildScenario(cam, 'v5.9', patches).model, { properties: ['no-probe-after-del'] }).properties[0]!.verdict;

  it('a hunk replacing a step a library fix inserted reverts it: v5.9 without its dead check is B6 again', async () => {
    await loadPatchFiles(join(dir, 'revert.ts'));
    expect(verdict('')).toBe('holds');
    expect(verdict(join(dir, 'revert.ts'))).toBe('violated');
  });
  // Found by a new-user pass (2026-12-03): kill_device without its await still took and released
  // dev->mutex, "releasing" the async helper's lock, and single-binding was violated.
  it("a hunk that drops a step's await but keeps its lock-taking run is E203 naming the holder, not a verdict", async () => {
    await loadPatchFiles(join(dir, 'unlocked.ts'));
    expect(() => verdict(join(dir, 'unlocked.ts'))).toThrow(/takes &dev->mutex\(cam\), which .* holds: a step that takes a mutex waits for it/);
  });
  it('a hunk replacing a step another hunk of the user inserts is E604, not skipped', async () => {
    await loadPatchFiles(join(dir, 'twice.ts'));
    let err: unknown;
    try { buildScenario({ name: 'a', devices: { d: { present: true } }, drivers: { 'd-drv': { matches: ['d'], probeType: 'async', module: 'm' } }, modules: { m: {} }, actors: { modprobe: 'modprobe m' } }, 'v5.1', join(dir, 'twice.ts')); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ProbecheckError);
    expect((err as ProbecheckError).code).toBe('E604');
    expect((err as Error).message).toMatch(/hunk on __driver_attach:check applies to no __driver_attach .*another hunk of your patches inserts it/);
  });
});

describe('patch notes as warning lines', () => {
  it('every note of the patch\'s own steps, at most five unreachable steps and a count of the rest', () => {
    const un = Array.from({ length: 8 }, (_, i) => ({ patch: 'p', step: `s${i}`, note: 'unreachable' as const, text: `step s${i} (t) fires without the patch and never with it` }));
    const own = { patch: 'p', step: 'f:x', note: 'never fires' as const, text: 'patch p: its step f:x never fires in this search' };
    const w = (x: string) => `warning: ${x}`;
    expect(noteLines([...un, own])).toEqual([w(own.text), ...un.slice(0, 5).map((n) => w(n.text)), w('and 3 more steps fire without the patch and never with it (--json lists them)')]);
    expect(noteLines(un.slice(0, 5))).toEqual(un.slice(0, 5).map((n) => w(n.text)));
    // A field read one way is a note: what the search saw, not a fault of the patch.
    expect(noteLines([{ patch: 'p', step: '', note: 'one value', text: 'patch p: its steps read x (0), ...' }])).toEqual(['note: patch p: its steps read x (0), ...']);
  });
});

// A patch hunt (2026-12-04): a hunk on the late initcall or its timeout work was E604 "no modelled
// function" at every profile, since a patch was checked against CATALOGUE only.
describe('a patch of the late initcall and its timeout work', () => {
  const dir = folder({
    'timeout.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'timeout-walk', profile: 'v6.1', devices: { sup: {}, cons: {} },
  drivers: { 'cons-drv': { matches: ['cons'], needs: ['sup'], present: true } },
  actors: { boot: ['add cons', 'deferred_probe_initcall'], hotplug: 'del cons' },
  properties: ['deferred-lists'],
});
`,
    // The text before eed6e41813de (dd.c at 654888327e9f:277-278): the pending walk without deferred_probe_mutex, in two steps.
    'unfix.ts': `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'walk-unlocked', subject: 'deferred_probe_timeout_work_func walks the pending list unlocked', base: 'v6.1',
  hunks: [
    { fn: 'deferred_probe_timeout_work_func', replace: 'deferred_probe_pending', step: (_site, orig) => ({ ...orig!, await: undefined, waits: undefined, run: () => 'dev_info_walk' }) },
    { fn: 'deferred_probe_timeout_work_func', insert: { label: 'dev_info_walk', after: 'deferred_probe_pending', before: RETURN }, step: () => ({ where: 'drivers/base/dd.c:deferred_probe_timeout_work_func', run: () => RETURN }) },
  ] });
`,
    'walk.ts': `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'action', name: 'pending-walk-stable', description: 'nothing changes the pending list inside an unlocked walk of it',
  check: (b, a, m) => {
    const w = b.threads.find((t) => t.name.includes('deferred_probe_timeout_work_func'));
    if (!w || w.at === null || !w.at.endsWith(':dev_info_walk') || m.thread === w.name) return null;
    return JSON.stringify(b.deferredPending) !== JSON.stringify(a.deferredPending) ? m.thread + ' changed the pending list' : null;
  } });
`,
    'noop.ts': `import { definePatch } from 'probecheck';
export default definePatch({ id: 'noop', subject: 'noop', base: 'v6.1', hunks: [{ fn: 'deferred_probe_initcall', replace: 'trigger_again', step: (_site, orig) => ({ ...orig! }) }] });
`,
    // Two devices deferred at boot: the locked walk (v5.12+) is a step per line (late-initcall.ts).
    'two.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'two-walk', profile: 'v6.1', deferredProbeTimeout: 10,
  devices: { a: { present: true }, b: { present: true } },
  drivers: { ad: { matches: ['a'], present: true, probe: 'defer' }, bd: { matches: ['b'], present: true, probe: 'defer' } },
  actors: { boot: ['deferred_probe_initcall'], hotplug: 'del b' },
});
`,
    'del-unlocked.ts': `import { definePatch } from 'probecheck';
export default definePatch({ id: 'del-unlocked', subject: 'device_del takes its device off the deferred lists without deferred_probe_mutex', base: 'v6.1',
  hunks: [{ fn: 'device_del', replace: 'driver_deferred_probe_del', step: (_site, orig) => ({ ...orig!, await: undefined, waits: undefined }) }] });
`,
  });
  // A review (s44 h7): pending-walk looked only at the unlocked walk's step, so a delete between two
  // lines of the locked walk, by a patch that drops device_del's wait for deferred_probe_mutex, held.
  it('pending-walk sees a patch\'s delete between two lines of the locked walk', () => {
    const r = probecheck(['check', 'two.ts', '--patch', 'del-unlocked.ts', '--property', 'pending-walk'], { cwd: dir });
    const out = unwrap(r.stdout);
    expect(out).toMatch(/pending-walk\s+violated/);
    expect(out).toMatch(/hotplug deletes b from deferred_probe_pending_list at device_del\(b\):driver_deferred_probe_del \(a step your patch del-unlocked made\) while kworker deferred_probe_timeout_work_func walks it holding deferred_probe_mutex, which device_del\(b\):driver_deferred_probe_del does not wait for/);
    expect(out).toMatch(/deferred_probe_timeout_work_func:deferred_probe_pending\n/);
    expect(r.status).toBe(1);
    expect(probecheck(['check', 'two.ts', '--property', 'pending-walk', '-q'], { cwd: dir }).stdout).toMatch(/pending-walk\s+holds/);
  });
  it('applies: the unlocked walk races device_del only with the patch', () => {
    const r = probecheck(['check', 'timeout.ts', '--property-file', 'walk.ts', '--patch', 'unfix.ts', '-q'], { cwd: dir });
    expect(r.stderr).not.toMatch(/E604/);
    expect(unwrap(r.stdout)).toMatch(/pending-walk-stable\s+violated/);
    expect(r.status).toBe(1);
    expect(probecheck(['check', 'timeout.ts', '--property-file', 'walk.ts', '-q'], { cwd: dir }).stdout).toMatch(/pending-walk-stable\s+holds/);
    expect(probecheck(['check', 'timeout.ts', '--patch', 'noop.ts', '-q'], { cwd: dir }).status).toBe(0);
  });
  it('`steps` lists their steps', () => {
    // (A function's steps are the model's, whatever the walks' bound: 10 states list them as 3,000 do.)
    const r = probecheck(['steps', '--profile', 'v6.1', '--function', 'deferred_probe_timeout_work_func', '--max-states', '10']);
    expect(r.status).toBe(0);
    expect(unwrap(r.stdout)).toContain('deferred_probe_timeout_work_func:deferred_probe_pending');
  });
});

// A new user (2026-12-06) validating "drivercore: Fix ordering between deferred_probe and exiting
// initcalls" (LATE_INITCALL_FLUSH; commit not identified, README "Kernel source") on v3.5, whose
// deferred_probe_initcall (dd.c at v3.6.0:167-176) enables, triggers and returns: dc, deferred at boot
// on pwm, is still unbound when the late initcall returns; the added flush_workqueue(deferred_wq)
// waits for the retry. The old trace replays whole, and the row said only "holds along it".
describe('a late initcall flush written against v3.5', () => {
  const dir = folder({
    'late.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'late-initcall', profile: 'v3.5',
  devices: { pwm: { present: true }, dc: { present: true } },
  drivers: { 'pwm-drv': { matches: ['pwm'], module: 'pwm' }, 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true } },
  actors: { boot: ['modprobe pwm', 'deferred_probe_initcall'] }, properties: ['no-deadlock'],
});
`,
    'flush.ts': `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'late-flush', subject: 'drivercore: Fix ordering between deferred_probe and exiting initcalls', base: 'v3.5',
  hunks: [{ fn: 'deferred_probe_initcall', insert: { label: 'flush_workqueue', after: 'driver_deferred_probe_trigger', before: RETURN },
    step: () => ({ c: ['flush_workqueue(deferred_wq);'], await: (s) => !s.deferredWorkQueued && !s.deferredWorkRunning, waits: () => 'flush_workqueue(deferred_wq)', run: () => RETURN }) }] });
`,
    'settled.ts': `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'bound-by-initcall-end', description: 'when deferred_probe_initcall has returned, dc is bound',
  check: (v) => (v.thread('boot').at === null && v.dev('dc').driver === null ? 'deferred_probe_initcall returned with dc unbound' : null),
  premise: { text: 'the late initcall returned', met: (v) => v.thread('boot').at === null } });
`,
  });
  it('is fixed, and the row names the patch step where the old trace now ends', () => {
    const c = probecheck(['check', 'late.ts', '--property-file', 'settled.ts', '-q'], { cwd: dir });
    expect(unwrap(c.stdout)).toMatch(/bound-by-initcall-end\s+violated\s+20 steps/);
    expect(probecheck(['check', 'late.ts', '--property-file', 'settled.ts', '--param', 'profile=v3.14', '-q'], { cwd: dir }).stdout).toMatch(/bound-by-initcall-end\s+holds/);
    const r = probecheck(['diff', 'late.ts', '--patch', 'flush.ts', '--property-file', 'settled.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(unwrap(r.stdout)).toMatch(/bound-by-initcall-end\s+violated\s+holds\s+fixed\s+replays, but the property holds along it; at its end thread 'boot' is at the patch's step 'deferred_probe_initcall:flush_workqueue' \(waits for flush_workqueue\(deferred_wq\)\)/);
    expect(unwrap(r.stdout)).toMatch(/no-deadlock\s+holds\s+holds\s+still holds\s+-/);
  });
});

// A new user (2026-12-06) validating "driver core: Move device_links_purge() after
// bus_remove_device()" (recalled as 2ec161501798, v4.16; not found in the index) on v4.14, whose
// device_del purges the links first (core.c at 9ed9895370ae: device_del+13, bus_remove_device at
// +39): the supplier's release then finds no consumer to unbind. Written as the README says (replace
// the step the call comes back to), the patch fixes both; inserted after bus_remove_device, its
// purge never ran (that step goes to the release it calls), diff said fixed, and the warning did
// not say why.
describe('device_links_purge moved after bus_remove_device, on v4.14', () => {
  const purgeHunk = `{ fn: 'device_del', replace: 'device_links_purge', step: (_s, orig) => { purge = orig; return { where: orig!.where, c: [], run: () => 'bus_remove_device' }; } }`;
  const dir = folder({
    'purge.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'purge-order', profile: 'v4.14',
  devices: { sup: { present: true, boundTo: 'sup-drv' }, con: { present: true, boundTo: 'con-drv' } },
  drivers: { 'sup-drv': { matches: ['sup'], present: true }, 'con-drv': { matches: ['con'], present: true, links: ['sup'] } },
  actors: { hotplug: 'del sup' }, properties: ['links-no-warn', 'no-deadlock'],
});
`,
    'first.ts': `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'consumer-unbound-first', description: 'con is never bound while sup has no driver',
  check: (v) => (v.dev('con').driver !== null && v.dev('sup').driver === null ? 'con is bound but sup has no driver' : null),
  premise: { text: 'sup has lost its driver', met: (v) => v.dev('sup').driver === null } });
`,
    'after.ts': `import { definePatch, type KStep } from 'probecheck';
let purge: KStep | undefined;
export default definePatch({ id: 'purge-after-unbind', subject: 'driver core: Move device_links_purge() after bus_remove_device()', base: 'v4.14',
  hunks: [${purgeHunk}, { fn: 'device_del', replace: 'kobject_del', step: (_s, orig) => { const p = purge!; return { ...orig!, run: (s, t, b, c) => { p.run(s, t, b, c); return orig!.run(s, t, b, c); } }; } }] });
`,
    'naive.ts': `import { definePatch, type KStep } from 'probecheck';
let purge: KStep | undefined;
export default definePatch({ id: 'purge-naive', subject: 'x', base: 'v4.14',
  hunks: [${purgeHunk}, { fn: 'device_del', insert: { label: 'purge_late', after: 'bus_remove_device', before: 'driver_deferred_probe_del' },
    step: () => { const p = purge!; return { run: (s, t, b, c) => { p.run(s, t, b, c); return 'driver_deferred_probe_del'; } }; } }] });
`,
  });
  it('the consumer left bound and the purge WARN are fixed; a purge inserted after bus_remove_device is said never to run, and why', () => {
    const base = probecheck(['check', 'purge.ts', '--property-file', 'first.ts', '-q'], { cwd: dir });
    expect(unwrap(base.stdout)).toMatch(/links-no-warn\s+violated\s+1 step/);
    expect(unwrap(base.stdout)).toMatch(/consumer-unbound-first\s+violated\s+6 steps/);
    const r = probecheck(['diff', 'purge.ts', '--patch', 'after.ts', '--property-file', 'first.ts', '--fixes', 'consumer-unbound-first', '-q'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(unwrap(r.stdout)).toMatch(/links-no-warn\s+violated\s+holds\s+fixed/);
    expect(unwrap(r.stdout)).toMatch(/consumer-unbound-first\s+violated\s+holds\s+fixed\s+blocked: move 5 .*'__device_release_driver\(sup\):device_links_unbind_consumers'/);
    expect(unwrap(r.stdout)).not.toMatch(/never fires/);
    const n = probecheck(['check', 'purge.ts', '--patch', 'naive.ts', '-q'], { cwd: dir });
    expect(unwrap(n.stdout)).toContain("warning: patch purge-naive: its step device_del:purge_late never fires in this search: 'bus_remove_device' fired but never went on to 'driver_deferred_probe_del', the only edge the insert takes (if it calls another function, it goes to that call first:");
    // Some hunks ran (the purge dropped at its old place), one never did: credited with a warning (README "Known gaps").
    const d = probecheck(['diff', 'purge.ts', '--patch', 'naive.ts', '--property-file', 'first.ts', '--fixes', 'consumer-unbound-first', '-q'], { cwd: dir });
    expect(unwrap(d.stdout)).toMatch(/consumer-unbound-first\s+violated\s+holds\s+fixed/);
    expect(unwrap(d.stdout)).toContain('warning: patch purge-naive: its step device_del:purge_late never fires in this search');
    expect(unwrap(d.stdout)).not.toMatch(/not credited/);
    expect(d.status).toBe(0);
  });
});

// A "fix" by a patch that did nothing in the search (a new user, 2026-12-06): a wait inserted at
// the head of deferred_probe_work_func that never passes keeps the worker from ever probing dc, so
// no-probe-after-del (the race 654888327e9f fixes, README "Validating a patch") holds on the
// patched side; diff said `fixed`, exit 0, and check `holds`, exit 0, each beside a warning that
// the step never fires, which said 'process_one_work' never went on to it (it did: it waits there).
describe('a patch none of whose steps ran, or whose wait never passes, is not credited with a fix', () => {
  const hunk = (label: string, guard: string) => `{ fn: 'deferred_probe_work_func', insert: { label: '${label}', after: 'process_one_work', before: 'mutex_lock' }, step: () => ({ await: ${guard}, run: () => 'mutex_lock' }) }`;
  const dir = folder({
    'unplug.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'unplug-deferred', profile: 'v5.1', devices: { dc: {}, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], probe: ['defer', 'ok'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { hotplug: ['add dc', 'del dc'], 'hotplug pwm': 'add pwm' }, properties: ['no-probe-after-del'],
});
`,
    'wait.ts': patchFile('wait', hunk('wait_first', '() => false')),
    // The same wait beside a hunk that runs (call_probe as it is).
    'waitplus.ts': patchFile('waitplus', `${hunk('wait_first', '() => false')}, { fn: 'really_probe', replace: 'call_probe', step: (_s, o) => o! }`),
    // Steps that never run, and block nothing: one this scenario never calls, one no thread reaches.
    'idle.ts': patchFile('idle', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }, { fn: 'device_del', insert: { label: 'never', after: 'kobject_del', before: 'bus_remove_device' }, step: () => ({ run: () => 'bus_remove_device' }) }`),
  });
  const run = (...args: string[]) => { const r = probecheck(args, { cwd: dir }); expect(hasStack(r.stdout + r.stderr)).toBe(false); return r; };
  it('diff: uncredited, exit 5 (--allow-vacuous: 0); --fixes: not fixed, exit 1; --json says so', () => {
    const r = run('diff', 'unplug.ts', '--patch', 'wait.ts', '-q');
    expect(unwrap(r.stdout)).toMatch(/no-probe-after-del\s+violated\s+holds\s+uncredited\s+blocked: .*thread 'kworker deferred_probe_work_func' is blocked at the patch's step 'deferred_probe_work_func:wait_first'/);
    expect(unwrap(r.stdout)).toContain('warning: patch wait: its step deferred_probe_work_func:wait_first never fires in this search: every thread that reaches it waits there for ever');
    expect(unwrap(r.stdout)).not.toMatch(/never went on/);
    expect(unwrap(r.stdout)).toContain('not credited to the patch: no-probe-after-del holds on the patched side, but no step of patch wait ran in the search: deferred_probe_work_func:wait_first blocks every thread that reaches it for ever (exit 5; --allow-vacuous accepts it)');
    expect(r.status).toBe(5);
    const a = run('diff', 'unplug.ts', '--patch', 'wait.ts', '--allow-vacuous', '-q');
    expect(unwrap(a.stdout)).toMatch(/not credited to the patch: .*for ever$/m);
    expect(a.status).toBe(0);
    const f = run('diff', 'unplug.ts', '--patch', 'wait.ts', '--fixes', 'no-probe-after-del', '--allow-vacuous', '-q');
    expect(unwrap(f.stdout)).toContain('not fixed: --fixes no-probe-after-del: violated on the base, holds on the patched model (uncredited)');
    expect(f.status).toBe(1);
    const j = JSON.parse(run('diff', 'unplug.ts', '--patch', 'wait.ts', '--json').stdout);
    expect(j.exit).toBe(5);
    expect(j.properties[0].change).toBe('uncredited');
    expect(j.notCredited.properties).toEqual(['no-probe-after-del']);
    expect(j.notCredited.hunks.map((n: { step: string; note: string }) => [n.step, n.note])).toEqual([['deferred_probe_work_func:wait_first', 'always blocks']]);
    // Beside a hunk that runs, the wait still hides the runs past it.
    const p = run('diff', 'unplug.ts', '--patch', 'waitplus.ts', '-q');
    expect(unwrap(p.stdout)).toMatch(/no-probe-after-del\s+violated\s+holds\s+uncredited/);
    expect(unwrap(p.stdout)).toContain('but deferred_probe_work_func:wait_first blocks every thread that reaches it for ever: the runs past it are never explored');
    expect(p.status).toBe(5);
  });
  it('check: a patch that blocks for ever, or none of whose steps ran, is exit 5 beside holds', () => {
    const r = run('check', 'unplug.ts', '--patch', 'wait.ts', '-q');
    expect(unwrap(r.stdout)).toMatch(/no-probe-after-del\s+holds/);
    expect(unwrap(r.stdout)).toContain('not credited to the patch: no step of patch wait ran in the search: deferred_probe_work_func:wait_first blocks every thread that reaches it for ever: these verdicts are about runs that stop there (exit 5');
    expect(r.status).toBe(5);
    const i = run('check', 'unplug.ts', '--patch', 'idle.ts', '--property', 'single-binding', '-q');
    expect(unwrap(i.stdout)).toMatch(/single-binding\s+holds/);
    expect(unwrap(i.stdout)).toContain("not credited to the patch: no step of patch idle ran in the search: __driver_attach:device_lock is not applied (this scenario never calls __driver_attach on this profile); device_del:never never fires ('kobject_del' fired but never went on to 'bus_remove_device', the only edge the insert takes): these verdicts are the kernel's without it (exit 5; --allow-vacuous accepts it)");
    expect(i.status).toBe(5);
    const a = run('check', 'unplug.ts', '--patch', 'idle.ts', '--property', 'single-binding', '--allow-vacuous', '--json');
    expect(a.status).toBe(0);
    expect(JSON.parse(a.stdout).notCredited[0].text).toMatch(/^no step of patch idle ran in the search: /);
  });
  // A team's CI (s49 h4): a suite case's patch none of whose steps ran was exit 0, a warning in the
  // log; and `check --patch`'s exit 5 had a green JUnit report and no annotation.
  it('a suite case whose patch files never ran is exit 5 too, and JUnit and the annotations say so', () => {
    // (idle.ts's insert into device_del leaves `del dc` uncompleted: exit 5 for that alone.)
    writeFileSync(join(dir, 'idle1.ts'), patchFile('idle1', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`));
    writeFileSync(join(dir, 'idle.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'idle', model: './unplug.ts', cases: [{ params: {}, patches: ['./idle1.ts'], expect: { 'single-binding': 'holds' } }] });
`);
    const text = 'no step of patch idle1 ran in the search: __driver_attach:device_lock is not applied (this scenario never calls __driver_attach on this profile)';
    const xml = (f: string) => readFileSync(join(dir, f), 'utf8');
    const s = probecheck(['check', 'idle.suite.ts', '--junit', 's.xml', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(s.status).toBe(5);
    expect(unwrap(s.stdout)).toMatch(/single-binding\s+holds\s+holds\s+.*ok$/m);
    expect(unwrap(s.stdout)).toContain(`idle cases[0] (): not credited to the patch: ${text}: these verdicts are the kernel's without it (exit 5; --allow-vacuous accepts it)`);
    expect(s.stdout).toContain(`::error file=idle.suite.ts,line=2,title=not credited to the patch::idle cases[0] (profile=v5.1 patches=idle1.ts): not credited to the patch: ${text}\n`);
    expect(xml('s.xml')).toMatch(/failures="1"[^]*name="patch credited" time="0">\s*<failure message="not credited to the patch: no step of patch idle1 ran/);
    const a = probecheck(['check', 'idle.suite.ts', '--junit', 's.xml', '-q', '--allow-vacuous'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(a.status).toBe(0);
    expect(a.stdout).not.toContain('::error');
    expect(xml('s.xml')).toMatch(/name="patch credited" time="0">\s*<skipped message="not credited to the patch, accepted by --allow-vacuous: no step/);
    const c = probecheck(['check', 'unplug.ts', '--patch', 'idle1.ts', '--property', 'single-binding', '--junit', 'c.xml', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(c.status).toBe(5);
    expect(c.stdout).toContain(`::error file=unplug.ts,title=not credited to the patch::unplug-deferred (profile=v5.1 patches=idle1.ts): not credited to the patch: ${text}\n`);
    expect(xml('c.xml')).toMatch(/failures="1"[^]*name="patch credited" time="0">\s*<failure/);
  });
  // s49 h4 left it: the shards recorded nothing of a patch's steps, and merge passed (exit 0) a
  // suite whose unsharded run exits 5. Each shard now records its patches' hunks and the patch
  // steps a thread stood at; merge joins the parts' and judges as check does.
  it('merge judges the merged shards\' credit as the unsharded suite does (the line, JUnit, the annotation)', () => {
    writeFileSync(join(dir, 'idle3.ts'), patchFile('idle3', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`));
    // With a guard that reads one field one way in the whole search, another two ways (s50 h3).
    writeFileSync(join(dir, 'runs3.ts'), patchFile('runs3', `{ fn: 'really_probe', replace: 'call_probe', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex !== 99 }) }`));
    writeFileSync(join(dir, 'shard.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'sh', model: './unplug.ts', cases: [
  { params: {}, patches: ['./idle3.ts'], expect: { 'single-binding': 'holds' } },
  { params: {}, patches: ['./wait.ts'], expect: { 'no-probe-after-del': 'holds' } },
  { params: {}, patches: ['./runs3.ts'], expect: { 'single-binding': 'holds' } },
] });
`);
    const env = { GITHUB_ACTIONS: 'true' };
    const whole = probecheck(['check', 'shard.suite.ts', '-q'], { cwd: dir, env });
    expect(whole.status).toBe(5);
    for (const i of [1, 2]) expect(probecheck(['check', 'shard.suite.ts', '-q', '--shard', `${i}/2`, '--json-out', `sh${i}.json`], { cwd: dir }).status).toBe(0);
    // The cases were split (not each the whole search): the stands of wait.ts's case are joined.
    expect(JSON.parse(readFileSync(join(dir, 'sh1.json'), 'utf8')).runs.every((r: { shard: { level?: number } }) => r.shard.level !== undefined)).toBe(true);
    const m = probecheck(['merge', 'sh1.json', 'sh2.json', '-q', '--junit', 'm.xml', '--html', 'm.html'], { cwd: dir, env });
    expect(m.status, m.stderr).toBe(5);
    const credit = (out: string) => unwrap(out).split('\n').filter((l) => /not credited to the patch|^::error/.test(l));
    expect(credit(m.stdout)).toEqual(credit(whole.stdout));
    expect(credit(m.stdout)).toHaveLength(4);
    // The summary counts them (its verdicts as expected, the case is not: exit 5), merged and whole alike.
    for (const r of [m, whole]) expect(unwrap(r.stdout)).toContain('1 suite: 3 as expected, 2 cases not credited to their patch,');
    expect(unwrap(m.stdout)).toContain('sh cases[1] (): not credited to the patch: no step of patch wait ran in the search: deferred_probe_work_func:wait_first blocks every thread that reaches it for ever');
    const xml = readFileSync(join(dir, 'm.xml'), 'utf8');
    expect(xml.match(/name="patch credited" time="0">\s*<failure message="not credited to the patch/g)).toHaveLength(2);
    expect(readFileSync(join(dir, 'm.html'), 'utf8').match(/<td>\(patch\)<\/td><td>credited<\/td><td class="unknown">not credited: no step of patch (idle3|wait) ran/g)).toHaveLength(2);
    expect(JSON.parse(probecheck(['merge', 'sh1.json', 'sh2.json', '--json'], { cwd: dir }).stdout).notCredited.map((n: { text: string }) => n.text.slice(0, 30))).toEqual(['no step of patch idle3 ran in ', 'no step of patch wait ran in t']);
    expect(probecheck(['merge', 'sh1.json', 'sh2.json', '-q', '--allow-vacuous'], { cwd: dir }).status).toBe(0);
    // The note on a wait that read one value, joined over the split parts (each records its reads):
    // the unsharded run's line, where merge said none (s50 h3).
    const oneValue = (out: string) => unwrap(out).split('\n').filter((l) => l.includes('the same value at every read'));
    expect(oneValue(m.stdout)).toEqual(oneValue(whole.stdout));
    expect(oneValue(m.stdout)).toEqual(['sh cases[2] (): note: patch runs3: its waits read dev[pwm].mutex (hotplug pwm), each the same value at every read in this search: a wait on it never blocked, or always did (its reads of dev[dc].mutex did change)']);
    // A step that fired in one part only fired in the whole search: runs3's call_probe, as if
    // part 1 had never fired it, is credited still (part 2 did).
    const p1 = JSON.parse(readFileSync(join(dir, 'sh1.json'), 'utf8'));
    for (const e of p1.runs[2].coverage) if (e.label.endsWith(':call_probe')) e.fired = 0;
    writeFileSync(join(dir, 'sh1.json'), JSON.stringify(p1));
    const k = probecheck(['merge', 'sh1.json', 'sh2.json', '--json'], { cwd: dir });
    expect(JSON.parse(k.stdout).notCredited).toHaveLength(2);
    // A shard that does not say its patch files' hunks (an older probecheck's) cannot be judged: refused.
    delete p1.runs[0].patchHunks;
    writeFileSync(join(dir, 'sh1.json'), JSON.stringify(p1));
    expect(probecheck(['merge', 'sh1.json', 'sh2.json', '-q'], { cwd: dir }).stderr).toMatch(/^probecheck: E504 \(.*\): sh1\.json: the run of unplug-deferred with patch file idle3\.ts does not say their hunks \(written by an older probecheck\?\); run the shards again with this one$/m);
  });
  // A review of s49 h4 (s49 h5): a control case (the patch is for another path or profile, and the
  // case says nothing changes) was exit 5 with no way to say so but --allow-vacuous for the whole
  // run. `credited: false` pins it: not credited is then as expected, and a step that ran is exit 4.
  it("a case's credited: false pins that its patch does not run: as pinned exit 0, a step that ran exit 4 (check and merge)", () => {
    writeFileSync(join(dir, 'idle4.ts'), patchFile('idle4', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`));
    writeFileSync(join(dir, 'runs4.ts'), patchFile('runs4', `{ fn: 'really_probe', replace: 'call_probe', step: (_s, o) => o! }`));
    const suite = (name: string, patch: string, more = ", credited: false") => writeFileSync(join(dir, `${name}.suite.ts`), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: '${name}', model: './unplug.ts', cases: [
  { params: {}, patches: [${patch}], expect: { 'single-binding': 'holds' }${more} },
] });
`);
    const env = { GITHUB_ACTIONS: 'true' };
    const both = (name: string) => {
      const whole = probecheck(['check', `${name}.suite.ts`, '-q', '--junit', `${name}.xml`, '--html', `${name}.html`], { cwd: dir, env });
      for (const i of [1, 2]) expect(probecheck(['check', `${name}.suite.ts`, '-q', '--shard', `${i}/2`, '--json-out', `${name}${i}.json`], { cwd: dir }).status).toBeLessThan(2);
      const merged = probecheck(['merge', `${name}1.json`, `${name}2.json`, '-q'], { cwd: dir, env });
      return { whole, merged, xml: readFileSync(join(dir, `${name}.xml`), 'utf8') };
    };
    suite('asPinned', "'./idle4.ts'");
    const a = both('asPinned');
    for (const r of [a.whole, a.merged]) {
      expect(r.status, r.stderr).toBe(0);
      expect(unwrap(r.stdout)).toContain('asPinned cases[0] (): not credited to the patch, as the case expects (credited: false): no step of patch idle4 ran in the search');
      expect(r.stdout).not.toContain('::error');
      expect(unwrap(r.stdout)).not.toMatch(/not credited to (its|their) patch,/);
    }
    expect(a.xml).not.toContain('patch credited');
    // Parts of two texts of the case (the pin added between the shards' runs) are two searches.
    const part = JSON.parse(readFileSync(join(dir, 'asPinned1.json'), 'utf8'));
    delete part.runs[0].credited;
    writeFileSync(join(dir, 'asPinned1.json'), JSON.stringify(part));
    expect(probecheck(['merge', 'asPinned1.json', 'asPinned2.json', '-q'], { cwd: dir }).stderr).toContain('asPinned2.json: shard 2/2 of unplug-deferred (profile=v5.1 patches=idle4.ts) ran with credited pin "credited: false", shard 1/2 with "-": the shards must run the same search (same suite file)');
    part.runs[0].credited = false; part.runs[0].neverCompletes = ['hotplug: del dc'];
    writeFileSync(join(dir, 'asPinned1.json'), JSON.stringify(part));
    expect(probecheck(['merge', 'asPinned1.json', 'asPinned2.json', '-q'], { cwd: dir }).stderr).toContain('ran with actions pinned as never completing "-", shard 1/2 with "hotplug: del dc"');
    suite('against', "'./runs4.ts'");
    const b = both('against');
    const line = 'against cases[0] (): MISMATCH: the case expects no step of its patches to run here (credited: false), but really_probe:call_probe ran in the search (exit 4)';
    for (const r of [b.whole, b.merged]) {
      expect(r.status, r.stderr).toBe(4);
      expect(unwrap(r.stdout)).toContain(line);
      expect(unwrap(r.stdout)).toContain('1 suite: 1 as expected, 1 case whose patch ran where it pins credited: false,');
      expect(r.stdout).toMatch(/^::error file=against\.suite\.ts,line=3,title=patch credited \(expected not\)::against cases\[0\] \(profile=v5\.1 patches=runs4\.ts\): the case expects no step/m);
    }
    expect(readFileSync(join(dir, 'against.html'), 'utf8')).toContain('<p id="summary">1 suite: 1 as expected, 1 case whose patch ran where it pins credited: false,');
    expect(readFileSync(join(dir, 'against.html'), 'utf8')).toContain('<td>(patch)</td><td>not credited (credited: false)</td><td class="violated">the case expects no step');
    expect(b.xml).toMatch(/name="patch credited" time="0">\s*<failure message="the case expects no step of its patches to run here \(credited: false\), but really_probe:call_probe ran in the search" type="mismatch"/);
    suite('bad', "'./idle4.ts'", ', credited: true');
    expect(probecheck(['check', 'bad.suite.ts', '-q'], { cwd: dir }).stderr).toContain("cases[0].credited: expected false (no step of the case's patches: files runs here), got true");
    writeFileSync(join(dir, 'none.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'none', model: './unplug.ts', cases: [{ params: {}, expect: { 'single-binding': 'holds' }, credited: false }] });
`);
    expect(probecheck(['check', 'none.suite.ts', '-q'], { cwd: dir }).stderr).toContain('cases[0].credited: the case has no patches: files to credit');
    // s50 h9: a library patch's id in patches: was E503 'no such file or directory'.
    writeFileSync(join(dir, 'lib.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'lib', model: './unplug.ts', cases: [{ params: {}, patches: ['654888327e9f'], expect: { 'single-binding': 'holds' } }] });
`);
    const lib = probecheck(['check', 'lib.suite.ts', '-q'], { cwd: dir });
    expect([lib.status, lib.stderr.trim()]).toEqual([2, "probecheck: E502 (bad suite): lib.suite.ts: cases[0].patches[0]: '654888327e9f' is no file beside the suite file; a library patch (a kernel commit's id) goes in params: { patches: '654888327e9f' }, patches: lists definePatch files"]);
  });
  it('probecheck/vitest: toHold fails on a patch none of whose steps ran, as the CLI exits 5', async () => {
    writeFileSync(join(dir, 'idle2.ts'), patchFile('idle2', `{ fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }`));
    writeFileSync(join(dir, 'runs.ts'), patchFile('runs', `{ fn: 'really_probe', replace: 'call_probe', step: (_s, o) => o! }`));
    const unplug = (patches: string) => check(buildScenario({ name: 'unplug-deferred', devices: { dc: {}, pwm: {} },
      drivers: { 'dc-drv': { matches: ['dc'], probe: ['defer', 'ok'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
      actors: { hotplug: ['add dc', 'del dc'], 'hotplug pwm': 'add pwm' }, properties: ['single-binding'] }, 'v5.1', patches).model);
    await loadPatchFiles(`${join(dir, 'idle2.ts')},${join(dir, 'runs.ts')}`);
    const idle = unplug(join(dir, 'idle2.ts'));
    expect(idle.properties[0]!.verdict).toBe('holds');
    expect(() => expect(idle).toHold('single-binding')).toThrow('single-binding holds on unplug-deferred, but not credited to the patch: no step of patch idle2 ran in the search: __driver_attach:device_lock is not applied (this scenario never calls __driver_attach on this profile) (the CLI exits 5)');
    expect(unplug(join(dir, 'runs.ts'))).toHold('single-binding');
  });
  // An idle step (the worker waiting for work) that never fires is no hang: a review (h11,
  // 2026-12-06) found process_one_work, replaced as it is where no work is ever queued, read
  // "blocks every thread that reaches it for ever", and the patch uncredited (exit 5) though its
  // other hunk ran.
  it('an idle step that never fires (no work queued) is no hang: the patch whose other hunk ran is credited', () => {
    const d = folder({
      'lone.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'lone', profile: 'v5.1', devices: { a: {}, b: {} },
  drivers: { 'a-drv': { matches: ['a'], needs: ['b'], present: true } },
  actors: { boot: 'add a' }, properties: ['quiescence'],
});
`,
      'idlestep.ts': patchFile('idlestep', `{ fn: 'deferred_probe_work_func', replace: 'process_one_work', step: (_s, o) => o! }, { fn: 'really_probe', replace: 'call_probe', step: (_s, o) => o! }`),
    });
    const r = probecheck(['check', 'lone.ts', '--patch', 'idlestep.ts', '-q'], { cwd: d });
    expect(unwrap(r.stdout)).toMatch(/quiescence\s+holds/);
    expect(unwrap(r.stdout)).toContain('warning: patch idlestep: its step deferred_probe_work_func:process_one_work never fires in this search: its thread stays idle there (the work it waits for is never queued)');
    expect(unwrap(r.stdout)).not.toContain('not credited');
    expect(r.status).toBe(0);
  });
});

// A new user (2026-12-06) writing ef0ff68351be ("driver core: Probe devices asynchronously instead
// of the driver", v5.1) on v5.0: its bus.c half sends an async driver to driver_attach(drv) in
// bus_add_driver instead of async_schedule(driver_attach_async, drv), and bus_add_driver had no
// name for that call (E202). (Its dd.c half, a per-device async_schedule_dev, starts async work the
// v5.0 profile does not build: not expressible, README "Patches".)
describe("a hunk of bus_add_driver goes to its driver_attach call", () => {
  const dir = folder({
    'async.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'async-driver', profile: 'v5.0', devices: { dc: { present: true } },
  drivers: { 'dc-drv': { matches: ['dc'], module: 'm', probeType: 'async' } },
  actors: { modprobe: 'modprobe m' }, syncFallback: false, properties: ['no-deadlock'],
});
`,
    'sync.ts': `import { definePatch } from 'probecheck';
export default definePatch({ id: 'attach-inline', subject: 'bus_add_driver: driver_attach(drv) for an async driver too', base: 'v5.0',
  hunks: [{ fn: 'bus_add_driver', replace: 'async_schedule', step: (_site, orig) => ({ where: 'drivers/base/bus.c:bus_add_driver', c: [], run: () => 'driver_attach' }) }] });
`,
    'inline.ts': `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'probed-async', description: 'dc is probed outside modprobe',
  check: (v) => (v.dev('dc').probingIn === 'modprobe' ? 'modprobe probes dc itself' : null) });
`,
  });
  it('the walk runs in modprobe with the patch, in the async entry without it', () => {
    const r = probecheck(['check', 'async.ts', '--patch', 'sync.ts', '--property-file', 'inline.ts', '-q'], { cwd: dir });
    expect(r.stderr).not.toMatch(/E202/);
    expect(unwrap(r.stdout)).toMatch(/probed-async\s+violated/);
    expect(r.status).toBe(1);
    expect(probecheck(['check', 'async.ts', '--property-file', 'inline.ts', '-q'], { cwd: dir }).stdout).toMatch(/probed-async\s+holds/);
    // (Where a walk starts is the build's; 200 states print this function as the default bound does.)
    expect(probecheck(['steps', '--profile', 'v5.0', '--function', 'bus_add_driver', '--max-states', '200']).stdout).toMatch(/bus_add_driver: driver_attach/);
  });
});

// device_shutdown (2026-12-05): its steps are in the profile's catalogue, so a patch of the walk
// (the 2024 asynchronous-shutdown series changed its locking) applies from a user's folder.
describe('a patch of device_shutdown', () => {
  const dir = folder({
    // 3297c8fc65af's device_block_probing without its first line, defer_all_probes = true; (dd.c@f04948dea236:203, v5.15).
    'noblock.ts': `import { definePatch } from 'probecheck';
export default definePatch({ id: 'noblock', subject: 'device_block_probing without defer_all_probes = true', base: 'v5.15',
  hunks: [{ fn: 'device_shutdown', replace: 'device_block_probing', step: (_site, orig) => ({ ...orig!, c: [], run: (s, t, b, c) => { const r = orig!.run(s, t, b, c); s.deferAllProbes = false; return r; } }) }] });
`,
    'nolock.ts': `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'nolock', subject: 'device_shutdown without device_lock(dev)', base: 'v4.14',
  hunks: [{ fn: 'device_shutdown', replace: 'device_lock', step: (site, o) => ({ ...o!, await: undefined, waits: undefined, run: (s) => { s.dev[site.dev]!.shutDown = true; return 'device_unlock'; } }) },
    { fn: 'device_shutdown', replace: 'device_unlock', step: (_site, o) => ({ ...o!, run: (_s, t) => { t.gen = 0; return RETURN; } }) }] });
`,
  });
  it("applies: without the device lock a ->shutdown() runs beside probe() at v4.14; at v5.15 device_block_probing has waited for every probe first", () => {
    const reboot = join(ROOT, 'models/reboot.ts');
    const r = probecheck(['diff', reboot, '--param', 'profile=v4.14', '--patch', 'nolock.ts', '-q'], { cwd: dir });
    expect(r.stderr).not.toMatch(/E604/);
    expect(unwrap(r.stdout)).toMatch(/shutdown-exclusive\s+holds\s+violated\s+regressed/);
    expect(r.status).toBe(1);
    const later = probecheck(['check', reboot, '--param', 'profile=v5.15', '--patch', 'nolock.ts', '-q'], { cwd: dir });
    expect(unwrap(later.stdout)).toMatch(/shutdown-exclusive\s+holds/);
    expect(later.status).toBe(0);
  });
  it('a probe after the walk at v5.15 only where the patch leaves defer_all_probes false (a device_shutdown hunt)', () => {
    const reboot = join(ROOT, 'models/reboot.ts');
    const r = probecheck(['check', reboot, '--param', 'profile=v5.15', '--patch', 'noblock.ts', '--property', 'no-probe-after-shutdown', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/no-probe-after-shutdown\s+violated/);
    expect(probecheck(['check', reboot, '--param', 'profile=v5.15', '--property', 'no-probe-after-shutdown', '-q'], { cwd: dir }).stdout).toMatch(/no-probe-after-shutdown\s+holds/);
  });
  it('`steps` lists its steps where the profile builds it, none where it does not', () => {
    // (Its steps are the model's, whatever the walks' bound: 10 states list them as 3,000 do.)
    const r = probecheck(['steps', '--profile', 'v5.15', '--function', 'device_shutdown', '--max-states', '10']);
    expect(r.status).toBe(0);
    for (const l of ['list_prev', 'lock_parent', 'device_lock', 'device_unlock', 'device_block_probing', 'spin_unlock']) expect(unwrap(r.stdout)).toContain(`device_shutdown:${l}`);
    // (Which functions a profile builds steps of is the build's, not the walk's: a short one.)
    expect(probecheck(['steps', '--profile', 'v4.18', '--function', 'device_shutdown', '--max-states', '10']).stderr).toMatch(/E501 .*profile v4\.18 builds no step of 'device_shutdown'/);
  });
});

// A history hunt (2026-12-05): at v5.4 really_probe starts at defer_all_probes only where an actor
// runs device_shutdown (call_probe otherwise), so an insert at its entry named one or the other
// and fit one scenario. before: FIRST is the function's first step, whichever it is.
describe("an insert at a function's entry: before FIRST", () => {
  const entry = (before: string, ret: string) => `import { definePatch, FIRST } from 'probecheck';
export default definePatch({ id: 'entry', subject: 'count really_probe calls', base: 'v5.4', state: { kernel: { calls: { type: 'int', max: 7 } } },
  hunks: [{ fn: 'really_probe', insert: { label: 'count', after: null, before: ${before} }, step: () => ({ run: (s) => { s.calls++; return ${ret}; } }) }] });
`;
  const dir = folder({
    'first.ts': entry('FIRST', 'FIRST'),
    'call.ts': entry("'call_probe'", "'call_probe'"),
    'late.ts': entry('FIRST', 'FIRST').replace('after: null', "after: 'call_probe'"),
  });
  const fired = (r: { stdout: string }) => (JSON.parse(r.stdout).runs[0].coverage as { label: string; fired: number }[]).filter((x) => x.label.endsWith(':count')).reduce((n, x) => n + x.fired, 0);
  it('runs first in really_probe with device_shutdown (defer_all_probes first) and without (call_probe first)', () => {
    const reboot = join(ROOT, 'models/reboot.ts'), plain = join(ROOT, 'models/hot-unplug.ts');
    for (const m of [reboot, plain]) {
      const r = probecheck(['check', m, '--param', 'profile=v5.4', '--patch', 'first.ts', '--json'], { cwd: dir });
      expect(r.stderr).not.toMatch(/E\d{3}/);
      expect(fired(r), m).toBeGreaterThan(0);
    }
    // Named, call_probe is the first step only where no actor reboots: the profile's catalogue,
    // which a hunk is checked against, has a scenario where it is not.
    for (const m of [reboot, plain]) expect(probecheck(['check', m, '--param', 'profile=v5.4', '--patch', 'call.ts', '-q'], { cwd: dir }).stderr).toMatch(/E604 .*really_probe does not start with 'call_probe'.*before: FIRST/);
    expect(probecheck(['check', plain, '--param', 'profile=v5.4', '--patch', 'late.ts', '-q'], { cwd: dir }).stderr).toMatch(/E604 .*before: FIRST is the function's entry, for an insert with after: null/);
  });
  // s50 h14: device_shutdown's C opens `wait_for_device_probe(); device_block_probing();`, and the
  // model builds the wait (another function's steps) before the block, returning to
  // device_block_probing: an insert at the entry never ran ("no thread reaches it", exit 5). In
  // process, about 20 ms.
  it("runs after device_shutdown's leading wait_for_device_probe(); refused where callers enter past the first step", async () => {
    writeFileSync(join(dir, 'sd.ts'), `import { definePatch, FIRST } from 'probecheck';
export default definePatch({ id: 'sd', subject: 'a line before device_block_probing()', base: 'v5.15',
  hunks: [{ fn: 'device_shutdown', insert: { label: 'mark', after: null, before: FIRST }, step: () => ({ c: [], run: () => FIRST }) }] });
`);
    writeFileSync(join(dir, 'rel.ts'), entry('FIRST', 'FIRST').replace("'really_probe'", "'__device_release_driver'").replace("base: 'v5.4'", "base: 'v4.14'"));
    writeFileSync(join(dir, 'det.ts'), entry('FIRST', 'FIRST').replace("'really_probe'", "'driver_detach'").replace("base: 'v5.4'", "base: 'v4.14'"));
    await loadPatchFiles(`${join(dir, 'sd.ts')},${join(dir, 'rel.ts')},${join(dir, 'det.ts')}`);
    const sd = { name: 'add-then-shutdown', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { a: ['add dc', 'device_shutdown'] }, properties: ['no-deadlock'] };
    const r = check(buildScenario(sd, 'v5.15', join(dir, 'sd.ts')).model);
    expect(r).toHold('no-deadlock');
    expect(r.states).toBe(check(buildScenario(sd, 'v5.15', '').model).states + 1);   // one actor, one path: the insert's one move
    // At the entry only, not in the walk's turn for dc (a block of device_shutdown's too).
    expect(r.coverage.filter((c) => c.label.endsWith(':mark') && c.fired > 0).map((c) => c.label)).toEqual(['device_shutdown:mark']);
    let err: unknown;
    try { buildScenario({ name: 'mod', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, actors: { a: ['modprobe m', 'rmmod m'] } }, 'v4.14', join(dir, 'rel.ts')); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ProbecheckError);
    // driver_detach's release of each device (a block of its own, at v4.14) is its loop's body, not its entry.
    const rmmod = check(buildScenario({ name: 'mod', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, actors: { a: ['modprobe m', 'rmmod m'] } }, 'v4.14', join(dir, 'det.ts')).model);
    expect(rmmod.coverage.filter((c) => c.label.endsWith(':count') && c.fired > 0).map((c) => c.label)).toEqual(['driver_detach(dd):count']);
    expect((err as Error).message).toMatch(/does not apply: its step __device_release_driver:count goes at the function's entry \(after: null\), which the model cannot place on every path: .*driver_allows_async_probing/);
    // s50 h16: from v5.0 (the sync in driver_detach) the callers' router went to the first step by a
    // label taken before done(), past the insert: it never ran. It runs once, in the rmmod's release.
    const mod = { name: 'mod', devices: { d: { present: true } }, drivers: { dd: { matches: ['d'], module: 'm' } }, actors: { a: ['modprobe m', 'rmmod m'] } };
    const rel = check(buildScenario(mod, 'v5.15', join(dir, 'rel.ts')).model);
    expect(rel.coverage.filter((c) => c.label.endsWith(':count') && c.fired > 0).map((c) => c.label)).toEqual(['__device_release_driver(d):count']);
    expect(rel.states).toBe(check(buildScenario(mod, 'v5.15', '').model).states + 1);
    // Named by its function, not by the callee whose step it precedes (device_block_probing, dd.c).
    const sdModel = buildScenario(sd, 'v5.15', join(dir, 'sd.ts')).model;
    expect(sdModel.threads.flatMap((t) => Object.entries(t.steps)).find(([l]) => l === 'device_shutdown:mark')![1].where).toBe('drivers/base/core.c:device_shutdown (patch sd: mark)');
    // deferred_probe_work_func starts after worker_thread's pickup (process_one_work): the insert went
    // before it, the kworker's first step, and ran in the idle worker, never in a run of the work.
    writeFileSync(join(dir, 'dpw.ts'), entry('FIRST', 'FIRST').replace("'really_probe'", "'deferred_probe_work_func'"));
    writeFileSync(join(dir, 'dim.ts'), entry('FIRST', 'FIRST').replace("'really_probe'", "'do_init_module'"));
    await loadPatchFiles(`${join(dir, 'dpw.ts')},${join(dir, 'dim.ts')}`);
    const late = buildScenario({ name: 'late', devices: { dc: { present: true }, pwm: {} }, drivers: { dcd: { matches: ['dc'], needs: ['pwm'], present: true }, pwd: { matches: ['pwm'], present: true } }, actors: { hot: 'add pwm' } }, 'v5.15', join(dir, 'dpw.ts')).model;
    const worker = late.threads.find((t) => t.name === 'kworker deferred_probe_work_func')!;
    expect(Object.keys(worker.steps).slice(0, 1)).toEqual(['deferred_probe_work_func:process_one_work']);
    expect(check(late).coverage.find((c) => c.label === 'deferred_probe_work_func:count')!.fired).toBeGreaterThan(0);
    expect(worker.steps['deferred_probe_work_func:count']!.where).toBe('drivers/base/dd.c:deferred_probe_work_func (patch entry: count)');
    // A loop body's step named as an entry insert's `before` was refused with no reason (s50 h16).
    writeFileSync(join(dir, 'turn.ts'), entry("'device_lock'", "'device_lock'").replace("'really_probe'", "'driver_detach'"));
    await loadPatchFiles(join(dir, 'turn.ts'));
    expect(() => checkUserPatches('v4.14', join(dir, 'turn.ts'))).toThrow(/names driver_detach:count; 'device_lock' is a step of the body of driver_detach's loop \(its turn for one device\), which the model builds as a block of its own, not of driver_detach's entry/);
    // do_init_module's start is inside load_module's step: no place for it.
    expect(() => buildScenario(mod, 'v5.15', join(dir, 'dim.ts'))).toThrow(/do_init_module:count goes at the function's entry \(after: null\), where the model has no step boundary: its first step, load_module/);
  });
});

// A patch hunt (2026-12-04): dc23806a7c47 ("driver core: enforce device_lock for
// driver_match_device()") took the device lock around __driver_attach's match and was reverted:
// a probe that registers a driver deadlocks, since the new driver's walk visits every device on
// the bus, the prober's own. The model's walk visited only the devices the driver matches, so
// the patch "held". A user's hunk on __driver_attach now has every device of the bus walked.
describe('a user hunk on __driver_attach sees every device of the bus', () => {
  const dir = folder({
    'regdrv.ts': `import { scenario } from 'probecheck';
export default scenario({
  name: 'register-in-probe', profile: 'v6.12',
  devices: { gpio: {}, other: { present: true, boundTo: 'other-drv' } },
  drivers: { 'gpio-drv': { matches: ['gpio'], present: true, registersDriver: ['gpio-sub'] }, 'gpio-sub': { matches: ['other'] }, 'other-drv': { matches: ['other'], present: true } },
  actors: { hotplug: 'add gpio' }, properties: ['no-deadlock'],
});
`,
    'locked.ts': `import { definePatch } from 'probecheck';
export default definePatch({ id: 'match-locked', subject: 'driver core: enforce device_lock for driver_match_device()', base: 'v6.12',
  hunks: [{ fn: '__driver_attach', replace: 'driver_match_device', step: (site, orig) => ({ ...orig!,
    await: (s) => s.dev[site.dev]!.mutex === 0, waits: () => 'device_lock in driver_match_device_locked' }) }] });
`,
  });
  it('the lock taken before the match deadlocks the probe that registers the driver', () => {
    expect(probecheck(['check', 'regdrv.ts', '-q'], { cwd: dir }).stdout).toMatch(/no-deadlock\s+holds/);
    const r = probecheck(['check', 'regdrv.ts', '--patch', 'locked.ts'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(unwrap(r.stdout)).toContain('hotplug waits at __driver_attach(gpio,gpio-sub):driver_match_device (a step your patch match-locked made) for device_lock in driver_match_device_locked');
  });
});

describe("a user hunk's RETURN from a walk's callback (a patch hunt, 2026-12-05)", () => {
  // 25e9fbf0fd38's __device_attach_driver half: a match that defers returns -EPROBE_DEFER, which
  // stops bus_for_each_drv. The hunk's RETURN used to end the hotplug thread inside device_add,
  // holding adev's mutex, and every property held.
  const scen = `import { scenario } from 'probecheck';
export default scenario({
  name: 'two-drivers', profile: 'v5.15',
  devices: { adev: {} },
  drivers: { 'amba-a': { matches: ['adev'], present: true }, 'amba-b': { matches: ['adev'], present: true } },
  actors: { hotplug: 'add adev' },
});
`;
  const ret = (code: string) => `import { definePatch, RET, RETURN } from 'probecheck';
export default definePatch({ id: 'match-${code}', subject: 'amba-a match returns ${code}', base: 'v5.15', hunks: [
  { fn: '__device_attach_driver', replace: 'driver_match_device', step: (site, orig) => site.k.dn(site.drv) !== 'amba-a' ? orig! : ({ ...orig!,
    run: (_s, t) => { t.ret = RET.${code}; return RETURN; } }) },
] });
`;
  const prop = `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'done-unlocked', description: 'once hotplug is done, adev is unlocked; which driver has it',
  check: (v) => v.thread('hotplug').at === null && (v.dev('adev').lockedBy !== null || v.dev('adev').driver !== 'amba-b') ? \`adev lockedBy=\${v.dev('adev').lockedBy} driver=\${v.dev('adev').driver}\` : null });
`;
  // The work function returns at once (after taking the instance off the queue): the kworker
  // idles, waiting for the next one, so nothing retries the deferred device.
  const worker = `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'worker-return', subject: 'the worker returns', base: 'v5.15', hunks: [
  { fn: 'deferred_probe_work_func', replace: 'mutex_lock', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) },
] });
`;
  // A hunk that returns from the top of the async entry's thread holding the device's lock.
  const held = `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'return-locked', subject: 'returns holding the lock', base: 'v5.15', hunks: [
  { fn: '__device_attach_async_helper', replace: 'device_lock', step: (site, orig) => ({ ...orig!, run: (s) => { s.dev[site.dev]!.mutex = site.tb.owner; return RETURN; } }) },
] });
`;
  const dir = folder({ 's.ts': scen, 'zero.ts': ret('ZERO'), 'defer.ts': ret('EPROBE_DEFER'), 'p.ts': prop, 'worker.ts': worker,
    'd.ts': scen.replace("adev: {} }", "adev: {}, sup: {} }").replace("'amba-a': { matches: ['adev'], present: true }", "'amba-a': { matches: ['adev'], present: true, needs: ['sup'] }")
      .replace("'amba-b': { matches: ['adev'], present: true }", "'sup-drv': { matches: ['sup'], present: true }").replace("hotplug: 'add adev'", "hotplug: 'add adev', t1: 'add sup'") });
  it('zero goes on with the walk: amba-b binds adev', () => {
    const r = probecheck(['check', 's.ts', '--patch', 'zero.ts', '--property-file', 'p.ts', '--property', 'done-unlocked', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/done-unlocked\s+holds/);
    expect(r.status).toBe(0);
  });
  it('nonzero stops it: __device_attach unlocks adev and device_add goes on, with amba-b never tried', () => {
    const r = probecheck(['check', 's.ts', '--patch', 'defer.ts', '--property-file', 'p.ts', '--property', 'done-unlocked', '--property', 'actors-terminate'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/adev lockedBy=null driver=null/);
    expect(unwrap(r.stdout)).toContain('__device_attach(adev):out_unlock');
    expect(unwrap(r.stdout)).toMatch(/actors-terminate\s+holds/);
    expect(r.status).toBe(1);
  });
  // A -EPROBE_DEFER of the patch's own before really_probe (a2225b6e834a's `if (!dev_ready_to_probe(dev))`
  // in __driver_probe_device) is negative: __device_attach_driver's `if (ret < 0) return ret;` stops
  // the walk. RET.EPROBE_DEFER is really_probe's positive one (`ret = -ret;`), on which it goes on (a
  // new user, 2026-12-05, wrote RET.EPROBE_DEFER from the README and saw the next driver bind).
  const early = (code: string) => `import { definePatch, RET } from 'probecheck';
export default definePatch({ id: 'early-${code}', subject: 'amba-a: __driver_probe_device returns -EPROBE_DEFER', base: 'v5.15', hunks: [
  { fn: 'driver_probe_device', replace: 'check', step: (site, orig) => site.k.dn(site.drv) !== 'amba-a' ? orig! : ({ ...orig!,
    run: (s, t, b, c) => { const r = orig!.run(s, t, b, c); if (r === 'out') return r; t.ret = RET.${code}; return 'deferred'; } }) },
] });
`;
  const never = `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'not-b', description: 'adev is never bound to amba-b',
  check: (v) => (v.dev('adev').driver === 'amba-b' ? 'adev bound to amba-b' : null) });
`;
  it("RET.LINK_DEFER from driver_probe_device's checks stops __device_attach's walk; RET.EPROBE_DEFER goes on to the next driver", () => {
    const d2 = folder({ 's.ts': scen, 'neg.ts': early('LINK_DEFER'), 'pos.ts': early('EPROBE_DEFER'), 'nb.ts': never });
    const neg = probecheck(['check', 's.ts', '--patch', 'neg.ts', '--property-file', 'nb.ts', '--property', 'not-b', '-q'], { cwd: d2 });
    expect(unwrap(neg.stdout)).toMatch(/not-b\s+holds/);
    expect(neg.status).toBe(0);
    const pos = probecheck(['check', 's.ts', '--patch', 'pos.ts', '--property-file', 'nb.ts', '--property', 'not-b', '-q'], { cwd: d2 });
    expect(unwrap(pos.stdout)).toMatch(/not-b\s+violated/);
    expect(pos.status).toBe(1);
    // docs/patches.md says which is which.
    const readme = readFileSync(join(ROOT, 'docs/patches.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme.includes('`RET.LINK_DEFER` (a negative -EPROBE_DEFER'), 'docs/patches.md: RET.LINK_DEFER is the negative one').toBe(true);
  });
  it("25e9fbf0fd38's half as a user writes it: a match that may defer (branches), deferredAdd, and a walk that stops", () => {
    writeFileSync(dir + '/defer-match.ts', `import { definePatch, deferredAdd, RET, RETURN } from 'probecheck';
export default definePatch({ id: '25e9fbf0fd38-attach', subject: "Don't probe devices after bus_type.match() probe deferral", base: 'v5.15', hunks: [
  { fn: '__device_attach_driver', replace: 'driver_match_device', step: (site, orig) => site.k.dn(site.drv) !== 'amba-a' ? orig! : ({ ...orig!,
    branches: 2, branchNames: ['match > 0', 'match == -EPROBE_DEFER'],
    run: (s, t, b, c) => { if (b === 0) return orig!.run(s, t, 0, c); deferredAdd(s, site.dev); t.ret = RET.EPROBE_DEFER; return RETURN; } }) },
] });
`);
    writeFileSync(dir + '/pending.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'not-left-pending', check: (v) => v.thread('hotplug').at === null && v.dev('adev').deferred === 'pending' ? 'adev left on the pending list, driver ' + v.dev('adev').driver : null });
`);
    const r = probecheck(['check', 's.ts', '--patch', 'defer-match.ts', '--property-file', 'pending.ts', '--property', 'not-left-pending'], { cwd: dir });
    expect(unwrap(r.stdout)).toContain('adev left on the pending list, driver null');
    expect(unwrap(r.stdout)).toContain('__device_attach_driver(adev,amba-a):driver_match_device #match == -EPROBE_DEFER');
    expect(r.status).toBe(1);
  });
  it('a patch that makes a match defer gets the deferred-probe worker and its properties, though no declared driver defers (a new user, 2026-12-05)', () => {
    writeFileSync(dir + '/md.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'match-defer', profile: 'mainline', devices: { dc: {}, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { hotplug: 'add dc', 'hotplug pwm': 'add pwm' } });
`);
    writeFileSync(dir + '/once.ts', `import { definePatch, deferredAdd, RET, RETURN } from 'probecheck';
export default definePatch({ id: 'match-defer-once', subject: 'dc match defers once', base: 'mainline', hunks: [
  { fn: '__device_attach_driver', replace: 'driver_match_device', step: (site, orig) => site.k.vn(site.dev) !== 'dc' ? orig! : ({ ...orig!,
    branches: 2, branchNames: ['match as before', 'match == -EPROBE_DEFER'],
    run: (s, t, b, c) => { if (b === 0 || s.dev[site.dev]!.canMatch) return orig!.run(s, t, 0, c); s.dev[site.dev]!.canMatch = true; deferredAdd(s, site.dev); t.ret = RET.EPROBE_DEFER; return RETURN; } }) },
] });
`);
    const r = probecheck(['check', 'md.ts', '--patch', 'once.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/deferred-lists\s+holds/);
    expect(unwrap(r.stdout)).toMatch(/quiescence\s+holds/);
    const t = probecheck(['check', 'md.ts', '--patch', 'once.ts', '--property', 'deferred-lists'], { cwd: dir });
    expect(unwrap(t.stdout)).not.toMatch(/E\d{3}/);
  });
  it("a hunk that defers without saying 'defer' (no worker built) is an error at the next trigger, not a stranded device", () => {
    writeFileSync(dir + '/hidden.ts', `import { definePatch, RETURN } from 'probecheck';
const key = 'def' + 'er';
export default definePatch({ id: 'hidden', subject: 'dc waits, in other words', base: 'mainline', hunks: [
  { fn: '__device_attach_driver', replace: 'driver_match_device', step: (site, orig) => site.k.vn(site.dev) !== 'dc' ? orig! : ({ ...orig!,
    run: (s, t) => { (s.dev[site.dev] as any)[key + 'red'] = 'pending'; (s.dev[site.dev] as any)[key + 'Rank'] = 1; t.ret = 2; return RETURN; } }) },
] });
`);
    writeFileSync(dir + '/md2.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'match-wait', profile: 'mainline', devices: { dc: {}, pwm: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true } },
  actors: { hotplug: 'add dc', 'hotplug pwm': 'add pwm' } });
`);
    const r = probecheck(['check', 'md2.ts', '--patch', 'hidden.ts', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E203 .*driver_deferred_probe_trigger.*a device is on a deferred-probe list, but this model has no deferred-probe worker to retry it/);
    expect(r.status).toBe(2);
  });
  it('a hunk whose branchNames do not name its branches is E103', () => {
    writeFileSync(dir + '/names.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'names', subject: 'names without branches', base: 'v5.15', hunks: [
  { fn: '__device_attach_driver', replace: 'driver_match_device', step: (_site, orig) => ({ ...orig!, branchNames: ['a', 'b'] }) },
] });
`);
    const r = probecheck(['check', 's.ts', '--patch', 'names.ts', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E103.*step '__device_attach_driver\(adev,amba-a\):driver_match_device' of thread 'hotplug': branchNames has 2 names for 1 branch \(no branches given\)/);
    expect(r.status).toBe(2);
  });
  it('the deferred work returning with deferred_probe_mutex held is E205 naming the patch', () => {
    writeFileSync(dir + '/leak.ts', `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'work-leak-lock', subject: 'the work leaks its mutex', base: 'v5.15', hunks: [
  { fn: 'deferred_probe_work_func', replace: 'mutex_lock', step: (site, orig) => ({ ...orig!, run: (s) => { s.deferredProbeMutex = site.tb.owner; return RETURN; } }) },
] });
`);
    const r = probecheck(['check', 'd.ts', '--patch', 'leak.ts', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E205.*patch work-leak-lock \(the work leaks its mutex\): deferred_probe_work_func returns holding deferred_probe_mutex/);
    expect(r.status).toBe(2);
    // Checked by no-lock-at-return (s48 h1), its violation.
    const p = probecheck(['check', 'd.ts', '--patch', 'leak.ts', '--property', 'no-lock-at-return'], { cwd: dir });
    expect(unwrap(p.stdout)).toContain('kworker deferred_probe_work_func: deferred_probe_work_func returns to process_one_work holding deferred_probe_mutex: "BUG: workqueue leaked lock or atomic" (process_one_work)');
    expect(p.status).toBe(1);
  });
  it('a wait for deferred_probe_mutex names its holder, as a device mutex is named (a new user, 2026-12-05)', () => {
    writeFileSync(dir + '/dpm.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'worker-order', subject: 'worker locks dc under deferred_probe_mutex', base: 'mainline', hunks: [
  { fn: 'deferred_probe_work_func', insert: { label: 'lock_dc', after: 'process_one_work', before: 'mutex_lock' },
    step: (site) => ({ where: 'drivers/base/dd.c:deferred_probe_work_func', await: (s) => s.deferredProbeMutex === 0, run: (s) => { s.deferredProbeMutex = site.tb.owner; return 'wait_dc'; } }) },
  { fn: 'deferred_probe_work_func', insert: { label: 'wait_dc', after: 'lock_dc', before: 'mutex_lock' },
    step: () => ({ where: 'drivers/base/dd.c:deferred_probe_work_func', await: (s) => s.dev[0]!.mutex === 0, waits: () => '&dev->mutex(dc)', run: (s) => { s.deferredProbeMutex = 0; return 'mutex_lock'; } }) },
] });
`);
    writeFileSync(dir + '/s20.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'dpm', profile: 'mainline', devices: { dc: { present: true }, pwm: {}, q: {} },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], present: true }, 'q-drv': { matches: ['q'], present: true } },
  actors: { b: ['lock dc', 'add pwm', 'add q', 'unlock dc'] } });
`);
    const r = probecheck(['check', 's20.ts', '--patch', 'dpm.ts', '--property', 'no-deadlock'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/b holds &dev->mutex\(dc\), &dev->mutex\(q\), waits for deferred_probe_mutex \(held by kworker deferred_probe_work_func since step \d+\)/);
    expect(unwrap(r.stdout)).toMatch(/kworker deferred_probe_work_func holds deferred_probe_mutex, waits for &dev->mutex\(dc\) \(held by b since step 1\)/);
    expect(r.status).toBe(1);
  });
  it('a hunk on __driver_attach is told that the walk does not read its return value', () => {
    const nm = dir + '/nm.ts';
    writeFileSync(nm, `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'nomatch', subject: 'match error', base: 'v5.15', hunks: [
  { fn: '__driver_attach', replace: 'driver_match_device', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) },
] });
`);
    writeFileSync(dir + '/reg.ts', SCENARIO.replace("profile: 'v5.1'", "profile: 'v5.15'"));
    const r = probecheck(['check', 'reg.ts', '--patch', 'nm.ts', '--property', 'no-missed-probe'], { cwd: dir });
    expect(unwrap(r.stdout)).toContain("note: patch nomatch changes __driver_attach: driver_attach's bus_for_each_dev goes on to the next device whatever __driver_attach returns");
    // The match the hunk refuses leaves d unprobed: the violation says whose premise that breaks.
    expect(unwrap(r.stdout)).toContain("d is never probed by it (judged by the drivers' declared probe outcomes: if your patch nomatch makes this probe fail or this match refuse, declare it");
    expect(r.status).toBe(1);
    // Not said where the hunk applies nowhere (the scenario never calls __driver_attach).
    writeFileSync(dir + '/hot.ts', SCENARIO.replace("profile: 'v5.1'", "profile: 'v5.15'").replace(/actors: \{[^}]*\}/, "actors: { hotplug: 'uevent d' }"));
    expect(unwrap(probecheck(['check', 'hot.ts', '--patch', 'nm.ts', '-q'], { cwd: dir }).stdout)).not.toContain('changes __driver_attach');
  });
  it("a RETURN from the deferred work's function ends its run: the kworker idles, and the device it did not retry is a lost deferral", () => {
    const r = probecheck(['check', 'd.ts', '--patch', 'worker.ts', '--property', 'no-lost-deferral', '--property', 'no-deadlock'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/no-lost-deferral\s+violated/);
    expect(unwrap(r.stdout)).toContain('deferred_probe_work_func:process_one_work');
    expect(r.status).toBe(1);
  });
  it('a RETURN that ends its thread holding a lock is E205, not a silent end', () => {
    writeFileSync(dir + '/async.ts', scen.replace("'amba-b': { matches: ['adev'], present: true }", "'amba-b': { matches: ['nothing'], present: true }").replace("'amba-a': { matches: ['adev'], present: true }", "'amba-a': { matches: ['adev'], present: true, probeType: 'async' }").replace("devices: { adev: {} }", "devices: { adev: {}, nothing: {} }"));
    writeFileSync(dir + '/held.ts', held);
    const r = probecheck(['check', 'async.ts', '--patch', 'held.ts', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E205.*async_run_entry_fn returns, ending thread '.*__device_attach_async_helper.*', which still holds adev's &dev->mutex/);
    expect(hasStack(r.stderr)).toBe(false);
    expect(r.status).toBe(2);
  });
  it('the same, checked by no-lock-at-return (s48 h1), is its violation: the work item leaked a lock (process_one_work)', () => {
    const r = probecheck(['check', 'async.ts', '--patch', 'held.ts', '--property', 'no-lock-at-return'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/: its work item returns to process_one_work holding adev's &dev->mutex: "BUG: workqueue leaked lock or atomic" \(process_one_work\), and nothing releases it/);
    expect(r.status).toBe(1);
    // The helper's lock kept as it is: the work item's end was judged, so it holds, not vacuous
    // (s48 h9: the premise asked only for a system call, and read "never held" with none here).
    writeFileSync(dir + '/same.ts', held.replace("id: 'return-locked'", "id: 'same-lock'").replace('run: (s) => { s.dev[site.dev]!.mutex = site.tb.owner; return RETURN; }', 'run: orig!.run'));
    const ok = probecheck(['check', 'async.ts', '--patch', 'same.ts', '--property', 'no-lock-at-return', '-q'], { cwd: dir });
    expect(unwrap(ok.stdout)).toMatch(/no-lock-at-return\s+holds/);
    expect(ok.status).toBe(0);
  });
});

// A review (2026-12-05): on a profile whose mutex hands over, a patch that guards a mutex wait
// makes that wait weakly fair (its own condition may come and go), and a loop that then passes
// the waiter over says why; a guard through `branches` counts too (not a constant choice, nor one
// that never blocks where the mutex is free); `strong: true` keeps the handoff.
describe('a user patch on a strongly fair mutex wait', () => {
  const loop = `import { scenario } from 'probecheck';
export default scenario({ name: 'loop-del', profile: 'v5.15', devices: { host: { present: true }, child: { parent: 'host' } },
  drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
  actors: { modprobe: 'register host-drv', hotplug: 'del host' }, syncFallback: false, properties: ['actors-terminate'] });
`;
  const ownLock = (extra: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: 'own-lock', subject: 'test own-lock', base: 'v5.15', hunks: [{ fn: 'device_del', insert: { label: 'own_lock', after: null, before: 'kill_device' },
  step: (site) => ({ where: 'x', await: (s) => s.dev[site.dev]!.mutex === 0, waits: () => \`&dev->mutex(\${site.k.vn(site.dev)})\`, run: () => 'kill_device'${extra} }) }] });
`;
  const guard = (id: string, step: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: '${id}', subject: 'test ${id}', base: 'v5.15', hunks: [{ fn: 'device_del', replace: 'kill_device', step: (site, orig) => (${step}) }] });
`;
  // A condition that comes and goes in the loop: host's device_del goes only while deferred work is queued.
  const flaky = '(site.dev !== 0 || s.deferredWorkQueued)';
  const dir = folder({
    'loop.ts': loop,
    'run.ts': guard('run-only', '{ ...orig!, run: (s, t, b, c) => orig!.run(s, t, b, c) }'),
    'await.ts': guard('guard-await', `{ ...orig!, await: (s, t) => orig!.await!(s, t) && ${flaky} }`),
    'branches.ts': guard('guard-branches', `{ ...orig!, branches: (s) => (${flaky} ? 1 : 0) }`),
    // A guard that lets the thread go exactly where the mutex does is the mutex's wait (a liveness hunt, 2026-12-05).
    'same.ts': guard('same-await', '{ ...orig!, await: (s, t) => orig!.await!(s, t) }'),
    'never0.ts': guard('never-zero', "{ ...orig!, branches: (s) => (s.dev[site.dev]!.dead ? 1 : 2), branchNames: ['quiet', 'dev_warn'], run: (s, t, _b, c) => orig!.run(s, t, 0, c) }"),
    // A constant choice is no guard (a new user, 2026-12-05: this hunk read as a regression).
    'choice.ts': guard('choice', "{ ...orig!, branches: 2, branchNames: ['quiet', 'dev_warn'], run: (s, t, _b, c) => orig!.run(s, t, 0, c) }"),
    'strong.ts': guard('guard-strong', `{ ...orig!, await: (s, t) => orig!.await!(s, t) && ${flaky}, strong: true }`),
    // The original's own await with other words for it, or none: the same mutex wait (a liveness hunt, 2026-12-05).
    'words.ts': guard('words', "{ ...orig!, waits: () => 'host\\'s device lock' }"),
    'nowords.ts': guard('nowords', '{ where: orig!.where, c: orig!.c, await: orig!.await, run: orig!.run }'),
    // The README's recipe for taking a device's lock in a step of your own, inserted before kill_device.
    'own.ts': ownLock(''), 'own-strong.ts': ownLock(', strong: true'),
  });
  const verdict = (patch: string) => probecheck(['check', 'loop.ts', '--patch', patch, '--property', 'actors-terminate'], { cwd: dir });
  it('a step that keeps the guard stays strong; a changed guard is weak and the loop note says why', () => {
    expect(verdict('run.ts').stdout).toMatch(/actors-terminate\s+holds/);
    const choice = verdict('choice.ts').stdout;
    expect(choice).toMatch(/actors-terminate\s+holds/);
    expect(unwrap(choice)).not.toContain('changed its guard');
    for (const [file, id] of [['await.ts', 'guard-await'], ['branches.ts', 'guard-branches']]) {
      const r = verdict(file!);
      expect(unwrap(r.stdout), file).toMatch(/actors-terminate\s+violated/);
      expect(unwrap(r.stdout)).toContain(`Patch ${id} changed its guard, so its wait is weakly fair, not the mutex's handoff; write strong: true in the hunk's step`);
      expect(unwrap(r.stdout)).not.toContain('The mutex of this kernel can pass such a waiter over');
    }
    expect(verdict('strong.ts').stdout).toMatch(/actors-terminate\s+holds/);
  });
  it('a guard that never blocks where the mutex is free (nor lets the thread go where it is held) stays strong', () => {
    for (const file of ['same.ts', 'never0.ts']) expect(verdict(file).stdout, file).toMatch(/actors-terminate\s+holds/);
  });
  it("a step that keeps the original's await waits for its mutex, whatever its waits says", () => {
    for (const file of ['words.ts', 'nowords.ts']) expect(verdict(file).stdout, file).toMatch(/actors-terminate\s+holds/);
  });
  it("a step of the patch's own that waits is weakly fair unless it says strong: true, and the loop note says so", () => {
    const own = verdict('own.ts');
    expect(unwrap(own.stdout)).toMatch(/actors-terminate\s+violated/);
    expect(unwrap(own.stdout)).toContain("Patch own-lock's step is weakly fair; if it waits only for a struct mutex, write strong: true in it");
    expect(unwrap(own.stdout)).not.toContain('The mutex of this kernel can pass such a waiter over');
    expect(verdict('own-strong.ts').stdout).toMatch(/actors-terminate\s+holds/);
  });
});

// A new user (2026-12-05): a fix that locks the consumer inside device_links_driver_bound read as
// deadlock-free: device_links_lock was no lock in the model. Under a user's patch it is one, taken
// around a wait the patch adds inside its regions: the ABBA with device_links_check_suppliers, which
// takes it under the consumer's lock, is found.
describe('a patch that adds a wait inside a device_links_write_lock() region', () => {
  it('waits holding device_links_lock: the lock-order problem is found, and a note says how it is modelled', () => {
    const dir = folder({
      'two.ts': `import { scenario } from 'probecheck';
export default scenario({ name: 'two-suppliers', profile: 'mainline',
  devices: { pmic: { present: true }, clk: { present: true }, codec: { present: true, suppliers: ['pmic', 'clk'] } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'clk-drv': { matches: ['clk'], module: 'clk' }, 'codec-drv': { matches: ['codec'], present: true } },
  actors: { udev1: 'modprobe pmic', udev2: 'modprobe clk' }, properties: ['no-deadlock'] });
`,
      'lock.ts': `import { definePatch } from 'probecheck';
export default definePatch({ id: 'lock-consumer', subject: 'lock the consumer around the add', base: 'mainline', hunks: [
  { fn: 'really_probe', replace: 'driver_bound', step: (site, orig) => ({ ...orig!, strong: true, holding: 'device_links_lock',
    await: (s) => (orig!.await ? orig!.await(s) : true) && (s.dev[2]!.mutex === 0 || s.dev[2]!.mutex === site.tb.owner), waits: () => "codec's &dev->mutex" }) },
] });
`,
    });
    const note = 'patch lock-consumer waits holding device_links_lock in really_probe:driver_bound: the model takes it before that wait and releases it after the step (sync_state\'s locking of suppliers is not modelled)';
    const d = probecheck(['diff', 'two.ts', '--patch', 'lock.ts', '--json'], { cwd: dir });
    const j = JSON.parse(d.stdout);
    expect(j.patchedNotes).toEqual([note]);
    expect(j.properties.map((r: { property: string; change: string }) => [r.property, r.change])).toEqual([['no-deadlock', 'regressed']]);
    const v = probecheck(['check', 'two.ts', '--patch', 'lock.ts', '--property', 'no-deadlock'], { cwd: dir });
    expect(v.status).toBe(1);
    expect(unwrap(v.stdout)).toMatch(/waits for device_links_lock/);
    // Without `holding` the wait comes before the step's C (its position), and the note says how to put it inside.
    writeFileSync(join(dir, 'before.ts'), readFileSync(join(dir, 'lock.ts'), 'utf8').replace(", holding: 'device_links_lock'", '').replace("id: 'lock-consumer'", "id: 'lock-before'"));
    const b = JSON.parse(probecheck(['diff', 'two.ts', '--patch', 'before.ts', '--json'], { cwd: dir }).stdout);
    expect(b.patchedNotes).toEqual(["patch lock-before adds a wait to really_probe:driver_bound, whose C runs a device_links_write_lock() region: the model takes the wait before that region; where the patch waits inside it, say holding: 'device_links_lock' in the hunk's step, and the wait holds device_links_lock"]);
    expect(b.properties[0].change).toBe('still holds');
    // holding on a step with no such region is E604.
    writeFileSync(join(dir, 'bad.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'bad', subject: 'x', base: 'mainline', hunks: [{ fn: 'device_del', replace: 'bus_remove_device', step: (_s, orig) => ({ ...orig!, holding: 'device_links_lock' }) }] });
`);
    const e = probecheck(['check', 'two.ts', '--patch', 'bad.ts'], { cwd: dir });
    expect(e.stderr).toMatch(/E604.*its step device_del:bus_remove_device says holding: 'device_links_lock', but that step's C has no device_links_write_lock\(\) region/);
    // A second patch holding it at the same step: its held step took the first's name, whose body
    // then never ran (before s44 h1, silently; then an internal error): E604, naming the other.
    writeFileSync(join(dir, 'again.ts'), readFileSync(join(dir, 'lock.ts'), 'utf8').replace("id: 'lock-consumer'", "id: 'lock-again'"));
    const twice = probecheck(['check', 'two.ts', '--patch', 'lock.ts', '--patch', 'again.ts'], { cwd: dir });
    expect([twice.status, unwrap(twice.stderr)]).toEqual([2, expect.stringMatching(/^probecheck: E604 \(patch does not apply\): again\.ts: patch lock-again \(.*\) does not apply: its step really_probe:driver_bound says holding: 'device_links_lock', and the model makes that a step 'driver_bound_links_locked' holding it, which really_probe already has \(patch lock-consumer says holding: 'device_links_lock' there too: .*replace 'driver_bound_links_locked', the step that holds it\)\n$/)]);
    // A hunk that drops a step's wait: the step stays atomic, said (a patch-loop hunt, 2026-12-05).
    writeFileSync(join(dir, 'nolock.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'nolock', subject: 'x', base: 'mainline', hunks: [{ fn: 'really_probe', replace: 'driver_deferred_probe_del', step: (_s, orig) => ({ where: orig!.where, c: orig!.c, run: orig!.run }) }] });
`);
    expect(JSON.parse(probecheck(['diff', 'two.ts', '--patch', 'nolock.ts', '--json'], { cwd: dir }).stdout).patchedNotes)
      .toContain('patch nolock drops the wait of really_probe:driver_deferred_probe_del: the step stays one atomic step, so a race that dropping a lock opens inside it is not found (only one against steps that hold that lock across steps)');
    // A patch that adds no wait there says nothing of it, and keeps its verdicts.
    const none = probecheck(['diff', join(ROOT, 'models/autoprobe-del.ts'), '--patch', join(ROOT, 'models/patches/deferred-add-dead.ts'), '--json'], { cwd: dir });
    expect((JSON.parse(none.stdout).patchedNotes as string[] | undefined ?? []).some((n) => n.includes('device_links_lock'))).toBe(false);
  });
});
