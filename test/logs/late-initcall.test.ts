// The late initcall in logs: from-log adds `deferred_probe_initcall` when the log shows it ran (its
// initcall_debug line, or the timeout work's "deferred probe pending", which only it schedules), and
// leaves a note instead at a profile that does not settle its shape; the model prints "deferred
// probe pending" from the timeout work's step.
import { describe, expect, it } from 'vitest';
import { fromLog } from '../../src/logs/from-log.js';
import { parseLog } from '../../src/logs/parse.js';
import { renderEvent } from '../../src/logs/model-events.js';
import { validate } from '../../src/logs/validate.js';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { PROFILES } from '../../src/kernel/profiles.js';

const read = (lines: string[], profile?: string) => fromLog(parseLog(lines.join('\n')), 't', profile);
const probe = ["[    1.0][    T1] bus: 'platform': add driver dc-drv", "[    1.1][    T1] bus: 'platform': really_probe: probing driver dc-drv with device dc", '[    1.2][    T1] platform dc: Driver dc-drv requests probe deferral'];

describe('the late initcall in logs', () => {
  it("initcall_debug's line for deferred_probe_initcall ends its task's actor with the action", () => {
    const r = read([...probe, '[    2.0][    T1] calling  deferred_probe_initcall+0x0/0x90 @ 1', '[    2.1][    T1] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 9 usecs']);
    expect(r.spec.actors).toEqual({ 'task T1': ['register dc-drv', 'deferred_probe_initcall'] });
    expect(r.notes.join('\n')).toMatch(/the late initcall ran \(line 4: its initcall_debug line\): 'deferred_probe_initcall' ends actor 'task T1'/);
  });

  it('without a sign of it the scenario has no late initcall (deferred probing enabled from the start)', () => {
    expect(read(probe).spec.actors).toEqual({ 'task T1': 'register dc-drv' });
  });

  it("the timeout work's pending line shows it too; a profile that does not settle the shape gets a note, not the action", () => {
    const pending = [...probe.map((l) => l.replace('[    T1] ', '')), 'platform dc: deferred probe pending: (reason unknown)'];
    expect(read(pending).spec.actors).toEqual({ boot: ['register dc-drv', 'deferred_probe_initcall'] });
    expect(read(pending, 'v5.0').spec.actors).toEqual({ boot: ['register dc-drv', 'deferred_probe_initcall'] });
    // No profile leaves the shape unsettled since 2026-12-04 (v5.0 did): one that did gets the note.
    const v50 = PROFILES['v5.0']!;
    v50.unsettled = { LATE_INITCALL_SECOND_PASS: 'not read' };
    try {
      const old = read(pending, 'v5.0');
      expect(old.spec.actors).toEqual({ boot: 'register dc-drv' });
      expect(old.notes.join('\n')).toMatch(/the late initcall ran \(line 4: .*\), but profile v5\.0 does not settle its shape: add 'deferred_probe_initcall' to the boot actor by hand/);
    } finally { delete v50.unsettled; }
  });

  it('the model prints the pending line as the kernel does', () => {
    expect(renderEvent({ kind: 'pending', dev: 'dc' }, 'platform')).toBe('platform dc: deferred probe pending');
  });

  // dc defers, then the late initcall retries it and it binds (dyndbg and initcall_debug, no caller ids).
  const boot = ["bus: 'platform': add driver dc-drv", "bus: 'platform': really_probe: probing driver dc-drv with device dc", 'platform dc: Driver dc-drv requests probe deferral',
    'platform dc: Added to deferred list', 'calling  deferred_probe_initcall+0x0/0x90 @ 1', 'platform dc: Retrying from deferred list',
    "bus: 'platform': really_probe: probing driver dc-drv with device dc", "driver: 'dc-drv': driver_bound: bound to device 'dc'",
    "bus: 'platform': really_probe: bound device dc to driver dc-drv", 'initcall deferred_probe_initcall+0x0/0x90 returned 0 after 9 usecs'];

  it("from-log reads the late initcall's initcall_debug lines; validate holds the retry to come after its 'calling' line", () => {
    const r = read(boot);
    expect(r.spec.actors).toEqual({ boot: ['register dc-drv', 'deferred_probe_initcall'] });
    const { model } = buildScenario(r.spec as ScenarioSpec, 'mainline', '');
    const ok = validate(model, parseLog(boot.join('\n')));
    expect(ok.verdict).toBe('behaviour');
    expect(ok.checked.map((e) => e.rule.id)).toContain('late_initcall_start');
    expect(ok.checked.map((e) => e.rule.id)).toContain('late_initcall_done');
    // The retry before the late initcall: deferred probing is still disabled, no run prints it.
    const early = [...boot.slice(0, 4), boot[5]!, boot[4]!, ...boot.slice(6)];
    const bad = validate(model, parseLog(early.join('\n')));
    expect(bad.verdict).toBe('not-a-behaviour');
    expect(bad.matched).toBe(4);
    // A scenario without the action does not check those lines.
    const { model: plain } = buildScenario({ ...(r.spec as ScenarioSpec), actors: { boot: 'register dc-drv' } }, 'mainline', '');
    expect(validate(plain, parseLog(boot.join('\n'))).unchecked.map((u) => u.why)).toContain("the scenario has no 'deferred_probe_initcall' action");
  });
});
