/**
 * `probecheck replay TRACE.json [--model FILE]`: loads the trace file's model with its
 * parameters, re-executes the moves, and confirms the violation (`confirmed: property X is
 * violated at step N`) or refutes it: the first move that diverges and why (E403), or a trace
 * that runs but ends with the property holding. Exit 0 confirmed, 1 refuted; a bad file is an
 * error (exit 2). The model is the trace's own (found by its absolute path, then from the cwd,
 * then from the trace file) unless --model names another; a model whose content changed since
 * the trace was written is replayed with a one-line warning.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { selectProperties } from '../engine/check.js';
import { ProbecheckError } from '../engine/errors.js';
import { loadModel, loadPatchFiles } from '../load.js';
import { replayWatching } from '../report/confirm.js';
import { renderViolation, showParams, traceColumns, traceList } from '../report/text.js';
import { fileHash, findModel, modelCandidates, readTraceFiles, type TraceFile } from '../report/trace-file.js';
import { addPropertyFile, buildTraceModel, propertySource } from './build.js';
import { EXIT, worst, type ExitCode } from './exit.js';
import type { Io } from './io.js';

export interface ReplayOutcome { property: string; confirmed: boolean; violatedAt?: number; steps: number; divergence?: string; explanation?: string }

/** The model file to replay `t` on: --model if given, else the first place the trace's file is found. */
function modelFileOf(path: string, t: TraceFile, override: string | undefined): string {
  const file = override ?? findModel(path, t);
  if (file === undefined) {
    throw new ProbecheckError('E503', `${path}: model file ${t.model.file} not found (looked at ${modelCandidates(path, t).join(', ')}); pass --model FILE`);
  }
  if (!existsSync(file)) throw new ProbecheckError('E503', `--model ${file}: no such file`);
  return file;
}

/** One line when the model file is not the content the trace was written on. */
function hashWarning(file: string, t: TraceFile, override: boolean): string | undefined {
  if (!t.model.sha256 || fileHash(file) === t.model.sha256) return undefined;
  return override
    ? `probecheck: warning: ${file} differs from the model file the trace was written on (sha256); replaying on it`
    : `probecheck: warning: ${file} has changed since the trace was written (sha256 differs); replaying on it as it is now`;
}

/**
 * The trace's params with each patch file found: at its recorded path, else beside the trace
 * file (a trace moved with its folder); a warning for one whose content changed (sha256).
 */
function patchesOf(path: string, t: TraceFile, warn: (line: string) => void): TraceFile['params'] {
  if (!t.patchFiles?.length) return t.params;
  const entries = String(t.params.patches ?? '').split(',').map((x) => x.trim());
  for (const p of t.patchFiles) {
    const found = namedFile(path, p, 'patch file', '', warn);
    const i = entries.findIndex((e) => resolve(e) === p.path);
    if (i >= 0) entries[i] = found;
  }
  return { ...t.params, patches: entries.join(',') };
}

/**
 * A file a trace names (a patch file, its property's file): at its recorded path, else beside the
 * trace file (a trace moved with its folder); a warning where its content changed (sha256).
 */
function namedFile(path: string, f: { path: string; sha256: string }, what: string, hint: string, warn: (line: string) => void): string {
  const beside = join(dirname(resolve(path)), basename(f.path));
  const found = existsSync(f.path) ? f.path : existsSync(beside) ? beside : undefined;
  // Where the trace lies beside the file, the two places are one: named once (a CI hunt, 2026-12-06).
  if (found === undefined) throw new ProbecheckError('E503', `${path}: ${what} ${f.path} not found${beside === resolve(f.path) ? '' : ` (looked there and at ${beside})`}${hint}`);
  if (fileHash(found) !== f.sha256) warn(`probecheck: warning: ${what} ${found} has changed since the trace was written (sha256 differs); replaying with it as it is now`);
  return found;
}

/** `quiet`: only each trace's outcome line (a CI job that re-checks stored traces). */
export async function runReplay(io: Io, path: string, property: string | undefined, json: boolean, modelOverride?: string, quiet = false): Promise<ExitCode> {
  let traces = readTraceFiles(path);
  if (property) {
    traces = traces.filter((t) => t.property === property);
    if (!traces.length) throw new ProbecheckError('E301', `${path} holds no trace of property '${property}'`);
  }
  const outcomes: ReplayOutcome[] = [];
  const codes: ExitCode[] = [];
  const warned = new Set<string>();
  const warnOnce = (w: string) => { if (!warned.has(w)) { warned.add(w); io.err(w); } };
  for (const t of traces) {
    const modelFile = modelFileOf(path, t, modelOverride);
    const f = await loadModel(modelFile);
    if (f.name !== t.model.name) throw new ProbecheckError('E402', `${path}: the trace is for model '${t.model.name}', but ${modelFile} defines '${f.name}'`);
    const warning = hashWarning(modelFile, t, modelOverride !== undefined);
    if (warning) warnOnce(warning);
    const params = patchesOf(path, t, warnOnce);
    await loadPatchFiles(params.patches);
    if (t.propertyFile && propertySource(t.property) === undefined) await addPropertyFile(namedFile(path, t.propertyFile, 'property file', '; pass replay --property-file FILE', warnOnce));
    const model = buildTraceModel(f, params, path);
    // A trace of a property the model lacks: most likely one of the user's, given to check by file.
    if (!model.properties.some((p) => p.name === t.property) && !(t.property in (model.optional ?? {}))) {
      throw new ProbecheckError('E301', `${path}: model ${model.name} has no property '${t.property}' (the trace's): a property of your own is replayed with its file (replay --property-file FILE)`);
    }
    const c = io.colors;
    try {
      const r = replayWatching(model, t.property, t.moves, t.loopFrom, undefined, 'the patch', t.chosen !== true);
      const confirmed = r.violatedAt !== undefined;
      const o: ReplayOutcome = { property: t.property, confirmed, steps: r.trace.steps.length };
      if (confirmed) o.violatedAt = r.violatedAt!;
      if (r.explanation) o.explanation = r.explanation;
      outcomes.push(o);
      codes.push(confirmed ? EXIT.ok : EXIT.violated);
      if (!json) {
        const params = { model: model.name, params: model.params ?? {} };
        if (confirmed) {
          const prop = selectProperties(model, [t.property], t.chosen ? [] : [t.property])[0]!;
          if (!quiet) io.out(renderViolation(params, {
            name: t.property, kind: prop.kind, verdict: 'violated', ...(prop.description ? { description: prop.description } : {}),
            trace: r.trace, ...(r.explanation ? { explanation: r.explanation } : {}), ...(r.waiters ? { waiters: r.waiters } : {}), ...(r.waiting ? { waiting: r.waiting } : {}),
          }, { colors: c, width: io.width }));
          io.out(c.green(r.lasso
            ? `confirmed: property ${t.property} is violated by this lasso: ${r.lasso.why}`
            : `confirmed: property ${t.property} is violated at step ${r.violatedAt}${r.violatedAt! < t.moves.length ? ` (of ${t.moves.length})` : ''}`));
        } else {
          // A refuted lasso's loop is the trace's claim, not a finding: printed without the notes
          // that would assert it (a new user's pass, 2026-12-05: "which weak fairness allows" over
          // "the cycle is unfair", "no thread can move" over "... can still move there").
          const { loopFrom, starved: _s, mayStop: _m, ...moves } = r.trace;
          const loop = loopFrom === undefined ? '' : loopFrom >= t.moves.length ? ` (the trace claims the run stops after move ${t.moves.length})` : ` (the trace's loop: moves ${loopFrom + 1} to ${t.moves.length})`;
          if (!quiet) io.out([`${model.name} (${showParams(params.params)}): ${t.moves.length} moves replayed`, '', ...(traceColumns(moves, io.width, c) ?? traceList(moves, c, io.width))].join('\n'));
          io.out(c.red(r.lasso
            ? `refuted: all ${t.moves.length} moves replay, but they are no counterexample to ${t.property}${loop}: ${r.lasso.why}`
            : `refuted: all ${t.moves.length} moves replay, but property ${t.property} holds in every state of the trace`));
        }
      }
    } catch (e) {
      if (!(e instanceof ProbecheckError) || e.code !== 'E403') throw e;
      outcomes.push({ property: t.property, confirmed: false, steps: t.moves.length, divergence: e.message });
      codes.push(EXIT.violated);
      if (!json) io.out(c.red(`refuted: the trace of ${t.property} diverges from model ${model.name} (${showParams(model.params ?? {})}) at ${e.message}`));
    }
  }
  if (json) io.out(JSON.stringify({ file: path, traces: outcomes }, null, 2));
  return worst(codes);
}
