/**
 * A `maybe` action that returned early is named in the trace like any other (a new user,
 * 2026-12-06): in an MFD deadlock trace the admin's `maybe unbind` wrote to bind files not there
 * yet, its thread ended, and nothing said so: the step read like one of the deadlock, and the
 * wait-for chain, which lists every blocked thread, did not name it.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { traceList } from '../../src/report/text.js';

const mfd: ScenarioSpec = {
  name: 'mfd-lock', devices: { mfd: { present: true }, c1: { parent: 'mfd' } },
  drivers: {
    'mfd-drv': { matches: ['mfd'], module: 'mfd', registers: ['c1'] },
    'mfd-child': { matches: ['c1'], module: 'mfd_child', probeType: 'async', locks: ['mfd'] }, // probe() locks its parent: ABBA
  },
  actors: { 'modprobe mfd': 'modprobe mfd', 'modprobe child': 'modprobe mfd_child', admin: 'maybe unbind mfd-drv mfd' },
  syncFallback: false, properties: ['no-deadlock'],
};

describe('a maybe action that returned early', () => {
  it('is named under the step that ends its thread', () => {
    const p = check(buildScenario(mfd, 'mainline', '').model).properties[0]!;
    expect(p.verdict).toBe('violated');
    const admin = p.trace!.steps.filter((s) => s.thread === 'admin');
    expect(admin.length).toBeGreaterThan(0); // the shortest deadlock runs the admin's write to its end
    expect(admin.at(-1)!.early).toEqual(['maybe unbind mfd-drv mfd']);
    expect(traceList(p.trace!).join('\n')).toContain("(admin is done: 'maybe unbind mfd-drv mfd' returned early, without doing its work)");
  });
});
