import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const CONTRACT_DIR = fileURLToPath(new URL('../contract/', import.meta.url));

/**
 * The SDK uses only the contract's operation table at runtime; marking the contract's modules
 * side-effect free lets esbuild drop the rest (the bundled spec, Ajv). Remove once
 * `@lockstep/contract` declares `"sideEffects": false` itself.
 */
const contractWithoutSideEffects: EsbuildPlugin = {
  name: 'contract-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const inContract = args.path.startsWith('@lockstep/contract') || args.importer.startsWith(CONTRACT_DIR);
      if (!inContract) return undefined;
      const { path, external, errors } = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (errors.length > 0) return { errors };
      return { path, external, sideEffects: !path.startsWith(CONTRACT_DIR) };
    });
  },
};

/**
 * ESM, CJS and types, for browsers and Node. The contract (operation table) is bundled from its
 * TypeScript source, so the SDK runs without a built contract; openapi-fetch stays a dependency.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // Types keep importing `@lockstep/contract` (a dependency): its generated types are not copied.
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  noExternal: ['@lockstep/contract'],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
  esbuildPlugins: [contractWithoutSideEffects],
  clean: true,
  sourcemap: true,
});
