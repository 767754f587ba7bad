// from-log and validate on a driver whose name holds spaces (a phy_driver's: "Qualcomm QCA8075",
// "RTL8211E Gigabit Ethernet", "Generic PHY"): read as one word, each run of spaces an underscore,
// in both commands (parse.ts oneWord), so the driver and its devices are written, not left out.
// Real excerpt: an OpenWrt (LibWrt) AX6600 boot's logread, four QCA8075 PHYs failing their probe
// (LiBwrt/LibWrt#67, https://github.com/LiBwrt/LibWrt/pull/67, 2025-01-03), the only driver-core
// lines of that excerpt: before, E701 (every driver left out).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-spaced-driver-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };

const QCA8075 = [
  'Fri Jan  3 21:42:10 2025 kern.err kernel: [    1.060511] Qualcomm QCA8075 90000.mdio-1:18: probe with driver Qualcomm QCA8075 failed with error -22',
  'Fri Jan  3 21:42:10 2025 kern.info kernel: [    1.062768] pci 0000:00:00.0:   bridge window [io  0x0000-0x0fff]',
  'Fri Jan  3 21:42:10 2025 kern.err kernel: [    1.068343] Qualcomm QCA8075 90000.mdio-1:19: probe with driver Qualcomm QCA8075 failed with error -22',
  'Fri Jan  3 21:42:10 2025 kern.info kernel: [    1.077355] pci 0000:00:00.0:   bridge window [mem 0x00000000-0x000fffff]',
  'Fri Jan  3 21:42:10 2025 kern.err kernel: [    1.083911] Qualcomm QCA8075 90000.mdio-1:1a: probe with driver Qualcomm QCA8075 failed with error -22',
  'Fri Jan  3 21:42:10 2025 kern.info kernel: [    1.092722] pci 0000:00:00.0:   bridge window [mem 0x00000000-0x000fffff 64bit pref]',
  'Fri Jan  3 21:42:10 2025 kern.err kernel: [    1.099942] Qualcomm QCA8075 90000.mdio-1:1b: probe with driver Qualcomm QCA8075 failed with error -22',
];

describe('a driver whose name holds spaces', () => {
  it('a real log whose only driver is such a PHY driver: written as one word, and validate reads the log so', () => {
    const log = logFile('qca8075.log', QCA8075);
    const w = probecheck(['from-log', log, '-o', join(dir, 'qca8075.ts')]);
    // Before: E701, "every driver they name was left out: driver 'Qualcomm QCA8075': its name holds a space".
    expect(w.stderr).toMatch(/^wrote [^\n]*qca8075\.ts: 4 devices, 1 driver/);
    expect(w.status).toBe(0);
    const ts = readFileSync(join(dir, 'qca8075.ts'), 'utf8');
    expect(ts).toMatch(/"Qualcomm_QCA8075": \{\n\s+"matches": \[\n\s+"90000\.mdio-1:18",\n\s+"90000\.mdio-1:19",\n\s+"90000\.mdio-1:1a",\n\s+"90000\.mdio-1:1b"\n\s+\],\n\s+"probe": "error"/);
    expect(ts).toContain('"boot": "register Qualcomm_QCA8075"');
    expect(ts).toContain("// note: driver 'Qualcomm QCA8075' (line 1): its name holds spaces, which a scenario's actions cannot name (they split on spaces): written as Qualcomm_QCA8075, the name `validate` reads in the log's lines for it\n");
    const v = probecheck(['validate', join(dir, 'qca8075.ts'), '--log', log]);
    expect(v.stdout).toMatch(/4 driver-core lines read: 4 checked;/);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
  });

  it('an MDIO supplier whose PHY driver name holds spaces: the PHY and the link are written, and the log is a behaviour', () => {
    // The PHY's dd.c lines in v5.15's form around the real names of ophub/amlogic-s9xxx-armbian#2015
    // (rk_gmac-dwmac fe300000.ethernet, its PHY stmmac-0:01 bound to "RTL8211E Gigabit Ethernet"); the
    // wait line constructed in core.c's dev_err_probe form (test/logs/core-named-suppliers.test.ts).
    const lines = deferredConsumer('sound', 'simple-audio-card', 'stmmac-0:01', 'RTL8211E Gigabit Ethernet', ['platform sound: error -EPROBE_DEFER: wait for supplier ethernet-phy@1'], { match: '__driver_probe_device', supplierBus: 'mdio_bus' });
    lines.splice(3, 0,
      "bus: 'platform': __driver_probe_device: matched device fe300000.ethernet with driver rk_gmac-dwmac",
      "bus: 'platform': really_probe: probing driver rk_gmac-dwmac with device fe300000.ethernet",
      "device: 'stmmac-0': device_add",
      'mdio_bus stmmac-0: registered phy ethernet-phy at address 1',
      "driver: 'rk_gmac-dwmac': driver_bound: bound to device 'fe300000.ethernet'",
      "bus: 'platform': really_probe: bound device fe300000.ethernet to driver rk_gmac-dwmac");
    const log = logFile('phy.log', lines);
    const w = probecheck(['from-log', log, '--profile', 'v6.6', '-o', join(dir, 'phy.ts')]);
    expect(w.stderr).not.toMatch(/E\d{3}|warning/);
    const ts = readFileSync(join(dir, 'phy.ts'), 'utf8');
    // Before: the PHY driver left out for the spaces, so the link to its device was not written, and sound's defer kept.
    expect(ts).toMatch(/"sound": \{\n\s+"present": true,\n\s+"suppliers": \[\n\s+"stmmac-0:01"\n\s+\]/);
    expect(ts).toMatch(/"RTL8211E_Gigabit_Ethernet": \{\n\s+"matches": \[\n\s+"stmmac-0:01"\n\s+\]/);
    expect(ts).not.toContain('holds a space');
    const v = probecheck(['validate', join(dir, 'phy.ts'), '--log', log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
  });
});
