/**
 * A review of s40 h4's change to the user patch loop (s40 h6): your patches apply one by one, so a
 * later patch's replacement of a step an earlier patch's insert follows is made after that insert.
 * It must go on as when every replacement of yours applied before any insertion: the inserts on
 * that step's edges still taken, in the order they were made, and `orig` the step without them.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { unwrap } from './unwrap.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

write('smmu.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'two-probes', profile: 'mainline',
  devices: { smmu: { present: true }, dc: { present: true } },
  drivers: {
    'arm-smmu': { matches: ['smmu'], module: 'arm_smmu' },
    'dc-drv': { matches: ['dc'], module: 'dc_mod', probeType: 'async' },
  },
  actors: { 'modprobe arm_smmu': 'modprobe arm_smmu', 'modprobe dc_mod': 'modprobe dc_mod' },
  properties: ['no-deadlock'],
});
`);

describe('a later patch replacing a step that earlier inserts follow', () => {
  it('goes through every insert on the edge, the one inserted before the other first', () => {
    // call_probe -> i2 -> i1 -> probe_ret; the later patch writes call_probe's return itself.
    write('chain.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'chain', subject: 'two steps after the probe call', base: 'mainline',
  state: { kernel: { saw2: 'bool', bad: 'bool' } },
  hunks: [
    { fn: 'really_probe', insert: { label: 'i1', after: 'call_probe', before: 'probe_ret' }, step: () => ({ run: (s) => { if (!s.saw2) s.bad = true; return 'probe_ret'; } }) },
    { fn: 'really_probe', insert: { label: 'i2', after: 'call_probe', before: 'i1' }, step: () => ({ run: (s) => { s.saw2 = true; return 'i1'; } }) },
  ] });
`);
    write('scratch.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'scratch', subject: 'call_probe going on to probe_ret by name', base: 'mainline',
  hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => { orig.run(s, t, b, c); return 'probe_ret'; } }) }] });
`);
    write('order.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'i2-before-i1', check: (v) => (v.patch.bad ? 'i1 ran without i2 before it' : null) });
`);
    const r = probecheck(['check', 'smmu.ts', '--param', 'patches=./chain.ts', '--patch', 'scratch.ts', '--property-file', 'order.ts', '--property', 'i2-before-i1', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/i2-before-i1\s+holds/);
    expect(unwrap(r.stdout) + r.stderr).not.toMatch(/never fires/);
    expect(r.status).toBe(0);
  });

  it("hands it the step as the library made it, so a fix that compares orig's return with a library label still changes where it goes", () => {
    // A model step m between a probe that returns 0 and driver_bound; the fix fails such a probe.
    write('model.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'model', subject: 'a step between a probe that returns 0 and driver_bound', base: 'mainline',
  state: { kernel: { ranM: 'bool' } },
  hunks: [{ fn: 'really_probe', insert: { label: 'm', after: 'probe_ret', before: 'driver_bound' }, step: () => ({ run: (s) => { s.ranM = true; return 'driver_bound'; } }) }] });
`);
    write('fail.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'fail', subject: 'a probe that returns 0 fails', base: 'mainline',
  hunks: [{ fn: 'really_probe', replace: 'probe_ret', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => { const r = orig.run(s, t, b, c); return r === 'driver_bound' ? 'probe_failed' : r; } }) }] });
`);
    write('ran-m.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'm-never-runs', check: (v) => (v.patch.ranM ? 'm ran after a probe the fix fails' : null) });
`);
    const r = probecheck(['check', 'smmu.ts', '--param', 'patches=./model.ts', '--patch', 'fail.ts', '--property-file', 'ran-m.ts', '--property', 'm-never-runs', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/m-never-runs\s+holds/);
    // m is on an edge the fix no longer takes: the search says so.
    expect(r.stdout + r.stderr).toMatch(/patch model: its step really_probe:m never fires/);
    expect(r.status).toBe(0);
  });
});
