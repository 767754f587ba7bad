/**
 * The README's "Getting started", run as written: its ts blocks are written (by the path on their
 * first line, `// ci/mydrv.suite.ts`) into an empty temporary folder with no node_modules, and
 * each `$ ` line of its console blocks runs there, in order; the lines after it are the whole
 * output (`...` alone skips lines, a line ending in ` ...` is a prefix).
 */
import { mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStack, probecheck, ROOT, tempDir } from './run.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('\n## Getting started\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```\n/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));

interface Cmd { args: string[]; exit: number; expected: string[] }

function commands(): Cmd[] {
  const out: Cmd[] = [];
  for (const b of blocks.filter((x) => x.lang === 'console')) for (const line of b.text.replace(/\n$/, '').split('\n')) {
    const m = /^\$ npx probecheck (.*?)\s+# exit (\d)$/.exec(line);
    if (m) out.push({ args: m[1]!.split(/\s+/), exit: Number(m[2]), expected: [] });
    else out.at(-1)!.expected.push(line);
  }
  return out;
}

/**
 * Each expected line in order, to the output's last line (a user sees every line the README leaves
 * out); `...` skips any number of lines, also at the end; `x ...` matches a line starting with x.
 */
function matches(output: string[], expected: string[]): boolean {
  let i = 0, skip = false;
  for (const e of expected) {
    if (e === '...') { skip = true; continue; }
    const ok = (l: string) => (e.endsWith(' ...') ? l.startsWith(e.slice(0, -4)) : l === e);
    if (skip) { while (i < output.length && !ok(output[i]!)) i++; if (i >= output.length) return false; }
    else if (i >= output.length || !ok(output[i]!)) return false;
    i++; skip = false;
  }
  return skip || i === output.length;
}

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
