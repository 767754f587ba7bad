/**
 * Random symmetric programs as plain data: n interchangeable elements, each owning a record and
 * one thread that runs the same program over its own record, its own local and one shared
 * counter; and a symmetric action property that watches nothing ("a move of step L while k
 * elements have slot F at least c"), reading the elements in a drawn order and stopping as soon
 * as it knows, as a user's `&&` or counting loop does. Every element runs the same program on its
 * own fields, so every permutation of the elements is an automorphism (the test's draws with
 * `--check-symmetry` verify it). For test/engine/por-symmetry-action.test.ts.
 */
import fc from 'fast-check';
import { t, type Model, type Step } from 'probecheck';

type Slot = 'a' | 'b' | 'n' | 'g';
type Effect = { op: 'set'; to: Slot; c: number } | { op: 'inc'; to: Slot } | { op: 'copy'; from: Slot; to: Slot };
interface StepDesc { guard: { slot: Slot; c: number; cmp: 'eq' | 'ne' } | null; branches: number; effects: Effect[]; next: number[] }
export interface SymProgram {
  n: number; steps: StepDesc[];
  prop: {
    label: number; slot: 'a' | 'b' | 'at'; c: number; k: number; order: number[]; chain: boolean;
    side: 'before' | 'after'; skipMover: boolean; labelFirst: boolean;
    /** Step L touches only its thread's local: independent of the other elements, and only the property's reads on its move make it depend on them. */
    quiet: boolean;
  };
}

// Mostly the element's own fields and its local: steps that touch only those are independent of the other elements' (what reduction needs to reduce).
const slot = fc.constantFrom<Slot>('a', 'a', 'b', 'b', 'n', 'n', 'n', 'g');
const effect: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), to: slot, c: fc.nat(2) }),
  fc.record({ op: fc.constant('inc' as const), to: slot }),
  fc.record({ op: fc.constant('copy' as const), from: slot, to: slot }),
);
const step: fc.Arbitrary<StepDesc> = fc.record({
  guard: fc.option(fc.record({ slot, c: fc.nat(2), cmp: fc.constantFrom('eq' as const, 'ne' as const) }), { freq: 2 }),
  branches: fc.constantFrom(1, 1, 2),
  effects: fc.array(effect, { minLength: 1, maxLength: 2 }),
  // -2: the next step in order (most programs run mostly straight through).
  next: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 3, arbitrary: fc.constant(-2) }, { weight: 2, arbitrary: fc.nat(3) }), { minLength: 1, maxLength: 2 }),
});
export const symProgram: fc.Arbitrary<SymProgram> = fc.integer({ min: 2, max: 3 }).chain((n) => fc.record({
  n: fc.constant(n),
  steps: fc.array(step, { minLength: 2, maxLength: 4 }),
  prop: fc.record({
    label: fc.nat(3), slot: fc.constantFrom('a' as const, 'a' as const, 'b' as const, 'b' as const, 'at' as const), c: fc.integer({ min: 1, max: 2 }), k: fc.integer({ min: 1, max: n }),
    order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), chain: fc.boolean(),
    side: fc.constantFrom('before' as const, 'after' as const), skipMover: fc.boolean(), labelFirst: fc.boolean(), quiet: fc.boolean(),
  }),
}));

const MAX: Record<Slot, number> = { a: 2, b: 1, n: 1, g: 2 };
const QUIET: Effect[] = [{ op: 'inc', to: 'n' }];

/** The model a description builds (deterministically), with its symmetry class and property 'p'. */
export function buildSymProgram(p: SymProgram): Model {
  const P = Array.from({ length: p.n }, (_, i) => `P${i}`);
  const labels = p.steps.map((_, i) => `s${i}`);
  const get = (s: any, l: any, i: number, x: Slot): number => (x === 'a' ? s.p[i].a : x === 'b' ? (s.p[i].b ? 1 : 0) : x === 'n' ? l.n : s.g);
  const put = (s: any, l: any, i: number, x: Slot, v: number) => {
    v %= MAX[x] + 1;
    if (x === 'a') s.p[i].a = v; else if (x === 'b') s.p[i].b = v !== 0; else if (x === 'n') l.n = v; else s.g = v;
  };
  const quiet = p.prop.quiet ? p.prop.label % labels.length : -1;
  const threads = P.map((name, i) => {
    const steps: Record<string, Step> = {};
    p.steps.forEach((sd, j) => {
      const st: Step = {
        where: `sym:s${j}`,
        run: (s, l, b) => {
          for (const e of quiet === j ? QUIET : sd.effects) {
            if (e.op === 'set') put(s, l, i, e.to, e.c);
            else if (e.op === 'inc') put(s, l, i, e.to, get(s, l, i, e.to) + 1);
            else put(s, l, i, e.to, get(s, l, i, e.from));
          }
          const to = sd.next[b % sd.next.length]!;
          return to === -1 || (to === -2 && j + 1 === labels.length) ? null : labels[to === -2 ? j + 1 : to % labels.length]!;
        },
      };
      if (sd.guard) { const g = sd.guard; st.await = (s, l) => (get(s, l, i, g.slot) === g.c % (MAX[g.slot] + 1)) === (g.cmp === 'eq'); }
      if (sd.branches > 1) st.branches = sd.branches;
      steps[labels[j]!] = st;
    });
    return { name, locals: t.record({ n: t.int(1) }), steps };
  });
  // A chain (`&&`: stops at the first element that fails) asks all of them; counting stops at k.
  const q = p.prop, L = labels[q.label % labels.length]!, most = q.skipMover ? p.n - 1 : p.n, k = q.chain ? most : Math.min(q.k, most);
  // Element i passes: its slot is at least c (or its thread stands at step L), in the state before or after the move.
  const passes = (g: any, qq: any, i: number) => (q.slot === 'at' ? qq.at(P[i]) === L : q.slot === 'a' ? g.p[i].a >= q.c : g.p[i].b);
  const holds = (x: any, z: any, mv: { thread: string; label: string }, qa: any, qb: any): boolean => {
    if (q.labelFirst && mv.label !== L) return true;
    let count = 0;
    for (const i of q.order) {
      if (q.skipMover && mv.thread === P[i]) continue;
      if (q.side === 'before' ? passes(x, qb, i) : passes(z, qa, i)) { if (++count >= k) break; } else if (q.chain) return true;
    }
    return count < k || mv.label !== L;
  };
  return {
    name: 'sym', state: t.record({ p: t.array(p.n, t.record({ a: t.int(2), b: t.bool }), P), g: t.int(2) }),
    threads,
    properties: [{ kind: 'action', name: 'p', holds }],
    symmetry: [{ name: 'P', elements: P.map((x) => ({ name: x, state: [`p[${x}]`], threads: [x] })), movable: () => (1 << p.n) - 1 }],
  };
}
