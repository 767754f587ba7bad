/**
 * JUnit XML for CI dashboards: one testsuite per model (or suite), one testcase per
 * model × parameters × property. A case fails when the verdict differs from what is expected
 * (a suite's expectation; for a plain model, that the property holds), and is skipped when the
 * search stopped before a verdict or the suite marks it FIXME. A suite case that pins a state
 * count has one more testcase, `state count`, which fails when the search found another number,
 * and a run whose actions never all completed one more, `actions complete`, failed (exit 5), as is
 * `patch credited` for a run none of whose patch files' steps ran (exit 5), or one whose case
 * pins `credited: false` where a step of them ran (exit 4). A run
 * whose model has notes says them in each of its verdicts' testcases, as `<system-out>`.
 */
import type { CheckedRun } from './runs.js';
import { caseOf, expectedVerdict, partialVerdict, propertyFailed, reportedProperties } from './runs.js';
import { loopNote, showParams, vacuousWhy } from './text.js';
import type { SuiteOutcome } from '../suite/run.js';
import { isPart } from '../engine/search/shard.js';

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

export function junitXml(runs: readonly CheckedRun[], outcomes: readonly SuiteOutcome[] = []): string {
  // A suite and a scenario of the same name are testsuites of their own (a CI hunt, 2026-12-05:
  // one <testsuite> held a failing scenario testcase and a passing suite one of the same identity).
  const groups = new Map<string, { name: string; suite: boolean; runs: CheckedRun[] }>();
  for (const r of runs) {
    const key = r.suite !== undefined ? `suite\0${r.suite}` : `model\0${r.result.model}`;
    if (!groups.has(key)) groups.set(key, { name: r.suite ?? r.result.model, suite: r.suite !== undefined, runs: [] });
    groups.get(key)!.runs.push(r);
  }
  // Each testcase's identity (classname + name) is unique: a report tool keys by it and keeps one.
  const used = new Set<string>();
  const classname = (r: CheckedRun): string => {
    const base = `${r.suite ?? r.result.model}[${showParams(r.result.params)}]`;
    const names = [...reportedProperties(r).map((p) => p.name), 'actions complete', 'never completes', 'state count', 'patch credited'];
    const free = (c: string) => names.every((n) => !used.has(`${c}\0${n}`));
    // Two cases of one suite with the same parameters: the case's number tells them apart.
    let cls = base;
    if (!free(cls)) cls = r.suite !== undefined && r.case !== undefined ? `${base} cases[${r.case}]` : `${base} (${r.suite !== undefined ? 'suite' : 'scenario'})`;
    for (let k = 2; !free(cls); k++) cls = `${base} #${k}`;
    for (const n of names) used.add(`${cls}\0${n}`);
    return cls;
  };
  const suites: string[] = [];
  let total = 0, failures = 0;
  for (const { name, suite: isSuite, runs: rs } of groups.values()) {
    const cases: string[] = [];
    let f = 0, skipped = 0, time = 0;
    for (const r of rs) {
      time += r.result.seconds;
      const cls = classname(r);
      const per = r.result.seconds / Math.max(1, reportedProperties(r).length);
      const first = cases.length;
      for (const p of reportedProperties(r)) {
        const head = `    <testcase classname="${xmlEscape(cls)}" name="${xmlEscape(p.name)}" time="${per.toFixed(3)}"`;
        if (propertyFailed(r, p.name, p.verdict)) {
          f++;
          const want = expectedVerdict(r, p.name);
          const body = [p.explanation ?? (p.verdict === 'vacuous' ? vacuousWhy(r.result, p.name) ?? '' : ''), ...(p.trace?.steps.map((s) => `${s.n}. ${s.thread}: ${s.label} (${s.where})`) ?? []),
            ...(p.trace?.loopFrom !== undefined ? [loopNote(p.trace)] : [])].join('\n');
          cases.push(`${head}>\n      <failure message="${xmlEscape(`${p.name}: expected ${want}, observed ${p.verdict}`)}" type="${p.verdict}">${xmlEscape(body)}</failure>\n    </testcase>`);
        } else if (partialVerdict(r, p.name, p.verdict)) {
          skipped++;
          const s = r.result.shard!;
          cases.push(`${head}>\n      <skipped message="${xmlEscape(`shard ${s.index}/${s.count}: ${p.verdict} in this part only; probecheck merge the shards' results for the verdict`)}"/>\n    </testcase>`);
        } else if (p.verdict === 'unknown') {
          skipped++;
          cases.push(`${head}>\n      <skipped message="${xmlEscape(`no verdict: search stopped (${r.result.stopped ?? 'incomplete'})`)}"/>\n    </testcase>`);
        } else if (p.verdict === 'vacuous' && r.allowVacuous && expectedVerdict(r, p.name) !== 'vacuous') {
          // (A case that expects `vacuous` passes, flag or not: the terminal says ok either way.)
          // Accepted, not passed: a dashboard should not show it as a property that held (a CI hunt, 2026-12-05).
          skipped++;
          cases.push(`${head}>\n      <skipped message="${xmlEscape(`vacuous, accepted by --allow-vacuous: ${p.explanation ?? vacuousWhy(r.result, p.name) ?? 'its premise never held'}`)}"/>\n    </testcase>`);
        } else cases.push(`${head}/>`);
      }
      // The model's notes (a flag the profile takes unread, an option its kernel lacks): the verdicts
      // rest on them, so each verdict's testcase says them, as the terminal does (a review, 2026-12-06).
      if (r.result.notes?.length) for (let i = first; i < cases.length; i++) cases[i] = withOutput(cases[i]!, r.result.notes.map((n) => `note: ${n}`).join('\n'));
      // Actions that never completed in any run (exit 5, as a vacuous verdict): a testcase of their own,
      // failed unless --allow-vacuous (a CI hunt, 2026-12-05: the report was green while the exit was 5).
      const idle = r.result.vacuity?.actions ?? [];
      const c = caseOf(r, outcomes);
      if (c?.expectedIdle) {
        // A hang the case pins (neverCompletes): the actions that never completed must be those.
        const head = `    <testcase classname="${xmlEscape(cls)}" name="never completes" time="0"`;
        const seen = idle.length ? idle.map((a) => `${a.thread}: ${a.action}`).join('; ') : 'none';
        if (c.actionsStatus === 'ok') cases.push(`${head}/>`);
        else if (c.actionsStatus === 'unknown') { skipped++; cases.push(`${head}>\n      <skipped message="${xmlEscape(`not compared: the search stopped (${r.result.stopped ?? 'incomplete'})`)}"/>\n    </testcase>`); }
        else { f++; cases.push(`${head}>\n      <failure message="${xmlEscape(`never completed: expected ${c.expectedIdle.join('; ')}, observed ${seen}`)}" type="never-completes"/>\n    </testcase>`); }
      } else if (idle.length && r.result.shard && isPart(r.result.shard)) {
        // A part's idle actions say nothing of the whole search's (merge judges them): not a failure
        // of a shard that exits 0 (a CI hunt, 2026-12-05).
        skipped++;
        cases.push(`    <testcase classname="${xmlEscape(cls)}" name="actions complete" time="0">\n      <skipped message="${xmlEscape("not judged in a shard: an action another part completes is complete; probecheck merge judges it")}"/>\n    </testcase>`);
      } else if (idle.length) {
        const head = `    <testcase classname="${xmlEscape(cls)}" name="actions complete" time="0"`;
        const what = idle.map((a) => `${a.thread}: ${a.action}`).join('; ');
        // Accepted by --allow-vacuous: skipped, as an accepted vacuous verdict is (not a plain pass).
        if (r.allowVacuous) { skipped++; cases.push(`${head}>\n      <skipped message="${xmlEscape(`never completed in any run, accepted by --allow-vacuous: ${what}`)}"/>\n    </testcase>`); }
        else {
          f++;
          cases.push(`${head}>\n      <failure message="${xmlEscape(`never completed in any run: ${what}`)}" type="vacuous">${xmlEscape('An action of the scenario never completed: the verdicts say nothing about what comes after it (--allow-vacuous accepts this).')}</failure>\n    </testcase>`);
        }
      }
      // A search whose patch files never ran (exit 5, as a vacuous verdict): its verdicts are the
      // kernel's without them (a team's CI, s49 h4: the report was green while the exit was 5).
      if (r.notCredited) {
        const head = `    <testcase classname="${xmlEscape(cls)}" name="patch credited" time="0"`;
        if (r.allowVacuous) { skipped++; cases.push(`${head}>\n      <skipped message="${xmlEscape(`not credited to the patch, accepted by --allow-vacuous: ${r.notCredited}`)}"/>\n    </testcase>`); }
        else { f++; cases.push(`${head}>\n      <failure message="${xmlEscape(`not credited to the patch: ${r.notCredited}`)}" type="vacuous"/>\n    </testcase>`); }
      }
      // A case that pins `credited: false` and whose patch ran (exit 4).
      if (r.creditMismatch) {
        f++;
        cases.push(`    <testcase classname="${xmlEscape(cls)}" name="patch credited" time="0">\n      <failure message="${xmlEscape(r.creditMismatch)}" type="mismatch"/>\n    </testcase>`);
      }
      // A case's pinned state count is a check of its own: a changed state space fails the case.
      if (c && c.expectedStates !== undefined) {
        const head = `    <testcase classname="${xmlEscape(cls)}" name="state count" time="0"`;
        const n = (x: number) => x.toLocaleString('en-US');
        if (c.statesStatus === 'mismatch') {
          f++;
          cases.push(`${head}>\n      <failure message="${xmlEscape(`state count: expected ${n(c.expectedStates)}, observed ${c.statesAtLeast ? 'at least ' : ''}${n(c.result?.states ?? r.result.states)}`)}" type="state-count">${xmlEscape('The search found another number of distinct states than the suite pins: the state space changed. If the change is intended, update the case\'s states (or reduced) count.')}</failure>\n    </testcase>`);
        } else if (c.statesStatus === 'ok') cases.push(`${head}/>`);
        else {
          skipped++;
          const why = c.statesNote ?? `not compared: the search stopped (${r.result.stopped ?? 'incomplete'})`;
          cases.push(`${head}>\n      <skipped message="${xmlEscape(`state count ${why}`)}"/>\n    </testcase>`);
        }
      }
    }
    if (isSuite) for (const o of outcomes) if (o.suite === name) { const fx = fixmeCases(o); skipped += fx.length; cases.push(...fx); }
    total += cases.length; failures += f;
    suites.push(`  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${f}" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  // A suite all of whose cases are FIXME ran nothing: its skipped testcases still show (a CI hunt,
  // 2026-12-05: the report was empty, and a folder of such suites was a green CI that checked nothing).
  for (const o of outcomes) {
    if (groups.has(`suite\0${o.suite}`)) continue;
    const cases = fixmeCases(o);
    if (!cases.length) continue;
    total += cases.length;
    suites.push(`  <testsuite name="${xmlEscape(o.suite)}" tests="${cases.length}" failures="0" skipped="${cases.length}" time="0.000">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="probecheck" tests="${total}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** A testcase with a <system-out> (after its failure or skipped, as the JUnit schema orders them). */
function withOutput(testcase: string, text: string): string {
  const out = `      <system-out>${xmlEscape(text)}</system-out>`;
  return testcase.endsWith('/>') && !testcase.includes('\n') ? `${testcase.slice(0, -2)}>\n${out}\n    </testcase>` : testcase.replace(/\n    <\/testcase>$/, `\n${out}\n    </testcase>`);
}

/** A suite's FIXME cases were never run: skipped testcases, visible but not failing. */
function fixmeCases(o: SuiteOutcome): string[] {
  return o.cases.filter((c) => c.fixme).flatMap((c) => c.rows.map((row) => `    <testcase classname="${xmlEscape(`${o.suite}[${showParams(c.params)}]`)}" name="${xmlEscape(row.property)}" time="0">\n      <skipped message="${xmlEscape(`FIXME: ${c.fixme}`)}"/>\n    </testcase>`));
}
