/** Walks the operations of an OpenAPI document: every path item (refs followed) and method. */
import { deref } from './deref';
import { pointerSegments } from './pointer';

/** The HTTP methods an OpenAPI path item can hold, in the order the spec lists them. */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One of {@link OPERATION_METHODS}. */
export type OperationMethod = (typeof OPERATION_METHODS)[number];

/** One operation as found in the document, with the path item it belongs to. */
export type WalkedOperation = {
  /** The path template as written (`/pets/{id}`). */
  path: string;
  method: OperationMethod;
  /** The operation object. */
  operation: Record<string, any>;
  /** The path item, `$ref` followed. */
  pathItem: Record<string, any>;
  /** Where the path item lives: `['paths', path]`, or its `$ref` target. */
  pathItemAt: string[];
  /** `operationId`, or `METHOD path` when it has none. */
  operationId: string;
};

/** Every operation of `doc`, in document order. */
export function walkOperations(doc: { paths?: unknown }): WalkedOperation[] {
  const out: WalkedOperation[] = [];
  for (const [path, raw] of Object.entries<any>((doc.paths as Record<string, unknown>) ?? {})) {
    const { node: item, ref } = deref(doc, raw);
    if (!item || typeof item !== 'object') continue;
    const pathItemAt = ref ? pointerSegments(ref) : ['paths', path];
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (!operation || typeof operation !== 'object') continue;
      const operationId =
        typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${path}`;
      out.push({ path, method, operation, pathItem: item, pathItemAt, operationId });
    }
  }
  return out;
}

/** The parameters of an operation: the path item's, overridden by the operation's (same `in` and `name`). */
export function operationParameters(doc: unknown, walked: WalkedOperation): Record<string, any>[] {
  const byKey = new Map<string, Record<string, any>>();
  for (const raw of [...(walked.pathItem.parameters ?? []), ...(walked.operation.parameters ?? [])]) {
    const param = deref(doc, raw).node;
    if (param && typeof param.name === 'string') byKey.set(`${param.in} ${param.name}`, param);
  }
  return [...byKey.values()];
}

/** The security an operation needs: its own, else the document's, else none. */
export function effectiveSecurity(doc: { security?: unknown }, operation: { security?: unknown }): unknown[] {
  const list = operation?.security ?? doc?.security ?? [];
  return Array.isArray(list) ? list : [];
}
