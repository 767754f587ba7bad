/**
 * Patched suite cases whose steps come from a later release's text (s38 h13): an older profile
 * plus a fix builds the fix's steps, whose lines the profile's own text lacks, so each library
 * patch names its own text (`sources`) and the steps it touches must resolve there. These are the
 * bundled suites' cases themselves (the models' specs, built with the case's profile and patch).
 */
import { describe, expect, it, vi } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt, resolveStep } from '../../src/kernel/source.js';
import deviceLinks from '../../models/device-links.js';
import moduleAsync from '../../models/module-async.js';
import usbParentLock from '../../models/usb-parent-lock.js';
import deferredProbe from '../../models/deferred-probe.js';
import locklessReaders from '../../models/lockless-readers.js';

// The models' default exports as their specs (scenario() checks and wraps them; here only the spec is wanted).
vi.mock('probecheck', async (orig) => ({ ...(await orig<typeof import('probecheck')>()), scenario: (spec: ScenarioSpec) => spec }));

const spec = (m: unknown) => m as unknown as ScenarioSpec & { vary?: (p: Record<string, string>, s: ScenarioSpec) => ScenarioSpec };
function anchors(model: unknown, params: Record<string, string>, profile: string, patches: string) {
  const s = spec(model);
  const b = buildScenario(s.vary ? s.vary(params, s) : s, profile, patches);
  return b.kernel.anchors;
}
/** Anchors that fail for a reason other than a file (or function) the profile reads no text of. */
const broken = (as: ReturnType<typeof anchors>) => as.filter((a) => a.error && !a.error.startsWith('this profile reads no snapshot')).map((a) => `${a.label}: ${a.error}`);

describe('patched suite cases resolve in the patch\'s own text', () => {
  const cases: [string, unknown, Record<string, string>, string, string][] = [
    ['device-links#6', deviceLinks, { variant: 'kref' }, 'v4.14', 'ead18c23c263'],
    ['device-links#12', deviceLinks, { variant: 'parent' }, 'v4.18', 'device-driver-lock'],
    ['module-async#3', moduleAsync, { variant: 'rmmod' }, 'v5.1', '70fe758352ca'],
    ['usb-parent-lock#27', usbParentLock, { path: 'detach-async' }, 'v5.1', '70fe758352ca'],
    ['deferred-probe#12', deferredProbe, { variant: 'timeout-walk' }, 'v5.10', 'eed6e41813de'],
    ['lockless-readers#2', locklessReaders, { variant: 'uevent' }, 'v5.19', '18daa52418e7'],
    ['lockless-readers#4', locklessReaders, { variant: 'probe' }, 'v5.19', 'c0a40097f0bc'],
  ];
  for (const [name, model, params, profile, patch] of cases) {
    it(`${name}: ${profile} + ${patch}`, () => {
      const as = anchors(model, params, profile, patch);
      expect(as.length).toBeGreaterThan(3);
      expect(broken(as)).toEqual([]);
    });
  }

  it('c0a40097f0bc\'s lock and unlock are uevent_show\'s lines (its hunk), found in 9a71892cbcdb where the profile lacks them', () => {
    for (const profile of ['v5.19', 'v6.12']) {
      const as = anchors(locklessReaders, { variant: 'probe' }, profile, profile === 'v5.19' ? 'c0a40097f0bc' : '');
      const lock = as.filter((a) => /^dev_uevent\(\w+\):device_(un)?lock$/.test(a.label));
      expect(lock.map((a) => a.label.replace(/^.*:/, '')).sort()).toEqual(['device_lock', 'device_unlock']);
      for (const a of lock) {
        expect(a.error).toBeUndefined();
        expect(a.anchored.map((x) => `${x.fn}@${x.release}`)).toEqual(['uevent_show@torvalds@9a71892cbcdb']);
      }
    }
  });
});

// v6.6's own workqueue.c (s38 h6 left open which worker_thread it has): the one 6.6.y text found, the
// Kylin tree of v6.6.y's core.c, has the assign_work shape (as gregkh@53c2f13c1ee5), with later 6.6.y
// backports next to it, so no profile reads it (v6.6 keeps 5.10.13's). The deferred worker's step
// names both calls (deferred-probe.ts), so it would resolve there too.
describe('kernel/workqueue.c of v6.6.y', () => {
  const WQ = 'kernel/workqueue.c', where = `${WQ}:worker_thread -> drivers/base/dd.c:deferred_probe_work_func`;
  it('worker_thread hands the item to assign_work and process_scheduled_works, not process_one_work', () => {
    expect(resolveStep({ [WQ]: 'v6.6.y' }, where, ['process_one_work(worker, work);'])).toHaveProperty('error');
    const r = resolveStep({ [WQ]: 'v6.6.y' }, where, ['if (assign_work(work, worker, NULL))', 'process_one_work(worker, work); || process_scheduled_works(worker);']);
    expect(r).not.toHaveProperty('error');
    expect(r).toMatchObject({ anchored: [{ fn: 'worker_thread', release: 'v6.6.y' }] });
    expect(excerpt('v6.6.y', WQ, 'work_on_cpu')).toBeNull();
    expect(resolveStep({ [WQ]: 'v6.6.y' }, `${WQ}:work_on_cpu`, ['schedule_work_on(cpu, &wfc.work);', 'flush_work(&wfc.work);'], { work_on_cpu: 'work_on_cpu_key' })).not.toHaveProperty('error');
  });
});
