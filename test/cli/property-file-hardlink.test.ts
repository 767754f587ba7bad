/**
 * s41 h16 (a review of s41 h15's property files told apart by real path): a hard link has a real path
 * of its own, so `--property-file p.ts --property-file hard.ts` (hard.ts a hard link to p.ts) was
 * still E303 "model s already has a property of that name", the same file loaded twice. Files are
 * now told apart by device and inode too.
 */
import { describe, expect, it } from 'vitest';
import { linkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.10', devices: { d: {} }, drivers: { x: { matches: ['d'], present: true } }, actors: { hp: ['add d'] } });
`);
writeFileSync(join(dir, 'p.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'never-two', description: 'at most one driver', check: (v) => (v.devices.filter((d) => d.driver !== null).length > 1 ? 'two' : null) });
`);
linkSync(join(dir, 'p.ts'), join(dir, 'hard.ts'));

describe('a property file given twice, once through a hard link', () => {
  it('is loaded once', () => {
    const r = probecheck(['check', 's.ts', '--property-file', 'p.ts', '--property-file', 'hard.ts', '--property', 'never-two', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].properties.map((p: { name: string }) => p.name)).toEqual(['never-two']);
  });
});
