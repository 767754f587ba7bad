/**
 * A process that holds two instances of the library (this suite runs src/ through vitest and
 * dist/ for the searches that start workers) hands each the model file bound to its own library.
 * Node's module map keys by URL: the file dist/ loaded first was given to src/'s loader as it was,
 * built by dist's library and searched by src's, and --por's count depended on which test file
 * had run before in the worker (por.test.ts after parallel.test.ts: 611 states for 450, s51).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { check } from '../../src/engine/check.js';
import { buildModel } from '../../src/cli/build.js';
import { importFile, loadModel } from '../../src/load.js';
import { tempDir } from '../temp.js';

const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;

it('a model file dist/ loaded first is loaded afresh for src/, and searches as it does alone', async () => {
  const file = fileURLToPath(new URL('../../models/host-children.ts', import.meta.url));
  const built = {
    check: ((await import(dist('engine/check.js'))) as typeof import('../../src/engine/check.js')).check,
    buildModel: ((await import(dist('cli/build.js'))) as typeof import('../../src/cli/build.js')).buildModel,
    loadModel: ((await import(dist('load.js'))) as typeof import('../../src/load.js')).loadModel,
  };
  const distFactory = await built.loadModel(file), srcFactory = await loadModel(file);
  expect(srcFactory).not.toBe(distFactory);
  const fromDist = built.check(built.buildModel(distFactory, { n: 2 }), { por: true });
  const fromSrc = check(buildModel(srcFactory, { n: 2 }), { por: true });
  expect(fromDist.por?.applied).toBe(true);
  expect(fromSrc.states).toBe(fromDist.states);
  // And back: dist/'s loader gets a module of its own again (not src/'s).
  const again = await built.loadModel(file);
  expect(again).not.toBe(srcFactory);
  expect(again).not.toBe(distFactory);
});

// The loaded files forgotten by one instance are forgotten for the other too: src/'s own number
// stayed where dist/ forgot (the CLI tests' host forgets each command's), and an edit of a file
// src/ had loaded went unseen. (No search: two imports of a one-line file, about 0.1 s.)
it('a file edited after the other instance forgot the loaded files is read afresh', async () => {
  const { forgetLoadedFiles } = (await import(dist('load.js'))) as typeof import('../../src/load.js');
  const file = join(tempDir('probecheck-two-'), 'v.ts');
  writeFileSync(file, 'export const v = 1;\n');
  expect((await importFile(file)).v).toBe(1);
  forgetLoadedFiles();
  writeFileSync(file, 'export const v = 2;\n');
  expect((await importFile(file)).v).toBe(2);
});
