/**
 * What `npm pack` ships (package.json `files`) holds what the built code reads at run time, and
 * no tests or sources. `npm pack --dry-run` costs 3 to 3.5 s on a loaded 2-core machine (measured,
 * s49 h4), so this reads the same facts from the sources: every package folder the code resolves
 * beside dist/ (`new URL('../../kernel/', import.meta.url)`, `join(PACKAGE_ROOT, 'properties')`),
 * the models and patches the bundled suites name, and the docs the messages point to.
 * (A team's install from the tarball, s49 h4: without `files` it shipped test/ and src/, 937
 * files, 11 MB unpacked; with it 489 files, 6 MB.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files?: string[]; bin: Record<string, string>; exports: Record<string, Record<string, string>> };
/** npm always ships package.json and the README. */
const shipped = (p: string) => ['package.json', 'README.md'].includes(p) || (pkg.files ?? []).some((f) => p === f || p.startsWith(`${f}/`));
const tree = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? tree(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));

describe('package.json files', () => {
  it('ships the entry points, and neither the tests nor the TypeScript sources', () => {
    expect(pkg.files).toBeDefined();
    const entries = [...Object.values(pkg.bin), ...Object.values(pkg.exports).flatMap((e) => Object.values(e))].map((p) => posix.normalize(p));
    expect(entries.filter((p) => !shipped(p))).toEqual([]);
    expect(['test/cli/run.ts', 'src/index.ts', 'scripts/import-kernel.ts', '.ci/run'].filter(shipped)).toEqual([]);
  });

  it('ships every package folder the built code reads beside dist/', () => {
    const read = new Set<string>();
    for (const f of tree('src').filter((p) => p.endsWith('.ts'))) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      // As built, src/x/y.ts is dist/x/y.js: a URL relative to it names a path from the package root.
      const built = join(ROOT, 'dist', relative('src', f));
      for (const m of text.matchAll(/new URL\('((?:\.\.?\/)+[\w.-]+)\/?[^']*', import\.meta\.url\)/g)) read.add(relative(ROOT, join(dirname(built), m[1]!)));
      for (const m of text.matchAll(/join\(PACKAGE_ROOT, '([\w.-]+)/g)) read.add(m[1]!);
    }
    // The scan finds what it is for (kernel/'s texts, the bundled suites), else it proves nothing.
    expect([...read]).toEqual(expect.arrayContaining(['kernel', 'properties', 'dist']));
    expect([...read].filter((p) => p && !p.startsWith('..') && !shipped(p))).toEqual([]);
  });

  it('ships every model and patch file the bundled suites name, and the docs messages name', () => {
    const named: string[] = [];
    for (const f of tree('properties').filter((p) => p.endsWith('.suite.ts'))) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/(?:model|patches): \[?'(\.[^']+)'/g)) named.push(relative(ROOT, join(ROOT, dirname(f), m[1]!)));
    }
    expect(named.length).toBeGreaterThan(10);
    const docs = new Set(tree('src').flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/\bdocs\/[\w-]+\.md\b/g)].map((m) => m[0])));
    expect(docs.size).toBeGreaterThan(2);
    expect([...named, ...docs].filter((p) => !shipped(p))).toEqual([]);
  });
});
