/**
 * Limits and errors. A search cut short by maxStates, maxDepth or timeLimit is incomplete, says
 * why it stopped, and reports `unknown` for every property it did not see violated (never
 * `holds`). Model mistakes are numbered errors naming the culprit: E202 for an unknown label,
 * E201 for an out-of-range write, E301 for an unknown property.
 */
import { describe, expect, it } from 'vitest';
import { check, ProbecheckError, t, type Model, type RecordT } from 'probecheck';
import probeTree from '../../models/bench/probe-tree.js';
import { build, verdicts } from './helpers.js';

const BACKENDS = ['fast', 'reference'] as const;
const ALL_UNKNOWN = { 'parent-before-child': 'unknown', 'no-bind-after-unregister': 'unknown', 'no-deadlock': 'unknown' };

function thrown(f: () => unknown): ProbecheckError {
  try { f(); } catch (e) { if (e instanceof ProbecheckError) return e; throw e; }
  throw new Error('expected a ProbecheckError; nothing was thrown');
}

describe.each(BACKENDS)('limits on the %s backend', (backend) => {
  const fixed6 = build(probeTree, { N: 6, variant: 'fixed' }); // 21,656 states, depth 53

  it('maxStates stops early: incomplete, max-states, every verdict unknown', () => {
    const r = check(fixed6, { backend, maxStates: 2000 });
    expect([r.complete, r.stopped]).toEqual([false, 'max-states']);
    expect(r.states).toBeGreaterThanOrEqual(2000);
    expect(r.states).toBeLessThan(21656);
    expect(verdicts(r)).toEqual(ALL_UNKNOWN);
  });

  // BUG (src/engine/search/explore.ts): the maxStates test sits inside the every-1024-expansions
  // block with the clock, so a search asked for 100 states stores 1,370 (probe-tree fixed N=8;
  // 4,918 for two-phase-commit RM=9). Comparing store.size is cheap enough to do per expansion.
  it('maxStates stops within one expansion of the limit', () => {
    const r = check(build(probeTree, { N: 8, variant: 'fixed' }), { backend, maxStates: 100 });
    expect(r.stopped).toBe('max-states');
    expect(r.states).toBeLessThan(100 + 20);
  });

  it('maxDepth stops early: incomplete, max-depth, no state deeper than the limit', () => {
    const r = check(fixed6, { backend, maxDepth: 10 });
    expect([r.complete, r.stopped, r.depth]).toEqual([false, 'max-depth', 10]);
    expect(verdicts(r)).toEqual(ALL_UNKNOWN);
  });

  it('a violation found within the limit is still reported; the rest stay unknown', () => {
    // v4.2 N=5: parent-before-child is violated at depth 7, no-bind-after-unregister only at 15.
    const r = check(build(probeTree, { N: 5, variant: 'v4.2' }), { backend, maxDepth: 10 });
    expect([r.complete, r.stopped]).toEqual([false, 'max-depth']);
    expect(verdicts(r)).toEqual({ 'parent-before-child': 'violated', 'no-bind-after-unregister': 'unknown', 'no-deadlock': 'unknown' });
    expect(r.properties[0]!.trace!.moves).toHaveLength(7);
  });

  it('a depth limit the search never reaches leaves it complete', () => {
    const r = check(build(probeTree, { N: 3, variant: 'fixed' }), { backend, maxDepth: 29 + 1 });
    expect([r.complete, r.stopped, r.states]).toEqual([true, undefined, 727]);
  });

  it('timeLimit stops early: incomplete, time-limit, verdicts unknown', () => {
    const m = backend === 'fast' ? build(probeTree, { N: 9, variant: 'fixed' }) : fixed6;
    const r = check(m, { backend, timeLimit: 0.05 });
    expect([r.complete, r.stopped]).toEqual([false, 'time-limit']);
    expect(r.seconds).toBeLessThan(5);
    expect(verdicts(r)).toEqual(ALL_UNKNOWN);
  });

  it('random simulation is never complete and never says holds', () => {
    const r = check(fixed6, { backend, strategy: 'random', runs: 20 });
    expect(r.complete).toBe(false);
    expect(verdicts(r)).toEqual(ALL_UNKNOWN);
  });
});

describe.each(BACKENDS)('errors on the %s backend', (backend) => {
  const tiny = (run: (s: any) => string | null, state: RecordT = t.record({ x: t.int(3) })): Model => ({
    name: 'tiny', state, properties: [{ kind: 'invariant', name: 'ok', holds: () => true }],
    threads: [{ name: 'worker', program: 'job', steps: { start: { where: 'test:start', run: () => 'work' }, work: { where: 'test:work', run } } }],
  });

  it('a step returning an unknown label is E202 naming the step, thread and known labels', () => {
    const e = thrown(() => check(tiny(() => 'wrok'), { backend }));
    expect(e.code).toBe('E202');
    expect(e.message).toContain(`step 'work' of job (thread 'worker') returned unknown label "wrok"; known: start, work`);
  });

  it('an out-of-range write to an integer field is E201 naming the field and the step', () => {
    const e = thrown(() => check(tiny((s) => { s.x = 4; return null; }), { backend }));
    expect(e.code).toBe('E201');
    expect(e.message).toMatch(/step 'work' of thread 'worker'/);
    expect(e.message).toMatch(/state field .*x was set to 4; it must be an integer in 0\.\.3/);
  });

  it('a non-integer write is E201 too', () => {
    const e = thrown(() => check(tiny((s) => { s.x = 1.5; return null; }), { backend }));
    expect(e.code).toBe('E201');
  });

  it('a write to an unknown enum value is E201', () => {
    const e = thrown(() => check(tiny((s) => { s.mode = 'gone'; return null; }, t.record({ mode: t.enum('off', 'on') })), { backend }));
    expect(e.code).toBe('E201');
    expect(e.message).toMatch(/mode was set to "gone"; it must be one of off, on/);
  });

  it('an unknown property is E301 listing the known ones', () => {
    const e = thrown(() => check(build(probeTree, { N: 2 }), { backend, properties: ['no-deadlok'] }));
    expect(e.code).toBe('E301');
    expect(e.message).toBe(`model probe-tree has no property 'no-deadlok'; known: parent-before-child, no-bind-after-unregister, no-deadlock`);
  });

  it('checking only the named properties', () => {
    const r = check(build(probeTree, { N: 3, variant: 'v4.2' }), { backend, properties: ['no-deadlock'] });
    expect(verdicts(r)).toEqual({ 'no-deadlock': 'holds' });
    expect(r.states).toBe(1670);
  });
});

describe('out-of-range writes to integer arrays', () => {
  const arrayModel = (): Model => ({
    name: 'arr', state: t.record({ a: t.array(2, t.int(3)) }), properties: [],
    threads: [{ name: 'w', steps: { w: { where: 'test:w', run: (s: any) => { s.a[1] = 7; return null; } } } }],
  });

  it('are E201 on the reference backend', () => {
    const e = thrown(() => check(arrayModel(), { backend: 'reference' }));
    expect(e.code).toBe('E201');
    expect(e.message).toMatch(/a\[1\] was set to 7; it must be an integer in 0\.\.3/);
  });

  // Documented in schema.ts (arrays are Uint8Array views, unchecked): the fast backend stores 7
  // in a 0..3 slot and goes on, so the two backends disagree on such a model.
  it.fails('fixme: are not caught on the fast backend', () => {
    const e = thrown(() => check(arrayModel(), { backend: 'fast' }));
    expect(e.code).toBe('E201');
  });
});
