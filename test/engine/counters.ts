/**
 * Random counter programs, for partial-order reduction with commuting adds (engine/add.ts): 2-4
 * straight-line threads over two shared bytes and two counters. A step may wait on a byte or a
 * counter, set or copy bytes, copy a counter into a byte (a plain read), and take or drop a
 * reference on a counter with add(+1) / add(-1). A thread drops only references it took, so no
 * counter leaves its range in any order. `plain` builds the same program with every add written
 * as a read and a write (`c = c + 1`): the same state graph, no commuting bytes.
 */
import fc from 'fast-check';
import { add, t, type Model, type Step, type ThreadDef } from 'probecheck';

type Op =
  | { op: 'set'; x: number; v: number }
  | { op: 'copy'; from: number; to: number }
  | { op: 'read'; c: number; to: number }
  | { op: 'get'; c: number }
  | { op: 'put'; c: number };
interface StepDesc { wait: { on: 'x' | 'c'; i: number; v: number } | null; ops: Op[] }
export interface CounterProgram { threads: StepDesc[][]; inv: { on: 'x' | 'c'; i: number; v: number } }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), x: fc.nat(1), v: fc.nat(2) }),
  fc.record({ op: fc.constant('copy' as const), from: fc.nat(1), to: fc.nat(1) }),
  fc.record({ op: fc.constant('read' as const), c: fc.nat(1), to: fc.nat(1) }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('get' as const), c: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('put' as const), c: fc.nat(1) }) },
);
const cond = fc.record({ on: fc.constantFrom('x' as const, 'c' as const), i: fc.nat(1), v: fc.nat(2) });
export const counterProgram: fc.Arbitrary<CounterProgram> = fc.record({
  threads: fc.array(fc.array(fc.record({ wait: fc.option(cond, { freq: 4 }), ops: fc.array(op, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
  // Mostly about a byte: an invariant that reads a counter makes every add to it visible.
  inv: fc.record({ on: fc.constantFrom('x' as const, 'x' as const, 'x' as const, 'c' as const), i: fc.nat(1), v: fc.nat(2) }),
});

export function buildCounterProgram(p: CounterProgram, plain = false): Model {
  const bump = (s: any, c: number, d: number) => { if (plain) s[`c${c}`] = s[`c${c}`] + d; else add(s, `c${c}`, d); };
  const val = (s: any, on: 'x' | 'c', i: number) => s[`${on}${i}`] as number;
  const threads: ThreadDef[] = p.threads.map((steps, k) => {
    const held = [0, 0];
    const out: Record<string, Step> = {};
    steps.forEach((sd, i) => {
      // Resolve each put against the references this thread holds at this point (else it is a get).
      const ops = sd.ops.map((o) => {
        if (o.op === 'put' && held[o.c] === 0) o = { op: 'get', c: o.c };
        if (o.op === 'get') held[o.c]!++;
        if (o.op === 'put') held[o.c]!--;
        return o;
      });
      const st: Step = {
        where: `counters:t${k}.s${i}`,
        run: (s) => {
          for (const o of ops) {
            if (o.op === 'set') s[`x${o.x}`] = o.v;
            else if (o.op === 'copy') s[`x${o.to}`] = Math.min(2, s[`x${o.from}`]);
            else if (o.op === 'read') s[`x${o.to}`] = Math.min(2, s[`c${o.c}`]);
            else bump(s, o.c, o.op === 'get' ? 1 : -1);
          }
          return i + 1 < steps.length ? `s${i + 1}` : null;
        },
      };
      if (sd.wait) { const w = sd.wait; st.await = (s) => val(s, w.on, w.i) === w.v; }
      out[`s${i}`] = st;
    });
    return { name: `T${k}`, steps: out };
  });
  const inv = p.inv;
  return {
    name: 'counters', state: t.record({ x0: t.int(2), x1: t.int(2), c0: t.int(15), c1: t.int(15) }), threads,
    properties: [
      { kind: 'invariant', name: `${inv.on}${inv.i} != ${inv.v + 1}`, holds: (s: any) => val(s, inv.on, inv.i) !== inv.v + 1 },
      { kind: 'deadlock', name: 'no-deadlock' },
    ],
  };
}
