// from-log's supplier links and interleaved probes, on fragments built to break them (s37 h11):
// a consumer waiting for two suppliers of which only one is a device of the log, a child node's
// full path whose last name is a device's, dev_err_probe's number form, a reg-less node's path,
// and more than one interleaved probe. Constructed: dd.c's v5.10 lines around core.c's quoted forms.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-fw-devlink-review-');
const logFile = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
const scenarioFile = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const around = deferredConsumer;

describe('supplier links from-log writes: what the log does not support is not written, and said', () => {
  it('a wait for a node no device of the log stands for, beside a supplier that is one: the link written, the defer kept, said', () => {
    // Before: suppliers [gpio2] and rockchip-pcie's defer dropped; the wait for camera@1a not said.
    const log = logFile('partial.log', around('f8000000.pcie', 'rockchip-pcie', 'ff780000.gpio2', 'rockchip-gpio', [
      'platform f8000000.pcie: probe deferral - wait for supplier camera@1a',
      'platform f8000000.pcie: probe deferral - supplier ff780000.gpio2 not ready',
    ]));
    const w = probecheck(['from-log', log, '--profile', 'v5.10']);
    expect(w.stderr).toBe('');
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"ff780000\.gpio2"\n\s+\]/);
    expect(w.stdout).toContain('but line 2 says wait for supplier camera@1a (a firmware node): firmware node camera@1a names no device of this log');
    expect(w.stdout).toContain('a wait the links written do not hold, so rockchip-pcie keeps its `defer` for it');
    expect(w.stdout).toContain('"defer"');
    expect(probecheck(['validate', scenarioFile('partial.ts', w.stdout), '--log', log]).status).toBe(0);
  });

  it("a child node's full path (%pfwf) is not taken as the device named as its last name", () => {
    // Before: `suppliers: ['usb3-port']`, "the device named after firmware node usb3-port".
    const log = logFile('child.log', around('fe800000.usb', 'dwc3', 'usb3-port', 'phy-rockchip', [
      'platform fe800000.usb: error -EPROBE_DEFER: wait for supplier /phy@ff7c0000/usb3-port',
    ]));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('names no device of this log (nor does ff7c0000.phy:usb3-port, the platform device name of_device_make_bus_id would give it); the device usb3-port is not taken for it');
    expect(w.stdout).toContain('"defer"');
  });

  it("a reg-less node's path is taken as of_device_make_bus_id's parent:child name, said as a guess", () => {
    const log = logFile('regless.log', around('panel', 'panel-simple', 'soc:vcc-lcd', 'reg-fixed-voltage', [
      'platform panel: error -EPROBE_DEFER: wait for supplier /soc/vcc-lcd',
    ]));
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"soc:vcc-lcd"\n\s+\]/);
    expect(w.stdout).toContain('firmware node /soc/vcc-lcd taken as platform device soc:vcc-lcd');
    expect(w.stdout).toContain('a guess');
  });

  it('dev_err_probe\'s "error -517: " (CONFIG_SYMBOLIC_ERRNAME off) is read as "error -EPROBE_DEFER: " is', () => {
    // Before: not read; the defer kept and only advice.
    const log = logFile('errno.log', around('panel', 'panel-simple', 'reg-vdd', 'reg-fixed-voltage', ['platform panel: error -517: supplier reg-vdd not ready']));
    const w = probecheck(['from-log', log, '--profile', 'v5.15']);
    expect(w.stdout).toMatch(/"suppliers": \[\n\s+"reg-vdd"\n\s+\]/);
    expect(w.stdout).not.toContain('"defer"');
  });

  it("-517 in a log with none of dd.c's debug lines may be pinctrl's or dma_configure's: a 'Linked as a consumer' line alone writes no link", () => {
    // initcall_debug and core.c's dyndbg, no dd.c lines: really_probe's pr_debug of the probing line
    // sits after device_links_check_suppliers and before pinctrl_bind_pins (dd.c at torvalds@f8fb576658a3:168-189).
    const log = logFile('ic.log', [
      'calling  panel_simple_init+0x0/0x1000 @ 1',
      'platform panel: Linked as a consumer to reg-vdd',
      'probe of panel returned -517 after 5 usecs',
      'initcall panel_simple_init+0x0/0x1000 returned 0 after 20 usecs',
      'calling  reg_fixed_voltage_init+0x0/0x1000 @ 1',
      'probe of reg-vdd returned 0 after 9 usecs',
      'initcall reg_fixed_voltage_init+0x0/0x1000 returned 0 after 20 usecs',
      'probe of panel returned 0 after 9 usecs',
    ]);
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    expect(w.stderr).toBe('');
    // Before: `suppliers: ['reg-vdd']` written and the defer dropped, the note naming only the link check and defer_all_probes.
    expect(w.stdout).not.toContain('"suppliers"');
    expect(w.stdout).toContain('"defer"');
    expect(w.stdout).toContain('this log prints none of dd.c\'s debug lines ("matched device", "probing driver"), so before the probing line');
    expect(w.stdout).toContain("(line 2 links it as a consumer to reg-vdd: if that is fw_devlink's link, not a driver's stateless one");
  });
});

describe('interleaved probes: each one said', () => {
  it('two probes that start inside another and end after it are both named', () => {
    const probe = (dev: string, drv: string) => ({
      start: [`bus: 'platform': __driver_probe_device: matched device ${dev} with driver ${drv}`, `bus: 'platform': really_probe: probing driver ${drv} with device ${dev}`],
      end: [`driver: '${drv}': driver_bound: bound to device '${dev}'`, `bus: 'platform': really_probe: bound device ${dev} to driver ${drv}`],
    });
    const a = probe('fe310000.mmc', 'sdhci-arasan'), b = probe('fe330000.mmc', 'dwmmc_rockchip'), c = probe('fe340000.mmc', 'dwmmc_rockchip');
    const w = probecheck(['from-log', logFile('two.log', [...a.start, ...b.start, ...a.end, ...c.start, ...b.end, ...c.end]), '--profile', 'v6.6']);
    expect(w.stdout).not.toContain('"registers"');
    // Before: only fe330000.mmc was said; fe340000.mmc, not taken as registered by fe330000.mmc's probe either, was not.
    expect(w.stdout).toContain("fe330000.mmc: its probe starts at line 3, inside sdhci-arasan's probe of fe310000.mmc");
    expect(w.stdout).toContain("(so 1 other probe: fe340000.mmc at line 7, inside dwmmc_rockchip's probe of fe330000.mmc, ending at line 11)");
  });

  it("a driver named as the outer probe's device, binding a child inside it, does not end that probe: the next child is still nested", () => {
    const p = (dev: string, drv: string) => [`bus: 'platform': __driver_probe_device: matched device ${dev} with driver ${drv}`, `bus: 'platform': really_probe: probing driver ${drv} with device ${dev}`];
    const b = (dev: string, drv: string) => [`driver: '${drv}': driver_bound: bound to device '${dev}'`, `bus: 'platform': really_probe: bound device ${dev} to driver ${drv}`];
    const log = logFile('namesake.log', [...p('foo', 'foo-core'), ...p('foo.0', 'foo'), ...b('foo.0', 'foo'), ...p('foo.1', 'foo-cell'), ...b('foo.1', 'foo-cell'), ...b('foo', 'foo-core')]);
    const w = probecheck(['from-log', log, '--profile', 'v6.6']);
    // Before: "foo.1: its probe starts at line 7, inside foo-core's probe of foo, and ends at line 9, after that one ended at line 5: interleaved".
    expect(w.stdout).toContain('foo.1: probed inside the probe of foo (line 7): taken as registered by it');
    expect(w.stdout).not.toContain('interleaved');
  });
});
