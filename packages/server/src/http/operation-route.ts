/**
 * What the server needs to know of one operation, read from the bundled spec: its method
 * and path, its access level, and validators for its parameters and body.
 */
import { type Access, locate, type OpenApiDocument, pointer, type Validator } from '@lockstep/contract';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { KeyPermissionRule } from './access';
import { type AuditRule, parseAuditRule } from './audit-rule';

type Doc = Record<string, any>;

/** One operation of the spec, ready to route and validate. */
export interface OperationRoute {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  access: Access;
  /** The last path parameter takes the rest of the path, slashes included (`x-lockstep-path-tail`). */
  pathTail?: boolean;
  /** Validates `{path, query, header}` (coercing strings); absent when there are no parameters. */
  validateParams?: Validator;
  /** Validates a JSON body; absent when the operation takes none. */
  validateBody?: Validator;
  bodyRequired: boolean;
  /** The media types the request body accepts. */
  bodyTypes: string[];
  /** Query parameters sent as deepObject (`filter[0][field]=x`). */
  deepObjectParams: string[];
  /** Query parameters that are arrays. */
  arrayParams: string[];
  /** Header parameters, lower-case: the only headers the validator is shown. */
  headerParams: string[];
  /** Whether the method or the handler decides which API key permission a request needs. */
  keyPermission: KeyPermissionRule;
  /** The operation's own JSON body limit in bytes (`x-lockstep-body-limit`), over the server's. */
  bodyLimit?: number;
  /** What the operation records in the audit log (`x-lockstep-audit`). */
  audit?: AuditRule;
}

function resolveParameter(doc: OpenApiDocument, param: Doc): { param: Doc; at: string[] } {
  const { node, at } = locate(doc, param, []);
  return { param: node, at };
}

function paramsSchema(doc: OpenApiDocument, path: string, method: string, item: Doc, op: Doc): Doc | undefined {
  const groups: Record<string, { properties: Doc; required: string[] }> = {};
  const sources = [
    ...(item.parameters ?? []).map((p: Doc, i: number) => ({ p, at: ['paths', path, 'parameters', i] })),
    ...(op.parameters ?? []).map((p: Doc, i: number) => ({ p, at: ['paths', path, method, 'parameters', i] })),
  ];
  for (const { p, at } of sources) {
    const resolved = resolveParameter(doc, p);
    const where = resolved.param.in === 'header' ? 'header' : resolved.param.in;
    const name = where === 'header' ? String(resolved.param.name).toLowerCase() : resolved.param.name;
    const schemaAt = resolved.at.length > 0 ? resolved.at : at;
    groups[where] ??= { properties: {}, required: [] };
    groups[where].properties[name] = { $ref: pointer(...schemaAt, 'schema') };
    if (resolved.param.required) groups[where].required.push(name);
  }
  if (Object.keys(groups).length === 0) return undefined;
  const properties = Object.fromEntries(
    Object.entries(groups).map(([where, g]) => [
      where,
      { type: 'object', properties: g.properties, required: g.required },
    ]),
  );
  return { type: 'object', properties };
}

function paramsIn(doc: OpenApiDocument, item: Doc, op: Doc, where: string, test: (p: Doc) => boolean = () => true) {
  return [...(item.parameters ?? []), ...(op.parameters ?? [])]
    .map((p: Doc) => resolveParameter(doc, p).param)
    .filter((p: Doc) => p.in === where && test(p))
    .map((p: Doc) => String(p.name));
}

/** The operation's request body and where it sits, following a `$ref` to `components/requestBodies`. */
function requestBodyOf(
  doc: OpenApiDocument,
  path: string,
  method: string,
  op: Doc,
): { node: Doc; at: string[] } | undefined {
  if (!op.requestBody) return undefined;
  return locate(doc, op.requestBody, ['paths', path, method, 'requestBody']);
}

/** Builds the route of one operation, compiling its validators. */
export function operationRoute(
  doc: OpenApiDocument,
  ajv: { params: Ajv2020; body: Ajv2020 },
  row: { operationId: string; method: string; path: string; tag: string; access: Access; pathTail?: boolean },
): OperationRoute {
  const item = doc.paths[row.path];
  const op = item[row.method];
  const schema = paramsSchema(doc, row.path, row.method, item, op);
  const body = requestBodyOf(doc, row.path, row.method, op);
  const content = body?.node.content ?? {};
  const bodyTypes = Object.keys(content);
  const json = content['application/json'];
  return {
    ...row,
    validateParams: schema ? ajv.params.compile(schema) : undefined,
    validateBody:
      body && json?.schema
        ? ajv.body.compile({ $ref: pointer(...body.at, 'content', 'application/json', 'schema') })
        : undefined,
    bodyRequired: Boolean(body?.node.required),
    bodyTypes,
    deepObjectParams: paramsIn(doc, item, op, 'query', (p) => p.style === 'deepObject'),
    arrayParams: paramsIn(doc, item, op, 'query', (p) => p.schema?.type === 'array'),
    headerParams: paramsIn(doc, item, op, 'header').map((name) => name.toLowerCase()),
    keyPermission: op['x-lockstep-key-permission'] === 'handler' ? 'handler' : 'method',
    bodyLimit: typeof op['x-lockstep-body-limit'] === 'number' ? op['x-lockstep-body-limit'] : undefined,
    audit: parseAuditRule(row.operationId, op['x-lockstep-audit']),
  };
}
