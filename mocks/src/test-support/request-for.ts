import { type OperationId, openapiDocument } from '@lockstep/contract';
import { needsCredential } from '../internal/has-credential';
import { resolveRef } from '../internal/resolve-ref';
import { sampleSchema } from '../internal/sample-schema';
import { specOperation } from '../internal/spec-operations';

/** How to build a request for an operation. */
export interface RequestOptions {
  /** @default 'http://localhost:54321' */
  baseUrl?: string;
  /** Send `Authorization: Bearer …` when the operation needs a credential. @default true */
  credential?: boolean;
  /** Extra headers. @default {} */
  headers?: Record<string, string>;
}

/** A request for an operation: path template filled with sampled parameter values, required query too. */
export function requestFor(operationId: OperationId, options: RequestOptions = {}): Request {
  const op = specOperation(openapiDocument, operationId);
  const params = parameters(op.path, op.operation);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(sampledValue(params, 'path', name)),
  );
  const url = new URL(`${options.baseUrl ?? 'http://localhost:54321'}${path}`);
  for (const param of params.filter((p) => p.in === 'query' && p.required)) {
    url.searchParams.set(param.name, sampledValue(params, 'query', param.name));
  }
  const headers = new Headers(options.headers);
  if ((options.credential ?? true) && needsCredential(op.access)) headers.set('authorization', 'Bearer mock-token');
  return new Request(url, { method: op.method.toUpperCase(), headers });
}

/** The sampled value of one parameter, as it travels in a URL. */
export function sampledValue(params: any[], where: string, name: string): string {
  const param = params.find((p) => p.in === where && p.name === name);
  if (!param) throw new Error(`${where} parameter ${name} is not documented`);
  const value = sampleSchema(openapiDocument, param.schema ?? { type: 'string' });
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The parameters of an operation, path-level ones included, `$ref`s resolved. */
export function parameters(path: string, operation: Record<string, any>): any[] {
  const shared = openapiDocument.paths[path]?.parameters ?? [];
  const own = (operation.parameters ?? []).map((p: unknown) => resolveRef(openapiDocument, p));
  const ownKeys = new Set(own.map((p: any) => `${p.in} ${p.name}`));
  const inherited = shared.map((p: unknown) => resolveRef(openapiDocument, p));
  return [...own, ...inherited.filter((p: any) => !ownKeys.has(`${p.in} ${p.name}`))];
}
