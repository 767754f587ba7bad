#!/usr/bin/env node
/** The `probecheck` executable: runs the program on this process's argv and streams. */
import { processIo } from './io.js';
import { EXIT } from './exit.js';
import { main, strayErrorLines } from './program.js';

// An EPIPE from `probecheck ... | head` (on either stream) is the reader leaving, not an error:
// what is left unwritten is dropped, and the exit status is still the verdict's or the error's
// (a CI step that reads the status through a pipe must not see 0 for a violation, nor 1 for E2xx).
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e; });
}
// An error no call of ours catches (a user file's timer, a promise no one awaits) is one line and
// exit 2, as every bad input is: not Node's stack trace and exit 1, which reads as "violated".
const stray = (e: unknown) => {
  if (process.env.PROBECHECK_DEBUG) process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  for (const l of strayErrorLines(e)) if (!process.stderr.destroyed) process.stderr.write(`${l}\n`);
  process.exit(EXIT.usage);
};
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);
process.exitCode = await main(process.argv.slice(2), processIo());
