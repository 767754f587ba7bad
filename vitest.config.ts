import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^probecheck\/vitest$/, replacement: fileURLToPath(new URL('./src/vitest.ts', import.meta.url)) },
      { find: /^probecheck$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks',
    // vitest's default (cores - 1) runs the files one at a time on 2 cores; its main process is idle
    // while they run, so use every core.
    maxWorkers: availableParallelism(),
    // Each worker process runs many test files without reloading the modules they share
    // (vite's transform, tsx, the kernel library): 124 s -> 84 s on 2 cores. Tests keep no state
    // between files (each makes its own temporary folders, models and checkers).
    isolate: false,
    // A temporary folder a test file leaves behind (not made by tempDir) fails it...
    setupFiles: ['test/setup.ts'],
    // ...and the whole run's temporary files live in one folder of its own, removed at the end.
    globalSetup: ['test/global-setup.ts'],
  },
});
