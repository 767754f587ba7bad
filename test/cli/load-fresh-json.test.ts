/**
 * A .json file a user's TypeScript file imports, outside a `"type": "module"` package (tsx
 * compiles the file to CommonJS: the import is a require(), cached by the JSON file's bare path,
 * not by tsx's namespace), is read again in a later command of a host that runs many (the CLI
 * tests' in-process host, its search worker): an edit of it went unseen (s38 h17).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { forgetLoadedFiles, importFile } from '../../src/load.js';
import { tempDir } from './run.js';

it('an edited .json file a CommonJS-compiled user file imports is read again', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'd.json'), '{ "d": 1 }\n');
  writeFileSync(join(dir, 'a.ts'), "import d from './d.json';\nexport default { d: d.d };\n");
  const load = async () => {
    forgetLoadedFiles();
    const m = (await importFile(join(dir, 'a.ts'))).default as { d: number; default?: { d: number } };
    return (m.default ?? m).d;
  };
  expect(await load()).toBe(1);
  writeFileSync(join(dir, 'd.json'), '{ "d": 2 }\n');
  expect(await load()).toBe(2);
});
