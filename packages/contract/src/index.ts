/**
 * The compiled Lockstep contract: the bundled OpenAPI document, its TypeScript types and
 * the operation table, all generated from spec/ by `npm run gen`.
 */
import document from '../generated/openapi.gen.json' with { type: 'json' };

export type { components, operations as OperationTypes, paths } from '../generated/openapi.gen';
export { type ModuleName, modules, type OperationId, type OperationsOf, operations } from '../generated/operations.gen';

/** The bundled OpenAPI 3.1 document, as served at `/openapi.json`. */
export const openapiDocument: OpenApiDocument = document as unknown as OpenApiDocument;

/** The parts of an OpenAPI document Lockstep's tools read; the rest stays untyped. */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  tags: { name: string; description?: string; 'x-lockstep-status'?: 'done' | 'planned' }[];
  [key: string]: unknown;
};

/** Who may call an operation: nobody needs a credential (`public`), one is optional, or needed with a role. */
export type Access = 'public' | 'optional' | 'user' | 'admin' | 'service';
