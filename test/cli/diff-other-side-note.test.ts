/**
 * s40 h13: diff checks by name the properties either side chose by default (9c036c7), so a side
 * that did not choose no-lost-deferral checks it all the same, unnamed, and does not judge a match
 * deferral of yours there. That side's note said "chosen by default for another reason", a reason
 * its scenario does not have (dc-drv needs nothing there): it now says the other side chose it.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const amba = (needs: string) => `import { scenario } from 'probecheck';
export default scenario({
  name: 'amba-needs', profile: 'v5.10',
  devices: { pl011: { matchDefers: true }, clk: {}, dc: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, 'clk-drv': { matches: ['clk'], present: true }, 'dc-drv': { matches: ['dc'], ${needs}present: true } },
  // clk and dc in one actor, dc first: a search of 2,116 states (three actors, one device each, 32,475).
  actors: { hotplug: 'add pl011', other: ['add dc', 'add clk'] },
});
`;
writeFileSync(join(dir, 'needs.ts'), amba("needs: ['clk'], "));
writeFileSync(join(dir, 'plain.ts'), amba(''));
writeFileSync(join(dir, 'ret.ts'), `import { definePatch, RETURN } from 'probecheck';
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (_site: any, o: any) => ({ ...o, run: (s: any, t: any, b: any, c: any) => { o.run(s, t, b, c); return RETURN; } }) });
export default definePatch({ id: 'ret', subject: 'driver core: return after a match that defers', base: 'v5.10', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach')] });
`);

describe("diff: the side that did not choose no-lost-deferral", () => {
  it("is told the other side chose it, not of a reason of its own", () => {
    const notes = (JSON.parse(probecheck(['diff', 'needs.ts', 'plain.ts', '--patch', 'ret.ts', '--json'], { cwd: dir }).stdout).patchedNotes ?? []) as string[];
    const own = notes.filter((n) => n.startsWith('no-lost-deferral'));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatch(/^no-lost-deferral, not chosen by default here but checked for the other side's choice/);
    // Its own default run does not check it, and says so as before.
    expect(probecheck(['check', 'plain.ts', '--patch', 'ret.ts', '-q'], { cwd: dir }).stdout).toMatch(/no-lost-deferral is not chosen by default for/);
  });
});
