// from-log on two probes whose lines interleave (one starts inside the other and ends after it):
// two tasks ran them, so the second is not taken as registered by the first, and no `async` is
// read from the interleaving (sync probes of the deferred worker, a modprobe or a hotplug worker
// interleave the same way). Constructed (dd.c's v6.6 lines, no caller ids).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-interleaved-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };

const probe = (dev: string, drv: string) => ({
  start: [`bus: 'platform': __driver_probe_device: matched device ${dev} with driver ${drv}`, `bus: 'platform': really_probe: probing driver ${drv} with device ${dev}`],
  end: [`driver: '${drv}': driver_bound: bound to device '${dev}'`, `bus: 'platform': really_probe: bound device ${dev} to driver ${drv}`],
});

describe('interleaved probes', () => {
  it('a probe that starts inside another and ends after it is not taken as registered by it, and no async is written', () => {
    const a = probe('fe310000.mmc', 'sdhci-arasan'), b = probe('fe330000.mmc', 'dwmmc_rockchip');
    const w = probecheck(['from-log', logFile('interleaved.log', [...a.start, ...b.start, ...a.end, ...b.end]), '--profile', 'v6.6']);
    expect(w.stderr).toBe('');
    // Before: "fe330000.mmc: probed inside the probe of fe310000.mmc (line 3): taken as registered by it", and `registers`.
    expect(w.stdout).not.toContain('"registers"');
    expect(w.stdout).not.toContain('taken as registered by it');
    expect(w.stdout).toContain("fe330000.mmc: its probe starts at line 3, inside sdhci-arasan's probe of fe310000.mmc, and ends at line 7, after that one ended at line 5: interleaved, so two tasks ran them");
    expect(w.stdout).not.toContain('"probeType"');
  });

  it('a probe that ends inside the other is still taken as nested (registered by it)', () => {
    const a = probe('soc', 'simple-pm-bus'), b = probe('soc:child', 'child-drv');
    const w = probecheck(['from-log', logFile('nested.log', [...a.start, ...b.start, ...b.end, ...a.end]), '--profile', 'v6.6']);
    expect(w.stdout).toContain('soc:child: probed inside the probe of soc (line 3): taken as registered by it');
    expect(w.stdout).not.toContain('interleaved');
  });
});
