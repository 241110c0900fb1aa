import { type Access, type OpenApiDocument, type OperationId, operations } from '@lockstep/contract';

/** One operation of the table, with its object from the document. */
export interface SpecOperation {
  operationId: OperationId;
  method: string;
  path: string;
  access: Access;
  /** The last path parameter takes slashes (`x-lockstep-path-tail`). */
  pathTail?: boolean;
  operation: Record<string, any>;
}

/** Every operation of the table, joined with its object in `doc`; a missing one is an error. */
export function specOperations(doc: OpenApiDocument): SpecOperation[] {
  return (Object.keys(operations) as OperationId[]).map((operationId) => {
    const row: { method: string; path: string; access: Access; pathTail?: boolean } = operations[operationId];
    const { method, path, access, pathTail } = row;
    const operation = doc.paths[path]?.[method];
    if (!operation) {
      throw new Error(`${operationId} (${method.toUpperCase()} ${path}) is in the table but not in the document`);
    }
    return { operationId, method, path, access, pathTail, operation };
  });
}

const cache = new WeakMap<OpenApiDocument, SpecOperation[]>();

/** One operation by id (the joined list of `doc` is computed once). */
export function specOperation(doc: OpenApiDocument, operationId: OperationId): SpecOperation {
  if (!cache.has(doc)) cache.set(doc, specOperations(doc));
  const op = cache.get(doc)!.find((candidate) => candidate.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in the spec`);
  return op;
}
