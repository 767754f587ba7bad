/**
 * A history hunt on device-link fixes through the user patch loop (s41 h4). Two fixes the library
 * has as profile flags, written as a user's patch on the release before them, read wrong:
 * 15cfb0941603 on v5.0 (`still violated`: links-no-warn judged device_links_driver_bound's WARN by
 * the link's status alone, so the fix's skip of a CONSUMER_PROBE/ACTIVE link read as the WARN it
 * removes) and ead18c23c263 on v4.14 with both ends bound at boot (`still violated`: the start
 * counted the link's references as v4.14's device_link_add does, one, where the fix takes two).
 * And one the other way: 8c3e315d4296 on v5.4 (`still holds`: the WARN_ON its __device_links_no_driver
 * adds was judged only on profiles with the flag, though the patched run reaches it, as v5.9 does).
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

write('probing.ts', `import { scenario } from 'probecheck';
// pmic's probe registers mmc (a child); mmc's driver knows pmic works and links to it at once,
// while pmic is still probing (15cfb0941603's case).
export default scenario({
  name: 'link-to-probing-supplier', profile: 'v5.0',
  devices: { pmic: {}, mmc: { parent: 'pmic' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true, registers: ['mmc'] },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true },
  },
  actors: { 'add pmic': 'add pmic' },
  properties: ['links-no-warn', 'single-binding', 'no-deadlock'],
});
`);
write('fix-15cfb.ts', `import { definePatch } from 'probecheck';
// 15cfb0941603 "driver core: Fix adding device links to probing suppliers" (v5.1), two of its hunks:
// device_link_add: a supplier DL_DEV_PROBING and a consumer DL_DEV_PROBING give CONSUMER_PROBE, not DORMANT;
// device_links_driver_bound: links to consumers that are CONSUMER_PROBE or ACTIVE are skipped.
export default definePatch({
  id: 'u15cfb', subject: 'driver core: Fix adding device links to probing suppliers', base: 'v5.0',
  hunks: [
    { fn: 'really_probe', replace: 'call_probe', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const before = site.k.w.links.map((l) => s.link[l.i]!.status);
      const r = orig!.run(s, t, b, c);
      for (const l of site.k.w.links) {
        if (l.stateless || l.consumer !== site.dev) continue;
        if (before[l.i] === 'NONE' && s.link[l.i]!.status === 'DORMANT' && s.dev[l.supplier]!.linksProbing) s.link[l.i]!.status = 'CONSUMER_PROBE';
      }
      return r;
    } }) },
    { fn: 'really_probe', replace: 'driver_bound', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const kept = site.k.w.links.filter((l) => !l.stateless && l.supplier === site.dev && (s.link[l.i]!.status === 'CONSUMER_PROBE' || s.link[l.i]!.status === 'ACTIVE')).map((l) => [l.i, s.link[l.i]!.status] as const);
      const r = orig!.run(s, t, b, c);
      for (const [i, st] of kept) s.link[i]!.status = st;
      return r;
    } }) },
  ],
});
`);
write('kref.ts', `import { scenario } from 'probecheck';
// Both drivers call device_link_add(mmc, pmic, DL_FLAG_STATELESS) in probe and device_link_del in
// ->remove (ead18c23c263's case); both bound at boot; an admin unbinds each.
export default scenario({
  name: 'stateless-link-two-owners', profile: 'v4.14',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    'mmc-drv': { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
  },
  actors: { 'echo mmc > unbind': 'unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete', 'single-binding', 'no-deadlock'],
});
`);
write('kref2.ts', `import { scenario } from 'probecheck';
// As kref.ts, with mmc added after boot (its probe's device_link_add runs in the search).
export default scenario({
  name: 'stateless-link-two-owners-added', profile: 'v4.14',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: {} },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
    'mmc-drv': { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] },
  },
  actors: { 'add mmc': 'add mmc', 'echo mmc > unbind': 'unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete', 'single-binding', 'no-deadlock'],
});
`);
write('managed.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'managed-link', profile: 'v5.0',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: {} },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true },
  },
  actors: { 'add mmc': 'add mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-supplier-bound', 'no-deadlock'],
});
`);
write('p-managed-add.ts', `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'u-5db25', subject: 'driver core: Do not resume suppliers under device_links_write_lock()', base: 'v5.0',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) }] });
`);
write('unbind2.ts', `import { scenario } from 'probecheck';
// mmc's driver links it to pmic (managed); both bound; an admin unbinds each at once.
export default scenario({
  name: 'two-unbinds', profile: 'v5.4',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true },
  },
  actors: { 'echo mmc > unbind': 'unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-no-warn', 'links-supplier-bound', 'no-deadlock'],
});
`);
write('fix-8c3e.ts', `import { definePatch } from 'probecheck';
// 8c3e315d4296 "driver core: Update device link status correctly for SYNC_STATE_ONLY links" (v5.8),
// its __device_links_no_driver hunk: a CONSUMER_PROBE/ACTIVE link becomes AVAILABLE only while the
// supplier is DL_DEV_DRIVER_BOUND, else WARN_ON(!SYNC_STATE_ONLY) and DORMANT.
export default definePatch({
  id: 'u-8c3e', subject: 'driver core: Update device link status correctly for SYNC_STATE_ONLY links', base: 'v5.4',
  hunks: [{ fn: '__device_release_driver', replace: 'devres_release_all', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const was = site.k.w.links.map((l) => s.link[l.i]!.status);
    const r = orig!.run(s, t, b, c);
    for (const l of site.k.w.links) {
      if (l.stateless || l.consumer !== site.dev) continue;
      const sup = s.dev[l.supplier]!;
      if ((was[l.i] === 'CONSUMER_PROBE' || was[l.i] === 'ACTIVE') && s.link[l.i]!.status === 'AVAILABLE' && !(sup.bound && !sup.linksUnbinding)) s.link[l.i]!.status = 'DORMANT';
    }
    return r;
  } }) }],
});
`);
write('fix-kref.ts', KREF_PATCH);
write('lan966x.ts', `import { scenario } from 'probecheck';
// Herve Codina's lan966x case (2026): i2c consumes oic and pinctrl, pinctrl consumes oic, oic the PCI
// device; unbinding the PCI device's driver unbinds them depth first, oic still DL_DEV_UNBINDING when
// i2c goes. (The posting rmmods the PCI driver; a sysfs unbind runs the same __device_release_driver(pci)
// and needs no load model: test/kernel/links.test.ts pins the trace and the hunk's note in-process.)
// On v6.12: mainline's core.c (10864921212f, v7.3-rc1) has the fix merged (36d74f17e03f).
export default scenario({
  name: 'lan966x-unbind-chain', profile: 'v6.12',
  devices: { pci: { present: true, boundTo: 'pci-drv' }, oic: { present: true, boundTo: 'oic-drv' }, pinctrl: { present: true, boundTo: 'pinctrl-drv' }, i2c: { present: true, boundTo: 'i2c-drv' } },
  drivers: {
    'pci-drv': { present: true, matches: ['pci'] },
    'oic-drv': { present: true, matches: ['oic'], links: ['pci'] },
    'pinctrl-drv': { present: true, matches: ['pinctrl'], links: ['oic'] },
    'i2c-drv': { present: true, matches: ['i2c'], links: ['oic', 'pinctrl'] },
  },
  actors: { unbind: 'unbind pci-drv pci' },
  properties: ['links-no-warn'],
});
`);

describe('15cfb0941603 written on v5.0: the skip in device_links_driver_bound', () => {
  it('a link the fixed loop skips is not judged as the WARN it removes: fixed, as v5.1 holds', () => {
    const d = probecheck(['diff', 'probing.ts', '--patch', 'fix-15cfb.ts', '--property', 'links-no-warn', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/links-no-warn\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
  });
});

describe('ead18c23c263 written on v4.14: references the boot probes took', () => {
  // (Refused with E604 until s42 h2: boot's two adds now run through the hunk, loaded.ts bootLinksStart.)
  it('where two boot probes added the link, both adds run through the hunk: fixed, as v4.18 holds', () => {
    const d = probecheck(['diff', 'kref.ts', '--patch', 'fix-kref.ts', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
  });

  it('with the second add in the search the fix reads fixed, as v4.18 holds', () => {
    const d = probecheck(['diff', 'kref2.ts', '--patch', 'fix-kref.ts', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
  });
});

describe('a hunk on device_link_add where the link is managed', () => {
  it("says where a managed link is made (really_probe:call_probe), not that the scenario never calls device_link_add", () => {
    const r = probecheck(['check', 'managed.ts', '--patch', 'p-managed-add.ts', '-q'], { cwd: dir });
    expect(r.stderr + unwrap(r.stdout)).toMatch(/device_link_add has steps only for a driver's statelessLinks: the managed link of a driver's `links` is made inside really_probe:call_probe/);
    expect(r.stderr + unwrap(r.stdout)).not.toMatch(/never calls device_link_add/);
  });
});

describe('8c3e315d4296 written on v5.4: the WARN_ON it adds', () => {
  it('the patched run that makes an ACTIVE link to an unbinding supplier DORMANT reaches the WARN: regressed, as v5.9 is violated', () => {
    const d = probecheck(['diff', 'unbind2.ts', '--patch', 'fix-8c3e.ts', '--property', 'links-no-warn', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/links-no-warn\s+holds\s+violated\s+regressed/);
    const v59 = probecheck(['check', 'unbind2.ts', '--param', 'profile=v5.9', '--property', 'links-no-warn', '-q'], { cwd: dir });
    expect(v59.stdout).toMatch(/links-no-warn\s+violated/);
  });
});

describe("Herve Codina's v7 3/3 (2026-05-11): only __device_links_no_driver's WARN_ON condition changes (s47)", () => {
  it('the library patch codina-v7 reads fixed, as docs/patches.md shows', () => {
    const lib = probecheck(['diff', 'lan966x.ts', '--patched-param', 'patches=codina-v7', '-q'], { cwd: dir });
    expect(lib.stdout).toMatch(/links-no-warn\s+violated\s+holds\s+fixed/);
    expect(lib.status).toBe(0);
  });

  // s48 h5: the patch on the base side alone (its revert), with no property that sees it, read
  // `still holds` in silence: diff printed only the patched side's note.
  it('a diff whose base alone has codina-v7, checking no property that sees it, says so of the base', () => {
    const rev = probecheck(['diff', 'lan966x.ts', '--param', 'patches=codina-v7', '--patched-param', 'patches=', '--property', 'no-deadlock', '-q'], { cwd: dir });
    expect(rev.stdout).toMatch(/no-deadlock\s+holds\s+holds\s+still holds/);
    expect(unwrap(rev.stdout)).toContain('note: on the base: patch codina-v7 changes only a WARN_ON\'s condition in __device_links_no_driver, which only links-no-warn judges, and this run does not check it: name it (--property links-no-warn)');
  });
});
