// from-log on a supplier line whose first word is no bus probecheck knows and no line of the log
// shows: the device's bus where the log says enough (the core's own "probe deferral - " words, which
// no driver prints, come before really_probe sets dev->driver, so dev_driver_string gives the bus),
// said where it does not. Real excerpt: an AXP223 on Allwinner's RSB bus, `axp20x-rsb
// sunxi-rsb-3a3: AXP20x variant AXP223 found` and `sun8i-a23-r-pinctrl 1f02c00.pinctrl: initialized
// sunXi PIO driver` (gdyuldin/x6200_gui#1); the bus is "sunxi-rsb" (drivers/bus/sunxi-rsb.c's
// sunxi_rsb_bus, `.name = RSB_CTRL_NAME`). The supplier and initcall_debug lines are constructed
// in the kernel's formats (core.c's dev_dbg form; really_probe's "probe of %s returned %d").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-unknown-first-word-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
const boot = (said: string) => [
  said,
  'probe of sunxi-rsb-3a3 returned -517 after 8 usecs',
  'sun8i-a23-r-pinctrl 1f02c00.pinctrl: initialized sunXi PIO driver',
  'probe of 1f02c00.pinctrl returned 0 after 1130 usecs',
  'axp20x-rsb sunxi-rsb-3a3: AXP20x variant AXP223 found',
  'probe of sunxi-rsb-3a3 returned 0 after 900 usecs',
];

describe('a supplier line whose first word is no bus known or shown', () => {
  it('the core\'s "probe deferral - " words: the first word is the device\'s bus, the link written', () => {
    const w = probecheck(['from-log', logFile('core.log', boot('sunxi-rsb sunxi-rsb-3a3: probe deferral - supplier 1f02c00.pinctrl not ready')), '--profile', 'v5.15']);
    expect(w.stderr).toBe('');
    // Before: no link, and a driver "sunxi-rsb" made up from the line's first word.
    expect(w.stdout).toMatch(/"sunxi-rsb-3a3": \{\n\s+"present": true,\n\s+"bus": "sunxi-rsb",\n\s+"suppliers": \[\n\s+"1f02c00\.pinctrl"\n\s+\]/);
    expect(w.stdout).toContain("its first word sunxi-rsb, no bus probecheck knows, taken as sunxi-rsb-3a3's bus");
    expect(w.stdout).not.toMatch(/"sunxi-rsb": \{\n\s+"matches"/);
  });

  it("dev_err_probe's words, which a driver's probe may print too, with no line naming the device's bus or driver: not read, said", () => {
    const w = probecheck(['from-log', logFile('either.log', boot('sunxi-rsb sunxi-rsb-3a3: error -EPROBE_DEFER: supplier 1f02c00.pinctrl not ready')), '--profile', 'v5.15']);
    expect(w.stdout).not.toContain('"suppliers"');
    // Before: said to be "no bus this log or probecheck knows: the driver's name", as if the log said so.
    expect(w.stdout).toContain("no line names sunxi-rsb-3a3's bus or driver, so whether it is its bus (device_links_check_suppliers' words, a link) or its driver the log does not say");
  });
});
