/**
 * A sysfs store's entry step is named as the profile's kernel names it: kernfs_fop_write from kernfs
 * (KERNFS, v3.14), kernfs_fop_write_iter from cc099e0b3998 (v5.11), and before kernfs (v3.5) fs/sysfs/file.c's
 * sysfs_write_file, whose flush_write_buffer runs sysfs_get_active, ops->store, sysfs_put_active (v3.6.0's
 * text, now read by v3.5: kernel/v3.6.0/fs/sysfs/file.c). Found by a wrong-verdict hunt (2026-12-06, s39 h3): v3.5 traces read `kernfs_fop_write (bind)`.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

// bind and del race: no-probe-after-del is violated at v3.5 .. v5.4 with the store's entry as the trace's first step.
const spec: ScenarioSpec = {
  name: 'bind-del', buses: { plat: { autoprobe: false } }, devices: { dc: { present: true } },
  drivers: { drv: { matches: ['dc'], present: true } }, actors: { binder: 'bind drv dc', unplug: 'del dc' },
  properties: ['no-probe-after-del'],
};

const entry = (p: string) => {
  const prop = check(buildScenario(spec, p, '').model).properties[0]!;
  expect(prop.verdict, p).toBe('violated');
  const s = prop.trace!.steps[0]!;
  return [s.thread, s.label, s.where, s.source];
};

describe('the sysfs store entry of each profile', () => {
  it('is sysfs_write_file before kernfs, kernfs_fop_write from v3.14', () => {
    // v3.5 reads fs/sysfs/file.c of v3.6.0: the call of flush_write_buffer, its sysfs_get_active and ops->store.
    expect(entry('v3.5')).toEqual(['binder', 'sysfs_write_file(drv):sysfs_get_active', 'fs/sysfs/file.c:sysfs_write_file (bind)',
      'fs/sysfs/file.c@v3.6.0:sysfs_write_file+9 fs/sysfs/file.c@v3.6.0:flush_write_buffer+9,flush_write_buffer+12']);
    // v3.14 reads no fs/kernfs/file.c (no C line); v4.2 reads f83f3c515654's.
    expect(entry('v3.14').slice(0, 3)).toEqual(['binder', 'kernfs_fop_write(drv):kernfs_get_active', 'fs/kernfs/file.c:kernfs_fop_write (bind)']);
    expect(entry('v3.14')[3]).toBeUndefined();
    expect(entry('v4.2').slice(0, 3)).toEqual(['binder', 'kernfs_fop_write(drv):kernfs_get_active', 'fs/kernfs/file.c:kernfs_fop_write (bind)']);
    expect(entry('v4.2')[3]).toMatch(/^fs\/kernfs\/file\.c@torvalds@f83f3c515654:/);
  });
});
