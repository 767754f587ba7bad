/**
 * Transcript helper: runs the built CLI (`npm test` builds first) without colours or CI
 * annotations, and returns its status and output.
 *
 * `probecheck(args, { cwd })` runs `main(argv, io)` of dist/cli/program.js, the function the
 * executable runs, in a worker thread of the test process (host.mjs), and waits for it
 * synchronously: the same code, arguments, working directory, environment and output, without
 * starting Node for every transcript (0.5-1 s each on a loaded 2-core machine). The test
 * process (vitest's `forks` pool: one process per test file) changes directory for the call
 * and back. `probecheckProcess` runs the executable itself, for what only a process shows: its
 * exit status, signals, pipes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist/cli/main.js');
export const FIXTURES = join(ROOT, 'test/cli/fixtures');
export const PROBE_TREE = join(ROOT, 'models/bench/probe-tree.ts');

export interface Transcript { status: number | null; stdout: string; stderr: string }

export interface RunOptions { cwd?: string; env?: Record<string, string>; spawn?: boolean }

const LIMIT_MS = 120_000;

function cliEnv(o: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...o.env };
  delete env.FORCE_COLOR;
  if (!o.env?.GITHUB_ACTIONS) delete env.GITHUB_ACTIONS;
  return env;
}

export function probecheck(args: readonly string[], o: RunOptions = {}): Transcript {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const cwd = resolve(o.cwd ?? ROOT), before = process.cwd();
  // Only a process's main thread may change directory; elsewhere, a process of its own.
  if (o.spawn || (cwd !== before && !isMainThread)) return probecheckProcess(args, o);
  if (cwd === before) return inProcess(args, cliEnv(o));
  process.chdir(cwd);
  try { return inProcess(args, cliEnv(o)); } finally { process.chdir(before); }
}

/** The executable in a child process: `node dist/cli/main.js ARGS`. */
export function probecheckProcess(args: readonly string[], o: RunOptions = {}): Transcript {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: o.cwd ?? ROOT, env: cliEnv(o), encoding: 'utf8', timeout: LIMIT_MS });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let host: { worker: Worker; port: MessagePort; done: Int32Array } | undefined;

function inProcess(args: readonly string[], env: NodeJS.ProcessEnv): Transcript {
  if (!host) {
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./host.mjs', import.meta.url), {
      workerData: { port: port2, done: done.buffer, dist: pathToFileURL(join(ROOT, 'dist/')).href }, transferList: [port2],
    });
    worker.unref();
    host = { worker, port: port1, done };
  }
  // (An answer that came after its caller gave up must not pass for this one's.)
  while (receiveMessageOnPort(host.port)) { /* drop it */ }
  Atomics.store(host.done, 0, 0);
  host.port.postMessage({ argv: [...args], env });
  if (Atomics.wait(host.done, 0, 0, LIMIT_MS) === 'timed-out') throw new Error(`probecheck ${args.join(' ')}: no answer in ${LIMIT_MS / 1000} s`);
  // The answer is posted before the flag is set, but on a loaded machine it has been seen to
  // arrive after the wake (one run in many under a load average of 20): wait a little for it.
  let m = receiveMessageOnPort(host.port)?.message as (Transcript & { crash?: string }) | undefined;
  for (let i = 0; !m && i < 100; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    m = receiveMessageOnPort(host.port)?.message as (Transcript & { crash?: string }) | undefined;
  }
  if (!m || m.crash) throw new Error(`probecheck ${args.join(' ')}: the in-process host failed: ${m?.crash ?? 'no answer'}`);
  return { status: m.status, stdout: m.stdout, stderr: m.stderr };
}

/** A temporary folder, removed when the test file ends (test/temp.ts). */
export { tempDir } from '../temp.js';

/** No output of the CLI may ever carry a stack trace. */
export function hasStack(s: string): boolean { return /\n\s+at .+[(:]\d+/.test(s); }
