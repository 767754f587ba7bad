/**
 * GitHub Actions annotations (`::error title=...::...`) for violations, actions that never
 * completed, and suite mismatches (verdicts, and pinned state counts), a warning for a search
 * a limit stopped, and a notice for each distinct note of the models,
 * printed when GITHUB_ACTIONS=true so that they show on the run's summary page. Values are
 * escaped as the workflow-command format requires.
 */
import type { CaseOutcome, SuiteOutcome } from '../suite/run.js';
import { caseOf, propertyFailed, reportedProperties, type CheckedRun } from './runs.js';
import { caseLine } from './suite-lines.js';
import { showParams, vacuousWhy } from './text.js';
import { relative, resolve } from 'node:path';
import { below } from './trace-file.js';

/**
 * A file as GitHub places an annotation: relative to the repository's checkout (GITHUB_WORKSPACE),
 * not to the step's working directory (a CI hunt, 2026-12-06: a job run with `working-directory:
 * kernel-tests` annotated `unplug.ts`, which GitHub looks for at the repository's root). A file
 * outside the checkout, or with no GITHUB_WORKSPACE, is named from the working directory.
 */
function filePath(file: string, ws: string | undefined): string {
  return (ws ? below(file, ws) : undefined) ?? relative(process.cwd(), resolve(file));
}

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Where an annotation about a run goes, and how its message names the run. A suite case's goes on
 * the suite file, at the case's line where the text tells it, and is named as JUnit and errors
 * name it: the suite's name and the case's index (a CI hunt, 2026-12-06: two cases with the same
 * parameters both read `scenario (params)`, on the model file).
 */
function placeOf(r: CheckedRun, suites: readonly SuiteOutcome[], fileOf: (f: string) => string): { at: string; where: string } {
  const o = r.suite !== undefined ? suites.find((x) => x.suite === r.suite && x.cases.some((c) => c.result === r.result)) : undefined;
  if (!o) return { at: `file=${prop(fileOf(r.file))}`, where: `${r.result.model} (${showParams(r.result.params)})` };
  return suitePlace(o, o.cases.findIndex((c) => c.result === r.result), fileOf);
}

function suitePlace(o: SuiteOutcome, i: number, fileOf: (f: string) => string): { at: string; where: string } {
  const c: CaseOutcome = o.cases[i]!;
  const line = caseLine(o.file, i, o.cases.length);
  return { at: `file=${prop(fileOf(o.file))}${line !== undefined ? `,line=${line}` : ''}`, where: `${o.suite} cases[${i}] (${showParams(c.result?.params ?? c.params)})` };
}

export function githubAnnotations(runs: readonly CheckedRun[], suites: readonly SuiteOutcome[], env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  const fileOf = (f: string) => filePath(f, env.GITHUB_WORKSPACE);
  for (const r of runs) for (const p of reportedProperties(r)) {
    if (!propertyFailed(r, p.name, p.verdict)) continue;
    const { at, where } = placeOf(r, suites, fileOf);
    const expected = r.expect ? ` (expected ${r.expect[p.name]})` : '';
    const title = `${p.name} ${p.verdict}${expected}`;
    const why = p.explanation ?? (p.verdict === 'vacuous' ? vacuousWhy(r.result, p.name) : undefined);
    const msg = `${where}: ${p.name} ${p.verdict}${expected}${why ? `: ${why}` : ''}${p.trace ? ` [${p.trace.steps.length}-step trace]` : ''}`;
    out.push(`::error ${at},title=${prop(title)}::${data(msg)}`);
  }
  // An actor's action that never completed (exit 5 unless --allow-vacuous): every verdict of the
  // run is about runs that stop short (a CI hunt, 2026-12-05: no annotation said so).
  for (const r of runs) {
    if (r.allowVacuous || r.result.shard) continue;
    // A hang the case pins is its expectation, not a vacuity (judged below).
    if (caseOf(r, suites)?.expectedIdle) continue;
    for (const a of r.result.vacuity?.actions ?? []) {
      const { at, where } = placeOf(r, suites, fileOf);
      out.push(`::error ${at},title=${prop(`action '${a.action}' never completed`)}::${data(`${where}: action '${a.action}' of ${a.thread} never completed in any run: its verdicts are about runs that stop short`)}`);
    }
  }
  // No step of the run's patch files ran, or one blocks for ever (exit 5 unless --allow-vacuous).
  for (const r of runs) {
    if (!r.notCredited || r.allowVacuous) continue;
    const { at, where } = placeOf(r, suites, fileOf);
    out.push(`::error ${at},title=${prop('not credited to the patch')}::${data(`${where}: not credited to the patch: ${r.notCredited}`)}`);
  }
  // A case that pins `credited: false` and whose patch ran (exit 4).
  for (const r of runs) {
    if (!r.creditMismatch) continue;
    const { at, where } = placeOf(r, suites, fileOf);
    out.push(`::error ${at},title=${prop('patch credited (expected not)')}::${data(`${where}: ${r.creditMismatch}`)}`);
  }
  // The actions a case pins as never completing are not the ones that did not (neverCompletes).
  for (const o of suites) for (const [i, c] of o.cases.entries()) {
    if (!c.expectedIdle || c.actionsStatus !== 'mismatch' || !c.result) continue;
    const seen = c.idleActions?.length ? c.idleActions.join(', ') : 'none';
    const { at, where } = suitePlace(o, i, fileOf);
    out.push(`::error ${at},title=${prop('never completes: not as pinned')}::${data(`${where}: the case pins ${c.expectedIdle.join(', ')} as never completing; never completed: ${seen}`)}`);
  }
  // A search a limit stopped (exit 3): the verdicts it did not find violated are unknown (a CI-output
  // hunt, 2026-12-05: the run's exit 3 had no annotation saying why).
  for (const r of runs) {
    const st = r.result.stopped;
    if (st === undefined || st === 'all-violated') continue;
    const { at, where } = placeOf(r, suites, fileOf);
    out.push(`::warning ${at},title=${prop(`search stopped early: ${st}`)}::${data(`${where}: ${r.result.stopNote ?? st}; the properties not violated so far are unknown`)}`);
  }
  // A model's notes (an order the profile assumes, a load that blocks in some orders): no failure,
  // but a verdict that leans on them should say so where CI shows results. One `::notice` per
  // distinct note, on the first run that has it, naming the others: GitHub shows at most 10
  // notices a step, and `npm start`'s 13 notes are 7 texts.
  const noted = new Map<string, { at: string; where: string[] }>();
  for (const r of runs) for (const n of r.result.notes ?? []) {
    const { at, where } = placeOf(r, suites, fileOf);
    const e = noted.get(n);
    if (e) { if (!e.where.includes(where)) e.where.push(where); } else noted.set(n, { at, where: [where] });
  }
  for (const [n, { at, where }] of noted) {
    const shown = where.length > 4 ? `${where.slice(0, 3).join('; ')}; and ${where.length - 3} more` : where.join('; ');
    out.push(`::notice ${at},title=${prop('model note')}::${data(`${shown}: note: ${n}`)}`);
  }
  // A pinned state count the search did not find: the suite file holds the count.
  for (const o of suites) for (const [i, c] of o.cases.entries()) {
    if (c.statesStatus !== 'mismatch' || !c.result) continue;
    const n = (x: number) => x.toLocaleString('en-US');
    const seen = `${c.statesAtLeast ? 'at least ' : ''}${n(c.result.states)}`;
    const title = `state count ${seen} (expected ${n(c.expectedStates!)})`;
    const { at, where } = suitePlace(o, i, fileOf);
    const msg = `${where}: ${seen} states, the suite pins ${n(c.expectedStates!)}: the state space changed`;
    out.push(`::error ${at},title=${prop(title)}::${data(msg)}`);
  }
  return out;
}
