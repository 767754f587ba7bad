// s42 h11's review of s42 h3's initcall-walk reading (from-log), on two more real initcall_debug boots.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-s42-review-');

const scenarioOf = (ts: string) => JSON.parse(ts.slice(ts.indexOf('scenario(') + 9, ts.lastIndexOf(');'))) as { drivers: Record<string, { matches: string[]; probe?: string | string[] }>; actors: Record<string, string[]> };

// A v6.13 Fedora boot of a ThinkPad X13s (Qualcomm sc8280xp) with initcall_debug: the dmesg.txt Brian
// Masney attached to "Re: [boot-time] [SCRIPT v4] analyze-initcall-debug.py", linux-embedded,
// 2025-02-04 (Message-ID <Z6J3WpeJKIKENC81@x13s>), trimmed: the neighbouring initcalls, and inside
// of_platform_default_populate_init's lines the fw_devlink "Fixed dependency cycle(s)" lines and one
// pr_info, "CPUidle PSCI: Initialized CPU PM domain topology using OSI mode", which from-log reads as a
// dev_printk prefix naming a driver and which alone made h3's rule leave this bracket alone.
// of_platform_default_populate_init registers no driver: it creates devices (drivers/of/platform.c at
// torvalds@010e85f9e47c), each probed by a driver registered before it, here cmd-db, the PSCI cpuidle
// domain, rpmh-rsc, and the clock and power controllers rpmh-rsc's probe populates (inside its 3 ms).
const X13S = [
  '[    0.000000] Linux version 6.13.1-300.vanilla.fc41.aarch64 (mockbuild@e33a9e20464b4b1795fee0776cf41066) (gcc (GCC) 14.2.1 20250110 (Red Hat 14.2.1-7), GNU ld version 2.43.1-5.fc41) #1 SMP PREEMPT_DYNAMIC Sat Feb  1 18:05:31 UTC 2025',
  '[    0.043124] calling  tegra_mc_init+0x0/0x38 @ 1',
  '[    0.043138] initcall tegra_mc_init+0x0/0x38 returned 0 after 0 usecs',
  '[    0.043143] calling  of_platform_default_populate_init+0x0/0x120 @ 1',
  '[    0.043306] probe of 80860000.cmd-db-region returned 0 after 0 usecs',
  '[    0.044422] probe of psci returned 0 after 0 usecs',
  '[    0.060010] probe of 18200000.rsc:clock-controller returned 0 after 0 usecs',
  '[    0.062592] probe of 18200000.rsc:power-controller returned 0 after 2000 usecs',
  '[    0.062839] probe of 18200000.rsc returned 0 after 3000 usecs',
  '[    0.066533] initcall of_platform_default_populate_init+0x0/0x120 returned 0 after 23000 usecs',
  '[    0.066599] calling  register_mte_tcf_preferred_sysctl+0x0/0xf0 @ 1',
  '[    0.066608] initcall register_mte_tcf_preferred_sysctl+0x0/0xf0 returned 0 after 0 usecs',
];

describe('from-log: the probes inside an initcall that adds devices are not one driver\'s walk', () => {
  it('of_platform_default_populate_init\'s probes keep a driver each (h3 made them one driver it registers)', () => {
    const log = join(dir, 'x13s.log'), ts = join(dir, 'x13s.ts');
    writeFileSync(log, X13S.join('\n') + '\n');
    const w = probecheck(['from-log', log, '-o', ts]);
    expect(w.status).toBe(0);
    const text = readFileSync(ts, 'utf8'), s = scenarioOf(text);
    // Before: { 'of_platform_default_populate_init-driver': { matches: [all five] } }, noted as "the driver of_platform_default_populate_init registers".
    expect(Object.keys(s.drivers)).toEqual(['80860000.cmd-db-region-driver', 'psci-driver', '18200000.rsc:clock-controller-driver', '18200000.rsc:power-controller-driver', '18200000.rsc-driver']);
    expect(text).not.toContain('of_platform_default_populate_init-driver');
    expect(text).toContain('// note: psci: no line of the log names its driver (line 6 is "probe of psci returned" alone)');
  });
});

// The same PS4 (Baikal) v6.15.4 kernel as s42-initcall-walks.test.ts, two boots later with bpcie's UART
// failure made non-fatal: meerzulee/linux-ps4 checkpoint/docs/uart-boot-2026-05-08-6x-bpcie-non-fatal.log
// (https://github.com/meerzulee/linux-ps4, commit e86706a43747), trimmed to the initcalls that probe and
// a few of their lines. Here baikal_pcie binds, xhci_aeolia binds inside its initcall with the USB
// devices it adds, and deferred_probe_initcall retries amdgpu (binds) and ahci (-ENOMEM).
const PCI = ['00:00.0', '00:01.0', '00:01.1', '00:02.0', '00:14.0', '00:14.1', '00:14.2', '00:14.3', '00:14.4', '00:14.5', '00:14.6', '00:14.7', '00:18.0', '00:18.1', '00:18.2', '00:18.3', '00:18.4', '00:18.5', '00:18.6'];
const AGP = [['4.079484', 20], ['4.085276', 14], ['4.091063', 13], ['4.096846', 11], ['4.102634', 16], ['4.108418', 16], ['4.114205', 15], ['4.119989', 16], ['4.125778', 18], ['4.131563', 16], ['4.137347', 16], ['4.143137', 19], ['4.148924', 16], ['4.154706', 12], ['4.160489', 12], ['4.166272', 12], ['4.172052', 11], ['4.177832', 11], ['4.183612', 11]] as const;
const PS4 = [
  '[    0.000000] Linux version 6.15.4-Baikal_TESTING_crashniels-dirty (meerzulee@cachynator) (gcc (GCC) 16.1.1 20260430, GNU ld (GNU Binutils) 2.46.0) #6 SMP PREEMPT_DYNAMIC Fri May  8 22:17:23 +06 2026',
  '[    4.074363] calling  agp_amd64_mod_init+0x0/0x30 @ 1',
  ...PCI.map((d, i) => `[    ${AGP[i]![0]}] probe of 0000:${d} returned 19 after ${AGP[i]![1]} usecs`),
  '[    4.189402] initcall agp_amd64_mod_init+0x0/0x30 returned -19 after 109978 usecs',
  '[    4.248194] calling  amdgpu_init+0x0/0x80 @ 1',
  '[    4.252640] [drm] amdgpu kernel modesetting enabled.',
  '[    4.257734] probe of 0000:00:01.0 returned 517 after 13 usecs',
  '[    4.263655] initcall amdgpu_init+0x0/0x80 returned 0 after 11018 usecs',
  '[    4.395280] calling  ahci_pci_driver_init+0x0/0x20 @ 1',
  '[    4.400560] probe of 0000:00:14.2 returned 517 after 17 usecs',
  '[    4.406475] initcall ahci_pci_driver_init+0x0/0x20 returned 0 after 5956 usecs',
  '[    4.907856] calling  xhci_aeolia_init+0x0/0x40 @ 1',
  '[    4.913019] xhci_aeolia 0000:00:14.7: version 3.0',
  '[    7.002467] xhci_aeolia 0000:00:14.7: new USB bus registered, assigned bus number 1',
  '[    7.102184] hub 1-0:1.0: USB hub found',
  '[    7.106069] hub 1-0:1.0: 2 ports detected',
  '[    7.110293] probe of 1-0:1.0 returned 0 after 8115 usecs',
  '[    7.115748] probe of usb1 returned 0 after 13652 usecs',
  '[    7.357153] probe of 0000:00:14.7 returned 0 after 2444402 usecs',
  '[    7.363314] initcall xhci_aeolia_init+0x0/0x40 returned 0 after 2450574 usecs',
  '[    7.612164] calling  k10temp_driver_init+0x0/0x20 @ 1',
  '[    7.617384] probe of 0000:00:18.3 returned 0 after 56 usecs',
  '[    7.623091] initcall k10temp_driver_init+0x0/0x20 returned 0 after 5776 usecs',
  '[    9.290979] calling  deferred_probe_initcall+0x0/0x90 @ 1',
  '[    9.296876] amdgpu 0000:00:01.0: can\'t find IRQ for PCI INT A; please try using pci=biosirq',
  '[   10.689656] amdgpu 0000:00:01.0: [drm] fb0: amdgpudrmfb frame buffer device',
  '[   10.697252] probe of 0000:00:01.0 returned 0 after 1400634 usecs',
  '[   10.703542] ahci 0000:00:14.2: version 3.0',
  '[   10.707823] ahci 0000:00:14.2: probe with driver ahci failed with error -12',
  '[   10.720836] probe of 0000:00:14.2 returned 12 after 17310 usecs',
  '[   10.727010] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 1430525 usecs',
];

describe('from-log on a second real PS4 boot: h3\'s initcall walks hold', () => {
  it('a quiet initcall\'s probes are its driver\'s; one whose lines name drivers keeps them; retries stay the deferring driver\'s', () => {
    const log = join(dir, 'ps4nf.log'), ts = join(dir, 'ps4nf.ts');
    writeFileSync(log, PS4.join('\n') + '\n');
    expect(probecheck(['from-log', log, '-o', ts]).status).toBe(0);
    const s = scenarioOf(readFileSync(ts, 'utf8'));
    expect(s.drivers['agp_amd64_mod_init-driver']).toEqual({ matches: PCI.map((d) => `0000:${d}`), probe: 'error' });
    // The deferral inside amdgpu_init's lines and its retry in deferred_probe_initcall: the driver the retry's lines name.
    expect(s.drivers['amdgpu']).toEqual({ matches: ['0000:00:01.0'], probe: ['defer', 'ok'] });
    expect(s.drivers['ahci']).toEqual({ matches: ['0000:00:14.2'], probe: ['defer', 'error'] });
    expect(s.drivers['k10temp_driver_init-driver']).toEqual({ matches: ['0000:00:18.3'] });
    // xhci_aeolia_init's lines name xhci_aeolia and hub: no xhci_aeolia_init-driver for the USB devices its probe adds.
    expect(s.drivers['xhci_aeolia']).toEqual({ matches: ['0000:00:14.7'] });
    expect(s.drivers['hub']).toEqual({ matches: ['1-0:1.0'] });
    expect(Object.keys(s.drivers)).not.toContain('xhci_aeolia_init-driver');
    expect(s.actors['boot']!.slice(0, 2)).toEqual(['register agp_amd64_mod_init-driver', 'unregister agp_amd64_mod_init-driver']);
  });
});
