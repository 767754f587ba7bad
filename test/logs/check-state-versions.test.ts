// driver_deferred_probe_check_state's lines and the pending line across the releases that print them (a review of
// s36 h4's boot-log reading, 2026-12-06, s36 h12), each held to the dd.c read with the search tool's read_file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-check-state-versions-');
const logFile = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('"deferred probe timeout, ignoring dependency" where the timeout was 0 from the start', () => {
  it('says that the late initcall ran, not that the timeout work did', () => {
    // Constructed, a v5.15 boot with modules and no deferred_probe_timeout=: dd.c at f04948dea236 (and 654888327e9f,
    // v5.9) declares `int driver_deferred_probe_timeout;` (0), deferred_probe_initcall schedules the timeout work only
    // for a timeout > 0, and driver_deferred_probe_check_state prints the line once initcalls_done is set and the
    // timeout is 0: right after the late initcall, with no timeout work and no "deferred probe pending".
    const log = logFile('v515.log', [
      '[    0.000000] Linux version 5.15.0 (a@b) (gcc)',
      '[    2.000000] calling  deferred_probe_initcall+0x0/0xa8 @ 1',
      '[    2.000100] initcall deferred_probe_initcall+0x0/0xa8 returned 0 after 5 usecs',
      '[    2.100000] sdhci-arasan fe330000.mmc: deferred probe timeout, ignoring dependency',
      '[    2.100100] sdhci-arasan: probe of fe330000.mmc failed with error -110',
      '[    2.200000] rk_iommu ff650800.iommu: deferred probe timeout, ignoring dependency',
    ].join('\n') + '\n');
    const w = probecheck(['from-log', log]);
    expect(w.status).toBe(0);
    // Before: "(the late initcall had run, and the deferred probe timeout expired)".
    expect(w.stdout).not.toContain('the deferred probe timeout expired');
    expect(w.stdout).toContain('driver_deferred_probe_timeout was 0: set so by the timeout work once deferred_probe_timeout= seconds passed, or 0 from the start, given as deferred_probe_timeout=0 or by default in v5.9 .. v5.19');
    expect(w.stdout).toMatch(/"sdhci-arasan": \{\n\s+"matches": \[\n\s+"fe330000\.mmc"\n\s+\],\n\s+"probe": \[\n\s+"defer",\n\s+"error"\n\s+\]/);
  });

  it('is the late initcall where the log shows nothing earlier, without naming the timeout work', () => {
    const log = logFile('first.log', [
      '[    2.100000] sdhci-arasan fe330000.mmc: deferred probe timeout, ignoring dependency',
      '[    2.100100] sdhci-arasan: probe of fe330000.mmc failed with error -110',
    ].join('\n') + '\n');
    const w = probecheck(['from-log', log]);
    // Before: "... which it prints only once the late initcall set initcalls_done and the timeout work it schedules set
    // driver_deferred_probe_timeout to 0".
    expect(w.stdout).toContain('the late initcall ran (line 1: driver_deferred_probe_check_state\'s "deferred probe timeout, ignoring dependency", which it prints only once the late initcall set initcalls_done (with driver_deferred_probe_timeout 0))');
    expect(w.stdout).not.toContain('the timeout work it schedules');
  });

  it("a v5.4 kernel's dev_WARN form (the line inside a WARNING with a call trace) is read as the later dev_warn form", () => {
    // 376991db4b64 (v5.1) and 97e2551de3f9 (v5.4): dev_WARN(dev, "deferred probe timeout, ignoring dependency");
    // as an i.MX6 boot prints it (kernelci, 2023-04-27: etnaviv-gpu), with a constructed trace around it.
    const log = logFile('warn.log', [
      '[    0.000000] Linux version 5.4.0 (a@b) (gcc)',
      '[   42.177000] ------------[ cut here ]------------',
      '[   42.177792] etnaviv-gpu 1800000.gpu: deferred probe timeout, ignoring dependency',
      '[   42.177900] WARNING: CPU: 0 PID: 7 at drivers/base/dd.c:258 __driver_deferred_probe_check_state+0x60/0x70',
      '[   42.178000] Call trace:',
      '[   42.178100]  __driver_deferred_probe_check_state+0x60/0x70',
      '[   42.178200]  driver_deferred_probe_check_state+0x14/0x40',
      '[   42.178300]  genpd_dev_pm_attach+0x70/0xd8',
      '[   42.178500]  platform_drv_probe+0x38/0xa0',
      '[   42.178600]  really_probe+0x1c3/0x3a0',
      '[   42.179100]  deferred_probe_work_func+0x88/0xc8',
      '[   42.180000] ---[ end trace 1 ]---',
      '[   42.185516] etnaviv-gpu: probe of 1800000.gpu failed with error -110',
    ].join('\r\n') + '\r\n');
    const w = probecheck(['from-log', log]);
    expect(w.status).toBe(0);
    expect(w.stderr).toBe('');
    expect(w.stdout).toMatch(/"etnaviv-gpu": \{\n\s+"matches": \[\n\s+"1800000\.gpu"\n\s+\],\n\s+"probe": \[\n\s+"defer",\n\s+"error"\n\s+\]/);
    expect(w.stdout).toContain('"profile": "v5.4"');
  });
});

describe('"deferred probe pending: <reason>" from v6.8 (7c41da586e9f)', () => {
  it('a 6.8 log (Ubuntu 6.8.0, intel/ipu6-drivers#233) against v6.6, the profile below it, is warned with the release the reason came in', () => {
    const log = logFile('v68.log', [
      '[    0.000000] Linux version 6.8.0-31-generic (buildd@lcy02-amd64-080) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #31-Ubuntu SMP',
      '[    5.100000] mei intel_vsc-5db76cf6: probe with driver vsc-ace failed with error -5',
      '[   25.870341] mei intel_vsc-5db76cf6: deferred probe pending: (reason unknown)',
    ].join('\n') + '\n');
    const w = probecheck(['from-log', log]);
    expect(w.stdout).toContain('"profile": "v6.6"');
    // Before: "as dd.c does after v6.6 (v6.12 read)".
    expect(w.stdout).toContain('prints "deferred probe pending" with a reason after it, as dd.c does from v6.8 (7c41da586e9f, driver-core-6.8-rc1); profile v6.6\'s dd.c does not');
  });
});

describe("E701's call trace in ARM's older unwinder form", () => {
  it("names the driver's probe above platform_drv_probe (the platform bus's wrapper before platform_probe), a module's too", () => {
    // M. Fuzzey, "[PATCH] rtc: stm32: Fix unbalanced clk_disable_unprepare() on probe error path", linux-rtc, 2021-06-07
    // (Message-ID <1623087421-19722-1-git-send-email-martin.fuzzey@flowbird.group>): a 5.4.77 WARN, the mail's
    // quoted-printable wrapping undone, the frames from the probe down.
    const stm32 = probecheck(['from-log', logFile('stm32.log', [
      '[   15.629568] WARNING: CPU: 0 PID: 146 at drivers/clk/clk.c:958 clk_core_disable+0xb0/0xc8',
      '[   15.725924] [<c053c190>] (clk_core_disable_lock) from [<bf0adc44>] (stm32_rtc_probe+0x124/0x5e4 [rtc_stm32])',
      '[   15.735739] [<bf0adc44>] (stm32_rtc_probe [rtc_stm32]) from [<c05f7d4c>] (platform_drv_probe+0x48/0x98)',
      '[   15.745095] [<c05f7d4c>] (platform_drv_probe) from [<c05f5cec>] (really_probe+0x1f0/0x458)',
      '[   15.753338] [<c05f5cec>] (really_probe) from [<c05f61c4>] (driver_probe_device+0x70/0x1c4)',
      '[   15.761584] [<c05f61c4>] (driver_probe_device) from [<c05f6580>] (device_driver_attach+0x58/0x60)',
      '[   15.770439] [<c05f6580>] (device_driver_attach) from [<c05f6654>] (__driver_attach+0xcc/0x170)',
    ].join('\n') + '\n')]);
    expect(stm32.status).toBe(2);
    // Before: "(really_probe, under platform_drv_probe)".
    expect(stm32.stderr).toContain('line 5 is a call trace through the driver core\'s probe path (really_probe, under stm32_rtc_probe)');
    // A 5.5-rc5-next oops in omap_dm_timer_probe as T. Lindgren's timer-ti-dm fix quotes it (no timestamps, no addresses before).
    const omap = probecheck(['from-log', logFile('omap.log', [
      'Unable to handle kernel NULL pointer dereference at virtual address 00000004',
      '(omap_dm_timer_probe) from [<c061ac7c>] (platform_drv_probe+0x48/0x98)',
      '(platform_drv_probe) from [<c0618c04>] (really_probe+0x1dc/0x348)',
      '(really_probe) from [<c0618ef4>] (driver_probe_device+0x5c/0x160)',
    ].join('\n') + '\n')]);
    expect(omap.stderr).toContain('(really_probe, under omap_dm_timer_probe)');
  });
});
