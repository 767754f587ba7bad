/**
 * `probecheck merge`: the verdicts of one search split over machines (`check --shard i/n
 * --json`, one file per shard) as if one machine had run it. A property is violated when some
 * shard violated it (the shortest counterexample is kept); otherwise it is unknown when some
 * shard stopped early, vacuous when it was vacuous in every shard (a premise met in any part is
 * met), and holds otherwise. An action never completed only if it completed in no shard.
 */
import { readFileSync } from 'node:fs';
import { ProbecheckError } from '../engine/errors.js';
import type { IdleAction, PropertyResult, Result } from '../engine/result.js';
import { renderViolation, showParams, statsLines, vacuityLines, verdictTable } from '../report/text.js';
import { table } from '../report/table.js';
import type { CheckedRun } from '../report/runs.js';
import { jsonDocument, verdictExit } from './check.js';
import { EXIT, worst, type ExitCode } from './exit.js';
import type { Io } from './io.js';

type Run = Result & { file: string; suite?: string };

function readRuns(path: string): Run[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new ProbecheckError('E503', `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as NodeJS.ErrnoException).code ?? e})`}`);
  }
  let doc: any;
  try { doc = JSON.parse(text); } catch { throw new ProbecheckError('E504', `${path}: not JSON; merge reads the output of probecheck check --shard i/n --json-out FILE`); }
  if (doc?.format !== 'probecheck-result' || !Array.isArray(doc.runs)) throw new ProbecheckError('E504', `${path}: not a probecheck check --json result (format '${doc?.format ?? '?'}')`);
  for (const r of doc.runs) {
    if (!r?.shard) throw new ProbecheckError('E504', `${path}: the run of ${r?.model ?? '?'} was not sharded (no --shard); merge combines the shards of one search`);
  }
  return doc.runs as Run[];
}

const keyOf = (r: Run) => JSON.stringify([r.model, r.params, r.strategy, r.properties.map((p) => p.name)]);

/** One merged result per search, in the order the files first name them. */
export function mergeRuns(files: string[]): { runs: Run[]; shards: Map<Run, Run[]> } {
  const groups = new Map<string, { run: Run; file: string }[]>();
  for (const f of files) for (const r of readRuns(f)) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push({ run: r, file: f });
  }
  const runs: Run[] = [];
  const shards = new Map<Run, Run[]>();
  for (const g of groups.values()) {
    const first = g[0]!.run, n = first.shard!.count, what = `${first.model} (${showParams(first.params)})`;
    const byIndex = new Map<number, Run>();
    for (const { run, file } of g) {
      const s = run.shard!;
      if (s.count !== n) throw new ProbecheckError('E504', `${file}: ${what} is shard ${s.index}/${s.count}, another file has it split in ${n}`);
      if (byIndex.has(s.index)) throw new ProbecheckError('E504', `${file}: shard ${s.index}/${n} of ${what} is given twice`);
      if (run.strategy === 'bfs' && (s.level !== first.shard!.level || s.levelSize !== first.shard!.levelSize)) {
        throw new ProbecheckError('E504', `${file}: shard ${s.index}/${n} of ${what} split at another level than shard ${first.shard!.index} (depth ${s.level ?? '-'} against ${first.shard!.level ?? '-'}): the shards ran different searches (options or versions)`);
      }
      byIndex.set(s.index, run);
    }
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
    if (missing.length) throw new ProbecheckError('E504', `${what}: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing; merge needs every part of the search`);
    const parts = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    const merged = mergeGroup(parts);
    runs.push(merged);
    shards.set(merged, parts);
  }
  return { runs, shards };
}

function mergeGroup(parts: Run[]): Run {
  const first = parts[0]!;
  const complete = parts.every((r) => r.complete);
  const properties: PropertyResult[] = first.properties.map((p0) => {
    const all = parts.map((r) => r.properties.find((x) => x.name === p0.name)!);
    const violated = all.filter((p) => p.verdict === 'violated' && p.trace).sort((a, b) => a.trace!.steps.length - b.trace!.steps.length);
    const out: PropertyResult = { name: p0.name, kind: p0.kind, verdict: 'unknown', ...(p0.description ? { description: p0.description } : {}) };
    if (violated.length) return { ...violated[0]!, verdict: 'violated' };
    if (!complete || all.some((p) => p.verdict === 'unknown')) return out;
    if (all.every((p) => p.verdict === 'vacuous')) return { ...out, verdict: 'vacuous', vacuous: true };
    return { ...out, verdict: 'holds' };
  });
  const sum = (f: (r: Run) => number) => parts.reduce((a, r) => a + f(r), 0);
  const merged: Run = {
    ...first, complete, properties,
    states: sum((r) => r.states), transitions: sum((r) => r.transitions), depth: Math.max(...parts.map((r) => r.depth)),
    seconds: Math.max(...parts.map((r) => r.seconds)), statesPerSecond: sum((r) => r.statesPerSecond),
    // Every shard repeats the levels above the split: the sum counts those states n times.
    collisionProbability: Math.min(1, sum((r) => r.collisionProbability)),
    neverFired: first.neverFired.filter((s) => parts.every((r) => r.neverFired.includes(s))),
  };
  delete merged.shard;
  delete merged.stopped; delete merged.stopNote;
  const stopped = parts.find((r) => r.stopped && r.stopped !== 'all-violated');
  if (stopped) { merged.stopped = stopped.stopped!; merged.stopNote = `shard ${stopped.shard!.index}/${stopped.shard!.count}: ${stopped.stopNote ?? stopped.stopped}`; }
  if (complete) {
    const idle = (r: Run) => new Set((r.vacuity?.actions ?? []).map((a) => `${a.thread}\0${a.index}`));
    const sets = parts.map(idle);
    const actions: IdleAction[] = (first.vacuity?.actions ?? []).filter((a) => sets.every((s) => s.has(`${a.thread}\0${a.index}`)));
    const vac = (first.vacuity?.properties ?? []).filter((v) => properties.find((p) => p.name === v.name)?.verdict === 'vacuous');
    merged.vacuity = { actions, properties: vac };
  } else delete merged.vacuity;
  return merged;
}

export function runMerge(io: Io, files: string[], json: boolean, quiet: boolean, allowVacuous: boolean): ExitCode {
  if (files.length === 0) throw new ProbecheckError('E501', 'merge needs the --json result files of the shards (probecheck check --shard i/n --json-out part-i.json)');
  const { runs, shards } = mergeRuns(files);
  const codes = runs.map((r) => verdictExit(r, allowVacuous));
  const exit = runs.length ? worst(codes) : EXIT.ok;
  if (json) {
    const checked: CheckedRun[] = runs.map((r) => ({ file: r.file, result: r, allowVacuous }));
    io.out(JSON.stringify({ ...jsonDocument(checked, [], exit), merged: runs.map((r) => ({ model: r.model, params: r.params, shards: shards.get(r)!.length })) }, null, 2));
    return exit;
  }
  for (const r of runs) {
    const parts = shards.get(r)!;
    if (!quiet) for (const p of r.properties) if (p.verdict === 'violated') io.out(renderViolation(r, p, { colors: io.colors, width: io.width }) + '\n');
    io.out(io.colors.bold(`${r.model} (${showParams(r.params)}): ${parts.length} shards of one ${r.strategy} search merged`));
    io.out(verdictTable(r, io.colors).join('\n'));
    if (!quiet) {
      const rows = [['shard', 'split depth', 'states', 'complete', ...r.properties.map((p) => p.name)].map((h) => io.colors.bold(h))];
      for (const s of parts) rows.push([`${s.shard!.index}/${s.shard!.count}`, String(s.shard!.level ?? '-'), s.states.toLocaleString('en-US'), s.complete ? 'yes' : `no (${s.stopped})`, ...s.properties.map((p) => p.verdict)]);
      io.out(table(rows, '  ').join('\n'));
      io.out(statsLines(r, io.colors).join('\n'));
    }
    const v = vacuityLines(r, io.colors, allowVacuous);
    if (v.length) io.out(v.join('\n'));
  }
  return exit;
}
