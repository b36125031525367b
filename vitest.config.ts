import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/unit/**/*.test.tsx',
      'tests/sim/**/*.test.ts',
      'tests/node/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The machine has 2 cores; more forks only fight over them.
    maxWorkers: 2,
  },
})
