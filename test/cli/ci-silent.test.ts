/**
 * Ways CI could go green while something was wrong (a CI hunt, 2026-12-05), from a user's folder:
 * a pinned state count that symmetry kept from being compared, a JUnit report without the
 * actions that never completed, `diff --shard` reporting part of each search as the whole.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck, ROOT, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

function folder(files: Record<string, string>): string {
  const dir = realpathSync(tempDir());
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  copyFileSync(join(ROOT, 'models/host-children.ts'), join(dir, 'host-children.ts'));
  return dir;
}

const suite = (states: number) => `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'pin', model: './host-children.ts', cases: [
  { params: { n: 2 }, expect: { 'module-lifetime': 'holds', 'no-deadlock': 'holds' }, states: ${states} },
] });
`;

describe('CI cannot go green on what was not checked', () => {
  const dir = folder({ 'wrong.suite.ts': suite(12345), 'right.suite.ts': suite(2074),
    'never.ts': `import { scenario } from 'probecheck';
export default scenario({ name: 'never', profile: 'v5.19', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { a: ['add dc', 'lock dc', 'del dc'] }, properties: ['single-binding'] });
` });
  it('a case that pins only the unreduced count is searched unreduced: a wrong count fails (exit 4), the right one passes', () => {
    const bad = probecheck(['check', 'wrong.suite.ts', '--junit', 'w.xml'], { cwd: dir });
    expect(bad.stdout).toMatch(/2,074 \(expected 12,345\)/);
    expect(bad.status).toBe(4);
    expect(readFileSync(join(dir, 'w.xml'), 'utf8')).toMatch(/name="state count"[^>]*>\s*<failure message="state count: expected 12,345, observed 2,074"/);
    const good = probecheck(['check', 'right.suite.ts'], { cwd: dir });
    expect(good.stdout).toMatch(/2,074 /);
    expect(good.status).toBe(0);
  });
  it('asked for --symmetry, the unreduced pin is not compared, and the JUnit report says so (a skipped state count)', () => {
    const r = probecheck(['check', 'wrong.suite.ts', '--symmetry', '--junit', 's.xml'], { cwd: dir });
    expect(r.stdout).toMatch(/1,468 \(not compared\)/);
    expect(readFileSync(join(dir, 's.xml'), 'utf8')).toMatch(/name="state count"[^>]*>\s*<skipped message="state count not compared: 12345 is the unreduced count/);
  });
  it('an action that never completed fails its own JUnit testcase, as the exit status (5) says', () => {
    const r = probecheck(['check', 'never.ts', '--junit', 'n.xml', '-q'], { cwd: dir });
    expect(r.status).toBe(5);
    const xml = readFileSync(join(dir, 'n.xml'), 'utf8');
    expect(xml).toMatch(/name="actions complete"[^>]*>\s*<failure message="never completed in any run: a: del dc" type="vacuous"/);
    expect(xml).not.toMatch(/failures="0"/);
    const ok = probecheck(['check', 'never.ts', '--junit', 'n2.xml', '--allow-vacuous', '-q'], { cwd: dir });
    expect(ok.status).toBe(0);
    // Accepted: skipped, as an accepted vacuous verdict is (a CI hunt, 2026-12-05: it was a plain pass).
    expect(readFileSync(join(dir, 'n2.xml'), 'utf8')).toMatch(/name="actions complete" time="0">\s*<skipped message="never completed in any run, accepted by --allow-vacuous: a: del dc"\/>/);
  });
  it('--por with symmetry finds a violation of your own property that reads c3 before c1 and c2 (they once missed it together)', () => {
    writeFileSync(join(dir, 'p4.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'p4', description: 'not all three children inside probe() at once',
  check: (v) => (v.dev('c3').probingIn !== null && v.dev('c1').probingIn !== null && v.dev('c2').probingIn !== null) ? 'all three probe' : null });
`);
    const r = probecheck(['check', 'host-children.ts', '--param', 'n=3', '--property-file', 'p4.ts', '--property', 'p4', '--por', '--symmetry'], { cwd: dir });
    expect(r.stdout).toMatch(/p4\s+violated/);
    expect(r.stdout).toMatch(/partial-order reduction: \d+ states expanded by a persistent set/);
    expect(r.stdout).toMatch(/symmetry: states stored up to permutations of \{c1, c2, c3\}, as asked/);
    expect(r.status).toBe(1);
  });
  it('symmetry on your word: the trace is not called shortest (a property that tells the devices apart may have a shorter one)', () => {
    writeFileSync(join(dir, 'p6.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'p6', description: 'c2 is never inside probe()', check: (v) => (v.dev('c2').probingIn !== null ? 'c2 probes' : null) });
`);
    const r = probecheck(['check', 'host-children.ts', '--param', 'n=2', '--property-file', 'p6.ts', '--property', 'p6', '--symmetry'], { cwd: dir });
    expect(r.stdout).toMatch(/^\d+ steps from the initial state \(symmetry applied on your word, where your property may tell the devices apart: a shorter one may exist\):$/m);
    // -q keeps the line every verdict of the run rests on (a hunt, 2026-12-05: a plain holds, exit 0).
    expect(unwrap(probecheck(['check', 'host-children.ts', '--param', 'n=2', '--property-file', 'p6.ts', '--property', 'p6', '--symmetry', '-q'], { cwd: dir }).stdout))
      .toContain('symmetry: states stored up to permutations of {c1, c2}, as asked (--symmetry), trusting your property p6 to treat {c1, c2} alike');
    // Merged shards keep the reason (a review, 2026-12-05: the shard's reason replaced it, and the merge called the trace shortest).
    for (const i of [1, 2]) probecheck(['check', 'host-children.ts', '--param', 'n=2', '--property-file', 'p6.ts', '--property', 'p6', '--symmetry', '--shard', `${i}/2`, '--json-out', `p6-${i}.json`, '-q'], { cwd: dir });
    expect(probecheck(['merge', 'p6-1.json', 'p6-2.json', '-q'], { cwd: dir }).stdout).toContain('symmetry: states stored up to permutations of {c1, c2}, as asked (--symmetry), trusting your property p6');
    expect(probecheck(['merge', 'p6-1.json', 'p6-2.json'], { cwd: dir }).stdout).toMatch(/^\d+ steps from the initial state \(symmetry applied on your word, where your property may tell the devices apart: a shorter one may exist\):$/m);
    const plain = probecheck(['check', 'host-children.ts', '--param', 'n=2', '--property-file', 'p6.ts', '--property', 'p6'], { cwd: dir });
    expect(plain.stdout).toMatch(/^\d+ steps from the initial state:$/m);
  });
  it('--property-file on suites whose cases name none of its properties is refused (they would be checked nowhere)', () => {
    writeFileSync(join(dir, 'p5.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'p5', description: 'x', check: () => 'always' });
`);
    const r = probecheck(['check', 'right.suite.ts', '--property-file', 'p5.ts'], { cwd: dir });
    expect(r.stderr).toMatch(/E501.*--property-file: 'p5' \(.*p5\.ts\) is named by no case's expect, so it would be checked nowhere/);
    expect(r.status).toBe(2);
  });
  it('no target in a folder with its own properties/ is refused: it would check the bundled suites instead', () => {
    const d = realpathSync(tempDir());
    mkdirSync(join(d, 'properties', 'sub'), { recursive: true });
    writeFileSync(join(d, 'properties', 'sub', 'mine.suite.ts'), suite(1));
    const r = probecheck(['check', '-q'], { cwd: d });
    expect(r.stderr).toMatch(/E501.*no target given: that checks probecheck's bundled suites \(.*properties\), not this folder's properties\/; name it: probecheck check properties\//);
    expect(r.status).toBe(2);
  });
  it('a FIXME-only suite shows its skipped testcases, and a vacuous verdict accepted by --allow-vacuous is skipped, not passed', () => {
    writeFileSync(join(dir, 'fx.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'fx', model: './host-children.ts', cases: [ { params: { n: 2 }, expect: { 'no-deadlock': 'holds' }, fixme: 'later' } ] });
`);
    // It checked nothing: no verdict, exit 3, never a green run (a CI hunt, 2026-12-05).
    const fx = probecheck(['check', 'fx.suite.ts', '--junit', 'fx.xml'], { cwd: dir });
    expect(fx.status).toBe(3);
    expect(fx.stdout).toContain('1 suite: 0 as expected, 1 FIXME, 1 suite with every case FIXME: nothing checked, no verdict');
    // Beside a suite that checks something, the FIXME-only one still says it checked nothing.
    expect(probecheck(['check', 'fx.suite.ts', 'right.suite.ts', '-q'], { cwd: dir }).status).toBe(3);
    expect(readFileSync(join(dir, 'fx.xml'), 'utf8')).toMatch(/<testsuite name="fx" tests="1" failures="0" skipped="1"[^>]*>\s*<testcase classname="fx\[n=2\]" name="no-deadlock" time="0">\s*<skipped message="FIXME: later"/);
    writeFileSync(join(dir, 'idle.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'idle', profile: 'mainline', devices: { dc: {} }, drivers: {}, actors: { a: 'add dc' }, properties: ['single-binding'] });
`);
    expect(probecheck(['check', 'idle.ts', '--junit', 'v.xml', '--allow-vacuous', '-q'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'v.xml'), 'utf8')).toMatch(/name="single-binding"[^>]*>\s*<skipped message="vacuous, accepted by --allow-vacuous/);
    // A case that expects `vacuous` passes, with the flag as without it (the terminal says ok both ways;
    // a CI-output hunt, 2026-12-05: JUnit skipped it under the flag).
    writeFileSync(join(dir, 'ev.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'ev', model: './idle.ts', cases: [ { params: {}, expect: { 'single-binding': 'vacuous' } } ] });
`);
    for (const flags of [[], ['--allow-vacuous']]) {
      expect(probecheck(['check', 'ev.suite.ts', '--junit', 'ev.xml', '-q', ...flags], { cwd: dir }).stdout).toMatch(/single-binding\s+vacuous\s+vacuous\s+.*\s+ok$/m);
      expect(readFileSync(join(dir, 'ev.xml'), 'utf8')).toMatch(/<testcase classname="ev\[[^"]*\]" name="single-binding" time="[\d.]+"\/>/);
    }
    // A case that expects `holds` and got `vacuous` says why, as a scenario's vacuity report does, in
    // the text, the annotation and JUnit (a team's CI, s49 h4: "vacuous (expected holds)" and no more).
    writeFileSync(join(dir, 'eh.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'eh', model: './idle.ts', cases: [ { params: {}, expect: { 'single-binding': 'holds' } } ] });
`);
    const why = "its premise never held: some device's dev->driver is set or cleared, or a probe starts";
    const eh = probecheck(['check', 'eh.suite.ts', '--junit', 'eh.xml', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(eh.status).toBe(4);
    expect(unwrap(eh.stdout)).toContain(`eh cases[0] (profile=mainline patches=): single-binding: vacuous: ${why}\n`);
    expect(eh.stdout).toContain(`title=single-binding vacuous (expected holds)::eh cases[0] (profile=mainline patches=): single-binding vacuous (expected holds): ${why}\n`);
    expect(readFileSync(join(dir, 'eh.xml'), 'utf8')).toContain(`type="vacuous">${why.replace("'", '&apos;').replace('>', '&gt;')}</failure>`);
    probecheck(['check', 'eh.suite.ts', '--junit', 'eh.xml', '-q', '--allow-vacuous'], { cwd: dir });
    expect(readFileSync(join(dir, 'eh.xml'), 'utf8')).toContain(`<skipped message="vacuous, accepted by --allow-vacuous: ${why.replace("'", '&apos;').replace('>', '&gt;')}"/>`);
  });
  it('JUnit testcase identities are unique: two cases with the same parameters, a suite and a scenario of one name (a CI hunt, 2026-12-05)', () => {
    writeFileSync(join(dir, 'twice.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'host-children', model: './host-children.ts', cases: [
  { params: { n: 1 }, expect: { 'no-deadlock': 'holds' }, states: 1 },
  { params: { n: 1 }, expect: { 'no-deadlock': 'holds', 'module-lifetime': 'holds' } },
] });
`);
    probecheck(['check', 'host-children.ts', '--param', 'n=1', 'twice.suite.ts', '--junit', 'twice.xml', '-q'], { cwd: dir });
    const x = readFileSync(join(dir, 'twice.xml'), 'utf8');
    const ids = [...x.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} / ${m[2]}`);
    expect(ids.length).toBe(3 + 2 + 2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('host-children[profile=v4.2 patches= n=1] cases[1] / module-lifetime');
    expect(x.match(/<testsuite name="host-children"/g)).toHaveLength(2);
  });
  it('--help says --time-limit is per search', () => {
    expect(probecheck(['check', '--help']).stdout.replace(/\s+/g, ' ')).toContain('per search: each model, and each case of a suite, has its own');
  });
  it('a run that ends in an error leaves no report of an earlier run at its output paths', () => {
    const ok = probecheck(['check', 'host-children.ts', '--param', 'n=1', '--json-out', 'o.json', '--junit', 'o.xml', '-q'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(existsSync(join(dir, 'o.json')) && existsSync(join(dir, 'o.xml'))).toBe(true);
    const bad = probecheck(['check', 'host-children.ts', '--param', 'n=1', '--property', 'nope', '--json-out', 'o.json', '--junit', 'o.xml', '-q'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(existsSync(join(dir, 'o.json')) || existsSync(join(dir, 'o.xml'))).toBe(false);
  });
  it('an unknown key in a suite or a case is E502 with a did-you-mean (patch: ran the unpatched kernel), and a subfolder\'s suites run', () => {
    writeFileSync(join(dir, 'typo.suite.ts'), suite(2074).replace("states: 2074 }", "states: 2074, patch: ['fix.ts'] }"));
    const r = probecheck(['check', 'typo.suite.ts'], { cwd: dir });
    expect(r.stderr).toMatch(/E502.*typo\.suite\.ts: cases\[0\]\.patch: unknown key; did you mean 'patches'\?/);
    expect(r.status).toBe(2);
    const d = realpathSync(tempDir());
    mkdirSync(join(d, 'props', 'sub'), { recursive: true });
    copyFileSync(join(dir, 'host-children.ts'), join(d, 'props', 'sub', 'host-children.ts'));
    writeFileSync(join(d, 'props', 'sub', 'deep.suite.ts'), suite(12345));
    const deep = probecheck(['check', 'props', '-q'], { cwd: d });
    expect(deep.stdout).toMatch(/2,074 \(expected 12,345\)/);
    expect(deep.status).toBe(4);
  });
  it('a linked subfolder\'s suites run, their model found beside the suite as its imports are, and a link back up is no loop (a CI hunt, 2026-12-05)', () => {
    const d = realpathSync(tempDir());
    mkdirSync(join(d, 'props', 'own'), { recursive: true });
    mkdirSync(join(d, 'vendor', 'suites'), { recursive: true });
    copyFileSync(join(dir, 'host-children.ts'), join(d, 'vendor', 'host-children.ts'));
    copyFileSync(join(dir, 'host-children.ts'), join(d, 'props', 'own', 'host-children.ts'));
    writeFileSync(join(d, 'props', 'own', 'right.suite.ts'), suite(2074));
    // '../host-children.ts' from where the suite lies (vendor/suites), not from the link (props/vendor).
    writeFileSync(join(d, 'vendor', 'suites', 'wrong.suite.ts'), suite(12345).replace("name: 'pin'", "name: 'vendor'").replace("'./host-children.ts'", "'../host-children.ts'"));
    symlinkSync(join('..', 'vendor', 'suites'), join(d, 'props', 'vendor'), 'dir');
    symlinkSync('..', join(d, 'props', 'own', 'up'), 'dir');
    const r = probecheck(['check', 'props', '-q'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/2,074 \(expected 12,345\)/);
    expect(r.stdout).toMatch(/2 suites:/);
    expect(r.status).toBe(4);
  });
  it('an output path that is an input is refused, and only probecheck reports are removed (a review, 2026-12-05)', () => {
    copyFileSync(join(dir, 'host-children.ts'), join(dir, 'm.ts'));
    const r = probecheck(['check', 'm.ts', '--param', 'n=1', '--trace-out', 'm.ts', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E501.*--trace-out m\.ts: that file is one this run reads; write the trace-out elsewhere/);
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'm.ts'), 'utf8')).toContain('host-children');
    writeFileSync(join(dir, 'mine.json'), '{"mine":1}');
    expect(probecheck(['check', 'm.ts', '--param', 'n=1', '--property', 'nope', '--json-out', 'mine.json', '-q'], { cwd: dir }).status).toBe(2);
    expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe('{"mine":1}');
    // A link is written through, never removed (a review: /dev/stdout, a link to a report elsewhere).
    expect(probecheck(['check', 'm.ts', '--param', 'n=1', '--json-out', 'real.json', '-q'], { cwd: dir }).status).toBe(0);
    symlinkSync('real.json', join(dir, 'link.json'));
    expect(probecheck(['check', 'm.ts', '--param', 'n=1', '--property', 'nope', '--json-out', 'link.json', '-q'], { cwd: dir }).status).toBe(2);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    // An earlier run's numbered ITF files go too.
    writeFileSync(join(dir, 'c.itf-1.json'), '{"#meta":{"format":"ITF"}}');
    writeFileSync(join(dir, 'c.itf-2.json'), '{"#meta":{"format":"ITF"}}');
    probecheck(['check', 'm.ts', '--param', 'n=1', '--itf', 'c.itf.json', '-q'], { cwd: dir });
    expect(existsSync(join(dir, 'c.itf-1.json')) || existsSync(join(dir, 'c.itf-2.json'))).toBe(false);
  });
  it('diff has no --shard: a part of each search would read as the whole comparison', () => {
    const r = probecheck(['diff', 'host-children.ts', '--param', 'n=2', '--shard', '1/2', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E501.*unknown option '--shard'/);
    expect(r.status).toBe(2);
    expect(probecheck(['diff', '--help']).stdout).not.toContain('--shard');
  });
});
