/**
 * Whether a check applies symmetry reduction: not turned off (it is on by default), declared by the model, an exhaustive
 * search, no liveness property (a quotient graph would merge the fairness of permuted threads,
 * and its lassos would not replay), and, under --check-symmetry, verified on this very model.
 */
import type { Compiled } from '../compile.js';
import type { Result } from '../result.js';
import { checkSymmetry } from './symmetry-check.js';
import { Symmetry } from './symmetry.js';

export function symmetryFor(c: Compiled, asked: boolean | undefined, strategy: string, liveness: boolean, verify?: { maxStates?: number }): {
  fingerprinter?: (u8: Uint8Array, u32: Uint32Array) => void;
  /** Threads tied to the elements. */
  tied?: Set<string>;
  result?: NonNullable<Result['symmetry']>;
} {
  if (asked === false && !verify) return {};
  const classes = c.model.symmetry ?? [];
  const names = classes.map((x) => x.name);
  const off = (note: string) => ({ result: { applied: false, classes: names, note } });
  // On by default: silent where there is nothing to reduce, or nothing stored.
  if (asked === undefined && !verify && (classes.length === 0 || strategy === 'random')) return {};
  if (classes.length === 0) return off('the model declares no interchangeable elements');
  let check: NonNullable<Result['symmetry']>['check'];
  if (verify) {
    const r = checkSymmetry(c.model, verify);
    check = { states: r.states, pairs: r.pairs, complete: r.complete };
    if (r.failure) {
      const path = r.failure.path.map((m) => `${m.thread}: ${m.label}${m.branch !== undefined ? ` #${m.branch}` : ''}`).join('; ');
      check.failure = `permutation ${r.failure.permutation} at the state after [${path}]: ${r.failure.what}`;
    }
  }
  const res = (applied: boolean, note?: string) => ({ applied, classes: names, ...(note ? { note } : {}), ...(check ? { check } : {}) });
  if (check?.failure) return { result: res(false, 'the symmetry check failed') };
  if (asked === false) return { result: res(false, 'turned off (--no-symmetry)') };
  if (strategy === 'random') return { result: res(false, 'random simulation stores no states') };
  if (liveness) return { result: res(false, 'not with liveness properties (their lassos are concrete runs)') };
  const tied = new Set(classes.flatMap((x) => x.elements.flatMap((e) => e.threads)));
  return { fingerprinter: new Symmetry(c, classes).fingerprint, tied, result: res(true) };
}
