// from-log, s43 h11 (review of s43 h3): before v5.14 a deferral is `returned 0` with no line too, as a quiet
// -ENODEV is (really_probe's "Ignore errors returned by ->probe", `ret = 0;`; "requests probe deferral" is
// dev_dbg, "rejects match" pr_debug: 97e2551de3f9, v5.4). h3 read every such attempt as an error, which the
// model never retries, so the common boot shape (deferred in a driver's walk, bound by the late initcall's
// retry) was no behaviour. A device deferred before the late initcall is retried inside its lines
// (deferred_probe_initcall flushes the worker it triggers, 97e2551de3f9:321).
// Synthetic v5.4 logs: no real initcall_debug log of v4.19 .. v5.13 with such a retry was found.
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { fromLogIn } from './from-log-file.js';

const dir = tempDir('probecheck-s43-quiet-retry-');

const fromLog = fromLogIn(dir);

const HEAD = [
  '[    0.000000] Linux version 5.4.0-synthetic (probecheck) (gcc version 9.2.0) #1 SMP',
  '[    1.000000] calling  foo_driver_init+0x0/0x20 @ 1',
  '[    1.000050] probe of foo.0 returned 0 after 20 usecs',
  '[    1.000100] initcall foo_driver_init+0x0/0x20 returned 0 after 100 usecs',
  '[    1.100000] calling  bar_driver_init+0x0/0x20 @ 1',
  '[    1.100050] probe of bar.0 returned 0 after 20 usecs',
  '[    1.100100] initcall bar_driver_init+0x0/0x20 returned 0 after 100 usecs',
  '[    2.000000] calling  deferred_probe_initcall+0x0/0x90 @ 1',
];

describe('from-log before v5.14: a quiet `returned 0` retried by the late initcall is a deferral', () => {
  it('foo.0 deferred in its driver\'s walk and bound by the late initcall\'s retry; bar.0, not retried, stays an error', () => {
    const r = fromLog('retry', [
      ...HEAD,
      '[    2.000050] probe of foo.0 returned 1 after 30 usecs',
      '[    2.000100] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 100 usecs',
    ]);
    // Before: foo_driver_init-driver `error` and foo.0-driver binding, and validate stopped at line 3.
    expect(r.s.drivers['foo_driver_init-driver']).toEqual({ matches: ['foo.0'], probe: ['defer', 'ok'] });
    expect(r.s.drivers['foo.0-driver']).toBeUndefined();
    expect(r.s.drivers['bar_driver_init-driver']).toEqual({ matches: ['bar.0'], probe: 'error' });
    expect(r.text).toContain('// note: 1 attempt "returned 0" with no line deciding it, then tried again by the same driver after the late initcall (foo.0 by foo_driver_init-driver at line 3, again at line 9)');
    expect(r.text).toContain('// note: 1 attempt "returned 0" with no line deciding it (bar.0 by bar_driver_init-driver at line 6)');
    const v = probecheck(['validate', r.ts, '--log', r.log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.stdout).toMatch(/line 9 +step \d+ +kworker deferred_probe_work_func: really_probe\(foo\.0,foo_driver_init-driver\)/);
    expect(v.status).toBe(0);
  });

  it('no attempt inside the late initcall\'s lines: not deferred there, so a later attempt is another driver\'s', () => {
    const r = fromLog('later', [
      ...HEAD,
      '[    2.000100] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 100 usecs',
      '[    3.000000] calling  late_thing_init+0x0/0x20 @ 1',
      '[    3.000100] initcall late_thing_init+0x0/0x20 returned 0 after 100 usecs',
      // Began inside late_thing_init's lines (3.000050), printed after them: h3's async reading, not a retry.
      '[    3.000550] probe of foo.0 returned 1 after 500 usecs',
    ]);
    expect(r.s.drivers['foo_driver_init-driver']).toEqual({ matches: ['foo.0'], probe: 'error' });
    expect(r.s.drivers['late_thing_init-driver']).toEqual({ matches: ['foo.0'], probeType: 'async' });
    const v = probecheck(['validate', r.ts, '--log', r.log]);
    expect(v.stdout).toMatch(/the log IS a behaviour of the model/);
    expect(v.status).toBe(0);
  });

  it('a v5.4 deferral decided by its "requests probe deferral" line: its retry that outlasts a built-in initcall is not taken as async', () => {
    // dd.c's debug lines on: foo.0's attempts return 0 after the deferral line; the third, the deferred worker's
    // retry that bar's bind triggers, begins inside bar_driver_init's lines (3.000030) and is printed after them.
    const r = fromLog('deferline', [
      '[    0.000000] Linux version 5.4.0-synthetic (probecheck) (gcc version 9.2.0) #1 SMP',
      '[    1.000000] calling  foo_driver_init+0x0/0x20 @ 1',
      "[    1.000010] bus: 'platform': really_probe: probing driver foo with device foo.0",
      '[    1.000020] platform foo.0: Driver foo requests probe deferral',
      '[    1.000030] probe of foo.0 returned 0 after 20 usecs',
      '[    1.000100] initcall foo_driver_init+0x0/0x20 returned 0 after 100 usecs',
      '[    2.000000] calling  deferred_probe_initcall+0x0/0x90 @ 1',
      "[    2.000010] bus: 'platform': really_probe: probing driver foo with device foo.0",
      '[    2.000020] platform foo.0: Driver foo requests probe deferral',
      '[    2.000030] probe of foo.0 returned 0 after 20 usecs',
      '[    2.000100] initcall deferred_probe_initcall+0x0/0x90 returned 0 after 100 usecs',
      '[    3.000000] calling  bar_driver_init+0x0/0x20 @ 1',
      "[    3.000010] bus: 'platform': really_probe: probing driver bar with device bar.0",
      "[    3.000020] bus: 'platform': really_probe: bound device bar.0 to driver bar",
      '[    3.000030] probe of bar.0 returned 1 after 20 usecs',
      "[    3.000040] bus: 'platform': really_probe: probing driver foo with device foo.0",
      '[    3.000100] initcall bar_driver_init+0x0/0x20 returned 0 after 100 usecs',
      "[    3.000600] bus: 'platform': really_probe: bound device foo.0 to driver foo",
      '[    3.000610] probe of foo.0 returned 1 after 570 usecs',
    ]);
    // Before: foo written probeType 'async' (a `returned 0` was no deferral to s43 h3's check).
    expect(r.s.drivers['foo']).toEqual({ matches: ['foo.0'], probe: ['defer', 'ok'] });
    expect(r.text).not.toContain('began inside built-in initcall');
  });
});
