/**
 * s43 h12: a patch file given by a symlink that is pointed at another file between two commands
 * of one process (the tests' CLI host) is loaded from its new target. Node's resolver keeps each
 * link's target for the process, so the old file's hunks were checked against the catalogue kept
 * for the new file's text (cli/steps.ts textKey reads through the link): an E604 naming a label
 * the catalogue had, where a fresh process finds the patch applies.
 */
import { describe, expect, it } from 'vitest';
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write('s.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.9', devices: { dc: { present: true, boundTo: 'dc-drv' } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { admin: 'unbind dc-drv dc' } });
`);
const insert = (label: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: 'ins', subject: 'insert', base: 'v5.9', hunks: [
  { fn: '__device_attach', insert: { label: '${label}', after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }] });
`;
// Replaces the step named x1: applies only where the insert is x1.
write('b.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'rep', subject: 'replace', base: 'v5.9', hunks: [
  { fn: '__device_attach', replace: 'x1', step: (_site, orig) => ({ ...orig! }) }] });
`);
const check = () => probecheck(['check', 's.ts', '--patch', 'l.ts', '--patch', 'b.ts', '-q'], { cwd: dir });

describe('a patch file by a symlink pointed elsewhere', () => {
  it('is loaded from its new target', () => {
    write('t1.ts', insert('x1'));
    symlinkSync(join(dir, 't1.ts'), join(dir, 'l.ts'));
    expect(check().stderr).not.toMatch(/E604/);
    write('t1.ts', insert('x2'));
    expect(check().stderr).toMatch(/E604 .*b\.ts: .*hunks\[0\] names __device_attach:x1; .* has: device_lock, x2,/);
    write('t2.ts', insert('x1'));
    unlinkSync(join(dir, 'l.ts'));
    symlinkSync(join(dir, 't2.ts'), join(dir, 'l.ts'));
    expect(check().stderr).not.toMatch(/E604/);
  });
});
