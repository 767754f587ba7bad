/**
 * A user's hunk the search builds but never fires, that ran in the load of a module loaded at the
 * start (kernel/loaded.ts: the start state is that load's end): its effect is the start, yet it read
 * `never fires` and `not credited` (s41 h14, a review of s41 h12, which credited a hunk built only
 * in the load).
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

write('both-bind.ts', `import { scenario } from 'probecheck';
// Both drivers in module m, loaded before the start: each probe's device_link_add ran in that load.
// The actor's bind of the bound mmc builds mmc's probe (and its device_link_add), never fired here.
export default scenario({
  name: 'both-bind', profile: 'v4.14',
  modules: { m: { loaded: true } },
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], module: 'm', statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    'mmc-drv': { matches: ['mmc'], module: 'm', statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
  },
  actors: { 'echo mmc > bind': 'bind mmc-drv mmc' },
  properties: ['no-deadlock'],
});
`);
write('add-ref.ts', ADD_REF_PATCH);

describe('a hunk built in the search, never fired there, that ran in the load', () => {
  it('is credited with a note that it ran in the load, not `never fires`', () => {
    const r = probecheck(['check', 'both-bind.ts', '--patch', 'add-ref.ts', '--allow-vacuous', '--json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { patchNotes: { step: string; note: string }[]; notCredited?: unknown };
    // Built in the search (the actor's bind), never fired there: the load is what ran it.
    const run = (doc as unknown as { runs: { coverage: { label: string; fired: number }[]; loadSteps: { label: string; fired: number }[] }[] }).runs[0]!;
    expect(run.coverage.filter((e) => e.label.startsWith('device_link_add')).map((e) => e.fired)).toEqual([0]);
    expect(run.loadSteps.some((e) => e.label.startsWith('device_link_add') && e.fired > 0)).toBe(true);
    expect(doc.patchNotes.map((n) => n.note)).toEqual(['in load']);
    expect(doc.notCredited).toBeUndefined();
    const t = probecheck(['check', 'both-bind.ts', '--patch', 'add-ref.ts', '--allow-vacuous', '-q'], { cwd: dir });
    expect(unwrap(t.stdout)).toMatch(/note: patch u-add-ref: its step device_link_add:list_for_each_entry never fires in this search, but ran in the load of the modules loaded at the start/);
    expect(t.stdout).not.toMatch(/not credited/);
    expect(t.status).toBe(0);
  });
});
