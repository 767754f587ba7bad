// from-log's readings of a log, on small logs written for each: parents from nested probes and from
// devices added inside a probe, modules from initcall_debug, async from the tasks, the profile from
// "Linux version".
import { describe, expect, it } from 'vitest';
import { fromLog, profileFor } from '../../src/logs/from-log.js';
import { tooDeep } from '../../src/cli/from-log.js';
import { MAX_STEPS } from '../../src/engine/compile.js';
import { parseLog } from '../../src/logs/parse.js';
import { keyByBus } from '../../src/logs/bus-keyed.js';
import { validate } from '../../src/logs/validate.js';
import { buildModel } from '../../src/cli/build.js';
import { scenario, type ScenarioSpec } from '../../src/kernel/scenario.js';

const read = (lines: string[], profile?: string) => fromLog(parseLog(lines.join('\n')), 't', profile).spec;

describe('from-log', () => {
  it('a device added while a probe runs in the same task is registered by that probe', () => {
    const s = read([
      "[    1.0][    T1] bus: 'platform': add driver host1x",
      "[    1.1][    T1] bus: 'platform': really_probe: probing driver host1x with device host1x",
      "[    1.2][    T1] device: 'dc': device_add",
      "[    1.3][    T1] driver: 'host1x': driver_bound: bound to device 'host1x'",
      "[    1.4][    T5] bus: 'platform': really_probe: probing driver tegra-dc with device dc",
    ]);
    expect(s.devices).toEqual({ host1x: { present: true }, dc: { parent: 'host1x' } });
    expect(s.drivers.host1x).toMatchObject({ matches: ['host1x'], registers: ['dc'] });
    expect(s.drivers['tegra-dc']).toMatchObject({ matches: ['dc'], present: true });
    expect(s.actors).toEqual({ 'task T1': 'register host1x' });
  });

  it('module loads from initcall_debug, and a probe in a third task is async', () => {
    const s = read([
      '[    2.0][  T212] calling  mmc_blk_init+0x0/0x1000 [mmc_block] @ 212',
      "[    2.1][  T212] bus: 'mmc': add driver mmcblk",
      '[    2.2][  T212] initcall mmc_blk_init+0x0/0x1000 [mmc_block] returned 0 after 80 usecs',
      "[    2.3][    T9] device: 'card': device_add",
      "[    2.4][    T9] bus: 'mmc': add device card",
      "[    2.5][   T77] bus: 'mmc': really_probe: probing driver mmcblk with device card",
      "[    2.6][   T77] mmcblk: probe of card failed with error -110",
    ]);
    expect(s.drivers.mmcblk).toEqual({ matches: ['card'], bus: 'mmc', probeType: 'async', module: 'mmc_block', probe: 'error' });
    expect(s.modules).toEqual({ mmc_block: {} });
    expect(s.actors).toEqual({ 'modprobe mmc_block': 'modprobe mmc_block', 'task T9': 'add card' });
    expect(s.buses).toEqual({ mmc: {} });
  });

  it('without caller ids, the module from the initcall_debug lines around the driver registration, and a header note', () => {
    const lines = [
      "bus: 'platform': add driver panel-simple",
      "bus: 'platform': really_probe: probing driver panel-simple with device panel",
      'panel-simple panel: Driver panel-simple requests probe deferral',
      'calling  pwm_mod_init+0x0/0x1000 [pwm_mod] @ 100',
      "bus: 'platform': add driver pwm-drv",
      "bus: 'platform': really_probe: probing driver pwm-drv with device pwm",
      "driver: 'pwm-drv': driver_bound: bound to device 'pwm'",
      'initcall pwm_mod_init+0x0/0x1000 [pwm_mod] returned 0 after 500 usecs',
      "bus: 'platform': add driver late-drv",
      "bus: 'platform': really_probe: probing driver late-drv with device late",
    ];
    const r = fromLog(parseLog(lines.join('\n')), 't');
    expect(r.spec.drivers['pwm-drv']).toMatchObject({ module: 'pwm_mod' });
    expect(r.spec.drivers['late-drv']!.module).toBeUndefined();
    expect(r.spec.modules).toEqual({ pwm_mod: {} });
    expect(r.spec.actors).toEqual({ boot: ['register panel-simple', 'register late-drv'], 'modprobe pwm_mod': 'modprobe pwm_mod' });
    expect(r.notes.join('\n')).toMatch(/no printk caller ids .*not known/);
    // With caller ids, no such note.
    expect(fromLog(parseLog(lines.map((l) => `[    T1] ${l}`).join('\n')), 't').notes.join('\n')).not.toMatch(/caller ids/);
  });

  it('without caller ids, a driver registered while two module inits are under way is not given to either', () => {
    const r = fromLog(parseLog([
      'calling  a_init+0x0/0x10 [a] @ 100',
      'calling  b_init+0x0/0x10 [b] @ 101',
      "bus: 'platform': add driver x",
      "bus: 'platform': really_probe: probing driver x with device d",
    ].join('\n')), 't');
    expect(r.spec.drivers.x!.module).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/1 driver registered while two or more module inits were under way/);
  });

  it('the dev_printk forms of v6.12 and later give the same reading as the older lines', () => {
    const s = read([
      "[    2.0][  T212] calling  mmc_blk_init+0x0/0x1000 [mmc_block] @ 212",
      "[    2.1][  T212] bus: 'mmc': add driver mmcblk",
      '[    2.2][  T212] initcall mmc_blk_init+0x0/0x1000 [mmc_block] returned 0 after 80 usecs',
      "[    2.3][    T9] device: 'card': device_add",
      "[    2.4][    T9] bus: 'mmc': add device card",
      "[    2.5][   T77] mmc card: bus: 'mmc': really_probe: probing driver mmcblk with device",
      '[    2.6][   T77] mmcblk card: probe with driver mmcblk failed with error -110',
    ]);
    expect(s.drivers.mmcblk).toEqual({ matches: ['card'], bus: 'mmc', probeType: 'async', module: 'mmc_block', probe: 'error' });
    expect(s.actors).toEqual({ 'modprobe mmc_block': 'modprobe mmc_block', 'task T9': 'add card' });
  });

  it('"Added to deferred list" decides an attempt no other line decided: a deferral (v6.x prints no deferral line without dyndbg on call_driver_probe)', () => {
    const lines = [
      "[    1.1] platform bar: bus: 'platform': __driver_probe_device: matched device with driver bar-drv",
      "[    1.2] platform bar: bus: 'platform': really_probe: probing driver bar-drv with device",
      '[    1.3] platform bar: Added to deferred list',
      "[    1.4] platform qux: bus: 'platform': __driver_probe_device: matched device with driver qux-drv",
      '[    1.5] platform qux: Added to deferred list',
    ];
    const r = fromLog(parseLog(lines.join('\n')), 't');
    expect(r.spec.drivers['bar-drv']).toMatchObject({ probe: 'defer' });
    expect(r.spec.drivers['qux-drv']).toMatchObject({ probe: 'defer' });
    // No probe line between: the note says why validate will stop there.
    expect(r.notes.join('\n')).toMatch(/qux: matched qux-drv and was added to the deferred list at line 5 with no probe line between/);
    expect(r.notes.join('\n')).not.toMatch(/bar: matched/);
    // An attempt a deferral line already decided is not counted twice.
    const twice = read(['platform bar: Driver bar-drv requests probe deferral'.replace(/^/, "[1.0] platform bar: bus: 'platform': __driver_probe_device: matched device with driver bar-drv\n[1.1] bar-drv "), '[1.2] platform bar: Added to deferred list', "[1.3] bar-drv bar: bus: 'platform': really_probe: bound device to driver bar-drv"]);
    expect(twice.drivers['bar-drv']).toMatchObject({ probe: ['defer', 'ok'] });
  });

  it("'bus: remove driver' becomes the actor's unregister, but not a module's driver nor inside a probe; 'remove device' a note", () => {
    const r = fromLog(parseLog([
      "[1.0][    T1] bus: 'platform': add driver a",
      "[1.1][    T1] bus: 'platform': really_probe: probing driver a with device x",
      "[1.2][    T1] driver: 'a': driver_bound: bound to device 'x'",
      "[1.3][    T1] bus: 'platform': remove driver a",
      "[1.4][    T1] bus: 'platform': remove device x",
      '[2.0][    T9] calling  m_init+0x0/0x10 [m] @ 9',
      "[2.1][    T9] bus: 'platform': add driver b",
      "[2.2][    T9] bus: 'platform': really_probe: probing driver b with device y",
      "[2.3][    T9] driver: 'b': driver_bound: bound to device 'y'",
      '[2.4][    T9] initcall m_init+0x0/0x10 [m] returned 0 after 5 usecs',
      "[2.5][    T9] bus: 'platform': remove driver b",
    ].join('\n')), 't');
    expect(r.spec.actors['task T1']).toEqual(['register a', 'unregister a']);
    expect(r.notes.join('\n')).toMatch(/device x removed at line 5: not written/);
    expect(r.notes.join('\n')).toMatch(/driver b removed at line 11: not written \(its module m: `rmmod m` by hand\)/);
  });

  it("a device seen only in driver_bound's line (no bus named) is on its driver's bus", () => {
    const s = read(["bus: 'pci': add driver ehci-pci", "driver: 'ehci-pci': driver_bound: bound to device '0000:00:1d.0'"]);
    expect(s.devices['0000:00:1d.0']).toEqual({ present: true, bus: 'pci' });
  });

  it('a deferral, then bound: both outcomes', () => {
    const s = read([
      "platform dc: Driver dc-drv requests probe deferral",
      "platform dc: Added to deferred list",
      "platform dc: Retrying from deferred list",
      "bus: 'platform': really_probe: bound device dc to driver dc-drv",
    ]);
    expect(s.drivers['dc-drv']).toMatchObject({ probe: ['defer', 'ok'] });
  });

  it('the profile nearest below the logged release', () => {
    expect([profileFor('3.10'), profileFor('4.9'), profileFor('5.4'), profileFor('6.0'), profileFor('6.6'), profileFor(undefined)])
      .toEqual(['v3.5', 'v4.2', 'v5.4', 'v5.19', 'v6.6', 'mainline']);
    expect([profileFor('6.14'), profileFor('6.15'), profileFor('5.10')]).toEqual(['v6.12', 'mainline', 'v5.10']);
    expect(read(['Linux version 5.10.0-rc1 (gcc) #1 SMP', "bus: 'platform': really_probe: probing driver d with device x"]).profile).toBe('v5.10') // an -rc1 already has the merge window's changes;
  });
});

// A log hunt (2026-12-04): v3.x's driver_bound line names the device first (dd.c at v3.6.0:187);
// from-log made a device of the driver's name and a driver of the device's.
describe('driver_bound in v3.x order', () => {
  it('is read the right way round where the other lines name the device and the driver', () => {
    const lines = ["bus: 'i2c': add driver mt9p031", "device: '2-005d': device_add", "bus: 'i2c': add device 2-005d",
      "bus: 'i2c': driver_probe_device: matched device 2-005d with driver mt9p031", "bus: 'i2c': really_probe: probing driver mt9p031 with device 2-005d",
      "driver: '2-005d': driver_bound: bound to device 'mt9p031'", "bus: 'i2c': really_probe: bound device 2-005d to driver mt9p031"];
    const r = fromLog(parseLog(lines.join('\n')), 't', 'v3.5');
    expect(Object.keys(r.spec.devices)).toEqual(['2-005d']);
    expect(Object.keys(r.spec.drivers)).toEqual(['mt9p031']);
    expect(r.notes).toContain("line 6: driver_bound names the device first, as v3.x's dd.c prints it: read that way round");
  });
});

// A log hunt (2026-12-04): a device the same task added and then removed (ahci hotplug, caller ids)
// was noted "not written", and validate stopped at the removal.
describe('a removal by the task that added the device', () => {
  it("is that actor's del, and an add after it its add again", () => {
    const lines = ["[    1.0][    T1] bus: 'platform': add driver dc-drv",
      "[    2.0][   T87] device: 'dc': device_add", "[    2.0][   T87] bus: 'platform': add device dc",
      "[    2.1][   T87] bus: 'platform': __driver_probe_device: matched device dc with driver dc-drv", "[    2.1][   T87] bus: 'platform': really_probe: probing driver dc-drv with device dc",
      "[    2.2][   T87] bus: 'platform': really_probe: bound device dc to driver dc-drv",
      "[    3.0][   T87] bus: 'platform': remove device dc",
      "[    4.0][   T87] device: 'dc': device_add", "[    4.0][   T87] bus: 'platform': add device dc"];
    const r = fromLog(parseLog(lines.join('\n')), 't');
    expect(r.spec.actors['task T87']).toEqual(['add dc', 'del dc', 'add dc']);
    expect(r.notes.join('\n')).not.toMatch(/removed at line 7: not written/);
  });
});

// A log hunt (2026-12-04): "4 devices added while only a probe scheduled asynchronously was open"
// counted lines (matched lines of 2 devices the log never adds).
describe('devices seen beside an async probe', () => {
  it('are counted once each, as seen', () => {
    const lines = ["bus: 'platform': add driver adrv", "bus: 'platform': add driver bdrv", 'platform a: scheduling asynchronous probe',
      "bus: 'platform': __driver_probe_device: matched device a with driver adrv", "bus: 'platform': really_probe: probing driver adrv with device a",
      "bus: 'platform': __driver_probe_device: matched device b with driver bdrv", "bus: 'platform': __driver_probe_device: matched device b with driver bdrv",
      "bus: 'platform': really_probe: bound device b to driver bdrv", "bus: 'platform': really_probe: bound device a to driver adrv"];
    const notes = fromLog(parseLog(lines.join('\n')), 't', 'v6.6').notes.join('\n');
    expect(notes).toMatch(/1 device first seen while only a probe scheduled asynchronously was open \(b at line 6, during adrv's probe of a\)/);
  });
});

describe('from-log on a long log', () => {
  it("reads core.c's device_unregister lines in a number of reads of the events proportional to them, not to their product", () => {
    // 200 i2c clients each added, bound and unregistered (dd.c and core.c's lines). Before, each
    // device_unregister line scanned every event twice: 409 reads an event here, and a 100k-line log
    // of 10,000 such devices took 18 s in from-log, not 2.
    const lines = ["bus: 'i2c': add driver tmp421"];
    for (let i = 0; i < 200; i++) {
      const d = `0-0${100 + i}`;
      lines.push(`device: '${d}': device_add`, `bus: 'i2c': __driver_probe_device: matched device ${d} with driver tmp421`,
        `bus: 'i2c': really_probe: probing driver tmp421 with device ${d}`, `driver: 'tmp421': driver_bound: bound to device '${d}'`, `device: '${d}': device_unregister`);
    }
    lines.push("bus: 'i2c': add driver lm75");
    const log = parseLog(lines.join('\n'));
    const events = log.events;
    let reads = 0;
    log.events = new Proxy(events, { get: (t, k, r) => { if (typeof k === 'string' && /^\d+$/.test(k)) reads++; return Reflect.get(t, k, r) as unknown; } });
    const s = fromLog(log, 't').spec;
    expect(Object.values(s.actors).flat().filter((a) => a.startsWith('del ')).length).toBe(200);
    expect(reads / events.length).toBeLessThan(40);
  });
});

describe("from-log: core.c's device_unregister", () => {
  it('of a device an actor added is its del at the end of the log too, as in its middle', () => {
    const lines = [
      "[    1.0][    T1] bus: 'i2c': add driver tmp421",
      "[    2.0][   T77] device: '0-004c': device_add",
      "[    2.1][   T77] bus: 'i2c': __driver_probe_device: matched device 0-004c with driver tmp421",
      "[    2.2][   T77] bus: 'i2c': really_probe: probing driver tmp421 with device 0-004c",
      "[    2.3][   T77] driver: 'tmp421': driver_bound: bound to device '0-004c'",
      "[    3.0][   T77] device: '0-004c': device_unregister",
    ];
    // Before: the del was written only where some event followed the line.
    expect(read(lines).actors['task T77']).toEqual(['add 0-004c', 'del 0-004c']);
    expect(read([...lines, "[    4.0][    T1] bus: 'i2c': add driver lm75"]).actors['task T77']).toEqual(['add 0-004c', 'del 0-004c']);
  });
});

describe('from-log on a long log of deferrals', () => {
  it('reads the supplier lines in a number of reads of the other lines proportional to them, not to the deferrals times them', () => {
    // 200 devices each linked to a supplier and deferred before their probe. Before, each deferral's
    // note scanned every other line from the start: 403 reads a line here; a 100k-line log of 14,000
    // such devices took 40 s in from-log, not 2.5.
    const lines = ["bus: 'platform': add driver drvA"];
    for (let i = 0; i < 200; i++) {
      const d = `dev${i}.x`;
      lines.push(`device: '${d}': device_add`, `bus: 'platform': add device ${d}`, `platform ${d}: Linked as a consumer to sup${i}`,
        `bus: 'platform': __driver_probe_device: matched device ${d} with driver drvA`, `platform ${d}: Added to deferred list`, `unrelated line ${i}`);
    }
    const log = parseLog(lines.join('\n'));
    const others = log.others;
    let reads = 0;
    log.others = new Proxy(others, { get: (t, k, r) => { if (typeof k === 'string' && /^\d+$/.test(k)) reads++; return Reflect.get(t, k, r) as unknown; } });
    const notes = fromLog(log, 't').notes;
    expect(notes.filter((n) => /^dev\d+\.x: matched drvA .*`suppliers` \(\['sup\d+'\]: line \d+ links it as a consumer to sup\d+;/.test(n))).toHaveLength(200);
    expect(notes.find((n) => n.startsWith('dev7.x: matched'))).toContain("(['sup7']: line 46 links it");
    expect(reads / others.length).toBeLessThan(40);
  });
});

describe('from-log on a long log of match deferrals', () => {
  it("looks for a later probe of each device the bus's match deferred in reads proportional to the events, not to the deferrals times them", () => {
    // 200 amba devices whose match defers (dd.c's "Device match requests probe deferral"), one of them
    // probed later. Before, each one's note scanned every event: 200 reads an event here, and a
    // 100k-line log of 20,000 of them took over 120 s in from-log, not 2.
    const lines = ["bus: 'amba': add driver drvA"];
    for (let i = 0; i < 200; i++) {
      const d = `dev${i}.x`;
      lines.push(`device: '${d}': device_add`, `bus: 'amba': add device ${d}`, `amba ${d}: Device match requests probe deferral`, `amba ${d}: Added to deferred list`);
    }
    lines.push("bus: 'amba': __driver_probe_device: matched device dev7.x with driver drvA");
    const log = parseLog(lines.join('\n'));
    const events = log.events;
    let reads = 0;
    log.events = new Proxy(events, { get: (t, k, r) => { if (typeof k === 'string' && /^\d+$/.test(k)) reads++; return Reflect.get(t, k, r) as unknown; } });
    const notes = fromLog(log, 't').notes.filter((n) => /^dev\d+\.x: its bus's match\(\) deferred it/.test(n));
    expect(notes).toHaveLength(200);
    expect(notes.find((n) => n.startsWith('dev7.x:'))).toMatch(/which line 802's probe of it contradicts/);
    expect(notes.find((n) => n.startsWith('dev8.x:'))).toMatch(/no line names a driver for it/);
    expect(reads / events.length).toBeLessThan(40);
  });
});

describe("from-log on a long log of initcall_debug's returns", () => {
  it("looks for each probe's driver in the dev_printk lines before it in reads proportional to the other lines, not to the probes times them", () => {
    // 200 "probe of X returned" lines, each after its driver's own dev_printk line of X. Before, each
    // return scanned the unread lines from the log's start: 5,000 of them in 105k lines took 11 s.
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) lines.push(`drvA dev${i}.x: hello`, `probe of dev${i}.x returned 0 after 5 usecs`, `noise ${i}`);
    const log = parseLog(lines.join('\n'));
    const others = log.others;
    let reads = 0;
    log.others = new Proxy(others, { get: (t, k, r) => { if (typeof k === 'string' && /^\d+$/.test(k)) reads++; return Reflect.get(t, k, r) as unknown; } });
    const s = fromLog(log, 't').spec;
    expect(s.drivers.drvA?.matches).toHaveLength(200);
    expect(reads / others.length).toBeLessThan(40);
  });
});

describe('from-log: a bus name before a device is not its driver', () => {
  it.each(['gameport gameport0', 'soc soc0', 'iio iio:device0'])("'%s: ...' before a probe return of no driver names no driver", (prefix) => {
    // dev_driver_string prints the bus's name while no driver is bound (gameport.c, drivers/base/soc.c, industrialio-core.c: their bus_type's name).
    const dev = prefix.split(' ')[1]!;
    const s = read([`${prefix}: hello`, `probe of ${dev} returned 0 after 5 usecs`]);
    // Before: the driver was called gameport (soc, iio), the bus's name.
    expect(Object.keys(s.drivers)).toEqual([`${dev}-driver`]);
  });
});

describe('from-log: a device added while its own probe runs', () => {
  // s48 h21: a device_add of the very device whose probe is in flight made it its own parent, and
  // from-log's walk up the parents never ended (a 4-line log, 100% CPU for good).
  it('is not its own parent, and the log is read', () => {
    const s = read([
      "[    0.502347] bus: 'platform': add driver syscon-poweroff",
      "[    0.502379] bus: 'platform': __driver_probe_device: matched device poweroff with driver syscon-poweroff",
      "[    0.502397] bus: 'platform': really_probe: probing driver syscon-poweroff with device poweroff",
      "[    0.503333] device: 'poweroff': device_add",
    ]);
    expect(s.devices.poweroff?.parent).toBeUndefined();
    // No probe was scheduled asynchronously: none is said (s49 h10: its own probe read as one).
    expect(fromLog(parseLog(["bus: 'platform': add driver syscon-poweroff", "bus: 'platform': really_probe: probing driver syscon-poweroff with device poweroff",
      "device: 'poweroff': device_add"].join('\n')), 't').notes.join('\n')).not.toMatch(/asynchronously/);
  }, 20_000);
});

describe('from-log: an add inside the probe of a device below it', () => {
  // s49 h2: b probed with a added inside (a's parent b), then a probed with b's add inside made b a's
  // child as well: a parent cycle, which no scenario builds, so the CLI rebuilt the scenario once per
  // nested guess to find the one to drop (minutes on a long log).
  it('is not taken as registered by that probe, said, and no parent cycle is written', () => {
    const r = fromLog(parseLog([
      "bus: 'platform': add driver da", "bus: 'platform': add driver db",
      "bus: 'platform': really_probe: probing driver db with device b", "device: 'a': device_add", "driver: 'db': driver_bound: bound to device 'b'",
      "bus: 'platform': really_probe: probing driver da with device a", "device: 'b': device_add", "driver: 'da': driver_bound: bound to device 'a'",
    ].join('\n')), 't');
    expect(r.spec.devices).toEqual({ b: {}, a: { parent: 'b' } });
    expect(r.nested.map((x) => x.dev)).toEqual(['a']);
    expect(r.notes.join('\n')).not.toMatch(/asynchronously/);
    // s50 h1: the note names the reading kept (line 4's) and says, without caller ids, that it is a guess too.
    expect(r.notes).toContain("b: line 7 comes inside da's probe of a, a device the log shows registered (through its parents) by a probe of b itself (a, taken as registered by db's probe of b at line 4): not taken as registered by that probe, which would make b its own ancestor (the log is a selection of lines, or joins two boots); without caller ids both are guesses, each line given to the innermost probe open: the earlier (line 4) is kept and this later one dropped, because the later is read against the parents the earlier set, not because it is less likely; if b is in fact registered by da's probe of a, line 4 is the wrong guess (printk.caller=1 would name the tasks)");
    // With caller ids the tasks place each line: no guess to name.
    const t = fromLog(parseLog([
      "[    1.0][    T1] bus: 'platform': add driver da", "[    1.0][    T1] bus: 'platform': add driver db",
      "[    1.1][    T1] bus: 'platform': really_probe: probing driver db with device b", "[    1.2][    T1] device: 'a': device_add", "[    1.3][    T1] driver: 'db': driver_bound: bound to device 'b'",
      "[    1.4][    T1] bus: 'platform': really_probe: probing driver da with device a", "[    1.5][    T1] device: 'b': device_add", "[    1.6][    T1] driver: 'da': driver_bound: bound to device 'a'",
    ].join('\n')), 't');
    expect(t.notes).toContain("b: line 7 comes inside da's probe of a, a device the log shows registered (through its parents) by a probe of b itself (a, taken as registered by db's probe of b at line 4): not taken as registered by that probe, which would make b its own ancestor (the log is a selection of lines, or joins two boots)");
  });
});

describe('from-log: nesting refused on the steps it builds, not on the summed depth', () => {
  // s49 h7: s49 h2's limit (300 levels of depth summed over the devices) refused a host bridge one
  // level below an SoC bus with 150 devices on it (301 levels), which builds in 3-5 s (16,000 steps);
  // a chain of 30 nested probes (435 levels) builds too (52,754 steps). What costs is the thread's
  // steps, each probe taking in its subtree's adds and its children's device_del: past compile's
  // 65,535 the build is refused, and a shape the estimate puts past it is said at once.
  const log = (lines: string[]) => fromLog(parseLog(lines.join('\n')), 't');
  const probe = (drv: string, dev: string, inner: string[]) => [`bus: 'platform': really_probe: probing driver ${drv} with device ${dev}`, ...inner, `driver: '${drv}': driver_bound: bound to device '${dev}'`];
  const wide = (n: number) => [...Array.from({ length: 10 }, (_, i) => `bus: 'platform': add driver p${i}`), "bus: 'platform': add driver host", "bus: 'platform': add driver soc", "device: 'soc': device_add",
    ...probe('soc', 'soc', ["device: 'pcie': device_add", ...probe('host', 'pcie', Array.from({ length: n }, (_, i) => [`device: 'pci${i}': device_add`, ...probe(`p${i % 10}`, `pci${i}`, [])]).flat())])];
  const chain = (n: number): string[] => {
    const at = (i: number): string[] => probe(`d${i}`, `x${i}`, i + 1 < n ? [`device: 'x${i + 1}': device_add`, ...at(i + 1)] : []);
    return [...Array.from({ length: n }, (_, i) => `bus: 'platform': add driver d${i}`), "device: 'x0': device_add", ...at(0)];
  };
  // Reading a deep chain walked every open probe's parents at each line (the parent-cycle rule): 1,000
  // nested probes read in 11 s, 2,000 in 87 s here, before the E601 said the scenario is too deep.
  it('reads a chain of 2,000 nested probes in linear walks (a deep log is refused at once, not after minutes)', () => {
    const r = log(chain(2000));
    expect(r.spec.devices.x1999).toEqual({ parent: 'x1998' });
    expect(() => tooDeep('c.log', r)).toThrow(/would register 1999 devices inside probes, 1999 deep at most/);
  }, 20_000);

  it('passes a wide tree past 300 levels and a chain of 30; refuses a chain of 40 at once, naming the deepest line', () => {
    const w = log(wide(150));
    expect(Object.keys(w.spec.devices)).toHaveLength(152);
    expect(() => tooDeep('w.log', w)).not.toThrow();
    expect(() => tooDeep('c.log', log(chain(30)))).not.toThrow();
    expect(() => tooDeep('c.log', log(chain(40)))).toThrow(new RegExp(`^c\\.log: the scenario from this log would register 39 devices inside probes, 39 deep at most \\(x39, line \\d+\\); its build would take about \\d+ steps in one thread, past the ${MAX_STEPS} a thread holds`));
  });
});

describe('from-log: a probe\'s child added again elsewhere', () => {
  // s49 h7 (a review of s49 h2's parent-cycle rule): c, registered by p1's probe, unregistered and
  // added again inside p2's probe is no cycle, and the rule leaves it; but the second add was
  // dropped with no word, and validate stopped at it.
  it('is said, naming both lines and the first registrar', () => {
    const r = fromLog(parseLog([
      "bus: 'platform': add driver dp1", "bus: 'platform': add driver dp2", "bus: 'platform': add driver dc", "device: 'p1': device_add",
      "bus: 'platform': really_probe: probing driver dp1 with device p1", "device: 'c': device_add", "bus: 'platform': really_probe: probing driver dc with device c",
      "driver: 'dc': driver_bound: bound to device 'c'", "driver: 'dp1': driver_bound: bound to device 'p1'", "device: 'c': device_unregister", "device: 'p2': device_add",
      "bus: 'platform': really_probe: probing driver dp2 with device p2", "device: 'c': device_add", "bus: 'platform': really_probe: probing driver dc with device c",
      "driver: 'dc': driver_bound: bound to device 'c'", "driver: 'dp2': driver_bound: bound to device 'p2'",
    ].join('\n')), 't');
    expect(r.spec.devices).toEqual({ p1: {}, c: { parent: 'p1' }, p2: {} });
    expect(r.notes).toContain('c: added again at line 13 inside the probe of p2, but first at line 6 by the probe of p1: a device of a scenario has one parent and one registrar, so the second add is not written (`validate` follows the log past it only where the model adds the device so); to model both, give the device of the second add a name of its own in the log');
  });
});

// s50 h1: a chip family's i2c and spi drivers register one `.name` (sound/soc/codecs/wm8731-i2c.c and
// wm8731-spi.c: "wm8731"; driver names are per bus), and were read as one driver: the scenario did not
// build ("driver 'wm8731' is on bus 'i2c' but matches 'spi0.0' on bus 'spi'", a wrong E601). Each is its
// own driver now, `wm8731@i2c` and `wm8731@spi`, and `validate` reads the log's lines of that name as the
// one of their bus. Lines in the forms of dd.c before v6.12 and from it (torvalds@4793dae01f47: the
// device in the dev_printk prefix, driver_bound's line naming no bus).
describe('from-log: two drivers of one name on two buses', () => {
  const pair = (v612: boolean, end = 'bound') => [
    "bus: 'i2c': add driver wm8731",
    "bus: 'spi': add driver wm8731",
    ...(['0-001a', 'spi0.0'] as const).flatMap((dev) => {
      const bus = dev === '0-001a' ? 'i2c' : 'spi';
      return v612
        ? [`bus: '${bus}': add device ${dev}`, `${bus} ${dev}: bus: '${bus}': __driver_probe_device: matched device with driver wm8731`,
          `${bus} ${dev}: bus: '${bus}': really_probe: probing driver wm8731 with device`,
          ...(bus === 'spi' && end === 'failed' ? [`wm8731 ${dev}: probe with driver wm8731 failed with error -5`]
            : [`wm8731 ${dev}: driver: 'wm8731': driver_bound: bound to device`, `wm8731 ${dev}: bus: '${bus}': really_probe: bound device to driver wm8731`])]
        : [`bus: '${bus}': add device ${dev}`, `bus: '${bus}': __driver_probe_device: matched device ${dev} with driver wm8731`,
          `bus: '${bus}': really_probe: probing driver wm8731 with device ${dev}`,
          `driver: 'wm8731': driver_bound: bound to device '${dev}'`, `bus: '${bus}': really_probe: bound device ${dev} to driver wm8731`];
    }),
  ];
  const built = (lines: string[]) => {
    const log = parseLog(lines.join('\n')), r = fromLog(log, 't');
    return { r, log, model: buildModel(scenario(JSON.parse(JSON.stringify(r.spec)) as ScenarioSpec), {}) };
  };

  it('writes one driver per bus, named name@bus, said in the header; validate reads each line as the one of its bus', () => {
    for (const [v612, end] of [[false, 'bound'], [true, 'failed']] as const) {
      const { r, log, model } = built(pair(v612, end));
      expect(r.spec.drivers).toMatchObject({ 'wm8731@i2c': { matches: ['0-001a'], bus: 'i2c' }, 'wm8731@spi': { matches: ['spi0.0'], bus: 'spi', ...(end === 'failed' ? { probe: 'error' } : {}) } });
      expect(r.spec.drivers.wm8731).toBeUndefined();
      expect(r.notes).toContain('driver wm8731: the log shows it on bus i2c (line 1) and bus spi (line 2), two drivers of one name (a driver\'s name is unique per bus, /sys/bus/<bus>/drivers/<name>): written as wm8731@i2c and wm8731@spi, each line read as the driver of the bus it names or, where it names none, of its device\'s bus');
      const v = validate(model, log);
      expect(v.verdict).toBe('behaviour');
      expect(v.checked).toHaveLength(log.events.length);
      expect(v.guards).toEqual([]);
    }
  });

  it('a line naming no bus takes its device\'s bus; one whose device is on no bus the log names is not read, said (from-log) and not checked (validate)', () => {
    const { r, log, model } = built([
      "bus: 'i2c': add device 0-001a", "driver: 'wm8731': driver_bound: bound to device '0-001a'",
      "bus: 'spi': add device spi0.0", "driver: 'wm8731': driver_bound: bound to device 'spi0.0'",
      "driver: 'wm8731': driver_bound: bound to device 'spi0.1'",
    ]);
    expect(Object.keys(r.spec.drivers).sort()).toEqual(['wm8731@i2c', 'wm8731@spi']);
    expect(r.notes).toContain("not read: line 5 (`driver: 'wm8731': driver_bound: bound to device 'spi0.1'`) names driver wm8731, which the log shows on i2c and spi, but no bus: no line puts its device spi0.1 on one bus, so which of the two it is the log does not say");
    const v = validate(model, log);
    expect(v.verdict).toBe('behaviour');
    expect(v.unchecked.map((u) => [u.event.line, u.why])).toEqual([[5, 'it names driver wm8731, which the scenario has on two buses, and neither the bus nor a device of one bus']]);
  });

  // s50 h17: a driver name holding spaces on two buses (dd.c prints drv->name with %s, spaces and all:
  // torvalds@4793dae01f47's matched, probing, bound and driver_bound lines; bus_add_driver names the
  // kobject "%s" of it) was spelt back in validate's "could print" lines as the scenario's one word.
  it('validate spells a spaced name of two buses as the log does in its "could print" lines', () => {
    const spaced = pair(false).map((l) => l.replace(/wm8731/g, 'WM 8731'));
    const { r, model } = built(spaced);
    expect(Object.keys(r.spec.drivers).sort()).toEqual(['WM_8731@i2c', 'WM_8731@spi']);
    // The spi lines alone: the model registers the i2c driver first, so line 1 is no behaviour of it.
    const v = validate(model, parseLog(spaced.filter((l) => !l.includes("'i2c'") && !l.includes("'0-001a'")).join('\n')));
    expect([v.verdict, v.matched]).toEqual(['not-a-behaviour', 0]);
    // Before: `bus: 'i2c': add driver WM_8731`.
    expect(v.couldPrintLines).toEqual(["bus: 'i2c': add driver WM 8731"]);
  });

  // s50 h9: validate left a line of a device the log puts on no bus unchecked though the scenario
  // puts that device on one (exit 5, 'nothing to check', for a log of driver_bound lines alone).
  it("validate reads a line of a device the log puts on no bus as the driver of the scenario's bus for it", () => {
    const { model } = built(pair(false));
    const log = parseLog(["driver: 'wm8731': driver_bound: bound to device '0-001a'", "driver: 'wm8731': driver_bound: bound to device 'spi0.0'"].join('\n'));
    const v = validate(model, log);
    expect(v.unchecked).toEqual([]);
    expect(v.checked).toHaveLength(2);
    expect(v.verdict).toBe('behaviour');
  });

  // A device name the log puts on two buses gives such a line neither (s50 h10: a mutant that took
  // the device's last bus survived). keyByBus alone: no build.
  it('a line naming no bus, whose device the log puts on two buses, is not read', () => {
    const k = keyByBus(parseLog(["bus: 'i2c': add driver wm8731", "bus: 'spi': add driver wm8731", "bus: 'i2c': add device x", "bus: 'spi': add device x",
      "driver: 'wm8731': driver_bound: bound to device 'x'"].join('\n')));
    expect(k.unresolved.map((u) => [u.event.line, u.drv, u.dev])).toEqual([[5, 'wm8731', 'x']]);
  });

  // s50 h6: such lines with no bus at all (KERN_WARNING's failure lines, printed with no dyndbg) are one
  // driver on platform, a guess the header did not say.
  it('a name on two devices with no bus named for any of them is one driver on platform, said', () => {
    const r = fromLog(parseLog(['wm8731: probe of 0-001a failed with error -5', 'wm8731: probe of spi0.0 failed with error -5'].join('\n')), 't');
    expect(r.spec.drivers).toEqual({ wm8731: { matches: ['0-001a', 'spi0.0'], probe: 'error' } });
    expect(r.notes).toContain("driver wm8731: no line names a bus for it or its devices 0-001a, spi0.0: written as one driver of them all on bus platform, a guess; two drivers of one name on two buses (an i2c and an spi driver may register one name) would print these lines alike, and only lines that name the bus (bus.c's `bus: '...': add device`, dd.c's probing lines) tell them apart");
  });

  // s50 h6: a "Linked as a consumer" line whose first word is the device's driver (its own link, made in its
  // probe) was compared with the keyed names, read as fw_devlink's link, and offered as the device's supplier.
  it("a driver's own link, named by its plain name first, is not read as the device's supplier", () => {
    const lines = (n: string) => [
      "bus: 'platform': add device regulator.1", "bus: 'i2c': add driver wm8731", "bus: 'i2c': add device 0-001a",
      "bus: 'i2c': __driver_probe_device: matched device 0-001a with driver wm8731", "bus: 'i2c': really_probe: probing driver wm8731 with device 0-001a",
      'wm8731 0-001a: Linked as a consumer to regulator.1', 'i2c 0-001a: Driver wm8731 requests probe deferral', 'i2c 0-001a: Added to deferred list',
      `bus: 'spi': add driver ${n}`, "bus: 'spi': add device spi0.0", `bus: 'spi': really_probe: probing driver ${n} with device spi0.0`, `driver: '${n}': driver_bound: bound to device 'spi0.0'`,
      'i2c 0-001a: Retrying from deferred list', "bus: 'i2c': __driver_probe_device: matched device 0-001a with driver wm8731", 'i2c 0-001a: Added to deferred list',
    ];
    for (const n of ['wm8731', 'wm8732']) {
      const note = fromLog(parseLog(lines(n).join('\n')), 't').notes.find((x) => x.startsWith('0-001a: matched'));
      expect(note).toContain("declare the link in 0-001a's `suppliers` (the supplier a \"Linked as a consumer to\" or \"supplier X not ready\" line of it names;");
    }
  });

  it("a driver named only by a dev_printk prefix before its device (initcall_debug's return alone) is the one of that device's bus", () => {
    const { r } = built(["bus: 'i2c': add driver wm8731", "bus: 'spi': add driver wm8731", "bus: 'spi': add device spi0.0", 'wm8731 spi0.0: Failed to read ID', 'probe of spi0.0 returned 0 after 5 usecs']);
    // Before: a third driver `wm8731`, present from the start, and wm8731@spi's registration left out.
    expect(r.spec.drivers).toEqual({ 'wm8731@spi': { matches: ['spi0.0'], bus: 'spi' } });
    expect(r.spec.actors).toEqual({ boot: ['register wm8731@spi', 'add spi0.0'] });
  });

  it('a log not of the other bus\'s device is a behaviour of neither: the spi driver does not bind the i2c device', () => {
    const lines = pair(false);
    const { model } = built(lines);
    // The i2c device's probe lines as if the spi driver had matched it: not a behaviour, from that line.
    const wrong = lines.map((l) => (l.includes('0-001a') && !l.includes('add device') ? l.replace("'i2c'", "'spi'") : l));
    const v = validate(model, parseLog(wrong.join('\n')));
    expect(v.verdict).toBe('not-a-behaviour');
    expect(v.checked[v.matched]!.text).toBe("bus: 'spi': __driver_probe_device: matched device 0-001a with driver wm8731");
  });

  // s50 h6: both modules loaded, one chip on the board. The spi driver probed nothing and was left out, but
  // its modprobe was kept, of a module not declared: the scenario did not build (E601). The scenario keeps
  // bmp280@i2c alone, which validate reads as keyed still (a lone name@bus read as a literal name, as
  // tried, left every line of bmp280 checked only as a guard).
  it('only one of the two ever bound, each in its module: the other and its modprobe are left out; validate reads the lone keyed one', () => {
    const init = (m: string, t: number, body: string[]) => [`calling  ${m}_driver_init+0x0/0x1000 [${m}] @ ${t}`, ...body, `initcall ${m}_driver_init+0x0/0x1000 [${m}] returned 0 after 5 usecs`];
    const lines = [
      ...init('bmp280_i2c', 120, ["bus: 'i2c': add driver bmp280", "bus: 'i2c': __driver_probe_device: matched device 1-0076 with driver bmp280", "bus: 'i2c': really_probe: probing driver bmp280 with device 1-0076", "driver: 'bmp280': driver_bound: bound to device '1-0076'"]),
      ...init('bmp280_spi', 121, ["bus: 'spi': add driver bmp280"]),
    ];
    const { r, log, model } = built(lines);
    expect(r.spec.drivers).toEqual({ 'bmp280@i2c': { matches: ['1-0076'], bus: 'i2c', module: 'bmp280_i2c' } });
    expect(r.spec.actors).toEqual({ 'modprobe bmp280_i2c': 'modprobe bmp280_i2c' });
    expect(r.notes).toContain('driver bmp280@spi: probed no device in the log; left out');
    const v = validate(model, log);
    expect(v.verdict).toBe('behaviour');
    expect(v.guards).toEqual([]);
    expect(v.checked.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

// s50 h9: bus.c's `add device` line of a device on its bus, again with no `remove device` line
// between (a log that joins two boots, or a selection), was dropped with no word; validate then
// stopped at that line.
describe('from-log: a device added to its bus again with no removal between', () => {
  it('is not written, and the header says so; with its remove line between it is no such note', () => {
    const lines = ["bus: 'platform': add driver da", "bus: 'platform': add device a", "bus: 'platform': really_probe: probing driver da with device a",
      "driver: 'da': driver_bound: bound to device 'a'"];
    const again = fromLog(parseLog([...lines, "bus: 'platform': add device a"].join('\n')), 't');
    expect(again.spec.actors).toEqual({ boot: ['register da', 'add a'] });
    expect(again.notes).toContain("not read: line 5 adds a to its bus again, with no `bus: ... remove device a` line since its add at line 2: a registered device is not added again (device_add fails), so the log is a selection of lines or joins two boots; `validate` stops at that line");
    const removed = fromLog(parseLog([...lines, "bus: 'platform': remove device a", "bus: 'platform': add device a"].join('\n')), 't');
    expect(removed.notes.filter((n) => n.includes('to its bus again'))).toEqual([]);
  });

  // s50 h13: core.c's device_unregister line read as the actor's `del a` (a log cut to keep it but not
  // bus.c's remove line, which device_del prints after it) got the note too, saying validate stops
  // where it follows the log (the scenario holds the del and the add again).
  it("is no such note where core.c's device_unregister line is read as the device's del", () => {
    const cut = ["bus: 'platform': add driver da", "device: 'a': device_add", "bus: 'platform': add device a", "bus: 'platform': really_probe: probing driver da with device a",
      "driver: 'da': driver_bound: bound to device 'a'", "device: 'a': device_unregister", "device: 'a': device_add", "bus: 'platform': add device a"];
    const r = fromLog(parseLog(cut.join('\n')), 't');
    expect(r.spec.actors).toEqual({ boot: ['register da', 'add a', 'del a', 'add a'] });
    expect(r.notes.filter((n) => n.includes('to its bus again'))).toEqual([]);
    // Without core.c's device_add lines the unregister line is not read (which device of the name went
    // is not known): the add again is not written, and said.
    const bare = fromLog(parseLog(cut.filter((l) => !l.endsWith('device_add')).join('\n')), 't');
    expect(bare.spec.actors).toEqual({ boot: ['register da', 'add a'] });
    expect(bare.notes.filter((n) => n.includes('to its bus again'))).toHaveLength(1);
  });
});
