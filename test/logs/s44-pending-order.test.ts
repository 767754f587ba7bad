// validate, s44 h3: the timeout work's "deferred probe pending" lines in the pending list's order (the
// order driver_deferred_probe_add's list_add_tail put the devices there), one line per step under
// deferred_probe_mutex, so another task's line may come between two of them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { fromLogIn } from './from-log-file.js';

const dir = tempDir('probecheck-s44-pending-');

// The PS4 (Baikal) v6.15.4 boot of s42-initcall-walks and s43-async-quiet (meerzulee/linux-ps4
// checkpoint/docs/uart-boot-2026-05-08-6x-keep_bootcon-success.log, commit dcc985096c40), trimmed to the
// three PCI devices that end it deferred: ahci's 0000:00:14.2, xhci_aeolia's 0000:00:14.7 and sdhci-pci's
// 0000:00:14.3 (async: s43 h3). At 17 s the timeout work's trigger and flush retry 14.7 then 14.2 (each
// re-deferral list_add_tail's it back onto the pending list), so the walk prints 14.7 first; sdhci-pci's
// async retry of 14.3 prints its `returned` line (really_probe_debug, before driver_deferred_probe_add
// takes deferred_probe_mutex) between the walk's two lines. Before: NOT a behaviour at line 34 (the model
// printed the list in device order, 14.2 first, all in one step).
const PS4 = [
  '[    0.000000] Linux version 6.15.4-Baikal_TESTING_crashniels-dirty (meerzulee@cachynator) (gcc (GCC) 16.1.1 20260430, GNU ld (GNU Binutils) 2.46.0) #1 SMP PREEMPT_DYNAMIC Fri May  8 21:06:33 +06 2026',
  '[    4.079890] calling  agp_amd64_mod_init+0x0/0x30 @ 1',
  '[    4.119735] probe of 0000:00:14.2 returned 19 after 16 usecs',
  '[    4.125520] probe of 0000:00:14.3 returned 19 after 16 usecs',
  '[    4.148674] probe of 0000:00:14.7 returned 19 after 16 usecs',
  '[    4.194943] initcall agp_amd64_mod_init+0x0/0x30 returned -19 after 109992 usecs',
  '[    4.400793] calling  ahci_pci_driver_init+0x0/0x20 @ 1',
  '[    4.406075] probe of 0000:00:14.2 returned 517 after 16 usecs',
  '[    4.411989] initcall ahci_pci_driver_init+0x0/0x20 returned 0 after 5954 usecs',
  '[    5.062347] calling  xhci_aeolia_init+0x0/0x40 @ 1',
  '[    5.067253] probe of 0000:00:14.7 returned 517 after 11 usecs',
  '[    5.073141] initcall xhci_aeolia_init+0x0/0x40 returned 0 after 5909 usecs',
  '[    5.450180] calling  sdhci_driver_init+0x0/0x20 @ 1',
  '[    5.455209] initcall sdhci_driver_init+0x0/0x20 returned 0 after 56 usecs',
  '[    5.455216] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[    5.455223] calling  dmi_sysfs_init+0x0/0xb0 @ 1',
  '[    5.455253] probe of 0000:00:14.3 returned 517 after 48 usecs',
  '[    5.462187] initcall dmi_sysfs_init+0x0/0xb0 returned 0 after 40 usecs',
  '[    6.975464] calling  deferred_probe_initcall+0x0/0x90 @ 1',
  '[    6.986968] probe of 0000:00:14.2 returned 517 after 14 usecs',
  '[    6.992874] probe of 0000:00:14.7 returned 517 after 11 usecs',
  '[    6.998797] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[    7.006202] probe of 0000:00:14.3 returned 517 after 7414 usecs',
  '[    7.006259] probe of 0000:00:14.2 returned 517 after 15 usecs',
  '[    7.023997] probe of 0000:00:14.7 returned 517 after 12 usecs',
  '[    7.035803] probe of 0000:00:14.2 returned 517 after 11 usecs',
  '[    7.035839] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[    7.041705] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 60735 usecs',
  '[    7.049052] probe of 0000:00:14.3 returned 517 after 13225 usecs',
  '[    7.277924] Run /init as init process',
  '[   17.045024] probe of 0000:00:14.7 returned 517 after 28 usecs',
  '[   17.056913] probe of 0000:00:14.2 returned 517 after 14 usecs',
  '[   17.062851] sdhci-pci 0000:00:14.3: SDHCI controller found [104d:90da] (rev 0)',
  '[   17.062860] pci 0000:00:14.7: deferred probe pending: (reason unknown)',
  '[   17.070262] probe of 0000:00:14.3 returned 517 after 7430 usecs',
  '[   17.076872] pci 0000:00:14.2: deferred probe pending: (reason unknown)',
];

describe('validate: the timeout work prints the pending list in its order, a line per step', () => {
  it('the real PS4 boot: 14.7 before 14.2 (their last deferrals\' order), sdhci-pci\'s async return between them', () => {
    const r = fromLogIn(dir)('ps4', PS4);
    // s43 h3's async reading holds here too (its own PS4 test checks from-log only, to save this search).
    expect(r.s.drivers['sdhci-pci']).toMatchObject({ probeType: 'async', probe: 'defer' });
    const v = probecheck(['validate', r.ts, '--log', r.log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.stdout).toMatch(/line 17 +step \d+ +kworker\/u:async __driver_attach_async_helper\(0000:00:14\.3\): really_probe\(0000:00:14\.3,sdhci-pci\)/);
    expect(v.stdout).toMatch(/line 23 +step \d+ +kworker\/u:async __device_attach_async_helper\(0000:00:14\.3\)/);
    expect(v.stdout).toMatch(/line 34 +step (\d+) +kworker deferred_probe_timeout_work_func: deferred_probe_timeout_work_func:deferred_probe_pending +pci 0000:00:14\.7: deferred probe pending/);
    expect(v.stdout).toMatch(/line 35 +step \d+ +kworker\/u:async __device_attach_async_helper\(0000:00:14\.3\)#\d: really_probe\(0000:00:14\.3,sdhci-pci\)/);
    expect(v.stdout).toMatch(/line 36 +step \d+ +kworker deferred_probe_timeout_work_func: deferred_probe_timeout_work_func:deferred_probe_pending_2 +pci 0000:00:14\.2: deferred probe pending/);
    expect(v.status).toBe(0);
  });

  // A synthetic v5.10 boot (the unlocked walk, before eed6e41813de: its lines in one step): b deferred
  // before a, so the pending list is b, a through every retry. Before: NOT a behaviour at line 4 (the
  // model printed a.0 first, the scenario's order).
  it('before v5.12 too: the list\'s order, not the scenario\'s; the other order is no behaviour', () => {
    const ts = join(dir, 'old.ts'), log = join(dir, 'old.log'), swapped = join(dir, 'old-swapped.log');
    writeFileSync(ts, `import { scenario } from 'probecheck';
export default scenario({
  name: 'old-pending', profile: 'v5.10', deferredProbeTimeout: 30,
  devices: { 'a.0': { present: true }, 'b.0': { present: true } },
  drivers: { a: { matches: ['a.0'], probe: 'defer' }, b: { matches: ['b.0'], probe: 'defer' } },
  actors: { boot: ['register b', 'register a', 'deferred_probe_initcall'] },
});
`);
    const head = ['[    0.000000] Linux version 5.10.0-synthetic (probecheck) (gcc version 10.2.1) #1 SMP',
      '[    1.000000] calling  deferred_probe_initcall+0x0/0xa0 @ 1', '[    1.000100] initcall deferred_probe_initcall+0x0/0xa0 returned 0 after 100 usecs'];
    writeFileSync(log, [...head, '[   31.000000] platform b.0: deferred probe pending', '[   31.000010] platform a.0: deferred probe pending'].join('\n') + '\n');
    writeFileSync(swapped, [...head, '[   31.000000] platform a.0: deferred probe pending', '[   31.000010] platform b.0: deferred probe pending'].join('\n') + '\n');
    const v = probecheck(['validate', ts, '--log', log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.status).toBe(0);
    const w = probecheck(['validate', ts, '--log', swapped]);
    expect(w.stdout).toMatch(/NOT a behaviour of the model: no run prints line 4 /);
    expect(w.stdout).toMatch(/could print instead[^]*platform b\.0: deferred probe pending/);
    expect(w.status).toBe(1);
  });
});

// A review (s44 h7): the locked walk's steps were counted from the devices a probe may defer, not a
// consumer a supplier's bind lists (device_links_driver_bound's driver_deferred_probe_add of an
// AUTOPROBE_CONSUMER link's consumer, core.c at v5.10.13:653-654; no dev_can_match test before
// v5.14, dd.c v5.10.13:57-65), which may have no driver. At v5.10 with eed6e41813de: a and b
// deferred at boot, s's bind lists c, and the walk can run before s's trigger moves c off; x's bind
// prints its driver_bound line (no deferred_probe_mutex) between b's and c's. Before: the walk had
// two steps for three lines, b's and c's one step, NOT a behaviour at line 8 (29,948 states, ~2 s).
describe('validate: a consumer with no driver that a supplier\'s bind lists gets a step of the walk too', () => {
  it('v5.10 + eed6e41813de: a line between the second and third pending lines', () => {
    const ts = join(dir, 'consumer.ts'), log = join(dir, 'consumer.log');
    writeFileSync(ts, `import { scenario } from 'probecheck';
export default scenario({
  name: 'consumer-listed', profile: 'v5.10', deferredProbeTimeout: 30,
  devices: { s: { present: true }, c: { present: true, suppliers: ['s'] }, a: { present: true }, b: { present: true }, x: {} },
  drivers: { sd: { matches: ['s'] }, ad: { matches: ['a'], present: true, probe: 'defer' }, bd: { matches: ['b'], present: true, probe: 'defer' }, xd: { matches: ['x'], present: true } },
  actors: { boot: ['deferred_probe_initcall'], r: ['register sd'], h: ['add x'] },
});
`);
    writeFileSync(log, ['[    0.000000] Linux version 5.10.0-synthetic (probecheck) (gcc version 10.2.1) #1 SMP',
      '[    1.000000] calling  deferred_probe_initcall+0x0/0xa0 @ 1', '[    1.000100] initcall deferred_probe_initcall+0x0/0xa0 returned 0 after 100 usecs',
      "[   20.000000] driver: 'sd': driver_bound: bound to device 's'",
      '[   31.000000] platform a: deferred probe pending', '[   31.000010] platform b: deferred probe pending',
      "[   31.000020] driver: 'xd': driver_bound: bound to device 'x'", '[   31.000030] platform c: deferred probe pending'].join('\n') + '\n');
    const v = probecheck(['validate', ts, '--log', log, '--param', 'patches=eed6e41813de']);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.stdout).toMatch(/line 7 +step \d+ +h: really_probe\(x,xd\):driver_bound/);
    expect(v.stdout).toMatch(/line 8 +step \d+ +kworker deferred_probe_timeout_work_func: deferred_probe_timeout_work_func:deferred_probe_pending_3 +platform c: deferred probe pending/);
    expect(v.status).toBe(0);
  });
});
