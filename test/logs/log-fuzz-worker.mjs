/**
 * The log fuzz's reader (log-fuzz.test.ts): a worker thread that runs the built CLI's `from-log` on
 * each log it is sent (main(argv, io) of dist/cli/program.js, as test/cli/host.mjs does), then, where
 * that wrote a scenario, `validate` of the log against it in-process (src/logs/validate.ts, a small
 * state limit). It answers what each returned; an error that is no ProbecheckError is answered with
 * its stack. The test waits for each answer under a time guard, so a reader that never ends is a
 * failing case, not a hung test. Plain JavaScript: worker threads do not go through vitest's transform.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { replier } from '../worker-reply.mjs';

const { port, done, dist, dir } = workerData;
const load = (p) => import(new URL(p, dist).href);
const { main } = await load('cli/program.js');
const { bufferIo } = await load('cli/io.js');
const { parseLog } = await load('logs/parse.js');
const { validate } = await load('logs/validate.js');
const { scenario } = await load('kernel/scenario.js');
const { buildModel } = await load('cli/build.js');
const { ProbecheckError } = await load('engine/errors.js');
const answer = replier(port, done);

port.on('message', async ({ text, maxStates }) => {
  const file = join(dir, 'fuzz.log');
  writeFileSync(file, text);
  const b = bufferIo({ NO_COLOR: '1' });
  const status = await main(['from-log', file], b.io);
  const out = b.stdout(), err = b.stderr();
  let verdict;
  if (status === 0) {
    try {
      const spec = JSON.parse(out.slice(out.indexOf('scenario(') + 9, out.lastIndexOf(');')));
      verdict = validate(buildModel(scenario(spec), {}), parseLog(text), { maxStates }).verdict;
    } catch (e) {
      if (!(e instanceof ProbecheckError)) { answer({ status, out, err, crash: `validate: ${String(e?.stack ?? e)}` }); return; }
      verdict = `${e.code}: ${e.message}`;
    }
  }
  answer({ status, out, err, verdict });
});
