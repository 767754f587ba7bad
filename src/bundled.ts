/**
 * probecheck's own files, beside dist/: the bundled models, suites, logs and kernel texts. The
 * docs' commands are written from a clone (`check models/host-children.ts`); from a project that
 * installed probecheck (npm install), that path names none of the project's files, and the one it
 * means lies in node_modules/probecheck/ (a team's CI from the packed tarball, s49 h4: a bare
 * E503). A missing input file's error names the bundled one where there is one.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root: one level above this file in both src/ and dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * `; probecheck's own models/x.ts is node_modules/probecheck/models/x.ts`, or '' where it has no
 * such file. A folder is not named: `check properties/` means the user's own suites.
 */
export function bundledHint(path: string): string {
  if (isAbsolute(path)) return '';
  const own = join(PACKAGE_ROOT, path);
  if (!existsSync(own) || !statSync(own).isFile()) return '';
  const shown = relative(process.cwd(), own);
  return `; probecheck's own ${path} is ${shown.startsWith('..') ? own : shown}`;
}
