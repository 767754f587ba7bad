// The log's kernel against the model's profile: its "Linux version" line, and the function its
// "matched device" line names (__driver_probe_device from 45ddcb42949f, v5.14, on: release.ts).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/cli/build.js';
import { loadModel } from '../../src/load.js';
import { parseLog } from '../../src/logs/parse.js';
import { validate } from '../../src/logs/validate.js';
import { renderValidation } from '../../src/cli/validate.js';
import { profileByForms, profileGuess } from '../../src/logs/release.js';

const LOG = (version: string, fn: string) => [
  `[    0.000000] Linux version ${version} (builder@host) (gcc 12.2.0) #1 SMP PREEMPT`,
  "[    0.100000] bus: 'platform': add driver dc-drv",
  `[    0.100100] bus: 'platform': ${fn}: matched device dc with driver dc-drv`,
].join('\n');

describe('validate warns when the log is of another kernel than the profile', async () => {
  const model = async (profile: string) => buildModel(await loadModel('models/deferred-probe.ts'), { profile });
  it('a 6.6 log with __driver_probe_device against v4.2: both warnings, each naming the profile that fits', async () => {
    const r = validate(await model('v4.2'), parseLog(LOG('6.6.12', '__driver_probe_device')));
    expect(r.warnings).toEqual([
      'the log is of Linux 6.6.12 (line 1), the model of profile v4.2: the profile for that release is v6.6 (--param profile=v6.6)',
      'line 3 prints "matched device" from __driver_probe_device, as kernels from 45ddcb42949f (v5.14) on do; profile v4.2 is before it: v5.15 or a later profile fits the log',
    ]);
  });
  it('a 4.4 log with driver_probe_device against mainline', async () => {
    const r = validate(await model('mainline'), parseLog(LOG('4.4.0', 'driver_probe_device')));
    expect(r.warnings).toEqual([
      'the log is of Linux 4.4.0 (line 1), the model of profile mainline: the profile for that release is v4.2 (--param profile=v4.2)',
      'line 3 prints "matched device" from driver_probe_device, as kernels before 45ddcb42949f (v5.14) do; profile mainline is after it: v5.10 or an earlier profile fits the log',
      "line 3 prints dd.c's matched line with pr_debug (the device in the text), as dd.c does up to v6.3 at least (read); profile mainline's dd.c does not: v6.6 or an earlier profile fits the log",
    ]);
  });
  it("a log in v6.12's dev_printk forms against v6.1: the form names the profiles that fit; a log without a version line gets its profile from the forms", async () => {
    const log = parseLog(["platform dc: bus: 'platform': __driver_probe_device: matched device with driver dc-drv", "platform dc: bus: 'platform': really_probe: probing driver dc-drv with device"].join('\n'));
    expect(validate(await model('v6.1'), log).warnings).toEqual(["line 1 prints dd.c's matched line with dev_dbg (the device in the prefix), as dd.c does from a release after v6.3 (v6.12 read; a 6.11 log prints it too); profile v6.1's dd.c does not: v6.12 or a later profile fits the log"]);
    expect(validate(await model('v6.12'), log).warnings).toEqual([]);
    expect(profileByForms(log)).toBe('mainline');
    expect(profileByForms(parseLog("bus: 'platform': __driver_probe_device: matched device dc with driver dc-drv"))).toBe('v6.6');
    expect(profileByForms(parseLog("bus: 'platform': driver_probe_device: matched device dc with driver dc-drv"))).toBe('v5.10');
  });
  // s48 h5: a line that reads as that deferral in no form read as it was dropped with no word.
  it("a supplier line in no form read is said, not read", async () => {
    const r = validate(await model('v6.6'), parseLog(`${LOG('6.6.12', '__driver_probe_device')}\n[    0.100200] platform dc: supplier vcc5v0-host not ready`));
    expect(r.verdict).not.toBe('nothing-to-check');
    expect(renderValidation(r, 'x.log')).toMatch(/\n {2}not read: line 4 \("platform dc: supplier vcc5v0-host not ready"\) reads as device_links_check_suppliers' deferral in no form read as it .*: no link is taken from it\n/);
  });
  // Left by s47 h12: the supplier line's form dated from-log's guess but not validate's warnings.
  it("device_links_check_suppliers' line in a form the profile's core.c does not print", async () => {
    const ERR = 'platform fe800000.usb: error -EPROBE_DEFER: supplier vcc5v0-host not ready', DBG = 'platform fe330000.mmc: probe deferral - supplier ff770000.syscon not ready';
    expect(validate(await model('v5.10'), parseLog(ERR)).warnings).toEqual(["line 1 prints \"error -EPROBE_DEFER: supplier vcc5v0-host not ready\", device_links_check_suppliers' dev_err_probe form, as core.c does from v5.15 (68223eeec708); profile v5.10's core.c prints no such line: v5.15 or a later profile fits the log"]);
    expect(validate(await model('v6.6'), parseLog(DBG)).warnings).toEqual(["line 1 prints \"probe deferral - supplier ff770000.syscon not ready\", device_links_check_suppliers' dev_dbg form, as core.c does from v5.12 (1f0dfa0545e7) to v5.14 (68223eeec708 replaced it); profile v6.6's core.c prints the other form: no profile has that form: v5.10 (the nearest below) or v5.15 (above) fits the log best"]);
    // The nearest profiles, which from-log guesses for that form, are not warned of.
    for (const p of ['v5.10', 'v5.15']) expect(validate(await model(p), parseLog(DBG)).warnings, p).toEqual([]);
    expect(validate(await model('v6.6'), parseLog(ERR)).warnings).toEqual([]);
    expect(validate(await model('v6.6'), parseLog([DBG, ERR].join('\n'))).warnings).toEqual([]);
  });
  it('none when they agree, or when the log does not say', async () => {
    expect(validate(await model('v6.6'), parseLog(LOG('6.6.12', '__driver_probe_device'))).warnings).toEqual([]);
    expect(validate(await model('v4.2'), parseLog(LOG('4.3.0', 'driver_probe_device'))).warnings).toEqual([]);
    expect(validate(await model('v4.2'), parseLog("bus: 'platform': add driver dc-drv")).warnings).toEqual([]);
  });
});

// Found by a new-user pass (2026-12-03): before v5.14 really_probe's deferral re-triggers through
// the step that follows driver_bound on success, and validate read it as "bound device".
describe('a defer, retry, bind log before v5.14', () => {
  it('is a behaviour of the model at v4.2 and v5.10', async () => {
    const { buildScenario } = await import('probecheck');
    const spec = { name: 'v510', devices: { dc: {}, sup: {} }, drivers: { 'dc-drv': { matches: ['dc'], needs: ['sup'], present: true }, 'sup-drv': { matches: ['sup'], present: true } }, actors: { a: 'add dc', b: 'add sup' } };
    const log = parseLog([
      "bus: 'platform': driver_probe_device: matched device dc with driver dc-drv", "bus: 'platform': really_probe: probing driver dc-drv with device dc",
      "bus: 'platform': driver_probe_device: matched device sup with driver sup-drv", "bus: 'platform': really_probe: probing driver sup-drv with device sup",
      "driver: 'sup-drv': driver_bound: bound to device 'sup'", "bus: 'platform': really_probe: bound device sup to driver sup-drv",
      'platform dc: Driver dc-drv requests probe deferral', 'platform dc: Added to deferred list', 'platform dc: Retrying from deferred list',
      "bus: 'platform': driver_probe_device: matched device dc with driver dc-drv", "bus: 'platform': really_probe: probing driver dc-drv with device dc",
      "driver: 'dc-drv': driver_bound: bound to device 'dc'", "bus: 'platform': really_probe: bound device dc to driver dc-drv"].join('\n'));
    for (const p of ['v4.2', 'v5.10']) {
      const r = validate(buildScenario(spec, p, '').model, log);
      expect([r.verdict, r.matched], p).toEqual(['behaviour', 13]);
    }
  });
});

// s46 h12: a "requests probe deferral" with none of dd.c's debug lines reads as dev_info's (v3.x, v4.0)
// only where nothing else in the log shows the kernel: a dev_dbg one kept by a grep, or by dyndbg on
// for that line, was guessed v3.14 (then warned that v3.14 prints no such pending line).
describe('the dev_info guess from a lone deferral line yields to the log\'s other lines', () => {
  const DEFER = '[    1.100000] platform fe000000.gpu: Driver v3d requests probe deferral';
  const guess = (lines: string[]) => profileGuess(parseLog(lines.join('\n')));
  it('alone: a dev_info kernel (v3.14), the basis said', () => {
    expect(guess([DEFER]).profile).toBe('v3.14');
  });
  it('beside a pending line with a reason (v6.8 on) or a positive returned 517: a dev_dbg kernel, the deferral line said not used', () => {
    const p = guess([DEFER, '[   12.000000] platform fe000000.gpu: deferred probe pending: v3d: failed to get clock']);
    expect(p.profile).toBe('mainline');
    expect(p.basis).toContain('which the rest shows a kernel printing with dev_dbg');
    const r = guess([DEFER, '[    1.100100] probe of fe000000.gpu returned 517 after 40 usecs']);
    expect(r.profile).toBe('mainline');
    expect(r.fits).toContain('v6.6');
  });
  it('decorated by dyndbg (+f), or beside a match deferral (dev_dbg): not dev_info', () => {
    expect(guess(['[    1.100000] call_driver_probe: platform fe000000.gpu: Driver v3d requests probe deferral']).basis).not.toContain('dev_info');
    expect(guess([DEFER, '[    1.200000] platform fe000001.hdmi: Device match requests probe deferral']).basis).not.toContain('dev_info');
  });
});

// s47 h12: core.c's "probe deferral - " form is v5.12 .. v5.14's (1f0dfa0545e7, driver-core-5.12-rc1, to
// 68223eeec708, driver-core-5.15-rc4). Beside v5.14's "matched" line from __driver_probe_device no profile
// before v5.15 fits: the guess was then the newest profile (v6.6), the supplier line said "ruled out".
describe('core.c\'s supplier-line form dates the log by the commits that made it', () => {
  const guess = (lines: string[]) => profileGuess(parseLog(lines.join('\n')));
  const DBG = '[    2.000000] platform fe330000.mmc: probe deferral - supplier ff770000.syscon not ready';
  it('alone: v5.12 .. v5.14, so v5.10 (the nearest below), the commits said', () => {
    const p = guess([DBG]);
    expect(p.profile).toBe('v5.10');
    expect(p.basis).toContain('from v5.12 (1f0dfa0545e7, driver-core-5.12-rc1; 5.10.13 prints none) to v5.14 (68223eeec708');
  });
  it('beside __driver_probe_device\'s matched line (v5.14 on): a v5.14 kernel, v5.15 the oldest that fits', () => {
    const p = guess(["[    1.900000] bus: 'platform': __driver_probe_device: matched device fe330000.mmc with driver dwmmc_rockchip", DBG]);
    expect(p.profile).toBe('v5.15');
    expect(p.basis).toContain('a v5.14 kernel or v5.15-rc1 .. rc3, whose dd.c v5.15\'s is: the oldest that fits');
  });
  // s47 h14: with both forms (two kernels' lines pasted together) the first line's form was used, in either order, and the
  // other line not said.
  it('both forms: no one kernel prints both, so neither is used, and both lines are said', () => {
    const ERR = '[    3.000000] platform fe800000.usb: error -EPROBE_DEFER: supplier vcc5v0-host not ready';
    for (const lines of [[DBG, ERR], [ERR, DBG]]) {
      const p = guess(lines);
      expect(p.profile).toBe('mainline');
      expect(p.basis).toMatch(/^line 1's .* and line 2's .*, both forms of device_links_check_suppliers' line .*which no one kernel prints \(two kernels' lines\?\): not used$/);
    }
  });
});
