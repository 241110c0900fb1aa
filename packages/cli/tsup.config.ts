import { defineConfig } from 'tsup';

/**
 * The CLI as one ESM entry (bin/lockstep.js loads it). Every dependency stays external and is
 * declared in package.json: bundling TypeScript (audit's parser) made a 10 MB chunk that failed
 * with "Dynamic require of fs".
 */
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  // Anything bare-imported is a dependency: none may slip into the bundle unnoticed.
  external: [/^[^./]/],
});
