/**
 * A review of s41 h2's note on a user's replacement that a library insert redirects (s41 h6): it
 * is said where the step the search runs goes on to that insert, not where a later patch of yours
 * calls the redirected step as `orig` and goes elsewhere; `merge` gives the notes in the order one
 * search of the whole does; the file is named as the run names it, and as the model's own list
 * gives it where one patch object is in two loaded files.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';
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
const lock = (run: string) => `{ fn: '__device_attach', replace: 'device_lock', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { ${run} } }) }`;
const patch = (id: string, run: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: '${id}', subject: '${id}', base: 'v5.9', hunks: [${lock(run)}] });
`;
// A naive revert of 654888327e9f: device_lock going on to the walk by name (redirected through check_dead).
write('revert.ts', patch('revert', "orig.run(s, t, b, c); return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';"));
// A later patch on top of it: where the revert's step (its orig) goes on to check_dead, it unlocks instead.
write('skip.ts', patch('skip', "const r = orig.run(s, t, b, c); return r === 'check_dead' ? 'out_unlock' : r;"));
// A later patch that goes on where the revert's step goes.
write('same.ts', patch('same', 'return orig.run(s, t, b, c);'));

const said = (out: string) => out.split('\n').filter((l) => /inserted step/.test(l));

describe("a library insert's redirect of your replacement, reviewed", () => {
  it('is not said where a later patch of yours takes the redirected step as orig and goes elsewhere', () => {
    const r = probecheck(['check', 'one.ts', '--patch', 'revert.ts', '--patch', 'skip.ts', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/single-binding\s+\w+/);
    expect(said(r.stdout + r.stderr)).toEqual([]);
    // Where it goes on as the revert's step does, the revert's redirect is said (its file, its hunk).
    const k = probecheck(['check', 'one.ts', '--patch', 'revert.ts', '--patch', 'same.ts', '-q'], { cwd: dir });
    expect(said(unwrap(k.stdout))).toEqual([expect.stringMatching(/^note: revert\.ts \(patch revert, hunk 1\): your replacement of __device_attach:device_lock went on through the library's inserted step __device_attach:check_dead/)]);
  });

  it('is said where an insert of yours stands on the way from your replacement to the library\'s insert', () => {
    write('mine.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'mine', subject: 'a step of mine before check_dead', base: 'v5.9', state: { kernel: { mine: 'bool' } }, hunks: [
  { fn: '__device_attach', insert: { label: 'mine', after: 'device_lock', before: 'check_dead' }, step: () => ({ run: (s) => { s.mine = true; return 'check_dead'; } }) },
] });
`);
    const r = probecheck(['check', 'one.ts', '--patch', 'revert.ts', '--patch', 'mine.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout) + r.stderr).not.toMatch(/never fires/);
    expect(said(unwrap(r.stdout))).toEqual([expect.stringMatching(/^note: revert\.ts \(patch revert, hunk 1\): your replacement of __device_attach:device_lock went on through the library's inserted step __device_attach:check_dead/)]);
  });

  it("is not said where a patch of yours replaces the library's inserted step too (its lines are then yours)", () => {
    // The README's revert of check_dead beside the naive one of device_lock, in one patch and in two.
    write('dead.ts', patch('dead', "return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';").replace("replace: 'device_lock'", "replace: 'check_dead'"));
    write('both.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'both', subject: 'both', base: 'v5.9', hunks: [
  ${lock("orig.run(s, t, b, c); return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';")},
  { fn: '__device_attach', replace: 'check_dead', step: (site, orig) => ({ ...orig, run: (s) => (s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv') }) },
] });
`);
    for (const ps of [['both.ts'], ['revert.ts', 'dead.ts'], ['dead.ts', 'revert.ts']]) {
      const r = probecheck(['check', 'one.ts', ...ps.flatMap((p) => ['--patch', p]), '-q'], { cwd: dir });
      expect(r.stdout, ps.join()).toMatch(/single-binding\s+\w+/);
      expect(said(r.stdout + r.stderr), ps.join()).toEqual([]);
    }
  });

  it('names a patch file given from another folder as the run\'s header does', () => {
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    const r = probecheck(['check', join(dir, 'one.ts'), '--patch', join(dir, 'revert.ts'), '-q'], { cwd: join(dir, 'elsewhere') });
    expect(r.stdout).toContain(`patches=${join(dir, 'revert.ts')})`);
    expect(said(unwrap(r.stdout))).toEqual([expect.stringContaining(`note: ${join(dir, 'revert.ts')} (patch revert, hunk 1)`)]);
  });

  it("names the file the model's own list took a patch from, where another loaded file holds the same object", () => {
    // Plain JavaScript modules: the re-export is the very object the first file exports.
    write('rev.mjs', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'rev', subject: 'rev', base: 'v5.9', hunks: [${lock("orig.run(s, t, b, c); return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';")}] });
`);
    write('again.mjs', "export { default } from './rev.mjs';\n");
    write('two.suite.ts', `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'two', model: './one.ts', cases: [
  { params: {}, patches: ['rev.mjs'], expect: { 'single-binding': 'holds' } },
  { params: {}, patches: ['again.mjs'], expect: { 'single-binding': 'holds' } },
] });
`);
    const doc = JSON.parse(probecheck(['check', 'two.suite.ts', '--json'], { cwd: dir }).stdout) as { runs: { notes?: string[] }[] };
    expect(doc.runs.map((r) => said((r.notes ?? []).join('\n')).map((n) => n.slice(0, n.indexOf(' ')))))
      .toEqual([['rev.mjs'], ['again.mjs']]);
  });

  it('is merged in the order one search of the whole gives: the model\'s notes, then the search\'s, sorted', () => {
    // At v5.9 with c0a40097f0bc, three hunks each redirected (check_dead, and device_unlock after
    // if_driver and after add_uevent_var), beside a build note on add_uevent_var.
    write('readers.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'readers', profile: 'v5.9', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: 'add dc', 'udev: cat uevent': 'uevent dc' }, properties: ['no-deadlock'] });
`);
    write('multi.ts', `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'multi', subject: 'three steps written from scratch', base: 'v5.9', hunks: [
  ${lock("orig.run(s, t, b, c); return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv';")},
  { fn: 'dev_uevent', replace: 'if_driver', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { const r = orig.run(s, t, b, c); return r === 'device_unlock' ? RETURN : r; } }) },
  { fn: 'dev_uevent', replace: 'add_uevent_var', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { orig.run(s, t, b, c); return RETURN; } }) },
] });
`);
    const args = ['check', 'readers.ts', '--param', 'patches=c0a40097f0bc', '--patch', 'multi.ts'];
    const whole = (JSON.parse(probecheck([...args, '--json'], { cwd: dir }).stdout) as { runs: { notes: string[] }[] }).runs[0]!.notes;
    expect(said(whole.join('\n'))).toHaveLength(3);
    expect(whole.length).toBeGreaterThan(3);
    for (const i of [1, 2]) probecheck([...args, '--shard', `${i}/2`, '--json-out', `part${i}.json`, '-q'], { cwd: dir });
    // Part 1 as one that took only the last redirect, part 2 the first two.
    const keep = (file: string, f: (n: string) => boolean) => {
      const d = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { runs: { notes: string[] }[] };
      d.runs[0]!.notes = d.runs[0]!.notes.filter(f);
      write(file, JSON.stringify(d));
    };
    keep('part1.json', (n) => !/hunk [12]\)/.test(n));
    keep('part2.json', (n) => !/hunk 3\)/.test(n));
    const m = JSON.parse(probecheck(['merge', 'part1.json', 'part2.json', '--json'], { cwd: dir }).stdout) as { runs: { notes: string[] }[] };
    expect(m.runs[0]!.notes).toEqual(whole);
  });
});
