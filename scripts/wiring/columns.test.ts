import { openapiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { contractGaps, type OperationInfo } from './columns';

const addReplica: OperationInfo = {
  operationId: 'addReplica',
  method: 'post',
  path: '/cluster/replicas',
  tag: 'cluster',
  access: 'admin',
};
const getNodes: OperationInfo = { ...addReplica, operationId: 'getNodes', method: 'get', path: '/cluster/nodes' };

describe('the contract columns', () => {
  it('wants a success, 401, 403 and 400 of an admin operation that takes input', () => {
    expect(contractGaps(openapiDocument, addReplica, new Set([201, 401, 403, 400]))).toEqual([]);
    expect(contractGaps(openapiDocument, addReplica, new Set([409, 401, 403, 400]))).toEqual(['happy path']);
    expect(contractGaps(openapiDocument, addReplica, undefined)).toEqual(['not exercised']);
  });

  it('takes the documented 409 for the success only where the operation is refused by design', () => {
    expect(contractGaps(openapiDocument, addReplica, new Set([409, 401, 403, 400]), true)).toEqual([]);
    expect(contractGaps(openapiDocument, addReplica, new Set([401, 403, 400]), true)).toEqual(['happy path']);
    // getNodes documents no 409: refusing it is no answer of its own.
    expect(contractGaps(openapiDocument, getNodes, new Set([409, 401, 403, 400]), true)).toEqual(['happy path']);
  });
});
