// The fw_devlink lines from-log reads, in each form core.c took from v5.10 to mainline (pins, read
// before this file too): none in v5.10.13's device_links_check_suppliers; dev_dbg's "probe deferral -
// supplier %s not ready" / "probe deferral - wait for supplier %pfwP" (a 2020-12 posted patch, M.
// Zyngier's 5.12-bound boot); dev_err_probe's "supplier %s not ready" / "wait for supplier %pfwP" (v5.15)
// and "wait for supplier %pfwf" (v6.6.y, 6.18.y, and a 2025 copy whose check runs under
// scoped_guard(mutex, &fwnode_link_lock): the same two texts). device_link_add's "Linked as a consumer
// to %s" (dev_dbg) is a link; "Linked as a sync state only consumer to %s" is not one that defers
// (device_links_check_suppliers skips DL_FLAG_SYNC_STATE_ONLY links), so it writes nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';
import { tempDir } from '../temp.js';
import { deferredConsumer } from './deferred-consumer.js';

const dir = tempDir('probecheck-fw-devlink-formats-');
const run = (name: string, said: string[], profile: string) => {
  const p = join(dir, name);
  writeFileSync(p, deferredConsumer('fe800000.usb', 'dwc3', 'vcc5v0-host', 'reg-fixed-voltage', said, { match: '__driver_probe_device' }).join('\n') + '\n');
  return probecheck(['from-log', p, '--profile', profile]).stdout;
};
const LINK = /"suppliers": \[\n\s+"vcc5v0-host"\n\s+\]/;

describe("fw_devlink's supplier lines, v5.10 .. mainline", () => {
  it.each([
    ['dev_dbg, before the 2021-09 change', 'platform fe800000.usb: probe deferral - supplier vcc5v0-host not ready', 'v5.15'],
    ['dev_err_probe, v5.15 .. mainline', 'platform fe800000.usb: error -EPROBE_DEFER: supplier vcc5v0-host not ready', 'v5.15'],
    ['dev_err_probe without CONFIG_SYMBOLIC_ERRNAME', 'platform fe800000.usb: error -517: supplier vcc5v0-host not ready', 'v6.6'],
    ['%pfwf, v6.6 .. mainline', 'platform fe800000.usb: error -EPROBE_DEFER: wait for supplier /vcc5v0-host', 'v6.6'],
    ["device_link_add's dev_dbg", 'platform fe800000.usb: Linked as a consumer to vcc5v0-host', 'v5.15'],
  ])('%s: written', (_what, line, profile) => {
    expect(run(`${profile}-${line.length}.log`, [line], profile)).toMatch(LINK);
  });

  it('a sync-state-only link defers nothing: no link written', () => {
    const out = run('sync.log', ['platform fe800000.usb: Linked as a sync state only consumer to vcc5v0-host'], 'v5.15');
    expect(out).not.toContain('"suppliers"');
  });
});
