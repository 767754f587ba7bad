/**
 * A documentation section run as written (getting-started.test.ts, walkthrough.test.ts): its code
 * blocks, and the `$ npx probecheck ... # exit N` lines of its console blocks with the output lines
 * that follow each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run.js';

export interface Block { lang: string; text: string }
export interface Cmd { args: string[]; exit: number; expected: string[] }

/** The section of ROOT/file that starts at `heading`, to the next `## ` heading or the file's end. */
export function docSection(file: string, heading: string): { start: number; section: string } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(heading);
  const end = text.indexOf('\n## ', start + 3);
  return { start, section: text.slice(start, end < 0 ? undefined : end) };
}

export function codeBlocks(section: string): Block[] {
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```\n/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

export function consoleCommands(blocks: readonly Block[]): Cmd[] {
  const out: Cmd[] = [];
  for (const b of blocks.filter((x) => x.lang === 'console')) for (const line of b.text.replace(/\n$/, '').split('\n')) {
    const m = /^\$ npx probecheck (.*?)\s+# exit (\d)$/.exec(line);
    if (m) out.push({ args: m[1]!.split(/\s+/), exit: Number(m[2]), expected: [] });
    else out.at(-1)!.expected.push(line);
  }
  return out;
}

/**
 * Each expected line in order; `...` skips any number of lines, also at the end; `x ...` matches a
 * line starting with x. `whole`: the expected lines reach the output's last line (a user sees every
 * line the text leaves out), else they may stop before it.
 */
export function outputMatches(output: string[], expected: string[], whole: boolean): boolean {
  let i = 0, skip = false;
  for (const e of expected) {
    if (e === '...') { skip = true; continue; }
    const ok = (l: string) => (e.endsWith(' ...') ? l.startsWith(e.slice(0, -4)) : l === e);
    if (skip) { while (i < output.length && !ok(output[i]!)) i++; if (i >= output.length) return false; }
    else if (i >= output.length || !ok(output[i]!)) return false;
    i++; skip = false;
  }
  return !whole || skip || i === output.length;
}
