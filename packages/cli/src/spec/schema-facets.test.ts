import { describe, expect, it } from 'vitest';
import { accepts, lowerBound, mergeAllOf, typesOf, upperBound } from '../spec/schema-facets';

describe('typesOf and accepts', () => {
  it.each([
    [{ type: 'string' }, ['string']],
    [{ type: ['integer', 'null'] }, ['integer', 'null']],
    [{ type: 'string', nullable: true }, ['string', 'null']],
    [{}, null],
  ])('%j → %j', (schema, want) => {
    const types = typesOf(schema);
    expect(types ? [...types] : null).toEqual(want);
  });
  it('counts integers as numbers', () => {
    expect(accepts(new Set(['number']), 'integer')).toBe(true);
    expect(accepts(new Set(['integer']), 'number')).toBe(false);
  });
});

describe('bounds', () => {
  it.each([
    [{ minimum: 1 }, { value: 1, exclusive: false }],
    [
      { minimum: 1, exclusiveMinimum: true },
      { value: 1, exclusive: true },
    ],
    [{ exclusiveMinimum: 2 }, { value: 2, exclusive: true }],
    [
      { minimum: 3, exclusiveMinimum: 2 },
      { value: 3, exclusive: false },
    ],
    [{}, null],
  ])('lower %j → %j', (schema, want) => {
    expect(lowerBound(schema)).toEqual(want);
  });
  it('takes the tighter of maximum and a 3.1 exclusiveMaximum', () => {
    expect(upperBound({ maximum: 10, exclusiveMaximum: 5 })).toEqual({ value: 5, exclusive: true });
  });
});

describe('mergeAllOf', () => {
  const doc = {
    components: {
      schemas: {
        Base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], description: 'base' },
        Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }, { properties: { x: {} } }] },
      },
    },
  };
  it('joins properties and required, first value wins for other keys', () => {
    const merged = mergeAllOf(doc, {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        { properties: { name: { type: 'string' } }, required: ['name', 'id'] },
      ],
    });
    expect(merged).toEqual({
      type: 'object',
      description: 'base',
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      required: ['id', 'name'],
    });
  });
  it('survives an allOf that includes itself', () => {
    expect(mergeAllOf(doc, doc.components.schemas.Loop).properties).toEqual({ x: {} });
  });
});
