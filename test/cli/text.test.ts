/** The text renderer on real probe-tree traces and a deadlock, in-process. */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine/check.js';
import { deadlockReport, holdings, kernelFunction, renderResult, renderViolation, traceColumns, traceList } from '../../src/report/text.js';
import abba from './fixtures/abba.ts';
import { buildScenario, defineProperty, type ScenarioSpec } from 'probecheck';
import probeTree from '../../models/bench/probe-tree.ts';

const v42 = check(probeTree.build({ N: 3, variant: 'v4.2' }));
const pbc = v42.properties.find((p) => p.name === 'parent-before-child')!;
const nbau = v42.properties.find((p) => p.name === 'no-bind-after-unregister')!;

describe('text trace', () => {
  it('names the property, the breaking values and each step by kernel function with its changes', () => {
    const s = renderViolation(v42, pbc);
    const lines = s.split('\n');
    expect(lines[1]).toBe('WARNING: property violated: parent-before-child');
    expect(lines[2]).toBe('model probe-tree (N=3 variant=v4.2)');
    expect(s).toContain('probing[1] = 1 while drv[0] = 0');
    expect(s).toContain('7 steps from the initial state:');
    // one column per thread, in order of appearance
    expect(lines.find((l) => l.includes('A_0'))).toMatch(/^\s+A_0\s+A_1$/);
    expect(s).toMatch(/^7 +really_probe$/m);
    expect(s).toMatch(/^ +\[A3\] probing\[1\]: 0→1$/m);
    expect(s).toMatch(/^ +\[A4_1\] reg\[1\]: 0→1\n +queued\[1\]: 0→1$/m);
  });

  it('a trace that may not be shortest says why: depth-first search, partial-order reduction', () => {
    expect(v42.shortest).toBe(true);
    const dfs = check(probeTree.build({ N: 3, variant: 'v4.2' }), { strategy: 'dfs' });
    expect(dfs.shortest).toBe(false);
    const d = dfs.properties.find((p) => p.name === 'parent-before-child')!;
    expect(renderViolation(dfs, d)).toContain(`${d.trace!.steps.length} steps from the initial state (a depth-first search: a shorter one may exist):`);
    const por = check(probeTree.build({ N: 3, variant: 'v4.2' }), { por: true });
    expect(por.shortest).toBe(false);
    expect(renderViolation(por, por.properties.find((p) => p.name === 'parent-before-child')!)).toMatch(/steps from the initial state \(partial-order reduction: a shorter one may exist\):/);
  });

  it('an 11-step trace over three threads fits 100 columns as columns', () => {
    const cols = traceColumns(nbau.trace!, 100)!;
    expect(cols).not.toBeNull();
    expect(Math.max(...cols.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(cols[0]).toMatch(/A_0 +A_2 +U$/);
    // step 7 is U's: its function sits in U's column
    const row7 = cols.find((l) => /^ 7 /.test(l))!;
    expect(row7.indexOf('device_del')).toBe(cols[0]!.indexOf('U'));
  });

  it("a trace with a step a user's patch made is a list, whose row says so (s48 h13: columns had no room for it)", () => {
    // A hunk's inserted step cites no C; on a kernel whose steps cite none, the columns dropped the line.
    const t = { ...nbau.trace!, steps: nbau.trace!.steps.map((s, i) => (i === 6 ? { ...s, patch: 'mine' } : s)) };
    expect(traceColumns(t, 100)).toBeNull();
    expect(traceList(t, undefined, 100).filter((l) => l.includes('your patch mine made this step'))).toHaveLength(1);
  });

  it('a kernel trace names its C lines at any width: never columns, and the list prints them under each step', () => {
    // A trace hunt, 2026-12-05: on a 160-column terminal a short kernel trace printed as columns,
    // or as the wide list, and neither had a C line.
    const tiny: ScenarioSpec = { name: 'tiny', profile: 'v6.6', devices: { d: { present: true, boundTo: 'x' } }, drivers: { x: { matches: ['d'], present: true } },
      actors: { a: ['lock d', 'unbind x d', 'unlock d'], b: 'uevent d' }, properties: ['no-deadlock'] };
    const r = check(buildScenario(tiny, 'v6.6', '').model);
    const t = r.properties.find((p) => p.name === 'no-deadlock')!.trace!;
    const cited = t.steps.filter((x) => x.source).length;
    expect(cited).toBeGreaterThan(2);
    expect(traceColumns(t, 1000)).toBeNull();
    for (const width of [1000, 160, 60]) {
      const text = renderViolation(r, r.properties.find((p) => p.name === 'no-deadlock')!, { width }).split('\n');
      expect(text.filter((l) => /^\s+C: drivers\/base\//.test(l)).length, `width ${width}`).toBe(cited);
    }
  });

  it("a step that changed nothing cites only its test: driver_probe_device's deferral after a probe that bound", () => {
    // A trace hunt and a new user, 2026-12-05: a probe that bound cited driver_deferred_probe_add's body.
    const spec = (probe: 'ok' | 'defer'): ScenarioSpec => ({ name: 'dpd', profile: 'mainline', devices: { dc: {} }, drivers: { d: { matches: ['dc'], present: true, probe } },
      actors: { hotplug: 'add dc' }, properties: [defineProperty({ kind: 'action', name: 'past', check: (_b, _a, m) => (m.label === 'driver_probe_device(dc,d):out' ? 'out' : null) })] });
    const deferredStep = (probe: 'ok' | 'defer') => {
      const r = check(buildScenario(spec(probe), 'mainline', '').model);
      return r.properties[0]!.trace!.steps.find((x) => x.label === 'driver_probe_device(dc,d):deferred')!;
    };
    const bound = deferredStep('ok'), deferred = deferredStep('defer');
    expect(bound.source).toMatch(/^drivers\/base\/dd\.c@[^:]+:\d+$/);
    expect(deferred.source!.length).toBeGreaterThan(bound.source!.length);
    expect(deferred.source!.startsWith(bound.source!)).toBe(true);
  });

  it('too wide for columns: a numbered list with the thread in a column', () => {
    expect(traceColumns(nbau.trace!, 80)).toBeNull();
    const list = traceList(nbau.trace!);
    expect(list).toHaveLength(12);
    expect(list[0]).toMatch(/^ +#\s+thread\s+step\s+changes$/);
    expect(list[7]).toMatch(/^ +7\s+U\s+device_del \[U1\]\s+lock\[2\]: 0→4$/);
  });

  it('too wide even for the list: the changes go on their own lines', () => {
    const s = renderViolation(v42, nbau, { width: 50 });
    expect(s).toMatch(/^ +#\s+thread\s+step$/m);
    expect(s).toMatch(/^ +5\s+A_0\s+device_add \[A4_2\]\n +reg\[2\]: 0→1\n +queued\[2\]: 0→1$/m);
    expect(Math.max(...s.split('\n').slice(7).map((l) => l.length))).toBeLessThanOrEqual(50);
  });

  it('the run summary: verdict table and stats line with never-fired steps as a warning', () => {
    const r = check(probeTree.build({ N: 2, variant: 'fixed' }));
    const s = renderResult(r);
    expect(s).toMatch(/parent-before-child\s+holds\s+-/);
    // bytes/state is left out below 100,000 states, where the store's fixed allocation dominates
    expect(s).toMatch(/187 states, [\d,]+ transitions, depth \d+, [\d.]+s \([\d,]+ states\/s\), collision probability [\d.]+e-\d+/);
    expect(r.neverFired).toEqual([]);
    expect(s).not.toContain('never fired');
    const dead = renderResult({ ...r, neverFired: ['S: S7 (drivers/base/dd.c:driver_bound)'] });
    expect(dead).toContain('warning: 1 step never fired');
    expect(dead).toContain('  S: S7 (drivers/base/dd.c:driver_bound)');
    // One step of one function, built for several devices and threads: one line (a new-user audit found 8 for 2 steps).
    const many = renderResult({ ...r, neverFired: [
      'boot: really_probe(host,hdrv):probe_failed (drivers/base/dd.c:really_probe)',
      'kworker/u:async __device_attach_async_helper(c1): really_probe(c1,cdrv):probe_failed (drivers/base/dd.c:really_probe)',
      'kworker/u:async __device_attach_async_helper(c1): really_probe(c1,cdrv)#2:probe_failed (drivers/base/dd.c:really_probe)',
      'boot: do_init_module:async_synchronize_full (kernel/module/main.c:do_init_module)',
    ] });
    expect(many).toContain('warning: 2 steps (4 instances) never fired');
    // Each instance named (its arguments): another instance of the same step may have fired (a hunt, 2026-12-04).
    expect(many).toContain('  really_probe:probe_failed (drivers/base/dd.c:really_probe): 3 instances (really_probe(host,hdrv):probe_failed, really_probe(c1,cdrv):probe_failed, really_probe(c1,cdrv)#2:probe_failed), in boot, kworker/u:async __device_attach_async_helper(c1)\n');
    expect(many).toContain('  boot: do_init_module:async_synchronize_full (kernel/module/main.c:do_init_module)');
  });

  it('a deadlock shows the wait-for chain and the possible unsafe scenario', () => {
    const r = check(abba.build({ order: 'abba' }));
    const s = renderViolation(r, r.properties[0]!);
    expect(s).toContain('WARNING: possible deadlock: no-deadlock');
    const scenario = s.slice(s.indexOf('Possible unsafe scenario'));
    const order = ['lock(dev_mutex);', 'lock(parent_mutex);', 'lock(parent_mutex);', 'lock(dev_mutex);'];
    let at = 0;
    for (const o of order) { const i = scenario.indexOf(o, at); expect(i).toBeGreaterThan(at); at = i + 1; }
    // the second thread's events are indented to its column
    const lines = scenario.split('\n');
    const probeCol = lines.find((l) => l.includes('kworker/0:1 probe'))!.indexOf('kworker');
    const unbindCol = lines.find((l) => l.includes('bash unbind'))!.indexOf('bash');
    expect(lines.filter((l) => l.includes('lock(')).map((l) => l.search(/\S/))).toEqual([probeCol, unbindCol, probeCol, unbindCol]);
  });

  // A sysfs hunt (2026-12-04): an AA self-deadlock (modprobe's inline async helper re-taking the
  // lock it holds) was drawn in two columns with admin, which only waits, and read like ABBA.
  it('draws the threads of the wait-for cycle; one that only waits on them is named below', () => {
    const spec: ScenarioSpec = { name: 'aa', devices: { dc: { present: true } }, drivers: { drvA: { matches: ['dc'], probeType: 'async' }, drvB: { matches: ['dc'] } },
      actors: { admin: 'override dc drvB', modprobe: ['register drvA', 'register drvB'] }, properties: ['no-deadlock'] };
    const r = check(buildScenario(spec, 'v5.15', '').model);
    const s = renderViolation(r, r.properties[0]!);
    const scenario = s.slice(s.indexOf('Possible unsafe scenario'));
    expect(scenario.split('\n').filter((l) => l.includes('lock(')).map((l) => l.trim())).toEqual(['lock(&dev->mutex(dc));', 'lock(&dev->mutex(dc));']);
    expect(scenario).not.toMatch(/^\s+admin\s/m);
    expect(scenario).toContain('(also blocked, waiting on the threads above: admin)');
    expect(s).toContain('admin waits for &dev->mutex(dc) (held by modprobe since step');
  });

  // A new user (2026-12-05): a wait's long description (flush_work's) made every column as wide,
  // and the other threads' lines went off the terminal: the table names the wait only.
  it('the scenario names a wait by its name, not the chain\'s words after it', () => {
    const long = "flush_work(&deferred_probe_work): the end of the deferred-probe work's current run, the instance the flush waits for";
    const lines = deadlockReport({ name: 'no-deadlock', kind: 'deadlock', verdict: 'violated', waiters: [{ thread: 'worker', waits: 'deferred_probe_mutex' }, { thread: 'timeout', waits: long }] } as never);
    const table = lines.slice(lines.indexOf(' Possible unsafe scenario:'));
    expect(table.map((l) => l.trim())).toContain('wait(flush_work(&deferred_probe_work));');
    expect(Math.max(...table.map((l) => l.length))).toBeLessThan(100);
    expect(lines.join('\n')).toContain(long); // the chain keeps the words
  });

  it('holdings: the last writer of a field away from its initial value holds it', () => {
    const r = check(abba.build({ order: 'abba' }));
    expect(holdings(r.properties[0]!.trace!).map((h) => [h.thread, h.field])).toEqual([['kworker/0:1 probe', 'dev_mutex'], ['bash unbind', 'parent_mutex']]);
  });

  it('holdings: only lock-like fields (by name, or named by a wait) count as held', () => {
    const step = (n: number, thread: string, changes: [string, string, string][]) => ({ n, thread, program: thread, label: `l${n}`, where: 'x.c:f', changes: changes.map(([field, from, to]) => ({ field, from, to })) });
    const trace = { moves: [], steps: [
      step(1, 'modprobe', [['dev[0].mutex', '0', '1'], ['dev[0].probing', '0', '1'], ['flag', '0', '1']]),
      step(2, 'kworker', [['dev[1].mutex', '0', '2'], ['dev[1].mutex', '2', '0']]),
    ] };
    expect(holdings(trace).map((h) => h.field)).toEqual(['dev[0].mutex']);
    expect(holdings(trace, ['flag and more']).map((h) => h.field)).toEqual(['dev[0].mutex', 'flag']);
  });

  it('kernelFunction keeps only the function of file:function', () => {
    expect(kernelFunction('drivers/base/dd.c:__device_attach_async_helper')).toBe('__device_attach_async_helper');
    expect(kernelFunction('device_del')).toBe('device_del');
  });
});
