/**
 * Library properties that judge a thread by the label it stands at. reader-no-wait-on-probe judged a thread at dev_uevent's `device_lock` label as waiting even where
 * a user's hunk replaced that step with one that never waits. A new user (2026-12-06) wrote
 * 15fffc6a5624 ("driver core: Fix uevent_show() vs driver detach race", Dan Williams, v6.11; the
 * revert 9a71892cbcdb, read in its 6.6-stable posting, shows the diff: uevent_show loses its
 * device_lock, dev_uevent reads dev->driver once with READ_ONCE under rcu_read_lock) against v6.12,
 * whose uevent_show has c0a40097f0bc's lock, and `diff` said `still violated`. A user's step is now
 * judged by its guard: none (or one that passes) is no wait.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, RETURN, type ScenarioSpec } from 'probecheck';
import { registerPatchFile, definePatch } from '../../src/kernel/define-patch.js';

const probeRead: ScenarioSpec = {
  name: 'uevent-during-probe', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: 'add dc', udev: 'uevent dc' }, properties: ['reader-no-wait-on-probe'],
};
const verdict = (file: string) => check(buildScenario(probeRead, 'v6.12', file).model, { exhaustive: true }).properties[0]!.verdict;

/** 15fffc6a5624 as a user writes it: the lock step keeps its label, with `await` as given. */
const lockless = (file: string, await_: 'none' | 'true' | 'orig') => registerPatchFile(file, [definePatch({
  id: `lockless-${await_}`, subject: 'driver core: Fix uevent_show() vs driver detach race', base: 'v6.12',
  hunks: [
    { fn: 'dev_uevent', replace: 'device_lock', step: (_site, o) => ({ ...o!, c: [],
      await: await_ === 'none' ? undefined : await_ === 'true' ? () => true : o!.await, waits: await_ === 'orig' ? o!.waits : undefined,
      run: await_ === 'orig' ? o!.run : () => 'if_driver' }) },
    { fn: 'dev_uevent', replace: 'if_driver', step: (_site, o) => ({ ...o!, c: [], run: () => 'device_unlock' }) },
    { fn: 'dev_uevent', replace: 'device_unlock', step: (_site, o) => ({ ...o!, c: [], run: await_ === 'orig' ? o!.run : () => RETURN }) },
  ] })]);

lockless('/virtual/uevent-lockless-none.ts', 'none');
lockless('/virtual/uevent-lockless-true.ts', 'true');
lockless('/virtual/uevent-lockless-orig.ts', 'orig');

describe("reader-no-wait-on-probe and a user's step at dev_uevent's device_lock", () => {
  it('v6.12 (c0a40097f0bc): the reader waits for the lock probe() holds', () => {
    expect(verdict('')).toBe('violated');
  });
  it('a replacement with no await, or one that always passes, is no wait: holds', () => {
    expect(verdict('/virtual/uevent-lockless-none.ts')).toBe('holds');
    expect(verdict('/virtual/uevent-lockless-true.ts')).toBe('holds');
  });
  it("a replacement that keeps the lock's await still waits: violated", () => {
    expect(verdict('/virtual/uevent-lockless-orig.ts')).toBe('violated');
  });

  // The same patch with the READ_ONCE in a local and the print a step of its own: lockless-reader
  // still judges the reader at add_uevent_var by dev->driver (the library's second read), which the
  // model cannot tell from a step that no longer reads it: a note says so, and what to write instead.
  it('a user step at add_uevent_var is noted: lockless-reader judges the read the library step makes', () => {
    registerPatchFile('/virtual/uevent-local.ts', [definePatch({
      id: 'uevent-local', subject: 'READ_ONCE into a local', base: 'v6.12', state: { local: { dev_uevent: { drv: { type: 'int', max: 7 } } } },
      hunks: [
        { fn: 'dev_uevent', replace: 'if_driver', step: (site, o) => ({ ...o!, run: (s, t) => { const l = t as unknown as { drv: number }; l.drv = s.dev[site.dev]!.driver; return l.drv !== 0 ? 'add_uevent_var' : 'device_unlock'; } }) },
        { fn: 'dev_uevent', replace: 'add_uevent_var', step: (_site, o) => ({ ...o!, run: (_s, t) => { (t as unknown as { drv: number }).drv = 0; return 'device_unlock'; } }) },
      ] })]);
    const unbind: ScenarioSpec = { name: 'uevent-unbind', devices: { dc: { present: true, boundTo: 'dc-drv' } }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
      actors: { unbind: 'unbind dc-drv dc', udev: 'uevent dc' }, properties: ['lockless-reader'] };
    const notes = (file: string) => buildScenario(unbind, 'v6.12', file).model.notes ?? [];
    expect(notes('/virtual/uevent-local.ts')).toContain('patch uevent-local replaces dev_uevent:add_uevent_var: lockless-reader judges a reader standing there by dev->driver as it is then (the library\'s step reads it again); if your step prints a driver read earlier (READ_ONCE into a local), that verdict is about a read your step no longer makes: do the read and the print in one step (replace if_driver, as 18daa52418e7 does)');
    expect(notes('/virtual/uevent-lockless-true.ts').some((n) => n.includes('add_uevent_var'))).toBe(false);
  });
});

// The same for no-wait-under-lock: "Move async_synchronize_full call" (v5.0) written as a user's
// patch on v4.2, taking the sync out of __device_release_driver (the step keeps its label), read as
// "waits at __device_release_driver(dc):async_synchronize_full holding &dev->mutex(dc)".
describe("no-wait-under-lock and a user's step at a library wait's label", () => {
  const flush: ScenarioSpec = {
    name: 'flush', devices: { dc: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', module: 'm' } },
    actors: { load: 'modprobe m', admin: 'unbind dc-drv dc' }, syncFallback: false, properties: ['no-wait-under-lock'],
  };
  const sync = (file: string, keep: boolean) => registerPatchFile(file, [definePatch({
    id: keep ? 'keep-sync' : 'no-sync', subject: 'async_synchronize_full in __device_release_driver', base: 'v4.2',
    hunks: [{ fn: '__device_release_driver', replace: 'async_synchronize_full', step: (_site, o) => ({ ...o!, c: [], ...(keep ? {} : { await: undefined, waits: undefined }) }) }] })]);
  sync('/virtual/release-no-sync.ts', false);
  sync('/virtual/release-keep-sync.ts', true);
  const v = (file: string) => check(buildScenario(flush, 'v4.2', file).model, { exhaustive: true }).properties[0]!.verdict;
  it("v4.2 syncs under the lock; a step that keeps the wait still does; one without it waits nowhere under the lock (modprobe's own sync, unlocked, is still reached)", () => {
    expect(v('')).toBe('violated');
    expect(v('/virtual/release-keep-sync.ts')).toBe('violated');
    expect(v('/virtual/release-no-sync.ts')).toBe('holds');
  });
  // A replacement that keeps the original's await is judged as the library's step: calling the sync
  // under the lock is the fault even where nothing is pending then (an async driver's device bound at
  // boot, unbound: no entry is ever queued).
  it("a step that keeps the original's await is judged as the library's: violated with nothing pending", () => {
    const bound: ScenarioSpec = { name: 'bound-async', devices: { dc: { present: true, boundTo: 'dc-drv' } }, drivers: { 'dc-drv': { matches: ['dc'], present: true, probeType: 'async' } },
      actors: { admin: 'unbind dc-drv dc' }, properties: ['no-wait-under-lock'] };
    const w = (file: string) => check(buildScenario(bound, 'v4.2', file).model, { exhaustive: true }).properties[0]!.verdict;
    expect(w('')).toBe('violated');
    expect(w('/virtual/release-keep-sync.ts')).toBe('violated');
    expect(w('/virtual/release-no-sync.ts')).toBe('vacuous');
  });
});

