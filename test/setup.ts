/**
 * Run before every test file (vitest.config.ts setupFiles): a folder the file made with
 * fs.mkdtemp, not with tempDir() (test/temp.ts), and left behind when it ends fails it.
 */
import { afterAll } from 'vitest';
import { leakedTempDirs, watchTempDirs } from './temp.js';

watchTempDirs();
// Registered first, so run after the file's own afterAll hooks (vitest runs them in reverse).
afterAll(() => {
  const leaked = leakedTempDirs();
  if (leaked.length) throw new Error(`this test file left temporary folders behind: ${leaked.join(', ')}; remove them, or make them with tempDir() from test/temp.ts (removed when the run ends)`);
});
