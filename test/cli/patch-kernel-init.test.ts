/**
 * A kernel field a user's patch adds may start from the scenario (`init: (w) => ...`, given the
 * declared devices and drivers): a counter of bound devices (a history hunt, 2026-12-06: Andy
 * Shevchenko's `probe_okay`, counted up in driver_bound and down in __device_release_driver) must
 * start at the number of devices bound at boot, or the first unbind takes it below 0 (E201); a
 * constant init would tie the patch to one scenario.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return name; };

write('rebind.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'rebind', profile: 'v5.4',
  devices: { a: { present: true, boundTo: 'a-drv' }, b: { present: true, boundTo: 'b-drv' } },
  drivers: { 'a-drv': { matches: ['a'], present: true }, 'b-drv': { matches: ['b'], present: true } },
  actors: { admin: ['unbind a-drv a', 'bind a-drv a'] },
  properties: ['single-binding'],
});
`);
const counter = (init: string) => `import { definePatch } from 'probecheck';
export default definePatch({
  id: 'bound-count', subject: 'count bound devices', base: 'v5.4',
  state: { kernel: { boundCount: { type: 'int', max: 3, init: ${init} } } },
  hunks: [
    { fn: 'really_probe', replace: 'driver_bound',
      step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => { s.boundCount++; return orig.run(s, t, b, c); } }) },
    { fn: '__device_release_driver', replace: 'devres_release_all',
      step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => { s.boundCount--; return orig.run(s, t, b, c); } }) },
  ],
});
`;
write('count-prop.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'invariant', name: 'count-matches',
  check: (v) => (v.patch.boundCount === v.devices.filter((d) => d.bound).length ? null : 'boundCount is ' + v.patch.boundCount),
});
`);

describe('a kernel field of a user patch starts from the scenario', () => {
  it('init: (w) => ... is given the declared devices: the count starts at the devices bound at boot', () => {
    write('count-fn.ts', counter('(w) => w.devices.filter((d) => d.boundTo !== null).length'));
    const r = probecheck(['check', 'rebind.ts', '--patch', 'count-fn.ts', '--property-file', 'count-prop.ts', '--property', 'count-matches', '--property', 'single-binding', '-q'], { cwd: dir });
    expect(r.stderr).not.toMatch(/E60\d|E201/);
    expect(r.stdout).toMatch(/count-matches\s+holds/);
    expect(r.status).toBe(0);
  });
  it('a constant that does not fit the scenario goes below 0 at the first unbind (E201)', () => {
    write('count-0.ts', counter('0'));
    const r = probecheck(['check', 'rebind.ts', '--patch', 'count-0.ts', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E201 .*boundCount was set to -1/);
  });
  it('an init function that returns a bad value is one E604 line, naming no device', () => {
    write('count-bad.ts', counter('(w) => w.devices.length + 5'));
    const r = probecheck(['check', 'rebind.ts', '--patch', 'count-bad.ts', '-q'], { cwd: dir });
    expect(r.stderr.split('\n')[0]).toMatch(/^probecheck: E604 .*state\.kernel\.boundCount\.init returned 7; expected an integer 0\.\.3$/);
  });
});
