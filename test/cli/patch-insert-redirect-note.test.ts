/**
 * A user's replacement of a step that a library patch's insert follows goes on through that insert
 * where it goes to the insert's `before` (s40 h6): the inserted lines stay in the C. s41 h2: the
 * check says so, naming the patch file and hunk, the step replaced and the insert, where the search
 * took that edge; and says nothing where it never did (a replacement that goes on as orig does, or
 * one of a step no library insert follows).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';
import { buildSource, check, fileSource } from '../built.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

// At v5.9 654888327e9f's check_dead follows __device_attach:device_lock (an insert before bus_for_each_drv).
write('one.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'one-attach', profile: 'v5.9', devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: ['add dc', 'del dc'] },
  properties: ['single-binding'],
});
`);
const patch = (id: string, fn: string, step: string, run: string) => write(`${id}.ts`, `import { definePatch } from 'probecheck';
export default definePatch({ id: '${id}', subject: '${id}', base: 'v5.9',
  hunks: [{ fn: '__device_attach', replace: 'out_unlock', step: (_site, orig) => ({ ...orig }) },
    { fn: '${fn}', replace: '${step}', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { ${run} } }) }] });
`);
// A naive revert of 654888327e9f: device_lock as before it, going on to the walk by name.
patch('revert', '__device_attach', 'device_lock', "const r = orig.run(s, t, b, c); return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';");
// device_lock going on where the library's goes: to check_dead by its own label, never to bus_for_each_drv.
patch('keep', '__device_attach', 'device_lock', 'return orig.run(s, t, b, c);');
// The README's revert, of check_dead itself: no library insert follows it.
patch('dead', '__device_attach', 'check_dead', "return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';");

const NOTE = /revert\.ts \(patch revert, hunk 2\): your replacement of __device_attach:device_lock went on through the library's inserted step __device_attach:check_dead \(patch 654888327e9f\) where it goes to 'bus_for_each_drv': its lines stay in the C/;

describe('a user replacement redirected through a library insert', () => {
  it('is said in the text and in the run\'s JSON notes, naming the file, the hunk, the step and the insert', () => {
    const r = probecheck(['check', 'one.ts', '--patch', 'revert.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(new RegExp(`note: ${NOTE.source}`));
    expect(r.stdout).toMatch(/replace __device_attach:check_dead too/);
    const j = probecheck(['check', 'one.ts', '--patch', 'revert.ts', '--json'], { cwd: dir });
    const doc = JSON.parse(j.stdout) as { runs: { notes?: string[] }[] };
    expect(doc.runs[0]!.notes?.filter((n) => NOTE.test(n))).toHaveLength(1);
  });

  it('is not said where the replacement never goes to the insert\'s edge, nor for a step no library insert follows', () => {
    for (const p of ['keep', 'dead']) {
      const r = probecheck(['check', 'one.ts', '--patch', `${p}.ts`, '-q'], { cwd: dir });
      expect(r.stdout + r.stderr, p).toMatch(/single-binding\s+\w+/);
      expect(unwrap(r.stdout) + r.stderr, p).not.toMatch(/inserted step/);
    }
  });

  it('is said by diff among the patched side\'s notes', () => {
    const r = probecheck(['diff', 'one.ts', '--patch', 'revert.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(new RegExp(`note: ${NOTE.source}`));
  });

  it("is kept by merge from whichever shard took the edge, not the first shard's alone", () => {
    for (const i of [1, 2]) probecheck(['check', 'one.ts', '--patch', 'revert.ts', '--shard', `${i}/2`, '--json-out', `sh${i}.json`, '-q'], { cwd: dir });
    // Shard 1 as a part that never took it.
    const one = JSON.parse(readFileSync(join(dir, 'sh1.json'), 'utf8')) as { runs: { notes?: string[] }[] };
    one.runs[0]!.notes = one.runs[0]!.notes?.filter((n) => !NOTE.test(n));
    write('sh1.json', JSON.stringify(one));
    const m = JSON.parse(probecheck(['merge', 'sh1.json', 'sh2.json', '--json'], { cwd: dir }).stdout) as { runs: { notes?: string[] }[] };
    expect(m.runs[0]!.notes?.filter((n) => NOTE.test(n))).toHaveLength(1);
    // And in its text, above the verdicts as check says it (merge printed no note: s46 h7).
    const t = unwrap(probecheck(['merge', 'sh1.json', 'sh2.json', '-q'], { cwd: dir }).stdout).split('\n');
    expect(t.filter((l) => l.startsWith('note: ') && NOTE.test(l))).toHaveLength(1);
    expect(t.findIndex((l) => NOTE.test(l))).toBeLessThan(t.findIndex((l) => /^\s*property\s+verdict/.test(l)));
  });

  it('is said where only the workers took the edge', async () => {
    const file = join(dir, 'one.ts'), params = { patches: join(dir, 'revert.ts') };
    const source = fileSource(file, params), model = await buildSource(source.args);
    const r = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0 });
    expect(r.workers).toBe(2);
    expect(r.notes?.filter((n) => /hunk 2\): your replacement of __device_attach:device_lock went on through the library's inserted step __device_attach:check_dead/.test(n))).toHaveLength(1);
  }, 60_000);
});
