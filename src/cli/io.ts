/**
 * Where a command writes: stdout for results, stderr for progress, warnings and errors, and the
 * colours each may use. Commands take an Io rather than touching process streams directly.
 */
import { colorsFor, type Colors } from '../report/colors.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  colors: Colors;
  errColors: Colors;
  /** Terminal width for trace columns. */
  width: number;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return {
    out: (s) => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); },
    err: (s) => { process.stderr.write(s.endsWith('\n') ? s : `${s}\n`); },
    colors: colorsFor(process.stdout), errColors: colorsFor(process.stderr),
    width: Math.max(60, Math.min(process.stdout.columns ?? 100, 160)),
    stderr: process.stderr, env: process.env,
  };
}
