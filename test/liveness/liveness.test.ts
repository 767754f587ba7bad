/**
 * Liveness under weak fairness: toy models with known fair and unfair cycles, lassos that
 * replay, and a cross-check of the SCC-based result against brute force on small random graphs
 * (every strongly connected edge set is a closed walk, so enumerating edge subsets enumerates
 * every possible infinite behaviour).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, makeBackend, replay, t, type Model, type Property } from '../../src/index.js';
import { confirmLasso } from '../../src/engine/liveness.js';

const counterState = t.record({ x: t.int(3), done: t.bool });

/** A spinner that flips x forever and a finisher that sets done once. */
function spinAndFinish(finisherFair: boolean, props: Property[]): Model {
  return {
    name: 'spin-and-finish', state: counterState,
    threads: [
      { name: 'spinner', steps: { spin: { where: 'toy:spin', run: (s) => { s.x = s.x === 0 ? 1 : 0; return 'spin'; } } } },
      { name: 'finisher', fair: finisherFair, steps: { finish: { where: 'toy:finish', run: (s) => { s.done = true; return null; } } } },
    ],
    properties: props,
  };
}

describe('eventually', () => {
  const done: Property = { kind: 'eventually', name: 'eventually-done', holds: (s) => s.done };

  it('holds when the finisher is fair: the spinner cannot starve it forever', () => {
    const r = check(spinAndFinish(true, [done]));
    expect(r.properties[0]!.verdict).toBe('holds');
  });

  it('is violated by a lasso when the finisher may stop: the spinner loops forever', () => {
    const r = check(spinAndFinish(false, [done]));
    const p = r.properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.trace!.loopFrom).toBe(0);
    expect(p.trace!.moves.map((m) => m.thread)).toEqual(['spinner', 'spinner']);
    expect(() => replay(makeBackend(spinAndFinish(false, [done])), p.trace!.moves)).not.toThrow();
  });

  it('reports a dead end as a lasso with an empty cycle', () => {
    const m: Model = {
      name: 'stuck', state: counterState,
      threads: [{ name: 'waiter', steps: { wait: { where: 'toy:wait', await: (s) => s.x === 1, run: (s) => { s.done = true; return null; } } } }],
      properties: [{ kind: 'eventually', name: 'eventually-done', holds: (s) => s.done, explain: (s) => `x = ${s.x}` }],
    };
    const p = check(m).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.trace!.moves).toEqual([]);
    expect(p.trace!.loopFrom).toBe(0);
    expect(p.explanation).toBe('x = 0');
  });

  it('is unknown when a limit stops the search', () => {
    const r = check(spinAndFinish(true, [done]), { maxDepth: 1 });
    expect(r.complete).toBe(false);
    expect(r.properties[0]!.verdict).toBe('unknown');
  });
});

describe('leads-to, quiescent, sometimes', () => {
  it('leads-to finds the state where the promise starts and the fair loop that breaks it', () => {
    // A request is raised; a server that only serves while x = 0 is starved by nothing, but a
    // second flipper keeps x moving, and the server is unfair.
    const m: Model = {
      name: 'req', state: t.record({ req: t.bool, served: t.bool, x: t.int(1) }),
      threads: [
        { name: 'client', steps: { ask: { where: 'toy:ask', run: (s) => { s.req = true; return null; } } } },
        { name: 'flipper', steps: { flip: { where: 'toy:flip', run: (s) => { s.x = 1 - s.x; return 'flip'; } } } },
        { name: 'server', fair: false, steps: { serve: { where: 'toy:serve', await: (s) => s.req, run: (s) => { s.served = true; return null; } } } },
      ],
      properties: [{ kind: 'leads-to', name: 'req-leads-to-served', from: (s) => s.req, to: (s) => s.served }],
    };
    const p = check(m).properties[0]!;
    expect(p.verdict).toBe('violated');
    const loop = p.trace!.moves.slice(p.trace!.loopFrom);
    expect(loop.length).toBeGreaterThan(0);
    expect(loop.every((x) => x.thread === 'flipper')).toBe(true);
    expect(p.trace!.moves.slice(0, p.trace!.loopFrom).some((x) => x.thread === 'client')).toBe(true);
  });

  it('leads-to is vacuous when its trigger is unreachable', () => {
    const p = check(spinAndFinish(true, [{ kind: 'leads-to', name: 'never', from: (s) => s.x === 3, to: (s) => s.done }])).properties[0]!;
    expect(p.verdict).toBe('vacuous');
    expect(p.vacuous).toBe(true);
  });

  it('quiescent is violated by a fair cycle through an unquiet state and holds when the loop ends', () => {
    // Fairness makes the finisher finish, so 'done' is reached for good...
    expect(check(spinAndFinish(true, [{ kind: 'quiescent', name: 'quiet', quiet: (s) => s.done }])).properties[0]!.verdict).toBe('holds');
    // ...but the spinner keeps coming back to x = 1 forever.
    expect(check(spinAndFinish(true, [{ kind: 'quiescent', name: 'quiet', quiet: (s) => s.x === 0 }])).properties[0]!.verdict).toBe('violated');
    const ends: Model = {
      name: 'ends', state: counterState,
      threads: [{ name: 'w', steps: { a: { where: 'toy:a', run: (s) => { s.x++; return s.x < 3 ? 'a' : null; } } } }],
      properties: [{ kind: 'quiescent', name: 'quiet', quiet: (s) => s.x === 3 }],
    };
    expect(check(ends).properties[0]!.verdict).toBe('holds');
  });

  it('sometimes is reachable with a shortest witness, or unreachable when nothing reaches it', () => {
    const r = check(spinAndFinish(true, [
      { kind: 'sometimes', name: 'can-finish', holds: (s) => s.done },
      { kind: 'sometimes', name: 'x-three', holds: (s) => s.x === 3 },
    ]));
    expect(r.properties[0]!.verdict).toBe('reachable');
    expect(r.properties[0]!.witness!.moves).toEqual([{ thread: 'finisher', label: 'finish' }]);
    expect(r.properties[1]!.verdict).toBe('unreachable');
    expect(r.properties[1]!.witness).toBeUndefined();
  });
});

/*
 * An unfair thread with `stopsAt` may stop for good only at those labels; elsewhere it is weakly
 * fair (a scenario's unfair actor stops before an action, never inside one, holding a lock).
 */
describe('stopsAt: where an unfair thread may stop', () => {
  const lockState = t.record({ lock: t.bool, done: t.bool, x: t.int(1) });
  const done: Property = { kind: 'eventually', name: 'eventually-done', holds: (s) => s.done };
  const model = (holder: { fair?: boolean; stopsAt?: string[] }): Model => ({
    name: 'holder-waiter', state: lockState,
    threads: [
      { name: 'holder', ...holder, steps: {
        take: { where: 'toy:take', await: (s) => !s.lock, run: (s) => { s.lock = true; return 'work'; } },
        work: { where: 'toy:work', run: () => 'release' },
        release: { where: 'toy:release', run: (s) => { s.lock = false; return null; } },
      } },
      { name: 'waiter', steps: { wait: { where: 'toy:wait', await: (s) => !s.lock, run: (s) => { s.done = true; return null; } } } },
    ],
    properties: [done],
  });
  const verdict = (m: Model) => check(m).properties[0]!;

  it('an unfair thread that may stop anywhere stops holding the lock; one that stops only before taking it does not', () => {
    const anywhere = verdict(model({ fair: false }));
    expect(anywhere.verdict).toBe('violated');
    expect(anywhere.trace!.moves.map((m) => m.label)).toEqual(['take']);
    expect(anywhere.trace!.mayStop).toEqual(['holder']);
    expect(verdict(model({ fair: false, stopsAt: ['take'] })).verdict).toBe('holds');
    expect(verdict(model({})).verdict).toBe('holds');
    // The lasso that stops holder at `work` is refuted on the model where it may stop only at `take`.
    expect(confirmLasso(makeBackend(model({ fair: false, stopsAt: ['take'] })), done as never, anywhere.trace!.moves, 1))
      .toEqual({ confirmed: false, why: 'the run stops after move 1, but holder can still move there (an unfair stop)' });
    expect(confirmLasso(makeBackend(model({ fair: false })), done as never, anywhere.trace!.moves, 1)).toMatchObject({ confirmed: true });
  });

  it('on a cycle: a thread fair away from its stop labels is owed its move', () => {
    // spinner loops; finisher's only step is not a stop label, so it is weakly fair there.
    const spin = (finisher: { fair?: boolean; stopsAt?: string[] }): Model => ({
      name: 'spin', state: lockState,
      threads: [
        { name: 'spinner', steps: { spin: { where: 'toy:spin', run: (s) => { s.x = s.x === 0 ? 1 : 0; return 'spin'; } } } },
        { name: 'finisher', ...finisher, steps: { finish: { where: 'toy:finish', run: (s) => { s.done = true; return null; } } } },
      ],
      properties: [done],
    });
    expect(verdict(spin({ fair: false })).verdict).toBe('violated');
    expect(verdict(spin({ fair: false, stopsAt: [] })).verdict).toBe('holds');
    expect(verdict(spin({ fair: false, stopsAt: ['finish'] })).verdict).toBe('violated');
  });

  it('names only its own labels, and only on an unfair thread (E103)', () => {
    expect(() => check(model({ fair: false, stopsAt: ['nap'] }))).toThrow(/thread 'holder': stopsAt names 'nap', which is not one of its steps/);
    expect(() => check(model({ stopsAt: ['take'] }))).toThrow(/thread 'holder': stopsAt is for a thread that is not fair \(fair: false\)/);
  });
});

describe('strong: a lock with handoff', () => {
  const lockState = t.record({ lock: t.bool, done: t.bool });
  const done: Property = { kind: 'eventually', name: 'eventually-done', holds: (s) => s.done };
  // A looper takes and drops the lock for ever; the waiter needs it once. Between the looper's
  // release and its next take the waiter can move, in one state of the loop's two.
  const model = (strong: boolean): Model => ({
    name: 'looper-waiter', state: lockState,
    threads: [
      { name: 'looper', steps: {
        take: { where: 'toy:take', await: (s) => !s.lock, run: (s) => { s.lock = true; return 'release'; } },
        release: { where: 'toy:release', run: (s) => { s.lock = false; return 'take'; } },
      } },
      { name: 'waiter', steps: { wait: { where: 'toy:wait', strong, await: (s) => !s.lock, run: (s) => { s.done = true; return null; } } } },
    ],
    properties: [done],
  });

  it('weak fairness lets the loop pass the waiter over for ever; strong fairness owes it the lock', () => {
    const weak = check(model(false)).properties[0]!;
    expect(weak.verdict).toBe('violated');
    expect(weak.trace!.starved).toEqual([{ thread: 'waiter', enabledIn: 1, of: 2 }]);
    expect(check(model(true)).properties[0]!.verdict).toBe('holds');
    // The weak lasso, re-executed on the strong model, is refuted by name.
    expect(confirmLasso(makeBackend(model(true)), done as never, weak.trace!.moves, weak.trace!.loopFrom!))
      .toEqual({ confirmed: false, why: 'the cycle is unfair: waiter can move in 1 of its 2 states at a strongly fair step (wait) and never moves' });
  });

  // A liveness hunt (2026-12-05): a user's guard on a mutex wait is strongly fair where a whole
  // search finds it lets the thread go exactly where the lock does (strongUnless false), weakly fair
  // otherwise; a replay with no such search behind it takes the step as weakly fair.
  it('strongUnless: judged after the search, weak until judged', () => {
    const cond = (differs: boolean): Model => {
      const m = model(true);
      const [looper, waiter] = m.threads;
      return { ...m, threads: [looper!, { ...waiter!, steps: { wait: { ...waiter!.steps.wait!, strongUnless: () => differs } } }] };
    };
    expect(check(cond(false)).properties[0]!.verdict).toBe('holds');
    const weak = cond(true), r = check(weak).properties[0]!;
    expect(r.verdict).toBe('violated');
    expect(r.trace!.starved).toEqual([{ thread: 'waiter', enabledIn: 1, of: 2 }]);
    expect(confirmLasso(makeBackend(weak), done as never, r.trace!.moves, r.trace!.loopFrom!).confirmed).toBe(true);
    // Not yet judged by a search: weak, so the lasso stands; once a search judged it strong, refuted.
    const strong = cond(false);
    expect(confirmLasso(makeBackend(strong), done as never, r.trace!.moves, r.trace!.loopFrom!).confirmed).toBe(true);
    check(strong);
    expect(confirmLasso(makeBackend(strong), done as never, r.trace!.moves, r.trace!.loopFrom!).why).toMatch(/^the cycle is unfair: waiter can move/);
  });
});

describe('strong: what is left after a split is searched again (a review, 2026-12-05)', () => {
  // The random cross-checks passed with split components dropped instead of searched again.
  it('one split: the fair cycle is in what is left', () => {
    // A (strong) can move only at node 0 and leaves for node 1 for good; B cycles 0 -> 3 -> 0 and
    // 3 -> 3. {0,3} owes A a move, so 0 goes; {3} with B's self-loop is fair and unquiet.
    const qu: Property = { kind: 'quiescent', name: 'qu', quiet: (s) => s.node === 1 };
    const m: Model = {
      name: 'one-split', state: t.record({ node: t.int(3) }),
      threads: [
        { name: 'A', steps: { a: { where: 'toy:a', strong: true, await: (s) => s.node === 0, run: (s) => { s.node = 1; return 'a'; } } } },
        { name: 'B', steps: { b: { where: 'toy:b', branches: (s) => (s.node === 0 ? 1 : s.node === 3 ? 2 : 0), run: (s, _l, br) => { s.node = s.node === 0 ? 3 : br === 0 ? 3 : 0; return 'b'; } } } },
      ],
      properties: [qu],
    };
    const p = check(m).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(confirmLasso(makeBackend(m), qu as never, p.trace!.moves, p.trace!.loopFrom!)).toMatchObject({ confirmed: true });
  });
  it('two rounds: each split leaves a component that owes another strong thread', () => {
    // Nodes x=0, y=1, z=2, w=3, v=4, sink=5. Round one removes z (J is owed), round two w (I is
    // owed); {x, v} is fair. Without the edge x -> v nothing fair is left.
    const A: Record<number, number[]> = { 0: [1, 3, 4], 1: [2], 2: [0], 3: [0], 4: [0], 5: [] };
    const ev: Property = { kind: 'eventually', name: 'ev', holds: (s) => s.node === 5 || s.jdone };
    const m = (vloop: boolean): Model => {
      const next = (n: number) => (vloop ? A[n]! : A[n]!.filter((x) => x !== 4));
      return {
        name: 'two-rounds', state: t.record({ node: t.int(5), jdone: t.bool }),
        threads: [
          { name: 'A', steps: { go: { where: 'toy:go', branches: (s) => next(s.node).length, run: (s, _l, b) => { s.node = next(s.node)[b]!; return 'go'; } } } },
          { name: 'I', steps: { i: { where: 'toy:i', strong: true, await: (s) => s.node === 2 || s.node === 3, run: (s) => { s.node = s.node === 2 ? 0 : 5; return 'i'; } } } },
          { name: 'J', steps: { j: { where: 'toy:j', strong: true, await: (s) => s.node === 2, run: (s) => { s.jdone = true; return null; } } } },
        ],
        properties: [ev],
      };
    };
    const p = check(m(true)).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(confirmLasso(makeBackend(m(true)), ev as never, p.trace!.moves, p.trace!.loopFrom!)).toMatchObject({ confirmed: true });
    expect(check(m(false)).properties[0]!.verdict).toBe('holds');
  });
});

/* ---------- brute force on random graphs ---------- */

interface G { n: number; T: number; succ: number[][][]; fair: boolean[]; p: boolean[]; q: boolean[] }

const graphArb = fc.integer({ min: 1, max: 5 }).chain((n) => fc.integer({ min: 1, max: 3 }).chain((T) => fc.record({
  n: fc.constant(n), T: fc.constant(T),
  succ: fc.array(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }), { minLength: n, maxLength: n }), { minLength: T, maxLength: T }),
  fair: fc.array(fc.boolean(), { minLength: T, maxLength: T }),
  p: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  q: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
})));

function graphModel(g: G, props: Property[]): Model {
  return {
    name: 'random-graph', state: t.record({ node: t.int(Math.max(1, g.n - 1)) }),
    threads: g.succ.map((adj, k) => ({
      name: `T${k}`, fair: g.fair[k],
      steps: { go: { where: 'toy:go', branches: (s: { node: number }) => adj[s.node]!.length, run: (s: { node: number }, _l: unknown, b: number) => { s.node = adj[s.node]![b]!; return 'go'; } } },
    })),
    properties: props,
  };
}

interface Edge { u: number; v: number; k: number }

function edgesOf(g: G): Edge[] {
  const out: Edge[] = [];
  g.succ.forEach((adj, k) => adj.forEach((vs, u) => vs.forEach((v) => out.push({ u, v, k }))));
  return out;
}

const enabled = (g: G, s: number, k: number) => g.succ[k]![s]!.length > 0;

function reach(g: G, from: number[], ok: (s: number) => boolean): Set<number> {
  const seen = new Set(from.filter(ok));
  const stack = [...seen];
  while (stack.length) {
    const u = stack.pop()!;
    for (const e of edgesOf(g)) if (e.u === u && ok(e.v) && !seen.has(e.v)) { seen.add(e.v); stack.push(e.v); }
  }
  return seen;
}

/** Is there an infinite fair behaviour that starts in `starts` and stays inside `ok`? */
function fairForever(g: G, starts: Set<number>, ok: (s: number) => boolean): boolean {
  const region = reach(g, [...starts], ok);
  for (const s of region) if (!g.fair.some((f, k) => f && enabled(g, s, k))) return true; // fair dead end
  const es = edgesOf(g).filter((e) => region.has(e.u) && region.has(e.v));
  for (let mask = 1; mask < 1 << es.length; mask++) {
    const E = es.filter((_, i) => mask & (1 << i));
    const V = new Set(E.flatMap((e) => [e.u, e.v]));
    // strongly connected on V using only E
    const r0 = [...V][0]!;
    const fwd = closure(r0, E, false), bwd = closure(r0, E, true);
    if (![...V].every((v) => fwd.has(v) && bwd.has(v))) continue;
    const fairOk = g.fair.every((f, k) => !f || [...V].some((v) => !enabled(g, v, k)) || E.some((e) => e.k === k));
    if (fairOk) return true;
  }
  return false;
}

function closure(r: number, E: Edge[], back: boolean): Set<number> {
  const seen = new Set([r]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of E) {
      const [a, b] = back ? [e.v, e.u] : [e.u, e.v];
      if (seen.has(a) && !seen.has(b)) { seen.add(b); grew = true; }
    }
  }
  return seen;
}

describe('cross-check against brute force on small random graphs', () => {
  it('eventually, leads-to and quiescent agree with enumeration of every strongly connected edge set', () => {
    fc.assert(fc.property(graphArb, (g) => {
      const props: Property[] = [
        { kind: 'eventually', name: 'ev', holds: (s) => g.p[s.node]! },
        { kind: 'leads-to', name: 'lt', from: (s) => g.p[s.node]!, to: (s) => g.q[s.node]! },
        { kind: 'quiescent', name: 'qu', quiet: (s) => g.q[s.node]! },
      ];
      const r = check(graphModel(g, props));
      const reachable = reach(g, [0], () => true);
      const ev = g.p[0] ? true : !fairForever(g, new Set([0]), (s) => !g.p[s]);
      const triggers = [...reachable].filter((s) => g.p[s] && !g.q[s]);
      const lt = !triggers.some((s) => fairForever(g, new Set([s]), (x) => !g.q[x]));
      // quiescent fails iff some fair behaviour visits a ¬q state infinitely often: a fair
      // strongly connected edge set through a ¬q state, or a fair dead end in a ¬q state.
      const qu = ![...reachable].filter((s) => !g.q[s]).some((s) => fairThrough(g, s, reachable));
      const got = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
      // Not violated is `vacuous` when nothing ever moved, or (leads-to) when no reachable state triggers it.
      const one = reachable.size === 1, noTrigger = ![...reachable].some((s) => g.p[s]);
      const word = (ok: boolean, vacuous: boolean) => (!ok ? 'violated' : vacuous ? 'vacuous' : 'holds');
      expect(got).toEqual({ ev: word(ev, one), lt: word(lt, one || noTrigger), qu: word(qu, one) });
      for (const p of r.properties) if (p.trace) expect(() => replay(makeBackend(graphModel(g, [])), p.trace!.moves)).not.toThrow();
      // And each lasso is a fair one (before 2026-12-04 a cycle could starve a fair thread that
      // is enabled on it but disabled elsewhere in its component: the verdict was right, the witness not).
      for (const p of r.properties) if (p.trace) expect(confirmLasso(makeBackend(graphModel(g, [])), props.find((x) => x.name === p.name) as never, p.trace.moves, p.trace.loopFrom!), p.name).toMatchObject({ confirmed: true });
    // 150 graphs a run, each run a fresh seed (s47 h2, five seeds each): liveness.ts with weak
    // fairness ignored failed this by graph 77 at the latest, with an unfair thread's move taken
    // for a way out (no fair dead end there) by 30, with a fair thread taken as enabled
    // everywhere in a component by 34.
    // The pc-dependent test below keeps 300: the first two needed up to 108 and 64 graphs there.
    }), { numRuns: 150 });
  });
});

function fairThrough(g: G, s: number, region: Set<number>): boolean {
  if (!g.fair.some((f, k) => f && enabled(g, s, k))) return true;
  const es = edgesOf(g).filter((e) => region.has(e.u) && region.has(e.v));
  for (let mask = 1; mask < 1 << es.length; mask++) {
    const E = es.filter((_, i) => mask & (1 << i));
    const V = new Set(E.flatMap((e) => [e.u, e.v]));
    if (!V.has(s)) continue;
    const fwd = closure(s, E, false), bwd = closure(s, E, true);
    if (![...V].every((v) => fwd.has(v) && bwd.has(v))) continue;
    if (g.fair.every((f, k) => !f || [...V].some((v) => !enabled(g, v, k)) || E.some((e) => e.k === k))) return true;
  }
  return false;
}

/*
 * The same cross-check where fairness depends on the pc (`stopsAt`, `strong`): each thread
 * alternates two steps a and b, each moving the node along its own random edges; an unfair
 * thread may stop only at its stop labels, and a step may be strongly fair. The oracle
 * enumerates every set V of states of the product graph (node and each thread's pc, at most 12
 * states): a fair behaviour stays in V forever iff V is strongly connected by its inner edges
 * and every thread enabled and fair in all of V, or enabled at a strongly fair step in some of
 * V, moves inside V (a closed walk can take every inner edge), or it stops in a state where no
 * thread is enabled and fair.
 */
interface PG { n: number; T: number; adj: number[][][][]; fair: boolean[]; stops: ('a' | 'b')[][]; strong: ('a' | 'b')[][]; p: boolean[]; q: boolean[] }
const pgArb = fc.integer({ min: 1, max: 3 }).chain((n) => fc.integer({ min: 1, max: 2 }).chain((T) => fc.record({
  n: fc.constant(n), T: fc.constant(T),
  adj: fc.array(fc.array(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 2 }), { minLength: T, maxLength: T }),
  fair: fc.array(fc.boolean(), { minLength: T, maxLength: T }),
  stops: fc.array(fc.subarray(['a', 'b'] as ('a' | 'b')[]), { minLength: T, maxLength: T }),
  strong: fc.array(fc.subarray(['a', 'b'] as ('a' | 'b')[]), { minLength: T, maxLength: T }),
  p: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  q: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
})));

function pgModel(g: PG, props: Property[]): Model {
  const LABELS = ['a', 'b'] as const;
  return {
    name: 'random-pc-graph', state: t.record({ node: t.int(Math.max(1, g.n - 1)) }),
    threads: g.adj.map((ab, k) => ({
      name: `T${k}`, fair: g.fair[k], ...(g.fair[k] ? {} : { stopsAt: g.stops[k] }),
      steps: Object.fromEntries(LABELS.map((l, j) => [l, { where: `toy:${l}`, strong: g.strong[k]!.includes(l), branches: (s: { node: number }) => ab[j]![s.node]!.length,
        run: (s: { node: number }, _l: unknown, b: number) => { s.node = ab[j]![s.node]![b]!; return LABELS[1 - j]!; } }])),
    })),
    properties: props,
  };
}

/** The product graph from (node 0, every pc at a): states as [node, pc bits], edges with their thread and its fairness there (strong: strongly fair). */
function pgGraph(g: PG) {
  const key = (node: number, pcs: number) => node * 4 + pcs;
  const states = new Map<number, { node: number; pcs: number }>(), out = new Map<number, { v: number; k: number; fair: boolean; strong: boolean }[]>();
  const todo = [key(0, 0)];
  states.set(todo[0]!, { node: 0, pcs: 0 });
  while (todo.length) {
    const u = todo.pop()!, { node, pcs } = states.get(u)!;
    const es: { v: number; k: number; fair: boolean; strong: boolean }[] = [];
    for (let k = 0; k < g.T; k++) {
      const j = (pcs >> k) & 1, fair = g.fair[k]! || !g.stops[k]!.includes(j === 0 ? 'a' : 'b');
      const strong = fair && g.strong[k]!.includes(j === 0 ? 'a' : 'b');
      for (const w of g.adj[k]![j]![node]!) {
        const v = key(w, pcs ^ (1 << k));
        es.push({ v, k, fair, strong });
        if (!states.has(v)) { states.set(v, { node: w, pcs: pcs ^ (1 << k) }); todo.push(v); }
      }
    }
    out.set(u, es);
  }
  return { init: key(0, 0), states, out };
}

/** Is there a fair behaviour from a state of `starts` that stays in states satisfying `ok`, and (with `through`) visits a `through` state forever? */
function pgFair(G: ReturnType<typeof pgGraph>, T: number, starts: number[], ok: (s: number) => boolean, through?: (s: number) => boolean): boolean {
  const region = new Set(starts.filter(ok)), stack = [...region];
  while (stack.length) for (const e of G.out.get(stack.pop()!)!) if (ok(e.v) && !region.has(e.v)) { region.add(e.v); stack.push(e.v); }
  const R = [...region];
  for (const s of R) if (!G.out.get(s)!.some((e) => e.fair) && (!through || through(s))) return true;
  for (let mask = 1; mask < 1 << R.length; mask++) {
    const V = new Set(R.filter((_, i) => mask & (1 << i)));
    if (through && ![...V].some(through)) continue;
    const inner = [...V].flatMap((u) => G.out.get(u)!.filter((e) => V.has(e.v)).map((e) => ({ u, ...e })));
    if (inner.length === 0) continue;
    const r0 = [...V][0]!;
    const reach = (back: boolean) => { const seen = new Set([r0]); let grew = true; while (grew) { grew = false; for (const e of inner) { const [a, b] = back ? [e.v, e.u] : [e.u, e.v]; if (seen.has(a) && !seen.has(b)) { seen.add(b); grew = true; } } } return seen; };
    const f = reach(false), b = reach(true);
    if (![...V].every((v) => f.has(v) && b.has(v))) continue;
    let fairOk = true;
    for (let k = 0; k < T && fairOk; k++) {
      const always = [...V].every((u) => G.out.get(u)!.some((e) => e.k === k && e.fair));
      // Strongly fair: able to move somewhere in V at a strong step, so owed a move inside V.
      const sometimes = [...V].some((u) => G.out.get(u)!.some((e) => e.k === k && e.strong));
      if ((always || sometimes) && !inner.some((e) => e.k === k)) fairOk = false;
    }
    if (fairOk) return true;
  }
  return false;
}

describe('cross-check against brute force where fairness depends on the pc (stopsAt, strong steps)', () => {
  it('eventually, leads-to and quiescent agree with enumeration of every state set of the product graph', () => {
    fc.assert(fc.property(pgArb, (g) => {
      const r = check(pgModel(g, [
        { kind: 'eventually', name: 'ev', holds: (s) => g.p[s.node]! },
        { kind: 'leads-to', name: 'lt', from: (s) => g.p[s.node]!, to: (s) => g.q[s.node]! },
        { kind: 'quiescent', name: 'qu', quiet: (s) => g.q[s.node]! },
      ]));
      const G = pgGraph(g), all = [...G.states.keys()], node = (s: number) => G.states.get(s)!.node;
      const ev = g.p[0] ? true : !pgFair(G, g.T, [G.init], (s) => !g.p[node(s)]);
      const triggers = all.filter((s) => g.p[node(s)] && !g.q[node(s)]);
      const lt = !triggers.some((s) => pgFair(G, g.T, [s], (x) => !g.q[node(x)]));
      const qu = !pgFair(G, g.T, [G.init], () => true, (s) => !g.q[node(s)]);
      const got = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
      const one = all.length === 1, noTrigger = !all.some((s) => g.p[node(s)]);
      const word = (ok: boolean, vacuous: boolean) => (!ok ? 'violated' : vacuous ? 'vacuous' : 'holds');
      expect(got).toEqual({ ev: word(ev, one), lt: word(lt, one || noTrigger), qu: word(qu, one) });
      // Every lasso found is confirmed by re-execution, under the same pc-dependent fairness.
      const props: Record<string, Property> = { ev: { kind: 'eventually', name: 'ev', holds: (s) => g.p[s.node]! }, lt: { kind: 'leads-to', name: 'lt', from: (s) => g.p[s.node]!, to: (s) => g.q[s.node]! }, qu: { kind: 'quiescent', name: 'qu', quiet: (s) => g.q[s.node]! } };
      for (const p of r.properties) if (p.trace) expect(confirmLasso(makeBackend(pgModel(g, [])), props[p.name] as never, p.trace.moves, p.trace.loopFrom!), p.name).toMatchObject({ confirmed: true });
    }), { numRuns: 300,
      // Found by 5,000 runs with the split of badEnds turned off: T0 can move at its strong step
      // `a` in one state of the loop T1 makes, and is owed that move.
      examples: [[{ n: 3, T: 2, adj: [[[[1], [], []], [[], [], []]], [[[2], [], []], [[], [], [0]]]], fair: [false, false], stops: [[], []], strong: [['a'], []], p: [false, false, false], q: [false, false, false] }]] });
  });
});

describe('confirming a lasso by re-execution', () => {
  const done: Property = { kind: 'eventually', name: 'eventually-done', holds: (s) => s.done };

  it('confirms the lasso the search found', () => {
    const m = spinAndFinish(false, [done]);
    const t = check(m).properties[0]!.trace!;
    expect(confirmLasso(makeBackend(m), done as never, t.moves, t.loopFrom!)).toMatchObject({ confirmed: true });
  });

  it('refutes a cycle that does not close, and an unfair one', () => {
    const unfair = spinAndFinish(false, [done]);
    expect(confirmLasso(makeBackend(unfair), done as never, [{ thread: 'spinner', label: 'spin' }], 0).why).toMatch(/does not close/);
    // With a fair finisher, spinning forever while it stays enabled is no counterexample.
    const fair = spinAndFinish(true, [done]);
    const spin2 = [{ thread: 'spinner', label: 'spin' }, { thread: 'spinner', label: 'spin' }];
    expect(confirmLasso(makeBackend(fair), done as never, spin2, 0)).toEqual({ confirmed: false, why: 'the cycle is unfair: finisher is enabled all along it and never moves' });
  });

  it('refutes a run that stops where a fair thread could still move, or where the property holds', () => {
    const m = spinAndFinish(true, [done]);
    expect(confirmLasso(makeBackend(m), done as never, [], 0).why).toMatch(/can still move there/);
    const finished = [{ thread: 'finisher', label: 'finish' }, { thread: 'spinner', label: 'spin' }, { thread: 'spinner', label: 'spin' }];
    expect(confirmLasso(makeBackend(m), done as never, finished, 1).why).toBe('it holds after move 1');
  });
});
