/**
 * `probecheck check` (and `simulate`, which is check with strategy random): loads the targets,
 * runs every model and suite case in the search worker with a progress line and Ctrl-C, prints
 * the text or JSON report, writes the requested files, and decides the exit status.
 */
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { ProbecheckError } from '../engine/errors.js';
import type { Result } from '../engine/result.js';
import { githubAnnotations } from '../report/github.js';
import { htmlReport } from '../report/html.js';
import { itfTrace } from '../report/itf.js';
import { loadModel, loadPatchFiles } from '../load.js';
import { creditLine, judgeCredit, judgedLine, notCredited, noteLines, outline, patchNotes, userPatches, withoutFiles, type PatchNote } from './patch-notes.js';
import { checkUserPatches } from './steps.js';
import { junitXml } from '../report/junit.js';
import { mermaidDiagram } from '../report/mermaid.js';
import { reportedProperties, type CheckedRun } from '../report/runs.js';
import { suiteJson, suiteNoteLines, suiteSummary, suiteTable, vacuousMismatchLines } from '../report/suite.js';
import { wrapLines } from '../report/wrap.js';
import { modelNoteLines, renderResult, renderViolation, shardLines, showParams, vacuityLines, verdictTable, vouchedLines, waiterSummaries } from '../report/text.js';
import { stopLines } from '../report/stop.js';
import { searchSources, toTraceFile, traceFileText, type TraceFile } from '../report/trace-file.js';
import { runSuite, statuses, type SuiteOutcome } from '../suite/run.js';
import type { OutputArgs, SearchArgs } from './args.js';
import { buildModel, nameModelFile, loadProperties, propertySource } from './build.js';
import { Checker } from './checker.js';
import { EXIT, worst, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import { checkOutputPaths, clearOutputs, writeOutput } from './output-paths.js';
import { ProgressLine } from './progress.js';
import { expandArgs, loadTarget, type Target } from './targets.js';
import { isPart } from '../engine/search/shard.js';
import { sigintHandler } from './interrupt.js';
import { suiteExit, verdictExit } from './exit.js';

export async function runCheck(io: Io, targetArgs: string[], params: Record<string, string>, search: SearchArgs, output: OutputArgs): Promise<ExitCode> {
  checkOutputPaths(output);
  const files = expandArgs(targetArgs);
  const targets: Target[] = [];
  for (const f of files) targets.push(await loadTarget(f));
  if (Object.keys(params).length && !targets.some((t) => t.kind === 'model')) {
    throw new ProbecheckError('E501', `${Object.keys(params).every((k) => k === 'patches') ? '--patch' : '--param'} applies to model files; a suite states the parameters of each case (its patches too: params.patches)`);
  }
  // Suites are keyed by name in JUnit, the HTML report and merge: two of one name would mix their
  // cases (a CI hunt, 2026-12-05: a state-count mismatch vanished from JUnit, merge dropped one).
  const byName = new Map<string, string>();
  for (const t of targets) {
    if (t.kind !== 'suite') continue;
    const other = byName.get(t.loaded.suite.name);
    if (other !== undefined && resolve(other) !== resolve(t.loaded.file)) throw new ProbecheckError('E502', `${t.loaded.file}: suite name '${t.loaded.suite.name}' is also the name of ${other}; the suites of one run need names of their own (reports and merge key cases by it)`);
    byName.set(t.loaded.suite.name, t.loaded.file);
  }
  if (search.properties.length && targets.some((t) => t.kind === 'suite')) {
    throw new ProbecheckError('E501', '--property applies to model files; a suite states the properties of each case');
  }
  // A suite case checks the properties its expect names: a property of the files that no case names
  // (with no model file to check it on) would be checked nowhere (a CI hunt, 2026-12-05: ignored, exit 0).
  if (search.propertyFiles?.length && targets.every((t) => t.kind === 'suite')) {
    const named = new Set(targets.flatMap((t) => (t.kind === 'suite' ? t.loaded.suite.cases.flatMap((c) => Object.keys(c.expect)) : [])));
    const all = await loadProperties(search.propertyFiles), unused = all.filter((x) => !named.has(x.p.spec.name));
    const list = unused.map((x) => `'${x.p.spec.name}' (${x.from})`).join(', ');
    if (unused.length === all.length) throw new ProbecheckError('E501', `--property-file: ${list} ${unused.length > 1 ? 'are' : 'is'} named by no case's expect, so ${unused.length > 1 ? 'they' : 'it'} would be checked nowhere; name ${unused.length > 1 ? 'them' : 'it'} in a case's expect, or check a scenario file with ${unused.length > 1 ? 'them' : 'it'}`);
    if (unused.length) io.stderr.write(`${io.colors.yellow('warning:')} --property-file: ${list} ${unused.length > 1 ? 'are' : 'is'} named by no case's expect: not checked\n`);
  }

  // More workers than cores share them: slower than fewer, and each takes memory (a parallel hunt,
  // 2026-12-05: 64 workers on 2 cores took 53 s against 1.75 s on one thread, without a word).
  const cores = availableParallelism();
  // A seed only steers random walks: under bfs or dfs it changes nothing (a bad-input hunt, 2026-12-05: accepted without a word).
  if (search.seed !== undefined && (search.strategy ?? 'bfs') !== 'random') io.stderr.write(`${io.colors.yellow('warning:')} --seed ${search.seed} steers random walks (--strategy random) only: a ${search.strategy ?? 'bfs'} search tries every interleaving, the same with any seed\n`);
  if (search.workers !== undefined && search.workers > cores) io.stderr.write(`${io.colors.yellow('warning:')} --workers ${search.workers} on a machine with ${cores} core${cores === 1 ? '' : 's'}: the workers beyond ${cores} share them, which is slower than ${cores} and takes more memory\n`);

  // Patch files (--patch) load here first, so a missing or malformed one is an error before any search,
  // and each hunk is held to the profile's whole step catalogue (E604 lists the function's labels).
  await loadPatchFiles(params.patches);
  // Every input is read: the reports an earlier run left at the output paths go now.
  clearOutputs(output, [...files, ...targets.flatMap((t) => (t.kind === 'suite' ? [t.loaded.modelFile] : [])), ...(search.propertyFiles ?? []),
    ...String(params.patches ?? '').split(',').filter((x) => /\.(m?[jt]s)$/.test(x))]);
  const user = userPatches(params.patches);
  for (const t of targets) if (t.kind === 'model' && user.length) checkUserPatches(String(params.profile ?? t.factory.params?.profile?.default ?? 'mainline'), params.patches!);
  const notes: (PatchNote & { model: string })[] = [];
  /** Per model: why its verdicts are not the patch's (notCredited), for --json. */
  const uncredited: { model: string; params: Record<string, string | number>; text: string; hunks: PatchNote[]; expected?: true }[] = [];

  const checker = new Checker();
  const progress = new ProgressLine(io.stderr, '', { quiet: output.quiet });
  checker.onProgress = (p) => progress.update(p);
  const onSigint = sigintHandler(() => {
    checker.interrupt();
    progress.clear();
    io.err('probecheck: interrupted; finishing with partial results (Ctrl-C again to quit)');
  });
  process.on('SIGINT', onSigint);

  const runs: CheckedRun[] = [];
  const suites: SuiteOutcome[] = [];
  const codes: ExitCode[] = [];
  // Text goes out as each model finishes, so a long run shows its findings early.
  const say = (...lines: string[]) => { if (!output.json) io.out(lines.join('\n')); };
  /** Prose lines (notes, warnings) cut to the terminal's width, or 100 columns (wrap.ts). */
  const prose = (...lines: string[]) => wrapLines(lines, io.width);
  const options = { ...search };
  /** A suite case's patch notes, said under the suite table. */
  const caseNotes: string[] = [];
  try {
    for (const t of targets) {
      if (t.kind === 'model') {
        progress.setLabel(t.factory.name);
        // With a user's patch the search is complete (so "never fires" is true), and the model
        // without it is explored too (so "unreachable" is relative to it).
        const done = await checker.run({ file: t.file, params, ...options, ...(user.length ? { exhaustive: true } : {}) })
          .catch((e: unknown) => { nameModelFile(e, t.file); throw e; });
        progress.clear();
        // A part of a split search notes nothing of the patch (docs/patches.md, "Validating a proposed patch from your own folder"): the model without it is not
        // searched. It was, as a shard of the library's properties, whose liveness ones refused every
        // such run (E501, even with --property naming others; a review, 2026-12-06).
        const unpatched = search.shard && isPart(search.shard) ? undefined : withoutFiles(params, user);
        let found: PatchNote[] = [];
        if (unpatched) {
          progress.setLabel(`${t.factory.name} without the patch`);
          // Only its coverage is read: without your properties, which may read fields only your patch adds.
          const base = await checker.run({ file: t.file, params: unpatched, ...options, shard: undefined, properties: undefined, propertyFiles: undefined, exhaustive: true });
          progress.clear();
          found = patchNotes(user, done.result, base.result);
          // Random walks never visit every state: "a search stopped early" read as a limit hit (s42).
          const partial = (search.strategy ?? 'bfs') === 'random' ? 'random walks visit only part of the states' : 'a search stopped early';
          if (!done.result.complete || !base.result.complete) found.push({ patch: user.map((p) => p.id).join(', '), step: '', note: 'not compared', text: `patch steps not compared with the model without the patch: ${partial}` });
          notes.push(...found.map((n) => ({ ...n, model: done.result.model })));
        }
        // No step of the user's patch ran, or one blocks every thread that reaches it for ever: a
        // "holds" then is the kernel's without the patch, or about runs that stop at its wait, and
        // says nothing of the patch (a new user, 2026-12-06: holds, exit 0, beside a warning).
        const nc = unpatched ? notCredited(user, found) : undefined;
        runs.push({ file: t.file, result: done.result, allowVacuous: output.allowVacuous, ...(nc ? { notCredited: nc.text } : {}), ...(search.shard && user.length ? { patchHunks: outline(user) } : {}) });
        codes.push(verdictExit(done.result, output.allowVacuous));
        if (nc) {
          uncredited.push({ model: done.result.model, params: done.result.params, text: nc.text, hunks: nc.hunks });
          if (!output.allowVacuous) codes.push(EXIT.vacuous);
        }
        say(output.quiet ? [`${done.result.model} (${showParams(done.result.params)})`, ...prose(...modelNoteLines(done.result, io.colors), ...shardLines(done.result, io.colors)), ...verdictTable(done.result, io.colors), ...stopLines(done.result, io.colors), ...prose(...vouchedLines(done.result, io.colors), ...vacuityLines(done.result, io.colors, output.allowVacuous))].join('\n')
          : renderResult(done.result, { colors: io.colors, width: io.width, allowVacuous: output.allowVacuous, ...(search.workers !== undefined ? { workers: search.workers } : {}) }));
        if (output.mermaid) for (const p of done.result.properties) if (p.trace) say('', mermaidDiagram(done.result, p));
        for (const l of noteLines(found, io.colors.yellow)) say(...prose(l));
        if (nc) say(...prose(creditLine(nc, output.allowVacuous, io.colors)));
      } else {
        const s = t.loaded;
        const outcome = await runSuite(s, async (modelFile, c) => {
          progress.setLabel(`${s.suite.name} ${showParams(c.params)}`);
          // A golden count needs the whole state space: the search must not stop early once the
          // expected properties are violated.
          // A case that pins only the unreduced count is searched unreduced, so that count is compared
          // (a CI hunt, 2026-12-05: with symmetry on by default it was never compared, and exit was 0).
          const unreduced = c.states !== undefined && c.reduced?.symmetry === undefined && c.reduced?.['por+symmetry'] === undefined && options.symmetry === undefined;
          let done, mine: ReturnType<typeof userPatches> = [];
          try {
            // Every case searches to the end, not only one that pins a count or has patch files: a search
            // stopped once every expected violation was found has no vacuity report and a partial count
            // (a CI-output hunt, 2026-12-05: an unpinned case hid an action that never completed, exit 0,
            // and showed 1,406 states '(not pinned)' of 2,083; a pinned hang read UNKNOWN, exit 3).
            await loadPatchFiles(c.params.patches);
            mine = userPatches(c.params.patches);
            done = await checker.run({ file: modelFile, params: c.params, ...options, ...(unreduced ? { symmetry: false } : {}), properties: Object.keys(c.expect), exhaustive: true });
          } catch (e) {
            // A file the suite names that is not there: say which suite and case name it (a CI hunt, 2026-12-05).
            // So for a scenario its case's parameters refuse (E601: device_shutdown at v3.14 names the
            // scenario and profile, not which suite of a directory run asked for it; a CI hunt, 2026-12-05).
            if (e instanceof ProbecheckError && (e.code === 'E503' || e.code === 'E601') && !e.message.startsWith(s.file)) {
              throw new ProbecheckError(e.code, `${s.file}: cases[${s.suite.cases.indexOf(c)}] (${showParams(c.params)}): ${e.message}`);
            }
            throw e;
          }
          progress.clear();
          const ci = s.suite.cases.indexOf(c);
          // A case's patch files: what the patched result alone tells (a step that never fires or is
          // not applied, a wait that never blocked); `unreachable` needs a search without the patch,
          // which a suite does not run (a CI hunt, 2026-12-05: a case's patch notes were dropped).
          let nc: ReturnType<typeof notCredited>, against: string | undefined;
          if (mine.length) {
            const found = patchNotes(mine, done.result).map((n) => ({ ...n, model: done.result.model, suite: s.suite.name, case: ci }));
            notes.push(...found);
            const { patches: _p, ...rest } = c.params;
            // A hunk the case's scenario never calls is said in --json only: a patch of several hunks is
            // often checked on scenarios that each run one of them (the bundled autoprobe-del suite).
            caseNotes.push(...noteLines(found.filter((n) => n.note !== 'not called'), io.colors.yellow).map((l) => `${s.suite.name} cases[${ci}] (${showParams(rest)}): ${l}`));
            // No step of the case's patch files ran (or one blocks for ever): its verdicts are the
            // kernel's without them, exit 5 as `check --patch` says (a team's CI, s49 h4: exit 0,
            // a warning in the log, JUnit and annotations green, for a patch whose hunk never fired).
            // A case may pin that they do not run (credited: false): a control case, a patch meant for another path.
            const j = judgeCredit(mine, found, done.result, c.credited === false);
            if (j?.status === 'uncredited') {
              nc = j.nc;
              uncredited.push({ model: done.result.model, params: done.result.params, text: j.nc.text, hunks: j.nc.hunks });
              if (!output.allowVacuous) codes.push(EXIT.vacuous);
            } else if (j?.status === 'as pinned') {
              uncredited.push({ model: done.result.model, params: done.result.params, text: j.nc.text, hunks: j.nc.hunks, expected: true });
            } else if (j?.status === 'against pin') {
              against = j.text;
              codes.push(EXIT.mismatch);
            }
            const line = judgedLine(j, output.allowVacuous, io.colors);
            if (line) caseNotes.push(`${s.suite.name} cases[${ci}] (${showParams(rest)}): ${line}`);
          }
          runs.push({ file: modelFile, result: done.result, suite: s.suite.name, expect: c.expect, case: ci, allowVacuous: output.allowVacuous, ...(c.neverCompletes ? { neverCompletes: c.neverCompletes } : {}), ...(nc ? { notCredited: nc.text } : {}), ...(against ? { creditMismatch: against } : {}), ...(c.credited === false ? { credited: false as const } : {}), ...(search.shard && mine.length ? { patchHunks: outline(mine) } : {}) });
          return done.result;
        }, undefined, { allowVacuous: output.allowVacuous });
        suites.push(outcome);
        codes.push(suiteExit(outcome));
        if (!output.json && !output.quiet) {
          // An unexpected violation is worth its trace: it is what the reader must look at.
          for (const c of outcome.cases) for (const r of c.rows) {
            const p = c.result?.properties.find((x) => x.name === r.property);
            if (r.status === 'mismatch' && p?.verdict === 'violated') say(renderViolation(c.result!, p, { colors: io.colors, width: io.width }), '');
          }
        }
      }
    }
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
    await checker.close();
  }
  if (suites.length) say(...suiteTable(suites, io.colors), ...prose(...suiteNoteLines(suites, io.colors), ...vacuousMismatchLines(suites, io.colors), suiteSummary(suites, io.colors, runs), ...caseNotes));
  if (suites.length && search.shard && isPart(search.shard)) {
    const { index, count } = search.shard;
    say(...prose(io.colors.yellow(`shard ${index}/${count}: each case's verdicts and state count are about this part of its search; write every shard's result with --json-out and run probecheck merge on them: it judges the merged verdicts against the suite`)));
  }

  const exit = worst(codes);
  await writeOutputs(io, runs, suites, output, exit, search.properties);
  const doc = () => JSON.stringify({ ...jsonDocument(runs, suites, exit), ...(user.length || notes.length ? { patchNotes: notes } : {}), ...(uncredited.length ? { notCredited: uncredited } : {}) }, null, 2);
  if (output.json) io.out(doc());
  if (output.jsonOut) writeOutput('--json-out', output.jsonOut, doc() + '\n');
  if (io.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(runs, suites, io.env)) (output.json ? io.err : io.out)(line);
  return exit;
}


async function writeOutputs(io: Io, runs: CheckedRun[], suites: SuiteOutcome[], o: OutputArgs, exit: ExitCode, named: readonly string[]): Promise<void> {
  const violated = runs.flatMap((r) => r.result.properties.filter((p) => p.trace).map((p) => ({ r, p })));
  if (o.traceOut) {
    const files: TraceFile[] = violated.map(({ r, p }) => toTraceFile(o.traceOut!, r.file, r.result.model, r.result.params, p, propertySource(p.name), r.suite !== undefined || named.includes(p.name)));
    if (!files.length) io.err('probecheck: no counterexample to write; --trace-out file not written');
    else { writeOutput('--trace-out', o.traceOut, traceFileText(files.length === 1 ? files[0]! : files)); io.err(`probecheck: wrote ${files.length} trace${files.length === 1 ? '' : 's'} to ${o.traceOut}`); }
  }
  if (o.itf) {
    // ITF wants whole states: rebuild them by replaying each trace on its model, built here.
    const docs = [];
    for (const { r } of violated) await loadPatchFiles(r.result.params.patches);
    for (const { r, p } of violated) docs.push(itfTrace(buildModel(await loadModel(r.file), r.result.params), p.name, p.trace!.moves, p.trace!.loopFrom, r.result.properties.map((x) => x.name)));
    if (!docs.length) io.err('probecheck: no counterexample to write; --itf file not written');
    // One ITF document holds one trace: several go to FILE-1.ext, FILE-2.ext, ...
    docs.forEach((d, i) => {
      const path = docs.length === 1 ? o.itf! : o.itf!.replace(/(\.[^./]+)?$/, (ext) => `-${i + 1}${ext}`);
      writeOutput('--itf', path, JSON.stringify(d, null, 2) + '\n');
      io.err(`probecheck: wrote ITF trace of ${violated[i]!.p.name} (${violated[i]!.r.result.model}) to ${path}`);
    });
  }
  if (o.html) writeOutput('--html', o.html, htmlReport(runs, { suites, exit }));
  if (o.junit) writeOutput('--junit', o.junit, junitXml(runs, suites));
}

/** The --json document: a single model's numbers at top level, and every run in `runs`. */
export function jsonDocument(runs: CheckedRun[], suites: SuiteOutcome[], exit: ExitCode) {
  const sum = (f: (r: Result) => number) => runs.reduce((a, r) => a + f(r.result), 0);
  return {
    format: 'probecheck-result', version: 1, exit,
    complete: runs.every((r) => r.result.complete),
    states: sum((r) => r.states), transitions: sum((r) => r.transitions),
    depth: runs.reduce((a, r) => Math.max(a, r.result.depth), 0), seconds: sum((r) => r.seconds),
    // The most threads any search used (each run has its own `workers`, and `workersNote`).
    workers: runs.reduce((a, r) => Math.max(a, r.result.workers ?? 1), 1),
    properties: runs.flatMap((r) => reportedProperties(r).map((p) => ({
      ...p, model: r.result.model, params: r.result.params, ...(r.expect ? { expected: r.expect[p.name] } : {}),
      // The wait-for chain in the text report's words (holders, since which step, a count's holders).
      ...(p.waiters?.length || p.waiting?.length ? { waitFor: waiterSummaries(p) } : {}),
    }))),
    // A suite case's run carries its expectations and index: `probecheck merge` judges merged shards by them.
    // A shard's run says what it ran by content (searchSources), for `probecheck merge`.
    runs: runs.map((r) => ({ file: r.file, suite: r.suite, ...(r.expect ? { case: r.case, expect: r.expect } : {}), ...(r.neverCompletes ? { neverCompletes: r.neverCompletes } : {}), ...(r.credited === false ? { credited: false } : {}), ...(r.patchHunks ? { patchHunks: r.patchHunks } : {}), ...r.result, ...(r.result.shard ? { sources: searchSources(r.file, r.result.params, ownPropertyFiles(r.result)) } : {}) })),
    suites: suites.map(suiteJson),
  };
}

/** The file of each property of yours a run checked, by name (what searchSources hashes for merge). */
function ownPropertyFiles(r: Result): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of r.properties) { const f = propertySource(p.name); if (f !== undefined) out[p.name] = f; }
  return out;
}
