/**
 * Model parameters: `--param K=V` strings checked against a model file's declared ParamSpec.
 * Unknown names and out-of-range or unlisted values are E104 errors naming what is accepted.
 */
import { ProbecheckError } from './errors.js';
import type { ParamSpec } from './model.js';

export function resolveParams(modelName: string, spec: ParamSpec, given: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of Object.keys(given)) {
    if (!(k in spec)) {
      const known = Object.keys(spec);
      throw new ProbecheckError('E104', `model ${modelName} has no parameter '${k}'; known: ${known.length ? known.join(', ') : '(none)'}`);
    }
  }
  for (const [k, s] of Object.entries(spec)) {
    const raw = given[k];
    if (raw === undefined) { out[k] = s.default; continue; }
    let v: string | number = raw;
    if (typeof s.default === 'number') {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(n) || String(raw).trim() === '') throw new ProbecheckError('E104', `parameter ${k} of model ${modelName} must be a number, got '${raw}'`);
      // A count declared with an integer default is a count: n=2.5 ran, and vary built from 2.5 (a bad-input hunt, 2026-12-05).
      if (Number.isInteger(s.default) && !Number.isInteger(n)) throw new ProbecheckError('E104', `parameter ${k} of model ${modelName} must be an integer, got '${raw}'`);
      if (s.min !== undefined && n < s.min) throw new ProbecheckError('E104', `parameter ${k}=${n} of model ${modelName} is below its minimum ${s.min}`);
      if (s.max !== undefined && n > s.max) throw new ProbecheckError('E104', `parameter ${k}=${n} of model ${modelName} is above its maximum ${s.max}`);
      v = n;
    }
    if (s.values && !s.values.includes(v)) {
      throw new ProbecheckError('E104', `parameter ${k}='${raw}' of model ${modelName} is not one of: ${s.values.join(', ')}`);
    }
    out[k] = v;
  }
  return out;
}

/** Parse `K=V` strings (the CLI's repeated --param). */
export function parseParamArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const i = a.indexOf('=');
    if (i <= 0) throw new ProbecheckError('E501', `--param expects K=V, got '${a}'`);
    const k = a.slice(0, i), v = a.slice(i + 1);
    // The last would win without a word (a CI hunt, 2026-12-05: a CI matrix's two values of one key).
    if (k in out && out[k] !== v) throw new ProbecheckError('E501', `--param ${k} given twice (${out[k]}, then ${v}): give it once`);
    out[k] = v;
  }
  return out;
}
