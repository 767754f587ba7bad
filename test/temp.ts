/**
 * Temporary folders for tests, removed when their test file ends (test/setup.ts), so that
 * `npm test` leaves nothing in /tmp. Only what this process made is removed, by path: several
 * test runs may share a machine, so never by prefix or age.
 *
 * `watchTempDirs` also notes every folder made with fs.mkdtemp in this process (a test that
 * makes its own instead of calling tempDir): one still there when its file ends is a leak, and
 * setup.ts fails that file naming it.
 */
import fs, { rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Made by tempDir: removed when the file ends. */
const owned = new Set<string>();
/** Made by fs.mkdtemp in this process since watchTempDirs: each must be gone when the file ends. */
const made = new Set<string>();

export function tempDir(prefix = 'probecheck-cli-'): string {
  const dir = fs.mkdtempSync(join(tmpdir(), prefix));
  owned.add(dir);
  return dir;
}

/** Remove every folder tempDir made; the folders made otherwise that are still there (a leak), also removed. */
export function removeTempDirs(): string[] {
  for (const dir of owned) { rmSync(dir, { recursive: true, force: true }); made.delete(dir); }
  owned.clear();
  const leaked = [...made].filter((d) => fs.existsSync(d));
  for (const dir of leaked) rmSync(dir, { recursive: true, force: true });
  made.clear();
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
