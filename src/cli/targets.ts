/**
 * What `probecheck check` was asked to check: arguments expanded into model files and suite
 * files. A directory means its *.suite.ts files; no argument means the bundled suites in the
 * package's properties/ directory (found from this file, not the cwd). A file is classified by
 * its default export, so a suite needs no particular name when given explicitly.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bundledHint, PACKAGE_ROOT } from '../bundled.js';
import { ProbecheckError } from '../engine/errors.js';
import type { ModelFactory } from '../engine/model.js';
import { defaultExport, importFile } from '../load.js';
import { suiteDir, validateSuite, type Suite } from '../suite/define.js';
import { isSuite, type LoadedSuite } from '../suite/run.js';

export type Target =
  | { kind: 'model'; file: string; factory: ModelFactory }
  | { kind: 'suite'; loaded: LoadedSuite };

export { PACKAGE_ROOT };

const SUITE_FILE = /\.suite\.[cm]?[jt]s$/;

export function expandArgs(args: readonly string[]): string[] {
  // No target: the bundled suites. A folder with suites of its own would read that as its own
  // properties/ (a CI hunt, 2026-12-05: `probecheck check` in such a folder was green whatever they said).
  if (!args.length && existsSync('properties') && statSync('properties').isDirectory() && realpathSync('properties') !== realpathSync(join(PACKAGE_ROOT, 'properties'))
    && suiteFiles('properties').length > 0) {
    throw new ProbecheckError('E501', `no target given: that checks probecheck's bundled suites (${join(PACKAGE_ROOT, 'properties')}), not this folder's properties/; name it: probecheck check properties/`);
  }
  const list = args.length ? args : [join(PACKAGE_ROOT, 'properties')];
  const files: string[] = [];
  for (const a of list) {
    if (!existsSync(a)) throw new ProbecheckError('E503', `${a}: no such file or directory${bundledHint(a)}`);
    if (statSync(a).isDirectory()) {
      // Subfolders too (a CI hunt, 2026-12-05: a failing suite in properties/sub/ never ran).
      const suites = suiteFiles(a);
      if (!suites.length) throw new ProbecheckError('E503', `${a}: directory holds no suite files (*.suite.ts)`);
      files.push(...suites);
    } else files.push(a);
  }
  return files;
}

/**
 * The *.suite.ts files under a directory, subfolders included (not node_modules), in path order.
 * A link to a folder is followed: a Dirent of a link is no directory, so a linked folder of
 * suites (`properties/vendor -> ../vendor-suites`) was skipped and CI went green without it (a
 * CI hunt, 2026-12-05). `seen` holds the real folders walked, so a link back up is not a loop.
 */
function suiteFiles(dir: string, seen: Set<string> = new Set()): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    const isDir = e.isDirectory() || (e.isSymbolicLink() && existsSync(p) && statSync(p).isDirectory());
    if (isDir) return e.name === 'node_modules' ? [] : suiteFiles(p, seen);
    return SUITE_FILE.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  }).sort();
}

export async function loadTarget(file: string): Promise<Target> {
  const d = defaultExport(await importFile(file));
  if (isSuite(d)) {
    const suite: Suite = validateSuite(d, file);
    return { kind: 'suite', loaded: { file, suite, modelFile: resolve(suiteDir(file), suite.model) } };
  }
  const f = d as ModelFactory | undefined;
  if (!f || typeof f !== 'object' || f.kind !== 'probecheck-model' || typeof f.build !== 'function') {
    throw new ProbecheckError('E105', `${file}: its default export is neither a model (defineModel) nor a suite (defineSuite)`);
  }
  return { kind: 'model', file: resolve(file), factory: f };
}
