/**
 * Temporary folders for tests. tempDir() makes one under the run's own TMPDIR
 * (test/global-setup.ts), which is removed with everything in it when the run ends, so that
 * `npm test` leaves nothing in /tmp. Only what this run made is removed: several test runs may
 * share a machine, so never by prefix or age.
 *
 * Not removed when its test file ends: threads the in-process CLI host starts while a command
 * runs in such a folder keep it as their working directory (esbuild, which tsx runs, starts its
 * service there later; tried, 2026-12-06: once the folder was gone, every later model load in
 * that test process failed with "The service is no longer running").
 *
 * `watchTempDirs` also notes every folder made with fs.mkdtemp in this process: one made some
 * other way than tempDir and still there when its file ends is a leak, and setup.ts fails that
 * file naming it.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Made by tempDir: removed with the run's TMPDIR. */
const owned = new Set<string>();
/** Made by fs.mkdtemp in this process since watchTempDirs: each must be gone when the file ends, or be tempDir's. */
const made = new Set<string>();

export function tempDir(prefix = 'probecheck-cli-'): string {
  const dir = fs.mkdtempSync(join(tmpdir(), prefix));
  owned.add(dir);
  return dir;
}

/** The folders fs.mkdtemp made since the last call, not by tempDir, that are still there (a leak). */
export function leakedTempDirs(): string[] {
  const leaked = [...made].filter((d) => !owned.has(d) && fs.existsSync(d));
  made.clear();
  owned.clear();
  return leaked;
}

let watching = false;

/** Note the folders fs.mkdtemp makes in this thread's module (named imports of node:fs included). */
export function watchTempDirs(): void {
  if (watching) return;
  watching = true;
  const sync = fs.mkdtempSync, cb = fs.mkdtemp, promised = fs.promises.mkdtemp;
  fs.mkdtempSync = function (this: unknown, ...a: Parameters<typeof sync>) {
    const dir = sync.apply(this, a);
    made.add(String(dir));
    return dir;
  } as typeof sync;
  fs.mkdtemp = function (this: unknown, ...a: unknown[]) {
    const done = a.pop() as (e: NodeJS.ErrnoException | null, dir?: string) => void;
    return (cb as (...x: unknown[]) => void).apply(this, [...a, (e: NodeJS.ErrnoException | null, dir?: string) => {
      if (!e && dir) made.add(String(dir));
      done(e, dir);
    }]);
  } as typeof cb;
  fs.promises.mkdtemp = async function (this: unknown, ...a: Parameters<typeof promised>) {
    const dir = await promised.apply(this, a);
    made.add(String(dir));
    return dir;
  } as typeof promised;
  syncBuiltinESMExports();
}
