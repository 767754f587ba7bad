// test/temp.ts and setup.ts: a folder made without tempDir and left behind is named as a leak
// (setup.ts fails its file); tempDir's and those removed are not.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leakedTempDirs, tempDir } from './temp.js';

describe('temporary folders', () => {
  it('a folder fs.mkdtemp made and left is a leak; one removed, or made by tempDir, is not', async () => {
    const { mkdtempSync: viaDefault } = (await import('node:fs')).default;
    const owned = tempDir('probecheck-temp-'), left = mkdtempSync(join(tmpdir(), 'probecheck-temp-left-'));
    const alsoLeft = viaDefault(join(tmpdir(), 'probecheck-temp-left-')), gone = mkdtempSync(join(tmpdir(), 'probecheck-temp-gone-'));
    rmSync(gone, { recursive: true });
    expect(leakedTempDirs().sort()).toEqual([left, alsoLeft].sort());
    expect(existsSync(owned)).toBe(true);
    for (const d of [left, alsoLeft]) rmSync(d, { recursive: true });
    // Only what this file made since: a second call finds nothing.
    expect(leakedTempDirs()).toEqual([]);
  });

  it('tests run with the run\'s own TMPDIR (global-setup.ts), removed when the run ends', () => {
    expect(tmpdir()).toMatch(/probecheck-test-run-[^/]+$/);
  });
});
