/**
 * Issue 10, items 1 and 9, through the CLI as a user runs it (from their own folder): a scenario
 * whose verdicts would be about nothing never exits 0 unless --allow-vacuous says so, and a
 * reachability question prints reachable (with its witness) or unreachable, never a WARNING.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, hasStack, probecheck, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

const VAC = join(FIXTURES, 'vacuous.ts');
const HOME = tempDir();
const run = (args: string[], o: { env?: Record<string, string> } = {}) => probecheck(args, { cwd: HOME, ...o });
let rmmodRun: ReturnType<typeof run> | undefined;
const rmmod = () => (rmmodRun ??= run(['check', VAC, '--param', 'case=rmmod']));
const verdicts = (stdout: string) => Object.fromEntries(JSON.parse(stdout).properties.map((p: any) => [p.name, p.verdict]));

describe('vacuity', () => {
  it('rmmod of a module no actor loads: E601 unless marked maybe; with maybe, exit 5 and the properties about nothing', () => {
    const dir = tempDir(), f = join(dir, 'bare.ts');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'probecheck'), 'dir');
    writeFileSync(f, `import { scenario } from 'probecheck';\nexport default scenario({ name: 'bare', devices: { dc: {}, cdev: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], present: true }, 'c-drv': { matches: ['cdev'], module: 'cmod' } }, actors: { hotplug: 'add dc', rmmod: 'rmmod cmod' } });\n`);
    const bare = probecheck(['check', f], { cwd: dir });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain("action 'rmmod cmod' can never take effect");
    const r = rmmod();
    expect(r.status).toBe(5);
    expect(unwrap(r.stdout)).not.toContain('never completed'); // `maybe`: it may do nothing
    // module-lifetime is not chosen (cmod's driver can never hold its device: cmod is never
    // loaded); named, it is vacuous (a premise audit, 2026-12-06).
    expect(r.stdout).not.toMatch(/module-lifetime/);
    expect(r.stdout).toMatch(/no-driver-after-unregister\s+vacuous/);
    expect(r.stdout).toContain('--allow-vacuous accepts this');
    expect(r.stderr).toBe('');
    const named = run(['check', VAC, '--param', 'case=rmmod', '--property', 'module-lifetime']);
    expect(named.status).toBe(5);
    expect(unwrap(named.stdout)).toContain('module-lifetime: vacuous: its premise never held: a module is freed (rmmod) whose driver some device may have');
  });

  it('del of a device that no run ever registers: the action never completes, nothing about it "holds"', () => {
    const r = run(['check', VAC, '--param', 'case=del', '--json']);
    expect(r.status).toBe(5);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ exit: 5 });
    // c has no driver: no-probe-after-del is not chosen (a premise audit, 2026-12-06), and named it is vacuous.
    expect(verdicts(r.stdout)['no-probe-after-del']).toBeUndefined();
    expect(d.runs[0].vacuity.actions).toEqual([{ thread: 'hotplug', action: 'del c', index: 0 }]);
    const named = run(['check', VAC, '--param', 'case=del', '--property', 'no-probe-after-del', '--json']);
    expect(named.status).toBe(5);
    expect(verdicts(named.stdout)['no-probe-after-del']).toBe('vacuous');
    expect(JSON.parse(named.stdout).runs[0].vacuity.properties.find((p: any) => p.name === 'no-probe-after-del')).toMatchObject({ reason: 'premise' });
  });

  it('a premise never met is vacuous; --allow-vacuous exits 0 and still prints the report, also with -q', () => {
    const r = run(['check', VAC, '--param', 'case=premise']);
    expect(r.status).toBe(5);
    expect(r.stdout).toMatch(/module-lifetime\s+vacuous/);
    expect(r.stdout).toMatch(/single-binding\s+holds/);
    expect(unwrap(r.stdout)).not.toContain('never completed');
    const ok = run(['check', VAC, '--param', 'case=premise', '--allow-vacuous', '-q']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('(accepted: --allow-vacuous)');
    expect(ok.stdout).toContain('module-lifetime: vacuous: its premise never held');
  });

  it('the same module loaded, then unloaded: nothing vacuous, exit 0, no report', () => {
    const r = run(['check', VAC, '--param', 'case=ok']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/module-lifetime\s+holds/);
    expect(r.stdout).not.toContain('vacuity');
    expect(r.stdout).not.toMatch(/\svacuous/);
  });

  it('"never fired" lists only steps of functions the run entered, and counts the rest', () => {
    const r = rmmod();
    expect(unwrap(r.stdout)).toContain('steps never fired in functions the search entered (dead code, a branch the scenario never takes, or a wait that never ends):');
    expect(r.stdout).toContain('rmmod: delete_module:free_module (kernel/module.c:free_module)');  // `maybe rmmod`: entered, never done (the fixture's v5.1 predates kernel/module/main.c, MODULE_DIR)
    expect(r.stdout).toMatch(/\d+ steps in functions this scenario never enters/);
    // bus_add_driver(c-drv) is never entered (nothing loads cmod): not news.
    expect(r.stdout).not.toMatch(/^\s+\S+: bus_add_driver\(c-drv\)/m);
  });

  it('a suite expecting holds of a vacuous property is a mismatch (exit 4)', () => {
    const f = join(tempDir(), 'wrong.suite.ts');
    writeFileSync(f, `export default { kind: 'probecheck-suite', name: 'wrong', model: ${JSON.stringify(VAC)}, cases: [{ params: { case: 'premise' }, expect: { 'module-lifetime': 'holds' } }] };\n`);
    const wrong = run(['check', f]);
    expect(wrong.status).toBe(4);
    expect(wrong.stdout).toMatch(/module-lifetime\s+holds\s+vacuous\s+.*MISMATCH/);
  });

  it('a suite case with an action that never completes is VACUOUS (exit 5), accepted by --allow-vacuous', () => {
    const dir = tempDir();
    const f = join(dir, 'idle.suite.ts');
    writeFileSync(f, `export default { kind: 'probecheck-suite', name: 'idle', model: ${JSON.stringify(VAC)}, cases: [{ params: { case: 'del' }, expect: { 'single-binding': 'holds' } }] };\n`);
    const r = run(['check', f]);
    expect(r.status).toBe(5);
    expect(r.stdout).toMatch(/\(actions\)\s+complete\s+never completed:\s+VACUOUS\n\s+hotplug: del c\n/); // wrapped at 30 columns (s42 h20)
    expect(r.stdout).toContain('1 case with actions that never completed');
    const ok = run(['check', f, '--allow-vacuous', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).suites[0].cases[0]).toMatchObject({ idleActions: ['hotplug: del c'], actionsStatus: 'ok' });
  });

  it('a case that pins its hang (neverCompletes): as expected when exactly those never complete, a mismatch otherwise', () => {
    const dir = tempDir();
    const suite = (idle: string) => `export default { kind: 'probecheck-suite', name: 'hang', model: ${JSON.stringify(VAC)}, cases: [{ params: { case: 'del' }, neverCompletes: ${idle}, expect: { 'single-binding': 'holds' } }] };\n`;
    const f = join(dir, 'hang.suite.ts');
    writeFileSync(f, suite("['hotplug: del c']"));
    const r = run(['check', f, '--junit', join(dir, 'j.xml')]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\(actions\)\s+never completed:\s+never completed:\s+ok\n\s+hotplug: del c\s+hotplug: del c\n/);
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toMatch(/<testcase classname="hang\[profile=v5\.1 patches= case=del\]" name="never completes" time="0"\/>/);
    // Stopped early: whether every action completed is not known, and the row does not say it did (a CI-output hunt, 2026-12-05).
    const cut = run(['check', f, '-q', '--max-states', '2', '--html', join(dir, 'cut.html')]);
    expect(cut.status).toBe(3);
    expect(cut.stdout).toMatch(/\(actions\)\s+never completed:\s+not known:\s+UNKNOWN\n\s+hotplug: del c\s+the search stopped early\n/);
    expect(readFileSync(join(dir, 'cut.html'), 'utf8')).toMatch(/<td>\(actions\)<\/td><td>never completed: hotplug: del c<\/td><td class="unknown">not known: the search stopped early<\/td>/);
    // Another action pinned: the hang the case is about is not the one found (exit 4, JUnit failure).
    writeFileSync(f, suite("['hotplug: add c']"));
    const wrong = run(['check', f, '--junit', join(dir, 'j.xml')]);
    expect(wrong.status).toBe(4);
    expect(unwrap(wrong.stdout)).toContain("1 case whose actions that never complete are not those pinned (neverCompletes)");
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toContain('never completed: expected hotplug: add c, observed hotplug: del c');
    // Listed twice: E502 (the count matched another pair of hangs).
    writeFileSync(f, suite("['hotplug: del c', 'hotplug: del c']"));
    expect(run(['check', f]).stderr).toMatch(/E502 .*cases\[0\]\.neverCompletes: 'hotplug: del c' is listed twice/);
    // Not a list of 'thread: action': E502.
    writeFileSync(f, suite("['del c']"));
    const bad = run(['check', f]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/E502 .*cases\[0\]\.neverCompletes: expected a non-empty list of actor actions as 'thread: action'/);
  });

  // A CI hunt (2026-12-05): merge, GitHub annotations, the HTML report and a shard's JUnit judged without the pin.
  it('a pinned hang is judged the same by merge, GitHub annotations, the HTML report and a shard', () => {
    const dir = tempDir();
    const suite = (idle: string) => `export default { kind: 'probecheck-suite', name: 'hang', model: ${JSON.stringify(VAC)}, cases: [{ params: { case: 'del' }, neverCompletes: ${idle}, expect: { 'single-binding': 'holds' } }] };\n`;
    const f = join(dir, 'hang.suite.ts');
    for (const [idle, exit] of [["['hotplug: del c']", 0], ["['hotplug: add c']", 4]] as const) {
      writeFileSync(f, suite(idle));
      const parts = [1, 2].map((i) => run(['check', f, '--shard', `${i}/2`, '--json-out', join(dir, `p${i}.json`), '--junit', join(dir, `p${i}.xml`), '-q']));
      for (const [i, p] of parts.entries()) {
        expect(p.status, p.stdout).toBe(0);
        expect(readFileSync(join(dir, `p${i + 1}.xml`), 'utf8')).not.toContain('<failure');
      }
      const m = run(['merge', join(dir, 'p1.json'), join(dir, 'p2.json'), '--html', join(dir, 'm.html')], { env: { GITHUB_ACTIONS: 'true' } });
      expect(m.status, m.stdout).toBe(exit);
      const errors = m.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors.length, errors.join('\n')).toBe(exit === 0 ? 0 : 1);
      if (exit) expect(errors[0]).toContain('the case pins hotplug: add c as never completing; never completed: hotplug: del c');
      const html = readFileSync(join(dir, 'm.html'), 'utf8');
      expect(html).toContain(`never completed: ${exit ? 'hotplug: add c' : 'hotplug: del c'}`);
      // The pinned hang is the case's expectation: ok, not VACUOUS (which the report said before).
      expect(html.includes('VACUOUS'), 'VACUOUS in the merged report').toBe(false);
      expect(html.includes('MISMATCH')).toBe(exit === 4);
      const c = run(['check', f, '--html', join(dir, 'c.html')], { env: { GITHUB_ACTIONS: 'true' } });
      expect(c.status).toBe(exit);
      expect(c.stdout.split('\n').filter((l) => l.startsWith('::error')).length).toBe(exit === 0 ? 0 : 1);
    }
  });

  it('two suites of one name in a run are E502 (reports and merge key cases by the name)', () => {
    const dir = tempDir();
    for (const n of ['a', 'b']) writeFileSync(join(dir, `${n}.suite.ts`), `export default { kind: 'probecheck-suite', name: 'same', model: ${JSON.stringify(VAC)}, cases: [{ params: { case: 'del' }, neverCompletes: ['hotplug: del c'], expect: { 'single-binding': 'holds' } }] };\n`);
    const r = run(['check', join(dir, 'a.suite.ts'), join(dir, 'b.suite.ts')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`probecheck: E502 (bad suite): ${join(dir, 'b.suite.ts')}: suite name 'same' is also the name of ${join(dir, 'a.suite.ts')}; the suites of one run need names of their own (reports and merge key cases by it)`);
  });

  it('--help documents exit status 5 and --allow-vacuous', () => {
    const r = run(['check', '--help']);
    expect(r.stdout).toContain('--allow-vacuous');
    expect(r.stdout).toMatch(/5 {2}vacuous: /);
    expect(r.stdout).toContain('the order 2, 4, 1, 5, 3');
  });
});

describe('reachability questions (sometimes)', () => {
  it('reachable: the witness trace, exit 0, no WARNING', () => {
    const r = run(['check', VAC, '--param', 'case=reach', '--param', 'profile=v4.18']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('reachable: sibling-probes-concurrent');
    expect(r.stdout).toMatch(/witness: \d+ steps from the initial state to a state where it holds/);
    expect(r.stdout).toContain('really_probe(b,db):call_probe');
    expect(r.stdout).toMatch(/sibling-probes-concurrent\s+reachable\s+\d+ steps \(witness\)/);
    expect(r.stdout).not.toContain('WARNING');
  });

  it('unreachable: said so, exit 1, no WARNING and no trace', () => {
    const r = run(['check', VAC, '--param', 'case=reach', '--param', 'profile=v4.2']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/sibling-probes-concurrent\s+unreachable\s+-/);
    expect(r.stdout).not.toContain('WARNING');
    expect(r.stdout).not.toContain('reachable: ');
  });
});
