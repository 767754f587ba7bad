/**
 * Trace files: a counterexample as versioned JSON that `probecheck replay` re-executes.
 * `{ format: "probecheck-trace", version: 2, model: { file, path, sha256, name }, params, property, moves, steps }`.
 * `file` is the model path as given (relative to the directory probecheck ran in), `path` the
 * same file made absolute, and `sha256` the hash of its content, so that a moved trace still
 * finds its model and a changed model is noticed. Version 1 files (`file` relative to the trace
 * file, no path or hash) are still read. Reading validates every field and names the first bad
 * one (E401); whether the trace fits its model is replay's question (E402, E403), not this file's.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ProbecheckError } from '../engine/errors.js';
import type { Move } from '../engine/model.js';
import type { PropertyResult } from '../engine/result.js';
import type { TraceStep } from '../engine/trace.js';
import { isPatchFile } from '../kernel/define-patch.js';

export const TRACE_FORMAT = 'probecheck-trace';
export const TRACE_VERSION = 2;
/** The versions this probecheck reads. */
const READS = [1, 2] as const;

export interface TraceFile {
  format: typeof TRACE_FORMAT;
  version: (typeof READS)[number];
  /**
   * Version 2: `file` as given (relative to the directory of the run that wrote it, or absolute),
   * `path` absolute, `sha256` of the file's content. Version 1: `file` relative to the trace file.
   */
  model: { file: string; name: string; path?: string; sha256?: string };
  params: Record<string, string | number>;
  property: string;
  explanation?: string;
  moves: Move[];
  /** For readers; replay ignores them and rebuilds the steps from the moves. */
  steps?: TraceStep[];
  loopFrom?: number;
  /** The patch files of `params.patches` (absolute) and the sha256 of each, so that an edited one is noticed. */
  patchFiles?: { path: string; sha256: string }[];
  /** The file of `property` where it is one of yours (--property-file): replay loads it. */
  propertyFile?: { path: string; sha256: string };
  /**
   * The run chose `property` itself (no --property named it): replay judges it as that run did
   * (CheckOptions.named; s40 h12: a default run's no-lost-deferral trace replayed blaming a match
   * deferral the run said it did not judge).
   */
  chosen?: true;
}

/** A path as given: below the working directory a relative one (what the user typed), else as it is. */
export function belowCwd(path: string): string {
  return below(path, process.cwd()) ?? path;
}

/** `path` relative to `base` with `/`, where it lies below it (`..cfg/x` does; `../x` does not); else undefined. */
export function below(path: string, base: string): string | undefined {
  const rel = relative(resolve(base), resolve(path));
  return rel && !/^\.\.($|[\\/])/.test(rel) && !isAbsolute(rel) ? rel.split('\\').join('/') : undefined;
}

/**
 * What a shard's search ran, by content: the model file's sha256 and each patch file's (by the
 * entry of `patches` it was given as). `probecheck merge` keys shards by these, not by paths, so
 * checkouts in different folders merge and two different files of one scenario name do not (a CI
 * hunt, 2026-12-05: shards of two model files were merged into one verdict).
 */
export function searchSources(file: string, params: Record<string, string | number>, propertyFiles: Record<string, string> = {}): SearchSources {
  const patches = String(params.patches ?? '').split(',').map((x) => x.trim()).filter((x) => isPatchFile(x) && existsSync(x));
  // A property of yours by its file's content, by the property's name: shards that checked two
  // texts of one property are two searches (a CI hunt, 2026-12-05: merge took them for one).
  const props = Object.entries(propertyFiles).filter(([, f]) => existsSync(f));
  return {
    ...(existsSync(file) ? { model: fileHash(file) } : {}),
    ...(patches.length ? { patches: Object.fromEntries(patches.map((f) => [f, fileHash(f)])) } : {}),
    ...(props.length ? { properties: Object.fromEntries(props.map(([n, f]) => [n, fileHash(f)])) } : {}),
  };
}

/** What a shard ran, by content (searchSources): its model file, patch files (by path given) and property files (by property name). */
export interface SearchSources { model?: string; patches?: Record<string, string>; properties?: Record<string, string> }

/** The sha256 of a file's content, in hex. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The trace file of one violated property of the model in `modelFile`. Where the trace goes
 * (`_tracePath`) no longer matters: version 1 stored the model path relative to it.
 */
export function toTraceFile(_tracePath: string, modelFile: string, modelName: string, params: Record<string, string | number>, p: PropertyResult, propertyFile?: string, named = true): TraceFile {
  if (!p.trace) throw new ProbecheckError('E501', `property ${p.name} has no counterexample to write`);
  const abs = resolve(modelFile);
  const file = belowCwd(abs);
  const out: TraceFile = {
    format: TRACE_FORMAT, version: TRACE_VERSION, model: { file, path: abs, sha256: fileHash(abs), name: modelName }, params, property: p.name,
    moves: p.trace.moves, steps: p.trace.steps,
  };
  if (p.explanation) out.explanation = p.explanation;
  if (p.trace.loopFrom !== undefined) out.loopFrom = p.trace.loopFrom;
  // A trace hunt, 2026-12-05: an edited patch file replayed without a word, the model file did not.
  const patches = String(params.patches ?? '').split(',').map((x) => x.trim()).filter((x) => isPatchFile(x) && existsSync(x));
  if (patches.length) out.patchFiles = patches.map((f) => ({ path: resolve(f), sha256: fileHash(f) }));
  // A reductions hunt, 2026-12-05: a trace of a property of yours replayed only with --property-file again.
  if (propertyFile && existsSync(propertyFile)) out.propertyFile = { path: resolve(propertyFile), sha256: fileHash(propertyFile) };
  if (!named) out.chosen = true;
  return out;
}

export function traceFileText(t: TraceFile | TraceFile[]): string {
  return JSON.stringify(t, null, 2) + '\n';
}

/**
 * Where the model file of a trace may be, most likely first: the absolute path, then the path as
 * given from the cwd, then from the trace file's directory (for version 1, which recorded it so,
 * that comes first).
 */
export function modelCandidates(tracePath: string, t: TraceFile): string[] {
  const fromTrace = resolve(dirname(resolve(tracePath)), t.model.file), fromCwd = resolve(t.model.file);
  const list = t.version === 1 ? [fromTrace, fromCwd] : [...(t.model.path ? [t.model.path] : []), fromCwd, fromTrace];
  return [...new Set(list)];
}

/** The model file of a trace: the first candidate that exists, or undefined. */
export function findModel(tracePath: string, t: TraceFile): string | undefined {
  return modelCandidates(tracePath, t).find((f) => existsSync(f));
}

/** Every trace in a file: --trace-out writes a list when several properties were violated. */
export function readTraceFiles(path: string): TraceFile[] {
  const data = readJson(path);
  if (Array.isArray(data) && data.length > 0) return data.map((d, i) => parseTraceFile(d, `${path}[${i}]`));
  return [parseTraceFile(data, path)];
}

export function readTraceFile(path: string): TraceFile {
  return parseTraceFile(readJson(path), path);
}

function readJson(path: string): unknown {
  let bytes: Buffer;
  try { bytes = readFileSync(path); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProbecheckError('E503', `${path}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${code ?? String(e)}`}`);
  }
  // A binary file is named as one, rather than echoing its bytes in the parser's excerpt.
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ProbecheckError('E401', `${path}: not a JSON text file (a NUL byte at offset ${nul}: binary data)`);
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
    throw new ProbecheckError('E401', `${path}: not a JSON text file (it is not valid UTF-8: binary data)`);
  }
  try { return JSON.parse(text) as unknown; } catch (e) {
    throw new ProbecheckError('E401', `${path}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Validate parsed JSON as a trace file (one, or the first of a list --trace-out wrote). */
export function parseTraceFile(data: unknown, where = 'trace'): TraceFile {
  if (Array.isArray(data)) {
    if (data.length === 0) bad(where, '(top level)', 'an empty list holds no trace');
    data = data[0];
  }
  const o = obj(data, where, '(top level)');
  if (o.format !== TRACE_FORMAT) bad(where, 'format', `expected "${TRACE_FORMAT}", got ${show(o.format)}`);
  if (!READS.includes(o.version as never)) bad(where, 'version', `expected ${READS.join(' or ')}, got ${show(o.version)} (this probecheck reads versions ${READS.join(' and ')})`);
  const version = o.version as TraceFile['version'];
  const model = obj(o.model, where, 'model');
  const file = str(model.file, where, 'model.file'), name = str(model.name, where, 'model.name');
  const m: TraceFile['model'] = { file, name };
  if (model.path !== undefined) {
    m.path = str(model.path, where, 'model.path');
    if (!isAbsolute(m.path)) bad(where, 'model.path', `expected an absolute path, got ${show(m.path)}`);
  }
  if (model.sha256 !== undefined) {
    if (typeof model.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(model.sha256)) bad(where, 'model.sha256', `expected 64 hex digits, got ${show(model.sha256)}`);
    m.sha256 = model.sha256;
  }
  const params = obj(o.params, where, 'params');
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) bad(where, `params.${k}`, `expected a string or number, got ${show(v)}`);
  }
  const property = str(o.property, where, 'property');
  if (!Array.isArray(o.moves)) bad(where, 'moves', `expected a list of moves, got ${show(o.moves)}`);
  const moves = (o.moves as unknown[]).map((m, i): Move => {
    const f = `moves[${i}]`;
    const mo = obj(m, where, f);
    const move: Move = { thread: str(mo.thread, where, `${f}.thread`), label: str(mo.label, where, `${f}.label`) };
    if (mo.branch !== undefined) {
      if (!(typeof mo.branch === 'number' && Number.isInteger(mo.branch) && mo.branch >= 0)) bad(where, `${f}.branch`, `expected a non-negative integer, got ${show(mo.branch)}`);
      move.branch = mo.branch;
    }
    return move;
  });
  const out: TraceFile = { format: TRACE_FORMAT, version, model: m, params: params as TraceFile['params'], property, moves };
  if (o.explanation !== undefined) out.explanation = str(o.explanation, where, 'explanation');
  if (o.steps !== undefined) {
    if (!Array.isArray(o.steps)) bad(where, 'steps', `expected a list, got ${show(o.steps)}`);
    out.steps = o.steps as TraceStep[];
  }
  if (o.loopFrom !== undefined) {
    if (!(typeof o.loopFrom === 'number' && Number.isInteger(o.loopFrom) && o.loopFrom >= 0 && o.loopFrom <= moves.length)) bad(where, 'loopFrom', `expected an index into moves, got ${show(o.loopFrom)}`);
    out.loopFrom = o.loopFrom as number;
  }
  if (o.patchFiles !== undefined) {
    if (!Array.isArray(o.patchFiles)) bad(where, 'patchFiles', `expected a list of { path, sha256 }, got ${show(o.patchFiles)}`);
    out.patchFiles = (o.patchFiles as unknown[]).map((x, i) => fileRef(x, where, `patchFiles[${i}]`));
  }
  if (o.propertyFile !== undefined) out.propertyFile = fileRef(o.propertyFile, where, 'propertyFile');
  if (o.chosen !== undefined) {
    if (o.chosen !== true) bad(where, 'chosen', `expected true, got ${show(o.chosen)}`);
    out.chosen = true;
  }
  return out;
}

/** A file a trace names: { path (absolute), sha256 }. */
function fileRef(x: unknown, where: string, field: string): { path: string; sha256: string } {
  const e = obj(x, where, field), path = str(e.path, where, `${field}.path`);
  if (!isAbsolute(path)) bad(where, `${field}.path`, `expected an absolute path, got ${show(path)}`);
  if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) bad(where, `${field}.sha256`, `expected 64 hex digits, got ${show(e.sha256)}`);
  return { path, sha256: e.sha256 };
}

function bad(where: string, field: string, why: string): never {
  throw new ProbecheckError('E401', `${where}: field ${field}: ${why}`);
}

function obj(v: unknown, where: string, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(where, field, `expected an object, got ${show(v)}`);
  return v as Record<string, unknown>;
}

function str(v: unknown, where: string, field: string): string {
  if (typeof v !== 'string' || v === '') bad(where, field, `expected a non-empty string, got ${show(v)}`);
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
