// Every format string a log rule cites is in the cited excerpt of the kernel's text, at the cited line.
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/kernel/source.js';
import { DEV_PREFIX_CITES, PENDING_REASON_CITES, RULES } from '../../src/logs/formats.js';
import { parseLog, readMessage, stripPrefixes, unknownPrefix } from '../../src/logs/parse.js';

describe('log rules', () => {
  // The dev_printk prefix the dev rules read behind, and the pending line's reason, are held as the rules' cites are.
  const cites = [...RULES.flatMap((r) => r.cite.map((c) => ({ r, c }))), ...DEV_PREFIX_CITES.map((c) => ({ r: { id: 'dev_prefix' }, c })),
    ...PENDING_REASON_CITES.map((c) => ({ r: { id: 'pending_reason' }, c }))];
  it.each(cites.filter(({ c }) => c.snapshot !== 'unverified').map(({ r, c }) => [`${r.id}: ${c.path}@${c.snapshot}:${c.line} (${c.fn})`, c]))('%s', (_, c) => {
    const ex = excerpt(c.snapshot, c.path, c.fn);
    expect(ex, `no excerpt of ${c.fn} in kernel/${c.snapshot}/${c.path}`).not.toBeNull();
    const i = typeof c.line === 'number' ? c.line - ex!.firstLine! : Number(String(c.line).slice(1));
    // The whole literal, quote to quote: a cite cut short (a prefix of the kernel's string) passed while the
    // closing quote and a trailing \n were not asked for (s46 h26).
    expect(ex!.lines[i], `line ${c.line}`).toContain(`"${c.format}"`);
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
  it("reads journalctl -k's other short output modes: short-precise, short-monotonic (time since boot), short-delta, short-full, short-unix", () => {
    // Lines of M. Dinu's boot log (linux-ide, "Re: Bug report for ahci-mvebu driver", 2022-12-04) in journalctl's forms.
    const text = "bus: 'scsi': add driver sd";
    expect(stripPrefixes(`Dec 04 02:40:35.063368 wrt1900 kernel: ${text}`)).toEqual({ text });
    expect(stripPrefixes(`[    3.063368] wrt1900 kernel: ${text}`)).toEqual({ text, time: 3.063368 });
    expect(stripPrefixes(`[    3.063368 <    0.000012>] wrt1900 kernel: ${text}`)).toEqual({ text, time: 3.063368 });
    expect(stripPrefixes(`Sun 2022-12-04 02:40:35 CET wrt1900 kernel: ${text}`)).toEqual({ text });
    expect(stripPrefixes(`1670118035.063368 wrt1900 kernel: ${text}`)).toEqual({ text });
    expect(stripPrefixes(`2022-12-04T02:40:35.063368+0100 wrt1900 kernel: ${text}`)).toEqual({ text });
    expect(parseLog(`[    3.080419] wrt1900 kernel: bus: 'platform': __driver_probe_device: matched device f10a8000.sata with driver ahci-mvebu\n`).events[0]).toMatchObject({ time: 3.080419, dev: 'f10a8000.sata', drv: 'ahci-mvebu' });
    // --no-hostname (velvet-os/imagebuilder#36's "[    0.000000] kernel: Linux version 5.15.22-stb-mt8+ ...") and a CJK
    // locale's two-character month ("8月 13 15:22:13 host kernel: "): the version line was left unread (s44 h13).
    expect(stripPrefixes(`[    3.063368] kernel: ${text}`)).toEqual({ text, time: 3.063368 });
    expect(stripPrefixes(`Dec 04 02:40:35 kernel: ${text}`)).toEqual({ text });
    expect(stripPrefixes(`8月 13 15:22:13 uuu-virtual-machine kernel: ${text}`)).toEqual({ text });
    expect(parseLog('[    0.000000] kernel: Linux version 5.15.22-stb-mt8+ (root@aarch64) (gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for Debian) 2.35.2) #5 SMP PREEMPT Tue Feb 22 21:52:33 CET 2022\n')).toMatchObject({ release: '5.15', version: '5.15.22-stb-mt8+', releaseLine: 1 });
  });
  it('joins a wrapped driver-core line with its continuation only where neither reads alone and the next has no timestamp', () => {
    const head = "[    5.184301] bus: 'platform': __driver_probe_device: matched device";
    expect(parseLog(`${head}\n3600000.pcie with driver layerscape-pcie-gen4\n`).events[0]).toMatchObject({ line: 1, dev: '3600000.pcie', drv: 'layerscape-pcie-gen4', time: 5.184301 });
    // A break after a hyphen, inside the name: joined without a space.
    expect(parseLog(`${head}\n3600000.pcie with driver layerscape-\npcie-gen4\n`).events[0]).toMatchObject({ drv: 'layerscape-pcie-gen4' });
    expect(parseLog(`${head}\n[    5.2] 3600000.pcie with driver layerscape-pcie-gen4\n`).events).toHaveLength(0);
    expect(parseLog(`${head}\n3600000.pcie with driver x\n`).wrapped).toEqual({ count: 1, line: 1 });
  });
  it("marks a device_add that repeats a name not removed since: the bus device is the add a 'bus: add device' follows", () => {
    const adds = (lines: string[]) => parseLog(lines.join('\n')).events.filter((e) => e.rule.id === 'device_add').map((e) => e.namesake ?? null);
    expect(adds(["device: 'x': device_add", "bus: 'scsi': add device x", "device: 'x': device_add"])).toEqual([null, 1]);
    expect(adds(["device: 'x': device_add", "device: 'x': device_add", "bus: 'scsi': add device x"])).toEqual([2, null]);
    // Removed in between: added again, not a namesake.
    expect(adds(["device: 'x': device_add", "bus: 'scsi': add device x", "bus: 'scsi': remove device x", "device: 'x': device_add"])).toEqual([null, null]);
    // core.c's device_unregister line: ttyS0 unregistered and added again (M. Dinu's ahci-mvebu boot, linux-ide, 2022-12) is
    // a new device; with a device of the name still there (a bus device and its class device), an add is still a namesake.
    expect(adds(["device: 'ttyS0': device_add", "device: 'ttyS0': device_unregister", "device: 'ttyS0': device_add"])).toEqual([null, null]);
    expect(adds(["device: 'x': device_add", "bus: 'platform': add device x", "device: 'x': device_add", "device: 'x': device_unregister", "device: 'x': device_add"])).toEqual([null, 1, 1]);
    expect(adds(["device: 'x': device_add", "device: 'x': device_add", "device: 'x': device_unregister", "device: 'x': device_unregister", "device: 'x': device_add"])).toEqual([null, 1, null]);
  });
  it('marks a device_add of a name whose device is being probed then: after its probe opened (a matched line, its driver\'s dev_printk), before the line deciding it', () => {
    const adds = (lines: string[]) => parseLog(lines.join('\n')).events.filter((e) => e.rule.id === 'device_add').map((e) => (e.inProbe ? e.namesake : null));
    const defer = 'drv-x x: Driver drv-x requests probe deferral';
    expect(adds(['drv-x x: no pinctrl handle', "device: 'x': device_add", defer])).toEqual([1]);
    expect(adds(["bus: 'platform': __driver_probe_device: matched device x with driver drv-x", "device: 'x': device_add", defer])).toEqual([1]);
    // A bus's name before the device is no probe; nor is a driver's line after the probe was decided.
    expect(adds(['platform x: Added to deferred list', "device: 'x': device_add", defer])).toEqual([null]);
    expect(adds(['drv-x x: no pinctrl handle', defer, "device: 'x': device_add"])).toEqual([null]);
    // A driver's line after its probe was decided is the bound driver's: a device deleted with no line and added again.
    expect(adds(["bus: 'platform': __driver_probe_device: matched device x with driver drv-x", "driver: 'drv-x': driver_bound: bound to device 'x'",
      'drv-x x: link up', "device: 'x': device_add", 'probe of x returned 0 after 5 usecs'])).toEqual([null]);
    // USB's device driver is named as its bus: "usb usb1: New USB device found" comes before usb1's device_add.
    expect(adds(['usb usb1: New USB device found, idVendor=1d6b', "device: 'usb1': device_add", "driver: 'usb': driver_bound: bound to device 'usb1'"])).toEqual([null]);
    // Probed again after the add (a matched line between): the device deleted and added again.
    expect(adds(['drv-x x: up', "device: 'x': device_add", "bus: 'platform': __driver_probe_device: matched device x with driver drv-x", defer])).toEqual([null]);
  });
  it('a line in the middle of a log that stops short of a whole probe line is said to be cut, not another kernel\'s form', () => {
    const log = (mid: string) => parseLog([
      "bus: 'platform': __driver_probe_device: matched device foo.0 with driver foo", mid,
      "driver: 'foo': driver_bound: bound to device 'foo.0'"].join('\n'));
    const cut = log("bus: 'platform': really_probe: probing driver foo with dev");
    // Before: variant, "says what a probe line says in a form probecheck does not read ... as another kernel may print it".
    expect(cut.variant).toBeUndefined();
    expect(cut.short).toEqual({ count: 1, line: 2, text: "bus: 'platform': really_probe: probing driver foo with dev" });
    expect(log('platform foo.0: bus: \'platform\': really_probe: probing driver foo wi').short?.count).toBe(1);
    expect(log('foo: probe of foo.0 failed with err').short?.count).toBe(1);
    // Another kernel's form stays a variant; a line of three words or fewer, or not a probe line's beginning, neither.
    expect(log('foo: probe of foo.0 with driver foo returned -517').variant?.count).toBe(1);
    for (const l of ['usb: probe', 'usb 1-1: new high-speed USB device', "bus: 'pla"]) expect(log(l).short, l).toBeUndefined();
  });
  it("a last line that is a whole bus.c/core.c line no rule reads is not called cut (an rmmod's driver_release)", () => {
    const probe = "bus: 'platform': really_probe: probing driver foo-drv with device foo.0";
    const last = (l: string) => parseLog(`${probe}\n${l}\n`).lastCut;
    for (const l of ["driver: 'foo-drv': driver_release", "device: 'foo.0': device_unregister", "device: 'ttyS0': device_create_release",
      "bus: 'foo': registered", "bus: 'foo': unregistering", "device: 'foo.0': dev_uevent: bus uevent() returned -19"]) expect(last(l), l).toBeUndefined();
    expect(last("driver: 'foo-drv': driver_rel")).toEqual({ line: 2, text: "driver: 'foo-drv': driver_rel", lineEnd: true });
    expect(last("bus: 'platform': remove driver")).toEqual({ line: 2, text: "bus: 'platform': remove driver", lineEnd: true });
  });
  it('says whether a line end follows the unread last line: without one the log ends mid-line (s48 h17)', () => {
    const probe = "bus: 'platform': really_probe: probing driver foo-drv with device foo.0", cut = "driver: 'foo-drv': driver_rel";
    expect(parseLog(`${probe}\n${cut}`).lastCut?.lineEnd).toBe(false);
    for (const end of ['\n', '\r\n', '\n\n\n', ' \n']) expect(parseLog(`${probe}\n${cut}${end}`).lastCut?.lineEnd, JSON.stringify(end)).toBe(true);
    expect(parseLog(`${probe}\r${cut}\r`).lastCut?.lineEnd).toBe(true); // old Mac line ends
    expect(parseLog(`${probe}\r${cut}`).lastCut?.lineEnd).toBe(false);
  });
  it("reads dmesg -d (time and delta), -e/-H (reltime) and --color (sys-utils/dmesg.c print_record)", () => {
    // Lines of M. Dinu's hotplug log quoted by D. Le Moal (linux-ide, "Re: Bug report for ahci-mvebu driver", 2022-11-12).
    const text = "bus: 'scsi': really_probe: probing driver sd with device 1:0:0:0";
    expect(stripPrefixes(`[  195.840063 <    0.008375>] ${text}`)).toEqual({ text, time: 195.840063 });
    expect(stripPrefixes(`[  195.840063 <    0.008375>] [  T28] ${text}`)).toEqual({ text, time: 195.840063, task: 'T28' });
    expect(stripPrefixes(`[<    0.008375>] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`[  +0.008375] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`[ +58.397713] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`[Nov11 23:03] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`[Nov 1 23:03] [  T28] ${text}`)).toEqual({ text, task: 'T28' });
    expect(stripPrefixes(`\x1b[32m[  195.840063]\x1b[0m [  T28] ${text}`)).toEqual({ text, time: 195.840063, task: 'T28' });
    expect(stripPrefixes('\x1b[32m[  +0.012504] \x1b[0m\x1b[33msd 1:0:0:0: \x1b[0mAdded to deferred list')).toEqual({ text: 'sd 1:0:0:0: Added to deferred list' });
  });
  it("reads util-linux dmesg's own prefixes: -T (ctime), --time-format iso, -x (sys-utils/dmesg.c print_record)", () => {
    const text = "bus: 'platform': add driver panel-simple";
    expect(stripPrefixes(`[Tue Dec  3 12:00:01 2024] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`[Tue Dec  3 12:00:01 2024] [    T42] ${text}`)).toEqual({ text, task: 'T42' });
    expect(stripPrefixes(`[Tue Dec  3 12:00:01 2024 <    0.000100>] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`2024-12-03T12:00:01,123456+00:00 ${text}`)).toEqual({ text });
    expect(stripPrefixes(`2013-06-13T22:11:00,123456+0100 ${text}`)).toEqual({ text });
    expect(stripPrefixes(`kern  :debug : [Tue Dec  3 12:00:01 2024] ${text}`)).toEqual({ text });
    expect(stripPrefixes(`kern  :debug : ${text}`)).toEqual({ text });
    expect(parseLog('[Tue Dec  3 12:00:01 2024] Linux version 6.6.12 (b@h) #1\n').release).toBe('6.6');
  });
  it('names the prefix of a driver-core line it cannot read, and never reads that line', () => {
    expect(unknownPrefix("board-7| bus: 'platform': add driver panel-simple")).toBe('board-7| ');
    expect(unknownPrefix('some other line: with words')).toBeUndefined();
    const log = parseLog("bus: 'platform': add driver a\nboard-7| bus: 'platform': add driver b\nboard-7| platform dc: Added to deferred list\n");
    expect(log.events).toHaveLength(1);
    expect(log.prefixed).toEqual({ count: 2, line: 2, prefix: 'board-7| ', text: "bus: 'platform': add driver b" });
  });
  it('reads each kind of line, and knows v3.6.0 wrote the bound-to names the other way round', () => {
    expect(readMessage("bus: 'usb': driver_probe_device: matched device 1-1 with driver usb")).toMatchObject({ bus: 'usb', fn: 'driver_probe_device', dev: '1-1', drv: 'usb' });
    expect(readMessage('tegra-dc 54200000.dc: Driver tegra-dc requests probe deferral')).toMatchObject({ dev: '54200000.dc', drv: 'tegra-dc', owner: 'tegra-dc' });
    expect(readMessage('qcom-smem: probe of 4aa00000.memory failed with error -110')).toMatchObject({ drv: 'qcom-smem', dev: '4aa00000.memory', ret: -110 });
    expect(readMessage('calling  host1x_init+0x0/0x90 [host1x] @ 212')).toMatchObject({ module: 'host1x', task: 'T212' });
    expect(readMessage('some other line')).toBeNull();
  });
  it('reads a driver name with a space in every line that prints it, also as the dev_printk owner the line names, as one word', () => {
    // One word, each space an underscore (oneWord), the name as the line spells it kept (2026-12-06; before: 'i8042 kbd').
    expect(readMessage("bus: 'pnp': really_probe: probing driver i8042 kbd with device 00:06")).toMatchObject({ drv: 'i8042_kbd', spaced: 'i8042 kbd', dev: '00:06' });
    expect(readMessage('i8042 kbd: probe of 00:06 failed with error -5')).toMatchObject({ drv: 'i8042_kbd', dev: '00:06' });
    expect(readMessage('i8042 kbd 00:06: Driver i8042 kbd requests probe deferral')).toMatchObject({ rule: { id: 'deferral' }, drv: 'i8042_kbd', dev: '00:06', owner: 'i8042_kbd' });
    // A two-word owner the line does not name as its driver is no prefix.
    expect(readMessage('board drv 00:06: Driver drv requests probe deferral')).toBeNull();
  });
  it('reads the dev_printk forms dd.c prints since v6.12 (the device in the prefix), as the same kinds of event', () => {
    expect(readMessage("platform 54200000.dc: bus: 'platform': __driver_probe_device: matched device with driver tegra-dc")).toMatchObject({ rule: { id: 'matched' }, bus: 'platform', fn: '__driver_probe_device', dev: '54200000.dc', drv: 'tegra-dc' });
    expect(readMessage("platform 54200000.dc: bus: 'platform': really_probe: probing driver tegra-dc with device")).toMatchObject({ rule: { id: 'probing' }, dev: '54200000.dc', drv: 'tegra-dc' });
    expect(readMessage("tegra-dc 54200000.dc: driver: 'tegra-dc': driver_bound: bound to device")).toMatchObject({ rule: { id: 'bound_to' }, dev: '54200000.dc', drv: 'tegra-dc' });
    expect(readMessage("tegra-dc 54200000.dc: bus: 'platform': really_probe: bound device to driver tegra-dc")).toMatchObject({ rule: { id: 'bound' }, dev: '54200000.dc', drv: 'tegra-dc' });
    expect(readMessage('qcom-smem 4aa00000.memory: probe with driver qcom-smem failed with error -110')).toMatchObject({ rule: { id: 'probe_failed', model: 'error' }, drv: 'qcom-smem', dev: '4aa00000.memory', ret: -110 });
    expect(readMessage('i2c 0-0010: probe with driver foo rejects match -19')).toMatchObject({ rule: { id: 'rejects_match' }, drv: 'foo', dev: '0-0010', ret: -19 });
    expect(readMessage('i2c i2c-10EC5682:00: deferred probe pending: wait for supplier /soc/i2c@0')).toMatchObject({ rule: { id: 'deferred_pending' }, dev: 'i2c-10EC5682:00', reason: 'wait for supplier /soc/i2c@0' });
  });
});

// Two log hunts (2026-12-04): a real log booted with dyndbg's +f (each line behind its function's
// name) and one with +plmft (`[96] libata:ata_port_classify:344: `) were E701, "capture with dmesg".
describe("dyndbg's decorations", () => {
  it('+f, +m, +l and +t are read through; the thread id is the task', () => {
    const log = parseLog([
      "[    1.000000] really_probe: bus: 'platform': really_probe: probing driver adv7511 with device 2-0039",
      "[    1.100000] [42] dd:really_probe:604: bus: 'platform': really_probe: probing driver adv7511 with device 2-0040",
      '[    1.200000] some_driver: unrelated: a line that is no driver-core line',
    ].join('\n'));
    expect(log.events.map((e) => [e.rule.id, e.dev, e.task])).toEqual([['probing', '2-0039', undefined], ['probing', '2-0040', 'T42']]);
    expect(log.decorated).toEqual({ count: 2, line: 1 });
    expect(log.unknown).toBe(1);
  });
});

// A log hunt (2026-12-04): a mail pasted two boots (times 191 s, then 185 s); they were read as one run with no word.
describe('a second boot in one log', () => {
  it('is found by a timestamp going back more than 2 s, or a second "Linux version" line; small disorder is not one', () => {
    const line = (t: number, m: string) => `[${t.toFixed(6).padStart(12)}] ${m}`;
    const probe = (d: string) => `bus: 'platform': really_probe: probing driver drv with device ${d}`;
    expect(parseLog([line(191, probe('a')), line(185, probe('b'))].join('\n')).reboot).toEqual({ line: 2, why: 'its timestamp (185 s) is before one already seen (191 s)' });
    expect(parseLog(['Linux version 6.1.0 (x)', line(1, probe('a')), 'Linux version 6.1.0 (x)', line(1.5, probe('b'))].join('\n')).reboot).toEqual({ line: 3, why: 'a second "Linux version" line (the first at line 1)' });
    expect(parseLog([line(10.5, probe('a')), line(10.2, probe('b')), line(11, probe('c'))].join('\n')).reboot).toBeUndefined();
  });
});

describe('journalctl -o json', () => {
  it('a MESSAGE of bytes that are not UTF-8 is decoded, the bad byte as U+FFFD', () => {
    const line = JSON.stringify({ MESSAGE: [...Buffer.from('foo bar: caf'), 0xe9], _SOURCE_MONOTONIC_TIMESTAMP: '1500000' });
    expect(stripPrefixes(line)).toEqual({ text: 'foo bar: caf\uFFFD', time: 1.5 });
  });
});
