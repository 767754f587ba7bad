/**
 * s40 h12: diff checks both sides' properties by name (the union of their own), so 822a136's
 * rule, that a match deferral a hunk of yours may end (matchYours) is judged only where the run
 * names no-lost-deferral, never held there: 25e9fbf0fd38 backported by hand beside dc-drv (which
 * needs clk, so no-lost-deferral is chosen by default) was `regressed` in diff where check said
 * holds. Named by the user in diff: --property and --fixes only.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 'amba.ts'), `import { scenario } from 'probecheck';
export default scenario({
  name: 'amba-needs', profile: 'v5.10',
  devices: { pl011: { matchDefers: true }, clk: {}, dc: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, 'clk-drv': { matches: ['clk'], present: true }, 'dc-drv': { matches: ['dc'], needs: ['clk'], present: true } },
  // clk and dc in one actor, dc first: the same verdicts at 2,116 states (three actors, one device
  // each, were 32,475).
  actors: { hotplug: 'add pl011', other: ['add dc', 'add clk'] },
});
`);
// The match's add, then return (25e9fbf0fd38 by hand at v5.10): pl011 stays deferred, as upstream.
writeFileSync(join(dir, 'ret.ts'), `import { definePatch, RETURN } from 'probecheck';
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (_site: any, o: any) => ({ ...o, run: (s: any, t: any, b: any, c: any) => { o.run(s, t, b, c); return RETURN; } }) });
export default definePatch({ id: 'ret', subject: 'driver core: return after a match that defers', base: 'v5.10', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach')] });
`);
const row = (out: string) => /\n\s*no-lost-deferral\s+(\S+)\s+(\S+)\s+(\S+ ?\S*)/.exec(out)?.slice(1, 4);

describe('diff of a match deferral of yours where no-lost-deferral is chosen for another reason', () => {
  it('judges it as check does: not by default, where named', () => {
    const check = probecheck(['check', 'amba.ts', '--patch', 'ret.ts'], { cwd: dir });
    expect(/\n\s*no-lost-deferral\s+(\S+)/.exec(check.stdout)?.[1]).toBe('holds');
    expect(row(probecheck(['diff', 'amba.ts', '--patch', 'ret.ts'], { cwd: dir }).stdout)).toEqual(['holds', 'holds', 'still holds']);
    expect(row(probecheck(['diff', 'amba.ts', '--patch', 'ret.ts', '--fixes', 'no-lost-deferral'], { cwd: dir }).stdout)?.slice(0, 2)).toEqual(['holds', 'violated']);
  });
});
