/**
 * s41 h18 (a review of s41 h17's insert-label refusal): an insert labelled RETURN (or FIRST) was
 * taken. Its `after` step went on to '@return', RETURN itself: __device_attach's device_lock
 * returned from the function holding the device's mutex, the insert never ran, and the run read
 * no-missed-probe violated. definePatch now refuses a label that is RETURN or FIRST.
 */
import { describe, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.9', devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc'] } });
`);
const insert = (label: string) => `import { definePatch, RETURN, FIRST } from 'probecheck';
export default definePatch({ id: 'ins', subject: 'insert', base: 'v5.9',
  hunks: [{ fn: '__device_attach', insert: { label: ${label}, after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }] });
`;

describe('an insert labelled RETURN or FIRST', () => {
  it('is refused, naming the hunk', () => {
    writeFileSync(join(dir, 'ret.ts'), insert('RETURN'));
    oneErrorLine(dir, ['check', 's.ts', '--patch', 'ret.ts'], /^probecheck: E604 .*hunks\[0\]\.insert\.label: RETURN is where a step goes, not a name/);
    writeFileSync(join(dir, 'first.ts'), insert('FIRST'));
    oneErrorLine(dir, ['check', 's.ts', '--patch', 'first.ts'], /^probecheck: E604 .*hunks\[0\]\.insert\.label: FIRST is where a step goes, not a name/);
  });
});
