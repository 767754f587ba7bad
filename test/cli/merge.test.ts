/**
 * `check --shard i/n --json-out` and `probecheck merge`: the merged verdicts equal the whole
 * search's, a violation keeps a shortest trace, a shard alone never claims a whole verdict, and
 * shard files that do not make one search are refused with one line (E504). (That the parts
 * cover the whole search is test/engine/shard.test.ts's.)
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROBE_TREE, ROOT, probecheck, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

const dir = tempDir('probecheck-merge-');
const HOST = join(ROOT, 'models/host-children.ts');
const file = (name: string) => join(dir, name);
const verdicts = (s: string) => JSON.parse(s).properties.map((p: { name: string; verdict: string }) => `${p.name}=${p.verdict}`);

describe('probecheck merge', () => {
  it('host-children n=2 in 2 shards: each says its holds is about its part; merged, the verdicts of the whole search', () => {
    const one = probecheck(['check', HOST, '--param', 'n=2', '--shard', '1/2', '--json-out', file('h-1.json')]);
    expect(one.status).toBe(0);
    expect(unwrap(one.stdout)).toMatch(/shard 1\/2: split at depth \d+: this shard expanded \d+ of its \d+ states and all they reach; verdicts are about this part/);
    expect(one.stdout).toMatch(/module-lifetime\s+holds \(this part\)/);
    expect(probecheck(['check', HOST, '--param', 'n=2', '--shard', '2/2', '--json-out', file('h-2.json'), '-q']).status).toBe(0);
    const whole = probecheck(['check', HOST, '--param', 'n=2', '--json', '--json-out', file('h-whole.json')]);
    const m = probecheck(['merge', file('h-1.json'), file('h-2.json'), '--json']);
    expect(m.status).toBe(whole.status);
    expect(verdicts(m.stdout)).toEqual(verdicts(whole.stdout));
    const text = probecheck(['merge', file('h-1.json'), file('h-2.json')]);
    expect(text.stdout).toMatch(/host-children \(.*n=2\): 2 shards of one bfs search merged/);
    expect(text.stdout).toMatch(/no-deadlock\s+holds\s+-/);
  });

  it("the shards' summed counts are not called the search's: stored with overlap, at least the largest part", () => {
    const whole = JSON.parse(probecheck(['check', HOST, '--param', 'n=2', '--json']).stdout);
    const parts = [1, 2].map((i) => JSON.parse(readFileSync(file(`h-${i}.json`), 'utf8')).runs[0]);
    expect(parts[0].shard.level).toBeDefined(); // it split: the parts overlap down to the split depth
    const sum = parts[0].states + parts[1].states;
    const text = probecheck(['merge', file('h-1.json'), file('h-2.json')]).stdout;
    expect(text).not.toMatch(new RegExp(`^${sum.toLocaleString('en-US')} states,`, 'm'));
    expect(text).toContain(`${sum.toLocaleString('en-US')} states stored by the 2 shards together, with overlap (each stores every state down to the split depth ${parts[0].shard.level}`);
    expect(text).toContain('its exact count is not known from its parts');
    const m = JSON.parse(probecheck(['merge', file('h-1.json'), file('h-2.json'), '--json']).stdout);
    expect(m.states).toBeNull();
    expect(m.runs[0].states).toBeNull();
    expect(m.runs[0].statesPerSecond).toBeNull();
    expect(m.merged[0]).toMatchObject({ statesStored: sum, statesAtLeast: Math.max(parts[0].states, parts[1].states) });
    // What it says is true of the whole search.
    expect(m.merged[0].statesAtLeast).toBeLessThanOrEqual(whole.states);
    expect(m.merged[0].statesStored).toBeGreaterThanOrEqual(whole.states);
  });

  it('a violation: merged exit 1 with a trace as short as the whole search\'s', () => {
    const args = ['--param', 'N=4', '--param', 'variant=v4.2'];
    for (const i of [1, 2]) expect(probecheck(['check', PROBE_TREE, ...args, '--shard', `${i}/2`, '--json-out', file(`p-${i}.json`), '-q']).status).toBeLessThanOrEqual(1);
    const whole = JSON.parse(probecheck(['check', PROBE_TREE, ...args, '--json']).stdout);
    const m = probecheck(['merge', file('p-1.json'), file('p-2.json'), '--json']);
    expect(m.status).toBe(1);
    const merged = JSON.parse(m.stdout);
    for (const p of whole.properties) {
      const q = merged.properties.find((x: { name: string }) => x.name === p.name);
      expect(q.verdict).toBe(p.verdict);
      if (p.trace) expect(q.trace.steps.length).toBe(p.trace.steps.length);
    }
  });

  // A parallel hunt (2026-12-05): a shard's trace and a merge with a part stopped early were called shortest.
  it("a shard's trace past its split is shortest in its part only; merged, shortest only when no part stopped early", () => {
    const args = ['--param', 'N=6', '--param', 'variant=v4.2'];
    const two = probecheck(['check', PROBE_TREE, ...args, '--shard', '2/2', '--json-out', file('s6-2.json')]);
    expect(two.stdout).toMatch(/^16 steps from the initial state \(shard 2\/2, one part of the search: a shorter one may exist\):$/m);
    expect(two.stdout).toMatch(/^7 steps from the initial state:$/m); // above the split: every shard searched it whole
    probecheck(['check', PROBE_TREE, ...args, '--shard', '1/2', '--max-states', '1000', '--json-out', file('s6-1-cut.json'), '-q']);
    const cut = probecheck(['merge', file('s6-1-cut.json'), file('s6-2.json')]);
    expect(cut.stdout).toMatch(/^16 steps from the initial state \(shard 1\/2 stopped early: a shorter one may exist\):$/m);
    expect(JSON.parse(probecheck(['merge', file('s6-1-cut.json'), file('s6-2.json'), '--json']).stdout).runs[0]).toMatchObject({ shortest: false, shortestWhy: 'shard 1/2 stopped early' });
    probecheck(['check', PROBE_TREE, ...args, '--shard', '1/2', '--json-out', file('s6-1.json'), '-q']);
    const whole = probecheck(['merge', file('s6-1.json'), file('s6-2.json')]);
    expect(whole.stdout).toMatch(/^15 steps from the initial state:$/m);
    expect(JSON.parse(probecheck(['merge', file('s6-1.json'), file('s6-2.json'), '--json']).stdout).runs[0].shortest).toBe(true);
  });

  // A CI hunt (2026-12-06): a shard a limit stopped before the level it splits at never split, and
  // merge refused the parts as "different searches"; merge -q then printed unknown rows with no word why.
  it('a shard stopped before the split level is a stopped part: merge says unknown (exit 3) and why, -q too', () => {
    const one = probecheck(['check', HOST, '--param', 'n=2', '--shard', '1/2', '--max-states', '100', '--json-out', file('cut-1.json'), '-q']);
    expect(one.status).toBe(3);
    expect(one.stdout).toMatch(/^shard 1\/2: the search stopped before it reached a level wide enough to split/m);
    expect(probecheck(['check', HOST, '--param', 'n=2', '--shard', '2/2', '--json-out', file('cut-2.json'), '-q']).status).toBe(0);
    for (const order of [['cut-1.json', 'cut-2.json'], ['cut-2.json', 'cut-1.json']]) {
      const r = probecheck(['merge', ...order.map(file), '-q']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(3);
      expect(r.stdout).toMatch(/^  no-deadlock\s+unknown/m);
      expect(r.stdout).toMatch(/^search stopped early: max-states \(--max-states\): shard 1\/2: the limit of 100 states reached/m);
    }
  });

  it("results written before `shortest` existed: the merge does not call its trace shortest, and says why", () => {
    const strip = (from: string, to: string) => { const d = JSON.parse(readFileSync(file(from), 'utf8')); for (const r of d.runs) delete r.shortest; writeFileSync(file(to), JSON.stringify(d)); };
    strip('s6-1.json', 'old-1.json'); strip('s6-2.json', 'old-2.json');
    const m = JSON.parse(probecheck(['merge', file('old-1.json'), file('old-2.json'), '--json']).stdout).runs[0];
    expect(m).toMatchObject({ shortest: false, shortestWhy: "the shards' results do not say whether their traces are shortest" });
  });

  it('refuses a result file of a format version it does not read', () => {
    const doc = JSON.parse(readFileSync(file('h-1.json'), 'utf8'));
    writeFileSync(file('v99.json'), JSON.stringify({ ...doc, version: 99 }));
    const r = probecheck(['merge', file('v99.json'), file('h-2.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`probecheck: E504 (shard results that do not merge): ${file('v99.json')}: result format version 99; this probecheck reads version 1 (written by another probecheck?)`);
  });

  it('refuses what is not one search: a missing shard, a repeated one, an unsharded run, a non-result file', () => {
    const missing = probecheck(['merge', file('h-1.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^probecheck: E504 \(shard results that do not merge\): host-children \(.*n=2\): shard 2\/2 missing; merge needs every part of the search$/);
    expect(probecheck(['merge', file('h-1.json'), file('h-1.json'), file('h-2.json')]).stderr).toMatch(/E504 .*shard 1\/2 of host-children .* is given twice/);
    expect(probecheck(['merge', file('h-whole.json')]).stderr).toMatch(/E504 .*was not sharded/);
    writeFileSync(file('junk.json'), '{"x":1}');
    expect(probecheck(['merge', file('junk.json')]).stderr.trim()).toBe(`probecheck: E504 (shard results that do not merge): ${file('junk.json')}: not a probecheck check --json result (format '?')`);
    expect(probecheck(['merge', file('nope.json')]).stderr).toMatch(/E503 .*no such file/);
  });

  it('a shard of another search (other parameters) is named where a shard is missing (a CI hunt, 2026-12-05)', () => {
    expect(probecheck(['check', HOST, '--param', 'n=1', '--shard', '2/2', '--json-out', file('n1-2.json'), '-q']).status).toBeLessThanOrEqual(1);
    const r = probecheck(['merge', file('h-1.json'), file('n1-2.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/E504 .*n=2\): shard 2\/2 missing; merge needs every part of the search; the files also hold shards of another search: .*n1-2\.json \(host-children .*n=1\)/);
  });

  // A CI hunt (2026-12-06): parts of one search split in 2 and in 3 must read as that, naming both files.
  it('shards of one search split in 2 and in 3: the shard counts differ, both files named', () => {
    expect(probecheck(['check', HOST, '--param', 'n=2', '--shard', '1/3', '--json-out', file('h3-1.json'), '-q']).status).toBe(0);
    const r = probecheck(['merge', file('h-1.json'), file('h-2.json'), file('h3-1.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`probecheck: E504 (shard results that do not merge): ${file('h3-1.json')}: host-children (profile=v4.2 patches= n=2) is shard 1/3, ${file('h-1.json')} shard 1/2: the shard counts differ (2 and 3); merge the parts of one split`);
  });

  it('refuses shards that ran different searches, naming the difference: reductions, properties, seed', () => {
    const part2 = (name: string, ...flags: string[]) => {
      expect(probecheck(['check', HOST, '--param', 'n=2', '--shard', '2/2', '--json-out', file(name), '-q', ...flags]).status).toBeLessThanOrEqual(1);
      const r = probecheck(['merge', file('h-1.json'), file(name)]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      return r.stderr.trim();
    };
    expect(part2('nosym-2.json', '--no-symmetry')).toBe(`probecheck: E504 (shard results that do not merge): ${file('nosym-2.json')}: shard 2/2 of host-children (profile=v4.2 patches= n=2) ran with symmetry reduction "off", shard 1/2 with "on": the shards must run the same search (same --symmetry / --no-symmetry)`);
    expect(part2('prop-2.json', '--property', 'no-deadlock')).toMatch(/E504 .*prop-2\.json: shard 2\/2 of host-children .* ran with properties "no-deadlock", shard 1\/2 with "module-lifetime, no-driver-after-unregister, no-deadlock": the shards must run the same search \(same --property\)$/);
    // Part 1 of that other search beside both parts of this one is that search's part, not this one's "given twice".
    expect(probecheck(['check', HOST, '--param', 'n=2', '--shard', '1/2', '--json-out', file('prop-1.json'), '-q', '--property', 'no-deadlock']).status).toBeLessThanOrEqual(1);
    expect(probecheck(['merge', file('h-1.json'), file('h-2.json'), file('prop-1.json')]).stderr).toMatch(/E504 .*prop-1\.json: shard 1\/2 of host-children .* ran with properties "no-deadlock", shard 1\/2 with .*\(same --property\)$/m);
    const walks = (i: number, seed: string) => probecheck(['check', HOST, '--param', 'n=2', '--strategy', 'random', '--seed', seed, '--shard', `${i}/2`, '--json-out', file(`w${seed}-${i}.json`), '-q']);
    walks(1, '1'); walks(2, '9');
    expect(probecheck(['merge', file('w1-1.json'), file('w9-2.json')]).stderr).toMatch(/E504 .*shard 2\/2 of host-children .* ran with seed "9", shard 1\/2 with "1": the shards must run the same search \(same --seed\)/);
  });

  it('--shard is refused with depth-first search, and must be i/n', () => {
    const dfs = probecheck(['check', HOST, '--shard', '1/2', '--strategy', 'dfs']);
    expect(dfs.status).toBe(2);
    expect(dfs.stderr).toMatch(/E501 .*--shard splits a breadth-first search or random walks/);
    expect(probecheck(['check', HOST, '--shard', '0/2']).stderr).toMatch(/E501 .*--shard expects i\/n/);
  });
});

describe('a sharded suite', () => {
  // A user's suite in a folder of their own: one expected violation, one wrong expectation, a FIXME.
  const suite = (second: string) => {
    const d = tempDir('probecheck-suite-shards-');
    writeFileSync(join(d, 'pt.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'pt', model: ${JSON.stringify(PROBE_TREE)}, cases: [
  { params: { variant: 'v4.2', N: 3 }, states: 1670, expect: { 'parent-before-child': 'violated', 'no-deadlock': 'holds' } },
  { params: { variant: 'fixed', N: 3 }, states: 727, expect: { 'parent-before-child': '${second}' } },
  { params: { variant: 'fixed', N: 2 }, expect: { 'eventually-bound': 'holds' }, fixme: 'later' },
] });
`);
    return d;
  };
  const shards = (d: string) => [1, 2].map((i) => probecheck(['check', 'pt.suite.ts', '--shard', `${i}/2`, '--json-out', `p${i}.json`, '--junit', `j${i}.xml`], { cwd: d, env: { GITHUB_ACTIONS: 'true' } }));

  it("each shard passes: counts are not compared, a verdict about its part is 'holds (this part)', left to merge", () => {
    const d = suite('holds');
    for (const s of shards(d)) {
      expect(s.status, s.stdout).toBe(0);
      expect(s.stdout).not.toContain('MISMATCH');
      expect(s.stdout).not.toContain('::error');
      expect(s.stdout).toMatch(/variant=v4\.2 N=3\s+parent-before-child\s+violated\s+violated\s+[\d,]+ \(not compared: a shard\)\s+\S+\s+ok/);
      expect(s.stdout).toMatch(/no-deadlock\s+holds\s+holds \(this part\)\s+partial: merge decides/);
      expect(unwrap(s.stdout)).toMatch(/^shard \d\/2: each case's verdicts and state count are about this part of its search; .*probecheck merge/m);
    }
    expect(readFileSync(join(d, 'j1.xml'), 'utf8')).toMatch(/failures="0"/);
    const m = probecheck(['merge', 'p1.json', 'p2.json'], { cwd: d });
    expect(m.status, m.stdout).toBe(0);
    // The expected violation is as expected: no trace, judged against the suite.
    expect(m.stdout).not.toContain('WARNING');
    expect(m.stdout).toMatch(/^pt\s+variant=v4\.2 N=3\s+parent-before-child\s+violated\s+violated\s+at least [\d,]+ \(not compared: shards\)\s+\S+\s+ok$/m);
    expect(m.stdout).toMatch(/variant=fixed N=2\s+eventually-bound\s+holds\s+-\s+-\s+FIXME: later/);
    expect(m.stdout).toContain('1 suite: 3 as expected, 1 FIXME');
    const j = JSON.parse(probecheck(['merge', 'p1.json', 'p2.json', '--json'], { cwd: d }).stdout);
    expect(j.exit).toBe(0);
    expect(j.suites[0].cases[0].properties[0]).toEqual({ name: 'parent-before-child', expected: 'violated', observed: 'violated', status: 'ok' });
    expect(j.suites[0].cases[0].statesNote).toMatch(/^not compared \(merged shards\): /);
    // A suite's shard result without its cases' expectations (an older probecheck's) is never passed unjudged.
    const old = JSON.parse(readFileSync(join(d, 'p2.json'), 'utf8'));
    for (const r of old.runs) { delete r.case; delete r.expect; }
    writeFileSync(join(d, 'old-2.json'), JSON.stringify(old));
    const o = probecheck(['merge', 'p1.json', 'old-2.json'], { cwd: d });
    expect(o.status).toBe(2);
    expect(o.stderr.trim()).toMatch(/^probecheck: E504 \(shard results that do not merge\): old-2\.json: the run of probe-tree in suite 'pt' does not say which case it is and what it expects/);
  });

  it('merge judges the merged verdicts against the suite: a wrong expectation exits 4', () => {
    const d = suite('violated');
    for (const s of shards(d)) expect(s.status).toBe(0); // neither part alone decides it
    const m = probecheck(['merge', 'p1.json', 'p2.json'], { cwd: d });
    expect(m.status).toBe(4);
    expect(m.stdout).toMatch(/variant=fixed N=3\s+parent-before-child\s+violated\s+holds\s+at least [\d,]+ \(not compared: shards\)\s+\S+\s+MISMATCH/);
    expect(m.stdout).toContain('1 suite: 2 as expected, 1 verdict mismatch, 1 FIXME');
  });

  it('merge writes --junit, --html and --json-out, and GitHub annotations, as check does (a CI hunt, 2026-12-05)', () => {
    const d = suite('violated');
    for (const s of shards(d)) expect(s.status).toBe(0);
    // The shards' own JUnit cannot fail what only the merge decides.
    expect(readFileSync(join(d, 'j1.xml'), 'utf8')).toMatch(/failures="0"/);
    const m = probecheck(['merge', 'p1.json', 'p2.json', '-q', '--junit', 'm.xml', '--html', 'm.html', '--json-out', 'm.json'], { cwd: d, env: { GITHUB_ACTIONS: 'true' } });
    expect(m.status, m.stderr).toBe(4);
    const ann = m.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(ann).toHaveLength(1);
    expect(ann[0]).toMatch(/^::error file=pt\.suite\.ts,line=4,title=parent-before-child holds \(expected violated\)::pt cases\[1\] \(.*N=3 variant=fixed\): parent-before-child holds \(expected violated\)/);
    const x = readFileSync(join(d, 'm.xml'), 'utf8');
    expect(x).toMatch(/<testsuites name="probecheck" tests="\d+" failures="1">/);
    expect(x).toMatch(/<testcase classname="pt\[N=3 variant=fixed\]" name="parent-before-child"[^>]*>\s*<failure message="parent-before-child: expected violated, observed holds"/);
    // A verdict merge decided is a pass, not "this part only"; a count it cannot compare is skipped, saying why.
    expect(x).toMatch(/<testcase classname="pt\[N=3 variant=v4\.2\]" name="no-deadlock" time="[\d.]+"\/>/);
    expect(x).toMatch(/name="state count"[^>]*>\s*<skipped message="state count not compared \(merged shards\): /);
    expect(x).not.toContain('this part only');
    const h = readFileSync(join(d, 'm.html'), 'utf8');
    expect(h).toContain("failed: exit 4: a suite&#39;s observed verdict or state count differs from its expectation");
    expect(h).toMatch(/parent-before-child<\/td><td>violated<\/td><td class="holds">holds<\/td><td>-<\/td><td>at least [\d,]+ \(not compared: shards\)<\/td><td>[\d.]+<\/td><td>MISMATCH<\/td>/);
    const j = JSON.parse(readFileSync(join(d, 'm.json'), 'utf8'));
    expect(j).toMatchObject({ format: 'probecheck-result', exit: 4 });
    expect(j.suites[0].cases[1].properties[0]).toEqual({ name: 'parent-before-child', expected: 'violated', observed: 'holds', status: 'mismatch' });
    // Two reports on one path, as check: one usage error.
    expect(probecheck(['merge', 'p1.json', 'p2.json', '--junit', 'x', '--html', 'x'], { cwd: d }).stderr).toMatch(/^probecheck: E501 .*--html x and --junit x are one file/);
  });

  // A CI hunt (2026-12-05): an all-FIXME suite's shards have no runs, and merge dropped the suite (exit 0, empty JUnit).
  it('a suite whose every case is FIXME: merged, nothing checked (exit 3, as check), its testcases skipped', () => {
    const d = tempDir('probecheck-suite-fixme-');
    writeFileSync(join(d, 'fx.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'fx', model: ${JSON.stringify(PROBE_TREE)}, cases: [
  { params: { variant: 'fixed', N: 2 }, expect: { 'parent-before-child': 'holds' }, fixme: 'later' },
] });
`);
    for (const i of [1, 2]) expect(probecheck(['check', 'fx.suite.ts', '--shard', `${i}/2`, '--json-out', `p${i}.json`, '-q'], { cwd: d }).status).toBe(3);
    const m = probecheck(['merge', 'p1.json', 'p2.json', '--junit', 'm.xml'], { cwd: d });
    expect(m.status, m.stdout).toBe(3);
    expect(m.stdout).toMatch(/variant=fixed N=2\s+parent-before-child\s+holds\s+-\s+-\s+FIXME: later/);
    expect(m.stdout).toContain('1 suite with every case FIXME: nothing checked, no verdict');
    expect(readFileSync(join(d, 'm.xml'), 'utf8')).toMatch(/<testcase classname="fx\[variant=fixed N=2\]" name="parent-before-child" time="0">\s*<skipped message="FIXME: later"\/>/);
    expect(JSON.parse(probecheck(['merge', 'p1.json', 'p2.json', '--json'], { cwd: d }).stdout).exit).toBe(3);
  });

  it('a shard that decides a mismatch by itself fails at once: an unexpected violation', () => {
    const d = suite('holds');
    const s = probecheck(['check', 'pt.suite.ts', '--shard', '1/2', '-q'], { cwd: d });
    expect(s.status).toBe(0);
    writeFileSync(join(d, 'pt.suite.ts'), readFileSync(join(d, 'pt.suite.ts'), 'utf8').replace("'parent-before-child': 'violated', 'no-deadlock'", "'parent-before-child': 'holds', 'no-deadlock'"));
    const bad = probecheck(['check', 'pt.suite.ts', '--shard', '1/2', '-q'], { cwd: d });
    expect(bad.status).toBe(4);
    expect(bad.stdout).toMatch(/variant=v4\.2 N=3\s+parent-before-child\s+holds\s+violated\s+.*MISMATCH/);
  });
});

describe('a sharded suite whose pinned count is provably wrong (a CI hunt, 2026-12-05)', () => {
  it('a part over the pin is a mismatch in the shard and in the merge (exit 4, as unsharded); a count merge cannot compare is counted and keeps its pin', () => {
    const d = tempDir('probecheck-lowpin-');
    // Real counts: 1,670 and 727. The first pin is below what any part stores; the second is right.
    writeFileSync(join(d, 'low.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'low', model: ${JSON.stringify(PROBE_TREE)}, cases: [
  { params: { variant: 'v4.2', N: 3 }, states: 100, expect: { 'parent-before-child': 'violated', 'no-deadlock': 'holds' } },
  { params: { variant: 'fixed', N: 3 }, states: 727, expect: { 'parent-before-child': 'holds' } },
] });
`);
    expect(probecheck(['check', 'low.suite.ts', '-q'], { cwd: d }).status).toBe(4);
    for (const i of [1, 2]) {
      const s = probecheck(['check', 'low.suite.ts', '--shard', `${i}/2`, '--json-out', `l${i}.json`, '-q'], { cwd: d });
      expect(s.status, s.stdout).toBe(4);
      expect(s.stdout).toMatch(/\(state count\)\s+100\s+at least [\d,]+\s+MISMATCH/);
    }
    const m = probecheck(['merge', 'l1.json', 'l2.json', '-q'], { cwd: d, env: { GITHUB_ACTIONS: 'true' } });
    expect(m.status, m.stdout).toBe(4);
    expect(m.stdout).toMatch(/variant=v4\.2 N=3\s+parent-before-child\s+violated\s+violated\s+at least [\d,]+ \(expected 100\)/);
    expect(m.stdout).toMatch(/\(state count\)\s+100\s+at least [\d,]+\s+MISMATCH: the state space changed/);
    expect(m.stdout).toContain('1 suite: 3 as expected, 1 state count mismatch, 1 pinned state count not compared');
    const j = JSON.parse(probecheck(['merge', 'l1.json', 'l2.json', '--json'], { cwd: d }).stdout);
    expect(j.exit).toBe(4);
    expect(j.suites[0].cases[0]).toMatchObject({ expectedStates: 100, statesStatus: 'mismatch', statesAtLeast: true });
    expect(j.suites[0].cases[1]).toMatchObject({ expectedStates: 727, statesStatus: 'not-compared', statesAtLeast: true });
    expect(j.suites[0].cases[1].statesNote).toMatch(/^not compared \(merged shards\): /);
  });
});

describe('--shard with a property decided on the whole graph (a CI hunt, 2026-12-05)', () => {
  const VAC = join(ROOT, 'test/cli/fixtures/vacuous.ts');
  it('a reachability question is called one, not liveness; a scenario run is told of --property', () => {
    const r = probecheck(['check', VAC, '--param', 'case=reach', '--shard', '1/2']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('probecheck: E501 (bad command-line usage): --shard: reachability question (sibling-probes-concurrent) is decided on the whole state graph, which a shard does not have; check it without --shard, or name the other properties with --property');
  });
  it('a suite: the message names the suite file and case, and never suggests --property, which suites refuse', () => {
    const d = tempDir('probecheck-live-shard-');
    writeFileSync(join(d, 'r.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'r', model: ${JSON.stringify(VAC)}, cases: [
  { params: { case: 'reach' }, expect: { 'sibling-probes-concurrent': 'reachable' } },
] });
`);
    const r = probecheck(['check', 'r.suite.ts', '--shard', '1/2'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('probecheck: E501 (bad command-line usage): r.suite.ts: cases[0].expect: --shard: reachability question (sibling-probes-concurrent) is decided on the whole state graph, which a shard does not have; check it without --shard (a suite is sharded whole: move the cases that expect such verdicts to a suite file of their own)');
    expect(r.stderr).not.toContain('liveness');
  });
});

describe('--shard 1/1', () => {
  it('is the whole search: its verdicts are whole, a suite compares its counts', () => {
    const r = probecheck(['check', join(ROOT, 'models/hot-unplug.ts'), '--param', 'profile=v5.9', '--property', 'no-probe-after-del', '--shard', '1/1', '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('shard 1/1: the whole search (one part of one): its verdicts are whole');
    expect(r.stdout).not.toContain('(this part)');
    // A suite's counts are compared: the fixtures' suites (probe-tree N <= 3), not a bundled suite,
    // whose cases `check properties/` (suite.test.ts) and examples.test.ts search already.
    const s = probecheck(['check', `${FIXTURES}/right.suite.ts`, '--shard', '1/1', '-q']);
    expect(s.status, s.stdout).toBe(0);
    expect(s.stdout).toMatch(/1 suite: \d+ as expected/);
    expect(s.stdout).not.toContain('not compared (a shard)');
    expect(s.stdout).not.toMatch(/pinned state counts? not compared/);
    // The table says so too: the count is the pinned one, not "not compared: a shard" (it was, s47 h3).
    expect(s.stdout).toMatch(/parent-before-child\s+violated\s+violated\s+1,670\s+\S+\s+ok/);
    // ... and one below its pin (915 of 916) is a mismatch, which no part of a split search can decide.
    const w = probecheck(['check', `${FIXTURES}/wrong.suite.ts`, '--shard', '1/1', '-q']);
    expect(w.status).toBe(4);
    expect(w.stdout).toMatch(/\(state count\)\s+916\s+915\s+MISMATCH: the state space changed/);
  });
});

// A CI hunt (2026-12-05): shards are keyed by what they ran, by content: two model files of one
// scenario name were merged into one verdict, and one patch file in two checkout folders was not.
describe('shards of one search, by content', () => {
  const scenario = (drv: string) => `import { scenario } from 'probecheck';
export default scenario({ name: 'same-name', profile: 'v5.1', devices: { d: { present: true }, e: {} },
  drivers: { dd: { matches: ['d'] }, ed: { matches: ['e'], present: true${drv} } },
  actors: { a: 'register dd', b: 'del d', c: 'add e' }, properties: ['no-probe-after-del', 'no-deadlock'] });
`;
  const folder = (name: string, drv = '') => {
    const d = join(dir, name);
    mkdirSync(join(d, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(d, 'node_modules', 'probecheck'));
    writeFileSync(join(d, 'm.ts'), scenario(drv));
    writeFileSync(join(d, 'fix.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'pass', subject: 'pass-through', base: 'v5.1',
  hunks: [{ fn: '__device_attach', replace: 'device_lock', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => orig.run(s, t, b, c) }) }] });
`);
    return d;
  };
  const a = folder('ck-a'), b = folder('ck-b'), other = folder('ck-other', ", probe: ['ok', 'error']");
  const shard = (cwd: string, i: number, out: string, extra: string[] = []) => probecheck(['check', 'm.ts', '--shard', `${i}/2`, '--json-out', file(out), '-q', ...extra], { cwd });

  it('two model files of one scenario name: E504 naming both files, not one verdict', () => {
    shard(a, 1, 'same-1.json');
    shard(other, 2, 'same-2.json');
    const m = probecheck(['merge', file('same-1.json'), file('same-2.json')]);
    expect(m.status).toBe(2);
    expect(m.stderr.trim()).toMatch(new RegExp(`^probecheck: E504 \\(shard results that do not merge\\): .*same-2\\.json: shard 2/2 of same-name \\(.*\\) ran with model file ${other}/m\\.ts \\(sha256 [0-9a-f]{12}\\), shard 1/2 with ${a}/m\\.ts \\(sha256 [0-9a-f]{12}\\): another file's search, not a part of this one$`));
  });

  it('one patch file in two checkout folders: one search, merged as the whole', () => {
    shard(a, 1, 'pa-1.json', ['--patch', 'fix.ts']);
    shard(b, 2, 'pa-2.json', ['--patch', 'fix.ts']);
    const m = probecheck(['merge', file('pa-1.json'), file('pa-2.json'), '--json']);
    const whole = probecheck(['check', 'm.ts', '--patch', 'fix.ts', '--json'], { cwd: a });
    expect(m.status, m.stderr).toBe(whole.status);
    expect(verdicts(m.stdout)).toEqual(verdicts(whole.stdout));
  });

  // A CI hunt (2026-12-05): a property of yours was compared by name only, so shards that checked
  // two texts of it (a shard rerun after a push) merged into one verdict.
  it('a property file of another text in one shard: E504 naming the property; the same text in another folder merges', () => {
    const prop = (cond: string) => `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'mine', description: 'x', check: (v) => (${cond} ? 'bad' : null) });
`;
    writeFileSync(join(a, 'p.ts'), prop("v.dev('d').driver !== null"));
    writeFileSync(join(b, 'p.ts'), prop('false'));
    const own = ['--property-file', 'p.ts', '--property', 'mine', '--property', 'no-deadlock'];
    shard(a, 1, 'pf-1.json', own);
    shard(b, 2, 'pf-2.json', own);
    const m = probecheck(['merge', file('pf-1.json'), file('pf-2.json')]);
    expect(m.status).toBe(2);
    expect(m.stderr.trim()).toMatch(/^probecheck: E504 \(shard results that do not merge\): .*pf-2\.json: shard 2\/2 of same-name \(.*\) ran with property mine from a file with sha256 [0-9a-f]{12}, shard 1\/2 with one with sha256 [0-9a-f]{12}: another text of the property, not a part of this search$/);
    writeFileSync(join(b, 'p.ts'), prop("v.dev('d').driver !== null"));
    shard(b, 2, 'pf-2.json', own);
    expect(probecheck(['merge', file('pf-1.json'), file('pf-2.json'), '-q']).status).toBe(1);
  });
});

// A new user (2026-12-06): a case that pins no count, its search split by the shards, read
// `at least N (not compared: shards)` in the merge, with no `statesStatus`, and the summary counted
// one case with no pinned count where the unsharded run counted two.
describe('a sharded suite whose cases pin no count', () => {
  it('each shard and the merge say "not pinned", as the unsharded run does, and count both cases', () => {
    const d = tempDir('probecheck-nopin-');
    writeFileSync(join(d, 'np.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'np', model: ${JSON.stringify(PROBE_TREE)}, cases: [
  { params: { variant: 'v4.2', N: 3 }, expect: { 'no-deadlock': 'holds' } },
  { params: { variant: 'fixed', N: 3 }, expect: { 'parent-before-child': 'holds' } },
] });
`);
    const whole = probecheck(['check', 'np.suite.ts', '-q'], { cwd: d });
    expect(whole.stdout).toContain('2 cases with no pinned state count');
    for (const i of [1, 2]) {
      const s = probecheck(['check', 'np.suite.ts', '--shard', `${i}/2`, '--json-out', `n${i}.json`, '-q'], { cwd: d });
      expect(s.stdout).toMatch(/variant=v4\.2 N=3\s+no-deadlock\s+holds\s+holds[^\n]*\(not pinned\)/);
    }
    const m = probecheck(['merge', 'n1.json', 'n2.json', '-q'], { cwd: d });
    expect(m.status, m.stdout).toBe(0);
    expect(m.stdout).toMatch(/variant=v4\.2 N=3\s+no-deadlock\s+holds\s+holds\s+at least [\d,]+ \(not pinned\)/);
    expect(m.stdout).not.toContain('not compared: shards');
    expect(m.stdout).toContain('2 cases with no pinned state count');
    const j = JSON.parse(probecheck(['merge', 'n1.json', 'n2.json', '--json'], { cwd: d }).stdout);
    expect(j.suites[0].cases.map((c: { statesStatus?: string }) => c.statesStatus)).toEqual(['not-pinned', 'not-pinned']);
  });
});

// s50 h9: a result file with no run and no suite merged to nothing, printed nothing, and exited 0.
describe('merge of files that hold no run', () => {
  it('is E504 (a verdict about nothing is none)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ format: 'probecheck-result', version: 1, runs: [] }));
    const r = probecheck(['merge', 'none.json'], { cwd: dir });
    expect([r.status, r.stdout, r.stderr.trim()]).toEqual([2, '', "probecheck: E504 (shard results that do not merge): none.json: no shard's run to merge (it holds `runs: []` and no suite); merge reads what check --shard i/n --json-out FILE wrote"]);
  });

  // s50 h13: beside a file that holds a suite (here an all-FIXME suite's shard, which has no run but its
  // suite: no search, ~0.3 s) it merged unsaid, as if it were one of the parts.
  it('is E504 beside real shards too, naming it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ format: 'probecheck-result', version: 1, runs: [] }));
    writeFileSync(join(dir, 'fx.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'fx', model: ${JSON.stringify(PROBE_TREE)}, cases: [
  { params: { variant: 'fixed', N: 2 }, expect: { 'parent-before-child': 'holds' }, fixme: 'later' },
] });
`);
    expect(probecheck(['check', 'fx.suite.ts', '--shard', '1/1', '--json-out', 'p1.json', '-q'], { cwd: dir }).status).toBe(3);
    expect(probecheck(['merge', 'p1.json', '-q'], { cwd: dir }).status).toBe(3);
    const r = probecheck(['merge', 'p1.json', 'none.json'], { cwd: dir });
    expect([r.status, r.stdout, r.stderr.trim()]).toEqual([2, '', "probecheck: E504 (shard results that do not merge): none.json: no shard's run to merge (it holds `runs: []` and no suite); merge reads what check --shard i/n --json-out FILE wrote"]);
  });
});
