/**
 * A user's own folder, outside the repository, with probecheck installed as a user's clone would
 * have it (node_modules/probecheck -> the repository), and the check every bad input gets: one
 * line on stderr, exit 2, no stack trace.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, hasStack, probecheck, tempDir, type Transcript } from './run.js';

export function userFolder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'probecheck'), 'dir');
  return dir;
}

/** Run probecheck in `dir`: it must fail with exactly one line matching `line`. */
export function oneErrorLine(dir: string, args: string[], line: RegExp): Transcript {
  const r = probecheck(args, { cwd: dir });
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(line);
  expect(hasStack(r.stderr + r.stdout)).toBe(false);
  return r;
}
