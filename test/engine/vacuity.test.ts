/**
 * Vacuity (issue 10, items 1 and 9) on toy models: a thread's actions that never complete, a
 * premise never met, a search that sees only the initial state; reachability answered as
 * reachable/unreachable; which unfired steps are news; and how vacuity decides the exit status.
 */
import { describe, expect, it } from 'vitest';
import { check, runSuite, t, type Model, type Property, type Result, type SuiteCase, type ThreadDef } from 'probecheck';
import { EXIT, worst } from '../../src/cli/exit.js';
import { verdictExit } from '../../src/cli/exit.js';

const W = 'test/vacuity';

/**
 * A worker that takes a lock, then either does its work (`work:do`, `work:done`) or, when `gate`
 * is shut, gives up at once. `gate` opens only if `opener` runs, and the worker waits for it first
 * when `wait` is set (an actor that never gets past its first action).
 */
function worker(o: { opener: boolean; wait?: boolean; props?: Property[] }): Model {
  const threads: ThreadDef[] = [{
    name: 'worker',
    actions: [{ name: 'start', done: ['start:go'] }, { name: 'work', done: ['work:done'] }],
    steps: {
      'start:go': { where: W, ...(o.wait ? { await: (s: any) => s.gate, idle: true } : {}), run: () => 'work:check' },
      'work:check': { where: W, run: (s: any) => (s.gate ? 'work:do' : null) },
      'work:do': { where: W, run: (s: any) => { s.did = true; return 'work:done'; } },
      'work:done': { where: W, run: () => null },
      'other:never': { where: W, run: () => null },
    },
  }];
  if (o.opener) threads.push({ name: 'opener', steps: { open: { where: W, run: (s: any) => { s.gate = true; return null; } } } });
  return { name: 'worker', state: t.record({ gate: t.bool, did: t.bool }), threads, properties: o.props ?? [{ kind: 'deadlock', name: 'no-deadlock' }] };
}

describe('vacuity report', () => {
  it('names an action whose completing step never fired, and not one that completed in some run', () => {
    const idle = check(worker({ opener: false }));
    expect(idle.complete).toBe(true);
    expect(idle.vacuity!.actions).toEqual([{ thread: 'worker', action: 'work', index: 1 }]);
    expect(verdictExit(idle)).toBe(EXIT.vacuous);
    expect(verdictExit(idle, true)).toBe(EXIT.ok);
    // With the opener, some interleaving opens the gate first: the work completes there.
    const ok = check(worker({ opener: true }));
    expect(ok.vacuity).toEqual({ actions: [], properties: [] });
    expect(verdictExit(ok)).toBe(EXIT.ok);
  });

  it('an action marked optional is not reported; an unknown completing step is E103', () => {
    const m = worker({ opener: false });
    m.threads[0]!.actions![1]!.optional = true;
    expect(check(m).vacuity!.actions).toEqual([]);
    m.threads[0]!.actions![1] = { name: 'work', done: ['work:typo'] };
    expect(() => check(m)).toThrow(expect.objectContaining({ code: 'E103', message: "thread 'worker': action 'work' completes at step 'work:typo', which the thread does not have" }));
  });

  it('a property whose premise is never met is vacuous, with the premise in words; one whose premise is met holds', () => {
    const props: Property[] = [
      { kind: 'invariant', name: 'did-only-when-open', holds: (s: any) => !s.did || s.gate, premise: (s: any) => s.did, premiseText: 'the work is done' },
      { kind: 'action', name: 'gate-stays-shut', holds: () => true, premise: (s: any) => s.gate, premiseText: 'the gate opens' },
    ];
    const shut = check(worker({ opener: false, props }));
    expect(shut.properties.map((p) => [p.name, p.verdict, p.vacuous])).toEqual([['did-only-when-open', 'vacuous', true], ['gate-stays-shut', 'vacuous', true]]);
    expect(shut.vacuity!.properties).toEqual([
      { name: 'did-only-when-open', reason: 'premise', premise: 'the work is done' },
      { name: 'gate-stays-shut', reason: 'premise', premise: 'the gate opens' },
    ]);
    const open = check(worker({ opener: true, props }));
    expect(open.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
  });

  it('a search that saw only the initial state makes every verdict not violated vacuous, liveness included', () => {
    const r = check(worker({ opener: false, wait: true, props: [
      { kind: 'deadlock', name: 'no-deadlock' },
      { kind: 'eventually', name: 'ends', holds: (s: any) => !s.did },
      { kind: 'invariant', name: 'fine', holds: () => true },
      { kind: 'invariant', name: 'broken', holds: () => false },
    ] }));
    expect(r.states).toBe(1);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'no-deadlock': 'vacuous', ends: 'vacuous', fine: 'vacuous', broken: 'violated' });
    expect(r.vacuity!.properties.map((p) => [p.name, p.reason])).toEqual([['no-deadlock', 'initial-state'], ['ends', 'initial-state'], ['fine', 'initial-state']]);
    expect(r.vacuity!.actions.map((a) => a.action)).toEqual(['start', 'work']);
    // A violation outranks vacuity.
    expect(verdictExit(r)).toBe(EXIT.violated);
  });

  it('no vacuity report on an incomplete search: what did not happen yet may happen later', () => {
    const r = check(worker({ opener: true }), { maxStates: 2 });
    expect(r.complete).toBe(false);
    expect(r.vacuity).toBeUndefined();
    expect(verdictExit(r)).toBe(EXIT.limit);
  });
});

describe('reachability (sometimes)', () => {
  const q = (holds: (s: any) => boolean): Property[] => [{ kind: 'sometimes', name: 'q', holds }];

  it('reachable with a witness, or unreachable; unreachable is exit 1 and outranks vacuity', () => {
    const yes = check(worker({ opener: true, props: q((s) => s.did) })).properties[0]!;
    expect(yes.verdict).toBe('reachable');
    expect(yes.witness!.moves).toHaveLength(4);
    expect(yes.witness!.moves.at(-1)).toEqual({ thread: 'worker', label: 'work:do' });
    expect(yes.trace).toBeUndefined();
    const no = check(worker({ opener: false, props: q((s) => s.did) }));
    expect(no.properties[0]).toMatchObject({ verdict: 'unreachable' });
    expect(no.properties[0]!.witness).toBeUndefined();
    expect(verdictExit(no)).toBe(EXIT.violated);
  });
});

describe('steps that never fired', () => {
  it('news only in a block the search entered; steps of blocks never entered are a count', () => {
    const r = check(worker({ opener: false }));
    // work:check fired, so work:do and work:done (same block, `work`) are news; other:never is in a block nobody entered.
    expect(r.neverFired).toEqual([`worker: work:do (${W})`, `worker: work:done (${W})`]);
    expect(r.unenteredSteps).toBe(1);
  });

  it('a step fired by another instance of the same program is not news', () => {
    const inst = (name: string, go: boolean): ThreadDef => ({
      name, program: 'p', steps: { 'f:a': { where: W, run: () => (go ? 'f:b' : null) }, 'f:b': { where: W, run: () => null } },
    });
    const m: Model = { name: 'two', state: t.record({ x: t.bool }), threads: [inst('p#1', true), inst('p#2', false)], properties: [] };
    expect(check(m).neverFired).toEqual([]);
  });
});

describe('suites and vacuity', () => {
  const result = worker({ opener: false, props: [
    { kind: 'invariant', name: 'inv', holds: () => true, premise: (s: any) => s.did },
    { kind: 'sometimes', name: 'reach', holds: (s: any) => s.gate },
  ] });
  const outcome = (expect: SuiteCase['expect'], allowVacuous = false) =>
    runSuite({ file: 'x.suite.ts', modelFile: 'x.ts', suite: { kind: 'probecheck-suite', name: 'x', model: 'x.ts', cases: [{ params: {}, expect }] } },
      async (): Promise<Result> => check(result), undefined, { allowVacuous });

  it('vacuous and unreachable are verdicts a suite can expect; holds for a vacuous property is a mismatch unless vacuity is allowed', async () => {
    const right = (await outcome({ inv: 'vacuous', reach: 'unreachable' })).cases[0]!;
    expect(right.rows.map((r) => r.status)).toEqual(['ok', 'ok']);
    // The worker's second action never completes: the case itself is vacuous.
    expect(right).toMatchObject({ idleActions: ['worker: work'], actionsStatus: 'vacuous' });
    expect((await outcome({ inv: 'holds' })).cases[0]!.rows[0]).toMatchObject({ observed: 'vacuous', status: 'mismatch' });
    const allowed = (await outcome({ inv: 'holds' }, true)).cases[0]!;
    expect(allowed.rows[0]).toMatchObject({ observed: 'vacuous', status: 'ok' });
    expect(allowed.actionsStatus).toBe('ok');
  });

  it("E502 when the words do not fit the property: holds for a reachability question, reachable for an invariant", async () => {
    await expect(outcome({ reach: 'holds' })).rejects.toThrow(/x\.suite\.ts: cases\[0\]\.expect\.reach: 'reach' is a reachability question; expected one of 'reachable', 'unreachable', 'vacuous', got 'holds'/);
    await expect(outcome({ inv: 'reachable' })).rejects.toThrow(/'inv' is not a reachability question \(invariant\)/);
  });
});

describe('exit status order', () => {
  it('2, 4, 1, 5, 3, then 0', () => {
    expect(worst([EXIT.ok, EXIT.limit, EXIT.vacuous])).toBe(EXIT.vacuous);
    expect(worst([EXIT.vacuous, EXIT.violated])).toBe(EXIT.violated);
    expect(worst([EXIT.vacuous, EXIT.mismatch])).toBe(EXIT.mismatch);
    expect(worst([EXIT.ok])).toBe(EXIT.ok);
    expect(EXIT.vacuous).toBe(5);
  });
});
