// from-log on "wait for supplier N" where N's device is named by its bus core after a host number
// the path does not hold: an SDIO function ("%s:%d", the card "mmcN:RCA" and the function number),
// an MDIO device ("%s:%02x", the mii_bus id and the address), a USB device ("%d-%s", the bus number
// and the ports). Taken only where the log ties the node's parent (or ancestor) to that host; an
// SDIO or USB device, whose core sets the node as its of_node alone, is said, not written
// (test/logs/core-named-review.test.ts).
// Real excerpts: `ehci-platform fe380000.usb: new USB bus registered, assigned bus number 1`
// (a Pinebook Pro's 5.4.13 boot, armbian/build#1759); `rk_gmac-dwmac fe300000.ethernet` and its
// PHYs `stmmac-0:00`, `stmmac-0:01` (an rk3399 box's boot, ophub/amlogic-s9xxx-armbian#2015); an
// SDIO function `mmc1:0001:1` under host mmc1 of its controller (espressif/esp-hosted#93, #173).
// dd.c's debug lines around them are constructed (v5.15's __driver_probe_device form).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-core-named-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
const around = (con: string, sup: string, sdrv: string, bus: string, said: string[], pre: string[]) =>
  deferredConsumer(con, 'simple-audio-card', sup, sdrv, said, { match: '__driver_probe_device', supplierBus: bus, pre });
/** A platform device's probe that adds `added` (a host, an mii_bus). */
const probeAdding = (dev: string, drv: string, added: string) => [
  `bus: 'platform': __driver_probe_device: matched device ${dev} with driver ${drv}`,
  `bus: 'platform': really_probe: probing driver ${drv} with device ${dev}`,
  `device: '${added}': device_add`,
  `driver: '${drv}': driver_bound: bound to device '${dev}'`,
  `bus: 'platform': really_probe: bound device ${dev} to driver ${drv}`,
];

describe('a supplier node on SDIO, MDIO or USB: its bus-core name, where the log ties the node to its host', () => {
  it('SDIO: host mmc1 added in the probe of the node\'s parent\'s device, function 1 of its card: mmc1:0001:1', () => {
    const wait = 'platform sound: error -EPROBE_DEFER: wait for supplier /mmc@fe310000/wifi@1';
    const log = logFile('sdio.log', around('sound', 'mmc1:0001:1', 'brcmfmac', 'sdio', [wait], probeAdding('fe310000.mmc', 'dwmmc_rockchip', 'mmc1')));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stderr).toBe('');
    // Before: "firmware node /mmc@fe310000/wifi@1 names no device of this log (nor does fe310000.mmc:1.wifi ...)".
    // The node is tied to mmc1:0001:1, but sdio_add_func sets its of_node alone, so fw_devlink never
    // links that device: not written (test/logs/core-named-review.test.ts).
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('would be mmc1:0001:1 (mmc host mmc1 is added in the probe of fe310000.mmc');
    expect(w.stdout).toContain("sdio_add_func sets the function's of_node alone");
  });

  it('SDIO with no host tied to the node\'s parent: not taken', () => {
    const log = logFile('sdio-none.log', around('sound', 'mmc1:0001:1', 'brcmfmac', 'sdio', ['platform sound: error -EPROBE_DEFER: wait for supplier /mmc@fe310000/wifi@1'], []));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('"defer"');
    // Before: only "names no device of this log (nor does 1.wifi ...)".
    expect(w.stdout).toContain('mmc1:0001:1 of this log has the name an SDIO function, MDIO device or USB device of that reg gets');
  });

  it("SDIO: sdhci's \"mmcN: SDHCI controller on X [DEV]\" ties the host to DEV; mmc_add_card's \"new ... card at address\" gives the RCA", () => {
    const wait = 'platform sound: error -EPROBE_DEFER: wait for supplier /mmc@fe310000/wifi@1';
    const sdhci = 'mmc1: SDHCI controller on fe310000.mmc [fe310000.mmc] using ADMA';
    const w = probecheck(['from-log', logFile('sdhci.log', around('sound', 'mmc1:0001:1', 'brcmfmac', 'sdio', [wait], [sdhci])), '--profile', 'v5.15']);
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('would be mmc1:0001:1 (line 1: sdhci names mmc host mmc1 the host of fe310000.mmc');
    // The card's line names another RCA than the device of the log: the name it gives is said, not taken.
    const card = probecheck(['from-log', logFile('sdhci-card.log', around('sound', 'mmc1:0001:1', 'brcmfmac', 'sdio', [wait], [sdhci, 'mmc1: new high speed SDIO card at address 0002'])), '--profile', 'v5.15']);
    expect(card.stdout).not.toContain('"suppliers"');
    expect(card.stdout).toContain('would be mmc1:0002:1');
    // Function 2, which no device of the log is, and no card line: the host is said, not taken.
    const fn2 = probecheck(['from-log', logFile('sdhci-fn2.log', around('sound', 'mmc1:0001:1', 'brcmfmac', 'sdio', [wait.replace('wifi@1', 'wifi@2')], [sdhci])), '--profile', 'v5.15']);
    expect(fn2.stdout).toContain('but no device of this log is function 2 of its card');
  });

  it("MDIO: of_mdio's \"registered phy NAME at address A\" of the mii_bus ties %pfwP's name alone; the PHY's driver name, with spaces, written as one word, and the link with it", () => {
    // The MAC probes (its PHY registered) after the consumer's deferral: a PHY registered before it
    // would have made fw_devlink's link a device link (test/logs/core-named-review.test.ts).
    const lines = around('sound', 'stmmac-0:01', 'RTL8211E Gigabit Ethernet', 'mdio_bus', ['platform sound: error -EPROBE_DEFER: wait for supplier ethernet-phy@1'], []);
    lines.splice(3, 0, ...probeAdding('fe300000.ethernet', 'rk_gmac-dwmac', 'stmmac-0').slice(0, 3), 'mdio_bus stmmac-0: registered phy ethernet-phy at address 1', ...probeAdding('fe300000.ethernet', 'rk_gmac-dwmac', 'stmmac-0').slice(3));
    const log = logFile('phy.log', lines);
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(w.stdout).toContain('(firmware node ethernet-phy@1 taken as stmmac-0:01: line 7: mii_bus stmmac-0 registered phy ethernet-phy at address 1');
    // Before (s39): the driver left out for the spaces in its name, so the link was not written (s40: one word).
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"stmmac-0:01"\n\s+\]/);
    expect(w.stdout).toContain("driver 'RTL8211E Gigabit Ethernet' (line 10): its name holds spaces");
    // fwnode_mdio's later form prints the node's full path (%pfw): its last name is the %pfwP name.
    const fw = probecheck(['from-log', logFile('phy-fw.log', readFileSync(log, 'utf8').replace('registered phy ethernet-phy at', 'registered phy fwnode /ethernet@fe300000/mdio/ethernet-phy@1 at').trimEnd().split('\n')), '--profile', 'v6.6']);
    expect(fw.stdout).toContain('(firmware node ethernet-phy@1 taken as stmmac-0:01: line 7: mii_bus stmmac-0 registered phy /ethernet@fe300000/mdio/ethernet-phy@1 at address 1');
  });

  it("MDIO: the mii_bus stmmac-0 added in the MAC's probe, the node under its `mdio` child: stmmac-0:10", () => {
    const wait = 'platform sound: error -EPROBE_DEFER: wait for supplier /ethernet@fe300000/mdio/switch@10';
    const log = logFile('mdio.log', around('sound', 'stmmac-0:10', 'mv88e6085', 'mdio_bus', [wait], probeAdding('fe300000.ethernet', 'rk_gmac-dwmac', 'stmmac-0')));
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    // Before: "firmware node ... names no device of this log".
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"stmmac-0:10"\n\s+\]/);
    expect(w.stdout).toContain('mii_bus stmmac-0 is added in the probe of fe300000.ethernet, the device of the node\'s grandparent');
  });

  it('USB: the controller of the node above prints its bus number; the nodes below give the ports: 1-1', () => {
    const wait = 'platform sound: error -EPROBE_DEFER: wait for supplier /usb@fe380000/hub@1';
    const log = logFile('usb.log', around('sound', '1-1', 'hub', 'usb', [wait], ['ehci-platform fe380000.usb: new USB bus registered, assigned bus number 1']));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    // usb_alloc_dev sets the device's of_node alone: not written (test/logs/core-named-review.test.ts).
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('would be 1-1 (line 1: fe380000.usb registered USB bus 1');
    // A hub's port below: 1-1.2, which is no device of this log: said, the defer kept.
    const deeper = probecheck(['from-log', logFile('usb-deep.log', around('sound', '1-1', 'hub', 'usb', [wait.replace('hub@1', 'hub@1/ethernet@2')], ['ehci-platform fe380000.usb: new USB bus registered, assigned bus number 1'])), '--profile', 'v5.15']);
    expect(deeper.stdout).toContain('would be 1-1.2');
    expect(deeper.stdout).toContain('"defer"');
  });
});
