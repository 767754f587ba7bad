/**
 * A bus match that defers (`matchDefers`) under a user's hunk that lets it succeed (s40 h7). The
 * library's matchDefers defers the whole run, so its deferral is owed no retry; amba_match
 * (f2d3b9a46e0e) defers only until amba_read_periphid reads the ID (clock and power domain up),
 * which a user writes as a hunk on the walks' match steps. Before 25e9fbf0fd38 (v5.10 here) the
 * walk goes on after the match's driver_deferred_probe_add (dd.c@v5.10.13:830-832, 1065-1067), so
 * such a hunk can end the deferral; one that does so in one walk only (the deferred worker's
 * __device_attach_driver still always defers) leaves the device on the pending list for good,
 * its clock bound and its driver registered. Until s40 h7 that read holds (no-lost-deferral
 * vacuous: a matchDefers device was owed nothing whatever the hunks).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return name; };

write('amba.ts', `import { scenario } from 'probecheck';
// pl011's peripheral ID reads only once its clock (clk, bound by clk-drv) is up.
export default scenario({
  name: 'amba-clk', profile: 'v5.10',
  devices: { pl011: { matchDefers: true }, clk: {} },
  drivers: { 'uart-pl011': { matches: ['pl011'], present: true }, 'clk-drv': { matches: ['clk'], present: true } },
  actors: { hotplug: 'add pl011', other: 'add clk' },
});
`);
// Once clk is bound the match succeeds (on to the probe, as the library's add goes on before
// 25e9fbf0fd38); before, it lists the device and returns (amba_match's -EPROBE_DEFER with 25e9fbf0fd38's return).
// `walks`: the walks whose match the patch lets succeed.
const fix = (id: string, walks: string) => write(`${id}.ts`, `import { definePatch, RET, RETURN } from 'probecheck';
const clk = (site: any) => site.k.w.devices.findIndex((d: any) => d.name === 'clk');
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (site: any, orig: any) => ({ ...orig, run: (s: any, t: any, b: any, c: any) => {
  if (s.dev[clk(site)].bound && ${walks}.includes(fn)) return orig.run(s, t, b, c);
  orig.run(s, t, b, c);
  t.ret = fn === '__device_attach_driver' ? RET.EPROBE_DEFER : RET.ZERO;
  return RETURN;
} }) });
export default definePatch({ id: '${id}', subject: 'amba: match once the clock is up', base: 'v5.10', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach')] });
`);
fix('both', `['__device_attach_driver', '__driver_attach']`);
fix('one', `['__driver_attach']`);

const row = (out: string, name: string) => new RegExp(`\\n\\s+${name}\\s+(\\S+)`).exec(out)?.[1];
const check = (...args: string[]) => probecheck(['check', 'amba.ts', ...args, '--property', 'no-lost-deferral', '--property', 'no-missed-probe'], { cwd: dir });

describe("a matchDefers device whose match a user's hunk lets succeed", () => {
  it("is owed a retry: a fix the worker's retry never takes is no-lost-deferral violated", () => {
    const r = check('--patch', 'one.ts');
    expect(row(r.stdout, 'no-lost-deferral')).toBe('violated');   // vacuous before s40 h7
    expect(unwrap(r.stdout)).toContain("pl011 stays on the deferred pending list with uart-pl011 registered: its retry was lost (the bus match's deferral, which a hunk of your patch one on its match steps may let succeed, is owed a retry");
    expect(row(r.stdout, 'no-missed-probe')).toBe('holds');        // on a list: no-lost-deferral's
  });

  it('holds where the retry comes and matches; unpatched, the library deferral is owed nothing', () => {
    expect(row(check('--patch', 'both.ts').stdout, 'no-lost-deferral')).toBe('holds');
    // The library's matchDefers defers the whole run: nothing retries it to success, nothing is owed.
    expect(row(check().stdout, 'no-lost-deferral')).toBe('vacuous');
  });

  // 25e9fbf0fd38 backported by hand to v5.10 (return after the match's add, both walks): the
  // upstream fix keeps pl011 deferred, owed no retry. Chosen by default for the hunk alone it read
  // violated, where a7c856e held everything (a review, s40 h9): not chosen by default now, and said.
  write('ret.ts', `import { definePatch, RETURN } from 'probecheck';
const hunk = (fn: string) => ({ fn, replace: 'driver_deferred_probe_add', step: (_site: any, orig: any) => ({ ...orig, run: (s: any, t: any, b: any, c: any) => { orig.run(s, t, b, c); return RETURN; } }) });
export default definePatch({ id: 'ret', subject: 'driver core: return after a match that defers', base: 'v5.10', hunks: [hunk('__device_attach_driver'), hunk('__driver_attach')] });
`);
  it('is not chosen by default for such a hunk alone, and a note says to name it', () => {
    const r = probecheck(['check', 'amba.ts', '--patch', 'ret.ts'], { cwd: dir });
    expect(r.stdout).not.toMatch(/\n\s+no-lost-deferral\s/);
    expect(r.stdout).toContain("note: no-lost-deferral is not chosen by default for the bus match's deferral of 'pl011'");
    expect(r.status).toBe(0);
  });
});
