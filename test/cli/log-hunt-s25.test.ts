// A new-user hunt of from-log and validate on real kernel logs (2026-12-05): each case as a user runs
// it, from a folder outside the repository, the log written there.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStack, probecheck, tempDir } from './run.js';

/** `from-log NAME.log -o NAME.ts` then `validate NAME.ts --log NAME.log` in a fresh folder: the scenario text and both transcripts. */
function roundTrip(name: string, lines: string[], extra: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, `${name}.log`), `${lines.join('\n')}\n`);
  const w = probecheck(['from-log', `${name}.log`, ...extra, '-o', `${name}.ts`], { cwd: dir });
  expect(hasStack(w.stderr + w.stdout)).toBe(false);
  expect(w.status).toBe(0);
  const text = readFileSync(join(dir, `${name}.ts`), 'utf8');
  const v = probecheck(['validate', `${name}.ts`, '--log', `${name}.log`], { cwd: dir });
  return { dir, text, w, v, spec: JSON.parse(text.slice(text.indexOf('scenario(') + 9, text.lastIndexOf(');'))) };
}

describe('log hunt s25', () => {
  // Problem 1: from v5.14 really_probe returns 0 when bound; a later `returned 0` after a deferral was dropped ("probe": "defer").
  it('a driver that deferred, then returned 0 (initcall_debug only), may defer or bind, and the scenario prints its own log', () => {
    const r = roundTrip('idb', [
      '[    0.060228] probe of 4201000.gpio returned -517 after 0 usecs',
      '[    0.070000] probe of 4200000.pinctrl returned 0 after 120 usecs',
      '[    0.080228] probe of 4201000.gpio returned 0 after 40 usecs',
    ]);
    expect(r.spec.drivers['4201000.gpio-driver'].probe).toEqual(['defer', 'ok']);
    expect(r.v.stdout).toContain('IS a behaviour');
    expect(r.v.status).toBe(0);
  });

  it('the same with "matched" lines and nothing bound between: the late initcall retried it (said), and validate passes', () => {
    const r = roundTrip('dtb', [
      "[    1.000000] bus: 'platform': __driver_probe_device: matched device ae01000.display-controller with driver msm_dpu",
      '[    1.000100] probe of ae01000.display-controller returned -517 after 3 usecs',
      "[    1.500000] bus: 'platform': __driver_probe_device: matched device ae01000.display-controller with driver msm_dpu",
      '[    1.519593] probe of ae01000.display-controller returned 0 after 19593 usecs',
    ]);
    expect(r.spec.drivers.msm_dpu.probe).toEqual(['defer', 'ok']);
    expect(r.text).toMatch(/note: the late initcall ran \(line 3: ae01000\.display-controller probed again after its deferral at line 2 with no bind between/);
    expect(r.v.stdout).toContain('IS a behaviour');
    expect(r.v.status).toBe(0);
  });

  it('before v5.14 (a `returned 1` in the log) 0 is an unbound end, not a bind', () => {
    const r = roundTrip('old', [
      "bus: 'platform': driver_probe_device: matched device a with driver a-drv",
      'probe of a returned 0 after 3 usecs',
      "bus: 'platform': driver_probe_device: matched device b with driver b-drv",
      'probe of b returned 1 after 3 usecs',
    ], ['--profile', 'v5.10']);
    expect(r.spec.drivers['b-drv'].probe).toBeUndefined();
  });
});
