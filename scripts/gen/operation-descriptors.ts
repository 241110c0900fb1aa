/**
 * Renders the SDK's operation descriptors (packages/sdk/src/generated/operations.gen.ts): one
 * exported constant per operation, `{ id, method, path }` (and `public: true` for the spec's
 * `security: []`), for `@lockstep/sdk/core`. A page
 * imports the operations it calls, so a bundler ships those and tree-shakes the rest (the
 * operation table, one object, would ship whole).
 */
import { operationRows } from './operation-table';

type Doc = Record<string, any>;

function summaryOf(doc: Doc, path: string, method: string): string {
  const summary = String(doc.paths[path]?.[method]?.summary ?? '').replace(/\*\//g, '*\\/');
  return summary ? `: ${summary}` : '';
}

/** The TypeScript source of the descriptors file. */
export function renderOperationDescriptors(doc: Doc, header: string): string {
  const lines = operationRows(doc).flatMap((row) => {
    const method = row.method.toUpperCase();
    const tail = row.pathTail ? ', pathTail: true' : '';
    const open = row.access === 'public' ? ', public: true' : '';
    return [
      `/** \`${method} ${row.path}\`${summaryOf(doc, row.path, row.method)} */`,
      `export const ${row.operationId} = { id: '${row.operationId}', method: '${method}', path: '${row.path}'${tail}${open} } as const;`,
    ];
  });
  return [
    header,
    '',
    '// One descriptor per operation for `client.call(descriptor, init)` of `@lockstep/sdk/core`: import the ones a page calls.',
    '',
    ...lines,
    '',
  ].join('\n');
}
