/**
 * A refusal met when the search starts (s38: E601 for a 9th driver follows the properties a run
 * checks, Model.selected) names the model file first, as one met while the scenario is built does:
 * `check a.ts b.ts` must say which file (a CI hunt, 2026-12-06, for build-time E601s).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
const eight = ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'j'];
writeFileSync(join(dir, 'nine.ts'), `import { scenario } from 'probecheck';
export default scenario({
  name: 'nine-defer', profile: 'mainline',
  devices: { dc: { present: true }, pwm: {} },
  drivers: { ${eight.map((n) => `${n}: { matches: ['dc'] }`).join(', ')}, 'pwm-drv': { matches: ['pwm'], present: true }, 'dc-drv': { matches: ['dc'], needs: ['pwm'] } },
  actors: { insmod: 'register dc-drv', 'hotplug pwm': 'add pwm' },
});
`);

describe('a refusal at search start', () => {
  it('names the model file, and a run that does not check the property is not refused', () => {
    oneErrorLine(dir, ['check', 'nine.ts'], /^probecheck: E601 \(malformed scenario\): nine\.ts: scenario 'nine-defer': device 'dc' is matched by 9 drivers.*no-lost-deferral is checked/);
    const r = probecheck(['check', 'nine.ts', '--property', 'single-binding', '-q'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/single-binding\s+holds/);
  });

  // s38 h10: diff met it in its base search and named no file.
  it('names the model file in diff too', () => {
    oneErrorLine(dir, ['diff', 'nine.ts', 'nine.ts', '--patched-param', 'profile=v6.6'], /^probecheck: E601 \(malformed scenario\): nine\.ts: scenario 'nine-defer': .*no-lost-deferral is checked/);
  });
});
