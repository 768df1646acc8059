import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Reporters: the usual console output, plus a JSON file that scripts/test.mjs
    // turns into the one-line "N passed, N failed" summary CI reads.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
