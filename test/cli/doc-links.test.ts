/**
 * Every relative markdown link in README.md, docs/*.md, models/README.md and kernel/README.md resolves: the file exists, and a
 * `#anchor` is a heading of that file by GitHub's rule (lowercase; punctuation but `-` and `_`
 * dropped; spaces to `-`; a repeated heading gets `-1`, `-2`) or an `<a name>`/`<a id>` in it.
 * Links inside code (fenced blocks, backticks) are not links. A product message or comment that
 * cites `docs/FILE.md, "Section"` names a file there and a heading or bold entry of it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

const DOCS = ['README.md', 'models/README.md', 'kernel/README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks and inline code spans. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, (m) => m.replace(/[[\]()]/g, ' '));
}

/** GitHub's anchors of a markdown file: its headings' slugs and its explicit anchors. */
export function anchors(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of text.replace(/^```[\s\S]*?^```$/gm, '').matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = m[1]!.toLowerCase().replace(/<[^>]*>/g, '').replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  for (const m of text.matchAll(/<a (?:name|id)="([^"]+)"/g)) out.add(m[1]!);
  return out;
}

// Each file read once, its anchors found once: the links' and citations' tests (170 and more)
// share them.
const texts = new Map<string, string>(), anchorsOf = new Map<string, Set<string>>();
const text = (path: string) => texts.get(path) ?? texts.set(path, readFileSync(path, 'utf8')).get(path)!;
const fileAnchors = (path: string) => anchorsOf.get(path) ?? anchorsOf.set(path, anchors(text(path))).get(path)!;

const links = DOCS.flatMap((file) => [...prose(readFileSync(join(ROOT, file), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)]
  .map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t)).map((target) => ({ file, target })));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []);
}
const cites = sources('src').flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/docs\/([a-z-]+\.md)(?:, "([^"]+)")?/g)]
  .map((m) => ({ file, doc: `docs/${m[1]!}`, section: m[2] })));

describe("the product's citations of docs/", () => {
  it('there are some, and none of the README sections that moved', () => {
    expect(cites.length).toBeGreaterThan(5);
    for (const file of sources('src')) expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/README,? (Known gaps|"(Partial-order reduction|Symmetry|From a boot log|A bus match that defers)")/);
  });
  it.each(cites.map((c) => [`${c.file}: ${c.doc}${c.section ? `, "${c.section}"` : ''}`, c] as const))('%s', (_n, { doc, section }) => {
    expect(existsSync(join(ROOT, doc)), doc).toBe(true);
    if (section) expect(text(join(ROOT, doc))).toMatch(new RegExp(`^(#+ |- (<a [^>]*></a>)?\\*\\*|(<a [^>]*></a>)?\\*\\*)${section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });
});

describe('relative links in README.md, docs/ and the READMEs of models/ and kernel/', () => {
  it('the slug rule is GitHub\'s', () => {
    expect([...anchors("## A supplier's bind that defers its consumer (a finding, 2026-12-05)\n## `device_links_lock`\n## Dependencies, and why\n## Dependencies, and why")])
      .toEqual(['a-suppliers-bind-that-defers-its-consumer-a-finding-2026-12-05', 'device_links_lock', 'dependencies-and-why', 'dependencies-and-why-1']);
  });

  it('README and docs link to each other', () => {
    expect(links.filter((l) => l.file === 'README.md' && l.target.startsWith('docs/')).length).toBeGreaterThan(20);
    expect(links.filter((l) => l.file !== 'README.md').length).toBeGreaterThan(20);
  });

  it.each(links.map((l) => [`${l.file} -> ${l.target}`, l] as const))('%s', (_n, { file, target }) => {
    const [path, anchor] = target.split('#') as [string, string?];
    const to = path ? join(ROOT, dirname(file), decodeURI(path)) : join(ROOT, file);
    expect(existsSync(to), `${file}: ${target}: no file ${relative(ROOT, to)}`).toBe(true);
    if (anchor === undefined) return;
    expect(statSync(to).isFile() && to.endsWith('.md'), `${file}: ${target}: an anchor into a file that is not markdown`).toBe(true);
    expect([...fileAnchors(to)], `${file}: ${target}: no such anchor in ${relative(ROOT, to)}`).toContain(anchor);
  });
});
