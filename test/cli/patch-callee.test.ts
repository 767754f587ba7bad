/**
 * A kernel developer reviewing 2e84dc379200 ("driver core: Release all resources during unbind
 * before updating device links") names the functions the patch moves: device_links_driver_cleanup,
 * devres_release_all. The model runs both inside one step of __device_release_driver whose `where`
 * names neither, so E604 and `steps --function` said "no modelled function" with no pointer to it
 * (2026-12-06). That step's where now names both, and a callee no where names is found by a
 * step's label or the C lines it cites (device_unbind_cleanup, which runs devres_release_all at v6.6).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { oneErrorLine, userFolder } from './user-folder.js';
import { probecheck, ROOT } from './run.js';
import { LEFT_OUT } from '../../src/kernel/left-out.js';

const scenario = `import { scenario } from 'probecheck';
export default scenario({
  name: 'unbind-consumer-and-supplier', profile: 'v6.6',
  devices: { reg: { present: true, boundTo: 'reg-drv' }, cons: { present: true, boundTo: 'cons-drv' } },
  drivers: { 'reg-drv': { matches: ['reg'], present: true }, 'cons-drv': { matches: ['cons'], links: ['reg'], present: true } },
  actors: { 'echo cons > unbind': 'unbind cons-drv cons', 'echo reg > unbind': 'unbind reg-drv reg' },
  properties: ['single-binding'],
});
`;
const patch = (fn: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: 'mv', subject: 'move ${fn}', base: 'v6.6',
  hunks: [{ fn: '${fn}', replace: 'x', step: (_s, o) => o! }] });
`;

test('a function run inside another step is named by that step: its where, its label, or the C it cites', () => {
  const dir = userFolder();
  writeFileSync(join(dir, 's.ts'), scenario);
  writeFileSync(join(dir, 'cleanup.ts'), patch('device_links_driver_cleanup'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'cleanup.ts'],
    /^probecheck: E604 .*no modelled function 'device_links_driver_cleanup'; 'device_links_driver_cleanup' is modelled inside its callers' steps \(their where names it\): __device_release_driver:devres_release_all: name one of those/);
  // v6.6's devres_release_all is inside device_unbind_cleanup, which the step's C cites (dd.c@f8fb576658a3:1273).
  // really_probe's error path runs it too: its `dev->driver = NULL` is device_unbind_cleanup's from v5.19, in
  // probe_failed (no child to unregister) or driver_null (after the children's devres steps) (s45 h7: both were missing).
  // The callers' steps are the model's, whatever the walks' bound: 10 states name them as 3,000 do
  // (the same line), and a walk of v6.6's catalogue to 3,000 states is 0.5-0.8 s of this file.
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', 'device_unbind_cleanup', '--max-states', '10'],
    /^probecheck: E501 .*builds no step of 'device_unbind_cleanup'; .*modelled inside its callers' steps \(their label, its own C they cite, or a cited line tagged #runs\): __device_release_driver:devres_release_all, really_probe:devres_release_all\(c\), really_probe:driver_null, really_probe:probe_failed: name one/);
  // A name no step cites still gets no pointer.
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', 'no_such_function', '--max-states', '10'], /builds no step of 'no_such_function'; functions: /);
});

// Exactly the steps that run the function (s45 h4): really_probe:driver_bound cites driver_bound's
// `driver_deferred_probe_del(dev);` line, but the del is a step of its own (s44 h19: it was listed).
// A user's own step says what it runs as the library's do, by a cited line tagged #runs: listed.
// (One v6.6 catalogue built with the patch, about 1 s.)
test("E604 names the steps that run the function, a user's own #runs step among them, not one that only cites its call", () => {
  const dir = userFolder();
  writeFileSync(join(dir, 's.ts'), scenario);
  writeFileSync(join(dir, 'runs.ts'), `import { definePatch, FIRST } from 'probecheck';
export default definePatch({ id: 'runs', subject: 'hook the deferred work and the del', base: 'v6.6', hunks: [
  { fn: 'deferred_probe_work_func', insert: { label: 'probe_one', after: null, before: FIRST },
    step: () => ({ where: 'drivers/base/dd.c:deferred_probe_work_func', c: ['bus_probe_device(dev); #runs'], run: () => FIRST }) },
  { fn: 'driver_deferred_probe_del', replace: 'x', step: (_s, o) => o! },
] });
`);
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'runs.ts'],
    /^probecheck: E604 .*hunks\[1\] names driver_deferred_probe_del:x, but the profile has no modelled function 'driver_deferred_probe_del'; .*\(their where names it\): device_del:driver_deferred_probe_del, really_probe:driver_deferred_probe_del: name one of those/);
  writeFileSync(join(dir, 'runs.ts'), `import { definePatch, FIRST } from 'probecheck';
export default definePatch({ id: 'runs', subject: 'hook the deferred work and bus_probe_device', base: 'v6.6', hunks: [
  { fn: 'deferred_probe_work_func', insert: { label: 'probe_one', after: null, before: FIRST },
    step: () => ({ where: 'drivers/base/dd.c:deferred_probe_work_func', c: ['bus_probe_device(dev); #runs'], run: () => FIRST }) },
  { fn: 'bus_probe_device', replace: 'x', step: (_s, o) => o! },
] });
`);
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'runs.ts'],
    /^probecheck: E604 .*no modelled function 'bus_probe_device'; .*\(their where, label, its own C they cite, or a cited line tagged #runs\): device_add:device_pm_add, deferred_probe_work_func:probe_one: name one of those/);
});

// A user's tag that is wrong is one clear line, not silence (s45 h7): a `#runs` line that calls
// nothing, and a misspelled tag, each left the step with no C and no runs, and `check` passed.
// (Two v6.6 catalogue builds with a patch, about 0.2 s each.)
test("a user's #runs line that calls nothing, or a misspelled tag, is E604 naming the step and the line", () => {
  const dir = userFolder();
  writeFileSync(join(dir, 's.ts'), scenario);
  const tagged = (line: string) => `import { definePatch, FIRST } from 'probecheck';
export default definePatch({ id: 'tag', subject: 'hook the deferred work', base: 'v6.6', hunks: [
  { fn: 'deferred_probe_work_func', insert: { label: 'probe_one', after: null, before: FIRST },
    step: () => ({ where: 'drivers/base/dd.c:deferred_probe_work_func', c: ['mutex_lock(&deferred_probe_mutex);@1', '${line}'], run: () => FIRST }) },
] });
`;
  writeFileSync(join(dir, 'runs.ts'), tagged('dev = private->device; #runs'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'runs.ts'],
    /^probecheck: E604 .*patch tag \(hook the deferred work\) does not apply: its step deferred_probe_work_func:probe_one cites 'dev = private->device; #runs': deferred_probe_work_func at torvalds@f8fb576658a3 calls no function there/);
  // Tagged right, `steps --patch` prints the step's C and what it runs (docs/patches.md), in text and --json (below).
  writeFileSync(join(dir, 'runs.ts'), tagged('bus_probe_device(dev); #runs'));
  const ok = probecheck(['steps', '--profile', 'v6.6', '--patch', 'runs.ts', '--function', 'deferred_probe_work_func', '--max-states', '10'], { cwd: dir });
  expect(ok.stdout).toContain('deferred_probe_work_func:probe_one\n  where: drivers/base/dd.c:deferred_probe_work_func\n  since: v6.6 + tag\n  C:     drivers/base/dd.c@torvalds@f8fb576658a3:97,123\n  runs:  bus_probe_device\n');
  // A plain line nearly the kernel's is the patch's, and `steps --patch` says so under the step, as check and diff do (s46 h2:
  // the note was the model's only, and steps printed none); `#runs` on an added line names what it calls, as on a kernel line.
  writeFileSync(join(dir, 'runs.ts'), tagged('list_del_init(private->deferred_probe); #runs'));
  const near = probecheck(['steps', '--profile', 'v6.6', '--patch', 'runs.ts', '--function', 'deferred_probe_work_func', '--max-states', '10'], { cwd: dir });
  expect(near.stdout).toMatch(/\n  C:     drivers\/base\/dd\.c@torvalds@f8fb576658a3:97 \+ 'list_del_init\(private->deferred_probe\);' \(added by the patch\)\n  runs:  list_del_init\n  note:  patch tag's step deferred_probe_work_func:probe_one cites 'list_del_init\(private->deferred_probe\);', which deferred_probe_work_func at torvalds@f8fb576658a3 lacks, as a line the patch adds; it is nearly the text's line \d+, 'list_del_init\(&private->deferred_probe\);' \(drivers\/base\/dd\.c\): if that is the line you meant, cite it as the text has it\n/);
  const nearJson = probecheck(['steps', '--profile', 'v6.6', '--patch', 'runs.ts', '--function', 'deferred_probe_work_func', '--max-states', '10', '--json'], { cwd: dir });
  // (The JSON's runs pinned here too: one --json command for both, the step JSON and text print being one record.)
  const nearStep = (JSON.parse(nearJson.stdout) as { steps: { label: string; runs?: string[]; notes?: string[] }[] }).steps.find((x) => x.label === 'probe_one');
  expect([nearStep?.runs, nearStep?.notes]).toEqual([['list_del_init'], [expect.stringContaining("it is nearly the text's line")]]);
  writeFileSync(join(dir, 'runs.ts'), tagged('bus_probe_device(dev); #run'));
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--patch', 'runs.ts', '--function', 'deferred_probe_work_func'],
    /^probecheck: E604 .*its step deferred_probe_work_func:probe_one cites 'bus_probe_device\(dev\); #run', whose tag '#run' is none of probecheck's: ' #runs' .* and ' #part'/);
  // A line the function has twice with no @n, or an @n past its count, is a mistake too (s45 h15:
  // it dropped the step's C, its runs and the span note without a word).
  writeFileSync(join(dir, 'runs.ts'), tagged('bus_probe_device(dev); #runs').replace('mutex_lock(&deferred_probe_mutex);@1', 'mutex_lock(&deferred_probe_mutex);'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'runs.ts'],
    /^probecheck: E604 .*its step deferred_probe_work_func:probe_one: 'mutex_lock\(&deferred_probe_mutex\);' is in deferred_probe_work_func at torvalds@f8fb576658a3 2 times \(lines \d+, \d+\): say which with @n$/);
  writeFileSync(join(dir, 'runs.ts'), tagged('bus_probe_device(dev); #runs').replace('mutex_lock(&deferred_probe_mutex);@1', 'mutex_lock(&deferred_probe_mutex);@3'));
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--patch', 'runs.ts', '--function', 'deferred_probe_work_func'],
    /^probecheck: E604 .*its step deferred_probe_work_func:probe_one: 'mutex_lock\(&deferred_probe_mutex\);@3': deferred_probe_work_func at torvalds@f8fb576658a3 has it only 2 times$/);
});

// A function the model leaves out on purpose says so, and why, where the docs say it (s48 h2: Wang
// Wensheng's "driver core: Fix concurrent problem of deferred_probe_extend_timeout()", 2025-08-14,
// read as a bare "no modelled function" and a list). The docs link ends the line: a left-out name is
// no misspelling, and the list of modelled functions after it (dozens for a hunk, 137 in `source`) only
// buried the reason (s48 h17). Six errors before any search, about 0.8 s.
test('a function left out of the model on purpose is named so, with why and the docs, not a bare list', () => {
  const dir = userFolder();
  writeFileSync(join(dir, 's.ts'), scenario);
  writeFileSync(join(dir, 'extend.ts'), patch('deferred_probe_extend_timeout'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'extend.ts'],
    /^probecheck: E604 .*no modelled function 'deferred_probe_extend_timeout'; 'deferred_probe_extend_timeout' is left out of the model: time is not modelled .*PENDING bit.* cannot be written( \(its lines are cited: [^)]*\)); docs\/known-gaps\.md#the-late-initcall$/);
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', 'deferred_probe_extend_timeout', '--max-states', '10'],
    /builds no step of 'deferred_probe_extend_timeout'; 'deferred_probe_extend_timeout' is left out of the model: .*; docs\/known-gaps\.md#the-late-initcall$/);
  // A misspelt name is unknown: did-you-mean and the list. A left-out name is in no list of modelled functions,
  // so did-you-mean names it (s48 h21: a misspelt one got the list alone), and steps --function has it too.
  writeFileSync(join(dir, 'typo.ts'), patch('device_links_flush_sync_lst'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'typo.ts'],
    /no modelled function 'device_links_flush_sync_lst'; did you mean 'device_links_flush_sync_list'\?; functions: __device_attach, /);
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', 'deferred_probe_extend_timout', '--max-states', '10'],
    /builds no step of 'deferred_probe_extend_timout'; did you mean 'deferred_probe_extend_timeout'\?; functions: __device_attach, /);
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', '__driver_atach', '--max-states', '10'],
    /builds no step of '__driver_atach'; did you mean '__driver_attach'\?; functions: __device_attach, /);
  oneErrorLine(dir, ['source', 'devices_kset_move_lst'],
    /no modelled kernel function 'devices_kset_move_lst'; did you mean 'devices_kset_move_last'\?; known: /);
});

// The functions known-gaps says are not modelled, each in the table, and each reason's link an
// anchor known-gaps has (s48 h7: devices_kset_move_last and the other moves to the tail, and
// device_link_release_fn, got the bare list). One more error before any search, about 0.3 s.
test('every function the docs leave out is in the table, and its link goes to an anchor there', () => {
  const gaps = readFileSync(join(ROOT, 'docs/known-gaps.md'), 'utf8');
  for (const [fn, why] of LEFT_OUT) {
    const at = /docs\/known-gaps\.md#([\w-]+)$/.exec(why);
    expect(at, fn).not.toBeNull();
    expect(gaps, `${fn}: #${at![1]}`).toContain(`<a name="${at![1]}"></a>`);
    expect(gaps, fn).toContain(`\`${fn}\``);
  }
  expect([...LEFT_OUT.keys()]).toEqual(expect.arrayContaining(['devices_kset_move_last', 'device_pm_move_to_tail', 'device_reorder_to_tail', 'device_link_release_fn']));
  const dir = userFolder();
  writeFileSync(join(dir, 's.ts'), scenario);
  writeFileSync(join(dir, 'move.ts'), patch('devices_kset_move_last'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'move.ts'],
    /^probecheck: E604 .*no modelled function 'devices_kset_move_last'; 'devices_kset_move_last' is left out of the model: the moves to the tail of devices_kset's list are not modelled .*; docs\/known-gaps\.md#source-conformance-what-it-does-not-cover$/);
  // s48 h12: Ulf Hansson's fine grained sync_state patch (2026-04-10) hooks
  // __device_links_queue_sync_state; its hunk and `source` on it got the bare list.
  expect([...LEFT_OUT.keys()]).toEqual(expect.arrayContaining(['__device_links_queue_sync_state', '__device_links_supplier_defer_sync']));
  writeFileSync(join(dir, 'qss.ts'), patch('__device_links_queue_sync_state'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'qss.ts'],
    /^probecheck: E604 .*no modelled function '__device_links_queue_sync_state'; '__device_links_queue_sync_state' is left out of the model: sync_state is not modelled .*docs\/known-gaps\.md#device_links_lock$/);
  oneErrorLine(dir, ['source', '__device_links_queue_sync_state', '--profile', 'mainline'],
    /^probecheck: E501 .*no modelled kernel function '__device_links_queue_sync_state'; '__device_links_queue_sync_state' is left out of the model: sync_state is not modelled .*; docs\/known-gaps\.md#device_links_lock$/);
  // s50 h5: e9506871a8ea (CVE-2026-80677), a READ_ONCE in dev_has_sync_state, got the bare list too.
  writeFileSync(join(dir, 'hss.ts'), patch('dev_has_sync_state'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'hss.ts'],
    /^probecheck: E604 .*no modelled function 'dev_has_sync_state'; 'dev_has_sync_state' is left out of the model: sync_state is not modelled .*e9506871a8ea's READ_ONCE is about run in __device_links_queue_sync_state .*; docs\/known-gaps\.md#device_links_lock$/);
});
