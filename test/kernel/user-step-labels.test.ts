/**
 * What a report says where a user's hunk replaces a step that a library property judges by its
 * label, and what the model cannot tell about that step (a review of s37 h6's fix, 2026-12-06).
 * override-uaf judges a reader standing at platform_match's strcmp by the string its load kept
 * (KL.ovr); the library's strcmp, and a user's that reads pdev->driver_override again under a
 * lock, behave the same in the model, so such a patch read `still violated` with nothing said.
 * And the note for a dropped wait spoke of a lock where the wait was async_synchronize_full's.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, RETURN, type ScenarioSpec } from 'probecheck';
import { registerPatchFile, definePatch } from '../../src/kernel/define-patch.js';

const notes = (spec: ScenarioSpec, profile: string, file: string) => buildScenario(spec, profile, file).model.notes ?? [];

describe("override-uaf and a user's step at strcmp", () => {
  // An unrelated driver's registration walk loads d's string unlocked (readers.test.ts).
  const walk: ScenarioSpec = { name: 'b13-walk', devices: { d: { present: true, boundTo: 'a' }, x: { present: true } },
    drivers: { a: { matches: ['d'], present: true }, b: { matches: ['x'] } }, actors: { insmod: 'register b', admin: ['override d a', 'override d a'] }, properties: ['override-uaf'] };
  registerPatchFile('/virtual/strcmp-reread.ts', [definePatch({ id: 'strcmp-reread', subject: 'strcmp the string read again', base: 'v6.12',
    hunks: [{ fn: '__driver_attach', replace: 'strcmp', step: (_site, o) => ({ ...o!, c: [] }) }] })]);
  // The note's way out: the load keeps no pointer.
  registerPatchFile('/virtual/load-keeps-none.ts', [definePatch({ id: 'load-keeps-none', subject: 'the load keeps no pointer', base: 'v6.12',
    hunks: [{ fn: '__driver_attach', replace: 'driver_match_device', step: (_site, o) => ({ ...o!, run: (s, t, b, c) => { const r = o!.run(s, t, b, c); t.ovr = 0; return r; } }) }] })]);
  const NOTE = 'patch strcmp-reread replaces __driver_attach:strcmp: override-uaf judges a reader standing there by the driver_override string its load (driver_match_device) kept, as the library\'s strcmp compares it; if your step reads pdev->driver_override again (under a lock the store takes too), that verdict is about a pointer your step no longer uses: clear it in the load (`t.ovr = 0` after orig.run, in a hunk replacing driver_match_device), or do the test and the strcmp in one step there, as cb3d1049f4ea does';
  it('a replaced strcmp is noted with what override-uaf reads there, and what to write instead', () => {
    expect(notes(walk, 'v6.12', '/virtual/strcmp-reread.ts')).toContain(NOTE);
    expect(notes(walk, 'v6.12', '/virtual/load-keeps-none.ts').some((n) => n.includes(':strcmp'))).toBe(false);
  });
  it('a load that keeps no pointer leaves no strcmp of a freed string', () => {
    const v = (file: string) => check(buildScenario(walk, 'v6.12', file).model, { exhaustive: true }).properties[0]!.verdict;
    expect(v('')).toBe('violated');
    expect(v('/virtual/load-keeps-none.ts')).not.toBe('violated');
  });
});

describe('a hunk that drops a wait: the note says whether it was a lock', () => {
  it("async_synchronize_full's wait is no lock; dev_uevent's device_lock is", () => {
    registerPatchFile('/virtual/release-drop-sync.ts', [definePatch({ id: 'drop-sync', subject: 'no async_synchronize_full in __device_release_driver', base: 'v4.2',
      hunks: [{ fn: '__device_release_driver', replace: 'async_synchronize_full', step: (_site, o) => ({ ...o!, c: [], await: undefined, waits: undefined }) }] })]);
    const flush: ScenarioSpec = { name: 'flush', devices: { dc: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', module: 'm' } },
      actors: { load: 'modprobe m', admin: 'unbind dc-drv dc' }, syncFallback: false, properties: ['no-wait-under-lock'] };
    expect(notes(flush, 'v4.2', '/virtual/release-drop-sync.ts')).toContain('patch drop-sync drops the wait of __device_release_driver:async_synchronize_full, which is no lock: the thread goes on there at once, and the properties that judge a thread by the step it stands at (no-wait-under-lock at async_synchronize_full, say) take that step as no wait');
    registerPatchFile('/virtual/uevent-drop-lock.ts', [definePatch({ id: 'drop-lock', subject: 'uevent_show without device_lock', base: 'v6.12',
      hunks: [{ fn: 'dev_uevent', replace: 'device_lock', step: (_site, o) => ({ ...o!, c: [], await: undefined, waits: undefined, run: () => 'if_driver' }) },
        { fn: 'dev_uevent', replace: 'device_unlock', step: (_site, o) => ({ ...o!, c: [], run: () => RETURN }) }] })]);
    const read: ScenarioSpec = { name: 'uevent-during-probe', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
      actors: { hotplug: 'add dc', udev: 'uevent dc' }, properties: ['reader-no-wait-on-probe'] };
    expect(notes(read, 'v6.12', '/virtual/uevent-drop-lock.ts')).toContain('patch drop-lock drops the wait of dev_uevent:device_lock: the step stays one atomic step, so a race that dropping a lock opens inside it is not found (only one against steps that hold that lock across steps)');
  });
});
