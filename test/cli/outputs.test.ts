/** Output files are checked before the search: a path that cannot be written is exit 2 at once. */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_TREE, ROOT, hasStack, probecheck, tempDir } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const v42 = [PROBE_TREE, '--param', 'N=3', '--param', 'variant=v4.2'];
const dir = tempDir();
writeFileSync(join(dir, 'file'), '');
mkdirSync(join(dir, 'sub'));

describe('unwritable output paths fail before the search', () => {
  const cases: [string, string, string][] = [
    ['--html', join(dir, 'missing/r.html'), `directory ${join(dir, 'missing')} does not exist`],
    ['--junit', join(dir, 'file/j.xml'), `${join(dir, 'file')} is not a directory`],
    ['--trace-out', join(dir, 'sub'), 'it is a directory'],
    ['--itf', join(dir, 'missing/t.itf.json'), `directory ${join(dir, 'missing')} does not exist`],
  ];
  it.each(cases)('%s %s', (flag, path, why) => {
    const r = probecheck(['check', ...v42, flag, path]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`probecheck: E501 (bad command-line usage): ${flag} ${path}: cannot write: ${why}`);
    // Nothing was searched: the verdicts of a finished model would be on stdout.
    expect(r.stdout).toBe('');
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('from-log -o fails in the same words and with the same code (was E503 "unreadable input file")', () => {
    const log = join(ROOT, 'models/logs/ti-sysc-deferred.log');
    for (const [path, why] of [[join(dir, 'missing/x.ts'), `directory ${join(dir, 'missing')} does not exist`], [join(dir, 'sub'), 'it is a directory']] as const) {
      const r = probecheck(['from-log', log, '-o', path]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(`probecheck: E501 (bad command-line usage): -o ${path}: cannot write: ${why}`);
      expect(r.stdout).toBe('');
    }
  });

  it('simulate checks them too', () => {
    const r = probecheck(['simulate', ...v42, '--runs', '5', '--html', join(dir, 'missing/r.html')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it.skipIf(process.getuid?.() === 0)('a read-only directory (skipped as root, who may write anywhere)', () => {
    const ro = join(tempDir(), 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = probecheck(['check', ...v42, '--junit', join(ro, 'j.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write: directory .*ro is not writable \(EACCES\)/);
    expect(r.stdout).toBe('');
  });

  it('two output flags on one path: one usage error before the search, nothing written (a CI hunt, 2026-12-05)', () => {
    const u = userFolder();
    writeFileSync(join(u, 'same.x'), 'mine');
    // (In the order of the flags' list: --trace-out, --itf, --html, --junit, --json-out.)
    for (const [a, b] of [['--trace-out', '--itf'], ['--junit', '--json-out'], ['--html', '--json-out']]) {
      // The same file by two spellings is one path.
      const r = oneErrorLine(u, ['check', ...v42, '-q', b!, './same.x', a!, 'same.x'], new RegExp(`^probecheck: E501 \\(bad command-line usage\\): ${a} same\\.x and ${b} \\./same\\.x are one file: one report would overwrite the other; give each a file of its own$`));
      expect(r.stdout).toBe('');
      expect(readFileSync(join(u, 'same.x'), 'utf8')).toBe('mine');
    }
  });

  it('a writable path is written after the search', () => {
    const f = join(dir, 'sub/r.html');
    const r = probecheck(['check', ...v42, '-q', '--html', f]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('parent-before-child');
  });
});

describe('-q keeps what must not be missed', () => {
  it('check -q: the verdict table and why the search stopped early', () => {
    const r = probecheck(['check', PROBE_TREE, '--param', 'N=5', '--max-states', '100', '-q']);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/no-deadlock\s+unknown/);
    expect(r.stdout).toContain('search stopped early: max-states (--max-states): the limit of 100 states reached');
    expect(r.stdout).toContain('properties not violated so far are unknown');
    expect(r.stdout).not.toMatch(/states\/s/); // no statistics
  });

  it('diff -q: the comparison table and why a search stopped early', () => {
    const r = probecheck(['diff', PROBE_TREE, '--param', 'N=5', '--patched-param', 'variant=v4.2', '--max-states', '100', '-q']);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('base: search stopped early: max-states');
    expect(r.stdout).toContain('patched: search stopped early: max-states');
  });
});

describe('--itf with several counterexamples', () => {
  it('names each file it writes on stderr, FILE with -1, -2 before the extension', () => {
    const d = tempDir(), f = join(d, 't.itf.json');
    const r = probecheck(['check', ...v42, '-q', '--itf', f]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `probecheck: wrote ITF trace of parent-before-child (probe-tree) to ${join(d, 't.itf-1.json')}`,
      `probecheck: wrote ITF trace of no-bind-after-unregister (probe-tree) to ${join(d, 't.itf-2.json')}`,
    ]);
    expect(probecheck(['check', '--help']).stdout.replace(/\s+/g, ' ')).toContain('FILE-1.ext, FILE-2.ext');
  });
});
