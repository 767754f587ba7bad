// A review of s40 h8's from-log changes (2026-12-06): a driver's name with spaces read as one word
// (parse.ts oneWord), and a "probe of X returned" no line of its attempt names a driver for taken
// as the driver a later attempt's dev_printk lines name. Three ways they went wrong, each checked
// by from-log and validate on the log itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-h8-review-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
/** from-log to a file, then validate on the same log: the scenario's text and validate's output. */
const roundTrip = (name: string, lines: string[]) => {
  const log = logFile(`${name}.log`, lines), ts = join(dir, `${name}.ts`);
  const w = probecheck(['from-log', log, '-o', ts]);
  expect(w.stderr, name).toMatch(/^wrote /);
  return { ts: readFileSync(ts, 'utf8'), v: probecheck(['validate', ts, '--log', log]).stdout };
};

describe("h8's one-word driver names", () => {
  it("v3.x's driver_bound, which names the driver where the device stands, writes a spaced driver's name as one word too", () => {
    // dd.c at v3.6.0:187 prints dev_name first, the driver's name last (formats.ts); pnp's "i8042 kbd" there.
    // Before: E601, "action 'register i8042 kbd': 'register' takes 1 argument(s)", nothing written.
    const { ts, v } = roundTrip('v36-pnp', [
      '[    0.100000] Linux version 3.6.0 (x@y) #1 SMP',
      "[    0.500000] bus: 'pnp': add driver i8042 kbd",
      "[    0.500010] bus: 'pnp': driver_probe_device: matched device 00:06 with driver i8042 kbd",
      "[    0.500020] bus: 'pnp': really_probe: probing driver i8042 kbd with device 00:06",
      "[    0.500030] driver: '00:06': driver_bound: bound to device 'i8042 kbd'",
      "[    0.500040] bus: 'pnp': really_probe: bound device 00:06 to driver i8042 kbd",
    ]);
    expect(ts).toMatch(/"drivers": \{\n\s+"i8042_kbd": \{/);
    expect(ts).not.toContain('"i8042 kbd"');
    expect(v).toMatch(/5 driver-core lines read: 5 checked;[^\n]*\n {2}the log IS a behaviour/);
  });

  it('a line wrapped inside a driver name is not read joined with a space in the name', () => {
    // The join's guard refuses a name with a space (a wrap may have cut the name), but `drv` had no space left
    // once read as one word: "sdhci-esd hc-imx" was read as a second driver, sdhci-esd_hc-imx, and validate failed.
    const { ts, v } = roundTrip('wrapped', [
      "[    1.000000] bus: 'platform': add driver sdhci-esdhc-imx",
      "[    1.000100] bus: 'platform': __driver_probe_device: matched device 2190000.usdhc with driver sdhci-esdhc-imx",
      "[    1.000200] bus: 'platform': really_probe: probing driver sdhci-esd",
      'hc-imx with device 2190000.usdhc',
      "[    1.000300] driver: 'sdhci-esdhc-imx': driver_bound: bound to device '2190000.usdhc'",
      "[    1.000400] bus: 'platform': really_probe: bound device 2190000.usdhc to driver sdhci-esdhc-imx",
    ]);
    expect(ts).not.toContain('sdhci-esd_hc-imx');
    expect(ts).toContain('1 line stops short of a whole driver-core line (line 3');
    expect(v).toMatch(/the log IS a behaviour/);
  });
});

describe("h8's later-named driver", () => {
  it("is a deferral's only: an error's walk goes on to the next driver, whose lines are not the failed probe's", () => {
    // __device_attach_driver returns 0 for probe()'s error (positive from really_probe, v5.14 on), and the walk
    // tries the next matching driver (dd.c at torvalds@f04948dea236:457-464, 598): at24 binding after "returned 19"
    // is another driver. Before: at24 took the error too ("probe": ["error", "ok"]) and validate stopped at line 5.
    const { ts, v } = roundTrip('enodev', [
      '[    0.000000] Linux version 6.6.12 (x@y) #1 SMP',
      '[    1.000000] probe of 1c2ac00.i2c returned 0 after 100 usecs',
      '[    1.100000] probe of 1-0050 returned 19 after 8 usecs',
      '[    1.200000] at24 1-0050: 32768 byte 24c256 EEPROM, writable, 1 bytes/write',
      '[    1.200100] probe of 1-0050 returned 0 after 900 usecs',
    ]);
    expect(ts).toContain('"1-0050-driver"');
    expect(ts).toContain('no line of the log names its driver (line 3 is "probe of 1-0050 returned" alone): called 1-0050-driver here');
    expect(v).toMatch(/the log IS a behaviour/);
  });
});
