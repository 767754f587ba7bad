// Round trip: a random run of a corpus scenario, printed as the kernel would log it, read back
// and validated: the search finds a run printing the same lines (fast-check over seeds and styles).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/cli/build.js';
import { loadModel } from '../../src/load.js';
import { parseLog } from '../../src/logs/parse.js';
import { printRun, randomRun } from '../../src/logs/print.js';
import { runEvents, validate } from '../../src/logs/validate.js';
import { buildScenario } from '../../src/kernel/scenario.js';

const CASES: [string, Record<string, string>][] = [
  ['models/deferred-probe.ts', { profile: 'v4.2' }],
  ['models/tegra-host1x.ts', { profile: 'v4.2' }],
  ['models/hot-unplug.ts', { profile: 'v5.1', variant: 'deferred' }],
  ['models/deferred-probe.ts', { profile: 'mainline' }],
];

describe('run -> log -> validate', () => {
  it('finds every printed random run', async () => {
    const models = await Promise.all(CASES.map(async ([f, p]) => buildModel(await loadModel(f), p)));
    fc.assert(fc.property(fc.integer({ min: 0, max: models.length - 1 }), fc.nat(), fc.integer({ min: 5, max: 45 }), fc.boolean(), fc.boolean(), (m, seed, depth, caller, journal) => {
      const model = models[m]!;
      const codes = randomRun(model, seed, depth);
      const text = printRun(model, codes, { timestamps: true, caller, journal });
      const log = parseLog(text);
      expect(log.unknown).toBe(0);
      const r = validate(model, log);
      expect(r.verdict === 'behaviour' || r.verdict === 'nothing-to-check').toBe(true);
      expect(r.matched).toBe(r.checked.length);
      // A run printed from the model is of the model's kernel ("matched device" from __driver_probe_device from v5.14 on).
      expect(r.warnings).toEqual([]);
      expect(r.checked.length).toBe(log.events.filter((e) => e.rule.model !== null).length);
    }), { numRuns: 15, seed: 42 });
  });

  // A review (2026-12-05): up to v5.13 a probe that really_probe's defer_all_probes test defers
  // (device_shutdown's device_block_probing) returns -EPROBE_DEFER through really_probe_debug, and
  // the printed run lacked its "probe of dc returned -517".
  it("prints initcall_debug's return of a probe deferred by defer_all_probes (v5.1), and reads it back", () => {
    const model = buildScenario({ name: 'reboot-modprobe', devices: { dc: { present: true } }, drivers: { drv: { matches: ['dc'], module: 'm' } },
      actors: { load: 'modprobe m', reboot: 'device_shutdown' } }, 'v5.1', '').model;
    const runs = Array.from({ length: 40 }, (_, seed) => randomRun(model, seed, 200));
    const codes = runs.find((c) => runEvents(model, c).some((r) => r.move.label === 'really_probe(dc,drv):defer_all_probes' && r.events.some((e) => e.kind === 'deferred_add')));
    expect(codes).toBeDefined();
    const text = printRun(model, codes!, { timestamps: false });
    expect(text).toMatch(/Added to deferred list\nprobe of dc returned -517 after \d+ usecs\n/);
    const r = validate(model, parseLog(text));
    expect(r.verdict).toBe('behaviour');
    expect(r.matched).toBe(r.checked.length);
  });

  it('rejects a printed run with two of its lines swapped when no run prints them so', async () => {
    const model = buildModel(await loadModel('models/tegra-host1x.ts'), { profile: 'v4.2' });
    // The child's device_add can only follow its parent's probe start: swapped, no run prints it.
    const text = [
      "bus: 'platform': add device dc",
      "bus: 'platform': really_probe: probing driver host1x with device host1x",
    ].join('\n');
    const r = validate(model, parseLog(text));
    expect(r.verdict).toBe('not-a-behaviour');
    expect(r.matched).toBe(0);
    expect(r.couldPrint.some((x) => x.startsWith('probing host1x'))).toBe(true);
  });
});
