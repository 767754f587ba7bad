/**
 * Trace files: written by --trace-out, confirmed by replay; an edited move is refuted at the
 * step it diverges; corrupt, foreign and unknown files are clear errors. The parser is fuzzed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProbecheckError } from '../../src/engine/errors.js';
import { parseTraceFile } from '../../src/report/trace-file.js';
import { FIXTURES, PROBE_TREE, hasStack, probecheck, tempDir } from './run.js';

function writeTrace(property: string): { dir: string; file: string } {
  const dir = tempDir(), file = join(dir, 'trace.json');
  const r = probecheck(['check', PROBE_TREE, '--param', 'N=3', '--param', 'variant=v4.2', '--property', property, '--trace-out', file, '-q']);
  expect(r.status, r.stderr).toBe(1);
  return { dir, file };
}

describe('trace file round trip', () => {
  it('--trace-out writes a versioned trace that replay confirms', () => {
    const { file } = writeTrace('parent-before-child');
    const t = JSON.parse(readFileSync(file, 'utf8'));
    expect(t).toMatchObject({ format: 'probecheck-trace', version: 1, model: { name: 'probe-tree' }, params: { N: 3, variant: 'v4.2' }, property: 'parent-before-child' });
    expect(t.model.file).not.toMatch(/^\//); // relative to the trace file, so it survives a move
    expect(t.moves).toHaveLength(7);
    expect(t.steps[6].where).toBe('drivers/base/dd.c:really_probe');
    const r = probecheck(['replay', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('confirmed: property parent-before-child is violated at step 7');
    expect(r.stdout).toContain('really_probe');
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

describe('bad trace files: one line, exit 2', () => {
  const cases: [string, (t: any) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "probecheck-trace", ', /E401 .*not JSON/],
    ['wrong format', (t) => ({ ...t, format: 'quint' }), /E401 .*field format: expected "probecheck-trace", got "quint"/],
    ['newer version', (t) => ({ ...t, version: 2 }), /E401 .*field version: expected 1, got 2/],
    ['moves not a list', (t) => ({ ...t, moves: 'A_0' }), /E401 .*field moves: expected a list of moves/],
    ['move without label', (t) => ({ ...t, moves: [{ thread: 'A_0' }] }), /E401 .*field moves\[0\]\.label: expected a non-empty string, got nothing \(missing\)/],
    ['negative branch', (t) => ({ ...t, moves: [{ thread: 'A_0', label: 'A0', branch: -1 }] }), /E401 .*field moves\[0\]\.branch/],
    ['model missing', (t) => ({ ...t, model: undefined }), /E401 .*field model: expected an object/],
    ['another model', (t) => ({ ...t, model: { ...t.model, name: 'host1x' } }), /E402 .*for model 'host1x', but .* defines 'probe-tree'/],
    ['unknown property', (t) => ({ ...t, property: 'nope' }), /E301 .*no property 'nope'/],
    ['bad parameter', (t) => ({ ...t, params: { N: 99 } }), /E402 .*parameters do not fit model probe-tree \(.*N=99.*above its maximum 60\)/],
    ['model file gone', (t) => ({ ...t, model: { ...t.model, file: 'gone.ts' } }), /E503 .*gone.ts: no such file/],
    ['model file is not a model', (t) => ({ ...t, model: { ...t.model, file: `${FIXTURES}/not-a-model.ts` } }), /E105 .*not a model/],
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
