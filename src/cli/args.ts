/**
 * The command line: commander's definition of every command and option, with help and
 * examples, and `parseArgv` which turns argv into a typed Invocation or throws E501. Parsing
 * does nothing else (no file is read; a property file is only stat-ed, to load it once), so it can be fuzzed on its own.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, resolve as resolvePath } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ProbecheckError } from '../engine/errors.js';
import { PATCHES } from '../kernel/patches.js';
import { parseParamArgs } from '../engine/params.js';
import { defaultMemoryLimitMB } from '../engine/search/budget.js';
import type { BackendName, Strategy } from '../engine/result.js';
import { parseShard, type ShardSpec } from '../engine/search/shard.js';
import { EXIT_HELP } from './exit.js';

/** Search options shared by check, simulate and diff. */
export interface SearchArgs {
  properties: string[];
  /** --property-file: files of defineProperty properties, added to every kernel scenario checked (absolute paths). */
  propertyFiles?: string[];
  strategy?: Strategy;
  backend?: BackendName;
  maxStates?: number;
  maxDepth?: number;
  timeLimit?: number;
  maxMemoryMB?: number;
  seed?: number;
  runs?: number;
  walkDepth?: number;
  /** --workers: threads for a BFS search (default 1: not yet measured faster on any machine here; see docs/how-it-works.md). */
  workers?: number;
  /** --shard i/n: this machine's part of a search split over n (see engine/search/shard.ts). */
  shard?: ShardSpec;
  /** --symmetry: symmetry reduction where the model declares interchangeable elements; --check-symmetry verifies them first. */
  symmetry?: boolean;
  checkSymmetry?: boolean;
  /** --por: partial-order reduction (safety and deadlock; see docs/how-it-works.md). */
  por?: boolean;
}

/** Output options shared by check and simulate. */
export interface OutputArgs {
  json: boolean;
  quiet: boolean;
  traceOut?: string;
  /** --json-out: the --json document, written to a file (a shard's result for merge, a CI artifact). */
  jsonOut?: string;
  itf?: string;
  html?: string;
  mermaid: boolean;
  junit?: string;
  /** Accept vacuous verdicts and actions that never completed (exit as if they held; still reported). */
  allowVacuous: boolean;
}

/** merge's outputs: the text or --json, and the files check writes that make sense of a merged result. */
export type MergeOutputArgs = Pick<OutputArgs, 'json' | 'quiet' | 'allowVacuous' | 'jsonOut' | 'html' | 'junit'>;

export type Invocation =
  | { command: 'check'; targets: string[]; params: Record<string, string>; search: SearchArgs; output: OutputArgs }
  | { command: 'replay'; trace: string; property?: string; json: boolean; quiet: boolean; model?: string; propertyFiles?: string[] }
  | { command: 'diff'; base: string; patched: string; baseParams: Record<string, string>; patchedParams: Record<string, string>; search: SearchArgs; json: boolean; quiet: boolean; allowVacuous: boolean; fixes: string[] }
  | { command: 'merge'; files: string[]; output: MergeOutputArgs }
  | { command: 'profiles'; json: boolean; long: boolean; names: string[] }
  | { command: 'source'; fn: string; profile: string; json: boolean }
  | { command: 'steps'; profile?: string; fn?: string; json: boolean; maxStates?: number; patches?: string; scenario?: string; params?: Record<string, string> }
  | { command: 'validate'; file: string; log: string; params: Record<string, string>; json: boolean; maxStates?: number; excerpt: boolean }
  | { command: 'from-log'; log: string; profile?: string; out?: string }
  | { command: 'help'; text: string; exit: 0 };

const collect = (v: string, prev: string[] = []) => [...prev, v];

function intArg(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min) throw usage(`${name} expects an integer >= ${min}, got '${v}'`);
    return n;
  };
}

function secondsArg(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw usage(`--time-limit expects a positive number of seconds, got '${v}'`);
  return n;
}

function usage(msg: string): ProbecheckError { return new ProbecheckError('E501', msg); }

/** `shard`: offer --shard (diff compares two whole searches: a part of each would read as the whole; a CI hunt, 2026-12-05). */
function searchOptions(c: Command, random = false, shard = true): Command {
  c.option('--property <name>', 'check only this property (repeatable); a library property the scenario leaves out is checked too', collect)
    .option('--property-file <file>', 'add the defineProperty properties this file exports to every kernel scenario (repeatable)', collect)
    .addOption(new Option('--backend <name>', 'state backend').choices(['fast', 'reference']).default('fast'))
    .option('--max-states <n>', 'stop after this many distinct states (exit 3)', intArg('--max-states', 1))
    .option('--time-limit <seconds>', 'stop a search after this many seconds (exit 3); per search: each model, and each case of a suite, has its own; random walks go on until then unless --runs is given', secondsArg)
    .option('--memory-limit <mb>', `stop when the process would use more than this many MB (exit 3); default: half of physical memory or of a container's limit (here ${defaultMemoryLimitMB()})`, intArg('--memory-limit', 1))
    .option('--seed <s>', 'seed of random simulation', intArg('--seed', 0));
  if (shard) c.option('--shard <i/n>', 'search part i of n, for a CI matrix or batch jobs (breadth-first: one part of the state space; random: walks with seed + i - 1); write each part with --json-out and combine them with probecheck merge', parseShard);
  if (!random) {
    c.option('--workers <n>', `worker threads for a BFS search (default 1, the sequential search; this machine has ${availableParallelism()} cores): the same states, verdicts and traces as 1; searches under 20,000 states, DFS, liveness and --por searches run on one`, intArg('--workers', 1));
    c.addOption(new Option('--strategy <name>', 'search strategy: bfs finds shortest traces').choices(['bfs', 'dfs', 'random']).default('bfs'))
      .option('--max-depth <n>', 'explore no deeper than this (exit 3 if it cut anything)', intArg('--max-depth', 0))
      .option('--symmetry', "store states up to permutations of a scenario's interchangeable devices (its `symmetric` groups, declared or found by the builder); on by default, but off while a property or patch of your own is checked unless given")
      .option('--no-symmetry', 'store every state as it is (no symmetry reduction)')
      .option('--check-symmetry', 'first verify on every reachable state that the permutations --symmetry would apply are automorphisms, your own properties and patches included (small models)')
      .option('--por', 'partial-order reduction from recorded footprints (invariants, action properties, deadlock; liveness runs unreduced); counterexamples stay replayable but may not be shortest');
  }
  return c;
}

function outputOptions(c: Command): Command {
  return c.option('--json', 'print one JSON document on stdout instead of text')
    .option('--json-out <file>', 'also write that JSON document to a file (what probecheck merge reads)')
    .option('--trace-out <file>', 'write the counterexamples as a replayable JSON trace file')
    .option('--itf <file>', 'write each counterexample in ITF (Apalache/Quint Informal Trace Format); several go to FILE-1.ext, FILE-2.ext, ... (each file is named on stderr)')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--mermaid', 'print a Mermaid sequence diagram of each counterexample')
    .option('--junit <file>', 'write a JUnit XML report (one testcase per model x params x property)')
    .option('-q, --quiet', 'print only the verdict tables, and why a search stopped early (no traces or statistics)')
    .option('--allow-vacuous', 'accept vacuous verdicts, actions that never completed and patches not credited (no step of theirs ran): exit as if they held (still reported)');
}

/**
 * Property files, absolute, each file once: by its real path, so a symlink to one given beside it is
 * the same file (s41 h15: `--property-file p.ts --property-file link.ts` was still E303), and by its
 * device and inode, so a hard link to it is too (s41 h16: still E303); a missing file keeps its path,
 * for the loader's E503.
 */
function propertyFiles(files: string[]): string[] {
  const seen = new Map<string, string>();
  for (const f of files.map((x) => resolve(x))) {
    let key = f;
    try {
      const st = statSync(f, { bigint: true });
      key = st.ino ? `${st.dev}:${st.ino}` : realpathSync(f);
    } catch { /* missing: the loader says so */ }
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()];
}

function searchArgs(o: Record<string, any>): SearchArgs {
  // A property named twice is checked once (s41 h5: check listed and checked it twice; diff kept one).
  const s: SearchArgs = { properties: [...new Set<string>(o.property ?? [])] };
  // A file given twice is loaded once, as a name is (s41 h9: E303 said the model already had its property).
  if (o.propertyFile) s.propertyFiles = propertyFiles(o.propertyFile as string[]);
  for (const k of ['strategy', 'backend', 'maxStates', 'maxDepth', 'timeLimit', 'seed', 'runs', 'shard', 'symmetry', 'checkSymmetry', 'por', 'workers'] as const) if (o[k] !== undefined) (s as any)[k] = o[k];
  if (o.memoryLimit !== undefined) s.maxMemoryMB = o.memoryLimit;
  if (o.depth !== undefined) s.walkDepth = o.depth;
  return s;
}

function outputArgs(o: Record<string, any>): OutputArgs {
  const out: OutputArgs = { json: Boolean(o.json), quiet: Boolean(o.quiet), mermaid: Boolean(o.mermaid), allowVacuous: Boolean(o.allowVacuous) };
  for (const k of ['traceOut', 'jsonOut', 'itf', 'html', 'junit'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

const params = (o: Record<string, any>, key: string, flag: string): Record<string, string> => {
  try { return parseParamArgs(o[key] ?? []); } catch (e) {
    throw e instanceof ProbecheckError ? usage(e.message.replace('--param', flag)) : e;
  }
};

/** `--patch FILE` (repeatable): the files, as absolute paths, appended to the `patches` parameter. */
function withPatches(p: Record<string, string>, files: string[] | undefined, libraryAs: string | null = '--param patches='): Record<string, string> {
  if (!files?.length) return p;
  for (const f of files) if (f.includes(',')) throw usage(`--patch ${f}: a patch file's path may not contain ','`);
  // A library patch's id where a file was meant (the README's corpus table names them bare) was only "no such file".
  for (const f of files) {
    if (Object.hasOwn(PATCHES, f) && !existsSync(f)) throw new ProbecheckError('E503', `${f}: no such file or directory; '${f}' is a library patch${libraryAs === null ? '' : `: give it as ${libraryAs}${f}`} (--patch takes a file of yours)`);
  }
  return { ...p, patches: [p.patches, ...files.map((f) => resolvePath(f))].filter(Boolean).join(',') };
}

export function buildProgram(found: (inv: Invocation) => void): Command {
  const program = new Command('probecheck')
    .description('An explicit-state model checker for Linux driver-core concurrency.')
    .version('0.1.0', '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository; "# exit N": the status it ends with)\n  $ probecheck check                     # the bundled property suites\n  $ probecheck check models/hot-unplug.ts --param profile=v4.2 --trace-out t.json   # exit 1: B5\n  $ probecheck replay t.json\n\n${EXIT_HELP}`);

  outputOptions(searchOptions(program.command('check')
    .description('Check scenarios and suites: every property of a scenario or model file, or every case of a suite file.\nA directory runs every *.suite.ts in it and its subfolders; no argument runs the bundled suites of probecheck itself (refused in a folder whose properties/ holds suites of its own: name it).')
    .argument('[targets...]', 'scenario files (export default scenario({...})), model files (defineModel), suite files (defineSuite) or directories of *.suite.ts')
    .option('--param <k=v>', 'scenario parameter (repeatable), e.g. --param profile=v5.1 --param patches=654888327e9f', collect)
    .option('--patch <file>', 'apply the patches a file exports (export default definePatch({...}), or a list) on top of the profile (repeatable); a patch step that never fires, or a step it makes unreachable, is reported', collect)))
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository; "# exit N": the status it ends with)\n  $ probecheck check                     # every suite in properties/\n  $ probecheck check properties/hot-unplug.suite.ts --json\n  $ probecheck check models/hot-unplug.ts --param profile=v4.2 --trace-out t.json   # exit 1: B5\n  $ probecheck check models/hot-unplug.ts --param profile=v5.1 --param variant=deferred --property no-probe-after-del -q   # exit 1: B6\n  $ probecheck check models/tegra-host1x.ts --strategy dfs --max-states 100000 --time-limit 60   # exit 1\n\n${EXIT_HELP}`)
    .action((targets: string[], o: Record<string, any>) => found({ command: 'check', targets, params: withPatches(params(o, 'param', '--param'), o.patch), search: searchArgs(o), output: outputArgs(o) }));

  outputOptions(searchOptions(program.command('simulate')
    .description('Random walks from the initial state (strategy random): finds violations, never proves their absence (a property not violated is unknown, exit 3); liveness properties are not checked by walks (they stay unknown: check them with check).')
    .argument('<file>', 'scenario or model file')
    .option('--param <k=v>', 'scenario parameter (repeatable)', collect)
    .option('--patch <file>', 'apply the patches a file exports on top of the profile (repeatable), as check does', collect)
    .option('--runs <n>', 'number of walks (default: 1000, or as many as --time-limit allows)', intArg('--runs', 1))
    .option('--depth <n>', 'length of each walk', intArg('--depth', 1), 1000), true))
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository; "# exit N": the status it ends with)\n  $ probecheck simulate models/hot-unplug.ts --param profile=v4.2 --runs 1000 --depth 100 --seed 7   # exit 1: a walk finds B5\n\n${EXIT_HELP}`)
    .action((file: string, o: Record<string, any>) => found({ command: 'check', targets: [file], params: withPatches(params(o, 'param', '--param'), o.patch), search: { ...searchArgs(o), strategy: 'random' }, output: outputArgs(o) }));

  program.command('replay')
    .description('Re-execute a trace file (written by --trace-out) on its model and confirm that it violates its property, or name the first step that diverges and why.')
    .argument('<trace>', 'trace file (JSON, format probecheck-trace)')
    .option('--property <name>', 'replay only the trace of this property (when the file holds several)')
    .option('--model <file>', "replay on this model file instead of the trace's own")
    .option('--property-file <file>', 'the defineProperty file(s) the check that wrote the trace was given (repeatable): a trace of your own property replays with it', collect)
    .option('--json', 'print the outcome as JSON')
    .option('-q, --quiet', 'print only the outcome line of each trace (confirmed or refuted, and why), not the trace')
    .addHelpText('after', `\nThe model is found by the path stored in the trace: absolute, then from the current directory, then from the\ntrace file's directory. A model file whose content changed since the trace was written gets a warning.\n\nExamples:\n  (run from a clone of the repository; "# exit N": the status it ends with)\n  $ probecheck check models/hot-unplug.ts --param profile=v4.2 --trace-out t.json   # exit 1: B5\n  $ probecheck replay t.json\n  $ probecheck replay t.json --model models/hot-unplug.ts\n\nExit status:\n  0  every trace confirmed: it replays and violates its property\n  1  a trace is refuted: a move diverges (E403, the step and why), or it replays but the property holds\n  2  the trace file is unreadable or corrupt (E401), for another model (E402), or its model is not found (E503) or does not load`)
    .action((trace: string, o: Record<string, any>) => found({ command: 'replay', trace, property: o.property, json: Boolean(o.json), quiet: Boolean(o.quiet), ...(o.model !== undefined ? { model: o.model as string } : {}),
      ...(o.propertyFile ? { propertyFiles: propertyFiles(o.propertyFile as string[]) } : {}) }));

  searchOptions(program.command('diff')
    .description('Check the same properties on a base and a patched model (two files, or one file with different parameters on each side) and classify each: fixed, uncredited (violated on the base, holds on the patched side, but no step of your --patch file ran, or one blocks for ever), regressed, still violated, still holds, newly reached (vacuous on the base, holds on the patched side), newly vacuous (holds only because the situation it is about became unreachable), still vacuous (its situation is reached on neither side: the comparison says nothing about it), unknown.\nEvery base counterexample is replayed on the patched model, through the steps the patch inserted, with the step where the patch stops it.')
    .argument('<base>', 'base model file')
    .argument('[patched]', 'patched model file (default: the base file)')
    .option('--param <k=v>', 'parameter for both sides (repeatable)', collect)
    .option('--base-param <k=v>', 'parameter for the base side (repeatable)', collect)
    .option('--patched-param <k=v>', 'parameter for the patched side (repeatable)', collect)
    .option('--patch <file>', 'apply the patches a file exports on the patched side only (repeatable)', collect)
    .option('--fixes <property>', 'the patch must fix this property: violated on the base, holds on the patched model; exit 1 otherwise (repeatable)', collect)
    .option('--json', 'print the comparison as JSON')
    .option('-q, --quiet', 'print only the comparison table, and why a search stopped early')
    .option('--allow-vacuous', 'accept newly and still vacuous properties: exit as if they held (still reported)'), false, false)
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository; "# exit N": the status it ends with)\n  $ probecheck diff models/hot-unplug.ts --param variant=deferred --param profile=v5.1 --patched-param patches=654888327e9f\n  $ probecheck diff models/nvdimm.ts --param variant=abba --param profile=v5.1 --patched-param variant=abba-fixed -q\n\nExit status:\n  0  no property regressed (and every "fixed" is the patch's)\n  1  a property that holds on the base is violated on the patched model, or one named by --fixes is not fixed (uncredited is not fixed)\n  2  usage or model error\n  3  a limit stopped a search before a verdict (and nothing regressed or is vacuous)
  5  nothing regressed, but a property is newly or still vacuous, or uncredited: it holds on the patched side, but no step of
     the --patch file ran there, or one of them blocks every thread that reaches it for ever (--allow-vacuous accepts it)`)
    .action((base: string, patched: string | undefined, o: Record<string, any>) => {
      const both = params(o, 'param', '--param');
      found({
        command: 'diff', base, patched: patched ?? base, search: searchArgs(o), json: Boolean(o.json), quiet: Boolean(o.quiet), allowVacuous: Boolean(o.allowVacuous), fixes: [...new Set<string>(o.fixes ?? [])],
        baseParams: { ...both, ...params(o, 'baseParam', '--base-param') }, patchedParams: withPatches({ ...both, ...params(o, 'patchedParam', '--patched-param') }, o.patch, '--patched-param patches='),
      });
    });
  program.command('merge')
    .description('Combine the results of one search split over machines (check --shard i/n --json, a file per shard) into the verdicts of the whole search: violated if some shard violated it (the shortest trace is kept), unknown if a shard stopped early, vacuous only if vacuous in every shard, else holds; a patch file of yours none of whose steps ran in any shard is not credited (exit 5), as check says.')
    .argument('<files...>', 'the shards\' --json-out (or --json) result files')
    .option('--json', 'print the merged result as JSON')
    .option('--json-out <file>', 'also write that JSON document to a file')
    .option('--html <file>', 'write a self-contained HTML report of the merged result')
    .option('--junit <file>', 'write a JUnit XML report of the merged result (one testcase per model x params x property)')
    .option('-q, --quiet', 'print only the verdict tables')
    .option('--allow-vacuous', 'accept vacuous verdicts, actions that never completed and patches not credited (no step of theirs ran): exit as if they held (still reported)')
    .addHelpText('after', `\nWith GITHUB_ACTIONS=true, violations and suite mismatches are printed as ::error annotations, as check prints them.\n\nExamples:\n  (run from a clone of the repository)\n  $ probecheck check models/host-children.ts --param n=3 --shard 1/2 --json-out part-1.json\n  $ probecheck check models/host-children.ts --param n=3 --shard 2/2 --json-out part-2.json\n  $ probecheck merge part-1.json part-2.json --junit merged.xml\n\n${EXIT_HELP}`)
    .action((files: string[], o: Record<string, any>) => found({
      command: 'merge', files,
      output: { json: Boolean(o.json), quiet: Boolean(o.quiet), allowVacuous: Boolean(o.allowVacuous), ...(o.jsonOut !== undefined ? { jsonOut: o.jsonOut } : {}), ...(o.html !== undefined ? { html: o.html } : {}), ...(o.junit !== undefined ? { junit: o.junit } : {}) },
    }));

  program.command('profiles')
    .description('List the kernel profiles, one line each: its name (the release it stands for), the dd.c text it reads and what it models, in a few words. Named profiles, or --long, print in full: the snapshot of each kernel file it is anchored in (kernel/<snapshot>/), and every flag with its commit, first release and the source line that shows it.')
    .argument('[names...]', 'only these profiles, in full (default: all, one line each)')
    .option('-l, --long', 'print every profile in full (some 800 lines)')
    .option('--json', 'print the list as JSON (always in full)')
    .addHelpText('after', `\nExamples:\n  $ probecheck profiles\n  $ probecheck profiles v6.12 mainline\n  $ probecheck profiles --long\n  $ probecheck profiles --json`)
    .action((names: string[], o: Record<string, any>) => found({ command: 'profiles', json: Boolean(o.json), long: Boolean(o.long), names }));

  program.command('source')
    .description("Print a kernel function's C at a profile's snapshot, line by line, beside the steps that model each line (and the lines that lock, wait, schedule, or test or write modelled state).")
    .argument('<function>', 'a modelled kernel function, e.g. __driver_attach')
    .option('--profile <name>', 'kernel profile', 'mainline')
    .option('--json', 'print the view as JSON')
    .addHelpText('after', `\nExamples:\n  $ probecheck source __driver_attach --profile v5.1\n  $ probecheck source device_driver_attach --profile mainline --json`)
    .action((fn: string, o: Record<string, any>) => found({ command: 'source', fn, profile: String(o.profile), json: Boolean(o.json) }));
  program.command('steps')
    .description("List every step a profile builds, the hook points a patch names (function:label): where, since, the C lines it models, and what it reads, writes, locks and waits for. They are recorded by exploring the catalogue scenarios that enter every modelled path, the late initcall's and device_shutdown's among them where the profile builds those (seeded random walks, the same every run, until --max-states distinct states, a tenth of that in the late initcall's and device_shutdown's, or 200 walks in a row find none new: the states the output counts are their sum). reads: the state fields the step's guard or body read in a recorded state where it was reached; writes: the fields it changed in a recorded transition; locks: the lock fields it took or released; waits: what it was blocked on. Fields are named without their index (dev[].mutex: some device's mutex).")
    .option('--profile <name>', 'kernel profile (default: mainline, or with --patch the base your patch file names)')
    .option('--function <name>', 'only the steps of this kernel function')
    .option('--patch <file>', 'list the steps with the patches a file exports applied (repeatable): where your hunks went and what they read, write, lock and wait for', collect)
    .option('--scenario <file>', "instead of the catalogue, the steps your scenario's start runs of its own: boot's probes that add stateless links (their device_link_add) and the load of modules loaded at the start (default profile: the scenario's)")
    .option('--param <k=v>', "with --scenario, a scenario parameter (repeatable), as check's: what its vary reads (profile=P is --profile, patches=IDS adds to --patch)", collect)
    .option('--max-states <n>', 'states to explore when recording in the main catalogue scenario (a tenth of it in each other one)', intArg('--max-states', 1), 3000)
    .option('--json', 'print the catalogue as JSON')
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository)\n  $ probecheck steps --profile v5.1 --function __driver_attach\n  $ probecheck steps --profile mainline --json\n  $ probecheck steps --profile v5.9 --function __driver_attach --patch models/patches/async-driver-kept.ts\n  $ probecheck steps --scenario models/rmmod-unbind.ts --function do_init_module\n  $ probecheck steps --scenario models/supplier-two-releasers.ts --param bus=usb --function __driver_attach`)
    .action((o: Record<string, any>) => {
      // --param: the scenario's parameters, parsed as check's (s46 h10: a vary reading one could not be listed at the value checked).
      const given = params(o, 'param', '--param');
      if (Object.keys(given).length && o.scenario === undefined) throw usage(`--param ${Object.keys(given)[0]}: a scenario parameter, for --scenario FILE (the catalogue has none: --profile and --patch choose it)`);
      const { profile: pp, patches: _, ...rest } = given;
      if (pp !== undefined && o.profile !== undefined && pp !== String(o.profile)) throw usage(`--param profile=${pp} and --profile ${o.profile}: give the profile once`);
      const profile = o.profile ?? pp, patches = withPatches(given.patches ? { patches: given.patches } : {}, o.patch, o.scenario !== undefined ? '--param patches=' : null).patches;
      found({ command: 'steps', ...(profile !== undefined ? { profile: String(profile) } : {}), json: Boolean(o.json), maxStates: o.maxStates, ...(o.function !== undefined ? { fn: String(o.function) } : {}), ...(patches ? { patches } : {}), ...(o.scenario !== undefined ? { scenario: String(o.scenario) } : {}), ...(Object.keys(rest).length ? { params: rest } : {}) });
    });
  logCommands(program, found);
  return program;
}

/** validate and from-log: a kernel log against a scenario, and a scenario from a log (src/logs/). */
function logCommands(program: Command, found: (inv: Invocation) => void): void {
  program.command('validate')
    .description("Is the order of driver-core events in a kernel log a behaviour of the scenario? Searches the model's interleavings constrained by the log (steps that print nothing the log records are free) and prints a run that prints every checked line in order, or the first line no run can print there, with what the model could print instead.")
    .argument('<scenario>', 'scenario file')
    .requiredOption('--log <file>', 'kernel log: dmesg (with or without timestamps and caller ids), journalctl -k, or a serial console')
    .option('--param <k=v>', 'scenario parameter (repeatable), e.g. --param profile=v4.2', collect)
    .option('--excerpt', 'the log is a piece of a run (a bug report\'s excerpt): the run may begin before its first line')
    .option('--max-states <n>', 'stop after this many (state, log position) pairs (exit 3)', intArg('--max-states', 1))
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository; "# exit N": the status it ends with)\n  $ probecheck validate models/tegra-host1x.ts --param profile=v4.2 --log models/logs/tegra-host1x-synthetic.log\n  $ probecheck validate models/deferred-probe.ts --param profile=v4.2 --log models/logs/swapped.log   # exit 1\n\nExit status:\n  0  the log is a behaviour of the model\n  1  it is not: the first line no run can print is named\n  2  usage error, an unreadable log (E503), a bad scenario\n  3  the state limit stopped the search before an answer\n  5  nothing to check: the log has no line the model prints`)
    .action((file: string, o: Record<string, any>) => found({ command: 'validate', file, log: String(o.log), params: params(o, 'param', '--param'), json: Boolean(o.json), excerpt: Boolean(o.excerpt), ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}) }));
  program.command('from-log')
    .description('Write a scenario from a kernel log: the devices and parents seen, the drivers and the devices they probed, probe outcomes (deferred, bound, error), sync or async, module loads. Edit it, then check it to explore every other timing of that boot.')
    .argument('<log>', 'kernel log file')
    .option('--profile <name>', 'kernel profile of the scenario (default: from the "Linux version" line, else the newest whose dd.c prints the log\'s lines in their form)')
    .option('-o, --output <file>', 'write the scenario to this file (default: stdout)')
    .addHelpText('after', `\nExamples:\n  (run from a clone of the repository)\n  $ probecheck from-log models/logs/ti-sysc-deferred.log\n  $ probecheck from-log models/logs/tegra-host1x-synthetic.log --profile v4.2`)
    .action((log: string, o: Record<string, any>) => found({ command: 'from-log', log, ...(o.profile !== undefined ? { profile: String(o.profile) } : {}), ...(o.output !== undefined ? { out: String(o.output) } : {}) }));
}

/**
 * Commander's message as one readable line: `unknown option '--parm'\n(Did you mean --param?)`
 * becomes `unknown option '--parm' (did you mean --param?)`.
 */
export function commanderMessage(m: string): string {
  return m.replace(/^error: /, '').replace(/\s*\n\s*\(Did you mean /g, ' (did you mean ').replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * What a newcomer's two likely slips need beside commander's message: a command it has no
 * suggestion for gets the list of commands (`properties` also where they are listed), and
 * `--profile` on a command that takes the profile as a parameter says how to give it.
 */
function hint(program: Command, code: string, message: string, argv: readonly string[]): string {
  if (code === 'commander.unknownCommand' && !message.includes('Did you mean')) {
    const where = /^propert(y|ies)$/.test(argv[0] ?? '') ? '; the library\'s properties are listed in docs/scenarios.md#properties' : '';
    return `; commands: ${program.commands.map((c) => c.name()).join(', ')}${where} (see probecheck --help)`;
  }
  // Only where the option refused is --profile: beside another unknown one it read as that one's explanation.
  const cmd = program.commands.find((c) => c.name() === argv[0]);
  if (code === 'commander.unknownOption' && cmd?.options.some((o) => o.long === '--param') && /^error: unknown option '--profile(=[^']*)?'/.test(message)) {
    return ` (${argv[0]} takes the kernel profile as a parameter: --param profile=NAME)`;
  }
  return '';
}

/**
 * argv (without node and the script) → what to do. Help and --version come back as text;
 * every usage error is an E501 naming the argument.
 */
export function parseArgv(argv: readonly string[]): Invocation {
  let inv: Invocation | undefined;
  let text = '';
  const program = buildProgram((i) => { inv = i; });
  const quiet = { writeOut: (s: string) => { text += s; }, writeErr: (s: string) => { text += s; }, outputError: () => {} };
  const configure = (c: Command) => { c.exitOverride().configureOutput(quiet); c.commands.forEach(configure); };
  configure(program);
  if (argv.length === 0) return { command: 'help', text: program.helpInformation(), exit: 0 };
  // commander answers `help NAME` of a command it lacks with the general help and exit 0.
  if (argv[0] === 'help' && argv[1] !== undefined && !argv[1].startsWith('-') && !program.commands.some((c) => c.name() === argv[1])) {
    throw usage(`unknown command '${argv[1]}'; commands: ${program.commands.map((c) => c.name()).join(', ')} (see probecheck --help)`);
  }
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return { command: 'help', text, exit: 0 };
      throw usage(commanderMessage(e.message) + hint(program, e.code, e.message, argv));
    }
    throw e;
  }
  if (!inv) throw usage(`unknown command '${argv[0]}'; commands: check, simulate, replay, diff, merge, profiles, source, steps, validate, from-log (see probecheck --help)`);
  return inv;
}
