/**
 * What `probecheck check` was asked to check: arguments expanded into model files and suite
 * files. A directory means its *.suite.ts files; no argument means the bundled suites in the
 * package's properties/ directory (found from this file, not the cwd). A file is classified by
 * its default export, so a suite needs no particular name when given explicitly.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProbecheckError } from '../engine/errors.js';
import type { ModelFactory } from '../engine/model.js';
import { defaultExport, importFile } from '../load.js';
import { validateSuite, type Suite } from '../suite/define.js';
import { isSuite, type LoadedSuite } from '../suite/run.js';

export type Target =
  | { kind: 'model'; file: string; factory: ModelFactory }
  | { kind: 'suite'; loaded: LoadedSuite };

/** The package's root: two levels above this file in both src/cli and dist/cli. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SUITE_FILE = /\.suite\.[cm]?[jt]s$/;

export function expandArgs(args: readonly string[]): string[] {
  const list = args.length ? args : [join(PACKAGE_ROOT, 'properties')];
  const files: string[] = [];
  for (const a of list) {
    if (!existsSync(a)) throw new ProbecheckError('E503', `${a}: no such file or directory`);
    if (statSync(a).isDirectory()) {
      const suites = readdirSync(a).filter((f) => SUITE_FILE.test(f) && !f.endsWith('.d.ts')).sort().map((f) => join(a, f));
      if (!suites.length) throw new ProbecheckError('E503', `${a}: directory holds no suite files (*.suite.ts)`);
      files.push(...suites);
    } else files.push(a);
  }
  return files;
}

export async function loadTarget(file: string): Promise<Target> {
  const d = defaultExport(await importFile(file));
  if (isSuite(d)) {
    const suite: Suite = validateSuite(d, file);
    return { kind: 'suite', loaded: { file, suite, modelFile: resolve(dirname(resolve(file)), suite.model) } };
  }
  const f = d as ModelFactory | undefined;
  if (!f || typeof f !== 'object' || f.kind !== 'probecheck-model' || typeof f.build !== 'function') {
    throw new ProbecheckError('E105', `${file}: its default export is neither a model (defineModel) nor a suite (defineSuite)`);
  }
  return { kind: 'model', file: resolve(file), factory: f };
}
