// initcall_debug's probe-return line in its newer form, naming the driver: really_probe_debug's
//   printk(KERN_DEBUG "probe of %s with driver %s returned %d after %lld usecs\n",
//          dev_name(dev), drv->name, ret, ktime_us_delta(rettime, calltime));
// as kernel/kernel-patches@27f0f918d3e9/drivers/base/dd.c has it (kernel-patches/bpf, a BPF CI tree on a mainline newer
// than v7.2-rc1; by its subject 8b29d0b45266, "driver core: add driver name to probe debug print", driver-core-next
// 2026-07-12: unverified). Every dd.c a profile reads prints "probe of %s returned %d after %lld usecs\n" (dakr@1ac45118ddf8
// for mainline). The logs below are hand-written in those formats, with v6.12's dev_dbg forms of the other lines; each
// new-form log is its old-form twin with " with driver <drv>" added. Before s51 h6 the new form was no line the reader
// knew: its probes' returns, deferrals and binds were never counted.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/cli/build.js';
import { scenario, type ScenarioSpec } from '../../src/kernel/scenario.js';
import { fromLog } from '../../src/logs/from-log.js';
import { parseLog } from '../../src/logs/parse.js';
import { validate } from '../../src/logs/validate.js';
import { namesDriverInReturn } from '../../src/logs/release.js';
import { PROFILE_NAMES, PROFILES } from '../../src/kernel/profiles.js';

const matched = (dev: string, drv: string) => `platform ${dev}: bus: 'platform': __driver_probe_device: matched device with driver ${drv}`;
/** dc deferred (probe()'s 517, or the core's -517), sup bound, dc retried and bound. */
const boot = (defer: number, form: 'old' | 'new') => {
  const ret = (dev: string, r: number, us: number) => (form === 'old' ? `probe of ${dev} returned ${r} after ${us} usecs` : `probe of ${dev} with driver ${dev}-drv returned ${r} after ${us} usecs`);
  return [matched('dc', 'dc-drv'), ret('dc', defer, 258), matched('sup', 'sup-drv'), ret('sup', 0, 100),
    'platform dc: Retrying from deferred list', matched('dc', 'dc-drv'), ret('dc', 0, 50)].map((l, i) => `[    1.${String(i).padStart(6, '0')}] ${l}`).join('\n');
};
const read = (text: string) => {
  const log = parseLog(text), r = fromLog(log, 't', 'mainline');
  return { log, r, model: buildModel(scenario(JSON.parse(JSON.stringify(r.spec)) as ScenarioSpec), {}) };
};

describe('"probe of X with driver D returned N": read as "probe of X returned N", with its driver', () => {
  it('parses the device, driver, return code and time; a driver name of several words is one word, as elsewhere', () => {
    expect(parseLog('probe of dc with driver dc-drv returned -517 after 258 usecs').events[0]).toMatchObject({ dev: 'dc', drv: 'dc-drv', ret: -517, usecs: 258, rule: { id: 'probe_returned', model: 'returned' } });
    expect(parseLog('probe of stmmac-0:01 with driver Generic PHY returned 0 after 5 usecs').events[0]).toMatchObject({ dev: 'stmmac-0:01', drv: 'Generic_PHY', spaced: 'Generic PHY', ret: 0 });
    // The old form still reads as before: no driver.
    expect(parseLog('probe of dc returned 517 after 258 usecs').events[0]).toMatchObject({ dev: 'dc', ret: 517 });
    expect(parseLog('probe of dc returned 517 after 258 usecs').events[0]!.drv).toBeUndefined();
  });

  it.each([[517, "probe()'s deferral"], [-517, "the core's deferral (EPROBE_DEFER before probe())"]])('%s (%s): the same scenario as the old form, the deferral counted, and validate checks every line', (defer) => {
    const o = read(boot(defer, 'old')), n = read(boot(defer, 'new'));
    expect(n.log.unknown).toBe(0);
    expect(n.r.spec).toEqual(o.r.spec);
    expect(n.r.spec.drivers).toMatchObject({ 'dc-drv': { matches: ['dc'], probe: ['defer', 'ok'] }, 'sup-drv': { matches: ['sup'] } });
    const v = validate(n.model, n.log);
    expect(v.verdict).toBe('behaviour');
    expect(v.checked.filter((e) => e.rule.id === 'probe_returned').map((e) => [e.dev, e.drv, e.ret])).toEqual([['dc', 'dc-drv', defer], ['sup', 'sup-drv', 0], ['dc', 'dc-drv', 0]]);
    expect(v.matched).toBe(7);
    // No profile given: the guess quotes the line as the log has it (mainline: v6.12's dev_dbg lines and the return's sign fit it).
    const g = fromLog(parseLog(boot(defer, 'new')), 't');
    expect(g.spec.profile).toBe('mainline');
    expect(g.notes.join('\n')).toContain(`line 2's "probe of dc with driver dc-drv returned ${defer}"`);
    // ... and says that no profile prints that line: mainline is the nearest, not a match (s51 h11: it said mainline
    // "prints its lines as it does"); the old form's guess is a match, as before.
    const guessNote = (form: 'old' | 'new') => fromLog(parseLog(boot(defer, form)), 't').notes.find((x) => x.startsWith('profile mainline is a guess'))!;
    expect(guessNote('new')).toContain(`line 2 prints "probe of dc with driver dc-drv returned ${defer}", initcall_debug's return naming the driver, which no profile's dd.c prints (read in kernel-patches/bpf's dd.c at 27f0f918d3e9, attributed to 8b29d0b45266`);
    expect(guessNote('new')).toContain("mainline's, dakr@1ac45118ddf8, prints \"probe of %s returned %d\"): the log's kernel is newer than every kernel text probecheck reads; mainline is the newest profile that prints the log's other lines as it does, the nearest, not a match");
    expect(guessNote('new')).not.toContain('prints its lines as it does');
    expect(guessNote('old')).toContain('mainline is the newest profile that prints its lines as it does');
    expect(guessNote('old')).not.toContain("no profile's dd.c prints");
    // The core's deferral note quotes the line as the log has it (s51 h7: it quoted the old form, a line the log does not hold).
    if (defer < 0) expect(n.r.notes.join('\n')).toContain('line 2: "probe of dc with driver dc-drv returned -517": at profile mainline');
  });

  it('no profile\'s dd.c prints the line naming the driver: only the kernel-patches text does (what the guess\'s note rests on)', () => {
    expect(namesDriverInReturn('kernel-patches@27f0f918d3e9')).toBe(true);
    expect(PROFILE_NAMES.filter((p) => namesDriverInReturn(PROFILES[p]!.sources['drivers/base/dd.c']))).toEqual([]);
    // A log of such lines alone (returns of 0: nothing else dates it) is not "fit by every profile" either.
    const zero = fromLog(parseLog(['probe of dc with driver dc-drv returned 0 after 5 usecs'].join('\n')), 't').notes.find((x) => x.startsWith('profile mainline is a guess'))!;
    expect(zero).toContain("line 1 prints \"probe of dc with driver dc-drv returned 0\", initcall_debug's return naming the driver, which no profile's dd.c prints");
    expect(zero).not.toContain('so every profile fits it as well');
  });

  it('notes quote the line as printed: the driver of two buses as the log names it, not the scenario\'s name@bus (s51 h7)', () => {
    const log = ["bus: 'i2c': add driver wm8731", "i2c 0-001a: bus: 'i2c': __driver_probe_device: matched device with driver wm8731", 'probe of 0-001a with driver wm8731 returned 0 after 3 usecs',
      "bus: 'spi': add driver wm8731", "spi spi0.0: bus: 'spi': __driver_probe_device: matched device with driver wm8731", 'probe of spi0.0 with driver wm8731 returned 517 after 30 usecs'];
    const r = fromLog(parseLog(log.join('\n')), 't');
    expect(Object.keys(r.spec.drivers ?? {})).toEqual(['wm8731@i2c', 'wm8731@spi']);
    expect(r.notes.join('\n')).toContain(`line 6's "probe of spi0.0 with driver wm8731 returned 517", a positive error`);
    // The line names the driver but no bus: without the matched lines (their bus) its devices are on none, so it is not read, said (bus-keyed.ts).
    const alone = fromLog(parseLog(log.filter((l) => !l.includes('matched')).join('\n')), 't');
    expect(alone.spec.drivers).toEqual({});
    expect(alone.notes).toContain('not read: line 2 (`probe of 0-001a with driver wm8731 returned 0 after 3 usecs`) names driver wm8731, which the log shows on i2c and spi, but no bus: no line puts its device 0-001a on one bus, so which of the two it is the log does not say');
  });

  it('names the driver where no other line does: not a made-up "X-driver"; validate checks the name', () => {
    const lines = ['probe of dc with driver ti-sysc returned 517 after 258 usecs', 'probe of sup with driver sup-drv returned 0 after 100 usecs', 'probe of dc with driver ti-sysc returned 0 after 708 usecs'];
    const n = read(lines.join('\n'));
    expect(Object.keys(n.r.spec.drivers ?? {})).toEqual(['ti-sysc', 'sup-drv']);
    expect(n.r.spec.drivers!['ti-sysc']).toMatchObject({ matches: ['dc'], probe: ['defer', 'ok'] });
    expect(n.r.notes.join('\n')).not.toContain('rename it to the real driver');
    expect(validate(n.model, n.log).verdict).toBe('behaviour');
    // The old form has no name for it.
    expect(Object.keys(read(lines.map((l) => l.replace(/ with driver \S+/, '')).join('\n')).r.spec.drivers ?? {})).toEqual(['dc-driver', 'sup-driver']);
    // A line naming a driver the scenario lacks is not taken for another driver's probe of the device.
    const other = validate(n.model, parseLog(lines.map((l) => l.replace('ti-sysc', 'other-drv')).join('\n')));
    expect(other.checked.map((e) => e.dev)).toEqual(['sup']);
    expect(other.unchecked.filter((u) => u.event.dev === 'dc').map((u) => u.why)).toEqual(['driver other-drv is not in the scenario', 'driver other-drv is not in the scenario']);
  });

  it("validate holds the line to the probe of the driver it names: another driver's probe of the device does not print it", () => {
    // a-drv registers first and binds dc; b-drv's walk then finds dc bound and probes nothing.
    const spec = { name: 't', profile: 'mainline', devices: { dc: { present: true } }, drivers: { 'a-drv': { matches: ['dc'] }, 'b-drv': { matches: ['dc'] } }, actors: { boot: ['register a-drv', 'register b-drv'] } };
    const model = buildModel(scenario(spec as ScenarioSpec), {});
    expect(validate(model, parseLog('probe of dc with driver a-drv returned 0 after 5 usecs')).verdict).toBe('behaviour');
    const b = validate(model, parseLog('probe of dc with driver b-drv returned 0 after 5 usecs'));
    expect(b.verdict).toBe('not-a-behaviour');
    // What it could print instead, in the log's form.
    expect(b.couldPrintLines).toContain('probe of dc with driver a-drv returned 0');
    // The old form names no driver: either probe prints it.
    expect(validate(model, parseLog('probe of dc returned 0 after 5 usecs')).verdict).toBe('behaviour');
  });
});
