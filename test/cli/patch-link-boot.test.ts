/**
 * A user's hunk on device_link_add where boot's probe of a built-in driver (a device `boundTo` it)
 * added a stateless link: the start counted that link as the unpatched kernel makes it, so a hunk
 * that refuses the link read the profile's verdict, and check said the scenario never calls
 * device_link_add (s41 h7/h13's Known gap). Boot's adds now run through the hunk
 * (kernel/loaded.ts bootLinksStart). And the call_probe advice for such a hunk is keyed on steps
 * that ran, not built (s41 h13): a driver with `links` whose device nothing adds makes no link.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOT_LINK } from './boot-link-scenario.js';
import { probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

write('boot-link.ts', BOOT_LINK);
write('no-unregistered.ts', `import { definePatch, RETURN } from 'probecheck';
// device_link_add refuses (returns NULL) a link whose consumer is not registered yet.
export default definePatch({
  id: 'u-no-unreg', subject: 'driver core: no device link to a consumer not yet registered', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const l = site.k.w.links[site.link]!;
    return s.dev[l.consumer]!.registered ? orig!.run(s, t, b, c) : RETURN;
  } }) }],
});
`);
write('wait.ts', `import { definePatch } from 'probecheck';
// device_link_add waits for its consumer to be registered.
export default definePatch({ id: 'u-wait', subject: 'device_link_add waits for the consumer', base: 'v5.4',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (site, orig) => ({ ...orig!, await: (s) => s.dev[site.k.w.links[site.link]!.consumer]!.registered }) }] });
`);
write('unadded.ts', `import { scenario } from 'probecheck';
// mmc-drv links mmc to pmic (managed), but nothing ever adds mmc; dc's probe defers once (the deferred-probe worker is there).
export default scenario({
  name: 'link-of-unadded', profile: 'v5.0',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: {}, dc: {} },
  drivers: {
    'pmic-drv': { matches: ['pmic'], present: true },
    'mmc-drv': { matches: ['mmc'], links: ['pmic'], present: true },
    'dc-drv': { matches: ['dc'], probe: ['defer', 'ok'], present: true },
  },
  actors: { 'add dc': 'add dc' },
  properties: ['no-deadlock'],
});
`);
write('p-managed-add.ts', `import { definePatch, RETURN } from 'probecheck';
export default definePatch({ id: 'u-skip', subject: 'device_link_add makes nothing', base: 'v5.0',
  hunks: [{ fn: 'device_link_add', replace: 'list_for_each_entry', step: (_site, orig) => ({ ...orig!, run: () => RETURN }) }] });
`);

describe("a hunk on device_link_add where boot's probe of a built-in driver added the link", () => {
  // (Before: diff refused it, E501 "it never calls device_link_add"; check read the start's link, violated.)
  it('runs there: the link it refuses is not at the start (fixed, as the patched kernel reads)', () => {
    const d = probecheck(['diff', 'boot-link.ts', '--patch', 'no-unregistered.ts', '-q'], { cwd: dir });
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/links-single-delete\s+violated\s+holds\s+fixed/);
    expect(unwrap(d.stdout)).toMatch(/note: patch u-no-unreg: its step device_link_add:list_for_each_entry runs only in boot's probes of the built-in drivers bound at the start/);
    expect(d.status).toBe(0);
  });

  it('a hunk that blocks there is refused, naming the file, the link and what to write', () => {
    oneErrorLine(dir, ['check', 'boot-link.ts', '--patch', 'wait.ts', '-q'], /^probecheck: E604 .*wait\.ts: .*patch u-wait .*added link mmc -> pmic, and it blocks there: .*bind it in an actor/);
  });
});

describe('the call_probe advice for a hunk on device_link_add', () => {
  it('is not given where the driver with links never probes (its device is never added)', () => {
    const r = probecheck(['check', 'unadded.ts', '--patch', 'p-managed-add.ts', '-q'], { cwd: dir });
    expect(unwrap(r.stdout)).toMatch(/device_link_add:list_for_each_entry is not applied here: this scenario never calls device_link_add/);
    expect(r.stdout).not.toMatch(/call_probe/);
    expect(r.status).toBe(5);
  });
});

describe('a hunk that changes how the load of a module loaded at the start ends', () => {
  it("its E601 says the load ends as declared without the patch, not only that the scenario's start is not reached", () => {
    write('both-loaded.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'both-loaded', profile: 'v4.14',
  modules: { m: { loaded: true } },
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'm' }, 'mmc-drv': { matches: ['mmc'], module: 'm' } },
  actors: { 'echo mmc > unbind': 'unbind mmc-drv mmc' },
  properties: ['no-deadlock'],
});
`);
    write('fail-mmc.ts', `import { definePatch, RET } from 'probecheck';
// mmc's probe fails (-ENODEV).
export default definePatch({ id: 'u-fail', subject: 'mmc probe fails', base: 'v4.14',
  hunks: [{ fn: 'really_probe', replace: 'probe_ret', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const r = orig!.run(s, t, b, c);
    if (site.k.vn(site.dev) !== 'mmc') return r;
    t.ret = RET.ENODEV;
    return 'probe_failed';
  } }) }] });
`);
    oneErrorLine(dir, ['check', 'both-loaded.ts', '--patch', 'fail-mmc.ts', '-q'], /^probecheck: E601 .*device 'mmc' is unbound after it, where the scenario declares it bound to 'mmc-drv'; without your patch u-fail the load ends as declared: .*load the module in an actor/);
  });
});
