/**
 * Users' own properties: `defineProperty({...})` in any file, over the same read-only view of
 * the kernel state the library's properties use (view.ts). A property file's default export is
 * one property or a list of them; `--property-file FILE` adds them to every kernel scenario a
 * command builds, and a scenario may list them in `properties` beside library names.
 *
 * Three kinds: an invariant (every reachable state), an action property (every step: the state
 * before, after, and the move), and leads-to (from every state where `from` holds, every fair
 * run reaches `to`). A premise says what situation the property is about, so a scenario that
 * never reaches it gets the verdict `vacuous`, not `holds`.
 */
import { didYouMean, ProbecheckError, suggestion } from '../engine/errors.js';
import type { Model, Move, Property, Query, ThreadDef } from '../engine/model.js';
import type { Kernel } from './emit.js';
import { PROPERTY_NAMES, type KernelProperty, type PropCtx } from './properties.js';
import type { KS } from './state.js';
import { inFunction, kernelView, telling, type KernelView, type ThreadInfo } from './view.js';
import { strict, strictOnce } from './strict-view.js';

/** A move as a property sees it: the thread that stepped and the label of the step it took. */
export interface MoveView { readonly thread: string; readonly label: string; readonly branch?: number }

/** The situation a property is about (`an unbind_store holds the device lock`): when no reachable state meets it, the verdict is vacuous. */
export interface PremiseSpec { text: string; met: (v: KernelView) => boolean }

/** `check` returns null (or undefined) when the property holds, else what is wrong, in words. */
export type Verdict = string | null | undefined;

export interface InvariantSpec { kind: 'invariant'; name: string; description?: string; check: (v: KernelView) => Verdict; premise?: PremiseSpec }
export interface ActionSpec { kind: 'action'; name: string; description?: string; check: (before: KernelView, after: KernelView, move: MoveView) => Verdict; premise?: PremiseSpec }
export interface LeadsToSpec {
  kind: 'leads-to'; name: string; description?: string;
  from: (v: KernelView) => boolean; to: (v: KernelView) => boolean;
  /** What is stuck, in words, in the state where a violating run loops or stops. */
  explain?: (v: KernelView) => string;
  /** `from` in words (the vacuity report): vacuous when no reachable state satisfies `from`. */
  premise?: string;
}
export type PropertySpec = InvariantSpec | ActionSpec | LeadsToSpec;

/** What defineProperty returns: a property any kernel scenario can check. */
export interface DefinedProperty { readonly kind: 'probecheck-property'; readonly spec: PropertySpec }

const KEYS: Record<PropertySpec['kind'], { required: string[]; optional: string[] }> = {
  invariant: { required: ['check'], optional: ['premise'] },
  action: { required: ['check'], optional: ['premise'] },
  'leads-to': { required: ['from', 'to'], optional: ['explain', 'premise'] },
};

/** A property of your own; checked here so a typo is an E303 naming the property, not a wrong verdict. */
export function defineProperty(spec: PropertySpec): DefinedProperty {
  const o = spec as unknown as Record<string, unknown>;
  const name = typeof o?.name === 'string' ? o.name : '?';
  const bad = (m: string) => new ProbecheckError('E303', `property '${name}': ${m}`);
  if (typeof o !== 'object' || o === null) throw new ProbecheckError('E303', 'defineProperty expects an object ({ kind, name, ... })');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw bad("name: expected a kebab-case name ('my-property')");
  const kinds = Object.keys(KEYS);
  if (!kinds.includes(String(o.kind))) throw bad(`kind: expected one of ${kinds.map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(o.kind)}`);
  const { required, optional } = KEYS[o.kind as PropertySpec['kind']];
  const known = ['kind', 'name', 'description', ...required, ...optional];
  for (const k of Object.keys(o)) if (!known.includes(k)) throw bad(`unknown key '${k}'${suggestion(k, known)}`);
  for (const k of required) if (typeof o[k] !== 'function') throw bad(`${k}: expected a function`);
  if (o.kind !== 'leads-to' && neverReturns(o.check as Function)) {
    throw bad("check: its body has no 'return', so it returns undefined in every state and the property could never be violated; return null when it holds and a string saying what is wrong when it does not");
  }
  // A predicate with no return is false everywhere: a leads-to would read vacuous and blame the scenario.
  for (const k of o.kind === 'leads-to' ? ['from', 'to'] : []) {
    if (neverReturns(o[k] as Function)) throw bad(`${k}: its body has no 'return', so it is false in every state; return true or false`);
  }
  if (o.description !== undefined && typeof o.description !== 'string') throw bad('description: expected a string');
  if (o.explain !== undefined && typeof o.explain !== 'function') throw bad('explain: expected a function');
  if (o.premise !== undefined) {
    const p = o.premise as Record<string, unknown>;
    if (o.kind === 'leads-to' ? typeof p !== 'string' : (typeof p !== 'object' || p === null || typeof p.text !== 'string' || typeof p.met !== 'function')) {
      throw bad(`premise: expected ${o.kind === 'leads-to' ? "a string (what 'from' means)" : '{ text, met: (v) => boolean }'}`);
    }
    if (o.kind !== 'leads-to' && neverReturns(p.met as Function)) throw bad("premise.met: its body has no 'return', so it is false in every state; return true or false");
  }
  return { kind: 'probecheck-property', spec };
}

/**
 * A function whose body is a block with no `return` in it: it returns undefined, which a check
 * means as "holds", in every state (`(v) => { v.x ? 'bad' : null; }` held everywhere).
 * Read from the function's text, so a `return` in a comment or a nested function lets it pass:
 * this catches the forgotten return, it does not prove one is reached. A text it cannot read as
 * a function (a bound function's `[native code]`) is let through (a regression review,
 * 2026-12-05: such checks, and arrows whose default parameters nest parentheses, were refused).
 */
export function neverReturns(f: Function): boolean {
  const s = Function.prototype.toString.call(f);
  if (s.includes('[native code]')) return false;
  let i = 0;
  const ws = () => { while (i < s.length && /\s/.test(s[i]!)) i++; };
  const word = (w: string) => { if (s.startsWith(w, i) && !/[\w$]/.test(s[i + w.length] ?? '')) { i += w.length; ws(); return true; } return false; };
  // The parameter list: from an opening parenthesis to its match, past strings and comments.
  const params = (): boolean => {
    if (s[i] !== '(') return false;
    let depth = 0;
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '"' || c === "'" || c === '`') { const q = c; for (i++; i < s.length && s[i] !== q; i++) if (s[i] === '\\') i++; continue; }
      if (c === '/' && s[i + 1] === '*') { i = s.indexOf('*/', i + 2); if (i < 0) return false; i++; continue; }
      if (c === '/' && s[i + 1] === '/') { i = s.indexOf('\n', i); if (i < 0) return false; continue; }
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) { i++; ws(); return true; }
    }
    return false;
  };
  word('async');
  if (word('function')) {
    if (s[i] === '*') { i++; ws(); }
    while (i < s.length && /[\w$]/.test(s[i]!)) i++;
    ws();
    if (!params()) return false;
  } else if (s[i] === '(') {
    if (!params()) return false;
  } else {
    // `v => ...`, or a method `check(v) { ... }`.
    while (i < s.length && /[\w$]/.test(s[i]!)) i++;
    ws();
    if (s[i] === '(' && !params()) return false;
  }
  if (s.startsWith('=>', i)) { i += 2; ws(); }
  // A block body, then; an expression body returns its value.
  return s[i] === '{' && !/\breturn\b/.test(s.slice(i));
}

export function isDefinedProperty(x: unknown): x is DefinedProperty {
  return typeof x === 'object' && x !== null && (x as DefinedProperty).kind === 'probecheck-property' && typeof (x as DefinedProperty).spec === 'object';
}

/** A user's property as a library entry: it applies wherever it is asked for. */
export function toKernelProperty(d: DefinedProperty): KernelProperty {
  const p = d.spec;
  return { name: p.name, covers: 'user', applies: () => true, make: (k, c) => engineProperty(k, c, p) };
}

/**
 * What a check returned, as the engine takes it: null (holds) or what is wrong. Anything else is
 * an error, not a guess: `a && 'msg'` gives false when a is false, and a predicate written the
 * other way round (true = fine) gives true; either read as a verdict would be wrong half the time.
 */
function verdict(r: unknown): string | null {
  if (r === null || r === undefined) return null;
  // An empty string is a violation with no words: `problems.join('; ')` of no problems (a bad-input hunt, 2026-12-05).
  if (r === '') throw new Error("check returned an empty string; it must return null when the property holds and a non-empty string saying what is wrong when it does not (`list.join('; ')` of an empty list is '': write `list.length ? list.join('; ') : null`)");
  if (typeof r === 'string') return r;
  throw new Error(`check returned ${typeof r === 'object' ? 'an object' : String(r)}; it must return null when the property holds and a string saying what is wrong when it does not (\`a && 'msg'\` returns false when a is false: write \`a ? 'msg' : null\`)`);
}

/**
 * What a predicate (`from`, `to`, `premise.met`) returned, as a truth value: only a boolean. A
 * string field read as the test (`v.dev('c1').deferred` is 'none', 'pending' or 'active') is
 * truthy in every state, so a leads-to held where its premise was never met (a new user's pass,
 * 2026-12-05: holds, exit 0, where `deferred !== 'none'` gave vacuous).
 */
function truth(what: string, r: unknown): boolean {
  if (r === true || r === false) return r;
  const got = typeof r === 'string' ? `the string ${JSON.stringify(r)}` : r === null || r === undefined ? String(r) : typeof r === 'object' ? 'an object' : `${typeof r} ${String(r)}`;
  throw new Error(`${what} returned ${got}; it must return true or false (compare a field that is not a boolean: \`v.dev('c1').deferred !== 'none'\`)`);
}

/** What `explain` returned: words, printed in place of the loop line (42 or undefined was printed as is). */
function words(r: unknown): string {
  if (typeof r === 'string' && r !== '') return r;
  throw new Error(`explain returned ${typeof r === 'string' ? 'an empty string' : r === null || r === undefined ? String(r) : typeof r === 'object' ? 'an object' : `${typeof r} ${String(r)}`}; it must return what is stuck, in words (a non-empty string)`);
}

function engineProperty(k: Kernel, c: PropCtx, p: PropertySpec): Property<KS> {
  // The context itself, not a copy per property: kernelView keeps one view per state buffer for one
  // (kernel, threads, query), so a copy per property made each of a file's properties rebuild it for
  // the other (a hunt, 2026-12-06: two invariants searched 60-90x slower than either alone).
  const info: ThreadInfo = c;
  // Every call of yours is told the names its inside() asks: those no step is in are said after the search.
  const tell = asked(c, p.name);
  const view = (s: KS, q: Query) => strict(kernelView(k, info, s, q));
  // Yours, not the library's: it may name one device of a symmetric group (use-symmetry.ts).
  const base = { name: p.name, mayDistinguish: true, ...(p.description !== undefined ? { description: p.description } : {}) };
  const premise = (pr: PremiseSpec | undefined) => (pr ? { premise: (s: KS, q: Query) => truth('premise.met', telling(tell, () => pr.met(view(s, q)))), premiseText: pr.text } : {});
  switch (p.kind) {
    case 'invariant': {
      const broken = (s: KS, q: Query) => verdict(telling(tell, () => p.check(view(s, q))));
      return { kind: 'invariant', ...base, holds: (s, q) => broken(s, q) === null, explain: (s, q) => String(broken(s, q) ?? ''), ...premise(p.premise) };
    }
    case 'action': {
      // The search gives the threads before the move (qb): a thread the move starts (async_schedule's
      // entry) is at null there, as the view says (a property hunt, 2026-12-05: read from the state
      // after, it was started already, and "scheduled only while ..." held on every move). Without
      // qb, the mover was at its label and every other thread where it is now. The mover's locals
      // are those before the move (a new user, 2026-12-05: `before.thread(t).patch` read the value
      // the move wrote, so a property about a local's change held).
      const prior = (m: Move, q: Query, qb: Query | undefined): Query => qb ?? { at: (t) => (t === m.thread ? m.label : q.at(t)), locals: (t) => q.locals(t) };
      // The move is read strictly too: `move.step` for `move.label` is E302, not undefined.
      const mv = (m: Move): MoveView => strictOnce(Object.freeze(m.branch === undefined ? { thread: m.thread, label: m.label } : { thread: m.thread, label: m.label, branch: m.branch }));
      const broken = (b: KS, a: KS, m: Move, q: Query, qb: Query | undefined) => verdict(telling(tell, () => p.check(view(b, prior(m, q, qb)), view(a, q), mv(m))));
      return { kind: 'action', ...base, holds: (b, a, m, q, qb) => broken(b, a, m, q, qb) === null, explain: (b, a, m, q, qb) => String(broken(b, a, m, q, qb) ?? ''), ...premise(p.premise) };
    }
    case 'leads-to':
      return { kind: 'leads-to', ...base, from: (s, q) => truth('from', telling(tell, () => p.from(view(s, q)))), to: (s, q) => truth('to', telling(tell, () => p.to(view(s, q)))),
        ...(p.explain ? { explain: (s: KS, q: Query) => words(telling(tell, () => p.explain!(view(s, q)))) } : {}), premiseText: p.premise ?? `${p.name}: 'from' holds` };
  }
}

/**
 * By built model (its context): whether some step is labelled in a function (asked once per name),
 * and each user property's inside() names that none is. A label names the innermost function only,
 * so `inside('driver_unregister')` of rmmod, which runs in it, is false in every state, and so is a
 * misspelt name: the property held without a word (s46 h1). Recorded as the search asks, in each
 * worker too (their notes travel as Model.searchNotes); a property made again starts afresh.
 */
const misses = new WeakMap<PropCtx, { labelled: Map<string, boolean>; by: Map<string, Set<string>> }>();

function asked(c: PropCtx, name: string): (fn: string) => void {
  let m = misses.get(c);
  if (!m) misses.set(c, m = { labelled: new Map(), by: new Map() });
  const { labelled } = m, missed = new Set<string>();
  m.by.set(name, missed);
  return (fn) => {
    let has = labelled.get(fn);
    if (has === undefined) labelled.set(fn, has = [...c.stepsOf.values()].some((ls) => [...ls].some((l) => inFunction(l, String(fn)))));
    if (!has) missed.add(fn);
  };
}

const NEVER = 'is false in every state:';
/** A note of insideNotes (diff says it where both sides have it). */
export const isInsideNote = (n: string): boolean => n.startsWith("property '") && n.includes(`') ${NEVER} no step of this model`);

/**
 * The notes on properties `names` of a model with threads `threads`: each inside() name no step
 * of it is labelled in, with the steps that run that function inside their own (their where
 * names it, or a cited line they run: callees are inlined), else the nearest function of the
 * model, else its functions.
 */
export function insideNotes(c: PropCtx, names: readonly string[], threads: readonly ThreadDef[]): string[] {
  const by = misses.get(c)?.by;
  if (!by) return [];
  const steps = threads.flatMap((t) => Object.entries(t.steps));
  const fns = [...new Set(steps.map(([l]) => /^[^(:#]*/.exec(l)![0]))].sort();
  return names.flatMap((name) => [...by.get(name) ?? []].sort().map((fn) => {
    const esc = fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), named = new RegExp(`(^|[:\\s>(])${esc}(?![\\w])`);
    const runs = [...new Set(steps.filter(([l, st]) => !inFunction(l, fn) && (named.test(st.where ?? '') || (st.runs ?? []).includes(fn))).map(([l]) => l))];
    const near = didYouMean(fn, fns);
    const hint = runs.length ? `; steps that run ${fn} inside their own: ${runs.slice(0, 6).join(', ')}${runs.length > 6 ? `, and ${runs.length - 6} more` : ''}`
      : near !== undefined ? `; did you mean '${near}'?` : `; the functions its steps are in: ${fns.join(', ')}`;
    return `property '${name}': inside('${fn}') ${NEVER} no step of this model is labelled in ${fn} (a step's label names the innermost kernel function it is in, not its callers)${hint}`;
  }));
}

/**
 * What a built scenario model carries for properties added after it was built (--property-file).
 * A global symbol: the model may come from another copy of this module (a model file importing
 * the package's dist while the command runs from source, or the other way round).
 */
const KERNEL = Symbol.for('probecheck.kernel');
export function rememberKernel(m: Model, k: Kernel, ctx: PropCtx): void { Object.defineProperty(m, KERNEL, { value: { k, ctx } }); }

/** The model with `props` added; `from` names where they came from, for errors. */
export function withProperties(m: Model, props: readonly { from: string; p: DefinedProperty }[]): Model {
  if (!props.length) return m;
  const kc = (m as unknown as { [KERNEL]?: { k: Kernel; ctx: PropCtx } })[KERNEL];
  if (!kc) throw new ProbecheckError('E303', `${props[0]!.from}: property '${props[0]!.p.spec.name}' is a kernel property; model ${m.name} is not a kernel scenario`);
  const out = [...m.properties];
  for (const { from, p } of props) {
    // As in a scenario's `properties`: one the scenario leaves out (module-lifetime without an
    // rmmod) was taken, and `--property module-lifetime` printed the user's verdict under the
    // library's name (a property hunt, 2026-12-05).
    if (PROPERTY_NAMES.includes(p.spec.name)) throw new ProbecheckError('E303', `${from}: property '${p.spec.name}' is the name of a library property; choose another`);
    if (out.some((x) => x.name === p.spec.name)) throw new ProbecheckError('E303', `${from}: property '${p.spec.name}': model ${m.name} already has a property of that name`);
    // Its file, for the E302 of code that throws (engine/search/monitor.ts propertyThrew).
    out.push({ ...(toKernelProperty(p).make(kc.k, kc.ctx) as Property), sourceFile: from } as Property);
  }
  const names = props.map(({ p }) => p.spec.name), was = m.searchNotes;
  return { ...m, properties: out, searchNotes: () => [...(was?.() ?? []), ...insideNotes(kc.ctx, names, m.threads)] };
}

/** The properties a property file exports (default: one, or a list). */
export function propertiesOf(file: string, d: unknown): { from: string; p: DefinedProperty }[] {
  // (Array.from: an empty slot, `[a,, b]`, is undefined, which every() would skip: a bad-input hunt, 2026-12-06.)
  const list = Array.isArray(d) ? Array.from(d as unknown[]) : [d];
  if (!list.length || !list.every(isDefinedProperty)) throw new ProbecheckError('E105', `${file}: its default export is not a property or a list of properties; write \`export default defineProperty({...})\``);
  return list.map((p) => ({ from: file, p }));
}
