/**
 * `validate` and `from-log` on the forms util-linux's dmesg prints a log in (sys-utils/dmesg.c:
 * `-T`, `--time-format iso`, `-x`), and the one line they give for a log whose driver-core lines
 * stand behind a prefix the reader does not know.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck, tempDir } from './run.js';

const MESSAGES = [
  'Linux version 6.6.12 (builder@host) (gcc 12.2.0) #1 SMP PREEMPT',
  "bus: 'platform': add driver panel-simple",
  "bus: 'platform': __driver_probe_device: matched device panel with driver panel-simple",
  "bus: 'platform': really_probe: probing driver panel-simple with device panel",
  'panel-simple panel: Driver panel-simple requests probe deferral',
  'platform panel: Added to deferred list',
  "bus: 'platform': add driver pwm-drv",
  "bus: 'platform': __driver_probe_device: matched device pwm with driver pwm-drv",
  "bus: 'platform': really_probe: probing driver pwm-drv with device pwm",
  "driver: 'pwm-drv': driver_bound: bound to device 'pwm'",
  "bus: 'platform': really_probe: bound device pwm to driver pwm-drv",
  'platform panel: Retrying from deferred list',
  "bus: 'platform': __driver_probe_device: matched device panel with driver panel-simple",
  "bus: 'platform': really_probe: probing driver panel-simple with device panel",
  "driver: 'panel-simple': driver_bound: bound to device 'panel'",
  "bus: 'platform': really_probe: bound device panel to driver panel-simple",
];
const FORMS: [string, (m: string, i: number) => string][] = [
  ['dmesg -T', (m, i) => `[Tue Dec  3 12:00:${String(i).padStart(2, '0')} 2024] ${m}`],
  ['dmesg --time-format iso', (m, i) => `2024-12-03T12:00:${String(i).padStart(2, '0')},123456+00:00 ${m}`],
  ['dmesg --time-format iso, older util-linux (zone without colon)', (m, i) => `2024-12-03T12:00:${String(i).padStart(2, '0')},123456+0100 ${m}`],
  ['dmesg -x -T', (m, i) => `kern  :debug : [Tue Dec  3 12:00:${String(i).padStart(2, '0')} 2024] ${m}`],
  ['dmesg --time-format ctime,delta', (m, i) => `[Tue Dec  3 12:00:${String(i).padStart(2, '0')} 2024 <    0.000100>] ${m}`],
  ['dmesg -x -t', (m) => `kern  :debug : ${m}`],
  // A log hunt (2026-12-05): these four were not read at all (a coloured one got E701's "boot with dyndbg").
  ['dmesg -d', (m, i) => `[    1.${String(i).padStart(6, '0')} <    0.000001>] ${m}`],
  ['dmesg --time-format delta', (m) => `[<    0.000100>] ${m}`],
  ['dmesg -H (reltime), no colour', (m, i) => (i % 5 ? `[  +0.000${String(i).padStart(3, '0')}] ${m}` : `[Dec 3 12:0${i / 5}] ${m}`)],
  ['dmesg -H (reltime and colour, as on a terminal)', (m, i) => `\x1b[32m${i % 5 ? '[  +0.000100]' : '[Dec15 12:00]'} \x1b[0m${m.replace(/^(\S+ \S+: )/, '\x1b[33m$1\x1b[0m')}`],
  ['dmesg --color=always -T', (m, i) => `\x1b[32m[Tue Dec  3 12:00:${String(i).padStart(2, '0')} 2024] \x1b[0m${m}`],
];

describe('logs as util-linux dmesg prints them', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'plain.log'), `${MESSAGES.join('\n')}\n`);
  const w = probecheck(['from-log', 'plain.log', '-o', 'plain.ts'], { cwd: dir });

  it.each(FORMS)('%s: validate reads every driver-core line, and from-log writes the same scenario', (name, form) => {
    expect(w.status).toBe(0);
    const file = `${name.replace(/\W+/g, '-')}.log`;
    writeFileSync(join(dir, file), `${MESSAGES.map(form).join('\n')}\n`);
    const v = probecheck(['validate', 'plain.ts', '--log', file], { cwd: dir });
    expect(v.stdout).toContain('15 driver-core lines read: 15 checked; 0 other lines kept, not read');
    expect(v.status).toBe(0);
    const f = probecheck(['from-log', file], { cwd: dir });
    expect(f.status).toBe(0);
    expect(f.stdout.split('\n').slice(1).join('\n').replace(/"name": "[^"]*"/, '')).toBe(probecheck(['from-log', 'plain.log'], { cwd: dir }).stdout.split('\n').slice(1).join('\n').replace(/"name": "[^"]*"/, ''));
  });

  it('a prefix the reader does not know is named, not blamed on the boot options (validate: exit 5; from-log: E701)', () => {
    writeFileSync(join(dir, 'board.log'), `${MESSAGES.map((m) => `board-7| ${m}`).join('\n')}\n`);
    const v = probecheck(['validate', 'plain.ts', '--log', 'board.log'], { cwd: dir });
    expect(v.stdout).toContain(`nothing to check: 15 lines hold a driver-core line behind a prefix probecheck does not read (line 2: "board-7|" before "bus: 'platform': add driver panel-simple")`);
    expect(v.stdout).not.toContain('dyndbg');
    expect(v.status).toBe(5);
    const f = probecheck(['from-log', 'board.log'], { cwd: dir });
    expect(f.stderr).toMatch(/^probecheck: E701 .*15 lines hold a driver-core line behind a prefix probecheck does not read \(line 2: "board-7\|"/);
    expect(f.stderr).not.toContain('dyndbg');
    expect(f.stderr.trim().split('\n')).toHaveLength(1);
    expect(f.status).toBe(2);
  });

  it('lines behind an unknown prefix in a log that is otherwise read are said, not silently left out', () => {
    writeFileSync(join(dir, 'half.log'), `${MESSAGES.map((m, i) => (i >= 11 ? `board-7| ${m}` : m)).join('\n')}\n`);
    const v = probecheck(['validate', 'plain.ts', '--log', 'half.log'], { cwd: dir });
    expect(v.stdout).toContain('not read: 5 lines hold a driver-core line behind a prefix probecheck does not read (line 12: "board-7|"');
    const f = probecheck(['from-log', 'half.log'], { cwd: dir });
    expect(f.stdout).toContain('// note: not read: 5 lines hold a driver-core line behind a prefix');
  });
});

describe("validate: the log's kernel against the profile", () => {
  it('a 6.6.12 log against profile v4.2 is warned of, with the profile that fits, in the report and in --json (was a silent pass)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'panel.log'), `${MESSAGES.map((m, i) => `[${(i / 10).toFixed(6).padStart(12)}][    T1] ${m}`).join('\n')}\n`);
    expect(probecheck(['from-log', 'panel.log', '-o', 'panel.ts'], { cwd: dir }).status).toBe(0);
    const v = probecheck(['validate', 'panel.ts', '--log', 'panel.log', '--param', 'profile=v4.2'], { cwd: dir });
    const lines = v.stdout.split('\n');
    expect(lines[2]).toBe('  warning: the log is of Linux 6.6.12 (line 1), the model of profile v4.2: the profile for that release is v6.6 (--param profile=v6.6)');
    expect(lines[3]).toMatch(/^ {2}warning: line 3 prints "matched device" from __driver_probe_device, .* v5\.15 or a later profile fits the log$/);
    expect(v.status).toBe(0);
    const j = probecheck(['validate', 'panel.ts', '--log', 'panel.log', '--param', 'profile=v4.2', '--json'], { cwd: dir });
    expect(JSON.parse(j.stdout).warnings).toHaveLength(2);
    const ok = probecheck(['validate', 'panel.ts', '--log', 'panel.log', '--param', 'profile=v6.6'], { cwd: dir });
    expect(ok.stdout).not.toContain('warning');
    expect(ok.status).toBe(0);
  });
});
