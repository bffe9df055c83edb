import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ (esbuild, < 1 s) when it is older than the sources, so the CLI tests run the real binary.
    globalSetup: ['test/global-setup.ts'],
    // Fixed fast-check seed (FC_SEED overrides; FC_SEED=random explores).
    setupFiles: ['test/setup.ts'],
    testTimeout: 30000,
  },
});
