/**
 * A span of whole lines of a kernel file merged into its excerpt (scripts/import-kernel.ts, `.span`):
 * the modelled functions the span holds get the file's line numbers; each one the excerpt already
 * has must come out byte for byte at the same line, else the merge throws and nothing is written.
 * Kept apart from the import's file walking so a test can hold the refusal (s48 h16).
 */
import { findFunction } from '../src/kernel/source.js';

export interface Span {
  release: string;
  path: string;
  /** The span's lines, the first of them line `first` of the file. */
  lines: readonly string[];
  first: number;
  /** The excerpt as kernel/<release>/<path> holds it now (undefined: none yet). */
  old: string | undefined;
  /** The functions probecheck models in that file (source.ts MODELLED). */
  want: readonly string[];
  /** The sidecar: repo, path, commit, makefile, note. */
  src: Record<string, string>;
}

/** The excerpt with the span's new functions added, and their names; `added` empty: nothing new (text is then the old one). */
export function mergeSpan(sp: Span): { text: string; added: string[]; same: string[] } {
  const { release, path, lines, first, old, want, src } = sp;
  const parts = old === undefined ? [] : old.split(/^(?=\/\/@ )/m);
  const head = old === undefined ? undefined : parts[0]!;
  const kept = new Map(parts.slice(1).map((b) => [/^\/\/@ (\S+)/.exec(b)![1]!, b.replace(/\n+$/, '\n')]));
  const added: string[] = [], same: string[] = [];
  for (const fn of want) {
    const f = findFunction(lines, fn);
    if (!f) continue;
    const block = `//@ ${fn} ${f.first + first}\n${lines.slice(f.first, f.last + 1).join('\n')}\n`;
    const was = kept.get(fn);
    if (was !== undefined && was !== block) throw new Error(`${release} ${path}: the span's ${fn} differs from kernel/${release}/${path}'s (not written)`);
    if (was === undefined) { kept.set(fn, block); added.push(fn); } else same.push(fn);
  }
  if (!added.length) return { text: old ?? '', added, same };
  const last = first + lines.length - 1;
  const header = head !== undefined
    ? head.replace(/\n+$/, '').split('\n').flatMap((l) => (l.startsWith('// not in this file') ? [`// added from lines ${first}-${last}: ${added.join(', ')}${src.note ? `: ${src.note}` : ''}`, l] : [l])).join('\n')
    : [
      `// probecheck kernel excerpt: ${path} at ${release}. SPDX-License-Identifier: GPL-2.0`,
      `// origin: ${src.repo ?? '?'} ${src.path ?? path} @ ${src.commit ?? '?'}; Makefile: ${src.makefile ?? '?'}`,
      ...(src.note ? [`// note: ${src.note}`] : []),
      `// lines ${first}-${last} (a span of the file); line numbers are that file's`,
      `// not in this file at ${release}: -`,
    ].join('\n');
  return { text: `${header}\n\n${[...kept.values()].join('\n')}`, added, same };
}
