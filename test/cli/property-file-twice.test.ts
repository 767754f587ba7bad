/**
 * s41 h9 (a review of s41 h5's `--property P --property P`, now checked once): the same property
 * file given twice (`--property-file p.ts --property-file ./p.ts`) was E303 "model s already has
 * a property of that name", its own copy. It is loaded once, as a name given twice is checked once.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
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

describe('a property file given twice', () => {
  it('is loaded once: its property checked and listed once', () => {
    const r = probecheck(['check', 's.ts', '--property-file', 'p.ts', '--property-file', './p.ts', '--property', 'never-two', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].properties.map((p: { name: string }) => p.name)).toEqual(['never-two']);
  });
});
