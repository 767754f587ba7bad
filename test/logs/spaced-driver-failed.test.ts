// s41 h9: a review of s41 h5's from-log fix (a driver's name read with runs of spaces or tabs between
// its words). Three readers still took one space between two words: the failed-probe line before
// v6.12 (`%s: probe of %s failed with error %d`, drv->name first), the dev_printk prefix of v6.12's
// lines, which names the bound driver (`RTL8211F Gigabit Ethernet stmmac-0:01: probe with driver ...
// failed`), and from-log's reading of a later line's prefix for a deferral. And h5's reading of 2 to
// 4 words before a device as a driver took prose (`Unable to get foo.0: ...`) for one. A PHY driver of three
// words (realtek's "RTL8211F Gigabit Ethernet") or of two words parted by two spaces had its failed
// probe unread ("behind a prefix probecheck does not read"): the scenario took the probe as binding.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-spaced-failed-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };

// A PHY's boot with dd.c's debug lines on: matched, probing, then the failure, in the form of each kernel.
const failed = (drv: string, v612: boolean) => [
  `[    1.000000][    T1] bus: 'mdio_bus': add driver ${drv}`,
  "[    1.100000][    T1] device: 'stmmac-0:01': device_add",
  "[    1.100100][    T1] bus: 'mdio_bus': add device stmmac-0:01",
  ...(v612 ? [
    `[    1.100200][    T1] mdio_bus stmmac-0:01: bus: 'mdio_bus': __driver_probe_device: matched device with driver ${drv}`,
    `[    1.100300][    T1] mdio_bus stmmac-0:01: bus: 'mdio_bus': really_probe: probing driver ${drv} with device`,
    `[    1.100400][    T1] ${drv} stmmac-0:01: probe with driver ${drv} failed with error -5`,
  ] : [
    `[    1.100200][    T1] bus: 'mdio_bus': __driver_probe_device: matched device stmmac-0:01 with driver ${drv}`,
    `[    1.100300][    T1] bus: 'mdio_bus': really_probe: probing driver ${drv} with device stmmac-0:01`,
    `[    1.100400][    T1] ${drv}: probe of stmmac-0:01 failed with error -5`,
  ]),
];

describe("a driver's name of several words, or words parted by a run of spaces, in a failed probe's line", () => {
  it('is read in both forms: the scenario says the probe fails, and validate checks every line', () => {
    for (const [v612, drv] of [[false, 'RTL8211F Gigabit Ethernet'], [false, 'Generic\tPHY'], [true, 'Generic  PHY'], [true, 'RTL8211F Gigabit Ethernet']] as const) {
      {
        const log = logFile('failed.log', failed(drv, v612)), ts = join(dir, 'failed.ts');
        const r = probecheck(['from-log', log, '-o', ts]);
        expect(r.status).toBe(0);
        const text = readFileSync(ts, 'utf8');
        expect(text).not.toMatch(/not read|no outcome of its probe/);
        expect(text).toMatch(new RegExp(`"${drv.replace(/\s+/g, '_')}": \\{[^}]*"probe": "error"`));
        const v = probecheck(['validate', ts, '--log', log]);
        expect(v.stdout).toMatch(/6 driver-core lines read: 6 checked;/);
        expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
      }
    }
  });

  it("names a deferral's driver from a later prefix whose words two spaces or a tab part", () => {
    for (const drv of ['Generic  PHY', 'Generic\tPHY']) {
      const r = probecheck(['from-log', logFile('later.log', [
        "[    1.000000][    T1] device: 'stmmac-0:01': device_add",
        "[    1.000100][    T1] bus: 'mdio_bus': add device stmmac-0:01",
        '[    1.000200][    T1] probe of stmmac-0:01 returned -517 after 5 usecs',
        '[    2.000000][   T50] probe of stmmac-0:01 returned 0 after 9 usecs',
        `[    2.000100][   T50] ${drv} stmmac-0:01: attached PHY driver (mii_bus:phy_addr=stmmac-0:01, irq=POLL)`,
      ])]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("taken as Generic_PHY's");
      expect(r.stdout).not.toContain('stmmac-0:01-driver');
    }
  });

  // s41 h5 read 2 to 4 words before a device as a spaced driver's name: prose naming a device did too.
  it('takes no prose that names the device for its driver (words of plain lowercase, no line naming them)', () => {
    const r = probecheck(['from-log', logFile('prose.log', [
      "[    1.000000][    T1] device: 'foo.0': device_add",
      "[    1.000100][    T1] bus: 'platform': add device foo.0",
      '[    1.000150][    T1] Unable to get foo.0: clocks not ready',
      '[    1.000200][    T1] probe of foo.0 returned -22 after 5 usecs',
    ]), '--profile', 'v5.15']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Unable_to_get');
    expect(r.stdout).toContain('called foo.0-driver here; rename it to the real driver');
  });
});
