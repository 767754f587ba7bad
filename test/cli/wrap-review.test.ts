/**
 * The wrap of long notes (src/report/wrap.ts) as a reader copies from it (a review of s43 h5's
 * wrap, s43 h9): a backticked span (kernel code, a line to write) and `probecheck X` are never
 * cut across lines, and a wide character (a CJK device name) takes two columns.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proseUnits, wrapProse } from '../../src/report/wrap.js';
import { visibleLength } from '../../src/report/table.js';
import { probecheck, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

const ticks = (l: string) => l.split('`').length - 1;

describe('wrapProse keeps what a reader copies on one line', () => {
  it('a backticked span with spaces moves whole; an unclosed backtick cuts as plain words', () => {
    const line = `note: ${'x'.repeat(40)} clear it in the load (\`t.ovr = 0\` after orig.run), or do the test there`;
    for (let w = 70; w <= 82; w++) {
      const out = wrapProse(line, w);
      for (const l of out) expect(ticks(l) % 2, `${w}: ${l}`).toBe(0);
      expect(out.some((l) => l.includes('`t.ovr = 0`')), String(w)).toBe(true);
      expect(out.map((l) => l.trim()).join(' ')).toBe(line);
    }
    expect(proseUnits('a `b c d e')).toEqual(['a', '`b', 'c', 'd', 'e']);
  });

  it('`probecheck` stays with its command', () => {
    const line = `shard 1/2: ${'y'.repeat(41)} write each result with --json-out and run probecheck merge on them`;
    // The width ends just after `probecheck`: a cut at any space would leave `merge` below it.
    const out = wrapProse(line, line.indexOf(' merge'));
    expect(out.length).toBe(2);
    expect(out[1]).toMatch(/^ +probecheck merge on them$/);
  });

  it('a wide character takes two columns', () => {
    expect(visibleLength('串口 a')).toBe(6);
    const out = wrapProse(`note: ${'串口控制器 '.repeat(12).trim()}`, 40);
    expect(out.length).toBeGreaterThan(2);
    for (const l of out) expect(visibleLength(l)).toBeLessThanOrEqual(40);
  });
});

describe('unwrap() joins only what the wrapper cut', () => {
  it("a deadlock's `blocked at` line stays under its `waits for` line (no wrapper cut either)", () => {
    const text = [
      '  hotplug holds &dev->mutex(dc), waits for &dev->mutex(dc) (held by hotplug itself since step 3)',
      '      blocked at __device_attach_async_helper(dc):device_lock in drivers/base/dd.c:__device_attach_async_helper',
      '  hotplug waits for &dev->mutex(dc) (held by kworker/u:async __device_attach_async_helper(dc) since step 8)',
      '      blocked at device_release_driver(dc):device_lock in drivers/base/dd.c:device_release_driver',
    ].join('\n');
    expect(unwrap(text)).toBe(text);
    const note = `note: ${'word '.repeat(40).trim()} \`a b c\` end`;
    expect(unwrap(wrapProse(note, 100).join('\n'))).toBe(note);
  });
});

describe('a model note with kernel code in backticks, through the CLI', () => {
  const dir = tempDir();
  // v4.2 has no match deferral: the note quotes the walk's test in backticks, and this device's
  // name puts that span across column 100.
  writeFileSync(join(dir, 'amba.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'amba', profile: 'v4.2', devices: { 'serial-pl011-uart-port0': { matchDefers: true } },
  drivers: { 'uart-pl011': { matches: ['serial-pl011-uart-port0'] } },
  actors: { hotplug: 'add serial-pl011-uart-port0', modprobe: 'register uart-pl011' }, properties: ['no-deadlock'] });
`);

  it('the span is on one line, the text reads whole when joined, and --json keeps the note whole', () => {
    const r = probecheck(['check', 'amba.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(0);
    const code = '`if (!driver_match_device(drv, dev))`';
    expect(r.stdout.split('\n').some((l) => l.includes(code))).toBe(true);
    for (const l of r.stdout.split('\n')) expect(ticks(l) % 2, l).toBe(0);
    const note = (JSON.parse(probecheck(['check', 'amba.ts', '--json'], { cwd: dir }).stdout) as { runs: { notes: string[] }[] }).runs[0]!.notes.find((n) => n.includes(code))!;
    expect(note).toBeDefined();
    expect(r.stdout).not.toContain(`note: ${note}`);
    expect(unwrap(r.stdout)).toContain(`note: ${note}`);
  });
});
