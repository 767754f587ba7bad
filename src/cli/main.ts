#!/usr/bin/env node
/** The `probecheck` executable: runs the program on this process's argv and streams. */
import { processIo } from './io.js';
import { EXIT } from './exit.js';
import { ProbecheckError } from '../engine/errors.js';
import { importedFiles } from '../load.js';
import { main, strayErrorLines } from './program.js';

// An EPIPE from `probecheck ... | head` (on either stream) is the reader leaving, not an error:
// what is left unwritten is dropped, and the exit status is still the verdict's or the error's
// (a CI step that reads the status through a pipe must not see 0 for a violation, nor 1 for E2xx).
// Any other failure to write (a full disk: `> /dev/full`) is the output's, said as every file the
// CLI writes says it, exit 2: it was thrown, and read "internal error ... a bug in probecheck".
for (const [name, s] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    if (name === 'stdout' && !process.stderr.destroyed) process.stderr.write(`probecheck: ${new ProbecheckError('E501', `${name}: cannot write: ${e.code ?? e.message}`).describe()}\n`);
    finished = true;
    process.exit(EXIT.usage);
  });
}
// An error no call of ours catches (a user file's timer, a promise no one awaits) is one line and
// exit 2, as every bad input is: not Node's stack trace and exit 1, which reads as "violated".
const stray = (e: unknown) => {
  if (process.env.PROBECHECK_DEBUG) process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  for (const l of strayErrorLines(e)) if (!process.stderr.destroyed) process.stderr.write(`${l}\n`);
  finished = true;
  process.exit(EXIT.usage);
};
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);
// A user file that calls process.exit() as it loads, or from a timer it started (before the
// verdict or after it, while the process waits on that timer), ends the run with its own status:
// exit 2 and a line saying so instead (exit 0 read as "every property holds", even after a
// violation was printed: a review, 2026-12-06). A second Ctrl-C (130), a stray error's exit 2
// and Node's 13 (a top-level await that never settles) pass.
let finished = false, verdict: number | undefined;
process.on('exit', (code) => {
  if (finished || code === 130 || code === 13 || code === verdict) return;
  const files = importedFiles();
  if (!files.length) return;
  const when = verdict === undefined ? 'before probecheck finished: nothing was checked' : `after the verdict (exit ${verdict}): its status is not the check's`;
  process.stderr.write(`probecheck: E105 (input file could not be loaded): ${files.join(' or ')}: called process.exit(${code}) ${when}\n`);
  process.exitCode = EXIT.usage;
});
verdict = await main(process.argv.slice(2), processIo());
process.exitCode = verdict;
// A user file's timer or handle that never ends (a setInterval) kept the process alive after the
// verdict, for ever (a CI job then ran into its own time limit). Unref'd: it only fires where
// something else still holds the process, and waits for what stdout and stderr still hold.
const quit = (): void => { if (process.stdout.writableLength || process.stderr.writableLength) setTimeout(quit, 100).unref(); else process.exit(); };
if (importedFiles().length) setTimeout(quit, 1000).unref();
