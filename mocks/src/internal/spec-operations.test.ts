import { type OperationId, openapiDocument, operations } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { specOperation, specOperations } from './spec-operations';

describe('specOperations', () => {
  it('joins every operation of the table with its object in the document', () => {
    const ops = specOperations(openapiDocument);
    expect(ops).toHaveLength(Object.keys(operations).length);
    for (const op of ops) expect(op.operation.operationId).toBe(op.operationId);
  });
  it('names an operation the document lacks', () => {
    const empty = { ...openapiDocument, paths: {} };
    expect(() => specOperations(empty)).toThrow(/is in the table but not in the document/);
  });
});

describe('specOperation', () => {
  it('finds one by id', () => {
    const [first] = Object.keys(operations) as OperationId[];
    expect(specOperation(openapiDocument, first).operationId).toBe(first);
  });
  it('names an unknown id', () => {
    expect(() => specOperation(openapiDocument, 'nope' as OperationId)).toThrow('no operation nope');
  });
});
