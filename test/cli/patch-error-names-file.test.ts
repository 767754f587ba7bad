/**
 * s41 h19: an E604 met while the model is built for one of your patches (a step it inserts that the
 * function has, a state field another patch adds) named the patch and the step, not its file:
 * with several --patch files the user could not tell which. It names the file first now, as
 * definePatch's own refusals do; a library patch's errors are left as they were.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write('s.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.9', devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc'] } });
`);
const patch = (id: string, label: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: '${id}', subject: 'insert ${label}', base: 'v5.9', state: { dev: { seen: 'bool' } },
  hunks: [{ fn: '__device_attach', insert: { label: '${label}', after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }] });
`;
write('a.ts', patch('fix-a', 'mark_a'));
write('b.ts', patch('fix-b', 'out_unlock'));

describe('an E604 from building a patch of yours', () => {
  it('names the file of the patch it is about, of two given together', () => {
    // b.ts adds a field a.ts adds too: b's state is refused, naming a as the other.
    const r = oneErrorLine(dir, ['check', 's.ts', '--patch', 'a.ts', '--patch', 'b.ts'], /^probecheck: E604 \(patch does not apply\): b\.ts: patch fix-b: state\.dev\.seen: patch fix-a adds a field 'seen'/);
    expect(r.stderr).not.toMatch(/a\.ts/);
    // Now a.ts inserts a step its function has (refused as the block is built), b.ts is well.
    write('a.ts', patch('fix-a', 'out_unlock'));
    write('b.ts', patch('fix-b', 'mark_b').replace("seen: 'bool'", "seen_b: 'bool'"));
    const k = oneErrorLine(dir, ['check', 's.ts', '--patch', 'a.ts', '--patch', 'b.ts'], /^probecheck: E604 \(patch does not apply\): a\.ts: patch fix-a \(insert out_unlock\) does not apply: __device_attach already has a step 'out_unlock'/);
    expect(k.stderr).not.toMatch(/b\.ts/);
  });
});
