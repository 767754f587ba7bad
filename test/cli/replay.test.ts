/**
 * Trace files: written by --trace-out, confirmed by replay; an edited move is refuted at the
 * step it diverges; corrupt, foreign and unknown files are clear errors. The parser is fuzzed.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProbecheckError } from '../../src/engine/errors.js';
import { parseTraceFile } from '../../src/report/trace-file.js';
import { FIXTURES, PROBE_TREE, ROOT, hasStack, probecheck, tempDir } from './run.js';

// One check per property writes its trace; each test edits a fresh copy.
const written = new Map<string, string>();
function writeTrace(property: string): { dir: string; file: string } {
  let first = written.get(property);
  if (!first) {
    first = join(tempDir(), 'trace.json');
    const r = probecheck(['check', PROBE_TREE, '--param', 'N=3', '--param', 'variant=v4.2', '--property', property, '--trace-out', first, '-q']);
    expect(r.status, r.stderr).toBe(1);
    written.set(property, first);
  }
  const dir = tempDir(), file = join(dir, 'trace.json');
  copyFileSync(first, file);
  return { dir, file };
}

/** A user's project outside the repository: `probecheck` installed, and the abba model as m.ts. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/probecheck'), 'dir');
  copyFileSync(join(FIXTURES, 'abba.ts'), join(dir, 'm.ts'));
  return dir;
}

describe('trace file round trip', () => {
  it('--trace-out writes a versioned trace that replay confirms', () => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    expect(t).toMatchObject({ format: 'probecheck-trace', version: 2, model: { name: 'probe-tree', file: 'models/bench/probe-tree.ts', path: PROBE_TREE }, params: { N: 3, variant: 'v4.2' }, property: 'parent-before-child' });
    expect(t.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.moves).toHaveLength(7);
    expect(t.steps[6].where).toBe('drivers/base/dd.c:really_probe');
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('confirmed: property parent-before-child is violated at step 7');
    expect(r.stdout).toContain('really_probe');
    // The report is check's: the property's description under the header too.
    const checked = probecheck(['check', PROBE_TREE, '--param', 'N=3', '--param', 'variant=v4.2', '--property', 'parent-before-child']);
    const description = checked.stdout.split('\n')[4]!;
    expect(description.length).toBeGreaterThan(0);
    expect(r.stdout.split('\n')[4]).toBe(description);
  });

  it('a file with two traces: replay confirms both; --property picks one', () => {
    const dir = tempDir(), file = join(dir, 'both.json');
    probecheck(['check', PROBE_TREE, '--param', 'variant=v4.2', '--trace-out', file, '-q']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(2);
    const all = JSON.parse(probecheck(['replay', file, '--json']).stdout);
    expect(all.traces.map((t: any) => [t.property, t.confirmed])).toEqual([['parent-before-child', true], ['no-bind-after-unregister', true]]);
    const one = probecheck(['replay', file, '--property', 'no-bind-after-unregister']);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('confirmed: property no-bind-after-unregister is violated at step 11');
    expect(one.stdout).not.toContain('parent-before-child');
    const none = probecheck(['replay', file, '--property', 'no-deadlock']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/E301 .*holds no trace of property 'no-deadlock'/);
  });

  it('replay --json reports each trace', () => {
    const { file } = writeTrace('no-bind-after-unregister');
    const d = JSON.parse(probecheck(['replay', file, '--json']).stdout);
    expect(d.traces).toEqual([expect.objectContaining({ property: 'no-bind-after-unregister', confirmed: true, violatedAt: 11 })]);
  });

  it('an edited move is refuted at the step where it diverges, with why (exit 1)', () => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    t.moves[4] = { thread: 'A_1', label: 'A3' }; // A_1 is at A0 there
    writeFileSync(file, JSON.stringify(t));
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("refuted: the trace of parent-before-child diverges from model probe-tree (N=3 variant=v4.2) at move 5 (A_1: A3): thread 'A_1' is at 'A0', not 'A3'");
  });

  it('a blocked move names what it waits for', () => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    t.moves = [{ thread: 'U', label: 'U1' }]; // reg[2] is 0 initially
    writeFileSync(file, JSON.stringify(t));
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/move 1 \(U: U1\): the step is blocked here \(its guard is false: waits for reg\[2\] and lock\[2\]\)/);
  });

  it('a trace that replays but never violates its property is refuted', () => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    t.moves = t.moves.slice(0, 6);
    writeFileSync(file, JSON.stringify(t));
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('refuted: all 6 moves replay, but property parent-before-child holds');
  });

  it('-q prints only each outcome line, with the same exit', () => {
    const { file } = writeTrace('parent-before-child');
    const ok = probecheck(['replay', file, '-q']);
    expect([ok.status, ok.stdout.trim()]).toEqual([0, 'confirmed: property parent-before-child is violated at step 7']);
    const t = JSON.parse(readFileSync(file, 'utf8'));
    t.moves = t.moves.slice(0, 6);
    writeFileSync(file, JSON.stringify(t));
    const no = probecheck(['replay', file, '--quiet']);
    expect(no.status).toBe(1);
    expect(no.stdout.trim().split('\n')).toEqual(['refuted: all 6 moves replay, but property parent-before-child holds in every state of the trace']);
  });

  it('a trace on the fixed variant is refuted where the fix blocks it', () => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    t.params.variant = 'fixed';
    writeFileSync(file, JSON.stringify(t));
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("move 6 (A_1: A2): thread 'A_1' is at 'A1', not 'A2'");
  });
});

describe('a lasso replayed', () => {
  // B15's re-probe loop beside a del of the host: on v4.2 (no mutex handoff) a lasso that starves the del.
  const LOOP = `import { scenario } from 'probecheck';
export default scenario({ name: 'loop-del', profile: 'v4.2', devices: { host: { present: true }, child: { parent: 'host' } },
  drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' } },
  actors: { modprobe: 'register host-drv', hotplug: 'del host' }, syncFallback: false, properties: ['actors-terminate'] });
`;
  it('a tampered lasso is refuted without the notes that would assert its loop', () => {
    const dir = project();
    writeFileSync(join(dir, 'loop.ts'), LOOP);
    const file = join(dir, 't.json');
    expect(probecheck(['check', 'loop.ts', '--trace-out', file, '-q'], { cwd: dir }).status).toBe(1);
    const t = JSON.parse(readFileSync(file, 'utf8'));
    expect(probecheck(['replay', file], { cwd: dir }).stdout).toMatch(/hotplug can move in 2 of the loop's \d+ states and never does/);
    // Claimed to stop for good where threads can still move: refuted, and no "no thread can move".
    const n = t.moves.length;
    writeFileSync(file, JSON.stringify({ ...t, loopFrom: n }));
    const stop = probecheck(['replay', file], { cwd: dir });
    expect(stop.status).toBe(1);
    expect(stop.stdout).not.toMatch(/no thread can move|repeat forever|never does/);
    expect(stop.stdout).toMatch(new RegExp(`refuted: all ${n} moves replay, but they are no counterexample to actors-terminate \\(the trace claims the run stops after move ${n}\\): the run stops after move ${n}, but .* can still move there`));
  });
});

describe('where replay finds the model (item 7)', () => {
  it('a trace moved elsewhere replays from any directory: the absolute path is stored', () => {
    const { file } = writeTrace('parent-before-child');
    const moved = join(tempDir(), 'deep/er/t.json');
    mkdirSync(join(moved, '..'), { recursive: true });
    renameSync(file, moved);
    const r = probecheck(['replay', moved], { cwd: tempDir() });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('confirmed: property parent-before-child is violated at step 7');
    expect(r.status).toBe(0);
  });

  it('the project moved too: found from the cwd, else from the trace file; --model overrides; a changed model warns', () => {
    const p = project();
    const w = probecheck(['check', 'm.ts', '--trace-out', 't.json', '-q'], { cwd: p });
    expect(w.status, w.stderr).toBe(1);
    const t = JSON.parse(readFileSync(join(p, 't.json'), 'utf8'));
    expect(t.model).toMatchObject({ file: 'm.ts', path: join(p, 'm.ts'), name: 'abba' });
    const p2 = `${p}-moved`;
    renameSync(p, p2); // the stored absolute path is gone now
    const fromCwd = probecheck(['replay', 't.json'], { cwd: p2 });
    expect(fromCwd.stdout).toContain('confirmed: property no-deadlock');
    expect(fromCwd.status).toBe(0);
    const fromTrace = probecheck(['replay', join(p2, 't.json')]); // from the repository: no m.ts here
    expect(fromTrace.stderr).toBe('');
    expect(fromTrace.status).toBe(0);

    // Neither: an error that says where it looked and what to do.
    const lost = join(tempDir(), 't.json');
    renameSync(join(p2, 't.json'), lost);
    const none = probecheck(['replay', lost]);
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe(`probecheck: E503 (unreadable input file): ${lost}: model file m.ts not found (looked at ${join(p, 'm.ts')}, ${join(ROOT, 'm.ts')}, ${join(lost, '../m.ts')}); pass --model FILE`);
    const given = probecheck(['replay', lost, '--model', join(p2, 'm.ts')]);
    expect(given.stderr).toBe('');
    expect(given.status).toBe(0);

    // The model changed since: one warning line, and the replay goes on.
    writeFileSync(join(p2, 'm.ts'), readFileSync(join(p2, 'm.ts'), 'utf8') + '\n// edited\n');
    const changed = probecheck(['replay', lost, '--model', join(p2, 'm.ts')]);
    expect(changed.stderr.trim().split('\n')).toEqual([`probecheck: warning: ${join(p2, 'm.ts')} differs from the model file the trace was written on (sha256); replaying on it`]);
    expect(changed.status).toBe(0);
    renameSync(lost, join(p2, 't.json'));
    const inPlace = probecheck(['replay', join(p2, 't.json')]);
    expect(inPlace.stderr.trim()).toBe(`probecheck: warning: ${join(p2, 'm.ts')} has changed since the trace was written (sha256 differs); replaying on it as it is now`);
    expect(inPlace.status).toBe(0);
  });

  it('--model with another model is E402; a missing --model file is E503', () => {
    const { file } = writeTrace('parent-before-child');
    const other = probecheck(['replay', file, '--model', `${FIXTURES}/abba.ts`]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^probecheck: E402 \(trace is for another model\): .*the trace is for model 'probe-tree', but .*abba.ts defines 'abba'/);
    const missing = probecheck(['replay', file, '--model', 'nope.ts']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('probecheck: E503 (unreadable input file): --model nope.ts: no such file');
  });

  // A CI hunt (2026-12-06): a trace beside where its patch file was said "(looked there and at X)"
  // with the same path twice.
  it('a patch file missing beside its trace is named once', () => {
    const dir = project();
    writeFileSync(join(dir, 'unplug.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'unplug', profile: 'v4.2', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', present: true } },
  actors: { hotplug: ['add dc', 'del dc'] }, properties: ['no-probe-after-del'] });
`);
    writeFileSync(join(dir, 'dead.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'noop', subject: 'nothing', base: 'v4.2', hunks: [{ fn: '__device_attach', replace: 'device_lock', step: (_s, o) => o! }] });
`);
    expect(probecheck(['check', 'unplug.ts', '--patch', 'dead.ts', '--trace-out', 't.json', '-q'], { cwd: dir }).status).toBe(1);
    renameSync(join(dir, 'dead.ts'), join(dir, 'gone.ts'));
    const r = probecheck(['replay', 't.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`probecheck: E503 (unreadable input file): t.json: patch file ${join(dir, 'dead.ts')} not found`);
  });

  it('a version 1 trace (model file relative to the trace file) still replays', () => {
    const { dir, file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    const v1 = { ...t, version: 1, model: { file: join('..', ...Array(dir.split('/').length - 2).fill('..'), PROBE_TREE), name: 'probe-tree' } };
    writeFileSync(file, JSON.stringify(v1));
    const r = probecheck(['replay', file], { cwd: tempDir() });
    expect(r.stdout).toContain('confirmed: property parent-before-child is violated at step 7');
    expect(r.status).toBe(0);
  });
});

describe('bad trace files: one line, exit 2', () => {
  const cases: [string, (t: any) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "probecheck-trace", ', /E401 .*not JSON/],
    ['wrong format', (t) => ({ ...t, format: 'quint' }), /E401 .*field format: expected "probecheck-trace", got "quint"/],
    ['newer version', (t) => ({ ...t, version: 3 }), /E401 .*field version: expected 1 or 2, got 3/],
    ['relative model.path', (t) => ({ ...t, model: { ...t.model, path: 'models/x.ts' } }), /E401 .*field model.path: expected an absolute path/],
    ['bad model.sha256', (t) => ({ ...t, model: { ...t.model, sha256: 'abc' } }), /E401 .*field model.sha256: expected 64 hex digits/],
    ['moves not a list', (t) => ({ ...t, moves: 'A_0' }), /E401 .*field moves: expected a list of moves/],
    ['move without label', (t) => ({ ...t, moves: [{ thread: 'A_0' }] }), /E401 .*field moves\[0\]\.label: expected a non-empty string, got nothing \(missing\)/],
    ['negative branch', (t) => ({ ...t, moves: [{ thread: 'A_0', label: 'A0', branch: -1 }] }), /E401 .*field moves\[0\]\.branch/],
    ['model missing', (t) => ({ ...t, model: undefined }), /E401 .*field model: expected an object/],
    ['another model', (t) => ({ ...t, model: { ...t.model, name: 'host1x' } }), /E402 .*for model 'host1x', but .* defines 'probe-tree'/],
    ['unknown property', (t) => ({ ...t, property: 'nope' }), /E301 .*no property 'nope'/],
    ['bad parameter', (t) => ({ ...t, params: { N: 99 } }), /E402 .*parameters do not fit model probe-tree \(.*N=99.*above its maximum 60\)/],
    ['model file gone', (t) => ({ ...t, model: { ...t.model, file: 'gone.ts', path: '/nonexistent/gone.ts' } }), /E503 .*model file gone.ts not found \(looked at \/nonexistent\/gone.ts, .*gone.ts\); pass --model FILE/],
    ['model file is not a model', (t) => ({ ...t, model: { ...t.model, file: `${FIXTURES}/not-a-model.ts`, path: `${FIXTURES}/not-a-model.ts` } }), /E105 .*not a model/],
  ];
  it.each(cases)('%s', (_name, edit, line) => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    const out = edit(t);
    writeFileSync(file, typeof out === 'string' ? out : JSON.stringify(out));
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(line);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
  });

  // A CI hunt (2026-12-05): a trace from a probecheck with another profile list gave an E602 that named no file.
  it('a kernel trace of a profile this probecheck does not know: E602 naming the trace file', () => {
    const dir = tempDir(), file = join(dir, 'k.json');
    probecheck(['check', 'models/hot-unplug.ts', '--param', 'profile=v4.2', '--property', 'no-probe-after-del', '--trace-out', file, '-q']);
    const t = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...t, params: { ...t.params, profile: 'v4.3' } }));
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^probecheck: E602 \\(unknown kernel profile\\): ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: unknown kernel profile 'v4.3'; did you mean 'v4.2'\\?`));
  });
});

describe('parseTraceFile (fuzzed)', () => {
  const good = { format: 'probecheck-trace', version: 1, model: { file: 'm.ts', name: 'm' }, params: { N: 3 }, property: 'p', moves: [{ thread: 'A', label: 'L' }] };

  it('accepts a valid trace', () => {
    expect(parseTraceFile(good).moves).toEqual([{ thread: 'A', label: 'L' }]);
  });

  it('random JSON gives a trace or an E401, nothing else', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      try { parseTraceFile(v); } catch (e) {
        expect(e).toBeInstanceOf(ProbecheckError);
        expect((e as ProbecheckError).code).toBe('E401');
      }
    }), { numRuns: 2000 });
  });

  it('a valid trace with one field replaced by random JSON: a trace or an E401 naming a field', () => {
    const keys = ['format', 'version', 'model', 'params', 'property', 'moves', 'steps', 'loopFrom', 'explanation'];
    fc.assert(fc.property(fc.constantFrom(...keys), fc.jsonValue(), (k, v) => {
      try { parseTraceFile({ ...good, [k]: v }); } catch (e) {
        expect(e).toBeInstanceOf(ProbecheckError);
        expect((e as ProbecheckError).message).toMatch(/field \S+/);
      }
    }), { numRuns: 2000 });
  });
});
