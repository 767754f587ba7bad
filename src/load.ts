/**
 * Loading users' model and suite files. TypeScript files go through tsx's loader (a maintained
 * one: Node 20 cannot run .ts itself); JavaScript files through plain import(). A file that
 * is missing is E503 (as for every input file); one that does not load, or whose default export
 * is not what was asked for, is an E105 error naming it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProbecheckError } from './engine/errors.js';
import type { ModelFactory } from './engine/model.js';

export async function importFile(path: string): Promise<Record<string, unknown>> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ProbecheckError('E503', `${path}: no such file or directory`);
  try {
    if (/\.[cm]?tsx?$/.test(abs)) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(pathToFileURL(abs).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ProbecheckError) throw e;
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    throw new ProbecheckError('E105', `${path}: could not be loaded: ${msg}`);
  }
}

/** The default export of a module, unwrapping the extra `default` layer CJS interop can add. */
export function defaultExport(mod: Record<string, unknown>): unknown {
  let d = mod.default;
  if (d && typeof d === 'object' && 'default' in d && !('kind' in d)) d = (d as Record<string, unknown>).default;
  return d;
}

export async function loadModel(path: string): Promise<ModelFactory> {
  const d = defaultExport(await importFile(path)) as ModelFactory | undefined;
  if (!d || typeof d !== 'object' || d.kind !== 'probecheck-model' || typeof d.build !== 'function') {
    throw new ProbecheckError('E105', `${path}: its default export is not a model; write \`export default defineModel({...})\` (or a kernel scenario)`);
  }
  return d;
}
