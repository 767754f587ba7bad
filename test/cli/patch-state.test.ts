/**
 * A user's patch that adds state (`definePatch({ state: { dev: { gone: 'bool' } } })`), tried
 * from the user's own folder: 3451a495ef24's dead flag written from scratch against v4.2, with a
 * flag of its own, must fix B5 as the library's v5.1 profile (which has the flag built in) does;
 * properties read the field as `v.dev(name).patch.gone`; bad declarations are one E604 line.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, hasStack, probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return name; };
copyFileSync(join(ROOT, 'models/hot-unplug.ts'), join(dir, 'hot-unplug.ts'));

// The patch as a user writes it: one field, set under the device lock first in device_del, tested
// by the async helper once it holds the lock.
const deadPatch = (state: string, init = '') => `import { definePatch } from 'probecheck';
export default definePatch({
  id: 'my-dead', subject: 'driver core: Establish order of operations for device_add and device_del via bitflag', base: 'v4.2',
  state: ${state},
  hunks: [
    { fn: 'device_del', insert: { label: 'mark_dead', after: null, before: 'bus_remove_device' },
      step: (site) => ({ where: 'drivers/base/core.c:device_del', await: (s) => s.dev[site.dev].mutex === 0,
        waits: () => '&dev->mutex(' + site.k.vn(site.dev) + ')',
        run: (s) => { s.dev[site.dev].gone = true; ${init}return 'bus_remove_device'; } }) },
    { fn: '__device_attach_async_helper', replace: 'device_lock',
      step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { const next = orig.run(s, t, b, c); return s.dev[site.dev].gone ? 'out_unlock' : next; } }) },
  ],
});
`;
write('dead.ts', deadPatch("{ dev: { gone: 'bool' } }"));
write('gone.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'invariant', name: 'gone-not-probed',
  check: (v) => (v.devices.some((d) => d.patch.gone && d.probingIn !== null) ? 'a device marked gone is being probed' : null),
  premise: { text: 'a device is marked gone', met: (v) => v.devices.some((d) => d.patch.gone) },
});
`);
// The same property written to run on both sides of a diff: the base has no such field.
write('gone-both.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'invariant', name: 'gone-not-probed',
  check: (v) => (v.devices.some((d) => 'gone' in d.patch && d.patch.gone && d.probingIn !== null) ? 'a device marked gone is being probed' : null),
});
`);

const oneLine = (args: string[], line: RegExp) => oneErrorLine(dir, args, line);
const verdicts = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^ {2}([a-z0-9-]+)\s+(holds|violated|vacuous)\b/gm)].map((m) => [m[1], m[2]]));

describe('a patch that adds state', () => {
  it("fixes B5 on v4.2 as v5.1's built-in dead flag does, and diff says fixed", () => {
    // diff's row is the two searches' verdicts, v4.2 without the patch and with it (check --patch
    // dead.ts's own verdict: asserted below, where it runs with a property file).
    const d = probecheck(['diff', 'hot-unplug.ts', '--patch', 'dead.ts', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/no-probe-after-del\s+violated\s+holds\s+fixed/);
    expect(d.status).toBe(0);
    const v51 = probecheck(['check', 'hot-unplug.ts', '--param', 'profile=v5.1', '-q'], { cwd: dir });
    expect(verdicts(v51.stdout)['no-probe-after-del']).toBe('holds');
  });

  it('a patch that sets the flag too late fixes nothing (the field is really read)', () => {
    // Set after the release instead of first: the helper can still probe before it is set.
    write('late.ts', deadPatch("{ dev: { gone: 'bool' } }").replace("after: null, before: 'bus_remove_device'", "after: 'driver_deferred_probe_del', before: 'kobject_del'").replace("return 'bus_remove_device'", "return 'kobject_del'"));
    const r = probecheck(['check', 'hot-unplug.ts', '--patch', 'late.ts', '-q'], { cwd: dir });
    expect(verdicts(r.stdout)['no-probe-after-del']).toBe('violated');
  });

  it('traces name the field; properties read it as v.dev(name).patch', () => {
    const r = probecheck(['check', 'hot-unplug.ts', '--patch', 'dead.ts', '--property-file', 'gone.ts', '--property', 'no-deadlock', '--property', 'gone-not-probed'], { cwd: dir });
    expect(verdicts(r.stdout)['gone-not-probed']).toBe('holds');
    // An initial value of true everywhere: the property's premise is met at once, and the helper never probes.
    write('dead-init.ts', deadPatch("{ dev: { gone: { type: 'bool', init: (d) => d.name === 'dc' } } }"));
    const t = probecheck(['check', 'hot-unplug.ts', '--patch', 'dead-init.ts', '--property', 'no-probe-after-del', '--property', 'gone-not-probed', '--property-file', 'gone.ts', '-q'], { cwd: dir });
    expect(verdicts(t.stdout)['gone-not-probed']).toBe('holds');
    // The step that sets it, in a trace: a property violated once dc is marked.
    write('never-gone.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'never-gone', check: (v) => (v.dev('dc').patch.gone ? 'dc is marked gone' : null) });
`);
    const tr = probecheck(['check', 'hot-unplug.ts', '--patch', 'dead.ts', '--property-file', 'never-gone.ts', '--property', 'never-gone'], { cwd: dir });
    expect(tr.status).toBe(1);
    expect(tr.stdout).toMatch(/device_del\(dc\):mark_dead[^\n]*\n(\s+[^\n]*\n)*?\s+dev\[dc\]\.gone: false→true/);
    expect(tr.stdout).toMatch(/dc is marked gone/);
  });

  it("diff's base side has no such field: a property that reads it says so, or asks with 'in'", () => {
    oneLine(['diff', 'hot-unplug.ts', '--patch', 'dead.ts', '--property-file', 'gone.ts'], /^probecheck: E302 .*property 'gone-not-probed' \(gone\.ts\) threw: no patch in this run adds a field 'gone' to device 'dc' \(fields the patches add there: none\); a property read where no patch adds it \(diff's base side\) asks first: 'gone' in v\.dev\('dc'\)\.patch && \.\.\.$/);
    const d = probecheck(['diff', 'hot-unplug.ts', '--patch', 'dead.ts', '--property-file', 'gone-both.ts', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/gone-not-probed\s+holds\s+holds/);
    // check's comparison run without the patch (for its notes) does not read your properties.
    const c = probecheck(['check', 'hot-unplug.ts', '--patch', 'dead.ts', '--property-file', 'gone.ts', '-q'], { cwd: dir });
    expect(c.status).toBe(1);
    expect(verdicts(c.stdout)['gone-not-probed']).toBe('holds');
    // (check --patch dead.ts's own verdict on B5: the row diff shows fixed, above.)
    expect(verdicts(c.stdout)['no-probe-after-del']).toBe('holds');
  });

  it('devices a patch starts unlike are not interchangeable', () => {
    write('two.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'two', profile: 'v4.2',
  devices: { c1: {}, c2: {} },
  drivers: { 'c-drv': { matches: ['c1', 'c2'], probeType: 'async', present: true } },
  actors: { a: 'add c1', b: 'add c2' },
  properties: ['single-binding'],
});
`);
    write('two-same.ts', deadPatch("{ dev: { gone: 'bool' } }"));
    write('two-unlike.ts', deadPatch("{ dev: { gone: { type: 'bool', init: (d) => d.name === 'c1' } } }"));
    const symmetry = (patch: string) => JSON.parse(probecheck(['check', 'two.ts', '--patch', patch, '--symmetry', '--json'], { cwd: dir }).stdout).runs[0].symmetry as { classes?: string[] } | undefined;
    expect(symmetry('two-same.ts')?.classes?.length).toBe(1);
    const sym = symmetry('two-unlike.ts');
    expect(sym?.classes ?? []).toEqual([]);
    // --symmetry says why (a hunt, 2026-12-05: "the model declares no interchangeable elements").
    expect(sym).toMatchObject({ applied: false, note: "your patch's fields start unlike on the devices of {c1, c2} (state ... init), so they are not interchangeable" });
  });

  it('bad declarations: one E604 line naming the field', () => {
    write('clash.ts', deadPatch("{ dev: { driver: 'bool' } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'clash.ts'], /^probecheck: E604 .*patch my-dead: state\.dev\.driver: the model's devices already have a field 'driver'/);
    // Also a kernel field the model keeps only in some scenarios (a regression review, 2026-12-05).
    write('wq.ts', deadPatch("{ dev: { gone: 'bool' }, kernel: { moduleWq: 'bool' } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'wq.ts'], /^probecheck: E604 .*state\.kernel\.moduleWq: the model's kernel state already has a field 'moduleWq'/);
    // And device_links_lock, kept only under a user's patch: a field so named would be read as that lock (s46 h24).
    write('links.ts', deadPatch("{ dev: { gone: 'bool' }, kernel: { deviceLinksLock: { type: 'int', max: 15 } } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'links.ts'], /^probecheck: E604 .*state\.kernel\.deviceLinksLock: the model's kernel state already has a field 'deviceLinksLock'/);
    write('scope.ts', deadPatch("{ device: { gone: 'bool' } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'scope.ts'], /^probecheck: E604 .*patch 'my-dead': state: unknown scope 'device'; known: dev, drv, kernel/);
    write('type.ts', deadPatch("{ dev: { gone: 'boolean' } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'type.ts'], /^probecheck: E604 .*state\.dev\.gone: expected 'bool', \{ type: 'bool', init\? \} or \{ type: 'int', max, init\? \}/);
    write('max.ts', deadPatch("{ dev: { gone: { type: 'int', max: 300 } } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'max.ts'], /^probecheck: E604 .*state\.dev\.gone\.max: expected an integer 1\.\.255/);
    write('init.ts', deadPatch("{ dev: { gone: { type: 'int', max: 2, init: (d) => (d.present ? 1 : 5) } } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'init.ts'], /^probecheck: E604 .*patch my-dead: state\.dev\.gone\.init returned 5 for device 'dc'; expected an integer 0\.\.2/);
    write('dead2.ts', deadPatch("{ dev: { gone: 'bool' } }").replace("id: 'my-dead'", "id: 'other-dead'"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'dead.ts', '--patch', 'dead2.ts'], /^probecheck: E604 .*patch other-dead: state\.dev\.gone: patch my-dead adds a field 'gone' to the devices too; name one of them differently$/);
    // A value out of the declared range written by a step is the engine's E201, naming the field.
    write('range.ts', deadPatch("{ dev: { gone: { type: 'int', max: 1 } } }", 's.dev[site.dev].gone = 2; '));
    const r = probecheck(['check', 'hot-unplug.ts', '--patch', 'range.ts'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/E201.*gone/);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
  });
});

describe('a patch that adds a thread local (state.thread)', () => {
  // The dead flag again, but the helper reads it into a local before it takes the device lock and
  // tests the local after: device_del may mark the device between the two (a C local kept from one
  // step to a later one; a known gap until 2026-12-05).
  const peek = (read: string) => deadPatch("{ dev: { gone: 'bool' }, thread: { wasGone: 'bool' } }")
    .replace("id: 'my-dead'", "id: 'my-dead-peek'")
    .replace("{ fn: '__device_attach_async_helper', replace: 'device_lock',", `{ fn: '__device_attach_async_helper', insert: { label: 'peek', after: null, before: 'device_lock' },
      step: (site) => ({ where: 'drivers/base/dd.c:__device_attach_async_helper', run: (s, t) => { ${read} return 'device_lock'; } }) },
    { fn: '__device_attach_async_helper', replace: 'device_lock',`)
    .replace("return s.dev[site.dev].gone ? 'out_unlock' : next;", "return t.wasGone ? 'out_unlock' : next;");
  write('peek.ts', peek('t.wasGone = s.dev[site.dev].gone;'));
  write('peeked.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'invariant', name: 'never-peeked-gone',
  check: (v) => { for (const th of v.threads) if (th.patch.wasGone) return th.name + ' read dc gone'; return null; },
});
`);

  it('keeps the value from one step to a later one in the thread that set it: read before the lock, the check misses the del', () => {
    for (const backend of ['fast', 'reference']) {
      const r = probecheck(['check', 'hot-unplug.ts', '--patch', 'peek.ts', '--property', 'no-probe-after-del', '--backend', backend, '--json'], { cwd: dir });
      const run = JSON.parse(r.stdout).runs[0];
      expect(run.properties.find((x: { name: string }) => x.name === 'no-probe-after-del').verdict, backend).toBe('violated');
    }
    // The helper found it gone in some runs (the local is really written and read): a property
    // reads it as v.thread(name).patch, and the trace names the thread's local.
    const t = probecheck(['check', 'hot-unplug.ts', '--patch', 'peek.ts', '--property-file', 'peeked.ts', '--property', 'never-peeked-gone'], { cwd: dir });
    expect(t.status).toBe(1);
    expect(t.stdout).toMatch(/__device_attach_async_helper\(dc\):peek\n(\s+[^\n]*\n)*?\s+kworker\/u:async __device_attach_async_helper\(dc\)\.wasGone: false→true/);
    // A local never set stays false: the check then never skips, as without the patch's test.
    write('peek-unset.ts', peek(''));
    const u = probecheck(['check', 'hot-unplug.ts', '--patch', 'peek-unset.ts', '--property-file', 'peeked.ts', '--property', 'never-peeked-gone', '-q'], { cwd: dir });
    expect(verdicts(u.stdout)['never-peeked-gone']).toBe('holds');
  });

  it('steps --patch lists it, at the profile the patch names as its base', () => {
    // (100 states of walks fire peek, and record its read, as the default 3,000 do.)
    const r = probecheck(['steps', '--patch', 'peek.ts', '--function', '__device_attach_async_helper', '--max-states', '100'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^steps of profile v4\.2 with peek\.ts /);
    expect(r.stdout).toMatch(/__device_attach_async_helper:peek\n[^]*?reads: [^\n]*local\.wasGone/);
  });

  it('bad declarations: an init, or a name the model already has, is one E604 line', () => {
    write('peek-init.ts', peek('').replace("thread: { wasGone: 'bool' }", "thread: { wasGone: { type: 'bool', init: true } }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'peek-init.ts'], /^probecheck: E604 .*state\.thread\.wasGone\.init: a thread local takes no init: it is false when the thread starts, and your step sets it where the C declares it/);
    write('peek-ret.ts', peek('').replace("thread: { wasGone: 'bool' }", "thread: { ret: 'bool' }"));
    oneLine(['check', 'hot-unplug.ts', '--patch', 'peek-ret.ts'], /^probecheck: E604 .*patch my-dead-peek: state\.thread\.ret: the model's threads' locals already have a field 'ret'/);
  });
});

describe("a patch's C locals (state.local): one per call", () => {
  // b232b02bf3c2 ("driver core: fix deadlock in __device_attach") written from scratch, as a new user
  // did on 2026-12-05: `bool async` set under the lock, async_schedule_dev after device_unlock. In
  // nested.ts host's probe registers c, so __device_attach(c) runs inside __device_attach(host) in one
  // thread: with one `async` per thread the inner call overwrote the outer's, and the outer frame
  // unlocked host while another actor held it; every property held.
  write('nested.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'nested-attach', profile: 'v5.15',
  devices: { host: {}, c: { parent: 'host' } },
  drivers: {
    'host-drv': { matches: ['host'], probeType: 'async', present: true, registers: ['c'] },
    'c-drv': { matches: ['c'], probeType: 'async', present: true },
  },
  actors: { hotplug: 'add host', admin: ['lock host', 'unlock host'] },
});
`);
  const b232 = (state: string) => `import { definePatch, RETURN } from 'probecheck';
// async: 0 = false; 1 = true (set under the lock); 2 = scheduled after the unlock.
export default definePatch({
  id: 'b232-mine', subject: 'driver core: fix deadlock in __device_attach', base: 'v5.15',
  state: ${state},
  hunks: [
    { fn: '__device_attach', replace: 'device_lock', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => { t.async = 0; return orig.run(s, t, b, c); } }) },
    { fn: '__device_attach', replace: 'async_schedule', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => {
      if (t.async === 0) { t.async = 1; return 'out_unlock'; }
      t.async = 2;
      return orig.run(s, t, b, c);
    } }) },
    { fn: '__device_attach', replace: 'out_unlock', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => {
      if (t.async === 2) { t.async = 0; return RETURN; }
      const r = orig.run(s, t, b, c);
      return t.async === 1 ? 'async_schedule' : r;
    } }) },
  ],
});
`;
  write('b232-thread.ts', b232("{ thread: { async: { type: 'int', max: 2 } } }"));
  write('b232-local.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2 } } } }"));

  it('keeps each call its own: the nested call leaves the outer one its value, and the patch holds as v5.19 does', () => {
    const mine = probecheck(['check', 'nested.ts', '--patch', 'b232-local.ts', '--json'], { cwd: dir });
    const v519 = probecheck(['check', 'nested.ts', '--param', 'profile=v5.19', '--json'], { cwd: dir });
    const rows = (r: { stdout: string }) => Object.fromEntries(JSON.parse(r.stdout).runs[0].properties.map((x: { name: string; verdict: string }) => [x.name, x.verdict]));
    expect(mine.status).toBe(0);
    expect(rows(mine)).toEqual(rows(v519));
    // Traces name each call's slot.
    write('c-bound.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'c-never-bound', check: (v) => (v.dev('c').bound ? 'c is bound' : null) });
`);
    const t = probecheck(['check', 'nested.ts', '--patch', 'b232-local.ts', '--property-file', 'c-bound.ts', '--property', 'c-never-bound'], { cwd: dir });
    expect(t.stdout).toContain('hotplug.async@__device_attach[__device_attach(host)]: 0→1');
    expect(t.stdout).toMatch(/\.async@__device_attach\[__device_attach\(c\)(#\d)?\]: 0→1/);
  });

  it('steps --patch lists what a step writes to a local, and nothing the check of its releases reads', () => {
    const r = probecheck(['steps', '--patch', 'b232-local.ts', '--function', '__device_attach', '--max-states', '100'], { cwd: dir });
    expect(r.stdout).toMatch(/__device_attach:async_schedule\n[^]*?writes: [^\n]*local\.async@__device_attach\[\]/);
    expect(r.stdout).not.toMatch(/reads: [^\n]*moduleMutex/);
  });

  it('turn symmetry off, even asked for: they are kept by call, which a permutation does not renumber', () => {
    write('two-async.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'two', profile: 'v5.15', devices: { c1: {}, c2: {} },
  drivers: { 'c-drv': { matches: ['c1', 'c2'], probeType: 'async', present: true } }, actors: { a: 'add c1', b: 'add c2' }, properties: ['single-binding'] });
`);
    const sym = (patch: string) => JSON.parse(probecheck(['check', 'two-async.ts', '--patch', patch, '--symmetry', '--json'], { cwd: dir }).stdout).runs[0].symmetry;
    expect(sym('b232-thread.ts').applied).toBe(true);
    expect(sym('b232-local.ts')).toMatchObject({ applied: false, note: expect.stringMatching(/^your patch's C locals \(state\.local of __device_attach\) are kept per call/) });
  });

  it("with one per thread the outer call unlocks another thread's mutex: E203 naming both", () => {
    const r = probecheck(['check', 'nested.ts', '--patch', 'b232-thread.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^probecheck: E203 \(step threw\): in step '__device_attach\(host\):out_unlock' of thread 'hotplug' \([^)]*\): it releases &dev->mutex\(host\), which admin holds: a step releases only a mutex its own thread holds/);
    expect(hasStack(r.stderr)).toBe(false);
  });

  it("a step of the patch lets the lock go, and the library's unlock further on would clear the mutex another thread took: E203 naming the library step, both threads and the patch", () => {
    write('early.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'early-unlock', subject: 'drop the lock before the dead check', base: 'v5.15',
  hunks: [{ fn: '__device_attach', replace: 'check_dead', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => { s.dev[site.dev].mutex = 0; return orig.run(s, t, b, c); } }) }] });
`);
    const r = probecheck(['check', 'nested.ts', '--patch', 'early.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^probecheck: E203 \(step threw\): in step '__device_attach\(host\):out_unlock' of thread 'hotplug' \([^)]*\): it releases &dev->mutex\(host\), which admin holds; unpatched, 'out_unlock' releases only a mutex its own thread holds: an earlier step of patch early-unlock \(drop the lock before the dead check\) in this thread changed what it unlocks/);
    expect(r.stderr).toContain('admin: device_lock(host):mutex_lock');
    expect(hasStack(r.stderr)).toBe(false);
  });

  it("on v5.0 too, where only the parents of link suppliers may change hands so, the outer call's foreign unlock is E203 (a hunt, 2026-12-05)", () => {
    write('b232-thread-v50.ts', b232("{ thread: { async: { type: 'int', max: 2 } } }").replace("base: 'v5.15'", "base: 'v5.0'"));
    const r = probecheck(['check', 'nested.ts', '--param', 'profile=v5.0', '--patch', 'b232-thread-v50.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/E203 .*it releases &dev->mutex\(host\), which admin holds/);
  });

  it("a C local used by another function's hunk, or read by a property, says whose it is", () => {
    write('b232-other.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2 } } } }").replace("hunks: [", "hunks: [\n    { fn: '__device_attach_async_helper', replace: 'device_lock', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => { t.async = 1; return orig.run(s, t, b, c); } }) },"));
    const r = probecheck(['check', 'nested.ts', '--patch', 'b232-other.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/E203 .*'async' is a C local of __device_attach \(state\.local\), not of __device_attach_async_helper: a C local is read and written by the hunks of its function; to pass a value from one function to another, use a state\.thread variable$/);
    write('read-c-local.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'read-c-local', check: (v) => (v.thread('hotplug').patch.async === 3 ? 'never' : null) });
`);
    oneLine(['check', 'nested.ts', '--patch', 'b232-local.ts', '--property-file', 'read-c-local.ts', '--property', 'read-c-local'], /^probecheck: E302 .*'async' is a C local of __device_attach \(state\.local\), one per call: properties do not see C locals; keep what a property reads in a state\.thread variable$/);
  });

  it("v4.18's parent unlock may release another thread's mutex, as the C does: a pass-through patch there is no E203 (a regression review, 2026-12-05)", () => {
    copyFileSync(join(ROOT, 'models/device-links.ts'), join(dir, 'device-links.ts'));
    write('pass-unlock.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'pass-unlock', subject: 'pass-through', base: 'v4.18',
  hunks: [{ fn: 'unbind_store', replace: 'device_unlock', step: (_site, orig) => ({ ...orig, run: (s, t, b, c) => orig.run(s, t, b, c) }) }] });
`);
    const args = ['check', 'device-links.ts', '--param', 'variant=parent', '--param', 'profile=v4.18', '--json'];
    const rows = (r: { stdout: string }) => Object.fromEntries(JSON.parse(r.stdout).runs[0].properties.map((x: { name: string; verdict: string }) => [x.name, x.verdict]));
    const plain = probecheck(args, { cwd: dir }), passed = probecheck([...args, '--patch', 'pass-unlock.ts'], { cwd: dir });
    expect(passed.stderr).not.toMatch(/E203/);
    expect(rows(passed)).toEqual(rows(plain));
    expect(rows(plain)['no-deadlock']).toBe('violated');
  });

  it('a C local out of its range is E201, a bool given a number says so, each naming the local and its function', () => {
    write('b232-range.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2 } } } }").replace('t.async = 2;', 't.async = 3;'));
    const first = (f: string) => { const r = probecheck(['check', 'nested.ts', '--patch', f, '-q'], { cwd: dir }); expect(r.status).toBe(2); expect(hasStack(r.stderr)).toBe(false); return r.stderr.split('\n')[0]; };
    // (A step's error is followed by the moves that reach it.)
    expect(first('b232-range.ts')).toMatch(/^probecheck: E201 \(state field out of range\): in step '__device_attach\(host\):async_schedule' of thread 'hotplug' \([^)]*\): local async@__device_attach of this call \(patch b232-mine\) was set to 3; it must be an integer in 0\.\.2$/);
    // (A BigInt threw from the message's JSON.stringify: 'Do not know how to serialize a BigInt', s50 h17.)
    write('b232-big.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2 } } } }").replace('t.async = 2;', 't.async = 2n;'));
    expect(first('b232-big.ts')).toMatch(/: local async@__device_attach of this call \(patch b232-mine\) was set to 2n; it must be an integer in 0\.\.2$/);
    write('b232-bool.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2 }, flag: 'bool' } } }").replace('t.async = 0; return', 't.flag = 1; t.async = 0; return'));
    expect(first('b232-bool.ts')).toMatch(/^probecheck: E203 \(step threw\): in step '__device_attach\(host\):device_lock' of thread 'hotplug' \([^)]*\): local 'flag' of __device_attach \(patch b232-mine\) is a bool: a step writes true or false, not 1$/);
  });

  it("an action property's before view reads a local as it was before the move", () => {
    write('async-set.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({
  kind: 'action', name: 'async-set',
  check: (before, after, move) => (before.thread('hotplug').patch.async === 0 && after.thread('hotplug').patch.async === 1 ? move.label + ' sets async' : null),
});
`);
    write('one.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'one', profile: 'v5.15', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', present: true } }, actors: { hotplug: 'add dc' } });
`);
    for (const backend of ['fast', 'reference']) {
      const r = probecheck(['check', 'one.ts', '--patch', 'b232-thread.ts', '--property-file', 'async-set.ts', '--property', 'async-set', '--backend', backend], { cwd: dir });
      expect(r.status, backend).toBe(1);
      // The move is a step the patch made: the explanation says so after it (s48 h13), the property's own words around it.
      expect(r.stdout).toContain('__device_attach(dc):async_schedule (a step your patch b232-mine made) sets async');
    }
  });

  it('bad declarations: a function with no hunk of the patch, a name the threads have, an init: one E604 line', () => {
    write('b232-nofn.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2 } }, __driver_attach: { x: 'bool' } } }"));
    oneLine(['check', 'nested.ts', '--patch', 'b232-nofn.ts'], /^probecheck: E604 .*state\.local\.__driver_attach: no hunk of this patch is in __driver_attach; a C local is read and written by the hunks of its function \(this patch's: __device_attach\)/);
    write('b232-ret.ts', b232("{ local: { __device_attach: { ret: 'bool' } } }"));
    oneLine(['check', 'nested.ts', '--patch', 'b232-ret.ts'], /^probecheck: E604 .*patch b232-mine: state\.local\.__device_attach\.ret: the threads' locals already have a field 'ret'/);
    // A name another patch gives a thread variable: that patch is named.
    write('thread-async.ts', b232("{ thread: { async: 'bool' } }").replace("id: 'b232-mine'", "id: 'other-async'"));
    oneLine(['check', 'nested.ts', '--patch', 'thread-async.ts', '--patch', 'b232-local.ts'], /^probecheck: E604 .*patch b232-mine: state\.local\.__device_attach\.async: the threads' locals already have a field 'async' \(patch other-async's state\.thread\)/);
    write('b232-init.ts', b232("{ local: { __device_attach: { async: { type: 'int', max: 2, init: 1 } } } }"));
    oneLine(['check', 'nested.ts', '--patch', 'b232-init.ts'], /^probecheck: E604 .*state\.local\.__device_attach\.async\.init: a C local takes no init/);
  });
});

describe('a trace found with a patch file replays with that file', () => {
  it('an edited patch warns, as an edited model does; a trace moved with its folder finds the patch beside it', () => {
    // A trace hunt, 2026-12-05: replay confirmed a trace against an edited patch without a word.
    const home = join(dir, 'rp');
    mkdirSync(home);
    writeFileSync(join(home, 'fix.ts'), deadPatch("{ dev: { gone: 'bool' } }"));
    copyFileSync(join(dir, 'hot-unplug.ts'), join(home, 'hot-unplug.ts'));
    expect(probecheck(['check', 'hot-unplug.ts', '--patch', 'fix.ts', '--property', 'no-deadlock', '--trace-out', 't.json', '-q'], { cwd: home }).status).toBe(1);
    const t = JSON.parse(readFileSync(join(home, 't.json'), 'utf8'));
    expect(t.patchFiles).toEqual([{ path: join(home, 'fix.ts'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const same = probecheck(['replay', 't.json'], { cwd: home });
    expect(same.stderr).toBe('');
    expect(same.status).toBe(0);
    writeFileSync(join(home, 'fix.ts'), readFileSync(join(home, 'fix.ts'), 'utf8') + '\n// edited\n');
    const edited = probecheck(['replay', 't.json'], { cwd: home });
    expect(edited.stderr.trim()).toBe(`probecheck: warning: patch file ${join(home, 'fix.ts')} has changed since the trace was written (sha256 differs); replaying with it as it is now`);
    expect(edited.status).toBe(0);
    // Moved: the recorded path is gone, the patch is beside the trace.
    const moved = `${home}-moved`;
    renameSync(home, moved);
    const there = probecheck(['replay', join(moved, 't.json')]);
    expect(there.stdout).toContain('confirmed: property no-deadlock');
    expect(there.status).toBe(0);
    renameSync(join(moved, 'fix.ts'), join(moved, 'gone.ts'));
    const lost = probecheck(['replay', join(moved, 't.json')]);
    expect(lost.stderr.trim()).toBe(`probecheck: E503 (unreadable input file): ${join(moved, 't.json')}: patch file ${join(home, 'fix.ts')} not found (looked there and at ${join(moved, 'fix.ts')})`);
  });
});

describe("a patch step's reads and writes are held to the state's fields", () => {
  // A patch-state trial, 2026-12-05: a misspelt or undeclared field was dropped by the fast
  // backend's sealed views (sloppy-mode code) and kept outside the fingerprint by the reference
  // backend, so the two gave opposite verdicts; a bool written 2 was true on one, E201 on the other.
  it('a field the model lacks is E203 naming it, on both backends', () => {
    write('typo-write.ts', deadPatch("{ dev: { gone: 'bool' } }").replace('s.dev[site.dev].gone = true', 's.dev[site.dev].gnoe = true'));
    write('typo-read.ts', deadPatch("{ dev: { gone: 'bool' } }").replace("s.dev[site.dev].gone ? 'out_unlock'", "s.dev[site.dev].gnoe ? 'out_unlock'"));
    write('bool-two.ts', deadPatch("{ dev: { gone: 'bool' } }").replace('s.dev[site.dev].gone = true', 's.dev[site.dev].gone = 2'));
    write('big.ts', deadPatch("{ dev: { gone: 'bool' } }").replace('s.dev[site.dev].gone = true', 's.probeCount = 1n'));
    for (const backend of ['fast', 'reference']) {
      for (const [f, what] of [['typo-write.ts', 'a write'], ['typo-read.ts', 'a read']] as const) {
        const r = probecheck(['check', 'hot-unplug.ts', '--patch', f, '--backend', backend, '-q'], { cwd: dir });
        expect(r.status, `${f} ${backend}`).toBe(2);
        expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^probecheck: E203 \\(step threw\\): in step '[^']+' of thread '[^']+' \\([^)]+\\): the state has no field 'gnoe'; did you mean 'gone'\\? \\(${what} of a field the model lacks`));
        expect(hasStack(r.stderr)).toBe(false);
      }
      const b = probecheck(['check', 'hot-unplug.ts', '--patch', 'bool-two.ts', '--backend', backend, '-q'], { cwd: dir });
      expect(b.status).toBe(2);
      expect(b.stderr).toMatch(/state field 'gone' is a bool: a step writes true or false, not 2/);
      // A BigInt in a kernel counter, on workers (s50 h17: the fast backend's E203 'Cannot mix BigInt and other types').
      const n = probecheck(['check', 'hot-unplug.ts', '--patch', 'big.ts', '--backend', backend, '--workers', '2', '-q'], { cwd: dir });
      expect(n.status).toBe(2);
      expect(n.stderr.split('\n')[0]).toMatch(/^probecheck: E201 \(state field out of range\): in step '[^']+' of thread 'hotplug' .*: state field probeCount was set to 1n; it must be an integer in 0\.\.15/);
    }
    // The strict view's own message printed it with JSON.stringify, which threw: 'Do not know how to serialize a BigInt' (s50 h17).
    write('bool-big.ts', deadPatch("{ dev: { gone: 'bool' } }").replace('s.dev[site.dev].gone = true', 's.dev[site.dev].gone = 1n'));
    expect(probecheck(['check', 'hot-unplug.ts', '--patch', 'bool-big.ts', '-q'], { cwd: dir }).stderr).toMatch(/state field 'gone' is a bool: a step writes true or false, not 1n$/m);
    // An integer array of the kernel's (a thread's haveAsync) written 256: a byte would hold 0 (a review, 2026-12-05).
    write('wrap.ts', deadPatch("{ dev: { gone: 'bool' } }").replace('s.dev[site.dev].gone = true;', 's.dev[site.dev].gone = true; t.haveAsync[0] = 256;').replace('run: (s) => {', 'run: (s, t) => {'));
    const w = probecheck(['check', 'hot-unplug.ts', '--patch', 'wrap.ts', '-q'], { cwd: dir });
    expect(w.status, w.stdout).toBe(2);
    expect(w.stderr.split('\n')[0]).toMatch(/E203 .*an integer array element was set to 256: it must be an integer in its field's range/);
  });

  it("the library step a hunk wraps runs on the real state: its own reads of fields some scenarios lack are not the user's", () => {
    // A review, 2026-12-05: a no-op wrapper of the deferred worker's process_one_work was E203 for flushBarrier.
    write('noop.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'noop', subject: 'wrap', base: 'v4.2',
  hunks: [{ fn: 'deferred_probe_work_func', replace: 'process_one_work', step: (_s, orig) => ({ ...orig, run: (s, t, b, c) => orig.run(s, t, b, c) }) }] });
`);
    for (const backend of ['fast', 'reference']) {
      const plain = probecheck(['check', 'hot-unplug.ts', '--param', 'variant=deferred', '--backend', backend, '-q'], { cwd: dir });
      const wrapped = probecheck(['check', 'hot-unplug.ts', '--param', 'variant=deferred', '--patch', 'noop.ts', '--backend', backend, '-q'], { cwd: dir });
      expect(wrapped.stderr).not.toMatch(/E203/);
      expect(verdicts(wrapped.stdout)).toEqual(verdicts(plain.stdout));
    }
  });

  it('a device added again is a new struct: the fields a patch adds start zeroed', () => {
    write('replug.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'replug', profile: 'v4.2', devices: { dc: {} },
  drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', present: true } },
  actors: { hotplug: ['add dc', 'del dc', 'add dc'] }, syncFallback: false,
  properties: ['no-probe-after-del', 'no-missed-probe'],
});
`);
    // As v5.1's built-in flag: the deleted struct's gone flag does not keep the new one unprobed.
    const mine = probecheck(['check', 'replug.ts', '--patch', 'dead.ts', '-q'], { cwd: dir });
    const v51 = probecheck(['check', 'replug.ts', '--param', 'profile=v5.1', '-q'], { cwd: dir });
    expect(verdicts(mine.stdout)).toEqual(verdicts(v51.stdout));
    expect(verdicts(mine.stdout)['no-missed-probe']).toBe('holds');
  });
});

describe('a suite case with a patch file, in CI', () => {
  it('JUnit names the patch by its path below the working directory, not an absolute one', () => {
    // A new user, 2026-12-05: the absolute path made every testcase name differ between runners.
    mkdirSync(join(dir, 'ci'), { recursive: true });
    writeFileSync(join(dir, 'ci', 'mine.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'mine', model: '../hot-unplug.ts', cases: [
  { params: { profile: 'v4.2' }, patches: ['../dead.ts'], expect: { 'no-probe-after-del': 'holds' } },
] });
`);
    const r = probecheck(['check', 'ci/mine.suite.ts', '--junit', 'out.xml', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const x = readFileSync(join(dir, 'out.xml'), 'utf8');
    expect(x).toContain('classname="mine[profile=v4.2 patches=dead.ts variant=async]" name="no-probe-after-del"');
    expect(x).not.toContain(dir);
  });
  // A CI hunt (2026-12-05): a case's patch notes were dropped; they come under the suite table, and in --json.
  it("a case's patch notes are said: a hunk whose function the scenario never calls", () => {
    mkdirSync(join(dir, 'ci'), { recursive: true });
    writeFileSync(join(dir, 'ci', 'idle.ts'), deadPatch("{ dev: { gone: 'bool' } }").replace("id: 'my-dead'", "id: 'idle-dead'").replace("{ fn: '__device_attach_async_helper', replace: 'device_lock',", "{ fn: 'bind_store', replace: 'device_lock',"));
    writeFileSync(join(dir, 'ci', 'notes.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'notes', model: '../hot-unplug.ts', cases: [
  { params: { profile: 'v4.2' }, patches: ['idle.ts'], expect: { 'no-probe-after-del': 'violated' } },
] });
`);
    const r = probecheck(['check', 'ci/notes.suite.ts', '-q'], { cwd: dir });
    // A hunk the scenario never calls: in --json only (a patch of several hunks runs one per scenario).
    expect(unwrap(r.stdout)).not.toContain('is not applied here');
    // One that never fires is said under the table.
    writeFileSync(join(dir, 'ci', 'never.ts'), deadPatch("{ dev: { gone: 'bool' } }").replace("id: 'my-dead'", "id: 'never-dead'").replace("{ fn: '__device_attach_async_helper', replace: 'device_lock',", "{ fn: 'really_probe', replace: 'probe_failed',"));
    writeFileSync(join(dir, 'ci', 'never.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'never', model: '../hot-unplug.ts', cases: [
  { params: { profile: 'v4.2' }, patches: ['never.ts'], expect: { 'no-probe-after-del': 'violated' } },
] });
`);
    expect(unwrap(probecheck(['check', 'ci/never.suite.ts', '-q'], { cwd: dir }).stdout)).toMatch(/^never cases\[0\] \(profile=v4\.2\): warning: patch never-dead: its step really_probe:probe_failed never fires in this search$/m);
    const j = JSON.parse(probecheck(['check', 'ci/notes.suite.ts', '--json'], { cwd: dir }).stdout);
    expect(j.patchNotes.map((n: { note: string; suite: string }) => [n.suite, n.note])).toContainEqual(['notes', 'not called']);
  });
});

describe('state the model keeps only where something reads it is kept for a patch of yours', () => {
  // A patch hunt, 2026-12-05: 35a672363ab3 (wait_for_device_probe waits for the deferred-probe
  // timeout, v5.7) written as a patch against v5.4 read KS.probeTimeout, which the model kept only
  // on profiles that wait for it: false, so the wait never blocked and diff said nothing changed.
  // In the C a wait before the late initcall, with deferred_probe_timeout=30, hangs boot (the
  // hang 5ee76c256e92 reverted it for).
  write('early-wait.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'early-wait', profile: 'v5.4',
  devices: { dc: { present: true }, pwm: { present: true } },
  drivers: { 'dc-drv': { matches: ['dc'], needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'], module: 'pwm' } },
  actors: { init: ['wait_for_device_probe', 'deferred_probe_initcall'], modprobe: 'modprobe pwm' },
  deferredProbeTimeout: 30,
  properties: ['no-deadlock', 'no-lost-deferral'],
});
`);
  write('wait-timeout.ts', `import { definePatch } from 'probecheck';
export default definePatch({
  id: 'wait-for-timeout', subject: 'driver core: Ensure wait_for_device_probe() waits until the deferred_probe_timeout fires', commit: '35a672363ab3', base: 'v5.4',
  hunks: [{ fn: 'wait_for_device_probe', insert: { label: 'wait_probe_timeout', after: null, before: 'flush_work' },
    step: () => ({ where: 'drivers/base/dd.c:wait_for_device_probe', await: (s) => !s.probeTimeout, waits: () => 'probe_timeout_waitqueue', run: () => 'flush_work' }) }],
});
`);
  it("a field the patch's waits read that holds one value at every read is said (a wait never taken both ways); one that varies is said apart", () => {
    write('wait-dead.ts', readFileSync(join(dir, 'wait-timeout.ts'), 'utf8').replace("id: 'wait-for-timeout'", "id: 'wait-dead'").replace('await: (s) => !s.probeTimeout,', 'await: (s) => !s.probeTimeout || (s.dev.length > 0 && s.dev[0].dead) || s.moduleMutex !== 0,'));
    write('late-wait2.ts', readFileSync(join(dir, 'early-wait.ts'), 'utf8').replace("['wait_for_device_probe', 'deferred_probe_initcall']", "['deferred_probe_initcall', 'wait_for_device_probe']"));
    const r = probecheck(['check', 'late-wait2.ts', '--patch', 'wait-dead.ts', '-q'], { cwd: dir });
    // dc is never deleted here: the patch's test of dead never saw true; probeTimeout went from true to false.
    // A note, not a warning (what the search saw, not a fault); a lock owner as traces name it.
    // The field that did change is said too, so the note does not read as "the wait is inert" (a new user, 2026-12-05).
    expect(unwrap(r.stdout)).toContain('note: patch wait-dead: its waits read dev[dc].dead (false), moduleMutex (none), each the same value at every read in this search: a wait on them never blocked, or always did (its reads of probeTimeout did change)');
    expect(r.stdout).not.toContain('dev.length'); // the scenario's shape, not state
    // Not asked where the search did not visit every state (here --por; with --workers each thread reads apart).
    expect(unwrap(probecheck(['check', 'late-wait2.ts', '--patch', 'wait-dead.ts', '-q', '--por', '--property', 'no-deadlock'], { cwd: dir }).stdout)).not.toContain('the same value at every read');
    expect(unwrap(probecheck(['check', 'late-wait2.ts', '--patch', 'wait-dead.ts', '-q', '--shard', '1/2'], { cwd: dir }).stdout)).not.toContain('the same value at every read');
  });
  it("a hunk's step with a key no step has is E604 naming it (enabled: for await: dropped the guard: holds, exit 0)", () => {
    write('typo-key.ts', readFileSync(join(dir, 'wait-timeout.ts'), 'utf8').replace('await: (s) => !s.probeTimeout,', 'enabled: (s) => !s.probeTimeout,'));
    const r = probecheck(['check', 'early-wait.ts', '--patch', 'typo-key.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("probecheck: E604 (patch does not apply): typo-key.ts: patch wait-for-timeout (driver core: Ensure wait_for_device_probe() waits until the deferred_probe_timeout fires): its step for wait_for_device_probe:wait_probe_timeout has an unknown key 'enabled'; did you mean 'await'? (a step has where, since, c, cIdle, await, branches, branchNames, run, idle, waits, strong, holding, merges)");
    // Values of the wrong kind, and hunk keys, name what is meant (a CI hunt, 2026-12-05).
    const variant = (from: string, to: string) => { write('v.ts', readFileSync(join(dir, 'wait-timeout.ts'), 'utf8').replace(from, to)); return probecheck(['check', 'early-wait.ts', '--patch', 'v.ts', '-q'], { cwd: dir }).stderr.trim(); };
    expect(variant('await: (s) => !s.probeTimeout,', 'await: true,')).toMatch(/its step for wait_for_device_probe:wait_probe_timeout: 'await' must be a function \(s, t\) => \.\.\., not true$/);
    expect(variant('await: (s) => !s.probeTimeout,', "strong: 'yes', await: (s) => !s.probeTimeout,")).toMatch(/'strong' must be true or false, not "yes"$/);
    expect(variant("{ fn: 'wait_for_device_probe', insert:", "{ fn: 'wait_for_device_probe', inesrt:")).toMatch(/hunks\[0\]: unknown key 'inesrt'; did you mean 'insert'\?; known: fn, replace, insert, step$/);
    expect(variant("insert: { label: 'wait_probe_timeout', after: null,", "insert: { label: 'wait_probe_timeout', afer: null,")).toMatch(/hunks\[0\]\.insert: unknown key 'afer'; did you mean 'after'\?/);
  });

  it("diff says which side's search an error came from", () => {
    write('throw.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'boom', subject: 'x', base: 'v5.4', hunks: [{ fn: 'wait_for_device_probe', insert: { label: 'boom', after: null, before: 'flush_work' },
  step: () => ({ where: 'drivers/base/dd.c:wait_for_device_probe', run: () => { throw new Error('patched boom'); } }) }] });
`);
    const r = probecheck(['diff', 'early-wait.ts', '--patch', 'throw.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^probecheck: E203 \(step threw\): the patched search: in step 'wait_for_device_probe:boom' of thread 'init' .*: patched boom$/);
  });

  it('35a672363ab3 as a patch on v5.4: the wait before the late initcall deadlocks', () => {
    const d = probecheck(['diff', 'early-wait.ts', '--patch', 'wait-timeout.ts', '-q'], { cwd: dir });
    expect(d.stdout).toMatch(/no-deadlock\s+holds\s+violated\s+regressed/);
    expect(d.status).toBe(1);
    // After the late initcall the timeout work ends the wait (it sets the timeout 0 at v5.4: 97e2551de3f9).
    write('late-wait.ts', readFileSync(join(dir, 'early-wait.ts'), 'utf8').replace("['wait_for_device_probe', 'deferred_probe_initcall']", "['deferred_probe_initcall', 'wait_for_device_probe']"));
    const late = probecheck(['check', 'late-wait.ts', '--patch', 'wait-timeout.ts', '-q'], { cwd: dir });
    expect(verdicts(late.stdout)['no-deadlock']).toBe('holds');
  });
});


// A new user (2026-12-05) could not find dev->parent from a hunk: the E203 for `s.dev[i].parent`
// sent them to declare a state field, for something the scenario fixes.
describe("a hunk reads a device's parent (static, not state)", () => {
  write('parent-del.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'parent-del', profile: 'mainline',
  devices: { adap: { present: true }, c1: { parent: 'adap' } },
  drivers: { cdrv: { matches: ['c1'], probeType: 'async', present: true } },
  actors: { register: 'add c1', 'del adapter': 'del adap' },
  syncFallback: false,
});
`);
  // if (dev->p->dead || dev->driver || (dev->parent && dev->parent->p->dead)) goto out_unlock;
  const parentPatch = (read: string) => `import { definePatch } from 'probecheck';
export default definePatch({
  id: 'parent-dead', subject: 'driver core: skip a device whose parent is being deleted', base: 'mainline',
  hunks: [{ fn: '__device_attach_async_helper', replace: 'device_lock',
    step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
      const next = orig.run(s, t, b, c), p = ${read};
      return next !== 'out_unlock' && p >= 0 && s.dev[p].dead ? 'out_unlock' : next;
    } }) }],
});
`;
  it('site.k.parent(i) gives it: the skipped child is left unprobed (no-missed-probe regressed)', () => {
    write('parent-dead.ts', parentPatch('site.k.parent(site.dev)'));
    const d = probecheck(['diff', 'parent-del.ts', '--patch', 'parent-dead.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/no-missed-probe\s+holds\s+violated\s+regressed/);
    expect(d.status).toBe(1);
  });
  it("reading s.dev[i].parent is E203 naming site.k.parent(i)", () => {
    write('parent-field.ts', parentPatch('s.dev[site.dev].parent'));
    const r = probecheck(['check', 'parent-del.ts', '--patch', 'parent-field.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(hasStack(r.stderr)).toBe(false);
    expect(r.stderr.split('\n')[0]).toMatch(/^probecheck: E203 .*: the state has no field 'parent': a device's parent is fixed by the scenario, not state; read it as site.k.parent\(i\), a device index or -1 for none$/);
  });
});
