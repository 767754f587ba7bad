/**
 * The checker: one call that compiles a model, picks a backend and a strategy, runs it, and
 * returns plain-data results with a rebuilt, replayable trace for every violated property.
 */
import { compile, type Compiled } from './compile.js';
import { didYouMean, ModelError, ProbecheckError } from './errors.js';
import type { Liveness, Model, Property } from './model.js';
import { isLiveness, judgeConditional } from './compile.js';
import { analyze, predicatesOf, type LivenessFinding } from './liveness.js';
import { Graph } from './search/graph.js';
import type { BackendName, CoverageEntry, IdleAction, PropertyResult, Result, Strategy, Vacuity, VacuousProperty } from './result.js';
import { explore, FOUND_BEFORE, REACHED_BY } from './search/explore.js';
import { parallelExplore, type ModelSource, type ParallelOutcome } from './search/parallel.js';
import { explorePor } from './reduce/por.js';
import { Monitor, propertyThrew, waitingIn } from './search/monitor.js';
import { simulate } from './search/simulate.js';
import type { WorkerFaults } from './search/parallel-protocol.js';
import type { Limits, Progress } from './search/types.js';
import type { Backend } from './state/backend.js';
import { FastBackend } from './state/fast.js';
import { ReferenceBackend } from './state/reference.js';
import { mayStop, rebuild, starvedIn, type Trace } from './trace.js';
import { markPatchSteps } from './patch-marks.js';
import { symmetryFor } from './reduce/use-symmetry.js';
import { isPart } from './search/shard.js';

export interface CheckOptions extends Limits {
  strategy?: Strategy;
  backend?: BackendName;
  /** Names of the properties to check (default: all of the model's). */
  properties?: readonly string[];
  /**
   * Of `properties`, those the user named (default: all of them): diff checks both sides'
   * default choices by name, and a model judges a property it chose less than one named (Model.selected).
   */
  named?: readonly string[];
  /** Explore everything even once every property is violated (for golden state counts). */
  exhaustive?: boolean;
  /**
   * Random simulation: seed, number of walks (default 1000, or as many as the time limit allows
   * when there is one) and their length.
   */
  seed?: number;
  runs?: number;
  walkDepth?: number;
  onProgress?: (p: Progress) => void;
  /** Symmetry reduction over the model's interchangeable elements (reduce/symmetry.ts), where it applies. */
  symmetry?: boolean;
  /** First verify the model's symmetry on every reachable state (reduce/symmetry-check.ts); a failure turns the reduction off and is reported. */
  checkSymmetry?: boolean;
  /**
   * Partial-order reduction (reduce/por.ts) for invariants, action properties and deadlock.
   * Liveness properties and random simulation run unreduced (Result.por says why).
   */
  por?: boolean;
  /**
   * Worker threads for BFS (default 1). More need `source`, so that each worker can build the
   * model again; liveness, DFS, random walks and the reference backend run on one.
   */
  workers?: number;
  source?: ModelSource;
  /** Internal (tests): hand over to the workers from this many states (default 20,000; 0: at once). */
  parallelFrom?: number;
  /** Internal (tests): log2 of the parallel search's first table size in slots (default 20). */
  parallelTableBits?: number;
  /** Internal (tests): faults injected into the parallel search's workers, and how long a phase may stall (default 60 s). */
  parallelFaults?: WorkerFaults;
  parallelStallSeconds?: number;
}

/** Below this many states a search stays on one thread (the workers take longer to start). */
export const PARALLEL_FROM = 20_000;

export function makeBackend(m: Model | Compiled, name: BackendName = 'fast'): Backend {
  return name === 'reference' ? new ReferenceBackend(m) : new FastBackend(m);
}

/** Can a search of this model check the property named so (built or optional)? */
export function hasProperty(model: Model, name: string): boolean {
  return (model.properties ?? []).some((p) => p.name === name) || Object.hasOwn(model.optional ?? {}, name);
}

/** The model's properties, restricted to `names` (E301 for a name it does not have; an optional one is built). */
export function selectProperties(model: Model, names?: readonly string[], named: readonly string[] = names ?? []): Property[] {
  const all = model.properties ?? [];
  if (!names || names.length === 0) { model.selected?.(all.map((p) => p.name)); return all; }
  const picked = names.map((n) => {
    const p = all.find((x) => x.name === n) ?? (Object.hasOwn(model.optional ?? {}, n) ? model.optional![n]!() : undefined);
    if (!p) {
      const own = all.map((x) => x.name), optional = Object.keys(model.optional ?? {});
      const near = didYouMean(n, [...own, ...optional]);
      const why = model.unknownProperty?.(n);
      const head = why ? `model ${model.name}: ${why.says}` : `model ${model.name} has no property '${n}'`;
      throw new ProbecheckError('E301', `${head}${near !== undefined ? `; did you mean '${near}'?` : ''}${why?.hint ? `; ${why.hint}` : ''}; known: ${own.join(', ') || '(none)'}${optional.length ? `; also checked when named: ${optional.join(', ')}` : ''}`);
    }
    return p;
  });
  model.selected?.(names, named);
  return picked;
}

/** Options that do not go together, in words (E501), or undefined. `live`: the liveness properties the search records a graph for. */
function refusedCombination(o: CheckOptions, strategy: Strategy, live: readonly Property[]): string | undefined {
  if (o.shard && strategy === 'dfs') return '--shard splits a breadth-first search or random walks; it cannot be used with --strategy dfs';
  if (o.shard && live.length) {
    // A reachability question (`sometimes`) is checked on the graph too, but it is no liveness
    // property; and --property is advice only where the properties were not named already (a
    // suite case names its own, and suites refuse --property: a CI hunt, 2026-12-05).
    const names = (ps: readonly Property[]) => ps.map((p) => p.name).join(', ');
    const reach = live.filter((p) => p.kind === 'sometimes'), liveness = live.filter((p) => p.kind !== 'sometimes');
    const what = [liveness.length ? `liveness propert${liveness.length > 1 ? 'ies' : 'y'} (${names(liveness)})` : '', reach.length ? `reachability question${reach.length > 1 ? 's' : ''} (${names(reach)})` : ''].filter(Boolean).join(' and ');
    const them = live.length > 1 ? 'them' : 'it';
    return `--shard: ${what} ${live.length > 1 ? 'are' : 'is'} decided on the whole state graph, which a shard does not have; check ${them} without --shard${o.properties?.length ? '' : ', or name the other properties with --property'}`;
  }
  if (o.shard && o.por) return '--shard and --por cannot be combined: a reduced search is not split into parts';
  return undefined;
}

export function check(model: Model, o: CheckOptions = {}): Result {
  const c = compile(model);
  const props = selectProperties(model, o.properties, o.named);
  const strategy = o.strategy ?? 'bfs';
  const be = makeBackend(c, o.backend);
  const live = props.filter(isLiveness);
  const safety = props.filter((p) => !isLiveness(p));
  let monitor = new Monitor(c, safety);
  const graph = live.length > 0 && strategy !== 'random' ? new Graph(live.flatMap(predicatesOf), c.partlyFair) : undefined;
  const refused = refusedCombination(o, strategy, graph ? live : []);
  if (refused) throw new ProbecheckError('E501', refused);
  // Random walks: each shard walks with its own seed (seed + i - 1).
  const seed = (o.seed ?? 1) + (o.shard && strategy === 'random' ? o.shard.index - 1 : 0);
  // --check-symmetry searches the model first: within the run's --time-limit and Ctrl-C (a hunt,
  // 2026-12-05: it ran to its own bound, minutes past a --time-limit of 12 s); the search has what is left.
  const t0 = performance.now();
  const stop = () => (o.timeLimit !== undefined && performance.now() - t0 > o.timeLimit * 1000) || o.signal?.aborted === true || (o.interrupt !== undefined && Atomics.load(o.interrupt, 0) !== 0);
  const sym = symmetryFor(c, o.symmetry, strategy, graph !== undefined, o.checkSymmetry ? { maxStates: o.maxStates, stop } : undefined, props);
  const askedLimit = o.timeLimit, checkSeconds = (performance.now() - t0) / 1000;
  if (o.checkSymmetry && askedLimit !== undefined) o = { ...o, timeLimit: Math.max(0.001, askedLimit - checkSeconds) };
  if (sym.fingerprinter) be.fingerprinter = sym.fingerprinter;
  if (sym.start) {
    // Only the first branches of the model's symmetric choice (use-symmetry.ts); this compile is this check's own.
    const cs = c.threadByName.get(sym.start.thread)?.steps.find((x) => x.label === sym.start!.label);
    // As a count the step gives (nb -1), so that one left is still a choice a trace names (`#c1, c2, c3 (as declared)`).
    if (cs) { cs.nb = -1; cs.step = { ...cs.step, branches: sym.start.first }; }
  }
  // --por with symmetry: what the properties read is closed under the permutations (sym.close), so
  // a property of your own that reads c3 before c1 and c2 makes all three visible (a CI hunt,
  // 2026-12-05, found that violation missed before: the two were not combined until the closure).
  const reduce = o.por === true && strategy !== 'random' && live.length === 0;
  let por: Result['por'];
  // The parallel search (search/parallel.ts) rebuilds the model in each worker, with the symmetry's
  // fingerprints where it applies.
  const workers = o.workers ?? 1;
  const alone = workers <= 1 ? undefined : strategy !== 'bfs' ? `${strategy} runs on one thread`
    : graph ? 'liveness (the state graph) runs on one thread' : be.name !== 'fast' ? 'the reference backend runs on one thread'
      : reduce ? 'partial-order reduction runs on one thread'
        : o.shard ? 'a shard runs on one thread' : !o.source ? 'a model given as an object (no file to rebuild it from) runs on one thread' : undefined;
  let out: ParallelOutcome;
  if (reduce) {
    const r = withPath(be, () => explorePor(be, c, () => new Monitor(c, safety), strategy as 'bfs' | 'dfs', o, o.onProgress, sym.close));
    out = { ...r.out, workers: 1 }; monitor = r.monitor;
    // A search that expanded every state fully explored the whole graph: its BFS traces are shortest.
    por = { applied: true, reduced: (r.stats.ample ?? 0) > 0, ...r.stats, shortest: (r.stats.ample ?? 0) === 0 && strategy === 'bfs' };
  } else {
    if (o.por) por = { applied: false, reduced: false, why: strategy === 'random' ? 'random simulation is not reduced'
      : 'liveness properties are checked on the unreduced graph' };
    out = strategy === 'random'
      ? { ...simulate(be, monitor, { ...o, seed, runs: o.runs ?? (o.timeLimit !== undefined ? Infinity : 1000), walkDepth: o.walkDepth ?? o.maxDepth ?? 1000 }, o.onProgress), workers: 1 }
      : workers > 1 && !alone
        ? withPath(be, () => parallelExplore(be as FastBackend, monitor, o, o.onProgress, { workers, source: o.source!, parallelFrom: o.parallelFrom ?? PARALLEL_FROM, ...(o.parallelTableBits !== undefined ? { tableBits: o.parallelTableBits } : {}), ...(o.parallelFaults ? { faults: o.parallelFaults } : {}), ...(o.parallelStallSeconds !== undefined ? { stallSeconds: o.parallelStallSeconds } : {}) }))
        : { ...withPath(be, () => explore(be, monitor, strategy, o, o.onProgress, graph)), workers: 1 };
  }
  if (alone) out.workersNote = alone;
  if (o.checkSymmetry && out.stopped === 'time-limit') out.stopNote = `the ${askedLimit} s time limit reached (the symmetry check took ${checkSeconds.toFixed(1)} s of it)`;
  const coverage = coverageOf(c, be.coverage);
  const t1 = performance.now();
  // A conditional strongly fair step (StepDef.strongUnless) is judged on the whole graph, before it is read.
  if (graph && out.complete) judgeConditional(c, graph.fair, graph.edges);
  const findings = graph && out.complete ? analyze(c, graph, out.store!, live) : [];
  const livenessSeconds = (performance.now() - t1) / 1000;

  const properties: PropertyResult[] = props.map((p) => {
    const r: PropertyResult = { name: p.name, kind: p.kind, verdict: 'unknown' };
    if (p.description) r.description = p.description;
    if (isLiveness(p)) {
      const f = findings.find((x) => x.name === p.name);
      if (f) livenessResult(be, p, f, r);
      return r;
    }
    const f = monitor.found.get(p.name);
    if (f) {
      r.verdict = 'violated';
      if (f.explanation) r.explanation = markPatchSteps(be.c, f.explanation);
      if (f.waiters) r.waiters = f.waiters;
      const codes = out.store ? out.store.path(f.at) : out.paths!.get(p.name)!;
      if (out.store && f.lastAction !== undefined) codes.push(f.lastAction);
      r.trace = rebuild(be, codes);
      if (p.kind !== 'deadlock') { const w = waitingIn(be); if (w.length) r.waiting = w; }
    } else if (out.complete) {
      r.verdict = 'holds';
      if ((p.kind === 'invariant' || p.kind === 'action') && p.premise && !monitor.premiseMet.has(p.name)) r.vacuous = true;
    }
    return r;
  });

  const result: Result = {
    model: model.name, params: model.params ?? {}, backend: be.name, strategy,
    complete: out.complete, states: out.states, transitions: out.transitions, depth: out.depth,
    seconds: out.seconds + livenessSeconds, statesPerSecond: out.seconds > 0 ? out.states / out.seconds : out.states,
    bytesPerState: out.bytesPerState, collisionProbability: out.collisionProbability,
    properties, coverage: coverage.entries, neverFired: coverage.never, unenteredSteps: coverage.unentered,
    ...(Object.keys(coverage.cannot).length ? { cannotFire: coverage.cannot } : {}),
  };
  if (sym.result) {
    result.symmetry = sym.result.applied ? { ...sym.result, elements: (model.symmetry ?? []).map((cl) => cl.elements.map((e) => ({ name: e.name, threads: [...e.threads] }))) } : sym.result;
    // A tied thread's step may have fired only in a permuted run: not news.
    if (sym.result.applied) result.neverFired = result.neverFired.filter((x) => !sym.tied!.has(x.slice(0, x.indexOf(': '))));
  }
  if (out.complete) result.vacuity = vacuity(c, be.coverage, props, properties, out.states);
  if (out.stopped) result.stopped = out.stopped;
  if (out.stopNote) result.stopNote = out.stopNote;
  // Not for random walks, which store no states; the model's count is of what this search took (s45 h14:
  // "720 start orders ... are each searched" where symmetry had left one).
  if (out.stopped && out.stopped !== 'all-violated' && out.stopped !== 'walks-done' && strategy !== 'random' && model.fewerStates) {
    const fewer = model.fewerStates(sym.fingerprinter !== undefined || sym.start !== undefined);
    if (fewer) result.fewerStates = fewer;
  }
  if (out.walks) result.walks = out.walks;
  if (model.loadSteps) result.loadSteps = model.loadSteps;
  if (strategy === 'random') result.seed = seed;
  if (o.shard) result.shard = out.shard ?? { ...o.shard };
  if (por) result.por = por;
  result.shortest = strategy === 'bfs' && !por?.reduced;
  // A shard's BFS is shortest in its part only; symmetry on the user's word only for a property
  // that treats the devices alike (a parallel hunt, 2026-12-05: both were called shortest).
  // (Symmetry's reason first: it holds for the whole search, where a merge drops a shard's.)
  if (result.shortest && sym.result?.applied && sym.result.note?.startsWith('as asked')) { result.shortest = false; result.shortestWhy = 'symmetry applied on your word, where your property may tell the devices apart'; }
  else if (result.shortest && result.shard?.level !== undefined) { result.shortest = false; result.shortestWhy = `shard ${result.shard.index}/${result.shard.count}, one part of the search`; }
  result.workers = out.workers;
  if (out.workersNote) result.workersNote = out.workersNote;
  if (model.notes?.length) result.notes = [...model.notes];
  // What the search took that the model says (a redirect through a library insert: emit.ts), from
  // this model and the workers', in a fixed order: which worker took it first varies.
  const taken = [...new Set([...(model.searchNotes?.() ?? []), ...(out.searchNotes ?? [])])].sort().filter((n) => !result.notes?.includes(n));
  if (taken.length) result.notes = [...(result.notes ?? []), ...taken];
  // Every state visited (no reduction, one thread: the workers' models read apart): what a patch's tests never saw change.
  const everyRead = out.complete && !por?.applied && !sym.result?.applied && out.workers === 1;
  // (--shard 1/1 is the whole search: check says its patch notes, as unsharded.)
  if (everyRead && model.constantReads && !isPart(o.shard)) {
    const cr = model.constantReads();
    if (cr.length) result.constantReads = cr;
  }
  // A shard's reads are its part's: merge joins every part's (patch-reads.ts). Null where they are
  // not every read of the part, so merge tells such a part from one written before they were kept.
  if (model.patchReads && o.shard) result.patchReads = everyRead ? model.patchReads() : null;
  // The patch steps a thread stood at need less: a state where some thread stands at the step.
  // The reductions keep one wherever the full graph has one (a hunt, 2026-12-06: --por and 2
  // workers left them out, and a patch whose wait blocks for ever read `never fires`, credited,
  // exit 0, where the unreduced search said uncredited, exit 5). Under --por the step that
  // brings the thread there fires in the reduced graph as in the full one (the reordering that
  // keeps a violation: the first step of the persistent set in a run to it goes to the front;
  // C3 sees to progress), and every thread's guard is asked at every state expanded
  // (Reducer.expand); under symmetry a permuted run puts another thread at the same fn:label.
  // With workers, each worker's model asked the guards of the states it expanded: theirs are
  // merged with this model's (the levels before the hand-over). A stand at an idle step is idle
  // only where the replaced step's own wait fails (emit.ts userStep: process_one_work, no work
  // queued); one where it passes is kept too: where the patched step never fires the worker
  // never leaves it, only it clears deferredWorkQueued, so every state after the step that
  // queued the work (which fires under --por as without) has the worker standing there with work.
  // (A review, 2026-12-06, h9: a state that --por skips could not turn a blocked stand idle.)
  // A shard's are its part's: `probecheck merge` joins the parts' as the workers' are joined here
  // (every state of the whole search is some part's), and judges the patch's credit on them.
  if (out.complete && model.reachedPatchSteps) {
    // Given even when empty: "no thread stood at any step of the patch" is what it says then.
    result.reachedPatchSteps = mergeReached(model.reachedPatchSteps(), out.reached ?? []);
  }
  return result;
}

/** Stood-at patch steps of several read logs: idle only where every log's stand there was idle. */
export function mergeReached(...lists: { patch: string; step: string; idle?: true }[][]): { patch: string; step: string; idle?: true }[] {
  const m = new Map<string, { patch: string; step: string; idle?: true }>();
  for (const r of lists.flat()) {
    const key = `${r.patch}\0${r.step}`, had = m.get(key);
    if (!had || (had.idle && !r.idle)) m.set(key, r);
  }
  return [...m.values()];
}

/**
 * After a complete search: the actions no run completed, and the verdicts about nothing, which
 * become `vacuous` (a premise never met; or the search saw only the initial state, so nothing
 * any property says was ever put to the test).
 */
function vacuity(c: Compiled, counts: Float64Array, props: Property[], results: PropertyResult[], states: number): Vacuity {
  const actions: IdleAction[] = [];
  for (const th of c.threads) {
    (th.def.actions ?? []).forEach((a, index) => {
      const ids = a.done.map((l) => {
        const pc = th.pcOf.get(l);
        if (pc === undefined) throw new ModelError('E103', `thread '${th.name}': action '${a.name}' completes at step '${l}', which the thread does not have`);
        return th.steps[pc - 1]!.id;
      });
      if (!a.optional && ids.every((id) => counts[id] === 0)) actions.push({ thread: th.name, action: a.name, index });
    });
  }
  const vac: VacuousProperty[] = [];
  results.forEach((r, i) => {
    if (r.verdict === 'violated' || r.verdict === 'unknown') return;
    const p = props[i]!;
    const text = p.kind === 'deadlock' ? undefined : p.premiseText;
    let v: VacuousProperty | undefined;
    if (states <= 1) v = { name: r.name, reason: 'initial-state' };
    else if (r.vacuous) v = { name: r.name, reason: 'premise' };
    if (!v) return;
    if (text && v.reason === 'premise') v.premise = text;
    vac.push(v);
    r.verdict = 'vacuous';
    r.vacuous = true;
    delete r.witness;
  });
  return { actions, properties: vac };
}

function livenessResult(be: Backend, p: Liveness, f: LivenessFinding, r: PropertyResult): void {
  r.verdict = f.verdict;
  if (f.vacuous) r.vacuous = true;
  if (f.witness) r.witness = rebuild(be, f.witness);
  if (f.prefix) {
    rebuild(be, f.prefix);
    if (p.explain) try { r.explanation = markPatchSteps(be.c, p.explain(be.curG(), be.curQ(), f.cycle!.length === 0)); } catch (e) { throw propertyThrew(p, e); }
    else r.explanation = f.cycle!.length === 0 ? 'the run stops here for good' : 'the run loops from here forever';
    r.trace = { ...rebuild(be, [...f.prefix, ...f.cycle!]), loopFrom: f.prefix.length };
    const starved = starvedIn(be, [...f.prefix, ...f.cycle!], f.prefix.length);
    if (starved.length) r.trace.starved = starved;
    if (f.cycle!.length === 0) {
      // A run that stops for good with threads blocked (a deadlock no-deadlock also reports): say who waits on what.
      const w = waitingIn(be);
      if (w.length) r.waiting = w;
      // And who could move but stops, being unfair there.
      const stop = mayStop(be);
      if (stop.length) r.trace.mayStop = stop;
    }
  }
}

/**
 * A model's error in a search names the state it broke in: the moves that reach it, as traces
 * name them (a spawn with every instance busy, E204, is otherwise hard to place).
 */
function withPath<T>(be: Backend, search: () => T): T {
  try { return search(); } catch (e) {
    if (e instanceof ProbecheckError && e.code === 'E201') glossField(be, e);
    const codes = e instanceof ProbecheckError ? REACHED_BY.get(e) : undefined;
    if (!codes) throw e;
    const list = (cs: number[]) => rebuild(be, cs).steps.map((t, i) => `  ${i + 1}. ${t.thread}: ${t.label}${t.branch !== undefined ? ` #${t.branchName ?? t.branch}` : ''}`);
    let moves: string[];
    try { moves = list(codes); } catch { throw e; }
    const x = e as ProbecheckError;
    x.detail = codes.length ? [`reached by ${codes.length} move${codes.length === 1 ? '' : 's'} from the initial state:`, ...moves] : ['in the initial state (no move before it)'];
    // What the search had found before the error: violations are not lost to it (their moves only).
    for (const f of FOUND_BEFORE.get(x) ?? []) {
      try { x.detail.push(`before it, ${f.name} was found violated, by ${f.codes.length} move${f.codes.length === 1 ? '' : 's'}:`, ...list(f.codes)); } catch { /* its moves do not replay: left out */ }
    }
    throw x;
  }
}

/** An E201 on a state field: what the field counts, where the model says (Model.fieldMeaning). */
function glossField(be: Backend, e: ProbecheckError): void {
  const path = /state field (\S+) was set to /.exec(e.message)?.[1];
  const says = path === undefined ? undefined : be.c.model.fieldMeaning?.(path);
  if (says) e.message += ` (that is ${says})`;
}

/** The part of a label before its last `:`: the kernel function block a step belongs to. */
function blockOf(label: string): string {
  const i = label.lastIndexOf(':');
  return i >= 0 ? label.slice(0, i) : '';
}

/**
 * Coverage, and which unfired steps are news. A step that never fired is news only when the
 * search entered its block in its thread (another step of the block fired) and no other
 * instance of its program fired it; the rest belong to paths the scenario never takes. One whose
 * step says it `cannot` fire, as built, is counted by that reason instead.
 */
function coverageOf(c: Compiled, counts: Float64Array): { entries: CoverageEntry[]; never: string[]; unentered: number; cannot: Record<string, number> } {
  const entries = c.steps.map(({ thread, s }) => ({ thread: thread.name, program: thread.program, label: s.label, where: s.step.where, fired: counts[s.id]! }));
  const entered = new Set<string>(), firedInProgram = new Set<string>();
  for (const e of entries) if (e.fired > 0) { entered.add(`${e.thread}\0${blockOf(e.label)}`); firedInProgram.add(`${e.program}\0${e.label}`); }
  const never: string[] = [], cannot: Record<string, number> = {};
  let unentered = 0;
  for (const [i, e] of entries.entries()) {
    if (e.fired > 0 || firedInProgram.has(`${e.program}\0${e.label}`)) continue;
    // A step no run can reach, as built, is no unexplored branch (a hunt, s39 h3: an async driver's
    // __driver_attach sync branch read as news beside every trace).
    const why = c.steps[i]!.s.step.cannot;
    if (!entered.has(`${e.thread}\0${blockOf(e.label)}`)) unentered++;
    else if (why !== undefined) cannot[why] = (cannot[why] ?? 0) + 1;
    else never.push(`${e.thread}: ${e.label} (${e.where})`);
  }
  return { entries, never, unentered, cannot };
}

export type { Trace };
