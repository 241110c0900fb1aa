import { describe, expect, it } from 'vitest';
import { effectiveSecurity, operationParameters, walkOperations } from './operations';

const doc = {
  security: [{ bearer: [] }],
  paths: {
    '/pets': {
      parameters: [{ name: 'limit', in: 'query' }],
      get: { operationId: 'listPets', parameters: [{ name: 'limit', in: 'query', required: true }] },
      post: { security: [] },
      summary: 'not an operation',
    },
    '/shared': { $ref: '#/components/pathItems/Shared' },
  },
  components: { pathItems: { Shared: { delete: { operationId: 'dropShared' } } } },
};

describe('walkOperations', () => {
  it('lists every method of every path item, refs followed, in document order', () => {
    const ops = walkOperations(doc);
    expect(ops.map((o) => [o.method, o.path, o.operationId, o.pathItemAt])).toEqual([
      ['get', '/pets', 'listPets', ['paths', '/pets']],
      ['post', '/pets', 'POST /pets', ['paths', '/pets']],
      ['delete', '/shared', 'dropShared', ['components', 'pathItems', 'Shared']],
    ]);
  });
  it('takes an operation parameter over the path item one with the same name and place', () => {
    const [list] = walkOperations(doc);
    expect(operationParameters(doc, list)).toEqual([{ name: 'limit', in: 'query', required: true }]);
  });
  it('reads the security of the operation, else the document', () => {
    const [list, create] = walkOperations(doc);
    expect(effectiveSecurity(doc, list.operation)).toEqual([{ bearer: [] }]);
    expect(effectiveSecurity(doc, create.operation)).toEqual([]);
  });
});
