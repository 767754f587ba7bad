/**
 * Random thread programs as plain data (fast-check shrinks and prints them) and the model each
 * one builds: the generator of the backend differential test, shared with the partial-order
 * reduction tests. See differential.test.ts for what a program holds.
 */
import fc from 'fast-check';
import { t, type Model, type Step, type ThreadDef } from 'probecheck';
import type { FieldT, RecordT } from '../../src/engine/schema.js';

interface Ref { slot: number; c: number }
type Effect =
  | { op: 'set'; slot: number; c: number }
  | { op: 'inc'; slot: number }
  | { op: 'addBranch'; slot: number }
  | { op: 'copy'; from: number; to: number }
  | { op: 'spawn'; target: number; c: number };
interface StepDesc {
  guard: (Ref & { cmp: 'eq' | 'ne' | 'lt' }) | null;
  /** 1..3 fixed, or a function of a slot ((value + plus) mod 3: 0 = blocked). */
  branches: number | { slot: number; plus: number };
  effects: Effect[];
  /** Targets (label index, or -1 = end), chosen by (branch + value of `by`) mod length. */
  next: number[];
  by: number | null;
  idle: boolean;
}
interface ThreadDesc { running: boolean; local: number | null; steps: StepDesc[] }
export interface Program {
  ints: number[]; flag: boolean; mode: number | null; nest: number | null; arr: { length: number; max: number } | null; recs: { length: number; max: number } | null;
  threads: ThreadDesc[]; inv: Ref[]; monotone: number | null;
}

const ref = fc.record({ slot: fc.nat(40), c: fc.nat(3) });
const effect: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), slot: fc.nat(40), c: fc.nat(3) }),
  fc.record({ op: fc.constant('inc' as const), slot: fc.nat(40) }),
  fc.record({ op: fc.constant('addBranch' as const), slot: fc.nat(40) }),
  fc.record({ op: fc.constant('copy' as const), from: fc.nat(40), to: fc.nat(40) }),
  fc.record({ op: fc.constant('spawn' as const), target: fc.nat(3), c: fc.nat(3) }),
);
const step: fc.Arbitrary<StepDesc> = fc.record({
  guard: fc.oneof({ weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ slot: fc.nat(40), c: fc.nat(3), cmp: fc.constantFrom('eq' as const, 'ne' as const, 'lt' as const) }) }),
  branches: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) },
    { weight: 1, arbitrary: fc.record({ slot: fc.nat(40), plus: fc.nat(2) }) }),
  effects: fc.array(effect, { minLength: 1, maxLength: 3 }),
  next: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 4, arbitrary: fc.nat(3) }), { minLength: 1, maxLength: 3 }),
  by: fc.option(fc.nat(40), { freq: 3 }),
  idle: fc.boolean(),
});
export const program: fc.Arbitrary<Program> = fc.record({
  ints: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
  flag: fc.boolean(),
  mode: fc.option(fc.integer({ min: 2, max: 3 })),
  nest: fc.option(fc.integer({ min: 1, max: 3 })),
  arr: fc.option(fc.record({ length: fc.integer({ min: 1, max: 2 }), max: fc.integer({ min: 1, max: 3 }) })),
  recs: fc.option(fc.record({ length: fc.integer({ min: 1, max: 2 }), max: fc.integer({ min: 1, max: 2 }) })),
  threads: fc.array(fc.record({
    running: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), local: fc.option(fc.integer({ min: 1, max: 2 })), steps: fc.array(step, { minLength: 1, maxLength: 4 }),
  }), { minLength: 2, maxLength: 3 }),
  inv: fc.array(ref, { minLength: 1, maxLength: 2 }),
  monotone: fc.option(fc.nat(40)),
});

const MODES = ['idle', 'busy', 'gone'] as const;

/** A leaf the instructions may read and write. */
interface Slot { name: string; max: number; get(s: any, l: any): number; set(s: any, l: any, v: number): void }

function globalSlots(p: Program): Slot[] {
  const out: Slot[] = p.ints.map((max, i) => ({ name: `x${i}`, max, get: (s) => s[`x${i}`], set: (s, _l, v) => { s[`x${i}`] = v; } }));
  if (p.flag) out.push({ name: 'flag', max: 1, get: (s) => (s.flag ? 1 : 0), set: (s, _l, v) => { s.flag = v !== 0; } });
  if (p.mode !== null) {
    const values = MODES.slice(0, p.mode);
    out.push({ name: 'mode', max: p.mode - 1, get: (s) => values.indexOf(s.mode), set: (s, _l, v) => { s.mode = values[v]; } });
  }
  if (p.nest !== null) out.push({ name: 'nest.deep.k', max: p.nest, get: (s) => s.nest.deep.k, set: (s, _l, v) => { s.nest.deep.k = v; } });
  if (p.arr) {
    for (let i = 0; i < p.arr.length; i++) out.push({ name: `arr[${i}]`, max: p.arr.max, get: (s) => s.arr[i], set: (s, _l, v) => { s.arr[i] = v; } });
  }
  if (p.recs) {
    for (let i = 0; i < p.recs.length; i++) {
      out.push({ name: `recs[${i}].on`, max: 1, get: (s) => (s.recs[i].on ? 1 : 0), set: (s, _l, v) => { s.recs[i].on = v !== 0; } });
      out.push({ name: `recs[${i}].val`, max: p.recs.max, get: (s) => s.recs[i].val, set: (s, _l, v) => { s.recs[i].val = v; } });
    }
  }
  return out;
}

/** Turn a program description into a model (deterministically). */
export function buildProgram(p: Program): Model {
  const fields: Record<string, FieldT> = {};
  p.ints.forEach((max, i) => { fields[`x${i}`] = t.int(max); });
  if (p.flag) fields.flag = t.bool;
  if (p.mode !== null) fields.mode = t.enum(...MODES.slice(0, p.mode));
  if (p.nest !== null) fields.nest = t.record({ deep: t.record({ k: t.int(p.nest) }) });
  if (p.arr) fields.arr = t.array(p.arr.length, t.int(p.arr.max));
  if (p.recs) fields.recs = t.array(p.recs.length, t.record({ on: t.bool, val: t.int(p.recs.max) }));
  // Thread 0 always runs; a dormant thread k can be spawned once, guarded by spawned_k.
  const dormant = p.threads.map((th, k) => k > 0 && !th.running).map((d, k) => (d ? k : -1)).filter((k) => k >= 0);
  for (const k of dormant) fields[`spawned_${k}`] = t.int(1);
  const globals = globalSlots(p);
  const pick = <T>(xs: readonly T[], n: number) => xs[n % xs.length]!;

  const threads: ThreadDef[] = p.threads.map((th, k) => {
    const slots = th.local !== null
      ? [...globals, { name: 'n', max: th.local, get: (_s: any, l: any) => l.n, set: (_s: any, l: any, v: number) => { l.n = v; } }]
      : globals;
    const labels = th.steps.map((_, i) => `s${i}`);
    const steps: Record<string, Step> = {};
    th.steps.forEach((sd, i) => {
      const st: Step = {
        where: `random:t${k}.s${i}`,
        run: (s, l, b, ctx) => {
          for (const e of sd.effects) {
            if (e.op === 'set') { const x = pick(slots, e.slot); x.set(s, l, e.c % (x.max + 1)); }
            else if (e.op === 'inc') { const x = pick(slots, e.slot); x.set(s, l, (x.get(s, l) + 1) % (x.max + 1)); }
            else if (e.op === 'addBranch') { const x = pick(slots, e.slot); x.set(s, l, (x.get(s, l) + b) % (x.max + 1)); }
            else if (e.op === 'copy') { const f = pick(slots, e.from), x = pick(slots, e.to); x.set(s, l, f.get(s, l) % (x.max + 1)); }
            else if (dormant.length > 0) {
              const target = pick(dormant, e.target);
              if (s[`spawned_${target}`] === 0) {
                s[`spawned_${target}`] = 1;
                const tl = p.threads[target]!.local;
                ctx.spawn(`T${target}`, tl === null ? undefined : (locals) => { locals.n = e.c % (tl + 1); });
              }
            }
          }
          const v = sd.by === null ? 0 : pick(slots, sd.by).get(s, l);
          const to = sd.next[(b + v) % sd.next.length]!;
          return to < 0 ? null : labels[to % labels.length]!;
        },
      };
      if (sd.guard) {
        const g = sd.guard, x = pick(slots, g.slot);
        st.await = (s, l) => {
          const v = x.get(s, l), c = g.c % (x.max + 1);
          return g.cmp === 'eq' ? v === c : g.cmp === 'ne' ? v !== c : v < c;
        };
      }
      if (typeof sd.branches === 'number') st.branches = sd.branches;
      else { const x = pick(slots, sd.branches.slot), plus = sd.branches.plus; st.branches = (s, l) => (x.get(s, l) + plus) % 3; }
      if (sd.idle) st.idle = true;
      steps[labels[i]!] = st;
    });
    const def: ThreadDef = { name: `T${k}`, program: `P${k}`, running: k === 0 || th.running, steps };
    if (th.local !== null) def.locals = t.record({ n: t.int(th.local) });
    return def;
  });

  const properties: Model['properties'] = p.inv.map((r, i) => {
    // Never the zero of the initial state, so that not every invariant fails at once.
    const x = pick(globals, r.slot), c = 1 + (r.c % x.max);
    return { kind: 'invariant' as const, name: `inv${i}: ${x.name} != ${c}`, holds: (s: any) => x.get(s, {}) !== c };
  });
  if (p.monotone !== null) {
    const x = pick(globals, p.monotone);
    properties.push({ kind: 'action', name: `${x.name} never decreases`, holds: (a: any, z: any) => x.get(z, {}) >= x.get(a, {}) });
  }
  properties.push({ kind: 'deadlock', name: 'no-deadlock' });
  return { name: 'random', state: t.record(fields) as RecordT, threads, properties };
}

