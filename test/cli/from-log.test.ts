/** `probecheck from-log`: what it says about the scenario it wrote. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, probecheck, tempDir } from './run.js';

describe('probecheck from-log', () => {
  it('counts one device and one driver in the singular (was "1 devices, 1 drivers")', () => {
    const out = join(tempDir(), 'ti.ts');
    const r = probecheck(['from-log', join(ROOT, 'models/logs/ti-sysc-deferred.log'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`wrote ${out}: 1 device, 1 driver, profile mainline; run: probecheck check ${out}\n`);
    expect(readFileSync(out, 'utf8')).toContain('"describe": "from a kernel log: 1 device, 1 driver"');
  });

  it("quotes a path with a space or a quote in the commands it prints, so a shell reads it as one word (was split: s46 h18)", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'my logs'));
    copyFileSync(join(ROOT, 'models/logs/ti-sysc-deferred.log'), join(dir, 'my logs', "ti's boot.log"));
    const r = probecheck(['from-log', "my logs/ti's boot.log", '-o', 'my logs/ti s.ts'], { cwd: dir });
    expect(r.status).toBe(0);
    const run = /; run: probecheck (check .*)\n$/.exec(r.stderr)?.[1];
    expect(run).toBe("check 'my logs/ti s.ts'");
    // The words a shell reads in it: the file is one.
    expect(execFileSync('sh', ['-c', `printf '%s\\n' ${run}`], { encoding: 'utf8' })).toBe('check\nmy logs/ti s.ts\n');
    expect(readFileSync(join(dir, 'my logs/ti s.ts'), 'utf8')).toMatch(/^\/\/ Written by `probecheck from-log 'ti'\\''s boot\.log'`/);
  });

  it('and two in the plural', () => {
    const r = probecheck(['from-log', join(ROOT, 'models/logs/tegra-host1x-synthetic.log')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"describe": "from a kernel log: 2 devices, 2 drivers"');
  });

  it('a log without caller ids keeps its module (from the initcall_debug lines), so validate checks those lines (was "module pwm_mod is not in the scenario")', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notime.log'), [
      "bus: 'platform': add driver panel-simple",
      "bus: 'platform': really_probe: probing driver panel-simple with device panel",
      'panel-simple panel: Driver panel-simple requests probe deferral',
      'platform panel: Added to deferred list',
      'calling  pwm_mod_init+0x0/0x1000 [pwm_mod] @ 100',
      "bus: 'platform': add driver pwm-drv",
      "bus: 'platform': really_probe: probing driver pwm-drv with device pwm",
      "driver: 'pwm-drv': driver_bound: bound to device 'pwm'",
      'initcall pwm_mod_init+0x0/0x1000 [pwm_mod] returned 0 after 500 usecs',
      '',
    ].join('\n'));
    const w = probecheck(['from-log', 'notime.log', '-o', 'notime.ts'], { cwd: dir });
    expect(w.status).toBe(0);
    const text = readFileSync(join(dir, 'notime.ts'), 'utf8');
    expect(text).toMatch(/^\/\/ note: the log has no printk caller ids/m);
    expect(text).toContain('"module": "pwm_mod"');
    const v = probecheck(['validate', 'notime.ts', '--log', 'notime.log'], { cwd: dir });
    expect(v.stdout).toContain('9 driver-core lines read: 9 checked;');
    expect(v.status).toBe(0);
  });

  // A log hunt (2026-12-04): a whole boot (23 devices, 16 drivers) ran 90 s to 12.7 M states, every verdict unknown, with no word before.
  it('says when a scenario is more than a search usually finishes', () => {
    const dir = tempDir();
    const lines = Array.from({ length: 7 }, (_, i) => [`bus: 'platform': add driver d${i}-drv`, `device: 'd${i}': device_add`, `bus: 'platform': add device d${i}`,
      `bus: 'platform': really_probe: probing driver d${i}-drv with device d${i}`, `bus: 'platform': really_probe: bound device d${i} to driver d${i}-drv`]).flat();
    writeFileSync(join(dir, 'big.log'), `${lines.join('\n')}\n`);
    const w = probecheck(['from-log', 'big.log', '-o', 'big.ts'], { cwd: dir });
    expect(w.status).toBe(0);
    expect(w.stderr).toContain('note: 14 devices and drivers is more than an exhaustive search usually finishes');
    writeFileSync(join(dir, 'small.log'), `${lines.slice(0, 10).join('\n')}\n`);
    expect(probecheck(['from-log', 'small.log', '-o', 'small.ts'], { cwd: dir }).stderr).not.toContain('note:');
  });
});

describe('probecheck from-log -o', () => {
  it('refuses to write the scenario over the log it reads (it replaced the log, exit 0)', () => {
    const dir = tempDir(), log = readFileSync(join(ROOT, 'models/logs/tegra-host1x-synthetic.log'), 'utf8');
    writeFileSync(join(dir, 'boot.log'), log);
    const r = probecheck(['from-log', 'boot.log', '-o', './boot.log'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('probecheck: E501 (bad command-line usage): -o ./boot.log: that file is the log this run reads; write the scenario elsewhere\n');
    expect(readFileSync(join(dir, 'boot.log'), 'utf8')).toBe(log);
  });
});
