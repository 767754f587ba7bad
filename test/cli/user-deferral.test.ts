/**
 * A deferral a user's patch makes by a check of its own (s39 h7). The C at v6.12
 * (dd.c@efb0b309fa0d) lists a device on -EPROBE_DEFER in three places only: driver_probe_device
 * (830-831, for whatever __driver_probe_device and really_probe return, if can_match is set: 134),
 * and the match's branch in __device_attach_driver (931-934) and __driver_attach (1175-1178).
 * A -EPROBE_DEFER that goes through them is on the pending list, owed a retry by the next trigger;
 * one returned elsewhere (__device_attach before bus_for_each_drv, or before can_match is set)
 * lists the device nowhere, and nothing retries it: a missed probe. Until this, a device a patch's
 * check deferred for good was judged by neither no-lost-deferral (its drivers owed a retry only
 * for what they `need` or a supplier link, and it was not chosen) nor no-missed-probe (a device on
 * a list is no-lost-deferral's): every property held.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasStack, probecheck } from './run.js';
import { unwrap } from './unwrap.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return name; };

write('gate.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'gate', profile: 'v6.12',
  devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { hotplug: 'add dc' },
});
`);
// A check that always defers, at the places a real patch puts one.
const gate = (id: string, hunks: string) => write(`${id}.ts`, `import { definePatch, deferredAdd, FIRST, RET, RETURN } from 'probecheck';
export default definePatch({ id: '${id}', subject: 'a check of its own', base: 'v6.12', hunks: [${hunks}] });
`);
gate('dpd', `{ fn: 'driver_probe_device', replace: 'check', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
  const r = orig.run(s, t, b, c);
  if (r === 'out') return r;
  t.ret = RET.LINK_DEFER;   // after dev->can_match = true: driver_probe_device lists it
  return 'deferred';
} }) }`);
gate('dpd-early', `{ fn: 'driver_probe_device', replace: 'check', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
  const d = s.dev[site.dev], cm = d.canMatch;
  const r = orig.run(s, t, b, c);
  if (r === 'out') return r;
  d.canMatch = cm;          // before dev->can_match = true: driver_deferred_probe_add adds nothing
  t.ret = RET.LINK_DEFER;
  return 'deferred';
} }) }`);
gate('rp', `{ fn: 'really_probe', insert: { label: 'gate', after: null, before: FIRST }, step: () => ({ run: (s, t) => { t.ret = RET.LINK_DEFER; return RETURN; } }) }`);
gate('attach', `{ fn: '__device_attach', replace: 'check_dead', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
  const r = orig.run(s, t, b, c);
  if (r === 'out_unlock') return r;
  t.ret = RET.LINK_DEFER;   // goto out_unlock: no driver_deferred_probe_add
  return 'out_unlock';
} }) }`);
// The bus match defers in both walks, written from scratch (no \`where\`, no \`...orig\`).
gate('match', `{ fn: '__driver_attach', replace: 'driver_match_device', step: (site) => ({ c: [], run: (s) => { s.dev[site.dev].canMatch = true; deferredAdd(s, site.dev); return RETURN; } }) },
{ fn: '__device_attach_driver', replace: 'driver_match_device', step: (site) => ({ c: [], run: (s, t) => { s.dev[site.dev].canMatch = true; deferredAdd(s, site.dev); t.ret = RET.LINK_DEFER; return RETURN; } }) }`);

const row = (out: string, name: string) => new RegExp(`\\n\\s+${name}\\s+(\\S+)`).exec(out)?.[1];

describe("a device a patch's own check defers for good", () => {
  it('listed by the library (driver_probe_device after can_match, really_probe before probe(), a match that defers): no-lost-deferral is chosen and violated', () => {
    // One check (the default properties) for the choice, the verdict and the explanation.
    const chosen = probecheck(['check', 'gate.ts', '--patch', 'dpd.ts'], { cwd: dir });
    expect(row(chosen.stdout, 'no-lost-deferral')).toBe('violated');
    expect(chosen.stdout).toContain('dc stays on the deferred pending list with dc-drv registered: its retry was lost (a deferral your patch dpd makes is owed a retry');
    for (const p of ['rp.ts', 'match.ts']) {
      const r = probecheck(['check', 'gate.ts', '--patch', p, '--property', 'no-lost-deferral', '--property', 'no-missed-probe', '-q'], { cwd: dir });
      // match.ts's steps give no where: an internal error before s39 h7
      expect(hasStack(r.stdout + r.stderr) || /internal error/.test(r.stderr), p).toBe(false);
      expect(row(r.stdout, 'no-lost-deferral'), p).toBe('violated');
      expect(row(r.stdout, 'no-missed-probe'), p).toBe('holds');   // on a list: no-lost-deferral's
    }
  });

  it('listed nowhere (before can_match is set, or in __device_attach): no-missed-probe is violated, and says why', () => {
    for (const p of ['dpd-early.ts', 'attach.ts']) {
      const r = probecheck(['check', 'gate.ts', '--patch', p, '--property', 'no-missed-probe', '--property', 'no-lost-deferral'], { cwd: dir });
      expect(row(r.stdout, 'no-missed-probe'), p).toBe('violated');
      expect(row(r.stdout, 'no-lost-deferral'), p).toBe('vacuous');
      expect(r.stdout, p).toContain('a -EPROBE_DEFER of your patch\'s that lists the device nowhere');
    }
  });
});

// a2225b6e834a v2 (Douglas Anderson, 2026-03-30): ready_to_probe:1 beside can_match:1 in one
// bitfield word, and __driver_attach's match-defer branch stores can_match unlocked: a
// read-modify-write that can undo device_add's store of the flag. v4 made both atomic bits. The
// match may defer (amba_match while the ID is unreadable: branch 1) while the device is unbound.
write('ready-trig.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'ready-trigger', profile: 'v6.12',
  devices: { dc: {}, x: {} },
  drivers: { 'dc-drv': { matches: ['dc'], module: 'm' }, 'x-drv': { matches: ['x'], present: true } },
  actors: { hotplug: 'add dc', modprobe: ['modprobe m', 'add x'] },   // x's bind triggers the retry
});
`);
const ready = (word: boolean) => `import { definePatch, deferredAdd, RET, RETURN } from 'probecheck';
export default definePatch({
  id: '${word ? 'ready-v2' : 'ready-v4'}', subject: "driver core: Don't let a device probe until it's ready", base: 'v6.12',
  state: { dev: { rtp: 'bool' }, local: { __driver_attach: { rdy: 'bool', deferring: 'bool' } } },
  hunks: [{
    fn: 'device_add', replace: 'device_pm_add',
    step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { s.dev[site.dev].rtp = true; return orig.run(s, t, b, c); } }),
  }, {
    fn: 'driver_probe_device', replace: 'check',
    step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
      const d = s.dev[site.dev], canMatch = d.canMatch;
      const r = orig.run(s, t, b, c);
      if (r === 'out' || d.rtp) return r;
      d.canMatch = canMatch;
      t.ret = RET.LINK_DEFER;
      return 'deferred';
    } }),
  }, {
    fn: '__driver_attach', replace: 'driver_match_device',
    step: (site, orig) => ({ ...orig, branches: 2, branchNames: ['match() > 0', 'match() == -EPROBE_DEFER: the load of the word'],
      run: (s, t, b, c) => {
        if (b === 0 || s.dev[site.dev].driver !== 0) return orig.run(s, t, 0, c);
        t.deferring = true;
        t.rdy = s.dev[site.dev].rtp;
        return RETURN;
      } }),
  }, {
    fn: '__driver_attach', insert: { label: 'can_match_store', after: 'driver_match_device', before: RETURN },
    step: (site) => ({ c: [], run: (s, t) => {
      if (!t.deferring) return RETURN;
      t.deferring = false;
      ${word ? 's.dev[site.dev].rtp = t.rdy;   // the word as read, with can_match set' : ''}
      s.dev[site.dev].canMatch = true;
      deferredAdd(s, site.dev);
      return RETURN;
    } }),
  }],
});
`;

describe("a2225b6e834a v2's lost flag: the device deferred for good", () => {
  it('no-lost-deferral: violated with the bitfield word, holds with atomic bits (the retry after x binds probes dc)', () => {
    write('ready-v2.ts', ready(true));
    write('ready-v4.ts', ready(false));
    const v2 = probecheck(['check', 'ready-trig.ts', '--patch', 'ready-v2.ts', '--property', 'no-lost-deferral', '-q'], { cwd: dir });
    const v4 = probecheck(['check', 'ready-trig.ts', '--patch', 'ready-v4.ts', '--property', 'no-lost-deferral', '-q'], { cwd: dir });
    expect(row(v2.stdout, 'no-lost-deferral')).toBe('violated');
    expect(row(v4.stdout, 'no-lost-deferral')).toBe('holds');
  });
});

describe('the no-missed-probe hint under a patch of yours', () => {
  it('where an actor is still in a call (every thread deadlocked), it says so, not that the probe failed', () => {
    write('smmu.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'smmu-tbu', profile: 'v6.12',
  devices: { smmu: { present: true }, tbu0: { present: true } },
  drivers: { 'arm-smmu': { matches: ['smmu'], module: 'arm_smmu', registersDriver: ['qcom-tbu'] }, 'qcom-tbu': { matches: ['tbu0'] } },
  actors: { modprobe: 'modprobe arm_smmu' },
});
`);
    // dc23806a7c47's guard(device) around the match, held into platform_match's strcmp.
    write('locked.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'match-locked', subject: 'driver core: enforce device_lock for driver_match_device()', base: 'v6.12', hunks: [
  { fn: '__driver_attach', replace: 'driver_match_device', step: (site, orig) => ({ ...orig, await: (s) => s.dev[site.dev].mutex === 0,
    waits: () => '&dev->mutex(' + site.k.vn(site.dev) + ')', strong: true,
    run: (s, t, b, c) => { const next = orig.run(s, t, b, c); if (next === 'strcmp') s.dev[site.dev].mutex = site.tb.owner; return next; } }) },
  { fn: '__driver_attach', replace: 'strcmp', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { const next = orig.run(s, t, b, c); s.dev[site.dev].mutex = 0; return next; } }) },
] });
`);
    const r = probecheck(['check', 'smmu.ts', '--patch', 'locked.ts', '--property', 'no-missed-probe'], { cwd: dir });
    expect(r.stdout).toContain('tbu0 and qcom-tbu are both registered and tbu0 is never probed by it (modprobe (at __driver_attach(smmu,qcom-tbu):driver_match_device (a step your patch match-locked made)) is still in a call here');
    expect(unwrap(r.stdout)).not.toContain('makes this probe fail');
  });
});

// A trigger a patch calls where the kernel does not: Pierre-Louis Bossart's RFC "driver core: export
// driver_deferred_probe_trigger()" (linux-kernel, 2021-08-17, not merged), whose SOF probe work kicks
// the deferred list once its DSP resources are there (the probe that bound sof triggered before).
// deferredTrigger(s, site.k) is driver_deferred_probe_trigger as the library's steps run it; until
// s45 h3 probecheck did not export it, and the import failed only when the step called it, as
// "(0 , import_probecheck.deferredTrigger) is not a function". Two searches of 121 and 335 states.
describe('a trigger from a hunk (deferredTrigger)', () => {
  write('sof.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'sof-probe-work', profile: 'v5.15',
  devices: { sof: { present: true, boundTo: 'sof-pci' }, codec: { parent: 'sof' }, machine: { present: true } },
  drivers: { 'sof-pci': { matches: ['sof'], present: true }, 'sof-machine': { matches: ['machine'], module: 'snd_sof_machine', needs: ['sof'] } },
  actors: { 'sof probe work': 'add codec', udev: 'modprobe snd_sof_machine' },
});
`);
  // What the library lacks: the work publishes the DSP after registering codec; machine's probe defers without it.
  write('dsp.ts', `import { definePatch, RET, RETURN } from 'probecheck';
export default definePatch({ id: 'dsp', subject: 'model: resources sof publishes from its probe work', base: 'v5.15', state: { kernel: { dsp: 'bool' } }, hunks: [
  { fn: '__device_attach', replace: 'out_unlock', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
    const r = orig.run(s, t, b, c); if (site.tb.name === 'sof probe work' && site.k.vn(site.dev) === 'codec') s.dsp = true; return r; } }) },
  { fn: 'really_probe', replace: 'call_probe', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
    const r = orig.run(s, t, b, c);
    if (site.k.vn(site.dev) === 'machine' && !s.dsp && r !== 'probe_defer' && r !== RETURN) { t.ret = RET.EPROBE_DEFER; return 'probe_defer'; }
    return r; } }) },
] });
`);
  const kick = (name: string, fn: string) => write(`${name}.ts`, `import { definePatch, RETURN, ${fn} } from 'probecheck';
export default definePatch({ id: '${name}', subject: 'driver core: export driver_deferred_probe_trigger()', base: 'v5.15', hunks: [
  { fn: '__device_attach', insert: { label: 'sof_kick', after: 'out_unlock', before: RETURN }, step: (site) => ({
    await: (s) => !s.deferredProbeEnable || s.deferredProbeMutex === 0,
    run: (s) => { if (site.tb.name === 'sof probe work' && site.k.vn(site.dev) === 'codec') ${fn}(s, site.k); return RETURN; } }) },
] });
`);
  it('the kick after the resources are there gets the lost retry back', () => {
    kick('kick', 'deferredTrigger');
    const r = probecheck(['diff', 'sof.ts', '--param', 'patches=./dsp.ts', '--patch', 'kick.ts', '--fixes', 'no-lost-deferral', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/no-lost-deferral +violated +holds +fixed/);
    expect(r.status).toBe(0);
  });
  it('a name probecheck does not export is said to be one', () => {
    kick('typo', 'deferredTriger');
    const r = probecheck(['diff', 'sof.ts', '--param', 'patches=./dsp.ts', '--patch', 'typo.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is not a function; probecheck exports no 'deferredTriger': did you mean 'deferredTrigger'?");
    expect(hasStack(r.stderr)).toBe(false);
  });
  // An export used without importing it read only "deferredTrigger is not defined" (s45 h15, a
  // newcomer's hunk); in a step (E203) and as the file loads (E105). One search stopped at the kick.
  it('an export used without its import is said to be one, in a step and at load', () => {
    write('noimport.ts', readFileSync(join(dir, kick('noimport', 'deferredTrigger')), 'utf8').replace('RETURN, deferredTrigger }', 'RETURN }'));
    const r = probecheck(['diff', 'sof.ts', '--param', 'patches=./dsp.ts', '--patch', 'noimport.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^probecheck: E203 .*deferredTrigger is not defined; probecheck exports 'deferredTrigger': add it to the file's import \{ \.\.\. \} from 'probecheck'/);
    write('noimport-load.ts', `import { definePatch } from 'probecheck';\nconst t = deferredTrigger;\nexport default definePatch({ id: 'nl', subject: 's', base: 'v5.15', hunks: [] });\n`);
    const l = probecheck(['check', 'sof.ts', '--patch', 'noimport-load.ts', '-q'], { cwd: dir });
    expect(l.status).toBe(2);
    expect(l.stderr).toMatch(/^probecheck: E105 .*deferredTrigger is not defined; probecheck exports 'deferredTrigger'/);
    expect(hasStack(r.stderr + l.stderr)).toBe(false);
  });
  // In a property too (E302); but a real export that is no function (RETURN), or a user's own
  // variable of that name, is not a missing import (s45 h6: both were said to be one). One
  // property file, each property thrown at the first state.
  it('in a property: a missing import is said to be one, a real export called or a variable named import_probecheck is not', () => {
    write('ret-call.ts', `import { defineProperty, dspReady, RETURN } from 'probecheck';
const import_probecheck = { f: 1 } as any;
export default [
  defineProperty({ kind: 'invariant', name: 'typo', check: (v) => (dspReady(v) ? null : null) }),
  defineProperty({ kind: 'invariant', name: 'own-var', check: () => (import_probecheck.f() ? null : null) }),
  defineProperty({ kind: 'invariant', name: 'ret-call', check: () => ((RETURN as any)() ? null : null) }),
];
`);
    for (const p of ['typo', 'own-var', 'ret-call']) {
      const r = probecheck(['check', 'sof.ts', '--property-file', 'ret-call.ts', '--property', p, '-q'], { cwd: dir });
      expect(r.status).toBe(2);
      if (p === 'typo') expect(r.stderr).toMatch(/E302 .*\(0 , import_probecheck\.dspReady\) is not a function; probecheck exports no 'dspReady'\n/);
      else {
        expect(r.stderr).toMatch(/E302 .* is not a function\n/);
        expect(r.stderr).not.toContain('exports no');
      }
    }
  });
  // driver_deferred_probe_trigger takes deferred_probe_mutex (dd.c@f04948dea236:184): a kick with no
  // await, run while the timeout work's walk (v5.12 on, deferredProbeTimeout > 0) holds the mutex,
  // spliced under it and the search went on (s45 h6); now E203 names the await. A search stopped there.
  it('a trigger from a step that does not wait for deferred_probe_mutex is refused where another thread holds it', () => {
    write('sof-timeout.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'sof-probe-work', profile: 'v5.15', deferredProbeTimeout: 1,
  devices: { sof: { present: true, boundTo: 'sof-pci' }, codec: { parent: 'sof' }, machine: { present: true } },
  drivers: { 'sof-pci': { matches: ['sof'], present: true }, 'sof-machine': { matches: ['machine'], module: 'snd_sof_machine', needs: ['sof'] } },
  actors: { init: 'deferred_probe_initcall', 'sof probe work': 'add codec', udev: 'modprobe snd_sof_machine' },
});
`);
    writeFileSync(join(dir, 'no-await.ts'), readFileSync(join(dir, 'kick.ts'), 'utf8').replace(/ *await: .*\n/, ''));
    const r = probecheck(['check', 'sof-timeout.ts', '--param', 'patches=./dsp.ts,./no-await.ts', '-q'], { cwd: dir });
    expect(r.stderr).toContain('deferredTrigger: driver_deferred_probe_trigger takes deferred_probe_mutex, which kworker deferred_probe_timeout_work_func holds');
    expect(r.stderr).toContain('`await: (s) => !s.deferredProbeEnable || s.deferredProbeMutex === 0`');
    expect(r.status).toBe(2);
    expect(hasStack(r.stderr)).toBe(false);
  });
  // driver_deferred_probe_add and _del take the same mutex (dd.c@f04948dea236:59-82): the same hunk
  // listing codec, or taking it off, ran under the walk (s45 h17: h6 left them). Two searches stopped there.
  it('so is an add or del of the deferred list from such a step', () => {
    for (const [fn, c] of [['deferredAdd', 'driver_deferred_probe_add'], ['deferredDel', 'driver_deferred_probe_del']] as const) {
      write(`no-await-${fn}.ts`, readFileSync(join(dir, 'no-await.ts'), 'utf8').replace(/deferredTrigger/g, fn).replace('(s, site.k)', '(s, site.dev)'));
      const r = probecheck(['check', 'sof-timeout.ts', '--param', `patches=./dsp.ts,./no-await-${fn}.ts`, '-q'], { cwd: dir });
      expect(r.stderr, fn).toContain(`in step '__device_attach(codec):sof_kick' of thread 'sof probe work'`);
      expect(r.stderr, fn).toContain(`${fn}: ${c} takes deferred_probe_mutex, which kworker deferred_probe_timeout_work_func holds, and waits for it (in the thread holding it, deadlocks): give the step calling it \`await: (s) => s.deferredProbeMutex === 0\``);
      expect(r.status, fn).toBe(2);
      expect(hasStack(r.stderr), fn).toBe(false);
    }
  });
});
