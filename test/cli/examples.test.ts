/**
 * Every example command shown by `--help` (each command's) and by the shell blocks of the README
 * and of docs/*.md (not docs/findings.md, the history of audits: its commands are of their day) is
 * run here, from a folder outside the repository that has the corpus beside it (models/,
 * properties/ linked in, as in a clone), and must end with the exit status it documents: 0, or
 * the `# exit N` written after it. An output block right after a shell block is the
 * output of its last command and must match it line for line (`...` alone skips lines; a line
 * ending in `...` is a prefix).
 * Not run: `npm ...` lines (they build, and `npm test` is this suite; `npm start` is
 * `probecheck check properties/`, the same run as the help's `probecheck check`).
 */
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/args.js';
import { ROOT, hasStack, probecheck, tempDir } from './run.js';

interface Example { source: string; command: string; exit: number; sample?: string[] }

/** `probecheck ARGS   # exit N: why` → the command and its documented exit status. */
function example(source: string, line: string): Example {
  const [command, comment = ''] = line.split(/\s+#\s*/, 2) as [string, string?];
  const m = /^exit (\d)\b/.exec(comment);
  return { source, command: command.trim().replace(/^npx /, ''), exit: m ? Number(m[1]) : 0 };
}

/** Every command the program defines: each help text shows examples, and each is run. */
const COMMANDS = buildProgram(() => {}).commands.map((c) => c.name()).filter((n) => n !== 'help');

function helpExamples(): Example[] {
  const out: Example[] = [];
  for (const args of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
    const h = probecheck(args);
    expect(h.status).toBe(0);
    const lines = h.stdout.split('\n').filter((l) => /^\s*\$ probecheck /.test(l));
    expect(lines.length, `probecheck ${args.join(' ')} shows examples`).toBeGreaterThan(0);
    // Examples that name the repository's files say where they run (s47 h15: steps' failed from a user's folder, E503).
    if (lines.some((l) => /\b(models|properties)\//.test(l))) expect(h.stdout, `probecheck ${args.join(' ')}`).toContain('(run from a clone of the repository');
    for (const l of lines) out.push(example(`probecheck ${args.join(' ')}`, l.replace(/^\s*\$ /, '')));
  }
  return out;
}

/** The README and the manuals in docs/ (not docs/findings.md, which is history). */
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'findings.md').sort().map((f) => `docs/${f}`)];

function docExamples(file: string): Example[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```\n(\s*)/gm)];
  const out: Example[] = [];
  blocks.forEach((b, i) => {
    if (b[1] !== 'sh') return;
    const lines = b[2]!.replace(/\\\n\s*/g, '').split('\n').map((l) => l.trim());
    const cmds = lines.filter((l) => /^(npx )?probecheck /.test(l)).map((l) => example(file, l));
    const unknown = lines.filter((l) => l && !/^(npx )?probecheck /.test(l) && !/^npm /.test(l));
    expect(unknown, `${file}: shell lines are probecheck or npm commands`).toEqual([]);
    // An untagged block right after the shell block is its last command's output.
    const next = blocks[i + 1];
    if (cmds.length && next && next[1] === '' && next.index === b.index! + b[0].length) cmds.at(-1)!.sample = next[2]!.replace(/\n$/, '').split('\n');
    out.push(...cmds);
  });
  return out;
}

/**
 * Is `output` the sample, line for line, from its first line to its last (blank lines at the end
 * aside)? `...` alone skips lines (also at the end: the rest), `x ...` is a prefix of the line.
 */
function matchesSample(output: string, sample: string[]): string | undefined {
  const lines = output.split('\n').map((l) => l.trimEnd());
  while (lines.length && lines.at(-1) === '') lines.pop();
  const fits = (line: string | undefined, s: string) => line !== undefined && (s.endsWith('...') ? line.startsWith(s.slice(0, -3).trimEnd()) : line === s.trimEnd());
  let i = 0, j = 0;
  while (j < sample.length) {
    if (sample[j] === '...') {
      j++;
      if (j === sample.length) return undefined;           // `...` last: the rest of the output
      while (i < lines.length && !fits(lines[i], sample[j]!)) i++;
      if (i >= lines.length) break;
    } else if (fits(lines[i], sample[j]!)) { i++; j++; } else break;
  }
  if (j === sample.length && i === lines.length) return undefined;
  return `the documented sample differs from the output at sample line ${j + 1} (${JSON.stringify(sample[j] ?? '(end of the sample)')}), output line ${i + 1} (${JSON.stringify(lines[i] ?? '(end of the output)')}):\n${output}`;
}

const examples = [...helpExamples(), ...DOCS.flatMap(docExamples)];
// Run each command once, in order: a replay finds the trace file an earlier example wrote.
const distinct = new Map<string, Example & { sources: string[] }>();
for (const e of examples) {
  const d = distinct.get(e.command);
  if (!d) distinct.set(e.command, { ...e, sources: [e.source] });
  else {
    expect(e.exit, `${e.command}: the same exit status in ${e.source} and ${d.sources[0]}`).toBe(d.exit);
    d.sources.push(e.source);
    d.sample ??= e.sample;
  }
}

const dir = tempDir('probecheck-examples-');
for (const f of ['models', 'properties']) symlinkSync(join(ROOT, f), join(dir, f), 'dir');

describe('every documented example runs and ends as documented', () => {
  it('there are examples in every help text, the README and the manuals that show commands', () => {
    const sources = new Set(examples.map((e) => e.source));
    const manuals = ['docs/boot-logs.md', 'docs/how-it-works.md', 'docs/kernel-findings.md', 'docs/patches.md', 'docs/reading-a-trace.md', 'docs/scenarios.md'];
    expect([...sources].sort()).toEqual(['README.md', ...manuals, 'probecheck --help', ...COMMANDS.map((c) => `probecheck ${c} --help`)].sort());
    expect(COMMANDS).toEqual(expect.arrayContaining(['check', 'simulate', 'replay', 'diff', 'profiles', 'source', 'steps']));
    for (const e of examples) expect(e.command, 'no quoting: the test splits on spaces').not.toMatch(/["'`$|;&<>]/);
  });

  // `probecheck check` alone runs every bundled suite (seconds of CPU): suite.test.ts runs it, from another folder, and requires exit 0.
  it.each([...distinct.values()].filter((e) => e.command !== 'probecheck check').map((e) => [e.command, e] as const))('%s', (_c, e) => {
    const r = probecheck(e.command.split(/\s+/).slice(1), { cwd: dir });
    expect(hasStack(r.stdout + r.stderr)).toBe(false);
    expect(r.status, `${e.command} (shown in ${e.sources.join(', ')})\n${r.stderr}`).toBe(e.exit);
    if (e.sample) expect(matchesSample(r.stdout, e.sample)).toBeUndefined();
  });
});
