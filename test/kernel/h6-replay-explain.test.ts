/**
 * `replay` of a liveness trace says what is stuck where the run loops or stops, as `check` does
 * (a new user, 2026-12-06: the leads-to property's own `explain` line was printed by check and
 * dropped by replay).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { replayWatching } from '../../src/report/confirm.js';

const gets = defineProperty({
  kind: 'leads-to', name: 'c1-gets-bound',
  from: (v) => v.dev('mfd').bound && v.dev('c1').registered && v.drv('mfd-child').registered && !v.dev('c1').bound,
  to: (v) => v.dev('c1').bound || !v.dev('c1').registered,
  explain: (v) => `c1 stays unbound (driver ${v.dev('c1').driver}, deferred ${v.dev('c1').deferred})`,
});
// v5.10: __driver_attach's async_schedule_dev falls back inline under c1's lock (70fe758352ca's AA).
const mfd: ScenarioSpec = {
  name: 'mfd', devices: { mfd: { present: true }, c1: { parent: 'mfd' } },
  drivers: { 'mfd-drv': { matches: ['mfd'], module: 'mfd', registers: ['c1'] }, 'mfd-child': { matches: ['c1'], module: 'mfd_child', probeType: 'async' } },
  actors: { a1: 'modprobe mfd', a2: 'modprobe mfd_child' }, properties: [gets],
};

describe('replay of a lasso', () => {
  it("prints the property's explanation, as check does", () => {
    const model = buildScenario(mfd, 'v5.10', '').model;
    const p = check(model).properties[0]!;
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toBe('c1 stays unbound (driver null, deferred none)');
    const r = replayWatching(model, 'c1-gets-bound', p.trace!.moves, p.trace!.loopFrom);
    expect(r.violatedAt).toBeDefined();
    expect(r.explanation).toBe(p.explanation);
  });
});
