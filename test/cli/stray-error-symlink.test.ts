/**
 * s43: a user's file is imported by its real path (load.ts importFile, s43 h12), so a timer it
 * started throws with that path in its stack: a file given through a symlink was then no file of
 * the user's, and the throw read "internal error: this is a bug in probecheck". It is the E105
 * naming the file as given, as for a file that is no link (bad-input-hunt.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasStack, probecheckProcess } from './run.js';
import { userFolder } from './user-folder.js';

describe('a stray throw of a file given through a symlink', () => {
  it('is one E105 line naming the link, exit 2', () => {
    const dir = userFolder();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'timer.ts'), `setTimeout(() => { throw new Error('tick'); }, 0);
import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.1', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc'] } });
`);
    symlinkSync(join('real', 'timer.ts'), join(dir, 'link.ts'));
    const r = probecheckProcess(['check', 'link.ts', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
    expect(r.stderr.trim()).toMatch(/^probecheck: E105 \(input file could not be loaded\): link\.ts: code it started as it loaded .* threw: tick$/);
  });
});
