/**
 * Model sources for the parallel search: a model file, its parameters and property files, as
 * plain data a worker thread can rebuild the same model from (`buildSource` is what the worker
 * calls; it loads the files as `probecheck check` does). A Model given only as an object has no
 * source: its search runs on one thread.
 */
import { resolve } from 'node:path';
import type { Model } from './engine/model.js';
import type { ModelSource } from './engine/search/parallel.js';
import { buildModel, loadProperties, setProperties } from './cli/build.js';
import { loadModel, loadPatchFiles } from './load.js';

export interface FileSource { file: string; params: Record<string, string | number>; propertyFiles?: string[] }

/** The source of the model `file` builds with `params` (and the --property-file files). */
export function fileSource(file: string, params: Record<string, string | number>, propertyFiles?: readonly string[]): ModelSource {
  const args: FileSource = { file: resolve(file), params: { ...params }, ...(propertyFiles?.length ? { propertyFiles: propertyFiles.map((f) => resolve(f)) } : {}) };
  return { loader: import.meta.url, args };
}

/** Worker side: build the model again (the loader protocol of parallel.ts). */
export async function buildSource(args: unknown): Promise<Model> {
  const a = args as FileSource;
  const f = await loadModel(a.file);
  await loadPatchFiles(a.params.patches);
  setProperties(await loadProperties(a.propertyFiles));
  return buildModel(f, a.params);
}
