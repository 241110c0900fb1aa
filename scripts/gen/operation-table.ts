/**
 * Renders the operation table (operations.gen.ts): every operation's method, path, tag and
 * access level, and every module's status, as constants the server, SDK, mocks and the
 * wiring report share.
 */
import { hasPathTail } from '../../packages/contract/src/routing';

type Doc = Record<string, any>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** Who may call an operation, read from its security requirements. */
export type Access = 'public' | 'optional' | 'user' | 'admin' | 'service';

export function accessOf(security: Doc[]): Access {
  if (security.length === 0) return 'public';
  if (security.some((req) => Object.keys(req).length === 0)) return 'optional';
  const scopes = security.flatMap((req) => Object.values(req).flat() as string[]);
  if (scopes.length === 0) return 'user';
  if (scopes.every((scope) => scope === 'service')) return 'service';
  return 'admin';
}

export type OperationRow = {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  access: Access;
  /** The last path parameter takes slashes (`x-lockstep-path-tail`). */
  pathTail?: true;
};

/** Every operation of the bundled document, in document order. */
export function operationRows(doc: Doc): OperationRow[] {
  const rows: OperationRow[] = [];
  for (const [path, item] of Object.entries(doc.paths as Doc)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const access = accessOf(op.security ?? doc.security ?? []);
      const row: OperationRow = { operationId: op.operationId, method, path, tag: op.tags?.[0], access };
      if (hasPathTail(doc, path, method)) row.pathTail = true;
      rows.push(row);
    }
  }
  return rows;
}

function moduleRows(doc: Doc): string[] {
  return (doc.tags as Doc[]).map(
    (tag) => `  ${JSON.stringify(tag.name)}: { status: ${JSON.stringify(tag['x-lockstep-status'] ?? 'planned')} },`,
  );
}

/** The TypeScript source of operations.gen.ts. */
export function renderOperationTable(doc: Doc, header: string): string {
  const ops = operationRows(doc).map(
    (row) =>
      `  ${row.operationId}: { method: '${row.method}', path: '${row.path}', tag: '${row.tag}', access: '${row.access}'${row.pathTail ? ', pathTail: true' : ''} },`,
  );
  return [
    header,
    '',
    '/** Every operation of the spec: method, path template, module (tag), who may call it, and whether its last parameter takes slashes. */',
    'export const operations = {',
    ...ops,
    '} as const;',
    '',
    '/** Every module (tag) of the spec and whether it is marked done. */',
    'export const modules = {',
    ...moduleRows(doc),
    '} as const;',
    '',
    '/** The operationId of any operation of the spec. */',
    'export type OperationId = keyof typeof operations;',
    '',
    '/** The name of any module (tag) of the spec. */',
    'export type ModuleName = keyof typeof modules;',
    '',
    '/** The operationIds of one module. */',
    'export type OperationsOf<M extends ModuleName> = {',
    '  [K in OperationId]: (typeof operations)[K]["tag"] extends M ? K : never;',
    '}[OperationId];',
    '',
  ].join('\n');
}
