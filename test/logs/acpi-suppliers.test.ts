// from-log and ACPI-named i2c and spi devices ("i2c-%s", "spi-%s" of acpi_dev_name: the ACPI device's
// HID and instance). ACPI's fwnode ops add no fwnode links (DECLARE_ACPI_FWNODE_OPS has no .add_links in
// the texts read; a 2023-12 RFC adds one for RISC-V's interrupt dependencies), so device_links_check_suppliers
// names such a supplier by its device name ("supplier i2c-10EC5651:00 not ready", a name the kernel's
// bytcr_rt5651.c spells), read as any device's; a "wait for supplier" of an ACPI node's path names no
// device, said. dd.c's debug lines are constructed (v5.15's __driver_probe_device form).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-acpi-suppliers-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
const around = (said: string) => deferredConsumer('bytcr_rt5651', 'bytcr_rt5651', 'i2c-10EC5651:00', 'rt5651', [`platform bytcr_rt5651: error -EPROBE_DEFER: ${said}`], { match: '__driver_probe_device', supplierBus: 'i2c' });

describe('ACPI-named suppliers', () => {
  it('"supplier i2c-10EC5651:00 not ready" names the device itself: written (a pin: read before too)', () => {
    const w = probecheck(['from-log', logFile('acpi-dev.log', around('supplier i2c-10EC5651:00 not ready')), '--profile', 'v5.15']);
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"i2c-10EC5651:00"\n\s+\]/);
  });

  it('"wait for supplier" of an ACPI path: its device\'s name is not in the path, said so', () => {
    const w = probecheck(['from-log', logFile('acpi-node.log', around('wait for supplier \\_SB.PCI0.I2C2.RTEK')), '--profile', 'v5.15']);
    expect(w.stdout).not.toContain('"suppliers"');
    // Before: "names no device of this log (nor does _SB.PCI0.I2C2.RTEK ...)", as if a DT node at the root.
    expect(w.stdout).toContain('firmware node \\_SB.PCI0.I2C2.RTEK is an ACPI node: its device\'s name');
  });
});
