/**
 * A new user's hunt at mainline (2026-12-06, s40 h3): a `uevent` read beside an unbind ended with
 * "2 steps never fired ... dev_uevent (add_uevent_var(env, "DRIVER=%s", dev->driver->name))", a
 * line mainline's dev_uevent no longer has (core.c@torvalds@4793dae01f47:dev_uevent+32 calls
 * dev_driver_uevent, 18daa52418e7). The print step 18daa52418e7 leaves unreachable now says why
 * it cannot fire, by the call it stands for.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check } from 'probecheck';

const spec = {
  name: 'uevent', devices: { dc: { present: true, boundTo: 'dd' } }, drivers: { dd: { matches: ['dc'], present: true } },
  actors: { u: ['uevent dc'], s: ['unbind dd dc'] }, properties: ['lockless-reader'],
};

describe("dev_uevent's print step after 18daa52418e7", () => {
  it('at mainline it is not listed as never fired, and names no dev->driver->name', () => {
    const r = check(buildScenario(spec, 'mainline', '').model, {});
    expect(r.neverFired.some((x) => x.includes('dev_uevent'))).toBe(false);
    expect(Object.keys(r.cannotFire ?? {}).some((w) => w.includes('18daa52418e7'))).toBe(true);
    const st = buildScenario(spec, 'mainline', '').model.threads.flatMap((t) => Object.values(t.steps)).filter((s) => s.where.includes('dev_uevent'));
    expect(st.length).toBeGreaterThan(0);
    for (const s of st) expect(s.where).not.toContain('dev->driver->name');
  });

  it('before the fix (v6.12) both reads fire', () => {
    const r = check(buildScenario(spec, 'v6.12', '').model, {});
    expect(r.neverFired.some((x) => x.includes('dev_uevent'))).toBe(false);
    expect(Object.keys(r.cannotFire ?? {}).some((w) => w.includes('18daa52418e7'))).toBe(false);
  });
});
