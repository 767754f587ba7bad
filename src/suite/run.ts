/**
 * The suite runner: checks each case of a suite, compares each observed verdict with the
 * expected one and the state count with the golden one, and returns plain data for the table,
 * JSON and JUnit renderers. How a case is checked (in a worker, with which limits) is the
 * caller's: it passes `checkCase`.
 */
import { resolve } from 'node:path';
import { ProbecheckError } from '../engine/errors.js';
import type { Result, Verdict } from '../engine/result.js';
import { defaultExport, importFile } from '../load.js';
import { shardDecides, suiteDir, validateSuite, type Expected, type Reduction, type Suite, type SuiteCase } from './define.js';
import { isPart } from '../engine/search/shard.js';

export interface LoadedSuite { file: string; suite: Suite; modelFile: string }

export async function loadSuite(file: string): Promise<LoadedSuite> {
  const suite = validateSuite(defaultExport(await importFile(file)), file);
  return { file, suite, modelFile: resolve(suiteDir(file), suite.model) };
}

/** Is this module's default export a suite (rather than a model)? */
export function isSuite(d: unknown): boolean {
  return Boolean(d && typeof d === 'object' && (d as { kind?: unknown }).kind === 'probecheck-suite');
}

/**
 * `vacuous`: an actor action of the case never completed (its verdicts are about a scenario in
 * which it did nothing). `partial`: a shard's verdict about its part, which does not decide the
 * whole search's (`probecheck merge` does).
 */
export type RowStatus = 'ok' | 'mismatch' | 'fixme' | 'unknown' | 'vacuous' | 'partial';

export interface PropertyRow { property: string; expected: Expected; observed: Verdict | '-'; status: RowStatus }

export interface CaseOutcome {
  params: Record<string, string | number>;
  note?: string;
  fixme?: string;
  /** The check's result (absent for a fixme case). */
  result?: Result;
  expectedStates?: number;
  /** ok, mismatch, or unknown when a limit stopped the search (nothing to compare). */
  statesStatus?: RowStatus;
  /** Why the golden count was not compared although the case has one, or that it has none. */
  statesNote?: string;
  /** The case pins no state count at all (no `states`, no `reduced`): its count is reported, never compared. */
  unpinned?: true;
  /** result.states is a lower bound (merged shards, a shard, a search stopped early: the whole count is not known). */
  statesAtLeast?: true;
  /** Actor actions no run completed (`thread: action`), and the status they give the case. */
  idleActions?: string[];
  /** The case's `neverCompletes`: the idle actions must be exactly these. */
  expectedIdle?: string[];
  actionsStatus?: RowStatus;
  rows: PropertyRow[];
}

export interface SuiteOptions {
  /** Accept vacuity: an observed `vacuous` matches an expected `holds` or `reachable`, and idle actions are reported only. */
  allowVacuous?: boolean;
}

export interface SuiteOutcome { suite: string; file: string; model: string; cases: CaseOutcome[] }

export type CheckCase = (modelFile: string, c: SuiteCase) => Promise<Result>;

export async function runSuite(s: LoadedSuite, checkCase: CheckCase, onCase?: (c: CaseOutcome) => void, o: SuiteOptions = {}): Promise<SuiteOutcome> {
  const cases: CaseOutcome[] = [];
  for (const [i, c] of s.suite.cases.entries()) {
    const out = await runCase(`${s.file}: cases[${i}]`, s.modelFile, c, checkCase, o);
    cases.push(out);
    onCase?.(out);
  }
  return { suite: s.suite.name, file: s.file, model: s.modelFile, cases };
}

/** Errors about what a case names (an unknown property, parameter, profile or patch): reported with the suite file and case. */
const CASE_ERRORS: readonly string[] = ['E104', 'E301', 'E602', 'E603', 'E604'];

const REACHABILITY: readonly string[] = ['reachable', 'unreachable', 'vacuous'];
const SAFETY: readonly string[] = ['holds', 'violated', 'vacuous'];

async function runCase(where: string, modelFile: string, c: SuiteCase, checkCase: CheckCase, o: SuiteOptions): Promise<CaseOutcome> {
  const base: CaseOutcome = { params: c.params, rows: [] };
  if (c.note) base.note = c.note;
  if (c.fixme) {
    base.fixme = c.fixme;
    if (c.states !== undefined) base.expectedStates = c.states;
    base.rows = Object.entries(c.expect).map(([property, expected]) => ({ property, expected, observed: '-', status: 'fixme' }));
    return base;
  }
  let result: Result;
  try { result = await checkCase(modelFile, c); } catch (e) {
    // What the case itself names (its properties, parameters, profile, patches) is wrong in the
    // suite file: say which file and case.
    if (e instanceof ProbecheckError && CASE_ERRORS.includes(e.code)) throw new ProbecheckError(e.code, `${where}.${e.code === 'E301' ? 'expect' : 'params'}: ${e.message}`);
    // --shard splits every case's search: a case that expects a verdict only the whole graph gives
    // cannot be in a sharded suite (the way out a suite has: another suite file).
    if (e instanceof ProbecheckError && e.code === 'E501' && e.message.startsWith('--shard: ')) {
      throw new ProbecheckError('E501', `${where}.expect: ${e.message} (a suite is sharded whole: move the cases that expect such verdicts to a suite file of their own)`);
    }
    throw e;
  }
  base.result = result;
  return judgeCase(where, c, result, o, base);
}

/**
 * A case's outcome from its result: each expected verdict against the observed one, the actions
 * that never completed, the state count against the pinned one. `probecheck merge` judges a
 * sharded suite's merged results with it too (`countNote`: why the count is not compared).
 */
export function judgeCase(where: string, c: SuiteCase, result: Result, o: SuiteOptions, base: CaseOutcome = { params: c.params, rows: [] }, countNote?: string): CaseOutcome {
  base.result = result;
  base.rows = Object.entries(c.expect).map(([property, expected]) => {
    const p = result.properties.find((x) => x.name === property);
    if (!p) throw new ProbecheckError('E301', `${where}.expect: ${result.model} (${params(c)}): the suite expects property '${property}', which the model does not have; known: ${result.properties.map((x) => x.name).join(', ')}`);
    const words = p.kind === 'sometimes' ? REACHABILITY : SAFETY;
    if (!words.includes(expected)) {
      throw new ProbecheckError('E502', `${where}.expect.${property}: '${property}' is ${p.kind === 'sometimes' ? 'a reachability question' : `not a reachability question (${p.kind})`}; expected one of ${words.map((x) => `'${x}'`).join(', ')}, got '${expected}'`);
    }
    const observed = p.verdict;
    const accepted = observed === expected || (o.allowVacuous && observed === 'vacuous' && (expected === 'holds' || expected === 'reachable'));
    // A shard's verdict is about its part: only what it decides is compared (merge does the rest).
    const partial = isPart(result.shard) && observed !== 'unknown' && !shardDecides(expected, observed);
    const status: RowStatus = partial ? 'partial' : accepted ? 'ok' : observed === 'unknown' ? 'unknown' : 'mismatch';
    return { property, expected, observed, status };
  });
  if (result.shard && isPart(result.shard)) {
    // A part's idle actions say nothing of the whole search's, nor its count of the whole count;
    // but every state a part stored is one of the whole search's: a part over the pin decides a mismatch.
    const red = reductionOf(result), golden = red ? c.reduced?.[red] : c.states;
    if (golden !== undefined) {
      base.expectedStates = golden;
      if (boundExceeds(result, golden)) return overPin(base);
    }
    // A case that pins no count at all says so on every shard, as unsharded (merge carries it).
    if (c.states === undefined && c.reduced === undefined) {
      base.unpinned = true;
      base.statesNote = UNPINNED;
      return base;
    }
    base.statesNote = `not compared (a shard): shard ${result.shard.index}/${result.shard.count} stores part of the search, and the whole count is not known from the parts`;
    return base;
  }
  if (countNote) {
    base.statesNote = countNote;
    return withIdle(base, result, o, c);
  }
  return caseCount(withIdle(base, result, o, c), c, result);
}

function withIdle(base: CaseOutcome, result: Result, o: SuiteOptions, c: SuiteCase): CaseOutcome {
  const idle = result.vacuity?.actions ?? [];
  if (c.neverCompletes) {
    // A hang the case pins: the same actions, no more and no fewer (a complete search only: an
    // unexplored state could complete one).
    const names = idle.map((a) => `${a.thread}: ${a.action}`), want = c.neverCompletes;
    base.idleActions = names;
    base.expectedIdle = [...want];
    const same = names.length === want.length && want.every((w) => names.includes(w));
    base.actionsStatus = !result.complete ? 'unknown' : same ? 'ok' : 'mismatch';
    return base;
  }
  if (idle.length) {
    base.idleActions = idle.map((a) => `${a.thread}: ${a.action}`);
    base.actionsStatus = o.allowVacuous ? 'ok' : 'vacuous';
  }
  return base;
}

export const UNPINNED = 'not pinned: the case states no count (states: N), so a change to its state space would go unnoticed';

function caseCount(base: CaseOutcome, c: SuiteCase, result: Result): CaseOutcome {
  // A reduced search stores fewer states: it is held to the count pinned for that reduction.
  const red = reductionOf(result);
  const golden = red ? c.reduced?.[red] : c.states;
  if (golden !== undefined) {
    base.expectedStates = golden;
    // A search that stopped early has not counted every state, but what it stored is a lower bound
    // (a CI hunt, 2026-12-05: 438,204+ states against a pin of 123 was UNKNOWN, exit 3).
    if (!result.complete && boundExceeds(result, golden)) return overPin(base);
    if (result.stopped === 'all-violated') base.statesNote = 'not compared: the search stopped once every property was violated';
    else base.statesStatus = !result.complete ? 'unknown' : result.states === golden ? 'ok' : 'mismatch';
  } else if (red && c.states !== undefined) {
    // Shown as a skipped check (JUnit's `state count`), not left out.
    base.expectedStates = c.states;
    base.statesNote = `not compared: ${c.states} is the unreduced count, and the case pins none for ${red} (reduced: { '${red}': N })`;
  } else if (c.states === undefined && c.reduced === undefined) {
    // Not a failure (a new case may not know its count yet), but never silent either.
    base.unpinned = true;
    base.statesNote = UNPINNED;
  } else {
    base.statesNote = `not compared: the case pins no count for ${red ?? 'the unreduced search'} (${red ? `reduced: { '${red}': N }` : 'states: N'})`;
  }
  return base;
}

/**
 * Do the states a partial search stored (a shard's part, a search stopped early, the largest of
 * merged shards) already outnumber the pinned count? Each is a state of the whole search, so the
 * whole count is at least as large: a certain mismatch. Not under --por, whose stored states
 * depend on the order it explored them in.
 */
export function boundExceeds(r: Result, golden: number, states = r.states): boolean {
  return r.por?.applied !== true && states > golden;
}

/** A mismatch decided by a lower bound: `result.states` is "at least". */
function overPin(base: CaseOutcome): CaseOutcome {
  base.statesStatus = 'mismatch';
  base.statesAtLeast = true;
  delete base.statesNote;
  return base;
}

/** The reduction a result's search used, as a suite's `reduced` names it (undefined: none). */
export function reductionOf(r: Result): Reduction | undefined {
  const por = r.por?.applied === true, sym = r.symmetry?.applied === true;
  return por && sym ? 'por+symmetry' : por ? 'por' : sym ? 'symmetry' : undefined;
}

const params = (c: SuiteCase) => Object.entries(c.params).map(([k, v]) => `${k}=${v}`).join(' ');

/** Every status in an outcome: what the exit status is decided from. */
export function statuses(o: SuiteOutcome): RowStatus[] {
  const all = o.cases.flatMap((c) => [...c.rows.map((r) => r.status), ...(c.statesStatus ? [c.statesStatus] : []), ...(c.actionsStatus ? [c.actionsStatus] : [])]);
  // A suite whose every case is FIXME checked nothing: no verdict (exit 3), never a green run (a CI hunt, 2026-12-05).
  return nothingChecked(o) ? [...all, 'unknown'] : all;
}

/** Every case of the suite is FIXME: it was not run at all. */
export function nothingChecked(o: SuiteOutcome): boolean {
  return o.cases.length > 0 && o.cases.every((c) => c.fixme !== undefined);
}
