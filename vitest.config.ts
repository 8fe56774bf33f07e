import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    include: ['tests/**/*.test.ts'],
    // Real KDF work and real browsers: generous timeouts, no wall-clock assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll waits for a screen to settle; a busy 2-core CI machine needs more than 1 s.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
