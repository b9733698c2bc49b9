import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // It restarts PostgreSQL: vitest.replicas.config.ts runs it alone, after this suite.
    exclude: ['test/replicas/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Native addons (onnxruntime, better-sqlite3) are safest in forked processes.
    pool: 'forks',
  },
});
