/** Transcripts of `probecheck check` and `simulate`: exit statuses, key lines, JSON shape. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, PROBE_TREE, ROOT, hasStack, probecheck, tempDir } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';

// A model file that does not parse; written at run time so that the type check stays clean.
const MALFORMED = join(tempDir(), 'malformed.ts');
writeFileSync(MALFORMED, "import { defineModel } from 'probecheck';\nexport default defineModel({ name: 'broken', params: {}, build( {\n");
// A misspelt import from probecheck (a new user's first file).
const MISSPELT = join(tempDir(), 'misspelt.ts');
writeFileSync(MISSPELT, "import { scenaro } from 'probecheck';\nexport default scenaro({ name: 'x', devices: { d: {} }, drivers: { a: { matches: ['d'] } }, actors: { h: 'add d' } });\n");

const v42 = [PROBE_TREE, '--param', 'N=3', '--param', 'variant=v4.2'];

describe('probecheck check', () => {
  it('exits 1 on a violation and prints the lockdep-style report', () => {
    const r = probecheck(['check', ...v42]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('WARNING: property violated: parent-before-child');
    expect(r.stdout).toContain('probing[1] = 1 while drv[0] = 0');
    expect(r.stdout).toMatch(/parent-before-child\s+violated\s+7 steps/);
    expect(r.stdout).toMatch(/no-bind-after-unregister\s+violated\s+11 steps/);
    expect(r.stdout).toMatch(/no-deadlock\s+holds/);
    expect(r.stdout).toContain('1,670 states');
  });

  it('exits 0 when every property holds', () => {
    const r = probecheck(['check', PROBE_TREE, '--param', 'N=3', '--param', 'variant=fixed', '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('WARNING');
  });

  it('--json prints one document with the numbers, verdicts and replayable moves', () => {
    const r = probecheck(['check', ...v42, '--json']);
    expect(r.status).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ complete: true, states: 1670, exit: 1 });
    for (const k of ['transitions', 'depth', 'seconds']) expect(typeof d[k]).toBe('number');
    const byName = Object.fromEntries(d.properties.map((p: any) => [p.name, p]));
    expect(byName['parent-before-child'].verdict).toBe('violated');
    expect(byName['parent-before-child'].trace.moves).toHaveLength(7);
    expect(byName['parent-before-child'].trace.moves[0]).toEqual({ thread: 'A_0', label: 'A0' });
    expect(byName['no-deadlock'].verdict).toBe('holds');
    expect(byName['no-deadlock'].trace).toBeUndefined();
  });

  it('--property restricts the check', () => {
    const d = JSON.parse(probecheck(['check', ...v42, '--json', '--property', 'no-deadlock']).stdout);
    expect(d.properties.map((p: any) => p.name)).toEqual(['no-deadlock']);
    expect(d.exit).toBe(0);
  });

  // A new user (2026-12-04): the text's wait-for chain named who holds a count, --json did not.
  it('--json carries the wait-for chain in the text report\'s words (waitFor)', () => {
    const d = JSON.parse(probecheck(['check', join(ROOT, 'models/device-links.ts'), '--param', 'variant=probe-fail', '--param', 'profile=mainline', '--property', 'no-deadlock', '--json']).stdout);
    expect(d.properties[0].waitFor).toEqual([{ thread: 'add host', holds: ['&dev->mutex(host)'], waitsFor: expect.stringMatching(/^probe_count == 0 \(it is 1: add host itself since step \d+\)$/) }]);
  });

  it('exits 3 when a limit stops the search before a verdict', () => {
    const r = probecheck(['check', PROBE_TREE, '--param', 'N=5', '--param', 'variant=fixed', '--max-states', '1000', '--json']);
    expect(r.status).toBe(3);
    const d = JSON.parse(r.stdout);
    expect(d.complete).toBe(false);
    expect(d.properties.every((p: any) => p.verdict === 'unknown')).toBe(true);
  });

  it('a violation wins over a limit: exit 1', () => {
    const r = probecheck(['check', PROBE_TREE, '--param', 'N=5', '--param', 'variant=v4.2', '--max-states', '3000', '-q']);
    expect(r.status).toBe(1);
  });

  it('dfs and the reference backend agree on the verdicts', () => {
    const d = JSON.parse(probecheck(['check', ...v42, '--json', '--strategy', 'dfs', '--backend', 'reference']).stdout);
    expect(d.states).toBe(1670);
    expect(d.properties.map((p: any) => p.verdict)).toEqual(['violated', 'violated', 'holds']);
  });

  it('reports a deadlock with the wait-for chain and the unsafe scenario', () => {
    const r = probecheck(['check', `${FIXTURES}/abba.ts`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('WARNING: possible deadlock: no-deadlock');
    expect(r.stdout).toContain('kworker/0:1 probe holds dev_mutex, waits for parent_mutex (held by bash unbind since step 2)');
    expect(r.stdout).toContain('bash unbind holds parent_mutex, waits for dev_mutex (held by kworker/0:1 probe since step 1)');
    expect(r.stdout).toContain('Possible unsafe scenario:');
    expect(r.stdout).toContain('*** DEADLOCK ***');
    expect(probecheck(['check', `${FIXTURES}/abba.ts`, '--param', 'order=abab']).status).toBe(0);
  });
});

describe('probecheck simulate', () => {
  it('finds violations with random walks; an unviolated property stays unknown', () => {
    const r = probecheck(['simulate', PROBE_TREE, '--param', 'N=4', '--param', 'variant=v4.2', '--runs', '200', '--seed', '3', '--json']);
    expect(r.status).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.runs[0].strategy).toBe('random');
    expect(d.runs[0].seed).toBe(3);
    expect(d.properties.find((p: any) => p.name === 'no-deadlock').verdict).toBe('unknown');
  });

  it('with nothing violated exits 3 (simulation proves nothing)', () => {
    const r = probecheck(['simulate', PROBE_TREE, '--param', 'variant=fixed', '--runs', '20', '-q']);
    expect(r.status).toBe(3);
  });
});

describe('help', () => {
  it('documents every command with examples and the exit statuses', () => {
    const top = probecheck(['--help']);
    expect(top.status).toBe(0);
    for (const c of ['check', 'simulate', 'replay', 'diff']) expect(top.stdout).toContain(c);
    for (const c of ['check', 'simulate', 'replay', 'diff']) {
      const h = probecheck([c, '--help']);
      expect(h.status).toBe(0);
      expect(h.stdout).toContain('Examples:');
      expect(h.stdout).toContain('Exit status:');
    }
    expect(probecheck(['check', '--help']).stdout).toMatch(/4\s+a suite's observed verdict/);
  });

  it('with no arguments prints help and exits 0', () => {
    const r = probecheck([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: probecheck');
  });
});

describe('bad input: one clear line, exit 2, never a stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown parameter', ['check', PROBE_TREE, '--param', 'X=1'], /^probecheck: E104 \(unknown or invalid model parameter\): model probe-tree has no parameter 'X'; known: N, variant$/],
    ['bad parameter value', ['check', PROBE_TREE, '--param', 'variant=v9'], /E104 .*variant='v9'.*not one of: v4.2, parentlock, fixed/],
    ['parameter out of range', ['check', PROBE_TREE, '--param', 'N=0'], /E104 .*N=0.*below its minimum 1/],
    ['--param without =', ['check', PROBE_TREE, '--param', 'N'], /E501 .*--param expects K=V, got 'N'/],
    ['unknown property', ['check', PROBE_TREE, '--property', 'nope'], /E301 .*no property 'nope'; known: parent-before-child/],
    ['unknown option', ['check', PROBE_TREE, '--frobnicate'], /E501 .*unknown option '--frobnicate'/],
    ['unknown command', ['frob'], /E501 .*unknown command 'frob'/],
    ['bad strategy', ['check', PROBE_TREE, '--strategy', 'zzz'], /E501 .*'zzz' is invalid.*bfs, dfs, random/],
    ['bad number', ['check', PROBE_TREE, '--max-states', 'lots'], /E501 .*--max-states expects an integer >= 1, got 'lots'/],
    ['missing file', ['check', 'nope/none.ts'], /E503 .*nope\/none.ts: no such file/],
    ['malformed model file', ['check', MALFORMED], /E105 .*malformed.ts: could not be loaded: .*malformed.ts:\d+/],
    ['a name probecheck does not export', ['check', MISSPELT], /E105 .*misspelt.ts: could not be loaded: .*scenaro.*; probecheck exports no 'scenaro': did you mean 'scenario'\?$/],
    ['not a model', ['check', `${FIXTURES}/not-a-model.ts`], /E105 .*not-a-model.ts: its default export is neither a model/],
    ['model whose build throws', ['check', `${FIXTURES}/throws.ts`], /E101 .*model throws: build\(\{\}\) threw: kaboom/],
    ['malformed suite', ['check', `${FIXTURES}/bad-shape.suite.ts`], /E502 .*bad-shape.suite.ts: cases\[0\]\.expect\.no-deadlock: expected one of 'holds', 'violated', 'vacuous', 'reachable', 'unreachable', got "maybe"/],
    ['--param with only suites', ['check', `${FIXTURES}/right.suite.ts`, '--param', 'N=2'], /E501 .*--param applies to model files/],
    // A CI hunt (2026-12-05): --patch on a suite blamed --param; a key given twice took the last value.
    ['--patch with only suites', ['check', `${FIXTURES}/right.suite.ts`, '--patch', `${FIXTURES}/right.suite.ts`], /^probecheck: E501 \(bad command-line usage\): --patch applies to model files; a suite states the parameters of each case \(its patches too: params\.patches\)$/],
    ['a --param given twice', ['check', PROBE_TREE, '--param', 'N=2', '--param', 'N=3'], /^probecheck: E501 \(bad command-line usage\): --param N given twice \(2, then 3\): give it once$/],
    ['a step that throws during the search', ['check', `${FIXTURES}/step-throws.ts`], /^probecheck: E203 \(step threw\): .*probe exploded/],
    ['empty directory', ['check', `${FIXTURES}/empty-dir`], /E503|no suite files/],
  ];
  it.each(cases)('%s', (_name, args, line) => {
    const r = probecheck(args);
    expect(r.status).toBe(2);
    const [first, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(line);
    // Only a model's error in a search adds lines: the moves that reach the state it broke in.
    if (/^probecheck: E2/.test(first!)) {
      expect(rest[0]).toMatch(/^  (reached by \d+ moves? from the initial state:|in the initial state \(no move before it\))$/);
      for (const l of rest.slice(1)) expect(l).toMatch(/^    \d+\. \S.*: \S+/);
    } else expect(rest).toEqual([]);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
  });
});

// Issue 10: scenarios written as a user would, in their own folder with probecheck installed.
describe('scenario errors from a user folder: the documented code, one line, exit 2', () => {
  const dir = userFolder();
  const write = (name: string, body: string) => { writeFileSync(join(dir, name), `import { scenario } from 'probecheck';\nexport default scenario(${body});\n`); return name; };
  const oneLine = (args: string[], line: RegExp) => oneErrorLine(dir, args, line);

  it('a misspelt key is E601 with a did-you-mean', () => {
    const f = write('typo.ts', "{ name: 'x', devices: { host: { present: true }, c1: { parnet: 'host' } }, drivers: {}, actors: { a: 'add c1' } }");
    oneLine(['check', f], /^probecheck: E601 \(malformed scenario\): typo\.ts: scenario 'x': device 'c1': unknown key 'parnet'; did you mean 'parent'\?$/);
  });

  it('an error raised while the scenario is built keeps its E6xx code (was E101 "build threw") and names the file, as the README says (a CI hunt, 2026-12-06)', () => {
    const f = write('rmmod.ts', "{ name: 'x', devices: { c1: {} }, drivers: { d: { matches: ['c1'], module: 'cmod' } }, actors: { a: 'add c1', b: 'rmmod cmod' } }");
    oneLine(['check', f], /^probecheck: E601 \(malformed scenario\): rmmod\.ts: scenario 'x': actor 'b': action 'rmmod cmod' can never take effect: module 'cmod' is never loaded/);
    const p = write('parent.ts', "{ name: 'x', devices: { c1: { parent: 'host' } }, drivers: {}, actors: { a: 'add c1' } }");
    oneLine(['check', p], /^probecheck: E601 \(malformed scenario\): parent\.ts: scenario 'x': device 'c1': parent: device 'host' is not declared; devices: c1$/);
  });

  it('a device-link flag the model does not know is E601; AUTOREMOVE_CONSUMER checks', () => {
    const body = (flag: string) => `{ name: 'x', buses: { platform: { autoprobe: false } }, devices: { pmic: { present: true }, mmc: { present: true } }, drivers: { pd: { matches: ['pmic'], present: true }, md: { matches: ['mmc'], present: true, links: ['pmic'], linkFlags: ['${flag}'] } }, actors: { a: ['bind pd pmic', 'bind md mmc', 'unbind md mmc'] } }`;
    oneLine(['check', write('rpm.ts', body('DL_FLAG_PM_RUNTIME'))], /^probecheck: E601 \(malformed scenario\): rpm\.ts: scenario 'x': driver 'md': linkFlags: 'PM_RUNTIME' is not modelled \(runtime PM\): leave it out; the model knows AUTOREMOVE_CONSUMER$/);
    const r = probecheck(['check', write('ar.ts', body('DL_FLAG_AUTOREMOVE_CONSUMER')), '--property', 'links-supplier-bound', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/links-supplier-bound\s+holds/);
  });

  it("'maybe' accepts the action that may do nothing", () => {
    const f = write('maybe.ts', "{ name: 'x', devices: { c1: {} }, drivers: { d: { matches: ['c1'], module: 'cmod' } }, actors: { a: 'add c1', b: 'maybe rmmod cmod' } }");
    const r = probecheck(['check', f, '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    // It builds (no E601); nothing ever loads cmod, so what module-lifetime says is about nothing.
    expect(r.stdout).toMatch(/module-lifetime\s+vacuous/);
    expect(r.status).toBe(5);
  });

  it('an unknown profile is E602, not E104', () => {
    oneLine(['check', join(ROOT, 'models/hot-unplug.ts'), '--param', 'profile=v99'], /^probecheck: E602 \(unknown kernel profile\): unknown kernel profile 'v99'; known: v3.5, /);
  });

  it('a missing file is E503 from check, diff and replay alike', () => {
    oneLine(['check', 'gone.ts'], /^probecheck: E503 \(unreadable input file\): gone.ts: no such file or directory$/);
    oneLine(['diff', 'gone.ts', '--base-param', 'profile=v4.2'], /^probecheck: E503 \(unreadable input file\): gone.ts: no such file or directory$/);
    oneLine(['replay', 'gone.json'], /^probecheck: E503 \(unreadable input file\): gone.json: no such file or directory$/);
  });

  it('a trace of another model is E402, not E104 about its parameters', () => {
    const trace = join(dir, 'hot.json');
    expect(probecheck(['check', join(ROOT, 'models/hot-unplug.ts'), '--param', 'profile=v4.2', '--param', 'variant=async', '--property', 'no-probe-after-del', '-q', '--trace-out', trace], { cwd: dir }).status).toBe(1);
    const t = JSON.parse(readFileSync(trace, 'utf8'));
    writeFileSync(trace, JSON.stringify({ ...t, model: { file: join(ROOT, 'models/tegra-host1x.ts'), name: 'tegra-host1x' } }));
    oneLine(['replay', trace], /^probecheck: E402 \(trace is for another model\): .*hot.json: the trace's parameters do not fit model tegra-host1x \(model tegra-host1x has no parameter 'variant'; known: profile, patches\)/);
  });

  it('a binary or multi-line-excerpt trace file is one line', () => {
    writeFileSync(join(dir, 'bin.json'), Buffer.from([0x52, 0xc8, 0x9f, 0x0a, 0x00, 0xff, 0xfe, 0x7b, 0x0a]));
    oneLine(['replay', 'bin.json'], /^probecheck: E401 \(trace file unreadable or corrupt\): bin.json: not a JSON text file \(a NUL byte at offset 4: binary data\)$/);
    writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x0a, 0xe9, 0x0a, 0x7d]));
    oneLine(['replay', 'latin1.json'], /^probecheck: E401 .*latin1.json: not a JSON text file \(it is not valid UTF-8: binary data\)$/);
    writeFileSync(join(dir, 'lines.json'), '{\n  "format": x\n}\n');
    oneLine(['replay', 'lines.json'], /^probecheck: E401 .*lines.json: not JSON: /);
  });
});

describe('--workers that a search does not use says so in text, as --por and symmetry do', () => {
  it('dfs, liveness and a search too small to hand over each print one line; none without --workers N > 1', () => {
    const dfs = probecheck(['check', ...v42, '--workers', '2', '--strategy', 'dfs']);
    expect(dfs.stdout.split('\n').filter((l) => l.startsWith('workers:'))).toEqual(['workers: not applied: dfs runs on one thread']);
    const live = probecheck(['check', join(ROOT, 'models/nvdimm.ts'), '--param', 'variant=abba', '--param', 'profile=v5.1', '--workers', '2']);
    expect(live.stdout).toContain('workers: not applied: liveness (the state graph) runs on one thread');
    const small = probecheck(['check', ...v42, '--workers', '2']);
    expect(unwrap(small.stdout)).toMatch(/workers: not applied: a search hands over to workers only once it has stored 20,000 states; this one stored [\d,]+, on one thread/);
    // The reason is the engine's (workersNote), so --json says it too: never a one-thread figure read as the workers'.
    expect(JSON.parse(probecheck(['check', ...v42, '--workers', '2', '--json']).stdout).runs[0].workersNote).toMatch(/^a search hands over to workers only once/);
    for (const w of [[], ['--workers', '1']]) expect(probecheck(['check', ...v42, '--strategy', 'dfs', ...w]).stdout).not.toContain('workers:');
  });

  // A parallel hunt (2026-12-05): 64 workers on 2 cores ran 30 times slower, without a word; a memory stop never named them.
  it('more workers than cores is a warning; a memory stop with workers names fewer workers', async () => {
    const { availableParallelism } = await import('node:os');
    const n = availableParallelism() + 1;
    const r = probecheck(['check', ...v42, '--workers', String(n), '-q']);
    expect(r.stderr).toContain(`warning: --workers ${n} on a machine with ${n - 1} core${n - 1 === 1 ? '' : 's'}: the workers beyond ${n - 1} share them`);
    expect(probecheck(['check', ...v42, '--workers', String(n - 1), '-q']).stderr).not.toContain('warning: --workers');
    // A seed under bfs changes nothing: said (a bad-input hunt, 2026-12-05).
    expect(probecheck(['check', ...v42, '--seed', '7', '-q']).stderr).toContain('warning: --seed 7 steers random walks (--strategy random) only: a bfs search tries every interleaving, the same with any seed');
    expect(probecheck(['check', ...v42, '--seed', '7', '--strategy', 'random', '--runs', '5', '-q']).stderr).not.toContain('warning: --seed');
    const { stopLines } = await import('../../src/report/stop.js');
    const stopped = { stopped: 'memory-limit', strategy: 'bfs', states: 10, depth: 2, properties: [], workers: 1, workersNote: 'the search ended (144,183 states) before its 128 workers were ready (each builds the model first); searched on one thread' } as never;
    expect(stopLines(stopped).join('\n')).toContain('or fewer --workers (this search started 128; each builds the model and keeps buffers of its own)');
    expect(stopLines({ ...(stopped as object), workers: 4, workersNote: undefined } as never).join('\n')).toContain('or fewer --workers (this search ran 4;');
    expect(stopLines({ ...(stopped as object), workersNote: undefined } as never).join('\n')).not.toContain('--workers');
  });
});

// A CI hunt (2026-12-05): a defineModel model whose build returns no `params` recorded none, so
// replay rebuilt its trace with the defaults and refuted it, and merge joined shards of two values.
describe("a model of your own that does not say its parameters", () => {
  it("results and traces carry the parameters it was built with: replay confirms the trace", () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'g.ts'), `import { defineModel, t } from 'probecheck';
export default defineModel({ name: 'g', params: { mode: { default: 'none' } }, build(p) {
  return { name: 'g', state: t.record({ c: t.int(7) }),
    threads: [{ name: 'T', steps: { inc: { where: 'g', await: (s: any) => s.c < 5, run: (s: any) => { s.c += 1; return 'inc'; } } } }],
    properties: [{ kind: 'invariant', name: 'low', holds: (s: any) => p.mode !== 'deep' || s.c < 3 }] };
} });
`);
    const r = probecheck(['check', 'g.ts', '--param', 'mode=deep', '--trace-out', 'tr.json', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout).runs[0].params).toEqual({ mode: 'deep' });
    expect(probecheck(['replay', 'tr.json'], { cwd: dir }).stdout).toContain('confirmed: property low is violated at step 3');
  });

  it('a predicate that answers neither true nor false is E302; a property key no property has is E101', () => {
    const dir = userFolder();
    const model = (prop: string) => `import { defineModel, t } from 'probecheck';
export default defineModel({ name: 'g', build() { return { name: 'g', state: t.record({ c: t.int(3) }),
  threads: [{ name: 'T', steps: { inc: { where: 'g', await: (s: any) => s.c < 3, run: (s: any) => { s.c += 1; return 'inc'; } } } }],
  properties: [${prop} as any] }; } });
`;
    writeFileSync(join(dir, 'promise.ts'), model("{ kind: 'invariant', name: 'p', holds: async () => true }"));
    oneErrorLine(dir, ['check', 'promise.ts'], /^probecheck: E302 \(property threw\): property 'p' threw: holds returned a Promise \(a predicate runs synchronously\); it must return true or false$/);
    writeFileSync(join(dir, 'str.ts'), model("{ kind: 'invariant', name: 'p', holds: () => 'fine' }"));
    oneErrorLine(dir, ['check', 'str.ts'], /holds returned string "fine"; it must return true or false$/);
    writeFileSync(join(dir, 'premis.ts'), model("{ kind: 'invariant', name: 'p', holds: () => true, premis: () => false }"));
    oneErrorLine(dir, ['check', 'premis.ts'], /^probecheck: E101 \(malformed model\): property 'p': unknown key 'premis'; did you mean 'premise'\?/);
    // A number answers as JavaScript reads it, and a key that is no near miss is your own metadata (a review, 2026-12-05).
    writeFileSync(join(dir, 'num.ts'), model("{ kind: 'invariant', name: 'p', holds: (s: any) => 3 - s.c, tags: ['mine'] }"));
    const num = probecheck(['check', 'num.ts', '-q'], { cwd: dir });
    expect(num.stdout).toMatch(/p\s+violated/);
    expect(num.status).toBe(1);
  });
});
