/**
 * Suites: the expected verdict of each property first, per parameter set (a kernel profile and
 * its patches, a bench variant), as litmus tests state `Result: Never` before running. Golden
 * state counts sit beside the verdicts so that a change to the state space is never silent.
 * This file is the format and its validation; running a suite is run.ts.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { didYouMean, ProbecheckError } from '../engine/errors.js';
import { isPatchFile } from '../kernel/define-patch.js';

/**
 * The folder a suite's `model` and `patches` are relative to: the suite file's real one, where
 * its own imports resolve (Node follows links), so a suite reached through a linked folder
 * finds what it names as it does when run from where it lies.
 */
export function suiteDir(file: string): string {
  const f = resolve(file);
  return dirname(existsSync(f) ? realpathSync(f) : f);
}

/**
 * `vacuous`: not violated, but about nothing (its premise never met); `reachable` /
 * `unreachable` for a reachability question (`sometimes`).
 */
export type Expected = 'holds' | 'violated' | 'vacuous' | 'reachable' | 'unreachable';
export const EXPECTED: readonly Expected[] = ['holds', 'violated', 'vacuous', 'reachable', 'unreachable'];

export interface SuiteCase {
  /** The model's parameters for this case (e.g. `{ profile: 'v5.1', patches: '654888327e9f' }`). */
  params: Record<string, string | number>;
  /** Expected verdict per property name; only these properties are checked. */
  expect: Record<string, Expected>;
  /** Golden number of distinct states (compared when the search is complete). */
  states?: number;
  /**
   * Golden numbers of stored states under a reduction (`--por`, `--symmetry`, both), compared
   * when the run used exactly that reduction; `states` is the unreduced count.
   */
  reduced?: Partial<Record<Reduction, number>>;
  note?: string;
  /** Patch files (definePatch), relative to the suite file, applied on top of params.patches. */
  patches?: string[];
  /** Why this case cannot be checked yet; it is reported as FIXME and not run. */
  fixme?: string;
  /**
   * Actor actions no run completes, as the case expects (`'thread: action'`, as the report
   * prints them): a hang the case pins. Without it such an action makes the case vacuous (its
   * verdicts are about runs where the action did nothing); with it the actions that never
   * completed must be exactly these.
   */
  neverCompletes?: string[];
  /**
   * `false`: the case expects no step of its `patches:` files to run (a control case, a patch
   * meant for another profile or path): its verdicts are the kernel's without them, as the case
   * says. Without it that is exit 5 (docs/patches.md, "How a patch is credited"); with it a step
   * of theirs that ran is a mismatch (exit 4).
   */
  credited?: false;
}

/**
 * A shard's verdict is about its part of the search. Does it already decide, against this
 * expectation, what the whole search's verdict is? A violation or a witness found in a part is
 * one of the whole; a part that met a premise (any verdict but vacuous) rules out a whole
 * `vacuous`. Anything else waits for `probecheck merge`.
 */
export function shardDecides(expected: string, observed: string): boolean {
  if (observed === 'violated' || observed === 'reachable') return true;
  return expected === 'vacuous' && observed !== 'vacuous' && observed !== 'unknown';
}

/** The reductions a run may use, as `reduced` names them. */
export type Reduction = 'por' | 'symmetry' | 'por+symmetry';
export const REDUCTIONS: readonly Reduction[] = ['por', 'symmetry', 'por+symmetry'];

export interface Suite {
  kind: 'probecheck-suite';
  name: string;
  /** The model file, relative to the suite file. */
  model: string;
  cases: SuiteCase[];
}

/** Helper for suite files: `export default defineSuite({ name, model, cases })`. */
export function defineSuite(s: Omit<Suite, 'kind'>): Suite {
  return { kind: 'probecheck-suite', ...s };
}

/** Check the shape of a suite file's default export; E502 names the file and the field. */
export function validateSuite(d: unknown, file: string): Suite {
  const bad = (field: string, why: string): never => { throw new ProbecheckError('E502', `${file}: ${field}: ${why}`); };
  if (!d || typeof d !== 'object') bad('default export', 'is not a suite; write `export default defineSuite({...})`');
  const s = d as Record<string, unknown>;
  if (s.kind !== 'probecheck-suite') bad('default export', 'is not a suite; write `export default defineSuite({...})`');
  // An unknown key is a mistake the suite would otherwise pass over (a CI hunt, 2026-12-05: `patch:` for
  // `patches:` ran the unpatched kernel, exit 0; `stats:` dropped the pinned count).
  const unknown = (o: Record<string, unknown>, known: readonly string[], where: string) => {
    for (const k of Object.keys(o)) if (!known.includes(k)) {
      const near = didYouMean(k, known);
      bad(where ? `${where}.${k}` : k, `unknown key${near !== undefined ? `; did you mean '${near}'?` : ''}; known: ${known.join(', ')}`);
    }
  };
  unknown(s, ['kind', 'name', 'model', 'cases'], '');
  if (typeof s.name !== 'string' || !s.name) bad('name', 'expected a non-empty string');
  if (typeof s.model !== 'string' || !s.model) bad('model', 'expected the model file path, relative to the suite file');
  if (!Array.isArray(s.cases) || s.cases.length === 0) bad('cases', 'expected a non-empty list');
  // (Array.from visits an empty slot, `[c,, c2]`, as undefined: forEach skips it. A bad-input hunt, 2026-12-06.)
  Array.from(s.cases as unknown[]).forEach((c, i) => {
    const f = `cases[${i}]`;
    if (!c || typeof c !== 'object') bad(f, 'expected an object');
    const o = c as Record<string, unknown>;
    unknown(o, ['params', 'expect', 'states', 'reduced', 'note', 'patches', 'fixme', 'neverCompletes', 'credited'], f);
    if (o.credited !== undefined && o.credited !== false) bad(`${f}.credited`, `expected false (no step of the case's patches: files runs here), got ${JSON.stringify(o.credited)}; leave it out where they should run`);
    if (o.credited === false && !(Array.isArray(o.patches) && o.patches.length)) bad(`${f}.credited`, 'the case has no patches: files to credit');
    if (o.neverCompletes !== undefined && !(Array.isArray(o.neverCompletes) && o.neverCompletes.length > 0 && o.neverCompletes.every((x) => typeof x === 'string' && /^[^:]+: ./.test(x)))) {
      bad(`${f}.neverCompletes`, "expected a non-empty list of actor actions as 'thread: action' (e.g. 'kernel_init: wait_for_device_probe')");
    }
    // (A review, 2026-12-05: a repeated entry let another set of hangs match by count.)
    const twice = (o.neverCompletes as string[] | undefined)?.find((x, j, a) => a.indexOf(x) !== j);
    if (twice !== undefined) bad(`${f}.neverCompletes`, `'${twice}' is listed twice`);
    if (!o.params || typeof o.params !== 'object' || Array.isArray(o.params)) bad(`${f}.params`, 'expected an object of parameter values');
    for (const [k, v] of Object.entries(o.params as object)) if (typeof v !== 'string' && typeof v !== 'number') bad(`${f}.params.${k}`, 'expected a string or number');
    if (!o.expect || typeof o.expect !== 'object' || Array.isArray(o.expect) || Object.keys(o.expect).length === 0) bad(`${f}.expect`, `expected an object of property name → ${EXPECTED.map((x) => `'${x}'`).join(' | ')}`);
    for (const [k, v] of Object.entries(o.expect as object)) if (!EXPECTED.includes(v)) bad(`${f}.expect.${k}`, `expected one of ${EXPECTED.map((x) => `'${x}'`).join(', ')}, got ${JSON.stringify(v)}`);
    if (o.states !== undefined && !(Number.isInteger(o.states) && (o.states as number) > 0)) bad(`${f}.states`, 'expected a positive integer');
    if (o.reduced !== undefined) {
      if (!o.reduced || typeof o.reduced !== 'object' || Array.isArray(o.reduced)) bad(`${f}.reduced`, `expected an object of reduction (${REDUCTIONS.map((x) => `'${x}'`).join(', ')}) → state count`);
      for (const [k, v] of Object.entries(o.reduced as object)) {
        if (!REDUCTIONS.includes(k as Reduction)) bad(`${f}.reduced.${k}`, `unknown reduction; expected one of ${REDUCTIONS.map((x) => `'${x}'`).join(', ')}`);
        if (!(Number.isInteger(v) && v > 0)) bad(`${f}.reduced.${k}`, 'expected a positive integer');
      }
    }
    for (const k of ['note', 'fixme']) if (o[k] !== undefined && typeof o[k] !== 'string') bad(`${f}.${k}`, 'expected a string');
    // An empty reason is falsy: the case ran as an ordinary one (a bad-input hunt, 2026-12-05).
    if (o.fixme === '') bad(`${f}.fixme`, 'expected the reason the case is not checked yet, not an empty string');
    if (o.patches !== undefined) {
      if (!Array.isArray(o.patches) || !o.patches.every((x) => typeof x === 'string' && x && !x.includes(','))) bad(`${f}.patches`, 'expected a list of patch file paths, relative to the suite file');
      // A library patch's id (no path, no .ts, no such file) is a param's (s50 h9: 'no such file or directory', E503).
      const id = (o.patches as string[]).findIndex((x) => !isPatchFile(x) && !existsSync(resolve(suiteDir(file), x)));
      if (id >= 0) bad(`${f}.patches[${id}]`, `'${(o.patches as string[])[id]}' is no file beside the suite file; a library patch (a kernel commit's id) goes in params: { patches: '${(o.patches as string[])[id]}' }, patches: lists definePatch files`);
      // Folded into the `patches` parameter as absolute paths: the worker loads them from there.
      const files = (o.patches as string[]).map((x) => resolve(suiteDir(file), x));
      // Once: a suite module loaded twice in one process is the same object (its case's params already hold them).
      const params = o.params as Record<string, string | number>;
      const given = String(params.patches ?? '').split(',').filter((x) => x !== '');
      o.params = { ...params, patches: [...given, ...files.filter((x) => !given.includes(x))].join(',') };
    }
  });
  return s as unknown as Suite;
}
