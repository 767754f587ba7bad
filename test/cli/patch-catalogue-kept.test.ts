/**
 * s43: the catalogue a patch's hunks are held to (E604, cli/steps.ts checkHunks) is kept between
 * commands of one process by the patch files' text, not built again for each: an edit of the
 * patch, or of a file of yours it imports or reads (then nothing is kept), is still seen by the next
 * command. The scenario builds no __device_attach, so only the catalogue can refuse the hunk.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write('s.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 's', profile: 'v5.9', devices: { dc: { present: true, boundTo: 'dc-drv' } },
  drivers: { 'dc-drv': { matches: ['dc'], present: true } }, actors: { admin: 'unbind dc-drv dc' } });
`);
// An insert named `label` (a.ts), and a later patch's replacement of the step named x1 (b.ts): it
// applies only where the insert is x1.
const insert = (label: string, imports = '') => `import { definePatch } from 'probecheck';
${imports}export default definePatch({ id: 'ins', subject: 'insert', base: 'v5.9', hunks: [
  { fn: '__device_attach', insert: { label: ${label}, after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }] });
`;
write('b.ts', `import { definePatch } from 'probecheck';
export default definePatch({ id: 'rep', subject: 'replace', base: 'v5.9', hunks: [
  { fn: '__device_attach', replace: 'x1', step: (_site, orig) => ({ ...orig! }) }] });
`);
const check = (a: string) => probecheck(['check', 's.ts', '--patch', a, '--patch', 'b.ts', '-q'], { cwd: dir });
const E604 = /^probecheck: E604 .*hunks\[0\] names __device_attach:x1/;

describe("a patch's catalogue kept between commands", () => {
  it('an edit of the patch file is seen: the label it no longer inserts is refused', () => {
    write('a.ts', insert("'x1'"));
    expect(check('a.ts').stderr).not.toMatch(/E604/);
    write('a.ts', insert("'x2'"));
    expect(check('a.ts').stderr).toMatch(E604);
    write('a.ts', insert("'x1'"));
    expect(check('a.ts').stderr).not.toMatch(/E604/);
  });

  it('an edit of a file the patch imports is seen', () => {
    write('label.ts', "export const LABEL = 'x1';\n");
    write('q.ts', insert('LABEL', "import { LABEL } from './label.ts';\n"));
    expect(check('q.ts').stderr).not.toMatch(/E604/);
    write('label.ts', "export const LABEL = 'x2';\n");
    expect(check('q.ts').stderr).toMatch(E604);
  });

  it('an edit of a file the patch reads as it loads is seen', () => {
    write('label.json', '"x1"');
    write('r.ts', insert(`JSON.parse(readFileSync(${JSON.stringify(join(dir, 'label.json'))}, 'utf8'))`, "import { readFileSync } from 'node:fs';\n"));
    expect(check('r.ts').stderr).not.toMatch(/E604/);
    write('label.json', '"x2"');
    expect(check('r.ts').stderr).toMatch(E604);
  });
});
