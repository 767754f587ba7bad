/**
 * A bad-input hunt (2026-12-06, s38 h7): a user in a folder of their own breaks every input, and
 * each class it found is held here. Every bad input is one line on stderr, exit 2, no stack trace
 * (user-folder.ts's oneErrorLine); never Node's own report (exit 1, which reads as "violated").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProbecheckError } from '../../src/engine/errors.js';
import { scenario } from '../../src/kernel/scenario.js';
import { hasStack, probecheck, probecheckProcess } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const SCENARIO = `import { scenario } from 'probecheck';
export default scenario({ name: 'x', profile: 'v5.9', devices: { a: { present: true } },
  drivers: { d: { matches: ['a'], module: 'm' } }, actors: { t: 'modprobe m' } });
`;

describe('bad input from a folder of your own', () => {
  // A file's timer or unawaited promise throws outside every call probecheck makes: Node printed
  // the stack (the file's compiled text as a data: URL, 10-17 lines) and exited 1.
  it('a stray rejection or timer throw of a loaded file is one E105 line naming it, exit 2', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'rej.ts'), `Promise.reject(new Error('late'));\n${SCENARIO}`);
    writeFileSync(join(dir, 'timer.ts'), `setTimeout(() => { throw new Error('tick'); }, 0);\n${SCENARIO}`);
    writeFileSync(join(dir, 'ok.ts'), SCENARIO);
    writeFileSync(join(dir, 'prop.ts'), `import { defineProperty } from 'probecheck';
setTimeout(() => Promise.reject('no error object'), 0);
export default defineProperty({ kind: 'invariant', name: 'p', check: () => null });
`);
    for (const [args, file, msg] of [
      [['check', 'rej.ts', '-q'], 'rej.ts', 'late'],
      [['check', 'timer.ts', '-q'], 'timer.ts', 'tick'],
      // A thrown value with no stack names every file imported when it comes: prop.ts's timer may run
      // before ok.ts is imported or after (the loads await; a loaded CI machine saw both).
      [['check', 'ok.ts', '--property-file', 'prop.ts', '-q'], '(prop\\.ts|prop\\.ts or ok\\.ts|ok\\.ts or prop\\.ts)', 'no error object'],
    ] as const) {
      const r = probecheckProcess(args, { cwd: dir });
      expect(r.status, r.stderr).toBe(2);
      expect(hasStack(r.stderr + r.stdout)).toBe(false);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(new RegExp(`^probecheck: E105 \\(input file could not be loaded\\): ${file}: code it started as it loaded .* threw: ${msg}$`));
    }
  });

  // `throw { code: 1 }` read "[object Object]"; a module not found listed tsx's internal URL.
  it('a thrown value that is not an Error is shown as JSON; a missing module names only the module', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'obj.ts'), 'throw { code: 1 };\n');
    writeFileSync(join(dir, 'undef.ts'), 'throw undefined;\n');
    writeFileSync(join(dir, 'mod.ts'), `import x from 'no-such-module-here';\nexport default x;\n`);
    oneErrorLine(dir, ['check', 'obj.ts'], /^probecheck: E105 .*obj\.ts: could not be loaded: a thrown object \{"code":1\}, not an Error$/);
    oneErrorLine(dir, ['check', 'undef.ts'], /^probecheck: E105 .*undef\.ts: could not be loaded: a thrown undefined, not an Error$/);
    oneErrorLine(dir, ['check', 'mod.ts'], /^probecheck: E105 .*mod\.ts: could not be loaded: Cannot find module 'no-such-module-here'$/);
    writeFileSync(join(dir, 'prop.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'p', check: (v) => { if (v.devices.length) throw { why: 'x' }; return null; } });
`);
    writeFileSync(join(dir, 'ok.ts'), SCENARIO);
    oneErrorLine(dir, ['check', 'ok.ts', '--property-file', 'prop.ts', '-q'], /^probecheck: E302 \(property threw\): property 'p' \(prop\.ts\) threw: a thrown object \{"why":"x"\}, not an Error$/);
  });

  // Shard files are read back by merge: a field edited by hand (or written by another tool) merged
  // on as if it were right (a verdict "zz" read as holds, exit 0), or failed as an internal error.
  it('merge names the first field of a shard file that is not as check wrote it (E504), whatever field is broken', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'two.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'two', profile: 'v5.9', devices: { a: { present: true } },
  drivers: { d: { matches: ['a'], module: 'm', probeType: 'async' }, e: { matches: ['a'], module: 'n' } },
  actors: { m: 'modprobe m', n: 'modprobe n' } });
`);
    for (const i of [1, 2]) expect(probecheck(['check', 'two.ts', '--shard', `${i}/2`, '--property', 'single-binding', '--json-out', `s${i}.json`, '-q'], { cwd: dir }).status).toBe(0);
    expect(probecheck(['merge', 's1.json', 's2.json', '-q'], { cwd: dir }).status).toBe(0);
    const good = JSON.parse(readFileSync(join(dir, 's1.json'), 'utf8'));
    const edited = (f: (run: any) => void) => { const d = structuredClone(good); f(d.runs[0]); writeFileSync(join(dir, 'bad.json'), JSON.stringify(d)); };
    edited((r) => { r.properties[0].verdict = 'zz'; });
    oneErrorLine(dir, ['merge', 'bad.json', 's2.json'], /^probecheck: E504 .*: bad\.json: runs\[0\]\.properties\[0\]\.verdict: expected 'holds', .* got "zz"; merge reads what check --shard i\/n --json-out FILE wrote/);
    edited((r) => { r.shard.count = {}; });
    oneErrorLine(dir, ['merge', 'bad.json', 's2.json'], /^probecheck: E504 .*: bad\.json: runs\[0\]\.shard: expected \{ index, count \}/);
    edited((r) => { delete r.states; });
    oneErrorLine(dir, ['merge', 'bad.json', 's2.json'], /^probecheck: E504 .*: bad\.json: runs\[0\]\.states: expected a number >= 0, got nothing \(missing\)/);
    // Any one field of the run replaced by any JSON value: the merge still holds (0), or one line (2).
    const fields = Object.keys(good.runs[0]);
    fc.assert(fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), (field, value) => {
      edited((r) => { r[field] = value; });
      const r = probecheck(['merge', 'bad.json', 's2.json', '-q'], { cwd: dir });
      expect(hasStack(r.stderr + r.stdout)).toBe(false);
      expect(r.stderr).not.toMatch(/internal error|\[object Object\]|undefined/);
      // A shard a limit stopped (complete: false) is a run check writes: merged, unknown, exit 3.
      if (field === 'complete' && value === false) { expect(r.status, r.stderr).toBe(3); return; }
      if (r.status !== 0) {
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
    }), { numRuns: 40, seed: 7 });
  });

  // A file that ends the process ended the run with its own status: process.exit(0) read as
  // "every property holds" with nothing checked.
  it('a loaded file that calls process.exit is one E105 line, exit 2, not its own status', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'quit.ts'), `process.exit(0);\n${SCENARIO}`);
    const r = probecheckProcess(['check', 'quit.ts', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe('probecheck: E105 (input file could not be loaded): quit.ts: called process.exit(0) before probecheck finished: nothing was checked');
  });

  // `help frob` printed the general help, exit 0; a folder given as a file was E105 in Node's
  // words about an import from probecheck's dist/load.js.
  it('help of an unknown command and a folder given as a patch or property file are one line each', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'ok.ts'), SCENARIO);
    oneErrorLine(dir, ['help', 'frob'], /^probecheck: E501 \(bad command-line usage\): unknown command 'frob'; commands: check, .*from-log/);
    expect(probecheck(['help', 'check'], { cwd: dir }).status).toBe(0);
    oneErrorLine(dir, ['check', 'ok.ts', '--patch', '.', '-q'], /^probecheck: E503 \(unreadable input file\): .*: is a directory, not a file$/);
    oneErrorLine(dir, ['check', 'ok.ts', '--property-file', 'node_modules', '-q'], /^probecheck: E503 \(unreadable input file\): node_modules: is a directory, not a file$/);
    // Named as the user gave them, relative to where they are (was absolute for --patch and --property-file only).
    oneErrorLine(dir, ['check', 'ok.ts', '--patch', 'nope.ts', '-q'], /^probecheck: E503 \(unreadable input file\): nope\.ts: no such file or directory$/);
    // A library patch's id given to --patch (the README's corpus table names codina-v7 bare) was "no such file" alone (s48 h14).
    oneErrorLine(dir, ['check', 'ok.ts', '--patch', 'codina-v7', '-q'], /^probecheck: E503 \(unreadable input file\): codina-v7: no such file or directory; 'codina-v7' is a library patch: give it as --param patches=codina-v7 \(--patch takes a file of yours\)$/);
    oneErrorLine(dir, ['diff', 'ok.ts', '--patch', 'mod-delayed-extend', '-q'], /; 'mod-delayed-extend' is a library patch: give it as --patched-param patches=mod-delayed-extend /);
    // steps' catalogue takes no library patch; with --scenario, --param patches=ID is how (s48 h21: it said only "is a library patch").
    oneErrorLine(dir, ['steps', '--patch', 'codina-v7'], /: no such file or directory; 'codina-v7' is a library patch \(--patch takes a file of yours\)$/);
    oneErrorLine(dir, ['steps', '--scenario', 'ok.ts', '--patch', 'codina-v7'], /; 'codina-v7' is a library patch: give it as --param patches=codina-v7 \(--patch takes a file of yours\)$/);
    // A file of the user's that is named like a library patch is their file, read as one.
    writeFileSync(join(dir, 'codina-v7'), "import { definePatch } from 'probecheck';\nexport default definePatch({ id: 'x', subject: 'x', base: 'v6.12', hunks: [] });\n");
    oneErrorLine(dir, ['steps', '--patch', 'codina-v7'], /^probecheck: E604 \(patch does not apply\): codina-v7: patch 'x': hunks: expected a non-empty list$/);
  });

  // docs/ci.md's commands are written from a clone (`check models/host-children.ts`): from a project
  // that installed probecheck they were a bare "no such file" (a team's CI from the tarball, s49 h4).
  it("a missing path that is one of probecheck's own files names it, for check, simulate and a log", () => {
    const dir = userFolder();
    const own = (p: string) => new RegExp(`^probecheck: E503 \\(unreadable input file\\): ${p}: no such file or directory; probecheck's own ${p} is /.*/${p}$`);
    oneErrorLine(dir, ['check', 'models/host-children.ts', '--param', 'n=3', '-q'], own('models/host-children\\.ts'));
    oneErrorLine(dir, ['simulate', 'models/hot-unplug.ts'], own('models/hot-unplug\\.ts'));
    oneErrorLine(dir, ['from-log', 'models/logs/dwc3-reprobe-loop.log', '-o', 'd.ts'], own('models/logs/dwc3-reprobe-loop\\.log'));
    oneErrorLine(dir, ['check', 'models/nope.ts', '-q'], /: models\/nope\.ts: no such file or directory$/);
    // A folder is the user's own (docs/ci.md's `check properties/`): the bundled one is not named.
    oneErrorLine(dir, ['check', 'properties/', '-q'], /: properties\/: no such file or directory$/);
    // What docs/ci.md says to run there instead, in a project that installed probecheck (here a
    // link to the clone, as userFolder makes it): the bundled model by its node_modules path (about 0.6 s).
    const r = probecheck(['check', 'node_modules/probecheck/models/host-children.ts', '--param', 'n=2', '--property', 'no-deadlock', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^host-children \(profile=v4\.2 patches= n=2\)\n.*\n\s+no-deadlock\s+holds/);
  });

  // An empty slot in a list (`['c',, 'd']`, a doubled comma) passed every check, which skip it,
  // and the build failed: E101 "Cannot read properties of undefined" for a scenario, an internal
  // error for a patch's hunks, a suite's cases or a list of properties.
  it('an empty slot in any list of a scenario, patch, suite or property file is one line naming it', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's.ts'), SCENARIO.replace("matches: ['a']", "matches: ['a',, 'a']"));
    writeFileSync(join(dir, 'ok.ts'), SCENARIO);
    writeFileSync(join(dir, 'fix.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'h', subject: 's', base: 'v5.9', hunks: [, { fn: '__driver_attach', replace: 'device_lock', step: (_s, o) => o! }] });
`);
    writeFileSync(join(dir, 'p.ts'), `import { defineProperty } from 'probecheck';
export default [defineProperty({ kind: 'invariant', name: 'p', check: () => null }),, ];
`);
    writeFileSync(join(dir, 'x.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'x', model: './ok.ts', cases: [, { params: {}, expect: { 'single-binding': 'holds' } }] });
`);
    oneErrorLine(dir, ['check', 's.ts', '-q'], /^probecheck: E601 .*s\.ts: scenario 'x': drivers\.d\.matches\[1\]: an empty slot in a list \(two commas in a row\?\)$/);
    oneErrorLine(dir, ['check', 'ok.ts', '--patch', 'fix.ts', '-q'], /^probecheck: E604 .*fix\.ts: patch 'h': hunks\[0\]: expected \{ fn, replace \| insert, step \}$/);
    oneErrorLine(dir, ['check', 'ok.ts', '--property-file', 'p.ts', '-q'], /^probecheck: E105 .*p\.ts: its default export is not a property or a list of properties/);
    oneErrorLine(dir, ['check', 'x.suite.ts', '-q'], /^probecheck: E502 .*x\.suite\.ts: cases\[0\]: expected an object$/);
  });

  // Shape fuzzing of a scenario: any field replaced by any value (or removed, or a list slot
  // emptied) is a ProbecheckError from scenario() or its build, never a TypeError.
  it('a scenario with any field broken fails as a ProbecheckError, never an internal error', () => {
    const base = {
      name: 'x', profile: 'v5.9', buses: { platform: { autoprobe: true } },
      devices: { a: { present: true }, b: { parent: 'a', suppliers: ['a'] }, c: { boundTo: 'e', present: true } },
      drivers: { d: { matches: ['a', 'b'], module: 'm', probe: ['ok', 'defer'], needs: ['c'], registers: { a: ['b'] } }, e: { matches: ['c'], present: true, probeType: 'async' } },
      modules: { m: { asyncProbe: true } },
      actors: { t: ['modprobe m', 'rmmod m'], u: 'unbind e c', v: ['del b'] },
      properties: ['single-binding', 'no-deadlock'],
    };
    const paths: string[][] = [];
    (function walk(x: unknown, p: string[]) { if (p.length) paths.push(p); if (x && typeof x === 'object') for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], [...p, k]); })(base, []);
    // (undefined removes the field, or empties a list's slot: weighted, as it found the slots.)
    const value = fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 }, { arbitrary: fc.constantFrom<unknown>('a', 'c', 'e', 'm', 'zz', '', ['a'], ['zz'], {}, -1, NaN), weight: 1 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3 }), fc.constantFrom('v4.14', 'v5.9', 'mainline'), (edits, profile) => {
      const spec = structuredClone(base) as Record<string, any>;
      for (const [p, v] of edits) {
        let o = spec;
        for (const k of p.slice(0, -1)) { if (!o || typeof o !== 'object') break; o = o[k]; }
        if (!o || typeof o !== 'object') continue;
        if (v === undefined) delete o[p.at(-1)!]; else o[p.at(-1)!] = v;
      }
      try { scenario(spec as never).build({ profile, patches: '' }); } catch (e) {
        if (!(e instanceof ProbecheckError)) throw new Error(`${JSON.stringify(edits)}: ${String(e)}`);
      }
    }), { numRuns: 300, seed: 11 });
  });
});
