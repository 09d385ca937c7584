import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // nodejieba loads its dictionaries once per process; forks keep native addons isolated
    pool: 'forks',
  },
});
