// from-log and validate, s43 h3: an async probe that outlasts the built-in initcall whose walk scheduled it,
// and the quiet -ENODEV of a kernel before v5.14 ("returned 0", no error line).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { fromLogIn } from './from-log-file.js';

const dir = tempDir('probecheck-s43-async-');

const fromLog = fromLogIn(dir);

// The PS4 (Baikal) v6.15.4 boot of s42-initcall-walks.test.ts (meerzulee/linux-ps4
// checkpoint/docs/uart-boot-2026-05-08-6x-keep_bootcon-success.log, commit dcc985096c40), trimmed to two PCI
// devices: agp's walk, amdgpu's deferral, sdhci-pci's probes of 0000:00:14.3 and the late initcall's
// retries. sdhci-pci (PROBE_PREFER_ASYNCHRONOUS) probes in an async worker: its first attempt began
// inside sdhci_driver_init's lines (48 usecs before 5.455253, the initcall returned at 5.455209) and
// ended after them; the deferred worker's retries schedule it again (__device_attach_async_helper).
// Before: sdhci-pci was written sync, and validate stopped at line 19 (the full log: at line 75).
const PS4 = [
  '[    0.000000] Linux version 6.15.4-Baikal_TESTING_crashniels-dirty (meerzulee@cachynator) (gcc (GCC) 16.1.1 20260430, GNU ld (GNU Binutils) 2.46.0) #1 SMP PREEMPT_DYNAMIC Fri May  8 21:06:33 +06 2026',
  '[    4.079890] calling  agp_amd64_mod_init+0x0/0x30 @ 1',
  '[    4.090807] probe of 0000:00:01.0 returned 19 after 14 usecs',
  '[    4.125520] probe of 0000:00:14.3 returned 19 after 16 usecs',
  '[    4.194943] initcall agp_amd64_mod_init+0x0/0x30 returned -19 after 109992 usecs',
  '[    4.253729] calling  amdgpu_init+0x0/0x80 @ 1',
  '[    4.258176] [drm] amdgpu kernel modesetting enabled.',
  '[    4.263271] probe of 0000:00:01.0 returned 517 after 13 usecs',
  '[    4.269184] initcall amdgpu_init+0x0/0x80 returned 0 after 11012 usecs',
  '[    5.450180] calling  sdhci_driver_init+0x0/0x20 @ 1',
  '[    5.455209] initcall sdhci_driver_init+0x0/0x20 returned 0 after 56 usecs',
  '[    5.455216] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[    5.455223] calling  dmi_sysfs_init+0x0/0xb0 @ 1',
  '[    5.455253] probe of 0000:00:14.3 returned 517 after 48 usecs',
  '[    5.462187] initcall dmi_sysfs_init+0x0/0xb0 returned 0 after 40 usecs',
  '[    6.975464] calling  deferred_probe_initcall+0x0/0x90 @ 1',
  '[    6.981050] probe of 0000:00:01.0 returned 517 after 22 usecs',
  '[    6.998797] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[    6.999102] probe of 0000:00:01.0 returned 517 after 32 usecs',
  '[    7.006202] probe of 0000:00:14.3 returned 517 after 7414 usecs',
  '[    7.029886] probe of 0000:00:01.0 returned 517 after 14 usecs',
  '[    7.035839] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[    7.041705] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 60735 usecs',
  '[    7.049052] probe of 0000:00:14.3 returned 517 after 13225 usecs',
  '[    7.277924] Run /init as init process',
  '[   17.050973] probe of 0000:00:01.0 returned 517 after 20 usecs',
  '[   17.062851] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[   17.062866] pci 0000:00:01.0: deferred probe pending: (reason unknown)',
  '[   17.070262] probe of 0000:00:14.3 returned 517 after 7430 usecs',
];

describe('from-log: a probe that outlasts the built-in initcall it began in is an async worker\'s', () => {
  it('the real PS4 boot: sdhci-pci is written async, with the async entries its retries need (validated in s44-pending-order)', () => {
    const r = fromLog('ps4', PS4);
    expect(r.s.drivers['sdhci-pci']).toEqual({ matches: ['0000:00:14.3'], probeType: 'async', probe: 'defer' });
    // Four attempts of 0000:00:14.3 by sdhci-pci, each an async entry (with 2, validate's search meets E204).
    expect(r.s.asyncInstances).toBe(4);
    expect(r.text).toContain("// note: sdhci-pci: the probe of 0000:00:14.3 that line 14 returns began inside built-in initcall sdhci_driver_init's initcall_debug lines (10-11: 48 usecs before its line) and ended after sdhci_driver_init returned");
    // validate of the PS4 boot, with sdhci-pci's async probes, is s44-pending-order.test.ts's (a longer trim of
    // the same boot; one search for both).
  });

  it('a synthetic log: an unnamed probe outlasting a quiet initcall is that initcall\'s driver, async; one of a device first seen there is not taken', () => {
    const r = fromLog('syn', [
      '[    0.000000] Linux version 6.15.0-synthetic (probecheck) (gcc 14) #1 SMP',
      '[    1.000000] calling  first_driver_init+0x0/0x20 @ 1',
      '[    1.000050] probe of foo.0 returned 19 after 10 usecs',
      '[    1.000100] initcall first_driver_init+0x0/0x20 returned 0 after 100 usecs',
      '[    2.000000] calling  foo_driver_init+0x0/0x20 @ 1',
      '[    2.000060] initcall foo_driver_init+0x0/0x20 returned 0 after 60 usecs',
      // Began at 2.000020, inside foo_driver_init's lines; printed after it returned.
      '[    2.000500] probe of foo.0 returned 0 after 480 usecs',
      '[    3.000000] calling  other_init+0x0/0x20 @ 1',
      '[    3.000100] initcall other_init+0x0/0x20 returned 0 after 100 usecs',
      // Began inside other_init's lines too, but bar.0 is first seen here: another task may have added it (a driver's work).
      '[    3.010000] probe of bar.0 returned 0 after 9950 usecs',
    ]);
    // Before: foo.0-driver, sync.
    expect(r.s.drivers['foo_driver_init-driver']).toEqual({ matches: ['foo.0'], probeType: 'async' });
    expect(r.s.drivers['bar.0-driver']).toEqual({ matches: ['bar.0'] });
    expect(r.s.asyncInstances).toBeUndefined();
    const v = probecheck(['validate', r.ts, '--log', r.log]);
    expect(v.stdout).toMatch(/line 7 +step \d+ +kworker\/u:async [^\n]*really_probe\(foo\.0,foo_driver_init-driver\)/);
    expect(v.status).toBe(0);
  });
});

// A synthetic v5.4 boot with initcall_debug and no dd.c debug lines, with another device's error line (no
// real log of v4.19 .. v5.13 with a quiet -ENODEV beside a failed line was found). Before v5.14 really_probe returns 1 when bound and 0 for every other end
// (v5.10.13 dd.c:602, 652; v5.4 at 97e2551de3f9 the same), really_probe_debug's line is printk(KERN_DEBUG)
// up to v5.4 (97e2551de3f9:655), and -ENODEV's "rejects match" is pr_debug: foo.0's attempt in
// foo_driver_init's walk prints `returned 0` alone. bar's -EIO prints its pr_warn line.
const OLD = [
  '[    0.000000] Linux version 5.4.0-synthetic (probecheck) (gcc version 9.2.0) #1 SMP',
  '[    1.000000] calling  foo_driver_init+0x0/0x20 @ 1',
  '[    1.000050] probe of foo.0 returned 0 after 20 usecs',
  '[    1.000100] initcall foo_driver_init+0x0/0x20 returned 0 after 100 usecs',
  '[    1.100000] calling  bar_driver_init+0x0/0x20 @ 1',
  '[    1.100050] bar: probe of bar.0 failed with error -5',
  '[    1.100060] probe of bar.0 returned 0 after 40 usecs',
  '[    1.100100] initcall bar_driver_init+0x0/0x20 returned 0 after 100 usecs',
  '[    1.200000] calling  baz_driver_init+0x0/0x20 @ 1',
  '[    1.200050] probe of foo.0 returned 1 after 30 usecs',
  '[    1.200100] initcall baz_driver_init+0x0/0x20 returned 0 after 100 usecs',
];

// A real v5.2-rc5 initcall_debug boot of a Sun T5140 (Meelis Roos, "Bootup percpu allocation failures/crashes
// and idle crashes on Sun T5140", linux-kernel 2019-06-19, <d203cd3e-94f1-d9a7-9b99-4979ebcf8bb4@linux.ee>),
// trimmed to two built-in initcalls: pcieport's walk returns 0 for all twelve ports with no "failed with
// error" line (pcie_portdrv_probe's -ENODEV for a port type it does not serve, read in Ubuntu bionic's 4.15
// copy, darrenwu-git/ubuntu-bionic@026d54a25d5c; v5.2's not read), sunhv binds its console (returned 1).
const T5140 = [
  '[    0.000066] Linux version 5.2.0-rc5 (mroos@t5140) (gcc version 8.3.0 (Debian 8.3.0-7)) #220 SMP Mon Jun 17 16:53:23 EEST 2019',
  '[    4.912607] calling  pcie_portdrv_init+0x0/0x4c @ 1',
  '[    4.915716] probe of 0000:02:00.0 returned 0 after 516 usecs',
  '[    4.916452] probe of 0000:03:01.0 returned 0 after 323 usecs',
  '[    4.917933] probe of 0000:04:00.0 returned 0 after 62 usecs',
  '[    4.921769] probe of 0000:03:08.0 returned 0 after 368 usecs',
  '[    4.922573] probe of 0000:03:09.0 returned 0 after 340 usecs',
  '[    4.924337] probe of 0000:03:0c.0 returned 0 after 342 usecs',
  '[    4.926099] probe of 0000:03:0d.0 returned 0 after 342 usecs',
  '[    4.929132] probe of 0001:02:00.0 returned 0 after 606 usecs',
  '[    4.929929] probe of 0001:03:08.0 returned 0 after 384 usecs',
  '[    4.932734] probe of 0001:03:09.0 returned 0 after 361 usecs',
  '[    4.934515] probe of 0001:03:0c.0 returned 0 after 361 usecs',
  '[    4.936297] probe of 0001:03:0d.0 returned 0 after 362 usecs',
  '[    4.938782] initcall pcie_portdrv_init+0x0/0x4c returned 0 after 23234 usecs',
  '[    4.955703] calling  sunhv_init+0x0/0x30 @ 1',
  '[    4.957323] f0286ce8: ttyS0 at I/O 0x0 (irq = 33, base_baud = 115200) is a SUN4V HCONS',
  '[    4.960251] probe of f0286ce8 returned 1 after 2994 usecs',
  '[    4.963462] initcall sunhv_init+0x0/0x30 returned 0 after 6277 usecs',
];

describe('a kernel before v5.14: -ENODEV is `returned 0` with no error line', () => {
  it('the real T5140 boot: pcieport\'s twelve `returned 0` are errors, not binds, and the log is a behaviour', () => {
    const r = fromLog('t5140', T5140);
    expect(r.text).toMatch(/"profile": "v5\.1"/);
    // Before: no `probe` (a bind): validate stopped at line 3, the model printing `returned 1`.
    expect(r.s.drivers['pcie_portdrv_init-driver']!.probe).toBe('error');
    expect(r.s.drivers['pcie_portdrv_init-driver']!.matches).toHaveLength(12);
    expect(r.s.drivers['sunhv_init-driver']).toEqual({ matches: ['f0286ce8'] });
    const v = probecheck(['validate', r.ts, '--log', r.log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.status).toBe(0);
  });

  it('from-log: a `returned 0` no line decides is an error, not a bind; validate: the model\'s error line is not asked for', () => {
    const r = fromLog('old', OLD);
    expect(r.text).toMatch(/"profile": "v5\.4"/);
    // Before: no `probe` (a bind, which prints `returned 1` there): validate stopped at line 3.
    expect(r.s.drivers['foo_driver_init-driver']).toEqual({ matches: ['foo.0'], probe: 'error' });
    expect(r.s.drivers['baz_driver_init-driver']).toEqual({ matches: ['foo.0'] });
    expect(r.text).toContain('// note: 1 attempt "returned 0" with no line deciding it (foo.0 by foo_driver_init-driver at line 3)');
    const v = probecheck(['validate', r.ts, '--log', r.log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.stdout).toMatch(/line 6 +step \d+ +boot: [^\n]*bar: probe of bar\.0 failed with error -5/);
    expect(v.status).toBe(0);
  });

  it('validate alone: the model\'s error line is free where the device\'s next line is `returned 0`; bar\'s, which the log shows, is checked', () => {
    const one = join(dir, 'old-one.ts'), log = join(dir, 'old-one.log');
    writeFileSync(log, OLD.join('\n') + '\n');
    writeFileSync(one, `import { scenario } from 'probecheck';
export default scenario({
  name: 'old-one', profile: 'v5.4',
  devices: { 'foo.0': { present: true }, 'bar.0': { present: true } },
  drivers: { foo: { matches: ['foo.0'], probe: 'error' }, bar: { matches: ['bar.0'], probe: 'error' }, baz: { matches: ['foo.0'] } },
  actors: { boot: ['register foo', 'register bar', 'register baz'] },
});
`);
    // Before: NOT a behaviour at line 3 ("could print instead: foo: probe of foo.0 failed with error").
    const v = probecheck(['validate', one, '--log', log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.stdout).toMatch(/line 6 +step \d+ +boot: [^\n]*bar: probe of bar\.0 failed with error -5/);
    expect(v.status).toBe(0);
  });
});
