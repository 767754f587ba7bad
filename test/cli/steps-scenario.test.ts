/**
 * `probecheck steps --scenario FILE`: the steps a user's scenario's start runs of its own (boot's
 * probes that add stateless links, the load of modules loaded at the start), which no catalogue
 * lists: a patch writer hooking boot's device_link_add could not see its label (s45 h21).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOT_LINK } from './boot-link-scenario.js';
import { PROBE_TREE, probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
writeFileSync(join(dir, 'boot-link.ts'), BOOT_LINK);
// The same scenario without the link: its start runs nothing of its own.
writeFileSync(join(dir, 'no-link.ts'), BOOT_LINK.replace(/, statelessLinks: \[[^\]]*\]/, ''));
// Its link only where vary, reading the profile, keeps it: `--profile v5.10` has none, as `check --param profile=v5.10`.
writeFileSync(join(dir, 'vary.ts'), BOOT_LINK.replace('  properties:', "  vary: (p, s) => (p.profile === 'v5.10' ? { ...s, drivers: { 'pmic-drv': { matches: ['pmic'], present: true } } } : s),\n  properties:"));
// Its link only where a parameter of its own says so: listed at `--param link=stateless`, as `check --param link=stateless` builds it.
writeFileSync(join(dir, 'param.ts'), BOOT_LINK.replace(/, statelessLinks: \[[^\]]*\]/, '').replace('  properties:', "  params: { link: { default: 'none', values: ['none', 'stateless'] } },\n" +
  "  vary: (p, s) => (p.link === 'stateless' ? { ...s, drivers: { 'pmic-drv': { ...s.drivers['pmic-drv']!, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } } } : s),\n  properties:"));
// A patch that keeps the library's step: what a header names.
writeFileSync(join(dir, 'keep.ts'), "import { definePatch } from 'probecheck';\nexport default definePatch({ id: 'keep', subject: 'test', base: 'v5.4', hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_s, orig) => ({ ...orig! }) }] });\n");
// A built-in driver of a module: malformed, found only as the scenario is built.
writeFileSync(join(dir, 'bad.ts'), BOOT_LINK.replace("present: true, statelessLinks", "present: true, module: 'm', statelessLinks").replace('  actors:', '  modules: { m: {} },\n  actors:'));

// p and its child c of two drivers, both deferred at boot: every search opens with the start-order choice.
writeFileSync(join(dir, 'deferred.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'pc', profile: 'v5.10', devices: { s: {}, p: { present: true }, c: { present: true, parent: 'p' } },
  drivers: { 's-drv': { matches: ['s'], present: true }, 'p-drv': { matches: ['p'], needs: ['s'], present: true }, 'c-drv': { matches: ['c'], needs: ['s'], present: true } },
  actors: { hotplug: 'add s' } });
`);

interface Step { step: string; fn: string; label: string; c?: string; fired: number }

describe('steps --scenario', () => {
  it("lists boot's device_link_add of a boot-links scenario with its label and C, in text and JSON, from a folder of one's own", () => {
    const r = probecheck(['steps', '--scenario', 'boot-link.ts', '--function', 'device_link_add'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^steps of the start of scenario 'boot-link' \(boot-link\.ts\) on v5\.4: boot's probes that add stateless links \(the boot-links model\) \(reads, writes, locks and waits recorded over \d+ states/);
    expect(lines).toContain('device_link_add:list_for_each_entry');
    expect(lines).toContain('  C:     drivers/base/core.c@torvalds@fb583c8eeeb1:device_link_add+22-+137');
    const j = JSON.parse(probecheck(['steps', '--scenario', 'boot-link.ts', '--json'], { cwd: dir }).stdout) as { scenario: string; profile: string; steps: Step[] };
    expect(j.scenario).toBe('boot-link');
    expect(j.steps.map((s) => s.step)).toEqual(['boot_probe:probe', 'device_link_add:list_for_each_entry', 'boot_probe:driver_bound']);
    expect(j.steps.every((s) => s.fired > 0)).toBe(true);
  });

  it('says when the start runs nothing of its own; a missing file, a model that is no scenario and a malformed one are one line each', () => {
    const r = probecheck(['steps', '--scenario', 'no-link.ts'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^the start of scenario 'boot-link' \(no-link\.ts\) on v5\.4 runs no steps of its own: no module is loaded at the start and no probe at boot adds a stateless link/);
    expect(probecheck(['steps', '--scenario', 'vary.ts', '--profile', 'v5.10'], { cwd: dir }).stdout).toMatch(/^the start of scenario 'boot-link' \(vary\.ts\) on v5\.10 runs no steps of its own/);
    // Devices deferred at boot: the start-order choice is said, as no hook point (s45 h23 found "runs no steps of its own" alone).
    const d = probecheck(['steps', '--scenario', 'deferred.ts'], { cwd: dir });
    expect(d.stdout.split('\n').slice(0, 2).join('\n')).toMatch(/runs no steps of its own.*\nits searches open with 'boot: pending order' choosing the order devices 'p', 'c' start in on the deferred-probe pending list: the checker's choice, not a kernel step \(no hunk names it; deferredOrder pins it\)$/);
    expect(JSON.parse(probecheck(['steps', '--scenario', 'deferred.ts', '--json'], { cwd: dir }).stdout).choice).toMatch(/^its searches open with 'boot: pending order'/);
    expect(r.stdout).not.toMatch(/boot: pending order/);
    // With a patch, the line and its command name it (s46 h13: both dropped it, the command listing the unpatched catalogue).
    const w = probecheck(['steps', '--scenario', 'no-link.ts', '--patch', 'keep.ts'], { cwd: dir });
    expect(w.stdout).toMatch(/^the start of scenario 'boot-link' \(no-link\.ts\) on v5\.4 with keep\.ts runs no steps of its own: .*\(its other steps are the catalogue's: probecheck steps --profile v5\.4 --patch keep\.ts\)$/m);
    expect(JSON.parse(probecheck(['steps', '--scenario', 'no-link.ts', '--patch', 'keep.ts', '--json'], { cwd: dir }).stdout).patches).toEqual(['keep.ts']);
    // A path with a space is quoted in the command, so it runs as printed (s46 h16: two words to the shell).
    mkdirSync(join(dir, 'my dir'), { recursive: true });
    copyFileSync(join(dir, 'keep.ts'), join(dir, 'my dir', "keep it's.ts"));
    expect(probecheck(['steps', '--scenario', 'no-link.ts', '--patch', "my dir/keep it's.ts"], { cwd: dir }).stdout).toMatch(/catalogue's: probecheck steps --profile v5\.4 --patch 'my dir\/keep it'\\''s\.ts'\)$/m);
    oneErrorLine(dir, ['steps', '--scenario', 'nope.ts'], /^probecheck: E503 \(unreadable input file\): nope\.ts: no such file or directory$/);
    oneErrorLine(dir, ['steps', '--scenario', PROBE_TREE], /^probecheck: E105 \(input file could not be loaded\): .*probe-tree\.ts: its default export is a model, not a kernel scenario: --scenario lists the steps of a scenario's start/);
    oneErrorLine(dir, ['steps', '--scenario', 'bad.ts'], /^probecheck: E601 \(malformed scenario\): bad\.ts: scenario 'boot-link': driver 'pmic-drv' is present \(built in\) but belongs to module 'm'/);
    // --param: the scenario's parameters, parsed and checked as check's (s46 h10: steps took none, so a vary reading one was listed at its default).
    const p = probecheck(['steps', '--scenario', 'param.ts', '--param', 'link=stateless', '--function', 'device_link_add'], { cwd: dir });
    expect(p.stdout.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/^steps of the start of scenario 'boot-link' \(param\.ts, link=stateless\) on v5\.4: boot's probes/), '', 'device_link_add:list_for_each_entry']);
    oneErrorLine(dir, ['steps', '--scenario', 'param.ts', '--param', 'link=both'], /^probecheck: E104 \(unknown or invalid model parameter\): parameter link='both' of model boot-link is not one of: none, stateless$/);
    oneErrorLine(dir, ['steps', '--param', 'link=stateless'], /^probecheck: E501 \(bad command-line usage\): --param link: a scenario parameter, for --scenario FILE/);
    oneErrorLine(dir, ['steps', '--scenario', 'boot-link.ts', '--function', 'really_probe'], /^probecheck: E501 .*--function really_probe: the start of scenario 'boot-link' \(boot-link\.ts\) on v5\.4 builds no step of 'really_probe'; functions: boot_probe, device_link_add$/);
  });
});
