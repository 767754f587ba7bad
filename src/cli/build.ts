/**
 * Building a model from its factory and parameters: the parameters are checked against the
 * declared spec (E104). A ProbecheckError from `build` keeps its code (a scenario's E601-E604);
 * anything else it throws becomes E101 naming the model, so a broken model file never shows the
 * user a stack trace.
 */
import { didYouMean, ProbecheckError, thrownMessage } from '../engine/errors.js';
import type { Model, ModelFactory } from '../engine/model.js';
import { resolveParams } from '../engine/params.js';
import { propertiesOf, withProperties, type DefinedProperty } from '../kernel/define-property.js';
import { PROPERTY_NAMES as KERNEL_PROPERTY_NAMES } from '../kernel/properties.js';
import { defaultExport, importFile, shownPath } from '../load.js';

type Extra = { from: string; p: DefinedProperty };
/** Properties from --property-file for the command (or worker job) running now: added to every kernel scenario it builds. */
let extra: readonly Extra[] = [];
export function setProperties(list: readonly Extra[]): void { extra = list; }
/** The --property-file a property of yours named `name` came from, if it is one. */
export function propertySource(name: string): string | undefined { return extra.find((x) => x.p.spec.name === name)?.from; }
/** Add the properties of `file` unless one of its names is already there (replay of a trace that names its file). */
export async function addPropertyFile(file: string): Promise<void> {
  const more = (await loadProperties([file])).filter((x) => !extra.some((y) => y.p.spec.name === x.p.spec.name));
  extra = [...extra, ...more];
}
export async function loadProperties(files: readonly string[] = []): Promise<Extra[]> {
  const out: Extra[] = [];
  for (const f of files) out.push(...propertiesOf(f, defaultExport(await importFile(f))));
  return out;
}

/**
 * A malformed scenario (E601) names its model file first. Also for a refusal met when the search
 * starts, where it depends on the properties checked (Model.selected: a 9th driver where
 * no-lost-deferral is checked; s38): `check a.ts b.ts` says which file.
 */
export function nameModelFile(e: unknown, file: string): void {
  if (!(e instanceof ProbecheckError) || e.code !== 'E601') return;
  const shown = shownPath(file);
  if (!e.message.startsWith(`${shown}: `)) e.message = `${shown}: ${e.message}`;
}

/**
 * `file`, where known, is the model file: a malformed scenario found while it is built (E601: a
 * parent not declared, an action that never takes effect) names it first, as one found while the
 * file is loaded does (a CI hunt, 2026-12-06: `check a.ts b.ts` did not say which file was wrong).
 */
export function buildModel(f: ModelFactory, given: Record<string, string | number>, file?: string): Model {
  const params = resolveParams(f.name, f.params ?? {}, given);
  let m: Model;
  try { m = f.build(params); } catch (e) {
    if (file !== undefined) nameModelFile(e, file);
    if (e instanceof ProbecheckError) throw e;
    throw new ProbecheckError('E101', `model ${f.name}: build(${JSON.stringify(params)}) threw: ${thrownMessage(e)}`);
  }
  // A model that does not say its parameters gets the ones it was built with: results, traces,
  // shards and JUnit names carry them (a CI hunt, 2026-12-05: `params: {}` let merge join shards of
  // two parameter values, and replay rebuilt a trace with the defaults and refuted it).
  if (m && typeof m === 'object' && m.params === undefined && Object.keys(params).length) m = { ...m, params };
  // A model of your own: its predicates must answer true or false (a CI hunt, 2026-12-05: a holds
  // that returned a Promise or a string counted as holding). The library's scenarios answer so.
  const kernel = Boolean(m && typeof m === 'object' && Symbol.for('probecheck.kernel') in m);
  if (m && typeof m === 'object' && !kernel && Array.isArray(m.properties)) m = { ...m, properties: m.properties.map(checkedProperty) };
  // Its errors (E302, E303) name the file as the user gave it, relative where below the working directory.
  const out = withProperties(m, extra.map((x) => ({ ...x, from: shownPath(x.from) })));
  // A kernel scenario's unknown property name that is no library one: say where a property of your
  // own comes from (a CI hunt, 2026-12-06: a suite expecting one, run without --property-file, got
  // an E301 listing the library's names, with no word of --property-file).
  // (The files given for this build: another command's in one process would name others.)
  if (kernel) { const files = [...new Set(extra.map((x) => shownPath(x.from)))]; out.unknownProperty = (name) => ownPropertyHint(name, files); }
  return out;
}

function ownPropertyHint(name: string, files: string[]): { says: string; hint?: string } | undefined {
  if (KERNEL_PROPERTY_NAMES.includes(name)) return undefined;
  return files.length
    ? { says: `no library property '${name}', nor one of --property-file ${files.join(', ')}` }
    : { says: `no library property '${name}'`, hint: 'a property of your own is loaded with --property-file FILE' };
}

const PREDICATES = ['holds', 'premise', 'from', 'to', 'quiet'] as const;
/** The keys a property may have (model.ts Invariant, ActionProperty, DeadlockProperty, Liveness). */
const PROPERTY_KEYS = ['kind', 'name', 'sourceFile', 'description', 'holds', 'explain', 'premise', 'premiseText', 'mayDistinguish', 'watches', 'from', 'to', 'quiet'];
/**
 * The property of a model file of your own, checked: a key that is a typo of a property's key
 * (`premis:`) is E101, and a predicate that answers a string, an object (a Promise: a predicate
 * runs synchronously), a function or undefined throws (E302, naming it). A number answers as
 * JavaScript reads it. A key that is no near miss is left alone (your own metadata).
 */
function checkedProperty<P extends Model['properties'][number]>(p: P): P {
  if (!p || typeof p !== 'object') return p;
  for (const key of Object.keys(p)) {
    if (PROPERTY_KEYS.includes(key)) continue;
    const near = didYouMean(key, PROPERTY_KEYS);
    if (near !== undefined) throw new ProbecheckError('E101', `property '${(p as { name?: string }).name}': unknown key '${key}'; did you mean '${near}'? (a property has ${PROPERTY_KEYS.join(', ')})`);
  }
  const out: Record<string, unknown> = { ...p };
  for (const k of PREDICATES) {
    const f = (p as unknown as Record<string, unknown>)[k];
    if (typeof f !== 'function') continue;
    // Five fixed arguments (an action property's holds takes five), no rest array: this runs on
    // every state (probe-tree N=9 through the CLI was 8% slower with a rest-and-apply wrapper).
    const g = f as (this: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) => unknown;
    out[k] = function (this: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) {
      const r = g.call(this, a, b, c, d, e);
      if (r === true || r === false || typeof r === 'number') return r;
      const got = r === null || r === undefined ? String(r) : typeof r === 'object' ? (typeof (r as { then?: unknown }).then === 'function' ? 'a Promise (a predicate runs synchronously)' : 'an object') : `${typeof r} ${JSON.stringify(r)}`;
      throw new Error(`${k} returned ${got}; it must return true or false`);
    };
  }
  return out as P;
}

/**
 * A search with no property to check would report nothing and exit 0: a verdict about nothing.
 * E301 instead, naming the model (a scenario's `properties: []` with no --property-file, say).
 */
export function requireProperties(m: Model, names?: readonly string[]): void {
  if ((names && names.length > 0) || (m.properties ?? []).length > 0) return;
  throw new ProbecheckError('E301', `model ${m.name} has no property to check (a scenario's \`properties: []\` with no --property-file adds none): a search would show nothing; name properties, or leave \`properties\` out for every library property that applies`);
}

/**
 * The model a trace file was made on. Parameters the model does not declare or accept mean the
 * trace was written for another model (or another version of it): E402, not the E104 a user's
 * own --param gets.
 */
export function buildTraceModel(f: ModelFactory, params: Record<string, string | number>, tracePath: string): Model {
  try { resolveParams(f.name, f.params ?? {}, params); } catch (e) {
    if (!(e instanceof ProbecheckError) || e.code !== 'E104') throw e;
    throw new ProbecheckError('E402', `${tracePath}: the trace's parameters do not fit model ${f.name} (${e.message}); the trace is for another model or another version of it`);
  }
  try { return buildModel(f, params); } catch (e) {
    // A profile this probecheck does not know (a trace from another version): name the trace (a CI hunt, 2026-12-05).
    if (e instanceof ProbecheckError && e.code === 'E602' && !e.message.startsWith(tracePath)) throw new ProbecheckError('E602', `${tracePath}: ${e.message}`);
    throw e;
  }
}
