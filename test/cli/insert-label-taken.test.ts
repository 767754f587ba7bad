/**
 * s41 h17: an insert whose label is a name its function already goes on to, where a call or walk
 * starts (__device_attach's bus_for_each_drv at v5.9), was taken: the insert took that name over,
 * every step going on to the walk ran it instead, and the run read vacuous. A step's own label was
 * refused already (E604, "already has a step"); the README says both are.
 */
import { describe, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write('s.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.9', devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc'] } });
`);
const insert = (label: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: 'ins', subject: 'insert', base: 'v5.9',
  hunks: [{ fn: '__device_attach', insert: { label: '${label}', after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }] });
`;

describe("an insert named as a step or a call its function already has", () => {
  it('is refused for a call or walk the function goes on to, as for a step', () => {
    write('walk.ts', insert('bus_for_each_drv'));
    oneErrorLine(dir, ['check', 's.ts', '--patch', 'walk.ts'], /^probecheck: E604 .*__device_attach already goes on to 'bus_for_each_drv'/);
    write('step.ts', insert('out_unlock'));
    oneErrorLine(dir, ['check', 's.ts', '--patch', 'step.ts'], /^probecheck: E604 .*__device_attach already has a step 'out_unlock'/);
  });
});
