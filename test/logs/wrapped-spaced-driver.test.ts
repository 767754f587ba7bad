// s40 h11: a mail client wraps at a space, and a driver's name with one ("Generic PHY", read as
// Generic_PHY: parse.ts oneWord) is cut there. ec59b34's join guard refused every joined name with
// a space (h10: "sdhci-esd" + "hc-imx" is a cut inside a name, not the driver's own space), so
// "probing driver Generic" + "PHY with device ..." went unread; and a line whose name ends it
// ("bound device X to driver Generic" + "PHY") read alone, as a second driver "Generic", and
// validate said the log is NOT a behaviour. A joined name with a space is taken where another line
// of the log spells it so; so is a device name cut at the line end (no space: a copy to a width).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-wrapped-spaced-');
const LOG = [
  '[    0.000000] Linux version 5.10.0 (x@y) #1 SMP',
  "[    1.000000] bus: 'mdio_bus': add driver Generic PHY",
  "[    1.000100] bus: 'mdio_bus': driver_probe_device: matched device stmmac-0:01 with driver Generic PHY",
  "[    1.000200] bus: 'mdio_bus': really_probe: probing driver Generic PHY with device stmmac-0:01",
  "[    1.000300] driver: 'Generic PHY': driver_bound: bound to device 'stmmac-0:01'",
  "[    1.000400] bus: 'mdio_bus': really_probe: bound device stmmac-0:01 to driver Generic PHY",
];
/** The log with line n (0-based) cut at the space before "PHY". */
const cutAt = (n: number) => LOG.flatMap((l, i) => (i === n ? [l.slice(0, l.lastIndexOf(' PHY')), l.slice(l.lastIndexOf(' PHY') + 1)] : [l]));
const roundTrip = (name: string, lines: string[]) => {
  const log = join(dir, `${name}.log`), ts = join(dir, `${name}.ts`);
  writeFileSync(log, lines.join('\n') + '\n');
  expect(probecheck(['from-log', log, '-o', ts]).stderr, name).toMatch(/^wrote /);
  return { ts: readFileSync(ts, 'utf8'), v: probecheck(['validate', ts, '--log', log]).stdout };
};

describe('a line wrapped at the space of a driver name', () => {
  it('inside the line: read joined, as Generic_PHY', () => {
    const { ts, v } = roundTrip('inside', cutAt(3));
    expect(ts).toContain('wrapped over the next line');
    expect(v).toMatch(/5 driver-core lines read: 5 checked;[^\n]*\n[^\n]*\n {2}the log IS a behaviour/);
  });
  for (const n of [1, 2, 5]) {
    it(`at the line's end (line ${n + 1}): no driver "Generic"`, () => {
      const { ts, v } = roundTrip(`end${n}`, cutAt(n));
      expect(ts).not.toMatch(/"Generic"/);
      expect(v).toMatch(/5 driver-core lines read: 5 checked;/);
      expect(v).toMatch(/the log IS a behaviour/);
    });
  }
  it('no other line spelling the name: still not read joined (a cut inside a name)', () => {
    const log = join(dir, 'alone.log');
    writeFileSync(log, [LOG[0]!, "[    1.000000] bus: 'platform': add driver foo", "[    1.000200] bus: 'mdio_bus': really_probe: probing driver Generic", 'PHY with device stmmac-0:01'].join('\n') + '\n');
    // The one probing line unread: E701, which says so.
    expect(probecheck(['from-log', log, '-o', join(dir, 'alone.ts')]).stderr).toContain('1 line stops short of a whole driver-core line (line 3');
  });
  it("a device's name cut at the line's end by a copy to a width: read joined, not as a device '2190000.us'", () => {
    const { ts, v } = roundTrip('devcut', [
      "[    1.000000] bus: 'platform': add driver sdhci-esdhc-imx",
      "[    1.000100] bus: 'platform': __driver_probe_device: matched device 2190000.usdhc with driver sdhci-esdhc-imx",
      "[    1.000200] bus: 'platform': really_probe: probing driver sdhci-esdhc-imx with device 2190000.us",
      'dhc',
      "[    1.000300] driver: 'sdhci-esdhc-imx': driver_bound: bound to device '2190000.usdhc'",
      "[    1.000400] bus: 'platform': really_probe: bound device 2190000.usdhc to driver sdhci-esdhc-imx",
    ]);
    expect(ts).not.toContain('"2190000.us"');
    expect(v).toMatch(/5 driver-core lines read: 5 checked; 0 other/);
    expect(v).toMatch(/the log IS a behaviour/);
  });
});
