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
import { unwrap } from './unwrap.js';
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
    expect(unwrap(d.stdout)).not.toMatch(/never fires|not credited/);
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

// Daniel Golle's proposed device_schedule_reprobe() (2026-08, unmerged; dd.c as kernel-patches/bpf
// stores it): the work checks, under device_lock, that probing is not blocked for a shutdown and
// that dc is still bound to the driver bound when it was scheduled. No work item can be queued by
// a patch, so the work is an actor running device_reprobe's two calls (unbind, drivers_probe), and
// the fix's hunks act in that thread only (site.tb.name). The admin's release is marked by a patch
// given on both sides.
describe('a proposed fix whose work item is an actor: hunks in one thread by site.tb.name', () => {
  write('reprobe.ts', `import { scenario } from 'probecheck';

// A driver's own re-probe work (iwl_trans_schedule_reprobe, h5_btrtl_resume, btintel_pcie's reset
// work: device_reprobe(dev) = device_driver_detach(dev); bus_rescan_devices_helper(dev, NULL)),
// scheduled while dc is bound, beside an administrator's \`echo dc > dc-drv/unbind\`. The library
// has no work item a patch can queue: the work is an actor running the same two calls, unbind
// (unbind_store -> device_driver_detach) and drivers_probe (drivers_probe_store ->
// bus_rescan_devices_helper). unbind_store tests dev->driver == drv unlocked first; device_reprobe
// does not, but its release of an unbound device does nothing either.
export default scenario({
  name: 'reprobe-vs-unbind',
  describe: "a driver's scheduled re-probe of dc runs beside an administrative unbind of dc",
  profile: 'mainline',
  devices: { dc: { present: true, boundTo: 'dc-drv' } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { 'reprobe work': ['unbind dc-drv dc', 'drivers_probe dc'], admin: 'unbind dc-drv dc' },
  properties: ['single-binding', 'no-deadlock'],
});
`);
  write('reboot.ts', `import { scenario } from 'probecheck';

// A driver's own re-probe work (iwl_trans_schedule_reprobe, h5_btrtl_resume, btintel_pcie's reset
// work: device_reprobe(dev) = device_driver_detach(dev); bus_rescan_devices_helper(dev, NULL)),
// scheduled while dc is bound, beside an administrator's \`echo dc > dc-drv/unbind\`. The library
// has no work item a patch can queue: the work is an actor running the same two calls, unbind
// (unbind_store -> device_driver_detach) and drivers_probe (drivers_probe_store ->
// bus_rescan_devices_helper). unbind_store tests dev->driver == drv unlocked first; device_reprobe
// does not, but its release of an unbound device does nothing either.
export default scenario({
  name: 'reprobe-vs-reboot',
  describe: "a driver's scheduled re-probe of dc runs beside a reboot",
  profile: 'mainline',
  devices: { dc: { present: true, boundTo: 'dc-drv' } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { 'reprobe work': ['unbind dc-drv dc', 'drivers_probe dc'], reboot: 'device_shutdown' },
  properties: ['single-binding', 'no-deadlock'],
});
`);
  write('mark.ts', `import { definePatch } from 'probecheck';
// Marks the administrator's unbind that released dc (both sides of the diff): __device_release_driver's
// dev->driver = NULL step, run in the admin thread.
export default definePatch({
  id: 'admin-mark', subject: 'record the release done by the admin unbind', base: 'mainline',
  state: { kernel: { adminReleased: 'bool' } },
  hunks: [
    { fn: '__device_release_driver', replace: 'devres_release_all',
      step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
        const r = orig!.run(s, t, b, c);
        if (site.tb.name === 'admin') s.adminReleased = true;
        return r;
      } }) },
  ],
});
`);
  write('kept.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'invariant', name: 'admin-unbind-kept',
  description: 'a re-probe scheduled before an administrative unbind does not bind the device again after it',
  check: (v) => (v.patch.adminReleased && v.dev('dc').driver !== null ? "the admin's unbind released dc, and the re-probe work bound it again" : null),
  premise: { text: "the admin's unbind released dc", met: (v) => v.patch.adminReleased === true },
});
`);
  write('after-shutdown.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'action', name: 'no-release-after-shutdown',
  description: "a device's driver is not released (->remove) once its ->shutdown() has run",
  check: (before, after) => (before.dev('dc').driver !== null && after.dev('dc').driver === null && after.dev('dc').shutDown ? "dc's driver released after dc was shut down" : null),
});
`);
  write('reprobe-fix.ts', `import { definePatch, RETURN } from 'probecheck';

// device_schedule_reprobe() (Daniel Golle, "device_schedule_reprobe(): core helper and
// conversions", v2 posted 2026-08-19; dd.c as kernel-patches/bpf stores it, 27f0f918d3e9):
//   rp->drv = READ_ONCE(dev->driver);                          (at scheduling time: dc-drv)
//   ...
//   device_lock(dev);
//   if (!defer_all_probes && !dev->p->dead && dev->driver == rp->drv)   (dead: no removal here)
//           detached = __device_release_driver(dev, NULL, true);
//   device_unlock(dev);
//   if (detached) ret = device_attach(dev);
const work = (site: { tb: { name: string } }) => site.tb.name === 'reprobe work';
export default definePatch({
  id: 'device_schedule_reprobe', subject: 'driver core: add device_schedule_reprobe()', base: 'mainline',
  state: { kernel: { rpSkip: 'bool' } },
  hunks: [
    { // the actor's unlocked dev->driver == drv test (unbind_store's, not the work's): dc no longer bound, nothing detached
      fn: 'unbind_store', replace: 'bus_find_device_by_name',
      step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
        const r = orig!.run(s, t, b, c);
        if (work(site) && r === RETURN) s.rpSkip = true;
        return r;
      } }) },
    { // under device_lock: dev->driver == rp->drv, else detached = false
      fn: 'unbind_store', replace: 'device_lock',
      step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
        if (work(site) && 'deferAllProbes' in s && s.deferAllProbes) {   // probing blocked for a shutdown: nothing detached
          s.rpSkip = true;
          s.dev[site.dev]!.mutex = site.tb.owner;
          return 'device_unlock';
        }
        if (work(site) && s.dev[site.dev]!.driver !== site.drv + 1) s.rpSkip = true;
        return orig!.run(s, t, b, c);
      } }) },
    { // if (detached) device_attach(dev): nothing detached, no attach
      fn: 'drivers_probe_store', replace: 'bus_find_device_by_name',
      step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
        if (work(site) && s.rpSkip) { s.rpSkip = false; return RETURN; }
        return orig!.run(s, t, b, c);
      } }) },
  ],
});
`);
  it("a stale re-probe binds dc again after the admin's unbind; with the helper's check it does not", () => {
    const d = probecheck(['diff', 'reprobe.ts', '--param', 'patches=./mark.ts', '--patch', 'reprobe-fix.ts', '--property-file', 'kept.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/admin-unbind-kept\s+violated\s+holds\s+fixed/);
    expect(d.stdout).toMatch(/single-binding\s+holds\s+holds\s+still holds/);
    expect(d.status).toBe(0);
  });
  it('its detach half runs after the reboot shut dc down; with the defer_all_probes test it does not', () => {
    const d = probecheck(['diff', 'reboot.ts', '--patch', 'reprobe-fix.ts', '--property-file', 'after-shutdown.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/no-release-after-shutdown\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
  });
});
