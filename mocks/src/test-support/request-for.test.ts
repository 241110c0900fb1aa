import { createAjv, type OperationId, openapiDocument, operations, pointer } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { specOperation } from '../internal/spec-operations';
import { parameters, requestFor } from './request-for';

const ajv = createAjv(openapiDocument, true);
const ids = Object.keys(operations) as OperationId[];

describe('requestFor', () => {
  it.each(ids)('fills the path of %s with values valid for their schemas', (operationId) => {
    const op = specOperation(openapiDocument, operationId);
    const request = requestFor(operationId);
    expect(request.method).toBe(op.method.toUpperCase());
    const template = op.path.split('/');
    const actual = new URL(request.url).pathname.split('/');
    expect(actual).toHaveLength(template.length);
    const params = parameters(op.path, op.operation);
    template.forEach((segment, i) => {
      const name = segment.match(/^\{(.+)\}$/)?.[1];
      if (!name) {
        expect(actual[i]).toBe(segment);
        return;
      }
      const schema = params.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
      const validate = ajv.compile({ type: 'object', properties: { value: inDocument(schema) } });
      expect(validate({ value: decodeURIComponent(actual[i]) }), `${operationId} path.${name}`).toBe(true);
    });
  });
  it('sends a bearer token only where a credential is needed, unless told not to', () => {
    const needing = ids.find((id) => !['public', 'optional'].includes(operations[id].access))!;
    const open = ids.find((id) => operations[id].access === 'public')!;
    expect(requestFor(needing).headers.get('authorization')).toBe('Bearer mock-token');
    expect(requestFor(needing, { credential: false }).headers.get('authorization')).toBeNull();
    expect(requestFor(open).headers.get('authorization')).toBeNull();
  });
});

/** A schema whose local `$ref`s point into the document Ajv knows. */
function inDocument(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${pointer()}`));
}
