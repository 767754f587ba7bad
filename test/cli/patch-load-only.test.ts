/**
 * A user's hunk that runs only in the load of a module loaded at the start (kernel/loaded.ts: the
 * start state is the load model's end): its effect is the start, yet `diff` refused the patch as
 * changing nothing (E501, "it never calls device_link_add") and `check --patch` said the scenario
 * never calls the function and did not credit it (s41 h12, from s41 h7's review).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { ADD_REF_PATCH } from './kref-patches.js';
import { userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

write('both-loaded.ts', `import { scenario } from 'probecheck';
// Both drivers in module m, loaded before the start: each probe's device_link_add ran in that load.
export default scenario({
  name: 'both-loaded', profile: 'v4.14',
  modules: { m: { loaded: true } },
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], module: 'm', statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    'mmc-drv': { matches: ['mmc'], module: 'm', statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
  },
  actors: { 'echo mmc > unbind': 'unbind mmc-drv mmc' },
  properties: ['no-deadlock'],
});
`);
write('add-ref.ts', ADD_REF_PATCH);
write('failed.ts', `import { definePatch } from 'probecheck';
// really_probe's probe_failed: built in the load (a probe may fail), never fired there (both probes ok).
export default definePatch({ id: 'u-failed', subject: 'probe_failed unchanged', base: 'v4.14',
  hunks: [{ fn: 'really_probe', replace: 'probe_failed', step: (_site, orig) => ({ ...orig! }) }] });
`);

describe('a hunk that runs only in the load of a module loaded at the start', () => {
  it('is compared by diff, not refused as changing nothing', () => {
    const d = probecheck(['diff', 'both-loaded.ts', '--patch', 'add-ref.ts', '-q'], { cwd: dir });
    expect(d.stderr).not.toMatch(/E501/);
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/no-deadlock\s+holds\s+holds\s+still holds/);
    expect(unwrap(d.stdout)).toMatch(/note: patch u-add-ref: its step device_link_add:list_for_each_entry runs only in the load of the modules loaded at the start/);
  });
  it('is credited by check --patch, with a note that it ran in the load', () => {
    const r = probecheck(['check', 'both-loaded.ts', '--patch', 'add-ref.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout) + r.stderr).not.toMatch(/never calls device_link_add|not credited/);
    expect(r.stdout).toMatch(/note: patch u-add-ref: its step device_link_add:list_for_each_entry runs only in the load/);
    expect(r.status).toBe(0);
  });
  it('one built in the load that never fired there is not credited', () => {
    const r = probecheck(['check', 'both-loaded.ts', '--patch', 'failed.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/warning: patch u-failed: its step really_probe:probe_failed never fires: it is built only in the load/);
    expect(r.stdout).toMatch(/not credited to the patch/);
    expect(r.status).toBe(5);
  });
});
