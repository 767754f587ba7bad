/**
 * s43 h12: a patch file outside the working directory but inside the package is named from the
 * package (`check` of the bundled suites from another folder); from a folder inside the package
 * (`cd properties`) that name read as a path below it, which does not exist: the way up is named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { showParams } from '../../src/report/text.js';
import { ROOT, tempDir } from './run.js';

const before = process.cwd();
afterEach(() => process.chdir(before));
const patch = join(ROOT, 'models', 'patches', 'purge-after-release.ts');

describe("a bundled patch's path in params", () => {
  it('from a folder outside the package: from the package', () => {
    process.chdir(tempDir());
    expect(showParams({ patches: patch })).toBe('patches=models/patches/purge-after-release.ts');
  });

  it('from a folder inside it: relative to the working directory', () => {
    process.chdir(join(ROOT, 'properties'));
    expect(showParams({ profile: 'v5.9', patches: `${patch},device-driver-lock` })).toBe('profile=v5.9 patches=../models/patches/purge-after-release.ts,device-driver-lock');
  });
});
