/**
 * Once per `vitest run` (vitest.config.ts globalSetup): the run's test processes get a temporary
 * folder of their own as TMPDIR, removed when the run ends, with every folder tempDir()
 * (test/temp.ts) made in it, tsx's transform cache of the model files the tests write (a few
 * hundred entries a file, kept 7 days in /tmp/tsx-UID otherwise), and whatever child processes
 * and Chromium leave. Several runs on one machine each remove only their own folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-test-run-'));
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
