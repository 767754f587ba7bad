/**
 * GitHub Actions annotations (`::error title=...::...`) for violations, actions that never
 * completed, and suite mismatches (verdicts, and pinned state counts), and a warning for a search
 * a limit stopped,
 * printed when GITHUB_ACTIONS=true so that they show on the run's summary page. Values are
 * escaped as the workflow-command format requires.
 */
import type { SuiteOutcome } from '../suite/run.js';
import { caseOf, propertyFailed, reportedProperties, type CheckedRun } from './runs.js';
import { showParams } from './text.js';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A file as GitHub places an annotation: relative to the repository's checkout (GITHUB_WORKSPACE),
 * not to the step's working directory (a CI hunt, 2026-12-06: a job run with `working-directory:
 * kernel-tests` annotated `unplug.ts`, which GitHub looks for at the repository's root). A file
 * outside the checkout, or with no GITHUB_WORKSPACE, is named from the working directory.
 */
function filePath(file: string, ws: string | undefined): string {
  const abs = resolve(file);
  if (ws) {
    const r = relative(resolve(ws), abs);
    if (r && !r.startsWith('..') && !isAbsolute(r)) return r.split(sep).join('/');
  }
  return relative(process.cwd(), abs);
}

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(runs: readonly CheckedRun[], suites: readonly SuiteOutcome[], env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  const fileOf = (f: string) => filePath(f, env.GITHUB_WORKSPACE);
  for (const r of runs) for (const p of reportedProperties(r)) {
    if (!propertyFailed(r, p.name, p.verdict)) continue;
    const where = `${r.result.model} (${showParams(r.result.params)})`;
    const expected = r.expect ? ` (expected ${r.expect[p.name]})` : '';
    const title = `${p.name} ${p.verdict}${expected}`;
    const msg = `${where}: ${p.name} ${p.verdict}${expected}${p.explanation ? `: ${p.explanation}` : ''}${p.trace ? ` [${p.trace.steps.length}-step trace]` : ''}`;
    out.push(`::error file=${prop(fileOf(r.file))},title=${prop(title)}::${data(msg)}`);
  }
  // An actor's action that never completed (exit 5 unless --allow-vacuous): every verdict of the
  // run is about runs that stop short (a CI hunt, 2026-12-05: no annotation said so).
  for (const r of runs) {
    if (r.allowVacuous || r.result.shard) continue;
    // A hang the case pins is its expectation, not a vacuity (judged below).
    if (caseOf(r, suites)?.expectedIdle) continue;
    for (const a of r.result.vacuity?.actions ?? []) {
      const where = `${r.result.model} (${showParams(r.result.params)})`;
      out.push(`::error file=${prop(fileOf(r.file))},title=${prop(`action '${a.action}' never completed`)}::${data(`${where}: action '${a.action}' of ${a.thread} never completed in any run: its verdicts are about runs that stop short`)}`);
    }
  }
  // The actions a case pins as never completing are not the ones that did not (neverCompletes).
  for (const o of suites) for (const c of o.cases) {
    if (!c.expectedIdle || c.actionsStatus !== 'mismatch' || !c.result) continue;
    const seen = c.idleActions?.length ? c.idleActions.join(', ') : 'none';
    const run = runs.find((r) => r.result === c.result);
    out.push(`::error file=${prop(fileOf(run?.file ?? o.file))},title=${prop('never completes: not as pinned')}::${data(`${o.suite}: ${c.result.model} (${showParams(c.result.params)}): the case pins ${c.expectedIdle.join(', ')} as never completing; never completed: ${seen}`)}`);
  }
  // A search a limit stopped (exit 3): the verdicts it did not find violated are unknown (a CI-output
  // hunt, 2026-12-05: the run's exit 3 had no annotation saying why).
  for (const r of runs) {
    const st = r.result.stopped;
    if (st === undefined || st === 'all-violated') continue;
    const where = `${r.result.model} (${showParams(r.result.params)})`;
    out.push(`::warning file=${prop(fileOf(r.file))},title=${prop(`search stopped early: ${st}`)}::${data(`${where}: ${r.result.stopNote ?? st}; the properties not violated so far are unknown`)}`);
  }
  // A pinned state count the search did not find: the suite file holds the count.
  for (const o of suites) for (const c of o.cases) {
    if (c.statesStatus !== 'mismatch' || !c.result) continue;
    const n = (x: number) => x.toLocaleString('en-US');
    const seen = `${c.statesAtLeast ? 'at least ' : ''}${n(c.result.states)}`;
    const title = `state count ${seen} (expected ${n(c.expectedStates!)})`;
    const msg = `${o.suite}: ${c.result.model} (${showParams(c.result.params)}): ${seen} states, the suite pins ${n(c.expectedStates!)}: the state space changed`;
    out.push(`::error file=${prop(fileOf(o.file))},title=${prop(title)}::${data(msg)}`);
  }
  return out;
}
