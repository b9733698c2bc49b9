import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native addons (onnxruntime, better-sqlite3) are safest in forked processes.
    pool: 'forks',
  },
});
