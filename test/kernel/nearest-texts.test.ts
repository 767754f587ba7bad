/**
 * Texts read by more profiles (s38 h6), most of them the nearest read above or below.
 * kernel/workqueue.c: the deferred-probe worker's step and the work_on_cpu steps resolve in the
 * workqueue text each profile reads. v3.5 reads v3.6.0's (the gcwq era); v3.14, v4.2 and v4.14
 * read the 4.0 study tree (v4.0.y), v6.6 torvalds@5d9c7a1e3e8e (wq-for-6.6-rc5-fixes, read
 * 2026-12-07; the 5.10.13 text before), v6.12 and mainline gregkh/linux's; v6.6's and theirs
 * worker_thread runs an item through assign_work and process_scheduled_works: no
 * `process_one_work(worker, work);` line there, so the step names the process_scheduled_works call.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario, type ScenarioSpec } from 'probecheck';

// A probe that defers once (the deferred work runs it again) and a PCI probe through work_on_cpu.
const DEFER: ScenarioSpec = {
  name: 'defer', devices: { c: {} },
  drivers: { cd: { matches: ['c'], present: true, probe: ['defer', 'ok'] } },
  actors: { a: ['add c'] },
};
const SCAN: ScenarioSpec = {
  name: 'scan', syncFallback: false, devices: { hba: { present: true } },
  drivers: { hd: { matches: ['hba'], module: 'm', workOnCpu: true } },
  actors: { modprobe: 'modprobe m' },
};

const WQ = 'kernel/workqueue.c';
const READS: Record<string, string> = { 'v3.5': 'v3.6.0', 'v3.14': 'v4.0.y', 'v4.2': 'v4.0.y', 'v4.14': 'v4.0.y', 'v6.6': 'torvalds@5d9c7a1e3e8e', 'v6.12': 'gregkh@53c2f13c1ee5', mainline: 'torvalds@104484baf748' };

describe('workqueue.c anchors', () => {
  for (const [p, snap] of Object.entries(READS)) {
    it(`${p} reads workqueue.c at ${snap}, and the worker and work_on_cpu steps resolve there`, () => {
      expect(PROFILES[p]!.sources[WQ]).toBe(snap);
      const anchors = [DEFER, SCAN].flatMap((s) => buildScenario(s, p, '').kernel.anchors);
      const wq = anchors.filter((a) => a.where.startsWith(`${WQ}:`) || a.anchored.some((x) => x.path === WQ));
      expect(wq.map((a) => a.label.replace(/^.*:/, ''))).toEqual(expect.arrayContaining(['process_one_work', 'work_for_cpu_fn', 'flush_work']));
      expect(wq.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
      for (const a of wq) expect(a.anchored.filter((x) => x.path === WQ).map((x) => x.release), a.label).toEqual([snap]);
    });
  }
});

// v3.5 and v3.14 read pci-driver.c of v3.6.0, whose local_pci_probe writes the probe call through
// ddi (`rc = ddi->drv->probe(ddi->dev, ddi->id);`), not through the locals later texts take.
describe('pci-driver.c anchors of v3.6.0', () => {
  for (const p of ['v3.5', 'v3.14']) {
    it(`${p}: pci_call_probe and local_pci_probe resolve in v3.6.0's pci-driver.c`, () => {
      expect(PROFILES[p]!.sources['drivers/pci/pci-driver.c']).toBe('v3.6.0');
      const pci = buildScenario(SCAN, p, '').kernel.anchors.filter((a) => a.where.startsWith('drivers/pci/pci-driver.c:'));
      expect(pci.map((a) => a.label.replace(/^.*:/, ''))).toEqual(expect.arrayContaining(['pci_drv_probe', 'work_on_cpu']));
      expect(pci.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
    });
  }
});

// v3.14 reads dd.c, bus.c and core.c of the 4.0 study tree (the nearest above; no 3.14 tree stores
// drivers/base), with v3.x's names renamed (device_attach/__device_attach, store_drivers_probe).
describe('drivers/base of the 4.0 study tree at v3.14', () => {
  it('the bind, unbind, deferral and add/del steps resolve in v4.0.y', () => {
    const prof = PROFILES['v3.14']!;
    for (const f of ['drivers/base/dd.c', 'drivers/base/bus.c', 'drivers/base/core.c']) expect(prof.sources[f], f).toBe('v4.0.y');
    const spec: ScenarioSpec = {
      name: 'v314', devices: { h: {}, c: { parent: 'h' } },
      drivers: { hd: { matches: ['h'], present: true }, cd: { matches: ['c'], present: true, probe: ['defer', 'ok'] } },
      actors: { a: ['add h', 'add c', 'del c'], s: ['unbind hd h'] },
    };
    const base = buildScenario(spec, 'v3.14', '').kernel.anchors.filter((a) => a.anchored.some((x) => x.path.startsWith('drivers/base/')) || a.where.startsWith('drivers/base/'));
    expect(base.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
    const files = new Set(base.flatMap((a) => a.anchored.map((x) => `${x.path}@${x.release}`)));
    expect([...files].sort()).toEqual(expect.arrayContaining(['drivers/base/bus.c@v4.0.y', 'drivers/base/core.c@v4.0.y', 'drivers/base/dd.c@v4.0.y']));
  });
});
