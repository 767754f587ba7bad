/**
 * async-handover on one async driver registered and then unregistered (a review, 2026-12-06,
 * suspected a false alarm). The violation is the sync fallback's deadlock, real from ef0ff68351be
 * (v5.1) to 70fe758352ca (v6.0): __driver_attach holds device_lock(dev) across
 * async_schedule_dev (dd.c@torvalds@376991db4b64:988-992), whose fallback runs
 * __driver_attach_async_helper inline, and the helper's __device_driver_lock takes the same lock
 * (934). The unregister is never reached. The helper is not dropped: it is stuck, and says so.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const spec = (syncFallback: boolean): ScenarioSpec => ({
  name: 'one-async', devices: { dc: { present: true } }, drivers: { drv: { matches: ['dc'], probeType: 'async' } },
  actors: { insmod: ['register drv', 'unregister drv'] }, syncFallback, properties: ['async-handover', 'no-deadlock'],
});
const run = (s: ScenarioSpec, p: string) => check(buildScenario(s, p, '').model, { exhaustive: true }).properties;

describe('async-handover with one async driver', () => {
  it("reads the sync fallback's self-deadlock as a helper that never tries the driver, not as a dropped request", () => {
    for (const p of ['v5.1', 'v5.15']) {
      const [handover, deadlock] = run(spec(true), p);
      expect([handover!.verdict, deadlock!.verdict], p).toEqual(['violated', 'violated']);
      expect(handover!.explanation, p).toBe("drv's async attach matched dc; its __driver_attach_async_helper(dc) in insmod stops at __driver_attach_async_helper(dc):device_lock and never tries drv, so dc stays unbound");
      // The unregister never starts: the trace ends inside the register.
      expect(handover!.trace!.steps.some((x) => x.label.startsWith('bus_remove_driver')), p).toBe(false);
    }
  });
  it('holds without the fallback, and from 70fe758352ca (async_schedule_dev after device_unlock) with it', () => {
    expect(run(spec(false), 'v5.1').map((x) => x.verdict)).toEqual(['holds', 'holds']);
    expect(run(spec(true), 'mainline').map((x) => x.verdict)).toEqual(['holds', 'holds']);
  });
});
