import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCase, fuzz, fuzzArbitrary, operationSeed } from './fuzz';
import { contractOperations } from './spec-model';

const doc = {
  paths: {
    '/items/{id}': {
      post: {
        operationId: 'addItem',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'dry', in: 'query', schema: { type: 'boolean' } },
          { name: 'n', in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 9 } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 30 } } },
            },
          },
        },
        responses: {},
      },
    },
    '/ping': { get: { operationId: 'ping', responses: {} } },
  },
};
const [addItem, ping] = contractOperations(doc);

describe('operationSeed', () => {
  it('is a 32-bit integer, the same for the same seed and operation, different otherwise', () => {
    expect(operationSeed(42, 'addItem')).toBe(operationSeed(42, 'addItem'));
    expect(operationSeed(42, 'addItem')).not.toBe(operationSeed(43, 'addItem'));
    expect(operationSeed(42, 'addItem')).not.toBe(operationSeed(42, 'ping'));
    expect(Number.isInteger(operationSeed(1, 'x')) && Math.abs(operationSeed(1, 'x')) < 2 ** 31).toBe(true);
  });
});

describe('fuzzArbitrary', () => {
  it('generates the body and query parameters, and keeps the path of the positive case', () => {
    const arb = fuzzArbitrary(doc, addItem, { values: { 'path:id': 'i1', 'query:n': 3 } })!;
    const samples = fc.sample(arb, { numRuns: 50, seed: 5 });
    for (const s of samples) {
      expect(s.values['path:id']).toBe('i1');
      expect(s.values['query:n']).toBeGreaterThanOrEqual(1);
      expect(typeof (s.body as { name: string }).name).toBe('string');
    }
    expect(samples.some((s) => 'query:dry' in s.values)).toBe(true);
    expect(describeCase(addItem, samples[0])).toMatch(/^\{"query":\{.*"n":\d.*\},"body":\{"name":/);
  });

  it('has nothing to generate for an operation without body or query', () => {
    expect(fuzzArbitrary(doc, ping, { values: {} })).toBeNull();
  });
});

describe('fuzz', () => {
  it('runs the cases, stops at a failure and shrinks it to a small case', async () => {
    const arb = fuzzArbitrary(doc, addItem, { values: { 'path:id': 'i1' } })!;
    const outcome = await fuzz(arb, 100, 9, async (parts) => {
      const long = ((parts.body as { name: string }).name ?? '').length > 10;
      return long ? { outcome: 'failed', message: 'addItem answered 500' } : { outcome: 'passed' };
    });
    expect(outcome.failure?.message).toBe('addItem answered 500');
    expect((outcome.failure!.example.body as { name: string }).name).toHaveLength(11);
    const passing = await fuzz(arb, 30, 9, async () => ({ outcome: 'passed' }));
    expect(passing).toEqual({ runs: 30 });
  });
});
