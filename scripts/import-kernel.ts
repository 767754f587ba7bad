/**
 * Imports kernel source excerpts into `kernel/<release>/<path>`: from each kernel file read at a
 * release (a whole file, or a `.fns` file of single functions), the functions probecheck models,
 * verbatim, each under a `//@ NAME FIRSTLINE` marker (`?` when only the function was read, so its
 * line number in the tree is unknown). The origin (repository, commit, Makefile version) goes in
 * the header. This is how every excerpt in `kernel/` was made:
 *
 *   npx tsx scripts/import-kernel.ts CACHE_DIR
 *
 * where CACHE_DIR holds `<release>/<path>` files as read from the trees (with `<file>.source`
 * sidecars: repo=, path=, commit=, makefile=, note=). Not used at run time or in tests.
 *
 * A `<path>.span` file is a run of whole lines of the file, from line `first_line=` (sidecar) on:
 * its modelled functions get that file's line numbers. Where kernel/<release>/<path> exists, its
 * functions are kept, and each one the span also holds must come out byte for byte at the same
 * line (else nothing is written): the span adds functions to an excerpt without re-reading the
 * whole file, and checks itself against what was read before. The sidecar's note is added to the
 * header. A span with no excerpt yet makes one (a text composed from a posting: its note says so).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { MODELLED, findFunction } from '../src/kernel/source.js';
import { mergeSpan } from './kernel-span.js';

const cache = process.argv[2];
if (!cache) { console.error('usage: tsx scripts/import-kernel.ts CACHE_DIR'); process.exit(2); }
const out = new URL('../kernel/', import.meta.url).pathname;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function sidecar(file: string): Record<string, string> {
  const r: Record<string, string> = {};
  if (!existsSync(`${file}.source`)) return r;
  for (const l of readFileSync(`${file}.source`, 'utf8').split('\n')) {
    const i = l.indexOf('=');
    if (i > 0) r[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return r;
}

const report: string[] = [];
for (const release of readdirSync(cache).sort()) {
  const root = join(cache, release);
  if (!statSync(root).isDirectory()) continue;
  for (const file of walk(root)) {
    if (file.endsWith('.source') || /\.p\d+$/.test(file)) continue;
    if (file.endsWith('.span')) { span(release, relative(root, file.slice(0, -5)), file); continue; }
    const partial = file.endsWith('.fns');
    const path = relative(root, partial ? file.slice(0, -4) : file);
    const want = MODELLED[path];
    if (!want) continue;
    const text = readFileSync(file, 'utf8');
    const src = sidecar(file);
    const blocks: string[] = [];
    const missing: string[] = [];
    if (partial) {
      const parts = text.split(/^\/\/@@ /m).slice(1);
      for (const part of parts) {
        const nl = part.indexOf('\n');
        const head = part.slice(0, nl).trim(), body = part.slice(nl + 1).replace(/\s+$/, '');
        const m = /^function\s+(\S+)/.exec(head);
        if (m) blocks.push(`//@ ${m[1]} ?\n${body}\n`);
        const a = /^absent\s+(\S+)/.exec(head);
        if (a) missing.push(a[1]!);
      }
    } else {
      const lines = text.split('\n');
      for (const fn of want) {
        const f = findFunction(lines, fn);
        if (!f) { missing.push(fn); continue; }
        blocks.push(`//@ ${fn} ${f.first + 1}\n${lines.slice(f.first, f.last + 1).join('\n')}\n`);
      }
    }
    if (blocks.length === 0) continue;
    const head = [
      `// probecheck kernel excerpt: ${path} at ${release}. SPDX-License-Identifier: GPL-2.0`,
      `// origin: ${src.repo ?? '?'} ${src.path ?? path} @ ${src.commit ?? '?'}; Makefile: ${src.makefile ?? '?'}`,
      ...(src.note ? [`// note: ${src.note}`] : []),
      `// ${partial ? 'single functions as read (their line numbers in the tree were not read: ?)' : `whole file read (${src.total_chars ?? '?'} chars); line numbers are that file's`}`,
      `// not in this file at ${release}: ${missing.length ? missing.join(', ') : '-'}`,
      '',
    ].join('\n');
    const dest = join(out, release, path);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, `${head}\n${blocks.join('\n')}`);
    report.push(`${release} ${path}: ${blocks.length} functions${missing.length ? `; absent: ${missing.join(', ')}` : ''}`);
  }
}

/** A span of lines (see the head comment): functions added to an excerpt, or a new one (kernel-span.ts). */
function span(release: string, path: string, file: string): void {
  const want = MODELLED[path];
  if (!want) return;
  const src = sidecar(file), first = Number(src.first_line);
  if (!Number.isInteger(first) || first < 1) throw new Error(`${file}: first_line= missing in its .source`);
  const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  const dest = join(out, release, path);
  const m = mergeSpan({ release, path, lines, first, old: existsSync(dest) ? readFileSync(dest, 'utf8') : undefined, want, src });
  if (!m.added.length) { report.push(`${release} ${path}: span adds nothing (${m.same.join(', ')} byte for byte)`); return; }
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, m.text);
  report.push(`${release} ${path}: span added ${m.added.join(', ')}`);
}

console.log(report.join('\n'));
