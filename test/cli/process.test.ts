/**
 * The executable itself (`node dist/cli/main.js`), in a child process: the status main() returns
 * is the process's exit status, and a reader that leaves early (`| head`) ends it quietly. The
 * other CLI tests run the same `main()` in-process (run.ts); interactive.test.ts sends Ctrl-C
 * to a process (exit 3).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, PROBE_TREE, ROOT, hasStack, probecheckProcess, tempDir } from './run.js';

describe('node dist/cli/main.js', () => {
  it.each([
    [1, ['check', PROBE_TREE, '--param', 'variant=v4.2', '-q']],
    [2, ['check', PROBE_TREE, '--param', 'X=1']],
  ] as const)('exits %i', (status, args) => {
    const r = probecheckProcess(args, { cwd: tempDir() });
    expect(r.status, r.stderr).toBe(status);
    expect(hasStack(r.stdout + r.stderr)).toBe(false);
  });

  it('a reader that leaves (EPIPE) ends it with status 0 and nothing on stderr', async () => {
    // 126 KB of JSON into a pipe nobody reads: it fills (64 KB) whenever the reader leaves, so the
    // write fails with EPIPE whatever the timing.
    const args = [CLI, 'check', 'models/deferred-probe.ts', '--param', 'variant=loop', '--param', 'profile=v4.2', '--json'];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const status = await new Promise<number | null>((res) => child.on('close', res));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
