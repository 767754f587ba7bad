// The log fixtures (models/logs/*.log, each citing its source in its header): the expected
// `validate` outcome of each, the scenario `from-log` writes (golden), and that `check` runs that
// scenario, unedited, from a folder outside the repository.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck, ROOT } from '../cli/run.js';
import { tempDir } from '../temp.js';

const F = join(ROOT, 'models/logs');
const CASES: { log: string; model: string; params: string[]; exit: number; says: RegExp }[] = [
  // A public excerpt of a real re-probe loop, against the scenario from-log writes for it.
  { log: 'dwc3-reprobe-loop.log', model: 'dwc3.scenario.ts', params: ['--excerpt'], exit: 0, says: /IS a behaviour of the model: a run of \d+ steps prints all 11 checked lines[\s\S]*line 15 .*deferred_probe_work_func:mutex_lock .*Retrying from deferred list/ },
  { log: 'dwc3-reprobe-loop.log', model: 'dwc3.scenario.ts', params: [], exit: 1, says: /no run prints line 13 as its first checked line/ },
  { log: 'tegra-host1x-synthetic.log', model: 'models/tegra-host1x.ts', params: ['--param', 'profile=v4.2'], exit: 0, says: /IS a behaviour of the model: a run of \d+ steps prints all 10 checked lines/ },
  // from-log sees the late initcall (the timeout work's "deferred probe pending") and ends the boot actor with it. The mail
  // quotes an excerpt: the model's run probes four times (register, the initcall's two passes, the timeout work), the
  // quote shows the last two (10 s apart: the default timeout), so it is a behaviour only as an excerpt.
  { log: 'ti-sysc-deferred.log', model: 'ti.scenario.ts', params: ['--excerpt'], exit: 0, says: /IS a behaviour of the model: a run of \d+ steps prints all 3 checked lines[\s\S]*line 8 .*kworker deferred_probe_work_func: .*returned 517[\s\S]*line 9 .*kworker deferred_probe_timeout_work_func: deferred_probe_timeout_work_func:deferred_probe_pending .*deferred probe pending/ },
  { log: 'ti-sysc-deferred.log', model: 'ti.scenario.ts', params: [], exit: 1, says: /no run prints line 9 after the 2 checked lines before it[\s\S]*could print instead, as the log would show it:\n {4}probe of 2b300050\.target-module returned 517\n {2}the longest/ },
  { log: 'swapped.log', model: 'models/deferred-probe.ts', params: ['--param', 'profile=v4.2'], exit: 1, says: /no run prints line 3 .*\n.*Retrying from deferred list[\s\S]*could print instead, as the log would show it:\n {4}bus: 'platform': really_probe: probing driver dc-drv with device dc\n/ },
  { log: 'odroid-m1-pending.log', model: 'models/deferred-probe.ts', params: [], exit: 5, says: /nothing to check/ },
];

describe('log fixtures', () => {
  const dir = tempDir('probecheck-logs-');
  // The ti-sysc case validates against the scenario from-log wrote for it (written into the temporary folder).
  const modelPath = (m: string) => (m === 'ti.scenario.ts' ? join(dir, 'ti.ts') : m === 'dwc3.scenario.ts' ? join(dir, 'dwc3.ts') : m);
  writeFileSync(join(dir, 'ti.ts'), readFileSync(join(F, 'ti-sysc-deferred.scenario.txt'), 'utf8'));
  writeFileSync(join(dir, 'dwc3.ts'), readFileSync(join(F, 'dwc3-reprobe-loop.scenario.txt'), 'utf8'));

  it.each(CASES.map((c) => [c.log, c]))('validate %s', (_, c) => {
    const r = probecheck(['validate', modelPath(c.model), ...c.params, '--log', join(F, c.log)]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(c.says);
    expect(r.status).toBe(c.exit);
  });

  it.each([['ti-sysc-deferred', []], ['tegra-host1x-synthetic', ['--profile', 'v4.2']], ['dwc3-reprobe-loop', []]] as const)('from-log %s writes the expected scenario, and check runs it unedited outside the repository', (name, extra) => {
    copyFileSync(join(F, `${name}.log`), join(dir, `${name}.log`));
    const w = probecheck(['from-log', `${name}.log`, ...extra, '-o', `${name}.ts`], { cwd: dir });
    expect(w.status).toBe(0);
    expect(readFileSync(join(dir, `${name}.ts`), 'utf8')).toBe(readFileSync(join(F, `${name}.scenario.txt`), 'utf8'));
    const c = probecheck(['check', `${name}.ts`, '-q'], { cwd: dir });
    expect(c.stderr).toBe('');
    expect([0, 1]).toContain(c.status);
    expect(c.stdout).toMatch(/single-binding\s+holds/);
  });

  it('the scenario from the public dwc3 log finds its re-probe loop (quiescence, B15)', () => {
    const c = probecheck(['check', 'dwc3-reprobe-loop.ts', '--property', 'quiescence', '-q'], { cwd: dir });
    expect(c.stdout).toMatch(/quiescence\s+violated/);
    expect(c.status).toBe(1);
  });

  it('the scenario from the synthetic host1x log finds the parent-before-child race again', () => {
    const c = probecheck(['check', 'tegra-host1x-synthetic.ts', '--property', 'parent-before-child', '-q'], { cwd: dir });
    expect(c.stdout).toMatch(/parent-before-child\s+violated/);
    expect(c.status).toBe(1);
  });

  it('bad input: one line, exit 2', () => {
    const missing = probecheck(['validate', 'models/deferred-probe.ts', '--log', 'nope.log']);
    expect(missing.stderr).toMatch(/^probecheck: E503 \(unreadable input file\): nope\.log: no such file or directory\n$/);
    expect(missing.status).toBe(2);
    const empty = probecheck(['from-log', join(F, 'odroid-m1-pending.log')]);
    expect(empty.stderr).toMatch(/^probecheck: E701 \(log without driver-core events\): .*none of its 9 lines shows a driver probing a device/);
    expect(empty.status).toBe(2);
    expect(probecheck(['from-log', join(F, 'swapped.log'), '--profile', 'v9']).stderr).toMatch(/E602/);
  });

  it('--json names the first unmatched line and the run', () => {
    const r = probecheck(['validate', 'models/deferred-probe.ts', '--param', 'profile=v4.2', '--log', join(F, 'swapped.log'), '--json']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ verdict: 'not-a-behaviour', matched: 0, firstUnmatched: { line: 3, rule: 'retry' } });
    expect(r.status).toBe(1);
  });
});
