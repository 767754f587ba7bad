/**
 * s42 h20: three rough edges a newcomer met in the CLI's output (s42 h13's run of the README):
 * `probecheck profiles` printed some 700 lines; an action's arity error did not name its
 * arguments; `npm start`'s verdict table was some 330 columns wide.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { PROFILES, PROFILE_NAMES } from '../../src/kernel/profiles.js';
import { suiteTable } from '../../src/report/suite.js';
import type { SuiteOutcome } from '../../src/suite/run.js';
import type { Result } from '../../src/engine/result.js';
import { probecheck, tempDir } from './run.js';

describe('probecheck profiles: one line per profile, in full when named or with --long', () => {
  it('lists each profile on one line, with the dd.c text it reads, within 120 columns', () => {
    const r = probecheck(['profiles'], { cwd: tempDir() });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(PROFILE_NAMES.length + 5);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(120);
    for (const name of PROFILE_NAMES) {
      const row = lines.find((l) => l.startsWith(`${name} `));
      expect(row, name).toBeDefined();
      const dd = PROFILES[name]!.sources['drivers/base/dd.c'];
      expect(row).toContain(dd ?? 'none');
    }
    expect(r.stdout).not.toContain('  source: ');
    expect(r.stdout).toMatch(/`probecheck profiles NAME` prints one in full .*`--long`/);
  });

  it('a named profile and --long print the full text (the listing before s42 h20)', () => {
    const one = probecheck(['profiles', 'v6.6'], { cwd: tempDir() });
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^v6\.6 \(stands for v6\.6\): as v6\.1/);
    expect(one.stdout).toContain(`  source: drivers/base/dd.c at ${PROFILES['v6.6']!.sources['drivers/base/dd.c']} `);
    const long = probecheck(['profiles', '--long'], { cwd: tempDir() });
    expect(long.status).toBe(0);
    expect([...long.stdout.matchAll(/^(\S+) \(stands for/gm)].map((m) => m[1])).toEqual([...PROFILE_NAMES]);
    expect(long.stdout).toContain(one.stdout.trimEnd());
  });
});

describe("an action's arity error names its arguments", () => {
  const spec = (acts: string[]): ScenarioSpec => ({
    name: 'ar', devices: { dc: { present: true, boundTo: 'dcd' } }, drivers: { dcd: { matches: ['dc'], present: true } },
    modules: {}, actors: { admin: acts },
  });
  const msg = (act: string) => { try { buildScenario(spec([act]), 'mainline', ''); return ''; } catch (e) { return String((e as Error).message); } };

  it.each([
    ['unbind dcd', "'unbind' takes 2 arguments: DRIVER DEVICE"],
    ['bind dcd dc dc', "'bind' takes 2 arguments: DRIVER DEVICE"],
    ['override dc', "'override' takes 2 arguments: DEVICE DRIVER"],
    ['del', "'del' takes 1 argument: DEVICE"],
    ['rmmod', "'rmmod' takes 1 argument: MODULE"],
    ['maybe unregister', "'unregister' takes 1 argument: DRIVER"],
    ['wait_for_device_probe dc', "'wait_for_device_probe' takes no arguments"],
  ])('%s', (act, said) => {
    expect(msg(act)).toContain(`actor 'admin': action '${act}': ${said}`);
  });
});

describe("a suite's verdict table fits about 120 columns", () => {
  const longParams = { profile: 'v5.10', patches: 'models/patches/deferred-add-dead.ts', supplier: 'rebind' };
  const idle = ['kernel_init: wait_for_device_probe', 'kernel_init: deferred_probe_initcall', 'hotplug: del c'];
  const outcome: SuiteOutcome = {
    suite: 'supplier-two-releasers', file: 'x.suite.ts', model: 'x.ts',
    cases: [{
      params: longParams, result: { states: 21720, seconds: 0.33, notes: ['a note'] } as unknown as Result, unpinned: true,
      rows: [{ property: 'sibling-probes-concurrent', expected: 'reachable', observed: 'reachable', status: 'ok' }],
      expectedIdle: idle, idleActions: idle, actionsStatus: 'ok',
    }],
  } as SuiteOutcome;

  it('each case on a line of its own, a long list wrapped in its column, nothing left out', () => {
    const lines = suiteTable([outcome]);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(120);
    expect(lines[1]).toBe('supplier-two-releasers  profile=v5.10 patches=models/patches/deferred-add-dead.ts supplier=rebind [1]');
    expect(lines[2]).toMatch(/^  sibling-probes-concurrent\s+reachable\s+reachable\s+21,720 \(not pinned\)\s+0\.33\s+ok$/);
    // Each `thread: action` whole, in both columns, under the row's first line.
    const actions = lines.slice(3).join('\n');
    expect(lines[3]).toMatch(/^  \(actions\)\s+never completed:.*never completed:.*\s+ok$/);
    for (const a of ['wait_for_device_probe,', 'deferred_probe_initcall,', 'hotplug: del c']) expect(actions.split(a).length - 1, a).toBe(2);
  });
});
