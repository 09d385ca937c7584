import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // nodejieba loads its dictionaries once per process; forks keep native addons isolated
    pool: 'forks',
    // one file at a time: the crash-safety tests spawn multi-threaded extract runs and the browser
    // test drives Chromium; side by side on two cores they starve each other (the suite takes ~35 s)
    fileParallelism: false,
  },
});
