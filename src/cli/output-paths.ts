/**
 * Output files (--trace-out, --itf, --html, --junit, --json-out, from-log's -o) are checked before the
 * search starts: a path that cannot be written is a usage error (E501) at once, not after an hour of
 * search. Nothing is created here, and a file an earlier run left at such a path is removed (a run
 * that ends in an error leaves no report that reads as its own); `writeOutput` reports a failure that happens later in the same
 * words, so every file the CLI writes fails alike: `E501 ... FLAG PATH: cannot write: WHY`.
 */
import { accessSync, constants, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ProbecheckError } from '../engine/errors.js';
import type { OutputArgs } from './args.js';

const FLAGS = [['traceOut', '--trace-out'], ['itf', '--itf'], ['html', '--html'], ['junit', '--junit'], ['jsonOut', '--json-out']] as const;

export function checkOutputPaths(o: OutputArgs): void {
  for (const [key, flag] of FLAGS) {
    const path = o[key];
    if (path !== undefined) checkOutputPath(flag, path);
  }
  // A report an earlier run left there would read as this run's if this one ends in an error (a CI
  // hunt, 2026-12-05: an upload step published the old green JUnit; merge read an old shard).
  for (const [key] of FLAGS) {
    const path = o[key];
    if (path !== undefined && stat(path)?.isFile()) rmSync(path, { force: true });
  }
}

/** E501 at once if the file an option names (`flag`) cannot be written. */
export function checkOutputPath(flag: string, path: string): void {
  const why = unwritable(path);
  if (why) throw cannotWrite(flag, path, why);
}

/** Write an output file; a path that cannot be written is the user's to fix (E501), not a crash. */
export function writeOutput(flag: string, path: string, text: string): void {
  try { writeFileSync(path, text); } catch (e) {
    throw cannotWrite(flag, path, unwritable(path) ?? (e as NodeJS.ErrnoException).code ?? String(e));
  }
}

function cannotWrite(flag: string, path: string, why: string): ProbecheckError {
  return new ProbecheckError('E501', `${flag} ${path}: cannot write: ${why}`);
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
