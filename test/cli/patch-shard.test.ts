/**
 * `check --patch FILE --shard i/n` on a scenario that names no properties (a review, 2026-12-06):
 * check's run of the model without the patch, which it compares the patch's steps with, was a
 * shard of the library's properties, whose liveness ones refused it (E501 "liveness properties
 * ... are decided on the whole state graph"), even with --property naming others. A part of a
 * split search notes nothing of the patch (README), so that run is not made for it; --shard 1/1
 * is the whole search, and its run without the patch is one too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

describe('a shard of a check with a patch of your own', () => {
  it('runs, and its parts merge to the whole search\'s verdict', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'x', profile: 'v5.9', devices: { a: { present: true } },
  drivers: { d: { matches: ['a'], module: 'm' } }, actors: { t: 'modprobe m' } });
`);
    writeFileSync(join(dir, 'fix.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'same', subject: 'the same step', base: 'v5.9',
  hunks: [{ fn: '__driver_attach', replace: 'driver_match_device', step: (site, orig) => ({ ...orig! }) }] });
`);
    const args = ['check', 's.ts', '--patch', 'fix.ts', '--property', 'single-binding', '-q'];
    const whole = probecheck(args, { cwd: dir });
    for (const i of [1, 2]) {
      const r = probecheck([...args, '--shard', `${i}/2`, '--json-out', `p${i}.json`], { cwd: dir });
      expect(r.stderr).not.toMatch(/E501/);
      expect(r.status, r.stderr).toBe(0);
    }
    const m = probecheck(['merge', 'p1.json', 'p2.json', '-q'], { cwd: dir });
    expect(m.status, m.stderr).toBe(whole.status);
    const one = probecheck([...args, '--shard', '1/1'], { cwd: dir });
    expect(one.status, one.stderr).toBe(whole.status);
  });
});
