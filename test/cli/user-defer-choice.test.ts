/**
 * Which patches of yours make no-lost-deferral judge their own deferrals (Kernel.userDefers, s39 h7):
 * a hunk that lists a device (deferredAdd, a `.deferred` write) or returns -EPROBE_DEFER
 * (RET.EPROBE_DEFER, RET.LINK_DEFER). Until a review (s39 h11) any hunk whose text said "defer"
 * did: the library's own candidate fix deferred-add-dead (it only takes a dead device off the
 * pending list, deferredDel) on amba-match-defer's device walk then chose no-lost-deferral, which
 * read vacuous (nothing of the patch defers; the amba match's own deferral holds the whole run and is
 * owed nothing), and the check exited 5 where it passed before.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
// The bundled model with its `properties` line dropped: the default choice.
writeFileSync(join(dir, 'amba.ts'), readFileSync(join(ROOT, 'models/amba-match-defer.ts'), 'utf8').replace(/^ {2}properties: .*\n/m, ''));
copyFileSync(join(ROOT, 'models/patches/deferred-add-dead.ts'), join(dir, 'dead.ts'));
const chosen = (patch: string) => {
  const r = probecheck(['check', 'amba.ts', '--param', 'walk=device', '--patch', patch, '--json'], { cwd: dir });
  return { status: r.status, names: (JSON.parse(r.stdout) as { properties: { name: string }[] }).properties.map((p) => p.name) };
};

describe('no-lost-deferral chosen for a patch of yours', () => {
  it('not for one that only takes devices off the lists (deferredDel)', () => {
    const r = chosen('dead.ts');
    expect(r.names).toContain('deferred-lists');
    expect(r.names).not.toContain('no-lost-deferral');
    expect(r.status).not.toBe(5);
  });
  it('for one that returns -EPROBE_DEFER', () => {
    writeFileSync(join(dir, 'gate.ts'), `import { definePatch, RET } from 'probecheck';
export default definePatch({ id: 'gate', subject: 'defer x once', base: 'mainline', hunks: [
  { fn: 'driver_probe_device', replace: 'check', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
    const r = orig.run(s, t, b, c);
    if (r === 'out' || site.k.w.devices[site.dev].name !== 'x' || s.dev[site.dev].ready) return r;
    t.ret = RET.LINK_DEFER;
    return 'deferred';
  } }) },
] });
`);
    expect(chosen('gate.ts').names).toContain('no-lost-deferral');
  });
  it('not for one that only compares a return with -EPROBE_DEFER', () => {
    writeFileSync(join(dir, 'peek.ts'), `import { definePatch, RET } from 'probecheck';
export default definePatch({ id: 'peek', subject: 'look at a deferral, make none', base: 'mainline', hunks: [
  { fn: 'driver_probe_device', replace: 'check', step: (site, orig) => ({ ...orig, run: (s, t, b, c) => {
    const r = orig.run(s, t, b, c);
    if (t.ret === RET.EPROBE_DEFER || RET.LINK_DEFER !== t.ret) return r;
    switch (t.ret) { case RET.EPROBE_DEFER: return r; default: return r; }
  } }) },
] });
`);
    const r = chosen('peek.ts');
    expect(r.names).not.toContain('no-lost-deferral');
    expect(r.status).not.toBe(5);
  });
});
