/**
 * The executable itself (`node dist/cli/main.js`), in a child process: the status main() returns
 * is the process's exit status, and a reader that leaves early (`| head`) ends it quietly. The
 * other CLI tests run the same `main()` in-process (run.ts); interactive.test.ts sends Ctrl-C
 * to a process (exit 3).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, PROBE_TREE, ROOT, tempDir } from './run.js';

describe('node dist/cli/main.js', () => {
  // A reader that leaves does not change the status: `probecheck check ... | head` under
  // pipefail reads the verdict's (it was 0, whatever the verdict), and an error's stays 2 when
  // stderr's reader leaves too (a new-user pass saw 1 in about half the runs: the EPIPE on
  // stderr was an uncaught error).
  it('a reader that leaves (EPIPE) changes nothing: the verdict\'s status, nothing on stderr', async () => {
    // 126 KB of JSON into a pipe nobody reads: it fills (64 KB) whenever the reader leaves, so the
    // write fails with EPIPE whatever the timing.
    const args = [CLI, 'check', 'models/deferred-probe.ts', '--param', 'variant=loop', '--param', 'profile=v4.2', '--json'];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const status = await new Promise<number | null>((res) => child.on('close', res));
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  // The process's exit 2 for a bad input (main()'s status) is this test's: the same command's
  // one line and no stack trace are check.test.ts's 'unknown parameter', run in-process (a process
  // of its own for that alone was 0.5-2 s). A violation's status 1 is the EPIPE test's above (its
  // reader leaves, its stderr is read: a stack there, or an uncaught error's 1, fails it).
  it('an error whose readers both left still exits 2', async () => {
    const dir = tempDir();
    // Both pipes are closed before node has started, so the error line's write fails with EPIPE.
    const args = [CLI, 'check', PROBE_TREE, '--param', 'X=1'];
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    child.stderr.destroy();
    const status = await new Promise<number | null>((res) => child.on('close', res));
    expect(status).toBe(2);
  });
});
