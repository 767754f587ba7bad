/**
 * GitHub Actions annotations (`::error title=...::...`) for violations and suite mismatches,
 * printed when GITHUB_ACTIONS=true so that they show on the run's summary page. Values are
 * escaped as the workflow-command format requires.
 */
import type { SuiteOutcome } from '../suite/run.js';
import { propertyFailed, reportedProperties, type CheckedRun } from './runs.js';
import { showParams } from './text.js';
import { relative } from 'node:path';

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(runs: readonly CheckedRun[], _suites: readonly SuiteOutcome[]): string[] {
  const out: string[] = [];
  for (const r of runs) for (const p of reportedProperties(r)) {
    if (!propertyFailed(r, p.name, p.verdict)) continue;
    const where = `${r.result.model} (${showParams(r.result.params)})`;
    const expected = r.expect ? ` (expected ${r.expect[p.name]})` : '';
    const title = `${p.name} ${p.verdict}${expected}`;
    const msg = `${where}: ${p.name} ${p.verdict}${expected}${p.explanation ? `: ${p.explanation}` : ''}${p.trace ? ` [${p.trace.steps.length}-step trace]` : ''}`;
    out.push(`::error file=${prop(relative(process.cwd(), r.file))},title=${prop(title)}::${data(msg)}`);
  }
  return out;
}
