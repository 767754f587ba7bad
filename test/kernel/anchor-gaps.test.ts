/**
 * Steps that name kernel text a profile reads must resolve there (s37 h4: the anchoring gaps of
 * session 36 closed further). conformance.test.ts checks the unpatched scenarios; this holds a
 * patched case whose steps come from a later release's text: v5.0 + 15cfb0941603 builds v5.1's
 * device-link steps, which v5.0's core.c (v4.19.y, before the fix) does not have, so they must be
 * found in the patch's own snapshot (e7dd40105aac, v5.1's core.c, as a patch with `sources` is).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';

// A link added to a supplier still probing (models/device-links.ts variant=probing).
const PROBING: ScenarioSpec = {
  name: 'probing', devices: { pmic: {}, mmc: { parent: 'pmic' } },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true, registers: ['mmc'] }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true } },
  actors: { 'add pmic': 'add pmic' },
};

describe('anchors of patched steps', () => {
  it('v5.0 + 15cfb0941603: the v5.1 link steps resolve in the patch\'s core.c', () => {
    const b = buildScenario(PROBING, 'v5.0', '15cfb0941603');
    const broken = b.kernel.anchors.filter((a) => a.error && !a.error.startsWith('this profile reads no snapshot')).map((a) => `${a.label}: ${a.error}`);
    expect(b.kernel.anchors.length).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });
});
