// test/temp.ts and setup.ts: a test file's temporary folders go when it ends, and one made
// without tempDir and left behind is named as a leak (setup.ts fails its file).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './temp.js';

describe('temporary folders', () => {
  it('tempDir folders are removed, a folder fs.mkdtemp made and left is a leak, one removed is not', async () => {
    const { mkdtempSync: viaDefault } = (await import('node:fs')).default;
    const owned = tempDir('probecheck-temp-'), left = mkdtempSync(join(tmpdir(), 'probecheck-temp-left-'));
    const alsoLeft = viaDefault(join(tmpdir(), 'probecheck-temp-left-')), gone = mkdtempSync(join(tmpdir(), 'probecheck-temp-gone-'));
    rmSync(gone, { recursive: true });
    expect(removeTempDirs().sort()).toEqual([left, alsoLeft].sort());
    expect([owned, left, alsoLeft].map(existsSync)).toEqual([false, false, false]);
    // Only what this file made since: a second call finds nothing.
    expect(removeTempDirs()).toEqual([]);
  });
});
