/**
 * s41 h15 (a review of s41 h9's property file given twice, loaded once): h9 compared the paths as
 * given, made absolute, so the same file through a symlink (`--property-file p.ts --property-file
 * link.ts`) was still E303 "model s already has a property of that name", its own copy. Files are now
 * told apart by their real path; two different files defining one name stay E303.
 */
import { describe, expect, it } from 'vitest';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.10', devices: { d: {} }, drivers: { x: { matches: ['d'], present: true } }, actors: { hp: ['add d'] } });
`);
const property = `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'never-two', description: 'at most one driver', check: (v) => (v.devices.filter((d) => d.driver !== null).length > 1 ? 'two' : null) });
`;
writeFileSync(join(dir, 'p.ts'), property);
writeFileSync(join(dir, 'q.ts'), property);
symlinkSync('p.ts', join(dir, 'link.ts'));

describe('a property file given twice, once through a symlink', () => {
  it('is loaded once, in either order', () => {
    for (const files of [['p.ts', 'link.ts'], ['link.ts', 'p.ts']]) {
      const r = probecheck(['check', 's.ts', ...files.flatMap((f) => ['--property-file', f]), '--property', 'never-two', '--json'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).runs[0].properties.map((p: { name: string }) => p.name)).toEqual(['never-two']);
    }
  });
  it('two files defining one property name are still E303', () => {
    oneErrorLine(dir, ['check', 's.ts', '--property-file', 'p.ts', '--property-file', 'q.ts', '--property', 'never-two'], /^probecheck: E303 .*q\.ts: property 'never-two': model s already has a property of that name$/);
  });
});
