// driver_deferred_probe_check_state's lines in real boot logs (a kernel developer's hunt of from-log, 2026-12-06, s36 h4).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-check-state-');
const logFile = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

// M. Rapeli, "[PATCH v4 1/4] pmdomain: rockchip: enable ROCKCHIP_PM_DOMAINS with ARCH_ROCKCHIP", linux-pm,
// linux-rockchip, linux-mmc, 2025-09-15 (Message-ID <20250915083317.2885761-2-mikko.rapeli@linaro.org>,
// https://lore.kernel.org/all/20250915083317.2885761-2-mikko.rapeli@linaro.org/): an rk3399 (rockpi4b) boot
// without its power-domain driver, lines 5 to 10 and 23 of the failing boot's excerpt as quoted (no timestamps).
// Every genpd consumer deferred until the deferred probe timeout, then failed with -ETIMEDOUT.
const RK3399 = [
  'rk_iommu ff650800.iommu: deferred probe timeout, ignoring dependency',
  'rk_iommu ff650800.iommu: probe with driver rk_iommu failed with error -110',
  'dwmmc_rockchip fe320000.mmc: deferred probe timeout, ignoring dependency',
  'rockchip-typec-phy ff7c0000.phy: deferred probe timeout, ignoring dependency',
  'dwmmc_rockchip fe320000.mmc: probe with driver dwmmc_rockchip failed with error -110',
  'rockchip-typec-phy ff7c0000.phy: probe with driver rockchip-typec-phy failed with error -110',
  'platform fe800000.usb: deferred probe pending: platform: wait for supplier /phy@ff7c0000/usb3-port',
].join('\n') + '\n';

describe('"deferred probe timeout, ignoring dependency" (driver_deferred_probe_check_state)', () => {
  it('is read: the late initcall ran, and the driver deferred before the -110 its probe then failed with; the excerpt validates', () => {
    const log = logFile('rk3399.log', RK3399);
    const w = probecheck(['from-log', log, '-o', join(dir, 'rk3399.ts')]);
    expect(w.status).toBe(0);
    const ts = readFileSync(join(dir, 'rk3399.ts'), 'utf8');
    // Before: each driver `"probe": "error"` (a probe that fails from the start), the three lines unread with no word.
    for (const d of ['rk_iommu', 'dwmmc_rockchip', 'rockchip-typec-phy']) expect(ts).toMatch(new RegExp(`"${d}": \\{\\n\\s+"matches": \\[\\n\\s+"[^"]+"\\n\\s+\\],\\n\\s+"probe": \\[\\n\\s+"defer",\\n\\s+"error"\\n\\s+\\]`));
    expect(ts).toContain('3 lines of driver_deferred_probe_check_state (first: ff650800.iommu at line 1, "deferred probe timeout, ignoring dependency")');
    expect(ts).toContain('returned -ETIMEDOUT (-110)');
    expect(ts).toContain('rk_iommu, dwmmc_rockchip, rockchip-typec-phy may defer too (written)');
    // The pending line set the late initcall before too; now the first line does, and says why.
    expect(ts).toMatch(/the late initcall ran \(line 1: driver_deferred_probe_check_state's "deferred probe timeout, ignoring dependency"/);
    const v = probecheck(['validate', join(dir, 'rk3399.ts'), '--log', log, '--excerpt']);
    expect(v.stdout).toContain('3 checked, 4 not checked (1: device fe800000.usb is not in the scenario; 3: the model prints no such line)');
    expect(v.stdout).toMatch(/the log IS a behaviour of the model: a run of \d+ steps prints all 3 checked lines in order/);
  });

  it('"assuming no driver" (-ENODEV, a kernel without modules) is read alike; a line with a bus in its prefix and no probe open names no driver: said', () => {
    // Constructed: dd.c's lines around the dev_warn, as a v5.x kernel without CONFIG_MODULES prints them.
    const log = logFile('nodriver.log', [
      "[    2.100000] bus: 'platform': driver_probe_device: matched device fe330000.mmc with driver sdhci-arasan",
      "[    2.100010] bus: 'platform': really_probe: probing driver sdhci-arasan with device fe330000.mmc",
      '[    2.100020] sdhci-arasan fe330000.mmc: ignoring dependency for device, assuming no driver',
      "[    2.100030] bus: 'platform': really_probe: bound device fe330000.mmc to driver sdhci-arasan",
      '[    2.200000] platform ff1d0000.spi: ignoring dependency for device, assuming no driver',
    ].join('\n'));
    const w = probecheck(['from-log', log]);
    expect(w.stdout).toMatch(/"sdhci-arasan": \{\n\s+"matches": \[\n\s+"fe330000\.mmc"\n\s+\],\n\s+"probe": \[\n\s+"defer",\n\s+"ok"\n\s+\]/);
    expect(w.stdout).toContain('2 lines of driver_deferred_probe_check_state (first: fe330000.mmc at line 3, "ignoring dependency for device, assuming no driver")');
    expect(w.stdout).toContain('returned -ENODEV (-19)');
    expect(w.stdout).toContain('1 line name no driver (a bus in the prefix, no probe open): nothing written for those');
  });
});

// T. Richard, "Re: [PATCH v2 2/2] pinctrl: upboard: add device id INTC1055 based UP boards support", linux-gpio,
// 2026-06-15 (Message-ID <ec871376-3ada-413d-8be2-25b117eca213@bootlin.com>,
// https://lore.kernel.org/all/ec871376-3ada-413d-8be2-25b117eca213@bootlin.com/): an UP Squared Pro 7000 whose
// pinctrl device is not there; the mail's wrapping undone, one kernel line per line.
const UPBOARD = [
  '[   12.818773] upboard-pinctrl upboard-pinctrl: unknown pinctrl device INTC1055:00 in map entry, deferring probe',
  '[   12.818795] upboard-pinctrl upboard-pinctrl: error -EPROBE_DEFER: Failed to select pinctrl',
  '[   12.818801] upboard-pinctrl upboard-pinctrl: Driver upboard-pinctrl requests probe deferral',
  '[   12.818834] platform upboard-pinctrl: Added to deferred list',
  '[   12.818894] platform upboard-pinctrl: deferred probe pending: upboard-pinctrl: Failed to select pinctrl',
].join('\n') + '\n';

describe('"deferred probe pending" with its reason or without: the profile guess', () => {
  it('a reason after it (dd.c after v6.6) narrows the guess to the profiles that print one; --profile v6.6 is warned', () => {
    const log = logFile('upboard.log', UPBOARD);
    const w = probecheck(['from-log', log]);
    // Before: "profile mainline is a guess: ... no dd.c line whose form tells kernels apart, so every profile fits it as well".
    expect(w.stdout).toContain('mainline is the newest profile that prints its lines as it does ("deferred probe pending" printed with a reason after it); this one fits the log as well: v6.12 (');
    expect(w.stdout).toMatch(/"upboard-pinctrl": \{\n\s+"matches": \[\n\s+"upboard-pinctrl"\n\s+\],\n\s+"probe": "defer"/);
    const old = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(old.stderr + old.stdout).toContain('warning: line 5 prints "deferred probe pending" with a reason after it, as dd.c does after v6.6 (v6.12 read); profile v6.6\'s dd.c does not: v6.12 or a later profile fits the log');
  });

  it('without one (v4.19 to v6.6) the guess is the newest profile that prints it bare', () => {
    // The same lines with v6.6's bare line (constructed: the ODROID-M1 6.6 boot's form, models/logs/odroid-m1-pending.log).
    const w = probecheck(['from-log', logFile('upboard-bare.log', UPBOARD.replace(/deferred probe pending: .*/, 'deferred probe pending'))]);
    expect(w.stdout).toMatch(/profile v6\.6 is a guess: the log has no "Linux version" line, and v6\.6 is the newest profile that prints its lines as it does \("deferred probe pending" printed without a reason after it\); these fit the log as well: v5\.1, v5\.4, v5\.9, v5\.10, v5\.15, v5\.19, v6\.1 \(/);
    expect(w.stdout).toContain('"profile": "v6.6"');
  });
});
