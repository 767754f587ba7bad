/**
 * Where a command writes: stdout for results, stderr for progress, warnings and errors, and the
 * colours each may use. Commands take an Io rather than touching process streams directly.
 */
import { colorsFor, plain, type Colors } from '../report/colors.js';

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

/** Every write is a whole line: a missing final newline is added. */
const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

export function processIo(): Io {
  return {
    // A stream whose reader left (main.ts) takes nothing more.
    out: (s) => { if (!process.stdout.destroyed) process.stdout.write(line(s)); },
    err: (s) => { if (!process.stderr.destroyed) process.stderr.write(line(s)); },
    colors: colorsFor(process.stdout), errColors: colorsFor(process.stderr),
    width: Math.max(60, Math.min(process.stdout.columns ?? 100, 160)),
    stderr: process.stderr, env: process.env,
  };
}

/**
 * An Io that keeps what a command writes, as a process with both streams piped would see it
 * (no colours, no TTY, width 100): for running commands in-process (the CLI tests, embedding).
 */
export function bufferIo(env: NodeJS.ProcessEnv): { io: Io; stdout: () => string; stderr: () => string } {
  let stdout = '', stderr = '';
  const errStream = { isTTY: false, write: (s: string) => { stderr += s; return true; } } as unknown as NodeJS.WriteStream;
  const io: Io = {
    out: (s) => { stdout += line(s); },
    err: (s) => { stderr += line(s); },
    colors: plain, errColors: plain, width: 100, stderr: errStream, env,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
