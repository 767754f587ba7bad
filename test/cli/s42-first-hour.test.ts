/**
 * s42 h5, a kernel developer's first hour from the README alone: a patch step that indexed past
 * the scenario's devices (`s.dev[l.supplier + 7]` with three devices) was told "the state has no
 * field '7'; did you mean '0'?", sending the user after a misspelt field. It says the index is
 * out of range now, and how many elements there are. And `simulate --patch` warned that the patch's
 * steps were not compared "because a search stopped early", where the walks had all run as asked:
 * random walks never cover every state, which it says now.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userFolder } from './user-folder.js';
import { hasStack, probecheck } from './run.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write('s.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.9', devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { hotplug: ['add dc'] } });
`);
write('p.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'past-end', subject: 'reads a device past the last', base: 'v5.9',
  hunks: [{ fn: '__device_attach', replace: 'device_lock', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
    if (s.dev[site.dev + 5].dead) return 'out_unlock';
    return orig.run(s, t, b, c);
  } }) }] });
`);
write('same.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'same', subject: 'the step as it was', base: 'v5.9',
  hunks: [{ fn: '__device_attach', replace: 'device_lock', step: (_site, orig) => ({ ...orig }) }] });
`);

describe('a patch step that indexes past an array of the state', () => {
  it('is E203 saying the index is out of range, not a field to spell', () => {
    const r = probecheck(['check', 's.ts', '--patch', 'p.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    const first = r.stderr.split('\n')[0]!;
    expect(first).toMatch(/^probecheck: E203 \(step threw\): in step '__device_attach\(dc\):device_lock' .*: index 5 is out of range: the array has 1 element \(0\.\.0\) \(a read;/);
    expect(first).not.toMatch(/did you mean/);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
  });
});

describe('simulate with a patch of yours', () => {
  it('says random walks cover part of the states, not that a search stopped early', () => {
    const r = probecheck(['simulate', 's.ts', '--patch', 'same.ts', '--runs', '5', '--seed', '1', '-q'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(unwrap(r.stdout) + r.stderr).toMatch(/warning: patch steps not compared with the model without the patch: random walks visit only part of the states/);
    expect(r.stdout + r.stderr).not.toMatch(/stopped early/);
  });
});
