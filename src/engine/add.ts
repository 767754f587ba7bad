/**
 * add(record, field, delta): `record[field] += delta` as a commuting update, for counters that
 * many threads bump and few read (atomic_inc/atomic_dec of probe_count, a klist's iterator
 * references, the async entries pending).
 *
 * The value is the same either way; what changes is what partial-order reduction learns. Written
 * `x++`, the step reads and writes x, so every two steps that bump it are dependent and their
 * orders are all explored. Written `add(s, 'x', 1)`, the step only adds to x, and two steps that
 * only add to the same field commute (their sum is the same in either order, and neither reads
 * it): reduce/footprints.ts lets them be reordered. A step that also reads the field (in its
 * guard, its body, or another execution) is an ordinary reader and writer of it again.
 *
 * The range is checked as for any write (E201). So a bound too small for some order is a model
 * error in that order only, and a reduced search may not meet it where the full one does.
 */
import { ModelError } from './errors.js';

export const ADD: unique symbol = Symbol('probecheck.add');

/** The fields of R that hold numbers. */
export type Counter<R> = { [K in keyof R]-?: R[K] extends number ? K : never }[keyof R] & string;

/** E201: add() was given a field that is not an integer. */
export const notACounter = (field: string): ModelError => new ModelError('E201', `add(${field}): not an integer field of this record`);

export function add<R extends object>(r: R, field: Counter<R>, delta: number): void {
  const own = (r as { [ADD]?: (f: string, d: number) => void })[ADD];
  if (own !== undefined) { own.call(r, field, delta); return; }
  const x = r as Record<string, unknown>, v = x[field];
  if (typeof v !== 'number') throw notACounter(field);
  x[field] = v + delta;
}
