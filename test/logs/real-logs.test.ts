// from-log and validate on excerpts of public kernel logs that went wrong (a hunt on real logs,
// 2026-12-04): each case quotes the lines that matter, with its source (list, date, author).
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'probecheck-real-logs-'));
/** Writes a log (lines, or raw bytes) into the temporary folder: its path. */
const logFile = (name: string, text: string | Buffer) => { const p = join(dir, name); writeFileSync(p, text); return p; };

// B. Masney, "Re: [PATCH] pinctrl: qcom-pmic-gpio: silence -EPROBE_DEFER message on probe", linux-arm-msm, 2023-08-17.
const QCOM = [
  "    device: 'c440000.spmi:pmic@2:gpio@8800': device_add",
  "    bus: 'platform': add device c440000.spmi:pmic@2:gpio@8800",
  "    bus: 'platform': __driver_probe_device: matched device c440000.spmi:pmic@2:gpio@8800 with driver qcom-spmi-gpio",
  "    bus: 'platform': really_probe: probing driver qcom-spmi-gpio with device c440000.spmi:pmic@2:gpio@8800",
  '    qcom-spmi-gpio c440000.spmi:pmic@2:gpio@8800: Driver qcom-spmi-gpio requests probe deferral',
  '    platform c440000.spmi:pmic@2:gpio@8800: Added to deferred list',
].join('\n') + '\n';

describe('input files', () => {
  it('an empty file is said to be empty; UTF-16 text (PowerShell `>`) and CR-only line ends are read', () => {
    const empty = probecheck(['from-log', logFile('empty.log', '')]);
    expect(empty.stderr).toMatch(/^probecheck: E701 \(log without driver-core events\): .*empty\.log: the file is empty: no kernel log to read\n$/);
    expect(empty.status).toBe(2);
    const model = logFile('qcom.ts', probecheck(['from-log', logFile('qcom.log', QCOM)]).stdout);
    expect(probecheck(['validate', model, '--log', logFile('empty2.log', '\n')]).stdout).toMatch(/nothing to check: the log file is empty/);
    const plain = readFileSync(model, 'utf8').replace(/qcom\.log/g, 'X');
    for (const [name, bytes] of [['le.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(QCOM, 'utf16le')])], ['le-nobom.log', Buffer.from(QCOM, 'utf16le')], ['be.log', Buffer.from(QCOM, 'utf16le').swap16()], ['cr.log', Buffer.from(QCOM.replace(/\n/g, '\r'))]] as const) {
      const r = probecheck(['from-log', logFile(name, bytes)]);
      expect(r.stderr, name).toBe('');
      expect(r.stdout.replace(new RegExp(name.replace('.', '\\.'), 'g'), 'X').replace(/"name": "[^"]*"/, '"name": "qcom"'), name).toBe(plain);
    }
  });
});
