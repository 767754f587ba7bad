/**
 * s41 h5: a new user's bad-input hunt on what session 40 added (override-only drivers, user
 * patches applied one by one, from-log's spaced driver names), from a folder of one's own.
 * Four wrong answers: (1) two hunks of one patch replacing one step were taken, the later
 * wrapping the earlier (one written from scratch dropped it unsaid), and an insert's empty label
 * read `names __device_attach:;`; (2) `--property P --property
 * P` checked and listed P twice (diff keeps one); (3) from-log read a driver's name with spaces only
 * where one space parts its words: `Generic  PHY` (two spaces, or a tab) left the add, match,
 * probe and bound lines unread ("looks cut", "a form probecheck does not read"), though README
 * says each run of spaces is one underscore; (4) `override d x` of a device nothing ever registers
 * was accepted, a store that changes nothing, and the run read holds (a `del` of one is E601);
 * (5) from-log took a deferral's driver from a later dev_printk line but made up `X-driver` for the
 * retry that bound (two drivers of one device), and a spaced name in that prefix named none.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write('s.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.10', devices: { d: {} }, drivers: { x: { matches: ['d'], present: true } }, actors: { hp: ['add d'], admin: ['bind x d'] } });
`);
const hunk = (where: string, run: string) => `{ fn: '__device_attach', replace: 'check_dead', step: (_s: any, o: any) => ({ ...o, where: '${where}'${run} }) }`;
const patch = (id: string, hunks: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: '${id}', subject: '${id}', base: 'v5.10', hunks: [${hunks}] });
`;

describe('what session 40 added, given bad input', () => {
  it('refuses two hunks of one patch on one step (two patches still compose: README)', () => {
    write('two.ts', patch('two', `${hunk('A', ", run: () => 'out_unlock'")}, ${hunk('B', '')}`));
    oneErrorLine(dir, ['check', 's.ts', '--patch', 'two.ts'], /E604 .*hunks\[0\] and hunks\[1\] both replace __device_attach:check_dead/);
    write('nolabel.ts', patch('nolabel', "{ fn: '__device_attach', insert: { label: '', after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }"));
    oneErrorLine(dir, ['check', 's.ts', '--patch', 'nolabel.ts'], /E604 .*hunks\[0\]\.insert\.label: expected the new step's name, got ''/);
  });

  it('refuses an override of a device never registered (its file never exists), as a del of one', () => {
    write('never.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'never', profile: 'mainline', devices: { d: {}, e: { present: true } }, drivers: { x: { matches: ['e'], present: true, probe: 'error' } }, actors: { admin: ['override d x', 'override e x'] } });
`);
    oneErrorLine(dir, ['check', 'never.ts'], /E601 .*action 'override d x' can never take effect: device 'd' is never registered.*driver_override file never exists/);
  });

  it('checks a property named twice once', () => {
    const r = probecheck(['check', 's.ts', '--property', 'single-binding', '--property', 'single-binding', '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].properties.map((p: { name: string }) => p.name)).toEqual(['single-binding']);
  });

  it("reads a driver's name whose words a run of spaces or a tab parts", () => {
    for (const gap of ['  ', '\t']) {
      const drv = `Generic${gap}PHY`;
      write('phy.log', [
        `[    1.000000][    T1] bus: 'mdio_bus': add driver ${drv}`,
        "[    1.100000][    T1] device: 'stmmac-0:01': device_add",
        "[    1.100100][    T1] bus: 'mdio_bus': add device stmmac-0:01",
        `[    1.100200][    T1] bus: 'mdio_bus': __driver_probe_device: matched device stmmac-0:01 with driver ${drv}`,
        `[    1.100300][    T1] bus: 'mdio_bus': really_probe: probing driver ${drv} with device stmmac-0:01`,
        `[    1.100400][    T1] driver: '${drv}': driver_bound: bound to device 'stmmac-0:01'`,
        `[    1.100500][    T1] bus: 'mdio_bus': really_probe: bound device stmmac-0:01 to driver ${drv}`, ''].join('\n'));
      const r = probecheck(['from-log', 'phy.log'], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('register Generic_PHY');
      expect(r.stdout).not.toMatch(/looks cut|does not read|no form probecheck reads/);
    }
  });

  // An initcall_debug boot: a deferral, the retry that binds, and a later line of the PHY (phy_attached_info).
  it("names a deferral's and its bind's driver from a later dev_printk line, a spaced name too", () => {
    for (const drv of ['rtl8211f', 'Generic PHY']) {
      write('later.log', [
        "[    1.000000][    T1] device: 'stmmac-0:01': device_add",
        "[    1.000100][    T1] bus: 'mdio_bus': add device stmmac-0:01",
        '[    1.000200][    T1] probe of stmmac-0:01 returned -517 after 5 usecs',
        '[    2.000000][   T50] probe of stmmac-0:01 returned 0 after 9 usecs',
        `[    2.000100][   T50] ${drv} stmmac-0:01: attached PHY driver (mii_bus:phy_addr=stmmac-0:01, irq=POLL)`, ''].join('\n'));
      const r = probecheck(['from-log', 'later.log'], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`taken as ${drv.replace(' ', '_')}'s`);
      expect(r.stdout).not.toContain('stmmac-0:01-driver');
    }
  });
});
