import { createAjv, type OpenApiDocument, pointer } from '@lockstep/contract';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryOf } from './schema-arbitrary';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  tags: [],
  components: {
    schemas: {
      Id: { type: 'string', format: 'uuid' },
      Named: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
      Tree: {
        type: 'object',
        required: ['label'],
        properties: {
          label: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
        },
      },
    },
  },
};

const ajv = createAjv(doc as unknown as OpenApiDocument, false);

/** Samples `schema` and validates every value with the contract's Ajv set-up. */
function invalidSamples(schema: unknown, runs = 150): unknown[] {
  (doc.components as any).schemas.Probe = schema;
  ajv.removeSchema('lockstep-spec');
  ajv.addSchema(doc, 'lockstep-spec');
  const validate = ajv.compile({ $ref: pointer('components', 'schemas', 'Probe') });
  return fc
    .sample(arbitraryOf(doc, { $ref: '#/components/schemas/Probe' }), { numRuns: runs, seed: 7 })
    .filter((v) => !validate(v));
}

describe('arbitraryOf', () => {
  const given: [string, unknown][] = [
    ['integers with bounds', { type: 'integer', minimum: -3, maximum: 9 }],
    ['exclusive bounds (3.1)', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
    ['multiples', { type: 'integer', minimum: 0, maximum: 100, multipleOf: 5 }],
    ['string lengths', { type: 'string', minLength: 3, maxLength: 5 }],
    [
      'uuid, email, date-time, date',
      {
        type: 'array',
        items: { anyOf: ['uuid', 'email', 'date-time', 'date'].map((format) => ({ type: 'string', format })) },
      },
    ],
    ['a pattern', { type: 'string', pattern: '^[a-z][a-z0-9_]{0,20}$' }],
    [
      'enums and consts',
      { type: 'object', required: ['a', 'b'], properties: { a: { enum: ['x', 'y'] }, b: { const: 3 } } },
    ],
    [
      'type lists and 3.0 nullable',
      {
        type: 'object',
        required: ['a', 'b'],
        properties: { a: { type: ['string', 'null'] }, b: { type: 'integer', nullable: true } },
      },
    ],
    [
      'required and optional properties, closed',
      {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: { id: { $ref: '#/components/schemas/Id' }, note: { type: 'string', maxLength: 4 } },
      },
    ],
    [
      'allOf merged',
      {
        allOf: [
          { $ref: '#/components/schemas/Named' },
          { type: 'object', required: ['age'], properties: { age: { type: 'integer', minimum: 0 } } },
        ],
      },
    ],
    ['oneOf variants', { oneOf: [{ type: 'string', maxLength: 2 }, { type: 'boolean' }] }],
    [
      'arrays with item counts, unique',
      {
        type: 'array',
        minItems: 1,
        maxItems: 3,
        uniqueItems: true,
        items: { type: 'integer', minimum: 0, maximum: 5 },
      },
    ],
    ['maps', { type: 'object', additionalProperties: { type: 'integer' } }],
    ['recursive refs', { $ref: '#/components/schemas/Tree' }],
  ];
  it.each(given)('generates only valid values: %s', (_, schema) => {
    expect(invalidSamples(schema)).toEqual([]);
  });

  it('always includes required properties and leaves read-only ones out', () => {
    const schema = {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, id: { type: 'string', readOnly: true }, note: { type: 'string' } },
    };
    const values = fc.sample(arbitraryOf(doc, schema), { numRuns: 100, seed: 1 }) as Record<string, unknown>[];
    expect(values.every((v) => 'name' in v && !('id' in v))).toBe(true);
    expect(values.some((v) => 'note' in v) && values.some((v) => !('note' in v))).toBe(true);
  });

  it('reaches a declared maxLength, where bugs hide', () => {
    const lengths = fc
      .sample(arbitraryOf(doc, { type: 'string', maxLength: 50 }), { numRuns: 200, seed: 2 })
      .map((v) => (v as string).length);
    expect(Math.max(...lengths)).toBeGreaterThan(40);
  });

  it('builds patterns with lookaheads it cannot honour instead of throwing', () => {
    const arb = arbitraryOf(doc, { type: 'string', pattern: '^(?=.*[0-9])[a-z0-9]{8,}$' });
    expect(fc.sample(arb, { numRuns: 10, seed: 3 })).toHaveLength(10);
  });

  it('is reproducible from a seed', () => {
    const arb = arbitraryOf(doc, { $ref: '#/components/schemas/Tree' });
    expect(fc.sample(arb, { numRuns: 20, seed: 11 })).toEqual(fc.sample(arb, { numRuns: 20, seed: 11 }));
  });
});
