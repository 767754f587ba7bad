/**
 * Transcript helper: runs the built CLI (`node dist/cli/main.js`, as `npm test` builds first)
 * in a child process without colours or CI annotations, and returns its status and output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist/cli/main.js');
export const FIXTURES = join(ROOT, 'test/cli/fixtures');
export const PROBE_TREE = join(ROOT, 'models/bench/probe-tree.ts');

export interface Transcript { status: number | null; stdout: string; stderr: string }

export function probecheck(args: readonly string[], o: { cwd?: string; env?: Record<string, string> } = {}): Transcript {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...o.env };
  delete env.FORCE_COLOR;
  if (!o.env?.GITHUB_ACTIONS) delete env.GITHUB_ACTIONS;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: o.cwd ?? ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string { return mkdtempSync(join(tmpdir(), 'probecheck-cli-')); }

/** No output of the CLI may ever carry a stack trace. */
export function hasStack(s: string): boolean { return /\n\s+at .+[(:]\d+/.test(s); }
