// from-log on initcall_debug's "probe of X returned -517" whose attempt no line names a driver for,
// where a later attempt's dev_printk line names one (the driver's own message once it binds): that
// driver's deferral, not a made-up `X-driver` beside it (before: two drivers of one device, the
// made-up one binding it in the model, the named one never probing).
// Real excerpt: an AXP223 on Allwinner's RSB bus, `axp20x-rsb sunxi-rsb-3a3: AXP20x variant AXP223
// found` and `sun8i-a23-r-pinctrl 1f02c00.pinctrl: initialized sunXi PIO driver`
// (https://github.com/gdyuldin/x6200_gui/issues/1); the supplier and "probe of" lines are
// constructed in the kernel's formats (core.c's dev_dbg form; really_probe_debug's "probe of %s
// returned %d after %lld usecs"), as in test/logs/unknown-first-word.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-later-named-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
const boot = (said: string[], bound: string[]) => [
  ...said,
  'probe of sunxi-rsb-3a3 returned -517 after 8 usecs',
  'sun8i-a23-r-pinctrl 1f02c00.pinctrl: initialized sunXi PIO driver',
  'probe of 1f02c00.pinctrl returned 0 after 1130 usecs',
  ...bound,
  'probe of sunxi-rsb-3a3 returned 0 after 900 usecs',
];

describe('a deferral seen only as "probe of X returned -517", its driver named by a later attempt', () => {
  it("taken as that driver's: one driver, the link written, and validate retries it with that driver", () => {
    const log = logFile('rsb.log', boot(['sunxi-rsb sunxi-rsb-3a3: probe deferral - supplier 1f02c00.pinctrl not ready'], ['axp20x-rsb sunxi-rsb-3a3: AXP20x variant AXP223 found']));
    const w = probecheck(['from-log', log, '--profile', 'v5.15', '-o', join(dir, 'rsb.ts')]);
    expect(w.stderr).toMatch(/^wrote [^\n]*rsb\.ts: 2 devices, 2 drivers/);
    const ts = readFileSync(join(dir, 'rsb.ts'), 'utf8');
    // Before: a driver "sunxi-rsb-3a3-driver" beside axp20x-rsb, both matching sunxi-rsb-3a3.
    expect(ts).not.toContain('sunxi-rsb-3a3-driver');
    expect(ts).toMatch(/"drivers": \{\n\s+"axp20x-rsb": \{\n\s+"matches": \[\n\s+"sunxi-rsb-3a3"\n\s+\],\n\s+"bus": "sunxi-rsb"\n\s+\},\n\s+"sun8i-a23-r-pinctrl"/);
    expect(ts).toMatch(/"sunxi-rsb-3a3": \{\n\s+"present": true,\n\s+"bus": "sunxi-rsb",\n\s+"suppliers": \[\n\s+"1f02c00\.pinctrl"\n\s+\]/);
    expect(ts).toContain('// note: sunxi-rsb-3a3: "probe of sunxi-rsb-3a3 returned" at line 2 with no line naming its driver in that attempt: taken as axp20x-rsb\'s, the one driver the device\'s dev_printk lines name (line 5\'s prefix, a later attempt\'s');
    const v = probecheck(['validate', join(dir, 'rsb.ts'), '--log', log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    // The deferred worker's retry after the supplier's bind probes it with axp20x-rsb (before: the made-up driver bound it).
    expect(v.stdout).toMatch(/line 6 +step \d+ +kworker deferred_probe_work_func: really_probe\(sunxi-rsb-3a3,axp20x-rsb\)/);
  });

  it('two drivers named by its later lines: not chosen, the made-up name kept and said', () => {
    const log = logFile('rsb-two.log', boot(['sunxi-rsb sunxi-rsb-3a3: probe deferral - supplier 1f02c00.pinctrl not ready'], ['other-rsb sunxi-rsb-3a3: a line of another driver', 'axp20x-rsb sunxi-rsb-3a3: AXP20x variant AXP223 found']));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stdout).toContain('"sunxi-rsb-3a3-driver"');
    expect(w.stdout).toContain('no line of the log names its driver (line 2 is "probe of sunxi-rsb-3a3 returned" alone): called sunxi-rsb-3a3-driver here; rename it to the real driver');
  });
});
