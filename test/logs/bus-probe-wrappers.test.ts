// E701's call trace: a bus's .probe wrapper (BUS_PROBE in src/cli/from-log.ts) is never named as the
// driver's probe, and a trace with only wrappers above dd.c's probe path says so (s36 h14, 2026-12-06).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-bus-probe-wrappers-');
const fromLog = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return probecheck(['from-log', p]);
};

describe("E701's call trace under a bus's probe wrapper", () => {
  it("names the driver's probe above PCI's local_pci_probe / pci_device_probe (x86 form)", () => {
    // Constructed in the x86 unwinder's form, the PCI chain as pci-driver.c has it: pci_device_probe ->
    // pci_call_probe (inlined here) -> local_pci_probe -> the driver's probe.
    const r = fromLog('pci.log', [
      '[    4.812345] BUG: kernel NULL pointer dereference, address: 0000000000000010',
      '[    4.812400] Call Trace:',
      '[    4.812401]  <TASK>',
      '[    4.812410]  igc_probe+0x1a2/0x9c0 [igc]',
      '[    4.812420]  local_pci_probe+0x42/0x90',
      '[    4.812425]  pci_device_probe+0xc5/0x1d0',
      '[    4.812430]  really_probe+0xde/0x380',
      '[    4.812435]  __driver_probe_device+0x78/0x120',
      '[    4.812440]  driver_probe_device+0x1f/0x90',
      '[    4.812445]  __driver_attach+0xd2/0x1c0',
      '[    4.812450]  bus_for_each_dev+0x7c/0xd0',
    ]);
    expect(r.status).toBe(2);
    // Before: "(really_probe, under local_pci_probe)".
    expect(r.stderr).toContain("(really_probe, under igc_probe)");
  });

  it("names a PHY driver's probe above phy_probe (arm64 form)", () => {
    // Constructed in arm64's form: phy_driver_register sets mdiodrv.driver.probe = phy_probe, which calls
    // phydev->drv->probe (phy_device.c).
    const r = fromLog('phy.log', [
      '[    3.201000] Unable to handle kernel paging request at virtual address 0000000000000008',
      '[    3.201500] Call trace:',
      '[    3.201510]  at803x_probe+0x40/0x1a0',
      '[    3.201520]  phy_probe+0x74/0x1e8',
      '[    3.201530]  really_probe+0xbc/0x2d8',
      '[    3.201540]  __driver_probe_device+0x78/0xe0',
      '[    3.201550]  driver_probe_device+0x3c/0x160',
      '[    3.201560]  __device_attach_driver+0xb8/0x138',
    ]);
    expect(r.status).toBe(2);
    // Before: "(really_probe, under phy_probe)".
    expect(r.stderr).toContain('(really_probe, under at803x_probe)');
  });

  it('says so when only wrappers lie above the probe path, not naming one as the driver\'s', () => {
    // A fault in the SoundWire bus's own sdw_drv_probe (bus_type.c; before it calls drv->probe), arm64's form.
    const r = fromLog('sdw.log', [
      '[    9.100000] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000',
      '[    9.100100] Call trace:',
      '[    9.100110]  sdw_drv_probe+0x5c/0x230',
      '[    9.100120]  really_probe+0xbc/0x2d8',
      '[    9.100130]  __driver_probe_device+0x78/0xe0',
      '[    9.100140]  driver_probe_device+0x3c/0x160',
      '[    9.100150]  __device_attach_driver+0xb8/0x138',
    ]);
    expect(r.status).toBe(2);
    // Before: "(really_probe, under sdw_drv_probe)".
    expect(r.stderr).toContain("(really_probe, under sdw_drv_probe, a bus's wrapper, with no driver's *_probe frame above it)");
    // ARM's older form, MDIO's wrapper only.
    const m = fromLog('mdio.log', [
      'Unable to handle kernel NULL pointer dereference at virtual address 00000000',
      '[<c05a1b20>] (mdio_probe) from [<c0618c04>] (really_probe+0x1dc/0x348)',
      '[<c0618c04>] (really_probe) from [<c0618ef4>] (driver_probe_device+0x5c/0x160)',
    ]);
    expect(m.stderr).toContain("(really_probe, under mdio_probe, a bus's wrapper, with no driver's *_probe frame above it)");
  });
});
