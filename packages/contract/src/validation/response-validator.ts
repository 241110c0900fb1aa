/**
 * Checks a response against the spec: its status must be documented for the operation,
 * and a JSON body must match that status's schema. The server uses it in tests
 * (`validateResponses`), the contract suite on every response it sees.
 */

import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from '../document';
import { locate } from '../spec/deref';
import { fieldErrors, pointer, type Validator } from './spec-schemas';

export class ResponseValidator {
  private readonly cache = new Map<string, Validator | null>();

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly ajv: Ajv2020,
  ) {}

  /** What is wrong with `response` for the operation at `path`/`method`; undefined if nothing. */
  async violation(path: string, method: string, response: Response): Promise<string | undefined> {
    const responses = this.doc.paths[path][method].responses as Record<string, any>;
    const status = String(response.status);
    const documented = responses[status] ? status : responses.default ? 'default' : undefined;
    if (!documented) return `status ${status} is not documented for ${method.toUpperCase()} ${path}`;
    const type = (response.headers.get('content-type') ?? '').split(';')[0];
    if (type !== 'application/json') return undefined;
    const validate = this.validatorFor(path, method, documented);
    if (!validate) {
      // A download documented as bytes may carry a stored JSON file; only a bodiless status is wrong.
      if (this.documentsContent(path, method, documented)) return undefined;
      return `status ${status} of ${method.toUpperCase()} ${path} has no body in the spec`;
    }
    const body = await response.clone().json();
    if (validate(body)) return undefined;
    const problems = fieldErrors(validate.errors, 'response').map((e) => `${e.field} ${e.message}`);
    return `response ${status} of ${method.toUpperCase()} ${path} violates the spec: ${problems.join('; ')}`;
  }

  private validatorFor(path: string, method: string, status: string): Validator | null {
    const key = `${method} ${path} ${status}`;
    if (!this.cache.has(key)) {
      const { node: response, at } = this.responseAt(path, method, status);
      const hasJson = Boolean(response.content?.['application/json']?.schema);
      const schemaAt = [...at, 'content', 'application/json', 'schema'];
      this.cache.set(key, hasJson ? this.ajv.compile({ $ref: pointer(...schemaAt) }) : null);
    }
    return this.cache.get(key)!;
  }

  private documentsContent(path: string, method: string, status: string): boolean {
    return Object.keys(this.responseAt(path, method, status).node.content ?? {}).length > 0;
  }

  /** The documented response of a status, its `$ref` followed, and where it lives. */
  private responseAt(path: string, method: string, status: string) {
    return locate(this.doc, this.doc.paths[path][method].responses[status], [
      'paths',
      path,
      method,
      'responses',
      status,
    ]);
  }
}
