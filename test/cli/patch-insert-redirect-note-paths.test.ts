/**
 * A review of s41 h6's fixes to the redirect note (s41 h11): the file it names is the one the run's
 * header names, in a folder whose name starts with `..` too, and `merge` says each redirect once
 * where its parts loaded one patch file (one content) from two folders.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => { mkdirSync(join(dir, name, '..'), { recursive: true }); writeFileSync(join(dir, name), text); };

// At v5.9 654888327e9f's check_dead follows __device_attach:device_lock; c0a40097f0bc's device_unlock follows dev_uevent's if_driver.
write('readers.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'readers', profile: 'v5.9', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: 'add dc', 'udev: cat uevent': 'uevent dc' }, properties: ['no-deadlock'] });
`);
const revert = `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'revert', subject: 'two steps written from scratch', base: 'v5.9', hunks: [
  { fn: '__device_attach', replace: 'device_lock', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { orig.run(s, t, b, c); return s.dev[site.dev].driver ? 'out_unlock' : 'bus_for_each_drv'; } }) },
  { fn: 'dev_uevent', replace: 'if_driver', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { const r = orig.run(s, t, b, c); return r === 'device_unlock' ? RETURN : r; } }) },
] });
`;
for (const f of ['A/revert.ts', 'B/revert.ts', '..cfg/revert.ts']) write(f, revert);
const said = (notes: string[]) => notes.filter((l) => /inserted step/.test(l));
const args = ['check', 'readers.ts', '--param', 'patches=c0a40097f0bc'];

describe("the redirect note's patch file, reviewed", () => {
  it("is named as the run's header names it, in a folder named `..cfg` too", () => {
    const r = probecheck([...args, '--patch', '..cfg/revert.ts', '-q'], { cwd: dir });
    expect(r.stdout).toContain('patches=c0a40097f0bc,..cfg/revert.ts)');
    expect(unwrap(r.stdout).split('\n').filter((l) => /inserted step/.test(l)).map((l) => l.slice(0, l.indexOf(' ('))))
      .toEqual(['note: ..cfg/revert.ts', 'note: ..cfg/revert.ts']);
  });

  it('is said once by merge where the parts loaded the same patch file from two folders', () => {
    probecheck([...args, '--patch', 'A/revert.ts', '--shard', '1/2', '--json-out', 'a1.json', '-q'], { cwd: dir });
    probecheck([...args, '--patch', 'B/revert.ts', '--shard', '2/2', '--json-out', 'b2.json', '-q'], { cwd: dir });
    const whole = (JSON.parse(probecheck([...args, '--patch', 'A/revert.ts', '--json'], { cwd: dir }).stdout) as { runs: { notes: string[] }[] }).runs[0]!.notes;
    expect(said(whole)).toHaveLength(2);
    const m = probecheck(['merge', 'a1.json', 'b2.json', '--json'], { cwd: dir });
    expect(m.status).toBe(0);
    expect((JSON.parse(m.stdout) as { runs: { notes: string[] }[] }).runs[0]!.notes).toEqual(whole);
  });
});
