/**
 * The README's "Getting started", run as written: its ts blocks are written (by the path on their
 * first line, `// ci/mydrv.suite.ts`) into an empty temporary folder with no node_modules, and
 * each `$ ` line of its console blocks runs there, in order; the lines after it are the whole
 * output (`...` alone skips lines, a line ending in ` ...` is a prefix).
 */
import { mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, consoleCommands, docSection, outputMatches } from './doc-blocks.js';
import { hasStack, probecheck, tempDir } from './run.js';

const { start, section } = docSection('README.md', '\n## Getting started\n');
const blocks = codeBlocks(section);
const commands = () => consoleCommands(blocks);
// The expected lines reach the output's last line: a user sees every line the README leaves out.
const matches = (output: string[], expected: string[]) => outputMatches(output, expected, true);

describe("the README's Getting started, from an empty folder", () => {
  const dir = realpathSync(tempDir());
  for (const b of blocks.filter((x) => x.lang === 'ts')) {
    const name = /^\/\/ (\S+\.ts)\n/.exec(b.text)![1]!;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), b.text);
  }

  it('has its files and commands, and the folder holds nothing else', () => {
    expect(start).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['child-regulator.ts', 'ci', 'mydrv.ts', 'nolink-unbinding.ts']);
    expect(commands().map((c) => c.args[0])).toEqual(['check', 'check', 'source', 'check', 'diff', 'check']);
  });

  // In order: the suite's run writes junit.xml last.
  it.each(commands().map((c) => [c.args.join(' '), c] as const))('probecheck %s', (_n, c) => {
    const r = probecheck(c.args, { cwd: dir });
    const text = r.stdout + r.stderr;
    expect(hasStack(text)).toBe(false);
    expect(r.status, text).toBe(c.exit);
    const lines = text.replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
    expect(matches(lines, c.expected), `expected:\n${c.expected.join('\n')}\ngot:\n${text}`).toBe(true);
  });

  it('the suite wrote its JUnit report', () => {
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<testsuites[^>]* failures="0"/);
  });
});
