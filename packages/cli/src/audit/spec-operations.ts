/** Lists a spec's operations with normalised path templates, for matching calls against. */
import { deref } from '../diff/ref-resolver';
import type { OpenApiDocument } from './spec-document';
import type { ParamShape, SpecOperation } from './types';
import { normalisePath } from './url-template';

/** The HTTP methods an OpenAPI path item can hold. */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation in a document; operations without an operationId are named `METHOD path`. */
export function specOperations(doc: OpenApiDocument): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries<any>(doc.paths ?? {})) {
    const item = deref(doc, rawItem).node;
    for (const method of OPERATION_METHODS) {
      const op = item?.[method];
      if (!op || typeof op !== 'object') continue;
      const upper = method.toUpperCase();
      out.push({
        operationId: typeof op.operationId === 'string' ? op.operationId : `${upper} ${path}`,
        method: upper,
        path,
        template: normalisePath(path),
        tag: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : null,
        pathParams: pathParams(doc, [...(item.parameters ?? []), ...(op.parameters ?? [])]),
      });
    }
  }
  return out;
}

/** The path prefix of the spec's first server URL (`/api/v1` for `https://x.dev/api/v1`), or ''. */
export function serverPathPrefix(doc: OpenApiDocument): string {
  const url = doc.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  const withoutOrigin = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const prefix = normalisePath(withoutOrigin.replace(/\{[^}]*\}/g, ''));
  return prefix === '/' ? '' : prefix;
}

function pathParams(doc: OpenApiDocument, list: unknown[]): Record<string, ParamShape> {
  const out: Record<string, ParamShape> = {};
  for (const raw of list) {
    const param = deref(doc, raw).node;
    if (param?.in !== 'path' || typeof param.name !== 'string') continue;
    const schema = deref(doc, param.schema).node ?? {};
    const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
    out[param.name] = { type, format: schema.format, enum: schema.enum };
  }
  return out;
}
