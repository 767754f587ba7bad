/**
 * A proposed patch that review turned back, beside the version that went in (a hunt, 2026-12-06).
 * dc23806a7c47 ("driver core: enforce device_lock for driver_match_device()", Gui-Dong Han; in
 * driver-core-6.19-rc7-deferred, its 6.18-stable posting of 2026-02-13 has the diff) wraps
 * __driver_attach's bus->match() in guard(device)(dev) to close the driver_override UAF
 * (bugzilla 220789). A probe that registers a driver on its own bus while it holds its device's
 * lock (arm_smmu_device_probe -> platform_driver_register(&qcom_smmu_tbu_driver), 0b4eeee2876f)
 * then locks itself out: Mark Brown's boot hang, fixed in the SMMU driver by "iommu/arm-smmu-qcom:
 * do not register driver in probe()", and the lock reverted for 7.0-rc3. cb3d1049f4ea tests and
 * compares the override under a spinlock of its own and leaves the match outside device_lock.
 * Written as a user's patch, the guard spans the model's two steps of platform_match (the load of
 * pdev->driver_override and the strcmp), as the C's guard spans the whole match.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { registerPatchFile, definePatch, isUserPatch } from '../../src/kernel/define-patch.js';
import { defineProperty, withProperties } from '../../src/kernel/define-property.js';
import { patchNotes } from '../../src/cli/patch-notes.js';
import { renderViolation } from '../../src/report/text.js';
import { htmlReport } from '../../src/report/html.js';
import { mermaidDiagram } from '../../src/report/mermaid.js';
import { replayWatching } from '../../src/report/confirm.js';
import { compile } from '../../src/engine/compile.js';
import { markPatchSteps } from '../../src/engine/patch-marks.js';

const FILE = '/virtual/dc23806a7c47.ts';
registerPatchFile(FILE, [definePatch({
  id: 'match-locked', subject: 'driver core: enforce device_lock for driver_match_device()', base: 'v6.12',
  hunks: [
    { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!,
      await: (s) => s.dev[site.dev]!.mutex === 0, waits: () => `&dev->mutex(${site.k.vn(site.dev)})`, strong: true,
      run: (s, t, b, c) => {
        const next = o!.run(s, t, b, c);
        if (next === 'strcmp') s.dev[site.dev]!.mutex = site.tb.owner;   // held into the strcmp
        return next;
      } }) },
    { fn: '__driver_attach', replace: 'strcmp', step: (site, o) => ({ ...o!, run: (s, t, b, c) => {
      const next = o!.run(s, t, b, c);
      s.dev[site.dev]!.mutex = 0;
      return next;
    } }) },
  ] })]);

registerPatchFile('/virtual/match-reread.ts', [definePatch({
  id: 'match-reread', subject: 'the load waits for device_lock; strcmp reads driver_override again under it', base: 'v6.12',
  hunks: [
    { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex === 0, waits: () => '&dev->mutex', strong: true }) },
    { fn: '__driver_attach', replace: 'strcmp', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex === 0, waits: () => '&dev->mutex', strong: true }) },
  ] })]);

registerPatchFile('/virtual/match-locked-ret.ts', [definePatch({
  id: 'match-locked-ret', subject: 'match-locked, its local named ret', base: 'v6.12',
  hunks: [
    { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!,
      await: (s) => s.dev[site.dev]!.mutex === 0, waits: () => `&dev->mutex(${site.k.vn(site.dev)})`, strong: true,
      run: (s, t, b, c) => {
        const ret = o!.run(s, t, b, c);
        if (ret === 'strcmp') s.dev[site.dev]!.mutex = site.tb.owner;
        return ret;
      } }) },
  ] })]);

// Linus Torvalds' objection, which had it reverted: a probe that oopses holding its device's lock
// (the firewire bug). The oops is a model patch: fw-drv's probe never returns.
const OOPS = '/virtual/fw-oops.ts';
registerPatchFile(OOPS, [definePatch({
  id: 'fw-oops', subject: "fw-drv's probe oopses holding the device lock", base: 'v6.12',
  hunks: [{ fn: 'really_probe', replace: 'probe_ret', step: (site, o) => (site.k.dn(site.drv) !== 'fw-drv' ? o! : { ...o!, await: () => false }) }] })]);
const stuck: ScenarioSpec = {
  name: 'stuck-probe', devices: { fw: { present: true }, other: { present: true } },
  drivers: { 'fw-drv': { matches: ['fw'], module: 'fw' }, 'other-drv': { matches: ['other'], module: 'o' } },
  actors: { 'modprobe fw': 'modprobe fw', 'modprobe o': 'modprobe o' }, properties: ['no-deadlock'],
};
const oReturns = defineProperty({ kind: 'leads-to', name: 'modprobe-o-returns',
  from: (v) => v.thread('modprobe o').at !== null, to: (v) => v.thread('modprobe o').at === null });
const oVerdict = (patches: string) => {
  const m = withProperties(buildScenario(stuck, 'v6.12', patches).model, [{ from: 'test', p: oReturns }]);
  return check({ ...m, properties: m.properties.filter((p) => p.name === 'modprobe-o-returns') }, { exhaustive: true }).properties[0]!.verdict;
};

const smmu: ScenarioSpec = {
  name: 'smmu-tbu', devices: { smmu: { present: true }, tbu0: { present: true } },
  drivers: { 'arm-smmu': { matches: ['smmu'], module: 'arm_smmu', registersDriver: ['qcom-tbu'] }, 'qcom-tbu': { matches: ['tbu0'] } },
  actors: { modprobe: 'modprobe arm_smmu' }, properties: ['no-deadlock'],
};
// Danilo Krummrich's transitive case (2026-04-15): a platform probe adds a PCI device whose probe
// registers a platform driver, whose walk reaches the platform device still locked.
const transitive: ScenarioSpec = {
  name: 'rc-transitive', buses: { platform: {}, pci: {} },
  devices: { rc: { present: true }, ep: { bus: 'pci', parent: 'rc' } },
  drivers: { 'rc-drv': { matches: ['rc'], module: 'rc', registers: ['ep'] },
    'ep-drv': { bus: 'pci', matches: ['ep'], present: true, registersDriver: ['aux-plat'] }, 'aux-plat': { matches: [] } },
  actors: { modprobe: 'modprobe rc' }, properties: ['no-deadlock'],
};
const override: ScenarioSpec = {
  name: 'override-attach', devices: { dc: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], module: 'm' } },
  actors: { modprobe: 'modprobe m', 'echo dc-drv > driver_override': ['override dc dc-drv', 'override dc dc-drv'] },
  properties: ['override-uaf'],
};
const verdict = (spec: ScenarioSpec, patches: string) =>
  check(buildScenario(spec, 'v6.12', patches).model, { exhaustive: true }).properties[0]!.verdict;

describe('dc23806a7c47 (device_lock around the match) against cb3d1049f4ea (the version that went in), on v6.12', () => {
  it('the locked match closes the driver_override UAF, and so does cb3d1049f4ea', () => {
    expect(verdict(override, '')).toBe('violated');
    expect(verdict(override, FILE)).toBe('holds');
    expect(verdict(override, 'cb3d1049f4ea')).toBe('holds');
  });
  it("the locked match's own wait never blocks here, and the note on it says the patch's steps take that lock (s46 h4)", () => {
    // The store's swap is one step, so the match's wait never meets the lock held; what fixes the
    // UAF is the store waiting for the match's lock. The note said only "never blocked".
    const b = buildScenario(override, 'v6.12', FILE), r = check(b.model, { exhaustive: true });
    expect(r.constantReads).toContainEqual({ patch: 'match-locked', path: 'dev[dc].mutex', value: 'none', written: true });
    const said = patchNotes(b.kernel.patches.filter(isUserPatch), r).map((n) => n.text).find((t) => t.includes('its waits read'));
    expect(said).toContain("your patch's own steps write dev[dc].mutex too (a lock they take)");
    // A field that is no lock (the device's asyncDriver, as a patch of its own may write) is said
    // written, not "a lock they take" (s46 h18); beside a lock, each in its words. The same result, its reads added to.
    const alsoNoLock = (reads: typeof r.constantReads) => patchNotes(b.kernel.patches.filter(isUserPatch), { ...r, constantReads: reads })
      .map((n) => n.text).find((t) => t.includes('its waits read'))!;
    const asyncDriver = { patch: 'match-locked', path: 'dev[dc].asyncDriver', value: 'NULL', written: true } as const;
    expect(alsoNoLock([asyncDriver])).toMatch(/; your patch's own steps write dev\[dc\]\.asyncDriver too: what that write does is not said here$/);
    expect(alsoNoLock([asyncDriver])).not.toContain('a lock they take');
    // A field the patch adds is no lock whatever its name, as in `steps`' locks column (s46 h24: a
    // driver's `mutex` of a patch's was "a lock they take", by its last name alone).
    for (const path of ['drv[dc-drv].mutex', 'dev[dc].ownMutex']) {
      expect(alsoNoLock([{ ...asyncDriver, path, value: 'none' }])).toMatch(/; your patch's own steps write \S+ too: what that write does is not said here$/);
    }
    expect(alsoNoLock([...r.constantReads!, asyncDriver])).toMatch(/write dev\[dc\]\.mutex too \(a lock they take\): what that does to the other threads' waits for it is not said here; they also write dev\[dc\]\.asyncDriver: what that write does is not said here$/);
  });
  it("a probe that registers a driver deadlocks on its own device's lock with the locked match only", () => {
    expect(verdict(smmu, '')).toBe('holds');
    expect(verdict(smmu, FILE)).toBe('violated');
    expect(verdict(smmu, 'cb3d1049f4ea')).toBe('holds');
    expect(verdict(transitive, '')).toBe('holds');
    expect(verdict(transitive, FILE)).toBe('violated');
  });
  it("the deadlock's trace says which steps the user's patch made: its C is dd.c's unlocked match, the lock is the patch's (s48 h2)", () => {
    const r = check(buildScenario(smmu, 'v6.12', FILE).model, { exhaustive: true });
    const dl = r.properties.find((p) => p.name === 'no-deadlock')!;
    const text = renderViolation(r, dl).split('\n');
    const mine = text.flatMap((l, i) => (l.includes('your patch match-locked made this step') ? [text[i - 2]!] : []));
    expect(mine).toEqual([expect.stringMatching(/__driver_attach\(smmu,arm-smmu\):driver_match_device$/)]); // its own row only
    expect(text.find((l) => l.includes('blocked at'))).toMatch(/blocked at __driver_attach\(smmu,qcom-tbu\):driver_match_device in drivers\/base\/dd\.c:__driver_attach \(a step your patch match-locked made\)$/);
    // Only the step the hunk made is marked, not the library steps around it.
    expect(dl.trace!.steps.filter((s) => s.patch).map((s) => s.label)).toEqual(['__driver_attach(smmu,arm-smmu):driver_match_device']);
    // The HTML report says it too, in the step's row and the waiter's line (s48 h7: it showed only `v6.12 + match-locked` as the since).
    const html = htmlReport([{ file: '/virtual/smmu.ts', result: r }]);
    expect(html.match(/your patch match-locked made this step \(its C: is the step it replaced, unless your hunk gives its own\)/g)).toHaveLength(1);
    expect(html).toContain('blocked at __driver_attach(smmu,qcom-tbu):driver_match_device (drivers/base/dd.c:__driver_attach, a step your patch match-locked made)');
    // The deadlock's first line, lockdep's lock() of the wait, the HTML lane, the mermaid sequence and
    // a replay's first line say it too (s48 h13: each named or drew the patch's step as the kernel's).
    const mark = '__driver_attach(smmu,qcom-tbu):driver_match_device (a step your patch match-locked made) for &dev->mutex(smmu)';
    expect(dl.explanation).toBe(`modprobe waits at ${mark}`);
    expect(text.filter((l) => /^\s+lock\(/.test(l)).map((l) => l.trim())).toEqual(['lock(&dev->mutex(smmu));', 'lock(&dev->mutex(smmu));  (a step your patch match-locked made)']);
    expect(html).toContain('[__driver_attach(smmu,arm-smmu):driver_match_device]<br><small class="patch">your patch match-locked made this step</small>');
    expect(mermaidDiagram(r, dl)).toContain('[__driver_attach(smmu,arm-smmu)#58;driver_match_device] (your patch match-locked made this step)');
    expect(replayWatching(buildScenario(smmu, 'v6.12', FILE).model, 'no-deadlock', dl.trace!.moves).explanation).toBe(dl.explanation);
  });
  it("a property's explanation says which step your patch made (s48 h13): a probe that waits for probes under its lock", () => {
    registerPatchFile('/virtual/probe-waits.ts', [definePatch({ id: 'probe-waits', subject: 'probe calls wait_for_device_probe()', base: 'v6.12',
      hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (_site, o) => ({ ...o!, await: (s) => s.probeCount === 0, waits: (s) => `probe_count == 0 (it is ${s.probeCount})` }) }] })]);
    const one: ScenarioSpec = { name: 'one', devices: { dc: { present: true } }, drivers: { 'dc-drv': { matches: ['dc'], module: 'm' } }, actors: { modprobe: 'modprobe m' }, properties: ['no-wait-under-lock', 'actors-terminate'] };
    const r = check(buildScenario(one, 'v6.12', '/virtual/probe-waits.ts').model, { exhaustive: true });
    const said = Object.fromEntries(r.properties.map((p) => [p.name, p.explanation]));
    expect(said).toEqual({
      'no-wait-under-lock': 'modprobe waits at really_probe(dc,dc-drv):call_probe (a step your patch probe-waits made) holding &dev->mutex(dc)',
      'actors-terminate': 'modprobe (at really_probe(dc,dc-drv):call_probe (a step your patch probe-waits made)) never returns',
    });
    // In a user's own explain text (s48 h16): a label inside a longer name is not the step's; a second
    // mention is not marked again; a text that already says it after the label is not told twice.
    const c = compile(buildScenario(one, 'v6.12', '/virtual/probe-waits.ts').model), L = 'really_probe(dc,dc-drv):call_probe', M = ' (a step your patch probe-waits made)';
    expect(markPatchSteps(c, `x${L} ${L}_done ${L}s, at ${L}; again ${L}`)).toBe(`x${L} ${L}_done ${L}s, at ${L}${M}; again ${L}`);
    expect(markPatchSteps(c, `at ${L}${M}; again ${L}`)).toBe(`at ${L}${M}; again ${L}`);
  });
  it("a probe that dies holding its lock hangs the next driver registration on the bus with the locked match only", () => {
    expect(oVerdict(OOPS)).toBe('holds');
    expect(oVerdict(`${OOPS},${FILE}`)).toBe('violated');
    expect(oVerdict(`${OOPS},cb3d1049f4ea`)).toBe('holds');
  });
  it('a lock written as the load step\'s wait alone is noted: the strcmp after it is where override-uaf judges', () => {
    registerPatchFile('/virtual/match-wait-only.ts', [definePatch({ id: 'match-wait-only', subject: 'device_lock around the match, as a wait on the load', base: 'v6.12',
      hunks: [{ fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex === 0, strong: true }) }] })]);
    const notes = (file: string) => buildScenario(override, 'v6.12', file).model.notes ?? [];
    const said = (file: string) => notes(file).some((n) => n.includes('adds a wait to __driver_attach:driver_match_device'));
    expect(said('/virtual/match-wait-only.ts')).toBe(true);
    expect(verdict(override, '/virtual/match-wait-only.ts')).toBe('violated');
    expect(said(FILE)).toBe(false);                                    // it carries the lock into strcmp
    // Nor the strcmp note (a re-read there is judged by the load's pointer): this load was taken under
    // the lock, held into the strcmp, as that note's advice has it (s46 h4: both notes were said).
    expect(notes(FILE).some((n) => n.includes('replaces __driver_attach:strcmp'))).toBe(false);
    // A load that only waits, beside a strcmp that reads the string again under the lock: the strcmp
    // note is said (s46 h9: the load's wait alone silenced it, and override-uaf read violated with
    // neither note, judged by a pointer loaded unlocked that this strcmp no longer uses).
    expect(notes('/virtual/match-reread.ts').filter((n) => n.includes('replaces __driver_attach:strcmp'))).toHaveLength(1);
    // A load that takes the lock and drops it in its one step, beside that strcmp: its pointer is as unguarded, and no text
    // scan tells that drop from one on the branch that returns: the note is said, saying so (s46 h16: the take silenced it).
    registerPatchFile('/virtual/match-take-drop.ts', [definePatch({ id: 'match-take-drop', subject: 'the load under device_lock, dropped before strcmp; strcmp reads again under it', base: 'v6.12',
      hunks: [
        { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex === 0, strong: true,
          run: (s, t, b, c) => { s.dev[site.dev]!.mutex = site.tb.owner; const next = o!.run(s, t, b, c); s.dev[site.dev]!.mutex = 0; return next; } }) },
        { fn: '__driver_attach', replace: 'strcmp', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex === 0, strong: true }) },
      ] })]);
    expect(notes('/virtual/match-take-drop.ts').filter((n) => n.includes('replaces __driver_attach:strcmp'))).toEqual([expect.stringMatching(/ \(said though your driver_match_device hunk takes a lock: it drops one too, and where it does so before strcmp the pointer it kept is no longer guarded; .*this note does not apply\)$/)]);
    // A load that keeps no pointer (`t.ovr = 0` after orig.run, as the note advises), taking the lock and dropping it where the
    // match returns: neither note (s46 h19: both the plain note and the "said though" one told a patch that followed it to do so).
    registerPatchFile('/virtual/match-clear.ts', [definePatch({ id: 'match-clear', subject: 'the load keeps no pointer; strcmp reads again under device_lock', base: 'v6.12',
      hunks: [
        { fn: '__driver_attach', replace: 'driver_match_device', step: (site, o) => ({ ...o!, await: (s) => s.dev[site.dev]!.mutex === 0, strong: true,
          run: (s, t, b, c) => { s.dev[site.dev]!.mutex = site.tb.owner; const next = o!.run(s, t, b, c); t.ovr = 0; if (next !== 'strcmp') s.dev[site.dev]!.mutex = 0; return next; } }) },
        { fn: '__driver_attach', replace: 'strcmp', step: (site, o) => ({ ...o!, run: (s, t, b, c) => { const next = o!.run(s, t, b, c); s.dev[site.dev]!.mutex = 0; return next; } }) },
      ] })]);
    expect(notes('/virtual/match-clear.ts').filter((n) => n.includes('replaces __driver_attach:strcmp'))).toEqual([]);
    // Nor the return-value note: these hunks name no return value (test/cli/patch-file.test.ts has one that does).
    expect(notes(FILE).some((n) => n.includes('changes __driver_attach'))).toBe(false);
    // Nor for the same hunks whose local is named `ret` (the label orig.run goes to): s46 h9, the
    // text scan took the local for a return value and said the note again.
    expect(notes('/virtual/match-locked-ret.ts').some((n) => n.includes('changes __driver_attach'))).toBe(false);
    expect(buildScenario(smmu, 'v6.12', '/virtual/match-wait-only.ts').model.notes?.some((n) => n.includes('adds a wait to')) ?? false).toBe(false); // no override: no strcmp step
  });
});
