/**
 * Run before every test file (vitest.config.ts setupFiles): when the file ends, its temporary
 * folders are removed, and a folder it made with fs.mkdtemp and left behind fails it.
 */
import { afterAll } from 'vitest';
import { removeTempDirs, watchTempDirs } from './temp.js';

watchTempDirs();
// Registered first, so run after the file's own afterAll hooks (vitest runs them in reverse).
afterAll(() => {
  const leaked = removeTempDirs();
  if (leaked.length) throw new Error(`this test file left temporary folders behind (removed now; make them with tempDir() from test/temp.ts): ${leaked.join(', ')}`);
});
