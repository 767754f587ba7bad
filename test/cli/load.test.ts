/**
 * How the CLI loads users' .ts files (src/load.ts): the library a model imports as 'probecheck'
 * is the one copy this process runs, whichever file imports it; and a host that runs many
 * commands in one process (as these tests do) loads each command's files afresh.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from 'probecheck';
import { check } from '../../src/engine/check.js';
import { buildSource, fileSource } from '../../src/source.js';
import { probecheck, tempDir } from './run.js';
import { userFolder } from './user-folder.js';

const model = (name: string, devices: string) => `import * as pc from 'probecheck';
const seen = (globalThis as { __probecheckLib?: unknown }).__probecheckLib ??= pc.scenario;
if (seen !== pc.scenario) throw new Error('a second copy of the probecheck library');
export default pc.scenario({
  name: '${name}', profile: 'mainline', devices: { ${devices} },
  drivers: { drv: { matches: ['a'], present: true } },
  actors: { hotplug: ['add a'] },
  properties: ['single-binding'],
});
`;

describe('loading model files', () => {
  it('two model files share one library; a file rewritten between commands is read again', () => {
    const dir = tempDir();
    // An ES-module folder: tsx then loads the files as ESM, through the resolve hooks (elsewhere
    // it compiles them to CommonJS, whose require() is resolved by load.ts's other half).
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'one.ts'), model('one', 'a: {}'));
    writeFileSync(join(dir, 'two.ts'), model('two', 'a: {}'));
    for (const f of ['one.ts', 'two.ts']) {
      const r = probecheck(['check', f, '--json'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
    }
    const before = JSON.parse(probecheck(['check', 'one.ts', '--json'], { cwd: dir }).stdout) as { states: number };
    writeFileSync(join(dir, 'one.ts'), model('one', 'a: {}, b: {}').replace("['add a']", "['add a', 'add b']"));
    const after = JSON.parse(probecheck(['check', 'one.ts', '--json'], { cwd: dir }).stdout) as { states: number };
    expect(after.states).toBeGreaterThan(before.states);
  });

  // Under vitest the running library is the instance vite's runner serves (src/, by the alias),
  // and Node's loader made a second one (dist/) for the user's file (2026-12-06, h10): the
  // kernel's unrecorded reads then counted in --por's footprints, 874 states for the CLI's 860.
  it('a user file loaded in this process gets the library this code runs, and --por reduces as the CLI does', async () => {
    for (const esm of [false, true]) {
      const dir = tempDir();
      if (esm) writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, 's.ts'), `import * as pc from 'probecheck';
(globalThis as { __probecheckH10?: unknown }).__probecheckH10 = pc.scenario;
export default pc.scenario({ name: 'twin', profile: 'v5.1', devices: { a: {}, b: {} },
  drivers: { 'x-drv': { matches: ['a', 'b'], probe: ['defer', 'ok'], present: true } },
  actors: { 'add a': 'add a', 'add b': 'add b' }, properties: ['single-binding', 'no-deadlock'] });
`);
      const model = await buildSource(fileSource(join(dir, 's.ts'), { profile: 'v5.1' }).args);
      expect((globalThis as { __probecheckH10?: unknown }).__probecheckH10, esm ? 'esm' : 'cjs').toBe(lib.scenario);
      const here = check(model, { exhaustive: true, por: true, symmetry: false });
      const cli = JSON.parse(probecheck(['check', 's.ts', '--por', '--no-symmetry', '--json'], { cwd: dir }).stdout) as { states: number };
      expect(here.por?.applied).toBe(true);
      expect(here.states, esm ? 'esm' : 'cjs').toBe(cli.states);
    }
  });

  // A user's script loading its model files together (s51: tsx's hooks were registered once per
  // load started before the first had finished, some after probecheck's resolver, and a file
  // compiled to CommonJS then ran as an ES module: E105 "__filename is not defined in ES module
  // scope", here and for every file loaded afresh after). A process of its own: this one
  // registered its hooks long ago.
  it('model files loaded together through the API, in a fresh process, all load', () => {
    const dir = userFolder();
    for (const n of [1, 2, 3, 4]) writeFileSync(join(dir, `m${n}.ts`), model(`m${n}`, 'a: {}'));
    writeFileSync(join(dir, 'all.mjs'), `import { loadModel } from 'probecheck';
const ms = await Promise.all(['m1.ts', 'm2.ts', 'm3.ts', 'm4.ts'].map((f) => loadModel(f)));
console.log(ms.map((m) => m.name).join(' '));
`);
    const r = spawnSync(process.execPath, ['all.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect([r.status, r.stdout]).toEqual([0, 'm1 m2 m3 m4\n']);
  });
});
