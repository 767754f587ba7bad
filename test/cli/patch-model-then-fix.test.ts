/**
 * A history hunt through the user patch loop (s40 h4): 95deee37a123 ("platform: Fix race condition
 * during DMA configure at IOMMU probe time", Will McVicker, driver-core-6.15-rc6). The library has
 * no IOMMU layer, so the user models its platform_dma_configure() call from the SMMU's probe in a
 * patch given on both sides (`--param patches=./iommu.ts`: dev->driver read, then tested again
 * before drv is dereferenced, as bcb81ac6ae3c left it) and the fix on top (`--patch fix.ts`: one
 * read). Two things stood in the way: an insert after really_probe's call_probe never fired (the
 * step goes on by the full label of probe_ret), and a later patch could not replace a step an
 * earlier one inserted (E604: every user replacement applied before any insertion).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

write('smmu.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'smmu-dma-configure', profile: 'mainline',
  devices: { smmu: { present: true }, dc: { present: true } },
  drivers: {
    'arm-smmu': { matches: ['smmu'], module: 'arm_smmu' },
    'dc-drv': { matches: ['dc'], module: 'dc_mod', probeType: 'async' },
  },
  actors: { 'modprobe arm_smmu': 'modprobe arm_smmu', 'modprobe dc_mod': 'modprobe dc_mod' },
  properties: ['no-deadlock'],
});
`);
// platform_dma_configure(dc) from the SMMU's probe: read 1 (to_platform_driver(dev->driver)), then
// read 2 (if (ret || !dev->driver || drv->driver_managed_dma)): container_of(NULL) dereferenced.
write('iommu.ts', `import { definePatch } from 'probecheck';
const dcOf = (site, n) => { for (let i = 0; i < n; i++) if (site.k.vn(i) === 'dc') return i; return -1; };
export default definePatch({
  id: 'iommu', subject: 'platform_dma_configure from the IOMMU probe path', base: 'mainline',
  state: { thread: { drvNull: 'bool' }, kernel: { badDeref: 'bool' } },
  hunks: [
    { fn: 'really_probe', insert: { label: 'dma_read_driver', after: 'call_probe', before: 'probe_ret' },
      step: (site) => ({ where: 'drivers/base/platform.c:platform_dma_configure', run: (s, t) => {
        if (site.k.vn(site.dev) !== 'smmu') return 'probe_ret';
        t.drvNull = s.dev[dcOf(site, s.dev.length)].driver === 0;
        return 'dma_test_driver';
      } }) },
    { fn: 'really_probe', insert: { label: 'dma_test_driver', after: 'dma_read_driver', before: 'probe_ret' },
      step: (site) => ({ where: 'drivers/base/platform.c:platform_dma_configure', run: (s, t) => {
        if (s.dev[dcOf(site, s.dev.length)].driver !== 0 && t.drvNull) s.badDeref = true;
        t.drvNull = false;
        return 'probe_ret';
      } }) },
  ],
});
`);
write('fix.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: '95deee37a123', subject: 'platform: Fix race condition during DMA configure at IOMMU probe time', base: 'mainline',
  hunks: [{ fn: 'really_probe', replace: 'dma_test_driver', step: (_site, orig) => ({ ...orig, run: (s, t) => { t.drvNull = false; return 'probe_ret'; } }) }] });
`);
write('bad-deref.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'dma-configure-driver',
  check: (v) => (v.patch.badDeref ? 'platform_dma_configure dereferenced container_of(NULL)' : null) });
`);

describe('a fix on top of a patch that models what the library lacks', () => {
  it('the race shows on the base (the insert after call_probe fires), and the fix replacing its step is credited: fixed, exit 0', () => {
    const d = probecheck(['diff', 'smmu.ts', '--param', 'patches=./iommu.ts', '--patch', 'fix.ts', '--property-file', 'bad-deref.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/dma-configure-driver\s+violated\s+holds\s+fixed/);
    expect(d.stdout).not.toMatch(/never fires|not credited/);
    expect(d.status).toBe(0);
  });

  it("a later patch's replacement written from scratch of a step an earlier insert follows still goes through the insert", () => {
    // read 1 replaced by a step that goes on to probe_ret, the insert's `before`: dma_test_driver, inserted after it, still runs.
    write('scratch.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'scratch', subject: 'read 1 written again', base: 'mainline',
  hunks: [{ fn: 'really_probe', replace: 'dma_read_driver', step: (site) => ({ where: 'drivers/base/platform.c:platform_dma_configure', run: (s, t) => {
    if (site.k.vn(site.dev) === 'smmu') for (let i = 0; i < s.dev.length; i++) if (site.k.vn(i) === 'dc') t.drvNull = s.dev[i].driver === 0;
    return 'probe_ret';
  } }) }] });
`);
    const r = probecheck(['check', 'smmu.ts', '--param', 'patches=./iommu.ts', '--patch', 'scratch.ts', '--property-file', 'bad-deref.ts', '--property', 'dma-configure-driver', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/dma-configure-driver\s+violated/);
    expect(r.status).toBe(1);
  });
});
