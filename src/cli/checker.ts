/**
 * The main thread's side of the search worker: `run(job)` resolves with the result (or rejects
 * with the ProbecheckError the worker hit); `interrupt()` asks the running search to stop with
 * partial results (Ctrl-C). Progress reports are passed to `onProgress`.
 * A host that runs many commands in one process (the CLI tests run `main()` in-process) may set
 * `Checker.keepWorker`: then `close()` keeps the idle worker for the next Checker instead of
 * ending it, and the worker forgets the model files it loaded, so each command loads its own.
 */
import { Worker } from 'node:worker_threads';
import { ProbecheckError } from '../engine/errors.js';
import type { Progress } from '../engine/search/types.js';
import type { CheckJob, JobDone, WorkerReply } from './job.js';

// Built, the worker is worker.js beside this file. Run from source (tsx, vitest) it is worker.ts,
// which the worker loads through tsx's API, as the main thread loads model files.
const DEV = import.meta.url.endsWith('.ts');

function startWorker(): Worker {
  if (!DEV) return new Worker(new URL('./worker.js', import.meta.url));
  const src = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${src}, ${src}))`, { eval: true });
}

/** The idle worker a closed Checker left behind when `keepWorker` is set. */
let spare: Worker | undefined;

export class Checker {
  static keepWorker = false;
  private worker?: Worker;
  private listeners: [string, (...a: any[]) => void][] = [];
  private readonly flag = new SharedArrayBuffer(4);
  private nextId = 1;
  private pending = new Map<number, { resolve: (d: JobDone) => void; reject: (e: Error) => void }>();
  onProgress?: (p: Progress) => void;

  /** True once Ctrl-C was pressed: later jobs start already interrupted. */
  get interrupted(): boolean { return Atomics.load(new Int32Array(this.flag), 0) !== 0; }

  interrupt(): void { Atomics.store(new Int32Array(this.flag), 0, 1); }

  run(job: CheckJob): Promise<JobDone> {
    const w = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, job, interrupt: this.flag });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    for (const [event, f] of this.listeners) w.off(event, f);
    if (Checker.keepWorker && !spare && !this.pending.size) {
      w.postMessage({ forget: true });
      w.unref();
      spare = w;
    } else await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = spare ?? startWorker();
    spare = undefined;
    w.ref();
    const on = (event: string, f: (...a: any[]) => void) => { w.on(event, f); this.listeners.push([event, f]); };
    on('message', (m: WorkerReply) => {
      if (m.kind === 'progress') { this.onProgress?.(m.progress); return; }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.kind === 'done') p.resolve(m.done);
      else p.reject(m.code ? Object.assign(new ProbecheckError(m.code, m.message), m.detail ? { detail: m.detail } : {}) : new Error(m.message));
    });
    on('error', (e: Error) => { if (spare === w) spare = undefined; this.failAll(e); });
    on('exit', (code: number) => { if (spare === w) spare = undefined; if (this.pending.size) this.failAll(new Error(`search worker exited with status ${code}`)); });
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
