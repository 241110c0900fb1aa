import { describe, expect, it } from 'vitest';
import { answerRequest, requestFacts } from './answer-request';
import type { SpecOperation } from './spec-operations';

const doc = {};
const ok = { content: { 'application/json': { examples: { a: { value: { ok: true } } } } } };
const notFound = {
  content: { 'application/json': { examples: { a: { value: { message: 'No.', code: 'NOT_FOUND', status: 404 } } } } },
};
const op = (access: string, responses: Record<string, unknown>) =>
  ({ operationId: 'thing', method: 'get', path: '/thing', access, operation: { responses } }) as never as SpecOperation;
const facts = (headers: Record<string, string>) => requestFacts(new Request('http://x/thing', { headers }));

describe('answerRequest', () => {
  it('answers the default status with a credential', () => {
    expect(answerRequest(doc, op('user', { '200': ok }), facts({ authorization: 'Bearer t' }))).toMatchObject({
      status: 200,
      body: { ok: true },
    });
  });
  it('answers 401 UNAUTHENTICATED without one', () => {
    expect(answerRequest(doc, op('admin', { '200': ok }), facts({}))).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED', status: 401 },
    });
  });
  it('needs no credential for public and optional operations', () => {
    expect(answerRequest(doc, op('public', { '200': ok }), facts({})).status).toBe(200);
    expect(answerRequest(doc, op('optional', { '200': ok }), facts({})).status).toBe(200);
  });
  it('answers the documented status x-mock-status asks for, even without a credential', () => {
    expect(answerRequest(doc, op('user', { '200': ok, '404': notFound }), facts({ 'x-mock-status': '404' }))).toEqual({
      status: 404,
      headers: { 'Content-Type': 'application/json' },
      body: { message: 'No.', code: 'NOT_FOUND', status: 404 },
    });
  });
  it('answers 400 naming the header for an undocumented x-mock-status', () => {
    const answer = answerRequest(doc, op('public', { '200': ok }), facts({ 'x-mock-status': '418' }));
    expect(answer).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(answer.body).toHaveProperty('details', [{ field: 'header.x-mock-status', message: 'must be one of 200' }]);
  });
  it('answers 501 to a WebSocket upgrade or x-mock-status: 101', () => {
    const ws = op('public', { '101': {}, '200': ok, '501': {} });
    expect(answerRequest(doc, ws, facts({ upgrade: 'websocket' }))).toMatchObject({
      status: 501,
      body: { code: 'NOT_IMPLEMENTED' },
    });
    expect(answerRequest(doc, ws, facts({ 'x-mock-status': '101' })).status).toBe(501);
    expect(answerRequest(doc, ws, facts({})).status).toBe(200);
  });
});
