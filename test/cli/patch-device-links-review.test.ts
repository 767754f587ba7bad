/**
 * A review of s41 h4's device-link changes (s41 h7): three places that still read the profile or
 * the scenario wrong. (1) A stateless link one boot probe and one probe of a module loaded at the
 * start added: that load runs the user's hunk on device_link_add (loaded.ts), so the start is
 * right, but the hunk was refused (E604) as if both adds were boot's. (2) A hunk on
 * device_link_add in a scenario with no managed link was told to replace really_probe:call_probe,
 * where no probe makes a link. (3) A revert of 15cfb0941603's skip written on v5.4 read `still
 * holds`: the consumers loop's WARN_ON was judged by the profile's flag, not by the AVAILABLE write.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { unwrap } from './unwrap.js';
import { KREF_PATCH } from './kref-patches.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

write('kref-loaded.ts', `import { scenario } from 'probecheck';
// pmic-drv built in and bound at boot; mmc-drv in module m, loaded before the start: its probe's
// device_link_add(mmc, pmic, DL_FLAG_STATELESS) ran in that load.
export default scenario({
  name: 'kref-loaded', profile: 'v4.14',
  modules: { m: { loaded: true } },
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    'mmc-drv': { matches: ['mmc'], module: 'm', statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
  },
  actors: { 'echo mmc > unbind': 'unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete', 'no-deadlock'],
});
`);
write('fix-kref.ts', KREF_PATCH);
write('nolinks.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'nolinks', profile: 'v5.0',
  devices: { pmic: {} },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true } },
  actors: { 'add pmic': 'add pmic' },
  properties: ['no-deadlock'],
});
`);
write('p-add.ts', `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'u-add', subject: 'device_link_add returns at once', base: 'v5.0',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) }] });
`);
write('probing.ts', `import { scenario } from 'probecheck';
// pmic's probe registers mmc, whose driver links to pmic at once (15cfb0941603's case): the link
// is CONSUMER_PROBE, then ACTIVE once mmc binds, before pmic's probe returns.
export default scenario({
  name: 'link-to-probing-supplier', profile: 'v5.4',
  devices: { pmic: {}, mmc: { parent: 'pmic' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true, registers: ['mmc'] },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true },
  },
  actors: { 'add pmic': 'add pmic' },
  properties: ['links-no-warn'],
});
`);
write('revert-skip.ts', `import { definePatch } from 'probecheck';
// 15cfb0941603's skip in device_links_driver_bound reverted on v5.4: every managed link to a
// consumer becomes AVAILABLE, under WARN_ON(link->status != DL_STATE_DORMANT), as in v5.0's loop.
export default definePatch({
  id: 'u-revert-skip', subject: 'Revert the CONSUMER_PROBE/ACTIVE skip of device_links_driver_bound', base: 'v5.4',
  hunks: [{ fn: 'really_probe', replace: 'driver_bound', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const r = orig!.run(s, t, b, c);
    for (const l of site.k.w.links) if (!l.stateless && l.supplier === site.dev && s.link[l.i]!.status !== 'NONE') s.link[l.i]!.status = 'AVAILABLE';
    return r;
  } }) }],
});
`);

describe('a hunk on device_link_add beside a module loaded at the start', () => {
  it('is not refused where one of the two adds ran in the load (patched): fixed, as v4.18 holds', () => {
    const d = probecheck(['diff', 'kref-loaded.ts', '--patch', 'fix-kref.ts', '-q'], { cwd: dir });
    expect(d.stderr).not.toMatch(/E604/);
    expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    const v418 = probecheck(['check', 'kref-loaded.ts', '--param', 'profile=v4.18', '-q'], { cwd: dir });
    expect(v418.stdout).toMatch(/links-single-delete\s+holds/);
  });
});

describe('a hunk on device_link_add in a scenario that makes no link', () => {
  it('says the scenario never calls it, not to replace really_probe:call_probe', () => {
    const r = probecheck(['check', 'nolinks.ts', '--patch', 'p-add.ts', '-q'], { cwd: dir });
    expect(r.stderr + unwrap(r.stdout)).toMatch(/this scenario never calls device_link_add on this profile/);
    expect(r.stderr + r.stdout).not.toMatch(/call_probe/);
    const d = probecheck(['diff', 'nolinks.ts', '--patch', 'p-add.ts', '-q'], { cwd: dir });
    expect(d.stderr).toMatch(/^probecheck: E501 .*changes nothing in nolinks .*it never calls device_link_add;/);
    expect(d.stderr).not.toMatch(/call_probe/);
  });
});

describe("a revert of 15cfb0941603's skip written on v5.4", () => {
  it("the consumers loop's AVAILABLE write over an ACTIVE link WARNs, as v5.0's loop does: regressed", () => {
    const d = probecheck(['diff', 'probing.ts', '--patch', 'revert-skip.ts', '--property', 'links-no-warn', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/links-no-warn\s+holds\s+violated\s+regressed/);
  });
});
