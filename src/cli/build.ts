/**
 * Building a model from its factory and parameters: the parameters are checked against the
 * declared spec (E104), and anything a model's `build` throws becomes E101 naming the model,
 * so a broken model file never shows the user a stack trace.
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
