/**
 * Output files (--trace-out, --itf, --html, --junit, --json-out) are checked before the search starts: a
 * path that cannot be written is a usage error (E501) at once, not after an hour of search.
 * Nothing is created here; the write itself still reports a failure that happens later.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ProbecheckError } from '../engine/errors.js';
import type { OutputArgs } from './args.js';

const FLAGS = [['traceOut', '--trace-out'], ['itf', '--itf'], ['html', '--html'], ['junit', '--junit'], ['jsonOut', '--json-out']] as const;

export function checkOutputPaths(o: OutputArgs): void {
  for (const [key, flag] of FLAGS) {
    const path = o[key];
    if (path !== undefined) { const why = unwritable(path); if (why) throw new ProbecheckError('E501', `${flag} ${path}: cannot write: ${why}`); }
  }
}

/** The file's status, or undefined where there is none (missing, or a parent is not a directory). */
function stat(path: string): Stats | undefined {
  try { return statSync(path); } catch { return undefined; }
}

/** Why `path` cannot be written as a file, or undefined. */
function unwritable(path: string): string | undefined {
  if (path === '') return 'empty path';
  const abs = resolve(path), dir = dirname(abs);
  const st = stat(abs);
  if (st?.isDirectory()) return 'it is a directory';
  const d = stat(dir);
  if (!d) return `directory ${dirname(path)} does not exist`;
  if (!d.isDirectory()) return `${dirname(path)} is not a directory`;
  try { accessSync(st ? abs : dir, constants.W_OK); } catch (e) {
    return `${st ? 'the file' : `directory ${dirname(path)}`} is not writable (${(e as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}
