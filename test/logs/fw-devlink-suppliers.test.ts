// from-log on device_links_check_suppliers' own lines ("supplier X not ready", "wait for supplier N"):
// a deferral before the probe that names its supplier is written as the consumer's `suppliers` where
// the model can hold that link, and the header says what it did and what it could not.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-fw-devlink-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
const scenarioFile = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

// M. Zyngier, "Re: [PATCH v1 0/5] Enable fw_devlink=on by default", linux-kernel, 2020-12 (an rk3399
// NanoPC-T4 on the 5.12-bound driver-core tree, "the debug prints in device_links_check_suppliers()"
// on): two of its lines as quoted, the second wrapped after "supplier" by the mail.
const MARC_READY = 'platform vcc3v3-sys: probe deferral - supplier vcc12v0-sys not ready';
const MARC_WAIT = ['platform f8000000.pcie: probe deferral - wait for supplier', 'gpio2@ff780000'];

const around = deferredConsumer;

describe("device_links_check_suppliers' lines written as a device's `suppliers`", () => {
  it('"probe deferral - supplier X not ready" (dev_dbg, before a 2021-09 patch made it dev_err_probe; none at v5.10.13): the link is written, the defer dropped, and the log validates', () => {
    // Before: the line was not read; the scenario had reg-fixed-voltage's `["defer", "ok"]` and a note advising `suppliers`.
    const log = logFile('marc-ready.log', around('vcc3v3-sys', 'reg-fixed-voltage', 'vcc12v0-sys', 'reg-fixed-voltage', [MARC_READY]));
    const w = probecheck(['from-log', log, '--profile', 'v5.10']);
    expect(w.stderr).toBe('');
    expect(w.stdout).toMatch(/"vcc3v3-sys": \{\n\s+"present": true,\n\s+"suppliers": \[\n\s+"vcc12v0-sys"\n\s+\]/);
    expect(w.stdout).not.toContain('"defer"');
    expect(w.stdout).toContain("written as vcc3v3-sys's `suppliers: ['vcc12v0-sys']` (line 2 says supplier vcc12v0-sys not ready;");
    const v = probecheck(['validate', scenarioFile('marc-ready.ts', w.stdout), '--log', log]);
    expect(v.stdout).toMatch(/IS a behaviour of the model: a run of \d+ steps prints all 11 checked lines/);
    expect(v.status).toBe(0);
  });

  it('"wait for supplier N" names a firmware node: taken as the platform device of_device_make_bus_id names after it, said as a guess', () => {
    const log = logFile('marc-wait.log', around('f8000000.pcie', 'rockchip-pcie', 'ff780000.gpio2', 'rockchip-gpio', MARC_WAIT));
    const w = probecheck(['from-log', log, '--profile', 'v5.10']);
    expect(w.stdout).toMatch(/"f8000000\.pcie": \{\n\s+"present": true,\n\s+"suppliers": \[\n\s+"ff780000\.gpio2"\n\s+\]/);
    expect(w.stdout).toContain('line 2 says wait for supplier gpio2@ff780000 (a firmware node) (firmware node gpio2@ff780000 taken as platform device ff780000.gpio2');
    expect(w.stdout).toContain('a guess');
    expect(w.stdout).not.toContain('"defer"');
    expect(probecheck(['validate', scenarioFile('marc-wait.ts', w.stdout), '--log', log]).status).toBe(0);
  });

  it("initcall_debug's -517 before any probing line (v6.6 negates probe()'s own) with dev_err_probe's line: the link is written, and the log validates", () => {
    // Constructed around the dev_err_probe form (core.c at v6.6.y): the core's deferral, then the supplier's bind and the retry.
    const log = logFile('ret517.log', [
      "bus: 'platform': __driver_probe_device: matched device panel with driver panel-simple",
      'platform panel: error -EPROBE_DEFER: supplier reg-vdd not ready',
      'probe of panel returned -517 after 5 usecs',
      "bus: 'platform': __driver_probe_device: matched device reg-vdd with driver reg-fixed-voltage",
      "bus: 'platform': really_probe: probing driver reg-fixed-voltage with device reg-vdd",
      "bus: 'platform': really_probe: bound device reg-vdd to driver reg-fixed-voltage",
      'probe of reg-vdd returned 0 after 9 usecs',
      "bus: 'platform': __driver_probe_device: matched device panel with driver panel-simple",
      "bus: 'platform': really_probe: probing driver panel-simple with device panel",
      "bus: 'platform': really_probe: bound device panel to driver panel-simple",
      'probe of panel returned 0 after 9 usecs',
    ]);
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(w.stdout).toContain("written as panel's `suppliers: ['reg-vdd']` (line 2 says supplier reg-vdd not ready;");
    expect(w.stdout).not.toContain('"defer"');
    const v = probecheck(['validate', scenarioFile('ret517.ts', w.stdout), '--log', log]);
    expect(v.stdout).toMatch(/IS a behaviour of the model: a run of \d+ steps prints all 10 checked lines/);
  });

  it('a node no device of the log is named after: not written, and said (V. Zapolskiy, linux-media, 2021-12: a v5.16-rc6 RB5 boot)', () => {
    // His two lines as quoted (dev_err_probe's form), behind the matched line dd.c prints before them (not quoted).
    const log = logFile('camss.log', [
      "bus: 'platform': __driver_probe_device: matched device ac6a000.camss with driver qcom-camss",
      'platform ac6a000.camss: error -EPROBE_DEFER: wait for supplier camera@1a',
      'platform ac6a000.camss: Added to deferred list',
    ]);
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stdout).toContain('not written: line 2 says wait for supplier camera@1a (a firmware node): firmware node camera@1a names no device of this log (nor does 1a.camera');
    expect(w.stdout).toMatch(/"probe": "defer"/);
    expect(w.stdout).not.toContain('"suppliers"');
    // The advice names no node as a device's name.
    expect(w.stdout).toContain("declare the link in ac6a000.camss's `suppliers` (the device of firmware node camera@1a: line 2");
  });

  it('not at v5.0 (no DL_FLAG_AUTOPROBE_CONSUMER, E601 before v5.1), nor where an end is added in the log', () => {
    const lines = around('vcc3v3-sys', 'reg-fixed-voltage', 'vcc12v0-sys', 'reg-fixed-voltage', [MARC_READY]);
    const old = probecheck(['from-log', logFile('marc-old.log', lines), '--profile', 'v5.0']);
    expect(old.stderr).toBe('');
    expect(old.stdout).toContain('but profile v5.0 has no DL_FLAG_AUTOPROBE_CONSUMER (e7dd40105aac, v5.1)');
    expect(old.stdout).not.toContain('"suppliers"');
    expect(old.stdout).toContain('"defer"');
    const added = probecheck(['from-log', logFile('marc-added.log', ["device: 'vcc12v0-sys': device_add", "bus: 'platform': add device vcc12v0-sys", ...lines]), '--profile', 'v5.10']);
    expect(added.stdout).toContain('but vcc12v0-sys is added at line 1 (boot): the model\'s links made before the start need both ends present');
    expect(added.stdout).not.toContain('"suppliers"');
  });

  it('a link the build refuses (v6.6: the late initcall schedules the timeout work, whose relaxation of links is not modelled) is dropped, said', () => {
    const lines = around('panel', 'panel-simple', 'reg-vdd', 'reg-fixed-voltage', ['platform panel: error -EPROBE_DEFER: supplier reg-vdd not ready'])
      .map((l) => l.replace('driver_probe_device:', '__driver_probe_device:'));
    const log = logFile('late.log', ['calling  deferred_probe_initcall+0x0/0xb8 @ 1', ...lines]);
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(w.stderr).toBe('');
    expect(w.stdout).toMatch(/not written: line 3 says supplier reg-vdd not ready, but the scenario with it did not build \(E601: .*schedules the deferred-probe timeout work/);
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('"defer"');
  });
});
