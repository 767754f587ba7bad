/**
 * Preloaded (`node --import`) into the CLI by the Ctrl-C test: writes one line to stderr when the
 * search worker sends its first progress report, that is, once a search is really running and
 * the command's SIGINT handler is installed. The test waits for that line instead of guessing
 * how long start-up takes on a loaded machine.
 */
import { Worker } from 'node:worker_threads';

export const RUNNING = 'probecheck-test: search running';

const emit = Worker.prototype.emit;
let told = false;
Worker.prototype.emit = function (event, ...args) {
  if (!told && event === 'message' && args[0]?.kind === 'progress') {
    told = true;
    process.stderr.write(`${RUNNING}\n`);
  }
  return emit.call(this, event, ...args);
};
