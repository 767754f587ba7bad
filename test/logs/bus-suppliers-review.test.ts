// A review of from-log's supplier lines (s38 h8): a first word that is the device's own bus is the
// bus's, though a driver bound to it has that name too (usb's generic driver "usb" on the bus "usb"),
// and an own-slave i2c node, whose unit address dtc writes without I2C_OWN_SLAVE_ADDRESS, names the
// client with 0x1000 or'd in. Constructed around the kernel's formats (dd.c's v5.15 debug lines).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-bus-suppliers-review-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };

/** `con` on `bus` (its driver `cdrv`) deferred with `said` before its probe, its supplier `sup` binding, and the retry. */
const around = (bus: string, con: string, cdrv: string, sup: string, said: string[], pre: string[] = []): string[] =>
  deferredConsumer(con, cdrv, sup, 'reg-fixed-voltage', said, { match: '__driver_probe_device', bus, pre });

describe("a first word that is the device's own bus and its driver's name", () => {
  it('a USB device bound to the generic driver "usb": its supplier line is the link check\'s, written', () => {
    // Before: "names usb first, no bus this log or probecheck knows: the driver's name ... not read as a link", usb kept its defer.
    const log = logFile('usb.log', around('usb', '1-1', 'usb', 'vcc-hub', ['usb 1-1: error -EPROBE_DEFER: supplier vcc-hub not ready']));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stderr).toBe('');
    expect(w.stdout).toMatch(/"1-1": \{[^}]*"suppliers": \[\n\s+"vcc-hub"\n\s+\]/);
    expect(w.stdout).not.toContain('not read as a link');
  });

  it("a pending reason with the bus first, the pending line's own owner, though the driver has that name: read", () => {
    const lines = around('usb', '1-1', 'usb', 'vcc-hub', []);
    lines.splice(2, 0, 'usb 1-1: deferred probe pending: usb: supplier vcc-hub not ready');
    const w = probecheck(['from-log', logFile('usb-pending.log', lines), '--profile', 'v6.12']);
    // Read (then refused by the build, as the core's own reason is in bus-suppliers.test.ts), not said to be the driver's.
    expect(w.stdout).toContain("line 3 (deferred probe pending's reason) says supplier vcc-hub not ready");
    expect(w.stdout).not.toContain('not read as a link');
  });

  it('a driver named as a bus the device is not on (thunderbolt, a PCI driver): still its own words, said so', () => {
    const log = logFile('tb.log', around('pci', '0000:00:0d.2', 'thunderbolt', 'vcc-tb', ['thunderbolt 0000:00:0d.2: error -EPROBE_DEFER: supplier vcc-tb not ready']));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stdout).not.toContain('"suppliers"');
    // Before: "no bus this log or probecheck knows", though thunderbolt is a bus's name.
    expect(w.stdout).toContain('names thunderbolt first, a driver the log names for 0000:00:0d.2 and no bus the log shows 0000:00:0d.2 on');
  });
});

describe('an own-slave i2c node: dtc leaves I2C_OWN_SLAVE_ADDRESS out of its unit address', () => {
  const reg = 'i2c i2c-4: of_i2c: register /ahb/apb/bus@1e78a000/i2c-bus@80/ipmb@10';
  const wait = 'platform 1e78a000.bmc: error -EPROBE_DEFER: wait for supplier /ahb/apb/bus@1e78a000/i2c-bus@80/ipmb@10';
  const slave = ["bus: 'i2c': __driver_probe_device: matched device 4-1010 with driver ipmb-dev", "bus: 'i2c': really_probe: probing driver ipmb-dev with device 4-1010", "bus: 'i2c': really_probe: bound device 4-1010 to driver ipmb-dev"];

  it('ipmb@10 registered on i2c-4, the log holding 4-1010 (0x1000 | 0x10): that client is written', () => {
    // Before: "would be 4-0010 ..., which is no device of this log", and the defer kept.
    const w = probecheck(['from-log', logFile('own.log', around('platform', '1e78a000.bmc', 'bmc-drv', 'vcc-bmc', [wait], [reg, ...slave])), '--profile', 'v6.6']);
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"4-1010"\n\s+\]/);
    expect(w.stdout).toContain('an own-slave client');
  });

  it('both 4-0010 and 4-1010 in the log: two names, not taken', () => {
    const plain = slave.map((l) => l.replaceAll('4-1010', '4-0010').replaceAll('ipmb-dev', 'at24'));
    const w = probecheck(['from-log', logFile('own-two.log', around('platform', '1e78a000.bmc', 'bmc-drv', 'vcc-bmc', [wait], [reg, ...slave, ...plain])), '--profile', 'v6.6']);
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('may be any of 4-0010, 4-1010');
  });
});
