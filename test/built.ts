/**
 * The library as built (`npm test` builds first), for the tests whose searches start worker
 * threads: a worker started from source loads every module through tsx, seconds per worker on a
 * loaded machine. Imported by URL, typed as the source, so the type-check of the tests needs no build.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const at = (path: string) => {
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error(`${fileURLToPath(url)} is missing: run \`npm run build\` first (npm test does)`);
  return url.href;
};

export const { check } = (await import(at('engine/check.js'))) as typeof import('../src/engine/check.js');
export const { buildSource, fileSource } = (await import(at('source.js'))) as typeof import('../src/source.js');
export const { parseArgv } = (await import(at('cli/args.js'))) as typeof import('../src/cli/args.js');
export const { forgetLoadedFiles } = (await import(at('load.js'))) as typeof import('../src/load.js');
export const { ProbecheckError } = (await import(at('engine/errors.js'))) as typeof import('../src/engine/errors.js');
