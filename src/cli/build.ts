/**
 * Building a model from its factory and parameters: the parameters are checked against the
 * declared spec (E104). A ProbecheckError from `build` keeps its code (a scenario's E601-E604);
 * anything else it throws becomes E101 naming the model, so a broken model file never shows the
 * user a stack trace.
 */
import { ProbecheckError } from '../engine/errors.js';
import type { Model, ModelFactory } from '../engine/model.js';
import { resolveParams } from '../engine/params.js';

export function buildModel(f: ModelFactory, given: Record<string, string | number>): Model {
  const params = resolveParams(f.name, f.params ?? {}, given);
  try { return f.build(params); } catch (e) {
    if (e instanceof ProbecheckError) throw e;
    throw new ProbecheckError('E101', `model ${f.name}: build(${JSON.stringify(params)}) threw: ${e instanceof Error ? e.message : String(e)}`);
  }
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
  return buildModel(f, params);
}
