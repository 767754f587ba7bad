/**
 * A review of boot's device_link_add through a user's hunk (s42 h2, test/cli/patch-link-boot.test.ts):
 * boot's calls ran from the start state, where the probing device is already bound, which no probe
 * ever sees (a hunk asking whether the supplier is bound made the link at boot that the patched
 * kernel never makes); and boot's adds were counted one per driver, where a driver bound to both
 * ends of its link adds it in each probe, as the search's probes do (a second ->remove then read as
 * deleting a freed link, with the kref). And a probe later in boot's order (the drivers' declared
 * order) read the devices of probes still to come as bound.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOT_LINK } from './boot-link-scenario.js';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';
import { KREF_PATCH } from './kref-patches.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

write('boot-link.ts', BOOT_LINK);
write('sup-bound.ts', `import { definePatch, RETURN } from 'probecheck';
// device_link_add makes a stateless link only to a supplier whose driver is bound (its probe is over).
export default definePatch({
  id: 'u-sup-bound', subject: 'driver core: no stateless link to a supplier still probing', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const l = site.k.w.links[site.link]!;
    return s.dev[l.supplier]!.bound ? orig!.run(s, t, b, c) : RETURN;
  } }) }],
});
`);
const oneDriver = (profile: string) => `import { scenario } from 'probecheck';
// One driver drives pmic and mmc and links mmc -> pmic (stateless) in each probe; both bound at boot; an admin unbinds each.
export default scenario({
  name: 'one-driver-both-ends', profile: '${profile}',
  devices: { pmic: { present: true, boundTo: 'x-drv' }, mmc: { present: true, boundTo: 'x-drv' } },
  drivers: { 'x-drv': { matches: ['pmic', 'mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
  actors: { 'echo mmc > unbind': 'unbind x-drv mmc', 'echo pmic > unbind': 'unbind x-drv pmic' },
  properties: ['links-single-delete'],
});
`;
const order = (first: string) => `import { scenario } from 'probecheck';
// pmic's driver links mmc to pmic (stateless) in its probe; mmc has a driver of its own; both bound at boot,
// the first driver declared registered first. An admin deletes mmc (device_del purges its links) and unbinds pmic (->remove deletes the link).
const pmic = { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] }, mmc = { matches: ['mmc'], present: true };
export default scenario({
  name: 'boot-order', profile: 'v5.4',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: ${first === 'pmic' ? "{ 'pmic-drv': pmic, 'mmc-drv': mmc }" : "{ 'mmc-drv': mmc, 'pmic-drv': pmic }"},
  actors: { 'del mmc': 'del mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete'],
});
`;
write('pmic-first.ts', order('pmic'));
write('mmc-first.ts', order('mmc'));
write('con-bound.ts', `import { definePatch, RETURN } from 'probecheck';
// device_link_add makes a stateless link only to a consumer whose driver is bound.
export default definePatch({
  id: 'u-con-bound', subject: 'driver core: no stateless link from a consumer without a driver', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const l = site.k.w.links[site.link]!;
    return s.dev[l.consumer]!.bound ? orig!.run(s, t, b, c) : RETURN;
  } }) }],
});
`);
write('one-driver-18.ts', oneDriver('v4.18'));
write('one-driver-14.ts', oneDriver('v4.14'));
write('kref.ts', KREF_PATCH);

describe("boot's device_link_add through a user's hunk runs inside boot's probe", () => {
  // (Before: the probing supplier read bound, the link was made at boot: still violated, exit 1.)
  it('a hunk refusing a link to a supplier not yet bound refuses it at boot, as every probe of the supplier does', () => {
    const d = probecheck(['diff', 'boot-link.ts', '--patch', 'sup-bound.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
  });

  // (Before: pmic-drv's probe read mmc bound, whichever driver came first.)
  it("in the drivers' declared order: a probe before mmc-drv's reads mmc without a driver, one after it reads it bound", () => {
    const first = probecheck(['check', 'pmic-first.ts', '--patch', 'con-bound.ts', '-q'], { cwd: dir });
    expect(first.stdout).toMatch(/links-single-delete\s+holds/);
    expect(first.status).toBe(0);
    const after = probecheck(['check', 'mmc-first.ts', '--patch', 'con-bound.ts', '-q'], { cwd: dir });
    expect(after.stdout).toMatch(/links-single-delete\s+violated/);
  });
});

describe('a driver bound at boot to both ends of its stateless link added it in each probe', () => {
  // (Before: one reference at the start, so the second ->remove's device_link_del read as a double delete.)
  it('v4.18 (with the kref): the two ->remove calls drop the two references', () => {
    const r = probecheck(['check', 'one-driver-18.ts', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/links-single-delete\s+holds/);
    expect(r.status).toBe(0);
  });

  it('v4.14 with ead18c23c263 as a user patch: boot ran two adds through it (fixed, as v4.18 reads)', () => {
    const d = probecheck(['diff', 'one-driver-14.ts', '--patch', 'kref.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
  });
});
