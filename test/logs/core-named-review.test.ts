// from-log on "wait for supplier N" for an MDIO node, where the device the log ties to the node was
// there before the line (a review of s39 h5's bus-core names). device_add sets the node's device
// and calls fw_devlink_link_device, which makes a waiting consumer's fwnode link a device link and
// deletes it (__fw_devlink_link_to_consumers; fw_devlink_create_devlink keeps it, -EAGAIN, only
// while the supplier has no device: core.c copies read 2026-12-06). From then on the consumer's
// check prints "supplier %s not ready" with the device's name, so a "wait for supplier N" after a
// device's line is about another node. of_mdio's dev_dbg "registered phy %pOFn at address %i"
// (of_mdiobus_phy_device_register, of_mdio.c at torvalds@0fb169767651, after phy_device_register)
// and %pfwP print the node's name alone: two MACs, each with a PHY `ethernet-phy@0`, print the same.
// ADIN1300 is a PHY driver whose name holds no space (drivers/net/phy/adin.c, copies), so the link
// reaches the scenario. dd.c's lines are constructed (v5.10's forms).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-core-named-review-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
/** A MAC's probe adding its mii_bus `id`, whose PHY at address 0 of_mdio registers, and that PHY bound. */
const mac = (dev: string, id: string) => [
  `bus: 'platform': driver_probe_device: matched device ${dev} with driver rk_gmac-dwmac`,
  `bus: 'platform': really_probe: probing driver rk_gmac-dwmac with device ${dev}`,
  `device: '${id}': device_add`,
  `mdio_bus ${id}: registered phy ethernet-phy at address 0`,
  `driver: 'rk_gmac-dwmac': driver_bound: bound to device '${dev}'`,
  `bus: 'platform': really_probe: bound device ${dev} to driver rk_gmac-dwmac`,
];
const phy = (name: string) => [
  `bus: 'mdio_bus': driver_probe_device: matched device ${name} with driver ADIN1300`,
  `bus: 'mdio_bus': really_probe: probing driver ADIN1300 with device ${name}`,
  `driver: 'ADIN1300': driver_bound: bound to device '${name}'`,
  `bus: 'mdio_bus': really_probe: bound device ${name} to driver ADIN1300`,
];
const wait = 'platform sound: probe deferral - wait for supplier ethernet-phy@0';

describe('a supplier node named by its bus core: a device the log shows before the wait line is not it', () => {
  it("two MACs, a PHY at address 0 each: the first MAC's PHY, registered and bound before the line, is not the node waited for", () => {
    const log = logFile('two-macs.log', [...mac('fe300000.ethernet', 'stmmac-0'), ...phy('stmmac-0:00'),
      "bus: 'platform': driver_probe_device: matched device sound with driver simple-audio-card", wait,
      'platform sound: Added to deferred list', 'platform sound: deferred probe pending']);
    const w = probecheck(['from-log', log, '--profile', 'v5.10']);
    expect(w.stderr).toBe('');
    // Before: `suppliers: ['stmmac-0:00']` and simple-audio-card's `defer` dropped, so the model bound
    // sound at once (its supplier bound before it), where the log leaves it pending.
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('"probe": "defer"');
    expect(w.stdout).toContain('firmware node ethernet-phy@0 would be stmmac-0:00 (line 4) by its bus core\'s name, but the log shows that device before this line');
  });

  it("the second MAC's PHY registered after the line is taken, the first's left out (before: either, not taken)", () => {
    const lines = deferredConsumer('sound', 'simple-audio-card', 'stmmac-1:00', 'ADIN1300', [wait], { supplierBus: 'mdio_bus', pre: [...mac('fe300000.ethernet', 'stmmac-0'), ...phy('stmmac-0:00')] });
    // The second MAC probes after the consumer's deferral, before its PHY binds.
    lines.splice(lines.indexOf('platform sound: Added to deferred list') + 1, 0, ...mac('fe010000.ethernet', 'stmmac-1'));
    const w = probecheck(['from-log', logFile('two-macs-later.log', lines), '--profile', 'v5.10']);
    expect(w.stderr).toBe('');
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"stmmac-1:00"\n\s+\]/);
    expect(w.stdout).toContain('taken as stmmac-1:00: line 17: mii_bus stmmac-1 registered phy ethernet-phy at address 0');
    expect(w.stdout).toContain('not stmmac-0:00 (line 4), which the log shows before this line');
  });

  it("a pending line's reason, set at the consumer's last deferral, is not held to its own line: the PHY added after that deferral is still taken", () => {
    // The MAC's probe registers its mii_bus and PHY and does not end (no bind after it retries sound),
    // so sound's reason stays the one its deferral at line 2 set (v6.8's pending line prints it).
    const log = logFile('pending.log', [
      "bus: 'platform': __driver_probe_device: matched device sound with driver simple-audio-card",
      'platform sound: Added to deferred list',
      ...mac('fe300000.ethernet', 'stmmac-0').slice(0, 4).map((l) => l.replace('driver_probe_device', '__driver_probe_device')),
      "bus: 'mdio_bus': __driver_probe_device: matched device stmmac-0:00 with driver ADIN1300",
      "bus: 'mdio_bus': really_probe: probing driver ADIN1300 with device stmmac-0:00",
      'mdio_bus stmmac-0:00: Driver ADIN1300 requests probe deferral',
      'mdio_bus stmmac-0:00: Added to deferred list',
      'platform sound: deferred probe pending: platform: wait for supplier ethernet-phy@0',
    ]);
    const w = probecheck(['from-log', log, '--profile', 'mainline']);
    expect(w.stderr).toBe('');
    expect(w.stdout).toContain('(firmware node ethernet-phy@0 taken as stmmac-0:00: line 6: mii_bus stmmac-0 registered phy ethernet-phy at address 0');
  });

  // sdio_add_func's sdio_set_of_node sets `func->dev.of_node` alone (linux-6.6.14's sdio_bus.c, a
  // copy in ehrenhasz/anvilos_alpha@c165892741cb; older copies alike), usb_alloc_dev
  // `dev->dev.of_node = usb_of_get_device_node(parent, raw_port)` (copies), and device_add ties a
  // node to its device only through dev->fwnode; device_links_driver_bound of a device moves the
  // consumers of its child nodes that have no bus device to it (__fw_devlink_pickup_dangling_consumers).
  it('an SDIO function tied to the node (host mmc1 added in the probe of the parent\'s device) is said, not written: its bind does not retry the consumer', () => {
    const lines = deferredConsumer('sound', 'simple-audio-card', 'mmc1:0001:1', 'brcmfmac', ['platform sound: error -EPROBE_DEFER: wait for supplier /mmc@fe310000/wifi@1'], { match: '__driver_probe_device', supplierBus: 'sdio' });
    // The controller probes (adding host mmc1) after the consumer's deferral: bound before it, its
    // bind would have moved the consumer's link to itself.
    lines.splice(lines.indexOf('platform sound: Added to deferred list') + 1, 0, "bus: 'platform': __driver_probe_device: matched device fe310000.mmc with driver dwmmc_rockchip",
      "bus: 'platform': really_probe: probing driver dwmmc_rockchip with device fe310000.mmc", "device: 'mmc1': device_add",
      "driver: 'dwmmc_rockchip': driver_bound: bound to device 'fe310000.mmc'", "bus: 'platform': really_probe: bound device fe310000.mmc to driver dwmmc_rockchip");
    const w = probecheck(['from-log', logFile('sdio.log', lines), '--profile', 'v6.6']);
    expect(w.stderr).toBe('');
    // Before: `suppliers: ['mmc1:0001:1']`, simple-audio-card's `defer` dropped.
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('"defer"');
    expect(w.stdout).toContain("would be mmc1:0001:1 (mmc host mmc1 is added in the probe of fe310000.mmc");
    expect(w.stdout).toContain("but sdio_add_func sets the function's of_node alone");
  });

  it('a USB device tied to the node (its controller\'s bus number) is said, not written', () => {
    const lines = deferredConsumer('sound', 'simple-audio-card', '1-1', 'hub', ['platform sound: error -EPROBE_DEFER: wait for supplier /usb@fe380000/hub@1'], {
      match: '__driver_probe_device', supplierBus: 'usb', pre: ['ehci-platform fe380000.usb: new USB bus registered, assigned bus number 1'],
    });
    const w = probecheck(['from-log', logFile('usb.log', lines), '--profile', 'v6.6']);
    expect(w.stderr).toBe('');
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('"defer"');
    expect(w.stdout).toContain("would be 1-1 (line 1: fe380000.usb registered USB bus 1");
    expect(w.stdout).toContain("but usb_alloc_dev sets the device's of_node alone");
  });
});
