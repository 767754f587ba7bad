/**
 * `probecheck merge`: the verdicts of one search split over machines (`check --shard i/n
 * --json`, one file per shard) as if one machine had run it. A property is violated when some
 * shard violated it (the shortest counterexample is kept); otherwise it is unknown when some
 * shard stopped early, vacuous when it was vacuous in every shard (a premise met in any part is
 * met), and holds otherwise. An action never completed only if it completed in no shard.
 */
import { readFileSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { ProbecheckError } from '../engine/errors.js';
import type { IdleAction, PropertyResult, Result } from '../engine/result.js';
import { modelNoteLines, renderViolation, showParams, statsLines, vacuityLines, verdictTable, vouchedLines } from '../report/text.js';
import { table } from '../report/table.js';
import { stopLines } from '../report/stop.js';
import type { CheckedRun } from '../report/runs.js';
import { suiteNoteLines, suiteSummary, suiteTable, vacuousMismatchLines } from '../report/suite.js';
import { wrapLines } from '../report/wrap.js';
import { EXPECTED, type Expected } from '../suite/define.js';
import { belowCwd, type SearchSources } from '../report/trace-file.js';
import { shellWord } from '../report/shell-word.js';
import { constantReads, joinReads, type PatchRead } from '../engine/patch-reads.js';
import { boundExceeds, judgeCase, statuses, UNPINNED, type CaseOutcome, type SuiteOutcome } from '../suite/run.js';
import { jsonDocument } from './check.js';
import { EXIT, suiteExit, verdictExit, worst, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import type { MergeOutputArgs } from './args.js';
import { checkOutputPaths, clearOutputs, writeOutput } from './output-paths.js';
import { githubAnnotations } from '../report/github.js';
import { mergeReached } from '../engine/check.js';
import { isPatchFile } from '../kernel/define-patch.js';
import { patchEntries } from '../kernel/patches.js';
import { judgeCredit, judgedLine, noteLines, patchNotes, type PatchNote, type PatchOutline } from './patch-notes.js';
import { htmlReport } from '../report/html.js';
import { junitXml } from '../report/junit.js';

/** A suite case's run carries the case's index in its suite and its expectations. */
type Run = Result & { file: string; suite?: string; case?: number; expect?: Record<string, Expected>; neverCompletes?: string[]; sources?: SearchSources; patchHunks?: PatchOutline[]; credited?: false };

/** A suite as a shard's --json wrote it (suiteJson): its file, model and cases. */
interface SuiteDoc {
  suite: string; file: string; model: string;
  cases: { params: Record<string, string | number>; note?: string; fixme?: string; expectedStates?: number; statesStatus?: string; properties: { name: string; expected: Expected; observed: string; status: string }[] }[];
}

/** What a run's judged credit gives its reports (JUnit, annotations): as check.ts sets them. */
function creditFields(j: ReturnType<typeof judgeCredit>): Pick<CheckedRun, 'notCredited' | 'creditMismatch'> {
  return j?.status === 'uncredited' ? { notCredited: j.nc.text } : j?.status === 'against pin' ? { creditMismatch: j.text } : {};
}

/** A suite case's parameters as check names the case: the suite's, less its patch files (in the table's row). */
function withoutPatches(params: Record<string, string | number>): Record<string, string | number> {
  const { patches: _p, ...rest } = params;
  return rest;
}

/** A JSON value as an error line shows it, cut short. */
function shown(v: unknown): string {
  const t = v === undefined ? 'nothing (missing)' : JSON.stringify(v);
  return t.length > 60 ? `${t.slice(0, 60)}...` : t;
}

const VERDICTS = ['holds', 'violated', 'vacuous', 'reachable', 'unreachable', 'unknown'];
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown) => typeof v === 'string';
const isList = (v: unknown, each: (x: any) => boolean) => Array.isArray(v) && v.every(each);
const isParams = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');

/**
 * The first field of a shard's run that is not as check --json writes it, with what was expected:
 * the merge reads these (a bad-input hunt, 2026-12-06: a verdict edited to "zz" merged as holds,
 * exit 0; a shard count of {} read "shard 1/[object Object]"; a missing count was an internal error).
 */
function badRunField(r: any): string | undefined {
  const want = (field: string, ok: boolean, what: string, got: unknown = r[field]) => ok ? undefined : `${field}: expected ${what}, got ${shown(got)}`;
  const s = r.shard;
  const shard = want('shard', !!s && typeof s === 'object' && Number.isInteger(s.count) && Number.isInteger(s.index) && s.index >= 1 && s.index <= s.count
    && (s.level === undefined || Number.isInteger(s.level)), '{ index, count } with 1 <= index <= count (and an integer level, if any)');
  if (shard) return shard;
  const checks: [string, boolean, string][] = [
    ['model', isText(r.model), 'a name'],
    ['params', isParams(r.params), 'an object of parameter -> string or number'],
    ['strategy', ['bfs', 'dfs', 'random'].includes(r.strategy), "'bfs', 'dfs' or 'random'"],
    ['complete', typeof r.complete === 'boolean', 'true or false'],
    ...(['states', 'transitions', 'depth', 'seconds', 'statesPerSecond', 'collisionProbability'] as const).map((k): [string, boolean, string] => [k, isCount(r[k]), 'a number >= 0']),
    ['neverFired', isList(r.neverFired, isText), 'a list of step names'],
    ['properties', isList(r.properties, (p) => !!p && isText(p.name)) && r.properties.length > 0, 'a non-empty list of { name, verdict }'],
    ['stopped', r.stopped === undefined || isText(r.stopped), 'a reason'],
    ['shortestWhy', r.shortestWhy === undefined || isText(r.shortestWhy), 'a reason'],
    ['coverage', isList(r.coverage, (e) => !!e && isText(e.label) && isText(e.thread) && isCount(e.fired)), 'a list of { thread, label, fired }'],
    ['reachedPatchSteps', r.reachedPatchSteps === undefined || isList(r.reachedPatchSteps, (x) => !!x && isText(x.patch) && isText(x.step)), 'a list of { patch, step }'],
    // Written only where the run has patch files, so never empty: an empty list skipped the patch's credit (s50 h9).
    ['patchHunks', r.patchHunks === undefined || isList(r.patchHunks, (p) => !!p && isText(p.id) && isText(p.base) && isList(p.hunks, (h) => !!h && isText(h.fn) && (isText(h.replace) || (!!h.insert && isText(h.insert.label))))) && r.patchHunks.length > 0, 'a non-empty list of { id, base, hunks }'],
    ['credited', r.credited === undefined || r.credited === false, 'false (a case\'s pin), or nothing'],
    ['vacuity', r.vacuity === undefined || (!!r.vacuity && isList(r.vacuity.actions, (a) => !!a && isText(a.thread) && Number.isInteger(a.index)) && isList(r.vacuity.properties, (p) => !!p && isText(p.name))), '{ actions, properties }'],
  ];
  for (const [field, ok, what] of checks) if (!ok) return want(field, false, what);
  // Read by merge's one-value note, the list and each entry: a hand-edited entry was a stack trace
  // (null), a note on `undefined` or on a patch the run does not have (s50 h7), a read with no value
  // a field read two ways, its note dropped unsaid (s50 h15); a non-list was skipped (s50 h9).
  if (r.patchReads !== undefined && r.patchReads !== null) {
    if (!Array.isArray(r.patchReads)) return want('patchReads', false, 'a list of { patch, path, value }, or null', r.patchReads);
    const ids = (r.patchHunks ?? []).map((p: { id: string }) => p.id);
    const read = (x: any) => !!x && typeof x === 'object' && isText(x.patch) && ids.includes(x.patch) && isText(x.path) && (x.unread === true || 'value' in x)
      && (x.varied ?? true) === true && (x.written ?? true) === true && (x.unread ?? true) === true;
    const bad = (r.patchReads as unknown[]).findIndex((x) => !read(x));
    if (bad >= 0) return want(`patchReads[${bad}]`, false, '{ patch, path, value } of a patch file of the run (patchHunks), varied, written and unread true or absent, value absent only where unread', r.patchReads[bad]);
  }
  for (const [i, p] of (r.properties as any[]).entries()) {
    if (!VERDICTS.includes(p.verdict)) return want(`properties[${i}].verdict`, false, VERDICTS.map((v) => `'${v}'`).join(', '), p.verdict);
    if (p.trace !== undefined && !(p.trace && isList(p.trace.moves, (m) => !!m && typeof m === 'object') && isList(p.trace.steps, (m) => !!m && typeof m === 'object'))) return want(`properties[${i}].trace`, false, '{ moves, steps }', p.trace);
    if (p.verdict === 'violated' && p.trace === undefined) return `properties[${i}] (${p.name}): violated, with no trace`;
  }
  return undefined;
}

function badSuiteField(s: any): string | undefined {
  if (!s || typeof s !== 'object') return `: expected { suite, file, model, cases }, got ${shown(s)}`;
  for (const k of ['suite', 'file', 'model']) if (!isText(s[k])) return `.${k}: expected a string, got ${shown(s[k])}`;
  if (!isList(s.cases, (c) => !!c && isParams(c.params) && isList(c.properties, (p) => !!p && isText(p.name)))) return `.cases: expected a list of { params, properties }, got ${shown(s.cases)}`;
  return undefined;
}

function readRuns(path: string, suiteDocs: Map<string, SuiteDoc>): Run[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new ProbecheckError('E503', `${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as NodeJS.ErrnoException).code ?? e})`}`);
  }
  let doc: any;
  try { doc = JSON.parse(text); } catch { throw new ProbecheckError('E504', `${path}: not JSON; merge reads the output of probecheck check --shard i/n --json-out FILE`); }
  if (doc?.format !== 'probecheck-result' || !Array.isArray(doc.runs)) throw new ProbecheckError('E504', `${path}: not a probecheck check --json result (format ${doc?.format === undefined ? "'?'" : shown(doc.format)})`);
  // (A parallel hunt, 2026-12-05: a version this probecheck does not know merged without a word.)
  if (doc.version !== 1) throw new ProbecheckError('E504', `${path}: result format version ${JSON.stringify(doc.version)}; this probecheck reads version 1 (written by another probecheck?)`);
  doc.runs.forEach((r: any, i: number) => {
    if (!r?.shard) throw new ProbecheckError('E504', `${path}: the run of ${typeof r?.model === 'string' ? r.model : '?'} was not sharded (no --shard); merge combines the shards of one search`);
    const bad = badRunField(r);
    if (bad) throw new ProbecheckError('E504', `${path}: runs[${i}].${bad}; merge reads what check --shard i/n --json-out FILE wrote (was it edited, or written by another probecheck?)`);
    // A patch file's run without its hunks: the merge could not judge its credit, and would pass it.
    const files = r.patchHunks === undefined ? patchEntries(String(r.params?.patches ?? '')).filter(isPatchFile).map((x) => basename(x)) : [];
    if (files.length) {
      throw new ProbecheckError('E504', `${path}: the run of ${r.model ?? '?'} with patch file${files.length > 1 ? 's' : ''} ${files.join(', ')} does not say their hunks (written by an older probecheck?); run the shards again with this one`);
    }
    // Without them the merge could not judge the case: it would pass it unjudged.
    if (r.suite !== undefined && (!Number.isInteger(r.case) || !r.expect || typeof r.expect !== 'object' || !Object.values(r.expect).every((v) => EXPECTED.includes(v as Expected)))) {
      throw new ProbecheckError('E504', `${path}: the run of ${r.model ?? '?'} in suite '${r.suite}' does not say which case it is and what it expects (written by an older probecheck?); run the shards again with this one`);
    }
  });
  // The first file that names a suite gives its cases (E504 below when the shards' cases differ).
  if (doc.suites !== undefined && !Array.isArray(doc.suites)) throw new ProbecheckError('E504', `${path}: suites: expected a list, got ${shown(doc.suites)}`);
  if (Array.isArray(doc.suites)) for (const [i, s] of (doc.suites as SuiteDoc[]).entries()) {
    const bad = badSuiteField(s);
    if (bad) throw new ProbecheckError('E504', `${path}: suites[${i}]${bad}; merge reads what check --shard i/n --json-out FILE wrote (was it edited, or written by another probecheck?)`);
    // (The shards of one suite may name its file as typed on different runners: check refuses two
    // suites of one name in a run, E502, so a name stands for one file here.)
    if (!suiteDocs.has(s.suite)) suiteDocs.set(s.suite, s);
  }
  // A file with no run and no suite (check --shard writes neither; an all-FIXME suite's shard holds its
  // suite) merged to nothing, alone (s50 h9) or beside real shards, where it passed unsaid (s50 h13).
  if (doc.runs.length === 0 && !(Array.isArray(doc.suites) && doc.suites.length)) throw new ProbecheckError('E504', `${path}: no shard's run to merge (it holds \`runs: []\` and no suite); merge reads what check --shard i/n --json-out FILE wrote`);
  return doc.runs as Run[];
}

/**
 * Which search a run is a part of: its model and parameters (and suite), a patch file named by its
 * content where the shard recorded it (searchSources: the same patch in another checkout folder is
 * the same search). What else must agree is `differences`'.
 */
const keyOf = (r: Run) => {
  const byContent = (p: string) => p.split(',').map((x) => r.sources?.patches?.[x.trim()] ?? x.trim()).join(',');
  const params = r.params.patches !== undefined ? { ...r.params, patches: byContent(String(r.params.patches)) } : r.params;
  return JSON.stringify([r.suite ?? null, r.case ?? null, r.model, params]);
};

/**
 * What defines a search besides its model and parameters: parts that differ in any of these
 * are parts of different searches. (A limit that changes what is explored also stops the search
 * early, which the merge reports as such.)
 */
const DEFINING: { what: string; flag: string; of: (r: Run) => string }[] = [
  { what: 'properties', flag: '--property', of: (r) => r.properties.map((p) => p.name).join(', ') },
  { what: 'expected verdicts', flag: 'suite file', of: (r) => r.expect ? Object.entries(r.expect).map(([k, v]) => `${k}: ${v}`).join(', ') : '-' },
  // What else a case pins travels with each part: parts of two texts of the case are two searches.
  { what: 'actions pinned as never completing', flag: 'suite file', of: (r) => r.neverCompletes?.join(', ') ?? '-' },
  { what: 'credited pin', flag: 'suite file', of: (r) => (r.credited === false ? 'credited: false' : '-') },
  // The patch files' hunks the credit is judged by (the first part's): a part whose file said others
  // is another text of the patch (a shard edited by hand merged with the first part's hunks; s50 h9).
  { what: 'patch hunks', flag: '--patch / patches: files', of: (r) => r.patchHunks?.map((p) => `${p.id} (base ${p.base}): ${p.hunks.map((h) => h.replace !== undefined ? `${h.fn}:${h.replace}` : `${h.fn}:${h.insert!.label} after ${JSON.stringify(h.insert!.after)} before ${JSON.stringify(h.insert!.before)}`).join(', ')}`).join('; ') ?? '-' },
  { what: 'strategy', flag: '--strategy', of: (r) => r.strategy },
  { what: 'symmetry reduction', flag: '--symmetry / --no-symmetry', of: (r) => r.symmetry?.applied ? 'on' : 'off' },
  { what: 'partial-order reduction', flag: '--por', of: (r) => r.por?.applied ? 'on' : 'off' },
  // Shard i of random walks walks with seed + i - 1: the seed given is that minus i - 1.
  { what: 'seed', flag: '--seed', of: (r) => r.strategy === 'random' && r.seed !== undefined ? String(r.seed - (r.shard!.index - 1)) : '-' },
];

function differences(a: Run, b: Run): string | undefined {
  // Two files of one scenario name are two searches, whatever their split (shards from before
  // the sources were recorded are not compared).
  if (a.sources?.model && b.sources?.model && a.sources.model !== b.sources.model) {
    return `model file ${b.file} (sha256 ${b.sources.model.slice(0, 12)}), shard ${a.shard!.index}/${a.shard!.count} with ${a.file} (sha256 ${a.sources.model.slice(0, 12)}): another file's search, not a part of this one`;
  }
  // A property of yours checked from another text of its file (shards of two checkouts): what one
  // shard calls violated the other may not have checked (a CI hunt, 2026-12-05).
  for (const [name, h] of Object.entries(b.sources?.properties ?? {})) {
    const g = a.sources?.properties?.[name];
    if (g !== undefined && g !== h) return `property ${name} from a file with sha256 ${h.slice(0, 12)}, shard ${a.shard!.index}/${a.shard!.count} with one with sha256 ${g.slice(0, 12)}: another text of the property, not a part of this search`;
  }
  for (const d of DEFINING) {
    const x = d.of(a), y = d.of(b);
    if (x !== y) return `${d.what} ${JSON.stringify(y)}, shard ${a.shard!.index}/${a.shard!.count} with ${JSON.stringify(x)}: the shards must run the same search (same ${d.flag})`;
  }
  return undefined;
}

/** A shard a limit stopped before the level it would split at: it never split (its part is every shard's). */
const stoppedBeforeSplit = (r: Run) => r.strategy === 'bfs' && !r.complete && r.shard!.level === undefined;

/** One merged result per search, in the order the files first name them. */
export function mergeRuns(files: string[]): { runs: Run[]; shards: Map<Run, Run[]>; suites: Map<string, SuiteDoc> } {
  const groups = new Map<string, { run: Run; file: string }[]>();
  const suites = new Map<string, SuiteDoc>();
  for (const f of files) for (const r of readRuns(f, suites)) {
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
      // Named with the file of the other count: the same search split twice, not another search.
      if (s.count !== n) throw new ProbecheckError('E504', `${file}: ${what} is shard ${s.index}/${s.count}, ${g[0]!.file} shard ${first.shard!.index}/${n}: the shard counts differ (${n} and ${s.count}); merge the parts of one split`);
      // Another search's shard first: its part i is not "given twice" (a bad-input hunt, 2026-12-05:
      // the shards of two --property jobs merged together read so).
      const diff = differences(first, run);
      if (diff) throw new ProbecheckError('E504', `${file}: shard ${s.index}/${n} of ${what} ran with ${diff}`);
      if (byIndex.has(s.index)) throw new ProbecheckError('E504', `${file}: shard ${s.index}/${n} of ${what} is given twice`);
      byIndex.set(s.index, run);
    }
    // Every shard splits at the same level; one a limit stopped before it reached that level never
    // split, and is a stopped part, not another search (a CI hunt, 2026-12-06: `--max-states` on
    // one shard made merge refuse the parts as "different searches").
    const ref = g.find(({ run }) => !stoppedBeforeSplit(run));
    if (ref && ref.run.strategy === 'bfs') for (const { run, file } of g) {
      const s = run.shard!, r = ref.run.shard!;
      if (stoppedBeforeSplit(run) || (s.level === r.level && s.levelSize === r.levelSize)) continue;
      throw new ProbecheckError('E504', `${file}: shard ${s.index}/${n} of ${what} split at another level than shard ${r.index} (depth ${s.level ?? '-'} against ${r.level ?? '-'}): the shards ran different searches (options or versions)`);
    }
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
    if (missing.length) {
      // Shards of another search (other parameters) form a group of their own: name them, so a
      // mix-up reads as one, not as a lost shard (a CI hunt, 2026-12-05).
      const others = [...groups.values()].filter((x) => x !== g).map((x) => `${x[0]!.file} (${x[0]!.run.model} ${showParams(x[0]!.run.params)})`);
      throw new ProbecheckError('E504', `${what}: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing; merge needs every part of the search${others.length ? `; the files also hold shards of another search: ${others.join(', ')}` : ''}`);
    }
    const parts = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    // A whole part's `patchReads: null` beside another's list: check --shard writes null only for a
    // search reduced (as every part is) or stopped early, never for --workers (a shard runs on one
    // thread), so the merged search would drop the one-value note for no reason it could say (s50 h17).
    const recorded = parts.find((r) => Array.isArray(r.patchReads)), none = g.find(({ run }) => run.patchReads === null);
    if (recorded && none && parts.every((r) => r.complete)) {
      throw new ProbecheckError('E504', `${none.file}: shard ${none.run.shard!.index}/${n} of ${what} records no patch reads (patchReads null), shard ${recorded.shard!.index}/${n} records its part's: check --shard writes null only for a search reduced (then in every part) or stopped early, and this one is whole (a shard runs on one thread, whatever --workers says); was it edited?`);
    }
    const merged = mergeGroup(parts);
    runs.push(merged);
    shards.set(merged, parts);
  }
  return { runs, shards, suites };
}

/**
 * What the shards' counts say about the whole search. Every shard stores the levels down to the
 * split depth, and parts may reach the same states below it, so the sum over-counts; each
 * shard's states are states of the whole search, so the most one shard stored is a lower bound.
 * Where no level was wide enough to split, every shard explored the whole search: its count is
 * the whole count.
 */
export interface MergedCounts {
  /** The whole search's states and transitions, when the parts tell them (no split). */
  states: number | null;
  transitions: number | null;
  /** States and transitions stored by the shards together, overlap included. */
  statesStored: number;
  transitionsStored: number;
  /** The whole search has at least this many states. */
  statesAtLeast: number;
  perShard: { shard: string; states: number; transitions: number; splitDepth: number | null }[];
  note: string;
}

export function mergedCounts(parts: Run[]): MergedCounts {
  const n = (x: number) => x.toLocaleString('en-US');
  const first = parts[0]!;
  const stored = parts.reduce((a, r) => a + r.states, 0), trans = parts.reduce((a, r) => a + r.transitions, 0);
  const atLeast = Math.max(...parts.map((r) => r.states));
  const unsplit = first.strategy !== 'random' && parts.every((r) => r.shard!.level === undefined);
  const level = parts.find((r) => r.shard!.level !== undefined)?.shard!.level;
  let note = unsplit
    ? `no level was wide enough to split, so each of the ${parts.length} shards ran the whole search: ${n(first.states)} states${parts.every((r) => r.complete) ? '' : ' (it stopped early: the count is partial)'}`
    : first.strategy === 'random'
      ? `${n(stored)} states stored by the ${parts.length} shards' walks together, with overlap (walks may visit the same states); the whole count is at least ${n(atLeast)} (the most one shard stored) and is not known from its parts`
      : `${n(stored)} states stored by the ${parts.length} shards together, with overlap (each stores every state down to the split depth ${level}, and parts may reach the same states below it); the whole search has at least ${n(atLeast)} (the most one shard stored), and its exact count is not known from its parts`;
  if (!unsplit && !parts.every((r) => r.complete)) note += '; a shard stopped early, so even that is partial';
  return {
    states: unsplit ? first.states : null, transitions: unsplit ? first.transitions : null,
    statesStored: stored, transitionsStored: trans, statesAtLeast: atLeast,
    perShard: parts.map((r) => ({ shard: `${r.shard!.index}/${r.shard!.count}`, states: r.states, transitions: r.transitions, splitDepth: r.shard!.level ?? null })),
    note,
  };
}

/**
 * A redirect note names its patch file as that part's run showed it (emit.ts redirectNote): parts
 * of one search may have loaded it from other folders (keyOf takes a patch file by its content), and
 * the union said each redirect once per name (a review, s41 h11: `A/fix.ts` and `B/fix.ts`, every
 * note twice). Each is named as the merged header names the first part's file of that content.
 */
const REDIRECT = /^(.+?) \(patch [^,()]+, hunk \d+\): your replacement of /;
function sameFileNames(parts: Run[]): (note: string, r: Run) => string {
  const firsts = new Map<string, string>();
  for (const [path, hash] of Object.entries(parts[0]!.sources?.patches ?? {})) firsts.set(hash, path);
  return (note, r) => {
    const file = REDIRECT.exec(note)?.[1];
    if (file === undefined) return note;
    // The part's entry that the note's name is (absolute) or ends (relative to where that part ran).
    const at = String(r.params.patches ?? '').split(',').filter((p) => isAbsolute(p) && (p === file || p.split('\\').join('/').endsWith(`/${file}`)));
    const to = at.length === 1 ? firsts.get(r.sources?.patches?.[at[0]!] ?? '') : undefined;
    return to === undefined ? note : belowCwd(to) + note.slice(file.length);
  };
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
  const fired = parts.map((r) => new Map(r.coverage.map((e) => [`${e.thread}\0${e.program}\0${e.label}`, e.fired])));
  // `states` and `transitions` here are the shards' sums, overlap included: what is printed and
  // written is mergedCounts(), which says so.
  const merged: Run = {
    ...first, complete, properties,
    states: sum((r) => r.states), transitions: sum((r) => r.transitions), depth: Math.max(...parts.map((r) => r.depth)),
    seconds: Math.max(...parts.map((r) => r.seconds)), statesPerSecond: sum((r) => r.statesPerSecond),
    // A collision in any shard: at most the sum of their probabilities.
    collisionProbability: Math.min(1, sum((r) => r.collisionProbability)),
    neverFired: first.neverFired.filter((s) => parts.every((r) => r.neverFired.includes(s))),
    // A step fired in the whole search where it fired in some part (what patchNotes reads).
    coverage: first.coverage.map((e) => ({ ...e, fired: fired.reduce((a, m) => a + (m.get(`${e.thread}\0${e.program}\0${e.label}`) ?? 0), 0) })),
  };
  // The patch steps a thread stood at: each part's, joined as the workers' are (engine/check.ts).
  if (parts.every((r) => r.reachedPatchSteps)) merged.reachedPatchSteps = mergeReached(...parts.map((r) => r.reachedPatchSteps!));
  else delete merged.reachedPatchSteps;
  // The fields the patch's guards read one way in the whole search: every part's reads joined
  // (patch-reads.ts), said only where every part logged every read of its part (s50 h3).
  delete merged.patchReads; delete merged.constantReads;
  const reads = parts.map((r) => r.patchReads);
  if (complete && reads.every((x) => Array.isArray(x))) {
    const cr = constantReads(joinReads(...reads as PatchRead[][]));
    if (cr.length) merged.constantReads = cr;
  }
  delete merged.shard;
  // A note of what one part's search took (a redirect through a library insert: emit.ts) is the
  // whole search's too: every part's, not the first's alone (s41 h2).
  // In the order one search of the whole gives (check.ts): the model's notes, which every part
  // has first, then the search's, sorted (a review, s41 h6: the union put a note only a later part
  // took after the first part's, where the whole search sorts them). Every part's notes start with
  // their common prefix (the model's, and any search notes every part took first, which sort first).
  const named = sameFileNames(parts);
  const lists = parts.map((r) => (r.notes ?? []).map((n) => named(n, r)));
  let common = 0;
  while (common < lists[0]!.length && lists.every((l) => l[common] === lists[0]![common])) common++;
  const head = lists[0]!.slice(0, common), tail = [...new Set(lists.flatMap((l) => l.slice(common)))].sort();
  const notes = [...head, ...tail];
  if (notes.length) merged.notes = notes;
  // The shortest of the parts' traces is the whole search's when every part searched its part to
  // the end (or to its last violation); a part stopped by a limit may hold a shorter one.
  delete merged.shortestWhy;
  const cut = parts.find((r) => !r.complete && r.stopped !== 'all-violated');
  // A reason other than the part's being a part (symmetry on your word) holds for the whole search.
  const other = parts.find((r) => r.shortestWhy !== undefined && !r.shortestWhy.startsWith('shard '));
  merged.shortest = first.strategy === 'bfs' && !cut && !other && parts.every((r) => r.shortest !== undefined);
  if (!merged.shortest && first.strategy === 'bfs') {
    merged.shortestWhy = other?.shortestWhy ?? (cut ? `shard ${cut.shard!.index}/${cut.shard!.count} stopped early` : "the shards' results do not say whether their traces are shortest");
  }
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

/**
 * A sharded suite's merged runs judged against the suite, as `check` judges one unsharded run:
 * each merged verdict against the expected one; the pinned count where the parts tell the whole
 * count (no level was split) or where the largest part alone exceeds it; FIXME cases as the shards
 * listed them.
 */
function mergedSuites(runs: Run[], docs: Map<string, SuiteDoc>, counts: Map<Run, MergedCounts>, allowVacuous: boolean, judged: Map<Run, Result>): SuiteOutcome[] {
  const out: SuiteOutcome[] = [];
  // Every suite the shards name, a suite whose every case is FIXME too: its shards have no runs, and
  // it was dropped (a CI hunt, 2026-12-05: such shards merged to exit 0, an empty JUnit; check exits 3).
  for (const name of new Set([...runs.filter((r) => r.suite !== undefined).map((r) => r.suite!), ...docs.keys()])) {
    const doc = docs.get(name);
    if (!doc) throw new ProbecheckError('E504', `the shards' runs of suite '${name}' come without the suite (its cases): merge reads what check --shard i/n --json-out FILE writes`);
    const cases: CaseOutcome[] = [];
    doc.cases.forEach((c, i) => {
      if (c.fixme) {
        cases.push({ params: c.params, fixme: c.fixme, ...(c.note ? { note: c.note } : {}), rows: c.properties.map((p) => ({ property: p.name, expected: p.expected, observed: '-', status: 'fixme' })) });
        return;
      }
      const r = runs.find((x) => x.suite === name && x.case === i);
      // A case the suite runs but no shard has a result of would be passed unjudged.
      if (!r) throw new ProbecheckError('E504', `${doc.file}: cases[${i}] (${showParams(c.params)}) of suite '${name}': no shard's result holds it; merge needs every shard of every case`);
      const n = counts.get(r)!;
      const base: CaseOutcome = { params: c.params, rows: [], ...(c.note ? { note: c.note } : {}) };
      if (n.states === null) base.statesAtLeast = true;
      const result = { ...r, states: n.states ?? n.statesAtLeast };
      judged.set(r, result);
      // The hang the case pins travels with each shard's run (a CI hunt, 2026-12-05: merge judged without it).
      const outcome = judgeCase(`${doc.file}: cases[${i}]`, { params: c.params, expect: r.expect!, ...(r.neverCompletes ? { neverCompletes: r.neverCompletes } : {}) }, result, { allowVacuous }, base,
        n.states === null ? `not compared (merged shards): ${n.note}` : undefined);
      // The pin stays in the result (a JSON reader sees there was one). Compared where the parts tell
      // the whole count, and wherever the largest part alone exceeds it (a CI hunt, 2026-12-05: at
      // least 3,838 states against a pin of 100 was "not compared", exit 0; unsharded, exit 4).
      // A case that pins no count at all (its shards say `not-pinned`): as unsharded, `(not pinned)`
      // (a new user, 2026-12-06: a split search read `at least N (not compared: shards)` and the
      // summary counted one case with no pinned count where the unsharded run counted two).
      if (c.statesStatus === 'not-pinned') {
        outcome.unpinned = true;
        outcome.statesNote = UNPINNED;
      } else if (c.expectedStates !== undefined) {
        outcome.expectedStates = c.expectedStates;
        delete outcome.unpinned;
        if (boundExceeds(result, c.expectedStates) && (n.states === null || !r.complete)) {
          outcome.statesStatus = 'mismatch'; outcome.statesAtLeast = true;
          delete outcome.statesNote;
        } else if (n.states !== null) {
          outcome.statesStatus = !r.complete ? 'unknown' : n.states === c.expectedStates ? 'ok' : 'mismatch';
          delete outcome.statesNote;
        }
      }
      cases.push(outcome);
    });
    out.push({ suite: name, file: doc.file, model: doc.model, cases });
  }
  return out;
}

/**
 * What merge cannot say of a patch that the unsharded run says, each in a line: which steps fire
 * without the patch and never with it (`check --patch` searches the model without it too; the
 * shards do not), and, from a shard that did not record its reads (an older probecheck's), which
 * fields its waits read one way. A suite case's run says no `unreachable` unsharded either.
 */
function shardsNotes(r: Run, parts: Run[]): PatchNote[] {
  const ids = r.patchHunks!.map((p) => p.id).join(', ');
  const out: PatchNote[] = [];
  if (r.suite === undefined) {
    const entries = patchEntries(String(r.params.patches ?? ''));
    const rest = Object.entries(r.params).filter(([k]) => k !== 'patches').flatMap(([k, v]) => ['--param', `${k}=${v}`]);
    const lib = entries.filter((x) => !isPatchFile(x)), files = entries.filter(isPatchFile);
    // `--patch` files come after `--param patches=` (args.ts withPatches); a file given before a
    // library patch in `--param patches=` keeps its place, in that one parameter: patches apply in
    // order, and the other order is another model (s50 h7: the command put the library patch first).
    const first = entries.findIndex(isPatchFile), inOrder = first < 0 || entries.slice(first).every(isPatchFile);
    const patchArgs = inOrder ? [...(lib.length ? ['--param', `patches=${lib.join(',')}`] : []), ...files.flatMap((f) => ['--patch', belowCwd(f)])]
      : ['--param', `patches=${entries.map((x) => (isPatchFile(x) ? belowCwd(x) : x)).join(',')}`];
    const command = ['probecheck', 'check', belowCwd(r.file), ...rest, ...patchArgs].map(shellWord).join(' ');
    // A search that stopped early: the warning the unsharded run gives. A whole one: a note, not a
    // warning (nothing was found wrong; every merge of a patch's shards would otherwise warn).
    out.push(r.complete ? { patch: ids, step: '', note: 'not recorded', text: `patch steps not compared with the model without the patch: the shards do not search it, so the steps that fire without the patch and never with it are not said here; the unsharded run says them (\`${command}\`, with the shards' other options)` }
      : { patch: ids, step: '', note: 'not compared', text: 'patch steps not compared with the model without the patch: a search stopped early' });
  }
  const old = parts.find((p) => p.patchReads === undefined);
  if (r.complete && old && !parts.some((p) => p.patchReads === null)) {
    out.push({ patch: ids, step: '', note: 'not recorded', text: `patch ${ids}: whether its waits read one value in the whole search is not said: shard ${old.shard!.index}/${old.shard!.count} does not record its part's reads (written by an older probecheck?); run the shards again with this one` });
  }
  return out;
}

export function runMerge(io: Io, files: string[], o: MergeOutputArgs): ExitCode {
  const { json, quiet, allowVacuous } = o;
  if (files.length === 0) throw new ProbecheckError('E501', 'merge needs the --json result files of the shards (probecheck check --shard i/n --json-out part-i.json)');
  checkOutputPaths(o);
  const { runs, shards, suites: docs } = mergeRuns(files);
  // Every input is read: the reports an earlier run left at the output paths go now.
  clearOutputs(o, files);
  const counts = new Map(runs.map((r) => [r, mergedCounts(shards.get(r)!)]));
  // A suite case is judged against its expectations (a violation it expects is as it should be).
  const judged = new Map<Run, Result>();
  const suites = mergedSuites(runs, docs, counts, allowVacuous, judged);
  const codes = [...runs.filter((r) => r.suite === undefined).map((r) => verdictExit(r, allowVacuous)), ...suites.map(suiteExit)];
  // The patch files' credit, judged on the merged search as check judges an unsharded one: each
  // part's coverage and stands joined (s49 h4 left it: the shards recorded nothing, and a sharded
  // CI passed where the same suite unsharded exited 5).
  const notes: (PatchNote & { model: string; suite?: string; case?: number })[] = [];
  const uncredited: { model: string; params: Record<string, string | number>; text: string; hunks: PatchNote[]; expected?: true }[] = [];
  const credit = new Map<Run, { found: PatchNote[]; judged: ReturnType<typeof judgeCredit> }>();
  for (const r of runs) {
    if (!r.patchHunks?.length) continue;
    // A case's `credited: false` travels with each shard's run, as its neverCompletes does.
    const found = [...patchNotes(r.patchHunks, r), ...shardsNotes(r, shards.get(r)!)], judged = judgeCredit(r.patchHunks, found, r, r.credited === false);
    credit.set(r, { found, judged });
    notes.push(...found.map((n) => ({ ...n, model: r.model, ...(r.suite !== undefined ? { suite: r.suite, case: r.case! } : {}) })));
    if (judged?.status === 'against pin') codes.push(EXIT.mismatch);
    if (judged?.status !== 'uncredited' && judged?.status !== 'as pinned') continue;
    uncredited.push({ model: r.model, params: r.params, text: judged.nc.text, hunks: judged.nc.hunks, ...(judged.status === 'as pinned' ? { expected: true as const } : {}) });
    if (judged.status === 'uncredited' && !allowVacuous) codes.push(EXIT.vacuous);
  }
  const exit = codes.length ? worst(codes) : EXIT.ok;
  // The runs as the reports see them: a suite case's as it was judged, the count the whole
  // search's where the parts tell it, else the largest part's, a lower bound.
  const checked: CheckedRun[] = runs.map((r) => {
    const c = counts.get(r)!;
    return {
      file: r.file, result: judged.get(r) ?? { ...r, states: c.states ?? c.statesAtLeast }, allowVacuous,
      ...(c.states === null ? { statesAtLeast: true as const } : {}), countNote: c.note,
      ...(r.suite !== undefined ? { suite: r.suite, case: r.case!, expect: r.expect!, ...(r.neverCompletes ? { neverCompletes: r.neverCompletes } : {}), ...(r.credited === false ? { credited: false as const } : {}) } : {}),
      ...creditFields(credit.get(r)?.judged),
    };
  });
  const doc = () => {
    const d = jsonDocument(checked, suites, exit);
    // The whole search's counts where the parts tell them; null otherwise (the sums over-count).
    const known = runs.every((r) => counts.get(r)!.states !== null);
    const whole = (f: (c: MergedCounts) => number | null) => known ? runs.reduce((a, r) => a + f(counts.get(r)!)!, 0) : null;
    return JSON.stringify({
      ...d, states: whole((c) => c.states), transitions: whole((c) => c.transitions),
      ...(credit.size ? { patchNotes: notes } : {}), ...(uncredited.length ? { notCredited: uncredited } : {}),
      runs: d.runs.map((x, i) => {
        const c = counts.get(runs[i]!)!;
        return { ...x, states: c.states, transitions: c.transitions, statesPerSecond: c.states === null ? null : runs[i]!.statesPerSecond, statesNote: c.note };
      }),
      merged: runs.map((r) => {
        const { states: _s, transitions: _t, ...c } = counts.get(r)!;
        return { model: r.model, params: r.params, ...(r.suite !== undefined ? { suite: r.suite, case: r.case } : {}), shards: shards.get(r)!.length, ...c };
      }),
    }, null, 2);
  };
  if (o.jsonOut) writeOutput('--json-out', o.jsonOut, doc() + '\n');
  // A sharded CI publishes the merged result as it would an unsharded one (a CI hunt, 2026-12-05:
  // the shards' JUnit skipped every verdict merge decides, and merge wrote none).
  if (o.html) writeOutput('--html', o.html, htmlReport(checked, { suites, exit, title: 'probecheck report (merged shards)' }));
  if (o.junit) writeOutput('--junit', o.junit, junitXml(checked, suites));
  const annotations = io.env.GITHUB_ACTIONS === 'true' ? githubAnnotations(checked, suites, io.env) : [];
  /** A run's patch notes and credit line, as check prints them (a suite case's `not called` in --json only). */
  function creditLines(r: Run): string[] {
    const c = credit.get(r);
    if (!c) return [];
    const line = judgedLine(c.judged, allowVacuous, io.colors);
    return [...noteLines(r.suite !== undefined ? c.found.filter((n) => n.note !== 'not called') : c.found, io.colors.yellow), ...(line ? [line] : [])];
  }
  if (json) {
    io.out(doc());
    for (const line of annotations) io.err(line);
    return exit;
  }
  for (const r of runs) {
    const parts = shards.get(r)!;
    const inSuite = r.suite !== undefined;
    // In a suite, only a violation it did not expect is worth its trace here.
    if (!quiet) for (const p of r.properties) if (p.verdict === 'violated' && (!r.expect || r.expect[p.name] !== 'violated')) io.out(renderViolation(r, p, { colors: io.colors, width: io.width }) + '\n');
    io.out(io.colors.bold(`${r.suite !== undefined ? `${r.suite}: ` : ''}${r.model} (${showParams(r.params)}): ${parts.length} shards of one ${r.strategy} search merged`));
    // The model's and the search's notes, above the verdicts as check prints them (a suite's are
    // numbered under its table): merge printed none (s46 h7: a shard's inside() note, a profile's note).
    if (!inSuite && r.notes?.length) io.out(wrapLines(modelNoteLines(r, io.colors), io.width).join('\n'));
    // A suite case's verdicts are in the suite table below, beside what is expected.
    if (!inSuite) io.out(verdictTable(r, io.colors).join('\n'));
    // Every verdict rests on it: -q keeps it, as check -q does (a CI hunt, 2026-12-05).
    // And why a verdict is unknown: a shard a limit stopped (check -q prints its stop line too; a CI
    // hunt, 2026-12-06: merge -q showed unknown rows with no word why).
    if (quiet) { const v = [...(inSuite ? [] : stopLines(r, io.colors)), ...vouchedLines(r, io.colors)]; if (v.length) io.out(v.join('\n')); }
    if (!quiet) {
      const rows = [['shard', 'split depth', 'states', 'complete', ...r.properties.map((p) => p.name)].map((h) => io.colors.bold(h))];
      for (const s of parts) rows.push([`${s.shard!.index}/${s.shard!.count}`, String(s.shard!.level ?? '-'), s.states.toLocaleString('en-US'), s.complete ? 'yes' : `no (${s.stopped})`, ...s.properties.map((p) => p.verdict)]);
      io.out(table(rows, '  ').join('\n'));
      // The single-search stats line would show the shards' sums as the search's counts.
      const c = counts.get(r)!, n = (x: number) => x.toLocaleString('en-US');
      const [, ...rest] = statsLines(r, io.colors, undefined, io.width);
      io.out([
        io.colors.dim(c.note),
        io.colors.dim(`${c.transitions === null ? `${n(c.transitionsStored)} transitions explored by the shards together, with overlap` : `${n(c.transitions)} transitions`}, depth ${r.depth}, ${r.seconds.toFixed(2)}s on the slowest shard, collision probability at most ${r.collisionProbability.toExponential(1)}`),
        ...rest,
      ].join('\n'));
    }
    if (!inSuite) {
      const v = wrapLines([...vacuityLines(r, io.colors, allowVacuous), ...creditLines(r)], io.width);
      if (v.length) io.out(v.join('\n'));
    }
  }
  // A suite case's, under the suite table with the case named, as check says them.
  const caseLines = runs.filter((r) => r.suite !== undefined).flatMap((r) => creditLines(r).map((l) => `${r.suite} cases[${r.case}] (${showParams(withoutPatches(docs.get(r.suite!)?.cases[r.case!]?.params ?? r.params))}): ${l}`));
  if (suites.length) io.out([...suiteTable(suites, io.colors), ...wrapLines([...suiteNoteLines(suites, io.colors), ...vacuousMismatchLines(suites, io.colors), suiteSummary(suites, io.colors, checked), ...caseLines], io.width)].join('\n'));
  for (const line of annotations) io.out(line);
  return exit;
}
