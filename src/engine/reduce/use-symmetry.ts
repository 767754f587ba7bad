/**
 * Whether a check applies symmetry reduction: not turned off (it is on by default), declared by the model, an exhaustive
 * search, no liveness property (a quotient graph would merge the fairness of permuted threads,
 * and its lassos would not replay), and, under --check-symmetry, verified on this very model.
 *
 * The builder's rules make a kernel scenario's groups interchangeable for the library's steps
 * and properties; a user's own property or patch is code they cannot see, and one that names a
 * device of a group (`v.dev('c1')`) would have its violations merged with the states of their
 * permutations, and read `holds`. With one of those checked the reduction is off by default:
 * `--symmetry` applies it anyway (the user vouches), a complete `--check-symmetry` proves it.
 */
import type { Compiled } from '../compile.js';
import { SYMMETRY_MADE_FOR, type Property } from '../model.js';
import type { Result } from '../result.js';
import { checkSymmetry } from './symmetry-check.js';
import { Symmetry } from './symmetry.js';

export function symmetryFor(c: Compiled, asked: boolean | undefined, strategy: string, liveness: boolean, verify?: { maxStates?: number; stop?: () => boolean }, checked: readonly Property[] = c.model.properties): {
  fingerprinter?: (u8: Uint8Array, u32: Uint32Array) => void;
  /** Closes a byte set under the permutations (Symmetry.close): what --por learns properties read. */
  close?: (bits: Uint32Array) => boolean;
  /** Threads tied to the elements. */
  tied?: Set<string>;
  result?: NonNullable<Result['symmetry']>;
  /** Model.symmetricChoice, where the search takes only its first branches. */
  start?: NonNullable<Compiled['model']['symmetricChoice']>;
} {
  if (asked === false && !verify) return {};
  const classes = c.model.symmetry ?? [];
  const names = classes.map((x) => x.name);
  const off = (note: string) => ({ result: { applied: false, classes: names, note } });
  // On by default: silent where there is nothing to reduce, or nothing stored.
  if (asked === undefined && !verify && (classes.length === 0 || strategy === 'random')) return {};
  if (classes.length === 0) return off(c.model.noSymmetry ?? 'the model declares no interchangeable elements');
  let check: NonNullable<Result['symmetry']>['check'];
  if (verify) {
    // The properties this search checks, no others: it judges those alone (s46 h17).
    const r = checkSymmetry(c.model, { ...verify, properties: checked });
    check = { states: r.states, pairs: r.pairs, complete: r.complete };
    if (r.failure) {
      const path = r.failure.named.join('; ');
      // The initial state by name: 'after []' read as a path lost (s46 h20).
      check.failure = `${r.failure.permutation ? `permutation ${r.failure.permutation} ` : ''}at ${path ? `the state after [${path}]` : 'the initial state'}: ${r.failure.what}`;
    }
  }
  const res = (applied: boolean, note?: string) => ({ applied, classes: names, ...(note ? { note } : {}), ...(check ? { check } : {}) });
  if (check?.failure) return { result: res(false, 'the symmetry check failed') };
  if (asked === false) return { result: res(false, 'turned off (--no-symmetry)') };
  if (strategy === 'random') return { result: res(false, 'random simulation stores no states') };
  const madeFor = (classes as { [SYMMETRY_MADE_FOR]?: ReadonlySet<string> })[SYMMETRY_MADE_FOR];
  const foreign = (p: Property) => madeFor !== undefined && !('mayDistinguish' in p) && p.kind !== 'deadlock' && !madeFor.has(p.name);
  const doubts = [...checked.filter((p) => ('mayDistinguish' in p && p.mayDistinguish) || foreign(p)).map((p) => `your property ${p.name}`), ...(c.model.mayDistinguish ?? [])];
  const who = names.join(', '), proved = check?.complete === true;
  if (liveness) {
    // The states are stored as they are, but a first choice whose branches are permutations of
    // each other (Model.symmetricChoice) is taken up to them where nothing checked tells the
    // elements apart: every run from a branch left out is the image of one from a branch taken
    // (s45 h8: six orders of three interchangeable devices were searched six times over).
    // Not with a step strongly fair on a condition the search judges (StepDef.strongUnless): it is
    // judged per thread on the states searched, so on the first branches alone one element's copy
    // could be judged strong where the branches left out would judge it weak, as they judge its
    // image (s46 h21: `eventually` held, violated unreduced).
    const sc = c.model.symmetricChoice, cond = sc !== undefined && c.conds.length > 0;
    const start = sc !== undefined && !cond && (!doubts.length || asked === true || proved);
    const note = `not with liveness properties (their lassos are concrete runs)${start ? `; ${sc.about} taken up to permutations of ${who} (${sc.representatives} of them)${doubts.length && !proved ? `, as asked (--symmetry), trusting ${doubts.join(', ')} to treat ${who} alike` : ''}` : ''}${cond ? `; ${sc.about} each searched: a step's strong fairness is judged on the states searched (strongUnless: a guard of yours on a mutex wait), and the orders left out could judge it otherwise` : ''}`;
    return { result: res(false, note), ...(start ? { start: sc } : {}) };
  }
  if (doubts.length && asked !== true && !proved) {
    return { result: res(false, `${doubts.join(', ')} may tell ${who} apart (its code is yours, not the library's): --symmetry applies it anyway; --check-symmetry verifies it on this model`) };
  }
  const tied = new Set(classes.flatMap((x) => x.elements.flatMap((e) => e.threads)));
  const vouched = doubts.length && !proved ? `as asked (--symmetry), trusting ${doubts.join(', ')} to treat ${who} alike` : undefined;
  const sym = new Symmetry(c, classes);
  return { fingerprinter: sym.fingerprint, close: (bits) => sym.close(bits), tied, result: res(true, vouched) };
}
