/**
 * Which user file a stray error (one no call of probecheck's catches) is blamed on: the file its
 * stack's frames run in. A message that names the file said it was the file's code, so a bug of
 * probecheck's own that mentions the file read as the file's fault (a review, 2026-12-06).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, strayErrorFile } from '../../src/load.js';
import { tempDir } from '../temp.js';

describe('strayErrorFile', () => {
  it('names a file its stack runs in, not one its message names only', async () => {
    const dir = tempDir(), file = join(dir, 'late.ts');
    writeFileSync(file, `export const later = () => new Error('from the file');\nexport default 1;\n`);
    const m = await importFile(file) as { later: () => Error };
    expect(strayErrorFile(m.later())).toContain('late.ts');
    expect(strayErrorFile(new Error(`internal: ${file} was read twice`))).toBeUndefined();
  });
});
