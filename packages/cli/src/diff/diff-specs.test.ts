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

const LEVEL = { breaking: 'B', warning: 'W', info: 'N' } as const;

/** The changes as `kind level location-suffix` lines (B breaking, W warning, N info). */
function changes(before: any, after: any): string[] {
  return diffSpecs(before, after).map((c) => `${c.kind} ${LEVEL[c.level]} ${c.location.split(' › ')[1] ?? c.location}`);
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
      before: doc(reply(obj({ a: str, b: str }, ['b']))),
      after: doc(reply(obj({ a: str }))),
      want: ['response-field-removed B response.200.body.b'],
    },
    {
      name: 'retyped response field',
      before: doc(reply(obj({ n: { type: 'integer' } }))),
      after: doc(reply(obj({ n: { type: 'string' } }))),
      want: ['response-type-widened B response.200.body.n'],
    },
    {
      name: 'response field that may now be null (3.0 nullable)',
      before: doc(reply(obj({ n: str }))),
      after: doc(reply(obj({ n: { type: 'string', nullable: true } }))),
      want: ['response-became-nullable B response.200.body.n'],
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
      want: ['request-type-narrowed B request.body.n'],
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
      want: ['parameter-added-required B query.x'],
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
      want: ['request-enum-value-removed B request.body.s'],
    },
    {
      name: 'response enum gains a value',
      before: doc(reply(obj({ s: { type: 'string', enum: ['a'] } }))),
      after: doc(reply(obj({ s: { type: 'string', enum: ['a', 'b'] } }))),
      want: ['response-enum-value-added W response.200.body.s'],
    },
    {
      name: 'request minimum raised, maximum lowered, maxLength lowered',
      before: doc(body(obj({ n: { type: 'integer', minimum: 0, maximum: 10 }, s: { type: 'string', maxLength: 64 } }))),
      after: doc(body(obj({ n: { type: 'integer', minimum: 1, maximum: 5 }, s: { type: 'string', maxLength: 32 } }))),
      want: [
        'request-range-narrowed B request.body.n',
        'request-range-narrowed B request.body.n',
        'request-range-narrowed B request.body.s',
      ],
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
      want: ['request-range-narrowed B request.body.a', 'request-range-narrowed B request.body.b'],
    },
    {
      name: 'removed success status',
      before: { paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } },
      after: { paths: { '/a': { get: { responses: { '202': { description: 'ok' } } } } } },
      want: ['success-status-removed B response.200', 'status-added N response.202'],
    },
    {
      name: 'public operation now needs auth',
      before: doc({ security: [] }),
      after: doc({ security: [{ bearerAuth: [] }] }),
      want: ['security-tightened B security'],
    },
    {
      name: 'a role (scope) added, through the document default',
      before: doc({}, { security: [{ bearerAuth: [] }] }),
      after: doc({}, { security: [{ bearerAuth: ['admin'] }] }),
      want: ['security-tightened B security'],
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
      want: ['request-enum-value-added N request.body.s', 'response-enum-value-removed N response.200.body.s'],
    },
    {
      name: 'request range widened, request type widened (integer → number)',
      before: doc(body(obj({ n: { type: 'integer', maximum: 5 } }))),
      after: doc(body(obj({ n: { type: 'number', maximum: 10 } }))),
      want: ['request-type-widened N request.body.n', 'request-range-widened N request.body.n'],
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
      want: ['security-relaxed N security'],
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
    expect(changes(before, after)).toEqual(['response-optional-field-removed W response.200.body.tag']);
  });

  it('stops at recursive schemas and still finds changes inside them', () => {
    const tree = (leaf: unknown) =>
      components({
        Node: obj({ value: leaf, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } }),
      });
    const before = doc(reply({ $ref: '#/components/schemas/Node' }), tree({ type: 'integer' }));
    const after = doc(reply({ $ref: '#/components/schemas/Node' }), tree({ type: 'string' }));
    expect(changes(before, after)).toEqual(['response-type-widened B response.200.body.value']);
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

  it('reports no changes for identical documents', () => {
    const d = doc({ ...body(obj({ a: str }, ['a'])), ...reply(obj({ a: str })) });
    expect(diffSpecs(d, structuredClone(d))).toEqual([]);
  });
});

describe('diffSpecs: unions matched by identity, classified by direction', () => {
  const components = (schemas: Record<string, unknown>) => ({ components: { schemas } });
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const schemas = components({ Cat: obj({ meow: str }), Dog: obj({ bark: str }), Fox: obj({ yip: str }) });
  const cases: Array<{ name: string; before: any; after: any; want: string[] }> = [
    {
      name: 'a variant inserted first in a response union: only that variant, no fake removals',
      before: doc(reply({ oneOf: [ref('Cat'), ref('Dog')] }), schemas),
      after: doc(reply({ oneOf: [ref('Fox'), ref('Cat'), ref('Dog')] }), schemas),
      want: ['response-variant-added W response.200.body.oneOf[Fox]'],
    },
    {
      name: 'a variant appended to a two-variant response oneOf',
      before: doc(reply({ oneOf: [obj({ a: str }, ['a']), obj({ b: str }, ['b'])] })),
      after: doc(reply({ oneOf: [obj({ a: str }, ['a']), obj({ b: str }, ['b']), obj({ c: str }, ['c'])] })),
      want: ['response-variant-added W response.200.body.oneOf[#2]'],
    },
    {
      name: 'a variant removed from a request union breaks clients that send it',
      before: doc(body({ oneOf: [ref('Cat'), ref('Dog')] }), schemas),
      after: doc(body({ oneOf: [ref('Dog')] }), schemas),
      want: ['request-variant-removed B request.body.oneOf[Cat]'],
    },
    {
      name: 'a variant removed from a response union only means the server sends less',
      before: doc(reply({ anyOf: [ref('Cat'), ref('Dog')] }), schemas),
      after: doc(reply({ anyOf: [ref('Dog')] }), schemas),
      want: ['response-variant-removed N response.200.body.anyOf[Cat]'],
    },
    {
      name: 'a request type narrowed from a union to one of its members',
      before: doc(body(obj({ v: { oneOf: [str, { type: 'integer' }] } }))),
      after: doc(body(obj({ v: str }))),
      want: ['request-variant-removed B request.body.v.oneOf[#1]'],
    },
    {
      name: 'variants paired by discriminator value, changes found inside the right one',
      before: doc(
        reply({
          oneOf: [obj({ kind: { const: 'card' }, last4: str }), obj({ kind: { const: 'iban' }, iban: str }, ['iban'])],
          discriminator: { propertyName: 'kind' },
        }),
      ),
      after: doc(
        reply({
          oneOf: [obj({ kind: { const: 'iban' }, iban: str }), obj({ kind: { const: 'card' }, last4: str })],
          discriminator: { propertyName: 'kind' },
        }),
      ),
      want: ['response-field-optional B response.200.body.oneOf[iban].iban'],
    },
    {
      name: 'variants paired by title',
      before: doc(
        reply({
          oneOf: [
            { ...obj({ a: str }), title: 'A' },
            { ...obj({ b: str }), title: 'B' },
          ],
        }),
      ),
      after: doc(
        reply({
          oneOf: [
            { ...obj({ b: { type: 'integer' } }), title: 'B' },
            { ...obj({ a: str }), title: 'A' },
          ],
        }),
      ),
      want: ['response-type-widened B response.200.body.oneOf[B].b'],
    },
    {
      name: 'variants paired by a const on the same property (no discriminator)',
      before: doc(body({ anyOf: [obj({ op: { enum: ['add'] }, x: str }), obj({ op: { enum: ['del'] }, x: str })] })),
      after: doc(
        body({
          anyOf: [obj({ op: { enum: ['del'] }, x: str }), obj({ op: { enum: ['add'] }, x: { type: 'integer' } })],
        }),
      ),
      want: ['request-type-narrowed B request.body.anyOf[op="add"].x'],
    },
    {
      name: 'variants paired by structure when nothing names them',
      before: doc(reply({ oneOf: [obj({ a: str, b: str }), obj({ x: str, y: str })] })),
      after: doc(reply({ oneOf: [obj({ x: str, y: str, z: str }), obj({ a: str, b: str })] })),
      want: ['response-field-added N response.200.body.oneOf[#0].z'],
    },
    {
      name: 'an enum inside an anyOf with an unconstrained string member restricts nothing',
      before: doc(reply(obj({ s: { anyOf: [str, { enum: ['a', 'b'] }] } }))),
      after: doc(reply(obj({ s: { anyOf: [str, { enum: ['a', 'c', 'd'] }] } }))),
      want: [],
    },
    {
      name: 'the unconstrained member itself removed from a request anyOf narrows it',
      before: doc(body(obj({ s: { anyOf: [str, { enum: ['a'] }] } }))),
      after: doc(body(obj({ s: { anyOf: [{ enum: ['a'] }] } }))),
      want: ['request-variant-removed B request.body.s.anyOf[#0]'],
    },
    {
      name: 'a response field made nullable the 3.1 way (type array, or a null variant)',
      before: doc(reply(obj({ a: str, b: ref('Cat') })), schemas),
      after: doc(
        reply(obj({ a: { type: ['string', 'null'] }, b: { oneOf: [ref('Cat'), { type: 'null' }] } })),
        schemas,
      ),
      want: ['response-became-nullable B response.200.body.a', 'response-became-nullable B response.200.body.b'],
    },
    {
      name: 'a request field that may no longer be null',
      before: doc(body(obj({ a: { type: ['string', 'null'] } }))),
      after: doc(body(obj({ a: str }))),
      want: ['request-became-not-nullable B request.body.a'],
    },
    {
      name: 'an open response object that became a union of object shapes',
      before: doc(reply(obj({ p: { type: 'object', properties: { action: str } } }))),
      after: doc(reply(obj({ p: { oneOf: [ref('Cat'), obj({ action: str, n: str })] } })), schemas),
      want: ['response-field-added N response.200.body.p.oneOf[#1].n'],
    },
    {
      name: 'required alternatives added beside the same properties (anyOf of required lists)',
      before: doc(body(obj({ state: str, assignee: str }, ['state']))),
      after: doc(
        body({ ...obj({ state: str, assignee: str }), anyOf: [{ required: ['state'] }, { required: ['assignee'] }] }),
      ),
      want: ['requirement-relaxed N request.body.state'],
    },
  ];
  it.each(cases)('$name', ({ before, after, want }) => {
    expect(changes(before, after)).toEqual(want);
  });
});
