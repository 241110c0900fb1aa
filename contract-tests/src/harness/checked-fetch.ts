/**
 * A fetch that checks every answer against the spec: it finds the operation the request
 * hits, validates the response for that operation and status, and records the coverage.
 * A response outside the spec makes the call throw, so the test fails where it happened.
 */
import { createAjv, matchOperation, openapiDocument, operations, ResponseValidator } from '@lockstep/contract';
import { recordCoverage } from './coverage';
import type { Target } from './targets';

const opList = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));
const validator = new ResponseValidator(openapiDocument, createAjv(openapiDocument, false));

/** The operationId a method and path resolve to, as the server routes them. */
export function operationOf(method: string, pathname: string): string | undefined {
  return matchOperation(opList, method, pathname)?.operationId;
}

/** Wraps the target's fetch with spec validation and coverage recording. */
export function checkedFetch(target: Target) {
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    const op = matchOperation(opList, request.method, pathname);
    const response = await target.fetch(request);
    if (!op) return response;
    const violation = await validator.violation(op.path, op.method, response);
    if (violation) throw new Error(`${op.operationId} on ${target.name}: ${violation}`);
    recordCoverage(target.name, op.operationId, response.status);
    return response;
  };
}
