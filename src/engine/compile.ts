/**
 * Compiling a model: validate its shape and fix the layout both backends share.
 *
 * The full state is one record: the model's globals `g`, then per thread k a record `tk` holding
 * its program counter `pc` (0 = not running, i+1 = at the i-th label; one byte, two for a thread
 * of more than 255 steps) and its locals `l`.
 * Labels are resolved to indices once here, so a step's returned label costs one lookup.
 */
import { didYouMean, ModelError } from './errors.js';
import type { Liveness, Model, Property, Step, ThreadDef } from './model.js';
import { sizeOf, t, wideInt, type Fields, type RecordT } from './schema.js';

/** The keys a step may have (model.ts Step); words for a guard that mean `await`. */
const STEP_KEYS = new Set(['where', 'since', 'source', 'patch', 'sourceIdle', 'runs', 'merges', 'idleWhen', 'await', 'branches', 'branchNames', 'run', 'idle', 'waits', 'strong', 'strongUnless', 'weakNote', 'cannot']);
const GUARD_WORDS: ReadonlySet<string> = new Set(['enabled', 'guard', 'when', 'if', 'cond', 'condition', 'wait', 'awaits']);
/** The step key an unknown one means: `await` for a guard's other names, else the nearest (or none). */
export function stepKeyMeant(key: string, known: readonly string[]): string | undefined {
  return GUARD_WORDS.has(key) ? 'await' : didYouMean(key, [...known]);
}

/**
 * A run that only turns another's labels into the thread's (the kernel's steps return their
 * function's local labels: emit.ts `resolving`): `raw` is that other run; `fixed` gives a label's
 * global name where it does not depend on the state (undefined where it does), `unfixed` the one it
 * has in the given state. The fast backend calls raw itself and keeps the last two labels' pcs, so a
 * move costs one call, not two (the wrapper was 3% of a host-children search). Kept on the run
 * function itself: a step whose run is wrapped again (a copy with a run of its own) is not affected.
 * (A property, not a WeakMap keyed by the run: a kernel build makes hundreds of runs, and the
 * WeakMap's entries made every young-generation GC slow: 25 -> 15 ms of CPU a catalogue build.)
 */
export interface LocalRun {
  raw: Step['run'];
  fixed: (r: string | null) => string | null | undefined;
  unfixed: (r: string | null, s: any, t: any) => string | null;
}
const LOCAL_RUN = Symbol('localRun');
/** Mark `run` as a LocalRun wrapper. */
export function setLocalRun(run: Step['run'], local: LocalRun): void {
  (run as { [LOCAL_RUN]?: LocalRun })[LOCAL_RUN] = local;
}
/** What setLocalRun kept on `run`, or null. */
export function localRunOf(run: Step['run']): LocalRun | null {
  return (run as { [LOCAL_RUN]?: LocalRun })[LOCAL_RUN] ?? null;
}

export interface CompiledStep {
  label: string;
  /** Global index of this step, for coverage counters. */
  id: number;
  step: Step;
  /** Fixed branch count, or -1 when `branches` is a function. */
  nb: number;
  /**
   * The step's run and await (null where it has none), copied here so that the search reads
   * them from objects of one shape: steps come in many shapes (kernel steps carry optional
   * fields), and a load from many shapes is a megamorphic lookup on every transition.
   */
  run: Step['run'];
  aw: NonNullable<Step['await']> | null;
  /** The label this step last returned and its pc: a step mostly goes to one place (fast.ts). */
  lastRet: string;
  lastPc: number;
  /**
   * Where `run` is a LocalRun's wrapper: that LocalRun (fast.ts calls raw), with a second label
   * kept (lastRet2, lastPc2) and the last label met whose global name depends on the state
   * (lastUnfixed: it goes straight to `unfixed`); else null.
   */
  local: LocalRun | null;
  lastRet2: string;
  lastPc2: number;
  lastUnfixed: string;
}

export interface CompiledThread {
  index: number;
  name: string;
  program: string;
  running: boolean;
  def: ThreadDef;
  steps: CompiledStep[];
  /**
   * label -> pc value (index + 1). A Map: labels are built strings, and an object keyed by
   * hundreds of them is a dictionary that looks each key up in V8's string table first.
   */
  pcOf: Map<string, number>;
  localsType: RecordT;
  /** Byte offsets in the flat layout. */
  pcOffset: number;
  /** The pc takes two bytes (little-endian): the thread has more than 255 steps. */
  pcWide: boolean;
  localsOffset: number;
  localsSize: number;
}

export interface Compiled {
  model: Model;
  /** The full state record: { g, t0: { pc, l }, t1: ... }. */
  full: RecordT;
  threads: CompiledThread[];
  threadByName: Map<string, CompiledThread>;
  steps: { thread: CompiledThread; s: CompiledStep }[];
  /** Bytes in the flat layout, and that rounded up to whole 32-bit words. */
  width: number;
  words: number;
  invariants: Extract<Property, { kind: 'invariant' }>[];
  actions: Extract<Property, { kind: 'action' }>[];
  deadlock: Extract<Property, { kind: 'deadlock' }> | undefined;
  liveness: Liveness[];
  /** Per thread: weakly fair? */
  fair: boolean[];
  /**
   * Per thread, where fairness depends on its pc (an unfair thread with `stopsAt`): 1 at the pc
   * values where it is weakly fair, 0 where it may stop; null where `fair` says it for every pc.
   */
  fairAt: (Uint8Array | null)[];
  /** Per thread, 1 at the pc values of its strongly fair steps (StepDef.strong); null where it has none. */
  strongAt: (Uint8Array | null)[];
  /**
   * The steps whose strong fairness a complete search judges (StepDef.strongUnless), and per thread
   * their index + 1 at their pc values (at most MAX_CONDS; past that, such a step is weakly fair).
   */
  conds: Step[];
  condAt: (Uint8Array | null)[];
  /**
   * Some thread's fairness depends on its pc: it stops somewhere, or has a strongly fair step (the
   * liveness graph then records per edge what the moving thread owes: EDGE_FAIR, EDGE_STRONG).
   */
  partlyFair: boolean;
}

const EMPTY = t.record({});
/** Steps per thread: the pc is two bytes at most (a kernel actor with eight adds has about 400). */
export const MAX_STEPS = 0xffff;
const KINDS = ['invariant', 'action', 'deadlock', 'eventually', 'leads-to', 'quiescent', 'sometimes'];

export function compile(model: Model): Compiled {
  if (!model || typeof model !== 'object') throw new ModelError('E101', 'the model is not an object');
  if (typeof model.name !== 'string' || !model.name) throw new ModelError('E101', 'the model has no name');
  if (!model.state || model.state.kind !== 'record') throw new ModelError('E102', `model ${model.name}: 'state' must be t.record({...})`);
  if (!Array.isArray(model.threads) || model.threads.length === 0) throw new ModelError('E101', `model ${model.name}: it has no threads`);
  if (model.threads.length > 255) throw new ModelError('E101', `model ${model.name}: ${model.threads.length} threads; at most 255`);

  const fields: Record<string, RecordT> = { g: model.state };
  const threads: CompiledThread[] = [];
  const threadByName = new Map<string, CompiledThread>();
  const steps: Compiled['steps'] = [];
  let offset = sizeOf(model.state);
  model.threads.forEach((def, index) => {
    const where = `model ${model.name}, thread #${index}`;
    if (!def || typeof def.name !== 'string' || !def.name) throw new ModelError('E103', `${where}: a thread needs a name`);
    if (threadByName.has(def.name)) throw new ModelError('E103', `${where}: two threads are named '${def.name}'`);
    const labels = def.steps ? Object.keys(def.steps) : [];
    if (labels.length === 0) throw new ModelError('E103', `thread '${def.name}' has no steps`);
    if (labels.length > MAX_STEPS) throw new ModelError('E103', `thread '${def.name}' has ${labels.length} steps; at most ${MAX_STEPS}`);
    const localsType = def.locals ?? EMPTY;
    if (localsType.kind !== 'record') throw new ModelError('E102', `thread '${def.name}': locals must be t.record({...})`);
    const pc = wideInt(Math.max(1, labels.length));
    const pcOf = new Map<string, number>();
    const cs: CompiledStep[] = labels.map((label, i) => {
      const step = def.steps[label]!;
      if (!step || typeof step.run !== 'function') throw new ModelError('E103', `step '${label}' of thread '${def.name}' has no run function`);
      if (typeof step.where !== 'string' || !step.where) throw new ModelError('E103', `step '${label}' of thread '${def.name}' does not say where it comes from ('where': 'file:function')`);
      // An unknown key is a typo, never ignored: `enabled:` for `await:` dropped the guard and the
      // search never ended (a hunt, 2026-12-05).
      for (const key of Object.keys(step)) {
        if (STEP_KEYS.has(key)) continue;
        const near = stepKeyMeant(key, [...STEP_KEYS]);
        throw new ModelError('E103', `step '${label}' of thread '${def.name}': unknown key '${key}'${near !== undefined ? `; did you mean '${near}'?` : ''} (a step has ${[...STEP_KEYS].join(', ')})`);
      }
      const b = step.branches;
      if (b !== undefined && typeof b !== 'function' && !(Number.isInteger(b) && b >= 1 && b <= 255)) {
        throw new ModelError('E103', `step '${label}' of thread '${def.name}': branches must be 1..255 or a function`);
      }
      // A name per branch, or traces name a branch by its number (a new user, 2026-12-05: names without branches were ignored).
      const names = step.branchNames;
      if (names !== undefined && typeof names !== 'function' && typeof b !== 'function' && names.length !== (b ?? 1)) {
        throw new ModelError('E103', `step '${label}' of thread '${def.name}': branchNames has ${names.length} name${names.length === 1 ? '' : 's'} for ${b ?? 1} branch${(b ?? 1) === 1 ? '' : 'es'}${b === undefined ? ' (no branches given)' : ''}`);
      }
      pcOf.set(label, i + 1);
      return { label, id: 0, step, nb: b === undefined ? 1 : typeof b === 'function' ? -1 : b, run: step.run, aw: step.await ?? null, lastRet: '', lastPc: 0,
        local: localRunOf(step.run), lastRet2: '', lastPc2: 0, lastUnfixed: '' };
    });
    const th: CompiledThread = {
      index, name: def.name, program: def.program ?? def.name, running: def.running !== false, def, steps: cs, pcOf,
      localsType, pcOffset: offset, pcWide: pc.max > 255, localsOffset: offset + sizeOf(pc), localsSize: sizeOf(localsType),
    };
    for (const s of cs) { s.id = steps.length; steps.push({ thread: th, s }); }
    offset += sizeOf(pc) + th.localsSize;
    fields[`t${index}`] = t.record({ pc, l: localsType });
    threads.push(th);
    threadByName.set(def.name, th);
  });

  const props = model.properties ?? [];
  const names = new Set<string>();
  for (const p of props) {
    if (!p || typeof p.name !== 'string' || !p.name) throw new ModelError('E101', `model ${model.name}: a property has no name`);
    if (names.has(p.name)) throw new ModelError('E101', `model ${model.name}: two properties are named '${p.name}'`);
    names.add(p.name);
    const kind: string = p.kind;
    if (!KINDS.includes(kind)) {
      throw new ModelError('E101', `property '${p.name}': unknown kind '${kind}' (known: ${KINDS.join(', ')})`);
    }
    if (p.kind === 'leads-to' ? !(typeof p.from === 'function' && typeof p.to === 'function')
      : p.kind === 'quiescent' ? typeof p.quiet !== 'function'
      : p.kind === 'deadlock' ? false
      : typeof p.holds !== 'function') {
      throw new ModelError('E101', `property '${p.name}' (${p.kind}) lacks its predicate (${p.kind === 'leads-to' ? 'from and to' : p.kind === 'quiescent' ? 'quiet' : 'holds'})`);
    }
  }
  const fairAt = threads.map((th) => {
    const stops = th.def.stopsAt;
    if (stops === undefined) return null;
    if (th.def.fair !== false) throw new ModelError('E103', `thread '${th.name}': stopsAt is for a thread that is not fair (fair: false)`);
    const at = new Uint8Array(th.steps.length + 1).fill(1);
    at[0] = 0;
    for (const l of stops) {
      const pc = th.pcOf.get(l);
      if (pc === undefined) throw new ModelError('E103', `thread '${th.name}': stopsAt names '${l}', which is not one of its steps`);
      at[pc] = 0;
    }
    return at;
  });
  const conds: Step[] = [];
  const condAt = threads.map((th) => {
    if (!th.steps.some((x) => x.step.strong && x.step.strongUnless)) return null;
    const at = new Uint8Array(th.steps.length + 1);
    th.steps.forEach((x, i) => { if (x.step.strong && x.step.strongUnless && conds.length < MAX_CONDS) at[i + 1] = conds.push(x.step); });
    return at;
  });
  const strongAt = threads.map((th, k) => {
    if (!th.steps.some((x) => x.step.strong)) return null;
    const at = new Uint8Array(th.steps.length + 1);
    th.steps.forEach((x, i) => { if (x.step.strong && (!x.step.strongUnless || condAt[k]?.[i + 1])) at[i + 1] = 1; });
    return at;
  });
  const full = t.record(fields as Fields);
  const width = sizeOf(full);
  return {
    model, full, threads, threadByName, steps, width, words: Math.max(1, Math.ceil(width / 4)),
    invariants: props.filter((p) => p.kind === 'invariant') as Compiled['invariants'],
    actions: props.filter((p) => p.kind === 'action') as Compiled['actions'],
    deadlock: props.find((p) => p.kind === 'deadlock') as Compiled['deadlock'],
    liveness: props.filter(isLiveness),
    fair: threads.map((th) => th.def.fair !== false),
    fairAt, strongAt, conds, condAt, partlyFair: fairAt.some((x) => x !== null) || strongAt.some((x) => x !== null),
  };
}

/** Is thread k weakly fair while at pc (compile's fairAt)? */
export function fairAtPc(c: Compiled, k: number, pc: number): boolean {
  const f = c.fairAt[k];
  return f ? f[pc] === 1 : c.fair[k]!;
}

/** The liveness graph's per-edge flags: the moving thread is weakly fair, strongly fair, where it moves from. */
export const EDGE_FAIR = 1, EDGE_STRONG = 2;

/** The flags' bits above EDGE_STRONG: the step's index + 1 in Compiled.conds, where the search judges its strong fairness. */
const COND_SHIFT = 2, MAX_CONDS = 0xff >> COND_SHIFT;

/** What thread k owes at pc: EDGE_FAIR if weakly fair, and EDGE_STRONG too if strongly fair. */
export function edgeFlags(c: Compiled, k: number, pc: number): number {
  if (!fairAtPc(c, k, pc)) return 0;
  return c.strongAt[k]?.[pc] === 1 ? EDGE_FAIR | EDGE_STRONG | ((c.condAt[k]?.[pc] ?? 0) << COND_SHIFT) : EDGE_FAIR;
}

/** The conditional steps (StepDef.strongUnless) a complete search judged, and how: true if strongly fair. */
const judged = new WeakMap<Step, boolean>();

/**
 * After a search that visited every state: a step whose strong fairness was conditional and whose
 * condition failed is weakly fair, so its edges owe no strong move (per edge flags).
 */
export function judgeConditional(c: Compiled, fair: Uint8Array | undefined, edges: number): void {
  if (!c.conds.length || !fair) return;
  const weak = c.conds.map((st) => { const w = st.strongUnless!(); judged.set(st, !w); return w; });
  if (!weak.some(Boolean)) return;
  for (let e = 0; e < edges; e++) {
    const i = fair[e]! >> COND_SHIFT;
    if (i > 0 && weak[i - 1]) fair[e] = fair[e]! & ~EDGE_STRONG;
  }
}

/** Does thread k at pc owe a strong move (a conditional step's only once a complete search judged it so)? */
export function strongAtPc(c: Compiled, k: number, pc: number): boolean {
  if ((edgeFlags(c, k, pc) & EDGE_STRONG) === 0) return false;
  const i = c.condAt[k]?.[pc] ?? 0;
  return i === 0 || judged.get(c.conds[i - 1]!) === true;
}

/** The label a step returned, as a pc value; throws the error the style guide asks for. */
export function resolveLabel(th: CompiledThread, from: CompiledStep, ret: string | null): number {
  if (ret === null) return 0;
  const pc = th.pcOf.get(ret);
  if (pc === undefined) {
    throw new ModelError('E202', `step '${from.label}' of ${th.program === th.name ? `thread '${th.name}'` : `${th.program} (thread '${th.name}')`} returned unknown label ${JSON.stringify(ret)}; known: ${th.steps.map((s) => s.label).join(', ')}`);
  }
  return pc;
}

/** Would spawnTarget succeed? */
export function canSpawn(c: Compiled, nameOrProgram: string, isRunning: (th: CompiledThread) => boolean): boolean {
  const th = c.threadByName.get(nameOrProgram);
  if (th) return !isRunning(th);
  return c.threads.some((x) => x.program === nameOrProgram && !isRunning(x));
}

/**
 * The thread a spawn names: itself if a thread has that name, else the first dormant thread of that
 * program. `pcOf` gives a thread's pc in the state being built (0: not running).
 */
export function spawnTarget(c: Compiled, nameOrProgram: string, pcOf: (th: CompiledThread) => number): CompiledThread {
  const th = c.threadByName.get(nameOrProgram);
  if (th) {
    if (pcOf(th) !== 0) throw new ModelError('E204', `spawn('${nameOrProgram}'): that thread is already running`);
    return th;
  }
  let any = false;
  for (const x of c.threads) {
    if (x.program !== nameOrProgram) continue;
    any = true;
    if (pcOf(x) === 0) return x;
  }
  if (!any) throw new ModelError('E204', `spawn('${nameOrProgram}'): no thread or program has that name; threads: ${c.threads.map((x) => x.name).join(', ')}`);
  const how = c.model.moreInstances?.(nameOrProgram) ?? 'declare more instances';
  // Where each instance is: one whose moves seem finished may still have a step to take that the
  // moves never show (an async entry's async_run_entry_fn:done; a new user, 2026-12-05).
  const at = c.threads.filter((x) => x.program === nameOrProgram).map((x) => `'${x.name}' at ${x.steps[pcOf(x) - 1]?.label ?? `pc ${pcOf(x)}`}`);
  throw new ModelError('E204', `spawn('${nameOrProgram}'): every thread of that program is running (${at.join(', ')}: the step each takes next); ${how}`);
}

export function isLiveness(p: Property): p is Liveness {
  return isLivenessKind(p.kind);
}

/** The property kinds checked on the state graph (liveness), as results name them too. */
export const isLivenessKind = (kind: string): boolean => kind === 'eventually' || kind === 'leads-to' || kind === 'quiescent' || kind === 'sometimes';
