import { describe, expect, it } from 'vitest';
import { diffSpecs } from './diff-specs';

/** A one-operation document: `POST /items` with the given request schema, response schema and extras. */
function doc(op: Record<string, unknown>, extra: Record<string, unknown> = {}): any {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/items': { post: { operationId: 'createItem', ...op } } },
    ...extra,
  };
}
const body = (schema: unknown, required = false) => ({
  requestBody: { required, content: { 'application/json': { schema } } },
});
const reply = (schema: unknown, code = '200') => ({
  responses: { [code]: { description: 'ok', content: { 'application/json': { schema } } } },
});
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const str = { type: 'string' };

/** The changes as `kind breaking location-suffix` lines. */
function changes(before: any, after: any): string[] {
  return diffSpecs(before, after).map(
    (c) => `${c.kind} ${c.breaking ? 'B' : 'N'} ${c.location.split(' › ')[1] ?? c.location}`,
  );
}

describe('diffSpecs: breaking kinds', () => {
  const cases: Array<{ name: string; before: any; after: any; want: string[] }> = [
    {
      name: 'removed path',
      before: { paths: { '/a': { get: { operationId: 'a' } }, '/b': { get: {} } } },
      after: { paths: { '/b': { get: {} } } },
      want: ['path-removed B /a'],
    },
    {
      name: 'removed method',
      before: { paths: { '/a': { get: { operationId: 'getA' }, delete: { operationId: 'deleteA' } } } },
      after: { paths: { '/a': { get: { operationId: 'getA' } } } },
      want: ['operation-removed B DELETE /a'],
    },
    {
      name: 'path parameter renamed is the same path',
      before: {
        paths: {
          '/a/{id}': {
            get: { operationId: 'g', parameters: [{ name: 'id', in: 'path', required: true, schema: str }] },
          },
        },
      },
      after: {
        paths: {
          '/a/{aId}': {
            get: { operationId: 'g', parameters: [{ name: 'aId', in: 'path', required: true, schema: str }] },
          },
        },
      },
      want: [],
    },
    {
      name: 'removed response field',
      before: doc(reply(obj({ a: str, b: str }))),
      after: doc(reply(obj({ a: str }))),
      want: ['response-field-removed B response.200.body.b'],
    },
    {
      name: 'retyped response field',
      before: doc(reply(obj({ n: { type: 'integer' } }))),
      after: doc(reply(obj({ n: { type: 'string' } }))),
      want: ['response-field-retyped B response.200.body.n'],
    },
    {
      name: 'response field that may now be null (3.0 nullable)',
      before: doc(reply(obj({ n: str }))),
      after: doc(reply(obj({ n: { type: 'string', nullable: true } }))),
      want: ['response-field-retyped B response.200.body.n'],
    },
    {
      name: 'response field no longer required',
      before: doc(reply(obj({ a: str }, ['a']))),
      after: doc(reply(obj({ a: str }))),
      want: ['response-field-optional B response.200.body.a'],
    },
    {
      name: 'retyped request field (number → integer narrows)',
      before: doc(body(obj({ n: { type: 'number' } }))),
      after: doc(body(obj({ n: { type: 'integer' } }))),
      want: ['request-field-retyped B request.body.n'],
    },
    {
      name: 'new required request field',
      before: doc(body(obj({ a: str }))),
      after: doc(body(obj({ a: str, b: str }, ['b']))),
      want: ['request-field-required B request.body.b'],
    },
    {
      name: 'request field became required',
      before: doc(body(obj({ a: str }))),
      after: doc(body(obj({ a: str }, ['a']))),
      want: ['request-field-required B request.body.a'],
    },
    {
      name: 'new required parameter',
      before: doc({}),
      after: doc({ parameters: [{ name: 'x', in: 'query', required: true, schema: str }] }),
      want: ['parameter-added B query.x'],
    },
    {
      name: 'parameter became required',
      before: doc({ parameters: [{ name: 'x', in: 'header', schema: str }] }),
      after: doc({ parameters: [{ name: 'x', in: 'header', required: true, schema: str }] }),
      want: ['parameter-required B header.x'],
    },
    {
      name: 'request enum loses a value',
      before: doc(body(obj({ s: { type: 'string', enum: ['a', 'b'] } }))),
      after: doc(body(obj({ s: { type: 'string', enum: ['a'] } }))),
      want: ['enum-narrowed B request.body.s'],
    },
    {
      name: 'response enum gains a value',
      before: doc(reply(obj({ s: { type: 'string', enum: ['a'] } }))),
      after: doc(reply(obj({ s: { type: 'string', enum: ['a', 'b'] } }))),
      want: ['enum-value-added B response.200.body.s'],
    },
    {
      name: 'request minimum raised, maximum lowered, maxLength lowered',
      before: doc(body(obj({ n: { type: 'integer', minimum: 0, maximum: 10 }, s: { type: 'string', maxLength: 64 } }))),
      after: doc(body(obj({ n: { type: 'integer', minimum: 1, maximum: 5 }, s: { type: 'string', maxLength: 32 } }))),
      want: ['range-narrowed B request.body.n', 'range-narrowed B request.body.n', 'range-narrowed B request.body.s'],
    },
    {
      name: 'request minimum made exclusive (3.0 boolean and 3.1 number)',
      before: doc(body(obj({ a: { type: 'number', minimum: 0 }, b: { type: 'number', minimum: 0 } }))),
      after: doc(
        body(
          obj({
            a: { type: 'number', minimum: 0, exclusiveMinimum: true },
            b: { type: 'number', exclusiveMinimum: 0 },
          }),
        ),
      ),
      want: ['range-narrowed B request.body.a', 'range-narrowed B request.body.b'],
    },
    {
      name: 'removed success status',
      before: { paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } },
      after: { paths: { '/a': { get: { responses: { '202': { description: 'ok' } } } } } },
      want: ['status-removed B response.200', 'status-added N response.202'],
    },
    {
      name: 'public operation now needs auth',
      before: doc({ security: [] }),
      after: doc({ security: [{ bearerAuth: [] }] }),
      want: ['security-changed B security'],
    },
    {
      name: 'a role (scope) added, through the document default',
      before: doc({}, { security: [{ bearerAuth: [] }] }),
      after: doc({}, { security: [{ bearerAuth: ['admin'] }] }),
      want: ['security-changed B security'],
    },
    {
      name: 'request body became required',
      before: doc(body(obj({}))),
      after: doc(body(obj({}), true)),
      want: ['request-body-required B request.body'],
    },
    {
      name: 'request media type dropped',
      before: doc({ requestBody: { content: { 'application/json': { schema: str }, 'text/plain': { schema: str } } } }),
      after: doc({ requestBody: { content: { 'application/json': { schema: str } } } }),
      want: ['media-type-removed B request.body'],
    },
    {
      name: 'response header dropped',
      before: doc({
        responses: { '200': { description: 'ok', headers: { 'X-Total-Count': { schema: { type: 'integer' } } } } },
      }),
      after: doc({ responses: { '200': { description: 'ok' } } }),
      want: ['response-header-removed B response.200.header.X-Total-Count'],
    },
    {
      name: 'operationId renamed',
      before: doc({}),
      after: { ...doc({}), paths: { '/items': { post: { operationId: 'addItem' } } } },
      want: ['operation-id-changed B POST /items'],
    },
  ];
  it.each(cases)('$name', ({ before, after, want }) => {
    expect(changes(before, after)).toEqual(want);
  });
});

describe('diffSpecs: non-breaking kinds', () => {
  const cases: Array<{ name: string; before: any; after: any; want: string[] }> = [
    {
      name: 'added operation and path',
      before: { paths: { '/a': { get: {} } } },
      after: { paths: { '/a': { get: {}, post: { operationId: 'p' } }, '/b': { get: {} } } },
      want: ['operation-added N POST /a', 'path-added N /b'],
    },
    {
      name: 'new optional request field',
      before: doc(body(obj({ a: str }))),
      after: doc(body(obj({ a: str, b: str }))),
      want: ['request-field-added N request.body.b'],
    },
    {
      name: 'new response field',
      before: doc(reply(obj({ a: str }))),
      after: doc(reply(obj({ a: str, b: str }))),
      want: ['response-field-added N response.200.body.b'],
    },
    {
      name: 'new optional parameter, parameter removed',
      before: doc({ parameters: [{ name: 'old', in: 'query', schema: str }] }),
      after: doc({ parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }] }),
      want: ['parameter-removed N query.old', 'parameter-added N query.limit'],
    },
    {
      name: 'request enum gains a value, response enum loses one',
      before: doc({ ...body(obj({ s: { enum: ['a'] } })), ...reply(obj({ s: { enum: ['a', 'b'] } })) }),
      after: doc({ ...body(obj({ s: { enum: ['a', 'c'] } })), ...reply(obj({ s: { enum: ['a'] } })) }),
      want: ['enum-widened N request.body.s', 'enum-narrowed N response.200.body.s'],
    },
    {
      name: 'request range widened, request type widened (integer → number)',
      before: doc(body(obj({ n: { type: 'integer', maximum: 5 } }))),
      after: doc(body(obj({ n: { type: 'number', maximum: 10 } }))),
      want: ['request-field-retyped N request.body.n', 'range-widened N request.body.n'],
    },
    {
      name: 'descriptions and summary',
      before: doc({ summary: 'a', ...reply({ ...obj({ a: { type: 'string', description: 'x' } }) }) }),
      after: doc({ summary: 'b', ...reply({ ...obj({ a: { type: 'string', description: 'y' } }) }) }),
      want: ['description-changed N POST /items', 'description-changed N response.200.body.a'],
    },
    {
      name: 'security relaxed (an API key now works too)',
      before: doc({ security: [{ bearerAuth: [] }] }),
      after: doc({ security: [{ bearerAuth: [] }, { apiKey: [] }] }),
      want: ['security-changed N security'],
    },
    {
      name: 'removed error status',
      before: doc({ responses: { '200': { description: 'ok' }, '404': { description: 'nf' } } }),
      after: doc({ responses: { '200': { description: 'ok' } } }),
      want: ['status-removed N response.404'],
    },
    {
      name: 'new required field that is read-only is not sent by clients',
      before: doc(body(obj({ a: str }))),
      after: doc(body(obj({ a: str, id: { type: 'string', readOnly: true } }, ['id']))),
      want: ['request-field-added N request.body.id'],
    },
  ];
  it.each(cases)('$name', ({ before, after, want }) => {
    expect(changes(before, after)).toEqual(want);
  });
});

describe('diffSpecs: $ref, allOf, oneOf', () => {
  const components = (schemas: Record<string, unknown>) => ({ components: { schemas } });

  it('resolves $refs before comparing, in each document', () => {
    const before = doc(reply({ $ref: '#/components/schemas/Pet' }), components({ Pet: obj({ name: str, tag: str }) }));
    const after = doc(reply({ $ref: '#/components/schemas/Animal' }), components({ Animal: obj({ name: str }) }));
    expect(changes(before, after)).toEqual(['response-field-removed B response.200.body.tag']);
  });

  it('stops at recursive schemas and still finds changes inside them', () => {
    const tree = (leaf: unknown) =>
      components({
        Node: obj({ value: leaf, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } }),
      });
    const before = doc(reply({ $ref: '#/components/schemas/Node' }), tree({ type: 'integer' }));
    const after = doc(reply({ $ref: '#/components/schemas/Node' }), tree({ type: 'string' }));
    expect(changes(before, after)).toEqual(['response-field-retyped B response.200.body.value']);
  });

  it('merges allOf members', () => {
    const before = doc(
      reply({ allOf: [{ $ref: '#/components/schemas/Base' }, obj({ extra: str }, ['extra'])] }),
      components({ Base: obj({ id: str }, ['id']) }),
    );
    const after = doc(
      reply({ allOf: [{ $ref: '#/components/schemas/Base' }] }),
      components({ Base: obj({ id: str }, ['id']) }),
    );
    expect(changes(before, after)).toEqual(['response-field-removed B response.200.body.extra']);
  });

  it('compares oneOf variants by position, and notes it', () => {
    const before = doc(reply({ oneOf: [obj({ a: str }), obj({ b: str })] }));
    const after = doc(reply({ oneOf: [obj({ a: { type: 'integer' } }), obj({ b: str }), obj({ c: str })] }));
    const found = diffSpecs(before, after);
    expect(found.map((c) => `${c.kind} ${c.breaking ? 'B' : 'N'} ${c.location.split(' › ')[1]}`)).toEqual([
      'response-field-retyped B response.200.body.oneOf[0].a',
      'variant-added B response.200.body',
    ]);
    expect(found[1].detail).toMatch(/compared by position/);
  });

  it('reports no changes for identical documents', () => {
    const d = doc({ ...body(obj({ a: str }, ['a'])), ...reply(obj({ a: str })) });
    expect(diffSpecs(d, structuredClone(d))).toEqual([]);
  });
});
