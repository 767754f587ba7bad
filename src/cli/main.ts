#!/usr/bin/env node
/** The `probecheck` executable: runs the program on this process's argv and streams. */
import { processIo } from './io.js';
import { main } from './program.js';

// An EPIPE from `probecheck ... | head` (on either stream) is the reader leaving, not an error:
// what is left unwritten is dropped, and the exit status is still the verdict's or the error's
// (a CI step that reads the status through a pipe must not see 0 for a violation, nor 1 for E2xx).
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e; });
}
process.exitCode = await main(process.argv.slice(2), processIo());
