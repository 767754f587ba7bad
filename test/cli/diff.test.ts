/** `probecheck diff`: classification per property, old counterexamples replayed on the patch. */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROBE_TREE, ROOT, probecheck, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

describe('probecheck diff', () => {
  it('v4.2 → fixed: both violations fixed, each old trace blocked where the fix acts', () => {
    const r = probecheck(['diff', PROBE_TREE, '--base-param', 'variant=v4.2', '--patched-param', 'variant=fixed']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('base:    probe-tree (N=3 variant=v4.2): 1,670 states');
    expect(r.stdout).toContain('patched: probe-tree (N=3 variant=fixed): 727 states');
    // The fix inserts A1 (the parent's lock): the old trace waits there, the parent's probe holding it.
    expect(r.stdout).toMatch(/parent-before-child\s+violated\s+holds\s+fixed\s+blocked: move 6 \(A_1: A2\): thread 'A_1' is blocked at the patched model's new step 'A1' \(waits for lock\[0\]\)/);
    expect(r.stdout).toMatch(/no-deadlock\s+holds\s+holds\s+still holds/);
  });

  it('two variants, no patch: the old trace stops where the fixed thread unlocks, and no step is called the patch\'s (nvdimm abba → abba-fixed, a --help example)', () => {
    const r = probecheck(['diff', 'models/nvdimm.ts', '--param', 'variant=abba', '--param', 'profile=v5.1', '--patched-param', 'variant=abba-fixed', '-q']);
    expect(r.status).toBe(0);
    // The old trace's lock is the fixed thread's first lock; then the fixed thread unlocks where the old one waited.
    expect(r.stdout).toMatch(/no-deadlock\s+violated\s+holds\s+fixed\s+blocked: move 8 \(uuid_store\(ns\): wait_for_device_probe:flush_work\): thread 'uuid_store\(ns\)' is at 'device_unlock\(ns\):mutex_unlock', not 'wait_for_device_probe:flush_work'/);
    expect(r.stdout).not.toContain('patch\'s');
  });

  it('fixed → v4.2 is a regression: exit 1, with the new trace', () => {
    const r = probecheck(['diff', PROBE_TREE, '--base-param', 'variant=fixed', '--patched-param', 'variant=v4.2']);
    expect(r.status).toBe(1);
    // No base counterexample to replay: the column points to the patched side's own (a new-user pass found "-" there).
    expect(r.stdout).toMatch(/parent-before-child\s+holds\s+violated\s+regressed\s+none; the patched model's: 7 steps, above/);
    expect(r.stdout).toContain('WARNING: property violated: parent-before-child');
  });

  // A diff hunt (2026-12-06): violated on the patched side where the base stopped early read '-',
  // and the patched model's counterexample was not printed; it is a real one, new or not.
  it('unknown base, violated patched side: the row names the patched counterexample, printed without -q; exit 3', () => {
    const args = ['diff', PROBE_TREE, '--base-param', 'variant=fixed', '--patched-param', 'variant=v4.2', '--max-states', '200'];
    const q = probecheck([...args, '-q']);
    expect(q.status).toBe(3);
    expect(q.stdout).toMatch(/parent-before-child\s+unknown\s+violated\s+unknown\s+none \(the base's search stopped early: new or not, unknown\); the patched model's: 7 steps \(without -q: printed\)\n/);
    const full = probecheck(args);
    expect(full.stdout).toContain('WARNING: property violated: parent-before-child');
    expect(full.stdout).toMatch(/the patched model's: 7 steps, above\n/);
  });

  // Two new users (2026-12-05): a wrong fix left the bug in place, `still violated`, and diff exited 0
  // as for a real fix. --fixes names what the patch must fix.
  it('--fixes: a named property that is not fixed exits 1 and is said; one that is fixed passes', () => {
    const args = ['diff', PROBE_TREE, '--base-param', 'variant=v4.2', '--patched-param', 'variant=parentlock', '-q'];
    const ok = probecheck([...args, '--fixes', 'parent-before-child']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).not.toContain('not fixed');
    const bad = probecheck([...args, '--fixes', 'parent-before-child', '--fixes', 'no-bind-after-unregister']);
    expect(bad.status).toBe(1);
    expect(unwrap(bad.stdout)).toContain('not fixed: --fixes no-bind-after-unregister: violated on the base, violated on the patched model (still violated)');
    const j = JSON.parse(probecheck([...args, '--fixes', 'no-bind-after-unregister', '--json']).stdout);
    expect(j.exit).toBe(1);
    expect(j.fixes).toEqual([{ property: 'no-bind-after-unregister', fixed: false }]);
    expect(probecheck([...args, '--fixes', 'no-such-property']).status).toBe(2);
  });

  it('parentlock → fixed as JSON: one fixed, one still holds, old trace data', () => {
    const r = probecheck(['diff', PROBE_TREE, PROBE_TREE, '--param', 'N=4', '--base-param', 'variant=v4.2', '--patched-param', 'variant=parentlock', '--json']);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.base.states).toBe(5385);
    expect(d.patched.states).toBe(2297);
    const rows = Object.fromEntries(d.properties.map((p: any) => [p.property, p]));
    expect(rows['parent-before-child'].change).toBe('fixed');
    expect(rows['parent-before-child'].oldTrace.replays).toBe(false);
    expect(rows['parent-before-child'].oldTrace.blockedAt).toBeGreaterThan(0);
    expect(rows['no-bind-after-unregister'].change).toBe('still violated');
  });

  // A diff hunt (2026-12-06): a still violated row whose old trace the patch stops said only
  // "blocked", and nothing showed the run that still violates it.
  it('still violated, but not along the old trace: the row names the patched model\'s own counterexample, printed without -q', () => {
    const args = ['diff', PROBE_TREE, '--base-param', 'variant=v4.2', '--patched-param', 'variant=parentlock'];
    const q = probecheck([...args, '-q']);
    expect(q.stdout).toMatch(/no-bind-after-unregister\s+violated\s+violated\s+still violated\s+blocked: move 9 \(A_2: A2\): .*; still violated along another run: the patched model's, 14 steps \(without -q: printed\)\n/);
    // Fixed rows are not given one: the patched side has no counterexample.
    expect(q.stdout).toMatch(/parent-before-child\s+violated\s+holds\s+fixed\s+blocked: move 6 \(A_1: A2\): thread 'A_1' is blocked at the patched model's new step 'A1' \(waits for lock\[0\]\)\n/);
    const full = probecheck(args);
    expect(full.stdout).toContain('WARNING: property violated: no-bind-after-unregister');
    expect(full.stdout).not.toContain('WARNING: property violated: parent-before-child');
    expect(full.stdout).toMatch(/still violated along another run: the patched model's, 14 steps, above\n/);
    expect(q.status).toBe(0);
  });

  it('two files must share the properties compared: exit 2 naming the missing one', () => {
    const r = probecheck(['diff', PROBE_TREE, `${FIXTURES}/abba.ts`, '--base-param', 'variant=v4.2']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("probecheck: E301 (unknown property): the patched model abba has no property 'parent-before-child' (the base has it); pass --property to compare a subset");
    // And the other way round: a property of the patched model's alone was left out, unsaid.
    const rev = probecheck(['diff', `${FIXTURES}/abba.ts`, PROBE_TREE, '--patched-param', 'variant=v4.2']);
    expect(rev.status).toBe(2);
    expect(rev.stderr.trim()).toBe("probecheck: E301 (unknown property): the base model abba has no property 'parent-before-child' (the patched model has it); pass --property to compare a subset");
    const sub = probecheck(['diff', `${FIXTURES}/abba.ts`, PROBE_TREE, '--property', 'no-deadlock', '--patched-param', 'variant=v4.2']);
    expect(sub.status).toBe(0);
    expect(sub.stdout).toMatch(/no-deadlock\s+violated\s+holds\s+fixed\s+blocked: move 1 \(kworker\/0:1 probe: take_dev\): the model has no thread 'kworker\/0:1 probe'/);
  });

  // A new user's pass (2026-12-05): across profiles an old trace stopped at a renamed step read
  // "blocked", as if the change acted there.
  it('between two profiles an old trace that stops says it diverges, not that it is blocked', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'loop', devices: { host: { present: true }, child: { parent: 'host' } },
  drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
  actors: { modprobe: 'register host-drv' }, syncFallback: false, properties: ['quiescence'] });
`);
    const r = probecheck(['diff', 's.ts', '--base-param', 'profile=v4.2', '--patched-param', 'profile=v5.1', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/quiescence\s+violated\s+violated\s+still violated\s+diverges \(another profile: a step named or ordered differently diverges too\): move \d+ \(modprobe: __driver_attach\(host,host-drv\):device_lock\): thread 'modprobe' is at 'device_driver_attach/);
    expect(r.stdout).not.toContain('blocked');
  });

  // A diff hunt (2026-12-06): the rows were the base's properties only. A user's hunk that defers
  // brings the deferred worker, and with it deferred-lists: `check --patch` exited 1 on it, the
  // diff left it out and exited 0.
  it('a library property only the patched side chooses is compared: a patch that breaks it regressed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'gpio', profile: 'v5.9', devices: { gpio: { present: true } },
  drivers: { 'gpio-drv': { matches: ['gpio'], module: 'gpiomod' } }, actors: { load: 'modprobe gpiomod' } });
`);
    writeFileSync(join(dir, 'requeue.ts'), `import { definePatch, deferredAdd } from 'probecheck';
export default definePatch({ id: 'requeue', subject: 'driver core: queue a bound device for a deferred retry (bogus)', base: 'v5.9',
  hunks: [{ fn: 'really_probe', replace: 'done', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { const r = orig.run(s, t, b, c); deferredAdd(s, site.dev); return r; } }) }] });
`);
    const r = probecheck(['diff', 's.ts', '--patch', 'requeue.ts', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/deferred-lists\s+vacuous\s+violated\s+regressed\s+none; the patched model's: \d+ steps/);
    expect(r.stdout).toMatch(/quiescence\s+holds\s+holds\s+still holds/);
    expect(r.status).toBe(1);
  });

  // A mutation hunt (2026-12-05): a patch of dev_uevent on a scenario with no uevent reader
  // applied nowhere, and diff read "still holds"/"still violated", exit 0: a review passed a patch
  // that never ran. One hunk that applies is enough to compare.
  it('a patch none of whose hunks this scenario builds is E501: the sides would be one model', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(dir, 'uev.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'uev', subject: 'nothing here', base: 'v4.2', hunks: [{ fn: 'dev_uevent', replace: 'if_driver', step: (_site, orig) => ({ ...orig! }) }] });
`);
    // One child (234 states a side) shows what two (2,074) did: the patch runs nowhere, or once.
    const hc = [join(ROOT, 'models/host-children.ts'), '--param', 'n=1'];
    const r = probecheck(['diff', ...hc, '--patch', 'uev.ts', '-q'], { cwd: dir });
    expect(r.stderr).toBe('probecheck: E501 (bad command-line usage): diff: patch uev changes nothing in host-children (profile v4.2): it never calls dev_uevent; every row would compare the kernel with itself: check a scenario that runs the patched code\n');
    expect(r.status).toBe(2);
    writeFileSync(join(dir, 'both.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'both', subject: 'one hunk applies', base: 'v4.2', hunks: [{ fn: 'dev_uevent', replace: 'if_driver', step: (_site, orig) => ({ ...orig! }) },
  { fn: 'really_probe', replace: 'done', step: (_site, orig) => ({ ...orig! }) }] });
`);
    const ok = probecheck(['diff', ...hc, '--patch', 'both.ts', '-q'], { cwd: dir });
    expect(ok.stdout).toMatch(/module-lifetime\s+holds\s+holds\s+still holds/);
    expect(ok.stderr + unwrap(ok.stdout)).toContain('warning: patch both: dev_uevent:if_driver is not applied here: this scenario never calls dev_uevent on this profile');
    expect(ok.status).toBe(0);
    // Another profile on the patched side is a comparison of its own.
    expect(probecheck(['diff', ...hc, '--patch', 'uev.ts', '--patched-param', 'profile=v4.14', '-q'], { cwd: dir }).status).not.toBe(2);
  });

  // A diff hunt (2026-12-06): check -q says a symmetry reduction applied on the user's word only
  // (--symmetry over a patch of theirs), which the verdicts rest on; diff -q left it out.
  it('-q says a symmetry reduction that trusts your patch, as check -q does; the JSON says each side\'s', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/probecheck'), 'dir');
    writeFileSync(join(dir, 'noop.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'noop', subject: 'nothing', base: 'v4.2', hunks: [{ fn: 'really_probe', replace: 'done', step: (_site, orig) => ({ ...orig }) }] });
`);
    const r = probecheck(['diff', join(ROOT, 'models/host-children.ts'), '--param', 'n=2', '--patch', 'noop.ts', '--symmetry', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/\npatched: symmetry: states stored up to permutations of \{c1, c2\}, as asked \(--symmetry\), trusting your patch noop to treat \{c1, c2\} alike$/m);
    expect(r.stdout).not.toContain('base: symmetry');
    expect(r.status).toBe(0);
    // Without --symmetry only the base is reduced: the JSON says so beside each side's states.
    const j = JSON.parse(probecheck(['diff', join(ROOT, 'models/host-children.ts'), '--param', 'n=2', '--patch', 'noop.ts', '--json'], { cwd: dir }).stdout);
    expect(j.base.symmetry).toMatchObject({ applied: true, classes: ['{c1, c2}'] });
    expect(j.patched.symmetry).toMatchObject({ applied: false, note: expect.stringContaining('your patch noop may tell {c1, c2} apart') });
    // ... and so does the text's header, -q too: the two counts are of different things (s46 h9:
    // a `{ ...orig }` patch read as more states with no word why).
    const q = probecheck(['diff', join(ROOT, 'models/host-children.ts'), '--param', 'n=2', '--patch', 'noop.ts', '-q'], { cwd: dir }).stdout;
    expect(q).toMatch(/^base: .* states \(up to permutations of \{c1, c2\}\)$/m);
    expect(q).toMatch(/^patched: .* states \(every state: symmetry not applied, your patch noop may tell \{c1, c2\} apart\)$/m);
  });

  it('an unknown parameter on one side is exit 2', () => {
    const r = probecheck(['diff', PROBE_TREE, '--patched-param', 'patches=x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/E104 .*no parameter 'patches'/);
  });

  it('one file with the same parameters on both sides is E501 (it compared a search with itself: "still holds", exit 0)', () => {
    const same = 'probecheck: E501 (bad command-line usage): diff: the base and patched sides are one model (models/bench/probe-tree.ts, the same parameters on both): give the patched side --patch FILE or --patched-param K=V, or a second file\n';
    for (const args of [[], ['models/bench/probe-tree.ts'], ['--patched-param', 'variant=fixed'], ['--param', 'N=2', '--patched-param', 'N=2']]) {
      const r = probecheck(['diff', 'models/bench/probe-tree.ts', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(same);
    }
    // One patch file, as typed on the base side and through --patch (an absolute path) on the other (a diff hunt, 2026-12-06).
    const fix = 'models/patches/deferred-add-dead.ts';
    const r = probecheck(['diff', 'models/autoprobe-del.ts', '--base-param', `patches=${fix}`, '--patch', fix, '-q']);
    expect(r.stderr).toMatch(/^probecheck: E501 .*the same parameters on both/);
    expect(r.status).toBe(2);
  });
});

describe('probecheck diff: vacuity', () => {
  const UNPLUG = `${FIXTURES}/unplug.ts`;
  it('a real fix is "fixed"; a "fix" that makes the premise unreachable is "newly vacuous"', () => {
    const real = probecheck(['diff', UNPLUG, '--base-param', 'patch=none', '--patched-param', 'patch=dead']);
    expect(real.stdout).toMatch(/no-probe-after-del\s+violated\s+holds\s+fixed/);
    const vacuous = probecheck(['diff', UNPLUG, '--base-param', 'patch=none', '--patched-param', 'patch=no-unplug', '--json']);
    const row = JSON.parse(vacuous.stdout).properties[0];
    expect(row).toMatchObject({ property: 'no-probe-after-del', base: 'violated', patched: 'vacuous', change: 'newly vacuous' });
    expect(vacuous.status).toBe(5);
  });
  // Found by a new-user pass (2026-12-03): vacuous on both sides read "still holds", exit 0, so a
  // patch review could pass on a scenario that never reached what the property is about.
  it('vacuous on both sides is "still vacuous", exit 5 with why; --allow-vacuous accepts it', () => {
    // Two files (one file with the same parameters on both sides is E501): the copy is the "patched" model.
    const copy = join(tempDir(), 'unplug-copy.ts');
    copyFileSync(UNPLUG, copy);
    const r = probecheck(['diff', UNPLUG, copy, '--param', 'patch=no-unplug']);
    expect(r.stdout).toMatch(/no-probe-after-del\s+vacuous\s+vacuous\s+still vacuous/);
    expect(r.stdout).toMatch(/^patched vacuity: .*\n {2}no-probe-after-del: vacuous: its premise never held/m);
    expect(r.status).toBe(5);
    expect(probecheck(['diff', UNPLUG, copy, '--param', 'patch=no-unplug', '--allow-vacuous', '-q']).status).toBe(0);
  });
  // Found by a CI hunt (2026-12-05): a patch that made modprobe return at once was "fixed", exit 0,
  // and the JSON had no vacuity, where check exits 5 on the same patched model.
  it("a patch after which an actor's action never completes: its holds are newly vacuous, exit 5, the vacuity in the JSON", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'unplug.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'gpio-unplug', profile: 'v4.2', devices: { gpio: { present: true } }, modules: { gpiomod: { asyncProbe: false } },
  drivers: { 'gpio-drv': { matches: ['gpio'], module: 'gpiomod', probeType: 'async' } },
  actors: { load: 'modprobe gpiomod', unplug: 'del gpio' }, properties: ['no-probe-after-del', 'no-deadlock'] });
`);
    writeFileSync(join(dir, 'noload.ts'), `import { definePatch, RET, RETURN } from 'probecheck';
export default definePatch({ id: 'noload', subject: 'module: skip init (bogus)', base: 'v4.2',
  hunks: [{ fn: 'do_init_module', replace: 'load_module', step: (_site, orig) => ({ ...orig, run: (_s, t) => { t.ret = RET.ZERO; return RETURN; } }) }] });
`);
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'probecheck'));
    const t = probecheck(['diff', 'unplug.ts', '--patch', 'noload.ts', '-q'], { cwd: dir });
    expect(t.stdout).toMatch(/no-probe-after-del\s+violated\s+holds\s+newly vacuous/);
    expect(t.stdout).toContain("action 'modprobe gpiomod' of load never completed in any run");
    expect(t.status).toBe(5);
    const j = probecheck(['diff', 'unplug.ts', '--patch', 'noload.ts', '--json'], { cwd: dir });
    expect(j.status).toBe(5);
    const out = JSON.parse(j.stdout);
    expect(out.exit).toBe(5);
    expect(out.patched.vacuity.actions).toEqual([expect.objectContaining({ thread: 'load', action: 'modprobe gpiomod' })]);
    expect(out.base.vacuity).toBeUndefined();
    expect(probecheck(['diff', 'unplug.ts', '--patch', 'noload.ts', '-q', '--allow-vacuous'], { cwd: dir }).status).toBe(0);
  });
  // Found by a new-user pass (2026-12-04): vacuous on the base and holding on the patched side
  // read "still holds", and the base's vacuity was printed nowhere.
  it('vacuous on the base only is "newly reached", with the base\'s premise; exit 0', () => {
    const r = probecheck(['diff', UNPLUG, '--base-param', 'patch=no-unplug', '--patched-param', 'patch=dead']);
    expect(r.stdout).toMatch(/no-probe-after-del\s+vacuous\s+holds\s+newly reached/);
    expect(r.stdout).toMatch(/^base vacuity: .*\n {2}no-probe-after-del: vacuous: its premise never held/m);
    expect(r.status).toBe(0);
  });
});

describe('probecheck diff: old traces through the steps a patch inserts (654888327e9f)', () => {
  const HOT = ['diff', 'models/hot-unplug.ts', '--param', 'variant=deferred', '--patched-param', 'patches=654888327e9f', '-q'];
  const checkDead = "the patch's step '__device_attach(dc):check_dead' sends thread 'kworker deferred_probe_work_func' to '__device_attach(dc):out_unlock', not '__device_attach_driver(dc,dc-drv):driver_match_device'";

  it('v5.1: blocked only where the patch stops the trace: the deferred worker sees the dead device', () => {
    const r = probecheck([...HOT, '--param', 'profile=v5.1']);
    expect(r.status).toBe(0);
    // hotplug's own __device_attach passes check_dead (dc is not dead yet): that is not where it is blocked.
    expect(r.stdout).toMatch(new RegExp(`no-probe-after-del\\s+violated\\s+holds\\s+fixed\\s+blocked: move 26 \\(kworker deferred_probe_work_func: __device_attach_driver\\(dc,dc-drv\\):driver_match_device\\): ${checkDead.replace(/[()]/g, '\\$&')}`));
    expect(r.stdout).not.toContain("thread 'hotplug' is at");
  });

  it('v4.2 (no dead flag): the old trace replays through the inserted check and is still violated, not "blocked"', () => {
    const r = probecheck([...HOT, '--param', 'profile=v4.2']);
    expect(r.stdout).toMatch(/no-probe-after-del\s+violated\s+violated\s+still violated\s+replays \(through 3 steps the patch inserted\), still violated at step 31/);
    expect(r.stdout).not.toContain('blocked');
    const d = JSON.parse(probecheck([...HOT, '--param', 'profile=v4.2', '--json']).stdout);
    const row = d.properties.find((p: any) => p.property === 'no-probe-after-del');
    expect(row.oldTrace).toEqual({ replays: true, stillViolatedAt: 31, inserted: 3 });
  });
});
