// Every format string a log rule cites is in the cited excerpt of the kernel's text, at the cited line.
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/kernel/source.js';
import { RULES } from '../../src/logs/formats.js';
import { readMessage, stripPrefixes } from '../../src/logs/parse.js';

describe('log rules', () => {
  const cites = RULES.flatMap((r) => r.cite.map((c) => ({ r, c })));
  it.each(cites.filter(({ c }) => c.snapshot !== 'unverified').map(({ r, c }) => [`${r.id}: ${c.path}@${c.snapshot}:${c.line} (${c.fn})`, c]))('%s', (_, c) => {
    const ex = excerpt(c.snapshot, c.path, c.fn);
    expect(ex, `no excerpt of ${c.fn} in kernel/${c.snapshot}/${c.path}`).not.toBeNull();
    const i = typeof c.line === 'number' ? c.line - ex!.firstLine! : Number(String(c.line).slice(1));
    expect(ex!.lines[i], `line ${c.line}`).toContain(`"${c.format}`.replace(/\\n$/, ''));
  });
  it('names where each unverified string was read', () => {
    for (const { r, c } of cites) if (c.snapshot === 'unverified') expect(c.note, r.id).toBeTruthy();
  });
  it('reads the prefixes of dmesg, caller ids, journalctl, a serial console and mail quoting', () => {
    expect(stripPrefixes('[    1.250000][    T42] platform dc: Added to deferred list')).toEqual({ text: 'platform dc: Added to deferred list', time: 1.25, task: 'T42' });
    expect(stripPrefixes('Dec 02 13:00:00 board kernel: bus: \'platform\': add device dc').text).toBe("bus: 'platform': add device dc");
    expect(stripPrefixes('2023-06-26T10:06:14.687517  / # [   19.589628] i2c i2c-10EC5682:00: deferred probe pending')).toMatchObject({ time: 19.589628, text: 'i2c i2c-10EC5682:00: deferred probe pending' });
    expect(stripPrefixes('> > <7>[    6.888776] probe of x returned 517 after 258 usecs').text).toBe('probe of x returned 517 after 258 usecs');
    expect(stripPrefixes('platform dc: Added to deferred list')).toEqual({ text: 'platform dc: Added to deferred list' });
  });
  it('reads each kind of line, and knows v3.6.0 wrote the bound-to names the other way round', () => {
    expect(readMessage("bus: 'usb': driver_probe_device: matched device 1-1 with driver usb")).toMatchObject({ bus: 'usb', fn: 'driver_probe_device', dev: '1-1', drv: 'usb' });
    expect(readMessage('tegra-dc 54200000.dc: Driver tegra-dc requests probe deferral')).toMatchObject({ dev: '54200000.dc', drv: 'tegra-dc', owner: 'tegra-dc' });
    expect(readMessage('qcom-smem: probe of 4aa00000.memory failed with error -110')).toMatchObject({ drv: 'qcom-smem', dev: '4aa00000.memory', ret: -110 });
    expect(readMessage('calling  host1x_init+0x0/0x90 [host1x] @ 212')).toMatchObject({ module: 'host1x', task: 'T212' });
    expect(readMessage('some other line')).toBeNull();
  });
});
