/**
 * The search worker: loads model files (cached per path), builds them with their parameters and
 * runs `check`. It exists because a synchronous search cannot see SIGINT: the main thread keeps
 * its event loop and sets the shared interrupt flag instead. Not a pool: one job at a time.
 */
import { parentPort } from 'node:worker_threads';
import { check } from '../engine/check.js';
import { ProbecheckError, refuseProcessExit } from '../engine/errors.js';
import type { ModelFactory } from '../engine/model.js';
import { buildModel, loadProperties, requireProperties, setProperties } from './build.js';
import { resolveParams } from '../engine/params.js';
import { forgetLoadedFiles, loadModel, loadPatchFiles } from '../load.js';
import type { CheckJob, WorkerReply } from './job.js';
import { fileSource } from '../source.js';

refuseProcessExit();
const factories = new Map<string, ModelFactory>();

async function run(id: number, job: CheckJob, interrupt: Int32Array): Promise<WorkerReply> {
  let f = factories.get(job.file);
  if (!f) { f = await loadModel(job.file); factories.set(job.file, f); }
  await loadPatchFiles(job.params.patches);
  setProperties(await loadProperties(job.propertyFiles));
  const params = resolveParams(f.name, f.params ?? {}, job.params);
  const model = buildModel(f, job.params, job.file);
  requireProperties(model, job.properties);
  const { file: _file, params: _params, propertyFiles: _pf, ...options } = job;
  const result = check(model, {
    ...options, interrupt,
    workers: job.workers ?? 1, source: fileSource(job.file, job.params, job.propertyFiles),
    onProgress: (progress) => parentPort!.postMessage({ id, kind: 'progress', progress } satisfies WorkerReply),
  });
  return { id, kind: 'done', done: { result, factory: f.name, params } };
}

type Request = { id: number; job: CheckJob; interrupt: SharedArrayBuffer } | { forget: true };

parentPort!.on('message', async (m: Request) => {
  // A kept worker (Checker.keepWorker) serves the next command, which loads its own model files.
  if ('forget' in m) { factories.clear(); forgetLoadedFiles(); return; }
  const { id, job } = m;
  let reply: WorkerReply;
  try { reply = await run(id, job, new Int32Array(m.interrupt)); } catch (e) {
    reply = e instanceof ProbecheckError
      ? { id, kind: 'error', code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) }
      : { id, kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
