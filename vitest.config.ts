import { defineConfig } from 'vitest/config';

/**
 * Unit tests that leave no global behind (no module mocks, stubbed globals or fake timers) share
 * their worker's process and module cache (`isolate: false`): a fresh process per file cost ~0.5 s
 * of start-up each, more than most of these files take to run. Contract suites, examples, the
 * packaging test and the few unit files that mock or stub stay one process per file.
 */
const needsIsolation = [
  'mocks/src/browser.test.ts', // vi.mock('msw/browser')
  'mocks/src/conformance/realtime.test.ts', // the realtime mock's sockets are module state: failed shared in a full run
  'packages/sdk/src/realtime/realtime-client.test.ts', // fake timers
  'packages/sdk/src/storage/upload-progress.test.ts', // stubs XMLHttpRequest
  'packages/cli/src/commands/admin.test.ts', // sets process.env
  'scripts/packaging/**/*.test.ts', // npm pack and installs
];

/**
 * One vitest run for the whole workspace; packages resolve to their TypeScript source.
 * Workers stay vitest's default (cores − 1, so one on 2 cores): on a shared 2-core machine the
 * contract files a–d took 47 s with two workers and 49 s with one.
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The AWS SDK warns on every run that its 2027 releases need Node 22 (its documented switch).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'mocks/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', ...needsIsolation],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['contract-tests/src/**/*.test.ts'],
          isolate: false,
          setupFiles: ['contract-tests/src/harness/per-file-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['examples/*/src/**/*.test.ts', ...needsIsolation],
        },
      },
    ],
  },
});
