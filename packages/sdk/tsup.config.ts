import { defineConfig } from 'tsup';

/**
 * ESM, CJS and types, for browsers and Node. The contract (operation table) is bundled from its
 * TypeScript source, so the SDK runs without a built contract. openapi-fetch is bundled too: its
 * CommonJS build has no `__esModule` mark, so a bundled `require` of its default export fails;
 * it stays a dependency for its types. `src/core.ts` is the lean entry (`@lockstep/sdk/core`);
 * `core/package.json` points resolvers without `exports` (node10) at it.
 */
export default defineConfig({
  entry: ['src/index.ts', 'src/core.ts'],
  format: ['esm', 'cjs'],
  // Types keep importing `@lockstep/contract` (a dependency): its generated types are not copied.
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  noExternal: ['@lockstep/contract', 'openapi-fetch'],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
  clean: true,
  sourcemap: true,
});
