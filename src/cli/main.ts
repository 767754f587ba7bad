#!/usr/bin/env node
/** The `probecheck` executable: runs the program on this process's argv and streams. */
import { processIo } from './io.js';
import { main } from './program.js';

// An EPIPE from `probecheck ... | head` is the reader leaving, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
process.exitCode = await main(process.argv.slice(2), processIo());
