/** Lists a spec's operations with normalised path templates, for matching calls against. */
import { deref, hasPathTail, operationParameters, walkOperations } from '@lockstep/contract';
import { normalisePath } from '../spec/path-template';
import type { OpenApiDocument } from '../spec/spec-document';
import type { ParamShape, SpecOperation } from './types';

/** Every operation in a document; operations without an operationId are named `METHOD path`. */
export function specOperations(doc: OpenApiDocument): SpecOperation[] {
  return walkOperations(doc).map((w) => ({
    operationId: w.operationId,
    method: w.method.toUpperCase(),
    path: w.path,
    template: normalisePath(w.path),
    tag: Array.isArray(w.operation.tags) && typeof w.operation.tags[0] === 'string' ? w.operation.tags[0] : null,
    pathParams: pathParams(doc, operationParameters(doc, w)),
    ...(hasPathTail(doc, w.path, w.method) ? { pathTail: true } : {}),
  }));
}

/** The path prefix of the spec's first server URL (`/api/v1` for `https://x.dev/api/v1`), or ''. */
export function serverPathPrefix(doc: OpenApiDocument): string {
  const url = doc.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  const withoutOrigin = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const prefix = normalisePath(withoutOrigin.replace(/\{[^}]*\}/g, ''));
  return prefix === '/' ? '' : prefix;
}

function pathParams(doc: OpenApiDocument, list: Record<string, any>[]): Record<string, ParamShape> {
  const out: Record<string, ParamShape> = {};
  for (const param of list) {
    if (param?.in !== 'path' || typeof param.name !== 'string') continue;
    const schema = deref(doc, param.schema).node ?? {};
    const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
    out[param.name] = { type, format: schema.format, enum: schema.enum };
  }
  return out;
}
