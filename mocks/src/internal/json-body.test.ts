import { describe, expect, it } from 'vitest';
import { jsonBody } from './json-body';

const doc = { components: { schemas: { Item: { type: 'object', properties: { id: { type: 'integer' } } } } } };

describe('jsonBody', () => {
  it('prefers the first named example', () => {
    const media = { schema: { $ref: '#/components/schemas/Item' }, examples: { one: { value: { id: 7 } } } };
    expect(jsonBody(doc, media, 200)).toEqual({ id: 7 });
  });
  it('samples the schema when there is no example', () => {
    const media = { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } };
    expect(jsonBody(doc, media, 200)).toEqual([{ id: 0 }]);
  });
});
