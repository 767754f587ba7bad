/**
 * Output files (--trace-out, --itf, --html, --junit, --json-out, from-log's -o) are checked before the
 * search starts: a path that cannot be written is a usage error (E501) at once, not after an hour of
 * search. Nothing is created here; once the inputs are read, `clearOutputs` removes the reports an
 * earlier run left at those paths. `writeOutput` reports a failure that happens later in the same
 * words, so every file the CLI writes fails alike: `E501 ... FLAG PATH: cannot write: WHY`.
 */
import { accessSync, closeSync, constants, existsSync, lstatSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ProbecheckError } from '../engine/errors.js';
import type { OutputArgs } from './args.js';
import { escapeRe } from '../report/text.js';

const FLAGS = [['traceOut', '--trace-out'], ['itf', '--itf'], ['html', '--html'], ['junit', '--junit'], ['jsonOut', '--json-out']] as const;

export function checkOutputPaths(o: Partial<OutputArgs>): void {
  // Two reports at one path: the second would silently replace the first (a CI hunt, 2026-12-05:
  // --trace-out and --itf on one file left an ITF trace that replay refused; --json-out and
  // --junit one a JSON document where the CI expected JUnit).
  const seen = new Map<string, string>();
  for (const [key, flag] of FLAGS) {
    const path = o[key];
    if (path === undefined) continue;
    const other = seen.get(resolve(path));
    if (other) throw new ProbecheckError('E501', `${other} and ${flag} ${path} are one file: one report would overwrite the other; give each a file of its own`);
    seen.set(resolve(path), `${flag} ${path}`);
  }
  for (const [key, flag] of FLAGS) {
    const path = o[key];
    if (path !== undefined) checkOutputPath(flag, path);
  }
}

/** What each output file of an earlier run starts with: only such a file is removed. */
const SIGNATURE: Record<(typeof FLAGS)[number][0], RegExp> = {
  traceOut: /"format":\s*"probecheck-trace"/, itf: /"format":\s*"ITF"/, html: /<title>probecheck report/, junit: /<testsuites name="probecheck"/, jsonOut: /"format":\s*"probecheck-result"/,
};

/**
 * Once the inputs are read (`inputs`: every file the run reads), remove the reports an earlier run
 * left at this run's output paths, so one that ends in an error leaves none that reads as its own
 * (a CI hunt, 2026-12-05: an upload step published the old green JUnit; merge read an old shard).
 * Only a file that is one of probecheck's reports is removed, and an output path that is an input
 * is refused (a review found `--trace-out m.ts` deleting the model m.ts before it was read).
 */
export function clearOutputs(o: Partial<OutputArgs>, inputs: readonly string[]): void {
  const read = new Set(inputs.map((f) => resolve(f)));
  for (const [key, flag] of FLAGS) {
    const path = o[key];
    if (path === undefined) continue;
    if (read.has(resolve(path))) throw new ProbecheckError('E501', `${flag} ${path}: that file is one this run reads; write the ${flag.slice(2)} elsewhere`);
    // --itf writes FILE-1.ext, FILE-2.ext, ... for several counterexamples.
    const dot = path.lastIndexOf('.'), [stem, ext] = dot > path.lastIndexOf('/') ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
    const dir = dirname(resolve(path)), numbered = new RegExp(`^${escapeRe(basename(stem))}-\\d+${escapeRe(ext)}$`);
    const candidates = [path, ...(key === 'itf' && existsSync(dir) ? readdirSync(dir).filter((f) => numbered.test(f)).map((f) => join(dir, f)) : [])];
    // A plain file only: a link (/dev/stdout, a link to a report elsewhere) is written through, never
    // removed (a review, 2026-12-05); one that cannot be removed is simply written over later.
    for (const f of candidates) {
      let plain = false;
      try { plain = lstatSync(f).isFile(); } catch { /* gone */ }
      if (plain && ours(f, SIGNATURE[key])) try { rmSync(f, { force: true }); } catch { /* not ours to remove: written over */ }
    }
  }
}

function ours(file: string, sig: RegExp): boolean {
  try {
    const fd = openSync(file, 'r'), buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    return sig.test(buf.subarray(0, n).toString('utf8'));
  } catch { return false; }
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
