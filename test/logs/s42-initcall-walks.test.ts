// from-log and validate on a real initcall_debug boot with no dd.c debug lines: a v6.15.4 PS4 (Baikal)
// kernel's UART capture, meerzulee/linux-ps4 checkpoint/docs/uart-boot-2026-05-08-6x-keep_bootcon-success.log
// (https://github.com/meerzulee/linux-ps4, commit dcc985096c40), lines trimmed (other initcalls, the
// WARNING's trace). agp_amd64_init attaches its driver with a match-all table and returns -ENODEV after
// unregistering it (pci_unregister_driver once no AGP bridge bound: copies of drivers/char/agp/amd64-agp.c
// quoted on dri-devel, 2025-06), so every PCI device returns 19; amdgpu_init's and ahci's drivers then
// defer two of them, bpcie's baikal_pcie fails 0000:00:14.4 with -5, k10temp binds 0000:00:18.3.
// Before: validate stopped at line 3 (the model's -EIO prints "failed with error" at KERN_ERR, where
// -ENODEV's "rejects match" is dev_dbg: call_driver_probe), and from-log made up one driver per device
// holding both the walk's -ENODEV and the later driver's outcome (`probe: [error, defer]`, which no run
// prints), and gave 0000:00:14.4's -ENODEV to baikal_pcie, which only bpcie_driver_init's lines name.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-s42-walks-');

const PCI = ['00:00.0', '00:01.0', '00:01.1', '00:02.0', '00:14.0', '00:14.1', '00:14.2', '00:14.3', '00:14.4', '00:14.5', '00:14.6', '00:14.7', '00:18.0', '00:18.1', '00:18.2', '00:18.3', '00:18.4', '00:18.5', '00:18.6'];
const USECS = [20, 14, 13, 11, 16, 16, 16, 16, 16, 16, 16, 16, 15, 16, 12, 13, 12, 11, 11];
const AGP_TIMES = ['4.085011', '4.090807', '4.096592', '4.102376', '4.108163', '4.113949', '4.119735', '4.125520', '4.131306', '4.137092', '4.142889', '4.148674', '4.154459', '4.160247', '4.166028', '4.171810', '4.177592', '4.183373', '4.189153'];
const LOG = [
  '[    0.000000] Linux version 6.15.4-Baikal_TESTING_crashniels-dirty (meerzulee@cachynator) (gcc (GCC) 16.1.1 20260430, GNU ld (GNU Binutils) 2.46.0) #1 SMP PREEMPT_DYNAMIC Fri May  8 21:06:33 +06 2026',
  '[    4.079890] calling  agp_amd64_mod_init+0x0/0x30 @ 1',
  ...PCI.map((d, i) => `[    ${AGP_TIMES[i]}] probe of 0000:${d} returned 19 after ${USECS[i]} usecs`),
  '[    4.194943] initcall agp_amd64_mod_init+0x0/0x30 returned -19 after 109992 usecs',
  '[    4.253729] calling  amdgpu_init+0x0/0x80 @ 1',
  '[    4.258176] [drm] amdgpu kernel modesetting enabled.',
  '[    4.263271] probe of 0000:00:01.0 returned 517 after 13 usecs',
  '[    4.269184] initcall amdgpu_init+0x0/0x80 returned 0 after 11012 usecs',
  '[    4.400793] calling  ahci_pci_driver_init+0x0/0x20 @ 1',
  '[    4.406075] probe of 0000:00:14.2 returned 517 after 16 usecs',
  '[    4.411989] initcall ahci_pci_driver_init+0x0/0x20 returned 0 after 5954 usecs',
  '[    4.431289] calling  bpcie_driver_init+0x0/0x20 @ 1',
  '[    4.436280] baikal_pcie 0000:00:14.4: bpcie_probe()',
  '[    4.446534] baikal_pcie 0000:00:14.4: Baikal chip revision: 4c0c2021:8d76a398:0000b100',
  '[    4.573414] baikal_pcie 0000:00:14.4: dev->irq=1',
  '[    4.578167] probe of 0000:00:14.4:0 returned 0 after 11 usecs',
  '[    4.584056] probe of 0000:00:14.4:0.0 returned 0 after 9 usecs',
  '[    4.590056] baikal_pcie 0000:00:14.4: Failed to register serial port 0',
  '[    4.596712] baikal_pcie 0000:00:14.4: bpcie glue remove',
  '[    4.602545] baikal_pcie 0000:00:14.4: probe with driver baikal_pcie failed with error -5',
  '[    4.881240] probe of 0000:00:14.4 returned 5 after 444967 usecs',
  '[    4.887303] initcall bpcie_driver_init+0x0/0x20 returned 0 after 451039 usecs',
  '[    5.298821] calling  k10temp_driver_init+0x0/0x20 @ 1',
  '[    5.304040] probe of 0000:00:18.3 returned 0 after 54 usecs',
  '[    5.309748] initcall k10temp_driver_init+0x0/0x20 returned 0 after 5776 usecs',
];

const drivers = (ts: string) => JSON.parse(ts.slice(ts.indexOf('scenario(') + 9, ts.lastIndexOf(');'))) as { drivers: Record<string, { matches: string[]; probe?: string | string[] }>; actors: Record<string, string[]> };

describe('a real initcall_debug boot: drivers walking the bus inside built-in initcalls', () => {
  const log = join(dir, 'ps4.log'), ts = join(dir, 'ps4.ts');
  writeFileSync(log, LOG.join('\n') + '\n');

  it('from-log: one driver per initcall walk, unregistered after a failed init; a later-named driver does not take another walk\'s error', () => {
    const w = probecheck(['from-log', log, '-o', ts]);
    expect(w.status).toBe(0);
    const text = readFileSync(ts, 'utf8'), s = drivers(text);
    // Before: 0000:00:00.0-driver ... one per device, 0000:00:01.0-driver and 0000:00:14.2-driver with [error, defer], 0000:00:18.3-driver [error, ok].
    expect(s.drivers['agp_amd64_mod_init-driver']).toEqual({ matches: PCI.map((d) => `0000:${d}`), probe: 'error' });
    expect(s.drivers['amdgpu_init-driver']).toEqual({ matches: ['0000:00:01.0'], probe: 'defer' });
    expect(s.drivers['ahci_pci_driver_init-driver']).toEqual({ matches: ['0000:00:14.2'], probe: 'defer' });
    expect(s.drivers['k10temp_driver_init-driver']).toEqual({ matches: ['0000:00:18.3'] });
    // Before: probe [error, error], the walk's -ENODEV of line 11 taken as baikal_pcie's.
    expect(s.drivers['baikal_pcie']).toEqual({ matches: ['0000:00:14.4'], probe: 'error' });
    expect(Object.keys(s.drivers).filter((d) => /^0000:00:(00|01|02|14|18)\.\d-driver$/.test(d))).toEqual([]);
    // The serial devices baikal_pcie's probe adds are probed by drivers bpcie_driver_init does not register: made-up names, as before.
    expect(Object.keys(s.drivers)).toContain('0000:00:14.4:0-driver');
    expect(s.actors['boot']!.slice(0, 3)).toEqual(['register agp_amd64_mod_init-driver', 'unregister agp_amd64_mod_init-driver', 'register amdgpu_init-driver']);
    expect(text).toContain("// note: agp_amd64_mod_init-driver: no line of the log names the driver of the \"probe of\" lines of 19 devices (0000:00:00.0, 0000:00:01.0, 0000:00:01.1, ...) inside built-in initcall agp_amd64_mod_init's initcall_debug lines (2-22)");
  });

  it('validate: the walk\'s -ENODEV prints no error line (dev_dbg "rejects match"), and the log is a behaviour', () => {
    const v = probecheck(['validate', ts, '--log', log]);
    // Before: NOT a behaviour at line 3, "could print instead: agp... failed with error".
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.status).toBe(0);
    // Each returned line beside the step that printed it (not shifted by the unprinted error lines).
    expect(v.stdout).toMatch(/line 3 +step \d+ +boot: really_probe\(0000:00:00\.0,agp_amd64_mod_init-driver\):probe_failed +probe of 0000:00:00\.0 returned 19/);
  });

  it('validate alone: a scenario with one driver per device still reads the walk (the error line is not the log\'s)', () => {
    const one = join(dir, 'one.ts');
    writeFileSync(one, `import { scenario } from 'probecheck';
export default scenario({
  name: 'one', profile: 'v6.12',
  devices: { '0000:00:00.0': { present: true }, '0000:00:14.4': { present: true } },
  drivers: { agp: { matches: ['0000:00:00.0', '0000:00:14.4'], probe: 'error' }, baikal_pcie: { matches: ['0000:00:14.4'], probe: 'error' } },
  actors: { boot: ['register agp', 'unregister agp', 'register baikal_pcie'] },
});
`);
    const v = probecheck(['validate', one, '--log', log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    // A failed line the log does show is still checked: baikal_pcie's.
    expect(v.stdout).toMatch(/line \d+ +step \d+ +boot: [^\n]*baikal_pcie[^\n]*probe with driver baikal_pcie failed with error -5/);
  });
});
