/** Terminal behaviour: the progress line (TTY only) and Ctrl-C ending a search with partial results. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';
import { CLI, PROBE_TREE, ROOT } from './run.js';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 100, write: (s: string) => { out.push(s); return true; } } as unknown as NodeJS.WriteStream };
}

describe('progress line', () => {
  it('on a TTY: rewritten in place with states, rate, depth, queue, elapsed; erased at the end', () => {
    const { out, stream } = fakeStream(true);
    const p = new ProgressLine(stream, 'probe-tree');
    p.update({ states: 1_234_567, transitions: 9, depth: 42, queue: 1000, seconds: 2 });
    expect(out[0]).toBe('\r\x1b[2K2s  1,234,567 states  617.3k/s  depth 42  queue 1,000  probe-tree');
    p.clear();
    expect(out[1]).toBe('\r\x1b[2K');
  });

  it('is cut to the terminal width', () => {
    const { out, stream } = fakeStream(true);
    (stream as { columns: number }).columns = 30;
    new ProgressLine(stream, 'probe-tree').update({ states: 1_234_567, transitions: 9, depth: 42, queue: 1000, seconds: 2 });
    expect(out[0]).toBe('\r\x1b[2K2s  1,234,567 states  617.3k/');
  });

  it('not on a TTY: silent', () => {
    const { out, stream } = fakeStream(false);
    const p = new ProgressLine(stream);
    p.update({ states: 1, transitions: 1, depth: 1, queue: 1, seconds: 1 });
    p.clear();
    expect(out).toEqual([]);
  });
});

describe('Ctrl-C', () => {
  it('ends the search and prints partial results, exit 3', async () => {
    // SIGINT goes out once the search reports progress (search-running.mjs), never after a guessed delay.
    const hook = new URL('./search-running.mjs', import.meta.url).href;
    const child = spawn(process.execPath, ['--import', hook, CLI, 'check', PROBE_TREE, '--param', 'N=14', '--param', 'variant=fixed'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '', sent = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && stderr.includes('probecheck-test: search running')) { sent = true; child.kill('SIGINT'); }
    });
    const status = await new Promise<number | null>((res) => child.on('close', res));
    expect(sent, stderr).toBe(true);
    expect(status).toBe(3);
    expect(stderr).toContain('probecheck: interrupted; finishing with partial results');
    expect(stdout).toMatch(/no-deadlock\s+unknown/);
    expect(stdout).toContain('search stopped early: interrupted');
  });
});
