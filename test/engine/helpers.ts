/**
 * Test helpers for the engine tests (not a test file): building a model from a factory with
 * its defaults, trace lengths by property, and an independent enumeration of the reachable
 * fingerprints through the Backend interface alone (no store, no explore.ts), used to compare
 * the two backends state for state.
 */
import type { Backend } from '../../src/engine/state/backend.js';
import { fp, hex } from '../../src/engine/hash.js';
import type { Model, ModelFactory, Result } from 'probecheck';

/** Build a model from a factory, filling in the declared defaults. */
export function build(f: ModelFactory, params: Record<string, string | number> = {}): Model {
  const defaults = Object.fromEntries(Object.entries(f.params).map(([k, s]) => [k, s.default]));
  return f.build({ ...defaults, ...params });
}

/** property name -> verdict. */
export function verdicts(r: Result): Record<string, string> {
  return Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
}

/** property name -> counterexample length (moves), for the violated ones. */
export function traceLengths(r: Result): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of r.properties) if (p.trace) out[p.name] = p.trace.moves.length;
  return out;
}

/**
 * Every reachable state's fingerprint (16 hex digits), by breadth-first search over the backend:
 * loadInitial, expand, pushNext/popFront and the exported `fp`. Also counts transitions.
 */
export function fingerprints(be: Backend): { set: Set<string>; transitions: number } {
  const set = new Set<string>();
  let transitions = 0;
  be.clear();
  be.loadInitial();
  set.add(hex(fp.hi, fp.lo));
  be.pushCur(0, 0);
  while (be.popFront()) {
    const d = be.poppedDepth;
    be.expand(() => {
      transitions++;
      const key = hex(fp.hi, fp.lo);
      if (set.has(key)) return;
      set.add(key);
      be.pushNext(set.size - 1, d + 1);
    });
  }
  be.clear();
  return { set, transitions };
}
