// s48 h4: device_links_check_suppliers' deferral line had three readers (supplier-deferral.ts's SUP,
// from-log's supplierSays, release.ts's supplierOfLog) that took different lines; one reader now
// (supplier-words.ts), held to what the kernel prints: dev_dbg's `probe deferral - ` (1f0dfa0545e7),
// dev_err_probe's `error -EPROBE_DEFER: ` / `error -517: ` (68223eeec708; __dev_probe_failed's
// "error %pe: %pV"), the bare words only as a pending reason (device_set_deferred_probe_reason sets
// the message alone), behind dyndbg's decorations (dynamic_emit_prefix; dyndbg.ts). Each case below
// was read differently by one of the three before.
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../src/logs/parse.js';
import { profileGuess } from '../../src/logs/release.js';
import { fromLog } from '../../src/logs/from-log.js';
import { supplierDeferral } from '../../src/logs/supplier-deferral.js';
import { supplierWords } from '../../src/logs/supplier-words.js';
import { deferredConsumer } from './deferred-consumer.js';

describe("device_links_check_suppliers' words, as the kernel prints them", () => {
  it('reads each form, and no line of one form with the other\'s end', () => {
    expect(supplierWords('probe deferral - wait for supplier pinctrl@ff770000')).toEqual({ form: 'dbg', wait: true, name: 'pinctrl@ff770000' });
    expect(supplierWords('error -517: supplier vcc5v0-host not ready')).toEqual({ form: 'err_probe', wait: false, name: 'vcc5v0-host' });
    expect(supplierWords('wait for supplier /soc/i2c@0')).toEqual({ form: 'bare', wait: true, name: '/soc/i2c@0' });
    // supplier-deferral's SUP took both (no kernel prints either).
    // Not read, and said (s48 h5: dropped with no word).
    expect(supplierDeferral(parseLog('platform i2c@0: error -EPROBE_DEFER: wait for supplier x not ready\nplatform i2c@1: error -EPROBE_DEFER: supplier y\n'))).toMatch(/^line 1 \("platform i2c@0: error -EPROBE_DEFER: wait for supplier x not ready"\) and 1 more read as device_links_check_suppliers' deferral in no form read as it .*: no link is taken from them$/);
    for (const w of ['error -EPROBE_DEFER: supplier vcc5v0-host', 'error -EPROBE_DEFER: wait for supplier vcc5v0-host not ready', 'error -22: supplier x not ready']) expect(supplierWords(w)).toBeUndefined();
  });

  // SUP and from-log took a bare line on a dev_printk line and a prefixed pending reason; no kernel prints either.
  it('the bare words only as a pending reason, the prefixed only on a dev_printk line', () => {
    expect(supplierDeferral(parseLog('platform i2c@0: supplier 80010000.gpio not ready\n'))).toMatch(/^line 1 \("platform i2c@0: supplier 80010000.gpio not ready"\) reads as .* no form read as it .*: no link is taken from it$/);
    expect(supplierDeferral(parseLog('platform i2c@0: deferred probe pending: platform: error -EPROBE_DEFER: supplier 80010000.gpio not ready\n'))).toMatch(/^line 1 \("deferred probe pending: platform: error -EPROBE_DEFER: supplier 80010000.gpio not ready"\) reads as .*: no link is taken from it$/);
    const read = supplierDeferral(parseLog('platform i2c@0: deferred probe pending: platform: supplier 80010000.gpio not ready\n'));
    expect(read).toContain("line 1's reason (supplier 80010000.gpio not ready)");
    // Read, so not also a look-alike not read (s50 h10: a mutant listing it as one survived).
    expect(read).not.toContain('no link is taken from it');
    const bare = fromLog(parseLog(deferredConsumer('fe800000.usb', 'dwc3', 'vcc5v0-host', 'reg-fixed-voltage', ['platform fe800000.usb: supplier vcc5v0-host not ready']).join('\n')), 'bare.log');
    expect(bare.spec.devices['fe800000.usb']?.suppliers).toBeUndefined();
    // The line that names the supplier, not read, is said where the scenario asks for that link (s48 h5).
    expect(bare.notes).toContainEqual(expect.stringMatching(/^not read: line 2 \("platform fe800000.usb: supplier vcc5v0-host not ready"\) reads as device_links_check_suppliers' deferral/));
    // A name of more than one word, which the kernel does print, alike.
    expect(supplierDeferral(parseLog('platform fe800000.usb: error -EPROBE_DEFER: supplier Fixed MDIO bus.0 not ready\n'))).toMatch(/^line 1 .* \(the forms read: "supplier X not ready" or "wait for supplier N", X and N one word each, /);
  });

  // dyndbg's decorations: supplierOfLog and from-log read no decorated line, SUP no `<intr>`, no 4th field, no `file:` with `/`.
  const DEC = '[    2.000000] [42] core:device_links_check_suppliers:1123: platform fe330000.mmc: probe deferral - supplier ff770000.syscon not ready';
  it('a decorated dev_dbg line dates the log as a plain one does', () => {
    expect(profileGuess(parseLog(`${DEC}\n`)).profile).toBe('v5.10');
  });
  it('from-log reads a decorated line as the link it is', () => {
    const dec = '[    2.000000] [212] core:__dev_probe_failed:5049: platform fe800000.usb: error -EPROBE_DEFER: supplier vcc5v0-host not ready';
    const r = fromLog(parseLog(deferredConsumer('fe800000.usb', 'dwc3', 'vcc5v0-host', 'reg-fixed-voltage', [dec], { match: '__driver_probe_device' }).join('\n')), 'dec.log', 'v6.6');
    expect(r.spec.devices['fe800000.usb']?.suppliers).toEqual(['vcc5v0-host']);
  });
  it('every decoration dynamic_emit_prefix prints: +t alone, <intr>, +mfsl', () => {
    for (const dec of ['[42] ', '<intr> ', 'core:dev_err_probe:drivers/base/core.c:5049: ', '[42] core:dev_err_probe:drivers/base/core.c:5049: '])
      expect(supplierDeferral(parseLog(`${dec}platform i2c@0: error -EPROBE_DEFER: supplier 80010000.gpio not ready\n`))).toContain('line 1 (supplier 80010000.gpio not ready)');
  });
  // parse.ts reads dd.c's lines behind the same decorations: +s's `file:` (a path) and a fourth field were not read.
  it("dd.c's lines behind +mfsl", () => {
    const log = parseLog("[42] dd:really_probe:drivers/base/dd.c:561: bus: 'platform': really_probe: probing driver dwc3 with device fe800000.usb\n");
    expect(log.events.map((e) => [e.rule.id, e.task])).toEqual([['probing', 'T42']]);
  });
});
