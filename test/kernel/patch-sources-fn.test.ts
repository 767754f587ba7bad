/**
 * A user's patch that names its own text of a file (`sources`) is resolved there, even where the
 * profile reads one function of that file in another snapshot (a `path:fn` source, s42 h6: v5.4
 * reads core.c at fb583c8eeeb1 but device_del at e2ae9bcc4aaa). The patch's core.c used to lose to
 * the profile's `drivers/base/core.c:device_del` key, so a hunk's line of its own device_del was
 * looked for in e2ae9bcc4aaa's and its step read uncited (s42 h12).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, definePatch, type ScenarioSpec } from 'probecheck';
import { registerPatchFile } from '../../src/kernel/define-patch.js';

const CORE = 'drivers/base/core.c';
const DEL: ScenarioSpec = { name: 'del', devices: { ns: { present: true, boundTo: 'nd' } }, drivers: { nd: { matches: ['ns'], present: true } }, actors: { b: ['del ns'] } };
// memalloc_noio_save() is in device_del of 5.10.13 (v5.7, not read as a step) and not in e2ae9bcc4aaa's.
const FILE = '/virtual/patch-sources-fn.ts';
registerPatchFile(FILE, [definePatch({ id: 'noio-del', subject: 'device_del with its own core.c', base: 'v5.4', sources: { [CORE]: 'v5.10.13' }, hunks: [
  { fn: 'device_del', replace: 'bus_remove_device', step: (_site, o) => ({ ...o!, c: [...o!.c!, `${CORE}:device_del:: noio_flag = memalloc_noio_save();`] }) }] })]);

describe("a patch's sources over a profile's path:fn source", () => {
  it("v5.4 with a patch reading core.c at 5.10.13: the hunk's device_del lines resolve in the patch's text", () => {
    const a = buildScenario(DEL, 'v5.4', FILE).kernel.anchors.find((x) => x.label.endsWith(':bus_remove_device'))!;
    expect(a.error).toBeUndefined();
    expect(a.anchored.filter((x) => x.fn === 'device_del').map((x) => x.release)).toEqual(['v5.10.13']);
  });
  it('without the patch the step still reads device_del at e2ae9bcc4aaa', () => {
    const a = buildScenario(DEL, 'v5.4', '').kernel.anchors.find((x) => x.label.endsWith(':bus_remove_device'))!;
    expect(a.error).toBeUndefined();
    expect(a.anchored.filter((x) => x.fn === 'device_del').map((x) => x.release)).toEqual(['torvalds@e2ae9bcc4aaa']);
  });
});
