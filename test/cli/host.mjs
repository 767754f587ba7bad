/**
 * The in-process CLI host of run.ts: a worker thread of the test process that runs the built
 * CLI's `main(argv, io)` (dist/cli/program.js, what `node dist/cli/main.js` runs) once per
 * request, with a fresh buffered Io and the request's environment, and answers with the exit
 * status and both streams. Plain JavaScript: worker threads do not go through vitest's transform.
 */
import { workerData } from 'node:worker_threads';
import { replier } from '../worker-reply.mjs';

const { port, done, dist } = workerData;
const { main } = await import(new URL('cli/program.js', dist).href);
const { bufferIo } = await import(new URL('cli/io.js', dist).href);
const { Checker } = await import(new URL('cli/checker.js', dist).href);
const { forgetLoadedFiles } = await import(new URL('load.js', dist).href);
// Each command still starts its own search worker's session (models are loaded afresh); only
// the thread is kept, as Node's start-up is what makes a transcript slow.
Checker.keepWorker = true;
// A failure outside main() (which catches everything it can) must still wake the caller: replier's.
const answer = replier(port, done);

port.on('message', async ({ argv, env }) => {
  forgetLoadedFiles();
  const b = bufferIo(env);
  const status = await main(argv, b.io);
  answer({ status, stdout: b.stdout(), stderr: b.stderr() });
});
