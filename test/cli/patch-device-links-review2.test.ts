/**
 * A second review of the device-link fixes (s41 h13): the cases s41 h7's narrowed E604 now lets
 * through start from the state the patched kernel has, and the call_probe advice where the only
 * managed link is made by a `maybe` actor's probe. (1) Both drivers in a module loaded at the
 * start: both adds run in the load, patched; (2) one built in, one in a module an actor may load:
 * the second add runs in the search. Each reads fixed with ead18c23c263 written on v4.14, as v4.18 holds.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { KREF_PATCH } from './kref-patches.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const LINK = "statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }]";

write('both-loaded.ts', `import { scenario } from 'probecheck';
// pmic-drv and mmc-drv both in module m, loaded before the start: both device_link_add calls ran in that load.
export default scenario({
  name: 'kref-both-loaded', profile: 'v4.14',
  modules: { m: { loaded: true } },
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'm', ${LINK} }, 'mmc-drv': { matches: ['mmc'], module: 'm', ${LINK} } },
  actors: { 'echo mmc > unbind': 'unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete'],
});
`);
write('maybe-modprobe.ts', `import { scenario } from 'probecheck';
// pmic-drv built in and bound at boot; mmc-drv in module m, which an actor may load (its probe adds the link in the search).
export default scenario({
  name: 'kref-maybe-modprobe', profile: 'v4.14',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true, ${LINK} }, 'mmc-drv': { matches: ['mmc'], module: 'm', ${LINK} } },
  actors: { load: 'maybe modprobe m', 'echo mmc > unbind': 'maybe unbind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete'],
});
`);
write('fix-kref.ts', KREF_PATCH);
write('maybe-bind.ts', `import { scenario } from 'probecheck';
// The only managed link is made by the probe a \`maybe bind\` may run.
export default scenario({
  name: 'managed-maybe-bind', profile: 'v5.0',
  buses: { platform: { autoprobe: false } },
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
  actors: { bind: 'maybe bind mmc-drv mmc' },
  properties: ['links-supplier-bound'],
});
`);
write('p-add.ts', `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'u-add', subject: 'device_link_add returns at once', base: 'v5.0',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) }] });
`);

describe('ead18c23c263 written on v4.14 where no two boot probes added the link', () => {
  for (const [file, how] of [['both-loaded.ts', 'both ends bound by a module loaded at the start'], ['maybe-modprobe.ts', "one end's driver in a module a `maybe modprobe` loads"]] as const) {
    it(`is not refused (${how}): fixed, as v4.18 holds`, () => {
      const d = probecheck(['diff', file, '--patch', 'fix-kref.ts', '-q'], { cwd: dir });
      expect(d.stderr).not.toMatch(/E604/);
      const v418 = probecheck(['check', file, '--param', 'profile=v4.18', '-q'], { cwd: dir });
      expect(v418.stdout).toMatch(/links-single-delete\s+holds/);
      expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    });
  }
});

describe("a hunk on device_link_add where only a `maybe` actor's probe makes a managed link", () => {
  it('names really_probe:call_probe, where that link is made', () => {
    const r = probecheck(['check', 'maybe-bind.ts', '--patch', 'p-add.ts', '-q'], { cwd: dir });
    expect(r.stderr + r.stdout).toMatch(/is made inside really_probe:call_probe/);
  });
});
