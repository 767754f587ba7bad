// from-log on real boot logs, read as a kernel developer reads them (a hunt, 2026-12-06, s36 h4): driver_deferred_probe_check_state's
// lines, the pending line's two forms, a call trace through the probe path.
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
  it('a reason after it (dd.c from v6.8) narrows the guess to the profiles that print one; --profile v6.6 is warned', () => {
    const log = logFile('upboard.log', UPBOARD);
    const w = probecheck(['from-log', log]);
    // Before: "profile mainline is a guess: ... no dd.c line whose form tells kernels apart, so every profile fits it as well".
    expect(w.stdout).toContain('mainline is the newest profile that prints its lines as it does ("deferred probe pending" printed with a reason after it); this one fits the log as well: v6.12 (');
    expect(w.stdout).toMatch(/"upboard-pinctrl": \{\n\s+"matches": \[\n\s+"upboard-pinctrl"\n\s+\],\n\s+"probe": "defer"/);
    const old = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(old.stderr + old.stdout).toContain('warning: line 5 prints "deferred probe pending" with a reason after it, as dd.c does from v6.8 (7c41da586e9f, driver-core-6.8-rc1); profile v6.6\'s dd.c does not: v6.12 or a later profile fits the log');
  });

  it('without one (v4.19 to v6.6) the guess is the newest profile that prints it bare', () => {
    // The same lines with v6.6's bare line (constructed: the ODROID-M1 6.6 boot's form, models/logs/odroid-m1-pending.log).
    const w = probecheck(['from-log', logFile('upboard-bare.log', UPBOARD.replace(/deferred probe pending: .*/, 'deferred probe pending'))]);
    expect(w.stdout).toMatch(/profile v6\.6 is a guess: the log has no "Linux version" line, and v6\.6 is the newest profile that prints its lines as it does \("deferred probe pending" printed without a reason after it\); these fit the log as well: v4\.19, v5\.0, v5\.1, v5\.4, v5\.9, v5\.10, v5\.15, v5\.19, v6\.1 \(/);
    expect(w.stdout).toContain('"profile": "v6.6"');
  });
});

// S. Guo, "[PATCH] mmc: sdhci: Map more voltage level to SDHCI_POWER_330", linux-mmc, 2021-10-04 (Message-Id
// <20211004024935.15326-1-shawn.guo@linaro.org>, https://lore.kernel.org/all/20211004024935.15326-1-shawn.guo@linaro.org/):
// a 5.15-rc1 WARN in sdhci_msm_probe, run by an async worker; the register dump cut.
const SDHCI_WARN = [
  '[    1.436599] ------------[ cut here ]------------',
  '[    1.436606] mmc0: Invalid vdd 0x17',
  '[    1.436640] WARNING: CPU: 2 PID: 69 at drivers/mmc/host/sdhci.c:2048 sdhci_set_power_noreg+0x168/0x2b4',
  '[    1.436655] Modules linked in:',
  '[    1.436662] CPU: 2 PID: 69 Comm: kworker/u8:1 Tainted: G        W         5.15.0-rc1+ #137',
  '[    1.436669] Hardware name: Thundercomm TurboX CM2290 (DT)',
  '[    1.436674] Workqueue: events_unbound async_run_entry_fn',
  '[    1.436797] Call trace:',
  '[    1.436800]  sdhci_set_power_noreg+0x168/0x2b4',
  '[    1.436805]  sdhci_set_ios+0xa0/0x7fc',
  '[    1.436811]  mmc_power_up.part.0+0xc4/0x164',
  '[    1.436818]  mmc_start_host+0xa0/0xb0',
  '[    1.436824]  mmc_add_host+0x60/0x90',
  '[    1.436830]  __sdhci_add_host+0x174/0x330',
  '[    1.436836]  sdhci_msm_probe+0x7c0/0x920',
  '[    1.436842]  platform_probe+0x68/0xe0',
  '[    1.436850]  really_probe.part.0+0x9c/0x31c',
  '[    1.436857]  __driver_probe_device+0x98/0x144',
  '[    1.436863]  driver_probe_device+0xc8/0x15c',
  '[    1.436869]  __device_attach_driver+0xb4/0x120',
  '[    1.436875]  bus_for_each_drv+0x78/0xd0',
  '[    1.436881]  __device_attach_async_helper+0xac/0xd0',
  '[    1.436888]  async_run_entry_fn+0x34/0x110',
  '[    1.436895]  process_one_work+0x1d0/0x354',
  '[    1.436903]  worker_thread+0x13c/0x470',
  '[    1.436910]  kthread+0x150/0x160',
  '[    1.436915]  ret_from_fork+0x10/0x20',
  '[    1.436923] ---[ end trace fcfac44cb045c3a8 ]---',
].join('\n') + '\n';

describe('a pending reason beside pr_debug forms (a kernel between v6.6 and v6.12)', () => {
  it('no profile prints both: the pending form is said and not used, the guess stays with the other lines', () => {
    // Constructed: dd.c's pr_debug lines of v6.6 and the pending line with its reason.
    const w = probecheck(['from-log', logFile('between.log', [
      "[    1.000000] bus: 'platform': __driver_probe_device: matched device foo with driver foo-drv",
      "[    1.000010] bus: 'platform': really_probe: probing driver foo-drv with device foo",
      '[    1.000020] platform foo: Driver foo-drv requests probe deferral',
      '[    1.000030] platform foo: Added to deferred list',
      '[   11.000000] platform foo: deferred probe pending: foo-drv: no clock',
    ].join('\n'))]);
    // Before this rule was guarded: "mainline is the newest profile that prints its lines as it does", with none fitting.
    expect(w.stdout).toContain('profile v6.6 is a guess');
    expect(w.stdout).toContain('"deferred probe pending" printed with a reason after it, which no profile printing the rest so does (a kernel between the profiles read): not used); these fit the log as well: v5.15, v5.19, v6.1 (');
  });
});

describe('a call trace through the probe path', () => {
  it('E701 names it, the driver probe above it and the async worker below, and says why nothing of it is read', () => {
    const r = probecheck(['from-log', logFile('sdhci-warn.log', SDHCI_WARN)]);
    expect(r.status).toBe(2);
    // Before: "none of its 28 lines shows a driver probing a device (0 driver-core lines read); boot with dyndbg=...", no word of the trace.
    expect(r.stderr).toContain('line 17 is a call trace through the driver core\'s probe path (really_probe, under sdhci_msm_probe, in an async worker), which names no device or driver, so nothing of it is read: the lines that name them are dd.c\'s own; boot with dyndbg="file drivers/base/dd.c +p;');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

// M. Schwalm, "Re: [PATCH 11/11] drm/bridge: tc358768: Add DRM_BRIDGE_ATTACH_NO_CONNECTOR support", dri-devel,
// 2023-08-13 (Message-ID <e857d383-2287-a985-24c5-fa1fff1da199@gmail.com>,
// https://lore.kernel.org/all/e857d383-2287-a985-24c5-fa1fff1da199@gmail.com/): a 6.5-rc2 Tegra (Asus TF700T) whose
// host1x_drm_probe, retried by the deferred-probe worker, WARNs; ARM's unwinder prints "A from B+off/size".
const TEGRA_WARN = [
  'tegra-dc 54200000.dc: failed to initialize RGB output: -517',
  'drm drm: failed to initialize 54200000.dc: -517',
  '------------[ cut here ]------------',
  'WARNING: CPU: 3 PID: 69 at lib/refcount.c:28 tegra_dc_init+0x24/0x5fc',
  'refcount_t: underflow; use-after-free.',
  'Workqueue: events_unbound deferred_probe_work_func',
  ' warn_slowpath_fmt from tegra_dc_init+0x24/0x5fc',
  ' tegra_dc_init from host1x_device_init+0x84/0x15c',
  ' host1x_device_init from host1x_drm_probe+0xd8/0x3c4',
  ' host1x_drm_probe from really_probe+0xc8/0x2dc',
  ' really_probe from __driver_probe_device+0x88/0x19c',
  ' __driver_probe_device from driver_probe_device+0x30/0x104',
  ' driver_probe_device from __device_attach_driver+0x94/0x108',
  ' __device_attach_driver from bus_for_each_drv+0x80/0xb8',
  ' bus_for_each_drv from __device_attach+0xa0/0x190',
  ' __device_attach from bus_probe_device+0x88/0x8c',
  ' bus_probe_device from deferred_probe_work_func+0x78/0xa4',
  ' deferred_probe_work_func from process_one_work+0x208/0x420',
  '---[ end trace 0000000000000000 ]---',
].join('\n') + '\n';

describe("a call trace in ARM's unwinder form", () => {
  it('is named too, with the deferred-probe worker that ran the probe', () => {
    const r = probecheck(['from-log', logFile('tegra-warn.log', TEGRA_WARN)]);
    expect(r.stderr).toContain("line 11 is a call trace through the driver core's probe path (really_probe, under host1x_drm_probe, in the deferred-probe worker's retry), which names no device or driver");
  });
});

describe('a log whose only driver has a space in its name', () => {
  it('the driver is written as one word (before: E701, every driver left out), and validate reads the log so', () => {
    // G. Uytterhoeven, "ARM: dts: am335x-bone-common: Increase MDIO reset deassert delay to 50ms", 2024-10-31
    // (https://lore.kernel.org/r/9002a58daa1b2983f39815b748ee9d2f8dcc4829.1730366936.git.geert+renesas@glider.be),
    // as the 6.1-stable review of 2025-06-23 quotes it: a BeagleBone Black's PHY probe failing.
    const log = logFile('smsc.log', '    SMSC LAN8710/LAN8720 4a101000.mdio:00: probe with driver SMSC LAN8710/LAN8720 failed with error -5\n');
    const r = probecheck(['from-log', log, '-o', join(dir, 'smsc.ts')]);
    expect(r.stderr).toMatch(/^wrote [^\n]*smsc\.ts: 1 device, 1 driver/);
    expect(r.status).toBe(0);
    const ts = readFileSync(join(dir, 'smsc.ts'), 'utf8');
    expect(ts).toMatch(/"SMSC_LAN8710\/LAN8720": \{\n\s+"matches": \[\n\s+"4a101000\.mdio:00"\n\s+\],\n\s+"probe": "error"/);
    expect(ts).toContain("// note: driver 'SMSC LAN8710/LAN8720' (line 1): its name holds spaces");
    expect(probecheck(['validate', join(dir, 'smsc.ts'), '--log', log]).stdout).toMatch(/1 driver-core lines read: 1 checked;[^\n]*\n {2}the log IS a behaviour/);
  });
});
