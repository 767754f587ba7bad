/**
 * s43 h12: a patch's kept catalogue (cli/steps.ts byText) is keyed by the text the file was loaded
 * from, not read again at the check: a file edited after it was loaded (from the API: loaded once,
 * checked later) had the old hunks' catalogue kept under the new text, and once loaded again that
 * catalogue passed a patch list a fresh build refuses (E604).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUserPatches } from '../../src/cli/steps.js';
import { forgetLoadedFiles, loadPatchFiles } from '../../src/load.js';
import { userFolder } from './user-folder.js';

const dir = userFolder();
const a = join(dir, 'a.ts'), b = join(dir, 'b.ts'), list = `${a},${b}`;
const insert = (label: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: 'ins', subject: 'insert', base: 'v5.9', hunks: [
  { fn: '__device_attach', insert: { label: '${label}', after: 'device_lock', before: 'check_dead' }, step: () => ({ run: () => 'check_dead' }) }] });
`;
// Replaces the step named x1: applies only where the insert is x1.
writeFileSync(b, `import { definePatch } from 'probecheck';
export default definePatch({ id: 'rep', subject: 'replace', base: 'v5.9', hunks: [
  { fn: '__device_attach', replace: 'x1', step: (_site, orig) => ({ ...orig! }) }] });
`);
const load = async () => { forgetLoadedFiles(); await loadPatchFiles(list); };

describe('a kept catalogue of a patch file edited after it was loaded', () => {
  it('is not taken for the new text', async () => {
    writeFileSync(a, insert('x1'));
    await load();
    writeFileSync(a, insert('x2'));
    // The hunks loaded insert x1: they apply.
    checkUserPatches('v5.9', list);
    await load();
    expect(() => checkUserPatches('v5.9', list)).toThrow(/b\.ts: patch rep .*hunks\[0\] names __device_attach:x1; __device_attach on v5\.9 has: device_lock, x2,/);
  });
});
