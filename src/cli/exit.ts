import type { Result } from '../engine/result.js';
import { statuses, type SuiteOutcome } from '../suite/run.js';
/**
 * The CLI's exit statuses, in one place so that `--help`, the commands and the tests agree.
 * When one run has several outcomes the most serious wins, in the order of `worst`.
 */
export const EXIT = {
  /** Every property holds (check), the trace is confirmed (replay), no regression (diff). */
  ok: 0,
  /**
   * A property is violated or a reachability question is unreachable (check, simulate), the
   * trace is refuted (replay), a regression (diff).
   */
  violated: 1,
  /** Bad usage, a bad model, suite or trace file. */
  usage: 2,
  /** A limit (or Ctrl-C) stopped the search before a verdict; a suite whose every case is FIXME (nothing checked). */
  limit: 3,
  /** A suite's observation differs from its expectation. */
  mismatch: 4,
  /**
   * A verdict about nothing: a property is vacuous (its premise never met, or nothing moved), an
   * actor action never completed, or a user's patch (--patch) did nothing in the search (no step
   * of it ran, or one blocks every thread that reaches it for ever: check's verdicts and diff's
   * "fixed" are then not the patch's); `--allow-vacuous` accepts it.
   */
  vacuous: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const SEVERITY: readonly ExitCode[] = [EXIT.usage, EXIT.mismatch, EXIT.violated, EXIT.vacuous, EXIT.limit, EXIT.ok];

/** The most serious of several outcomes. */
export function worst(codes: readonly ExitCode[]): ExitCode {
  for (const c of SEVERITY) if (codes.includes(c)) return c;
  return EXIT.ok;
}

export const EXIT_HELP = `Exit status:
  0  every property holds (a reachability question: reachable) / trace confirmed / no regression
  1  a property is violated, or unreachable / trace refuted (diverges or no violation) / a regression
  2  usage error, or a bad model, suite or trace file (one line on stderr: probecheck: Exxx (...): ...)
  3  a limit (--max-states, --max-depth, --time-limit, --memory-limit, a failed allocation, Ctrl-C) stopped the search
     before a verdict, random walks ended without one, or every case of a suite is FIXME (nothing checked)
  4  a suite's observed verdict or state count differs from its expectation (or a step of a
     case's patches: files ran where the case pins credited: false)
  5  vacuous: a property's premise was never met, the search saw only the initial state, an
     actor action never completed, or no step of a --patch file (or a suite case's patches: file)
     ran (or one of its steps blocks every thread that reaches it for ever) (--allow-vacuous
     accepts it: exit as if it held)
  When several apply, the first in the order 2, 4, 1, 5, 3 wins.`;

export function verdictExit(r: Result, allowVacuous = false): ExitCode {
  if (r.properties.some((p) => p.verdict === 'violated' || (p.verdict === 'unreachable' && !r.shard))) return EXIT.violated;
  // A shard's premise may be met in another shard's part: only the merge can call it vacuous.
  if (r.shard) return r.properties.some((p) => p.verdict === 'unknown') ? EXIT.limit : EXIT.ok;
  const vacuous = r.properties.some((p) => p.verdict === 'vacuous') || (r.vacuity?.actions.length ?? 0) > 0;
  if (vacuous && !allowVacuous) return EXIT.vacuous;
  if (r.properties.some((p) => p.verdict === 'unknown')) return EXIT.limit;
  return EXIT.ok;
}

/** A suite's exit status: a mismatch (4) before vacuity (5) before a stopped search (3). */
export function suiteExit(o: SuiteOutcome): ExitCode {
  const st = statuses(o);
  return st.includes('mismatch') ? EXIT.mismatch : st.includes('vacuous') ? EXIT.vacuous : st.includes('unknown') ? EXIT.limit : EXIT.ok;
}
