/**
 * One checked model instance as the CI and HTML renderers see it: the result, the model file,
 * and for a suite case its expectations. Plain data shared by junit, github, html.
 */
import type { PropertyResult, Result } from '../engine/result.js';
import { shardDecides, type Expected } from '../suite/define.js';
import { isPart } from '../engine/search/shard.js';
import type { PatchOutline } from '../cli/patch-notes.js';
import type { CaseOutcome, SuiteOutcome } from '../suite/run.js';

export interface CheckedRun {
  /** The model file (absolute). */
  file: string;
  result: Result;
  /** Set for a suite case. */
  suite?: string;
  expect?: Record<string, Expected>;
  /** For a suite case: its index in the suite's cases (what `probecheck merge` matches shards by). */
  case?: number;
  /** For a suite case: the actions it pins as never completing (SuiteCase.neverCompletes). */
  neverCompletes?: string[];
  /** A suite case not run yet: its reason (result is then a stub with no properties). */
  fixme?: string;
  /** --allow-vacuous: a vacuous verdict counts as the `holds` it was expected to be. */
  allowVacuous?: boolean;
  /** result.states is a lower bound of the search's count (merged shards: the largest part's). */
  statesAtLeast?: true;
  /** What the count is (merged shards: stored with overlap, at least the largest part). */
  countNote?: string;
  /**
   * Why its verdicts cannot be credited to the user's patch files (no step of theirs ran, or one
   * blocks for ever: patch-notes.ts notCredited): exit 5 unless --allow-vacuous.
   */
  notCredited?: string;
  /** A suite case's `credited: false`: it expects its patch files not to be credited (merge reads it from a shard). */
  credited?: false;
  /** The case pins `credited: false`, but a step of its patch files ran: why (exit 4). */
  creditMismatch?: string;
  /** A shard's user patches as merge reads them to judge the merged search's credit (patch-notes.ts outline). */
  patchHunks?: PatchOutline[];
}

/** The properties a run reports: a suite case's expected ones (it may check more, for its golden count). */
export function reportedProperties(run: CheckedRun): PropertyResult[] {
  return run.expect ? run.result.properties.filter((p) => p.name in run.expect!) : run.result.properties;
}

/** What a run expects of a property: its suite's word, else `holds` (`reachable` for a reachability question). */
export function expectedVerdict(run: CheckedRun, name: string): string {
  return run.expect?.[name] ?? (run.result.properties.find((p) => p.name === name)?.kind === 'sometimes' ? 'reachable' : 'holds');
}

/**
 * A shard's verdict about its part that does not decide the whole search's against what is
 * expected (a `holds` where a violation is expected may be another part's): neither a pass nor
 * a failure until `probecheck merge`.
 */
export function partialVerdict(run: CheckedRun, name: string, verdict: string): boolean {
  return isPart(run.result.shard) && verdict !== 'unknown' && !shardDecides(expectedVerdict(run, name), verdict);
}

/** Did this property come out as it should? Model runs expect every property to hold (or be reachable). */
export function propertyFailed(run: CheckedRun, name: string, verdict: string): boolean {
  const want = expectedVerdict(run, name);
  if (partialVerdict(run, name, verdict)) return false;
  if (run.allowVacuous && verdict === 'vacuous' && (want === 'holds' || want === 'reachable')) return false;
  return verdict !== 'unknown' && verdict !== want;
}

/** A suite case's outcome, from the suites a report was given. */
export function caseOf(r: CheckedRun, suites: readonly SuiteOutcome[]): CaseOutcome | undefined {
  if (r.suite === undefined) return undefined;
  return suites.find((o) => o.suite === r.suite)?.cases.find((c) => c.result === r.result);
}
