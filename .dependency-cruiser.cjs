/**
 * The layering check of `npm test` (issue 17): no import cycles in any package, the
 * server's layers only call downward (http/ → modules/ → data/ → db/), and the CLI's
 * tools share code through src/spec/, never through each other.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: two files that need each other cannot be understood, tested or moved alone.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-db-is-the-bottom',
      severity: 'error',
      comment: 'db/ (the engine, migrations, internal tables) imports no other layer.',
      from: { path: '^packages/server/src/db/' },
      to: { path: '^packages/server/src/(data|modules|http)/' },
    },
    {
      name: 'server-data-below-modules',
      severity: 'error',
      comment:
        'data/ serves every module and the HTTP edge, so it imports neither: it throws its own DataError, which the edge maps (http/http-error.ts asHttpError).',
      from: { path: '^packages/server/src/data/' },
      to: { path: '^packages/server/src/(modules|http)/' },
    },
    {
      name: 'server-http-below-modules',
      severity: 'error',
      comment: 'http/ is the pipeline every module runs in; it knows operations, not modules.',
      from: { path: '^packages/server/src/http/' },
      to: { path: '^packages/server/src/modules/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-layers-never-import-the-root',
      severity: 'error',
      comment: 'app.ts, handlers.ts and services.ts compose the layers; no layer imports them at run time.',
      from: { path: '^packages/server/src/(http|modules|data|db)/' },
      to: { path: '^packages/server/src/(app|handlers|services)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-tools-are-separate',
      severity: 'error',
      comment: 'audit, diff and conformance share code through src/spec/, never through each other.',
      from: { path: '^packages/cli/src/(audit|diff|conformance)/' },
      to: { path: '^packages/cli/src/(audit|diff|conformance)/', pathNot: '^packages/cli/src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/|\\.test\\.ts$|/test/fixtures/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'default'] },
  },
};
