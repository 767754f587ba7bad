/**
 * Action properties that `watch` fields promise to hold on every move that changes none of them,
 * and the search skips them there (src/engine/search/monitor.ts). That the kernel library keeps
 * the promise on every reachable move of every bundled suite case, and that the search gives the
 * reference backend's verdicts and traces, is test/engine/bundled-cases.test.ts's (one build of
 * the cases for its sweeps); here, a clause the promise rules out, and a path that names no field is E101.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, t, type ActionProperty, type Model } from 'probecheck';
import { watchedWords } from '../../src/engine/search/monitor.js';
import { FastBackend } from '../../src/engine/state/fast.js';

describe('action properties that watch fields', () => {
  it("a clause about the state after the move alone fires only on a move that changes what it reads: single-binding's, kept whole, would break the promise", () => {
    // dev->driver NULL while bound: reached by a move that clears driver, then held through any other move.
    const S = t.record({ driver: t.int(1), bound: t.bool, other: t.int(1) });
    const clause = (y: { driver: number; bound: boolean }) => y.bound && y.driver === 0;
    const m: Model = {
      name: 'drop', state: t.record({ dev: t.array(1, S) }),
      init: (s: any) => { s.dev[0].driver = 1; s.dev[0].bound = true; },
      threads: [{ name: 'A', running: true, steps: {
        clear: { where: 'x', run: (s: any) => { s.dev[0].driver = 0; return 'poke'; } },
        poke: { where: 'x', run: (s: any) => { s.dev[0].other = 1; return null; } },
      } }],
      properties: [],
    };
    const whole: ActionProperty = { kind: 'action', name: 'whole', watches: ['dev[*].driver', 'dev[*].bound'], holds: (_b: any, a: any) => !clause(a.dev[0]) };
    const be = new FastBackend({ ...m, properties: [whole] });
    const w = watchedWords(be.c, whole);
    be.loadInitial();
    be.apply(0, 0); // clear: changes driver
    be.step(0, 0); // poke: changes only `other`
    expect(be.unchanged(w)).toBe(true);
    expect(whole.holds(be.curG(), be.nextG(), { thread: 'A', label: 'poke' }, be.nextQ())).toBe(false);
  });

  it('a watched path that names no state field is E101', () => {
    const m = defineModel({ name: 'w', params: {}, build: () => ({
      name: 'w', state: t.record({ x: t.int(1) }), threads: [{ name: 'A', running: true, steps: { a: { where: 'x', run: (s: any) => { s.x = 1; return null; } } } }],
      properties: [{ kind: 'action', name: 'p', watches: ['y'], holds: () => true }],
    }) }).build({});
    expect(() => check(m)).toThrow(expect.objectContaining({ code: 'E101', message: "property 'p': watches 'y', which names no state field of model w" }));
  });
});
