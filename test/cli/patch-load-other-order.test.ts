/**
 * s41 h16 (a review of s41 h14's `in load` credit): the load of the modules loaded at the start
 * counted a step's firings in every order, also those ending in a state that does not fit the
 * scenario. Here mmc-alt (module m2, the only driver with a link) binds mmc only in orders where
 * m1's async probe of mmc-drv comes late: such an order ends with mmc bound to mmc-alt, not the
 * start. Its device_link_add, the user's hunk, was credited `in load` (made the start state), though
 * the start was the same as without the patch. The load now counts a move only where the start is
 * reached from its state after.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { ADD_REF_PATCH } from './kref-patches.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 'alt.ts'), `import { scenario } from 'probecheck';
export default scenario({
  name: 'alt', profile: 'v4.14',
  modules: { m1: { loaded: true, asyncProbe: true }, m2: { loaded: true } },
  devices: { pmic: { present: true }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'mmc-drv': { matches: ['mmc'], module: 'm1' },
    'mmc-alt': { matches: ['mmc'], module: 'm2', statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
  },
  actors: { 'echo mmc > bind': 'bind mmc-alt mmc' },
  properties: ['no-deadlock'],
});
`);
writeFileSync(join(dir, 'add-ref.ts'), ADD_REF_PATCH);

describe("a hunk that fired in the load only in orders that end elsewhere than the start", () => {
  it('is not credited with the start', () => {
    const r = probecheck(['check', 'alt.ts', '--patch', 'add-ref.ts', '--allow-vacuous', '--json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { runs: { loadSteps: { label: string; fired: number }[] }[]; patchNotes: { note: string }[]; notCredited?: unknown };
    expect(doc.runs[0]!.loadSteps.filter((e) => e.label.startsWith('device_link_add')).map((e) => e.fired)).toEqual([0, 0, 0]);
    expect(doc.runs[0]!.loadSteps.some((e) => e.label.startsWith('really_probe') && e.fired > 0)).toBe(true);
    expect(doc.patchNotes.map((n) => n.note)).toEqual(['never fires']);
    expect(doc.notCredited).toBeDefined();
  });
});
