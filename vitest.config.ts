import { defineConfig } from 'vitest/config';

/** One vitest run for the whole workspace; packages resolve to their TypeScript source. */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'mocks/src/**/*.test.ts',
      'contract-tests/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The AWS SDK warns on every run that its 2027 releases need Node 22 (its documented switch).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
