/**
 * LINKS_LOOP_PARENT_TEST (e121a833745b, v5.0 by ancestry; s43 h6): what reads the loop's shape
 * follows the flag. foreignParents (common.ts) names the parents whose mutex a library step may
 * release under another thread's hold, as the pre-fix loop does: v4.18 only, not v5.0 (the inline
 * test) nor v5.1 (the helpers). The loop's relock of a parent its caller never took is built at
 * v4.18 alone.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { foreignParents } from '../../src/kernel/paths/common.js';

const spec: ScenarioSpec = {
  name: 'loop-parent-flag',
  devices: { soc: { present: true, boundTo: 'simple-bus' }, pmic: { parent: 'soc', present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: { 'simple-bus': { matches: ['soc'], present: true }, 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true } },
  actors: { rmmod: ['unregister pmic-drv'] },
};

describe('LINKS_LOOP_PARENT_TEST: the pre-fix loop is v4.18\'s alone', () => {
  it('foreignParents: soc at v4.18, none at v5.0, v5.1 or v4.18 with device-driver-lock', () => {
    const foreign = (p: string, patches = '') => { const k = buildScenario(spec, p, patches).kernel; return foreignParents(k).map((d) => k.w.devices[d]!.name); };
    expect(foreign('v4.18')).toEqual(['soc']);
    for (const [p, patches] of [['v5.0', ''], ['v5.1', ''], ['v4.18', 'device-driver-lock']] as const) expect(foreign(p, patches), `${p} ${patches}`).toEqual([]);
  });

  it('driver_detach\'s release of pmic relocks soc at v4.18 only', () => {
    const relock = (p: string) => Object.keys(buildScenario(spec, p, '').model.threads.find((t) => t.name === 'rmmod')!.steps).filter((l) => l.endsWith(':relock_parent'));
    expect(relock('v4.18')).toHaveLength(1);
    expect(relock('v5.0')).toEqual([]);
    expect(relock('v5.1')).toEqual([]);
  });
});
