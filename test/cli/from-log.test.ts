/** `probecheck from-log`: what it says about the scenario it wrote. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, probecheck, tempDir } from './run.js';

describe('probecheck from-log', () => {
  it('counts one device and one driver in the singular (was "1 devices, 1 drivers")', () => {
    const out = join(tempDir(), 'ti.ts');
    const r = probecheck(['from-log', join(ROOT, 'models/logs/ti-sysc-deferred.log'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`wrote ${out}: 1 device, 1 driver, profile mainline; run: probecheck check ${out}\n`);
    expect(readFileSync(out, 'utf8')).toContain('"describe": "from a kernel log: 1 device, 1 driver"');
  });

  it('and two in the plural', () => {
    const r = probecheck(['from-log', join(ROOT, 'models/logs/tegra-host1x-synthetic.log')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"describe": "from a kernel log: 2 devices, 2 drivers"');
  });
});
