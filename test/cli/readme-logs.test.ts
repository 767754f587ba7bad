/**
 * docs/boot-logs.md ("From a boot log") shows whole outputs: each output block right after a shell
 * block is all that block's last command prints, line for line (examples.test.ts only asks that
 * a README sample occur somewhere in the output, as consecutive lines, so a sample missing its
 * first or last lines passed there). The commands of each block run in order, from a folder
 * outside the repository with models/ linked in, as a reader runs them.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, probecheck, tempDir } from './run.js';

const section = readFileSync(join(ROOT, 'docs/boot-logs.md'), 'utf8');
const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```\n/gm)];
const cases = blocks.flatMap((b, i) => {
  const next = blocks[i + 1];
  if (b[1] !== 'sh' || !next || next[1] !== '' || next.index !== b.index! + b[0].length) return [];
  const commands = b[2]!.split('\n').map((l) => l.trim()).filter((l) => /^(npx )?probecheck /.test(l)).map((l) => l.split(/\s+#/)[0]!.replace(/^npx /, '').split(/\s+/).slice(1));
  return [{ commands, sample: next[2]!.replace(/\n$/, '').split('\n') }];
});

describe('docs/boot-logs.md: each output block is the whole output of its command', () => {
  it('the section has its two output blocks', () => {
    expect(section.startsWith('# From a boot log\n')).toBe(true);
    expect(cases).toHaveLength(2);
  });
  it.each(cases.map((c) => [c.commands.at(-1)!.join(' '), c] as const))('probecheck %s', (_, c) => {
    const dir = tempDir('probecheck-readme-logs-');
    symlinkSync(join(ROOT, 'models'), join(dir, 'models'), 'dir');
    let out = '';
    for (const args of c.commands) out = probecheck(args, { cwd: dir }).stdout;
    expect(c.sample).not.toContain('...');
    expect(out.replace(/\n$/, '').split('\n').map((l) => l.trimEnd())).toEqual(c.sample.map((l) => l.trimEnd()));
  });
});
