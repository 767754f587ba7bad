/**
 * A host that runs many commands in one process (the CLI tests' in-process host and its search
 * worker) loads each command's files afresh (src/load.ts forgetLoadedFiles): a file the user
 * edited between two commands, and a file it imports, must be read and evaluated again. A file
 * whose text did not change is evaluated again too, but not compiled again: tsx's transform cache
 * must find it (every command's files were compiled anew, in the host and again in the worker).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forgetLoadedFiles, importFile } from '../../src/load.js';
import { probecheck, ROOT, tempDir } from './run.js';

type Counts = Record<string, number>;
const g = globalThis as { __h1evals?: Counts };
const part = (v: number) => `(globalThis as any).__h1evals ??= {}; (globalThis as any).__h1evals.b = ((globalThis as any).__h1evals.b ?? 0) + 1;
export const v = ${v};
`;
const main = (w: string) => `import { v } from './b.js';
(globalThis as any).__h1evals ??= {}; (globalThis as any).__h1evals.a = ((globalThis as any).__h1evals.a ?? 0) + 1;
export default { v, w: '${w}' };
`;

describe('files loaded afresh', () => {
  // An ES-module folder loads the files as ESM; elsewhere tsx compiles them to CommonJS.
  for (const esm of [false, true]) {
    it(`a file a user's file imports is read again when it changed, and every file is evaluated again (${esm ? 'ESM' : 'CommonJS'})`, async () => {
      const dir = tempDir();
      if (esm) writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, 'b.ts'), part(1));
      writeFileSync(join(dir, 'a.ts'), main('a1'));
      const load = async () => {
        forgetLoadedFiles();
        const d = (await importFile(join(dir, 'a.ts'))).default as { v: number; w: string; default?: { v: number; w: string } };
        return d.default ?? d;
      };
      g.__h1evals = {};
      expect(await load()).toEqual({ v: 1, w: 'a1' });
      writeFileSync(join(dir, 'b.ts'), part(2));
      // Before 2026-12-06 (s38 h1) the imported file stayed as first loaded: v 1.
      expect(await load()).toEqual({ v: 2, w: 'a1' });
      writeFileSync(join(dir, 'a.ts'), main('a2'));
      expect(await load()).toEqual({ v: 2, w: 'a2' });
      // Nothing changed: still evaluated afresh, a command's files keep no state of the last's.
      expect(await load()).toEqual({ v: 2, w: 'a2' });
      expect(g.__h1evals).toEqual({ a: 4, b: 4 });
    });
  }

  it('a check in the in-process host sees the edit of a file the model imports, in the host and in the search worker', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'devices.ts'), 'export const devices = { a: {} };\n');
    writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
import { devices } from './devices.js';
export default scenario({ name: 'fresh', profile: 'mainline', devices,
  drivers: { drv: { matches: Object.keys(devices), present: true } },
  actors: Object.fromEntries(Object.keys(devices).map((d) => ['add ' + d, 'add ' + d])) });
`);
    const states = () => {
      const r = probecheck(['check', 's.ts', '--property', 'single-binding', '--json'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { states: number }).states;
    };
    const one = states();
    writeFileSync(join(dir, 'devices.ts'), 'export const devices = { a: {}, b: {} };\n');
    expect(states()).toBeGreaterThan(one);
  });

  // tsx's transform cache keyed each load by its URL, query included, and the namespace in its
  // key named the process: every command's files were compiled again, and every CLI process's.
  // Counted as the entries of tsx's cache folder (one a compiled text) in a TMPDIR of its own:
  // three texts (a, b, b rewritten), however many loads and processes.
  it('a file whose text did not change is not compiled again, in a later command or a later process', () => {
    const dir = tempDir(), tmp = tempDir();
    writeFileSync(join(dir, 'b.ts'), part(1));
    writeFileSync(join(dir, 'a.ts'), main('a1'));
    const script = `const { importFile, forgetLoadedFiles } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/load.js')).href)});
const { writeFileSync } = await import('node:fs');
for (let i = 0; i < 4; i++) {
  if (i === 2) writeFileSync(${JSON.stringify(join(dir, 'b.ts'))}, ${JSON.stringify(part(2))});
  forgetLoadedFiles();
  await importFile(${JSON.stringify(join(dir, 'a.ts'))});
}
await new Promise((r) => setTimeout(r, 300));
`;
    const entries = () => readdirSync(tmp).filter((d) => d.startsWith('tsx-')).flatMap((d) => readdirSync(join(tmp, d))).length;
    for (let run = 0; run < 2; run++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(entries()).toBeLessThanOrEqual(3);
    }
    expect(entries()).toBeGreaterThan(0);
  });
});
