/**
 * The no-missed-probe hint under a patch of yours where the run loops (a review of s39 h7, s39 h11).
 * h7 made the hint say "X is still in a call here: where no thread can move, read no-deadlock
 * first" whenever an actor is in a call in the state the lasso reports, for the deadlock s39 h6
 * met (every thread blocked). In a lasso that loops, threads move: here the deferred worker's
 * re-probe loop (B15, v4.2: host's probe registers child, child binds and triggers, host defers,
 * its snapshot is stale, the worker retries host for ever) keeps modprobe's wait_for_device_probe
 * waiting, no-deadlock holds, and dc is unprobed because the patch's own check refused its probe:
 * the hint must say so, as it did before h7. At v4.2 it must not name driver_probe_device's
 * driver_deferred_probe_add either: before v5.14 (204db60c8357, 45ddcb42949f) driver_probe_device
 * lists nothing, really_probe lists its own (dd.c@v4.2.8:202-205, dd.c@97e2551de3f9 (v5.4):162,167-168,272-275).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 'loop.ts'), `import { scenario } from 'probecheck';
export default scenario({
  name: 'loop', profile: 'v4.2',
  devices: { host: { present: true }, child: { parent: 'host' }, dc: {} },
  drivers: { 'child-drv': { matches: ['child'], present: true }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer' }, 'dc-drv': { matches: ['dc'], present: true } },
  actors: { modprobe: ['add dc', 'register host-drv', 'wait_for_device_probe'] },   // dc first, in the one actor: 2,261 states (25,207 with a hotplug actor of its own)
});
`);
// dc's probe refused by a check of the patch's own, before the probe: -ENODEV, undeclared.
writeFileSync(join(dir, 'refuse.ts'), `import { definePatch, FIRST, RET, RETURN } from 'probecheck';
export default definePatch({ id: 'refuse-dc', subject: 'refuse dc', base: 'v4.2', hunks: [
  { fn: 'really_probe', insert: { label: 'gate', after: null, before: FIRST }, step: (site) => ({ run: (s, t) => {
    if (site.k.w.devices[site.dev].name === 'dc') { t.ret = RET.ENODEV; return RETURN; }
    return FIRST;
  } }) },
] });
`);

describe('no-missed-probe under a patch of yours, in a lasso that loops', () => {
  it("gives the patch's refusal as the cause, not an actor in a call, and names v4.2's lists", () => {
    const r = probecheck(['check', 'loop.ts', '--patch', 'refuse.ts', '--property', 'no-missed-probe'], { cwd: dir });
    expect(r.stdout).toMatch(/no-missed-probe\s+violated/);
    const line = r.stdout.split('\n').find((l) => l.startsWith('dc and dc-drv are both registered and dc is never probed by it')) ?? '';
    expect(line).toContain('if your patch refuse-dc makes this probe fail');
    expect(line).not.toContain('still in a call');
    expect(line).toContain('before v5.14 driver_probe_device lists nothing');
    expect(line).not.toContain("driver_probe_device's driver_deferred_probe_add");
  });
});
