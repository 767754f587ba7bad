// validate's "could print instead" spells a driver whose name holds spaces as the log does, not as the
// scenario's one word. Real excerpt: an OpenWrt (LibWrt) AX6600 boot's logread, QCA8075 PHYs failing
// their probe (LiBwrt/LibWrt#67, https://github.com/LiBwrt/LibWrt/pull/67, 2025-01-03), lines trimmed.
// The scenario is from-log's for that log with its two PHYs listed the other way round (a user's edit),
// so the model probes 90000.mdio-1:19 first and line 1 is no behaviour of it: the hint names the
// driver `Qualcomm QCA8075` (drv->name, as the kernel prints it), where it named `Qualcomm_QCA8075`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';

const dir = tempDir('probecheck-s42-spelling-');

const LOG = [
  'Fri Jan  3 21:42:10 2025 kern.err kernel: [    1.060511] Qualcomm QCA8075 90000.mdio-1:18: probe with driver Qualcomm QCA8075 failed with error -22',
  'Fri Jan  3 21:42:10 2025 kern.info kernel: [    1.062768] pci 0000:00:00.0:   bridge window [io  0x0000-0x0fff]',
  'Fri Jan  3 21:42:10 2025 kern.err kernel: [    1.068343] Qualcomm QCA8075 90000.mdio-1:19: probe with driver Qualcomm QCA8075 failed with error -22',
];

const SCENARIO = `import { scenario } from 'probecheck';
export default scenario({
  name: 'qca',
  profile: 'mainline',
  devices: { '90000.mdio-1:19': { present: true }, '90000.mdio-1:18': { present: true } },
  drivers: { Qualcomm_QCA8075: { matches: ['90000.mdio-1:18', '90000.mdio-1:19'], probe: 'error' } },
  actors: { boot: 'register Qualcomm_QCA8075' },
});
`;

describe("validate's hint of what the model could print, for a driver whose name holds spaces", () => {
  it('spells the driver as the log does', () => {
    const log = join(dir, 'qca.log'), ts = join(dir, 'qca.ts');
    writeFileSync(log, LOG.join('\n') + '\n');
    writeFileSync(ts, SCENARIO);
    const v = probecheck(['validate', ts, '--log', log]);
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(/NOT a behaviour of the model: no run prints line 1 /);
    const hint = v.stdout.split('\n').slice(v.stdout.split('\n').findIndex((l) => /could print instead/.test(l)) + 1)[0];
    // Before: `Qualcomm_QCA8075 90000.mdio-1:19: probe with driver Qualcomm_QCA8075 failed with error ...`
    expect(hint).toBe('    Qualcomm QCA8075 90000.mdio-1:19: probe with driver Qualcomm QCA8075 failed with error ...');
    // The scenario's own words stay the scenario's (the states and the JSON's couldPrint name its driver).
    expect(v.stdout).toContain('Qualcomm_QCA8075 registered');
  });
});
