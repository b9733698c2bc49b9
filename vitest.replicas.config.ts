// The replica test restarts PostgreSQL, so it runs alone, after the main suite (see package.json's test script).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/replicas/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
