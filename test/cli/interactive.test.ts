/** Terminal behaviour: the progress line (in place on a TTY, plain lines in CI logs) and Ctrl-C ending a search with partial results. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';
import { sigintHandler } from '../../src/cli/interrupt.js';
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

  const at = (s: number) => ({ states: 1000 * s, transitions: 9, depth: s, queue: 5, seconds: s });

  it('not on a TTY (CI logs): nothing for the first 10 s of the run, then a plain line every 10 s', () => {
    const { out, stream } = fakeStream(false);
    let now = 0;
    const p = new ProgressLine(stream, 'probe-tree', { now: () => now });
    for (const s of [1, 2, 9.9]) { now = s * 1000; p.update(at(s)); }
    expect(out).toEqual([]);
    for (const s of [10, 11, 19.9, 20, 25, 31]) { now = s * 1000; p.update(at(s)); }
    expect(out).toEqual([
      'probecheck: progress: 10s  10,000 states  1.0k/s  depth 10  queue 5  probe-tree\n',
      'probecheck: progress: 20s  20,000 states  1.0k/s  depth 20  queue 5  probe-tree\n',
      'probecheck: progress: 31s  31,000 states  1.0k/s  depth 31  queue 5  probe-tree\n',
    ]);
    p.clear();
    expect(out).toHaveLength(3);
  });

  it('not on a TTY: the 10 s count from the start of the run, not of each search', () => {
    const { out, stream } = fakeStream(false);
    let now = 0;
    const p = new ProgressLine(stream, 'case', { now: () => now });
    // The third search of a suite reports at 1 s of its own, 12 s into the run.
    now = 12_000;
    p.update(at(1));
    expect(out).toEqual(['probecheck: progress: 1s  1,000 states  1.0k/s  depth 1  queue 5  case\n']);
  });

  it('not on a TTY with -q: silent', () => {
    const { out, stream } = fakeStream(false);
    let now = 0;
    const p = new ProgressLine(stream, '', { quiet: true, now: () => now });
    for (const s of [1, 10, 20, 30]) { now = s * 1000; p.update(at(s)); }
    p.clear();
    expect(out).toEqual([]);
  });
});

describe('Ctrl-C', () => {
  // Found by a CI hunt (2026-12-05): `timeout -s INT` and a terminal deliver one Ctrl-C twice.
  it('a second SIGINT within a second is the same keypress; one a second or more later quits (130)', () => {
    let now = 0, firsts = 0;
    const exits: (number | undefined)[] = [];
    const exit = process.exit;
    process.exit = ((c?: number) => { exits.push(c); }) as typeof process.exit;
    try {
      const h = sigintHandler(() => { firsts++; }, () => now);
      h(); now = 5; h(); now = 999; h();
      expect([firsts, exits]).toEqual([1, []]);
      now = 1000; h();
      expect(exits).toEqual([130]);
    } finally { process.exit = exit; }
  });

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
