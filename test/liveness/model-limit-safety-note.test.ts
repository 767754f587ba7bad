/**
 * The note "the trace ends where a thread waits only because of a model limit ... may be a false
 * alarm" is for a deadlock or a liveness verdict, which rests on a thread not moving. An invariant
 * or action violation does not: the model's extra wait (device_add of a device added again while a
 * thread is inside really_probe of the deleted struct) only takes orders away, so its trace is a run
 * the kernel has, the waiting thread not scheduled yet. A re-add hunt (s40 h5) met the note on
 * deferred-lists (an invariant) in a plain scenario: drivers_probe beside a hotplug cycle, v5.4.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { renderViolation, verdictTable } from '../../src/report/text.js';

const spec: ScenarioSpec = {
  name: 'readd-drivers-probe', devices: { c: {} },
  drivers: { 'c-drv': { matches: ['c'], present: true, probeType: 'async', probe: ['ok', 'defer'] } },
  actors: { hotplug: ['add c', 'del c', 'add c'], probe: 'maybe drivers_probe c' },
};

describe('an invariant violation whose trace ends beside a model-limit wait', () => {
  it('gets no false-alarm note: the wait is listed, the verdict does not rest on it', () => {
    const r = check(buildScenario(spec, 'v5.4', '').model, { properties: ['deferred-lists'] });
    const p = r.properties.find((x) => x.name === 'deferred-lists')!;
    expect(p.verdict).toBe('violated');
    // The trace does end with the adder at that wait (so the note was offered here).
    expect(p.waiting?.some((w) => w.thread === 'hotplug' && w.waits.includes('(a model limit'))).toBe(true);
    const text = renderViolation(r, p, { width: 1000 });
    expect(text).toMatch(/Blocked where the trace ends:/);
    expect(text).not.toMatch(/note: the trace ends where a thread waits only because of a model limit/);
    expect(verdictTable(r).join('\n')).toMatch(/deferred-lists +violated +\d+ steps\s*$/m);
  });
});
