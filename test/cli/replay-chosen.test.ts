/**
 * s40 h12: replay judged every trace's property as named (822a136's Model.selected 'named'), so a
 * trace of no-lost-deferral from a run that chose it by default (dc-drv needs clk) replayed
 * blaming pl011's match deferral, which a hunk of the patch keeps and which that run said it did
 * not judge, not dc's lost retry the run found. The trace file says `chosen` for such a run.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 'amba.ts'), `import { scenario } from 'probecheck';
export default scenario({
  name: 'amba-needs', profile: 'v4.14',
  devices: { pl011: { matchDefers: true }, clk: {}, dc: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, 'clk-drv': { matches: ['clk'], present: true }, 'dc-drv': { matches: ['dc'], needs: ['clk'], present: true } },
  // pl011 then clk in one actor, dc in another: dc's retry is still lost (3,435 states; three
  // actors, one device each, were 24,010).
  actors: { hotplug: ['add pl011', 'add clk'], other: 'add dc' },
});
`);
// The match's add, then return; and 58b116bce136's re-trigger after a probe's deferral dropped (B1), so dc's retry is lost.
writeFileSync(join(dir, 'lost.ts'), `import { definePatch, RETURN } from 'probecheck';
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (_site: any, o: any) => ({ ...o, run: (s: any, t: any, b: any, c: any) => { o.run(s, t, b, c); return RETURN; } }) });
export default definePatch({ id: 'lost', subject: 'return after a match that defers; no re-trigger', base: 'v4.14', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach'),
  { fn: 'really_probe', replace: 'driver_deferred_probe_add', step: (_site: any, o: any) => ({ ...o, run: (s: any, t: any, b: any, c: any) => { const next = o.run(s, t, b, c); return next === 'driver_deferred_probe_trigger' ? 'done' : next; } }) }] });
`);
const said = (out: string) => /\n(\S+) stays on the deferred/.exec(out)?.[1];

describe("replay of a trace of a property the run chose itself", () => {
  it('judges it as that run did', () => {
    const check = probecheck(['check', 'amba.ts', '--patch', 'lost.ts', '--trace-out', 't.json'], { cwd: dir });
    expect(said(check.stdout)).toBe('dc');
    expect(JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')).chosen).toBe(true);
    expect(said(probecheck(['replay', 't.json'], { cwd: dir }).stdout)).toBe('dc');
    // Named, it is judged, and the trace says so.
    probecheck(['check', 'amba.ts', '--patch', 'lost.ts', '--property', 'no-lost-deferral', '--trace-out', 'n.json'], { cwd: dir });
    expect(JSON.parse(readFileSync(join(dir, 'n.json'), 'utf8')).chosen).toBeUndefined();
  });
});
