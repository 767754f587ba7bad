/**
 * no-lock-at-return (s48 h1; properties.ts): a user's patch that drops a device_unlock on bind's
 * path leaves the write to bind returning to user space holding the device's mutex. lockdep warns
 * at once (lockdep_sys_exit: "WARNING: lock held when returning to user space!"); until s48 every
 * property held here, unless another thread later waited for the mutex. From a folder outside the
 * repository, as a kernel developer runs it. About 1 s (14-state searches).
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck, ROOT, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

const SCENARIO = `import { scenario } from 'probecheck';
export default scenario({
  name: 'bind-once', profile: 'v5.10',
  buses: { platform: { autoprobe: false } },
  devices: { dc: { present: true } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { admin: 'bind dc-drv dc' },
});
`;
// keep: device_driver_attach's device_unlock is gone (the mutex stays the caller's); else the step as it is.
const patch = (id: string, keep: boolean) => `import { definePatch } from 'probecheck';
export default definePatch({ id: '${id}', subject: 'driver core: ${id}', base: 'v5.10', hunks: [{
  fn: 'device_driver_attach', replace: 'device_unlock',
  step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const next = orig!.run(s, t, b, c);
    ${keep ? 's.dev[site.dev]!.mutex = site.tb.owner;' : ''}
    return next;
  } }),
}] });
`;

describe('no-lock-at-return: a write to bind that returns holding the device mutex', () => {
  const dir = realpathSync(tempDir());
  expect(dir.startsWith(ROOT)).toBe(false);
  writeFileSync(join(dir, 'bind.ts'), SCENARIO);
  writeFileSync(join(dir, 'keep.ts'), patch('bind-keeps-lock', true));
  writeFileSync(join(dir, 'same.ts'), patch('bind-unchanged', false));
  it('check: violated, chosen by default for the patch, the trace ending at the return to user space', () => {
    const r = probecheck(['check', 'bind.ts', '--patch', 'keep.ts'], { cwd: dir });
    const out = unwrap(r.stdout);
    expect(out).toContain(`admin: 'bind dc-drv dc' (a write to bind, a system call) returns to user space holding dc's &dev->mutex: lockdep says "WARNING: lock held when returning to user space!", "admin is leaving the kernel with locks still held!" (lockdep_sys_exit)`);
    expect(out).toMatch(/no-lock-at-return\s+violated\s+13 steps/);
    expect(out).toMatch(/12\s+admin\s+device_driver_attach\(dc,dc-drv\):device_unlock/);
    expect(r.status).toBe(1);
  });
  it('diff: regressed; the same step kept as it is holds', () => {
    const r = probecheck(['diff', 'bind.ts', '--patch', 'keep.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/no-lock-at-return\s+holds\s+violated\s+regressed/);
    expect(r.status).toBe(1);
    const ok = probecheck(['check', 'bind.ts', '--patch', 'same.ts', '-q'], { cwd: dir });
    expect(unwrap(ok.stdout)).toMatch(/no-lock-at-return\s+holds/);
    expect(ok.status).toBe(0);
  });
  it("a device mutex the actor holds by its own `lock` action is not counted at the bind's return; the one the hunk keeps is", () => {
    writeFileSync(join(dir, 'under.ts'), SCENARIO.replace("devices: { dc: { present: true } }", "devices: { dc: { present: true }, other: { present: true } }")
      .replace("actors: { admin: 'bind dc-drv dc' }", "actors: { admin: ['lock other', 'bind dc-drv dc', 'unlock other'] }"));
    expect(unwrap(probecheck(['check', 'under.ts', '--patch', 'same.ts', '-q'], { cwd: dir }).stdout)).toMatch(/no-lock-at-return\s+holds/);
    expect(unwrap(probecheck(['check', 'under.ts', '--patch', 'keep.ts'], { cwd: dir }).stdout)).toContain("returns to user space holding dc's &dev->mutex: lockdep says");
  });
});
